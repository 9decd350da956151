/*
 * output.c - talking to the user (see output.h).
 */
#include "cli/output.h"

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
}

int cli_report_problems(const struct diagnostics *diag, const char *file, int code)
{
	cli_print_problems(diag);
	if (diag->out_of_memory)
		return cli_out_of_memory();
	if (diag->errors && code == EXIT_DATA)
		fprintf(stderr, _("duty: `duty check %s` lists every problem of the file\n"), file);
	return code;
}

int cli_out_of_memory(void)
{
	cli_error(_("out of memory"));
	return EXIT_NO_MEMORY;
}

void cli_print_table(struct cli *cli, const struct table *table, const struct table_style *style)
{
	if (!table_print(table, style, cli->out))
		cli->out_of_memory = true;
}

struct table_style cli_table_style(const struct cli *cli, size_t indent, bool header)
{
	struct table_style style = { .width = cli->width, .indent = indent, .header = header, .color = cli->color };
	return style;
}

int cli_open_output(struct cli *cli)
{
	if (!cli->output_path)
		return EXIT_OK;
	struct strbuf path;
	strbuf_init(&path);
	strbuf_printf(&path, "%s.XXXXXX", cli->output_path);
	if (path.failed)
		return cli_out_of_memory();
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
	if (cli->out_of_memory && code == EXIT_OK)
		code = cli_out_of_memory();
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
