/*
 * plan.h - the model of one responsibility table: a plan (title, year) of
 * tasks (重点工作), each with its requirement text, responsible units,
 * milestones (deadlines cut from the requirement) and quantitative targets.
 * Built once by the loader and never changed; the task strings live in the
 * plan's copy of the file's text, everything else in the plan's arena.
 */
#ifndef DUTY_PLAN_H
#define DUTY_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "duty/arena.h"
#include "duty/date.h"
#include "duty/input.h"
#include "duty/units.h"

struct milestone {
	const char *phrase;     /* time phrase as written ("8月前"), "" when implied */
	const char *text;       /* the part of the requirement it governs */
	const char *note;       /* progress: a note, "" when none */
	date_t deadline;
	date_t done_on;         /* progress: the day it was done, 0 when not done */
	unsigned column_group;  /* N of its milestoneN_* columns */
	bool implied;           /* no time phrase: the year's end by default */
};

enum target_op { TARGET_AT_LEAST, TARGET_AT_MOST, TARGET_EQUAL };

struct target {
	const char *metric;     /* the thing counted */
	const char *value_text; /* the value as written, e.g. "4.5" */
	const char *unit;       /* "%", "家", "份/千人", or "" */
	const char *text;       /* the words of the requirement that set it */
	const char *reported_text;  /* progress: the reported value as written */
	const char *report_note;
	double value;
	double reported_value;
	enum target_op op;
	date_t reported_on;     /* 0 when not given */
	unsigned column_group;  /* N of its targetN_* columns */
	bool reported;          /* progress: a value was reported */
};

/* Whether a reported value meets the target: >= and = are met when the
 * value is reached, <= when it is not exceeded. */
bool target_is_met(const struct target *target);

/* The largest task id: 15 digits stay exact as a JSON number. */
#define TASK_ID_MAX 999999999999999L
/* The largest milestone or target number (M of ID.M, K of --target K). */
#define ITEM_NUMBER_MAX 100000L

struct task {
	long id;
	const char *title;
	const char *requirement;
	const char *units_text;   /* the source's wording of the units */
	const size_t *units;      /* canonical units, indexes into the directory */
	size_t unit_count;
	bool units_etc;           /* the source ends with 等/等部门: others unnamed */
	const struct milestone *milestones;   /* in deadline order */
	size_t milestone_count;
	const struct target *targets;
	size_t target_count;
	const char *const *extras;  /* values of the plan's extra columns */
	long line;
};

struct name_index;

struct plan {
	struct arena arena;
	char *text;               /* the file's text: the task strings point into it */
	const char *file;
	const char *title;
	int year;
	struct task *tasks;       /* in file order */
	size_t task_count;
	const char *const *extra_columns;   /* header names the loader does not know */
	size_t extra_column_count;
	const struct unit_directory *units; /* not owned */
	struct name_index *ids;
	enum encoding encoding;             /* of the file it came from */
	long header_line;                   /* line of the header row */
};

void plan_free(struct plan *plan);

const struct task *plan_find_task(const struct plan *plan, long id);

size_t plan_milestone_count(const struct plan *plan);
size_t plan_target_count(const struct plan *plan);

const char *target_op_text(enum target_op op);      /* ">=", "<=", "=" */

/* Accepts >=, ≥, <=, ≤, =, == and ＝. */
bool target_op_parse(const char *text, size_t length, enum target_op *op);

#endif
