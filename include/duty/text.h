/*
 * text.h - UTF-8 text as the terminal shows it: validation and decoding,
 * display width (a CJK character takes two columns), wrapping between
 * characters for Chinese and between words for Latin text, a growable
 * string buffer, and the edit distance used for "did you mean" hints.
 */
#ifndef DUTY_TEXT_H
#define DUTY_TEXT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point from text[0..length). Returns the bytes used
 * (1-4), or 0 when the bytes there are not valid UTF-8 (overlong forms,
 * surrogates and values above U+10FFFF are invalid). */
size_t utf8_decode(const char *text, size_t length, uint32_t *codepoint);

/* Returns length when all of text is valid UTF-8, else the offset of the
 * first byte that is not. */
size_t utf8_validate(const char *text, size_t length);

/* Bytes of the code point starting at text[0], assuming valid UTF-8. */
size_t utf8_sequence_length(unsigned char first_byte);

/* Number of code points (invalid bytes count one each). */
size_t utf8_length(const char *text);

/* Columns a code point takes in a terminal: 0, 1 or 2. */
int codepoint_width(uint32_t codepoint);

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

/* Levenshtein distance counted in code points. */
size_t text_edit_distance(const char *a, const char *b);

/* Case-sensitive substring test that never matches inside a UTF-8 sequence. */
bool text_contains(const char *haystack, const char *needle);

/* A plain decimal number ("98", "4.5", "-2"), spaces around it allowed;
 * no exponents, hex, inf or nan. */
bool text_parse_decimal(const char *text, size_t length, double *value);

/* A whole number written in digits only ("12", "0"; no sign or spaces),
 * at most max (which is not negative). */
bool text_parse_whole(const char *text, size_t length, long max, long *value);

/* Trims ASCII spaces and tabs at both ends; returns the new length. */
size_t text_trim(const char **text, size_t length);

/* A growable string. Appends after an allocation failure are ignored and
 * `failed` stays set, so callers check once at the end. */
struct strbuf {
	char *data;
	size_t length;
	size_t capacity;
	bool failed;
};

void strbuf_init(struct strbuf *buffer);
void strbuf_free(struct strbuf *buffer);
void strbuf_clear(struct strbuf *buffer);
void strbuf_append(struct strbuf *buffer, const char *text, size_t length);
void strbuf_puts(struct strbuf *buffer, const char *text);
void strbuf_putc(struct strbuf *buffer, char c);
void strbuf_spaces(struct strbuf *buffer, size_t count);
void strbuf_printf(struct strbuf *buffer, const char *format, ...)
	__attribute__((format(printf, 2, 3)));
/* Returns the NUL-terminated text ("" when empty). */
const char *strbuf_text(const struct strbuf *buffer);

/* A quantity as people write it: "98%" with the percent sign right after
 * the number, "340 家" with other units after a space. */
void strbuf_put_quantity(struct strbuf *buffer, const char *value, const char *unit);

/* RFC 4180: a CSV field needs quotes when it holds a comma, a quote or a
 * line break, or starts or ends with a space (some readers trim those). */
bool csv_field_needs_quotes(const char *field, size_t length);
/* Appends field as one CSV field: as it is, or quoted with quotes doubled. */
void strbuf_put_csv_field(struct strbuf *buffer, const char *field, size_t length);

#endif
