/*
 * paths.h - where duty's files are: the shipped plan, the working copy
 * made by `duty init`, the unit directory beside a plan.
 */
#ifndef DUTY_PATHS_H
#define DUTY_PATHS_H

#include <stdbool.h>

/* The directory of the running binary, or NULL; malloc'ed. */
char *paths_binary_directory(void);

/* The plan shipped with duty (data/ in a build tree, share/duty when
 * installed); malloc'ed, NULL when out of memory. */
char *paths_shipped_plan(void);

/* Where `duty init` puts the working copy: $XDG_DATA_HOME/duty, else
 * ~/.local/share/duty. malloc'ed; NULL when neither is known, or when out
 * of memory (*out_of_memory is then set). */
char *paths_working_directory(bool *out_of_memory);

/* The working copy's plan when `duty init` has made one, else NULL (with
 * *out_of_memory set when that is why). */
char *paths_working_plan(bool *out_of_memory);


/* The unit directory of a plan: units.csv beside it; when there is none
 * there, the shipped one (*shipped is set), so a plan copied elsewhere on
 * its own still loads. malloc'ed, NULL when out of memory. */
char *paths_units_for(const char *plan, bool *shipped);

/* "dir/name" for a file beside path; malloc'ed, NULL when out of memory. */
char *paths_sibling(const char *path, const char *name);

/* mkdir -p: makes the directory and those above it that are missing;
 * false (errno set) when it cannot. */
bool paths_make_directories(const char *path);

#endif
