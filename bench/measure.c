/*
 * measure.c - runs a command several times and prints the median wall
 * time in milliseconds and the largest peak resident memory in KiB:
 *
 *   measure RUNS WARMUP -- PROGRAM ARGUMENTS...
 *
 * The command's output goes to /dev/null. It is executed directly (no
 * shell), so start-up figures are the program's own; a pipeline can be
 * measured as `sh -c "a | b"`.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int compare(const void *left, const void *right)
{
	double a = *(const double *)left, b = *(const double *)right;
	return a < b ? -1 : a > b;
}

static double run_once(char **argv, long *peak_kib)
{
	struct timespec start, end;
	clock_gettime(CLOCK_MONOTONIC, &start);
	pid_t child = fork();
	if (child == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, STDOUT_FILENO);
		execvp(argv[0], argv);
		_exit(127);
	}
	int status;
	struct rusage usage;
	wait4(child, &status, 0, &usage);
	clock_gettime(CLOCK_MONOTONIC, &end);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "measure: %s failed\n", argv[0]);
		exit(1);
	}
	if (usage.ru_maxrss > *peak_kib)
		*peak_kib = usage.ru_maxrss;
	return (double)(end.tv_sec - start.tv_sec) * 1e3 + (double)(end.tv_nsec - start.tv_nsec) / 1e6;
}

int main(int argc, char **argv)
{
	if (argc < 5) {
		fprintf(stderr, "usage: measure RUNS WARMUP -- PROGRAM ARGUMENTS...\n");
		return 2;
	}
	int runs = atoi(argv[1]), warmup = atoi(argv[2]);
	char **command = argv + 4;
	long peak = 0;
	for (int i = 0; i < warmup; i++)
		run_once(command, &peak);
	double *times = malloc((size_t)runs * sizeof *times);
	if (!times)
		return 1;
	for (int i = 0; i < runs; i++)
		times[i] = run_once(command, &peak);
	qsort(times, (size_t)runs, sizeof *times, compare);
	double median = runs % 2 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
	printf("%.2f %ld\n", median, peak);
	free(times);
	return 0;
}
