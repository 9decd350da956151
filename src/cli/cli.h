/*
 * cli.h - the command-line layer's shared state: what the options set,
 * what was loaded for the command, and the command table entry.
 *
 * Adding a command: write src/cmd/<name>.c exporting one `const struct
 * command` (its name, arguments, options, formats, what it needs loaded
 * and its run function), and add one line to the table in
 * src/cli/commands.c. docs/design.md walks through an example.
 */
#ifndef DUTY_CLI_H
#define DUTY_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "duty/date.h"
#include "duty/i18n.h"
#include "duty/input.h"
#include "duty/plan.h"
#include "duty/strbuf.h"
#include "duty/units.h"

/* Exit codes, documented in README.md, docs/errors.md and the man page. */
enum exit_code {
	EXIT_OK = 0,
	EXIT_PROBLEMS = 1,     /* duty check found problems */
	EXIT_USAGE = 2,        /* bad command line */
	EXIT_DATA = 3,         /* a plan or unit file cannot be read or is invalid */
	EXIT_NOT_FOUND = 4,    /* no such task, unknown or ambiguous unit */
	EXIT_OUTPUT = 5,       /* the output could not be written */
	EXIT_NO_MEMORY = 6,    /* duty ran out of memory */
};

enum format {
	FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON, FORMAT_ICS, FORMAT_HTML, FORMAT_MARKDOWN, FORMAT_XLSX, FORMAT_COUNT
};

#define FORMAT_BIT(format) (1u << (format))

/* Every option duty knows; struct option_spec (options.c) says how each is
 * written and parsed. The first ones are global: every command takes them. */
enum option_id {
	OPT_FILE, OPT_UNITS, OPT_TODAY, OPT_FORMAT, OPT_WIDTH, OPT_ENCODING, OPT_RAW, OPT_NO_BOM,
	OPT_RAW_HEADERS, OPT_COLOR, OPT_HELP, OPT_VERSION,
	OPT_GLOBAL_COUNT,
	OPT_UNIT = OPT_GLOBAL_COUNT, OPT_DIRECT, OPT_MONTH, OPT_OVERDUE, OPT_OUTPUT, OPT_ON, OPT_NOTE,
	OPT_TARGET, OPT_VALUE, OPT_BY, OPT_YEAR, OPT_TITLE, OPT_FORCE, OPT_BY_UNIT, OPT_REMIND, OPT_DAYS, OPT_LANG,
	OPT_ALL_UNITS,
	OPT_COUNT
};

/* One option a command takes, with what it means for that command. */
struct command_option {
	enum option_id id;
	bool required;
	const char *help;   /* N_() text; lines after the first are indented to match */
};

/* What main loads before a command runs. */
enum command_needs {
	NEEDS_NOTHING = 0,
	NEEDS_UNITS = 1 << 0,                  /* the unit directory */
	NEEDS_PLAN = 1 << 1 | NEEDS_UNITS,     /* the plan, checked against the units */
};

struct cli;
struct xlsx_book;

struct command {
	const char *name;
	const char *arguments;     /* usage after the name, e.g. "ID" */
	const char *summary;       /* N_(): one line for the command list */
	const char *description;   /* N_(): help before the options, or NULL */
	const struct command_option *options;   /* ends with { .help = NULL } */
	const char *help;          /* N_(): help after the options: notes, examples */
	int min_arguments, max_arguments;
	unsigned formats;          /* 1 << enum format accepted */
	enum command_needs needs;
	int (*run)(struct cli *cli);
};

struct cli {
	const struct command *command;
	bool command_given;        /* named on the command line, not the default overview */
	/* global options */
	const char *plan_path;
	const char *units_path;
	bool units_given;          /* --units was on the command line */
	bool plan_is_shipped;      /* no -f, DUTY_FILE or working copy: the shipped plan */
	bool plan_from_environment;   /* DUTY_FILE named the plan */
	bool units_shipped;        /* no units.csv beside the plan: the shipped directory */
	date_t today;
	enum format format;
	bool format_given;
	size_t width;              /* table width; 0 = do not wrap */
	bool width_given;
	enum encoding encoding;    /* of the data files; ENCODING_AUTO detects */
	bool raw;                  /* CSV cells as they are, no formula guard */
	bool no_bom;               /* CSV without a byte order mark, even to a file */
	bool raw_headers;          /* CSV headers as duty's English names, untranslated */
	int color_choice;          /* enum color_choice (options.c) */
	bool color;                /* colour table rows (--color, NO_COLOR) */
	bool help, version;
	/* command options */
	bool given[OPT_COUNT];     /* which options were on the command line */
	const char *unit_query;
	bool direct;
	month_t month;
	bool overdue;
	const char *output_path;
	date_t on;                 /* --on DATE */
	const char *note;          /* --note TEXT, NULL when not given */
	unsigned target;           /* --target K, 0 when not given */
	const char *value;         /* --value N */
	const char *by;            /* --by NAME, else $USER */
	int year;                  /* --year YYYY (import), 0 when not given */
	const char *title;         /* --title TEXT (import) */
	bool force;                /* --force: replace files that exist (import), what is recorded (done) */
	bool by_unit;              /* --by-unit: one row per unit */
	unsigned remind_days;      /* --remind DAYS: calendar alarms that many days ahead, 0 none */
	unsigned days;             /* --days N: what falls due within N days (duty next) */
	bool all_units;            /* export --all-units */
	const char *document_language;   /* --lang: "zh" or "en" for sheets and workbooks; NULL: the plan's */
	char **arguments;
	int argument_count;
	/* loaded for the command (cli/data.c) */
	char *owned_plan_path;     /* the paths data_load chose itself */
	char *owned_units_path;
	char *owned_note, *owned_by;   /* --note and --by trimmed of spaces, when they had some */
	char *owned_unit_query;    /* the unit of a unit-scoped copy (duty.conf) ... */
	bool unit_from_settings;   /* ... when unit_query is it */
	struct unit_directory *units;
	struct plan *plan;
	FILE *out;
	bool output_open;          /* -o FILE: out collects the output ... */
	FILE *screen_out;          /* ... and this was out before, back when the file is written */
	struct strbuf output_text; /* ... here, for the atomic writer (duty/safefile.h) */
	struct xlsx_book *book;    /* --format xlsx: the workbook that tables become sheets of */
	char *book_path;           /* where libxlsxwriter writes it before it is copied to out */
	FILE *text_out;            /* the real output while text goes nowhere (a workbook is made) */
	const char *sheet_name;    /* the sheet of a table printed without a name */
	bool out_of_memory;        /* printing failed for want of memory */
};

#endif
