#ifndef VARBENCH_COMPARE_H
#define VARBENCH_COMPARE_H

/*
 * Compare the variants of a campaign against the base, workload by
 * workload, on one metric, and say what the differences mean.
 *
 * Per side (a variant, or half of one in an A/A check) and workload: the
 * full stats_summary.  Per workload of a comparison: the ratio of medians
 * variant / base with a 95% confidence interval, the Hodges-Lehmann shift,
 * the two-sided Mann-Whitney U p-value, Holm-adjusted across the workloads
 * of the comparison, Welch's t-test, and a verdict.  Per comparison: the
 * geometric mean of the ratios with a bootstrap interval that resamples
 * within each workload, overall and per workload tag.
 *
 * Verdicts (see compare_judge()) are one of four words and a direction:
 *   faster / slower  the Holm-adjusted p is below alpha, the ratio's
 *                    interval excludes 1 and the ratio is beyond the
 *                    practical threshold (for times; other metrics say
 *                    fewer/more, smaller/larger or lower/higher);
 *   same             the change is within the threshold: either it is
 *                    significant but small, or its interval lies inside
 *                    1 -+ threshold;
 *   noisy            neither can be said yet: too few samples or too much
 *                    spread; `need` is how many samples per side would do;
 *   no data          a side has no samples (or no usable ratio; see note).
 *
 * Interval methods: cells of at most COMPARE_RESAMPLE_LIMIT values (base +
 * variant) get a percentile bootstrap of the ratio of medians (GSL's
 * MT19937 with the recorded seed); larger cells get the order-statistic
 * interval of stats_ratio_ci_os(), because resampling thousands of values
 * thousands of times costs seconds per cell.  Each row records which.
 */

#include <stdint.h>
#include <stdio.h>

#include "chart.h"
#include "stats.h"
#include "store.h"

#define COMPARE_RESAMPLES 2000
#define COMPARE_ALPHA 0.05
#define COMPARE_RESAMPLE_LIMIT 2000	/* values per cell (both sides) still resampled */
#define COMPARE_MIN_SAMPLES 5		/* per side, before any verdict but "noisy" */
#define COMPARE_POWER 0.8		/* for the samples a noisy row needs */
#define COMPARE_GAP_WARN 3600.0		/* seconds between the sides' median sample times */

enum compare_format { COMPARE_TEXT, COMPARE_MARKDOWN, COMPARE_CSV, COMPARE_JSON };
enum compare_sort { COMPARE_SORT_CAMPAIGN, COMPARE_SORT_NAME, COMPARE_SORT_RATIO, COMPARE_SORT_P };
/* LOWER and HIGHER are the direction of the ratio; the words depend on the metric. */
enum compare_verdict { COMPARE_NO_DATA, COMPARE_LOWER, COMPARE_HIGHER, COMPARE_SAME, COMPARE_NOISY };
enum compare_ci { COMPARE_CI_NONE, COMPARE_CI_BOOTSTRAP, COMPARE_CI_ORDER };

/* "text", "markdown" (or "md"), "csv", "json"; -1 with a message otherwise. */
int compare_format_parse(const char *name, enum compare_format *out);
/* "campaign" (the campaign's order), "name", "ratio", "p". */
int compare_sort_parse(const char *name, enum compare_sort *out);

/* One side on one workload: its values (owned, sorted ascending) and their summary. */
struct compare_cell {
	const char *side, *workload;	/* point into the result's lists */
	double *values;
	size_t n;
	double time_median;		/* median sample time, Unix seconds; NAN if unknown */
	struct stats_summary s;		/* valid when s.n > 0 */
	long bad;			/* the variant's samples there that failed or printed the wrong output */
	char bad_what[64];		/* their statuses */
};

struct compare_row {
	const char *variant, *base, *workload;	/* side labels and workload name */
	const char *tags;		/* the workload's tags, space-separated */
	const struct compare_cell *cb, *cv;	/* base and variant cells */
	size_t n_base, n_variant;
	double base_median, variant_median;
	struct stats_interval ratio;	/* variant / base; < 1 is faster for times */
	enum compare_ci ci;		/* how ratio's interval was made */
	double hl_shift;		/* Hodges-Lehmann variant - base, metric units; NAN if none */
	double u, p;			/* Mann-Whitney U of the base side, two-sided p; NAN if none */
	double p_adj;			/* p after Holm across the comparison's workloads */
	struct stats_welch welch;	/* NANs when a side has fewer than 2 samples */
	double gap;			/* seconds between the sides' median sample times */
	enum compare_verdict verdict_code;
	const char *verdict;		/* the word, for this metric */
	unsigned long need;		/* noisy rows: samples per side that would do */
	long bad;			/* variant samples that failed or printed the wrong output */
	char bad_what[64];
	char note[128];			/* why a row has no ratio, when it has data */
	int valid;			/* both sides have samples and a ratio */
};

struct compare_geomean {
	const char *variant, *base;	/* side labels */
	const char *tag;		/* NULL: every workload of the comparison */
	struct stats_interval ratio;
	size_t workloads;		/* how many rows went into it */
	int order;			/* some rows drew from order-statistic intervals */
	int valid;
};

struct compare_result {
	struct campaign_summary summary;
	struct campaign_summary base_summary;	/* when the base comes from another campaign */
	int64_t base_campaign;		/* 0: the base is in the same campaign */
	const char *base;		/* base label (the first comparison's, for A/A) */
	char metric[64];
	double threshold;		/* practical threshold, fraction (0.01 = 1%) */
	double alpha;
	uint64_t seed;			/* bootstrap seed */
	unsigned resamples;
	int aa;				/* an A/A self-check: each variant against itself */
	const char *tag;		/* only workloads with this tag; NULL: all */
	struct strv labels;		/* side labels (owned) */
	struct strv tags;		/* per workload of the summary, by position */
	struct strv warnings;		/* shown above the legend */
	struct compare_cell *cells;
	size_t ncells;
	struct compare_row *rows;	/* comparison-major, workloads in campaign (or sort) order */
	size_t nrows;
	struct compare_geomean *geomeans;	/* one per comparison, in order */
	size_t ngeomeans;
	struct compare_geomean *tag_geomeans;	/* per comparison, per tag */
	size_t ntag_geomeans;
	long base_bad;			/* base samples that failed */
	size_t with_data;		/* rows with samples on both sides */
	size_t bootstrap_rows, order_rows;	/* rows by interval method */
	char no_data[512];		/* why the metric has no samples at all, if so */
};

struct compare_opts {
	int64_t campaign;		/* 0: the latest */
	const char *base;		/* NULL: the campaign's first variant; A/A: only this one */
	const char *metric;		/* "wall" by default */
	double threshold;
	uint64_t seed;
	int64_t base_campaign;		/* take the base's samples from this campaign; 0: same */
	int aa;				/* A/A: split each variant's samples alternately in two */
	const char *tag;		/* keep only workloads with this tag */
	enum compare_sort sort;
	size_t resample_limit;		/* 0: COMPARE_RESAMPLE_LIMIT */
};

/*
 * Read the samples and compute everything above into *out, to be released
 * with compare_result_release(); after a failure *out is already released
 * (releasing it again is harmless).  Fails with a message
 * for an unknown campaign, base, tag or metric (one the campaign never
 * asked for); a metric that was asked for but not counted (no PMU) gives
 * rows without data and out->no_data saying why.
 */
int compare_campaign(struct store *s, const struct compare_opts *o, struct compare_result *out);

/*
 * The verdict of a row whose n_base, n_variant, ratio, p_adj and cells are
 * set, at practical threshold `threshold` and level alpha; also sets
 * row->need for noisy rows (cells must be summarized).  Exposed for the
 * simulation tests.
 */
enum compare_verdict compare_judge(struct compare_row *row, double threshold, double alpha,
				   size_t workloads);

/* The verdict's word for a metric: faster/slower for times, fewer/more for counts, ... */
const char *compare_verdict_name(enum compare_verdict v, const char *metric);

/*
 * Print the result.  Text and Markdown: the table per comparison, the
 * geometric mean lines and a legend.  CSV: one line per row and per
 * geometric mean; `header` prints the column names first (so several
 * metrics can share one file).  JSON: one object.
 */
void compare_print(const struct compare_result *r, enum compare_format fmt, int header, FILE *out);

/* The plain-text table, as `varbench compare` prints it. */
void compare_print_text(const struct compare_result *r, FILE *out);

/* Per side and workload: n, median, mean, sd, MAD, CV, min, max, outliers, CIs (text/Markdown). */
void compare_print_summaries(const struct compare_result *r, enum compare_format fmt, FILE *out);

void compare_result_release(struct compare_result *r);

#endif
