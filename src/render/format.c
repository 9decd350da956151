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

void format_target_goal(struct strbuf *out, const struct target *target)
{
	strbuf_printf(out, "%s ", target_op_text(target->op));
	format_quantity(out, target->value_text, target->unit);
}

void format_unit_names(struct strbuf *out, const struct unit_directory *units, const size_t *list, size_t count,
		       const char *separator)
{
	for (size_t i = 0; i < count; i++) {
		if (i)
			strbuf_puts(out, separator);
		strbuf_puts(out, units->units[list[i]].name);
	}
}

void format_task_units(struct strbuf *out, const struct plan *plan, const struct task *task,
		       const char *separator)
{
	format_unit_names(out, plan->units, task->units, task->unit_count, separator);
	if (task->units_etc && strcmp(separator, "、") == 0)
		strbuf_puts(out, "等");
}
