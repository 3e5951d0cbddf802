/*
 * spawn_floor PROGRAM N: run PROGRAM N times with posix_spawn + waitpid and
 * print the mean milliseconds per run.  The floor any harness that starts a
 * fresh process per sample pays; bench/overhead compares against it.
 */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;

int main(int argc, char **argv)
{
	struct timespec a, b;
	long n;

	if (argc != 3 || (n = atol(argv[2])) <= 0) {
		fprintf(stderr, "usage: spawn_floor PROGRAM N\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (long i = 0; i < n; i++) {
		char *args[] = { argv[1], NULL };
		pid_t pid;
		int status;

		if (posix_spawn(&pid, argv[1], NULL, NULL, args, environ) != 0) {
			perror("posix_spawn");
			return 1;
		}
		waitpid(pid, &status, 0);
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%.4f\n", ((b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6) / (double)n);
	return 0;
}
