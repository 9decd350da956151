/*
 * source.h - what the source readers (io/source_text.c, source_docx.c,
 * source_xlsx.c) share with io/source.c, which detects the kind of a
 * source and dispatches: the limits every reader keeps, and a builder that
 * adds cells and rows to a grid while keeping them. Callers outside the
 * readers use grid.h.
 */
#ifndef DUTY_SOURCE_H
#define DUTY_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "duty/grid.h"

/* Limits for hostile input; each one is a clear error when passed. */
enum {
	SOURCE_MAX_CELLS = 1000000,            /* cells of the rows kept, gaps filled */
	SOURCE_MAX_CELL_BYTES = 1024 * 1024,   /* text of one cell */
};

/* Adds rows to a grid. A row is started, given its cells left to right,
 * and ended; a row whose cells are all empty is dropped. Cell text is
 * copied into the grid's arena with CRLF and lone CR turned into "\n" and
 * white space (ASCII) trimmed at both ends. A limit passed or memory
 * running out is reported once in diag and sets failed; later calls are
 * then ignored. */
struct grid_builder {
	struct grid *grid;
	struct diagnostics *diag;
	const char **cells;        /* the row being built (cells in the arena) */
	size_t cell_count, cell_capacity;
	size_t row_capacity, preface_capacity;
	size_t total_cells;        /* in rows kept, including dropped tables' */
	long line;                 /* of the row being built, for messages */
	bool failed;
};

/* A new empty grid (NULL when out of memory, reported) and its builder. */
struct grid *grid_builder_start(struct grid_builder *builder, const char *name, enum source_kind kind,
				struct diagnostics *diag);
/* Frees the builder's scratch memory (not the grid). */
void grid_builder_finish(struct grid_builder *builder);

void grid_start_row(struct grid_builder *builder, long line);
bool grid_add_cell(struct grid_builder *builder, const char *text, size_t length);
bool grid_end_row(struct grid_builder *builder);
/* Forgets the rows added so far (a table without a header). */
void grid_drop_rows(struct grid_builder *builder);
/* A paragraph or line above the table; empty ones are skipped. */
bool grid_add_preface(struct grid_builder *builder, const char *text, size_t length);
/* Copies text into the grid's arena as it is (names, parts). */
const char *grid_keep(struct grid_builder *builder, const char *text, size_t length);

/* Whether some row of the grid is a header. */
bool grid_has_header(const struct grid *grid, grid_header_test is_header, void *context);

/* The readers, one per kind of source. Each reports its problems in diag
 * and returns NULL then; on success the grid holds a row is_header
 * accepts. The bytes are the whole source. */
struct grid *source_read_text(const char *name, const char *bytes, size_t size, enum encoding encoding,
			      grid_header_test is_header, void *context, struct diagnostics *diag);

struct zip_package;
struct grid *source_read_docx(struct zip_package *package, const char *name, grid_header_test is_header,
			      void *context, struct diagnostics *diag);
struct grid *source_read_xlsx(struct zip_package *package, const char *name, grid_header_test is_header,
			      void *context, struct diagnostics *diag);

#endif
