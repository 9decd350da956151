/*
 * import_header.h - the header of a received table: the row that names
 * its columns (序号, 重点工作, 年度进度要求, 责任单位, 牵头单位, 完成时限, ...),
 * however spaced, in full-width forms or split over two rows, and where
 * each kind of column is. Columns duty does not know are kept under their
 * names as the plan's extra columns.
 */
#ifndef DUTY_IMPORT_HEADER_H
#define DUTY_IMPORT_HEADER_H

#include <stdbool.h>
#include <stddef.h>

#include "duty/arena.h"
#include "duty/diag.h"
#include "duty/grid.h"

/* What a column of the source holds. */
enum column_role {
	ROLE_NUMBER, ROLE_TITLE, ROLE_REQUIREMENT, ROLE_UNITS, ROLE_LEAD, ROLE_SUPPORT, ROLE_DEADLINE,
	ROLE_COUNT, ROLE_OTHER = ROLE_COUNT
};

/* Whether a row is the header of a responsibility table: it names a task
 * or requirement column and at least one more known column, ignoring
 * spaces and full-width forms. The test source_read takes; context is
 * unused. */
bool import_is_header(const struct grid_row *row, void *context);

/* Whether a row below the header is the header again (on a new page): a
 * header row, or the lower row of a two-row header (only column names). */
bool import_is_header_again(const struct grid_row *row);

/* The first header row of the grid, or SIZE_MAX. */
size_t import_find_header(const struct grid *grid);

struct column_map {
	size_t header_row;
	size_t width;                /* cells of the header (of its wider row) */
	size_t of_role[ROLE_COUNT];  /* SIZE_MAX when the table has none */
	size_t *extra;               /* the columns kept as extra columns (malloc'ed) */
	const char **extra_names;    /* their header names, in the arena */
	size_t extra_count;
};

/* Maps the columns of the header at header_row: a role's first column; a
 * second task column is the requirement when the table has none; a header
 * of two rows (责任单位 over 牵头单位 and 配合单位) is read with its lower
 * row. An unknown column whose name the plan uses itself is left out, with
 * a warning in review. Returns false when memory ran out. */
bool column_map_read(struct column_map *map, const struct grid *grid, size_t header_row, struct arena *arena,
		     struct diagnostics *review);

void column_map_free(struct column_map *map);

#endif
