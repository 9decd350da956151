/*
 * csvfloor.c - the floor for the benchmark: reads a file and parses it
 * with libcsv, counting fields and rows, and nothing else. Whatever duty
 * does beyond this is its own work.
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

struct counts {
	size_t fields, rows;
};

static void on_field(void *data, size_t length, void *context)
{
	(void)data;
	(void)length;
	((struct counts *)context)->fields++;
}

static void on_row(int terminator, void *context)
{
	(void)terminator;
	((struct counts *)context)->rows++;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: csvfloor FILE\n");
		return 2;
	}
	FILE *file = fopen(argv[1], "rb");
	if (!file) {
		perror(argv[1]);
		return 1;
	}
	struct csv_parser parser;
	csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI);
	struct counts counts = { 0, 0 };
	static char buffer[1 << 16];
	size_t got;
	while ((got = fread(buffer, 1, sizeof buffer, file)) > 0) {
		if (csv_parse(&parser, buffer, got, on_field, on_row, &counts) != got) {
			fprintf(stderr, "%s\n", csv_strerror(csv_error(&parser)));
			return 1;
		}
	}
	csv_fini(&parser, on_field, on_row, &counts);
	csv_free(&parser);
	fclose(file);
	printf("%zu rows, %zu fields\n", counts.rows, counts.fields);
	return 0;
}
