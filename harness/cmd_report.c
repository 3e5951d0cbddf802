#include "cli.h"
#include "compare.h"
#include "error.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: varbench report -o DIR [options]\n"
	"\n"
	"Draw the charts of a campaign into DIR (created if needed):\n"
	"  speedup.<fmt>   per workload, each variant's time relative to the base with\n"
	"                  its 95% CI, and the geometric mean (log scale)\n"
	"and write compare.txt, the table `varbench compare` prints.\n"
	"\n"
	"  -o, --output DIR  where to write (required)\n"
	"  --format F        png, svg or pdf (default: png)\n"
	"  --campaign N      campaign id (default: the latest)\n"
	"  --base VARIANT    base variant (default: the campaign's first)\n"
	"  --metric M        wall, user, sys, maxrss or an event (default: wall)\n"
	"  --threshold PCT   practical threshold in percent (default: 1)\n"
	"  --seed N          bootstrap seed (default: 1)\n"
	"  --db FILE         results database (default: varbench.db)\n"
	"  -h, --help        this text\n";

int report_write(struct store *s, const struct compare_opts *o, const char *dir, int fmt)
{
	static const char *const ext[] = { "png", "svg", "pdf" };
	struct compare_result r;
	char *chart = NULL, *table = NULL;
	double width, height;
	FILE *f;
	int ret = -1;

	if (compare_campaign(s, o, &r) < 0)
		return -1;
	if (mkdir_p(dir) < 0)
		goto out;
	chart = xasprintf("%s/speedup.%s", dir, ext[fmt]);
	table = path_join(dir, "compare.txt");
	if (compare_write_chart(&r, chart, fmt, &width, &height) < 0)
		goto out;
	f = fopen(table, "w");
	if (!f) {
		error_set("cannot write '%s'", table);
		goto out;
	}
	compare_print_text(&r, f);
	if (fclose(f) != 0) {
		error_set("cannot write '%s'", table);
		goto out;
	}
	printf("wrote %s (%.0fx%.0f)\nwrote %s\n", chart, width, height, table);
	ret = 0;
out:
	free(chart);
	free(table);
	compare_result_release(&r);
	return ret;
}

int cmd_report(int argc, char **argv)
{
	static const struct option options[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
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
	enum chart_format fmt = CHART_PNG;
	const char *db = "varbench.db", *dir = NULL;
	struct store *s = NULL;
	int opt, ret;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":o:h", options, NULL)) != -1) {
		int took;

		if (opt == 'h') {
			fputs(usage, stdout);
			return 0;
		}
		if (opt == 'o') {
			dir = optarg;
			continue;
		}
		if (opt == 'f') {
			if (chart_format_parse(optarg, &fmt) < 0)
				return error_report();
			continue;
		}
		took = cmd_compare_option(opt, optarg, &o, &db);
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
	if (store_open_existing(db, &s) < 0) {
		ret = error_report();
	} else {
		ret = report_write(s, &o, dir, fmt) < 0 ? error_report() : 0;
	}
	store_close(s);
	return ret;
}
