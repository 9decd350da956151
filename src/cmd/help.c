/*
 * cmd_help.c - `duty help [COMMAND]`.
 */
#include "cli/cli.h"

static int run_help(struct cli *cli)
{
	if (cli->argument_count == 0) {
		cli_print_usage(cli->out);
		return cli_finish_output(cli, EXIT_OK);
	}
	int code = EXIT_OK;
	const struct command *found = cli_find_command(cli->arguments[0], &code);
	if (!found)
		return code;
	cli_print_command_help(found, cli->out);
	return cli_finish_output(cli, EXIT_OK);
}

const struct command command_help = {
	.name = "help",
	.arguments = "[COMMAND]",
	.summary = N_("explain a command, with examples"),
	.help = N_("Examples:\n"
		   "  duty help due\n"
		   "  duty help overview\n"),
	.options = 0,
	.min_arguments = 0,
	.max_arguments = 1,
	.formats = 1u << FORMAT_TABLE,
	.run = run_help,
};
