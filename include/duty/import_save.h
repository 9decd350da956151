/*
 * import_save.h - the two files duty import writes, saved together: the
 * plan and its unit directory, each atomically (safefile.h), under the
 * plan's lock, never over an existing file without force.
 */
#ifndef DUTY_IMPORT_SAVE_H
#define DUTY_IMPORT_SAVE_H

#include <stdbool.h>

#include "duty/diag.h"
#include "duty/import.h"

/* Where an import reads and writes. */
struct import_paths {
	const char *source;
	const char *units_given;     /* --units, or NULL */
	const char *plan;            /* -o */
	const char *units;           /* units.csv beside the plan */
};

/* Whether the outputs are safe to write: neither over the source, the
 * plan not over the --units directory (the directory may be written back
 * over itself), the plan and the directory not at one path; links are
 * followed. Each clash is an error in diag; false when there is one. */
bool import_check_paths(const struct import_paths *paths, struct diagnostics *diag);

enum import_saved {
	IMPORT_SAVED,
	IMPORT_EXISTS,         /* a file is there already and force was not given: nothing written */
	IMPORT_WRITE_FAILED,   /* writing failed: the files are as they were */
};

/* Writes the plan to plan_path and the unit directory to units_path, each
 * atomically, holding the plan's lock. An existing file is replaced only
 * with force (a unit directory whose bytes would not change is left
 * alone). A history beside the plan (history.h) belongs to the plan being
 * replaced: it is renamed aside, and *history_kept (malloc'ed, else NULL)
 * names where it went. When the plan cannot be written, the history and the
 * unit directory are put back as they were. */
enum import_saved import_save(const struct import *import, const char *plan_path, const char *units_path,
			      bool force, char **history_kept, struct diagnostics *diag);

#endif
