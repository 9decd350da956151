/*
 * cli.c - talking to the user: errors on stderr, the first problems of a
 * broken data file, unit names that do not resolve, and output that is
 * checked before the exit code says it was written.
 */
#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "duty/text.h"

void cli_error(const char *format, ...)
{
	va_list args;
	va_start(args, format);
	fputs("duty: ", stderr);
	vfprintf(stderr, format, args);
	fputc('\n', stderr);
	va_end(args);
}

void cli_print_problems(const struct diagnostics *diag)
{
	for (size_t i = 0; i < diag->kept_count; i++) {
		char *line = diagnostic_format(&diag->kept[i]);
		if (line)
			fprintf(stderr, "duty: %s\n", line);
		free(line);
	}
	size_t total = diag->errors + diag->warnings;
	if (total > diag->kept_count)
		fprintf(stderr, _("duty: ... and %zu more problems\n"), total - diag->kept_count);
	if (diag->out_of_memory)
		fputs(_("duty: (some problems could not be shown: out of memory)\n"), stderr);
}

void cli_report_problems(const struct diagnostics *diag, const char *file)
{
	cli_print_problems(diag);
	if (diag->errors)
		fprintf(stderr, _("duty: `duty check %s` lists every problem of the file\n"), file);
}

static void list_units(struct strbuf *names, const struct unit_directory *units, const size_t *list,
		       size_t count)
{
	for (size_t i = 0; i < count; i++) {
		strbuf_puts(names, i ? ", " : "");
		strbuf_puts(names, units->units[list[i]].name);
	}
}

int cli_resolve_unit(struct cli *cli, size_t *unit)
{
	const struct unit_directory *units = cli->units;
	struct unit_resolution found = units_resolve(units, cli->unit_query);
	struct strbuf names;
	strbuf_init(&names);
	int code = EXIT_OK;
	if (found.match == UNIT_FOUND && units->units[found.unit].is_phrase) {
		const struct unit *phrase = &units->units[found.unit];
		list_units(&names, units, phrase->members, phrase->member_count);
		cli_error(_("\"%s\" names several units at once: %s; choose one of them"), cli->unit_query,
			  strbuf_text(&names));
		code = EXIT_NOT_FOUND;
	} else if (found.match == UNIT_FOUND) {
		*unit = found.unit;
	} else if (found.match == UNIT_AMBIGUOUS) {
		list_units(&names, units, found.candidates, found.candidate_count);
		cli_error(_("\"%s\" matches %zu units: %s; give more of the name"), cli->unit_query,
			  found.candidate_count, strbuf_text(&names));
		code = EXIT_NOT_FOUND;
	} else if (found.candidate_count) {
		list_units(&names, units, found.candidates, found.candidate_count);
		cli_error(_("no unit is called \"%s\"; the closest names are: %s"), cli->unit_query,
			  strbuf_text(&names));
		code = EXIT_NOT_FOUND;
	} else {
		cli_error(_("no unit is called \"%s\"; run `duty units` to see the directory"),
			  cli->unit_query);
		code = EXIT_NOT_FOUND;
	}
	strbuf_free(&names);
	unit_resolution_free(&found);
	return code;
}

int cli_unit_query(struct cli *cli, struct query *query)
{
	memset(query, 0, sizeof *query);
	if (!cli->unit_query)
		return EXIT_OK;
	query->by_unit = true;
	query->direct_only = cli->direct;
	return cli_resolve_unit(cli, &query->unit);
}

int cli_open_output(struct cli *cli)
{
	if (!cli->output_path)
		return EXIT_OK;
	struct strbuf path;
	strbuf_init(&path);
	strbuf_printf(&path, "%s.XXXXXX", cli->output_path);
	if (path.failed) {
		cli_error(_("out of memory"));
		return EXIT_OUTPUT;
	}
	int descriptor = mkstemp(path.data);
	FILE *file = descriptor >= 0 ? fdopen(descriptor, "w") : NULL;
	if (!file) {
		cli_error(_("cannot write %s: %s"), cli->output_path, strerror(errno));
		if (descriptor >= 0) {
			close(descriptor);
			unlink(path.data);
		}
		strbuf_free(&path);
		return EXIT_OUTPUT;
	}
	/* mkstemp creates the file 0600; an exported file is as readable as
	 * any other the user creates. */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(descriptor, 0666 & ~mask);
	cli->out = file;
	cli->temporary_path = path.data;
	return EXIT_OK;
}

int cli_finish_output(struct cli *cli, int code)
{
	bool written = fflush(cli->out) == 0 && !ferror(cli->out);
	if (!cli->temporary_path) {
		if (!written) {
			cli_error(_("could not write the output: %s"), strerror(errno));
			return EXIT_OUTPUT;
		}
		return code;
	}
	int error = written ? 0 : errno;
	if (written && fsync(fileno(cli->out)) != 0) {
		written = false;
		error = errno;
	}
	if (fclose(cli->out) != 0 && written) {
		written = false;
		error = errno;
	}
	cli->out = stdout;
	if (written && code == EXIT_OK && rename(cli->temporary_path, cli->output_path) != 0) {
		written = false;
		error = errno;
	}
	if (!written || code != EXIT_OK)
		unlink(cli->temporary_path);
	free(cli->temporary_path);
	cli->temporary_path = NULL;
	if (!written) {
		cli_error(_("could not write %s: %s"), cli->output_path, strerror(error));
		return EXIT_OUTPUT;
	}
	return code;
}
