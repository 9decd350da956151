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
