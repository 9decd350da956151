/*
 * data.c - finding and loading the data files (see data.h).
 */
#include "cli/data.h"

#include <stdlib.h>

#include "cli/commands.h"
#include "cli/output.h"
#include "cli/paths.h"
#include "cli/settings.h"
#include "duty/load.h"

static bool find_paths(struct cli *cli)
{
	if (!cli->plan_path) {
		const char *from_environment = getenv("DUTY_FILE");
		if (from_environment && *from_environment) {
			cli->plan_path = from_environment;
			cli->plan_from_environment = true;
		} else {
			bool out_of_memory;
			cli->owned_plan_path = paths_working_plan(&out_of_memory);
			if (out_of_memory)
				return false;
			if (!cli->owned_plan_path) {
				cli->owned_plan_path = paths_shipped_plan();
				cli->plan_is_shipped = true;
			}
			cli->plan_path = cli->owned_plan_path;
		}
	}
	if (!cli->units_path && cli->plan_path) {
		cli->owned_units_path = paths_units_for(cli->plan_path, &cli->units_shipped);
		cli->units_path = cli->owned_units_path;
	}
	return cli->plan_path && cli->units_path;
}

/* The plan is read first, so a plan that is not there is the first thing
 * said, not the unit directory that would be beside it. */
static int read_plan(struct cli *cli, struct input *input, struct diagnostics *diag)
{
	if (input_map_file(cli->plan_path, cli->encoding, input, diag))
		return EXIT_OK;
	cli_print_problems(diag);
	if (diag->out_of_memory)
		return cli_out_of_memory();
	if (cli->plan_from_environment)
		cli_error(_("the plan is the one DUTY_FILE names; correct it, or unset it to use the working copy "
			    "or the shipped plan"));
	else if (cli->plan_is_shipped)
		cli_error(_("the plan shipped with duty is missing; name a plan with -f FILE"));
	return EXIT_DATA;
}

static struct unit_directory *load_units(struct cli *cli, struct diagnostics *diag, int *code)
{
	struct load_options options = { .encoding = cli->encoding };
	struct unit_directory *units = units_load(cli->units_path, &options, diag);
	if (!units) {
		*code = cli_report_problems(diag, cli->units_path, EXIT_DATA);
		if (*code == EXIT_DATA && !cli->units_given)
			cli_error(_("%s is the unit directory beside the plan; put one there, or name one with "
				    "--units FILE"),
				  cli->units_path);
	} else if (cli->units_shipped) {
		cli_error(_("there is no units.csv beside %s; using the unit directory shipped with duty, %s "
			    "(--units FILE names another)"),
			  cli->plan_path, cli->units_path);
	}
	return units;
}

/* A plan scoped to a unit (duty.conf beside it says unit=U, written by
 * `duty init --unit U`): bare `duty` is `duty next` for U, and `duty next`
 * is for U unless --unit names another. False when out of memory. */
static bool use_scoped_unit(struct cli *cli)
{
	bool bare = !cli->command_given && !cli->unit_query;
	if (!bare && !(cli->command == &command_next && !cli->unit_query))
		return true;
	if (!settings_read(cli->plan_path, "unit", &cli->owned_unit_query))
		return false;
	if (!cli->owned_unit_query)
		return true;
	cli->unit_query = cli->owned_unit_query;
	cli->unit_from_settings = true;
	if (bare)
		cli->command = &command_next;
	return true;
}

int data_load(struct cli *cli)
{
	if (!find_paths(cli) || !use_scoped_unit(cli))
		return cli_out_of_memory();
	if (!(cli->command->needs & NEEDS_UNITS))
		return EXIT_OK;
	struct diagnostics diag;
	diagnostics_init(&diag, 5);
	/* done, undo and report read the plan under the lock themselves; it is
	 * read here too, so that one that is missing is named first. */
	struct input input;
	int code = read_plan(cli, &input, &diag);
	if (code != EXIT_OK) {
		diagnostics_free(&diag);
		return code;
	}
	cli->units = load_units(cli, &diag, &code);
	if (cli->units && (cli->command->needs & NEEDS_PLAN) == NEEDS_PLAN) {
		struct load_options options = { .encoding = cli->encoding };
		cli->plan = plan_load_input(cli->plan_path, &input, cli->units, &options, &diag);
		if (!cli->plan)
			code = cli_report_problems(&diag, cli->plan_path, EXIT_DATA);
	}
	input_free(&input);
	diagnostics_free(&diag);
	/* --month 6 is June of the plan year. */
	if (cli->plan && cli->given[OPT_MONTH])
		cli->month = month_in_year(cli->month, cli->plan->year);
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
	free(cli->owned_unit_query);
	cli->owned_unit_query = NULL;
	cli->plan = NULL;
	cli->units = NULL;
	cli->owned_plan_path = cli->owned_units_path = cli->owned_note = cli->owned_by = NULL;
}
