/*
 * itemid.h - the numbers that name items: task ids ("8"), milestones of a
 * task ("8.2") and targets (--target 2). One parser and one formatter for
 * the command line, the plan, the history and every output.
 */
#ifndef DUTY_ITEMID_H
#define DUTY_ITEMID_H

#include <stdbool.h>
#include <stddef.h>

/* The largest task id: 15 digits stay exact as a JSON number. */
#define TASK_ID_MAX 999999999999999L
/* The largest milestone or target number (M of ID.M, K of --target K). */
#define ITEM_NUMBER_MAX 100000L

/* Room for "999999999999999.100000" and its NUL. */
enum { ITEM_ID_SIZE = 24 };

/* A task id: digits only (ASCII or full-width), 1 to TASK_ID_MAX. */
bool task_id_parse(const char *text, size_t length, long *id);

/* A milestone, target or column group number: digits only, 1 to
 * ITEM_NUMBER_MAX ("01" is 1). */
bool item_number_parse(const char *text, size_t length, unsigned *number);

/* "8" or "8.2" (also "８．２"): the task, and the milestone (0 when not
 * given). */
bool item_id_parse(const char *text, size_t length, long *task, unsigned *milestone);

/* "8" when number is 0, else "8.2". Returns text. */
char *item_id_format(char text[ITEM_ID_SIZE], long task, size_t number);

#endif
