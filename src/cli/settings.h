/*
 * settings.h - what a copy of the plan remembers about itself.
 *
 * Which plan duty uses is said on the command line or in the environment:
 * -f FILE, then DUTY_FILE, then the working copy, then the shipped plan
 * (data.c); `duty init DIR` prints the `export DUTY_FILE=...` line for a
 * copy of one's own. Everything else a copy remembers lives beside its
 * plan, in duty.conf: lines of "key=value" ("#" starts a comment, unknown
 * keys are kept and ignored), so it goes wherever the copy goes and holds
 * however the plan was named. Today the one key is unit: `duty init
 * [DIR] --unit U` writes unit=U, and in a copy that says so bare `duty` is
 * `duty next` for U. This file is the one reader and writer of duty.conf.
 */
#ifndef DUTY_SETTINGS_H
#define DUTY_SETTINGS_H

#include <stdbool.h>

#include "duty/diag.h"

#define SETTINGS_FILE "duty.conf"

/* The value of key in the settings beside the plan (malloc'ed) into
 * *value, NULL when there is no such file or key, or the file cannot be
 * read (said on stderr: the copy is then used as if it had none). False
 * only when memory ran out. */
bool settings_read(const char *plan_path, const char *key, char **value);

/* Writes key=value into the settings in directory, keeping the other
 * lines, through the atomic writer. Says why in diag and returns false
 * when it cannot. */
bool settings_write(const char *directory, const char *key, const char *value, struct diagnostics *diag);

#endif
