/*
 * The report's five charts, built from the report model: each is written
 * in every chosen format and kept as SVG for index.html.  Variant i of the
 * campaign has colour and marker shape i in every chart.
 */
#include "report.h"
#include "error.h"
#include "stats.h"
#include "util.h"

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TREND_MAX_CAMPAIGNS 40

/* One chart of any kind behind the same three calls. */
struct chart_ops {
	const void *chart;
	int (*write)(const void *c, const char *path, enum chart_format fmt, double *w, double *h);
	int (*svg)(const void *c, char **svg, size_t *len);
};

static int speedup_write(const void *c, const char *path, enum chart_format fmt, double *w, double *h)
{
	chart_speedup_size(c, w, h);
	return chart_speedup_write(c, path, fmt);
}

static int speedup_svg(const void *c, char **svg, size_t *len)
{
	return chart_speedup_svg(c, svg, len);
}

#define OPS(name, type)                                                                                     \
	static int name##_write(const void *c, const char *path, enum chart_format fmt, double *w, double *h) \
	{                                                                                                   \
		return chart_##name##_write((const type *)c, path, fmt, w, h);                              \
	}                                                                                                   \
	static int name##_svg(const void *c, char **svg, size_t *len)                                       \
	{                                                                                                   \
		return chart_##name##_svg((const type *)c, svg, len);                                       \
	}
OPS(distribution, struct chart_distribution)
OPS(counters, struct chart_counters)
OPS(trend, struct chart_trend)
OPS(buildcost, struct chart_buildcost)

/* Write the chart in every chosen format, then keep its SVG. */
static int emit(struct report *r, enum report_chart_kind kind, const struct chart_ops *ops, const char *dir,
		FILE *out)
{
	struct report_chart *rc = &r->charts[kind];
	unsigned formats = r->opts->charts ? r->opts->charts : 1u << CHART_PNG;

	for (int f = CHART_PNG; f <= CHART_PDF; f++) {
		char *name, *path;

		if (!(formats & (1u << f)))
			continue;
		name = xasprintf("%s.%s", rc->name, chart_format_ext((enum chart_format)f));
		path = path_join(dir, name);
		if (ops->write(ops->chart, path, (enum chart_format)f, &rc->width, &rc->height) < 0) {
			free(name);
			free(path);
			return -1;
		}
		fprintf(out, "wrote %s (%.0fx%.0f)\n", path, rc->width, rc->height);
		if (!rc->file)
			rc->file = name;
		else
			free(name);
		free(path);
	}
	if (ops->svg(ops->chart, &rc->svg, &rc->svg_len) < 0)
		return -1;
	rc->drawn = 1;
	return 0;
}

static const char *metric_words(const char *metric)
{
	if (!strcmp(metric, "wall"))
		return "wall time";
	if (!strcmp(metric, "user"))
		return "user time";
	if (!strcmp(metric, "sys"))
		return "system time";
	if (!strcmp(metric, "maxrss"))
		return "max RSS";
	if (!strcmp(metric, "ipc"))
		return "IPC";
	return metric;
}

static enum chart_unit metric_unit(const char *metric)
{
	if (!strcmp(metric, "wall") || !strcmp(metric, "user") || !strcmp(metric, "sys"))
		return CHART_UNIT_SECONDS;
	if (!strcmp(metric, "maxrss"))
		return CHART_UNIT_KIB;
	if (!strcmp(metric, "ipc"))
		return CHART_UNIT_NONE;
	return CHART_UNIT_COUNT;
}

/* ---- speedup ---- */

static int draw_speedup(struct report *r, const char *dir, FILE *out)
{
	const struct compare_result *c = &r->cmp;
	struct chart_series *series = xcalloc(c->ngeomeans ? c->ngeomeans : 1, sizeof(*series));
	struct chart_point *points = xcalloc(c->nrows ? c->nrows : 1, sizeof(*points));
	struct chart_speedup chart = { 0 };
	struct chart_ops ops = { &chart, speedup_write, speedup_svg };
	size_t per = c->ngeomeans ? c->nrows / c->ngeomeans : 0;
	char *title;
	int ret, first;

	for (size_t g = 0; g < c->ngeomeans; g++) {
		struct chart_series *sr = &series[g];

		sr->variant = c->geomeans[g].variant;
		sr->points = &points[g * per];
		sr->npoints = per;
		for (size_t i = 0; i < per; i++) {
			const struct compare_row *row = &c->rows[g * per + i];

			points[g * per + i] = (struct chart_point){ row->workload, row->valid ? row->ratio.estimate : NAN,
								    row->valid ? row->ratio.lo : NAN,
								    row->valid ? row->ratio.hi : NAN };
		}
		sr->geomean = (struct chart_point){ "geometric mean", c->geomeans[g].valid ? c->geomeans[g].ratio.estimate
										    : NAN,
						    c->geomeans[g].valid ? c->geomeans[g].ratio.lo : NAN,
						    c->geomeans[g].valid ? c->geomeans[g].ratio.hi : NAN };
	}
	title = xasprintf("%s \u2014 %s", r->title, metric_words(c->metric));
	chart.title = title;
	chart.base = c->base;
	chart.metric = metric_words(c->metric);
	chart.caption = r->caption;
	chart.series = series;
	chart.nseries = c->ngeomeans;
	first = c->ngeomeans ? report_variant_index(r, c->geomeans[0].variant) : 1;
	chart.first_colour = first > 0 ? (size_t)first : 1;
	r->charts[RC_SPEEDUP].what = xasprintf("Per workload, the median %s of each variant relative to %s, with its "
					       "95%% confidence interval, sorted by effect; the geometric mean over the "
					       "workloads is the last row. Log scale: a marker left of the line at 1.0 "
					       "is faster; filled markers are clearly faster, hollow ones clearly "
					       "slower, half-filled ones cannot tell.", metric_words(c->metric), c->base);
	ret = emit(r, RC_SPEEDUP, &ops, dir, out);
	free(title);
	free(series);
	free(points);
	return ret;
}

/* ---- distribution ---- */

static int draw_distribution(struct report *r, const char *dir, FILE *out)
{
	const struct compare_result *c = &r->cmp;
	size_t nsides = c->labels.n, nwork = 0, i, w;
	struct chart_dist_group *groups;
	struct chart_samples *sets;
	struct chart_distribution chart = { 0 };
	struct chart_ops ops = { &chart, distribution_write, distribution_svg };
	char *title;
	int ret;

	/* Cells are side-major: cells[side * nwork + workload]; the labels after the sides are tags. */
	if (c->ncells && c->ngeomeans)
		nwork = c->nrows / c->ngeomeans;
	if (nwork)
		nsides = c->ncells / nwork;
	groups = xcalloc(nwork ? nwork : 1, sizeof(*groups));
	sets = xcalloc(c->ncells ? c->ncells : 1, sizeof(*sets));
	for (w = 0; w < nwork; w++) {
		for (i = 0; i < nsides; i++) {
			const struct compare_cell *cell = &c->cells[i * nwork + w];

			sets[w * nsides + i] = (struct chart_samples){ i, cell->values, cell->n };
		}
		groups[w] = (struct chart_dist_group){ c->cells[w].workload, &sets[w * nsides], nsides };
	}
	title = xasprintf("%s per sample \u2014 %s", metric_words(c->metric), r->title);
	title[0] = (char)(title[0] >= 'a' && title[0] <= 'z' ? title[0] - 'a' + 'A' : title[0]);
	chart.title = title;
	chart.caption = r->caption;
	chart.quantity = metric_words(c->metric);
	chart.unit = metric_unit(c->metric);
	chart.variants = (const char *const *)c->labels.v;
	chart.nvariants = nsides;
	chart.groups = groups;
	chart.ngroups = nwork;
	r->charts[RC_DISTRIBUTION].what = xasprintf("Every measured sample of every variant, per workload on its own "
						    "scale: a violin (kernel density) shows the shape, a box the "
						    "quartiles and median, points the samples, crosses the outliers "
						    "the MAD rule flags. Two humps mean two modes; a ratio of medians "
						    "hides them.");
	ret = emit(r, RC_DISTRIBUTION, &ops, dir, out);
	free(title);
	free(groups);
	free(sets);
	return ret;
}

/* ---- counters ---- */

enum counter_metric { CM_INSTR, CM_CYCLES, CM_IPC, CM_BRANCH, CM_CACHE, CM_TASK, CM_PF, CM_CS, CM_IR, CM_COUNT };

static const struct {
	const char *name, *better;
	const char *events[2];	/* the events it needs */
	int hardware;
	const char *metric;	/* how its level is formatted */
} cmeta[CM_COUNT] = {
	[CM_INSTR] = { "instructions", "lower is better", { "instructions", NULL }, 1, "instructions" },
	[CM_CYCLES] = { "cycles", "lower is better", { "cycles", NULL }, 1, "cycles" },
	[CM_IPC] = { "IPC (instructions per cycle)", "higher is better", { "instructions", "cycles" }, 1, "ipc" },
	[CM_BRANCH] = { "branch misses / 1k instructions", "lower is better", { "branch-misses", "instructions" }, 1,
			"ipc" },
	[CM_CACHE] = { "cache misses / 1k instructions", "lower is better", { "cache-misses", "instructions" }, 1,
		       "ipc" },
	[CM_TASK] = { "task-clock (CPU time)", "lower is better", { "task-clock", NULL }, 0, "task-clock" },
	[CM_PF] = { "page faults", "lower is better", { "page-faults", NULL }, 0, "page-faults" },
	[CM_CS] = { "context switches", "lower is better", { "context-switches", NULL }, 0, "context-switches" },
	[CM_IR] = { "instructions (valgrind)", "lower is better", { RUNNER_VALGRIND_EVENT, NULL }, 0, "Ir" },
};

struct dvec {
	double *v;
	size_t n, cap;
};

static void dvec_push(struct dvec *d, double x)
{
	if (d->n == d->cap)
		d->v = xrealloc(d->v, (d->cap = d->cap ? 2 * d->cap : 32) * sizeof(*d->v));
	d->v[d->n++] = x;
}

struct counter_scan {
	const struct report *r;
	struct dvec *cells;	/* [metric][variant][workload] */
	size_t nv, nw;
};

static int name_index(char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return (int)i;
	return -1;
}

static double counter(const struct store_sample_row *row, const char *event)
{
	for (size_t i = 0; i < row->ncounters; i++)
		if (!strcmp(row->events[i], event))
			return row->scaled[i];
	return NAN;
}

static int counter_sample(void *ctx, const struct store_sample_row *row)
{
	struct counter_scan *sc = ctx;
	const struct campaign_summary *cs = &sc->r->cmp.summary;
	int v = name_index(cs->variants.v, cs->variants.n, row->variant);
	int w = name_index(cs->workloads.v, cs->workloads.n, row->workload);
	double instr, cycles, val[CM_COUNT];

	if (v < 0 || w < 0 || row->warmup || strcmp(row->status, "ok"))
		return 0;
	instr = counter(row, "instructions");
	cycles = counter(row, "cycles");
	val[CM_INSTR] = instr;
	val[CM_CYCLES] = cycles;
	val[CM_IPC] = cycles > 0 ? instr / cycles : NAN;
	val[CM_BRANCH] = instr > 0 ? 1000 * counter(row, "branch-misses") / instr : NAN;
	val[CM_CACHE] = instr > 0 ? 1000 * counter(row, "cache-misses") / instr : NAN;
	val[CM_TASK] = counter(row, "task-clock");
	val[CM_PF] = counter(row, "page-faults");
	val[CM_CS] = counter(row, "context-switches");
	val[CM_IR] = counter(row, RUNNER_VALGRIND_EVENT);
	for (int m = 0; m < CM_COUNT; m++)
		if (isfinite(val[m]))
			dvec_push(&sc->cells[((size_t)m * sc->nv + (size_t)v) * sc->nw + (size_t)w], val[m]);
	return 0;
}

static const struct store_event_row *find_event(const struct report *r, const char *name)
{
	for (size_t i = 0; i < r->nevents; i++)
		if (!strcmp(r->events[i].name, name))
			return &r->events[i];
	return NULL;
}

static double median_of(const struct dvec *d)
{
	return d->n ? stats_median(d->v, d->n) : NAN;
}

/* Geometric mean over workloads of variant / base, with its bootstrap interval; 0 workloads: NAN. */
static struct chart_point ratio_over_workloads(struct counter_scan *sc, int m, size_t base, size_t v, gsl_rng *rng,
					       double *base_level)
{
	const double **b = xcalloc(sc->nw ? sc->nw : 1, sizeof(*b)), **x = xcalloc(sc->nw ? sc->nw : 1, sizeof(*x));
	size_t *nb = xcalloc(sc->nw ? sc->nw : 1, sizeof(*nb)), *nx = xcalloc(sc->nw ? sc->nw : 1, sizeof(*nx)), k = 0;
	struct chart_point pt = { "", NAN, NAN, NAN };
	struct stats_interval iv;
	double logsum = 0;

	for (size_t w = 0; w < sc->nw; w++) {
		const struct dvec *db = &sc->cells[((size_t)m * sc->nv + base) * sc->nw + w];
		const struct dvec *dv = &sc->cells[((size_t)m * sc->nv + v) * sc->nw + w];
		int positive = db->n && dv->n;

		for (size_t i = 0; positive && i < db->n; i++)
			positive = db->v[i] > 0;
		for (size_t i = 0; positive && i < dv->n; i++)
			positive = dv->v[i] > 0;
		if (!positive)
			continue;
		b[k] = db->v, nb[k] = db->n, x[k] = dv->v, nx[k] = dv->n;
		logsum += log(median_of(db));
		k++;
	}
	if (k && stats_geomean_ci(k, b, nb, x, nx, rng, COMPARE_RESAMPLES, 0.95, &iv) == 0)
		pt = (struct chart_point){ "", iv.estimate, iv.lo, iv.hi };
	error_clear();
	if (base_level)
		*base_level = k ? exp(logsum / (double)k) : NAN;
	free(b), free(x), free(nb), free(nx);
	return pt;
}

/* Why a metric has no rows: not asked for, or the machine could not count it. */
static char *counter_note(const struct report *r, int m)
{
	const char *fix = "measure with --events instructions,cycles,branch-misses,cache-misses";

	if (!strcmp(r->rec.meter, "pyperf"))
		return xstrdup("not recorded (imported from pyperf)");
	for (int e = 0; e < 2 && cmeta[m].events[e]; e++) {
		const struct store_event_row *ev = find_event(r, cmeta[m].events[e]);

		if (ev && !ev->supported)
			return xasprintf("not counted: %s (%s)", ev->name, ev->reason[0] ? ev->reason : "unsupported");
		if (!ev)
			return r->rec.machine.pmu ? xasprintf("not measured: %s", fix)
						  : xasprintf("not counted: this machine has no hardware PMU");
	}
	return xstrdup("no usable counts (zero or missing)");
}

static int draw_counters(struct report *r, const char *dir, FILE *out)
{
	const struct campaign_summary *cs = &r->cmp.summary;
	struct counter_scan sc = { r, NULL, cs->variants.n, cs->workloads.n };
	struct chart_counter_metric metrics[CM_COUNT];
	struct chart_point *points;
	struct chart_counters chart = { 0 };
	struct chart_ops ops = { &chart, counters_write, counters_svg };
	const char **names = xcalloc(sc.nv ? sc.nv : 1, sizeof(*names));
	char *notes[CM_COUNT] = { 0 }, *levels[CM_COUNT] = { 0 }, *title, *no_pmu = NULL;
	int base = report_variant_index(r, r->cmp.base), ret = -1;
	size_t nmetrics = 0, nvar = 0;
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);

	if (base < 0)
		base = 0;
	gsl_rng_set(rng, (unsigned long)r->cmp.seed);
	sc.cells = xcalloc((size_t)CM_COUNT * (sc.nv ? sc.nv : 1) * (sc.nw ? sc.nw : 1), sizeof(*sc.cells));
	points = xcalloc((size_t)CM_COUNT * (sc.nv ? sc.nv : 1), sizeof(*points));
	if (store_campaign_sample_rows(r->store, cs->id, counter_sample, &sc) < 0)
		goto out;
	/* The base first, then the other variants in campaign order. */
	names[nvar++] = cs->variants.n ? cs->variants.v[base] : "base";
	for (size_t v = 0; v < sc.nv; v++)
		if ((int)v != base)
			names[nvar++] = cs->variants.v[v];
	for (int m = 0; m < CM_COUNT; m++) {
		struct chart_counter_metric *cm = &metrics[nmetrics];
		struct chart_point *pts = &points[(size_t)m * (sc.nv ? sc.nv : 1)];
		int any = 0, asked = 1;
		size_t k = 0;
		double level = NAN;

		for (int e = 0; e < 2 && cmeta[m].events[e]; e++)
			asked &= find_event(r, cmeta[m].events[e]) != NULL;
		/* Software counters and valgrind show only when measured; hardware ones always say why not. */
		if (!cmeta[m].hardware && !asked)
			continue;
		for (size_t v = 0; v < sc.nv; v++) {
			if ((int)v == base)
				continue;
			pts[k] = ratio_over_workloads(&sc, m, (size_t)base, v, rng, k ? NULL : &level);
			any |= isfinite(pts[k].ratio);
			k++;
		}
		if (sc.nv == 1)
			ratio_over_workloads(&sc, m, (size_t)base, (size_t)base, rng, &level);
		memset(cm, 0, sizeof(*cm));
		cm->name = cmeta[m].name;
		cm->better = cmeta[m].better;
		cm->points = pts;
		cm->npoints = k;
		if (isfinite(level)) {
			char buf[48];

			report_format_value(buf, sizeof(buf), cmeta[m].metric, level);
			levels[m] = xasprintf("%s: %s", names[0], buf);
			cm->base_value = levels[m];
		}
		if (!any) {
			notes[m] = counter_note(r, m);
			cm->note = notes[m];
		}
		nmetrics++;
	}
	if (!strcmp(r->rec.meter, "pyperf"))
		no_pmu = xasprintf("Imported from pyperf: no counters were recorded with these results.");
	else if (!r->rec.machine.pmu)
		no_pmu = xasprintf("No hardware PMU on %s (%s): instructions, cycles, IPC, branch and cache misses "
				   "cannot be counted on this machine (most VMs expose none). The rows below that "
				   "have values are software counters.", r->rec.machine.hostname,
				   r->rec.machine.cpu_model);
	title = xasprintf("Counters per run relative to %s", names[0]);
	chart.title = title;
	chart.caption = r->caption;
	chart.variants = names;
	chart.nvariants = nvar;
	chart.metrics = metrics;
	chart.nmetrics = nmetrics;
	chart.no_pmu = no_pmu;
	r->charts[RC_COUNTERS].what = xasprintf("Per counter-based metric, each variant relative to %s: the geometric "
						"mean over the workloads of the ratio of medians, with a 95%% bootstrap "
						"interval; at the right, %s's own level (geometric mean of its "
						"medians).%s", names[0], names[0],
						r->rec.machine.pmu ? "" : " This machine has no hardware PMU, so only "
						"software counters have values.");
	ret = emit(r, RC_COUNTERS, &ops, dir, out);
	free(title);
out:
	for (size_t i = 0; i < (size_t)CM_COUNT * (sc.nv ? sc.nv : 1) * (sc.nw ? sc.nw : 1); i++)
		free(sc.cells[i].v);
	free(sc.cells);
	for (int m = 0; m < CM_COUNT; m++) {
		free(notes[m]);
		free(levels[m]);
	}
	free(points);
	free(names);
	free(no_pmu);
	gsl_rng_free(rng);
	return ret;
}

/* ---- trend ---- */

/* Samples of one campaign by variant and workload name. */
struct trend_cell {
	char *variant, *workload;
	struct dvec d;
};

struct trend_campaign {
	const struct store_campaign_row *row;
	struct trend_cell *cells;
	size_t ncells;
	struct store_workload_row *workloads;	/* what each name ran: script digest, arguments, checksum */
	size_t nworkloads;
};

/* Whether a workload ran the same program with the same arguments in both campaigns. */
static int same_workload(const struct trend_campaign *a, const struct trend_campaign *b, const char *name)
{
	const struct store_workload_row *x = NULL, *y = NULL;

	for (size_t i = 0; i < a->nworkloads; i++)
		if (!strcmp(a->workloads[i].name, name))
			x = &a->workloads[i];
	for (size_t i = 0; i < b->nworkloads; i++)
		if (!strcmp(b->workloads[i].name, name))
			y = &b->workloads[i];
	return x && y && !strcmp(x->digest, y->digest) && !strcmp(x->args, y->args) &&
	       !strcmp(x->checksum, y->checksum);
}

static int trend_sample(void *ctx, const char *variant, const char *workload, int warmup, const char *status,
			double value, const char *taken_at)
{
	struct trend_campaign *tc = ctx;
	size_t i;

	(void)taken_at;
	if (warmup || !status || strcmp(status, "ok") || !isfinite(value) || value <= 0)
		return 0;
	for (i = 0; i < tc->ncells; i++)
		if (!strcmp(tc->cells[i].variant, variant) && !strcmp(tc->cells[i].workload, workload))
			break;
	if (i == tc->ncells) {
		tc->cells = xrealloc(tc->cells, (tc->ncells + 1) * sizeof(*tc->cells));
		memset(&tc->cells[i], 0, sizeof(tc->cells[i]));
		tc->cells[i].variant = xstrdup(variant);
		tc->cells[i].workload = xstrdup(workload);
		tc->ncells++;
	}
	dvec_push(&tc->cells[i].d, value);
	return 0;
}

static const struct dvec *trend_find(const struct trend_campaign *tc, const char *variant, const char *workload)
{
	for (size_t i = 0; i < tc->ncells; i++)
		if (!strcmp(tc->cells[i].variant, variant) && !strcmp(tc->cells[i].workload, workload))
			return &tc->cells[i].d;
	return NULL;
}

static double parse_utc(const char *t)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	if (sscanf(t, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
		   &tm.tm_sec) != 6)
		return NAN;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (double)timegm(&tm);
}

static int has_variant(const struct store_campaign_row *c, const char *v)
{
	return name_index(c->variants.v, c->variants.n, v) >= 0;
}

/* Geometric mean over the workloads both campaigns have of later / reference, with its interval. */
static struct chart_trend_point trend_point(const struct trend_campaign *ref, const struct trend_campaign *tc,
					    const char *variant, gsl_rng *rng, size_t *used)
{
	struct chart_trend_point pt = { NAN, NAN, NAN, NAN };
	const double **b = NULL, **x = NULL;
	size_t *nb = NULL, *nx = NULL, k = 0;
	struct stats_interval iv;

	b = xcalloc(ref->ncells + 1, sizeof(*b));
	x = xcalloc(ref->ncells + 1, sizeof(*x));
	nb = xcalloc(ref->ncells + 1, sizeof(*nb));
	nx = xcalloc(ref->ncells + 1, sizeof(*nx));
	for (size_t i = 0; i < ref->ncells; i++) {
		const struct dvec *later;

		if (strcmp(ref->cells[i].variant, variant))
			continue;
		later = trend_find(tc, variant, ref->cells[i].workload);
		if (!later || !later->n || !ref->cells[i].d.n || !same_workload(ref, tc, ref->cells[i].workload))
			continue;
		b[k] = ref->cells[i].d.v, nb[k] = ref->cells[i].d.n;
		x[k] = later->v, nx[k] = later->n;
		k++;
	}
	if (k && stats_geomean_ci(k, b, nb, x, nx, rng, COMPARE_RESAMPLES, 0.95, &iv) == 0) {
		pt.value = iv.estimate;
		pt.lo = iv.lo;
		pt.hi = iv.hi;
	}
	error_clear();
	*used = k;
	free(b), free(x), free(nb), free(nx);
	return pt;
}

static int draw_trend(struct report *r, const char *dir, FILE *out)
{
	const struct campaign_summary *cs = &r->cmp.summary;
	struct store_campaign_row *rows = NULL;
	size_t nrows = 0, first = 0, last = 0, ncamp = 0, nseries = 0, i, j;
	struct trend_campaign *camps = NULL;
	struct chart_trend_series *series = NULL;
	struct chart_trend_point *pts = NULL;
	struct strv variants = STRV_INIT, labels = STRV_INIT;
	struct chart_trend chart = { 0 };
	struct chart_ops ops = { &chart, trend_write, trend_svg };
	char *title = NULL, *ytitle = NULL, *note = NULL;
	int ret = -1, by_date = !r->opts->trend_by_label, anyref = 0;
	int64_t refid = 0;
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);

	gsl_rng_set(rng, (unsigned long)r->cmp.seed);
	if (r->opts->trend_variants) {
		if (split_words(r->opts->trend_variants, &variants) < 0)
			goto out;
		/* Commas separate names too. */
		{
			char *joined = strv_join(&variants, ",");
			char *save = NULL;

			strv_release(&variants);
			for (char *tok = strtok_r(joined, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
				strv_push(&variants, tok);
			free(joined);
		}
	} else {
		strv_push_all(&variants, cs->variants.v, cs->variants.n);
	}
	if (store_campaign_rows(r->store, &rows, &nrows) < 0)
		goto out;
	/* Campaigns up to the reported one that measured any of the variants; the last 40 of them. */
	for (i = 0; i < nrows; i++)
		if (rows[i].id == cs->id)
			last = i + 1;
	if (!last)
		last = nrows;
	{
		size_t keep = 0;

		for (i = 0; i < last; i++) {
			int any = 0;

			for (j = 0; j < variants.n; j++)
				any |= has_variant(&rows[i], variants.v[j]);
			if (any)
				rows[keep++] = rows[i];
			else
				strv_release(&rows[i].variants);
		}
		for (i = last; i < nrows; i++)
			strv_release(&rows[i].variants);
		nrows = keep;
	}
	first = nrows > TREND_MAX_CAMPAIGNS ? nrows - TREND_MAX_CAMPAIGNS : 0;
	ncamp = nrows - first;
	camps = xcalloc(ncamp ? ncamp : 1, sizeof(*camps));
	for (i = 0; i < ncamp; i++) {
		const struct store_campaign_row *row = &rows[first + i];
		char label[200];

		camps[i].row = row;
		if (store_campaign_samples(r->store, row->id, r->cmp.metric, trend_sample, &camps[i]) < 0 ||
		    store_campaign_workload_rows(r->store, row->id, &camps[i].workloads, &camps[i].nworkloads) < 0)
			goto out;
		snprintf(label, sizeof(label), "#%lld %.60s", (long long)row->id, row->source);
		strv_push(&labels, label);
	}
	series = xcalloc(variants.n ? variants.n : 1, sizeof(*series));
	pts = xcalloc((variants.n ? variants.n : 1) * (ncamp ? ncamp : 1), sizeof(*pts));
	for (j = 0; j < variants.n; j++) {
		struct chart_trend_point *vp = &pts[j * (ncamp ? ncamp : 1)];
		const struct trend_campaign *ref = NULL;
		size_t np = 0;
		int idx = report_variant_index(r, variants.v[j]);

		for (i = 0; i < ncamp; i++) {
			struct chart_trend_point pt;
			size_t used;

			if (!has_variant(camps[i].row, variants.v[j]))
				continue;
			if (!ref) {
				ref = &camps[i];
				if (!refid)
					refid = ref->row->id;
				else if (refid != ref->row->id)
					anyref = 1;
			}
			pt = trend_point(ref, &camps[i], variants.v[j], rng, &used);
			if (!used)
				continue;
			pt.x = by_date ? parse_utc(camps[i].row->started) : (double)i;
			vp[np++] = pt;
		}
		if (!np)
			continue;
		series[nseries++] = (struct chart_trend_series){ idx >= 0 ? (size_t)idx : j, variants.v[j], vp, np };
	}
	title = xasprintf("%s across campaigns", metric_words(r->cmp.metric));
	title[0] = (char)(title[0] >= 'a' && title[0] <= 'z' ? title[0] - 'a' + 'A' : title[0]);
	if (anyref)
		ytitle = xasprintf("%s relative to each variant's first campaign", metric_words(r->cmp.metric));
	else
		ytitle = xasprintf("%s relative to campaign %lld", metric_words(r->cmp.metric), (long long)refid);
	if (ncamp < 2)
		note = xasprintf("Only one campaign has measured %s so far, so the trend starts here at 1.0 (its own "
				 "95%% interval). Each later campaign on the same variants adds a point.",
				 variants.n == 1 ? variants.v[0] : "these variants");
	chart.title = title;
	chart.caption = r->caption;
	chart.y_title = ytitle;
	chart.note = note;
	chart.by_date = by_date;
	chart.log_y = 1;
	chart.reference = 1.0;
	chart.xlabels = (const char *const *)labels.v;
	chart.nx = labels.n;
	chart.series = series;
	chart.nseries = nseries;
	r->charts[RC_TREND].what = xasprintf("The %s of each variant across the %zu campaign%s that measured it%s, "
					     "relative to its first one: the geometric mean over the workloads both "
					     "campaigns ran (same script, arguments and expected output) of the ratio "
					     "of medians, with a 95%% bootstrap band. Below 1.0 is faster than then.",
					     metric_words(r->cmp.metric), ncamp, ncamp == 1 ? "" : "s",
					     by_date ? ", by start date" : ", in order");
	ret = emit(r, RC_TREND, &ops, dir, out);
out:
	for (i = 0; camps && i < ncamp; i++) {
		for (j = 0; j < camps[i].ncells; j++) {
			free(camps[i].cells[j].variant);
			free(camps[i].cells[j].workload);
			free(camps[i].cells[j].d.v);
		}
		free(camps[i].cells);
		store_workload_rows_free(camps[i].workloads, camps[i].nworkloads);
	}
	free(camps);
	store_campaign_rows_free(rows, nrows);
	strv_release(&variants);
	strv_release(&labels);
	free(series);
	free(pts);
	free(title);
	free(ytitle);
	free(note);
	gsl_rng_free(rng);
	return ret;
}

/* ---- build cost ---- */

static int draw_buildcost(struct report *r, const char *dir, FILE *out)
{
	struct chart_build_row *rows = xcalloc(r->nvariants ? r->nvariants : 1, sizeof(*rows));
	struct chart_buildcost chart = { 0 };
	struct chart_ops ops = { &chart, buildcost_write, buildcost_svg };
	char *title;
	int ret;

	for (size_t i = 0; i < r->nvariants; i++) {
		const struct store_variant_row *v = &r->variants[i];
		struct chart_build_row *row = &rows[i];
		int idx = report_variant_index(r, v->name);

		row->series = idx >= 0 ? (size_t)idx : i;
		row->variant = v->name;
		row->build_seconds = v->build_seconds;
		row->installed_bytes = (double)v->installed_bytes;
		row->binary_bytes = (double)v->binary_bytes;
		row->base = !strcmp(v->name, r->cmp.base);
		row->speedup = (struct chart_point){ "", NAN, NAN, NAN };
		for (size_t g = 0; g < r->cmp.ngeomeans; g++)
			if (!strcmp(r->cmp.geomeans[g].variant, v->name) && r->cmp.geomeans[g].valid)
				row->speedup = (struct chart_point){ "", r->cmp.geomeans[g].ratio.estimate,
								     r->cmp.geomeans[g].ratio.lo,
								     r->cmp.geomeans[g].ratio.hi };
	}
	title = xasprintf("What each build costs and what it buys \u2014 %s", r->title);
	chart.title = title;
	chart.caption = r->caption;
	chart.base = r->cmp.base;
	chart.rows = rows;
	chart.nrows = r->nvariants;
	r->charts[RC_BUILDCOST].what = xasprintf("Per variant, the wall time its build took and the size of its "
						 "installation (the darker part is the python binary), beside its "
						 "geometric-mean %s relative to %s with the 95%% interval.",
						 metric_words(r->cmp.metric), r->cmp.base);
	ret = emit(r, RC_BUILDCOST, &ops, dir, out);
	free(title);
	free(rows);
	return ret;
}

int report_draw_charts(struct report *r, const char *dir, FILE *out)
{
	static const struct { const char *name, *heading; } names[RC_COUNT] = {
		[RC_SPEEDUP] = { "speedup", "Speedup" },
		[RC_DISTRIBUTION] = { "distribution", "Distributions" },
		[RC_COUNTERS] = { "counters", "Counters" },
		[RC_TREND] = { "trend", "Trend" },
		[RC_BUILDCOST] = { "buildcost", "Build cost" },
	};

	for (int i = 0; i < RC_COUNT; i++) {
		r->charts[i].name = names[i].name;
		r->charts[i].heading = names[i].heading;
	}
	if (draw_speedup(r, dir, out) < 0 || draw_distribution(r, dir, out) < 0 || draw_counters(r, dir, out) < 0 ||
	    draw_trend(r, dir, out) < 0 || draw_buildcost(r, dir, out) < 0)
		return -1;
	return 0;
}
