/*
 * show.c - `duty show ID`: everything about one task.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "duty/table.h"
#include "duty/csv.h"
#include "duty/json.h"
#include "duty/format.h"
#include "duty/text.h"

static const struct table_column field_columns[] = {
	{ "", ALIGN_LEFT, false },
	{ "", ALIGN_LEFT, true },
};

static const struct table_column milestone_columns[] = {
	{ N_("#"), ALIGN_LEFT, false },      { N_("Deadline"), ALIGN_LEFT, false },
	{ N_("Phrase"), ALIGN_LEFT, false }, { N_("Milestone"), ALIGN_LEFT, true },
};

static const struct table_column target_columns[] = {
	{ N_("#"), ALIGN_LEFT, false },    { N_("Metric"), ALIGN_LEFT, true },
	{ N_("Target"), ALIGN_LEFT, false }, { N_("Source text"), ALIGN_LEFT, true },
};

static void print_table(struct cli *cli, const struct task *task)
{
	const struct plan *plan = cli->plan;
	struct strbuf units, number;
	strbuf_init(&units);
	strbuf_init(&number);
	if (!task->lead_unit_count)
		format_unit_names(&units, plan->units, task->units, task->unit_count, "、");
	for (size_t u = 0; task->lead_unit_count && u < task->unit_count; u++) {
		/* The source names who leads (牵头) and who supports (配合). */
		strbuf_puts(&units, u ? "、" : "");
		strbuf_puts(&units, plan->units->units[task->units[u]].name);
		strbuf_puts(&units, task_unit_role(plan->units, task, task->units[u]) == ROLE_LEAD ? _(" (lead)")
												     : _(" (support)"));
	}
	if (task->units_etc)
		strbuf_puts(&units, _(" (and others not named: 等)"));
	strbuf_printf(&number, "%ld", task->id);

	struct table fields;
	table_init(&fields, field_columns, 2);
	const char *rows[][2] = {
		{ _("Task"), strbuf_text(&number) },       { _("Title"), task->title },
		{ _("Requirement"), task->requirement },    { _("Units"), strbuf_text(&units) },
		{ _("As written"), task->units_text },
	};
	for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++)
		table_add_row(&fields, rows[r]);
	if (task->deadline_text[0]) {
		const char *row[] = { _("Deadline as written"), task->deadline_text };
		table_add_row(&fields, row);
	}
	for (size_t e = 0; e < plan->extra_column_count; e++) {
		const char *row[] = { plan->extra_columns[e], task->extras[e] };
		table_add_row(&fields, row);
	}
	struct table_style plain = { .width = cli->width, .indent = 0, .header = false };
	cli_print_table(cli, &fields, &plain);
	table_free(&fields);

	fprintf(cli->out, _("\nMilestones (%zu)\n"), task->milestone_count);
	struct table milestones;
	table_init(&milestones, milestone_columns, 4);
	for (size_t m = 0; m < task->milestone_count; m++) {
		const struct milestone *milestone = &task->milestones[m];
		char deadline[DATE_TEXT_SIZE];
		date_format(milestone->deadline, deadline);
		char id[ITEM_ID_SIZE];
		const char *row[] = { item_id_format(id, task->id, m + 1), deadline,
				      milestone->implied ? _("(implied)") : milestone->phrase, milestone->text };
		table_add_row(&milestones, row);
	}
	struct table_style style = { .width = cli->width, .indent = 2, .header = true };
	cli_print_table(cli, &milestones, &style);
	table_free(&milestones);

	if (task->target_count) {
		fprintf(cli->out, _("\nTargets (%zu)\n"), task->target_count);
		struct table targets;
		table_init(&targets, target_columns, 4);
		struct strbuf goal;
		strbuf_init(&goal);
		for (size_t t = 0; t < task->target_count; t++) {
			const struct target *target = &task->targets[t];
			strbuf_clear(&number);
			strbuf_printf(&number, "%zu", t + 1);
			strbuf_clear(&goal);
			format_target_goal(&goal, target);
			const char *row[] = { strbuf_text(&number), target->metric, strbuf_text(&goal),
					      target->text };
			table_add_row(&targets, row);
		}
		cli_print_table(cli, &targets, &style);
		table_free(&targets);
		strbuf_free(&goal);
	} else {
		fputs(_("\nTargets: none with a number\n"), cli->out);
	}
	strbuf_free(&units);
	strbuf_free(&number);
}

/* One row per milestone and per target, so the structured parts of the
 * task fit one CSV header. */
static void print_csv(const struct cli *cli, const struct task *task)
{
	static const char *const header[] = { "task", "kind", "number", "deadline", "phrase", "implied",
					      "metric", "op", "value", "unit", "text" };
	csv_write_record(cli->out, header, 11, cli->raw);
	char id[24], number[24];
	snprintf(id, sizeof id, "%ld", task->id);
	for (size_t m = 0; m < task->milestone_count; m++) {
		const struct milestone *milestone = &task->milestones[m];
		char deadline[DATE_TEXT_SIZE];
		date_format(milestone->deadline, deadline);
		snprintf(number, sizeof number, "%zu", m + 1);
		const char *fields[] = { id, "milestone", number, deadline, milestone->phrase,
					 milestone->implied ? "1" : "0", "", "", "", "", milestone->text };
		csv_write_record(cli->out, fields, 11, cli->raw);
	}
	for (size_t t = 0; t < task->target_count; t++) {
		const struct target *target = &task->targets[t];
		snprintf(number, sizeof number, "%zu", t + 1);
		const char *fields[] = { id, "target", number, "", "", "", target->metric,
					 target_op_text(target->op), target->value_text, target->unit, target->text };
		csv_write_record(cli->out, fields, 11, cli->raw);
	}
}

static int run_show(struct cli *cli)
{
	const char *argument = cli->arguments[0];
	long id;
	if (!task_id_parse(argument, strlen(argument), &id)) {
		cli_error(_("\"%s\" is not a task number; expected a whole number like 12"), argument);
		return EXIT_USAGE;
	}
	struct diagnostics diag;
	diagnostics_init(&diag, 1);
	const struct task *task = plan_find_item(cli->plan, id, 0, &diag);
	if (!task)
		cli_print_problems(&diag);
	diagnostics_free(&diag);
	if (!task)
		return EXIT_NOT_FOUND;
	if (cli->format == FORMAT_JSON) {
		cJSON *object = json_task(cli->plan, task, false, NO_GROUP);
		if (!object || !json_print_indented(cli->out, object, 0))
			cli->out_of_memory = true;
		fputc('\n', cli->out);
		cJSON_Delete(object);
	} else if (cli->format == FORMAT_CSV) {
		print_csv(cli, task);
	} else {
		print_table(cli, task);
	}
	return cli_finish_output(cli, EXIT_OK);
}

const struct command command_show = {
	.name = "show",
	.arguments = "ID",
	.summary = N_("everything about one task"),
	.help = N_("Shows the task's title, requirement, responsible units (canonical and as the\n"
		   "source writes them), its milestones with deadlines and time phrases, and its\n"
		   "quantitative targets. ID.M in other commands is milestone M of task ID.\n"
		   "\n"
		   "Examples:\n"
		   "  duty show 8\n"
		   "  duty show 29 --format json\n"),
	.min_arguments = 1,
	.max_arguments = 1,
	.formats = FORMAT_BIT(FORMAT_TABLE) | FORMAT_BIT(FORMAT_CSV) | FORMAT_BIT(FORMAT_JSON),
	.needs = NEEDS_PLAN,
	.run = run_show,
};
