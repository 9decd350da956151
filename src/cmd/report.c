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
#include "duty/progress.h"

struct report_request {
	long task;
	unsigned target;
	size_t unit;                 /* EVERY_UNIT: the report for the whole target */
	const char *value;           /* the number, in ASCII */
	double number;
	const char *value_unit;      /* the unit typed after the number ("%"), or "" */
	const char *typed;           /* --value as given */
	char on[DATE_TEXT_SIZE];
	const char *note;
	const char *by;
	char time[HISTORY_TIME_SIZE];
	struct strbuf said;
};

/* The report for the whole target: targetN_reported, _reported_on, _note. */
static void report_whole(struct report_request *request, const struct task *task, const struct target *target,
			 struct plan_edits *edits)
{
	char was_on[DATE_TEXT_SIZE] = "";
	unsigned group = target->column_group;
	plan_edits_set_field(edits, task->id, &target_layout, group, TARGET_REPORTED, request->value);
	plan_edits_set_field(edits, task->id, &target_layout, group, TARGET_REPORTED_ON, request->on);
	if (request->note)
		plan_edits_set_field(edits, task->id, &target_layout, group, TARGET_NOTE, request->note);
	const struct target_record *was = target->progress;
	if (was->reported_on)
		date_format(was->reported_on, was_on);
	struct history_entry entry = {
		.time = request->time, .by = request->by, .action = HISTORY_REPORT, .task = task->id,
		.target = request->target, .value = request->value, .on = request->on,
		.note = request->note ? request->note : was->report_note,
		.old_value = was->reported_text, .old_on = was_on, .old_note = was->report_note, .unit = "",
	};
	plan_edits_log(edits, &entry);
}

/* One unit's own line in targetN_units_reported. */
static void report_unit(struct report_request *request, const struct plan *plan, const struct task *task,
			const struct target *target, struct plan_edits *edits)
{
	const char *name = plan->units->units[request->unit].name;
	struct target_progress before = target_progress(plan->units, target, request->unit);
	const struct unit_report *own = before.source == RECORD_OWN ? before.record : NULL;
	const char *note = request->note ? request->note : own ? own->note : "";
	struct strbuf line = STRBUF_INIT;
	progress_line_format(&line, name, request->value, request->on, note);
	tracking_set_unit_line(edits, task->id, &target_layout, target->column_group, TARGET_UNITS_REPORTED,
			       target->progress->units_reported, own != NULL, own ? own->start : 0, own ? own->end : 0,
			       strbuf_text(&line));
	strbuf_free(&line);
	char was_on[DATE_TEXT_SIZE] = "";
	if (own && own->reported_on)
		date_format(own->reported_on, was_on);
	struct history_entry entry = {
		.time = request->time, .by = request->by, .action = HISTORY_REPORT, .task = task->id,
		.target = request->target, .value = request->value, .on = request->on, .note = note,
		.old_value = own ? own->value_text : "", .old_on = was_on, .old_note = own ? own->note : "",
		.unit = name,
	};
	plan_edits_log(edits, &entry);
}

/* "Task 12, target 1 (创建放心示范餐饮店 reach 340 家): 352 家 on 2018-10-15, met (was 300)" */
static void say_reported(struct report_request *request, const struct plan *plan, const struct task *task,
			 const struct target *target, struct target_progress before)
{
	struct strbuf goal = STRBUF_INIT, value = STRBUF_INIT, whose = STRBUF_INIT;
	format_target_goal(&goal, target);
	format_quantity(&value, request->value, target->unit);
	if (request->unit != EVERY_UNIT)
		strbuf_printf(&whose, ", %s", plan->units->units[request->unit].name);
	strbuf_printf(&request->said, _("Task %ld, target %u (%s %s)%s: %s on %s, %s"), task->id, request->target,
		      target->metric, strbuf_text(&goal), strbuf_text(&whose), strbuf_text(&value), request->on,
		      target_value_meets(target, request->number) ? _("met") : _("not met"));
	bool own = request->unit == EVERY_UNIT ? target->progress->reported : before.source == RECORD_OWN;
	if (own)
		strbuf_printf(&request->said, _(" (was %s)"), before.value_text);
	strbuf_putc(&request->said, '\n');
	strbuf_free(&goal);
	strbuf_free(&value);
	strbuf_free(&whose);
}

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
			   task->id, (size_t)task->target_count, task->target_count == 1 ? "" : "s", request->target,
			   task->id);
		return false;
	}
	const struct target *target = &task->targets[request->target - 1];
	if (!text_same_unit(request->value_unit, target->unit)) {
		diag_error(diag, NULL, 0, NULL, _("--value \"%s\" is in %s, but target %u of task %ld counts %s"),
			   request->typed, request->value_unit, request->target, task->id,
			   target->unit[0] ? target->unit : _("without a unit"));
		return false;
	}
	if (request->unit != EVERY_UNIT && !target_duty(plan->units, task, target, request->unit).responsible) {
		diag_error(diag, NULL, 0, NULL, _("target %u of task %ld is not %s's to report"), request->target,
			   task->id, plan->units->units[request->unit].name);
		return false;
	}
	if (strcmp(target->unit, "%") == 0 && request->number > 100)
		diag_warning(diag, NULL, 0, NULL, _("%s%% is more than 100%%; check the figure"), request->value);
	struct target_progress before = target_progress(plan->units, target, request->unit);
	if (request->unit == EVERY_UNIT)
		report_whole(request, task, target, edits);
	else
		report_unit(request, plan, task, target, edits);
	say_reported(request, plan, task, target, before);
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
	struct typed_quantity typed;
	if (!text_parse_quantity(cli->value, strlen(cli->value), &typed)) {
		cli_error(_("--value \"%s\" is not a number; expected digits, e.g. 352 or 98.5"), cli->value);
		return EXIT_USAGE;
	}
	request.number = typed.value;
	if (request.number < 0) {
		cli_error(_("--value %s is below zero; a reported value is a count or a share, 0 or more"), cli->value);
		return EXIT_USAGE;
	}
	int code = tracking_unit(cli, &request.unit);
	if (code != EXIT_OK)
		return code;
	request.value = typed.number;
	request.value_unit = typed.unit;
	request.typed = cli->value;
	date_format(cli->given[OPT_ON] ? cli->on : cli->today, request.on);
	history_now(request.time);
	strbuf_init(&request.said);
	return cli_edit_plan(cli, plan_report, &request, &request.said);
}

static const struct command_option report_options[] = {
	{ OPT_UNIT, false, N_("unit U reports its own value (default: the value for the\nwhole target)") },
	{ OPT_TARGET, true, N_("the target (required)") },
	{ OPT_VALUE, true, N_("the reported value, a number, with or without the\n"
			       "target's unit: 352, 98.5, 98% (required)") },
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
			  "whether it meets the target. With --unit U, unit U reports its own value, as\n"
			  "a line of targetN_units_reported, judged against the target on its own. A\n"
			  "later report replaces it; `duty undo ID --target K` brings back the one\n"
			  "before. A value below zero is refused; a percentage above 100 is warned\n"
			  "about.\n"),
	.options = report_options,
	.help = N_("Examples:\n"
		   "  duty report 12 --target 1 --value 352\n"
		   "  duty report 12 --target 1 --value 35 --unit 瑞安\n"
		   "  duty report 7 --target 3 --value 98.6% --on 2018-12-20 --note 市农业局报送\n"),
	.min_arguments = 1,
	.max_arguments = 1,
	.formats = FORMAT_BIT(FORMAT_TABLE),
	.needs = NEEDS_UNITS,
	.run = run_report,
};
