/*
 * assess.c - the 考核 view (see assess.h). The figures come from
 * unit_tally_count (model/progress.c); this file only lays them out.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/assess.h"

#include "cli/output.h"
#include "cli/views.h"
#include "duty/csv.h"
#include "duty/format.h"
#include "duty/json.h"
#include "duty/progress.h"
#include "duty/table.h"

/* The rows: every unit (not a group or a phrase) with something to do, or
 * the unit of --unit (a group: its members), furthest behind first. */
static size_t collect(const struct cli *cli, const struct query *query, struct unit_tally *tallies)
{
	const struct unit_directory *units = cli->units;
	size_t count = 0;
	for (size_t u = 0; u < units->count; u++) {
		const struct unit *unit = &units->units[u];
		if (unit->is_group || unit->is_phrase)
			continue;
		if (query->by_unit && u != query->unit && !unit_in_group(units, u, query->unit))
			continue;
		unit_tally_count(cli->plan, u, query->direct_only, cli->today, &tallies[count]);
		if (tallies[count].milestones || tallies[count].targets)
			count++;
	}
	qsort(tallies, count, sizeof *tallies, unit_tally_compare);
	return count;
}

/* "75%", or "-" when nothing is due yet. */
static void rate_text(char text[16], const struct unit_tally *tally)
{
	double rate = unit_tally_completion(tally);
	if (rate < 0)
		snprintf(text, 16, "-");
	else
		snprintf(text, 16, "%.0f%%", rate * 100);
}

enum { FIGURES = 8 };

static void figures(const struct unit_tally *tally, char numbers[FIGURES][24])
{
	size_t values[FIGURES] = { tally->due_so_far, tally->on_time, tally->late, tally->overdue,
				   tally->not_yet_due, tally->met, tally->not_met, tally->not_reported };
	for (size_t i = 0; i < FIGURES; i++)
		snprintf(numbers[i], sizeof numbers[i], "%zu", values[i]);
}

static const struct table_column unit_columns[] = {
	{ N_("Unit"), ALIGN_LEFT, true },          { N_("Due so far"), ALIGN_RIGHT, false },
	{ N_("On time"), ALIGN_RIGHT, false },     { N_("Late"), ALIGN_RIGHT, false },
	{ N_("Overdue"), ALIGN_RIGHT, false },     { N_("Not yet due"), ALIGN_RIGHT, false },
	{ N_("Met"), ALIGN_RIGHT, false },         { N_("Not met"), ALIGN_RIGHT, false },
	{ N_("Not reported"), ALIGN_RIGHT, false }, { N_("Completion"), ALIGN_RIGHT, false },
};

static const struct table_column milestone_columns[] = {
	{ N_("ID"), ALIGN_LEFT, false },     { N_("Deadline"), ALIGN_LEFT, false },
	{ N_("Status"), ALIGN_LEFT, false }, { N_("Done on"), ALIGN_LEFT, false },
	{ N_("Milestone"), ALIGN_LEFT, true }, { N_("Note"), ALIGN_LEFT, true },
};

/* The unit's milestones, each with its state. */
static void print_unit_milestones(struct cli *cli, size_t unit, const struct query *query)
{
	const struct unit_directory *units = cli->units;
	struct table table;
	table_init(&table, milestone_columns, 6);
	struct strbuf text = STRBUF_INIT;
	for (size_t t = 0; t < cli->plan->task_count; t++) {
		const struct task *task = &cli->plan->tasks[t];
		struct duty duty = task_duty(units, task, unit);
		if (!duty.responsible || (query->direct_only && duty.via != NO_GROUP))
			continue;
		for (size_t m = 0; m < task->milestone_count; m++) {
			const struct milestone *milestone = &task->milestones[m];
			if (!milestone_duty(units, task, milestone, unit).responsible)
				continue;
			struct progress progress = milestone_progress(units, task, milestone, unit, cli->today);
			char id[ITEM_ID_SIZE], deadline[DATE_TEXT_SIZE], done[DATE_TEXT_SIZE] = "";
			date_format(milestone->deadline, deadline);
			if (progress.done_on)
				date_format(progress.done_on, done);
			const char *cells[] = { item_id_format(id, task->id, m + 1), deadline, format_status(progress.status),
						done, milestone_text_string(task, milestone, &text), progress.note };
			table_add_colored_row(&table, cells, cli_status_color(progress.status));
		}
	}
	strbuf_free(&text);
	fprintf(cli->out, _("\nMilestones of %s\n"), units->units[unit].name);
	struct table_style style = cli_table_style(cli, 2, true);
	style.name = _("Milestones");
	cli_print_table(cli, &table, &style);
	table_free(&table);
}

static void print_table(struct cli *cli, const struct query *query, const struct unit_tally *tallies, size_t count)
{
	char today[DATE_TEXT_SIZE];
	date_format(cli->today, today);
	fprintf(cli->out, _("Units on %s, furthest behind first: %zu\n"), today, count);
	struct table table;
	table_init(&table, unit_columns, 10);
	for (size_t i = 0; i < count; i++) {
		char numbers[FIGURES][24], rate[16];
		figures(&tallies[i], numbers);
		rate_text(rate, &tallies[i]);
		const char *cells[] = { cli->units->units[tallies[i].unit].name, numbers[0], numbers[1], numbers[2],
					numbers[3], numbers[4], numbers[5], numbers[6], numbers[7], rate };
		table_add_colored_row(&table, cells, tallies[i].overdue ? ROW_RED : ROW_PLAIN);
	}
	struct table_style style = cli_table_style(cli, 0, true);
	style.name = _("Units");   /* the sheet of a workbook */
	cli_print_table(cli, &table, &style);
	table_free(&table);
	if (query->by_unit)
		print_unit_milestones(cli, query->unit, query);
}

static const char *const csv_header[] = {
	NC_("CSV header", "unit"),         NC_("CSV header", "due_so_far"),
	NC_("CSV header", "done_on_time"), NC_("CSV header", "done_late"),
	NC_("CSV header", "overdue"),      NC_("CSV header", "not_yet_due"),
	NC_("CSV header", "targets_met"),  NC_("CSV header", "targets_not_met"),
	NC_("CSV header", "targets_not_reported"), NC_("CSV header", "completion_rate"),
};

static void print_csv(struct cli *cli, const struct unit_tally *tallies, size_t count)
{
	cli_csv_header(cli, csv_header, 10);
	for (size_t i = 0; i < count; i++) {
		char numbers[FIGURES][24], rate[24] = "";
		figures(&tallies[i], numbers);
		double completion = unit_tally_completion(&tallies[i]);
		if (completion >= 0)
			snprintf(rate, sizeof rate, "%.4g", completion);
		const char *fields[] = { cli->units->units[tallies[i].unit].name, numbers[0], numbers[1], numbers[2],
					 numbers[3], numbers[4], numbers[5], numbers[6], numbers[7], rate };
		csv_write_record(cli->out, fields, 10, cli->raw);
	}
}

static cJSON *json_tally(const struct cli *cli, const struct unit_tally *tally)
{
	cJSON *item = cJSON_CreateObject();
	cJSON_AddStringToObject(item, "unit", cli->units->units[tally->unit].name);
	cJSON_AddNumberToObject(item, "milestones", (double)tally->milestones);
	size_t values[FIGURES] = { tally->due_so_far, tally->on_time, tally->late, tally->overdue,
				   tally->not_yet_due, tally->met, tally->not_met, tally->not_reported };
	for (size_t i = 0; i < FIGURES; i++)
		cJSON_AddNumberToObject(item, csv_header[i + 1], (double)values[i]);
	double completion = unit_tally_completion(tally);
	if (completion >= 0)
		cJSON_AddNumberToObject(item, "completion_rate", completion);
	else
		cJSON_AddNullToObject(item, "completion_rate");
	return item;
}

static bool json_unit_milestones(struct cli *cli, const struct query *query)
{
	struct json_writer list;
	json_begin_array(&list, cli->out, 1);
	for (size_t t = 0; t < cli->plan->task_count; t++) {
		const struct task *task = &cli->plan->tasks[t];
		struct duty duty = task_duty(cli->units, task, query->unit);
		if (!duty.responsible || (query->direct_only && duty.via != NO_GROUP))
			continue;
		for (size_t m = 0; m < task->milestone_count; m++)
			if (milestone_duty(cli->units, task, &task->milestones[m], query->unit).responsible)
				json_add(&list, view_json_milestone_status(cli, task, m, query->unit));
	}
	return json_end(&list);
}

static void print_json(struct cli *cli, const struct query *query, const struct unit_tally *tallies, size_t count)
{
	char today[DATE_TEXT_SIZE];
	date_format(cli->today, today);
	struct json_writer object, list;
	json_begin_object(&object, cli->out, 0);
	json_add_field(&object, "today", cJSON_CreateString(today));
	json_add_field(&object, "unit", query->by_unit ? cJSON_CreateString(cli->units->units[query->unit].name)
						       : cJSON_CreateNull());
	json_add_key(&object, "units");
	json_begin_array(&list, cli->out, 1);
	for (size_t i = 0; i < count; i++)
		json_add(&list, json_tally(cli, &tallies[i]));
	bool written = json_end(&list);
	if (query->by_unit) {
		json_add_key(&object, "milestones");
		written = json_unit_milestones(cli, query) && written;
	}
	if (!json_end(&object) || !written)
		cli->out_of_memory = true;
	fputc('\n', cli->out);
}

int assess_print(struct cli *cli, const struct query *query)
{
	struct unit_tally *tallies = calloc(cli->units->count + 1, sizeof *tallies);
	if (!tallies)
		return cli_out_of_memory();
	size_t count = collect(cli, query, tallies);
	if (cli->format == FORMAT_JSON)
		print_json(cli, query, tallies, count);
	else if (cli->format == FORMAT_CSV)
		print_csv(cli, tallies, count);
	else
		print_table(cli, query, tallies, count);
	free(tallies);
	return EXIT_OK;
}
