/*
 * grid.h - a table as an office receives it, before it is a plan: rows of
 * cells of UTF-8 text read from a Word table (.docx), an Excel sheet
 * (.xlsx), a CSV/TSV file or text laid out one cell per line. The readers
 * (io/source*.c) only read; what the cells mean (which row is the header,
 * which column holds the units) is model/import's business.
 *
 * What every reader promises:
 *  - cells are valid UTF-8, trimmed of ASCII white space at both ends; a
 *    line break inside a cell is "\n" (never CR);
 *  - rows whose cells are all empty are left out; the others are kept in
 *    order with their line, title rows and repeated header rows included
 *    (the caller skips what it does not want);
 *  - rows may differ in length (an Excel row ends at its last non-empty
 *    cell): a cell past a row's count is empty;
 *  - merged cells: a cell spanning columns is followed by empty cells, so
 *    columns stay aligned; a cell merged down over several rows gives its
 *    text to each of them (a 责任单位 cell spanning three tasks' rows means
 *    the same units for each of the three); in Excel the text goes down
 *    the merge's first column only;
 *  - a number in Excel is written as Excel shows it ("2019", "0.3", "95%"),
 *    a date cell as YYYY-MM-DD.
 *
 * Everything lives in the grid's arena and is freed by grid_free.
 */
#ifndef DUTY_GRID_H
#define DUTY_GRID_H

#include <stdbool.h>
#include <stddef.h>

#include "duty/arena.h"
#include "duty/diag.h"
#include "duty/input.h"

struct grid_row {
	const char **cells;   /* UTF-8, NUL-terminated; a line break in a cell is "\n" */
	size_t count;
	long line;            /* where the row starts in the source, for messages: the
	                       * line of a text or CSV file, the row of a sheet, the
	                       * row of a Word table */
};

/* SOURCE_TEXT is one cell per line (the 2018 source's layout); SOURCE_CSV
 * is CSV or TSV. */
enum source_kind { SOURCE_TEXT, SOURCE_CSV, SOURCE_DOCX, SOURCE_XLSX };

struct grid {
	struct arena arena;
	const char *file;       /* the source's path, as given */
	enum source_kind kind;
	const char *part;       /* where in the source: the sheet's name, "table 2"; NULL if whole */
	const char **preface;   /* paragraphs or lines above the table (the title is among them):
	                         * a Word document's body paragraphs before the table, a text
	                         * file's lines before the header block; none for CSV or Excel,
	                         * whose title rows are rows */
	size_t preface_count;
	struct grid_row *rows;  /* every row of the table, title and header rows included */
	size_t row_count;
	enum encoding encoding; /* of a text or CSV source (ENCODING_AUTO for docx, xlsx) */
};

/* Says whether a row is the header of the table the caller wants. */
typedef bool (*grid_header_test)(const struct grid_row *row, void *context);

/* Reads the first table of the source at path that has a row for which
 * is_header holds (a Word document's top-level tables in order, a
 * workbook's sheets in order; a text or CSV source is one table). The kind
 * is found from the content (a ZIP holding word/document.xml or
 * xl/workbook.xml, else text; UTF-16 text with a byte order mark is
 * converted), not from the name. encoding applies to text and CSV sources.
 * is_header is called on complete rows, perhaps on rows of tables that are
 * then not kept. Problems go to diag as errors with the file's name (and
 * line, or archive part and XML line, when known) saying what the source
 * is and what was expected: an empty file, binary data, an old .doc/.xls,
 * a corrupt archive, broken XML, no table or sheet with a header, a limit
 * passed, or (CSV) each broken quote; returns NULL then. */
struct grid *source_read(const char *path, enum encoding encoding, grid_header_test is_header, void *context,
			 struct diagnostics *diag);

/* The same for bytes in memory (the fuzz harness); name is used in messages. */
struct grid *source_read_bytes(const char *name, const void *bytes, size_t size, enum encoding encoding,
			       grid_header_test is_header, void *context, struct diagnostics *diag);

void grid_free(struct grid *grid);

const char *source_kind_name(enum source_kind kind);   /* "text", "csv", "docx", "xlsx" */

#endif
