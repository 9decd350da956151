/*
 * diag.h - problems found in input files. The library never prints: it
 * reports each problem here with file, line and column (a header name), and
 * the caller decides how many to show. `duty check` passes a sink to see
 * every one; the other commands keep the first few.
 */
#ifndef DUTY_DIAG_H
#define DUTY_DIAG_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>

enum severity { SEVERITY_ERROR, SEVERITY_WARNING };

struct diagnostic {
	enum severity severity;
	char *file;     /* may be NULL */
	long line;      /* 1-based; 0 when the problem is not on one line */
	char *column;   /* header name, or NULL */
	char *message;  /* plain words: what is wrong and what was expected */
};

typedef void (*diagnostic_sink)(const struct diagnostic *problem, void *context);

struct diagnostics {
	size_t errors;
	size_t warnings;
	struct diagnostic *kept;    /* the first keep_limit problems */
	size_t kept_count;
	size_t kept_capacity;
	size_t keep_limit;
	diagnostic_sink sink;       /* when set, also receives every problem */
	void *sink_context;
	bool out_of_memory;         /* memory ran out: reading stopped, or a message was lost */
};

void diagnostics_init(struct diagnostics *diag, size_t keep_limit);
void diagnostics_free(struct diagnostics *diag);

void diag_report(struct diagnostics *diag, enum severity severity,
		 const char *file, long line, const char *column,
		 const char *format, ...)
	__attribute__((format(printf, 6, 7)));

#define diag_error(diag, file, line, column, ...) \
	diag_report((diag), SEVERITY_ERROR, (file), (line), (column), __VA_ARGS__)
#define diag_warning(diag, file, line, column, ...) \
	diag_report((diag), SEVERITY_WARNING, (file), (line), (column), __VA_ARGS__)

/* An error that is memory running out, not bad data: the caller tells the
 * two apart by out_of_memory. */
#define diag_memory_error(diag, file, line, ...) \
	(diag_report((diag), SEVERITY_ERROR, (file), (line), NULL, __VA_ARGS__), (void)((diag)->out_of_memory = true))

/* An error a system call or library gave with errno value error (read
 * before anything could change it): running out of memory (ENOMEM) is
 * marked as such, as by diag_memory_error. */
#define diag_system_error(diag, file, line, error, ...) \
	(diag_report((diag), SEVERITY_ERROR, (file), (line), NULL, __VA_ARGS__), \
	 (void)((error) == ENOMEM && ((diag)->out_of_memory = true)))

/* "FILE:LINE: message" or "FILE:LINE:COLUMN: message", or just the message
 * when it is in no file; caller frees. */
char *diagnostic_format(const struct diagnostic *problem);

#endif
