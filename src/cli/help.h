/*
 * help.h - `duty --help` and `duty help COMMAND`, made from the command
 * table and the option table.
 */
#ifndef DUTY_HELP_H
#define DUTY_HELP_H

#include <stdio.h>

#include "cli/cli.h"

/* The list of commands and the global options. */
void help_print_usage(FILE *out);

/* One command: usage, summary, description, options, notes and examples. */
void help_print_command(FILE *out, const struct command *command);

#endif
