/*
 * import_state.c - the state one import carries between its steps: its
 * memory failures, the strings it keeps, and freeing it all in one place.
 */
#include "import_state.h"

#include <stdlib.h>

#include "duty/i18n.h"
#include "duty/names.h"

void import_out_of_memory(struct import_state *state)
{
	if (!state->failed)
		diag_memory_error(state->diag, state->source, 0, _("out of memory while importing"));
	state->failed = true;
}

const char *import_keep(struct import_state *state, const char *text, size_t length)
{
	char *kept = arena_strndup(state->arena, text, length);
	if (!kept)
		import_out_of_memory(state);
	return kept ? kept : "";
}

void import_state_free(struct import_state *state)
{
	for (size_t t = 0; t < state->task_count; t++) {
		struct draft_task *task = &state->tasks[t];
		strbuf_free(&task->requirement);
		strbuf_free(&task->units_text);
		strbuf_free(&task->lead_text);
		strbuf_free(&task->deadline_text);
		free(task->pieces);
		free(task->milestones);
		free(task->targets);
	}
	free(state->tasks);
	column_map_free(&state->columns);
	free(state->new_units);
	name_index_free(state->new_names);
	name_index_free(state->ids);
	units_free(state->known);
	units_free(state->final);
	free(state->known_text);
	free(state->known_bytes);
}
