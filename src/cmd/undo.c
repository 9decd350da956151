/*
 * undo.c - `duty undo ID[.M]` takes back the last `duty done` of a
 * milestone (of every done milestone of the task without .M);
 * `duty undo ID --target K` takes back the last report of a target. Both
 * restore what the history says was there before, so undoing each change
 * in turn returns the plan file to its earlier bytes.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "cli/tracking.h"
#include "duty/journal.h"
#include "duty/text.h"

struct undo_request {
	const struct plan *plan;     /* as loaded under the lock */
	long task;
	unsigned milestone;
	unsigned target;             /* --target K: undo a report instead */
	const char *by;
	char time[HISTORY_TIME_SIZE];
	struct strbuf said;
};

static void undo_milestones(const struct task *task, const struct history *history, struct plan_edits *edits,
			    struct undo_request *request)
{
	size_t first = request->milestone ? request->milestone - 1 : 0;
	size_t last = request->milestone ? request->milestone : task->milestone_count;
	for (size_t m = first; m < last; m++) {
		const struct milestone *milestone = &task->milestones[m];
		if (!milestone->done_on)
			continue;
		/* Back to what the `done` in effect replaced (the history has it):
		 * not done and the old note, or an earlier done. Without history
		 * (a date typed in by hand), just not done. */
		const struct history_entry *done = history_in_effect(history, task->id, (unsigned)m + 1, 0, "done");
		if (done && !journal_plan_holds(request->plan, done, false))
			done = NULL;   /* changed by hand since: the record does not say what came before */
		const char *on = done ? done->old_on : "";
		const char *note = done ? done->old_note : milestone->note;
		char was[DATE_TEXT_SIZE];
		date_format(milestone->done_on, was);
		unsigned group = milestone->column_group;
		plan_edits_set_field(edits, task->id, &milestone_layout, group, MILESTONE_DONE_ON, on);
		if (strcmp(note, milestone->note) != 0)
			plan_edits_set_field(edits, task->id, &milestone_layout, group, MILESTONE_NOTE, note);
		struct history_entry entry = {
			.time = request->time, .by = request->by, .action = "undo", .task = task->id,
			.milestone = (unsigned)m + 1, .value = "", .on = on, .note = note,
			.old_value = "", .old_on = was, .old_note = milestone->note,
		};
		plan_edits_log(edits, &entry);
		if (on[0])
			strbuf_printf(&request->said, _("%ld.%zu is done on %s again (the change to %s is taken "
							"back): %s\n"),
				      task->id, m + 1, on, was, milestone->text);
		else
			strbuf_printf(&request->said, _("%ld.%zu is not done (it was done on %s): %s\n"), task->id,
				      m + 1, was, milestone->text);
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

static bool undo_report(const struct task *task, const struct history *history, struct plan_edits *edits,
			struct undo_request *request, struct diagnostics *diag)
{
	if (request->target > task->target_count) {
		diag_error(diag, NULL, 0, NULL, _("task %ld has %zu target%s; there is no target %u"), task->id,
			   task->target_count, task->target_count == 1 ? "" : "s", request->target);
		return false;
	}
	const struct target *target = &task->targets[request->target - 1];
	if (!target->reported) {
		strbuf_printf(&request->said, _("Target %u of task %ld has no report; nothing to undo.\n"),
			      request->target, task->id);
		return true;
	}
	/* Back to the report before the last one, or to none. */
	const struct history_entry *last = history_in_effect(history, task->id, 0, request->target, "report");
	if (last && !journal_plan_holds(request->plan, last, false))
		last = NULL;   /* changed by hand since: the record does not say what came before */
	const char *value = last ? last->old_value : "";
	const char *on = last ? last->old_on : "";
	const char *note = last ? last->old_note : "";
	char was_on[DATE_TEXT_SIZE] = "";
	if (target->reported_on)
		date_format(target->reported_on, was_on);
	unsigned group = target->column_group;
	plan_edits_set_field(edits, task->id, &target_layout, group, TARGET_REPORTED, value);
	plan_edits_set_field(edits, task->id, &target_layout, group, TARGET_REPORTED_ON, on);
	plan_edits_set_field(edits, task->id, &target_layout, group, TARGET_NOTE, note);
	struct history_entry entry = {
		.time = request->time, .by = request->by, .action = "undo", .task = task->id,
		.target = request->target, .value = value, .on = on, .note = note,
		.old_value = target->reported_text, .old_on = was_on, .old_note = target->report_note,
	};
	plan_edits_log(edits, &entry);
	if (value[0])
		strbuf_printf(&request->said, _("Target %u of task %ld: the report of %s is taken back; it is %s "
						"again (reported on %s).\n"),
			      request->target, task->id, target->reported_text, value, on[0] ? on : "?");
	else
		strbuf_printf(&request->said, _("Target %u of task %ld: the report of %s is taken back; it has "
						"no report now.\n"),
			      request->target, task->id, target->reported_text);
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
		return undo_report(task, history, edits, request, diag);
	undo_milestones(task, history, edits, request);
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
	history_now(request.time);
	strbuf_init(&request.said);
	return cli_edit_plan(cli, plan_undo, &request, &request.said);
}

static const struct command_option undo_options[] = {
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
			  "task. `duty undo ID --target K` takes back the last report of target K:\n"
			  "the report before it comes back, or none. Undo knows what came before from\n"
			  "the history; a date typed into the file by hand is simply cleared.\n"),
	.options = undo_options,
	.help = N_("Examples:\n"
		   "  duty undo 8.1\n"
		   "  duty undo 12 --target 1\n"),
	.min_arguments = 1,
	.max_arguments = 1,
	.formats = FORMAT_BIT(FORMAT_TABLE),
	.needs = NEEDS_UNITS,
	.run = run_undo,
};
