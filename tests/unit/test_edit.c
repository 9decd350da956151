/*
 * test_edit.c - changing a plan file in place: only the changed cells'
 * bytes change, in the file's own encoding and line ends; missing columns
 * are added; writers that run at once all get their change in; the
 * history stacks changes and undos; a failed replace leaves the file.
 */
#include "testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "duty/edit.h"
#include "duty/load.h"
#include "duty/safefile.h"

static struct unit_directory *units;
static char directory[64];

static int setup(void **state)
{
	(void)state;
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	units = units_load(SHIPPED_UNITS, &(struct load_options){ 0 }, &diag);
	diagnostics_free(&diag);
	snprintf(directory, sizeof directory, "/tmp/duty-test-edit-XXXXXX");
	return units && mkdtemp(directory) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	units_free(units);
	char command[128];
	snprintf(command, sizeof command, "rm -rf '%s'", directory);
	return system(command) == 0 ? 0 : -1;
}

static char *read_bytes(const char *path, size_t *size)
{
	char *data = NULL;
	struct diagnostics diag;
	diagnostics_init(&diag, 1);
	assert_true(file_read(path, &data, size, &diag));
	diagnostics_free(&diag);
	return data;
}

/* Copies a file into the scratch directory under name; returns the path. */
static char *copy_in(const char *source, const char *name)
{
	size_t size;
	char *data = read_bytes(source, &size);
	char *path = malloc(strlen(directory) + strlen(name) + 2);
	sprintf(path, "%s/%s", directory, name);
	struct diagnostics diag;
	diagnostics_init(&diag, 1);
	assert_int_equal(file_replace(path, data, size, &diag), 0);
	diagnostics_free(&diag);
	free(data);
	return path;
}

struct cell_request {
	long task;
	const char *column;
	const char *value;
};

static bool set_cell(const struct plan *plan, const struct history *history, struct plan_edits *edits,
		     void *context, struct diagnostics *diag)
{
	(void)plan;
	(void)history;
	(void)diag;
	const struct cell_request *request = context;
	plan_edits_set(edits, request->task, request->column, request->value);
	struct history_entry entry = { .time = "t", .by = "test", .action = HISTORY_DONE, .task = request->task,
				       .milestone = 1, .value = "", .on = request->value, .note = "",
				       .old_value = "", .old_on = "", .old_note = "" };
	plan_edits_log(edits, &entry);
	return true;
}

static enum edit_result edit(const char *path, long task, const char *column, const char *value)
{
	struct cell_request request = { task, column, value };
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	int error = 0;
	enum edit_result result = plan_edit(path, units, &(struct load_options){ 0 }, set_cell, &request, &diag,
					    &error);
	for (size_t i = 0; i < diag.kept_count; i++)
		print_error("%s\n", diag.kept[i].message);
	diagnostics_free(&diag);
	return result;
}

/* Before and after differ in one span only: before[a..a+x) -> after[a..a+y). */
static void check_one_change(const char *before, size_t before_size, const char *after, size_t after_size,
			     const char *inserted)
{
	size_t prefix = 0;
	while (prefix < before_size && prefix < after_size && before[prefix] == after[prefix])
		prefix++;
	size_t suffix = 0;
	while (suffix < before_size - prefix && suffix < after_size - prefix
	       && before[before_size - 1 - suffix] == after[after_size - 1 - suffix])
		suffix++;
	size_t changed = after_size - prefix - suffix;
	assert_int_equal(changed, strlen(inserted));
	assert_memory_equal(after + prefix, inserted, changed);
	assert_int_equal(before_size - prefix - suffix, 0);   /* the cell was empty */
}

static void test_only_the_cell_changes(void **state)
{
	(void)state;
	char *path = copy_in(SHIPPED_PLAN, "plan.csv");
	size_t before_size, after_size;
	char *before = read_bytes(path, &before_size);
	assert_int_equal(edit(path, 8, "milestone2_note", "含,逗号和\"引号\""), EDIT_DONE);
	char *after = read_bytes(path, &after_size);
	check_one_change(before, before_size, after, after_size, "\"含,逗号和\"\"引号\"\"\"");
	free(after);
	/* Emptying it again gives the original bytes back. */
	assert_int_equal(edit(path, 8, "milestone2_note", ""), EDIT_DONE);
	after = read_bytes(path, &after_size);
	assert_int_equal(after_size, before_size);
	assert_memory_equal(after, before, before_size);
	free(after);
	free(before);
	free(path);
}

static void test_gb18030_and_crlf_stay_as_they_are(void **state)
{
	(void)state;
	char *path = copy_in(TEST_DATA_DIR "/tasks_2018_gb18030.csv", "gb.csv");
	size_t before_size, after_size;
	char *before = read_bytes(path, &before_size);
	assert_int_equal(edit(path, 12, "target1_note", "中"), EDIT_DONE);
	char *after = read_bytes(path, &after_size);
	check_one_change(before, before_size, after, after_size, "\xD6\xD0");   /* 中 in GB18030 */
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	struct plan *plan = plan_load(path, units, &(struct load_options){ 0 }, &diag);
	assert_non_null(plan);
	assert_int_equal(plan->encoding, ENCODING_GB18030);
	assert_string_equal(plan_find_task(plan, 12)->targets[0].progress->report_note, "中");
	plan_free(plan);
	diagnostics_free(&diag);
	assert_non_null(strstr(after, "\r\n"));
	free(before);
	free(after);
	free(path);
}

static void test_missing_columns_are_added(void **state)
{
	(void)state;
	char *path = copy_in(TEST_DATA_DIR "/mini.csv", "mini.csv");
	assert_int_equal(edit(path, 8, "milestone3_done_on", "2018-12-01"), EDIT_DONE);
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	struct plan *plan = plan_load(path, units, &(struct load_options){ .thorough = true }, &diag);
	assert_non_null(plan);
	assert_int_equal(diag.errors + diag.warnings, 0);
	assert_int_equal(plan_find_task(plan, 8)->milestones[2].progress->done_on, 20181201);
	assert_int_equal(plan_find_task(plan, 1)->milestones[0].progress->done_on, 0);
	plan_free(plan);
	diagnostics_free(&diag);
	free(path);
}

static void test_unknown_task_is_not_written(void **state)
{
	(void)state;
	char *path = copy_in(SHIPPED_PLAN, "plan2.csv");
	size_t before_size, after_size;
	char *before = read_bytes(path, &before_size);
	assert_int_equal(edit(path, 99, "milestone1_done_on", "2018-10-15"), EDIT_NOT_WRITTEN);
	char *after = read_bytes(path, &after_size);
	assert_int_equal(after_size, before_size);
	assert_memory_equal(after, before, before_size);
	free(before);
	free(after);
	free(path);
}

static void test_concurrent_writers_all_count(void **state)
{
	(void)state;
	char *path = copy_in(SHIPPED_PLAN, "busy.csv");
	enum { WRITERS = 32 };
	pid_t children[WRITERS];
	for (int i = 0; i < WRITERS; i++) {
		children[i] = fork();
		assert_true(children[i] >= 0);
		if (children[i] == 0) {
			int code = edit(path, i + 1, "milestone1_done_on", "2018-10-15") == EDIT_DONE ? 0 : 1;
			free(path);   /* the child's copy, so valgrind sees no leak */
			units_free(units);
			_exit(code);
		}
	}
	for (int i = 0; i < WRITERS; i++) {
		int status = 0;
		assert_int_equal(waitpid(children[i], &status, 0), children[i]);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	struct plan *plan = plan_load(path, units, &(struct load_options){ 0 }, &diag);
	assert_non_null(plan);
	for (size_t t = 0; t < plan->task_count; t++)
		assert_int_equal(plan->tasks[t].milestones[0].progress->done_on, 20181015);
	plan_free(plan);
	char history_file[128];
	snprintf(history_file, sizeof history_file, "%s/busy.history.csv", directory);
	struct history history;
	assert_true(history_load(history_file, &history, &diag));
	assert_int_equal(history.count, WRITERS);
	history_free(&history);
	diagnostics_free(&diag);
	free(path);
}

static void test_history_stacks_changes_and_undos(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof path, "%s/stack.history.csv", directory);
	const struct history_entry entries[] = {
		{ "1", "a", HISTORY_REPORT, 12, 0, 1, "300", "2018-06-30", "", "", "", "", "", 0, 0, HISTORY_APPLIED },
		{ "2", "a", HISTORY_REPORT, 12, 0, 1, "352", "2018-10-15", "", "300", "2018-06-30", "", "", 0, 0, HISTORY_APPLIED },
		{ "3", "a", HISTORY_REPORT, 12, 0, 1, "35", "2018-10-15", "", "", "", "", "瑞安市政府", 0, 0, HISTORY_APPLIED },
		{ "4", "a", HISTORY_UNDO, 12, 0, 1, "300", "2018-06-30", "", "352", "2018-10-15", "", "", 0, 0, HISTORY_APPLIED },
		{ "5", "a", HISTORY_REPORT, 12, 0, 2, "9", "2018-10-15", "注,意", "", "", "", "", 0, 0, HISTORY_APPLIED },
	};
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	assert_true(history_append(path, entries, 5, &diag));
	struct history history;
	assert_true(history_load(path, &history, &diag));
	assert_int_equal(history.count, 5);
	assert_string_equal(history.entries[4].note, "注,意");
	assert_string_equal(history.entries[2].unit, "瑞安市政府");
	const struct history_entry *top = history_in_effect(&history, 12, 0, 1, "", HISTORY_REPORT);
	assert_non_null(top);
	assert_string_equal(top->value, "300");   /* the 352 report was undone; 瑞安's is its own */
	top = history_in_effect(&history, 12, 0, 1, "瑞安市政府", HISTORY_REPORT);
	assert_non_null(top);
	assert_string_equal(top->value, "35");
	assert_null(history_in_effect(&history, 12, 1, 0, "", HISTORY_DONE));
	history_free(&history);
	diagnostics_free(&diag);
	char *derived = history_path("/x/tasks_2018.csv");
	assert_string_equal(derived, "/x/tasks_2018.history.csv");
	free(derived);
	derived = history_path("plan");
	assert_string_equal(derived, "plan.history.csv");
	free(derived);
}

static void test_failed_replace_leaves_nothing(void **state)
{
	(void)state;
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	assert_int_not_equal(file_replace("/nonexistent-dir/plan.csv", "x", 1, &diag), 0);
	assert_true(diag.errors > 0);
	assert_non_null(strstr(diag.kept[0].message, "the file is unchanged"));
	diagnostics_free(&diag);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_only_the_cell_changes),
		cmocka_unit_test(test_gb18030_and_crlf_stay_as_they_are),
		cmocka_unit_test(test_missing_columns_are_added),
		cmocka_unit_test(test_unknown_task_is_not_written),
		cmocka_unit_test(test_concurrent_writers_all_count),
		cmocka_unit_test(test_history_stacks_changes_and_undos),
		cmocka_unit_test(test_failed_replace_leaves_nothing),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
