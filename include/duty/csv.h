/*
 * csv.h - CSV output: RFC 4180 records and the guard against formulas.
 */
#ifndef DUTY_CSV_H
#define DUTY_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Writes one record, quoting fields that need it, ending with LF. Unless
 * raw, a field a spreadsheet would run as a formula gets a leading '. */
void csv_write_record(FILE *out, const char *const *fields, size_t count, bool raw);


#endif
