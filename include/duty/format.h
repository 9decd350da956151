/*
 * format.h - how the model reads as text, written once for every output:
 * item ids ("8.2"), unit lists, quantities ("98%", "340 家") and targets
 * (">= 98%").
 */
#ifndef DUTY_FORMAT_H
#define DUTY_FORMAT_H

#include <stddef.h>

#include "duty/plan.h"
#include "duty/progress.h"
#include "duty/query.h"
#include "duty/strbuf.h"

/* A quantity as people write it: "98%" with the percent sign right after
 * the number, "340 家" with other units after a space. */
void format_quantity(struct strbuf *out, const char *value, const char *unit);

/* What a target asks for: ">= 98%", "<= 2 小时", "reach 340 家" (a bare
 * number is a quantity to reach, 达到). */
void format_target_goal(struct strbuf *out, const struct target *target);

/* A target and what was reported against it, as report (target_progress:
 * for a unit or the whole target) says: "创建放心示范餐饮店 reach 340 家 —
 * reported 352 家, met". */
void format_target_progress(struct strbuf *out, const struct target *target, const struct target_progress *report);

/* A unit's part in a task in words, in the interface language: "lead"
 * (牵头), "support" (配合), or "" (unit_role_name gives the fixed names). */
const char *format_role(enum unit_role role);

/* Unit names of the directory joined with separator. */
void format_unit_names(struct strbuf *out, const struct unit_directory *units, const size_t *list, size_t count,
		       const char *separator);

/* A task's units the way the source writes them: 市农业局、市林业局, with
 * "等" after the last when the source ends its list with it and the
 * separator is "、". */
void format_task_units(struct strbuf *out, const struct plan *plan, const struct task *task,
		       const char *separator);

/* The units a milestone governs: its own list, else the task's. */
void format_milestone_units(struct strbuf *out, const struct plan *plan, const struct task *task,
			    const struct milestone *milestone, const char *separator);

/* A status in words, in the interface language: "done", "done late"
 * (逾期完成), "overdue", "due this month", "pending" (milestone_status_name
 * gives the fixed names for JSON). */
const char *format_status(enum milestone_status status);

#endif
