/*
 * numerals.h - numbers as a responsibility table writes them: ASCII or
 * full-width digits with a decimal part ("4.5", "１２", "1,400"), or Chinese
 * numerals ("一", "两", "十二", "一百二十", "二〇一九"). The time phrases
 * ("十一月前") and the targets ("至少开展一次") both read them here.
 */
#ifndef DUTY_NUMERALS_H
#define DUTY_NUMERALS_H

#include <stdbool.h>
#include <stddef.h>

enum { NUMBER_DIGITS_SIZE = 32 };

struct written_number {
	double value;
	char digits[NUMBER_DIGITS_SIZE];   /* the value in ASCII digits: "4.5", "12", "1400" */
	size_t length;                     /* bytes of the text it takes */
	bool chinese;                      /* written in Chinese numerals */
	bool whole;                        /* no decimal part */
	size_t digit_count;                /* digits before the decimal point, when not chinese */
};

/* Reads the number at the very start of text. Digits may be ASCII or
 * full-width (０-９, with ． as the point); "1,400" is one number when each
 * group after a comma has three digits. Chinese numerals are 零〇一二两三四五
 * 六七八九 with 十百千万. Returns false when no number starts there or it is
 * too long to be a count (more than 15 digits). */
bool number_read(const char *text, size_t length, struct written_number *number);


/* Digits only, without a decimal part or thousands commas: "2019" of
 * "2019.6.30". */
bool number_read_integer(const char *text, size_t length, struct written_number *number);

/* True when text starts with a digit (ASCII or full-width) or a Chinese
 * numeral character; *length gets the character's bytes. */
bool numeral_starts(const char *text, size_t length, size_t *char_length);

#endif
