/*
 * plan.c - the model of a plan and the layout of its file: one table of
 * column names that the loader reads and the edits write, and what a
 * target's op means.
 */
#include "duty/plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duty/i18n.h"
#include "duty/names.h"
#include "duty/text.h"

const struct column_name plan_columns[PLAN_COLUMN_COUNT] = {
	[PLAN_ID] = { { "id", "序号", NULL } },
	[PLAN_TITLE] = { { "title", "重点工作", NULL } },
	[PLAN_REQUIREMENT] = { { "requirement", "年度进度要求", NULL } },
	[PLAN_UNITS_TEXT] = { { "units_text", "责任单位", NULL } },
	[PLAN_UNITS] = { { "units", "责任单位（规范名称）", NULL } },
	[PLAN_UNITS_ETC] = { { "units_etc", NULL } },
	[PLAN_LEAD_UNITS] = { { "lead_units", "牵头单位（规范名称）", NULL } },
	[PLAN_DEADLINE_TEXT] = { { "deadline_text", "完成时限", NULL } },
};

/* The fields of a numbered group. The first ones define the milestone or
 * target; the last ones record progress. */
static const char *const milestone_fields[MILESTONE_FIELDS] = { "deadline", "phrase", "implied", "text", "units",
								"done_on", "note", "units_done" };
static const char *const target_fields[TARGET_FIELDS] = { "metric", "op", "value", "unit", "text",
							  "reported", "reported_on", "note", "units_reported" };

const struct group_layout milestone_layout = { "milestone", milestone_fields, MILESTONE_FIELDS,
					       MILESTONE_DEFINITION };
const struct group_layout target_layout = { "target", target_fields, TARGET_FIELDS, TARGET_DEFINITION };

/* Memory per task (issue 14): a plan of a million tasks holds some 2.5
 * million milestones and 3 million targets, so a field added to these
 * costs megabytes; a change that makes one bigger must say so here. */
_Static_assert(sizeof(struct milestone) <= 48, "struct milestone grew (memory per task, issue 14)");
_Static_assert(sizeof(struct target) <= 56, "struct target grew (memory per task, issue 14)");
_Static_assert(sizeof(struct task) <= 96, "struct task grew (memory per task, issue 14)");

const struct milestone_record milestone_record_none = { .note = "", .units_done = "" };
const struct target_record target_record_none = { .reported_text = "", .report_note = "", .units_reported = "" };

/* Whether text[0..length) is name, ignoring ASCII case. */
static bool same_letters(const char *text, size_t length, const char *name)
{
	return strlen(name) == length && column_name_equals(text, length, name);
}

bool group_column_parse(const struct group_layout *set, const char *name, size_t length, unsigned *number,
			size_t *field)
{
	const char *text = name;
	length = text_trim(&text, length);
	size_t prefix_length = strlen(set->prefix);
	if (length <= prefix_length || !same_letters(text, prefix_length, set->prefix))
		return false;
	size_t digits = prefix_length;
	while (digits < length && text[digits] >= '0' && text[digits] <= '9')
		digits++;
	if (digits == prefix_length || digits >= length || text[digits] != '_')
		return false;
	const char *rest = text + digits + 1;
	size_t rest_length = length - digits - 1;
	for (size_t f = 0; f < set->field_count; f++) {
		if (same_letters(rest, rest_length, set->fields[f])) {
			/* The one number parser: "01" is 1; 0 or too many digits is
			 * a group column with a number no group can have. */
			if (!item_number_parse(text + prefix_length, digits - prefix_length, number))
				*number = 0;
			*field = f;
			return true;
		}
	}
	return false;
}

bool group_column_same(const char *a, size_t a_length, const char *b, size_t b_length)
{
	const struct group_layout *layouts[] = { &milestone_layout, &target_layout };
	for (size_t l = 0; l < 2; l++) {
		unsigned a_number, b_number;
		size_t a_field, b_field;
		bool a_is = group_column_parse(layouts[l], a, a_length, &a_number, &a_field);
		bool b_is = group_column_parse(layouts[l], b, b_length, &b_number, &b_field);
		if (a_is || b_is)
			return a_is && b_is && a_number && a_number == b_number && a_field == b_field;
	}
	const char *trimmed = b;
	b_length = text_trim(&trimmed, b_length);
	char *copy = strndup(trimmed, b_length);
	bool same = copy && column_name_equals(a, a_length, copy);
	free(copy);
	return same;
}

void group_column_name(struct strbuf *out, const struct group_layout *layout, unsigned number, size_t field)
{
	/* "%s%u_%s" without printf: a header names some sixty of these. */
	char digits[3 * sizeof number];
	size_t count = 0;
	do {
		digits[sizeof digits - ++count] = (char)('0' + number % 10);
		number /= 10;
	} while (number);
	strbuf_puts(out, layout->prefix);
	strbuf_append(out, digits + sizeof digits - count, count);
	strbuf_putc(out, '_');
	strbuf_puts(out, layout->fields[field]);
}

bool plan_column_name_is_taken(const char *name, size_t length)
{
	for (int c = 0; c < PLAN_COLUMN_COUNT; c++)
		for (size_t n = 0; plan_columns[c].names[n]; n++)
			if (column_name_equals(name, length, plan_columns[c].names[n]))
				return true;
	unsigned number;
	size_t field;
	return group_column_parse(&milestone_layout, name, length, &number, &field)
	       || group_column_parse(&target_layout, name, length, &number, &field)
	       || column_name_equals(name, length, PLAN_TITLE_KEY) || column_name_equals(name, length, PLAN_YEAR_KEY);
}

bool target_op_parse(const char *text, size_t length, enum target_op *op)
{
	if (length == 2 && text[1] == '=' && (text[0] == '>' || text[0] == '<')) {   /* what duty writes */
		*op = text[0] == '>' ? TARGET_AT_LEAST : TARGET_AT_MOST;
		return true;
	}
	static const struct {
		const char *text;
		enum target_op op;
	} ops[] = {
		{ ">=", TARGET_AT_LEAST }, { "≥", TARGET_AT_LEAST }, { "<=", TARGET_AT_MOST },
		{ "≤", TARGET_AT_MOST },  { "=", TARGET_EQUAL },     { "==", TARGET_EQUAL },
		{ "＝", TARGET_EQUAL },
	};
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (column_name_equals(text, length, ops[i].text)) {
			*op = ops[i].op;
			return true;
		}
	return false;
}

bool target_value_meets(const struct target *target, double value)
{
	/* A bare number ("创建放心示范餐饮店340家") is a quantity to reach:
	 * building 352 meets it. */
	if (target->op == TARGET_AT_MOST)
		return value <= target->value;
	return value >= target->value;
}

bool target_is_met(const struct target *target)
{
	return target_value_meets(target, target->progress->reported_value);
}

const char *target_op_text(enum target_op op)
{
	switch (op) {
	case TARGET_AT_LEAST:
		return ">=";
	case TARGET_AT_MOST:
		return "<=";
	case TARGET_EQUAL:
		break;
	}
	return "=";
}

void plan_free(struct plan *plan)
{
	if (!plan)
		return;
	free(plan->tasks);
	arena_free(&plan->arena);
	free(plan);
}

const struct task *plan_find_task(const struct plan *plan, long id)
{
	size_t low = 0, high = plan->task_count;
	while (low < high) {
		size_t middle = low + (high - low) / 2;
		const struct task *task = &plan->tasks[plan->id_order ? plan->id_order[middle] : middle];
		if (task->id == id)
			return task;
		if (task->id < id)
			low = middle + 1;
		else
			high = middle;
	}
	return NULL;
}

const struct task *plan_find_item(const struct plan *plan, long id, unsigned milestone, struct diagnostics *diag)
{
	const struct task *task = plan_find_task(plan, id);
	if (!task) {
		diag_error(diag, NULL, 0, NULL, _("there is no task %ld in %s; `duty list` shows the tasks"), id,
			   plan->file);
		return NULL;
	}
	if (milestone > task->milestone_count) {
		if (task->milestone_count == 1)
			diag_error(diag, NULL, 0, NULL, _("task %ld has one milestone, %ld.1; there is no %ld.%u"), id,
				   id, id, milestone);
		else
			diag_error(diag, NULL, 0, NULL, _("task %ld has %zu milestones, %ld.1 to %ld.%zu; there is no %ld.%u"),
				   id, (size_t)task->milestone_count, id, id, (size_t)task->milestone_count, id,
				   milestone);
		return NULL;
	}
	return task;
}

size_t plan_milestone_count(const struct plan *plan)
{
	size_t count = 0;
	for (size_t t = 0; t < plan->task_count; t++)
		count += plan->tasks[t].milestone_count;
	return count;
}

size_t plan_target_count(const struct plan *plan)
{
	size_t count = 0;
	for (size_t t = 0; t < plan->task_count; t++)
		count += plan->tasks[t].target_count;
	return count;
}

const char *milestone_text_string(const struct task *task, const struct milestone *milestone, struct strbuf *scratch)
{
	struct field_text text = milestone_text(task, milestone);
	return strbuf_set(scratch, text.text, text.length);
}

const char *target_text_string(const struct task *task, const struct target *target, struct strbuf *scratch)
{
	struct field_text text = target_text(task, target);
	return strbuf_set(scratch, text.text, text.length);
}
