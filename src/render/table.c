/*
 * table.c - the one terminal table renderer: columns aligned by display
 * width, the widest wrappable columns narrowed until the table fits, cells
 * wrapped with text_wrap. Decoration is ASCII only, because box-drawing
 * characters are "ambiguous width" and take two columns in many Chinese
 * terminals.
 */
#include "duty/table.h"
#include "duty/terminal.h"
#include "duty/text.h"

#include <libintl.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "duty/array.h"

enum { COLUMN_GAP = 2, MINIMUM_WRAP_WIDTH = 10, NARROWEST_WRAP_WIDTH = 8 };

void table_init(struct table *table, const struct table_column *columns, size_t column_count)
{
	memset(table, 0, sizeof *table);
	table->columns = columns;
	table->column_count = column_count;
	strbuf_init(&table->text);
}

void table_free(struct table *table)
{
	strbuf_free(&table->text);
	free(table->cells);
	free(table->colors);
	table->cells = NULL;
	table->colors = NULL;
}

void table_add_colored_row(struct table *table, const char *const *cells, enum row_color color)
{
	unsigned char *colors = array_reserve(table->colors, &table->color_capacity, table->row_count, 1);
	if (!colors) {
		table->failed = true;
		return;
	}
	table->colors = colors;
	/* The row's cell offsets follow those of the rows before it. */
	size_t last = (table->row_count + 1) * table->column_count;
	size_t *offsets = last ? array_reserve(table->cells, &table->cell_capacity, last - 1, sizeof *offsets)
			       : table->cells;
	if (last && !offsets) {
		table->failed = true;
		return;
	}
	table->cells = offsets;
	table->colors[table->row_count] = (unsigned char)color;
	for (size_t c = 0; c < table->column_count; c++) {
		table->cells[table->row_count * table->column_count + c] = table->text.length;
		const char *cell = cells[c] ? cells[c] : "";
		/* Widths are measured on what the terminal will show: the one
		 * sanitizer's output, with tabs as spaces for the alignment. */
		size_t start = table->text.length;
		text_sanitize_terminal(&table->text, cell, strlen(cell), true);
		for (size_t i = start; !table->text.failed && i < table->text.length; i++)
			if (table->text.data[i] == '\t')
				table->text.data[i] = ' ';
		strbuf_putc(&table->text, '\0');
	}
	table->row_count++;
}

void table_shorten(struct table *table, size_t column)
{
	if (column < sizeof table->one_line * 8)
		table->one_line |= 1ul << column;
}

void table_add_row(struct table *table, const char *const *cells)
{
	table_add_colored_row(table, cells, ROW_PLAIN);
}

/* Column headers are marked for translation where they are declared. */
static const char *header_text(const struct table_column *column)
{
	return column->header[0] ? gettext(column->header) : "";
}

const char *table_cell(const struct table *table, size_t row, size_t column)
{
	return table->text.data + table->cells[row * table->column_count + column];
}

const char *table_header(const struct table *table, size_t column)
{
	return header_text(&table->columns[column]);
}

static const char *cell_at(const struct table *table, size_t row, size_t column)
{
	return table->text.data + table->cells[row * table->column_count + column];
}

static size_t cell_width(const char *cell)
{
	if (!strchr(cell, '\n'))
		return text_width(cell);
	size_t widest = 0;
	for (const char *line = cell; line;) {
		const char *newline = strchr(line, '\n');
		size_t length = newline ? (size_t)(newline - line) : strlen(line);
		size_t width = text_width_n(line, length);
		if (width > widest)
			widest = width;
		line = newline ? newline + 1 : NULL;
	}
	return widest;
}

/* Shares the width left by the fixed columns among the wrappable ones:
 * a column that nearly fits its fair share keeps its natural width (so a
 * title does not wrap one character onto a second line); the rest split
 * what remains evenly. Columns never go below MINIMUM_WRAP_WIDTH. */
static void fit_widths(const struct table *table, size_t *widths, size_t limit, size_t indent)
{
	size_t columns = table->column_count;
	size_t total = indent;
	for (size_t c = 0; c < columns; c++)
		total += widths[c] + (c ? COLUMN_GAP : 0);
	if (total <= limit)
		return;
	size_t fixed = indent + (columns - 1) * COLUMN_GAP, open = 0;
	bool *shared = calloc(columns, sizeof *shared);
	if (!shared)
		return;
	for (size_t c = 0; c < columns; c++) {
		if (table->columns[c].wraps && widths[c] > MINIMUM_WRAP_WIDTH) {
			shared[c] = true;
			open++;
		} else {
			fixed += widths[c];
		}
	}
	size_t available = limit > fixed ? limit - fixed : 0;
	bool settled = false;
	while (open && !settled) {
		settled = true;
		size_t share = available / open;
		for (size_t c = 0; c < columns; c++) {
			if (shared[c] && widths[c] * 10 <= share * 13) {
				shared[c] = false;
				open--;
				available = available > widths[c] ? available - widths[c] : 0;
				settled = false;
			}
		}
	}
	for (size_t c = 0, given = 0; c < columns && open; c++) {
		if (!shared[c])
			continue;
		size_t share = available / open + (given < available % open ? 1 : 0);
		given++;
		widths[c] = share > MINIMUM_WRAP_WIDTH ? share : MINIMUM_WRAP_WIDTH;
	}
	free(shared);
}

static size_t total_width(const size_t *widths, size_t columns, size_t indent)
{
	size_t total = indent;
	for (size_t c = 0; c < columns; c++)
		total += widths[c] + (c ? COLUMN_GAP : 0);
	return total;
}

/* When sharing out the room is not enough: every column narrows, the
 * widest first, down to what it cannot lose: NARROWEST_WRAP_WIDTH for a
 * wrapping column, the widest word of its cells and header for another (a
 * date, an id, "overdue"; its header then wraps at spaces). Returns whether
 * the table fits. */
static bool squeeze_widths(const struct table *table, size_t *widths, size_t limit, size_t indent)
{
	size_t columns = table->column_count;
	if (total_width(widths, columns, indent) <= limit)
		return true;
	size_t *least = calloc(columns, sizeof *least);
	if (!least)
		return false;
	for (size_t c = 0; c < columns; c++) {
		size_t floor = NARROWEST_WRAP_WIDTH;
		if (!table->columns[c].wraps) {
			floor = text_longest_piece(header_text(&table->columns[c]));
			for (size_t r = 0; r < table->row_count; r++) {
				size_t piece = text_longest_piece(cell_at(table, r, c));
				if (piece > floor)
					floor = piece;
			}
		}
		least[c] = floor < widths[c] ? floor : widths[c];
	}
	size_t total = total_width(widths, columns, indent);
	while (total > limit) {
		size_t widest = SIZE_MAX;
		for (size_t c = 0; c < columns; c++)
			if (widths[c] > least[c] && (widest == SIZE_MAX || widths[c] > widths[widest]))
				widest = c;
		if (widest == SIZE_MAX)
			break;
		widths[widest]--;
		total--;
	}
	free(least);
	return total <= limit;
}

struct wrapped_cell {
	const char *text;
	struct text_span *lines;
	size_t count;
	struct strbuf shortened;   /* the cell cut to one line, for a column that shortens */
	size_t width;              /* the width of its one line, when measured */
	bool measured;
};

static const char *const color_codes[] = { "", "\033[31m", "\033[33m", "\033[2m" };

/* One line of output, indented and in its row's colour. The colours are
 * duty's own control sequences: they pass the terminal stream's sanitizer,
 * which the cells' text does not. */
static void put_line(FILE *out, size_t indent, enum row_color color, const char *text)
{
	fprintf(out, "%*s", (int)indent, "");
	if (color != ROW_PLAIN)
		terminal_control(out, color_codes[color]);
	fputs(text, out);
	if (color != ROW_PLAIN)
		terminal_control(out, "\033[0m");
	fputc('\n', out);
}

static void print_line(FILE *out, const struct table *table, const size_t *widths,
		       const struct wrapped_cell *cells, size_t line, size_t indent, struct strbuf *buffer,
		       enum row_color color)
{
	strbuf_clear(buffer);
	/* Trailing spaces are dropped: find the last column with text. */
	size_t last = 0;
	for (size_t c = 0; c < table->column_count; c++)
		if (line < cells[c].count && cells[c].lines[line].length)
			last = c;
	for (size_t c = 0; c <= last; c++) {
		const char *text = "";
		size_t length = 0;
		if (line < cells[c].count) {
			text = cells[c].text + cells[c].lines[line].offset;
			length = cells[c].lines[line].length;
		}
		size_t width = line == 0 && cells[c].measured ? cells[c].width : text_width_n(text, length);
		size_t pad = widths[c] > width ? widths[c] - width : 0;
		if (c)
			strbuf_spaces(buffer, COLUMN_GAP);
		if (table->columns[c].align == ALIGN_RIGHT)
			strbuf_spaces(buffer, pad);
		strbuf_append(buffer, text, length);
		if (table->columns[c].align == ALIGN_LEFT && c < last)
			strbuf_spaces(buffer, pad);
	}
	put_line(out, indent, color, strbuf_text(buffer));
}

/* Whether text_wrap would leave a cell as it is, one line: it fits, has no
 * line break, and no space at either end for wrapping to drop. */
static bool stays_whole(const char *text, size_t width, size_t column_width)
{
	size_t length = strlen(text);
	return width <= column_width && length && !memchr(text, '\n', length) && !strchr(" \t\r", text[0])
	       && !strchr(" \t\r", text[length - 1]);
}

/* A row's cells, wrapped or cut to their columns. known holds the cells'
 * widths as table_print measured them (NULL for the header), so a cell
 * that stays one line is neither wrapped nor measured again. */
static bool print_row(FILE *out, const struct table *table, const size_t *widths, const char *const *texts,
		      const size_t *known, size_t indent, bool wrap, bool is_header, struct wrapped_cell *cells,
		      struct strbuf *buffer, enum row_color color)
{
	size_t height = 1;
	bool ok = true;
	for (size_t c = 0; c < table->column_count; c++) {
		cells[c].text = texts[c];
		cells[c].measured = false;
		if (known && !(wrap && (table->one_line >> c & 1))
		    && (wrap ? stays_whole(texts[c], known[c], widths[c]) : !strchr(texts[c], '\n'))) {
			cells[c].lines = malloc(sizeof *cells[c].lines);
			cells[c].count = cells[c].lines ? 1 : 0;
			if (cells[c].lines)
				*cells[c].lines = (struct text_span){ 0, strlen(texts[c]) };
			cells[c].width = known[c];
			cells[c].measured = true;
		} else if (wrap && (table->one_line >> c & 1) && !is_header) {
			/* One line, cut to the column with an ellipsis. */
			strbuf_clear(&cells[c].shortened);
			text_shorten(&cells[c].shortened, texts[c], widths[c]);
			cells[c].text = strbuf_text(&cells[c].shortened);
			cells[c].lines = malloc(sizeof *cells[c].lines);
			cells[c].count = cells[c].lines && !cells[c].shortened.failed ? 1 : 0;
			if (cells[c].count)
				*cells[c].lines = (struct text_span){ 0, strlen(cells[c].text) };
		} else if (!wrap && !strchr(texts[c], '\n')) {
			/* Unwrapped and one line: no need to cut it into pieces. */
			cells[c].lines = malloc(sizeof *cells[c].lines);
			cells[c].count = cells[c].lines ? 1 : 0;
			if (cells[c].lines)
				*cells[c].lines = (struct text_span){ 0, strlen(texts[c]) };
		} else {
			cells[c].count = text_wrap(texts[c], wrap ? widths[c] : 0, &cells[c].lines);
		}
		if (cells[c].count == 0)
			ok = false;
		if (cells[c].count > height)
			height = cells[c].count;
	}
	if (ok)
		for (size_t line = 0; line < height; line++)
			print_line(out, table, widths, cells, line, indent, buffer, color);
	for (size_t c = 0; c < table->column_count; c++) {
		if (cells[c].count)
			free(cells[c].lines);
		cells[c].count = 0;
	}
	return ok && !buffer->failed;
}

/* The cell as one line cut to width for a column that shortens, else as it is. */
static const char *record_text(const struct table *table, size_t row, size_t column, size_t width,
			       struct strbuf *shortened)
{
	const char *text = cell_at(table, row, column);
	if (!(table->one_line >> column & 1))
		return text;
	strbuf_clear(shortened);
	text_shorten(shortened, text, width);
	return strbuf_text(shortened);
}

/* Each row as a record: every cell that is not empty on lines of its own,
 * its header before it, wrapped to what is left of the width; a blank line
 * between rows. */
static bool print_records(FILE *out, const struct table *table, const struct table_style *style,
			  struct wrapped_cell *cells, struct strbuf *buffer)
{
	size_t label = 0;
	for (size_t c = 0; c < table->column_count; c++) {
		size_t width = text_width(header_text(&table->columns[c]));
		if (width > label)
			label = width;
	}
	size_t used = style->indent + label + COLUMN_GAP;
	/* Below 4 columns not even a Chinese character and a mark fit. */
	size_t room = style->width >= used + 4 ? style->width - used : 4;
	struct strbuf *shortened = &cells[0].shortened;
	bool ok = true;
	for (size_t r = 0; ok && r < table->row_count; r++) {
		enum row_color color = style->color && table->colors && r < table->color_capacity
					       ? (enum row_color)table->colors[r] : ROW_PLAIN;
		if (r)
			fputc('\n', out);
		for (size_t c = 0; ok && c < table->column_count; c++) {
			const char *text = record_text(table, r, c, room, shortened);
			if (!text[0])
				continue;
			struct text_span *lines = NULL;
			size_t count = text_wrap(text, room, &lines);
			ok = count > 0;
			for (size_t i = 0; i < count; i++) {
				strbuf_clear(buffer);
				/* A header of two lines ("Member of\n/ members") is one here. */
				const char *header = i ? "" : header_text(&table->columns[c]);
				for (const char *p = header; *p; p++)
					strbuf_putc(buffer, *p == '\n' ? ' ' : *p);
				strbuf_spaces(buffer, label - text_width(header) + COLUMN_GAP);
				strbuf_append(buffer, text + lines[i].offset, lines[i].length);
				if (buffer->failed)
					break;
				put_line(out, style->indent, color, strbuf_text(buffer));
			}
			free(lines);
		}
	}
	return ok && !buffer->failed && !shortened->failed;
}

bool table_print(const struct table *table, const struct table_style *style, FILE *out)
{
	if (table->failed || table->text.failed)
		return false;
	size_t columns = table->column_count;
	size_t *widths = calloc(columns, sizeof *widths);
	struct wrapped_cell *cells = calloc(columns, sizeof *cells);
	const char **texts = calloc(columns, sizeof *texts);
	/* Each cell is measured once, here; printing uses these. */
	size_t cell_count = table->row_count * columns;
	size_t *cell_widths = cell_count && cell_count / columns == table->row_count
				      && cell_count <= SIZE_MAX / sizeof *cell_widths
				      ? malloc(cell_count * sizeof *cell_widths) : NULL;
	struct strbuf buffer;
	strbuf_init(&buffer);
	bool ok = widths && cells && texts && (cell_widths || !cell_count);
	if (ok) {
		for (size_t c = 0; c < columns; c++)
			widths[c] = style->header ? text_width(header_text(&table->columns[c])) : 0;
		for (size_t r = 0; r < table->row_count; r++)
			for (size_t c = 0; c < columns; c++) {
				size_t width = cell_width(cell_at(table, r, c));
				cell_widths[r * columns + c] = width;
				if (width > widths[c])
					widths[c] = width;
			}
		if (style->width)
			fit_widths(table, widths, style->width, style->indent);
	}
	/* A table that cannot be narrowed enough is shown a row at a time,
	 * each cell beside its header. */
	if (ok && style->width && !squeeze_widths(table, widths, style->width, style->indent) && style->header) {
		ok = print_records(out, table, style, cells, &buffer);
		goto done;
	}
	if (ok && style->header) {
		for (size_t c = 0; c < columns; c++)
			texts[c] = header_text(&table->columns[c]);
		ok = print_row(out, table, widths, texts, NULL, style->indent, style->width != 0, true, cells,
			       &buffer, ROW_PLAIN);
		strbuf_clear(&buffer);
		strbuf_spaces(&buffer, style->indent);
		for (size_t c = 0; c < columns; c++) {
			if (c)
				strbuf_spaces(&buffer, COLUMN_GAP);
			for (size_t i = 0; i < widths[c]; i++)
				strbuf_putc(&buffer, '-');
		}
		strbuf_putc(&buffer, '\n');
		if (!buffer.failed)
			fwrite(buffer.data, 1, buffer.length, out);
	}
	for (size_t r = 0; ok && r < table->row_count; r++) {
		for (size_t c = 0; c < columns; c++)
			texts[c] = cell_at(table, r, c);
		enum row_color color = style->color && table->colors && r < table->color_capacity
					       ? (enum row_color)table->colors[r] : ROW_PLAIN;
		ok = print_row(out, table, widths, texts, &cell_widths[r * columns], style->indent,
			       style->width != 0, false, cells, &buffer, color);
	}
done:
	ok = ok && !buffer.failed;
	strbuf_free(&buffer);
	for (size_t c = 0; cells && c < columns; c++)
		strbuf_free(&cells[c].shortened);
	free(widths);
	free(cell_widths);
	free(cells);
	free(texts);
	return ok;
}
