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

char *paths_binary_directory(void)
{
	char exe[PATH_MAX];
	ssize_t length = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (length <= 0)
		return NULL;
	exe[length] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return strdup(exe);
}

/* The shipped plan: beside the binary in a build tree (build/../data), in
 * an installed tree (bin/../share/duty), or at the configured DATADIR. */
char *paths_shipped_plan(void)
{
	char *directory = paths_binary_directory();
	static const char *const relative[] = { "/../data/", "/../share/duty/" };
	for (size_t i = 0; directory && i < 2; i++) {
		struct strbuf path = STRBUF_INIT;
		strbuf_printf(&path, "%s%s%s", directory, relative[i], SHIPPED_PLAN);
		if (!path.failed && access(path.data, R_OK) == 0) {
			free(directory);
			/* Shown in messages: say data/tasks_2018.csv, not build/../data. */
			char *canonical = realpath(path.data, NULL);
			if (!canonical)
				return strbuf_detach(&path);
			strbuf_free(&path);
			return canonical;
		}
		strbuf_free(&path);
	}
	free(directory);
	return strdup(DUTY_DATADIR "/" SHIPPED_PLAN);
}

char *paths_working_directory(void)
{
	struct strbuf path = STRBUF_INIT;
	const char *data_home = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	if (data_home && data_home[0] == '/')
		strbuf_printf(&path, "%s/duty", data_home);
	else if (home && *home)
		strbuf_printf(&path, "%s/.local/share/duty", home);
	else
		return NULL;
	return strbuf_detach(&path);
}

char *paths_working_plan(void)
{
	char *directory = paths_working_directory();
	if (!directory)
		return NULL;
	struct strbuf file = STRBUF_INIT;
	strbuf_printf(&file, "%s/%s", directory, SHIPPED_PLAN);
	free(directory);
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
