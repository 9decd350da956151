/*
 * fuzzing.h - what the harnesses share: the shipped unit directory,
 * loaded once per process (a harness that cannot load it is broken).
 */
#ifndef DUTY_FUZZING_H
#define DUTY_FUZZING_H

#include <stdint.h>
#include <stdlib.h>

#include "duty/load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline struct unit_directory *shipped_units(void)
{
	static struct unit_directory *units;
	if (!units) {
		struct diagnostics diag;
		diagnostics_init(&diag, 1);
		units = units_load(SOURCE_DIR "/data/units.csv", &(struct load_options){ 0 }, &diag);
		diagnostics_free(&diag);
		if (!units)
			abort();
	}
	return units;
}

#endif
