/*
 * tracking.h - what done, undo and report share: finding ID.M in a plan,
 * knowing who is making a change, and running an edit of the plan file
 * with messages a user can act on (including how to start tracking a
 * writable copy).
 */
#ifndef DUTY_TRACKING_H
#define DUTY_TRACKING_H

#include "cli/cli.h"
#include "duty/diag.h"
#include "duty/edit.h"
#include "duty/strbuf.h"

/* Who made a change: --by, else $USER, else $LOGNAME, else "uid N". */
const char *cli_who(const struct cli *cli);

/* Runs a planner on the plan file (see duty/edit.h) and reports the
 * outcome: what the planner wrote into *said once the change is saved, or
 * the problems on stderr (for a plan that cannot be written, how to start
 * tracking a copy). The planner's own refusals exit EXIT_NOT_FOUND. Frees
 * *said; returns the exit code. */
int cli_edit_plan(struct cli *cli, edit_planner planner, void *context, struct strbuf *said);

/* Records the change of one unit's line in a per-unit cell (field of
 * group number of layout, whose text is cell): the line [start, end)
 * replaced by line (replace), or removed (line NULL), or line added. */
void tracking_set_unit_line(struct plan_edits *edits, long task, const struct group_layout *layout,
			    unsigned number, size_t field, const char *cell, bool replace, size_t start, size_t end,
			    const char *line);

/* The unit of --unit for done, undo and report: resolved, or EVERY_UNIT
 * without --unit. Says why and returns EXIT_NOT_FOUND when it names no
 * single unit, EXIT_USAGE when the unit's --note holds a line break (its
 * record is one line of its cell). */
int tracking_unit(struct cli *cli, size_t *unit);

#endif
