/*
 * test_values.c - the one rule for values written to files and the one
 * sanitizer for the terminal, fed random bytes: every value the rule
 * accepts is written as a CSV field (UTF-8 and GB18030) and read back
 * exactly; every value it refuses holds what the rule names; nothing the
 * sanitizer lets through can drive a terminal.
 */
#include "testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duty/columns.h"
#include "duty/csvread.h"
#include "duty/csvwrite.h"
#include "duty/input.h"
#include "duty/text.h"
#include "duty/utf8.h"

/* Deterministic, so a failure can be replayed. */
static unsigned long long state = 20181015;

static unsigned next_random(void)
{
	state = state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(state >> 33);
}

/* Random text: mostly Chinese and ASCII, with controls, quotes, commas,
 * line breaks, spaces at the ends and stray bytes mixed in. */
static size_t random_value(char *out, size_t capacity)
{
	static const char *const pieces[] = {
		"中", "文", "，", "“", "”", "😀", "\xE2\x80\xAE", "\xC2\x85", "a", "Z", "0", ",", "\"", "\n", "\r\n",
		"\t", " ", "\r", "\x1B", "\x07", "\x7F", "\xFF", "\xC3", "\xE4\xB8", "=", "＝", ";", "\xEF\xBB\xBF",
	};
	size_t length = 0, count = next_random() % 12;
	for (size_t i = 0; i < count; i++) {
		const char *piece = pieces[next_random() % (sizeof pieces / sizeof pieces[0])];
		size_t piece_length = strlen(piece);
		if (length + piece_length >= capacity)
			break;
		memcpy(out + length, piece, piece_length);
		length += piece_length;
	}
	out[length] = '\0';
	return length;
}

/* What the rule must refuse, found independently of it. */
static bool obviously_bad(const char *value)
{
	size_t length = strlen(value);
	if (utf8_validate(value, length) != length)
		return true;
	if (length && (value[0] == ' ' || value[0] == '\t' || value[length - 1] == ' ' || value[length - 1] == '\t'))
		return true;
	for (size_t i = 0; i < length;) {
		uint32_t codepoint;
		size_t used = utf8_decode(value + i, length - i, &codepoint);
		if ((codepoint < 0x20 && codepoint != '\n' && codepoint != '\t') || (codepoint >= 0x7F && codepoint <= 0x9F))
			return true;
		i += used;
	}
	return false;
}

struct read_back {
	char *field;
};

static bool keep_second_field(const struct csv_row *row, void *context)
{
	struct read_back *back = context;
	struct field_text field = row_field(row, 1);
	back->field = strndup(field.text, field.length);
	return true;
}

/* Writes "x,VALUE,y\n" in encoding and reads the middle field back as
 * the loaders do (decoded to UTF-8, parsed, trimmed). */
static char *round_trip(const char *value, enum encoding encoding)
{
	struct strbuf line = STRBUF_INIT;
	strbuf_puts(&line, "x,");
	assert_true(strbuf_put_csv_value(&line, value, encoding));
	strbuf_puts(&line, ",y\n");
	struct diagnostics diag;
	diagnostics_init(&diag, 2);
	struct input input;
	assert_true(input_from_bytes("value", line.data, line.length, encoding, &input, &diag));
	struct read_back back = { NULL };
	static const struct csv_callbacks callbacks = { keep_second_field, NULL };
	assert_true(csv_read(input.data, input.size, "value", &callbacks, &back, &diag));
	assert_int_equal(diag.errors, 0);
	input_free(&input);
	diagnostics_free(&diag);
	strbuf_free(&line);
	return back.field;
}

static void test_accepted_values_load_back_exactly(void **unused)
{
	(void)unused;
	char value[128];
	size_t accepted = 0, refused = 0;
	for (int i = 0; i < 20000; i++) {
		random_value(value, sizeof value);
		struct value_check check;
		bool ok = csv_value_check(value, ENCODING_UTF8, &check);
		assert_int_equal(ok, !obviously_bad(value));
		if (!ok) {
			assert_int_not_equal(check.problem, VALUE_OK);
			assert_true(check.character >= 1);
			refused++;
			continue;
		}
		accepted++;
		for (int e = 0; e < 2; e++) {
			enum encoding encoding = e ? ENCODING_GB18030 : ENCODING_UTF8;
			struct value_check again;
			assert_true(csv_value_check(value, encoding, &again));   /* GB18030 holds all of Unicode */
			char *back = round_trip(value, encoding);
			assert_non_null(back);
			assert_string_equal(back, value);
			free(back);
		}
	}
	assert_true(accepted > 1000 && refused > 1000);
}

static void test_explanations_name_the_character(void **unused)
{
	(void)unused;
	struct value_check check;
	struct strbuf why = STRBUF_INIT;
	assert_false(csv_value_check("a\rb", ENCODING_UTF8, &check));
	assert_int_equal(check.problem, VALUE_CONTROL);
	assert_int_equal(check.codepoint, 0x0D);
	assert_int_equal(check.character, 2);
	csv_value_explain(&why, &check);
	assert_non_null(strstr(strbuf_text(&why), "U+000D at character 2"));
	assert_false(csv_value_check("中\xff", ENCODING_UTF8, &check));
	assert_int_equal(check.problem, VALUE_NOT_UTF8);
	assert_int_equal(check.character, 2);
	assert_false(csv_value_check(" 中", ENCODING_UTF8, &check));
	assert_int_equal(check.problem, VALUE_SPACE_AROUND);
	assert_true(csv_value_check("", ENCODING_UTF8, &check));
	assert_true(csv_value_check("第一行\n\t第二行", ENCODING_GB18030, &check));
	strbuf_free(&why);
}

/* Nothing the sanitizer writes can drive a terminal, whatever comes in
 * and however it is cut between calls. */
static void test_sanitized_text_cannot_drive_a_terminal(void **unused)
{
	(void)unused;
	char value[128];
	for (int i = 0; i < 20000; i++) {
		size_t length = random_value(value, sizeof value);
		struct strbuf out = STRBUF_INIT;
		size_t cut = length ? next_random() % (length + 1) : 0;
		size_t used = text_sanitize_terminal(&out, value, cut, false);
		assert_true(used <= cut && cut - used <= 3);
		text_sanitize_terminal(&out, value + used, length - used, true);
		const char *text = strbuf_text(&out);
		assert_int_equal(utf8_validate(text, out.length), out.length);
		for (size_t j = 0; j < out.length;) {
			uint32_t codepoint;
			size_t step = utf8_decode(text + j, out.length - j, &codepoint);
			assert_true(codepoint >= 0x20 || codepoint == '\n' || codepoint == '\t');
			assert_true(codepoint != 0x7F && !(codepoint >= 0x80 && codepoint <= 0x9F));
			assert_false((codepoint >= 0x202A && codepoint <= 0x202E) || (codepoint >= 0x2066 && codepoint <= 0x2069));
			j += step;
		}
		strbuf_free(&out);
	}
	struct strbuf out = STRBUF_INIT;
	text_sanitize_terminal(&out, "a\x1b]0;x\x07\r\nb\rc", 12, true);
	assert_string_equal(strbuf_text(&out), "a\xE2\x90\x9B]0;x\xE2\x90\x87\nb\xE2\x90\x8D" "c");
	strbuf_free(&out);
}

/* A message quoting a cell stays on one line: the same rule, with tabs and
 * line breaks shown as their pictures too. */
static void test_messages_stay_on_one_line(void **unused)
{
	(void)unused;
	struct strbuf out = STRBUF_INIT;
	text_put_visible(&out, "市\t农业局\r\n\x1b[2J\xE2\x80\xAE\xC2\x85\xFF.");
	assert_string_equal(strbuf_text(&out), "市\xE2\x90\x89农业局\xE2\x90\x8D\xE2\x90\x8A\xE2\x90\x9B[2J"
			    "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD.");
	strbuf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepted_values_load_back_exactly),
		cmocka_unit_test(test_explanations_name_the_character),
		cmocka_unit_test(test_sanitized_text_cannot_drive_a_terminal),
		cmocka_unit_test(test_messages_stay_on_one_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
