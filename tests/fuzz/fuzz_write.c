/*
 * fuzz_write.c - libFuzzer harness for the write path: the input is what
 * a user could give as --note and --by (two strings, split at the first
 * NUL, as a command line cannot hold one). A change is written with them
 * to a plan (UTF-8, or GB18030 when the input's length is odd) and its
 * history, through plan_edit, then both are read back. When the one rule
 * for values accepts both, the plan and the history must hold exactly
 * them; when it refuses either, nothing may change.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "duty/csvwrite.h"
#include "duty/edit.h"
#include "duty/history.h"
#include "duty/safefile.h"
#include "fuzzing.h"

static char directory[64];
static char plan_path[96], history_file[128];
static char *originals[2];
static size_t original_sizes[2];

static void remove_directory(void)
{
	char command[128];
	snprintf(command, sizeof command, "rm -rf '%s'", directory);
	if (system(command) != 0)
		fprintf(stderr, "fuzz_write: could not remove %s\n", directory);
	free(originals[0]);
	free(originals[1]);
}

static void setup(void)
{
	if (directory[0])
		return;
	snprintf(directory, sizeof directory, "/tmp/duty-fuzz-write-XXXXXX");
	if (!mkdtemp(directory))
		abort();
	atexit(remove_directory);
	snprintf(plan_path, sizeof plan_path, "%s/plan.csv", directory);
	snprintf(history_file, sizeof history_file, "%s/plan.history.csv", directory);
	const char *sources[2] = { SOURCE_DIR "/tests/data/mini.csv", SOURCE_DIR "/tests/data/tasks_2018_gb18030.csv" };
	for (int i = 0; i < 2; i++) {
		struct diagnostics diag;
		diagnostics_init(&diag, 1);
		if (!file_read(sources[i], &originals[i], &original_sizes[i], &diag))
			abort();
		diagnostics_free(&diag);
	}
}

struct request {
	const char *note;
	const char *by;
};

static bool set_note(const struct plan *plan, const struct history *history, struct plan_edits *edits,
		     void *context, struct diagnostics *diag)
{
	(void)history;
	(void)diag;
	const struct request *request = context;
	const struct task *task = plan_find_task(plan, 1);
	if (!task)
		abort();
	plan_edits_set_field(edits, 1, &milestone_layout, task->milestones[0].column_group, MILESTONE_NOTE,
			     request->note);
	struct history_entry entry = { .time = "2018-10-15T00:00:00+0800", .by = request->by, .action = HISTORY_DONE,
				       .task = 1, .milestone = 1, .value = "", .on = "", .note = request->note,
				       .old_value = "", .old_on = "", .old_note = task->milestones[0].progress->note };
	plan_edits_log(edits, &entry);
	return true;
}

static bool same_file(const char *path, const char *bytes, size_t size)
{
	char *now = NULL;
	size_t now_size = 0;
	struct diagnostics diag;
	diagnostics_init(&diag, 1);
	bool same = file_read(path, &now, &now_size, &diag) && now_size == size && memcmp(now, bytes, size) == 0;
	diagnostics_free(&diag);
	free(now);
	return same;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	setup();
	const struct unit_directory *units = shipped_units();
	int which = (int)(size % 2);
	char *text = malloc(size + 2);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = text[size + 1] = '\0';
	struct request request = { text, text + strlen(text) + (strlen(text) < size ? 1 : 0) };

	struct diagnostics diag;
	diagnostics_init(&diag, 0);
	unlink(history_file);
	if (file_replace(plan_path, originals[which], original_sizes[which], &diag) != 0)
		abort();
	enum encoding encoding = which ? ENCODING_GB18030 : ENCODING_UTF8;
	struct value_check check;
	bool note_ok = csv_value_check(request.note, encoding, &check);
	bool by_ok = csv_value_check(request.by, ENCODING_UTF8, &check);
	int error = 0;
	enum edit_result result = plan_edit(plan_path, units, &(struct load_options){ 0 }, set_note, &request, &diag,
					    &error);
	if (!note_ok || !by_ok) {
		/* Refused, and nothing changed. */
		if (result == EDIT_DONE || !same_file(plan_path, originals[which], original_sizes[which]))
			abort();
	} else {
		if (result != EDIT_DONE)
			abort();
		struct plan *plan = plan_load(plan_path, units, &(struct load_options){ 0 }, &diag);
		if (!plan || strcmp(plan_find_task(plan, 1)->milestones[0].progress->note, request.note) != 0)
			abort();
		plan_free(plan);
		struct history history;
		if (!history_load(history_file, &history, &diag) || history.count != 1 || history.ignored
		    || strcmp(history.entries[0].note, request.note) != 0 || strcmp(history.entries[0].by, request.by) != 0
		    || history.entries[0].state != HISTORY_APPLIED)
			abort();
		history_free(&history);
	}
	diagnostics_free(&diag);
	free(text);
	return 0;
}
