/*
 * test_split.c - the split rule: every requirement of the shipped plan
 * cut into exactly its milestones (text, phrase, deadline, implied, in
 * deadline order); and made-up requirements with a deadline cell,
 * recurring phrases and unknown phrases.
 */
#include "testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duty/split.h"

struct parts {
	char lines[32][512];
	date_t deadlines[32];
	size_t count;
	const char *text;
};

static bool collect(const struct requirement_part *part, void *context)
{
	struct parts *p = context;
	for (size_t d = 0; d < part->deadlines.count && p->count < 32; d++) {
		char date[DATE_TEXT_SIZE];
		date_format(part->deadlines.dates[d], date);
		snprintf(p->lines[p->count], sizeof p->lines[0], "%s [%.*s]%s %.*s", date, (int)part->phrase_length,
			 part->phrase ? part->phrase : "", part->deadlines.implied ? " implied" : "", (int)part->length,
			 p->text + part->start);
		p->deadlines[p->count] = part->deadlines.dates[d];
		p->count++;
	}
	return true;
}

/* Parts as "date [phrase] text" in deadline order (stable), joined by "\n". */
static const char *split(const char *text, const char *cell, int year)
{
	static struct parts p;
	static char out[8192];
	memset(&p, 0, sizeof p);
	p.text = text;
	assert_true(requirement_split(text, strlen(text), cell, year, collect, &p));
	/* Insertion sort keeps equal deadlines in text order. */
	for (size_t i = 1; i < p.count; i++)
		for (size_t j = i; j > 0 && p.deadlines[j - 1] > p.deadlines[j]; j--) {
			char line[512];
			date_t date = p.deadlines[j];
			memcpy(line, p.lines[j], sizeof line);
			memcpy(p.lines[j], p.lines[j - 1], sizeof line);
			memcpy(p.lines[j - 1], line, sizeof line);
			p.deadlines[j] = p.deadlines[j - 1];
			p.deadlines[j - 1] = date;
		}
	out[0] = '\0';
	for (size_t i = 0; i < p.count; i++) {
		if (i)
			strcat(out, "\n");
		strcat(out, p.lines[i]);
	}
	return out;
}

static void test_every_requirement_of_the_shipped_plan(void **state)
{
	(void)state;
	size_t total = 0;
	for (size_t t = 0; t < shipped.plan->task_count; t++) {
		const struct task *task = &shipped.plan->tasks[t];
		char want[8192] = "";
		for (size_t m = 0; m < task->milestone_count; m++) {
			const struct milestone *milestone = &task->milestones[m];
			char date[DATE_TEXT_SIZE];
			date_format(milestone->deadline, date);
			char line[1024];
			snprintf(line, sizeof line, "%s%s [%s]%s %s", m ? "\n" : "", date, milestone->phrase,
				 milestone->implied ? " implied" : "", milestone_words(task, milestone));
			strcat(want, line);
		}
		const char *got = split(task->requirement, NULL, shipped.plan->year);
		if (strcmp(got, want) != 0)
			print_error("task %ld:\n%s\nexpected:\n%s\n", task->id, got, want);
		assert_string_equal(got, want);
		total += task->milestone_count;
	}
	assert_int_equal(total, 52);
}

static void test_deadline_cells(void **state)
{
	(void)state;
	/* A requirement without time phrases: one milestone, the whole text. */
	assert_string_equal(split("制定实施方案；开展专项检查。", "2019年6月底前", 2019),
			    "2019-06-30 [2019年6月底前] 制定实施方案；开展专项检查");
	assert_string_equal(split("制定实施方案。", "2019-09-30", 2019), "2019-09-30 [2019-09-30] 制定实施方案");
	assert_string_equal(split("制定实施方案。", "长期坚持", 2019), "2019-12-31 [长期坚持] 制定实施方案");
	/* With time phrases of its own, the cell governs the parts without one. */
	assert_string_equal(split("3月底前制定方案；开展检查。", "2019年10月", 2019),
			    "2019-03-31 [3月底前] 3月底前制定方案\n2019-10-31 [2019年10月] 开展检查");
	/* Several times in the cell: the last. */
	assert_string_equal(split("建设平台。", "6月底前启动，12月底前完成", 2019),
			    "2019-12-31 [12月底前] 建设平台");
	/* A cell the rule does not know: the year's end, implied, the cell as phrase. */
	assert_string_equal(split("建设平台。", "按省统一部署", 2019), "2019-12-31 [按省统一部署] implied 建设平台");
	/* Recurring: one milestone per occurrence. */
	assert_string_equal(split("报送工作进展。", "每季度末", 2019),
			    "2019-03-31 [每季度末] 报送工作进展\n2019-06-30 [每季度末] 报送工作进展\n"
			    "2019-09-30 [每季度末] 报送工作进展\n2019-12-31 [每季度末] 报送工作进展");
}

static void test_phrases_in_the_text(void **state)
{
	(void)state;
	assert_string_equal(split("每月10日前报送检查情况；2月底前完成部署。", NULL, 2020),
			    "2020-01-10 [每月10日前] 每月10日前报送检查情况\n"
			    "2020-02-10 [每月10日前] 每月10日前报送检查情况\n"
			    "2020-02-29 [2月底前] 2月底前完成部署\n"
			    "2020-03-10 [每月10日前] 每月10日前报送检查情况\n"
			    "2020-04-10 [每月10日前] 每月10日前报送检查情况\n"
			    "2020-05-10 [每月10日前] 每月10日前报送检查情况\n"
			    "2020-06-10 [每月10日前] 每月10日前报送检查情况\n"
			    "2020-07-10 [每月10日前] 每月10日前报送检查情况\n"
			    "2020-08-10 [每月10日前] 每月10日前报送检查情况\n"
			    "2020-09-10 [每月10日前] 每月10日前报送检查情况\n"
			    "2020-10-10 [每月10日前] 每月10日前报送检查情况\n"
			    "2020-11-10 [每月10日前] 每月10日前报送检查情况\n"
			    "2020-12-10 [每月10日前] 每月10日前报送检查情况");
	assert_string_equal(split("上半年完成摸底，下半年全面推开", NULL, 2019),
			    "2019-06-30 [上半年] 上半年完成摸底\n2019-12-31 [下半年] 下半年全面推开");
	assert_string_equal(split("国庆前完成整治。", NULL, 2019), "2019-12-31 [国庆前] implied 国庆前完成整治");
	assert_string_equal(split("第一季度末前出台方案、第三季度完成验收", NULL, 2019),
			    "2019-03-31 [第一季度末前] 第一季度末前出台方案\n2019-09-30 [第三季度] 第三季度完成验收");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_requirement_of_the_shipped_plan),
		cmocka_unit_test(test_deadline_cells),
		cmocka_unit_test(test_phrases_in_the_text),
	};
	return cmocka_run_group_tests(tests, shipped_setup, shipped_teardown);
}
