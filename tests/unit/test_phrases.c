/*
 * test_phrases.c - the deadline rule: every time phrase of the shipped
 * plan, the extended phrases of duty import (month ends, days, thirds of
 * a month, halves and quarters, leap years, recurring phrases), phrases
 * the rule does not know, and finding phrases in running text.
 */
#include "testing.h"

#include <string.h>

#include "duty/phrases.h"

/* The one deadline of a phrase, -1 when the rule does not know it, -2
 * when it recurs. */
static date_t deadline(const char *phrase, int year, bool *implied)
{
	struct deadlines deadlines;
	enum phrase_status status = deadlines_from_phrase(phrase, strlen(phrase), year, &deadlines);
	if (implied)
		*implied = deadlines.implied;
	if (status != PHRASE_KNOWN)
		return -1;
	return deadlines.count == 1 ? deadlines.dates[0] : -2;
}

static void test_month_before_is_the_last_day_of_the_month_before(void **state)
{
	(void)state;
	bool implied = true;
	assert_int_equal(deadline("6月前", 2018, &implied), 20180531);
	assert_false(implied);
	assert_int_equal(deadline("8月前", 2018, &implied), 20180731);   /* task 4 */
	assert_int_equal(deadline("5月前", 2018, &implied), 20180430);   /* task 29 */
	assert_int_equal(deadline("10月前", 2018, &implied), 20180930);
	assert_int_equal(deadline("11月前", 2018, &implied), 20181031);
	assert_int_equal(deadline("3月前", 2018, &implied), 20180228);
	assert_int_equal(deadline("3月前", 2020, &implied), 20200229);
	assert_int_equal(deadline("12月前", 2018, &implied), 20181130);
	assert_int_equal(deadline("六月前", 2019, &implied), 20190531);
	assert_int_equal(deadline("6月份前", 2019, &implied), 20190531);
	assert_int_equal(deadline("6月以前", 2019, &implied), 20190531);
	/* Before January would fall in the year before: not a deadline of the plan. */
	assert_int_equal(deadline("1月前", 2018, &implied), -1);
	assert_true(implied);
	assert_int_equal(deadline("13月前", 2018, &implied), -1);
}

static void test_year_end_phrases(void **state)
{
	(void)state;
	const char *phrases[] = { "年底前", "到2018年底", "至2018年底", "年内", "全年", "每年", "年底", "年末",
				  "2018年底前", "2018年年底前", "2018年内", "长期坚持", "持续推进", "常态化",
				  "下半年", "2018年", "今年底前" };
	for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++) {
		bool implied = true;
		assert_int_equal(deadline(phrases[i], 2018, &implied), 20181231);
		assert_false(implied);
	}
	bool implied = false;
	assert_int_equal(deadline("", 2018, &implied), 20181231);
	assert_true(implied);
	assert_int_equal(deadline("  ", 2018, &implied), 20181231);
	assert_true(implied);
	/* The year in the phrase must be the plan's. */
	assert_int_equal(deadline("到2019年底", 2018, &implied), -1);
	assert_int_equal(deadline("明年", 2018, &implied), -1);
	assert_int_equal(deadline("年", 2018, &implied), -1);
}

static void test_month_ends_days_and_thirds(void **state)
{
	(void)state;
	assert_int_equal(deadline("6月底前", 2019, NULL), 20190630);
	assert_int_equal(deadline("6月末前", 2019, NULL), 20190630);
	assert_int_equal(deadline("6月底", 2019, NULL), 20190630);
	assert_int_equal(deadline("9月底前", 2019, NULL), 20190930);
	assert_int_equal(deadline("十一月底前", 2019, NULL), 20191130);
	assert_int_equal(deadline("6月", 2019, NULL), 20190630);
	assert_int_equal(deadline("6月30日前", 2019, NULL), 20190630);
	assert_int_equal(deadline("3月15日", 2019, NULL), 20190315);
	assert_int_equal(deadline("2019年3月15日", 2019, NULL), 20190315);
	assert_int_equal(deadline("2019年3月15日前", 2019, NULL), 20190315);
	assert_int_equal(deadline("2019年9月底前", 2019, NULL), 20190930);
	assert_int_equal(deadline("到2019年9月底", 2019, NULL), 20190930);
	assert_int_equal(deadline("5月上旬前", 2019, NULL), 20190510);
	assert_int_equal(deadline("5月中旬前", 2019, NULL), 20190520);
	assert_int_equal(deadline("5月中旬", 2019, NULL), 20190520);
	assert_int_equal(deadline("5月下旬前", 2019, NULL), 20190531);
	assert_int_equal(deadline("2月下旬", 2019, NULL), 20190228);
	/* Days that do not exist are no deadline. */
	assert_int_equal(deadline("2月30日前", 2019, NULL), -1);
	assert_int_equal(deadline("6月初", 2019, NULL), -1);
}

static void test_leap_years(void **state)
{
	(void)state;
	assert_int_equal(deadline("2月底前", 2020, NULL), 20200229);
	assert_int_equal(deadline("2月底前", 2019, NULL), 20190228);
	assert_int_equal(deadline("2月末前", 2024, NULL), 20240229);
	assert_int_equal(deadline("3月前", 2024, NULL), 20240229);
	assert_int_equal(deadline("2月29日前", 2024, NULL), 20240229);
	assert_int_equal(deadline("2月29日前", 2023, NULL), -1);
	assert_int_equal(deadline("2月底前", 2100, NULL), 21000228);   /* not a leap year */
	assert_int_equal(deadline("2月底前", 2000, NULL), 20000229);
	assert_int_equal(deadline("2月下旬", 2020, NULL), 20200229);
	assert_int_equal(deadline("一季度", 2020, NULL), 20200331);
}

static void test_halves_and_quarters(void **state)
{
	(void)state;
	assert_int_equal(deadline("上半年", 2019, NULL), 20190630);
	assert_int_equal(deadline("下半年", 2019, NULL), 20191231);
	assert_int_equal(deadline("2019年上半年", 2019, NULL), 20190630);
	assert_int_equal(deadline("一季度", 2019, NULL), 20190331);
	assert_int_equal(deadline("第一季度末", 2019, NULL), 20190331);
	assert_int_equal(deadline("二季度", 2019, NULL), 20190630);
	assert_int_equal(deadline("第三季度末前", 2019, NULL), 20190930);
	assert_int_equal(deadline("四季度", 2019, NULL), 20191231);
	assert_int_equal(deadline("第4季度", 2019, NULL), 20191231);
	assert_int_equal(deadline("五季度", 2019, NULL), -1);
}

static void test_dates_as_written_in_deadline_columns(void **state)
{
	(void)state;
	assert_int_equal(deadline("2019-06-30", 2019, NULL), 20190630);
	assert_int_equal(deadline("2019/6/30", 2019, NULL), 20190630);
	assert_int_equal(deadline("2019.6.30", 2019, NULL), 20190630);
	assert_int_equal(deadline(" 2019年6月 ", 2019, NULL), 20190630);
	assert_int_equal(deadline("2019年", 2019, NULL), 20191231);
	assert_int_equal(deadline("2019.12", 2019, NULL), 20191231);
	assert_int_equal(deadline("2019-6前", 2019, NULL), -1);
	struct deadlines deadlines;
	assert_int_equal(deadlines_from_phrase("2020-06-30", 10, 2019, &deadlines), PHRASE_OTHER_YEAR);
	assert_int_equal(deadlines.dates[0], 20191231);
	assert_true(deadlines.implied);
	assert_int_equal(deadlines_from_phrase("2020年底前", strlen("2020年底前"), 2019, &deadlines),
			 PHRASE_OTHER_YEAR);
	assert_int_equal(deadlines_from_phrase("国庆前", strlen("国庆前"), 2019, &deadlines), PHRASE_UNKNOWN);
	assert_int_equal(deadlines_from_phrase("按上级要求", strlen("按上级要求"), 2019, &deadlines), PHRASE_UNKNOWN);
	assert_int_equal(deadlines.dates[0], 20191231);
	assert_true(deadlines.implied);
}

static void test_recurring_phrases_have_one_deadline_per_occurrence(void **state)
{
	(void)state;
	struct deadlines d;
	assert_int_equal(deadlines_from_phrase("每月10日前", strlen("每月10日前"), 2019, &d), PHRASE_KNOWN);
	assert_int_equal(d.count, 12);
	assert_int_equal(d.dates[0], 20190110);
	assert_int_equal(d.dates[11], 20191210);
	assert_int_equal(deadlines_from_phrase("每月底", strlen("每月底"), 2020, &d), PHRASE_KNOWN);
	assert_int_equal(d.count, 12);
	assert_int_equal(d.dates[1], 20200229);
	assert_int_equal(d.dates[3], 20200430);
	assert_int_equal(deadlines_from_phrase("每月30日前", strlen("每月30日前"), 2019, &d), PHRASE_KNOWN);
	assert_int_equal(d.dates[1], 20190228);   /* February has no 30th: its last day */
	assert_int_equal(d.dates[2], 20190330);
	assert_int_equal(deadlines_from_phrase("每季度末前", strlen("每季度末前"), 2019, &d), PHRASE_KNOWN);
	assert_int_equal(d.count, 4);
	assert_int_equal(d.dates[0], 20190331);
	assert_int_equal(d.dates[1], 20190630);
	assert_int_equal(d.dates[2], 20190930);
	assert_int_equal(d.dates[3], 20191231);
	assert_int_equal(deadlines_from_phrase("每半年", strlen("每半年"), 2019, &d), PHRASE_KNOWN);
	assert_int_equal(d.count, 2);
	assert_int_equal(d.dates[0], 20190630);
	assert_int_equal(d.dates[1], 20191231);
	assert_int_equal(deadline("每年3月15日前", 2019, NULL), 20190315);
	assert_int_equal(deadlines_from_phrase("每周", strlen("每周"), 2019, &d), PHRASE_UNKNOWN);
	date_t expected;
	assert_true(deadline_follows_phrase("每季度末前", 2019, 20190930, &expected));
	assert_false(deadline_follows_phrase("每季度末前", 2019, 20190901, &expected));
	assert_int_equal(expected, 20190331);
	assert_true(deadline_follows_phrase("", 2019, 20191231, &expected));
}

/* The phrases of text, as "start:phrase" joined by "|". */
static const char *found(const char *text, int year)
{
	static char out[512];
	out[0] = '\0';
	struct phrase_match match;
	size_t from = 0, length = strlen(text);
	while (phrase_find(text, length, from, year, &match)) {
		if (out[0])
			strcat(out, "|");
		strncat(out, text + match.start, match.length);
		from = match.start + match.length;
	}
	return out;
}

static void test_finding_phrases_in_running_text(void **state)
{
	(void)state;
	/* Tasks 13, 19, 29, 21 and 11 of the 2018 plan. */
	assert_string_equal(found("贯彻落实《意见》，到2018年底各县（市、区）主城区80%以上", 2018), "到2018年底");
	assert_string_equal(found("扎实推进建设，至2018年底规范化率达到100%；10月前按照不低于30%比例", 2018),
			    "至2018年底|10月前");
	assert_string_equal(found("全面实施《三年行动计（2018-2020）》；围绕创建，5月前征集，8月前开展评选", 2018),
			    "5月前|8月前");
	assert_string_equal(found("对市、县两级人员至少开展一次系统培训，每年集中培训不少于30小时", 2018), "每年");
	assert_string_equal(found("持续推进农贸市场“双体系”建设向农村延伸，年内建成15家以上", 2018), "年内");
	assert_string_equal(found("11月前主要农产品", 2018), "11月前");
	/* Not phrases: durations, words with a numeral in them, bare years. */
	assert_string_equal(found("3个月内完成，新三年行动计划，统一月度报表，2018年度目标", 2018), "");
	assert_string_equal(found("三年内完成", 2018), "");
	assert_string_equal(found("9月底前完成摸底，12月中旬前全面完成；每月10日前报送", 2019),
			    "9月底前|12月中旬前|每月10日前");
	assert_string_equal(found("第二季度末前完成，前三季度，上半年", 2019), "第二季度末前|三季度|上半年");
	assert_string_equal(found("国庆前完成", 2019), "国庆前");
	struct phrase_match match;
	assert_true(phrase_find("2020年底前完成", strlen("2020年底前完成"), 0, 2019, &match));
	assert_int_equal(match.status, PHRASE_OTHER_YEAR);
	assert_int_equal(match.length, strlen("2020年底前"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_month_before_is_the_last_day_of_the_month_before),
		cmocka_unit_test(test_year_end_phrases),
		cmocka_unit_test(test_month_ends_days_and_thirds),
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_halves_and_quarters),
		cmocka_unit_test(test_dates_as_written_in_deadline_columns),
		cmocka_unit_test(test_recurring_phrases_have_one_deadline_per_occurrence),
		cmocka_unit_test(test_finding_phrases_in_running_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
