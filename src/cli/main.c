/*
 * main.c - duty's entry point: from argv to output in five steps. The
 * options are parsed against the command table (options.c), the data the
 * command needs is loaded (data.c), and the command runs (src/cmd/).
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/complete.h"
#include "cli/data.h"
#include "cli/help.h"
#include "cli/locale.h"
#include "cli/options.h"
#include "cli/output.h"

#ifndef DUTY_VERSION
#define DUTY_VERSION "0.1.0"
#endif

int main(int argc, char **argv)
{
	locale_init();
	if (complete_requested(argc, argv))
		return complete_run(argc, argv);
	struct cli cli = { .out = stdout };
	int code = options_parse(&cli, argc, argv);
	if (code != EXIT_OK)
		return code;
	if (cli.version) {
		printf("duty %s\n", DUTY_VERSION);
		return cli_finish_output(&cli, EXIT_OK);
	}
	if (cli.help) {
		if (cli.command->name[0])
			help_print_command(stdout, cli.command);
		else
			help_print_usage(stdout);
		return cli_finish_output(&cli, EXIT_OK);
	}
	code = options_finish(&cli);
	if (code == EXIT_OK)
		code = data_load(&cli);
	if (code == EXIT_OK)
		code = cli.command->run(&cli);
	data_free(&cli);
	return code;
}
