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

static bool find_item(const struct plan *plan, const struct history_entry *entry, struct item_progress *item)
{
	const struct task *task = plan_find_task(plan, entry->task);
	if (!task)
		return false;
	if (entry->milestone) {
		if (entry->milestone > task->milestone_count)
			return false;
		const struct milestone *milestone = &task->milestones[entry->milestone - 1];
		*item = (struct item_progress){ milestone->done_on, "", milestone->note };
		return true;
	}
	if (!entry->target || entry->target > task->target_count)
		return false;
	const struct target *target = &task->targets[entry->target - 1];
	*item = (struct item_progress){ target->reported_on, target->reported ? target->reported_text : "",
					target->report_note };
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

/* "8.1" for a milestone, "12 target 1" for a target. */
static void item_name(char text[48], const struct history_entry *entry)
{
	if (entry->milestone)
		snprintf(text, 48, "%ld.%u", entry->task, entry->milestone);
	else
		snprintf(text, 48, _("%ld target %u"), entry->task, entry->target);
}

static void item_key(char key[48], long task, unsigned milestone, unsigned target)
{
	snprintf(key, 48, "%ld%c%u", task, milestone ? 'm' : 't', milestone ? milestone : target);
}

/* Progress an item has with no record behind it. */
static size_t check_unrecorded(const struct plan *plan, const struct name_index *last, const char *history_file,
			       struct diagnostics *diag)
{
	size_t disagreements = 0;
	char key[48];
	for (size_t t = 0; t < plan->task_count; t++) {
		const struct task *task = &plan->tasks[t];
		for (size_t m = 0; m < task->milestone_count; m++) {
			item_key(key, task->id, (unsigned)m + 1, 0);
			if (!task->milestones[m].done_on || name_index_get(last, key, strlen(key)) != SIZE_MAX)
				continue;
			char on[DATE_TEXT_SIZE];
			date_format(task->milestones[m].done_on, on);
			diag_warning(diag, history_file, 0, NULL,
				     _("the plan has %ld.%zu done on %s, but no record of the history set it (typed "
				       "by hand?)"),
				     task->id, m + 1, on);
			disagreements++;
		}
		for (size_t k = 0; k < task->target_count; k++) {
			item_key(key, task->id, 0, (unsigned)k + 1);
			if (!task->targets[k].reported || name_index_get(last, key, strlen(key)) != SIZE_MAX)
				continue;
			diag_warning(diag, history_file, 0, NULL,
				     _("the plan has %s reported for task %ld target %zu, but no record of the history "
				       "set it (typed by hand?)"),
				     task->targets[k].reported_text, task->id, k + 1);
			disagreements++;
		}
	}
	return disagreements;
}

size_t journal_check(const struct plan *plan, const struct history *history, const char *history_file,
		     struct diagnostics *diag)
{
	/* The last record in effect for each item; its values must be the
	 * plan's. */
	struct name_index *last = name_index_new(history->count + 1);
	char (*keys)[48] = malloc((history->count + 1) * sizeof *keys);
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
		item_key(keys[i], entry->task, entry->milestone, entry->target);
		if (!name_index_put(last, keys[i], strlen(keys[i]), i))
			diag_memory_error(diag, history_file, 0, _("out of memory"));
	}
	size_t disagreements = 0;
	for (size_t i = 0; i < history->count; i++) {
		const struct history_entry *entry = &history->entries[i];
		char key[48], name[48];
		item_key(key, entry->task, entry->milestone, entry->target);
		if (name_index_get(last, key, strlen(key)) != i)
			continue;
		struct item_progress item;
		item_name(name, entry);
		if (!find_item(plan, entry, &item)) {
			diag_warning(diag, history_file, entry->line, NULL,
				     _("this change (%s) is about %s, which the plan does not have"), entry->action, name);
			disagreements++;
		} else if (!journal_plan_holds(plan, entry, false)) {
			diag_warning(diag, history_file, entry->line, NULL,
				     _("the plan and its history disagree about %s: the last change in effect (%s, line "
				       "%ld) is not what the plan holds"),
				     name, entry->action, entry->line);
			disagreements++;
		}
	}
	disagreements += check_unrecorded(plan, last, history_file, diag);
	name_index_free(last);
	free(keys);
	return disagreements;
}
