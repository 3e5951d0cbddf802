#include "counters.h"
#include "error.h"
#include "util.h"

#include <errno.h>
#include <perfmon/pfmlib_perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	return unsupported;
}

int counters_open(const struct counters *c, pid_t pid, int fds[COUNTERS_MAX])
{
	int leader = -1;

	for (size_t i = 0; i < COUNTERS_MAX; i++)
		fds[i] = -1;
	for (size_t i = 0; i < c->n; i++) {
		struct perf_event_attr attr = c->events[i].attr;

		if (!c->events[i].supported)
			continue;
		/* Only the leader carries the switches; members follow it. */
		attr.disabled = leader < 0;
		attr.enable_on_exec = leader < 0;
		fds[i] = open_event(&attr, pid, leader);
		if (fds[i] < 0) {
			int err = errno;

			for (size_t j = 0; j < i; j++)
				if (fds[j] >= 0)
					close(fds[j]);
			return error_set("cannot open counter '%s' on the workload: %s",
					 c->events[i].name, strerror(err));
		}
		if (leader < 0)
			leader = fds[i];
	}
	return 0;
}

void counters_read_close(const struct counters *c, int fds[COUNTERS_MAX],
			 struct counter_reading out[COUNTERS_MAX])
{
	for (size_t i = 0; i < COUNTERS_MAX; i++) {
		uint64_t v[3];

		memset(&out[i], 0, sizeof(out[i]));
		if (i >= c->n || fds[i] < 0)
			continue;
		if (read(fds[i], v, sizeof(v)) == (ssize_t)sizeof(v)) {
			out[i].valid = 1;
			out[i].raw = v[0];
			out[i].enabled = v[1];
			out[i].running = v[2];
			/* Multiplexed events ran part of the time: extrapolate, keep coverage. */
			out[i].scaled = v[2] ? (double)v[0] * ((double)v[1] / (double)v[2]) : 0;
		}
		close(fds[i]);
		fds[i] = -1;
	}
}

void counters_release(struct counters *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->events[i].name);
		free(c->events[i].canonical);
		free(c->events[i].reason);
	}
	memset(c, 0, sizeof(*c));
}
