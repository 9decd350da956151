/*
 * due.c - `duty due`: milestones that fall due in a month (today's by
 * default), or with --overdue those whose deadline is before today.
 */
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "cli/scope.h"
#include "cli/views.h"
#include "duty/ics.h"
#include "duty/text.h"

static int run_due(struct cli *cli)
{
	struct query query;
	int code = cli_unit_query(cli, &query);
	if (code != EXIT_OK)
		return code;
	month_t month = cli->given[OPT_MONTH] ? cli->month : date_month(cli->today);
	char month_text[MONTH_TEXT_SIZE], today[DATE_TEXT_SIZE];
	month_format(month, month_text);
	date_format(cli->today, today);
	if (cli->overdue) {
		query.to = cli->today - 1;
		if (cli->given[OPT_MONTH]) {
			query.from = date_make(month / 100, month % 100, 1);
			if (date_month_last_day(month) < query.to)
				query.to = date_month_last_day(month);
		}
	} else {
		query.from = date_make(month / 100, month % 100, 1);
		query.to = date_month_last_day(month);
	}
	/* What is due is what is left to do: done milestones are counted apart. */
	query.pending_only = true;
	struct milestone_match *matches = NULL;
	size_t count = query.from > query.to && query.to ? 0 : query_milestones(cli->plan, &query, &matches);
	size_t done = 0;
	if (count != SIZE_MAX && !(query.from > query.to && query.to)) {
		struct query all = query;
		all.pending_only = false;
		struct milestone_match *every = NULL;
		size_t total = query_milestones(cli->plan, &all, &every);
		done = total != SIZE_MAX ? total - count : 0;
		free(every);
	}
	if (count == SIZE_MAX)
		return cli_out_of_memory();
	code = cli_open_output(cli);
	if (code != EXIT_OK) {
		free(matches);
		return code;
	}
	cli->sheet_name = cli->overdue ? _("Overdue") : month_text;
	if (cli->format == FORMAT_ICS) {
		struct strbuf name;
		strbuf_init(&name);
		strbuf_printf(&name, "%s — %s", cli->plan->title, cli->overdue ? today : month_text);
		ics_begin(cli->out, strbuf_text(&name));
		for (size_t i = 0; i < count; i++)
			ics_event(cli->out, cli->plan, matches[i].task, matches[i].index, cli->today,
				  cli->remind_days);
		ics_end(cli->out);
		strbuf_free(&name);
	} else if (cli->format != FORMAT_TABLE) {
		view_milestones(cli, matches, count, query.by_unit);
	} else if (count == 0) {
		if (cli->overdue)
			fprintf(cli->out, _("Nothing is overdue on %s. "), today);
		else if (done)
			fprintf(cli->out, _("Nothing is left to do in %s (%zu done). "), month_text, done);
		else
			fprintf(cli->out, _("Nothing falls due in %s. "), month_text);
		view_next_deadline(cli, &query, cli->overdue ? cli->today - 1 : date_month_last_day(month));
	} else {
		if (cli->overdue)
			fprintf(cli->out, _("Overdue on %s (deadline passed, not done): %zu\n"), today, count);
		else
			fprintf(cli->out, _("Due in %s: %zu"), month_text, count);
		if (!cli->overdue)
			fprintf(cli->out, done ? _(" (and %zu done)\n") : "\n", done);
		view_milestones(cli, matches, count, query.by_unit);
	}
	free(matches);
	return cli_finish_output(cli, EXIT_OK);
}

static const struct command_option due_options[] = {
	{ OPT_MONTH, false, N_("milestones whose deadline falls in that month: 2018-10,\n"
			       "2018年10月, or 10 (October of the plan year); default:\n"
			       "today's month") },
	{ OPT_OVERDUE, false,
	  N_("milestones whose deadline is before today and that are\n"
	     "not done\n"
	     "(within --month when it is given)") },
	{ OPT_UNIT, false, N_("only milestones of unit U's tasks (see `duty help list`)") },
	{ OPT_DIRECT, false, N_("only tasks that name the unit itself") },
	{ OPT_REMIND, false,
	  N_("with --format ics, a reminder at 9:00 DAYS days before each\n"
	     "deadline (default 7; 0 for none)") },
	{ OPT_LANG, false, N_("the language of a workbook: zh or en (default: the\n"
			      "plan's, Chinese for a Chinese plan)") },
	{ OPT_OUTPUT, false, N_("write to FILE, in the format its extension names (.csv,\n"
				".json, .ics, .xlsx) unless --format says") },
	{ .help = NULL },
};

const struct command command_due = {
	.name = "due",
	.arguments = "",
	.summary = N_("milestones due in a month, or overdue"),
	.options = due_options,
	.help = N_("Milestones marked done (`duty done`) are left out. When nothing falls due,\n"
		   "it says when the next deadline is.\n"
		   "\n"
		   "Examples:\n"
		   "  duty due --today 2018-10-15\n"
		   "  duty due --month 2018-12 --unit 瑞安\n"
		   "  duty due --overdue --today 2018-09-01 --format json\n"
		   "  duty due --month 2018-12 --format ics > 2018-12.ics\n"
		   "  duty due --month 2018-12 -o 2018-12.xlsx\n"),
	.min_arguments = 0,
	.max_arguments = 0,
	.formats = FORMAT_BIT(FORMAT_TABLE) | FORMAT_BIT(FORMAT_CSV) | FORMAT_BIT(FORMAT_JSON)
		   | FORMAT_BIT(FORMAT_ICS) | FORMAT_BIT(FORMAT_XLSX),
	.needs = NEEDS_PLAN,
	.run = run_due,
};
