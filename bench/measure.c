/*
 * measure.c - runs commands in interleaved rounds and prints, for each, the
 * median wall time, the median CPU time (user + system, children
 * included) and the largest peak resident memory:
 *
 *   measure RUNS WARMUP -- PROGRAM ARGUMENTS... [--- PROGRAM ARGUMENTS...]...
 *
 * prints one line per command: "WALL_MS CPU_MS PEAK_KIB". Round r runs
 * every command once, in the order given, so that the load of a shared
 * machine falls on the peers alike and their ratio is fairer than that of
 * two medians taken minutes apart. Each command's output goes to
 * /dev/null; commands are executed directly (no shell), so start-up
 * figures are the program's own; a pipeline can be measured as
 * `sh -c "a | b"`. A command that fails stops the measurement (exit 1).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct command {
	char **argv;
	double *wall, *cpu;
	long peak_kib;
};

static int compare(const void *left, const void *right)
{
	double a = *(const double *)left, b = *(const double *)right;
	return a < b ? -1 : a > b;
}

static double median(double *values, int count)
{
	qsort(values, (size_t)count, sizeof *values, compare);
	return count % 2 ? values[count / 2] : (values[count / 2 - 1] + values[count / 2]) / 2;
}

static double milliseconds(struct timeval time)
{
	return (double)time.tv_sec * 1e3 + (double)time.tv_usec / 1e3;
}

static void run_once(struct command *command, double *wall, double *cpu)
{
	struct timespec start, end;
	clock_gettime(CLOCK_MONOTONIC, &start);
	pid_t child = fork();
	if (child == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, STDOUT_FILENO);
		execvp(command->argv[0], command->argv);
		_exit(127);
	}
	int status;
	struct rusage usage;
	wait4(child, &status, 0, &usage);
	clock_gettime(CLOCK_MONOTONIC, &end);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "measure: %s failed\n", command->argv[0]);
		exit(1);
	}
	if (usage.ru_maxrss > command->peak_kib)
		command->peak_kib = usage.ru_maxrss;
	*wall = (double)(end.tv_sec - start.tv_sec) * 1e3 + (double)(end.tv_nsec - start.tv_nsec) / 1e6;
	*cpu = milliseconds(usage.ru_utime) + milliseconds(usage.ru_stime);
}

int main(int argc, char **argv)
{
	if (argc < 5 || strcmp(argv[3], "--") != 0) {
		fprintf(stderr, "usage: measure RUNS WARMUP -- PROGRAM ARGUMENTS... [--- PROGRAM ARGUMENTS...]...\n");
		return 2;
	}
	int runs = atoi(argv[1]), warmup = atoi(argv[2]);
	if (runs < 1)
		runs = 1;
	struct command *commands = calloc((size_t)argc, sizeof *commands);
	int count = 0;
	if (!commands)
		return 1;
	commands[count++].argv = argv + 4;
	for (int i = 4; i < argc; i++) {
		if (strcmp(argv[i], "---") == 0) {
			argv[i] = NULL;
			commands[count++].argv = argv + i + 1;
		}
	}
	for (int c = 0; c < count; c++) {
		commands[c].wall = malloc((size_t)runs * sizeof(double));
		commands[c].cpu = malloc((size_t)runs * sizeof(double));
		if (!commands[c].wall || !commands[c].cpu || !commands[c].argv[0])
			return 1;
	}
	double ignored_wall, ignored_cpu;
	for (int w = 0; w < warmup; w++)
		for (int c = 0; c < count; c++)
			run_once(&commands[c], &ignored_wall, &ignored_cpu);
	for (int r = 0; r < runs; r++)
		for (int c = 0; c < count; c++)
			run_once(&commands[c], &commands[c].wall[r], &commands[c].cpu[r]);
	for (int c = 0; c < count; c++) {
		printf("%.2f %.2f %ld\n", median(commands[c].wall, runs), median(commands[c].cpu, runs),
		       commands[c].peak_kib);
		free(commands[c].wall);
		free(commands[c].cpu);
	}
	free(commands);
	return 0;
}
