#include "cli.h"
#include "compare.h"
#include "error.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: varbench compare [options]\n"
	"\n"
	"Compare each variant of a campaign against the base, workload by workload:\n"
	"medians, the ratio variant/base with a 95% confidence interval, the two-sided\n"
	"Mann-Whitney U p-value Holm-adjusted across the workloads, a verdict, and the\n"
	"geometric mean of the ratios (overall and per workload tag) with a bootstrap\n"
	"interval.  Warm-up runs and samples that failed or printed the wrong output are\n"
	"left out (and counted); outliers are flagged, never dropped.\n"
	"\n"
	"  --campaign N         campaign id (default: the latest)\n"
	"  --base VARIANT       base variant (default: the campaign's first)\n"
	"  --base-campaign N    take the base's samples from campaign N (warns when the\n"
	"                       machines differ or the samples are hours apart)\n"
	"  --metric M[,M...]    wall, user, sys, maxrss, ipc (instructions/cycles), or a\n"
	"                       counted event such as task-clock, page-faults,\n"
	"                       instructions, cycles (default: wall)\n"
	"  --threshold PCT      practical threshold in percent: smaller changes count as\n"
	"                       \"same\" even when significant (default: 1)\n"
	"  --aa                 A/A self-check: split each variant's samples (or only\n"
	"                       --base's) alternately in two halves and compare them;\n"
	"                       reports the false-positive rate\n"
	"  --tag T              only the workloads tagged T (see `varbench workloads`)\n"
	"  --sort KEY           campaign (default), name, ratio or p\n"
	"  --format F           text (default), markdown, csv or json\n"
	"  --summary            also print n, median, mean, sd, MAD, CV, min, max,\n"
	"                       outliers and 95% CIs per side and workload (text, markdown;\n"
	"                       csv and json always carry them)\n"
	"  --seed N             bootstrap seed (default: 1; printed with the table)\n"
	"  --db FILE            results database (default: varbench.db)\n"
	"  -h, --help           this text\n"
	"\n"
	"Verdicts: faster/slower need the Holm-adjusted p below 0.05, a CI that excludes\n"
	"1 and a ratio beyond the threshold; same means the change is within the\n"
	"threshold (significant but small, or the whole CI inside it); noisy means it\n"
	"cannot be told yet, with about how many samples per side would tell.  Counters\n"
	"say fewer/more, maxrss smaller/larger, ipc lower/higher.\n";

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

enum { OPT_AA = 256, OPT_TAG, OPT_SORT, OPT_FORMAT, OPT_SUMMARY, OPT_BASE_CAMPAIGN };

/* The options only `compare` has: 1 if taken, 0 if not one of them, -1 if bad. */
static int compare_only_option(int opt, const char *arg, struct compare_opts *o, enum compare_format *fmt,
			       int *summary)
{
	uint64_t v;

	switch (opt) {
	case OPT_AA: o->aa = 1; return 1;
	case OPT_TAG: o->tag = arg; return 1;
	case OPT_SORT: return compare_sort_parse(arg, &o->sort) < 0 ? -1 : 1;
	case OPT_FORMAT: return compare_format_parse(arg, fmt) < 0 ? -1 : 1;
	case OPT_SUMMARY: *summary = 1; return 1;
	case OPT_BASE_CAMPAIGN:
		if (cli_uint64("--base-campaign", arg, &v) < 0 || v == 0)
			return error_set("--base-campaign: '%s' is not a campaign id", arg);
		o->base_campaign = (int64_t)v;
		return 1;
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
		{ "aa", no_argument, NULL, OPT_AA },
		{ "tag", required_argument, NULL, OPT_TAG },
		{ "sort", required_argument, NULL, OPT_SORT },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "summary", no_argument, NULL, OPT_SUMMARY },
		{ "base-campaign", required_argument, NULL, OPT_BASE_CAMPAIGN },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct compare_opts o = { .metric = "wall", .threshold = 0.01, .seed = 1 };
	enum compare_format fmt = COMPARE_TEXT;
	struct compare_result *results = NULL;
	struct strv metrics = STRV_INIT;
	struct store *s = NULL;
	const char *db = "varbench.db";
	int opt, summary = 0, ret = 1;
	size_t done = 0;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		int took;

		if (opt == 'h') {
			fputs(usage, stdout);
			return 0;
		}
		took = compare_only_option(opt, optarg, &o, &fmt, &summary);
		if (!took)
			took = cmd_compare_option(opt, optarg, &o, &db);
		if (took < 0)
			return error_report();
		if (!took)
			return cli_usage_error("compare", opt, argv[optind - 1]);
	}
	if (optind < argc)
		return cli_usage_error("compare", '?', argv[optind]);

	/* Several metrics: one comparison each, all computed before anything is printed. */
	for (const char *p = o.metric, *comma; *p; p = comma + 1) {
		comma = strchr(p, ',');
		if (!comma)
			comma = p + strlen(p);
		if (comma > p)
			strv_pushf(&metrics, "%.*s", (int)(comma - p), p);
		if (!*comma)
			break;
	}
	if (!metrics.n) {
		error_set("--metric: '%s' names no metric", o.metric);
		return error_report();
	}
	results = xcalloc(metrics.n, sizeof(*results));
	if (store_open_existing(db, &s) < 0)
		goto out;
	for (done = 0; done < metrics.n; done++) {
		o.metric = metrics.v[done];
		if (compare_campaign(s, &o, &results[done]) < 0) {
			if (metrics.n > 1)
				error_prefix("--metric %s", metrics.v[done]);
			compare_result_release(&results[done]);
			goto out;
		}
	}
	if (fmt == COMPARE_JSON && metrics.n > 1)
		fputs("[\n", stdout);
	for (size_t i = 0; i < metrics.n; i++) {
		if (i && (fmt == COMPARE_TEXT || fmt == COMPARE_MARKDOWN))
			fputs(fmt == COMPARE_MARKDOWN ? "\n---\n\n" : "\n\n", stdout);
		if (i && fmt == COMPARE_JSON)
			fputs(",\n", stdout);
		compare_print(&results[i], fmt, i == 0, stdout);
		if (summary)
			compare_print_summaries(&results[i], fmt, stdout);
	}
	if (fmt == COMPARE_JSON && metrics.n > 1)
		fputs("]\n", stdout);
	ret = 0;
out:
	for (size_t i = 0; i < done; i++)
		compare_result_release(&results[i]);
	free(results);
	strv_release(&metrics);
	store_close(s);
	return ret ? error_report() : 0;
}
