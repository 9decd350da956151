/*
 * import_requirements.c - milestones and targets of each task, found by the
 * loader's own rules (split.c, phrases.c, targets.c), with what they had
 * to guess put in the review list.
 */
#include "import_requirements.h"

#include <stdlib.h>
#include <string.h>

#include "duty/array.h"
#include "duty/i18n.h"
#include "duty/split.h"
#include "duty/targets.h"

/* What the split's callback needs: the task and the row's piece of its
 * requirement being split. */
struct part_reader {
	struct import_state *state;
	struct draft_task *task;
	const struct requirement_piece *piece;
	const char *requirement;
};

static void review_part(struct part_reader *reader, const struct requirement_part *part, const char *text)
{
	struct import_state *state = reader->state;
	long line = reader->piece->line;
	long id = reader->task->id;
	char date[DATE_TEXT_SIZE];
	date_format(part->deadlines.dates[0], date);
	int length = (int)part->phrase_length;
	if (part->status == PHRASE_OTHER_YEAR)
		diag_warning(state->review, state->source, line, NULL,
			     _("task %ld: \"%.*s\" falls outside the plan year %d: the deadline is %s (implied)"), id,
			     length, part->phrase, state->result->year, date);
	else if (part->status == PHRASE_UNKNOWN)
		diag_warning(state->review, state->source, line, NULL,
			     _("task %ld: the time phrase \"%.*s\" is not one the deadline rule knows: the deadline "
			     "is %s (implied)"),
			     id, length, part->phrase, date);
	else if (!part->phrase_length)
		diag_warning(state->review, state->source, line, NULL,
			     _("task %ld: no time phrase in \"%s\": the deadline is %s (implied)"), id, text, date);
	else if (part->cell_has_several)
		diag_warning(state->review, state->source, line, NULL,
			     _("task %ld: the deadline cell \"%s\" gives several times: the last, \"%.*s\", is "
			     "taken"),
			     id, reader->piece->deadline, length, part->phrase);
}

static bool add_part(const struct requirement_part *part, void *context)
{
	struct part_reader *reader = context;
	struct import_state *state = reader->state;
	struct draft_task *task = reader->task;
	const char *text = import_keep(state, reader->requirement + reader->piece->start + part->start, part->length);
	const char *phrase = import_keep(state, part->phrase ? part->phrase : "", part->phrase_length);
	review_part(reader, part, text);
	for (size_t d = 0; d < part->deadlines.count; d++) {
		struct milestone *milestones = array_reserve(task->milestones, &task->milestone_capacity,
							     task->milestone_count, sizeof *milestones);
		if (!milestones) {
			import_out_of_memory(state);
			return false;
		}
		task->milestones = milestones;
		milestones[task->milestone_count] = (struct milestone){
			.deadline = part->deadlines.dates[d],
			.phrase = phrase,
			.text_start = (uint32_t)(reader->piece->start + part->start),   /* in the requirement */
			.text_length = (uint32_t)part->length,
			.progress = &milestone_record_none,
			.implied = part->deadlines.implied,
			.column_group = (unsigned)task->milestone_count,
		};
		task->milestone_count++;
	}
	return !state->failed;
}

/* Earliest first; in the order of the text on the same day. */
static int by_deadline(const void *left, const void *right)
{
	const struct milestone *a = left, *b = right;
	if (a->deadline != b->deadline)
		return a->deadline < b->deadline ? -1 : 1;
	return a->column_group < b->column_group ? -1 : a->column_group > b->column_group;
}

static bool read_milestones(struct import_state *state, struct draft_task *task)
{
	const char *requirement = strbuf_text(&task->requirement);
	for (size_t p = 0; p < task->piece_count; p++) {
		const struct requirement_piece *piece = &task->pieces[p];
		struct part_reader reader = { state, task, piece, requirement };
		if (!requirement_split(requirement + piece->start, piece->length, piece->deadline, state->result->year,
				       add_part, &reader))
			return false;
	}
	if (task->milestone_count)
		qsort(task->milestones, task->milestone_count, sizeof *task->milestones, by_deadline);
	for (size_t m = 0; m < task->milestone_count; m++)
		task->milestones[m].column_group = (unsigned)m + 1;
	return true;
}

struct target_reader {
	struct import_state *state;
	struct draft_task *task;
	const char *requirement;
};

static bool add_target(const struct found_target *found, void *context)
{
	struct target_reader *reader = context;
	struct import_state *state = reader->state;
	struct draft_task *task = reader->task;
	struct target *targets = array_reserve(task->targets, &task->target_capacity, task->target_count,
					       sizeof *targets);
	if (!targets) {
		import_out_of_memory(state);
		return false;
	}
	task->targets = targets;
	struct target *target = &targets[task->target_count++];
	*target = (struct target){
		.metric = import_keep(state, found->metric, strlen(found->metric)),
		.value_text = import_keep(state, found->value, strlen(found->value)),
		.unit = import_keep(state, found->unit, strlen(found->unit)),
		.text_start = (uint32_t)found->text_start,   /* words of the requirement (target_text) */
		.text_length = (uint32_t)found->text_length,
		.progress = &target_record_none,
		.milestone = TARGET_NO_MILESTONE,
		.op = found->op,
	};
	if (found->doubt)
		diag_warning(state->review, state->source, task->line, NULL, _("task %ld, target %zu (%s %s %s%s%s): %s"),
			     task->id, task->target_count, target->metric, target_op_text(target->op), target->value_text,
			     target->unit[0] && strcmp(target->unit, "%") ? " " : "", target->unit, _(found->doubt));
	return !state->failed;
}

bool import_read_requirements(struct import_state *state)
{
	for (size_t t = 0; t < state->task_count && !state->failed; t++) {
		struct draft_task *task = &state->tasks[t];
		if (!read_milestones(state, task))
			return false;
		struct target_reader targets = { state, task, strbuf_text(&task->requirement) };
		if (!targets_find(targets.requirement, task->requirement.length, add_target, &targets)) {
			import_out_of_memory(state);
			return false;
		}
		/* The model counts a task's milestones and targets in uint16_t. */
		if (task->milestone_count > TASK_ITEMS_MAX || task->target_count > TASK_ITEMS_MAX) {
			diag_error(state->diag, state->source, task->line, NULL,
				   _("task %ld has %zu milestones and %zu targets, more than duty reads (at most %d of "
				     "each)"),
				   task->id, task->milestone_count, task->target_count, TASK_ITEMS_MAX);
			return false;
		}
		state->result->milestone_count += task->milestone_count;
		state->result->target_count += task->target_count;
	}
	return !state->failed;
}
