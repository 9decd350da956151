/*
 * test_array.c - growing arrays: room is made by doubling, the array is
 * kept while there is room, and a size that would overflow is refused
 * without touching the array.
 */
#include <stdint.h>
#include <stdlib.h>

#include "testing.h"

#include "duty/array.h"

static void test_reserve_doubles_from_sixteen(void **state)
{
	(void)state;
	int *items = NULL;
	size_t capacity = 0;
	for (size_t count = 0; count < 100; count++) {
		int *grown = array_reserve(items, &capacity, count, sizeof *grown);
		assert_non_null(grown);
		items = grown;
		items[count] = (int)count;
		assert_true(capacity > count);
	}
	assert_int_equal(capacity, 128);
	for (size_t i = 0; i < 100; i++)
		assert_int_equal(items[i], (int)i);
	free(items);
}

static void test_reserve_keeps_the_array_while_there_is_room(void **state)
{
	(void)state;
	size_t capacity = 0;
	char *items = array_reserve(NULL, &capacity, 0, 1);
	assert_non_null(items);
	assert_int_equal(capacity, 16);
	assert_ptr_equal(array_reserve(items, &capacity, 15, 1), items);
	assert_ptr_equal(array_grow(items, &capacity, 3, 1), items);
	assert_int_equal(capacity, 16);
	/* Room for a far index in one call (the table's cell offsets). */
	char *grown = array_reserve(items, &capacity, 1000, 1);
	assert_non_null(grown);
	assert_int_equal(capacity, 1024);
	free(grown);
}

static void test_overflow_is_refused(void **state)
{
	(void)state;
	size_t capacity = 0;
	char *items = array_reserve(NULL, &capacity, 0, 1);
	assert_non_null(items);
	assert_null(array_reserve(items, &capacity, SIZE_MAX - 1, 1));
	assert_null(array_reserve(items, &capacity, SIZE_MAX / 8, 16));
	assert_int_equal(capacity, 16);   /* unchanged, and items still valid */
	items[15] = 'x';
	free(items);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reserve_doubles_from_sixteen),
		cmocka_unit_test(test_reserve_keeps_the_array_while_there_is_room),
		cmocka_unit_test(test_overflow_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
