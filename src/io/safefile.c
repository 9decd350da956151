/*
 * safefile.c - reads with limits, locks, atomic replacement and synced
 * appends, with plain POSIX calls (open, write, fsync, rename) rather
 * than stdio, so that every step's failure is seen and can be injected in
 * tests (see tests/shim/failio.c).
 */
#include "duty/safefile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <unistd.h>

#include "duty/text.h"
#include "duty/i18n.h"

static char *join(const char *first, const char *second)
{
	struct strbuf buffer;
	strbuf_init(&buffer);
	strbuf_puts(&buffer, first);
	strbuf_puts(&buffer, second);
	if (buffer.failed) {
		strbuf_free(&buffer);
		return NULL;
	}
	return buffer.data;
}

bool file_write_all(int descriptor, const char *data, size_t size)
{
	while (size > 0) {
		ssize_t written = write(descriptor, data, size);
		if (written < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		if (written == 0) {
			errno = EIO;
			return false;
		}
		data += written;
		size -= (size_t)written;
	}
	return true;
}

/* The directory part of path ("." when there is none). */
static char *directory_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	char *directory = malloc((size_t)(slash - path) + 1);
	if (directory) {
		memcpy(directory, path, (size_t)(slash - path));
		directory[slash - path] = '\0';
	}
	return directory;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

static bool sync_directory(const char *path)
{
	char *directory = directory_of(path);
	if (!directory)
		return false;
	int descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(directory);
	if (descriptor < 0)
		return false;
	bool ok = fsync(descriptor) == 0 || errno == EINVAL;   /* some file systems cannot */
	close(descriptor);
	return ok;
}

static mode_t creation_mode(void)
{
	mode_t mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

static void identify(const struct stat *status, struct file_identity *identity)
{
	identity->device = status->st_dev;
	identity->inode = status->st_ino;
	identity->size = status->st_size;
	identity->modified = status->st_mtim;
	identity->changed = status->st_ctim;
	identity->mode = status->st_mode;
	identity->owner = status->st_uid;
	identity->group = status->st_gid;
	identity->links = status->st_nlink;
}

static bool same_time(struct timespec a, struct timespec b)
{
	return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

static bool same_file(const struct file_identity *a, const struct file_identity *b)
{
	return a->device == b->device && a->inode == b->inode && a->size == b->size
	       && same_time(a->modified, b->modified) && same_time(a->changed, b->changed);
}

/* --- reading ------------------------------------------------------------------ */

bool file_is_standard_input(const char *path)
{
	return strcmp(path, "-") == 0 || strcmp(path, "/dev/stdin") == 0;
}

static void refuse_kind(const char *path, mode_t mode, struct diagnostics *diag)
{
	if (S_ISDIR(mode))
		diag_error(diag, path, 0, NULL, _("this is a directory, not a file"));
	else
		diag_error(diag, path, 0, NULL,
			   _("this is not a regular file (it is a device, a pipe or a socket); duty reads "
			     "files, or standard input when the file is given as -"));
}

static void refuse_size(const char *path, struct diagnostics *diag)
{
	diag_error(diag, path, 0, NULL, _("the file is larger than %zu MiB, the most duty reads"),
		   FILE_SIZE_LIMIT >> 20);
}

/* Maps the regular file open on descriptor read-only, whole: NULL when
 * the system will not (the caller then reads it). */
static char *map_whole(int descriptor, size_t size)
{
	void *mapping = mmap(NULL, size, PROT_READ, MAP_PRIVATE, descriptor, 0);
	if (mapping == MAP_FAILED)
		return NULL;
	/* Read front to back once; what is read goes (input_release). */
	madvise(mapping, size, MADV_SEQUENTIAL);
	return mapping;
}

/* file_read_at, mapping instead of reading a regular file of at least
 * map_from bytes (*mapped then says so). */
static bool read_or_map(const char *path, bool follow, size_t map_from, char **data, size_t *size, bool *mapped,
			struct file_identity *identity, struct diagnostics *diag)
{
	*data = NULL;
	*size = 0;
	*mapped = false;
	if (identity)
		memset(identity, 0, sizeof *identity);
	bool standard_input = file_is_standard_input(path);
	int descriptor = STDIN_FILENO;
	if (!standard_input) {
		/* O_NONBLOCK: opening a FIFO nobody writes returns at once (and is
		 * refused below) instead of waiting for a writer. */
		descriptor = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW));
		if (descriptor < 0) {
			if (errno == ELOOP && !follow)
				diag_error(diag, path, 0, NULL,
					   _("this is a symbolic link; duty does not follow one here: replace it with "
					     "the file itself"));
			else
				diag_error(diag, path, 0, NULL, _("cannot open the file: %s"), strerror(errno));
			return false;
		}
	}
	struct stat status;
	size_t capacity = 1 << 16;
	bool known = fstat(descriptor, &status) == 0;
	if (known && identity)
		identify(&status, identity);
	if (!standard_input && (!known || !S_ISREG(status.st_mode))) {
		if (known)
			refuse_kind(path, status.st_mode, diag);
		else
			diag_error(diag, path, 0, NULL, _("cannot read the file: %s"), strerror(errno));
		close(descriptor);
		return false;
	}
	if (known && S_ISREG(status.st_mode)) {
		if ((unsigned long long)status.st_size > FILE_SIZE_LIMIT) {
			refuse_size(path, diag);
			if (!standard_input)
				close(descriptor);
			return false;
		}
		if (status.st_size > 0)
			capacity = (size_t)status.st_size + 1;
		if (!standard_input && status.st_size > 0 && (size_t)status.st_size >= map_from) {
			char *mapping = map_whole(descriptor, (size_t)status.st_size);
			if (mapping) {
				close(descriptor);
				*data = mapping;
				*size = (size_t)status.st_size;
				*mapped = true;
				return true;
			}
		}
	}
	if (!standard_input) {
		int flags = fcntl(descriptor, F_GETFL);
		if (flags >= 0)
			fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK);
	}
	char *buffer = malloc(capacity);
	size_t used = 0;
	bool ok = buffer != NULL, too_big = false;
	while (ok) {
		if (used == capacity) {
			if (capacity > FILE_SIZE_LIMIT) {
				too_big = true;   /* it grew while being read, or a pipe went on */
				break;
			}
			char *grown = realloc(buffer, capacity * 2);
			if (!grown) {
				ok = false;
				break;
			}
			buffer = grown;
			capacity *= 2;
		}
		ssize_t got = read(descriptor, buffer + used, capacity - used);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			diag_error(diag, path, 0, NULL, _("cannot read the file: %s"), strerror(errno));
			free(buffer);
			if (!standard_input)
				close(descriptor);
			return false;
		}
		if (got == 0)
			break;
		used += (size_t)got;
	}
	if (!standard_input)
		close(descriptor);
	if (too_big || used > FILE_SIZE_LIMIT) {
		free(buffer);
		refuse_size(path, diag);
		return false;
	}
	if (!ok) {
		free(buffer);
		diag_memory_error(diag, path, 0, _("out of memory reading the file"));
		return false;
	}
	*data = buffer;
	*size = used;
	return true;
}

bool file_read_at(const char *path, bool follow, char **data, size_t *size, struct file_identity *identity,
		  struct diagnostics *diag)
{
	bool mapped;
	return read_or_map(path, follow, SIZE_MAX, data, size, &mapped, identity, diag);
}

bool file_read(const char *path, char **data, size_t *size, struct diagnostics *diag)
{
	return file_read_at(path, true, data, size, NULL, diag);
}

bool file_read_or_map(const char *path, size_t map_from, char **data, size_t *size, bool *mapped,
		      struct diagnostics *diag)
{
	return read_or_map(path, true, map_from, data, size, mapped, NULL, diag);
}

void file_unmap(char *data, size_t size)
{
	if (data)
		munmap(data, size);
}

/* --- where a path leads ------------------------------------------------------- */

char *file_resolve(const char *path)
{
	char *current = strdup(path);
	for (int hops = 0; current && hops < 40; hops++) {
		struct stat status;
		if (lstat(current, &status) != 0 || !S_ISLNK(status.st_mode))
			return current;   /* the end of the links (which may not exist yet) */
		char target[PATH_MAX];
		ssize_t length = readlink(current, target, sizeof target - 1);
		if (length < 0)
			return current;
		target[length] = '\0';
		char *next;
		if (target[0] == '/' || !strchr(current, '/')) {
			next = strdup(target);
		} else {
			char *directory = directory_of(current);
			next = directory ? malloc(strlen(directory) + strlen(target) + 2) : NULL;
			if (next)
				sprintf(next, "%s/%s", directory, target);
			free(directory);
		}
		free(current);
		current = next;
	}
	if (current) {
		free(current);
		errno = ELOOP;
	} else {
		errno = ENOMEM;
	}
	return NULL;
}

/* --- the lock ------------------------------------------------------------------- */

/* Gives a file created beside path path's permissions (read and write
 * bits) and group, so that whoever may write path may use it. */
static void share_like(int descriptor, const char *like)
{
	struct stat status;
	if (like && stat(like, &status) == 0) {
		if (fchown(descriptor, (uid_t)-1, status.st_gid) != 0) {
			/* Not a member of that group: the file stays in ours. */
		}
		fchmod(descriptor, status.st_mode & 0666);
	} else {
		fchmod(descriptor, creation_mode());
	}
}

int file_lock_acquire(const char *path, struct file_lock *lock, struct diagnostics *diag)
{
	lock->descriptor = -1;
	char *lock_path = join(path, ".lock");
	if (!lock_path) {
		diag_memory_error(diag, path, 0, _("out of memory"));
		return ENOMEM;
	}
	/* Read-only is enough for flock, so a lock file someone else created
	 * serves everyone who may read it. */
	int flags = O_RDONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC;
	int descriptor = -1;
	for (int attempt = 0; descriptor < 0 && attempt < 3; attempt++) {
		descriptor = open(lock_path, flags);
		if (descriptor >= 0 || errno != ENOENT)
			break;
		descriptor = open(lock_path, flags | O_CREAT | O_EXCL, 0600);
		if (descriptor >= 0)
			share_like(descriptor, path);
		else if (errno != EEXIST)
			break;
	}
	if (descriptor < 0) {
		int error = errno;
		if (error == ELOOP)
			diag_error(diag, path, 0, NULL,
				   _("the lock file %s is a symbolic link; duty does not follow one: remove it"),
				   lock_path);
		else
			diag_error(diag, path, 0, NULL, _("cannot create the lock file %s: %s"), lock_path,
				   strerror(error));
		free(lock_path);
		return error;
	}
	while (flock(descriptor, LOCK_EX) != 0) {
		if (errno == EINTR)
			continue;
		int error = errno;
		diag_error(diag, path, 0, NULL, _("cannot lock %s: %s"), lock_path, strerror(error));
		close(descriptor);
		free(lock_path);
		return error;
	}
	free(lock_path);
	lock->descriptor = descriptor;
	return 0;
}

int file_lock_shared(const char *path, struct file_lock *lock)
{
	lock->descriptor = -1;
	char *lock_path = join(path, ".lock");
	if (!lock_path)
		return ENOMEM;
	int descriptor = open(lock_path, O_RDONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
	free(lock_path);
	if (descriptor < 0)
		return errno;
	while (flock(descriptor, LOCK_SH) != 0) {
		if (errno == EINTR)
			continue;
		int error = errno;
		close(descriptor);
		return error;
	}
	lock->descriptor = descriptor;
	return 0;
}

void file_lock_release(struct file_lock *lock)
{
	if (lock->descriptor >= 0) {
		flock(lock->descriptor, LOCK_UN);
		close(lock->descriptor);
	}
	lock->descriptor = -1;
}

/* --- replacing ------------------------------------------------------------------ */

/* A file that is not regular (a device, a FIFO): written straight. */
static int write_straight(const char *path, const char *target, const char *data, size_t size,
			  struct diagnostics *diag)
{
	int descriptor = open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	bool ok = descriptor >= 0 && file_write_all(descriptor, data, size);
	int error = ok ? 0 : errno;
	if (descriptor >= 0 && close(descriptor) != 0 && ok)
		error = errno;
	if (error)
		diag_error(diag, path, 0, NULL, _("could not write: %s"), strerror(error));
	return error;
}

/* Refuses a file that duty must not replace; returns 0 or an errno. */
static int check_replaceable(const char *path, const char *target, const struct stat *status,
			     struct diagnostics *diag)
{
	if ((status->st_mode & 0222) == 0 || faccessat(AT_FDCWD, target, W_OK, AT_EACCESS) != 0) {
		diag_error(diag, path, 0, NULL,
			   _("the file is read-only (mode %04o): duty leaves it as it is; make it writable "
			     "(chmod u+w) to change it"),
			   (unsigned)(status->st_mode & 07777));
		return EACCES;
	}
	if (status->st_nlink > 1) {
		diag_error(diag, path, 0, NULL,
			   _("the file has %lu hard links: replacing it would leave the other names with the "
			     "old content; use a symbolic link or a copy instead"),
			   (unsigned long)status->st_nlink);
		return EMLINK;
	}
	return 0;
}

char *file_resolve_reported(const char *path, struct diagnostics *diag)
{
	char *target = file_resolve(path);
	if (target)
		return target;
	int error = errno;
	diag_system_error(diag, path, 0, error, _("cannot follow the symbolic link: %s"), strerror(error));
	errno = error;
	return NULL;
}

int file_check_replaceable(const char *path, struct diagnostics *diag)
{
	char *target = file_resolve_reported(path, diag);
	if (!target)
		return errno;
	struct stat status;
	int error = stat(target, &status) == 0 && S_ISREG(status.st_mode)
			    ? check_replaceable(path, target, &status, diag) : 0;
	free(target);
	return error;
}

/* Writes data to a new temporary file beside target with the given
 * status's mode, owner and group (or the default mode when status is
 * NULL). Returns the descriptor-free path (malloc'ed), or NULL after
 * reporting which step failed. */
static char *write_temporary(const char *path, const char *target, const char *data, size_t size,
			     const struct stat *status, int *error, struct diagnostics *diag)
{
	char *directory = directory_of(target);
	struct strbuf temporary;
	strbuf_init(&temporary);
	if (directory)
		strbuf_printf(&temporary, "%s/.%s.tmp.XXXXXX", directory, base_name(target));
	free(directory);
	if (!directory || temporary.failed) {
		strbuf_free(&temporary);
		diag_memory_error(diag, path, 0, _("out of memory"));
		*error = ENOMEM;
		return NULL;
	}
	const char *step = _("create a temporary file beside it");
	int descriptor = mkstemp(temporary.data);
	bool created = descriptor >= 0;
	bool ok = created;
	if (ok && status && fchown(descriptor, status->st_uid, status->st_gid) != 0
	    && fchown(descriptor, (uid_t)-1, status->st_gid) != 0) {
		/* Only root may give a file away; the group is kept when this
		 * user belongs to it. Otherwise the new file is this user's. */
	}
	if (ok) {
		/* After fchown, which may clear the set-id bits. */
		step = _("set the permissions of the temporary file");
		ok = fchmod(descriptor, status ? status->st_mode & 07777 : creation_mode()) == 0;
	}
	if (ok) {
		step = _("write");
		ok = file_write_all(descriptor, data, size);
	}
	if (ok) {
		step = _("sync (fsync) the new content to disk");
		ok = fsync(descriptor) == 0;
	}
	if (created && close(descriptor) != 0 && ok) {
		step = _("close the temporary file");
		ok = false;
	}
	if (!ok) {
		*error = errno;
		if (created)
			unlink(temporary.data);
		diag_error(diag, path, 0, NULL, _("could not %s: %s; the file is unchanged"), step, strerror(*error));
		strbuf_free(&temporary);
		return NULL;
	}
	return strbuf_detach(&temporary);
}

int file_replace_checked(const char *path, const char *data, size_t size, const struct file_identity *expected,
			 struct diagnostics *diag)
{
	/* A device or a FIFO, however reached (/dev/stdout leads to a pipe
	 * that has no name to rename over): written straight. */
	struct stat status;
	if (stat(path, &status) == 0 && !S_ISREG(status.st_mode) && !S_ISDIR(status.st_mode))
		return write_straight(path, path, data, size, diag);
	char *target = file_resolve_reported(path, diag);
	if (!target)
		return errno;
	bool exists = stat(target, &status) == 0;
	int error = 0;
	if (exists && !S_ISREG(status.st_mode) && !S_ISDIR(status.st_mode)) {
		error = write_straight(path, target, data, size, diag);
		free(target);
		return error;
	}
	if (exists && S_ISDIR(status.st_mode)) {
		diag_error(diag, path, 0, NULL, _("this is a directory, not a file"));
		free(target);
		return EISDIR;
	}
	if (exists)
		error = check_replaceable(path, target, &status, diag);
	if (!error && expected) {
		struct file_identity now;
		if (exists)
			identify(&status, &now);
		if (!exists || !same_file(&now, expected))
			error = FILE_CHANGED;
	}
	char *temporary = error ? NULL : write_temporary(path, target, data, size, exists ? &status : NULL, &error, diag);
	if (temporary && expected) {
		/* The last look before the rename: a save by another program since
		 * the file was read (an editor saving by rename, or in place). */
		struct file_identity now;
		if (stat(target, &status) != 0 || (identify(&status, &now), !same_file(&now, expected))) {
			unlink(temporary);
			error = FILE_CHANGED;
		}
	}
	if (temporary && !error && rename(temporary, target) != 0) {
		error = errno;
		unlink(temporary);
		diag_error(diag, path, 0, NULL, _("could not %s: %s; the file is unchanged"),
			   _("rename the new file into place"), strerror(error));
	} else if (temporary && !error && !sync_directory(target)) {
		/* The rename is done; only its durability across a crash is in doubt. */
		diag_warning(diag, path, 0, NULL, _("could not sync the directory after renaming: %s"),
			     strerror(errno));
	}
	free(temporary);
	free(target);
	return error;
}

int file_replace(const char *path, const char *data, size_t size, struct diagnostics *diag)
{
	return file_replace_checked(path, data, size, NULL, diag);
}

int file_create(const char *path, const char *data, size_t size, struct diagnostics *diag)
{
	struct stat status;
	if (lstat(path, &status) == 0)
		return EEXIST;
	int error = 0;
	char *temporary = write_temporary(path, path, data, size, NULL, &error, diag);
	if (!temporary)
		return error;
	/* link never replaces a file: a plan that appeared meanwhile stays. */
	if (link(temporary, path) != 0) {
		error = errno;
		if (error != EEXIST)
			diag_error(diag, path, 0, NULL, _("could not %s: %s; the file is unchanged"),
				   _("link the new file into place"), strerror(error));
	}
	unlink(temporary);
	free(temporary);
	if (!error)
		sync_directory(path);
	return error;
}

size_t file_remove_stale_temporaries(const char *path)
{
	char *directory = directory_of(path);
	char *prefix = join(".", base_name(path));
	char *pattern = prefix ? join(prefix, ".tmp.") : NULL;
	DIR *listing = directory && pattern ? opendir(directory) : NULL;
	size_t removed = 0;
	struct dirent *entry;
	while (listing && (entry = readdir(listing)) != NULL) {
		/* mkstemp's six characters after the pattern, nothing else. */
		size_t length = strlen(pattern);
		const char *name = entry->d_name;
		if (strncmp(name, pattern, length) != 0 || strlen(name) != length + 6)
			continue;
		bool suffix = true;
		for (const char *p = name + length; *p; p++)
			suffix = suffix && ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'));
		struct stat status;
		if (!suffix || fstatat(dirfd(listing), name, &status, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(status.st_mode))
			continue;
		if (unlinkat(dirfd(listing), name, 0) == 0)
			removed++;
	}
	if (listing)
		closedir(listing);
	free(directory);
	free(prefix);
	free(pattern);
	return removed;
}

/* --- appending ------------------------------------------------------------------- */

bool file_append(const char *path, const char *like, off_t keep, const char *preface, size_t preface_size,
		 const char *data, size_t size, struct diagnostics *diag)
{
	bool created = false;
	int flags = O_WRONLY | O_APPEND | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC;
	int descriptor = open(path, flags);
	if (descriptor < 0 && errno == ENOENT) {
		descriptor = open(path, flags | O_CREAT | O_EXCL, 0600);
		created = descriptor >= 0;
		if (created)
			share_like(descriptor, like);
	}
	if (descriptor < 0) {
		if (errno == ELOOP)
			diag_error(diag, path, 0, NULL,
				   _("this is a symbolic link; duty does not append through one: replace it with "
				     "the file itself"));
		else
			diag_error(diag, path, 0, NULL, _("cannot open for appending: %s"), strerror(errno));
		return false;
	}
	struct stat status;
	bool ok = fstat(descriptor, &status) == 0;
	if (ok && !S_ISREG(status.st_mode)) {
		refuse_kind(path, status.st_mode, diag);
		close(descriptor);
		return false;
	}
	off_t before = ok ? status.st_size : 0;
	if (ok && keep >= 0 && keep < before) {
		ok = ftruncate(descriptor, keep) == 0;
		before = keep;
	}
	bool fresh = created || before == 0;
	if (ok && fresh && preface_size) {
		/* One write for preface and data, so no reader sees one alone. */
		char *both = malloc(preface_size + size);
		ok = both != NULL;
		if (ok) {
			memcpy(both, preface, preface_size);
			memcpy(both + preface_size, data, size);
			ok = file_write_all(descriptor, both, preface_size + size);
		}
		free(both);
	} else if (ok) {
		ok = file_write_all(descriptor, data, size);
	}
	ok = ok && fsync(descriptor) == 0;
	int error = ok ? 0 : errno;
	if (!ok && ftruncate(descriptor, before) == 0)
		fsync(descriptor);   /* no half record is left behind */
	if (close(descriptor) != 0 && ok) {
		ok = false;
		error = errno;
	}
	if (!ok) {
		if (created && before == 0)
			unlink(path);
		diag_system_error(diag, path, 0, error, _("could not append: %s"), strerror(error ? error : EIO));
	}
	return ok;
}

/* PATH as the file writing it would change, spelled one way: its links
 * followed (file_resolve), its directory's links resolved, "DIR/NAME";
 * NULL when the directory does not exist (or memory ran out). */
static char *canonical_name(const char *path)
{
	char *resolved = file_resolve(path);
	char *directory = resolved ? directory_of(resolved) : NULL;
	char *real = directory ? realpath(directory, NULL) : NULL;
	const char *slash = resolved ? strrchr(resolved, '/') : NULL;
	const char *name = slash ? slash + 1 : resolved;
	char *whole = real ? malloc(strlen(real) + strlen(name) + 2) : NULL;
	if (whole)
		sprintf(whole, "%s/%s", real, name);
	free(real);
	free(directory);
	free(resolved);
	return whole;
}

bool file_same(const char *a, const char *b)
{
	struct stat first, second;
	bool a_exists = stat(a, &first) == 0, b_exists = stat(b, &second) == 0;
	if (a_exists || b_exists)
		return a_exists && b_exists && first.st_dev == second.st_dev && first.st_ino == second.st_ino;
	char *a_name = canonical_name(a), *b_name = canonical_name(b);
	bool same = a_name && b_name ? strcmp(a_name, b_name) == 0 : strcmp(a, b) == 0;
	free(a_name);
	free(b_name);
	return same;
}
