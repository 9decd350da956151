/*
 * views.c - how lists of tasks and milestones look in each format (see
 * views.h).
 */
#include <stdlib.h>
#include <string.h>

#include "cli/views.h"

#include "cli/output.h"
#include "duty/format.h"
#include "duty/table.h"
#include "duty/csv.h"
#include "duty/json.h"
#include "duty/progress.h"
#include "duty/text.h"

static const char *via_name(const struct plan *plan, size_t via)
{
	return via == NO_GROUP ? "" : plan->units->units[via].name;
}

enum row_color cli_milestone_color(const struct cli *cli, const struct milestone *milestone)
{
	return cli_status_color(milestone_status(milestone, cli->today));
}

enum row_color cli_status_color(enum milestone_status status)
{
	switch (status) {
	case STATUS_DONE:
	case STATUS_DONE_LATE:
		return ROW_DIM;
	case STATUS_OVERDUE:
		return ROW_RED;
	case STATUS_DUE:
		return ROW_YELLOW;
	default:
		return ROW_PLAIN;
	}
}

/* --- milestones ------------------------------------------------------------ */

static const struct table_column milestone_columns[] = {
	{ N_("ID"), ALIGN_LEFT, false },      { N_("Deadline"), ALIGN_LEFT, false },
	{ N_("Phrase"), ALIGN_LEFT, false },  { N_("Task"), ALIGN_LEFT, true },
	{ N_("Milestone"), ALIGN_LEFT, true }, { N_("Units"), ALIGN_LEFT, true },
	{ N_("Via"), ALIGN_LEFT, true },
};

void view_milestones_table(struct cli *cli, const struct milestone_match *matches, size_t count,
			   size_t indent, bool with_via)
{
	const struct plan *plan = cli->plan;
	struct table table;
	size_t columns = with_via ? 7 : 6;
	table_init(&table, milestone_columns, columns);
	struct strbuf id, units, text = STRBUF_INIT;
	strbuf_init(&id);
	strbuf_init(&units);
	for (size_t i = 0; i < count; i++) {
		const struct task *task = matches[i].task;
		const struct milestone *milestone = &task->milestones[matches[i].index];
		char deadline[DATE_TEXT_SIZE];
		date_format(milestone->deadline, deadline);
		strbuf_clear(&id);
		strbuf_printf(&id, "%ld.%zu", task->id, matches[i].index + 1);
		strbuf_clear(&units);
		format_milestone_units(&units, plan, task, milestone, "、");
		const char *cells[] = {
			strbuf_text(&id), deadline, milestone->implied ? _("(implied)") : milestone->phrase,
			task->title,      milestone_text_string(task, milestone, &text), strbuf_text(&units),
			via_name(plan, matches[i].via),
		};
		table_add_colored_row(&table, cells, cli_milestone_color(cli, milestone));
	}
	struct table_style style = cli_table_style(cli, indent, true);
	cli_print_table(cli, &table, &style);
	table_free(&table);
	strbuf_free(&id);
	strbuf_free(&units);
	strbuf_free(&text);
}

void view_milestones(struct cli *cli, const struct milestone_match *matches, size_t count,
		     bool with_via)
{
	const struct plan *plan = cli->plan;
	if (cli->format == FORMAT_JSON) {
		struct json_writer writer;
		json_begin_array(&writer, cli->out, 0);
		for (size_t i = 0; i < count; i++)
			json_add_due(&writer, plan, &matches[i], with_via);
		if (!json_end(&writer))
			cli->out_of_memory = true;
		fputc('\n', cli->out);
		return;
	}
	if (cli->format == FORMAT_CSV) {
		static const char *const header[] = {
			NC_("CSV header", "task"),    NC_("CSV header", "milestone"), NC_("CSV header", "title"),
			NC_("CSV header", "deadline"), NC_("CSV header", "phrase"),   NC_("CSV header", "implied"),
			NC_("CSV header", "text"),    NC_("CSV header", "units"),     NC_("CSV header", "via"),
		};
		cli_csv_header(cli, header, with_via ? 9 : 8);
		struct strbuf units, text = STRBUF_INIT;
		strbuf_init(&units);
		for (size_t i = 0; i < count; i++) {
			const struct task *task = matches[i].task;
			const struct milestone *milestone = &task->milestones[matches[i].index];
			char id[24], index[24], deadline[DATE_TEXT_SIZE];
			snprintf(id, sizeof id, "%ld", task->id);
			snprintf(index, sizeof index, "%zu", matches[i].index + 1);
			date_format(milestone->deadline, deadline);
			strbuf_clear(&units);
			format_milestone_units(&units, plan, task, milestone, ";");
			const char *fields[] = { id, index, task->title, deadline, milestone->phrase,
						 milestone->implied ? "1" : "0", milestone_text_string(task, milestone, &text),
						 strbuf_text(&units), via_name(plan, matches[i].via) };
			csv_write_record(cli->out, fields, with_via ? 9 : 8, cli->raw);
		}
		strbuf_free(&units);
		strbuf_free(&text);
		return;
	}
	view_milestones_table(cli, matches, count, 0, with_via);
}

void view_next_deadline(struct cli *cli, const struct query *query, date_t after)
{
	date_t next;
	size_t count;
	if (query_next_deadline(cli->plan, query, after, &next, &count)) {
		char text[DATE_TEXT_SIZE];
		date_format(next, text);
		fprintf(cli->out, count == 1 ? _("The next deadline is %s (%zu milestone).\n")
					     : _("The next deadline is %s (%zu milestones).\n"),
			text, count);
	} else {
		fputs(_("No deadline comes after it.\n"), cli->out);
	}
}

/* --- tasks ------------------------------------------------------------------- */

static const struct table_column task_columns[] = {
	{ N_("ID"), ALIGN_RIGHT, false },          { N_("Task"), ALIGN_LEFT, true },
	{ N_("Next deadline"), ALIGN_LEFT, false }, { N_("Units"), ALIGN_LEFT, true },
	{ N_("Via"), ALIGN_LEFT, true },           { N_("Role"), ALIGN_LEFT, false },
};

/* A unit's part in a task, as the table and CSV show it. */
static const char *role_text(enum unit_role role, bool translate)
{
	if (translate)
		return format_role(role);
	const char *name = unit_role_name(role);
	return name ? name : "";
}

/* "2018-10-31 11月前"; "2018-09-30 overdue" when the milestone shown is
 * late; "all done" when nothing is left, or "2018-07-31 done" for a done
 * milestone a --month asked for. */
static void next_deadline_text(struct strbuf *out, const struct plan *plan, const struct query *query,
			       const struct task_match *match, date_t today)
{
	const struct task *task = match->task;
	const struct milestone *milestone = &task->milestones[match->milestone];
	size_t unit = query->by_unit ? query->unit : EVERY_UNIT;
	bool done = milestone_progress(plan->units, task, milestone, unit, today).done_on != 0;
	if (done && match->milestone == task_next_milestone(plan, query, task)) {
		strbuf_puts(out, _("all done"));
		return;
	}
	char deadline[DATE_TEXT_SIZE];
	date_format(milestone->deadline, deadline);
	strbuf_puts(out, deadline);
	if (done)
		strbuf_puts(out, _(" done"));
	else if (milestone->deadline < today)
		strbuf_puts(out, _(" overdue"));
	else if (!milestone->implied)
		strbuf_printf(out, " %s", milestone->phrase);
}

void view_tasks(struct cli *cli, const struct query *query, const struct task_match *matches, size_t count,
		bool with_via)
{
	const struct plan *plan = cli->plan;
	if (cli->format == FORMAT_JSON) {
		struct json_writer writer;
		json_begin_array(&writer, cli->out, 0);
		for (size_t i = 0; i < count; i++)
			json_add_task(&writer, plan, matches[i].task, with_via, matches[i].via, matches[i].role);
		if (!json_end(&writer))
			cli->out_of_memory = true;
		fputc('\n', cli->out);
		return;
	}
	struct strbuf id, next_text, units;
	strbuf_init(&id);
	strbuf_init(&next_text);
	strbuf_init(&units);
	struct table table;
	/* The Role column only when the plan says who leads. */
	size_t columns = with_via ? (plan_has_lead_units(plan) ? 6 : 5) : 4;
	if (cli->format == FORMAT_CSV) {
		static const char *const header[] = {
			NC_("CSV header", "id"),    NC_("CSV header", "title"), NC_("CSV header", "next_deadline"),
			NC_("CSV header", "units"), NC_("CSV header", "via"),   NC_("CSV header", "role"),
		};
		cli_csv_header(cli, header, columns);
	} else {
		table_init(&table, task_columns, columns);
	}
	for (size_t i = 0; i < count; i++) {
		const struct task *task = matches[i].task;
		const struct milestone *shown = &task->milestones[matches[i].milestone];
		strbuf_clear(&id);
		strbuf_printf(&id, "%ld", task->id);
		strbuf_clear(&units);
		strbuf_clear(&next_text);
		if (cli->format == FORMAT_CSV) {
			char deadline[DATE_TEXT_SIZE];
			date_format(shown->deadline, deadline);
			format_task_units(&units, plan, task, ";");
			const char *fields[] = { strbuf_text(&id), task->title, deadline, strbuf_text(&units),
						 via_name(plan, matches[i].via), role_text(matches[i].role, false) };
			csv_write_record(cli->out, fields, columns, cli->raw);
			continue;
		}
		format_task_units(&units, plan, task, "、");
		next_deadline_text(&next_text, plan, query, &matches[i], cli->today);
		const char *cells[] = { strbuf_text(&id), task->title, strbuf_text(&next_text), strbuf_text(&units),
					via_name(plan, matches[i].via), role_text(matches[i].role, true) };
		size_t unit = query->by_unit ? query->unit : EVERY_UNIT;
		struct progress progress = milestone_progress(plan->units, task, shown, unit, cli->today);
		table_add_colored_row(&table, cells, cli_status_color(progress.status));
	}
	if (cli->format == FORMAT_TABLE) {
		struct table_style style = cli_table_style(cli, 0, true);
		cli_print_table(cli, &table, &style);
		table_free(&table);
	}
	strbuf_free(&id);
	strbuf_free(&next_text);
	strbuf_free(&units);
}

cJSON *view_json_milestone_status(const struct cli *cli, const struct task *task, size_t m, size_t unit)
{
	const struct milestone *milestone = &task->milestones[m];
	struct progress progress = milestone_progress(cli->units, task, milestone, unit, cli->today);
	char deadline[DATE_TEXT_SIZE], done[DATE_TEXT_SIZE];
	date_format(milestone->deadline, deadline);
	cJSON *item = cJSON_CreateObject();
	cJSON_AddItemToObject(item, "id", json_milestone_id(task, m));
	cJSON_AddNumberToObject(item, "task", (double)task->id);
	cJSON_AddNumberToObject(item, "milestone", (double)(m + 1));
	cJSON_AddStringToObject(item, "title", task->title);
	cJSON_AddStringToObject(item, "deadline", deadline);
	cJSON_AddStringToObject(item, "status", milestone_status_name(progress.status));
	if (progress.done_on) {
		date_format(progress.done_on, done);
		cJSON_AddStringToObject(item, "done_on", done);
	} else {
		cJSON_AddNullToObject(item, "done_on");
	}
	if (progress.note[0])
		cJSON_AddStringToObject(item, "note", progress.note);
	else
		cJSON_AddNullToObject(item, "note");
	return item;
}
