/*
 * report.c - `duty report ID --target K --value N`: records the value a
 * unit reports against target K of task ID (放心示范餐饮店 340家 → 352), on
 * --on DATE (default today), with an optional --note.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "cli/tracking.h"
#include "duty/text.h"
#include "duty/format.h"

struct report_request {
	long task;
	unsigned target;
	const char *value;
	char on[DATE_TEXT_SIZE];
	const char *note;
	const char *by;
	char time[HISTORY_TIME_SIZE];
	struct strbuf said;
};

static bool plan_report(const struct plan *plan, const struct history *history, struct plan_edits *edits,
			void *context, struct diagnostics *diag)
{
	(void)history;
	struct report_request *request = context;
	/* A plan saved by another program meanwhile is planned again. */
	strbuf_clear(&request->said);
	const struct task *task = plan_find_item(plan, request->task, 0, diag);
	if (!task)
		return false;
	if (request->target > task->target_count) {
		diag_error(diag, NULL, 0, NULL, _("task %ld has %zu target%s; there is no target %u (`duty show %ld` "
						  "lists them)"),
			   task->id, task->target_count, task->target_count == 1 ? "" : "s", request->target, task->id);
		return false;
	}
	const struct target *target = &task->targets[request->target - 1];
	char was_on[DATE_TEXT_SIZE] = "";
	unsigned group = target->column_group;
	plan_edits_set_field(edits, task->id, &target_layout, group, TARGET_REPORTED, request->value);
	plan_edits_set_field(edits, task->id, &target_layout, group, TARGET_REPORTED_ON, request->on);
	if (request->note)
		plan_edits_set_field(edits, task->id, &target_layout, group, TARGET_NOTE, request->note);
	if (target->reported_on)
		date_format(target->reported_on, was_on);
	struct history_entry entry = {
		.time = request->time, .by = request->by, .action = "report", .task = task->id,
		.target = request->target, .value = request->value, .on = request->on,
		.note = request->note ? request->note : target->report_note,
		.old_value = target->reported_text, .old_on = was_on, .old_note = target->report_note,
	};
	plan_edits_log(edits, &entry);

	struct target reported = *target;
	reported.reported = true;
	text_parse_decimal(request->value, strlen(request->value), &reported.reported_value);
	struct strbuf goal, value;
	strbuf_init(&goal);
	strbuf_init(&value);
	format_quantity(&goal, target->value_text, target->unit);
	format_quantity(&value, request->value, target->unit);
	strbuf_printf(&request->said, _("Task %ld, target %u (%s %s %s): %s on %s, %s"), task->id, request->target,
		      target->metric, target_op_text(target->op), strbuf_text(&goal), strbuf_text(&value),
		      request->on, target_is_met(&reported) ? _("met") : _("not met"));
	if (target->reported)
		strbuf_printf(&request->said, _(" (was %s)"), target->reported_text);
	strbuf_putc(&request->said, '\n');
	strbuf_free(&goal);
	strbuf_free(&value);
	return true;
}

static int run_report(struct cli *cli)
{
	struct report_request request = { .target = cli->target, .note = cli->note, .by = cli_who(cli) };
	unsigned milestone = 0;
	if (!item_id_parse(cli->arguments[0], strlen(cli->arguments[0]), &request.task, &milestone) || milestone) {
		cli_error(_("\"%s\" is not a task number; expected ID, e.g. 12"), cli->arguments[0]);
		return EXIT_USAGE;
	}
	const char *value = cli->value;
	size_t length = text_trim(&value, strlen(value));
	double number;
	if (!text_parse_decimal(value, length, &number)) {
		cli_error(_("--value \"%s\" is not a number; expected digits, e.g. 352 or 98.5"), cli->value);
		return EXIT_USAGE;
	}
	char trimmed[64];
	snprintf(trimmed, sizeof trimmed, "%.*s", (int)length, value);
	request.value = trimmed;
	date_format(cli->given[OPT_ON] ? cli->on : cli->today, request.on);
	history_now(request.time);
	strbuf_init(&request.said);
	return cli_edit_plan(cli, plan_report, &request, &request.said);
}

static const struct command_option report_options[] = {
	{ OPT_TARGET, true, N_("the target (required)") },
	{ OPT_VALUE, true, N_("the reported value, a number (required)") },
	{ OPT_ON, false, N_("the day of the report (default: today)") },
	{ OPT_NOTE, false, N_("a note, e.g. where the figure comes from") },
	{ OPT_BY, false, N_("who records it (default: $USER)") },
	{ .help = NULL },
};

const struct command command_report = {
	.name = "report",
	.arguments = "ID",
	.summary = N_("record the value reported against a target"),
	.description = N_("Records the value a unit reports against target K of task ID (K counts the\n"
			  "task's targets as `duty show ID` lists them), in the plan file's\n"
			  "targetN_reported, targetN_reported_on and targetN_note columns, and says\n"
			  "whether it meets the target. A later report replaces it; `duty undo ID\n"
			  "--target K` brings back the one before.\n"),
	.options = report_options,
	.help = N_("Examples:\n"
		   "  duty report 12 --target 1 --value 352\n"
		   "  duty report 7 --target 3 --value 98.6 --on 2018-12-20 --note 市农业局报送\n"),
	.min_arguments = 1,
	.max_arguments = 1,
	.formats = FORMAT_BIT(FORMAT_TABLE),
	.needs = NEEDS_UNITS,
	.run = run_report,
};
