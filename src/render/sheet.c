/*
 * sheet.c - a unit's printable duty sheet (责任清单): one
 * self-contained HTML page (inline CSS, no network, laid out for A4) and
 * the same content as Markdown. Each task shows its requirement, its
 * milestones with deadlines and progress, its targets with what was
 * reported, and the units that share it.
 */
#include <string.h>

#include "duty/sheet.h"
#include "duty/format.h"
#include "duty/progress.h"
#include "duty/i18n.h"
#include "duty/text.h"

static void html_text(FILE *out, const char *text)
{
	for (const char *p = text; *p; p++) {
		switch (*p) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default: fputc(*p, out);
		}
	}
}

static void markdown_text(FILE *out, const char *text)
{
	for (const char *p = text; *p; p++) {
		if (strchr("\\`*_[]<>|#", *p))
			fputc('\\', out);
		/* CommonMark ends a line at LF, CR or CRLF: all become spaces. */
		fputc(*p == '\n' || *p == '\r' ? ' ' : *p, out);
	}
}

/* How much of a milestone's text a line of the sheet shows: enough to tell
 * 12.1 from 12.2; the requirement beside it has the whole. */
enum { MILESTONE_TEXT_COLUMNS = 40 };

/* "2018-10-31: 11月前主要农产品制定生产操作规程或生产模式图或标…" or
 * "2018-12-31 (year end): 创建放心示范餐饮店340家", plus where the unit stands,
 * in words. */
static void milestone_line(struct strbuf *out, const struct task *task, const struct milestone *milestone,
			   struct progress progress)
{
	struct strbuf words = STRBUF_INIT;
	const char *text = milestone_text_string(task, milestone, &words);
	char date[DATE_TEXT_SIZE];
	date_format(milestone->deadline, date);
	strbuf_puts(out, date);
	if (milestone->implied)
		strbuf_printf(out, " %s", _("(year end)"));
	else if (!strstr(text, milestone->phrase))
		strbuf_printf(out, " %s", milestone->phrase);
	strbuf_puts(out, ": ");
	text_shorten(out, text, MILESTONE_TEXT_COLUMNS);
	out->failed = out->failed || words.failed;
	strbuf_free(&words);
	if (progress.done_on)
		date_format(progress.done_on, date);
	if (progress.status == STATUS_DONE)
		strbuf_printf(out, _(" — done on %s"), date);
	else if (progress.status == STATUS_DONE_LATE)
		strbuf_printf(out, _(" — done late on %s"), date);
	else if (progress.status == STATUS_OVERDUE)
		strbuf_puts(out, _(" — overdue"));
}

/* The class of a milestone's line: done, late or overdue. */
static const char *milestone_class(struct progress progress)
{
	switch (progress.status) {
	case STATUS_DONE:
		return "done";
	case STATUS_DONE_LATE:
		return "done late";
	case STATUS_OVERDUE:
		return "overdue";
	default:
		return "";
	}
}

/* The other units of the task, and how this unit comes to it. */
static void units_line(struct strbuf *out, const struct plan *plan, const struct task_match *match, size_t unit)
{
	const struct task *task = match->task;
	size_t shown = 0;
	for (size_t u = 0; u < task->unit_count; u++) {
		if (task->units[u] == unit)
			continue;
		strbuf_printf(out, "%s%s", shown++ ? "、" : "", plan->units->units[task->units[u]].name);
	}
	if (task->units_etc)
		strbuf_puts(out, "等");
	if (match->via != NO_GROUP)
		strbuf_printf(out, _("%s(via %s)"), shown ? " " : "", plan->units->units[match->via].name);
}

static const char *const css =
	"@page { size: A4; margin: 14mm 12mm; }\n"
	"body { font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"WenQuanYi Zen Hei\", "
	"\"Microsoft YaHei\", \"PingFang SC\", sans-serif; font-size: 10pt; color: #111; margin: 0; }\n"
	"h1 { font-size: 15pt; margin: 0 0 2mm; }\n"
	".meta { margin: 0 0 4mm; color: #333; }\n"
	"table { width: 100%; border-collapse: collapse; table-layout: fixed; }\n"
	"th, td { border: 0.3mm solid #555; padding: 1.2mm 1.5mm; vertical-align: top; text-align: left; "
	"overflow-wrap: anywhere; }\n"
	"thead { display: table-header-group; }\n"
	"th { background: #eee; }\n"
	"tr { break-inside: avoid; page-break-inside: avoid; }\n"
	".title { font-weight: bold; white-space: nowrap; margin-bottom: 1mm; }\n"
	"ul { margin: 0; padding-left: 4mm; }\n"
	".done { color: #666; }\n"
	".late { color: #8a5a00; }\n"
	".overdue { color: #b00000; font-weight: bold; }\n"
	".units { color: #333; }\n";

/* What tells the two sheets apart: how text is escaped and the markup
 * around the parts every task has. */
struct markup {
	void (*text)(FILE *out, const char *text);
	void (*milestone_item)(FILE *out, struct progress progress);
	const char *milestones_end;
	void (*targets_begin)(FILE *out);
	const char *target_item, *item_end, *targets_end;
	const char *units_begin, *units_end;
};

static void html_milestone_item(FILE *out, struct progress progress)
{
	fprintf(out, "<li class=\"%s\">", milestone_class(progress));
}

static void markdown_milestone_item(FILE *out, struct progress progress)
{
	fprintf(out, "- %s ", progress.done_on ? "[x]" : "[ ]");
}

static void html_targets_begin(FILE *out)
{
	fputs("<ul>", out);
}

static void markdown_targets_begin(FILE *out)
{
	fprintf(out, "\n**%s**\n\n", _("Targets"));
}

/* The milestones that are the unit's, its targets and the units that share
 * the task, each in the sheet's markup. */
static void task_parts(FILE *out, const struct markup *markup, const struct plan *plan, date_t today,
		       size_t unit, const struct task_match *match, struct strbuf *text)
{
	const struct task *task = match->task;
	for (size_t m = 0; m < task->milestone_count; m++) {
		const struct milestone *milestone = &task->milestones[m];
		if (!milestone_duty(plan->units, task, milestone, unit).responsible)
			continue;
		struct progress progress = milestone_progress(plan->units, task, milestone, unit, today);
		strbuf_clear(text);
		milestone_line(text, task, milestone, progress);
		markup->milestone_item(out, progress);
		markup->text(out, strbuf_text(text));
		fputs(markup->item_end, out);
	}
	fputs(markup->milestones_end, out);
	if (task->target_count) {
		markup->targets_begin(out);
		for (size_t t = 0; t < task->target_count; t++) {
			strbuf_clear(text);
			struct target_progress report = target_progress(plan->units, &task->targets[t], unit);
			format_target_progress(text, &task->targets[t], &report);
			fputs(markup->target_item, out);
			markup->text(out, strbuf_text(text));
			fputs(markup->item_end, out);
		}
		fputs(markup->targets_end, out);
	}
	strbuf_clear(text);
	units_line(text, plan, match, unit);
	if (text->length) {
		fprintf(out, "%s%s", markup->units_begin, _("With: "));
		markup->text(out, strbuf_text(text));
		fputs(markup->units_end, out);
	}
}

void sheet_html(FILE *out, const struct plan *plan, date_t today, size_t unit,
		const struct task_match *matches, size_t count)
{
	static const struct markup html = {
		.text = html_text, .milestone_item = html_milestone_item, .milestones_end = "</ul></td><td>",
		.targets_begin = html_targets_begin, .target_item = "<li>", .item_end = "</li>", .targets_end = "</ul>",
		.units_begin = "<div class=\"units\">", .units_end = "</div>",
	};
	const char *unit_name = plan->units->units[unit].name;
	char today_text[DATE_TEXT_SIZE];
	date_format(today, today_text);
	/* TRANSLATORS: the language code of a duty sheet's HTML (lang="..."). */
	fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>", _("en"));
	html_text(out, plan->title);
	fputs(" — ", out);
	html_text(out, unit_name);
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", css);
	html_text(out, plan->title);
	fputs("</h1>\n<p class=\"meta\">", out);
	struct strbuf text;
	strbuf_init(&text);
	strbuf_printf(&text, _("Duty list of %s: %zu tasks. Made on %s."), unit_name, count, today_text);
	html_text(out, strbuf_text(&text));
	fprintf(out, "</p>\n<table>\n<colgroup><col style=\"width:7%%\"><col style=\"width:43%%\">"
		     "<col style=\"width:22%%\"><col style=\"width:28%%\"></colgroup>\n<thead><tr><th>%s</th>"
		     "<th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
		_("ID"), _("Task and requirement"), _("Milestones"), _("Targets and units"));
	for (size_t i = 0; i < count; i++) {
		const struct task *task = matches[i].task;
		fprintf(out, "<tr><td>%ld</td><td><div class=\"title\">", task->id);
		html_text(out, task->title);
		fputs("</div>", out);
		html_text(out, task->requirement);
		fputs("</td><td><ul>", out);
		task_parts(out, &html, plan, today, unit, &matches[i], &text);
		fputs("</td></tr>\n", out);
	}
	fputs("</tbody>\n</table>\n</body>\n</html>\n", out);
	strbuf_free(&text);
}

void sheet_markdown(FILE *out, const struct plan *plan, date_t today, size_t unit,
		    const struct task_match *matches, size_t count)
{
	static const struct markup markdown = {
		.text = markdown_text, .milestone_item = markdown_milestone_item, .milestones_end = "",
		.targets_begin = markdown_targets_begin, .target_item = "- ", .item_end = "\n", .targets_end = "",
		.units_begin = "\n", .units_end = "\n",
	};
	const char *unit_name = plan->units->units[unit].name;
	char today_text[DATE_TEXT_SIZE];
	date_format(today, today_text);
	struct strbuf text;
	strbuf_init(&text);
	fputs("# ", out);
	markdown_text(out, plan->title);
	fputs("\n\n", out);
	strbuf_printf(&text, _("Duty list of %s: %zu tasks. Made on %s."), unit_name, count, today_text);
	markdown_text(out, strbuf_text(&text));
	fputs("\n", out);
	for (size_t i = 0; i < count; i++) {
		const struct task *task = matches[i].task;
		fprintf(out, "\n## %ld ", task->id);
		markdown_text(out, task->title);
		fputs("\n\n", out);
		markdown_text(out, task->requirement);
		fprintf(out, "\n\n**%s**\n\n", _("Milestones"));
		task_parts(out, &markdown, plan, today, unit, &matches[i], &text);
	}
	strbuf_free(&text);
}
