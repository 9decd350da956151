/*
 * units.c - loading the unit directory, resolving names typed by users or
 * written in the source document, and group membership.
 *
 * Loading is two passes over the rows: the first reads every unit and its
 * aliases into the name index, the second resolves group members (which may
 * name units defined further down), checks for cycles, and records for each
 * unit the groups that contain it.
 */
#include "duty/units.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "duty/array.h"
#include "duty/strbuf.h"
#include "duty/input.h"
#include "duty/names.h"
#include "duty/columns.h"
#include "duty/text.h"
#include "duty/i18n.h"

enum { COLUMN_NAME = UNIT_COLUMN_NAME, COLUMN_KIND = UNIT_COLUMN_KIND, COLUMN_ALIASES = UNIT_COLUMN_ALIASES,
       COLUMN_MEMBERS = UNIT_COLUMN_MEMBERS, COLUMN_NOTE = UNIT_COLUMN_NOTE, COLUMN_COUNT = UNIT_COLUMN_COUNT };

const struct column_name unit_directory_columns[UNIT_COLUMN_COUNT] = {
	[COLUMN_NAME] = { { "name", "单位", "名称", NULL } },
	[COLUMN_KIND] = { { "kind", "类别", "类型", NULL } },
	[COLUMN_ALIASES] = { { "aliases", "别名", NULL } },
	[COLUMN_MEMBERS] = { { "members", "成员", NULL } },
	[COLUMN_NOTE] = { { "note", "备注", "说明", NULL } },
};

static const char *const column_labels[COLUMN_COUNT] = { "name", "kind", "aliases", "members", "note" };

struct pending_members {
	const char *text;   /* the members cell, resolved in the second pass */
	long line;
};

struct units_loader {
	struct unit_directory *directory;
	size_t *member_stamps;     /* per unit: the last group whose members named it */
	struct diagnostics *diag;
	const char *file;
	bool have_header;
	size_t header_width;
	size_t columns[COLUMN_COUNT];
	const char *column_names[COLUMN_COUNT];   /* as written in the header */
	size_t unit_capacity, member_capacity;   /* of directory->units and members */
	struct pending_members *members;         /* per unit, parallel to directory->units */
	bool thorough;                           /* duty check: warn about guesses too */
	bool too_deep;                           /* nesting beyond UNIT_GROUP_DEPTH_MAX was reported */
	bool out_of_memory;
};

size_t units_find(const struct unit_directory *directory, const char *name, size_t length)
{
	return name_index_get(directory->index, name, length);
}

bool unit_is_listed(const struct unit *unit)
{
	return !unit->is_phrase;
}

static const char *column_label(const struct units_loader *loader, int column)
{
	return loader->column_names[column] ? loader->column_names[column] : column_labels[column];
}

static bool read_header(struct units_loader *loader, const struct csv_row *row)
{
	loader->have_header = true;
	loader->header_width = row->count;
	bool ok = true;
	for (int c = 0; c < COLUMN_COUNT; c++) {
		loader->columns[c] = column_find(row, &unit_directory_columns[c]);
		if (loader->columns[c] != SIZE_MAX) {
			loader->column_names[c] = arena_strndup(&loader->directory->arena,
								row->fields[loader->columns[c]].data,
								row->fields[loader->columns[c]].length);
		} else if (c == COLUMN_NAME || c == COLUMN_KIND) {
			diag_error(loader->diag, loader->file, row->line, NULL,
				   _("the header has no \"%s\" column; expected a header row like "
				   "\"name,kind,aliases,members,note\""),
				   column_labels[c]);
			ok = false;
		}
	}
	return ok;
}

struct alias_collector {
	struct units_loader *loader;
	struct unit *unit;
	size_t unit_index;
	long line;
	bool count_only;
};

static bool add_name(struct units_loader *loader, const char *name, size_t length, size_t unit,
		     long line, const char *column)
{
	size_t existing;
	if (!name_index_add(loader->directory->index, name, length, unit, &existing)) {
		loader->out_of_memory = true;
		return false;
	}
	if (existing != SIZE_MAX && existing != unit) {
		const struct unit *other = &loader->directory->units[existing];
		diag_error(loader->diag, loader->file, line, column,
			   _("\"%.*s\" already names the unit \"%s\" (line %ld); "
			   "each name or alias may belong to one unit only"),
			   (int)length, name, other->name, other->line);
	}
	return true;
}

static bool collect_alias(const char *item, size_t length, void *context)
{
	struct alias_collector *collector = context;
	struct unit *unit = collector->unit;
	if (!collector->count_only) {
		char *alias = arena_strndup(&collector->loader->directory->arena, item, length);
		if (!alias) {
			collector->loader->out_of_memory = true;
			return false;
		}
		unit->aliases[unit->alias_count] = alias;
		add_name(collector->loader, alias, length, collector->unit_index, collector->line,
			 column_label(collector->loader, COLUMN_ALIASES));
	}
	unit->alias_count++;
	return true;
}

static bool read_unit(struct units_loader *loader, const struct csv_row *row)
{
	struct unit_directory *directory = loader->directory;
	if (row->count != loader->header_width) {
		diag_error(loader->diag, loader->file, row->line, NULL,
			   _("this row has %zu fields but the header has %zu; "
			   "check for a missing or extra comma"),
			   row->count, loader->header_width);
		return true;
	}
	struct field_text name = row_field(row, loader->columns[COLUMN_NAME]);
	struct field_text kind = row_field(row, loader->columns[COLUMN_KIND]);
	if (name.length == 0) {
		diag_error(loader->diag, loader->file, row->line, column_label(loader, COLUMN_NAME),
			   _("the unit name is empty; expected the unit's canonical name"));
		return true;
	}
	if (kind.length == 0) {
		diag_error(loader->diag, loader->file, row->line, column_label(loader, COLUMN_KIND),
			   _("the kind of \"%.*s\" is empty; expected e.g. city_department, "
			   "county_government, office, group or phrase"),
			   (int)name.length, name.text);
		return true;
	}

	/* A plan counts a task's units in 16 bits (duty/plan.h). */
	if (directory->count == UNIT_COUNT_MAX) {
		diag_error(loader->diag, loader->file, row->line, NULL,
			   _("the directory has more than %d units, more than duty reads"), UNIT_COUNT_MAX);
		return false;
	}
	struct unit *units = array_reserve(directory->units, &loader->unit_capacity, directory->count, sizeof *units);
	if (units)
		directory->units = units;
	struct pending_members *pending = array_reserve(loader->members, &loader->member_capacity, directory->count,
							sizeof *pending);
	if (pending)
		loader->members = pending;
	if (!units || !pending) {
		loader->out_of_memory = true;
		return false;
	}
	size_t index = directory->count;
	struct unit *unit = &directory->units[index];
	memset(unit, 0, sizeof *unit);
	struct arena *arena = &directory->arena;
	unit->name = arena_strndup(arena, name.text, name.length);
	unit->kind = arena_strndup(arena, kind.text, kind.length);
	struct field_text note = row_field(row, loader->columns[COLUMN_NOTE]);
	unit->note = arena_strndup(arena, note.text, note.length);
	unit->line = row->line;
	unit->is_group = strcmp(unit->kind, UNIT_KIND_GROUP) == 0;
	unit->is_phrase = strcmp(unit->kind, UNIT_KIND_PHRASE) == 0;
	if (!unit->name || !unit->kind || !unit->note) {
		loader->out_of_memory = true;
		return false;
	}
	directory->count++;
	add_name(loader, unit->name, name.length, index, row->line, column_label(loader, COLUMN_NAME));
	if (loader->thorough && strstr(unit->note, UNIT_NOTE_GUESSED))
		diag_warning(loader->diag, loader->file, row->line, column_label(loader, COLUMN_KIND),
			     _("the kind \"%s\" of \"%s\" was guessed by duty import (see its note); check it, "
			     "then delete the note"),
			     unit->kind, unit->name);

	struct field_text aliases = row_field(row, loader->columns[COLUMN_ALIASES]);
	struct alias_collector collector = { loader, unit, index, row->line, true };
	list_split(aliases.text, aliases.length, collect_alias, &collector);
	unit->aliases = arena_array(arena, unit->alias_count + 1, sizeof *unit->aliases);
	if (!unit->aliases) {
		loader->out_of_memory = true;
		return false;
	}
	unit->alias_count = 0;
	collector.count_only = false;
	list_split(aliases.text, aliases.length, collect_alias, &collector);

	struct field_text members = row_field(row, loader->columns[COLUMN_MEMBERS]);
	loader->members[index].line = row->line;
	loader->members[index].text = arena_strndup(arena, members.text, members.length);
	if (!loader->members[index].text) {
		loader->out_of_memory = true;
		return false;
	}
	if (members.length && !unit->is_group && !unit->is_phrase)
		diag_error(loader->diag, loader->file, row->line, column_label(loader, COLUMN_MEMBERS),
			   _("\"%s\" has members but its kind is \"%s\"; only a group or a phrase "
			   "has members"),
			   unit->name, unit->kind);
	if (!members.length && (unit->is_group || unit->is_phrase))
		diag_error(loader->diag, loader->file, row->line, column_label(loader, COLUMN_MEMBERS),
			   _("the %s \"%s\" has no members; expected unit names separated by ';'"),
			   unit->kind, unit->name);
	return !loader->out_of_memory;
}

static const char *unit_column_name(size_t index, void *context)
{
	const struct units_loader *loader = context;
	for (int c = 0; loader->have_header && c < COLUMN_COUNT; c++)
		if (loader->columns[c] == index)
			return column_label(loader, c);
	return NULL;
}

static bool on_unit_row(const struct csv_row *row, void *context)
{
	struct units_loader *loader = context;
	if (row_is_blank(row))
		return true;
	if (!loader->have_header)
		return read_header(loader, row);   /* without its columns, stop */
	return read_unit(loader, row);
}

/* --- second pass: members and groups ------------------------------------- */

struct member_collector {
	struct units_loader *loader;
	size_t unit_index;
	size_t *members;
	size_t count;
	size_t capacity;
};

static bool push_member(struct member_collector *collector, size_t member)
{
	/* A member named twice counts once; the stamp keeps this O(1). */
	size_t *stamp = &collector->loader->member_stamps[member];
	if (*stamp == collector->unit_index + 1)
		return true;
	*stamp = collector->unit_index + 1;
	size_t *members = array_reserve(collector->members, &collector->capacity, collector->count, sizeof *members);
	if (!members) {
		collector->loader->out_of_memory = true;
		return false;
	}
	collector->members = members;
	collector->members[collector->count++] = member;
	return true;
}

static void report_unknown(const struct unit_directory *directory, struct diagnostics *diag,
			   enum severity severity, const char *file, long line, const char *column,
			   const char *what, const char *name, size_t length);

static bool collect_member(const char *item, size_t length, void *context)
{
	struct member_collector *collector = context;
	struct units_loader *loader = collector->loader;
	struct unit_directory *directory = loader->directory;
	const struct unit *unit = &directory->units[collector->unit_index];
	long line = loader->members[collector->unit_index].line;
	const char *column = column_label(loader, COLUMN_MEMBERS);
	static const char kind_prefix[] = "kind:";
	if (length > sizeof kind_prefix - 1 && memcmp(item, kind_prefix, sizeof kind_prefix - 1) == 0) {
		const char *kind = item + sizeof kind_prefix - 1;
		size_t kind_length = length - (sizeof kind_prefix - 1);
		size_t found = 0;
		for (size_t i = 0; i < directory->count; i++) {
			const char *other = directory->units[i].kind;
			if (i != collector->unit_index && strlen(other) == kind_length
			    && memcmp(other, kind, kind_length) == 0) {
				found++;
				if (!push_member(collector, i))
					return false;
			}
		}
		if (!found)
			diag_error(loader->diag, loader->file, line, column,
				   _("\"%.*s\": no unit in the directory has the kind \"%.*s\""),
				   (int)length, item, (int)kind_length, kind);
		return true;
	}
	size_t member = units_find(directory, item, length);
	if (member == SIZE_MAX) {
		report_unknown(directory, loader->diag, SEVERITY_ERROR, loader->file, line, column, _("member"),
			       item, length);
		return true;
	}
	if (member == collector->unit_index) {
		diag_error(loader->diag, loader->file, line, column, _("\"%s\" lists itself as a member"),
			   unit->name);
		return true;
	}
	if (directory->units[member].is_phrase) {
		/* A phrase inside a group stands for its units. */
		diag_error(loader->diag, loader->file, line, column,
			   _("\"%.*s\" is a phrase, not a unit; list the units it stands for instead"),
			   (int)length, item);
		return true;
	}
	return push_member(collector, member);
}

static bool resolve_members(struct units_loader *loader)
{
	struct unit_directory *directory = loader->directory;
	loader->member_stamps = calloc(directory->count + 1, sizeof *loader->member_stamps);
	if (!loader->member_stamps) {
		loader->out_of_memory = true;
		return false;
	}
	for (size_t u = 0; u < directory->count; u++) {
		struct unit *unit = &directory->units[u];
		const char *text = loader->members[u].text;
		if (!unit->is_group && !unit->is_phrase)
			continue;
		struct member_collector collector = { loader, u, NULL, 0, 0 };
		list_split(text, strlen(text), collect_member, &collector);
		if (loader->out_of_memory) {
			free(collector.members);
			return false;
		}
		unit->members = arena_array(&directory->arena, collector.count + 1, sizeof *unit->members);
		if (!unit->members) {
			free(collector.members);
			loader->out_of_memory = true;
			return false;
		}
		if (collector.count)
			memcpy(unit->members, collector.members, collector.count * sizeof *unit->members);
		unit->member_count = collector.count;
		free(collector.members);
	}
	return true;
}

enum visit { UNVISITED, VISITING, DONE };

/* Depth-first search over group membership; reports each cycle once, and
 * nesting deeper than UNIT_GROUP_DEPTH_MAX (which also bounds the
 * recursion and the groups each unit is in). */
static bool find_cycles(struct units_loader *loader, size_t unit, unsigned char *state, size_t *path,
			size_t depth)
{
	struct unit_directory *directory = loader->directory;
	state[unit] = VISITING;
	path[depth] = unit;
	bool clean = true;
	const struct unit *current = &directory->units[unit];
	for (size_t m = 0; m < current->member_count; m++) {
		size_t member = current->members[m];
		if (!directory->units[member].is_group)
			continue;
		if (state[member] == UNVISITED && depth + 1 >= UNIT_GROUP_DEPTH_MAX) {
			state[unit] = DONE;
			if (loader->too_deep)
				return false;   /* said once is enough */
			loader->too_deep = true;
			diag_error(loader->diag, loader->file, directory->units[path[0]].line,
				   column_label(loader, COLUMN_MEMBERS),
				   _("groups are nested more than %d levels deep (%s contains %s, which contains ... "
				     "%s); duty allows %d"),
				   UNIT_GROUP_DEPTH_MAX, directory->units[path[0]].name, directory->units[path[1]].name,
				   directory->units[member].name, UNIT_GROUP_DEPTH_MAX);
			return false;
		}
		if (state[member] == VISITING) {
			struct strbuf cycle;
			strbuf_init(&cycle);
			size_t from = depth;
			while (from > 0 && path[from] != member)
				from--;
			for (size_t i = from; i <= depth; i++) {
				strbuf_puts(&cycle, directory->units[path[i]].name);
				strbuf_puts(&cycle, " -> ");
			}
			strbuf_puts(&cycle, directory->units[member].name);
			diag_error(loader->diag, loader->file, directory->units[member].line,
				   column_label(loader, COLUMN_MEMBERS),
				   _("groups contain each other in a cycle: %s"), strbuf_text(&cycle));
			strbuf_free(&cycle);
			clean = false;
		} else if (state[member] == UNVISITED) {
			clean = find_cycles(loader, member, state, path, depth + 1) && clean;
		}
	}
	state[unit] = DONE;
	return clean;
}

/* Lists every unit reachable from group through members (stamped with
 * stamp in seen) into reached; returns how many. Linear in what it
 * reaches, which the depth limit keeps small. */
static size_t mark_reachable(const struct unit_directory *directory, size_t group, size_t *seen, size_t stamp,
			     size_t *stack, size_t *reached)
{
	size_t top = 0, count = 0;
	stack[top++] = group;
	while (top) {
		const struct unit *current = &directory->units[stack[--top]];
		for (size_t m = 0; m < current->member_count; m++) {
			size_t member = current->members[m];
			if (seen[member] == stamp)
				continue;
			seen[member] = stamp;
			if (member != group)
				reached[count++] = member;
			if (directory->units[member].is_group)
				stack[top++] = member;
		}
	}
	return count;
}

static bool compute_groups(struct units_loader *loader)
{
	struct unit_directory *directory = loader->directory;
	size_t count = directory->count;
	size_t *seen = calloc(count ? count : 1, sizeof *seen);
	size_t *stack = malloc((count ? count : 1) * sizeof *stack);
	size_t *reached = malloc((count ? count : 1) * sizeof *reached);
	size_t *group_counts = calloc(count ? count : 1, sizeof *group_counts);
	bool ok = seen && stack && reached && group_counts;
	size_t stamp = 0;
	/* Two rounds: count each unit's groups, then fill them in. */
	for (int round = 0; ok && round < 2; round++) {
		if (round == 1) {
			for (size_t u = 0; u < count && ok; u++) {
				directory->units[u].groups =
					arena_array(&directory->arena, group_counts[u] + 1, sizeof(size_t));
				ok = directory->units[u].groups != NULL;
			}
		}
		for (size_t g = 0; ok && g < count; g++) {
			if (!directory->units[g].is_group)
				continue;
			size_t found = mark_reachable(directory, g, seen, ++stamp, stack, reached);
			for (size_t i = 0; i < found; i++) {
				size_t u = reached[i];
				if (round == 0)
					group_counts[u]++;
				else
					directory->units[u].groups[directory->units[u].group_count++] = g;
			}
		}
	}
	free(seen);
	free(stack);
	free(reached);
	free(group_counts);
	if (!ok)
		loader->out_of_memory = true;
	return ok;
}

static bool finish_directory(struct units_loader *loader)
{
	struct unit_directory *directory = loader->directory;
	if (!resolve_members(loader))
		return false;
	size_t count = directory->count;
	unsigned char *state = calloc(count ? count : 1, 1);
	size_t *path = malloc((count ? count : 1) * sizeof *path);
	if (!state || !path) {
		free(state);
		free(path);
		loader->out_of_memory = true;
		return false;
	}
	bool acyclic = true;
	for (size_t u = 0; u < count; u++)
		if (directory->units[u].is_group && state[u] == UNVISITED)
			acyclic = find_cycles(loader, u, state, path, 0) && acyclic;
	free(state);
	free(path);
	/* Membership is only computed for an acyclic directory; a cyclic one
	 * is refused anyway. */
	return acyclic ? compute_groups(loader) : true;
}

void units_free(struct unit_directory *directory)
{
	if (!directory)
		return;
	name_index_free(directory->index);
	free(directory->units);
	arena_free(&directory->arena);
	free(directory);
}

static struct unit_directory *load_from_input(const char *name, const struct input *input,
					      const struct load_options *options, struct diagnostics *diag)
{
	struct unit_directory *directory = calloc(1, sizeof *directory);
	if (!directory) {
		diag_memory_error(diag, name, 0, _("out of memory"));
		return NULL;
	}
	arena_init(&directory->arena);
	directory->file = arena_strdup(&directory->arena, name);
	directory->index = name_index_new(64);
	size_t errors_before = diag->errors;
	struct units_loader loader = { .directory = directory, .diag = diag, .file = name,
				       .thorough = options->thorough };
	if (!directory->file || !directory->index) {
		loader.out_of_memory = true;
	} else {
		static const struct csv_callbacks callbacks = { on_unit_row, unit_column_name };
		csv_read(input->data, input->size, name, &callbacks, &loader, diag);
		if (!loader.out_of_memory && !loader.have_header)
			diag_error(diag, name, 0, NULL,
				   _("the file has no rows: expected a header row \"name,kind,aliases,members,note\""));
		else if (!loader.out_of_memory && directory->count == 0 && diag->errors == errors_before)
			diag_error(diag, name, 0, NULL, _("the directory lists no units: expected one row per unit"));
		if (!loader.out_of_memory && diag->errors == errors_before)
			finish_directory(&loader);
	}
	if (loader.out_of_memory)
		diag_memory_error(diag, name, 0, _("out of memory while loading the unit directory"));
	free(loader.members);
	free(loader.member_stamps);
	if (diag->errors != errors_before) {
		units_free(directory);
		return NULL;
	}
	return directory;
}

struct unit_directory *units_load_bytes(const char *name, const char *bytes, size_t size,
					const struct load_options *options, struct diagnostics *diag)
{
	struct input input;
	if (!input_from_bytes(name, bytes, size, options->encoding, &input, diag))
		return NULL;
	struct unit_directory *directory = load_from_input(name, &input, options, diag);
	input_free(&input);
	return directory;
}

struct unit_directory *units_load(const char *path, const struct load_options *options,
				  struct diagnostics *diag)
{
	struct input input;
	if (!input_read_file(path, options->encoding, &input, diag))
		return NULL;
	struct unit_directory *directory = load_from_input(path, &input, options, diag);
	input_free(&input);
	return directory;
}

/* --- resolution ------------------------------------------------------------ */

bool unit_in_group(const struct unit_directory *directory, size_t unit, size_t group)
{
	const struct unit *member = &directory->units[unit];
	for (size_t g = 0; g < member->group_count; g++)
		if (member->groups[g] == group)
			return true;
	return false;
}

void unit_resolution_free(struct unit_resolution *resolution)
{
	free(resolution->candidates);
	resolution->candidates = NULL;
	resolution->candidate_count = 0;
}

static bool unit_matches_substring(const struct unit *unit, const char *query)
{
	if (text_contains(unit->name, query))
		return true;
	for (size_t a = 0; a < unit->alias_count; a++)
		if (text_contains(unit->aliases[a], query))
			return true;
	return false;
}

/* Up to three units whose name or alias is nearest to query, nearest
 * first, within a distance that still looks like a typo: about one edit
 * per three characters. */
static size_t closest_units(const struct unit_directory *directory, const char *query, size_t *out)
{
	size_t best_distance[3] = { SIZE_MAX, SIZE_MAX, SIZE_MAX };
	size_t count = 0;
	size_t length = utf8_length(query);
	if (length > 64)
		return 0;   /* no unit name is this long: nothing is close */
	size_t limit = length / 3 + 1;
	for (size_t u = 0; u < directory->count; u++) {
		const struct unit *unit = &directory->units[u];
		size_t distance = text_edit_distance(query, unit->name);
		for (size_t a = 0; a < unit->alias_count; a++) {
			size_t d = text_edit_distance(query, unit->aliases[a]);
			if (d < distance)
				distance = d;
		}
		if (distance > limit)
			continue;
		size_t slot = count < 3 ? count : 3;
		while (slot > 0 && best_distance[slot - 1] > distance) {
			if (slot < 3) {
				best_distance[slot] = best_distance[slot - 1];
				out[slot] = out[slot - 1];
			}
			slot--;
		}
		if (slot < 3) {
			best_distance[slot] = distance;
			out[slot] = u;
			if (count < 3)
				count++;
		}
	}
	return count;
}

struct unit_resolution units_resolve(const struct unit_directory *directory, const char *query)
{
	struct unit_resolution resolution = { .match = UNIT_UNKNOWN, .unit = SIZE_MAX };
	const char *trimmed = query;
	size_t length = text_trim(&trimmed, strlen(query));
	if (length == 0)
		return resolution;
	size_t exact = units_find(directory, trimmed, length);
	if (exact != SIZE_MAX) {
		resolution.match = UNIT_FOUND;
		resolution.unit = exact;
		return resolution;
	}
	char *needle = malloc(length + 1);
	resolution.candidates = malloc((directory->count + 3) * sizeof *resolution.candidates);
	if (!needle || !resolution.candidates) {
		free(needle);
		unit_resolution_free(&resolution);
		return resolution;
	}
	memcpy(needle, trimmed, length);
	needle[length] = '\0';
	for (size_t u = 0; u < directory->count; u++) {
		const struct unit *unit = &directory->units[u];
		if (!unit->is_phrase && unit_matches_substring(unit, needle))
			resolution.candidates[resolution.candidate_count++] = u;
	}
	if (resolution.candidate_count == 1) {
		resolution.match = UNIT_FOUND;
		resolution.unit = resolution.candidates[0];
		resolution.candidate_count = 0;
	} else if (resolution.candidate_count > 1) {
		resolution.match = UNIT_AMBIGUOUS;
	} else {
		resolution.candidate_count = closest_units(directory, needle, resolution.candidates);
	}
	free(needle);
	return resolution;
}

static void report_unknown(const struct unit_directory *directory, struct diagnostics *diag,
			   enum severity severity, const char *file, long line, const char *column,
			   const char *what, const char *name, size_t length)
{
	char *query = malloc(length + 1);
	if (!query) {
		diag_report(diag, severity, file, line, column, _("unknown %s \"%.*s\""), what, (int)length, name);
		return;
	}
	memcpy(query, name, length);
	query[length] = '\0';
	size_t closest[3];
	size_t count = closest_units(directory, query, closest);
	struct strbuf hint;
	strbuf_init(&hint);
	for (size_t i = 0; i < count; i++) {
		strbuf_puts(&hint, i ? ", " : _("; did you mean "));
		strbuf_puts(&hint, directory->units[closest[i]].name);
	}
	diag_report(diag, severity, file, line, column,
		    _("unknown %s \"%s\": it is neither a name nor an alias in the unit directory%s"), what,
		    query, strbuf_text(&hint));
	strbuf_free(&hint);
	free(query);
}

/* --- source-document unit lists ------------------------------------------ */

struct text_units {
	const struct unit_directory *directory;
	size_t *units;
	size_t count, capacity;
	bool *listed;      /* per unit: already in the list */
	bool failed;
};

static void add_text_unit(struct text_units *list, size_t unit)
{
	const struct unit *entry = &list->directory->units[unit];
	if (entry->is_phrase) {
		for (size_t m = 0; m < entry->member_count; m++)
			add_text_unit(list, entry->members[m]);
		return;
	}
	if (list->listed[unit])
		return;
	list->listed[unit] = true;
	size_t *units = array_reserve(list->units, &list->capacity, list->count, sizeof *units);
	if (!units) {
		list->failed = true;
		return;
	}
	list->units = units;
	list->units[list->count++] = unit;
}

/* The first of the strings at text, or NULL: its length in *length. */
static const char *separator_at(const char *text, size_t length, const char *const *separators, size_t *found)
{
	for (size_t s = 0; separators[s]; s++)
		if (text_starts_at(text, length, 0, separators[s])) {
			*found = strlen(separators[s]);
			return separators[s];
		}
	return NULL;
}

/* Cuts a trailing 等, 等部门 or 等单位 off a segment. */
static size_t strip_etc(const char *segment, size_t length, bool *etc)
{
	static const char *const endings[] = { "等部门", "等单位", "等" };
	for (size_t e = 0; e < 3; e++)
		if (text_ends_at(segment, length, endings[e])) {
			*etc = true;
			return length - strlen(endings[e]);
		}
	return length;
}

/* "市农业局（牵头）": the marker is cut off and *lead set. */
static size_t strip_lead_marker(const char *name, size_t length, bool *lead)
{
	static const char *const markers[] = { "（牵头单位）", "（牵头部门）", "（牵头）", "(牵头)", "牵头", NULL };
	*lead = false;
	for (size_t i = 0; markers[i]; i++)
		if (text_ends_at(name, length, markers[i]) && length > strlen(markers[i])) {
			*lead = true;
			return text_trim(&name, length - strlen(markers[i]));
		}
	return length;
}

/* Hands a name over; with two levels (市、县两级X), X as 市X and 县级X. */
static bool hand_over(const char *name, size_t length, bool two_levels, wording_name_callback callback,
		      void *context)
{
	bool lead;
	length = strip_lead_marker(name, length, &lead);
	if (!length)
		return true;
	if (!two_levels)
		return callback(name, length, lead, context);
	static const char *const levels[] = { "市", "县级" };
	bool go_on = true;
	for (size_t l = 0; l < 2 && go_on; l++) {
		struct strbuf level = STRBUF_INIT;
		strbuf_puts(&level, levels[l]);
		strbuf_append(&level, name, length);
		/* Out of memory: the name as written, which nothing knows. */
		go_on = level.failed ? callback(name, length, lead, context)
				     : callback(level.data, level.length, lead, context);
		strbuf_free(&level);
	}
	return go_on;
}

/* Calls back with the names of a segment split at 、 outside brackets:
 * 各县（市、区）政府 is one name. */
static bool split_names(const char *segment, size_t length, bool two_levels, wording_name_callback callback,
			void *context)
{
	static const char *const name_separators[] = { "\xE3\x80\x81" /* 、 */, NULL };
	static const char *const opening[] = { "\xEF\xBC\x88" /* （ */, "(", NULL };
	static const char *const closing[] = { "\xEF\xBC\x89" /* ） */, ")", NULL };
	size_t depth = 0, name_start = 0;
	for (size_t i = 0; i <= length;) {
		size_t step = 1;
		bool cut = i == length;
		if (!cut && separator_at(segment + i, length - i, opening, &step))
			depth++;
		else if (!cut && separator_at(segment + i, length - i, closing, &step))
			depth -= depth > 0;
		else if (!cut && depth == 0 && separator_at(segment + i, length - i, name_separators, &step))
			cut = true;
		if (cut) {
			const char *name = segment + name_start;
			size_t name_length = text_trim(&name, i - name_start);
			if (name_length && !hand_over(name, name_length, two_levels, callback, context))
				return false;
			name_start = i + step;
		}
		i += step;
	}
	return true;
}

void units_split_wording(const struct unit_directory *directory, const char *text, bool *etc,
			 wording_name_callback callback, void *context)
{
	static const char *const segment_separators[] = { "\xEF\xBC\x8C" /* ， */, ",", "\n", "\xEF\xBC\x9B" /* ； */,
							  ";", NULL };
	static const char *const two_level_prefixes[] = { "市、县（市、区）两级", "市、县两级", "市县两级", NULL };
	*etc = false;
	size_t length = strlen(text);
	for (size_t start = 0; start <= length;) {
		/* One segment: up to the next ， , ； or line break. */
		size_t end = start, separator_length = 0;
		while (end < length && !separator_at(text + end, length - end, segment_separators, &separator_length))
			end++;
		const char *segment = text + start;
		size_t segment_length = strip_etc(segment, text_trim(&segment, end - start), etc);
		bool lead;
		size_t whole_length = strip_lead_marker(segment, segment_length, &lead);
		/* A segment that is a name as a whole is not split. */
		if (whole_length && directory && units_find(directory, segment, whole_length) != SIZE_MAX) {
			if (!callback(segment, whole_length, lead, context))
				return;
		} else {
			size_t prefix = 0;
			separator_at(segment, segment_length, two_level_prefixes, &prefix);
			if (!split_names(segment + prefix, segment_length - prefix, prefix > 0, callback, context))
				return;
		}
		if (end >= length)
			break;
		start = end + separator_length;
	}
}

struct wording_reader {
	struct text_units list;
	struct diagnostics *diag;
	const char *file, *column;
	long line;
};

static bool resolve_wording_name(const char *name, size_t length, bool lead, void *context)
{
	(void)lead;
	struct wording_reader *reader = context;
	const struct unit_directory *directory = reader->list.directory;
	size_t unit = units_find(directory, name, length);
	if (unit == SIZE_MAX)
		report_unknown(directory, reader->diag, SEVERITY_WARNING, reader->file, reader->line, reader->column,
			       _("unit"), name, length);
	else
		add_text_unit(&reader->list, unit);
	return !reader->list.failed;
}

size_t *units_parse_text(const struct unit_directory *directory, const char *text, size_t *count,
			 bool *etc, const char *file, long line, const char *column,
			 struct diagnostics *diag)
{
	struct wording_reader reader = {
		.list = { .directory = directory }, .diag = diag, .file = file, .column = column, .line = line,
	};
	reader.list.listed = calloc(directory->count + 1, sizeof *reader.list.listed);
	if (reader.list.listed)
		units_split_wording(directory, text, etc, resolve_wording_name, &reader);
	free(reader.list.listed);
	if (!reader.list.listed || reader.list.failed) {
		free(reader.list.units);
		diag_memory_error(diag, file, line, _("out of memory reading the unit list"));
		return NULL;
	}
	*count = reader.list.count;
	if (!reader.list.units)
		reader.list.units = malloc(sizeof *reader.list.units);
	return reader.list.units;
}

/* --- guessing what a new unit is ------------------------------------------ */

struct unit_guess unit_guess_kind(const char *name)
{
	size_t length = strlen(name);
	struct unit_guess guess = { UNIT_KIND_OTHER, NULL };
	bool several = text_starts_at(name, length, 0, "各") || strstr(name, "成员单位") != NULL;
	if (several) {
		/* A name for several units: a group of the units of one kind. */
		if (strstr(name, "成员单位") || (strstr(name, "市") && strstr(name, "部门")))
			guess.member_kind = "city_department";
		else if ((strstr(name, "县") || strstr(name, "区")) && text_ends_at(name, length, "政府"))
			guess.member_kind = "county_government";
		if (guess.member_kind)
			guess.kind = UNIT_KIND_GROUP;
		return guess;
	}
	if (text_ends_at(name, length, "食安办") || text_ends_at(name, length, "食品安全委员会办公室")) {
		guess.kind = text_starts_at(name, length, 0, "县") ? "county_office" : "office";
		return guess;
	}
	if (strstr(name, "管委会") || strstr(name, "管理委员会")) {
		guess.kind = "zone_committee";
		return guess;
	}
	static const char *const governments[] = { "县人民政府", "市人民政府", "区人民政府", "县政府", "市政府",
						   "区政府", NULL };
	for (size_t i = 0; governments[i]; i++)
		if (text_ends_at(name, length, governments[i]) && length > strlen(governments[i])) {
			guess.kind = "county_government";
			return guess;
		}
	if (text_starts_at(name, length, 0, "县级") || text_starts_at(name, length, 0, "县（市、区）")) {
		guess.kind = "county_department";
		return guess;
	}
	static const char *const offices[] = { "局", "委", "办", "委员会", "办公室", "部", "部门", "厅", "中心", "院",
					       "支队", "总队", "分局", NULL };
	bool office = false;
	for (size_t i = 0; offices[i] && !office; i++)
		office = text_ends_at(name, length, offices[i]) && length > strlen(offices[i]);
	if (office && text_starts_at(name, length, 0, "市"))
		guess.kind = "city_department";
	else if (office && (strstr(name, "县") || strstr(name, "区")))
		guess.kind = "county_department";   /* 县教育局, 区市场监管局 */
	return guess;
}
