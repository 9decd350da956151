/*
 * init.c - `duty init [DIR]`: copies the shipped plan and unit
 * directory to a place where progress can be recorded. Without DIR it is
 * the working copy ($XDG_DATA_HOME/duty, else ~/.local/share/duty) that
 * every command then uses by default; with DIR, it says how to name the
 * copy (DUTY_FILE). Files already there are kept. With --unit U the copy
 * is scoped to a unit: duty.conf beside it remembers U (cli/settings.h),
 * and bare `duty` then shows `duty next` for it, however the plan was named.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "cli/paths.h"
#include "cli/scope.h"
#include "cli/settings.h"
#include "duty/load.h"
#include "duty/safefile.h"
#include "duty/strbuf.h"

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

/* A copy outside the working copy's place is used only when named: say
 * exactly how, with the absolute path (DIR may be relative). */
static int say_how_to_use(struct cli *cli, const char *directory, const char *plan_name)
{
	char *absolute = realpath(directory, NULL);
	struct strbuf path = STRBUF_INIT, quoted = STRBUF_INIT;
	strbuf_printf(&path, "%s/%s", absolute ? absolute : directory, plan_name);
	free(absolute);
	/* Quoted for the shell when it holds anything but safe characters. */
	bool plain = true;
	for (const char *p = strbuf_text(&path); *p; p++)
		if (!(*p & 0x80) && !strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+,:@%", *p))
			plain = false;
	if (plain) {
		strbuf_puts(&quoted, strbuf_text(&path));
	} else {
		strbuf_putc(&quoted, '\'');
		for (const char *p = strbuf_text(&path); *p; p++)
			strbuf_puts(&quoted, *p == '\'' ? "'\\''" : (char[]){ *p, '\0' });
		strbuf_putc(&quoted, '\'');
	}
	int code = EXIT_OK;
	if (path.failed || quoted.failed)
		code = cli_out_of_memory();
	else
		fprintf(cli->out,
			_("duty uses this copy only when it is named: run this (and keep it in ~/.bashrc):\n"
			  "  export DUTY_FILE=%s\n"
			  "or give it to each command: duty -f %s ...\n"),
			quoted.data, quoted.data);
	strbuf_free(&path);
	strbuf_free(&quoted);
	return code;
}

/* The canonical name of --unit in the unit directory the copy will have:
 * the one already in the directory, else the one to be copied there. */
static int resolve_unit(struct cli *cli, const char *directory, const char *units, const char **name)
{
	struct strbuf path = STRBUF_INIT;
	strbuf_printf(&path, "%s/units.csv", directory);
	if (path.failed)
		return cli_out_of_memory();
	const char *from = access(strbuf_text(&path), F_OK) == 0 ? strbuf_text(&path) : units;
	struct diagnostics diag;
	diagnostics_init(&diag, 5);
	cli->units = units_load(from, &(struct load_options){ .encoding = cli->encoding }, &diag);
	int code = cli->units ? EXIT_OK : cli_report_problems(&diag, from, EXIT_DATA);
	diagnostics_free(&diag);
	strbuf_free(&path);
	size_t unit;
	if (code == EXIT_OK)
		code = cli_resolve_unit(cli, &unit);
	if (code == EXIT_OK)
		*name = cli->units->units[unit].name;
	return code;
}

/* Remembers the unit in DIR/duty.conf and says what that changes. */
static int scope_to_unit(struct cli *cli, const char *directory, const char *unit)
{
	struct diagnostics diag;
	diagnostics_init(&diag, 3);
	int code = EXIT_OK;
	if (!settings_write(directory, "unit", unit, &diag))
		code = cli_report_problems(&diag, directory, EXIT_OUTPUT);
	else
		fprintf(cli->out, _("The copy is scoped to %s (%s/%s says so): with it, plain `duty` shows `duty next` "
				    "for that unit; `duty overview` shows the whole plan.\n"),
			unit, directory, SETTINGS_FILE);
	diagnostics_free(&diag);
	return code;
}

static int run_init(struct cli *cli)
{
	bool out_of_memory;
	char *working = paths_working_directory(&out_of_memory);
	const char *directory = cli->argument_count ? cli->arguments[0] : working;
	if (out_of_memory && !directory)
		return cli_out_of_memory();
	if (!directory) {
		cli_error(_("neither XDG_DATA_HOME nor HOME is set; give the directory: duty init DIR"));
		return EXIT_USAGE;
	}
	char *plan = paths_shipped_plan();
	char *units = plan ? paths_sibling(plan, "units.csv") : NULL;
	int code = EXIT_OK;
	const char *unit = NULL;
	if (!plan || !units) {
		code = cli_out_of_memory();
	} else if (cli->unit_query && (code = resolve_unit(cli, directory, units, &unit)) != EXIT_OK) {
		/* said why */
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
			code = say_how_to_use(cli, directory, plan_name);
		if (code == EXIT_OK && unit)
			code = scope_to_unit(cli, directory, unit);
}
	free(plan);
	free(units);
	free(working);
	return cli_finish_output(cli, code);
}

static const struct command_option init_options[] = {
	{ OPT_UNIT, false, N_("scope the copy to unit U: plain `duty` then shows `duty next`\n"
			      "for U (remembered in DIR/duty.conf)") },
	{ .help = NULL },
};

const struct command command_init = {
	.name = "init",
	.arguments = "[DIR]",
	.summary = N_("copy the plan to a place where progress can be recorded"),
	.options = init_options,
	.help = N_("Copies the shipped plan and its unit directory to DIR, by default the\n"
		   "working copy's place, $XDG_DATA_HOME/duty (~/.local/share/duty). A copy made\n"
		   "there is the working copy: from then on duty uses it when neither -f nor\n"
		   "DUTY_FILE names a plan (--file, then DUTY_FILE, then the working copy, then\n"
		   "the shipped plan). A copy made in another DIR is used only when named: init\n"
		   "prints the line to put in ~/.bashrc, export DUTY_FILE=DIR/tasks_2018.csv.\n"
		   "Files already there are kept as they are.\n"
		   "\n"
		   "What a copy remembers about itself is in duty.conf beside its plan, so it\n"
		   "holds however the copy is named (-f, DUTY_FILE or as the working copy).\n"
		   "With --unit U the copy is scoped to one unit (unit=U there): plain `duty`\n"
		   "shows `duty next` for U and `duty next` is for U unless --unit names\n"
		   "another; the other commands are as before (`duty overview` is the whole\n"
		   "plan). Run `duty init --unit` again to change the unit, or delete duty.conf\n"
		   "to scope the copy to no unit.\n"
		   "\n"
		   "Examples:\n"
		   "  duty init\n"
		   "  duty init --unit 瑞安\n"
		   "  duty init ~/食安办/2018\n"
		   "  duty init ~/瑞安/2018 --unit 瑞安\n"),
	.min_arguments = 0,
	.max_arguments = 1,
	.formats = FORMAT_BIT(FORMAT_TABLE),
	.needs = NEEDS_NOTHING,
	.run = run_init,
};
