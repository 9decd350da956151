/*
 * complete.h - what the shell completion scripts ask duty, so the lists
 * of commands, options and values live only in the tables:
 *
 *   duty __complete commands          the commands, one per line
 *   duty __complete describe          "name:summary" lines (zsh)
 *   duty __complete options [CMD]     the options CMD takes (all without CMD)
 *   duty __complete values OPTION     the fixed values of an option
 *   duty __complete takes-value       the options that take the next word
 */
#ifndef DUTY_COMPLETE_H
#define DUTY_COMPLETE_H

#include <stdbool.h>

/* Whether argv asks for completion words. */
bool complete_requested(int argc, char **argv);

/* Prints the words; returns the exit code. */
int complete_run(int argc, char **argv);

#endif
