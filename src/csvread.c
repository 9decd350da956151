/*
 * csvread.c - feeds libcsv one physical line at a time so that every row
 * gets its starting line and byte span, which libcsv itself does not track.
 * Field bytes are copied out of libcsv's buffer into one reusable row
 * buffer; offsets (not pointers) are kept until the row is complete because
 * the buffer may move when it grows.
 */
#include "duty/csvread.h"

#include <csv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct field_slot {
	size_t offset;
	size_t length;
};

struct reader {
	char *bytes;                 /* all field bytes of the current row */
	size_t bytes_used, bytes_capacity;
	struct field_slot *slots;
	size_t slot_count, slot_capacity;
	struct csv_field *fields;    /* built from slots when a row completes */
	size_t field_capacity;
	bool row_complete;
	bool out_of_memory;
};

static bool grow(void **memory, size_t *capacity, size_t need, size_t element)
{
	if (need <= *capacity)
		return true;
	size_t fresh = *capacity ? *capacity : 16;
	while (fresh < need) {
		if (fresh > SIZE_MAX / 2 / element)
			return false;
		fresh *= 2;
	}
	void *grown = realloc(*memory, fresh * element);
	if (!grown)
		return false;
	*memory = grown;
	*capacity = fresh;
	return true;
}

static void on_field(void *data, size_t length, void *context)
{
	struct reader *reader = context;
	if (reader->out_of_memory)
		return;
	if (length > SIZE_MAX / 2 - reader->bytes_used
	    || !grow((void **)&reader->bytes, &reader->bytes_capacity, reader->bytes_used + length + 1, 1)
	    || !grow((void **)&reader->slots, &reader->slot_capacity, reader->slot_count + 1,
		     sizeof *reader->slots)) {
		reader->out_of_memory = true;
		return;
	}
	if (length)
		memcpy(reader->bytes + reader->bytes_used, data, length);
	reader->bytes[reader->bytes_used + length] = '\0';
	reader->slots[reader->slot_count].offset = reader->bytes_used;
	reader->slots[reader->slot_count].length = length;
	reader->slot_count++;
	reader->bytes_used += length + 1;
}

static void on_row_end(int terminator, void *context)
{
	(void)terminator;
	struct reader *reader = context;
	reader->row_complete = true;
}

static int never_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void reset_row(struct reader *reader)
{
	reader->bytes_used = 0;
	reader->slot_count = 0;
	reader->row_complete = false;
}

static bool deliver_row(struct reader *reader, struct csv_row *row, const struct csv_callbacks *callbacks,
			void *context)
{
	if (!grow((void **)&reader->fields, &reader->field_capacity, reader->slot_count + 1,
		  sizeof *reader->fields)) {
		reader->out_of_memory = true;
		return false;
	}
	for (size_t i = 0; i < reader->slot_count; i++) {
		reader->fields[i].data = reader->bytes + reader->slots[i].offset;
		reader->fields[i].length = reader->slots[i].length;
	}
	row->fields = reader->fields;
	row->count = reader->slot_count;
	bool go_on = callbacks->row(row, context);
	reset_row(reader);
	return go_on;
}

static bool start_parser(struct csv_parser *parser)
{
	if (csv_init(parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return false;
	csv_set_space_func(parser, never_space);
	return true;
}

/* Finds the line and field on which the still-open quoted field of a row
 * began, by scanning the row's bytes with the same quoting rules. */
static long line_of_open_quote(const char *data, size_t start, size_t end, long line, size_t *field)
{
	bool in_quotes = false, field_start = true;
	long open_line = line;
	size_t index = 0;
	*field = 0;
	for (size_t i = start; i < end; i++) {
		char c = data[i];
		if (in_quotes) {
			if (c == '"') {
				if (i + 1 < end && data[i + 1] == '"')
					i++;
				else
					in_quotes = false;
			}
		} else if (c == '"' && field_start) {
			in_quotes = true;
			open_line = line;
			*field = index;
		} else if (c == ',') {
			index++;
		}
		if (c == '\n')
			line++;
		field_start = c == ',' || c == '\n' || (c == '\r' && !in_quotes);
	}
	return open_line;
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

bool csv_read(const char *data, size_t size, const char *file, const struct csv_callbacks *callbacks,
	      void *context, struct diagnostics *diag)
{
	struct reader reader = { 0 };
	struct csv_parser parser;
	bool ok = true;        /* no problem found */
	bool stopped = false;  /* the callback or memory ended the reading */
	if (!start_parser(&parser)) {
		diag_error(diag, file, 0, NULL, "out of memory while starting the CSV parser");
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
		}
		size_t parsed = csv_parse(&parser, data + offset, length, on_field, on_row_end, &reader);
		if (reader.out_of_memory) {
			stopped = true;
			break;
		}
		if (parsed != length) {
			char bad = data[offset + parsed];
			size_t field = reader.slot_count;
			const char *column = field_name(callbacks, field, context);
			char where[48] = "";
			if (!column)
				snprintf(where, sizeof where, " (field %zu)", field + 1);
			if (bad == '"')
				diag_error(diag, file, line, column,
					   "a stray double quote (\") inside a field%s: a field that "
					   "contains quotes must be quoted as a whole, with each inner "
					   "quote doubled (\"\")",
					   where);
			else
				diag_error(diag, file, line, column,
					   "text after the closing quote of a field%s: expected a comma "
					   "or the end of the line right after it",
					   where);
			ok = false;
			/* Resume with a fresh parser on the next line. */
			csv_free(&parser);
			reset_row(&reader);
			in_row = false;
			if (!start_parser(&parser)) {
				diag_error(diag, file, line, NULL, "out of memory while restarting the CSV parser");
				return false;
			}
		} else if (reader.row_complete) {
			row.end = end;
			row.end_line = line;
			in_row = false;
			if (!deliver_row(&reader, &row, callbacks, context)) {
				stopped = true;
				break;
			}
		}
		if (newline)
			line++;
		offset = end;
	}

	if (!stopped) {
		if (csv_fini(&parser, on_field, on_row_end, &reader) != 0) {
			size_t field = 0;
			long open_line = line_of_open_quote(data, row.start, size, row.line, &field);
			diag_error(diag, file, open_line, field_name(callbacks, field, context),
				   "a quoted field starts on this line but its closing quote never comes; "
				   "expected a \" before the end of the file");
			ok = false;
		} else if (reader.row_complete && in_row && !reader.out_of_memory) {
			row.end = size;
			row.end_line = line;
			if (!deliver_row(&reader, &row, callbacks, context))
				stopped = true;
		}
	}
	if (reader.out_of_memory) {
		diag_error(diag, file, line, NULL, "out of memory while reading the file");
		ok = false;
	}
	csv_free(&parser);
	if (stopped)
		ok = false;
	free(reader.bytes);
	free(reader.slots);
	free(reader.fields);
	return ok;
}
