#include "cli.h"
#include "compare.h"
#include "error.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static const char usage[] =
	"usage: varbench compare [options]\n"
	"\n"
	"Compare each variant of a campaign against the base, workload by workload:\n"
	"medians, ratio variant/base with a 95% bootstrap confidence interval, the\n"
	"two-sided Mann-Whitney U p-value, a verdict, and the geometric mean of the\n"
	"ratios with its own bootstrap interval.  Warm-up runs and samples that failed\n"
	"or printed the wrong output are left out (and counted).\n"
	"\n"
	"  --campaign N      campaign id (default: the latest)\n"
	"  --base VARIANT    base variant (default: the campaign's first)\n"
	"  --metric M        wall, user, sys, maxrss, or a counted event such as\n"
	"                    task-clock (default: wall)\n"
	"  --threshold PCT   practical threshold in percent: smaller changes count as\n"
	"                    \"same\" (default: 1)\n"
	"  --seed N          bootstrap seed (default: 1; printed with the table)\n"
	"  --db FILE         results database (default: varbench.db)\n"
	"  -h, --help        this text\n"
	"\n"
	"Verdicts: faster/slower need p < 0.05 and a CI beyond the threshold; same\n"
	"needs the whole CI within it; anything else is inconclusive: take more samples.\n";

int cmd_compare_option(int opt, const char *arg, struct compare_opts *o, const char **db)
{
	uint64_t v;
	double pct;

	switch (opt) {
	case 'k':
		if (cli_uint64("--campaign", arg, &v) < 0 || v == 0)
			return error_set("--campaign: '%s' is not a campaign id", arg);
		o->campaign = (int64_t)v;
		return 1;
	case 'b': o->base = arg; return 1;
	case 'm': o->metric = arg; return 1;
	case 't':
		if (cli_double("--threshold", arg, 0, 100, &pct) < 0)
			return -1;
		o->threshold = pct / 100;
		return 1;
	case 'S': return cli_uint64("--seed", arg, &o->seed) < 0 ? -1 : 1;
	case 'd': *db = arg; return 1;
	}
	return 0;
}

int cmd_compare(int argc, char **argv)
{
	static const struct option options[] = {
		{ "campaign", required_argument, NULL, 'k' },
		{ "base", required_argument, NULL, 'b' },
		{ "metric", required_argument, NULL, 'm' },
		{ "threshold", required_argument, NULL, 't' },
		{ "seed", required_argument, NULL, 'S' },
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct compare_opts o = { .metric = "wall", .threshold = 0.01, .seed = 1 };
	struct compare_result r = { 0 };
	struct store *s = NULL;
	const char *db = "varbench.db";
	int opt, ret;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		int took;

		if (opt == 'h') {
			fputs(usage, stdout);
			return 0;
		}
		took = cmd_compare_option(opt, optarg, &o, &db);
		if (took < 0)
			return error_report();
		if (!took)
			return cli_usage_error("compare", opt, argv[optind - 1]);
	}
	if (optind < argc)
		return cli_usage_error("compare", '?', argv[optind]);
	if (store_open_existing(db, &s) < 0 || compare_campaign(s, &o, &r) < 0) {
		store_close(s);
		return error_report();
	}
	compare_print_text(&r, stdout);
	ret = 0;
	compare_result_release(&r);
	store_close(s);
	return ret;
}
