/*
 * test_render.c - terminal tables (alignment by display width, wrapping to
 * a width), CSV quoting, JSON that parses back with cJSON, the words of
 * targets and statuses, and workbooks that are written (the CLI tests
 * read them back).
 */
#include "testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "duty/load.h"
#include "duty/table.h"
#include "duty/text.h"
#include "duty/csv.h"
#include "duty/json.h"
#include "duty/format.h"
#include "duty/xlsx.h"


struct capture {
	char *text;
	size_t size;
	FILE *file;
};

static void capture_start(struct capture *capture)
{
	capture->text = NULL;
	capture->size = 0;
	capture->file = open_memstream(&capture->text, &capture->size);
	assert_non_null(capture->file);
}

static char *capture_end(struct capture *capture)
{
	fclose(capture->file);
	return capture->text;
}

static const struct table_column columns[] = {
	{ "ID", ALIGN_RIGHT, false },
	{ "Title", ALIGN_LEFT, true },
	{ "Units", ALIGN_LEFT, true },
};

static void test_table_aligns_by_display_width(void **state)
{
	(void)state;
	struct table table;
	table_init(&table, columns, 3);
	const char *row1[] = { "8", "提升农业标准化生产程度", "市农业局" };
	const char *row2[] = { "12", "abc", "各县（市、区）政府" };
	table_add_row(&table, row1);
	table_add_row(&table, row2);
	struct capture capture;
	capture_start(&capture);
	struct table_style style = { .width = 0, .header = true };
	assert_true(table_print(&table, &style, capture.file));
	char *text = capture_end(&capture);
	assert_string_equal(text, "ID  Title                   Units\n"
				  "--  ----------------------  ------------------\n"
				  " 8  提升农业标准化生产程度  市农业局\n"
				  "12  abc                     各县（市、区）政府\n");
	free(text);
	table_free(&table);
}

static void test_table_wraps_to_the_width(void **state)
{
	(void)state;
	struct table table;
	table_init(&table, columns, 3);
	const char *row[] = { "8", "提升农业标准化生产程度", "市农业局、市林业局、市海洋与渔业局" };
	table_add_row(&table, row);
	struct capture capture;
	capture_start(&capture);
	struct table_style style = { .width = 40, .indent = 2, .header = false };
	assert_true(table_print(&table, &style, capture.file));
	char *text = capture_end(&capture);
	/* every line fits in 40 columns */
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
		assert_true(text_width(line) <= 40);
	free(text);
	table_free(&table);
}

/* Every line of a printed table fits the width: widths 20 to 120, both
 * ambiguous widths, tables of many fixed columns (issue 13). */
static void assert_lines_fit(char *text, size_t width)
{
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
		if (text_width(line) > width)
			fail_msg("%zu > %zu: %s", text_width(line), width, line);
}

static void test_tables_always_fit_the_width(void **state)
{
	(void)state;
	static const struct table_column many[] = {
		{ "ID", ALIGN_LEFT, false },        { "Deadline", ALIGN_LEFT, false },
		{ "Status", ALIGN_LEFT, false },    { "Done on", ALIGN_LEFT, false },
		{ "Task", ALIGN_LEFT, true },       { "Milestone", ALIGN_LEFT, true },
		{ "Due this month", ALIGN_RIGHT, false },
	};
	for (int ambiguous = 1; ambiguous <= 2; ambiguous++) {
		text_set_ambiguous_width(ambiguous);
		for (size_t width = 20; width <= 120; width++) {
			struct table table;
			table_init(&table, many, 7);
			table_shorten(&table, 5);
			const char *row1[] = { "12.1", "2018-12-31", "overdue", "2018-10-01", "深化“三基”规范化建设",
					       "10月前按照不低于30%比例开展“回头看”活动…", "3" };
			const char *row2[] = { "8.1", "2018-10-31", "pending", "", "提升农业标准化生产程度",
					       "11月前主要农产品制定生产操作规程或生产模式图或标准简图", "40" };
			table_add_colored_row(&table, row1, ROW_RED);
			table_add_row(&table, row2);
			struct capture capture;
			capture_start(&capture);
			struct table_style style = { .width = width, .indent = 2, .header = true };
			assert_true(table_print(&table, &style, capture.file));
			char *text = capture_end(&capture);
			/* Too narrow for columns: a row at a time, each cell by its header. */
			if (width == 40)
				assert_non_null(strstr(text, "  ID              12.1\n  Deadline        2018-12-31\n"));
			if (width == 120)
				assert_non_null(strstr(text, "  ID    Deadline    Status   Done on"));
			if (width >= 24)
				assert_lines_fit(text, width);
			free(text);
			table_free(&table);
		}
	}
	text_set_ambiguous_width(1);
}

static void test_csv_quotes_only_what_needs_it(void **state)
{
	(void)state;
	struct capture capture;
	capture_start(&capture);
	const char *fields[] = { "plain", "a,b", "say \"hi\"", "two\nlines", "", " padded", "中文" };
	csv_write_record(capture.file, fields, 7, false);
	char *text = capture_end(&capture);
	assert_string_equal(text, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,\" padded\",中文\n");
	free(text);
}

static void test_csv_guards_cells_a_spreadsheet_would_run(void **state)
{
	(void)state;
	const char *fields[] = { "=SUM(A1:A9)", "+1+A1", "-2-A1", "@cmd", "\tx", "=1,2", "a=b", "2018-10-31" };
	struct capture capture;
	capture_start(&capture);
	csv_write_record(capture.file, fields, 8, false);
	char *text = capture_end(&capture);
	assert_string_equal(text, "'=SUM(A1:A9),'+1+A1,'-2-A1,'@cmd,'\tx,\"'=1,2\",a=b,2018-10-31\n");
	free(text);
	capture_start(&capture);
	csv_write_record(capture.file, fields, 8, true);
	text = capture_end(&capture);
	assert_string_equal(text, "=SUM(A1:A9),+1+A1,-2-A1,@cmd,\tx,\"=1,2\",a=b,2018-10-31\n");
	free(text);
	/* Numbers run nothing: -15 days left stays a number a spreadsheet can
	 * count with; anything more after the sign is guarded, and so is what
	 * the one decimal parser does not take for a number ("+2"). */
	const char *numbers[] = { "-15", "+2", "-4.5", "-", "-1e5", "- 2", "-15 ", "－15", "-１５" };
	capture_start(&capture);
	csv_write_record(capture.file, numbers, 9, false);
	text = capture_end(&capture);
	assert_string_equal(text, "-15,'+2,-4.5,'-,'-1e5,'- 2,\"'-15 \",'－15,'-１５\n");
	free(text);
}

static void test_task_json_parses_back(void **state)
{
	(void)state;
	const struct task *task = plan_find_task(shipped.plan, 18);
	cJSON *object = json_task(shipped.plan, task, true, NO_GROUP);
	struct capture capture;
	capture_start(&capture);
	json_print_indented(capture.file, object, 0);
	cJSON_Delete(object);
	char *text = capture_end(&capture);
	assert_null(strstr(text, "\\u"));            /* Chinese is written as UTF-8 */
	assert_non_null(strstr(text, "推进食品安全监督抽检公开化"));
	cJSON *parsed = cJSON_Parse(text);
	assert_non_null(parsed);
	const char *keys[] = { "id", "title", "requirement", "units", "lead_units", "units_text", "units_etc",
			       "deadline_text", "milestones", "targets", "via" };
	const cJSON *item = parsed->child;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++, item = item->next) {
		assert_non_null(item);
		assert_string_equal(item->string, keys[i]);   /* stable key order */
	}
	assert_null(item);
	assert_int_equal(cJSON_GetObjectItem(parsed, "id")->valueint, 18);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(parsed, "via")));
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(parsed, "units_etc")));
	const cJSON *target = cJSON_GetArrayItem(cJSON_GetObjectItem(parsed, "targets"), 0);
	assert_true(cJSON_GetObjectItem(target, "value")->valuedouble == 4.5);
	assert_string_equal(cJSON_GetObjectItem(target, "unit")->valuestring, "份/千人");
	assert_string_equal(cJSON_GetObjectItem(target, "op")->valuestring, ">=");
	const cJSON *milestone = cJSON_GetArrayItem(cJSON_GetObjectItem(parsed, "milestones"), 0);
	assert_string_equal(milestone->child->string, "id");   /* what `duty done` takes, first */
	assert_string_equal(cJSON_GetObjectItem(milestone, "id")->valuestring, "18.1");
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(parsed, "milestones"), 1), "id")
				    ->valuestring, "18.2");
	assert_string_equal(cJSON_GetObjectItem(milestone, "deadline")->valuestring, "2018-12-31");
	assert_string_equal(cJSON_GetObjectItem(milestone, "phrase")->valuestring, "每年");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(parsed, "units")), 6);
	cJSON_Delete(parsed);
	free(text);
}

static void test_array_writer_streams_valid_json(void **state)
{
	(void)state;
	struct capture capture;
	capture_start(&capture);
	struct json_writer writer;
	json_begin_array(&writer, capture.file, 0);
	for (size_t i = 0; i < shipped.plan->task_count; i++)
		json_add(&writer, json_task(shipped.plan, &shipped.plan->tasks[i], false, NO_GROUP));
	assert_true(json_end(&writer));
	char *text = capture_end(&capture);
	cJSON *parsed = cJSON_Parse(text);
	assert_non_null(parsed);
	assert_int_equal(cJSON_GetArraySize(parsed), 32);
	const cJSON *implied = cJSON_GetArrayItem(
		cJSON_GetObjectItem(cJSON_GetArrayItem(parsed, 28), "milestones"), 2);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(implied, "phrase")));
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(implied, "implied")));
	cJSON_Delete(parsed);
	free(text);

	capture_start(&capture);
	json_begin_array(&writer, capture.file, 0);
	assert_true(json_end(&writer));
	text = capture_end(&capture);
	assert_string_equal(text, "[]");
	free(text);

	/* An object streamed member by member, with a streamed array in it,
	 * is the same JSON; a member that could not be made (NULL) marks the
	 * writer failed. */
	cJSON *expected = cJSON_CreateObject();
	cJSON_AddStringToObject(expected, "unit", "市教育局");
	cJSON_AddItemToObject(expected, "tasks", cJSON_CreateArray());
	cJSON_AddItemToArray(cJSON_GetObjectItem(expected, "tasks"), cJSON_CreateNumber(12));
	struct json_writer object, tasks;
	capture_start(&capture);
	json_begin_object(&object, capture.file, 0);
	json_add_field(&object, "unit", cJSON_CreateString("市教育局"));
	json_add_key(&object, "tasks");
	json_begin_array(&tasks, capture.file, 1);
	json_add(&tasks, cJSON_CreateNumber(12));
	assert_true(json_end(&tasks));
	assert_true(json_end(&object));
	text = capture_end(&capture);
	assert_string_equal(text, "{\n\t\"unit\":\t\"市教育局\",\n\t\"tasks\":\t[\n\t\t12\n\t]\n}");
	parsed = cJSON_Parse(text);
	assert_true(cJSON_Compare(parsed, expected, true));
	cJSON_Delete(parsed);
	cJSON_Delete(expected);
	free(text);

	capture_start(&capture);
	json_begin_array(&writer, capture.file, 0);
	json_add(&writer, NULL);
	assert_false(json_end(&writer));
	free(capture_end(&capture));
}

/* Every task of plan streamed by json_add_task, in an array at depth 0
 * and in one at depth 1, is the text json_add prints for json_task. */
static void expect_streamed_as_printed(const struct plan *plan)
{
	for (int depth = 0; depth < 2; depth++) {
		struct capture streamed, printed;
		struct json_writer writer;
		capture_start(&streamed);
		json_begin_array(&writer, streamed.file, depth);
		for (size_t i = 0; i < plan->task_count; i++)
			json_add_task(&writer, plan, &plan->tasks[i], i % 2, NO_GROUP, ROLE_LEAD);
		assert_true(json_end(&writer));
		capture_start(&printed);
		json_begin_array(&writer, printed.file, depth);
		for (size_t i = 0; i < plan->task_count; i++) {
			cJSON *task = json_task(plan, &plan->tasks[i], i % 2, NO_GROUP);
			if (i % 2)
				cJSON_AddStringToObject(task, "role", "lead");
			json_add(&writer, task);
		}
		assert_true(json_end(&writer));
		char *expected = capture_end(&printed), *text = capture_end(&streamed);
		assert_string_equal(text, expected);
		free(text);
		free(expected);
	}
}

/* An item printed at a depth is cJSON_Print's text with that many more
 * tabs after each line break (cJSON escapes those inside strings). */
static void test_printed_items_take_their_depth(void **state)
{
	(void)state;
	cJSON *task = json_task(shipped.plan, plan_find_task(shipped.plan, 1), true, NO_GROUP);
	cJSON_AddStringToObject(task, "note", "一行\n另一行");
	char *alone = cJSON_Print(task);
	for (int depth = 0; depth < 20; depth += 3) {
		struct strbuf expected = STRBUF_INIT;
		for (const char *c = alone; *c; c++) {
			strbuf_append(&expected, c, 1);
			for (int tab = 0; *c == '\n' && tab < depth; tab++)
				strbuf_append(&expected, "\t", 1);
		}
		struct capture capture;
		capture_start(&capture);
		assert_true(json_print_indented(capture.file, task, depth));
		char *text = capture_end(&capture);
		assert_string_equal(text, strbuf_text(&expected));
		free(text);
		strbuf_free(&expected);
	}
	cJSON_free(alone);
	cJSON_Delete(task);
}

/* A streamed task prints a unit's progress entry with nothing recorded
 * once and reuses the text: still what json_task prints, with progress
 * recorded, and for another plan whose units differ at the same
 * indexes. */
static void test_streamed_tasks_are_printed_as_json_task(void **state)
{
	(void)state;
	expect_streamed_as_printed(shipped.plan);
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	struct unit_directory *units = units_load(TEST_DATA_DIR "/fixture_units.csv", &(struct load_options){ 0 }, &diag);
	assert_non_null(units);
	struct plan *fixture = plan_load(TEST_DATA_DIR "/fixture_plan.csv", units, &(struct load_options){ 0 }, &diag);
	assert_non_null(fixture);
	expect_streamed_as_printed(fixture);
	plan_free(fixture);
	units_free(units);
	struct plan *recorded = plan_load(TEST_DATA_DIR "/unit_progress.csv", shipped.units,
					  &(struct load_options){ 0 }, &diag);
	assert_non_null(recorded);
	expect_streamed_as_printed(recorded);
	plan_free(recorded);
	expect_streamed_as_printed(shipped.plan);
	diagnostics_free(&diag);
}

static void test_due_json_has_milestone_fields(void **state)
{
	(void)state;
	struct milestone_match match = { plan_find_task(shipped.plan, 29), 1, NO_GROUP };
	cJSON *object = json_due(shipped.plan, &match, false);
	char *text = cJSON_PrintUnformatted(object);
	assert_string_equal(text, "{\"id\":\"29.2\",\"task\":29,\"milestone\":2,\"title\":\"深化食品安全宣传教育\","
				  "\"deadline\":\"2018-07-31\",\"phrase\":\"8月前\",\"implied\":false,"
				  "\"text\":\"8月前开展特色品牌网络评选，全面提升食品安全城市创建的知晓率、满意度\","
				  "\"units\":[\"市食安办\",\"市市场监管局\"]}");
	cJSON_free(text);
	cJSON_Delete(object);
}

static void test_target_progress_and_status_words(void **state)
{
	(void)state;
	struct target target = { .metric = "新建阳光厨房", .value_text = "300", .unit = "家", .op = TARGET_EQUAL,
				 .value = 300 };
	struct strbuf text = STRBUF_INIT;
	struct target_progress report = { .reported = false };
	format_target_progress(&text, &target, &report);
	assert_string_equal(strbuf_text(&text), "新建阳光厨房 reach 300 家");
	/* What one unit reported (target_progress for it), not the whole target. */
	report = (struct target_progress){ .reported = true, .met = true, .value_text = "352", .value = 352 };
	strbuf_clear(&text);
	format_target_progress(&text, &target, &report);
	assert_string_equal(strbuf_text(&text), "新建阳光厨房 reach 300 家 — reported 352 家, met");
	strbuf_free(&text);
	assert_string_equal(format_status(STATUS_OVERDUE), "overdue");
	assert_string_equal(format_status(STATUS_DUE), "due this month");
	assert_string_equal(format_status(STATUS_DONE_LATE), "done late");
	assert_string_equal(format_role(ROLE_LEAD), "lead");
	assert_string_equal(format_role(ROLE_SUPPORT), "support");
	assert_string_equal(format_role(ROLE_NONE), "");
}

/* A workbook with every kind of sheet is written whole: sheet names Excel
 * would refuse (/ : too long, used twice) are made acceptable. */
static void test_workbook_is_written(void **state)
{
	(void)state;
	char path[] = "/tmp/test_render-XXXXXX.xlsx";
	int descriptor = mkstemps(path, 5);
	assert_true(descriptor >= 0);
	close(descriptor);
	struct xlsx_book *book = xlsx_create(path, "A & B");
	assert_non_null(book);
	struct table table;
	table_init(&table, columns, 2);
	table_add_row(&table, (const char *[]){ "12", "2018-10-31" });
	table_add_colored_row(&table, (const char *[]){ "3", "控制字符\x01不进工作簿" }, ROW_RED);
	xlsx_add_table(book, "a/b:c", &table);
	xlsx_add_table(book, "a/b:c", &table);
	xlsx_add_table(book, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三", &table);
	xlsx_add_table(book, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三", &table);
	table_free(&table);
	struct task_match matches[] = { { .task = &shipped.plan->tasks[11], .via = NO_GROUP },
				       { .task = &shipped.plan->tasks[24], .via = NO_GROUP } };
	xlsx_add_duty_list(book, shipped.plan, 20181015, units_find(shipped.units, "市教育局", strlen("市教育局")),
			   matches, 2);
	struct diagnostics diag;
	diagnostics_init(&diag, 2);
	assert_true(xlsx_close(book, &diag));
	assert_int_equal(diag.errors, 0);
	FILE *file = fopen(path, "rb");
	assert_non_null(file);
	char magic[4];
	assert_int_equal(fread(magic, 1, 4, file), 4);
	assert_memory_equal(magic, "PK\x03\x04", 4);   /* a zip archive, as .xlsx files are */
	fclose(file);
	unlink(path);

	/* A workbook that cannot be written says why. */
	book = xlsx_create("/nonexistent/dir/book.xlsx", "t");
	assert_non_null(book);
	assert_false(xlsx_close(book, &diag));
	assert_int_equal(diag.errors, 1);
	assert_non_null(strstr(diag.kept[0].message, "cannot write the workbook"));
	diagnostics_free(&diag);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_aligns_by_display_width),
		cmocka_unit_test(test_table_wraps_to_the_width),
		cmocka_unit_test(test_tables_always_fit_the_width),
		cmocka_unit_test(test_csv_quotes_only_what_needs_it),
		cmocka_unit_test(test_csv_guards_cells_a_spreadsheet_would_run),
		cmocka_unit_test(test_task_json_parses_back),
		cmocka_unit_test(test_array_writer_streams_valid_json),
		cmocka_unit_test(test_printed_items_take_their_depth),
		cmocka_unit_test(test_streamed_tasks_are_printed_as_json_task),
		cmocka_unit_test(test_due_json_has_milestone_fields),
		cmocka_unit_test(test_target_progress_and_status_words),
		cmocka_unit_test(test_workbook_is_written),
	};
	return cmocka_run_group_tests(tests, shipped_setup, shipped_teardown);
}
