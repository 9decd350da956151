/*
 * split.h - a requirement cut into milestones, as the shipped plan was
 * (docs/data-format.md, "How the shipped plan was split"): parts at ；
 * and 。, a part with two time phrases cut again at the comma before the
 * second, each part governed by its time phrase (phrases.h) or, when it
 * has none, by the task's deadline cell, else by the year's end.
 */
#ifndef DUTY_SPLIT_H
#define DUTY_SPLIT_H

#include <stdbool.h>
#include <stddef.h>

#include "duty/phrases.h"

struct requirement_part {
	size_t start, length;          /* the part: the milestone's text within the requirement */
	const char *phrase;            /* its time phrase: in the requirement or the deadline cell */
	size_t phrase_length;          /* 0 when there is none (the deadline is implied) */
	bool from_deadline_cell;       /* the phrase is the deadline cell's */
	bool cell_has_several;         /* the deadline cell holds several times; the last is taken */
	enum phrase_status status;
	struct deadlines deadlines;    /* one per occurrence of a recurring phrase */
};

typedef bool (*requirement_part_callback)(const struct requirement_part *part, void *context);

/* Cuts text into parts, in the order of the text. deadline_cell (may be
 * NULL or empty) is a deadline column's cell for this requirement: a
 * requirement without time phrases becomes one part governed by it, and
 * in one with time phrases it governs the parts that have none. Returns
 * false when the callback stopped. */
bool requirement_split(const char *text, size_t length, const char *deadline_cell, int plan_year,
		       requirement_part_callback callback, void *context);

#endif
