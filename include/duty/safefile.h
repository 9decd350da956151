/*
 * safefile.h - writing files so that nothing is ever left half-written:
 * an exclusive lock held across read-modify-write, replacement through a
 * synced temporary file and a rename, and synced appends. Every step that
 * fails leaves the original untouched and says which step failed.
 */
#ifndef DUTY_SAFEFILE_H
#define DUTY_SAFEFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "duty/diag.h"

struct file_lock {
	int descriptor;
};

/* Takes an exclusive lock on PATH.lock (created beside PATH, never
 * renamed, so every writer locks the same file), waiting for others.
 * Returns 0, or the errno of the step that failed. */
int file_lock_acquire(const char *path, struct file_lock *lock, struct diagnostics *diag);
void file_lock_release(struct file_lock *lock);

/* Replaces PATH with data: writes a temporary file .NAME.tmp.XXXXXX in the
 * same directory with the mode of the original, syncs it, renames it over
 * PATH and syncs the directory. On failure the temporary file is removed
 * and PATH is as it was. Returns 0, or the errno of the failed step. */
int file_replace(const char *path, const char *data, size_t size, struct diagnostics *diag);

/* Appends data to PATH and syncs it. When PATH does not exist it is
 * created (0666 & ~umask) and preface is written before data. */
bool file_append(const char *path, const char *preface, size_t preface_size, const char *data, size_t size,
		 struct diagnostics *diag);

/* Reads a whole file as bytes; a missing file is reported in diag. The
 * buffer (free it) has room for one more byte after the data. */
bool file_read(const char *path, char **data, size_t *size, struct diagnostics *diag);

#endif
