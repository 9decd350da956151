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

/* Has cJSON allocate through duty, which remembers a failure; the CLI
 * calls it first. */
void json_init(void);
/* Whether a cJSON allocation has failed since json_init: a member may be
 * missing from what was printed. */
bool json_ran_out(void);

/* A task as in docs/json.md; with_via adds "via" (null or the group). */
cJSON *json_task(const struct plan *plan, const struct task *task, bool with_via, size_t via);


/* A milestone as in a task's "milestones". */
cJSON *json_milestone(const struct plan *plan, const struct task *task, const struct milestone *milestone);
/* A target as in docs/json.md, with its reports. */
cJSON *json_target(const struct plan *plan, const struct task *task, const struct target *target);

/* Moves every field of object `from` to the end of `into`, and frees from. */
void json_move_fields(cJSON *into, cJSON *from);

/* A milestone's id, "12.1" for milestone index 0 of task 12: what `duty
 * done` takes. Every milestone object carries it as "id". */
cJSON *json_milestone_id(const struct task *task, size_t index);

/* One milestone of a due list. */
cJSON *json_due(const struct plan *plan, const struct milestone_match *match, bool with_via);

/* The plan's title and year: {"title": ..., "year": ...}. */
cJSON *json_plan_about(const struct plan *plan);

/* Prints an item at the given nesting depth (tabs), as cJSON formats it.
 * Returns false when out of memory. */
bool json_print_indented(FILE *out, const cJSON *item, int depth);

/* Streams a JSON array or object one member at a time, formatted as
 * cJSON_Print formats it, so large results never build one huge tree:
 * begin, add members (each item is printed and freed), end. A member may
 * itself be streamed: json_add_key, then a writer at depth + 1. */
struct json_writer {
	FILE *out;
	int depth;
	size_t count;
	char close;
	bool failed;        /* an item was NULL or could not be printed */
};

void json_begin_array(struct json_writer *writer, FILE *out, int depth);
void json_begin_object(struct json_writer *writer, FILE *out, int depth);
void json_add(struct json_writer *writer, cJSON *item);                       /* array element */
void json_add_field(struct json_writer *writer, const char *key, cJSON *item);   /* object member */
void json_add_key(struct json_writer *writer, const char *key);   /* a member whose value follows */
/* Adds a task (json_task; with_via adds "via" and then "role") or a due
 * milestone (json_due) as the next element, printed without building a
 * tree of its own: faster than json_add of json_task or json_due. */
void json_add_task(struct json_writer *writer, const struct plan *plan, const struct task *task, bool with_via,
		   size_t via, enum unit_role role);
void json_add_due(struct json_writer *writer, const struct plan *plan, const struct milestone_match *match,
		  bool with_via);
/* Closes the array or object; returns false when a member failed. */
bool json_end(struct json_writer *writer);

#endif
