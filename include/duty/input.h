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
	char *data;              /* UTF-8 text, BOM removed; NUL-terminated unless mapped */
	size_t size;
	char *mapping;           /* a read-only mapping of the file data is in, or NULL */
	size_t mapping_size;
	size_t released;         /* bytes of the mapping given back (input_release) */
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

/* The same for one reader that goes through the text once, front to back
 * (the plan loader): a UTF-8 file of at least INPUT_MAP_FROM bytes is
 * mapped, not copied, and never written; its text is then not
 * NUL-terminated. The reader keeps what it needs of a row as a copy and
 * calls input_release with the offset it has read up to, so a plan of
 * any size is never resident whole (docs/design.md, "The plan keeps what
 * it reads"). A smaller file is read, which costs less than a mapping. */
#ifndef DUTY_INPUT_MAP_FROM
#define DUTY_INPUT_MAP_FROM (1 << 20)   /* the fuzz build maps every file (1), so that path is fuzzed */
#endif
enum { INPUT_MAP_FROM = DUTY_INPUT_MAP_FROM, INPUT_RELEASE_STEP = 1 << 20 };
bool input_map_file(const char *path, enum encoding encoding, struct input *input, struct diagnostics *diag);
/* Gives back the mapped pages before offset (nothing for a read input).
 * Reading them again still works: they come back from the page cache. */
void input_release(struct input *input, size_t offset);

/* Same checks on bytes already in memory (copied). */
bool input_from_bytes(const char *name, const char *bytes, size_t size, enum encoding encoding,
		      struct input *input, struct diagnostics *diag);

void input_free(struct input *input);

/* 1-based line number of a byte offset. */
long input_line_of(const char *data, size_t offset);

#endif
