/*
 * phrases.c - the deadline rule. One parser reads a time phrase starting
 * at a given point of the text; deadlines_from_phrase applies it to a
 * whole phrase (a milestone's phrase, a deadline column's cell) and
 * phrase_find to every point of running text, so the phrases import finds
 * are exactly the ones the loader's check accepts.
 */
#include "duty/phrases.h"

#include <stdint.h>
#include <string.h>

#include "duty/numerals.h"
#include "duty/utf8.h"

struct parse {
	const char *text;
	size_t length;
	size_t offset;
	int plan_year;
	bool whole;                  /* the phrase is a whole cell, not running text */
	enum phrase_status status;
	struct deadlines deadlines;
};

static bool at(const struct parse *p, const char *literal)
{
	size_t n = strlen(literal);
	return p->length - p->offset >= n && memcmp(p->text + p->offset, literal, n) == 0;
}

static bool take(struct parse *p, const char *literal)
{
	if (!at(p, literal))
		return false;
	p->offset += strlen(literal);
	return true;
}

/* Takes the first of literals (longest first where one is a prefix of another). */
static bool take_any(struct parse *p, const char *const *literals)
{
	for (size_t i = 0; literals[i]; i++)
		if (take(p, literals[i]))
			return true;
	return false;
}

/* "前", "以前", "之前": before; optional after most phrases. */
static const char *const before_words[] = { "以前", "之前", "前", NULL };

static bool take_before(struct parse *p)
{
	return take_any(p, before_words);
}

static void set_one(struct parse *p, date_t date)
{
	p->deadlines.count = 1;
	p->deadlines.dates[0] = date;
	p->deadlines.implied = false;
}

static void set_year_end(struct parse *p, int year)
{
	set_one(p, date_make(year, 12, 31));
	if (year != p->plan_year)
		p->status = PHRASE_OTHER_YEAR;
}

static void set_unknown(struct parse *p)
{
	p->status = PHRASE_UNKNOWN;
}

static void set_date(struct parse *p, int year, int month, int day)
{
	if (!date_is_valid(year, month, day)) {
		set_unknown(p);
		return;
	}
	set_one(p, date_make(year, month, day));
	if (year != p->plan_year)
		p->status = PHRASE_OTHER_YEAR;
}

static void set_month_end(struct parse *p, int year, int month)
{
	set_date(p, year, month, date_days_in_month(year, month));
}

static void set_quarter(struct parse *p, int year, int quarter)
{
	set_month_end(p, year, quarter * 3);
}

/* A whole number 1..max at the cursor; chinese tells whether Chinese
 * numerals are allowed. */
static bool take_number(struct parse *p, int max, bool chinese, int *value, bool *was_chinese)
{
	struct written_number number;
	const char *text = p->text + p->offset;
	size_t length = p->length - p->offset;
	bool found = number_read_integer(text, length, &number) || (chinese && number_read(text, length, &number));
	if (!found || !number.whole || number.value < 1 || number.value > max)
		return false;
	*value = (int)number.value;
	if (was_chinese)
		*was_chinese = number.chinese;
	p->offset += number.length;
	return true;
}

/* 上半年, 下半年, with 前/内/末/底 after it or not. */
static bool half_year(struct parse *p, int year)
{
	static const char *const after[] = { "以前", "之前", "前", "内", "末", "底", NULL };
	if (take(p, "上半年"))
		set_month_end(p, year, 6);
	else if (take(p, "下半年"))
		set_year_end(p, year);
	else
		return false;
	take_any(p, after);
	return true;
}

/* [第]N季度[末|底][前]: the quarter's last day. */
static bool quarter(struct parse *p, int year)
{
	size_t start = p->offset;
	take(p, "第");
	int number;
	if (!take_number(p, 4, true, &number, NULL) || !take(p, "季度")) {
		p->offset = start;
		return false;
	}
	static const char *const end[] = { "末", "底", NULL };
	take_any(p, end);
	take_before(p);
	set_quarter(p, year, number);
	return true;
}

/* What follows "N月": a day, the month's end, a third of it, or "前".
 * False when "N月" is no phrase after all. */
static bool month_part(struct parse *p, int year, int month, bool chinese)
{
	size_t start = p->offset;
	int day;
	static const char *const day_words[] = { "日", "号", NULL };
	if (take_number(p, 31, true, &day, NULL) && take_any(p, day_words)) {
		take_before(p);
		set_date(p, year, month, day);
		return true;
	}
	p->offset = start;
	static const char *const end_words[] = { "底", "末", NULL };
	if (take_any(p, end_words)) {
		take_before(p);
		set_month_end(p, year, month);
		return true;
	}
	static const struct {
		const char *word;
		int day;   /* 0: the last day */
	} thirds[] = { { "上旬", 10 }, { "中旬", 20 }, { "下旬", 0 } };
	for (size_t i = 0; i < sizeof thirds / sizeof thirds[0]; i++)
		if (take(p, thirds[i].word)) {
			take_before(p);
			if (thirds[i].day)
				set_date(p, year, month, thirds[i].day);
			else
				set_month_end(p, year, month);
			return true;
		}
	take(p, "份");
	if (take_before(p)) {
		/* Before month N: the last day of month N-1 of the same year. */
		if (month == 1)
			set_unknown(p);
		else
			set_month_end(p, year, month - 1);
		return true;
	}
	if (take(p, "初")) {
		set_unknown(p);
		return true;
	}
	/* "6月" alone: within June. In running text a month in Chinese
	 * numerals must say more ("统一月度" is no January). */
	if (chinese && !p->whole && p->offset == start)
		return false;
	set_month_end(p, year, month);
	return true;
}

/* A phrase led by a number: a year (2019年…), a date (2019-06-30) or a
 * month (6月…, 十一月底前). */
static bool number_led(struct parse *p)
{
	size_t start = p->offset;
	struct written_number number;
	const char *text = p->text + start;
	size_t length = p->length - start;
	if (number_read_integer(text, length, &number) && number.digit_count == 4) {
		int year = (int)number.value;
		p->offset += number.length;
		if (take(p, "年")) {
			size_t after_year = p->offset;
			int month;
			bool chinese = false;
			if (take_number(p, 12, true, &month, &chinese) && take(p, "月")
			    && month_part(p, year, month, false))
				return true;
			p->offset = after_year;
			static const char *const year_end[] = { "年底", "年末", "底", "末", NULL };
			if (take_any(p, year_end)) {
				take_before(p);
				set_year_end(p, year);
				return true;
			}
			static const char *const within[] = { "年内", "内", "全年", NULL };
			if (take_any(p, within)) {
				set_year_end(p, year);
				return true;
			}
			if (half_year(p, year) || quarter(p, year))
				return true;
			if (p->whole) {
				take(p, "度");
				set_year_end(p, year);
				return true;
			}
			p->offset = start;
			return false;
		}
		/* 2019-06-30, 2019/6/30, 2019.6.30 */
		if (p->offset < p->length) {
			char separator = p->text[p->offset];
			if (separator == '-' || separator == '/' || separator == '.') {
				p->offset++;
				int month = 0, day;
				if (take_number(p, 12, false, &month, NULL) && p->offset < p->length
				    && p->text[p->offset] == separator) {
					p->offset++;
					if (take_number(p, 31, false, &day, NULL)) {
						take_before(p);
						set_date(p, year, month, day);
						return true;
					}
				} else if (p->whole && month >= 1 && p->offset == p->length) {
					/* A deadline cell "2019.12": within that month. */
					set_month_end(p, year, month);
					return true;
				}
			}
		}
		p->offset = start;
		return false;
	}
	int month;
	bool chinese = false;
	if (take_number(p, 12, true, &month, &chinese) && take(p, "月")
	    && month_part(p, p->plan_year, month, chinese))
		return true;
	p->offset = start;
	return false;
}

static void set_monthly(struct parse *p, int day)
{
	for (int month = 1; month <= 12; month++) {
		int last = date_days_in_month(p->plan_year, month);
		p->deadlines.dates[month - 1] = date_make(p->plan_year, month, day && day < last ? day : last);
	}
	p->deadlines.count = 12;
	p->deadlines.implied = false;
}

static void set_every(struct parse *p, int months)
{
	p->deadlines.count = 0;
	for (int month = months; month <= 12; month += months)
		p->deadlines.dates[p->deadlines.count++] = date_month_last_day(p->plan_year * 100 + month);
	p->deadlines.implied = false;
}

/* 每月…, 每季度…, 每半年, 每年…, 按月, 按季度. */
static bool recurring(struct parse *p)
{
	size_t start = p->offset;
	if (take(p, "每年")) {
		size_t after = p->offset;
		/* 每年3月15日前: once a year, on that day. */
		if (number_led(p) && p->deadlines.count == 1 && p->status == PHRASE_KNOWN)
			return true;
		p->offset = after;
		p->status = PHRASE_KNOWN;
		set_year_end(p, p->plan_year);
		return true;
	}
	if (take(p, "每月") || take(p, "按月")) {
		int day;
		size_t after = p->offset;
		static const char *const day_words[] = { "日", "号", NULL };
		if (take_number(p, 31, true, &day, NULL) && take_any(p, day_words)) {
			take_before(p);
			set_monthly(p, day);
			return true;
		}
		p->offset = after;
		static const char *const end_words[] = { "底", "末", NULL };
		if (take_any(p, end_words))
			take_before(p);
		set_monthly(p, 0);
		return true;
	}
	static const char *const quarterly[] = { "每季度", "每个季度", "按季度", "每季", "按季", NULL };
	if (take_any(p, quarterly)) {
		static const char *const end_words[] = { "末", "底", NULL };
		take_any(p, end_words);
		take_before(p);
		set_every(p, 3);
		return true;
	}
	static const char *const half_yearly[] = { "每半年", "按半年", NULL };
	if (take_any(p, half_yearly)) {
		static const char *const end_words[] = { "末", "底", NULL };
		take_any(p, end_words);
		take_before(p);
		set_every(p, 6);
		return true;
	}
	/* Recurring more often than monthly, or irregularly: not expanded. */
	static const char *const other[] = { "每周", "每旬", "每两个月", "每两月", "每双月", NULL };
	if (take_any(p, other)) {
		set_unknown(p);
		return true;
	}
	p->offset = start;
	return false;
}

/* Phrases of the whole year without a number. */
static bool year_words(struct parse *p)
{
	size_t start = p->offset;
	static const char *const this_year[] = { "今年", "本年", NULL };
	bool prefixed = take_any(p, this_year);
	static const char *const year_end[] = { "年底", "年末", NULL };
	if ((prefixed && (take(p, "底") || take(p, "末"))) || take_any(p, year_end)) {
		take_before(p);
		set_year_end(p, p->plan_year);
		return true;
	}
	if ((prefixed && take(p, "内")) || take(p, "年内")) {
		set_year_end(p, p->plan_year);
		return true;
	}
	p->offset = start;
	static const char *const whole_year[] = { "全年", "常年", NULL };
	if (take_any(p, whole_year)) {
		set_year_end(p, p->plan_year);
		return true;
	}
	/* What deadline columns say for work that runs all year; in running
	 * text these are verbs ("持续推进农贸市场建设"). */
	static const char *const cell_only[] = { "长期坚持", "长期", "持续推进", "持续开展", "常态化推进",
						 "常态化开展", "常态化", NULL };
	if (p->whole && take_any(p, cell_only)) {
		set_year_end(p, p->plan_year);
		return true;
	}
	return false;
}

/* Times the rule cannot turn into a date. */
static bool unknown_words(struct parse *p)
{
	static const char *const words[] = { "春节前", "元旦前", "国庆节前", "国庆前", "中秋节前", "中秋前",
					     "端午节前", "端午前", "汛期前", "汛前", "开学前", NULL };
	if (!take_any(p, words))
		return false;
	set_unknown(p);
	return true;
}

static bool core(struct parse *p)
{
	return recurring(p) || half_year(p, p->plan_year) || quarter(p, p->plan_year) || year_words(p)
	       || unknown_words(p) || number_led(p);
}

/* Parses a phrase starting at text[0]; returns the bytes it takes, 0 when
 * none starts there. */
static size_t parse_at(const char *text, size_t length, int plan_year, bool whole, enum phrase_status *status,
		       struct deadlines *deadlines)
{
	static const char *const prefixes[] = { "截止到", "截至", "截止", "到", "至", NULL };
	struct parse p = { .text = text, .length = length, .plan_year = plan_year, .whole = whole };
	size_t used = 0;
	for (size_t i = 0; prefixes[i] && !used; i++) {
		p.offset = 0;
		p.status = PHRASE_KNOWN;
		memset(&p.deadlines, 0, sizeof p.deadlines);
		/* "到2018年底", "至6月底": a date after it, not "到每年". */
		if (take(&p, prefixes[i]) && (number_led(&p) || year_words(&p)))
			used = p.offset;
	}
	if (!used) {
		p.offset = 0;
		p.status = PHRASE_KNOWN;
		memset(&p.deadlines, 0, sizeof p.deadlines);
		if (core(&p))
			used = p.offset;
	}
	if (!used)
		return 0;
	*status = p.status;
	*deadlines = p.deadlines;
	if (p.status != PHRASE_KNOWN || deadlines->count == 0) {
		/* The year's end, as when no time is given. */
		deadlines->count = 1;
		deadlines->dates[0] = date_make(plan_year, 12, 31);
		deadlines->implied = true;
	}
	return used;
}

enum phrase_status deadlines_from_phrase(const char *phrase, size_t length, int plan_year,
					 struct deadlines *deadlines)
{
	while (length && (phrase[0] == ' ' || phrase[0] == '\t')) {
		phrase++;
		length--;
	}
	while (length && (phrase[length - 1] == ' ' || phrase[length - 1] == '\t'))
		length--;
	memset(deadlines, 0, sizeof *deadlines);
	deadlines->count = 1;
	deadlines->dates[0] = date_make(plan_year, 12, 31);
	deadlines->implied = true;
	if (length == 0)
		return PHRASE_KNOWN;
	enum phrase_status status;
	struct deadlines found;
	size_t used = parse_at(phrase, length, plan_year, true, &status, &found);
	if (used != length)
		return PHRASE_UNKNOWN;
	*deadlines = found;
	return status;
}

bool deadline_follows_phrase(const char *phrase, int plan_year, date_t deadline, date_t *expected)
{
	struct deadlines deadlines;
	enum phrase_status status = deadlines_from_phrase(phrase, strlen(phrase), plan_year, &deadlines);
	*expected = deadlines.dates[0];
	if (status != PHRASE_KNOWN)
		return false;
	for (size_t i = 0; i < deadlines.count; i++)
		if (deadlines.dates[i] == deadline)
			return true;
	return false;
}

static bool is_digit_before(const char *text, size_t offset)
{
	if (offset == 0)
		return false;
	char c = text[offset - 1];
	if ((c >= '0' && c <= '9') || c == '.')
		return true;
	/* ０-９: EF BC 90..99 */
	return offset >= 3 && (unsigned char)text[offset - 3] == 0xEF && (unsigned char)text[offset - 2] == 0xBC
	       && (unsigned char)c >= 0x90 && (unsigned char)c <= 0x99;
}

/* The character before offset is a numeral (digit or Chinese). */
static bool is_numeral_before(const char *text, size_t offset)
{
	if (is_digit_before(text, offset))
		return true;
	if (offset < 3)
		return false;
	size_t char_length;
	return numeral_starts(text + offset - 3, 3, &char_length) && char_length == 3;
}

/* Whether a phrase can start with the character at text: a digit, a
 * Chinese numeral, or the first character of a word of the rule (到, 每,
 * 上半年, 第, 年底, 春节前, ...). Most characters of a requirement cannot. */
static bool may_start_phrase(const char *text, size_t length)
{
	static const uint32_t starters[] = {
		0x3007, 0x4E00, 0x4E03, 0x4E07, 0x4E09, 0x4E0A, 0x4E0B, 0x4E24, 0x4E2D, 0x4E5D, 0x4E8C, 0x4E94, 0x4ECA,
		0x5143, 0x5168, 0x516B, 0x516D, 0x5230, 0x5341, 0x5343, 0x56DB, 0x56FD, 0x5E38, 0x5E74, 0x5F00, 0x622A,
		0x6301, 0x6309, 0x6625, 0x672C, 0x6BCF, 0x6C5B, 0x767E, 0x7AEF, 0x7B2C, 0x81F3, 0x957F, 0x96F6,
	};
	if (text[0] >= '0' && text[0] <= '9')
		return true;
	uint32_t codepoint;
	if (utf8_decode(text, length, &codepoint) == 0)
		return false;
	if (codepoint >= 0xFF10 && codepoint <= 0xFF19)   /* full-width digits */
		return true;
	size_t low = 0, high = sizeof starters / sizeof starters[0];
	while (low < high) {
		size_t middle = (low + high) / 2;
		if (starters[middle] == codepoint)
			return true;
		if (starters[middle] < codepoint)
			low = middle + 1;
		else
			high = middle;
	}
	return false;
}

bool phrase_find(const char *text, size_t length, size_t from, int plan_year, struct phrase_match *match)
{
	size_t offset = from;
	while (offset < length) {
		size_t char_length = utf8_sequence_length((unsigned char)text[offset]);
		if (char_length == 0 || offset + char_length > length)
			char_length = 1;
		size_t numeral_length;
		bool starts_number = numeral_starts(text + offset, length - offset, &numeral_length);
		/* Not inside a number ("1" of "11月前"), and not 年… right after a
		 * number ("三年内" is three years, not this year). */
		bool inside = starts_number ? is_numeral_before(text, offset)
					    : (strncmp(text + offset, "年", 3) == 0 && is_numeral_before(text, offset));
		/* 达到, 提高至, 降至: a comparison, not "by" a date. */
		static const char *const comparisons[] = { "达", "高", "升", "增", "降", "缩", "少", "加", NULL };
		if (!inside && (strncmp(text + offset, "到", 3) == 0 || strncmp(text + offset, "至", 3) == 0))
			for (size_t i = 0; comparisons[i] && !inside; i++)
				inside = offset >= 3 && strncmp(text + offset - 3, comparisons[i], 3) == 0;
		if (!inside && may_start_phrase(text + offset, length - offset)) {
			enum phrase_status status;
			struct deadlines deadlines;
			size_t used = parse_at(text + offset, length - offset, plan_year, false, &status, &deadlines);
			if (used) {
				match->start = offset;
				match->length = used;
				match->status = status;
				match->deadlines = deadlines;
				return true;
			}
		}
		offset += char_length;
	}
	return false;
}
