/*
 * options.h - the command line's options: one table that says how each is
 * written, what value it takes and where the value goes. The parser, the
 * "Options:" part of every help text and the shell completion are all
 * made from it, so an option is declared once (as git's OPT_* and tmux's
 * cmd_entry templates do).
 */
#ifndef DUTY_OPTIONS_H
#define DUTY_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

#include "cli/cli.h"
#include "duty/strbuf.h"

/* Parses argv: global options anywhere, the command (the first word that
 * is not an option, or the overview), its arguments and options. Checks
 * that the command takes every option given, has its required ones, the
 * right number of arguments and a format it writes. Says what is wrong on
 * stderr and returns EXIT_USAGE; EXIT_OK otherwise. */
int options_parse(struct cli *cli, int argc, char **argv);

/* Fills in what the command line left to the environment: today
 * (DUTY_TODAY, else the system date), the table width (the terminal's) and
 * colour (a terminal, unless NO_COLOR). */
int options_finish(struct cli *cli);

/* The options of a command for its usage line, required ones first:
 * " --target K --value N [--on DATE] [--note TEXT] [--by NAME]". */
void options_usage(struct strbuf *out, const struct command *command);

/* The table width alone (the terminal's, unless --width), for help. */
void options_finish_width(struct cli *cli);

/* "  -u, --unit U        help" lines for the options given (global ones
 * when command is NULL), the help indented to one column. */
void options_print_help(FILE *out, const struct command *command);

/* The long names (--unit) a command takes, global ones included, one per
 * line: what the shell completion offers (every option when command is
 * NULL). */
void options_print_names(FILE *out, const struct command *command);

/* Every option that takes a value in the next word, long and short forms,
 * one per line. */
void options_print_taking_values(FILE *out);

/* The fixed values an option takes (--format: table, csv, ...), one per
 * line; nothing for options with free values. Returns false for an
 * unknown option name. */
bool options_print_values(FILE *out, const char *name);

/* "unit" for OPT_UNIT: the long name, without --. */
const char *option_name(enum option_id id);

/* "table", "csv", ... */
const char *format_name(enum format format);

#endif
