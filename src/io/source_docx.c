/*
 * source_docx.c - the table of a Word document (.docx): word/document.xml
 * read in one pass, keeping the first top-level table (w:tbl) in document
 * order that has a row the caller's header test accepts.
 *
 *  - A cell's paragraphs (w:p) are joined with "\n"; its text is that of
 *    the w:t elements, a w:br or w:cr is "\n", a w:tab a space. Tables
 *    nested in a cell add their paragraphs to the cell's text, not rows.
 *  - A cell spanning N grid columns (w:gridSpan) is followed by N-1 empty
 *    cells, and w:gridBefore gives empty cells at the row's start, so a
 *    row's cells stay aligned with the header's columns.
 *  - A vertically merged cell (w:vMerge without val="restart") repeats the
 *    text of the cell above: in a responsibility table a 责任单位 cell
 *    merged over three rows means the same units for each of the three.
 *  - Paragraphs of the body before the table (the title is usually among
 *    them) are the preface. A row's line is its number in the table.
 *  - Text boxes and drawings, alternate content fallbacks, and tracked
 *    deletions and moves away are not read; automatic list numbering is
 *    not text and is not read either.
 */
#include "duty/source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duty/array.h"
#include "duty/strbuf.h"
#include "duty/zipxml.h"
#include "duty/i18n.h"

enum { MAX_SPAN = 1000 };

struct docx_reader {
	struct grid_builder *builder;
	struct zip_package *package;
	grid_header_test is_header;
	void *context;
	int table_depth;          /* w:tbl elements open */
	int skip_depth;           /* > 0 inside content that is not read */
	int run_depth;            /* w:r elements open */
	bool in_text;             /* inside w:t */
	bool in_cell;             /* inside a cell of the top-level table */
	size_t paragraphs;        /* in the cell so far */
	struct strbuf text;       /* the cell or body paragraph being read */
	size_t span;              /* of the cell: grid columns it covers */
	bool continues;           /* of the cell: merged with the cell above */
	size_t tables;            /* top-level tables seen */
	long row_number;          /* in the current table */
	const char **above;       /* the previous row's cells, by grid column */
	size_t above_count, above_capacity;
	bool found;               /* the table with a header has been read */
};

static bool is_one_of(const char *name, const char *const *names)
{
	for (size_t i = 0; names[i]; i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

/* Content whose text is not the table's: alternate renderings, drawings
 * and text boxes, and tracked deletions and moved-away text (Word shows
 * them struck out). */
static const char *const skipped[] = { "Fallback", "txbxContent", "drawing", "pict", "object",
				       "del", "moveFrom", NULL };

static size_t count_attribute(const char **attributes, size_t limit)
{
	const char *value = xml_attribute(attributes, "val");
	if (!value)
		return 1;
	char *end;
	long number = strtol(value, &end, 10);
	if (end == value || number < 1)
		return 1;
	return (size_t)number > limit ? limit : (size_t)number;
}

static void add_empty_cells(struct docx_reader *reader, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (!grid_add_cell(reader->builder, "", 0)) {
			zip_package_fail(reader->package);
			return;
		}
}

static void on_start(void *context, const char *name, const char **attributes)
{
	struct docx_reader *reader = context;
	if (reader->skip_depth > 0 || is_one_of(name, skipped)) {
		reader->skip_depth++;
		return;
	}
	bool top = reader->table_depth == 1;
	if (strcmp(name, "tbl") == 0) {
		if (++reader->table_depth == 1) {
			reader->tables++;
			reader->row_number = 0;
			reader->above_count = 0;
			grid_drop_rows(reader->builder);
		}
	} else if (strcmp(name, "tr") == 0 && top) {
		grid_start_row(reader->builder, ++reader->row_number);
	} else if (strcmp(name, "gridBefore") == 0 && top && !reader->in_cell) {
		add_empty_cells(reader, count_attribute(attributes, MAX_SPAN));
	} else if (strcmp(name, "tc") == 0 && top) {
		reader->in_cell = true;
		reader->paragraphs = 0;
		reader->span = 1;
		reader->continues = false;
		strbuf_clear(&reader->text);
	} else if (strcmp(name, "gridSpan") == 0 && top && reader->in_cell) {
		reader->span = count_attribute(attributes, MAX_SPAN);
	} else if (strcmp(name, "vMerge") == 0 && top && reader->in_cell) {
		const char *value = xml_attribute(attributes, "val");
		reader->continues = !value || strcmp(value, "restart") != 0;
	} else if (strcmp(name, "p") == 0) {
		if (reader->table_depth == 0)
			strbuf_clear(&reader->text);
		else if (reader->in_cell && reader->paragraphs++ > 0)
			strbuf_putc(&reader->text, '\n');
	} else if (strcmp(name, "r") == 0) {
		reader->run_depth++;
	} else if (reader->run_depth > 0) {
		if (strcmp(name, "t") == 0) {
			reader->in_text = true;
		} else if (strcmp(name, "tab") == 0) {
			strbuf_putc(&reader->text, ' ');
		} else if (strcmp(name, "br") == 0 || strcmp(name, "cr") == 0) {
			const char *type = xml_attribute(attributes, "type");
			if (!type || strcmp(type, "textWrapping") == 0)
				strbuf_putc(&reader->text, '\n');
		} else if (strcmp(name, "noBreakHyphen") == 0) {
			strbuf_putc(&reader->text, '-');
		}
	}
}

/* The text of a cell the one above continues: the above cell's. */
static void end_cell(struct docx_reader *reader)
{
	struct grid_builder *builder = reader->builder;
	size_t column = builder->cell_count;
	bool ok;
	if (reader->continues) {
		const char *above = column < reader->above_count ? reader->above[column] : "";
		ok = grid_add_cell(builder, above, strlen(above));
	} else if (reader->text.failed) {
		diag_memory_error(builder->diag, builder->grid->file, builder->line,
				  _("out of memory while reading the table"));
		ok = false;
	} else {
		ok = grid_add_cell(builder, strbuf_text(&reader->text), reader->text.length);
	}
	if (ok)
		add_empty_cells(reader, reader->span - 1);
	else
		zip_package_fail(reader->package);
	reader->in_cell = false;
}

static void end_row(struct docx_reader *reader)
{
	struct grid_builder *builder = reader->builder;
	const char **above = array_reserve(reader->above, &reader->above_capacity, builder->cell_count,
					   sizeof *above);
	if (!above) {
		diag_memory_error(builder->diag, builder->grid->file, builder->line,
				  _("out of memory while reading the table"));
		zip_package_fail(reader->package);
		return;
	}
	reader->above = above;
	if (builder->cell_count)
		memcpy(above, builder->cells, builder->cell_count * sizeof *above);
	reader->above_count = builder->cell_count;
	if (!grid_end_row(builder))
		zip_package_fail(reader->package);
}

static void end_table(struct docx_reader *reader)
{
	struct grid *grid = reader->builder->grid;
	if (grid_has_header(grid, reader->is_header, reader->context)) {
		reader->found = true;
		char part[32];
		snprintf(part, sizeof part, "table %zu", reader->tables);
		grid->part = grid_keep(reader->builder, part, strlen(part));
		zip_package_stop(reader->package);
	} else {
		grid_drop_rows(reader->builder);
	}
}

static void on_end(void *context, const char *name)
{
	struct docx_reader *reader = context;
	if (reader->skip_depth > 0) {
		reader->skip_depth--;
		return;
	}
	bool top = reader->table_depth == 1;
	if (strcmp(name, "tbl") == 0) {
		if (--reader->table_depth == 0)
			end_table(reader);
	} else if (strcmp(name, "tc") == 0 && top && reader->in_cell) {
		end_cell(reader);
	} else if (strcmp(name, "tr") == 0 && top) {
		end_row(reader);
	} else if (strcmp(name, "p") == 0 && reader->table_depth == 0) {
		if (reader->text.failed || !grid_add_preface(reader->builder, strbuf_text(&reader->text),
							     reader->text.length)) {
			if (reader->text.failed)
				diag_memory_error(reader->builder->diag, reader->builder->grid->file, 0,
						  _("out of memory while reading the table"));
			zip_package_fail(reader->package);
		}
	} else if (strcmp(name, "r") == 0 && reader->run_depth > 0) {
		reader->run_depth--;
	} else if (strcmp(name, "t") == 0) {
		reader->in_text = false;
	}
}

static void on_text(void *context, const char *text, size_t length)
{
	struct docx_reader *reader = context;
	if (reader->in_text && reader->skip_depth == 0 && (reader->table_depth == 0 || reader->in_cell))
		strbuf_append(&reader->text, text, length);
}

struct grid *source_read_docx(struct zip_package *package, const char *name, grid_header_test is_header,
			      void *context, struct diagnostics *diag)
{
	struct grid_builder builder;
	struct grid *grid = grid_builder_start(&builder, name, SOURCE_DOCX, diag);
	if (!grid)
		return NULL;
	struct docx_reader reader = {
		.builder = &builder, .package = package, .is_header = is_header, .context = context,
	};
	static const struct xml_handlers handlers = { on_start, on_end, on_text };
	bool ok = zip_package_parse(package, "word/document.xml", &handlers, &reader) && !builder.failed;
	if (ok && !reader.found) {
		if (reader.tables == 0)
			diag_error(diag, name, 0, NULL,
				   _("the document has no table; expected the responsibility table as a Word "
				   "table (a table with a header row naming the columns)"));
		else
			diag_error(diag, name, 0, NULL,
				   _("none of the %zu tables in the document has a header row naming the columns"),
				   reader.tables);
		ok = false;
	}
	grid_builder_finish(&builder);
	strbuf_free(&reader.text);
	free(reader.above);
	if (!ok) {
		grid_free(grid);
		return NULL;
	}
	return grid;
}
