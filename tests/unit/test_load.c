/*
 * test_load.c - the loader on the shipped plan, on spreadsheet variants of
 * it, and on each malformed case in tests/data; plus the consistency of the
 * shipped data with the deadline rule and the source wording of units.
 */
#include "testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "duty/input.h"
#include "duty/load.h"
#include "duty/phrases.h"
#include "duty/plan_write.h"
#include "duty/text.h"

static const struct task *task(long id)
{
	const struct task *found = plan_find_task(shipped.plan, id);
	assert_non_null(found);
	return found;
}

static void test_shipped_plan(void **state)
{
	(void)state;
	const struct plan *plan = shipped.plan;
	assert_string_equal(plan->title, "2018年温州市食品安全工作责任分工一览表");
	assert_int_equal(plan->year, 2018);
	assert_int_equal(plan->task_count, 32);
	for (size_t i = 0; i < plan->task_count; i++)
		assert_int_equal(plan->tasks[i].id, (long)i + 1);
	assert_int_equal(plan_milestone_count(plan), 52);
	assert_int_equal(plan_target_count(plan), 31);
	assert_int_equal(plan->extra_column_count, 0);
	assert_null(plan_find_task(plan, 33));
}

static void check_milestone(const struct task *t, size_t index, date_t deadline, const char *phrase,
			    bool implied)
{
	assert_true(index < t->milestone_count);
	assert_int_equal(t->milestones[index].deadline, deadline);
	assert_string_equal(t->milestones[index].phrase, phrase);
	assert_int_equal(t->milestones[index].implied, implied);
}

static void test_milestones_of_tasks_4_and_29(void **state)
{
	(void)state;
	const struct task *four = task(4);
	assert_int_equal(four->milestone_count, 2);
	check_milestone(four, 0, 20180731, "8月前", false);
	check_milestone(four, 1, 20181231, "全年", false);
	assert_string_equal(milestone_words(four, &four->milestones[1]), "全年其他县（市、区）同步深化创建工作");

	const struct task *twenty_nine = task(29);
	assert_int_equal(twenty_nine->milestone_count, 3);
	check_milestone(twenty_nine, 0, 20180430, "5月前", false);
	check_milestone(twenty_nine, 1, 20180731, "8月前", false);
	check_milestone(twenty_nine, 2, 20181231, "", true);
	assert_string_equal(milestone_words(twenty_nine, &twenty_nine->milestones[2]),
			    "全面实施《温州市食品药品安全科普宣传三年行动计（2018-2020）》");

	const struct task *nineteen = task(19);   /* reordered: 10月前 comes first */
	check_milestone(nineteen, 0, 20180930, "10月前", false);
	check_milestone(nineteen, 1, 20181231, "至2018年底", false);
	check_milestone(task(13), 0, 20181231, "到2018年底", false);
	check_milestone(task(1), 0, 20180531, "6月前", false);
}

static void check_target(const struct target *target, const char *metric, enum target_op op, double value,
			 const char *unit)
{
	assert_string_equal(target->metric, metric);
	assert_int_equal(target->op, op);
	assert_true(target->value == value);
	assert_string_equal(target->unit, unit);
}

static void test_targets(void **state)
{
	(void)state;
	const struct task *seven = task(7);
	assert_int_equal(seven->target_count, 4);
	check_target(&seven->targets[0], "市本级定量监测", TARGET_AT_LEAST, 1400, "批次");
	check_target(&seven->targets[2], "食用农产品监测总体合格率", TARGET_AT_LEAST, 98, "%");
	assert_string_equal(target_words(seven, &seven->targets[2]), "食用农产品监测总体合格率稳定在98%以上");
	const struct task *eighteen = task(18);
	check_target(&eighteen->targets[0], "食品检验量", TARGET_AT_LEAST, 4.5, "份/千人");
	assert_string_equal(eighteen->targets[0].value_text, "4.5");
	check_target(&task(12)->targets[0], "创建放心示范餐饮店", TARGET_EQUAL, 340, "家");
	check_target(&task(8)->targets[2], "林业标准化生产程度", TARGET_AT_LEAST, 63, "%");
	assert_string_equal(target_words(task(8), &task(8)->targets[2]), "林业标准化生产程度63％以上");
	/* "（2018-2020）" and "到2018年底" are dates, not targets. */
	assert_int_equal(task(29)->target_count, 0);
	assert_int_equal(task(13)->target_count, 1);
}

static void test_units_of_tasks(void **state)
{
	(void)state;
	const struct task *thirteen = task(13);
	assert_int_equal(thirteen->unit_count, 4);
	assert_string_equal(shipped.units->units[thirteen->units[1]].name, "功能区管委会");
	assert_string_equal(thirteen->units_text, "各县（市、区）政府、功能区，市综合行政执法局、市市场监管局");
	assert_true(task(15)->units_etc);
	assert_false(task(16)->units_etc);
	const struct task *twenty = task(20);
	assert_int_equal(twenty->unit_count, 4);
	assert_string_equal(shipped.units->units[twenty->units[3]].name, "县级市场监管部门");
}

/* The data agrees with its own rules: each deadline follows from its
 * phrase, each milestone and target quotes the requirement, and the units
 * are what the source's wording names. */
static void test_shipped_data_is_consistent(void **state)
{
	(void)state;
	const struct plan *plan = shipped.plan;
	for (size_t i = 0; i < plan->task_count; i++) {
		const struct task *t = &plan->tasks[i];
		for (size_t m = 0; m < t->milestone_count; m++) {
			const struct milestone *milestone = &t->milestones[m];
			struct deadlines expected;
			assert_int_equal(deadlines_from_phrase(milestone->phrase, strlen(milestone->phrase), plan->year,
							       &expected),
					 PHRASE_KNOWN);
			assert_int_equal(expected.count, 1);
			assert_int_equal(milestone->deadline, expected.dates[0]);
			assert_int_equal(milestone->implied, expected.implied);
			assert_non_null(strstr(t->requirement, milestone_words(t, milestone)));
			assert_true(milestone->text_start + milestone->text_length <= strlen(t->requirement));
			if (milestone->phrase[0])
				assert_non_null(strstr(milestone_words(t, milestone), milestone->phrase));
			if (m)
				assert_true(t->milestones[m - 1].deadline <= milestone->deadline);
		}
		for (size_t k = 0; k < t->target_count; k++) {
			const struct target *target = &t->targets[k];
			const char *words = target_words(t, target);
			assert_non_null(strstr(t->requirement, words));
			assert_true(target->text_start + target->text_length <= strlen(t->requirement));
			/* The value is written in digits, or as a Chinese numeral ("一次"). */
			static const char *const numerals[] = { "零", "一", "二", "三", "四", "五" };
			bool quoted = strstr(words, target->value_text) != NULL;
			if (!quoted && target->value >= 0 && target->value < 6 && target->value == (int)target->value)
				quoted = strstr(words, numerals[(int)target->value]) != NULL;
			assert_true(quoted);
		}
		struct diagnostics diag;
		diagnostics_init(&diag, 4);
		bool etc = false;
		size_t count = 0;
		size_t *from_text = units_parse_text(shipped.units, t->units_text, &count, &etc, "t", 1,
						     "units_text", &diag);
		assert_int_equal(diag.errors, 0);
		assert_int_equal(count, t->unit_count);
		assert_memory_equal(from_text, t->units, count * sizeof *from_text);
		assert_int_equal(etc, t->units_etc);
		free(from_text);
		diagnostics_free(&diag);
	}
}

/* Loads a file from tests/data against the shipped units. */
static struct plan *load_case(void **state, const char *name, struct diagnostics *diag)
{
	(void)state;
	char path[512];
	snprintf(path, sizeof path, "%s/%s", TEST_DATA_DIR, name);
	diagnostics_init(diag, 8);
	return plan_load(path, shipped.units, &(struct load_options){ 0 }, diag);
}

static void check_rejected(void **state, const char *name, long line, const char *column, const char *words)
{
	struct diagnostics diag;
	struct plan *plan = load_case(state, name, &diag);
	if (plan)
		fail_msg("%s loaded", name);
	assert_true(diag.errors > 0);
	const struct diagnostic *first = &diag.kept[0];
	assert_non_null(strstr(first->file, name));
	assert_int_equal(first->line, line);
	if (column)
		assert_string_equal(first->column, column);
	else
		assert_null(first->column);
	if (!strstr(first->message, words))
		fail_msg("%s: \"%s\" not in \"%s\"", name, words, first->message);
	diagnostics_free(&diag);
}

static void test_malformed_files_are_rejected_with_line_and_reason(void **state)
{
	check_rejected(state, "unterminated_quote.csv", 4, "title", "closing quote never comes");
	check_rejected(state, "stray_quote.csv", 6, "title", "stray double quote");
	check_rejected(state, "text_after_quote.csv", 5, "requirement", "text after the closing quote");
	check_rejected(state, "wrong_field_count.csv", 5, NULL, "has 49 fields but the header has 52");
	check_rejected(state, "bad_date.csv", 5, "milestone1_deadline", "\"2018-02-30\" is not a valid date");
	check_rejected(state, "date_outside_year.csv", 6, "milestone1_deadline", "outside the plan year 2018");
	check_rejected(state, "unknown_unit.csv", 5, "units", "unknown unit \"市教育厅\"");
	check_rejected(state, "duplicate_id.csv", 6, "id", "the id 1 is used twice: task 1 is already on line 4");
	check_rejected(state, "non_numeric_id.csv", 5, "id", "the id \"二\" is not a task number");
	check_rejected(state, "invalid_utf8.csv", 6, NULL, "not valid UTF-8");
	check_rejected(state, "empty.csv", 0, NULL, "the file is empty");
	check_rejected(state, "only_bom.csv", 0, NULL, "the file is empty");
	check_rejected(state, "header_only.csv", 0, NULL, "no tasks");
	check_rejected(state, "missing_column.csv", 3, NULL, "no \"units\" column");
	check_rejected(state, "no_plan_year.csv", 2, NULL, "no plan_year row");
	check_rejected(state, "milestones_out_of_order.csv", 6, "milestone2_deadline", "out of order");
	check_rejected(state, "bad_target_value.csv", 6, "target3_value", "\"六十三\" is not a number");
	check_rejected(state, "bad_target_op.csv", 6, "target1_op", "\"以上\" is not a comparison");
	check_rejected(state, "long_target_value.csv", 4, "target1_value", "0098\" is not a number");
	check_rejected(state, "empty_title.csv", 4, "title", "the title is empty");
	check_rejected(state, "no_milestone.csv", 4, "milestone1_deadline", "no milestone");
	check_rejected(state, "nul_byte.csv", 4, NULL, "NUL byte");
	check_rejected(state, "lone_cr.csv", 4, NULL, "carriage return");
}

static void test_all_problems_of_a_file_are_reported(void **state)
{
	struct diagnostics diag;
	struct plan *plan = load_case(state, "five_problems.csv", &diag);
	assert_null(plan);
	assert_int_equal(diag.errors, 5);
	const long lines[] = { 4, 5, 6, 6, 7 };
	const char *columns[] = { "milestone1_deadline", "units", "id", "target2_value", "title" };
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(diag.kept[i].line, lines[i]);
		assert_string_equal(diag.kept[i].column, columns[i]);
	}
	diagnostics_free(&diag);
}

/* The variants load to the same tasks as mini.csv. */
static void check_same_as_mini(void **state, const char *name)
{
	struct diagnostics diag;
	struct plan *mini = load_case(state, "mini.csv", &diag);
	diagnostics_free(&diag);
	struct plan *variant = load_case(state, name, &diag);
	if (!variant)
		fail_msg("%s: %s", name, diag.kept_count ? diag.kept[0].message : "?");
	diagnostics_free(&diag);
	assert_non_null(mini);
	assert_int_equal(variant->task_count, mini->task_count);
	assert_int_equal(variant->year, 2018);
	assert_string_equal(variant->title, mini->title);
	for (size_t i = 0; i < mini->task_count; i++) {
		const struct task *a = &mini->tasks[i], *b = &variant->tasks[i];
		assert_int_equal(a->id, b->id);
		assert_string_equal(a->title, b->title);
		assert_string_equal(a->requirement, b->requirement);
		assert_string_equal(a->units_text, b->units_text);
		assert_int_equal(a->unit_count, b->unit_count);
		assert_int_equal(a->milestone_count, b->milestone_count);
		for (size_t m = 0; m < a->milestone_count; m++) {
			assert_int_equal(a->milestones[m].deadline, b->milestones[m].deadline);
			assert_string_equal(milestone_words(a, &a->milestones[m]), milestone_words(b, &b->milestones[m]));
		}
		assert_int_equal(a->target_count, b->target_count);
		for (size_t t = 0; t < a->target_count; t++)
			assert_string_equal(a->targets[t].metric, b->targets[t].metric);
	}
	plan_free(mini);
	plan_free(variant);
}

static void test_spreadsheet_variants_load_the_same(void **state)
{
	check_same_as_mini(state, "crlf_no_bom.csv");
	check_same_as_mini(state, "reordered_columns.csv");
	check_same_as_mini(state, "chinese_headers.csv");
}

static void test_unknown_columns_are_kept(void **state)
{
	struct diagnostics diag;
	struct plan *plan = load_case(state, "reordered_columns.csv", &diag);
	assert_non_null(plan);
	assert_int_equal(plan->extra_column_count, 1);
	assert_string_equal(plan->extra_columns[0], "负责人");
	assert_string_equal(plan->tasks[0].extras[0], "张三");
	plan_free(plan);
	diagnostics_free(&diag);
}

static void test_load_from_memory(void **state)
{
	(void)state;
	const char *text = "plan_year,2018\n"
			   "id,title,requirement,units_text,units,milestone1_deadline,milestone1_text\n"
			   "7,标题,要求,市教育局,教育局,2018/6/30,要求\n";
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	struct plan *plan = plan_load_bytes("memory.csv", text, strlen(text), shipped.units, &(struct load_options){ 0 }, &diag);
	assert_non_null(plan);
	assert_string_equal(plan->title, "memory.csv");   /* no plan_title: the file name */
	assert_int_equal(plan->tasks[0].milestones[0].deadline, 20180630);
	assert_true(plan->tasks[0].milestones[0].implied);   /* no phrase */
	assert_string_equal(shipped.units->units[plan->tasks[0].units[0]].name, "市教育局");
	assert_null(plan->tasks[0].extras);   /* no extra columns: no array for them */
	plan_free(plan);
	diagnostics_free(&diag);
}

/* Quoted cells keep their spaces through libcsv; the loader trims them
 * (the reader marks such rows, and only those pay for trimming). */
static void test_quoted_cells_with_spaces_are_trimmed(void **state)
{
	(void)state;
	const char *text = "plan_year,2018\n"
			   "id,title,requirement,units_text,units,milestone1_deadline,milestone1_phrase,milestone1_text,"
			   "target1_metric,target1_op,target1_value,target1_unit,target1_text\n"
			   "7,\" 标题 \",年底前合格率达到98%,市教育局,\"教育局\t\",\" 2018-12-31\",\"年底前 \",年底前合格率达到98%,"
			   "\" 合格率\",\">= \",\" 98 \",\"% \",\" 合格率达到98%\"\n";
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	struct plan *plan = plan_load_bytes("spaces.csv", text, strlen(text), shipped.units, &(struct load_options){ 0 }, &diag);
	if (!plan)
		fail_msg("%s", diag.kept_count ? diag.kept[0].message : "?");
	const struct task *only = &plan->tasks[0];
	assert_string_equal(only->title, "标题");
	assert_int_equal(only->milestones[0].deadline, 20181231);
	assert_string_equal(only->milestones[0].phrase, "年底前");
	check_target(&only->targets[0], "合格率", TARGET_AT_LEAST, 98, "%");
	assert_string_equal(target_words(only, &only->targets[0]), "合格率达到98%");
	assert_int_equal(only->targets[0].text_start, strlen("年底前"));
	plan_free(plan);
	diagnostics_free(&diag);
}

/* What the progress cells record is a record of its own: the items with
 * none share the empty one, an item with some has its own (memory per
 * task, issue 14). */
static void test_items_without_progress_share_the_empty_record(void **state)
{
	(void)state;
	const char *text = "plan_year,2018\n"
			   "id,title,requirement,units_text,units,milestone1_deadline,milestone1_text,milestone1_note,"
			   "milestone2_deadline,milestone2_text,milestone2_note,target1_metric,target1_op,target1_value,"
			   "target1_reported\n"
			   "7,标题,要求,市教育局,市教育局,2018-06-30,要求,,2018-12-31,要求,已部署,覆盖率,>=,90,\n"
			   "8,标题,要求,市教育局,市教育局,2018-06-30,要求,,,,,覆盖率,>=,90,95\n";
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	struct plan *plan = plan_load_bytes("memory.csv", text, strlen(text), shipped.units, &(struct load_options){ 0 }, &diag);
	assert_non_null(plan);
	const struct task *seven = &plan->tasks[0], *eight = &plan->tasks[1];
	assert_ptr_equal(seven->milestones[0].progress, &milestone_record_none);
	assert_ptr_equal(eight->milestones[0].progress, &milestone_record_none);
	assert_ptr_not_equal(seven->milestones[1].progress, &milestone_record_none);
	assert_string_equal(seven->milestones[1].progress->note, "已部署");
	assert_int_equal(seven->milestones[1].progress->done_on, 0);
	assert_string_equal(seven->milestones[1].progress->units_done, "");
	assert_ptr_equal(seven->targets[0].progress, &target_record_none);
	assert_false(target_record_none.reported);
	assert_string_equal(target_record_none.reported_text, "");
	assert_ptr_not_equal(eight->targets[0].progress, &target_record_none);
	assert_true(eight->targets[0].progress->reported);
	assert_string_equal(eight->targets[0].progress->reported_text, "95");
	assert_true(target_is_met(&eight->targets[0]));
	plan_free(plan);
	diagnostics_free(&diag);
}

/* Alt+Enter in Excel puts a line break in a cell: in a list of units it
 * separates names like ';' does, and at either end it is trimmed. */
static void test_line_breaks_in_unit_lists(void **state)
{
	(void)state;
	const char *text = "plan_year,2018\n"
			   "id,title,requirement,units_text,units,milestone1_deadline,milestone1_text\n"
			   "7,标题,要求,市教育局,\"\n市教育局;\r\n市农业局\n市林业局\n\",2018-06-30,要求\n";
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	struct plan *plan = plan_load_bytes("memory.csv", text, strlen(text), shipped.units, &(struct load_options){ 0 }, &diag);
	assert_non_null(plan);
	assert_int_equal(diag.errors, 0);
	assert_int_equal(plan->tasks[0].unit_count, 3);
	assert_string_equal(shipped.units->units[plan->tasks[0].units[2]].name, "市林业局");
	plan_free(plan);
	diagnostics_free(&diag);
}

/* A message quoting a cell stays one line and shows control characters. */
static void test_messages_show_control_characters(void **state)
{
	(void)state;
	const char *text = "plan_year,2018\n"
			   "id,title,requirement,units_text,units,milestone1_deadline,milestone1_text\n"
			   "7,标题,要求,市教育局,\"市教\n育局;市\x1b[31m局\",2018-06-30,要求\n";
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	assert_null(plan_load_bytes("memory.csv", text, strlen(text), shipped.units, &(struct load_options){ 0 }, &diag));
	assert_int_equal(diag.errors, 3);
	char *line = diagnostic_format(&diag.kept[2]);
	assert_non_null(strstr(line, "unknown unit \"市\xE2\x90\x9B[31m局\""));   /* ␛ */
	assert_null(strchr(line, '\x1b'));
	free(line);
	diagnostics_free(&diag);
	struct diagnostic problem = { SEVERITY_ERROR, "a.csv", 3, "units", "unknown unit \"甲\n乙\t丙\"" };
	line = diagnostic_format(&problem);
	assert_string_equal(line, "a.csv:3:units: unknown unit \"甲\xE2\x90\x8A乙\xE2\x90\x89丙\"");   /* ␊ ␉ */
	free(line);
}

/* Any field size and row count loads: nothing is cut at a fixed size. */
static void test_large_fields_and_many_rows(void **state)
{
	(void)state;
	enum { ROWS = 20000, BIG = 1 << 20 };
	struct strbuf text;
	strbuf_init(&text);
	strbuf_puts(&text, "plan_year,2018\nid,title,requirement,units_text,units,milestone1_deadline,"
			   "milestone1_text\n");
	for (int i = 1; i <= ROWS; i++) {
		strbuf_printf(&text, "%d,任务%d,\"", i, i);
		if (i == ROWS / 2) {
			for (int k = 0; k < BIG / 3; k++)
				strbuf_puts(&text, "长");
			strbuf_puts(&text, "\"\"引号\"\",逗号");
		} else {
			strbuf_puts(&text, "要求");
		}
		strbuf_printf(&text, "\",市教育局,教育局,2018-%02d-28,要求\n", i % 12 + 1);
	}
	assert_false(text.failed);
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	struct plan *plan = plan_load_bytes("big.csv", text.data, text.length, shipped.units,
					    &(struct load_options){ 0 }, &diag);
	assert_non_null(plan);
	assert_int_equal(plan->task_count, ROWS);
	const char *big = plan_find_task(plan, ROWS / 2)->requirement;
	assert_int_equal(strlen(big), (BIG / 3) * 3 + strlen("\"引号\",逗号"));
	assert_string_equal(big + strlen(big) - strlen("\"引号\",逗号"), "\"引号\",逗号");
	plan_free(plan);
	diagnostics_free(&diag);
	strbuf_free(&text);
}

/* A repeated id names the line it was first on, whether the ids ascend
 * or not, and whether that row was kept or dropped for a problem. */
static void test_repeated_ids_name_their_first_line(void **state)
{
	(void)state;
	static const char text[] =
		"plan_year,2018\n"
		"id,title,requirement,units_text,units,milestone1_deadline,milestone1_text\n"
		"1,甲,要求,市教育局,教育局,2018-03-31,要求\n"            /* line 3 */
		"2,乙,要求,市教育局,教育局,2018-02-30,要求\n"            /* 4: dropped, bad date */
		"2,丙,要求,市教育局,教育局,2018-03-31,要求\n"            /* 5: repeats 4 (ascending) */
		"5,丁,要求,市教育局,教育局,2018-03-31,要求\n"            /* 6 */
		"3,戊,要求,市教育局,教育局,2018-03-31,要求\n"            /* 7: not ascending */
		"2,己,要求,市教育局,教育局,2018-03-31,要求\n"            /* 8: repeats 4 */
		"1,庚,要求,市教育局,教育局,2018-03-31,要求\n"            /* 9: repeats 3 */
		"9,辛,要求,市教育局,教育局,2018-03-31,要求\n"            /* 10 */
		"3,壬,要求,市教育局,教育局,2018-03-31,要求\n";           /* 11: repeats 7 */
	struct diagnostics diag;
	diagnostics_init(&diag, 16);
	assert_null(plan_load_bytes("ids.csv", text, sizeof text - 1, shipped.units, &(struct load_options){ 0 },
				    &diag));
	static const struct {
		long line;
		const char *words;
	} expected[] = {
		{ 4, "2018-02-30" },
		{ 5, "the id 2 is used twice: task 2 is already on line 4" },
		{ 8, "the id 2 is used twice: task 2 is already on line 4" },
		{ 9, "the id 1 is used twice: task 1 is already on line 3" },
		{ 11, "the id 3 is used twice: task 3 is already on line 7" },
	};
	assert_int_equal(diag.errors, sizeof expected / sizeof expected[0]);
	for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
		assert_int_equal(diag.kept[i].line, expected[i].line);
		if (!strstr(diag.kept[i].message, expected[i].words))
			fail_msg("\"%s\" not in \"%s\"", expected[i].words, diag.kept[i].message);
	}
	diagnostics_free(&diag);
}

/* A target's text is found in the requirement, not copied; words a
 * hand-edited plan gives that are not in it are kept apart, after the
 * requirement's end, and duty check says so. */
static void test_target_words_are_found_in_the_requirement(void **state)
{
	(void)state;
	static const char text[] =
		"plan_year,2018\n"
		"id,title,requirement,units_text,units,milestone1_deadline,milestone1_text,"
		"target1_metric,target1_op,target1_value,target1_unit,target1_text,"
		"target2_metric,target2_op,target2_value,target2_unit,target2_text\n"
		"1,甲,年底前合格率达到98%以上,市教育局,教育局,2018-12-31,年底前合格率达到98%以上,"
		"合格率,>=,98,%,合格率达到98%以上,覆盖率,>=,90,%,覆盖率不低于90%\n";
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	struct plan *plan = plan_load_bytes("words.csv", text, sizeof text - 1, shipped.units,
					    &(struct load_options){ .thorough = true }, &diag);
	assert_non_null(plan);
	const struct task *only = &plan->tasks[0];
	assert_string_equal(only->requirement, "年底前合格率达到98%以上");
	assert_string_equal(target_words(only, &only->targets[0]), "合格率达到98%以上");
	assert_int_equal(only->targets[0].text_start, strlen("年底前"));
	assert_string_equal(target_words(only, &only->targets[1]), "覆盖率不低于90%");
	assert_true(only->targets[1].text_start > strlen(only->requirement));
	assert_int_equal(diag.warnings, 1);
	assert_non_null(strstr(diag.kept[0].message, "the target's text is not part of the requirement"));

	/* Written and read again, both say the same words. */
	struct strbuf written = STRBUF_INIT;
	assert_true(plan_write(plan, &written));
	struct plan *again = plan_load_bytes("again.csv", written.data, written.length, shipped.units,
					     &(struct load_options){ 0 }, &diag);
	assert_non_null(again);
	assert_string_equal(target_words(&again->tasks[0], &again->tasks[0].targets[1]), "覆盖率不低于90%");
	assert_string_equal(again->tasks[0].requirement, only->requirement);
	plan_free(again);
	strbuf_free(&written);
	plan_free(plan);
	diagnostics_free(&diag);
}

/* A short string that recurs is kept once; a long one, and any string
 * that differs by a byte, is its own copy. */
static void test_short_strings_are_kept_once(void **state)
{
	(void)state;
	static const char text[] =
		"plan_year,2018\n"
		"id,title,requirement,units_text,units,milestone1_deadline,milestone1_phrase,milestone1_text\n"
		"1,一项相当长的任务标题，超过二十四个字节,年底前完成,市教育局,教育局,2018-12-31,年底前,年底前完成\n"
		"2,一项相当长的任务标题，超过二十四个字节,年底前完成,市教育局,教育局,2018-12-31,年底前,年底前完成\n"
		"3,标题,年底前完成。,市教育局,教育局,2018-12-31,年底前,年底前完成。\n";
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	struct plan *plan = plan_load_bytes("short.csv", text, sizeof text - 1, shipped.units,
					    &(struct load_options){ 0 }, &diag);
	assert_non_null(plan);
	const struct task *first = plan_find_task(plan, 1), *second = plan_find_task(plan, 2),
			  *third = plan_find_task(plan, 3);
	assert_ptr_equal(first->units_text, second->units_text);
	assert_ptr_equal(first->milestones[0].phrase, third->milestones[0].phrase);
	assert_ptr_equal(first->requirement, second->requirement);
	assert_ptr_not_equal(first->title, second->title);   /* longer than a short string */
	assert_string_equal(first->title, second->title);
	assert_ptr_not_equal(first->requirement, third->requirement);
	assert_string_equal(third->requirement, "年底前完成。");
	plan_free(plan);
	diagnostics_free(&diag);
}

/* Writes the text to a temporary file whose size is a whole number of
 * pages (the last field ends in trimmed spaces and no line end), so a
 * reader that went one byte past a mapping would fault. */
static void write_paged_file(char *path, const char *prefix, const struct strbuf *text)
{
	int descriptor = mkstemp(path);
	assert_true(descriptor >= 0);
	size_t page = (size_t)sysconf(_SC_PAGESIZE), size = strlen(prefix) + text->length;
	size_t padding = (page - size % page) % page;
	assert_true(write(descriptor, prefix, strlen(prefix)) == (ssize_t)strlen(prefix));
	assert_true(write(descriptor, text->data, text->length) == (ssize_t)text->length);
	for (size_t i = 0; i < padding; i++)
		assert_true(write(descriptor, " ", 1) == 1);
	close(descriptor);
}

/* A plan big enough to be mapped (input_map_file) loads as its bytes do:
 * with a byte order mark, without a final line end, with every string
 * kept although the mapping goes behind the reader; a broken row names
 * its line. */
static void test_mapped_plan_loads_like_read_one(void **state)
{
	(void)state;
	enum { ROWS = 30000 };
	struct strbuf text;
	strbuf_init(&text);
	strbuf_puts(&text, "plan_year,2018\r\nid,title,requirement,units_text,units,milestone1_deadline,"
			   "milestone1_text\r\n");
	for (int i = 1; i <= ROWS; i++)
		strbuf_printf(&text, "%d,任务%d,\"要求%d，\"\"加强\"\"\",市教育局,教育局,2018-%02d-28,要求%d%s", i, i, i,
			      i % 12 + 1, i, i < ROWS ? "\r\n" : "");
	assert_false(text.failed);
	assert_true(text.length > INPUT_MAP_FROM);
	char path[] = "/tmp/duty-test-mapped-XXXXXX";
	write_paged_file(path, "\xEF\xBB\xBF", &text);
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	struct plan *plan = plan_load(path, shipped.units, &(struct load_options){ 0 }, &diag);
	assert_non_null(plan);
	assert_int_equal(plan->task_count, ROWS);
	for (long id = 1; id <= ROWS; id += ROWS / 7) {
		const struct task *found = plan_find_task(plan, id);
		char expected[64];
		snprintf(expected, sizeof expected, "任务%ld", id);
		assert_string_equal(found->title, expected);
		snprintf(expected, sizeof expected, "要求%ld，\"加强\"", id);
		assert_string_equal(found->requirement, expected);
	}
	assert_string_equal(milestone_words(plan_find_task(plan, ROWS), &plan_find_task(plan, ROWS)->milestones[0]), "要求30000");
	plan_free(plan);
	unlink(path);

	/* The same rows with one broken near the end. */
	strbuf_printf(&text, "\r\n%d,\"坏\"了,要求,市教育局,教育局,2018-01-28,要求\r\n", ROWS + 1);
	char broken[] = "/tmp/duty-test-mapped-XXXXXX";
	write_paged_file(broken, "", &text);
	assert_null(plan_load(broken, shipped.units, &(struct load_options){ 0 }, &diag));
	assert_true(diag.errors > 0);
	assert_int_equal(diag.kept[0].line, ROWS + 3);
	unlink(broken);
	diagnostics_free(&diag);
	strbuf_free(&text);
}

/* A reported value is kept as its number ("９８％" reads 98) without
 * writing into the file's text: a mapped plan is read-only, and a
 * loader that wrote there faulted. */
static void test_mapped_plan_with_reported_values(void **state)
{
	(void)state;
	enum { ROWS = 20000 };
	struct strbuf text;
	strbuf_init(&text);
	strbuf_puts(&text, "plan_year,2018\nid,title,requirement,units_text,units,milestone1_deadline,milestone1_text,"
			   "target1_metric,target1_op,target1_value,target1_unit,target1_reported\n");
	for (int i = 1; i <= ROWS; i++)
		strbuf_printf(&text, "%d,任务%d,要求%d，覆盖率98%%以上,市教育局,教育局,2018-06-30,要求%d,覆盖率,>=,98,%%,%s\n",
			      i, i, i, i, i % 2 ? "９８％" : "97.5");
	assert_false(text.failed);
	assert_true(text.length > INPUT_MAP_FROM);
	char path[] = "/tmp/duty-test-mapped-XXXXXX";
	write_paged_file(path, "", &text);
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	struct plan *plan = plan_load(path, shipped.units, &(struct load_options){ 0 }, &diag);
	assert_non_null(plan);
	assert_int_equal(plan->task_count, ROWS);
	const struct target_record *odd = plan_find_task(plan, 1)->targets[0].progress,
				   *even = plan_find_task(plan, ROWS)->targets[0].progress;
	assert_true(odd->reported);
	assert_string_equal(odd->reported_text, "98");
	assert_true(odd->reported_value == 98);
	assert_string_equal(even->reported_text, "97.5");
	assert_true(even->reported_value == 97.5);
	plan_free(plan);
	unlink(path);
	diagnostics_free(&diag);
	strbuf_free(&text);
}

/* A task counts its milestones and targets in 16 bits (memory per task,
 * issue 14): a header has at most TASK_ITEMS_MAX groups of each kind. */
static void test_a_header_has_at_most_65535_groups_of_a_kind(void **state)
{
	(void)state;
	for (int groups = TASK_ITEMS_MAX; groups <= TASK_ITEMS_MAX + 1; groups++) {
		struct strbuf text = STRBUF_INIT;
		strbuf_puts(&text, "plan_year,2018\nid,title,requirement,units_text,units");
		for (int g = 1; g <= groups; g++)
			strbuf_printf(&text, ",target%d_metric,target%d_op,target%d_value", g, g, g);
		strbuf_puts(&text, ",milestone1_deadline,milestone1_text\n7,标题,要求,市教育局,市教育局");
		for (int g = 1; g < groups; g++)
			strbuf_puts(&text, ",,,");
		strbuf_puts(&text, ",覆盖率,>=,90,2018-06-30,要求\n");
		assert_false(text.failed);
		struct diagnostics diag;
		diagnostics_init(&diag, 4);
		struct plan *plan = plan_load_bytes("groups.csv", text.data, text.length, shipped.units,
						    &(struct load_options){ 0 }, &diag);
		if (groups == TASK_ITEMS_MAX) {
			assert_non_null(plan);
			assert_int_equal(plan->tasks[0].target_count, 1);
			assert_int_equal(plan->tasks[0].targets[0].column_group, TASK_ITEMS_MAX);
		} else {
			assert_null(plan);
			assert_int_equal(diag.errors, 1);
			assert_string_equal(diag.kept[0].message,
					    "the header has 65536 target column groups, more than duty reads (at most 65535)");
		}
		plan_free(plan);
		diagnostics_free(&diag);
		strbuf_free(&text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_plan),
		cmocka_unit_test(test_milestones_of_tasks_4_and_29),
		cmocka_unit_test(test_targets),
		cmocka_unit_test(test_units_of_tasks),
		cmocka_unit_test(test_shipped_data_is_consistent),
		cmocka_unit_test(test_malformed_files_are_rejected_with_line_and_reason),
		cmocka_unit_test(test_all_problems_of_a_file_are_reported),
		cmocka_unit_test(test_spreadsheet_variants_load_the_same),
		cmocka_unit_test(test_unknown_columns_are_kept),
		cmocka_unit_test(test_load_from_memory),
		cmocka_unit_test(test_quoted_cells_with_spaces_are_trimmed),
		cmocka_unit_test(test_items_without_progress_share_the_empty_record),
		cmocka_unit_test(test_line_breaks_in_unit_lists),
		cmocka_unit_test(test_messages_show_control_characters),
		cmocka_unit_test(test_large_fields_and_many_rows),
		cmocka_unit_test(test_mapped_plan_loads_like_read_one),
		cmocka_unit_test(test_mapped_plan_with_reported_values),
		cmocka_unit_test(test_short_strings_are_kept_once),
		cmocka_unit_test(test_target_words_are_found_in_the_requirement),
		cmocka_unit_test(test_repeated_ids_name_their_first_line),
		cmocka_unit_test(test_a_header_has_at_most_65535_groups_of_a_kind),
	};
	return cmocka_run_group_tests(tests, shipped_setup, shipped_teardown);
}
