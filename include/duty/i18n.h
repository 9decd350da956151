/*
 * i18n.h - user-visible text goes through gettext: messages are written in
 * English inside _() and po/zh_CN.po gives them in Chinese when the locale
 * is Chinese (LANG=zh_CN.UTF-8, or LANGUAGE=zh_CN). N_() marks text that
 * is translated later, where it is used (tables of commands and columns).
 */
#ifndef DUTY_I18N_H
#define DUTY_I18N_H

#include <libintl.h>

#define _(text) gettext(text)
#define N_(text) (text)
/* Like N_(), for a word whose translation depends on where it stands: the
 * CSV header "title" (标题) is not the loader's "title" (重点工作（title）).
 * It is looked up with its context (gettext's msgctxt) where it is used. */
#define NC_(context, text) (text)

#endif
