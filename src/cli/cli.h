/*
 * cli.h - what main.c and the commands share: parsed options, the loaded
 * plan, the command table entry, exit codes and the helpers that talk to
 * the user. Adding a command: write src/cmd_<name>.c exporting one
 * `const struct command`, and add it to the table in main.c.
 */
#ifndef DUTY_CLI_H
#define DUTY_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "duty/date.h"
#include "duty/diag.h"
#include "duty/edit.h"
#include "duty/table.h"
#include "duty/text.h"
#include "duty/input.h"
#include "duty/plan.h"
#include "duty/query.h"
#include "duty/units.h"
#include "duty/i18n.h"

/* Exit codes, documented in README.md and docs/design.md. */
enum exit_code {
	EXIT_OK = 0,
	EXIT_PROBLEMS = 1,     /* duty check found problems */
	EXIT_USAGE = 2,        /* bad command line */
	EXIT_DATA = 3,         /* a plan or unit file cannot be read or is invalid */
	EXIT_NOT_FOUND = 4,    /* no such task, unknown or ambiguous unit */
	EXIT_OUTPUT = 5,       /* the output could not be written */
};

enum format { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON, FORMAT_ICS, FORMAT_HTML, FORMAT_MARKDOWN, FORMAT_COUNT };

/* Command-specific options; a command lists the ones it accepts. */
enum option_flag {
	OPTION_UNIT = 1 << 0,
	OPTION_DIRECT = 1 << 1,
	OPTION_MONTH = 1 << 2,
	OPTION_OVERDUE = 1 << 3,
	OPTION_OUTPUT = 1 << 4,
	OPTION_ON = 1 << 5,
	OPTION_NOTE = 1 << 6,
	OPTION_TARGET = 1 << 7,
	OPTION_VALUE = 1 << 8,
};

struct cli;

struct command {
	const char *name;
	const char *arguments;     /* usage after the name, e.g. "ID" */
	const char *summary;       /* one line for the command list */
	const char *help;          /* the rest of `duty help CMD`, with examples */
	unsigned options;          /* enum option_flag bits accepted */
	int min_arguments, max_arguments;
	unsigned formats;          /* 1 << enum format accepted */
	bool loads_data;           /* main loads the plan and units before run */
	int (*run)(struct cli *cli);
};

struct cli {
	const char *program;
	const struct command *command;
	/* global options */
	const char *plan_path;
	const char *units_path;
	bool units_given;          /* --units was on the command line */
	bool plan_is_shipped;      /* no -f, DUTY_FILE or working copy: the shipped plan */
	date_t today;
	enum format format;
	bool format_given;
	size_t width;              /* table width; 0 = do not wrap */
	enum encoding encoding;    /* of the data files; ENCODING_AUTO detects */
	bool raw;                  /* CSV cells as they are, no formula guard */
	bool color;                /* colour table rows (--color, NO_COLOR) */
	/* command options */
	const char *unit_query;
	bool direct;
	bool month_given;
	month_t month;
	bool overdue;
	const char *output_path;
	bool on_given;
	date_t on;                 /* --on DATE */
	const char *note;          /* --note TEXT, NULL when not given */
	unsigned target;           /* --target K, 0 when not given */
	const char *value;         /* --value N */
	const char *by;            /* --by NAME, else $USER */
	char **arguments;
	int argument_count;
	/* loaded for the command */
	struct unit_directory *units;
	struct plan *plan;
	FILE *out;
	char *temporary_path;      /* -o FILE is written here, then renamed */
};

/* "duty: message" on stderr. */
void cli_error(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* Prints the problems kept in diag ("duty: FILE:LINE:COLUMN: message"),
 * and how many more there were. */
void cli_print_problems(const struct diagnostics *diag);
/* The same for a file that failed to load, with how to see them all. */
void cli_report_problems(const struct diagnostics *diag, const char *file);

/* Resolves cli->unit_query; prints the error and returns non-zero exit
 * code when it does not name exactly one unit. */
int cli_resolve_unit(struct cli *cli, size_t *unit);

/* The query for --unit/--direct (month filled in by the caller). */
int cli_unit_query(struct cli *cli, struct query *query);

/* Sends output to cli->output_path when given: a temporary file beside it
 * that cli_finish_output renames over it, so a failed run never leaves a
 * half-written file. Returns EXIT_OUTPUT (after saying why) on failure. */
int cli_open_output(struct cli *cli);

/* Flushes and checks the output; for -o, syncs and renames the temporary
 * file into place, or removes it when code is not EXIT_OK or writing
 * failed. Returns code, or EXIT_OUTPUT when the output was not written. */
int cli_finish_output(struct cli *cli, int code);

/* Shared views of query results. */
void view_milestones_table(const struct cli *cli, const struct milestone_match *matches, size_t count,
			   size_t indent, bool with_via);
void view_milestones(const struct cli *cli, const struct milestone_match *matches, size_t count,
		     bool with_via);
void view_tasks(const struct cli *cli, const struct task_match *matches, size_t count, bool with_via);

/* The colour of a milestone's row: overdue red, due this month yellow,
 * done dimmed. */
enum row_color cli_milestone_color(const struct cli *cli, const struct milestone *milestone);

/* Table style for this command line: width, colour. */
struct table_style cli_table_style(const struct cli *cli, size_t indent, bool header);


/* Writes "2018-10" style month and a plain sentence about the next
 * deadline after it. */
void view_next_deadline(const struct cli *cli, const struct query *query, date_t after);

extern const struct command command_overview;
extern const struct command command_list;
extern const struct command command_show;
extern const struct command command_due;
extern const struct command command_units;
extern const struct command command_export;
extern const struct command command_check;
extern const struct command command_done;
extern const struct command command_undo;
extern const struct command command_report;
extern const struct command command_status;
extern const struct command command_log;
extern const struct command command_init;

/* The plan shipped with duty (data/ in a build tree, share/duty when
 * installed); malloc'ed. */
char *cli_shipped_plan_path(void);

/* Where `duty init` puts the working copy: $XDG_DATA_HOME/duty, else
 * ~/.local/share/duty. malloc'ed; NULL when neither is known. */
char *cli_working_directory(void);

/* --- tracking (tracking.c) -------------------------------------------- */

/* The task ID of the plan, with at least `milestone` milestones; reports
 * in diag and returns NULL when there is none. */
const struct task *cli_find_item(const struct plan *plan, long id, unsigned milestone,
				 struct diagnostics *diag);

/* Who made a change: --by, else $USER, else the login name. */
const char *cli_who(const struct cli *cli);

/* Runs a planner on the plan file (see duty/edit.h) and reports the
 * outcome: what the planner wrote into *said once the change is saved, or
 * the problems on stderr (for a plan that cannot be written, how to start
 * tracking a copy). The planner's own refusals exit EXIT_NOT_FOUND. Frees
 * *said; returns the exit code. */
int cli_edit_plan(struct cli *cli, edit_planner planner, void *context, struct strbuf *said);
extern const struct command command_help;

/* "dir/name" for a file beside path; malloc'ed, NULL when out of memory. */
char *cli_sibling_path(const char *path, const char *name);

const struct command *const *cli_commands(void);
/* A command by name or unique prefix ("overview" names the default one);
 * prints why and sets *code when there is none. */
const struct command *cli_find_command(const char *name, int *code);
void cli_print_command_help(const struct command *command, FILE *out);
void cli_print_usage(FILE *out);

#endif
