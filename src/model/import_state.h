/*
 * import_state.h - what one duty import carries from step to step: the
 * grid and its column map, the tasks as the rows give them (drafts), the
 * unit directory given and the new units, and where messages go. The
 * steps are import_title, import_rows, import_requirements and
 * import_units; import.c runs them in order. Only import uses it.
 */
#ifndef DUTY_IMPORT_STATE_H
#define DUTY_IMPORT_STATE_H

#include <stdbool.h>
#include <stddef.h>

#include "duty/diag.h"
#include "duty/grid.h"
#include "duty/import.h"
#include "duty/import_header.h"
#include "duty/plan.h"
#include "duty/strbuf.h"
#include "duty/units.h"

/* One row's share of a task's requirement: the part it added, and the
 * deadline cell that governs it. */
struct requirement_piece {
	size_t start, length;        /* in the task's requirement */
	const char *deadline;        /* the deadline cell of its row, or "" */
	long line;
};

/* A task as the rows give it, then with its milestones, targets and units. */
struct draft_task {
	long id;
	long line;
	const char *title;
	struct strbuf requirement;
	struct strbuf units_text, lead_text, deadline_text;
	struct requirement_piece *pieces;
	size_t piece_count, piece_capacity;
	const char **extras;             /* the extra columns' cells */
	/* filled in once the rows are read */
	struct milestone *milestones;    /* column_group: its place in the text until sorted */
	size_t milestone_count, milestone_capacity;
	struct target *targets;
	size_t target_count, target_capacity;
	size_t *units, *leads;           /* in the written directory, in the arena */
	size_t unit_count, lead_count;
	bool units_etc;
};

/* A unit the tasks name and the directory given does not have. */
struct new_unit {
	const char *name;
	struct unit_guess guess;
	long line;                   /* of the task that first names it */
	long task;
};

struct import_state {
	const struct grid *grid;
	const struct import_options *options;
	struct diagnostics *review, *diag;
	struct import *result;           /* title, year, counts, the files' text */
	struct arena *arena;             /* the result's */
	const char *source;              /* the grid's file, for messages */
	struct column_map columns;
	struct draft_task *tasks;
	size_t task_count, task_capacity;
	long largest_id;
	struct name_index *ids;          /* the task numbers taken */
	struct unit_directory *known;    /* --units, or NULL */
	char *known_text;                /* its text in UTF-8 */
	size_t known_size;
	char *known_bytes;               /* its bytes, kept as they are in the written directory */
	size_t known_bytes_size;
	enum encoding directory_encoding;   /* of the written directory: the given one's, else UTF-8 */
	struct new_unit *new_units;
	size_t new_unit_count, new_unit_capacity;
	struct name_index *new_names;
	struct unit_directory *final;    /* the written directory, loaded back */
	bool failed;                     /* memory ran out */
};

/* Notes that memory ran out (said once, in diag). */
void import_out_of_memory(struct import_state *state);

/* A copy of text in the result's arena; "" when memory ran out. */
const char *import_keep(struct import_state *state, const char *text, size_t length);

void import_state_free(struct import_state *state);

#endif
