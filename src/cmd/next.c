/*
 * next.c - `duty next`: what to do now. The milestones not done whose
 * deadline has passed (most overdue first), then those due within --days
 * N days (default 14), then the rest of this month. In a working copy made
 * with `duty init --unit U` it is what bare `duty` shows, for that unit.
 */
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "cli/scope.h"
#include "cli/views.h"
#include "duty/csv.h"
#include "duty/format.h"
#include "duty/json.h"
#include "duty/progress.h"
#include "duty/table.h"

enum section { SECTION_OVERDUE, SECTION_SOON, SECTION_LATER, SECTION_COUNT };

/* The JSON keys and CSV values of the sections. */
static const char *const section_names[SECTION_COUNT] = { "overdue", "due_soon", "later_this_month" };

struct next_list {
	struct query scope;                /* --unit, --direct; pending milestones only */
	date_t soon_until;                 /* today + --days */
	date_t month_end;
	struct milestone_match *matches[SECTION_COUNT];
	size_t counts[SECTION_COUNT];      /* SIZE_MAX when out of memory */
};

static void release(struct next_list *list)
{
	for (int s = 0; s < SECTION_COUNT; s++)
		if (list->counts[s] != SIZE_MAX)
			free(list->matches[s]);
}

/* One section: the pending milestones with a deadline in [from, to]. */
static bool gather_section(struct cli *cli, struct next_list *list, enum section section, date_t from, date_t to)
{
	struct query query = list->scope;
	query.from = from;
	query.to = to;
	list->matches[section] = NULL;
	list->counts[section] = from && from > to ? 0 : query_milestones(cli->plan, &query, &list->matches[section]);
	return list->counts[section] != SIZE_MAX;
}

static bool gather(struct cli *cli, struct next_list *list)
{
	list->scope.pending_only = true;
	list->soon_until = date_add_days(cli->today, cli->days);
	list->month_end = date_month_last_day(date_month(cli->today));
	/* Ordered by deadline: the most overdue comes first. 0 is open, so the
	 * overdue section ends the day before today (YYYYMMDD - 1 compares so). */
	bool ok = gather_section(cli, list, SECTION_OVERDUE, 0, cli->today - 1);
	ok = gather_section(cli, list, SECTION_SOON, cli->today, list->soon_until) && ok;
	ok = gather_section(cli, list, SECTION_LATER, date_next_day(list->soon_until), list->month_end) && ok;
	return ok;
}

/* Where a milestone of the list stands: for the unit of --unit (its own
 * line, its group's, or the whole record: progress.c decides), else as a
 * whole. */
static enum milestone_status status_of(const struct cli *cli, const struct next_list *list,
				       const struct milestone_match *match)
{
	const struct task *task = match->task;
	size_t unit = list->scope.by_unit ? list->scope.unit : EVERY_UNIT;
	return milestone_progress(cli->units, task, &task->milestones[match->index], unit, cli->today).status;
}

/* "15 days late", "today", "in 3 days". */
static void when_text(struct strbuf *out, date_t today, date_t deadline)
{
	long days = date_days_between(today, deadline);
	if (days < 0)
		strbuf_printf(out, ngettext("%ld day late", "%ld days late", (unsigned long)-days), -days);
	else if (days == 0)
		strbuf_puts(out, _("today"));
	else
		strbuf_printf(out, ngettext("in %ld day", "in %ld days", (unsigned long)days), days);
}

static const struct table_column columns[] = {
	{ N_("ID"), ALIGN_LEFT, false },        { N_("Deadline"), ALIGN_LEFT, false },
	{ N_("When"), ALIGN_LEFT, false },      { N_("Task"), ALIGN_LEFT, true },
	{ N_("Milestone"), ALIGN_LEFT, true },  { N_("Units"), ALIGN_LEFT, true },
	{ N_("Via"), ALIGN_LEFT, true },
};

static void print_section_table(struct cli *cli, const struct next_list *list, enum section section)
{
	const struct plan *plan = cli->plan;
	const struct milestone_match *matches = list->matches[section];
	size_t count = list->counts[section];
	bool with_via = list->scope.by_unit;
	struct table table;
	table_init(&table, columns, with_via ? 7 : 6);
	struct strbuf when = STRBUF_INIT, units = STRBUF_INIT, text = STRBUF_INIT;
	for (size_t i = 0; i < count; i++) {
		const struct task *task = matches[i].task;
		const struct milestone *milestone = &task->milestones[matches[i].index];
		char id[ITEM_ID_SIZE], deadline[DATE_TEXT_SIZE];
		date_format(milestone->deadline, deadline);
		strbuf_clear(&when);
		when_text(&when, cli->today, milestone->deadline);
		strbuf_clear(&units);
		format_milestone_units(&units, plan, task, milestone, "、");
		const char *cells[] = {
			item_id_format(id, task->id, matches[i].index + 1), deadline, strbuf_text(&when), task->title,
			milestone_text_string(task, milestone, &text), strbuf_text(&units),
			matches[i].via == NO_GROUP ? "" : plan->units->units[matches[i].via].name,
		};
		table_add_colored_row(&table, cells, cli_status_color(status_of(cli, list, &matches[i])));
	}
	struct table_style style = cli_table_style(cli, 2, true);
	cli_print_table(cli, &table, &style);
	table_free(&table);
	strbuf_free(&when);
	strbuf_free(&units);
	strbuf_free(&text);
}

static void print_table(struct cli *cli, const struct next_list *list)
{
	char today[DATE_TEXT_SIZE], soon[DATE_TEXT_SIZE], month_end[DATE_TEXT_SIZE];
	date_format(cli->today, today);
	date_format(list->soon_until, soon);
	date_format(list->month_end, month_end);
	const size_t *counts = list->counts;
	if (list->scope.by_unit)
		fprintf(cli->out, _("To do for %s on %s: "), cli->units->units[list->scope.unit].name, today);
	else
		fprintf(cli->out, _("To do on %s: "), today);
	fprintf(cli->out, _("%zu overdue, %zu due within %u days, %zu more this month\n"), counts[SECTION_OVERDUE],
		counts[SECTION_SOON], cli->days, counts[SECTION_LATER]);
	if (counts[SECTION_OVERDUE]) {
		fprintf(cli->out, _("\nOverdue, the most overdue first: %zu\n"), counts[SECTION_OVERDUE]);
		print_section_table(cli, list, SECTION_OVERDUE);
	}
	if (counts[SECTION_SOON]) {
		fprintf(cli->out, _("\nDue within %u days (by %s): %zu\n"), cli->days, soon, counts[SECTION_SOON]);
		print_section_table(cli, list, SECTION_SOON);
	}
	if (counts[SECTION_LATER]) {
		fprintf(cli->out, _("\nLater this month (by %s): %zu\n"), month_end, counts[SECTION_LATER]);
		print_section_table(cli, list, SECTION_LATER);
	}
	if (!counts[SECTION_OVERDUE] && !counts[SECTION_SOON] && !counts[SECTION_LATER]) {
		date_t last = list->soon_until > list->month_end ? list->soon_until : list->month_end;
		char last_text[DATE_TEXT_SIZE];
		date_format(last, last_text);
		fprintf(cli->out, _("\nNothing is overdue or due by %s. "), last_text);
		view_next_deadline(cli, &list->scope, last);
	}
}

/* A milestone of a due list (docs/json.md), with its status and the days
 * left to its deadline (negative when late). */
static cJSON *json_next(const struct cli *cli, const struct next_list *list, const struct milestone_match *match)
{
	const struct milestone *milestone = &match->task->milestones[match->index];
	cJSON *item = json_due(cli->plan, match, list->scope.by_unit);
	cJSON_AddStringToObject(item, "status", milestone_status_name(status_of(cli, list, match)));
	cJSON_AddNumberToObject(item, "days_left", (double)date_days_between(cli->today, milestone->deadline));
	return item;
}

static void print_json(struct cli *cli, const struct next_list *list)
{
	char today[DATE_TEXT_SIZE];
	date_format(cli->today, today);
	bool with_via = list->scope.by_unit;
	struct json_writer object, array;
	json_begin_object(&object, cli->out, 0);
	json_add_field(&object, "today", cJSON_CreateString(today));
	json_add_field(&object, "unit", with_via ? cJSON_CreateString(cli->units->units[list->scope.unit].name)
						 : cJSON_CreateNull());
	json_add_field(&object, "days", cJSON_CreateNumber(cli->days));
	bool written = true;
	for (int s = 0; s < SECTION_COUNT; s++) {
		json_add_key(&object, section_names[s]);
		json_begin_array(&array, cli->out, 1);
		for (size_t i = 0; i < list->counts[s]; i++)
			json_add(&array, json_next(cli, list, &list->matches[s][i]));
		written = json_end(&array) && written;
	}
	if (!json_end(&object) || !written)
		cli->out_of_memory = true;
	fputc('\n', cli->out);
}

static void print_csv(struct cli *cli, const struct next_list *list)
{
	static const char *const header[] = {
		NC_("CSV header", "section"),  NC_("CSV header", "task"),      NC_("CSV header", "milestone"),
		NC_("CSV header", "title"),    NC_("CSV header", "deadline"),  NC_("CSV header", "days_left"),
		NC_("CSV header", "status"),   NC_("CSV header", "text"),      NC_("CSV header", "units"),
		NC_("CSV header", "via"),
	};
	bool with_via = list->scope.by_unit;
	cli_csv_header(cli, header, with_via ? 10 : 9);
	struct strbuf units = STRBUF_INIT, text = STRBUF_INIT;
	for (int s = 0; s < SECTION_COUNT; s++) {
		for (size_t i = 0; i < list->counts[s]; i++) {
			const struct milestone_match *match = &list->matches[s][i];
			const struct task *task = match->task;
			const struct milestone *milestone = &task->milestones[match->index];
			char id[24], number[24], deadline[DATE_TEXT_SIZE], days[24];
			snprintf(id, sizeof id, "%ld", task->id);
			snprintf(number, sizeof number, "%zu", match->index + 1);
			date_format(milestone->deadline, deadline);
			snprintf(days, sizeof days, "%ld", date_days_between(cli->today, milestone->deadline));
			strbuf_clear(&units);
			format_milestone_units(&units, cli->plan, task, milestone, ";");
			const char *fields[] = {
				section_names[s], id, number, task->title, deadline, days,
				milestone_status_name(status_of(cli, list, match)), milestone_text_string(task, milestone, &text),
				strbuf_text(&units), match->via == NO_GROUP ? "" : cli->units->units[match->via].name,
			};
			csv_write_record(cli->out, fields, with_via ? 10 : 9, cli->raw);
		}
	}
	strbuf_free(&units);
	strbuf_free(&text);
}

static int run_next(struct cli *cli)
{
	struct next_list list = { 0 };
	int code = cli_unit_query(cli, &list.scope);
	if (code != EXIT_OK)
		return code;
	if (!gather(cli, &list)) {
		release(&list);
		return cli_out_of_memory();
	}
	if (cli->format == FORMAT_JSON)
		print_json(cli, &list);
	else if (cli->format == FORMAT_CSV)
		print_csv(cli, &list);
	else
		print_table(cli, &list);
	release(&list);
	return cli_finish_output(cli, EXIT_OK);
}

static const struct command_option next_options[] = {
	{ OPT_UNIT, false, N_("only what unit U must do (default: the unit of a working\n"
			      "copy made with `duty init --unit U`)") },
	{ OPT_DIRECT, false, N_("only the tasks that name U itself") },
	{ OPT_DAYS, false, N_("what falls due within N days of today (default 14)") },
	{ .help = NULL },
};

const struct command command_next = {
	.name = "next",
	.arguments = "",
	.summary = N_("what to do now: overdue, due soon, the rest of this month"),
	.description = N_("Lists the milestones not done whose deadline has passed, the most overdue\n"
			  "first; then those due within --days N days of today; then the rest of\n"
			  "today's month.\n"),
	.options = next_options,
	.help = N_("In a working copy made with `duty init --unit U`, plain `duty` shows\n"
		   "`duty next` for U.\n"
		   "\n"
		   "Examples:\n"
		   "  duty next --unit 瑞安\n"
		   "  duty next --days 30 --today 2018-10-15\n"
		   "  duty next --unit 市教育局 --format json\n"),
	.min_arguments = 0,
	.max_arguments = 0,
	.formats = FORMAT_BIT(FORMAT_TABLE) | FORMAT_BIT(FORMAT_CSV) | FORMAT_BIT(FORMAT_JSON),
	.needs = NEEDS_PLAN,
	.run = run_next,
};
