/*
 * Tests for reports/stats.c that need no reference implementation: input
 * checks and error messages, bootstrap determinism and draw order, the
 * order-statistic shortcuts against the bootstrap, and cross-checks
 * against brute force.  Values against SciPy are in test_stats_reference.c,
 * which recomputes them with tests/stats_reference.py on every run.
 */

#include "error.h"
#include "stats.h"
#include "test.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Same arithmetic as golden() in stats_reference.py, so bit-identical. */
static void golden(double *out, int start, int count, double scale,
		   double offset, int round1)
{
	int i;

	for (i = 0; i < count; i++) {
		double v = offset + scale * fmod((double)(start + i) * 0.61803398874989485, 1.0);

		out[i] = round1 ? floor(v * 10.0 + 0.5) / 10.0 : v;
	}
}

/* error_message() falls back to "unknown error" when nothing was set. */
static int failed_with_message(int ret)
{
	const char *msg = error_message();

	return ret == -1 && msg[0] && strcmp(msg, "unknown error") != 0;
}

static void test_summarize(void)
{
	static const double ties[] = { 12.1, 11.8, 12.1, 13.0, 11.9, 12.4, 12.1, 14.2, 11.7, 12.0 };
	static const double one[] = { 3.5 };
	static const double flat[] = { 7.25, 7.25, 7.25, 7.25, 7.25, 7.25, 7.25 };
	static const double outliers[] = { 1.0, 1.1, 0.9, 1.05, 0.95, 1.02, 250.0, 0.98, 1000.0 };
	struct stats_summary s;
	double bad[] = { 1.0, 2.0, 3.0, NAN, 5.0 };

	/* Exactly zero, not merely tiny, for constant data; the intervals are the point. */
	CHECK(stats_summarize(flat, ARRAY_SIZE(flat), &s) == 0);
	CHECK(s.stdev == 0.0 && s.mad == 0.0 && s.cv == 0.0 && s.outliers == 0);
	CHECK(s.mean_ci.lo == 7.25 && s.mean_ci.hi == 7.25);
	CHECK(s.median_ci.lo == 7.25 && s.median_ci.hi == 7.25);

	/* n = 1: no interval, but no failure either. */
	CHECK(stats_summarize(one, 1, &s) == 0);
	CHECK(s.n == 1 && s.median == 3.5 && isnan(s.mean_ci.lo) && isnan(s.median_ci.hi));

	/* Outliers are counted, never dropped: the mean still has them. */
	CHECK(stats_summarize(outliers, ARRAY_SIZE(outliers), &s) == 0);
	CHECK(s.outliers == 2 && s.n == ARRAY_SIZE(outliers) && s.max == 1000.0 && s.mean > 100);

	/* The input stays in the caller's order. */
	CHECK(stats_summarize(ties, ARRAY_SIZE(ties), &s) == 0);
	CHECK(ties[0] == 12.1 && ties[7] == 14.2 && ties[9] == 12.0);

	error_clear();
	CHECK(failed_with_message(stats_summarize(bad, ARRAY_SIZE(bad), &s)));
	CHECK_STR(error_message(), "sample 3 is NaN");
	bad[3] = INFINITY;
	error_clear();
	CHECK(failed_with_message(stats_summarize(bad, ARRAY_SIZE(bad), &s)));
	CHECK_STR(error_message(), "sample 3 is +inf");
	bad[3] = 4.0;
	bad[0] = -INFINITY;
	error_clear();
	CHECK(failed_with_message(stats_summarize(bad, ARRAY_SIZE(bad), &s)));
	CHECK_STR(error_message(), "sample 0 is -inf");
	error_clear();
	CHECK(failed_with_message(stats_summarize(one, 0, &s)));
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return (a > b) - (a < b);
}

/* Median by full sort: deliberately not the selection code under test. */
static double naive_median(double *x, size_t n)
{
	qsort(x, n, sizeof(*x), cmp_double);
	return n % 2 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2.0;
}

static void test_median(void)
{
	double even[] = { 4.0, 1.0, 3.0, 2.0 };
	const double odd[] = { 9.0, -1.0, 3.5 };
	const double nan1[] = { 1.0, NAN };
	double *big = malloc(1000 * sizeof(*big)), *copy = malloc(1000 * sizeof(*copy));

	CHECK(stats_median(even, 4) == 2.5);
	CHECK(even[0] == 4.0 && even[1] == 1.0 && even[2] == 3.0 && even[3] == 2.0);
	CHECK(stats_median(odd, 3) == 3.5);
	CHECK(stats_median(odd, 1) == 9.0);
	CHECK(big && copy);
	if (big && copy) {
		/* larger than the on-stack copy */
		golden(big, 1, 1000, 1.0, 0.0, 0);
		memcpy(copy, big, 1000 * sizeof(*big));
		CHECK(stats_median(big, 1000) == naive_median(copy, 1000));
	}
	free(big);
	free(copy);

	error_clear();
	CHECK(isnan(stats_median(odd, 0)));
	CHECK(failed_with_message(-1));
	error_clear();
	CHECK(isnan(stats_median(nan1, 2)));
	CHECK(failed_with_message(-1));
}

/* (Values against SciPy: test_stats_reference.c.)  Symmetry and input checks. */
static void test_mann_whitney(void)
{
	static const double males[] = { 19, 22, 16, 29, 24 }, females[] = { 20, 11, 17, 12 };
	const double bad[] = { 1.0, NAN };
	const double binf[] = { INFINITY, 2.0 };
	double u = 0, p = 0, u2 = 0, p2 = 0;

	/* U of the swapped test is na * nb - U; p is symmetric. */
	CHECK(stats_mann_whitney(males, 5, females, 4, &u, &p) == 0);
	CHECK(stats_mann_whitney(females, 4, males, 5, &u2, &p2) == 0);
	CHECK(u + u2 == 20);
	CHECK(p == p2);

	error_clear();
	CHECK(failed_with_message(stats_mann_whitney(bad, 2, males, 5, &u, &p)));
	CHECK_STR(error_message(), "first sample 1 is NaN");
	error_clear();
	CHECK(failed_with_message(stats_mann_whitney(males, 5, binf, 2, &u, &p)));
	CHECK_STR(error_message(), "second sample 0 is +inf");
	error_clear();
	CHECK(failed_with_message(stats_mann_whitney(males, 0, females, 4, &u, &p)));
	error_clear();
	CHECK(failed_with_message(stats_mann_whitney(males, 5, females, 0, &u, &p)));
}

static gsl_rng *seeded(unsigned long seed)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);

	if (!rng) {
		fprintf(stderr, "cannot allocate gsl_rng\n");
		exit(1);
	}
	gsl_rng_set(rng, seed);
	return rng;
}

static void normal_sample(double *x, size_t n, double mean, double sd, unsigned long seed)
{
	gsl_rng *rng = seeded(seed);
	size_t i;

	for (i = 0; i < n; i++)
		x[i] = mean + gsl_ran_gaussian(rng, sd);
	gsl_rng_free(rng);
}


/* numpy's default (linear) quantile of sorted x. */
static double naive_quantile(const double *x, size_t n, double f)
{
	double h = (double)(n - 1) * f, lo = floor(h);
	size_t i = (size_t)lo;

	return i + 1 < n ? x[i] + (h - lo) * (x[i + 1] - x[i]) : x[i];
}

/*
 * The documented bootstrap, written out plainly: per round and per
 * workload, nb[i] draws from base[i], then nv[i] draws from variant[i].
 */
static void naive_geomean_ci(size_t k, const double *const base[], const size_t nb[],
			     const double *const variant[], const size_t nv[],
			     gsl_rng *rng, unsigned resamples, double level,
			     double *lo, double *hi)
{
	double *stat = malloc(resamples * sizeof(*stat)), *buf;
	size_t i, j, most = 1;
	unsigned r;

	for (i = 0; i < k; i++) {
		if (nb[i] > most)
			most = nb[i];
		if (nv[i] > most)
			most = nv[i];
	}
	buf = malloc(most * sizeof(*buf));
	if (!stat || !buf) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}

	for (r = 0; r < resamples; r++) {
		double logsum = 0.0;

		for (i = 0; i < k; i++) {
			double mb, mv;

			for (j = 0; j < nb[i]; j++)
				buf[j] = base[i][gsl_rng_uniform_int(rng, nb[i])];
			mb = naive_median(buf, nb[i]);
			for (j = 0; j < nv[i]; j++)
				buf[j] = variant[i][gsl_rng_uniform_int(rng, nv[i])];
			mv = naive_median(buf, nv[i]);
			logsum += k == 1 ? mv / mb : log(mv / mb);
		}
		stat[r] = k == 1 ? logsum : exp(logsum / (double)k);
	}
	qsort(stat, resamples, sizeof(*stat), cmp_double);
	*lo = naive_quantile(stat, resamples, (1.0 - level) / 2.0);
	*hi = naive_quantile(stat, resamples, (1.0 + level) / 2.0);
	free(stat);
	free(buf);
}

static int same_interval(const struct stats_interval *x, const struct stats_interval *y)
{
	return x->estimate == y->estimate && x->lo == y->lo && x->hi == y->hi;
}

static void test_ratio_ci(void)
{
	double base[100], variant[100], flat[20], zeros[5] = { 0.0, 1.0, 2.0, 3.0, 4.0 };
	const double b1[] = { 2.0 }, v1[] = { 3.0 }, nanv[] = { 1.0, 2.0, NAN };
	struct stats_interval iv, iv2, iv3;
	gsl_rng *r1, *r2, *r3;
	size_t i;

	normal_sample(base, 100, 100.0, 1.0, 1);
	normal_sample(variant, 100, 90.0, 1.0, 2);

	r1 = seeded(42);
	r2 = seeded(42);
	r3 = seeded(43);
	CHECK(stats_ratio_ci(base, 100, variant, 100, r1, 2000, 0.95, &iv) == 0);
	CHECK(stats_ratio_ci(base, 100, variant, 100, r2, 2000, 0.95, &iv2) == 0);
	CHECK(stats_ratio_ci(base, 100, variant, 100, r3, 2000, 0.95, &iv3) == 0);
	/* the point estimate is the plain ratio of medians */
	CHECK(iv.estimate == stats_median(variant, 100) / stats_median(base, 100));
	CHECK(iv.lo <= iv.estimate && iv.estimate <= iv.hi);
	CHECK(iv.lo < iv.hi);
	/* a 10% slowdown is clearly not "no change"... */
	CHECK(iv.hi < 1.0);
	/* ...and lands around 0.9, with an interval of sensible width */
	CHECK(fabs(iv.estimate - 0.9) < 0.005);
	CHECK(iv.lo < 0.9 && 0.9 < iv.hi);
	CHECK(iv.hi - iv.lo < 0.02);
	/* deterministic for a given seed, and the seed does matter */
	CHECK(same_interval(&iv, &iv2));
	CHECK(iv3.estimate == iv.estimate);
	CHECK(iv3.lo != iv.lo || iv3.hi != iv.hi);
	/* a narrower level gives a nested interval on the same draws */
	gsl_rng_set(r2, 42);
	CHECK(stats_ratio_ci(base, 100, variant, 100, r2, 2000, 0.5, &iv2) == 0);
	CHECK(iv.lo <= iv2.lo && iv2.hi <= iv.hi);

	/* exactly the documented draws and quantiles, on a small case */
	{
		const double *pb[1] = { base }, *pv[1] = { variant };
		const size_t pnb[1] = { 15 }, pnv[1] = { 16 };
		double lo, hi;

		gsl_rng_set(r1, 5);
		gsl_rng_set(r2, 5);
		CHECK(stats_ratio_ci(base, 15, variant, 16, r1, 301, 0.8, &iv) == 0);
		naive_geomean_ci(1, pb, pnb, pv, pnv, r2, 301, 0.8, &lo, &hi);
		CHECK(iv.lo == lo && iv.hi == hi);
		/* and the generator was left in the same state */
		CHECK(gsl_rng_get(r1) == gsl_rng_get(r2));
	}

	/* identical constant samples: zero-width interval at exactly 1 */
	for (i = 0; i < ARRAY_SIZE(flat); i++)
		flat[i] = 5.0;
	CHECK(stats_ratio_ci(flat, 20, flat, 20, r1, 500, 0.95, &iv) == 0);
	CHECK(iv.estimate == 1.0 && iv.lo == 1.0 && iv.hi == 1.0);

	/* n = 1: every resample is the sample itself */
	CHECK(stats_ratio_ci(b1, 1, v1, 1, r1, 100, 0.95, &iv) == 0);
	CHECK(iv.estimate == 1.5 && iv.lo == 1.5 && iv.hi == 1.5);

	/* input and parameter errors */
	error_clear();
	CHECK(failed_with_message(stats_ratio_ci(zeros, 5, v1, 1, r1, 100, 0.95, &iv)));
	zeros[1] = zeros[2] = zeros[3] = -1.0;	/* median <= 0 */
	error_clear();
	CHECK(failed_with_message(stats_ratio_ci(zeros, 5, v1, 1, r1, 100, 0.95, &iv)));
	error_clear();
	CHECK(failed_with_message(stats_ratio_ci(b1, 1, nanv, 3, r1, 100, 0.95, &iv)));
	CHECK_STR(error_message(), "variant sample 2 is NaN");
	error_clear();
	CHECK(failed_with_message(stats_ratio_ci(b1, 0, v1, 1, r1, 100, 0.95, &iv)));
	error_clear();
	CHECK(failed_with_message(stats_ratio_ci(b1, 1, v1, 1, r1, 0, 0.95, &iv)));
	error_clear();
	CHECK(failed_with_message(stats_ratio_ci(b1, 1, v1, 1, r1, 100, 1.0, &iv)));
	error_clear();
	CHECK(failed_with_message(stats_ratio_ci(b1, 1, v1, 1, r1, 100, NAN, &iv)));
	error_clear();
	CHECK(failed_with_message(stats_ratio_ci(b1, 1, v1, 1, NULL, 100, 0.95, &iv)));

	gsl_rng_free(r1);
	gsl_rng_free(r2);
	gsl_rng_free(r3);
}

static void test_geomean_ci(void)
{
	double b0[100], v0[100], b1[60], v1[80], b2[30], v2[30];
	const double *base[3] = { b0, b1, b2 }, *variant[3] = { v0, v1, v2 };
	const size_t nb[3] = { 100, 60, 30 }, nv[3] = { 100, 80, 30 };
	const double two[] = { 2.0, 2.0, 2.0 }, four[] = { 4.0, 4.0 }, bad[] = { 1.0, INFINITY };
	const double *fb[2] = { two, four }, *fv[2] = { four, two };
	const size_t fnb[2] = { 3, 2 }, fnv[2] = { 2, 3 };
	struct stats_interval iv, iv2, one;
	double want, lo, hi;
	gsl_rng *r1, *r2;

	normal_sample(b0, 100, 100.0, 1.0, 10);
	normal_sample(v0, 100, 90.0, 1.0, 11);
	normal_sample(b1, 60, 50.0, 2.0, 12);
	normal_sample(v1, 80, 45.0, 2.0, 13);
	normal_sample(b2, 30, 10.0, 0.1, 14);
	normal_sample(v2, 30, 9.0, 0.1, 15);

	r1 = seeded(7);
	r2 = seeded(7);
	CHECK(stats_geomean_ci(3, base, nb, variant, nv, r1, 2000, 0.95, &iv) == 0);
	CHECK(stats_geomean_ci(3, base, nb, variant, nv, r2, 2000, 0.95, &iv2) == 0);
	want = cbrt(stats_median(v0, 100) / stats_median(b0, 100) *
		    stats_median(v1, 80) / stats_median(b1, 60) *
		    stats_median(v2, 30) / stats_median(b2, 30));
	CHECK_NEAR(iv.estimate, want, 1e-14);
	CHECK(iv.lo <= iv.estimate && iv.estimate <= iv.hi);
	CHECK(iv.hi < 1.0);
	CHECK(iv.lo < 0.9 && 0.9 < iv.hi);
	CHECK(same_interval(&iv, &iv2));

	/* exactly the documented draws and quantiles */
	gsl_rng_set(r1, 3);
	gsl_rng_set(r2, 3);
	CHECK(stats_geomean_ci(3, base, nb, variant, nv, r1, 500, 0.9, &iv2) == 0);
	naive_geomean_ci(3, base, nb, variant, nv, r2, 500, 0.9, &lo, &hi);
	CHECK_NEAR(iv2.lo, lo, 1e-15);
	CHECK_NEAR(iv2.hi, hi, 1e-15);

	/* one workload: the same draws as stats_ratio_ci, the same interval */
	gsl_rng_set(r1, 99);
	gsl_rng_set(r2, 99);
	CHECK(stats_geomean_ci(1, base, nb, variant, nv, r1, 1000, 0.9, &iv) == 0);
	CHECK(stats_ratio_ci(b0, 100, v0, 100, r2, 1000, 0.9, &one) == 0);
	CHECK_NEAR(iv.estimate, one.estimate, 1e-14);
	CHECK_NEAR(iv.lo, one.lo, 1e-14);
	CHECK_NEAR(iv.hi, one.hi, 1e-14);

	/* constant workloads whose ratios (2 and 1/2) cancel: exactly 1 */
	CHECK(stats_geomean_ci(2, fb, fnb, fv, fnv, r1, 500, 0.95, &iv) == 0);
	CHECK(iv.estimate == 1.0 && iv.lo == 1.0 && iv.hi == 1.0);

	/* errors name the workload */
	fv[1] = bad;
	error_clear();
	CHECK(failed_with_message(stats_geomean_ci(2, fb, fnb, fv, fnv, r1, 500, 0.95, &iv)));
	CHECK_STR(error_message(), "workload 1: variant sample 1 is +inf");
	error_clear();
	CHECK(failed_with_message(stats_geomean_ci(0, fb, fnb, fv, fnv, r1, 500, 0.95, &iv)));
	fv[1] = two;
	fb[0] = (const double[]){ 1.0, 0.0, 2.0 };
	error_clear();
	CHECK(failed_with_message(stats_geomean_ci(2, fb, fnb, fv, fnv, r1, 500, 0.95, &iv)));

	gsl_rng_free(r1);
	gsl_rng_free(r2);
}

static void test_new_input_checks(void)
{
	const double ok[] = { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0 }, one[] = { 1.0 };
	const double nan7[] = { 1.0, 2.0, NAN, 4.0, 5.0, 6.0, 7.0 };
	const double inf7[] = { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, -INFINITY };
	const double zero7[] = { 0.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0 };
	double p[3] = { 0.01, 1.5, 0.2 }, adj[3], shift;
	struct stats_interval iv;
	struct stats_welch w;
	unsigned long n;

	error_clear();
	CHECK(failed_with_message(stats_welch(one, 1, ok, 7, &w)));
	error_clear();
	CHECK(failed_with_message(stats_welch(nan7, 7, ok, 7, &w)));
	CHECK_STR(error_message(), "first sample 2 is NaN");
	error_clear();
	CHECK(failed_with_message(stats_hodges_lehmann(ok, 7, inf7, 7, &shift)));
	CHECK_STR(error_message(), "variant sample 6 is -inf");
	error_clear();
	CHECK(failed_with_message(stats_hodges_lehmann(ok, 0, ok, 7, &shift)));
	error_clear();
	CHECK(failed_with_message(stats_holm(p, 3, adj)));
	CHECK_STR(error_message(), "p-value 1 is 1.5, not between 0 and 1");
	error_clear();
	CHECK(failed_with_message(stats_median_ci(ok, 5, 0.95, &iv)));
	error_clear();
	CHECK(failed_with_message(stats_median_ci(ok, 7, 1.0, &iv)));
	error_clear();
	CHECK(failed_with_message(stats_median_ci(nan7, 7, 0.95, &iv)));
	CHECK_STR(error_message(), "sample 2 is NaN");
	error_clear();
	CHECK(failed_with_message(stats_ratio_ci_os(zero7, 7, ok, 7, 0.95, &iv)));
	error_clear();
	CHECK(failed_with_message(stats_ratio_ci_os(ok, 7, inf7, 7, 0.95, &iv)));
	error_clear();
	CHECK(failed_with_message(stats_samples_needed(-0.1, 0.01, 0.05, 0.8, &n)));
	error_clear();
	CHECK(failed_with_message(stats_samples_needed(0.1, 0.0, 0.05, 0.8, &n)));
	error_clear();
	CHECK(failed_with_message(stats_samples_needed(0.1, 0.01, 0.05, 1.0, &n)));
	error_clear();
	CHECK(failed_with_message(stats_samples_needed(NAN, 0.01, 0.05, 0.8, &n)));

	/* Holm in place (adjusted aliasing p) gives what a separate output does. */
	p[1] = 0.04;
	CHECK(stats_holm(p, 3, adj) == 0);
	CHECK(stats_holm(p, 3, p) == 0);
	CHECK(p[0] == adj[0] && p[1] == adj[1] && p[2] == adj[2]);
	CHECK(p[0] == 0.03 && p[1] == 0.08 && p[2] == 0.2);
}

/* Brute force: every difference, sorted; numpy's median of them. */
static double naive_hl(const double *b, size_t nb, const double *v, size_t nv)
{
	double *d = malloc(nb * nv * sizeof(*d)), m;

	if (!d) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	for (size_t i = 0; i < nb; i++)
		for (size_t j = 0; j < nv; j++)
			d[i * nv + j] = v[j] - b[i];
	m = naive_median(d, nb * nv);
	free(d);
	return m;
}

static void test_hodges_lehmann(void)
{
	static double b[301], v[257], big_b[12500], big_v[12500];
	gsl_rng *rng = seeded(2024);
	double shift;
	size_t i;

	/* Rounded to 1 ms: many ties, negative and positive differences. */
	for (i = 0; i < ARRAY_SIZE(b); i++)
		b[i] = floor((0.250 + gsl_ran_gaussian(rng, 0.01)) * 1000 + 0.5) / 1000;
	for (i = 0; i < ARRAY_SIZE(v); i++)
		v[i] = floor((0.245 + gsl_ran_gaussian(rng, 0.012)) * 1000 + 0.5) / 1000;
	CHECK(stats_hodges_lehmann(b, ARRAY_SIZE(b), v, ARRAY_SIZE(v), &shift) == 0);
	CHECK(shift == naive_hl(b, ARRAY_SIZE(b), v, ARRAY_SIZE(v)));
	/* odd count of differences, and negative values */
	for (i = 0; i < 31; i++)
		b[i] = -gsl_ran_exponential(rng, 2.0);
	CHECK(stats_hodges_lehmann(b, 31, v, 17, &shift) == 0);
	CHECK(shift == naive_hl(b, 31, v, 17));
	/* n = 1 each: the one difference */
	CHECK(stats_hodges_lehmann(b, 1, v, 1, &shift) == 0 && shift == v[0] - b[0]);

	/* A large cell (156 million differences) in well under a second. */
	for (i = 0; i < ARRAY_SIZE(big_b); i++) {
		big_b[i] = 1.0 + gsl_ran_gaussian(rng, 0.02);
		big_v[i] = 0.98 + gsl_ran_gaussian(rng, 0.02);
	}
	CHECK(stats_hodges_lehmann(big_b, ARRAY_SIZE(big_b), big_v, ARRAY_SIZE(big_v), &shift) == 0);
	CHECK(fabs(shift + 0.02) < 0.002);
	gsl_rng_free(rng);
}

/*
 * The order-statistic shortcuts against the bootstrap they replace, on
 * cells large enough for both to be accurate.
 */
static void test_order_statistics(void)
{
	static double b0[3000], v0[3000], b1[2500], v1[4000], b2[40], v2[40];
	const double *base[3] = { b0, b1, b2 }, *variant[3] = { v0, v1, v2 };
	const size_t nb[3] = { 3000, 2500, 40 }, nv[3] = { 3000, 4000, 40 };
	struct stats_interval os, boot, mixed, plain;
	double want_half = 0, lr = 0;
	gsl_rng *r1 = seeded(11), *r2 = seeded(11);
	size_t i;

	for (i = 0; i < 3000; i++) {
		b0[i] = 0.250 * exp(gsl_ran_gaussian(r1, 0.03));
		v0[i] = 0.245 * exp(gsl_ran_gaussian(r1, 0.03));
	}
	for (i = 0; i < 2500; i++)
		b1[i] = 2.0 + gsl_ran_exponential(r1, 0.1);
	for (i = 0; i < 4000; i++)
		v1[i] = 2.1 + gsl_ran_exponential(r1, 0.1);
	for (i = 0; i < 40; i++) {
		b2[i] = 1.0 + gsl_ran_gaussian(r1, 0.01);
		v2[i] = 0.97 + gsl_ran_gaussian(r1, 0.01);
	}

	/* One cell: same estimate; interval ends within 15% of the bootstrap's width. */
	CHECK(stats_ratio_ci_os(b0, 3000, v0, 3000, 0.95, &os) == 0);
	CHECK(stats_ratio_ci(b0, 3000, v0, 3000, r1, 1000, 0.95, &boot) == 0);
	CHECK(os.estimate == boot.estimate);
	CHECK(os.lo < os.estimate && os.estimate < os.hi);
	CHECK(fabs(os.lo - boot.lo) < 0.15 * (boot.hi - boot.lo));
	CHECK(fabs(os.hi - boot.hi) < 0.15 * (boot.hi - boot.lo));
	CHECK(fabs((os.hi - os.lo) / (boot.hi - boot.lo) - 1.0) < 0.25);

	/* limit = SIZE_MAX: exactly stats_geomean_ci(), draw for draw. */
	gsl_rng_set(r1, 5);
	gsl_rng_set(r2, 5);
	CHECK(stats_geomean_ci(3, base, nb, variant, nv, r1, 300, 0.9, &plain) == 0);
	CHECK(stats_geomean_ci_limit(3, base, nb, variant, nv, r2, 300, 0.9, SIZE_MAX, &mixed) == 0);
	CHECK(same_interval(&plain, &mixed));

	/*
	 * Two large cells drawn from their order-statistic intervals, one
	 * resampled: the estimate is unchanged and the interval close to the
	 * all-bootstrap one, and to the delta method's width.
	 */
	CHECK(stats_geomean_ci(3, base, nb, variant, nv, r1, 2000, 0.95, &plain) == 0);
	CHECK(stats_geomean_ci_limit(3, base, nb, variant, nv, r2, 2000, 0.95, 1000, &mixed) == 0);
	CHECK_NEAR(mixed.estimate, plain.estimate, 1e-14);
	CHECK(mixed.lo < mixed.estimate && mixed.estimate < mixed.hi);
	CHECK(fabs(log(mixed.hi / mixed.lo) / log(plain.hi / plain.lo) - 1.0) < 0.25);
	for (i = 0; i < 3; i++) {
		CHECK(stats_ratio_ci_os(base[i], nb[i], variant[i], nv[i], 0.95, &os) == 0);
		want_half += pow(log(os.hi / os.lo) / 2.0, 2);
		lr += log(os.estimate);
	}
	want_half = sqrt(want_half) / 3.0;
	CHECK(fabs(log(mixed.hi / mixed.lo) / 2.0 / want_half - 1.0) < 0.15);
	CHECK(fabs(log(mixed.estimate) - lr / 3.0) < 1e-12);

	/* A large cell too small on one side for order statistics names the workload. */
	error_clear();
	CHECK(failed_with_message(stats_geomean_ci_limit(3, base, (const size_t[]){ 3000, 2500, 5 },
							  variant, nv, r1, 100, 0.95, 30, &mixed)));
	CHECK(strncmp(error_message(), "workload 2: ", 12) == 0);
	gsl_rng_free(r1);
	gsl_rng_free(r2);
}

int main(void)
{
	test_summarize();
	test_median();
	test_mann_whitney();
	test_ratio_ci();
	test_geomean_ci();
	test_new_input_checks();
	test_hodges_lehmann();
	test_order_statistics();
	return test_done();
}
