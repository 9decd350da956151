/*
 * input.c - reading files whole and checking their bytes in one pass.
 */
#include "duty/input.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duty/text.h"

long input_line_of(const char *data, size_t offset)
{
	long line = 1;
	const char *end = data + offset;
	for (const char *p = data; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
		line++;
	return line;
}

/* Finds a NUL byte or a CR that does not start a CRLF pair. */
static size_t find_bad_control(const char *data, size_t size, char *which)
{
	for (size_t i = 0; i < size; i++) {
		if (data[i] == '\0') {
			*which = '\0';
			return i;
		}
		if (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n')) {
			*which = '\r';
			return i;
		}
	}
	return size;
}

static bool check_text(const char *name, struct input *input, struct diagnostics *diag)
{
	if (input->size == 0) {
		diag_error(diag, name, 0, NULL, "the file is empty: expected a header row naming the columns");
		return false;
	}
	char which = 0;
	size_t bad = find_bad_control(input->data, input->size, &which);
	size_t bom = input->had_bom ? 3 : 0;   /* offsets count from the file's first byte */
	if (bad < input->size) {
		long line = input_line_of(input->data, bad);
		if (which == '\0')
			diag_error(diag, name, line, NULL,
				   "the file contains a NUL byte (at byte %zu): it looks like a binary "
				   "file, not CSV text",
				   bad + bom);
		else
			diag_error(diag, name, line, NULL,
				   "a carriage return (CR) at byte %zu is not followed by a line feed: "
				   "lines must end with LF or CRLF",
				   bad + bom);
		return false;
	}
	size_t invalid = utf8_validate(input->data, input->size);
	if (invalid < input->size) {
		diag_error(diag, name, input_line_of(input->data, invalid), NULL,
			   "the text is not valid UTF-8 (byte 0x%02X at byte %zu); "
			   "save the file as \"CSV UTF-8\"",
			   (unsigned char)input->data[invalid], invalid + bom);
		return false;
	}
	const char *newline = memchr(input->data, '\n', input->size);
	input->crlf = newline && newline > input->data && newline[-1] == '\r';
	return true;
}

static bool adopt(const char *name, char *bytes, size_t size, struct input *input,
		  struct diagnostics *diag)
{
	memset(input, 0, sizeof *input);
	if (size >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
		memmove(bytes, bytes + 3, size - 3);
		size -= 3;
		input->had_bom = true;
	}
	bytes[size] = '\0';
	input->data = bytes;
	input->size = size;
	if (!check_text(name, input, diag)) {
		input_free(input);
		return false;
	}
	return true;
}

bool input_from_bytes(const char *name, const char *bytes, size_t size, struct input *input,
		      struct diagnostics *diag)
{
	char *copy = malloc(size + 1);
	if (!copy) {
		diag_error(diag, name, 0, NULL, "out of memory reading %zu bytes", size);
		return false;
	}
	if (size)
		memcpy(copy, bytes, size);
	return adopt(name, copy, size, input, diag);
}

bool input_read_file(const char *path, struct input *input, struct diagnostics *diag)
{
	FILE *file = fopen(path, "rb");
	if (!file) {
		diag_error(diag, path, 0, NULL, "cannot open the file: %s", strerror(errno));
		return false;
	}
	size_t capacity = 1 << 16, size = 0;
	char *bytes = malloc(capacity);
	bool ok = bytes != NULL;
	while (ok) {
		if (capacity - size < 2) {
			char *grown = capacity <= SIZE_MAX / 2 ? realloc(bytes, capacity * 2) : NULL;
			if (!grown) {
				ok = false;
				break;
			}
			bytes = grown;
			capacity *= 2;
		}
		size_t got = fread(bytes + size, 1, capacity - size - 1, file);
		size += got;
		if (got == 0)
			break;
	}
	if (!ok) {
		diag_error(diag, path, 0, NULL, "out of memory reading the file");
		free(bytes);
		fclose(file);
		return false;
	}
	if (ferror(file)) {
		diag_error(diag, path, 0, NULL, "cannot read the file: %s", strerror(errno));
		free(bytes);
		fclose(file);
		return false;
	}
	fclose(file);
	return adopt(path, bytes, size, input, diag);
}

void input_free(struct input *input)
{
	free(input->data);
	memset(input, 0, sizeof *input);
}
