/*
 * targets.h - the quantitative targets in a requirement's words: a number
 * with its unit ("98%以上", "4.5份/千人", "至少开展一次系统培训"), the
 * comparison its wording sets (以上, 不低于, 至少, 达到 -> >=; 以下, 不超过,
 * 控制在…以内 -> <=; a bare number -> =) and the thing counted. Dates,
 * years, year ranges and numbers inside quotes or titles are not targets
 * (docs/data-format.md, "Target columns"). Used by duty import.
 */
#ifndef DUTY_TARGETS_H
#define DUTY_TARGETS_H

#include <stdbool.h>
#include <stddef.h>

#include "duty/numerals.h"
#include "duty/plan.h"

enum { TARGET_UNIT_SIZE = 48 };

struct found_target {
	const char *metric;          /* the thing counted, NUL-terminated (valid during the callback) */
	size_t text_start, text_length;   /* the words that set it: a part of the text */
	enum target_op op;
	char value[NUMBER_DIGITS_SIZE];   /* in digits, as written: "98", "4.5"; "1" for 一 */
	char unit[TARGET_UNIT_SIZE];      /* "%", "家", "份/千人", or "" */
	const char *doubt;           /* why a reviewer should look (N_ text), or NULL */
};

/* Called for each target, in the order of the text; return false to stop. */
typedef bool (*target_callback)(const struct found_target *target, void *context);

/* Finds the targets of text (a whole requirement). Returns false when out
 * of memory or the callback stopped. */
bool targets_find(const char *text, size_t length, target_callback callback, void *context);

#endif
