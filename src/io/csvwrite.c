/*
 * csvwrite.c - RFC 4180 quoting, the one rule for every CSV field duty
 * writes: cells of an edited plan, history records and CSV output; and
 * the one check of the values that go into a file.
 */
#include "duty/csvwrite.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "duty/i18n.h"
#include "duty/utf8.h"

bool csv_field_needs_quotes(const char *field, size_t length)
{
	if (length == 0)
		return false;
	if (field[0] == ' ' || field[length - 1] == ' ')
		return true;
	for (size_t i = 0; i < length; i++)
		if (field[i] == ',' || field[i] == '"' || field[i] == '\r' || field[i] == '\n')
			return true;
	return false;
}

void strbuf_put_csv_field(struct strbuf *buffer, const char *field, size_t length)
{
	if (!csv_field_needs_quotes(field, length)) {
		strbuf_append(buffer, field, length);
		return;
	}
	strbuf_putc(buffer, '"');
	const char *end = field + length;
	while (field < end) {
		const char *quote = memchr(field, '"', (size_t)(end - field));
		size_t run = quote ? (size_t)(quote - field) + 1 : (size_t)(end - field);
		strbuf_append(buffer, field, run);
		if (quote)
			strbuf_putc(buffer, '"');
		field += run;
	}
	strbuf_putc(buffer, '"');
}

/* Converts UTF-8 text to GB18030. On failure *bad is the byte offset of
 * the character that has no GB18030 form (SIZE_MAX: iconv itself failed). */
static bool to_gb18030(const char *text, size_t length, struct strbuf *out, size_t *bad)
{
	*bad = SIZE_MAX;
	iconv_t converter = iconv_open("GB18030", "UTF-8");
	if (converter == (iconv_t)-1)
		return false;
	/* A UTF-8 character of n bytes is at most 4 GB18030 bytes, n >= 1. */
	size_t capacity = length * 4 + 8;
	char *buffer = malloc(capacity);
	char *in = (char *)text, *cursor = buffer;
	size_t in_left = length, out_left = capacity;
	bool ok = buffer && iconv(converter, &in, &in_left, &cursor, &out_left) != (size_t)-1;
	if (!ok && buffer && errno == EILSEQ)
		*bad = (size_t)(in - text);
	ok = ok && iconv(converter, NULL, NULL, &cursor, &out_left) != (size_t)-1;
	if (ok)
		strbuf_append(out, buffer, (size_t)(cursor - buffer));
	free(buffer);
	iconv_close(converter);
	return ok;
}

/* The 1-based character position of byte offset in text. */
static size_t character_at(const char *text, size_t offset)
{
	size_t characters = 1;
	for (size_t i = 0; i < offset; i++)
		if (((unsigned char)text[i] & 0xC0) != 0x80)
			characters++;
	return characters;
}

bool csv_value_check(const char *value, enum encoding encoding, struct value_check *check)
{
	return csv_value_check_text(value, strlen(value), encoding, check);
}

bool csv_value_check_text(const char *value, size_t length, enum encoding encoding, struct value_check *check)
{
	memset(check, 0, sizeof *check);
	size_t invalid = utf8_validate(value, length);
	if (invalid < length) {
		check->problem = VALUE_NOT_UTF8;
		check->character = character_at(value, invalid);
		check->byte = (unsigned char)value[invalid];
		return false;
	}
	for (size_t i = 0; i < length;) {
		uint32_t codepoint;
		size_t used = utf8_decode(value + i, length - i, &codepoint);
		if ((codepoint < 0x20 && codepoint != '\n' && codepoint != '\t') || (codepoint >= 0x7F && codepoint <= 0x9F)) {
			check->problem = VALUE_CONTROL;
			check->character = character_at(value, i);
			check->codepoint = codepoint;
			return false;
		}
		i += used;
	}
	if (length && (strchr(" \t", value[0]) || strchr(" \t", value[length - 1]))) {
		check->problem = VALUE_SPACE_AROUND;
		check->character = strchr(" \t", value[0]) ? 1 : character_at(value, length - 1);
		return false;
	}
	if (encoding == ENCODING_GB18030) {
		struct strbuf scratch = STRBUF_INIT;
		size_t bad;
		bool ok = to_gb18030(value, length, &scratch, &bad);
		strbuf_free(&scratch);
		if (!ok && (bad == SIZE_MAX || scratch.failed)) {
			check->problem = VALUE_NO_MEMORY;
			return false;
		}
		if (!ok) {
			check->problem = VALUE_NOT_ENCODABLE;
			check->character = bad == SIZE_MAX ? 1 : character_at(value, bad);
			if (bad != SIZE_MAX)
				utf8_decode(value + bad, length - bad, &check->codepoint);
			return false;
		}
	}
	return true;
}

void csv_value_explain(struct strbuf *out, const struct value_check *check)
{
	switch (check->problem) {
	case VALUE_OK:
		break;
	case VALUE_NOT_UTF8:
		strbuf_printf(out, _("byte 0x%02X at character %zu is not UTF-8 text"), check->byte, check->character);
		break;
	case VALUE_CONTROL:
		strbuf_printf(out, _("it holds the control character U+%04X at character %zu; only line breaks "
				     "(LF) and tabs may be written"),
			      (unsigned)check->codepoint, check->character);
		break;
	case VALUE_SPACE_AROUND:
		strbuf_printf(out, _("it starts or ends with a space or tab, which reading the file would drop"));
		break;
	case VALUE_NOT_ENCODABLE:
		strbuf_printf(out, _("the character U+%04X at character %zu cannot be written in GB18030"),
			      (unsigned)check->codepoint, check->character);
		break;
	case VALUE_NO_MEMORY:
		strbuf_puts(out, _("out of memory"));
		break;
	}
}

bool strbuf_put_csv_value(struct strbuf *out, const char *value, enum encoding encoding)
{
	size_t length = strlen(value);
	if (encoding != ENCODING_GB18030) {
		strbuf_put_csv_field(out, value, length);
		return true;
	}
	struct strbuf encoded = STRBUF_INIT;
	size_t bad;
	bool ok = to_gb18030(value, length, &encoded, &bad);
	if (ok)
		strbuf_put_csv_field(out, strbuf_text(&encoded), encoded.length);
	ok = ok && !encoded.failed;
	strbuf_free(&encoded);
	return ok;
}
