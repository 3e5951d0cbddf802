#ifndef VARBENCH_COMPARE_H
#define VARBENCH_COMPARE_H

/*
 * Compare every variant of a campaign against its base, workload by
 * workload, on one metric: medians, the ratio variant/base with a
 * bootstrap 95% CI, a Mann-Whitney U p-value and a verdict; then the
 * geometric mean of the ratios with its own bootstrap CI.
 */

#include <stdint.h>
#include <stdio.h>

#include "chart.h"
#include "stats.h"
#include "store.h"

#define COMPARE_RESAMPLES 2000
#define COMPARE_ALPHA 0.05

struct compare_row {
	const char *variant, *workload;	/* point into the summary's lists */
	size_t n_base, n_variant;
	double base_median, variant_median;
	struct stats_interval ratio;	/* variant / base; < 1 is faster for times */
	double p;			/* two-sided Mann-Whitney U; NAN if not computed */
	const char *verdict;
	long bad;			/* variant samples that failed or printed the wrong output */
	char bad_what[64];
	int valid;			/* both sides have samples and a ratio */
};

struct compare_geomean {
	const char *variant;
	struct stats_interval ratio;
	size_t workloads;		/* how many rows went into it */
	int valid;
};

struct compare_result {
	struct campaign_summary summary;
	const char *base;
	char metric[64];
	double threshold;		/* practical threshold, fraction (0.01 = 1%) */
	uint64_t seed;			/* bootstrap seed */
	struct compare_row *rows;	/* variant-major, workloads in campaign order */
	size_t nrows;
	struct compare_geomean *geomeans;	/* one per non-base variant */
	size_t ngeomeans;
	long base_bad;			/* base samples that failed */
};

struct compare_opts {
	int64_t campaign;		/* 0: the latest */
	const char *base;		/* NULL: the campaign's first variant */
	const char *metric;		/* "wall" by default */
	double threshold;
	uint64_t seed;
};

int compare_campaign(struct store *s, const struct compare_opts *o, struct compare_result *out);

/* The plain-text table, as `varbench compare` prints it. */
void compare_print_text(const struct compare_result *r, FILE *out);

/* Draw the speedup chart of the result; *width x *height is its size (pixels or points). */
int compare_write_chart(const struct compare_result *r, const char *path, enum chart_format fmt,
			double *width, double *height);

void compare_result_release(struct compare_result *r);

#endif
