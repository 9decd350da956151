/*
 * help.c - `duty help [COMMAND]`.
 */
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/help.h"
#include "cli/output.h"

static int run_help(struct cli *cli)
{
	if (cli->argument_count == 0) {
		help_print_usage(cli->out, cli->width);
		return cli_finish_output(cli, EXIT_OK);
	}
	int code = EXIT_OK;
	const struct command *found = commands_find(cli->arguments[0], &code);
	if (!found)
		return code;
	help_print_command(cli->out, found, cli->width);
	return cli_finish_output(cli, EXIT_OK);
}

const struct command command_help = {
	.name = "help",
	.arguments = "[COMMAND]",
	.summary = N_("explain a command, with examples"),
	.help = N_("Examples:\n"
		   "  duty help due\n"
		   "  duty help overview\n"),
	.min_arguments = 0,
	.max_arguments = 1,
	.formats = FORMAT_BIT(FORMAT_TABLE),
	.needs = NEEDS_NOTHING,
	.run = run_help,
};
