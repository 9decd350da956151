/*
 * plan_write.h - a plan as the text of a plan file (docs/data-format.md),
 * the loader's inverse: what it writes loads back as the same plan. The
 * columns come from the model's one column table (plan.h): the plan_title
 * and plan_year rows, the task columns, the milestone and target column
 * groups (as many as the task with the most needs), then the plan's extra
 * columns. duty import writes its plans with it; any code holding a
 * struct plan can.
 */
#ifndef DUTY_PLAN_WRITE_H
#define DUTY_PLAN_WRITE_H

#include <stdbool.h>

#include "duty/plan.h"
#include "duty/strbuf.h"

/* Appends the plan file to out: UTF-8 with a byte order mark, LF line
 * ends, fields quoted where CSV needs it. Units are written by their
 * canonical names in plan->units. A task's milestones and targets go to
 * the column groups their column_group numbers (0: the group after the
 * one before), so they must come in the order of those groups, as the
 * loader gives them. Progress (done_on, note, reported values) is
 * written too. Returns false when memory ran out (out->failed). */
bool plan_write(const struct plan *plan, struct strbuf *out);

#endif
