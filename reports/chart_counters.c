/*
 * Counters chart: per counter-based metric (instructions, cycles, IPC,
 * misses per 1k instructions, software counters), each variant relative
 * to the base on a log scale, with a boxed note when the machine had no
 * PMU and the hardware rows are empty for that reason.
 */
#include "chart.h"
#include "chart_common.h"
#include "error.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MARGIN		CHART_MARGIN
#define SUB_H		19.0
#define ROW_PAD		6.0
#define PLOT_W		440.0
#define LABEL_GAP	18.0

struct metric {
	char *name, *better, *base_value, *note;
	const struct chart_point *points;	/* borrowed */
	size_t npoints;
	int usable;		/* some point has a ratio */
};

struct data {
	char *title, *caption, *no_pmu, *axis_title, *base;
	char **variants;
	size_t nvariants;
	struct metric *metrics;
	size_t nmetrics;
	double lo, hi;		/* x range (ratios) */
};

struct layout {
	double w, h, inner;
	double title_h, note_y, note_h, legend_y, legend_h;
	double ref_y, py0, py1;
	double label_w, value_w, px0, px1;
	double *row_y, *row_h;
	double tick_y, axis_y, axis_h, caption_y, caption_h;
	struct axis x;
};

static int usable(double v)
{
	return isfinite(v) && v > 0;
}

static int has_ci(const struct chart_point *p)
{
	return usable(p->lo) && usable(p->hi) && p->lo <= p->ratio && p->ratio <= p->hi;
}

static void data_release(struct data *d)
{
	size_t i;

	g_free(d->title);
	g_free(d->caption);
	g_free(d->no_pmu);
	g_free(d->axis_title);
	g_free(d->base);
	for (i = 0; i < d->nvariants; i++)
		g_free(d->variants[i]);
	free(d->variants);
	for (i = 0; i < d->nmetrics; i++) {
		g_free(d->metrics[i].name);
		g_free(d->metrics[i].better);
		g_free(d->metrics[i].base_value);
		g_free(d->metrics[i].note);
	}
	free(d->metrics);
	memset(d, 0, sizeof(*d));
}

static int data_init(struct data *d, const struct chart_counters *c)
{
	double lo = 1, hi = 1;
	size_t i, k;

	memset(d, 0, sizeof(*d));
	d->title = c->title ? text_dup(c->title, "") : NULL;
	d->caption = c->caption ? text_dup(c->caption, "") : NULL;
	d->no_pmu = c->no_pmu ? text_dup(c->no_pmu, "") : NULL;
	d->nvariants = c->variants ? c->nvariants : 0;
	d->variants = calloc(d->nvariants ? d->nvariants : 1, sizeof(*d->variants));
	d->nmetrics = c->metrics ? c->nmetrics : 0;
	d->metrics = calloc(d->nmetrics ? d->nmetrics : 1, sizeof(*d->metrics));
	if (!d->variants || !d->metrics) {
		data_release(d);
		return error_set("out of memory");
	}
	for (i = 0; i < d->nvariants; i++)
		d->variants[i] = text_dup(c->variants[i], "?");
	d->base = text_dup(d->nvariants ? d->variants[0] : NULL, "base");
	d->axis_title = g_strdup_printf("relative to %s (1.0 = the same count; log scale)", d->base);
	for (i = 0; i < d->nmetrics; i++) {
		const struct chart_counter_metric *cm = &c->metrics[i];
		struct metric *m = &d->metrics[i];

		m->name = text_dup(cm->name, "?");
		m->better = cm->better ? text_dup(cm->better, "") : NULL;
		m->base_value = cm->base_value ? text_dup(cm->base_value, "") : NULL;
		m->note = cm->note ? text_dup(cm->note, "") : NULL;
		m->points = cm->points;
		m->npoints = cm->points ? cm->npoints : 0;
		/* Point k is variant k + 1; extra points have no variant to belong to. */
		if (d->nvariants && m->npoints > d->nvariants - 1)
			m->npoints = d->nvariants - 1;
		if (!d->nvariants)
			m->npoints = 0;
		for (k = 0; k < m->npoints; k++) {
			const struct chart_point *pt = &m->points[k];

			if (!usable(pt->ratio))
				continue;
			m->usable = 1;
			lo = fmin(lo, pt->ratio);
			hi = fmax(hi, pt->ratio);
			if (has_ci(pt)) {
				lo = fmin(lo, pt->lo);
				hi = fmax(hi, pt->hi);
			}
		}
	}
	d->lo = lo;
	d->hi = hi;
	return 0;
}

/* ---- layout ---- */

static double legend(struct painter *p, const struct data *d, double x, double y, double w, int draw)
{
	static const struct legend_item key[] = {
		{ L_CI, C_KEY, S_CIRCLE, V_NA, "95% confidence interval", 0, 0 },
		{ L_MARKER, C_KEY, S_CIRCLE, V_FASTER, "CI excludes 1 (a real change)", 1, 0 },
		{ L_MARKER, C_KEY, S_CIRCLE, V_UNCLEAR, "CI includes 1", 0, 0 },
	};
	size_t nkey = sizeof(key) / sizeof(key[0]), n = (d->nvariants ? d->nvariants - 1 : 0) + nkey, i;
	struct legend_item *items = calloc(n, sizeof(*items));
	double h;

	if (!items)
		return 0;
	for (i = 1; i < d->nvariants; i++)
		items[i - 1] = (struct legend_item){ L_SERIES, series_colour(i), series_shape(i), V_FASTER,
						     d->variants[i], 0, 1 };
	memcpy(items + n - nkey, key, sizeof(key));
	h = legend_flow(p, items, n, x, y, w, draw);
	free(items);
	return h;
}

static double row_natural(struct painter *p, const struct data *d, const struct metric *m)
{
	double sub = (double)(d->nvariants > 1 ? d->nvariants - 1 : 1) * SUB_H + 2 * ROW_PAD;
	double lab = text_height(p, F_LABEL, m->name, 0) + (m->better ? text_height(p, F_VALUE, m->better, 0) : 0) +
		     2 * ROW_PAD;

	if (!m->usable && m->note)
		lab = fmax(lab, text_height(p, F_NA, m->note, PLOT_W - 16) + 2 * ROW_PAD);
	return fmax(sub, lab);
}

static void layout_compute(struct painter *p, const struct data *d, double W, struct layout *L, int measure)
{
	double y, lh = text_height(p, F_SMALL, "0.9", 0);
	size_t i;

	L->label_w = 0;
	L->value_w = text_width(p, F_SMALL_BOLD, d->base);
	for (i = 0; i < d->nmetrics; i++) {
		const struct metric *m = &d->metrics[i];

		L->label_w = fmax(L->label_w, text_width(p, F_LABEL, m->name));
		if (m->better)
			L->label_w = fmax(L->label_w, text_width(p, F_VALUE, m->better));
		if (m->base_value)
			L->value_w = fmax(L->value_w, text_width(p, F_VALUE, m->base_value));
	}
	if (measure)
		W = fmax(680, 2 * MARGIN + L->label_w + LABEL_GAP + PLOT_W + 16 + L->value_w);
	L->w = W;
	L->inner = W - 2 * MARGIN;
	L->px0 = MARGIN + L->label_w + LABEL_GAP;
	L->px1 = W - MARGIN - L->value_w - 16;

	y = MARGIN;
	L->title_h = d->title ? text_height(p, F_TITLE, d->title, L->inner) : 0;
	if (d->title)
		y += L->title_h + 10;
	L->note_y = y;
	L->note_h = d->no_pmu ? note_box(p, d->no_pmu, MARGIN, y, L->inner, 0) : 0;
	if (d->no_pmu)
		y += L->note_h + 12;
	L->legend_y = y;
	L->legend_h = legend(p, d, MARGIN, y, L->inner, 0);
	y += L->legend_h + 16;
	L->ref_y = y;
	y += lh + 4;
	L->py0 = y;
	for (i = 0; i < d->nmetrics; i++) {
		L->row_y[i] = y;
		L->row_h[i] = row_natural(p, d, &d->metrics[i]);
		y += L->row_h[i];
	}
	if (!d->nmetrics)
		y += 3 * SUB_H;
	L->py1 = y;
	L->tick_y = y + CHART_TICK_LEN + 3;
	y = L->tick_y + lh + 8;
	L->axis_y = y;
	L->axis_h = text_height(p, F_AXIS, d->axis_title, L->inner);
	y += L->axis_h;
	L->caption_y = y + 14;
	L->caption_h = d->caption ? text_height(p, F_CAPTION, d->caption, L->inner) : 0;
	if (d->caption)
		y = L->caption_y + L->caption_h;
	L->h = y + MARGIN - 4;

	memset(&L->x, 0, sizeof(L->x));
	L->x.log = 1;
	L->x.lo = d->lo;
	L->x.hi = d->hi;
	axis_pad(&L->x, 0.08);
	L->x.p0 = L->px0;
	L->x.p1 = L->px1;
	axis_ticks(p, &L->x, F_SMALL, 0, NULL);
}

/* ---- drawing ---- */

static void draw_axis(struct painter *p, const struct layout *L, const struct data *d)
{
	cairo_t *cr = p->cr;
	double last = -INFINITY, x, w;
	size_t i;

	cairo_set_line_width(cr, 1);
	ink(cr, C_GRID);
	for (i = 0; i < L->x.ticks.n; i++) {
		if (L->x.ticks.v[i] == 1.0)
			continue;
		x = snap(axis_pos(&L->x, L->x.ticks.v[i]));
		cairo_move_to(cr, x, L->py0);
		cairo_line_to(cr, x, L->py1);
	}
	cairo_stroke(cr);
	ink(cr, C_AXIS);
	cairo_move_to(cr, L->px0, snap(L->py1));
	cairo_line_to(cr, L->px1, snap(L->py1));
	for (i = 0; i < L->x.ticks.n; i++) {
		x = snap(axis_pos(&L->x, L->x.ticks.v[i]));
		cairo_move_to(cr, x, L->py1);
		cairo_line_to(cr, x, L->py1 + CHART_TICK_LEN);
	}
	cairo_stroke(cr);
	ink(cr, C_TEXT);
	for (i = 0; i < L->x.ticks.n; i++) {
		x = axis_pos(&L->x, L->x.ticks.v[i]);
		w = text_width(p, F_SMALL, L->x.ticks.s[i]);
		if (x - w / 2 < last + 6)
			continue;
		text_at(p, L->x.ticks.v[i] == 1.0 ? F_SMALL_BOLD : F_SMALL, L->x.ticks.s[i], x, L->tick_y, 0.5, 0);
		last = x + w / 2;
	}
	ink(cr, C_INK);
	text_set(p, F_AXIS, d->axis_title, L->inner);
	{
		double tw;

		text_extent(p, &tw, NULL);
		cairo_move_to(cr, tw <= L->px1 - L->px0 ? (L->px0 + L->px1 - tw) / 2 : MARGIN, L->axis_y);
	}
	pango_cairo_show_layout(cr, p->layout);

	/* The reference line at 1.0, labelled with the base. */
	x = axis_pos(&L->x, 1.0);
	ink(cr, C_REF);
	cairo_set_line_width(cr, 1.2);
	cairo_move_to(cr, x, L->py0 - 2);
	cairo_line_to(cr, x, L->py1);
	cairo_stroke(cr);
	w = text_width(p, F_SMALL_BOLD, d->base);
	text_at(p, F_SMALL_BOLD, d->base, fmin(fmax(x - w / 2, MARGIN), L->px1 - w), L->ref_y, 0, 0);
	ink(cr, C_MUTED);
	text_at(p, F_SMALL, "base level", L->w - MARGIN, L->ref_y, 1, 0);
}

static void draw_point(struct painter *p, const struct layout *L, const struct chart_point *pt, size_t s,
		       double y, unsigned bg)
{
	enum verdict v;
	double xr, xl, xh, right;
	char buf[32];

	if (!usable(pt->ratio)) {
		ink(p->cr, C_MUTED);
		text_at(p, F_NA, "n/a", axis_pos(&L->x, 1.0) + 8, y, 0, 0.5);
		return;
	}
	v = has_ci(pt) && (pt->hi < 1 || pt->lo > 1) ? V_FASTER : V_UNCLEAR;
	xr = xl = xh = axis_pos(&L->x, pt->ratio);
	if (has_ci(pt)) {
		xl = axis_pos(&L->x, pt->lo);
		xh = axis_pos(&L->x, pt->hi);
		whisker_draw(p->cr, xl, xh, y, CHART_CAP_H, series_colour(s));
	}
	marker_draw(p->cr, series_shape(s), xr, y, CHART_MARKER_R, series_colour(s), v);
	format_sig3(buf, sizeof(buf), pt->ratio);
	right = fmax(xh, xr + CHART_MARKER_R) + 5;
	if (right + text_width(p, F_VALUE, buf) <= L->px1 + 8)
		text_halo(p, F_VALUE, buf, right, y, 0, bg, C_TEXT);
	else
		text_halo(p, F_VALUE, buf, fmin(xl, xr - CHART_MARKER_R) - 5, y, 1, bg, C_TEXT);
}

static void draw_rows(struct painter *p, const struct layout *L, const struct data *d)
{
	cairo_t *cr = p->cr;
	size_t i, k;

	for (i = 0; i < d->nmetrics; i++) {
		const struct metric *m = &d->metrics[i];
		double top = L->row_y[i], h = L->row_h[i], lh = text_height(p, F_LABEL, m->name, 0);
		double bh = m->better ? text_height(p, F_VALUE, m->better, 0) : 0, ty = top + (h - lh - bh) / 2;
		unsigned bg = i % 2 ? C_STRIPE : C_BG;

		ink(cr, C_INK);
		text_at(p, F_LABEL, m->name, MARGIN, ty, 0, 0);
		if (m->better) {
			ink(cr, C_MUTED);
			text_at(p, F_VALUE, m->better, MARGIN, ty + lh, 0, 0);
		}
		if (m->base_value) {
			ink(cr, C_TEXT);
			text_at(p, F_VALUE, m->base_value, L->w - MARGIN, top + h / 2, 1, 0.5);
		}
		if (!m->usable) {
			const char *why = m->note ? m->note : "no data";

			double room = axis_pos(&L->x, 1.0) - L->px0 - 16;

			/* Left of the reference line when it fits there, else across the plot. */
			if (text_width(p, F_NA, why) <= room) {
				double tw = text_width(p, F_NA, why), th = text_height(p, F_NA, why, 0);
				double tx = axis_pos(&L->x, 1.0) - 8 - tw;

				/* A plain backing hides the grid: cheaper than an outline for a sentence. */
				ink(cr, bg);
				cairo_rectangle(cr, tx - 3, top + (h - th) / 2, tw + 6, th);
				cairo_fill(cr);
				ink(cr, C_MUTED);
				text_at(p, F_NA, why, tx, top + h / 2, 0, 0.5);
			} else {
				double wrap = L->px1 - L->px0 - 16, th = text_height(p, F_NA, why, wrap);

				ink(cr, bg);
				cairo_rectangle(cr, L->px0 + 4, top + (h - th) / 2 - 1, wrap + 8, th + 2);
				cairo_fill(cr);
				ink(cr, C_MUTED);
				text_block(p, F_NA, why, L->px0 + 8, top + (h - th) / 2, wrap);
			}
			continue;
		}
		for (k = 0; k < m->npoints; k++)
			draw_point(p, L, &m->points[k], k + 1, top + ROW_PAD + SUB_H * ((double)k + 0.5) +
				   (h - 2 * ROW_PAD - SUB_H * (double)m->npoints) / 2, bg);
	}
}

static int alloc_rows(struct layout *L, const struct data *d)
{
	memset(L, 0, sizeof(*L));
	L->row_y = calloc(d->nmetrics ? d->nmetrics : 1, sizeof(double));
	L->row_h = calloc(d->nmetrics ? d->nmetrics : 1, sizeof(double));
	return L->row_y && L->row_h ? 0 : -1;
}

static void free_rows(struct layout *L)
{
	free(L->row_y);
	free(L->row_h);
}

static void counters_size(const void *ctx, struct painter *p, double *w, double *h)
{
	struct layout L;

	if (!alloc_rows(&L, ctx)) {
		layout_compute(p, ctx, 0, &L, 1);
		*w = L.w;
		*h = L.h;
	}
	free_rows(&L);
}

static int counters_draw(const void *ctx, struct painter *p, double w, double h)
{
	const struct data *d = ctx;
	cairo_t *cr = p->cr;
	struct layout L;
	size_t i;

	(void)h;
	if (alloc_rows(&L, d)) {
		free_rows(&L);
		return error_set("out of memory");
	}
	layout_compute(p, d, w, &L, 0);
	if (d->title) {
		ink(cr, C_TITLE);
		text_block(p, F_TITLE, d->title, MARGIN, MARGIN, L.inner);
	}
	if (d->no_pmu)
		note_box(p, d->no_pmu, MARGIN, L.note_y, L.inner, 1);
	legend(p, d, MARGIN, L.legend_y, L.inner, 1);
	ink(cr, C_STRIPE);
	for (i = 1; i < d->nmetrics; i += 2)
		cairo_rectangle(cr, MARGIN - 8, L.row_y[i], L.inner + 16, L.row_h[i]);
	cairo_fill(cr);
	draw_axis(p, &L, d);
	if (!d->nmetrics) {
		ink(cr, C_MUTED);
		text_at(p, F_LABEL, "no counters", (L.px0 + L.px1) / 2, (L.py0 + L.py1) / 2, 0.5, 0.5);
	}
	draw_rows(p, &L, d);
	if (d->caption) {
		ink(cr, C_CAPTION);
		text_block(p, F_CAPTION, d->caption, MARGIN, L.caption_y, L.inner);
	}
	free_rows(&L);
	return 0;
}

void chart_counters_size(const struct chart_counters *c, double *width, double *height)
{
	struct data d;
	struct drawing dr;

	*width = 640;
	*height = 400;
	if (data_init(&d, c))
		return;
	dr = (struct drawing){ d.title, counters_size, counters_draw, &d };
	drawing_size(&dr, width, height);
	data_release(&d);
}

int chart_counters_write(const struct chart_counters *c, const char *path, enum chart_format fmt, double *width,
			 double *height)
{
	struct data d;
	struct drawing dr;
	int ret;

	if (data_init(&d, c))
		return error_prefix("cannot write chart '%s'", path ? path : "");
	dr = (struct drawing){ d.title, counters_size, counters_draw, &d };
	ret = drawing_write(&dr, path, fmt, width, height);
	data_release(&d);
	return ret;
}

int chart_counters_svg(const struct chart_counters *c, char **svg, size_t *len)
{
	struct data d;
	struct drawing dr;
	int ret;

	if (data_init(&d, c))
		return -1;
	dr = (struct drawing){ d.title, counters_size, counters_draw, &d };
	ret = drawing_svg(&dr, svg, len);
	data_release(&d);
	return ret;
}
