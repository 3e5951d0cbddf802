/*
 * Simulations with a fixed seed: do the tests and the verdicts behave as
 * advertised on data whose truth is known?
 *
 *  - A/A: both sides drawn from one distribution (timing-like: log-normal
 *    with a 2% spread and occasional slow outliers).  Mann-Whitney U and
 *    Welch's t must reject at about alpha; verdicts must almost never say
 *    faster/slower; Holm must hold the family-wise rate of 10 workloads
 *    near alpha where uncorrected tests would not.
 *  - A 2% shift with a 2% spread: the rejection rate must match the power
 *    the normal theory predicts (the model stats_samples_needed() uses).
 *
 * The measured figures are printed; the bands are several standard errors
 * wide, so a correct implementation passes whatever the seed, and a broken
 * one (a p-value off by a factor of two, a missing correction) does not.
 */

#include "compare.h"
#include "error.h"
#include "stats.h"
#include "test.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>

#define ALPHA 0.05
#define SPREAD 0.02		/* log-scale standard deviation: a CV of about 2% */

/* n timing-like values around level; `outliers` adds rare slow runs. */
static void draw(gsl_rng *rng, double *x, size_t n, double level, int outliers)
{
	for (size_t i = 0; i < n; i++) {
		x[i] = level * exp(gsl_ran_gaussian(rng, SPREAD));
		if (outliers && gsl_rng_uniform(rng) < 0.05)
			x[i] *= 1.0 + gsl_rng_uniform(rng) * 0.2;
	}
}

/* Fraction of trials in which the MWU (and Welch) test rejects at ALPHA. */
static void rejection_rate(gsl_rng *rng, size_t trials, size_t n, double shift, int outliers,
			   double *mwu, double *welch)
{
	double *a = malloc(n * sizeof(*a)), *b = malloc(n * sizeof(*b));
	size_t rm = 0, rw = 0;

	for (size_t t = 0; t < trials; t++) {
		struct stats_welch w;
		double u, p;

		draw(rng, a, n, 1.0, outliers);
		draw(rng, b, n, 1.0 - shift, outliers);
		if (stats_mann_whitney(a, n, b, n, &u, &p) == 0 && p < ALPHA)
			rm++;
		if (stats_welch(a, n, b, n, &w) == 0 && w.p < ALPHA)
			rw++;
	}
	*mwu = (double)rm / (double)trials;
	*welch = (double)rw / (double)trials;
	free(a);
	free(b);
}

/* Fraction of single-workload comparisons whose verdict is each of the words. */
static void verdict_rates(gsl_rng *rng, size_t trials, size_t n, double shift, double threshold,
			  double *faster, double *slower, double *same)
{
	struct compare_cell cb = { 0 }, cv = { 0 };
	size_t counts[5] = { 0 };

	cb.values = malloc(n * sizeof(double));
	cv.values = malloc(n * sizeof(double));
	cb.n = cv.n = n;
	for (size_t t = 0; t < trials; t++) {
		struct compare_row row = { 0 };
		double u;

		draw(rng, cb.values, n, 1.0, 1);
		draw(rng, cv.values, n, 1.0 - shift, 1);
		stats_summarize(cb.values, n, &cb.s);
		stats_summarize(cv.values, n, &cv.s);
		row.cb = &cb, row.cv = &cv;
		row.n_base = row.n_variant = n;
		row.valid = stats_ratio_ci(cb.values, n, cv.values, n, rng, 500, 0.95, &row.ratio) == 0;
		if (stats_mann_whitney(cb.values, n, cv.values, n, &u, &row.p) < 0)
			row.p = NAN;
		row.p_adj = row.p;	/* one workload: Holm changes nothing */
		counts[compare_judge(&row, threshold, ALPHA, 1)]++;
	}
	*faster = (double)counts[COMPARE_LOWER] / (double)trials;
	*slower = (double)counts[COMPARE_HIGHER] / (double)trials;
	*same = (double)counts[COMPARE_SAME] / (double)trials;
	free(cb.values);
	free(cv.values);
}

/* Families of k null workloads: how often does any of them come out significant? */
static void family_rates(gsl_rng *rng, size_t families, size_t k, size_t n, double *holm, double *raw)
{
	double *a = malloc(n * sizeof(*a)), *b = malloc(n * sizeof(*b)), *p = malloc(k * sizeof(*p));
	size_t any_holm = 0, any_raw = 0;

	for (size_t f = 0; f < families; f++) {
		int hit_raw = 0, hit_holm = 0;

		for (size_t w = 0; w < k; w++) {
			double u;

			draw(rng, a, n, 1.0, 1);
			draw(rng, b, n, 1.0, 1);
			if (stats_mann_whitney(a, n, b, n, &u, &p[w]) < 0)
				p[w] = NAN;
			hit_raw |= p[w] < ALPHA;
		}
		if (stats_holm(p, k, p) == 0)
			for (size_t w = 0; w < k; w++)
				hit_holm |= p[w] < ALPHA;
		any_raw += hit_raw;
		any_holm += hit_holm;
	}
	*holm = (double)any_holm / (double)families;
	*raw = (double)any_raw / (double)families;
	free(a);
	free(b);
	free(p);
}

/* Normal-theory power of a two-sided test with the MWU's efficiency (3 / pi). */
static double predicted_power(double shift, size_t n)
{
	double d = -log(1.0 - shift) / SPREAD;

	return gsl_cdf_ugaussian_P(d * sqrt((double)n / 2.0 * 3.0 / M_PI) -
				   gsl_cdf_ugaussian_Pinv(1.0 - ALPHA / 2.0));
}

int main(void)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double mwu, welch, faster, slower, same, holm, raw, want;
	unsigned long need;

	gsl_rng_set(rng, 20241121);

	/* A/A: 4000 trials of 20 vs 20; the standard error of a 5% rate is 0.34%. */
	rejection_rate(rng, 4000, 20, 0.0, 1, &mwu, &welch);
	printf("A/A, 4000 trials of 20 vs 20 samples (CV 2%%, 5%% outliers): false-positive rate "
	       "Mann-Whitney %.2f%%, Welch %.2f%% (alpha %.0f%%)\n", 100 * mwu, 100 * welch, 100 * ALPHA);
	CHECK(mwu >= 0.03 && mwu <= 0.07);
	CHECK(welch >= 0.025 && welch <= 0.07);

	/*
	 * Verdicts: at 20 samples a 2% spread cannot prove a change below 1%,
	 * so "noisy" is the honest answer; at 200 the interval fits inside
	 * the threshold and "same" is.  Neither may call faster/slower more
	 * often than the test's own false-positive rate.
	 */
	verdict_rates(rng, 1000, 20, 0.0, 0.01, &faster, &slower, &same);
	printf("A/A verdicts, 1000 trials of 20 vs 20 (threshold 1%%): faster %.1f%%, slower %.1f%%, "
	       "same %.1f%%, noisy %.1f%%\n", 100 * faster, 100 * slower, 100 * same,
	       100 * (1 - faster - slower - same));
	CHECK(faster + slower <= 0.065);
	verdict_rates(rng, 300, 200, 0.0, 0.01, &faster, &slower, &same);
	printf("A/A verdicts, 300 trials of 200 vs 200 (threshold 1%%): faster %.1f%%, slower %.1f%%, "
	       "same %.1f%%, noisy %.1f%%\n", 100 * faster, 100 * slower, 100 * same,
	       100 * (1 - faster - slower - same));
	CHECK(faster + slower <= 0.03);
	CHECK(same >= 0.8);

	family_rates(rng, 1000, 10, 20, &holm, &raw);
	printf("A/A families of 10 workloads, 1000 trials: any significant %.1f%% uncorrected, "
	       "%.1f%% after Holm\n", 100 * raw, 100 * holm);
	CHECK(holm >= 0.015 && holm <= 0.075);
	CHECK(raw >= 0.25);

	/* A 2% shift at n = 20: power predicted about 0.88. */
	want = predicted_power(0.02, 20);
	rejection_rate(rng, 4000, 20, 0.02, 0, &mwu, &welch);
	printf("2%% shift, 4000 trials of 20 vs 20 (CV 2%%): power Mann-Whitney %.1f%%, Welch %.1f%% "
	       "(normal theory with the MWU's efficiency: %.1f%%)\n", 100 * mwu, 100 * welch, 100 * want);
	CHECK(fabs(mwu - want) <= 0.05);
	CHECK(welch >= mwu - 0.03);

	/* The sample size stats_samples_needed() asks for delivers its 80%. */
	CHECK(stats_samples_needed(SPREAD, 0.02, ALPHA, 0.8, &need) == 0);
	rejection_rate(rng, 4000, need, 0.02, 0, &mwu, &welch);
	printf("2%% shift at the %lu samples per side stats_samples_needed() asks for: power %.1f%% "
	       "(asked for 80%%)\n", need, 100 * mwu);
	CHECK(mwu >= 0.75 && mwu <= 0.90);

	verdict_rates(rng, 1000, 20, 0.02, 0.01, &faster, &slower, &same);
	printf("2%% shift verdicts, 1000 trials of 20 vs 20 (threshold 1%%, 5%% outliers): faster %.1f%%, "
	       "same %.1f%%, noisy %.1f%%, slower %.1f%%\n", 100 * faster, 100 * same,
	       100 * (1 - faster - slower - same), 100 * slower);
	CHECK(faster >= 0.5);
	CHECK(slower == 0.0);

	gsl_rng_free(rng);
	return test_done();
}
