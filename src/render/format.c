/*
 * format.c - the text of ids, unit lists, quantities and targets, shared
 * by the tables, CSV, calendars and duty sheets (see format.h).
 */
#include "duty/format.h"

#include <string.h>

#include "duty/i18n.h"

void format_quantity(struct strbuf *out, const char *value, const char *unit)
{
	strbuf_puts(out, value);
	if (unit[0] && strcmp(unit, "%") != 0)
		strbuf_putc(out, ' ');
	strbuf_puts(out, unit);
}

void format_target_goal(struct strbuf *out, const struct target *target)
{
	/* A bare number ("新建阳光厨房300家") is a quantity to reach: 5000
	 * meets it, so "= 300" would read wrong. */
	if (target->op == TARGET_EQUAL)
		strbuf_printf(out, "%s ", _("reach"));
	else
		strbuf_printf(out, "%s ", target_op_text(target->op));
	format_quantity(out, target->value_text, target->unit);
}

void format_target_progress(struct strbuf *out, const struct target *target, const struct target_progress *report)
{
	strbuf_printf(out, "%s ", target->metric);
	format_target_goal(out, target);
	if (report->reported) {
		strbuf_puts(out, _(" — reported "));
		format_quantity(out, report->value_text, target->unit);
		strbuf_printf(out, ", %s", report->met ? _("met") : _("not met"));
	}
}

const char *format_role(enum unit_role role)
{
	switch (role) {
	case ROLE_LEAD:
		return _("lead");
	case ROLE_SUPPORT:
		return _("support");
	case ROLE_NONE:
		break;
	}
	return "";
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

void format_milestone_units(struct strbuf *out, const struct plan *plan, const struct task *task,
			    const struct milestone *milestone, const char *separator)
{
	if (!milestone->units) {
		format_task_units(out, plan, task, separator);
		return;
	}
	format_unit_names(out, plan->units, milestone->units, milestone->unit_count, separator);
}

const char *format_status(enum milestone_status status)
{
	static const char *const words[STATUS_COUNT] = {
		N_("done"), N_("done late"), N_("overdue"), N_("due this month"), N_("pending"),
	};
	return _(words[status < STATUS_COUNT ? status : STATUS_PENDING]);
}
