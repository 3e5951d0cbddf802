#include "cli.h"
#include "error.h"
#include "pyperf.h"
#include "store.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: varbench export --pyperf PATH [options]\n"
	"\n"
	"Write a campaign's samples as pyperf JSON (format 1.0), one file per variant,\n"
	"so pyperf's tools work on them:\n"
	"  varbench export --pyperf out/            out/release.json, out/pgo.json, ...\n"
	"  python3 -m pyperf compare_to out/release.json out/pgo.json\n"
	"\n"
	"Each workload is a pyperf benchmark and each sample a pyperf run (one process\n"
	"each, as in pyperf): a measured sample is a run with one value, a warm-up a run\n"
	"with one warmup; loops is 1.  Failed and wrong-output samples are left out.\n"
	"varbench's own facts travel in \"varbench_*\" metadata, which `varbench import\n"
	"--pyperf` reads back.\n"
	"\n"
	"  --pyperf PATH      a directory (created if needed; one VARIANT.json per\n"
	"                     variant), or a file when --variant names one variant\n"
	"  --variant NAME     export only this variant (PATH is then the file)\n"
	"  --campaign N       campaign id (default: the latest)\n"
	"  --metric M         wall (default), user, sys (seconds), maxrss (bytes) or a\n"
	"                     counted event (integer; task-clock in seconds)\n"
	"  --db FILE          results database (default: varbench.db)\n"
	"  -h, --help         this text\n";

enum { OPT_PYPERF = 256, OPT_VARIANT };

int cmd_export(int argc, char **argv)
{
	static const struct option options[] = {
		{ "pyperf", required_argument, NULL, OPT_PYPERF },
		{ "variant", required_argument, NULL, OPT_VARIANT },
		{ "campaign", required_argument, NULL, 'k' },
		{ "metric", required_argument, NULL, 'm' },
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = "varbench.db", *path = NULL, *variant = NULL, *metric = "wall";
	struct campaign_summary cs;
	struct store *s = NULL;
	int64_t campaign = 0;
	uint64_t id;
	int opt, ret = 1;

	memset(&cs, 0, sizeof(cs));
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case 'h':
			fputs(usage, stdout);
			return 0;
		case OPT_PYPERF:
			path = optarg;
			break;
		case OPT_VARIANT:
			variant = optarg;
			break;
		case 'k':
			if (cli_uint64("--campaign", optarg, &id) < 0 || id == 0) {
				error_set("--campaign: '%s' is not a campaign id", optarg);
				return error_report();
			}
			campaign = (int64_t)id;
			break;
		case 'm':
			metric = optarg;
			break;
		case 'd':
			db = optarg;
			break;
		default:
			return cli_usage_error("export", opt, argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("export", '?', argv[optind]);
	if (!path) {
		error_set("export: --pyperf PATH is required (the only export format so far)");
		return error_report();
	}
	if (store_open_existing(db, &s) < 0)
		goto fail;
	if (!campaign && store_latest_campaign(s, &campaign) < 0)
		goto fail;
	if (store_campaign_summary(s, campaign, &cs) < 0)
		goto fail;
	if (variant) {
		size_t runs;

		if (pyperf_export(s, campaign, variant, metric, path, &runs) < 0)
			goto fail;
		printf("wrote %s (%s of campaign %lld: %zu runs)\n", path, variant, (long long)campaign, runs);
	} else {
		size_t len = strlen(path);

		if (len > 5 && !strcmp(path + len - 5, ".json") && cs.variants.n > 1) {
			error_set("export: campaign %lld has %zu variants and pyperf files hold one each: give a "
				  "directory, or --variant NAME", (long long)campaign, cs.variants.n);
			goto fail;
		}
		if (mkdir_p(path) < 0)
			goto fail;
		for (size_t i = 0; i < cs.variants.n; i++) {
			char *name = xasprintf("%s.json", cs.variants.v[i]), *file = path_join(path, name);
			size_t runs;
			int r = pyperf_export(s, campaign, cs.variants.v[i], metric, file, &runs);

			if (r == 0)
				printf("wrote %s (%s of campaign %lld: %zu runs)\n", file, cs.variants.v[i],
				       (long long)campaign, runs);
			free(name);
			free(file);
			if (r < 0)
				goto fail;
		}
	}
	ret = 0;
	goto out;
fail:
	ret = error_report();
out:
	campaign_summary_release(&cs);
	store_close(s);
	return ret;
}
