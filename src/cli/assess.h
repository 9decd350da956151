/*
 * assess.h - the 考核 view, `duty status --by-unit`: one row per unit (each
 * member of a group a row of its own) with its milestones due so far, done
 * on time, done late, overdue and not yet due, its targets met, not met
 * and not reported, and its completion rate, the unit furthest behind
 * first. With --unit, that unit's rows and its milestones, each with its
 * state.
 */
#ifndef DUTY_ASSESS_H
#define DUTY_ASSESS_H

#include "cli/cli.h"
#include "duty/query.h"

/* Prints the view in cli->format; returns EXIT_OK, or EXIT_NO_MEMORY
 * (after saying so). */
int assess_print(struct cli *cli, const struct query *query);

#endif
