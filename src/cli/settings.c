/*
 * settings.c - duty.conf beside the plan, what a copy remembers (see
 * settings.h).
 */
#include "cli/settings.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/output.h"
#include "cli/paths.h"
#include "duty/i18n.h"
#include "duty/safefile.h"
#include "duty/strbuf.h"

/* The value of "key=value" when line is that key's line. */
static const char *line_value(const char *line, size_t length, const char *key, size_t *value_length)
{
	size_t key_length = strlen(key);
	if (length <= key_length || strncmp(line, key, key_length) != 0 || line[key_length] != '=')
		return NULL;
	*value_length = length - key_length - 1;
	while (*value_length && (line[key_length + *value_length] == '\r'))
		(*value_length)--;
	return line + key_length + 1;
}

bool settings_read(const char *plan_path, const char *key, char **value)
{
	*value = NULL;
	char *path = paths_sibling(plan_path, SETTINGS_FILE);
	if (!path)
		return false;
	if (access(path, F_OK) != 0) {
		free(path);
		return true;
	}
	struct diagnostics diag;
	diagnostics_init(&diag, 1);
	char *data = NULL;
	size_t size = 0;
	bool ok = true;
	if (file_read(path, &data, &size, &diag)) {
		data[size] = '\0';
		for (char *line = data; line < data + size && !*value && ok;) {
			char *end = memchr(line, '\n', (size_t)(data + size - line));
			size_t length = end ? (size_t)(end - line) : strlen(line), value_length;
			const char *found = line_value(line, length, key, &value_length);
			if (found && value_length)
				ok = (*value = strndup(found, value_length)) != NULL;
			line += length + 1;
		}
	} else if (diag.out_of_memory) {
		ok = false;
	} else {
		cli_print_problems(&diag);   /* said, and the copy is used as if it had no settings */
	}
	free(data);
	free(path);
	diagnostics_free(&diag);
	return ok;
}

bool settings_write(const char *directory, const char *key, const char *value, struct diagnostics *diag)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	strbuf_printf(&path, "%s/%s", directory, SETTINGS_FILE);
	char *data = NULL;
	size_t size = 0;
	bool exists = access(strbuf_text(&path), F_OK) == 0;
	if (exists && !file_read(strbuf_text(&path), &data, &size, diag)) {
		strbuf_free(&path);
		return false;
	}
	if (exists) {
		data[size] = '\0';
		for (char *line = data; line < data + size;) {
			char *end = memchr(line, '\n', (size_t)(data + size - line));
			size_t length = end ? (size_t)(end - line) : strlen(line), value_length;
			if (!line_value(line, length, key, &value_length)) {
				strbuf_append(&text, line, length);
				strbuf_putc(&text, '\n');
			}
			line += length + 1;
		}
	} else {
		strbuf_puts(&text, "# duty's settings for the plan in this folder (duty init --unit U)\n");
	}
	strbuf_printf(&text, "%s=%s\n", key, value);
	bool written = !path.failed && !text.failed
		       && file_replace(strbuf_text(&path), strbuf_text(&text), text.length, diag) == 0;
	if (path.failed || text.failed)
		diag_memory_error(diag, directory, 0, _("out of memory"));
	free(data);
	strbuf_free(&path);
	strbuf_free(&text);
	return written;
}
