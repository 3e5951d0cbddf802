#include "counters.h"
#include "error.h"
#include "util.h"

#include <errno.h>
#include <perfmon/pfmlib_perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static int pfm_ready;

static int open_event(struct perf_event_attr *attr, pid_t pid, int group_fd)
{
	return (int)syscall(SYS_perf_event_open, attr, pid, -1, group_fd, PERF_FLAG_FD_CLOEXEC);
}

static int encode(struct counter_event *e)
{
	pfm_perf_encode_arg_t arg;
	char *fstr = NULL;
	int ret;

	memset(&arg, 0, sizeof(arg));
	memset(&e->attr, 0, sizeof(e->attr));
	arg.attr = &e->attr;
	arg.fstr = &fstr;
	arg.size = sizeof(arg);
	ret = pfm_get_os_event_encoding(e->name, PFM_PLM0 | PFM_PLM3, PFM_OS_PERF_EVENT_EXT, &arg);
	if (ret != PFM_SUCCESS)
		return error_set("event '%s': %s (see `perf list` or libpfm4's showevtinfo for names)",
				 e->name, pfm_strerror(ret));
	e->canonical = fstr;
	e->attr.size = sizeof(e->attr);
	e->attr.read_format = PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING;
	e->attr.inherit = 1;
	return 0;
}

int counters_init(struct counters *c, const char *names)
{
	char *copy = xstrdup(names), *save = NULL;

	memset(c, 0, sizeof(*c));
	if (!pfm_ready) {
		int ret = pfm_initialize();

		if (ret != PFM_SUCCESS) {
			free(copy);
			return error_set("cannot initialize libpfm4: %s", pfm_strerror(ret));
		}
		pfm_ready = 1;
	}
	for (char *name = strtok_r(copy, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
		struct counter_event *e;

		while (*name == ' ')
			name++;
		if (!*name)
			continue;
		for (size_t i = 0; i < c->n; i++)
			if (!strcmp(c->events[i].name, name)) {
				error_set("event '%s' is listed twice", name);
				goto fail;
			}
		if (c->n == COUNTERS_MAX) {
			error_set("at most %d events can be counted at once", COUNTERS_MAX);
			goto fail;
		}
		e = &c->events[c->n++];
		e->name = xstrdup(name);
		if (encode(e) < 0)
			goto fail;
		e->supported = 1;
	}
	free(copy);
	return 0;
fail:
	free(copy);
	counters_release(c);
	return -1;
}

static char *explain(const char *name, int err)
{
	FILE *f;
	int paranoid = -99;

	switch (err) {
	case ENOENT:
	case EOPNOTSUPP:
	case ENODEV:
		return xasprintf("no hardware PMU: perf_event_open(%s) failed with %s — virtualized machine?",
				 name, err == ENOENT ? "ENOENT" : err == ENODEV ? "ENODEV" : "EOPNOTSUPP");
	case EACCES:
	case EPERM:
		f = fopen("/proc/sys/kernel/perf_event_paranoid", "r");
		if (f) {
			if (fscanf(f, "%d", &paranoid) != 1)
				paranoid = -99;
			fclose(f);
		}
		return xasprintf("permission denied opening %s (kernel.perf_event_paranoid = %d); "
				 "run as root or `sysctl kernel.perf_event_paranoid=1`", name, paranoid);
	default:
		return xasprintf("perf_event_open(%s) failed: %s", name, strerror(err));
	}
}

/* Open events[idx[0..n)] as one group on pid; fds[k] for idx[k]. */
static int open_group(const struct counters *c, const int *idx, int n, pid_t pid, int *fds, int on_exec)
{
	int leader = -1;

	for (int k = 0; k < n; k++) {
		struct perf_event_attr attr = c->events[idx[k]].attr;

		if (c->group_read)
			attr.read_format |= PERF_FORMAT_GROUP;
		/* Only the leader carries the switches; members follow it. */
		attr.disabled = k == 0;
		attr.enable_on_exec = k == 0 && on_exec;
		fds[k] = open_event(&attr, pid, leader);
		if (fds[k] < 0) {
			int err = errno;

			while (k-- > 0)
				close(fds[k]);
			errno = err;
			return -1;
		}
		if (k == 0)
			leader = fds[0];
	}
	return 0;
}

/*
 * Does this set of hardware events fit on the PMU at once?  Count a short
 * busy loop on ourselves: a group that cannot be scheduled never runs.
 */
static int group_fits(const struct counters *c, const int *idx, int n)
{
	int fds[COUNTERS_MAX], fits;
	uint64_t buf[3 + COUNTERS_MAX];
	volatile unsigned spin = 0;

	if (open_group(c, idx, n, 0, fds, 0) < 0)
		return 0;
	ioctl(fds[0], PERF_EVENT_IOC_ENABLE, PERF_IOC_FLAG_GROUP);
	for (unsigned i = 0; i < 200000; i++)
		spin += i;
	ioctl(fds[0], PERF_EVENT_IOC_DISABLE, PERF_IOC_FLAG_GROUP);
	if (c->group_read)
		fits = read(fds[0], buf, sizeof(buf)) > 0 && buf[2] > 0 && buf[1] == buf[2];
	else
		fits = read(fds[0], buf, 3 * sizeof(uint64_t)) > 0 && buf[2] > 0 && buf[1] == buf[2];
	for (int k = 0; k < n; k++)
		close(fds[k]);
	return fits;
}

static int group_read_supported(void)
{
	struct perf_event_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_SOFTWARE;
	attr.config = PERF_COUNT_SW_TASK_CLOCK;
	attr.disabled = 1;
	attr.inherit = 1;
	attr.read_format = PERF_FORMAT_GROUP | PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING;
	fd = open_event(&attr, 0, -1);
	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

static void plan_groups(struct counters *c)
{
	int members[COUNTERS_MAX], nmembers = 0, software = 0;

	c->group_read = group_read_supported();
	for (size_t i = 0; i < c->n; i++) {
		c->events[i].group = -1;
		if (c->events[i].supported && c->events[i].attr.type == PERF_TYPE_SOFTWARE) {
			c->events[i].group = 0;
			software = 1;
		}
	}
	c->ngroups = software;
	c->hardware_groups = 0;
	for (size_t i = 0; i < c->n; i++) {
		if (!c->events[i].supported || c->events[i].attr.type == PERF_TYPE_SOFTWARE)
			continue;
		members[nmembers++] = (int)i;
		if (nmembers > 1 && !group_fits(c, members, nmembers)) {
			/* Full: this event starts the next group. */
			c->ngroups++;
			c->hardware_groups++;
			members[0] = (int)i;
			nmembers = 1;
		}
		c->events[i].group = c->ngroups;
	}
	if (nmembers) {
		c->ngroups++;
		c->hardware_groups++;
	}
	/* Groups are numbered from 0 in the order they open. */
	if (!software)
		for (size_t i = 0; i < c->n; i++)
			if (c->events[i].group > 0)
				c->events[i].group--;
}

int counters_probe(struct counters *c)
{
	int unsupported = 0;

	for (size_t i = 0; i < c->n; i++) {
		struct counter_event *e = &c->events[i];
		struct perf_event_attr attr = e->attr;
		int fd;

		attr.disabled = 1;
		fd = open_event(&attr, 0, -1);
		if (fd < 0) {
			e->supported = 0;
			e->reason = explain(e->name, errno);
			unsupported++;
			continue;
		}
		close(fd);
	}
	plan_groups(c);
	return unsupported;
}

/*
 * A task whose events are all inherited gets a clone of its context in each
 * child, and the scheduler may then swap the two contexts when it switches
 * from one task to the other on a CPU (a shortcut meant for threads): the
 * workload would run with our own events, and our totals would stop at its
 * exit.  One event that is not inherited keeps the child's context from
 * being a clone.  A disabled dummy event counts nothing and costs nothing.
 */
static int open_anchor(void)
{
	struct perf_event_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_SOFTWARE;
	attr.config = PERF_COUNT_SW_DUMMY;
	attr.disabled = 1;
	return open_event(&attr, 0, -1);
}

int counters_attach(struct counters *c)
{
	for (size_t i = 0; i < COUNTERS_MAX; i++)
		c->fds[i] = -1;
	c->anchor = open_anchor();
	if (c->anchor < 0)
		return error_set("cannot open a perf event on varbench itself: %s", strerror(errno));
	c->attached = 1;
	for (int g = 0; g < c->ngroups; g++) {
		int idx[COUNTERS_MAX], gfds[COUNTERS_MAX], n = 0;

		for (size_t i = 0; i < c->n; i++)
			if (c->events[i].group == g)
				idx[n++] = (int)i;
		if (!n)
			continue;
		/* Disabled in us, which never exec; enabled in each child at its exec. */
		if (open_group(c, idx, n, 0, gfds, 1) < 0) {
			int err = errno;

			counters_detach(c);
			return error_set("cannot open counter group %d (%s, ...): %s", g,
					 c->events[idx[0]].name, strerror(err));
		}
		for (int k = 0; k < n; k++)
			c->fds[idx[k]] = gfds[k];
	}
	return 0;
}

void counters_detach(struct counters *c)
{
	if (!c->attached)
		return;
	for (size_t i = 0; i < COUNTERS_MAX; i++) {
		if (c->fds[i] >= 0)
			close(c->fds[i]);
		c->fds[i] = -1;
	}
	close(c->anchor);
	c->attached = 0;
}

static void set_total(struct counter_totals *t, int i, uint64_t value, uint64_t enabled, uint64_t running)
{
	t->value[i] = value;
	t->enabled[i] = enabled;
	t->running[i] = running;
	t->valid[i] = 1;
}

void counters_totals(const struct counters *c, struct counter_totals *t)
{
	memset(t, 0, sizeof(*t));
	if (!c->attached)
		return;
	for (int g = 0; g < c->ngroups; g++) {
		uint64_t buf[3 + COUNTERS_MAX];
		int idx[COUNTERS_MAX], n = 0;

		for (size_t i = 0; i < c->n; i++)
			if (c->events[i].group == g && c->fds[i] >= 0)
				idx[n++] = (int)i;
		if (!n)
			continue;
		if (c->group_read) {
			/* One read gives the whole group: nr, enabled, running, values in open order. */
			ssize_t got = read(c->fds[idx[0]], buf, sizeof(buf));

			if (got >= (ssize_t)((3 + n) * sizeof(uint64_t)) && buf[0] == (uint64_t)n)
				for (int k = 0; k < n; k++)
					set_total(t, idx[k], buf[3 + k], buf[1], buf[2]);
		} else {
			for (int k = 0; k < n; k++)
				if (read(c->fds[idx[k]], buf, 3 * sizeof(uint64_t)) == 3 * sizeof(uint64_t))
					set_total(t, idx[k], buf[0], buf[1], buf[2]);
		}
	}
}

void counters_difference(const struct counters *c, const struct counter_totals *before,
			 const struct counter_totals *after, struct counter_reading out[COUNTERS_MAX])
{
	memset(out, 0, COUNTERS_MAX * sizeof(*out));
	for (size_t i = 0; i < c->n; i++) {
		uint64_t value, enabled, running;

		if (!before->valid[i] || !after->valid[i])
			continue;
		value = after->value[i] - before->value[i];
		enabled = after->enabled[i] - before->enabled[i];
		running = after->running[i] - before->running[i];
		out[i].valid = 1;
		out[i].raw = value;
		out[i].enabled = enabled;
		out[i].running = running;
		/* Multiplexed events ran part of the time: extrapolate, keep the coverage. */
		out[i].scaled = running ? (double)value * ((double)enabled / (double)running) : 0;
	}
}

void counters_release(struct counters *c)
{
	counters_detach(c);
	for (size_t i = 0; i < c->n; i++) {
		free(c->events[i].name);
		free(c->events[i].canonical);
		free(c->events[i].reason);
	}
	memset(c, 0, sizeof(*c));
}
