/*
 * fuzz_load.c - libFuzzer harness for the loaders: the input is read as a
 * plan file (against the shipped unit directory, with every check on) and
 * as a unit directory. A plan that loads is queried and rendered, and must
 * keep the loader's promises: every task has a milestone, milestones are
 * in deadline order within the plan year, ids are unique.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "duty/progress.h"
#include "duty/query.h"
#include "duty/strbuf.h"
#include "duty/table.h"
#include "duty/csv.h"
#include "duty/ics.h"
#include "duty/json.h"
#include "duty/utf8.h"
#include "fuzzing.h"

/* Per-unit records: each line lies in its cell, and writing a line back
 * in its place gives the cell as it was; every unit's state and tally can
 * be worked out. */
static void exercise_progress(const struct plan *plan)
{
	for (size_t t = 0; t < plan->task_count; t++) {
		const struct task *task = &plan->tasks[t];
		for (size_t m = 0; m < task->milestone_count; m++) {
			const struct milestone *milestone = &task->milestones[m];
			const struct milestone_record *recorded = milestone->progress;
			for (size_t r = 0; r < recorded->unit_record_count; r++) {
				const struct unit_done *record = &recorded->unit_records[r];
				if (record->start > record->end || record->end > strlen(recorded->units_done))
					abort();
				struct strbuf line = STRBUF_INIT, cell = STRBUF_INIT;
				strbuf_append(&line, recorded->units_done + record->start, record->end - record->start);
				progress_cell_change(&cell, recorded->units_done, true, record->start, record->end,
						     strbuf_text(&line));
				if (!cell.failed && strcmp(strbuf_text(&cell), recorded->units_done) != 0)
					abort();
				strbuf_free(&line);
				strbuf_free(&cell);
			}
			if (milestone->completed_on && recorded->done_on && milestone->completed_on != recorded->done_on)
				abort();
		}
	}
	for (size_t u = 0; u < plan->units->count && u < 30; u++) {
		struct unit_tally tally;
		unit_tally_count(plan, u, false, date_make(plan->year, 10, 15), &tally);
		if (tally.on_time + tally.late + tally.overdue + tally.not_yet_due != tally.milestones)
			abort();
	}
}

static void exercise(const struct plan *plan, FILE *sink)
{
	exercise_progress(plan);
	for (size_t t = 0; t < plan->task_count; t++) {
		const struct task *task = &plan->tasks[t];
		if (task->milestone_count == 0 || plan_find_task(plan, task->id) != task)
			abort();
		for (size_t m = 0; m < task->milestone_count; m++) {
			if (date_year(task->milestones[m].deadline) != plan->year)
				abort();
			if (m && task->milestones[m - 1].deadline > task->milestones[m].deadline)
				abort();
		}
	}
	struct query query = { .by_unit = true, .unit = 0, .from = date_make(plan->year, 1, 1),
			       .to = date_make(plan->year, 12, 31) };
	struct milestone_match *milestones = NULL;
	size_t count = query_milestones(plan, &query, &milestones);
	for (size_t i = 0; count != SIZE_MAX && i < count && i < 4; i++) {
		cJSON *due = json_due(plan, &milestones[i], true);
		json_print_indented(sink, due, 0);
		cJSON_Delete(due);
	}
	free(milestones);
	struct task_match *tasks = NULL;
	count = query_tasks(plan, &query, &tasks);
	struct table table;
	static const struct table_column columns[] = { { "ID", ALIGN_RIGHT, false }, { "Task", ALIGN_LEFT, true } };
	table_init(&table, columns, 2);
	for (size_t i = 0; count != SIZE_MAX && i < count && i < 8; i++) {
		const char *cells[] = { "1", tasks[i].task->title };
		table_add_row(&table, cells);
		cJSON *object = json_task(plan, tasks[i].task, true, tasks[i].via);
		json_print_indented(sink, object, 1);
		cJSON_Delete(object);
		const char *fields[] = { tasks[i].task->title, tasks[i].task->requirement };
		csv_write_record(sink, fields, 2, false);
	}
	struct table_style style = { .width = 40, .indent = 2, .header = true };
	table_print(&table, &style, sink);
	table_free(&table);
	free(tasks);
}

/* The input as a plan file, loaded as commands load one: the fuzz build
 * maps every file (DUTY_INPUT_MAP_FROM), so this is the mapped path, never
 * written and not NUL-terminated. It must load as the bytes do. */
static void load_as_file(const uint8_t *data, size_t size, const struct plan *from_bytes)
{
	static char path[] = "/tmp/duty-fuzz-plan-XXXXXX";
	static int descriptor = -1;
	if (descriptor < 0 && (descriptor = mkstemp(path)) < 0)
		return;
	if (ftruncate(descriptor, 0) != 0 || pwrite(descriptor, data, size, 0) != (ssize_t)size)
		return;
	struct diagnostics diag;
	diagnostics_init(&diag, 8);
	struct load_options options = { .thorough = true };
	struct plan *plan = plan_load(path, shipped_units(), &options, &diag);
	if ((plan == NULL) != (from_bytes == NULL) || (plan && plan->task_count != from_bytes->task_count))
		abort();
	plan_free(plan);
	diagnostics_free(&diag);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	if (!sink)
		sink = fopen("/dev/null", "w");
	/* The vectorised UTF-8 check agrees with the byte-by-byte one. */
	if (utf8_validate((const char *)data, size) != utf8_validate_portable((const char *)data, size))
		abort();
	struct diagnostics diag;
	diagnostics_init(&diag, 8);
	struct load_options options = { .thorough = true };
	struct plan *plan = plan_load_bytes("fuzz.csv", (const char *)data, size, shipped_units(), &options, &diag);
	if (plan)
		exercise(plan, sink);
	load_as_file(data, size, plan);
	plan_free(plan);
	/* As `duty check` reads a plan when its unit directory is broken. */
	plan_free(plan_load_bytes("fuzz.csv", (const char *)data, size, NULL, &options, &diag));
	struct unit_directory *units = units_load_bytes("fuzz-units.csv", (const char *)data, size, &options, &diag);
	if (units) {
		struct unit_resolution found = units_resolve(units, "市");
		unit_resolution_free(&found);
	}
	units_free(units);
	for (size_t i = 0; i < diag.kept_count; i++)
		free(diagnostic_format(&diag.kept[i]));
	diagnostics_free(&diag);
	return 0;
}
