/*
 * main.c - options, the command table, and loading the data a command
 * needs. Global options may stand before or after the command (getopt_long
 * permutes); each command says which of the command options it accepts.
 */
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/cli.h"
#include "duty/load.h"
#include "duty/text.h"

#ifndef DUTY_VERSION
#define DUTY_VERSION "0.1.0"
#endif
#ifndef DUTY_DATADIR
#define DUTY_DATADIR "/usr/local/share/duty"
#endif
#ifndef DUTY_LOCALEDIR
#define DUTY_LOCALEDIR "/usr/local/share/locale"
#endif

#define SHIPPED_PLAN "tasks_2018.csv"

static const struct command *const commands[] = {
	&command_list,   &command_show,   &command_due,  &command_status, &command_done,
	&command_undo,   &command_report, &command_log,  &command_units,  &command_export,
	&command_check,  &command_init,   &command_help, NULL,
};

const struct command *const *cli_commands(void)
{
	return commands;
}

enum option_code {
	CODE_UNITS_FILE = 1000,
	CODE_TODAY,
	CODE_FORMAT,
	CODE_WIDTH,
	CODE_DIRECT,
	CODE_OVERDUE,
	CODE_VERSION,
	CODE_ENCODING,
	CODE_RAW,
	CODE_ON,
	CODE_NOTE,
	CODE_TARGET,
	CODE_VALUE,
	CODE_BY,
	CODE_COLOR,
};

static const struct option long_options[] = {
	{ "file", required_argument, NULL, 'f' },
	{ "units", required_argument, NULL, CODE_UNITS_FILE },
	{ "today", required_argument, NULL, CODE_TODAY },
	{ "format", required_argument, NULL, CODE_FORMAT },
	{ "width", required_argument, NULL, CODE_WIDTH },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, CODE_VERSION },
	{ "unit", required_argument, NULL, 'u' },
	{ "direct", no_argument, NULL, CODE_DIRECT },
	{ "month", required_argument, NULL, 'm' },
	{ "overdue", no_argument, NULL, CODE_OVERDUE },
	{ "output", required_argument, NULL, 'o' },
	{ "encoding", required_argument, NULL, CODE_ENCODING },
	{ "raw", no_argument, NULL, CODE_RAW },
	{ "on", required_argument, NULL, CODE_ON },
	{ "note", required_argument, NULL, CODE_NOTE },
	{ "target", required_argument, NULL, CODE_TARGET },
	{ "value", required_argument, NULL, CODE_VALUE },
	{ "by", required_argument, NULL, CODE_BY },
	{ "color", optional_argument, NULL, CODE_COLOR },
	{ "colour", optional_argument, NULL, CODE_COLOR },
	{ NULL, 0, NULL, 0 },
};

static const struct {
	unsigned flag;
	const char *name;
} option_names[] = {
	{ OPTION_UNIT, "--unit" },       { OPTION_DIRECT, "--direct" },
	{ OPTION_MONTH, "--month" },     { OPTION_OVERDUE, "--overdue" },
	{ OPTION_OUTPUT, "--output" },   { OPTION_ON, "--on" },
	{ OPTION_NOTE, "--note" },       { OPTION_TARGET, "--target" },
	{ OPTION_VALUE, "--value" },
};

static const char *const format_names[FORMAT_COUNT] = { "table", "csv", "json", "ics", "html", "md" };

void cli_print_usage(FILE *out)
{
	fputs(_("duty - track a responsibility table (责任分工一览表): who must do what, by when\n"
		"\n"
		"Usage: duty [OPTIONS] [COMMAND] [ARGUMENTS]\n"
		"\n"
		"Commands:\n"
		"  (none)    the overview: counts, deadlines by month, due this month, overdue\n"),
	      out);
	for (size_t i = 0; commands[i]; i++)
		fprintf(out, "  %-9s %s\n", commands[i]->name, _(commands[i]->summary));
	fputs(_("\n"
		"Options (before or after the command):\n"
		"  -f, --file FILE   the plan file (default: $DUTY_FILE, else the working copy\n"
		"                    made by `duty init`, else the shipped 2018 plan)\n"
		"      --units FILE  the unit directory (default: units.csv beside the plan)\n"
		"      --today DATE  take DATE (YYYY-MM-DD) as today (default: $DUTY_TODAY, else\n"
		"                    the system date)\n"
		"      --format FMT  table, csv or json (default: table); export and due also\n"
		"                    write ics (iCalendar), export html and md (a duty sheet)\n"
		"      --width N     wrap tables to N columns (default: the terminal's width;\n"
		"                    no wrapping when the output is not a terminal)\n"
		"      --encoding E  read the files as utf-8 or gb18030 (default: detect)\n"
		"      --raw         CSV output as is: no ' before cells a spreadsheet would\n"
		"                    run as a formula (=, +, -, @)\n"
		"      --by NAME     who records progress (default: $USER)\n"
		"      --color[=WHEN] colour tables: auto (a terminal, unless NO_COLOR is set),\n"
		"                    always or never; overdue red, due this month yellow, done dim\n"
		"  -h, --help        this help; `duty help COMMAND` explains one command\n"
		"      --version     the version\n"
		"\n"
		"Exit codes: 0 done, 1 `duty check` found errors, 2 bad command line, 3 a data\n"
		"file cannot be read or is invalid, 4 no such task or unit, 5 the output could\n"
		"not be written.\n"),
	      out);
}

void cli_print_command_help(const struct command *command, FILE *out)
{
	fprintf(out, _("Usage: duty%s%s%s%s\n\n%s\n"), command->name[0] ? " " : "", command->name,
		command->arguments[0] ? " " : "", command->arguments, _(command->summary));
	if (command->help[0])
		fprintf(out, "\n%s", _(command->help));
	fputs(_("\nGlobal options: -f FILE, --units FILE, --today DATE, --format FORMAT, --width N,\n"
		"--color[=WHEN], --encoding utf-8|gb18030, --raw, --by NAME (see `duty --help`).\n"),
	      out);
}

const struct command *cli_find_command(const char *name, int *code)
{
	if (strcmp(name, "overview") == 0)
		return &command_overview;
	const struct command *found = NULL;
	size_t matches = 0, length = strlen(name);
	for (size_t i = 0; commands[i]; i++) {
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
		if (strncmp(commands[i]->name, name, length) == 0) {
			found = commands[i];
			matches++;
		}
	}
	if (matches == 1)
		return found;
	if (matches > 1) {
		struct strbuf names;
		strbuf_init(&names);
		for (size_t i = 0; commands[i]; i++)
			if (strncmp(commands[i]->name, name, length) == 0) {
				strbuf_puts(&names, names.length ? ", " : "");
				strbuf_puts(&names, commands[i]->name);
			}
		cli_error(_("ambiguous command \"%s\": it could be %s"), name, strbuf_text(&names));
		strbuf_free(&names);
	} else {
		cli_error(_("unknown command \"%s\"; run `duty --help` for the list of commands"), name);
	}
	*code = EXIT_USAGE;
	return NULL;
}

static bool parse_width(const char *text, size_t *width)
{
	long value;
	if (!text_parse_whole(text, strlen(text), 100000, &value))
		return false;
	*width = (size_t)value;
	return true;
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

static bool file_exists(const char *path)
{
	return access(path, R_OK) == 0;
}

/* The shipped plan: beside the binary in a build tree (build/../data), in
 * an installed tree (bin/../share/duty), or at the configured DATADIR. */
/* The directory of the running binary, or NULL. */
static char *binary_directory(void)
{
	char exe[PATH_MAX];
	ssize_t length = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (length <= 0)
		return NULL;
	exe[length] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return strdup(exe);
}

void i18n_init(void)
{
	setlocale(LC_ALL, "");
	/* Numbers are read and written with a decimal point whatever the locale. */
	setlocale(LC_NUMERIC, "C");
	char *directory = binary_directory();
	const char *chosen = DUTY_LOCALEDIR;
	struct strbuf path;
	strbuf_init(&path);
	static const char *const relative[] = { "/locale", "/../share/locale" };
	for (size_t i = 0; directory && i < 2; i++) {
		strbuf_clear(&path);
		strbuf_printf(&path, "%s%s/zh_CN/LC_MESSAGES/duty.mo", directory, relative[i]);
		if (!path.failed && access(path.data, R_OK) == 0) {
			strbuf_clear(&path);
			strbuf_printf(&path, "%s%s", directory, relative[i]);
			chosen = path.data;
			break;
		}
	}
	bindtextdomain("duty", chosen);
	bind_textdomain_codeset("duty", "UTF-8");
	textdomain("duty");
	strbuf_free(&path);
	free(directory);
}

char *cli_shipped_plan_path(void)
{
	char *directory = binary_directory();
	static const char *const relative[] = { "/../data/", "/../share/duty/" };
	for (size_t i = 0; directory && i < 2; i++) {
		struct strbuf path;
		strbuf_init(&path);
		strbuf_printf(&path, "%s%s%s", directory, relative[i], SHIPPED_PLAN);
		if (!path.failed && file_exists(path.data)) {
			/* Shown in messages: say data/tasks_2018.csv, not build/../data. */
			char *canonical = realpath(path.data, NULL);
			free(directory);
			if (canonical) {
				strbuf_free(&path);
				return canonical;
			}
			return path.data;
		}
		strbuf_free(&path);
	}
	free(directory);
	return strdup(DUTY_DATADIR "/" SHIPPED_PLAN);
}

char *cli_working_directory(void)
{
	struct strbuf path;
	strbuf_init(&path);
	const char *data_home = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	if (data_home && data_home[0] == '/')
		strbuf_printf(&path, "%s/duty", data_home);
	else if (home && *home)
		strbuf_printf(&path, "%s/.local/share/duty", home);
	else
		return NULL;
	if (path.failed) {
		strbuf_free(&path);
		return NULL;
	}
	return path.data;
}

/* The working copy's plan, when `duty init` has made one. */
static char *working_plan_path(void)
{
	char *directory = cli_working_directory();
	if (!directory)
		return NULL;
	struct strbuf file;
	strbuf_init(&file);
	strbuf_printf(&file, "%s/%s", directory, SHIPPED_PLAN);
	free(directory);
	if (file.failed || !file_exists(file.data)) {
		strbuf_free(&file);
		return NULL;
	}
	return file.data;
}

char *cli_sibling_path(const char *path, const char *name)
{
	const char *slash = strrchr(path, '/');
	struct strbuf result;
	strbuf_init(&result);
	if (slash)
		strbuf_append(&result, path, (size_t)(slash - path + 1));
	strbuf_puts(&result, name);
	if (result.failed) {
		strbuf_free(&result);
		return NULL;
	}
	return result.data;
}

/* Finds the plan (and units) paths; returns false when out of memory. */
static bool find_data(struct cli *cli, char **owned_plan_path, char **owned_units_path)
{
	if (!cli->plan_path) {
		const char *from_environment = getenv("DUTY_FILE");
		if (from_environment && *from_environment) {
			cli->plan_path = from_environment;
		} else {
			*owned_plan_path = working_plan_path();
			if (!*owned_plan_path) {
				*owned_plan_path = cli_shipped_plan_path();
				cli->plan_is_shipped = true;
			}
			cli->plan_path = *owned_plan_path;
		}
	}
	if (!cli->units_path) {
		*owned_units_path = cli_sibling_path(cli->plan_path, "units.csv");
		cli->units_path = *owned_units_path;
	}
	return cli->plan_path && cli->units_path;
}

static int load_data(struct cli *cli)
{
	struct diagnostics diag;
	diagnostics_init(&diag, 5);
	struct load_options options = { .encoding = cli->encoding };
	cli->units = units_load(cli->units_path, &options, &diag);
	const char *failed = cli->units_path;
	if (cli->units) {
		cli->plan = plan_load(cli->plan_path, cli->units, &options, &diag);
		failed = cli->plan_path;
	}
	int code = EXIT_OK;
	if (!cli->units || !cli->plan) {
		cli_report_problems(&diag, failed);
		code = EXIT_DATA;
	}
	diagnostics_free(&diag);
	return code;
}

enum color_choice { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

static int parse_options(struct cli *cli, int argc, char **argv, unsigned *given, bool *width_given,
			 enum color_choice *color, bool *help, bool *version)
{
	opterr = 0;
	int option;
	while ((option = getopt_long(argc, argv, ":f:u:m:o:h", long_options, NULL)) != -1) {
		switch (option) {
		case 'f':
			cli->plan_path = optarg;
			break;
		case CODE_UNITS_FILE:
			cli->units_path = optarg;
			break;
		case CODE_TODAY:
			if (!date_parse(optarg, strlen(optarg), &cli->today)) {
				cli_error(_("--today \"%s\" is not a valid date; expected YYYY-MM-DD, e.g. 2018-10-15"),
					  optarg);
				return EXIT_USAGE;
			}
			break;
		case CODE_FORMAT: {
			bool known = false;
			for (int f = 0; f < FORMAT_COUNT; f++)
				if (strcmp(optarg, format_names[f]) == 0) {
					cli->format = (enum format)f;
					known = true;
				}
			if (!known) {
				cli_error(_("--format \"%s\" is not a format; expected table, csv, json, ics, html "
					    "or md"),
					  optarg);
				return EXIT_USAGE;
			}
			cli->format_given = true;
			break;
		}
		case CODE_WIDTH:
			if (!parse_width(optarg, &cli->width)) {
				cli_error(_("--width \"%s\" is not a number of columns"), optarg);
				return EXIT_USAGE;
			}
			*width_given = true;
			break;
		case CODE_ENCODING:
			if (!encoding_parse(optarg, &cli->encoding)) {
				cli_error(_("--encoding \"%s\" is not an encoding duty reads; expected utf-8 or gb18030"),
					  optarg);
				return EXIT_USAGE;
			}
			break;
		case CODE_RAW:
			cli->raw = true;
			break;
		case CODE_ON:
			if (!date_parse(optarg, strlen(optarg), &cli->on)) {
				cli_error(_("--on \"%s\" is not a valid date; expected YYYY-MM-DD"), optarg);
				return EXIT_USAGE;
			}
			cli->on_given = true;
			*given |= OPTION_ON;
			break;
		case CODE_NOTE:
			cli->note = optarg;
			*given |= OPTION_NOTE;
			break;
		case CODE_TARGET: {
			long target;
			if (!text_parse_whole(optarg, strlen(optarg), ITEM_NUMBER_MAX, &target) || target < 1) {
				cli_error(_("--target \"%s\" is not a target number; expected 1 for the task's "
					    "first target"),
					  optarg);
				return EXIT_USAGE;
			}
			cli->target = (unsigned)target;
			*given |= OPTION_TARGET;
			break;
		}
		case CODE_VALUE:
			cli->value = optarg;
			*given |= OPTION_VALUE;
			break;
		case CODE_BY:
			cli->by = optarg;
			break;
		case CODE_COLOR:
			if (!optarg || strcmp(optarg, "always") == 0)
				*color = COLOR_ALWAYS;
			else if (strcmp(optarg, "never") == 0)
				*color = COLOR_NEVER;
			else if (strcmp(optarg, "auto") == 0)
				*color = COLOR_AUTO;
			else {
				cli_error(_("--color=%s is not a choice; expected auto, always or never"), optarg);
				return EXIT_USAGE;
			}
			break;
		case 'h':
			*help = true;
			break;
		case CODE_VERSION:
			*version = true;
			break;
		case 'u':
			cli->unit_query = optarg;
			*given |= OPTION_UNIT;
			break;
		case CODE_DIRECT:
			cli->direct = true;
			*given |= OPTION_DIRECT;
			break;
		case 'm':
			if (!month_parse(optarg, strlen(optarg), &cli->month)) {
				cli_error(_("--month \"%s\" is not a month; expected YYYY-MM, e.g. 2018-10"), optarg);
				return EXIT_USAGE;
			}
			cli->month_given = true;
			*given |= OPTION_MONTH;
			break;
		case CODE_OVERDUE:
			cli->overdue = true;
			*given |= OPTION_OVERDUE;
			break;
		case 'o':
			cli->output_path = optarg;
			*given |= OPTION_OUTPUT;
			break;
		case ':':
			cli_error(_("%s needs a value; see `duty --help`"), argv[optind - 1]);
			return EXIT_USAGE;
		default:
			if (optopt && optopt < 256)
				cli_error(_("unknown option -%c; see `duty --help`"), optopt);
			else
				cli_error(_("unknown option %s; see `duty --help`"), argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	return EXIT_OK;
}

static int check_command_line(struct cli *cli, unsigned given)
{
	const struct command *command = cli->command;
	for (size_t i = 0; i < sizeof option_names / sizeof option_names[0]; i++) {
		if ((given & option_names[i].flag) && !(command->options & option_names[i].flag)) {
			cli_error(_("%s is not an option of `duty %s`; see `duty help %s`"), option_names[i].name,
				  command->name[0] ? command->name : "", command->name[0] ? command->name : "");
			return EXIT_USAGE;
		}
	}
	if (cli->argument_count < command->min_arguments || cli->argument_count > command->max_arguments) {
		cli_error(_("`duty %s` takes %s%s; see `duty help %s`"), command->name,
			  command->arguments[0] ? "the argument " : "no argument", command->arguments,
			  command->name);
		return EXIT_USAGE;
	}
	if (cli->format_given && !(command->formats & (1u << cli->format))) {
		cli_error(_("`duty %s` does not write %s"), command->name[0] ? command->name : "(overview)",
			  format_names[cli->format]);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	i18n_init();
	struct cli cli = { .program = "duty", .out = stdout };
	unsigned given = 0;
	bool width_given = false, help = false, version = false;
	enum color_choice color = COLOR_AUTO;
	int code = parse_options(&cli, argc, argv, &given, &width_given, &color, &help, &version);
	if (code != EXIT_OK)
		return code;
	if (version) {
		printf("duty %s\n", DUTY_VERSION);
		return EXIT_OK;
	}

	char **positional = argv + optind;
	int positional_count = argc - optind;
	cli.command = &command_overview;
	if (positional_count > 0) {
		cli.command = cli_find_command(positional[0], &code);
		if (!cli.command)
			return code;
		positional++;
		positional_count--;
	}
	if (help) {
		if (cli.command == &command_overview)
			cli_print_usage(stdout);
		else
			cli_print_command_help(cli.command, stdout);
		return cli_finish_output(&cli, EXIT_OK);
	}
	cli.arguments = positional;
	cli.argument_count = positional_count;
	code = check_command_line(&cli, given);
	if (code != EXIT_OK)
		return code;

	if (!cli.today) {
		const char *from_environment = getenv("DUTY_TODAY");
		if (from_environment && *from_environment) {
			if (!date_parse(from_environment, strlen(from_environment), &cli.today)) {
				cli_error(_("DUTY_TODAY \"%s\" is not a valid date; expected YYYY-MM-DD"),
					  from_environment);
				return EXIT_USAGE;
			}
		} else {
			cli.today = date_today();
		}
	}
	if (!width_given)
		cli.width = terminal_width();
	/* auto: a terminal, unless NO_COLOR is set (https://no-color.org). */
	const char *no_color = getenv("NO_COLOR");
	cli.color = color == COLOR_ALWAYS
		    || (color == COLOR_AUTO && isatty(STDOUT_FILENO) && !(no_color && *no_color));

	char *owned_plan_path = NULL, *owned_units_path = NULL;
	cli.units_given = cli.units_path != NULL;
	if (!find_data(&cli, &owned_plan_path, &owned_units_path)) {
		cli_error(_("out of memory"));
		code = EXIT_DATA;
	}
	if (code == EXIT_OK && cli.command->loads_data)
		code = load_data(&cli);
	if (code == EXIT_OK)
		code = cli.command->run(&cli);
	plan_free(cli.plan);
	units_free(cli.units);
	free(owned_plan_path);
	free(owned_units_path);
	return code;
}
