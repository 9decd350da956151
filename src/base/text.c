/*
 * text.c - UTF-8, display width and wrapping. One width function serves
 * every renderer so tables, wrapped text and the calendar agree on columns.
 */
#include "duty/text.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duty/array.h"
#include "duty/utf8.h"

struct codepoint_range {
	uint32_t first, last;
};

/* East Asian Wide and Fullwidth blocks (Unicode EastAsianWidth W/F) that
 * occur in Chinese text, plus the common emoji blocks. */
static const struct codepoint_range wide_ranges[] = {
	{ 0x1100, 0x115F }, { 0x231A, 0x231B }, { 0x2329, 0x232A },
	{ 0x23E9, 0x23EC }, { 0x23F0, 0x23F0 }, { 0x23F3, 0x23F3 },
	{ 0x25FD, 0x25FE }, { 0x2614, 0x2615 }, { 0x2648, 0x2653 },
	{ 0x267F, 0x267F }, { 0x2693, 0x2693 }, { 0x26A1, 0x26A1 },
	{ 0x26AA, 0x26AB }, { 0x26BD, 0x26BE }, { 0x26C4, 0x26C5 },
	{ 0x26CE, 0x26CE }, { 0x26D4, 0x26D4 }, { 0x26EA, 0x26EA },
	{ 0x26F2, 0x26F3 }, { 0x26F5, 0x26F5 }, { 0x26FA, 0x26FA },
	{ 0x26FD, 0x26FD }, { 0x2705, 0x2705 }, { 0x270A, 0x270B },
	{ 0x2728, 0x2728 }, { 0x274C, 0x274C }, { 0x274E, 0x274E },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 },
	{ 0x27B0, 0x27B0 }, { 0x27BF, 0x27BF }, { 0x2B1B, 0x2B1C },
	{ 0x2B50, 0x2B50 }, { 0x2B55, 0x2B55 }, { 0x2E80, 0x303E },
	{ 0x3041, 0x33FF }, { 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF },
	{ 0xA000, 0xA4CF }, { 0xA960, 0xA97F }, { 0xAC00, 0xD7A3 },
	{ 0xF900, 0xFAFF }, { 0xFE10, 0xFE19 }, { 0xFE30, 0xFE6F },
	{ 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 }, { 0x1F300, 0x1F64F },
	{ 0x1F900, 0x1F9FF }, { 0x20000, 0x2FFFD }, { 0x30000, 0x3FFFD },
};

static const struct codepoint_range zero_width_ranges[] = {
	{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD },
	{ 0x1160, 0x11FF }, { 0x200B, 0x200F }, { 0x2028, 0x202E },
	{ 0x2060, 0x2064 }, { 0x20D0, 0x20FF }, { 0xFE00, 0xFE0F },
	{ 0xFE20, 0xFE2F }, { 0xFEFF, 0xFEFF }, { 0xE0100, 0xE01EF },
};

static bool in_ranges(uint32_t codepoint, const struct codepoint_range *ranges, size_t count)
{
	size_t low = 0, high = count;
	while (low < high) {
		size_t middle = low + (high - low) / 2;
		if (codepoint < ranges[middle].first)
			high = middle;
		else if (codepoint > ranges[middle].last)
			low = middle + 1;
		else
			return true;
	}
	return false;
}

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

int codepoint_width(uint32_t codepoint)
{
	if (codepoint < 0x300)
		return 1;
	if (in_ranges(codepoint, zero_width_ranges, COUNT(zero_width_ranges)))
		return 0;
	if (in_ranges(codepoint, wide_ranges, COUNT(wide_ranges)))
		return 2;
	return 1;
}

/* Decodes for display: an invalid byte shows as one replacement column. */
static size_t decode_for_display(const char *text, size_t length, uint32_t *codepoint)
{
	size_t used = utf8_decode(text, length, codepoint);
	if (used == 0) {
		*codepoint = 0xFFFD;
		used = 1;
	}
	return used;
}

size_t utf8_length(const char *text)
{
	size_t count = 0, length = strlen(text), offset = 0;
	while (offset < length) {
		uint32_t codepoint;
		offset += decode_for_display(text + offset, length - offset, &codepoint);
		count++;
	}
	return count;
}

size_t text_width_n(const char *text, size_t length)
{
	size_t width = 0;
	size_t offset = 0;
	while (offset < length) {
		uint32_t codepoint;
		offset += decode_for_display(text + offset, length - offset, &codepoint);
		width += (size_t)codepoint_width(codepoint);
	}
	return width;
}

size_t text_width(const char *text)
{
	return text_width_n(text, strlen(text));
}

/* --- wrapping ------------------------------------------------------------ */

enum piece_kind { PIECE_WORD, PIECE_WIDE, PIECE_SPACE, PIECE_NEWLINE };

struct piece {
	size_t offset, length, width;
	enum piece_kind kind;
	bool no_line_start;  /* closing punctuation: keep with what precedes */
	bool no_line_end;    /* opening punctuation: keep with what follows */
};

static bool is_closing_punctuation(uint32_t c)
{
	static const uint32_t closing[] = {
		0x3001, 0x3002, 0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x3015,
		0x3017, 0x2019, 0x201D, 0x2026, 0xFF01, 0xFF05, 0xFF09, 0xFF0C,
		0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF3D, 0xFF5D,
		',', '.', ';', ':', '!', '?', ')', ']', '}', '%',
	};
	for (size_t i = 0; i < COUNT(closing); i++)
		if (closing[i] == c)
			return true;
	return false;
}

static bool is_opening_punctuation(uint32_t c)
{
	static const uint32_t opening[] = {
		0x3008, 0x300A, 0x300C, 0x300E, 0x3010, 0x3014, 0x3016, 0x2018,
		0x201C, 0xFF08, 0xFF3B, 0xFF5B, '(', '[', '{',
	};
	for (size_t i = 0; i < COUNT(opening); i++)
		if (opening[i] == c)
			return true;
	return false;
}

/* Splits text into pieces that wrapping never cuts: a Latin word, one wide
 * character, a run of spaces, or a newline. */
static size_t split_pieces(const char *text, struct piece **out)
{
	size_t length = strlen(text);
	size_t capacity = 16, count = 0;
	struct piece *pieces = malloc(capacity * sizeof *pieces);
	if (!pieces)
		return SIZE_MAX;
	size_t offset = 0;
	while (offset < length) {
		uint32_t c;
		size_t used = decode_for_display(text + offset, length - offset, &c);
		struct piece piece = { .offset = offset, .length = used };
		int width = codepoint_width(c);
		if (c == '\n') {
			piece.kind = PIECE_NEWLINE;
		} else if (c == ' ' || c == '\t' || c == '\r') {
			piece.kind = PIECE_SPACE;
			piece.width = 1;
			while (offset + piece.length < length
			       && (text[offset + piece.length] == ' ' || text[offset + piece.length] == '\t'))
				piece.length++;
			piece.width = 1;
		} else if (width == 2) {
			piece.kind = PIECE_WIDE;
			piece.width = 2;
			piece.no_line_start = is_closing_punctuation(c);
			piece.no_line_end = is_opening_punctuation(c);
		} else {
			/* A Latin word: everything up to a space, newline or wide char.
			 * A narrow closing mark right after a wide char joins it. */
			piece.kind = PIECE_WORD;
			piece.no_line_end = is_opening_punctuation(c);
			piece.no_line_start = is_closing_punctuation(c);
			piece.width = (size_t)width;
			size_t next = offset + used;
			while (next < length) {
				uint32_t d;
				size_t more = decode_for_display(text + next, length - next, &d);
				if (d == ' ' || d == '\t' || d == '\r' || d == '\n' || codepoint_width(d) == 2)
					break;
				piece.width += (size_t)codepoint_width(d);
				next += more;
			}
			piece.length = next - offset;
		}
		struct piece *grown = array_reserve(pieces, &capacity, count, sizeof *grown);
		if (!grown) {
			free(pieces);
			return SIZE_MAX;
		}
		pieces = grown;
		pieces[count++] = piece;
		offset += piece.length;
	}
	*out = pieces;
	return count;
}

struct line_builder {
	struct text_span *lines;
	size_t count, capacity;
	bool failed;
};

static void emit_line(struct line_builder *builder, size_t offset, size_t end)
{
	if (builder->failed)
		return;
	struct text_span *lines = array_reserve(builder->lines, &builder->capacity, builder->count, sizeof *lines);
	if (!lines) {
		builder->failed = true;
		return;
	}
	builder->lines = lines;
	builder->lines[builder->count].offset = offset;
	builder->lines[builder->count].length = end - offset;
	builder->count++;
}

/* Cuts a word wider than the line between code points. */
static void split_long_word(const char *text, const struct piece *piece, size_t width,
			    struct line_builder *builder, size_t *line_start, size_t *line_width)
{
	size_t offset = piece->offset, end = piece->offset + piece->length;
	while (offset < end) {
		uint32_t c;
		size_t used = decode_for_display(text + offset, end - offset, &c);
		size_t w = (size_t)codepoint_width(c);
		if (*line_width + w > width && *line_width > 0) {
			emit_line(builder, *line_start, offset);
			*line_start = offset;
			*line_width = 0;
		}
		*line_width += w;
		offset += used;
	}
}

static size_t piece_end(const struct piece *piece)
{
	return piece->offset + piece->length;
}

/* Breaking before pieces[at] is poor when it is closing punctuation or the
 * piece before it is opening punctuation; after a space it is always fine. */
static bool poor_break(const struct piece *pieces, size_t at)
{
	return pieces[at - 1].kind != PIECE_SPACE
	       && (pieces[at].no_line_start || pieces[at - 1].no_line_end);
}

size_t text_wrap(const char *text, size_t width, struct text_span **lines)
{
	struct piece *pieces = NULL;
	size_t count = split_pieces(text, &pieces);
	if (count == SIZE_MAX)
		return 0;
	struct line_builder builder = { 0 };
	if (width == 0)
		width = SIZE_MAX / 2;

	size_t first = 0;        /* first piece of the current line */
	size_t line_start = 0;   /* byte where the current line starts */
	size_t line_end = 0;     /* byte after its last non-space piece */
	size_t line_width = 0;
	bool line_empty = true;
	size_t i = 0;
	while (i < count) {
		const struct piece *piece = &pieces[i];
		if (piece->kind == PIECE_NEWLINE || piece->kind == PIECE_SPACE) {
			if (piece->kind == PIECE_NEWLINE) {
				emit_line(&builder, line_start, line_empty ? line_start : line_end);
				line_width = 0;
				line_empty = true;
			}
			if (line_empty) {
				line_start = piece_end(piece);
				first = i + 1;
			} else {
				line_width += piece->width;
			}
			i++;
			continue;
		}
		if (line_empty) {
			first = i;
			line_width = 0;
			if (piece->width > width)
				split_long_word(text, piece, width, &builder, &line_start, &line_width);
			else
				line_width = piece->width;
			line_end = piece_end(piece);
			line_empty = false;
			i++;
			continue;
		}
		if (line_width + piece->width <= width) {
			line_width += piece->width;
			line_end = piece_end(piece);
			i++;
			continue;
		}
		/* Break before this piece, or a little earlier to keep punctuation
		 * with its word; then lay out the moved pieces again. */
		size_t at = i;
		while (at > first + 1 && poor_break(pieces, at))
			at--;
		if (poor_break(pieces, at))
			at = i;
		size_t last = at;
		while (pieces[last - 1].kind == PIECE_SPACE)
			last--;
		emit_line(&builder, line_start, piece_end(&pieces[last - 1]));
		line_start = pieces[at].offset;
		line_empty = true;
		i = at;
	}
	emit_line(&builder, line_start, line_empty ? line_start : line_end);
	free(pieces);
	if (builder.failed) {
		free(builder.lines);
		return 0;
	}
	*lines = builder.lines;
	return builder.count;
}

/* --- messages -------------------------------------------------------------- */

void text_put_visible(struct strbuf *out, const char *text)
{
	for (const char *p = text; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= 0x20 && c != 0x7F) {
			strbuf_putc(out, *p);
			continue;
		}
		/* U+2400 + c (U+2421 for DEL): three bytes, E2 90 xx. */
		unsigned picture = c == 0x7F ? 0x21 : c;
		char bytes[3] = { (char)0xE2, (char)(0x90 | (picture >> 6)), (char)(0x80 | (picture & 0x3F)) };
		strbuf_append(out, bytes, 3);
	}
}

/* --- matching ------------------------------------------------------------ */

static size_t decode_all(const char *text, uint32_t **out)
{
	size_t length = strlen(text);
	uint32_t *codepoints = malloc((length + 1) * sizeof *codepoints);
	if (!codepoints)
		return SIZE_MAX;
	size_t count = 0, offset = 0;
	while (offset < length) {
		offset += decode_for_display(text + offset, length - offset, &codepoints[count]);
		count++;
	}
	*out = codepoints;
	return count;
}

size_t text_edit_distance(const char *a, const char *b)
{
	uint32_t *left = NULL, *right = NULL;
	size_t n = decode_all(a, &left);
	size_t m = decode_all(b, &right);
	size_t *row = NULL;
	size_t result = SIZE_MAX;
	if (n == SIZE_MAX || m == SIZE_MAX)
		goto done;
	row = malloc((m + 1) * sizeof *row);
	if (!row)
		goto done;
	for (size_t j = 0; j <= m; j++)
		row[j] = j;
	for (size_t i = 1; i <= n; i++) {
		size_t diagonal = row[0];
		row[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t above = row[j];
			size_t cost = left[i - 1] == right[j - 1] ? 0 : 1;
			size_t best = diagonal + cost;
			if (above + 1 < best)
				best = above + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diagonal = above;
		}
	}
	result = row[m];
done:
	free(row);
	if (n != SIZE_MAX)
		free(left);
	if (m != SIZE_MAX)
		free(right);
	return result;
}

bool text_contains(const char *haystack, const char *needle)
{
	/* UTF-8 is self-synchronising: a valid needle can only match at a
	 * character boundary, so a byte search is enough. */
	return strstr(haystack, needle) != NULL;
}

bool text_fold_narrow(const char *text, size_t length, char *out, size_t size, size_t *out_length)
{
	size_t used = 0;
	for (size_t i = 0; i < length;) {
		const unsigned char *c = (const unsigned char *)text + i;
		char narrow = 0;
		size_t width = 1;
		/* U+FF01..U+FF5E: EF BC 81..EF BC BF, EF BD 80..EF BD 9E; U+3000: E3 80 80. */
		if (length - i >= 3 && c[0] == 0xEF && c[1] == 0xBC && c[2] >= 0x81 && c[2] <= 0xBF)
			narrow = (char)(c[2] - 0x81 + 0x21), width = 3;
		else if (length - i >= 3 && c[0] == 0xEF && c[1] == 0xBD && c[2] >= 0x80 && c[2] <= 0x9E)
			narrow = (char)(c[2] - 0x80 + 0x60), width = 3;
		else if (length - i >= 3 && c[0] == 0xE3 && c[1] == 0x80 && c[2] == 0x80)
			narrow = ' ', width = 3;
		if (used + (narrow ? 1 : width) >= size)
			return false;
		if (narrow)
			out[used++] = narrow;
		else
			out[used++] = text[i];
		i += width;
	}
	out[used] = '\0';
	*out_length = used;
	return true;
}

/* Points *text at a copy with full-width forms folded when there are any
 * (only bytes above 0x7F can start one); false when it does not fit. */
static bool fold_if_needed(const char **text, size_t *length, char *buffer, size_t size)
{
	for (size_t i = 0; i < *length; i++) {
		if ((unsigned char)(*text)[i] < 0x80)
			continue;
		if (!text_fold_narrow(*text, *length, buffer, size, length))
			return false;
		*text = buffer;
		return true;
	}
	return true;
}

bool text_parse_whole(const char *text, size_t length, long max, long *value)
{
	char folded[64];
	if (!fold_if_needed(&text, &length, folded, sizeof folded))
		return false;
	if (length == 0)
		return false;
	long number = 0;
	for (size_t i = 0; i < length; i++) {
		if (text[i] < '0' || text[i] > '9')
			return false;
		int digit = text[i] - '0';
		if (number > (max - digit) / 10)
			return false;
		number = number * 10 + digit;
	}
	*value = number;
	return true;
}

/* The length of the plain decimal number at the start of text ("-4.5"),
 * 0 when there is none. */
static size_t decimal_prefix(const char *text, size_t length)
{
	size_t i = text[0] == '-' ? 1 : 0, digits = 0;
	while (i < length && text[i] >= '0' && text[i] <= '9')
		i++, digits++;
	if (i < length && text[i] == '.') {
		size_t point = i++;
		size_t fraction = 0;
		while (i < length && text[i] >= '0' && text[i] <= '9')
			i++, fraction++;
		if (!fraction && i < length)
			i = point;   /* "98.%" is 98 followed by ".%"; "98." alone is 98 */
		digits += fraction;
	}
	return digits ? i : 0;
}

static bool decimal_value(const char *text, size_t length, double *value)
{
	if (length > 63)
		return false;
	/* Whole numbers (most targets) without strtod. */
	long whole;
	if (text_parse_whole(text, length, LONG_MAX, &whole)) {
		*value = (double)whole;
		return true;
	}
	char buffer[64];
	memcpy(buffer, text, length);
	buffer[length] = '\0';
	errno = 0;
	char *end;
	*value = strtod(buffer, &end);
	return end == buffer + length && errno == 0 && isfinite(*value);
}

bool text_parse_decimal(const char *text, size_t length, double *value)
{
	char folded[64];
	if (!fold_if_needed(&text, &length, folded, sizeof folded))
		return false;
	length = text_trim(&text, length);
	return length && decimal_prefix(text, length) == length && decimal_value(text, length, value);
}

bool text_parse_quantity(const char *text, size_t length, struct typed_quantity *quantity)
{
	char folded[TEXT_QUANTITY_SIZE];
	if (!fold_if_needed(&text, &length, folded, sizeof folded) || length >= TEXT_QUANTITY_SIZE)
		return false;
	length = text_trim(&text, length);
	size_t number = length ? decimal_prefix(text, length) : 0;
	if (!number || !decimal_value(text, number, &quantity->value))
		return false;
	memcpy(quantity->number, text, number);
	quantity->number[number] = '\0';
	const char *unit = text + number;
	size_t unit_length = text_trim(&unit, length - number);
	memcpy(quantity->unit, unit, unit_length);
	quantity->unit[unit_length] = '\0';
	return true;
}

bool text_same_unit(const char *typed, const char *unit)
{
	if (!typed[0])
		return true;
	char folded[TEXT_QUANTITY_SIZE];
	size_t length = strlen(unit);
	return fold_if_needed(&unit, &length, folded, sizeof folded) && strlen(typed) == length
	       && memcmp(typed, unit, length) == 0;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

size_t text_trim(const char **text, size_t length)
{
	const char *start = *text;
	while (length && is_blank(*start)) {
		start++;
		length--;
	}
	while (length && is_blank(start[length - 1]))
		length--;
	*text = start;
	return length;
}

/* Whether bytes[0..length) could begin a UTF-8 sequence that more bytes
 * would complete. */
static bool is_incomplete_sequence(const unsigned char *bytes, size_t length)
{
	if (bytes[0] < 0xC2 || bytes[0] > 0xF4 || utf8_sequence_length(bytes[0]) <= length)
		return false;
	for (size_t i = 1; i < length; i++)
		if ((bytes[i] & 0xC0) != 0x80)
			return false;
	return true;
}

static void put_codepoint(struct strbuf *out, uint32_t codepoint)
{
	char bytes[3] = { (char)(0xE0 | (codepoint >> 12)), (char)(0x80 | ((codepoint >> 6) & 0x3F)),
			  (char)(0x80 | (codepoint & 0x3F)) };
	strbuf_append(out, bytes, 3);   /* only U+0800-U+FFFF come here */
}

enum { CONTROL_PICTURES = 0x2400, DELETE_PICTURE = 0x2421, REPLACEMENT = 0xFFFD };

static bool drives_terminal(uint32_t codepoint)
{
	return (codepoint >= 0x80 && codepoint <= 0x9F) || (codepoint >= 0x202A && codepoint <= 0x202E)
	       || (codepoint >= 0x2066 && codepoint <= 0x2069);
}

size_t text_sanitize_terminal(struct strbuf *out, const char *text, size_t length, bool final)
{
	const unsigned char *bytes = (const unsigned char *)text;
	size_t i = 0;
	while (i < length) {
		unsigned char c = bytes[i];
		if (c >= 0x20 && c < 0x7F) {
			size_t run = i + 1;
			while (run < length && bytes[run] >= 0x20 && bytes[run] < 0x7F)
				run++;
			strbuf_append(out, text + i, run - i);
			i = run;
		} else if (c == '\n' || c == '\t') {
			strbuf_putc(out, (char)c);
			i++;
		} else if (c == '\r') {
			if (i + 1 == length && !final)
				break;   /* a CRLF may be cut between two calls */
			if (i + 1 == length || bytes[i + 1] != '\n')
				put_codepoint(out, CONTROL_PICTURES + c);
			i++;
		} else if (c < 0x20) {
			put_codepoint(out, CONTROL_PICTURES + c);
			i++;
		} else if (c == 0x7F) {
			put_codepoint(out, DELETE_PICTURE);
			i++;
		} else {
			uint32_t codepoint;
			size_t used = utf8_decode(text + i, length - i, &codepoint);
			if (used == 0 && !final && is_incomplete_sequence(bytes + i, length - i))
				break;
			if (used == 0 || drives_terminal(codepoint))
				put_codepoint(out, REPLACEMENT);
			else
				strbuf_append(out, text + i, used);
			i += used ? used : 1;
		}
	}
	return i;
}

bool text_starts_at(const char *text, size_t length, size_t offset, const char *literal)
{
	size_t n = strlen(literal);
	return offset <= length && length - offset >= n && memcmp(text + offset, literal, n) == 0;
}

bool text_ends_at(const char *text, size_t end, const char *literal)
{
	size_t n = strlen(literal);
	return end >= n && memcmp(text + end - n, literal, n) == 0;
}
