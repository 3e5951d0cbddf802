#include "campaign.h"
#include "cli.h"
#include "compare.h"
#include "error.h"
#include "runner.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: varbench campaign --source PATH [options] [VARIANT...]\n"
	"\n"
	"The whole job in one command: build each VARIANT of the CPython source at\n"
	"PATH (cached builds are reused), measure them on the workloads, print the\n"
	"comparison against the first VARIANT and write the charts.\n"
	"Default variants: release pgo, with the quick PGO training task, which takes\n"
	"about 10 minutes on 2 cores from a cold cache.\n"
	"\n"
	"  --source PATH        CPython git checkout / source directory, or a release\n"
	"                       tarball from python.org (.tar.gz, .tar.xz)\n"
	"  --profile-task TASK  PGO training: quick (default here: varbench's workloads,\n"
	"                       under a minute), default (CPython's regression tests,\n"
	"                       ~15 min more per PGO build), or a literal PROFILE_TASK\n"
	"  -o, --output DIR     where the charts go (default: varbench-report)\n"
	"  -j, --jobs N         make -jN (default: number of CPUs)\n"
	"  --cc LIST            build every variant with each compiler: gcc, gcc-N,\n"
	"                       clang or clang-N (e.g. gcc,clang-19); names become\n"
	"                       VARIANT@COMPILER\n"
	"  --rebuild            build again even if cached\n"
	"  -w, --workload NAME  measure this workload (repeatable; default: all)\n"
	"  --tag TAG            and every workload tagged TAG (repeatable; a union)\n"
	"  --size SIZE          tiny, default or long: the workloads' arguments\n"
	"                       (default: default; tiny is for tests and valgrind)\n"
	"  -n, --samples N      samples per variant and workload (default: 10)\n"
	"  --warmups N          flagged warm-up runs before them (default: 1)\n"
	"  --cpu N, --harness-cpu N, --seed N, --events LIST, --timeout DURATION,\n"
	"  --manifest FILE, --no-aslr, --meter M, --target-ci PCT, --max-samples N,\n"
	"  --max-time DURATION\n"
	"                       as for `varbench run`\n"
	"  --base VARIANT       compare against this one (default: the first)\n"
	"  --threshold PCT      practical threshold in percent (default: 1)\n"
	"  --db FILE            results database (default: varbench.db)\n"
	"  --cache DIR          build cache (default: $XDG_CACHE_HOME/varbench)\n"
	"  --variants DIR       where variant files live\n"
	"  -h, --help           this text\n"
	"\n"
	"Example, the full PGO+LTO comparison a release manager wants (about 35\n"
	"minutes on 2 cores with CPython's default training task):\n"
	"  varbench campaign --source Python-3.13.9.tar.xz --profile-task default \\\n"
	"      release pgo-lto\n";

int cmd_campaign(int argc, char **argv)
{
	/* Its own options, then every measuring option of `run`. */
	static const struct option own[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "rebuild", no_argument, NULL, 'r' },
		{ "base", required_argument, NULL, 'b' },
		{ "threshold", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct option *options = cli_options_join(own, cmd_run_options);
	struct campaign_opts o;
	struct campaign c = { 0 };
	struct compare_opts co = { .metric = "wall", .threshold = 0.01, .seed = 1 };
	struct compare_result r = { 0 };
	char *variants_dir = cli_default_variants_dir(), *cache = default_cache_dir();
	char *manifest = cli_default_manifest(), *line = cli_command_line(argc - 1, argv + 1);
	const char *dir = "varbench-report", *ignored_db = NULL;
	int opt, ret = 1;

	cli_campaign_defaults(&o);
	o.variants_dir = variants_dir;
	o.cache_dir = cache;
	o.manifest = manifest;
	o.command_line = line;
	o.build_missing = 1;
	o.profile_task = cli_profile_task("quick");
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":o:j:w:n:h", options, NULL)) != -1) {
		int took;

		switch (opt) {
		case 'h': fputs(usage, stdout); ret = 0; goto out;
		case 'o': dir = optarg; continue;
		case 'r': o.rebuild = 1; continue;
		case 'j':
			if (cli_int("--jobs", optarg, 1, 1024, &o.jobs) < 0)
				goto fail;
			continue;
		case 'b':
		case 't':
			if (cmd_compare_option(opt, optarg, &co, &ignored_db) < 0)
				goto fail;
			continue;
		}
		took = cmd_run_option(opt, optarg, &o);
		if (took < 0)
			goto fail;
		if (!took) {
			ret = cli_usage_error("campaign", opt, argv[optind - 1]);
			goto out;
		}
	}
	if (!o.source) {
		error_set("campaign: --source is required: a CPython git checkout or a release tarball "
			  "(for example Python-3.13.9.tar.xz from python.org)");
		goto fail;
	}
	for (int i = optind; i < argc; i++)
		strv_push(&o.variants, argv[i]);
	if (!o.variants.n) {
		strv_push(&o.variants, "release");
		strv_push(&o.variants, "pgo");
	}
	if (campaign_prepare(&o, &c) < 0 || campaign_measure(&o, &c) < 0)
		goto fail;
	co.campaign = c.id;
	if (o.meter && !strcmp(o.meter, "valgrind"))
		co.metric = RUNNER_VALGRIND_EVENT;
	if (compare_campaign(c.store, &co, &r) < 0)
		goto fail;
	putchar('\n');
	compare_print_text(&r, stdout);
	putchar('\n');
	fflush(stdout);
	if (report_write(c.store, &co, dir, CHART_PNG) < 0)
		goto fail;
	printf("samples are in %s (campaign %lld)\n", o.db_path, (long long)c.id);
	ret = 0;
	goto out;
fail:
	ret = error_report();
out:
	compare_result_release(&r);
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
