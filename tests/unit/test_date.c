/*
 * test_date.c - date parsing and the deadline rule of the source table.
 */
#include "testing.h"

#include <string.h>

#include "duty/date.h"

static date_t parse(const char *text)
{
	date_t date = 0;
	return date_parse(text, strlen(text), &date) ? date : -1;
}

static void test_parse_accepts_iso_and_spreadsheet_forms(void **state)
{
	(void)state;
	assert_int_equal(parse("2018-07-31"), 20180731);
	assert_int_equal(parse("2018/6/30"), 20180630);
	assert_int_equal(parse("2018-6-3"), 20180603);
	assert_int_equal(parse("2016-02-29"), 20160229);
	assert_int_equal(parse("2000-02-29"), 20000229);
}

static void test_parse_refuses_impossible_or_malformed_dates(void **state)
{
	(void)state;
	const char *bad[] = { "2018-02-30", "2018-02-29", "1900-02-29", "2018-13-01", "2018-00-10",
			      "2018-04-31", "2018-1-",    "18-01-01",   "2018-01-01x", "2018/01-01",
			      "",           "2018",       "２０１８-01-01", " 2018-01-01", "2018-001-01" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(parse(bad[i]), -1);
}

static void test_month_parse_and_format(void **state)
{
	(void)state;
	month_t month = 0;
	assert_true(month_parse("2018-10", 7, &month));
	assert_int_equal(month, 201810);
	assert_true(month_parse("2018/3", 6, &month));
	assert_int_equal(month, 201803);
	assert_false(month_parse("2018-13", 7, &month));
	assert_false(month_parse("2018-10-01", 10, &month));
	char text[MONTH_TEXT_SIZE];
	month_format(201803, text);
	assert_string_equal(text, "2018-03");
	char date[DATE_TEXT_SIZE];
	date_format(20180731, date);
	assert_string_equal(date, "2018-07-31");
	assert_int_equal(month_next(201812), 201901);
	assert_int_equal(date_month_last_day(201802), 20180228);
	assert_int_equal(date_month_last_day(201602), 20160229);
}

static date_t deadline(const char *phrase, int year, bool *implied)
{
	date_t date = 0;
	return deadline_from_phrase(phrase, year, &date, implied) ? date : -1;
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
	/* Before January would fall in the year before: not a deadline of the plan. */
	assert_int_equal(deadline("1月前", 2018, &implied), -1);
	assert_int_equal(deadline("13月前", 2018, &implied), -1);
}

static void test_year_end_phrases(void **state)
{
	(void)state;
	const char *phrases[] = { "年底前", "到2018年底", "至2018年底", "年内", "全年", "每年" };
	for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++) {
		bool implied = true;
		assert_int_equal(deadline(phrases[i], 2018, &implied), 20181231);
		assert_false(implied);
	}
	bool implied = false;
	assert_int_equal(deadline("", 2018, &implied), 20181231);
	assert_true(implied);
	/* The year in the phrase must be the plan's. */
	assert_int_equal(deadline("到2019年底", 2018, &implied), -1);
	assert_int_equal(deadline("明年", 2018, &implied), -1);
	assert_int_equal(deadline("年", 2018, &implied), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_accepts_iso_and_spreadsheet_forms),
		cmocka_unit_test(test_parse_refuses_impossible_or_malformed_dates),
		cmocka_unit_test(test_month_parse_and_format),
		cmocka_unit_test(test_month_before_is_the_last_day_of_the_month_before),
		cmocka_unit_test(test_year_end_phrases),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
