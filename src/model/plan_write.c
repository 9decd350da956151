/*
 * plan_write.c - a struct plan written as a plan file: one row per task,
 * each field taken from the model by the column table's field names, so
 * a field added to plan.h's enums and not written here fails to compile
 * (-Wswitch) instead of being lost.
 */
#include "duty/plan_write.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "duty/csvwrite.h"
#include "duty/date.h"

static void put_field(struct strbuf *out, const char *text, bool first)
{
	if (!first)
		strbuf_putc(out, ',');
	if (!text)
		text = "";
	strbuf_put_csv_field(out, text, strlen(text));
}

/* A date as the plan writes it, in scratch; "" for none. */
static const char *date_or_empty(date_t date, struct strbuf *scratch)
{
	if (!date)
		return "";
	char text[DATE_TEXT_SIZE];
	date_format(date, text);
	strbuf_puts(scratch, text);
	return strbuf_text(scratch);
}

/* Canonical names joined by ';', as the units and lead_units cells hold them. */
static const char *unit_names(struct strbuf *names, const struct unit_directory *directory, const size_t *units,
			      size_t count)
{
	for (size_t u = 0; u < count; u++) {
		strbuf_puts(names, u ? ";" : "");
		strbuf_puts(names, directory->units[units[u]].name);
	}
	return strbuf_text(names);
}

/* The text of one field of an item, a model string or built in scratch
 * (empty when called). */
typedef const char *(*field_text)(const struct plan *plan, const struct task *task, const void *item, size_t field,
				  struct strbuf *scratch);

static const char *milestone_field(const struct plan *plan, const struct task *task, const void *item, size_t field,
				   struct strbuf *scratch)
{
	const struct milestone *milestone = item;
	switch ((enum milestone_field)field) {
	case MILESTONE_DEADLINE:
		return date_or_empty(milestone->deadline, scratch);
	case MILESTONE_PHRASE:
		return milestone->phrase;
	case MILESTONE_IMPLIED:
		return milestone->implied ? "1" : "0";
	case MILESTONE_TEXT:
		return milestone_text_string(task, milestone, scratch);
	case MILESTONE_UNITS:   /* none: the task's */
		return unit_names(scratch, plan->units, milestone->units, milestone->units ? milestone->unit_count : 0);
	case MILESTONE_DONE_ON:
		return date_or_empty(milestone->progress->done_on, scratch);
	case MILESTONE_NOTE:
		return milestone->progress->note;
	case MILESTONE_UNITS_DONE:
		return milestone->progress->units_done;
	case MILESTONE_FIELDS:
		break;
	}
	return "";
}

static const char *target_field(const struct plan *plan, const struct task *task, const void *item, size_t field,
				struct strbuf *scratch)
{
	(void)plan;
	const struct target *target = item;
	switch ((enum target_field)field) {
	case TARGET_METRIC:
		return target->metric;
	case TARGET_OP:
		return target_op_text(target->op);
	case TARGET_VALUE:
		return target->value_text;
	case TARGET_UNIT:
		return target->unit;
	case TARGET_TEXT:
		return target_text_string(task, target, scratch);
	case TARGET_REPORTED:
		return target->progress->reported ? target->progress->reported_text : "";
	case TARGET_REPORTED_ON:
		return date_or_empty(target->progress->reported_on, scratch);
	case TARGET_NOTE:
		return target->progress->report_note;
	case TARGET_UNITS_REPORTED:
		return target->progress->units_reported;
	case TARGET_FIELDS:
		break;
	}
	return "";
}

/* A task's milestones or its targets: one writer for both kinds of
 * column group. */
struct group_items {
	const char *items;
	size_t count, stride;
	size_t group_offset;       /* of the item's column_group */
	size_t field_count;
	field_text field;
};

static struct group_items milestones_of(const struct task *task)
{
	return (struct group_items){ (const char *)task->milestones, task->milestone_count, sizeof(struct milestone),
				     offsetof(struct milestone, column_group), MILESTONE_FIELDS, milestone_field };
}

static struct group_items targets_of(const struct task *task)
{
	return (struct group_items){ (const char *)task->targets, task->target_count, sizeof(struct target),
				     offsetof(struct target, column_group), TARGET_FIELDS, target_field };
}

/* The column group of item i: its own number, or the one after the item
 * before (previous). */
static unsigned group_of(const struct group_items *list, size_t i, unsigned previous)
{
	unsigned number;
	memcpy(&number, list->items + i * list->stride + list->group_offset, sizeof number);
	return number ? number : previous + 1;
}

static unsigned last_group(const struct group_items *list)
{
	unsigned group = 0;
	for (size_t i = 0; i < list->count; i++)
		group = group_of(list, i, group);
	return group;
}

/* How many column groups of each kind the plan needs. */
static void count_groups(const struct plan *plan, unsigned *milestone_groups, unsigned *target_groups)
{
	*milestone_groups = 1;   /* the loader needs the columns of one at least */
	*target_groups = 0;
	for (size_t t = 0; t < plan->task_count; t++) {
		struct group_items milestones = milestones_of(&plan->tasks[t]);
		struct group_items targets = targets_of(&plan->tasks[t]);
		unsigned last = last_group(&milestones);
		if (last > *milestone_groups)
			*milestone_groups = last;
		last = last_group(&targets);
		if (last > *target_groups)
			*target_groups = last;
	}
}

static void write_group_names(struct strbuf *out, const struct group_layout *layout, unsigned groups)
{
	struct strbuf name = STRBUF_INIT;
	for (unsigned g = 1; g <= groups; g++)
		for (size_t f = 0; f < layout->field_count; f++) {
			strbuf_clear(&name);
			group_column_name(&name, layout, g, f);
			put_field(out, strbuf_text(&name), false);
		}
	out->failed = out->failed || name.failed;
	strbuf_free(&name);
}

static void write_header(struct strbuf *out, const struct plan *plan, unsigned milestone_groups,
			 unsigned target_groups)
{
	strbuf_puts(out, "\xEF\xBB\xBF");
	put_field(out, PLAN_TITLE_KEY, true);
	put_field(out, plan->title, false);
	strbuf_printf(out, "\n%s,%d\n", PLAN_YEAR_KEY, plan->year);
	for (int c = 0; c < PLAN_COLUMN_COUNT; c++)
		put_field(out, plan_columns[c].names[0], c == 0);
	write_group_names(out, &milestone_layout, milestone_groups);
	write_group_names(out, &target_layout, target_groups);
	for (size_t e = 0; e < plan->extra_column_count; e++)
		put_field(out, plan->extra_columns[e], false);
	strbuf_putc(out, '\n');
}

static void write_task_columns(struct strbuf *out, const struct plan *plan, const struct task *task)
{
	struct strbuf units = STRBUF_INIT, leads = STRBUF_INIT;
	unit_names(&units, plan->units, task->units, task->unit_count);
	unit_names(&leads, plan->units, task->lead_units, task->lead_unit_count);
	char id[24];
	snprintf(id, sizeof id, "%ld", task->id);
	const char *fixed[PLAN_COLUMN_COUNT] = {
		[PLAN_ID] = id,
		[PLAN_TITLE] = task->title,
		[PLAN_REQUIREMENT] = task->requirement,
		[PLAN_UNITS_TEXT] = task->units_text,
		[PLAN_UNITS] = strbuf_text(&units),
		[PLAN_UNITS_ETC] = task->units_etc ? "1" : "0",
		[PLAN_LEAD_UNITS] = strbuf_text(&leads),
		[PLAN_DEADLINE_TEXT] = task->deadline_text,
	};
	for (int c = 0; c < PLAN_COLUMN_COUNT; c++)
		put_field(out, fixed[c], c == 0);
	out->failed = out->failed || units.failed || leads.failed;
	strbuf_free(&units);
	strbuf_free(&leads);
}

/* The cells of groups 1..groups, empty where the task has no item. */
static void write_groups(struct strbuf *out, const struct plan *plan, const struct task *task,
			 const struct group_items *list, unsigned groups)
{
	struct strbuf scratch = STRBUF_INIT;
	size_t next = 0;
	unsigned group = 0;
	for (unsigned g = 1; g <= groups; g++) {
		const void *item = NULL;
		if (next < list->count && group_of(list, next, group) == g) {
			item = list->items + next++ * list->stride;
			group = g;
		}
		for (size_t f = 0; f < list->field_count; f++) {
			strbuf_clear(&scratch);
			put_field(out, item ? list->field(plan, task, item, f, &scratch) : "", false);
		}
	}
	out->failed = out->failed || scratch.failed;
	strbuf_free(&scratch);
}

bool plan_write(const struct plan *plan, struct strbuf *out)
{
	unsigned milestone_groups, target_groups;
	count_groups(plan, &milestone_groups, &target_groups);
	write_header(out, plan, milestone_groups, target_groups);
	for (size_t t = 0; t < plan->task_count && !out->failed; t++) {
		const struct task *task = &plan->tasks[t];
		write_task_columns(out, plan, task);
		struct group_items milestones = milestones_of(task), targets = targets_of(task);
		write_groups(out, plan, task, &milestones, milestone_groups);
		write_groups(out, plan, task, &targets, target_groups);
		for (size_t e = 0; e < plan->extra_column_count; e++)
			put_field(out, task->extras[e], false);
		strbuf_putc(out, '\n');
	}
	return !out->failed;
}
