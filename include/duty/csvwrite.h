/*
 * csvwrite.h - writing CSV fields (RFC 4180).
 */
#ifndef DUTY_CSVWRITE_H
#define DUTY_CSVWRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "duty/strbuf.h"

/* A CSV field needs quotes when it holds a comma, a quote or a line
 * break, or starts or ends with a space (some readers trim those). */
bool csv_field_needs_quotes(const char *field, size_t length);
/* Appends field as one CSV field: as it is, or quoted with quotes doubled. */
void strbuf_put_csv_field(struct strbuf *buffer, const char *field, size_t length);

#endif
