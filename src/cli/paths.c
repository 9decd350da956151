/*
 * paths.c - finding duty's files (see paths.h).
 */
#include "cli/paths.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "duty/strbuf.h"

#ifndef DUTY_DATADIR
#define DUTY_DATADIR "/usr/local/share/duty"
#endif

#define SHIPPED_PLAN "tasks_2018.csv"

/* The running binary's directory into directory; false when unknown. */
static bool binary_directory(char directory[PATH_MAX])
{
	ssize_t length = readlink("/proc/self/exe", directory, PATH_MAX - 1);
	if (length <= 0)
		return false;
	directory[length] = '\0';
	char *slash = strrchr(directory, '/');
	if (!slash)
		return false;
	*slash = '\0';
	return true;
}

char *paths_binary_directory(void)
{
	char directory[PATH_MAX];
	return binary_directory(directory) ? strdup(directory) : NULL;
}

/* The shipped plan: beside the binary in a build tree (build/../data), in
 * an installed tree (bin/../share/duty), or at the configured DATADIR.
 * Running out of memory is NULL, never another place. */
char *paths_shipped_plan(void)
{
	char directory[PATH_MAX];
	static const char *const relative[] = { "/../data/", "/../share/duty/" };
	bool beside = binary_directory(directory);
	for (size_t i = 0; beside && i < 2; i++) {
		struct strbuf path = STRBUF_INIT;
		strbuf_printf(&path, "%s%s%s", directory, relative[i], SHIPPED_PLAN);
		if (path.failed)
			return NULL;
		if (access(path.data, R_OK) == 0) {
			/* Shown in messages: say data/tasks_2018.csv, not build/../data. */
			char *canonical = realpath(path.data, NULL);
			if (!canonical)
				return strbuf_detach(&path);
			strbuf_free(&path);
			return canonical;
		}
		strbuf_free(&path);
	}
	return strdup(DUTY_DATADIR "/" SHIPPED_PLAN);
}

char *paths_working_directory(bool *out_of_memory)
{
	*out_of_memory = false;
	struct strbuf path = STRBUF_INIT;
	const char *data_home = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	if (data_home && data_home[0] == '/')
		strbuf_printf(&path, "%s/duty", data_home);
	else if (home && *home)
		strbuf_printf(&path, "%s/.local/share/duty", home);
	else
		return NULL;
	*out_of_memory = path.failed;
	return strbuf_detach(&path);
}

char *paths_working_plan(bool *out_of_memory)
{
	char *directory = paths_working_directory(out_of_memory);
	if (!directory)
		return NULL;
	struct strbuf file = STRBUF_INIT;
	strbuf_printf(&file, "%s/%s", directory, SHIPPED_PLAN);
	free(directory);
	*out_of_memory = file.failed;
	if (file.failed || access(file.data, R_OK) != 0) {
		strbuf_free(&file);
		return NULL;
	}
	return strbuf_detach(&file);
}

/* The unit directory shipped with duty, beside the shipped plan; malloc'ed. */
static char *paths_shipped_units(void)
{
	char *plan = paths_shipped_plan();
	char *units = plan ? paths_sibling(plan, "units.csv") : NULL;
	free(plan);
	return units;
}

char *paths_units_for(const char *plan, bool *shipped)
{
	*shipped = false;
	char *beside = paths_sibling(plan, "units.csv");
	if (!beside || access(beside, F_OK) == 0 || errno != ENOENT)
		return beside;
	char *fallback = paths_shipped_units();
	if (!fallback || strcmp(fallback, beside) == 0 || access(fallback, R_OK) != 0) {
		free(fallback);
		return beside;   /* none anywhere: the error names the one beside the plan */
	}
	free(beside);
	*shipped = true;
	return fallback;
}

char *paths_sibling(const char *path, const char *name)
{
	const char *slash = strrchr(path, '/');
	struct strbuf result = STRBUF_INIT;
	if (slash)
		strbuf_append(&result, path, (size_t)(slash - path + 1));
	strbuf_puts(&result, name);
	return strbuf_detach(&result);
}

/* mkdir -p */
bool paths_make_directories(const char *path)
{
	char *copy = strdup(path);
	if (!copy)
		return false;
	for (char *p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
			free(copy);
			return false;
		}
		*p = '/';
	}
	bool ok = mkdir(copy, 0777) == 0 || errno == EEXIST;
	free(copy);
	return ok;
}
