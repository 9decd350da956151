/*
 * locale.h - the interface language: the locale and the message catalogue.
 */
#ifndef DUTY_LOCALE_H
#define DUTY_LOCALE_H

/* Sets up the locale and the message catalogue found beside the binary
 * (build/locale), in the installed tree (share/locale), or at LOCALEDIR.
 * Numbers are read and written with a decimal point whatever the locale. */
void locale_init(void);

#endif
