#include "cli.h"
#include "compare.h"
#include "error.h"
#include "report.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: varbench report -o DIR [options]\n"
	"\n"
	"Write the report of a campaign into DIR (created if needed):\n"
	"  speedup.<fmt>       per workload, each variant's time relative to the base\n"
	"                      with its 95% CI, and the geometric mean (log scale)\n"
	"  distribution.<fmt>  every sample per variant and workload: violin, box, points\n"
	"  counters.<fmt>      instructions, cycles, IPC, misses per 1k instructions and\n"
	"                      software counters relative to the base (or why not)\n"
	"  trend.<fmt>         the metric across the campaigns that measured the variants\n"
	"  buildcost.<fmt>     build time and installed size beside the speedup\n"
	"  index.html          one self-contained page: summary, warnings, the charts\n"
	"                      (inlined), the tables, machine, builds, workloads, method\n"
	"  compare.txt         the table `varbench compare` prints\n"
	"\n"
	"  -o, --output DIR      where to write (required)\n"
	"  --format LIST         comma-separated: png, svg, pdf (chart files), markdown\n"
	"                        (report.md), csv (samples.csv, one row per sample), json\n"
	"                        (report.json, everything), or all (default: png)\n"
	"  --campaign N          campaign id (default: the latest)\n"
	"  --base VARIANT        base variant (default: the campaign's first)\n"
	"  --metric M            wall, user, sys, maxrss or an event (default: wall)\n"
	"  --threshold PCT       practical threshold in percent (default: 1)\n"
	"  --seed N              bootstrap seed (default: 1)\n"
	"  --trend-variants LIST the variants the trend chart follows (default: the\n"
	"                        campaign's)\n"
	"  --trend-by date|label campaigns on a time axis (default) or evenly spaced and\n"
	"                        named by campaign and source revision\n"
	"  --timestamp           put the generation time into index.html (by default the\n"
	"                        same data gives the same bytes)\n"
	"  --db FILE             results database (default: varbench.db)\n"
	"  -h, --help            this text\n"
	"\n"
	"The formats and report.json's schema are described in reports/README.md.\n";

int report_write(struct store *s, const struct compare_opts *o, const char *dir, int fmt)
{
	struct report_opts ro;

	memset(&ro, 0, sizeof(ro));
	ro.compare = *o;
	ro.charts = 1u << fmt;
	return report_generate(s, &ro, dir, stdout);
}

enum { OPT_FORMAT = 256, OPT_TREND_VARIANTS, OPT_TREND_BY, OPT_TIMESTAMP };

int cmd_report(int argc, char **argv)
{
	static const struct option options[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "campaign", required_argument, NULL, 'k' },
		{ "base", required_argument, NULL, 'b' },
		{ "metric", required_argument, NULL, 'm' },
		{ "threshold", required_argument, NULL, 't' },
		{ "seed", required_argument, NULL, 'S' },
		{ "db", required_argument, NULL, 'd' },
		{ "trend-variants", required_argument, NULL, OPT_TREND_VARIANTS },
		{ "trend-by", required_argument, NULL, OPT_TREND_BY },
		{ "timestamp", no_argument, NULL, OPT_TIMESTAMP },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct report_opts ro;
	const char *db = "varbench.db", *dir = NULL;
	struct store *s = NULL;
	int opt, ret;

	memset(&ro, 0, sizeof(ro));
	ro.compare = (struct compare_opts){ .metric = "wall", .threshold = 0.01, .seed = 1 };
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":o:h", options, NULL)) != -1) {
		int took;

		switch (opt) {
		case 'h':
			fputs(usage, stdout);
			return 0;
		case 'o':
			dir = optarg;
			continue;
		case OPT_FORMAT:
			if (report_format_parse(optarg, &ro.charts, &ro.docs) < 0)
				return error_report();
			continue;
		case OPT_TREND_VARIANTS:
			ro.trend_variants = optarg;
			continue;
		case OPT_TREND_BY:
			if (strcmp(optarg, "date") && strcmp(optarg, "label")) {
				error_set("--trend-by: '%s' is not date or label", optarg);
				return error_report();
			}
			ro.trend_by_label = !strcmp(optarg, "label");
			continue;
		case OPT_TIMESTAMP:
			ro.timestamp = 1;
			continue;
		}
		took = cmd_compare_option(opt, optarg, &ro.compare, &db);
		if (took < 0)
			return error_report();
		if (!took)
			return cli_usage_error("report", opt, argv[optind - 1]);
	}
	if (optind < argc)
		return cli_usage_error("report", '?', argv[optind]);
	if (!dir) {
		error_set("report: -o DIR is required (where the charts go)");
		return error_report();
	}
	/* Documents without chart formats still get their charts, as PNG. */
	if (!ro.charts)
		ro.charts = 1u << CHART_PNG;
	if (store_open_existing(db, &s) < 0) {
		ret = error_report();
	} else {
		ret = report_generate(s, &ro, dir, stdout) < 0 ? error_report() : 0;
	}
	store_close(s);
	return ret;
}
