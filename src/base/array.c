/*
 * array.c - doubling realloc'ed arrays (see array.h).
 */
#include "duty/array.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void *array_grow(void *items, size_t *capacity, size_t count, size_t element_size)
{
	size_t fresh = *capacity ? *capacity : 16;
	while (fresh <= count) {
		if (fresh > SIZE_MAX / 2)
			return NULL;
		fresh *= 2;
	}
	if (fresh == *capacity)
		return items;   /* there was room already */
	if (element_size && fresh > SIZE_MAX / element_size)
		return NULL;
	void *grown = realloc(items, fresh * element_size);
	if (!grown)
		return NULL;
	*capacity = fresh;
	return grown;
}

static void swap_items(unsigned char *a, unsigned char *b, size_t size)
{
	for (size_t i = 0; i < size; i++) {
		unsigned char kept = a[i];
		a[i] = b[i];
		b[i] = kept;
	}
}

/* Restores the max-heap property below item `at` of a heap of count. */
static void sift_down(unsigned char *items, size_t at, size_t count, size_t size,
		      int (*compare)(const void *, const void *))
{
	for (;;) {
		size_t largest = at, left = 2 * at + 1, right = left + 1;
		if (left < count && compare(items + left * size, items + largest * size) > 0)
			largest = left;
		if (right < count && compare(items + right * size, items + largest * size) > 0)
			largest = right;
		if (largest == at)
			return;
		swap_items(items + at * size, items + largest * size, size);
		at = largest;
	}
}

void array_sort_first(void *items, size_t count, size_t first, size_t element_size,
		      int (*compare)(const void *, const void *))
{
	if (first >= count) {
		if (count > 1)
			qsort(items, count, element_size, compare);
		return;
	}
	if (first == 0)
		return;
	/* The front is a max-heap of the smallest seen: an item smaller than
	 * its top takes the top's place. */
	unsigned char *bytes = items;
	for (size_t i = first / 2; i-- > 0;)
		sift_down(bytes, i, first, element_size, compare);
	for (size_t i = first; i < count; i++) {
		if (compare(bytes + i * element_size, bytes) < 0) {
			swap_items(bytes + i * element_size, bytes, element_size);
			sift_down(bytes, 0, first, element_size, compare);
		}
	}
	qsort(items, first, element_size, compare);
}
