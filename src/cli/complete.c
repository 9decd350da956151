/*
 * complete.c - answers for the completion scripts (see complete.h).
 */
#include "cli/complete.h"

#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/output.h"

bool complete_requested(int argc, char **argv)
{
	return argc >= 2 && strcmp(argv[1], "__complete") == 0;
}

int complete_run(int argc, char **argv)
{
	const char *what = argc > 2 ? argv[2] : "";
	if (strcmp(what, "commands") == 0 || strcmp(what, "describe") == 0) {
		bool describe = what[0] == 'd';
		for (size_t i = 0; commands[i]; i++)
			printf(describe ? "%s:%s\n" : "%s\n", commands[i]->name, _(commands[i]->summary));
	} else if (strcmp(what, "options") == 0) {
		int code = EXIT_OK;
		const struct command *command = argc > 3 ? commands_find(argv[3], &code) : NULL;
		if (argc > 3 && !command)
			return code;
		options_print_names(stdout, command);
	} else if (strcmp(what, "values") == 0 && argc > 3) {
		if (!options_print_values(stdout, argv[3]))
			return EXIT_USAGE;
	} else if (strcmp(what, "takes-value") == 0) {
		options_print_taking_values(stdout);
	} else {
		cli_error("usage: duty __complete commands|describe|options [CMD]|values OPTION|takes-value");
		return EXIT_USAGE;
	}
	return fflush(stdout) == 0 && !ferror(stdout) ? EXIT_OK : EXIT_OUTPUT;
}
