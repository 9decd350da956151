/*
 * test_text.c - UTF-8, display width, wrapping, edit distance, numbers and
 * CSV fields.
 */
#include "testing.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "duty/itemid.h"
#include "duty/text.h"
#include "duty/utf8.h"
#include "duty/csvwrite.h"

static void test_utf8_decode_and_validate(void **state)
{
	(void)state;
	uint32_t codepoint = 0;
	assert_int_equal(utf8_decode("中", 3, &codepoint), 3);
	assert_int_equal(codepoint, 0x4E2D);
	assert_int_equal(utf8_decode("\xF0\x9F\x98\x80", 4, &codepoint), 4);
	assert_int_equal(codepoint, 0x1F600);
	assert_int_equal(utf8_decode("\xC0\xAF", 2, &codepoint), 0);       /* overlong */
	assert_int_equal(utf8_decode("\xED\xA0\x80", 3, &codepoint), 0);   /* surrogate */
	assert_int_equal(utf8_decode("\xF4\x90\x80\x80", 4, &codepoint), 0); /* > U+10FFFF */
	assert_int_equal(utf8_decode("\xE4\xB8", 2, &codepoint), 0);       /* cut short */
	const char *text = "温州\xB9\xFA";   /* GBK bytes after valid UTF-8 */
	assert_int_equal(utf8_validate(text, strlen(text)), 6);
	assert_int_equal(utf8_validate("plain", 5), 5);
	assert_int_equal(utf8_length("温州city"), 6);
}

static void test_display_width(void **state)
{
	(void)state;
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("市教育局"), 8);
	assert_int_equal(text_width("各县（市、区）政府"), 18);   /* full-width brackets and 、 */
	assert_int_equal(text_width("98％"), 4);
	assert_int_equal(text_width("“党政同责”"), 10);           /* curly quotes are narrow */
	assert_int_equal(text_width("e\xCC\x81"), 1);            /* e + combining acute */
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width_n("市教育局", 6), 4);
}

/* The width as codepoint_width defines it, a code point at a time (an
 * invalid byte is one column): what text_width_n's fast paths must give. */
static size_t width_by_codepoint(const char *text, size_t length)
{
	size_t width = 0;
	for (size_t offset = 0; offset < length;) {
		uint32_t codepoint;
		size_t used = utf8_decode(text + offset, length - offset, &codepoint);
		if (!used) {
			codepoint = 0xFFFD;
			used = 1;
		}
		width += (size_t)codepoint_width(codepoint);
		offset += used;
	}
	return width;
}

/* ASCII runs and Chinese characters take fast paths: random mixes of them
 * with their neighbours at the range edges, cut anywhere, with stray
 * bytes, measure as a code point at a time. */
static void test_display_width_fast_paths(void **state)
{
	(void)state;
	static const char *const pieces[] = {
		"a", " ", "\t", "中", "一", "\xE4\xB7\xBF" /* U+4DFF */, "\xE9\xBF\xBF" /* U+9FFF */,
		"\xEA\x80\x80" /* U+A000 */, "\xE4\xB8\x80", "、", "（", "“", "é", "\xCC\x81", "😀",
		"\xE4", "\xB8", "\xFF", "\xED\xA0\x80", "\xE9\xBF",
	};
	srand(14);
	char text[256];
	for (int round = 0; round < 20000; round++) {
		size_t length = 0;
		int count = rand() % 12;
		for (int i = 0; i < count; i++) {
			const char *piece = pieces[(size_t)rand() % (sizeof pieces / sizeof *pieces)];
			memcpy(text + length, piece, strlen(piece));
			length += strlen(piece);
		}
		size_t cut = length ? (size_t)rand() % (length + 1) : 0;
		assert_int_equal(text_width_n(text, cut), width_by_codepoint(text, cut));
		assert_int_equal(text_width_n(text, length), width_by_codepoint(text, length));
	}
}

/* Wraps and returns the lines joined by '|'. */
static char *wrap(const char *text, size_t width)
{
	struct text_span *lines = NULL;
	size_t count = text_wrap(text, width, &lines);
	assert_true(count > 0);
	struct strbuf out;
	strbuf_init(&out);
	for (size_t i = 0; i < count; i++) {
		if (i)
			strbuf_putc(&out, '|');
		strbuf_append(&out, text + lines[i].offset, lines[i].length);
		assert_true(text_width_n(text + lines[i].offset, lines[i].length) <= width || width == 0
			    || !strchr(text + lines[i].offset, ' '));
	}
	free(lines);
	return out.data ? out.data : strdup("");
}

static void check_wrap(const char *text, size_t width, const char *expected)
{
	char *got = wrap(text, width);
	assert_string_equal(got, expected);
	free(got);
}

static void test_wrap_breaks_between_chinese_characters(void **state)
{
	(void)state;
	check_wrap("强化餐饮服务环节监管", 8, "强化餐饮|服务环节|监管");
	check_wrap("强化餐饮服务环节监管", 9, "强化餐饮|服务环节|监管");
	check_wrap("强化餐饮服务环节监管", 0, "强化餐饮服务环节监管");
	check_wrap("", 10, "");
}

static void test_wrap_keeps_punctuation_with_its_word(void **state)
{
	(void)state;
	/* "，" may not start a line: the character before it moves down too. */
	check_wrap("全面整合，充实基层", 8, "全面整|合，充实|基层");
	/* "（" may not end a line. */
	check_wrap("入社（场、企）率", 6, "入社|（场、|企）率");
}

static void test_wrap_does_not_split_latin_words(void **state)
{
	(void)state;
	check_wrap("mobile APP coverage", 10, "mobile APP|coverage");
	check_wrap("覆盖率达到60%以上", 8, "覆盖率达|到60%以|上");
	/* A word wider than the line is cut, since nothing else fits. */
	check_wrap("abcdefghij", 4, "abcd|efgh|ij");
	check_wrap("line one\nline two", 20, "line one|line two");
}

static void test_edit_distance_counts_characters(void **state)
{
	(void)state;
	assert_int_equal(text_edit_distance("市教育厅", "市教育局"), 1);
	assert_int_equal(text_edit_distance("", "市教育局"), 4);
	assert_int_equal(text_edit_distance("kitten", "sitting"), 3);
	assert_int_equal(text_edit_distance("瑞安", "瑞安"), 0);
}

static void test_trim_and_strbuf(void **state)
{
	(void)state;
	const char *text = "  市教育局 \t";
	size_t length = text_trim(&text, strlen(text));
	assert_int_equal(length, strlen("市教育局"));
	assert_memory_equal(text, "市教育局", length);
	struct strbuf buffer;
	strbuf_init(&buffer);
	strbuf_printf(&buffer, "%d-%s", 2018, "年");
	strbuf_spaces(&buffer, 2);
	strbuf_putc(&buffer, '!');
	assert_string_equal(strbuf_text(&buffer), "2018-年  !");
	strbuf_free(&buffer);
	assert_string_equal(strbuf_text(&buffer), "");
}

static void check_csv_field(const char *field, const char *expected)
{
	struct strbuf buffer;
	strbuf_init(&buffer);
	strbuf_put_csv_field(&buffer, field, strlen(field));
	assert_false(buffer.failed);
	assert_string_equal(strbuf_text(&buffer), expected);
	strbuf_free(&buffer);
}

static void test_csv_fields_are_quoted_only_when_needed(void **state)
{
	(void)state;
	check_csv_field("", "");
	check_csv_field("市教育局", "市教育局");
	check_csv_field("98%以上", "98%以上");
	check_csv_field("市农业局,市林业局", "\"市农业局,市林业局\"");
	check_csv_field("出台“党政同责”", "出台“党政同责”");
	check_csv_field("he said \"ok\"", "\"he said \"\"ok\"\"\"");
	check_csv_field("\"", "\"\"\"\"");
	check_csv_field("一行\r\n两行", "\"一行\r\n两行\"");
	check_csv_field(" 前导空格", "\" 前导空格\"");
	check_csv_field("末尾空格 ", "\"末尾空格 \"");
	check_csv_field("中 间", "中 间");
	assert_false(csv_field_needs_quotes("a,b", 1));
	assert_true(csv_field_needs_quotes("a,b", 2));
}

static void test_whole_numbers_are_digits_only(void **state)
{
	(void)state;
	long value = -1;
	assert_true(text_parse_whole("12", 2, 100, &value));
	assert_int_equal(value, 12);
	assert_true(text_parse_whole("0", 1, 100, &value));
	assert_int_equal(value, 0);
	assert_true(text_parse_whole("100", 3, 100, &value));
	assert_int_equal(value, 100);
	assert_false(text_parse_whole("101", 3, 100, &value));
	assert_false(text_parse_whole("", 0, 100, &value));
	assert_false(text_parse_whole("+5", 2, 100, &value));
	assert_false(text_parse_whole("-5", 2, 100, &value));
	assert_false(text_parse_whole(" 5", 2, 100, &value));
	assert_false(text_parse_whole("5 ", 2, 100, &value));
	assert_true(text_parse_whole("１２", strlen("１２"), 100, &value));   /* full-width digits */
	assert_int_equal(value, 12);
	assert_false(text_parse_whole("１２a", strlen("１２a"), 100, &value));
	assert_false(text_parse_whole("99999999999999999999", 20, LONG_MAX, &value));
	assert_true(text_parse_whole("9223372036854775807", 19, LONG_MAX, &value));
	assert_int_equal(value, LONG_MAX);
	/* length counts: "12" of "123" */
	assert_true(text_parse_whole("123", 2, 100, &value));
	assert_int_equal(value, 12);
}

/* What people type with a Chinese input method counts as ASCII; one
 * parser per kind of value (issue 13). */
static void test_numbers_people_type(void **state)
{
	(void)state;
	char folded[16];
	size_t length;
	assert_true(text_fold_narrow("８．１　９８％", strlen("８．１　９８％"), folded, sizeof folded, &length));
	assert_string_equal(folded, "8.1 98%");
	assert_int_equal(length, 7);
	assert_true(text_fold_narrow("市教育局", strlen("市教育局"), folded, sizeof folded, &length));
	assert_string_equal(folded, "市教育局");
	assert_false(text_fold_narrow("0123456789abcdef", 16, folded, sizeof folded, &length));   /* no room */

	double value = 0;
	assert_true(text_parse_decimal(" 98.5 ", 6, &value));
	assert_true(value == 98.5);
	assert_true(text_parse_decimal("９８．５", strlen("９８．５"), &value));
	assert_true(value == 98.5);
	assert_true(text_parse_decimal("-2", 2, &value) && value == -2);
	assert_true(text_parse_decimal(".5", 2, &value) && value == 0.5);
	const char *not_numbers[] = { "98%", "1e3", "0x10", "inf", "nan", "1.2.3", "-", ".", "", "三百", "4 5" };
	for (size_t i = 0; i < sizeof not_numbers / sizeof not_numbers[0]; i++)
		assert_false(text_parse_decimal(not_numbers[i], strlen(not_numbers[i]), &value));
	/* A number is at most 63 bytes, plain digits too (leading zeros made a
	 * 64-byte "000…098" read as 98 through the whole-number path). */
	char digits[66];
	memset(digits, '0', 61);
	memcpy(digits + 61, "98", 3);
	assert_true(text_parse_decimal(digits, 63, &value) && value == 98);
	memmove(digits + 1, digits, 64);
	assert_false(text_parse_decimal(digits, 64, &value));

	struct typed_quantity typed;
	assert_true(text_parse_quantity("98%", 3, &typed));
	assert_true(typed.value == 98);
	assert_string_equal(typed.number, "98");
	assert_string_equal(typed.unit, "%");
	assert_true(text_parse_quantity(" ９７．５ ％ ", strlen(" ９７．５ ％ "), &typed));
	assert_string_equal(typed.number, "97.5");
	assert_string_equal(typed.unit, "%");
	assert_true(text_parse_quantity("352家", strlen("352家"), &typed));
	assert_string_equal(typed.unit, "家");
	assert_true(text_parse_quantity("4.5份/千人", strlen("4.5份/千人"), &typed));
	assert_string_equal(typed.number, "4.5");
	assert_string_equal(typed.unit, "份/千人");
	assert_true(text_parse_quantity("352", 3, &typed));
	assert_string_equal(typed.unit, "");
	assert_false(text_parse_quantity("家352", strlen("家352"), &typed));
	assert_false(text_parse_quantity("%", 1, &typed));
	assert_true(text_same_unit("%", "%"));
	assert_true(text_same_unit("%", "％"));
	assert_true(text_same_unit("", "家"));
	assert_false(text_same_unit("%", "家"));
	assert_false(text_same_unit("家", ""));
}

static void test_item_ids_as_typed(void **state)
{
	(void)state;
	long task = 0;
	unsigned milestone = 9;
	assert_true(item_id_parse("8", 1, &task, &milestone));
	assert_true(task == 8 && milestone == 0);
	assert_true(item_id_parse("８.1", strlen("８.1"), &task, &milestone));
	assert_true(task == 8 && milestone == 1);
	assert_true(item_id_parse("１２．３", strlen("１２．３"), &task, &milestone));
	assert_true(task == 12 && milestone == 3);
	const char *bad[] = { "8.", ".1", "8.0", "0", "8.1.2", "8,1", "八", "" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(item_id_parse(bad[i], strlen(bad[i]), &task, &milestone));
	char text[ITEM_ID_SIZE];
	assert_string_equal(item_id_format(text, 12, 3), "12.3");
}

/* East Asian Ambiguous characters follow the locale (issue 13): two
 * columns in a CJK one, as wcwidth counts them there, else one. */
static void test_ambiguous_width(void **state)
{
	(void)state;
	const char *quoted = "深化“三基”规范化建设";
	assert_int_equal(text_ambiguous_width(), 1);   /* the default */
	assert_int_equal(text_width(quoted), 20);
	assert_int_equal(text_width("…·°×‘’①"), 7);
	assert_int_equal(text_width("é"), 1);
	text_set_ambiguous_width(2);
	assert_int_equal(text_width(quoted), 22);
	assert_int_equal(text_width("…·°×‘’①"), 14);
	assert_int_equal(text_width("é"), 2);
	/* Never ASCII, Wide or zero-width ones. */
	assert_int_equal(text_width("ID 8.1"), 6);
	assert_int_equal(text_width("各县（市、区）政府"), 18);
	assert_int_equal(text_width("e\xCC\x81"), 1);   /* e + combining acute */
	/* Wrapping measures the same way. */
	struct text_span *lines = NULL;
	size_t count = text_wrap("“三小一摊”登记", 6, &lines);
	assert_int_equal(count, 3);
	free(lines);
	text_set_ambiguous_width(3);   /* only 1 or 2 */
	assert_int_equal(text_ambiguous_width(), 1);
	assert_int_equal(text_width(quoted), 20);
}

static void test_shorten_to_one_line(void **state)
{
	(void)state;
	struct strbuf out = STRBUF_INIT;
	text_shorten(&out, "创建放心示范餐饮店340家", 30);
	assert_string_equal(strbuf_text(&out), "创建放心示范餐饮店340家");   /* fits: as it is */
	strbuf_clear(&out);
	text_shorten(&out, "完成千万学生饮食放心工程新三年行动计划", 12);
	assert_string_equal(strbuf_text(&out), "完成千万学…");   /* 10 + 1 columns */
	assert_true(text_width(strbuf_text(&out)) <= 12);
	strbuf_clear(&out);
	text_shorten(&out, "第一行\n第二行", 20);
	assert_string_equal(strbuf_text(&out), "第一行 第二行");
	strbuf_clear(&out);
	text_shorten(&out, "abcdef", 1);
	assert_string_equal(strbuf_text(&out), "…");
	strbuf_free(&out);
}

/* text_find finds the first place of the needle, also when the haystack
 * keeps offering its last byte (then memmem takes over, from where the
 * quick compares stopped). */
static void test_find_words(void **state)
{
	(void)state;
	static const char text[] = "年底前开展专项整治；合格率达到98%以上";
	size_t length = strlen(text);
	assert_ptr_equal(text_find(text, length, "", 0), text);
	assert_ptr_equal(text_find(text, length, "年底前", strlen("年底前")), text);
	const char *words = "合格率达到98%以上";
	assert_ptr_equal(text_find(text, length, words, strlen(words)), text + length - strlen(words));
	assert_null(text_find(text, length, "合格率达到99%", strlen("合格率达到99%")));
	assert_null(text_find("ab", 2, "abc", 3));
	assert_null(text_find(text, length - 1, words, strlen(words)));   /* cut off by the length */

	/* Every 'a' is a candidate for the last byte of "ba". */
	char many[200];
	for (int round = 0; round < 3; round++) {
		size_t where = round == 0 ? 5 : round == 1 ? 40 : 150;   /* before and after the quick compares */
		memset(many, 'a', sizeof many);
		many[where] = 'b';
		assert_ptr_equal(text_find(many, sizeof many, "ba", 2), many + where);
		assert_ptr_equal(text_find(many, sizeof many, "aab", 3), many + where - 2);
		assert_null(text_find(many, sizeof many, "bb", 2));
	}
	memset(many, 'a', sizeof many);
	assert_null(text_find(many, sizeof many, "ab", 2));
	assert_ptr_equal(text_find(many, sizeof many, "aaa", 3), many);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_decode_and_validate),
		cmocka_unit_test(test_display_width),
		cmocka_unit_test(test_display_width_fast_paths),
		cmocka_unit_test(test_wrap_breaks_between_chinese_characters),
		cmocka_unit_test(test_wrap_keeps_punctuation_with_its_word),
		cmocka_unit_test(test_wrap_does_not_split_latin_words),
		cmocka_unit_test(test_edit_distance_counts_characters),
		cmocka_unit_test(test_trim_and_strbuf),
		cmocka_unit_test(test_csv_fields_are_quoted_only_when_needed),
		cmocka_unit_test(test_whole_numbers_are_digits_only),
		cmocka_unit_test(test_numbers_people_type),
		cmocka_unit_test(test_item_ids_as_typed),
		cmocka_unit_test(test_ambiguous_width),
		cmocka_unit_test(test_shorten_to_one_line),
		cmocka_unit_test(test_find_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
