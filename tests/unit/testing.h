/*
 * testing.h - what every cmocka test file includes: cmocka's headers in
 * the order it needs, and paths to the shipped data and test inputs.
 */
#ifndef DUTY_TESTING_H
#define DUTY_TESTING_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#define DATA_DIR SOURCE_DIR "/data"
#define TEST_DATA_DIR SOURCE_DIR "/tests/data"
#define SHIPPED_PLAN DATA_DIR "/tasks_2018.csv"
#define SHIPPED_UNITS DATA_DIR "/units.csv"

#include "duty/load.h"

#include <stdio.h>

/* Words of the plan that are not NUL-terminated as a string, valid for
 * the next three calls, so two can be compared. */
static inline const char *words_string(struct field_text words)
{
	static char texts[3][4096];
	static int next;
	char *text = texts[next++ % 3];
	snprintf(text, sizeof texts[0], "%.*s", (int)words.length, words.text);
	return text;
}

/* A milestone's or a target's text (milestone_text, target_text). */
static inline const char *milestone_words(const struct task *task, const struct milestone *milestone)
{
	return words_string(milestone_text(task, milestone));
}

static inline const char *target_words(const struct task *task, const struct target *target)
{
	return words_string(target_text(task, target));
}

/* The shipped unit directory and plan, for the tests of a file that runs
 * its group with shipped_setup and shipped_teardown. */
static struct shipped {
	struct unit_directory *units;
	struct plan *plan;
} shipped __attribute__((unused));

/* Loads the shipped data, printing any problem; 0 when both load. */
static inline int shipped_setup(void **state)
{
	(void)state;
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	shipped.units = units_load(SHIPPED_UNITS, &(struct load_options){ 0 }, &diag);
	if (shipped.units)
		shipped.plan = plan_load(SHIPPED_PLAN, shipped.units, &(struct load_options){ 0 }, &diag);
	for (size_t i = 0; i < diag.kept_count; i++)
		print_error("%s:%ld: %s\n", diag.kept[i].file, diag.kept[i].line, diag.kept[i].message);
	diagnostics_free(&diag);
	return shipped.plan ? 0 : -1;
}

static inline int shipped_teardown(void **state)
{
	(void)state;
	plan_free(shipped.plan);
	units_free(shipped.units);
	shipped = (struct shipped){ NULL, NULL };
	return 0;
}

#endif
