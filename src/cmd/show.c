/*
 * show.c - `duty show ID`: everything about one task.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "duty/table.h"
#include "duty/csv.h"
#include "duty/json.h"
#include "duty/format.h"
#include "duty/progress.h"
#include "cli/views.h"
#include "duty/text.h"

static const struct table_column field_columns[] = {
	{ "", ALIGN_LEFT, false },
	{ "", ALIGN_LEFT, true },
};

static const struct table_column milestone_columns[] = {
	{ N_("#"), ALIGN_LEFT, false },      { N_("Deadline"), ALIGN_LEFT, false },
	{ N_("Phrase"), ALIGN_LEFT, false }, { N_("Status"), ALIGN_LEFT, false },
	{ N_("Milestone"), ALIGN_LEFT, true }, { N_("Units"), ALIGN_LEFT, true },
};

static const struct table_column progress_columns[] = {
	{ N_("Item"), ALIGN_LEFT, false }, { N_("Unit"), ALIGN_LEFT, false },
	{ N_("Record"), ALIGN_LEFT, false }, { N_("Note"), ALIGN_LEFT, true },
};

static const struct table_column unit_columns[] = {
	{ N_("Unit"), ALIGN_LEFT, false },    { N_("Status"), ALIGN_LEFT, false },
	{ N_("Done on"), ALIGN_LEFT, false }, { N_("Note"), ALIGN_LEFT, true },
};

/* "done 2018-10-10", "done late 2018-11-02", "overdue": where a milestone
 * (or one unit's part) stands on today. */
static void status_text(struct strbuf *out, struct progress progress)
{
	strbuf_puts(out, format_status(progress.status));
	if (progress.done_on) {
		char date[DATE_TEXT_SIZE];
		date_format(progress.done_on, date);
		strbuf_printf(out, " %s", date);
	}
}

/* "done 2018-10-10", or "3/12 units done" while units are on their way. */
static void milestone_status_text(struct strbuf *out, const struct cli *cli, const struct task *task,
				  const struct milestone *milestone)
{
	struct progress whole = milestone_progress(cli->units, task, milestone, EVERY_UNIT, cli->today);
	status_text(out, whole);
	if (whole.done_on || !milestone->progress->unit_record_count)
		return;
	size_t count;
	size_t done = milestone_units_done(cli->units, task, milestone, cli->today, EVERY_UNIT, &count);
	strbuf_printf(out, _(" (%zu/%zu units done)"), done, count);
}

/* A record's row of the Progress table. */
static void add_record(struct table *table, const char *item, const char *unit, const char *record, const char *note)
{
	const char *row[] = { item, unit, record, note };
	table_add_row(table, row);
}

/* "done on 2018-10-10", "reported 352 家 on 2018-10-15, met". */
static void report_text(struct strbuf *out, const struct target *target, struct target_progress report)
{
	strbuf_puts(out, _("reported "));
	format_quantity(out, report.value_text, target->unit);
	if (report.reported_on) {
		char date[DATE_TEXT_SIZE];
		date_format(report.reported_on, date);
		strbuf_printf(out, _(" on %s"), date);
	}
	strbuf_printf(out, ", %s", report.met ? _("met") : _("not met"));
}

/* Every record of the task: milestones done (as a whole and by units),
 * targets reported (as a whole and by units), with their notes. */
static void add_milestone_records(struct table *table, const struct cli *cli, const struct task *task)
{
	struct strbuf item = STRBUF_INIT, record = STRBUF_INIT;
	char date[DATE_TEXT_SIZE];
	for (size_t m = 0; m < task->milestone_count; m++) {
		const struct milestone_record *recorded = task->milestones[m].progress;
		strbuf_clear(&item);
		strbuf_printf(&item, "%ld.%zu", task->id, m + 1);
		if (recorded->done_on) {
			strbuf_clear(&record);
			date_format(recorded->done_on, date);
			strbuf_printf(&record, _("done on %s"), date);
			add_record(table, strbuf_text(&item), _("every unit"), strbuf_text(&record), recorded->note);
		}
		for (size_t r = 0; r < recorded->unit_record_count; r++) {
			const struct unit_done *line = &recorded->unit_records[r];
			strbuf_clear(&record);
			date_format(line->done_on, date);
			strbuf_printf(&record, _("done on %s"), date);
			add_record(table, strbuf_text(&item), cli->units->units[line->unit].name, strbuf_text(&record),
				   line->note);
		}
	}
	strbuf_free(&item);
	strbuf_free(&record);
}

static void add_target_records(struct table *table, const struct cli *cli, const struct task *task)
{
	struct strbuf item = STRBUF_INIT, record = STRBUF_INIT;
	for (size_t t = 0; t < task->target_count; t++) {
		const struct target *target = &task->targets[t];
		const struct target_record *recorded = target->progress;
		strbuf_clear(&item);
		strbuf_printf(&item, _("target %zu"), t + 1);
		if (recorded->reported) {
			strbuf_clear(&record);
			report_text(&record, target, target_progress(cli->units, target, EVERY_UNIT));
			add_record(table, strbuf_text(&item), _("every unit"), strbuf_text(&record),
				   recorded->report_note);
		}
		for (size_t r = 0; r < recorded->unit_report_count; r++) {
			size_t unit = recorded->unit_reports[r].unit;
			strbuf_clear(&record);
			report_text(&record, target, target_progress(cli->units, target, unit));
			add_record(table, strbuf_text(&item), cli->units->units[unit].name, strbuf_text(&record),
				   recorded->unit_reports[r].note);
		}
	}
	strbuf_free(&item);
	strbuf_free(&record);
}

static void print_progress(struct cli *cli, const struct task *task)
{
	struct table table;
	table_init(&table, progress_columns, 4);
	add_milestone_records(&table, cli, task);
	add_target_records(&table, cli, task);
	if (table.row_count) {
		fputs(_("\nProgress\n"), cli->out);
		struct table_style style = { .width = cli->width, .indent = 2, .header = true };
		cli_print_table(cli, &table, &style);
	} else {
		fputs(_("\nProgress: nothing recorded yet\n"), cli->out);
	}
	table_free(&table);
}

static const struct table_column target_columns[] = {
	{ N_("#"), ALIGN_LEFT, false },    { N_("Metric"), ALIGN_LEFT, true },
	{ N_("Target"), ALIGN_LEFT, false }, { N_("Source text"), ALIGN_LEFT, true },
};

/* The task's milestones with their status (and their units when they
 * name their own). */
static void print_milestones(struct cli *cli, const struct task *task)
{
	fprintf(cli->out, _("\nMilestones (%zu)\n"), (size_t)task->milestone_count);
	bool own_units = false;
	for (size_t m = 0; m < task->milestone_count; m++)
		own_units = own_units || task->milestones[m].units;
	struct table milestones;
	table_init(&milestones, milestone_columns, own_units ? 6 : 5);
	struct strbuf status = STRBUF_INIT, governed = STRBUF_INIT, text = STRBUF_INIT;
	for (size_t m = 0; m < task->milestone_count; m++) {
		const struct milestone *milestone = &task->milestones[m];
		char deadline[DATE_TEXT_SIZE], id[ITEM_ID_SIZE];
		date_format(milestone->deadline, deadline);
		strbuf_clear(&status);
		milestone_status_text(&status, cli, task, milestone);
		strbuf_clear(&governed);
		format_milestone_units(&governed, cli->plan, task, milestone, "、");
		const char *row[] = { item_id_format(id, task->id, m + 1), deadline,
				      milestone->implied ? _("(implied)") : milestone->phrase, strbuf_text(&status),
				      milestone_text_string(task, milestone, &text), strbuf_text(&governed) };
		table_add_colored_row(&milestones, row, cli_milestone_color(cli, milestone));
	}
	struct table_style style = { .width = cli->width, .indent = 2, .header = true };
	cli_print_table(cli, &milestones, &style);
	table_free(&milestones);
	strbuf_free(&status);
	strbuf_free(&governed);
	strbuf_free(&text);
}

static void print_table(struct cli *cli, const struct task *task)
{
	const struct plan *plan = cli->plan;
	struct strbuf units, number;
	strbuf_init(&units);
	strbuf_init(&number);
	if (!task->lead_unit_count)
		format_unit_names(&units, plan->units, task->units, task->unit_count, "、");
	for (size_t u = 0; task->lead_unit_count && u < task->unit_count; u++) {
		/* The source names who leads (牵头) and who supports (配合). */
		strbuf_puts(&units, u ? "、" : "");
		strbuf_puts(&units, plan->units->units[task->units[u]].name);
		strbuf_puts(&units, task_unit_role(plan->units, task, task->units[u]) == ROLE_LEAD ? _(" (lead)")
												     : _(" (support)"));
	}
	if (task->units_etc)
		strbuf_puts(&units, _(" (and others not named: 等)"));
	strbuf_printf(&number, "%ld", task->id);

	struct table fields;
	table_init(&fields, field_columns, 2);
	const char *rows[][2] = {
		{ _("Task"), strbuf_text(&number) },       { _("Title"), task->title },
		{ _("Requirement"), task->requirement },    { _("Units"), strbuf_text(&units) },
		{ _("As written"), task->units_text },
	};
	for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++)
		table_add_row(&fields, rows[r]);
	if (task->deadline_text[0]) {
		const char *row[] = { _("Deadline as written"), task->deadline_text };
		table_add_row(&fields, row);
	}
	for (size_t e = 0; e < plan->extra_column_count; e++) {
		const char *row[] = { plan->extra_columns[e], task->extras[e] };
		table_add_row(&fields, row);
	}
	struct table_style plain = { .width = cli->width, .indent = 0, .header = false };
	cli_print_table(cli, &fields, &plain);
	table_free(&fields);

	print_milestones(cli, task);
	struct table_style style = { .width = cli->width, .indent = 2, .header = true };
	if (task->target_count) {
		fprintf(cli->out, _("\nTargets (%zu)\n"), (size_t)task->target_count);
		struct table targets;
		table_init(&targets, target_columns, 4);
		struct strbuf goal, words;
		strbuf_init(&goal);
		strbuf_init(&words);
		for (size_t t = 0; t < task->target_count; t++) {
			const struct target *target = &task->targets[t];
			strbuf_clear(&number);
			strbuf_printf(&number, "%zu", t + 1);
			strbuf_clear(&goal);
			format_target_goal(&goal, target);
			const char *row[] = { strbuf_text(&number), target->metric, strbuf_text(&goal),
					      target_text_string(task, target, &words) };
			table_add_row(&targets, row);
		}
		cli_print_table(cli, &targets, &style);
		table_free(&targets);
		strbuf_free(&goal);
		strbuf_free(&words);
	} else {
		fputs(_("\nTargets: none with a number\n"), cli->out);
	}
	print_progress(cli, task);
	strbuf_free(&units);
	strbuf_free(&number);
}

/* `show ID.M`: the milestone, and each of its units with where it stands. */
static void print_milestone_table(struct cli *cli, const struct task *task, size_t m)
{
	const struct plan *plan = cli->plan;
	const struct milestone *milestone = &task->milestones[m];
	char id[ITEM_ID_SIZE], deadline[DATE_TEXT_SIZE];
	struct strbuf title = STRBUF_INIT, when = STRBUF_INIT, units = STRBUF_INIT, status = STRBUF_INIT,
		      text = STRBUF_INIT;
	strbuf_printf(&title, "%ld %s", task->id, task->title);
	date_format(milestone->deadline, deadline);
	strbuf_printf(&when, "%s %s", deadline, milestone->implied ? _("(implied)") : milestone->phrase);
	format_milestone_units(&units, plan, task, milestone, "、");
	milestone_status_text(&status, cli, task, milestone);
	struct table fields;
	table_init(&fields, field_columns, 2);
	const char *rows[][2] = {
		{ _("Milestone"), item_id_format(id, task->id, m + 1) }, { _("Task"), strbuf_text(&title) },
		{ _("Deadline"), strbuf_text(&when) },                  { _("Text"), milestone_text_string(task, milestone, &text) },
		{ _("Units"), strbuf_text(&units) },                    { _("Status"), strbuf_text(&status) },
		{ _("Note"), milestone->progress->note },
	};
	for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++)
		table_add_row(&fields, rows[r]);
	struct table_style plain = { .width = cli->width, .indent = 0, .header = false };
	cli_print_table(cli, &fields, &plain);
	table_free(&fields);

	size_t *leaves = malloc((cli->units->count + 1) * sizeof *leaves);
	size_t count = leaves ? milestone_leaf_units(cli->units, task, milestone, leaves) : 0;
	fprintf(cli->out, _("\nUnits (%zu)\n"), count);
	struct table table;
	table_init(&table, unit_columns, 4);
	for (size_t i = 0; i < count; i++) {
		struct progress progress = milestone_progress(cli->units, task, milestone, leaves[i], cli->today);
		char done[DATE_TEXT_SIZE] = "";
		if (progress.done_on)
			date_format(progress.done_on, done);
		const char *row[] = { cli->units->units[leaves[i]].name, format_status(progress.status), done,
				      progress.note };
		table_add_colored_row(&table, row, cli_status_color(progress.status));
	}
	struct table_style style = { .width = cli->width, .indent = 2, .header = true, .color = cli->color };
	cli_print_table(cli, &table, &style);
	table_free(&table);
	if (!leaves)
		cli->out_of_memory = true;
	free(leaves);
	strbuf_free(&title);
	strbuf_free(&when);
	strbuf_free(&units);
	strbuf_free(&status);
	strbuf_free(&text);
}

/* `show ID.M --format json`: the task and milestone numbers, the task's
 * title, then the milestone as in a task's JSON. */
static void print_milestone_json(struct cli *cli, const struct task *task, size_t m)
{
	cJSON *object = cJSON_CreateObject();
	cJSON_AddNumberToObject(object, "task", (double)task->id);
	cJSON_AddNumberToObject(object, "milestone", (double)(m + 1));
	cJSON_AddStringToObject(object, "title", task->title);
	json_move_fields(object, json_milestone(cli->plan, task, &task->milestones[m]));
	if (!json_print_indented(cli->out, object, 0))
		cli->out_of_memory = true;
	fputc('\n', cli->out);
	cJSON_Delete(object);
}

/* `show ID.M --format csv`: one row per unit. */
static void print_milestone_csv(const struct cli *cli, const struct task *task, size_t m)
{
	static const char *const header[] = {
		NC_("CSV header", "task"),   NC_("CSV header", "milestone"), NC_("CSV header", "unit"),
		NC_("CSV header", "status"), NC_("CSV header", "done_on"),   NC_("CSV header", "note"),
	};
	cli_csv_header(cli, header, 6);
	const struct milestone *milestone = &task->milestones[m];
	size_t *leaves = malloc((cli->units->count + 1) * sizeof *leaves);
	size_t count = leaves ? milestone_leaf_units(cli->units, task, milestone, leaves) : 0;
	char id[24], number[24];
	snprintf(id, sizeof id, "%ld", task->id);
	snprintf(number, sizeof number, "%zu", m + 1);
	for (size_t i = 0; i < count; i++) {
		struct progress progress = milestone_progress(cli->units, task, milestone, leaves[i], cli->today);
		char done[DATE_TEXT_SIZE] = "";
		if (progress.done_on)
			date_format(progress.done_on, done);
		const char *fields[] = { id, number, cli->units->units[leaves[i]].name,
					 milestone_status_name(progress.status), done, progress.note };
		csv_write_record(cli->out, fields, 6, cli->raw);
	}
	free(leaves);
}

/* One row per milestone and per target, so the structured parts of the
 * task fit one CSV header. */
static void print_csv(const struct cli *cli, const struct task *task)
{
	static const char *const header[] = {
		NC_("CSV header", "task"),    NC_("CSV header", "kind"),   NC_("CSV header", "number"),
		NC_("CSV header", "deadline"), NC_("CSV header", "phrase"), NC_("CSV header", "implied"),
		NC_("CSV header", "metric"),  NC_("CSV header", "op"),     NC_("CSV header", "value"),
		NC_("CSV header", "unit"),    NC_("CSV header", "text"),
	};
	cli_csv_header(cli, header, 11);
	char id[24], number[24];
	snprintf(id, sizeof id, "%ld", task->id);
	struct strbuf words = STRBUF_INIT;
	for (size_t m = 0; m < task->milestone_count; m++) {
		const struct milestone *milestone = &task->milestones[m];
		char deadline[DATE_TEXT_SIZE];
		date_format(milestone->deadline, deadline);
		snprintf(number, sizeof number, "%zu", m + 1);
		const char *fields[] = { id, "milestone", number, deadline, milestone->phrase,
					 milestone->implied ? "1" : "0", "", "", "", "",
					 milestone_text_string(task, milestone, &words) };
		csv_write_record(cli->out, fields, 11, cli->raw);
	}
	for (size_t t = 0; t < task->target_count; t++) {
		const struct target *target = &task->targets[t];
		snprintf(number, sizeof number, "%zu", t + 1);
		const char *fields[] = { id, "target", number, "", "", "", target->metric,
					 target_op_text(target->op), target->value_text, target->unit,
					 target_text_string(task, target, &words) };
		csv_write_record(cli->out, fields, 11, cli->raw);
	}
	strbuf_free(&words);
}

static int run_show(struct cli *cli)
{
	const char *argument = cli->arguments[0];
	long id;
	unsigned milestone;
	if (!item_id_parse(argument, strlen(argument), &id, &milestone)) {
		cli_error(_("\"%s\" is not a task or milestone; expected ID or ID.M, e.g. 8 or 8.2"), argument);
		return EXIT_USAGE;
	}
	struct diagnostics diag;
	diagnostics_init(&diag, 1);
	const struct task *task = plan_find_item(cli->plan, id, milestone, &diag);
	if (!task)
		cli_print_problems(&diag);
	diagnostics_free(&diag);
	if (!task)
		return EXIT_NOT_FOUND;
	if (milestone) {
		if (cli->format == FORMAT_JSON)
			print_milestone_json(cli, task, milestone - 1);
		else if (cli->format == FORMAT_CSV)
			print_milestone_csv(cli, task, milestone - 1);
		else
			print_milestone_table(cli, task, milestone - 1);
		return cli_finish_output(cli, EXIT_OK);
	}
	if (cli->format == FORMAT_JSON) {
		cJSON *object = json_task(cli->plan, task, false, NO_GROUP);
		if (!object || !json_print_indented(cli->out, object, 0))
			cli->out_of_memory = true;
		fputc('\n', cli->out);
		cJSON_Delete(object);
	} else if (cli->format == FORMAT_CSV) {
		print_csv(cli, task);
	} else {
		print_table(cli, task);
	}
	return cli_finish_output(cli, EXIT_OK);
}

const struct command command_show = {
	.name = "show",
	.arguments = "ID[.M]",
	.summary = N_("everything about one task, or one milestone"),
	.help = N_("Shows the task's title, requirement, responsible units (canonical and as the\n"
		   "source writes them), its milestones with deadlines, time phrases and status,\n"
		   "its quantitative targets, and its progress: every milestone done and target\n"
		   "reported, for every unit or by one unit, with the notes. ID.M shows milestone\n"
		   "M of task ID and where each of its units stands.\n"
		   "\n"
		   "Examples:\n"
		   "  duty show 8\n"
		   "  duty show 8.1\n"
		   "  duty show 29 --format json\n"),
	.min_arguments = 1,
	.max_arguments = 1,
	.formats = FORMAT_BIT(FORMAT_TABLE) | FORMAT_BIT(FORMAT_CSV) | FORMAT_BIT(FORMAT_JSON),
	.needs = NEEDS_PLAN,
	.run = run_show,
};
