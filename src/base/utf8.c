/*
 * utf8.c - validating and decoding UTF-8, the one encoding text has inside
 * duty (other encodings are converted at the edge, by io/input.c).
 *
 * Validation is on the path of every file duty reads, so it has a
 * vectorised kernel: on x86-64 with AVX2 (chosen at run time), 32 bytes at
 * a time, after Keiser and Lemire, "Validating UTF-8 In Less Than One
 * Instruction Per Byte" (2021): three table lookups on the nibbles of each
 * byte and of the byte before it classify every two-byte pair, and a
 * saturating subtraction finds the third and fourth bytes that must be
 * continuations. The same pass finds NUL bytes and carriage returns that
 * are not followed by a line feed. Elsewhere, and for locating the exact
 * offset of a bad byte, the scalar code below does the work.
 */
#include "duty/utf8.h"

#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define HAVE_AVX2_KERNEL 1
#endif

size_t utf8_sequence_length(unsigned char first_byte)
{
	if (first_byte < 0x80)
		return 1;
	if ((first_byte & 0xE0) == 0xC0)
		return 2;
	if ((first_byte & 0xF0) == 0xE0)
		return 3;
	if ((first_byte & 0xF8) == 0xF0)
		return 4;
	return 1;
}

size_t utf8_decode(const char *text, size_t length, uint32_t *codepoint)
{
	const unsigned char *bytes = (const unsigned char *)text;
	if (length == 0)
		return 0;
	unsigned char first = bytes[0];
	if (first < 0x80) {
		*codepoint = first;
		return 1;
	}
	size_t need;
	uint32_t value, minimum;
	if (first >= 0xC2 && first <= 0xDF) {
		need = 2;
		value = first & 0x1F;
		minimum = 0x80;
	} else if ((first & 0xF0) == 0xE0) {
		need = 3;
		value = first & 0x0F;
		minimum = 0x800;
	} else if (first >= 0xF0 && first <= 0xF4) {
		need = 4;
		value = first & 0x07;
		minimum = 0x10000;
	} else {
		return 0;
	}
	if (length < need)
		return 0;
	for (size_t i = 1; i < need; i++) {
		if ((bytes[i] & 0xC0) != 0x80)
			return 0;
		value = (value << 6) | (bytes[i] & 0x3F);
	}
	if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
		return 0;
	*codepoint = value;
	return need;
}

size_t utf8_validate_portable(const char *text, size_t length)
{
	const unsigned char *bytes = (const unsigned char *)text;
	size_t offset = 0;
	while (offset < length) {
		unsigned char first = bytes[offset];
		if (first < 0x80) {
			/* Eight ASCII bytes at a time: CSV syntax, digits, dates. */
			uint64_t word;
			if (length - offset >= 8 && (memcpy(&word, bytes + offset, 8), !(word & 0x8080808080808080ULL)))
				offset += 8;
			else
				offset++;
			continue;
		}
		/* Runs of Chinese: three bytes with an E1-EC or EE-EF lead can be
		 * neither overlong nor a surrogate, so the check is this loop. */
		while (length - offset >= 3) {
			unsigned char lead = bytes[offset];
			if (lead < 0xE1 || lead > 0xEF || lead == 0xED || (bytes[offset + 1] & 0xC0) != 0x80
			    || (bytes[offset + 2] & 0xC0) != 0x80)
				break;
			offset += 3;
		}
		if (offset >= length || bytes[offset] < 0x80)
			continue;
		uint32_t codepoint;
		size_t used = utf8_decode(text + offset, length - offset, &codepoint);
		if (used == 0)
			return offset;
		offset += used;
	}
	return length;
}

/* A NUL, or a CR that does not start a CRLF pair, found with memchr. */
static void find_controls_scalar(const char *data, size_t size, struct text_scan *scan)
{
	const char *p = data, *end = data + size;
	for (;;) {
		const char *nul = memchr(p, '\0', (size_t)(end - p));
		const char *cr = memchr(p, '\r', (size_t)((nul ? nul : end) - p));
		if (cr && cr + 1 < end && cr[1] == '\n') {
			p = cr + 2;
			continue;
		}
		if (cr)
			scan->lone_cr = (size_t)(cr - data);
		else if (nul)
			scan->nul = (size_t)(nul - data);
		return;
	}
}

#ifdef HAVE_AVX2_KERNEL

enum {
	TOO_SHORT = 1 << 0,     /* a lead byte or ASCII, then a lead byte */
	TOO_LONG = 1 << 1,      /* ASCII, then a continuation */
	OVERLONG_3 = 1 << 2,    /* 11100000 100_____ */
	TOO_LARGE = 1 << 3,     /* above U+10FFFF */
	SURROGATE = 1 << 4,     /* 11101101 101_____ */
	OVERLONG_2 = 1 << 5,    /* 1100000_ 10______ */
	TOO_LARGE_1000 = 1 << 6,
	OVERLONG_4 = 1 << 6,    /* 11110000 1000____ */
	TWO_CONTS = 1 << 7,     /* a continuation, then a continuation */
	CARRY = TOO_SHORT | TOO_LONG | TWO_CONTS,
};

/* The three tables of the classification, indexed by a nibble. */
static const unsigned char byte_1_high[16] = {
	TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,   /* 0_______ */
	TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,                                      /* 10______ */
	TOO_SHORT | OVERLONG_2,                                                          /* 1100____ */
	TOO_SHORT,                                                                       /* 1101____ */
	TOO_SHORT | OVERLONG_3 | SURROGATE,                                              /* 1110____ */
	TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4,                             /* 1111____ */
};
static const unsigned char byte_1_low[16] = {
	CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4,   /* ____0000 */
	CARRY | OVERLONG_2,                             /* ____0001 */
	CARRY, CARRY,                                   /* ____001_ */
	CARRY | TOO_LARGE,                              /* ____0100 */
	CARRY | TOO_LARGE | TOO_LARGE_1000,             /* ____0101 */
	CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,   /* ____1___ */
	CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE,   /* ____1101 */
	CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
};
static const unsigned char byte_2_high[16] = {
	TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,   /* 0_______ */
	TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4,             /* 1000____ */
	TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,                               /* 1001____ */
	TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,                                /* 101_____ */
	TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
	TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,                                               /* 11______ */
};
/* The most a block's last three bytes may be without starting a
 * character the block does not finish. */
static const unsigned char last_allowed[32] = {
	255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
	255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0xF0 - 1, 0xE0 - 1, 0xC0 - 1,
};

/* A 16-entry table in both 128-bit lanes. */
__attribute__((target("avx2"))) static inline __m256i table16(const unsigned char *table)
{
	return _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)table));
}

struct avx2_state {
	__m256i byte_1_high, byte_1_low, byte_2_high, last_allowed;   /* the tables */
	__m256i previous;       /* the block before */
	__m256i error;          /* any bit set: not UTF-8 */
};

__attribute__((target("avx2"))) static inline __m256i nibble_high(__m256i bytes)
{
	return _mm256_and_si256(_mm256_srli_epi16(bytes, 4), _mm256_set1_epi8(0x0F));
}

/* The block shifted by n bytes, the bytes before it coming from previous. */
#define PREVIOUS(input, previous, n) \
	_mm256_alignr_epi8((input), _mm256_permute2x128_si256((previous), (input), 0x21), 16 - (n))

__attribute__((target("avx2"))) static inline void check_block(struct avx2_state *state, __m256i input)
{
	__m256i prev1 = PREVIOUS(input, state->previous, 1);
	__m256i special = _mm256_and_si256(
		_mm256_and_si256(_mm256_shuffle_epi8(state->byte_1_high, nibble_high(prev1)),
				 _mm256_shuffle_epi8(state->byte_1_low, _mm256_and_si256(prev1, _mm256_set1_epi8(0x0F)))),
		_mm256_shuffle_epi8(state->byte_2_high, nibble_high(input)));
	/* Third and fourth bytes of a character must be continuations. */
	__m256i prev2 = PREVIOUS(input, state->previous, 2);
	__m256i prev3 = PREVIOUS(input, state->previous, 3);
	__m256i third = _mm256_subs_epu8(prev2, _mm256_set1_epi8((char)(0xE0 - 0x80)));
	__m256i fourth = _mm256_subs_epu8(prev3, _mm256_set1_epi8((char)(0xF0 - 0x80)));
	__m256i must_continue = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8((char)0x80));
	state->error = _mm256_or_si256(state->error, _mm256_xor_si256(must_continue, special));
	state->previous = input;
}

/* After an ASCII block: the block before must not end inside a character. */
__attribute__((target("avx2"))) static inline void check_complete(struct avx2_state *state, __m256i input)
{
	state->error = _mm256_or_si256(state->error, _mm256_subs_epu8(state->previous, state->last_allowed));
	state->previous = input;
}

/* 0xFF where a byte is NUL or CR: a lookup on the low nibble that gives
 * back the byte itself only for those two (and 0 for bytes >= 0x80). */
__attribute__((target("avx2"))) static inline __m256i nul_or_cr(__m256i input, __m256i table)
{
	return _mm256_cmpeq_epi8(_mm256_shuffle_epi8(table, input), input);
}

/* No NUL and no lone CR in the block; *cr_at_end says whether the block
 * before ended with a CR (which needs an LF first thing here), and is set
 * for the next one. */
__attribute__((target("avx2"))) static inline bool controls_clean(__m256i input, uint32_t *cr_at_end)
{
	uint32_t nuls = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(input, _mm256_setzero_si256()));
	uint32_t crs = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(input, _mm256_set1_epi8('\r')));
	uint32_t lfs = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(input, _mm256_set1_epi8('\n')));
	if (nuls || (*cr_at_end && !(lfs & 1)) || (crs & ~(lfs >> 1) & 0x7FFFFFFFu))
		return false;
	*cr_at_end = crs >> 31;
	return true;
}

/* Scans 64 bytes at a time and returns where the caller is to go on (the
 * bytes before it are checked; a bad byte among them clears *utf8_ok).
 * Stops at the first NUL or lone CR (when controls is set), which it
 * leaves to the caller. */
__attribute__((target("avx2"))) static size_t scan_avx2(const char *data, size_t size, bool controls, bool *utf8_ok)
{
	struct avx2_state state = {
		.byte_1_high = table16(byte_1_high), .byte_1_low = table16(byte_1_low),
		.byte_2_high = table16(byte_2_high),
		.last_allowed = _mm256_loadu_si256((const __m256i *)last_allowed),
		.previous = _mm256_setzero_si256(), .error = _mm256_setzero_si256(),
	};
	static const unsigned char controls_table[16] = { 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
							  0xFF, 0xFF, 0xFF, 0xFF, 0xFF, '\r', 0xFF, 0xFF };
	const __m256i controls_lookup = table16(controls_table);
	uint32_t cr_at_end = 0;   /* the last block ended with a CR */
	size_t offset = 0;
	for (; size - offset >= 64; offset += 64) {
		__m256i first = _mm256_loadu_si256((const __m256i *)(data + offset));
		__m256i second = _mm256_loadu_si256((const __m256i *)(data + offset + 32));
		if (controls) {
			/* The common case, no NUL and no CR, is one test; CRs are
			 * looked at closely. */
			__m256i special = _mm256_or_si256(nul_or_cr(first, controls_lookup),
							  nul_or_cr(second, controls_lookup));
			uint32_t cr_before = cr_at_end;
			if ((cr_at_end || !_mm256_testz_si256(special, special))
			    && (!controls_clean(first, &cr_at_end) || !controls_clean(second, &cr_at_end))) {
				/* The caller looks from here, or from the blocks before
				 * when they ended with the CR at fault. */
				offset -= cr_before ? 64 : 0;
				cr_at_end = 0;
				break;
			}
		}
		if (_mm256_movemask_epi8(_mm256_or_si256(first, second)) == 0) {   /* ASCII only */
			check_complete(&state, second);
			continue;
		}
		check_block(&state, first);
		check_block(&state, second);
	}
	/* A CR ending the last block scanned is left to the caller, with that
	 * block: what follows it decides. */
	if (cr_at_end)
		offset -= 64;
	__m256i error = state.error;
	*utf8_ok = _mm256_testz_si256(error, error);
	/* The caller goes on from the lead byte of the character the last
	 * scanned byte belongs to (at most three bytes back), so a character
	 * cut by the edge is checked whole. */
	if (offset > 0) {
		size_t lead = offset - 1;
		for (int back = 0; back < 3 && lead > 0 && ((unsigned char)data[lead] & 0xC0) == 0x80; back++)
			lead--;
		if ((unsigned char)data[lead] >= 0xC0)
			offset = lead;
	}
	_mm256_zeroupper();
	return offset;
}

static bool have_avx2(void)
{
	static int known = -1;
	if (known < 0) {
		__builtin_cpu_init();
		known = __builtin_cpu_supports("avx2") != 0;
	}
	return known;
}

#endif

/* Scans data: UTF-8 validity (when utf8), NUL and lone CR (when controls). */
static void scan(const char *data, size_t size, bool utf8, bool controls, struct text_scan *result)
{
	*result = (struct text_scan){ size, size, size };
	size_t start = 0;
	bool utf8_ok = true;
#ifdef HAVE_AVX2_KERNEL
	if (size >= 64 && have_avx2())
		start = scan_avx2(data, size, controls, &utf8_ok);
#endif
	if (controls) {
		find_controls_scalar(data + start, size - start, result);
		if (result->nul < size - start)
			result->nul += start;
		else
			result->nul = size;
		if (result->lone_cr < size - start)
			result->lone_cr += start;
		else
			result->lone_cr = size;
	}
	if (!utf8)
		return;
	/* A bad byte found by the kernel is located exactly by the scalar code,
	 * from the start; otherwise only the rest needs it. */
	if (!utf8_ok)
		start = 0;
	size_t end = result->nul < result->lone_cr ? result->nul : result->lone_cr;
	size_t bad = utf8_validate_portable(data + start, end - start);
	result->invalid_utf8 = bad < end - start ? start + bad : size;
}

size_t utf8_validate(const char *text, size_t length)
{
	struct text_scan result;
	scan(text, length, true, false, &result);
	return result.invalid_utf8;
}

void text_scan(const char *data, size_t size, bool utf8, struct text_scan *result)
{
	scan(data, size, utf8, true, result);
}

size_t utf8_char_length_at(const char *text, size_t length, size_t offset)
{
	size_t n = utf8_sequence_length((unsigned char)text[offset]);
	return n == 0 || offset + n > length ? 1 : n;
}
