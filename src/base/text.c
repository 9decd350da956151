/*
 * text.c - UTF-8, display width and wrapping. One width function serves
 * every renderer so tables, wrapped text and the calendar agree on columns.
 */
#define _GNU_SOURCE   /* memmem */
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

/* Made by scripts/width-tables.py; run it again for a newer Unicode. */
/* East Asian Wide and Fullwidth (Unicode 14.0.0): two columns. */
static const struct codepoint_range wide_ranges[] = {
	{ 0x1100, 0x115F }, { 0x231A, 0x231B }, { 0x2329, 0x232A }, { 0x23E9, 0x23EC },
	{ 0x23F0, 0x23F0 }, { 0x23F3, 0x23F3 }, { 0x25FD, 0x25FE }, { 0x2614, 0x2615 },
	{ 0x2648, 0x2653 }, { 0x267F, 0x267F }, { 0x2693, 0x2693 }, { 0x26A1, 0x26A1 },
	{ 0x26AA, 0x26AB }, { 0x26BD, 0x26BE }, { 0x26C4, 0x26C5 }, { 0x26CE, 0x26CE },
	{ 0x26D4, 0x26D4 }, { 0x26EA, 0x26EA }, { 0x26F2, 0x26F3 }, { 0x26F5, 0x26F5 },
	{ 0x26FA, 0x26FA }, { 0x26FD, 0x26FD }, { 0x2705, 0x2705 }, { 0x270A, 0x270B },
	{ 0x2728, 0x2728 }, { 0x274C, 0x274C }, { 0x274E, 0x274E }, { 0x2753, 0x2755 },
	{ 0x2757, 0x2757 }, { 0x2795, 0x2797 }, { 0x27B0, 0x27B0 }, { 0x27BF, 0x27BF },
	{ 0x2B1B, 0x2B1C }, { 0x2B50, 0x2B50 }, { 0x2B55, 0x2B55 }, { 0x2E80, 0x3029 },
	{ 0x302E, 0x303E }, { 0x3041, 0x3096 }, { 0x309B, 0x3247 }, { 0x3250, 0x4DBF },
	{ 0x4E00, 0xA4C6 }, { 0xA960, 0xA97C }, { 0xAC00, 0xD7A3 }, { 0xF900, 0xFAD9 },
	{ 0xFE10, 0xFE19 }, { 0xFE30, 0xFE6B }, { 0xFF01, 0xFF60 }, { 0xFFE0, 0xFFE6 },
	{ 0x16FE0, 0x16FE3 }, { 0x16FF0, 0x1B2FB }, { 0x1F004, 0x1F004 }, { 0x1F0CF, 0x1F0CF },
	{ 0x1F18E, 0x1F18E }, { 0x1F191, 0x1F19A }, { 0x1F200, 0x1F320 }, { 0x1F32D, 0x1F335 },
	{ 0x1F337, 0x1F37C }, { 0x1F37E, 0x1F393 }, { 0x1F3A0, 0x1F3CA }, { 0x1F3CF, 0x1F3D3 },
	{ 0x1F3E0, 0x1F3F0 }, { 0x1F3F4, 0x1F3F4 }, { 0x1F3F8, 0x1F43E }, { 0x1F440, 0x1F440 },
	{ 0x1F442, 0x1F4FC }, { 0x1F4FF, 0x1F53D }, { 0x1F54B, 0x1F54E }, { 0x1F550, 0x1F567 },
	{ 0x1F57A, 0x1F57A }, { 0x1F595, 0x1F596 }, { 0x1F5A4, 0x1F5A4 }, { 0x1F5FB, 0x1F64F },
	{ 0x1F680, 0x1F6C5 }, { 0x1F6CC, 0x1F6CC }, { 0x1F6D0, 0x1F6D2 }, { 0x1F6D5, 0x1F6DF },
	{ 0x1F6EB, 0x1F6EC }, { 0x1F6F4, 0x1F6FC }, { 0x1F7E0, 0x1F7F0 }, { 0x1F90C, 0x1F93A },
	{ 0x1F93C, 0x1F945 }, { 0x1F947, 0x1F9FF }, { 0x1FA70, 0x1FAF6 }, { 0x20000, 0x3134A },
};

/* East Asian Ambiguous (Unicode 14.0.0), private use left out: two columns in a CJK locale. */
static const struct codepoint_range ambiguous_ranges[] = {
	{ 0x00A1, 0x00A1 }, { 0x00A4, 0x00A4 }, { 0x00A7, 0x00A8 }, { 0x00AA, 0x00AA },
	{ 0x00AD, 0x00AE }, { 0x00B0, 0x00B4 }, { 0x00B6, 0x00BA }, { 0x00BC, 0x00BF },
	{ 0x00C6, 0x00C6 }, { 0x00D0, 0x00D0 }, { 0x00D7, 0x00D8 }, { 0x00DE, 0x00E1 },
	{ 0x00E6, 0x00E6 }, { 0x00E8, 0x00EA }, { 0x00EC, 0x00ED }, { 0x00F0, 0x00F0 },
	{ 0x00F2, 0x00F3 }, { 0x00F7, 0x00FA }, { 0x00FC, 0x00FC }, { 0x00FE, 0x00FE },
	{ 0x0101, 0x0101 }, { 0x0111, 0x0111 }, { 0x0113, 0x0113 }, { 0x011B, 0x011B },
	{ 0x0126, 0x0127 }, { 0x012B, 0x012B }, { 0x0131, 0x0133 }, { 0x0138, 0x0138 },
	{ 0x013F, 0x0142 }, { 0x0144, 0x0144 }, { 0x0148, 0x014B }, { 0x014D, 0x014D },
	{ 0x0152, 0x0153 }, { 0x0166, 0x0167 }, { 0x016B, 0x016B }, { 0x01CE, 0x01CE },
	{ 0x01D0, 0x01D0 }, { 0x01D2, 0x01D2 }, { 0x01D4, 0x01D4 }, { 0x01D6, 0x01D6 },
	{ 0x01D8, 0x01D8 }, { 0x01DA, 0x01DA }, { 0x01DC, 0x01DC }, { 0x0251, 0x0251 },
	{ 0x0261, 0x0261 }, { 0x02C4, 0x02C4 }, { 0x02C7, 0x02C7 }, { 0x02C9, 0x02CB },
	{ 0x02CD, 0x02CD }, { 0x02D0, 0x02D0 }, { 0x02D8, 0x02DB }, { 0x02DD, 0x02DD },
	{ 0x02DF, 0x02DF }, { 0x0391, 0x03A9 }, { 0x03B1, 0x03C1 }, { 0x03C3, 0x03C9 },
	{ 0x0401, 0x0401 }, { 0x0410, 0x044F }, { 0x0451, 0x0451 }, { 0x2010, 0x2010 },
	{ 0x2013, 0x2016 }, { 0x2018, 0x2019 }, { 0x201C, 0x201D }, { 0x2020, 0x2022 },
	{ 0x2024, 0x2027 }, { 0x2030, 0x2030 }, { 0x2032, 0x2033 }, { 0x2035, 0x2035 },
	{ 0x203B, 0x203B }, { 0x203E, 0x203E }, { 0x2074, 0x2074 }, { 0x207F, 0x207F },
	{ 0x2081, 0x2084 }, { 0x20AC, 0x20AC }, { 0x2103, 0x2103 }, { 0x2105, 0x2105 },
	{ 0x2109, 0x2109 }, { 0x2113, 0x2113 }, { 0x2116, 0x2116 }, { 0x2121, 0x2122 },
	{ 0x2126, 0x2126 }, { 0x212B, 0x212B }, { 0x2153, 0x2154 }, { 0x215B, 0x215E },
	{ 0x2160, 0x216B }, { 0x2170, 0x2179 }, { 0x2189, 0x2189 }, { 0x2190, 0x2199 },
	{ 0x21B8, 0x21B9 }, { 0x21D2, 0x21D2 }, { 0x21D4, 0x21D4 }, { 0x21E7, 0x21E7 },
	{ 0x2200, 0x2200 }, { 0x2202, 0x2203 }, { 0x2207, 0x2208 }, { 0x220B, 0x220B },
	{ 0x220F, 0x220F }, { 0x2211, 0x2211 }, { 0x2215, 0x2215 }, { 0x221A, 0x221A },
	{ 0x221D, 0x2220 }, { 0x2223, 0x2223 }, { 0x2225, 0x2225 }, { 0x2227, 0x222C },
	{ 0x222E, 0x222E }, { 0x2234, 0x2237 }, { 0x223C, 0x223D }, { 0x2248, 0x2248 },
	{ 0x224C, 0x224C }, { 0x2252, 0x2252 }, { 0x2260, 0x2261 }, { 0x2264, 0x2267 },
	{ 0x226A, 0x226B }, { 0x226E, 0x226F }, { 0x2282, 0x2283 }, { 0x2286, 0x2287 },
	{ 0x2295, 0x2295 }, { 0x2299, 0x2299 }, { 0x22A5, 0x22A5 }, { 0x22BF, 0x22BF },
	{ 0x2312, 0x2312 }, { 0x2460, 0x24E9 }, { 0x24EB, 0x254B }, { 0x2550, 0x2573 },
	{ 0x2580, 0x258F }, { 0x2592, 0x2595 }, { 0x25A0, 0x25A1 }, { 0x25A3, 0x25A9 },
	{ 0x25B2, 0x25B3 }, { 0x25B6, 0x25B7 }, { 0x25BC, 0x25BD }, { 0x25C0, 0x25C1 },
	{ 0x25C6, 0x25C8 }, { 0x25CB, 0x25CB }, { 0x25CE, 0x25D1 }, { 0x25E2, 0x25E5 },
	{ 0x25EF, 0x25EF }, { 0x2605, 0x2606 }, { 0x2609, 0x2609 }, { 0x260E, 0x260F },
	{ 0x261C, 0x261C }, { 0x261E, 0x261E }, { 0x2640, 0x2640 }, { 0x2642, 0x2642 },
	{ 0x2660, 0x2661 }, { 0x2663, 0x2665 }, { 0x2667, 0x266A }, { 0x266C, 0x266D },
	{ 0x266F, 0x266F }, { 0x269E, 0x269F }, { 0x26BF, 0x26BF }, { 0x26C6, 0x26CD },
	{ 0x26CF, 0x26D3 }, { 0x26D5, 0x26E1 }, { 0x26E3, 0x26E3 }, { 0x26E8, 0x26E9 },
	{ 0x26EB, 0x26F1 }, { 0x26F4, 0x26F4 }, { 0x26F6, 0x26F9 }, { 0x26FB, 0x26FC },
	{ 0x26FE, 0x26FF }, { 0x273D, 0x273D }, { 0x2776, 0x277F }, { 0x2B56, 0x2B59 },
	{ 0x3248, 0x324F }, { 0xFFFD, 0xFFFD }, { 0x1F100, 0x1F10A }, { 0x1F110, 0x1F12D },
	{ 0x1F130, 0x1F169 }, { 0x1F170, 0x1F18D }, { 0x1F18F, 0x1F190 }, { 0x1F19B, 0x1F1AC },
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

/* East Asian Ambiguous characters (“ ” ‘ ’ … · ① ...) take two columns in
 * Chinese, Japanese and Korean terminals and one elsewhere; the program
 * decides once, at start-up, from the locale (text_set_ambiguous_width). */
static int ambiguous_width = 1;

void text_set_ambiguous_width(int columns)
{
	ambiguous_width = columns == 2 ? 2 : 1;
}

int text_ambiguous_width(void)
{
	return ambiguous_width;
}

int codepoint_width(uint32_t codepoint)
{
	if (codepoint < 0xA1)
		return 1;
	if (codepoint < 0x300 && ambiguous_width == 1)
		return 1;
	if (in_ranges(codepoint, zero_width_ranges, COUNT(zero_width_ranges)))
		return 0;
	if (in_ranges(codepoint, wide_ranges, COUNT(wide_ranges)))
		return 2;
	if (ambiguous_width == 2 && in_ranges(codepoint, ambiguous_ranges, COUNT(ambiguous_ranges)))
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
	const unsigned char *p = (const unsigned char *)text, *end = p + length;
	size_t width = 0;
	while (p < end) {
		if (*p < 0x80) {
			/* A run of ASCII: a column a byte (codepoint_width). */
			const unsigned char *run = p;
			while (p < end && *p < 0x80)
				p++;
			width += (size_t)(p - run);
		} else if (end - p >= 3 && (p[0] == 0xE4 ? p[1] >= 0xB8 : p[0] >= 0xE5 && p[0] <= 0xE9)
			   && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
			/* U+4E00..U+9FFF, the common Chinese characters: two columns. */
			width += 2;
			p += 3;
		} else {
			uint32_t codepoint;
			p += decode_for_display((const char *)p, (size_t)(end - p), &codepoint);
			width += (size_t)codepoint_width(codepoint);
		}
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
			while (offset + piece.length < length
			       && (text[offset + piece.length] == ' ' || text[offset + piece.length] == '\t'))
				piece.length++;
			piece.width = piece.length;   /* each space or tab is printed as one column */
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

size_t text_column(const char *line)
{
	size_t lead = 0;
	while (line[lead] == ' ')
		lead++;
	size_t i = lead;
	while (line[i] && line[i] != '\n' && !(line[i] == ' ' && line[i + 1] == ' '))
		i++;
	if (line[i] != ' ')
		return lead;
	while (line[i] == ' ')
		i++;
	return line[i] && line[i] != '\n' ? text_width_n(line, i) : lead;
}

size_t text_longest_piece(const char *text)
{
	size_t length = strlen(text), offset = 0, widest = 0, word = 0;
	while (offset < length) {
		uint32_t c;
		offset += decode_for_display(text + offset, length - offset, &c);
		size_t width = (size_t)codepoint_width(c);
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || width == 2) {
			word = 0;
			if (width == 2 && widest < 2)
				widest = 2;
			continue;
		}
		word += width;
		if (word > widest)
			widest = word;
	}
	return widest;
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

void text_shorten(struct strbuf *out, const char *text, size_t width)
{
	static const char ellipsis[] = "…";
	size_t length = strlen(text);
	/* A line break reads as a space: the result is one line. */
	size_t room = text_width(text) <= width ? width : width > text_width(ellipsis) ? width - text_width(ellipsis) : 0;
	size_t used = 0, offset = 0;
	while (offset < length) {
		uint32_t codepoint;
		size_t size = decode_for_display(text + offset, length - offset, &codepoint);
		bool line_break = codepoint == '\n' || codepoint == '\r';
		size_t columns = line_break ? 1 : (size_t)codepoint_width(codepoint);
		if (used + columns > room)
			break;
		if (line_break)
			strbuf_putc(out, ' ');
		else
			strbuf_append(out, text + offset, size);
		used += columns;
		offset += size;
	}
	if (offset < length)
		strbuf_puts(out, ellipsis);
}

/* --- messages -------------------------------------------------------------- */

static size_t sanitize(struct strbuf *out, const char *text, size_t length, bool final, bool one_line);

void text_put_visible(struct strbuf *out, const char *text)
{
	sanitize(out, text, strlen(text), true, true);
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

/* Candidates text_find compares before it leaves the rest to memmem. */
enum { FIND_CANDIDATES = 16 };

const char *text_find(const char *haystack, size_t haystack_length, const char *needle, size_t needle_length)
{
	/* As text_contains: bytes suffice. A needle's place is looked for by
	 * its last byte, in Chinese text a continuation byte (one of 64) and
	 * so far rarer than a lead byte: a few compares find most needles
	 * faster than memmem can prepare its tables. A haystack that keeps
	 * matching that byte (hostile, or repetitive) goes to memmem, which
	 * stays linear. */
	if (needle_length == 0 || needle_length > haystack_length)
		return needle_length == 0 ? haystack : NULL;
	unsigned char last = (unsigned char)needle[needle_length - 1];
	const char *at = haystack + needle_length - 1, *end = haystack + haystack_length;
	for (int tries = 0; tries < FIND_CANDIDATES; tries++) {
		at = memchr(at, last, (size_t)(end - at));
		if (!at)
			return NULL;
		const char *start = at - (needle_length - 1);
		if (memcmp(start, needle, needle_length - 1) == 0)
			return start;
		if (++at == end)
			return NULL;
	}
	const char *from = at - (needle_length - 1);
	return memmem(from, (size_t)(end - from), needle, needle_length);
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

/* A whole number of at most 18 ASCII digits, which cannot overflow: the
 * common case, read without a copy. False for anything else. */
static bool short_whole(const char *text, size_t length, long max, long *value)
{
	if (length == 0 || length > 18)
		return false;
	long number = 0;
	for (size_t i = 0; i < length; i++) {
		unsigned digit = (unsigned)(unsigned char)text[i] - '0';
		if (digit > 9)
			return false;
		number = number * 10 + (long)digit;
	}
	if (number > max)
		return false;
	*value = number;
	return true;
}

bool text_parse_whole(const char *text, size_t length, long max, long *value)
{
	if (short_whole(text, length, max, value))
		return true;
	char folded[64];
	if (!fold_if_needed(&text, &length, folded, sizeof folded))
		return false;
	if (length == 0)
		return false;
	if (length <= 18)
		return short_whole(text, length, max, value);
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
	long whole;   /* most target values: plain ASCII digits */
	if (short_whole(text, length, LONG_MAX, &whole)) {
		*value = (double)whole;
		return true;
	}
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

size_t text_trim(const char **text, size_t length)
{
	const char *start = *text;
	while (length && (*start == ' ' || *start == '\t')) {
		start++;
		length--;
	}
	while (length && (start[length - 1] == ' ' || start[length - 1] == '\t'))
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

/* The terminal rule; on one line, line feeds, tabs and CRs are shown as
 * their pictures too. */
static size_t sanitize(struct strbuf *out, const char *text, size_t length, bool final, bool one_line)
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
		} else if ((c == '\n' || c == '\t') && !one_line) {
			strbuf_putc(out, (char)c);
			i++;
		} else if (c == '\r' && !one_line) {
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

size_t text_sanitize_terminal(struct strbuf *out, const char *text, size_t length, bool final)
{
	return sanitize(out, text, length, final, false);
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
