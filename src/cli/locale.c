/*
 * locale.c - the locale and gettext's message catalogue (see locale.h).
 */
#include "cli/locale.h"

#include <errno.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/paths.h"
#include "duty/i18n.h"
#include "duty/strbuf.h"
#include "duty/text.h"
#include "duty/utf8.h"

#ifndef DUTY_LOCALEDIR
#define DUTY_LOCALEDIR "/usr/local/share/locale"
#endif

bool locale_is_east_asian(const char *name)
{
	if (!name)
		return false;
	static const char *const languages[] = { "zh", "ja", "ko" };
	for (size_t i = 0; i < 3; i++)
		if (strncmp(name, languages[i], 2) == 0 && (name[2] == '\0' || name[2] == '_' || name[2] == '.'
								|| name[2] == '@'))
			return true;
	return false;
}

/* The locale that governs characters: LC_CTYPE as set, or, when the
 * system lacks that locale (setlocale fell back to C), as asked for. */
static const char *character_locale(void)
{
	const char *set = setlocale(LC_CTYPE, NULL);
	if (set && strcmp(set, "C") != 0 && strcmp(set, "POSIX") != 0)
		return set;
	static const char *const variables[] = { "LC_ALL", "LC_CTYPE", "LANG" };
	for (size_t i = 0; i < 3; i++) {
		const char *value = getenv(variables[i]);
		if (value && *value)
			return value;
	}
	return set;
}

static void decide_ambiguous_width(void)
{
	/* DUTY_AMBIGUOUS_WIDTH=1 or 2 for a terminal that draws them otherwise. */
	const char *forced = getenv("DUTY_AMBIGUOUS_WIDTH");
	if (forced && (strcmp(forced, "1") == 0 || strcmp(forced, "2") == 0))
		text_set_ambiguous_width(forced[0] - '0');
	else
		text_set_ambiguous_width(locale_is_east_asian(character_locale()) ? 2 : 1);
}

/* Memory ran out setting a language: messages and documents may then be
 * in another (cli_memory_ran_out). */
static bool ran_out;

bool locale_ran_out(void)
{
	return ran_out;
}

/* setlocale, noting a failure for want of memory (a locale the system
 * lacks is not one). */
static void set_locale(int category, const char *name)
{
	errno = 0;
	if (!setlocale(category, name) && errno == ENOMEM)
		ran_out = true;
}

void locale_init(void)
{
	/* Only the categories duty depends on: characters (the ambiguous
	 * width, gettext's conversion) and messages. The others (numbers stay
	 * C for strtod; no collation, money or locale time formats) would each
	 * cost two file opens at every start-up. */
	set_locale(LC_CTYPE, "");
	set_locale(LC_MESSAGES, "");
	decide_ambiguous_width();
	errno = 0;
	char *directory = paths_binary_directory();
	if (!directory && errno == ENOMEM)
		ran_out = true;
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
	if (path.failed || !bindtextdomain("duty", chosen) || !bind_textdomain_codeset("duty", "UTF-8")
	    || !textdomain("duty"))
		ran_out = true;   /* they fail only for want of memory */
	strbuf_free(&path);
	free(directory);
}

/* What LANGUAGE and LC_MESSAGES were before locale_use_language. */
static struct {
	bool switched;
	char *language;      /* NULL when LANGUAGE was not set */
	char *messages;
} saved;

void locale_use_language(const char *language)
{
	if (saved.switched)
		locale_restore_language();
	const char *current = getenv("LANGUAGE");
	const char *messages = setlocale(LC_MESSAGES, NULL);
	saved.language = current ? strdup(current) : NULL;
	saved.messages = strdup(messages ? messages : "C");
	if ((current && !saved.language) || !saved.messages) {
		free(saved.language);
		free(saved.messages);
		saved.language = saved.messages = NULL;
		ran_out = true;   /* the user's language stays */
		return;
	}
	saved.switched = true;
	if (setenv("LANGUAGE", language, 1) != 0)
		ran_out = true;
	/* gettext ignores LANGUAGE in the C locale; setting LC_MESSAGES again
	 * also makes it forget the messages it has looked up. */
	if (strcmp(saved.messages, "C") == 0 || strcmp(saved.messages, "POSIX") == 0)
		set_locale(LC_MESSAGES, "C.UTF-8");
	else
		set_locale(LC_MESSAGES, saved.messages);
}

void locale_restore_language(void)
{
	if (!saved.switched)
		return;
	if (saved.language)
		setenv("LANGUAGE", saved.language, 1);
	else
		unsetenv("LANGUAGE");
	setlocale(LC_MESSAGES, saved.messages);
	free(saved.language);
	free(saved.messages);
	saved.language = saved.messages = NULL;
	saved.switched = false;
}

bool locale_text_is_chinese(const char *text)
{
	size_t length = strlen(text);
	for (size_t offset = 0; offset < length;) {
		uint32_t codepoint;
		size_t used = utf8_decode(text + offset, length - offset, &codepoint);
		if (!used)
			return false;
		if ((codepoint >= 0x4E00 && codepoint <= 0x9FFF) || (codepoint >= 0x3400 && codepoint <= 0x4DBF))
			return true;
		offset += used;
	}
	return false;
}
