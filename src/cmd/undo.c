/*
 * undo.c - `duty undo ID[.M] [--unit U]` takes back the last `duty done`
 * of a milestone (of every done milestone of the task without .M): the
 * record for the whole milestone, or with --unit the unit's own line;
 * `duty undo ID --target K [--unit U]` takes back the last report of a
 * target. Both restore what the history says was there before, so undoing
 * each change in turn returns the plan file to its earlier bytes.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "cli/tracking.h"
#include "duty/journal.h"
#include "duty/progress.h"
#include "duty/text.h"

struct undo_request {
	const struct plan *plan;     /* as loaded under the lock */
	long task;
	unsigned milestone;
	unsigned target;             /* --target K: undo a report instead */
	size_t unit;                 /* EVERY_UNIT: the record for the whole item */
	const char *by;
	char time[HISTORY_TIME_SIZE];
	struct strbuf said;
};

/* The record for the whole milestone. */
static void undo_whole(const struct task *task, size_t m, const struct history *history, struct plan_edits *edits,
		       struct undo_request *request)
{
	const struct milestone *milestone = &task->milestones[m];
	/* Back to what the `done` in effect replaced (the history has it):
	 * not done and the old note, or an earlier done. Without history
	 * (a date typed in by hand), just not done. */
	const struct history_entry *done = history_in_effect(history, task->id, (unsigned)m + 1, 0, "", HISTORY_DONE);
	if (done && !journal_plan_holds(request->plan, done, false))
		done = NULL;   /* changed by hand since: the record does not say what came before */
	const char *on = done ? done->old_on : "";
	const char *note = done ? done->old_note : milestone->progress->note;
	char was[DATE_TEXT_SIZE];
	date_format(milestone->progress->done_on, was);
	unsigned group = milestone->column_group;
	plan_edits_set_field(edits, task->id, &milestone_layout, group, MILESTONE_DONE_ON, on);
	if (strcmp(note, milestone->progress->note) != 0)
		plan_edits_set_field(edits, task->id, &milestone_layout, group, MILESTONE_NOTE, note);
	struct history_entry entry = {
		.time = request->time, .by = request->by, .action = HISTORY_UNDO, .task = task->id,
		.milestone = (unsigned)m + 1, .value = "", .on = on, .note = note,
		.old_value = "", .old_on = was, .old_note = milestone->progress->note, .unit = "",
	};
	plan_edits_log(edits, &entry);
	struct strbuf text = STRBUF_INIT;
	milestone_text_string(task, milestone, &text);
	if (on[0])
		strbuf_printf(&request->said, _("%ld.%zu is done on %s again (the change to %s is taken back): %s\n"),
			      task->id, m + 1, on, was, strbuf_text(&text));
	else
		strbuf_printf(&request->said, _("%ld.%zu is not done (it was done on %s): %s\n"), task->id, m + 1, was,
			      strbuf_text(&text));
	request->said.failed = request->said.failed || text.failed;
	strbuf_free(&text);
}

/* The unit's own line: back to the line the `done` in effect replaced, or
 * none. */
static void undo_unit(const struct plan *plan, const struct task *task, size_t m, const struct unit_done *own,
		      const struct history *history, struct plan_edits *edits, struct undo_request *request)
{
	const struct milestone *milestone = &task->milestones[m];
	const char *name = plan->units->units[request->unit].name;
	const struct history_entry *done = history_in_effect(history, task->id, (unsigned)m + 1, 0, name, HISTORY_DONE);
	if (done && !journal_plan_holds(plan, done, false))
		done = NULL;   /* changed by hand since: the record does not say what came before */
	const char *on = done ? done->old_on : "";
	const char *note = done ? done->old_note : "";
	struct strbuf line = STRBUF_INIT;
	if (on[0])
		progress_line_format(&line, name, NULL, on, note);
	tracking_set_unit_line(edits, task->id, &milestone_layout, milestone->column_group, MILESTONE_UNITS_DONE,
			       milestone->progress->units_done, true, own->start, own->end,
			       on[0] ? strbuf_text(&line) : NULL);
	strbuf_free(&line);
	char was[DATE_TEXT_SIZE];
	date_format(own->done_on, was);
	struct history_entry entry = {
		.time = request->time, .by = request->by, .action = HISTORY_UNDO, .task = task->id,
		.milestone = (unsigned)m + 1, .value = "", .on = on, .note = note,
		.old_value = "", .old_on = was, .old_note = own->note, .unit = name,
	};
	plan_edits_log(edits, &entry);
	struct strbuf text = STRBUF_INIT;
	milestone_text_string(task, milestone, &text);
	if (on[0])
		strbuf_printf(&request->said, _("%ld.%zu is done for %s on %s again (the change to %s is taken back): "
						"%s\n"),
			      task->id, m + 1, name, on, was, strbuf_text(&text));
	else
		strbuf_printf(&request->said, _("%ld.%zu is not done for %s (it was done on %s): %s\n"), task->id, m + 1,
			      name, was, strbuf_text(&text));
	request->said.failed = request->said.failed || text.failed;
	strbuf_free(&text);
}

/* Why a milestone the unit answers for has no line of its own to take back. */
static void say_not_own(const struct plan *plan, const struct task *task, size_t m, struct progress progress,
			struct undo_request *request)
{
	const char *name = plan->units->units[request->unit].name;
	char on[DATE_TEXT_SIZE];
	if (!progress.done_on || progress.source == RECORD_MEMBERS) {
		strbuf_printf(&request->said, _("%ld.%zu has no record of %s's own; nothing to undo.\n"), task->id,
			      m + 1, name);
		return;
	}
	date_format(progress.done_on, on);
	if (progress.source == RECORD_GROUP)
		strbuf_printf(&request->said, _("%ld.%zu is done for %s through the record of %s (on %s); "
						"`duty undo %ld.%zu --unit %s` takes that back.\n"),
			      task->id, m + 1, name, plan->units->units[progress.group].name, on, task->id, m + 1,
			      plan->units->units[progress.group].name);
	else
		strbuf_printf(&request->said, _("%ld.%zu is done for %s through the record for every unit (on %s); "
						"`duty undo %ld.%zu` takes that back.\n"),
			      task->id, m + 1, name, on, task->id, m + 1);
}

/* Why a milestone without a record for the whole may still look done. */
static void say_no_whole(const struct task *task, size_t m, struct undo_request *request)
{
	const struct milestone *milestone = &task->milestones[m];
	if (milestone->progress->unit_record_count)
		strbuf_printf(&request->said, _("%ld.%zu is not recorded done for every unit; %zu unit%s recorded their "
						"own part: `duty undo %ld.%zu --unit U` takes one back.\n"),
			      task->id, m + 1, (size_t)milestone->progress->unit_record_count,
			      milestone->progress->unit_record_count == 1 ? "" : "s", task->id, m + 1);
}

static void undo_milestones(const struct plan *plan, const struct task *task, const struct history *history,
			    struct plan_edits *edits, struct undo_request *request)
{
	size_t first = request->milestone ? request->milestone - 1 : 0;
	size_t last = request->milestone ? request->milestone : task->milestone_count;
	for (size_t m = first; m < last; m++) {
		const struct milestone *milestone = &task->milestones[m];
		if (request->unit == EVERY_UNIT) {
			if (milestone->progress->done_on)
				undo_whole(task, m, history, edits, request);
			else
				say_no_whole(task, m, request);
			continue;
		}
		if (!milestone_duty(plan->units, task, milestone, request->unit).responsible)
			continue;
		struct progress progress = milestone_progress(plan->units, task, milestone, request->unit, 0);
		if (progress.source == RECORD_OWN)
			undo_unit(plan, task, m, progress.record, history, edits, request);
		else if (request->milestone || progress.done_on)
			say_not_own(plan, task, m, progress, request);
	}
	if (!request->said.length) {
		if (request->milestone)
			strbuf_printf(&request->said, _("%ld.%u is not done; nothing to undo.\n"), task->id,
				      request->milestone);
		else
			strbuf_printf(&request->said, _("No milestone of task %ld is done; nothing to undo.\n"),
				      task->id);
	}
}

/* The report in effect (whole or the unit's) is replaced by the one before. */
static void undo_report_record(const struct task *task, const struct target *target, const char *unit_name,
			       const struct unit_report *own, const struct history *history, struct plan_edits *edits,
			       struct undo_request *request)
{
	const struct history_entry *last = history_in_effect(history, task->id, 0, request->target,
							     unit_name ? unit_name : "", HISTORY_REPORT);
	if (last && !journal_plan_holds(request->plan, last, false))
		last = NULL;   /* changed by hand since: the record does not say what came before */
	const char *value = last ? last->old_value : "";
	const char *on = last ? last->old_on : "";
	const char *note = last ? last->old_note : "";
	const char *was_value = own ? own->value_text : target->progress->reported_text;
	date_t was_date = own ? own->reported_on : target->progress->reported_on;
	char was_on[DATE_TEXT_SIZE] = "";
	if (was_date)
		date_format(was_date, was_on);
	unsigned group = target->column_group;
	if (own) {
		struct strbuf line = STRBUF_INIT;
		if (value[0])
			progress_line_format(&line, unit_name, value, on, note);
		tracking_set_unit_line(edits, task->id, &target_layout, group, TARGET_UNITS_REPORTED,
				       target->progress->units_reported, true, own->start, own->end,
				       value[0] ? strbuf_text(&line) : NULL);
		strbuf_free(&line);
	} else {
		plan_edits_set_field(edits, task->id, &target_layout, group, TARGET_REPORTED, value);
		plan_edits_set_field(edits, task->id, &target_layout, group, TARGET_REPORTED_ON, on);
		plan_edits_set_field(edits, task->id, &target_layout, group, TARGET_NOTE, note);
	}
	struct history_entry entry = {
		.time = request->time, .by = request->by, .action = HISTORY_UNDO, .task = task->id,
		.target = request->target, .value = value, .on = on, .note = note,
		.old_value = was_value, .old_on = was_on, .old_note = own ? own->note : target->progress->report_note,
		.unit = unit_name ? unit_name : "",
	};
	plan_edits_log(edits, &entry);
	struct strbuf whose = STRBUF_INIT;
	if (unit_name)
		strbuf_printf(&whose, _(" (%s)"), unit_name);
	if (value[0])
		strbuf_printf(&request->said, _("Target %u of task %ld%s: the report of %s is taken back; it is %s "
						"again (reported on %s).\n"),
			      request->target, task->id, strbuf_text(&whose), was_value, value, on[0] ? on : "?");
	else
		strbuf_printf(&request->said, _("Target %u of task %ld%s: the report of %s is taken back; it has "
						"no report now.\n"),
			      request->target, task->id, strbuf_text(&whose), was_value);
	strbuf_free(&whose);
}

static bool undo_report(const struct plan *plan, const struct task *task, const struct history *history,
			struct plan_edits *edits, struct undo_request *request, struct diagnostics *diag)
{
	if (request->target > task->target_count) {
		diag_error(diag, NULL, 0, NULL, _("task %ld has %zu target%s; there is no target %u"), task->id,
			   (size_t)task->target_count, task->target_count == 1 ? "" : "s", request->target);
		return false;
	}
	const struct target *target = &task->targets[request->target - 1];
	const char *unit_name = request->unit == EVERY_UNIT ? NULL : plan->units->units[request->unit].name;
	struct target_progress report = target_progress(plan->units, target, request->unit);
	if (unit_name && report.source == RECORD_OWN) {
		undo_report_record(task, target, unit_name, report.record, history, edits, request);
	} else if (!unit_name && target->progress->reported) {
		undo_report_record(task, target, NULL, NULL, history, edits, request);
	} else if (unit_name) {
		strbuf_printf(&request->said, _("Target %u of task %ld has no report of %s's own; nothing to undo.\n"),
			      request->target, task->id, unit_name);
	} else {
		strbuf_printf(&request->said, _("Target %u of task %ld has no report; nothing to undo.\n"),
			      request->target, task->id);
	}
	return true;
}

static bool plan_undo(const struct plan *plan, const struct history *history, struct plan_edits *edits,
		      void *context, struct diagnostics *diag)
{
	struct undo_request *request = context;
	/* A plan saved by another program meanwhile is planned again. */
	strbuf_clear(&request->said);
	request->plan = plan;
	const struct task *task = plan_find_item(plan, request->task, request->milestone, diag);
	if (!task)
		return false;
	if (request->target)
		return undo_report(plan, task, history, edits, request, diag);
	undo_milestones(plan, task, history, edits, request);
	return true;
}

static int run_undo(struct cli *cli)
{
	struct undo_request request = { .target = cli->target, .by = cli_who(cli) };
	if (!item_id_parse(cli->arguments[0], strlen(cli->arguments[0]), &request.task, &request.milestone)
	    || (request.target && request.milestone)) {
		cli_error(_("\"%s\" is not what undo takes; expected ID.M (a milestone), ID (all of a task's "
			    "milestones) or ID --target K (a report)"),
			  cli->arguments[0]);
		return EXIT_USAGE;
	}
	int code = tracking_unit(cli, &request.unit);
	if (code != EXIT_OK)
		return code;
	history_now(request.time);
	strbuf_init(&request.said);
	return cli_edit_plan(cli, plan_undo, &request, &request.said);
}

static const struct command_option undo_options[] = {
	{ OPT_UNIT, false, N_("take back unit U's own record (default: the record for\nevery unit)") },
	{ OPT_TARGET, false, N_("undo the last report of target K instead") },
	{ OPT_BY, false, N_("who records it (default: $USER)") },
	{ .help = NULL },
};

const struct command command_undo = {
	.name = "undo",
	.arguments = "ID[.M]",
	.summary = N_("mark a milestone not done again, or take back a report"),
	.description = N_("`duty undo ID.M` takes back the last `duty done` of milestone M of task ID:\n"
			  "the milestone is not done again and has the note it had before (so done\n"
			  "followed by undo leaves the plan file exactly as it was); if it was done\n"
			  "twice, the first done comes back. Without .M, every done milestone of the\n"
			  "task. With --unit U, the same for U's own record (`duty done --unit U`).\n"
			  "`duty undo ID --target K` takes back the last report of target K (of U's\n"
			  "reports with --unit): the report before it comes back, or none. Undo knows\n"
			  "what came before from the history; a date typed into the file by hand is\n"
			  "simply cleared.\n"),
	.options = undo_options,
	.help = N_("Examples:\n"
		   "  duty undo 8.1\n"
		   "  duty undo 1.1 --unit 瑞安\n"
		   "  duty undo 12 --target 1\n"),
	.min_arguments = 1,
	.max_arguments = 1,
	.formats = FORMAT_BIT(FORMAT_TABLE),
	.needs = NEEDS_UNITS,
	.run = run_undo,
};
