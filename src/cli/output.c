/*
 * output.c - talking to the user (see output.h).
 */
#define _GNU_SOURCE   /* fopencookie */
#include "cli/output.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/locale.h"
#include "duty/csv.h"
#include "duty/json.h"
#include "duty/safefile.h"
#include "duty/text.h"
#include "duty/xlsx.h"

/* Every message goes to the terminal through the one sanitizer, so that
 * a file name or a field it quotes cannot drive the terminal. */
static void put_message(const char *text)
{
	struct strbuf safe = STRBUF_INIT;
	text_sanitize_terminal(&safe, text, strlen(text), true);
	fputs(safe.failed ? "duty: (out of memory)\n" : strbuf_text(&safe), stderr);
	strbuf_free(&safe);
}

void cli_error(const char *format, ...)
{
	va_list args, again;
	va_start(args, format);
	va_copy(again, args);
	struct strbuf message = STRBUF_INIT, line = STRBUF_INIT;
	strbuf_vprintf(&message, format, args);
	strbuf_puts(&line, "duty: ");
	/* One message, one line: a value with a line break shows it as ␊. */
	text_put_visible(&line, strbuf_text(&message));
	strbuf_putc(&line, '\n');
	if (message.failed || line.failed) {
		/* Out of memory: the message as it is, unsanitized but whole. */
		fputs("duty: ", stderr);
		vfprintf(stderr, format, again);
		fputc('\n', stderr);
	} else {
		put_message(line.data);
	}
	va_end(again);
	va_end(args);
	strbuf_free(&message);
	strbuf_free(&line);
}

void cli_print_problems(const struct diagnostics *diag)
{
	struct strbuf message = STRBUF_INIT;
	for (size_t i = 0; i < diag->kept_count; i++) {
		char *line = diagnostic_format(&diag->kept[i]);
		if (line) {
			strbuf_clear(&message);
			strbuf_printf(&message, "duty: %s\n", line);
			put_message(strbuf_text(&message));
		}
		free(line);
	}
	strbuf_free(&message);
	size_t total = diag->errors + diag->warnings;
	if (total > diag->kept_count)
		fprintf(stderr, _("duty: ... and %zu more problems\n"), total - diag->kept_count);
}

int cli_report_problems(const struct diagnostics *diag, const char *file, int code)
{
	cli_print_problems(diag);
	if (diag->out_of_memory)
		return cli_out_of_memory();
	/* Only for a file that can be read: `duty check` would say no more
	 * about one that cannot be opened, or a folder. */
	struct stat status;
	if (diag->errors && code == EXIT_DATA && stat(file, &status) == 0 && S_ISREG(status.st_mode)
	    && access(file, R_OK) == 0) {
		struct strbuf message = STRBUF_INIT;
		strbuf_printf(&message, _("duty: `duty check %s` lists every problem of the file\n"), file);
		put_message(strbuf_text(&message));
		strbuf_free(&message);
	}
	return code;
}

bool cli_memory_ran_out(const struct cli *cli)
{
	return cli->out_of_memory || strbuf_ran_out() || json_ran_out() || locale_ran_out();
}

int cli_out_of_memory(void)
{
	cli_error(_("out of memory"));
	return EXIT_NO_MEMORY;
}

void cli_print_table(struct cli *cli, const struct table *table, const struct table_style *style)
{
	if (cli->book)
		xlsx_add_table(cli->book, style->name ? style->name : cli->sheet_name, table);
	else if (!table_print(table, style, cli->out))
		cli->out_of_memory = true;
}

/* A CSV header word in the interface language: gettext with the context
 * "CSV header" (see NC_ in i18n.h). */
static const char *csv_header_word(struct strbuf *key, const char *name)
{
	strbuf_clear(key);
	strbuf_printf(key, "CSV header%c%s", 4, name);   /* gettext's msgctxt \004 msgid */
	if (key->failed)
		return name;
	const char *translated = gettext(strbuf_text(key));
	return translated == strbuf_text(key) ? name : translated;
}

void cli_csv_header(const struct cli *cli, const char *const *names, size_t count)
{
	if (!cli->no_bom && (cli->output_path || !isatty(STDOUT_FILENO)))
		fputs("\xEF\xBB\xBF", cli->out);
	const char *words[16];
	struct strbuf key = STRBUF_INIT;
	for (size_t i = 0; i < count && i < 16; i++)
		words[i] = cli->raw_headers ? names[i] : csv_header_word(&key, names[i]);
	csv_write_record(cli->out, cli->raw_headers || count > 16 ? names : words, count, cli->raw);
	strbuf_free(&key);
}

struct table_style cli_table_style(const struct cli *cli, size_t indent, bool header)
{
	struct table_style style = { .width = cli->width, .indent = indent, .header = header, .color = cli->color };
	return style;
}

static int open_output_file(struct cli *cli);

/* The workbook is made in a temporary file (libxlsxwriter writes only to
 * a named file), while text meant for a terminal goes nowhere. */
static int begin_workbook(struct cli *cli)
{
	bool out_of_memory;
	const char *unavailable = xlsx_unavailable(&out_of_memory);
	if (unavailable && out_of_memory)
		return cli_out_of_memory();
	if (unavailable) {
		cli_error(_("cannot write a workbook: %s"), unavailable);
		return EXIT_OUTPUT;
	}
	const char *directory = getenv("TMPDIR");
	struct strbuf path = STRBUF_INIT;
	strbuf_printf(&path, "%s/duty-XXXXXX.xlsx", directory && *directory ? directory : "/tmp");
	if (path.failed)
		return cli_out_of_memory();
	int descriptor = mkstemps(path.data, 5);
	FILE *sink = descriptor >= 0 ? fopen("/dev/null", "w") : NULL;
	if (descriptor >= 0)
		close(descriptor);
	if (!sink) {
		int error = errno;
		if (error != ENOMEM)
			cli_error(_("cannot make the workbook in %s: %s"), path.data, strerror(error));
		if (descriptor >= 0)
			unlink(path.data);
		strbuf_free(&path);
		return error == ENOMEM ? cli_out_of_memory() : EXIT_OUTPUT;
	}
	char title[512];
	snprintf(title, sizeof title, "%s", cli->plan ? cli->plan->title : "duty");
	cli->book = xlsx_create(path.data, title);
	if (!cli->book) {
		fclose(sink);
		unlink(path.data);
		strbuf_free(&path);
		return cli_out_of_memory();
	}
	cli->book_path = path.data;
	cli->text_out = cli->out;
	cli->out = sink;
	return EXIT_OK;
}

/* Writes the workbook into its file, and the file's bytes to the output. */
static int end_workbook(struct cli *cli, int code)
{
	fclose(cli->out);
	cli->out = cli->text_out;
	cli->text_out = NULL;
	struct diagnostics diag;
	diagnostics_init(&diag, 3);
	char *bytes = NULL;
	size_t size = 0;
	bool written = xlsx_close(cli->book, &diag);
	cli->book = NULL;
	if (written && code == EXIT_OK && file_read(cli->book_path, &bytes, &size, &diag))
		fwrite(bytes, 1, size, cli->out);
	else if (code == EXIT_OK)
		code = cli_report_problems(&diag, cli->book_path, EXIT_OUTPUT);
	unlink(cli->book_path);
	free(cli->book_path);
	cli->book_path = NULL;
	free(bytes);
	diagnostics_free(&diag);
	return code;
}

/* Duty sheets and workbooks are written in the plan's language (Chinese
 * when its title is), or --lang's, whatever the interface's. */
static void use_document_language(const struct cli *cli)
{
	const char *language = cli->document_language;
	if (!language)
		language = cli->plan && locale_text_is_chinese(cli->plan->title) ? "zh" : "en";
	locale_use_language(strcmp(language, "zh") == 0 ? "zh_CN" : "en");
}

int cli_open_output(struct cli *cli)
{
	int code = EXIT_OK;
	if (cli->output_path)
		code = open_output_file(cli);
	if (code == EXIT_OK && cli->format == FORMAT_XLSX)
		code = begin_workbook(cli);
	if (code == EXIT_OK
	    && (cli->format == FORMAT_HTML || cli->format == FORMAT_MARKDOWN || cli->format == FORMAT_XLSX))
		use_document_language(cli);
	return code;
}

/* The output file's text gathers in a strbuf. A write it has no memory
 * for fails, and the stream then has an error (a stream of open_memstream
 * that cannot grow cuts the text short and says nothing). */
static ssize_t gather(void *cookie, const char *data, size_t size)
{
	struct strbuf *text = cookie;
	strbuf_append(text, data, size);
	if (text->failed) {
		errno = ENOMEM;
		return -1;
	}
	return (ssize_t)size;
}

static int open_output_file(struct cli *cli)
{
	/* Written whole by the one atomic writer once the command is done. */
	strbuf_init(&cli->output_text);
	FILE *file = fopencookie(&cli->output_text, "w", (cookie_io_functions_t){ .write = gather });
	if (!file)
		return cli_out_of_memory();
	cli->screen_out = cli->out;
	cli->out = file;
	cli->output_open = true;
	return EXIT_OK;
}

int cli_finish_output(struct cli *cli, int code)
{
	locale_restore_language();
	if (cli->book)
		code = end_workbook(cli, code);
	if (cli_memory_ran_out(cli) && code == EXIT_OK)
		code = cli_out_of_memory();
	bool written = fflush(cli->out) == 0 && !ferror(cli->out);
	if (!cli->output_open) {
		if (!written && errno == ENOMEM)
			return cli_out_of_memory();   /* the terminal stream's sanitizer */
		if (!written) {
			cli_error(_("could not write the output: %s"), strerror(errno));
			return EXIT_OUTPUT;
		}
		return code;
	}
	int error = written ? 0 : errno;
	if (fclose(cli->out) != 0 && written) {
		written = false;
		error = errno;
	}
	/* What is said after the file is written (export --all-units) goes
	 * where it went before: the terminal stream, when there is one. */
	cli->out = cli->screen_out ? cli->screen_out : stdout;
	cli->screen_out = NULL;
	cli->output_open = false;
	if (!written && (error == ENOMEM || !error)) {
		strbuf_free(&cli->output_text);
		return cli_out_of_memory();
	}
	if (!written)
		cli_error(_("could not write %s: %s"), cli->output_path, strerror(error));
	if (written && code == EXIT_OK) {
		struct diagnostics diag;
		diagnostics_init(&diag, 5);
		written = file_replace(cli->output_path, strbuf_text(&cli->output_text), cli->output_text.length,
				       &diag) == 0;
		int reported = cli_report_problems(&diag, cli->output_path, EXIT_OUTPUT);
		diagnostics_free(&diag);
		if (!written && reported == EXIT_NO_MEMORY) {
			strbuf_free(&cli->output_text);
			return EXIT_NO_MEMORY;
		}
	}
	strbuf_free(&cli->output_text);
	return written ? code : EXIT_OUTPUT;
}
