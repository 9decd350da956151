/*
 * import.c - from a grid (the table as the source has it) to the text of
 * a plan file and a unit directory.
 *
 *   header     the first row naming known columns; the rows above it and
 *              the source's preface hold the title (and the year)
 *   tasks      one per numbered row; a row without a number whose title is
 *              empty or the one above continues that task (a merged cell);
 *              rows with no requirement and no units are headings, skipped
 *   milestones split.c; targets targets.c; units units_split_wording
 *   writing    the plan in the documented format, checked by loading it
 *              with the new unit directory before anything is written
 *
 * What is guessed goes to the review list; what stops the import to diag.
 */
#include "duty/import.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "duty/array.h"
#include "duty/csvread.h"
#include "duty/csvwrite.h"
#include "duty/i18n.h"
#include "duty/load.h"
#include "duty/names.h"
#include "duty/numerals.h"
#include "duty/phrases.h"
#include "duty/plan.h"
#include "duty/plan_write.h"
#include "duty/safefile.h"
#include "duty/split.h"
#include "duty/strbuf.h"
#include "duty/targets.h"
#include "duty/text.h"
#include "duty/units.h"
#include "duty/utf8.h"

/* --- the source's columns ----------------------------------------------------- */

enum cell_role { CELL_NUMBER, CELL_TITLE, CELL_REQUIREMENT, CELL_UNITS, CELL_LEAD, CELL_SUPPORT, CELL_DEADLINE,
		 CELL_ROLES, CELL_OTHER = CELL_ROLES };

/* Header texts, compared without spaces and full-width forms. */
static const char *const header_names[CELL_ROLES][12] = {
	[CELL_NUMBER] = { "序号", "编号", "序", NULL },
	[CELL_TITLE] = { "重点工作", "工作任务", "任务", "主要任务", "重点任务", "任务名称", "工作事项", NULL },
	[CELL_REQUIREMENT] = { "年度进度要求", "工作要求", "工作目标", "具体措施", "工作内容", "进度要求", "目标任务",
			       "具体内容", "主要内容", "工作举措", "具体任务", NULL },
	[CELL_UNITS] = { "责任单位", "承办单位", "责任部门", "实施单位", NULL },
	[CELL_LEAD] = { "牵头单位", "牵头部门", "主办单位", "主责单位", NULL },
	[CELL_SUPPORT] = { "配合单位", "协办单位", "配合部门", "协同单位", NULL },
	[CELL_DEADLINE] = { "完成时限", "时间节点", "完成时间", "时限", "完成期限", "时限要求", "时间要求", NULL },
};

static bool starts(const char *text, size_t length, size_t offset, const char *literal)
{
	size_t n = strlen(literal);
	return length - offset >= n && memcmp(text + offset, literal, n) == 0;
}

static bool ends_with(const char *text, size_t length, const char *suffix)
{
	size_t n = strlen(suffix);
	return length >= n && memcmp(text + length - n, suffix, n) == 0;
}

/* Spaces of every kind: ASCII, the ideographic space, no-break space. */
static size_t space_at(const char *text, size_t length, size_t offset)
{
	char c = text[offset];
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
		return 1;
	if (starts(text, length, offset, "\xE3\x80\x80") || starts(text, length, offset, "\xC2\xA0"))
		return starts(text, length, offset, "\xC2\xA0") ? 2 : 3;
	return 0;
}

/* A header cell as a key: no spaces, full-width letters and digits as
 * ASCII, no colon at the end. */
static void header_key(const char *cell, struct strbuf *key)
{
	size_t length = strlen(cell);
	strbuf_clear(key);
	for (size_t at = 0; at < length;) {
		size_t space = space_at(cell, length, at);
		if (space) {
			at += space;
			continue;
		}
		uint32_t codepoint;
		size_t used = utf8_decode(cell + at, length - at, &codepoint);
		if (used == 0)
			used = 1;
		if (codepoint >= 0xFF01 && codepoint <= 0xFF5E && codepoint != 0xFF08 && codepoint != 0xFF09)
			strbuf_putc(key, (char)(codepoint - 0xFF01 + 0x21));
		else
			strbuf_append(key, cell + at, used);
		at += used;
	}
	while (key->length && (key->data[key->length - 1] == ':' || ends_with(key->data, key->length, "：")))
		key->length -= key->data[key->length - 1] == ':' ? 1 : strlen("：");
	if (key->data)
		key->data[key->length] = '\0';
}

static enum cell_role role_of_key(const char *key, size_t length)
{
	for (int role = 0; role < CELL_ROLES; role++)
		for (size_t i = 0; header_names[role][i]; i++)
			if (strlen(header_names[role][i]) == length && memcmp(key, header_names[role][i], length) == 0)
				return (enum cell_role)role;
	return CELL_OTHER;
}

/* The role a header cell names: "完成时限（时间节点）" is 完成时限. */
static enum cell_role role_of_header(const char *cell, struct strbuf *key)
{
	header_key(cell, key);
	const char *text = strbuf_text(key);
	enum cell_role role = role_of_key(text, key->length);
	if (role != CELL_OTHER)
		return role;
	static const char *const openings[] = { "（", "(", NULL };
	for (size_t i = 0; openings[i]; i++) {
		const char *bracket = strstr(text, openings[i]);
		if (bracket && bracket > text)
			return role_of_key(text, (size_t)(bracket - text));
	}
	return CELL_OTHER;
}

bool import_is_header(const struct grid_row *row, void *context)
{
	(void)context;
	bool seen[CELL_ROLES] = { false };
	size_t distinct = 0;
	struct strbuf key = STRBUF_INIT;
	for (size_t c = 0; c < row->count; c++) {
		enum cell_role role = role_of_header(row->cells[c], &key);
		if (role != CELL_OTHER && !seen[role]) {
			seen[role] = true;
			distinct++;
		}
	}
	strbuf_free(&key);
	return distinct >= 2 && (seen[CELL_TITLE] || seen[CELL_REQUIREMENT]);
}

/* --- cells ---------------------------------------------------------------------- */

static bool is_joining_mark(const char *text, size_t length, size_t offset)
{
	static const char *const marks[] = { "、", "，", ",", "；", ";", "：", ":", "（", "(", "）", ")", "。", NULL };
	for (size_t i = 0; marks[i]; i++)
		if (starts(text, length, offset, marks[i]))
			return true;
	return false;
}

static bool is_mark_before(const char *text, size_t offset)
{
	static const char *const marks[] = { "、", "，", ",", "；", ";", "：", ":", "（", "(", "）", ")", "。", NULL };
	for (size_t i = 0; marks[i]; i++) {
		size_t n = strlen(marks[i]);
		if (offset >= n && memcmp(text + offset - n, marks[i], n) == 0)
			return true;
	}
	return false;
}

static bool is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
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
	char line[256];
	size_t first = before_length - start < sizeof line - 1 ? before_length - start : sizeof line - 1;
	memcpy(line, before + start, first);
	line[first] = '\0';
	bool short_before = utf8_length(line) <= 12;
	size_t second = end < sizeof line - 1 ? end : sizeof line - 1;
	memcpy(line, after, second);
	line[second] = '\0';
	return short_before && utf8_length(line) <= 12;
}

/* A cell's text with spaces trimmed and its line breaks removed. Lines
 * join as they are where a mark ends or starts one (a space between two
 * Latin words); otherwise names of units and short items get a 、 between
 * them, the paragraphs of a requirement or a deadline cell a ；, a title's
 * lines nothing. */
static const char *clean_cell(struct arena *arena, const char *cell, enum cell_role kind)
{
	bool units = kind == CELL_UNITS || kind == CELL_LEAD || kind == CELL_SUPPORT;
	size_t length = strlen(cell);
	struct strbuf out = STRBUF_INIT;
	size_t at = 0;
	while (at < length && space_at(cell, length, at))
		at += space_at(cell, length, at);
	size_t end = length;
	for (bool more = true; more && end > at;) {
		more = false;
		if (cell[end - 1] == ' ' || cell[end - 1] == '\t' || cell[end - 1] == '\n' || cell[end - 1] == '\r') {
			end--;
			more = true;
		} else if (end - at >= 3 && memcmp(cell + end - 3, "\xE3\x80\x80", 3) == 0) {
			end -= 3;
			more = true;
		}
	}
	while (at < end) {
		if (cell[at] != '\n' && cell[at] != '\r') {
			strbuf_putc(&out, cell[at++]);
			continue;
		}
		/* A line break: drop it with the spaces around it. */
		while (out.length && (out.data[out.length - 1] == ' ' || out.data[out.length - 1] == '\t'))
			out.length--;
		while (at < end && space_at(cell, end, at))
			at += space_at(cell, end, at);
		if (at >= end || out.length == 0)
			continue;
		if (is_mark_before(out.data, out.length) || is_joining_mark(cell, end, at))
			continue;
		if (is_alnum(out.data[out.length - 1]) && is_alnum(cell[at]))
			strbuf_putc(&out, ' ');
		else if (units || (kind == CELL_REQUIREMENT && short_lines(out.data, out.length, cell + at, end - at)))
			strbuf_puts(&out, "、");   /* names, or short items, one per line */
		else if (kind == CELL_REQUIREMENT || kind == CELL_DEADLINE)
			strbuf_puts(&out, "；");   /* one item per paragraph */
	}
	const char *kept = out.failed ? NULL : arena_strndup(arena, strbuf_text(&out), out.length);
	strbuf_free(&out);
	return kept;
}

/* "1", "1.", "（一）", "01": a task number; 0 when the cell is none. */
static long read_number(const char *cell)
{
	size_t length = strlen(cell);
	size_t start = 0, end = length;
	static const char *const around[] = { "（", "）", "(", ")", "、", ".", "．", "。", " ", "第", NULL };
	for (bool more = true; more && start < end;) {
		more = false;
		for (size_t i = 0; around[i]; i++) {
			size_t n = strlen(around[i]);
			if (end - start >= n && memcmp(cell + start, around[i], n) == 0) {
				start += n;
				more = true;
			}
			if (end - start >= n && memcmp(cell + end - n, around[i], n) == 0) {
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

/* --- the import's own state --------------------------------------------------- */

struct piece {
	size_t start, length;        /* in the task's requirement */
	const char *deadline;        /* the deadline cell of its row, or "" */
	long line;
};

struct draft_task {
	long id;
	long line;
	const char *title;
	struct strbuf requirement;
	struct strbuf units_text, lead_text, deadline_text;
	struct piece *pieces;
	size_t piece_count, piece_capacity;
	const char **extras;
	/* filled in once the rows are read */
	struct milestone *milestones;    /* column_group: its place in the text until sorted */
	size_t milestone_count, milestone_capacity;
	struct target *targets;
	size_t target_count, target_capacity;
	size_t *units, *leads;           /* in the written directory, in the arena */
	size_t unit_count, lead_count;
	bool units_etc;
};

struct new_unit {
	const char *name;
	struct unit_guess guess;
	long line;                   /* of the task that first names it */
	long task;
};

struct importer {
	const struct grid *grid;
	const struct import_options *options;
	struct diagnostics *review, *diag;
	struct import *result;
	struct arena *arena;
	const char *source;          /* the grid's file, for messages */
	size_t header_row;
	size_t columns[CELL_ROLES];  /* SIZE_MAX when the table has none */
	size_t *extra_columns;
	const char **extra_names;
	size_t extra_count;
	struct draft_task *tasks;
	size_t task_count, task_capacity;
	long largest_id;
	struct name_index *ids;          /* the task numbers taken */
	struct unit_directory *known;    /* --units, or NULL */
	char *known_text;                /* its text, to keep */
	size_t known_size;
	struct new_unit *new_units;
	size_t new_unit_count, new_unit_capacity;
	struct name_index *new_names;
	struct unit_directory *final;    /* the written directory, loaded back */
	bool failed;                     /* memory ran out */
};

static void out_of_memory(struct importer *importer)
{
	if (!importer->failed)
		diag_memory_error(importer->diag, importer->source, 0, _("out of memory while importing"));
	importer->failed = true;
}

static const char *keep(struct importer *importer, const char *text, size_t length)
{
	char *kept = arena_strndup(importer->arena, text, length);
	if (!kept)
		out_of_memory(importer);
	return kept ? kept : "";
}

static const char *cell_of(const struct grid_row *row, size_t column)
{
	return column < row->count && row->cells[column] ? row->cells[column] : "";
}

/* --- header, title, year ------------------------------------------------------ */

static bool map_columns(struct importer *importer)
{
	const struct grid_row *header = &importer->grid->rows[importer->header_row];
	for (int role = 0; role < CELL_ROLES; role++)
		importer->columns[role] = SIZE_MAX;
	importer->extra_columns = calloc(header->count + 1, sizeof *importer->extra_columns);
	importer->extra_names = arena_array(importer->arena, header->count + 1, sizeof *importer->extra_names);
	if (!importer->extra_columns || !importer->extra_names) {
		out_of_memory(importer);
		return false;
	}
	/* A header of two rows (责任单位 over 牵头单位 and 配合单位): the lower
	 * row names a column when it can. */
	const struct grid_row *lower = NULL;
	if (importer->header_row + 1 < importer->grid->row_count
	    && import_is_header(&importer->grid->rows[importer->header_row + 1], NULL))
		lower = &importer->grid->rows[importer->header_row + 1];
	struct strbuf key = STRBUF_INIT;
	size_t second_title = SIZE_MAX;
	for (size_t c = 0; c < header->count; c++) {
		enum cell_role role = role_of_header(header->cells[c], &key);
		if (lower && c < lower->count) {
			enum cell_role below = role_of_header(lower->cells[c], &key);
			if (below != CELL_OTHER)
				role = below;
		}
		if (role != CELL_OTHER && importer->columns[role] == SIZE_MAX) {
			importer->columns[role] = c;
			continue;
		}
		if (role == CELL_TITLE && second_title == SIZE_MAX) {
			second_title = c;
			continue;
		}
		const char *name = clean_cell(importer->arena, header->cells[c], CELL_OTHER);
		if (!name) {
			out_of_memory(importer);
			break;
		}
		if (!name[0])
			continue;
		/* A column duty does not know is kept, unless its name is one
		 * of the plan's own or a column already kept. */
		size_t length = strlen(name);
		bool clash = false;
		unsigned number;
		size_t field;
		for (int p = 0; p < PLAN_COLUMN_COUNT && !clash; p++)
			for (size_t n = 0; plan_columns[p].names[n] && !clash; n++)
				clash = column_name_equals(name, length, plan_columns[p].names[n]);
		clash = clash || group_column_parse(&milestone_layout, name, length, &number, &field)
			|| group_column_parse(&target_layout, name, length, &number, &field)
			|| column_name_equals(name, length, "plan_title") || column_name_equals(name, length, "plan_year");
		for (size_t e = 0; e < importer->extra_count && !clash; e++)
			clash = strcmp(importer->extra_names[e], name) == 0;
		if (clash) {
			diag_warning(importer->review, importer->source, header->line, NULL,
				     _("the column \"%s\" is left out: the plan has a column of that name already"),
				     name);
			continue;
		}
		importer->extra_columns[importer->extra_count] = c;
		importer->extra_names[importer->extra_count++] = name;
	}
	strbuf_free(&key);
	/* Two task columns and no requirement column: the second is the requirement. */
	if (second_title != SIZE_MAX && importer->columns[CELL_REQUIREMENT] == SIZE_MAX)
		importer->columns[CELL_REQUIREMENT] = second_title;
	return !importer->failed;
}

/* The lines above the table, nearest last: the preface, then the cells of
 * the rows above the header. */
static size_t title_candidates(const struct importer *importer, const char **lines, size_t capacity)
{
	size_t count = 0;
	const struct grid *grid = importer->grid;
	for (size_t p = 0; p < grid->preface_count && count < capacity; p++)
		lines[count++] = grid->preface[p];
	for (size_t r = 0; r < importer->header_row && count < capacity; r++) {
		const struct grid_row *row = &grid->rows[r];
		for (size_t c = 0; c < row->count; c++)
			if (row->cells[c] && row->cells[c][0]) {
				lines[count++] = row->cells[c];
				break;
			}
	}
	return count;
}

/* The first "YYYY年" of text, 0 when there is none. */
static int year_in(const char *text)
{
	size_t length = strlen(text);
	for (size_t at = 0; at < length; at++) {
		if (at > 0 && text[at - 1] >= '0' && text[at - 1] <= '9')
			continue;
		struct written_number number;
		if (number_read_integer(text + at, length - at, &number) && number.digit_count == 4
		    && number.value >= 1900 && number.value <= 2100 && starts(text, length, at + number.length, "年"))
			return (int)number.value;
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

static const char *find_title(struct importer *importer, const char **lines, size_t count)
{
	static const char *const table_words[] = { "表", "清单", "计划", "方案", "分工", "任务", "要点", "安排", NULL };
	for (size_t i = count; i-- > 0;) {
		const char *line = clean_cell(importer->arena, lines[i], CELL_TITLE);
		if (!line)
			return NULL;
		if (!line[0] || is_attachment_label(line))
			continue;
		for (size_t w = 0; table_words[w]; w++)
			if (strstr(line, table_words[w]))
				return without_label(line);
	}
	for (size_t i = count; i-- > 0;) {
		const char *line = clean_cell(importer->arena, lines[i], CELL_TITLE);
		if (line && line[0] && !is_attachment_label(line))
			return without_label(line);
	}
	return NULL;
}

/* The year most dates of the table are in ("2019年6月底前", "2019-06-30"). */
static int year_of_dates(const struct importer *importer)
{
	int years[16] = { 0 };
	size_t counts[16] = { 0 }, kinds = 0;
	const struct grid *grid = importer->grid;
	for (size_t r = importer->header_row + 1; r < grid->row_count; r++) {
		const struct grid_row *row = &grid->rows[r];
		for (size_t c = 0; c < row->count; c++) {
			const char *cell = row->cells[c] ? row->cells[c] : "";
			size_t length = strlen(cell);
			for (size_t at = 0; at < length; at++) {
				if (at > 0 && cell[at - 1] >= '0' && cell[at - 1] <= '9')
					continue;
				struct written_number number;
				if (!number_read_integer(cell + at, length - at, &number) || number.digit_count != 4
				    || number.value < 1900 || number.value > 2100)
					continue;
				size_t after = at + number.length;
				struct deadlines unused;
				bool date = starts(cell, length, after, "年");
				if (!date && after < length && (cell[after] == '-' || cell[after] == '/' || cell[after] == '.')) {
					size_t end = after + 1;
					while (end < length && ((cell[end] >= '0' && cell[end] <= '9') || cell[end] == cell[after]))
						end++;
					date = deadlines_from_phrase(cell + at, end - at, (int)number.value, &unused)
					       == PHRASE_KNOWN;
				}
				if (!date)
					continue;
				size_t k = 0;
				while (k < kinds && years[k] != (int)number.value)
					k++;
				if (k == kinds && kinds < 16)
					years[kinds++] = (int)number.value;
				if (k < kinds)
					counts[k]++;
			}
		}
	}
	size_t best = 0;
	for (size_t k = 1; k < kinds; k++)
		if (counts[k] > counts[best])
			best = k;
	return kinds ? years[best] : 0;
}

static bool find_title_and_year(struct importer *importer)
{
	const struct grid *grid = importer->grid;
	size_t capacity = grid->preface_count + importer->header_row + 1;
	const char **lines = malloc(capacity * sizeof *lines);
	if (!lines) {
		out_of_memory(importer);
		return false;
	}
	size_t count = title_candidates(importer, lines, capacity);
	const char *title = importer->options->title ? importer->options->title : find_title(importer, lines, count);
	if (!title) {
		const char *base = strrchr(importer->source, '/');
		title = keep(importer, base ? base + 1 : importer->source, strlen(base ? base + 1 : importer->source));
		diag_warning(importer->review, importer->source, 0, NULL,
			     _("no title above the table: the plan is titled \"%s\" (give --title)"), title);
	}
	importer->result->title = title;
	int year = importer->options->year;
	if (!year)
		year = year_in(title);
	for (size_t i = count; !year && i-- > 0;)
		year = year_in(lines[i]);
	free(lines);
	if (!year) {
		year = year_of_dates(importer);
		if (year)
			diag_warning(importer->review, importer->source, 0, NULL,
				     _("the title names no year: the plan year %d is taken from the dates in the table "
				     "(give --year)"),
				     year);
	}
	if (!year) {
		diag_error(importer->diag, importer->source, 0, NULL,
			   _("cannot tell the plan's year: the title names none and the table has no dates; give "
			   "it with --year, e.g. --year 2019"));
		return false;
	}
	importer->result->year = year;
	return true;
}

/* --- rows into tasks --------------------------------------------------------- */

struct row_cells {
	const char *number, *title, *requirement, *units, *lead, *support, *deadline;
	long line;
};

static bool read_row(struct importer *importer, const struct grid_row *row, struct row_cells *cells)
{
	const char **slots[CELL_ROLES] = { &cells->number, &cells->title, &cells->requirement, &cells->units,
					   &cells->lead, &cells->support, &cells->deadline };
	for (int role = 0; role < CELL_ROLES; role++) {
		*slots[role] = clean_cell(importer->arena, cell_of(row, importer->columns[role]), (enum cell_role)role);
		if (!*slots[role]) {
			out_of_memory(importer);
			return false;
		}
	}
	/* Either text column stands for both when the other is missing or empty. */
	if (!cells->requirement[0])
		cells->requirement = cells->title;
	if (!cells->title[0])
		cells->title = cells->requirement;
	cells->line = row->line;
	return true;
}

/* A heading ("一、强化源头治理") or a note below the table: one text merged
 * across the row, or a row without units, deadline or number that has a
 * title or a requirement but not both. */
static bool is_heading(const struct importer *importer, const struct grid_row *row, const struct row_cells *cells)
{
	const char *first = NULL;
	size_t filled = 0;
	bool same = true;
	for (size_t c = 0; c < row->count; c++) {
		const char *cell = row->cells[c] ? row->cells[c] : "";
		if (!cell[0])
			continue;
		filled++;
		if (!first)
			first = cell;
		else if (strcmp(first, cell) != 0)
			same = false;
	}
	if (filled > 1 && same)
		return true;
	bool has_units = cells->units[0] || cells->lead[0] || cells->support[0];
	bool numbered = importer->columns[CELL_NUMBER] != SIZE_MAX && read_number(cells->number) > 0;
	bool both_texts = cells->title != cells->requirement && cells->title[0] && cells->requirement[0];
	return !has_units && !cells->deadline[0] && !numbered && !both_texts;
}

static void join_text(struct strbuf *text, const char *more, const char *separator)
{
	if (!more[0])
		return;
	if (text->length && strstr(strbuf_text(text), more))
		return;   /* the same cell again (merged) */
	if (text->length)
		strbuf_puts(text, separator);
	strbuf_puts(text, more);
}

/* The units wording of a row: the units cell, then the lead and the
 * support cells, joined by ， (units_text). */
static void units_wording(struct strbuf *out, const struct row_cells *cells)
{
	join_text(out, cells->units, "，");
	join_text(out, cells->lead, "，");
	join_text(out, cells->support, "，");
}

static bool add_piece(struct importer *importer, struct draft_task *task, const struct row_cells *cells)
{
	const char *text = cells->requirement;
	if (!text[0])
		return true;
	struct strbuf *requirement = &task->requirement;
	if (requirement->length) {
		const char *so_far = strbuf_text(requirement);
		if (strstr(so_far, text))
			return true;   /* a merged cell repeated */
		if (!ends_with(so_far, requirement->length, "。") && !ends_with(so_far, requirement->length, "；")
		    && !ends_with(so_far, requirement->length, ";"))
			strbuf_puts(requirement, "；");
	}
	struct piece *pieces = array_reserve(task->pieces, &task->piece_capacity, task->piece_count, sizeof *pieces);
	if (!pieces) {
		out_of_memory(importer);
		return false;
	}
	task->pieces = pieces;
	pieces[task->piece_count++] = (struct piece){ requirement->length, strlen(text), cells->deadline, cells->line };
	strbuf_puts(requirement, text);
	join_text(&task->deadline_text, cells->deadline, "；");
	return !requirement->failed;
}

static struct draft_task *new_task(struct importer *importer, long id, const struct row_cells *cells,
				   const struct grid_row *row)
{
	struct draft_task *tasks = array_reserve(importer->tasks, &importer->task_capacity, importer->task_count,
						 sizeof *tasks);
	const char **extras = arena_array(importer->arena, importer->extra_count + 1, sizeof *extras);
	if (!tasks || !extras) {
		out_of_memory(importer);
		return NULL;
	}
	importer->tasks = tasks;
	struct draft_task *task = &tasks[importer->task_count++];
	memset(task, 0, sizeof *task);
	task->id = id;
	task->line = cells->line;
	task->title = cells->title;
	for (size_t e = 0; e < importer->extra_count; e++) {
		extras[e] = clean_cell(importer->arena, cell_of(row, importer->extra_columns[e]), CELL_OTHER);
		if (!extras[e]) {
			out_of_memory(importer);
			return NULL;
		}
	}
	task->extras = extras;
	if (id > importer->largest_id)
		importer->largest_id = id;
	return task;
}

static bool id_is_taken(const struct importer *importer, long id)
{
	char key[24];
	int length = snprintf(key, sizeof key, "%ld", id);
	return name_index_get(importer->ids, key, (size_t)length) != SIZE_MAX;
}

static bool take_id(struct importer *importer, long id)
{
	char key[24];
	int length = snprintf(key, sizeof key, "%ld", id);
	const char *kept = arena_strndup(importer->arena, key, (size_t)length);
	if (!kept || !name_index_add(importer->ids, kept, (size_t)length, 1, NULL)) {
		out_of_memory(importer);
		return false;
	}
	return true;
}

static bool read_rows(struct importer *importer)
{
	const struct grid *grid = importer->grid;
	bool numbered = importer->columns[CELL_NUMBER] != SIZE_MAX;
	importer->ids = name_index_new(256);
	if (!importer->ids) {
		out_of_memory(importer);
		return false;
	}
	bool titled = importer->columns[CELL_TITLE] != SIZE_MAX && importer->columns[CELL_REQUIREMENT] != SIZE_MAX;
	for (size_t r = importer->header_row + 1; r < grid->row_count && !importer->failed; r++) {
		const struct grid_row *row = &grid->rows[r];
		if (import_is_header(row, NULL))
			continue;   /* the header again, on a new page */
		struct row_cells cells;
		if (!read_row(importer, row, &cells))
			return false;
		if (!cells.requirement[0] && !cells.units[0] && !cells.lead[0] && !cells.support[0]
		    && !cells.deadline[0])
			continue;   /* only a number, or nothing */
		if (is_heading(importer, row, &cells)) {
			const char *text = cells.requirement[0] ? cells.requirement : cells.number;
			diag_warning(importer->review, importer->source, row->line, NULL,
				     _("\"%s\" is taken as a heading, not a task: it has no requirement or no units"),
				     text);
			continue;
		}
		struct draft_task *previous = importer->task_count ? &importer->tasks[importer->task_count - 1] : NULL;
		long id = numbered ? read_number(cells.number) : 0;
		bool same_title = previous && strcmp(previous->title, cells.title) == 0;
		bool continues = previous
				 && ((numbered && (!cells.number[0] || id == previous->id) && (same_title || !titled))
				     || (!numbered && titled && same_title));
		if (previous && numbered && !cells.number[0] && titled && !same_title
		    && importer->columns[CELL_TITLE] != SIZE_MAX
		    && !(row->count > importer->columns[CELL_TITLE] && row->cells[importer->columns[CELL_TITLE]][0]))
			continues = true;   /* the title cell is empty: merged with the one above */
		struct draft_task *task;
		if (continues) {
			task = previous;
			diag_warning(importer->review, importer->source, row->line, NULL,
				     _("this row continues task %ld (%s): its requirement is added to that task's"),
				     task->id, numbered ? _("no number of its own") : _("the same task title"));
		} else {
			if (!numbered) {
				id = importer->largest_id + 1;
			} else if (id == 0 || id_is_taken(importer, id)) {
				long given = id;
				id = importer->largest_id + 1;
				if (!cells.number[0])
					diag_warning(importer->review, importer->source, row->line, NULL,
						     _("the row has no number: it is task %ld"), id);
				else if (given)
					diag_warning(importer->review, importer->source, row->line, NULL,
						     _("the number %ld is used twice: this row is task %ld"), given, id);
				else
					diag_warning(importer->review, importer->source, row->line, NULL,
						     _("\"%s\" is not a task number: this row is task %ld"), cells.number, id);
			}
			task = new_task(importer, id, &cells, row);
			if (!task || !take_id(importer, id))
				return false;
		}
		struct strbuf wording = STRBUF_INIT;
		units_wording(&wording, &cells);
		join_text(&task->units_text, strbuf_text(&wording), "，");
		strbuf_free(&wording);
		join_text(&task->lead_text, cells.lead, "，");
		if (!add_piece(importer, task, &cells))
			return false;
	}
	if (importer->task_count == 0 && !importer->failed) {
		diag_error(importer->diag, importer->source, grid->rows[importer->header_row].line, NULL,
			   _("the table has a header but no task below it"));
		return false;
	}
	/* A task without units takes those of the task above (a cell merged down). */
	for (size_t t = 0; t < importer->task_count; t++) {
		struct draft_task *task = &importer->tasks[t];
		if (task->units_text.length)
			continue;
		if (t == 0) {
			diag_error(importer->diag, importer->source, task->line, NULL,
				   _("task %ld names no responsible unit; fill in its units cell in the source"), task->id);
			return false;
		}
		strbuf_puts(&task->units_text, strbuf_text(&importer->tasks[t - 1].units_text));
		strbuf_puts(&task->lead_text, strbuf_text(&importer->tasks[t - 1].lead_text));
		diag_warning(importer->review, importer->source, task->line, NULL,
			     _("task %ld names no unit: it takes those of task %ld above (\"%s\")"), task->id,
			     importer->tasks[t - 1].id, strbuf_text(&task->units_text));
	}
	for (size_t t = 0; t < importer->task_count; t++) {
		struct draft_task *task = &importer->tasks[t];
		if (task->requirement.failed || task->units_text.failed || task->lead_text.failed
		    || task->deadline_text.failed)
			out_of_memory(importer);
	}
	return !importer->failed;
}

/* --- milestones and targets ---------------------------------------------------- */

struct part_reader {
	struct importer *importer;
	struct draft_task *task;
	const struct piece *piece;
	const char *requirement;
};

static void review_part(struct part_reader *reader, const struct requirement_part *part, const char *text)
{
	struct importer *importer = reader->importer;
	long line = reader->piece->line;
	long id = reader->task->id;
	char date[DATE_TEXT_SIZE];
	date_format(part->deadlines.dates[0], date);
	int length = (int)part->phrase_length;
	if (part->status == PHRASE_OTHER_YEAR)
		diag_warning(importer->review, importer->source, line, NULL,
			     _("task %ld: \"%.*s\" falls outside the plan year %d: the deadline is %s (implied)"), id,
			     length, part->phrase, importer->result->year, date);
	else if (part->status == PHRASE_UNKNOWN)
		diag_warning(importer->review, importer->source, line, NULL,
			     _("task %ld: the time phrase \"%.*s\" is not one the deadline rule knows: the deadline "
			     "is %s (implied)"),
			     id, length, part->phrase, date);
	else if (!part->phrase_length)
		diag_warning(importer->review, importer->source, line, NULL,
			     _("task %ld: no time phrase in \"%s\": the deadline is %s (implied)"), id, text, date);
	else if (part->cell_has_several)
		diag_warning(importer->review, importer->source, line, NULL,
			     _("task %ld: the deadline cell \"%s\" gives several times: the last, \"%.*s\", is "
			     "taken"),
			     id, reader->piece->deadline, length, part->phrase);
}

static bool add_part(const struct requirement_part *part, void *context)
{
	struct part_reader *reader = context;
	struct importer *importer = reader->importer;
	struct draft_task *task = reader->task;
	const char *text = keep(importer, reader->requirement + reader->piece->start + part->start, part->length);
	const char *phrase = keep(importer, part->phrase ? part->phrase : "", part->phrase_length);
	review_part(reader, part, text);
	for (size_t d = 0; d < part->deadlines.count; d++) {
		struct milestone *milestones = array_reserve(task->milestones, &task->milestone_capacity,
								   task->milestone_count, sizeof *milestones);
		if (!milestones) {
			out_of_memory(importer);
			return false;
		}
		task->milestones = milestones;
		milestones[task->milestone_count] = (struct milestone){
			.deadline = part->deadlines.dates[d],
			.phrase = phrase,
			.text = text,
			.note = "",
			.implied = part->deadlines.implied,
			.column_group = (unsigned)task->milestone_count,
		};
		task->milestone_count++;
	}
	return !importer->failed;
}

static int by_deadline(const void *left, const void *right)
{
	const struct milestone *a = left, *b = right;
	if (a->deadline != b->deadline)
		return a->deadline < b->deadline ? -1 : 1;
	return a->column_group < b->column_group ? -1 : a->column_group > b->column_group;
}

struct target_reader {
	struct importer *importer;
	struct draft_task *task;
	const char *requirement;
};

static bool add_target(const struct found_target *found, void *context)
{
	struct target_reader *reader = context;
	struct importer *importer = reader->importer;
	struct draft_task *task = reader->task;
	struct target *targets = array_reserve(task->targets, &task->target_capacity, task->target_count,
						     sizeof *targets);
	if (!targets) {
		out_of_memory(importer);
		return false;
	}
	task->targets = targets;
	struct target *target = &targets[task->target_count++];
	*target = (struct target){
		.metric = keep(importer, found->metric, strlen(found->metric)),
		.value_text = keep(importer, found->value, strlen(found->value)),
		.unit = keep(importer, found->unit, strlen(found->unit)),
		.text = keep(importer, reader->requirement + found->text_start, found->text_length),
		.reported_text = "",
		.report_note = "",
		.op = found->op,
	};
	if (found->doubt)
		diag_warning(importer->review, importer->source, task->line, NULL,
			     _("task %ld, target %zu (%s %s %s%s%s): %s"), task->id, task->target_count, target->metric,
			     target_op_text(target->op), target->value_text, target->unit[0] && strcmp(target->unit, "%") ? " " : "",
			     target->unit, _(found->doubt));
	return !importer->failed;
}

static bool derive_items(struct importer *importer)
{
	for (size_t t = 0; t < importer->task_count && !importer->failed; t++) {
		struct draft_task *task = &importer->tasks[t];
		const char *requirement = strbuf_text(&task->requirement);
		for (size_t p = 0; p < task->piece_count; p++) {
			struct part_reader reader = { importer, task, &task->pieces[p], requirement };
			if (!requirement_split(requirement + task->pieces[p].start, task->pieces[p].length,
					       task->pieces[p].deadline, importer->result->year, add_part, &reader))
				return false;
		}
		if (task->milestone_count)
			qsort(task->milestones, task->milestone_count, sizeof *task->milestones, by_deadline);
		for (size_t m = 0; m < task->milestone_count; m++)
			task->milestones[m].column_group = (unsigned)m + 1;
		struct target_reader targets = { importer, task, requirement };
		if (!targets_find(requirement, task->requirement.length, add_target, &targets)) {
			out_of_memory(importer);
			return false;
		}
		importer->result->milestone_count += task->milestone_count;
		importer->result->target_count += task->target_count;
	}
	return !importer->failed;
}

/* --- units ------------------------------------------------------------------- */

struct unit_collector {
	struct importer *importer;
	const struct draft_task *task;
};

static bool collect_new_unit(const char *name, size_t length, bool lead, void *context)
{
	(void)lead;
	struct unit_collector *collector = context;
	struct importer *importer = collector->importer;
	if (importer->known && units_find(importer->known, name, length) != SIZE_MAX)
		return true;
	if (name_index_get(importer->new_names, name, length) != SIZE_MAX)
		return true;
	struct new_unit *units = array_reserve(importer->new_units, &importer->new_unit_capacity,
					       importer->new_unit_count, sizeof *units);
	const char *kept = arena_strndup(importer->arena, name, length);
	if (!units || !kept || !name_index_add(importer->new_names, kept, length, importer->new_unit_count, NULL)) {
		out_of_memory(importer);
		return false;
	}
	importer->new_units = units;
	units[importer->new_unit_count++] = (struct new_unit){ kept, unit_guess_kind(kept), collector->task->line,
							       collector->task->id };
	return true;
}

/* Whether a unit of the kind is in the directory or among the new units. */
static bool kind_exists(const struct importer *importer, const char *kind)
{
	for (size_t u = 0; importer->known && u < importer->known->count; u++)
		if (strcmp(importer->known->units[u].kind, kind) == 0)
			return true;
	for (size_t u = 0; u < importer->new_unit_count; u++)
		if (strcmp(importer->new_units[u].guess.kind, kind) == 0)
			return true;
	return false;
}

static bool collect_new_units(struct importer *importer)
{
	importer->new_names = name_index_new(64);
	if (!importer->new_names) {
		out_of_memory(importer);
		return false;
	}
	for (size_t t = 0; t < importer->task_count && !importer->failed; t++) {
		struct draft_task *task = &importer->tasks[t];
		struct unit_collector collector = { importer, task };
		bool etc;
		units_split_wording(importer->known, strbuf_text(&task->units_text), &etc, collect_new_unit, &collector);
		if (task->lead_text.length)
			units_split_wording(importer->known, strbuf_text(&task->lead_text), &etc, collect_new_unit,
					    &collector);
	}
	/* A group needs members: of a kind that has units. */
	for (size_t u = 0; u < importer->new_unit_count; u++) {
		struct unit_guess *guess = &importer->new_units[u].guess;
		if (guess->member_kind && !kind_exists(importer, guess->member_kind)) {
			guess->kind = UNIT_KIND_OTHER;
			guess->member_kind = NULL;
		}
	}
	for (size_t u = 0; u < importer->new_unit_count; u++) {
		const struct new_unit *unit = &importer->new_units[u];
		struct strbuf hint = STRBUF_INIT;
		if (importer->known) {
			struct unit_resolution near = units_resolve(importer->known, unit->name);
			for (size_t i = 0; i < near.candidate_count && i < 3; i++) {
				strbuf_puts(&hint, i ? ", " : _("; did you mean "));
				strbuf_puts(&hint, importer->known->units[near.candidates[i]].name);
			}
			unit_resolution_free(&near);
		}
		if (unit->guess.member_kind)
			diag_warning(importer->review, importer->source, unit->line, NULL,
				     _("new unit \"%s\" (task %ld): a group, guessed from its name, of every unit of "
				     "kind %s%s"),
				     unit->name, unit->task, unit->guess.member_kind, strbuf_text(&hint));
		else
			diag_warning(importer->review, importer->source, unit->line, NULL,
				     _("new unit \"%s\" (task %ld): kind %s, guessed from its name%s"), unit->name,
				     unit->task, unit->guess.kind, strbuf_text(&hint));
		strbuf_free(&hint);
	}
	importer->result->new_unit_count = importer->new_unit_count;
	return !importer->failed;
}

/* The unit directory's header: which field is which. */
struct directory_layout {
	size_t width;
	size_t columns[UNIT_COLUMN_COUNT];
	bool found;
};

static bool read_layout(const struct csv_row *row, void *context)
{
	struct directory_layout *layout = context;
	if (row_is_blank(row))
		return true;
	layout->width = row->count;
	for (int c = 0; c < UNIT_COLUMN_COUNT; c++)
		layout->columns[c] = column_find(row, &unit_directory_columns[c]);
	layout->found = true;
	return false;
}

static bool write_directory(struct importer *importer)
{
	struct strbuf out = STRBUF_INIT;
	struct directory_layout layout = { .width = UNIT_COLUMN_COUNT };
	const char *newline = "\n";
	strbuf_puts(&out, "\xEF\xBB\xBF");
	if (importer->known_text) {
		/* The directory's rows as they are, then the new ones in its columns. */
		char *copy = malloc(importer->known_size + 1);
		struct diagnostics quiet;
		diagnostics_init(&quiet, 0);
		if (copy) {
			memcpy(copy, importer->known_text, importer->known_size);
			copy[importer->known_size] = '\0';
			static const struct csv_callbacks callbacks = { read_layout, NULL };
			csv_read(copy, importer->known_size, "", &callbacks, &layout, &quiet);
		}
		diagnostics_free(&quiet);
		free(copy);
		if (memchr(importer->known_text, '\r', importer->known_size))
			newline = "\r\n";
		strbuf_append(&out, importer->known_text, importer->known_size);
		if (importer->known_size && importer->known_text[importer->known_size - 1] != '\n')
			strbuf_puts(&out, newline);
	} else {
		for (int c = 0; c < UNIT_COLUMN_COUNT; c++) {
			layout.columns[c] = (size_t)c;
			strbuf_puts(&out, c ? "," : "");
			strbuf_puts(&out, unit_directory_columns[c].names[0]);
		}
		strbuf_puts(&out, newline);
	}
	const char **fields = calloc(layout.width + 1, sizeof *fields);
	if (!fields) {
		strbuf_free(&out);
		out_of_memory(importer);
		return false;
	}
	struct strbuf members = STRBUF_INIT;
	for (size_t u = 0; u < importer->new_unit_count; u++) {
		const struct new_unit *unit = &importer->new_units[u];
		for (size_t f = 0; f < layout.width; f++)
			fields[f] = "";
		strbuf_clear(&members);
		if (unit->guess.member_kind)
			strbuf_printf(&members, "kind:%s", unit->guess.member_kind);
		const char *values[UNIT_COLUMN_COUNT] = {
			[UNIT_COLUMN_NAME] = unit->name,
			[UNIT_COLUMN_KIND] = unit->guess.kind,
			[UNIT_COLUMN_ALIASES] = "",
			[UNIT_COLUMN_MEMBERS] = strbuf_text(&members),
			[UNIT_COLUMN_NOTE] = UNIT_NOTE_GUESSED ": check it, then delete this note "
					     "(类别由 duty import 按名称猜测，核对后删除本说明)",
		};
		for (int c = 0; c < UNIT_COLUMN_COUNT; c++)
			if (layout.columns[c] < layout.width)
				fields[layout.columns[c]] = values[c];
		for (size_t f = 0; f < layout.width; f++) {
			if (f)
				strbuf_putc(&out, ',');
			strbuf_put_csv_field(&out, fields[f], strlen(fields[f]));
		}
		strbuf_puts(&out, newline);
	}
	strbuf_free(&members);
	free(fields);
	if (out.failed) {
		strbuf_free(&out);
		out_of_memory(importer);
		return false;
	}
	importer->result->units_size = out.length;
	importer->result->units_text = strbuf_detach(&out);
	return importer->result->units_text != NULL;
}

/* The directory as written, loaded back: new units and kind: groups. */
static bool load_directory(struct importer *importer)
{
	struct load_options options = { .encoding = ENCODING_UTF8 };
	const char *name = importer->options->units_out_path ? importer->options->units_out_path : "units.csv";
	importer->final = units_load_bytes(name, importer->result->units_text, importer->result->units_size, &options,
					   importer->diag);
	return importer->final != NULL;
}

/* The units of one task, in the order of its wording, and which lead. */
struct name_list {
	const struct unit_directory *directory;
	size_t *units;
	size_t count;
	bool *listed;                /* per unit of the directory */
	bool *leads;                 /* per unit: marked （牵头）, or in the lead cell */
	bool lead_cell;              /* reading the lead cell */
};

static void add_unit(struct name_list *list, size_t unit, bool lead)
{
	const struct unit *entry = &list->directory->units[unit];
	if (entry->is_phrase) {
		/* 市、县两级食安办: the units it stands for. */
		for (size_t m = 0; m < entry->member_count; m++)
			add_unit(list, entry->members[m], lead);
		return;
	}
	if (lead || list->lead_cell)
		list->leads[unit] = true;
	if (!list->listed[unit] && !list->lead_cell) {
		list->listed[unit] = true;
		list->units[list->count++] = unit;
	}
}

static bool add_name(const char *name, size_t length, bool lead, void *context)
{
	struct name_list *list = context;
	size_t unit = units_find(list->directory, name, length);
	if (unit != SIZE_MAX)   /* always: every name is in the written directory */
		add_unit(list, unit, lead);
	return true;
}

static bool resolve_units(struct importer *importer)
{
	const struct unit_directory *directory = importer->final;
	size_t count = directory->count;
	struct name_list list = { directory, calloc(count + 1, sizeof(size_t)), 0, calloc(count + 1, sizeof(bool)),
				  calloc(count + 1, sizeof(bool)), false };
	if (!list.units || !list.listed || !list.leads) {
		out_of_memory(importer);
	} else {
		for (size_t t = 0; t < importer->task_count; t++) {
			struct draft_task *task = &importer->tasks[t];
			list.count = 0;
			list.lead_cell = false;
			memset(list.listed, 0, (count + 1) * sizeof *list.listed);
			memset(list.leads, 0, (count + 1) * sizeof *list.leads);
			units_split_wording(directory, strbuf_text(&task->units_text), &task->units_etc, add_name, &list);
			if (task->lead_text.length) {
				bool etc;
				list.lead_cell = true;
				units_split_wording(directory, strbuf_text(&task->lead_text), &etc, add_name, &list);
			}
			task->units = arena_array(importer->arena, list.count + 1, sizeof *task->units);
			task->leads = arena_array(importer->arena, list.count + 1, sizeof *task->leads);
			if (!task->units || !task->leads) {
				out_of_memory(importer);
				break;
			}
			for (size_t u = 0; u < list.count; u++) {
				task->units[task->unit_count++] = list.units[u];
				if (list.leads[list.units[u]])
					task->leads[task->lead_count++] = list.units[u];
			}
		}
		/* Units as the overview counts them: the directory's, phrases left out. */
		for (size_t u = 0; u < count; u++)
			importer->result->unit_count += unit_is_listed(&directory->units[u]);
	}
	free(list.units);
	free(list.listed);
	free(list.leads);
	return !importer->failed;
}

/* --- the plan file -------------------------------------------------------------- */

/* The drafts as the model's tasks, for plan_write. */
static bool write_plan(struct importer *importer)
{
	struct task *tasks = arena_array(importer->arena, importer->task_count + 1, sizeof *tasks);
	if (!tasks) {
		out_of_memory(importer);
		return false;
	}
	for (size_t t = 0; t < importer->task_count; t++) {
		const struct draft_task *draft = &importer->tasks[t];
		tasks[t] = (struct task){
			.id = draft->id,
			.title = draft->title,
			.requirement = strbuf_text(&draft->requirement),
			.units_text = strbuf_text(&draft->units_text),
			.units = draft->units,
			.unit_count = draft->unit_count,
			.units_etc = draft->units_etc,
			.lead_units = draft->leads,
			.lead_unit_count = draft->lead_count,
			.deadline_text = strbuf_text(&draft->deadline_text),
			.milestones = draft->milestones,
			.milestone_count = draft->milestone_count,
			.targets = draft->targets,
			.target_count = draft->target_count,
			.extras = draft->extras,
			.line = draft->line,
		};
	}
	struct plan plan = {
		.title = importer->result->title,
		.year = importer->result->year,
		.tasks = tasks,
		.task_count = importer->task_count,
		.extra_columns = importer->extra_names,
		.extra_column_count = importer->extra_count,
		.units = importer->final,
	};
	struct strbuf out = STRBUF_INIT;
	if (!plan_write(&plan, &out)) {
		strbuf_free(&out);
		out_of_memory(importer);
		return false;
	}
	importer->result->plan_size = out.length;
	importer->result->plan_text = strbuf_detach(&out);
	importer->result->task_count = importer->task_count;
	return importer->result->plan_text != NULL;
}

/* Only a plan that loads is written: load it as every command will. */
static bool check_plan(struct importer *importer)
{
	struct load_options options = { .encoding = ENCODING_UTF8 };
	const char *name = importer->options->plan_path ? importer->options->plan_path : "plan.csv";
	struct plan *plan = plan_load_bytes(name, importer->result->plan_text, importer->result->plan_size,
					    importer->final, &options, importer->diag);
	bool ok = plan != NULL;
	plan_free(plan);
	return ok;
}

/* --- the whole ------------------------------------------------------------------- */

static bool load_known_units(struct importer *importer)
{
	const char *path = importer->options->units_path;
	if (!path)
		return true;
	struct input input;
	if (!input_read_file(path, importer->options->encoding, &input, importer->diag))
		return false;
	struct load_options options = { .encoding = ENCODING_UTF8 };
	importer->known = units_load_bytes(path, input.data, input.size, &options, importer->diag);
	importer->known_text = input.data;
	importer->known_size = input.size;
	input.data = NULL;
	input_free(&input);
	return importer->known != NULL;
}

static void free_importer(struct importer *importer)
{
	for (size_t t = 0; t < importer->task_count; t++) {
		struct draft_task *task = &importer->tasks[t];
		strbuf_free(&task->requirement);
		strbuf_free(&task->units_text);
		strbuf_free(&task->lead_text);
		strbuf_free(&task->deadline_text);
		free(task->pieces);
		free(task->milestones);
		free(task->targets);
	}
	free(importer->tasks);
	free(importer->extra_columns);
	free(importer->new_units);
	name_index_free(importer->new_names);
	name_index_free(importer->ids);
	units_free(importer->known);
	units_free(importer->final);
	free(importer->known_text);
}

struct import *import_grid(const struct grid *grid, const struct import_options *options,
			   struct diagnostics *review, struct diagnostics *diag)
{
	struct import *result = calloc(1, sizeof *result);
	if (!result) {
		diag_memory_error(diag, grid->file, 0, _("out of memory while importing"));
		return NULL;
	}
	arena_init(&result->arena);
	struct importer importer = {
		.grid = grid,
		.options = options,
		.review = review,
		.diag = diag,
		.result = result,
		.arena = &result->arena,
		.source = grid->file,
		.header_row = SIZE_MAX,
	};
	size_t errors_before = diag->errors;
	for (size_t r = 0; r < grid->row_count && importer.header_row == SIZE_MAX; r++)
		if (import_is_header(&grid->rows[r], NULL))
			importer.header_row = r;
	if (importer.header_row == SIZE_MAX)
		diag_error(diag, grid->file, 0, NULL,
			   _("no table header found: expected a row naming the columns, such as 序号, 重点工作, "
			   "年度进度要求, 责任单位"));
	else if (load_known_units(&importer) && map_columns(&importer) && find_title_and_year(&importer)
		 && read_rows(&importer) && derive_items(&importer) && collect_new_units(&importer)
		 && write_directory(&importer) && load_directory(&importer) && resolve_units(&importer)
		 && write_plan(&importer))
		check_plan(&importer);
	free_importer(&importer);
	if (diag->errors != errors_before || importer.failed) {
		import_free(result);
		return NULL;
	}
	return result;
}

void import_free(struct import *import)
{
	if (!import)
		return;
	free(import->plan_text);
	free(import->units_text);
	arena_free(&import->arena);
	free(import);
}

/* --- writing ------------------------------------------------------------------- */

static bool same_bytes(const char *path, const char *data, size_t size, struct diagnostics *diag)
{
	struct diagnostics quiet;
	diagnostics_init(&quiet, 0);
	char *bytes = NULL;
	size_t length = 0;
	bool same = file_read(path, &bytes, &length, &quiet) && length == size && memcmp(bytes, data, size) == 0;
	free(bytes);
	if (quiet.out_of_memory)
		diag_memory_error(diag, path, 0, _("out of memory"));
	diagnostics_free(&quiet);
	return same;
}

enum import_saved import_save(const struct import *import, const char *plan_path, const char *units_path,
			      bool force, struct diagnostics *diag)
{
	bool units_same = access(units_path, F_OK) == 0
			  && same_bytes(units_path, import->units_text, import->units_size, diag);
	if (!force) {
		bool refused = false;
		if (access(plan_path, F_OK) == 0) {
			diag_error(diag, plan_path, 0, NULL, _("the file exists already; give --force to replace it"));
			refused = true;
		}
		if (!units_same && access(units_path, F_OK) == 0) {
			diag_error(diag, units_path, 0, NULL,
				   _("the unit directory exists already and would change; give --force to replace it"));
			refused = true;
		}
		if (refused)
			return IMPORT_EXISTS;
	}
	struct file_lock lock;
	if (file_lock_acquire(plan_path, &lock, diag) != 0)
		return IMPORT_WRITE_FAILED;
	enum import_saved saved = IMPORT_SAVED;
	char *old_units = NULL;
	size_t old_size = 0;
	bool had_units = false;
	if (!units_same) {
		struct diagnostics quiet;
		diagnostics_init(&quiet, 0);
		had_units = access(units_path, F_OK) == 0 && file_read(units_path, &old_units, &old_size, &quiet);
		diagnostics_free(&quiet);
		if (file_replace(units_path, import->units_text, import->units_size, diag) != 0)
			saved = IMPORT_WRITE_FAILED;
	}
	if (saved == IMPORT_SAVED && file_replace(plan_path, import->plan_text, import->plan_size, diag) != 0) {
		saved = IMPORT_WRITE_FAILED;
		/* Put the unit directory back as it was. */
		if (!units_same && had_units) {
			struct diagnostics quiet;
			diagnostics_init(&quiet, 0);
			file_replace(units_path, old_units, old_size, &quiet);
			diagnostics_free(&quiet);
		} else if (!units_same) {
			unlink(units_path);
		}
	}
	free(old_units);
	file_lock_release(&lock);
	return saved;
}
