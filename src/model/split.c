/*
 * split.c - cutting a requirement into the parts that become milestones,
 * and finding what governs each part's deadline.
 */
#include "duty/split.h"

#include <string.h>

#include "duty/text.h"
#include "duty/utf8.h"

static int bracket_step(const char *text, size_t length, size_t offset)
{
	static const char *const opening[] = { "（", "(", "《", "【", NULL };
	static const char *const closing[] = { "）", ")", "》", "】", NULL };
	for (size_t i = 0; opening[i]; i++)
		if (text_starts_at(text, length, offset, opening[i]))
			return 1;
	for (size_t i = 0; closing[i]; i++)
		if (text_starts_at(text, length, offset, closing[i]))
			return -1;
	return 0;
}

/* The length of the separator at offset, outside brackets: full stops and
 * semicolons cut parts. */
static size_t part_separator(const char *text, size_t length, size_t offset)
{
	static const char *const marks[] = { "；", "。", ";", "\n", NULL };
	for (size_t i = 0; marks[i]; i++)
		if (text_starts_at(text, length, offset, marks[i]))
			return strlen(marks[i]);
	return 0;
}

/* [*start, *end) without spaces and punctuation at its ends. */
static void trim_part(const char *text, size_t *start, size_t *end)
{
	static const char *const leading[] = { "，", "、", ",", " ", "\t", "　", NULL };
	static const char *const trailing[] = { "，", "、", ",", "：", ":", " ", "\t", "　", NULL };
	for (bool more = true; more && *start < *end;) {
		more = false;
		for (size_t i = 0; leading[i]; i++)
			if (text_starts_at(text, *end, *start, leading[i])) {
				*start += strlen(leading[i]);
				more = true;
			}
	}
	for (bool more = true; more && *start < *end;) {
		more = false;
		for (size_t i = 0; trailing[i]; i++) {
			size_t n = strlen(trailing[i]);
			if (*end - *start >= n && memcmp(text + *end - n, trailing[i], n) == 0) {
				*end -= n;
				more = true;
			}
		}
	}
}

struct cell_phrase {
	const char *phrase;
	size_t length;
	bool several;
	enum phrase_status status;
	struct deadlines deadlines;
};

/* What a deadline cell says: the whole cell when the rule knows it
 * ("2019年6月底前", "2019-06-30", "长期坚持"), else the last time phrase
 * in it ("6月底前启动，12月底前完成" is done by 12月底前), else the whole
 * cell as an unknown phrase. */
static void read_cell(const char *cell, int plan_year, struct cell_phrase *out)
{
	size_t length = strlen(cell);
	size_t start = 0, end = length;
	trim_part(cell, &start, &end);
	memset(out, 0, sizeof *out);
	out->phrase = cell + start;
	out->length = end - start;
	out->status = deadlines_from_phrase(out->phrase, out->length, plan_year, &out->deadlines);
	if (out->status == PHRASE_KNOWN || out->length == 0)
		return;
	struct phrase_match match, last;
	size_t count = 0, from = start;
	while (phrase_find(cell, end, from, plan_year, &match)) {
		last = match;
		count++;
		from = match.start + match.length;
	}
	if (count == 0)
		return;   /* unknown, as a whole */
	out->phrase = cell + last.start;
	out->length = last.length;
	out->status = last.status;
	out->deadlines = last.deadlines;
	out->several = count > 1;
}

static bool emit(const char *text, size_t start, size_t end, const struct phrase_match *phrase,
		 const struct cell_phrase *cell, int plan_year, requirement_part_callback callback, void *context)
{
	trim_part(text, &start, &end);
	if (end <= start)
		return true;
	struct requirement_part part = { .start = start, .length = end - start };
	if (phrase) {
		part.phrase = text + phrase->start;
		part.phrase_length = phrase->length;
		part.status = phrase->status;
		part.deadlines = phrase->deadlines;
	} else if (cell && cell->length) {
		part.phrase = cell->phrase;
		part.phrase_length = cell->length;
		part.from_deadline_cell = true;
		part.cell_has_several = cell->several;
		part.status = cell->status;
		part.deadlines = cell->deadlines;
	} else {
		part.status = deadlines_from_phrase("", 0, plan_year, &part.deadlines);
	}
	return callback(&part, context);
}

/* Where to cut before a second time phrase: after the last comma between
 * the two phrases (outside brackets), else the last 、, else at the
 * phrase itself. */
static size_t cut_before(const char *text, size_t from, size_t phrase_start)
{
	size_t comma = 0, pause = 0;
	int depth = 0;
	for (size_t at = from; at < phrase_start; at += utf8_char_length_at(text, phrase_start, at)) {
		int step = bracket_step(text, phrase_start, at);
		depth += step;
		if (depth < 0)
			depth = 0;
		if (depth)
			continue;
		if (text_starts_at(text, phrase_start, at, "，"))
			comma = at + strlen("，");
		else if (text_starts_at(text, phrase_start, at, ","))
			comma = at + 1;
		else if (text_starts_at(text, phrase_start, at, "、"))
			pause = at + strlen("、");
	}
	return comma ? comma : pause ? pause : phrase_start;
}

/* One part between separators: cut again before each time phrase after
 * the first. */
static bool split_part(const char *text, size_t start, size_t end, const struct cell_phrase *cell, int plan_year,
		       requirement_part_callback callback, void *context)
{
	struct phrase_match current, next;
	if (!phrase_find(text, end, start, plan_year, &current))
		return emit(text, start, end, NULL, cell, plan_year, callback, context);
	size_t piece_start = start;
	for (;;) {
		bool more = phrase_find(text, end, current.start + current.length, plan_year, &next);
		size_t piece_end = more ? cut_before(text, current.start + current.length, next.start) : end;
		if (!emit(text, piece_start, piece_end, &current, cell, plan_year, callback, context))
			return false;
		if (!more)
			return true;
		piece_start = piece_end;
		current = next;
	}
}

bool requirement_split(const char *text, size_t length, const char *deadline_cell, int plan_year,
		       requirement_part_callback callback, void *context)
{
	struct cell_phrase cell;
	bool have_cell = deadline_cell && deadline_cell[0];
	if (have_cell)
		read_cell(deadline_cell, plan_year, &cell);
	struct phrase_match any;
	if (have_cell && cell.length && !phrase_find(text, length, 0, plan_year, &any)) {
		/* The deadline column governs the whole requirement. */
		size_t end = length;
		while (end > 0) {
			size_t separator = 0;
			size_t last = end - 1;
			while (last > 0 && ((unsigned char)text[last] & 0xC0) == 0x80)
				last--;
			separator = part_separator(text, end, last);
			if (!separator)
				break;
			end = last;
		}
		return emit(text, 0, end, NULL, &cell, plan_year, callback, context);
	}
	size_t part_start = 0;
	int depth = 0;
	for (size_t at = 0; at <= length;) {
		size_t separator = at < length && depth == 0 ? part_separator(text, length, at) : 0;
		if (at == length || separator) {
			if (!split_part(text, part_start, at, have_cell ? &cell : NULL, plan_year, callback, context))
				return false;
			if (at == length)
				break;
			at += separator;
			part_start = at;
			continue;
		}
		depth += bracket_step(text, length, at);
		if (depth < 0)
			depth = 0;
		at += utf8_char_length_at(text, length, at);
	}
	return true;
}
