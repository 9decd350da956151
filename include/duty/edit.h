/*
 * edit.h - changing cells of a plan file in place. The file is locked,
 * read and loaded afresh, a planner decides the changes on what it finds,
 * and only the changed cells' bytes are replaced: every other byte (BOM,
 * line ends, quoting, other columns, row order, the file's encoding) stays
 * as it was. The new file replaces the old one atomically, and the changes
 * are appended to the history, all under the lock.
 */
#ifndef DUTY_EDIT_H
#define DUTY_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "duty/arena.h"
#include "duty/diag.h"
#include "duty/history.h"
#include "duty/input.h"
#include "duty/plan.h"
#include "duty/units.h"

struct cell_edit {
	long task;
	const char *column;   /* header name, e.g. milestone2_done_on */
	const char *value;    /* UTF-8; "" empties the cell */
};

struct plan_edits {
	struct arena arena;              /* strings of the edits and entries */
	struct cell_edit *cells;
	size_t cell_count, cell_capacity;
	struct history_entry *entries;   /* appended to the history */
	size_t entry_count, entry_capacity;
	bool failed;                     /* out of memory */
};

/* Records a cell change (strings are copied). */
void plan_edits_set(struct plan_edits *edits, long task, const char *column, const char *value);
/* The same for field of group number of a layout (milestone 3's done_on). */
void plan_edits_set_field(struct plan_edits *edits, long task, const struct group_layout *layout, unsigned number,
			  size_t field, const char *value);
/* Records a history entry (strings are copied). */
void plan_edits_log(struct plan_edits *edits, const struct history_entry *entry);

/* Decides the edits on the freshly loaded plan and its history. Returns
 * false (after reporting in diag) to change nothing. */
typedef bool (*edit_planner)(const struct plan *plan, const struct history *history,
			     struct plan_edits *edits, void *context, struct diagnostics *diag);

enum edit_result {
	EDIT_DONE,          /* written (or the planner found nothing to change) */
	EDIT_REFUSED,       /* the planner said no */
	EDIT_BAD_DATA,      /* the file (or its history) does not load */
	EDIT_BAD_VALUE,     /* a value cannot be written (duty/csvwrite.h); nothing was */
	EDIT_NOT_WRITTEN,   /* locking or writing failed; the file is unchanged */
};

/*
 * Locks PATH (the file a symbolic link leads to), loads it and its
 * history, asks the planner, and writes the changed cells and the
 * history as one change (docs/design.md, "The write protocol"): the
 * history records are appended marked pending first, then the plan is
 * replaced, then the records are marked applied. A failed history append
 * fails the edit with the plan untouched; a plan another program saved
 * meanwhile is read and planned again. A column the file lacks is added
 * at the end of the header, and every row gets an empty cell for it.
 * Reasons go to diag; *error gets the errno of a failed lock or write (0
 * otherwise).
 */
enum edit_result plan_edit(const char *path, const struct unit_directory *units,
			   const struct load_options *options, edit_planner planner, void *context,
			   struct diagnostics *diag, int *error);

#endif
