/*
 * xlsx.h - Excel workbooks (.xlsx), written with libxlsxwriter: a unit's
 * duty list as a sheet (one row per milestone, with the task's
 * requirement, deadlines as real dates, status, progress and targets), and
 * any table duty prints as a sheet of its own. Every sheet has a frozen,
 * filterable header row, wrapped text, columns sized for Chinese (two
 * columns a character) and overdue cells filled red; it prints on A4.
 */
#ifndef DUTY_XLSX_H
#define DUTY_XLSX_H

#include <stdbool.h>
#include <stddef.h>

#include "duty/date.h"
#include "duty/diag.h"
#include "duty/plan.h"
#include "duty/query.h"
#include "duty/table.h"

struct xlsx_book;

/* NULL when workbooks can be written, else why not: libxlsxwriter is
 * loaded on first use (lazylib.h) and may be missing (or memory ran out
 * loading it: *out_of_memory). */
const char *xlsx_unavailable(bool *out_of_memory);

/* A new workbook that xlsx_close writes to path; title goes into its
 * properties and the printed page header. NULL when out of memory (or
 * when xlsx_unavailable says why not). */
struct xlsx_book *xlsx_create(const char *path, const char *title);

/* A sheet named after the unit: its duty list, a row for each milestone of
 * the tasks in matches that the unit answers for, where the unit stands on
 * today (its status, done date and note, from milestone_progress), the
 * targets of the milestone with what the unit reported, the milestone's
 * units, the group it comes through and, when the plan names lead units,
 * the unit's role. */
void xlsx_add_duty_list(struct xlsx_book *book, const struct plan *plan, date_t today, size_t unit,
			const struct task_match *matches, size_t count);

/* A sheet with the rows of a table under its header: cells that are dates
 * (YYYY-MM-DD) become dates, numbers in right-aligned columns numbers;
 * red rows (overdue) are filled red, yellow ones yellow, dim ones grey. The
 * sheet is named name. */
void xlsx_add_table(struct xlsx_book *book, const char *name, const struct table *table);

/* Writes the workbook to its path and frees it. Says why in diag and
 * returns false when it could not be written (or memory ran out). */
bool xlsx_close(struct xlsx_book *book, struct diagnostics *diag);

#endif
