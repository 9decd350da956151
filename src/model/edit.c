/*
 * edit.c - read-modify-write of a plan file that keeps every byte nobody
 * asked to change.
 *
 * The raw bytes are parsed again with csvread (CSV's structural bytes, ,
 * " CR LF, never occur inside a UTF-8 or GB18030 character, so the raw
 * bytes of either encoding parse alike) to find each row's span; within
 * the rows being changed, a small scanner finds each field's span. New
 * cell values are converted to the file's encoding, quoted when needed,
 * and spliced in.
 */
#include "duty/edit.h"
#include "duty/csvwrite.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "duty/array.h"
#include "duty/csvread.h"
#include "duty/journal.h"
#include "duty/load.h"
#include "duty/safefile.h"
#include "duty/columns.h"
#include "duty/text.h"
#include "duty/i18n.h"

/* --- collecting edits ------------------------------------------------------ */

static const char *keep(struct plan_edits *edits, const char *text)
{
	char *copy = arena_strdup(&edits->arena, text ? text : "");
	if (!copy)
		edits->failed = true;
	return copy ? copy : "";
}

void plan_edits_set(struct plan_edits *edits, long task, const char *column, const char *value)
{
	struct cell_edit *cells = array_reserve(edits->cells, &edits->cell_capacity, edits->cell_count, sizeof *cells);
	if (!cells) {
		edits->failed = true;
		return;
	}
	edits->cells = cells;
	struct cell_edit *cell = &cells[edits->cell_count++];
	cell->task = task;
	cell->column = keep(edits, column);
	cell->value = keep(edits, value);
}

void plan_edits_set_field(struct plan_edits *edits, long task, const struct group_layout *layout, unsigned number,
			  size_t field, const char *value)
{
	struct strbuf column = STRBUF_INIT;
	group_column_name(&column, layout, number, field);
	if (column.failed)
		edits->failed = true;
	else
		plan_edits_set(edits, task, column.data, value);
	strbuf_free(&column);
}

void plan_edits_log(struct plan_edits *edits, const struct history_entry *entry)
{
	struct history_entry *entries = array_reserve(edits->entries, &edits->entry_capacity, edits->entry_count,
						      sizeof *entries);
	if (!entries) {
		edits->failed = true;
		return;
	}
	edits->entries = entries;
	struct history_entry *copy = &entries[edits->entry_count++];
	*copy = *entry;
	copy->time = keep(edits, entry->time);
	copy->by = keep(edits, entry->by);
	copy->value = keep(edits, entry->value);
	copy->on = keep(edits, entry->on);
	copy->note = keep(edits, entry->note);
	copy->old_value = keep(edits, entry->old_value);
	copy->old_on = keep(edits, entry->old_on);
	copy->old_note = keep(edits, entry->old_note);
	copy->unit = keep(edits, entry->unit);
}

static void plan_edits_free(struct plan_edits *edits)
{
	free(edits->cells);
	free(edits->entries);
	arena_free(&edits->arena);
}

/* --- the raw file ------------------------------------------------------------ */

struct raw_row {
	size_t start, end;   /* byte span, line terminator included */
	long line;
};

struct raw_file {
	const char *data;    /* after the BOM */
	size_t size;
	struct raw_row *rows;
	size_t row_count, row_capacity;
	char **header;       /* unquoted names of the header row */
	size_t header_count;
	long header_line;
	bool failed;
};

static bool collect_row(const struct csv_row *row, void *context)
{
	struct raw_file *raw = context;
	struct raw_row *rows = array_reserve(raw->rows, &raw->row_capacity, raw->row_count, sizeof *rows);
	if (!rows) {
		raw->failed = true;
		return false;
	}
	raw->rows = rows;
	raw->rows[raw->row_count++] = (struct raw_row){ row->start, row->end, row->line };
	if (row->line == raw->header_line) {
		raw->header = calloc(row->count + 1, sizeof *raw->header);
		if (!raw->header) {
			raw->failed = true;
			return false;
		}
		raw->header_count = row->count;
		for (size_t i = 0; i < row->count; i++) {
			const char *name = row->fields[i].data;
			size_t length = text_trim(&name, row->fields[i].length);
			raw->header[i] = strndup(name, length);
			if (!raw->header[i])
				raw->failed = true;
		}
	}
	return true;
}

static void raw_file_free(struct raw_file *raw)
{
	for (size_t i = 0; raw->header && i < raw->header_count; i++)
		free(raw->header[i]);
	free(raw->header);
	free(raw->rows);
}

/* The end of a row's content, before its LF or CRLF. */
static size_t content_end(const struct raw_file *raw, const struct raw_row *row)
{
	size_t end = row->end;
	if (end > row->start && raw->data[end - 1] == '\n') {
		end--;
		if (end > row->start && raw->data[end - 1] == '\r')
			end--;
	}
	return end;
}

struct span {
	size_t start, end;
};

/* Splits a valid CSV row into field spans (quotes included). */
static size_t field_spans(const char *data, size_t start, size_t end, struct span *spans, size_t capacity)
{
	size_t count = 0, i = start;
	for (;;) {
		size_t field_start = i;
		if (i < end && data[i] == '"') {
			i++;
			while (i < end) {
				if (data[i] == '"') {
					if (i + 1 < end && data[i + 1] == '"')
						i += 2;
					else {
						i++;
						break;
					}
				} else {
					i++;
				}
			}
		}
		while (i < end && data[i] != ',')
			i++;
		if (count < capacity)
			spans[count] = (struct span){ field_start, i };
		count++;
		if (i >= end)
			return count;
		i++;   /* the comma */
	}
}

static const struct raw_row *row_at_line(const struct raw_file *raw, long line)
{
	size_t low = 0, high = raw->row_count;
	while (low < high) {
		size_t middle = low + (high - low) / 2;
		if (raw->rows[middle].line < line)
			low = middle + 1;
		else
			high = middle;
	}
	return low < raw->row_count && raw->rows[low].line == line ? &raw->rows[low] : NULL;
}

/* --- new cell bytes ------------------------------------------------------------ */

/* The bytes of a cell holding value, in the file's encoding. */
static bool encode_cell(const char *value, enum encoding encoding, struct strbuf *out)
{
	return strbuf_put_csv_value(out, value, encoding);
}

/* Checks every new cell value with the one rule for values in files, and
 * structured cells (dates, numbers) as if typed on the command line. */
static bool check_cells(const struct plan *plan, const struct plan_edits *edits, struct diagnostics *diag)
{
	for (size_t e = 0; e < edits->cell_count; e++) {
		const struct cell_edit *cell = &edits->cells[e];
		struct value_check check;
		struct strbuf why = STRBUF_INIT;
		if (!csv_value_check(cell->value, plan->encoding, &check)) {
			if (check.problem == VALUE_NO_MEMORY) {
				diag_memory_error(diag, plan->file, 0, _("out of memory"));
				return false;
			}
			csv_value_explain(&why, &check);
		}
		unsigned number;
		size_t field;
		date_t date;
		double value;
		bool dated = (group_column_parse(&milestone_layout, cell->column, strlen(cell->column), &number, &field)
			      && (field == MILESTONE_DONE_ON || field == MILESTONE_DEADLINE))
			     || (group_column_parse(&target_layout, cell->column, strlen(cell->column), &number, &field)
				 && field == TARGET_REPORTED_ON);
		bool numeric = group_column_parse(&target_layout, cell->column, strlen(cell->column), &number, &field)
			       && (field == TARGET_REPORTED || field == TARGET_VALUE);
		if (!why.length && cell->value[0] && dated && !date_parse(cell->value, strlen(cell->value), &date))
			strbuf_puts(&why, _("it is not a date (YYYY-MM-DD)"));
		if (!why.length && cell->value[0] && numeric
		    && !text_parse_decimal(cell->value, strlen(cell->value), &value))
			strbuf_puts(&why, _("it is not a number"));
		if (why.failed) {
			strbuf_free(&why);
			diag_memory_error(diag, plan->file, 0, _("out of memory"));
			return false;
		}
		bool ok = why.length == 0;
		if (!ok)
			diag_error(diag, plan->file, 0, cell->column, _("the value \"%s\" cannot be written: %s"),
				   cell->value, strbuf_text(&why));
		strbuf_free(&why);
		if (!ok)
			return false;
	}
	return true;
}

/* --- splicing ------------------------------------------------------------------- */

struct splice {
	size_t start, end;     /* bytes of the original replaced */
	size_t text, length;   /* the new bytes, in the splice buffer */
};

static int by_start(const void *left, const void *right)
{
	const struct splice *a = left, *b = right;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->text < b->text ? -1 : a->text > b->text;
}

struct splicer {
	struct splice *items;
	size_t count, capacity;
	struct strbuf bytes;
	bool failed;
};

static void add_splice(struct splicer *splicer, size_t start, size_t end, const char *text, size_t length)
{
	struct splice *items = array_reserve(splicer->items, &splicer->capacity, splicer->count, sizeof *items);
	if (!items) {
		splicer->failed = true;
		return;
	}
	splicer->items = items;
	splicer->items[splicer->count++] = (struct splice){ start, end, splicer->bytes.length, length };
	strbuf_append(&splicer->bytes, text, length);
}

/* Finds (or appends) the column of each edited header name. */
static size_t column_index(struct raw_file *raw, char ***added, size_t *added_count, const char *name)
{
	/* The first column of that name however it is spelled
	 * (MILESTONE01_DONE_ON is milestone1_done_on): the one the loader read. */
	for (size_t i = 0; i < raw->header_count; i++)
		if (group_column_same(name, strlen(name), raw->header[i], strlen(raw->header[i])))
			return i;
	for (size_t i = 0; i < *added_count; i++)
		if (group_column_same(name, strlen(name), (*added)[i], strlen((*added)[i])))
			return raw->header_count + i;
	char **grown = realloc(*added, (*added_count + 1) * sizeof *grown);
	char *copy = strdup(name);
	if (!grown || !copy) {
		free(copy);
		if (grown)
			*added = grown;
		return SIZE_MAX;
	}
	*added = grown;
	(*added)[*added_count] = copy;
	return raw->header_count + (*added_count)++;
}

/* Builds the new file from the raw bytes and the edits. */
static bool apply_edits(struct raw_file *raw, const struct plan *plan, const struct plan_edits *edits,
			struct strbuf *out, struct diagnostics *diag)
{
	struct splicer splicer = { 0 };
	strbuf_init(&splicer.bytes);
	char **added = NULL;
	size_t added_count = 0;
	size_t *columns = calloc(edits->cell_count + 1, sizeof *columns);
	bool ok = columns != NULL;
	for (size_t e = 0; ok && e < edits->cell_count; e++) {
		columns[e] = column_index(raw, &added, &added_count, edits->cells[e].column);
		ok = columns[e] != SIZE_MAX;
	}
	size_t width = raw->header_count + added_count;
	struct span *spans = calloc(width + 1, sizeof *spans);
	struct strbuf cell;
	strbuf_init(&cell);
	ok = ok && spans;

	/* Changed cells: replace the field's bytes, or append to the row when
	 * the column is new (the new-column pass below adds the comma). */
	for (size_t e = 0; ok && e < edits->cell_count; e++) {
		const struct task *task = plan_find_task(plan, edits->cells[e].task);
		const struct raw_row *row = task ? row_at_line(raw, task->line) : NULL;
		if (!row) {
			diag_error(diag, plan->file, 0, NULL, _("task %ld is no longer in the file"), edits->cells[e].task);
			ok = false;
			break;
		}
		strbuf_clear(&cell);
		if (!encode_cell(edits->cells[e].value, plan->encoding, &cell)) {
			/* The value passed check_cells: only memory can fail here. */
			diag_memory_error(diag, plan->file, row->line, _("out of memory while changing the file"));
			ok = false;
			break;
		}
		size_t end = content_end(raw, row);
		size_t count = field_spans(raw->data, row->start, end, spans, width);
		/* A new column's value is written by the pass below. */
		if (columns[e] < count)
			add_splice(&splicer, spans[columns[e]].start, spans[columns[e]].end, cell.data ? cell.data : "",
				   cell.length);
	}

	/* New columns: the header gets their names, every row after it one
	 * cell per new column (empty, or the edited value). */
	if (ok && added_count) {
		for (size_t r = 0; r < raw->row_count; r++) {
			const struct raw_row *row = &raw->rows[r];
			if (row->line < raw->header_line)
				continue;
			size_t end = content_end(raw, row);
			strbuf_clear(&cell);
			for (size_t a = 0; a < added_count; a++) {
				strbuf_putc(&cell, ',');
				if (row->line == raw->header_line) {
					encode_cell(added[a], plan->encoding, &cell);
					continue;
				}
				/* The last edit of this row and column wins. */
				for (size_t e = edits->cell_count; e-- > 0;) {
					const struct task *task = plan_find_task(plan, edits->cells[e].task);
					if (columns[e] == raw->header_count + a && task && task->line == row->line) {
						encode_cell(edits->cells[e].value, plan->encoding, &cell);
						break;
					}
				}
			}
			add_splice(&splicer, end, end, cell.data ? cell.data : "", cell.length);
		}
	}
	ok = ok && !splicer.failed && !splicer.bytes.failed && !cell.failed;
	if (ok) {
		qsort(splicer.items, splicer.count, sizeof *splicer.items, by_start);
		size_t at = 0;
		for (size_t s = 0; s < splicer.count; s++) {
			const struct splice *splice = &splicer.items[s];
			if (splice->start < at)
				continue;   /* the same cell edited twice: the first planned edit wins */
			strbuf_append(out, raw->data + at, splice->start - at);
			strbuf_append(out, splicer.bytes.data + splice->text, splice->length);
			at = splice->end;
		}
		strbuf_append(out, raw->data + at, raw->size - at);
		ok = !out->failed;
	}
	if (!ok && diag->errors == 0)
		diag_memory_error(diag, plan->file, 0, _("out of memory while changing the file"));
	for (size_t a = 0; a < added_count; a++)
		free(added[a]);
	free(added);
	free(columns);
	free(spans);
	free(splicer.items);
	strbuf_free(&splicer.bytes);
	strbuf_free(&cell);
	return ok;
}

/* The raw rows of the plan's bytes, and the new file with the edits. */
static bool build_file(const char *path, const char *bytes, size_t size, const struct plan *plan,
		       const struct plan_edits *edits, struct strbuf *out, struct diagnostics *diag)
{
	struct raw_file raw = { 0 };
	size_t bom = size >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	raw.data = bytes + bom;
	raw.size = size - bom;
	raw.header_line = plan->header_line;
	static const struct csv_callbacks callbacks = { collect_row, NULL };
	bool ok = csv_read(raw.data, raw.size, path, &callbacks, &raw, diag) && !raw.failed && raw.header;
	if (raw.failed)
		diag_memory_error(diag, path, 0, _("out of memory"));
	strbuf_append(out, bytes, bom);
	ok = ok && apply_edits(&raw, plan, edits, out, diag);
	raw_file_free(&raw);
	return ok;
}

/* Loads the history; its errors (not its warnings: rows left out are
 * `duty check`'s business) go to diag. */
static bool load_history(const char *history_file, struct history *history, struct diagnostics *diag)
{
	struct diagnostics problems;
	diagnostics_init(&problems, 5);
	bool ok = history_load(history_file, history, &problems);
	for (size_t i = 0; !ok && i < problems.kept_count; i++)
		if (problems.kept[i].severity == SEVERITY_ERROR)
			diag_error(diag, problems.kept[i].file, problems.kept[i].line, problems.kept[i].column, "%s",
				   problems.kept[i].message);
	if (problems.out_of_memory)
		diag_memory_error(diag, history_file, 0, _("out of memory reading the history"));
	diagnostics_free(&problems);
	return ok;
}

/*
 * One read-plan-write under the lock (the write protocol of
 * docs/design.md): the plan and history are read, records a crash left
 * pending are decided, the planner plans, the records are appended marked
 * pending, the plan is replaced if it is still the file that was read,
 * and the records are marked applied. *changed is set when another
 * program saved the plan meanwhile: nothing was changed, try again.
 */
static enum edit_result edit_once(const char *path, const char *history_file, const struct unit_directory *units,
				  const struct load_options *options, edit_planner planner, void *context,
				  struct diagnostics *diag, int *error, bool *changed)
{
	*changed = false;
	char *bytes = NULL;
	size_t size = 0;
	struct file_identity identity;
	struct plan *plan = NULL;
	struct history history = { 0 };
	struct plan_edits edits = { 0 };
	struct strbuf out = STRBUF_INIT;
	arena_init(&edits.arena);
	enum edit_result result = EDIT_BAD_DATA;
	if (file_read_at(path, true, &bytes, &size, &identity, diag))
		plan = plan_load_bytes(path, bytes, size, units, options, diag);
	if (plan && load_history(history_file, &history, diag)) {
		result = EDIT_NOT_WRITTEN;
		*error = EIO;
		if (journal_reconcile(history_file, &history, plan, path, diag)) {
			*error = 0;
			bool planned = planner(plan, &history, &edits, context, diag) && !edits.failed;
			if (edits.failed)
				diag_memory_error(diag, path, 0, _("out of memory"));
			result = planned ? EDIT_DONE : EDIT_REFUSED;
		}
	}
	if (result == EDIT_DONE && edits.cell_count) {
		result = EDIT_NOT_WRITTEN;
		long *records = calloc(edits.entry_count + 1, sizeof *records);
		if (!check_cells(plan, &edits, diag)) {
			result = EDIT_BAD_VALUE;
		} else if (!records || !build_file(path, bytes, size, plan, &edits, &out, diag)) {
			if (!records)
				diag_memory_error(diag, path, 0, _("out of memory"));
		} else if (!history_record_changes(history_file, &history, path, edits.entries, edits.entry_count, diag)) {
			/* Nothing is changed without its record: the plan stays. */
			*error = EIO;
		} else {
			for (size_t e = 0; e < edits.entry_count; e++)
				records[e] = edits.entries[e].record;
			int replaced = file_replace_checked(path, out.data, out.length, &identity, diag);
			struct diagnostics quiet;
			diagnostics_init(&quiet, 0);
			if (replaced != 0) {
				/* Best effort: a record left pending is found aborted later. */
				history_mark(history_file, &history, path, records, edits.entry_count, HISTORY_ABORTED, &quiet);
				*changed = replaced == FILE_CHANGED;
				*error = replaced == FILE_CHANGED ? 0 : replaced;
			} else {
				result = EDIT_DONE;
				if (!history_mark(history_file, &history, path, records, edits.entry_count, HISTORY_APPLIED,
						  &quiet))
					diag_warning(diag, history_file, 0, NULL,
						     _("the change is saved and recorded, but its record could not be "
						       "marked applied; the next change does that"));
			}
			diagnostics_free(&quiet);
		}
		free(records);
	}
	strbuf_free(&out);
	plan_edits_free(&edits);
	history_free(&history);
	plan_free(plan);
	free(bytes);
	return result;
}

/* How often a write starts again because another program saved the plan. */
enum { EDIT_ATTEMPTS = 5 };

enum edit_result plan_edit(const char *path, const struct unit_directory *units,
			   const struct load_options *options, edit_planner planner, void *context,
			   struct diagnostics *diag, int *error)
{
	*error = 0;
	if (file_is_standard_input(path)) {
		diag_error(diag, path, 0, NULL,
			   _("the plan is read from standard input, so it cannot be changed; name its file with -f"));
		*error = EINVAL;
		return EDIT_NOT_WRITTEN;
	}
	/* A symbolic link is followed: its target is the plan, and the lock
	 * and history sit beside the target. */
	char *target = file_resolve_reported(path, diag);
	if (!target) {
		*error = errno;
		return EDIT_NOT_WRITTEN;
	}
	char *history_file = history_path(target);
	struct file_lock lock = { -1 };
	if (!history_file) {
		diag_memory_error(diag, path, 0, _("out of memory"));
		*error = ENOMEM;
	} else {
		*error = file_lock_acquire(target, &lock, diag);
	}
	if (*error) {
		free(history_file);
		free(target);
		return EDIT_NOT_WRITTEN;
	}
	/* Nobody else writes now: a temporary file left beside the plan (or
	 * its history, when a killed writer was adding its columns) is a
	 * killed writer's. */
	file_remove_stale_temporaries(target);
	file_remove_stale_temporaries(history_file);
	enum edit_result result = EDIT_NOT_WRITTEN;
	*error = file_check_replaceable(target, diag);
	bool changed = !*error;
	for (int attempt = 0; changed && attempt < EDIT_ATTEMPTS; attempt++)
		result = edit_once(target, history_file, units, options, planner, context, diag, error, &changed);
	if (changed) {
		diag_error(diag, path, 0, NULL,
			   _("another program kept saving the plan while duty was changing it; nothing was "
			     "changed: try again"));
		*error = EAGAIN;
		result = EDIT_NOT_WRITTEN;
	}
	file_lock_release(&lock);
	free(history_file);
	free(target);
	return result;
}
