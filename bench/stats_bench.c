/*
 * bench_stats: the statistics over a large results database.
 *
 *   bench_stats DB [SAMPLES]
 *
 * Fills DB (when it does not already hold exactly this campaign) with
 * SAMPLES measured samples (default 1,000,000) of 4 variants x 20
 * workloads through the real store API, with timing-like noise: a
 * log-normal spread of 1-3% per workload, 2% slow outliers and a slow
 * drift over the campaign.  Then times
 *   1. reading every cell and computing every summary (stats_summarize);
 *   2. the full compare (3 comparisons x 20 workloads: ratio intervals,
 *      Mann-Whitney U, Welch, Hodges-Lehmann, Holm, geometric means with
 *      bootstrap intervals, per-tag means, text output);
 *   3. for scale, one large cell's ratio by plain bootstrap.
 * Prints figures; it is not a test.
 */

#include "compare.h"
#include "error.h"
#include "stats.h"
#include "store.h"
#include "util.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NVARIANTS 4
#define NWORKLOADS 20

static const char *const variant_names[NVARIANTS] = { "release", "pgo", "pgo-lto", "lto" };
static const double variant_factor[NVARIANTS] = { 1.0, 0.95, 0.91, 0.997 };
static const char *const tag_names[] = { "float", "calls", "strings", "objects" };

/* Values per variant x workload, as bench phase 1 collects them. */
struct cells {
	double *v[NVARIANTS * NWORKLOADS];
	size_t n[NVARIANTS * NWORKLOADS], cap[NVARIANTS * NWORKLOADS];
};

static int collect(void *ctx, const char *variant, const char *workload, int warmup, const char *status,
		   double value, const char *taken_at)
{
	struct cells *c = ctx;
	int v, w;

	(void)taken_at;
	if (warmup || strcmp(status, "ok") || isnan(value))
		return 0;
	for (v = 0; v < NVARIANTS && strcmp(variant, variant_names[v]); v++)
		;
	if (v == NVARIANTS || sscanf(workload, "workload%d", &w) != 1 || w < 0 || w >= NWORKLOADS)
		return 0;
	v = v * NWORKLOADS + w;
	if (c->n[v] == c->cap[v])
		c->v[v] = xrealloc(c->v[v], (c->cap[v] = c->cap[v] ? 2 * c->cap[v] : 1024) * sizeof(double));
	c->v[v][c->n[v]++] = value;
	return 0;
}

static double seconds_since(int64_t t0)
{
	return (double)(now_ns() - t0) / 1e9;
}

static int die(const char *what)
{
	fprintf(stderr, "bench_stats: %s: %s\n", what, error_message());
	return 1;
}

/* Does DB already hold the campaign this run would write? */
static int has_campaign(struct store *s, long samples)
{
	struct campaign_summary cs;
	int64_t latest;
	int ok;

	if (store_latest_campaign(s, &latest) < 0) {
		error_clear();
		return 0;
	}
	if (store_campaign_summary(s, latest, &cs) < 0) {
		error_clear();
		return 0;
	}
	ok = latest == 1 && cs.taken == samples && cs.variants.n == NVARIANTS && cs.workloads.n == NWORKLOADS;
	campaign_summary_release(&cs);
	return ok;
}

static int fill(struct store *s, long samples)
{
	struct machine m = { "bench", "simulated CPU", "Linux", 8, 0 };
	struct source src = { "/src", "/src", "3.13.15", "" };
	struct build_result b = { 0 };
	struct campaign_info info = { .seed = 1, .warmups = 0, .cpu = 1, .command = "bench_stats" };
	int64_t mid, sid, vid[NVARIANTS], wid[NWORKLOADS], camp;
	long rounds = samples / (NVARIANTS * NWORKLOADS), seq = 0;
	double level[NWORKLOADS], spread[NWORKLOADS];
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	char key[SHA256_HEX_SIZE];

	gsl_rng_set(rng, 7);
	memset(src.digest, 'd', 64);
	b.compiler = "gcc 12";
	b.prefix = "/p";
	b.log_path = "/l";
	info.samples = (int)rounds;
	info.planned = rounds * NVARIANTS * NWORKLOADS;
	if (store_begin(s) < 0 || store_put_machine(s, &m, &mid) < 0 || store_put_source(s, &src, &sid) < 0)
		return -1;
	for (int v = 0; v < NVARIANTS; v++) {
		struct variant var = { 0 };
		int64_t bid;

		var.name = (char *)variant_names[v];
		var.description = "";
		snprintf(key, sizeof(key), "%064d", v);
		memcpy(b.key, key, sizeof(b.key));
		if (store_put_build(s, sid, &var, &b, &bid) < 0 || store_put_variant(s, &var, bid, &vid[v]) < 0)
			return -1;
	}
	for (int w = 0; w < NWORKLOADS; w++) {
		struct workload wl = { 0 };
		char name[32];

		snprintf(name, sizeof(name), "workload%02d", w);
		wl.name = name;
		wl.description = "";
		memset(wl.digest, '1', 64);
		snprintf(key, sizeof(key), "%064d", w);
		memcpy(wl.checksum, key, sizeof(wl.checksum));
		strv_push(&wl.tags, tag_names[w % 4]);
		if (w % 3 == 0)
			strv_push(&wl.tags, "slow");
		if (store_put_workload(s, &wl, &wid[w]) < 0)
			return -1;
		strv_release(&wl.tags);
		level[w] = 0.05 * exp(gsl_rng_uniform(rng) * log(40.0));	/* 50 ms .. 2 s */
		spread[w] = 0.01 + 0.02 * gsl_rng_uniform(rng);
	}
	info.machine_id = mid;
	if (store_campaign_begin(s, &info, &camp) < 0)
		return -1;
	for (int v = 0; v < NVARIANTS; v++)
		if (store_campaign_add_variant(s, camp, vid[v], v) < 0)
			return -1;
	for (int w = 0; w < NWORKLOADS; w++)
		if (store_campaign_add_workload(s, camp, wid[w], w) < 0)
			return -1;
	if (store_commit(s) < 0)
		return -1;

	/* One transaction per round, as a campaign writes them. */
	for (long round = 0; round < rounds; round++) {
		double drift = 1.0 + 0.005 * sin((double)round / (double)rounds * 6.28);

		if (store_begin(s) < 0)
			return -1;
		for (int w = 0; w < NWORKLOADS; w++)
			for (int v = 0; v < NVARIANTS; v++) {
				struct sample_key k = { camp, vid[v], wid[w], (int)round, (int)seq++, 0 };
				struct sample_result r;
				double t = level[w] * variant_factor[v] * drift * exp(gsl_ran_gaussian(rng, spread[w]));

				if (gsl_rng_uniform(rng) < 0.02)
					t *= 1.1 + 0.4 * gsl_rng_uniform(rng);
				memset(&r, 0, sizeof(r));
				r.status = SAMPLE_OK;
				r.wall_ns = (int64_t)(t * 1e9);
				r.user_ns = r.wall_ns * 98 / 100;
				r.sys_ns = r.wall_ns / 100;
				r.maxrss_kb = 9000 + (long)(gsl_rng_uniform(rng) * 100);
				memset(r.stdout_digest, 'a', 64);
				if (store_put_sample(s, &k, &r, NULL) < 0)
					return -1;
			}
		if (store_commit(s) < 0)
			return -1;
		if (round % 1000 == 999)
			fprintf(stderr, "  %ld of %ld samples written\n", seq, rounds * NVARIANTS * NWORKLOADS);
	}
	gsl_rng_free(rng);
	return store_campaign_finish(s, camp, "complete");
}

int main(int argc, char **argv)
{
	struct compare_opts o = { .campaign = 1, .metric = "wall", .threshold = 0.01, .seed = 1 };
	long samples = argc > 2 ? atol(argv[2]) : 1000000;
	double t_read = 0, t_sum = 0, t_all, t_cmp, t_boot, t_head;
	struct campaign_summary cs;
	struct cells cells = { 0 };
	struct compare_result r;
	struct stats_interval iv;
	struct store *s;
	size_t total = 0;
	int64_t t0;
	FILE *devnull;

	if (argc < 2 || samples < NVARIANTS * NWORKLOADS) {
		fprintf(stderr, "usage: bench_stats DB [SAMPLES]\n");
		return 2;
	}
	samples -= samples % (NVARIANTS * NWORKLOADS);
	if (store_open(argv[1], &s) < 0)
		return die("open");
	if (!has_campaign(s, samples)) {
		store_close(s);
		unlink(argv[1]);
		if (store_open(argv[1], &s) < 0)
			return die("create");
		printf("writing %ld samples (%d variants x %d workloads) to %s through the store API...\n",
		       samples, NVARIANTS, NWORKLOADS, argv[1]);
		t0 = now_ns();
		if (fill(s, samples) < 0)
			return die("fill");
		printf("  written in %.1f s\n", seconds_since(t0));
	} else {
		printf("reusing %s (%ld samples)\n", argv[1], samples);
	}

	/* 1. Every cell read (one pass) and summarized. */
	if (store_campaign_summary(s, 1, &cs) < 0)
		return die("summary");
	t0 = now_ns();
	if (store_campaign_samples(s, 1, "wall", collect, &cells) != 0)
		return die("read");
	t_read = seconds_since(t0);
	for (size_t i = 0; i < NVARIANTS * NWORKLOADS; i++) {
		struct stats_summary sum;

		if (stats_summarize(cells.v[i], cells.n[i], &sum) < 0)
			return die("summarize");
		total += cells.n[i];
		free(cells.v[i]);
	}
	t_all = seconds_since(t0);
	t_sum = t_all - t_read;
	printf("\n1. read + every summary: %zu samples in %d cells: %.3f s (one read pass %.3f s, summaries "
	       "%.3f s); target < 1 s\n", total, NVARIANTS * NWORKLOADS, t_all, t_read, t_sum);
	campaign_summary_release(&cs);

	/* The campaign header compare reads first, timed alone for the breakdown. */
	t0 = now_ns();
	if (store_campaign_summary(s, 1, &cs) < 0)
		return die("summary");
	t_head = seconds_since(t0);
	campaign_summary_release(&cs);

	/* 2. The full compare, printed (to /dev/null). */
	devnull = fopen("/dev/null", "w");
	t0 = now_ns();
	if (compare_campaign(s, &o, &r) < 0)
		return die("compare");
	compare_print(&r, COMPARE_TEXT, 1, devnull);
	compare_print(&r, COMPARE_JSON, 1, devnull);
	t_cmp = seconds_since(t0);
	printf("2. full compare (%zu comparisons x %zu workloads, text and JSON output): %.3f s; target < 5 s\n"
	       "   of which %.3f s is store_campaign_summary(), the campaign header (it counts bad samples\n"
	       "   through the sample_by_cell index, a random read per sample)\n",
	       r.ngeomeans, r.ngeomeans ? r.nrows / r.ngeomeans : 0, t_cmp, t_head);
	printf("   interval methods: %zu rows by bootstrap (%u resamples), %zu rows by order statistics "
	       "(cells over %d values); geometric means by bootstrap (%u resamples) with %s\n",
	       r.bootstrap_rows, r.resamples, r.order_rows, COMPARE_RESAMPLE_LIMIT, r.resamples,
	       r.order_rows ? "large cells drawn from their order-statistic intervals" : "every cell resampled");
	{
		const struct compare_row *row = &r.rows[0];

		printf("   e.g. %s vs %s on %s: ratio %.4f [%.4f, %.4f], p (Holm) %.2g, %s\n", row->variant,
		       row->base, row->workload, row->ratio.estimate, row->ratio.lo, row->ratio.hi, row->p_adj,
		       row->verdict);
		printf("   geometric means:");
		for (size_t g = 0; g < r.ngeomeans; g++)
			printf(" %s %.4f [%.4f, %.4f]%s", r.geomeans[g].variant, r.geomeans[g].ratio.estimate,
			       r.geomeans[g].ratio.lo, r.geomeans[g].ratio.hi, g + 1 < r.ngeomeans ? ";" : "\n");
	}

	/* 3. What resampling one large cell would cost instead. */
	{
		const struct compare_row *row = &r.rows[0];
		gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);

		gsl_rng_set(rng, 1);
		t0 = now_ns();
		if (stats_ratio_ci(row->cb->values, row->cb->n, row->cv->values, row->cv->n, rng, r.resamples, 0.95,
				   &iv) < 0)
			return die("bootstrap");
		t_boot = seconds_since(t0);
		printf("3. for scale: bootstrap of one cell (%zu + %zu values, %u resamples): %.3f s, interval "
		       "[%.4f, %.4f] against order statistics' [%.4f, %.4f]; resampling all %zu rows would take "
		       "about %.0f s, plus the geometric means\n", row->cb->n, row->cv->n, r.resamples, t_boot,
		       iv.lo, iv.hi, row->ratio.lo, row->ratio.hi, r.nrows, t_boot * (double)r.nrows);
		gsl_rng_free(rng);
	}
	fclose(devnull);
	compare_result_release(&r);
	store_close(s);
	return 0;
}
