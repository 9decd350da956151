/*
 * input.h - the edge where bytes from disk become text. A file is read
 * whole, its byte order mark removed, and checked once: valid UTF-8, no
 * NUL byte, no carriage return outside a CRLF pair. Everything behind this
 * edge may assume clean UTF-8.
 */
#ifndef DUTY_INPUT_H
#define DUTY_INPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "duty/diag.h"

struct input {
	char *data;        /* UTF-8 text, BOM removed, NUL-terminated */
	size_t size;
	bool had_bom;
	bool crlf;         /* the first line ends with CRLF */
};

/* Reads and checks a file; on failure reports in diag and returns false. */
bool input_read_file(const char *path, struct input *input, struct diagnostics *diag);

/* Same checks on bytes already in memory (copied). */
bool input_from_bytes(const char *name, const char *bytes, size_t size, struct input *input,
		      struct diagnostics *diag);

void input_free(struct input *input);

/* 1-based line number of a byte offset. */
long input_line_of(const char *data, size_t offset);

#endif
