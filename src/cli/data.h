/*
 * data.h - the plan and unit directory a command works on: which files
 * (-f, DUTY_FILE, the working copy, the shipped plan; --units, else
 * units.csv beside the plan) and loading what the command needs.
 */
#ifndef DUTY_DATA_H
#define DUTY_DATA_H

#include "cli/cli.h"

/* Decides cli->plan_path and cli->units_path and loads what
 * cli->command->needs, saying why on stderr when it cannot. Returns an
 * exit code. */
int data_load(struct cli *cli);

/* Frees what data_load loaded or allocated. */
void data_free(struct cli *cli);

#endif
