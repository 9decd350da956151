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

static uint64_t mix(uint64_t hash, uint64_t word)
{
	hash = (hash ^ word) * 0x9E3779B97F4A7C15ull;
	return hash ^ (hash >> 29);
}

static uint32_t hash_bytes(const char *text, size_t length)
{
	uint64_t hash = length;
	uint64_t word;
	if (length >= 8) {
		const char *last = text + length - 8;
		for (; text < last; text += 8) {
			memcpy(&word, text, 8);
			hash = mix(hash, word);
		}
		memcpy(&word, last, 8);   /* the last eight bytes, overlapping the word before */
		hash = mix(hash, word);
	} else if (length >= 4) {   /* two overlapping four-byte words */
		uint32_t first, last;
		memcpy(&first, text, 4);
		memcpy(&last, text + length - 4, 4);
		hash = mix(hash, (uint64_t)first << 32 | last);
	} else if (length) {   /* 1 to 3 bytes: the first, middle and last */
		word = (uint64_t)(unsigned char)text[0] | (uint64_t)(unsigned char)text[length / 2] << 8
		       | (uint64_t)(unsigned char)text[length - 1] << 16;
		hash = mix(hash, word);
	}
	hash = mix(hash, 0);
	return (uint32_t)(hash ^ (hash >> 32));
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

static struct slot *probe(struct slot *slots, size_t capacity, const char *name, size_t length,
			  uint32_t hash)
{
	size_t mask = capacity - 1;
	for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
		struct slot *slot = &slots[i];
		if (!slot->name)
			return slot;
		if (slot->hash == hash && slot->length == length && memcmp(slot->name, name, length) == 0)
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

size_t name_index_get(const struct name_index *index, const char *name, size_t length)
{
	if (length > UINT32_MAX)
		return SIZE_MAX;
	uint32_t hash = hash_bytes(name, length);
	struct slot *slot = probe(index->slots, index->capacity, name, length, hash);
	return slot->name ? slot->value : SIZE_MAX;
}
