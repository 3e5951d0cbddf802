#include "campaign.h"
#include "cli.h"
#include "error.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: varbench run --source PATH [options] VARIANT...\n"
	"\n"
	"Measure already built VARIANTs (see `varbench build`) on the workloads and\n"
	"store every sample.  The first VARIANT is the base of later comparisons.\n"
	"Each sample is a fresh process pinned to one CPU with a normalized\n"
	"environment; variants are interleaved in a random order per round.\n"
	"\n"
	"  --source PATH        the CPython source the variants were built from\n"
	"  -w, --workload NAME  measure this workload (repeatable; default: all)\n"
	"  --tag TAG            and every workload tagged TAG (repeatable; a union)\n"
	"  --size SIZE          tiny, default or long: the workloads' arguments\n"
	"                       (default: default; tiny is for tests and valgrind)\n"
	"  -n, --samples N      measured samples per variant and workload (default: 10)\n"
	"  --warmups N          warm-up runs per variant and workload, stored but\n"
	"                       flagged and left out of statistics (default: 1)\n"
	"  --cpu N              CPU the samples run on (default: an isolated CPU, else\n"
	"                       the last one)\n"
	"  --harness-cpu N      CPU varbench itself runs on (default: all but --cpu).\n"
	"                       The same CPU as --cpu saves two cross-CPU wake-ups per\n"
	"                       sample (about 0.1 ms in a VM whose idle vCPUs halt),\n"
	"                       but varbench then shares the measured CPU between runs\n"
	"  --seed N             seed of the run order (default: from the clock; recorded)\n"
	"  --events LIST        perf events, comma-separated, as libpfm4 names them\n"
	"                       (default: " COUNTERS_DEFAULT ")\n"
	"  --timeout DURATION   kill a sample after this long (default: 10m)\n"
	"  --no-aslr            run samples without address-space randomization\n"
	"  --cc LIST            the compilers the variants were built with, e.g.\n"
	"                       gcc,clang-19 (names become VARIANT@COMPILER)\n"
	"  --meter M            perf (default): times and perf counters; valgrind: also\n"
	"                       count instructions with cachegrind, deterministic on\n"
	"                       machines without a PMU, but each run is 20-50x slower\n"
	"                       and the count is a proxy for time, not a time\n"
	"  --target-ci PCT      adaptive sampling: after -n samples, keep adding rounds\n"
	"                       until every workload's 95% CI of variant/base is within\n"
	"                       ±PCT (e.g. 1%); converged workloads stop running\n"
	"  --max-samples N      adaptive limit per variant and workload (default: 100)\n"
	"  --max-time DURATION  adaptive limit on the whole measurement (default: none)\n"
	"  --db FILE            results database (default: varbench.db)\n"
	"  --cache DIR          build cache (default: $XDG_CACHE_HOME/varbench)\n"
	"  --profile-task TASK  the profile task the PGO builds were made with\n"
	"  --variants DIR       where variant files live\n"
	"  --manifest FILE      workload manifest (default: workloads/manifest.ini)\n"
	"  -h, --help           this text\n"
	"\n"
	"Samples whose output differs from the manifest's checksum are stored as\n"
	"correctness failures and never timed.  Ctrl-C keeps every finished sample.\n";

/* The measuring options, handled by cmd_run_option(); `campaign` takes them too. */
const struct option cmd_run_options[] = {
	{ "source", required_argument, NULL, 's' },
	{ "workload", required_argument, NULL, 'w' },
	{ "tag", required_argument, NULL, 'g' },
	{ "size", required_argument, NULL, 'z' },
	{ "samples", required_argument, NULL, 'n' },
	{ "warmups", required_argument, NULL, 'W' },
	{ "cpu", required_argument, NULL, 'C' },
	{ "harness-cpu", required_argument, NULL, 'H' },
	{ "seed", required_argument, NULL, 'S' },
	{ "events", required_argument, NULL, 'e' },
	{ "timeout", required_argument, NULL, 'T' },
	{ "db", required_argument, NULL, 'd' },
	{ "cache", required_argument, NULL, 'c' },
	{ "profile-task", required_argument, NULL, 'p' },
	{ "variants", required_argument, NULL, 'V' },
	{ "manifest", required_argument, NULL, 'M' },
	{ "no-aslr", no_argument, NULL, 'A' },
	{ "cc", required_argument, NULL, 'K' },
	{ "meter", required_argument, NULL, 'm' },
	{ "target-ci", required_argument, NULL, 'P' },
	{ "max-samples", required_argument, NULL, 'X' },
	{ "max-time", required_argument, NULL, 'Y' },
	{ NULL, 0, NULL, 0 },
};

int cmd_run_option(int opt, const char *arg, struct campaign_opts *o)
{
	switch (opt) {
	case 'w': strv_push(&o->workloads, arg); return 1;
	case 'g':
		if (o->ntags == CAMPAIGN_MAX_TAGS)
			return error_set("--tag: at most %d tags", CAMPAIGN_MAX_TAGS);
		o->tags[o->ntags++] = arg;
		return 1;
	case 'z':
		if (workload_size_parse(arg, &o->size) < 0)
			return error_prefix("--size");
		return 1;
	case 'n': return cli_int("--samples", arg, 1, 100000, &o->samples) < 0 ? -1 : 1;
	case 'W': return cli_int("--warmups", arg, 0, 1000, &o->warmups) < 0 ? -1 : 1;
	case 'C': return cli_int("--cpu", arg, 0, 4095, &o->cpu) < 0 ? -1 : 1;
	case 'H': return cli_int("--harness-cpu", arg, 0, 4095, &o->harness_cpu) < 0 ? -1 : 1;
	case 'S': return cli_uint64("--seed", arg, &o->seed) < 0 ? -1 : 1;
	case 'e': o->events = arg; return 1;
	case 'T': return cli_duration("--timeout", arg, &o->timeout) < 0 ? -1 : 1;
	case 'd': o->db_path = arg; return 1;
	case 'c': o->cache_dir = arg; return 1;
	case 's': o->source = arg; return 1;
	case 'p': o->profile_task = cli_profile_task(arg); return 1;
	case 'V': o->variants_dir = arg; return 1;
	case 'M': o->manifest = arg; return 1;
	case 'A': o->no_aslr = 1; return 1;
	case 'K': return cli_compilers(arg, &o->compilers) < 0 ? -1 : 1;
	case 'm':
		if (strcmp(arg, "perf") && strcmp(arg, "valgrind"))
			return error_set("--meter: '%s' is not a meter (use perf or valgrind)", arg);
		o->meter = arg;
		return 1;
	case 'P': {
		char *copy = xstrdup(arg);
		size_t len = strlen(copy);
		int bad;

		if (len && copy[len - 1] == '%')
			copy[len - 1] = '\0';
		bad = cli_double("--target-ci", copy, 0.01, 50, &o->target_ci) < 0;
		free(copy);
		if (bad)
			return error_set("--target-ci: '%s' is not a percentage from 0.01%% to 50%%", arg);
		o->target_ci /= 100;
		return 1;
	}
	case 'X': return cli_int("--max-samples", arg, 2, 1000000, &o->max_samples) < 0 ? -1 : 1;
	case 'Y':
		o->max_time_text = arg;
		return cli_duration("--max-time", arg, &o->max_time) < 0 ? -1 : 1;
	}
	return 0;
}

int cmd_run(int argc, char **argv)
{
	struct option *options = cli_options_join(cmd_run_options, cli_help_option);
	struct campaign_opts o;
	struct campaign c = { 0 };
	char *variants_dir = cli_default_variants_dir(), *cache = default_cache_dir();
	char *manifest = cli_default_manifest(), *line = cli_command_line(argc - 1, argv + 1);
	int opt, ret = 1;

	cli_campaign_defaults(&o);
	o.variants_dir = variants_dir;
	o.cache_dir = cache;
	o.manifest = manifest;
	o.command_line = line;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":w:n:h", options, NULL)) != -1) {
		int took;

		if (opt == 'h') {
			fputs(usage, stdout);
			ret = 0;
			goto out;
		}
		took = cmd_run_option(opt, optarg, &o);
		if (took < 0)
			goto fail;
		if (!took) {
			ret = cli_usage_error("run", opt, argv[optind - 1]);
			goto out;
		}
	}
	if (!o.source) {
		error_set("run: --source is required (the CPython source the variants were built from)");
		goto fail;
	}
	for (int i = optind; i < argc; i++)
		strv_push(&o.variants, argv[i]);
	if (!o.variants.n) {
		error_set("run: name at least one variant (see `varbench variants`)");
		goto fail;
	}
	if (o.target_ci > 0 && o.max_samples < o.samples) {
		error_set("--max-samples %d is below the minimum -n %d", o.max_samples, o.samples);
		goto fail;
	}
	if (campaign_prepare(&o, &c) < 0 || campaign_measure(&o, &c) < 0)
		goto fail;
	printf("campaign %lld stored in %s; see `varbench compare --db %s`\n", (long long)c.id, o.db_path,
	       o.db_path);
	ret = 0;
	goto out;
fail:
	ret = error_report();
out:
	campaign_release(&c);
	strv_release(&o.variants);
	strv_release(&o.workloads);
	strv_release(&o.compilers);
	free(variants_dir);
	free(cache);
	free(manifest);
	free(line);
	free(options);
	return ret;
}
