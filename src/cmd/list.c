/*
 * cmd_list.c - `duty list`: tasks with their next deadline and units,
 * optionally those of one unit (directly or through its groups) or those
 * with a deadline in a month.
 */
#include <stdlib.h>

#include "cli/cli.h"

static int run_list(struct cli *cli)
{
	struct query query;
	int code = cli_unit_query(cli, &query);
	if (code != EXIT_OK)
		return code;
	if (cli->month_given) {
		query.from = date_make(cli->month / 100, cli->month % 100, 1);
		query.to = date_month_last_day(cli->month);
	}
	struct task_match *matches = NULL;
	size_t count = query_tasks(cli->plan, &query, &matches);
	if (count == SIZE_MAX) {
		cli_error(_("out of memory"));
		return EXIT_DATA;
	}
	if (count == 0 && cli->format == FORMAT_TABLE) {
		fputs(_("No task matches.\n"), cli->out);
	} else {
		/* With --direct every Via would be empty; JSON keeps the key. */
		view_tasks(cli, matches, count,
			   query.by_unit && (!query.direct_only || cli->format == FORMAT_JSON));
	}
	free(matches);
	return cli_finish_output(cli, EXIT_OK);
}

const struct command command_list = {
	.name = "list",
	.arguments = "",
	.summary = N_("tasks, with their next deadline and units"),
	.help = N_("Options:\n"
		   "  -u, --unit U        tasks of unit U: a canonical name, an alias, or part of\n"
		   "                      exactly one unit's name. A unit also gets the tasks of\n"
		   "                      every group it belongs to, shown in the Via column.\n"
		   "      --direct        only the tasks that name the unit itself\n"
		   "  -m, --month YYYY-MM only tasks with a deadline in that month\n"
		   "\n"
		   "The next deadline is the first one on or after today; when all have passed,\n"
		   "the last one, marked overdue.\n"
		   "\n"
		   "Examples:\n"
		   "  duty list --unit 市教育局\n"
		   "  duty list --unit 瑞安 --direct\n"
		   "  duty list --month 2018-10 --format csv\n"),
	.options = OPTION_UNIT | OPTION_DIRECT | OPTION_MONTH,
	.min_arguments = 0,
	.max_arguments = 0,
	.formats = 1u << FORMAT_TABLE | 1u << FORMAT_CSV | 1u << FORMAT_JSON,
	.loads_data = true,
	.run = run_list,
};
