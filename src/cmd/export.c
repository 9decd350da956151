/*
 * export.c - `duty export --unit U`: the unit's duty list (责任清单) as
 * one JSON document for another system, or as CSV.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/output.h"
#include "cli/paths.h"
#include "cli/scope.h"
#include "cli/views.h"
#include "duty/ics.h"
#include "duty/json.h"
#include "duty/sheet.h"
#include "duty/xlsx.h"

static void print_json(struct cli *cli, size_t unit, const struct task_match *matches, size_t count)
{
	const struct plan *plan = cli->plan;
	char today[DATE_TEXT_SIZE];
	date_format(cli->today, today);
	struct json_writer object, tasks;
	json_begin_object(&object, cli->out, 0);
	json_add_field(&object, "unit", cJSON_CreateString(plan->units->units[unit].name));
	json_add_field(&object, "plan", json_plan_about(plan));
	json_add_field(&object, "generated_on", cJSON_CreateString(today));
	json_add_key(&object, "tasks");
	json_begin_array(&tasks, cli->out, 1);
	for (size_t i = 0; i < count; i++)
		json_add_task(&tasks, plan, matches[i].task, true, matches[i].via, matches[i].role);
	if (!json_end(&tasks) || !json_end(&object))
		cli->out_of_memory = true;
	fputc('\n', cli->out);
}

static void print_ics(struct cli *cli, size_t unit, const struct task_match *matches, size_t count)
{
	struct strbuf name;
	strbuf_init(&name);
	strbuf_printf(&name, "%s — %s", cli->plan->title, cli->plan->units->units[unit].name);
	ics_begin(cli->out, strbuf_text(&name));
	for (size_t i = 0; i < count; i++) {
		const struct task *task = matches[i].task;
		for (size_t m = 0; m < task->milestone_count; m++)
			if (milestone_duty(cli->units, task, &task->milestones[m], unit).responsible)
				ics_event(cli->out, cli->plan, task, m, cli->today, cli->remind_days);
	}
	ics_end(cli->out);
	strbuf_free(&name);
}

/* The duty list of the query's unit, in cli->format, on the output as it
 * is set. */
static void write_unit(struct cli *cli, const struct query *query, const struct task_match *matches, size_t count)
{
	size_t unit = query->unit;
	switch (cli->format) {
	case FORMAT_CSV:
		view_tasks(cli, query, matches, count, true);
		break;
	case FORMAT_ICS:
		print_ics(cli, unit, matches, count);
		break;
	case FORMAT_HTML:
		sheet_html(cli->out, cli->plan, cli->today, unit, matches, count);
		break;
	case FORMAT_MARKDOWN:
		sheet_markdown(cli->out, cli->plan, cli->today, unit, matches, count);
		break;
	case FORMAT_XLSX:
		xlsx_add_duty_list(cli->book, cli->plan, cli->today, unit, matches, count);
		break;
	default:
		print_json(cli, unit, matches, count);
	}
}


static int export_one(struct cli *cli)
{
	struct query query;
	int code = cli_unit_query(cli, &query);
	if (code != EXIT_OK)
		return code;
	struct task_match *matches = NULL;
	size_t count = query_tasks(cli->plan, &query, &matches);
	if (count == SIZE_MAX)
		return cli_out_of_memory();
	code = cli_open_output(cli);
	if (code == EXIT_OK) {
		write_unit(cli, &query, matches, count);
		code = cli_finish_output(cli, EXIT_OK);
	}
	free(matches);
	return code;
}

/* "瑞安市政府.json": a unit's file in DIR, its name safe for any file system. */
static void unit_file_name(struct strbuf *path, const char *directory, const char *unit, enum format format)
{
	static const char *const extensions[FORMAT_COUNT] = {
		[FORMAT_TABLE] = "json", [FORMAT_CSV] = "csv", [FORMAT_JSON] = "json", [FORMAT_ICS] = "ics",
		[FORMAT_HTML] = "html",  [FORMAT_MARKDOWN] = "md", [FORMAT_XLSX] = "xlsx",
	};
	strbuf_clear(path);
	strbuf_puts(path, directory);
	if (path->length && path->data[path->length - 1] != '/')
		strbuf_putc(path, '/');
	for (const char *p = unit; *p; p++)
		strbuf_putc(path, strchr("/\\:*?\"<>|", *p) || (unsigned char)*p < 0x20 ? '_' : *p);
	strbuf_printf(path, ".%s", extensions[format]);
}

/* Every unit with tasks, one after another: sheets of one workbook, or
 * files in a directory. units_written counts them. */
static int export_each(struct cli *cli, const char *directory, size_t *units_written)
{
	const struct unit_directory *units = cli->units;
	struct strbuf path = STRBUF_INIT;
	int code = EXIT_OK;
	for (size_t u = 0; u < units->count && code == EXIT_OK; u++) {
		if (!unit_is_listed(&units->units[u]))
			continue;
		struct query query = { .by_unit = true, .unit = u, .direct_only = cli->direct };
		struct task_match *matches = NULL;
		size_t count = query_tasks(cli->plan, &query, &matches);
		if (count == SIZE_MAX) {
			code = cli_out_of_memory();
			break;
		}
		if (count && !directory) {
			write_unit(cli, &query, matches, count);
		} else if (count) {
			unit_file_name(&path, directory, units->units[u].name, cli->format);
			cli->output_path = strbuf_text(&path);
			code = path.failed ? cli_out_of_memory() : cli_open_output(cli);
			if (code == EXIT_OK) {
				write_unit(cli, &query, matches, count);
				code = cli_finish_output(cli, EXIT_OK);
			}
			cli->output_path = directory;
		}
		*units_written += count != 0;
		free(matches);
	}
	strbuf_free(&path);
	return code;
}

/* --all-units -o FILE.xlsx: one workbook, a sheet per unit; -o DIR: a file
 * per unit in DIR (made when missing), in --format. */
static int export_all(struct cli *cli)
{
	const char *target = cli->output_path;
	if (!target) {
		cli_error(_("--all-units writes a file per unit: give the directory with -o DIR "
			    "(or one workbook with -o FILE.xlsx)"));
		return EXIT_USAGE;
	}
	struct stat status;
	bool is_directory = stat(target, &status) == 0 && S_ISDIR(status.st_mode);
	size_t written = 0;
	int code;
	const char *dot = strrchr(target, '.');
	bool workbook = cli->format == FORMAT_XLSX && !is_directory && dot > strrchr(target, '/')
			&& strcasecmp(dot, ".xlsx") == 0;
	if (workbook) {
		code = cli_open_output(cli);
		if (code == EXIT_OK) {
			code = export_each(cli, NULL, &written);
			code = cli_finish_output(cli, code);
		}
		if (code == EXIT_OK)
			fprintf(cli->out, _("Wrote the duty lists of %zu units to %s, a sheet each.\n"), written, target);
	} else if (cli->format_given && cli->format != FORMAT_XLSX && !is_directory
		   && strrchr(target, '.') > strrchr(target, '/')) {
		cli_error(_("--all-units writes a file per unit into a directory, not into %s "
			    "(only a workbook, -o FILE.xlsx, holds them all)"), target);
		return EXIT_USAGE;
	} else if (!is_directory && !paths_make_directories(target)) {
		cli_error(_("cannot create the directory %s: %s"), target, strerror(errno));
		return EXIT_OUTPUT;
	} else {
		code = export_each(cli, target, &written);
		if (code == EXIT_OK)
			fprintf(cli->out, _("Wrote the duty lists of %zu units to %s, a file each (%s).\n"), written,
				target, format_name(cli->format == FORMAT_TABLE ? FORMAT_JSON : cli->format));
	}
	return code == EXIT_OK ? cli_finish_output(cli, EXIT_OK) : code;
}

static int run_export(struct cli *cli)
{
	if (cli->all_units && cli->unit_query) {
		cli_error(_("--all-units and --unit: give one of them"));
		return EXIT_USAGE;
	}
	if (!cli->all_units && !cli->unit_query) {
		cli_error(_("`duty export` needs --unit U, or --all-units"));
		return EXIT_USAGE;
	}
	return cli->all_units ? export_all(cli) : export_one(cli);
}

static const struct command_option export_options[] = {
	{ OPT_UNIT, false, N_("the unit (any name, alias or unique part of one)") },
	{ OPT_ALL_UNITS, false,
	  N_("every unit with tasks: a file per unit in the directory of\n"
	     "-o DIR (made when missing), or a sheet per unit with\n"
	     "-o FILE.xlsx") },
	{ OPT_DIRECT, false, N_("leave out tasks the unit has only through a group") },
	{ OPT_REMIND, false,
	  N_("with --format ics, a reminder at 9:00 DAYS days before each\n"
	     "deadline (default 7; 0 for none)") },
	{ OPT_LANG, false, N_("the language of a duty sheet or workbook: zh or en\n"
			      "(default: the plan's, Chinese for a Chinese plan)") },
	{ OPT_OUTPUT, false,
	  N_("write to FILE instead of the standard output, in the format\n"
	     "its extension names (.json, .csv, .ics, .html, .md, .xlsx) unless\n"
	     "--format says; the file is replaced only when the whole list\n"
	     "was written") },
	{ .help = NULL },
};

const struct command command_export = {
	.name = "export",
	.arguments = "",
	.summary = N_("a unit's duty list: JSON, CSV, iCalendar, HTML, Markdown or Excel"),
	.options = export_options,
	.help = N_("JSON (the default here) is one object: the unit, the plan's title and year,\n"
		   "the date it was generated (today), and the unit's tasks, each with \"via\":\n"
		   "null, or the group through which the unit is responsible. See docs/json.md.\n"
		   "--format csv writes one row per task (starting with a byte order mark, so\n"
		   "Excel and WPS read it as UTF-8). --format ics writes an iCalendar file with\n"
		   "one all-day entry per milestone and a reminder before it (for Outlook and\n"
		   "phone calendars; importing it again updates the entries). --format html\n"
		   "writes a duty sheet that prints on A4, --format md the same as Markdown,\n"
		   "--format xlsx an Excel workbook with a row per milestone; these three are in\n"
		   "the plan's language unless --lang says otherwise.\n"
		   "\n"
		   "Examples:\n"
		   "  duty export --unit 市教育局 | jq .\n"
		   "  duty export --unit 瑞安 -o 瑞安市政府.json\n"
		   "  duty export --unit 瑞安 -o 瑞安.xlsx\n"
		   "  duty export --unit 市教育局 -o 市教育局.ics --remind 3\n"
		   "  duty export --unit 瑞安 -o 瑞安.html\n"
		   "  duty export --all-units --format xlsx -o 责任清单/\n"
		   "  duty export --all-units -o 全部单位.xlsx\n"),
	.min_arguments = 0,
	.max_arguments = 0,
	.formats = FORMAT_BIT(FORMAT_CSV) | FORMAT_BIT(FORMAT_JSON) | FORMAT_BIT(FORMAT_ICS) | FORMAT_BIT(FORMAT_HTML)
		   | FORMAT_BIT(FORMAT_MARKDOWN) | FORMAT_BIT(FORMAT_XLSX),
	.needs = NEEDS_PLAN,
	.run = run_export,
};
