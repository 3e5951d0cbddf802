#include "schedule.h"
#include "util.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <time.h>
#include <unistd.h>

size_t schedule_make(size_t nvariants, size_t nworkloads, int warmups, int samples, uint64_t seed,
		     struct schedule_item **out)
{
	size_t rounds = (size_t)(warmups + samples), n = 0;
	struct schedule_item *items = xcalloc(rounds * nworkloads * nvariants, sizeof(*items));
	size_t *order = xcalloc(nvariants, sizeof(*order));
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);

	gsl_rng_set(rng, (unsigned long)seed);
	for (size_t r = 0; r < rounds; r++) {
		for (size_t w = 0; w < nworkloads; w++) {
			for (size_t v = 0; v < nvariants; v++)
				order[v] = v;
			gsl_ran_shuffle(rng, order, nvariants, sizeof(*order));
			for (size_t v = 0; v < nvariants; v++) {
				items[n].variant = order[v];
				items[n].workload = w;
				items[n].round = (int)r;
				items[n].warmup = (int)r < warmups;
				n++;
			}
		}
	}
	gsl_rng_free(rng);
	free(order);
	*out = items;
	return n;
}

uint64_t schedule_fresh_seed(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	/* Keep it below 2^31 so it reads back the same from any tool. */
	return ((uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^ (uint64_t)getpid()) % 2147483647u;
}
