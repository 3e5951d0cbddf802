#include "machine.h"
#include "counters.h"
#include "proc.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <gsl/gsl_version.h>
#include <sqlite3.h>

static void read_cpu_model(char *out, size_t size)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[512];

	snprintf(out, size, "unknown");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');

		if (!colon || strncmp(line, "model name", 10))
			continue;
		colon++;
		while (*colon == ' ' || *colon == '\t')
			colon++;
		colon[strcspn(colon, "\n")] = '\0';
		snprintf(out, size, "%s", colon);
		break;
	}
	fclose(f);
}

void machine_detect(struct machine *m)
{
	struct utsname u;

	memset(m, 0, sizeof(*m));
	if (uname(&u) == 0) {
		snprintf(m->hostname, sizeof(m->hostname), "%s", u.nodename);
		snprintf(m->kernel, sizeof(m->kernel), "%s %s", u.sysname, u.release);
	}
	read_cpu_model(m->cpu_model, sizeof(m->cpu_model));
	m->cpus = (int)sysconf(_SC_NPROCESSORS_ONLN);
}

/* First line of a small file, trimmed; 0 if it could be read. */
static int read_line(const char *path, char *out, size_t size)
{
	FILE *f = fopen(path, "r");

	out[0] = '\0';
	if (!f)
		return -1;
	if (!fgets(out, (int)size, f))
		out[0] = '\0';
	fclose(f);
	out[strcspn(out, "\n")] = '\0';
	return 0;
}

__attribute__((format(printf, 5, 6)))
static void add(struct machine_facts *f, const char *name, enum fact_verdict verdict, const char *advice,
		const char *fmt, ...)
{
	struct machine_fact *x;
	va_list ap;

	if (f->n == MACHINE_FACTS_MAX)
		return;
	x = &f->items[f->n++];
	snprintf(x->name, sizeof(x->name), "%s", name);
	va_start(ap, fmt);
	vsnprintf(x->value, sizeof(x->value), fmt, ap);
	va_end(ap);
	x->verdict = verdict;
	snprintf(x->advice, sizeof(x->advice), "%s", advice ? advice : "");
}

int machine_first_isolated_cpu(void)
{
	char line[256];

	if (read_line("/sys/devices/system/cpu/isolated", line, sizeof(line)) < 0 || !line[0])
		return -1;
	return atoi(line);
}

static void collect_governor(struct machine_facts *f, int cpu)
{
	char path[128], gov[64], driver[64];

	snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%d/cpufreq/scaling_governor", cpu);
	if (read_line(path, gov, sizeof(gov)) < 0) {
		add(f, "governor", FACT_INFO, NULL, "no cpufreq on CPU %d (frequency set by the host or firmware)", cpu);
		return;
	}
	snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%d/cpufreq/scaling_driver", cpu);
	read_line(path, driver, sizeof(driver));
	if (!strcmp(gov, "performance"))
		add(f, "governor", FACT_OK, NULL, "performance on CPU %d (%s)", cpu, driver);
	else
		add(f, "governor", FACT_WARNING,
		    "the clock follows the load, so the first samples run slower: "
		    "`cpupower frequency-set -g performance` (package linux-cpupower)",
		    "%s on CPU %d (%s)", gov, cpu, driver);
}

static void collect_boost(struct machine_facts *f)
{
	char v[16];

	if (read_line("/sys/devices/system/cpu/intel_pstate/no_turbo", v, sizeof(v)) == 0) {
		if (!strcmp(v, "1"))
			add(f, "turbo/boost", FACT_OK, NULL, "off (intel_pstate no_turbo = 1)");
		else
			add(f, "turbo/boost", FACT_WARNING,
			    "turbo makes the clock depend on temperature and on the other cores: "
			    "`echo 1 > /sys/devices/system/cpu/intel_pstate/no_turbo`",
			    "on (intel_pstate)");
	} else if (read_line("/sys/devices/system/cpu/cpufreq/boost", v, sizeof(v)) == 0) {
		if (!strcmp(v, "0"))
			add(f, "turbo/boost", FACT_OK, NULL, "off");
		else
			add(f, "turbo/boost", FACT_WARNING,
			    "boost makes the clock depend on temperature and on the other cores: "
			    "`echo 0 > /sys/devices/system/cpu/cpufreq/boost`", "on");
	} else {
		add(f, "turbo/boost", FACT_INFO, NULL, "not controllable here (no cpufreq boost switch)");
	}
}

static void collect_isolation(struct machine_facts *f, int cpu)
{
	char isolated[256], nohz[256];

	read_line("/sys/devices/system/cpu/isolated", isolated, sizeof(isolated));
	read_line("/sys/devices/system/cpu/nohz_full", nohz, sizeof(nohz));
	if (isolated[0])
		add(f, "isolated CPUs", FACT_OK, NULL, "%s (samples run on CPU %d)", isolated, cpu);
	else
		add(f, "isolated CPUs", FACT_WARNING,
		    "other tasks and interrupts share the measured CPU; for the cleanest numbers boot with "
		    "`isolcpus=N nohz_full=N rcu_nocbs=N` for one CPU N and varbench picks it",
		    "none (samples run on CPU %d, shared with the system)", cpu);
	if (nohz[0] && strcmp(nohz, "(null)"))
		add(f, "nohz_full", FACT_OK, NULL, "%s", nohz);
	else
		add(f, "nohz_full", FACT_INFO, NULL, "none (the scheduler tick interrupts every CPU)");
}

static void collect_aslr(struct machine_facts *f)
{
	char v[16];

	if (read_line("/proc/sys/kernel/randomize_va_space", v, sizeof(v)) < 0)
		return;
	add(f, "ASLR", FACT_INFO, NULL, "%s (kernel.randomize_va_space = %s; `varbench run --no-aslr` turns it off per sample)",
	    !strcmp(v, "0") ? "off" : "on", v);
}

static void collect_perf(struct machine_facts *f)
{
	struct counters c;
	char paranoid[16];
	int level;

	read_line("/proc/sys/kernel/perf_event_paranoid", paranoid, sizeof(paranoid));
	level = atoi(paranoid);
	if (geteuid() == 0 || level <= 1)
		add(f, "perf_event_paranoid", FACT_OK, NULL, "%s%s", paranoid, geteuid() == 0 ? " (running as root)" : "");
	else
		add(f, "perf_event_paranoid", level > 2 ? FACT_PROBLEM : FACT_WARNING,
		    "counting a child needs level 2 or lower (hardware events in kernel mode need 1): "
		    "`sysctl kernel.perf_event_paranoid=1`", "%s", paranoid);
	if (counters_init(&c, "task-clock,instructions") < 0) {
		add(f, "PMU", FACT_PROBLEM, "install libpfm4 and check the kernel's perf support", "libpfm4 failed to encode events");
		return;
	}
	counters_probe(&c);
	if (!c.events[0].supported)
		add(f, "software counters", FACT_PROBLEM, c.events[0].reason, "unavailable");
	else
		add(f, "software counters", FACT_OK, NULL, "task-clock, page-faults, context-switches work");
	if (c.events[1].supported)
		add(f, "PMU", FACT_OK, NULL, "hardware counters available (instructions opened)");
	else
		add(f, "PMU", FACT_WARNING,
		    "cycles, instructions and cache events cannot be counted; wall/user/sys and software "
		    "counters still work, and `--meter valgrind` counts instructions deterministically",
		    "%s", c.events[1].reason);
	counters_release(&c);
}

static void collect_load(struct machine_facts *f, int cpus)
{
	double load[3];

	if (getloadavg(load, 3) < 3)
		return;
	if (load[0] > 0.5 * cpus)
		add(f, "load average", FACT_WARNING,
		    "other work competes for the CPUs and the memory bus; stop it or measure later",
		    "%.2f %.2f %.2f (%d CPUs)", load[0], load[1], load[2], cpus);
	else
		add(f, "load average", FACT_OK, NULL, "%.2f %.2f %.2f (%d CPUs)", load[0], load[1], load[2], cpus);
}

static void collect_tool(struct machine_facts *f, const char *name, char *const argv[])
{
	char *out = NULL;

	if (proc_capture(argv, NULL, &out) == 0) {
		out[strcspn(out, "\n")] = '\0';
		add(f, name, FACT_INFO, NULL, "%s", out);
	} else {
		add(f, name, FACT_INFO, NULL, "not installed");
	}
	free(out);
}

void machine_collect(struct machine_facts *f, int cpu)
{
	struct machine m;
	struct sysinfo si;
	char thp[128];

	memset(f, 0, sizeof(*f));
	machine_detect(&m);
	if (cpu < 0)
		cpu = machine_first_isolated_cpu() >= 0 ? machine_first_isolated_cpu() : m.cpus - 1;
	add(f, "CPU", FACT_INFO, NULL, "%s", m.cpu_model);
	add(f, "cores", m.cpus < 2 ? FACT_WARNING : FACT_OK,
	    m.cpus < 2 ? "with one CPU varbench and the workload share it; use a machine with two or more" : NULL,
	    "%d online", m.cpus);
	add(f, "kernel", FACT_INFO, NULL, "%s", m.kernel);
	if (sysinfo(&si) == 0)
		add(f, "memory", FACT_INFO, NULL, "%.1f GiB total, %.1f GiB free",
		    (double)si.totalram * si.mem_unit / (1 << 30), (double)si.freeram * si.mem_unit / (1 << 30));
	collect_governor(f, cpu);
	collect_boost(f);
	collect_isolation(f, cpu);
	collect_aslr(f);
	if (read_line("/sys/kernel/mm/transparent_hugepage/enabled", thp, sizeof(thp)) == 0)
		add(f, "transparent hugepages", FACT_INFO, NULL, "%s", thp);
	collect_perf(f);
	collect_load(f, m.cpus);
	{
		char *cc[] = { "gcc", "--version", NULL };
		char *vg[] = { "valgrind", "--version", NULL };

		collect_tool(f, "gcc", cc);
		collect_tool(f, "valgrind", vg);
	}
	add(f, "libraries", FACT_INFO, NULL, "SQLite %s, GSL %s", sqlite3_libversion(), GSL_VERSION);
}

const char *fact_verdict_name(enum fact_verdict v)
{
	switch (v) {
	case FACT_OK: return "ok";
	case FACT_WARNING: return "warning";
	case FACT_PROBLEM: return "problem";
	case FACT_INFO: break;
	}
	return "info";
}

const char *machine_fact_value(const struct machine_facts *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->items[i].name, name))
			return f->items[i].value;
	return NULL;
}
