#ifndef VARBENCH_MACHINE_H
#define VARBENCH_MACHINE_H

/*
 * The machine a campaign ran on, recorded with it so results from
 * different machines are never compared silently.
 */

struct machine {
	char hostname[256];
	char cpu_model[256];
	char kernel[256];
	int cpus;
	int pmu;		/* 1 if hardware events could be opened */
};

void machine_detect(struct machine *m);

#endif
