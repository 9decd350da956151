/*
 * csvwrite.c - RFC 4180 quoting, the one rule for every CSV field duty
 * writes: cells of an edited plan, history records and CSV output.
 */
#include "duty/csvwrite.h"

#include <string.h>

bool csv_field_needs_quotes(const char *field, size_t length)
{
	if (length == 0)
		return false;
	if (field[0] == ' ' || field[length - 1] == ' ')
		return true;
	for (size_t i = 0; i < length; i++)
		if (field[i] == ',' || field[i] == '"' || field[i] == '\r' || field[i] == '\n')
			return true;
	return false;
}

void strbuf_put_csv_field(struct strbuf *buffer, const char *field, size_t length)
{
	if (!csv_field_needs_quotes(field, length)) {
		strbuf_append(buffer, field, length);
		return;
	}
	strbuf_putc(buffer, '"');
	const char *end = field + length;
	while (field < end) {
		const char *quote = memchr(field, '"', (size_t)(end - field));
		size_t run = quote ? (size_t)(quote - field) + 1 : (size_t)(end - field);
		strbuf_append(buffer, field, run);
		if (quote)
			strbuf_putc(buffer, '"');
		field += run;
	}
	strbuf_putc(buffer, '"');
}
