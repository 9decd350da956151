/*
 * safefile.h - the one place duty reads and writes whole files: reading
 * with limits (regular files only, at most FILE_SIZE_LIMIT bytes, never
 * blocking on a pipe), an exclusive lock held across read-modify-write,
 * replacement through a synced temporary file and a rename that keeps the
 * file's mode, owner and group and writes through symbolic links, and
 * synced appends that never follow a link. Every step that fails leaves
 * the original untouched and says which step failed.
 */
#ifndef DUTY_SAFEFILE_H
#define DUTY_SAFEFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#include "duty/diag.h"

/* The largest file duty reads (1 GiB); a bigger one is refused before it
 * is read. The plans of docs/performance.md (1M tasks: 803 MB) fit. */
#define FILE_SIZE_LIMIT ((size_t)1 << 30)

/* What tells that a file is still the one that was read: a save by
 * rename gives a new inode, a write in place new times or size. */
struct file_identity {
	dev_t device;
	ino_t inode;
	off_t size;
	struct timespec modified, changed;
	mode_t mode;
	uid_t owner;
	gid_t group;
	nlink_t links;
};

/* "-" (and /dev/stdin) ask for standard input, the one thing that is
 * read although it is not a regular file. */
bool file_is_standard_input(const char *path);

/* Writes all of data to the descriptor, again after EINTR or a short
 * write; false with errno set when it cannot. */
bool file_write_all(int descriptor, const char *data, size_t size);

/* Reads a whole file as bytes: a regular file (following symbolic links
 * unless !follow), or standard input for "-". Anything else (a directory,
 * a device such as /dev/zero, a FIFO, which is never waited on) and a
 * file above FILE_SIZE_LIMIT are refused in diag. The buffer (free it)
 * has room for one more byte after the data. identity, when not NULL,
 * gets the file's identity as read. */
bool file_read_at(const char *path, bool follow, char **data, size_t *size, struct file_identity *identity,
		  struct diagnostics *diag);
bool file_read(const char *path, char **data, size_t *size, struct diagnostics *diag);

/* The same, but a regular file of at least map_from bytes is mapped
 * read-only instead of copied (*mapped true: give it back with
 * file_unmap, and read no byte beyond *size). A mapping shares the
 * file: a program that shortens the file in place while it is read makes
 * reading it fail with SIGBUS, which is why only big files are mapped. */
bool file_read_or_map(const char *path, size_t map_from, char **data, size_t *size, bool *mapped,
		      struct diagnostics *diag);
void file_unmap(char *data, size_t size);

/* The file that writing PATH must change: PATH with its symbolic links
 * followed to their end (which need not exist yet). malloc'ed; NULL
 * (errno ELOOP, or ENOMEM) when the links go round. */
char *file_resolve(const char *path);
/* The same, with a failure reported in diag (running out of memory as
 * such); errno says why. */
char *file_resolve_reported(const char *path, struct diagnostics *diag);

struct file_lock {
	int descriptor;
};

/* Takes an exclusive lock on PATH.lock (created beside PATH with PATH's
 * permissions and group, so everyone who may write PATH may lock it;
 * opened read-only and never through a symbolic link), waiting for
 * others. Returns 0, or the errno of the step that failed. */
int file_lock_acquire(const char *path, struct file_lock *lock, struct diagnostics *diag);
/* Takes a shared lock on PATH.lock when it exists (never creating it), so
 * that a reader of both a plan and its history sees them between two
 * writes. Returns 0, or an errno (ENOENT: no lock file, no writer yet). */
int file_lock_shared(const char *path, struct file_lock *lock);
void file_lock_release(struct file_lock *lock);

/* Whether file_replace would replace PATH (after following its links):
 * 0, or the errno of the refusal (EACCES for a read-only file, EMLINK for
 * one with other hard links), said in diag. A missing PATH is fine. */
int file_check_replaceable(const char *path, struct diagnostics *diag);

/* Returned by file_replace_checked when PATH is no longer the file that
 * was read: nothing was written. */
enum { FILE_CHANGED = -1 };

/*
 * Replaces PATH with data, all or nothing: PATH's symbolic links are
 * followed and their target is replaced; a target that is not a regular
 * file (a device, a FIFO) is written straight. A regular file is written
 * as a temporary file .NAME.tmp.XXXXXX beside it, with its mode, owner
 * and group (as far as the system lets them be kept), synced, renamed
 * over it, and the directory synced; on failure the temporary file is
 * removed and PATH is as it was. A file nobody may write (no write bit,
 * or not writable by this user) is refused, and so is a file with other
 * hard links (replacing it would cut them off). Returns 0, or the errno
 * of the failed step.
 */
int file_replace(const char *path, const char *data, size_t size, struct diagnostics *diag);

/* The same, but when expected is not NULL and PATH is no longer that
 * file (checked just before the rename) nothing is written and
 * FILE_CHANGED is returned, without a message. */
int file_replace_checked(const char *path, const char *data, size_t size, const struct file_identity *expected,
			 struct diagnostics *diag);

/* Creates PATH with data, whole, and never over a file that is there:
 * returns EEXIST (without a message) when PATH exists, 0 when created, or
 * the errno of a failed step. */
int file_create(const char *path, const char *data, size_t size, struct diagnostics *diag);

/* Removes the temporary files (.NAME.tmp.XXXXXX) that writers of PATH
 * killed mid-write left beside it. Only call it holding PATH's lock.
 * Returns how many were removed. */
size_t file_remove_stale_temporaries(const char *path);

/*
 * Appends data to PATH and syncs it, never through a symbolic link. When
 * PATH does not exist it is created with the permissions and group of
 * like (NULL: 0666 less the umask) and preface is written before data.
 * When keep is not negative and smaller than the file, the file is first
 * cut to keep bytes (the end of an interrupted append). On failure the
 * file is cut back to its size before, as far as that is possible.
 */
bool file_append(const char *path, const char *like, off_t keep, const char *preface, size_t preface_size,
		 const char *data, size_t size, struct diagnostics *diag);

/* Whether two paths name one file: the same file when both exist (through
 * symbolic and hard links), else the same file to be once their links are
 * followed (file_resolve) and their directories' links resolved. */
bool file_same(const char *a, const char *b);

#endif
