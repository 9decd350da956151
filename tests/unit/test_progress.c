/*
 * test_progress.c - who has done what: the per-unit cells (read, and
 * changed one line at a time), the status rule, and where a milestone or a
 * target stands for a unit or as a whole, on tests/data/unit_progress.csv
 * (tasks 1, 4, 5, 7 and 12 of the shipped plan with records filled in).
 */
#include "testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duty/load.h"
#include "duty/progress.h"
#include "duty/strbuf.h"

static struct shipped recorded;

static int recorded_setup(void **state)
{
	(void)state;
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	recorded.units = units_load(SHIPPED_UNITS, &(struct load_options){ 0 }, &diag);
	if (recorded.units)
		recorded.plan = plan_load(TEST_DATA_DIR "/unit_progress.csv", recorded.units,
					  &(struct load_options){ .thorough = true }, &diag);
	for (size_t i = 0; i < diag.kept_count; i++)
		print_error("%s:%ld: %s\n", diag.kept[i].file, diag.kept[i].line, diag.kept[i].message);
	bool clean = diag.errors == 0 && diag.warnings == 0;
	diagnostics_free(&diag);
	return recorded.plan && clean ? 0 : -1;
}

static int recorded_teardown(void **state)
{
	(void)state;
	plan_free(recorded.plan);
	units_free(recorded.units);
	return 0;
}

static size_t unit(const char *name)
{
	size_t found = units_find(recorded.units, name, strlen(name));
	assert_int_not_equal(found, SIZE_MAX);
	return found;
}

static const struct milestone *milestone_of(long task, size_t m)
{
	return &plan_find_task(recorded.plan, task)->milestones[m - 1];
}

static struct progress progress_of(long task, size_t m, const char *name)
{
	return milestone_progress(recorded.units, plan_find_task(recorded.plan, task), milestone_of(task, m),
				  name ? unit(name) : EVERY_UNIT, 20181015);
}

/* --- the cells --------------------------------------------------------------- */

/* "name|value|date|note" of each line, joined with "/". */
static bool describe(const struct cell_line *line, void *context)
{
	char *out = context;
	char item[160];
	snprintf(item, sizeof item, "%s%.*s|%.*s|%.*s|%.*s", out[0] ? "/" : "", (int)line->name_length, line->name,
		 (int)line->value_length, line->value, (int)line->date_length, line->date, (int)line->note_length,
		 line->note);
	strcat(out, item);
	return true;
}

static void check_lines(const char *cell, bool reports, const char *expected)
{
	char out[512] = "";
	progress_cell_lines(cell, strlen(cell), reports, describe, out);
	assert_string_equal(out, expected);
}

static void test_cell_lines(void **state)
{
	(void)state;
	check_lines("瑞安市政府 2018-05-20 温农〔2018〕56号", false, "瑞安市政府||2018-05-20|温农〔2018〕56号");
	/* CRLF and blank lines between; a name with a space; a date as a spreadsheet writes it. */
	check_lines("瑞安 2018-05-20\r\n\r\nA B 2018/6/1  two  words \n", false,
		    "瑞安||2018-05-20|/A B||2018/6/1|two  words");
	/* A line without a date: no name, the whole line as the note. */
	check_lines("永嘉 x", false, "|||永嘉 x");
	check_lines("瑞安 35 2018-10-15 县局\n平阳 98.5\n文成 7 备注", true,
		    "瑞安|35|2018-10-15|县局/平阳|98.5||/文成|7||备注");
}

static void change(const char *cell, bool replace, size_t start, size_t end, const char *line, const char *expected)
{
	struct strbuf out = STRBUF_INIT;
	progress_cell_change(&out, cell, replace, start, end, line);
	assert_false(out.failed);
	assert_string_equal(strbuf_text(&out), expected);
	strbuf_free(&out);
}

static void test_cell_change_keeps_other_bytes(void **state)
{
	(void)state;
	change("", false, 0, 0, "甲 2018-01-02", "甲 2018-01-02");
	change("甲 2018-01-02", false, 0, 0, "乙 2018-01-03", "甲 2018-01-02\n乙 2018-01-03");
	change("甲 2018-01-02\r\n", false, 0, 0, "乙 2018-01-03", "甲 2018-01-02\r\n乙 2018-01-03");
	/* Replaced in place; removed with the line break before it (after it
	 * for the first line), so adding then removing gives the cell back. */
	change("甲 1\n乙 2\n丙 3", true, 6, 11, "乙 9 备注", "甲 1\n乙 9 备注\n丙 3");
	change("甲 1\n乙 2\n丙 3", true, 6, 11, NULL, "甲 1\n丙 3");
	change("甲 1\n乙 2", true, 0, 5, NULL, "乙 2");
	change("甲 1\r\n乙 2", true, 7, 12, NULL, "甲 1");
	change("甲 1", true, 0, 5, NULL, "");
}

/* --- where things stand ---------------------------------------------------------- */

static void test_status_rule(void **state)
{
	(void)state;
	assert_int_equal(status_on(20181031, 20181010, 20181015), STATUS_DONE);
	assert_int_equal(status_on(20181031, 20181031, 20181015), STATUS_DONE);
	assert_int_equal(status_on(20180531, 20180620, 20181015), STATUS_DONE_LATE);
	assert_int_equal(status_on(20180930, 0, 20181015), STATUS_OVERDUE);
	assert_int_equal(status_on(20181031, 0, 20181015), STATUS_DUE);
	assert_int_equal(status_on(20181231, 0, 20181015), STATUS_PENDING);
	assert_string_equal(milestone_status_name(STATUS_DONE_LATE), "done_late");
}

static void test_a_unit_stands_by_its_own_line_then_its_group(void **state)
{
	(void)state;
	struct progress own = progress_of(1, 1, "瑞安市政府");
	assert_int_equal(own.source, RECORD_OWN);
	assert_int_equal(own.done_on, 20180520);
	assert_string_equal(own.note, "瑞政发〔2018〕1号");
	assert_int_equal(own.status, STATUS_DONE);
	/* An alias in the cell finds the unit; done after the deadline is late. */
	assert_int_equal(progress_of(1, 1, "永嘉县政府").status, STATUS_DONE_LATE);
	/* 鹿城 has no line of its own: the group's line counts for it. */
	struct progress group = progress_of(1, 1, "鹿城区政府");
	assert_int_equal(group.source, RECORD_GROUP);
	assert_int_equal(group.group, unit("各县（市、区）政府"));
	assert_int_equal(group.done_on, 20180601);
	/* 功能区管委会 is not in the group: 1.1 is overdue for it, and so not
	 * complete, though every county is done. */
	assert_int_equal(progress_of(1, 1, "功能区管委会").status, STATUS_OVERDUE);
	assert_int_equal(milestone_of(1, 1)->completed_on, 0);
	assert_int_equal(progress_of(1, 1, NULL).status, STATUS_OVERDUE);
}

static void test_the_whole_record_and_the_last_unit(void **state)
{
	(void)state;
	/* 4.2 is recorded done for every unit. */
	struct progress whole = progress_of(4, 2, "瑞安市政府");
	assert_int_equal(whole.source, RECORD_WHOLE);
	assert_string_equal(whole.note, "全市已完成");
	/* 5.1 is complete on the day the last of its three units did its part. */
	assert_int_equal(milestone_of(5, 1)->completed_on, 20180428);
	struct progress members = progress_of(5, 1, NULL);
	assert_int_equal(members.source, RECORD_MEMBERS);
	assert_int_equal(members.status, STATUS_DONE);
	/* A group asked as a unit: done when all of its members the milestone
	 * governs are (4.1 names 龙湾 and 洞头; only 龙湾 is done). */
	assert_int_equal(progress_of(4, 1, "各县（市、区）政府").done_on, 0);
	assert_int_equal(progress_of(5, 1, "各县（市、区）政府").done_on, 20180428);
}

/* milestone_leaf_units is milestone_duty asked of every unit that is not a
 * group or a phrase, in directory order. */
static void expect_leaves_as_duty(const struct unit_directory *units, const struct plan *plan)
{
	size_t *leaves = calloc(units->count + 1, sizeof *leaves);
	assert_non_null(leaves);
	for (size_t t = 0; t < plan->task_count; t++) {
		const struct task *task = &plan->tasks[t];
		for (size_t m = 0; m < task->milestone_count; m++) {
			const struct milestone *milestone = &task->milestones[m];
			size_t count = milestone_leaf_units(units, task, milestone, leaves), next = 0;
			for (size_t u = 0; u < units->count; u++) {
				const struct unit *unit = &units->units[u];
				if (unit->is_group || unit->is_phrase || !milestone_duty(units, task, milestone, u).responsible)
					continue;
				assert_true(next < count);
				assert_int_equal(leaves[next++], u);
			}
			assert_int_equal(next, count);
		}
	}
	free(leaves);
}

/* The same for the recorded plan, and with a directory of 600 units (marks
 * in many words of the bitmap, 599 in the last) and groups of groups. */
static void test_leaf_units_are_those_with_duty(void **state)
{
	(void)state;
	expect_leaves_as_duty(recorded.units, recorded.plan);
	struct strbuf units_text = STRBUF_INIT, plan_text = STRBUF_INIT;
	strbuf_printf(&units_text, "name,kind,aliases,members,note\n");
	for (int u = 0; u < 600; u++)
		strbuf_printf(&units_text, "单位%d,%s,,,\n", u, u % 2 ? "city_department" : "county_government");
	strbuf_printf(&units_text, "各县,group,,kind:county_government,\n全体,group,,各县;单位1;单位3,\n");
	strbuf_printf(&plan_text, "plan_title,大目录\nplan_year,2018\n"
				  "id,title,requirement,units_text,units,milestone1_deadline,milestone1_text,milestone1_units\n"
				  "1,甲,6月前做,全体,全体;单位599,2018-05-31,6月前做,\n"
				  "2,乙,6月前做,各县,各县;单位5,2018-05-31,6月前做,单位5;单位598\n"
				  "3,丙,6月前做,单位7,单位7,2018-05-31,6月前做,\n");
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	struct unit_directory *units = units_load_bytes("units.csv", strbuf_text(&units_text), units_text.length,
						       &(struct load_options){ 0 }, &diag);
	assert_non_null(units);
	struct plan *plan = plan_load_bytes("plan.csv", strbuf_text(&plan_text), plan_text.length, units,
					    &(struct load_options){ 0 }, &diag);
	for (size_t i = 0; i < diag.kept_count; i++)
		print_error("%s:%ld: %s\n", diag.kept[i].file, diag.kept[i].line, diag.kept[i].message);
	assert_non_null(plan);
	expect_leaves_as_duty(units, plan);
	size_t leaves[700];
	assert_int_equal(milestone_leaf_units(units, &plan->tasks[0], &plan->tasks[0].milestones[0], leaves), 303);   /* 300 counties, 单位1, 单位3, 单位599 */
	assert_int_equal(milestone_leaf_units(units, &plan->tasks[1], &plan->tasks[1].milestones[0], leaves), 2);
	plan_free(plan);
	units_free(units);
	diagnostics_free(&diag);
	strbuf_free(&units_text);
	strbuf_free(&plan_text);
}

static void test_milestones_name_their_units(void **state)
{
	(void)state;
	const struct task *task = plan_find_task(recorded.plan, 5);
	assert_false(milestone_duty(recorded.units, task, &task->milestones[0], unit("瑞安市政府")).responsible);
	assert_true(milestone_duty(recorded.units, task, &task->milestones[1], unit("瑞安市政府")).responsible);
	size_t leaves[64];
	assert_int_equal(milestone_leaf_units(recorded.units, task, &task->milestones[0], leaves), 3);
	/* Task 5 names its four counties, not their group: the group answers
	 * for none of it. */
	assert_false(milestone_duty(recorded.units, task, &task->milestones[0], unit("各县（市、区）政府")).responsible);
	assert_false(task_duty(recorded.units, task, unit("各县（市、区）政府")).responsible);
	/* Task 4: the group answers for 4.1 through its members; 瑞安 only for 4.2. */
	task = plan_find_task(recorded.plan, 4);
	/* 4.1 names 龙湾 and 洞头, and only 龙湾 is done; recording 洞头's part
	 * (or the group's) makes two of two. */
	size_t count;
	assert_int_equal(milestone_units_done(recorded.units, task, &task->milestones[0], 20181015, EVERY_UNIT, &count), 1);
	assert_int_equal(count, 2);
	assert_int_equal(milestone_units_done(recorded.units, task, &task->milestones[0], 0, unit("洞头区政府"), &count), 2);
	assert_int_equal(milestone_units_done(recorded.units, task, &task->milestones[0], 0, unit("各县（市、区）政府"),
					      &count), 2);
	assert_true(milestone_duty(recorded.units, task, &task->milestones[0], unit("各县（市、区）政府")).responsible);
	assert_false(milestone_duty(recorded.units, task, &task->milestones[0], unit("瑞安市政府")).responsible);
	struct duty duty = task_duty(recorded.units, task, unit("瑞安市政府"));
	assert_true(duty.responsible);
	assert_int_equal(duty.via, unit("各县（市、区）政府"));
	/* Task 4's target lies in 4.1's words: it is 龙湾's and 洞头's. */
	assert_int_equal(task->targets[0].milestone, 0);
	assert_true(target_duty(recorded.units, task, &task->targets[0], unit("洞头区政府")).responsible);
	assert_false(target_duty(recorded.units, task, &task->targets[0], unit("瑞安市政府")).responsible);
	assert_true(target_duty(recorded.units, task, &task->targets[0], unit("各县（市、区）政府")).responsible);
}

static void test_targets_per_unit(void **state)
{
	(void)state;
	const struct target *target = &plan_find_task(recorded.plan, 7)->targets[2];   /* >= 98% */
	struct target_progress own = target_progress(recorded.units, target, unit("市农业局"));
	assert_int_equal(own.source, RECORD_OWN);
	assert_true(own.met);
	own = target_progress(recorded.units, target, unit("市林业局"));
	assert_false(own.met);
	assert_string_equal(own.note, "抽检312批");
	assert_int_equal(own.reported_on, 20181014);
	assert_int_equal(target_progress(recorded.units, target, unit("市海洋与渔业局")).reported_on, 0);
	struct target_progress whole = target_progress(recorded.units, target, EVERY_UNIT);
	assert_int_equal(whole.source, RECORD_WHOLE);
	assert_false(whole.met);
	/* A unit without a line of its own stands by the whole report. */
	target = &plan_find_task(recorded.plan, 12)->targets[1];
	assert_int_equal(target_progress(recorded.units, target, unit("瑞安市政府")).value, 35);
	assert_false(target_progress(recorded.units, target, unit("平阳县政府")).reported);
}

static void test_tally_and_who_is_behind(void **state)
{
	(void)state;
	struct unit_tally ruian, lucheng, zone;
	unit_tally_count(recorded.plan, unit("瑞安市政府"), false, 20181015, &ruian);
	unit_tally_count(recorded.plan, unit("鹿城区政府"), false, 20181015, &lucheng);
	unit_tally_count(recorded.plan, unit("功能区管委会"), false, 20181015, &zone);
	/* 瑞安: 1.1 on time, 4.2 done for every unit, 5.2 and 12.x pending. */
	assert_int_equal(ruian.milestones, 6);
	assert_int_equal(ruian.due_so_far, 1);
	assert_int_equal(ruian.on_time, 2);
	assert_int_equal(ruian.overdue, 0);
	assert_true(unit_tally_completion(&ruian) == 1.0);
	/* 鹿城 did 1.1 late, through its group's line. */
	assert_int_equal(lucheng.late, 1);
	assert_int_equal(zone.overdue, 1);
	assert_true(unit_tally_compare(&zone, &lucheng) < 0);
	assert_true(unit_tally_compare(&lucheng, &ruian) < 0);   /* none overdue, all due done: the late one is behind */
	struct unit_tally none = { .unit = 0 };
	assert_true(unit_tally_completion(&none) < 0);
}

int main(void)
{
	const struct CMUnitTest cells[] = {
		cmocka_unit_test(test_cell_lines),
		cmocka_unit_test(test_cell_change_keeps_other_bytes),
		cmocka_unit_test(test_status_rule),
	};
	const struct CMUnitTest recorded_tests[] = {
		cmocka_unit_test(test_a_unit_stands_by_its_own_line_then_its_group),
		cmocka_unit_test(test_the_whole_record_and_the_last_unit),
		cmocka_unit_test(test_leaf_units_are_those_with_duty),
		cmocka_unit_test(test_milestones_name_their_units),
		cmocka_unit_test(test_targets_per_unit),
		cmocka_unit_test(test_tally_and_who_is_behind),
	};
	return cmocka_run_group_tests_name("cells", cells, NULL, NULL)
	       | cmocka_run_group_tests_name("recorded", recorded_tests, recorded_setup, recorded_teardown);
}
