/*
 * strbuf.c - a growable string that remembers a failed allocation, so a
 * caller appends freely and checks once at the end.
 */
#include "duty/strbuf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool ran_out;

bool strbuf_ran_out(void)
{
	return ran_out;
}

void strbuf_init(struct strbuf *buffer)
{
	buffer->data = NULL;
	buffer->length = 0;
	buffer->capacity = 0;
	buffer->failed = false;
}

void strbuf_free(struct strbuf *buffer)
{
	free(buffer->data);
	strbuf_init(buffer);
}

void strbuf_clear(struct strbuf *buffer)
{
	buffer->length = 0;
	if (buffer->data)
		buffer->data[0] = '\0';
}

static bool strbuf_reserve(struct strbuf *buffer, size_t extra)
{
	if (buffer->failed)
		return false;
	if (extra > SIZE_MAX / 2 - buffer->length) {
		buffer->failed = ran_out = true;
		return false;
	}
	size_t need = buffer->length + extra + 1;
	if (need <= buffer->capacity)
		return true;
	size_t capacity = buffer->capacity ? buffer->capacity : 64;
	while (capacity < need)
		capacity *= 2;
	char *grown = realloc(buffer->data, capacity);
	if (!grown) {
		buffer->failed = ran_out = true;
		return false;
	}
	buffer->data = grown;
	buffer->capacity = capacity;
	return true;
}

void strbuf_append(struct strbuf *buffer, const char *text, size_t length)
{
	if (!strbuf_reserve(buffer, length))
		return;
	if (length)
		memcpy(buffer->data + buffer->length, text, length);
	buffer->length += length;
	buffer->data[buffer->length] = '\0';
}

void strbuf_puts(struct strbuf *buffer, const char *text)
{
	strbuf_append(buffer, text, strlen(text));
}

void strbuf_putc(struct strbuf *buffer, char c)
{
	strbuf_append(buffer, &c, 1);
}

void strbuf_spaces(struct strbuf *buffer, size_t count)
{
	if (!strbuf_reserve(buffer, count))
		return;
	memset(buffer->data + buffer->length, ' ', count);
	buffer->length += count;
	buffer->data[buffer->length] = '\0';
}

void strbuf_vprintf(struct strbuf *buffer, const char *format, va_list args)
{
	va_list again;
	va_copy(again, args);
	int length = vsnprintf(NULL, 0, format, args);
	if (length >= 0 && strbuf_reserve(buffer, (size_t)length)) {
		vsnprintf(buffer->data + buffer->length, (size_t)length + 1, format, again);
		buffer->length += (size_t)length;
	} else if (length < 0) {
		buffer->failed = ran_out = true;   /* glibc: out of memory for the conversion */
	}
	va_end(again);
}

void strbuf_printf(struct strbuf *buffer, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	strbuf_vprintf(buffer, format, args);
	va_end(args);
}

const char *strbuf_text(const struct strbuf *buffer)
{
	return buffer->data ? buffer->data : "";
}

const char *strbuf_set(struct strbuf *buffer, const char *text, size_t length)
{
	strbuf_clear(buffer);
	strbuf_append(buffer, text, length);
	return strbuf_text(buffer);
}

char *strbuf_detach(struct strbuf *buffer)
{
	if (buffer->failed) {
		strbuf_free(buffer);
		return NULL;
	}
	char *text = buffer->data ? buffer->data : strdup("");
	strbuf_init(buffer);
	return text;
}

void strbuf_join(struct strbuf *buffer, const char *const *items, size_t count, const char *separator)
{
	for (size_t i = 0; i < count; i++) {
		if (i)
			strbuf_puts(buffer, separator);
		strbuf_puts(buffer, items[i]);
	}
}
