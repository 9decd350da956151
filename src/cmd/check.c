/*
 * check.c - `duty check [FILE]`: the linter. Loads the plan and its
 * unit directory (or just FILE) with every check on, prints each problem
 * as FILE:LINE:COLUMN: message the moment it is found, then a summary per
 * file. Exit 1 when there are errors; warnings alone still exit 0.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "cli/paths.h"
#include "duty/csvread.h"
#include "duty/load.h"
#include "duty/columns.h"
#include "duty/history.h"
#include "duty/journal.h"
#include "duty/safefile.h"

static void print_problem(const struct diagnostic *problem, void *context)
{
	struct cli *cli = context;
	char *line = diagnostic_format(problem);
	if (line)
		fprintf(cli->out, "%s\n", line);
	free(line);
}

enum file_kind { KIND_PLAN, KIND_UNITS, KIND_HISTORY };

static bool sniff_row(const struct csv_row *row, void *context)
{
	static const struct column_name history_time = { { "time", NULL } };
	static const struct column_name history_action = { { "action", NULL } };
	enum file_kind *kind = context;
	if (row_is_blank(row))
		return true;
	if (column_find(row, &unit_directory_columns[UNIT_COLUMN_NAME]) != SIZE_MAX
	    && column_find(row, &unit_directory_columns[UNIT_COLUMN_KIND]) != SIZE_MAX)
		*kind = KIND_UNITS;
	else if (column_find(row, &history_time) != SIZE_MAX && column_find(row, &history_action) != SIZE_MAX)
		*kind = KIND_HISTORY;
	return false;
}

/* A unit directory's first row is its header with name and kind, a
 * history's has time and action; a plan starts with plan rows or a header
 * with id. Unreadable files count as plans: loading one reports why it
 * cannot be read. A history's last line may be cut off, so only its
 * first line is looked at. */
static enum file_kind sniff_file(const char *path, enum encoding encoding)
{
	struct diagnostics quiet;
	diagnostics_init(&quiet, 0);
	char *bytes = NULL;
	size_t size = 0;
	bool mapped = false;
	enum file_kind kind = KIND_PLAN;
	/* A big file is mapped, as the loaders map it: only its first line is read. */
	if (file_read_or_map(path, INPUT_MAP_FROM, &bytes, &size, &mapped, &quiet)) {
		char *newline = memchr(bytes, '\n', size);
		struct input input;
		if (input_from_bytes(path, bytes, newline ? (size_t)(newline - bytes) + 1 : size, encoding, &input, &quiet)) {
			static const struct csv_callbacks callbacks = { sniff_row, NULL };
			csv_read(input.data, input.size, path, &callbacks, &kind, &quiet);
			input_free(&input);
		}
	}
	if (mapped)
		file_unmap(bytes, size);
	else
		free(bytes);
	diagnostics_free(&quiet);
	return kind;
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

/* NAME.csv for NAME.history.csv; NULL when path is not named so. */
static char *plan_of_history(const char *path)
{
	static const char suffix[] = ".history.csv";
	size_t length = strlen(path), suffix_length = sizeof suffix - 1;
	if (length <= suffix_length || strcmp(path + length - suffix_length, suffix) != 0)
		return NULL;
	char *plan = malloc(length);
	if (plan)
		sprintf(plan, "%.*s.csv", (int)(length - suffix_length), path);
	return plan;
}

/* Checks a history: its header, every row, a cut-off last line, records
 * left pending, and whether it agrees with the plan beside it. */
static void check_history(struct cli *cli, const char *path, struct diagnostics *diag, size_t *errors)
{
	size_t errors_before = diag->errors, warnings_before = diag->warnings;
	struct history history;
	struct strbuf counts = STRBUF_INIT;
	/* Plan and history are read between two writes, not during one. */
	char *plan_path = plan_of_history(path);
	struct file_lock lock = { -1 };
	if (plan_path)
		file_lock_shared(plan_path, &lock);
	if (history_load(path, &history, diag)) {
		size_t states[3] = { 0, 0, 0 };
		for (size_t i = 0; i < history.count; i++) {
			const struct history_entry *entry = &history.entries[i];
			states[entry->state]++;
			if (entry->state == HISTORY_PENDING)
				diag_warning(diag, path, entry->line, NULL,
					     _("record %ld is pending: duty was interrupted while making this change; "
					       "the next change decides whether it took effect"),
					     entry->record);
		}
		strbuf_printf(&counts, _("%zu records: %zu applied, %zu pending, %zu aborted"), history.count,
			      states[HISTORY_APPLIED], states[HISTORY_PENDING], states[HISTORY_ABORTED]);
		struct diagnostics quiet;
		diagnostics_init(&quiet, 0);
		struct load_options options = { .encoding = cli->encoding };
		bool beside = plan_path && access(plan_path, F_OK) == 0;
		/* The plan's unit directory, for the units' own records. */
		char *units_path = !beside ? NULL : cli->units_given ? strdup(cli->units_path)
								   : paths_sibling(plan_path, "units.csv");
		struct unit_directory *units = units_path ? units_load(units_path, &options, &quiet) : NULL;
		struct plan *plan = beside ? plan_load(plan_path, units, &options, &quiet) : NULL;
		if (quiet.out_of_memory)
			diag->out_of_memory = true;
		diagnostics_free(&quiet);
		const char *plan_name = plan_path ? (strrchr(plan_path, '/') ? strrchr(plan_path, '/') + 1 : plan_path)
						  : "";
		if (plan) {
			size_t disagreements = journal_check(plan, &history, path, diag);
			if (disagreements)
				strbuf_printf(&counts, _("; disagrees with %s in %zu places"), plan_name, disagreements);
			else
				strbuf_printf(&counts, _("; agrees with %s"), plan_name);
		} else if (beside) {
			strbuf_printf(&counts, _("; not compared with %s, which does not load"), plan_name);
		} else {
			strbuf_puts(&counts, _("; no plan beside it to compare with"));
		}
		plan_free(plan);
		units_free(units);
		free(units_path);
		history_free(&history);
	}
	file_lock_release(&lock);
	free(plan_path);
	if (counts.failed)
		diag->out_of_memory = true;
	*errors += diag->errors - errors_before;
	summarize(cli, path, diag->errors - errors_before, diag->warnings - warnings_before, strbuf_text(&counts));
	strbuf_free(&counts);
}

/* A file that cannot be read at all is not a file with problems: it is
 * said once, on standard error, and the exit code is 3. */
static int check_readable(const char *file)
{
	struct diagnostics diag;
	diagnostics_init(&diag, 1);
	char *bytes = NULL;
	size_t size = 0;
	int code = EXIT_OK;
	if (!file_read(file, &bytes, &size, &diag))
		code = cli_report_problems(&diag, file, EXIT_DATA);
	free(bytes);
	diagnostics_free(&diag);
	return code;
}

/* The plan's unit directory: --units, else units.csv beside it, else the
 * shipped one, loaded quietly (it is not the user's file to check). */
static struct unit_directory *plan_units(struct cli *cli, const char *file, struct diagnostics *diag,
					 size_t *errors, char **owned, int *code)
{
	const char *path = cli->units_path;
	bool shipped = !cli->units_given && cli->units_shipped;
	if (cli->argument_count && !cli->units_given)
		path = *owned = paths_units_for(file, &shipped);
	if (!path)
		return NULL;
	if (!shipped) {
		*code = check_readable(path);
		return *code == EXIT_OK ? check_units(cli, path, diag, errors) : NULL;
	}
	fprintf(cli->out, _("%s: there is no units.csv beside it; unit names are checked against the unit "
			    "directory shipped with duty, %s\n"),
		file, path);
	struct load_options options = { .encoding = cli->encoding };
	return units_load(path, &options, diag);
}

static int run_check(struct cli *cli)
{
	const char *file = cli->argument_count ? cli->arguments[0] : cli->plan_path;
	int code = check_readable(file);
	if (code != EXIT_OK)
		return code;
	struct diagnostics diag;
	diagnostics_init(&diag, 0);
	diag.sink = print_problem;
	diag.sink_context = cli;
	size_t errors = 0;
	enum file_kind kind = cli->argument_count ? sniff_file(file, cli->encoding) : KIND_PLAN;
	if (kind == KIND_UNITS) {
		units_free(check_units(cli, file, &diag, &errors));
	} else if (kind == KIND_HISTORY) {
		check_history(cli, file, &diag, &errors);
	} else {
		char *owned = NULL;
		struct unit_directory *units = plan_units(cli, file, &diag, &errors, &owned, &code);
		if (!units && code == EXIT_OK)
			fprintf(cli->out, _("%s: unit names are not checked, because the unit directory did not load\n"),
				file);
		if (code == EXIT_OK)
			check_plan(cli, file, units, &diag, &errors);
		units_free(units);
		free(owned);
	}
	if (code == EXIT_OK)
		code = diag.out_of_memory ? cli_out_of_memory() : errors ? EXIT_PROBLEMS : EXIT_OK;
	diagnostics_free(&diag);
	return cli_finish_output(cli, code);
}

const struct command command_check = {
	.name = "check",
	.arguments = "[FILE]",
	.summary = N_("find every problem in a plan or unit file"),
	.help = N_("Checks FILE (a plan, a unit directory or a history: told apart by its\n"
		   "header), or the plan in use and its unit directory, and lists every\n"
		   "problem, one per line:\n"
		   "\n"
		   "  FILE:LINE:COLUMN: message\n"
		   "\n"
		   "where COLUMN is the header name of the cell, when the problem is in one.\n"
		   "Errors make the file unusable: other commands refuse it. Warnings mark\n"
		   "data that loads but disagrees with itself: a deadline that does not follow\n"
		   "from its time phrase, text that is not part of the requirement, units that\n"
		   "are not the ones the source's wording names. A history (NAME.history.csv)\n"
		   "is checked for rows that are not records, a last line cut off by an\n"
		   "interrupted write, changes left pending, and against the plan beside it.\n"
		   "A summary line per file ends the list. The exit code is 1 when there are\n"
		   "errors, else 0; a file that cannot be read at all is said on standard\n"
		   "error, with exit code 3. A plan without units.csv beside it is checked\n"
		   "against the shipped unit directory.\n"
		   "\n"
		   "Examples:\n"
		   "  duty check\n"
		   "  duty check my-plan.csv --units my-units.csv\n"
		   "  duty check data/units.csv\n"
		   "  duty check tasks_2018.history.csv\n"),
	.min_arguments = 0,
	.max_arguments = 1,
	.formats = FORMAT_BIT(FORMAT_TABLE),
	.needs = NEEDS_NOTHING,
	.run = run_check,
};
