/*
 * lazylib.h - a shared library loaded the first time it is needed.
 *
 * libzip (reading .docx and .xlsx) and libxlsxwriter (writing workbooks)
 * bring libcrypto, libbz2, zlib and minizip with them: linked at start-up
 * they cost every command about a millisecond in the dynamic loader,
 * more than reading a plan. The modules that use them (io/zipxml.c,
 * render/xlsx.c) instead list the functions they call and load them with
 * lazylib_load on first use; a command that never opens an archive or a
 * workbook never loads them.
 */
#ifndef DUTY_LAZYLIB_H
#define DUTY_LAZYLIB_H

#include <stdbool.h>
#include <stddef.h>

struct lazy_library {
	const char *soname;             /* "libzip.so.4" */
	const char *const *names;       /* the functions, in the order of slots */
	void *slots;                    /* a struct of as many function pointers */
	size_t count;
	int state;                      /* 0 not tried, 1 loaded, -1 failed */
	char error[256];                /* why it failed */
	int error_number;               /* ... as errno (glibc's loader leaves ENOMEM when memory ran out) */
};

/* Declares `functions`, a struct with a pointer typed from the header for
 * each function FUNCTIONS lists (an X-macro: X(zip_open) X(zip_close) ...),
 * and `library`, the lazy_library that fills them from the shared library
 * `file`. A module then calls functions.zip_open(...). */
#define LAZYLIB_SLOT(name) __typeof__(name) *name;
#define LAZYLIB_NAME(name) #name,
#define LAZYLIB_DEFINE(functions, library, file, FUNCTIONS) \
	static struct { FUNCTIONS(LAZYLIB_SLOT) } functions; \
	static const char *const library##_names[] = { FUNCTIONS(LAZYLIB_NAME) }; \
	static struct lazy_library library = { \
		.soname = (file), \
		.names = library##_names, \
		.slots = &functions, \
		.count = sizeof library##_names / sizeof *library##_names, \
	}

/* Loads the library and fills its slots, once; true when they are all
 * there. On failure, library->error says why (for a message). */
bool lazylib_load(struct lazy_library *library);

#endif
