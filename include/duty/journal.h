/*
 * journal.h - the plan and its history kept as one. Every change is
 * recorded in the history before the plan is replaced (see edit.c and
 * docs/design.md, "The write protocol"); what the plan holds decides a
 * record a crash left pending, and `duty check` compares the two.
 *
 * A record is about one item (a milestone, or a target) and says what
 * its progress cells became (value, on, note) and what they were. The
 * decisions below are per record, whatever cells it names.
 */
#ifndef DUTY_JOURNAL_H
#define DUTY_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "duty/diag.h"
#include "duty/history.h"
#include "duty/plan.h"

/* Whether the plan's item holds what the record set (or, with old, what
 * it replaced). False when the plan has no such item. */
bool journal_plan_holds(const struct plan *plan, const struct history_entry *entry, bool old);

/* Decides every pending record: applied when the plan holds what it set,
 * else aborted (the plan was never replaced); appends the marks. Only
 * under the plan's lock. like: the plan, for a new file's permissions.
 * False, after saying why, when the marks could not be written. */
bool journal_reconcile(const char *history_file, struct history *history, const struct plan *plan,
		       const char *like, struct diagnostics *diag);

/* Warns (in diag, naming history_file) wherever plan and history
 * disagree: an item whose progress is not what its last record in
 * effect set (a pending record the plan holds counts as in effect),
 * progress no record set, a record about an item the plan lacks.
 * Returns the number of disagreements. */
size_t journal_check(const struct plan *plan, const struct history *history, const char *history_file,
		     struct diagnostics *diag);

#endif
