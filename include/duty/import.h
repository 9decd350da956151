/*
 * import.h - a table as an office receives it (a grid, grid.h) turned into
 * a plan file and a unit directory (docs/data-format.md): the header found
 * by its names, the year and title, one task per row, milestones by the
 * split and deadline rules (split.h, phrases.h), targets (targets.h), and
 * units read from the source's wording against a unit directory, new ones
 * added with a guessed kind. Everything it guessed goes to a review list.
 * Nothing is written until import_save, and only a plan that loads is
 * ever written.
 */
#ifndef DUTY_IMPORT_H
#define DUTY_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "duty/arena.h"
#include "duty/diag.h"
#include "duty/grid.h"
#include "duty/input.h"

struct import_options {
	int year;                   /* the plan year; 0: from the title, else the table's dates */
	const char *title;          /* the plan's title; NULL: the line above the table */
	const char *units_path;     /* the unit directory to resolve names against and keep; NULL: none */
	enum encoding encoding;     /* of the unit directory */
	const char *plan_path;      /* where the plan will go: names the written files in messages */
	const char *units_out_path; /* where the unit directory will go */
};

struct import {
	struct arena arena;
	const char *title;
	int year;
	size_t task_count, milestone_count, target_count;
	size_t unit_count;          /* units of the written directory (groups too, not phrases) */
	size_t new_unit_count;      /* of them, the ones the tasks named and the directory did not have */
	char *plan_text;            /* the plan file: UTF-8 with a byte order mark */
	size_t plan_size;
	char *units_text;           /* the unit directory */
	size_t units_size;
};

/* Whether a row is the header of a responsibility table: it names a task
 * or requirement column and at least one more known column (序号, 重点工作,
 * 年度进度要求, 责任单位, 牵头单位, 完成时限, ...), ignoring spaces and
 * full-width forms. The test source_read takes; context is unused. */
bool import_is_header(const struct grid_row *row, void *context);

/* Derives the plan from the grid. Guesses go to review as warnings, with
 * the source's file and line; problems that stop the import go to diag.
 * Returns NULL when there is any (or memory ran out). */
struct import *import_grid(const struct grid *grid, const struct import_options *options,
			   struct diagnostics *review, struct diagnostics *diag);

void import_free(struct import *import);

enum import_saved {
	IMPORT_SAVED,
	IMPORT_EXISTS,         /* a file is there already and force was not given: nothing written */
	IMPORT_WRITE_FAILED,   /* writing failed: the files are as they were */
};

/* Writes the plan to plan_path and the unit directory to units_path, each
 * atomically (safefile.h), holding the plan's lock. An existing file is
 * replaced only with force (a unit directory whose bytes would not change
 * is left alone). When the plan cannot be written, the unit directory is
 * put back as it was. */
enum import_saved import_save(const struct import *import, const char *plan_path, const char *units_path,
			      bool force, struct diagnostics *diag);

#endif
