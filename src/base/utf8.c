/*
 * utf8.c - validating and decoding UTF-8, the one encoding text has inside
 * duty (other encodings are converted at the edge, by io/input.c).
 */
#include "duty/utf8.h"

#include <string.h>

size_t utf8_sequence_length(unsigned char first_byte)
{
	if (first_byte < 0x80)
		return 1;
	if ((first_byte & 0xE0) == 0xC0)
		return 2;
	if ((first_byte & 0xF0) == 0xE0)
		return 3;
	if ((first_byte & 0xF8) == 0xF0)
		return 4;
	return 1;
}

size_t utf8_decode(const char *text, size_t length, uint32_t *codepoint)
{
	const unsigned char *bytes = (const unsigned char *)text;
	if (length == 0)
		return 0;
	unsigned char first = bytes[0];
	if (first < 0x80) {
		*codepoint = first;
		return 1;
	}
	size_t need;
	uint32_t value, minimum;
	if (first >= 0xC2 && first <= 0xDF) {
		need = 2;
		value = first & 0x1F;
		minimum = 0x80;
	} else if ((first & 0xF0) == 0xE0) {
		need = 3;
		value = first & 0x0F;
		minimum = 0x800;
	} else if (first >= 0xF0 && first <= 0xF4) {
		need = 4;
		value = first & 0x07;
		minimum = 0x10000;
	} else {
		return 0;
	}
	if (length < need)
		return 0;
	for (size_t i = 1; i < need; i++) {
		if ((bytes[i] & 0xC0) != 0x80)
			return 0;
		value = (value << 6) | (bytes[i] & 0x3F);
	}
	if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
		return 0;
	*codepoint = value;
	return need;
}

size_t utf8_validate(const char *text, size_t length)
{
	const unsigned char *bytes = (const unsigned char *)text;
	size_t offset = 0;
	while (offset < length) {
		unsigned char first = bytes[offset];
		if (first < 0x80) {
			/* Eight ASCII bytes at a time: CSV syntax, digits, dates. */
			uint64_t word;
			if (length - offset >= 8 && (memcpy(&word, bytes + offset, 8), !(word & 0x8080808080808080ULL)))
				offset += 8;
			else
				offset++;
			continue;
		}
		/* Runs of Chinese: three bytes with an E1-EC or EE-EF lead can be
		 * neither overlong nor a surrogate, so the check is this loop. */
		while (length - offset >= 3) {
			unsigned char lead = bytes[offset];
			if (lead < 0xE1 || lead > 0xEF || lead == 0xED || (bytes[offset + 1] & 0xC0) != 0x80
			    || (bytes[offset + 2] & 0xC0) != 0x80)
				break;
			offset += 3;
		}
		if (offset >= length || bytes[offset] < 0x80)
			continue;
		uint32_t codepoint;
		size_t used = utf8_decode(text + offset, length - offset, &codepoint);
		if (used == 0)
			return offset;
		offset += used;
	}
	return length;
}
