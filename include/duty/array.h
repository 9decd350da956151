/*
 * array.h - growing a realloc'ed array by doubling, the one way every
 * list in duty (tasks, fields, matches, diagnostics, ...) makes room.
 */
#ifndef DUTY_ARRAY_H
#define DUTY_ARRAY_H

#include <stddef.h>

/* Grows an array of *capacity elements so that it holds more than count:
 * doubles it (16 to start) and updates *capacity. Returns the array, moved
 * or not, or NULL when out of memory or the size would overflow; the old
 * array is then still valid and unchanged. */
void *array_grow(void *items, size_t *capacity, size_t count, size_t element_size);

/* Room for element count: the array as it is while there is room (the
 * common case, inline), else array_grow. */
static inline void *array_reserve(void *items, size_t *capacity, size_t count, size_t element_size)
{
	return count < *capacity ? items : array_grow(items, capacity, count, element_size);
}

/* Sorts the smallest `first` of count items to the front, in order; the
 * rest stay behind them in no order. O(count log first), for a glance at
 * the top of a long list (all of it sorted when first >= count). */
void array_sort_first(void *items, size_t count, size_t first, size_t element_size,
		      int (*compare)(const void *, const void *));

#endif
