/*
 * main.c - duty's entry point: from argv to output in five steps. The
 * options are parsed against the command table (options.c), the data the
 * command needs is loaded (data.c), and the command runs (src/cmd/).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/complete.h"
#include "cli/data.h"
#include "cli/help.h"
#include "cli/locale.h"
#include "cli/options.h"
#include "cli/output.h"
#include "duty/json.h"
#include "duty/terminal.h"

#ifndef DUTY_VERSION
#define DUTY_VERSION "0.1.0"
#endif

int main(int argc, char **argv)
{
	/* Into a pipe or a file, output goes out in 64 KiB writes rather than
	 * stdio's 4 KiB: a big list or export makes a sixteenth of the system
	 * calls. A terminal keeps its line buffering. */
	static char stdout_buffer[1 << 16];
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, stdout_buffer, _IOFBF, sizeof stdout_buffer);
	json_init();
	locale_init();
	if (complete_requested(argc, argv))
		return complete_run(argc, argv);
	struct cli cli = { .out = stdout };
	int code = options_parse(&cli, argc, argv);
	if (code != EXIT_OK) {
		data_free(&cli);
		return code;
	}
	if (cli.version) {
		printf("duty %s\n", DUTY_VERSION);
		data_free(&cli);
		return cli_finish_output(&cli, EXIT_OK);
	}
	if (cli.help)
		options_finish_width(&cli);
	else
		code = options_finish(&cli);
	/* Text for a terminal passes the one sanitizer (duty/terminal.h), which
	 * also wraps a line wider than the width (tables fit themselves) when
	 * the command writes tables, or writes its output to -o and says only
	 * sentences here (export --all-units -o DIR); JSON, CSV and the other
	 * formats are written exactly. export writes JSON when no format is
	 * given: sanitized only when a terminal shows it, exact into a pipe or
	 * a file, where another system reads it. (-o names where the output
	 * goes only for formats other than table: import's -o is the plan it
	 * writes.) */
	FILE *terminal = NULL;
	bool text = (cli.command->formats & FORMAT_BIT(FORMAT_TABLE)) || cli.output_path;
	if (code == EXIT_OK && cli.format == FORMAT_TABLE && (text || isatty(STDOUT_FILENO))) {
		terminal = terminal_open(STDOUT_FILENO, true, text ? cli.width : 0);
		if (!terminal)
			code = cli_out_of_memory();
		else
			cli.out = terminal;
	}
	if (code == EXIT_OK && cli.help) {
		if (cli.command->name[0])
			help_print_command(cli.out, cli.command, cli.width);
		else
			help_print_usage(cli.out, cli.width);
		code = cli_finish_output(&cli, EXIT_OK);
	} else if (code == EXIT_OK) {
		code = data_load(&cli);
		if (code == EXIT_OK)
			code = cli.command->run(&cli);
	}
	if (terminal) {
		cli.out = stdout;
		if (fclose(terminal) != 0 && code == EXIT_OK) {
			if (errno == ENOMEM) {
				code = cli_out_of_memory();
			} else {
				cli_error(_("could not write the output: %s"), strerror(errno));
				code = EXIT_OUTPUT;
			}
		}
	}
	data_free(&cli);
	return code;
}
