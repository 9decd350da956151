/*
 * table.h - terminal tables: cells aligned by display width, wrapped to fit
 * a width, rows coloured by state.
 */
#ifndef DUTY_TABLE_H
#define DUTY_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "duty/strbuf.h"

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
	unsigned long one_line;  /* bit c: column c's cells are cut to one line (table_shorten) */
	size_t row_count, cell_capacity, color_capacity;
	bool failed;
};

struct table_style {
	const char *name;    /* what the table is ("Milestones"): a workbook's sheet name; NULL if none */
	size_t width;        /* total width to fit in; 0 = no limit, no wrapping */
	size_t indent;       /* spaces before every line */
	bool header;         /* print the header and a rule under it */
	bool color;          /* use the rows' colours (ANSI escapes) */
};

void table_init(struct table *table, const struct table_column *columns, size_t column_count);
void table_free(struct table *table);
/* When the table is fitted to a width, the cells of this wrapping column
 * are cut to one line ending in "…" instead of wrapping: for text that a
 * row only needs to tell apart (a milestone's text beside its task). */
void table_shorten(struct table *table, size_t column);
/* Adds a row of column_count cells (copied; NULL counts as ""). */
void table_add_row(struct table *table, const char *const *cells);
void table_add_colored_row(struct table *table, const char *const *cells, enum row_color color);
/* The text of a cell, and of a column's header (translated). */
const char *table_cell(const struct table *table, size_t row, size_t column);
const char *table_header(const struct table *table, size_t column);

/* Returns false when out of memory. */
bool table_print(const struct table *table, const struct table_style *style, FILE *out);

#endif
