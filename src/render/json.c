/*
 * json.c - cJSON encoders for the model, one per kind of object, and a
 * writer that prints arrays one element at a time. Key order is fixed by
 * the order of the cJSON_Add calls below and documented in docs/json.md.
 * All text is valid UTF-8 (checked at load), and cJSON copies bytes above
 * 0x7F as they are, so Chinese stays readable.
 */
#include "duty/json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "duty/progress.h"

/* The plan outlives every tree made from it, so its strings are referred
 * to, not copied, and the keys below are constants: a task's tree costs a
 * few allocations instead of dozens. */
static cJSON *reference(const char *text)
{
	return cJSON_CreateStringReference(text);
}

static cJSON *string_or_null(const char *text)
{
	return text && *text ? reference(text) : cJSON_CreateNull();
}

static void add(cJSON *object, const char *key, cJSON *value)
{
	if (object && value && !cJSON_AddItemToObjectCS(object, key, value))
		cJSON_Delete(value);
}

static cJSON *date_string(date_t date)
{
	char text[DATE_TEXT_SIZE];
	date_format(date, text);
	return cJSON_CreateString(text);
}

static cJSON *names_of(const struct plan *plan, const size_t *units, size_t count)
{
	cJSON *names = cJSON_CreateArray();
	for (size_t u = 0; names && u < count; u++)
		cJSON_AddItemToArray(names, reference(plan->units->units[units[u]].name));
	return names;
}

static cJSON *unit_names(const struct plan *plan, const struct task *task)
{
	return names_of(plan, task->units, task->unit_count);
}

static cJSON *date_or_null(date_t date)
{
	return date ? date_string(date) : cJSON_CreateNull();
}

/* done, done_late or pending: the task's JSON does not depend on today. */
static const char *done_status(date_t deadline, date_t done_on)
{
	return done_on ? milestone_status_name(status_on(deadline, done_on, 0)) : "pending";
}

/* Each unit the milestone governs, with where it stands. */
static cJSON *json_unit_progress(const struct plan *plan, const struct task *task, const struct milestone *milestone)
{
	cJSON *list = cJSON_CreateArray();
	size_t *leaves = plan->units ? malloc((plan->units->count + 1) * sizeof *leaves) : NULL;
	size_t count = leaves ? milestone_leaf_units(plan->units, task, milestone, leaves) : 0;
	for (size_t i = 0; list && i < count; i++) {
		struct progress progress = milestone_progress(plan->units, task, milestone, leaves[i], 0);
		cJSON *item = cJSON_CreateObject();
		add(item, "unit", reference(plan->units->units[leaves[i]].name));
		add(item, "status", reference(done_status(milestone->deadline, progress.done_on)));
		add(item, "done_on", date_or_null(progress.done_on));
		add(item, "note", string_or_null(progress.note));
		cJSON_AddItemToArray(list, item);
	}
	free(leaves);
	if (plan->units && !leaves) {
		cJSON_Delete(list);
		return NULL;
	}
	return list;
}

cJSON *json_milestone_id(const struct task *task, size_t index)
{
	char id[ITEM_ID_SIZE];
	return cJSON_CreateString(item_id_format(id, task->id, index + 1));
}

cJSON *json_milestone(const struct plan *plan, const struct task *task, const struct milestone *milestone)
{
	cJSON *object = cJSON_CreateObject();
	add(object, "id", json_milestone_id(task, (size_t)(milestone - task->milestones)));
	size_t unit_count;
	const size_t *units = milestone_units(task, milestone, &unit_count);
	add(object, "deadline", date_string(milestone->deadline));
	add(object, "phrase", string_or_null(milestone->phrase));
	add(object, "implied", cJSON_CreateBool(milestone->implied));
	add(object, "text", reference(milestone->text));
	add(object, "units", names_of(plan, units, unit_count));
	add(object, "status", reference(done_status(milestone->deadline, milestone->completed_on)));
	add(object, "done_on", date_or_null(milestone->completed_on));
	add(object, "note", string_or_null(milestone->note));
	add(object, "progress", json_unit_progress(plan, task, milestone));
	return object;
}

static cJSON *json_report(double value, date_t date, const char *note)
{
	cJSON *reported = cJSON_CreateObject();
	add(reported, "value", cJSON_CreateNumber(value));
	add(reported, "date", date_or_null(date));
	add(reported, "note", string_or_null(note));
	return reported;
}

cJSON *json_target(const struct plan *plan, const struct target *target)
{
	cJSON *object = cJSON_CreateObject();
	add(object, "metric", reference(target->metric));
	add(object, "op", reference(target_op_text(target->op)));
	add(object, "value", cJSON_CreateNumber(target->value));
	add(object, "unit", string_or_null(target->unit));
	add(object, "text", string_or_null(target->text));
	if (target->reported) {
		add(object, "reported", json_report(target->reported_value, target->reported_on, target->report_note));
		add(object, "met", cJSON_CreateBool(target_is_met(target)));
	} else {
		add(object, "reported", cJSON_CreateNull());
		add(object, "met", cJSON_CreateNull());
	}
	cJSON *reports = cJSON_CreateArray();
	for (size_t r = 0; reports && r < target->unit_report_count; r++) {
		const struct unit_report *record = &target->unit_reports[r];
		cJSON *item = cJSON_CreateObject();
		add(item, "unit", reference(plan->units->units[record->unit].name));
		json_move_fields(item, json_report(record->value, record->reported_on, record->note));
		add(item, "met", cJSON_CreateBool(target_value_meets(target, record->value)));
		cJSON_AddItemToArray(reports, item);
	}
	add(object, "reports", reports);
	return object;
}

static cJSON *via_value(const struct plan *plan, size_t via)
{
	return via == NO_GROUP ? cJSON_CreateNull() : reference(plan->units->units[via].name);
}

cJSON *json_task(const struct plan *plan, const struct task *task, bool with_via, size_t via)
{
	cJSON *object = cJSON_CreateObject();
	add(object, "id", cJSON_CreateNumber((double)task->id));
	add(object, "title", reference(task->title));
	add(object, "requirement", reference(task->requirement));
	add(object, "units", unit_names(plan, task));
	add(object, "lead_units", names_of(plan, task->lead_units, task->lead_unit_count));
	add(object, "units_text", reference(task->units_text));
	add(object, "units_etc", cJSON_CreateBool(task->units_etc));
	add(object, "deadline_text", string_or_null(task->deadline_text));
	cJSON *milestones = cJSON_CreateArray();
	for (size_t m = 0; milestones && m < task->milestone_count; m++)
		cJSON_AddItemToArray(milestones, json_milestone(plan, task, &task->milestones[m]));
	add(object, "milestones", milestones);
	cJSON *targets = cJSON_CreateArray();
	for (size_t t = 0; targets && t < task->target_count; t++)
		cJSON_AddItemToArray(targets, json_target(plan, &task->targets[t]));
	add(object, "targets", targets);
	if (plan->extra_column_count) {
		cJSON *extra = cJSON_CreateObject();
		for (size_t e = 0; extra && e < plan->extra_column_count; e++)
			add(extra, plan->extra_columns[e], reference(task->extras[e]));
		add(object, "extra", extra);
	}
	if (with_via)
		add(object, "via", via_value(plan, via));
	return object;
}

void json_add_role(cJSON *task, enum unit_role role)
{
	const char *name = unit_role_name(role);
	add(task, "role", name ? reference(name) : cJSON_CreateNull());
}

cJSON *json_due(const struct plan *plan, const struct milestone_match *match, bool with_via)
{
	const struct task *task = match->task;
	const struct milestone *milestone = &task->milestones[match->index];
	cJSON *object = cJSON_CreateObject();
	add(object, "id", json_milestone_id(task, match->index));
	add(object, "task", cJSON_CreateNumber((double)task->id));
	add(object, "milestone", cJSON_CreateNumber((double)(match->index + 1)));
	add(object, "title", reference(task->title));
	add(object, "deadline", date_string(milestone->deadline));
	add(object, "phrase", string_or_null(milestone->phrase));
	add(object, "implied", cJSON_CreateBool(milestone->implied));
	add(object, "text", reference(milestone->text));
	size_t unit_count;
	const size_t *units = milestone_units(task, milestone, &unit_count);
	add(object, "units", names_of(plan, units, unit_count));
	if (with_via)
		add(object, "via", via_value(plan, match->via));
	return object;
}

void json_move_fields(cJSON *into, cJSON *from)
{
	while (from && from->child) {
		cJSON *field = cJSON_DetachItemViaPointer(from, from->child);
		/* cJSON copies the key before freeing the old one. */
		if (!cJSON_AddItemToObject(into, field->string, field))
			cJSON_Delete(field);
	}
	cJSON_Delete(from);
}

static void print_tabs(FILE *out, int depth)
{
	for (int i = 0; i < depth; i++)
		fputc('\t', out);
}

cJSON *json_plan_about(const struct plan *plan)
{
	cJSON *about = cJSON_CreateObject();
	cJSON_AddStringToObject(about, "title", plan->title);
	cJSON_AddNumberToObject(about, "year", plan->year);
	return about;
}

bool json_print_indented(FILE *out, const cJSON *item, int depth)
{
	/* One buffer for all prints, grown when an item does not fit. */
	static char *buffer;
	static int capacity;
	if (!buffer) {
		capacity = 1 << 16;
		buffer = malloc((size_t)capacity);
	}
	while (buffer && !cJSON_PrintPreallocated((cJSON *)item, buffer, capacity, true)) {
		char *grown = capacity < (1 << 28) ? realloc(buffer, (size_t)capacity * 2) : NULL;
		if (!grown) {
			free(buffer);
			buffer = NULL;
			break;
		}
		buffer = grown;
		capacity *= 2;
	}
	if (!buffer)
		return false;
	/* cJSON escapes newlines inside strings, so every raw newline here is
	 * formatting and may take the extra indentation. */
	const char *line = buffer;
	for (const char *newline; (newline = strchr(line, '\n')) != NULL; line = newline + 1) {
		fwrite(line, 1, (size_t)(newline - line) + 1, out);
		print_tabs(out, depth);
	}
	fputs(line, out);
	return true;
}

static void begin(struct json_writer *writer, FILE *out, int depth, char open, char close)
{
	*writer = (struct json_writer){ .out = out, .depth = depth, .close = close };
	fputc(open, out);
}

void json_begin_array(struct json_writer *writer, FILE *out, int depth)
{
	begin(writer, out, depth, '[', ']');
}

void json_begin_object(struct json_writer *writer, FILE *out, int depth)
{
	begin(writer, out, depth, '{', '}');
}

/* The separator and indentation before the next member. */
static void next_member(struct json_writer *writer)
{
	fputs(writer->count++ ? ",\n" : "\n", writer->out);
	print_tabs(writer->out, writer->depth + 1);
}

void json_add_key(struct json_writer *writer, const char *key)
{
	next_member(writer);
	fprintf(writer->out, "\"%s\":\t", key);
}

static void add_item(struct json_writer *writer, cJSON *item)
{
	if (!item || !json_print_indented(writer->out, item, writer->depth + 1))
		writer->failed = true;
	cJSON_Delete(item);
}

void json_add(struct json_writer *writer, cJSON *item)
{
	next_member(writer);
	add_item(writer, item);
}

void json_add_field(struct json_writer *writer, const char *key, cJSON *item)
{
	json_add_key(writer, key);
	add_item(writer, item);
}

bool json_end(struct json_writer *writer)
{
	if (writer->count) {
		fputc('\n', writer->out);
		print_tabs(writer->out, writer->depth);
	}
	fputc(writer->close, writer->out);
	return !writer->failed;
}
