/*
 * import_save.c - the plan and the unit directory of an import written
 * together: both or neither.
 */
#include "duty/import_save.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <unistd.h>

#include "duty/date.h"
#include "duty/history.h"
#include "duty/i18n.h"
#include "duty/safefile.h"

static bool exists(const char *path)
{
	return access(path, F_OK) == 0;
}

static bool same_bytes(const char *path, const char *data, size_t size, struct diagnostics *diag)
{
	struct diagnostics quiet;
	diagnostics_init(&quiet, 0);
	char *bytes = NULL;
	size_t length = 0;
	bool same = file_read(path, &bytes, &length, &quiet) && length == size && memcmp(bytes, data, size) == 0;
	free(bytes);
	if (quiet.out_of_memory)
		diag_memory_error(diag, path, 0, _("out of memory"));
	diagnostics_free(&quiet);
	return same;
}

bool import_check_paths(const struct import_paths *paths, struct diagnostics *diag)
{
	size_t errors = diag->errors;
	if (file_same(paths->plan, paths->source))
		diag_error(diag, paths->plan, 0, NULL,
			   _("this is the source being imported; give -o a file of its own for the plan"));
	else if (paths->units_given && file_same(paths->plan, paths->units_given))
		diag_error(diag, paths->plan, 0, NULL,
			   _("this is the unit directory given with --units; give -o a file of its own for the plan"));
	else if (file_same(paths->plan, paths->units))
		diag_error(diag, paths->plan, 0, NULL,
			   _("the unit directory is written beside the plan as units.csv; give the plan another name"));
	if (file_same(paths->units, paths->source))
		diag_error(diag, paths->units, 0, NULL,
			   _("the unit directory would be written over the source being imported; give -o a plan in "
			   "another directory"));
	return diag->errors == errors;
}

/* Without force: says which files are there already; true when any is. */
static bool refuse_existing(const char *plan_path, const char *units_path, bool units_same,
			    struct diagnostics *diag)
{
	bool refused = false;
	if (exists(plan_path)) {
		diag_error(diag, plan_path, 0, NULL, _("the file exists already; give --force to replace it"));
		refused = true;
	}
	if (!units_same && exists(units_path)) {
		diag_error(diag, units_path, 0, NULL,
			   _("the unit directory exists already and would change; give --force to replace it"));
		refused = true;
	}
	return refused;
}

/* A file's bytes, to put back; false when there is none to read. */
static bool read_quietly(const char *path, char **data, size_t *size)
{
	struct diagnostics quiet;
	diagnostics_init(&quiet, 0);
	bool read = exists(path) && file_read(path, data, size, &quiet);
	diagnostics_free(&quiet);
	return read;
}

static void put_back(const char *path, bool had, const char *data, size_t size)
{
	if (!had) {
		unlink(path);
		return;
	}
	struct diagnostics quiet;
	diagnostics_init(&quiet, 0);
	file_replace(path, data, size, &quiet);
	diagnostics_free(&quiet);
}

/* NAME.history.csv as NAME.history.YYYYMMDD-HHMMSS[-N].csv, a name no
 * file has; malloc'ed, NULL when out of memory. */
static char *aside_name(const char *history)
{
	size_t stem = strlen(history);
	if (stem > 4 && strcmp(history + stem - 4, ".csv") == 0)
		stem -= 4;
	time_t now = clock_now();
	struct tm local;
	char stamp[32] = "old";
	if (localtime_r(&now, &local))
		strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
	size_t size = stem + sizeof stamp + 32;
	char *name = malloc(size);
	for (unsigned n = 1; name; n++) {
		if (n == 1)
			snprintf(name, size, "%.*s.%s.csv", (int)stem, history, stamp);
		else
			snprintf(name, size, "%.*s.%s-%u.csv", (int)stem, history, stamp, n);
		if (!exists(name))
			break;
	}
	return name;
}

/* The plan's history records edits of the plan being replaced: it is
 * renamed aside (*kept names it) so that log, undo and check do not read
 * it against the new plan. True when there was none or it was moved. */
static bool set_history_aside(const char *plan_path, char **kept, struct diagnostics *diag)
{
	char *history = history_path(plan_path);
	if (!history) {
		diag_memory_error(diag, plan_path, 0, _("out of memory"));
		return false;
	}
	bool ok = true;
	if (exists(history)) {
		*kept = aside_name(history);
		if (!*kept) {
			diag_memory_error(diag, plan_path, 0, _("out of memory"));
			ok = false;
		} else if (rename(history, *kept) != 0) {
			diag_error(diag, history, 0, NULL,
				   _("the history of the plan being replaced cannot be moved aside: %s"),
				   strerror(errno));
			free(*kept);
			*kept = NULL;
			ok = false;
		}
	}
	free(history);
	return ok;
}

/* Puts the history moved aside back, when the plan could not be replaced. */
static void put_history_back(const char *plan_path, char **kept)
{
	char *history = *kept ? history_path(plan_path) : NULL;
	if (history && rename(*kept, history) == 0) {
		free(*kept);
		*kept = NULL;
	}
	free(history);
}

enum import_saved import_save(const struct import *import, const char *plan_path, const char *units_path,
			      bool force, char **history_kept, struct diagnostics *diag)
{
	*history_kept = NULL;
	bool units_same = exists(units_path) && same_bytes(units_path, import->units_text, import->units_size, diag);
	if (!force && refuse_existing(plan_path, units_path, units_same, diag))
		return IMPORT_EXISTS;
	struct file_lock lock;
	if (file_lock_acquire(plan_path, &lock, diag) != 0)
		return IMPORT_WRITE_FAILED;
	enum import_saved saved = IMPORT_SAVED;
	char *old_units = NULL;
	size_t old_size = 0;
	bool had_units = false;
	if (!units_same) {
		had_units = read_quietly(units_path, &old_units, &old_size);
		if (file_replace(units_path, import->units_text, import->units_size, diag) != 0)
			saved = IMPORT_WRITE_FAILED;
	}
	if (saved == IMPORT_SAVED && !set_history_aside(plan_path, history_kept, diag))
		saved = IMPORT_WRITE_FAILED;
	if (saved == IMPORT_SAVED && file_replace(plan_path, import->plan_text, import->plan_size, diag) != 0) {
		saved = IMPORT_WRITE_FAILED;
		put_history_back(plan_path, history_kept);
	}
	if (saved == IMPORT_WRITE_FAILED && !units_same)
		put_back(units_path, had_units, old_units, old_size);   /* as it was */
	free(old_units);
	file_lock_release(&lock);
	return saved;
}
