/*
 * csvread.c - feeds libcsv one physical line at a time so that every row
 * gets its starting line and byte span, which libcsv itself does not track,
 * and keeps each field's content in the input buffer itself (see
 * on_field), so loading copies no text.
 */
#include "duty/csvread.h"
#include "duty/array.h"
#include "duty/i18n.h"

#include <csv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct reader {
	char *data;                  /* the input; field contents are written over it */
	size_t cursor;               /* where the next field's content goes */
	struct csv_field *fields;    /* the current row's fields, pointing into data */
	size_t field_count, field_capacity;
	bool row_complete;
	bool out_of_memory;
};

/* libcsv hands each field after reading its closing comma or line end.
 * Its content, with quotes and doubled quotes undone, is never longer
 * than the bytes it came from, so writing the contents one after another
 * from the row's first byte never overtakes what libcsv has yet to read:
 * the fields end up NUL-terminated in the input itself, with no copy. */
static void on_field(void *content, size_t length, void *context)
{
	struct reader *reader = context;
	if (reader->out_of_memory)
		return;
	struct csv_field *fields = array_reserve(reader->fields, &reader->field_capacity, reader->field_count,
						 sizeof *fields);
	if (!fields) {
		reader->out_of_memory = true;
		return;
	}
	reader->fields = fields;
	char *target = reader->data + reader->cursor;
	if (length)
		memmove(target, content, length);
	target[length] = '\0';
	reader->fields[reader->field_count].data = target;
	reader->fields[reader->field_count].length = length;
	reader->field_count++;
	reader->cursor += length + 1;
}

static void on_row_end(int terminator, void *context)
{
	(void)terminator;
	struct reader *reader = context;
	reader->row_complete = true;
}

static void reset_row(struct reader *reader, size_t next_row)
{
	reader->cursor = next_row;
	reader->field_count = 0;
	reader->row_complete = false;
}

static bool deliver_row(struct reader *reader, struct csv_row *row, const struct csv_callbacks *callbacks,
			void *context, size_t next_row)
{
	row->fields = reader->fields;
	row->count = reader->field_count;
	bool go_on = callbacks->row(row, context);
	reset_row(reader, next_row);
	return go_on;
}

static bool start_parser(struct csv_parser *parser, char delimiter)
{
	/* libcsv's own space handling (spaces and tabs around unquoted fields
	 * are dropped, except the delimiter) is inline; a space function would
	 * cost a call per byte. */
	if (csv_init(parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return false;
	csv_set_delim(parser, (unsigned char)delimiter);
	return true;
}

/* The line where an unclosed quoted field opened: the row's first line,
 * plus the line breaks inside the fields before it. */
static long line_of_open_quote(const struct reader *reader, long row_line)
{
	long line = row_line;
	for (size_t f = 0; f < reader->field_count; f++) {
		const char *content = reader->fields[f].data;
		for (size_t i = 0; i < reader->fields[f].length; i++)
			line += content[i] == '\n';
	}
	return line;
}

static const char *field_name(const struct csv_callbacks *callbacks, size_t index, void *context)
{
	return callbacks->column_name ? callbacks->column_name(index, context) : NULL;
}

static bool is_blank_line(const char *line, size_t length)
{
	return length == 0 || (length == 1 && line[0] == '\n')
	       || (length == 2 && line[0] == '\r' && line[1] == '\n');
}

/* libcsv stopped at a byte of the line: a stray quote, or text after a
 * closing quote. */
static void report_syntax_error(struct diagnostics *diag, const char *file, long line, char bad, char delimiter,
				const struct csv_callbacks *callbacks, void *context, size_t field)
{
	const char *column = field_name(callbacks, field, context);
	char where[48] = "";
	if (!column)
		snprintf(where, sizeof where, _(" (field %zu)"), field + 1);
	if (bad == '"')
		diag_error(diag, file, line, column,
			   _("a stray double quote (\") inside a field%s: a field that "
			   "contains quotes must be quoted as a whole, with each inner "
			   "quote doubled (\"\")"),
			   where);
	else if (delimiter == '\t')
		diag_error(diag, file, line, column,
			   _("text after the closing quote of a field%s: expected a tab "
			   "or the end of the line right after it"),
			   where);
	else
		diag_error(diag, file, line, column,
			   _("text after the closing quote of a field%s: expected a comma "
			   "or the end of the line right after it"),
			   where);
}

/* The end of the file: a quote still open, or a last row without a line
 * break. Returns false when a problem was found or the reading stopped. */
static bool finish_reading(struct csv_parser *parser, struct reader *reader, struct csv_row *row, bool in_row,
			   long line, size_t size, const char *file, const struct csv_callbacks *callbacks,
			   void *context, struct diagnostics *diag)
{
	if (csv_fini(parser, on_field, on_row_end, reader) != 0) {
		diag_error(diag, file, line_of_open_quote(reader, row->line),
			   field_name(callbacks, reader->field_count, context),
			   _("a quoted field starts on this line but its closing quote never comes; "
			   "expected a \" before the end of the file"));
		return false;
	}
	if (reader->row_complete && in_row && !reader->out_of_memory) {
		row->end = size;
		row->end_line = line;
		return deliver_row(reader, row, callbacks, context, size);
	}
	return true;
}

bool csv_read(char *data, size_t size, const char *file, const struct csv_callbacks *callbacks,
	      void *context, struct diagnostics *diag)
{
	return csv_read_delimited(data, size, ',', file, callbacks, context, diag);
}

bool csv_read_delimited(char *data, size_t size, char delimiter, const char *file,
			const struct csv_callbacks *callbacks, void *context, struct diagnostics *diag)
{
	struct reader reader = { .data = data };
	struct csv_parser parser;
	bool ok = true;        /* no problem found */
	bool stopped = false;  /* the callback or memory ended the reading */
	if (!start_parser(&parser, delimiter)) {
		diag_memory_error(diag, file, 0, _("out of memory while starting the CSV parser"));
		return false;
	}

	struct csv_row row = { 0 };
	bool in_row = false;
	long line = 1;
	size_t offset = 0;
	while (offset < size) {
		const char *newline = memchr(data + offset, '\n', size - offset);
		size_t end = newline ? (size_t)(newline - data) + 1 : size;
		size_t length = end - offset;
		if (!in_row && !is_blank_line(data + offset, length)) {
			in_row = true;
			row.line = line;
			row.start = offset;
			reader.cursor = offset;
		}
		size_t parsed = csv_parse(&parser, data + offset, length, on_field, on_row_end, &reader);
		if (reader.out_of_memory) {
			stopped = true;
			break;
		}
		if (parsed != length) {
			report_syntax_error(diag, file, line, data[offset + parsed], delimiter, callbacks, context,
					    reader.field_count);
			ok = false;
			/* Resume with a fresh parser on the next line. */
			csv_free(&parser);
			reset_row(&reader, end);
			in_row = false;
			if (!start_parser(&parser, delimiter)) {
				diag_memory_error(diag, file, line, _("out of memory while restarting the CSV parser"));
				return false;
			}
		} else if (reader.row_complete) {
			row.end = end;
			row.end_line = line;
			in_row = false;
			if (!deliver_row(&reader, &row, callbacks, context, end)) {
				stopped = true;
				break;
			}
		}
		if (newline)
			line++;
		offset = end;
	}

	if (!stopped && !finish_reading(&parser, &reader, &row, in_row, line, size, file, callbacks, context, diag))
		ok = false;
	if (reader.out_of_memory) {
		diag_memory_error(diag, file, line, _("out of memory while reading the file"));
		ok = false;
	}
	csv_free(&parser);
	if (stopped)
		ok = false;
	free(reader.fields);
	return ok;
}
