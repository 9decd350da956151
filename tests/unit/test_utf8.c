/*
 * test_utf8.c - the vectorised scan agrees with the byte-by-byte code on
 * every input: valid and broken UTF-8 at every position around the block
 * edges, NUL bytes and lone carriage returns, and random bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "testing.h"

#include "duty/utf8.h"

/* The first NUL or lone CR, the naive way. */
static void expected_controls(const char *data, size_t size, size_t *nul, size_t *lone_cr)
{
	*nul = *lone_cr = size;
	for (size_t i = 0; i < size; i++) {
		if (data[i] == '\0') {
			*nul = i;
			return;
		}
		if (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n')) {
			*lone_cr = i;
			return;
		}
	}
}

static void check(const char *data, size_t size)
{
	size_t portable = utf8_validate_portable(data, size);
	assert_int_equal(utf8_validate(data, size), portable);
	struct text_scan scan;
	text_scan(data, size, true, &scan);
	size_t nul, lone_cr;
	expected_controls(data, size, &nul, &lone_cr);
	assert_int_equal(scan.nul, nul);
	assert_int_equal(scan.lone_cr, lone_cr);
	size_t stop = nul < lone_cr ? nul : lone_cr;
	size_t invalid = utf8_validate_portable(data, stop);
	assert_int_equal(scan.invalid_utf8, invalid < stop ? invalid : size);
	text_scan(data, size, false, &scan);   /* GB18030: controls only */
	assert_int_equal(scan.nul, nul);
	assert_int_equal(scan.lone_cr, lone_cr);
}

/* 200 bytes of mixed text: ASCII, Chinese (3 bytes), a 2-byte and a 4-byte
 * character, CRLF line ends. */
static size_t mixed_text(char *out)
{
	static const char *const pieces[] = { "id,title\r\n", "建立完善党政同责制度", "，", "é", "98%",
					      "\xF0\x9F\x98\x80", "\r\n", "a,b", "各县（市、区）政府" };
	size_t size = 0;
	for (size_t i = 0; size < 200; i++) {
		const char *piece = pieces[i % (sizeof pieces / sizeof pieces[0])];
		memcpy(out + size, piece, strlen(piece));
		size += strlen(piece);
	}
	return size;
}

static void test_valid_text_at_every_alignment(void **state)
{
	(void)state;
	char text[512];
	size_t size = mixed_text(text);
	for (size_t start = 0; start < 40; start++)
		for (size_t end = size - 40; end <= size; end++)
			check(text + start, end - start);
}

static void test_every_kind_of_bad_byte_at_every_position(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"\x80",             /* a continuation alone */
		"\xC0\xAF",         /* overlong 2 */
		"\xE0\x80\xAF",     /* overlong 3 */
		"\xF0\x80\x80\xAF", /* overlong 4 */
		"\xED\xA0\x80",     /* a surrogate */
		"\xF4\x90\x80\x80", /* above U+10FFFF */
		"\xF8\x88\x80\x80", /* no such lead */
		"\xE5\xBB",         /* cut short */
		"\xFF",
		"\0",               /* NUL */
		"\r",               /* a CR alone */
		"\r\r\n",
	};
	char text[512], copy[512];
	size_t size = mixed_text(text);
	for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++) {
		size_t length = b == 9 ? 1 : strlen(bad[b]);
		for (size_t at = 0; at + length <= 140; at++) {
			memcpy(copy, text, size);
			memcpy(copy + at, bad[b], length);
			check(copy, size);
			check(copy, at + length);   /* at the very end too */
		}
	}
}

static void test_random_bytes(void **state)
{
	(void)state;
	unsigned seed = 12345;
	char text[300];
	for (int round = 0; round < 20000; round++) {
		size_t size = (size_t)(rand_r(&seed) % 300);
		/* Mostly text, sometimes anything: both paths get exercised. */
		int noise = rand_r(&seed) % 4;
		for (size_t i = 0; i < size; i++) {
			int r = rand_r(&seed);
			if (noise == 0)
				text[i] = (char)r;
			else
				text[i] = "ab,\r\n\n\xE4\xB8\xAD\xE6\x96\x87"[r % 13];
		}
		check(text, size);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_text_at_every_alignment),
		cmocka_unit_test(test_every_kind_of_bad_byte_at_every_position),
		cmocka_unit_test(test_random_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
