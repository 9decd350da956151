/*
 * format.h - how the model reads as text, written once for every output:
 * item ids ("8.2"), unit lists, quantities ("98%", "340 家") and targets
 * (">= 98%").
 */
#ifndef DUTY_FORMAT_H
#define DUTY_FORMAT_H

#include <stddef.h>

#include "duty/plan.h"
#include "duty/strbuf.h"

/* A quantity as people write it: "98%" with the percent sign right after
 * the number, "340 家" with other units after a space. */
void format_quantity(struct strbuf *out, const char *value, const char *unit);

#endif
