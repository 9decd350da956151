/*
 * import_requirements.h - each draft task's requirement read for its
 * milestones (split.h: cut at its time phrases, a deadline cell governing
 * parts without one) and its targets (targets.h). Implied deadlines,
 * phrases the rule does not know and doubtful targets are reviewed. Only
 * import uses it.
 */
#ifndef DUTY_IMPORT_REQUIREMENTS_H
#define DUTY_IMPORT_REQUIREMENTS_H

#include <stdbool.h>

#include "import_state.h"

/* Fills each task's milestones (in deadline order, numbered 1..N) and
 * targets, and the result's counts. Returns false when memory ran out. */
bool import_read_requirements(struct import_state *state);

#endif
