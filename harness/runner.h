#ifndef VARBENCH_RUNNER_H
#define VARBENCH_RUNNER_H

/*
 * One measured execution — where a sample is taken.  Clone, pin the child
 * to one CPU, give it a normalized environment and /dev/null as stdin,
 * then let it execve.  It inherits the counters attached to the harness
 * (counters_attach); its counts are what they gained while it ran.  Its
 * output goes to memory files; the parent hashes stdout, keeps the tail of
 * stderr and collects user, sys and max RSS from wait4().  Wall time runs
 * from the child's execve (it reads the clock itself) to the exit.
 */

#include <stdint.h>

#include "counters.h"
#include "sha256.h"
#include "util.h"
#include "variant.h"

enum sample_status {
	SAMPLE_OK,
	SAMPLE_WRONG_OUTPUT,	/* exited 0 but printed something else */
	SAMPLE_FAILED,		/* non-zero exit status */
	SAMPLE_CRASHED,		/* killed by a signal */
	SAMPLE_TIMEOUT,
};

const char *sample_status_name(enum sample_status s);

struct runner_opts {
	int cpu;		/* pin here; -1 leaves affinity alone */
	double timeout;		/* seconds; 0 means none */
	const struct counters *counters;
	int no_aslr;		/* personality(ADDR_NO_RANDOMIZE) in the child */
	/*
	 * Run under `valgrind --tool=cachegrind` and record its instruction
	 * count as the event RUNNER_VALGRIND_EVENT: deterministic on machines
	 * without a PMU, but tens of times slower and a proxy, not a time.
	 */
	const char *valgrind;	/* path of valgrind; NULL: measure natively */
};

#define RUNNER_VALGRIND_EVENT "valgrind:Ir"

struct sample_result {
	enum sample_status status;
	int exit_code;		/* when it exited */
	int signal;		/* when it was killed */
	int64_t wall_ns, user_ns, sys_ns;
	long maxrss_kb;
	char stdout_digest[SHA256_HEX_SIZE];
	char stderr_tail[1024];	/* last bytes of stderr, for failures */
	struct counter_reading counters[COUNTERS_MAX];
	uint64_t valgrind_ir;	/* instructions counted by cachegrind, with opts->valgrind */
	int64_t taken_at;	/* when it ended, Unix time; stored later, in a batch */
};

/* The value PYTHONHASHSEED gets in every sample (recorded per campaign). */
#define RUNNER_HASHSEED "0"

/*
 * Build the environment of a sample: a whitelist of the caller's variables,
 * fixed locale and hash seed, then the variant's runtime settings last.
 */
void runner_environment(const struct variant *v, struct strv *env);

/*
 * Run argv (argv[0] a path) once and measure it.  Returns 0 whenever a
 * sample was taken, whatever its status; -1 only if it could not start.
 */
int runner_sample(char *const argv[], char *const envp[], const struct runner_opts *o,
		  struct sample_result *r);

/* Pin the calling process (the harness) away from the measured CPU. */
void runner_pin_self_away(int measured_cpu);

/* Pin the harness to one CPU (--harness-cpu). */
void runner_pin_self(int cpu);

/* The CPU samples run on by default: the last online one. */
int runner_default_cpu(void);

#endif
