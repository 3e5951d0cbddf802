#include "compare.h"
#include "error.h"
#include "util.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort_double.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum metric_kind { KIND_SECONDS, KIND_NANOSECONDS, KIND_KIB, KIND_RATIO, KIND_COUNT };

/* Metrics computed per sample from two stored values (harness/store.c reads them). */
static const struct derived {
	const char *name, *needs[2], *what;
} derived[] = {
	{ "ipc", { "instructions", "cycles" }, "instructions / cycles" },
	{ "branch-mpki", { "branch-misses", "instructions" }, "branch-misses per 1000 instructions" },
	{ "cache-mpki", { "cache-misses", "instructions" }, "cache-misses per 1000 instructions" },
	{ "cpu-util", { "task-clock", NULL }, "task-clock / wall time" },
};

static const struct derived *derived_metric(const char *metric)
{
	for (size_t i = 0; i < sizeof(derived) / sizeof(*derived); i++)
		if (!strcmp(metric, derived[i].name))
			return &derived[i];
	return NULL;
}

static enum metric_kind metric_kind(const char *metric)
{
	if (!strcmp(metric, "wall") || !strcmp(metric, "user") || !strcmp(metric, "sys"))
		return KIND_SECONDS;
	/* perf's software clocks count nanoseconds. */
	if (!strcmp(metric, "task-clock") || !strcmp(metric, "cpu-clock"))
		return KIND_NANOSECONDS;
	if (!strcmp(metric, "maxrss"))
		return KIND_KIB;
	if (derived_metric(metric))
		return KIND_RATIO;
	return KIND_COUNT;
}

const char *compare_verdict_name(enum compare_verdict v, const char *metric)
{
	static const char *const lower[] = { "faster", "faster", "smaller", "lower", "fewer" };
	static const char *const higher[] = { "slower", "slower", "larger", "higher", "more" };

	switch (v) {
	case COMPARE_LOWER: return lower[metric_kind(metric)];
	case COMPARE_HIGHER: return higher[metric_kind(metric)];
	case COMPARE_SAME: return "same";
	case COMPARE_NOISY: return "noisy";
	case COMPARE_NO_DATA: break;
	}
	return "no data";
}

int compare_format_parse(const char *name, enum compare_format *out)
{
	static const struct { const char *name; enum compare_format fmt; } names[] = {
		{ "text", COMPARE_TEXT }, { "markdown", COMPARE_MARKDOWN }, { "md", COMPARE_MARKDOWN },
		{ "csv", COMPARE_CSV }, { "json", COMPARE_JSON },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (!strcmp(name, names[i].name)) {
			*out = names[i].fmt;
			return 0;
		}
	return error_set("--format: '%s' is not one of text, markdown, csv, json", name);
}

int compare_sort_parse(const char *name, enum compare_sort *out)
{
	static const char *const names[] = { "campaign", "name", "ratio", "p" };

	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (!strcmp(name, names[i])) {
			*out = (enum compare_sort)i;
			return 0;
		}
	return error_set("--sort: '%s' is not one of campaign, name, ratio, p", name);
}

/* Spread of a cell relative to its level: the scaled MAD when there is one, else the CV. */
static double robust_cv(const struct stats_summary *s)
{
	if (s->mad > 0 && s->median > 0)
		return s->mad / gsl_cdf_ugaussian_Pinv(0.75) / s->median;
	return fabs(s->cv);
}

/*
 * A significant change inside the threshold is "same": the threshold says
 * what matters, the test only says what is real.  "same" without
 * significance needs the whole interval inside the threshold, so noise
 * never passes for equality.
 */
enum compare_verdict compare_judge(struct compare_row *row, double threshold, double alpha,
				   size_t workloads)
{
	const struct stats_interval *q = &row->ratio;
	size_t n_now = row->n_base < row->n_variant ? row->n_base : row->n_variant;
	int significant, few;
	double cvb, cvv, cv, half, target;
	unsigned long need = COMPARE_MIN_SAMPLES;

	row->need = 0;
	if (!row->valid)
		return COMPARE_NO_DATA;
	few = row->n_base < COMPARE_MIN_SAMPLES || row->n_variant < COMPARE_MIN_SAMPLES;
	significant = !few && row->p_adj < alpha && (q->hi < 1.0 || q->lo > 1.0);
	if (significant && q->estimate < 1.0 - threshold)
		return COMPARE_LOWER;
	if (significant && q->estimate > 1.0 + threshold)
		return COMPARE_HIGHER;
	if (!few && row->p_adj < alpha && fabs(q->estimate - 1.0) <= threshold)
		return COMPARE_SAME;
	if (!few && q->lo >= 1.0 - threshold && q->hi <= 1.0 + threshold)
		return COMPARE_SAME;

	/*
	 * Noisy: the samples that would settle the likelier outcome.  A change
	 * beyond the threshold needs power to detect that change; one within
	 * it needs an interval as narrow as the threshold.  Both after the
	 * worst case of Holm's correction, and enough to shrink the interval
	 * seen to that size (half-widths fall as 1 / sqrt(n)).
	 */
	target = fmax(threshold, fabs(q->estimate - 1.0));
	cvb = row->cb ? robust_cv(&row->cb->s) : 0.0;
	cvv = row->cv ? robust_cv(&row->cv->s) : 0.0;
	cv = sqrt((cvb * cvb + cvv * cvv) / 2.0);
	if (target > 0 && stats_samples_needed(cv, target, alpha / (double)(workloads ? workloads : 1),
					       COMPARE_POWER, &need) < 0) {
		error_clear();
		need = COMPARE_MIN_SAMPLES;
	}
	half = (q->hi - q->lo) / 2.0;
	if (target > 0 && n_now > 0 && half > target) {
		double shrink = ceil((double)n_now * (half / target) * (half / target));

		if (shrink > (double)need)
			need = shrink >= 1e9 ? 1000000000UL : (unsigned long)shrink;
	}
	if (need < COMPARE_MIN_SAMPLES)
		need = COMPARE_MIN_SAMPLES;
	/* The guides are approximate: never ask for fewer than are already there. */
	if (need <= n_now)
		need = 2 * n_now;
	row->need = need;
	return COMPARE_NOISY;
}

static int find_name(const struct strv *names, const char *name)
{
	for (size_t i = 0; i < names->n; i++)
		if (!strcmp(names->v[i], name))
			return (int)i;
	return -1;
}

static int has_tag(const char *tags, const char *tag)
{
	size_t len = strlen(tag);

	for (const char *p = tags; (p = strstr(p, tag)); p += len)
		if ((p == tags || p[-1] == ' ') && (p[len] == ' ' || !p[len]))
			return 1;
	return 0;
}

/* Reject metrics the campaign never asked for, naming those it has. */
static int check_metric(struct store *s, int64_t campaign, const char *metric)
{
	static const char *const builtin[] = { "wall", "user", "sys", "maxrss" };
	struct strv events = STRV_INIT, counted = STRV_INIT;
	char *list;
	int ret = 0;

	for (size_t i = 0; i < sizeof(builtin) / sizeof(*builtin); i++)
		if (!strcmp(metric, builtin[i]))
			return 0;
	/* Events asked for but not countable (no PMU) pass: the result says why they are empty. */
	if (store_campaign_events(s, campaign, 0, &events) < 0 || store_campaign_events(s, campaign, 1, &counted) < 0) {
		strv_release(&events);
		return -1;
	}
	list = strv_join(&counted, ", ");
	if (derived_metric(metric)) {
		const struct derived *d = derived_metric(metric);

		if (find_name(&events, d->needs[0]) < 0 || (d->needs[1] && find_name(&events, d->needs[1]) < 0))
			ret = error_set("metric %s is %s, and campaign %lld did not count %s%s%s (it counted: %s); "
					"measure with --events %s%s%s", metric, d->what, (long long)campaign,
					d->needs[0], d->needs[1] ? " and " : "", d->needs[1] ? d->needs[1] : "",
					counted.n ? list : "no events", d->needs[0], d->needs[1] ? "," : "",
					d->needs[1] ? d->needs[1] : "");
	} else if (events.n && find_name(&events, metric) < 0) {
		ret = error_set("campaign %lld has no metric '%s' (it has wall, user, sys, maxrss%s%s%s)",
				(long long)campaign, metric, counted.n ? ", " : "", list,
				find_name(&counted, "instructions") >= 0 && find_name(&counted, "cycles") >= 0
					? ", ipc" : "");
	}
	free(list);
	strv_release(&events);
	strv_release(&counted);
	return ret;
}

/* One side of the comparisons: a variant of a campaign, or half of its samples. */
struct side {
	const char *label, *variant;
	int64_t campaign;
	int half;		/* 0: all samples; 1: even positions (A); 2: odd positions (B) */
};

static double median_or_nan(double *x, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (!isnan(x[i]))
			x[k++] = x[i];
	return k ? stats_median(x, k) : NAN;
}

/* Fill the cells of one side x workload from a read (split when half != 0). */
static void fill_cell(struct compare_cell *c, const double *values, const double *times, size_t n, int half)
{
	double *t = xcalloc(n ? n : 1, sizeof(*t));
	size_t k = 0;

	c->values = xcalloc(n ? n : 1, sizeof(*c->values));
	for (size_t i = 0; i < n; i++) {
		if (half && (int)(i % 2) != half - 1)
			continue;
		c->values[k] = values[i];
		t[k] = times ? times[i] : NAN;
		k++;
	}
	c->n = k;
	c->time_median = median_or_nan(t, k);
	free(t);
	/*
	 * Every statistic here depends on the values, not their order, and
	 * the stats functions skip sorting sorted input: sort once, not once
	 * per statistic.  (The bootstrap then draws from sorted arrays, which
	 * changes which draws a seed makes, not their distribution.)
	 */
	gsl_sort(c->values, 1, k);
	memset(&c->s, 0, sizeof(c->s));
	if (k && stats_summarize(c->values, k, &c->s) < 0) {
		/* Stored values are finite; if one is not, the cell has no usable data. */
		error_clear();
		memset(&c->s, 0, sizeof(c->s));
	}
}

/* "2026-11-21T11:22:33Z" as Unix seconds, NAN if it is not that. */
static double parse_utc(const char *t)
{
	int y, mo, d, h, mi, sec, n = 0;
	long days;

	if (!t || sscanf(t, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6 || !n ||
	    mo < 1 || mo > 12)
		return NAN;
	/* Days from 1970-01-01 to y-mo-d in the proleptic Gregorian calendar (H. Hinnant). */
	y -= mo <= 2;
	days = (long)(y >= 0 ? y : y - 399) / 400 * 146097;
	{
		long yoe = (long)y - (long)(y >= 0 ? y : y - 399) / 400 * 400;
		long doy = (153L * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5 + d - 1;

		days += yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
	}
	return (double)days * 86400.0 + h * 3600.0 + mi * 60.0 + sec;
}

/* Samples of one (campaign, variant) on one workload, as the scan meets them. */
struct cell_buf {
	double *v, *t;
	size_t n, cap;
	long bad;
	char what[64];
};

struct scan {
	const struct side *sides;
	size_t nsides;
	int64_t campaign;
	const struct strv *workloads;
	const size_t *sel;
	size_t nsel;
	struct cell_buf *bufs;		/* [side][selected workload]; the B half of A/A uses A's */
	char last_at[32];		/* consecutive samples often share their second */
	double last_t;
};

static int scan_sample(void *ctx, const char *variant, const char *workload, int warmup, const char *status,
		       double value, const char *taken_at)
{
	struct scan *sc = ctx;
	size_t w;

	for (w = 0; w < sc->nsel; w++)
		if (!strcmp(sc->workloads->v[sc->sel[w]], workload))
			break;
	if (w == sc->nsel || !variant || !status)
		return 0;
	for (size_t i = 0; i < sc->nsides; i++) {
		const struct side *sd = &sc->sides[i];
		struct cell_buf *b = &sc->bufs[i * sc->nsel + w];

		if (sd->campaign != sc->campaign || sd->half == 2 || strcmp(sd->variant, variant))
			continue;
		if (strcmp(status, "ok")) {
			size_t len = strlen(b->what);

			b->bad++;
			if (!strstr(b->what, status))
				snprintf(b->what + len, sizeof(b->what) - len, "%s%s", len ? "," : "", status);
			continue;
		}
		/* A counter that never ran scales to inf or NaN: not a measurement. */
		if (warmup || !isfinite(value))
			continue;
		if (b->n == b->cap) {
			b->cap = b->cap ? 2 * b->cap : 64;
			b->v = xrealloc(b->v, b->cap * sizeof(*b->v));
			b->t = xrealloc(b->t, b->cap * sizeof(*b->t));
		}
		if (!taken_at || strcmp(taken_at, sc->last_at)) {
			sc->last_t = parse_utc(taken_at);
			snprintf(sc->last_at, sizeof(sc->last_at), "%s", taken_at ? taken_at : "");
		}
		b->v[b->n] = value;
		b->t[b->n] = sc->last_t;
		b->n++;
	}
	return 0;
}

/* One pass over each campaign involved, then the cells (A/A halves split alternately). */
static int read_cells(struct store *s, struct compare_result *r, const struct side *sides, size_t nsides,
		      const size_t *sel, size_t nsel)
{
	struct scan sc = { sides, nsides, 0, &r->summary.workloads, sel, nsel, NULL, "", NAN };
	int64_t done[2] = { 0, 0 };
	size_t nbufs = nsides * nsel;
	int ret = 0;

	sc.bufs = xcalloc(nbufs ? nbufs : 1, sizeof(*sc.bufs));
	for (size_t i = 0; i < nsides && ret == 0; i++) {
		if (sides[i].campaign == done[0] || sides[i].campaign == done[1])
			continue;
		done[done[0] ? 1 : 0] = sides[i].campaign;
		sc.campaign = sides[i].campaign;
		sc.last_at[0] = '\0';
		ret = store_campaign_samples(s, sc.campaign, r->metric, scan_sample, &sc);
	}
	r->ncells = nsides * nsel;
	r->cells = xcalloc(r->ncells ? r->ncells : 1, sizeof(*r->cells));
	for (size_t i = 0; i < nsides; i++)
		for (size_t w = 0; w < nsel; w++) {
			struct compare_cell *c = &r->cells[i * nsel + w];
			const struct cell_buf *b = &sc.bufs[(sides[i].half == 2 ? i - 1 : i) * nsel + w];

			c->side = sides[i].label;
			c->workload = r->summary.workloads.v[sel[w]];
			c->bad = b->bad;
			snprintf(c->bad_what, sizeof(c->bad_what), "%s", b->what);
			if (ret == 0)
				fill_cell(c, b->v, b->t, b->n, sides[i].half);
		}
	for (size_t i = 0; i < nsides * nsel; i++) {
		free(sc.bufs[i].v);
		free(sc.bufs[i].t);
	}
	free(sc.bufs);
	return ret < 0 ? -1 : 0;
}

/* Everything about one row that needs only its two cells. */
static void measure_row(struct compare_row *row, gsl_rng *rng, unsigned resamples, size_t limit)
{
	const struct compare_cell *cb = row->cb, *cv = row->cv;
	const double *xb = cb->values, *xv = cv->values;
	size_t nb = cb->s.n, nv = cv->s.n;
	int ret;

	row->n_base = cb->n;
	row->n_variant = cv->n;
	row->p = row->p_adj = row->u = row->hl_shift = NAN;
	row->welch.t = row->welch.df = row->welch.p = NAN;
	row->ratio.estimate = row->ratio.lo = row->ratio.hi = NAN;
	row->gap = fabs(cb->time_median - cv->time_median);
	if (!nb || !nv)
		return;
	row->base_median = cb->s.median;
	row->variant_median = cv->s.median;
	ret = -1;
	if (nb > limit || nv > limit - nb) {
		row->ci = COMPARE_CI_ORDER;
		ret = stats_ratio_ci_os(xb, nb, xv, nv, 0.95, &row->ratio);
	}
	/* Also when one side of a large cell is too small for order statistics. */
	if (ret < 0) {
		error_clear();
		row->ci = COMPARE_CI_BOOTSTRAP;
		ret = stats_ratio_ci(xb, nb, xv, nv, rng, resamples, 0.95, &row->ratio);
	}
	if (ret < 0) {
		row->ci = COMPARE_CI_NONE;
		snprintf(row->note, sizeof(row->note), "no ratio: %s", error_message());
		error_clear();
	} else {
		row->valid = 1;
	}
	if (stats_mann_whitney(xb, nb, xv, nv, &row->u, &row->p) < 0)
		row->u = row->p = NAN;
	if (nb >= 2 && nv >= 2 && stats_welch(xb, nb, xv, nv, &row->welch) < 0)
		row->welch.t = row->welch.df = row->welch.p = NAN;
	if (stats_hodges_lehmann(xb, nb, xv, nv, &row->hl_shift) < 0)
		row->hl_shift = NAN;
	error_clear();
}

/* Geometric mean over the valid rows of one comparison that carry tag (NULL: all). */
static void geomean(struct compare_geomean *g, const struct compare_row *rows, size_t n, const char *tag,
		    gsl_rng *rng, unsigned resamples, size_t limit)
{
	const double **gb = xcalloc(n ? n : 1, sizeof(*gb)), **gv = xcalloc(n ? n : 1, sizeof(*gv));
	size_t *gnb = xcalloc(n ? n : 1, sizeof(*gnb)), *gnv = xcalloc(n ? n : 1, sizeof(*gnv)), k = 0;

	g->variant = n ? rows[0].variant : NULL;
	g->base = n ? rows[0].base : NULL;
	g->tag = tag;
	for (size_t i = 0; i < n; i++) {
		const struct compare_row *row = &rows[i];

		if (!row->valid || (tag && !has_tag(row->tags, tag)))
			continue;
		gb[k] = row->cb->values, gnb[k] = row->cb->s.n;
		gv[k] = row->cv->values, gnv[k] = row->cv->s.n;
		if (gnb[k] > limit || gnv[k] > limit - gnb[k])
			g->order = 1;
		k++;
	}
	g->workloads = k;
	/* One workload: its own row, not a second bootstrap that would differ in the last digit. */
	if (k == 1) {
		for (size_t i = 0; i < n; i++)
			if (rows[i].valid && (!tag || has_tag(rows[i].tags, tag))) {
				g->ratio = rows[i].ratio;
				g->order = rows[i].ci == COMPARE_CI_ORDER;
				g->valid = 1;
			}
	} else if (k && stats_geomean_ci_limit(k, gb, gnb, gv, gnv, rng, resamples, 0.95, limit, &g->ratio) == 0)
		g->valid = 1;
	error_clear();
	free(gb), free(gv), free(gnb), free(gnv);
}

static enum compare_sort sort_key;

static int cmp_rows(const void *x, const void *y)
{
	const struct compare_row *a = x, *b = y;
	double ka, kb;

	switch (sort_key) {
	case COMPARE_SORT_NAME:
		return strcmp(a->workload, b->workload);
	case COMPARE_SORT_RATIO:
		ka = a->valid ? a->ratio.estimate : INFINITY;
		kb = b->valid ? b->ratio.estimate : INFINITY;
		break;
	case COMPARE_SORT_P:
		ka = isnan(a->p_adj) ? INFINITY : a->p_adj;
		kb = isnan(b->p_adj) ? INFINITY : b->p_adj;
		break;
	default:
		return 0;
	}
	if (ka != kb)
		return ka < kb ? -1 : 1;
	return strcmp(a->workload, b->workload);
}

static void format_gap(char *buf, size_t size, double seconds)
{
	if (seconds >= 86400)
		snprintf(buf, size, "%.1f days", seconds / 86400);
	else if (seconds >= 3600)
		snprintf(buf, size, "%.1f h", seconds / 3600);
	else
		snprintf(buf, size, "%.0f min", seconds / 60);
}

/* Why a metric has no samples at all, in the user's words. */
static void explain_no_data(struct compare_result *r)
{
	const char *wanted[2] = { r->metric, NULL };
	size_t len = 0;

	if (derived_metric(r->metric))
		wanted[0] = derived_metric(r->metric)->needs[0], wanted[1] = derived_metric(r->metric)->needs[1];
	for (size_t w = 0; w < 2 && wanted[w]; w++)
		for (size_t i = 0; i < r->summary.unsupported.n; i++) {
			const char *u = r->summary.unsupported.v[i];
			size_t n = strlen(wanted[w]);

			if (!strncmp(u, wanted[w], n) && u[n] == ':')
				len += (size_t)snprintf(r->no_data + len, sizeof(r->no_data) - len, "%s%s",
							len ? "; " : "", u);
			if (len >= sizeof(r->no_data))
				return;
		}
	if (len)
		snprintf(r->no_data + len, sizeof(r->no_data) - len, " (this machine could not count it, "
			 "so no sample has %s)", r->metric);
	else
		snprintf(r->no_data, sizeof(r->no_data), "no measured sample of campaign %lld has %s",
			 (long long)r->summary.id, r->metric);
}

int compare_campaign(struct store *s, const struct compare_opts *o, struct compare_result *r)
{
	struct campaign_summary *cs = &r->summary;
	struct side *sides = NULL;
	size_t *sel = NULL, nsel = 0, nsides = 0, ncmp = 0, (*cmp)[2] = NULL;
	size_t limit = o->resample_limit ? o->resample_limit : COMPARE_RESAMPLE_LIMIT, tag_base;
	struct strv tagnames = STRV_INIT;
	gsl_rng *rng = NULL;
	int64_t campaign = o->campaign;
	double *pv = NULL, worst_gap = 0;
	char gap_where[256] = "";
	int ret = -1;

	memset(r, 0, sizeof(*r));
	snprintf(r->metric, sizeof(r->metric), "%s", o->metric ? o->metric : "wall");
	r->threshold = o->threshold;
	r->alpha = COMPARE_ALPHA;
	r->seed = o->seed;
	r->resamples = COMPARE_RESAMPLES;
	r->aa = o->aa;
	r->tag = o->tag;
	r->base_campaign = o->base_campaign;
	if (!campaign && store_latest_campaign(s, &campaign) < 0)
		return -1;
	if (store_campaign_summary(s, campaign, cs) < 0)
		return -1;
	if (o->aa && o->base_campaign) {
		error_set("--aa splits one campaign's samples; it cannot take --base-campaign");
		goto out;
	}
	if (o->base_campaign && store_campaign_summary(s, o->base_campaign, &r->base_summary) < 0)
		goto out;
	if (check_metric(s, campaign, r->metric) < 0 ||
	    (o->base_campaign && check_metric(s, o->base_campaign, r->metric) < 0))
		goto out;
	if (store_campaign_workload_tags(s, campaign, &r->tags) < 0)
		goto out;

	/* Workloads: all of the campaign's, or those with the tag. */
	sel = xcalloc(cs->workloads.n ? cs->workloads.n : 1, sizeof(*sel));
	for (size_t w = 0; w < cs->workloads.n; w++)
		if (!o->tag || (w < r->tags.n && has_tag(r->tags.v[w], o->tag)))
			sel[nsel++] = w;
	if (!nsel && o->tag) {
		char *all = strv_join(&r->tags, " ");

		error_set("no workload of campaign %lld has tag '%s' (tags: %s)", (long long)campaign, o->tag,
			  all[0] ? all : "none");
		free(all);
		goto out;
	}
	if (!nsel) {
		error_set("campaign %lld has no workloads", (long long)campaign);
		goto out;
	}

	/* Sides and the pairs compared. */
	sides = xcalloc(2 * cs->variants.n + 1, sizeof(*sides));
	cmp = xcalloc(cs->variants.n + 1, sizeof(*cmp));
	if (o->aa) {
		for (size_t v = 0; v < cs->variants.n; v++) {
			const char *name = cs->variants.v[v];

			if (o->base && strcmp(o->base, name))
				continue;
			for (int h = 1; h <= 2; h++) {
				strv_pushf(&r->labels, "%s/%c", name, h == 1 ? 'A' : 'B');
				sides[nsides++] = (struct side){ NULL, name, campaign, h };
			}
			cmp[ncmp][0] = nsides - 2, cmp[ncmp][1] = nsides - 1, ncmp++;
		}
		if (!ncmp) {
			char *list = strv_join(&cs->variants, ", ");

			error_set("variant '%s' is not in campaign %lld (it has: %s)", o->base,
				  (long long)campaign, list);
			free(list);
			goto out;
		}
	} else {
		const struct strv *bv = o->base_campaign ? &r->base_summary.variants : &cs->variants;
		int base = o->base ? find_name(bv, o->base) : 0;

		if (base < 0 || !bv->n) {
			char *list = strv_join(bv, ", ");

			error_set("variant '%s' is not in campaign %lld (it has: %s)", o->base ? o->base : "",
				  (long long)(o->base_campaign ? o->base_campaign : campaign), list);
			free(list);
			goto out;
		}
		if (o->base_campaign) {
			strv_pushf(&r->labels, "%s@%lld", bv->v[base], (long long)o->base_campaign);
			sides[nsides++] = (struct side){ NULL, bv->v[base], o->base_campaign, 0 };
		} else {
			strv_push(&r->labels, bv->v[base]);
			sides[nsides++] = (struct side){ NULL, bv->v[base], campaign, 0 };
		}
		for (size_t v = 0; v < cs->variants.n; v++) {
			if (!o->base_campaign && (int)v == base)
				continue;
			strv_push(&r->labels, cs->variants.v[v]);
			sides[nsides++] = (struct side){ NULL, cs->variants.v[v], campaign, 0 };
			cmp[ncmp][0] = 0, cmp[ncmp][1] = nsides - 1, ncmp++;
		}
		if (!ncmp) {
			error_set("campaign %lld measured only one variant; nothing to compare "
				  "(try --aa for a self-check)", (long long)campaign);
			goto out;
		}
	}
	for (size_t i = 0; i < nsides; i++)
		sides[i].label = r->labels.v[i];
	r->base = sides[cmp[0][0]].label;

	if (read_cells(s, r, sides, nsides, sel, nsel) < 0)
		goto out;

	/* Distinct tags of the selected workloads, in order of appearance. */
	for (size_t w = 0; w < nsel; w++) {
		struct strv words = STRV_INIT;

		if (sel[w] < r->tags.n && split_words(r->tags.v[sel[w]], &words) == 0)
			for (size_t i = 0; i < words.n; i++)
				if (find_name(&tagnames, words.v[i]) < 0)
					strv_push(&tagnames, words.v[i]);
		error_clear();
		strv_release(&words);
	}

	/* Tag names live in r->labels after the sides' labels, so results can point at them. */
	tag_base = r->labels.n;
	for (size_t t = 0; t < tagnames.n; t++)
		strv_push(&r->labels, tagnames.v[t]);

	rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, (unsigned long)o->seed);
	r->rows = xcalloc(ncmp * nsel, sizeof(*r->rows));
	r->geomeans = xcalloc(ncmp, sizeof(*r->geomeans));
	r->tag_geomeans = xcalloc(ncmp * (tagnames.n ? tagnames.n : 1), sizeof(*r->tag_geomeans));
	pv = xcalloc(nsel, sizeof(*pv));
	for (size_t c = 0; c < ncmp; c++) {
		struct compare_row *rows = &r->rows[r->nrows];
		size_t tested = 0;
		double maxgap = 0;
		const char *gapwl = NULL;

		for (size_t w = 0; w < nsel; w++) {
			struct compare_row *row = &rows[w];

			row->cb = &r->cells[cmp[c][0] * nsel + w];
			row->cv = &r->cells[cmp[c][1] * nsel + w];
			row->base = sides[cmp[c][0]].label;
			row->variant = sides[cmp[c][1]].label;
			row->workload = cs->workloads.v[sel[w]];
			row->tags = sel[w] < r->tags.n ? r->tags.v[sel[w]] : "";
			measure_row(row, rng, r->resamples, limit);
			row->bad = row->cv->bad;
			snprintf(row->bad_what, sizeof(row->bad_what), "%s", row->cv->bad_what);
			pv[w] = row->p;
			if (!isnan(row->p))
				tested++;
			if (row->n_base && row->n_variant)
				r->with_data++;
			if (row->ci == COMPARE_CI_BOOTSTRAP)
				r->bootstrap_rows++;
			else if (row->ci == COMPARE_CI_ORDER)
				r->order_rows++;
			if (row->gap > maxgap)
				maxgap = row->gap, gapwl = row->workload;
		}
		r->nrows += nsel;
		if (stats_holm(pv, nsel, pv) < 0)
			goto out;
		for (size_t w = 0; w < nsel; w++) {
			rows[w].p_adj = pv[w];
			rows[w].verdict_code = compare_judge(&rows[w], r->threshold, r->alpha, tested);
			rows[w].verdict = compare_verdict_name(rows[w].verdict_code, r->metric);
		}
		geomean(&r->geomeans[r->ngeomeans++], rows, nsel, NULL, rng, r->resamples, limit);
		if (tagnames.n > 1)
			for (size_t t = 0; t < tagnames.n; t++)
				geomean(&r->tag_geomeans[r->ntag_geomeans++], rows, nsel,
					r->labels.v[tag_base + t], rng, r->resamples, limit);
		if (maxgap > worst_gap) {
			worst_gap = maxgap;
			snprintf(gap_where, sizeof(gap_where), "%s vs %s on %s", rows[0].variant, rows[0].base, gapwl);
		}
		if (o->sort != COMPARE_SORT_CAMPAIGN) {
			sort_key = o->sort;
			qsort(rows, nsel, sizeof(*rows), cmp_rows);
		}
	}
	if (!o->aa)
		for (size_t w = 0; w < nsel; w++)
			r->base_bad += r->cells[cmp[0][0] * nsel + w].bad;
	if (worst_gap > COMPARE_GAP_WARN) {
		char gap[32];

		format_gap(gap, sizeof(gap), worst_gap);
		strv_pushf(&r->warnings, "the two sides' samples were taken up to %s apart (%s): whatever "
			   "changed on the machine in between is in the ratios", gap, gap_where);
	}
	if (o->base_campaign && strcmp(r->base_summary.machine, cs->machine))
		strv_pushf(&r->warnings, "the base's samples come from campaign %lld on '%s', the others' from "
			   "campaign %lld on '%s': different machines, so every ratio compares machines too",
			   (long long)o->base_campaign, r->base_summary.machine, (long long)campaign, cs->machine);
	if (!r->with_data)
		explain_no_data(r);
	ret = 0;
out:
	free(sides);
	free(cmp);
	free(sel);
	free(pv);
	strv_release(&tagnames);
	if (rng)
		gsl_rng_free(rng);
	if (ret < 0)
		compare_result_release(r);
	return ret;
}
/* Printing.  Numbers: 3 significant digits for ratios, units for times and sizes. */

static void format_value_digits(char *buf, size_t size, const char *metric, double v, int digits)
{
	static const struct { double scale; const char *unit; } times[] = {
		{ 1, "s" }, { 1e-3, "ms" }, { 1e-6, "us" }, { 1e-9, "ns" },
	};
	static const struct { double scale; const char *unit; } counts[] = {
		{ 1e12, " T" }, { 1e9, " G" }, { 1e6, " M" }, { 1e3, " k" },
	};
	/* Not 1: "%.3g" would print 999.7 ms as "1e+03 ms"; switch units where rounding does. */
	double edge = 1 - 0.5 * pow(10, -digits), a;
	size_t i;

	if (isnan(v)) {
		snprintf(buf, size, "-");
		return;
	}
	switch (metric_kind(metric)) {
	case KIND_NANOSECONDS:
		v /= 1e9;
		/* fall through */
	case KIND_SECONDS:
		a = fabs(v);
		for (i = 0; i + 1 < sizeof(times) / sizeof(*times) && a < edge * times[i].scale; i++)
			;
		snprintf(buf, size, "%.*g %s", digits, v / times[i].scale, times[i].unit);
		return;
	case KIND_KIB:
		if (fabs(v) >= edge * 1024 * 1024)
			snprintf(buf, size, "%.*g GiB", digits, v / 1024 / 1024);
		else
			snprintf(buf, size, "%.*g MiB", digits, v / 1024);
		return;
	case KIND_RATIO:
		snprintf(buf, size, "%.*g", digits, v);
		return;
	case KIND_COUNT:
		a = fabs(v);
		for (i = 0; i < sizeof(counts) / sizeof(*counts); i++)
			if (a >= edge * counts[i].scale) {
				snprintf(buf, size, "%.*g%s", digits, v / counts[i].scale, counts[i].unit);
				return;
			}
		snprintf(buf, size, "%.*g", digits, v);
		return;
	}
}

static void format_value(char *buf, size_t size, const char *metric, double v)
{
	format_value_digits(buf, size, metric, v, 3);
}

/* Per-side summaries: a fourth digit, or narrow intervals print as [250 ms, 250 ms]. */
static void format_value4(char *buf, size_t size, const char *metric, double v)
{
	format_value_digits(buf, size, metric, v, 4);
}

static const char *metric_unit(const char *metric)
{
	static const char *const units[] = { "s", "ns", "KiB", "ratio", "count" };

	return units[metric_kind(metric)];
}

/* "%#.3g" keeps trailing zeros: 1.00, not 1. */
static void format_ratio(char *buf, size_t size, double v)
{
	if (isnan(v))
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%#.3g", v);
}

static void format_interval(char *buf, size_t size, const struct stats_interval *iv)
{
	char lo[24], hi[24];

	format_ratio(lo, sizeof(lo), iv->lo);
	format_ratio(hi, sizeof(hi), iv->hi);
	snprintf(buf, size, "[%s, %s]", lo, hi);
}

static void format_p(char *buf, size_t size, double p)
{
	if (isnan(p))
		snprintf(buf, size, "-");
	else if (p < 1e-300)
		snprintf(buf, size, "<1e-300");	/* the normal tail underflowed */
	else if (p < 0.001)
		snprintf(buf, size, "%.1e", p);
	else
		snprintf(buf, size, "%.2g", p);
}

static void format_verdict(char *buf, size_t size, const struct compare_row *row)
{
	if (row->verdict_code == COMPARE_NOISY)
		snprintf(buf, size, "noisy (need ~%lu/side)", row->need);
	else
		snprintf(buf, size, "%s", row->verdict);
}

/* A table of strings, printed aligned (text) or with pipes (Markdown). */
struct table {
	const char *align;	/* one 'l' or 'r' per column */
	size_t ncols, nrows;
	struct strv cells;
};

static void table_row(struct table *t, const char *const *cols)
{
	for (size_t i = 0; i < t->ncols; i++)
		strv_push(&t->cells, cols[i] ? cols[i] : "");
	t->nrows++;
}

static void table_print(struct table *t, enum compare_format fmt, FILE *out)
{
	size_t *width = xcalloc(t->ncols, sizeof(*width));

	for (size_t i = 0; i < t->cells.n; i++) {
		size_t len = strlen(t->cells.v[i]);

		if (len > width[i % t->ncols])
			width[i % t->ncols] = len;
	}
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const char *cell = t->cells.v[r * t->ncols + c];
			int w = (int)width[c];

			if (fmt == COMPARE_MARKDOWN) {
				fputs(c ? " | " : "| ", out);
				for (const char *p = cell; *p; p++)
					fputs(*p == '|' ? "\\|" : (char[]){ *p, 0 }, out);
				continue;
			}
			if (c)
				fputs("  ", out);
			if (t->align[c] == 'r')
				fprintf(out, "%*s", w, cell);
			else if (c + 1 < t->ncols)
				fprintf(out, "%-*s", w, cell);
			else
				fputs(cell, out);
		}
		fputs(fmt == COMPARE_MARKDOWN ? " |\n" : "\n", out);
		if (fmt == COMPARE_MARKDOWN && r == 0) {
			for (size_t c = 0; c < t->ncols; c++)
				fputs(t->align[c] == 'r' ? "|---:" : "|---", out);
			fputs("|\n", out);
		}
	}
	free(width);
	strv_release(&t->cells);
	t->nrows = 0;
}

static void geomean_cells(const struct compare_geomean *g, const char *label, struct table *t)
{
	char ratio[24], ci[64], over[64];

	if (!g->valid) {
		const char *cols[] = { label, "", "", "-", "", "", "no workload has valid samples on both sides" };

		table_row(t, cols);
		return;
	}
	format_ratio(ratio, sizeof(ratio), g->ratio.estimate);
	format_interval(ci, sizeof(ci), &g->ratio);
	snprintf(over, sizeof(over), "over %zu workload%s", g->workloads, g->workloads == 1 ? "" : "s");
	{
		const char *cols[] = { label, "", "", ratio, ci, "", over };

		table_row(t, cols);
	}
}

static void print_header(const struct compare_result *r, enum compare_format fmt, FILE *out)
{
	const struct campaign_summary *cs = &r->summary;
	const char *em = fmt == COMPARE_MARKDOWN ? "**" : "";

	fprintf(out, "%scampaign %lld%s (%s, %s): %s\n", em, (long long)cs->id, em, cs->started, cs->status,
		cs->machine);
	if (fmt == COMPARE_MARKDOWN)
		fputc('\n', out);
	fprintf(out, "source %s; metric %s (%s); base %s; %d samples per cell after %d warm-up%s%s%s\n",
		cs->source, r->metric, metric_unit(r->metric), r->base, cs->samples, cs->warmups,
		cs->warmups == 1 ? "" : "s", r->tag ? "; workloads tagged " : "", r->tag ? r->tag : "");
	if (r->base_campaign)
		fprintf(out, "%sbase samples from campaign %lld (%s, %s): %s\n", fmt == COMPARE_MARKDOWN ? "\n" : "",
			(long long)r->base_campaign, r->base_summary.started, r->base_summary.status,
			r->base_summary.machine);
	if (strcmp(cs->status, "complete"))
		fprintf(out, "%swarning: campaign is %s: %ld of %ld planned samples stored\n",
			fmt == COMPARE_MARKDOWN ? "\n" : "", cs->status, cs->taken, cs->planned);
	for (size_t i = 0; i < cs->unsupported.n; i++)
		fprintf(out, "%snote: not counted on this machine: %s\n", fmt == COMPARE_MARKDOWN ? "\n" : "",
			cs->unsupported.v[i]);
	if (r->aa)
		fprintf(out, "%sA/A self-check: each variant's samples split alternately (in the order they "
			"were taken) into /A and /B, then compared as if they were two variants\n",
			fmt == COMPARE_MARKDOWN ? "\n" : "");
}

static void print_tables(const struct compare_result *r, enum compare_format fmt, FILE *out)
{
	size_t per = r->ngeomeans ? r->nrows / r->ngeomeans : 0;
	size_t ntags = r->ngeomeans ? r->ntag_geomeans / r->ngeomeans : 0;

	for (size_t g = 0; g < r->ngeomeans; g++) {
		const struct compare_row *rows = &r->rows[g * per];
		struct table t = { "lrrrlrl", 7, 0, STRV_INIT };
		const char *head[] = { "workload", rows[0].base, rows[0].variant, "ratio", "95% CI", "p (Holm)",
				       "verdict" };

		fputc('\n', out);
		table_row(&t, head);
		for (size_t i = 0; i < per; i++) {
			const struct compare_row *row = &rows[i];
			char b[32], v[32], ratio[24], ci[64], p[24], verdict[64];

			format_value(b, sizeof(b), r->metric, row->n_base ? row->base_median : NAN);
			format_value(v, sizeof(v), r->metric, row->n_variant ? row->variant_median : NAN);
			format_ratio(ratio, sizeof(ratio), row->valid ? row->ratio.estimate : NAN);
			if (row->valid)
				format_interval(ci, sizeof(ci), &row->ratio);
			else
				ci[0] = '\0';
			format_p(p, sizeof(p), row->p_adj);
			format_verdict(verdict, sizeof(verdict), row);
			{
				const char *cols[] = { row->workload, b, v, ratio, ci, p, verdict };

				table_row(&t, cols);
			}
		}
		geomean_cells(&r->geomeans[g], fmt == COMPARE_MARKDOWN ? "**geometric mean**" : "geometric mean", &t);
		for (size_t k = 0; k < ntags; k++) {
			const struct compare_geomean *tg = &r->tag_geomeans[g * ntags + k];
			char label[96];

			snprintf(label, sizeof(label), "  tag %s", tg->tag);
			/* A tag of one workload would repeat its row. */
			if (tg->workloads > 1)
				geomean_cells(tg, label, &t);
		}
		if (fmt == COMPARE_MARKDOWN)
			fputc('\n', out);
		table_print(&t, fmt, out);
	}
}

/* Append to a note line, keeping it terminated when it fills up. */
static void note_add(char *line, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void note_add(char *line, size_t size, const char *fmt, ...)
{
	size_t len = strlen(line);
	va_list ap;

	if (len + 1 >= size)
		return;
	va_start(ap, fmt);
	vsnprintf(line + len, size - len, fmt, ap);
	va_end(ap);
}

/* Outliers, failed samples and rows without a ratio: one line per workload that has any. */
static void print_notes(const struct compare_result *r, enum compare_format fmt, FILE *out)
{
	size_t per = r->ngeomeans ? r->nrows / r->ngeomeans : 0;
	int any = 0;

	for (size_t i = 0; i < r->nrows; i++) {
		const struct compare_row *row = &r->rows[i];
		const struct compare_cell *cells[2] = { row->cb, row->cv };
		char line[512] = "";

		for (int k = 0; k < 2; k++) {
			/* The base's outliers once, with its first comparison. */
			if (k == 0 && i >= per && !r->aa)
				continue;
			if (cells[k]->s.outliers)
				note_add(line, sizeof(line), "%s%s has %zu outlier%s", line[0] ? ", " : "",
					 cells[k]->side, cells[k]->s.outliers, cells[k]->s.outliers == 1 ? "" : "s");
		}
		if (line[0])
			note_add(line, sizeof(line), " (MAD rule; kept)");
		if (row->bad)
			note_add(line, sizeof(line), "%s%ld bad sample%s of %s left out (%s)", line[0] ? "; " : "",
				 row->bad, row->bad == 1 ? "" : "s", row->variant, row->bad_what);
		if (row->note[0])
			note_add(line, sizeof(line), "%s%s", line[0] ? "; " : "", row->note);
		if (!line[0])
			continue;
		if (!any++)
			fputs("\nnotes:\n", out);
		fprintf(out, "%s%s: %s\n", fmt == COMPARE_MARKDOWN ? "- " : "  ", row->workload, line);
	}
}

static void print_legend(const struct compare_result *r, enum compare_format fmt, FILE *out)
{
	const char *lower = compare_verdict_name(COMPARE_LOWER, r->metric);
	const char *higher = compare_verdict_name(COMPARE_HIGHER, r->metric);
	const char *q = fmt == COMPARE_MARKDOWN ? "> " : "";
	size_t per = r->ngeomeans ? r->nrows / r->ngeomeans : 0;

	fputc('\n', out);
	if (r->no_data[0])
		fprintf(out, "%sno data: %s\n", q, r->no_data);
	for (size_t i = 0; i < r->warnings.n; i++)
		fprintf(out, "%swarning: %s\n", q, r->warnings.v[i]);
	if (r->base_bad)
		fprintf(out, "%swarning: the base %s has %ld bad samples (failures or wrong output), left out\n", q,
			r->base, r->base_bad);
	if (r->aa) {
		size_t raw = 0, adj = 0, called = 0, tested = 0;

		for (size_t i = 0; i < r->nrows; i++) {
			const struct compare_row *row = &r->rows[i];

			tested += !isnan(row->p);
			raw += row->p < r->alpha;
			adj += row->p_adj < r->alpha;
			called += row->verdict_code == COMPARE_LOWER || row->verdict_code == COMPARE_HIGHER;
		}
		fprintf(out, "%sA/A: %zu of %zu comparisons significant before correction (p < %.2g), %zu after "
			"Holm; %zu called %s/%s: false-positive rate %.0f%% (chance alone gives about %.0f%% "
			"before correction)\n", q, raw, tested, r->alpha, adj, called, lower, higher,
			tested ? 100.0 * (double)called / (double)tested : 0.0, 100 * r->alpha);
	}
	if (r->aa)
		fprintf(out, "%sratio = median %s of the /B half / of the /A half (below 1: %s); 95%% CI: ", q,
			r->metric, lower);
	else
		fprintf(out, "%sratio = median %s of variant / of %s (below 1: %s); 95%% CI: ", q, r->metric,
			r->base, lower);
	if (r->order_rows && !r->bootstrap_rows)
		fprintf(out, "order statistics (cells over %d samples), geometric mean by bootstrap (seed %llu, "
			"%u resamples)", COMPARE_RESAMPLE_LIMIT, (unsigned long long)r->seed, r->resamples);
	else
		fprintf(out, "bootstrap of medians (seed %llu, %u resamples)%s", (unsigned long long)r->seed,
			r->resamples, r->order_rows ? ", order statistics for cells over " : "");
	if (r->order_rows && r->bootstrap_rows)
		fprintf(out, "%d samples", COMPARE_RESAMPLE_LIMIT);
	fprintf(out, "; p = Mann-Whitney U, Holm-adjusted over %zu workload%s\n", per, per == 1 ? "" : "s");
	fprintf(out, "%s%s/%s: p < %.2g and beyond %.3g%%; same: within %.3g%%; noisy: cannot tell yet, "
		"about that many samples per side would\n", q, lower, higher, r->alpha, r->threshold * 100,
		r->threshold * 100);
}

/* CSV field: quoted when it holds a comma, quote or newline. */
static void csv_field(FILE *out, const char *s, int last)
{
	if (strpbrk(s, ",\"\n")) {
		fputc('"', out);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', out);
			fputc(*s, out);
		}
		fputc('"', out);
	} else {
		fputs(s, out);
	}
	fputc(last ? '\n' : ',', out);
}

static void csv_num(FILE *out, double v)
{
	if (isfinite(v))
		fprintf(out, "%.17g,", v);
	else
		fputc(',', out);
}

static const char *ci_name(enum compare_ci ci)
{
	return ci == COMPARE_CI_BOOTSTRAP ? "bootstrap" : ci == COMPARE_CI_ORDER ? "order-statistic" : "";
}

static void print_csv(const struct compare_result *r, int header, FILE *out)
{
	size_t per = r->ngeomeans ? r->nrows / r->ngeomeans : 0;
	size_t ntags = r->ngeomeans ? r->ntag_geomeans / r->ngeomeans : 0;

	if (header)
		fputs("kind,campaign,metric,unit,base,variant,workload,tags,n_base,n_variant,"
		      "base_median,variant_median,base_mean,variant_mean,base_stdev,variant_stdev,"
		      "base_mad,variant_mad,base_cv,variant_cv,base_outliers,variant_outliers,"
		      "ratio,ratio_lo,ratio_hi,ci_method,hl_shift,mwu_u,p,p_holm,welch_t,welch_df,welch_p,"
		      "verdict,need_per_side,bad\n", out);
	for (size_t g = 0; g < r->ngeomeans; g++) {
		for (size_t i = 0; i < per; i++) {
			const struct compare_row *row = &r->rows[g * per + i];
			const struct stats_summary *b = &row->cb->s, *v = &row->cv->s;

			fprintf(out, "workload,%lld,", (long long)r->summary.id);
			csv_field(out, r->metric, 0);
			csv_field(out, metric_unit(r->metric), 0);
			csv_field(out, row->base, 0);
			csv_field(out, row->variant, 0);
			csv_field(out, row->workload, 0);
			csv_field(out, row->tags, 0);
			fprintf(out, "%zu,%zu,", row->n_base, row->n_variant);
			csv_num(out, b->n ? b->median : NAN), csv_num(out, v->n ? v->median : NAN);
			csv_num(out, b->n ? b->mean : NAN), csv_num(out, v->n ? v->mean : NAN);
			csv_num(out, b->n ? b->stdev : NAN), csv_num(out, v->n ? v->stdev : NAN);
			csv_num(out, b->n ? b->mad : NAN), csv_num(out, v->n ? v->mad : NAN);
			csv_num(out, b->n ? b->cv : NAN), csv_num(out, v->n ? v->cv : NAN);
			fprintf(out, "%zu,%zu,", b->outliers, v->outliers);
			csv_num(out, row->valid ? row->ratio.estimate : NAN);
			csv_num(out, row->valid ? row->ratio.lo : NAN);
			csv_num(out, row->valid ? row->ratio.hi : NAN);
			csv_field(out, ci_name(row->ci), 0);
			csv_num(out, row->hl_shift), csv_num(out, row->u), csv_num(out, row->p);
			csv_num(out, row->p_adj);
			csv_num(out, row->welch.t), csv_num(out, row->welch.df), csv_num(out, row->welch.p);
			csv_field(out, row->verdict, 0);
			if (row->need)
				fprintf(out, "%lu", row->need);
			fprintf(out, ",%ld\n", row->bad);
		}
		for (size_t k = 0; k <= ntags; k++) {
			const struct compare_geomean *gm = k ? &r->tag_geomeans[g * ntags + k - 1] : &r->geomeans[g];

			if (k && !gm->workloads)
				continue;
			fprintf(out, "geomean,%lld,", (long long)r->summary.id);
			csv_field(out, r->metric, 0);
			csv_field(out, metric_unit(r->metric), 0);
			csv_field(out, gm->base ? gm->base : "", 0);
			csv_field(out, gm->variant ? gm->variant : "", 0);
			fprintf(out, ",");
			csv_field(out, gm->tag ? gm->tag : "", 0);
			fprintf(out, "%zu,%zu,,,,,,,,,,,,,", gm->workloads, gm->workloads);
			csv_num(out, gm->valid ? gm->ratio.estimate : NAN);
			csv_num(out, gm->valid ? gm->ratio.lo : NAN);
			csv_num(out, gm->valid ? gm->ratio.hi : NAN);
			csv_field(out, gm->order ? "bootstrap+order-statistic" : "bootstrap", 0);
			fputs(",,,,,,,,,\n", out);
		}
	}
}

static void json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

/* JSON has no NaN or infinity: those are null. */
static void json_num(FILE *out, double v)
{
	if (isfinite(v))
		fprintf(out, "%.17g", v);
	else
		fputs("null", out);
}

static void json_key(FILE *out, const char *key, int *first)
{
	fputs(*first ? "" : ", ", out);
	*first = 0;
	json_string(out, key);
	fputs(": ", out);
}

static void json_interval(FILE *out, const char *key, const struct stats_interval *iv, int *first)
{
	json_key(out, key, first);
	fputc('[', out);
	json_num(out, iv->lo);
	fputs(", ", out);
	json_num(out, iv->hi);
	fputc(']', out);
}

static void json_summary(FILE *out, const struct compare_cell *c)
{
	const struct stats_summary *s = &c->s;
	int first = 1;

	fputs("{", out);
	json_key(out, "side", &first), json_string(out, c->side);
	json_key(out, "workload", &first), json_string(out, c->workload);
	json_key(out, "n", &first), fprintf(out, "%zu", c->n);
	if (s->n) {
		json_key(out, "mean", &first), json_num(out, s->mean);
		json_key(out, "median", &first), json_num(out, s->median);
		json_key(out, "stdev", &first), json_num(out, s->stdev);
		json_key(out, "mad", &first), json_num(out, s->mad);
		json_key(out, "min", &first), json_num(out, s->min);
		json_key(out, "max", &first), json_num(out, s->max);
		json_key(out, "q05", &first), json_num(out, s->p05);
		json_key(out, "q25", &first), json_num(out, s->q1);
		json_key(out, "q75", &first), json_num(out, s->q3);
		json_key(out, "q95", &first), json_num(out, s->p95);
		json_key(out, "cv", &first), json_num(out, s->cv);
		json_key(out, "outliers", &first), fprintf(out, "%zu", s->outliers);
		json_interval(out, "mean_ci95", &s->mean_ci, &first);
		json_interval(out, "median_ci95", &s->median_ci, &first);
	}
	fputs("}", out);
}

static void json_geomean(FILE *out, const struct compare_geomean *g)
{
	int first = 1;

	fputs("{", out);
	if (g->tag)
		json_key(out, "tag", &first), json_string(out, g->tag);
	json_key(out, "workloads", &first), fprintf(out, "%zu", g->workloads);
	json_key(out, "ratio", &first), json_num(out, g->valid ? g->ratio.estimate : NAN);
	json_interval(out, "ci95", &g->ratio, &first);
	json_key(out, "ci_method", &first);
	json_string(out, g->order ? "bootstrap+order-statistic" : "bootstrap");
	fputs("}", out);
}

static void print_json(const struct compare_result *r, FILE *out)
{
	const struct campaign_summary *cs = &r->summary;
	size_t per = r->ngeomeans ? r->nrows / r->ngeomeans : 0;
	size_t ntags = r->ngeomeans ? r->ntag_geomeans / r->ngeomeans : 0;
	int first = 1;

	fputs("{", out);
	json_key(out, "campaign", &first), fprintf(out, "%lld", (long long)cs->id);
	json_key(out, "started", &first), json_string(out, cs->started);
	json_key(out, "status", &first), json_string(out, cs->status);
	json_key(out, "machine", &first), json_string(out, cs->machine);
	json_key(out, "source", &first), json_string(out, cs->source);
	json_key(out, "base_campaign", &first);
	if (r->base_campaign)
		fprintf(out, "%lld", (long long)r->base_campaign);
	else
		fputs("null", out);
	json_key(out, "metric", &first), json_string(out, r->metric);
	json_key(out, "unit", &first), json_string(out, metric_unit(r->metric));
	json_key(out, "threshold", &first), json_num(out, r->threshold);
	json_key(out, "alpha", &first), json_num(out, r->alpha);
	json_key(out, "seed", &first), fprintf(out, "%llu", (unsigned long long)r->seed);
	json_key(out, "resamples", &first), fprintf(out, "%u", r->resamples);
	json_key(out, "resample_limit", &first), fprintf(out, "%d", COMPARE_RESAMPLE_LIMIT);
	json_key(out, "aa", &first), fputs(r->aa ? "true" : "false", out);
	json_key(out, "tag", &first);
	if (r->tag)
		json_string(out, r->tag);
	else
		fputs("null", out);
	json_key(out, "no_data", &first);
	if (r->no_data[0])
		json_string(out, r->no_data);
	else
		fputs("null", out);
	json_key(out, "warnings", &first), fputs("[", out);
	for (size_t i = 0; i < r->warnings.n; i++) {
		fputs(i ? ", " : "", out);
		json_string(out, r->warnings.v[i]);
	}
	fputs("]", out);
	json_key(out, "summaries", &first), fputs("[\n", out);
	for (size_t i = 0; i < r->ncells; i++) {
		fputs(i ? ",\n  " : "  ", out);
		json_summary(out, &r->cells[i]);
	}
	fputs("]", out);
	json_key(out, "comparisons", &first), fputs("[", out);
	for (size_t g = 0; g < r->ngeomeans; g++) {
		int f = 1;

		fputs(g ? ", {" : "{", out);
		json_key(out, "base", &f), json_string(out, r->geomeans[g].base);
		json_key(out, "variant", &f), json_string(out, r->geomeans[g].variant);
		json_key(out, "rows", &f), fputs("[\n", out);
		for (size_t i = 0; i < per; i++) {
			const struct compare_row *row = &r->rows[g * per + i];
			int rf = 1;

			fputs(i ? ",\n  {" : "  {", out);
			json_key(out, "workload", &rf), json_string(out, row->workload);
			json_key(out, "tags", &rf), json_string(out, row->tags);
			json_key(out, "n_base", &rf), fprintf(out, "%zu", row->n_base);
			json_key(out, "n_variant", &rf), fprintf(out, "%zu", row->n_variant);
			json_key(out, "base_median", &rf), json_num(out, row->n_base ? row->base_median : NAN);
			json_key(out, "variant_median", &rf), json_num(out, row->n_variant ? row->variant_median : NAN);
			json_key(out, "ratio", &rf), json_num(out, row->valid ? row->ratio.estimate : NAN);
			json_interval(out, "ci95", &row->ratio, &rf);
			json_key(out, "ci_method", &rf), json_string(out, ci_name(row->ci));
			json_key(out, "hl_shift", &rf), json_num(out, row->hl_shift);
			json_key(out, "mwu_u", &rf), json_num(out, row->u);
			json_key(out, "p", &rf), json_num(out, row->p);
			json_key(out, "p_holm", &rf), json_num(out, row->p_adj);
			json_key(out, "welch_t", &rf), json_num(out, row->welch.t);
			json_key(out, "welch_df", &rf), json_num(out, row->welch.df);
			json_key(out, "welch_p", &rf), json_num(out, row->welch.p);
			json_key(out, "verdict", &rf), json_string(out, row->verdict);
			json_key(out, "need_per_side", &rf);
			if (row->need)
				fprintf(out, "%lu", row->need);
			else
				fputs("null", out);
			json_key(out, "time_gap_s", &rf), json_num(out, row->gap);
			json_key(out, "bad", &rf), fprintf(out, "%ld", row->bad);
			json_key(out, "note", &rf), json_string(out, row->note);
			fputs("}", out);
		}
		fputs("]", out);
		json_key(out, "geomean", &f), json_geomean(out, &r->geomeans[g]);
		json_key(out, "tag_geomeans", &f), fputs("[", out);
		for (size_t k = 0, n = 0; k < ntags; k++) {
			const struct compare_geomean *tg = &r->tag_geomeans[g * ntags + k];

			if (!tg->workloads)
				continue;
			fputs(n++ ? ", " : "", out);
			json_geomean(out, tg);
		}
		fputs("]}", out);
	}
	fputs("]}\n", out);
}

static void print_text(const struct compare_result *r, enum compare_format fmt, FILE *out)
{
	print_header(r, fmt, out);
	print_tables(r, fmt, out);
	print_notes(r, fmt, out);
	print_legend(r, fmt, out);
}

void compare_print(const struct compare_result *r, enum compare_format fmt, int header, FILE *out)
{
	switch (fmt) {
	case COMPARE_CSV:
		print_csv(r, header, out);
		return;
	case COMPARE_JSON:
		print_json(r, out);
		return;
	case COMPARE_TEXT:
		compare_print_text(r, out);
		return;
	case COMPARE_MARKDOWN:
		print_text(r, fmt, out);
		return;
	}
}

/* Colour for a verdict word at the end of a table line: better blue, worse red, noisy yellow, same dim. */
static const char *verdict_colour(const struct compare_result *r, const char *word)
{
	int higher_is_better = !strcmp(r->metric, "ipc");

	if (!strncmp(word, compare_verdict_name(COMPARE_LOWER, r->metric),
		     strlen(compare_verdict_name(COMPARE_LOWER, r->metric))))
		return higher_is_better ? "\033[1;31m" : "\033[1;34m";
	if (!strncmp(word, compare_verdict_name(COMPARE_HIGHER, r->metric),
		     strlen(compare_verdict_name(COMPARE_HIGHER, r->metric))))
		return higher_is_better ? "\033[1;34m" : "\033[1;31m";
	if (!strncmp(word, "noisy", 5))
		return "\033[33m";
	if (!strncmp(word, "same", 4) || !strncmp(word, "no data", 7))
		return "\033[2m";
	return NULL;
}

/*
 * The text table, with colour when out is a terminal and NO_COLOR is unset
 * or empty (https://no-color.org): verdicts coloured, headings and
 * geometric means bold, warnings yellow.  Colour is added after layout, so
 * the columns line up the same with and without it.
 */
void compare_print_text(const struct compare_result *r, FILE *out)
{
	const char *no_color = getenv("NO_COLOR");
	char *buf = NULL, *line, *next;
	size_t len = 0;
	FILE *mem;
	int table = 0;

	if (!isatty(fileno(out)) || (no_color && *no_color) || !(mem = open_memstream(&buf, &len))) {
		print_text(r, COMPARE_TEXT, out);
		return;
	}
	print_text(r, COMPARE_TEXT, mem);
	fclose(mem);
	for (line = buf; line && *line; line = next) {
		char *nl = strchr(line, '\n');
		const char *colour;

		next = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		if (!strncmp(line, "workload ", 9)) {
			table = 1;
			fprintf(out, "\033[1m%s\033[0m\n", line);
		} else if (!*line) {
			table = 0;
			fputs("\n", out);
		} else if (!strncmp(line, "warning: ", 9) || !strncmp(line, "no data: ", 9)) {
			fprintf(out, "\033[33m%s\033[0m\n", line);
		} else if (table && !strncmp(line, "geometric mean", 14)) {
			fprintf(out, "\033[1m%s\033[0m\n", line);
		} else if (table && strstr(line, "  ")) {
			/* The verdict is the last column: after the last run of two spaces. */
			char *v = line, *p;

			while ((p = strstr(v, "  ")))
				v = p + 2;
			while (*v == ' ')
				v++;
			colour = verdict_colour(r, v);
			if (colour)
				fprintf(out, "%.*s%s%s\033[0m\n", (int)(v - line), line, colour, v);
			else
				fprintf(out, "%s\n", line);
		} else {
			fprintf(out, "%s\n", line);
		}
	}
	free(buf);
}

void compare_print_summaries(const struct compare_result *r, enum compare_format fmt, FILE *out)
{
	struct table t = { "llrrrrrrrrrll", 13, 0, STRV_INIT };
	const char *head[] = { "side", "workload", "n", "median", "mean", "stdev", "MAD", "CV", "min", "max",
			       "outliers", "95% CI median", "95% CI mean" };

	if (fmt != COMPARE_TEXT && fmt != COMPARE_MARKDOWN)
		return;
	fprintf(out, "\n%sper side and workload (%s):\n", fmt == COMPARE_MARKDOWN ? "\n" : "", r->metric);
	if (fmt == COMPARE_MARKDOWN)
		fputc('\n', out);
	table_row(&t, head);
	for (size_t i = 0; i < r->ncells; i++) {
		const struct compare_cell *c = &r->cells[i];
		const struct stats_summary *s = &c->s;
		char n[24], med[32], mean[32], sd[32], mad[32], cv[24], mn[32], mx[32], out_[24];
		char cim[80], cimean[80], lo[32], hi[32];

		snprintf(n, sizeof(n), "%zu", c->n);
		format_value4(med, sizeof(med), r->metric, s->n ? s->median : NAN);
		format_value4(mean, sizeof(mean), r->metric, s->n ? s->mean : NAN);
		format_value4(sd, sizeof(sd), r->metric, s->n ? s->stdev : NAN);
		format_value4(mad, sizeof(mad), r->metric, s->n ? s->mad : NAN);
		if (s->n)
			snprintf(cv, sizeof(cv), "%.2g%%", 100 * s->cv);
		else
			snprintf(cv, sizeof(cv), "-");
		format_value4(mn, sizeof(mn), r->metric, s->n ? s->min : NAN);
		format_value4(mx, sizeof(mx), r->metric, s->n ? s->max : NAN);
		snprintf(out_, sizeof(out_), "%zu", s->outliers);
		format_value4(lo, sizeof(lo), r->metric, s->n ? s->median_ci.lo : NAN);
		format_value4(hi, sizeof(hi), r->metric, s->n ? s->median_ci.hi : NAN);
		snprintf(cim, sizeof(cim), s->n && !isnan(s->median_ci.lo) ? "[%s, %s]" : "-", lo, hi);
		format_value4(lo, sizeof(lo), r->metric, s->n ? s->mean_ci.lo : NAN);
		format_value4(hi, sizeof(hi), r->metric, s->n ? s->mean_ci.hi : NAN);
		snprintf(cimean, sizeof(cimean), s->n && !isnan(s->mean_ci.lo) ? "[%s, %s]" : "-", lo, hi);
		{
			const char *cols[] = { c->side, c->workload, n, med, mean, sd, mad, cv, mn, mx, out_, cim,
					       cimean };

			table_row(&t, cols);
		}
	}
	table_print(&t, fmt, out);
}


void compare_result_release(struct compare_result *r)
{
	campaign_summary_release(&r->summary);
	campaign_summary_release(&r->base_summary);
	for (size_t i = 0; i < r->ncells; i++)
		free(r->cells[i].values);
	free(r->cells);
	free(r->rows);
	free(r->geomeans);
	free(r->tag_geomeans);
	strv_release(&r->labels);
	strv_release(&r->tags);
	strv_release(&r->warnings);
	memset(r, 0, sizeof(*r));
}
