/*
 * export.c - `duty export --unit U`: the unit's duty list (责任清单) as
 * one JSON document for another system, or as CSV.
 */
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/output.h"
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
	for (size_t i = 0; i < count; i++) {
		cJSON *task = json_task(plan, matches[i].task, true, matches[i].via);
		if (task)
			json_add_role(task, matches[i].role);
		json_add(&tasks, task);
	}
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

static int run_export(struct cli *cli)
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
		switch (cli->format) {
		case FORMAT_CSV:
			view_tasks(cli, &query, matches, count, true);
			break;
		case FORMAT_ICS:
			print_ics(cli, query.unit, matches, count);
			break;
		case FORMAT_HTML:
			sheet_html(cli->out, cli->plan, cli->today, query.unit, matches, count);
			break;
		case FORMAT_MARKDOWN:
			sheet_markdown(cli->out, cli->plan, cli->today, query.unit, matches, count);
			break;
		case FORMAT_XLSX:
			xlsx_add_duty_list(cli->book, cli->plan, cli->today, query.unit, matches, count);
			break;
		default:
			print_json(cli, query.unit, matches, count);
		}
		code = cli_finish_output(cli, EXIT_OK);
	}
	free(matches);
	return code;
}

static const struct command_option export_options[] = {
	{ OPT_UNIT, true, N_("the unit (required; any name, alias or unique part of one)") },
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
	.summary = N_("a unit's duty list: JSON, CSV, iCalendar, HTML or Markdown"),
	.options = export_options,
	.help = N_("JSON (the default here) is one object: the unit, the plan's title and year,\n"
		   "the date it was generated (today), and the unit's tasks, each with \"via\":\n"
		   "null, or the group through which the unit is responsible. See docs/json.md.\n"
		   "With --format csv -o FILE the file starts with a UTF-8 byte order mark so\n"
		   "Excel and WPS open it correctly. --format ics writes an iCalendar file with\n"
		   "one all-day entry per milestone (for Outlook and phone calendars; importing\n"
		   "it again updates the entries). --format html writes a duty sheet that\n"
		   "prints on A4; --format md the same as Markdown.\n"
		   "\n"
		   "Examples:\n"
		   "  duty export --unit 市教育局 | jq .\n"
		   "  duty export --unit 瑞安 -o 瑞安市政府.json\n"
		   "  duty export --unit 市教育局 --format ics -o 市教育局.ics\n"
		   "  duty export --unit 瑞安 --format html -o 瑞安.html\n"),
	.min_arguments = 0,
	.max_arguments = 0,
	.formats = FORMAT_BIT(FORMAT_CSV) | FORMAT_BIT(FORMAT_JSON) | FORMAT_BIT(FORMAT_ICS) | FORMAT_BIT(FORMAT_HTML)
		   | FORMAT_BIT(FORMAT_MARKDOWN) | FORMAT_BIT(FORMAT_XLSX),
	.needs = NEEDS_PLAN,
	.run = run_export,
};
