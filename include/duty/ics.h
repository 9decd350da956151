/*
 * ics.h - iCalendar (RFC 5545) output: one all-day event per milestone.
 */
#ifndef DUTY_ICS_H
#define DUTY_ICS_H

#include <stddef.h>
#include <stdio.h>

#include "duty/date.h"
#include "duty/plan.h"

void ics_begin(FILE *out, const char *name);
/* One all-day event for milestone index of task; stamp is DTSTAMP's date.
 * With remind_days, a reminder (VALARM) at 9:00 that many days before the
 * deadline. */
void ics_event(FILE *out, const struct plan *plan, const struct task *task, size_t index, date_t stamp,
	       unsigned remind_days);
void ics_end(FILE *out);

#endif
