/*
 * test_query.c - the questions of the users, on the shipped 2018 plan.
 */
#include "testing.h"

#include <stdlib.h>
#include <string.h>

#include "duty/load.h"
#include "duty/query.h"


static size_t unit(const char *name)
{
	size_t found = units_find(shipped.units, name, strlen(name));
	assert_int_not_equal(found, SIZE_MAX);
	return found;
}

/* Task ids of a task query, and the via group (or "-") of each. */
static void check_tasks(const struct query *query, const long *ids, const char *const *vias, size_t count)
{
	struct task_match *matches = NULL;
	size_t found = query_tasks(shipped.plan, query, &matches);
	assert_int_equal(found, count);
	for (size_t i = 0; i < count; i++) {
		assert_int_equal(matches[i].task->id, ids[i]);
		const char *via = matches[i].via == NO_GROUP ? "-" : shipped.units->units[matches[i].via].name;
		assert_string_equal(via, vias[i]);
	}
	free(matches);
}

static void test_education_bureau_tasks(void **state)
{
	(void)state;
	struct query query = { .by_unit = true, .unit = unit("市教育局") };
	const long ids[] = { 12, 25, 31, 32 };
	const char *vias[] = { "-", "-", "市食安委各成员单位", "市食安委各成员单位" };
	check_tasks(&query, ids, vias, 4);
	query.direct_only = true;
	check_tasks(&query, ids, vias, 2);
}

static void test_county_gets_group_tasks(void **state)
{
	(void)state;
	struct query query = { .by_unit = true, .unit = unit("瑞安市政府") };
	struct task_match *matches = NULL;
	size_t count = query_tasks(shipped.plan, &query, &matches);
	assert_int_equal(count, 15);             /* 5 directly, 14 via the county group */
	size_t direct = 0;
	for (size_t i = 0; i < count; i++) {
		if (matches[i].via == NO_GROUP) {
			direct++;
			assert_int_equal(matches[i].task->id, 5);
		} else {
			assert_string_equal(shipped.units->units[matches[i].via].name, "各县（市、区）政府");
		}
	}
	assert_int_equal(direct, 1);
	free(matches);
	/* 乐清 is not named anywhere: only group tasks. */
	query.unit = unit("乐清市政府");
	query.direct_only = true;
	assert_int_equal(query_tasks(shipped.plan, &query, &matches), 0);
	free(matches);
}

static void test_office_is_not_a_committee_member(void **state)
{
	(void)state;
	struct query query = { .by_unit = true, .unit = unit("市食安办") };
	const long ids[] = { 2, 19, 20, 21, 24, 26, 27, 28, 29 };
	const char *vias[] = { "-", "-", "-", "-", "-", "-", "-", "-", "-" };
	check_tasks(&query, ids, vias, 9);   /* no 31 or 32 */
}

static void test_due_in_october_2018(void **state)
{
	(void)state;
	struct query query = { .from = 20181001, .to = 20181031 };
	struct milestone_match *matches = NULL;
	size_t count = query_milestones(shipped.plan, &query, &matches);
	assert_int_equal(count, 3);
	const long ids[] = { 8, 10, 14 };
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(matches[i].task->id, ids[i]);
		assert_int_equal(matches[i].index, 0);
		assert_string_equal(matches[i].task->milestones[0].phrase, "11月前");
	}
	free(matches);
}

static void test_overdue_is_before_today_in_deadline_order(void **state)
{
	(void)state;
	struct query query = { .to = 20181015 - 1 };
	struct milestone_match *matches = NULL;
	size_t count = query_milestones(shipped.plan, &query, &matches);
	assert_int_equal(count, 9);
	for (size_t i = 1; i < count; i++)
		assert_true(matches[i - 1].task->milestones[matches[i - 1].index].deadline
			    <= matches[i].task->milestones[matches[i].index].deadline);
	assert_int_equal(matches[0].task->id, 5);     /* 2018-04-30, file order breaks the tie */
	assert_int_equal(matches[1].task->id, 29);
	free(matches);
	/* The deadline day itself is not overdue. */
	query.to = 20180430 - 1;
	assert_int_equal(query_milestones(shipped.plan, &query, &matches), 0);
	free(matches);
}

static void test_unit_filter_on_milestones(void **state)
{
	(void)state;
	struct query query = { .by_unit = true, .unit = unit("市教育局"), .from = 20180901, .to = 20180930 };
	struct milestone_match *matches = NULL;
	size_t count = query_milestones(shipped.plan, &query, &matches);
	assert_int_equal(count, 1);                   /* task 32, via the committee */
	assert_int_equal(matches[0].task->id, 32);
	assert_string_equal(shipped.units->units[matches[0].via].name, "市食安委各成员单位");
	free(matches);
}

static void test_calendar_and_next_deadline(void **state)
{
	(void)state;
	size_t counts[12], done[12];
	query_calendar(shipped.plan, counts, done);
	for (int m = 0; m < 12; m++)
		assert_int_equal(done[m], 0);
	const size_t expected[12] = { 0, 0, 0, 2, 1, 0, 3, 0, 3, 3, 0, 40 };
	assert_memory_equal(counts, expected, sizeof expected);
	struct query query = { 0 };
	date_t next = 0;
	size_t same = 0;
	assert_true(query_next_deadline(shipped.plan, &query, 20180831, &next, &same));
	assert_int_equal(next, 20180930);
	assert_int_equal(same, 3);
	assert_false(query_next_deadline(shipped.plan, &query, 20181231, &next, &same));
}

static void test_unit_task_counts(void **state)
{
	(void)state;
	size_t *direct = calloc(shipped.units->count, sizeof *direct);
	size_t *via = calloc(shipped.units->count, sizeof *via);
	query_unit_task_counts(shipped.plan, direct, via);
	assert_int_equal(direct[unit("市教育局")], 2);
	assert_int_equal(via[unit("市教育局")], 2);
	assert_int_equal(direct[unit("瑞安市政府")], 1);
	assert_int_equal(via[unit("瑞安市政府")], 14);
	assert_int_equal(direct[unit("各县（市、区）政府")], 14);
	assert_int_equal(direct[unit("市食安办")], 9);
	assert_int_equal(via[unit("市食安办")], 0);
	free(direct);
	free(via);
}

static void test_next_milestone(void **state)
{
	(void)state;
	const struct task *task = plan_find_task(shipped.plan, 29);
	assert_int_equal(task_next_milestone(task, 20180101), 0);
	assert_int_equal(task_next_milestone(task, 20180501), 1);
	assert_int_equal(task_next_milestone(task, 20180801), 2);
	assert_int_equal(task_next_milestone(task, 20190101), 0);   /* all passed: the first overdue */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_education_bureau_tasks),
		cmocka_unit_test(test_county_gets_group_tasks),
		cmocka_unit_test(test_office_is_not_a_committee_member),
		cmocka_unit_test(test_due_in_october_2018),
		cmocka_unit_test(test_overdue_is_before_today_in_deadline_order),
		cmocka_unit_test(test_unit_filter_on_milestones),
		cmocka_unit_test(test_calendar_and_next_deadline),
		cmocka_unit_test(test_unit_task_counts),
		cmocka_unit_test(test_next_milestone),
	};
	return cmocka_run_group_tests(tests, shipped_setup, shipped_teardown);
}
