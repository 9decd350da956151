/*
 * commands.c - the command table. A new command is one file in src/cmd/
 * and one line here.
 */
#include "cli/commands.h"

#include <string.h>

#include "cli/output.h"
#include "duty/strbuf.h"

extern const struct command command_next, command_list, command_show, command_due, command_status,
	command_done, command_undo, command_report, command_log, command_units, command_export, command_check,
	command_init, command_help, command_import;

const struct command *const commands[] = {
	&command_next,
	&command_list,   &command_show,   &command_due,  &command_status, &command_done,
	&command_undo,   &command_report, &command_log,  &command_units,  &command_export,
	&command_check,  &command_init,   &command_import, &command_help, NULL,
};

const struct command *commands_find(const char *name, int *code)
{
	if (strcmp(name, "overview") == 0)
		return &command_overview;
	const struct command *found = NULL;
	size_t matches = 0, length = strlen(name);
	struct strbuf names = STRBUF_INIT;
	for (size_t i = 0; commands[i]; i++) {
		if (strcmp(commands[i]->name, name) == 0) {
			found = commands[i];
			matches = 1;
			break;
		}
		if (strncmp(commands[i]->name, name, length) == 0) {
			strbuf_puts(&names, matches++ ? ", " : "");
			strbuf_puts(&names, commands[i]->name);
			found = commands[i];
		}
	}
	if (matches > 1)
		cli_error(_("ambiguous command \"%s\": it could be %s"), name, strbuf_text(&names));
	else if (matches == 0)
		cli_error(_("unknown command \"%s\"; run `duty --help` for the list of commands"), name);
	strbuf_free(&names);
	if (matches == 1)
		return found;
	*code = EXIT_USAGE;
	return NULL;
}
