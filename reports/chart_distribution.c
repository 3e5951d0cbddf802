/*
 * Distribution chart: per workload a panel on its own linear scale, per
 * variant a violin with a box and every sample, so bimodality, spread and
 * outliers show where a ratio of medians hides them.
 */
#include "chart.h"
#include "chart_common.h"
#include "error.h"
#include "stats.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MARGIN		CHART_MARGIN
#define ROW_H		34.0	/* one variant inside a panel */
#define PANEL_GAP	20.0
#define COL_GAP		36.0
#define KDE_POINTS	97
#define MAX_DRAWN	1500	/* points (and kernels) per violin beyond which order statistics stand in */

/* One variant on one workload, prepared for drawing. */
struct set {
	size_t series;
	double *v;		/* sorted, finite, in display units */
	size_t n;
	double q1, med, q3, wlo, whi;	/* whiskers: furthest samples within 1.5 IQR */
	double mad;
	double bw;		/* kernel bandwidth, 0 when there is no violin */
	char median_text[48];
};

struct group {
	char *label;
	struct set *sets;
	size_t nsets;
	double scale;		/* display units per stored unit */
	const char *unit;	/* "ms" */
	struct axis a;		/* lo/hi in display units; positions set at layout */
};

struct data {
	char *title, *caption, *axis_title;
	char **variants;
	size_t nvariants;
	struct group *groups;
	size_t ngroups;
	size_t ncols;
};

struct layout {
	double w, h, inner;
	double title_h, legend_y, legend_h;
	double panels_y;
	double col_w, label_w, value_w, plot_w;
	double axis_y, axis_h, caption_y, caption_h;
	double *panel_y;	/* top of each group's panel */
	double *panel_x;	/* left edge */
	double tick_h, head_h;
};

static double panel_height(const struct layout *L, const struct group *g)
{
	return L->head_h + 4 + (double)(g->nsets ? g->nsets : 1) * ROW_H + CHART_TICK_LEN + 3 + L->tick_h;
}

/* Sample quantile, linear interpolation (stats.h's convention) of sorted x. */
static double quantile(const double *x, size_t n, double f)
{
	double h = (double)(n - 1) * f, fl = floor(h);
	size_t i = (size_t)fl;

	if (i + 1 >= n)
		return x[n - 1];
	return x[i] + (h - fl) * (x[i + 1] - x[i]);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* A readable unit for values of this magnitude. */
static void pick_unit(enum chart_unit unit, double maxabs, double *scale, const char **name)
{
	*scale = 1;
	*name = "";
	switch (unit) {
	case CHART_UNIT_SECONDS:
		if (maxabs >= 1)
			*name = "s";
		else if (maxabs >= 1e-3)
			*scale = 1e3, *name = "ms";
		else if (maxabs >= 1e-6)
			*scale = 1e6, *name = "\u00b5s";
		else
			*scale = 1e9, *name = "ns";
		return;
	case CHART_UNIT_KIB:
		if (maxabs >= 1024.0 * 1024)
			*scale = 1.0 / 1024 / 1024, *name = "GiB";
		else if (maxabs >= 1024)
			*scale = 1.0 / 1024, *name = "MiB";
		else
			*name = "KiB";
		return;
	case CHART_UNIT_COUNT:
		if (maxabs >= 1e9)
			*scale = 1e-9, *name = "G";
		else if (maxabs >= 1e6)
			*scale = 1e-6, *name = "M";
		else if (maxabs >= 1e3)
			*scale = 1e-3, *name = "k";
		return;
	case CHART_UNIT_NONE:
		return;
	}
}

static void set_prepare(struct set *st, const struct group *g)
{
	double iqr, sd = 0, mean = 0, spread, *dev;
	size_t i;

	for (i = 0; i < st->n; i++)
		st->v[i] *= g->scale;
	qsort(st->v, st->n, sizeof(*st->v), cmp_double);
	if (!st->n)
		return;
	st->q1 = quantile(st->v, st->n, 0.25);
	st->med = quantile(st->v, st->n, 0.5);
	st->q3 = quantile(st->v, st->n, 0.75);
	iqr = st->q3 - st->q1;
	st->wlo = st->whi = st->med;
	for (i = 0; i < st->n; i++) {
		if (st->v[i] >= st->q1 - 1.5 * iqr && st->v[i] < st->wlo)
			st->wlo = st->v[i];
		if (st->v[i] <= st->q3 + 1.5 * iqr && st->v[i] > st->whi)
			st->whi = st->v[i];
	}
	dev = malloc(st->n * sizeof(*dev));
	if (dev) {
		for (i = 0; i < st->n; i++)
			dev[i] = fabs(st->v[i] - st->med);
		qsort(dev, st->n, sizeof(*dev), cmp_double);
		st->mad = quantile(dev, st->n, 0.5);
		free(dev);
	}
	for (i = 0; i < st->n; i++)
		mean += st->v[i] / (double)st->n;
	for (i = 0; st->n > 1 && i < st->n; i++)
		sd += (st->v[i] - mean) * (st->v[i] - mean) / (double)(st->n - 1);
	sd = sqrt(sd);
	/* Silverman's rule of thumb; no violin for fewer than 4 samples or no spread. */
	spread = iqr > 0 ? fmin(sd, iqr / 1.34) : sd;
	st->bw = st->n >= 4 && spread > 0 ? 0.9 * spread * pow((double)st->n, -0.2) : 0;
	if (fabs(st->med) >= 100)
		snprintf(st->median_text, sizeof(st->median_text), "%.0f %s", st->med, g->unit);
	else if (fabs(st->med) >= 10)
		snprintf(st->median_text, sizeof(st->median_text), "%.1f %s", st->med, g->unit);
	else
		snprintf(st->median_text, sizeof(st->median_text), "%.3g %s", st->med, g->unit);
}

static int is_outlier(const struct set *st, double x)
{
	if (st->mad > 0)
		return fabs(x - st->med) / (1.4826 * st->mad) > STATS_OUTLIER_Z;
	return x != st->med;
}

static void data_release(struct data *d)
{
	size_t i, k;

	g_free(d->title);
	g_free(d->caption);
	g_free(d->axis_title);
	for (i = 0; i < d->nvariants; i++)
		g_free(d->variants[i]);
	free(d->variants);
	for (i = 0; i < d->ngroups; i++) {
		g_free(d->groups[i].label);
		for (k = 0; k < d->groups[i].nsets; k++)
			free(d->groups[i].sets[k].v);
		free(d->groups[i].sets);
	}
	free(d->groups);
	memset(d, 0, sizeof(*d));
}

static int data_init(struct data *d, const struct chart_distribution *c)
{
	size_t i, k, j;
	char *q;

	memset(d, 0, sizeof(*d));
	d->title = c->title ? text_dup(c->title, "") : NULL;
	d->caption = c->caption ? text_dup(c->caption, "") : NULL;
	q = text_dup(c->quantity, "value");
	d->axis_title = g_strdup_printf("%s per sample (each workload on its own scale; median at the right)", q);
	g_free(q);
	d->nvariants = c->variants ? c->nvariants : 0;
	d->variants = calloc(d->nvariants ? d->nvariants : 1, sizeof(*d->variants));
	d->ngroups = c->groups ? c->ngroups : 0;
	d->groups = calloc(d->ngroups ? d->ngroups : 1, sizeof(*d->groups));
	if (!d->variants || !d->groups)
		goto oom;
	for (i = 0; i < d->nvariants; i++)
		d->variants[i] = text_dup(c->variants[i], "?");
	for (i = 0; i < d->ngroups; i++) {
		const struct chart_dist_group *cg = &c->groups[i];
		struct group *g = &d->groups[i];
		double lo = INFINITY, hi = -INFINITY;

		g->label = text_dup(cg->label, "(unnamed)");
		g->nsets = cg->sets ? cg->nsets : 0;
		g->sets = calloc(g->nsets ? g->nsets : 1, sizeof(*g->sets));
		if (!g->sets)
			goto oom;
		for (k = 0; k < g->nsets; k++) {
			const struct chart_samples *cs = &cg->sets[k];
			struct set *st = &g->sets[k];

			st->series = cs->series;
			st->v = malloc((cs->n ? cs->n : 1) * sizeof(*st->v));
			if (!st->v)
				goto oom;
			for (j = 0; cs->values && j < cs->n; j++) {
				if (!isfinite(cs->values[j]))
					continue;
				st->v[st->n++] = cs->values[j];
				lo = fmin(lo, cs->values[j]);
				hi = fmax(hi, cs->values[j]);
			}
		}
		if (lo > hi)
			lo = hi = 0;
		pick_unit(c->unit, fmax(fabs(lo), fabs(hi)), &g->scale, &g->unit);
		for (k = 0; k < g->nsets; k++)
			set_prepare(&g->sets[k], g);
		g->a.lo = lo * g->scale;
		g->a.hi = hi * g->scale;
		axis_pad(&g->a, 0.06);
	}
	d->ncols = d->ngroups <= 6 ? 1 : d->ngroups <= 16 ? 2 : 3;
	return 0;
oom:
	data_release(d);
	return error_set("out of memory");
}

/* ---- layout ---- */

static const struct legend_item key[] = {
	{ L_SWATCH, C_KEY, S_CIRCLE, V_NA, "density (violin)", 1, 0 },
	{ L_CI, C_KEY, S_CIRCLE, V_NA, "box: quartiles and median; whiskers: 1.5 IQR", 0, 0 },
	{ L_MARKER, C_KEY, S_CIRCLE, V_FASTER, "one sample", 0, 0 },
	{ L_CROSS, C_INK, S_CIRCLE, V_NA, "outlier (MAD rule, kept)", 0, 0 },
};
#define NKEY (sizeof(key) / sizeof(key[0]))

static double legend(struct painter *p, const struct data *d, double x, double y, double w, int draw)
{
	struct legend_item *items = calloc(d->nvariants + NKEY, sizeof(*items));
	double h;
	size_t i;

	if (!items)
		return 0;
	for (i = 0; i < d->nvariants; i++)
		items[i] = (struct legend_item){ L_MARKER, series_colour(i), series_shape(i), V_FASTER, d->variants[i],
						 0, 1 };
	memcpy(items + d->nvariants, key, sizeof(key));
	h = legend_flow(p, items, d->nvariants + NKEY, x, y, w, draw);
	free(items);
	return h;
}

static void layout_compute(struct painter *p, const struct data *d, double W, struct layout *L, int measure_only)
{
	double y, col_h[3] = { 0, 0, 0 }, tallest = 0;
	size_t i, k, col;

	L->label_w = 0;
	L->value_w = 0;
	for (i = 0; i < d->ngroups; i++)
		for (k = 0; k < d->groups[i].nsets; k++) {
			const struct set *st = &d->groups[i].sets[k];

			if (st->series < d->nvariants)
				L->label_w = fmax(L->label_w, text_width(p, F_SMALL, d->variants[st->series]));
			L->value_w = fmax(L->value_w, text_width(p, F_VALUE, st->n ? st->median_text : "no samples"));
		}
	L->tick_h = text_height(p, F_SMALL, "0.9", 0);
	L->head_h = text_height(p, F_LABEL_BOLD, "Ag", 0);
	if (measure_only) {
		double plot = d->ncols == 1 ? 440 : 300;

		L->col_w = L->label_w + 12 + plot + 10 + L->value_w;
		W = 2 * MARGIN + (double)d->ncols * L->col_w + (double)(d->ncols - 1) * COL_GAP;
		W = fmax(W, 640);
	}
	L->w = W;
	L->inner = W - 2 * MARGIN;
	L->col_w = (L->inner - (double)(d->ncols - 1) * COL_GAP) / (double)d->ncols;
	L->plot_w = L->col_w - L->label_w - 12 - 10 - L->value_w;

	y = MARGIN;
	L->title_h = d->title ? text_height(p, F_TITLE, d->title, L->inner) : 0;
	if (d->title)
		y += L->title_h + 10;
	L->legend_y = y;
	L->legend_h = legend(p, d, MARGIN, 0, L->inner, 0);
	y += L->legend_h + 16;
	L->panels_y = y;

	/* Column-major: the first groups fill the first column, as they read. */
	for (i = 0; i < d->ngroups; i++) {
		size_t per = (d->ngroups + d->ncols - 1) / d->ncols;

		col = i / per;
		L->panel_x[i] = MARGIN + (double)col * (L->col_w + COL_GAP);
		L->panel_y[i] = y + col_h[col];
		col_h[col] += panel_height(L, &d->groups[i]) + PANEL_GAP;
	}
	for (col = 0; col < d->ncols; col++)
		tallest = fmax(tallest, col_h[col]);
	if (!d->ngroups)
		tallest = 60;
	y += tallest;
	L->axis_y = y;
	L->axis_h = text_height(p, F_AXIS, d->axis_title, L->inner);
	y += L->axis_h;
	L->caption_y = y + 14;
	L->caption_h = d->caption ? text_height(p, F_CAPTION, d->caption, L->inner) : 0;
	if (d->caption)
		y = L->caption_y + L->caption_h;
	L->h = y + MARGIN - 4;
}

/* ---- drawing ---- */

static void draw_violin(cairo_t *cr, const struct set *st, const struct axis *a, double cy, double half,
			unsigned colour)
{
	/* Trimmed to the samples, as ggplot's violins are: no density where nothing was measured. */
	double lo = st->v[0], hi = st->v[st->n - 1];
	double dens[KDE_POINTS], peak = 0;
	size_t j, stride = (st->n + MAX_DRAWN - 1) / MAX_DRAWN;
	int i;

	/* Evenly spaced order statistics keep the shape of a huge sample at a bounded cost. */
	for (i = 0; i < KDE_POINTS; i++) {
		double x = lo + (hi - lo) * i / (KDE_POINTS - 1), sum = 0;

		for (j = stride / 2; j < st->n; j += stride) {
			double z = (x - st->v[j]) / st->bw;

			sum += exp(-0.5 * z * z);
		}
		dens[i] = sum;
		peak = fmax(peak, sum);
	}
	if (peak <= 0)
		return;
	cairo_new_path(cr);
	for (i = 0; i < KDE_POINTS; i++) {
		double x = axis_pos(a, lo + (hi - lo) * i / (KDE_POINTS - 1));

		cairo_line_to(cr, x, cy - half * dens[i] / peak);
	}
	for (i = KDE_POINTS - 1; i >= 0; i--) {
		double x = axis_pos(a, lo + (hi - lo) * i / (KDE_POINTS - 1));

		cairo_line_to(cr, x, cy + half * dens[i] / peak);
	}
	cairo_close_path(cr);
	ink_alpha(cr, colour, 0.16);
	cairo_fill_preserve(cr);
	ink_alpha(cr, colour, 0.75);
	cairo_set_line_width(cr, 1);
	cairo_stroke(cr);
}

static void draw_box(cairo_t *cr, const struct set *st, const struct axis *a, double cy, double half,
		     unsigned colour)
{
	double x1 = axis_pos(a, st->q1), x3 = axis_pos(a, st->q3), xm = axis_pos(a, st->med);

	ink(cr, colour);
	cairo_set_line_width(cr, 1.3);
	cairo_move_to(cr, axis_pos(a, st->wlo), cy);
	cairo_line_to(cr, x1, cy);
	cairo_move_to(cr, x3, cy);
	cairo_line_to(cr, axis_pos(a, st->whi), cy);
	cairo_move_to(cr, axis_pos(a, st->wlo), cy - half * 0.5);
	cairo_line_to(cr, axis_pos(a, st->wlo), cy + half * 0.5);
	cairo_move_to(cr, axis_pos(a, st->whi), cy - half * 0.5);
	cairo_line_to(cr, axis_pos(a, st->whi), cy + half * 0.5);
	cairo_stroke(cr);
	cairo_rectangle(cr, x1, cy - half, fmax(x3 - x1, 1), 2 * half);
	ink_alpha(cr, C_BG, 0.85);
	cairo_fill_preserve(cr);
	ink(cr, colour);
	cairo_stroke(cr);
	ink(cr, C_INK);
	cairo_set_line_width(cr, 2.4);
	cairo_move_to(cr, xm, cy - half - 1);
	cairo_line_to(cr, xm, cy + half + 1);
	cairo_stroke(cr);
}

static void draw_points(cairo_t *cr, const struct set *st, const struct axis *a, double cy, double spread,
			unsigned colour)
{
	size_t j, stride = (st->n + MAX_DRAWN - 1) / MAX_DRAWN;

	for (j = 0; j < st->n; j++) {
		/* Outliers always; the rest thinned to evenly spaced order statistics when there are many. */
		if (stride > 1 && j % stride != stride / 2 && !is_outlier(st, st->v[j]))
			continue;
		/* Golden-ratio jitter: deterministic and evenly spread. */
		double t = fmod((double)j * 0.6180339887498949 + 0.5, 1.0) * 2 - 1;
		double x = axis_pos(a, st->v[j]), y = cy + t * spread;

		if (is_outlier(st, st->v[j])) {
			ink(cr, C_INK);
			cairo_set_line_width(cr, 1.4);
			cairo_move_to(cr, x - 3, y - 3);
			cairo_line_to(cr, x + 3, y + 3);
			cairo_move_to(cr, x - 3, y + 3);
			cairo_line_to(cr, x + 3, y - 3);
			cairo_stroke(cr);
			continue;
		}
		cairo_new_sub_path(cr);
		cairo_arc(cr, x, y, 2.2, 0, 2 * G_PI);
		ink_alpha(cr, colour, 0.55);
		cairo_fill_preserve(cr);
		ink(cr, colour);
		cairo_set_line_width(cr, 0.8);
		cairo_stroke(cr);
	}
}

static void draw_panel(struct painter *p, const struct layout *L, const struct data *d, size_t gi)
{
	const struct group *gc = &d->groups[gi];
	struct axis a = gc->a;
	cairo_t *cr = p->cr;
	double x0 = L->panel_x[gi], y = L->panel_y[gi], px0 = x0 + L->label_w + 12, px1 = px0 + L->plot_w;
	double rows_top, rows_bot, last = -INFINITY;
	size_t k, i;

	ink(cr, C_INK);
	text_at(p, F_LABEL_BOLD, gc->label, x0, y, 0, 0);
	rows_top = y + L->head_h + 4;
	rows_bot = rows_top + (double)(gc->nsets ? gc->nsets : 1) * ROW_H;
	a.p0 = px0;
	a.p1 = px1;
	axis_ticks(p, &a, F_SMALL, 0, gc->unit);

	/* Zebra stripes for the variants, grid, then the axis. */
	ink(cr, C_STRIPE);
	for (k = 1; k < gc->nsets; k += 2)
		cairo_rectangle(cr, x0 - 6, rows_top + (double)k * ROW_H, L->col_w + 12, ROW_H);
	cairo_fill(cr);
	cairo_set_line_width(cr, 1);
	ink(cr, C_GRID);
	for (i = 0; i < a.ticks.n; i++) {
		double x = snap(axis_pos(&a, a.ticks.v[i]));

		cairo_move_to(cr, x, rows_top);
		cairo_line_to(cr, x, rows_bot);
	}
	cairo_stroke(cr);
	ink(cr, C_AXIS);
	cairo_move_to(cr, px0, snap(rows_bot));
	cairo_line_to(cr, px1, snap(rows_bot));
	for (i = 0; i < a.ticks.n; i++) {
		double x = snap(axis_pos(&a, a.ticks.v[i]));

		cairo_move_to(cr, x, rows_bot);
		cairo_line_to(cr, x, rows_bot + CHART_TICK_LEN);
	}
	cairo_stroke(cr);
	ink(cr, C_TEXT);
	if (a.ticks.n) {
		/* The last label carries the unit: it is drawn first, inside the panel, and others give way. */
		size_t n = a.ticks.n - 1;
		double x = axis_pos(&a, a.ticks.v[n]), w = text_width(p, F_SMALL, a.ticks.s[n]);
		double ax = x + w / 2 > px1 + L->value_w ? 1 : 0.5, stop = x - w * ax;

		text_at(p, F_SMALL, a.ticks.s[n], x, rows_bot + CHART_TICK_LEN + 3, ax, 0);
		for (i = 0; i < n; i++) {
			x = axis_pos(&a, a.ticks.v[i]);
			w = text_width(p, F_SMALL, a.ticks.s[i]);
			if (x - w / 2 < last + 6 || x + w / 2 > stop - 6)
				continue;
			text_at(p, F_SMALL, a.ticks.s[i], x, rows_bot + CHART_TICK_LEN + 3, 0.5, 0);
			last = x + w / 2;
		}
	}

	if (!gc->nsets) {
		ink(cr, C_MUTED);
		text_at(p, F_NA, "no samples", (px0 + px1) / 2, rows_top + ROW_H / 2, 0.5, 0.5);
		return;
	}
	for (k = 0; k < gc->nsets; k++) {
		const struct set *st = &gc->sets[k];
		double cy = rows_top + ((double)k + 0.5) * ROW_H;
		unsigned colour = series_colour(st->series);

		ink(cr, C_INK);
		if (st->series < d->nvariants)
			text_at(p, F_SMALL, d->variants[st->series], x0, cy, 0, 0.5);
		if (!st->n) {
			ink(cr, C_MUTED);
			text_at(p, F_NA, "no samples", px1 + 10, cy, 0, 0.5);
			continue;
		}
		cairo_save(cr);
		cairo_rectangle(cr, px0, rows_top, px1 - px0, rows_bot - rows_top);
		cairo_clip(cr);
		if (st->bw > 0) {
			draw_violin(cr, st, &a, cy, ROW_H * 0.44, colour);
			draw_box(cr, st, &a, cy, ROW_H * 0.13, colour);
		} else {
			ink(cr, C_INK);
			cairo_set_line_width(cr, 2.4);
			cairo_move_to(cr, axis_pos(&a, st->med), cy - ROW_H * 0.3);
			cairo_line_to(cr, axis_pos(&a, st->med), cy + ROW_H * 0.3);
			cairo_stroke(cr);
		}
		draw_points(cr, st, &a, cy, ROW_H * 0.3, colour);
		cairo_restore(cr);
		ink(cr, C_TEXT);
		text_at(p, F_VALUE, st->median_text, px1 + 10, cy, 0, 0.5);
	}
}

static void layout_alloc(struct layout *L, const struct data *d)
{
	memset(L, 0, sizeof(*L));
	L->panel_y = calloc(d->ngroups ? d->ngroups : 1, sizeof(double));
	L->panel_x = calloc(d->ngroups ? d->ngroups : 1, sizeof(double));
}

static void layout_free(struct layout *L)
{
	free(L->panel_y);
	free(L->panel_x);
}

static void dist_size(const void *ctx, struct painter *p, double *w, double *h)
{
	struct layout L;

	layout_alloc(&L, ctx);
	if (L.panel_y && L.panel_x) {
		layout_compute(p, ctx, 0, &L, 1);
		*w = L.w;
		*h = L.h;
	}
	layout_free(&L);
}

static int dist_draw(const void *ctx, struct painter *p, double w, double h)
{
	const struct data *d = ctx;
	struct layout L;
	size_t i;

	(void)h;
	layout_alloc(&L, d);
	if (!L.panel_y || !L.panel_x) {
		layout_free(&L);
		return error_set("out of memory");
	}
	layout_compute(p, d, w, &L, 0);
	if (d->title) {
		ink(p->cr, C_TITLE);
		text_block(p, F_TITLE, d->title, MARGIN, MARGIN, L.inner);
	}
	legend(p, d, MARGIN, L.legend_y, L.inner, 1);
	for (i = 0; i < d->ngroups; i++)
		draw_panel(p, &L, d, i);
	if (!d->ngroups) {
		ink(p->cr, C_MUTED);
		text_at(p, F_LABEL, "no data", L.w / 2, L.panels_y + 30, 0.5, 0.5);
	}
	ink(p->cr, C_INK);
	text_block(p, F_AXIS, d->axis_title, MARGIN, L.axis_y, L.inner);
	if (d->caption) {
		ink(p->cr, C_CAPTION);
		text_block(p, F_CAPTION, d->caption, MARGIN, L.caption_y, L.inner);
	}
	layout_free(&L);
	return 0;
}

void chart_distribution_size(const struct chart_distribution *c, double *width, double *height)
{
	struct data d;
	struct drawing dr;

	*width = 640;
	*height = 400;
	if (data_init(&d, c))
		return;
	dr = (struct drawing){ d.title, dist_size, dist_draw, &d };
	drawing_size(&dr, width, height);
	data_release(&d);
}

int chart_distribution_write(const struct chart_distribution *c, const char *path, enum chart_format fmt,
			     double *width, double *height)
{
	struct data d;
	struct drawing dr;
	int ret;

	if (data_init(&d, c))
		return error_prefix("cannot write chart '%s'", path ? path : "");
	dr = (struct drawing){ d.title, dist_size, dist_draw, &d };
	ret = drawing_write(&dr, path, fmt, width, height);
	data_release(&d);
	return ret;
}

int chart_distribution_svg(const struct chart_distribution *c, char **svg, size_t *len)
{
	struct data d;
	struct drawing dr;
	int ret;

	if (data_init(&d, c))
		return -1;
	dr = (struct drawing){ d.title, dist_size, dist_draw, &d };
	ret = drawing_svg(&dr, svg, len);
	data_release(&d);
	return ret;
}
