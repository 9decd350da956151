/*
 * test_grid.c - the source readers (grid.h): the cells, row numbers and
 * preface each kind of source gives, merged cells, dates and numbers as a
 * reader sees them, and a clear message for each malformed source. The
 * inputs are in tests/data/import/ (made by make_fixtures.py there).
 */
#include "testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duty/grid.h"
#include "duty/safefile.h"
#include "duty/source.h"
#include "duty/utf8.h"

#define IMPORT_DIR TEST_DATA_DIR "/import/"

/* A header names at least two known columns, as the importer's does. */
static bool is_header(const struct grid_row *row, void *context)
{
	(void)context;
	static const char *const names[] = { "序号", "重点工作", "年度进度要求", "责任单位", "工作任务",
					     "工作要求", "牵头单位", "配合单位", "完成时限", NULL };
	int found = 0;
	for (size_t i = 0; i < row->count; i++)
		for (size_t n = 0; names[n]; n++)
			found += strcmp(row->cells[i], names[n]) == 0;
	return found >= 2;
}

/* A header that has one given cell (context). */
static bool has_cell(const struct grid_row *row, void *context)
{
	for (size_t i = 0; i < row->count; i++)
		if (strcmp(row->cells[i], context) == 0)
			return true;
	return false;
}

static struct grid *read_source(const char *name, struct diagnostics *diag)
{
	char path[512];
	snprintf(path, sizeof path, IMPORT_DIR "%s", name);
	diagnostics_init(diag, 8);
	struct grid *grid = source_read(path, ENCODING_AUTO, is_header, NULL, diag);
	for (size_t i = 0; grid == NULL && i < diag->kept_count; i++)
		print_message("%s: %s\n", name, diag->kept[i].message);
	return grid;
}

static struct grid *read_ok(const char *name)
{
	struct diagnostics diag;
	struct grid *grid = read_source(name, &diag);
	assert_non_null(grid);
	assert_int_equal(diag.errors, 0);
	diagnostics_free(&diag);
	return grid;
}

static const char *cell(const struct grid *grid, size_t row, size_t column)
{
	assert_true(row < grid->row_count);
	return column < grid->rows[row].count ? grid->rows[row].cells[column] : "";
}

static void assert_row(const struct grid *grid, size_t row, long line, const char *const *cells, size_t count)
{
	assert_true(row < grid->row_count);
	assert_int_equal(grid->rows[row].line, line);
	assert_int_equal(grid->rows[row].count, count);
	for (size_t i = 0; i < count; i++)
		assert_string_equal(grid->rows[row].cells[i], cells[i]);
}

#define ROW(grid, row, line, ...)                                                              \
	do {                                                                                   \
		static const char *const cells_[] = { __VA_ARGS__ };                           \
		assert_row((grid), (row), (line), cells_, sizeof cells_ / sizeof cells_[0]);  \
	} while (0)

/* The source fails with one error whose message holds expected. */
static void assert_refused(const char *name, const char *expected)
{
	struct diagnostics diag;
	char path[512];
	snprintf(path, sizeof path, IMPORT_DIR "%s", name);
	diagnostics_init(&diag, 8);
	struct grid *grid = source_read(path, ENCODING_AUTO, is_header, NULL, &diag);
	assert_null(grid);
	assert_int_equal(diag.errors, 1);
	assert_string_equal(diag.kept[0].file, path);
	if (!strstr(diag.kept[0].message, expected))
		fail_msg("%s: \"%s\" does not say \"%s\"", name, diag.kept[0].message, expected);
	diagnostics_free(&diag);
}

static struct grid *read_memory(const char *text, size_t size, struct diagnostics *diag)
{
	diagnostics_init(diag, 8);
	return source_read_bytes("memory", text, size, ENCODING_AUTO, is_header, NULL, diag);
}

static void assert_memory_refused(const char *text, size_t size, const char *expected)
{
	struct diagnostics diag;
	struct grid *grid = read_memory(text, size, &diag);
	assert_null(grid);
	assert_true(diag.errors >= 1);
	if (!strstr(diag.kept[0].message, expected))
		fail_msg("\"%s\" does not say \"%s\"", diag.kept[0].message, expected);
	diagnostics_free(&diag);
}

/* ---- text laid out as the 2018 source ---- */

static void test_seed_layout_gives_the_preface_and_a_row_per_block(void **state)
{
	(void)state;
	struct grid *grid = read_ok("source_2018_seed.txt");
	assert_int_equal(grid->kind, SOURCE_TEXT);
	assert_string_equal(source_kind_name(grid->kind), "text");
	assert_null(grid->part);
	assert_int_equal(grid->encoding, ENCODING_UTF8);
	assert_int_equal(grid->preface_count, 2);
	assert_string_equal(grid->preface[0], "附件");
	assert_string_equal(grid->preface[1], "2018年温州市食品安全工作责任分工一览表");
	ROW(grid, 0, 5, "序号", "重点工作", "年度进度要求", "责任单位");
	ROW(grid, 1, 10, "1", "建立完善党政同责制度", "6月前各县（市、区）出台食品安全“党政同责”实施细则。",
	    "各县（市、区）政府、功能区管委会");
	/* 32 tasks, and the header at the top and after each of 3 page breaks. */
	size_t headers = 0, tasks = 0;
	for (size_t r = 0; r < grid->row_count; r++) {
		assert_int_equal(grid->rows[r].count, 4);
		if (strcmp(cell(grid, r, 0), "序号") == 0)
			headers++;
		else
			assert_int_equal(atoi(cell(grid, r, 0)), (int)++tasks);
	}
	assert_int_equal(tasks, 32);
	assert_int_equal(headers, 4);
	/* A line without a tab goes on with the cell above. */
	for (size_t r = 0; r < grid->row_count; r++) {
		if (strcmp(cell(grid, r, 0), "13") == 0)
			assert_string_equal(cell(grid, r, 3), "各县（市、区）政府、功能区，\n市综合行政执法局、市市场监管局");
		if (strcmp(cell(grid, r, 0), "23") == 0)
			assert_string_equal(cell(grid, r, 3), "市农业局、市林业局、\n市海洋与渔业局、市市场监管局等");
	}
	grid_free(grid);
}

static void test_cell_lines_with_crlf_and_without_tabs(void **state)
{
	(void)state;
	struct grid *grid = read_ok("lines_2020_crlf.txt");
	assert_int_equal(grid->kind, SOURCE_TEXT);
	assert_int_equal(grid->preface_count, 2);
	assert_string_equal(grid->preface[0], "附件2");
	assert_string_equal(grid->preface[1], "2020年某市食品安全工作责任分工一览表");
	assert_int_equal(grid->row_count, 4);
	ROW(grid, 0, 5, "序号", "重点工作", "年度进度要求", "责任单位");
	ROW(grid, 1, 10, "1", "强化源头治理", "4月中旬前完成耕地土壤普查。", "市农业农村局、\n市生态环境局");
	ROW(grid, 2, 16, "序号", "重点工作", "年度进度要求", "责任单位");
	ROW(grid, 3, 21, "2", "推进放心消费", "下半年开展满意度测评。", "市市场监管局");
	grid_free(grid);

	grid = read_ok("lines_plain.txt");
	assert_int_equal(grid->kind, SOURCE_TEXT);
	assert_int_equal(grid->preface_count, 1);
	assert_string_equal(grid->preface[0], "2019年某镇食品安全工作安排");
	assert_int_equal(grid->row_count, 3);
	ROW(grid, 0, 3, "序号", "重点工作", "责任单位");
	ROW(grid, 1, 7, "1", "规范小餐饮登记", "镇市场监管所");
	ROW(grid, 2, 11, "2", "开展节前检查", "镇食安办");
	grid_free(grid);
}

static void test_a_lone_tab_line_is_an_empty_cell(void **state)
{
	(void)state;
	const char *text = "\t序号\n\t重点工作\n\t责任单位\n\n\t1\n\t任务甲\n\t\n\n\t\n\t任务乙\n\t市食安办\n";
	struct diagnostics diag;
	struct grid *grid = read_memory(text, strlen(text), &diag);
	assert_non_null(grid);
	assert_int_equal(grid->row_count, 3);
	ROW(grid, 1, 5, "1", "任务甲", "");
	ROW(grid, 2, 9, "", "任务乙", "市食安办");
	grid_free(grid);
	diagnostics_free(&diag);
}

/* ---- CSV and TSV ---- */

static void test_gbk_csv_with_crlf_and_a_title_row(void **state)
{
	(void)state;
	struct grid *grid = read_ok("plan_gbk_crlf.csv");
	assert_int_equal(grid->kind, SOURCE_CSV);
	assert_int_equal(grid->encoding, ENCODING_GB18030);
	assert_int_equal(grid->preface_count, 0);
	assert_int_equal(grid->row_count, 4);   /* the row of empty cells is dropped */
	ROW(grid, 0, 1, "2019年某区食品安全工作要点分工表", "", "", "");
	ROW(grid, 1, 3, "序号", "重点工作", "年度进度要求", "责任单位");
	ROW(grid, 2, 4, "1", "开展食品安全宣传周活动", "6月底前组织宣传周活动。", "区食安办");
	ROW(grid, 3, 5, "2", "加强节日市场监管", "元旦、春节期间开展专项检查，2月底前报送总结。",
	    "区市场监管局、各街道办事处");
	grid_free(grid);
}

static void test_tsv_with_a_repeated_header(void **state)
{
	(void)state;
	struct grid *grid = read_ok("plan_2020.tsv");
	assert_int_equal(grid->kind, SOURCE_CSV);
	assert_int_equal(grid->row_count, 5);
	ROW(grid, 0, 1, "2020年某县重点工作任务表");
	ROW(grid, 1, 3, "序号", "重点工作", "年度进度要求", "责任单位");
	ROW(grid, 2, 4, "1", "推进智慧监管", "10月底前建成监管平台。", "县市场监管局");
	ROW(grid, 3, 5, "序号", "重点工作", "年度进度要求", "责任单位");
	ROW(grid, 4, 6, "2", "开展风险监测", "每季度末前报送监测数据。", "县卫生健康局");
	grid_free(grid);
}

static void test_csv_with_bom_and_a_line_break_in_a_cell(void **state)
{
	(void)state;
	struct grid *grid = read_ok("plan_bom.csv");
	assert_int_equal(grid->kind, SOURCE_CSV);
	assert_int_equal(grid->encoding, ENCODING_UTF8);
	assert_int_equal(grid->row_count, 2);
	ROW(grid, 0, 1, "序号", "重点工作", "年度进度要求", "责任单位");
	ROW(grid, 1, 2, "1", "完善追溯体系", "上半年完成系统对接；\n年底前实现全覆盖。", "市农业农村局");
	grid_free(grid);
}

static void test_layouts_are_tried_until_one_has_a_header(void **state)
{
	(void)state;
	/* Commas in most lines suggest CSV, but only cell lines have a header. */
	const char *text = "序号\n重点工作\n\n1,1\n甲,乙\n";
	struct diagnostics diag;
	struct grid *grid = read_memory(text, strlen(text), &diag);
	assert_non_null(grid);
	assert_int_equal(diag.errors, 0);
	assert_int_equal(grid->kind, SOURCE_TEXT);
	ROW(grid, 1, 4, "1,1", "甲,乙");
	grid_free(grid);
	diagnostics_free(&diag);

	/* UTF-16 (Excel's "Unicode text") with a byte order mark: TSV. */
	static const char utf16[] = "\xFF\xFE\x8F\x5E\xF7\x53\t\0\xCD\x91\xB9\x70\xE5\x5D\x5C\x4F\n\0"
				    "1\0\t\0\x32\x75\n\0";
	grid = read_memory(utf16, sizeof utf16 - 1, &diag);
	assert_non_null(grid);
	assert_int_equal(grid->kind, SOURCE_CSV);
	ROW(grid, 0, 1, "序号", "重点工作");
	ROW(grid, 1, 2, "1", "甲");
	grid_free(grid);
	diagnostics_free(&diag);
}

/* ---- Word ---- */

static void test_word_table_with_merged_cells(void **state)
{
	(void)state;
	struct grid *grid = read_ok("plan_2020.docx");
	assert_int_equal(grid->kind, SOURCE_DOCX);
	assert_string_equal(grid->part, "table 2");   /* the layout table above has no header */
	assert_int_equal(grid->preface_count, 3);
	assert_string_equal(grid->preface[0], "附件1");
	assert_string_equal(grid->preface[1], "2020年某市食品安全重点工作任务分解表");
	assert_string_equal(grid->preface[2], "（按责任单位排列）");
	assert_int_equal(grid->row_count, 7);
	/* 责任单位 spans two grid columns; 序号... are merged down a row. */
	ROW(grid, 0, 1, "序号", "重点工作", "年度进度要求", "责任单位", "");
	ROW(grid, 1, 2, "序号", "重点工作", "年度进度要求", "牵头单位", "配合单位");
	/* Two paragraphs in a cell. */
	ROW(grid, 2, 3, "1", "完善食品安全责任制", "3月底前制定年度考核方案。\n6月底前完成半年评估。", "市食安办",
	    "市市场监管局");
	/* 市食安办 merged over tasks 1 and 2: the same units for each. */
	ROW(grid, 3, 4, "2", "强化校园食品安全", "每季度末前开展一次学校食堂检查。", "市食安办", "市教育局");
	/* A line break inside a paragraph. */
	ROW(grid, 4, 5, "3", "推进农贸市场改造", "2月29日前完成摸底。", "市市场监管局",
	    "各县（市、区）政府、\n功能区管委会");
	/* The header again, as after a page break: kept for the importer. */
	ROW(grid, 5, 6, "序号", "重点工作", "年度进度要求", "牵头单位", "配合单位");
	/* A table nested in a cell: its text in the cell, no rows of its own. */
	ROW(grid, 6, 7, "4", "开展专项整治", "上半年完成以下整治：\n保健食品\n农村集体聚餐", "市公安局",
	    "市农业农村局");
	grid_free(grid);
}

static void test_word_tracked_changes_text_boxes_and_runs(void **state)
{
	(void)state;
	struct grid *grid = read_ok("word_features.docx");
	assert_string_equal(grid->part, "table 1");
	assert_int_equal(grid->preface_count, 1);
	assert_string_equal(grid->preface[0], "2020年某市任务表");
	assert_int_equal(grid->row_count, 2);
	ROW(grid, 0, 1, "序号", "重点工作", "责任单位");
	ROW(grid, 1, 2, "", "完善 追溯", "市农业\n农村局-甲");
	grid_free(grid);
}

/* ---- Excel ---- */

static void test_excel_sheet_with_merges_strings_numbers_and_dates(void **state)
{
	(void)state;
	struct grid *grid = read_ok("plan_2019.xlsx");
	assert_int_equal(grid->kind, SOURCE_XLSX);
	assert_string_equal(grid->part, "任务表");   /* the notes sheet before it has no header */
	assert_int_equal(grid->preface_count, 0);
	assert_int_equal(grid->row_count, 5);
	/* The title merged across A1:F1 is a row; the cells to its right stay empty. */
	ROW(grid, 0, 1, "2019年某县食品安全重点工作任务清单");
	ROW(grid, 1, 3, "序号", "工作任务", "工作要求", "牵头单位", "配合单位", "完成时限");
	/* Numbers as shown; a date with the built-in format 14; a boolean. */
	ROW(grid, 2, 4, "1", "强化校园食品安全", "学校食堂“明厨亮灶”覆盖率达到95.5%以上。", "县教育局",
	    "县市场监管局", "2019-06-30", "0.3", "TRUE");
	/* An inline string with an escaped CR; D5 under the merged D4:D5;
	 * a date in yyyy"年"m"月"d"日". */
	ROW(grid, 3, 5, "2", "开展农村\n家宴整治", "每月底前报送家宴备案情况。", "县教育局", "各乡镇人民政府",
	    "2019-12-31", "1234567");
	/* Rich text runs joined, the phonetic guide left out; a gap filled;
	 * a percentage; a formula's text. */
	ROW(grid, 4, 6, "3", "推进追溯体系建设", "全年抽检 4.5 批次/千人。", "县农业农村局", "", "", "95%", "合计");
	grid_free(grid);
}

static void test_excel_1904_dates_and_the_leap_day(void **state)
{
	(void)state;
	struct grid *grid = read_ok("date1904.xlsx");
	assert_string_equal(grid->part, "Sheet1");
	ROW(grid, 1, 2, "1", "闰日任务", "2020-02-29");
	grid_free(grid);
}

static void test_excel_numbers_dates_and_times_as_shown(void **state)
{
	(void)state;
	struct grid *grid = read_ok("numbers.xlsx");
	assert_string_equal(grid->part, "数字");
	assert_int_equal(grid->row_count, 3);
	ROW(grid, 0, 1, "序号", "重点工作");
	/* Cells without references follow each other from A; the row has no
	 * number, so it is the one after row 1. Excel's long forms are
	 * shortened; huge numbers keep an exponent; [$-804]yyyy"年"... is a
	 * date (45 is 1900-02-14), [h]:mm is not; m"月" is; 0.0% is a
	 * percentage; 57 is a built-in Chinese date format with a time; day
	 * 60 is Excel's 1900-02-29; "0x10" is not a number Excel writes. */
	ROW(grid, 1, 2, "0.005", "0.3", "0", "1e+20", "1.23456789012346e+17", "-2.5", "1900-02-14", "1.5",
	    "2020-06-18", "12.5%", "2020-03-01", "1900-02-29", "0x10");
	/* $B$4 places the error; the cells after it follow on. */
	ROW(grid, 2, 4, "", "#N/A", "2020-02-29", "FALSE");
	grid_free(grid);
}

static void test_the_first_sheet_or_table_with_the_header_wins(void **state)
{
	(void)state;
	struct diagnostics diag;
	diagnostics_init(&diag, 8);
	struct grid *grid = source_read(IMPORT_DIR "plan_2019.xlsx", ENCODING_AUTO, has_cell, "附表中的任务", &diag);
	assert_non_null(grid);
	assert_string_equal(grid->part, "附表");
	ROW(grid, 0, 1, "序号", "工作任务");
	grid_free(grid);
	grid = source_read(IMPORT_DIR "plan_2020.docx", ENCODING_AUTO, has_cell, "印发日期：2020年1月10日", &diag);
	assert_non_null(grid);
	assert_string_equal(grid->part, "table 1");
	assert_int_equal(grid->preface_count, 2);
	grid_free(grid);
	assert_int_equal(diag.errors, 0);
	grid = source_read(IMPORT_DIR "plan_2020.docx", ENCODING_AUTO, has_cell, "没有的列", &diag);
	assert_null(grid);
	assert_int_equal(diag.errors, 1);
	assert_string_equal(diag.kept[0].message, "none of the 2 tables in the document has a header row naming the columns");
	diagnostics_free(&diag);
}

/* ---- malformed sources ---- */

static void test_malformed_sources_are_refused_with_a_reason(void **state)
{
	(void)state;
	assert_refused("no_table.docx", "the document has no table");
	assert_refused("truncated.docx", "cannot be read as one");
	assert_refused("broken_xml.docx", "word/document.xml, line 2: the XML is broken");
	assert_refused("no_header.xlsx", "none of the 2 sheets of the workbook has a header row");
	assert_refused("no_sheet.xlsx", "the workbook has no worksheet");
	assert_refused("bad_reference.xlsx", "xl/worksheets/sheet1.xml, line 1: a cell reference that is not a column "
					     "and row like C5: \"2A\"; the file is damaged");
	assert_refused("empty.txt", "the file is empty; expected a table");
	assert_refused("image.png", "binary data (a NUL byte at byte 8)");
	assert_refused("legacy.doc", "an old-format Word or Excel file (.doc, .xls");
	assert_refused("other.zip", "a ZIP archive that is neither a Word document");
	assert_refused("missing.docx", "cannot open the file");
}

static void test_text_without_a_header_or_with_broken_quotes(void **state)
{
	(void)state;
	const char *csv = "甲,乙\n1,2\n";
	assert_memory_refused(csv, strlen(csv), "no row names the columns: expected a header row (comma-separated)");
	const char *tsv = "甲\t乙\n1\t2\n";
	assert_memory_refused(tsv, strlen(tsv), "no row names the columns: expected a header row (tab-separated)");
	const char *lines = "甲\n乙\n\n丙\n丁\n";
	assert_memory_refused(lines, strlen(lines), "no block of lines names the columns");
	const char *broken = "序号,重点工作\n1,\"unclosed\n";
	assert_memory_refused(broken, strlen(broken), "closing quote never comes");
	const char *blank = "\xEF\xBB\xBF \r\n\t\n";
	assert_memory_refused(blank, strlen(blank), "the file is empty");
	static const char random[] = "\x13\x37\xFF\x00\xC0\x01";
	assert_memory_refused(random, sizeof random - 1, "binary data");
	assert_memory_refused("%PDF-1.7\n", 9, "a PDF file");
	assert_memory_refused("<html><table>", 13, "an HTML or XML file");
	assert_memory_refused("PK\3\4garbage", 11, "cannot be read as one");
	assert_memory_refused("\xFF\xFE\x00\xD8", 4, "not valid UTF-16");
}

/* A member that would inflate past the limit, whether its directory entry
 * says so (refused unread) or lies (refused while reading). */
static void test_zip_bombs_are_refused(void **state)
{
	(void)state;
	assert_refused("bomb.docx", "word/document.xml would inflate to 73400345 bytes, more than the 64 MiB");
	char *bytes;
	size_t size;
	struct diagnostics diag;
	diagnostics_init(&diag, 8);
	assert_true(file_read(IMPORT_DIR "bomb.docx", &bytes, &size, &diag));
	/* The sizes in the local header (offset 22) and the central directory
	 * entry (offset 24) say 1000 bytes. */
	memcpy(bytes + 22, "\xE8\x03\0\0", 4);
	char *central = NULL;
	for (size_t i = size - 4; i > 0 && !central; i--)
		if (memcmp(bytes + i, "PK\1\2", 4) == 0)
			central = bytes + i;
	assert_non_null(central);
	memcpy(central + 24, "\xE8\x03\0\0", 4);
	assert_memory_refused(bytes, size, "word/document.xml inflates to more than the 64 MiB");
	free(bytes);
	diagnostics_free(&diag);
}

static void test_limits_on_cells(void **state)
{
	(void)state;
	/* One cell of more than 1 MiB (in cell lines: libcsv grows a field
	 * 128 bytes at a time, which is slow under ASan). */
	size_t size = SOURCE_MAX_CELL_BYTES + 64;
	char *text = malloc(size + 1);
	assert_non_null(text);
	const char *lines = "\t序号\n\t重点工作\n\n\t1\n\t";
	memcpy(text, lines, strlen(lines));
	memset(text + strlen(lines), 'x', size - strlen(lines));
	struct diagnostics diag;
	assert_null(read_memory(text, size, &diag));
	assert_int_equal(diag.errors, 1);
	assert_int_equal(diag.kept[0].line, 4);
	assert_string_equal(diag.kept[0].message, "cell 2 of this row holds 1048613 bytes of text, more than the 1048576 "
						  "that duty reads from one cell");
	diagnostics_free(&diag);
	free(text);
	const char *head = "序号,重点工作\n1,";

	/* Rows of empty cells (as Excel exports below a table) cost nothing. */
	size = 2000 * 1000;
	text = malloc(size);
	assert_non_null(text);
	memcpy(text, head, strlen(head) - 3);
	memset(text + strlen(head) - 3, ',', size - strlen(head) + 3);
	for (size_t row = 1; row <= 1000; row++)
		text[row * 2000 - 1] = '\n';
	struct grid *grid = read_memory(text, size, &diag);
	assert_non_null(grid);
	assert_int_equal(grid->row_count, 1);
	grid_free(grid);
	diagnostics_free(&diag);

	/* More than a million cells: 1001 rows of 1000 cells "x". */
	free(text);
	size = 2000 * 1001;
	text = malloc(size);
	assert_non_null(text);
	for (size_t i = 0; i < size; i += 2) {
		text[i] = 'x';
		text[i + 1] = (i + 2) % 2000 == 0 ? '\n' : ',';
	}
	assert_null(read_memory(text, size, &diag));
	assert_int_equal(diag.errors, 1);
	assert_int_equal(diag.kept[0].line, 1001);
	assert_non_null(strstr(diag.kept[0].message, "more than 1000000 table cells"));
	diagnostics_free(&diag);
	free(text);
}

/* Every cell of every good source is valid UTF-8 without CR. */
static void test_cells_are_clean_utf8(void **state)
{
	(void)state;
	static const char *const names[] = { "source_2018_seed.txt", "lines_2020_crlf.txt", "plan_gbk_crlf.csv",
					     "plan_2020.tsv", "plan_bom.csv", "plan_2020.docx", "plan_2019.xlsx" };
	for (size_t n = 0; n < sizeof names / sizeof names[0]; n++) {
		struct grid *grid = read_ok(names[n]);
		for (size_t r = 0; r < grid->row_count; r++)
			for (size_t c = 0; c < grid->rows[r].count; c++) {
				const char *text = grid->rows[r].cells[c];
				assert_int_equal(utf8_validate(text, strlen(text)), strlen(text));
				assert_null(strchr(text, '\r'));
			}
		grid_free(grid);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed_layout_gives_the_preface_and_a_row_per_block),
		cmocka_unit_test(test_cell_lines_with_crlf_and_without_tabs),
		cmocka_unit_test(test_a_lone_tab_line_is_an_empty_cell),
		cmocka_unit_test(test_gbk_csv_with_crlf_and_a_title_row),
		cmocka_unit_test(test_tsv_with_a_repeated_header),
		cmocka_unit_test(test_csv_with_bom_and_a_line_break_in_a_cell),
		cmocka_unit_test(test_layouts_are_tried_until_one_has_a_header),
		cmocka_unit_test(test_word_table_with_merged_cells),
		cmocka_unit_test(test_word_tracked_changes_text_boxes_and_runs),
		cmocka_unit_test(test_excel_sheet_with_merges_strings_numbers_and_dates),
		cmocka_unit_test(test_excel_1904_dates_and_the_leap_day),
		cmocka_unit_test(test_excel_numbers_dates_and_times_as_shown),
		cmocka_unit_test(test_the_first_sheet_or_table_with_the_header_wins),
		cmocka_unit_test(test_malformed_sources_are_refused_with_a_reason),
		cmocka_unit_test(test_text_without_a_header_or_with_broken_quotes),
		cmocka_unit_test(test_zip_bombs_are_refused),
		cmocka_unit_test(test_limits_on_cells),
		cmocka_unit_test(test_cells_are_clean_utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
