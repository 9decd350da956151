/*
 * phrases.h - the deadline rule: the time phrases of a responsibility
 * table ("6月前", "9月底前", "第三季度末", "每月10日前", "年底前", ...) and
 * the deadlines they mean in the plan year (docs/data-format.md, "The
 * deadline rule"). The loader checks milestones against it and `duty
 * import` cuts requirements at the phrases it finds; both use this file
 * and nothing else.
 */
#ifndef DUTY_PHRASES_H
#define DUTY_PHRASES_H

#include <stdbool.h>
#include <stddef.h>

#include "duty/date.h"

enum { PHRASE_MAX_DEADLINES = 12 };

enum phrase_status {
	PHRASE_KNOWN,        /* the rule gives the deadlines */
	PHRASE_UNKNOWN,      /* a time phrase the rule does not know ("国庆前", "1月前", "每周") */
	PHRASE_OTHER_YEAR,   /* a date outside the plan year ("2020年底前" in a 2019 plan) */
};

/* What a phrase means: one deadline, or one per occurrence of a recurring
 * phrase ("每月底" is 12, "每季度末" 4, "每半年" 2), earliest first. */
struct deadlines {
	date_t dates[PHRASE_MAX_DEADLINES];
	size_t count;
	bool implied;        /* no phrase at all: the year's end */
};

/*
 * The deadlines of a whole phrase (spaces around it ignored) in the plan
 * year. An empty phrase is December 31 with implied set. A phrase the rule
 * does not know, or one whose date falls outside the plan year, gives
 * December 31 too (implied set), with its status saying why. Besides the
 * phrases found in running text, a whole phrase may be a date
 * ("2019-06-30", "2019/6/30", "2019.6.30", "2019年6月30日"), a year
 * ("2019年"), or what deadline columns say for the whole year (长期坚持,
 * 持续推进, 常态化).
 */
enum phrase_status deadlines_from_phrase(const char *phrase, size_t length, int plan_year,
					 struct deadlines *deadlines);

/* True when deadline is one of the phrase's deadlines (and the phrase is
 * known); *expected gets the phrase's first deadline for messages. */
bool deadline_follows_phrase(const char *phrase, int plan_year, date_t deadline, date_t *expected);

struct phrase_match {
	size_t start, length;        /* bytes of the text */
	enum phrase_status status;
	struct deadlines deadlines;
};

/* Finds the first time phrase in text[from..length): the leftmost, and the
 * longest there ("到2018年底", not "2018年底"; "9月底前", not "9月"). Phrases
 * of whole-deadline cells only (长期坚持, 持续推进: in running text they are
 * verbs) and bare years are not found. */
bool phrase_find(const char *text, size_t length, size_t from, int plan_year, struct phrase_match *match);

#endif
