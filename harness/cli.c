#include "cli.h"
#include "builder.h"
#include "error.h"
#include "schedule.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef VARBENCH_DATADIR
#define VARBENCH_DATADIR "."
#endif

const char *cli_datadir(void)
{
	const char *env = getenv("VARBENCH_DATADIR");

	return env && *env ? env : VARBENCH_DATADIR;
}

char *cli_default_variants_dir(void)
{
	return path_join(cli_datadir(), "variants");
}

char *cli_default_manifest(void)
{
	return path_join(cli_datadir(), "workloads/manifest.ini");
}

int cli_int(const char *opt, const char *arg, long min, long max, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < min || v > max)
		return error_set("%s: '%s' is not a whole number from %ld to %ld", opt, arg, min, max);
	*out = (int)v;
	return 0;
}

int cli_uint64(const char *opt, const char *arg, uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(arg, &end, 10);
	if (errno || end == arg || *end || arg[0] == '-')
		return error_set("%s: '%s' is not a non-negative whole number", opt, arg);
	*out = v;
	return 0;
}

int cli_double(const char *opt, const char *arg, double min, double max, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (errno || end == arg || *end || !(v >= min && v <= max))
		return error_set("%s: '%s' is not a number from %g to %g", opt, arg, min, max);
	*out = v;
	return 0;
}

int cli_duration(const char *opt, const char *arg, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (errno || end == arg || !(v > 0))
		return error_set("%s: '%s' is not a duration (examples: 90, 90s, 5m, 1h)", opt, arg);
	if (!strcmp(end, "m"))
		v *= 60;
	else if (!strcmp(end, "h"))
		v *= 3600;
	else if (*end && strcmp(end, "s"))
		return error_set("%s: '%s' is not a duration (examples: 90, 90s, 5m, 1h)", opt, arg);
	*out = v;
	return 0;
}

const char *cli_profile_task(const char *arg)
{
	static char quick[4096];

	/* The suite's own training script, whose children run every workload. */
	if (!strcmp(arg, "quick")) {
		snprintf(quick, sizeof(quick), "%s/workloads/pgo_task.py --size default", cli_datadir());
		return quick;
	}
	if (!strcmp(arg, "default"))
		return NULL;
	return arg;
}

int cli_usage_error(const char *cmd, int opt, const char *arg)
{
	if (opt == ':')
		fprintf(stderr, "varbench %s: option '%s' needs a value (see `varbench %s --help`)\n", cmd, arg, cmd);
	else
		fprintf(stderr, "varbench %s: unknown option '%s' (see `varbench %s --help`)\n", cmd, arg, cmd);
	return 2;
}

void cli_campaign_defaults(struct campaign_opts *o)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	memset(o, 0, sizeof(*o));
	o->db_path = "varbench.db";
	o->cache_dir = NULL;
	o->samples = 10;
	o->warmups = 1;
	o->cpu = -1;
	o->harness_cpu = -1;
	o->jobs = ncpu > 0 ? (int)ncpu : 1;
	o->timeout = 600;
	o->max_samples = 100;
	o->seed = schedule_fresh_seed();
}

char *cli_command_line(int argc, char **argv)
{
	struct strv words = STRV_INIT;
	char *line;

	strv_push(&words, "varbench");
	for (int i = 0; i < argc; i++) {
		char *q = quote_word(argv[i]);

		strv_push(&words, q);
		free(q);
	}
	line = strv_join(&words, " ");
	strv_release(&words);
	return line;
}

int cli_compilers(const char *arg, struct strv *out)
{
	char *copy = xstrdup(arg), *save = NULL;

	for (char *spec = strtok_r(copy, ",", &save); spec; spec = strtok_r(NULL, ",", &save))
		if (*spec)
			strv_push(out, spec);
	free(copy);
	if (!out->n)
		return error_set("--cc: give compilers such as gcc,clang-19");
	return 0;
}

const struct option cli_help_option[] = {
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

struct option *cli_options_join(const struct option *a, const struct option *b)
{
	size_t na = 0, nb = 0;
	struct option *all;

	while (a[na].name)
		na++;
	while (b[nb].name)
		nb++;
	all = xcalloc(na + nb + 1, sizeof(*all));
	memcpy(all, a, na * sizeof(*all));
	memcpy(all + na, b, (nb + 1) * sizeof(*all));
	return all;
}
