/*
 * date.h - calendar dates as integers YYYYMMDD (they sort and compare as
 * dates) and months as YYYYMM. The deadline rule that turns the time
 * phrases of a responsibility table ("6月前", "年底前", ...) into dates is
 * in phrases.h.
 */
#ifndef DUTY_DATE_H
#define DUTY_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

typedef int date_t;    /* 20180731 */
typedef int month_t;   /* 201807 */

enum { DATE_TEXT_SIZE = 11, MONTH_TEXT_SIZE = 8 };

bool date_is_valid(int year, int month, int day);
int date_days_in_month(int year, int month);
date_t date_make(int year, int month, int day);
int date_year(date_t date);
int date_month_number(date_t date);   /* 1-12 */
int date_day(date_t date);
month_t date_month(date_t date);      /* 20180731 -> 201807 */
date_t date_month_last_day(month_t month);

/* Parses a date as people and spreadsheets write it: "2018-07-31",
 * "2018/7/31", "2018.7.31", "2018年7月31日", also in full-width digits; the
 * whole text must be the date. Returns false for anything else, including
 * dates that do not exist (2018-02-30). */
bool date_parse(const char *text, size_t length, date_t *date);

/* Parses a month: "2018-10", "2018/10", "2018.10", "2018年10月"; or "10" or
 * "10月" without a year, which gives the month number alone (1 to 12): the
 * caller puts it in the plan's year (month_in_year). */
bool month_parse(const char *text, size_t length, month_t *month);

/* A month from month_parse in `year` when it was written without one. */
month_t month_in_year(month_t month, int year);

/* Writes "2018-07-31" / "2018-07". */
void date_format(date_t date, char text[DATE_TEXT_SIZE]);
void month_format(month_t month, char text[MONTH_TEXT_SIZE]);

month_t month_next(month_t month);
date_t date_next_day(date_t date);

/* An Excel serial day number as a date: in the 1900 date system day 1 is
 * 1900-01-01 and day 60 the 1900-02-29 that never was (false for it), in
 * the 1904 system day 0 is 1904-01-01; a fraction is a time of day, left
 * out. False below day 1 (0 in 1904) or after 9999-12-31. */
bool date_from_excel_serial(double serial, bool date1904, date_t *date);

/* The one clock: SOURCE_DATE_EPOCH (seconds since 1970-01-01 UTC, for
 * reproducible runs and tests) when it is set to a number, else the
 * system clock. The day of a change and the time the history records
 * both come from it, in local time. */
time_t clock_now(void);

/* The local date of clock_now(). */
date_t date_today(void);

/* Days from one date to another: 2018-10-15 to 2018-10-31 is 16, and
 * negative when `to` is earlier. */
long date_days_between(date_t from, date_t to);

/* The date `days` days after date (before it when negative). */
date_t date_add_days(date_t date, long days);

#endif
