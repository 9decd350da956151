/*
 * csvwrite.h - writing CSV fields (RFC 4180), and the one rule for values
 * that go into a file duty writes: plan cells and history records alike,
 * whatever their source (--note, --by, $USER, values undo takes back
 * from the history). A value is checked before anything is written, so
 * that every file duty writes loads back with the value as it was given.
 */
#ifndef DUTY_CSVWRITE_H
#define DUTY_CSVWRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "duty/input.h"
#include "duty/strbuf.h"

/* A CSV field needs quotes when it holds a comma, a quote or a line
 * break, or starts or ends with a space (some readers trim those). */
bool csv_field_needs_quotes(const char *field, size_t length);
/* Appends field as one CSV field: as it is, or quoted with quotes doubled. */
void strbuf_put_csv_field(struct strbuf *buffer, const char *field, size_t length);

/* Why a value cannot be written as it is. */
enum value_problem {
	VALUE_OK,
	VALUE_NOT_UTF8,        /* a byte that is not UTF-8 */
	VALUE_CONTROL,         /* a control character other than line feed and tab */
	VALUE_SPACE_AROUND,    /* a space or tab at either end: loading would trim it */
	VALUE_NOT_ENCODABLE,   /* a character the file's encoding cannot hold */
	VALUE_NO_MEMORY,       /* memory ran out while checking: not the value's fault */
};

struct value_check {
	enum value_problem problem;
	size_t character;      /* 1-based position of the offending character */
	uint32_t codepoint;    /* it (VALUE_CONTROL, VALUE_NOT_ENCODABLE) */
	unsigned char byte;    /* the bad byte (VALUE_NOT_UTF8) */
};

/* Checks that value can go into a CSV file in encoding and load back
 * exactly: valid UTF-8, no control character but line feed and tab, no
 * space or tab at either end, every character representable. */
bool csv_value_check(const char *value, enum encoding encoding, struct value_check *check);
/* The same for value[0..length), which need not end with a NUL (for
 * UTF-8 it allocates nothing). */
bool csv_value_check_text(const char *value, size_t length, enum encoding encoding, struct value_check *check);

/* Appends why, in words: "it holds the control character U+000D at
 * character 2; ...". */
void csv_value_explain(struct strbuf *out, const struct value_check *check);

/* Appends value as one CSV field in encoding (quoted as needed). False,
 * with nothing appended, when the encoding cannot hold it. */
bool strbuf_put_csv_value(struct strbuf *out, const char *value, enum encoding encoding);

#endif
