/*
 * done.c - `duty done ID[.M]`: marks milestone M of task ID done (all
 * of its milestones without .M), on --on DATE (default today), with an
 * optional --note, in the plan file itself.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "cli/tracking.h"
#include "duty/text.h"

struct done_request {
	long task;
	unsigned milestone;          /* 0: every milestone not yet done */
	char on[DATE_TEXT_SIZE];
	const char *note;            /* NULL: keep the note */
	const char *by;
	char time[HISTORY_TIME_SIZE];
	struct strbuf said;          /* printed once the change is saved */
};

static bool plan_done(const struct plan *plan, const struct history *history, struct plan_edits *edits,
		      void *context, struct diagnostics *diag)
{
	(void)history;
	struct done_request *request = context;
	/* A plan saved by another program meanwhile is planned again. */
	strbuf_clear(&request->said);
	const struct task *task = plan_find_item(plan, request->task, request->milestone, diag);
	if (!task)
		return false;
	size_t first = request->milestone ? request->milestone - 1 : 0;
	size_t last = request->milestone ? request->milestone : task->milestone_count;
	for (size_t m = first; m < last; m++) {
		const struct milestone *milestone = &task->milestones[m];
		if (!request->milestone && milestone->done_on)
			continue;   /* done already: keep its day */
		char was[DATE_TEXT_SIZE] = "";
		unsigned group = milestone->column_group;
		plan_edits_set_field(edits, task->id, &milestone_layout, group, MILESTONE_DONE_ON, request->on);
		if (request->note)
			plan_edits_set_field(edits, task->id, &milestone_layout, group, MILESTONE_NOTE, request->note);
		if (milestone->done_on)
			date_format(milestone->done_on, was);
		struct history_entry entry = {
			.time = request->time, .by = request->by, .action = "done", .task = task->id,
			.milestone = (unsigned)m + 1, .value = "", .on = request->on,
			.note = request->note ? request->note : milestone->note,
			.old_value = "", .old_on = was, .old_note = milestone->note,
		};
		plan_edits_log(edits, &entry);
		strbuf_printf(&request->said, _("%ld.%zu done on %s"), task->id, m + 1, request->on);
		if (was[0])
			strbuf_printf(&request->said, _(" (was done on %s)"), was);
		strbuf_printf(&request->said, ": %s\n", milestone->text);
	}
	if (!request->said.length)
		strbuf_printf(&request->said, _("Every milestone of task %ld is done already; nothing changed.\n"),
			      task->id);
	return true;
}

static int run_done(struct cli *cli)
{
	struct done_request request = { .note = cli->note, .by = cli_who(cli) };
	if (!item_id_parse(cli->arguments[0], strlen(cli->arguments[0]), &request.task, &request.milestone)) {
		cli_error(_("\"%s\" is not a task or milestone; expected ID or ID.M, e.g. 8 or 8.2"),
			  cli->arguments[0]);
		return EXIT_USAGE;
	}
	date_format(cli->given[OPT_ON] ? cli->on : cli->today, request.on);
	history_now(request.time);
	strbuf_init(&request.said);
	return cli_edit_plan(cli, plan_done, &request, &request.said);
}

static const struct command_option done_options[] = {
	{ OPT_ON, false, N_("the day it was done (default: today)") },
	{ OPT_NOTE, false, N_("a note, e.g. the document that proves it") },
	{ OPT_BY, false, N_("who records it (default: $USER)") },
	{ .help = NULL },
};

const struct command command_done = {
	.name = "done",
	.arguments = "ID[.M]",
	.summary = N_("mark a milestone done (all of a task's without .M)"),
	.description = N_("Marks milestone M of task ID done (M counts the task's milestones in deadline\n"
			  "order, as `duty show ID` lists them); without .M, every milestone of the task\n"
			  "that is not done yet. The day and the note go into the plan file's\n"
			  "milestoneN_done_on and milestoneN_note columns; the change goes into the\n"
			  "history (`duty log`). Nothing else in the file changes.\n"),
	.options = done_options,
	.help = N_("Examples:\n"
		   "  duty done 8.1\n"
		   "  duty done 29.2 --on 2018-07-20 --note 温食安办〔2018〕12号\n"
		   "  duty done 3\n"),
	.min_arguments = 1,
	.max_arguments = 1,
	.formats = FORMAT_BIT(FORMAT_TABLE),
	.needs = NEEDS_UNITS,
	.run = run_done,
};
