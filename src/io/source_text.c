/*
 * source_text.c - a table in a text file, in one of three layouts:
 *
 *   CSV and TSV  rows of fields (csvread.c, with a tab as the separator
 *                for TSV): every non-blank row is kept with its line.
 *   cell lines   the layout of text copied out of a Word table, as in the
 *                2018 source: rows are blocks of lines separated by blank
 *                lines; in a block where some line starts with a TAB, such
 *                a line starts a cell and a line without one continues the
 *                cell above (a line break inside the cell); in a block
 *                without tabs each line is a cell. Blocks before the first
 *                one the caller's header test accepts are the preface (the
 *                attachment number, the title), one entry per line.
 *
 * The layout is guessed from the first lines (tabs between words: TSV;
 * most lines starting with a tab, or several blocks without commas: cell
 * lines; else CSV). When the guess finds no header, the other layouts are
 * tried and the first one with a header wins; if none has one, the error
 * is the guessed layout's.
 */
#include "duty/source.h"

#include <stdlib.h>
#include <string.h>

#include "duty/csvread.h"
#include "duty/strbuf.h"
#include "duty/i18n.h"

enum layout { LAYOUT_CSV, LAYOUT_TSV, LAYOUT_LINES };

enum { SAMPLE_LINES = 64 };

struct line {
	const char *text;
	size_t length;       /* without the line end */
	long number;
};

/* The next line of text from *offset; false at the end. */
static bool next_line(const char *text, size_t size, size_t *offset, long *number, struct line *line)
{
	if (*offset >= size)
		return false;
	const char *start = text + *offset;
	const char *newline = memchr(start, '\n', size - *offset);
	size_t length = newline ? (size_t)(newline - start) : size - *offset;
	*offset += length + (newline ? 1 : 0);
	if (length && start[length - 1] == '\r')
		length--;
	line->text = start;
	line->length = length;
	line->number = ++*number;
	return true;
}

/* Only spaces, tabs and ideographic spaces (U+3000). */
static bool is_blank(const struct line *line)
{
	for (size_t i = 0; i < line->length; i++) {
		if (line->text[i] == ' ' || line->text[i] == '\t')
			continue;
		if (i + 3 <= line->length && memcmp(line->text + i, "\xE3\x80\x80", 3) == 0) {
			i += 2;
			continue;
		}
		return false;
	}
	return true;
}

/* A tab with something other than white space before it on the line. */
static bool has_inner_tab(const struct line *line)
{
	bool words = false;
	for (size_t i = 0; i < line->length; i++) {
		char c = line->text[i];
		if (c == '\t' && words)
			return true;
		if (c != ' ' && c != '\t')
			words = true;
	}
	return false;
}

static enum layout guess_layout(const char *text, size_t size)
{
	size_t offset = 0, lines = 0, inner_tabs = 0, leading_tabs = 0, commas = 0, blocks = 0;
	size_t block_lines = 0;
	long number = 0;
	struct line line;
	while (lines < SAMPLE_LINES && next_line(text, size, &offset, &number, &line)) {
		if (is_blank(&line)) {
			blocks += block_lines >= 2;
			block_lines = 0;
			continue;
		}
		lines++;
		block_lines++;
		inner_tabs += has_inner_tab(&line);
		leading_tabs += line.text[0] == '\t';
		commas += memchr(line.text, ',', line.length) != NULL;
	}
	blocks += block_lines >= 2;
	if (inner_tabs > 0 && inner_tabs * 3 >= lines)
		return LAYOUT_TSV;
	if (leading_tabs * 2 >= lines && lines > 0)
		return LAYOUT_LINES;
	if (commas > 0 && commas * 2 >= lines)
		return LAYOUT_CSV;
	if (blocks >= 2)
		return LAYOUT_LINES;
	return LAYOUT_CSV;
}

/* ---- CSV and TSV ---- */

struct csv_reader {
	struct grid_builder *builder;
};

static bool on_csv_row(const struct csv_row *row, void *context)
{
	struct csv_reader *reader = context;
	grid_start_row(reader->builder, row->line);
	for (size_t i = 0; i < row->count; i++)
		if (!grid_add_cell(reader->builder, row->fields[i].data, row->fields[i].length))
			return false;
	return grid_end_row(reader->builder);
}

static bool read_delimited(struct grid_builder *builder, const char *text, size_t size, char delimiter)
{
	/* csvread writes the fields over its input: give it a copy. */
	struct csv_reader reader = { builder };
	static const struct csv_callbacks callbacks = { on_csv_row, NULL };
	bool ok = csv_read_delimited(text, size, delimiter, builder->grid->file, &callbacks, &reader, builder->diag);
	return ok && !builder->failed;
}

/* ---- cell lines ---- */

struct lines_reader {
	struct grid_builder *builder;
	grid_header_test is_header;
	void *context;
	bool in_table;           /* the header block has been seen */
	struct strbuf cell;      /* the cell being read */
};

static bool flush_cell(struct lines_reader *reader)
{
	if (reader->cell.failed) {
		diag_memory_error(reader->builder->diag, reader->builder->grid->file, reader->builder->line,
				  _("out of memory while reading the table"));
		reader->builder->failed = true;
		return false;
	}
	bool ok = grid_add_cell(reader->builder, strbuf_text(&reader->cell), reader->cell.length);
	strbuf_clear(&reader->cell);
	return ok;
}

/* The cells of the block of lines text[start..end), as a row. */
static bool block_to_row(struct lines_reader *reader, const char *text, size_t start, size_t end, long first)
{
	size_t offset = start;
	long number = first - 1;
	struct line line;
	bool tabbed = false;
	while (next_line(text, end, &offset, &number, &line))
		tabbed = tabbed || (line.length && line.text[0] == '\t');
	grid_start_row(reader->builder, first);
	offset = start;
	number = first - 1;
	bool open = false;   /* a cell has started */
	while (next_line(text, end, &offset, &number, &line)) {
		const char *content = line.text;
		size_t length = line.length;
		bool starts_cell = !tabbed || !open || (length && content[0] == '\t');
		if (starts_cell) {
			if (open && !flush_cell(reader))
				return false;
			open = true;
			if (tabbed && length && content[0] == '\t')
				content++, length--;
		} else {
			strbuf_putc(&reader->cell, '\n');
		}
		strbuf_append(&reader->cell, content, length);
	}
	if (open && !flush_cell(reader))
		return false;
	return true;
}

static bool preface_block(struct lines_reader *reader, const char *text, size_t start, size_t end, long first)
{
	size_t offset = start;
	long number = first - 1;
	struct line line;
	while (next_line(text, end, &offset, &number, &line))
		if (!grid_add_preface(reader->builder, line.text, line.length))
			return false;
	return true;
}

/* One block: a row of the table, or (before the header) preface. */
static bool take_block(struct lines_reader *reader, const char *text, size_t start, size_t end, long first)
{
	struct grid_builder *builder = reader->builder;
	if (!block_to_row(reader, text, start, end, first))
		return false;
	if (!reader->in_table) {
		/* Test the row before it is kept: a header starts the table. */
		struct grid_row row = { builder->cells, builder->cell_count, first };
		if (!reader->is_header(&row, reader->context)) {
			builder->cell_count = 0;
			return preface_block(reader, text, start, end, first);
		}
		reader->in_table = true;
	}
	return grid_end_row(builder);
}

/* A line of only one tab next to a line of the block is an empty cell,
 * not a blank line. */
static bool is_separator(const struct line *line, const struct line *previous, bool previous_blank,
			 const char *text, size_t size, size_t offset)
{
	if (!is_blank(line))
		return false;
	if (line->length != 1 || line->text[0] != '\t')
		return true;
	if (previous && !previous_blank)
		return false;
	long ignored = 0;
	struct line next;
	return !(next_line(text, size, &offset, &ignored, &next) && !is_blank(&next) && next.text[0] == '\t');
}

static bool read_lines(struct grid_builder *builder, const char *text, size_t size, grid_header_test is_header,
		       void *context)
{
	struct lines_reader reader = { .builder = builder, .is_header = is_header, .context = context };
	size_t offset = 0, block_start = 0;
	long number = 0, block_first = 0;
	bool in_block = false, previous_blank = true, ok = true;
	struct line line, previous = { 0 };
	while (ok && next_line(text, size, &offset, &number, &line)) {
		size_t line_start = (size_t)(line.text - text);
		bool separator = is_separator(&line, number > 1 ? &previous : NULL, previous_blank, text, size, offset);
		if (separator) {
			if (in_block)
				ok = take_block(&reader, text, block_start, line_start, block_first);
			in_block = false;
		} else if (!in_block) {
			in_block = true;
			block_start = line_start;
			block_first = line.number;
		}
		previous = line;
		previous_blank = separator;
	}
	if (ok && in_block)
		ok = take_block(&reader, text, block_start, size, block_first);
	strbuf_free(&reader.cell);
	return ok && !builder->failed;
}

/* ---- trying the layouts ---- */

/* Reads text in one layout. *grid is NULL when the text cannot be read so
 * (reported in diag); false when it was read but has no header. */
static bool read_layout(const char *name, const struct input *input, enum layout layout,
			grid_header_test is_header, void *context, struct diagnostics *diag, struct grid **grid)
{
	struct grid_builder builder;
	*grid = grid_builder_start(&builder, name, layout == LAYOUT_LINES ? SOURCE_TEXT : SOURCE_CSV, diag);
	if (!*grid)
		return false;
	(*grid)->encoding = input->encoding;
	bool read = layout == LAYOUT_LINES
			    ? read_lines(&builder, input->data, input->size, is_header, context)
			    : read_delimited(&builder, input->data, input->size, layout == LAYOUT_TSV ? '\t' : ',');
	grid_builder_finish(&builder);
	if (!read) {
		grid_free(*grid);
		*grid = NULL;
		return false;
	}
	return grid_has_header(*grid, is_header, context);
}

static void report_no_header(const char *name, enum layout layout, struct diagnostics *diag)
{
	if (layout == LAYOUT_LINES)
		diag_error(diag, name, 0, NULL,
			   _("no block of lines names the columns: expected a header (one cell per line, or "
			   "per line starting with a tab), blank lines between rows"));
	else if (layout == LAYOUT_TSV)
		diag_error(diag, name, 0, NULL,
			   _("no row names the columns: expected a header row (tab-separated) above the tasks"));
	else
		diag_error(diag, name, 0, NULL,
			   _("no row names the columns: expected a header row (comma-separated) above the tasks"));
}

static bool only_white_space(const char *text, size_t size)
{
	for (size_t i = 0; i < size; i++)
		if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r' && text[i] != '\n')
			return false;
	return true;
}

struct grid *source_read_text(const char *name, const char *bytes, size_t size, enum encoding encoding,
			      grid_header_test is_header, void *context, struct diagnostics *diag)
{
	struct input input;
	if (!input_from_bytes(name, bytes, size, encoding, &input, diag))
		return NULL;
	if (only_white_space(input.data, input.size)) {
		diag_error(diag, name, 0, NULL,
			   _("the file is empty; expected a table: a Word (.docx) or Excel (.xlsx) file, CSV or "
			   "TSV, or text with one cell per line"));
		input_free(&input);
		return NULL;
	}
	enum layout guessed = guess_layout(input.data, input.size);
	struct grid *grid = NULL;
	bool found = read_layout(name, &input, guessed, is_header, context, diag, &grid);
	if (grid && !found) {
		/* Read but without a header: perhaps the guess was wrong. */
		static const enum layout order[] = { LAYOUT_CSV, LAYOUT_TSV, LAYOUT_LINES };
		for (size_t i = 0; i < sizeof order / sizeof order[0] && !found; i++) {
			if (order[i] == guessed)
				continue;
			struct diagnostics quiet;
			diagnostics_init(&quiet, 0);
			struct grid *other = NULL;
			if (read_layout(name, &input, order[i], is_header, context, &quiet, &other)) {
				grid_free(grid);
				grid = other;
				found = true;
			} else {
				grid_free(other);
			}
			diagnostics_free(&quiet);
		}
		if (!found) {
			report_no_header(name, guessed, diag);
			grid_free(grid);
			grid = NULL;
		}
	}
	input_free(&input);
	return grid;
}
