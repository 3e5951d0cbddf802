#include "cli.h"
#include "error.h"
#include "variant.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static const char usage[] =
	"usage: varbench variants [--variants DIR] [--source PATH [--cc LIST]]\n"
	"\n"
	"List the variant definitions: name, base, configure arguments and runtime\n"
	"environment, and description.  Every file is checked, so a malformed one is\n"
	"reported as FILE:LINE: what is wrong.  The format is in variants/README.md.\n"
	"\n"
	"With --source, check every variant against that CPython source and the\n"
	"compilers instead (the same table as `varbench build --dry-run`).\n"
	"\n"
	"  --source PATH   a CPython checkout or release tarball\n"
	"  --cc LIST       compilers to check with, e.g. gcc,clang-19 (default: gcc)\n"
	"  --cache DIR     build cache, to say which builds exist\n";

int cmd_variants(int argc, char **argv)
{
	static const struct option options[] = {
		{ "variants", required_argument, NULL, 'V' },
		{ "source", required_argument, NULL, 's' },
		{ "cc", required_argument, NULL, 'K' },
		{ "cache", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char *dir = cli_default_variants_dir();
	const char *use = dir, *cache_arg = NULL;
	struct strv names = STRV_INIT;
	struct campaign_opts o;
	char *cache = default_cache_dir();
	int opt, ret = 0;

	cli_campaign_defaults(&o);
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		if (opt == 'h') {
			fputs(usage, stdout);
			goto out;
		}
		switch (opt) {
		case 'V': use = optarg; continue;
		case 's': o.source = optarg; continue;
		case 'c': cache_arg = optarg; continue;
		case 'K':
			if (cli_compilers(optarg, &o.compilers) < 0) {
				ret = error_report();
				goto out;
			}
			continue;
		}
		ret = cli_usage_error("variants", opt, argv[optind - 1]);
		goto out;
	}
	if (o.source) {
		o.variants_dir = use;
		o.cache_dir = cache_arg ? cache_arg : cache;
		if (variant_list(use, &o.variants) < 0 || campaign_dry_run(&o) < 0)
			ret = error_report();
		goto out;
	}
	if (variant_list(use, &names) < 0) {
		ret = error_report();
		goto out;
	}
	for (size_t i = 0; i < names.n; i++) {
		struct variant v;
		char *configure, *env;

		if (variant_find(use, names.v[i], &v) < 0) {
			ret = error_report();
			continue;
		}
		configure = strv_join(&v.configure, " ");
		env = strv_join(&v.runtime_env, " ");
		printf("%-14s base %-10s configure: %s%s%s\n%-14s %s\n", v.name, v.base ? v.base : "-",
		       *configure ? configure : "(none)", *env ? "  runtime: " : "", env, "", v.description);
		free(configure);
		free(env);
		variant_release(&v);
	}
out:
	strv_release(&names);
	strv_release(&o.variants);
	strv_release(&o.compilers);
	free(cache);
	free(dir);
	return ret;
}
