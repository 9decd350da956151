/*
 * ics.c - iCalendar (RFC 5545) output: one all-day VEVENT per milestone,
 * with a UID that stays the same for the same plan, task and milestone (so
 * a calendar that imports the file again updates its entries), text
 * escaped as section 3.3.11 says, CRLF line ends, and lines folded at 75
 * octets (3.1) without ever cutting a UTF-8 character.
 */
#include "duty/ics.h"
#include "duty/format.h"

#include <stdint.h>
#include <string.h>

#include "duty/text.h"

enum { ICS_LINE_OCTETS = 75 };

/* Writes one content line, folded: continuation lines start with a space. */
static void put_line(FILE *out, const char *line)
{
	size_t length = strlen(line), offset = 0, room = ICS_LINE_OCTETS;
	while (length - offset > room) {
		size_t cut = offset + room;
		while (cut > offset && ((unsigned char)line[cut] & 0xC0) == 0x80)
			cut--;   /* back to the start of the character */
		fwrite(line + offset, 1, cut - offset, out);
		fputs("\r\n ", out);
		offset = cut;
		room = ICS_LINE_OCTETS - 1;   /* the leading space counts */
	}
	fwrite(line + offset, 1, length - offset, out);
	fputs("\r\n", out);
}

/* Appends TEXT escaped: backslash, semicolon, comma, newline. RFC 5545
 * allows no control character in TEXT but the tab: CR (of a CRLF) goes,
 * other C0 controls, DEL and C1 controls become U+FFFD. */
static void put_text(struct strbuf *line, const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		switch (*p) {
		case '\\':
		case ';':
		case ',':
			strbuf_putc(line, '\\');
			strbuf_putc(line, (char)*p);
			break;
		case '\r':
			if (p[1] != '\n')
				strbuf_puts(line, "\xEF\xBF\xBD");
			break;
		case '\n':
			strbuf_puts(line, "\\n");
			break;
		case '\t':
			strbuf_putc(line, '\t');
			break;
		default:
			if (*p < 0x20 || *p == 0x7F || (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)) {
				strbuf_puts(line, "\xEF\xBF\xBD");
				p += *p == 0xC2;   /* a C1 control is two bytes */
			} else {
				strbuf_putc(line, (char)*p);
			}
		}
	}
}

static void put_property(FILE *out, struct strbuf *line, const char *name, const char *text)
{
	strbuf_clear(line);
	strbuf_puts(line, name);
	strbuf_putc(line, ':');
	put_text(line, text);
	put_line(out, strbuf_text(line));
}

/* 20181031 from 2018-10-31. */
static void put_date(char text[9], date_t date)
{
	char iso[DATE_TEXT_SIZE];
	date_format(date, iso);
	memcpy(text, iso, 4);
	memcpy(text + 4, iso + 5, 2);
	memcpy(text + 6, iso + 8, 2);
	text[8] = '\0';
}

void ics_begin(FILE *out, const char *name)
{
	struct strbuf line;
	strbuf_init(&line);
	put_line(out, "BEGIN:VCALENDAR");
	put_line(out, "VERSION:2.0");
	put_line(out, "PRODID:-//duty//duty responsibility tracker//ZH");
	put_line(out, "CALSCALE:GREGORIAN");
	put_line(out, "METHOD:PUBLISH");
	put_property(out, &line, "X-WR-CALNAME", name);
	strbuf_free(&line);
}

void ics_end(FILE *out)
{
	put_line(out, "END:VCALENDAR");
}

static uint32_t hash_text(const char *text)
{
	uint32_t hash = 2166136261u;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		hash = (hash ^ *p) * 16777619u;
	return hash;
}

/* A display alarm at 9:00, days before the all-day event's day: the
 * trigger counts back from its start, midnight, so 9:00 the day before is
 * -PT15H and days before is -P(days-1)DT15H. */
static void put_alarm(FILE *out, struct strbuf *line, const char *summary, unsigned days)
{
	put_line(out, "BEGIN:VALARM");
	put_line(out, "ACTION:DISPLAY");
	put_property(out, line, "DESCRIPTION", summary);
	strbuf_clear(line);
	if (days > 1)
		strbuf_printf(line, "TRIGGER:-P%uDT15H", days - 1);
	else
		strbuf_puts(line, "TRIGGER:-PT15H");
	put_line(out, strbuf_text(line));
	put_line(out, "END:VALARM");
}

void ics_event(FILE *out, const struct plan *plan, const struct task *task, size_t index, date_t stamp,
	       unsigned remind_days)
{
	const struct milestone *milestone = &task->milestones[index];
	struct strbuf line, text;
	strbuf_init(&line);
	strbuf_init(&text);
	char start[9], end[9], stamped[9];
	put_date(start, milestone->deadline);
	put_date(end, date_year(date_next_day(milestone->deadline)) <= 9999 ? date_next_day(milestone->deadline)
									  : milestone->deadline);
	put_date(stamped, stamp);
	put_line(out, "BEGIN:VEVENT");
	/* Stable: the same plan (title), task and milestone give the same UID. */
	strbuf_printf(&line, "UID:duty-%08x-%d-%ld-%zu@duty", hash_text(plan->title), plan->year, task->id,
		      index + 1);
	put_line(out, strbuf_text(&line));
	strbuf_clear(&line);
	strbuf_printf(&line, "DTSTAMP:%sT000000Z", stamped);
	put_line(out, strbuf_text(&line));
	strbuf_clear(&line);
	strbuf_printf(&line, "DTSTART;VALUE=DATE:%s", start);
	put_line(out, strbuf_text(&line));
	strbuf_clear(&line);
	/* An all-day event ends the next day; after 9999-12-31 there is no
	 * date to write, and one day is what an event without DTEND lasts. */
	if (date_year(date_next_day(milestone->deadline)) <= 9999)
		strbuf_printf(&line, "DTEND;VALUE=DATE:%s", end);
	else
		strbuf_puts(&line, "DURATION:P1D");
	put_line(out, strbuf_text(&line));

	strbuf_printf(&text, "%ld.%zu %s", task->id, index + 1, task->title);
	if (milestone->phrase[0])
		strbuf_printf(&text, "（%s）", milestone->phrase);
	put_property(out, &line, "SUMMARY", strbuf_text(&text));
	struct strbuf summary;
	strbuf_init(&summary);
	strbuf_puts(&summary, strbuf_text(&text));

	milestone_text_string(task, milestone, &text);
	for (size_t t = 0; t < task->target_count; t++) {
		const struct target *target = &task->targets[t];
		strbuf_printf(&text, "\n%s ", target->metric);
		format_target_goal(&text, target);
	}
	strbuf_puts(&text, "\n");
	format_milestone_units(&text, plan, task, milestone, "、");
	put_property(out, &line, "DESCRIPTION", strbuf_text(&text));
	put_line(out, "TRANSP:TRANSPARENT");
	if (remind_days)
		put_alarm(out, &line, strbuf_text(&summary), remind_days);
	put_line(out, "END:VEVENT");
	strbuf_free(&summary);
	strbuf_free(&line);
	strbuf_free(&text);
}
