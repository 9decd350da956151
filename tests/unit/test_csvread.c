/*
 * test_csvread.c - rows with line numbers and byte spans, and the errors
 * libcsv's strict mode finds, placed on the right line.
 */
#include "testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duty/csvread.h"

struct collected {
	size_t rows;
	long lines[8];
	long end_lines[8];
	size_t starts[8], ends[8];
	size_t counts[8];
	bool padded[8];
	size_t first_lengths[8];
	char first_ends[8];   /* the first field's last byte */
	char first[8][64];
	char last[8][64];
};

static bool collect(const struct csv_row *row, void *context)
{
	struct collected *out = context;
	size_t i = out->rows++;
	if (i >= 8)
		return false;
	out->lines[i] = row->line;
	out->end_lines[i] = row->end_line;
	out->starts[i] = row->start;
	out->ends[i] = row->end;
	out->counts[i] = row->count;
	out->padded[i] = row->padded;
	out->first_lengths[i] = row->fields[0].length;
	out->first_ends[i] = row->fields[0].length ? row->fields[0].data[row->fields[0].length - 1] : 0;
	snprintf(out->first[i], sizeof out->first[i], "%.*s", (int)row->fields[0].length, row->fields[0].data);
	snprintf(out->last[i], sizeof out->last[i], "%.*s", (int)row->fields[row->count - 1].length,
		 row->fields[row->count - 1].data);
	return true;
}

static bool read_text(const char *text, struct collected *out, struct diagnostics *diag)
{
	memset(out, 0, sizeof *out);
	diagnostics_init(diag, 16);
	static const struct csv_callbacks callbacks = { collect, NULL };
	return csv_read(text, strlen(text), "t.csv", &callbacks, out, diag);
}

static void test_rows_know_their_lines_and_bytes(void **state)
{
	(void)state;
	const char *text = "a,b\n\n\"multi\nline\",x\r\nlast, spaced ";
	struct collected out;
	struct diagnostics diag;
	assert_true(read_text(text, &out, &diag));
	assert_int_equal(out.rows, 3);
	assert_int_equal(out.lines[0], 1);
	assert_int_equal(out.lines[1], 3);        /* the blank line 2 is skipped */
	assert_int_equal(out.end_lines[1], 4);
	assert_int_equal(out.lines[2], 5);
	assert_string_equal(out.first[1], "multi\nline");
	assert_string_equal(out.last[2], "spaced");   /* spaces around unquoted fields go */
	assert_int_equal(out.starts[1], 5);
	assert_int_equal(out.ends[1], 21);             /* after the CRLF */
	assert_memory_equal(text + out.starts[1], "\"multi\nline\",x\r\n", 16);   /* spans of the original */
	assert_int_equal(out.ends[2], strlen(text)); /* no final newline */
	assert_int_equal(diag.errors, 0);
	diagnostics_free(&diag);
}

/* Only a quoted field can keep edge spaces; the row says so, and a row
 * without one needs no trimming (row_field). */
static void test_rows_say_when_a_field_has_edge_spaces(void **state)
{
	(void)state;
	struct collected out;
	struct diagnostics diag;
	assert_true(read_text(" a , b \n\" a\",b\n\"a\",\"b\t\"\n\"a\",\"\"\"b\"\"\",\"  \"\n\"x y\",\"\"\n", &out, &diag));
	assert_int_equal(out.rows, 5);
	assert_false(out.padded[0]);   /* libcsv trims unquoted fields */
	assert_true(out.padded[1]);
	assert_true(out.padded[2]);    /* a tab at the end */
	assert_true(out.padded[3]);    /* spaces alone, after a copied field */
	assert_false(out.padded[4]);   /* inner spaces and empty quotes are no padding */
	assert_string_equal(out.first[1], " a");
	diagnostics_free(&diag);
}

/* libcsv grows its field buffer 128 bytes at a time; csvread has it grow
 * by half instead. A field of 16 MiB reads whole (one realloc per 128
 * bytes made this take minutes under ASan and valgrind, which copy every
 * time). */
static void test_a_field_of_many_megabytes_reads_whole(void **state)
{
	(void)state;
	enum { BIG = 16 << 20 };
	char *text = malloc(BIG + 16);
	assert_non_null(text);
	text[0] = '"';
	memset(text + 1, 'x', BIG);
	text[BIG] = 'y';   /* the field's last byte */
	strcpy(text + 1 + BIG, "\",z\n");
	struct collected out;
	struct diagnostics diag;
	assert_true(read_text(text, &out, &diag));
	assert_int_equal(out.rows, 1);
	assert_int_equal(out.counts[0], 2);
	assert_string_equal(out.last[0], "z");
	assert_int_equal(out.first_lengths[0], BIG);
	assert_int_equal(out.first_ends[0], 'y');
	free(text);
	diagnostics_free(&diag);
}

static void test_quotes_and_empty_fields(void **state)
{
	(void)state;
	struct collected out;
	struct diagnostics diag;
	assert_true(read_text("\"say \"\"hi\"\"\",,\"\"\n", &out, &diag));
	assert_int_equal(out.rows, 1);
	assert_int_equal(out.counts[0], 3);
	assert_string_equal(out.first[0], "say \"hi\"");
	assert_string_equal(out.last[0], "");
	diagnostics_free(&diag);
}

static void test_broken_quotes_are_reported_on_their_line_and_reading_goes_on(void **state)
{
	(void)state;
	struct collected out;
	struct diagnostics diag;
	assert_false(read_text("ok,1\nbad\"quote,2\n\"closed\"x,3\nfine,4\n", &out, &diag));
	assert_int_equal(diag.errors, 2);
	assert_int_equal(diag.kept[0].line, 2);
	assert_non_null(strstr(diag.kept[0].message, "stray double quote (\") inside a field (field 1)"));
	assert_int_equal(diag.kept[1].line, 3);
	assert_non_null(strstr(diag.kept[1].message, "after the closing quote of a field (field 1)"));
	assert_int_equal(out.rows, 2);                 /* ok and fine */
	assert_string_equal(out.first[1], "fine");
	assert_int_equal(out.lines[1], 4);
	diagnostics_free(&diag);
}

static void test_unterminated_quote_points_where_it_opened(void **state)
{
	(void)state;
	struct collected out;
	struct diagnostics diag;
	assert_false(read_text("h1,h2\nx,\"never\nclosed\nat all\n", &out, &diag));
	assert_int_equal(diag.errors, 1);
	assert_int_equal(diag.kept[0].line, 2);
	assert_non_null(strstr(diag.kept[0].message, "closing quote never comes"));
	diagnostics_free(&diag);
}

/* Every field of a row: its content, and whether it is a span of the
 * input (else a copy). */
struct spans {
	const char *input;
	size_t size;
	size_t count;
	char content[16][32];
	bool in_input[16];
};

static bool collect_spans(const struct csv_row *row, void *context)
{
	struct spans *out = context;
	for (size_t f = 0; f < row->count && out->count < 16; f++, out->count++) {
		snprintf(out->content[out->count], sizeof out->content[0], "%.*s", (int)row->fields[f].length,
			 row->fields[f].data);
		out->in_input[out->count] = csv_field_in_input(&row->fields[f], out->input, out->size);
	}
	return true;
}

static void test_fields_are_spans_of_the_input_unless_quotes_were_doubled(void **state)
{
	(void)state;
	/* Spaces around fields and after closing quotes, CRLF, a blank line,
	 * a line of spaces, a quoted line break and doubled quotes. */
	const char text[] = "  a , \"b,c\"  ,\"\"\r\n\n   \n\"x\"\"y\"\"\",\"two\nlines\",  \"q\"\"\" ,z";
	const char *expected[] = { "a", "b,c", "", "x\"y\"", "two\nlines", "q\"", "z" };
	const bool spans[] = { true, true, true, false, true, false, true };
	char *input = malloc(sizeof text);   /* exactly the bytes: no NUL after them */
	memcpy(input, text, sizeof text - 1);
	struct spans out = { input, sizeof text - 1, 0, { { 0 } }, { 0 } };
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	static const struct csv_callbacks callbacks = { collect_spans, NULL };
	assert_true(csv_read(input, sizeof text - 1, "t.csv", &callbacks, &out, &diag));
	assert_int_equal(out.count, 7);
	for (size_t f = 0; f < 7; f++) {
		assert_string_equal(out.content[f], expected[f]);
		assert_int_equal(out.in_input[f], spans[f]);
	}
	assert_memory_equal(input, text, sizeof text - 1);   /* not written */
	free(input);
	diagnostics_free(&diag);
}

static void test_tab_separated_fields_keep_their_places(void **state)
{
	(void)state;
	const char text[] = "a\t \t\"b\"\"\"\t\tc \n";
	const char *expected[] = { "a", "", "b\"", "", "c" };
	struct spans out = { text, sizeof text - 1, 0, { { 0 } }, { 0 } };
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	static const struct csv_callbacks callbacks = { collect_spans, NULL };
	assert_true(csv_read_delimited(text, sizeof text - 1, '\t', "t.tsv", &callbacks, &out, &diag));
	assert_int_equal(out.count, 5);
	for (size_t f = 0; f < 5; f++)
		assert_string_equal(out.content[f], expected[f]);
	diagnostics_free(&diag);
}

static bool stop_after_one(const struct csv_row *row, void *context)
{
	(void)row;
	(*(int *)context)++;
	return false;
}

static void test_callback_can_stop_reading(void **state)
{
	(void)state;
	int calls = 0;
	struct diagnostics diag;
	diagnostics_init(&diag, 4);
	static const struct csv_callbacks callbacks = { stop_after_one, NULL };
	char text[] = "a\nb\nc\n";
	assert_false(csv_read(text, 6, "t.csv", &callbacks, &calls, &diag));
	assert_int_equal(calls, 1);
	assert_int_equal(diag.errors, 0);
	diagnostics_free(&diag);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows_know_their_lines_and_bytes),
		cmocka_unit_test(test_quotes_and_empty_fields),
		cmocka_unit_test(test_rows_say_when_a_field_has_edge_spaces),
		cmocka_unit_test(test_a_field_of_many_megabytes_reads_whole),
		cmocka_unit_test(test_broken_quotes_are_reported_on_their_line_and_reading_goes_on),
		cmocka_unit_test(test_unterminated_quote_points_where_it_opened),
		cmocka_unit_test(test_callback_can_stop_reading),
		cmocka_unit_test(test_fields_are_spans_of_the_input_unless_quotes_were_doubled),
		cmocka_unit_test(test_tab_separated_fields_keep_their_places),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
