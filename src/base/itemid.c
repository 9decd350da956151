/*
 * itemid.c - parsing and writing "8" and "8.2" (see itemid.h).
 */
#include "duty/itemid.h"

#include <stdio.h>
#include <string.h>

#include "duty/text.h"

bool task_id_parse(const char *text, size_t length, long *id)
{
	return text_parse_whole(text, length, TASK_ID_MAX, id) && *id > 0;
}

bool item_number_parse(const char *text, size_t length, unsigned *number)
{
	long value;
	if (!text_parse_whole(text, length, ITEM_NUMBER_MAX, &value) || value <= 0)
		return false;
	*number = (unsigned)value;
	return true;
}

bool item_id_parse(const char *text, size_t length, long *task, unsigned *milestone)
{
	/* "８.1" or "８．１", typed with a Chinese input method, is 8.1. */
	char folded[64];
	if (!text_fold_narrow(text, length, folded, sizeof folded, &length))
		return false;
	text = folded;
	const char *dot = memchr(text, '.', length);
	size_t id_length = dot ? (size_t)(dot - text) : length;
	long id;
	unsigned number = 0;
	if (!task_id_parse(text, id_length, &id))
		return false;
	if (dot && !item_number_parse(dot + 1, length - id_length - 1, &number))
		return false;
	*task = id;
	*milestone = number;
	return true;
}

char *item_id_format(char text[ITEM_ID_SIZE], long task, size_t number)
{
	if (number)
		snprintf(text, ITEM_ID_SIZE, "%ld.%zu", task, number);
	else
		snprintf(text, ITEM_ID_SIZE, "%ld", task);
	return text;
}
