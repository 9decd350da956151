/*
 * import_rows.h - the rows of a received table below its header, turned
 * into draft tasks: one task per numbered row; a row without a number (or
 * with the number above) whose title is the same or empty continues the
 * task above, as a merged cell does; a row with no requirement or no units
 * is a heading; a missing or repeated number gets the next free one; a
 * task without units takes those of the task above. Each guess is
 * reviewed. Only import uses it.
 */
#ifndef DUTY_IMPORT_ROWS_H
#define DUTY_IMPORT_ROWS_H

#include <stdbool.h>

#include "import_state.h"

/* Fills state->tasks. Returns false on an error (a table without tasks, a
 * first task without units) or when memory ran out. */
bool import_read_rows(struct import_state *state);

#endif
