#include "campaign.h"
#include "cli.h"
#include "error.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static const char usage[] =
	"usage: varbench build --source PATH [options] VARIANT...\n"
	"       varbench build --source PATH --dry-run [--cc LIST] [VARIANT...]\n"
	"\n"
	"Build each VARIANT (a name from variants/, or a path to an .ini file) of the\n"
	"CPython source at PATH into the build cache.  A build whose key (source\n"
	"digest + variant definition + compiler and make versions [+ profile task])\n"
	"is already cached is reused in well under a second.\n"
	"\n"
	"  --source PATH        CPython git checkout / source directory, or a release\n"
	"                       tarball (.tar.gz, .tar.xz; unpacked once into the cache)\n"
	"  --profile-task TASK  PGO training: 'default' (CPython's own regression\n"
	"                       tests, ~15 min on 2 cores), 'quick' (varbench's own\n"
	"                       workloads, workloads/pgo_task.py, under a minute: a\n"
	"                       profile of what is measured, not of the whole\n"
	"                       stdlib), or a literal PROFILE_TASK such as\n"
	"                       '-m test --pgo test_re' (default: default)\n"
	"  --cc LIST            build with each compiler: gcc, gcc-N, clang or clang-N\n"
	"                       (e.g. gcc,clang-19); clang-N uses LLVM N's own tools\n"
	"  --dry-run            check every variant (all of them if none is named)\n"
	"                       against the source and compilers and print a table:\n"
	"                       buildable or refused (with the reason), cached or not\n"
	"  -j, --jobs N         make -jN (default: number of CPUs)\n"
	"  --rebuild            build again even if cached\n"
	"  --cache DIR          build cache (default: $XDG_CACHE_HOME/varbench)\n"
	"  --db FILE            results database that records the builds (default: varbench.db)\n"
	"  --variants DIR       where variant files live (default: the variants/ of varbench)\n"
	"  -h, --help           this text\n"
	"\n"
	"Each build keeps its full log (build.log in its cache directory); a failed\n"
	"build prints the log's last lines and its path.\n";

int cmd_build(int argc, char **argv)
{
	static const struct option options[] = {
		{ "source", required_argument, NULL, 's' },
		{ "profile-task", required_argument, NULL, 'p' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "rebuild", no_argument, NULL, 'r' },
		{ "cc", required_argument, NULL, 'K' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "cache", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ "variants", required_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct campaign_opts o;
	struct campaign c = { 0 };
	char *variants_dir = cli_default_variants_dir(), *cache = default_cache_dir();
	int opt, ret = 1, dry_run = 0;

	cli_campaign_defaults(&o);
	o.variants_dir = variants_dir;
	o.cache_dir = cache;
	o.build_missing = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":j:h", options, NULL)) != -1) {
		switch (opt) {
		case 's': o.source = optarg; break;
		case 'p': o.profile_task = cli_profile_task(optarg); break;
		case 'j':
			if (cli_int("--jobs", optarg, 1, 1024, &o.jobs) < 0)
				goto fail;
			break;
		case 'r': o.rebuild = 1; break;
		case 'n': dry_run = 1; break;
		case 'K':
			if (cli_compilers(optarg, &o.compilers) < 0)
				goto fail;
			break;
		case 'c': o.cache_dir = optarg; break;
		case 'd': o.db_path = optarg; break;
		case 'V': o.variants_dir = optarg; break;
		case 'h': fputs(usage, stdout); ret = 0; goto out;
		default: ret = cli_usage_error("build", opt, argv[optind - 1]); goto out;
		}
	}
	if (!o.source) {
		error_set("build: --source is required (a CPython checkout or release tarball)");
		goto fail;
	}
	for (int i = optind; i < argc; i++)
		strv_push(&o.variants, argv[i]);
	if (dry_run) {
		if (!o.variants.n && variant_list(o.variants_dir, &o.variants) < 0)
			goto fail;
		if (campaign_dry_run(&o) < 0)
			goto fail;
		ret = 0;
		goto out;
	}
	if (!o.variants.n) {
		error_set("build: name at least one variant (see `varbench variants`)");
		goto fail;
	}
	if (campaign_prepare(&o, &c) < 0)
		goto fail;
	for (size_t i = 0; i < c.nvariants; i++)
		printf("%-12s %s  %s\n", c.variants[i].name, c.builds[i].key, c.builds[i].python);
	ret = 0;
	goto out;
fail:
	ret = error_report();
out:
	campaign_release(&c);
	strv_release(&o.variants);
	strv_release(&o.compilers);
	free(variants_dir);
	free(cache);
	return ret;
}
