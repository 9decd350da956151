/*
 * fuzz_units.c - libFuzzer harness for unit resolution and the text
 * functions it rests on: the input is a name a user might type after
 * --unit, and a unit list as the source document writes it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "duty/text.h"
#include "fuzzing.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct unit_directory *units = shipped_units();
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';   /* names stop at a NUL, as on a command line */

	struct unit_resolution found = units_resolve(units, text);
	if (found.match == UNIT_FOUND && found.unit >= units->count)
		abort();
	for (size_t i = 0; i < found.candidate_count; i++)
		if (found.candidates[i] >= units->count)
			abort();
	unit_resolution_free(&found);

	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	bool etc = false;
	size_t count = 0;
	size_t *list = units_parse_text(units, text, &count, &etc, "fuzz", 1, "units_text", &diag);
	for (size_t i = 0; list && i < count; i++)
		if (list[i] >= units->count || units->units[list[i]].is_phrase)
			abort();
	free(list);
	diagnostics_free(&diag);

	size_t width = size ? data[0] % 24 : 0;
	struct text_span *lines = NULL;
	size_t line_count = text_wrap(text, width, &lines);
	size_t length = strlen(text);
	for (size_t i = 0; i < line_count; i++)
		if (lines[i].offset + lines[i].length > length)
			abort();
	free(lines);
	text_width(text);
	text_edit_distance(text, "市市场监管局");
	free(text);
	return 0;
}
