/*
 * i18n.h - marks user-visible text for translation. Messages are written
 * in English inside _() so a message catalogue can replace them.
 */
#ifndef DUTY_I18N_H
#define DUTY_I18N_H

#define _(text) (text)
#define N_(text) (text)

#endif
