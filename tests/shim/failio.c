/*
 * failio.c - an LD_PRELOAD shim that makes one step of a safe write fail,
 * to test that the plan file survives it. DUTY_FAIL names the step:
 *
 *   write    writing the temporary file fails with ENOSPC (disk full)
 *   fsync    syncing the temporary file fails with EIO
 *   rename   renaming it over the plan fails with EIO
 *   lock     creating the lock file fails with EACCES (a read-only place)
 *   malloc   memory runs out: after DUTY_FAIL_AFTER successful allocations
 *            (malloc, calloc, realloc), every one fails with ENOMEM
 *   malloc-once
 *            one allocation fails: the one after DUTY_FAIL_AFTER successful
 *            ones; the others succeed. DUTY_FAIL_MARK, when set, is a file
 *            made when it fails (none: the process made fewer allocations)
 *   history  appending to NAME.history.csv fails with ENOSPC (disk full)
 *   lock-write  opening a lock file for writing fails with EACCES (a lock
 *            file another user created, which this one may only read)
 *   crash-mid-append
 *            an append to NAME.history.csv writes half its bytes, then the
 *            process is killed (SIGKILL): a cut-off record
 *   crash-before-rename, crash-after-rename
 *            the process is killed (SIGKILL) just before or just after
 *            renaming a temporary file into place
 *   outside  when the temporary file is synced, another program saves the
 *            file it will replace: DUTY_OUTSIDE (a file) is copied over it
 *            by a rename, as WPS or Excel save (only once per process)
 *
 * Only duty's own temporary files (.NAME.tmp.XXXXXX), lock files and
 * histories are affected; everything else goes to the real calls. (A
 * sanitizer build has its own allocator in the binary, which the malloc
 * step cannot reach.)
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static bool failing(const char *step)
{
	const char *want = getenv("DUTY_FAIL");
	return want && strcmp(want, step) == 0;
}

static bool is_temporary(const char *path)
{
	const char *name = strrchr(path, '/');
	name = name ? name + 1 : path;
	return name[0] == '.' && strstr(name, ".tmp.") != NULL;
}

static bool is_history(const char *path)
{
	size_t length = strlen(path);
	return length > 12 && strcmp(path + length - 12, ".history.csv") == 0;
}

static bool descriptor_is(int descriptor, bool (*kind)(const char *))
{
	char link[64], path[4096];
	snprintf(link, sizeof link, "/proc/self/fd/%d", descriptor);
	ssize_t length = readlink(link, path, sizeof path - 1);
	if (length <= 0)
		return false;
	path[length] = '\0';
	return kind(path);
}

static bool descriptor_is_temporary(int descriptor)
{
	return descriptor_is(descriptor, is_temporary);
}

ssize_t write(int descriptor, const void *data, size_t size)
{
	static ssize_t (*real)(int, const void *, size_t);
	if (!real)
		real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	if ((failing("write") && descriptor_is_temporary(descriptor))
	    || (failing("history") && descriptor_is(descriptor, is_history))) {
		errno = ENOSPC;
		return -1;
	}
	if (failing("crash-mid-append") && size > 1 && descriptor_is(descriptor, is_history)) {
		real(descriptor, data, size / 2);
		raise(SIGKILL);
	}
	return real(descriptor, data, size);
}

/* The file a temporary file .NAME.tmp.XXXXXX will replace: DIR/NAME. */
static bool replaced_by(const char *temporary, char *target, size_t size)
{
	const char *name = strrchr(temporary, '/');
	size_t directory = name ? (size_t)(name - temporary) + 1 : 0;
	name = name ? name + 1 : temporary;
	const char *suffix = strstr(name, ".tmp.");
	if (!suffix || directory + (size_t)(suffix - name) >= size)
		return false;
	memcpy(target, temporary, directory);
	memcpy(target + directory, name + 1, (size_t)(suffix - name) - 1);
	target[directory + (size_t)(suffix - name) - 1] = '\0';
	return true;
}

/* Another program saves target: a copy of DUTY_OUTSIDE renamed over it. */
static void save_from_outside(const char *target)
{
	const char *source = getenv("DUTY_OUTSIDE");
	char copy[4200];
	if (!source || snprintf(copy, sizeof copy, "%s.outside", target) >= (int)sizeof copy)
		return;
	char command[20000];
	if (snprintf(command, sizeof command, "cp '%s' '%s' && mv '%s' '%s'", source, copy, copy, target)
	    >= (int)sizeof command || system(command) != 0)
		fprintf(stderr, "failio: could not save %s from outside\n", target);
}

int fsync(int descriptor)
{
	static int (*real)(int);
	static bool saved;
	if (!real)
		real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	if (failing("fsync") && descriptor_is_temporary(descriptor)) {
		errno = EIO;
		return -1;
	}
	char link[64], path[4096], target[4096];
	snprintf(link, sizeof link, "/proc/self/fd/%d", descriptor);
	ssize_t length = readlink(link, path, sizeof path - 1);
	if (failing("outside") && !saved && length > 0) {
		path[length] = '\0';
		if (is_temporary(path) && replaced_by(path, target, sizeof target)) {
			saved = true;
			save_from_outside(target);
		}
	}
	return real(descriptor);
}

int rename(const char *from, const char *to)
{
	static int (*real)(const char *, const char *);
	if (!real)
		real = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
	if (failing("rename") && is_temporary(from)) {
		errno = EIO;
		return -1;
	}
	if (failing("crash-before-rename") && is_temporary(from))
		raise(SIGKILL);
	int result = real(from, to);
	if (failing("crash-after-rename") && is_temporary(from))
		raise(SIGKILL);
	return result;
}

static int open_with(const char *name, const char *path, int flags, va_list args)
{
	int (*real)(const char *, int, ...) = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, name);
	mode_t mode = (flags & O_CREAT) ? (mode_t)va_arg(args, int) : 0;
	size_t length = strlen(path);
	bool lock = length > 5 && strcmp(path + length - 5, ".lock") == 0;
	if ((failing("lock") && lock) || (failing("lock-write") && lock && (flags & O_ACCMODE) != O_RDONLY)) {
		errno = EACCES;
		return -1;
	}
	return real(path, flags, mode);
}

int open(const char *path, int flags, ...)
{
	va_list args;
	va_start(args, flags);
	int descriptor = open_with("open", path, flags, args);
	va_end(args);
	return descriptor;
}

int open64(const char *path, int flags, ...)
{
	va_list args;
	va_start(args, flags);
	int descriptor = open_with("open64", path, flags, args);
	va_end(args);
	return descriptor;
}

/* --- running out of memory ------------------------------------------------ */

/* dlsym may itself allocate: it is served from here until the real
 * functions are known. */
static char bootstrap[4096];
static size_t bootstrap_used;
static bool resolving;

static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void (*real_free)(void *);

static void resolve(void)
{
	if (real_malloc || resolving)
		return;
	resolving = true;
	real_calloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "calloc");
	real_realloc = (void *(*)(void *, size_t))dlsym(RTLD_NEXT, "realloc");
	real_free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
	real_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
	resolving = false;
}

/* Whether this allocation is to fail: DUTY_FAIL=malloc, and more than
 * DUTY_FAIL_AFTER allocations have been made; or DUTY_FAIL=malloc-once,
 * and exactly that many. */
static bool allocation_fails(void)
{
	static long budget = -2;   /* -2: not read yet; -1: no limit */
	static bool once;
	if (budget == -2) {
		budget = -1;
		once = failing("malloc-once");
		if (once || failing("malloc")) {
			const char *after = getenv("DUTY_FAIL_AFTER");
			budget = after ? atol(after) : 0;
		}
	}
	if (budget < 0)
		return false;
	if (budget == 0) {
		if (once) {
			budget = -1;
			const char *mark = getenv("DUTY_FAIL_MARK");
			int descriptor = mark ? open(mark, O_WRONLY | O_CREAT | O_CLOEXEC, 0600) : -1;
			if (descriptor >= 0)
				close(descriptor);
		}
		errno = ENOMEM;
		return true;
	}
	budget--;
	return false;
}

static void *from_bootstrap(size_t size)
{
	size = (size + 15) & ~(size_t)15;
	if (bootstrap_used + size > sizeof bootstrap)
		return NULL;
	void *memory = bootstrap + bootstrap_used;
	bootstrap_used += size;
	return memory;
}

static bool is_bootstrap(const void *memory)
{
	return (const char *)memory >= bootstrap && (const char *)memory < bootstrap + sizeof bootstrap;
}

void *malloc(size_t size)
{
	resolve();
	if (!real_malloc)
		return from_bootstrap(size);
	return allocation_fails() ? NULL : real_malloc(size);
}

void *calloc(size_t count, size_t size)
{
	resolve();
	if (!real_calloc)
		return from_bootstrap(count * size);   /* static memory is zeroed */
	return allocation_fails() ? NULL : real_calloc(count, size);
}

void *realloc(void *memory, size_t size)
{
	resolve();
	if (is_bootstrap(memory) || !real_realloc)
		return NULL;
	return allocation_fails() ? NULL : real_realloc(memory, size);
}

void free(void *memory)
{
	resolve();
	if (!is_bootstrap(memory) && real_free)
		real_free(memory);
}
