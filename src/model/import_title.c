/*
 * import_title.c - the title and the plan year of a received table, from
 * the lines above it (the preface and the rows above the header) or, for
 * the year, from the dates in the table.
 */
#include "import_title.h"

#include <stdlib.h>
#include <string.h>

#include "duty/i18n.h"
#include "duty/numerals.h"
#include "duty/phrases.h"
#include "duty/text.h"
#include "import_cells.h"

/* The lines above the table, nearest last: the preface, then the first
 * filled cell of each row above the header. */
static size_t title_candidates(const struct import_state *state, const char **lines, size_t capacity)
{
	size_t count = 0;
	const struct grid *grid = state->grid;
	for (size_t p = 0; p < grid->preface_count && count < capacity; p++)
		lines[count++] = grid->preface[p];
	for (size_t r = 0; r < state->columns.header_row && count < capacity; r++) {
		const struct grid_row *row = &grid->rows[r];
		for (size_t c = 0; c < row->count; c++)
			if (row->cells[c] && row->cells[c][0]) {
				lines[count++] = row->cells[c];
				break;
			}
	}
	return count;
}

/* Whether the character before text[at] is a digit or a Chinese numeral. */
static bool follows_numeral(const char *text, size_t at)
{
	size_t start = at;
	while (start > 0 && ((unsigned char)text[--start] & 0xC0) == 0x80)
		;
	size_t used;
	return at > 0 && numeral_starts(text + start, at - start, &used) && used == at - start;
}

/* A year, 1900 to 2100, at text[at] and not inside a longer number: four
 * digits ("2019") or Chinese numerals ("二〇一九"). Its value, and in
 * *after where it ends; else 0. */
static int year_at(const char *text, size_t length, size_t at, size_t *after)
{
	if (follows_numeral(text, at))
		return 0;
	struct written_number number;
	bool read = number_read_integer(text + at, length - at, &number)
			    ? number.digit_count == 4
			    : number_read(text + at, length - at, &number) && number.chinese;
	if (!read || number.value < 1900 || number.value > 2100)
		return 0;
	*after = at + number.length;
	return (int)number.value;
}

/* The first "YYYY年" (or "二〇一九年") of text, 0 when there is none. */
static int year_in(const char *text)
{
	size_t length = strlen(text);
	for (size_t at = 0; at < length; at++) {
		size_t after;
		int year = year_at(text, length, at, &after);
		if (year && text_starts_at(text, length, after, "年"))
			return year;
	}
	return 0;
}

static bool is_attachment_label(const char *line)
{
	/* 附件, 附件1, 附件2： label the document, not the table. */
	return strncmp(line, "附件", strlen("附件")) == 0 && utf8_length(line) <= 5;
}

/* "附件1：2019年…分工表" is the title after its label. */
static const char *without_label(const char *line)
{
	if (strncmp(line, "附件", strlen("附件")) != 0)
		return line;
	const char *rest = line + strlen("附件");
	while ((*rest >= '0' && *rest <= '9') || *rest == ' ')
		rest++;
	static const char *const marks[] = { "：", ":", "、", "　", NULL };
	for (size_t i = 0; marks[i]; i++)
		if (strncmp(rest, marks[i], strlen(marks[i])) == 0) {
			rest += strlen(marks[i]);
			while (*rest == ' ')
				rest++;
			return *rest ? rest : line;
		}
	return line;
}

/* The nearest line that names a table (…表, …清单, …分工), else the
 * nearest line at all; NULL when there is none or memory ran out. */
static const char *find_title(struct import_state *state, const char **lines, size_t count)
{
	static const char *const table_words[] = { "表", "清单", "计划", "方案", "分工", "任务", "要点", "安排", NULL };
	for (size_t i = count; i-- > 0;) {
		const char *line = cell_clean(state->arena, lines[i], LINES_AS_TEXT);
		if (!line) {
			import_out_of_memory(state);
			return NULL;
		}
		if (!line[0] || is_attachment_label(line))
			continue;
		for (size_t w = 0; table_words[w]; w++)
			if (strstr(line, table_words[w]))
				return without_label(line);
	}
	for (size_t i = count; i-- > 0;) {
		const char *line = cell_clean(state->arena, lines[i], LINES_AS_TEXT);
		if (!line)
			import_out_of_memory(state);
		else if (line[0] && !is_attachment_label(line))
			return without_label(line);
	}
	return NULL;
}

/* How often each year is seen. */
struct year_tally {
	int years[16];
	size_t counts[16];
	size_t kinds;
};

static void count_year(struct year_tally *tally, int year)
{
	size_t k = 0;
	while (k < tally->kinds && tally->years[k] != year)
		k++;
	if (k == tally->kinds && tally->kinds < 16)
		tally->years[tally->kinds++] = year;
	if (k < tally->kinds)
		tally->counts[k]++;
}

/* Counts the years of the dates in a cell: "2019年…" or "2019-06-30". */
static void count_dates(struct year_tally *tally, const char *cell)
{
	size_t length = strlen(cell);
	for (size_t at = 0; at < length; at++) {
		size_t after;
		int year = year_at(cell, length, at, &after);
		if (!year)
			continue;
		bool date = text_starts_at(cell, length, after, "年");
		if (!date && after < length && (cell[after] == '-' || cell[after] == '/' || cell[after] == '.')) {
			size_t end = after + 1;
			while (end < length && ((cell[end] >= '0' && cell[end] <= '9') || cell[end] == cell[after]))
				end++;
			struct deadlines unused;
			date = deadlines_from_phrase(cell + at, end - at, year, &unused) == PHRASE_KNOWN;
		}
		if (date)
			count_year(tally, year);
	}
}

/* The year most dates of the table are in; 0 when it has none. */
static int year_of_dates(const struct import_state *state)
{
	struct year_tally tally = { .kinds = 0 };
	const struct grid *grid = state->grid;
	size_t deadline_column = state->columns.of_role[ROLE_DEADLINE];
	for (size_t r = state->columns.header_row + 1; r < grid->row_count; r++) {
		char date[DATE_TEXT_SIZE];
		if (cell_excel_date(row_cell(&grid->rows[r], deadline_column), date))
			count_dates(&tally, date);
		for (size_t c = 0; c < grid->rows[r].count; c++)
			count_dates(&tally, row_cell(&grid->rows[r], c));
	}
	size_t best = 0;
	for (size_t k = 1; k < tally.kinds; k++)
		if (tally.counts[k] > tally.counts[best])
			best = k;
	return tally.kinds ? tally.years[best] : 0;
}

/* The year of the title, else of the lines above the table, else of the
 * table's dates (reviewed); 0 when none says. */
static int find_year(struct import_state *state, const char *title, const char **lines, size_t count)
{
	int year = year_in(title);
	for (size_t i = count; !year && i-- > 0;)
		year = year_in(lines[i]);
	if (year)
		return year;
	year = year_of_dates(state);
	if (year)
		diag_warning(state->review, state->source, 0, NULL,
			     _("the title names no year: the plan year %d is taken from the dates in the table "
			     "(give --year)"),
			     year);
	return year;
}

bool import_find_title_and_year(struct import_state *state)
{
	size_t capacity = state->grid->preface_count + state->columns.header_row + 1;
	const char **lines = malloc(capacity * sizeof *lines);
	if (!lines) {
		import_out_of_memory(state);
		return false;
	}
	size_t count = title_candidates(state, lines, capacity);
	const char *title = state->options->title ? state->options->title : find_title(state, lines, count);
	if (state->failed) {
		free(lines);
		return false;
	}
	if (!title) {
		const char *base = strrchr(state->source, '/');
		base = base ? base + 1 : state->source;
		title = import_keep(state, base, strlen(base));
		diag_warning(state->review, state->source, 0, NULL,
			     _("no title above the table: the plan is titled \"%s\" (give --title)"), title);
	}
	state->result->title = title;
	int year = state->options->year ? state->options->year : find_year(state, title, lines, count);
	free(lines);
	if (!year) {
		diag_error(state->diag, state->source, 0, NULL,
			   _("cannot tell the plan's year: the title names none and the table has no dates; give "
			   "it with --year, e.g. --year 2019"));
		return false;
	}
	state->result->year = year;
	return !state->failed;
}
