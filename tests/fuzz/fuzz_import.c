/*
 * fuzz_import.c - libFuzzer harness for duty import's rules: the input is
 * a source (any shape the readers take) imported with the shipped unit
 * directory, and, as text, a time phrase, a deadline cell and a
 * requirement for the deadline, split and target rules. Checked: an import
 * that succeeds gives a plan and a unit directory that load, with the
 * counts it reports; phrases give deadlines in the plan year, in order;
 * parts and targets are spans of the text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "duty/grid.h"
#include "duty/import.h"
#include "duty/import_header.h"
#include "duty/phrases.h"
#include "duty/split.h"
#include "duty/targets.h"
#include "fuzzing.h"

static void check_deadlines(const struct deadlines *deadlines, int year)
{
	if (deadlines->count < 1 || deadlines->count > PHRASE_MAX_DEADLINES)
		abort();
	for (size_t d = 0; d < deadlines->count; d++) {
		date_t date = deadlines->dates[d];
		if (date_year(date) != year || !date_is_valid(year, date_month_number(date), date_day(date)))
			abort();
		if (d && deadlines->dates[d - 1] >= date)
			abort();
	}
}

struct span_check {
	size_t length;
	int year;
};

static bool check_part(const struct requirement_part *part, void *context)
{
	const struct span_check *check = context;
	if (part->start + part->length > check->length || part->length == 0)
		abort();
	check_deadlines(&part->deadlines, check->year);
	return true;
}

static bool check_target(const struct found_target *target, void *context)
{
	const struct span_check *check = context;
	if (target->text_start + target->text_length > check->length || !target->metric[0] || !target->value[0])
		abort();
	return true;
}

static void import_source(const uint8_t *data, size_t size)
{
	struct diagnostics diag, review;
	diagnostics_init(&diag, 4);
	diagnostics_init(&review, 4);
	struct grid *grid = source_read_bytes("fuzz", data, size, ENCODING_AUTO, import_is_header, NULL, &diag);
	if (grid) {
		struct import_options options = { .units_path = SOURCE_DIR "/data/units.csv" };
		struct import *import = import_grid(grid, &options, &review, &diag);
		if (!import && diag.errors == 0)
			abort();   /* a failure says why */
		if (import) {
			struct load_options load = { 0 };
			struct unit_directory *units =
				units_load_bytes("units.csv", import->units_text, import->units_size, &load, &diag);
			struct plan *plan = units ? plan_load_bytes("plan.csv", import->plan_text, import->plan_size, units,
								    &load, &diag)
						  : NULL;
			if (!plan && !diag.out_of_memory)
				abort();   /* import writes only a plan that loads */
			if (plan && (plan->task_count != import->task_count || plan->year != import->year
				     || plan_milestone_count(plan) != import->milestone_count
				     || plan_target_count(plan) != import->target_count))
				abort();
			plan_free(plan);
			units_free(units);
			import_free(import);
		}
		grid_free(grid);
	}
	diagnostics_free(&diag);
	diagnostics_free(&review);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	shipped_units();   /* the directory the imports resolve against must load */
	import_source(data, size);

	/* The rules take one cell's text: the first 4 KiB are plenty. */
	size_t text_size = size < 4096 ? size : 4096;
	char *text = malloc(text_size + 1);
	if (!text)
		return 0;
	memcpy(text, data, text_size);
	text[text_size] = '\0';
	size_t length = strlen(text);
	int year = 2000 + (size ? data[0] % 30 : 0);   /* leap years and others */
	struct deadlines deadlines;
	enum phrase_status status = deadlines_from_phrase(text, length, year, &deadlines);
	check_deadlines(&deadlines, year);
	if (status != PHRASE_KNOWN && !deadlines.implied)
		abort();
	struct phrase_match match;
	for (size_t from = 0; phrase_find(text, length, from, year, &match); from = match.start + match.length) {
		if (match.length == 0 || match.start < from || match.start + match.length > length)
			abort();
		check_deadlines(&match.deadlines, year);
	}
	struct span_check check = { length, year };
	const char *cell = length > 8 ? text + length - 8 : "";
	requirement_split(text, length, cell, year, check_part, &check);
	targets_find(text, length, check_target, &check);
	free(text);
	return 0;
}
