#ifndef VARBENCH_MACHINE_H
#define VARBENCH_MACHINE_H

/*
 * The machine a campaign ran on, recorded with it so results from
 * different machines are never compared silently, and checked before it
 * is trusted: `varbench doctor` prints the same facts with a verdict and
 * what to do about each warning.
 */

#include <stddef.h>

struct machine {
	char hostname[256];
	char cpu_model[256];
	char kernel[256];
	int cpus;
	int pmu;		/* 1 if hardware events could be opened */
};

void machine_detect(struct machine *m);

enum fact_verdict { FACT_INFO, FACT_OK, FACT_WARNING, FACT_PROBLEM };

struct machine_fact {
	char name[40];
	char value[256];
	enum fact_verdict verdict;
	char advice[320];	/* what to do, for warnings and problems */
};

#define MACHINE_FACTS_MAX 32

struct machine_facts {
	struct machine_fact items[MACHINE_FACTS_MAX];
	size_t n;
};

/*
 * Read everything that can make numbers doubtful: CPU, governor, boost,
 * isolated CPUs, nohz_full, ASLR, perf_event_paranoid, PMU, load, memory,
 * tool versions.  measured_cpu is the CPU samples will run on (-1: the
 * default choice).
 */
void machine_collect(struct machine_facts *f, int measured_cpu);

const char *fact_verdict_name(enum fact_verdict v);

/* The value of a collected fact, or NULL. */
const char *machine_fact_value(const struct machine_facts *f, const char *name);

/* CPUs in /sys/devices/system/cpu/isolated, first one or -1. */
int machine_first_isolated_cpu(void);

#endif
