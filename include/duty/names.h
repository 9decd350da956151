/*
 * names.h - a small open-addressing hash table from names (strings that
 * outlive the table) to indexes. Used for unit names and aliases and for
 * task ids, so lookups stay O(1) on plans of any size.
 */
#ifndef DUTY_NAMES_H
#define DUTY_NAMES_H

#include <stdbool.h>
#include <stddef.h>

struct name_index;

struct name_index *name_index_new(size_t expected);
void name_index_free(struct name_index *index);

/* Adds name -> value. Returns false when out of memory. When the name is
 * already present nothing changes and *existing gets its value. */
bool name_index_add(struct name_index *index, const char *name, size_t length, size_t value,
		    size_t *existing);

/* Adds name -> value, or changes the value of a name already there. */
bool name_index_put(struct name_index *index, const char *name, size_t length, size_t value);

/* SIZE_MAX when absent. */
size_t name_index_get(const struct name_index *index, const char *name, size_t length);

#endif
