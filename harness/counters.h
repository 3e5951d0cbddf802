#ifndef VARBENCH_COUNTERS_H
#define VARBENCH_COUNTERS_H

/*
 * Performance counters for measured executions.  libpfm4 turns event names
 * into perf_event_attr.  The events open once per campaign, as groups on
 * the harness itself, disabled there but inherited by every process it
 * starts and enabled in each one when it execs (enable_on_exec).  When a
 * workload exits, the kernel adds its counts (and its children's) to ours:
 * a sample's values are the difference of two reads around it.  Opening
 * three events on every child and closing them again cost about 17 µs per
 * sample more than this on the machine varbench was developed on.
 *
 * Machines without a PMU (most VMs) cannot open hardware events:
 * counters_probe() finds that out once, marks each such event unsupported
 * with the reason, and the campaign goes on with the rest.
 */

#include <linux/perf_event.h>
#include <stdint.h>
#include <sys/types.h>

#define COUNTERS_MAX 16
/* What every campaign counts unless told otherwise; these work in VMs. */
#define COUNTERS_DEFAULT "task-clock,page-faults,context-switches"

struct counter_event {
	char *name;			/* as the user wrote it */
	char *canonical;		/* libpfm4's full name, e.g. perf::PERF_COUNT_SW_TASK_CLOCK */
	struct perf_event_attr attr;
	int supported;			/* set by counters_probe() */
	char *reason;			/* why not, when !supported */
	int group;			/* which group it opens in; -1 when unsupported */
};

struct counters {
	struct counter_event events[COUNTERS_MAX];
	size_t n;
	/*
	 * Software events share group 0; hardware events fill groups of what
	 * the PMU can hold at once.  More than one hardware group means the
	 * kernel multiplexes them and the values are scaled estimates.
	 */
	int ngroups;
	int hardware_groups;
	/* Kernels before 6.x refuse PERF_FORMAT_GROUP with inherit: read one by one. */
	int group_read;
	/* Open on ourselves between counters_attach() and counters_detach(). */
	int attached;
	int fds[COUNTERS_MAX];		/* -1 for unsupported events */
	int anchor;			/* see counters_attach() */
};

struct counter_reading {
	int valid;
	uint64_t raw;			/* as read */
	double scaled;			/* raw * enabled / running */
	uint64_t enabled, running;	/* ns the event was enabled / on the PMU */
};

/* Encode a comma-separated list of event names; unknown names fail. */
int counters_init(struct counters *c, const char *names);

/*
 * Open each event once on this process to learn whether the machine can
 * count it, then plan the groups (how many hardware events the PMU takes
 * at once is found by trying).  Returns how many events are unsupported;
 * reasons are in the events.
 */
int counters_probe(struct counters *c);

/*
 * Open the supported events on the calling process, to be inherited by
 * every process it starts from now on.  Call it before the first sample,
 * and start nothing but samples until counters_detach(): any child that
 * execs counts into the next difference.  Returns 0, or -1 with a message.
 */
int counters_attach(struct counters *c);
void counters_detach(struct counters *c);

/* The running totals of every attached event (raw, enabled, running). */
struct counter_totals {
	uint64_t value[COUNTERS_MAX], enabled[COUNTERS_MAX], running[COUNTERS_MAX];
	int valid[COUNTERS_MAX];
};

void counters_totals(const struct counters *c, struct counter_totals *t);

/* What the processes that exited between two reads counted, scaled. */
void counters_difference(const struct counters *c, const struct counter_totals *before,
			 const struct counter_totals *after, struct counter_reading out[COUNTERS_MAX]);

void counters_release(struct counters *c);

#endif
