/*
 * views.h - how lists of tasks and milestones look in each format. The
 * overview, list, due and export commands share these so a milestone or a
 * task reads the same everywhere.
 */
#ifndef DUTY_VIEWS_H
#define DUTY_VIEWS_H

#include <stdbool.h>
#include <stddef.h>

#include "cli/cli.h"
#include "duty/query.h"
#include "duty/json.h"
#include "duty/table.h"

/* Milestones as a table (indented), or in cli->format. */
void view_milestones_table(struct cli *cli, const struct milestone_match *matches, size_t count, size_t indent,
			   bool with_via);
void view_milestones(struct cli *cli, const struct milestone_match *matches, size_t count, bool with_via);

/* Tasks with their next deadline and units, in cli->format. */
void view_tasks(struct cli *cli, const struct query *query, const struct task_match *matches, size_t count,
		bool with_via);

/* A plain sentence about the next deadline after a date. */
void view_next_deadline(struct cli *cli, const struct query *query, date_t after);

/* The colour of a milestone's row: overdue red, due this month yellow,
 * done dimmed. */
enum row_color cli_milestone_color(const struct cli *cli, const struct milestone *milestone);
enum row_color cli_status_color(enum milestone_status status);

/* A milestone's status on today as the unit (or EVERY_UNIT) stands:
 * {"id", "task", "milestone", "title", "deadline", "status", "done_on", "note"}. */
cJSON *view_json_milestone_status(const struct cli *cli, const struct task *task, size_t m, size_t unit);

#endif
