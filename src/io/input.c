/*
 * input.c - reading files whole, checking their bytes, and converting
 * GB18030 to UTF-8.
 *
 * The checks for NUL and lone CR run on the raw bytes, in the same pass as
 * the UTF-8 check (base/utf8.c's text_scan): in GB18030, as in UTF-8,
 * bytes below 0x30 only ever stand for themselves, so the CSV syntax and
 * line structure are the same before and after conversion.
 */
#include "duty/input.h"
#include "duty/utf8.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#include "duty/safefile.h"
#include "duty/text.h"
#include "duty/i18n.h"

bool encoding_parse(const char *name, enum encoding *encoding)
{
	static const struct {
		const char *name;
		enum encoding encoding;
	} names[] = {
		{ "utf-8", ENCODING_UTF8 },     { "utf8", ENCODING_UTF8 },  { "gb18030", ENCODING_GB18030 },
		{ "gbk", ENCODING_GB18030 },    { "gb2312", ENCODING_GB18030 },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcasecmp(name, names[i].name) == 0) {
			*encoding = names[i].encoding;
			return true;
		}
	}
	return false;
}

const char *encoding_name(enum encoding encoding)
{
	return encoding == ENCODING_GB18030 ? "GB18030" : "UTF-8";
}

long input_line_of(const char *data, size_t offset)
{
	long line = 1;
	const char *end = data + offset;
	for (const char *p = data; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
		line++;
	return line;
}

/* Counts valid multi-byte UTF-8 characters in data[0..length). */
static size_t count_multibyte(const char *data, size_t length)
{
	size_t count = 0;
	for (size_t i = 0; i < length; i++)
		if (((unsigned char)data[i] & 0xC0) == 0xC0)
			count++;
	return count;
}

/* Converts GB18030 to UTF-8. On failure returns NULL and sets *bad to the
 * offset of the first byte that is not GB18030. */
static char *gb18030_to_utf8(const char *data, size_t size, size_t *converted_size, size_t *bad)
{
	*bad = SIZE_MAX;
	iconv_t converter = iconv_open("UTF-8", "GB18030");
	if (converter == (iconv_t)-1)
		return NULL;
	/* A GB18030 character of 2 or 4 bytes is at most 4 UTF-8 bytes, one
	 * byte at most 3 (U+0080 is 0x81 0x30 0x81 0x30): twice plus slack. */
	size_t capacity = size * 2 + 16;
	char *out = malloc(capacity);
	char *in = (char *)data;
	size_t in_left = size;
	char *cursor = out;
	size_t out_left = capacity - 1;
	bool ok = out != NULL;
	while (ok && in_left > 0) {
		if (iconv(converter, &in, &in_left, &cursor, &out_left) == (size_t)-1) {
			if (errno == E2BIG) {
				size_t used = (size_t)(cursor - out);
				char *grown = realloc(out, capacity * 2);
				if (!grown) {
					ok = false;
					break;
				}
				out = grown;
				cursor = out + used;
				out_left += capacity;
				capacity *= 2;
				continue;
			}
			*bad = (size_t)(in - data);
			ok = false;
		}
	}
	iconv_close(converter);
	if (!ok) {
		free(out);
		return NULL;
	}
	*cursor = '\0';
	*converted_size = (size_t)(cursor - out);
	return out;
}

/* Gives back the bytes the input holds: a mapping, or a buffer. */
static void drop_bytes(struct input *input)
{
	if (input->mapping)
		file_unmap(input->mapping, input->mapping_size);
	else
		free(input->data);
	input->mapping = NULL;
	input->mapping_size = input->released = 0;
	input->data = NULL;
}

static void report_not_text(const char *name, const struct input *raw, size_t bad, enum encoding tried,
			    struct diagnostics *diag)
{
	size_t bom = raw->had_bom ? 3 : 0;
	long line = input_line_of(raw->data, bad);
	if (tried == ENCODING_UTF8)
		diag_error(diag, name, line, NULL,
			   _("the text is not valid UTF-8 (byte 0x%02X at byte %zu); save the file "
			   "as \"CSV UTF-8\", or give --encoding gb18030 if it is GBK/GB18030"),
			   (unsigned char)raw->data[bad], bad + bom);
	else if (tried == ENCODING_GB18030)
		diag_error(diag, name, line, NULL,
			   _("the text is not valid GB18030 (byte 0x%02X at byte %zu); save the file "
			   "as \"CSV UTF-8\""),
			   (unsigned char)raw->data[bad], bad + bom);
	else
		diag_error(diag, name, line, NULL,
			   _("the text is neither UTF-8 nor GB18030 (byte 0x%02X at byte %zu is "
			   "not a character in either); save the file as \"CSV UTF-8\""),
			   (unsigned char)raw->data[bad], bad + bom);
}

/* A file that is UTF-8 for a good stretch before its first bad byte is
 * taken as damaged UTF-8, not as GB18030 that happens to look like UTF-8. */
enum { UTF8_EVIDENCE = 8 };

/* invalid: the offset of the first byte that is not UTF-8 (the size when
 * there is none). */
static bool decode(const char *name, struct input *input, enum encoding encoding, size_t invalid,
		   struct diagnostics *diag)
{
	/* A byte order mark says UTF-8 whatever was asked for. */
	if (input->had_bom)
		encoding = ENCODING_UTF8;
	if (encoding == ENCODING_AUTO) {
		if (invalid == input->size) {
			input->encoding = ENCODING_UTF8;
			return true;
		}
		if (count_multibyte(input->data, invalid) >= UTF8_EVIDENCE) {
			report_not_text(name, input, invalid, ENCODING_UTF8, diag);
			return false;
		}
	} else if (encoding == ENCODING_UTF8) {
		if (invalid == input->size) {
			input->encoding = ENCODING_UTF8;
			return true;
		}
		report_not_text(name, input, invalid, ENCODING_UTF8, diag);
		return false;
	}
	size_t size = 0, bad = SIZE_MAX;
	char *converted = gb18030_to_utf8(input->data, input->size, &size, &bad);
	if (!converted) {
		int error = errno;
		if (bad == SIZE_MAX)
			diag_system_error(diag, name, 0, error, _("cannot convert from GB18030: %s"), strerror(error));
		else
			report_not_text(name, input, bad, encoding, diag);
		return false;
	}
	drop_bytes(input);
	input->data = converted;
	input->size = size;
	input->encoding = ENCODING_GB18030;
	return true;
}

static bool check_text(const char *name, struct input *input, enum encoding encoding,
		       struct diagnostics *diag)
{
	if (input->size == 0) {
		diag_error(diag, name, 0, NULL, _("the file is empty: expected a header row naming the columns"));
		return false;
	}
	/* One pass finds NUL bytes, lone CRs and the first byte that is not
	 * UTF-8 (not needed for a file said to be GB18030). */
	struct text_scan scan;
	text_scan(input->data, input->size, encoding != ENCODING_GB18030 || input->had_bom, &scan);
	size_t bad = scan.nul < scan.lone_cr ? scan.nul : scan.lone_cr;
	if (bad < input->size) {
		size_t bom = input->had_bom ? 3 : 0;
		long line = input_line_of(input->data, bad);
		if (bad == scan.nul)
			diag_error(diag, name, line, NULL,
				   _("the file contains a NUL byte (at byte %zu): it looks like a binary "
				   "file, not CSV text"),
				   bad + bom);
		else
			diag_error(diag, name, line, NULL,
				   _("a carriage return (CR) at byte %zu is not followed by a line feed: "
				   "lines must end with LF or CRLF"),
				   bad + bom);
		return false;
	}
	if (!decode(name, input, encoding, scan.invalid_utf8, diag))
		return false;
	const char *newline = memchr(input->data, '\n', input->size);
	input->crlf = newline && newline > input->data && newline[-1] == '\r';
	return true;
}

/* Takes ownership of bytes: a buffer of size + 1, or a read-only mapping
 * of size bytes (which is never written: a byte order mark is skipped,
 * and the text is not NUL-terminated). */
static bool adopt(const char *name, char *bytes, size_t size, bool mapped, enum encoding encoding,
		  struct input *input, struct diagnostics *diag)
{
	memset(input, 0, sizeof *input);
	char *text = bytes;
	if (size >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
		if (!mapped)
			memmove(bytes, bytes + 3, size - 3);
		else
			text += 3;
		size -= 3;
		input->had_bom = true;
	}
	if (mapped) {
		input->mapping = bytes;
		input->mapping_size = size + (size_t)(text - bytes);
	} else {
		bytes[size] = '\0';
	}
	input->data = text;
	input->size = size;
	if (!check_text(name, input, encoding, diag)) {
		input_free(input);
		return false;
	}
	/* The check has read every page; the reader reads them again as it
	 * goes, and gives each back behind it. */
	if (input->mapping)
		madvise(input->mapping, input->mapping_size, MADV_DONTNEED);
	return true;
}

bool input_from_bytes(const char *name, const char *bytes, size_t size, enum encoding encoding,
		      struct input *input, struct diagnostics *diag)
{
	char *copy = size < SIZE_MAX ? malloc(size + 1) : NULL;
	if (!copy) {
		diag_memory_error(diag, name, 0, _("out of memory reading %zu bytes"), size);
		return false;
	}
	if (size)
		memcpy(copy, bytes, size);
	return adopt(name, copy, size, false, encoding, input, diag);
}

bool input_read_file(const char *path, enum encoding encoding, struct input *input,
		     struct diagnostics *diag)
{
	char *bytes;
	size_t size;
	if (!file_read(path, &bytes, &size, diag))
		return false;
	return adopt(path, bytes, size, false, encoding, input, diag);   /* file_read leaves room for a NUL */
}

bool input_map_file(const char *path, enum encoding encoding, struct input *input, struct diagnostics *diag)
{
	char *bytes;
	size_t size;
	bool mapped;
	if (!file_read_or_map(path, INPUT_MAP_FROM, &bytes, &size, &mapped, diag))
		return false;
	return adopt(path, bytes, size, mapped, encoding, input, diag);
}

void input_release(struct input *input, size_t offset)
{
	if (!input->mapping || offset > input->size)
		return;
	/* Not for every row, and whole pages only: a page of the mapping
	 * given back is read again from the page cache if it is needed. */
	size_t read = (size_t)(input->data - input->mapping) + offset;
	if (read < input->released + INPUT_RELEASE_STEP && offset < input->size)
		return;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t end = read / page * page;
	if (end > input->released) {
		madvise(input->mapping + input->released, end - input->released, MADV_DONTNEED);
		input->released = end;
	}
}

void input_free(struct input *input)
{
	drop_bytes(input);
	memset(input, 0, sizeof *input);
}
