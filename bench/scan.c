/*
 * scan.c - the byte check of io/input.c on its own, for counting its
 * instructions per byte (bench/run.sh runs it under callgrind with
 * --toggle-collect=text_scan):
 *
 *   scan FILE          the file's bytes
 *   scan --ascii N     N bytes of ASCII CSV text in short CRLF lines
 *   scan --chinese N   N bytes of Chinese text (three-byte characters)
 *
 * It prints what text_scan found, so the call is not optimised away.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duty/utf8.h"

static char *repeat(const char *unit, size_t size)
{
	char *data = malloc(size + 1);
	size_t length = strlen(unit);
	for (size_t i = 0; data && i < size; i++)
		data[i] = unit[i % length];
	return data;
}

static char *read_all(const char *path, size_t *size)
{
	FILE *file = fopen(path, "rb");
	if (!file)
		return NULL;
	fseek(file, 0, SEEK_END);
	long length = ftell(file);
	fseek(file, 0, SEEK_SET);
	char *data = length >= 0 ? malloc((size_t)length + 1) : NULL;
	*size = data ? fread(data, 1, (size_t)length, file) : 0;
	fclose(file);
	return data;
}

int main(int argc, char **argv)
{
	char *data = NULL;
	size_t size = 0;
	if (argc == 3 && strcmp(argv[1], "--ascii") == 0) {
		size = strtoul(argv[2], NULL, 10);
		data = repeat("1,Strengthen food safety,2018-12-31,year end,0,\"done, as planned\",\r\n", size);
	} else if (argc == 3 && strcmp(argv[1], "--chinese") == 0) {
		/* Whole characters: the size is rounded down to a multiple of 3. */
		size = strtoul(argv[2], NULL, 10) / 3 * 3;
		data = repeat("加快推进食品安全监管体系年底前开展专项整治行动规范登记管理", size);
	} else if (argc == 2) {
		data = read_all(argv[1], &size);
	} else {
		fprintf(stderr, "usage: scan FILE | --ascii N | --chinese N\n");
		return 2;
	}
	if (!data) {
		perror("scan");
		return 1;
	}
	struct text_scan result;
	text_scan(data, size, true, &result);
	printf("%zu bytes: invalid %zu, nul %zu, lone cr %zu\n", size, result.invalid_utf8, result.nul,
	       result.lone_cr);
	free(data);
	return 0;
}
