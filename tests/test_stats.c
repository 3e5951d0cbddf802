/*
 * Tests for reports/stats.c.
 *
 * Reference values come from tests/stats_reference.py (numpy 1.24.2,
 * scipy 1.10.1, Debian 12's python3-scipy); rerun it with /usr/bin/python3
 * to recompute them.  The datasets here and there must stay identical.
 */

#include "error.h"
#include "stats.h"
#include "test.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Relative closeness, for values far below 1 (tiny p-values). */
#define CHECK_REL(got, want, tol) CHECK_NEAR((got) / (want), 1.0, (tol))

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

struct summary_case {
	const char *name;
	const double *x;
	size_t n;
	double mean, median, stdev, min, max, q1, q3, mad, cv;
};

static void check_summary(const struct summary_case *c)
{
	struct stats_summary s;

	error_clear();
	if (stats_summarize(c->x, c->n, &s)) {
		CHECK(!"stats_summarize failed");
		fprintf(stderr, "  case %s: %s\n", c->name, error_message());
		return;
	}
	CHECK(s.n == c->n);
	CHECK_NEAR(s.mean, c->mean, 1e-13);
	CHECK_NEAR(s.median, c->median, 1e-13);
	CHECK_NEAR(s.stdev, c->stdev, 1e-13);
	CHECK(s.min == c->min);
	CHECK(s.max == c->max);
	CHECK_NEAR(s.q1, c->q1, 1e-13);
	CHECK_NEAR(s.q3, c->q3, 1e-13);
	CHECK_NEAR(s.mad, c->mad, 1e-13);
	CHECK_NEAR(s.cv, c->cv, 1e-13);
}

static void test_summarize(void)
{
	static const double ties[] = { 12.1, 11.8, 12.1, 13.0, 11.9, 12.4, 12.1, 14.2, 11.7, 12.0 };
	static const double one[] = { 3.5 };
	static const double two[] = { 2.0, 5.0 };
	static const double flat[] = { 7.25, 7.25, 7.25, 7.25, 7.25 };
	static const double outliers[] = { 1.0, 1.1, 0.9, 1.05, 0.95, 1.02, 250.0, 0.98, 1000.0 };
	static const double zero_mean[] = { -2.0, -1.0, 0.0, 1.0, 2.0 };
	static double g101[101];
	/*
	 * numpy 1.24.2: mean, median, std(ddof=1), min, max, quantile(.25),
	 * quantile(.75); scipy 1.10.1: median_abs_deviation (scale=1); cv =
	 * std / mean.
	 */
	const struct summary_case cases[] = {
		{ "ties", ties, ARRAY_SIZE(ties),
		  12.33, 12.1, 0.75136912070935902, 11.699999999999999, 14.199999999999999,
		  11.925000000000001, 12.324999999999999, 0.24999999999999911, 0.060938290406274048 },
		{ "one", one, 1, 3.5, 3.5, 0, 3.5, 3.5, 3.5, 3.5, 0, 0 },
		{ "two", two, 2, 3.5, 3.5, 2.1213203435596424, 2, 5, 2.75, 4.25, 1.5, 0.60609152673132638 },
		{ "flat", flat, ARRAY_SIZE(flat), 7.25, 7.25, 0, 7.25, 7.25, 7.25, 7.25, 0, 0 },
		{ "outliers", outliers, ARRAY_SIZE(outliers),
		  139.66666666666666, 1.02, 332.96884722898631, 0.90000000000000002, 1000,
		  0.97999999999999998, 1.1000000000000001, 0.070000000000000062, 2.38402515915742 },
		{ "zero_mean", zero_mean, ARRAY_SIZE(zero_mean), 0, 0, 1.5811388300841898, -2, 2, -1, 1, 1, 0 },
		{ "golden101", g101, ARRAY_SIZE(g101),
		  124.99657230233102, 124.92235949962165, 14.376518867401945, 100.25124993703223,
		  149.59346906221106, 112.46117974981082, 137.13228931240016, 12.461179749810825,
		  0.11501530484075397 },
	};
	struct stats_summary s;
	double bad[] = { 1.0, 2.0, 3.0, NAN, 5.0 };
	size_t i;

	golden(g101, 1, 101, 50.0, 100.0, 0);
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		check_summary(&cases[i]);

	/* Exactly zero, not merely tiny, for constant data. */
	CHECK(stats_summarize(flat, ARRAY_SIZE(flat), &s) == 0);
	CHECK(s.stdev == 0.0 && s.mad == 0.0 && s.cv == 0.0);

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

static void test_median(void)
{
	double even[] = { 4.0, 1.0, 3.0, 2.0 };
	const double odd[] = { 9.0, -1.0, 3.5 };
	const double nan1[] = { 1.0, NAN };
	double *big = malloc(1000 * sizeof(*big));

	/* numpy 1.24.2: np.median */
	CHECK(stats_median(even, 4) == 2.5);
	CHECK(even[0] == 4.0 && even[1] == 1.0 && even[2] == 3.0 && even[3] == 2.0);
	CHECK(stats_median(odd, 3) == 3.5);
	CHECK(stats_median(odd, 1) == 9.0);
	CHECK(big != NULL);
	if (big) {
		/* larger than the on-stack copy */
		golden(big, 1, 1000, 1.0, 0.0, 0);
		CHECK_NEAR(stats_median(big, 1000), 0.49977344807314239, 1e-15);
		free(big);
	}

	error_clear();
	CHECK(isnan(stats_median(odd, 0)));
	CHECK(failed_with_message(-1));
	error_clear();
	CHECK(isnan(stats_median(nan1, 2)));
	CHECK(failed_with_message(-1));
}

struct mwu_case {
	const char *name;
	const double *a;
	size_t na;
	const double *b;
	size_t nb;
	double u, p;
};

static void check_mwu(const struct mwu_case *c)
{
	double u = -1.0, p = -1.0;

	error_clear();
	if (stats_mann_whitney(c->a, c->na, c->b, c->nb, &u, &p)) {
		CHECK(!"stats_mann_whitney failed");
		fprintf(stderr, "  case %s: %s\n", c->name, error_message());
		return;
	}
	if (u != c->u || !(fabs(p / c->p - 1.0) <= 1e-12))
		fprintf(stderr, "  MWU case %s:\n", c->name);
	CHECK(u == c->u);
	CHECK_REL(p, c->p, 1e-12);
}

static void test_mann_whitney(void)
{
	static const double males[] = { 19, 22, 16, 29, 24 }, females[] = { 20, 11, 17, 12 };
	static const double a3[] = { 0.5, 3.2, 7.7 };
	static const double sep_a[] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	static const double sep_b[] = { 11, 12, 13, 14, 15, 16, 17, 18 };
	static const double st_a[] = { 1.0, 2.0, 2.0, 3.0 }, st_b[] = { 2.0, 3.0, 4.0, 4.0, 5.0 };
	static const double x1[] = { 1.0 }, y1[] = { 2.0 }, t1[] = { 4.0 };
	static const double c6[] = { 3.0, 3.0, 3.0, 3.0, 3.0, 3.0 };
	static const double same[] = { 5.1, 4.9, 5.3, 5.0, 5.2, 4.8, 5.4, 5.05, 4.95, 5.15 };
	static const double out_a[] = { 1.00, 1.02, 0.98, 1.01, 0.99, 1.03, 0.97, 1.015,
					0.985, 1.005, 80.0, 500.0 };
	static const double out_b[] = { 1.10, 1.12, 1.08, 1.11, 1.09, 1.13, 1.07, 1.115,
					1.085, 1.105, 1.095, 1.125 };
	static double g12[12], g9a[9], g8b[8], g9b[9], t40[40], t35[35];
	static double g5[5], g300[300], g8s[8], g8f[8];
	/*
	 * scipy 1.10.1: mannwhitneyu(a, b) -> (U, p), defaults (two-sided,
	 * method='auto', use_continuity=True).  The comment says which
	 * method scipy picked.
	 */
	const struct mwu_case cases[] = {
		/* exact (scipy docstring example) */
		{ "exact_small", males, 5, females, 4, 17, 0.1111111111111111 },
		/* exact: only one side needs <= 8 values */
		{ "exact_3x12", a3, 3, g12, 12, 12, 0.44835164835164837 },
		/* exact: p = 2 / C(16, 8) */
		{ "exact_separated", sep_a, 8, sep_b, 8, 0, 0.0001554001554001554 },
		/* exact: 9 vs 8 is still exact */
		{ "exact_9x8", g9a, 9, g8b, 8, 32, 0.74298642533936654 },
		/* asymptotic: both > 8 */
		{ "asym_9x9", g9a, 9, g9b, 9, 38, 0.85981920505415799 },
		/* asymptotic: small but tied */
		{ "asym_small_ties", st_a, 4, st_b, 5, 2.5, 0.078545850951190668 },
		/* exact, n = 1 each */
		{ "exact_1x1", x1, 1, y1, 1, 0, 1 },
		/* asymptotic with sigma = 0 */
		{ "tie_1x1", t1, 1, t1, 1, 0.5, 1 },
		/* asymptotic: zero variance */
		{ "constant", c6, 6, c6, 6, 18, 1 },
		/* asymptotic: identical samples */
		{ "identical", same, 10, same, 10, 50, 1 },
		/* asymptotic with many ties */
		{ "asym_ties_40x35", t40, 40, t35, 35, 428.5, 0.0039928509881911236 },
		/* asymptotic, heavy outliers */
		{ "asym_outliers", out_a, 12, out_b, 12, 24, 0.0060989459312143666 },
		/* exact, long counting table */
		{ "exact_5x300", g5, 5, g300, 300, 701, 0.8099451494015929 },
		/* exact */
		{ "exact_8x200", g8s, 8, g300, 200, 1146, 0.036783905010417582 },
		/* exact, far tail */
		{ "exact_8x200_far", g8f, 8, g300, 200, 1570, 4.0161317409421583e-10 },
	};
	const double bad[] = { 1.0, NAN };
	const double binf[] = { INFINITY, 2.0 };
	double u = 0, p = 0;
	size_t i;

	golden(g12, 1, 12, 10.0, 0.0, 0);
	golden(g9a, 1, 9, 10.0, 0.0, 0);
	golden(g8b, 20, 8, 10.0, 1.0, 0);
	golden(g9b, 20, 9, 10.0, 1.0, 0);
	golden(t40, 1, 40, 5.0, 100.0, 1);
	golden(t35, 100, 35, 5.0, 101.0, 1);
	golden(g5, 1000, 5, 10.0, 0.0, 0);
	golden(g300, 1, 300, 10.0, 0.0, 0);	/* first 200 are golden(1, 200, ...) */
	golden(g8s, 1000, 8, 10.0, 3.0, 0);
	golden(g8f, 1000, 8, 10.0, 8.5, 0);

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		check_mwu(&cases[i]);

	/* U of the swapped test is na * nb - U; p is symmetric. */
	CHECK(stats_mann_whitney(females, 4, males, 5, &u, &p) == 0);
	CHECK(u == 3);
	CHECK_NEAR(p, 0.1111111111111111, 1e-14);

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

int main(void)
{
	test_summarize();
	test_median();
	test_mann_whitney();
	test_ratio_ci();
	test_geomean_ci();
	return test_done();
}
