/*
 * init.c - `duty init [DIR]`: copies the shipped plan and unit
 * directory to a place where progress can be recorded. Without DIR it is
 * the working copy ($XDG_DATA_HOME/duty, else ~/.local/share/duty) that
 * every command then uses by default. Files already there are kept.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "cli/paths.h"
#include "duty/safefile.h"

/* Copies source to DIR/name unless a file is there; says what it did.
 * The copy is made whole beside it and linked into place, which never
 * replaces a file, and a plan is copied under its lock, so a plan that
 * appeared meanwhile (or is being written) is kept. */
static int copy_into(struct cli *cli, const char *source, const char *directory, const char *name, bool lock)
{
	char *target = malloc(strlen(directory) + strlen(name) + 2);
	if (!target)
		return cli_out_of_memory();
	sprintf(target, "%s/%s", directory, name);
	int code = EXIT_OK;
	struct diagnostics diag;
	diagnostics_init(&diag, 3);
	char *bytes = NULL;
	size_t size = 0;
	struct file_lock held = { -1 };
	int created = EEXIST;
	if (access(target, F_OK) != 0 && (!lock || file_lock_acquire(target, &held, &diag) == 0)
	    && file_read(source, &bytes, &size, &diag))
		created = file_create(target, bytes, size, &diag);
	file_lock_release(&held);
	if (diag.errors)
		code = cli_report_problems(&diag, source, EXIT_OUTPUT);
	else if (created == EEXIST)
		fprintf(cli->out, _("%s exists already; kept as it is.\n"), target);
	else
		fprintf(cli->out, _("Copied %s to %s\n"), source, target);
	free(bytes);
	diagnostics_free(&diag);
	free(target);
	return code;
}

static int run_init(struct cli *cli)
{
	char *working = paths_working_directory();
	const char *directory = cli->argument_count ? cli->arguments[0] : working;
	if (!directory) {
		cli_error(_("neither XDG_DATA_HOME nor HOME is set; give the directory: duty init DIR"));
		return EXIT_USAGE;
	}
	char *plan = paths_shipped_plan();
	char *units = plan ? paths_sibling(plan, "units.csv") : NULL;
	int code = EXIT_OK;
	if (!plan || !units) {
		code = cli_out_of_memory();
	} else if (!paths_make_directories(directory)) {
		cli_error(_("cannot create the directory %s: %s"), directory, strerror(errno));
		code = EXIT_OUTPUT;
	} else {
		const char *plan_name = strrchr(plan, '/') ? strrchr(plan, '/') + 1 : plan;
		code = copy_into(cli, plan, directory, plan_name, true);
		if (code == EXIT_OK)
			code = copy_into(cli, units, directory, "units.csv", false);
		if (code == EXIT_OK && working && strcmp(directory, working) == 0)
			fprintf(cli->out, _("duty now uses %s/%s unless -f or DUTY_FILE names another plan.\n"),
				directory, plan_name);
		else if (code == EXIT_OK)
			fprintf(cli->out, _("Use it with: duty -f %s/%s (or DUTY_FILE=%s/%s)\n"), directory, plan_name,
				directory, plan_name);
	}
	free(plan);
	free(units);
	free(working);
	return cli_finish_output(cli, code);
}

const struct command command_init = {
	.name = "init",
	.arguments = "[DIR]",
	.summary = N_("copy the plan to a place where progress can be recorded"),
	.help = N_("Copies the shipped plan and its unit directory to DIR, by default the\n"
		   "working copy's place, $XDG_DATA_HOME/duty (~/.local/share/duty). From then\n"
		   "on duty uses the working copy when neither -f nor DUTY_FILE names a plan:\n"
		   "--file, then DUTY_FILE, then the working copy, then the shipped plan.\n"
		   "Files already there are kept as they are.\n"
		   "\n"
		   "Examples:\n"
		   "  duty init\n"
		   "  duty init ~/食安办/2018\n"),
	.min_arguments = 0,
	.max_arguments = 1,
	.formats = FORMAT_BIT(FORMAT_TABLE),
	.needs = NEEDS_NOTHING,
	.run = run_init,
};
