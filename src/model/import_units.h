/*
 * import_units.h - the units of an import: the directory given with
 * --units (resolved against, and kept row for row), the names the tasks
 * use that it does not have (added with a kind guessed from the name,
 * each reviewed), the directory written and loaded back, and each task's
 * units and lead units resolved against it. The source's wording is read
 * by units.c's one reader (units_split_wording). Only import uses it.
 */
#ifndef DUTY_IMPORT_UNITS_H
#define DUTY_IMPORT_UNITS_H

#include <stdbool.h>

#include "import_state.h"

/* Reads the --units directory, when given, into state->known. False when
 * it cannot be read or does not load. */
bool import_load_known_units(struct import_state *state);

/* Finds the new units, writes the directory's text (the given one's rows,
 * then the new ones in its columns) into the result and loads it back
 * into state->final. False on a problem or when memory ran out. */
bool import_add_new_units(struct import_state *state);

/* Each task's units and lead units, as indexes into state->final. */
bool import_resolve_units(struct import_state *state);

#endif
