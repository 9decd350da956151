/*
 * csvwrite.c - CSV output: RFC 4180 quoting, LF line ends.
 */
#include "duty/render.h"

#include <string.h>

static bool needs_quotes(const char *field)
{
	if (!*field)
		return false;
	if (field[0] == ' ' || field[strlen(field) - 1] == ' ')
		return true;
	return strpbrk(field, ",\"\r\n") != NULL;
}

void csv_write_record(FILE *out, const char *const *fields, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		const char *field = fields[i] ? fields[i] : "";
		if (i)
			fputc(',', out);
		if (!needs_quotes(field)) {
			fputs(field, out);
			continue;
		}
		fputc('"', out);
		for (const char *p = field; *p; p++) {
			if (*p == '"')
				fputc('"', out);
			fputc(*p, out);
		}
		fputc('"', out);
	}
	fputc('\n', out);
}
