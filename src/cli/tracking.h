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

#endif
