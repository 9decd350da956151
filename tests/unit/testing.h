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

/* Loads the shipped unit directory and plan; 0 when both load (cmocka
 * group setups return it). */
static inline int load_shipped(struct unit_directory **units, struct plan **plan)
{
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	*units = units_load(SHIPPED_UNITS, &(struct load_options){ 0 }, &diag);
	*plan = *units ? plan_load(SHIPPED_PLAN, *units, &(struct load_options){ 0 }, &diag) : NULL;
	diagnostics_free(&diag);
	return *plan ? 0 : -1;
}

#endif
