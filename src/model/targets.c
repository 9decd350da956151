/*
 * targets.c - finding the quantitative targets of a requirement. Three
 * passes: find every number that counts something (with its unit and the
 * comparison its wording sets), let the items of a list ("80%、70%") share
 * the comparison of the list, then name the thing counted from the words
 * before the number (or after it, when the words before are only a verb:
 * "建立40个养殖尾水治理示范场").
 */
#include "duty/targets.h"

#include <stdlib.h>
#include <string.h>

#include "duty/array.h"
#include "duty/i18n.h"
#include "duty/phrases.h"
#include "duty/strbuf.h"
#include "duty/text.h"
#include "duty/utf8.h"

enum { WINDOW_BYTES = 240 };   /* 80 Chinese characters before a number */

struct candidate {
	size_t window_start;          /* where the words for it begin */
	size_t number_start, number_end;
	size_t end;                   /* after the unit and a comparison after it */
	size_t op_start, op_end;      /* a comparison before the number, when op_before */
	bool op_before, op_after, has_op;
	enum target_op op;
	bool follows_list;            /* only 、 (or 和, 及) between it and the one before */
	char value[NUMBER_DIGITS_SIZE];
	char unit[TARGET_UNIT_SIZE];
	const char *doubt;
};

/* The start of the character before offset. */
static size_t previous_char(const char *text, size_t offset)
{
	size_t start = offset;
	while (start > 0) {
		start--;
		if (((unsigned char)text[start] & 0xC0) != 0x80)
			break;
	}
	return start;
}

/* Where a clause ends: full stops, commas, semicolons, colons. */
static bool is_boundary(const char *text, size_t length, size_t offset)
{
	static const char *const marks[] = { "，", "；", "。", "：", "！", "？", ",", ";", ":", "\n", NULL };
	for (size_t i = 0; marks[i]; i++)
		if (text_starts_at(text, length, offset, marks[i]))
			return true;
	return false;
}

enum bracket { NOT_BRACKET, OPENS, CLOSES };

/* Brackets; *quote says whether it is a quote or a title (《》), inside
 * which numbers are names ("最多跑一次", "2018-2020"), not targets. */
static enum bracket bracket_at(const char *text, size_t length, size_t offset, bool *quote)
{
	static const struct {
		const char *text;
		enum bracket kind;
		bool quote;
	} brackets[] = {
		{ "（", OPENS, false }, { "(", OPENS, false },  { "【", OPENS, false }, { "[", OPENS, false },
		{ "《", OPENS, true },  { "“", OPENS, true },   { "「", OPENS, true },  { "‘", OPENS, true },
		{ "）", CLOSES, false }, { ")", CLOSES, false }, { "】", CLOSES, false }, { "]", CLOSES, false },
		{ "》", CLOSES, true },  { "”", CLOSES, true },  { "」", CLOSES, true },  { "’", CLOSES, true },
	};
	for (size_t i = 0; i < sizeof brackets / sizeof brackets[0]; i++)
		if (text_starts_at(text, length, offset, brackets[i].text)) {
			*quote = brackets[i].quote;
			return brackets[i].kind;
		}
	return NOT_BRACKET;
}

static bool is_ascii_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* What may follow a number that is a date, an age, a rank or a duration,
 * not a count. */
static bool is_not_a_count(const char *text, size_t length, size_t offset)
{
	static const char *const words[] = { "年", "月", "日", "号", "季", "周", "岁", "届", "个月", "个工作日",
					     "时", "点", "级", "代", "维", "星", "环", "次性", NULL };
	if (text_starts_at(text, length, offset, "个工作日"))
		return false;   /* 15个工作日: a count of working days */
	for (size_t i = 0; words[i]; i++)
		if (text_starts_at(text, length, offset, words[i]))
			return true;
	return offset < length && is_ascii_letter(text[offset]);
}

/* A range: "2018-2020", "80%-90%", "3至5家". */
static bool range_follows(const char *text, size_t length, size_t offset)
{
	static const char *const dashes[] = { "-", "－", "—", "～", "~", "至", "到", NULL };
	for (size_t i = 0; dashes[i]; i++)
		if (text_starts_at(text, length, offset, dashes[i])) {
			size_t next = offset + strlen(dashes[i]), n;
			return next < length && numeral_starts(text + next, length - next, &n);
		}
	return false;
}

/* Units, longest first where one begins another. */
static const char *const digit_units[] = {
	"个百分点", "百分点", "个工作日", "工作日", "批次", "人次", "家次", "户次", "小时", "分钟", "公里", "平方米",
	"万元", "亿元", "公斤", "千克", "学时", "课时", "%", "％", "‰", "个", "家", "次", "批", "件", "份", "项",
	"所", "条", "台", "套", "座", "户", "人", "名", "场", "篇", "张", "本", "支", "只", "头", "吨", "元",
	"天", "分", "辆", "艘", "种", "类", "起", "宗", "例", "处", "块", "枚", "期", "轮", "遍", "册", NULL,
};

/* After a Chinese numeral only units that are not also words with it
 * (一起, 一元化, 一张网, 一批, 十分, 一天天). */
static const char *const chinese_units[] = {
	"个百分点", "批次", "人次", "个", "家", "次", "件", "份", "项", "所", "条", "台", "套", "座", "名", "场",
	"篇", "支", "种", "类", "处", "轮", "遍", "人", NULL,
};

/* Reads the unit at offset into unit; returns its length in the text. */
static size_t read_unit(const char *text, size_t length, size_t offset, bool chinese, char *unit)
{
	size_t at = offset;
	unit[0] = '\0';
	struct strbuf written;
	strbuf_init(&written);
	if (!chinese && (text_starts_at(text, length, at, "万") || text_starts_at(text, length, at, "亿"))
	    && !text_starts_at(text, length, at, "万元") && !text_starts_at(text, length, at, "亿元")) {
		strbuf_append(&written, text + at, 3);
		at += 3;
	}
	const char *const *units = chinese ? chinese_units : digit_units;
	for (size_t i = 0; units[i]; i++) {
		if (!text_starts_at(text, length, at, units[i]))
			continue;
		size_t n = strlen(units[i]);
		/* 次性 (一次性), 分别, 分类: not units. */
		if ((strcmp(units[i], "次") == 0 && text_starts_at(text, length, at + n, "性"))
		    || (strcmp(units[i], "分") == 0
			&& (text_starts_at(text, length, at + n, "别") || text_starts_at(text, length, at + n, "类")
			    || text_starts_at(text, length, at + n, "级") || text_starts_at(text, length, at + n, "层")
			    || text_starts_at(text, length, at + n, "批") || text_starts_at(text, length, at + n, "期")
			    || text_starts_at(text, length, at + n, "区") || text_starts_at(text, length, at + n, "步"))))
			break;
		strbuf_puts(&written, strcmp(units[i], "％") == 0 ? "%" : units[i]);
		at += n;
		break;
	}
	/* Per so many people: "份/千人", "件/千人口", "/10万". */
	if (!chinese && at < length && text[at] == '/') {
		size_t per = at + 1;
		while (per < length && text[per] >= '0' && text[per] <= '9')
			per++;
		static const char *const scale[] = { "千", "百", "万", "亿", NULL };
		for (bool more = true; more;) {
			more = false;
			for (size_t i = 0; scale[i]; i++)
				if (text_starts_at(text, length, per, scale[i])) {
					per += strlen(scale[i]);
					more = true;
				}
		}
		static const char *const whom[] = { "人口", "人", "户", NULL };
		for (size_t i = 0; whom[i]; i++)
			if (text_starts_at(text, length, per, whom[i])) {
				per += strlen(whom[i]);
				break;
			}
		if (per > at + 1) {
			strbuf_append(&written, text + at, per - at);
			at = per;
		}
	}
	if (written.failed || written.length >= TARGET_UNIT_SIZE) {
		strbuf_free(&written);
		return 0;
	}
	memcpy(unit, strbuf_text(&written), written.length + 1);
	strbuf_free(&written);
	return at - offset;
}

struct op_word {
	const char *text;
	enum target_op op;
};

static const struct op_word before_words[] = {
	{ "不低于", TARGET_AT_LEAST }, { "不少于", TARGET_AT_LEAST }, { "不小于", TARGET_AT_LEAST },
	{ "至少", TARGET_AT_LEAST },   { "达到", TARGET_AT_LEAST },   { "超过", TARGET_AT_LEAST },
	{ "高于", TARGET_AT_LEAST },   { "多于", TARGET_AT_LEAST },   { "大于", TARGET_AT_LEAST },
	{ "提高到", TARGET_AT_LEAST }, { "提高至", TARGET_AT_LEAST }, { "提升到", TARGET_AT_LEAST },
	{ "提升至", TARGET_AT_LEAST }, { "增加到", TARGET_AT_LEAST }, { "增加至", TARGET_AT_LEAST },
	{ "增至", TARGET_AT_LEAST },   { "不高于", TARGET_AT_MOST },  { "不超过", TARGET_AT_MOST },
	{ "不多于", TARGET_AT_MOST },  { "不大于", TARGET_AT_MOST },  { "低于", TARGET_AT_MOST },
	{ "少于", TARGET_AT_MOST },    { "小于", TARGET_AT_MOST },    { "控制在", TARGET_AT_MOST },
	{ "最多", TARGET_AT_MOST },    { "降低到", TARGET_AT_MOST },  { "降低至", TARGET_AT_MOST },
	{ "降至", TARGET_AT_MOST },    { "下降到", TARGET_AT_MOST },  { "下降至", TARGET_AT_MOST },
	{ "压缩到", TARGET_AT_MOST },  { "压缩至", TARGET_AT_MOST },  { "减少到", TARGET_AT_MOST },
	{ "减少至", TARGET_AT_MOST },
};

/* The comparison nearest before the number within [from, number): the one
 * ending last, the longest of those ("不低于", not "低于"). "达" counts only
 * right before the number ("处置率达100%"). */
static bool find_op_before(const char *text, size_t length, size_t from, size_t number, struct candidate *c)
{
	bool found = false;
	size_t best_end = 0, best_start = 0;
	for (size_t at = from; at < number; at += utf8_char_length_at(text, length, at)) {
		for (size_t i = 0; i < sizeof before_words / sizeof before_words[0]; i++) {
			size_t n = strlen(before_words[i].text);
			if (at + n > number || !text_starts_at(text, length, at, before_words[i].text))
				continue;
			if (!found || at + n > best_end || (at + n == best_end && at < best_start)) {
				found = true;
				best_start = at;
				best_end = at + n;
				c->op = before_words[i].op;
			}
		}
	}
	if (number >= from + 3 && text_ends_at(text, number, "达") && (!found || best_end < number)) {
		found = true;
		best_start = number - 3;
		best_end = number;
		c->op = TARGET_AT_LEAST;
	}
	if (found) {
		c->op_start = best_start;
		c->op_end = best_end;
		c->op_before = true;
		c->has_op = true;
	}
	return found;
}

static size_t find_op_after(const char *text, size_t length, size_t offset, struct candidate *c)
{
	static const struct op_word after_words[] = {
		{ "及以上", TARGET_AT_LEAST }, { "以上", TARGET_AT_LEAST }, { "及以下", TARGET_AT_MOST },
		{ "以下", TARGET_AT_MOST },    { "以内", TARGET_AT_MOST },
	};
	for (size_t i = 0; i < sizeof after_words / sizeof after_words[0]; i++)
		if (text_starts_at(text, length, offset, after_words[i].text)) {
			c->op = after_words[i].op;
			c->op_after = true;
			c->has_op = true;
			return strlen(after_words[i].text);
		}
	if (text_starts_at(text, length, offset, "左右")) {
		c->doubt = N_("\"左右\" (about): taken as =");
		return strlen("左右");
	}
	return 0;
}

/* Characters before a Chinese numeral that make it part of a word (统一,
 * 每一, 唯一, 进一步, 之一). */
static bool chinese_in_word(const char *text, size_t offset)
{
	static const char *const before[] = { "第", "每", "逐", "统", "同", "唯", "进", "万", "之", "单", "其",
					      "任", "专", "合", "划", "归", NULL };
	for (size_t i = 0; before[i]; i++)
		if (text_ends_at(text, offset, before[i]))
			return true;
	return false;
}

static bool digit_before(const char *text, size_t offset)
{
	if (offset == 0)
		return false;
	char c = text[offset - 1];
	if ((c >= '0' && c <= '9') || c == '.' || is_ascii_letter(c))
		return true;
	size_t n;
	size_t start = previous_char(text, offset);
	return numeral_starts(text + start, offset - start, &n) && n == offset - start;
}

struct candidates {
	struct candidate *items;
	size_t count, capacity;
};

static bool add_candidate(struct candidates *list, const struct candidate *c)
{
	struct candidate *items = array_reserve(list->items, &list->capacity, list->count, sizeof *items);
	if (!items)
		return false;
	list->items = items;
	list->items[list->count++] = *c;
	return true;
}

/* Pass 1: every number that counts something. */
static bool find_candidates(const char *text, size_t length, struct candidates *list)
{
	size_t clause_start = 0, previous_end = 0;
	int depth = 0, quote_depth = 0;
	size_t at = 0;
	while (at < length) {
		bool quote = false;
		enum bracket bracket = bracket_at(text, length, at, &quote);
		if (bracket != NOT_BRACKET) {
			int step = bracket == OPENS ? 1 : -1;
			depth += depth + step >= 0 ? step : 0;
			if (quote)
				quote_depth += quote_depth + step >= 0 ? step : 0;
			at += utf8_char_length_at(text, length, at);
			continue;
		}
		if (depth == 0 && is_boundary(text, length, at)) {
			at += utf8_char_length_at(text, length, at);
			clause_start = at;
			continue;
		}
		size_t numeral;
		bool percent_words = text_starts_at(text, length, at, "百分之");
		if (quote_depth > 0 || (!percent_words && !numeral_starts(text + at, length - at, &numeral))
		    || digit_before(text, at) || text_ends_at(text, at, "第") || text_ends_at(text, at, "每")) {
			at += utf8_char_length_at(text, length, at);
			continue;
		}
		size_t number_at = percent_words ? at + strlen("百分之") : at;
		struct written_number number;
		if (!number_read(text + number_at, length - number_at, &number)
		    || (number.chinese && (number.value < 1 || chinese_in_word(text, at)))) {
			at += utf8_char_length_at(text, length, at);
			continue;
		}
		size_t after = number_at + number.length;
		if (range_follows(text, length, after)) {
			/* Skip both ends of the range. */
			at = after + 1;
			while (at < length && !numeral_starts(text + at, length - at, &numeral))
				at++;
			struct written_number second;
			if (at < length && number_read(text + at, length - at, &second))
				at += second.length;
			continue;
		}
		if (is_not_a_count(text, length, after)) {
			at = after;
			continue;
		}
		/* The words that may bear on a number are near it: a clause longer
		 * than WINDOW_BYTES is looked at only that far back (so that one
		 * huge cell is read in linear time). */
		size_t window_start = previous_end > clause_start ? previous_end : clause_start;
		if (at - window_start > WINDOW_BYTES) {
			window_start = at - WINDOW_BYTES;
			while (window_start < at && ((unsigned char)text[window_start] & 0xC0) == 0x80)
				window_start++;
		}
		struct candidate c = { .window_start = window_start, .number_start = at };
		c.number_end = after;
		memcpy(c.value, number.digits, sizeof c.value);
		/* "4.5 批次/千人": a space may stand between the number and its unit. */
		size_t spaces = 0;
		while (after + spaces < length && text[after + spaces] == ' ')
			spaces++;
		size_t unit_length = percent_words ? 0 : read_unit(text, length, after + spaces, number.chinese, c.unit);
		if (unit_length)
			unit_length += spaces;
		if (percent_words)
			strcpy(c.unit, "%");
		if (number.chinese && !c.unit[0]) {
			at = after;
			continue;
		}
		size_t end = after + unit_length;
		end += find_op_after(text, length, end, &c);
		c.end = end;
		find_op_before(text, length, c.window_start, at, &c);
		bool year_like = number.whole && number.digit_count == 4 && number.value >= 1900 && number.value <= 2100;
		if (!c.unit[0] && (!c.has_op || year_like)) {
			at = after;
			continue;
		}
		if (number.chinese && !c.doubt)
			c.doubt = N_("written in Chinese numerals");
		if (!add_candidate(list, &c))
			return false;
		previous_end = end;
		at = end > at ? end : at + 1;
	}
	return true;
}

/* Skips spaces and list punctuation at the start of [from, to). */
static size_t skip_leading(const char *text, size_t from, size_t to)
{
	static const char *const skip[] = { "、", "，", "；", " ", "\t", NULL };
	for (bool more = true; more && from < to;) {
		more = false;
		for (size_t i = 0; skip[i]; i++)
			if (text_starts_at(text, to, from, skip[i])) {
				from += strlen(skip[i]);
				more = true;
			}
	}
	return from;
}

/* Pass 2: 80%、70% share a comparison; 80%、70%以上 too. */
static void share_list_ops(const char *text, struct candidates *list)
{
	for (size_t k = 1; k < list->count; k++) {
		struct candidate *c = &list->items[k], *previous = &list->items[k - 1];
		size_t from = skip_leading(text, previous->end, c->number_start);
		bool joined = from == c->number_start && from > previous->end;
		static const char *const joins[] = { "和", "及", "与", NULL };
		for (size_t i = 0; !joined && joins[i]; i++)
			joined = c->number_start - previous->end == strlen(joins[i])
				 && memcmp(text + previous->end, joins[i], strlen(joins[i])) == 0;
		if (!joined)
			continue;
		c->follows_list = true;
		if (!c->has_op && previous->has_op) {
			c->op = previous->op;
			c->has_op = true;
		}
	}
	for (size_t k = list->count; k-- > 1;) {
		struct candidate *c = &list->items[k], *previous = &list->items[k - 1];
		if (c->follows_list && c->op_after && !previous->has_op) {
			previous->op = c->op;
			previous->has_op = true;
		}
	}
	for (size_t k = 0; k < list->count; k++)
		if (!list->items[k].has_op)
			list->items[k].op = TARGET_EQUAL;
}

/* Removes filler words at the ends of the metric. */
static void trim_metric(struct strbuf *metric)
{
	static const char *const leading[] = { "在全市范围内", "全市", "全省", "全县", "全区", "各地", "力争",
					       "确保", "其中", "同时", "并", "要", NULL };
	static const char *const trailing[] = { "稳定在", "保持在", "分别", "每年", "年均", "平均", "累计",
						"的", "为", "在", "均", "都", "等", "按照", NULL };
	for (bool more = true; more;) {
		more = false;
		for (size_t i = 0; leading[i]; i++) {
			size_t n = strlen(leading[i]);
			if (metric->length > n && memcmp(metric->data, leading[i], n) == 0) {
				memmove(metric->data, metric->data + n, metric->length - n + 1);
				metric->length -= n;
				more = true;
			}
		}
		for (size_t i = 0; trailing[i]; i++) {
			size_t n = strlen(trailing[i]);
			if (metric->length >= n && memcmp(metric->data + metric->length - n, trailing[i], n) == 0) {
				metric->length -= n;
				metric->data[metric->length] = '\0';
				more = true;
			}
		}
	}
}

/* The words after a target up to the end of its clause (or 并): the thing
 * counted when the words before it are only a verb. */
static size_t words_after(const char *text, size_t length, size_t from, size_t limit)
{
	size_t at = from;
	int depth = 0;
	if (limit > from + WINDOW_BYTES)
		limit = from + WINDOW_BYTES;
	while (at < limit && at < length) {
		bool quote;
		enum bracket bracket = bracket_at(text, length, at, &quote);
		if (bracket == OPENS)
			depth++;
		else if (bracket == CLOSES && depth > 0)
			depth--;
		else if (depth == 0
			 && (is_boundary(text, length, at) || text_starts_at(text, length, at, "、") || text_starts_at(text, length, at, "并")))
			break;
		at += utf8_char_length_at(text, length, at);
	}
	return at;
}

/* Whether the metric leaves out the comparison word: an adverb (至少完成2家)
 * always, a verb (达到, 控制在) only when nothing but the number follows it
 * (合格率达到98%, but 达到省定参考品目的80% keeps it). */
static bool leaves_out_op(const char *text, const struct candidate *c)
{
	static const char *const adverbs[] = { "至少", "不少于", "不低于", "不高于", "不超过", "最多", "不多于",
					       "不小于", "不大于", NULL };
	if (!c->op_before)
		return false;
	for (size_t i = 0; adverbs[i]; i++)
		if (c->op_end - c->op_start == strlen(adverbs[i])
		    && memcmp(text + c->op_start, adverbs[i], c->op_end - c->op_start) == 0)
			return true;
	struct strbuf tail;
	strbuf_init(&tail);
	strbuf_append(&tail, text + c->op_end, c->number_start - c->op_end);
	trim_metric(&tail);
	bool empty = tail.length == 0;
	if (!empty) {
		/* Only a time phrase there: 达到每年4.5份. */
		struct phrase_match phrase;
		empty = phrase_find(tail.data, tail.length, 0, 2000, &phrase) && phrase.start == 0
			&& phrase.length == tail.length;
	}
	strbuf_free(&tail);
	return empty;
}

/* Appends text[from..to) leaving out time phrases, 分别, and the
 * comparison word when leave_out_op. */
static void append_words(struct strbuf *out, const char *text, size_t from, size_t to, const struct candidate *c,
			 bool leave_out_op)
{
	size_t at = from;
	struct phrase_match phrase;
	bool cut_op = leave_out_op && c->op_before;
	while (at < to) {
		size_t next = to, skip_to = to;
		if (phrase_find(text, to, at, 2000, &phrase)) {
			next = phrase.start;
			skip_to = phrase.start + phrase.length;
		}
		if (cut_op && c->op_start >= at && c->op_start < next) {
			next = c->op_start;
			skip_to = c->op_end;
		}
		for (size_t probe = at; probe + strlen("分别") <= next; probe++)
			if (memcmp(text + probe, "分别", strlen("分别")) == 0) {
				next = probe;
				skip_to = probe + strlen("分别");
				break;
			}
		strbuf_append(out, text + at, next - at);
		if (next >= to)
			break;
		at = skip_to;
	}
}

bool targets_find(const char *text, size_t length, target_callback callback, void *context)
{
	struct candidates list = { NULL, 0, 0 };
	if (!find_candidates(text, length, &list)) {
		free(list.items);
		return false;
	}
	share_list_ops(text, &list);
	struct strbuf metric, previous_metric;
	strbuf_init(&metric);
	strbuf_init(&previous_metric);
	bool ok = true;
	for (size_t k = 0; ok && k < list.count; k++) {
		const struct candidate *c = &list.items[k];
		size_t start = skip_leading(text, c->window_start, c->number_start);
		size_t end = c->end;
		strbuf_clear(&metric);
		const char *doubt = c->doubt;
		if (c->follows_list && previous_metric.length) {
			strbuf_puts(&metric, strbuf_text(&previous_metric));
			start = skip_leading(text, list.items[k - 1].window_start, list.items[k - 1].number_start);
		} else {
			append_words(&metric, text, start, c->number_start, c, leaves_out_op(text, c));
			bool several = false;
			for (size_t at = start; at + strlen("分别") <= c->number_start && !several; at++)
				several = memcmp(text + at, "分别", strlen("分别")) == 0;
			/* "龙湾、洞头等6个首批创建县": examples before the number, the
			 * thing counted after it. */
			bool examples = text_ends_at(text, c->number_start, "等");
			if (examples)
				strbuf_clear(&metric);
			trim_metric(&metric);
			if (several && !doubt)
				doubt = N_("one wording sets several values (分别): check each target's metric");
			if (utf8_length(strbuf_text(&metric)) <= 4) {
				size_t limit = k + 1 < list.count ? list.items[k + 1].window_start : length;
				size_t after = words_after(text, length, c->end, limit);
				if (after > c->end) {
					strbuf_append(&metric, text + c->end, after - c->end);
					end = after;
				}
			}
			if (metric.length == 0)
				strbuf_append(&metric, text + start, end - start);
		}
		if (c->follows_list && !doubt && list.items[k - 1].doubt)
			doubt = list.items[k - 1].doubt;
		if (metric.failed) {
			ok = false;
			break;
		}
		struct found_target found = {
			.metric = strbuf_text(&metric),
			.text_start = start,
			.text_length = end - start,
			.op = c->op,
			.doubt = doubt,
		};
		memcpy(found.value, c->value, sizeof found.value);
		memcpy(found.unit, c->unit, sizeof found.unit);
		ok = callback(&found, context);
		strbuf_clear(&previous_metric);
		strbuf_puts(&previous_metric, strbuf_text(&metric));
	}
	strbuf_free(&metric);
	strbuf_free(&previous_metric);
	free(list.items);
	return ok;
}
