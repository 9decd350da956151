/*
 * journal.c - what the plan holds, per history record: the decision for
 * a record left pending by a crash, and the agreement `duty check` looks
 * for. An item's progress cells are compared as values: dates as dates,
 * reported values as numbers, notes as text.
 */
#include "duty/journal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duty/array.h"
#include "duty/date.h"
#include "duty/itemid.h"
#include "duty/names.h"
#include "duty/text.h"
#include "duty/i18n.h"

/* The progress cells of the item a record is about. */
struct item_progress {
	date_t on;
	const char *value;
	const char *note;
};

/* The unit whose own record an entry is about (SIZE_MAX: the whole
 * item); false when the unit directory does not know it. */
static bool entry_unit(const struct plan *plan, const struct history_entry *entry, size_t *unit)
{
	*unit = SIZE_MAX;
	if (!entry->unit || !entry->unit[0])
		return true;
	if (plan->units)
		*unit = units_find(plan->units, entry->unit, strlen(entry->unit));
	return *unit != SIZE_MAX;
}

/* A unit's own line of a milestone or target ({0, "", ""} when it has none). */
static struct item_progress unit_line(const struct milestone *milestone, const struct target *target, size_t unit)
{
	for (size_t r = 0; milestone && r < milestone->progress->unit_record_count; r++) {
		const struct unit_done *line = &milestone->progress->unit_records[r];
		if (line->unit == unit)
			return (struct item_progress){ line->done_on, "", line->note };
	}
	for (size_t r = 0; target && r < target->progress->unit_report_count; r++) {
		const struct unit_report *line = &target->progress->unit_reports[r];
		if (line->unit == unit)
			return (struct item_progress){ line->reported_on, line->value_text, line->note };
	}
	return (struct item_progress){ 0, "", "" };
}

static bool find_item(const struct plan *plan, const struct history_entry *entry, struct item_progress *item)
{
	const struct task *task = plan_find_task(plan, entry->task);
	size_t unit;
	if (!task || !entry_unit(plan, entry, &unit))
		return false;
	if (entry->milestone) {
		if (entry->milestone > task->milestone_count)
			return false;
		const struct milestone *milestone = &task->milestones[entry->milestone - 1];
		const struct milestone_record *whole = milestone->progress;
		*item = unit != SIZE_MAX ? unit_line(milestone, NULL, unit)
					 : (struct item_progress){ whole->done_on, "", whole->note };
		return true;
	}
	if (!entry->target || entry->target > task->target_count)
		return false;
	const struct target *target = &task->targets[entry->target - 1];
	const struct target_record *whole = target->progress;
	*item = unit != SIZE_MAX ? unit_line(NULL, target, unit)
				 : (struct item_progress){ whole->reported_on,
							   whole->reported ? whole->reported_text : "",
							   whole->report_note };
	return true;
}

static bool same_value(const char *a, const char *b)
{
	double x, y;
	if (strcmp(a, b) == 0)
		return true;
	return text_parse_decimal(a, strlen(a), &x) && text_parse_decimal(b, strlen(b), &y) && x == y;
}

static bool holds(const struct item_progress *item, const char *value, const char *on, const char *note)
{
	date_t date = 0;
	if (on[0] && !date_parse(on, strlen(on), &date))
		return false;
	return item->on == date && same_value(item->value, value) && strcmp(item->note, note) == 0;
}

bool journal_plan_holds(const struct plan *plan, const struct history_entry *entry, bool old)
{
	struct item_progress item;
	if (!find_item(plan, entry, &item))
		return false;
	return old ? holds(&item, entry->old_value, entry->old_on, entry->old_note)
		   : holds(&item, entry->value, entry->on, entry->note);
}

bool journal_reconcile(const char *history_file, struct history *history, const struct plan *plan,
		       const char *like, struct diagnostics *diag)
{
	long *applied = NULL, *aborted = NULL;
	size_t applied_count = 0, aborted_count = 0;
	bool ok = true;
	for (size_t i = 0; i < history->count; i++) {
		const struct history_entry *entry = &history->entries[i];
		if (entry->state != HISTORY_PENDING)
			continue;
		if (!applied) {
			applied = malloc(history->count * sizeof *applied);
			aborted = malloc(history->count * sizeof *aborted);
			if (!applied || !aborted) {
				ok = false;
				diag_memory_error(diag, history_file, 0, _("out of memory"));
				break;
			}
		}
		/* The plan is replaced only after its records are written, so a
		 * plan that holds what the record set was replaced. */
		if (journal_plan_holds(plan, entry, false))
			applied[applied_count++] = entry->record;
		else
			aborted[aborted_count++] = entry->record;
	}
	ok = ok && history_mark(history_file, history, like, applied, applied_count, HISTORY_APPLIED, diag)
	     && history_mark(history_file, history, like, aborted, aborted_count, HISTORY_ABORTED, diag);
	free(applied);
	free(aborted);
	return ok;
}

enum { ITEM_KEY_SIZE = 192 };

/* "8.1" for a milestone, "12 target 1" for a target, and the unit of a
 * unit's own record. */
static void item_name(char text[ITEM_KEY_SIZE], const struct history_entry *entry)
{
	if (entry->milestone)
		snprintf(text, ITEM_KEY_SIZE, "%ld.%u", entry->task, entry->milestone);
	else
		snprintf(text, ITEM_KEY_SIZE, _("%ld target %u"), entry->task, entry->target);
	if (entry->unit && entry->unit[0]) {
		size_t length = strlen(text);
		snprintf(text + length, ITEM_KEY_SIZE - length, " %s", entry->unit);
	}
}

/* One key per item and per unit's own record of it. */
static void item_key(char key[ITEM_KEY_SIZE], long task, unsigned milestone, unsigned target, const char *unit)
{
	snprintf(key, ITEM_KEY_SIZE, "%ld%c%u %s", task, milestone ? 'm' : 't', milestone ? milestone : target,
		 unit ? unit : "");
}

static bool recorded(const struct name_index *last, long task, unsigned milestone, unsigned target, const char *unit)
{
	char key[ITEM_KEY_SIZE];
	item_key(key, task, milestone, target, unit);
	return name_index_get(last, key, strlen(key)) != SIZE_MAX;
}

/* A milestone done, as a whole or by a unit's own line, with no record
 * behind it. */
static size_t check_unrecorded_milestone(const struct plan *plan, const struct task *task, size_t m,
					 const struct name_index *last, const char *history_file,
					 struct diagnostics *diag)
{
	const struct milestone_record *progress = task->milestones[m].progress;
	size_t disagreements = 0;
	char on[DATE_TEXT_SIZE];
	if (progress->done_on && !recorded(last, task->id, (unsigned)m + 1, 0, "")) {
		date_format(progress->done_on, on);
		diag_warning(diag, history_file, 0, NULL,
			     _("the plan has %ld.%zu done on %s, but no record of the history set it (typed "
			       "by hand?)"),
			     task->id, m + 1, on);
		disagreements++;
	}
	for (size_t r = 0; r < progress->unit_record_count; r++) {
		const char *unit = plan->units->units[progress->unit_records[r].unit].name;
		if (recorded(last, task->id, (unsigned)m + 1, 0, unit))
			continue;
		date_format(progress->unit_records[r].done_on, on);
		diag_warning(diag, history_file, 0, NULL,
			     _("the plan has %ld.%zu done for %s on %s, but no record of the history set it (typed "
			       "by hand?)"),
			     task->id, m + 1, unit, on);
		disagreements++;
	}
	return disagreements;
}

/* A target reported, as a whole or by a unit's own line, with no record
 * behind it. */
static size_t check_unrecorded_target(const struct plan *plan, const struct task *task, size_t k,
				      const struct name_index *last, const char *history_file,
				      struct diagnostics *diag)
{
	const struct target_record *progress = task->targets[k].progress;
	size_t disagreements = 0;
	if (progress->reported && !recorded(last, task->id, 0, (unsigned)k + 1, "")) {
		diag_warning(diag, history_file, 0, NULL,
			     _("the plan has %s reported for task %ld target %zu, but no record of the history "
			       "set it (typed by hand?)"),
			     progress->reported_text, task->id, k + 1);
		disagreements++;
	}
	for (size_t r = 0; r < progress->unit_report_count; r++) {
		const char *unit = plan->units->units[progress->unit_reports[r].unit].name;
		if (recorded(last, task->id, 0, (unsigned)k + 1, unit))
			continue;
		diag_warning(diag, history_file, 0, NULL,
			     _("the plan has %s reported by %s for task %ld target %zu, but no record of the "
			       "history set it (typed by hand?)"),
			     progress->unit_reports[r].value_text, unit, task->id, k + 1);
		disagreements++;
	}
	return disagreements;
}

/* Progress an item has with no record behind it. */
static size_t check_unrecorded(const struct plan *plan, const struct name_index *last, const char *history_file,
			       struct diagnostics *diag)
{
	size_t disagreements = 0;
	for (size_t t = 0; t < plan->task_count; t++) {
		const struct task *task = &plan->tasks[t];
		for (size_t m = 0; m < task->milestone_count; m++)
			disagreements += check_unrecorded_milestone(plan, task, m, last, history_file, diag);
		for (size_t k = 0; k < task->target_count; k++)
			disagreements += check_unrecorded_target(plan, task, k, last, history_file, diag);
	}
	return disagreements;
}

size_t journal_check(const struct plan *plan, const struct history *history, const char *history_file,
		     struct diagnostics *diag)
{
	/* The last record in effect for each item; its values must be the
	 * plan's. */
	struct name_index *last = name_index_new(history->count + 1);
	char (*keys)[ITEM_KEY_SIZE] = malloc((history->count + 1) * sizeof *keys);
	if (!last || !keys) {
		name_index_free(last);
		free(keys);
		diag_memory_error(diag, history_file, 0, _("out of memory"));
		return 0;
	}
	for (size_t i = 0; i < history->count; i++) {
		const struct history_entry *entry = &history->entries[i];
		bool effective = entry->state == HISTORY_APPLIED
				 || (entry->state == HISTORY_PENDING && journal_plan_holds(plan, entry, false));
		if (!effective)
			continue;
		item_key(keys[i], entry->task, entry->milestone, entry->target, entry->unit);
		if (!name_index_put(last, keys[i], strlen(keys[i]), i))
			diag_memory_error(diag, history_file, 0, _("out of memory"));
	}
	size_t disagreements = 0;
	for (size_t i = 0; i < history->count; i++) {
		const struct history_entry *entry = &history->entries[i];
		char key[ITEM_KEY_SIZE], name[ITEM_KEY_SIZE];
		if (entry->unit && entry->unit[0] && !plan->units)
			continue;   /* without the unit directory, a unit's line cannot be found */
		item_key(key, entry->task, entry->milestone, entry->target, entry->unit);
		if (name_index_get(last, key, strlen(key)) != i)
			continue;
		struct item_progress item;
		item_name(name, entry);
		if (!find_item(plan, entry, &item)) {
			diag_warning(diag, history_file, entry->line, NULL,
				     _("this change (%s) is about %s, which the plan does not have"),
				     history_action_name(entry->action), name);
			disagreements++;
		} else if (!journal_plan_holds(plan, entry, false)) {
			diag_warning(diag, history_file, entry->line, NULL,
				     _("the plan and its history disagree about %s: the last change in effect (%s, line "
				       "%ld) is not what the plan holds"),
				     name, history_action_name(entry->action), entry->line);
			disagreements++;
		}
	}
	disagreements += check_unrecorded(plan, last, history_file, diag);
	name_index_free(last);
	free(keys);
	return disagreements;
}
