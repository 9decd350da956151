/*
 * test_cli_options.c - the command-line layer links and works without
 * main.c: parsing against the command table, the checks of a command line,
 * and the help and completion words made from the option table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testing.h"

#include "cli/commands.h"
#include "cli/help.h"
#include "cli/options.h"

/* Parses words as a command line: "duty" and then the words. */
static int parse(struct cli *cli, const char *const *words)
{
	static char *argv[32];
	int argc = 0;
	argv[argc++] = (char *)"duty";
	for (size_t i = 0; words[i]; i++)
		argv[argc++] = (char *)words[i];
	argv[argc] = NULL;
	*cli = (struct cli){ .out = stdout };
	return options_parse(cli, argc, argv);
}

static void print_help(FILE *out, const struct command *command)
{
	help_print_command(out, command, 0);
}

static char *captured(void (*print)(FILE *out, const struct command *command), const struct command *command)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	assert_non_null(out);
	print(out, command);
	fclose(out);
	return text;
}

static void test_command_options_and_arguments(void **state)
{
	(void)state;
	struct cli cli;
	assert_int_equal(parse(&cli, (const char *[]){ "due", "--unit", "瑞安", "--overdue", "--width", "60", NULL }),
			 EXIT_OK);
	assert_string_equal(cli.command->name, "due");
	assert_string_equal(cli.unit_query, "瑞安");
	assert_true(cli.overdue && cli.given[OPT_OVERDUE] && cli.given[OPT_UNIT] && !cli.given[OPT_MONTH]);
	assert_int_equal(cli.width, 60);

	/* Global options stand before or after the command; a unique prefix names it. */
	assert_int_equal(parse(&cli, (const char *[]){ "--today", "2018-10-15", "st", "-u", "瑞安", NULL }), EXIT_OK);
	assert_string_equal(cli.command->name, "status");
	assert_int_equal(cli.today, 20181015);

	assert_int_equal(parse(&cli, (const char *[]){ "show", "8", NULL }), EXIT_OK);
	assert_int_equal(cli.argument_count, 1);
	assert_string_equal(cli.arguments[0], "8");

	/* No command: the overview, also of one unit. */
	assert_int_equal(parse(&cli, (const char *[]){ "--format", "json", NULL }), EXIT_OK);
	assert_string_equal(cli.command->name, "");
	assert_int_equal(cli.format, FORMAT_JSON);
	assert_int_equal(parse(&cli, (const char *[]){ "--unit", "教育局", NULL }), EXIT_OK);
	assert_string_equal(cli.command->name, "");
	assert_string_equal(cli.unit_query, "教育局");

	/* -o FILE names the format by its extension, unless --format says otherwise. */
	assert_int_equal(parse(&cli, (const char *[]){ "export", "-u", "瑞安", "-o", "瑞安.CSV", NULL }), EXIT_OK);
	assert_int_equal(cli.format, FORMAT_CSV);
	assert_int_equal(parse(&cli, (const char *[]){ "export", "-u", "瑞安", "-o", "瑞安.list", NULL }), EXIT_OK);
	assert_false(cli.format_given);
}

static void test_command_lines_that_are_refused(void **state)
{
	(void)state;
	struct cli cli;
	const char *const *refused[] = {
		(const char *[]){ "show", "8", "--direct", NULL },     /* not an option of show */
		(const char *[]){ "--month", "2018-10", NULL },        /* nor of the overview */
		(const char *[]){ "next", "--month", "2018-10", NULL },   /* next has --days */
		(const char *[]){ "next", "--days", "a fortnight", NULL },
		(const char *[]){ "report", "12", "--value", "3", NULL },   /* --target too */
		(const char *[]){ "show", NULL },                      /* the ID is missing */
		(const char *[]){ "u", NULL },                         /* undo or units */
		(const char *[]){ "nothing", NULL },
		(const char *[]){ "list", "--format", "ics", NULL },   /* list writes no calendar */
		(const char *[]){ "--today", "2018-13-01", NULL },
		(const char *[]){ "due", "--month", NULL },            /* no value */
		(const char *[]){ "--frobnicate", NULL },
		(const char *[]){ "list", "--by", "张三", NULL },      /* --by is for the commands that record */
		(const char *[]){ "export", "-u", "瑞安", "--format", "md", "-o", "瑞安.html", NULL },   /* clash */
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
		assert_int_equal(parse(&cli, refused[i]), EXIT_USAGE);
}

static void test_help_is_made_from_the_table(void **state)
{
	(void)state;
	/* Every option a command takes is in its help, and only those are
	 * offered by the completion. */
	for (size_t i = 0; commands[i]; i++) {
		char *help = captured(print_help, commands[i]);
		char *names = captured(options_print_names, commands[i]);
		for (const struct command_option *o = commands[i]->options; o && o->help; o++) {
			char word[64];
			snprintf(word, sizeof word, "--%s", option_name(o->id));
			assert_non_null(strstr(help, word));
			strcat(word, "\n");
			assert_non_null(strstr(names, word));
		}
		assert_non_null(strstr(help, "Usage: duty "));
		free(help);
		free(names);
	}
	char *due = captured(print_help, commands_find("due", &(int){ 0 }));
	assert_non_null(strstr(due, "Options:\n"
				   "  -m, --month MONTH  milestones whose deadline falls in that month: 2018-10,\n"
				   "                     2018年10月, or 10 (October of the plan year); default:\n"
				   "                     today's month\n"));
	free(due);

	char *done = captured(options_print_names, commands_find("done", &(int){ 0 }));
	assert_non_null(strstr(done, "--by\n"));
	assert_non_null(strstr(done, "--file\n"));   /* global options too */
	assert_non_null(strstr(done, "--unit\n"));
	assert_null(strstr(done, "--month\n"));
	free(done);
}

static void test_option_values_for_completion(void **state)
{
	(void)state;
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	assert_true(options_print_values(out, "--format"));
	assert_true(options_print_values(out, "--today"));   /* free values: none listed */
	assert_false(options_print_values(out, "--frobnicate"));
	fclose(out);
	assert_string_equal(text, "table\ncsv\njson\nics\nhtml\nmd\nxlsx\n");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_command_options_and_arguments),
		cmocka_unit_test(test_command_lines_that_are_refused),
		cmocka_unit_test(test_help_is_made_from_the_table),
		cmocka_unit_test(test_option_values_for_completion),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
