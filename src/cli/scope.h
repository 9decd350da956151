/*
 * scope.h - which part of the plan a command looks at: the unit of --unit
 * (resolved by name, alias or a unique part of a name, with a clear word
 * when it names none, several or a phrase) and --direct.
 */
#ifndef DUTY_SCOPE_H
#define DUTY_SCOPE_H

#include <stddef.h>

#include "cli/cli.h"
#include "duty/query.h"

/* Resolves cli->unit_query; says why on stderr and returns EXIT_NOT_FOUND
 * when it does not name exactly one unit. */
int cli_resolve_unit(struct cli *cli, size_t *unit);

/* The query for --unit/--direct (dates filled in by the caller). */
int cli_unit_query(struct cli *cli, struct query *query);

#endif
