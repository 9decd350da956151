/*
 * test_cli_locale.c - which locales count East Asian Ambiguous characters
 * (“ ” … ·) as two columns: Chinese, Japanese and Korean ones, as wcwidth
 * does there (issue 13).
 */
#include <stdlib.h>

#include "testing.h"

#include "cli/locale.h"

static void test_east_asian_locales(void **state)
{
	(void)state;
	const char *wide[] = { "zh_CN.UTF-8", "zh_CN.utf8", "zh_TW.UTF-8", "zh_CN.GB18030", "zh", "zh_HK",
			       "ja_JP.UTF-8", "ja", "ko_KR.UTF-8", "ko_KR.EUC-KR@euro" };
	for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
		assert_true(locale_is_east_asian(wide[i]));
	const char *narrow[] = { "C", "POSIX", "C.UTF-8", "en_US.UTF-8", "de_DE@euro", "", "z", "zu_ZA.UTF-8",
				 "kok_IN", "jam" };
	for (size_t i = 0; i < sizeof narrow / sizeof narrow[0]; i++)
		assert_false(locale_is_east_asian(narrow[i]));
	assert_false(locale_is_east_asian(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_east_asian_locales),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
