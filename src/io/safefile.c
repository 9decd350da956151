/*
 * safefile.c - locks, atomic replacement and synced appends, with plain
 * POSIX calls (open, write, fsync, rename) rather than stdio, so that
 * every step's failure is seen and can be injected in tests (see
 * tests/shim/failio.c).
 */
#include "duty/safefile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
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

int file_lock_acquire(const char *path, struct file_lock *lock, struct diagnostics *diag)
{
	lock->descriptor = -1;
	char *lock_path = join(path, ".lock");
	if (!lock_path) {
		diag_memory_error(diag, path, 0, _("out of memory"));
		return ENOMEM;
	}
	int descriptor = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (descriptor < 0) {
		int error = errno;
		diag_error(diag, path, 0, NULL, _("cannot create the lock file %s: %s"), lock_path, strerror(error));
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

void file_lock_release(struct file_lock *lock)
{
	if (lock->descriptor >= 0) {
		flock(lock->descriptor, LOCK_UN);
		close(lock->descriptor);
	}
	lock->descriptor = -1;
}

static bool write_all(int descriptor, const char *data, size_t size)
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

int file_replace(const char *path, const char *data, size_t size, struct diagnostics *diag)
{
	char *directory = directory_of(path);
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	struct strbuf temporary;
	strbuf_init(&temporary);
	if (directory)
		strbuf_printf(&temporary, "%s/.%s.tmp.XXXXXX", directory, name);
	free(directory);
	if (!directory || temporary.failed) {
		strbuf_free(&temporary);
		diag_memory_error(diag, path, 0, _("out of memory"));
		return ENOMEM;
	}
	const char *step = _("create a temporary file beside it");
	int descriptor = mkstemp(temporary.data);
	bool created = descriptor >= 0;
	bool ok = created;
	if (ok) {
		/* The new file keeps the old one's permissions. */
		struct stat status;
		mode_t mask = umask(0);
		umask(mask);
		mode_t mode = stat(path, &status) == 0 ? status.st_mode & 07777 : 0666 & ~mask;
		step = _("set the permissions of the temporary file");
		ok = fchmod(descriptor, mode) == 0;
	}
	if (ok) {
		step = _("write");
		ok = write_all(descriptor, data, size);
	}
	if (ok) {
		step = _("sync (fsync) the new content to disk");
		ok = fsync(descriptor) == 0;
	}
	if (created && close(descriptor) != 0 && ok) {
		step = _("close the temporary file");
		ok = false;
	}
	if (ok) {
		step = _("rename the new file into place");
		ok = rename(temporary.data, path) == 0;
	}
	int error = ok ? 0 : errno;
	if (!ok) {
		if (created)
			unlink(temporary.data);
		diag_error(diag, path, 0, NULL, _("could not %s: %s; the file is unchanged"), step, strerror(error));
	} else if (!sync_directory(path)) {
		/* The rename is done; only its durability across a crash is in doubt. */
		diag_warning(diag, path, 0, NULL, _("could not sync the directory after renaming: %s"),
			     strerror(errno));
	}
	strbuf_free(&temporary);
	return error;
}

bool file_append(const char *path, const char *preface, size_t preface_size, const char *data, size_t size,
		 struct diagnostics *diag)
{
	bool created = false;
	int descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (descriptor < 0 && errno == ENOENT) {
		descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		created = descriptor >= 0;
	}
	if (descriptor < 0) {
		diag_error(diag, path, 0, NULL, _("cannot open for appending: %s"), strerror(errno));
		return false;
	}
	bool ok = true;
	if (created && preface_size) {
		/* One write for preface and data, so no reader sees one alone. */
		char *both = malloc(preface_size + size);
		ok = both != NULL;
		if (ok) {
			memcpy(both, preface, preface_size);
			memcpy(both + preface_size, data, size);
			ok = write_all(descriptor, both, preface_size + size);
		}
		free(both);
	} else {
		ok = write_all(descriptor, data, size);
	}
	ok = ok && fsync(descriptor) == 0;
	int error = errno;
	if (close(descriptor) != 0 && ok) {
		ok = false;
		error = errno;
	}
	if (!ok)
		diag_error(diag, path, 0, NULL, _("could not append: %s"), strerror(error));
	return ok;
}

bool file_read(const char *path, char **data, size_t *size, struct diagnostics *diag)
{
	*data = NULL;
	*size = 0;
	int descriptor = open(path, O_RDONLY | O_CLOEXEC);
	if (descriptor < 0) {
		diag_error(diag, path, 0, NULL, _("cannot open the file: %s"), strerror(errno));
		return false;
	}
	struct stat status;
	size_t capacity = 1 << 16;
	if (fstat(descriptor, &status) == 0 && S_ISREG(status.st_mode) && status.st_size > 0
	    && (unsigned long long)status.st_size < SIZE_MAX / 2)
		capacity = (size_t)status.st_size + 1;
	char *buffer = malloc(capacity);
	size_t used = 0;
	bool ok = buffer != NULL;
	while (ok) {
		if (used == capacity) {
			char *grown = capacity < SIZE_MAX / 2 ? realloc(buffer, capacity * 2) : NULL;
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
			close(descriptor);
			return false;
		}
		if (got == 0)
			break;
		used += (size_t)got;
	}
	close(descriptor);
	if (!ok) {
		free(buffer);
		diag_memory_error(diag, path, 0, _("out of memory reading the file"));
		return false;
	}
	*data = buffer;
	*size = used;
	return true;
}
