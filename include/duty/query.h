/*
 * query.h - the questions users ask of a plan: which tasks a unit answers
 * for (directly, or through a group such as 各县（市、区）政府), which
 * milestones fall due in a month or are overdue, how deadlines spread over
 * the year. Queries return arrays of references into the plan; they never
 * copy text and never print.
 */
#ifndef DUTY_QUERY_H
#define DUTY_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "duty/date.h"
#include "duty/plan.h"

#define NO_GROUP SIZE_MAX

/* How a unit is responsible for a task. */
struct duty {
	bool responsible;
	size_t via;          /* NO_GROUP when named directly, else the group's index */
};

/* A unit answers for a task when it answers for one of its milestones;
 * via is NO_GROUP when the task or one of those milestones names it. */
struct duty task_duty(const struct unit_directory *units, const struct task *task, size_t unit);

/* A unit's part in a task whose source names lead units (牵头单位): it
 * leads when it is one of them or a member of one; else it supports (配合).
 * ROLE_NONE when the task names no lead units. */
enum unit_role { ROLE_NONE, ROLE_LEAD, ROLE_SUPPORT };
enum unit_role task_unit_role(const struct unit_directory *units, const struct task *task, size_t unit);
const char *unit_role_name(enum unit_role role);   /* "lead", "support", or NULL */

/* True when some task of the plan names lead units. */
bool plan_has_lead_units(const struct plan *plan);

/* The units a milestone names: its own (milestoneN_units), else the task's. */
const size_t *milestone_units(const struct task *task, const struct milestone *milestone, size_t *count);

/* Whether unit answers for the milestone: one of its units, or a member of
 * one of its groups (via). */
struct duty milestone_duty(const struct unit_directory *units, const struct task *task,
			   const struct milestone *milestone, size_t unit);

/* The same for any list of units. */
struct duty units_duty(const struct unit_directory *units, const size_t *list, size_t count, size_t unit);

/* A filter shared by the queries; zero-initialise and set what applies. */
struct query {
	bool by_unit;
	size_t unit;
	bool direct_only;    /* leave out tasks the unit has only through a group */
	date_t from, to;     /* milestone deadlines in [from, to]; 0 = open */
	bool pending_only;   /* leave out milestones that are done (by the unit, with by_unit) */
	size_t sorted_first; /* query_milestones: 0 sorts every match; N only the first N
			      * (all are still returned and counted) */
};

/* Where a milestone stands on a day. */
enum milestone_status {
	STATUS_DONE,         /* done by its deadline */
	STATUS_DONE_LATE,    /* done after its deadline (逾期完成) */
	STATUS_OVERDUE,      /* not done, deadline before today */
	STATUS_DUE,          /* not done, deadline in today's month, from today on */
	STATUS_PENDING,      /* not done, deadline later */
	STATUS_COUNT
};

/* The rule, for a milestone as a whole and for each unit: something with
 * this deadline, done on done_on (0: not done), on today. */
enum milestone_status status_on(date_t deadline, date_t done_on, date_t today);

/* A milestone as a whole (see completed_on). */
enum milestone_status milestone_status(const struct milestone *milestone, date_t today);
/* "done", "done_late", "overdue", "due", "pending" */
const char *milestone_status_name(enum milestone_status status);

struct task_match {
	const struct task *task;
	size_t via;          /* NO_GROUP unless the unit has it through a group */
	enum unit_role role; /* the unit's part, when the query is by unit */
	size_t milestone;    /* the one to show: the first in the query's date range, else
			      * the task's next (task_next_milestone) */
};

struct milestone_match {
	const struct task *task;
	size_t index;        /* 0-based in task->milestones; shown 1-based */
	size_t via;
};

/* Tasks in file order that pass the unit filter and, when from/to are set,
 * have a milestone in the range (the first of them is the match's milestone). Returns the count; *matches is malloc'ed
 * (NULL when there are none). SIZE_MAX when out of memory. */
size_t query_tasks(const struct plan *plan, const struct query *query, struct task_match **matches);

/* Milestones in the date range, ordered by deadline, then task order
 * (only the first query->sorted_first of them, when that is set). */
size_t query_milestones(const struct plan *plan, const struct query *query,
			struct milestone_match **matches);

/* The earliest deadline after `after` among milestones passing the unit
 * filter, and how many milestones share it. False when there is none. */
bool query_next_deadline(const struct plan *plan, const struct query *query, date_t after,
			 date_t *next, size_t *count);

/* Milestones per month of the plan year that pass the unit filter (the
 * unit's milestones of its tasks; the dates of the query are not used),
 * and how many of them are done (by the unit, with by_unit): counts[0] is
 * January. done may be NULL. */
void query_calendar(const struct plan *plan, const struct query *query, size_t counts[12], size_t done[12]);

/* For each unit of the directory: tasks naming it, and tasks it has only
 * through a group. Arrays of units->count elements, filled in. */
void query_unit_task_counts(const struct plan *plan, size_t *direct, size_t *via_group);

/* The milestone to show as the task's next deadline: the earliest one not
 * done (milestones are in deadline order, so an overdue one comes before
 * those still ahead); when all are done, the last. With by_unit, among the
 * unit's milestones and by its own progress. */
size_t task_next_milestone(const struct plan *plan, const struct query *query, const struct task *task);

#endif
