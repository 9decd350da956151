/*
 * arena.h - one bump allocator for all the strings and arrays of a loaded
 * plan or unit directory. Everything allocated here lives until arena_free,
 * so the model is immutable after loading and freed in one call.
 */
#ifndef DUTY_ARENA_H
#define DUTY_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t total;           /* bytes handed out, for tests and memory figures */
};

void arena_init(struct arena *arena);
void arena_free(struct arena *arena);

/* Makes the arena empty again but keeps its newest (largest) block, so an
 * arena reused for one item after another settles at a block that holds
 * one item and then allocates nothing. */
void arena_reset(struct arena *arena);

/* Returns memory aligned for pointers, integers and doubles (not for long
 * double or vector types, which duty does not keep), or NULL when out of
 * memory. */
void *arena_alloc(struct arena *arena, size_t size);

/* Zero-filled array of count elements of size bytes; NULL on overflow or OOM. */
void *arena_array(struct arena *arena, size_t count, size_t size);

/* Copies length bytes and appends a NUL. */
char *arena_strndup(struct arena *arena, const char *text, size_t length);
char *arena_strdup(struct arena *arena, const char *text);

#endif
