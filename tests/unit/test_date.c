/*
 * test_date.c - date parsing, formatting and month arithmetic (the deadline
 * rule is tested in test_phrases.c).
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
	/* As people type them (issue 13): the Chinese way, dots, full-width digits. */
	assert_int_equal(parse("2018年6月1日"), 20180601);
	assert_int_equal(parse("2018年06月30日"), 20180630);
	assert_int_equal(parse("2018.6.30"), 20180630);
	assert_int_equal(parse("２０１８－１０－１５"), 20181015);
	assert_int_equal(parse("２０１８年１０月１５日"), 20181015);
}

static void test_parse_refuses_impossible_or_malformed_dates(void **state)
{
	(void)state;
	const char *bad[] = { "2018-02-30", "2018-02-29", "1900-02-29", "2018-13-01", "2018-00-10",
			      "2018-04-31", "2018-1-",    "18-01-01",   "2018-01-01x", "2018/01-01",
			      "",           "2018",       "2018年6月1", " 2018-01-01", "2018-001-01",
			      "2018年6-1日", "2018.6/1",  "2018年2月30日", "6月1日" };
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
	/* As people type them (issue 13); a month alone is in the plan's year. */
	const struct {
		const char *text;
		month_t month;
	} typed[] = {
		{ "2018年6月", 201806 }, { "2018.6", 201806 }, { "２０１８－０６", 201806 },
		{ "6", 6 },              { "6月", 6 },         { "１２月", 12 },
	};
	for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
		assert_true(month_parse(typed[i].text, strlen(typed[i].text), &month));
		assert_int_equal(month, typed[i].month);
	}
	const char *bad[] = { "13", "0", "6月份", "2018年", "2018年13月", "June", "" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(month_parse(bad[i], strlen(bad[i]), &month));
	assert_int_equal(month_in_year(6, 2018), 201806);
	assert_int_equal(month_in_year(201906, 2018), 201906);
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

static void test_excel_serial_numbers(void **state)
{
	(void)state;
	date_t date = 0;
	assert_true(date_from_excel_serial(43646, false, &date));
	assert_int_equal(date, 20190630);
	assert_true(date_from_excel_serial(43830.75, false, &date));   /* a time of day is left out */
	assert_int_equal(date, 20191231);
	assert_true(date_from_excel_serial(1, false, &date));
	assert_int_equal(date, 19000101);
	assert_true(date_from_excel_serial(59, false, &date));
	assert_int_equal(date, 19000228);
	assert_false(date_from_excel_serial(60, false, &date));       /* 1900-02-29 never was */
	assert_true(date_from_excel_serial(61, false, &date));
	assert_int_equal(date, 19000301);
	assert_true(date_from_excel_serial(0, true, &date));
	assert_int_equal(date, 19040101);
	assert_false(date_from_excel_serial(0, false, &date));
	assert_false(date_from_excel_serial(2958466, false, &date));
}

static void test_days_between_and_after(void **state)
{
	(void)state;
	assert_int_equal(date_days_between(20181015, 20181031), 16);
	assert_int_equal(date_days_between(20181015, 20180930), -15);
	assert_int_equal(date_days_between(20181231, 20190101), 1);
	assert_int_equal(date_days_between(20160228, 20160301), 2);   /* a leap year */
	assert_int_equal(date_days_between(20180101, 20190101), 365);
	assert_int_equal(date_add_days(20181015, 14), 20181029);
	assert_int_equal(date_add_days(20181225, 14), 20190108);
	assert_int_equal(date_add_days(20180301, -1), 20180228);
	assert_int_equal(date_add_days(20000228, 1), 20000229);
	/* Every day of a few years, one at a time. */
	date_t day = 20151231;
	for (long n = 1; n <= 4 * 366; n++) {
		day = date_next_day(day);
		assert_int_equal(date_add_days(20151231, n), day);
		assert_int_equal(date_days_between(20151231, day), n);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_accepts_iso_and_spreadsheet_forms),
		cmocka_unit_test(test_parse_refuses_impossible_or_malformed_dates),
		cmocka_unit_test(test_month_parse_and_format),
		cmocka_unit_test(test_excel_serial_numbers),
		cmocka_unit_test(test_days_between_and_after),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
