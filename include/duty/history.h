/*
 * history.h - the record of progress changes, kept beside the plan as
 * NAME.history.csv (for tasks_2018.csv: tasks_2018.history.csv): who
 * changed what, when, from which value to which. `duty log` reads it;
 * `duty undo` uses it to restore what `done` or `report` replaced.
 *
 * It is also the plan's journal (docs/design.md, "The write protocol"): a
 * change is appended as a numbered record marked `pending` before the
 * plan is replaced, and a mark row (`applied` or `aborted`) follows once
 * the outcome is known. Only applied records count. The file only grows,
 * except that a last line cut off by a crash is removed by the next write
 * and a history written before records were numbered gets its two new
 * columns (record, state) once, by an atomic replace.
 */
#ifndef DUTY_HISTORY_H
#define DUTY_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "duty/arena.h"
#include "duty/diag.h"
#include "duty/input.h"

enum { HISTORY_TIME_SIZE = 32 };

/* What a change did. */
enum history_action { HISTORY_DONE, HISTORY_REPORT, HISTORY_UNDO, HISTORY_ACTION_COUNT };

/* "done", "report", "undo": the words the file holds. */
const char *history_action_name(enum history_action action);

enum history_state {
	HISTORY_APPLIED,    /* in effect (also every record of a history from before states) */
	HISTORY_PENDING,    /* written before the plan; its outcome is not known yet */
	HISTORY_ABORTED,    /* the plan was not changed: the record never took effect */
};

struct history_entry {
	const char *time;       /* 2018-10-15T09:30:00+0800 */
	const char *by;         /* $USER or --by */
	enum history_action action;
	long task;
	unsigned milestone;     /* M of ID.M, 0 when the entry is about a target */
	unsigned target;        /* K of --target K, 0 when about a milestone */
	const char *value;      /* report: the value; done: "" */
	const char *on;         /* the date recorded (done_on / reported_on) */
	const char *note;
	const char *old_value;  /* what the change replaced */
	const char *old_on;
	const char *old_note;
	const char *unit;       /* the unit whose own record changed; "" for the whole item */
	long line;              /* in the history file, when loaded */
	long record;            /* its number; 0 for records from before numbers */
	enum history_state state;
};

/* The file's columns, in the order a new history has them. */
enum history_column {
	HISTORY_TIME, HISTORY_BY, HISTORY_ACTION, HISTORY_TASK, HISTORY_MILESTONE, HISTORY_TARGET,
	HISTORY_VALUE, HISTORY_ON, HISTORY_NOTE, HISTORY_OLD_VALUE, HISTORY_OLD_ON, HISTORY_OLD_NOTE,
	HISTORY_UNIT, HISTORY_RECORD, HISTORY_STATE, HISTORY_COLUMN_COUNT
};

/* How the file on disk is written, so that appends match it. */
struct history_layout {
	bool exists;
	bool has_header;                 /* a complete header line is there */
	enum encoding encoding;          /* UTF-8, or GB18030 when re-saved by a spreadsheet */
	bool bom, crlf;
	size_t column_count;
	unsigned char columns[HISTORY_COLUMN_COUNT];   /* enum history_column of each file column */
	bool lacks_columns;              /* written before unit, record or state: upgraded on the next write */
	off_t size;                      /* bytes on disk */
	off_t complete;                  /* bytes up to the end of the last complete line */
	bool tail_is_record;             /* the bytes after are a whole record without its line break */
	long tail_line;                  /* line of a cut-off last line, 0 when there is none */
};

struct name_index;

struct history {
	struct arena arena;
	struct history_entry *entries;   /* change records, oldest first (marks are applied to them) */
	size_t count, capacity;
	struct history_layout layout;
	long next_record;                /* the number the next record gets */
	size_t ignored;                  /* rows that were not records (reported as warnings) */
	size_t marks;                    /* mark rows read */
	struct name_index *records;      /* record number -> index in entries */
};

/* NAME.history.csv beside the plan (beside the file a symbolic link
 * leads to); malloc'ed. */
char *history_path(const char *plan_path);

/* The time of clock_now() (duty/date.h) in local time. */
void history_now(char text[HISTORY_TIME_SIZE]);

/*
 * Loads the history; a missing file is an empty history. A last line cut
 * off by a crash, and rows that are not valid records (wrong number of
 * fields, an unknown action, a task or item number that does not parse,
 * a date or value that would not be accepted if typed, control
 * characters) are left out and reported as warnings in diag. Returns
 * false (with an error in diag) when the file cannot be read or its
 * header is not the history's.
 */
bool history_load(const char *path, struct history *history, struct diagnostics *diag);
void history_free(struct history *history);

/* Appends records (strings are not copied), each numbered and marked
 * pending, and syncs them; sets entries[i].record. The history's layout
 * is kept up to date for further writes. like names the file whose
 * permissions and group a new history takes (the plan). False, after
 * saying why, when nothing could be written: the file is as it was. */
bool history_record_changes(const char *path, struct history *history, const char *like,
			    struct history_entry *entries, size_t count, struct diagnostics *diag);

/* Appends a mark row (applied or aborted) for each record and syncs. */
bool history_mark(const char *path, struct history *history, const char *like, const long *records,
		  size_t count, enum history_state state, struct diagnostics *diag);

/* Appends entries as applied records (used to build histories in tests
 * and tools); loads the file's layout first. */
bool history_append(const char *path, const struct history_entry *entries, size_t count,
		    struct diagnostics *diag);

/* The `action` entry (HISTORY_DONE or HISTORY_REPORT) about milestone M (or target K)
 * of a task, for unit (a canonical name; "" for the whole item), that is
 * in effect: each undo cancels the newest one before it; only applied
 * records count. NULL when none is (or when out of memory). */
const struct history_entry *history_in_effect(const struct history *history, long task, unsigned milestone,
					      unsigned target, const char *unit, enum history_action action);

/* "applied", "pending" or "aborted". */
const char *history_state_name(enum history_state state);

#endif
