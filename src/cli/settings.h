/*
 * settings.h - what a working copy remembers about itself: duty.conf in
 * the plan's folder, lines of "key=value" (and "#" comments). `duty init
 * --unit U` writes unit=U there; a plan whose folder says so is scoped to
 * that unit, and bare `duty` shows `duty next` for it.
 */
#ifndef DUTY_SETTINGS_H
#define DUTY_SETTINGS_H

#include <stdbool.h>

#include "duty/diag.h"

#define SETTINGS_FILE "duty.conf"

/* The value of key in the settings beside the plan (malloc'ed), or NULL
 * when there is no such file or key. */
char *settings_read(const char *plan_path, const char *key);

/* Writes key=value into the settings in directory, keeping the other
 * lines, through the atomic writer. Says why in diag and returns false
 * when it cannot. */
bool settings_write(const char *directory, const char *key, const char *value, struct diagnostics *diag);

#endif
