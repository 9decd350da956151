/*
 * csvread.h - libcsv turned into rows that know where they came from: each
 * row carries its fields, the line it starts on and its exact byte span in
 * the input, so the loader can name lines in errors and a writer can copy
 * untouched rows byte for byte. Used by every reader of CSV in duty.
 */
#ifndef DUTY_CSVREAD_H
#define DUTY_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "duty/diag.h"

/* A field's content, quotes undone and surrounding spaces trimmed; not
 * NUL-terminated. It is a span of the input when the input holds it as it
 * is (unquoted, or quoted without doubled quotes: nearly every field), and
 * then lasts as long as the input; otherwise (csv_field_in_input says
 * which) it is a copy that lasts until the row callback returns. */
struct csv_field {
	const char *data;
	size_t length;
};

struct csv_row {
	const struct csv_field *fields;
	size_t count;
	long line;           /* line where the row starts, 1-based */
	long end_line;       /* line where it ends (quoted newlines span lines) */
	size_t start;        /* byte offset of the row's first byte */
	size_t end;          /* byte offset after its line terminator */
	bool padded;         /* some field begins or ends with a space or tab
				(only a quoted one can): else none needs trimming */
};
/* The input is never written: the raw bytes of a row stay as they were. */

/* Whether a field's content is a span of the input data[0..size). */
static inline bool csv_field_in_input(const struct csv_field *field, const char *data, size_t size)
{
	return (uintptr_t)field->data >= (uintptr_t)data && (uintptr_t)field->data <= (uintptr_t)(data + size);
}

/* Called once per row; return false to stop reading. */
typedef bool (*csv_row_callback)(const struct csv_row *row, void *context);

struct csv_callbacks {
	csv_row_callback row;
	/* Optional: the header name of field `index` (0-based), so that quote
	 * problems name their column; NULL when unknown. */
	const char *(*column_name)(size_t index, void *context);
};

/*
 * Parses data[0..size) as RFC 4180 CSV (comma, double quote, LF or CRLF).
 * Spaces and tabs around an unquoted field (or between a quoted field and
 * its comma) are dropped, as libcsv does; nothing else is changed. Blank
 * lines are skipped. A quote that breaks the rules is reported in diag
 * with its line; reading then resumes on the next line, so one call can
 * report several broken rows. An unterminated quote is reported at the
 * line where it opened. Returns false when a problem was found or the
 * callback stopped the reading.
 */
bool csv_read(const char *data, size_t size, const char *file, const struct csv_callbacks *callbacks,
	      void *context, struct diagnostics *diag);

/* The same with another field separator: '\t' reads TSV (as Excel and WPS
 * save "text, tab-separated": quoted like CSV). Tabs are then separators,
 * not spaces to trim. */
bool csv_read_delimited(const char *data, size_t size, char delimiter, const char *file,
			const struct csv_callbacks *callbacks, void *context, struct diagnostics *diag);

#endif
