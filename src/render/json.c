/*
 * json.c - cJSON encoders for the model, one per kind of object, and a
 * writer that prints arrays one element at a time. Key order is fixed by
 * the order of the cJSON_Add calls below and documented in docs/json.md.
 * All text is valid UTF-8 (checked at load), and cJSON copies bytes above
 * 0x7F as they are, so Chinese stays readable.
 */
#include "duty/json.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "duty/arena.h"
#include "duty/progress.h"

/* --- allocations ------------------------------------------------------------

   cJSON says an allocation failed only by what a call returns, and an
   object whose member could not be added is still printed, without it. Its
   allocations go through json_allocate, which remembers a failure, so the
   CLI ends as out of memory (exit 6) rather than print such an object as
   if whole. */

static bool ran_out;

static void *json_allocate(size_t size)
{
	void *memory = malloc(size);
	if (!memory)
		ran_out = true;
	return memory;
}

void json_init(void)
{
	cJSON_InitHooks(&(cJSON_Hooks){ .malloc_fn = json_allocate, .free_fn = free });
}

bool json_ran_out(void)
{
	return ran_out;
}

/* --- the nodes of one element --------------------------------------------

   The element being encoded (a task, a milestone of a due list) is a tree
   of cJSON items taken, with its short texts (dates, ids, numbers), from
   one arena reset after each element: it settles at a block that holds an
   element, so encoding costs no malloc or free and no cJSON_Delete. The
   plan outlives every tree made from it, so its strings are referred to,
   not copied, and keys are constants. A streamed element is printed
   straight from these nodes (json_add_task, json_add_due), where a
   progress entry with nothing recorded is text cJSON printed before (see
   pending_entry); a tree handed to a caller (json_task, ...) is a copy of
   them in malloc'd items (cJSON_Duplicate), which the caller frees with
   cJSON_Delete. */

static struct {
	struct arena arena;                      /* the element's nodes and short texts */
	size_t *leaves;                          /* a milestone's units, for its progress */
	size_t leaf_capacity;
	bool failed;                             /* out of memory while encoding */
} pool;

/* Makes every node and text of the pool free for the next element. */
static void pool_reset(void)
{
	arena_reset(&pool.arena);
	pool.failed = false;
}

static cJSON *node(int type)
{
	cJSON *item = arena_alloc(&pool.arena, sizeof *item);
	if (!item) {
		pool.failed = true;
		return NULL;
	}
	*item = (cJSON){ .type = type };
	return item;
}

/* Room for a text of length bytes and its NUL, valid until the reset. */
static char *text_room(size_t length)
{
	char *room = arena_alloc(&pool.arena, length + 1);
	if (!room)
		pool.failed = true;
	return room;
}

static void append(cJSON *array, cJSON *item)
{
	if (!array || !item) {
		pool.failed = true;
		return;
	}
	/* As cJSON keeps a list: the first child's prev is the last one. */
	if (!array->child) {
		array->child = item;
		item->prev = item;
	} else {
		cJSON *last = array->child->prev;
		last->next = item;
		item->prev = last;
		array->child->prev = item;
	}
}

static void add(cJSON *object, const char *key, cJSON *value)
{
	if (value) {
		value->string = (char *)key;
		value->type |= cJSON_StringIsConst;
	}
	append(object, value);
}

static cJSON *reference(const char *text)
{
	cJSON *item = node(cJSON_String | cJSON_IsReference);
	if (item)
		item->valuestring = (char *)text;
	return item;
}

static cJSON *null_value(void)
{
	return node(cJSON_NULL);
}

static cJSON *string_or_null(const char *text)
{
	return text && *text ? reference(text) : null_value();
}

/* Words that are not NUL-terminated (a part of a requirement), as a
 * string. */
static cJSON *words(struct field_text part)
{
	char *text = text_room(part.length);
	if (!text)
		return NULL;
	memcpy(text, part.text, part.length);
	text[part.length] = '\0';
	return reference(text);
}

static cJSON *words_or_null(struct field_text part)
{
	return part.length ? words(part) : null_value();
}

static cJSON *boolean(bool value)
{
	return node(value ? cJSON_True : cJSON_False);
}

/* Text printed as it is: a number already written as JSON. */
static cJSON *raw(const char *text)
{
	cJSON *item = node(cJSON_Raw | cJSON_IsReference);
	if (item)
		item->valuestring = (char *)text;
	return item;
}

/* A number cJSON prints itself (as cJSON_CreateNumber makes it). */
static cJSON *number(double value)
{
	cJSON *item = node(cJSON_Number);
	if (item) {
		item->valuedouble = value;
		item->valueint = value >= INT_MAX ? INT_MAX : value <= (double)INT_MIN ? INT_MIN : (int)value;
	}
	return item;
}

/* A whole number (ids, milestone numbers), its digits written here. */
static cJSON *whole(long value)
{
	char digits[24];
	size_t length = 0;
	unsigned long magnitude = value < 0 ? 0UL - (unsigned long)value : (unsigned long)value;
	do {
		digits[length++] = (char)('0' + magnitude % 10);
		magnitude /= 10;
	} while (magnitude);
	if (value < 0)
		digits[length++] = '-';
	char *text = text_room(length);
	if (!text)
		return NULL;
	for (size_t i = 0; i < length; i++)
		text[i] = digits[length - 1 - i];
	text[length] = '\0';
	return raw(text);
}

/* Whether a number's literal is what cJSON prints for its value ("%d" for
 * an int, else "%1.15g"): an optional minus, digits without a leading
 * zero (or a single 0), an optional fraction without trailing zeros, at
 * most 15 significant digits, not below 0.0001 (where %g turns to an
 * exponent), and not a negative zero. */
static bool literal_is_printed_form(const char *text)
{
	const char *p = text;
	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9' || (p[0] == '0' && p[1] >= '0' && p[1] <= '9'))
		return false;
	size_t significant = 0, leading_zeros = 0;   /* zeros after the point, before the first digit */
	bool nonzero = false, fraction = false;
	for (; *p; p++) {
		if (*p == '.') {
			if (fraction || p[1] == '\0')
				return false;
			fraction = true;
			continue;
		}
		if (*p < '0' || *p > '9')
			return false;
		if (*p != '0')
			nonzero = true;
		if (nonzero)
			significant++;
		else if (fraction)
			leading_zeros++;
	}
	if (fraction && p[-1] == '0')
		return false;
	if (!nonzero)
		return text[0] != '-' && !fraction;   /* 0, not -0 or 0.0 */
	return significant <= 15 && leading_zeros < 4;
}

/* A number from the literal it was read from, when cJSON would print that
 * literal anyway: no formatting and scanning back of a double. */
static cJSON *decimal(const char *literal, double value)
{
	return literal && literal_is_printed_form(literal) ? raw(literal) : number(value);
}

static cJSON *date_string(date_t date)
{
	char *text = text_room(DATE_TEXT_SIZE);
	if (!text)
		return NULL;
	date_format(date, text);
	return reference(text);
}

static cJSON *date_or_null(date_t date)
{
	return date ? date_string(date) : null_value();
}

static cJSON *names_of(const struct plan *plan, const size_t *units, size_t count)
{
	cJSON *names = node(cJSON_Array);
	for (size_t u = 0; u < count; u++)
		append(names, reference(plan->units->units[units[u]].name));
	return names;
}

/* done, done_late or pending: the task's JSON does not depend on today. */
static const char *done_status(date_t deadline, date_t done_on)
{
	return done_on ? milestone_status_name(status_on(deadline, done_on, 0)) : "pending";
}

/* A copy of a tree of the pool in malloc'd items, for a caller to keep. */
static cJSON *owned(cJSON *item)
{
	cJSON *copy = item && !pool.failed ? cJSON_Duplicate(item, true) : NULL;
	pool_reset();
	return copy;
}

/* --- encoders ------------------------------------------------------------- */

/* One unit's entry in a milestone's "progress". */
static cJSON *progress_entry(const struct plan *plan, const struct milestone *milestone, size_t unit,
			     struct progress progress)
{
	cJSON *item = node(cJSON_Object);
	add(item, "unit", reference(plan->units->units[unit].name));
	add(item, "status", reference(done_status(milestone->deadline, progress.done_on)));
	add(item, "done_on", date_or_null(progress.done_on));
	add(item, "note", string_or_null(progress.note));
	return item;
}

/* A buffer of at least size bytes, kept for the next call. */
static char *grown(char **buffer, size_t *capacity, size_t size)
{
	if (*capacity >= size)
		return *buffer;
	size_t wanted = *capacity ? *capacity : 1 << 16;
	while (wanted < size)
		wanted *= 2;
	char *bigger = realloc(*buffer, wanted);
	if (!bigger)
		return NULL;
	*capacity = wanted;
	return *buffer = bigger;
}

/* The item printed at depth (tabs), as cJSON formats it, into a buffer
 * kept for the next call: its text and *length, or NULL when out of
 * memory. cJSON indents what is nested in an array by one more tab and
 * puts nothing but the brackets around it, so the item is printed inside
 * depth arrays and the brackets are cut off. */
static const char *print_nested(const cJSON *item, int depth, size_t *length)
{
	static char *buffer;
	static size_t capacity;
	enum { NEAR = 16 };
	if (depth < 0)
		return NULL;
	cJSON near[NEAR], *arrays = depth <= NEAR ? near : calloc((size_t)depth, sizeof *arrays);
	if (!arrays)
		return NULL;
	cJSON root = *item;   /* alone, without the siblings it may have */
	root.next = root.prev = NULL;
	cJSON *printed = &root;
	for (int i = depth - 1; i >= 0; i--) {
		arrays[i] = (cJSON){ .type = cJSON_Array, .child = printed };
		printed = &arrays[i];
	}
	/* At most 1 GiB (cJSON takes an int): room for an item of 256 MiB and
	 * the tabs of its depth. */
	bool ok = grown(&buffer, &capacity, 1 << 16) != NULL;
	while (ok && !cJSON_PrintPreallocated(printed, buffer, (int)capacity, true))
		ok = capacity < (1 << 30) && grown(&buffer, &capacity, capacity * 2);
	if (arrays != near)
		free(arrays);
	if (!ok)
		return NULL;
	*length = strlen(buffer) - 2 * (size_t)depth;
	return buffer + depth;
}

bool json_print_indented(FILE *out, const cJSON *item, int depth)
{
	size_t length;
	const char *text = print_nested(item, depth, &length);
	if (!text)
		return false;
	fwrite(text, 1, length, out);   /* a failed write is the stream's error, seen when it is closed */
	return true;
}

/* Most of a streamed task's text is its progress entries, and most of
 * those have nothing recorded: {"unit": name, "status": "pending",
 * "done_on": null, "note": null}, the same text every time for a unit at
 * one depth. So cJSON prints such an entry once per unit and depth, and
 * later ones are that text as a raw node (printed as it is). */
enum { ENTRY_DEPTH = 4 };   /* in a task: task > "milestones" > milestone > "progress" > entry */

static struct {
	struct pending_text {
		char *name;   /* the unit it was printed for (a copy: plans come and go) */
		int depth;
		char *text;
	} *units;             /* by unit index */
	size_t count;
} pending;

static bool nothing_recorded(struct progress progress)
{
	return !progress.done_on && !(progress.note && *progress.note);
}

/* The entry of a unit with nothing recorded, printed at depth, or NULL
 * when out of memory (the entry is then built as any other). */
static const char *pending_entry(const struct plan *plan, const struct milestone *milestone, size_t unit,
				 struct progress progress, int depth)
{
	if (unit >= pending.count) {
		size_t count = plan->units->count > unit ? plan->units->count : unit + 1;
		struct pending_text *units = realloc(pending.units, count * sizeof *units);
		if (!units)
			return NULL;
		memset(units + pending.count, 0, (count - pending.count) * sizeof *units);
		pending.units = units;
		pending.count = count;
	}
	struct pending_text *kept = &pending.units[unit];
	const char *name = plan->units->units[unit].name;
	if (kept->text && kept->depth == depth && strcmp(kept->name, name) == 0)
		return kept->text;
	free(kept->name);
	free(kept->text);
	*kept = (struct pending_text){ 0 };
	cJSON *entry = progress_entry(plan, milestone, unit, progress);
	size_t length;
	const char *printed = entry && !pool.failed ? print_nested(entry, depth, &length) : NULL;
	char *text = printed ? strndup(printed, length) : NULL;
	if (!text || !(kept->name = strdup(name))) {
		free(text);
		return NULL;
	}
	kept->depth = depth;
	return kept->text = text;
}

/* Each unit the milestone governs, with where it stands; entry_depth: how
 * deep its entries are printed, when known (else -1). */
static cJSON *unit_progress(const struct plan *plan, const struct task *task, const struct milestone *milestone,
			    int entry_depth)
{
	cJSON *list = node(cJSON_Array);
	if (!plan->units)
		return list;
	if (pool.leaf_capacity < plan->units->count + 1) {
		size_t *leaves = realloc(pool.leaves, (plan->units->count + 1) * sizeof *leaves);
		if (!leaves) {
			pool.failed = true;
			return NULL;
		}
		pool.leaves = leaves;
		pool.leaf_capacity = plan->units->count + 1;
	}
	size_t count = milestone_leaf_units(plan->units, task, milestone, pool.leaves);
	for (size_t i = 0; i < count; i++) {
		size_t unit = pool.leaves[i];
		struct progress progress = milestone_progress(plan->units, task, milestone, unit, 0);
		const char *text = entry_depth >= 0 && nothing_recorded(progress)
					   ? pending_entry(plan, milestone, unit, progress, entry_depth) : NULL;
		append(list, text ? raw(text) : progress_entry(plan, milestone, unit, progress));
	}
	return list;
}

static cJSON *milestone_id(const struct task *task, size_t index)
{
	char *text = text_room(ITEM_ID_SIZE);
	return text ? reference(item_id_format(text, task->id, index + 1)) : NULL;
}

cJSON *json_milestone_id(const struct task *task, size_t index)
{
	char id[ITEM_ID_SIZE];
	return cJSON_CreateString(item_id_format(id, task->id, index + 1));
}

static cJSON *encode_milestone(const struct plan *plan, const struct task *task, const struct milestone *milestone,
			       int entry_depth)
{
	cJSON *object = node(cJSON_Object);
	add(object, "id", milestone_id(task, (size_t)(milestone - task->milestones)));
	size_t unit_count;
	const size_t *units = milestone_units(task, milestone, &unit_count);
	add(object, "deadline", date_string(milestone->deadline));
	add(object, "phrase", string_or_null(milestone->phrase));
	add(object, "implied", boolean(milestone->implied));
	add(object, "text", words(milestone_text(task, milestone)));
	add(object, "units", names_of(plan, units, unit_count));
	add(object, "status", reference(done_status(milestone->deadline, milestone->completed_on)));
	add(object, "done_on", date_or_null(milestone->completed_on));
	add(object, "note", string_or_null(milestone->progress->note));
	add(object, "progress", unit_progress(plan, task, milestone, entry_depth));
	return object;
}

cJSON *json_milestone(const struct plan *plan, const struct task *task, const struct milestone *milestone)
{
	return owned(encode_milestone(plan, task, milestone, -1));
}

/* A report's fields, added to object: value, date, note. */
static void add_report(cJSON *object, const char *value_text, double value, date_t date, const char *note)
{
	add(object, "value", decimal(value_text, value));
	add(object, "date", date_or_null(date));
	add(object, "note", string_or_null(note));
}

static cJSON *encode_target(const struct plan *plan, const struct task *task, const struct target *target)
{
	cJSON *object = node(cJSON_Object);
	add(object, "metric", reference(target->metric));
	add(object, "op", reference(target_op_text(target->op)));
	add(object, "value", decimal(target->value_text, target->value));
	add(object, "unit", string_or_null(target->unit));
	add(object, "text", words_or_null(target_text(task, target)));
	const struct target_record *recorded = target->progress;
	if (recorded->reported) {
		cJSON *reported = node(cJSON_Object);
		add_report(reported, recorded->reported_text, recorded->reported_value, recorded->reported_on,
			   recorded->report_note);
		add(object, "reported", reported);
		add(object, "met", boolean(target_is_met(target)));
	} else {
		add(object, "reported", null_value());
		add(object, "met", null_value());
	}
	cJSON *reports = node(cJSON_Array);
	for (size_t r = 0; r < recorded->unit_report_count; r++) {
		const struct unit_report *record = &recorded->unit_reports[r];
		cJSON *item = node(cJSON_Object);
		add(item, "unit", reference(plan->units->units[record->unit].name));
		add_report(item, record->value_text, record->value, record->reported_on, record->note);
		add(item, "met", boolean(target_value_meets(target, record->value)));
		append(reports, item);
	}
	add(object, "reports", reports);
	return object;
}

cJSON *json_target(const struct plan *plan, const struct task *task, const struct target *target)
{
	return owned(encode_target(plan, task, target));
}

static cJSON *via_value(const struct plan *plan, size_t via)
{
	return via == NO_GROUP ? null_value() : reference(plan->units->units[via].name);
}

/* entry_depth: as for unit_progress. */
static cJSON *encode_task(const struct plan *plan, const struct task *task, bool with_via, size_t via,
			  int entry_depth)
{
	cJSON *object = node(cJSON_Object);
	add(object, "id", whole(task->id));
	add(object, "title", reference(task->title));
	add(object, "requirement", reference(task->requirement));
	add(object, "units", names_of(plan, task->units, task->unit_count));
	add(object, "lead_units", names_of(plan, task->lead_units, task->lead_unit_count));
	add(object, "units_text", reference(task->units_text));
	add(object, "units_etc", boolean(task->units_etc));
	add(object, "deadline_text", string_or_null(task->deadline_text));
	cJSON *milestones = node(cJSON_Array);
	for (size_t m = 0; m < task->milestone_count; m++)
		append(milestones, encode_milestone(plan, task, &task->milestones[m], entry_depth));
	add(object, "milestones", milestones);
	cJSON *targets = node(cJSON_Array);
	for (size_t t = 0; t < task->target_count; t++)
		append(targets, encode_target(plan, task, &task->targets[t]));
	add(object, "targets", targets);
	if (plan->extra_column_count) {
		cJSON *extra = node(cJSON_Object);
		for (size_t e = 0; e < plan->extra_column_count; e++)
			add(extra, plan->extra_columns[e], reference(task->extras[e]));
		add(object, "extra", extra);
	}
	if (with_via)
		add(object, "via", via_value(plan, via));
	return object;
}

cJSON *json_task(const struct plan *plan, const struct task *task, bool with_via, size_t via)
{
	return owned(encode_task(plan, task, with_via, via, -1));
}

static cJSON *role_value(enum unit_role role)
{
	const char *name = unit_role_name(role);
	return name ? reference(name) : null_value();
}

static cJSON *encode_due(const struct plan *plan, const struct milestone_match *match, bool with_via)
{
	const struct task *task = match->task;
	const struct milestone *milestone = &task->milestones[match->index];
	cJSON *object = node(cJSON_Object);
	add(object, "id", milestone_id(task, match->index));
	add(object, "task", whole(task->id));
	add(object, "milestone", whole((long)match->index + 1));
	add(object, "title", reference(task->title));
	add(object, "deadline", date_string(milestone->deadline));
	add(object, "phrase", string_or_null(milestone->phrase));
	add(object, "implied", boolean(milestone->implied));
	add(object, "text", words(milestone_text(task, milestone)));
	size_t unit_count;
	const size_t *units = milestone_units(task, milestone, &unit_count);
	add(object, "units", names_of(plan, units, unit_count));
	if (with_via)
		add(object, "via", via_value(plan, match->via));
	return object;
}

cJSON *json_due(const struct plan *plan, const struct milestone_match *match, bool with_via)
{
	return owned(encode_due(plan, match, with_via));
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

/* Tabs for up to this nesting depth in one write; deeper is written in parts. */
static const char tabs[] = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";
enum { TAB_RUN = sizeof tabs - 1 };

static void print_tabs(FILE *out, int depth)
{
	for (; depth > TAB_RUN; depth -= TAB_RUN)
		fwrite(tabs, 1, TAB_RUN, out);
	fwrite(tabs, 1, (size_t)depth, out);
}

cJSON *json_plan_about(const struct plan *plan)
{
	cJSON *about = cJSON_CreateObject();
	if (!cJSON_AddStringToObject(about, "title", plan->title) || !cJSON_AddNumberToObject(about, "year", plan->year)) {
		cJSON_Delete(about);   /* out of memory: no object rather than one without its title */
		return NULL;
	}
	return about;
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
	int depth = writer->depth + 1;
	if (depth < TAB_RUN) {
		/* ",\n" and the tabs in one write */
		char separator[2 + TAB_RUN];
		size_t length = 0;
		if (writer->count++)
			separator[length++] = ',';
		separator[length++] = '\n';
		memcpy(separator + length, tabs, (size_t)depth);
		fwrite(separator, 1, length + (size_t)depth, writer->out);
		return;
	}
	fputs(writer->count++ ? ",\n" : "\n", writer->out);
	print_tabs(writer->out, depth);
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

/* Prints an element of the pool as the next member and frees the pool for
 * the one after. */
static void add_pooled(struct json_writer *writer, cJSON *item)
{
	next_member(writer);
	if (!item || pool.failed || !json_print_indented(writer->out, item, writer->depth + 1))
		writer->failed = true;
	pool_reset();
}

void json_add_task(struct json_writer *writer, const struct plan *plan, const struct task *task, bool with_via,
		   size_t via, enum unit_role role)
{
	cJSON *object = encode_task(plan, task, with_via, via, writer->depth + 1 + ENTRY_DEPTH);
	if (with_via)
		add(object, "role", role_value(role));
	add_pooled(writer, object);
}

void json_add_due(struct json_writer *writer, const struct plan *plan, const struct milestone_match *match,
		  bool with_via)
{
	add_pooled(writer, encode_due(plan, match, with_via));
}
