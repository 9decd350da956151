/*
 * array.c - doubling realloc'ed arrays (see array.h).
 */
#include "duty/array.h"

#include <stdint.h>
#include <stdlib.h>

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
