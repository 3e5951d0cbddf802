#ifndef VARBENCH_COUNTERS_H
#define VARBENCH_COUNTERS_H

/*
 * Performance counters for one measured execution.  libpfm4 turns event
 * names into perf_event_attr; the events open as one group on the child
 * before it execs (enable_on_exec, inherit so its children count too).
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
 * Open the supported events as a group on pid (which has not exec'ed yet).
 * fds[i] is -1 for unsupported events.  Returns 0, or -1 with a message.
 */
int counters_open(const struct counters *c, pid_t pid, int fds[COUNTERS_MAX]);

/* Read every group once after the child exited, scale, then close the fds. */
void counters_read_close(const struct counters *c, int fds[COUNTERS_MAX],
			 struct counter_reading out[COUNTERS_MAX]);

/*
 * Hold one disabled copy of each supported event open on ourselves for the
 * whole campaign.  Opening the first event of a kind (and closing the last)
 * flips kernel static keys, which patches kernel text on every CPU; with a
 * copy held open, the per-sample opens no longer pay for that.  Returns the
 * number of fds held in keep[].
 */
int counters_keepalive(const struct counters *c, int keep[COUNTERS_MAX]);
void counters_keepalive_close(int keep[COUNTERS_MAX], int n);

void counters_release(struct counters *c);

#endif
