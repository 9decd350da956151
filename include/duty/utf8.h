/*
 * utf8.h - validating and decoding UTF-8.
 */
#ifndef DUTY_UTF8_H
#define DUTY_UTF8_H

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

#endif
