/*
 * log.c - `duty log [ID]`: the history of progress changes, oldest
 * first: when, by whom, what changed from what.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "duty/history.h"
#include "duty/table.h"
#include "duty/ics.h"
#include "duty/json.h"
#include "duty/text.h"

static const struct table_column log_columns[] = {
	{ N_("Time"), ALIGN_LEFT, false }, { N_("By"), ALIGN_LEFT, false },
	{ N_("Item"), ALIGN_LEFT, false }, { N_("Change"), ALIGN_LEFT, true },
	{ N_("Note"), ALIGN_LEFT, true },
};

/* "8.1", "12 target 1", and the unit whose own record it is. */
static void item_text(struct strbuf *out, const struct history_entry *entry)
{
	if (entry->target)
		strbuf_printf(out, _("%ld target %u"), entry->task, entry->target);
	else {
		char id[ITEM_ID_SIZE];
		strbuf_puts(out, item_id_format(id, entry->task, entry->milestone));
	}
	if (entry->unit[0])
		strbuf_printf(out, " %s", entry->unit);
}

/* A sentence for the change: "done on 2018-10-15", "reported 352 (was 300)". */
static void change_text(struct strbuf *out, const struct history_entry *entry)
{
	bool about_target = entry->target != 0;
	switch (entry->action) {
	case HISTORY_DONE:
		strbuf_printf(out, _("done on %s"), entry->on);
		if (entry->old_on[0])
			strbuf_printf(out, _(" (was done on %s)"), entry->old_on);
		break;
	case HISTORY_REPORT:
		strbuf_printf(out, _("reported %s on %s"), entry->value, entry->on);
		if (entry->old_value[0])
			strbuf_printf(out, _(" (was %s)"), entry->old_value);
		break;
	case HISTORY_UNDO:
		if (about_target) {
			strbuf_printf(out, _("report of %s taken back"), entry->old_value);
			if (entry->value[0])
				strbuf_printf(out, _("; %s again"), entry->value);
		} else if (entry->on[0]) {
			strbuf_printf(out, _("done on %s again (the change to %s taken back)"), entry->on,
				      entry->old_on);
		} else {
			strbuf_printf(out, _("not done (was done on %s)"), entry->old_on);
		}
		break;
	case HISTORY_ACTION_COUNT:
		break;
	}
}

static cJSON *json_entry(const struct history_entry *entry)
{
	cJSON *object = cJSON_CreateObject();
	cJSON_AddStringToObject(object, "time", entry->time);
	cJSON_AddStringToObject(object, "by", entry->by);
	cJSON_AddStringToObject(object, "action", history_action_name(entry->action));
	cJSON_AddNumberToObject(object, "task", (double)entry->task);
	if (entry->milestone)
		cJSON_AddNumberToObject(object, "milestone", entry->milestone);
	else
		cJSON_AddNullToObject(object, "milestone");
	if (entry->target)
		cJSON_AddNumberToObject(object, "target", entry->target);
	else
		cJSON_AddNullToObject(object, "target");
	const char *fields[][2] = {
		{ "value", entry->value },         { "on", entry->on },         { "note", entry->note },
		{ "old_value", entry->old_value }, { "old_on", entry->old_on }, { "old_note", entry->old_note },
		{ "unit", entry->unit },
	};
	for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
		if (fields[f][1][0])
			cJSON_AddStringToObject(object, fields[f][0], fields[f][1]);
		else
			cJSON_AddNullToObject(object, fields[f][0]);
	}
	if (entry->record)
		cJSON_AddNumberToObject(object, "record", (double)entry->record);
	else
		cJSON_AddNullToObject(object, "record");
	cJSON_AddStringToObject(object, "state", history_state_name(entry->state));
	return object;
}

static int run_log(struct cli *cli)
{
	long task = 0;
	unsigned milestone = 0;
	if (cli->argument_count && !item_id_parse(cli->arguments[0], strlen(cli->arguments[0]), &task, &milestone)) {
		cli_error(_("\"%s\" is not a task or milestone; expected ID or ID.M, e.g. 8 or 8.2"),
			  cli->arguments[0]);
		return EXIT_USAGE;
	}
	char *path = history_path(cli->plan_path);
	struct history history;
	struct diagnostics diag;
	diagnostics_init(&diag, 5);
	if (!path || !history_load(path, &history, &diag)) {
		int code = path ? cli_report_problems(&diag, path, EXIT_DATA) : cli_out_of_memory();
		diagnostics_free(&diag);
		free(path);
		return code;
	}
	diagnostics_free(&diag);

	struct json_writer writer;
	struct table table;
	struct strbuf item, change;
	strbuf_init(&item);
	strbuf_init(&change);
	if (cli->format == FORMAT_JSON)
		json_begin_array(&writer, cli->out, 0);
	else
		table_init(&table, log_columns, 5);
	size_t shown = 0;
	for (size_t i = 0; i < history.count; i++) {
		const struct history_entry *entry = &history.entries[i];
		if (task && (entry->task != task || (milestone && entry->milestone != milestone)))
			continue;
		if (entry->state == HISTORY_ABORTED)
			continue;   /* never took effect */
		shown++;
		if (cli->format == FORMAT_JSON) {
			json_add(&writer, json_entry(entry));
			continue;
		}
		strbuf_clear(&item);
		strbuf_clear(&change);
		item_text(&item, entry);
		change_text(&change, entry);
		if (entry->state == HISTORY_PENDING)
			strbuf_puts(&change, _(" (pending: interrupted; the next change decides it)"));
		const char *cells[] = { entry->time, entry->by, strbuf_text(&item), strbuf_text(&change), entry->note };
		table_add_row(&table, cells);
	}
	if (cli->format == FORMAT_JSON) {
		if (!json_end(&writer))
			cli->out_of_memory = true;
		fputc('\n', cli->out);
	} else {
		if (shown) {
			struct table_style style = { .width = cli->width, .header = true };
			cli_print_table(cli, &table, &style);
		} else if (task) {
			fprintf(cli->out, _("No progress of task %ld has been recorded (history: %s).\n"), task, path);
		} else {
			fprintf(cli->out, _("No progress has been recorded yet (history: %s).\n"), path);
		}
		table_free(&table);
	}
	strbuf_free(&item);
	strbuf_free(&change);
	history_free(&history);
	free(path);
	return cli_finish_output(cli, EXIT_OK);
}

const struct command command_log = {
	.name = "log",
	.arguments = "[ID[.M]]",
	.summary = N_("the history of progress changes: when, by whom, what"),
	.help = N_("Lists every change `duty done`, `duty undo` and `duty report` made, oldest\n"
		   "first, from the history file beside the plan (tasks_2018.history.csv for\n"
		   "tasks_2018.csv): the time, who (--by or $USER), the milestone or target,\n"
		   "what it became and what it was before, and the note; a unit's own record\n"
		   "(--unit) names the unit after the item. ID or ID.M shows one task or\n"
		   "milestone.\n"
		   "\n"
		   "Examples:\n"
		   "  duty log\n"
		   "  duty log 12 --format json\n"),
	.min_arguments = 0,
	.max_arguments = 1,
	.formats = FORMAT_BIT(FORMAT_TABLE) | FORMAT_BIT(FORMAT_JSON),
	.needs = NEEDS_NOTHING,
	.run = run_log,
};
