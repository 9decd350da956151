/*
 * import_units.c - the unit directory an import resolves names against
 * and the one it writes: new units with guessed kinds, the directory's
 * text, and each task's units in it.
 */
#include "import_units.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "duty/array.h"
#include "duty/csvread.h"
#include "duty/csvwrite.h"
#include "duty/i18n.h"
#include "duty/names.h"
#include "duty/safefile.h"

bool import_load_known_units(struct import_state *state)
{
	const char *path = state->options->units_path;
	if (!path)
		return true;
	struct input input;
	if (!file_read(path, &state->known_bytes, &state->known_bytes_size, state->diag)
	    || !input_from_bytes(path, state->known_bytes, state->known_bytes_size, state->options->encoding, &input,
				 state->diag))
		return false;
	struct load_options options = { .encoding = ENCODING_UTF8 };
	state->known = units_load_bytes(path, input.data, input.size, &options, state->diag);
	state->known_text = input.data;
	state->known_size = input.size;
	state->directory_encoding = input.encoding;
	input.data = NULL;
	input_free(&input);
	return state->known != NULL;
}

/* --- new units ------------------------------------------------------------- */

struct unit_collector {
	struct import_state *state;
	const struct draft_task *task;
	size_t names;                /* the task's names read so far */
};

static bool collect_new_unit(const char *name, size_t length, bool lead, void *context)
{
	(void)lead;
	struct unit_collector *collector = context;
	struct import_state *state = collector->state;
	collector->names++;
	if (state->known && units_find(state->known, name, length) != SIZE_MAX)
		return true;
	if (name_index_get(state->new_names, name, length) != SIZE_MAX)
		return true;
	struct new_unit *units = array_reserve(state->new_units, &state->new_unit_capacity, state->new_unit_count,
					       sizeof *units);
	const char *kept = arena_strndup(state->arena, name, length);
	if (!units || !kept || !name_index_add(state->new_names, kept, length, state->new_unit_count, NULL)) {
		import_out_of_memory(state);
		return false;
	}
	state->new_units = units;
	units[state->new_unit_count++] = (struct new_unit){ kept, unit_guess_kind(kept), collector->task->line,
							    collector->task->id };
	return true;
}

/* Whether a unit of the kind is in the directory or among the new units. */
static bool kind_exists(const struct import_state *state, const char *kind)
{
	for (size_t u = 0; state->known && u < state->known->count; u++)
		if (strcmp(state->known->units[u].kind, kind) == 0)
			return true;
	for (size_t u = 0; u < state->new_unit_count; u++)
		if (strcmp(state->new_units[u].guess.kind, kind) == 0)
			return true;
	return false;
}

static void review_new_unit(struct import_state *state, const struct new_unit *unit)
{
	struct strbuf hint = STRBUF_INIT;
	if (state->known) {
		struct unit_resolution near = units_resolve(state->known, unit->name);
		for (size_t i = 0; i < near.candidate_count && i < 3; i++) {
			strbuf_puts(&hint, i ? ", " : _("; did you mean "));
			strbuf_puts(&hint, state->known->units[near.candidates[i]].name);
		}
		unit_resolution_free(&near);
	}
	if (unit->guess.member_kind)
		diag_warning(state->review, state->source, unit->line, NULL,
			     _("new unit \"%s\" (task %ld): a group, guessed from its name, of every unit of "
			     "kind %s%s"),
			     unit->name, unit->task, unit->guess.member_kind, strbuf_text(&hint));
	else
		diag_warning(state->review, state->source, unit->line, NULL,
			     _("new unit \"%s\" (task %ld): kind %s, guessed from its name%s"), unit->name, unit->task,
			     unit->guess.kind, strbuf_text(&hint));
	strbuf_free(&hint);
}

static bool collect_new_units(struct import_state *state)
{
	state->new_names = name_index_new(64);
	if (!state->new_names) {
		import_out_of_memory(state);
		return false;
	}
	size_t errors = state->diag->errors;
	for (size_t t = 0; t < state->task_count && !state->failed; t++) {
		struct draft_task *task = &state->tasks[t];
		struct unit_collector collector = { state, task, 0 };
		bool etc;
		units_split_wording(state->known, strbuf_text(&task->units_text), &etc, collect_new_unit, &collector);
		if (task->lead_text.length)
			units_split_wording(state->known, strbuf_text(&task->lead_text), &etc, collect_new_unit,
					    &collector);
		if (collector.names == 0 && !state->failed)
			diag_error(state->diag, state->source, task->line, NULL,
				   _("task %ld: the units cell \"%s\" names no unit; fill in the responsible units in the "
				   "source"),
				   task->id, strbuf_text(&task->units_text));
	}
	if (state->diag->errors != errors)
		return false;
	/* A group needs members: of a kind that has units. */
	for (size_t u = 0; u < state->new_unit_count; u++) {
		struct unit_guess *guess = &state->new_units[u].guess;
		if (guess->member_kind && !kind_exists(state, guess->member_kind)) {
			guess->kind = UNIT_KIND_OTHER;
			guess->member_kind = NULL;
		}
	}
	for (size_t u = 0; u < state->new_unit_count; u++)
		review_new_unit(state, &state->new_units[u]);
	state->result->new_unit_count = state->new_unit_count;
	return !state->failed;
}

/* --- the written directory -------------------------------------------------- */

/* The directory's columns: which field is which, its line ends and its
 * encoding. */
struct directory_layout {
	size_t width;
	size_t columns[UNIT_COLUMN_COUNT];
	const char *newline;
	enum encoding encoding;
};

static bool read_layout(const struct csv_row *row, void *context)
{
	struct directory_layout *layout = context;
	if (row_is_blank(row))
		return true;
	layout->width = row->count;
	for (int c = 0; c < UNIT_COLUMN_COUNT; c++)
		layout->columns[c] = column_find(row, &unit_directory_columns[c]);
	return false;
}

/* The given directory's bytes as they are, in its encoding, with or
 * without a byte order mark (its header tells the layout); else a header
 * of duty's own columns in UTF-8 with a byte order mark. */
static void start_directory(const struct import_state *state, struct strbuf *out, struct directory_layout *layout)
{
	*layout = (struct directory_layout){ .width = UNIT_COLUMN_COUNT, .newline = "\n",
					     .encoding = state->directory_encoding };
	if (!state->known_text) {
		strbuf_puts(out, "\xEF\xBB\xBF");
		for (int c = 0; c < UNIT_COLUMN_COUNT; c++) {
			layout->columns[c] = (size_t)c;
			strbuf_puts(out, c ? "," : "");
			strbuf_puts(out, unit_directory_columns[c].names[0]);
		}
		strbuf_puts(out, layout->newline);
		return;
	}
	struct diagnostics quiet;
	diagnostics_init(&quiet, 0);
	static const struct csv_callbacks callbacks = { read_layout, NULL };
	csv_read(state->known_text, state->known_size, "", &callbacks, layout, &quiet);
	diagnostics_free(&quiet);
	const char *bytes = state->known_bytes;
	size_t size = state->known_bytes_size;
	if (memchr(bytes, '\r', size))
		layout->newline = "\r\n";
	strbuf_append(out, bytes, size);
	if (size && bytes[size - 1] != '\n')
		strbuf_puts(out, layout->newline);
}

/* A value of a new unit's row, in the directory's encoding, checked by
 * the one rule for values duty writes. False when it cannot be written
 * (said why) or memory ran out. */
static bool put_value(struct import_state *state, struct strbuf *out, const struct new_unit *unit, const char *value,
		      enum encoding encoding)
{
	struct value_check check;
	if (csv_value_check(value, encoding, &check)) {
		if (strbuf_put_csv_value(out, value, encoding))
			return true;
		import_out_of_memory(state);   /* the check found it could be written */
		return false;
	}
	if (check.problem == VALUE_NO_MEMORY) {
		import_out_of_memory(state);
		return false;
	}
	struct strbuf why = STRBUF_INIT;
	csv_value_explain(&why, &check);
	diag_error(state->diag, state->source, unit->line, NULL,
		   _("the new unit \"%s\" cannot be written into the unit directory: %s"), unit->name,
		   strbuf_text(&why));
	strbuf_free(&why);
	return false;
}

/* A new unit's row in the directory's columns; its note says the kind
 * was guessed. */
static bool write_new_unit(struct import_state *state, struct strbuf *out, const struct new_unit *unit,
			   const struct directory_layout *layout, const char **fields)
{
	struct strbuf members = STRBUF_INIT;
	if (unit->guess.member_kind)
		strbuf_printf(&members, "kind:%s", unit->guess.member_kind);
	const char *values[UNIT_COLUMN_COUNT] = {
		[UNIT_COLUMN_NAME] = unit->name,
		[UNIT_COLUMN_KIND] = unit->guess.kind,
		[UNIT_COLUMN_ALIASES] = "",
		[UNIT_COLUMN_MEMBERS] = strbuf_text(&members),
		[UNIT_COLUMN_NOTE] = UNIT_NOTE_GUESSED ": check it, then delete this note "
				     "(类别由 duty import 按名称猜测，核对后删除本说明)",
	};
	for (size_t f = 0; f < layout->width; f++)
		fields[f] = "";
	for (int c = 0; c < UNIT_COLUMN_COUNT; c++)
		if (layout->columns[c] < layout->width)
			fields[layout->columns[c]] = values[c];
	bool ok = !members.failed;
	if (!ok)
		import_out_of_memory(state);
	for (size_t f = 0; f < layout->width && ok; f++) {
		if (f)
			strbuf_putc(out, ',');
		ok = put_value(state, out, unit, fields[f], layout->encoding);
	}
	strbuf_puts(out, layout->newline);
	strbuf_free(&members);
	return ok;
}

/* The new units' rows, after the directory's own. */
static bool write_new_units(struct import_state *state, struct strbuf *out, const struct directory_layout *layout)
{
	const char **fields = calloc(layout->width + 1, sizeof *fields);
	if (!fields)
		import_out_of_memory(state);
	bool ok = fields != NULL;
	for (size_t u = 0; ok && u < state->new_unit_count; u++)
		ok = write_new_unit(state, out, &state->new_units[u], layout, fields);
	free(fields);
	if (ok && out->failed)
		import_out_of_memory(state);
	return ok && !out->failed;
}

static bool write_directory(struct import_state *state)
{
	struct strbuf out = STRBUF_INIT;
	struct directory_layout layout;
	start_directory(state, &out, &layout);
	if (!write_new_units(state, &out, &layout)) {
		strbuf_free(&out);
		return false;
	}
	state->result->units_size = out.length;
	state->result->units_text = strbuf_detach(&out);
	if (!state->result->units_text)
		import_out_of_memory(state);
	return state->result->units_text != NULL;
}

/* The directory as written, loaded back: new units and kind: groups. */
static bool load_directory(struct import_state *state)
{
	struct load_options options = { .encoding = state->directory_encoding };
	const char *name = state->options->units_out_path ? state->options->units_out_path : "units.csv";
	state->final = units_load_bytes(name, state->result->units_text, state->result->units_size, &options,
					state->diag);
	return state->final != NULL;
}

bool import_add_new_units(struct import_state *state)
{
	return collect_new_units(state) && write_directory(state) && load_directory(state);
}

/* --- each task's units ----------------------------------------------------- */

/* The units of one task, in the order of its wording, and which lead. */
struct name_list {
	const struct unit_directory *directory;
	size_t *units;
	size_t count;
	bool *listed;                /* per unit of the directory */
	bool *leads;                 /* per unit: marked （牵头）, or in the lead cell */
	bool lead_cell;              /* reading the lead cell */
};

static void add_unit(struct name_list *list, size_t unit, bool lead)
{
	const struct unit *entry = &list->directory->units[unit];
	if (entry->is_phrase) {
		/* 市、县两级食安办: the units it stands for. */
		for (size_t m = 0; m < entry->member_count; m++)
			add_unit(list, entry->members[m], lead);
		return;
	}
	if (lead || list->lead_cell)
		list->leads[unit] = true;
	if (!list->listed[unit] && !list->lead_cell) {
		list->listed[unit] = true;
		list->units[list->count++] = unit;
	}
}

static bool add_name(const char *name, size_t length, bool lead, void *context)
{
	struct name_list *list = context;
	size_t unit = units_find(list->directory, name, length);
	if (unit != SIZE_MAX)   /* always: every name is in the written directory */
		add_unit(list, unit, lead);
	return true;
}

static bool resolve_task_units(struct import_state *state, struct draft_task *task, struct name_list *list)
{
	size_t count = list->directory->count;
	list->count = 0;
	list->lead_cell = false;
	memset(list->listed, 0, (count + 1) * sizeof *list->listed);
	memset(list->leads, 0, (count + 1) * sizeof *list->leads);
	units_split_wording(list->directory, strbuf_text(&task->units_text), &task->units_etc, add_name, list);
	if (task->lead_text.length) {
		bool etc;
		list->lead_cell = true;
		units_split_wording(list->directory, strbuf_text(&task->lead_text), &etc, add_name, list);
	}
	task->units = arena_array(state->arena, list->count + 1, sizeof *task->units);
	task->leads = arena_array(state->arena, list->count + 1, sizeof *task->leads);
	if (!task->units || !task->leads) {
		import_out_of_memory(state);
		return false;
	}
	for (size_t u = 0; u < list->count; u++) {
		task->units[task->unit_count++] = list->units[u];
		if (list->leads[list->units[u]])
			task->leads[task->lead_count++] = list->units[u];
	}
	return true;
}

bool import_resolve_units(struct import_state *state)
{
	const struct unit_directory *directory = state->final;
	size_t count = directory->count;
	struct name_list list = { directory, calloc(count + 1, sizeof(size_t)), 0, calloc(count + 1, sizeof(bool)),
				  calloc(count + 1, sizeof(bool)), false };
	if (!list.units || !list.listed || !list.leads)
		import_out_of_memory(state);
	for (size_t t = 0; t < state->task_count && !state->failed; t++)
		resolve_task_units(state, &state->tasks[t], &list);
	/* Units as the overview counts them: the directory's, phrases left out. */
	for (size_t u = 0; u < count; u++)
		state->result->unit_count += unit_is_listed(&directory->units[u]);
	free(list.units);
	free(list.listed);
	free(list.leads);
	return !state->failed;
}
