/*
 * progress.h - who has done what. A milestone is recorded done as a whole
 * (milestoneN_done_on: every unit it governs) or unit by unit (one line per
 * unit in milestoneN_units_done); a target is reported as a whole
 * (targetN_reported) or unit by unit (targetN_units_reported). This module
 * reads and writes those per-unit cells and decides, in one place, where a
 * milestone or a target stands for one unit or for all of them.
 *
 * A unit's state comes from its own line, else from the line of a group it
 * belongs to (各县（市、区）政府 recorded at once), else from the record
 * for the whole milestone. A group asked as a unit is done when its own
 * line, the whole record or all of its members say so; a milestone as a
 * whole is done when it is recorded done, or when every unit it governs
 * has done its part (on the day the last one did).
 */
#ifndef DUTY_PROGRESS_H
#define DUTY_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "duty/plan.h"
#include "duty/query.h"
#include "duty/strbuf.h"

/* The milestone or target as a whole, instead of one unit. */
#define EVERY_UNIT SIZE_MAX

/* Where a record comes from. */
enum record_source {
	RECORD_NONE,       /* nothing is recorded */
	RECORD_OWN,        /* the unit's own line */
	RECORD_GROUP,      /* the line of a group the unit belongs to */
	RECORD_WHOLE,      /* the record for the whole milestone or target */
	RECORD_MEMBERS,    /* every unit (or member) did its part */
};

struct progress {
	enum milestone_status status;
	date_t done_on;        /* 0 when not done */
	const char *note;      /* "" when none */
	enum record_source source;
	size_t group;          /* RECORD_GROUP: the group whose line it is */
	const struct unit_done *record;   /* RECORD_OWN: the unit's line */
};

/* Where milestone stands on today for unit (EVERY_UNIT: as a whole). The
 * unit should be one the milestone governs (milestone_duty). */
struct progress milestone_progress(const struct unit_directory *units, const struct task *task,
				   const struct milestone *milestone, size_t unit, date_t today);

/* The day a milestone was complete: done_on, else the day the last unit it
 * governs did its part, else 0. The loader keeps it in completed_on. */
date_t milestone_completion(const struct unit_directory *units, const struct task *task,
			    const struct milestone *milestone);

/* The units (not groups or phrases) a milestone governs, in directory
 * order, into leaves (room for units->count). Returns how many. */
size_t milestone_leaf_units(const struct unit_directory *units, const struct task *task,
			    const struct milestone *milestone, size_t *leaves);

/* How many of the units a milestone governs have done their part by
 * today, of *count. With recording a unit (or a group), not EVERY_UNIT,
 * its units count as done too: the part being recorded now. */
size_t milestone_units_done(const struct unit_directory *units, const struct task *task,
			    const struct milestone *milestone, date_t today, size_t recording, size_t *count);

struct target_progress {
	bool reported;
	bool met;
	const char *value_text;
	double value;
	date_t reported_on;
	const char *note;
	enum record_source source;
	const struct unit_report *record;   /* RECORD_OWN */
};

/* A target's report for unit (own line, a group's line, or the report for
 * the whole target), or for the whole target (EVERY_UNIT). */
struct target_progress target_progress(const struct unit_directory *units, const struct target *target,
				       size_t unit);

struct duty target_duty(const struct unit_directory *units, const struct task *task, const struct target *target,
			size_t unit);

/* --- a unit's record: the figures of 督查 and 考核 --------------------------- */

struct unit_tally {
	size_t unit;
	size_t milestones;       /* every milestone it answers for */
	size_t due_so_far;       /* their deadline is before today */
	size_t done_of_due;      /* of those, how many are done */
	size_t on_time, late;    /* done by their deadline, and after it (逾期完成) */
	size_t overdue;          /* not done, deadline before today */
	size_t not_yet_due;      /* not done, deadline today or later */
	size_t due_this_month;   /* of those, in today's month */
	size_t targets, met, not_met, not_reported;
};

/* Counts unit's milestones and targets on today (direct_only: only tasks
 * that name it, not those it has through a group). */
void unit_tally_count(const struct plan *plan, size_t unit, bool direct_only, date_t today,
		      struct unit_tally *tally);

/* The share of the milestones due so far that are done, 0 to 1; -1 when
 * none is due yet. */
double unit_tally_completion(const struct unit_tally *tally);

/* Furthest behind first: most overdue, then the lowest completion rate,
 * then most done late, then most targets not met; else directory order. */
int unit_tally_compare(const void *left, const void *right);

/* --- the per-unit cells ----------------------------------------------------
 *
 * One line per unit, lines separated by a line break (Alt+Enter in a
 * spreadsheet cell). A line of milestoneN_units_done is "UNIT DATE NOTE",
 * of targetN_units_reported "UNIT VALUE DATE NOTE": UNIT is a name or alias
 * of the directory, the fields are separated by spaces, the date may be
 * left out of a report, and the note (optional) is the rest of the line.
 */

/* One line of a per-unit cell, split into its fields. */
struct cell_line {
	size_t start, end;            /* bytes in the cell, line break excluded */
	const char *name;             /* the unit as written */
	size_t name_length;
	const char *value;            /* reports: the value as written */
	size_t value_length;
	const char *date;             /* "" when none */
	size_t date_length;
	const char *note;
	size_t note_length;
};

/* Calls back with each line that is not blank; with_value reads report
 * lines. A line whose fields cannot be found has name_length 0 (the whole
 * line is in note). Stops when the callback returns false. */
typedef bool (*cell_line_callback)(const struct cell_line *line, void *context);
bool progress_cell_lines(const char *cell, size_t length, bool with_value, cell_line_callback callback,
			 void *context);

/* The line duty writes: "瑞安市政府 2018-05-20 温农〔2018〕56号" (value
 * NULL for a milestone). */
void progress_line_format(struct strbuf *out, const char *unit, const char *value, const char *date,
			  const char *note);

/* The cell with one line changed: the bytes [start, end) replaced by line
 * (replace), or removed with their line break (line NULL), or line
 * appended as a new last line (replace false). Every other byte is kept. */
void progress_cell_change(struct strbuf *out, const char *cell, bool replace, size_t start, size_t end,
			  const char *line);

#endif
