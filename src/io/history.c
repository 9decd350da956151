/*
 * history.c - the progress history as a CSV file that only grows: each
 * write appends whole lines and syncs them, under the plan's lock.
 */
#include "duty/history.h"
#include "duty/csvwrite.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "duty/array.h"
#include "duty/csvread.h"
#include "duty/input.h"
#include "duty/itemid.h"
#include "duty/safefile.h"
#include "duty/columns.h"
#include "duty/text.h"
#include "duty/i18n.h"

static const char *const history_columns[] = {
	"time", "by", "action", "task", "milestone", "target", "value", "on", "note",
	"old_value", "old_on", "old_note",
};
enum { HISTORY_COLUMNS = sizeof history_columns / sizeof history_columns[0] };

char *history_path(const char *plan_path)
{
	const char *slash = strrchr(plan_path, '/');
	const char *name = slash ? slash + 1 : plan_path;
	size_t stem = strlen(name);
	if (stem > 4 && strcmp(name + stem - 4, ".csv") == 0)
		stem -= 4;
	struct strbuf path;
	strbuf_init(&path);
	strbuf_append(&path, plan_path, (size_t)(name - plan_path));
	strbuf_append(&path, name, stem);
	strbuf_puts(&path, ".history.csv");
	if (path.failed) {
		strbuf_free(&path);
		return NULL;
	}
	return path.data;
}

void history_now(char text[HISTORY_TIME_SIZE])
{
	time_t now = time(NULL);
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	struct tm local;
	if (epoch && *epoch) {
		char *end;
		long long seconds = strtoll(epoch, &end, 10);
		if (!*end)
			now = (time_t)seconds;
	}
	bool fixed = epoch && *epoch;
	if ((fixed ? gmtime_r(&now, &local) : localtime_r(&now, &local)) == NULL
	    || strftime(text, HISTORY_TIME_SIZE, "%Y-%m-%dT%H:%M:%S%z", &local) == 0)
		snprintf(text, HISTORY_TIME_SIZE, "unknown");
}

/* One CSV line into buffer (quoted as needed, never formula-guarded: the
 * history keeps what was typed). */
static void append_line(struct strbuf *buffer, const char *const *fields, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		const char *field = fields[i] ? fields[i] : "";
		if (i)
			strbuf_putc(buffer, ',');
		strbuf_put_csv_field(buffer, field, strlen(field));
	}
	strbuf_putc(buffer, '\n');
}

bool history_append(const char *path, const struct history_entry *entries, size_t count,
		    struct diagnostics *diag)
{
	struct strbuf lines;
	strbuf_init(&lines);
	for (size_t i = 0; i < count; i++) {
		const struct history_entry *entry = &entries[i];
		char task[24], milestone[16] = "", target[16] = "";
		snprintf(task, sizeof task, "%ld", entry->task);
		if (entry->milestone)
			snprintf(milestone, sizeof milestone, "%u", entry->milestone);
		if (entry->target)
			snprintf(target, sizeof target, "%u", entry->target);
		const char *fields[HISTORY_COLUMNS] = {
			entry->time, entry->by, entry->action, task, milestone, target,
			entry->value, entry->on, entry->note, entry->old_value, entry->old_on, entry->old_note,
		};
		append_line(&lines, fields, HISTORY_COLUMNS);
	}
	if (lines.failed) {
		strbuf_free(&lines);
		diag_memory_error(diag, path, 0, _("out of memory"));
		return false;
	}
	/* A new history starts with a byte order mark and its header. */
	struct strbuf header;
	strbuf_init(&header);
	strbuf_puts(&header, "\xEF\xBB\xBF");
	append_line(&header, history_columns, HISTORY_COLUMNS);
	bool ok = !header.failed
		  && file_append(path, header.data, header.length, lines.data, lines.length, diag);
	if (header.failed)
		diag_memory_error(diag, path, 0, _("out of memory"));
	strbuf_free(&header);
	strbuf_free(&lines);
	return ok;
}

struct history_loader {
	struct history *history;
	size_t capacity;
	size_t columns[HISTORY_COLUMNS];
	bool have_header;
	bool failed;
	const char *file;
	struct diagnostics *diag;
};

static const char *copy(struct history_loader *loader, const struct csv_row *row, size_t column)
{
	struct field_text field = row_field(row, column);
	char *text = arena_strndup(&loader->history->arena, field.text, field.length);
	if (!text)
		loader->failed = true;
	return text ? text : "";
}

/* A task, milestone or target number; 0 when the cell holds none. */
static long read_number(const struct csv_row *row, size_t column, long max)
{
	struct field_text field = row_field(row, column);
	long value;
	return text_parse_whole(field.text, field.length, max, &value) ? value : 0;
}

static bool on_history_row(const struct csv_row *row, void *context)
{
	struct history_loader *loader = context;
	if (row_is_blank(row))
		return true;
	if (!loader->have_header) {
		loader->have_header = true;
		for (size_t c = 0; c < HISTORY_COLUMNS; c++) {
			struct column_name name = { { history_columns[c], NULL } };
			loader->columns[c] = column_find(row, &name);
		}
		return true;
	}
	struct history *history = loader->history;
	struct history_entry *entries = array_reserve(history->entries, &loader->capacity, history->count,
						      sizeof *entries);
	if (!entries) {
		loader->failed = true;
		return false;
	}
	history->entries = entries;
	struct history_entry *entry = &history->entries[history->count++];
	const size_t *c = loader->columns;
	entry->time = copy(loader, row, c[0]);
	entry->by = copy(loader, row, c[1]);
	entry->action = copy(loader, row, c[2]);
	entry->task = read_number(row, c[3], TASK_ID_MAX);
	entry->milestone = (unsigned)read_number(row, c[4], ITEM_NUMBER_MAX);
	entry->target = (unsigned)read_number(row, c[5], ITEM_NUMBER_MAX);
	entry->value = copy(loader, row, c[6]);
	entry->on = copy(loader, row, c[7]);
	entry->note = copy(loader, row, c[8]);
	entry->old_value = copy(loader, row, c[9]);
	entry->old_on = copy(loader, row, c[10]);
	entry->old_note = copy(loader, row, c[11]);
	entry->line = row->line;
	return !loader->failed;
}

bool history_load(const char *path, struct history *history, struct diagnostics *diag)
{
	memset(history, 0, sizeof *history);
	arena_init(&history->arena);
	if (access(path, F_OK) != 0 && errno == ENOENT)
		return true;   /* nothing recorded yet */
	struct input input;
	if (!input_read_file(path, ENCODING_UTF8, &input, diag))
		return false;
	struct history_loader loader = { .history = history, .file = path, .diag = diag };
	static const struct csv_callbacks callbacks = { on_history_row, NULL };
	bool ok = csv_read(input.data, input.size, path, &callbacks, &loader, diag) && !loader.failed;
	input_free(&input);
	if (loader.failed)
		diag_memory_error(diag, path, 0, _("out of memory reading the history"));
	if (!ok)
		history_free(history);
	return ok;
}

void history_free(struct history *history)
{
	free(history->entries);
	arena_free(&history->arena);
	memset(history, 0, sizeof *history);
}

const struct history_entry *history_in_effect(const struct history *history, long task, unsigned milestone,
					      unsigned target, const char *action)
{
	/* Changes stack up and each undo takes the newest off: what is left
	 * on top is the change in effect. */
	size_t depth = 0;
	const struct history_entry **stack = malloc((history->count + 1) * sizeof *stack);
	if (!stack)
		return NULL;
	for (size_t i = 0; i < history->count; i++) {
		const struct history_entry *entry = &history->entries[i];
		if (entry->task != task || entry->milestone != milestone || entry->target != target)
			continue;
		if (strcmp(entry->action, action) == 0)
			stack[depth++] = entry;
		else if (strcmp(entry->action, "undo") == 0 && depth)
			depth--;
	}
	const struct history_entry *top = depth ? stack[depth - 1] : NULL;
	free(stack);
	return top;
}
