/*
 * query.c - filters over the plan. Everything is a linear pass over the
 * tasks; unit tests are index compares against each task's short unit list.
 */
#include "duty/query.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "duty/array.h"
#include "duty/progress.h"

struct duty units_duty(const struct unit_directory *units, const size_t *list, size_t count, size_t unit)
{
	struct duty duty = { false, NO_GROUP };
	for (size_t i = 0; i < count; i++) {
		if (list[i] == unit) {
			duty.responsible = true;
			return duty;
		}
	}
	for (size_t i = 0; i < count; i++) {
		size_t ref = list[i];
		if (units->units[ref].is_group && unit_in_group(units, unit, ref)) {
			duty.responsible = true;
			duty.via = ref;
			return duty;
		}
	}
	return duty;
}

enum unit_role task_unit_role(const struct unit_directory *units, const struct task *task, size_t unit)
{
	if (task->lead_unit_count == 0)
		return ROLE_NONE;
	for (size_t i = 0; i < task->lead_unit_count; i++) {
		size_t lead = task->lead_units[i];
		if (lead == unit || (units->units[lead].is_group && unit_in_group(units, unit, lead)))
			return ROLE_LEAD;
	}
	return ROLE_SUPPORT;
}

const char *unit_role_name(enum unit_role role)
{
	switch (role) {
	case ROLE_LEAD:
		return "lead";
	case ROLE_SUPPORT:
		return "support";
	case ROLE_NONE:
		break;
	}
	return NULL;
}

bool plan_has_lead_units(const struct plan *plan)
{
	for (size_t t = 0; t < plan->task_count; t++)
		if (plan->tasks[t].lead_unit_count)
			return true;
	return false;
}

const size_t *milestone_units(const struct task *task, const struct milestone *milestone, size_t *count)
{
	if (milestone->units) {
		*count = milestone->unit_count;
		return milestone->units;
	}
	*count = task->unit_count;
	return task->units;
}

static bool has_milestone_units(const struct task *task)
{
	for (size_t m = 0; m < task->milestone_count; m++)
		if (task->milestones[m].units)
			return true;
	return false;
}

struct duty milestone_duty(const struct unit_directory *units, const struct task *task,
			   const struct milestone *milestone, size_t unit)
{
	size_t count;
	const size_t *list = milestone_units(task, milestone, &count);
	struct duty duty = units_duty(units, list, count, unit);
	if (duty.responsible || !milestone->units || !units->units[unit].is_group
	    || !units_duty(units, task->units, task->unit_count, unit).responsible)
		return duty;
	/* A group the task gives the work to answers for a milestone that
	 * names some of its members (4.1: 龙湾区政府 and 洞头区政府 of
	 * 各县（市、区）政府). */
	for (size_t i = 0; !duty.responsible && i < count; i++)
		duty.responsible = unit_in_group(units, list[i], unit);
	return duty;
}

struct duty task_duty(const struct unit_directory *units, const struct task *task, size_t unit)
{
	struct duty duty = units_duty(units, task->units, task->unit_count, unit);
	if (!duty.responsible || !has_milestone_units(task))
		return duty;
	/* Milestones that name their own units: the unit must have one. */
	for (size_t m = 0; m < task->milestone_count; m++)
		if (milestone_duty(units, task, &task->milestones[m], unit).responsible)
			return duty;
	return (struct duty){ false, NO_GROUP };
}

/* Applies the unit part of a query to one task. */
static bool unit_filter(const struct plan *plan, const struct query *query, const struct task *task,
			size_t *via)
{
	*via = NO_GROUP;
	if (!query->by_unit)
		return true;
	struct duty duty = task_duty(plan->units, task, query->unit);
	if (!duty.responsible || (query->direct_only && duty.via != NO_GROUP))
		return false;
	*via = duty.via;
	return true;
}

/* The unit part of a query for one milestone of a task that passed it. */
static bool milestone_unit_filter(const struct plan *plan, const struct query *query, const struct task *task,
				  const struct milestone *milestone)
{
	return !query->by_unit || !milestone->units
	       || milestone_duty(plan->units, task, milestone, query->unit).responsible;
}

/* Done: as a whole, or by the unit of the query. */
static bool milestone_is_done(const struct plan *plan, const struct query *query, const struct task *task,
			      const struct milestone *milestone)
{
	if (!query->by_unit)
		return milestone->completed_on != 0;
	return milestone_progress(plan->units, task, milestone, query->unit, 0).done_on != 0;
}

static bool in_range(const struct query *query, date_t date)
{
	return (!query->from || date >= query->from) && (!query->to || date <= query->to);
}

/* A milestone the query asks for: the unit's, its deadline in the range,
 * and not done when only pending ones are asked for. */
static bool milestone_matches(const struct plan *plan, const struct query *query, const struct task *task,
			      const struct milestone *milestone)
{
	return in_range(query, milestone->deadline) && milestone_unit_filter(plan, query, task, milestone)
	       && !(query->pending_only && milestone_is_done(plan, query, task, milestone));
}

size_t query_tasks(const struct plan *plan, const struct query *query, struct task_match **matches)
{
	struct task_match *found = NULL;
	size_t count = 0, capacity = 0;
	bool by_date = query->from || query->to;
	for (size_t t = 0; t < plan->task_count; t++) {
		const struct task *task = &plan->tasks[t];
		size_t via;
		if (!unit_filter(plan, query, task, &via))
			continue;
		size_t shown = task_next_milestone(plan, query, task);
		if (by_date || query->pending_only) {
			shown = SIZE_MAX;
			for (size_t m = 0; m < task->milestone_count && shown == SIZE_MAX; m++)
				if (milestone_matches(plan, query, task, &task->milestones[m]))
					shown = m;
			if (shown == SIZE_MAX)
				continue;
		}
		struct task_match *grown = array_reserve(found, &capacity, count, sizeof *grown);
		if (!grown) {
			free(found);
			return SIZE_MAX;
		}
		found = grown;
		found[count].task = task;
		found[count].via = via;
		found[count].role = query->by_unit ? task_unit_role(plan->units, task, query->unit) : ROLE_NONE;
		found[count].milestone = shown;
		count++;
	}
	*matches = found;
	return count;
}

static int by_deadline(const void *left, const void *right)
{
	const struct milestone_match *a = left, *b = right;
	date_t da = a->task->milestones[a->index].deadline;
	date_t db = b->task->milestones[b->index].deadline;
	if (da != db)
		return da < db ? -1 : 1;
	if (a->task != b->task)
		return a->task < b->task ? -1 : 1;   /* tasks sit in one array, in file order */
	return a->index < b->index ? -1 : a->index > b->index;
}

size_t query_milestones(const struct plan *plan, const struct query *query,
			struct milestone_match **matches)
{
	struct milestone_match *found = NULL;
	size_t count = 0, capacity = 0;
	for (size_t t = 0; t < plan->task_count; t++) {
		const struct task *task = &plan->tasks[t];
		size_t via;
		if (!unit_filter(plan, query, task, &via))
			continue;
		for (size_t m = 0; m < task->milestone_count; m++) {
			if (!milestone_matches(plan, query, task, &task->milestones[m]))
				continue;
			struct milestone_match *grown = array_reserve(found, &capacity, count, sizeof *grown);
			if (!grown) {
				free(found);
				return SIZE_MAX;
			}
			found = grown;
			found[count].task = task;
			found[count].index = m;
			found[count].via = via;
			count++;
		}
	}
	array_sort_first(found, count, query->sorted_first ? query->sorted_first : count, sizeof *found, by_deadline);
	*matches = found;
	return count;
}

bool query_next_deadline(const struct plan *plan, const struct query *query, date_t after,
			 date_t *next, size_t *count)
{
	date_t best = 0;
	size_t same = 0;
	for (size_t t = 0; t < plan->task_count; t++) {
		const struct task *task = &plan->tasks[t];
		size_t via;
		if (!unit_filter(plan, query, task, &via))
			continue;
		for (size_t m = 0; m < task->milestone_count; m++) {
			const struct milestone *milestone = &task->milestones[m];
			date_t deadline = milestone->deadline;
			if (deadline <= after || !milestone_unit_filter(plan, query, task, milestone)
			    || (query->pending_only && milestone_is_done(plan, query, task, milestone)))
				continue;
			if (!best || deadline < best) {
				best = deadline;
				same = 1;
			} else if (deadline == best) {
				same++;
			}
		}
	}
	*next = best;
	*count = same;
	return best != 0;
}

void query_calendar(const struct plan *plan, const struct query *query, size_t counts[12], size_t done[12])
{
	memset(counts, 0, 12 * sizeof counts[0]);
	if (done)
		memset(done, 0, 12 * sizeof done[0]);
	for (size_t t = 0; t < plan->task_count; t++) {
		const struct task *task = &plan->tasks[t];
		size_t via;
		if (!unit_filter(plan, query, task, &via))
			continue;
		for (size_t m = 0; m < task->milestone_count; m++) {
			const struct milestone *milestone = &task->milestones[m];
			date_t deadline = milestone->deadline;
			if (date_year(deadline) != plan->year || !milestone_unit_filter(plan, query, task, milestone))
				continue;
			counts[date_month_number(deadline) - 1]++;
			if (done && milestone_is_done(plan, query, task, milestone))
				done[date_month_number(deadline) - 1]++;
		}
	}
}

void query_unit_task_counts(const struct plan *plan, size_t *direct, size_t *via_group)
{
	const struct unit_directory *units = plan->units;
	memset(direct, 0, units->count * sizeof *direct);
	memset(via_group, 0, units->count * sizeof *via_group);
	for (size_t t = 0; t < plan->task_count; t++) {
		const struct task *task = &plan->tasks[t];
		for (size_t u = 0; u < units->count; u++) {
			struct duty duty = task_duty(units, task, u);
			if (!duty.responsible)
				continue;
			if (duty.via == NO_GROUP)
				direct[u]++;
			else
				via_group[u]++;
		}
	}
}

size_t task_next_milestone(const struct plan *plan, const struct query *query, const struct task *task)
{
	size_t last = SIZE_MAX;
	for (size_t m = 0; m < task->milestone_count; m++) {
		const struct milestone *milestone = &task->milestones[m];
		if (!milestone_unit_filter(plan, query, task, milestone))
			continue;
		if (!milestone_is_done(plan, query, task, milestone))
			return m;
		last = m;
	}
	return last != SIZE_MAX ? last : (size_t)task->milestone_count - 1;
}

enum milestone_status status_on(date_t deadline, date_t done_on, date_t today)
{
	if (done_on)
		return done_on > deadline ? STATUS_DONE_LATE : STATUS_DONE;
	if (deadline < today)
		return STATUS_OVERDUE;
	if (date_month(deadline) == date_month(today))
		return STATUS_DUE;
	return STATUS_PENDING;
}

enum milestone_status milestone_status(const struct milestone *milestone, date_t today)
{
	return status_on(milestone->deadline, milestone->completed_on, today);
}

const char *milestone_status_name(enum milestone_status status)
{
	static const char *const names[STATUS_COUNT] = { "done", "done_late", "overdue", "due", "pending" };
	return status < STATUS_COUNT ? names[status] : "pending";
}
