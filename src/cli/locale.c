/*
 * locale.c - the locale and gettext's message catalogue (see locale.h).
 */
#include "cli/locale.h"

#include <locale.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/paths.h"
#include "duty/i18n.h"
#include "duty/strbuf.h"

#ifndef DUTY_LOCALEDIR
#define DUTY_LOCALEDIR "/usr/local/share/locale"
#endif

void locale_init(void)
{
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	char *directory = paths_binary_directory();
	const char *chosen = DUTY_LOCALEDIR;
	struct strbuf path = STRBUF_INIT;
	static const char *const relative[] = { "/locale", "/../share/locale" };
	for (size_t i = 0; directory && i < 2; i++) {
		strbuf_clear(&path);
		strbuf_printf(&path, "%s%s/zh_CN/LC_MESSAGES/duty.mo", directory, relative[i]);
		if (!path.failed && access(path.data, R_OK) == 0) {
			strbuf_clear(&path);
			strbuf_printf(&path, "%s%s", directory, relative[i]);
			chosen = path.data;
			break;
		}
	}
	bindtextdomain("duty", chosen);
	bind_textdomain_codeset("duty", "UTF-8");
	textdomain("duty");
	strbuf_free(&path);
	free(directory);
}
