/*
 * test_query.c - the questions of the users: on a small made-up plan whose
 * every answer is known (tests/data/fixture_*.csv), then on the shipped
 * 2018 plan.
 */
#include "testing.h"

#include <stdio.h>
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
	struct query query = { 0 };
	query_calendar(shipped.plan, &query, counts, done);
	for (int m = 0; m < 12; m++)
		assert_int_equal(done[m], 0);
	const size_t expected[12] = { 0, 0, 0, 2, 1, 0, 3, 0, 3, 3, 0, 40 };
	assert_memory_equal(counts, expected, sizeof expected);
	/* One unit's months: 市教育局 has five milestones at the year's end and
	 * 32.1 (10月前) in September, through its group. */
	struct query education = { .by_unit = true, .unit = units_find(shipped.units, "市教育局", strlen("市教育局")) };
	query_calendar(shipped.plan, &education, counts, NULL);
	const size_t for_education[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 5 };
	assert_memory_equal(counts, for_education, sizeof for_education);
	education.direct_only = true;
	query_calendar(shipped.plan, &education, counts, NULL);
	assert_int_equal(counts[8], 0);
	assert_int_equal(counts[11], 4);
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
	/* 29.1 (04-30), 29.2 (07-31), 29.3 (12-31): the earliest not done,
	 * whatever today is, so an overdue one shows before those ahead. */
	const struct task *task = plan_find_task(shipped.plan, 29);
	assert_int_equal(task_next_milestone(shipped.plan, &(struct query){ 0 }, task), 0);
	struct milestone milestones[3];
	memcpy(milestones, task->milestones, sizeof milestones);
	struct milestone_record done[3];
	for (size_t m = 0; m < 3; m++) {
		done[m] = *milestones[m].progress;
		milestones[m].progress = &done[m];
	}
	struct task copy = *task;
	copy.milestones = milestones;
	done[0].done_on = milestones[0].completed_on = 20180420;
	assert_int_equal(task_next_milestone(shipped.plan, &(struct query){ 0 }, &copy), 1);
	done[1].done_on = milestones[1].completed_on = 20180720;
	assert_int_equal(task_next_milestone(shipped.plan, &(struct query){ 0 }, &copy), 2);
	done[2].done_on = milestones[2].completed_on = 20181220;
	assert_int_equal(task_next_milestone(shipped.plan, &(struct query){ 0 }, &copy), 2);   /* all done: the last */
}

static void test_task_match_shows_the_milestone_in_range(void **state)
{
	(void)state;
	/* list --month 2018-07: task 4 has 4.1 on 07-31 and 4.2 at the year's end. */
	struct query query = { .from = 20180701, .to = 20180731 };
	struct task_match *matches = NULL;
	size_t count = query_tasks(shipped.plan, &query, &matches);
	assert_int_equal(count, 3);
	assert_int_equal(matches[0].task->id, 4);
	assert_int_equal(matches[0].milestone, 0);
	assert_int_equal(matches[2].task->id, 29);
	assert_int_equal(matches[2].milestone, 1);
	free(matches);
	/* Without dates: the next one. */
	struct query all = { 0 };
	count = query_tasks(shipped.plan, &all, &matches);
	assert_int_equal(matches[3].task->id, 4);
	assert_int_equal(matches[3].milestone, 0);
	free(matches);
}


/* --- a small made-up plan (tests/data/fixture_*.csv) ----------------------- */

static struct shipped fixture;

static int fixture_setup(void **state)
{
	(void)state;
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	fixture.units = units_load(TEST_DATA_DIR "/fixture_units.csv", &(struct load_options){ 0 }, &diag);
	if (fixture.units)
		fixture.plan = plan_load(TEST_DATA_DIR "/fixture_plan.csv", fixture.units, &(struct load_options){ 0 },
					 &diag);
	for (size_t i = 0; i < diag.kept_count; i++)
		print_error("%s:%ld: %s\n", diag.kept[i].file, diag.kept[i].line, diag.kept[i].message);
	diagnostics_free(&diag);
	return fixture.plan ? 0 : -1;
}

static int fixture_teardown(void **state)
{
	(void)state;
	plan_free(fixture.plan);
	units_free(fixture.units);
	return 0;
}

static size_t fixture_unit(const char *name)
{
	size_t found = units_find(fixture.units, name, strlen(name));
	assert_int_not_equal(found, SIZE_MAX);
	return found;
}

/* "1" or "3:全体成员" for each match, joined with spaces. */
static void check_fixture_tasks(const struct query *query, const char *expected)
{
	struct task_match *matches = NULL;
	size_t count = query_tasks(fixture.plan, query, &matches);
	char text[256] = "";
	for (size_t i = 0; i < count; i++) {
		char item[64];
		bool via = matches[i].via != NO_GROUP;
		snprintf(item, sizeof item, "%s%ld%s%s", i ? " " : "", matches[i].task->id, via ? ":" : "",
			 via ? fixture.units->units[matches[i].via].name : "");
		strcat(text, item);
	}
	free(matches);
	assert_string_equal(text, expected);
}

/* "1.1 3.1" for the milestones of a query, in their order. */
static void check_fixture_milestones(const struct query *query, const char *expected)
{
	struct milestone_match *matches = NULL;
	size_t count = query_milestones(fixture.plan, query, &matches);
	char text[256] = "";
	for (size_t i = 0; i < count; i++) {
		char item[32];
		snprintf(item, sizeof item, "%s%ld.%zu", i ? " " : "", matches[i].task->id, matches[i].index + 1);
		strcat(text, item);
	}
	free(matches);
	assert_string_equal(text, expected);
}

static void test_fixture_units_through_groups(void **state)
{
	(void)state;
	/* 东县 is named by task 4, and is in 各县政府 (task 2), which is in 全体成员 (task 3). */
	struct query query = { .by_unit = true, .unit = fixture_unit("东县") };
	check_fixture_tasks(&query, "2:各县政府 3:全体成员 4");
	query.direct_only = true;
	check_fixture_tasks(&query, "4");
	/* 甲局 is in 全体成员 through kind:city_department. */
	query = (struct query){ .by_unit = true, .unit = fixture_unit("甲") };
	check_fixture_tasks(&query, "1 3:全体成员");
	/* A group itself has the tasks naming it and the groups holding it. */
	query = (struct query){ .by_unit = true, .unit = fixture_unit("各县政府") };
	check_fixture_tasks(&query, "2 3:全体成员");
}

static void test_fixture_milestones_by_date(void **state)
{
	(void)state;
	/* February of a leap year: the 29th is in it. */
	struct query query = { .from = 20200201, .to = 20200229 };
	check_fixture_milestones(&query, "1.1 3.1");
	/* May: 2.1 is done; pending_only leaves it out; same day sorts by task. */
	query = (struct query){ .from = 20200501, .to = 20200531 };
	check_fixture_milestones(&query, "2.1 3.2");
	query.pending_only = true;
	check_fixture_milestones(&query, "3.2");
	/* Overdue on 2020-06-15 for 乙局: not its own task 4 (due at the year's
	 * end), but task 3's two milestones, through 全体成员. */
	query = (struct query){ .by_unit = true, .unit = fixture_unit("乙"), .to = 20200614, .pending_only = true };
	check_fixture_milestones(&query, "3.1 3.2");
	/* Tasks with a milestone in a month. */
	struct query month = { .from = 20201201, .to = 20201231 };
	check_fixture_tasks(&month, "1 4");
}

static void test_fixture_next_and_calendar(void **state)
{
	(void)state;
	struct query all = { 0 };
	date_t next;
	size_t count;
	assert_true(query_next_deadline(fixture.plan, &all, 20200229, &next, &count));
	assert_int_equal(next, 20200531);
	assert_int_equal(count, 2);
	assert_false(query_next_deadline(fixture.plan, &all, 20201231, &next, &count));
	size_t months[12], done[12];
	query_calendar(fixture.plan, &all, months, done);
	assert_int_equal(months[1], 2);   /* February */
	assert_int_equal(months[4], 2);   /* May */
	assert_int_equal(done[4], 1);
	assert_int_equal(months[11], 2);  /* December */
	/* Task 1 on 2020-03-15: 1.1 is overdue and not done, so it is what comes
	 * next, before 1.2 (issue 13). */
	const struct task *task = plan_find_task(fixture.plan, 1);
	assert_int_equal(task_next_milestone(fixture.plan, &all, task), 0);
	assert_int_equal(milestone_status(&task->milestones[0], 20200315), STATUS_OVERDUE);
	assert_int_equal(milestone_status(&task->milestones[1], 20201215), STATUS_DUE);
	assert_int_equal(milestone_status(&plan_find_task(fixture.plan, 2)->milestones[0], 20200315), STATUS_DONE);
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
		cmocka_unit_test(test_task_match_shows_the_milestone_in_range),
	};
	const struct CMUnitTest fixture_tests[] = {
		cmocka_unit_test(test_fixture_units_through_groups),
		cmocka_unit_test(test_fixture_milestones_by_date),
		cmocka_unit_test(test_fixture_next_and_calendar),
	};
	return cmocka_run_group_tests_name("fixture", fixture_tests, fixture_setup, fixture_teardown)
	       | cmocka_run_group_tests_name("shipped", tests, shipped_setup, shipped_teardown);
}
