#ifndef VARBENCH_STATS_H
#define VARBENCH_STATS_H

/*
 * Descriptive statistics, the Mann-Whitney U test and bootstrap confidence
 * intervals for ratios of medians.
 *
 * Conventions shared by every function here:
 *
 *  - Input arrays are borrowed and never modified; functions that need to
 *    reorder data work on their own copy.  Results are written only on
 *    success: on failure *out (or *u, *p) is left untouched.
 *
 *  - Functions returning int return 0 on success, or -1 after error_set()
 *    (see harness/error.h).  Invalid input is an error, never an abort():
 *    empty samples, NaN and infinite values are rejected with a message
 *    such as "sample 3 is NaN" or "base sample 0 is -inf", where the number
 *    is the 0-based index into the array the caller passed.  Out-of-memory
 *    is reported the same way.
 *
 *  - Quantiles use linear interpolation between order statistics: for
 *    sorted x[0..n-1] and fraction f, h = (n - 1) * f and the result is
 *    x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)]).  This
 *    is gsl_stats_quantile_from_sorted_data() and numpy's default
 *    ("linear", type 7 of Hyndman & Fan).  The median of an even-sized
 *    sample is the mean of the two middle values.
 */

#include <gsl/gsl_rng.h>
#include <stddef.h>

struct stats_summary {
	size_t n;
	double mean, median, stdev, min, max, q1, q3, mad, cv;
};

/*
 * Summarize x[0..n-1] into *out:
 *   mean    arithmetic mean;
 *   median  see the quantile convention above (q = 0.5);
 *   stdev   sample standard deviation (divisor n - 1), 0 when n == 1;
 *   min/max extreme values;
 *   q1/q3   quantiles 0.25 and 0.75 (linear interpolation);
 *   mad     raw median absolute deviation, median(|x - median|), not
 *           scaled by 1.4826 (scipy.stats.median_abs_deviation's default);
 *   cv      coefficient of variation stdev / mean, signed like the mean,
 *           and 0 when the mean is 0 (rather than inf or NaN).
 * Fails when n == 0 or when a value is NaN or infinite.
 */
int stats_summarize(const double *x, size_t n, struct stats_summary *out);

/*
 * Median of x[0..n-1] by selection (O(n) expected) on a private copy; x is
 * not modified.  n must be >= 1 and the values finite: otherwise, or when
 * the copy cannot be allocated, returns NaN after error_set().
 */
double stats_median(const double *x, size_t n);

/*
 * Two-sided Mann-Whitney U test of a[0..na-1] against b[0..nb-1].
 *
 * *u is the U statistic of sample a, U1 = R1 - na (na + 1) / 2, where R1 is
 * the sum of a's ranks in the pooled sample (tied values share the mean of
 * their ranks).  U1 is a multiple of 0.5; U2 = na nb - U1.
 *
 * *p reproduces scipy.stats.mannwhitneyu(a, b) (scipy 1.10, defaults:
 * alternative='two-sided', method='auto', use_continuity=True), including
 * its rule for choosing the method:
 *
 *  - exact, when min(na, nb) <= 8 and the pooled sample has no ties:
 *    p = 2 P(U <= min(U1, U2)) under the null distribution of U, counted
 *    exactly with the recurrence f(m, n, k) = f(m - 1, n, k - n) +
 *    f(m, n - 1, k) and divided by C(na + nb, na);
 *
 *  - otherwise the normal approximation with tie and continuity
 *    correction: z = (max(U1, U2) - na nb / 2 - 0.5) / s, with
 *    s^2 = na nb / 12 ((N + 1) - sum(t^3 - t) / (N (N - 1))), N = na + nb,
 *    t running over the sizes of the groups of tied values, and
 *    p = 2 Q(z) (upper normal tail).  When every value is tied, s = 0 and
 *    p = 1.
 *
 * In both cases p is clipped to [0, 1].  The exact path costs
 * O(min(na, nb) * K * min(max(na, nb), K)) time and O(min(na, nb) * K)
 * memory with K = min(U1, U2) <= na nb / 2; because it only runs when one
 * sample has at most 8 values this stays small for realistic sizes.
 *
 * Unlike scipy, infinite values are rejected like NaN.
 */
int stats_mann_whitney(const double *a, size_t na, const double *b, size_t nb,
		       double *u, double *p);

struct stats_interval {
	double estimate, lo, hi;
};

/*
 * Ratio of medians, median(variant) / median(base), with a percentile
 * bootstrap confidence interval.
 *
 * out->estimate is the ratio of the medians of the full samples.  Each of
 * the `resamples` rounds draws nb values from base, then nv values from
 * variant, uniformly with replacement (gsl_rng_uniform_int), and records
 * the ratio of their medians; out->lo and out->hi are the (1 - level) / 2
 * and (1 + level) / 2 quantiles (linear interpolation) of those ratios.
 * The percentile interval is not forced to contain the estimate; with
 * sensible data it does.
 *
 * The result depends only on the inputs and on the state of rng, which
 * this function advances (the draw order above is part of the contract, so
 * a given seed always gives the same interval).
 *
 * Requirements, each reported with error_set(): non-empty finite samples;
 * every base value > 0 (any resample's median is one of, or the mean of two
 * of, the base values, so this is what keeps every bootstrap ratio finite;
 * in particular a base median <= 0 fails); rng not NULL; nb and nv no
 * larger than the rng's range (gsl_rng_max - gsl_rng_min); resamples >= 1;
 * 0 < level < 1.  Scratch memory is allocated once per call.
 */
int stats_ratio_ci(const double *base, size_t nb, const double *variant, size_t nv,
		   gsl_rng *rng, unsigned resamples, double level,
		   struct stats_interval *out);

/*
 * Geometric mean over k workloads of the ratios median(variant[i]) /
 * median(base[i]), with a percentile bootstrap confidence interval.
 *
 * base[i] points to nb[i] values and variant[i] to nv[i] values.  Each
 * round resamples, for i = 0 .. k-1 in order, base[i] (nb[i] draws) then
 * variant[i] (nv[i] draws) with replacement, and records the geometric mean
 * of the k resampled ratios; lo and hi are quantiles of those as in
 * stats_ratio_ci().  Workloads are never mixed: the bootstrap resamples
 * within each workload, so every workload weighs the same in every round.
 *
 * Requirements as for stats_ratio_ci() for every workload, plus k >= 1 and
 * every variant value > 0 (the geometric mean needs positive ratios).
 * Errors name the workload by its 0-based index ("workload 2: base
 * sample 0 is NaN").
 */
int stats_geomean_ci(size_t k, const double *const base[], const size_t nb[],
		     const double *const variant[], const size_t nv[],
		     gsl_rng *rng, unsigned resamples, double level,
		     struct stats_interval *out);

#endif
