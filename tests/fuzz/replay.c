/*
 * replay.c - runs a fuzz harness over files without libFuzzer, so that
 * `make test` replays the seeds and every input that once found a bug
 * (tests/fuzz/regressions/) in the normal and the sanitizer builds.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	int replayed = 0;
	for (int i = 1; i < argc; i++) {
		FILE *file = fopen(argv[i], "rb");
		if (!file) {
			perror(argv[i]);
			return 1;
		}
		size_t capacity = 1 << 16, size = 0;
		uint8_t *data = malloc(capacity);
		size_t got;
		while (data && (got = fread(data + size, 1, capacity - size, file)) > 0) {
			size += got;
			if (size == capacity) {
				uint8_t *grown = realloc(data, capacity * 2);
				if (!grown) {
					free(data);
					data = NULL;
					break;
				}
				data = grown;
				capacity *= 2;
			}
		}
		fclose(file);
		if (!data)
			return 1;
		LLVMFuzzerTestOneInput(data, size);
		free(data);
		replayed++;
	}
	printf("replayed %d inputs\n", replayed);
	return 0;
}
