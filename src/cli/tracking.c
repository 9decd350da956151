/*
 * tracking.c - what done, undo and report share (see tracking.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/tracking.h"

#include "cli/output.h"
#include "cli/paths.h"
#include "cli/scope.h"
#include "duty/csvwrite.h"
#include "duty/progress.h"

const char *cli_who(const struct cli *cli)
{
	if (cli->by && *cli->by)
		return cli->by;
	/* The environment, not the password database: a lookup there may need
	 * the network (NSS) and is not safe when memory runs out. */
	static const char *const variables[] = { "USER", "LOGNAME" };
	for (size_t i = 0; i < 2; i++) {
		const char *name = getenv(variables[i]);
		if (name && *name)
			return name;
	}
	static char uid[32];
	snprintf(uid, sizeof uid, "uid %ld", (long)getuid());
	return uid;
}

static bool is_permission_error(int error)
{
	return error == EACCES || error == EPERM || error == EROFS;
}

static void explain_init(const struct cli *cli, const char *why)
{
	bool out_of_memory;   /* the message says the usual place then */
	char *working = paths_working_directory(&out_of_memory);
	cli_error(_("%s %s. Run `duty init` to copy the plan to %s/; duty uses that copy from then on. A copy "
		    "made elsewhere is used when named: export DUTY_FILE=FILE, or -f FILE."),
		  cli->plan_path, why, working ? working : "~/.local/share/duty");
	free(working);
}

/* A value from the command line or the environment that would go into
 * the plan or its history, checked by the one rule for values in files
 * before anything is locked or written. */
static bool value_is_writable(const char *what, const char *value)
{
	struct value_check check;
	if (csv_value_check(value, ENCODING_UTF8, &check))
		return true;
	struct strbuf why = STRBUF_INIT;
	csv_value_explain(&why, &check);
	cli_error(_("%s \"%s\" cannot be written to the plan or its history: %s"), what, value, strbuf_text(&why));
	strbuf_free(&why);
	return false;
}

int cli_edit_plan(struct cli *cli, edit_planner planner, void *context, struct strbuf *said)
{
	const char *who = cli_who(cli);
	if ((cli->note && !value_is_writable("--note", cli->note))
	    || !value_is_writable(cli->by && *cli->by ? "--by" : "$USER", who)) {
		strbuf_free(said);
		return EXIT_USAGE;
	}
	/* The shipped plan is the reference copy: progress goes into a copy,
	 * unless the user names the file with -f or DUTY_FILE. */
	if (cli->plan_is_shipped) {
		explain_init(cli, _("is the plan shipped with duty, kept as it is"));
		strbuf_free(said);
		return EXIT_OUTPUT;
	}
	struct diagnostics diag;
	diagnostics_init(&diag, 5);
	struct load_options options = { .encoding = cli->encoding };
	int error = 0;
	enum edit_result result = plan_edit(cli->plan_path, cli->units, &options, planner, context, &diag, &error);
	int code = EXIT_OK;
	switch (result) {
	case EDIT_DONE:
		/* Saved; anything reported is a warning (e.g. the history). */
		cli_print_problems(&diag);
		break;
	case EDIT_REFUSED:
		code = cli_report_problems(&diag, cli->plan_path, EXIT_NOT_FOUND);
		break;
	case EDIT_BAD_VALUE:
		code = cli_report_problems(&diag, cli->plan_path, EXIT_USAGE);
		break;
	case EDIT_BAD_DATA:
		code = cli_report_problems(&diag, cli->plan_path, EXIT_DATA);
		break;
	case EDIT_NOT_WRITTEN:
		code = cli_report_problems(&diag, cli->plan_path, EXIT_OUTPUT);
		if (code == EXIT_OUTPUT && is_permission_error(error))
			explain_init(cli, _("cannot be written here (it may be the installed, read-only copy)"));
		break;
	}
	diagnostics_free(&diag);
	if (code == EXIT_OK)
		fputs(strbuf_text(said), cli->out);
	strbuf_free(said);
	return cli_finish_output(cli, code);
}

void tracking_set_unit_line(struct plan_edits *edits, long task, const struct group_layout *layout,
			    unsigned number, size_t field, const char *cell, bool replace, size_t start, size_t end,
			    const char *line)
{
	struct strbuf value = STRBUF_INIT;
	progress_cell_change(&value, cell, replace, start, end, line);
	if (value.failed)
		edits->failed = true;
	else
		plan_edits_set_field(edits, task, layout, number, field, strbuf_text(&value));
	strbuf_free(&value);
}

/* A note recorded for one unit lives on one line of its cell. */
static bool note_fits_line(const char *note)
{
	if (!note || !strpbrk(note, "\r\n"))
		return true;
	cli_error(_("--note holds a line break; a unit's record is one line of its cell, so give the note "
		    "on one line"));
	return false;
}

int tracking_unit(struct cli *cli, size_t *unit)
{
	*unit = EVERY_UNIT;
	if (!cli->unit_query)
		return EXIT_OK;
	int code = cli_resolve_unit(cli, unit);
	if (code == EXIT_OK && !note_fits_line(cli->note))
		return EXIT_USAGE;
	return code;
}
