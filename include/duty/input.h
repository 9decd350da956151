/*
 * input.h - the edge where bytes from disk become text. A file is read
 * whole and checked once: no NUL byte, no carriage return outside a CRLF
 * pair, and a known encoding. Detection goes: a UTF-8 byte order mark,
 * then valid UTF-8, then GB18030 (what Chinese Excel and WPS save as
 * "CSV"; a superset of GBK), converted to UTF-8 with iconv. Everything
 * behind this edge may assume clean UTF-8.
 */
#ifndef DUTY_INPUT_H
#define DUTY_INPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "duty/diag.h"

enum encoding { ENCODING_AUTO, ENCODING_UTF8, ENCODING_GB18030 };

/* How the loaders read a file. Zero-initialised: detect the encoding,
 * check what every command needs. */
struct load_options {
	enum encoding encoding;
	bool thorough;           /* also warn about data that disagrees with itself */
};

struct input {
	char *data;              /* UTF-8 text, BOM removed, NUL-terminated */
	size_t size;
	enum encoding encoding;  /* what the file was in */
	bool had_bom;
	bool crlf;               /* the first line ends with CRLF */
};

/* "utf-8"/"utf8" or "gb18030"/"gbk"; false for anything else. */
bool encoding_parse(const char *name, enum encoding *encoding);
const char *encoding_name(enum encoding encoding);

/* Reads and checks a file; on failure reports in diag and returns false.
 * ENCODING_AUTO detects; the others force the encoding, except that a
 * file starting with a UTF-8 byte order mark is always UTF-8. */
bool input_read_file(const char *path, enum encoding encoding, struct input *input,
		     struct diagnostics *diag);

/* Same checks on bytes already in memory (copied). */
bool input_from_bytes(const char *name, const char *bytes, size_t size, enum encoding encoding,
		      struct input *input, struct diagnostics *diag);

void input_free(struct input *input);

/* 1-based line number of a byte offset. */
long input_line_of(const char *data, size_t offset);

#endif
