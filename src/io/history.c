/*
 * history.c - the progress history: a CSV file that only grows, written
 * under the plan's lock with synced appends, and read back with
 * suspicion: a line cut off by a crash, a row edited by hand into
 * something that is not a record, bytes that are not text, all are left
 * out (and reported) rather than trusted.
 *
 * Reading happens in two parts. The bytes up to the last line break that
 * is outside quotes are the complete lines; they are decoded (UTF-8, or
 * GB18030 when a spreadsheet re-saved the file) and parsed. Whatever
 * comes after is a last line without its line break: it counts only when
 * it is a whole record, which ends with its state.
 */
#include "duty/history.h"
#include "duty/csvwrite.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "duty/array.h"
#include "duty/csvread.h"
#include "duty/date.h"
#include "duty/input.h"
#include "duty/itemid.h"
#include "duty/names.h"
#include "duty/safefile.h"
#include "duty/columns.h"
#include "duty/text.h"
#include "duty/i18n.h"

static const char *const column_names[HISTORY_COLUMN_COUNT] = {
	"time", "by", "action", "task", "milestone", "target", "value", "on", "note",
	"old_value", "old_on", "old_note", "unit", "record", "state",
};

/* Columns a history written before records were numbered (record,
 * state) or before progress per unit (unit) lacks: a file without them
 * gets them (empty in its rows) by upgrade() on the next write, and its
 * records read them as empty. */
static bool column_is_new(enum history_column column)
{
	return column == HISTORY_UNIT || column == HISTORY_RECORD || column == HISTORY_STATE;
}

static const char *const state_names[] = { "applied", "pending", "aborted" };

const char *history_state_name(enum history_state state)
{
	return state_names[state];
}

static bool state_parse(const char *text, size_t length, enum history_state *state)
{
	for (size_t s = 0; s < sizeof state_names / sizeof state_names[0]; s++)
		if (column_name_equals(text, length, state_names[s])) {
			*state = (enum history_state)s;
			return true;
		}
	return false;
}

char *history_path(const char *plan_path)
{
	char *resolved = file_resolve(plan_path);
	const char *plan = resolved ? resolved : plan_path;
	const char *slash = strrchr(plan, '/');
	const char *name = slash ? slash + 1 : plan;
	size_t stem = strlen(name);
	if (stem > 4 && strcmp(name + stem - 4, ".csv") == 0)
		stem -= 4;
	struct strbuf path;
	strbuf_init(&path);
	strbuf_append(&path, plan, (size_t)(name - plan));
	strbuf_append(&path, name, stem);
	strbuf_puts(&path, ".history.csv");
	free(resolved);
	if (path.failed) {
		strbuf_free(&path);
		return NULL;
	}
	return path.data;
}

void history_now(char text[HISTORY_TIME_SIZE])
{
	time_t now = clock_now();
	struct tm local;
	if (localtime_r(&now, &local) == NULL || strftime(text, HISTORY_TIME_SIZE, "%Y-%m-%dT%H:%M:%S%z", &local) == 0)
		snprintf(text, HISTORY_TIME_SIZE, "unknown");
}

/* --- reading -------------------------------------------------------------------- */

struct history_loader {
	struct history *history;
	const char *file;
	struct diagnostics *diag;
	size_t file_column[HISTORY_COLUMN_COUNT];   /* SIZE_MAX: the file lacks it */
	bool header_bad;
	long line_offset;          /* lines before the text being parsed */
	bool tail;                 /* parsing the last line, which lacks its line break */
	bool tail_complete;        /* it was a whole record */
	const long *damaged;       /* lines with bytes that are not text, sorted */
	size_t damaged_count;
	bool out_of_memory;
};

static struct field_text field(const struct history_loader *loader, const struct csv_row *row,
			       enum history_column column)
{
	return row_field(row, loader->file_column[column]);
}

static const char *copy(struct history_loader *loader, struct field_text text)
{
	char *copied = arena_strndup(&loader->history->arena, text.text, text.length);
	if (!copied)
		loader->out_of_memory = true;
	return copied ? copied : "";
}

static bool read_header(struct history_loader *loader, const struct csv_row *row)
{
	struct history_layout *layout = &loader->history->layout;
	for (size_t c = 0; c < HISTORY_COLUMN_COUNT; c++)
		loader->file_column[c] = SIZE_MAX;
	if (row->count > HISTORY_COLUMN_COUNT) {
		diag_error(loader->diag, loader->file, row->line, NULL,
			   _("the header has %zu columns; a history has at most %d (%s, ...)"), row->count,
			   HISTORY_COLUMN_COUNT, column_names[0]);
		loader->header_bad = true;
		return false;
	}
	for (size_t i = 0; i < row->count; i++) {
		struct field_text name = row_field(row, i);
		size_t known = HISTORY_COLUMN_COUNT;
		for (size_t c = 0; c < HISTORY_COLUMN_COUNT; c++)
			if (column_name_equals(name.text, name.length, column_names[c]))
				known = c;
		if (known == HISTORY_COLUMN_COUNT || loader->file_column[known] != SIZE_MAX) {
			diag_error(loader->diag, loader->file, row->line, NULL,
				   known == HISTORY_COLUMN_COUNT
					   ? _("\"%.*s\" is not a column of a history; this file's first line is not "
					       "the header duty writes (time,by,action,task,...)")
					   : _("the column \"%.*s\" appears twice in the header"),
				   (int)name.length, name.text);
			loader->header_bad = true;
			return false;
		}
		loader->file_column[known] = i;
		layout->columns[i] = (unsigned char)known;
	}
	layout->column_count = row->count;
	for (size_t c = 0; c < HISTORY_COLUMN_COUNT; c++) {
		if (loader->file_column[c] != SIZE_MAX)
			continue;
		if (column_is_new((enum history_column)c)) {
			layout->lacks_columns = true;
			continue;
		}
		diag_error(loader->diag, loader->file, row->line, NULL,
			   _("the header has no \"%s\" column; a history's header is %s,%s,%s,%s,..."),
			   column_names[c], column_names[0], column_names[1], column_names[2], column_names[3]);
		loader->header_bad = true;
	}
	if ((loader->file_column[HISTORY_RECORD] == SIZE_MAX) != (loader->file_column[HISTORY_STATE] == SIZE_MAX)) {
		diag_error(loader->diag, loader->file, row->line, NULL,
			   _("the header has one of the columns record and state but not the other"));
		loader->header_bad = true;
	}
	layout->has_header = !loader->header_bad;
	return !loader->header_bad;
}

/* A row that is not a record: left out, and said so. */
static bool leave_out(struct history_loader *loader, long line, const char *why)
{
	if (!loader->tail) {
		loader->history->ignored++;
		diag_warning(loader->diag, loader->file, line, NULL, _("%s; this row is left out"), why);
	}
	return true;
}

static bool is_damaged(const struct history_loader *loader, long first, long last)
{
	for (size_t i = 0; i < loader->damaged_count; i++)
		if (loader->damaged[i] >= first && loader->damaged[i] <= last)
			return true;
	return false;
}

static bool is_empty(struct field_text text)
{
	return text.length == 0;
}

static bool text_is_clean(struct field_text text)
{
	struct value_check check;
	return csv_value_check_text(text.text, text.length, ENCODING_UTF8, &check);
}

/* Parses a record number (1 to TASK_ID_MAX). */
static bool record_parse(struct field_text text, long *record)
{
	return task_id_parse(text.text, text.length, record);
}

static bool add_entry(struct history_loader *loader, const struct history_entry *entry)
{
	struct history *history = loader->history;
	struct history_entry *entries = array_reserve(history->entries, &history->capacity, history->count,
						      sizeof *entries);
	if (!entries) {
		loader->out_of_memory = true;
		return false;
	}
	history->entries = entries;
	history->entries[history->count] = *entry;
	if (entry->record) {
		char key[24];
		int length = snprintf(key, sizeof key, "%ld", entry->record);
		char *kept = arena_strndup(&history->arena, key, (size_t)length);
		size_t first = SIZE_MAX;
		if (!kept || !name_index_add(history->records, kept, (size_t)length, history->count, &first)) {
			loader->out_of_memory = true;
			return false;
		}
		if (first != SIZE_MAX)
			return leave_out(loader, entry->line, _("the record number is used twice"));
		if (entry->record >= history->next_record)
			history->next_record = entry->record + 1;
	}
	history->count++;
	return true;
}

static size_t find_record(const struct history *history, long record)
{
	char key[24];
	int length = snprintf(key, sizeof key, "%ld", record);
	return history->records ? name_index_get(history->records, key, (size_t)length) : SIZE_MAX;
}

static bool read_mark(struct history_loader *loader, const struct csv_row *row, long line)
{
	struct history *history = loader->history;
	long record;
	enum history_state state;
	if (record_parse(field(loader, row, HISTORY_RECORD), &record)
	    && state_parse(field(loader, row, HISTORY_STATE).text, field(loader, row, HISTORY_STATE).length, &state)
	    && state != HISTORY_PENDING) {
		size_t index = find_record(history, record);
		if (index == SIZE_MAX)
			return leave_out(loader, line, _("this mark names a record that is not in the history"));
		history->entries[index].state = state;
		history->marks++;
		if (record >= history->next_record)
			history->next_record = record + 1;
		loader->tail_complete = loader->tail;
		return true;
	}
	return leave_out(loader, line, _("the action is empty, but this is not a mark (a record number and "
					  "applied or aborted)"));
}

static bool on_history_row(const struct csv_row *row, void *context)
{
	struct history_loader *loader = context;
	struct history *history = loader->history;
	if (row_is_blank(row))
		return true;
	if (!history->layout.has_header && !loader->header_bad)
		return read_header(loader, row);
	long line = row->line + loader->line_offset;
	struct history_layout *layout = &history->layout;
	if (row->count != layout->column_count) {
		char why[128];
		snprintf(why, sizeof why, _("this row has %zu fields but the header has %zu"), row->count,
			 layout->column_count);
		return leave_out(loader, line, why);
	}
	if (loader->tail && layout->columns[layout->column_count - 1] != HISTORY_STATE)
		return true;   /* a last line is whole only when it ends with its state */
	if (is_damaged(loader, line, row->end_line + loader->line_offset))
		return leave_out(loader, line,
				 _("this row holds bytes that are not text (a NUL, a lone carriage return, or "
				   "bytes that are not UTF-8)"));
	for (size_t c = 0; c < HISTORY_COLUMN_COUNT; c++)
		if (loader->file_column[c] != SIZE_MAX && !text_is_clean(field(loader, row, (enum history_column)c)))
			return leave_out(loader, line, _("this row holds a control character"));
	struct field_text action = field(loader, row, HISTORY_ACTION);
	if (is_empty(action))
		return read_mark(loader, row, line);
	struct history_entry entry = { .line = line, .state = HISTORY_APPLIED, .action = HISTORY_ACTION_COUNT };
	for (int a = 0; a < HISTORY_ACTION_COUNT; a++)
		if (column_name_equals(action.text, action.length, history_action_name((enum history_action)a)))
			entry.action = (enum history_action)a;
	if (entry.action == HISTORY_ACTION_COUNT)
		return leave_out(loader, line, _("the action is not done, report or undo"));
	struct field_text milestone = field(loader, row, HISTORY_MILESTONE);
	struct field_text target = field(loader, row, HISTORY_TARGET);
	struct field_text task = field(loader, row, HISTORY_TASK);
	if (!task_id_parse(task.text, task.length, &entry.task))
		return leave_out(loader, line, _("the task is not a task number (1 to 999999999999999)"));
	if (is_empty(milestone) == is_empty(target)
	    || (!is_empty(milestone) && !item_number_parse(milestone.text, milestone.length, &entry.milestone))
	    || (!is_empty(target) && !item_number_parse(target.text, target.length, &entry.target)))
		return leave_out(loader, line, _("the row names neither one milestone nor one target (a number "
						  "from 1 to 100000 in one of the two columns)"));
	const enum history_column dates[] = { HISTORY_ON, HISTORY_OLD_ON };
	for (size_t d = 0; d < 2; d++) {
		struct field_text text = field(loader, row, dates[d]);
		date_t date;
		if (!is_empty(text) && !date_parse(text.text, text.length, &date))
			return leave_out(loader, line, _("a date is not a date (YYYY-MM-DD)"));
	}
	const enum history_column values[] = { HISTORY_VALUE, HISTORY_OLD_VALUE };
	for (size_t v = 0; v < 2; v++) {
		struct field_text text = field(loader, row, values[v]);
		double number;
		if (!is_empty(text) && !text_parse_decimal(text.text, text.length, &number))
			return leave_out(loader, line, _("a reported value is not a number"));
	}
	/* A column the file lacks reads as empty. */
	struct field_text record = field(loader, row, HISTORY_RECORD);
	struct field_text state = field(loader, row, HISTORY_STATE);
	/* Without a number and a state: a record from before they were
	 * written (the columns were added later), which counts as applied. */
	if (!is_empty(record) || !is_empty(state)) {
		if (!record_parse(record, &entry.record))
			return leave_out(loader, line, _("the record number is missing or not a number"));
		if (!state_parse(state.text, state.length, &entry.state))
			return leave_out(loader, line, _("the state is not pending, applied or aborted"));
	}
	entry.time = copy(loader, field(loader, row, HISTORY_TIME));
	entry.by = copy(loader, field(loader, row, HISTORY_BY));
	entry.value = copy(loader, field(loader, row, HISTORY_VALUE));
	entry.on = copy(loader, field(loader, row, HISTORY_ON));
	entry.note = copy(loader, field(loader, row, HISTORY_NOTE));
	entry.old_value = copy(loader, field(loader, row, HISTORY_OLD_VALUE));
	entry.old_on = copy(loader, field(loader, row, HISTORY_OLD_ON));
	entry.old_note = copy(loader, field(loader, row, HISTORY_OLD_NOTE));
	entry.unit = copy(loader, field(loader, row, HISTORY_UNIT));
	if (loader->out_of_memory)
		return false;
	if (loader->tail && is_empty(state))
		return true;   /* a last line without its state may be cut off anywhere */
	loader->tail_complete = loader->tail;
	return add_entry(loader, &entry);
}

/* The end of the last line break outside quotes (CSV's structural bytes
 * never occur inside a UTF-8 or GB18030 character). */
static size_t complete_lines(const char *data, size_t size, bool *quoted)
{
	size_t complete = 0;
	bool inside = false;
	for (size_t i = 0; i < size; i++) {
		if (data[i] == '"')
			inside = !inside;
		else if (data[i] == '\n' && !inside)
			complete = i + 1;
	}
	*quoted = inside;
	return complete;
}

static long count_lines(const char *data, size_t size)
{
	long lines = 0;
	for (const char *p = data; (p = memchr(p, '\n', (size_t)(data + size - p))) != NULL; p++)
		lines++;
	return lines;
}

/* Replaces what keeps a history from being read as text (a NUL, a lone
 * CR, and in a file that says it is UTF-8 bytes that are not) with '?',
 * noting the lines, whose rows are then left out. An older duty wrote
 * such bytes when a note or $USER held them. */
static char *repair(const char *data, size_t size, long **lines, size_t *count)
{
	char *copy_of = malloc(size + 1);
	size_t capacity = 0;
	*lines = NULL;
	*count = 0;
	if (!copy_of)
		return NULL;
	memcpy(copy_of, data, size);
	bool utf8 = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0;
	long line = 1;
	for (size_t i = 0; i < size;) {
		size_t bad = 0;
		unsigned char c = (unsigned char)data[i];
		if (c == '\0' || (c == '\r' && (i + 1 == size || data[i + 1] != '\n')))
			bad = 1;
		else if (utf8 && c >= 0x80) {
			uint32_t codepoint;
			size_t used = utf8_decode(data + i, size - i, &codepoint);
			if (used) {
				i += used;
				continue;
			}
			bad = 1;
		}
		if (bad) {
			copy_of[i] = '?';
			if (!*count || (*lines)[*count - 1] != line) {
				long *grown = array_reserve(*lines, &capacity, *count, sizeof **lines);
				if (!grown) {
					free(copy_of);
					return NULL;
				}
				*lines = grown;
				(*lines)[(*count)++] = line;
			}
		}
		line += data[i] == '\n';
		i++;
	}
	return copy_of;
}

/* Decodes the complete lines, mending bytes that are not text. */
static bool decode(const char *path, const char *data, size_t size, struct input *input, long **damaged,
		   size_t *damaged_count, struct diagnostics *diag)
{
	*damaged = NULL;
	*damaged_count = 0;
	struct diagnostics first;
	diagnostics_init(&first, 1);
	bool ok = input_from_bytes(path, data, size, ENCODING_AUTO, input, &first);
	if (!ok && first.out_of_memory) {
		diag_memory_error(diag, path, 0, _("out of memory reading the history"));
	} else if (!ok) {
		char *mended = repair(data, size, damaged, damaged_count);
		ok = mended && *damaged_count && input_from_bytes(path, mended, size, ENCODING_AUTO, input, diag);
		if (!mended)
			diag_memory_error(diag, path, 0, _("out of memory reading the history"));
		else if (!*damaged_count && first.kept_count)
			diag_error(diag, path, first.kept[0].line, NULL, "%s", first.kept[0].message);
		free(mended);
	}
	diagnostics_free(&first);
	return ok;
}

/* The last line, which lacks its line break: a whole record, or cut off. */
static void read_tail(struct history_loader *loader, const char *tail, size_t size, long line)
{
	struct history_layout *layout = &loader->history->layout;
	struct diagnostics quiet;
	diagnostics_init(&quiet, 0);
	struct input input;
	bool text = memchr(tail, '\0', size) == NULL && memchr(tail, '\r', size) == NULL
		    && input_from_bytes(loader->file, tail, size, layout->encoding, &input, &quiet);
	if (text) {
		loader->tail = true;
		loader->line_offset = line - 1;
		static const struct csv_callbacks callbacks = { on_history_row, NULL };
		csv_read(input.data, input.size, loader->file, &callbacks, loader, &quiet);
		loader->tail = false;
		input_free(&input);
	}
	/* Memory, not the bytes, failed: the line is not judged cut off. */
	if (quiet.out_of_memory)
		loader->out_of_memory = true;
	diagnostics_free(&quiet);
	if (loader->out_of_memory)
		return;
	layout->tail_is_record = loader->tail_complete;
	if (!layout->tail_is_record) {
		layout->tail_line = line;
		diag_warning(loader->diag, loader->file, line, NULL,
			     _("the last line is cut off (a write was interrupted): it is left out, and the next "
			       "change removes it"));
	}
}

bool history_load(const char *path, struct history *history, struct diagnostics *diag)
{
	memset(history, 0, sizeof *history);
	arena_init(&history->arena);
	history->next_record = 1;
	history->layout.encoding = ENCODING_UTF8;
	history->layout.bom = true;
	struct stat status;
	if (lstat(path, &status) != 0 && errno == ENOENT)
		return true;   /* nothing recorded yet */
	history->records = name_index_new(64);
	char *raw = NULL;
	size_t size = 0;
	if (!history->records || !file_read_at(path, false, &raw, &size, NULL, diag)) {
		if (!history->records)
			diag_memory_error(diag, path, 0, _("out of memory reading the history"));
		history_free(history);
		return false;
	}
	struct history_layout *layout = &history->layout;
	layout->exists = true;
	layout->size = (off_t)size;
	bool quoted;
	size_t complete = complete_lines(raw, size, &quoted);
	layout->complete = (off_t)complete;
	struct history_loader loader = { .history = history, .file = path, .diag = diag };
	long *damaged = NULL;
	bool ok = true;
	size_t body = complete;
	/* Only a BOM or blank lines: no header yet. */
	while (body > 0 && strchr("\r\n", raw[body - 1]))
		body--;
	if (body > 3 || (body > 0 && memcmp(raw, "\xEF\xBB\xBF", body) != 0)) {
		struct input input;
		ok = decode(path, raw, complete, &input, &damaged, &loader.damaged_count, diag);
		loader.damaged = damaged;
		if (ok) {
			layout->encoding = input.encoding;
			layout->bom = input.had_bom;
			layout->crlf = input.crlf;
			static const struct csv_callbacks callbacks = { on_history_row, NULL };
			csv_read(input.data, input.size, path, &callbacks, &loader, diag);
			input_free(&input);
			ok = !loader.header_bad && !loader.out_of_memory;
		}
	}
	if (ok && complete < size) {
		long line = count_lines(raw, complete) + 1;
		if (layout->has_header && !quoted)
			read_tail(&loader, raw + complete, size - complete, line);
		else
			read_tail(&loader, "", 0, line);
		ok = !loader.out_of_memory;
	}
	if (loader.out_of_memory)
		diag_memory_error(diag, path, 0, _("out of memory reading the history"));
	free(damaged);
	free(raw);
	if (!ok)
		history_free(history);
	return ok;
}

void history_free(struct history *history)
{
	free(history->entries);
	name_index_free(history->records);
	arena_free(&history->arena);
	memset(history, 0, sizeof *history);
}

const char *history_action_name(enum history_action action)
{
	static const char *const names[HISTORY_ACTION_COUNT] = { "done", "report", "undo" };
	return action < HISTORY_ACTION_COUNT ? names[action] : "";
}

const struct history_entry *history_in_effect(const struct history *history, long task, unsigned milestone,
					      unsigned target, const char *unit, enum history_action action)
{
	/* Changes stack up and each undo takes the newest off: what is left
	 * on top is the change in effect. */
	size_t depth = 0;
	const struct history_entry **stack = malloc((history->count + 1) * sizeof *stack);
	if (!stack)
		return NULL;
	for (size_t i = 0; i < history->count; i++) {
		const struct history_entry *entry = &history->entries[i];
		if (entry->state != HISTORY_APPLIED || entry->task != task || entry->milestone != milestone
		    || entry->target != target || strcmp(entry->unit ? entry->unit : "", unit) != 0)
			continue;
		if (entry->action == action)
			stack[depth++] = entry;
		else if (entry->action == HISTORY_UNDO && depth)
			depth--;
	}
	const struct history_entry *top = depth ? stack[depth - 1] : NULL;
	free(stack);
	return top;
}

/* --- writing --------------------------------------------------------------------- */

static const char *line_end(const struct history_layout *layout)
{
	return layout->crlf ? "\r\n" : "\n";
}

/* One row in the file's column order and encoding. */
static bool put_row(struct strbuf *out, const struct history_layout *layout,
		    const char *const values[HISTORY_COLUMN_COUNT])
{
	bool ok = true;
	for (size_t i = 0; i < layout->column_count; i++) {
		if (i)
			strbuf_putc(out, ',');
		const char *value = values[layout->columns[i]];
		ok = strbuf_put_csv_value(out, value ? value : "", layout->encoding) && ok;
	}
	strbuf_puts(out, line_end(layout));
	return ok && !out->failed;
}

static void put_header(struct strbuf *out, const struct history_layout *layout)
{
	if (layout->bom)
		strbuf_puts(out, "\xEF\xBB\xBF");
	put_row(out, layout, column_names);
}

/* Adds the columns a history from before record numbers, or from before
 * progress per unit, lacks: the header gets their names and every row
 * empty cells (its records count as applied, for the whole item), by an
 * atomic replace of the whole file. */
struct raw_rows {
	size_t *ends;    /* where each row's content ends, before its line break */
	size_t count, capacity;
	bool failed;
};

static bool collect_end(const struct csv_row *row, void *context)
{
	struct raw_rows *rows = context;
	size_t *ends = array_reserve(rows->ends, &rows->capacity, rows->count, sizeof *ends);
	if (!ends) {
		rows->failed = true;
		return false;
	}
	rows->ends = ends;
	rows->ends[rows->count++] = row->end;
	return true;
}

/* How many of the file's last columns are record and state (2, or 0):
 * the new columns go before them, so that a row still ends with its state
 * (a last line is whole only when it does). */
static size_t trailing_columns(const struct history_layout *layout)
{
	size_t count = layout->column_count;
	return count >= 2 && layout->columns[count - 2] == HISTORY_RECORD && layout->columns[count - 1] == HISTORY_STATE
		       ? 2 : 0;
}

/* Where a row [start, end) gets the new columns: before its last
 * `trailing` fields (numbers and words, never quoted), else at its end. */
static size_t insertion_point(const char *raw, size_t start, size_t end, size_t trailing)
{
	size_t at = end;
	for (size_t k = 0; k < trailing; k++) {
		while (at > start && raw[at - 1] != ',')
			at--;
		if (at == start)
			return end;
		at--;
	}
	return at;
}

/* The columns the file lacks, in the order a new history has them. */
static size_t missing_columns(const struct history_layout *layout, unsigned char *missing)
{
	size_t count = 0;
	for (size_t c = 0; c < HISTORY_COLUMN_COUNT; c++) {
		bool present = false;
		for (size_t i = 0; i < layout->column_count; i++)
			present = present || layout->columns[i] == c;
		if (!present && column_is_new((enum history_column)c))
			missing[count++] = (unsigned char)c;
	}
	return count;
}

/* The layout once the missing columns are in, before the trailing ones. */
static void insert_columns(struct history_layout *layout, const unsigned char *missing, size_t count,
			   size_t trailing)
{
	unsigned char columns[HISTORY_COLUMN_COUNT];
	size_t kept = layout->column_count - trailing, n = 0;
	for (size_t i = 0; i < kept; i++)
		columns[n++] = layout->columns[i];
	for (size_t i = 0; i < count; i++)
		columns[n++] = missing[i];
	for (size_t i = kept; i < layout->column_count; i++)
		columns[n++] = layout->columns[i];
	memcpy(layout->columns, columns, n);
	layout->column_count = n;
}

static bool upgrade(const char *path, struct history *history, struct diagnostics *diag)
{
	struct history_layout *layout = &history->layout;
	char *raw = NULL;
	size_t size = 0;
	if (!file_read_at(path, false, &raw, &size, NULL, diag))
		return false;
	if ((off_t)size < layout->complete) {
		free(raw);
		diag_error(diag, path, 0, NULL, _("the history changed while it was being read"));
		return false;
	}
	size = (size_t)layout->complete;   /* the cut-off last line goes */
	struct raw_rows rows = { 0 };
	struct diagnostics quiet;
	diagnostics_init(&quiet, 0);
	static const struct csv_callbacks callbacks = { collect_end, NULL };
	csv_read(raw, size, path, &callbacks, &rows, &quiet);
	diagnostics_free(&quiet);
	unsigned char missing[HISTORY_COLUMN_COUNT];
	size_t missing_count = missing_columns(layout, missing), trailing = trailing_columns(layout);
	struct strbuf names = STRBUF_INIT, cells = STRBUF_INIT, out = STRBUF_INIT;
	for (size_t i = 0; i < missing_count; i++) {
		strbuf_printf(&names, ",%s", column_names[missing[i]]);
		strbuf_putc(&cells, ',');
	}
	size_t at = 0;
	for (size_t r = 0; r < rows.count; r++) {
		size_t end = rows.ends[r];
		while (end > at && (raw[end - 1] == '\n' || raw[end - 1] == '\r'))
			end--;
		size_t insert = insertion_point(raw, at, end, trailing);
		const struct strbuf *added = r == 0 ? &names : &cells;
		strbuf_append(&out, raw + at, insert - at);
		strbuf_append(&out, added->data, added->length);
		strbuf_append(&out, raw + insert, end - insert);
		at = end;
	}
	strbuf_append(&out, raw + at, size - at);
	bool ok = !rows.failed && rows.count && !out.failed && !names.failed && !cells.failed;
	if (!ok)
		diag_memory_error(diag, path, 0, _("out of memory while adding columns to the history"));
	ok = ok && file_replace(path, out.data, out.length, diag) == 0;
	if (ok) {
		insert_columns(layout, missing, missing_count, trailing);
		layout->lacks_columns = false;
		layout->size = layout->complete = (off_t)out.length;
		layout->tail_is_record = false;
		layout->tail_line = 0;
	}
	strbuf_free(&names);
	strbuf_free(&cells);
	strbuf_free(&out);
	free(rows.ends);
	free(raw);
	return ok;
}

/* Appends encoded rows, starting on a fresh line: a new file (or one
 * with no complete header) gets its header first, a whole last record
 * without its line break gets one, a cut-off last line is removed. */
static bool append_rows(const char *path, struct history *history, const char *like, const struct strbuf *rows,
			struct diagnostics *diag)
{
	struct history_layout *layout = &history->layout;
	struct strbuf preface = STRBUF_INIT, data = STRBUF_INIT;
	off_t keep = -1;
	if (!layout->has_header) {
		put_header(&preface, layout);
		keep = 0;
	} else if (layout->complete < layout->size) {
		if (layout->tail_is_record) {
			strbuf_puts(&data, line_end(layout));
		} else {
			keep = layout->complete;
			diag_warning(diag, path, layout->tail_line, NULL,
				     _("removed the cut-off last line, left by an interrupted write"));
		}
	}
	strbuf_append(&data, rows->data, rows->length);
	bool ok = !preface.failed && !data.failed;
	if (!ok)
		diag_memory_error(diag, path, 0, _("out of memory"));
	ok = ok && file_append(path, like, keep, preface.data, preface.length, data.data, data.length, diag);
	if (ok) {
		off_t before = keep >= 0 ? keep : layout->size;
		layout->size = before + (off_t)(before == 0 ? preface.length : 0) + (off_t)data.length;
		layout->complete = layout->size;
		layout->exists = layout->has_header = true;
		layout->tail_is_record = false;
		layout->tail_line = 0;
	}
	strbuf_free(&preface);
	strbuf_free(&data);
	return ok;
}

/* Makes the file's header name every column before records are added. */
static bool prepare(const char *path, struct history *history, struct diagnostics *diag)
{
	struct history_layout *layout = &history->layout;
	if (!layout->has_header) {
		/* A new history: UTF-8 with a byte order mark, every column. */
		layout->encoding = ENCODING_UTF8;
		layout->bom = true;
		layout->crlf = false;
		layout->column_count = HISTORY_COLUMN_COUNT;
		for (size_t c = 0; c < HISTORY_COLUMN_COUNT; c++)
			layout->columns[c] = (unsigned char)c;
		layout->lacks_columns = false;
		return true;
	}
	return !layout->lacks_columns || upgrade(path, history, diag);
}

/* Checks every value of a row with the one rule for values in files. */
static bool check_row(const char *path, const struct history_layout *layout,
		      const char *const values[HISTORY_COLUMN_COUNT], struct diagnostics *diag)
{
	for (size_t c = 0; c < HISTORY_COLUMN_COUNT; c++) {
		struct value_check check;
		if (!values[c] || csv_value_check(values[c], layout->encoding, &check))
			continue;
		if (check.problem == VALUE_NO_MEMORY) {
			diag_memory_error(diag, path, 0, _("out of memory"));
			return false;
		}
		struct strbuf why = STRBUF_INIT;
		csv_value_explain(&why, &check);
		diag_error(diag, path, 0, column_names[c], _("the value \"%s\" cannot be written: %s"), values[c],
			   strbuf_text(&why));
		strbuf_free(&why);
		return false;
	}
	return true;
}

static bool write_entries(const char *path, struct history *history, const char *like,
			  struct history_entry *entries, size_t count, enum history_state state, struct diagnostics *diag)
{
	if (!prepare(path, history, diag))
		return false;
	struct strbuf rows = STRBUF_INIT;
	bool ok = true;
	for (size_t i = 0; ok && i < count; i++) {
		struct history_entry *entry = &entries[i];
		entry->record = history->next_record++;
		entry->state = state;
		char task[24], milestone[16] = "", target[16] = "", record[24];
		snprintf(task, sizeof task, "%ld", entry->task);
		if (entry->milestone)
			snprintf(milestone, sizeof milestone, "%u", entry->milestone);
		if (entry->target)
			snprintf(target, sizeof target, "%u", entry->target);
		snprintf(record, sizeof record, "%ld", entry->record);
		const char *values[HISTORY_COLUMN_COUNT] = {
			entry->time, entry->by, history_action_name(entry->action), task, milestone, target, entry->value, entry->on,
			entry->note, entry->old_value, entry->old_on, entry->old_note, entry->unit, record,
			history_state_name(state),
		};
		ok = check_row(path, &history->layout, values, diag);
		if (ok && !put_row(&rows, &history->layout, values)) {
			diag_memory_error(diag, path, 0, _("out of memory"));
			ok = false;
		}
	}
	ok = ok && append_rows(path, history, like, &rows, diag);
	strbuf_free(&rows);
	return ok;
}

bool history_record_changes(const char *path, struct history *history, const char *like,
			    struct history_entry *entries, size_t count, struct diagnostics *diag)
{
	return write_entries(path, history, like, entries, count, HISTORY_PENDING, diag);
}

bool history_mark(const char *path, struct history *history, const char *like, const long *records,
		  size_t count, enum history_state state, struct diagnostics *diag)
{
	if (!count)
		return true;
	if (!prepare(path, history, diag))
		return false;
	char time[HISTORY_TIME_SIZE];
	history_now(time);
	struct strbuf rows = STRBUF_INIT;
	for (size_t i = 0; i < count; i++) {
		char record[24];
		snprintf(record, sizeof record, "%ld", records[i]);
		const char *values[HISTORY_COLUMN_COUNT] = { [HISTORY_TIME] = time, [HISTORY_RECORD] = record,
							     [HISTORY_STATE] = history_state_name(state) };
		put_row(&rows, &history->layout, values);
	}
	bool ok = !rows.failed;
	if (!ok)
		diag_memory_error(diag, path, 0, _("out of memory"));
	ok = ok && append_rows(path, history, like, &rows, diag);
	strbuf_free(&rows);
	for (size_t i = 0; ok && i < count; i++) {
		size_t index = find_record(history, records[i]);
		if (index != SIZE_MAX)
			history->entries[index].state = state;
	}
	return ok;
}

bool history_append(const char *path, const struct history_entry *entries, size_t count,
		    struct diagnostics *diag)
{
	struct history history;
	struct diagnostics quiet;
	diagnostics_init(&quiet, 0);
	bool ok = history_load(path, &history, &quiet);
	diagnostics_free(&quiet);
	if (!ok) {
		diag_error(diag, path, 0, NULL, _("the history cannot be read, so nothing is added to it"));
		return false;
	}
	struct history_entry *copies = malloc((count + 1) * sizeof *copies);
	ok = copies != NULL;
	if (ok) {
		memcpy(copies, entries, count * sizeof *copies);
		ok = write_entries(path, &history, NULL, copies, count, HISTORY_APPLIED, diag);
	}
	free(copies);
	history_free(&history);
	return ok;
}
