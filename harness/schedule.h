#ifndef VARBENCH_SCHEDULE_H
#define VARBENCH_SCHEDULE_H

/*
 * The order of a campaign's executions.  Round r runs every workload once
 * on every variant; within a workload the variants come in a fresh random
 * order each round (A B, B A, ...), drawn from a recorded seed, so slow
 * drift of the machine lands on all variants alike.  The first `warmups`
 * rounds are flagged as warm-up.
 */

#include <stddef.h>
#include <stdint.h>

struct schedule_item {
	size_t variant, workload;
	int round;
	int warmup;
};

/* Returns the number of items (nvariants * nworkloads * (warmups + samples)). */
size_t schedule_make(size_t nvariants, size_t nworkloads, int warmups, int samples, uint64_t seed,
		     struct schedule_item **out);

/* A seed from the clock and pid, for when the user gives none. */
uint64_t schedule_fresh_seed(void);

#endif
