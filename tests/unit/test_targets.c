/*
 * test_targets.c - the target rule: every target of the shipped 2018 plan
 * is found in its requirement with the same comparison, value and unit, in
 * the same order; and made-up wordings: <= targets, Chinese numerals, per
 * head units, lists, and numbers that are not targets (dates, years, year
 * ranges, names in quotes).
 */
#include "testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duty/targets.h"

struct collected {
	char lines[16][256];
	size_t count;
	const char *text;
};

static bool collect(const struct found_target *target, void *context)
{
	struct collected *c = context;
	if (c->count < 16)
		snprintf(c->lines[c->count], sizeof c->lines[0], "%s %s %s|%s|%.*s", target_op_text(target->op),
			 target->value, target->unit, target->metric, (int)target->text_length,
			 c->text + target->text_start);
	c->count++;
	return true;
}

static struct collected find(const char *text)
{
	struct collected c = { .count = 0, .text = text };
	assert_true(targets_find(text, strlen(text), collect, &c));
	return c;
}

/* "op value unit" of each target, joined by "; ". */
static const char *summary(const char *text)
{
	static char out[1024];
	struct collected c = find(text);
	out[0] = '\0';
	for (size_t i = 0; i < c.count && i < 16; i++) {
		char *bar = strchr(c.lines[i], '|');
		if (i)
			strcat(out, "; ");
		strncat(out, c.lines[i], (size_t)(bar - c.lines[i]));
	}
	return out;
}

static void test_every_target_of_the_shipped_plan(void **state)
{
	(void)state;
	size_t total = 0;
	for (size_t t = 0; t < shipped.plan->task_count; t++) {
		const struct task *task = &shipped.plan->tasks[t];
		struct collected c = find(task->requirement);
		if (c.count != task->target_count)
			print_error("task %ld: %zu targets found, %zu in the plan\n", task->id, c.count,
				    (size_t)task->target_count);
		assert_int_equal(c.count, task->target_count);
		for (size_t k = 0; k < task->target_count; k++) {
			const struct target *target = &task->targets[k];
			char want[256];
			snprintf(want, sizeof want, "%s %s %s", target_op_text(target->op), target->value_text,
				 target->unit);
			char got[256];
			snprintf(got, sizeof got, "%.*s", (int)(strchr(c.lines[k], '|') - c.lines[k]), c.lines[k]);
			if (strcmp(want, got) != 0)
				print_error("task %ld target %zu: %s, expected %s\n", task->id, k + 1, got, want);
			assert_string_equal(got, want);
		}
		total += c.count;
	}
	assert_int_equal(total, 31);
}

static void test_comparisons(void **state)
{
	(void)state;
	assert_string_equal(summary("食品抽检合格率达到98%以上"), ">= 98 %");
	assert_string_equal(summary("发病率控制在3/10万以下"), "<= 3 /10万");
	assert_string_equal(summary("投诉处理时限不超过15个工作日"), "<= 15 个工作日");
	assert_string_equal(summary("不合格率不高于2％"), "<= 2 %");
	assert_string_equal(summary("办结时间压缩至3天以内"), "<= 3 天");
	assert_string_equal(summary("新建放心市场20家"), "= 20 家");
	assert_string_equal(summary("培训人数不少于500人次"), ">= 500 人次");
	assert_string_equal(summary("抽检量达4批次/千人"), ">= 4 批次/千人");
	assert_string_equal(summary("平均得分85分以上"), ">= 85 分");
	assert_string_equal(summary("覆盖率提高到百分之九十"), ">= 90 %");
	assert_string_equal(summary("完成1,200家企业评级"), "= 1200 家");
}

static void test_chinese_numerals(void **state)
{
	(void)state;
	assert_string_equal(summary("至少开展一次系统培训"), ">= 1 次");
	assert_string_equal(summary("建设两个示范区"), "= 2 个");
	assert_string_equal(summary("培育十二家龙头企业"), "= 12 家");
	assert_string_equal(summary("每季度开展一次联合检查"), "= 1 次");
	/* Numerals inside words are no counts. */
	assert_string_equal(summary("进一步规范“三小一摊”，统一标准，一次性告知，十分重要，千万学生，一起推进"), "");
}

static void test_not_targets(void **state)
{
	(void)state;
	assert_string_equal(summary("到2018年底全面完成"), "");
	assert_string_equal(summary("实施《三年行动计划（2018-2020）》"), "");
	assert_string_equal(summary("5月前完成，6月底前验收，3月15日前上报，第一季度"), "");
	assert_string_equal(summary("深化“最多跑一次”改革"), "");
	assert_string_equal(summary("3个月内完成整改，2019年工作要点"), "");
	assert_string_equal(summary("1.加强监管；2.开展培训"), "");
	assert_string_equal(summary("开展ISO22000认证和5G应用"), "");
}

static void test_lists_metrics_and_text(void **state)
{
	(void)state;
	struct collected c = find("市、县级风险监测能力分别达到省定参考品目的80%、70%");
	assert_int_equal(c.count, 2);
	assert_string_equal(c.lines[0], ">= 80 %|市、县级风险监测能力达到省定参考品目|市、县级风险监测能力分别达到省定参考品目的80%");
	assert_string_equal(c.lines[1], ">= 70 %|市、县级风险监测能力达到省定参考品目|市、县级风险监测能力分别达到省定参考品目的80%、70%");
	assert_string_equal(summary("蔬菜、水果合格率分别为95%、97%以上"), ">= 95 %; >= 97 %");
	c = find("建立40个养殖尾水治理示范场、示范点");
	assert_string_equal(c.lines[0], "= 40 个|建立养殖尾水治理示范场|建立40个养殖尾水治理示范场");
	c = find("全年市本级定量监测1400批次以上");
	assert_string_equal(c.lines[0], ">= 1400 批次|市本级定量监测|全年市本级定量监测1400批次以上");
	c = find("年内建成15家以上乡镇农贸市场检测室并免费对外开放");
	assert_string_equal(c.lines[0], ">= 15 家|建成乡镇农贸市场检测室|年内建成15家以上乡镇农贸市场检测室");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_target_of_the_shipped_plan),
		cmocka_unit_test(test_comparisons),
		cmocka_unit_test(test_chinese_numerals),
		cmocka_unit_test(test_not_targets),
		cmocka_unit_test(test_lists_metrics_and_text),
	};
	return cmocka_run_group_tests(tests, shipped_setup, shipped_teardown);
}
