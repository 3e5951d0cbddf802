#include "compare.h"
#include "error.h"
#include "util.h"

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/*
 * Verdicts stay honest with few samples: "faster"/"slower" need both a
 * significant test and a CI that excludes 1 by more than the threshold;
 * "same" needs the whole CI inside the threshold; the rest is
 * "inconclusive", which says to take more samples.
 */
static const char *verdict(const struct compare_row *row, double threshold)
{
	if (!row->valid)
		return "no data";
	if (row->n_base < 2 || row->n_variant < 2)
		return "too few samples";
	if (row->p < COMPARE_ALPHA && (row->ratio.hi < 1 - threshold || row->ratio.lo > 1 + threshold))
		return row->ratio.estimate < 1 ? "faster" : "slower";
	if (row->ratio.lo >= 1 - threshold && row->ratio.hi <= 1 + threshold)
		return "same";
	return "inconclusive";
}

static int find_name(const struct strv *names, const char *name)
{
	for (size_t i = 0; i < names->n; i++)
		if (!strcmp(names->v[i], name))
			return (int)i;
	return -1;
}

int compare_campaign(struct store *s, const struct compare_opts *o, struct compare_result *r)
{
	struct campaign_summary *cs = &r->summary;
	double **values = NULL;
	size_t *counts = NULL, nv, nw;
	gsl_rng *rng = NULL;
	int64_t campaign = o->campaign;
	int base, ret = -1;

	memset(r, 0, sizeof(*r));
	if (!campaign && store_latest_campaign(s, &campaign) < 0)
		return -1;
	if (store_campaign_summary(s, campaign, cs) < 0)
		return -1;
	nv = cs->variants.n;
	nw = cs->workloads.n;
	if (nv < 2) {
		error_set("campaign %lld measured only one variant; nothing to compare", (long long)campaign);
		goto out;
	}
	base = o->base ? find_name(&cs->variants, o->base) : 0;
	if (base < 0) {
		char *list = strv_join(&cs->variants, ", ");

		error_set("variant '%s' is not in campaign %lld (it has: %s)", o->base, (long long)campaign, list);
		free(list);
		goto out;
	}
	r->base = cs->variants.v[base];
	snprintf(r->metric, sizeof(r->metric), "%s", o->metric ? o->metric : "wall");
	r->threshold = o->threshold;
	r->seed = o->seed;

	values = xcalloc(nv * nw, sizeof(*values));
	counts = xcalloc(nv * nw, sizeof(*counts));
	for (size_t v = 0; v < nv; v++)
		for (size_t w = 0; w < nw; w++)
			if (store_values(s, campaign, cs->variants.v[v], cs->workloads.v[w], r->metric,
					 &values[v * nw + w], &counts[v * nw + w]) < 0)
				goto out;

	rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, (unsigned long)o->seed);
	r->rows = xcalloc((nv - 1) * nw, sizeof(*r->rows));
	r->geomeans = xcalloc(nv - 1, sizeof(*r->geomeans));
	for (size_t w = 0; w < nw; w++) {
		long bad;
		char what[64];

		if (store_bad_samples(s, campaign, r->base, cs->workloads.v[w], &bad, what, sizeof(what)) < 0)
			goto out;
		r->base_bad += bad;
	}
	for (size_t v = 0; v < nv; v++) {
		const double **gb, **gv;
		size_t *gnb, *gnv, k = 0;
		struct compare_geomean *g;

		if ((int)v == base)
			continue;
		g = &r->geomeans[r->ngeomeans++];
		g->variant = cs->variants.v[v];
		gb = xcalloc(nw, sizeof(*gb));
		gv = xcalloc(nw, sizeof(*gv));
		gnb = xcalloc(nw, sizeof(*gnb));
		gnv = xcalloc(nw, sizeof(*gnv));
		for (size_t w = 0; w < nw; w++) {
			struct compare_row *row = &r->rows[r->nrows++];
			const double *xb = values[base * nw + w], *xv = values[v * nw + w];
			size_t nb = counts[base * nw + w], nvv = counts[v * nw + w];
			double u;

			row->variant = cs->variants.v[v];
			row->workload = cs->workloads.v[w];
			row->n_base = nb;
			row->n_variant = nvv;
			row->p = NAN;
			if (store_bad_samples(s, campaign, row->variant, row->workload, &row->bad,
					      row->bad_what, sizeof(row->bad_what)) < 0)
				goto geo_fail;
			if (nb && nvv) {
				row->base_median = stats_median(xb, nb);
				row->variant_median = stats_median(xv, nvv);
				if (stats_ratio_ci(xb, nb, xv, nvv, rng, COMPARE_RESAMPLES, 0.95, &row->ratio) == 0) {
					row->valid = 1;
					gb[k] = xb, gnb[k] = nb, gv[k] = xv, gnv[k] = nvv, k++;
				}
				if (stats_mann_whitney(xb, nb, xv, nvv, &u, &row->p) < 0)
					row->p = NAN;
				error_clear();
			}
			row->verdict = verdict(row, r->threshold);
		}
		g->workloads = k;
		if (k && stats_geomean_ci(k, gb, gnb, gv, gnv, rng, COMPARE_RESAMPLES, 0.95, &g->ratio) == 0)
			g->valid = 1;
		error_clear();
		free(gb), free(gv), free(gnb), free(gnv);
		continue;
geo_fail:
		free(gb), free(gv), free(gnb), free(gnv);
		goto out;
	}
	ret = 0;
out:
	for (size_t i = 0; values && i < nv * nw; i++)
		free(values[i]);
	free(values);
	free(counts);
	if (rng)
		gsl_rng_free(rng);
	if (ret < 0)
		compare_result_release(r);
	return ret;
}

static int metric_is_time(const char *metric)
{
	return !strcmp(metric, "wall") || !strcmp(metric, "user") || !strcmp(metric, "sys");
}

static void format_value(char *buf, size_t size, const char *metric, double v)
{
	if (metric_is_time(metric)) {
		if (v >= 1)
			snprintf(buf, size, "%.3g s", v);
		else if (v >= 1e-3)
			snprintf(buf, size, "%.3g ms", v * 1e3);
		else
			snprintf(buf, size, "%.3g us", v * 1e6);
	} else if (!strcmp(metric, "maxrss")) {
		snprintf(buf, size, "%.3g MiB", v / 1024);
	} else {
		snprintf(buf, size, "%.4g", v);
	}
}

void compare_print_text(const struct compare_result *r, FILE *out)
{
	const struct campaign_summary *cs = &r->summary;
	int wl = (int)strlen("geometric mean");

	for (size_t i = 0; i < cs->workloads.n; i++)
		if ((int)strlen(cs->workloads.v[i]) > wl)
			wl = (int)strlen(cs->workloads.v[i]);
	fprintf(out, "campaign %lld (%s, %s): %s\n", (long long)cs->id, cs->started, cs->status, cs->machine);
	fprintf(out, "source %s; metric %s; base %s; %d samples per cell after %d warm-up%s; "
		"bootstrap seed %llu\n", cs->source, r->metric, r->base, cs->samples, cs->warmups,
		cs->warmups == 1 ? "" : "s", (unsigned long long)r->seed);
	if (strcmp(cs->status, "complete"))
		fprintf(out, "warning: campaign is %s: %ld of %ld planned samples stored\n", cs->status, cs->taken,
			cs->planned);
	for (size_t i = 0; i < cs->unsupported.n; i++)
		fprintf(out, "note: %s\n", cs->unsupported.v[i]);
	for (size_t g = 0; g < r->ngeomeans; g++) {
		const char *variant = r->geomeans[g].variant;

		fprintf(out, "\n%-*s  %10s  %10s  %6s  %-17s  %7s  %s\n", wl, "workload", r->base, variant,
			"ratio", "95% CI", "p (MWU)", "verdict");
		for (size_t i = 0; i < r->nrows; i++) {
			const struct compare_row *row = &r->rows[i];
			char b[32], v[32], ci[40], p[16];

			if (strcmp(row->variant, variant))
				continue;
			if (!row->valid) {
				fprintf(out, "%-*s  %10s  %10s  %6s  %-17s  %7s  %s", wl, row->workload, "-", "-", "-",
					"", "", row->verdict);
			} else {
				format_value(b, sizeof(b), r->metric, row->base_median);
				format_value(v, sizeof(v), r->metric, row->variant_median);
				snprintf(ci, sizeof(ci), "[%.3f, %.3f]", row->ratio.lo, row->ratio.hi);
				if (isnan(row->p))
					snprintf(p, sizeof(p), "-");
				else
					snprintf(p, sizeof(p), "%.3g", row->p);
				fprintf(out, "%-*s  %10s  %10s  %6.3f  %-17s  %7s  %s", wl, row->workload, b, v,
					row->ratio.estimate, ci, p, row->verdict);
			}
			if (row->bad)
				fprintf(out, "  (%ld bad sample%s: %s)", row->bad, row->bad == 1 ? "" : "s",
					row->bad_what);
			fputc('\n', out);
		}
		if (r->geomeans[g].valid)
			fprintf(out, "%-*s  %10s  %10s  %6.3f  [%.3f, %.3f]  over %zu workload%s\n", wl,
				"geometric mean", "", "", r->geomeans[g].ratio.estimate, r->geomeans[g].ratio.lo,
				r->geomeans[g].ratio.hi, r->geomeans[g].workloads,
				r->geomeans[g].workloads == 1 ? "" : "s");
		else
			fprintf(out, "%-*s  no workload has valid samples on both sides\n", wl, "geometric mean");
	}
	fprintf(out, "\nratio = %s of variant / %s of %s (below 1 is %s); CI by bootstrap of medians; "
		"verdicts need p < %.2g and a CI beyond ±%.3g%%\n", r->metric, r->metric, r->base,
		metric_is_time(r->metric) ? "faster" : "fewer", COMPARE_ALPHA, r->threshold * 100);
	if (r->base_bad)
		fprintf(out, "warning: the base %s has %ld bad samples (failures or wrong output), left out\n",
			r->base, r->base_bad);
}

int compare_write_chart(const struct compare_result *r, const char *path, enum chart_format fmt,
			double *width, double *height)
{
	const struct campaign_summary *cs = &r->summary;
	struct chart_series *series = xcalloc(r->ngeomeans, sizeof(*series));
	struct chart_point *points = xcalloc(r->nrows ? r->nrows : 1, sizeof(*points));
	struct chart_speedup chart = { 0 };
	char title[256], caption[1024];
	size_t used = 0;
	int ret;

	for (size_t g = 0; g < r->ngeomeans; g++) {
		struct chart_series *sr = &series[g];

		sr->variant = r->geomeans[g].variant;
		sr->points = &points[used];
		for (size_t i = 0; i < r->nrows; i++) {
			const struct compare_row *row = &r->rows[i];

			if (strcmp(row->variant, sr->variant))
				continue;
			points[used].label = row->workload;
			points[used].ratio = row->valid ? row->ratio.estimate : NAN;
			points[used].lo = row->valid ? row->ratio.lo : NAN;
			points[used].hi = row->valid ? row->ratio.hi : NAN;
			used++;
			sr->npoints++;
		}
		sr->geomean.label = "geometric mean";
		sr->geomean.ratio = r->geomeans[g].valid ? r->geomeans[g].ratio.estimate : NAN;
		sr->geomean.lo = r->geomeans[g].valid ? r->geomeans[g].ratio.lo : NAN;
		sr->geomean.hi = r->geomeans[g].valid ? r->geomeans[g].ratio.hi : NAN;
	}
	if (r->ngeomeans == 1)
		snprintf(title, sizeof(title), "%s vs %s — %s%s", series[0].variant, r->base, r->metric,
			 metric_is_time(r->metric) ? " time" : "");
	else
		snprintf(title, sizeof(title), "variants vs %s — %s", r->base, r->metric);
	snprintf(caption, sizeof(caption), "%s · CPython %s · campaign %lld, %s · %d samples per cell, "
		 "95%% bootstrap CIs", cs->machine, cs->source, (long long)cs->id, cs->started, cs->samples);
	chart.title = title;
	chart.base = r->base;
	chart.metric = metric_is_time(r->metric) ? (!strcmp(r->metric, "wall") ? "wall time" : r->metric) : r->metric;
	chart.caption = caption;
	chart.series = series;
	chart.nseries = r->ngeomeans;
	chart_speedup_size(&chart, width, height);
	ret = chart_speedup_write(&chart, path, fmt);
	free(series);
	free(points);
	return ret;
}

void compare_result_release(struct compare_result *r)
{
	campaign_summary_release(&r->summary);
	free(r->rows);
	free(r->geomeans);
	memset(r, 0, sizeof(*r));
}
