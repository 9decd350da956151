/*
 * history.h - the append-only record of progress changes, kept beside the
 * plan as NAME.history.csv (for tasks_2018.csv: tasks_2018.history.csv):
 * who changed what, when, from which value to which. `duty log` reads it;
 * `duty undo` uses it to restore what `done` or `report` replaced.
 */
#ifndef DUTY_HISTORY_H
#define DUTY_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "duty/arena.h"
#include "duty/diag.h"

enum { HISTORY_TIME_SIZE = 32 };

struct history_entry {
	const char *time;       /* 2018-10-15T09:30:00+0800 */
	const char *by;         /* $USER or --by */
	const char *action;     /* done, undo, report, unreport */
	long task;
	unsigned milestone;     /* M of ID.M, 0 when the entry is about a target */
	unsigned target;        /* K of --target K, 0 when about a milestone */
	const char *value;      /* report: the value; done: "" */
	const char *on;         /* the date recorded (done_on / reported_on) */
	const char *note;
	const char *old_value;  /* what the change replaced */
	const char *old_on;
	const char *old_note;
	long line;              /* in the history file, when loaded */
};

struct history {
	struct arena arena;
	struct history_entry *entries;   /* oldest first */
	size_t count;
};

/* NAME.history.csv beside the plan; malloc'ed. */
char *history_path(const char *plan_path);

/* The current local time, or SOURCE_DATE_EPOCH when set (for tests). */
void history_now(char text[HISTORY_TIME_SIZE]);

/* Appends entries (a new file gets a byte order mark and a header). */
bool history_append(const char *path, const struct history_entry *entries, size_t count,
		    struct diagnostics *diag);

/* Loads the history; a missing file is an empty history. */
bool history_load(const char *path, struct history *history, struct diagnostics *diag);
void history_free(struct history *history);

/* The `action` entry ("done" or "report") about milestone M (or target K)
 * of a task that is in effect: each undo cancels the newest one before
 * it. NULL when none is (or when out of memory). */
const struct history_entry *history_in_effect(const struct history *history, long task, unsigned milestone,
					      unsigned target, const char *action);

#endif
