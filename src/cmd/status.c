/*
 * status.c - `duty status [--unit U] [--by-unit]`: where the work stands.
 * Every milestone with its status (done, done late, due this month,
 * overdue, pending) and how many of its units have done their part, every
 * target with its reports and whether they meet it, and per unit the
 * counts. With --unit, the unit's own milestones and targets as that unit
 * stands; with --by-unit, the 考核 view (cli/assess.c).
 */
#include <stdlib.h>
#include <string.h>

#include "cli/assess.h"
#include "cli/cli.h"
#include "cli/output.h"
#include "cli/scope.h"
#include "cli/views.h"
#include "duty/csv.h"
#include "duty/format.h"
#include "duty/json.h"
#include "duty/progress.h"
#include "duty/table.h"
#include "duty/text.h"

/* What the command looks at: the unit of --unit, or every unit. */
static size_t scope_unit(const struct query *query)
{
	return query->by_unit ? query->unit : EVERY_UNIT;
}

/* Counts the milestones and targets of the tasks, as the unit (or the
 * whole plan) stands. */
static void count_all(const struct cli *cli, const struct query *query, const struct task_match *tasks,
		      size_t count, struct unit_tally *total)
{
	if (query->by_unit) {
		unit_tally_count(cli->plan, query->unit, query->direct_only, cli->today, total);
		return;
	}
	*total = (struct unit_tally){ .unit = EVERY_UNIT };
	for (size_t i = 0; i < count; i++) {
		const struct task *task = tasks[i].task;
		for (size_t m = 0; m < task->milestone_count; m++) {
			enum milestone_status status = milestone_status(&task->milestones[m], cli->today);
			total->milestones++;
			total->on_time += status == STATUS_DONE;
			total->late += status == STATUS_DONE_LATE;
			total->overdue += status == STATUS_OVERDUE;
			total->due_this_month += status == STATUS_DUE;
			total->not_yet_due += status == STATUS_DUE || status == STATUS_PENDING;
		}
		for (size_t t = 0; t < task->target_count; t++) {
			struct target_progress report = target_progress(cli->units, &task->targets[t], EVERY_UNIT);
			total->targets++;
			total->not_reported += !report.reported;
			total->met += report.reported && report.met;
			total->not_met += report.reported && !report.met;
		}
	}
}

static const char *attainment(struct target_progress report)
{
	if (!report.reported)
		return _("not reported");
	return report.met ? _("met") : _("not met");
}

/* "1/12": how many of the units a milestone governs have done their part. */
static void units_done_text(struct strbuf *out, const struct cli *cli, const struct task *task,
			    const struct milestone *milestone)
{
	size_t count;
	size_t done = milestone_units_done(cli->units, task, milestone, cli->today, EVERY_UNIT, &count);
	strbuf_printf(out, "%zu/%zu", done, count);
}

/* A milestone's own text tells 12.1 from 12.2 (cut to one line when the
 * table is fitted); the task's title says what it belongs to. */
static const struct table_column milestone_columns[] = {
	{ N_("ID"), ALIGN_LEFT, false },      { N_("Deadline"), ALIGN_LEFT, false },
	{ N_("Status"), ALIGN_LEFT, false },  { N_("Done on"), ALIGN_LEFT, false },
	{ N_("Task"), ALIGN_LEFT, true },     { N_("Milestone"), ALIGN_LEFT, true },
	{ N_("Note"), ALIGN_LEFT, true },     { N_("Units done"), ALIGN_RIGHT, false },
};
enum { MILESTONE_TEXT_COLUMN = 5 };

/* The milestones status shows, one after another from task *t, milestone
 * *m: every milestone of the tasks, or with --unit those the unit answers
 * for. NULL after the last. */
static const struct milestone *next_shown(const struct cli *cli, const struct query *query,
					  const struct task_match *tasks, size_t count, size_t *t, size_t *m)
{
	for (; *t < count; ++*t, *m = 0) {
		const struct task *task = tasks[*t].task;
		for (; *m < task->milestone_count; ++*m)
			if (!query->by_unit
			    || milestone_duty(cli->units, task, &task->milestones[*m], query->unit).responsible)
				return &task->milestones[*m];
	}
	return NULL;
}

static void print_milestones(struct cli *cli, const struct query *query, const struct task_match *tasks,
			     size_t count, const struct table_style *style)
{
	size_t unit = scope_unit(query);
	struct strbuf units = STRBUF_INIT, text = STRBUF_INIT;
	struct table table;
	table_init(&table, milestone_columns, query->by_unit ? 7 : 8);
	table_shorten(&table, MILESTONE_TEXT_COLUMN);
	const struct milestone *milestone;
	for (size_t t = 0, m = 0; (milestone = next_shown(cli, query, tasks, count, &t, &m)); m++) {
		const struct task *task = tasks[t].task;
		struct progress progress = milestone_progress(cli->units, task, milestone, unit, cli->today);
		char deadline[DATE_TEXT_SIZE], done[DATE_TEXT_SIZE] = "", id[ITEM_ID_SIZE];
		date_format(milestone->deadline, deadline);
		if (progress.done_on)
			date_format(progress.done_on, done);
		strbuf_clear(&units);
		if (!query->by_unit)
			units_done_text(&units, cli, task, milestone);
		const char *cells[] = { item_id_format(id, task->id, m + 1), deadline,
					format_status(progress.status), done, task->title,
					milestone_text_string(task, milestone, &text),
					progress.note, strbuf_text(&units) };
		table_add_colored_row(&table, cells, cli_status_color(progress.status));
	}
	if (units.failed || text.failed)
		cli->out_of_memory = true;
	fputs(_("\nMilestones\n"), cli->out);
	struct table_style sheet = *style;
	sheet.name = _("Milestones");   /* the sheet of a workbook */
	cli_print_table(cli, &table, &sheet);
	table_free(&table);
	strbuf_free(&units);
	strbuf_free(&text);
}

static const struct table_column target_columns[] = {
	{ N_("Task"), ALIGN_RIGHT, false },  { N_("#"), ALIGN_RIGHT, false },
	{ N_("Metric"), ALIGN_LEFT, true },  { N_("Target"), ALIGN_LEFT, false },
	{ N_("Reported"), ALIGN_LEFT, false }, { N_("On"), ALIGN_LEFT, false },
	{ N_("Attainment"), ALIGN_LEFT, false },
};

/* A target's row (metric is the metric, or a unit for its own report). */
static void add_target_row(struct table *table, const char *id, const char *number, const char *metric,
			   const char *goal, const struct target *target, struct target_progress report)
{
	char on[DATE_TEXT_SIZE] = "";
	struct strbuf value = STRBUF_INIT;
	if (report.reported)
		format_quantity(&value, report.value_text, target->unit);
	if (report.reported_on)
		date_format(report.reported_on, on);
	const char *cells[] = { id, number, metric, goal, strbuf_text(&value), on, attainment(report) };
	table_add_row(table, cells);
	strbuf_free(&value);
}

static void print_targets(struct cli *cli, const struct query *query, const struct task_match *tasks,
			  size_t count, const struct table_style *style)
{
	size_t unit = scope_unit(query);
	struct table table;
	table_init(&table, target_columns, 7);
	struct strbuf goal = STRBUF_INIT, name = STRBUF_INIT;
	size_t rows = 0;
	for (size_t i = 0; i < count; i++) {
		const struct task *task = tasks[i].task;
		for (size_t t = 0; t < task->target_count; t++) {
			const struct target *target = &task->targets[t];
			if (query->by_unit && !target_duty(cli->units, task, target, unit).responsible)
				continue;
			char id[24], number[24];
			snprintf(id, sizeof id, "%ld", task->id);
			snprintf(number, sizeof number, "%zu", t + 1);
			strbuf_clear(&goal);
			format_target_goal(&goal, target);
			add_target_row(&table, id, number, target->metric, strbuf_text(&goal), target,
				       target_progress(cli->units, target, unit));
			rows++;
			/* The whole plan: each unit's own report on a line of its own. */
			for (size_t r = 0; !query->by_unit && r < target->progress->unit_report_count; r++) {
				size_t reporter = target->progress->unit_reports[r].unit;
				strbuf_clear(&name);
				strbuf_printf(&name, "- %s", cli->units->units[reporter].name);
				add_target_row(&table, "", "", strbuf_text(&name), "", target,
					       target_progress(cli->units, target, reporter));
			}
		}
	}
	fputs(_("\nTargets\n"), cli->out);
	struct table_style sheet = *style;
	sheet.name = _("Targets");
	if (rows)
		cli_print_table(cli, &table, &sheet);
	else
		fputs(_("  (none with a number)\n"), cli->out);
	table_free(&table);
	strbuf_free(&goal);
	strbuf_free(&name);
}

static const struct table_column unit_columns[] = {
	{ N_("Unit"), ALIGN_LEFT, true },        { N_("Milestones"), ALIGN_RIGHT, false },
	{ N_("Done"), ALIGN_RIGHT, false },      { N_("Done late"), ALIGN_RIGHT, false },
	{ N_("Due this month"), ALIGN_RIGHT, false }, { N_("Overdue"), ALIGN_RIGHT, false },
	{ N_("Pending"), ALIGN_RIGHT, false },
};

/* The units to count, from *unit on: the one asked for, or every unit of
 * the directory, when it governs a milestone. False past the last. */
static bool next_unit_tally(const struct cli *cli, const struct query *query, size_t *unit,
			    struct unit_tally *tally)
{
	for (; *unit < cli->units->count; ++*unit) {
		if (!unit_is_listed(&cli->units->units[*unit]) || (query->by_unit && *unit != query->unit))
			continue;
		unit_tally_count(cli->plan, *unit, query->direct_only, cli->today, tally);
		if (tally->milestones)
			return true;
	}
	return false;
}

static void print_units(struct cli *cli, const struct query *query, const struct table_style *style)
{
	struct table table;
	table_init(&table, unit_columns, 7);
	struct unit_tally tally;
	for (size_t u = 0; next_unit_tally(cli, query, &u, &tally); u++) {
		char numbers[6][24];
		size_t values[6] = { tally.milestones, tally.on_time + tally.late, tally.late, tally.due_this_month, tally.overdue,
				     tally.not_yet_due - tally.due_this_month };
		for (size_t i = 0; i < 6; i++)
			snprintf(numbers[i], sizeof numbers[i], "%zu", values[i]);
		const char *cells[] = { cli->units->units[u].name, numbers[0], numbers[1], numbers[2], numbers[3],
					numbers[4], numbers[5] };
		table_add_row(&table, cells);
	}
	fputs(_("\nUnits\n"), cli->out);
	struct table_style sheet = *style;
	sheet.name = _("Units");
	cli_print_table(cli, &table, &sheet);
	table_free(&table);
}

static void print_table(struct cli *cli, const struct query *query, const struct task_match *tasks,
			size_t count, const struct unit_tally *total)
{
	char today[DATE_TEXT_SIZE];
	date_format(cli->today, today);
	if (query->by_unit)
		fprintf(cli->out, _("Progress of %s on %s: "), cli->units->units[query->unit].name, today);
	else
		fprintf(cli->out, _("Progress on %s: "), today);
	fprintf(cli->out, _("%zu milestones: %zu done (%zu late), %zu due this month, %zu overdue, %zu pending; "
			    "%zu targets: %zu met, %zu not met, %zu not reported\n"),
		total->milestones, total->on_time + total->late, total->late, total->due_this_month, total->overdue,
		total->not_yet_due - total->due_this_month, total->targets, total->met, total->not_met,
		total->not_reported);
	struct table_style style = cli_table_style(cli, 2, true);
	print_milestones(cli, query, tasks, count, &style);
	print_targets(cli, query, tasks, count, &style);
	print_units(cli, query, &style);
}

/* The counts of a summary or a unit, as JSON. */
static cJSON *json_counts(const struct unit_tally *tally)
{
	cJSON *object = cJSON_CreateObject();
	cJSON_AddNumberToObject(object, "milestones", (double)tally->milestones);
	cJSON_AddNumberToObject(object, "done", (double)(tally->on_time + tally->late));
	cJSON_AddNumberToObject(object, "done_late", (double)tally->late);
	cJSON_AddNumberToObject(object, "due_this_month", (double)tally->due_this_month);
	cJSON_AddNumberToObject(object, "overdue", (double)tally->overdue);
	cJSON_AddNumberToObject(object, "pending", (double)(tally->not_yet_due - tally->due_this_month));
	return object;
}

static bool json_milestones(struct cli *cli, const struct query *query, const struct task_match *tasks,
			    size_t count)
{
	struct json_writer list;
	json_begin_array(&list, cli->out, 1);
	for (size_t t = 0, m = 0; next_shown(cli, query, tasks, count, &t, &m); m++)
		json_add(&list, view_json_milestone_status(cli, tasks[t].task, m, scope_unit(query)));
	return json_end(&list);
}

static bool json_targets(struct cli *cli, const struct query *query, const struct task_match *tasks,
			 size_t count)
{
	struct json_writer list;
	json_begin_array(&list, cli->out, 1);
	for (size_t i = 0; i < count; i++) {
		const struct task *task = tasks[i].task;
		for (size_t t = 0; t < task->target_count; t++) {
			const struct target *target = &task->targets[t];
			if (query->by_unit && !target_duty(cli->units, task, target, query->unit).responsible)
				continue;
			cJSON *item = cJSON_CreateObject();
			cJSON_AddNumberToObject(item, "task", (double)task->id);
			cJSON_AddNumberToObject(item, "target", (double)(t + 1));
			json_move_fields(item, json_target(cli->plan, task, target));
			json_add(&list, item);
		}
	}
	return json_end(&list);
}

static bool json_units(struct cli *cli, const struct query *query)
{
	struct json_writer list;
	json_begin_array(&list, cli->out, 1);
	struct unit_tally tally;
	for (size_t u = 0; next_unit_tally(cli, query, &u, &tally); u++) {
		cJSON *item = cJSON_CreateObject();
		cJSON_AddStringToObject(item, "unit", cli->units->units[u].name);
		json_move_fields(item, json_counts(&tally));
		json_add(&list, item);
	}
	return json_end(&list);
}

static void print_json(struct cli *cli, const struct query *query, const struct task_match *tasks,
		       size_t count, const struct unit_tally *total)
{
	char today[DATE_TEXT_SIZE];
	date_format(cli->today, today);
	cJSON *unit = query->by_unit ? cJSON_CreateString(cli->units->units[query->unit].name) : cJSON_CreateNull();
	cJSON *summary = json_counts(total);
	cJSON_AddNumberToObject(summary, "targets", (double)total->targets);
	cJSON_AddNumberToObject(summary, "met", (double)total->met);
	cJSON_AddNumberToObject(summary, "not_met", (double)total->not_met);
	cJSON_AddNumberToObject(summary, "not_reported", (double)total->not_reported);
	struct json_writer object;
	json_begin_object(&object, cli->out, 0);
	json_add_field(&object, "today", cJSON_CreateString(today));
	json_add_field(&object, "unit", unit);
	json_add_field(&object, "summary", summary);
	json_add_key(&object, "milestones");
	bool written = json_milestones(cli, query, tasks, count);
	json_add_key(&object, "targets");
	written = json_targets(cli, query, tasks, count) && written;
	json_add_key(&object, "units");
	written = json_units(cli, query) && written;
	if (!json_end(&object) || !written)
		cli->out_of_memory = true;
	fputc('\n', cli->out);
}

/* One row per milestone, as the unit (or the whole plan) stands. */
static void print_csv(struct cli *cli, const struct query *query, const struct task_match *tasks, size_t count)
{
	static const char *const header[] = {
		NC_("CSV header", "task"),   NC_("CSV header", "milestone"), NC_("CSV header", "title"),
		NC_("CSV header", "deadline"), NC_("CSV header", "status"),  NC_("CSV header", "done_on"),
		NC_("CSV header", "note"),
	};
	cli_csv_header(cli, header, 7);
	size_t unit = scope_unit(query);
	const struct milestone *milestone;
	for (size_t t = 0, m = 0; (milestone = next_shown(cli, query, tasks, count, &t, &m)); m++) {
		const struct task *task = tasks[t].task;
		struct progress progress = milestone_progress(cli->units, task, milestone, unit, cli->today);
		char id[24], number[24], deadline[DATE_TEXT_SIZE], done[DATE_TEXT_SIZE] = "";
		snprintf(id, sizeof id, "%ld", task->id);
		snprintf(number, sizeof number, "%zu", m + 1);
		date_format(milestone->deadline, deadline);
		if (progress.done_on)
			date_format(progress.done_on, done);
		const char *fields[] = { id, number, task->title, deadline,
					 milestone_status_name(progress.status), done, progress.note };
		csv_write_record(cli->out, fields, 7, cli->raw);
	}
}

static int run_status(struct cli *cli)
{
	struct query query;
	int code = cli_unit_query(cli, &query);
	if (code != EXIT_OK)
		return code;
	if (cli->by_unit) {
		code = cli_open_output(cli);
		return code == EXIT_OK ? cli_finish_output(cli, assess_print(cli, &query)) : code;
	}
	struct task_match *tasks = NULL;
	size_t count = query_tasks(cli->plan, &query, &tasks);
	if (count == SIZE_MAX)
		return cli_out_of_memory();
	code = cli_open_output(cli);
	if (code != EXIT_OK) {
		free(tasks);
		return code;
	}
	struct unit_tally total;
	count_all(cli, &query, tasks, count, &total);
	if (cli->format == FORMAT_JSON)
		print_json(cli, &query, tasks, count, &total);
	else if (cli->format == FORMAT_CSV)
		print_csv(cli, &query, tasks, count);
	else
		print_table(cli, &query, tasks, count, &total);
	free(tasks);
	return cli_finish_output(cli, EXIT_OK);
}

static const struct command_option status_options[] = {
	{ OPT_UNIT, false, N_("only the milestones and targets of unit U, as U stands") },
	{ OPT_DIRECT, false, N_("only the tasks that name U itself") },
	{ OPT_BY_UNIT, false,
	  N_("one row per unit, furthest behind first: milestones due\n"
	     "so far, done on time, done late, overdue, not yet due,\n"
	     "targets, completion rate (with --unit: that unit's\n"
	     "milestones, each with its state)") },
	{ OPT_LANG, false, N_("the language of a workbook: zh or en (default: the\n"
			      "plan's, Chinese for a Chinese plan)") },
	{ OPT_OUTPUT, false, N_("write to FILE, in the format its extension names (.csv,\n"
				".json, .xlsx: a workbook with the milestones, targets and\n"
				"units) unless --format says") },
	{ .help = NULL },
};

const struct command command_status = {
	.name = "status",
	.arguments = "",
	.summary = N_("progress: milestones done or late, targets met, units behind"),
	.description = N_("Shows, on today's date (--today), every milestone with its status: done,\n"
			  "done late (after its deadline), due this month, overdue (deadline passed,\n"
			  "not done) or pending, and how many of its units have done their part;\n"
			  "every target with the values reported against it and whether they meet it;\n"
			  "and for each unit the count of its milestones by status (a unit counts the\n"
			  "tasks of its groups too). With --unit, each milestone as that unit stands:\n"
			  "its own record, its group's, or the record for every unit.\n"),
	.options = status_options,
	.help = N_("Examples:\n"
		   "  duty status --today 2018-10-15\n"
		   "  duty status --unit 瑞安 --format json\n"
		   "  duty status --by-unit --today 2018-10-15\n"
		   "  duty status --by-unit --unit 瑞安 --format csv\n"
		   "  duty status -o 进度.xlsx\n"),
	.min_arguments = 0,
	.max_arguments = 0,
	.formats = FORMAT_BIT(FORMAT_TABLE) | FORMAT_BIT(FORMAT_CSV) | FORMAT_BIT(FORMAT_JSON)
		   | FORMAT_BIT(FORMAT_XLSX),
	.needs = NEEDS_PLAN,
	.run = run_status,
};
