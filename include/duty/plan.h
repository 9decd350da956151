/*
 * plan.h - the model of one responsibility table: a plan (title, year) of
 * tasks (重点工作), each with its requirement text, responsible units,
 * milestones (deadlines cut from the requirement) and quantitative targets.
 * Built once by the loader and never changed; its strings and arrays live
 * in the plan's arena.
 */
#ifndef DUTY_PLAN_H
#define DUTY_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "duty/arena.h"
#include "duty/columns.h"
#include "duty/diag.h"
#include "duty/date.h"
#include "duty/input.h"
#include "duty/itemid.h"
#include "duty/strbuf.h"
#include "duty/units.h"

/* One unit's own record of a milestone: a line of milestoneN_units_done
 * ("瑞安市政府 2018-05-20 温农〔2018〕56号"). */
struct unit_done {
	size_t unit;            /* index into the directory */
	date_t done_on;
	const char *note;       /* "" when none */
	size_t start, end;      /* the line's bytes in the cell, line break excluded */
};

/* One unit's own report against a target: a line of
 * targetN_units_reported ("瑞安市政府 35 2018-10-15 县局汇总"). */
struct unit_report {
	size_t unit;
	const char *value_text; /* the value as written */
	double value;
	date_t reported_on;     /* 0 when not given */
	const char *note;
	size_t start, end;
};

/* The counts below are narrow to keep the model small (memory per task,
 * issue 14), and the loaders keep them in range: a task's, a milestone's
 * and a record's units are distinct units of the directory, which holds at
 * most UNIT_COUNT_MAX (duty/units.h); a task has at most TASK_ITEMS_MAX
 * milestones and as many targets (the loader refuses a header with more
 * groups of either kind, duty import a requirement with more), so a
 * milestone's index is below TARGET_NO_MILESTONE. */
#define TASK_ITEMS_MAX UINT16_MAX
#define TARGET_NO_MILESTONE UINT16_MAX

/* What a milestone's progress cells record (milestoneN_done_on, _note and
 * _units_done), kept apart from it: most milestones have none and share
 * milestone_record_none, so a milestone costs no room for progress until
 * some is recorded (memory per task, issue 14). */
struct milestone_record {
	const char *note;       /* "" when none */
	const char *units_done; /* the milestoneN_units_done cell as written */
	const struct unit_done *unit_records;   /* its lines, in cell order */
	uint16_t unit_record_count;
	date_t done_on;         /* the day it was done as a whole (every unit), 0 when not */
};

/* What a target's progress cells record (targetN_reported, _reported_on,
 * _note and _units_reported), kept apart from it as a milestone's is. */
struct target_record {
	const char *reported_text;  /* the reported value as written */
	const char *report_note;
	const char *units_reported; /* the targetN_units_reported cell as written */
	const struct unit_report *unit_reports;   /* its lines, in cell order */
	double reported_value;
	date_t reported_on;     /* 0 when not given */
	uint16_t unit_report_count;
	bool reported;          /* a value was reported (for the whole target) */
};

/* The records of every milestone and target with nothing recorded: "" for
 * each text, 0 for each count and day. */
extern const struct milestone_record milestone_record_none;
extern const struct target_record target_record_none;

struct milestone {
	const char *phrase;     /* time phrase as written ("8月前"), "" when implied */
	const size_t *units;    /* the units it names itself (milestoneN_units); NULL: the task's */
	const struct milestone_record *progress;   /* never NULL: milestone_record_none when none */
	/* The part of the requirement it governs, found in the task's
	 * requirement, not copied: read it with milestone_text. */
	uint32_t text_start, text_length;
	date_t deadline;
	date_t completed_on;    /* progress->done_on, else the day the last of its units did its part, else 0 */
	unsigned column_group;  /* N of its milestoneN_* columns */
	uint16_t unit_count;
	bool implied;           /* no time phrase: the year's end by default */
};

enum target_op { TARGET_AT_LEAST, TARGET_AT_MOST, TARGET_EQUAL };

struct target {
	const char *metric;     /* the thing counted */
	const char *value_text; /* the value as written, e.g. "4.5" */
	const char *unit;       /* "%", "家", "份/千人", or "" */
	const struct target_record *progress;   /* never NULL: target_record_none when none */
	double value;
	unsigned column_group;  /* N of its targetN_* columns */
	/* The words of the requirement that set it, found where the task's
	 * requirement has them, not copied: read them with target_text. */
	uint32_t text_start, text_length;
	uint16_t milestone;     /* the milestone whose text holds it (0-based), TARGET_NO_MILESTONE when none */
	uint8_t op;             /* an enum target_op, kept in a byte */
};

/* Whether a reported value meets the target: >= and = are met when the
 * value is reached, <= when it is not exceeded. */
bool target_is_met(const struct target *target);
bool target_value_meets(const struct target *target, double value);

struct task {
	long id;
	const char *title;
	const char *requirement;
	const char *units_text;   /* the source's wording of the units */
	const size_t *units;      /* canonical units, indexes into the directory */
	const size_t *lead_units; /* the units that lead (牵头), each one of units; none when not said */
	const char *deadline_text;   /* the source's deadline column (完成时限) as written, or "" */
	const struct milestone *milestones;   /* in deadline order */
	const struct target *targets;
	const char *const *extras;  /* values of the plan's extra columns (NULL from the loader when none) */
	int32_t line;             /* of its row; the loader refuses a row past INT32_MAX */
	uint16_t unit_count;
	uint16_t lead_unit_count;
	uint16_t milestone_count;
	uint16_t target_count;
	bool units_etc;           /* the source ends with 等/等部门: others unnamed */
};

/* The part of the requirement a milestone of the task governs, and the
 * words that set a target of it (not NUL-terminated). They are bytes of
 * task->requirement; words that are not in it (a plan edited by hand)
 * lie after the requirement's NUL, in the same allocation. strbuf_set
 * makes a string of them. */
static inline struct field_text milestone_text(const struct task *task, const struct milestone *milestone)
{
	return (struct field_text){ task->requirement + milestone->text_start, milestone->text_length };
}

static inline struct field_text target_text(const struct task *task, const struct target *target)
{
	return (struct field_text){ task->requirement + target->text_start, target->text_length };
}

/* The same as strings, in scratch (valid until it changes). */
const char *milestone_text_string(const struct task *task, const struct milestone *milestone, struct strbuf *scratch);
const char *target_text_string(const struct task *task, const struct target *target, struct strbuf *scratch);

struct plan {
	struct arena arena;
	const char *file;
	const char *title;
	int year;
	struct task *tasks;       /* in file order */
	size_t task_count;
	const char *const *extra_columns;   /* header names the loader does not know */
	size_t extra_column_count;
	const struct unit_directory *units; /* not owned */
	const size_t *id_order;             /* task indexes in id order; NULL: the tasks are */
	enum encoding encoding;             /* of the file it came from */
	long header_line;                   /* line of the header row */
};

void plan_free(struct plan *plan);

/* --- the plan file's columns (docs/data-format.md) ----------------------- */

enum plan_column {
	PLAN_ID, PLAN_TITLE, PLAN_REQUIREMENT, PLAN_UNITS_TEXT, PLAN_UNITS, PLAN_UNITS_ETC, PLAN_LEAD_UNITS,
	PLAN_DEADLINE_TEXT, PLAN_COLUMN_COUNT
};

/* The names a header may give each task column; the first is duty's own.
 * units_etc, lead_units and deadline_text may be absent. */
extern const struct column_name plan_columns[PLAN_COLUMN_COUNT];

/* The key rows above the header: "plan_title,TITLE" and "plan_year,YYYY". */
#define PLAN_TITLE_KEY "plan_title"
#define PLAN_YEAR_KEY "plan_year"

/* The fields of the numbered column groups, milestoneN_FIELD and
 * targetN_FIELD. Those before DEFINITION define the item; the rest record
 * progress. */
enum milestone_field {
	MILESTONE_DEADLINE, MILESTONE_PHRASE, MILESTONE_IMPLIED, MILESTONE_TEXT, MILESTONE_UNITS,
	MILESTONE_DONE_ON, MILESTONE_NOTE, MILESTONE_UNITS_DONE, MILESTONE_FIELDS,
	MILESTONE_DEFINITION = MILESTONE_DONE_ON
};
enum target_field {
	TARGET_METRIC, TARGET_OP, TARGET_VALUE, TARGET_UNIT, TARGET_TEXT,
	TARGET_REPORTED, TARGET_REPORTED_ON, TARGET_NOTE, TARGET_UNITS_REPORTED, TARGET_FIELDS,
	TARGET_DEFINITION = TARGET_REPORTED
};
enum { GROUP_FIELDS = 9 };   /* the most fields of any group */

struct group_layout {
	const char *prefix;          /* "milestone" or "target" */
	const char *const *fields;
	size_t field_count;
	size_t definition;           /* fields before this one define the item */
};

extern const struct group_layout milestone_layout, target_layout;

/* Recognises a column of the layout ("milestone12_deadline"): its number
 * and field. Letters match ignoring ASCII case and the number is read by
 * the one number parser (duty/itemid.h), so MILESTONE01_DEADLINE is the
 * same column as milestone1_deadline. A name of the layout's form whose
 * number no group can have (0, or above ITEM_NUMBER_MAX) gives true with
 * *number 0: the caller refuses it. */
bool group_column_parse(const struct group_layout *layout, const char *name, size_t length, unsigned *number,
			size_t *field);
/* Appends the canonical name of a group's column, the one duty writes:
 * "milestone3_done_on". */
void group_column_name(struct strbuf *out, const struct group_layout *layout, unsigned number, size_t field);
/* Whether two header names name the same column: the same group column
 * however spelled, or the same other name ignoring ASCII case. */
bool group_column_same(const char *a, size_t a_length, const char *b, size_t b_length);

/* Whether the plan file uses the name itself: a task column (any of its
 * names), a milestone or target column, or a key row. Any other column is
 * an extra column, kept as it is. */
bool plan_column_name_is_taken(const char *name, size_t length);

const struct task *plan_find_task(const struct plan *plan, long id);

/* Task id, which must have at least `milestone` milestones (0: any task);
 * says why in diag and returns NULL when there is none. */
const struct task *plan_find_item(const struct plan *plan, long id, unsigned milestone, struct diagnostics *diag);

size_t plan_milestone_count(const struct plan *plan);
size_t plan_target_count(const struct plan *plan);

const char *target_op_text(enum target_op op);      /* ">=", "<=", "=" */

/* Accepts >=, ≥, <=, ≤, =, == and ＝. */
bool target_op_parse(const char *text, size_t length, enum target_op *op);

#endif
