/*
 * date.c - date arithmetic for deadlines: dates as YYYYMMDD integers, month
 * ends, leap years, and the forms people and spreadsheets write dates in.
 * The time phrases that become deadlines are model/phrases.c's.
 */
#include "duty/date.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "duty/text.h"

static bool is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (month < 1 || month > 12)
		return 0;
	return days[month - 1] + (month == 2 && is_leap(year));
}

bool date_is_valid(int year, int month, int day)
{
	return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1
	       && (day <= 28 || day <= date_days_in_month(year, month));
}

date_t date_make(int year, int month, int day)
{
	return year * 10000 + month * 100 + day;
}

int date_year(date_t date)
{
	return date / 10000;
}

int date_month_number(date_t date)
{
	return date / 100 % 100;
}

int date_day(date_t date)
{
	return date % 100;
}

month_t date_month(date_t date)
{
	return date / 100;
}

date_t date_month_last_day(month_t month)
{
	int year = month / 100, number = month % 100;
	return date_make(year, number, date_days_in_month(year, number));
}

date_t date_next_day(date_t date)
{
	int year = date_year(date), month = date_month_number(date), day = date_day(date);
	if (day < date_days_in_month(year, month))
		return date + 1;
	return month == 12 ? date_make(year + 1, 1, 1) : date_make(year, month + 1, 1);
}

month_t month_next(month_t month)
{
	return month % 100 == 12 ? (month / 100 + 1) * 100 + 1 : month + 1;
}

/* Reads 1..max_digits decimal digits; returns how many were read. */
static size_t read_number(const char *text, size_t length, size_t max_digits, int *value)
{
	size_t used = 0;
	*value = 0;
	while (used < length && used < max_digits && text[used] >= '0' && text[used] <= '9') {
		*value = *value * 10 + (text[used] - '0');
		used++;
	}
	return used;
}

/* "YYYY<sep>M[M]" optionally followed by "<sep>D[D]"; the separator is the
 * same throughout: '-', '/' or '.'. Or the Chinese way, "YYYY年M月D日". */
static bool parse_parts(const char *text, size_t length, int parts[3], size_t want)
{
	static const char *const chinese[] = { "年", "月", "日" };
	size_t offset = 0, got = 0;
	char separator = 0;
	bool in_chinese = false;
	while (got < want) {
		size_t max_digits = got == 0 ? 4 : 2;
		size_t used = read_number(text + offset, length - offset, max_digits, &parts[got]);
		if (used == 0 || (got == 0 && used != 4))
			return false;
		offset += used;
		got++;
		if (got == 1)
			in_chinese = length - offset >= 3 && memcmp(text + offset, chinese[0], 3) == 0;
		if (in_chinese) {
			if (length - offset < 3 || memcmp(text + offset, chinese[got - 1], 3) != 0)
				return false;
			offset += 3;
			continue;
		}
		if (got == want)
			break;
		if (offset >= length || (text[offset] != '-' && text[offset] != '/' && text[offset] != '.'))
			return false;
		if (separator && text[offset] != separator)
			return false;
		separator = text[offset++];
	}
	return offset == length;
}

/* Full-width digits and separators (２０１８－１０－１５) as ASCII. */
static bool fold(const char **text, size_t *length, char *buffer, size_t size)
{
	if (!text_fold_narrow(*text, *length, buffer, size, length))
		return false;
	*text = buffer;
	return true;
}

/* Digit c as a number, or a value above 9. */
static unsigned digit(char c)
{
	return (unsigned)(unsigned char)c - '0';
}

bool date_parse(const char *text, size_t length, date_t *date)
{
	/* The form duty writes, YYYY-MM-DD, without a loop. */
	if (length == 10 && text[4] == '-' && text[7] == '-') {
		unsigned y0 = digit(text[0]), y1 = digit(text[1]), y2 = digit(text[2]), y3 = digit(text[3]);
		unsigned m0 = digit(text[5]), m1 = digit(text[6]), d0 = digit(text[8]), d1 = digit(text[9]);
		if (!((y0 > 9) | (y1 > 9) | (y2 > 9) | (y3 > 9) | (m0 > 9) | (m1 > 9) | (d0 > 9) | (d1 > 9))) {
			int year = (int)(y0 * 1000 + y1 * 100 + y2 * 10 + y3), month = (int)(m0 * 10 + m1),
			    day = (int)(d0 * 10 + d1);
			if (!date_is_valid(year, month, day))
				return false;
			*date = date_make(year, month, day);
			return true;
		}
	}
	char folded[32];
	int parts[3];
	if (!fold(&text, &length, folded, sizeof folded) || !parse_parts(text, length, parts, 3)
	    || !date_is_valid(parts[0], parts[1], parts[2]))
		return false;
	*date = date_make(parts[0], parts[1], parts[2]);
	return true;
}

bool month_parse(const char *text, size_t length, month_t *month)
{
	char folded[32];
	int parts[3];
	if (!fold(&text, &length, folded, sizeof folded))
		return false;
	/* "6" or "6月": a month of a year the caller knows. */
	int number;
	size_t used = read_number(text, length, 2, &number);
	if (used && (used == length || (length - used == 3 && memcmp(text + used, "月", 3) == 0))) {
		if (number < 1 || number > 12)
			return false;
		*month = number;
		return true;
	}
	if (!parse_parts(text, length, parts, 2) || parts[0] < 1 || parts[1] < 1 || parts[1] > 12)
		return false;
	*month = parts[0] * 100 + parts[1];
	return true;
}

month_t month_in_year(month_t month, int year)
{
	return month > 0 && month <= 12 ? year * 100 + month : month;
}

/* Writes value as exactly `digits` decimal digits. */
static void put_digits(char *text, int value, int digits)
{
	for (int i = digits - 1; i >= 0; i--) {
		text[i] = (char)('0' + value % 10);
		value /= 10;
	}
}

void date_format(date_t date, char text[DATE_TEXT_SIZE])
{
	put_digits(text, date_year(date) % 10000, 4);
	text[4] = '-';
	put_digits(text + 5, date_month_number(date), 2);
	text[7] = '-';
	put_digits(text + 8, date_day(date), 2);
	text[10] = '\0';
}

void month_format(month_t month, char text[MONTH_TEXT_SIZE])
{
	put_digits(text, month / 100 % 10000, 4);
	text[4] = '-';
	put_digits(text + 5, month % 100, 2);
	text[7] = '\0';
}

time_t clock_now(void)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	if (epoch && *epoch) {
		char *end;
		errno = 0;
		long long seconds = strtoll(epoch, &end, 10);
		if (!*end && errno == 0)
			return (time_t)seconds;
	}
	return time(NULL);
}

date_t date_today(void)
{
	time_t now = clock_now();
	struct tm local;
	if (!localtime_r(&now, &local))
		return date_make(1970, 1, 1);
	return date_make(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

/* Days since 1970-01-01 of a proleptic Gregorian date, and back (Howard
 * Hinnant's days_from_civil and civil_from_days). */
static long days_from_civil(int year, int month, int day)
{
	year -= month <= 2;
	long era = (year >= 0 ? year : year - 399) / 400;
	long year_of_era = year - era * 400;
	long day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
	return era * 146097 + day_of_era - 719468;
}

static date_t date_from_days(long days)
{
	days += 719468;
	long era = (days >= 0 ? days : days - 146096) / 146097;
	long day_of_era = days - era * 146097;
	long year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
	long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
	long shifted_month = (5 * day_of_year + 2) / 153;
	int day = (int)(day_of_year - (153 * shifted_month + 2) / 5 + 1);
	int month = (int)(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
	int year = (int)(year_of_era + era * 400 + (month <= 2));
	return date_make(year, month, day);
}

bool date_from_excel_serial(double serial, bool date1904, date_t *date)
{
	if (!(serial >= (date1904 ? 0 : 1)) || serial >= 2958466)
		return false;
	long day = (long)serial;   /* whole days: serial is not negative here */
	if (date1904)
		day += 1462;   /* 1904-01-01 is day 1462 of the 1900 system */
	else if (day == 60)
		return false;  /* 1900-02-29, which Excel counts and the calendar does not */
	else if (day < 60)
		day++;         /* before the day that never was */
	/* Day 61 is 1900-03-01, and 1899-12-30 is day 0 from there on. */
	*date = date_from_days(day - 25569);
	return true;
}

long date_days_between(date_t from, date_t to)
{
	return days_from_civil(date_year(to), date_month_number(to), date_day(to))
	       - days_from_civil(date_year(from), date_month_number(from), date_day(from));
}

date_t date_add_days(date_t date, long days)
{
	return date_from_days(days_from_civil(date_year(date), date_month_number(date), date_day(date)) + days);
}
