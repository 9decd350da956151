/*
 * test_units.c - the unit directory: loading, name resolution (canonical,
 * alias, substring, ambiguous, unknown), groups and phrases, and reading
 * the source document's unit lists.
 */
#include "testing.h"

#include <stdlib.h>
#include <string.h>

#include "duty/strbuf.h"
#include "duty/units.h"

static struct unit_directory *units;

static int load_units(void **state)
{
	(void)state;
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	units = units_load(SHIPPED_UNITS, &(struct load_options){ 0 }, &diag);
	diagnostics_free(&diag);
	return units ? 0 : -1;
}

static int free_shipped(void **state)
{
	(void)state;
	units_free(units);
	return 0;
}

static size_t find(const char *name)
{
	return units_find(units, name, strlen(name));
}

static const char *resolve_name(const char *query)
{
	struct unit_resolution found = units_resolve(units, query);
	const char *name = found.match == UNIT_FOUND ? units->units[found.unit].name : NULL;
	unit_resolution_free(&found);
	return name;
}

static void test_shipped_directory_has_the_2018_units(void **state)
{
	(void)state;
	size_t group = find("各县（市、区）政府");
	assert_int_not_equal(group, SIZE_MAX);
	assert_true(units->units[group].is_group);
	assert_int_equal(units->units[group].member_count, 11);
	const char *counties[] = { "鹿城区政府", "龙湾区政府", "瓯海区政府", "洞头区政府",
				   "瑞安市政府", "乐清市政府", "永嘉县政府", "平阳县政府",
				   "苍南县政府", "文成县政府", "泰顺县政府" };
	for (size_t i = 0; i < 11; i++) {
		size_t county = find(counties[i]);
		assert_int_not_equal(county, SIZE_MAX);
		assert_string_equal(units->units[county].kind, "county_government");
		assert_true(unit_in_group(units, county, group));
	}
	size_t members = find("市食安委各成员单位");
	size_t office = find("市食安办");
	assert_true(unit_in_group(units, find("市教育局"), members));
	assert_true(unit_in_group(units, find("市金融办"), members));
	assert_false(unit_in_group(units, office, members));   /* the office, not a member */
	assert_false(unit_in_group(units, find("瑞安市政府"), members));
	/* every city department is a member */
	for (size_t u = 0; u < units->count; u++)
		if (strcmp(units->units[u].kind, "city_department") == 0)
			assert_true(unit_in_group(units, u, members));
}

static void test_aliases_find_the_canonical_unit(void **state)
{
	(void)state;
	assert_int_equal(find("瑞安"), find("瑞安市政府"));
	assert_int_equal(find("瑞安市"), find("瑞安市政府"));
	assert_int_equal(find("功能区"), find("功能区管委会"));
	assert_int_equal(find("温州市教育局"), find("市教育局"));
	assert_int_equal(find("不存在"), SIZE_MAX);
}

static void test_resolve_canonical_alias_and_substring(void **state)
{
	(void)state;
	assert_string_equal(resolve_name("市教育局"), "市教育局");
	assert_string_equal(resolve_name("  瑞安  "), "瑞安市政府");
	assert_string_equal(resolve_name("教育"), "市教育局");
	assert_string_equal(resolve_name("泰顺"), "泰顺县政府");
	assert_string_equal(resolve_name("功能区"), "功能区管委会");
	assert_string_equal(resolve_name("成员单位"), "市食安委各成员单位");
}

static void test_ambiguous_names_list_their_candidates(void **state)
{
	(void)state;
	struct unit_resolution found = units_resolve(units, "食安办");
	assert_int_equal(found.match, UNIT_AMBIGUOUS);
	assert_int_equal(found.candidate_count, 2);
	assert_string_equal(units->units[found.candidates[0]].name, "市食安办");
	assert_string_equal(units->units[found.candidates[1]].name, "县级食安办");
	unit_resolution_free(&found);
	found = units_resolve(units, "区政府");
	assert_int_equal(found.match, UNIT_AMBIGUOUS);
	assert_int_equal(found.candidate_count, 5);   /* 鹿城 龙湾 瓯海 洞头 and the group */
	unit_resolution_free(&found);
}

static void test_unknown_names_suggest_the_closest(void **state)
{
	(void)state;
	struct unit_resolution found = units_resolve(units, "市教育厅");
	assert_int_equal(found.match, UNIT_UNKNOWN);
	assert_int_equal(found.candidate_count, 1);
	assert_string_equal(units->units[found.candidates[0]].name, "市教育局");
	unit_resolution_free(&found);
	found = units_resolve(units, "xyz");
	assert_int_equal(found.match, UNIT_UNKNOWN);
	assert_int_equal(found.candidate_count, 0);
	unit_resolution_free(&found);
	found = units_resolve(units, "");
	assert_int_equal(found.match, UNIT_UNKNOWN);
	unit_resolution_free(&found);
}

/* Reads a source unit list and returns the canonical names joined by ';'. */
static char *parse_text(const char *text, bool *etc, size_t *errors)
{
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	size_t count = 0;
	size_t *list = units_parse_text(units, text, &count, etc, "t", 1, "units_text", &diag);
	assert_non_null(list);
	*errors = diag.errors + diag.warnings;
	diagnostics_free(&diag);
	size_t length = 1;
	for (size_t i = 0; i < count; i++)
		length += strlen(units->units[list[i]].name) + 1;
	char *joined = calloc(length, 1);
	for (size_t i = 0; i < count; i++) {
		if (i)
			strcat(joined, ";");
		strcat(joined, units->units[list[i]].name);
	}
	free(list);
	return joined;
}

static void check_text(const char *text, const char *expected, bool expected_etc)
{
	bool etc = !expected_etc;
	size_t errors = 1;
	char *got = parse_text(text, &etc, &errors);
	assert_string_equal(got, expected);
	assert_int_equal(etc, expected_etc);
	assert_int_equal(errors, 0);
	free(got);
}

static void test_source_unit_lists(void **state)
{
	(void)state;
	check_text("市、县两级食安办", "市食安办;县级食安办", false);
	check_text("市、县两级食安办、市场监管部门", "市食安办;县级食安办;市市场监管局;县级市场监管部门", false);
	check_text("各县（市、区）政府、功能区管委会，市市场监管局、市教育局",
		   "各县（市、区）政府;功能区管委会;市市场监管局;市教育局", false);
	check_text("各县（市、区）政府、功能区，市综合行政执法局、市市场监管局",
		   "各县（市、区）政府;功能区管委会;市综合行政执法局;市市场监管局", false);
	check_text("瑞安、永嘉、平阳、文成", "瑞安市政府;永嘉县政府;平阳县政府;文成县政府", false);
	check_text("市公安局、市市场监管局、市农业局、市林业局、市海洋与渔业局等部门",
		   "市公安局;市市场监管局;市农业局;市林业局;市海洋与渔业局", true);
	check_text("市市场监管局、市农业局等", "市市场监管局;市农业局", true);
	check_text("各县（市、区）政府、功能区管委会，市食安委各成员单位",
		   "各县（市、区）政府;功能区管委会;市食安委各成员单位", false);
}

static void test_source_unit_list_with_unknown_name(void **state)
{
	(void)state;
	bool etc = false;
	size_t errors = 0;
	char *got = parse_text("市教育局、市教育厅", &etc, &errors);
	assert_string_equal(got, "市教育局");
	assert_int_equal(errors, 1);
	free(got);
}

/* Loads a malformed directory; returns its first problem. */
static void check_broken(const char *file, long line, const char *words)
{
	struct diagnostics diag;
	diagnostics_init(&diag, 8);
	struct unit_directory *broken = units_load(file, &(struct load_options){ 0 }, &diag);
	assert_null(broken);
	assert_true(diag.errors > 0);
	assert_int_equal(diag.kept[0].line, line);
	if (!strstr(diag.kept[0].message, words))
		fail_msg("\"%s\" not in \"%s\"", words, diag.kept[0].message);
	diagnostics_free(&diag);
}

static void test_broken_directories(void **state)
{
	(void)state;
	check_broken(TEST_DATA_DIR "/units_unknown_member.csv", 3, "unknown member \"鹿城区政府\"");
	check_broken(TEST_DATA_DIR "/units_cycle.csv", 2, "cycle: 甲组 -> 乙组 -> 丙组 -> 甲组");
	check_broken(TEST_DATA_DIR "/units_duplicate_alias.csv", 3,
		     "\"教育局\" already names the unit \"市教育局\" (line 2)");
	check_broken(TEST_DATA_DIR "/units_missing_kind.csv", 2, "the kind of \"市教育局\" is empty");
	check_broken(TEST_DATA_DIR "/empty.csv", 0, "the file is empty");
}

/* The plan counts a task's units in 16 bits (memory per task, issue 14),
 * so a directory holds at most UNIT_COUNT_MAX units. */
static void test_a_directory_holds_at_most_65535_units(void **state)
{
	(void)state;
	struct strbuf text = STRBUF_INIT;
	strbuf_puts(&text, "name,kind,aliases,members,note\n");
	for (int u = 1; u <= UNIT_COUNT_MAX; u++)
		strbuf_printf(&text, "单位%d,city_department,,,\n", u);
	assert_false(text.failed);
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	struct unit_directory *full = units_load_bytes("full.csv", text.data, text.length,
						       &(struct load_options){ 0 }, &diag);
	assert_non_null(full);
	assert_int_equal(full->count, UNIT_COUNT_MAX);
	units_free(full);
	strbuf_puts(&text, "再一个,city_department,,,\n");
	assert_null(units_load_bytes("full.csv", text.data, text.length, &(struct load_options){ 0 }, &diag));
	assert_int_equal(diag.errors, 1);
	assert_int_equal(diag.kept[0].line, UNIT_COUNT_MAX + 2);
	assert_string_equal(diag.kept[0].message, "the directory has more than 65535 units, more than duty reads");
	diagnostics_free(&diag);
	strbuf_free(&text);
}

static void test_nested_groups_are_transitive(void **state)
{
	(void)state;
	struct diagnostics diag;
	diagnostics_init(&diag, 8);
	struct unit_directory *nested = units_load(TEST_DATA_DIR "/units_nested_groups.csv", &(struct load_options){ 0 }, &diag);
	assert_non_null(nested);
	size_t outer = units_find(nested, "外层组", strlen("外层组"));
	size_t inner = units_find(nested, "内层组", strlen("内层组"));
	size_t education = units_find(nested, "市教育局", strlen("市教育局"));
	assert_true(unit_in_group(nested, education, inner));
	assert_true(unit_in_group(nested, education, outer));
	assert_true(unit_in_group(nested, inner, outer));
	assert_false(unit_in_group(nested, outer, inner));
	units_free(nested);
	diagnostics_free(&diag);
}

/* What units_split_wording hands over, as "name" or "?name" (a name the
 * directory does not know), with "*" for a lead unit, joined by ";". */
struct recorder {
	const struct unit_directory *directory;
	char out[1024];
};

static bool record_name(const char *name, size_t length, bool lead, void *context)
{
	struct recorder *recorder = context;
	if (recorder->out[0])
		strcat(recorder->out, ";");
	if (lead)
		strcat(recorder->out, "*");
	if (!recorder->directory || units_find(recorder->directory, name, length) == SIZE_MAX)
		strcat(recorder->out, "?");
	strncat(recorder->out, name, length);
	return true;
}

static const char *read_names(const struct unit_directory *directory, const char *text, bool *etc)
{
	static struct recorder recorder;
	recorder.directory = directory;
	recorder.out[0] = '\0';
	units_split_wording(directory, text, etc, record_name, &recorder);
	return recorder.out;
}

static void test_reading_names_the_directory_does_not_know(void **state)
{
	(void)state;
	bool etc = false;
	/* 市、县两级X is 市X and 县级X, for each X. */
	assert_string_equal(read_names(units, "市、县两级卫生健康部门", &etc), "?市卫生健康部门;?县级卫生健康部门");
	assert_string_equal(read_names(units, "市、县两级食安办、教育部门", &etc),
			    "市食安办;县级食安办;?市教育部门;?县级教育部门");
	/* A phrase of the directory is one name (the caller expands it). */
	assert_string_equal(read_names(units, "市、县两级食安办", &etc), "市、县两级食安办");
	assert_string_equal(read_names(NULL, "市、县两级食安办", &etc), "?市食安办;?县级食安办");
	/* Lead markers. */
	assert_string_equal(read_names(units, "市农业局（牵头）、市林业局", &etc), "*市农业局;市林业局");
	assert_string_equal(read_names(units, "市财政局、市教育局等单位", &etc), "?市财政局;市教育局");
	assert_true(etc);
	assert_string_equal(read_names(NULL, "各县（市、区）政府；市发改委", &etc), "?各县（市、区）政府;?市发改委");
	assert_false(etc);
}

static void test_guessing_kinds(void **state)
{
	(void)state;
	static const struct {
		const char *name, *kind, *member_kind;
	} cases[] = {
		{ "市财政局", "city_department", NULL },
		{ "市发改委", "city_department", NULL },
		{ "市政府办", "city_department", NULL },
		{ "市委宣传部", "city_department", NULL },
		{ "龙港市政府", "county_government", NULL },
		{ "永嘉县人民政府", "county_government", NULL },
		{ "各县（市、区）政府", "group", "county_government" },
		{ "市食安委各成员单位", "group", "city_department" },
		{ "各乡镇（街道）", "other", NULL },
		{ "县级卫生健康部门", "county_department", NULL },
		{ "市食安办", "office", NULL },
		{ "县级食安办", "county_office", NULL },
		{ "经开区管委会", "zone_committee", NULL },
		{ "中国移动温州分公司", "other", NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct unit_guess guess = unit_guess_kind(cases[i].name);
		assert_string_equal(guess.kind, cases[i].kind);
		if (cases[i].member_kind)
			assert_string_equal(guess.member_kind, cases[i].member_kind);
		else
			assert_null(guess.member_kind);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_directory_has_the_2018_units),
		cmocka_unit_test(test_aliases_find_the_canonical_unit),
		cmocka_unit_test(test_resolve_canonical_alias_and_substring),
		cmocka_unit_test(test_ambiguous_names_list_their_candidates),
		cmocka_unit_test(test_unknown_names_suggest_the_closest),
		cmocka_unit_test(test_source_unit_lists),
		cmocka_unit_test(test_reading_names_the_directory_does_not_know),
		cmocka_unit_test(test_guessing_kinds),
		cmocka_unit_test(test_source_unit_list_with_unknown_name),
		cmocka_unit_test(test_broken_directories),
		cmocka_unit_test(test_a_directory_holds_at_most_65535_units),
		cmocka_unit_test(test_nested_groups_are_transitive),
	};
	return cmocka_run_group_tests(tests, load_units, free_shipped);
}
