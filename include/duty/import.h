/*
 * import.h - a table as an office receives it (a grid, grid.h) turned into
 * a plan file and a unit directory (docs/data-format.md): the header found
 * by its names, the year and title, one task per row, milestones by the
 * split and deadline rules (split.h, phrases.h), targets (targets.h), and
 * units read from the source's wording against a unit directory, new ones
 * added with a guessed kind. Everything it guessed goes to a review list.
 * Nothing is written until import_save (import_save.h), and only a plan
 * that loads is ever written. The steps are in import.c.
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

/* Derives the plan from the grid. Guesses go to review as warnings, with
 * the source's file and line; problems that stop the import go to diag.
 * Returns NULL when there is any (or memory ran out). */
struct import *import_grid(const struct grid *grid, const struct import_options *options,
			   struct diagnostics *review, struct diagnostics *diag);

void import_free(struct import *import);

#endif
