/*
 * check.c - `duty check [FILE]`: the linter. Loads the plan and its
 * unit directory (or just FILE) with every check on, prints each problem
 * as FILE:LINE:COLUMN: message the moment it is found, then a summary per
 * file. Exit 1 when there are errors; warnings alone still exit 0.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "cli/paths.h"
#include "duty/csvread.h"
#include "duty/load.h"
#include "duty/columns.h"

static void print_problem(const struct diagnostic *problem, void *context)
{
	struct cli *cli = context;
	char *line = diagnostic_format(problem);
	if (line)
		fprintf(cli->out, "%s\n", line);
	free(line);
}

struct sniff {
	bool seen;
	bool units;
};

static bool sniff_row(const struct csv_row *row, void *context)
{
	struct sniff *sniff = context;
	if (row_is_blank(row))
		return true;
	sniff->seen = true;
	sniff->units = column_find(row, &unit_directory_columns[UNIT_COLUMN_NAME]) != SIZE_MAX
		       && column_find(row, &unit_directory_columns[UNIT_COLUMN_KIND]) != SIZE_MAX;
	return false;
}

/* A unit directory's first row is its header with name and kind; a plan
 * starts with plan rows or a header with id. Unreadable files count as
 * plans: loading one reports why it cannot be read. */
static bool looks_like_units(const char *path, enum encoding encoding)
{
	struct diagnostics quiet;
	diagnostics_init(&quiet, 0);
	struct input input;
	struct sniff sniff = { false, false };
	if (input_read_file(path, encoding, &input, &quiet)) {
		static const struct csv_callbacks callbacks = { sniff_row, NULL };
		csv_read(input.data, input.size, path, &callbacks, &sniff, &quiet);
		input_free(&input);
	}
	diagnostics_free(&quiet);
	return sniff.units;
}

static void summarize(struct cli *cli, const char *file, size_t errors, size_t warnings, const char *counts)
{
	if (!errors && !warnings)
		fprintf(cli->out, _("%s: no problems (%s)\n"), file, counts);
	else if (!errors)
		fprintf(cli->out, _("%s: %zu warning%s, no errors (%s)\n"), file, warnings, warnings == 1 ? "" : "s",
			counts);
	else
		fprintf(cli->out, _("%s: %zu error%s, %zu warning%s\n"), file, errors, errors == 1 ? "" : "s",
			warnings, warnings == 1 ? "" : "s");
}

/* Checks a unit directory; returns it when it loads (caller frees). */
static struct unit_directory *check_units(struct cli *cli, const char *path, struct diagnostics *diag,
					  size_t *errors)
{
	struct load_options options = { .encoding = cli->encoding, .thorough = true };
	size_t errors_before = diag->errors, warnings_before = diag->warnings;
	struct unit_directory *units = units_load(path, &options, diag);
	char counts[96] = "";
	if (units) {
		size_t groups = 0, phrases = 0;
		for (size_t u = 0; u < units->count; u++) {
			groups += units->units[u].is_group;
			phrases += units->units[u].is_phrase;
		}
		snprintf(counts, sizeof counts, _("%zu units, %zu groups, %zu phrases"),
			 units->count - groups - phrases, groups, phrases);
	}
	*errors += diag->errors - errors_before;
	summarize(cli, path, diag->errors - errors_before, diag->warnings - warnings_before, counts);
	return units;
}

static void check_plan(struct cli *cli, const char *path, const struct unit_directory *units,
		       struct diagnostics *diag, size_t *errors)
{
	struct load_options options = { .encoding = cli->encoding, .thorough = true };
	size_t errors_before = diag->errors, warnings_before = diag->warnings;
	struct plan *plan = plan_load(path, units, &options, diag);
	char counts[128] = "";
	if (plan)
		snprintf(counts, sizeof counts, _("%zu tasks, %zu milestones, %zu targets, %s"), plan->task_count,
			 plan_milestone_count(plan), plan_target_count(plan), encoding_name(plan->encoding));
	*errors += diag->errors - errors_before;
	summarize(cli, path, diag->errors - errors_before, diag->warnings - warnings_before, counts);
	plan_free(plan);
}

static int run_check(struct cli *cli)
{
	struct diagnostics diag;
	diagnostics_init(&diag, 0);
	diag.sink = print_problem;
	diag.sink_context = cli;
	size_t errors = 0;
	const char *file = cli->argument_count ? cli->arguments[0] : cli->plan_path;
	if (cli->argument_count && looks_like_units(file, cli->encoding)) {
		units_free(check_units(cli, file, &diag, &errors));
	} else {
		/* A plan given as FILE has its units beside it, unless --units. */
		char *beside = NULL;
		const char *units_path = cli->units_path;
		if (cli->argument_count && !cli->units_given)
			units_path = beside = paths_sibling(file, "units.csv");
		struct unit_directory *units = units_path ? check_units(cli, units_path, &diag, &errors) : NULL;
		if (!units)
			fprintf(cli->out, _("%s: unit names are not checked, because the unit directory did not load\n"),
				file);
		check_plan(cli, file, units, &diag, &errors);
		units_free(units);
		free(beside);
	}
	int code = diag.out_of_memory ? cli_out_of_memory() : errors ? EXIT_PROBLEMS : EXIT_OK;
	diagnostics_free(&diag);
	return cli_finish_output(cli, code);
}

const struct command command_check = {
	.name = "check",
	.arguments = "[FILE]",
	.summary = N_("find every problem in a plan or unit file"),
	.help = N_("Checks FILE (a plan, or a unit directory: told apart by its header), or the\n"
		   "plan in use and its unit directory, and lists every problem, one per line:\n"
		   "\n"
		   "  FILE:LINE:COLUMN: message\n"
		   "\n"
		   "where COLUMN is the header name of the cell, when the problem is in one.\n"
		   "Errors make the file unusable: other commands refuse it. Warnings mark\n"
		   "data that loads but disagrees with itself: a deadline that does not follow\n"
		   "from its time phrase, text that is not part of the requirement, units that\n"
		   "are not the ones the source's wording names. A summary line per file ends\n"
		   "the list. The exit code is 1 when there are errors, else 0.\n"
		   "\n"
		   "Examples:\n"
		   "  duty check\n"
		   "  duty check my-plan.csv --units my-units.csv\n"
		   "  duty check data/units.csv\n"),
	.min_arguments = 0,
	.max_arguments = 1,
	.formats = FORMAT_BIT(FORMAT_TABLE),
	.needs = NEEDS_NOTHING,
	.run = run_check,
};
