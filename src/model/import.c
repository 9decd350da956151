/*
 * import.c - a grid (the table as the source has it) into the text of a
 * plan file and a unit directory, step by step:
 *
 *   header     the first row naming known columns (import_header.c)
 *   title      and year, from the lines above the table (import_title.c)
 *   rows       into draft tasks (import_rows.c)
 *   items      milestones and targets of each requirement
 *              (import_requirements.c)
 *   units      new units, the directory written, each task's units
 *              (import_units.c)
 *   plan       the drafts as the model's tasks, written by plan_write.c
 *              and loaded back with the new directory before anything is
 *              saved (import_save.c)
 *
 * What is guessed goes to the review list; what stops the import to diag.
 */
#include "duty/import.h"

#include <stdint.h>
#include <stdlib.h>

#include "duty/i18n.h"
#include "duty/import_header.h"
#include "duty/load.h"
#include "duty/plan_write.h"
#include "import_requirements.h"
#include "import_rows.h"
#include "import_state.h"
#include "import_title.h"
#include "import_units.h"

static struct task task_of_draft(const struct draft_task *draft)
{
	return (struct task){
		.id = draft->id,
		.title = draft->title,
		.requirement = strbuf_text(&draft->requirement),
		.units_text = strbuf_text(&draft->units_text),
		.units = draft->units,
		.unit_count = draft->unit_count,
		.units_etc = draft->units_etc,
		.lead_units = draft->leads,
		.lead_unit_count = draft->lead_count,
		.deadline_text = strbuf_text(&draft->deadline_text),
		.milestones = draft->milestones,
		.milestone_count = draft->milestone_count,
		.targets = draft->targets,
		.target_count = draft->target_count,
		.extras = draft->extras,
		.line = draft->line,
	};
}

/* The drafts as the model's tasks, written as a plan file. */
static bool write_plan(struct import_state *state)
{
	struct task *tasks = arena_array(state->arena, state->task_count + 1, sizeof *tasks);
	if (!tasks) {
		import_out_of_memory(state);
		return false;
	}
	for (size_t t = 0; t < state->task_count; t++)
		tasks[t] = task_of_draft(&state->tasks[t]);
	struct plan plan = {
		.title = state->result->title,
		.year = state->result->year,
		.tasks = tasks,
		.task_count = state->task_count,
		.extra_columns = state->columns.extra_names,
		.extra_column_count = state->columns.extra_count,
		.units = state->final,
	};
	struct strbuf out = STRBUF_INIT;
	if (!plan_write(&plan, &out)) {
		strbuf_free(&out);
		import_out_of_memory(state);
		return false;
	}
	state->result->plan_size = out.length;
	state->result->plan_text = strbuf_detach(&out);
	state->result->task_count = state->task_count;
	return state->result->plan_text != NULL;
}

/* Only a plan that loads is written: load it as every command will. */
static bool check_plan(struct import_state *state)
{
	struct load_options options = { .encoding = ENCODING_UTF8 };
	const char *name = state->options->plan_path ? state->options->plan_path : "plan.csv";
	struct plan *plan = plan_load_bytes(name, state->result->plan_text, state->result->plan_size, state->final,
					    &options, state->diag);
	bool ok = plan != NULL;
	plan_free(plan);
	return ok;
}

static bool map_columns(struct import_state *state, size_t header_row)
{
	if (!column_map_read(&state->columns, state->grid, header_row, state->arena, state->review))
		import_out_of_memory(state);
	return !state->failed;
}

struct import *import_grid(const struct grid *grid, const struct import_options *options,
			   struct diagnostics *review, struct diagnostics *diag)
{
	struct import *result = calloc(1, sizeof *result);
	if (!result) {
		diag_memory_error(diag, grid->file, 0, _("out of memory while importing"));
		return NULL;
	}
	arena_init(&result->arena);
	struct import_state state = {
		.grid = grid,
		.options = options,
		.review = review,
		.diag = diag,
		.result = result,
		.arena = &result->arena,
		.source = grid->file,
		.directory_encoding = ENCODING_UTF8,
	};
	size_t errors_before = diag->errors;
	size_t header_row = import_find_header(grid);
	if (header_row == SIZE_MAX)
		diag_error(diag, grid->file, 0, NULL,
			   _("no table header found: expected a row naming the columns, such as 序号, 重点工作, "
			   "年度进度要求, 责任单位"));
	else if (import_load_known_units(&state) && map_columns(&state, header_row)
		 && import_find_title_and_year(&state) && import_read_rows(&state) && import_read_requirements(&state)
		 && import_add_new_units(&state) && import_resolve_units(&state) && write_plan(&state))
		check_plan(&state);
	import_state_free(&state);
	if (diag->errors != errors_before || state.failed) {
		import_free(result);
		return NULL;
	}
	return result;
}

void import_free(struct import *import)
{
	if (!import)
		return;
	free(import->plan_text);
	free(import->units_text);
	arena_free(&import->arena);
	free(import);
}
