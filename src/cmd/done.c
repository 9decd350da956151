/*
 * done.c - `duty done ID[.M] [--unit U]`: marks milestone M of task ID
 * done (all of its milestones without .M), on --on DATE (default today),
 * with an optional --note, in the plan file itself. Without --unit the
 * office records it for the milestone as a whole (every unit it governs,
 * milestoneN_done_on); with --unit, one unit records its own part (a line
 * of milestoneN_units_done). What is done already is kept unless --force,
 * or an explicit --on for one milestone, says to record it again.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "cli/tracking.h"
#include "duty/format.h"
#include "duty/progress.h"
#include "duty/text.h"

struct done_request {
	long task;
	unsigned milestone;          /* 0: every milestone (the unit's) */
	size_t unit;                 /* EVERY_UNIT: the milestone as a whole */
	char on[DATE_TEXT_SIZE];
	date_t on_date;
	bool replace;                /* --force, or --on for one milestone */
	const char *note;            /* NULL: keep the note */
	const char *by;
	char time[HISTORY_TIME_SIZE];
	struct strbuf said;          /* printed once the change is saved */
};

/* A remark in the parenthesis after "8.1 done on ...". */
static void remark(struct strbuf *remarks, const char *format, ...) __attribute__((format(printf, 2, 3)));
static void remark(struct strbuf *remarks, const char *format, ...)
{
	char text[256];
	va_list arguments;
	va_start(arguments, format);
	vsnprintf(text, sizeof text, format, arguments);
	va_end(arguments);
	strbuf_puts(remarks, remarks->length ? "; " : "");
	strbuf_puts(remarks, text);
}

/* "8.1 done for 瑞安市政府 on 2018-05-20 (done late: the deadline was ...;
 * was done on ...; 2 of 12 units done)". */
static void say_done(struct done_request *request, const struct task *task, size_t m, const char *unit_name,
		     const char *was, const struct strbuf *units_done)
{
	const struct milestone *milestone = &task->milestones[m];
	struct strbuf remarks = STRBUF_INIT;
	char deadline[DATE_TEXT_SIZE];
	date_format(milestone->deadline, deadline);
	if (unit_name)
		strbuf_printf(&request->said, _("%ld.%zu done for %s on %s"), task->id, m + 1, unit_name, request->on);
	else
		strbuf_printf(&request->said, _("%ld.%zu done on %s"), task->id, m + 1, request->on);
	if (request->on_date > milestone->deadline)
		remark(&remarks, _("done late: the deadline was %s"), deadline);
	if (was[0])
		remark(&remarks, _("was done on %s"), was);
	if (units_done && units_done->length)
		remark(&remarks, "%s", strbuf_text(units_done));
	if (remarks.length)
		strbuf_printf(&request->said, " (%s)", strbuf_text(&remarks));
	struct field_text text = milestone_text(task, milestone);
	strbuf_printf(&request->said, ": %.*s\n", (int)text.length, text.text);
	strbuf_free(&remarks);
}

/* "2 of 12 units done", once unit has done its part. */
static void units_done_text(struct strbuf *out, const struct done_request *request, const struct unit_directory *units,
			    const struct task *task, const struct milestone *milestone)
{
	size_t count;
	size_t done = milestone_units_done(units, task, milestone, 0, request->unit, &count);
	if (count > 1)
		strbuf_printf(out, _("%zu of %zu units done"), done, count);
}

/* Says what is there already when it is kept. */
static void say_kept(struct done_request *request, const struct task *task, size_t m, const char *unit_name,
		     struct progress progress)
{
	char was[DATE_TEXT_SIZE];
	date_format(progress.done_on, was);
	if (unit_name && progress.source == RECORD_MEMBERS)
		strbuf_printf(&request->said, _("%ld.%zu is done for %s already: each of its units recorded its part "
						"(the last on %s); nothing changed (--force records its own)\n"),
			      task->id, m + 1, unit_name, was);
	else if (unit_name && progress.source != RECORD_OWN)
		strbuf_printf(&request->said, _("%ld.%zu is done for %s already, through the record for %s (on %s); "
						"nothing changed (--force records its own)\n"),
			      task->id, m + 1, unit_name,
			      progress.source == RECORD_GROUP ? _("its group") : _("every unit"), was);
	else if (unit_name)
		strbuf_printf(&request->said, _("%ld.%zu was done for %s already, on %s; nothing changed (--on DATE "
						"or --force records it again)\n"),
			      task->id, m + 1, unit_name, was);
	else
		strbuf_printf(&request->said, _("%ld.%zu was done already, on %s; nothing changed (--on DATE or "
						"--force records it again)\n"),
			      task->id, m + 1, was);
}

/* The whole milestone: milestoneN_done_on and milestoneN_note. */
static void mark_whole(struct done_request *request, const struct task *task, size_t m, struct plan_edits *edits)
{
	const struct milestone *milestone = &task->milestones[m];
	char was[DATE_TEXT_SIZE] = "";
	unsigned group = milestone->column_group;
	plan_edits_set_field(edits, task->id, &milestone_layout, group, MILESTONE_DONE_ON, request->on);
	if (request->note)
		plan_edits_set_field(edits, task->id, &milestone_layout, group, MILESTONE_NOTE, request->note);
	if (milestone->progress->done_on)
		date_format(milestone->progress->done_on, was);
	struct history_entry entry = {
		.time = request->time, .by = request->by, .action = HISTORY_DONE, .task = task->id,
		.milestone = (unsigned)m + 1, .value = "", .on = request->on,
		.note = request->note ? request->note : milestone->progress->note,
		.old_value = "", .old_on = was, .old_note = milestone->progress->note, .unit = "",
	};
	plan_edits_log(edits, &entry);
	say_done(request, task, m, NULL, was, NULL);
}

/* One unit's own line in milestoneN_units_done. */
static void mark_unit(struct done_request *request, const struct plan *plan, const struct task *task, size_t m,
		      struct plan_edits *edits)
{
	const struct milestone *milestone = &task->milestones[m];
	const char *name = plan->units->units[request->unit].name;
	struct progress progress = milestone_progress(plan->units, task, milestone, request->unit, 0);
	const struct unit_done *own = progress.source == RECORD_OWN ? progress.record : NULL;
	const char *note = request->note ? request->note : own ? own->note : "";
	struct strbuf line = STRBUF_INIT;
	progress_line_format(&line, name, NULL, request->on, note);
	tracking_set_unit_line(edits, task->id, &milestone_layout, milestone->column_group, MILESTONE_UNITS_DONE,
			       milestone->progress->units_done, own != NULL, own ? own->start : 0, own ? own->end : 0,
			       strbuf_text(&line));
	strbuf_free(&line);
	char was[DATE_TEXT_SIZE] = "";
	if (own)
		date_format(own->done_on, was);
	struct history_entry entry = {
		.time = request->time, .by = request->by, .action = HISTORY_DONE, .task = task->id,
		.milestone = (unsigned)m + 1, .value = "", .on = request->on, .note = note,
		.old_value = "", .old_on = was, .old_note = own ? own->note : "", .unit = name,
	};
	plan_edits_log(edits, &entry);
	struct strbuf units_done = STRBUF_INIT;
	units_done_text(&units_done, request, plan->units, task, milestone);
	say_done(request, task, m, name, was, &units_done);
	request->said.failed = request->said.failed || units_done.failed;
	strbuf_free(&units_done);
}

/* One milestone: marked, or kept as it is with a word why. */
static void mark_milestone(struct done_request *request, const struct plan *plan, const struct task *task, size_t m,
			   struct plan_edits *edits)
{
	const struct milestone *milestone = &task->milestones[m];
	bool whole = request->unit == EVERY_UNIT;
	const char *name = whole ? NULL : plan->units->units[request->unit].name;
	struct progress progress = milestone_progress(plan->units, task, milestone, request->unit, 0);
	if (progress.done_on && !request->replace) {
		if (request->milestone)   /* done 8: those done already keep their day */
			say_kept(request, task, m, name, progress);
		return;
	}
	if (whole)
		mark_whole(request, task, m, edits);
	else
		mark_unit(request, plan, task, m, edits);
}

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
	if (request->on_date < date_make(plan->year, 1, 1))
		diag_warning(diag, NULL, 0, NULL, _("--on %s is before the plan year %d"), request->on, plan->year);
	size_t first = request->milestone ? request->milestone - 1 : 0;
	size_t last = request->milestone ? request->milestone : task->milestone_count;
	size_t marked = 0;
	for (size_t m = first; m < last; m++) {
		if (request->unit != EVERY_UNIT
		    && !milestone_duty(plan->units, task, &task->milestones[m], request->unit).responsible)
			continue;
		mark_milestone(request, plan, task, m, edits);
		marked++;
	}
	if (marked && !request->said.length && request->unit == EVERY_UNIT)
		strbuf_printf(&request->said, _("Every milestone of task %ld is done already; nothing changed.\n"),
			      task->id);
	else if (marked && !request->said.length)
		strbuf_printf(&request->said, _("Every milestone of task %ld is done for %s already; nothing changed.\n"),
			      task->id, plan->units->units[request->unit].name);
	if (marked)
		return true;
	struct strbuf units = STRBUF_INIT;
	format_milestone_units(&units, plan, task, &task->milestones[first], "、");
	if (request->milestone)
		diag_error(diag, NULL, 0, NULL, _("%ld.%u is not %s's to do: it is for %s"), task->id,
			   request->milestone, plan->units->units[request->unit].name, strbuf_text(&units));
	else
		diag_error(diag, NULL, 0, NULL, _("no milestone of task %ld is %s's to do"), task->id,
			   plan->units->units[request->unit].name);
	strbuf_free(&units);
	return false;
}

static int run_done(struct cli *cli)
{
	struct done_request request = { .note = cli->note, .by = cli_who(cli) };
	if (!item_id_parse(cli->arguments[0], strlen(cli->arguments[0]), &request.task, &request.milestone)) {
		cli_error(_("\"%s\" is not a task or milestone; expected ID or ID.M, e.g. 8 or 8.2"),
			  cli->arguments[0]);
		return EXIT_USAGE;
	}
	request.on_date = cli->given[OPT_ON] ? cli->on : cli->today;
	if (request.on_date > cli->today) {
		char today[DATE_TEXT_SIZE], on[DATE_TEXT_SIZE];
		date_format(cli->today, today);
		date_format(request.on_date, on);
		cli_error(_("--on %s is after today (%s); a milestone is recorded done once it is done"), on, today);
		return EXIT_USAGE;
	}
	int code = tracking_unit(cli, &request.unit);
	if (code != EXIT_OK)
		return code;
	date_format(request.on_date, request.on);
	request.replace = cli->force || (cli->given[OPT_ON] && request.milestone);
	history_now(request.time);
	strbuf_init(&request.said);
	return cli_edit_plan(cli, plan_done, &request, &request.said);
}

static const struct command_option done_options[] = {
	{ OPT_UNIT, false, N_("unit U records its own part (default: the milestone as a\nwhole, for every unit)") },
	{ OPT_ON, false, N_("the day it was done (default: today; not after today)") },
	{ OPT_NOTE, false, N_("a note, e.g. the document that proves it") },
	{ OPT_FORCE, false, N_("record it again when it is done already") },
	{ OPT_BY, false, N_("who records it (default: $USER)") },
	{ .help = NULL },
};

const struct command command_done = {
	.name = "done",
	.arguments = "ID[.M]",
	.summary = N_("mark a milestone done (all of a task's without .M)"),
	.description = N_("Marks milestone M of task ID done (M counts the task's milestones in deadline\n"
			  "order, as `duty show ID` lists them); without .M, every milestone of the task\n"
			  "that is not done yet. Without --unit the office records it for the milestone\n"
			  "as a whole, in the plan file's milestoneN_done_on and milestoneN_note columns;\n"
			  "with --unit U, unit U records its own part, as a line of\n"
			  "milestoneN_units_done (a milestone is done when every unit it governs is).\n"
			  "A milestone done after its deadline is done late (逾期完成). What is done\n"
			  "already keeps its day unless --force (or --on for one milestone) says\n"
			  "otherwise. The change goes into the history (`duty log`); nothing else in the\n"
			  "file changes.\n"),
	.options = done_options,
	.help = N_("Examples:\n"
		   "  duty done 8.1\n"
		   "  duty done 29.2 --on 2018-07-20 --note 温食安办〔2018〕12号\n"
		   "  duty done 1.1 --unit 瑞安 --on 2018-05-20\n"
		   "  duty done 3\n"),
	.min_arguments = 1,
	.max_arguments = 1,
	.formats = FORMAT_BIT(FORMAT_TABLE),
	.needs = NEEDS_UNITS,
	.run = run_done,
};
