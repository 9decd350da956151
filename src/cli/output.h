/*
 * output.h - talking to the user: errors on stderr, the problems of a data
 * file, one out-of-memory policy, and output that is checked before the
 * exit code says it was written.
 */
#ifndef DUTY_OUTPUT_H
#define DUTY_OUTPUT_H

#include "cli/cli.h"
#include "duty/diag.h"
#include "duty/table.h"

/* "duty: message" on stderr. Every message passes the one terminal
 * sanitizer (text_sanitize_terminal), so data it quotes cannot drive the
 * terminal. */
void cli_error(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* Says that duty ran out of memory; returns EXIT_NO_MEMORY. */
int cli_out_of_memory(void);

/* Whether memory ran out anywhere in this run: cli->out_of_memory, a strbuf
 * that could not grow, an allocation of cJSON's. What was built may lack
 * text, so no file is written and the run ends as out of memory. */
bool cli_memory_ran_out(const struct cli *cli);

/* Prints the problems kept in diag ("duty: FILE:LINE:COLUMN: message"),
 * and how many more there were. */
void cli_print_problems(const struct diagnostics *diag);
/* The same for a failed step on file; returns code, or EXIT_NO_MEMORY
 * (saying so) when memory ran out. For bad data (EXIT_DATA) it says how
 * to see every problem of the file. */
int cli_report_problems(const struct diagnostics *diag, const char *file, int code);

/* Prints a table on the command's output, or adds it to the workbook as a
 * sheet named style->name (else cli->sheet_name); a failure is remembered
 * and cli_finish_output reports it. */
void cli_print_table(struct cli *cli, const struct table *table, const struct table_style *style);

/* Starts CSV output with its header: a UTF-8 byte order mark first when
 * the output is a file or a pipe (Excel reads UTF-8 only with it), unless
 * --no-bom; the names in the interface language unless --raw-headers
 * (they are marked NC_("CSV header", ...)). */
void cli_csv_header(const struct cli *cli, const char *const *names, size_t count);

/* Table style for this command line: width, colour. */
struct table_style cli_table_style(const struct cli *cli, size_t indent, bool header);

/* Sends output to cli->output_path when given: collected in memory, and
 * written by cli_finish_output through the one atomic writer
 * (file_replace: whole or not at all, through symbolic links, straight to
 * a device such as /dev/stdout). For --format xlsx it also starts the
 * workbook (cli->book): tables printed with cli_print_table become its
 * sheets, other text goes nowhere, and cli_finish_output writes the
 * workbook's bytes to the output. Returns EXIT_OUTPUT (after saying why)
 * on failure. */
int cli_open_output(struct cli *cli);

/* Flushes and checks the output; for -o, writes the file when code is
 * EXIT_OK, and leaves it as it was otherwise. Returns code,
 * EXIT_NO_MEMORY when printing ran out of memory, or EXIT_OUTPUT when the
 * output was not written. */
int cli_finish_output(struct cli *cli, int code);

#endif
