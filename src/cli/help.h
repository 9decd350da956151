/*
 * help.h - `duty --help` and `duty help COMMAND`, made from the command
 * table and the option table.
 */
#ifndef DUTY_HELP_H
#define DUTY_HELP_H

#include <stdio.h>

#include "cli/cli.h"

/* The list of commands and the global options. Written for 80 columns;
 * when width is narrower, paragraphs are joined so that the output's
 * wrapping (terminal_open) makes whole lines of them. 0: as written. */
void help_print_usage(FILE *out, size_t width);

/* One command: usage, summary, description, options, notes and examples. */
void help_print_command(FILE *out, const struct command *command, size_t width);

#endif
