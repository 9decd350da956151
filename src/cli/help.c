/*
 * help.c - the help texts (see help.h).
 */
#include "cli/help.h"

#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/options.h"
#include "duty/strbuf.h"
#include "duty/text.h"

/* Whether a line ends or starts with a wide (CJK) character: two lines of
 * Chinese join without a space. */
static bool wide_at(const char *text, size_t length, bool at_end)
{
	if (!length)
		return false;
	size_t at = at_end ? length - 1 : 0;
	if (at_end)
		while (at > 0 && ((unsigned char)text[at] & 0xC0) == 0x80)
			at--;
	uint32_t codepoint;
	return utf8_decode(text + at, length - at, &codepoint) && codepoint_width(codepoint) == 2;
}

/* Help is written for 80 columns. On a narrower terminal its paragraphs
 * are joined into long lines before the output wraps them to the width:
 * lines of a paragraph (no indentation), and the lines of an option's help
 * (indented to the option's text column). Examples and lists keep their
 * lines. */
static void reflow(FILE *out, const char *text)
{
	struct strbuf line = STRBUF_INIT;
	size_t column = 0;
	for (const char *p = text; *p;) {
		const char *end = strchr(p, '\n');
		size_t length = end ? (size_t)(end - p) : strlen(p);
		size_t lead = 0;
		while (lead < length && p[lead] == ' ')
			lead++;
		bool joins = line.length && lead < length && lead == column && (lead == 0 || column > 0)
			     && (lead > 0 || text_column(strbuf_text(&line)) == 0);
		if (line.length && !joins) {
			fprintf(out, "%s\n", strbuf_text(&line));
			strbuf_clear(&line);
		}
		if (joins) {
			if (!wide_at(line.data, line.length, true) && !wide_at(p + lead, length - lead, false))
				strbuf_putc(&line, ' ');
			strbuf_append(&line, p + lead, length - lead);
		} else if (lead == length) {
			fputc('\n', out);   /* a blank line ends a paragraph */
		} else {
			strbuf_append(&line, p, length);
			column = text_column(strbuf_text(&line));
			if (column == lead && lead > 0)
				column = SIZE_MAX;   /* an indented line of its own: an example */
		}
		p += length + (end != NULL);
	}
	if (line.length)
		fprintf(out, "%s\n", strbuf_text(&line));
	if (line.failed)
		fputs(text, out);   /* out of memory: as written */
	strbuf_free(&line);
}

/* Prints what print writes, reflowed when a line of it is wider than width. */
static void print_fitted(FILE *out, size_t width, void (*print)(FILE *out, const void *what), const void *what)
{
	char *text = NULL;
	size_t size = 0;
	FILE *buffer = width ? open_memstream(&text, &size) : NULL;
	if (!buffer) {
		print(out, what);
		return;
	}
	print(buffer, what);
	if (fclose(buffer) != 0 || !text) {
		free(text);
		print(out, what);
		return;
	}
	size_t widest = 0;
	for (const char *p = text; *p;) {
		const char *end = strchr(p, '\n');
		size_t length = end ? (size_t)(end - p) : strlen(p);
		size_t columns = text_width_n(p, length);
		widest = columns > widest ? columns : widest;
		p += length + (end != NULL);
	}
	if (widest > width)
		reflow(out, text);
	else
		fputs(text, out);
	free(text);
}

static void print_usage(FILE *out, const void *unused)
{
	(void)unused;
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

static void print_command(FILE *out, const void *what)
{
	const struct command *command = what;
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

void help_print_usage(FILE *out, size_t width)
{
	print_fitted(out, width, print_usage, NULL);
}

void help_print_command(FILE *out, const struct command *command, size_t width)
{
	print_fitted(out, width, print_command, command);
}
