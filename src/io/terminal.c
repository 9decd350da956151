/*
 * terminal.c - a stdio stream (fopencookie) whose writes go through the
 * one terminal sanitizer before reaching the descriptor. A UTF-8 sequence
 * cut between two writes is held until its end arrives.
 */
#define _GNU_SOURCE
#include "duty/terminal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "duty/text.h"

struct terminal {
	FILE *stream;
	int descriptor;
	char held[4];          /* an incomplete sequence from the last write */
	size_t held_length;
};

/* Streams open now, so that terminal_control can find their descriptor. */
enum { TERMINAL_STREAMS = 4 };
static struct terminal *open_streams[TERMINAL_STREAMS];

static bool write_all(int descriptor, const char *data, size_t size)
{
	while (size > 0) {
		ssize_t written = write(descriptor, data, size);
		if (written < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		data += written;
		size -= (size_t)written;
	}
	return true;
}

/* Sanitizes and writes data, a chunk at a time (an incomplete sequence
 * held from the last write first). errno says why when it fails: ENOMEM,
 * or the write's. */
static bool pass(struct terminal *terminal, const char *data, size_t size, bool final)
{
	enum { CHUNK = 4096 };
	char in[CHUNK + sizeof terminal->held];
	bool ok = true;
	do {
		size_t take = size < CHUNK ? size : CHUNK;
		memcpy(in, terminal->held, terminal->held_length);
		memcpy(in + terminal->held_length, data, take);
		size_t length = terminal->held_length + take;
		data += take;
		size -= take;
		struct strbuf out = STRBUF_INIT;
		size_t used = text_sanitize_terminal(&out, in, length, final && size == 0);
		terminal->held_length = length - used;   /* at most 3 bytes */
		memcpy(terminal->held, in + used, terminal->held_length);
		if (out.failed) {
			errno = ENOMEM;
			ok = false;
		} else {
			ok = write_all(terminal->descriptor, strbuf_text(&out), out.length);
		}
		strbuf_free(&out);
	} while (ok && size > 0);
	return ok;
}

static ssize_t terminal_write(void *cookie, const char *data, size_t size)
{
	return pass(cookie, data, size, false) ? (ssize_t)size : -1;
}

static int terminal_finish(void *cookie)
{
	struct terminal *terminal = cookie;
	bool ok = terminal->held_length == 0 || pass(terminal, "", 0, true);
	for (size_t i = 0; i < TERMINAL_STREAMS; i++)
		if (open_streams[i] == terminal)
			open_streams[i] = NULL;
	free(terminal);
	return ok ? 0 : EOF;
}

FILE *terminal_open(int descriptor, bool buffered)
{
	struct terminal *terminal = calloc(1, sizeof *terminal);
	if (!terminal)
		return NULL;
	terminal->descriptor = descriptor;
	cookie_io_functions_t functions = { .write = terminal_write, .close = terminal_finish };
	FILE *stream = fopencookie(terminal, "w", functions);
	if (!stream) {
		free(terminal);
		return NULL;
	}
	if (!buffered)
		setvbuf(stream, NULL, _IONBF, 0);
	terminal->stream = stream;
	for (size_t i = 0; i < TERMINAL_STREAMS; i++)
		if (!open_streams[i]) {
			open_streams[i] = terminal;
			break;
		}
	return stream;
}

void terminal_control(FILE *stream, const char *sequence)
{
	for (size_t i = 0; i < TERMINAL_STREAMS; i++) {
		struct terminal *terminal = open_streams[i];
		if (terminal && terminal->stream == stream) {
			/* A failure shows again in the stream's next write. */
			if (fflush(stream) == 0)
				write_all(terminal->descriptor, sequence, strlen(sequence));
			return;
		}
	}
	fputs(sequence, stream);
}
