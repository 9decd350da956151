/*
 * terminal.c - a stdio stream (fopencookie) whose writes go through the
 * one terminal sanitizer before reaching the descriptor. A UTF-8 sequence
 * cut between two writes is held until its end arrives. Given a width, it
 * also wraps a line wider than the width: tables fit themselves, and this
 * catches the rest (sentences, headings, help).
 */
#define _GNU_SOURCE
#include "duty/terminal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "duty/safefile.h"
#include "duty/text.h"

struct terminal {
	FILE *stream;
	int descriptor;
	char held[4];          /* an incomplete sequence from the last write */
	size_t held_length;
	size_t width;          /* wrap lines wider than this; 0: never */
	struct strbuf line;    /* with a width: the sanitized line so far, our colours in it */
};

/* The narrowest a wrapped line's text may be. */
enum { NARROWEST_TEXT = 12 };

/* Streams open now, so that terminal_control can find their descriptor. */
enum { TERMINAL_STREAMS = 4 };
static struct terminal *open_streams[TERMINAL_STREAMS];

static bool put_spaces(int descriptor, size_t count)
{
	static const char spaces[] = "                                ";
	bool ok = true;
	while (ok && count) {
		size_t take = count < sizeof spaces - 1 ? count : sizeof spaces - 1;
		ok = file_write_all(descriptor, spaces, take);
		count -= take;
	}
	return ok;
}

/* A line wider than the width, wrapped: it keeps its leading spaces, and
 * continuation lines start under its text (text_column). */
static bool write_wrapped(struct terminal *terminal, const char *text)
{
	size_t width = terminal->width, lead = 0;
	while (text[lead] == ' ')
		lead++;
	if (lead + NARROWEST_TEXT > width)
		lead = 0;
	size_t hang = text_column(text);
	if (hang + NARROWEST_TEXT > width)
		hang = lead;
	const char *body = text + lead;
	struct text_span *lines = NULL, *rest = NULL;
	size_t count = text_wrap(body, width - lead, &lines);
	size_t rest_count = count > 1 ? text_wrap(body + lines[1].offset, width - hang, &rest) : 0;
	bool ok = count > 0 && (count == 1 || rest_count > 0);
	if (!ok)
		errno = ENOMEM;
	if (ok)
		ok = put_spaces(terminal->descriptor, lead)
		     && file_write_all(terminal->descriptor, body + lines[0].offset, lines[0].length);
	for (size_t i = 0; ok && i < rest_count; i++)
		ok = file_write_all(terminal->descriptor, "\n", 1) && put_spaces(terminal->descriptor, hang)
		     && file_write_all(terminal->descriptor, body + lines[1].offset + rest[i].offset, rest[i].length);
	free(lines);
	free(rest);
	return ok;
}

/* One whole line of the buffer, without its newline. */
static bool write_line(struct terminal *terminal)
{
	const char *text = strbuf_text(&terminal->line);
	size_t length = terminal->line.length;
	/* A table row fits already; a coloured one carries escapes that take no room. */
	bool ok = text_width_n(text, length) <= terminal->width || memchr(text, '\033', length)
			  ? file_write_all(terminal->descriptor, text, length)
			  : write_wrapped(terminal, text);
	strbuf_clear(&terminal->line);
	return ok;
}

/* Sanitized text goes out, a line at a time when there is a width. */
static bool put(struct terminal *terminal, const char *text, size_t length)
{
	if (!terminal->width)
		return file_write_all(terminal->descriptor, text, length);
	bool ok = true;
	for (size_t i = 0; ok && i < length;) {
		const char *newline = memchr(text + i, '\n', length - i);
		size_t end = newline ? (size_t)(newline - text) : length;
		strbuf_append(&terminal->line, text + i, end - i);
		if (terminal->line.failed) {
			errno = ENOMEM;
			return false;
		}
		if (newline)
			ok = write_line(terminal) && file_write_all(terminal->descriptor, "\n", 1);
		i = end + (newline != NULL);
	}
	return ok;
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
			ok = put(terminal, strbuf_text(&out), out.length);
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
	if (ok && terminal->line.length)
		ok = write_line(terminal);   /* the last line, without a newline */
	strbuf_free(&terminal->line);
	for (size_t i = 0; i < TERMINAL_STREAMS; i++)
		if (open_streams[i] == terminal)
			open_streams[i] = NULL;
	free(terminal);
	return ok ? 0 : EOF;
}

FILE *terminal_open(int descriptor, bool buffered, size_t width)
{
	struct terminal *terminal = calloc(1, sizeof *terminal);
	if (!terminal)
		return NULL;
	terminal->descriptor = descriptor;
	terminal->width = width;
	strbuf_init(&terminal->line);
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
			/* A failure shows again in the stream's next write. With a
			 * width the sequence joins the line being gathered, in order:
			 * everything else in it has been through the sanitizer. */
			if (fflush(stream) == 0 && terminal->width)
				strbuf_puts(&terminal->line, sequence);
			else if (!terminal->width)
				file_write_all(terminal->descriptor, sequence, strlen(sequence));
			return;
		}
	}
	fputs(sequence, stream);
}
