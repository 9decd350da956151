/*
 * text.h - text as people read it: display width (a CJK character takes
 * two columns), wrapping between characters for Chinese and between words
 * for Latin text, the edit distance used for "did you mean" hints, and the
 * numbers people type.
 */
#ifndef DUTY_TEXT_H
#define DUTY_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "duty/strbuf.h"
#include "duty/utf8.h"

/* Number of code points (invalid bytes count one each). */
size_t utf8_length(const char *text);

/* Columns a code point takes in a terminal: 0, 1 or 2. East Asian Wide
 * and Fullwidth characters take 2; Ambiguous ones (“ ” ‘ ’ … · ①) take what
 * text_set_ambiguous_width said, 1 unless told otherwise. */
int codepoint_width(uint32_t codepoint);

/* How many columns (1 or 2) Ambiguous characters take: 2 in a Chinese,
 * Japanese or Korean locale, as wcwidth does there. Set once, at start-up,
 * before any width is measured. */
void text_set_ambiguous_width(int columns);
int text_ambiguous_width(void);

/* Columns the whole string takes; control characters count as one column
 * because the renderers print them as spaces. */
size_t text_width(const char *text);
size_t text_width_n(const char *text, size_t length);

/* One line of wrapped text: a byte range of the original string. */
struct text_span {
	size_t offset;
	size_t length;
};

/* Wraps text to lines of at most width columns. Breaks between CJK
 * characters anywhere except before closing punctuation (，。、）》…) or
 * after opening punctuation (（《“…); Latin words break only at spaces, unless a
 * word alone is wider than the line. A newline in the text always breaks.
 * Returns the number of lines (at least 1) and a malloc'ed array in *lines,
 * or 0 when out of memory. width 0 means no limit. */
size_t text_wrap(const char *text, size_t width, struct text_span **lines);

/* Appends text as text_sanitize_terminal does, but on one line: tabs and
 * line breaks are written as their Unicode control pictures too (␉, ␊),
 * so a message that quotes a cell stays on one line and cannot drive the
 * terminal. */
void text_put_visible(struct strbuf *out, const char *text);

/* Appends text as one line of at most width columns: as it is when it
 * fits, else cut between characters and ended with "…" (line breaks read as
 * spaces). For a milestone's text where a row has room for one line. */
void text_shorten(struct strbuf *out, const char *text, size_t width);

/* The column where a line's text starts: after its first gap of two or
 * more spaces ("  -u, --unit U      tasks of ..." gives 20), else after its
 * leading spaces. A wrapped line continues there. */
size_t text_column(const char *line);

/* The widest piece text_wrap keeps whole: a Latin word or a wide
 * character. A column this wide wraps without cutting a word. */
size_t text_longest_piece(const char *text);

/* Levenshtein distance counted in code points. */
size_t text_edit_distance(const char *a, const char *b);

/* Case-sensitive substring test that never matches inside a UTF-8 sequence. */
bool text_contains(const char *haystack, const char *needle);
/* The same on lengths: where needle first is in haystack, or NULL. */
const char *text_find(const char *haystack, size_t haystack_length, const char *needle, size_t needle_length);

/* The numbers people type. Full-width forms (１２, ８．１, ９８％, typed with
 * a Chinese input method) count as their ASCII twins everywhere: ids,
 * dates, months, numbers. */

/* Copies text with the full-width forms U+FF01..U+FF5E as ASCII and the
 * ideographic space as a space, NUL-terminated; false when it does not fit
 * in size bytes. */
bool text_fold_narrow(const char *text, size_t length, char *out, size_t size, size_t *out_length);

/* A plain decimal number ("98", "4.5", "-2"), spaces around it allowed;
 * no exponents, hex, inf or nan. */
bool text_parse_decimal(const char *text, size_t length, double *value);

/* A number followed by its unit, as typed in a report or a cell: "98",
 * "98%", "９８．５％", "352家", " 4.5 份/千人 ". */
enum { TEXT_QUANTITY_SIZE = 64 };
struct typed_quantity {
	double value;
	char number[TEXT_QUANTITY_SIZE];   /* the number in ASCII: "98.5" */
	char unit[TEXT_QUANTITY_SIZE];     /* what follows, trimmed, folded: "%", "家" or "" */
};
bool text_parse_quantity(const char *text, size_t length, struct typed_quantity *quantity);

/* Whether a typed unit ("" for none, or folded, as text_parse_quantity
 * gives it) is the unit a target counts in. */
bool text_same_unit(const char *typed, const char *unit);

/* A whole number written in digits only ("12", "0", "１２"; no sign or
 * spaces), at most max (which is not negative). */
bool text_parse_whole(const char *text, size_t length, long max, long *value);

/* Trims ASCII spaces and tabs at both ends; returns the new length. */
size_t text_trim(const char **text, size_t length);

/*
 * The one rule for text shown on a terminal (tables, messages,
 * confirmations, `duty check`): data must not be able to drive the
 * terminal. Appends text to out with line feeds and tabs kept, CRLF as a
 * line feed, other C0 control characters as their Unicode control
 * pictures (ESC shows as U+241B, a lone CR as U+240D), DEL as U+2421, and
 * C1 controls (U+0080-U+009F), bidirectional overrides and isolates
 * (U+202A-U+202E, U+2066-U+2069) and bytes that are not UTF-8 as U+FFFD.
 * Unless final, an incomplete UTF-8 sequence (or a CR) at the end is left
 * for the next call. Returns the number of bytes consumed.
 */
size_t text_sanitize_terminal(struct strbuf *out, const char *text, size_t length, bool final);

/* Whether literal stands in text[0..length) at offset. */
bool text_starts_at(const char *text, size_t length, size_t offset, const char *literal);
/* Whether literal stands in text just before end ("市农业局（牵头）" ends
 * with （牵头） at its length). */
bool text_ends_at(const char *text, size_t end, const char *literal);

#endif
