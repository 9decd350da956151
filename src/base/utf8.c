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
 * are not followed by a line feed: one lookup and one comparison per 32
 * bytes, and a closer look only at 64 bytes holding a NUL or a CR. With
 * gcc -O2 the loop takes about 61 instructions for 64 bytes of Chinese
 * (0.95 a byte on the benchmark's plan, bench/scan), 16 for ASCII.
 * Elsewhere, and for locating the exact offset of a bad byte, the scalar
 * code below does the work.
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

/* The constants of the kernel, 32 bytes each (a 16-entry table twice, one
 * for each 128-bit lane), read from memory where an instruction can take
 * them as an operand instead of being kept in a register or rebuilt. */
#define TWICE(...) { __VA_ARGS__, __VA_ARGS__ }
#define ALL(byte) { [0 ... 31] = (byte) }
static const unsigned char kernel_tables[][32] __attribute__((aligned(32))) = {
#define BYTE_1_HIGH 0
	TWICE(TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TWO_CONTS, TWO_CONTS,
	      TWO_CONTS, TWO_CONTS, TOO_SHORT | OVERLONG_2, TOO_SHORT, TOO_SHORT | OVERLONG_3 | SURROGATE,
	      TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4),
#define BYTE_1_LOW 1
	TWICE(CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4, CARRY | OVERLONG_2, CARRY, CARRY, CARRY | TOO_LARGE,
	      CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
	      CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
	      CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
	      CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE, CARRY | TOO_LARGE | TOO_LARGE_1000,
	      CARRY | TOO_LARGE | TOO_LARGE_1000),
#define BYTE_2_HIGH 2
	TWICE(TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
	      TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4,
	      TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,
	      TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
	      TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT),
	/* NUL and CR: a lookup on the low nibble that gives back the byte
	 * itself only for those two (and 0 for bytes >= 0x80). */
#define CONTROLS 3
	TWICE(0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, '\r', 0xFF, 0xFF),
	/* The most a block's last three bytes may be without starting a
	 * character the block does not finish. */
#define LAST_ALLOWED 4
	{ [0 ... 28] = 255, 0xF0 - 1, 0xE0 - 1, 0xC0 - 1 },
#define LOW_NIBBLE 5
	ALL(0x0F),
#define HIGH_BIT 6
	ALL(0x80),
#define THIRD_BYTE 7
	ALL(0xE0 - 0x80),   /* subtracted from the byte two back: >= 0x80 when it leads 3 or 4 bytes */
#define FOURTH_BYTE 8
	ALL(0xF0 - 0x80),   /* from the byte three back: >= 0x80 when it leads 4 bytes */
#define CARRIAGE_RETURN 9
	ALL('\r'),
#define LINE_FEED 10
	ALL('\n'),
};

#define AVX2 __attribute__((target("avx2"), always_inline)) static inline

/* The tables, through a pointer the compiler cannot follow: it then takes
 * the constants from memory as operands, where it would otherwise rebuild
 * them in the loop (gcc: three instructions each) for want of registers. */
#define constant(which) _mm256_load_si256((const __m256i *)tables[which])

AVX2 __m256i nibble_high(const unsigned char (*tables)[32], __m256i bytes)
{
	return _mm256_and_si256(_mm256_srli_epi16(bytes, 4), constant(LOW_NIBBLE));
}

/* The UTF-8 errors of a block of 32 bytes, previous being the block
 * before it: the classification of each pair of bytes by three table
 * lookups, against where the third and fourth bytes of a character must
 * be continuations. */
AVX2 __m256i block_errors(const unsigned char (*tables)[32], __m256i input, __m256i previous, __m256i byte_1_high,
			  __m256i byte_1_low, __m256i byte_2_high)
{
	__m256i shifted = _mm256_permute2x128_si256(previous, input, 0x21);
	__m256i prev1 = _mm256_alignr_epi8(input, shifted, 15);
	__m256i prev2 = _mm256_alignr_epi8(input, shifted, 14);
	__m256i prev3 = _mm256_alignr_epi8(input, shifted, 13);
	__m256i special = _mm256_and_si256(
		_mm256_and_si256(_mm256_shuffle_epi8(byte_1_high, nibble_high(tables, prev1)),
				 _mm256_shuffle_epi8(byte_1_low, _mm256_and_si256(prev1, constant(LOW_NIBBLE)))),
		_mm256_shuffle_epi8(byte_2_high, nibble_high(tables, input)));
	__m256i must_continue = _mm256_and_si256(_mm256_or_si256(_mm256_subs_epu8(prev2, constant(THIRD_BYTE)),
								  _mm256_subs_epu8(prev3, constant(FOURTH_BYTE))),
						 constant(HIGH_BIT));
	return _mm256_xor_si256(must_continue, special);
}

/* No NUL and no lone CR in the 64 bytes at p (first and second); a CR
 * ending them needs an LF at p[64], which must be before end (else the
 * caller decides). Only blocks with a NUL or a CR come here. */
AVX2 bool controls_clean(const unsigned char (*tables)[32], __m256i first, __m256i second, const char *p,
			 const char *end)
{
	__m256i zero = _mm256_setzero_si256();
	uint64_t nuls = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(first, zero))
			| (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(second, zero)) << 32;
	uint64_t crs = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(first, constant(CARRIAGE_RETURN)))
		       | (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(second, constant(CARRIAGE_RETURN)))
				 << 32;
	uint64_t lfs = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(first, constant(LINE_FEED)))
		       | (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(second, constant(LINE_FEED))) << 32;
	uint64_t next_lf = lfs >> 1 | (uint64_t)(p + 64 < end && p[64] == '\n') << 63;
	return !nuls && !(crs & ~next_lf);
}

/* Scans 64 bytes at a time and returns where the caller is to go on (the
 * bytes before it are checked; a bad byte among them clears *utf8_ok).
 * Stops at the first NUL or lone CR (when controls is set), which it
 * leaves to the caller. Inlined into one loop with the controls and one
 * without. */
AVX2 size_t scan_blocks(const char *data, size_t size, bool controls, bool *utf8_ok)
{
	const unsigned char (*tables)[32] = kernel_tables;
	__asm__("" : "+r"(tables));
	const __m256i byte_1_high = constant(BYTE_1_HIGH), byte_1_low = constant(BYTE_1_LOW),
		      byte_2_high = constant(BYTE_2_HIGH), controls_lookup = constant(CONTROLS);
	__m256i previous = _mm256_setzero_si256(), error = _mm256_setzero_si256();
	const char *p = data, *end = data + size, *last = data + (size & ~(size_t)63);
	for (; p != last; p += 64) {
		__m256i first = _mm256_loadu_si256((const __m256i *)p);
		__m256i second = _mm256_loadu_si256((const __m256i *)(p + 32));
		if (controls) {
			/* The common case, no NUL and no CR, is one test; CRs are
			 * looked at closely. */
			__m256i special = _mm256_or_si256(
				_mm256_cmpeq_epi8(_mm256_shuffle_epi8(controls_lookup, first), first),
				_mm256_cmpeq_epi8(_mm256_shuffle_epi8(controls_lookup, second), second));
			if (__builtin_expect(_mm256_movemask_epi8(special) != 0, 0)
			    && !controls_clean(tables, first, second, p, end))
				break;   /* the caller finds which byte, from here */
		}
		if (_mm256_movemask_epi8(_mm256_or_si256(first, second)) == 0) {
			/* ASCII only: the block before must not end inside a
			 * character. */
			error = _mm256_or_si256(error, _mm256_subs_epu8(previous, constant(LAST_ALLOWED)));
		} else {
			error = _mm256_or_si256(error, block_errors(tables, first, previous, byte_1_high, byte_1_low,
								   byte_2_high));
			error = _mm256_or_si256(error, block_errors(tables, second, first, byte_1_high, byte_1_low,
								   byte_2_high));
		}
		previous = second;
	}
	size_t offset = (size_t)(p - data);
	*utf8_ok = _mm256_testz_si256(error, error);
	return offset;
}

__attribute__((target("avx2"))) static size_t scan_avx2(const char *data, size_t size, bool controls, bool *utf8_ok)
{
	size_t offset = controls ? scan_blocks(data, size, true, utf8_ok) : scan_blocks(data, size, false, utf8_ok);
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
