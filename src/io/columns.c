/*
 * columns.c - header matching and list cells shared by the CSV loaders.
 */
#include "duty/columns.h"

#include <stdint.h>
#include <string.h>

#include "duty/text.h"

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

bool column_name_equals(const char *field, size_t length, const char *name)
{
	length = text_trim(&field, length);
	size_t name_length = strlen(name);
	if (length != name_length)
		return false;
	for (size_t i = 0; i < length; i++)
		if (ascii_lower(field[i]) != ascii_lower(name[i]))
			return false;
	return true;
}

size_t column_find(const struct csv_row *header, const struct column_name *column)
{
	for (size_t i = 0; i < header->count; i++)
		for (size_t n = 0; n < 4 && column->names[n]; n++)
			if (column_name_equals(header->fields[i].data, header->fields[i].length,
					      column->names[n]))
				return i;
	return SIZE_MAX;
}

struct field_text field_trimmed(struct field_text field)
{
	field.length = text_trim(&field.text, field.length);
	return field;
}

bool row_is_blank(const struct csv_row *row)
{
	for (size_t i = 0; i < row->count; i++) {
		const char *text = row->fields[i].data;
		if (text_trim(&text, row->fields[i].length) > 0)
			return false;
	}
	return true;
}

/* The bytes that may start a separator: ';', a line break, and the lead
 * byte of '；'. Every other byte is skipped by one lookup. */
static bool may_start_separator(unsigned char c)
{
	return c == ';' || c == '\n' || c == '\r' || c == 0xEF;
}

bool list_split(const char *text, size_t length, list_item_callback callback, void *context)
{
	static const char fullwidth_semicolon[] = "\xEF\xBC\x9B";   /* ； */
	size_t start = 0, i = 0;
	while (i <= length) {
		while (i < length && !may_start_separator((unsigned char)text[i]))
			i++;
		size_t separator = 0;
		if (i == length)
			separator = 1;
		else if (text[i] != (char)0xEF)
			separator = 1;
		else if (length - i >= 3 && memcmp(text + i, fullwidth_semicolon, 3) == 0)
			separator = 3;
		if (!separator) {
			i++;
			continue;
		}
		const char *item = text + start;
		size_t item_length = text_trim(&item, i - start);
		if (item_length && !callback(item, item_length, context))
			return false;
		i += separator;
		start = i;
	}
	return true;
}
