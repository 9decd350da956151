/*
 * test_import.c - grids made in code (as the source readers would hand
 * them over) imported into plans: the header found by its names however
 * they are spaced, the title and the year, continuation rows and headings,
 * lead and support units, a deadline column, a table without numbers, new
 * units and their kinds, and the errors that stop an import.
 */
#include "testing.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duty/import.h"
#include "duty/import_header.h"
#include "duty/load.h"

/* A grid of rows given as NULL-terminated lists of cells; a row starting
 * with NULL ends the grid. */
static struct grid *make_grid(const char *const *preface, const char *const rows[][8])
{
	struct grid *grid = calloc(1, sizeof *grid);
	arena_init(&grid->arena);
	grid->file = "made.txt";
	grid->kind = SOURCE_TEXT;
	size_t preface_count = 0;
	while (preface && preface[preface_count])
		preface_count++;
	grid->preface = arena_array(&grid->arena, preface_count + 1, sizeof *grid->preface);
	for (size_t p = 0; p < preface_count; p++)
		grid->preface[p] = arena_strdup(&grid->arena, preface[p]);
	grid->preface_count = preface_count;
	size_t row_count = 0;
	while (rows[row_count][0])
		row_count++;
	grid->rows = arena_array(&grid->arena, row_count + 1, sizeof *grid->rows);
	for (size_t r = 0; r < row_count; r++) {
		size_t cells = 0;
		while (cells < 8 && rows[r][cells])
			cells++;
		grid->rows[r].cells = arena_array(&grid->arena, cells + 1, sizeof(const char *));
		for (size_t c = 0; c < cells; c++)
			grid->rows[r].cells[c] = arena_strdup(&grid->arena, rows[r][c]);
		grid->rows[r].count = cells;
		grid->rows[r].line = (long)(r + 1 + preface_count);
	}
	grid->row_count = row_count;
	return grid;
}

static void free_grid(struct grid *grid)
{
	arena_free(&grid->arena);
	free(grid);
}

struct imported {
	struct import *import;
	struct unit_directory *units;
	struct plan *plan;
	struct diagnostics review, diag;
};

static void import_with(struct imported *out, const char *const *preface, const char *const rows[][8],
			const struct import_options *given)
{
	struct grid *grid = make_grid(preface, rows);
	diagnostics_init(&out->review, 100);
	diagnostics_init(&out->diag, 10);
	struct import_options options = given ? *given : (struct import_options){ 0 };
	out->import = import_grid(grid, &options, &out->review, &out->diag);
	out->units = NULL;
	out->plan = NULL;
	if (out->import) {
		struct load_options load = { .thorough = true };
		out->units = units_load_bytes("units.csv", out->import->units_text, out->import->units_size, &load,
					      &out->diag);
		out->plan = plan_load_bytes("plan.csv", out->import->plan_text, out->import->plan_size, out->units, &load,
					    &out->diag);
	}
	for (size_t i = 0; i < out->diag.kept_count; i++)
		if (out->diag.kept[i].severity == SEVERITY_ERROR)
			print_message("%s:%ld: %s\n", out->diag.kept[i].file, out->diag.kept[i].line,
				      out->diag.kept[i].message);
	free_grid(grid);
}

static void release(struct imported *out)
{
	plan_free(out->plan);
	units_free(out->units);
	import_free(out->import);
	diagnostics_free(&out->review);
	diagnostics_free(&out->diag);
}

/* The units of a task, by canonical name, joined by ";". */
static const char *names(const struct imported *out, const size_t *units, size_t count)
{
	static char text[1024];
	text[0] = '\0';
	for (size_t i = 0; i < count; i++) {
		if (i)
			strcat(text, ";");
		strcat(text, out->units->units[units[i]].name);
	}
	return text;
}

static bool reviewed(const struct imported *out, const char *words)
{
	for (size_t i = 0; i < out->review.kept_count; i++)
		if (strstr(out->review.kept[i].message, words))
			return true;
	return false;
}

static void test_headers_are_found_however_they_are_spaced(void **state)
{
	(void)state;
	struct grid_row row = { (const char *[]){ "序  号", "重 点 工 作", "年度进度要求\n", "责任单位：" }, 4, 1 };
	assert_true(import_is_header(&row, NULL));
	struct grid_row full_width = { (const char *[]){ "序号", "工作任务", "完成时限（时间节点）" }, 3, 1 };
	assert_true(import_is_header(&full_width, NULL));
	struct grid_row title = { (const char *[]){ "2019年食品安全重点工作", "", "" }, 3, 1 };
	assert_false(import_is_header(&title, NULL));
	/* A task column alone is not a header; a task and a number column are. */
	struct grid_row one = { (const char *[]){ "重点工作", "备注" }, 2, 1 };
	assert_false(import_is_header(&one, NULL));
	struct grid_row data = { (const char *[]){ "1", "完善追溯体系", "建设平台。", "市农业局" }, 4, 1 };
	assert_false(import_is_header(&data, NULL));
}

static void test_title_year_and_tasks(void **state)
{
	(void)state;
	static const char *const preface[] = { "附件1", "2019年某市食品安全工作责任分工一览表", NULL };
	static const char *const rows[][8] = {
		{ "序　号", "重点工作", "年度进度要求", "责任单位", NULL },
		{ "1", "完善追溯体系", "6月底前建成追溯平台；年底前接入企业500家以上。", "市市场监管局", NULL },
		{ "序号", "重点工作", "年度进度要求", "责任单位", NULL },   /* the header again */
		{ "2", "开展专项整治", "开展校园周边整治。", "市教育局、\n市市场监管局", NULL },
		{ NULL },
	};
	struct imported out;
	import_with(&out, preface, rows, NULL);
	assert_non_null(out.plan);
	assert_string_equal(out.plan->title, "2019年某市食品安全工作责任分工一览表");
	assert_int_equal(out.plan->year, 2019);
	assert_int_equal(out.plan->task_count, 2);
	const struct task *first = &out.plan->tasks[0];
	assert_int_equal(first->milestone_count, 2);
	assert_int_equal(first->milestones[0].deadline, 20190630);
	assert_int_equal(first->milestones[1].deadline, 20191231);
	assert_string_equal(first->milestones[1].phrase, "年底前");
	assert_int_equal(first->target_count, 1);
	assert_int_equal(first->targets[0].op, TARGET_AT_LEAST);
	assert_string_equal(first->targets[0].value_text, "500");
	const struct task *second = &out.plan->tasks[1];
	assert_string_equal(second->units_text, "市教育局、市市场监管局");
	assert_string_equal(names(&out, second->units, second->unit_count), "市教育局;市市场监管局");
	assert_true(second->milestones[0].implied);
	assert_true(reviewed(&out, "no time phrase"));
	assert_true(reviewed(&out, "new unit \"市教育局\""));
	assert_int_equal(out.import->new_unit_count, 2);
	assert_int_equal(out.diag.errors, 0);
	release(&out);
}

static void test_year_from_options_and_from_dates(void **state)
{
	(void)state;
	static const char *const rows[][8] = {
		{ "工作任务", "工作要求", "责任单位", "完成时间", NULL },
		{ "完善应急预案", "修订应急预案。", "市食安办", "2021/6/30", NULL },
		{ "开展演练", "组织一次演练。", "市食安办", "2021-10-31", NULL },
		{ NULL },
	};
	struct imported out;
	import_with(&out, NULL, rows, NULL);
	assert_non_null(out.plan);
	assert_int_equal(out.plan->year, 2021);
	assert_true(reviewed(&out, "taken from the dates in the table"));
	/* Numbered 1..N without a number column. */
	assert_int_equal(out.plan->tasks[0].id, 1);
	assert_int_equal(out.plan->tasks[1].id, 2);
	assert_int_equal(out.plan->tasks[0].milestones[0].deadline, 20210630);
	assert_string_equal(out.plan->tasks[0].deadline_text, "2021/6/30");
	release(&out);

	static const char *const labelled[] = { "附件1：2021年某市食品安全工作任务表", NULL };
	import_with(&out, labelled, rows, NULL);
	assert_string_equal(out.plan->title, "2021年某市食品安全工作任务表");
	release(&out);

	struct import_options options = { .year = 2021, .title = "某市2021年任务" };
	import_with(&out, NULL, rows, &options);
	assert_string_equal(out.plan->title, "某市2021年任务");
	assert_false(reviewed(&out, "taken from the dates"));
	release(&out);

	static const char *const undated[][8] = {
		{ "序号", "重点工作", "责任单位", NULL },
		{ "1", "完善应急预案", "市食安办", NULL },
		{ NULL },
	};
	import_with(&out, NULL, undated, NULL);
	assert_null(out.import);
	assert_int_equal(out.diag.errors, 1);
	assert_non_null(strstr(out.diag.kept[0].message, "--year"));
	release(&out);
}

static void test_continuations_headings_and_merged_units(void **state)
{
	(void)state;
	static const char *const preface[] = { "2020年某县重点工作任务表", NULL };
	static const char *const rows[][8] = {
		{ "序号", "重点工作", "年度进度要求", "责任单位", "完成时限", NULL },
		{ "一、源头治理", "", "", "", "", NULL },
		{ "1", "规范畜禽屠宰", "生猪定点屠宰率达到100%。", "县农业农村局", "6月底前", NULL },
		{ "", "", "建立无害化处理台账。", "县农业农村局", "12月底前", NULL },
		{ "2", "推进农贸市场改造", "完成3家农贸市场改造。", "", "", NULL },   /* units merged from above */
		{ "", "二、过程监管", "", "", "", NULL },
		{ NULL },
	};
	struct imported out;
	import_with(&out, preface, rows, NULL);
	assert_non_null(out.plan);
	assert_int_equal(out.plan->task_count, 2);
	const struct task *first = &out.plan->tasks[0];
	assert_string_equal(first->requirement, "生猪定点屠宰率达到100%。建立无害化处理台账。");
	assert_int_equal(first->milestone_count, 2);
	assert_int_equal(first->milestones[0].deadline, 20200630);
	assert_int_equal(first->milestones[1].deadline, 20201231);
	assert_string_equal(first->deadline_text, "6月底前；12月底前");
	assert_true(reviewed(&out, "continues task 1"));
	const struct task *second = &out.plan->tasks[1];
	assert_string_equal(second->units_text, "县农业农村局");
	assert_true(reviewed(&out, "takes those of task 1"));
	assert_string_equal(names(&out, second->units, second->unit_count), "县农业农村局");
	/* The guessed kind of 县农业农村局. */
	assert_string_equal(out.units->units[second->units[0]].kind, "county_department");
	assert_true(reviewed(&out, "\"二、过程监管\" is taken as a heading"));
	release(&out);
}

static void test_lead_and_support_units(void **state)
{
	(void)state;
	static const char *const preface[] = { "2019年温州市食品安全工作任务分解表", NULL };
	static const char *const rows[][8] = {
		{ "序号", "重点工作", "年度进度要求", "牵头单位", "配合单位", "完成时限", NULL },
		{ "1", "完善考核", "修订考核办法。", "市食安办", "市教育局、市农业局", "2019年9月30日", NULL },
		{ "2", "推进合格证", "通报合格证开具情况。", "市农业局", "市市场监管局（牵头）", "每季度末", NULL },
		{ NULL },
	};
	struct import_options options = { .units_path = SHIPPED_UNITS };
	struct imported out;
	import_with(&out, preface, rows, &options);
	assert_non_null(out.plan);
	const struct task *first = &out.plan->tasks[0];
	assert_string_equal(names(&out, first->units, first->unit_count), "市食安办;市教育局;市农业局");
	assert_string_equal(names(&out, first->lead_units, first->lead_unit_count), "市食安办");
	assert_int_equal(first->milestones[0].deadline, 20190930);
	assert_false(first->milestones[0].implied);
	const struct task *second = &out.plan->tasks[1];
	assert_string_equal(names(&out, second->lead_units, second->lead_unit_count), "市农业局;市市场监管局");
	assert_int_equal(second->milestone_count, 4);
	assert_int_equal(second->milestones[3].deadline, 20191231);
	assert_int_equal(out.import->new_unit_count, 0);
	assert_int_equal(out.diag.warnings, 0);   /* duty check finds nothing to say */
	release(&out);
}

static void test_new_groups_take_in_their_kind(void **state)
{
	(void)state;
	static const char *const preface[] = { "2019年某市分工表", NULL };
	static const char *const rows[][8] = {
		{ "序号", "重点工作", "责任单位", NULL },
		{ "1", "完善考核", "市财政局、市发改委", NULL },
		{ "2", "推进改革", "市食安委各成员单位", NULL },
		{ NULL },
	};
	struct imported out;
	import_with(&out, preface, rows, NULL);
	assert_non_null(out.plan);
	size_t group = units_find(out.units, "市食安委各成员单位", strlen("市食安委各成员单位"));
	size_t finance = units_find(out.units, "市财政局", strlen("市财政局"));
	assert_true(out.units->units[group].is_group);
	assert_true(unit_in_group(out.units, finance, group));
	/* duty check warns about each guessed kind. */
	assert_int_equal(out.diag.warnings, 3);
	release(&out);
}

static void test_odd_tables(void **state)
{
	(void)state;
	struct grid_row lower = { (const char *[]){ "", "", "", "牵 头 单 位", "配合单位", "" }, 6, 3 };
	assert_true(import_is_header_again(&lower));
	assert_false(import_is_header(&lower, NULL));
	struct grid_row heading = { (const char *[]){ "一、强化源头治理", "", "" }, 3, 3 };
	assert_false(import_is_header_again(&heading));

	/* A two-row header whose lower row has only the names under 责任单位
	 * (CSV, Excel), an empty number column (Word's automatic numbering),
	 * the year in Chinese numerals. */
	static const char *const preface[] = { "二〇一九年某市分工表", NULL };
	static const char *const rows[][8] = {
		{ "序号", "工作内容", "责任单位", "", NULL },
		{ "", "", "牵头单位", "配合单位", NULL },
		{ "", "修订考核办法。", "市食安办", "市教育局", NULL },
		{ "", "通报合格证开具情况。", "市农业局", "", NULL },
		{ "", "", "牵头单位", "配合单位", NULL },
		{ "", "开展宣传周活动。", "市市场监管局", "", NULL },
		{ NULL },
	};
	struct imported out;
	import_with(&out, preface, rows, &(struct import_options){ .units_path = SHIPPED_UNITS });
	assert_non_null(out.plan);
	assert_int_equal(out.plan->year, 2019);
	assert_int_equal(out.plan->task_count, 3);
	for (size_t t = 0; t < 3; t++)
		assert_int_equal(out.plan->tasks[t].id, (long)t + 1);
	const struct task *first = &out.plan->tasks[0];
	assert_string_equal(names(&out, first->lead_units, first->lead_unit_count), "市食安办");
	assert_string_equal(names(&out, first->units, first->unit_count), "市食安办;市教育局");
	assert_true(reviewed(&out, "Word's automatic numbering"));
	release(&out);
}

static void test_errors(void **state)
{
	(void)state;
	static const char *const no_header[][8] = {
		{ "2019年工作要点", NULL },
		{ "一、加强监管", NULL },
		{ NULL },
	};
	struct imported out;
	import_with(&out, NULL, no_header, NULL);
	assert_null(out.import);
	assert_non_null(strstr(out.diag.kept[0].message, "no table header"));
	release(&out);

	static const char *const header_only[][8] = {
		{ "序号", "重点工作", "责任单位", NULL },
		{ NULL },
	};
	struct import_options options = { .year = 2019 };
	import_with(&out, NULL, header_only, &options);
	assert_null(out.import);
	assert_non_null(strstr(out.diag.kept[0].message, "no task"));
	release(&out);

	static const char *const no_units[][8] = {
		{ "序号", "重点工作", "年度进度要求", "责任单位", NULL },
		{ "1", "完善考核", "修订考核办法。", "", NULL },
		{ NULL },
	};
	import_with(&out, NULL, no_units, &options);
	assert_null(out.import);
	assert_non_null(strstr(out.diag.kept[0].message, "names no responsible unit"));
	release(&out);

	static const char *const only_etc[][8] = {
		{ "序号", "重点工作", "年度进度要求", "责任单位", NULL },
		{ "1", "完善考核", "修订考核办法。", "等", NULL },
		{ NULL },
	};
	import_with(&out, NULL, only_etc, &options);
	assert_null(out.import);
	assert_string_equal(out.diag.kept[0].file, "made.txt");
	assert_int_equal(out.diag.kept[0].line, 2);
	assert_non_null(strstr(out.diag.kept[0].message, "names no unit"));
	release(&out);

	/* A text source: a cell split in two moved the units; both rows are said. */
	static const char *const wider[][8] = {
		{ "序号", "重点工作", "年度进度要求", "责任单位", NULL },
		{ "1", "完善考核", "修订考核办法", "年底前完成。", "市食安办", NULL },
		{ "2", "推进改革", "开展改革试点。", "市农业局", "", "备注", NULL },
		{ NULL },
	};
	import_with(&out, NULL, wider, &options);
	assert_null(out.import);
	assert_int_equal(out.diag.errors, 2);
	assert_int_equal(out.diag.kept[1].line, 3);
	assert_non_null(strstr(out.diag.kept[0].message, "beyond the header's 4 columns (\"市食安办\")"));
	release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headers_are_found_however_they_are_spaced),
		cmocka_unit_test(test_title_year_and_tasks),
		cmocka_unit_test(test_year_from_options_and_from_dates),
		cmocka_unit_test(test_continuations_headings_and_merged_units),
		cmocka_unit_test(test_lead_and_support_units),
		cmocka_unit_test(test_new_groups_take_in_their_kind),
		cmocka_unit_test(test_odd_tables),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
