/*
 * commands.h - the command table: every command duty has, found by its
 * name or a unique prefix of it ("ambiguous command: ...").
 */
#ifndef DUTY_COMMANDS_H
#define DUTY_COMMANDS_H

#include "cli/cli.h"

/* The commands in the order `duty --help` lists them, NULL-terminated;
 * the overview (no name) is not among them. */
extern const struct command *const commands[];

extern const struct command command_overview, command_next;

/* A command by name or unique prefix ("overview" names the default one);
 * says why on stderr and sets *code when there is none. */
const struct command *commands_find(const char *name, int *code);

#endif
