/*
 * overview.c - `duty` with no command: the plan at a glance. Counts,
 * a bar per month of the plan year, what falls due in today's month and
 * what is overdue. Outside the plan year it says so and shows the year.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/views.h"
#include "duty/csv.h"
#include "duty/json.h"
#include "duty/text.h"

enum { BAR_WIDTH = 40 };

struct overview {
	size_t calendar[12];
	size_t calendar_done[12];
	size_t done;
	size_t units;
	struct milestone_match *due;      /* in today's month, from today on */
	size_t due_count;
	struct milestone_match *overdue;  /* deadline before today */
	size_t overdue_count;
	bool in_year;
};

static bool gather(struct cli *cli, struct overview *overview)
{
	const struct plan *plan = cli->plan;
	memset(overview, 0, sizeof *overview);
	query_calendar(plan, overview->calendar, overview->calendar_done);
	for (size_t t = 0; t < plan->task_count; t++)
		for (size_t m = 0; m < plan->tasks[t].milestone_count; m++)
			overview->done += plan->tasks[t].milestones[m].completed_on != 0;
	for (size_t u = 0; u < plan->units->count; u++)
		overview->units += unit_is_listed(&plan->units->units[u]);
	overview->in_year = date_year(cli->today) == plan->year;
	struct query query = { .pending_only = true };
	query.from = cli->today;
	query.to = date_month_last_day(date_month(cli->today));
	overview->due_count = query_milestones(plan, &query, &overview->due);
	query.from = 0;
	query.to = cli->today - 1;   /* YYYYMMDD - 1 is still "before today" for comparisons */
	overview->overdue_count = query_milestones(plan, &query, &overview->overdue);
	return overview->due_count != SIZE_MAX && overview->overdue_count != SIZE_MAX;
}

static void release(struct overview *overview)
{
	if (overview->due_count != SIZE_MAX)
		free(overview->due);
	if (overview->overdue_count != SIZE_MAX)
		free(overview->overdue);
}

static void print_calendar(struct cli *cli, const struct overview *overview)
{
	const struct plan *plan = cli->plan;
	size_t largest = 0;
	for (int m = 0; m < 12; m++)
		if (overview->calendar[m] > largest)
			largest = overview->calendar[m];
	/* The bar takes what the month, the count and the notes after it leave. */
	size_t bar_width = BAR_WIDTH;
	if (cli->width) {
		char note[64];
		size_t most_done = 0;
		for (int m = 0; m < 12; m++)
			most_done = overview->calendar_done[m] > most_done ? overview->calendar_done[m] : most_done;
		snprintf(note, sizeof note, _("  (%zu done)"), most_done);
		size_t taken = 16 + text_width(_("  <- this month")) + (most_done ? text_width(note) : 0);
		size_t room = cli->width > taken ? cli->width - taken : 1;
		bar_width = room < BAR_WIDTH ? (room ? room : 1) : BAR_WIDTH;
	}
	fprintf(cli->out, overview->done ? _("Deadlines by month (# to do, . done)\n") : _("Deadlines by month\n"));
	month_t this_month = date_month(cli->today);
	for (int m = 0; m < 12; m++) {
		size_t count = overview->calendar[m], done = overview->calendar_done[m];
		size_t bar = largest <= bar_width ? count : (count * bar_width + largest - 1) / largest;
		size_t done_bar = count ? (done * bar + count / 2) / count : 0;
		if (done && !done_bar)
			done_bar = 1;
		if (done < count && done_bar == bar)
			done_bar = bar - 1;   /* a month with work left shows some # */
		char month[MONTH_TEXT_SIZE];
		month_format(plan->year * 100 + m + 1, month);
		fprintf(cli->out, "  %s  %3zu", month, count);
		if (bar)
			fputs("  ", cli->out);
		/* # still to do, . done */
		for (size_t i = 0; i < bar; i++)
			fputc(i < bar - done_bar ? '#' : '.', cli->out);
		if (done)
			fprintf(cli->out, _("  (%zu done)"), done);
		if (plan->year * 100 + m + 1 == this_month)
			fputs(_("  <- this month"), cli->out);
		fputc('\n', cli->out);
	}
}

static void print_table(struct cli *cli, const struct overview *overview)
{
	const struct plan *plan = cli->plan;
	char today[DATE_TEXT_SIZE], month[MONTH_TEXT_SIZE];
	date_format(cli->today, today);
	month_format(date_month(cli->today), month);
	size_t milestones = plan_milestone_count(plan);
	fprintf(cli->out, "%s\n", plan->title);
	if (overview->done)
		fprintf(cli->out, _("Plan year %d: %zu tasks, %zu milestones (%zu done), %zu targets, %zu units. "
				    "Today is %s.\n"),
			plan->year, plan->task_count, milestones, overview->done, plan_target_count(plan),
			overview->units, today);
	else
		fprintf(cli->out, _("Plan year %d: %zu tasks, %zu milestones, %zu targets, %zu units. Today is %s.\n"),
			plan->year, plan->task_count, milestones, plan_target_count(plan), overview->units, today);
	int year = date_year(cli->today);
	if (year > plan->year)
		fprintf(cli->out, _("Today is after the plan year %d: every deadline of the plan has passed.\n"),
			plan->year);
	else if (year < plan->year)
		fprintf(cli->out, _("Today is before the plan year %d: nothing is due yet.\n"), plan->year);
	fputc('\n', cli->out);
	print_calendar(cli, overview);

	if (overview->in_year) {
		fprintf(cli->out, "\n");
		if (overview->due_count) {
			fprintf(cli->out, _("Due this month (%s, from today on): %zu\n"), month, overview->due_count);
			view_milestones_table(cli, overview->due, overview->due_count, 2, false);
		} else {
			struct query query = { .pending_only = true };
			fprintf(cli->out, _("Nothing more falls due this month (%s). "), month);
			view_next_deadline(cli, &query, cli->today);
		}
		fprintf(cli->out, "\n");
		if (overview->overdue_count) {
			fprintf(cli->out, _("Overdue (deadline before %s): %zu\n"), today, overview->overdue_count);
			view_milestones_table(cli, overview->overdue, overview->overdue_count, 2, false);
		} else {
			fprintf(cli->out, _("Nothing is overdue.\n"));
		}
	} else if (year > plan->year) {
		if (overview->overdue_count == milestones)
			fprintf(cli->out, _("\nOverdue: all %zu milestones (`duty due --overdue` lists them; "
					    "--today %d-MM-DD shows the year as it was).\n"),
				overview->overdue_count, plan->year);
		else if (overview->overdue_count)
			fprintf(cli->out, _("\nOverdue: %zu of %zu milestones are not done (`duty due --overdue` "
					    "lists them).\n"),
				overview->overdue_count, milestones);
		else
			fprintf(cli->out, _("\nEvery milestone is done.\n"));
	} else {
		struct query query = { .pending_only = true };
		fputc('\n', cli->out);
		view_next_deadline(cli, &query, cli->today);
	}
}

static void print_json(struct cli *cli, const struct overview *overview)
{
	const struct plan *plan = cli->plan;
	char today[DATE_TEXT_SIZE];
	date_format(cli->today, today);
	cJSON *counts = cJSON_CreateObject();
	cJSON_AddNumberToObject(counts, "tasks", (double)plan->task_count);
	cJSON_AddNumberToObject(counts, "milestones", (double)plan_milestone_count(plan));
	cJSON_AddNumberToObject(counts, "done", (double)overview->done);
	cJSON_AddNumberToObject(counts, "targets", (double)plan_target_count(plan));
	cJSON_AddNumberToObject(counts, "units", (double)overview->units);
	cJSON *calendar = cJSON_CreateArray();
	for (int m = 0; m < 12; m++) {
		char month[MONTH_TEXT_SIZE];
		month_format(plan->year * 100 + m + 1, month);
		cJSON *entry = cJSON_CreateObject();
		cJSON_AddStringToObject(entry, "month", month);
		cJSON_AddNumberToObject(entry, "deadlines", (double)overview->calendar[m]);
		cJSON_AddNumberToObject(entry, "done", (double)overview->calendar_done[m]);
		cJSON_AddItemToArray(calendar, entry);
	}
	struct json_writer object, list;
	json_begin_object(&object, cli->out, 0);
	json_add_field(&object, "plan", json_plan_about(plan));
	json_add_field(&object, "today", cJSON_CreateString(today));
	json_add_field(&object, "counts", counts);
	json_add_field(&object, "calendar", calendar);
	const struct {
		const char *key;
		const struct milestone_match *matches;
		size_t count;
	} lists[] = {
		{ "due_this_month", overview->due, overview->due_count },
		{ "overdue", overview->overdue, overview->overdue_count },
	};
	bool written = true;
	for (size_t l = 0; l < 2; l++) {
		json_add_key(&object, lists[l].key);
		json_begin_array(&list, cli->out, 1);
		for (size_t i = 0; i < lists[l].count; i++)
			json_add(&list, json_due(plan, &lists[l].matches[i], false));
		written = json_end(&list) && written;
	}
	if (!json_end(&object) || !written)
		cli->out_of_memory = true;
	fputc('\n', cli->out);
}

static void print_csv(struct cli *cli, const struct overview *overview)
{
	static const char *const header[] = { NC_("CSV header", "month"), NC_("CSV header", "deadlines"),
					      NC_("CSV header", "done") };
	cli_csv_header(cli, header, 3);
	for (int m = 0; m < 12; m++) {
		char month[MONTH_TEXT_SIZE], count[24], done[24];
		month_format(cli->plan->year * 100 + m + 1, month);
		snprintf(count, sizeof count, "%zu", overview->calendar[m]);
		snprintf(done, sizeof done, "%zu", overview->calendar_done[m]);
		const char *fields[] = { month, count, done };
		csv_write_record(cli->out, fields, 3, cli->raw);
	}
}

static int run_overview(struct cli *cli)
{
	struct overview overview;
	if (!gather(cli, &overview)) {
		release(&overview);
		return cli_out_of_memory();
	}
	if (cli->format == FORMAT_JSON)
		print_json(cli, &overview);
	else if (cli->format == FORMAT_CSV)
		print_csv(cli, &overview);
	else
		print_table(cli, &overview);
	release(&overview);
	return cli_finish_output(cli, EXIT_OK);
}

const struct command command_overview = {
	.name = "",
	.arguments = "",
	.summary = N_("the plan at a glance"),
	.help = N_("Shows the plan's title and counts, a bar per month of the plan year with the\n"
		   "number of deadlines in it, the milestones that fall due in today's month, and\n"
		   "the ones whose deadline has passed, leaving out milestones that are done.\n"
		   "With --format csv it writes the month counts; with --format json, all of it.\n"
		   "\n"
		   "Examples:\n"
		   "  duty\n"
		   "  duty --today 2018-10-15\n"
		   "  duty --format json | jq .calendar\n"),
	.min_arguments = 0,
	.max_arguments = 0,
	.formats = FORMAT_BIT(FORMAT_TABLE) | FORMAT_BIT(FORMAT_CSV) | FORMAT_BIT(FORMAT_JSON),
	.needs = NEEDS_PLAN,
	.run = run_overview,
};
