/*
 * load.h - reading a plan file (docs/data-format.md) into a struct plan.
 * Columns are found by their header names, in any order; columns the loader
 * does not know are kept. Every problem is reported to diag with file, line
 * and column; when there is any, no plan is returned.
 */
#ifndef DUTY_LOAD_H
#define DUTY_LOAD_H

#include <stddef.h>

#include "duty/diag.h"
#include "duty/input.h"
#include "duty/plan.h"
#include "duty/units.h"

/* units may be NULL: unit names are then not checked (duty check uses
 * this when the unit directory itself is broken). */
struct plan *plan_load(const char *path, const struct unit_directory *units,
		       const struct load_options *options, struct diagnostics *diag);

/* The same from a file already read (input_read_file), so a caller can read
 * the plan before its unit directory; takes the input's text. */
struct plan *plan_load_input(const char *path, struct input *input, const struct unit_directory *units,
			     const struct load_options *options, struct diagnostics *diag);

struct plan *plan_load_bytes(const char *name, const char *bytes, size_t size,
			     const struct unit_directory *units, const struct load_options *options,
			     struct diagnostics *diag);

#endif
