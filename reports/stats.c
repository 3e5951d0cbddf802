#include "stats.h"
#include "error.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort_double.h>
#include <gsl/gsl_statistics_double.h>
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

/* Median of x, reordering x (quickselect: O(n) expected, no full sort). */
static double median_inplace(double *x, size_t n)
{
	return gsl_stats_median(x, 1, n);
}

int stats_summarize(const double *x, size_t n, struct stats_summary *out)
{
	struct stats_summary s;
	double *sorted;
	size_t i;

	if (check_values(NULL, x, n))
		return -1;
	sorted = alloc_doubles(n);
	if (!sorted)
		return error_set("out of memory for %zu samples", n);
	memcpy(sorted, x, n * sizeof(*x));
	gsl_sort(sorted, 1, n);

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
	for (i = 0; i < n; i++)
		sorted[i] = fabs(sorted[i] - s.median);
	s.mad = median_inplace(sorted, n);
	s.cv = s.mean != 0 ? s.stdev / s.mean : 0.0;

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
	sa = alloc_doubles(na);
	sb = alloc_doubles(nb);
	if (!sa || !sb) {
		error_set("out of memory for %zu + %zu samples", na, nb);
		goto out;
	}
	memcpy(sa, a, na * sizeof(*a));
	memcpy(sb, b, nb * sizeof(*b));
	gsl_sort(sa, 1, na);
	gsl_sort(sb, 1, nb);

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

int stats_geomean_ci(size_t k, const double *const base[], const size_t nb[],
		     const double *const variant[], const size_t nv[],
		     gsl_rng *rng, unsigned resamples, double level,
		     struct stats_interval *out)
{
	double *bufb = NULL, *bufv = NULL, *geo = NULL, logsum;
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
	for (i = 0; i < k; i++) {
		if (check_workload(i, base[i], nb[i], variant[i], nv[i], rng))
			return -1;
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
		memcpy(bufb, base[i], nb[i] * sizeof(*bufb));
		memcpy(bufv, variant[i], nv[i] * sizeof(*bufv));
		logsum += log(median_inplace(bufv, nv[i]) / median_inplace(bufb, nb[i]));
	}
	iv.estimate = exp(logsum / (double)k);

	for (r = 0; r < resamples; r++) {
		logsum = 0.0;
		for (i = 0; i < k; i++) {
			double mb = resample_median(rng, base[i], nb[i], bufb);
			double mv = resample_median(rng, variant[i], nv[i], bufv);

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
	return ret;
}
