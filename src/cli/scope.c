/*
 * scope.c - --unit and --direct (see scope.h).
 */
#include "cli/scope.h"

#include <string.h>

#include "cli/output.h"
#include "cli/settings.h"
#include "duty/format.h"

int cli_resolve_unit(struct cli *cli, size_t *unit)
{
	const struct unit_directory *units = cli->units;
	struct unit_resolution found = units_resolve(units, cli->unit_query);
	struct strbuf names;
	strbuf_init(&names);
	int code = EXIT_OK;
	if (found.match == UNIT_FOUND && units->units[found.unit].is_phrase) {
		const struct unit *phrase = &units->units[found.unit];
		format_unit_names(&names, units, phrase->members, phrase->member_count, ", ");
		cli_error(_("\"%s\" names several units at once: %s; choose one of them"), cli->unit_query,
			  strbuf_text(&names));
		code = EXIT_NOT_FOUND;
	} else if (found.match == UNIT_FOUND) {
		*unit = found.unit;
	} else if (found.match == UNIT_AMBIGUOUS) {
		format_unit_names(&names, units, found.candidates, found.candidate_count, ", ");
		cli_error(_("\"%s\" matches %zu units: %s; give more of the name"), cli->unit_query,
			  found.candidate_count, strbuf_text(&names));
		code = EXIT_NOT_FOUND;
	} else if (found.candidate_count) {
		format_unit_names(&names, units, found.candidates, found.candidate_count, ", ");
		cli_error(_("no unit is called \"%s\"; the closest names are: %s"), cli->unit_query,
			  strbuf_text(&names));
		code = EXIT_NOT_FOUND;
	} else {
		cli_error(_("no unit is called \"%s\"; run `duty units` to see the directory"),
			  cli->unit_query);
		code = EXIT_NOT_FOUND;
	}
	if (code != EXIT_OK && cli->unit_from_settings)
		cli_error(_("the unit is the one %s beside the plan names (the copy's unit); change it with "
			    "`duty init --unit U`, or give --unit"),
			  SETTINGS_FILE);
	strbuf_free(&names);
	unit_resolution_free(&found);
	return code;
}

int cli_unit_query(struct cli *cli, struct query *query)
{
	memset(query, 0, sizeof *query);
	if (!cli->unit_query)
		return EXIT_OK;
	query->by_unit = true;
	query->direct_only = cli->direct;
	return cli_resolve_unit(cli, &query->unit);
}

