/*
 * data.c - finding and loading the data files (see data.h).
 */
#include "cli/data.h"

#include <stdlib.h>

#include "cli/output.h"
#include "cli/paths.h"
#include "duty/load.h"

static bool find_paths(struct cli *cli)
{
	if (!cli->plan_path) {
		const char *from_environment = getenv("DUTY_FILE");
		if (from_environment && *from_environment) {
			cli->plan_path = from_environment;
		} else {
			cli->owned_plan_path = paths_working_plan();
			if (!cli->owned_plan_path) {
				cli->owned_plan_path = paths_shipped_plan();
				cli->plan_is_shipped = true;
			}
			cli->plan_path = cli->owned_plan_path;
		}
	}
	if (!cli->units_path && cli->plan_path) {
		cli->owned_units_path = paths_sibling(cli->plan_path, "units.csv");
		cli->units_path = cli->owned_units_path;
	}
	return cli->plan_path && cli->units_path;
}

int data_load(struct cli *cli)
{
	if (!find_paths(cli))
		return cli_out_of_memory();
	if (!(cli->command->needs & NEEDS_UNITS))
		return EXIT_OK;
	struct diagnostics diag;
	diagnostics_init(&diag, 5);
	struct load_options options = { .encoding = cli->encoding };
	cli->units = units_load(cli->units_path, &options, &diag);
	const char *failed = cli->units_path;
	if (cli->units && (cli->command->needs & NEEDS_PLAN) == NEEDS_PLAN) {
		cli->plan = plan_load(cli->plan_path, cli->units, &options, &diag);
		failed = cli->plan ? NULL : cli->plan_path;
	} else if (cli->units) {
		failed = NULL;
	}
	int code = EXIT_OK;
	if (failed) {
		code = cli_report_problems(&diag, failed, EXIT_DATA);
	}
	/* --month 6 is June of the plan year. */
	if (cli->plan && cli->given[OPT_MONTH])
		cli->month = month_in_year(cli->month, cli->plan->year);
	diagnostics_free(&diag);
	return code;
}

void data_free(struct cli *cli)
{
	plan_free(cli->plan);
	units_free(cli->units);
	free(cli->owned_plan_path);
	free(cli->owned_units_path);
	free(cli->owned_note);
	free(cli->owned_by);
	cli->plan = NULL;
	cli->units = NULL;
	cli->owned_plan_path = cli->owned_units_path = cli->owned_note = cli->owned_by = NULL;
}
