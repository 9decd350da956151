/*
 * options.c - the option table, the parser built from it (getopt_long,
 * which lets options stand before or after the command), the checks of a
 * command line against its command, and the help and completion words
 * made from the same table.
 */
#include "cli/options.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/commands.h"
#include "cli/output.h"
#include "duty/itemid.h"
#include "duty/strbuf.h"
#include "duty/text.h"

enum color_choice { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

static const char *const format_names[FORMAT_COUNT + 1] = { "table", "csv",  "json", "ics",
							       "html",  "md",   "xlsx", NULL };
static const char *const color_names[] = { "auto", "always", "never", NULL };
static const char *const encoding_names[] = { "utf-8", "gb18030", NULL };
static const char *const language_names[] = { "zh", "en", NULL };

const char *format_name(enum format format)
{
	return format_names[format];
}

/* --- applying one option's value ------------------------------------------ */

static int set_plan(struct cli *cli, const char *value)
{
	cli->plan_path = value;
	return EXIT_OK;
}

static int set_units(struct cli *cli, const char *value)
{
	cli->units_path = value;
	cli->units_given = true;
	return EXIT_OK;
}

static int set_today(struct cli *cli, const char *value)
{
	if (!date_parse(value, strlen(value), &cli->today)) {
		cli_error(_("--today \"%s\" is not a valid date; expected YYYY-MM-DD, e.g. 2018-10-15"), value);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static int set_format(struct cli *cli, const char *value)
{
	for (int f = 0; f < FORMAT_COUNT; f++)
		if (strcasecmp(value, format_names[f]) == 0) {   /* JSON is json */
			cli->format = (enum format)f;
			cli->format_given = true;
			return EXIT_OK;
		}
	cli_error(_("--format \"%s\" is not a format; expected table, csv, json, ics, html, md or xlsx"), value);
	return EXIT_USAGE;
}

static bool parse_width(const char *text, size_t *width)
{
	long value;
	if (!text_parse_whole(text, strlen(text), 100000, &value))
		return false;
	*width = (size_t)value;
	return true;
}

static int set_width(struct cli *cli, const char *value)
{
	if (!parse_width(value, &cli->width)) {
		cli_error(_("--width \"%s\" is not a number of columns"), value);
		return EXIT_USAGE;
	}
	cli->width_given = true;
	return EXIT_OK;
}

static int set_encoding(struct cli *cli, const char *value)
{
	if (!encoding_parse(value, &cli->encoding)) {
		cli_error(_("--encoding \"%s\" is not an encoding duty reads; expected utf-8 or gb18030"), value);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static int set_raw(struct cli *cli, const char *value)
{
	(void)value;
	cli->raw = true;
	return EXIT_OK;
}

static int set_no_bom(struct cli *cli, const char *value)
{
	(void)value;
	cli->no_bom = true;
	return EXIT_OK;
}

static int set_raw_headers(struct cli *cli, const char *value)
{
	(void)value;
	cli->raw_headers = true;
	return EXIT_OK;
}

static int set_color(struct cli *cli, const char *value)
{
	if (!value) {
		cli->color_choice = COLOR_ALWAYS;
		return EXIT_OK;
	}
	for (int c = 0; color_names[c]; c++)
		if (strcasecmp(value, color_names[c]) == 0) {
			cli->color_choice = c;
			return EXIT_OK;
		}
	cli_error(_("--color=%s is not a choice; expected auto, always or never"), value);
	return EXIT_USAGE;
}

static int set_help(struct cli *cli, const char *value)
{
	(void)value;
	cli->help = true;
	return EXIT_OK;
}

static int set_version(struct cli *cli, const char *value)
{
	(void)value;
	cli->version = true;
	return EXIT_OK;
}

static int set_unit(struct cli *cli, const char *value)
{
	cli->unit_query = value;
	return EXIT_OK;
}

static int set_direct(struct cli *cli, const char *value)
{
	(void)value;
	cli->direct = true;
	return EXIT_OK;
}

static int set_month(struct cli *cli, const char *value)
{
	if (!month_parse(value, strlen(value), &cli->month)) {
		cli_error(_("--month \"%s\" is not a month; expected YYYY-MM (e.g. 2018-10), 2018年10月, "
			    "or 10 for October of the plan year"), value);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static int set_overdue(struct cli *cli, const char *value)
{
	(void)value;
	cli->overdue = true;
	return EXIT_OK;
}

static int set_output(struct cli *cli, const char *value)
{
	cli->output_path = value;
	return EXIT_OK;
}

static int set_on(struct cli *cli, const char *value)
{
	if (!date_parse(value, strlen(value), &cli->on)) {
		cli_error(_("--on \"%s\" is not a valid date; expected YYYY-MM-DD"), value);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* A value typed with spaces around it: the file keeps it without them
 * (reading a cell trims them), so it is recorded without them. *owned
 * keeps a trimmed copy (freed by data_free). */
static int set_trimmed(const char **field, char **owned, const char *value)
{
	const char *start = value;
	size_t length = text_trim(&start, strlen(value));
	if (length == strlen(value)) {
		*field = value;
		return EXIT_OK;
	}
	free(*owned);
	*owned = strndup(start, length);
	if (!*owned)
		return cli_out_of_memory();
	*field = *owned;
	return EXIT_OK;
}

static int set_note(struct cli *cli, const char *value)
{
	return set_trimmed(&cli->note, &cli->owned_note, value);
}

static int set_target(struct cli *cli, const char *value)
{
	if (!item_number_parse(value, strlen(value), &cli->target)) {
		cli_error(_("--target \"%s\" is not a target number; expected 1 for the task's first target"), value);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static int set_value(struct cli *cli, const char *value)
{
	cli->value = value;
	return EXIT_OK;
}

static int set_by(struct cli *cli, const char *value)
{
	return set_trimmed(&cli->by, &cli->owned_by, value);
}

static int set_year(struct cli *cli, const char *value)
{
	long year;
	if (!text_parse_whole(value, strlen(value), 9999, &year) || year < 1000) {
		cli_error(_("--year \"%s\" is not a year; expected four digits, e.g. 2019"), value);
		return EXIT_USAGE;
	}
	cli->year = (int)year;
	return EXIT_OK;
}

static int set_title(struct cli *cli, const char *value)
{
	cli->title = value;
	return EXIT_OK;
}

static int set_by_unit(struct cli *cli, const char *value)
{
	(void)value;
	cli->by_unit = true;
	return EXIT_OK;
}

static int set_force(struct cli *cli, const char *value)
{
	(void)value;
	cli->force = true;
	return EXIT_OK;
}

static int set_remind(struct cli *cli, const char *value)
{
	long days;
	if (!text_parse_whole(value, strlen(value), 366, &days)) {
		cli_error(_("--remind \"%s\" is not a number of days; expected 0 (no reminder) to 366"), value);
		return EXIT_USAGE;
	}
	cli->remind_days = (unsigned)days;
	return EXIT_OK;
}

static int set_days(struct cli *cli, const char *value)
{
	long days;
	if (!text_parse_whole(value, strlen(value), 366, &days)) {
		cli_error(_("--days \"%s\" is not a number of days; expected 0 to 366"), value);
		return EXIT_USAGE;
	}
	cli->days = (unsigned)days;
	return EXIT_OK;
}

static int set_lang(struct cli *cli, const char *value)
{
	for (int l = 0; language_names[l]; l++)
		if (strcasecmp(value, language_names[l]) == 0) {
			cli->document_language = language_names[l];
			return EXIT_OK;
		}
	cli_error(_("--lang \"%s\" is not a language of duty's documents; expected zh or en"), value);
	return EXIT_USAGE;
}

static int set_all_units(struct cli *cli, const char *value)
{
	(void)value;
	cli->all_units = true;
	return EXIT_OK;
}

/* --- the table ------------------------------------------------------------- */

enum value_kind { NO_VALUE, VALUE, OPTIONAL_VALUE };

struct option_spec {
	const char *name;          /* long name, without -- */
	char short_name;           /* 0 when none */
	enum value_kind takes;
	const char *value;         /* N_(): the value's name in help ("FILE") */
	const char *const *choices;   /* fixed values, for completion; NULL when free */
	const char *help;          /* N_(): for a global option, its help */
	int (*apply)(struct cli *cli, const char *value);
};

static const struct option_spec specs[OPT_COUNT] = {
	[OPT_FILE] = { "file", 'f', VALUE, N_("FILE"), NULL,
		       N_("the plan file (default: $DUTY_FILE, else the working copy\n"
			  "made by `duty init`, else the shipped 2018 plan)"),
		       set_plan },
	[OPT_UNITS] = { "units", 0, VALUE, N_("FILE"), NULL,
			N_("the unit directory (default: units.csv beside the plan)"), set_units },
	[OPT_TODAY] = { "today", 0, VALUE, N_("DATE"), NULL,
			N_("take DATE (YYYY-MM-DD) as today (default: $DUTY_TODAY, else\n"
			   "the system date)"),
			set_today },
	[OPT_FORMAT] = { "format", 0, VALUE, N_("FMT"), format_names,
			 N_("table, csv or json (default: table); export and due also\n"
			    "write ics (iCalendar), export html and md (a duty sheet),\n"
			    "export, due and status xlsx (an Excel workbook)"),
			 set_format },
	[OPT_WIDTH] = { "width", 0, VALUE, N_("N"), NULL,
			N_("fit tables and text to N columns (default: the terminal's\n"
			   "width; no wrapping when the output is not a terminal)"),
			set_width },
	[OPT_ENCODING] = { "encoding", 0, VALUE, N_("E"), encoding_names,
			   N_("read the files as utf-8 or gb18030 (default: detect)"), set_encoding },
	[OPT_RAW] = { "raw", 0, NO_VALUE, NULL, NULL,
		      N_("CSV output as is: no ' before cells a spreadsheet would\n"
			 "run as a formula (=, +, -, @)"),
		      set_raw },
	[OPT_NO_BOM] = { "no-bom", 0, NO_VALUE, NULL, NULL,
			 N_("CSV without the byte order mark that it otherwise starts\n"
			    "with in a file or a pipe (Excel needs it to read UTF-8)"),
			 set_no_bom },
	[OPT_RAW_HEADERS] = { "raw-headers", 0, NO_VALUE, NULL, NULL,
			      N_("CSV headers as duty's English names (id, title, ...),\n"
				 "whatever the interface language"),
			      set_raw_headers },
	[OPT_COLOR] = { "color", 0, OPTIONAL_VALUE, N_("WHEN"), color_names,
			N_("colour tables: auto (a terminal, unless NO_COLOR is set),\n"
			   "always or never; overdue red, due this month yellow, done dim"),
			set_color },
	[OPT_HELP] = { "help", 'h', NO_VALUE, NULL, NULL,
		       N_("this help; `duty help COMMAND` explains one command"), set_help },
	[OPT_VERSION] = { "version", 0, NO_VALUE, NULL, NULL, N_("the version"), set_version },
	[OPT_UNIT] = { "unit", 'u', VALUE, N_("U"), NULL, NULL, set_unit },
	[OPT_DIRECT] = { "direct", 0, NO_VALUE, NULL, NULL, NULL, set_direct },
	[OPT_MONTH] = { "month", 'm', VALUE, N_("MONTH"), NULL, NULL, set_month },
	[OPT_OVERDUE] = { "overdue", 0, NO_VALUE, NULL, NULL, NULL, set_overdue },
	[OPT_OUTPUT] = { "output", 'o', VALUE, N_("FILE"), NULL, NULL, set_output },
	[OPT_ON] = { "on", 0, VALUE, N_("DATE"), NULL, NULL, set_on },
	[OPT_NOTE] = { "note", 0, VALUE, N_("TEXT"), NULL, NULL, set_note },
	[OPT_TARGET] = { "target", 0, VALUE, N_("K"), NULL, NULL, set_target },
	[OPT_VALUE] = { "value", 0, VALUE, N_("N"), NULL, NULL, set_value },
	[OPT_BY] = { "by", 0, VALUE, N_("NAME"), NULL, NULL, set_by },
	[OPT_YEAR] = { "year", 0, VALUE, N_("YYYY"), NULL, NULL, set_year },
	[OPT_TITLE] = { "title", 0, VALUE, N_("TEXT"), NULL, NULL, set_title },
	[OPT_BY_UNIT] = { "by-unit", 0, NO_VALUE, NULL, NULL, NULL, set_by_unit },
	[OPT_FORCE] = { "force", 0, NO_VALUE, NULL, NULL, NULL, set_force },
	[OPT_REMIND] = { "remind", 0, VALUE, N_("DAYS"), NULL, NULL, set_remind },
	[OPT_DAYS] = { "days", 0, VALUE, N_("N"), NULL, NULL, set_days },
	[OPT_LANG] = { "lang", 0, VALUE, N_("L"), language_names, NULL, set_lang },
	[OPT_ALL_UNITS] = { "all-units", 0, NO_VALUE, NULL, NULL, NULL, set_all_units },
};

const char *option_name(enum option_id id)
{
	return specs[id].name;
}

/* --colour is --color spelt the British way. */
enum { CODE_COLOUR = OPT_COUNT, LONG_OPTION_COUNT = OPT_COUNT + 1 };

/* "--unit U", "--color[=WHEN]", "--direct": how an option is written; in
 * help, "-u, --unit U" and "    --direct" (in_help). */
static void option_label(struct strbuf *out, const struct option_spec *spec, bool translate, bool in_help)
{
	const char *value = spec->value ? (translate ? _(spec->value) : spec->value) : NULL;
	if (in_help && spec->short_name)
		strbuf_printf(out, "-%c, ", spec->short_name);
	else if (in_help)
		strbuf_puts(out, "    ");
	strbuf_printf(out, "--%s", spec->name);
	if (spec->takes == VALUE)
		strbuf_printf(out, " %s", value);
	else if (spec->takes == OPTIONAL_VALUE)
		strbuf_printf(out, "[=%s]", value);
}

/* --- parsing ------------------------------------------------------------------ */

static void build_getopt_tables(struct option *longs, char *shorts)
{
	char *s = shorts;
	*s++ = ':';   /* report a missing value as ':' */
	for (int id = 0; id < OPT_COUNT; id++) {
		const struct option_spec *spec = &specs[id];
		int has_arg = spec->takes == VALUE ? required_argument
			      : spec->takes == OPTIONAL_VALUE ? optional_argument : no_argument;
		longs[id] = (struct option){ spec->name, has_arg, NULL, id };
		if (spec->short_name) {
			*s++ = spec->short_name;
			if (spec->takes == VALUE)
				*s++ = ':';
		}
	}
	longs[CODE_COLOUR] = (struct option){ "colour", optional_argument, NULL, OPT_COLOR };
	longs[LONG_OPTION_COUNT] = (struct option){ NULL, 0, NULL, 0 };
	*s = '\0';
}

static int option_of_short(int c)
{
	for (int id = 0; id < OPT_COUNT; id++)
		if (specs[id].short_name == c)
			return id;
	return -1;
}

static int parse_argv(struct cli *cli, int argc, char **argv)
{
	struct option longs[LONG_OPTION_COUNT + 1];
	char shorts[2 * OPT_COUNT + 2];
	build_getopt_tables(longs, shorts);
	opterr = 0;
	optind = 0;   /* glibc: start afresh (the tests parse many command lines) */
	int option;
	while ((option = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		if (option == ':') {
			cli_error(_("%s needs a value; see `duty --help`"), argv[optind - 1]);
			return EXIT_USAGE;
		}
		int id = option >= 0 && option < OPT_COUNT ? option : option_of_short(option);
		if (id < 0) {
			if (optopt && optopt < 256)
				cli_error(_("unknown option -%c; see `duty --help`"), optopt);
			else
				cli_error(_("unknown option %s; see `duty --help`"), argv[optind - 1]);
			return EXIT_USAGE;
		}
		int code = specs[id].apply(cli, optarg);
		if (code != EXIT_OK)
			return code;
		cli->given[id] = true;
	}
	return EXIT_OK;
}

static const struct command_option *command_option(const struct command *command, enum option_id id)
{
	for (const struct command_option *o = command->options; o && o->help; o++)
		if (o->id == id)
			return o;
	return NULL;
}

/* "`duty due`", or "the overview (`duty`)". */
static void command_title(struct strbuf *out, const struct command *command)
{
	if (command->name[0])
		strbuf_printf(out, "`duty %s`", command->name);
	else
		strbuf_puts(out, _("the overview (`duty`)"));
}

static int check_options(const struct cli *cli)
{
	const struct command *command = cli->command;
	const char *help_name = command->name[0] ? command->name : "overview";
	struct strbuf title = STRBUF_INIT, missing = STRBUF_INIT;
	command_title(&title, command);
	int code = EXIT_OK;
	for (int id = OPT_GLOBAL_COUNT; id < OPT_COUNT && code == EXIT_OK; id++)
		if (cli->given[id] && !command_option(command, (enum option_id)id)) {
			cli_error(_("--%s is not an option of %s; see `duty help %s`"), specs[id].name,
				  strbuf_text(&title), help_name);
			code = EXIT_USAGE;
		}
	size_t missing_count = 0;
	for (const struct command_option *o = command->options; code == EXIT_OK && o && o->help; o++) {
		if (!o->required || cli->given[o->id])
			continue;
		if (missing_count++)
			strbuf_puts(&missing, _(" and "));
		option_label(&missing, &specs[o->id], true, false);
	}
	if (missing_count) {
		cli_error(_("%s needs %s"), strbuf_text(&title), strbuf_text(&missing));
		code = EXIT_USAGE;
	}
	strbuf_free(&title);
	strbuf_free(&missing);
	return code;
}

/* The format a file name's extension says: "瑞安.csv" is CSV. */
static bool format_of_extension(const char *path, enum format *format)
{
	static const struct {
		const char *extension;
		enum format format;
	} extensions[] = {
		{ "json", FORMAT_JSON }, { "csv", FORMAT_CSV },       { "ics", FORMAT_ICS },
		{ "html", FORMAT_HTML }, { "htm", FORMAT_HTML },      { "md", FORMAT_MARKDOWN },
		{ "markdown", FORMAT_MARKDOWN }, { "xlsx", FORMAT_XLSX },
	};
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash + 1 : path, '.');
	if (!dot || dot[1] == '\0')
		return false;
	for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++)
		if (strcasecmp(dot + 1, extensions[i].extension) == 0) {
			*format = extensions[i].format;
			return true;
		}
	return false;
}

/* -o FILE without --format takes the format from FILE's extension; with
 * --format, the two must agree. (A command that writes only its table,
 * such as import, gives -o another meaning.) */
static int check_output_format(struct cli *cli)
{
	enum format named;
	if (!cli->output_path || !(cli->command->formats & ~FORMAT_BIT(FORMAT_TABLE))
	    || !format_of_extension(cli->output_path, &named))
		return EXIT_OK;
	if (!cli->format_given) {
		cli->format = named;
		cli->format_given = true;
	} else if (cli->format != named) {
		cli_error(_("--format %s does not match the name %s (a %s file); leave --format out, "
			    "or name the file for its format"),
			  format_names[cli->format], cli->output_path, format_names[named]);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static int check_command_line(struct cli *cli)
{
	const struct command *command = cli->command;
	int code = check_options(cli);
	if (code == EXIT_OK)
		code = check_output_format(cli);
	if (code != EXIT_OK)
		return code;
	const char *help_name = command->name[0] ? command->name : "overview";
	struct strbuf title = STRBUF_INIT;
	command_title(&title, command);
	if (cli->argument_count < command->min_arguments || cli->argument_count > command->max_arguments) {
		if (command->arguments[0])
			cli_error(_("%s takes %s; see `duty help %s`"), strbuf_text(&title), command->arguments,
				  help_name);
		else
			cli_error(_("%s takes no argument; see `duty help %s`"), strbuf_text(&title), help_name);
		code = EXIT_USAGE;
	} else if (cli->format_given && !(command->formats & FORMAT_BIT(cli->format))) {
		cli_error(_("%s does not write %s"), strbuf_text(&title), format_names[cli->format]);
		code = EXIT_USAGE;
	}
	if (code == EXIT_OK && cli->format == FORMAT_XLSX && !cli->output_path && isatty(STDOUT_FILENO)) {
		cli_error(_("a workbook is not for the terminal: write it to a file with -o FILE.xlsx"));
		code = EXIT_USAGE;
	}
	strbuf_free(&title);
	return code;
}

int options_parse(struct cli *cli, int argc, char **argv)
{
	int code = parse_argv(cli, argc, argv);
	if (code != EXIT_OK || cli->version)
		return code;
	char **positional = argv + optind;
	int positional_count = argc - optind;
	cli->command = &command_overview;
	if (positional_count > 0) {
		cli->command = commands_find(positional[0], &code);
		if (!cli->command)
			return code;
		cli->command_given = true;
		positional++;
		positional_count--;
	}
	cli->arguments = positional;
	cli->argument_count = positional_count;
	return cli->help ? EXIT_OK : check_command_line(cli);
}

static size_t terminal_width(void)
{
	if (!isatty(STDOUT_FILENO))
		return 0;
	struct winsize size;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
		return size.ws_col;
	size_t width;
	const char *columns = getenv("COLUMNS");
	if (columns && parse_width(columns, &width) && width > 0)
		return width;
	return 80;
}

int options_finish(struct cli *cli)
{
	if (!cli->given[OPT_REMIND])
		cli->remind_days = 7;
	if (!cli->given[OPT_DAYS])
		cli->days = 14;
	if (!cli->today) {
		const char *from_environment = getenv("DUTY_TODAY");
		if (from_environment && *from_environment) {
			if (!date_parse(from_environment, strlen(from_environment), &cli->today)) {
				cli_error(_("DUTY_TODAY \"%s\" is not a valid date; expected YYYY-MM-DD"),
					  from_environment);
				return EXIT_USAGE;
			}
		} else {
			cli->today = date_today();
		}
	}
	options_finish_width(cli);
	/* auto: a terminal, unless NO_COLOR is set (https://no-color.org). */
	const char *no_color = getenv("NO_COLOR");
	cli->color = cli->color_choice == COLOR_ALWAYS
		     || (cli->color_choice == COLOR_AUTO && isatty(STDOUT_FILENO) && !(no_color && *no_color));
	return EXIT_OK;
}

void options_finish_width(struct cli *cli)
{
	if (!cli->width_given)
		cli->width = terminal_width();
}

/* --- help and completion ------------------------------------------------------ */

void options_usage(struct strbuf *out, const struct command *command)
{
	for (int required = 1; required >= 0; required--)
		for (const struct command_option *o = command->options; o && o->help; o++) {
			if (o->required != (required == 1))
				continue;
			strbuf_puts(out, required ? " " : " [");
			option_label(out, &specs[o->id], true, false);
			if (!required)
				strbuf_putc(out, ']');
		}
}

/* The help column: two spaces after the widest label, at least 20. */
static size_t help_column(const enum option_id *ids, size_t count)
{
	size_t column = 20;
	struct strbuf label = STRBUF_INIT;
	for (size_t i = 0; i < count; i++) {
		strbuf_clear(&label);
		option_label(&label, &specs[ids[i]], false, true);
		if (2 + text_width(strbuf_text(&label)) + 2 > column)
			column = 2 + text_width(strbuf_text(&label)) + 2;
	}
	strbuf_free(&label);
	return column;
}

static void print_option(FILE *out, const struct option_spec *spec, const char *help, size_t column)
{
	struct strbuf line = STRBUF_INIT;
	strbuf_puts(&line, "  ");
	option_label(&line, spec, true, true);
	size_t width = text_width(strbuf_text(&line));
	strbuf_spaces(&line, width < column ? column - width : 1);
	/* Lines after the first start at the help column. */
	for (const char *text = _(help); *text;) {
		const char *end = strchr(text, '\n');
		size_t length = end ? (size_t)(end - text) : strlen(text);
		strbuf_append(&line, text, length);
		strbuf_putc(&line, '\n');
		text += length + (end != NULL);
		if (*text)
			strbuf_spaces(&line, column);
	}
	fputs(strbuf_text(&line), out);
	strbuf_free(&line);
}

void options_print_help(FILE *out, const struct command *command)
{
	enum option_id ids[OPT_COUNT];
	const char *helps[OPT_COUNT];
	size_t count = 0;
	if (!command) {
		for (int id = 0; id < OPT_GLOBAL_COUNT; id++) {
			ids[count] = (enum option_id)id;
			helps[count++] = specs[id].help;
		}
	} else {
		for (const struct command_option *o = command->options; o && o->help; o++) {
			ids[count] = o->id;
			helps[count++] = o->help;
		}
	}
	/* The global options keep the usual column 20; --color[=WHEN] runs past it. */
	size_t column = command ? help_column(ids, count) : 20;
	for (size_t i = 0; i < count; i++)
		print_option(out, &specs[ids[i]], helps[i], column);
}

void options_print_names(FILE *out, const struct command *command)
{
	for (int id = 0; id < OPT_COUNT; id++)
		if (id < OPT_GLOBAL_COUNT || !command || command_option(command, (enum option_id)id))
			fprintf(out, "--%s\n", specs[id].name);
}

void options_print_taking_values(FILE *out)
{
	for (int id = 0; id < OPT_COUNT; id++) {
		if (specs[id].takes != VALUE)
			continue;
		fprintf(out, "--%s\n", specs[id].name);
		if (specs[id].short_name)
			fprintf(out, "-%c\n", specs[id].short_name);
	}
}

bool options_print_values(FILE *out, const char *name)
{
	while (*name == '-')
		name++;
	for (int id = 0; id < OPT_COUNT; id++) {
		if (strcmp(specs[id].name, name) != 0 && !(specs[id].short_name == name[0] && !name[1]))
			continue;
		for (size_t i = 0; specs[id].choices && specs[id].choices[i]; i++)
			fprintf(out, "%s\n", specs[id].choices[i]);
		return true;
	}
	return false;
}
