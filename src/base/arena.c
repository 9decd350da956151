/*
 * arena.c - chunked bump allocator. Blocks grow geometrically so a plan of
 * any size needs O(log n) mallocs, and loading stays linear in the input.
 */
#include "duty/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* What the model holds: pointers, integers and doubles. max_align_t
 * (16 bytes on x86-64, for long double) would pad each of a plan's small
 * arrays by 8 bytes on average, for no object duty has. */
union arena_object {
	void *pointer;
	long long integer;
	double real;
};
#define ARENA_ALIGN alignof(union arena_object)

struct arena_block {
	struct arena_block *next;
	size_t size;
	size_t used;
	alignas(ARENA_ALIGN) unsigned char data[];
};

enum {
	ARENA_FIRST_BLOCK = 16 * 1024,
	ARENA_MAX_BLOCK = 16 * 1024 * 1024,
	HUGE_PAGE = 2 * 1024 * 1024,
	HUGE_BLOCK = 8 * 1024 * 1024,   /* blocks from this size get huge pages */
};

/* A block for want bytes of objects. One of HUGE_BLOCK or more (a big
 * plan's arena is mostly such blocks) is aligned to a huge page and asks
 * the kernel for huge pages (where it gives them on request, as Debian's
 * does): it then costs a page fault every 2 MiB instead of every 4 KiB, a
 * tenth of the load's time at 100k tasks on this machine. It is filled
 * from the start, so at most the huge page being filled is resident
 * beyond what is used; smaller blocks keep small pages, so a plan of a
 * few thousand tasks does not pay that. */
static struct arena_block *new_block(size_t want)
{
	size_t bytes = sizeof(struct arena_block) + want;
#ifdef MADV_HUGEPAGE
	if (bytes >= HUGE_BLOCK && bytes <= SIZE_MAX - HUGE_PAGE) {
		bytes = (bytes + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
		struct arena_block *block = aligned_alloc(HUGE_PAGE, bytes);
		if (block) {
			madvise(block, bytes, MADV_HUGEPAGE);   /* a hint: without it, small pages */
			block->size = bytes - sizeof *block;
		}
		return block;
	}
#endif
	struct arena_block *block = malloc(bytes);
	if (block)
		block->size = want;
	return block;
}

void arena_init(struct arena *arena)
{
	arena->head = NULL;
	arena->total = 0;
}

void arena_free(struct arena *arena)
{
	struct arena_block *block = arena->head;
	while (block) {
		struct arena_block *next = block->next;
		free(block);
		block = next;
	}
	arena->head = NULL;
	arena->total = 0;
}

void arena_reset(struct arena *arena)
{
	struct arena_block *kept = arena->head;
	if (!kept)
		return;
	struct arena_block *block = kept->next;
	while (block) {
		struct arena_block *next = block->next;
		free(block);
		block = next;
	}
	kept->next = NULL;
	kept->used = 0;
	arena->total = 0;
}

/* A fresh block with room for size bytes, at the head (or, for a big
 * one-off allocation, behind the head so its free space is not wasted). */
static __attribute__((noinline)) struct arena_block *add_block(struct arena *arena, size_t size)
{
	struct arena_block *block = arena->head;
	size_t want = block ? block->size * 2 : ARENA_FIRST_BLOCK;
	if (want > ARENA_MAX_BLOCK)
		want = ARENA_MAX_BLOCK;
	if (want < size)
		want = size;
	struct arena_block *fresh = new_block(want);
	if (!fresh)
		return NULL;
	fresh->used = 0;
	if (block && want == size && block->size - block->used > 256) {
		fresh->next = block->next;
		block->next = fresh;
	} else {
		fresh->next = block;
		arena->head = fresh;
	}
	return fresh;
}

/* Strings need no alignment; objects get ARENA_ALIGN. Padding is taken
 * from the current block only, so strings pack tightly. Inline in the two
 * callers, so the alignment is a constant. */
static inline __attribute__((always_inline)) void *allocate(struct arena *arena, size_t size, size_t align)
{
	if (size == 0)
		size = 1;
	if (size > SIZE_MAX / 2)
		return NULL;
	struct arena_block *block = arena->head;
	size_t padding = block ? (align - block->used % align) % align : 0;
	if (!block || block->size - block->used < size + padding) {
		block = add_block(arena, size);
		if (!block)
			return NULL;
		padding = 0;
	}
	void *memory = block->data + block->used + padding;
	block->used += size + padding;
	arena->total += size;
	return memory;
}

void *arena_alloc(struct arena *arena, size_t size)
{
	return allocate(arena, size, ARENA_ALIGN);
}

void *arena_array(struct arena *arena, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return NULL;
	void *memory = arena_alloc(arena, count * size);
	if (memory)
		memset(memory, 0, count * size);
	return memory;
}

char *arena_strndup(struct arena *arena, const char *text, size_t length)
{
	if (length == SIZE_MAX)
		return NULL;
	char *copy = allocate(arena, length + 1, 1);
	if (!copy)
		return NULL;
	if (length)
		memcpy(copy, text, length);
	copy[length] = '\0';
	return copy;
}

char *arena_strdup(struct arena *arena, const char *text)
{
	return arena_strndup(arena, text, strlen(text));
}
