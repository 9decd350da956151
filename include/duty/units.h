/*
 * units.h - the directory of responsible units (责任单位): canonical names,
 * kinds, aliases, groups (各县（市、区）政府 = the 11 county governments) and
 * phrases (市、县两级食安办 = two units named at once). Units are referred
 * to by index everywhere else, so membership tests are array lookups, not
 * string compares.
 */
#ifndef DUTY_UNITS_H
#define DUTY_UNITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "duty/arena.h"
#include "duty/columns.h"
#include "duty/diag.h"
#include "duty/input.h"

/* Kinds with a meaning of their own; any other kind text is a plain unit. */
#define UNIT_KIND_GROUP "group"    /* responsible as a whole; members inherit its tasks */
#define UNIT_KIND_PHRASE "phrase"  /* a wording that stands for its members directly */
#define UNIT_KIND_OTHER "other"    /* what duty import calls a unit whose kind it cannot guess */
/* duty import writes this in the note of each unit it adds; duty check
 * warns about such units until the note is gone. */
#define UNIT_NOTE_GUESSED "kind guessed by duty import"

struct unit {
	const char *name;
	const char *kind;
	const char *note;
	const char **aliases;
	size_t alias_count;
	size_t *members;         /* direct members of a group or phrase */
	size_t member_count;
	size_t *groups;          /* groups containing this unit, directly or through other groups */
	size_t group_count;
	bool is_group;
	bool is_phrase;
	long line;               /* where it is defined */
};

struct name_index;

/* The unit directory's columns and the names a header may give them; the
 * first is duty's own. */
enum unit_column { UNIT_COLUMN_NAME, UNIT_COLUMN_KIND, UNIT_COLUMN_ALIASES, UNIT_COLUMN_MEMBERS, UNIT_COLUMN_NOTE,
		   UNIT_COLUMN_COUNT };
extern const struct column_name unit_directory_columns[UNIT_COLUMN_COUNT];

/* The most units a directory holds; one with more is refused. The plan
 * keeps its counts of units in uint16_t (duty/plan.h). */
#define UNIT_COUNT_MAX UINT16_MAX

struct unit_directory {
	struct arena arena;
	const char *file;
	struct unit *units;
	size_t count;
	struct name_index *index;   /* names and aliases -> unit */
};

/* Loads a unit directory CSV (columns: name, kind, aliases, members, note;
 * see docs/data-format.md). Returns NULL and reports in diag on problems. */
struct unit_directory *units_load(const char *path, const struct load_options *options,
				  struct diagnostics *diag);
struct unit_directory *units_load_bytes(const char *name, const char *bytes, size_t size,
					const struct load_options *options, struct diagnostics *diag);
void units_free(struct unit_directory *directory);

/* Exact match on a canonical name or an alias; SIZE_MAX when none. */
size_t units_find(const struct unit_directory *directory, const char *name, size_t length);

enum unit_match { UNIT_FOUND, UNIT_AMBIGUOUS, UNIT_UNKNOWN };

struct unit_resolution {
	enum unit_match match;
	size_t unit;                /* when found */
	size_t *candidates;         /* ambiguous: the matching units; unknown: the closest names */
	size_t candidate_count;
};

/*
 * What a user typed after --unit: a canonical name, an alias, or a
 * substring of exactly one unit's name or aliases. Ambiguous input lists
 * the units it matches; unknown input lists up to three closest names.
 * Free with unit_resolution_free.
 */
struct unit_resolution units_resolve(const struct unit_directory *directory, const char *query);
void unit_resolution_free(struct unit_resolution *resolution);

/* How deep groups may nest (a group in a group in a group ...): deeper
 * nesting is refused when the directory loads, which keeps loading
 * linear in the directory's size. */
enum { UNIT_GROUP_DEPTH_MAX = 32 };

/* True when unit is a member of group, directly or through nested groups. */
bool unit_in_group(const struct unit_directory *directory, size_t unit, size_t group);

/* Units in their directory order that are not phrases. */
bool unit_is_listed(const struct unit *unit);

/* lead: the name was marked as leading ("市农业局（牵头）", marker cut off). */
typedef bool (*wording_name_callback)(const char *name, size_t length, bool lead, void *context);

/* The one reader of a source's unit wording. Calls back with each unit
 * name, in order: the text is cut into segments at ， , ； ; or a line
 * break, and a segment into names at 、 outside brackets (各县（市、区）政府
 * stays one name), unless the directory (may be NULL) knows the whole
 * segment as one name. A segment "市、县两级X、Y" names 市X, 县级X, 市Y and
 * 县级Y. *etc is set when a segment ends with 等, 等部门 or 等单位 (cut
 * off). Stops when the callback returns false. */
void units_split_wording(const struct unit_directory *directory, const char *text, bool *etc,
			 wording_name_callback callback, void *context);

/*
 * Reads a source-document unit list such as
 * "各县（市、区）政府、功能区管委会，市市场监管局等部门": reads its names with
 * units_split_wording, resolves each name, expands phrases, and notes a
 * trailing 等 / 等部门 in *etc. Unknown names are reported to diag as
 * warnings, with line and column. The result (malloc'ed, caller frees) holds unit indexes in
 * order, without repeats.
 */
size_t *units_parse_text(const struct unit_directory *directory, const char *text, size_t *count,
			 bool *etc, const char *file, long line, const char *column,
			 struct diagnostics *diag);

/* What a unit the directory does not have probably is, from its name:
 * 市…局/委/办 a city_department, …县/市/区政府 a county_government, 县级…
 * a county_department, …管委会 a zone_committee, …食安办 an office, 各… or
 * …成员单位 a group of the units of one kind (member_kind; the kind is
 * "other" when it cannot tell which), else "other". */
struct unit_guess {
	const char *kind;
	const char *member_kind;   /* for a group: the kind of its members */
};
struct unit_guess unit_guess_kind(const char *name);

#endif
