#ifndef VARBENCH_STATS_H
#define VARBENCH_STATS_H

/*
 * Statistics on GSL: descriptive summaries with confidence intervals and
 * MAD-flagged outliers, the Mann-Whitney U and Welch t tests (written on
 * GSL's CDFs), the Hodges-Lehmann shift, Holm's correction, ratios of
 * medians with bootstrap or order-statistic intervals, the geometric mean
 * of ratios with a bootstrap interval, and a sample-size guide.  Every
 * function is checked against SciPy by tests/test_stats_reference.c.
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

struct stats_interval {
	double estimate, lo, hi;
};

/* Confidence level of every interval in struct stats_summary. */
#define STATS_LEVEL 0.95

/*
 * Modified z-score beyond which a value is flagged as an outlier
 * (Iglewicz & Hoaglin): |x - median| / (1.4826 MAD) > 3.5.
 */
#define STATS_OUTLIER_Z 3.5

struct stats_summary {
	size_t n;
	double mean, median, stdev, min, max, q1, q3, mad, cv;
	double p05, p95;		/* quantiles 0.05 and 0.95 */
	size_t outliers;		/* flagged by the MAD rule, never removed */
	struct stats_interval mean_ci;	/* estimate = mean */
	struct stats_interval median_ci;	/* estimate = median */
};

/*
 * Summarize x[0..n-1] into *out:
 *   mean    arithmetic mean;
 *   median  see the quantile convention above (q = 0.5);
 *   stdev   sample standard deviation (divisor n - 1), 0 when n == 1;
 *   min/max extreme values;
 *   q1/q3   quantiles 0.25 and 0.75 (linear interpolation), p05/p95 the
 *           quantiles 0.05 and 0.95;
 *   mad     raw median absolute deviation, median(|x - median|), not
 *           scaled by 1.4826 (scipy.stats.median_abs_deviation's default);
 *   cv      coefficient of variation stdev / mean, signed like the mean,
 *           and 0 when the mean is 0 (rather than inf or NaN);
 *   outliers  values whose modified z-score |x - median| / (1.4826 mad)
 *           exceeds STATS_OUTLIER_Z; when mad is 0, every value that
 *           differs from the median;
 *   mean_ci   Student t interval mean -+ t(n - 1) stdev / sqrt(n) at
 *           STATS_LEVEL (scipy.stats.t.interval); lo = hi = NaN when n < 2;
 *   median_ci the Hettmansperger-Sheather interval of stats_median_ci() at
 *           STATS_LEVEL; lo = hi = NaN when n is too small for it (n < 6).
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

/*
 * Geometric mean as stats_geomean_ci(), except that workloads with more
 * than `limit` values in all (nb[i] + nv[i] > limit) are not resampled:
 * resampling a cell costs O(nb + nv) per round, too much for cells of
 * thousands of samples.  Each round instead draws that workload's log
 * ratio from a normal distribution centred on the log of its ratio of
 * medians with the standard error of stats_ratio_ci_os() (one
 * gsl_ran_gaussian() draw, in the workload's turn).  Such workloads need
 * the sample sizes stats_ratio_ci_os() needs.  limit = SIZE_MAX gives
 * exactly stats_geomean_ci(), draw for draw.
 */
int stats_geomean_ci_limit(size_t k, const double *const base[], const size_t nb[],
			   const double *const variant[], const size_t nv[],
			   gsl_rng *rng, unsigned resamples, double level, size_t limit,
			   struct stats_interval *out);

/*
 * Distribution-free confidence interval of the median of x[0..n-1] at
 * `level`, by Hettmansperger and Sheather's interpolation between order
 * statistics; reproduces scipy.stats.mstats.median_cihs(x, 1 - level)
 * (scipy 1.10).  With B ~ Binomial(n, 1/2), k is the smallest integer with
 * P(B <= k) >= (1 - level) / 2, lowered by one if [x(k+1), x(n-k)] then
 * covers less than `level`; the interval interpolates between that pair
 * and the next one inwards.  out->estimate is the median.
 *
 * Needs k >= 1, that is P(B = 0) = 2^-n < (1 - level) / 2: n >= 6 at 95%.
 * Fewer values, empty or non-finite input, or a level outside (0, 1) fail
 * with a message.
 */
int stats_median_ci(const double *x, size_t n, double level, struct stats_interval *out);

struct stats_welch {
	double t, df, p;
};

/*
 * Welch's unequal-variances t-test of a against b, two-sided; reproduces
 * scipy.stats.ttest_ind(a, b, equal_var=False):
 *   t  = (mean(a) - mean(b)) / sqrt(va / na + vb / nb), variances with
 *        divisor n - 1;
 *   df = (va / na + vb / nb)^2 / ((va / na)^2 / (na - 1) + (vb / nb)^2 / (nb - 1))
 *        (Welch-Satterthwaite);
 *   p  = 2 P(T_df > |t|), from gsl_cdf_tdist_Q().
 * When both variances are 0 the test degenerates: different means give
 * t = -+inf and p = 0 (as scipy); equal means give t = 0, p = 1 where
 * scipy answers NaN (0 / 0), and df = na + nb - 2.
 * Both samples need at least 2 finite values.
 */
int stats_welch(const double *a, size_t na, const double *b, size_t nb, struct stats_welch *out);

/*
 * Hodges-Lehmann estimate of the shift from base to variant: the median
 * of the nb * nv differences variant[j] - base[i] (numpy's median of the
 * outer difference).  Computed without forming the differences, by
 * bisection over the ordered bit patterns of doubles with a counting walk
 * over both sorted samples: O((nb + nv) log) time, O(nb + nv) memory, so it
 * stays cheap for cells of thousands of samples.  Fails on empty or
 * non-finite input.
 */
int stats_hodges_lehmann(const double *base, size_t nb, const double *variant, size_t nv,
			 double *shift);

/*
 * Holm-Bonferroni step-down adjustment of the k p-values p[0..k-1] into
 * adjusted[0..k-1] (may alias p): sorted ascending, the i-th smallest
 * (0-based) becomes max over j <= i of min(1, (m - j) p(j)), where m is the
 * number of p-values that are not NaN.  NaN entries (tests that could not
 * be run) stay NaN and do not count in m.  Ties keep their input order.
 * A p-value outside [0, 1] fails with a message naming its index.
 */
int stats_holm(const double *p, size_t k, double *adjusted);

/*
 * Ratio of medians median(variant) / median(base) with a confidence
 * interval from order statistics instead of resampling, for large cells
 * (Price & Bonett's construction on a log scale): each side's standard
 * error of the log median is (ln hi - ln lo) / (2 z), with [lo, hi] its
 * stats_median_ci() at `level` and z the normal (1 + level) / 2 quantile;
 * the interval is ratio * exp(-+z sqrt(se_base^2 + se_variant^2)).
 * Requirements: those of stats_median_ci() for both samples, and every
 * value > 0.
 */
int stats_ratio_ci_os(const double *base, size_t nb, const double *variant, size_t nv,
		      double level, struct stats_interval *out);

/*
 * Samples per side that a two-sided test at `alpha` needs to detect a
 * relative change `change` (0.01 = 1%) with probability `power`, when the
 * coefficient of variation is cv: the normal-theory
 * n = 2 (z(1 - alpha / 2) + z(power))^2 (cv / change)^2, multiplied by
 * pi / 3 for the Mann-Whitney test's asymptotic efficiency relative to the
 * t-test, rounded up, and at least 2.  A guide, not a guarantee.  Fails
 * unless cv >= 0, change > 0 and alpha and power are in (0, 1); *n
 * saturates at ULONG_MAX.
 */
int stats_samples_needed(double cv, double change, double alpha, double power,
			 unsigned long *n);

#endif
