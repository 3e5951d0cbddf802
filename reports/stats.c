#include "stats.h"
#include "error.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort_double.h>
#include <gsl/gsl_statistics_double.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Beyond this many values, stats_median() copies to the heap. */
#define STACK_VALUES 64

static double *alloc_doubles(size_t n)
{
	if (!n)
		n = 1;
	if (n > SIZE_MAX / sizeof(double))
		return NULL;
	return malloc(n * sizeof(double));
}

/*
 * Reject empty or non-finite samples.  `set` names the sample in messages
 * ("base sample 3 is NaN"); NULL gives the bare "sample 3 is NaN".
 */
static int check_values(const char *set, const double *x, size_t n)
{
	const char *sep = set ? " " : "";
	size_t i;

	if (!set)
		set = "";
	if (!n)
		return error_set("%s%sno samples", set, set[0] ? " has " : "");
	if (!x)
		return error_set("%s%ssamples missing", set, sep);
	for (i = 0; i < n; i++) {
		if (isnan(x[i]))
			return error_set("%s%ssample %zu is NaN", set, sep, i);
		if (isinf(x[i]))
			return error_set("%s%ssample %zu is %s", set, sep, i,
					 x[i] > 0 ? "+inf" : "-inf");
	}
	return 0;
}

static int check_positive(const char *set, const double *x, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!(x[i] > 0))
			return error_set("%s sample %zu is %g, not positive "
					 "(ratios need positive values)",
					 set, i, x[i]);
	return 0;
}

/*
 * Sort x in place, skipping the sort when x is already in order: callers
 * that compare one sample many times (compare.c) keep it sorted, and the
 * O(n) check is much cheaper than GSL's heapsort.
 */
static void sort_values(double *x, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (x[i] < x[i - 1]) {
			gsl_sort(x, 1, n);
			return;
		}
}

/* Sorted copies of two samples, for the rank-based statistics; 0 or -1 with a message. */
static int sorted_copies(const double *a, size_t na, const double *b, size_t nb, double **sa, double **sb)
{
	*sa = alloc_doubles(na);
	*sb = alloc_doubles(nb);
	if (!*sa || !*sb)
		return error_set("out of memory for %zu + %zu samples", na, nb);
	memcpy(*sa, a, na * sizeof(*a));
	memcpy(*sb, b, nb * sizeof(*b));
	sort_values(*sa, na);
	sort_values(*sb, nb);
	return 0;
}

/* Median of x, reordering x (quickselect: O(n) expected, no full sort). */
static double median_inplace(double *x, size_t n)
{
	return gsl_stats_median(x, 1, n);
}

/*
 * Student t quantile.  gsl_cdf_tdist_Pinv() is good to about 1e-11
 * relative; two Newton steps on the CDF bring it to rounding error.
 */
static double t_quantile(double q, double df)
{
	double t = gsl_cdf_tdist_Pinv(q, df);

	for (int i = 0; i < 2; i++) {
		double dens = gsl_ran_tdist_pdf(t, df);

		if (!(dens > 0))
			break;
		t -= (gsl_cdf_tdist_P(t, df) - q) / dens;
	}
	return t;
}

/* P(B <= k) for B ~ Binomial(n, 1/2); k may be negative. */
static double binom_half_cdf(long k, size_t n)
{
	if (k < 0)
		return 0.0;
	if ((size_t)k >= n)
		return 1.0;
	return gsl_cdf_binomial_P((unsigned)k, 0.5, (unsigned)n);
}

/* Smallest k with P(B <= k) >= q, as scipy's binom.ppf; starts near the normal guess. */
static long binom_half_ppf(double q, size_t n)
{
	double guess = (double)n / 2.0 + gsl_cdf_ugaussian_Pinv(q) * sqrt((double)n) / 2.0;
	long k = guess < 0 ? 0 : guess > (double)n ? (long)n : (long)guess;

	while (k > 0 && binom_half_cdf(k - 1, n) >= q)
		k--;
	while ((size_t)k < n && binom_half_cdf(k, n) < q)
		k++;
	return k;
}

/* Hettmansperger-Sheather interval of sorted x, step for step as scipy's median_cihs. */
static int median_ci_sorted(const double *x, size_t n, double level, struct stats_interval *out)
{
	double alpha = 1.0 - level, gk, gkk, interp, lambda;
	long k, nn = (long)n;

	if (!(level > 0.0 && level < 1.0))
		return error_set("confidence level %g is not between 0 and 1", level);
	if (n > UINT_MAX)
		return error_set("%zu samples are too many for the median interval", n);
	alpha = fmin(alpha, 1.0 - alpha);
	k = binom_half_ppf(alpha / 2.0, n);
	gk = binom_half_cdf(nn - k, n) - binom_half_cdf(k - 1, n);
	if (gk < 1.0 - alpha) {
		k--;
		gk = binom_half_cdf(nn - k, n) - binom_half_cdf(k - 1, n);
	}
	/* k = 0 would interpolate outside the sample (scipy indexes x[-1] there). */
	if (k < 1)
		return error_set("%zu sample%s too few for a %g%% interval of the median",
				 n, n == 1 ? " is" : "s are", level * 100);
	gkk = binom_half_cdf(nn - k - 1, n) - binom_half_cdf(k, n);
	interp = (gk - 1.0 + alpha) / (gk - gkk);
	lambda = (double)(nn - k) * interp / ((double)k + (double)(nn - 2 * k) * interp);
	out->estimate = gsl_stats_median_from_sorted_data(x, 1, n);
	out->lo = lambda * x[k] + (1.0 - lambda) * x[k - 1];
	out->hi = lambda * x[nn - k - 1] + (1.0 - lambda) * x[nn - k];
	return 0;
}

int stats_summarize(const double *x, size_t n, struct stats_summary *out)
{
	struct stats_summary s;
	double *sorted, cut;
	size_t i;

	if (check_values(NULL, x, n))
		return -1;
	sorted = alloc_doubles(n);
	if (!sorted)
		return error_set("out of memory for %zu samples", n);
	memcpy(sorted, x, n * sizeof(*x));
	sort_values(sorted, n);

	s.n = n;
	s.min = sorted[0];
	s.max = sorted[n - 1];
	/*
	 * GSL's mean and variance use running updates, which cannot overflow
	 * on large finite values the way a plain sum would.
	 */
	s.mean = gsl_stats_mean(x, 1, n);
	s.stdev = n > 1 ? gsl_stats_sd_m(x, 1, n, s.mean) : 0.0;
	s.median = gsl_stats_median_from_sorted_data(sorted, 1, n);
	s.q1 = gsl_stats_quantile_from_sorted_data(sorted, 1, n, 0.25);
	s.q3 = gsl_stats_quantile_from_sorted_data(sorted, 1, n, 0.75);
	s.p05 = gsl_stats_quantile_from_sorted_data(sorted, 1, n, 0.05);
	s.p95 = gsl_stats_quantile_from_sorted_data(sorted, 1, n, 0.95);
	if (median_ci_sorted(sorted, n, STATS_LEVEL, &s.median_ci) < 0) {
		/* Too few values is a normal state here, not an error. */
		error_clear();
		s.median_ci.estimate = s.median;
		s.median_ci.lo = s.median_ci.hi = NAN;
	}
	s.mean_ci.estimate = s.mean;
	s.mean_ci.lo = s.mean_ci.hi = NAN;
	if (n > 1) {
		double half = t_quantile((1.0 + STATS_LEVEL) / 2.0, (double)(n - 1)) *
			      s.stdev / sqrt((double)n);

		s.mean_ci.lo = s.mean - half;
		s.mean_ci.hi = s.mean + half;
	}

	/* Last: this reorders the copy. */
	for (i = 0; i < n; i++)
		sorted[i] = fabs(sorted[i] - s.median);
	s.mad = median_inplace(sorted, n);
	s.cv = s.mean != 0 ? s.stdev / s.mean : 0.0;

	/* The scaled MAD estimates the standard deviation of normal data. */
	cut = s.mad > 0 ? STATS_OUTLIER_Z * s.mad / gsl_cdf_ugaussian_Pinv(0.75) : 0.0;
	s.outliers = 0;
	for (i = 0; i < n; i++)
		if (fabs(x[i] - s.median) > cut)
			s.outliers++;

	free(sorted);
	*out = s;
	return 0;
}

double stats_median(const double *x, size_t n)
{
	double stack[STACK_VALUES], *copy = stack, m;

	if (check_values(NULL, x, n))
		return NAN;
	if (n > STACK_VALUES) {
		copy = alloc_doubles(n);
		if (!copy) {
			error_set("out of memory for %zu samples", n);
			return NAN;
		}
	}
	memcpy(copy, x, n * sizeof(*x));
	m = median_inplace(copy, n);
	if (copy != stack)
		free(copy);
	return m;
}

/*
 * P(U <= kmax) under the null hypothesis for samples of sizes m and n
 * without ties, by counting: f(j, l, k) is the number of orderings of j
 * values of one sample and l of the other in which U = k.  Only the
 * counts for k <= kmax are ever needed, so the table is f(0..m, l, 0..kmax)
 * for the current l, updated in place as l grows.  Everything is a sum of
 * non-negative terms, so doubles lose no accuracy to cancellation even
 * once the counts outgrow 2^53.
 */
static int mwu_exact_cdf(size_t m, size_t n, size_t kmax, double *cdf)
{
	size_t width = kmax + 1, j, l, k;
	double *f, total, sum;

	if (m + 1 > SIZE_MAX / sizeof(double) / width)
		return error_set("Mann-Whitney table too large (%zu x %zu)",
				 m + 1, width);
	f = calloc((m + 1) * width, sizeof(*f));
	if (!f)
		return error_set("out of memory for Mann-Whitney table (%zu x %zu)",
				 m + 1, width);
	/* f(j, 0, k) = [k == 0]: all of one sample and nothing else. */
	for (j = 0; j <= m; j++)
		f[j * width] = 1.0;

	/*
	 * f(j, l, k) = f(j - 1, l, k - l) + f(j, l - 1, k).  Row j - 1 already
	 * holds l when row j, still holding l - 1, is updated.  For l > kmax
	 * the first term is out of range, so later columns change nothing.
	 */
	for (l = 1; l <= n && l <= kmax; l++) {
		for (j = 1; j <= m; j++) {
			double *row = f + j * width;
			const double *prev = row - width;

			for (k = l; k <= kmax; k++)
				row[k] += prev[k - l];
		}
	}

	sum = 0.0;
	for (k = 0; k <= kmax; k++)
		sum += f[m * width + k];
	free(f);

	/*
	 * C(m + n, m) as a product whose partial results are all binomial
	 * coefficients, hence exact integers while they fit in 53 bits.
	 */
	total = 1.0;
	for (j = 1; j <= m; j++)
		total = total * (double)(n + j) / (double)j;

	*cdf = sum / total;
	return 0;
}

int stats_mann_whitney(const double *a, size_t na, const double *b, size_t nb,
		       double *u, double *p)
{
	double *sa = NULL, *sb = NULL;
	double r1 = 0.0, tie_term = 0.0, u1, u2, pv;
	size_t i = 0, j = 0, rank = 0;
	int ties = 0, ret = -1;

	if (check_values("first", a, na) || check_values("second", b, nb))
		return -1;
	if (sorted_copies(a, na, b, nb, &sa, &sb) < 0)
		goto out;

	/*
	 * Walk both sorted samples as one pooled sample, a group of equal
	 * values at a time: the group occupies ranks rank+1 .. rank+t and each
	 * member gets their mean.  Ranks are multiples of 0.5, so r1 is exact.
	 */
	while (i < na || j < nb) {
		double v = (j == nb || (i < na && sa[i] <= sb[j])) ? sa[i] : sb[j];
		size_t ca = 0, cb = 0, t;

		while (i < na && sa[i] == v)
			i++, ca++;
		while (j < nb && sb[j] == v)
			j++, cb++;
		t = ca + cb;
		r1 += (double)ca * ((double)rank + ((double)t + 1.0) / 2.0);
		if (t > 1) {
			double dt = (double)t;

			ties = 1;
			tie_term += dt * dt * dt - dt;
		}
		rank += t;
	}
	u1 = r1 - (double)na * ((double)na + 1.0) / 2.0;
	u2 = (double)na * (double)nb - u1;

	/* scipy 1.10 _mwu_choose_method(): asymptotic if both > 8 or ties. */
	if ((na <= 8 || nb <= 8) && !ties) {
		size_t m = na < nb ? na : nb, n = na < nb ? nb : na;
		double cdf = 1.0;

		/* Without ties U1 and U2 are integers. */
		if (mwu_exact_cdf(m, n, (size_t)fmin(u1, u2), &cdf))
			goto out;
		pv = 2.0 * cdf;
	} else {
		double dn = (double)na + (double)nb;
		double var = (double)na * (double)nb / 12.0 *
			     ((dn + 1.0) - tie_term / (dn * (dn - 1.0)));
		/* The continuity correction pulls max(U1, U2) towards the mean. */
		double num = fmax(u1, u2) - (double)na * (double)nb / 2.0 - 0.5;

		/*
		 * var == 0 only when every value is tied; then U1 = U2, num is
		 * negative and scipy's norm.sf(-inf) gives p = 1 after clipping.
		 */
		if (var > 0)
			pv = 2.0 * gsl_cdf_ugaussian_Q(num / sqrt(var));
		else
			pv = num > 0 ? 0.0 : 1.0;
	}
	if (pv > 1.0)
		pv = 1.0;
	if (pv < 0.0)
		pv = 0.0;
	*u = u1;
	*p = pv;
	ret = 0;
out:
	free(sa);
	free(sb);
	return ret;
}

/* Checks shared by both bootstrap functions. */
static int check_bootstrap(const gsl_rng *rng, unsigned resamples, double level)
{
	if (!rng)
		return error_set("bootstrap needs a random number generator");
	if (!resamples)
		return error_set("bootstrap needs at least one resample");
	if (!(level > 0.0 && level < 1.0))
		return error_set("confidence level %g is not between 0 and 1", level);
	return 0;
}

/* gsl_rng_uniform_int() calls the GSL error handler (abort) past this. */
static int check_rng_range(const gsl_rng *rng, const char *set, size_t n)
{
	unsigned long range = gsl_rng_max(rng) - gsl_rng_min(rng);

	if (n > range)
		return error_set("%s has %zu samples, more than generator %s "
				 "can index (%lu)", set, n, gsl_rng_name(rng), range);
	return 0;
}

/* Median of n draws with replacement from x, using buf[0..n-1]. */
static double resample_median(gsl_rng *rng, const double *x, size_t n, double *buf)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf[i] = x[gsl_rng_uniform_int(rng, n)];
	return median_inplace(buf, n);
}

/* Percentile interval: sorts stat[0..r-1]. */
static void percentile_interval(double *stat, size_t r, double level,
				struct stats_interval *out)
{
	gsl_sort(stat, 1, r);
	out->lo = gsl_stats_quantile_from_sorted_data(stat, 1, r, (1.0 - level) / 2.0);
	out->hi = gsl_stats_quantile_from_sorted_data(stat, 1, r, (1.0 + level) / 2.0);
}

int stats_ratio_ci(const double *base, size_t nb, const double *variant, size_t nv,
		   gsl_rng *rng, unsigned resamples, double level,
		   struct stats_interval *out)
{
	double *bufb = NULL, *bufv = NULL, *ratios = NULL;
	struct stats_interval iv;
	unsigned r;
	int ret = -1;

	if (check_values("base", base, nb) || check_values("variant", variant, nv) ||
	    check_positive("base", base, nb) ||
	    check_bootstrap(rng, resamples, level) ||
	    check_rng_range(rng, "base", nb) || check_rng_range(rng, "variant", nv))
		return -1;

	bufb = alloc_doubles(nb);
	bufv = alloc_doubles(nv);
	ratios = alloc_doubles(resamples);
	if (!bufb || !bufv || !ratios) {
		error_set("out of memory for bootstrap (%zu + %zu samples, %u resamples)",
			  nb, nv, resamples);
		goto out;
	}

	memcpy(bufb, base, nb * sizeof(*base));
	memcpy(bufv, variant, nv * sizeof(*variant));
	iv.estimate = median_inplace(bufv, nv) / median_inplace(bufb, nb);

	for (r = 0; r < resamples; r++) {
		double mb = resample_median(rng, base, nb, bufb);
		double mv = resample_median(rng, variant, nv, bufv);

		ratios[r] = mv / mb;
	}
	percentile_interval(ratios, resamples, level, &iv);
	*out = iv;
	ret = 0;
out:
	free(bufb);
	free(bufv);
	free(ratios);
	return ret;
}

/* Validate workload i of a geometric mean; error messages name it. */
static int check_workload(size_t i, const double *base, size_t nb,
			  const double *variant, size_t nv, const gsl_rng *rng)
{
	if (check_values("base", base, nb) || check_values("variant", variant, nv) ||
	    check_positive("base", base, nb) || check_positive("variant", variant, nv) ||
	    check_rng_range(rng, "base", nb) || check_rng_range(rng, "variant", nv))
		return error_prefix("workload %zu", i);
	return 0;
}

/*
 * Median of x and the standard error of its log, from the order-statistic
 * interval at level: the interval's half-width on a log scale over z.
 */
static int log_median_se(const char *set, const double *x, size_t n, double level,
			 double *median, double *se)
{
	struct stats_interval iv;
	double *sorted;
	int ret;

	if (check_values(set, x, n) || check_positive(set, x, n))
		return -1;
	sorted = alloc_doubles(n);
	if (!sorted)
		return error_set("out of memory for %zu samples", n);
	memcpy(sorted, x, n * sizeof(*x));
	sort_values(sorted, n);
	ret = median_ci_sorted(sorted, n, level, &iv);
	free(sorted);
	if (ret < 0)
		return error_prefix("%s", set);
	*median = iv.estimate;
	*se = (log(iv.hi) - log(iv.lo)) / (2.0 * gsl_cdf_ugaussian_Pinv((1.0 + level) / 2.0));
	return 0;
}

int stats_ratio_ci_os(const double *base, size_t nb, const double *variant, size_t nv,
		      double level, struct stats_interval *out)
{
	double mb, mv, seb, sev, z, half;

	if (!(level > 0.0 && level < 1.0))
		return error_set("confidence level %g is not between 0 and 1", level);
	if (log_median_se("base", base, nb, level, &mb, &seb) ||
	    log_median_se("variant", variant, nv, level, &mv, &sev))
		return -1;
	z = gsl_cdf_ugaussian_Pinv((1.0 + level) / 2.0);
	half = z * sqrt(seb * seb + sev * sev);
	out->estimate = mv / mb;
	out->lo = out->estimate * exp(-half);
	out->hi = out->estimate * exp(half);
	return 0;
}

int stats_geomean_ci(size_t k, const double *const base[], const size_t nb[],
		     const double *const variant[], const size_t nv[],
		     gsl_rng *rng, unsigned resamples, double level,
		     struct stats_interval *out)
{
	return stats_geomean_ci_limit(k, base, nb, variant, nv, rng, resamples, level, SIZE_MAX, out);
}

int stats_geomean_ci_limit(size_t k, const double *const base[], const size_t nb[],
			   const double *const variant[], const size_t nv[],
			   gsl_rng *rng, unsigned resamples, double level, size_t limit,
			   struct stats_interval *out)
{
	double *bufb = NULL, *bufv = NULL, *geo = NULL, *lr = NULL, *se = NULL, logsum;
	size_t maxb = 0, maxv = 0, i;
	struct stats_interval iv;
	unsigned r;
	int ret = -1;

	if (!k)
		return error_set("geometric mean needs at least one workload");
	if (!base || !nb || !variant || !nv)
		return error_set("geometric mean: workload arrays missing");
	if (check_bootstrap(rng, resamples, level))
		return -1;
	lr = alloc_doubles(k);
	se = alloc_doubles(k);
	if (!lr || !se) {
		error_set("out of memory for %zu workloads", k);
		goto out;
	}
	for (i = 0; i < k; i++) {
		double mb, mv;

		if (check_workload(i, base[i], nb[i], variant[i], nv[i], rng))
			goto out;
		/* se[i] < 0 marks a workload that is resampled. */
		se[i] = -1.0;
		if (nb[i] > limit || nv[i] > limit - nb[i]) {
			if (log_median_se("base", base[i], nb[i], level, &mb, &se[i]) ||
			    log_median_se("variant", variant[i], nv[i], level, &mv, &lr[i])) {
				error_prefix("workload %zu", i);
				goto out;
			}
			se[i] = sqrt(se[i] * se[i] + lr[i] * lr[i]);
			lr[i] = log(mv / mb);
			continue;
		}
		if (nb[i] > maxb)
			maxb = nb[i];
		if (nv[i] > maxv)
			maxv = nv[i];
	}

	bufb = alloc_doubles(maxb);
	bufv = alloc_doubles(maxv);
	geo = alloc_doubles(resamples);
	if (!bufb || !bufv || !geo) {
		error_set("out of memory for bootstrap (%zu workloads, %u resamples)",
			  k, resamples);
		goto out;
	}

	/* Averaging logs keeps a product of many ratios from overflowing. */
	logsum = 0.0;
	for (i = 0; i < k; i++) {
		if (se[i] >= 0) {
			logsum += lr[i];
			continue;
		}
		memcpy(bufb, base[i], nb[i] * sizeof(*bufb));
		memcpy(bufv, variant[i], nv[i] * sizeof(*bufv));
		logsum += log(median_inplace(bufv, nv[i]) / median_inplace(bufb, nb[i]));
	}
	iv.estimate = exp(logsum / (double)k);

	for (r = 0; r < resamples; r++) {
		logsum = 0.0;
		for (i = 0; i < k; i++) {
			double mb, mv;

			if (se[i] >= 0) {
				logsum += lr[i] + gsl_ran_gaussian(rng, se[i]);
				continue;
			}
			mb = resample_median(rng, base[i], nb[i], bufb);
			mv = resample_median(rng, variant[i], nv[i], bufv);
			logsum += log(mv / mb);
		}
		geo[r] = exp(logsum / (double)k);
	}
	percentile_interval(geo, resamples, level, &iv);
	*out = iv;
	ret = 0;
out:
	free(bufb);
	free(bufv);
	free(geo);
	free(lr);
	free(se);
	return ret;
}

int stats_median_ci(const double *x, size_t n, double level, struct stats_interval *out)
{
	double *sorted;
	int ret;

	if (check_values(NULL, x, n))
		return -1;
	sorted = alloc_doubles(n);
	if (!sorted)
		return error_set("out of memory for %zu samples", n);
	memcpy(sorted, x, n * sizeof(*x));
	sort_values(sorted, n);
	ret = median_ci_sorted(sorted, n, level, out);
	free(sorted);
	return ret;
}

int stats_welch(const double *a, size_t na, const double *b, size_t nb, struct stats_welch *out)
{
	double ma, mb, va, vb, qa, qb, se2;
	struct stats_welch w;

	if (check_values("first", a, na) || check_values("second", b, nb))
		return -1;
	if (na < 2 || nb < 2)
		return error_set("Welch's t-test needs at least 2 samples on each side (has %zu and %zu)",
				 na, nb);
	ma = gsl_stats_mean(a, 1, na);
	mb = gsl_stats_mean(b, 1, nb);
	va = gsl_stats_variance_m(a, 1, na, ma);
	vb = gsl_stats_variance_m(b, 1, nb, mb);
	qa = va / (double)na;
	qb = vb / (double)nb;
	se2 = qa + qb;
	if (se2 == 0) {
		w.df = (double)(na + nb - 2);
		w.t = ma == mb ? 0.0 : ma > mb ? INFINITY : -INFINITY;
		w.p = ma == mb ? 1.0 : 0.0;
	} else {
		w.t = (ma - mb) / sqrt(se2);
		w.df = se2 * se2 / (qa * qa / (double)(na - 1) + qb * qb / (double)(nb - 1));
		w.p = fmin(1.0, 2.0 * gsl_cdf_tdist_Q(fabs(w.t), w.df));
	}
	*out = w;
	return 0;
}

/* A key whose unsigned order is the numeric order of finite doubles. */
static uint64_t order_key(double d)
{
	uint64_t u;

	memcpy(&u, &d, sizeof(u));
	return u >> 63 ? ~u : u | (UINT64_C(1) << 63);
}

static double from_order_key(uint64_t u)
{
	double d;

	u = u >> 63 ? u & ~(UINT64_C(1) << 63) : ~u;
	memcpy(&d, &u, sizeof(d));
	return d;
}

/*
 * How many differences b[j] - a[i] (both sorted ascending) are <= v.
 * Rounding is monotone, so the computed differences fall with i and rise
 * with j just as the exact ones do, and one staircase walk counts them.
 */
static uint64_t count_diffs_le(const double *a, size_t na, const double *b, size_t nb, double v)
{
	uint64_t count = 0;
	size_t i = 0, j;

	for (j = 0; j < nb; j++) {
		while (i < na && b[j] - a[i] > v)
			i++;
		count += na - i;
	}
	return count;
}

/*
 * The k-th smallest (0-based) difference b[j] - a[i].  Bisection over the
 * keys narrows (lo, hi] around it, a counting pass each step; once few
 * differences are left inside, one more pass collects them and the answer
 * is selected among them.  Equal differences beyond that limit end with
 * adjacent keys instead.
 */
static double kth_diff(const double *a, size_t na, const double *b, size_t nb, uint64_t k)
{
	double first = b[0] - a[na - 1], *cand, vlo, vhi, d;
	uint64_t lo = order_key(first) - 1, hi = order_key(b[nb - 1] - a[0]);
	uint64_t below, upto = (uint64_t)na * (uint64_t)nb, limit = 4 * ((uint64_t)na + nb);
	size_t m = 0, ihi = 0, ilo = 0;

	/* lo is the double below the smallest difference; -0.0 below +0.0 still counts zeros. */
	below = count_diffs_le(a, na, b, nb, from_order_key(lo));
	if (below > k)
		return first;
	/* Invariant: count(lo) = below <= k < upto = count(hi). */
	while (hi - lo > 1 && upto - below > limit) {
		uint64_t mid = lo + (hi - lo) / 2, c = count_diffs_le(a, na, b, nb, from_order_key(mid));

		if (c > k)
			hi = mid, upto = c;
		else
			lo = mid, below = c;
	}
	if (hi - lo <= 1)
		return from_order_key(hi);
	cand = alloc_doubles((size_t)(upto - below));
	if (cand) {
		vlo = from_order_key(lo);
		vhi = from_order_key(hi);
		/* For each j the i with vlo < b[j] - a[i] <= vhi form one run, moving right as j grows. */
		for (size_t j = 0; j < nb; j++) {
			while (ihi < na && b[j] - a[ihi] > vhi)
				ihi++;
			while (ilo < na && b[j] - a[ilo] > vlo)
				ilo++;
			for (size_t i = ihi; i < ilo && m < upto - below; i++)
				cand[m++] = b[j] - a[i];
		}
		/* The same comparisons made the counts, so m == upto - below. */
		if (m == upto - below) {
			d = gsl_stats_select(cand, 1, m, (size_t)(k - below));
			free(cand);
			return d;
		}
		free(cand);
	}
	/* No room to collect (or a count that disagrees): finish by bisection alone. */
	while (hi - lo > 1) {
		uint64_t mid = lo + (hi - lo) / 2;

		if (count_diffs_le(a, na, b, nb, from_order_key(mid)) > k)
			hi = mid;
		else
			lo = mid;
	}
	return from_order_key(hi);
}

int stats_hodges_lehmann(const double *base, size_t nb, const double *variant, size_t nv,
			 double *shift)
{
	double *sb = NULL, *sv = NULL;
	uint64_t total;
	int ret = -1;

	if (check_values("base", base, nb) || check_values("variant", variant, nv))
		return -1;
	if ((uint64_t)nb > UINT64_MAX / (uint64_t)nv)
		return error_set("%zu x %zu differences are too many", nb, nv);
	total = (uint64_t)nb * (uint64_t)nv;
	if (sorted_copies(base, nb, variant, nv, &sb, &sv) < 0)
		goto out;
	if (total % 2)
		*shift = kth_diff(sb, nb, sv, nv, total / 2);
	else
		*shift = (kth_diff(sb, nb, sv, nv, total / 2 - 1) +
			  kth_diff(sb, nb, sv, nv, total / 2)) / 2.0;
	ret = 0;
out:
	free(sb);
	free(sv);
	return ret;
}

struct holm_item {
	double p;
	size_t index;
};

static int cmp_holm(const void *x, const void *y)
{
	const struct holm_item *a = x, *b = y;

	if (a->p != b->p)
		return a->p < b->p ? -1 : 1;
	return (a->index > b->index) - (a->index < b->index);
}

int stats_holm(const double *p, size_t k, double *adjusted)
{
	struct holm_item *items;
	double running = 0.0;
	size_t m = 0, i;

	for (i = 0; i < k; i++) {
		if (isnan(p[i]))
			continue;
		if (!(p[i] >= 0.0 && p[i] <= 1.0))
			return error_set("p-value %zu is %g, not between 0 and 1", i, p[i]);
		m++;
	}
	items = calloc(m ? m : 1, sizeof(*items));
	if (!items)
		return error_set("out of memory for %zu p-values", k);
	for (i = 0, m = 0; i < k; i++)
		if (!isnan(p[i]))
			items[m].p = p[i], items[m].index = i, m++;
	qsort(items, m, sizeof(*items), cmp_holm);
	/* NaN entries first: adjusted may alias p, whose other entries are read above. */
	for (i = 0; i < k; i++)
		if (isnan(p[i]))
			adjusted[i] = NAN;
	for (i = 0; i < m; i++) {
		double a = fmin(1.0, (double)(m - i) * items[i].p);

		running = fmax(running, a);
		adjusted[items[i].index] = running;
	}
	free(items);
	return 0;
}

int stats_samples_needed(double cv, double change, double alpha, double power,
			 unsigned long *n)
{
	double z, need;

	if (!(cv >= 0.0) || isinf(cv))
		return error_set("coefficient of variation %g is not a finite value >= 0", cv);
	if (!(change > 0.0) || isinf(change))
		return error_set("change %g is not a finite value > 0", change);
	if (!(alpha > 0.0 && alpha < 1.0) || !(power > 0.0 && power < 1.0))
		return error_set("alpha %g and power %g must be between 0 and 1", alpha, power);
	z = gsl_cdf_ugaussian_Pinv(1.0 - alpha / 2.0) + gsl_cdf_ugaussian_Pinv(power);
	need = ceil(M_PI / 3.0 * 2.0 * z * z * (cv / change) * (cv / change));
	if (need < 2.0)
		need = 2.0;
	*n = need >= (double)ULONG_MAX ? ULONG_MAX : (unsigned long)need;
	return 0;
}
