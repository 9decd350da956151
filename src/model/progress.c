/*
 * progress.c - who has done what (see progress.h): the per-unit cells, and
 * where a milestone or target stands for a unit or as a whole.
 */
#include "duty/progress.h"

#include <stdint.h>
#include <string.h>

#include "duty/date.h"
#include "duty/text.h"

/* --- where things stand ------------------------------------------------------ */

/* The line of a group the unit belongs to, if any. */
static const struct unit_done *group_record(const struct unit_directory *units, const struct milestone *milestone,
					    size_t unit)
{
	const struct milestone_record *recorded = milestone->progress;
	for (size_t r = 0; r < recorded->unit_record_count; r++) {
		size_t group = recorded->unit_records[r].unit;
		if (units->units[group].is_group && unit_in_group(units, unit, group))
			return &recorded->unit_records[r];
	}
	return NULL;
}

static const struct unit_done *own_record(const struct milestone *milestone, size_t unit)
{
	const struct milestone_record *recorded = milestone->progress;
	for (size_t r = 0; r < recorded->unit_record_count; r++)
		if (recorded->unit_records[r].unit == unit)
			return &recorded->unit_records[r];
	return NULL;
}

static bool is_leaf(const struct unit *unit)
{
	return !unit->is_group && !unit->is_phrase;
}

size_t milestone_leaf_units(const struct unit_directory *units, const struct task *task,
			    const struct milestone *milestone, size_t *leaves)
{
	if (!units)
		return 0;
	/* A unit is governed when the milestone names it or a group it is in
	 * (milestone_duty): the names are marked once, and each unit looks at
	 * its own groups, where asking milestone_duty would search the list
	 * for every unit. A directory holds at most UNIT_COUNT_MAX units, so
	 * the marks are a bitmap on the stack. */
	uint64_t named[UNIT_COUNT_MAX / 64 + 1];
	memset(named, 0, (units->count + 63) / 64 * sizeof *named);
	size_t listed;
	const size_t *list = milestone_units(task, milestone, &listed);
	for (size_t i = 0; i < listed; i++)
		named[list[i] / 64] |= (uint64_t)1 << list[i] % 64;
	size_t count = 0;
	for (size_t u = 0; u < units->count; u++) {
		const struct unit *unit = &units->units[u];
		if (!is_leaf(unit))
			continue;
		bool governed = named[u / 64] >> u % 64 & 1;
		for (size_t g = 0; !governed && g < unit->group_count; g++) {
			size_t group = unit->groups[g];
			governed = (named[group / 64] >> group % 64 & 1) && units->units[group].is_group;
		}
		if (governed)
			leaves[count++] = u;
	}
	return count;
}

size_t milestone_units_done(const struct unit_directory *units, const struct task *task,
			    const struct milestone *milestone, date_t today, size_t recording, size_t *count)
{
	size_t done = 0;
	*count = 0;
	for (size_t u = 0; units && u < units->count; u++) {
		if (!is_leaf(&units->units[u]) || !milestone_duty(units, task, milestone, u).responsible)
			continue;
		++*count;
		done += (recording != EVERY_UNIT && (u == recording || unit_in_group(units, u, recording)))
			|| milestone_progress(units, task, milestone, u, today).done_on;
	}
	return done;
}

/* The day a unit did its part by its own line or a group's, else 0. */
static date_t unit_line_date(const struct unit_directory *units, const struct milestone *milestone, size_t unit)
{
	const struct unit_done *record = own_record(milestone, unit);
	if (!record)
		record = group_record(units, milestone, unit);
	return record ? record->done_on : 0;
}

/* The day the last of the units (members of group, or all the milestone
 * governs when group is EVERY_UNIT) did its part by a line, else 0. */
static date_t members_done_on(const struct unit_directory *units, const struct task *task,
			      const struct milestone *milestone, size_t group)
{
	if (!units || milestone->progress->unit_record_count == 0)
		return 0;
	date_t last = 0;
	size_t count = 0;
	for (size_t u = 0; u < units->count; u++) {
		if (!is_leaf(&units->units[u]) || (group != EVERY_UNIT && !unit_in_group(units, u, group))
		    || !milestone_duty(units, task, milestone, u).responsible)
			continue;
		date_t done_on = unit_line_date(units, milestone, u);
		if (!done_on)
			return 0;
		if (done_on > last)
			last = done_on;
		count++;
	}
	return count ? last : 0;
}

date_t milestone_completion(const struct unit_directory *units, const struct task *task,
			    const struct milestone *milestone)
{
	if (milestone->progress->done_on)
		return milestone->progress->done_on;
	return members_done_on(units, task, milestone, EVERY_UNIT);
}

struct progress milestone_progress(const struct unit_directory *units, const struct task *task,
				   const struct milestone *milestone, size_t unit, date_t today)
{
	struct progress progress = { .note = "", .source = RECORD_NONE, .group = NO_GROUP };
	const struct milestone_record *whole = milestone->progress;
	const struct unit_done *record = NULL;
	if (unit == EVERY_UNIT) {
		progress.done_on = milestone->completed_on;
		progress.source = whole->done_on ? RECORD_WHOLE : progress.done_on ? RECORD_MEMBERS : RECORD_NONE;
		progress.note = whole->note;
	} else if ((record = own_record(milestone, unit)) != NULL) {
		progress.source = RECORD_OWN;
		progress.record = record;
	} else if ((record = group_record(units, milestone, unit)) != NULL) {
		progress.source = RECORD_GROUP;
		progress.group = record->unit;
	} else if (whole->done_on) {
		progress.source = RECORD_WHOLE;
		progress.done_on = whole->done_on;
		progress.note = whole->note;
	} else if (units->units[unit].is_group) {
		progress.done_on = members_done_on(units, task, milestone, unit);
		progress.source = progress.done_on ? RECORD_MEMBERS : RECORD_NONE;
	}
	if (record) {
		progress.done_on = record->done_on;
		progress.note = record->note;
	}
	progress.status = status_on(milestone->deadline, progress.done_on, today);
	return progress;
}

struct duty target_duty(const struct unit_directory *units, const struct task *task, const struct target *target,
			size_t unit)
{
	if (target->milestone < task->milestone_count)
		return milestone_duty(units, task, &task->milestones[target->milestone], unit);
	return units_duty(units, task->units, task->unit_count, unit);
}

static const struct unit_report *report_of(const struct unit_directory *units, const struct target *target,
					   size_t unit)
{
	const struct target_record *recorded = target->progress;
	for (size_t r = 0; r < recorded->unit_report_count; r++)
		if (recorded->unit_reports[r].unit == unit)
			return &recorded->unit_reports[r];
	for (size_t r = 0; r < recorded->unit_report_count; r++) {
		size_t group = recorded->unit_reports[r].unit;
		if (units->units[group].is_group && unit_in_group(units, unit, group))
			return &recorded->unit_reports[r];
	}
	return NULL;
}

struct target_progress target_progress(const struct unit_directory *units, const struct target *target,
				       size_t unit)
{
	struct target_progress progress = { .value_text = "", .note = "", .source = RECORD_NONE };
	const struct unit_report *record = unit == EVERY_UNIT ? NULL : report_of(units, target, unit);
	if (record) {
		progress.source = record->unit == unit ? RECORD_OWN : RECORD_GROUP;
		progress.record = record->unit == unit ? record : NULL;
		progress.reported = true;
		progress.value_text = record->value_text;
		progress.value = record->value;
		progress.reported_on = record->reported_on;
		progress.note = record->note;
	} else if (target->progress->reported) {
		const struct target_record *whole = target->progress;
		progress.source = RECORD_WHOLE;
		progress.reported = true;
		progress.value_text = whole->reported_text;
		progress.value = whole->reported_value;
		progress.reported_on = whole->reported_on;
		progress.note = whole->report_note;
	}
	progress.met = progress.reported && target_value_meets(target, progress.value);
	return progress;
}

/* --- a unit's record ----------------------------------------------------------- */

static void count_milestone(struct unit_tally *tally, const struct milestone *milestone, struct progress progress,
			    date_t today)
{
	bool due = milestone->deadline < today;
	tally->milestones++;
	tally->due_so_far += due;
	tally->done_of_due += due && progress.done_on;
	switch (progress.status) {
	case STATUS_DONE:
		tally->on_time++;
		break;
	case STATUS_DONE_LATE:
		tally->late++;
		break;
	case STATUS_OVERDUE:
		tally->overdue++;
		break;
	case STATUS_DUE:
		tally->due_this_month++;
		tally->not_yet_due++;
		break;
	default:
		tally->not_yet_due++;
	}
}

static void count_target(struct unit_tally *tally, struct target_progress progress)
{
	tally->targets++;
	if (!progress.reported)
		tally->not_reported++;
	else if (progress.met)
		tally->met++;
	else
		tally->not_met++;
}

void unit_tally_count(const struct plan *plan, size_t unit, bool direct_only, date_t today,
		      struct unit_tally *tally)
{
	const struct unit_directory *units = plan->units;
	*tally = (struct unit_tally){ .unit = unit };
	for (size_t t = 0; t < plan->task_count; t++) {
		const struct task *task = &plan->tasks[t];
		struct duty duty = task_duty(units, task, unit);
		if (!duty.responsible || (direct_only && duty.via != NO_GROUP))
			continue;
		for (size_t m = 0; m < task->milestone_count; m++) {
			const struct milestone *milestone = &task->milestones[m];
			if (milestone_duty(units, task, milestone, unit).responsible)
				count_milestone(tally, milestone, milestone_progress(units, task, milestone, unit, today),
						today);
		}
		for (size_t k = 0; k < task->target_count; k++)
			if (target_duty(units, task, &task->targets[k], unit).responsible)
				count_target(tally, target_progress(units, &task->targets[k], unit));
	}
}

double unit_tally_completion(const struct unit_tally *tally)
{
	return tally->due_so_far ? (double)tally->done_of_due / (double)tally->due_so_far : -1;
}

static int compare_counts(size_t a, size_t b)
{
	return a < b ? 1 : a > b ? -1 : 0;   /* more first */
}

int unit_tally_compare(const void *left, const void *right)
{
	const struct unit_tally *a = left, *b = right;
	int order = compare_counts(a->overdue, b->overdue);
	if (order)
		return order;
	double rate_a = unit_tally_completion(a), rate_b = unit_tally_completion(b);
	rate_a = rate_a < 0 ? 1 : rate_a;
	rate_b = rate_b < 0 ? 1 : rate_b;
	if (rate_a != rate_b)
		return rate_a < rate_b ? -1 : 1;
	if ((order = compare_counts(a->late, b->late)) != 0 || (order = compare_counts(a->not_met, b->not_met)) != 0)
		return order;
	return a->unit < b->unit ? -1 : a->unit > b->unit;
}

/* --- the per-unit cells -------------------------------------------------------- */

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* The next space-separated token of [*at, end): its start and length. */
static bool next_token(const char *text, size_t *at, size_t end, size_t *start, size_t *length)
{
	size_t i = *at;
	while (i < end && is_space(text[i]))
		i++;
	if (i >= end)
		return false;
	*start = i;
	while (i < end && !is_space(text[i]))
		i++;
	*length = i - *start;
	*at = i;
	return true;
}

static bool is_date(const char *text, size_t length)
{
	date_t date;
	return date_parse(text, length, &date);
}

/* A value as typed: a number, alone or with its unit ("98%", "35家"), but
 * not a date ("2018-10-15" is no 2018 of "-10-15"). */
static bool is_number(const char *text, size_t length)
{
	struct typed_quantity typed;
	if (is_date(text, length) || !text_parse_quantity(text, length, &typed))
		return false;
	char after = typed.unit[0];
	return !(after >= '0' && after <= '9') && after != '-' && after != '/' && after != '.';
}

/* Splits one line: the unit is everything before the first token (after
 * the first) that is a date (a milestone line) or a number (a report). */
static void split_line(const char *cell, struct cell_line *line, bool with_value)
{
	size_t at = line->start, start, length;
	size_t first_start = 0, first_length = 0;
	bool have_first = next_token(cell, &at, line->end, &first_start, &first_length);
	line->name = line->value = line->date = line->note = "";
	line->name_length = line->value_length = line->date_length = 0;
	line->note = cell + line->start;
	line->note_length = line->end - line->start;
	if (!have_first)
		return;
	while (next_token(cell, &at, line->end, &start, &length)) {
		bool found = with_value ? is_number(cell + start, length) : is_date(cell + start, length);
		if (!found)
			continue;
		line->name = cell + first_start;
		line->name_length = start - first_start;
		while (line->name_length && is_space(line->name[line->name_length - 1]))
			line->name_length--;
		if (with_value) {
			line->value = cell + start;
			line->value_length = length;
			size_t after = at, date_start, date_length;
			if (next_token(cell, &after, line->end, &date_start, &date_length)
			    && is_date(cell + date_start, date_length)) {
				line->date = cell + date_start;
				line->date_length = date_length;
				at = after;
			}
		} else {
			line->date = cell + start;
			line->date_length = length;
		}
		while (at < line->end && is_space(cell[at]))
			at++;
		line->note = cell + at;
		line->note_length = line->end - at;
		while (line->note_length && is_space(line->note[line->note_length - 1]))
			line->note_length--;
		return;
	}
}

bool progress_cell_lines(const char *cell, size_t length, bool with_value, cell_line_callback callback,
			 void *context)
{
	size_t start = 0;
	while (start < length) {
		size_t end = start;
		while (end < length && cell[end] != '\n' && cell[end] != '\r')
			end++;
		struct cell_line line = { .start = start, .end = end };
		const char *text = cell + start;
		if (text_trim(&text, end - start) > 0) {
			split_line(cell, &line, with_value);
			if (!callback(&line, context))
				return false;
		}
		start = end;
		if (start < length && cell[start] == '\r')
			start++;
		if (start < length && cell[start] == '\n')
			start++;
	}
	return true;
}

void progress_line_format(struct strbuf *out, const char *unit, const char *value, const char *date,
			  const char *note)
{
	strbuf_puts(out, unit);
	if (value && value[0])
		strbuf_printf(out, " %s", value);
	if (date && date[0])
		strbuf_printf(out, " %s", date);
	const char *text = note ? note : "";
	size_t length = text_trim(&text, strlen(text));
	if (length) {
		strbuf_putc(out, ' ');
		strbuf_append(out, text, length);
	}
}

/* The length of the line break at text[at], 0 when there is none. */
static size_t line_break_at(const char *text, size_t at, size_t length)
{
	if (at < length && text[at] == '\r')
		return at + 1 < length && text[at + 1] == '\n' ? 2 : 1;
	return at < length && text[at] == '\n' ? 1 : 0;
}

/* The length of the line break that ends just before text[at]. */
static size_t line_break_before(const char *text, size_t at)
{
	if (at >= 2 && text[at - 2] == '\r' && text[at - 1] == '\n')
		return 2;
	return at >= 1 && (text[at - 1] == '\n' || text[at - 1] == '\r') ? 1 : 0;
}

void progress_cell_change(struct strbuf *out, const char *cell, bool replace, size_t start, size_t end,
			  const char *line)
{
	size_t length = strlen(cell);
	if (!replace) {
		/* A new last line; the cell's own last line break, if any, serves. */
		strbuf_append(out, cell, length);
		if (length && !line_break_before(cell, length))
			strbuf_putc(out, '\n');
		strbuf_puts(out, line);
		return;
	}
	if (line) {
		strbuf_append(out, cell, start);
		strbuf_puts(out, line);
		strbuf_puts(out, cell + end);
		return;
	}
	/* Removed with the line break before it, or after it for the first. */
	size_t before = line_break_before(cell, start);
	if (before)
		start -= before;
	else
		end += line_break_at(cell, end, length);
	strbuf_append(out, cell, start);
	strbuf_puts(out, cell + end);
}
