/*
 * sheet.h - a unit's printable duty sheet (责任清单): one self-contained
 * HTML page laid out for A4, and the same content as Markdown.
 */
#ifndef DUTY_SHEET_H
#define DUTY_SHEET_H

#include <stddef.h>
#include <stdio.h>

#include "duty/date.h"
#include "duty/plan.h"
#include "duty/query.h"

/* The sheet of unit: the tasks in matches, their milestones and targets
 * with progress as of today. */
void sheet_html(FILE *out, const struct plan *plan, date_t today, size_t unit,
		const struct task_match *matches, size_t count);
void sheet_markdown(FILE *out, const struct plan *plan, date_t today, size_t unit,
		    const struct task_match *matches, size_t count);

#endif
