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

bool item_id_parse(const char *text, size_t length, long *task, unsigned *milestone)
{
	const char *dot = memchr(text, '.', length);
	size_t id_length = dot ? (size_t)(dot - text) : length;
	long id, number = 0;
	if (!task_id_parse(text, id_length, &id))
		return false;
	if (dot) {
		size_t rest = length - id_length - 1;
		if (!text_parse_whole(dot + 1, rest, ITEM_NUMBER_MAX, &number) || number <= 0)
			return false;
	}
	*task = id;
	*milestone = (unsigned)number;
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
