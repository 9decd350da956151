/*
 * names.c - open addressing with linear probing and a multiplicative hash
 * of eight bytes at a time (names are mostly Chinese: three bytes a
 * character); the table doubles at 50% load so probes stay short.
 */
#include "duty/names.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct slot {
	const char *name;
	size_t value;
	uint32_t length;   /* names are short; longer ones are not indexed */
	uint32_t hash;
};

struct name_index {
	struct slot *slots;
	size_t capacity;   /* power of two */
	size_t count;
};

static uint64_t word_at(const char *text)
{
	uint64_t word;
	memcpy(&word, text, 8);
	return word;
}

static uint32_t half_word_at(const char *text)
{
	uint32_t word;
	memcpy(&word, text, 4);
	return word;
}

/* A name of at most SHORT_NAME bytes is read as at most three words: its
 * first and last eight bytes (overlapping when it is shorter than 16) and,
 * beyond 16 bytes, the eight after the first; shorter names as two
 * overlapping four-byte halves, or their first, middle and last bytes.
 * With the length these words are the whole name, so comparing them
 * compares the names (most names are short: a few Chinese characters). */
enum { SHORT_NAME = 24 };

static inline __attribute__((always_inline)) uint32_t hash_bytes(const char *text, size_t length)
{
	uint64_t first, last;
	if (length >= 8) {
		first = word_at(text);
		last = word_at(text + length - 8);
		for (size_t i = 8; i + 8 < length; i += 8)   /* the words between (one up to SHORT_NAME) */
			first = (first ^ word_at(text + i)) * 0xFF51AFD7ED558CCDull;
	} else if (length >= 4) {
		first = half_word_at(text);
		last = half_word_at(text + length - 4);
	} else {
		first = length ? (uint64_t)(unsigned char)text[0] | (uint64_t)(unsigned char)text[length / 2] << 8
					 | (uint64_t)(unsigned char)text[length - 1] << 16
			       : 0;
		last = 0;
	}
	/* Two multiplications; the table takes the product's high half, the
	 * bits every input bit reaches. */
	uint64_t hash = ((first ^ length) * 0x9E3779B97F4A7C15ull ^ last) * 0xC2B2AE3D27D4EB4Full;
	return (uint32_t)(hash >> 32);
}

/* Two names of the same length: equal? Short ones by their words, inline. */
static inline __attribute__((always_inline)) bool same_bytes(const char *a, const char *b, size_t length)
{
	if (length > SHORT_NAME)
		return memcmp(a, b, length) == 0;
	if (length >= 8)
		return word_at(a) == word_at(b) && word_at(a + length - 8) == word_at(b + length - 8)
		       && (length <= 16 || word_at(a + 8) == word_at(b + 8));
	if (length >= 4)
		return half_word_at(a) == half_word_at(b) && half_word_at(a + length - 4) == half_word_at(b + length - 4);
	return length == 0 || (a[0] == b[0] && a[length / 2] == b[length / 2] && a[length - 1] == b[length - 1]);
}

struct name_index *name_index_new(size_t expected)
{
	struct name_index *index = calloc(1, sizeof *index);
	if (!index)
		return NULL;
	size_t capacity = 16;
	while (capacity < expected * 2 && capacity < SIZE_MAX / 4)
		capacity *= 2;
	index->slots = calloc(capacity, sizeof *index->slots);
	if (!index->slots) {
		free(index);
		return NULL;
	}
	index->capacity = capacity;
	return index;
}

void name_index_free(struct name_index *index)
{
	if (!index)
		return;
	free(index->slots);
	free(index);
}

/* Inline in every caller: a lookup is a few dozen instructions, and a call
 * saving registers would add a third. */
static inline __attribute__((always_inline)) struct slot *probe(struct slot *slots, size_t capacity,
								const char *name, size_t length, uint32_t hash)
{
	size_t mask = capacity - 1;
	for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
		struct slot *slot = &slots[i];
		if (!slot->name)
			return slot;
		if (slot->hash == hash && slot->length == length && same_bytes(slot->name, name, length))
			return slot;
	}
}

static bool grow(struct name_index *index)
{
	if (index->capacity > SIZE_MAX / 2 / sizeof(struct slot))
		return false;
	size_t capacity = index->capacity * 2;
	struct slot *slots = calloc(capacity, sizeof *slots);
	if (!slots)
		return false;
	for (size_t i = 0; i < index->capacity; i++) {
		struct slot *old = &index->slots[i];
		if (old->name)
			*probe(slots, capacity, old->name, old->length, old->hash) = *old;
	}
	free(index->slots);
	index->slots = slots;
	index->capacity = capacity;
	return true;
}

bool name_index_add(struct name_index *index, const char *name, size_t length, size_t value,
		    size_t *existing)
{
	if (length > UINT32_MAX)
		return false;
	if ((index->count + 1) * 2 > index->capacity && !grow(index))
		return false;
	uint32_t hash = hash_bytes(name, length);
	struct slot *slot = probe(index->slots, index->capacity, name, length, hash);
	if (slot->name) {
		if (existing)
			*existing = slot->value;
		return true;
	}
	slot->name = name;
	slot->length = (uint32_t)length;
	slot->value = value;
	slot->hash = hash;
	index->count++;
	if (existing)
		*existing = SIZE_MAX;
	return true;
}

bool name_index_put(struct name_index *index, const char *name, size_t length, size_t value)
{
	size_t existing;
	if (!name_index_add(index, name, length, value, &existing))
		return false;
	if (existing != SIZE_MAX) {
		uint32_t hash = hash_bytes(name, length);
		probe(index->slots, index->capacity, name, length, hash)->value = value;
	}
	return true;
}

static inline __attribute__((always_inline)) size_t get(const struct name_index *index, const char *name,
							  size_t length)
{
	uint32_t hash = hash_bytes(name, length);
	struct slot *slot = probe(index->slots, index->capacity, name, length, hash);
	return slot->name ? slot->value : SIZE_MAX;
}

static __attribute__((noinline)) size_t get_long(const struct name_index *index, const char *name, size_t length)
{
	return length > UINT32_MAX ? SIZE_MAX : get(index, name, length);
}

size_t name_index_get(const struct name_index *index, const char *name, size_t length)
{
	/* A long name is compared with memcmp, out of line: the lookup of a
	 * short one then calls nothing and saves no registers. */
	if (length > SHORT_NAME)
		return get_long(index, name, length);
	return get(index, name, length);
}
