/*
 * numerals.c - reading the numbers of a responsibility table: digits
 * (ASCII or full-width) and Chinese numerals, into a value and its plain
 * ASCII spelling.
 */
#include "duty/numerals.h"

#include <stdio.h>
#include <string.h>

/* The value of the ASCII or full-width digit at text, or -1. */
static int digit_at(const char *text, size_t length, size_t *used)
{
	if (length >= 1 && text[0] >= '0' && text[0] <= '9') {
		*used = 1;
		return text[0] - '0';
	}
	/* ０ U+FF10 .. ９ U+FF19: EF BC 90 .. EF BC 99 */
	if (length >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBC
	    && (unsigned char)text[2] >= 0x90 && (unsigned char)text[2] <= 0x99) {
		*used = 3;
		return (unsigned char)text[2] - 0x90;
	}
	return -1;
}

static bool point_at(const char *text, size_t length, size_t *used)
{
	if (length >= 1 && text[0] == '.') {
		*used = 1;
		return true;
	}
	if (length >= 3 && memcmp(text, "\xEF\xBC\x8E", 3) == 0) {   /* ． */
		*used = 3;
		return true;
	}
	return false;
}

struct chinese_numeral {
	const char *text;
	int value;      /* a digit 0-9, or a multiplier 10, 100, 1000, 10000 */
};

static const struct chinese_numeral chinese_numerals[] = {
	{ "零", 0 }, { "〇", 0 }, { "一", 1 }, { "二", 2 }, { "两", 2 }, { "三", 3 },   { "四", 4 },
	{ "五", 5 }, { "六", 6 }, { "七", 7 }, { "八", 8 }, { "九", 9 }, { "十", 10 }, { "百", 100 },
	{ "千", 1000 }, { "万", 10000 },
};

static int chinese_at(const char *text, size_t length, size_t *used)
{
	for (size_t i = 0; i < sizeof chinese_numerals / sizeof chinese_numerals[0]; i++) {
		size_t n = strlen(chinese_numerals[i].text);
		if (length >= n && memcmp(text, chinese_numerals[i].text, n) == 0) {
			*used = n;
			return chinese_numerals[i].value;
		}
	}
	return -1;
}

bool numeral_starts(const char *text, size_t length, size_t *char_length)
{
	return digit_at(text, length, char_length) >= 0 || chinese_at(text, length, char_length) >= 0;
}

static bool read_digits(const char *text, size_t length, bool fraction, struct written_number *number)
{
	memset(number, 0, sizeof *number);
	size_t offset = 0, written = 0, used;
	int digit;
	double value = 0;
	while ((digit = digit_at(text + offset, length - offset, &used)) >= 0) {
		if (written + 2 >= 16)
			return false;
		value = value * 10 + digit;
		number->digits[written++] = (char)('0' + digit);
		offset += used;
		/* "1,400": a comma followed by exactly three digits groups thousands. */
		if (fraction && offset < length && text[offset] == ',') {
			size_t probe = offset + 1, group = 0, step;
			while (group < 4 && digit_at(text + probe, length - probe, &step) >= 0) {
				probe += step;
				group++;
			}
			if (group == 3)
				offset++;
		}
	}
	if (written == 0)
		return false;
	number->digit_count = written;
	number->whole = true;
	size_t point;
	if (fraction && point_at(text + offset, length - offset, &point)
	    && digit_at(text + offset + point, length - offset - point, &used) >= 0) {
		offset += point;
		number->digits[written++] = '.';
		double scale = 0.1;
		while ((digit = digit_at(text + offset, length - offset, &used)) >= 0) {
			if (written + 2 >= NUMBER_DIGITS_SIZE)
				return false;
			value += digit * scale;
			scale /= 10;
			number->digits[written++] = (char)('0' + digit);
			offset += used;
		}
		number->whole = false;
	}
	number->digits[written] = '\0';
	number->value = value;
	number->length = offset;
	return true;
}

/* Only digits (ASCII or full-width), never Chinese numerals. */
static bool number_read_digits(const char *text, size_t length, struct written_number *number)
{
	return read_digits(text, length, true, number);
}

bool number_read_integer(const char *text, size_t length, struct written_number *number)
{
	return read_digits(text, length, false, number);
}

/* 十二 = 12, 二十 = 20, 一百零五 = 105, 三万 = 30000, and 二〇一九 (digits
 * one after another, as years are written) = 2019. */
static bool read_chinese(const char *text, size_t length, struct written_number *number)
{
	memset(number, 0, sizeof *number);
	size_t offset = 0, used;
	long long total = 0, section = 0, current = 0;
	int value;
	bool any = false, last_was_digit = false, spelled_digits = true;
	size_t digit_run = 0;
	size_t characters = 0;
	while ((value = chinese_at(text + offset, length - offset, &used)) >= 0) {
		if (++characters > 24)
			return false;   /* no count is written this long */
		if (!any && value > 10)
			return false;   /* 百, 千, 万 do not start a number: 千万 is "by all means" */
		if (value < 10) {
			if (last_was_digit)
				current = current * 10 + value;   /* 二〇一九 */
			else
				current = value;
			digit_run++;
			last_was_digit = true;
		} else {
			spelled_digits = false;
			if (value == 10000) {
				total += (section + current) * 10000;
				section = 0;
			} else {
				/* 十 alone is ten: 十二 = 12 */
				section += (current == 0 && !any ? 1 : current) * value;
			}
			current = 0;
			last_was_digit = false;
		}
		any = true;
		offset += used;
		if (total + section + current > 999999999999LL)
			return false;
	}
	if (!any)
		return false;
	/* A run of digits after a multiplier ("一百二十三" is fine, "十二三" is not). */
	if (!spelled_digits && digit_run > 0 && last_was_digit && current >= 10)
		return false;
	long long result = total + section + current;
	number->value = (double)result;
	snprintf(number->digits, sizeof number->digits, "%lld", result);
	number->length = offset;
	number->chinese = true;
	number->whole = true;
	return true;
}

bool number_read(const char *text, size_t length, struct written_number *number)
{
	if (number_read_digits(text, length, number))
		return true;
	return read_chinese(text, length, number);
}
