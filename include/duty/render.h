/*
 * render.h - turning rows of text into output: terminal tables aligned by
 * display width and wrapped to fit, CSV cells, and JSON objects for the
 * model (one encoder per kind of object, printed one at a time so large
 * results never build one huge tree).
 */
#ifndef DUTY_RENDER_H
#define DUTY_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "duty/plan.h"
#include "duty/query.h"
#include "duty/text.h"

/* --- tables ------------------------------------------------------------- */

enum align { ALIGN_LEFT, ALIGN_RIGHT };

struct table_column {
	const char *header;
	enum align align;
	bool wraps;          /* may be narrowed and wrapped to fit the width */
};

/* How a row stands out on a colour terminal. */
enum row_color { ROW_PLAIN, ROW_RED, ROW_YELLOW, ROW_DIM };

struct table {
	const struct table_column *columns;
	size_t column_count;
	struct strbuf text;  /* every cell, NUL-separated */
	size_t *cells;       /* offsets into text, row-major */
	unsigned char *colors;   /* enum row_color per row */
	size_t row_count, cell_capacity, color_capacity;
	bool failed;
};

struct table_style {
	size_t width;        /* total width to fit in; 0 = no limit, no wrapping */
	size_t indent;       /* spaces before every line */
	bool header;         /* print the header and a rule under it */
	bool color;          /* use the rows' colours (ANSI escapes) */
};

void table_init(struct table *table, const struct table_column *columns, size_t column_count);
void table_free(struct table *table);
/* Adds a row of column_count cells (copied; NULL counts as ""). */
void table_add_row(struct table *table, const char *const *cells);
void table_add_colored_row(struct table *table, const char *const *cells, enum row_color color);
/* Returns false when out of memory. */
bool table_print(const struct table *table, const struct table_style *style, FILE *out);

/* --- CSV ------------------------------------------------------------------ */

/* Writes one record, quoting fields that need it, ending with LF. Unless
 * raw, a field a spreadsheet would run as a formula gets a leading '. */
void csv_write_record(FILE *out, const char *const *fields, size_t count, bool raw);

/* True when the field starts with =, +, -, @, tab or CR. */
bool csv_cell_is_formula(const char *field);

/* --- iCalendar (RFC 5545) -------------------------------------------------- */

void ics_begin(FILE *out, const char *name);
/* One all-day event for milestone index of task; stamp is DTSTAMP's date. */
void ics_event(FILE *out, const struct plan *plan, const struct task *task, size_t index, date_t stamp);
void ics_end(FILE *out);

/* --- JSON ----------------------------------------------------------------- */

/* A task as in docs/json.md; with_via adds "via" (null or the group). */
cJSON *json_task(const struct plan *plan, const struct task *task, bool with_via, size_t via);

/* A target as in docs/json.md, with its report. */
cJSON *json_target(const struct target *target);

/* Moves every field of object `from` to the end of `into`, and frees from. */
void json_move_fields(cJSON *into, cJSON *from);

/* One milestone of a due list. */
cJSON *json_due(const struct plan *plan, const struct milestone_match *match, bool with_via);

/* Prints an item at the given nesting depth (tabs), as cJSON formats it. */
void json_print_indented(FILE *out, const cJSON *item, int depth);

/* Streams a JSON array: begin, then items (each freed), then end. */
struct json_array_writer {
	FILE *out;
	int depth;
	size_t count;
	bool failed;
};

void json_array_begin(struct json_array_writer *writer, FILE *out, int depth);
void json_array_add(struct json_array_writer *writer, cJSON *item);
void json_array_end(struct json_array_writer *writer);

#endif
