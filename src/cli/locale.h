/*
 * locale.h - the interface language: the locale and the message catalogue.
 */
#ifndef DUTY_LOCALE_H
#define DUTY_LOCALE_H

#include <stdbool.h>

/* Sets up the locale and the message catalogue found beside the binary
 * (build/locale), in the installed tree (share/locale), or at LOCALEDIR.
 * Numbers are read and written with a decimal point whatever the locale. */
void locale_init(void);
/* Whether memory ran out setting a language up (locale_init,
 * locale_use_language): text may be in another language. */
bool locale_ran_out(void);

/* Whether a locale name ("zh_CN.UTF-8", "ja_JP", "ko") is Chinese, Japanese
 * or Korean: there, East Asian Ambiguous characters take two columns. */
bool locale_is_east_asian(const char *name);

/* Messages in language ("zh_CN", "en") until locale_restore_language,
 * whatever LANG and LANGUAGE say: for documents that follow the plan's
 * language rather than the user's (duty sheets, workbooks). */
void locale_use_language(const char *language);
void locale_restore_language(void);

/* True when text has a Chinese character (a CJK ideograph). */
bool locale_text_is_chinese(const char *text);

#endif
