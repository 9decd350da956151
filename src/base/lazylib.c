/*
 * lazylib.c - a shared library loaded the first time it is needed (see
 * lazylib.h).
 */
#include "duty/lazylib.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

_Static_assert(sizeof(void *) == sizeof(void (*)(void)), "a function pointer is as wide as dlsym's pointer");

bool lazylib_load(struct lazy_library *library)
{
	if (library->state)
		return library->state > 0;
	library->state = -1;
	errno = 0;
	void *handle = dlopen(library->soname, RTLD_NOW | RTLD_LOCAL);
	if (!handle) {
		library->error_number = errno;
		const char *reason = dlerror();
		snprintf(library->error, sizeof library->error, "%s", reason ? reason : library->soname);
		return false;
	}
	/* The slots are function pointers; POSIX has dlsym's object pointer
	 * and a function pointer of the same size and representation. */
	char *slot = library->slots;
	for (size_t i = 0; i < library->count; i++, slot += sizeof(void (*)(void))) {
		void *symbol = dlsym(handle, library->names[i]);
		if (!symbol) {
			snprintf(library->error, sizeof library->error, "%s: no %s", library->soname,
				 library->names[i]);
			dlclose(handle);
			return false;
		}
		memcpy(slot, &symbol, sizeof symbol);
	}
	/* Kept loaded for the rest of the run. */
	library->state = 1;
	return true;
}
