/*
 * import.c - `duty import SOURCE -o PLAN.csv`: the table an office receives
 * (Word, Excel, CSV/TSV or text) as a plan and a unit directory beside it
 * (model/import.c), a summary, and the list of what was guessed for a
 * person to review. Nothing is written when anything is wrong.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "cli/paths.h"
#include "duty/grid.h"
#include "duty/import.h"
#include "duty/import_header.h"
#include "duty/import_save.h"

static void print_review(struct cli *cli, const struct diagnostics *review)
{
	if (review->kept_count == 0) {
		fputs(_("Nothing to review: every deadline, target and unit follows the rules.\n"), cli->out);
		return;
	}
	fprintf(cli->out, _("\nTo review (%zu): what duty import guessed\n"), review->kept_count);
	for (size_t i = 0; i < review->kept_count; i++) {
		const struct diagnostic *entry = &review->kept[i];
		if (entry->line > 0)
			fprintf(cli->out, "  %s:%ld: %s\n", entry->file ? entry->file : "", entry->line, entry->message);
		else
			fprintf(cli->out, "  %s: %s\n", entry->file ? entry->file : "", entry->message);
	}
}

/* Makes the directory the plan goes into when it is missing; returns an
 * exit code. */
static int make_parent(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash || slash == path)
		return EXIT_OK;
	char *directory = strndup(path, (size_t)(slash - path));
	if (!directory)
		return cli_out_of_memory();
	int code = EXIT_OK;
	if (!paths_make_directories(directory)) {
		if (errno == ENOMEM) {
			code = cli_out_of_memory();
		} else {
			cli_error(_("cannot create the directory of %s: %s"), path, strerror(errno));
			code = EXIT_OUTPUT;
		}
	}
	free(directory);
	return code;
}

/* The source read and imported; NULL when it could not be (said why;
 * *code is the exit code). */
static struct import *import_source(struct cli *cli, const char *units_path, struct grid **grid,
				    struct diagnostics *review, struct diagnostics *diag, int *code)
{
	const char *source = cli->arguments[0];
	struct import *import = NULL;
	*grid = source_read(source, cli->encoding, import_is_header, NULL, diag);
	if (*grid) {
		struct import_options options = {
			.year = cli->year,
			.title = cli->title,
			.units_path = cli->units_given ? cli->units_path : NULL,
			.encoding = cli->encoding,
			.plan_path = cli->output_path,
			.units_out_path = units_path,
		};
		import = import_grid(*grid, &options, review, diag);
	}
	/* Nothing is written after memory ran out anywhere, and what is said of
	 * the table may then come from text memory ran out for (a header not
	 * recognised reads as a table without its first rows): only the
	 * problems of a reader that ran out itself are said. */
	bool ran_out = diag->out_of_memory || review->out_of_memory || cli_memory_ran_out(cli);
	if (import && !ran_out)
		return import;
	import_free(import);
	if (!ran_out || diag->out_of_memory)
		cli_print_problems(diag);
	if (!ran_out && diag->errors == 0)
		cli_error(_("%s: the source could not be read"), source);   /* a reader that said nothing */
	*code = ran_out ? cli_out_of_memory() : EXIT_DATA;
	return NULL;
}

/* Writes both files; returns an exit code. */
static int save(struct cli *cli, const struct import *import, const char *units_path, char **history_kept,
		struct diagnostics *diag)
{
	int code = make_parent(cli->output_path);
	if (code != EXIT_OK)
		return code;   /* said why */
	enum import_saved saved = import_save(import, cli->output_path, units_path, cli->force, history_kept, diag);
	if (saved == IMPORT_SAVED)
		return EXIT_OK;
	cli_print_problems(diag);
	return diag->out_of_memory ? cli_out_of_memory() : saved == IMPORT_EXISTS ? EXIT_DATA : EXIT_OUTPUT;
}

static int print_summary(struct cli *cli, const struct grid *grid, const struct import *import,
			 const char *units_path, const char *history_kept, const struct diagnostics *review)
{
	const char *plan_path = cli->output_path;
	fprintf(cli->out, _("Imported %s (%s) into %s and %s\n"), cli->arguments[0], source_kind_name(grid->kind),
		plan_path, units_path);
	fprintf(cli->out, _("%s, plan year %d\n"), import->title, import->year);
	fprintf(cli->out, _("%zu tasks, %zu milestones, %zu targets, %zu units (%zu new)\n"), import->task_count,
		import->milestone_count, import->target_count, import->unit_count, import->new_unit_count);
	if (history_kept)
		fprintf(cli->out, _("The history of the plan it replaces is kept as %s.\n"), history_kept);
	print_review(cli, review);
	fprintf(cli->out, _("\nNext: `duty check %s` (the guesses are warnings there too), then `duty -f %s`.\n"),
		plan_path, plan_path);
	return cli_finish_output(cli, EXIT_OK);
}

static int run_import(struct cli *cli)
{
	char *units_path = paths_sibling(cli->output_path, "units.csv");
	if (!units_path)
		return cli_out_of_memory();
	struct diagnostics diag, review;
	diagnostics_init(&diag, 5);
	diagnostics_init(&review, SIZE_MAX);
	int code = EXIT_OK;
	struct import *import = NULL;
	struct grid *grid = NULL;
	char *history_kept = NULL;
	struct import_paths paths = { cli->arguments[0], cli->units_given ? cli->units_path : NULL, cli->output_path,
				      units_path };
	if (!import_check_paths(&paths, &diag)) {
		cli_print_problems(&diag);   /* before anything is read or written */
		code = EXIT_USAGE;
	} else if ((import = import_source(cli, units_path, &grid, &review, &diag, &code))) {
		code = save(cli, import, units_path, &history_kept, &diag);
		if (code == EXIT_OK)
			code = print_summary(cli, grid, import, units_path, history_kept, &review);
	}
	free(history_kept);
	import_free(import);
	grid_free(grid);
	diagnostics_free(&diag);
	diagnostics_free(&review);
	free(units_path);
	return code;
}

static const struct command_option import_options[] = {
	{ OPT_OUTPUT, true, N_("the plan file to write; units.csv is written beside it") },
	{ OPT_YEAR, false, N_("the plan year (default: the year in the title, else the\n"
			      "year of the dates in the table)") },
	{ OPT_TITLE, false, N_("the plan's title (default: the line above the table)") },
	{ OPT_FORCE, false, N_("replace PLAN.csv and units.csv when they exist") },
	{ .help = NULL },
};

const struct command command_import = {
	.name = "import",
	.arguments = "SOURCE",
	.summary = N_("turn the table an office receives into a plan"),
	.description = N_("Reads SOURCE, a responsibility table as a Word document (.docx), an Excel\n"
			  "workbook (.xlsx), a CSV or TSV file (UTF-8 or GB18030) or text with one cell\n"
			  "per line, and writes the plan and a unit directory (units.csv) beside it.\n"
			  "With --units, unit names are resolved against that directory, and its rows\n"
			  "are kept in the new one; names it does not have are added with a kind\n"
			  "guessed from the name.\n"),
	.options = import_options,
	.help = N_("The table is found by its header (序号, 重点工作, 年度进度要求, 责任单位, 牵头单位,\n"
		   "配合单位, 完成时限, ...). Each requirement is cut into milestones at its time\n"
		   "phrases (6月前, 9月底前, 第三季度, 每月10日前, ...; a 完成时限 column governs\n"
		   "parts that have none; else the year's end); numbers with a unit become\n"
		   "targets. The summary is followed by everything that was guessed: implied\n"
		   "deadlines, phrases the rule does not know, new units and their kinds,\n"
		   "doubtful targets. `duty check` shows the same as warnings until they are\n"
		   "settled. Nothing is written when the source cannot be read, and an existing\n"
		   "file is replaced only with --force.\n"
		   "\n"
		   "Examples:\n"
		   "  duty import 2019年责任分工.docx -o 2019/tasks_2019.csv --units data/units.csv\n"
		   "  duty import 分解表.xlsx -o plan.csv --year 2020 --title 2020年食品安全工作任务\n"
		   "  duty check 2019/tasks_2019.csv && duty -f 2019/tasks_2019.csv\n"),
	.min_arguments = 1,
	.max_arguments = 1,
	.formats = FORMAT_BIT(FORMAT_TABLE),
	.needs = NEEDS_NOTHING,
	.run = run_import,
};
