/*
 * import_cells.h - a cell of a received table as duty import keeps its
 * text: spaces of every kind trimmed, the cell's lines joined as its
 * column needs (unit names with 、, a requirement's paragraphs with ；),
 * and task numbers however the table writes them. Only import uses it.
 */
#ifndef DUTY_IMPORT_CELLS_H
#define DUTY_IMPORT_CELLS_H

#include <stdbool.h>
#include <stddef.h>

#include "duty/arena.h"
#include "duty/date.h"
#include "duty/grid.h"

/* How the lines of a cell are joined once its line breaks are removed.
 * Lines always join as they are where a mark ends or starts one, and with
 * a space between two Latin words. */
enum cell_lines {
	LINES_AS_TEXT,         /* a title or any other cell: nothing between them */
	LINES_AS_NAMES,        /* units, one name a line: 、 */
	LINES_AS_PARAGRAPHS,   /* a requirement: 、 between short items, else ； */
	LINES_AS_ITEMS,        /* a deadline cell: ； */
};

/* Bytes of the space at text[offset]: ASCII spaces and line breaks, the
 * ideographic space, the no-break space; 0 when there is none. */
size_t cell_space_at(const char *text, size_t length, size_t offset);

/* Whether the cell holds nothing but spaces. */
bool cell_is_blank(const char *cell);

/* The cell's text trimmed and on one line, copied into the arena; NULL
 * when memory ran out. */
const char *cell_clean(struct arena *arena, const char *cell, enum cell_lines lines);

/* The task number a cell gives ("1", "1.", "（一）", "第3", "01"); 0 when
 * it gives none. */
long cell_task_number(const char *cell);

/* A cell that holds only an Excel serial day number of 2000 to 2099
 * (36526 to 73050: a date cell saved as CSV, or formatted as a number):
 * the date as "YYYY-MM-DD"; false for any other cell. */
bool cell_excel_date(const char *cell, char text[DATE_TEXT_SIZE]);

/* The text of a row's cell, "" beyond its end or for a missing column
 * (SIZE_MAX). */
const char *row_cell(const struct grid_row *row, size_t column);

#endif
