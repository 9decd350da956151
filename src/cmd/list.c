/*
 * list.c - `duty list`: tasks with their next deadline and units,
 * optionally those of one unit (directly or through its groups) or those
 * with a deadline in a month.
 */
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "cli/scope.h"
#include "cli/views.h"

static int run_list(struct cli *cli)
{
	struct query query;
	int code = cli_unit_query(cli, &query);
	if (code != EXIT_OK)
		return code;
	if (cli->given[OPT_MONTH]) {
		query.from = date_make(cli->month / 100, cli->month % 100, 1);
		query.to = date_month_last_day(cli->month);
	}
	struct task_match *matches = NULL;
	size_t count = query_tasks(cli->plan, &query, &matches);
	if (count == SIZE_MAX)
		return cli_out_of_memory();
	if (count == 0 && cli->format == FORMAT_TABLE) {
		fputs(_("No task matches.\n"), cli->out);
	} else {
		/* With --direct every Via would be empty; JSON keeps the key. */
		view_tasks(cli, &query, matches, count,
			   query.by_unit && (!query.direct_only || cli->format == FORMAT_JSON));
	}
	free(matches);
	return cli_finish_output(cli, EXIT_OK);
}

static const struct command_option list_options[] = {
	{ OPT_UNIT, false,
	  N_("tasks of unit U: a canonical name, an alias, or part of\n"
	     "exactly one unit's name. A unit also gets the tasks of\n"
	     "every group it belongs to, shown in the Via column.") },
	{ OPT_DIRECT, false, N_("only the tasks that name the unit itself") },
	{ OPT_MONTH, false, N_("only tasks with a deadline in that month: 2018-10,\n"
			       "2018年10月, or 10 (October of the plan year)") },
	{ .help = NULL },
};

const struct command command_list = {
	.name = "list",
	.arguments = "",
	.summary = N_("tasks, with their next deadline and units"),
	.options = list_options,
	.help = N_("The next deadline is the earliest milestone not done yet, marked overdue\n"
		   "when its deadline has passed; with --month, the first deadline in that month.\n"
		   "\n"
		   "Examples:\n"
		   "  duty list --unit 市教育局\n"
		   "  duty list --unit 瑞安 --direct\n"
		   "  duty list --month 2018-10 --format csv\n"),
	.min_arguments = 0,
	.max_arguments = 0,
	.formats = FORMAT_BIT(FORMAT_TABLE) | FORMAT_BIT(FORMAT_CSV) | FORMAT_BIT(FORMAT_JSON),
	.needs = NEEDS_PLAN,
	.run = run_list,
};
