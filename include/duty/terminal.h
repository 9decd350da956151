/*
 * terminal.h - a stream that shows text on a terminal safely: every byte
 * written to it passes through text_sanitize_terminal (duty/text.h), so
 * field text cannot send escape sequences, bidirectional overrides or
 * other controls to the terminal. The CLI writes its tables, messages and
 * confirmations through one; JSON, CSV and the other file formats are
 * written exactly.
 */
#ifndef DUTY_TERMINAL_H
#define DUTY_TERMINAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* A stream writing sanitized text to descriptor (fclose flushes it and
 * leaves the descriptor open); NULL when out of memory. Buffered unless
 * !buffered. With a width (0: none), a line wider than it is wrapped:
 * continuation lines start under the line's text (text_column). */
FILE *terminal_open(int descriptor, bool buffered, size_t width);

/* Writes one of duty's own control sequences (the colours of table rows)
 * to stream: past the sanitizer when stream is a terminal stream, as it
 * is otherwise. */
void terminal_control(FILE *stream, const char *sequence);

#endif
