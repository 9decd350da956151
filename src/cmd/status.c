/*
 * status.c - `duty status [--unit U]`: where the work stands. Every
 * milestone with its status (done, due this month, overdue, pending), every
 * target with its reported value and whether it is met, and per unit the
 * counts, so the office sees at once who is behind.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "cli/scope.h"
#include "cli/views.h"
#include "duty/table.h"
#include "duty/json.h"
#include "duty/format.h"
#include "duty/text.h"

static const char *status_words(enum milestone_status status)
{
	static const char *const words[STATUS_COUNT] = {
		N_("done"), N_("overdue"), N_("due this month"), N_("pending"),
	};
	return _(words[status]);
}

struct tally {
	size_t by_status[STATUS_COUNT];
	size_t milestones;
	size_t targets, met, not_met, not_reported;
};

static void count_task(struct tally *tally, const struct task *task, date_t today)
{
	for (size_t m = 0; m < task->milestone_count; m++) {
		tally->by_status[milestone_status(&task->milestones[m], today)]++;
		tally->milestones++;
	}
	for (size_t t = 0; t < task->target_count; t++) {
		const struct target *target = &task->targets[t];
		tally->targets++;
		if (!target->reported)
			tally->not_reported++;
		else if (target_is_met(target))
			tally->met++;
		else
			tally->not_met++;
	}
}

static void reported_text(struct strbuf *out, const struct target *target)
{
	if (!target->reported)
		return;
	format_quantity(out, target->reported_text, target->unit);
}

static const char *attainment(const struct target *target)
{
	if (!target->reported)
		return _("not reported");
	return target_is_met(target) ? _("met") : _("not met");
}

static const struct table_column milestone_columns[] = {
	{ N_("ID"), ALIGN_LEFT, false },      { N_("Deadline"), ALIGN_LEFT, false },
	{ N_("Status"), ALIGN_LEFT, false },  { N_("Done on"), ALIGN_LEFT, false },
	{ N_("Task"), ALIGN_LEFT, true },     { N_("Note"), ALIGN_LEFT, true },
};

static const struct table_column target_columns[] = {
	{ N_("Task"), ALIGN_RIGHT, false },  { N_("#"), ALIGN_RIGHT, false },
	{ N_("Metric"), ALIGN_LEFT, true },  { N_("Target"), ALIGN_LEFT, false },
	{ N_("Reported"), ALIGN_LEFT, false }, { N_("On"), ALIGN_LEFT, false },
	{ N_("Attainment"), ALIGN_LEFT, false },
};

static const struct table_column unit_columns[] = {
	{ N_("Unit"), ALIGN_LEFT, true },        { N_("Milestones"), ALIGN_RIGHT, false },
	{ N_("Done"), ALIGN_RIGHT, false },      { N_("Due this month"), ALIGN_RIGHT, false },
	{ N_("Overdue"), ALIGN_RIGHT, false },   { N_("Pending"), ALIGN_RIGHT, false },
};

/* Per-unit tallies over the units of the directory (or the one asked). */
static struct tally *tally_units(const struct cli *cli, const struct query *query)
{
	const struct unit_directory *units = cli->units;
	struct tally *tallies = calloc(units->count + 1, sizeof *tallies);
	if (!tallies)
		return NULL;
	for (size_t u = 0; u < units->count; u++) {
		if (!unit_is_listed(&units->units[u]) || (query->by_unit && u != query->unit))
			continue;
		for (size_t t = 0; t < cli->plan->task_count; t++) {
			const struct task *task = &cli->plan->tasks[t];
			struct duty duty = task_duty(units, task, u);
			if (duty.responsible && !(query->direct_only && duty.via != NO_GROUP))
				count_task(&tallies[u], task, cli->today);
		}
	}
	return tallies;
}

static void print_table(struct cli *cli, const struct query *query, const struct task_match *tasks,
			size_t count, const struct tally *total, const struct tally *units)
{
	char today[DATE_TEXT_SIZE];
	date_format(cli->today, today);
	if (query->by_unit)
		fprintf(cli->out, _("Progress of %s on %s: "), cli->units->units[query->unit].name, today);
	else
		fprintf(cli->out, _("Progress on %s: "), today);
	fprintf(cli->out, _("%zu milestones: %zu done, %zu due this month, %zu overdue, %zu pending; "
			    "%zu targets: %zu met, %zu not met, %zu not reported\n"),
		total->milestones, total->by_status[STATUS_DONE], total->by_status[STATUS_DUE],
		total->by_status[STATUS_OVERDUE], total->by_status[STATUS_PENDING], total->targets, total->met,
		total->not_met, total->not_reported);

	struct table_style style = cli_table_style(cli, 2, true);
	struct table table;
	struct strbuf a, b, c;
	strbuf_init(&a);
	strbuf_init(&b);
	strbuf_init(&c);
	fputs(_("\nMilestones\n"), cli->out);
	table_init(&table, milestone_columns, 6);
	for (size_t i = 0; i < count; i++) {
		const struct task *task = tasks[i].task;
		for (size_t m = 0; m < task->milestone_count; m++) {
			const struct milestone *milestone = &task->milestones[m];
			char deadline[DATE_TEXT_SIZE], done[DATE_TEXT_SIZE] = "";
			date_format(milestone->deadline, deadline);
			if (milestone->done_on)
				date_format(milestone->done_on, done);
			char id[ITEM_ID_SIZE];
			const char *cells[] = { item_id_format(id, task->id, m + 1), deadline,
						status_words(milestone_status(milestone, cli->today)), done,
						task->title, milestone->note };
			table_add_colored_row(&table, cells, cli_milestone_color(cli, milestone));
		}
	}
	cli_print_table(cli, &table, &style);
	table_free(&table);

	fputs(_("\nTargets\n"), cli->out);
	table_init(&table, target_columns, 7);
	size_t target_rows = 0;
	for (size_t i = 0; i < count; i++) {
		const struct task *task = tasks[i].task;
		for (size_t t = 0; t < task->target_count; t++) {
			const struct target *target = &task->targets[t];
			char id[24], number[24], on[DATE_TEXT_SIZE] = "";
			snprintf(id, sizeof id, "%ld", task->id);
			snprintf(number, sizeof number, "%zu", t + 1);
			if (target->reported_on)
				date_format(target->reported_on, on);
			strbuf_clear(&b);
			format_target_goal(&b, target);
			strbuf_clear(&c);
			reported_text(&c, target);
			const char *cells[] = { id, number, target->metric, strbuf_text(&b), strbuf_text(&c), on,
						attainment(target) };
			table_add_row(&table, cells);
			target_rows++;
		}
	}
	if (target_rows)
		cli_print_table(cli, &table, &style);
	else
		fputs(_("  (none with a number)\n"), cli->out);
	table_free(&table);

	fputs(_("\nUnits\n"), cli->out);
	table_init(&table, unit_columns, 6);
	for (size_t u = 0; u < cli->units->count; u++) {
		const struct tally *tally = &units[u];
		if (!tally->milestones)
			continue;
		char numbers[5][24];
		snprintf(numbers[0], sizeof numbers[0], "%zu", tally->milestones);
		snprintf(numbers[1], sizeof numbers[1], "%zu", tally->by_status[STATUS_DONE]);
		snprintf(numbers[2], sizeof numbers[2], "%zu", tally->by_status[STATUS_DUE]);
		snprintf(numbers[3], sizeof numbers[3], "%zu", tally->by_status[STATUS_OVERDUE]);
		snprintf(numbers[4], sizeof numbers[4], "%zu", tally->by_status[STATUS_PENDING]);
		const char *cells[] = { cli->units->units[u].name, numbers[0], numbers[1], numbers[2], numbers[3],
					numbers[4] };
		table_add_row(&table, cells);
	}
	cli_print_table(cli, &table, &style);
	table_free(&table);
	strbuf_free(&a);
	strbuf_free(&b);
	strbuf_free(&c);
}

static cJSON *json_counts(const struct tally *tally)
{
	cJSON *object = cJSON_CreateObject();
	cJSON_AddNumberToObject(object, "milestones", (double)tally->milestones);
	cJSON_AddNumberToObject(object, "done", (double)tally->by_status[STATUS_DONE]);
	cJSON_AddNumberToObject(object, "due_this_month", (double)tally->by_status[STATUS_DUE]);
	cJSON_AddNumberToObject(object, "overdue", (double)tally->by_status[STATUS_OVERDUE]);
	cJSON_AddNumberToObject(object, "pending", (double)tally->by_status[STATUS_PENDING]);
	return object;
}

static void print_json(struct cli *cli, const struct query *query, const struct task_match *tasks,
		       size_t count, const struct tally *total, const struct tally *units)
{
	char today[DATE_TEXT_SIZE];
	date_format(cli->today, today);
	cJSON *unit = query->by_unit ? cJSON_CreateString(cli->units->units[query->unit].name) : cJSON_CreateNull();
	cJSON *summary = json_counts(total);
	cJSON_AddNumberToObject(summary, "targets", (double)total->targets);
	cJSON_AddNumberToObject(summary, "met", (double)total->met);
	cJSON_AddNumberToObject(summary, "not_met", (double)total->not_met);
	cJSON_AddNumberToObject(summary, "not_reported", (double)total->not_reported);
	struct json_writer object, list;
	json_begin_object(&object, cli->out, 0);
	json_add_field(&object, "today", cJSON_CreateString(today));
	json_add_field(&object, "unit", unit);
	json_add_field(&object, "summary", summary);

	json_add_key(&object, "milestones");
	json_begin_array(&list, cli->out, 1);
	for (size_t i = 0; i < count; i++) {
		const struct task *task = tasks[i].task;
		for (size_t m = 0; m < task->milestone_count; m++) {
			const struct milestone *milestone = &task->milestones[m];
			char deadline[DATE_TEXT_SIZE], done[DATE_TEXT_SIZE];
			date_format(milestone->deadline, deadline);
			cJSON *item = cJSON_CreateObject();
			cJSON_AddNumberToObject(item, "task", (double)task->id);
			cJSON_AddNumberToObject(item, "milestone", (double)(m + 1));
			cJSON_AddStringToObject(item, "title", task->title);
			cJSON_AddStringToObject(item, "deadline", deadline);
			cJSON_AddStringToObject(item, "status",
						milestone_status_name(milestone_status(milestone, cli->today)));
			if (milestone->done_on) {
				date_format(milestone->done_on, done);
				cJSON_AddStringToObject(item, "done_on", done);
			} else {
				cJSON_AddNullToObject(item, "done_on");
			}
			if (milestone->note[0])
				cJSON_AddStringToObject(item, "note", milestone->note);
			else
				cJSON_AddNullToObject(item, "note");
			json_add(&list, item);
		}
	}
	bool written = json_end(&list);

	json_add_key(&object, "targets");
	json_begin_array(&list, cli->out, 1);
	for (size_t i = 0; i < count; i++) {
		const struct task *task = tasks[i].task;
		for (size_t t = 0; t < task->target_count; t++) {
			cJSON *item = cJSON_CreateObject();
			cJSON_AddNumberToObject(item, "task", (double)task->id);
			cJSON_AddNumberToObject(item, "target", (double)(t + 1));
			json_move_fields(item, json_target(&task->targets[t]));
			json_add(&list, item);
		}
	}
	written = json_end(&list) && written;

	json_add_key(&object, "units");
	json_begin_array(&list, cli->out, 1);
	for (size_t u = 0; u < cli->units->count; u++) {
		if (!units[u].milestones)
			continue;
		cJSON *item = cJSON_CreateObject();
		cJSON_AddStringToObject(item, "unit", cli->units->units[u].name);
		json_move_fields(item, json_counts(&units[u]));
		json_add(&list, item);
	}
	written = json_end(&list) && written;
	if (!json_end(&object) || !written)
		cli->out_of_memory = true;
	fputc('\n', cli->out);
}

static int run_status(struct cli *cli)
{
	struct query query;
	int code = cli_unit_query(cli, &query);
	if (code != EXIT_OK)
		return code;
	struct task_match *tasks = NULL;
	size_t count = query_tasks(cli->plan, &query, &tasks);
	struct tally *units = count == SIZE_MAX ? NULL : tally_units(cli, &query);
	if (!units) {
		if (count != SIZE_MAX)
			free(tasks);
		return cli_out_of_memory();
	}
	struct tally total = { 0 };
	for (size_t i = 0; i < count; i++)
		count_task(&total, tasks[i].task, cli->today);
	if (cli->format == FORMAT_JSON)
		print_json(cli, &query, tasks, count, &total, units);
	else
		print_table(cli, &query, tasks, count, &total, units);
	free(units);
	free(tasks);
	return cli_finish_output(cli, EXIT_OK);
}

static const struct command_option status_options[] = {
	{ OPT_UNIT, false, N_("only the tasks of unit U") },
	{ OPT_DIRECT, false, N_("only the tasks that name U itself") },
	{ .help = NULL },
};

const struct command command_status = {
	.name = "status",
	.arguments = "",
	.summary = N_("progress: milestones done or late, targets met, units behind"),
	.description = N_("Shows, on today's date (--today), every milestone with its status: done,\n"
			  "due this month, overdue (deadline passed, not done) or pending; every target\n"
			  "with the value reported against it and whether that meets it; and for each\n"
			  "unit the count of its milestones by status (a unit counts the tasks of its\n"
			  "groups too).\n"),
	.options = status_options,
	.help = N_("Examples:\n"
		   "  duty status --today 2018-10-15\n"
		   "  duty status --unit 瑞安 --format json\n"),
	.min_arguments = 0,
	.max_arguments = 0,
	.formats = FORMAT_BIT(FORMAT_TABLE) | FORMAT_BIT(FORMAT_JSON),
	.needs = NEEDS_PLAN,
	.run = run_status,
};
