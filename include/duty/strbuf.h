/*
 * strbuf.h - a growable string. Appends after an allocation failure are
 * ignored and `failed` stays set, so callers check once at the end.
 */
#ifndef DUTY_STRBUF_H
#define DUTY_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct strbuf {
	char *data;
	size_t length;
	size_t capacity;
	bool failed;
};

#define STRBUF_INIT { NULL, 0, 0, false }

void strbuf_init(struct strbuf *buffer);
void strbuf_free(struct strbuf *buffer);
void strbuf_clear(struct strbuf *buffer);
void strbuf_append(struct strbuf *buffer, const char *text, size_t length);
/* Makes the buffer hold exactly text[0..length) and returns it as a
 * string (for words that are not NUL-terminated, such as milestone_text). */
const char *strbuf_set(struct strbuf *buffer, const char *text, size_t length);
void strbuf_puts(struct strbuf *buffer, const char *text);
void strbuf_putc(struct strbuf *buffer, char c);
void strbuf_spaces(struct strbuf *buffer, size_t count);
void strbuf_vprintf(struct strbuf *buffer, const char *format, va_list args)
	__attribute__((format(printf, 2, 0)));
void strbuf_printf(struct strbuf *buffer, const char *format, ...)
	__attribute__((format(printf, 2, 3)));
/* Appends items with separator between them. */
void strbuf_join(struct strbuf *buffer, const char *const *items, size_t count, const char *separator);
/* Returns the NUL-terminated text ("" when empty). */
const char *strbuf_text(const struct strbuf *buffer);
/* Whether any buffer has run out of memory since the program started:
 * text built with one may be missing, so the CLI ends as out of memory
 * (exit 6) whatever it printed. */
bool strbuf_ran_out(void);
/* Hands over the malloc'ed text (never NULL unless an allocation failed,
 * then the buffer is freed) and leaves the buffer empty. */
char *strbuf_detach(struct strbuf *buffer);

#endif
