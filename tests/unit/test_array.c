/*
 * test_array.c - growing arrays: room is made by doubling, the array is
 * kept while there is room, and a size that would overflow is refused
 * without touching the array; an arena reset for the next item keeps its
 * block; the front of a list sorted without sorting the rest.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "testing.h"

#include "duty/arena.h"
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

/* Strings pack byte by byte; an object after one is aligned for pointers
 * and doubles, and lies after it. */
static void test_arena_packs_strings_and_aligns_objects(void **state)
{
	(void)state;
	struct arena arena;
	arena_init(&arena);
	char *first = arena_strndup(&arena, "abc", 3), *second = arena_strndup(&arena, "de", 2);
	assert_ptr_equal(second, first + 4);
	double *number = arena_alloc(&arena, sizeof *number);
	void **pointer = arena_array(&arena, 3, sizeof *pointer);
	assert_int_equal((uintptr_t)number % _Alignof(double), 0);
	assert_int_equal((uintptr_t)pointer % _Alignof(void *), 0);
	assert_true((char *)number >= second + 3 && (char *)number < second + 3 + 8);
	*number = 1.5;
	pointer[2] = number;
	assert_true(*(double *)pointer[2] == 1.5);
	arena_free(&arena);
}

/* An arena reset for one item after another keeps its newest block: the
 * memory comes back at the same place, and what was allocated is freed. */
static void test_arena_reset_reuses_its_block(void **state)
{
	(void)state;
	struct arena arena;
	arena_init(&arena);
	arena_reset(&arena);   /* empty: nothing to keep */
	char *first = NULL;
	for (int round = 0; round < 3; round++) {
		char *item = arena_alloc(&arena, 100);
		assert_non_null(item);
		for (int i = 0; i < 2000; i++)
			assert_non_null(arena_alloc(&arena, 64));   /* more than the first block */
		if (round == 1)
			first = item;
		else if (round == 2)
			assert_ptr_equal(item, first);
		assert_true(arena.total > 0);
		arena_reset(&arena);
		assert_int_equal(arena.total, 0);
	}
	arena_free(&arena);
}

/* Blocks of a huge page or more (2 MiB, asked for as huge pages) hold
 * what is put in them like small ones, aligned, and a big one-off item
 * has a block of its own. */
static void test_arena_big_blocks_keep_their_items(void **state)
{
	(void)state;
	struct arena arena;
	arena_init(&arena);
	enum { ITEMS = 160, ITEM = 64 * 1024 };   /* 10 MiB: blocks of 4, 8 and 16 MiB */
	unsigned char *items[ITEMS];
	for (int i = 0; i < ITEMS; i++) {
		items[i] = arena_alloc(&arena, ITEM);
		assert_non_null(items[i]);
		assert_int_equal((uintptr_t)items[i] % sizeof(void *), 0);
		memset(items[i], i, ITEM);
	}
	unsigned char *big = arena_alloc(&arena, 20 * 1024 * 1024);
	assert_non_null(big);
	memset(big, 0xAB, 20 * 1024 * 1024);
	for (int i = 0; i < ITEMS; i++)
		for (size_t b = 0; b < ITEM; b += 4093)
			assert_int_equal(items[i][b], (unsigned char)i);
	assert_int_equal(big[20 * 1024 * 1024 - 1], 0xAB);
	assert_int_equal(arena.total, (size_t)ITEMS * ITEM + 20 * 1024 * 1024);
	arena_free(&arena);
}

struct pair {
	int key, order;   /* order tells apart items with the same key */
};

static int by_key_then_order(const void *left, const void *right)
{
	const struct pair *a = left, *b = right;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return (a->order > b->order) - (a->order < b->order);
}

/* The first N after array_sort_first are the first N of a full sort, for
 * every N, with repeated keys; the rest are the other items. */
static void test_sort_first_is_the_front_of_a_full_sort(void **state)
{
	(void)state;
	enum { COUNT = 97 };
	struct pair all[COUNT], sorted[COUNT], front[COUNT];
	unsigned seed = 2018;
	for (int i = 0; i < COUNT; i++) {
		seed = seed * 1103515245u + 12345u;
		all[i] = (struct pair){ (int)(seed >> 16) % 13, i };
	}
	memcpy(sorted, all, sizeof all);
	qsort(sorted, COUNT, sizeof *sorted, by_key_then_order);
	for (size_t first = 0; first <= COUNT + 1; first++) {
		memcpy(front, all, sizeof all);
		array_sort_first(front, COUNT, first, sizeof *front, by_key_then_order);
		size_t kept = first < COUNT ? first : COUNT;
		assert_memory_equal(front, sorted, kept * sizeof *front);
		/* Nothing lost: the rest, sorted, are the rest of the full sort. */
		qsort(front + kept, COUNT - kept, sizeof *front, by_key_then_order);
		assert_memory_equal(front + kept, sorted + kept, (COUNT - kept) * sizeof *front);
	}
	array_sort_first(NULL, 0, 20, sizeof *front, by_key_then_order);   /* nothing to sort */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reserve_doubles_from_sixteen),
		cmocka_unit_test(test_reserve_keeps_the_array_while_there_is_room),
		cmocka_unit_test(test_overflow_is_refused),
		cmocka_unit_test(test_arena_packs_strings_and_aligns_objects),
		cmocka_unit_test(test_arena_reset_reuses_its_block),
		cmocka_unit_test(test_arena_big_blocks_keep_their_items),
		cmocka_unit_test(test_sort_first_is_the_front_of_a_full_sort),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
