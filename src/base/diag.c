/*
 * diag.c - collecting problems with their location. Messages are formatted
 * once into heap strings; only the first keep_limit are stored so a broken
 * million-row file cannot exhaust memory through its error list.
 */
#include "duty/diag.h"
#include "duty/array.h"
#include "duty/i18n.h"
#include "duty/strbuf.h"
#include "duty/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void diagnostics_init(struct diagnostics *diag, size_t keep_limit)
{
	memset(diag, 0, sizeof *diag);
	diag->keep_limit = keep_limit;
}

static void diagnostic_release(struct diagnostic *problem)
{
	free(problem->file);
	free(problem->column);
	free(problem->message);
}

void diagnostics_free(struct diagnostics *diag)
{
	for (size_t i = 0; i < diag->kept_count; i++)
		diagnostic_release(&diag->kept[i]);
	free(diag->kept);
	diag->kept = NULL;
	diag->kept_count = 0;
	diag->kept_capacity = 0;
}

static char *copy_or_null(const char *text, bool *failed)
{
	if (!text)
		return NULL;
	char *copy = strdup(text);
	if (!copy)
		*failed = true;
	return copy;
}

static char *vformat(const char *format, va_list args)
{
	va_list again;
	va_copy(again, args);
	int length = vsnprintf(NULL, 0, format, args);
	char *text = NULL;
	if (length >= 0) {
		text = malloc((size_t)length + 1);
		if (text)
			vsnprintf(text, (size_t)length + 1, format, again);
	}
	va_end(again);
	return text;
}

void diag_report(struct diagnostics *diag, enum severity severity,
		 const char *file, long line, const char *column,
		 const char *format, ...)
{
	if (severity == SEVERITY_ERROR)
		diag->errors++;
	else
		diag->warnings++;

	bool keep = diag->kept_count < diag->keep_limit;
	if (!keep && !diag->sink)
		return;

	bool failed = false;
	struct diagnostic problem = { .severity = severity, .line = line };
	va_list args;
	va_start(args, format);
	problem.message = vformat(format, args);
	va_end(args);
	problem.file = copy_or_null(file, &failed);
	problem.column = copy_or_null(column, &failed);
	if (!problem.message || failed) {
		diag->out_of_memory = true;
		diagnostic_release(&problem);
		return;
	}

	if (diag->sink)
		diag->sink(&problem, diag->sink_context);
	if (keep) {
		struct diagnostic *kept = array_reserve(diag->kept, &diag->kept_capacity, diag->kept_count, sizeof *kept);
		if (!kept) {
			diag->out_of_memory = true;
			diagnostic_release(&problem);
			return;
		}
		diag->kept = kept;
		diag->kept[diag->kept_count++] = problem;
		return;
	}
	diagnostic_release(&problem);
}

char *diagnostic_format(const struct diagnostic *problem)
{
	const char *file = problem->file ? problem->file : "";
	char line[32] = "";
	if (problem->line > 0)
		snprintf(line, sizeof line, ":%ld", problem->line);
	const char *column = problem->column ? problem->column : "";
	const char *colon = problem->column ? ":" : "";
	const char *kind = problem->severity == SEVERITY_WARNING ? _("warning: ") : "";
	/* A problem that is in no file is just its message. */
	const char *separator = file[0] || line[0] || column[0] ? ": " : "";
	struct strbuf text = STRBUF_INIT;
	strbuf_printf(&text, "%s%s%s", file, line, colon);
	strbuf_puts(&text, column);
	strbuf_printf(&text, "%s%s", separator, kind);
	/* One problem, one line: a cell's line break shows as ␊. */
	text_put_visible(&text, problem->message);
	return strbuf_detach(&text);
}
