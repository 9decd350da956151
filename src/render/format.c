/*
 * format.c - the text of ids, unit lists, quantities and targets, shared
 * by the tables, CSV, calendars and duty sheets (see format.h).
 */
#include "duty/format.h"

#include <string.h>

void format_quantity(struct strbuf *out, const char *value, const char *unit)
{
	strbuf_puts(out, value);
	if (unit[0] && strcmp(unit, "%") != 0)
		strbuf_putc(out, ' ');
	strbuf_puts(out, unit);
}
