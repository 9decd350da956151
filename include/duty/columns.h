/*
 * columns.h - what the plan file and the unit directory share: a header row
 * whose names select columns (in any order, English or the source
 * document's Chinese headings), rows that must match the header's width,
 * and rows left empty by a spreadsheet.
 */
#ifndef DUTY_COLUMNS_H
#define DUTY_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

#include "duty/csvread.h"
#include "duty/text.h"

/* A column and the names a header may give it, NULL-terminated. */
struct column_name {
	const char *names[4];
};

/* Index of the header field naming this column, or SIZE_MAX. Names match
 * after trimming spaces, ASCII letters ignoring case. */
size_t column_find(const struct csv_row *header, const struct column_name *column);

bool column_name_equals(const char *field, size_t length, const char *name);

/* True when every field is empty or spaces: a spreadsheet's blank row. */
bool row_is_blank(const struct csv_row *row);

/* A field with spaces trimmed, as (pointer, length). */
struct field_text {
	const char *text;
	size_t length;
};

/* A field with spaces and tabs trimmed at both ends. */
struct field_text field_trimmed(struct field_text field);

/* The field in a column ("" when the row has no such column), spaces
 * trimmed. libcsv has already trimmed unquoted fields, and the reader says
 * whether a quoted one has spaces to trim, so the common case is a copy. */
static inline struct field_text row_field(const struct csv_row *row, size_t column)
{
	if (column >= row->count)
		return (struct field_text){ "", 0 };
	struct field_text field = { row->fields[column].data, row->fields[column].length };
	return row->padded ? field_trimmed(field) : field;
}

/* Splits a list cell at ';', '；' or a line break (Alt+Enter in Excel puts
 * one in a cell), trims each item and skips empty ones.
 * Calls back with each item; stops early when the callback returns false. */
typedef bool (*list_item_callback)(const char *item, size_t length, void *context);
bool list_split(const char *text, size_t length, list_item_callback callback, void *context);

#endif
