/*
 * test_source.c - title, requirement and units_text of all 32 tasks are
 * the source document's words, character for character. The source text
 * is kept in tests/data/source_2018.txt: blocks of four tab-indented cells
 * (序号, 重点工作, 年度进度要求, 责任单位) separated by blank lines; a line
 * without a tab continues the cell above it (a line break inside the cell).
 */
#include "testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duty/load.h"

enum { CELLS = 4, MAX_TASKS = 64 };

struct source_task {
	char *cells[CELLS];
};

static char *read_all(const char *path)
{
	FILE *file = fopen(path, "rb");
	assert_non_null(file);
	fseek(file, 0, SEEK_END);
	long size = ftell(file);
	fseek(file, 0, SEEK_SET);
	char *text = calloc((size_t)size + 1, 1);
	assert_int_equal(fread(text, 1, (size_t)size, file), (size_t)size);
	fclose(file);
	return text;
}

static void append(char **cell, const char *text, size_t length)
{
	size_t old = *cell ? strlen(*cell) : 0;
	*cell = realloc(*cell, old + length + 1);
	memcpy(*cell + old, text, length);
	(*cell)[old + length] = '\0';
}

static bool is_blank(const char *line, size_t length)
{
	for (size_t i = 0; i < length; i++)
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
			return false;
	return true;
}

/* Parses the source into tasks; returns how many. */
static size_t parse_source(char *text, struct source_task *tasks)
{
	size_t count = 0;
	char *block[16] = { 0 };
	size_t cells = 0;
	char *line = text;
	for (;;) {
		char *end = strchr(line, '\n');
		size_t length = end ? (size_t)(end - line) : strlen(line);
		bool blank = is_blank(line, length);
		if (!blank && line[0] == '\t' && cells < 16) {
			append(&block[cells++], line + 1, length - 1);
		} else if (!blank && cells > 0) {
			append(&block[cells - 1], line, length);   /* continues the cell */
		}
		if (blank || !end) {
			bool numbered = cells == CELLS && block[0][0] >= '0' && block[0][0] <= '9';
			if (numbered && count < MAX_TASKS) {
				for (size_t c = 0; c < CELLS; c++)
					tasks[count].cells[c] = block[c];
				count++;
			} else {
				for (size_t c = 0; c < cells; c++)
					free(block[c]);
			}
			memset(block, 0, sizeof block);
			cells = 0;
		}
		if (!end)
			break;
		line = end + 1;
	}
	return count;
}

static void test_text_columns_match_the_source_document(void **state)
{
	(void)state;
	char *text = read_all(TEST_DATA_DIR "/source_2018.txt");
	struct source_task source[MAX_TASKS];
	size_t count = parse_source(text, source);
	assert_int_equal(count, 32);

	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	struct unit_directory *units = units_load(SHIPPED_UNITS, &(struct load_options){ 0 }, &diag);
	assert_non_null(units);
	struct plan *plan = plan_load(SHIPPED_PLAN, units, &(struct load_options){ 0 }, &diag);
	assert_non_null(plan);
	assert_int_equal(plan->task_count, 32);
	for (size_t i = 0; i < count; i++) {
		long id = strtol(source[i].cells[0], NULL, 10);
		assert_int_equal(id, (long)i + 1);
		const struct task *task = plan_find_task(plan, id);
		assert_non_null(task);
		assert_string_equal(task->title, source[i].cells[1]);
		assert_string_equal(task->requirement, source[i].cells[2]);
		assert_string_equal(task->units_text, source[i].cells[3]);
		for (size_t c = 0; c < CELLS; c++)
			free(source[i].cells[c]);
	}
	/* Spot checks that the comparison sees what matters: the source's own
	 * ASCII comma in task 2 and its full-width percent sign in task 8. */
	assert_non_null(strstr(plan_find_task(plan, 2)->requirement, "考核细则,探索"));
	assert_non_null(strstr(plan_find_task(plan, 8)->requirement, "63％以上"));
	plan_free(plan);
	units_free(units);
	diagnostics_free(&diag);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_columns_match_the_source_document),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
