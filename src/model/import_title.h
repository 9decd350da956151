/*
 * import_title.h - a received table's title and plan year: --title and
 * --year when given; else the title is the line nearest above the table
 * that reads like one ("附件1：" cut off), and the year the first "YYYY年"
 * in it or the lines above, else the year most dates in the table are in.
 * Only import uses it.
 */
#ifndef DUTY_IMPORT_TITLE_H
#define DUTY_IMPORT_TITLE_H

#include <stdbool.h>

#include "import_state.h"

/* Sets the result's title and year. A title it could not find is the
 * source's file name (reviewed); a year it cannot tell is an error.
 * Returns false on an error or when memory ran out. */
bool import_find_title_and_year(struct import_state *state);

#endif
