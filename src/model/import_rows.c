/*
 * import_rows.c - the rows of a received table into draft tasks: headings,
 * continuation rows, numbering, and the units of a task taken from the
 * task above when its cell is empty.
 */
#include "import_rows.h"

#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "duty/array.h"
#include "duty/csvwrite.h"
#include "duty/i18n.h"
#include "duty/names.h"
#include "duty/text.h"
#include "import_cells.h"

/* One row's cells, cleaned, by role. */
struct row_cells {
	const char *number, *title, *requirement, *units, *lead, *support, *deadline;
	long line;
	bool requirement_from_title;  /* the requirement cell is empty: the title stands for it */
};

static enum cell_lines lines_of(enum column_role role)
{
	switch (role) {
	case ROLE_UNITS:
	case ROLE_LEAD:
	case ROLE_SUPPORT:
		return LINES_AS_NAMES;
	case ROLE_REQUIREMENT:
		return LINES_AS_PARAGRAPHS;
	case ROLE_DEADLINE:
		return LINES_AS_ITEMS;
	default:
		return LINES_AS_TEXT;
	}
}

/* A cell's text as the plan will hold it, checked by the one rule for
 * values duty writes (no control characters): an error on the source's
 * line when it breaks it. NULL when memory ran out. */
static const char *read_cell(struct import_state *state, const struct grid_row *row, size_t column,
			     enum cell_lines lines)
{
	const char *text = cell_clean(state->arena, row_cell(row, column), lines);
	struct value_check check;
	if (!text || (!csv_value_check(text, ENCODING_UTF8, &check) && check.problem == VALUE_NO_MEMORY)) {
		import_out_of_memory(state);
		return NULL;
	}
	if (check.problem != VALUE_OK) {
		struct strbuf why = STRBUF_INIT;
		csv_value_explain(&why, &check);
		const char *name = row_cell(&state->grid->rows[state->columns.header_row], column);
		diag_error(state->diag, state->source, row->line, name,
			   _("this cell cannot go into the plan as it is: %s; correct it in the source"),
			   strbuf_text(&why));
		strbuf_free(&why);
	}
	return text;
}

static bool read_row(struct import_state *state, const struct grid_row *row, struct row_cells *cells)
{
	const char **slots[ROLE_COUNT] = { &cells->number, &cells->title, &cells->requirement, &cells->units,
					   &cells->lead, &cells->support, &cells->deadline };
	for (int role = 0; role < ROLE_COUNT; role++) {
		*slots[role] = read_cell(state, row, state->columns.of_role[role], lines_of((enum column_role)role));
		if (!*slots[role])
			return false;
	}
	char date[DATE_TEXT_SIZE];
	if (cell_excel_date(cells->deadline, date)) {
		diag_warning(state->review, state->source, row->line, NULL,
			     _("the deadline cell %s is read as an Excel date serial number: %s"), cells->deadline, date);
		cells->deadline = import_keep(state, date, strlen(date));
	}
	/* Either text column stands for both when the other is missing or empty. */
	cells->requirement_from_title = !cells->requirement[0] && cells->title[0]
					&& state->columns.of_role[ROLE_REQUIREMENT] != SIZE_MAX;
	if (!cells->requirement[0])
		cells->requirement = cells->title;
	if (!cells->title[0])
		cells->title = cells->requirement;
	cells->line = row->line;
	return true;
}

static bool has_units(const struct row_cells *cells)
{
	return cells->units[0] || cells->lead[0] || cells->support[0];
}

/* A heading ("一、强化源头治理") or a note below the table: one text merged
 * across the row, or a row without units, deadline or number that has a
 * title or a requirement but not both. */
static bool is_heading(const struct import_state *state, const struct grid_row *row, const struct row_cells *cells)
{
	const char *first = NULL;
	size_t filled = 0;
	bool same = true;
	for (size_t c = 0; c < row->count; c++) {
		const char *cell = row_cell(row, c);
		if (!cell[0])
			continue;
		filled++;
		if (!first)
			first = cell;
		else if (strcmp(first, cell) != 0)
			same = false;
	}
	if (filled > 1 && same)
		return true;
	bool numbered = state->columns.of_role[ROLE_NUMBER] != SIZE_MAX && cell_task_number(cells->number) > 0;
	bool both_texts = cells->title != cells->requirement && cells->title[0] && cells->requirement[0];
	return !has_units(cells) && !cells->deadline[0] && !numbered && !both_texts;
}

static void join_text(struct strbuf *text, const char *more, const char *separator)
{
	if (!more[0])
		return;
	if (text->length && strstr(strbuf_text(text), more))
		return;   /* the same cell again (merged) */
	if (text->length)
		strbuf_puts(text, separator);
	strbuf_puts(text, more);
}

/* The row's requirement added to the task's, with the deadline cell that
 * governs it. */
static bool add_piece(struct import_state *state, struct draft_task *task, const struct row_cells *cells)
{
	const char *text = cells->requirement;
	if (!text[0])
		return true;
	struct strbuf *requirement = &task->requirement;
	if (requirement->length) {
		const char *so_far = strbuf_text(requirement);
		if (strstr(so_far, text))
			return true;   /* a merged cell repeated */
		if (!text_ends_at(so_far, requirement->length, "。") && !text_ends_at(so_far, requirement->length, "；")
		    && !text_ends_at(so_far, requirement->length, ";"))
			strbuf_puts(requirement, "；");
	}
	struct requirement_piece *pieces = array_reserve(task->pieces, &task->piece_capacity, task->piece_count,
							 sizeof *pieces);
	if (!pieces) {
		import_out_of_memory(state);
		return false;
	}
	task->pieces = pieces;
	pieces[task->piece_count++] = (struct requirement_piece){ requirement->length, strlen(text), cells->deadline,
								  cells->line };
	strbuf_puts(requirement, text);
	join_text(&task->deadline_text, cells->deadline, "；");
	return !requirement->failed;
}

/* The row's units wording (the units cell, then the lead and the support
 * cells, joined by ，) and requirement added to the task (not a title
 * standing for an empty requirement cell in a row that goes on with it). */
static bool add_row_to_task(struct import_state *state, struct draft_task *task, const struct row_cells *cells,
			    bool with_requirement)
{
	struct strbuf wording = STRBUF_INIT;
	join_text(&wording, cells->units, "，");
	join_text(&wording, cells->lead, "，");
	join_text(&wording, cells->support, "，");
	join_text(&task->units_text, strbuf_text(&wording), "，");
	strbuf_free(&wording);
	join_text(&task->lead_text, cells->lead, "，");
	return with_requirement ? add_piece(state, task, cells) : !task->units_text.failed;
}

static bool take_id(struct import_state *state, long id)
{
	char key[24];
	int length = snprintf(key, sizeof key, "%ld", id);
	const char *kept = arena_strndup(state->arena, key, (size_t)length);
	if (!kept || !name_index_add(state->ids, kept, (size_t)length, 1, NULL)) {
		import_out_of_memory(state);
		return false;
	}
	if (id > state->largest_id)
		state->largest_id = id;
	return true;
}

static bool id_is_taken(const struct import_state *state, long id)
{
	char key[24];
	int length = snprintf(key, sizeof key, "%ld", id);
	return name_index_get(state->ids, key, (size_t)length) != SIZE_MAX;
}

static struct draft_task *new_task(struct import_state *state, long id, const struct row_cells *cells,
				   const struct grid_row *row)
{
	struct draft_task *tasks = array_reserve(state->tasks, &state->task_capacity, state->task_count,
						 sizeof *tasks);
	const char **extras = arena_array(state->arena, state->columns.extra_count + 1, sizeof *extras);
	if (!tasks || !extras) {
		import_out_of_memory(state);
		return NULL;
	}
	state->tasks = tasks;
	for (size_t e = 0; e < state->columns.extra_count; e++) {
		extras[e] = read_cell(state, row, state->columns.extra[e], LINES_AS_TEXT);
		if (!extras[e])
			return NULL;
	}
	if (!take_id(state, id))
		return NULL;
	struct draft_task *task = &tasks[state->task_count++];
	*task = (struct draft_task){ .id = id, .line = cells->line, .title = cells->title, .extras = extras };
	return task;
}

/* Whether the row goes on with the task above: in a numbered table, no
 * number (or the same one) and the same title or an empty title cell; in
 * a table without numbers, the same title. */
static bool continues(const struct import_state *state, const struct grid_row *row, const struct row_cells *cells,
		      const struct draft_task *previous)
{
	if (!previous)
		return false;
	const size_t *of_role = state->columns.of_role;
	bool numbered = of_role[ROLE_NUMBER] != SIZE_MAX;
	bool titled = of_role[ROLE_TITLE] != SIZE_MAX && of_role[ROLE_REQUIREMENT] != SIZE_MAX;
	bool same_title = strcmp(previous->title, cells->title) == 0;
	if (!numbered)
		return titled && same_title;
	if (cells->number[0] && cell_task_number(cells->number) != previous->id)
		return false;
	if (same_title || !titled)
		return true;
	/* The title cell is empty: merged with the one above. */
	return !cells->number[0] && !row_cell(row, of_role[ROLE_TITLE])[0];
}

/* The number of a new task: its own, or the next free one when it has
 * none, a repeated one or not a number (reviewed). */
static long number_of_new_task(struct import_state *state, const struct row_cells *cells)
{
	bool numbered = state->columns.of_role[ROLE_NUMBER] != SIZE_MAX;
	long given = numbered ? cell_task_number(cells->number) : 0;
	if (!numbered || (given && !id_is_taken(state, given)))
		return numbered ? given : state->largest_id + 1;
	long id = state->largest_id + 1;
	if (!cells->number[0])
		diag_warning(state->review, state->source, cells->line, NULL, _("the row has no number: it is task %ld"),
			     id);
	else if (given)
		diag_warning(state->review, state->source, cells->line, NULL,
			     _("the number %ld is used twice: this row is task %ld"), given, id);
	else
		diag_warning(state->review, state->source, cells->line, NULL,
			     _("\"%s\" is not a task number: this row is task %ld"), cells->number, id);
	return id;
}

/* Text in cells beyond the header's columns belongs to no column. In a
 * Word or Excel table the other cells are where they belong, and it is
 * left out (reviewed); in a text source a cell split in two (a comma
 * outside quotes) has shifted the cells after it, and that is an error. */
static void check_row_width(struct import_state *state, const struct grid_row *row)
{
	struct strbuf beyond = STRBUF_INIT;
	for (size_t c = state->columns.width; c < row->count; c++)
		if (!cell_is_blank(row->cells[c]))
			strbuf_printf(&beyond, "%s\"%s\"", beyond.length ? ", " : "", row->cells[c]);
	if (beyond.failed)
		import_out_of_memory(state);
	else if (beyond.length && (state->grid->kind == SOURCE_DOCX || state->grid->kind == SOURCE_XLSX))
		diag_warning(state->review, state->source, row->line, NULL,
			     _("the row has text beyond the header's %zu columns, which is left out: %s"),
			     state->columns.width, strbuf_text(&beyond));
	else if (beyond.length)
		diag_error(state->diag, state->source, row->line, NULL,
			   _("the row has text beyond the header's %zu columns (%s): a cell split in two (in CSV, a "
			   "comma outside quotes) has moved the cells after it; put the text back in its cell"),
			   state->columns.width, strbuf_text(&beyond));
	strbuf_free(&beyond);
}

/* A task of its own for the row; NULL when it cannot have one (said why,
 * or memory ran out: state->failed). */
static struct draft_task *start_task(struct import_state *state, const struct grid_row *row,
				     const struct row_cells *cells)
{
	if (!cells->title[0]) {
		diag_error(state->diag, state->source, row->line, NULL,
			   _("the row has neither a title nor a requirement, only a number and units or a deadline; "
			   "fill in its task in the source, or delete the row"));
		return NULL;
	}
	struct draft_task *task = new_task(state, number_of_new_task(state, cells), cells, row);
	if (task && cells->requirement_from_title)
		diag_warning(state->review, state->source, row->line, NULL,
			     _("task %ld: the requirement cell is empty: the title \"%s\" is taken as the requirement"),
			     task->id, cells->title);
	return task;
}

/* One row below the header: skipped, a heading, a new task or more of
 * the task above. */
static bool read_task_row(struct import_state *state, const struct grid_row *row)
{
	if (import_is_header_again(row))
		return true;   /* on a new page, or the header's lower row */
	check_row_width(state, row);
	struct row_cells cells;
	if (!read_row(state, row, &cells))
		return false;
	if (!cells.requirement[0] && !has_units(&cells) && !cells.deadline[0])
		return true;   /* only a number, or nothing */
	if (is_heading(state, row, &cells)) {
		const char *text = cells.requirement[0] ? cells.requirement : cells.number;
		diag_warning(state->review, state->source, row->line, NULL,
			     _("\"%s\" is taken as a heading, not a task: it has no requirement or no units"), text);
		return true;
	}
	struct draft_task *previous = state->task_count ? &state->tasks[state->task_count - 1] : NULL;
	if (continues(state, row, &cells, previous)) {
		bool numbered = state->columns.of_role[ROLE_NUMBER] != SIZE_MAX;
		diag_warning(state->review, state->source, row->line, NULL,
			     _("this row continues task %ld (%s): its requirement is added to that task's"), previous->id,
			     numbered ? _("no number of its own") : _("the same task title"));
		return add_row_to_task(state, previous, &cells, !cells.requirement_from_title);
	}
	struct draft_task *task = start_task(state, row, &cells);
	if (!task)
		return !state->failed;   /* an error is said; the other rows are read for theirs */
	return add_row_to_task(state, task, &cells, true);
}

/* A task without units takes those of the task above (a cell merged
 * down); the first task cannot. */
static bool take_units_from_above(struct import_state *state)
{
	for (size_t t = 0; t < state->task_count; t++) {
		struct draft_task *task = &state->tasks[t];
		if (task->units_text.length)
			continue;
		if (t == 0) {
			diag_error(state->diag, state->source, task->line, NULL,
				   _("task %ld names no responsible unit; fill in its units cell in the source"), task->id);
			return false;
		}
		const struct draft_task *above = &state->tasks[t - 1];
		strbuf_puts(&task->units_text, strbuf_text(&above->units_text));
		strbuf_puts(&task->lead_text, strbuf_text(&above->lead_text));
		diag_warning(state->review, state->source, task->line, NULL,
			     _("task %ld names no unit: it takes those of task %ld above (\"%s\")"), task->id, above->id,
			     strbuf_text(&task->units_text));
	}
	return true;
}

/* Whether a row below the header names units in any units column. */
static bool row_names_units(const struct import_state *state, const struct grid_row *row)
{
	static const enum column_role roles[] = { ROLE_UNITS, ROLE_LEAD, ROLE_SUPPORT };
	for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
		if (!cell_is_blank(row_cell(row, state->columns.of_role[roles[i]])))
			return true;
	return false;
}

/* Word's automatic list numbering is not text: a number column that is
 * empty in every row naming units numbers nothing, and the tasks are
 * numbered in order as in a table without one (reviewed). */
static void ignore_empty_number_column(struct import_state *state)
{
	const struct grid *grid = state->grid;
	size_t column = state->columns.of_role[ROLE_NUMBER];
	size_t task_rows = 0;
	for (size_t r = state->columns.header_row + 1; r < grid->row_count && column != SIZE_MAX; r++) {
		const struct grid_row *row = &grid->rows[r];
		if (import_is_header_again(row) || !row_names_units(state, row))
			continue;
		if (!cell_is_blank(row_cell(row, column)))
			return;
		task_rows++;
	}
	if (task_rows == 0)
		return;
	const struct grid_row *header = &grid->rows[state->columns.header_row];
	diag_warning(state->review, state->source, header->line, NULL,
		     _("the column \"%s\" is empty in every row with units (Word's automatic numbering is not "
		     "text): the tasks are numbered in order from 1"),
		     row_cell(header, column));
	state->columns.of_role[ROLE_NUMBER] = SIZE_MAX;
}

bool import_read_rows(struct import_state *state)
{
	ignore_empty_number_column(state);
	const struct grid *grid = state->grid;
	state->ids = name_index_new(256);
	if (!state->ids) {
		import_out_of_memory(state);
		return false;
	}
	size_t errors = state->diag->errors;
	for (size_t r = state->columns.header_row + 1; r < grid->row_count && !state->failed; r++)
		if (!read_task_row(state, &grid->rows[r]))
			return false;
	if (state->diag->errors != errors)
		return false;
	if (state->task_count == 0 && !state->failed) {
		diag_error(state->diag, state->source, grid->rows[state->columns.header_row].line, NULL,
			   _("the table has a header but no task below it"));
		return false;
	}
	if (!take_units_from_above(state))
		return false;
	for (size_t t = 0; t < state->task_count; t++) {
		const struct draft_task *task = &state->tasks[t];
		if (task->requirement.failed || task->units_text.failed || task->lead_text.failed
		    || task->deadline_text.failed)
			import_out_of_memory(state);
	}
	return !state->failed;
}
