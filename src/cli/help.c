/*
 * help.c - the help texts (see help.h).
 */
#include "cli/help.h"

#include "cli/commands.h"
#include "cli/options.h"

void help_print_usage(FILE *out)
{
	fputs(_("duty - track a responsibility table (责任分工一览表): who must do what, by when\n"
		"\n"
		"Usage: duty [OPTIONS] [COMMAND] [ARGUMENTS]\n"
		"\n"
		"Commands:\n"
		"  (none)    the overview: counts, deadlines by month, due this month, overdue\n"),
	      out);
	for (size_t i = 0; commands[i]; i++)
		fprintf(out, "  %-9s %s\n", commands[i]->name, _(commands[i]->summary));
	fputs(_("\nOptions (before or after the command):\n"), out);
	options_print_help(out, NULL);
	fputs(_("\n"
		"Exit codes: 0 done, 1 `duty check` found errors, 2 bad command line, 3 a data\n"
		"file cannot be read or is invalid, 4 no such task or unit, 5 the output could\n"
		"not be written, 6 out of memory.\n"),
	      out);
}

void help_print_command(FILE *out, const struct command *command)
{
	/* Required options belong to the usage: `duty report ID --target K --value N`. */
	struct strbuf options = STRBUF_INIT;
	options_usage(&options, command);
	fprintf(out, _("Usage: duty%s%s%s%s%s\n\n%s\n"), command->name[0] ? " " : "", command->name,
		command->arguments[0] ? " " : "", command->arguments, strbuf_text(&options), _(command->summary));
	strbuf_free(&options);
	if (command->description)
		fprintf(out, "\n%s", _(command->description));
	if (command->options && command->options[0].help) {
		fprintf(out, "\n%s\n", _("Options:"));
		options_print_help(out, command);
	}
	if (command->help)
		fprintf(out, "\n%s", _(command->help));
	fputs(_("\nGlobal options: -f FILE, --units FILE, --today DATE, --format FORMAT, --width N,\n"
		"--color[=WHEN], --encoding utf-8|gb18030, --raw (see `duty --help`).\n"),
	      out);
}
