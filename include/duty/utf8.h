/*
 * utf8.h - validating and decoding UTF-8.
 */
#ifndef DUTY_UTF8_H
#define DUTY_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point from text[0..length). Returns the bytes used
 * (1-4), or 0 when the bytes there are not valid UTF-8 (overlong forms,
 * surrogates and values above U+10FFFF are invalid). */
size_t utf8_decode(const char *text, size_t length, uint32_t *codepoint);

/* Returns length when all of text is valid UTF-8, else the offset of the
 * first byte that is not. Vectorised where the machine allows. */
size_t utf8_validate(const char *text, size_t length);

/* The same, byte by byte: what machines without the vector kernel run, and
 * what the tests compare it with. */
size_t utf8_validate_portable(const char *text, size_t length);

/* What one pass over raw bytes found; an offset is the size when there is
 * none. Of a NUL and a carriage return not followed by a line feed, only
 * the first in the data is given (the other stays at the size), and the
 * UTF-8 check stops there. */
struct text_scan {
	size_t invalid_utf8;
	size_t nul;
	size_t lone_cr;
};

/* One pass over data: NUL bytes, lone CRs, and (when utf8) UTF-8 validity. */
void text_scan(const char *data, size_t size, bool utf8, struct text_scan *result);

/* Bytes of the code point starting at text[0], assuming valid UTF-8. */
size_t utf8_sequence_length(unsigned char first_byte);

/* Bytes of the character at text[offset] within length: its sequence
 * length, or 1 for a byte that starts none or a sequence cut short. */
size_t utf8_char_length_at(const char *text, size_t length, size_t offset);

#endif
