/*
 * units.c - `duty units`: the unit directory with, for each unit, the
 * number of tasks that name it and the number it has through its groups.
 */
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "duty/format.h"
#include "duty/table.h"
#include "duty/csv.h"
#include "duty/json.h"
#include "duty/text.h"

static const struct table_column unit_columns[] = {
	{ N_("Unit"), ALIGN_LEFT, true },     { N_("Kind"), ALIGN_LEFT, false },
	{ N_("Direct"), ALIGN_RIGHT, false }, { N_("Via group"), ALIGN_RIGHT, false },
	{ N_("Aliases"), ALIGN_LEFT, true },  { N_("Member of / members"), ALIGN_LEFT, true },
};


static cJSON *name_array(const struct unit_directory *units, const size_t *list, size_t count)
{
	cJSON *array = cJSON_CreateArray();
	for (size_t i = 0; array && i < count; i++)
		cJSON_AddItemToArray(array, cJSON_CreateString(units->units[list[i]].name));
	return array;
}

static cJSON *json_unit(const struct unit_directory *units, size_t index, size_t direct, size_t via)
{
	const struct unit *unit = &units->units[index];
	cJSON *object = cJSON_CreateObject();
	cJSON_AddStringToObject(object, "name", unit->name);
	cJSON_AddStringToObject(object, "kind", unit->kind);
	cJSON *aliases = cJSON_AddArrayToObject(object, "aliases");
	for (size_t a = 0; aliases && a < unit->alias_count; a++)
		cJSON_AddItemToArray(aliases, cJSON_CreateString(unit->aliases[a]));
	cJSON_AddItemToObject(object, "members", name_array(units, unit->members, unit->member_count));
	cJSON_AddItemToObject(object, "groups", name_array(units, unit->groups, unit->group_count));
	cJSON_AddNumberToObject(object, "direct_tasks", (double)direct);
	cJSON_AddNumberToObject(object, "via_group_tasks", (double)via);
	if (unit->note[0])
		cJSON_AddStringToObject(object, "note", unit->note);
	else
		cJSON_AddNullToObject(object, "note");
	return object;
}

static int run_units(struct cli *cli)
{
	const struct unit_directory *units = cli->units;
	size_t *direct = calloc(units->count + 1, sizeof *direct);
	size_t *via = calloc(units->count + 1, sizeof *via);
	if (!direct || !via) {
		free(direct);
		free(via);
		return cli_out_of_memory();
	}
	query_unit_task_counts(cli->plan, direct, via);

	struct json_writer writer;
	struct table table;
	struct strbuf aliases, relations;
	char direct_text[24], via_text[24];
	strbuf_init(&aliases);
	strbuf_init(&relations);
	if (cli->format == FORMAT_JSON) {
		json_begin_array(&writer, cli->out, 0);
	} else if (cli->format == FORMAT_CSV) {
		static const char *const header[] = {
			NC_("CSV header", "name"),    NC_("CSV header", "kind"),
			NC_("CSV header", "direct_tasks"), NC_("CSV header", "via_group_tasks"),
			NC_("CSV header", "aliases"), NC_("CSV header", "members"),
			NC_("CSV header", "groups"),  NC_("CSV header", "note"),
		};
		cli_csv_header(cli, header, 8);
	} else {
		table_init(&table, unit_columns, 6);
	}
	for (size_t u = 0; u < units->count; u++) {
		const struct unit *unit = &units->units[u];
		if (!unit_is_listed(unit))
			continue;
		if (cli->format == FORMAT_JSON) {
			json_add(&writer, json_unit(units, u, direct[u], via[u]));
			continue;
		}
		snprintf(direct_text, sizeof direct_text, "%zu", direct[u]);
		snprintf(via_text, sizeof via_text, "%zu", via[u]);
		strbuf_clear(&aliases);
		strbuf_clear(&relations);
		if (cli->format == FORMAT_CSV) {
			struct strbuf members;
			strbuf_init(&members);
			strbuf_join(&aliases, unit->aliases, unit->alias_count, ";");
			format_unit_names(&members, units, unit->members, unit->member_count, ";");
			format_unit_names(&relations, units, unit->groups, unit->group_count, ";");
			const char *fields[] = { unit->name, unit->kind, direct_text, via_text, strbuf_text(&aliases),
						 strbuf_text(&members), strbuf_text(&relations), unit->note };
			csv_write_record(cli->out, fields, 8, cli->raw);
			strbuf_free(&members);
			continue;
		}
		strbuf_join(&aliases, unit->aliases, unit->alias_count, "、");
		if (unit->is_group) {
			strbuf_printf(&relations, _("%zu members: "), unit->member_count);
			format_unit_names(&relations, units, unit->members, unit->member_count, "、");
		} else {
			format_unit_names(&relations, units, unit->groups, unit->group_count, "、");
		}
		const char *cells[] = { unit->name, unit->kind, direct_text, via_text, strbuf_text(&aliases),
					strbuf_text(&relations) };
		table_add_row(&table, cells);
	}
	if (cli->format == FORMAT_JSON) {
		if (!json_end(&writer))
			cli->out_of_memory = true;
		fputc('\n', cli->out);
	} else if (cli->format == FORMAT_TABLE) {
		struct table_style style = { .width = cli->width, .header = true };
		cli_print_table(cli, &table, &style);
		table_free(&table);
	}
	strbuf_free(&aliases);
	strbuf_free(&relations);
	free(direct);
	free(via);
	return cli_finish_output(cli, EXIT_OK);
}

const struct command command_units = {
	.name = "units",
	.arguments = "",
	.summary = N_("the unit directory, with each unit's task counts"),
	.help = N_("Lists every unit of the directory (units.csv beside the plan): its kind, the\n"
		   "number of tasks that name it (Direct) and the number it has because a group it\n"
		   "belongs to is named (Via group), its aliases, and its groups (for a group: its\n"
		   "members). Any alias, or part of one unit's name, works with --unit.\n"
		   "\n"
		   "Examples:\n"
		   "  duty units\n"
		   "  duty units --format csv > units-report.csv\n"),
	.min_arguments = 0,
	.max_arguments = 0,
	.formats = FORMAT_BIT(FORMAT_TABLE) | FORMAT_BIT(FORMAT_CSV) | FORMAT_BIT(FORMAT_JSON),
	.needs = NEEDS_PLAN,
	.run = run_units,
};
