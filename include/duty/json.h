/*
 * json.h - JSON objects for the model (docs/json.md): one encoder per kind
 * of object, printed one at a time so large results never build one huge
 * tree.
 */
#ifndef DUTY_JSON_H
#define DUTY_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "duty/plan.h"
#include "duty/query.h"

/* A task as in docs/json.md; with_via adds "via" (null or the group). */
cJSON *json_task(const struct plan *plan, const struct task *task, bool with_via, size_t via);

/* A target as in docs/json.md, with its report. */
cJSON *json_target(const struct target *target);

/* Moves every field of object `from` to the end of `into`, and frees from. */
void json_move_fields(cJSON *into, cJSON *from);

/* One milestone of a due list. */
cJSON *json_due(const struct plan *plan, const struct milestone_match *match, bool with_via);

/* Prints an item at the given nesting depth (tabs), as cJSON formats it. */
void json_print_indented(FILE *out, const cJSON *item, int depth);

/* Streams a JSON array: begin, then items (each freed), then end. */
struct json_array_writer {
	FILE *out;
	int depth;
	size_t count;
	bool failed;
};

void json_array_begin(struct json_array_writer *writer, FILE *out, int depth);
void json_array_add(struct json_array_writer *writer, cJSON *item);
void json_array_end(struct json_array_writer *writer);

#endif
