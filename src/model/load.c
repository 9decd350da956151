/*
 * load.c - rows of a plan file -> struct plan.
 *
 * The file may start with key rows (plan_title, plan_year), then the header
 * row, then one row per task. Milestones and targets are column groups
 * numbered from 1: milestone1_deadline, milestone1_phrase, ..., target1_metric,
 * and so on; a group whose cells are all empty is simply absent. Every row
 * is checked completely so that one run reports all of its problems.
 */
#include "duty/load.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duty/array.h"
#include "duty/csvread.h"
#include "duty/input.h"
#include "duty/names.h"
#include "duty/phrases.h"
#include "duty/progress.h"
#include "duty/query.h"
#include "duty/columns.h"
#include "duty/text.h"
#include "duty/i18n.h"

/* Every valid id read so far with its row's line, to find a repeat in
 * O(1) without a copy of every id: while the ids ascend (as plans number
 * their tasks) a repeat can only be the last one, and the ids are those
 * of the tasks kept plus the few rows dropped for a problem. Once they do
 * not ascend, a hash table of (id, line) pairs is built from those and
 * kept up. No string is made of an id. */
struct id_seen {
	long id;
	long line;               /* 0: an empty slot */
};

struct id_set {
	const struct plan *plan; /* its tasks are the rows kept */
	struct id_seen last;     /* the latest id added */
	struct id_seen *dropped; /* ids of rows not kept, while ascending */
	size_t dropped_count, dropped_capacity;
	size_t count;
	bool unordered;          /* the ids stopped ascending: slots are used */
	struct id_seen *slots;
	size_t slot_count;       /* a power of two, at least twice count */
};

struct column_group {
	unsigned number;               /* N in milestoneN_... */
	size_t columns[GROUP_FIELDS];  /* SIZE_MAX when the header lacks it */
	/* When the group's columns are side by side, from first to last
	 * (as duty writes them): a row leaves the group empty when the
	 * first and last fields are empty and only delimiters lie between. */
	bool adjacent;
	size_t first, last;
};

struct group_set {
	const struct group_layout *layout;
	struct column_group *groups;   /* sorted by number */
	size_t count;
};

/* The units of one row's units or lead_units cell, without repeats. */
struct unit_list {
	size_t *items;
	size_t count, capacity;
};

/* Where the words of a milestone's or target's text are: in the
 * requirement (found), or among the words kept apart after it. */
struct words_place {
	struct field_text words;
	uint32_t *start, *length;
};

struct plan_loader {
	struct plan *plan;
	const struct unit_directory *units;   /* NULL: unit names are not checked */
	const struct load_options *options;
	struct diagnostics *diag;
	const char *file;

	bool have_header;
	bool have_year_row;            /* a plan_year row was there (valid or not) */
	bool have_year;
	size_t width;
	const char **header;           /* names as written */
	size_t fixed[PLAN_COLUMN_COUNT];
	struct group_set milestones;
	struct group_set targets;
	size_t *extra;                 /* column indexes of unknown columns */
	size_t extra_count;

	size_t task_capacity;
	/* Scratch space reused for every row. */
	struct milestone *row_milestones;
	struct target *row_targets;
	struct field_text *row_milestone_words;   /* each milestone's text, until the task is kept */
	struct field_text *row_target_words;      /* each target's text, until the task is kept */
	struct words_place *row_words;            /* room for both, for keep_requirement */
	struct unit_list row_units, row_leads;
	struct unit_list milestone_units;
	struct id_set ids;
	/* Units cells already resolved without a problem (the same cell
	 * recurs across a plan): the cell's text to its list in the arena,
	 * which tasks share. */
	struct name_index *units_memo;
	const size_t **memo_lists;
	size_t *memo_counts;
	size_t memo_count, memo_capacity;
	const size_t *row_units_kept;  /* the row's units as kept, when memoised */
	size_t *unit_stamps;           /* per unit: the last row that named it */
	size_t row_number;
	struct input *input;           /* the text being read (rows point into it) */
	/* Short strings kept so far, each once (time phrases, values, units
	 * of measure, short metrics and unit wordings recur from row to row):
	 * the text to its copy in the arena. NULL: every string is copied. */
	struct name_index *short_strings;
	size_t short_strings_count;
	bool out_of_memory;
};

/* --- ids ------------------------------------------------------------------ */

static size_t id_slot(long id, size_t slot_count)
{
	return (size_t)(((unsigned long long)id * 0x9E3779B97F4A7C15ull) >> 20) & (slot_count - 1);
}

/* The line where the id was added before, or 0 (it is added now). */
static long id_slots_add(struct id_seen *slots, size_t slot_count, struct id_seen seen)
{
	size_t slot = id_slot(seen.id, slot_count);
	while (slots[slot].line) {
		if (slots[slot].id == seen.id)
			return slots[slot].line;
		slot = (slot + 1) & (slot_count - 1);
	}
	slots[slot] = seen;
	return 0;
}

/* Slots for every id so far: the old slots', or while ascending the
 * kept tasks' and the dropped rows'. */
static bool id_slots_rebuild(struct id_set *set, size_t slot_count)
{
	struct id_seen *slots = calloc(slot_count, sizeof *slots);
	if (!slots)
		return false;
	if (set->unordered) {
		for (size_t i = 0; i < set->slot_count; i++)
			if (set->slots[i].line)
				id_slots_add(slots, slot_count, set->slots[i]);
	} else {
		for (size_t t = 0; t < set->plan->task_count; t++)
			id_slots_add(slots, slot_count,
				     (struct id_seen){ set->plan->tasks[t].id, set->plan->tasks[t].line });
		for (size_t d = 0; d < set->dropped_count; d++)
			id_slots_add(slots, slot_count, set->dropped[d]);
		free(set->dropped);
		set->dropped = NULL;
		set->dropped_count = set->dropped_capacity = 0;
	}
	free(set->slots);
	set->slots = slots;
	set->slot_count = slot_count;
	return true;
}

/* Adds an id read on a line; *first_line is the line where it was read
 * before, or 0. False when out of memory. */
static bool id_set_add(struct id_set *set, long id, long line, long *first_line)
{
	*first_line = 0;
	if (!set->unordered && set->count && id <= set->last.id) {
		if (id == set->last.id) {
			*first_line = set->last.line;
			return true;   /* a repeat is not added */
		}
		size_t slot_count = 64;
		while (slot_count < 2 * (set->count + 1))
			slot_count *= 2;
		if (!id_slots_rebuild(set, slot_count))
			return false;
		set->unordered = true;
	}
	struct id_seen seen = { id, line };
	if (set->unordered) {
		*first_line = id_slots_add(set->slots, set->slot_count, seen);
		if (*first_line)
			return true;
		if (2 * (set->count + 1) > set->slot_count && !id_slots_rebuild(set, set->slot_count * 2))
			return false;
	}
	set->last = seen;
	set->count++;
	return true;
}

/* The row of the latest id added is not kept as a task: while the ids
 * ascend, its id is remembered apart. False when out of memory. */
static bool id_set_drop_last(struct id_set *set)
{
	if (set->unordered)
		return true;
	struct id_seen *dropped = array_reserve(set->dropped, &set->dropped_capacity, set->dropped_count,
						sizeof *dropped);
	if (!dropped)
		return false;
	set->dropped = dropped;
	dropped[set->dropped_count++] = set->last;
	return true;
}

static void id_set_free(struct id_set *set)
{
	free(set->dropped);
	free(set->slots);
}

/* A task's id and its index in the file, sorted by id for plan->id_order. */
struct id_task {
	long id;
	size_t task;
};

static int by_id(const void *left, const void *right)
{
	long a = ((const struct id_task *)left)->id, b = ((const struct id_task *)right)->id;
	return a < b ? -1 : a > b;
}

/* plan->id_order: the tasks' indexes in id order, when the file does not
 * list them so (else plan_find_task searches the tasks themselves). */
static bool order_ids(struct plan *plan)
{
	bool ascending = true;
	for (size_t t = 1; ascending && t < plan->task_count; t++)
		ascending = plan->tasks[t - 1].id < plan->tasks[t].id;
	if (ascending)
		return true;
	size_t *order = arena_array(&plan->arena, plan->task_count, sizeof *order);
	struct id_task *pairs = malloc(plan->task_count * sizeof *pairs);
	if (!order || !pairs) {
		free(pairs);
		return false;
	}
	for (size_t t = 0; t < plan->task_count; t++)
		pairs[t] = (struct id_task){ plan->tasks[t].id, t };
	qsort(pairs, plan->task_count, sizeof *pairs, by_id);
	for (size_t t = 0; t < plan->task_count; t++)
		order[t] = pairs[t].task;
	free(pairs);
	plan->id_order = order;
	return true;
}

/* --- small parsers -------------------------------------------------------- */

static bool parse_bool(const char *text, size_t length, bool *value)
{
	if (length == 1 && (text[0] == '0' || text[0] == '1')) {
		*value = text[0] == '1';
		return true;
	}
	static const char *const yes[] = { "1", "true", "yes", "y", "是", NULL };
	static const char *const no[] = { "0", "false", "no", "n", "否", "", NULL };
	for (size_t i = 0; yes[i]; i++)
		if (column_name_equals(text, length, yes[i])) {
			*value = true;
			return true;
		}
	for (size_t i = 0; no[i]; i++)
		if (column_name_equals(text, length, no[i])) {
			*value = false;
			return true;
		}
	return false;
}

/* --- header ----------------------------------------------------------------- */

/* One numbered group column found in the header. */
struct group_column {
	unsigned number;
	size_t field;
	size_t column;
};

static int by_group_number(const void *left, const void *right)
{
	const struct group_column *a = left, *b = right;
	if (a->number != b->number)
		return a->number < b->number ? -1 : 1;
	return a->column < b->column ? -1 : a->column > b->column;
}

/* Builds a set's groups from its columns, sorted by number, in one pass. */
static bool build_groups(struct plan_loader *loader, struct group_set *set, struct group_column *found,
			 size_t count)
{
	qsort(found, count, sizeof *found, by_group_number);
	set->groups = calloc(count + 1, sizeof *set->groups);
	if (!set->groups) {
		loader->out_of_memory = true;
		return false;
	}
	for (size_t i = 0; i < count; i++) {
		if (!set->count || set->groups[set->count - 1].number != found[i].number) {
			struct column_group *group = &set->groups[set->count++];
			group->number = found[i].number;
			for (size_t f = 0; f < GROUP_FIELDS; f++)
				group->columns[f] = SIZE_MAX;
		}
		/* Two spellings of one column (warned about): the first is read,
		 * and the edits write the first too. */
		size_t *column = &set->groups[set->count - 1].columns[found[i].field];
		if (*column == SIZE_MAX)
			*column = found[i].column;
	}
	return true;
}

static void find_adjacent_columns(struct column_group *group)
{
	size_t first = SIZE_MAX, last = 0, present = 0;
	for (size_t f = 0; f < GROUP_FIELDS; f++) {
		if (group->columns[f] == SIZE_MAX)
			continue;
		present++;
		first = group->columns[f] < first ? group->columns[f] : first;
		last = group->columns[f] > last ? group->columns[f] : last;
	}
	group->adjacent = present && last - first + 1 == present;
	group->first = first;
	group->last = last;
}

static bool header_is_row(const struct csv_row *row)
{
	return column_find(row, &plan_columns[PLAN_ID]) != SIZE_MAX;
}

/* Checks a group set has, in each group, the fields that must be there. */
static void check_groups(struct plan_loader *loader, const struct group_set *set, long line,
			 const size_t *required, size_t required_count)
{
	for (size_t g = 0; g < set->count; g++) {
		for (size_t r = 0; r < required_count; r++) {
			if (set->groups[g].columns[required[r]] == SIZE_MAX)
				diag_error(loader->diag, loader->file, line, NULL,
					   _("the header has %s%u columns but no \"%s%u_%s\" column"),
					   set->layout->prefix, set->groups[g].number, set->layout->prefix,
					   set->groups[g].number, set->layout->fields[required[r]]);
		}
	}
}

/* The key that makes two header names the same column: the canonical
 * name of a group column (milestone01_DONE_ON -> milestone1_done_on),
 * other names in lower case. */
static char *column_key(struct plan_loader *loader, const char *name, size_t length)
{
	const struct group_layout *layouts[] = { &milestone_layout, &target_layout };
	for (size_t l = 0; l < 2; l++) {
		unsigned number;
		size_t field;
		if (!group_column_parse(layouts[l], name, length, &number, &field) || !number)
			continue;
		struct strbuf canonical = STRBUF_INIT;
		group_column_name(&canonical, layouts[l], number, field);
		char *key = canonical.failed ? NULL : arena_strdup(&loader->plan->arena, canonical.data);
		strbuf_free(&canonical);
		return key;
	}
	char *key = arena_strndup(&loader->plan->arena, name, length);
	for (char *p = key; p && *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return key;
}

/* Reports header names given twice (ignoring ASCII case) as errors, and
 * two spellings of one column group column (milestone01_done_on and
 * milestone1_done_on) as a warning, in linear time. */
static bool report_duplicate_columns(struct plan_loader *loader, const struct csv_row *row)
{
	struct name_index *seen = name_index_new(row->count);
	if (!seen) {
		loader->out_of_memory = true;
		return false;
	}
	bool ok = true;
	for (size_t i = 0; ok && i < row->count; i++) {
		const char *name = row->fields[i].data;
		size_t length = text_trim(&name, row->fields[i].length);
		if (!length)
			continue;
		char *key = column_key(loader, name, length);
		if (!key) {
			ok = false;
			break;
		}
		size_t first = SIZE_MAX;
		ok = name_index_add(seen, key, strlen(key), i, &first);
		if (!ok || first == SIZE_MAX)
			continue;
		const char *earlier = loader->header[first];
		size_t earlier_length = strlen(earlier);
		if (text_trim(&earlier, earlier_length) == length && column_name_equals(name, length, loader->header[i]))
			diag_error(loader->diag, loader->file, row->line, loader->header[i],
				   _("the column \"%s\" appears twice in the header (columns %zu and %zu)"),
				   loader->header[i], first + 1, i + 1);
		else
			diag_warning(loader->diag, loader->file, row->line, loader->header[i],
				     _("\"%s\" (column %zu) and \"%s\" (column %zu) are two spellings of the column "
				       "%s: duty reads and writes the first; remove the other"),
				     loader->header[first], first + 1, loader->header[i], i + 1, key);
	}
	name_index_free(seen);
	if (!ok)
		loader->out_of_memory = true;
	return ok;
}

static bool read_header(struct plan_loader *loader, const struct csv_row *row)
{
	struct plan *plan = loader->plan;
	loader->have_header = true;
	loader->width = row->count;
	plan->header_line = row->line;
	loader->header = arena_array(&plan->arena, row->count, sizeof *loader->header);
	bool *known = calloc(row->count ? row->count : 1, sizeof *known);
	loader->extra = malloc((row->count ? row->count : 1) * sizeof *loader->extra);
	if (!loader->header || !known || !loader->extra) {
		free(known);
		loader->out_of_memory = true;
		return false;
	}
	size_t errors_before = loader->diag->errors;
	for (size_t i = 0; i < row->count; i++) {
		loader->header[i] = arena_strndup(&plan->arena, row->fields[i].data, row->fields[i].length);
		if (!loader->header[i]) {
			free(known);
			loader->out_of_memory = true;
			return false;
		}
	}
	if (!report_duplicate_columns(loader, row)) {
		free(known);
		return false;
	}
	for (int c = 0; c < PLAN_COLUMN_COUNT; c++) {
		loader->fixed[c] = column_find(row, &plan_columns[c]);
		if (loader->fixed[c] != SIZE_MAX)
			known[loader->fixed[c]] = true;
		else if (c != PLAN_UNITS_ETC && c != PLAN_LEAD_UNITS && c != PLAN_DEADLINE_TEXT)
			diag_error(loader->diag, loader->file, row->line, NULL,
				   _("the header has no \"%s\" column; expected at least "
				   "id, title, requirement, units_text, units and milestone1_deadline"),
				   plan_columns[c].names[0]);
	}
	struct group_set *sets[] = { &loader->milestones, &loader->targets };
	struct group_column *found[2] = {
		malloc((row->count + 1) * sizeof *found[0]),
		malloc((row->count + 1) * sizeof *found[1]),
	};
	size_t found_count[2] = { 0, 0 };
	bool built = found[0] && found[1];
	for (size_t i = 0; built && i < row->count; i++) {
		for (size_t s = 0; s < 2; s++) {
			unsigned number;
			size_t field;
			if (!group_column_parse(sets[s]->layout, row->fields[i].data, row->fields[i].length, &number, &field))
				continue;
			known[i] = true;
			if (!number) {
				diag_error(loader->diag, loader->file, row->line, loader->header[i],
					   _("the column \"%s\" has a group number duty cannot use; %s columns are "
					     "numbered from 1 to %ld"),
					   loader->header[i], sets[s]->layout->prefix, ITEM_NUMBER_MAX);
				continue;
			}
			found[s][found_count[s]++] = (struct group_column){ number, field, i };
		}
	}
	for (size_t s = 0; built && s < 2; s++)
		built = build_groups(loader, sets[s], found[s], found_count[s]);
	for (size_t s = 0; built && s < 2; s++)
		for (size_t g = 0; g < sets[s]->count; g++)
			find_adjacent_columns(&sets[s]->groups[g]);
	free(found[0]);
	free(found[1]);
	if (!built) {
		free(known);
		loader->out_of_memory = true;
		return false;
	}
	/* Each group is at most one milestone or target of a task, and a
	 * task counts them in uint16_t. */
	for (size_t s = 0; s < 2; s++)
		if (sets[s]->count > TASK_ITEMS_MAX)
			diag_error(loader->diag, loader->file, row->line, NULL,
				   _("the header has %zu %s column groups, more than duty reads (at most %d)"),
				   sets[s]->count, sets[s]->layout->prefix, TASK_ITEMS_MAX);
	if (loader->milestones.count == 0)
		diag_error(loader->diag, loader->file, row->line, NULL,
			   _("the header has no milestone columns; expected milestone1_deadline, "
			   "milestone1_phrase, milestone1_implied and milestone1_text"));
	static const size_t milestone_required[] = { MILESTONE_DEADLINE, MILESTONE_TEXT };
	static const size_t target_required[] = { TARGET_METRIC, TARGET_OP, TARGET_VALUE };
	check_groups(loader, &loader->milestones, row->line, milestone_required, 2);
	check_groups(loader, &loader->targets, row->line, target_required, 3);

	for (size_t i = 0; i < row->count; i++)
		if (!known[i])
			loader->extra[loader->extra_count++] = i;
	free(known);
	const char **extra_names = arena_array(&plan->arena, loader->extra_count + 1, sizeof *extra_names);
	loader->row_milestones = calloc(loader->milestones.count + 1, sizeof *loader->row_milestones);
	loader->row_targets = calloc(loader->targets.count + 1, sizeof *loader->row_targets);
	loader->row_milestone_words = calloc(loader->milestones.count + 1, sizeof *loader->row_milestone_words);
	loader->row_target_words = calloc(loader->targets.count + 1, sizeof *loader->row_target_words);
	loader->row_words = calloc(loader->milestones.count + loader->targets.count + 1, sizeof *loader->row_words);
	if (!extra_names || !loader->row_milestones || !loader->row_targets || !loader->row_milestone_words
	    || !loader->row_target_words || !loader->row_words) {
		loader->out_of_memory = true;
		return false;
	}
	for (size_t e = 0; e < loader->extra_count; e++)
		extra_names[e] = loader->header[loader->extra[e]];
	plan->extra_columns = extra_names;
	plan->extra_column_count = loader->extra_count;
	/* Rows cannot be read against a header that lacks its columns. */
	return loader->diag->errors == errors_before;
}

/* plan_title / plan_year rows above the header. */
static bool read_preamble(struct plan_loader *loader, const struct csv_row *row)
{
	struct plan *plan = loader->plan;
	struct field_text key = row_field(row, 0);
	struct field_text value = row_field(row, 1);
	if (column_name_equals(key.text, key.length, PLAN_TITLE_KEY)) {
		plan->title = arena_strndup(&plan->arena, value.text, value.length);
		if (!plan->title)
			loader->out_of_memory = true;
		return !loader->out_of_memory;
	}
	if (column_name_equals(key.text, key.length, PLAN_YEAR_KEY)) {
		loader->have_year_row = true;
		long year;
		if (!task_id_parse(value.text, value.length, &year) || year < 1000 || year > 9999) {
			diag_error(loader->diag, loader->file, row->line, PLAN_YEAR_KEY,
				   _("the plan year \"%.*s\" is not a year duty can use; expected four digits from 1000 to 9999, "
				     "like 2018"),
				   (int)value.length, value.text);
			return true;
		}
		plan->year = (int)year;
		loader->have_year = true;
		return true;
	}
	diag_error(loader->diag, loader->file, row->line, NULL,
		   _("expected the header row (with an \"id\" column), or a \"plan_title\" or "
		   "\"plan_year\" row above it, but found \"%.*s\""),
		   (int)key.length, key.text);
	return true;
}

/* --- rows --------------------------------------------------------------------- */

static const char *column_name(const struct plan_loader *loader, size_t column)
{
	return column < loader->width ? loader->header[column] : NULL;
}

/* Up to this many bytes a string is kept once however often it recurs,
 * in a table of at most SHORT_STRING_LIMIT strings (so a plan of unique
 * short strings costs a bounded table, not one entry each). */
enum { SHORT_STRING_MAX = 24, SHORT_STRING_LIMIT = 16384 };

/* Keeps a field: a copy in the arena, where strings pack without
 * padding, and a short one shared with its repeats. The file's text is
 * only read (it may be a mapping, given back page by page as the rows go
 * by), so the plan holds what it keeps of the file, not the file. */
static __attribute__((noinline)) const char *copy_text(struct plan_loader *loader, struct field_text field)
{
	bool short_string = field.length <= SHORT_STRING_MAX && loader->short_strings;
	if (short_string) {
		size_t kept = name_index_get(loader->short_strings, field.text, field.length);
		if (kept != SIZE_MAX)
			return (const char *)(uintptr_t)kept;
	}
	char *copy = arena_strndup(&loader->plan->arena, field.text, field.length);
	if (!copy) {
		loader->out_of_memory = true;
		return "";
	}
	/* Not kept in the table (full, or out of memory) costs bytes only. */
	if (short_string && loader->short_strings_count < SHORT_STRING_LIMIT
	    && name_index_add(loader->short_strings, copy, field.length, (size_t)(uintptr_t)copy, NULL))
		loader->short_strings_count++;
	return copy;
}

/* Most cells copied are empty (notes, reports): those inline. */
static inline const char *copy_field(struct plan_loader *loader, struct field_text field)
{
	return field.length ? copy_text(loader, field) : "";   /* "": also a column the file does not have */
}

/* Keeps the cell exactly as written (only surrounding spaces trimmed). */
static const char *copy_column(struct plan_loader *loader, const struct csv_row *row, size_t column)
{
	return copy_field(loader, row_field(row, column));
}

static bool push_unit(struct plan_loader *loader, struct unit_list *list, size_t unit)
{
	const struct unit *entry = &loader->units->units[unit];
	if (entry->is_phrase) {
		for (size_t m = 0; m < entry->member_count; m++)
			if (!push_unit(loader, list, entry->members[m]))
				return false;
		return true;
	}
	/* A unit named twice in one cell counts once; the stamp keeps this O(1). */
	if (loader->unit_stamps[unit] == loader->row_number)
		return true;
	loader->unit_stamps[unit] = loader->row_number;
	size_t *items = array_reserve(list->items, &list->capacity, list->count, sizeof *items);
	if (!items) {
		loader->out_of_memory = true;
		return false;
	}
	list->items = items;
	list->items[list->count++] = unit;
	return true;
}

/* "unknown unit ...; did you mean ..." */
static bool report_unknown_unit(struct plan_loader *loader, long line, const char *column, const char *item,
				size_t length)
{
	char *name = malloc(length + 1);
	if (!name) {
		loader->out_of_memory = true;
		return false;
	}
	memcpy(name, item, length);
	name[length] = '\0';
	struct unit_resolution guess = units_resolve(loader->units, name);
	struct strbuf hint;
	strbuf_init(&hint);
	if (guess.match == UNIT_FOUND) {
		strbuf_printf(&hint, _("; did you mean %s"), loader->units->units[guess.unit].name);
	} else {
		for (size_t i = 0; i < guess.candidate_count && i < 3; i++) {
			strbuf_puts(&hint, i ? ", " : _("; did you mean "));
			strbuf_puts(&hint, loader->units->units[guess.candidates[i]].name);
		}
	}
	diag_error(loader->diag, loader->file, line, column,
		   _("unknown unit \"%s\": it is not a name or alias in %s%s"), name,
		   loader->units->file, strbuf_text(&hint));
	strbuf_free(&hint);
	unit_resolution_free(&guess);
	free(name);
	return true;
}

struct unit_list_reader {
	struct plan_loader *loader;
	struct unit_list *list;
	long line;
	const char *column;
};

static bool read_unit_name(const char *item, size_t length, void *context)
{
	struct unit_list_reader *reader = context;
	struct plan_loader *loader = reader->loader;
	size_t unit = units_find(loader->units, item, length);
	if (unit != SIZE_MAX)
		return push_unit(loader, reader->list, unit);
	return report_unknown_unit(loader, reader->line, reader->column, item, length);
}

/* --- a milestone's units, and the per-unit progress cells ------------------- */

/* milestoneN_units: the units the milestone names, each one of the task's
 * units or a member of one of its groups. Empty: the task's (NULL). */
static bool read_milestone_units(struct plan_loader *loader, const struct csv_row *row, const char *column,
				 struct field_text cell, struct milestone *milestone)
{
	milestone->units = NULL;
	milestone->unit_count = 0;
	if (!cell.length || !loader->units)
		return true;
	struct unit_list *list = &loader->milestone_units;
	list->count = 0;
	loader->row_number++;
	struct unit_list_reader reader = { loader, list, row->line, column };
	list_split(cell.text, cell.length, read_unit_name, &reader);
	if (loader->out_of_memory)
		return false;
	for (size_t i = 0; i < list->count; i++)
		if (!units_duty(loader->units, loader->row_units.items, loader->row_units.count, list->items[i])
			     .responsible)
			diag_error(loader->diag, loader->file, row->line, column,
				   _("%s is not one of the task's units, nor a member of one of its groups; "
				   "a milestone names some of the task's units"),
				   loader->units->units[list->items[i]].name);
	size_t *units = arena_array(&loader->plan->arena, list->count + 1, sizeof *units);
	if (!units) {
		loader->out_of_memory = true;
		return false;
	}
	if (list->count)   /* a cell of separators names none */
		memcpy(units, list->items, list->count * sizeof *units);
	milestone->units = units;
	milestone->unit_count = list->count;
	return true;
}

/* Reads the lines of a per-unit cell (milestoneN_units_done or
 * targetN_units_reported) into records. */
struct record_reader {
	struct plan_loader *loader;
	long line;
	const char *column;
	const struct task *task;     /* as read so far: its units and milestones */
	const struct milestone *milestone;   /* the item: a milestone... */
	const struct target *target;         /* ...or a target */
	bool reports;
	struct unit_done *done;      /* lines of a milestone... */
	struct unit_report *reported;   /* ...or of a target */
	size_t count, capacity;
};

static const char *record_text(struct record_reader *reader, const char *text, size_t length)
{
	char *copy = arena_strndup(&reader->loader->plan->arena, text, length);
	if (!copy)
		reader->loader->out_of_memory = true;
	return copy ? copy : "";
}

static bool record_seen(const struct record_reader *reader, size_t unit)
{
	for (size_t i = 0; i < reader->count; i++)
		if ((reader->reports ? reader->reported[i].unit : reader->done[i].unit) == unit)
			return true;
	return false;
}

/* The unit of a line, or SIZE_MAX (after saying why). */
static size_t record_unit(struct record_reader *reader, const struct cell_line *line)
{
	struct plan_loader *loader = reader->loader;
	size_t unit = units_find(loader->units, line->name, line->name_length);
	if (unit == SIZE_MAX) {
		report_unknown_unit(loader, reader->line, reader->column, line->name, line->name_length);
		return SIZE_MAX;
	}
	const char *problem = NULL;
	if (loader->units->units[unit].is_phrase)
		problem = N_("\"%.*s\" names several units; write one line for each");
	else if (!(reader->target ? target_duty(loader->units, reader->task, reader->target, unit)
				  : milestone_duty(loader->units, reader->task, reader->milestone, unit))
			  .responsible)
		problem = N_("\"%.*s\" is not one of the units this answers for");
	else if (record_seen(reader, unit))
		problem = N_("\"%.*s\" has two lines; keep one");
	if (problem) {
		diag_error(loader->diag, loader->file, reader->line, reader->column, _(problem), (int)line->name_length,
			   line->name);
		return SIZE_MAX;
	}
	return unit;
}

static bool read_done_line(struct plan_loader *loader, struct record_reader *reader, const struct cell_line *line,
			   size_t unit)
{
	struct unit_done *done = array_reserve(reader->done, &reader->capacity, reader->count, sizeof *done);
	if (!done) {
		loader->out_of_memory = true;
		return false;
	}
	reader->done = done;
	struct unit_done *record = &done[reader->count++];
	*record = (struct unit_done){ .unit = unit, .start = line->start, .end = line->end };
	date_parse(line->date, line->date_length, &record->done_on);
	record->note = record_text(reader, line->note, line->note_length);
	return !loader->out_of_memory;
}

static bool read_report_line(struct plan_loader *loader, struct record_reader *reader,
			     const struct cell_line *line, size_t unit)
{
	struct unit_report *reports = array_reserve(reader->reported, &reader->capacity, reader->count,
						    sizeof *reports);
	if (!reports) {
		loader->out_of_memory = true;
		return false;
	}
	reader->reported = reports;
	struct unit_report *record = &reports[reader->count++];
	*record = (struct unit_report){ .unit = unit, .start = line->start, .end = line->end };
	/* "98%" or "35家" in the target's unit reads as the number alone. */
	struct typed_quantity typed;
	text_parse_quantity(line->value, line->value_length, &typed);
	if (!text_same_unit(typed.unit, reader->target->unit)) {
		diag_error(loader->diag, loader->file, reader->line, reader->column,
			   _("\"%.*s\" is not in the target's unit; expected a number of %s, e.g. 352 or 352%s"),
			   (int)line->value_length, line->value, reader->target->unit, reader->target->unit);
		reader->count--;
		return true;
	}
	record->value = typed.value;
	if (line->date_length)
		date_parse(line->date, line->date_length, &record->reported_on);
	record->value_text = record_text(reader, typed.number, strlen(typed.number));
	record->note = record_text(reader, line->note, line->note_length);
	return !loader->out_of_memory;
}

static bool read_record_line(const struct cell_line *line, void *context)
{
	struct record_reader *reader = context;
	struct plan_loader *loader = reader->loader;
	if (!line->name_length) {
		diag_error(loader->diag, loader->file, reader->line, reader->column,
			   reader->reports ? _("\"%.*s\" is not a unit's report; expected the unit, the value, the "
					      "day and a note, e.g. \"瑞安市政府 35 2018-10-15 县局汇总\"")
					   : _("\"%.*s\" is not a unit's record; expected the unit, the day it was "
					      "done and a note, e.g. \"瑞安市政府 2018-05-20 温农〔2018〕56号\""),
			   (int)line->note_length, line->note);
		return true;
	}
	size_t unit = record_unit(reader, line);
	if (unit == SIZE_MAX)
		return !loader->out_of_memory;
	return reader->reports ? read_report_line(loader, reader, line, unit) : read_done_line(loader, reader, line, unit);
}

/* Reads a per-unit cell; the records are kept in the plan's arena. */
static bool read_records(struct plan_loader *loader, struct record_reader *reader, struct field_text cell)
{
	if (!cell.length || !loader->units)
		return true;
	progress_cell_lines(cell.text, cell.length, reader->reports, read_record_line, reader);
	bool ok = !loader->out_of_memory;
	size_t size = reader->reports ? sizeof *reader->reported : sizeof *reader->done;
	void *kept = ok ? arena_array(&loader->plan->arena, reader->count + 1, size) : NULL;
	if (kept && reader->count)
		memcpy(kept, reader->reports ? (void *)reader->reported : (void *)reader->done, reader->count * size);
	free(reader->reports ? (void *)reader->reported : (void *)reader->done);
	if (!kept) {
		loader->out_of_memory = true;
		return false;
	}
	if (reader->reports)
		reader->reported = kept;
	else
		reader->done = kept;
	return true;
}

/* Reads a column group's cells; true when the fields that define it (the
 * first `definition` ones) are not all empty. *progress tells whether any
 * progress cell is filled. */
static inline __attribute__((always_inline)) bool read_group(const struct csv_row *row,
							      const struct column_group *group, size_t count,
							      size_t definition, struct field_text *restrict fields,
							      bool *restrict progress)
{
	/* Inline in the loops over groups (ten calls a row), and restrict: the
	 * cells written are not the row or the group, so what those say is
	 * read once, not again after each cell. */
	*progress = false;
	if (group->adjacent && group->last < row->count) {
		/* Empty fields are spans of the input where they are, so an
		 * empty group is its delimiters alone: no field to look at. */
		const struct csv_field *first = &row->fields[group->first], *last = &row->fields[group->last];
		if (!first->length && !last->length && last->data - first->data == (ptrdiff_t)(group->last - group->first))
			return false;
	}
	size_t defined = 0, recorded = 0;   /* ORed lengths */
	size_t f = 0;
	for (; f < definition; f++) {
		fields[f] = row_field(row, group->columns[f]);
		defined |= fields[f].length;
	}
	for (; f < count; f++) {
		fields[f] = row_field(row, group->columns[f]);
		recorded |= fields[f].length;
	}
	*progress = recorded != 0;
	return defined != 0;
}

/* What an item's progress cells record, kept in the plan's arena when
 * some cell is filled; else the shared empty record (most items: memory
 * per task). */
static const void *keep_record(struct plan_loader *loader, bool filled, const void *record, size_t size,
			       const void *none)
{
	if (!filled)
		return none;
	void *kept = arena_alloc(&loader->plan->arena, size);
	if (!kept) {
		loader->out_of_memory = true;
		return none;
	}
	memcpy(kept, record, size);
	return kept;
}

/* A milestone's own units and its per-unit records. False when out of
 * memory. */
static bool read_milestone_progress(struct plan_loader *loader, const struct csv_row *row,
				    const struct column_group *group, const struct field_text *fields,
				    struct milestone *milestone, struct milestone_record *recorded)
{
	if (!read_milestone_units(loader, row, column_name(loader, group->columns[MILESTONE_UNITS]),
				  fields[MILESTONE_UNITS], milestone))
		return false;
	milestone->completed_on = 0;   /* worked out when the task is kept */
	if (!fields[MILESTONE_UNITS_DONE].length)
		return true;   /* nothing to read (most milestones) */
	struct task task = { .units = loader->row_units.items, .unit_count = loader->row_units.count };
	struct record_reader records = {
		.loader = loader,
		.line = row->line,
		.column = column_name(loader, group->columns[MILESTONE_UNITS_DONE]),
		.task = &task,
		.milestone = milestone,
	};
	if (!read_records(loader, &records, fields[MILESTONE_UNITS_DONE]))
		return false;
	recorded->unit_records = records.done;
	recorded->unit_record_count = records.count;
	recorded->units_done = copy_field(loader, fields[MILESTONE_UNITS_DONE]);
	return true;
}

static size_t read_milestones(struct plan_loader *loader, const struct csv_row *row)
{
	const struct group_set *set = &loader->milestones;
	size_t count = 0;
	const struct milestone *previous = NULL;
	unsigned previous_number = 0;
	for (size_t g = 0; g < set->count; g++) {
		const struct column_group *group = &set->groups[g];
		struct field_text fields[MILESTONE_FIELDS];
		bool progress = false;
		if (!read_group(row, group, MILESTONE_FIELDS, MILESTONE_DEFINITION, fields, &progress)) {
			if (progress)
				diag_error(loader->diag, loader->file, row->line,
					   column_name(loader, group->columns[MILESTONE_DONE_ON]),
					   _("progress is recorded for milestone %u, but the task has no "
					   "such milestone (its deadline and text are empty)"),
					   group->number);
			continue;
		}
		struct milestone *milestone = &loader->row_milestones[count];
		milestone->column_group = group->number;
		const char *deadline_column = column_name(loader, group->columns[MILESTONE_DEADLINE]);
		bool ok = true;
		if (!date_parse(fields[MILESTONE_DEADLINE].text, fields[MILESTONE_DEADLINE].length,
				&milestone->deadline)) {
			diag_error(loader->diag, loader->file, row->line, deadline_column,
				   _("\"%.*s\" is not a valid date; expected YYYY-MM-DD, e.g. %d-06-30"),
				   (int)fields[MILESTONE_DEADLINE].length, fields[MILESTONE_DEADLINE].text,
				   loader->plan->year ? loader->plan->year : 2018);
			ok = false;
		} else if (loader->have_year && date_year(milestone->deadline) != loader->plan->year) {
			diag_error(loader->diag, loader->file, row->line, deadline_column,
				   _("the deadline %.*s is outside the plan year %d"),
				   (int)fields[MILESTONE_DEADLINE].length, fields[MILESTONE_DEADLINE].text,
				   loader->plan->year);
			ok = false;
		}
		if (fields[MILESTONE_TEXT].length == 0) {
			diag_error(loader->diag, loader->file, row->line,
				   column_name(loader, group->columns[MILESTONE_TEXT]),
				   _("milestone %u has a deadline but no text; expected the part of the "
				   "requirement it governs"),
				   group->number);
			ok = false;
		}
		/* An empty implied cell follows the phrase: no phrase, implied. */
		bool implied = fields[MILESTONE_PHRASE].length == 0;
		if (fields[MILESTONE_IMPLIED].length
		    && !parse_bool(fields[MILESTONE_IMPLIED].text, fields[MILESTONE_IMPLIED].length, &implied)) {
			diag_error(loader->diag, loader->file, row->line,
				   column_name(loader, group->columns[MILESTONE_IMPLIED]),
				   _("\"%.*s\" is not 1 or 0; expected 1 when the requirement gives no time "
				   "for this part"),
				   (int)fields[MILESTONE_IMPLIED].length, fields[MILESTONE_IMPLIED].text);
			ok = false;
		}
		struct milestone_record recorded = milestone_record_none;
		if (fields[MILESTONE_DONE_ON].length
		    && !date_parse(fields[MILESTONE_DONE_ON].text, fields[MILESTONE_DONE_ON].length,
				   &recorded.done_on)) {
			diag_error(loader->diag, loader->file, row->line,
				   column_name(loader, group->columns[MILESTONE_DONE_ON]),
				   _("\"%.*s\" is not a valid date; expected the day the milestone was done, "
				   "as YYYY-MM-DD, or nothing"),
				   (int)fields[MILESTONE_DONE_ON].length, fields[MILESTONE_DONE_ON].text);
			ok = false;
		}
		if (!read_milestone_progress(loader, row, group, fields, milestone, &recorded))
			return count;
		if (!ok)
			continue;
		if (previous && milestone->deadline < previous->deadline) {
			char earlier[DATE_TEXT_SIZE], later[DATE_TEXT_SIZE];
			date_format(milestone->deadline, earlier);
			date_format(previous->deadline, later);
			diag_error(loader->diag, loader->file, row->line, deadline_column,
				   _("milestones are out of order: milestone %u (%s) comes after "
				   "milestone %u (%s); list them earliest first"),
				   group->number, earlier, previous_number, later);
		}
		milestone->implied = implied;
		milestone->phrase = copy_field(loader, fields[MILESTONE_PHRASE]);
		loader->row_milestone_words[count] = fields[MILESTONE_TEXT];   /* placed by keep_requirement */
		recorded.note = copy_field(loader, fields[MILESTONE_NOTE]);
		milestone->progress = keep_record(loader, progress, &recorded, sizeof recorded, &milestone_record_none);
		previous = milestone;
		previous_number = group->number;
		count++;
	}
	return count;
}

/* The milestone whose text holds a target's words, when the task's
 * milestones name their own units (else it does not matter). */
static uint16_t target_milestone(const struct plan_loader *loader, size_t milestone_count, bool own_units,
				 struct field_text words)
{
	for (size_t m = 0; own_units && words.length && m < milestone_count; m++) {
		struct field_text text = loader->row_milestone_words[m];
		if (text_find(text.text, text.length, words.text, words.length))
			return (uint16_t)m;
	}
	return TARGET_NO_MILESTONE;
}

/* A target's per-unit reports. False when out of memory. */
static bool read_target_progress(struct plan_loader *loader, const struct csv_row *row,
				 const struct column_group *group, const struct field_text *fields, size_t milestone_count,
				 struct target *target, struct target_record *recorded)
{
	if (!fields[TARGET_UNITS_REPORTED].length)
		return true;   /* nothing to read (most targets) */
	struct task task = { .units = loader->row_units.items, .unit_count = loader->row_units.count,
			     .milestones = loader->row_milestones, .milestone_count = milestone_count };
	struct record_reader records = {
		.loader = loader,
		.line = row->line,
		.column = column_name(loader, group->columns[TARGET_UNITS_REPORTED]),
		.task = &task,
		.target = target,
		.reports = true,
	};
	if (!read_records(loader, &records, fields[TARGET_UNITS_REPORTED]))
		return false;
	recorded->unit_reports = records.reported;
	recorded->unit_report_count = records.count;
	recorded->units_reported = copy_field(loader, fields[TARGET_UNITS_REPORTED]);
	return true;
}

/* A reported value as typed in a spreadsheet: "352", "98%", "９８％" or
 * "352家" when the target counts in 家. The cell keeps only the number, in
 * ASCII, so the value reads "98%" and not "98%%": it is written to number
 * (the row's text is never written: it may be a read-only mapping of the
 * file) and the cell points there until it is copied. */
static bool read_reported(struct plan_loader *loader, const struct csv_row *row, const struct column_group *group,
			  struct field_text *fields, char number[TEXT_QUANTITY_SIZE], double *value)
{
	struct field_text *cell = &fields[TARGET_REPORTED];
	const char *column = column_name(loader, group->columns[TARGET_REPORTED]);
	struct typed_quantity typed;
	if (!text_parse_quantity(cell->text, cell->length, &typed)) {
		diag_error(loader->diag, loader->file, row->line, column,
			   _("\"%.*s\" is not a number; expected the reported value as digits, e.g. 352"),
			   (int)cell->length, cell->text);
		return false;
	}
	char unit[TEXT_QUANTITY_SIZE];
	struct field_text written = fields[TARGET_UNIT];
	snprintf(unit, sizeof unit, "%.*s", (int)written.length, written.text);
	if (!text_same_unit(typed.unit, unit)) {
		if (unit[0])
			diag_error(loader->diag, loader->file, row->line, column,
				   _("\"%.*s\" is not in the target's unit; expected a number of %s, e.g. 352 or 352%s"),
				   (int)cell->length, cell->text, unit, unit);
		else
			diag_error(loader->diag, loader->file, row->line, column,
				   _("\"%.*s\" is not a number; the target has no unit, expected digits, e.g. 352"),
				   (int)cell->length, cell->text);
		return false;
	}
	*value = typed.value;
	size_t length = strlen(typed.number);
	memcpy(number, typed.number, length + 1);
	cell->text = number;
	cell->length = length;
	return true;
}

static size_t read_targets(struct plan_loader *loader, const struct csv_row *row, size_t milestone_count)
{
	const struct group_set *set = &loader->targets;
	size_t count = 0;
	bool own_units = false;   /* some milestone names its own units */
	for (size_t m = 0; m < milestone_count; m++)
		own_units = own_units || loader->row_milestones[m].units;
	for (size_t g = 0; g < set->count; g++) {
		const struct column_group *group = &set->groups[g];
		struct field_text fields[TARGET_FIELDS];
		bool progress = false;
		if (!read_group(row, group, TARGET_FIELDS, TARGET_DEFINITION, fields, &progress)) {
			if (progress)
				diag_error(loader->diag, loader->file, row->line,
					   column_name(loader, group->columns[TARGET_REPORTED]),
					   _("a report is recorded for target %u, but the task has no such "
					   "target (its metric and value are empty)"),
					   group->number);
			continue;
		}
		struct target *target = &loader->row_targets[count];
		target->column_group = group->number;
		bool ok = true;
		if (fields[TARGET_METRIC].length == 0) {
			diag_error(loader->diag, loader->file, row->line,
				   column_name(loader, group->columns[TARGET_METRIC]),
				   _("target %u has no metric; expected the thing counted, e.g. 农业标准化程度"),
				   group->number);
			ok = false;
		}
		enum target_op op = TARGET_AT_LEAST;
		if (!target_op_parse(fields[TARGET_OP].text, fields[TARGET_OP].length, &op)) {
			diag_error(loader->diag, loader->file, row->line,
				   column_name(loader, group->columns[TARGET_OP]),
				   _("\"%.*s\" is not a comparison; expected >=, <= or ="),
				   (int)fields[TARGET_OP].length, fields[TARGET_OP].text);
			ok = false;
		}
		target->op = (uint8_t)op;
		if (!text_parse_decimal(fields[TARGET_VALUE].text, fields[TARGET_VALUE].length, &target->value)) {
			diag_error(loader->diag, loader->file, row->line,
				   column_name(loader, group->columns[TARGET_VALUE]),
				   _("\"%.*s\" is not a number; expected the target value as digits, e.g. 98 or 4.5"),
				   (int)fields[TARGET_VALUE].length, fields[TARGET_VALUE].text);
			ok = false;
		}
		struct target_record recorded = target_record_none;
		char reported_number[TEXT_QUANTITY_SIZE];   /* fields[TARGET_REPORTED] until it is copied */
		recorded.reported = fields[TARGET_REPORTED].length > 0;
		if (recorded.reported
		    && !read_reported(loader, row, group, fields, reported_number, &recorded.reported_value))
			ok = false;
		if (fields[TARGET_REPORTED_ON].length
		    && !date_parse(fields[TARGET_REPORTED_ON].text, fields[TARGET_REPORTED_ON].length,
				   &recorded.reported_on)) {
			diag_error(loader->diag, loader->file, row->line,
				   column_name(loader, group->columns[TARGET_REPORTED_ON]),
				   _("\"%.*s\" is not a valid date; expected the day of the report, as "
				   "YYYY-MM-DD, or nothing"),
				   (int)fields[TARGET_REPORTED_ON].length, fields[TARGET_REPORTED_ON].text);
			ok = false;
		}
		if (!ok)
			continue;
		target->metric = copy_field(loader, fields[TARGET_METRIC]);
		target->value_text = copy_field(loader, fields[TARGET_VALUE]);
		target->unit = copy_field(loader, fields[TARGET_UNIT]);
		loader->row_target_words[count] = fields[TARGET_TEXT];   /* placed by keep_requirement */
		recorded.reported_text = copy_field(loader, fields[TARGET_REPORTED]);
		recorded.report_note = copy_field(loader, fields[TARGET_NOTE]);
		target->milestone = target_milestone(loader, milestone_count, own_units, fields[TARGET_TEXT]);
		if (!read_target_progress(loader, row, group, fields, milestone_count, target, &recorded))
			return count;
		target->progress = keep_record(loader, progress, &recorded, sizeof recorded, &target_record_none);
		count++;
	}
	return count;
}

/* --- consistency (duty check) ------------------------------------------------ */

/* The column group numbered `number`; the groups are sorted by number. */
static const struct column_group *find_group(const struct group_set *set, unsigned number)
{
	size_t low = 0, high = set->count;
	while (low + 1 < high) {
		size_t middle = low + (high - low) / 2;
		if (set->groups[middle].number <= number)
			low = middle;
		else
			high = middle;
	}
	return &set->groups[low];
}

static void report_unit_difference(struct plan_loader *loader, const struct csv_row *row,
				   const struct task *task, const size_t *named, size_t named_count)
{
	const struct unit_directory *units = loader->units;
	/* Both lists are free of repeats: same length and every name of one
	 * in the other means the same set. Stamps keep it linear. */
	loader->row_number++;
	for (size_t i = 0; i < task->unit_count; i++)
		loader->unit_stamps[task->units[i]] = loader->row_number;
	bool same = named_count == task->unit_count;
	for (size_t i = 0; same && i < named_count; i++)
		same = loader->unit_stamps[named[i]] == loader->row_number;
	if (same)
		return;
	struct strbuf listed, written;
	strbuf_init(&listed);
	strbuf_init(&written);
	for (size_t i = 0; i < task->unit_count; i++)
		strbuf_printf(&listed, "%s%s", i ? ";" : "", units->units[task->units[i]].name);
	for (size_t i = 0; i < named_count; i++)
		strbuf_printf(&written, "%s%s", i ? ";" : "", units->units[named[i]].name);
	diag_warning(loader->diag, loader->file, row->line, column_name(loader, loader->fixed[PLAN_UNITS]),
		     _("the units (%s) are not the ones units_text names (%s)"), strbuf_text(&listed),
		     strbuf_text(&written));
	strbuf_free(&listed);
	strbuf_free(&written);
}

/* When milestones name their own units, each of the task's units should
 * have one of them. */
static void report_units_without_milestone(struct plan_loader *loader, const struct csv_row *row,
					   const struct task *task)
{
	for (size_t i = 0; i < task->unit_count; i++) {
		size_t unit = task->units[i];
		if (task_duty(loader->units, task, unit).responsible)
			continue;
		diag_warning(loader->diag, loader->file, row->line, column_name(loader, loader->fixed[PLAN_UNITS]),
			     _("%s is one of the task's units, but none of its milestones is %s's "
			       "(milestoneN_units names other units)"),
			     loader->units->units[unit].name, loader->units->units[unit].name);
	}
}

/* Warnings about data that loads but disagrees with itself: a deadline
 * that does not follow from its phrase, text that is not the
 * requirement's, units that are not what the source's wording names. */
static void check_consistency(struct plan_loader *loader, const struct csv_row *row, const struct task *task)
{
	struct diagnostics *diag = loader->diag;
	for (size_t m = 0; m < task->milestone_count; m++) {
		const struct milestone *milestone = &task->milestones[m];
		const struct column_group *group = find_group(&loader->milestones, milestone->column_group);
		const char *phrase_column = column_name(loader, group->columns[MILESTONE_PHRASE]);
		char written[DATE_TEXT_SIZE], rule[DATE_TEXT_SIZE];
		date_format(milestone->deadline, written);
		struct deadlines deadlines;
		enum phrase_status status = deadlines_from_phrase(milestone->phrase, strlen(milestone->phrase),
								  loader->plan->year, &deadlines);
		bool follows = false;
		for (size_t d = 0; d < deadlines.count; d++)
			follows = follows || deadlines.dates[d] == milestone->deadline;
		if (status == PHRASE_OTHER_YEAR && milestone->implied) {
			/* What duty import does with a phrase it cannot read. */
			diag_warning(diag, loader->file, row->line, phrase_column,
				     _("the time phrase \"%s\" falls outside the plan year %d, so the deadline is "
				     "the year's end (implied); set the deadline and implied to 0 once checked"),
				     milestone->phrase, loader->plan->year);
		} else if (status != PHRASE_KNOWN && milestone->implied) {
			diag_warning(diag, loader->file, row->line, phrase_column,
				     _("the time phrase \"%s\" is not one the deadline rule knows, so the deadline "
				     "is the year's end (implied); set the deadline and implied to 0 once checked"),
				     milestone->phrase);
		} else if (status != PHRASE_KNOWN) {
			diag_warning(diag, loader->file, row->line, phrase_column,
				     _("the time phrase \"%s\" is not one the deadline rule knows (N月前, N月底前, "
				     "N月D日前, 上半年, 一季度, 年底前, 到%d年底, 年内, 全年, 每年, 每月D日前, "
				     "每季度末, ...; see docs/data-format.md)"),
				     milestone->phrase, loader->plan->year);
		} else if (!follows) {
			date_format(deadlines.dates[0], rule);
			diag_warning(diag, loader->file, row->line,
				     column_name(loader, group->columns[MILESTONE_DEADLINE]),
				     _("the deadline %s does not follow from \"%s\", which means %s "
				     "(fine if it was moved on purpose)"),
				     written, milestone->phrase[0] ? milestone->phrase : "no time phrase", rule);
		}
		if (status == PHRASE_KNOWN && milestone->implied != (milestone->phrase[0] == '\0'))
			diag_warning(diag, loader->file, row->line,
				     column_name(loader, group->columns[MILESTONE_IMPLIED]),
				     milestone->implied ? _("implied is 1 but the milestone has the time phrase \"%s\"")
							: _("implied is 0 but the milestone has no time phrase%s"),
				     milestone->phrase);
		struct field_text text = milestone_text(task, milestone);
		if (milestone->phrase[0] && !text_find(text.text, text.length, milestone->phrase, strlen(milestone->phrase))
		    && !strstr(task->deadline_text, milestone->phrase))
			diag_warning(diag, loader->file, row->line, phrase_column,
				     _("the time phrase \"%s\" is not in the milestone's text"), milestone->phrase);
		if (milestone->text_start + milestone->text_length > strlen(task->requirement))   /* placed after it */
			diag_warning(diag, loader->file, row->line,
				     column_name(loader, group->columns[MILESTONE_TEXT]),
				     _("the milestone's text is not part of the requirement"));
	}
	for (size_t t = 0; t < task->target_count; t++) {
		const struct target *target = &task->targets[t];
		const struct column_group *group = find_group(&loader->targets, target->column_group);
		if (target->text_start + target->text_length > strlen(task->requirement))   /* placed after it */
			diag_warning(diag, loader->file, row->line, column_name(loader, group->columns[TARGET_TEXT]),
				     _("the target's text is not part of the requirement"));
	}
	if (!loader->units)
		return;
	report_units_without_milestone(loader, row, task);
	if (!task->units_text[0])
		return;
	bool etc = false;
	size_t named_count = 0;
	const char *column = column_name(loader, loader->fixed[PLAN_UNITS_TEXT]);
	size_t *named = units_parse_text(loader->units, task->units_text, &named_count, &etc, loader->file,
					 row->line, column, diag);
	if (!named) {
		loader->out_of_memory = true;
		return;
	}
	report_unit_difference(loader, row, task, named, named_count);
	if (etc != task->units_etc)
		diag_warning(diag, loader->file, row->line,
			     column_name(loader, loader->fixed[PLAN_UNITS_ETC] != SIZE_MAX
						 ? loader->fixed[PLAN_UNITS_ETC] : loader->fixed[PLAN_UNITS]),
			     etc ? _("units_text ends with 等 but units_etc is not 1")
				 : _("units_etc is 1 but units_text does not end with 等"));
	free(named);
}

static struct task *next_task_slot(struct plan_loader *loader)
{
	struct plan *plan = loader->plan;
	struct task *tasks = array_reserve(plan->tasks, &loader->task_capacity, plan->task_count, sizeof *tasks);
	if (!tasks) {
		loader->out_of_memory = true;
		return NULL;
	}
	plan->tasks = tasks;
	return &plan->tasks[plan->task_count];
}

static void require_text(struct plan_loader *loader, const struct csv_row *row, enum plan_column column,
			 const char *what)
{
	if (row_field(row, loader->fixed[column]).length == 0)
		diag_error(loader->diag, loader->file, row->line, column_name(loader, loader->fixed[column]),
			   _("the %s is empty; every task needs one"), _(what));
}

/* lead_units: the units that lead the task (牵头), each one of its units. */
static void read_lead_units(struct plan_loader *loader, const struct csv_row *row)
{
	if (loader->fixed[PLAN_LEAD_UNITS] == SIZE_MAX)
		return;
	struct field_text leads = row_field(row, loader->fixed[PLAN_LEAD_UNITS]);
	const char *column = column_name(loader, loader->fixed[PLAN_LEAD_UNITS]);
	loader->row_number++;
	struct unit_list_reader reader = { loader, &loader->row_leads, row->line, column };
	list_split(leads.text, leads.length, read_unit_name, &reader);
	for (size_t l = 0; l < loader->row_leads.count; l++) {
		bool listed = false;
		for (size_t u = 0; u < loader->row_units.count && !listed; u++)
			listed = loader->row_units.items[u] == loader->row_leads.items[l];
		if (!listed)
			diag_error(loader->diag, loader->file, row->line, column,
				   _("the lead unit \"%s\" is not one of the task's units; add it to units too"),
				   loader->units->units[loader->row_leads.items[l]].name);
	}
}

static bool has_header_width(struct plan_loader *loader, const struct csv_row *row)
{
	if (row->count == loader->width)
		return true;
	diag_error(loader->diag, loader->file, row->line, NULL,
		   _("this row has %zu fields but the header has %zu; check for a missing or "
		   "extra comma, or a quote that was not closed"),
		   row->count, loader->width);
	return false;
}

/* The task's id, unique in the file (kept task or not); *id_added: it is
 * new, and was added to the ids read. Returns false when out of memory. */
static bool read_id(struct plan_loader *loader, const struct csv_row *row, struct task *task, bool *id_added)
{
	*id_added = false;
	struct field_text id = row_field(row, loader->fixed[PLAN_ID]);
	const char *id_column = column_name(loader, loader->fixed[PLAN_ID]);
	if (!task_id_parse(id.text, id.length, &task->id)) {
		diag_error(loader->diag, loader->file, row->line, id_column,
			   _("the id \"%.*s\" is not a task number; expected a whole number like 12"),
			   (int)id.length, id.text);
		return true;
	}
	long first_line;
	if (!id_set_add(&loader->ids, task->id, row->line, &first_line)) {
		loader->out_of_memory = true;
		return false;
	}
	*id_added = !first_line;
	if (first_line)
		diag_error(loader->diag, loader->file, row->line, id_column,
			   _("the id %ld is used twice: task %ld is already on line %ld"), task->id, task->id,
			   first_line);
	return true;
}

/* A units cell read before: its units into loader->row_units. */
static bool recall_units(struct plan_loader *loader, struct field_text cell)
{
	size_t entry = name_index_get(loader->units_memo, cell.text, cell.length);
	if (entry == SIZE_MAX)
		return false;
	size_t count = loader->memo_counts[entry];
	struct unit_list *list = &loader->row_units;
	size_t *items = array_reserve(list->items, &list->capacity, count, sizeof *items);
	if (!items)
		return false;   /* read the cell again: that says out of memory */
	list->items = items;
	memcpy(items, loader->memo_lists[entry], count * sizeof *items);
	list->count = count;
	loader->row_units_kept = loader->memo_lists[entry];
	return true;
}

/* Keeps the row's units (loader->row_units) for the next row with the
 * same cell. Only a cell whose units were all found is kept; failing to
 * keep one costs time, not correctness. */
static void remember_units(struct plan_loader *loader, struct field_text cell)
{
	struct arena *arena = &loader->plan->arena;
	if (loader->memo_count == loader->memo_capacity) {
		size_t capacity = loader->memo_capacity ? loader->memo_capacity * 2 : 256;
		const size_t **lists = realloc(loader->memo_lists, capacity * sizeof *lists);
		if (lists)
			loader->memo_lists = lists;
		size_t *counts = realloc(loader->memo_counts, capacity * sizeof *counts);
		if (counts)
			loader->memo_counts = counts;
		if (!lists || !counts)
			return;
		loader->memo_capacity = capacity;
	}
	const char *key = arena_strndup(arena, cell.text, cell.length);   /* the file's text goes behind the reader */
	size_t count = loader->row_units.count;
	size_t *kept = arena_array(arena, count + 1, sizeof *kept);
	if (!key || !kept)
		return;
	if (count)   /* a cell of separators only has no units, and maybe no list yet */
		memcpy(kept, loader->row_units.items, count * sizeof *kept);
	if (!name_index_add(loader->units_memo, key, cell.length, loader->memo_count, NULL))
		return;
	loader->memo_lists[loader->memo_count] = kept;
	loader->memo_counts[loader->memo_count++] = count;
	loader->row_units_kept = kept;
}

/* The units cell (into loader->row_units), lead_units (into row_leads)
 * and units_etc. Returns false
 * when out of memory. */
static bool read_units(struct plan_loader *loader, const struct csv_row *row, struct task *task)
{
	struct field_text units = row_field(row, loader->fixed[PLAN_UNITS]);
	const char *units_column = column_name(loader, loader->fixed[PLAN_UNITS]);
	loader->row_units.count = 0;
	loader->row_leads.count = 0;
	loader->row_units_kept = NULL;
	if (loader->units) {
		if (!recall_units(loader, units)) {
			size_t errors_before = loader->diag->errors;
			loader->row_number++;
			struct unit_list_reader unit_reader = { loader, &loader->row_units, row->line, units_column };
			list_split(units.text, units.length, read_unit_name, &unit_reader);
			if (loader->diag->errors == errors_before && !loader->out_of_memory)
				remember_units(loader, units);
		}
		read_lead_units(loader, row);
		if (loader->out_of_memory)
			return false;
	}
	if (units.length == 0)
		diag_error(loader->diag, loader->file, row->line, units_column,
			   _("no responsible unit; expected canonical unit names separated by ';'"));
	if (loader->fixed[PLAN_UNITS_ETC] != SIZE_MAX) {
		struct field_text etc = row_field(row, loader->fixed[PLAN_UNITS_ETC]);
		if (!parse_bool(etc.text, etc.length, &task->units_etc))
			diag_error(loader->diag, loader->file, row->line,
				   column_name(loader, loader->fixed[PLAN_UNITS_ETC]),
				   _("\"%.*s\" is not 1 or 0; expected 1 when the source names further "
				   "units with 等"),
				   (int)etc.length, etc.text);
	}
	return true;
}

/* Where words are in the requirement: looked for from `from` first, as a
 * requirement's parts come in order, then before it. */
static const char *find_words(struct field_text requirement, size_t from, struct field_text words)
{
	/* Most parts start right there or at the next character (after a
	 * "；" or "，"): those two places first. A match starts where a
	 * character does (the text is UTF-8), so none is skipped between. */
	if (words.length && from + words.length <= requirement.length) {
		const char *at = requirement.text + from;
		if (at[0] == words.text[0] && memcmp(at, words.text, words.length) == 0)
			return at;
		unsigned char lead = (unsigned char)at[0];
		size_t next = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
		if (from + next + words.length <= requirement.length && at[next] == words.text[0]
		    && memcmp(at + next, words.text, words.length) == 0)
			return at + next;
	}
	const char *found = text_find(requirement.text + from, requirement.length - from, words.text, words.length);
	if (!found && from) {
		size_t before = from + words.length - 1 < requirement.length ? from + words.length - 1 : requirement.length;
		found = text_find(requirement.text, before, words.text, words.length);
	}
	return found;
}

/* The task's requirement, and where each milestone's and target's text
 * is in it: a milestone's text is the part of the requirement it governs
 * and a target's the words that set it, so each is found there, not
 * copied (milestone_text, target_text). Words a hand-edited plan gives
 * that are not in the requirement go after its NUL, in one allocation. */
static void keep_requirement(struct plan_loader *loader, const struct csv_row *row, struct task *task,
			     struct milestone *milestones, struct target *targets)
{
	struct field_text requirement = row_field(row, loader->fixed[PLAN_REQUIREMENT]);
	size_t count = 0, apart = 0;
	struct words_place *places = loader->row_words;
	for (size_t m = 0; m < task->milestone_count; m++)
		places[count++] = (struct words_place){ loader->row_milestone_words[m], &milestones[m].text_start,
							&milestones[m].text_length };
	for (size_t t = 0; t < task->target_count; t++)
		places[count++] = (struct words_place){ loader->row_target_words[t], &targets[t].text_start,
							&targets[t].text_length };
	size_t from = 0;
	for (size_t p = 0; p < count; p++) {
		if (p == task->milestone_count)
			from = 0;   /* the targets' words, in order too */
		struct field_text words = places[p].words;
		const char *found = find_words(requirement, from, words);
		/* Offsets fit: a plan file is at most FILE_SIZE_LIMIT (1 GiB). */
		*places[p].start = found ? (uint32_t)(found - requirement.text) : UINT32_MAX;
		*places[p].length = (uint32_t)words.length;
		if (found)
			from = (size_t)(found - requirement.text) + words.length;
		else
			apart += words.length;
	}
	if (!apart) {
		task->requirement = copy_field(loader, requirement);
		return;
	}
	char *block = arena_alloc(&loader->plan->arena, requirement.length + 1 + apart);
	if (!block) {
		loader->out_of_memory = true;
		task->requirement = "";
		return;
	}
	memcpy(block, requirement.text, requirement.length);
	block[requirement.length] = '\0';
	size_t end = requirement.length + 1;
	for (size_t p = 0; p < count; p++) {
		if (*places[p].start != UINT32_MAX)
			continue;
		memcpy(block + end, places[p].words.text, places[p].words.length);
		*places[p].start = (uint32_t)end;
		end += places[p].words.length;
	}
	task->requirement = block;
}

/* Copies a task whose row had no problem into the plan. */
/* A copy of a row's items in the plan's arena. No items take no memory:
 * every empty array is one static object (never written: it has no items). */
static void *keep_array(struct plan_loader *loader, const void *items, size_t count, size_t size)
{
	static union {
		size_t index;
		struct milestone milestone;
		struct target target;
	} no_items;
	if (!count)
		return &no_items;
	void *kept = arena_alloc(&loader->plan->arena, count * size);   /* counts are at most 65535 */
	if (!kept) {
		loader->out_of_memory = true;
		return &no_items;
	}
	memcpy(kept, items, count * size);
	return kept;
}

static bool keep_task(struct plan_loader *loader, const struct csv_row *row, struct task *task)
{
	struct plan *plan = loader->plan;
	task->title = copy_column(loader, row, loader->fixed[PLAN_TITLE]);
	task->units_text = copy_column(loader, row, loader->fixed[PLAN_UNITS_TEXT]);
	task->deadline_text = copy_column(loader, row, loader->fixed[PLAN_DEADLINE_TEXT]);
	size_t *task_units = loader->row_units_kept ? NULL
					: keep_array(loader, loader->row_units.items, loader->row_units.count,
						     sizeof *task_units);
	size_t *task_leads = keep_array(loader, loader->row_leads.items, loader->row_leads.count, sizeof *task_leads);
	struct milestone *milestones = keep_array(loader, loader->row_milestones, task->milestone_count,
						  sizeof *milestones);
	struct target *targets = keep_array(loader, loader->row_targets, task->target_count, sizeof *targets);
	/* Most plans have no extra columns: then no array for each task. */
	const char **extras = loader->extra_count ? arena_array(&plan->arena, loader->extra_count, sizeof *extras)
						  : NULL;
	if (loader->out_of_memory || (loader->extra_count && !extras)) {
		loader->out_of_memory = true;
		return false;
	}
	keep_requirement(loader, row, task, milestones, targets);
	if (loader->out_of_memory)
		return false;
	for (size_t e = 0; e < loader->extra_count; e++) {
		extras[e] = copy_column(loader, row, loader->extra[e]);
		if (!extras[e])
			return false;
	}
	task->units = task_units ? task_units : loader->row_units_kept;
	task->unit_count = loader->row_units.count;
	task->lead_units = task_leads;
	task->lead_unit_count = loader->row_leads.count;
	task->milestones = milestones;
	for (size_t m = 0; m < task->milestone_count; m++)
		milestones[m].completed_on = milestone_completion(loader->units, task, &milestones[m]);
	task->targets = targets;
	task->extras = extras;
	if (loader->options->thorough)
		check_consistency(loader, row, task);

	struct task *slot = next_task_slot(loader);
	if (!slot) {
		loader->out_of_memory = true;
		return false;
	}
	*slot = *task;
	plan->task_count++;
	return true;
}

/* One task row: every cell is checked, so one run reports all of a row's
 * problems; a row with none becomes a task. Returns false to stop reading
 * (out of memory, or a line past those a task can name). */
static bool read_task(struct plan_loader *loader, const struct csv_row *row)
{
	/* A task keeps its line in an int32_t. No file duty reads (at most
	 * FILE_SIZE_LIMIT bytes) comes near; text made in memory might. */
	if (row->line > INT32_MAX) {
		diag_error(loader->diag, loader->file, row->line, NULL,
			   _("the plan goes on past line %ld, more than duty reads"), (long)INT32_MAX);
		return false;
	}
	if (!has_header_width(loader, row))
		return true;
	size_t errors_before = loader->diag->errors;
	struct task task = { .line = row->line };
	bool id_added;
	if (!read_id(loader, row, &task, &id_added))
		return false;
	require_text(loader, row, PLAN_TITLE, N_("title"));
	require_text(loader, row, PLAN_REQUIREMENT, N_("requirement"));
	if (!read_units(loader, row, &task))
		return false;
	task.milestone_count = read_milestones(loader, row);
	task.target_count = read_targets(loader, row, task.milestone_count);
	if (loader->out_of_memory)
		return false;
	if (task.milestone_count == 0 && loader->diag->errors == errors_before)
		diag_error(loader->diag, loader->file, row->line,
			   column_name(loader, loader->milestones.groups[0].columns[MILESTONE_DEADLINE]),
			   _("the task has no milestone; expected at least milestone1_deadline and "
			   "milestone1_text (use %d-12-31 when the requirement gives no time)"),
			   loader->plan->year);
	if (loader->diag->errors != errors_before) {
		if (id_added && !id_set_drop_last(&loader->ids)) {
			loader->out_of_memory = true;
			return false;
		}
		return true;   /* keep reading: report every problem in the file */
	}
	return keep_task(loader, row, &task);   /* false only when out of memory */
}

static const char *plan_column_name(size_t index, void *context)
{
	const struct plan_loader *loader = context;
	return loader->have_header ? column_name(loader, index) : NULL;
}

static bool on_plan_row(const struct csv_row *row, void *context)
{
	struct plan_loader *loader = context;
	if (row_is_blank(row))
		return true;
	if (!loader->have_header) {
		if (header_is_row(row)) {
			if (!loader->have_year_row)
				diag_error(loader->diag, loader->file, row->line, NULL,
					   _("there is no plan_year row above the header; expected a row "
					   "like \"plan_year,2018\" before it"));
			return read_header(loader, row) && loader->have_year;
		}
		return read_preamble(loader, row);
	}
	bool go_on = read_task(loader, row);
	input_release(loader->input, row->end);
	return go_on;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Reads the input's text; the plan keeps copies of what it needs. */
static struct plan *load_from_input(const char *name, struct input *input,
				    const struct unit_directory *units, const struct load_options *options,
				    struct diagnostics *diag)
{
	struct plan *plan = calloc(1, sizeof *plan);
	if (!plan) {
		diag_memory_error(diag, name, 0, _("out of memory"));
		return NULL;
	}
	arena_init(&plan->arena);
	plan->units = units;
	plan->file = arena_strdup(&plan->arena, name);
	plan->encoding = input->encoding;
	size_t *unit_stamps = calloc(units ? units->count + 1 : 1, sizeof *unit_stamps);
	struct name_index *units_memo = name_index_new(1024);
	struct name_index *short_strings = name_index_new(256);   /* NULL: strings are copied */
	struct plan_loader loader = {
		.plan = plan,
		.units = units,
		.diag = diag,
		.file = name,
		.milestones = { &milestone_layout, NULL, 0 },
		.targets = { &target_layout, NULL, 0 },
		.options = options,
		.unit_stamps = unit_stamps,
		.units_memo = units_memo,
		.input = input,
		.ids = { .plan = plan },
		.short_strings = short_strings,
	};
	size_t errors_before = diag->errors;
	if (!plan->file || !unit_stamps || !units_memo) {
		loader.out_of_memory = true;
	} else {
		static const struct csv_callbacks callbacks = { on_plan_row, plan_column_name };
		csv_read(input->data, input->size, name, &callbacks, &loader, diag);
		if (!loader.out_of_memory && !loader.have_header && diag->errors == errors_before)
			diag_error(diag, name, input_line_of(input->data, input->size), NULL,
				   _("no header row found: expected a row naming the columns, starting "
				   "with \"id,title,requirement,units_text,units\""));
		else if (!loader.out_of_memory && plan->task_count == 0 && diag->errors == errors_before)
			diag_error(diag, name, 0, NULL, _("the plan has no tasks: expected one row per task below the header"));
		else if (!loader.out_of_memory && diag->errors == errors_before && !order_ids(plan))
			loader.out_of_memory = true;
	}
	if (loader.out_of_memory)
		diag_memory_error(diag, name, 0, _("out of memory while loading the plan"));
	if (!plan->title && !loader.out_of_memory)
		plan->title = arena_strdup(&plan->arena, base_name(name));
	free(unit_stamps);
	id_set_free(&loader.ids);
	name_index_free(units_memo);
	name_index_free(short_strings);
	free(loader.memo_lists);
	free(loader.memo_counts);
	free(loader.milestones.groups);
	free(loader.targets.groups);
	free(loader.extra);
	free(loader.row_milestones);
	free(loader.row_targets);
	free(loader.row_milestone_words);
	free(loader.row_target_words);
	free(loader.row_words);
	free(loader.row_units.items);
	free(loader.row_leads.items);
	free(loader.milestone_units.items);
	if (diag->errors != errors_before || !plan->title) {
		plan_free(plan);
		return NULL;
	}
	return plan;
}

struct plan *plan_load_input(const char *path, struct input *input, const struct unit_directory *units,
			     const struct load_options *options, struct diagnostics *diag)
{
	struct plan *plan = load_from_input(path, input, units, options, diag);
	input_free(input);
	return plan;
}

struct plan *plan_load_bytes(const char *name, const char *bytes, size_t size,
			     const struct unit_directory *units, const struct load_options *options,
			     struct diagnostics *diag)
{
	struct input input;
	if (!input_from_bytes(name, bytes, size, options->encoding, &input, diag))
		return NULL;
	struct plan *plan = load_from_input(name, &input, units, options, diag);
	input_free(&input);
	return plan;
}

struct plan *plan_load(const char *path, const struct unit_directory *units,
		       const struct load_options *options, struct diagnostics *diag)
{
	struct input input;
	if (!input_map_file(path, options->encoding, &input, diag))
		return NULL;
	return plan_load_input(path, &input, units, options, diag);
}
