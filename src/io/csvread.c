/*
 * csvread.c - feeds libcsv one physical line at a time so that every row
 * gets its starting line and byte span, which libcsv itself does not track,
 * and gives each field as a span of the input itself (see on_field): the
 * input is only read (it may be a read-only mapping of the file), and a
 * field is copied only when its content is not in the input as it is.
 */
#include "duty/csvread.h"
#include "duty/array.h"
#include "duty/i18n.h"

#include <csv.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct reader {
	/* What on_field reads and moves for nearly every field. */
	const char *at;              /* where the next field's bytes start */
	const char *end;             /* the end of the input */
	struct csv_field *next;      /* the next field of the current row */
	struct csv_field *fields_end;   /* the end of the room for them */
	char delimiter;

	const char *data;            /* the input, never written */
	size_t size;
	struct csv_field *fields;    /* the current row's fields */
	size_t field_capacity;
	/* Contents that are not in the input as they are (a quoted field with
	 * doubled quotes): copied here, placed by offset until the row is
	 * delivered, as the buffer may move while it grows. */
	char *copies;
	size_t copies_used, copies_capacity;
	struct copied_field { size_t field, offset; } *copied;
	size_t copied_count, copied_capacity;
	bool row_complete;
	bool padded;                 /* a field of the row has an edge space */
	bool out_of_memory;
};

static size_t field_count(const struct reader *reader)
{
	return (size_t)(reader->next - reader->fields);
}

static bool is_trimmed_space(char c, char delimiter)
{
	return (c == ' ' || c == '\t') && c != delimiter;
}

/* A quoted field's bytes after the opening quote, from p: where its
 * closing quote is (a doubled quote is part of the content). */
static const char *closing_quote(const struct reader *reader, const char *p)
{
	while (p < reader->end) {
		const char *quote = memchr(p, '"', (size_t)(reader->end - p));
		if (!quote)
			break;
		if (quote + 1 < reader->end && quote[1] == '"')
			p = quote + 2;
		else
			return quote;
	}
	return reader->end;
}

static bool keep_copy(struct reader *reader, const char *content, size_t length)
{
	if (reader->copies_capacity - reader->copies_used < length) {
		size_t wanted = reader->copies_used + length;
		size_t capacity = reader->copies_capacity ? reader->copies_capacity : 256;
		while (capacity < wanted)
			capacity *= 2;
		char *grown = realloc(reader->copies, capacity);
		if (!grown)
			return false;
		reader->copies = grown;
		reader->copies_capacity = capacity;
	}
	struct copied_field *copied = array_reserve(reader->copied, &reader->copied_capacity, reader->copied_count,
						    sizeof *copied);
	if (!copied)
		return false;
	reader->copied = copied;
	copied[reader->copied_count++] = (struct copied_field){ field_count(reader), reader->copies_used };
	memcpy(reader->copies + reader->copies_used, content, length);
	reader->copies_used += length;
	return true;
}

static void run_out_of_memory(struct reader *reader)
{
	reader->out_of_memory = true;
	reader->fields_end = reader->next;   /* no fast path from now on */
}

/* Where a field's content is in the input, the slow way: the spaces libcsv
 * trims and the line ends it skips before a row, and a quoted content
 * between its quotes. A quoted field with doubled quotes ("" for ") is not
 * in the input as it is, and is copied. */
__attribute__((noinline)) static void place_field(struct reader *reader, const char *content, size_t length)
{
	if (reader->out_of_memory)
		return;
	if (reader->next == reader->fields_end) {
		size_t count = field_count(reader);
		struct csv_field *fields = array_grow(reader->fields, &reader->field_capacity, count, sizeof *fields);
		if (!fields) {
			run_out_of_memory(reader);
			return;
		}
		reader->fields = fields;
		reader->next = fields + count;
		reader->fields_end = fields + reader->field_capacity;
	}
	const char *p = reader->at, *end = reader->end;
	char delimiter = reader->delimiter;
	/* Line ends here come before a row's first field (a line of spaces,
	 * or a row that began on the same line after a lone CR). */
	while (p < end && (*p == '\r' || *p == '\n' || is_trimmed_space(*p, delimiter)))
		p++;
	struct csv_field *field = reader->next;
	const char *after;   /* after the field's content, or its closing quote */
	if (p < end && *p == '"') {
		if (!length || !memchr(content, '"', length)) {
			field->data = p + 1;
			after = p + 1 + length + 1;
		} else {
			if (!keep_copy(reader, content, length)) {
				run_out_of_memory(reader);
				return;
			}
			field->data = NULL;   /* placed when the row is delivered */
			after = closing_quote(reader, p + 1) + 1;
		}
	} else {
		field->data = p;
		after = p + length;
	}
	field->length = length;
	if (length && (content[0] == ' ' || content[0] == '\t' || content[length - 1] == ' '
		       || content[length - 1] == '\t'))
		reader->padded = true;
#ifdef CSVREAD_VERIFY
	if (field->data && memcmp(field->data, content, length) != 0)
		abort();
#endif
	/* Past the spaces after it, to the delimiter or the line end. */
	while (after < end && is_trimmed_space(*after, delimiter))
		after++;
	reader->at = after < end && *after == delimiter ? after + 1 : after;
	reader->next++;
}

/* libcsv hands each field after reading the comma or line end that
 * closes it, with its content in libcsv's own buffer. The content is
 * found in the input by following the row (the input is never written).
 * Nearly every field is unquoted, starts with a byte other than a space,
 * and is followed by the delimiter: its content is then the input's bytes
 * where it starts, which takes a few comparisons. */
static void on_field(void *content, size_t length, void *context)
{
	struct reader *reader = context;
	const unsigned char *at = (const unsigned char *)reader->at;
	struct csv_field *field = reader->next;
	if (field < reader->fields_end && length < (size_t)(reader->end - reader->at)
	    && at[length] == (unsigned char)reader->delimiter && (length == 0 || (at[0] > ' ' && at[0] != '"'))) {
#ifdef CSVREAD_VERIFY
		if (memcmp(at, content, length) != 0)
			abort();
#endif
		field->data = (const char *)at;
		field->length = length;
		reader->next = field + 1;
		reader->at = (const char *)at + length + 1;
		return;
	}
	place_field(reader, content, length);
}

static void on_row_end(int terminator, void *context)
{
	(void)terminator;
	struct reader *reader = context;
	reader->row_complete = true;
}

static void reset_row(struct reader *reader, size_t next_row)
{
	reader->at = reader->data + next_row;
	reader->next = reader->fields;
	reader->copies_used = 0;
	reader->copied_count = 0;
	reader->row_complete = false;
	reader->padded = false;
}

static bool deliver_row(struct reader *reader, struct csv_row *row, const struct csv_callbacks *callbacks,
			void *context, size_t next_row)
{
	for (size_t c = 0; c < reader->copied_count; c++)
		reader->fields[reader->copied[c].field].data = reader->copies + reader->copied[c].offset;
	row->fields = reader->fields;
	row->count = field_count(reader);
	row->padded = reader->padded;
	bool go_on = callbacks->row(row, context);
	reset_row(reader, next_row);
	return go_on;
}

/* libcsv grows its buffer for a field by a fixed block (128 bytes) at a
 * time. glibc moves a big block without copying it, but other allocators,
 * and ASan and valgrind, copy it each time: a field of 20 MB took minutes.
 * Growing by half of what it has makes that a few dozen copies, and keeps
 * the buffer within half again the longest field. */
static void *realloc_growing(void *buffer, size_t size)
{
	size_t usable = buffer ? malloc_usable_size(buffer) : 0;
	if (size <= usable)
		return buffer;
	size_t capacity = usable <= SIZE_MAX / 3 ? usable + usable / 2 : size;
	return realloc(buffer, capacity > size ? capacity : size);
}

static bool start_parser(struct csv_parser *parser, char delimiter)
{
	/* libcsv's own space handling (spaces and tabs around unquoted fields
	 * are dropped, except the delimiter) is inline; a space function would
	 * cost a call per byte. A row's padded flag relies on it: only a
	 * quoted field can keep edge spaces. */
	if (csv_init(parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return false;
	csv_set_delim(parser, (unsigned char)delimiter);
	csv_set_realloc_func(parser, realloc_growing);
	return true;
}

/* The line where an unclosed quoted field opened: the row's first line,
 * plus the line breaks in its bytes before that field. */
static long line_of_open_quote(const struct reader *reader, const struct csv_row *row)
{
	long line = row->line;
	for (const char *p = reader->data + row->start; p < reader->at && p < reader->end; p++)
		line += *p == '\n';
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
		diag_error(diag, file, line_of_open_quote(reader, row),
			   field_name(callbacks, field_count(reader), context),
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

bool csv_read(const char *data, size_t size, const char *file, const struct csv_callbacks *callbacks,
	      void *context, struct diagnostics *diag)
{
	return csv_read_delimited(data, size, ',', file, callbacks, context, diag);
}

bool csv_read_delimited(const char *data, size_t size, char delimiter, const char *file,
			const struct csv_callbacks *callbacks, void *context, struct diagnostics *diag)
{
	struct reader reader = { .at = data, .end = data + size, .delimiter = delimiter, .data = data, .size = size };
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
			reader.at = data + offset;
		}
		size_t parsed = csv_parse(&parser, data + offset, length, on_field, on_row_end, &reader);
		if (reader.out_of_memory) {
			stopped = true;
			break;
		}
		if (parsed != length) {
			report_syntax_error(diag, file, line, data[offset + parsed], delimiter, callbacks, context,
					    field_count(&reader));
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
	free(reader.copies);
	free(reader.copied);
	return ok;
}
