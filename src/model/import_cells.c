/*
 * import_cells.c - the text of a received table's cells: trimmed, its line
 * breaks removed with what the column needs between the lines, and task
 * numbers read however the table writes them.
 */
#include "import_cells.h"

#include <string.h>

#include "duty/numerals.h"
#include "duty/strbuf.h"
#include "duty/text.h"

size_t cell_space_at(const char *text, size_t length, size_t offset)
{
	char c = text[offset];
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
		return 1;
	if (text_starts_at(text, length, offset, "\xC2\xA0"))
		return 2;
	return text_starts_at(text, length, offset, "\xE3\x80\x80") ? 3 : 0;
}

bool cell_is_blank(const char *cell)
{
	size_t length = strlen(cell);
	for (size_t at = 0; at < length;) {
		size_t space = cell_space_at(cell, length, at);
		if (!space)
			return false;
		at += space;
	}
	return true;
}

/* The punctuation that joins the lines around it as they are. */
static const char *const joining_marks[] = { "、", "，", ",", "；", ";", "：", ":", "（", "(", "）", ")", "。", NULL };

static bool is_joining_mark(const char *text, size_t length, size_t offset)
{
	for (size_t i = 0; joining_marks[i]; i++)
		if (text_starts_at(text, length, offset, joining_marks[i]))
			return true;
	return false;
}

static bool is_mark_before(const char *text, size_t offset)
{
	for (size_t i = 0; joining_marks[i]; i++)
		if (text_ends_at(text, offset, joining_marks[i]))
			return true;
	return false;
}

static bool is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Whether text[0..length) has at most 12 characters. */
static bool is_short(const char *text, size_t length)
{
	char line[256];
	size_t kept = length < sizeof line - 1 ? length : sizeof line - 1;
	memcpy(line, text, kept);
	line[kept] = '\0';
	return utf8_length(line) <= 12;
}

/* Whether the lines before and after a break are short items (a list
 * of a few words each, one per line). */
static bool short_lines(const char *before, size_t before_length, const char *after, size_t after_length)
{
	size_t start = before_length;
	while (start > 0 && before[start - 1] != '\n' && !is_mark_before(before, start))
		start--;
	size_t end = 0;
	while (end < after_length && after[end] != '\n' && !is_joining_mark(after, after_length, end))
		end++;
	return is_short(before + start, before_length - start) && is_short(after, end);
}

/* The cell without the spaces at its ends: [*start, *end). */
static void trim_spaces(const char *cell, size_t length, size_t *start, size_t *end)
{
	size_t at = 0;
	while (at < length && cell_space_at(cell, length, at))
		at += cell_space_at(cell, length, at);
	size_t last = length;
	for (bool more = true; more && last > at;) {
		more = false;
		if (cell[last - 1] == ' ' || cell[last - 1] == '\t' || cell[last - 1] == '\n' || cell[last - 1] == '\r') {
			last--;
			more = true;
		} else if (text_ends_at(cell + at, last - at, "\xE3\x80\x80")) {
			last -= 3;
			more = true;
		}
	}
	*start = at;
	*end = last;
}

/* At a line break of cell (at, before end): drops it with the spaces
 * around it and puts what joins the two lines into out; returns where the
 * next line starts. */
static size_t join_lines(struct strbuf *out, const char *cell, size_t at, size_t end, enum cell_lines lines)
{
	while (out->length && (out->data[out->length - 1] == ' ' || out->data[out->length - 1] == '\t'))
		out->length--;
	while (at < end && cell_space_at(cell, end, at))
		at += cell_space_at(cell, end, at);
	if (at >= end || out->length == 0)
		return at;
	if (is_mark_before(out->data, out->length) || is_joining_mark(cell, end, at))
		return at;
	if (is_alnum(out->data[out->length - 1]) && is_alnum(cell[at]))
		strbuf_putc(out, ' ');
	else if (lines == LINES_AS_NAMES
		 || (lines == LINES_AS_PARAGRAPHS && short_lines(out->data, out->length, cell + at, end - at)))
		strbuf_puts(out, "、");   /* names, or short items, one per line */
	else if (lines == LINES_AS_PARAGRAPHS || lines == LINES_AS_ITEMS)
		strbuf_puts(out, "；");   /* one item per paragraph */
	return at;
}

const char *cell_clean(struct arena *arena, const char *cell, enum cell_lines lines)
{
	size_t at, end;
	trim_spaces(cell, strlen(cell), &at, &end);
	struct strbuf out = STRBUF_INIT;
	while (at < end) {
		if (cell[at] == '\n' || cell[at] == '\r')
			at = join_lines(&out, cell, at, end, lines);
		else
			strbuf_putc(&out, cell[at++]);
	}
	const char *kept = out.failed ? NULL : arena_strndup(arena, strbuf_text(&out), out.length);
	strbuf_free(&out);
	return kept;
}

long cell_task_number(const char *cell)
{
	size_t length = strlen(cell);
	size_t start = 0, end = length;
	static const char *const around[] = { "（", "）", "(", ")", "、", ".", "．", "。", " ", "第", NULL };
	for (bool more = true; more && start < end;) {
		more = false;
		for (size_t i = 0; around[i]; i++) {
			size_t n = strlen(around[i]);
			if (text_starts_at(cell, end, start, around[i])) {
				start += n;
				more = true;
			}
			if (end - start >= n && text_ends_at(cell, end, around[i])) {
				end -= n;
				more = true;
			}
		}
	}
	struct written_number number;
	if (start >= end || !number_read(cell + start, end - start, &number) || number.length != end - start
	    || !number.whole || number.value < 1 || number.value > 1e9)
		return 0;
	return (long)number.value;
}

bool cell_excel_date(const char *cell, char text[DATE_TEXT_SIZE])
{
	long serial = 0;
	if (!text_parse_whole(cell, strlen(cell), 99999, &serial) || serial < 36526 || serial > 73050)
		return false;
	date_t date;
	if (!date_from_excel_serial((double)serial, false, &date))
		return false;
	date_format(date, text);
	return true;
}

const char *row_cell(const struct grid_row *row, size_t column)
{
	return column < row->count && row->cells[column] ? row->cells[column] : "";
}
