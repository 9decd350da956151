/*
 * test_plan_write.c - plan_write is the loader's inverse: the shipped plan
 * written and loaded back is the same plan, field for field, and writing
 * that again gives the same bytes; progress, extra columns and a gap in
 * the column groups survive (a milestone keeps its number, so ID.M does
 * not change).
 */
#include "testing.h"

#include <stdlib.h>
#include <string.h>

#include "duty/load.h"
#include "duty/plan_write.h"

static struct plan *write_and_load(const struct plan *plan, const struct unit_directory *units,
				   struct strbuf *text)
{
	assert_true(plan_write(plan, text));
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	struct plan *loaded = plan_load_bytes("written.csv", text->data, text->length, units,
					      &(struct load_options){ 0 }, &diag);
	for (size_t i = 0; i < diag.kept_count; i++)
		print_error("%s:%ld: %s\n", diag.kept[i].file, diag.kept[i].line, diag.kept[i].message);
	diagnostics_free(&diag);
	assert_non_null(loaded);
	return loaded;
}

static void same_indexes(const size_t *a, size_t a_count, const size_t *b, size_t b_count)
{
	assert_int_equal(a_count, b_count);
	for (size_t i = 0; i < a_count; i++)
		assert_int_equal(a[i], b[i]);
}

static void same_milestone(const struct task *a_task, const struct milestone *a, const struct task *b_task,
			   const struct milestone *b)
{
	assert_int_equal(a->deadline, b->deadline);
	assert_string_equal(a->phrase, b->phrase);
	assert_int_equal(a->implied, b->implied);
	assert_string_equal(milestone_words(a_task, a), milestone_words(b_task, b));
	assert_int_equal(a->progress->done_on, b->progress->done_on);
	assert_string_equal(a->progress->note, b->progress->note);
	assert_int_equal(a->column_group, b->column_group);
	/* The units it names itself (none: the task's), and each unit's part. */
	assert_int_equal(a->units == NULL, b->units == NULL);
	same_indexes(a->units, a->units ? a->unit_count : 0, b->units, b->units ? b->unit_count : 0);
	assert_string_equal(a->progress->units_done, b->progress->units_done);
	assert_int_equal(a->progress->unit_record_count, b->progress->unit_record_count);
}

static void same_target(const struct task *a_task, const struct target *a, const struct task *b_task,
			const struct target *b)
{
	assert_string_equal(a->metric, b->metric);
	assert_int_equal(a->op, b->op);
	assert_string_equal(a->value_text, b->value_text);
	assert_string_equal(a->unit, b->unit);
	assert_string_equal(target_words(a_task, a), target_words(b_task, b));
	assert_int_equal(a->progress->reported, b->progress->reported);
	assert_string_equal(a->progress->reported_text, b->progress->reported_text);
	assert_int_equal(a->progress->reported_on, b->progress->reported_on);
	assert_string_equal(a->progress->report_note, b->progress->report_note);
	assert_string_equal(a->progress->units_reported, b->progress->units_reported);
	assert_int_equal(a->progress->unit_report_count, b->progress->unit_report_count);
	assert_int_equal(a->column_group, b->column_group);
}

static void same_task(const struct plan *a_plan, const struct task *a, const struct task *b)
{
	assert_int_equal(a->id, b->id);
	assert_string_equal(a->title, b->title);
	assert_string_equal(a->requirement, b->requirement);
	assert_string_equal(a->units_text, b->units_text);
	same_indexes(a->units, a->unit_count, b->units, b->unit_count);
	assert_int_equal(a->units_etc, b->units_etc);
	same_indexes(a->lead_units, a->lead_unit_count, b->lead_units, b->lead_unit_count);
	assert_string_equal(a->deadline_text, b->deadline_text);
	assert_int_equal(a->milestone_count, b->milestone_count);
	for (size_t m = 0; m < a->milestone_count; m++)
		same_milestone(a, &a->milestones[m], b, &b->milestones[m]);
	assert_int_equal(a->target_count, b->target_count);
	for (size_t t = 0; t < a->target_count; t++)
		same_target(a, &a->targets[t], b, &b->targets[t]);
	for (size_t e = 0; e < a_plan->extra_column_count; e++)
		assert_string_equal(a->extras[e], b->extras[e]);
}

static void same_plan(const struct plan *a, const struct plan *b)
{
	assert_string_equal(a->title, b->title);
	assert_int_equal(a->year, b->year);
	assert_int_equal(a->extra_column_count, b->extra_column_count);
	for (size_t e = 0; e < a->extra_column_count; e++)
		assert_string_equal(a->extra_columns[e], b->extra_columns[e]);
	assert_int_equal(a->task_count, b->task_count);
	for (size_t t = 0; t < a->task_count; t++)
		same_task(a, &a->tasks[t], &b->tasks[t]);
}

static void test_the_shipped_plan_loads_back_the_same(void **state)
{
	(void)state;
	struct strbuf first = STRBUF_INIT, second = STRBUF_INIT;
	struct plan *written = write_and_load(shipped.plan, shipped.units, &first);
	same_plan(shipped.plan, written);
	struct plan *again = write_and_load(written, shipped.units, &second);
	assert_int_equal(first.length, second.length);
	assert_memory_equal(first.data, second.data, first.length);
	assert_memory_equal(first.data, "\xEF\xBB\xBFplan_title,2018年", strlen("\xEF\xBB\xBFplan_title,2018年"));
	plan_free(again);
	plan_free(written);
	strbuf_free(&first);
	strbuf_free(&second);
}

/* Progress in every field, an extra column, milestones in groups 1 and 3. */
static const char progress_plan[] =
	"plan_title,\"进度, 有记录\"\n"
	"plan_year,2018\n"
	"id,title,requirement,units_text,units,milestone1_deadline,milestone1_phrase,milestone1_implied,"
	"milestone1_text,milestone1_done_on,milestone1_note,milestone3_deadline,milestone3_phrase,milestone3_implied,"
	"milestone3_text,milestone3_done_on,milestone3_note,target1_metric,target1_op,target1_value,target1_unit,"
	"target1_text,target1_reported,target1_reported_on,target1_note,备注\n"
	"7,抽检,6月前完成抽检；年底前抽检1200批次。,市市场监管局,市市场监管局,2018-05-31,6月前,0,6月前完成抽检,"
	"2018-05-20,\"提前完成, 见通报\",2018-12-31,年底前,0,年底前抽检1200批次,,,抽检,>=,1200,批次,抽检1200批次,"
	"1300,2018-11-30,县局汇总,\"多行\n备注\"\n"
	"8,宣传,持续开展宣传。,市教育局,市教育局,2018-12-31,,1,持续开展宣传,,,,,,,,,,,,,,,,,\n";

static void test_progress_and_extra_columns_survive(void **state)
{
	(void)state;
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	struct plan *plan = plan_load_bytes("progress.csv", progress_plan, sizeof progress_plan - 1, shipped.units,
					    &(struct load_options){ 0 }, &diag);
	diagnostics_free(&diag);
	assert_non_null(plan);
	assert_int_equal(plan->tasks[0].milestones[1].column_group, 3);
	struct strbuf text = STRBUF_INIT;
	struct plan *written = write_and_load(plan, shipped.units, &text);
	same_plan(plan, written);
	assert_non_null(strstr(text.data, ",milestone3_deadline,"));
	plan_free(written);
	plan_free(plan);
	strbuf_free(&text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_shipped_plan_loads_back_the_same),
		cmocka_unit_test(test_progress_and_extra_columns_survive),
	};
	return cmocka_run_group_tests(tests, shipped_setup, shipped_teardown);
}
