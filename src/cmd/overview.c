/*
 * overview.c - `duty` with no command: the plan at a glance. Counts,
 * a bar per month of the plan year, what falls due in today's month and
 * what is overdue. Outside the plan year it says so and shows the year.
 * With --unit, the same for one unit's tasks.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/scope.h"
#include "cli/views.h"
#include "duty/csv.h"
#include "duty/json.h"
#include "duty/progress.h"
#include "duty/text.h"

enum {
	BAR_WIDTH = 40,
	LIST_ROWS = 20,   /* rows of each list in the table; the rest are counted */
};

struct overview {
	struct query scope;               /* the unit of --unit, or the whole plan */
	size_t tasks, milestones, targets;
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

/* Counts the tasks in scope, their milestones (and those done) and targets:
 * the whole plan's, or the ones unit answers for, as its tally counts them
 * (progress.c: a milestone that names its own units is only theirs, done
 * is done by the unit). */
static bool count_tasks(const struct plan *plan, date_t today, struct overview *overview)
{
	struct task_match *tasks = NULL;
	size_t count = query_tasks(plan, &overview->scope, &tasks);
	if (count == SIZE_MAX)
		return false;
	free(tasks);
	overview->tasks = count;
	if (overview->scope.by_unit) {
		struct unit_tally tally;
		unit_tally_count(plan, overview->scope.unit, overview->scope.direct_only, today, &tally);
		overview->milestones = tally.milestones;
		overview->done = tally.on_time + tally.late;
		overview->targets = tally.targets;
		return true;
	}
	overview->milestones = plan_milestone_count(plan);
	overview->targets = plan_target_count(plan);
	for (size_t t = 0; t < plan->task_count; t++)
		for (size_t m = 0; m < plan->tasks[t].milestone_count; m++)
			overview->done += plan->tasks[t].milestones[m].completed_on != 0;
	return true;
}

static bool gather(struct cli *cli, const struct query *scope, struct overview *overview)
{
	const struct plan *plan = cli->plan;
	memset(overview, 0, sizeof *overview);
	overview->scope = *scope;
	query_calendar(plan, scope, overview->calendar, overview->calendar_done);
	for (size_t u = 0; u < plan->units->count; u++)
		overview->units += unit_is_listed(&plan->units->units[u]);
	overview->in_year = date_year(cli->today) == plan->year;
	if (!count_tasks(plan, cli->today, overview)) {
		overview->due_count = overview->overdue_count = SIZE_MAX;
		return false;
	}
	struct query query = *scope;
	query.pending_only = true;
	/* A table shows the first LIST_ROWS of each list; JSON gives them all. */
	query.sorted_first = cli->format == FORMAT_JSON ? 0 : LIST_ROWS;
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

/* "Plan year 2018, 市教育局: 4 tasks, 6 milestones (1 done), 3 targets." */
static void print_unit_counts(struct cli *cli, const struct overview *overview, const char *today)
{
	const struct plan *plan = cli->plan;
	const char *unit = plan->units->units[overview->scope.unit].name;
	if (overview->done)
		fprintf(cli->out, _("Plan year %d, %s: %zu tasks, %zu milestones (%zu done), %zu targets. "
				    "Today is %s.\n"),
			plan->year, unit, overview->tasks, overview->milestones, overview->done, overview->targets,
			today);
	else
		fprintf(cli->out, _("Plan year %d, %s: %zu tasks, %zu milestones, %zu targets. Today is %s.\n"),
			plan->year, unit, overview->tasks, overview->milestones, overview->targets, today);
}

/* The words a name takes on a command line: as it is, or in single quotes
 * when the shell would read it otherwise. */
static void put_shell_word(struct strbuf *out, const char *word)
{
	if (*word && !strpbrk(word, " \t\n'\"\\$`;&|<>()*?[]{}~#!")) {
		strbuf_puts(out, word);
		return;
	}
	strbuf_putc(out, '\'');
	for (const char *c = word; *c; c++)
		if (*c == '\'')
			strbuf_puts(out, "'\\''");
		else
			strbuf_putc(out, *c);
	strbuf_putc(out, '\'');
}

/* The first LIST_ROWS milestones of a list, and how many more there are
 * with the command that lists them all: an overview stays a glance at any
 * size of plan. */
static void print_list(struct cli *cli, const struct overview *overview, const struct milestone_match *matches,
		       size_t count, bool overdue)
{
	size_t shown = count > LIST_ROWS ? LIST_ROWS : count;
	view_milestones_table(cli, matches, shown, 2, overview->scope.by_unit);
	if (shown == count)
		return;
	struct strbuf command;
	strbuf_init(&command);
	strbuf_puts(&command, overdue ? "duty due --overdue" : "duty due");
	if (overview->scope.by_unit) {
		strbuf_puts(&command, " --unit ");
		put_shell_word(&command, cli->plan->units->units[overview->scope.unit].name);
		if (overview->scope.direct_only)
			strbuf_puts(&command, " --direct");
	}
	fprintf(cli->out, _("  and %zu more: `%s`\n"), count - shown, strbuf_text(&command));
	strbuf_free(&command);
}

static void print_table(struct cli *cli, const struct overview *overview)
{
	const struct plan *plan = cli->plan;
	char today[DATE_TEXT_SIZE], month[MONTH_TEXT_SIZE];
	date_format(cli->today, today);
	month_format(date_month(cli->today), month);
	size_t milestones = overview->milestones;
	bool by_unit = overview->scope.by_unit;
	fprintf(cli->out, "%s\n", plan->title);
	if (by_unit)
		print_unit_counts(cli, overview, today);
	else if (overview->done)
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
			print_list(cli, overview, overview->due, overview->due_count, false);
		} else {
			struct query query = overview->scope;
			query.pending_only = true;
			fprintf(cli->out, _("Nothing more falls due this month (%s). "), month);
			view_next_deadline(cli, &query, cli->today);
		}
		fprintf(cli->out, "\n");
		if (overview->overdue_count) {
			fprintf(cli->out, _("Overdue (deadline before %s): %zu\n"), today, overview->overdue_count);
			print_list(cli, overview, overview->overdue, overview->overdue_count, true);
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
		struct query query = overview->scope;
		query.pending_only = true;
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
	cJSON_AddNumberToObject(counts, "tasks", (double)overview->tasks);
	cJSON_AddNumberToObject(counts, "milestones", (double)overview->milestones);
	cJSON_AddNumberToObject(counts, "done", (double)overview->done);
	cJSON_AddNumberToObject(counts, "targets", (double)overview->targets);
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
	json_add_field(&object, "unit", overview->scope.by_unit
						? cJSON_CreateString(plan->units->units[overview->scope.unit].name)
						: cJSON_CreateNull());
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
			json_add_due(&list, plan, &lists[l].matches[i], overview->scope.by_unit);
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
	struct query scope;
	int code = cli_unit_query(cli, &scope);
	if (code != EXIT_OK)
		return code;
	struct overview overview;
	if (!gather(cli, &scope, &overview)) {
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

static const struct command_option overview_options[] = {
	{ OPT_UNIT, false, N_("the overview of unit U's tasks: its counts, months, what\n"
			      "falls due and what is overdue") },
	{ OPT_DIRECT, false, N_("only the tasks that name U itself") },
	{ .help = NULL },
};

const struct command command_overview = {
	.name = "",
	.arguments = "",
	.summary = N_("the plan at a glance"),
	.options = overview_options,
	.help = N_("Shows the plan's title and counts, a bar per month of the plan year with the\n"
		   "number of deadlines in it, the milestones that fall due in today's month, and\n"
		   "the ones whose deadline has passed, leaving out milestones that are done.\n"
		   "Each list shows its first 20 milestones and how many more there are.\n"
		   "With --format csv it writes the month counts; with --format json, all of it\n"
		   "(every milestone of both lists).\n"
		   "With --unit U, all of it for the tasks of one unit.\n"
		   "\n"
		   "Examples:\n"
		   "  duty\n"
		   "  duty --today 2018-10-15\n"
		   "  duty --unit 瑞安\n"
		   "  duty --format json | jq .calendar\n"),
	.min_arguments = 0,
	.max_arguments = 0,
	.formats = FORMAT_BIT(FORMAT_TABLE) | FORMAT_BIT(FORMAT_CSV) | FORMAT_BIT(FORMAT_JSON),
	.needs = NEEDS_PLAN,
	.run = run_overview,
};
