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

#endif
