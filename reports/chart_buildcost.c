/*
 * Build cost chart: per variant, what its build cost (build time,
 * installed size) beside what it buys (geometric-mean time ratio to the
 * base), as three aligned panels.
 */
#include "chart.h"
#include "chart_common.h"
#include "error.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MARGIN		CHART_MARGIN
#define ROW_H		32.0
#define BAR_H		16.0
#define PANEL_GAP	34.0
#define W_TIME		200.0
#define W_SIZE		200.0
#define W_RATIO		260.0

struct row {
	size_t series;
	char *variant;
	double seconds, installed, binary;	/* NAN when unknown */
	struct chart_point speedup;
	int base;
};

struct data {
	char *title, *caption, *base, *ratio_title;
	struct row *rows;
	size_t nrows;
	double time_scale, size_scale;	/* display units per second / byte */
	const char *time_unit, *size_unit;
	double tmax, smax, rlo, rhi;
};

struct layout {
	double w, h, inner;
	double title_h, legend_y, legend_h;
	double head_y, head_h, py0, py1;
	double label_w;
	double x0[3], x1[3];
	double tick_y, axis_y, axis_h, caption_y, caption_h;
	struct axis a[3];
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
	g_free(d->base);
	g_free(d->ratio_title);
	for (i = 0; i < d->nrows; i++)
		g_free(d->rows[i].variant);
	free(d->rows);
	memset(d, 0, sizeof(*d));
}

static int data_init(struct data *d, const struct chart_buildcost *c)
{
	size_t i;

	memset(d, 0, sizeof(*d));
	d->title = c->title ? text_dup(c->title, "") : NULL;
	d->caption = c->caption ? text_dup(c->caption, "") : NULL;
	d->base = text_dup(c->base, "base");
	d->ratio_title = g_strdup_printf("geometric-mean time vs %s", d->base);
	d->nrows = c->rows ? c->nrows : 0;
	d->rows = calloc(d->nrows ? d->nrows : 1, sizeof(*d->rows));
	if (!d->rows) {
		data_release(d);
		return error_set("out of memory");
	}
	d->rlo = d->rhi = 1;
	for (i = 0; i < d->nrows; i++) {
		const struct chart_build_row *cr = &c->rows[i];
		struct row *r = &d->rows[i];

		r->series = cr->series;
		r->variant = text_dup(cr->variant, "?");
		r->seconds = usable(cr->build_seconds) ? cr->build_seconds : NAN;
		r->installed = usable(cr->installed_bytes) ? cr->installed_bytes : NAN;
		r->binary = usable(cr->binary_bytes) ? cr->binary_bytes : NAN;
		r->speedup = cr->speedup;
		r->base = cr->base;
		if (isfinite(r->seconds))
			d->tmax = fmax(d->tmax, r->seconds);
		if (isfinite(r->installed))
			d->smax = fmax(d->smax, r->installed);
		if (!r->base && usable(r->speedup.ratio)) {
			d->rlo = fmin(d->rlo, r->speedup.ratio);
			d->rhi = fmax(d->rhi, r->speedup.ratio);
			if (has_ci(&r->speedup)) {
				d->rlo = fmin(d->rlo, r->speedup.lo);
				d->rhi = fmax(d->rhi, r->speedup.hi);
			}
		}
	}
	if (d->tmax >= 120)
		d->time_scale = 1.0 / 60, d->time_unit = "min";
	else
		d->time_scale = 1, d->time_unit = "s";
	if (d->smax >= 10.0 * 1024 * 1024 * 1024)
		d->size_scale = 1.0 / 1024 / 1024 / 1024, d->size_unit = "GiB";
	else
		d->size_scale = 1.0 / 1024 / 1024, d->size_unit = "MiB";
	return 0;
}

/* ---- layout ---- */

static double legend(struct painter *p, double x, double y, double w, int draw)
{
	static const struct legend_item key[] = {
		{ L_SWATCH, C_KEY, S_CIRCLE, V_NA, "build time, installed size", 0, 0 },
		{ L_SWATCH, C_INK, S_CIRCLE, V_NA, "of which the python binary", 0, 0 },
		{ L_CI, C_KEY, S_CIRCLE, V_NA, "95% CI", 0, 0 },
		{ L_MARKER, C_KEY, S_CIRCLE, V_FASTER, "faster", 1, 0 },
		{ L_MARKER, C_KEY, S_CIRCLE, V_UNCLEAR, "no clear difference", 0, 0 },
		{ L_MARKER, C_KEY, S_CIRCLE, V_SLOWER, "slower", 0, 0 },
	};

	return legend_flow(p, key, sizeof(key) / sizeof(key[0]), x, y, w, draw);
}

static void layout_compute(struct painter *p, const struct data *d, double W, struct layout *L, int measure)
{
	double y, lh = text_height(p, F_SMALL, "0.9", 0), panels, extra;
	static const double nat[3] = { W_TIME, W_SIZE, W_RATIO };
	size_t i;
	int k;

	memset(L, 0, sizeof(*L));
	for (i = 0; i < d->nrows; i++)
		L->label_w = fmax(L->label_w, text_width(p, F_LABEL_BOLD, d->rows[i].variant) + 18);
	panels = W_TIME + W_SIZE + W_RATIO + 2 * PANEL_GAP;
	if (measure)
		W = fmax(720, 2 * MARGIN + L->label_w + 16 + panels);
	L->w = W;
	L->inner = W - 2 * MARGIN;
	extra = (L->inner - L->label_w - 16 - panels) / 3;
	{
		double x = MARGIN + L->label_w + 16;

		for (k = 0; k < 3; k++) {
			L->x0[k] = x;
			L->x1[k] = x + nat[k] + extra;
			x = L->x1[k] + PANEL_GAP;
		}
	}

	y = MARGIN;
	L->title_h = d->title ? text_height(p, F_TITLE, d->title, L->inner) : 0;
	if (d->title)
		y += L->title_h + 10;
	L->legend_y = y;
	L->legend_h = legend(p, MARGIN, y, L->inner, 0);
	y += L->legend_h + 16;
	L->head_y = y;
	L->head_h = text_height(p, F_SMALL_BOLD, "Ag", 0);
	y += L->head_h + 6;
	L->py0 = y;
	y += (double)(d->nrows ? d->nrows : 1) * ROW_H;
	L->py1 = y;
	L->tick_y = y + CHART_TICK_LEN + 3;
	y = L->tick_y + lh + 8;
	L->axis_y = y;
	L->axis_h = 0;
	L->caption_y = y + 6;
	L->caption_h = d->caption ? text_height(p, F_CAPTION, d->caption, L->inner) : 0;
	if (d->caption)
		y = L->caption_y + L->caption_h;
	L->h = y + MARGIN - 4;

	/* Bars start at zero; the ratio axis is logarithmic around 1. */
	for (k = 0; k < 3; k++) {
		struct axis *a = &L->a[k];

		a->p0 = L->x0[k];
		a->p1 = L->x1[k];
		if (k == 2) {
			a->log = 1;
			a->lo = d->rlo;
			a->hi = d->rhi;
			axis_pad(a, 0.1);
			axis_ticks(p, a, F_SMALL, 0, NULL);
		} else {
			double max = k == 0 ? d->tmax * d->time_scale : d->smax * d->size_scale;
			double room = text_width(p, F_VALUE, "000.0 MiB") + 8, width = a->p1 - a->p0 + PANEL_GAP - 6;

			/* Room right of the longest bar for its value; the unit is in the panel's heading. */
			a->lo = 0;
			a->hi = max > 0 ? fmax(max * 1.08, max * width / (width - room)) : 1;
			axis_ticks(p, a, F_SMALL, 0, NULL);
		}
	}
}

/* ---- drawing ---- */

static void draw_axis(struct painter *p, const struct layout *L, const struct axis *a)
{
	cairo_t *cr = p->cr;
	double last = -INFINITY;
	size_t i;

	cairo_set_line_width(cr, 1);
	ink(cr, C_GRID);
	for (i = 0; i < a->ticks.n; i++) {
		double x = snap(axis_pos(a, a->ticks.v[i]));

		if (a->log && a->ticks.v[i] == 1.0)
			continue;
		cairo_move_to(cr, x, L->py0);
		cairo_line_to(cr, x, L->py1);
	}
	cairo_stroke(cr);
	ink(cr, C_AXIS);
	cairo_move_to(cr, a->p0, snap(L->py1));
	cairo_line_to(cr, a->p1, snap(L->py1));
	for (i = 0; i < a->ticks.n; i++) {
		double x = snap(axis_pos(a, a->ticks.v[i]));

		cairo_move_to(cr, x, L->py1);
		cairo_line_to(cr, x, L->py1 + CHART_TICK_LEN);
	}
	cairo_stroke(cr);
	ink(cr, C_TEXT);
	for (i = 0; i < a->ticks.n; i++) {
		double x = axis_pos(a, a->ticks.v[i]), w = text_width(p, F_SMALL, a->ticks.s[i]);
		double ax = i + 1 == a->ticks.n && x + w / 2 > a->p1 + PANEL_GAP / 2 - 4 ? 1 : 0.5;

		if (x - w * ax < last + 6)
			continue;
		text_at(p, a->log && a->ticks.v[i] == 1.0 ? F_SMALL_BOLD : F_SMALL, a->ticks.s[i], x, L->tick_y, ax, 0);
		last = x + w * (1 - ax);
	}
}

static void bar(struct painter *p, const struct layout *L, const struct axis *a, double y, double v, double inner,
		unsigned colour, const char *text, unsigned bg)
{
	cairo_t *cr = p->cr;
	double x0 = axis_pos(a, 0), x1;

	if (!isfinite(v)) {
		ink(cr, C_MUTED);
		text_at(p, F_NA, "n/a", x0 + 6, y, 0, 0.5);
		return;
	}
	x1 = axis_pos(a, v);
	ink_alpha(cr, colour, 0.45);
	cairo_rectangle(cr, x0, y - BAR_H / 2, x1 - x0, BAR_H);
	cairo_fill(cr);
	if (isfinite(inner) && inner > 0) {
		ink_alpha(cr, colour, 0.95);
		cairo_rectangle(cr, x0, y - BAR_H / 2, axis_pos(a, fmin(inner, v)) - x0, BAR_H);
		cairo_fill(cr);
	}
	ink(cr, colour);
	cairo_set_line_width(cr, 1);
	cairo_rectangle(cr, x0 + 0.5, y - BAR_H / 2 + 0.5, x1 - x0 - 1, BAR_H - 1);
	cairo_stroke(cr);
	(void)L;
	if (x1 + 5 + text_width(p, F_VALUE, text) <= a->p1 + PANEL_GAP - 6)
		text_halo(p, F_VALUE, text, x1 + 5, y, 0, bg, C_TEXT);
	else
		text_halo(p, F_VALUE, text, x1 - 5, y, 1, colour, C_BG);
}

static void ratio_point(struct painter *p, const struct axis *a, const struct row *r, double y, unsigned bg)
{
	const struct chart_point *pt = &r->speedup;
	unsigned colour = series_colour(r->series);
	double xr, xl, xh;
	enum verdict v;
	char buf[32];

	if (r->base) {
		ink(p->cr, C_MUTED);
		text_halo(p, F_NA, "base", axis_pos(a, 1.0) + 8, y, 0, bg, C_MUTED);
		return;
	}
	if (!usable(pt->ratio)) {
		text_halo(p, F_NA, "n/a", axis_pos(a, 1.0) + 8, y, 0, bg, C_MUTED);
		return;
	}
	v = !has_ci(pt) ? V_UNCLEAR : pt->hi < 1 ? V_FASTER : pt->lo > 1 ? V_SLOWER : V_UNCLEAR;
	xr = xl = xh = axis_pos(a, pt->ratio);
	if (has_ci(pt)) {
		xl = axis_pos(a, pt->lo);
		xh = axis_pos(a, pt->hi);
		whisker_draw(p->cr, xl, xh, y, CHART_CAP_H, colour);
	}
	marker_draw(p->cr, series_shape(r->series), xr, y, CHART_MARKER_R * 1.15, colour, v);
	format_sig3(buf, sizeof(buf), pt->ratio);
	if (fmax(xh, xr + 6) + 5 + text_width(p, F_VALUE, buf) <= a->p1 + 10)
		text_halo(p, F_VALUE, buf, fmax(xh, xr + 6) + 5, y, 0, bg, C_TEXT);
	else
		text_halo(p, F_VALUE, buf, fmin(xl, xr - 6) - 5, y, 1, bg, C_TEXT);
}

static void format_amount(char *buf, size_t len, double v)
{
	if (v >= 100)
		snprintf(buf, len, "%.0f", v);
	else if (v >= 10)
		snprintf(buf, len, "%.1f", v);
	else
		snprintf(buf, len, "%.2f", v);
}

static void cost_size(const void *ctx, struct painter *p, double *w, double *h)
{
	struct layout L;

	layout_compute(p, ctx, 0, &L, 1);
	*w = L.w;
	*h = L.h;
}

static int cost_draw(const void *ctx, struct painter *p, double w, double h)
{
	const struct data *d = ctx;
	cairo_t *cr = p->cr;
	const char *heads[3];
	char *time_head, *size_head;
	struct layout L;
	size_t i;
	int k;

	(void)h;
	layout_compute(p, d, w, &L, 0);
	if (d->title) {
		ink(cr, C_TITLE);
		text_block(p, F_TITLE, d->title, MARGIN, MARGIN, L.inner);
	}
	legend(p, MARGIN, L.legend_y, L.inner, 1);
	time_head = g_strdup_printf("build time (%s)", d->time_unit);
	size_head = g_strdup_printf("installed size (%s)", d->size_unit);
	heads[0] = time_head;
	heads[1] = size_head;
	heads[2] = d->ratio_title;
	ink(cr, C_STRIPE);
	for (i = 1; i < d->nrows; i += 2)
		cairo_rectangle(cr, MARGIN - 8, L.py0 + (double)i * ROW_H, L.inner + 16, ROW_H);
	cairo_fill(cr);
	for (k = 0; k < 3; k++) {
		ink(cr, C_INK);
		text_at(p, F_SMALL_BOLD, heads[k], L.x0[k], L.head_y, 0, 0);
		draw_axis(p, &L, &L.a[k]);
	}
	/* The 1.0 line of the ratio panel. */
	ink(cr, C_REF);
	cairo_set_line_width(cr, 1.2);
	cairo_move_to(cr, axis_pos(&L.a[2], 1.0), L.py0 - 2);
	cairo_line_to(cr, axis_pos(&L.a[2], 1.0), L.py1);
	cairo_stroke(cr);
	for (i = 0; i < d->nrows; i++) {
		const struct row *r = &d->rows[i];
		double y = L.py0 + ((double)i + 0.5) * ROW_H;
		unsigned bg = i % 2 ? C_STRIPE : C_BG, colour = series_colour(r->series);
		char t[48], s[48];

		marker_draw(cr, series_shape(r->series), MARGIN + 6, y, CHART_MARKER_R, colour, V_FASTER);
		ink(cr, C_INK);
		text_at(p, F_LABEL_BOLD, r->variant, MARGIN + 18, y, 0, 0.5);
		format_amount(t, sizeof(t), r->seconds * d->time_scale);
		snprintf(t + strlen(t), sizeof(t) - strlen(t), " %s", d->time_unit);
		format_amount(s, sizeof(s), r->installed * d->size_scale);
		snprintf(s + strlen(s), sizeof(s) - strlen(s), " %s", d->size_unit);
		bar(p, &L, &L.a[0], y, r->seconds * d->time_scale, NAN, colour, t, bg);
		bar(p, &L, &L.a[1], y, r->installed * d->size_scale, r->binary * d->size_scale, colour, s, bg);
		ratio_point(p, &L.a[2], r, y, bg);
	}
	if (!d->nrows) {
		ink(cr, C_MUTED);
		text_at(p, F_LABEL, "no builds", L.w / 2, (L.py0 + L.py1) / 2, 0.5, 0.5);
	}
	if (d->caption) {
		ink(cr, C_CAPTION);
		text_block(p, F_CAPTION, d->caption, MARGIN, L.caption_y, L.inner);
	}
	g_free(time_head);
	g_free(size_head);
	return 0;
}

void chart_buildcost_size(const struct chart_buildcost *c, double *width, double *height)
{
	struct data d;
	struct drawing dr;

	*width = 720;
	*height = 300;
	if (data_init(&d, c))
		return;
	dr = (struct drawing){ d.title, cost_size, cost_draw, &d };
	drawing_size(&dr, width, height);
	data_release(&d);
}

int chart_buildcost_write(const struct chart_buildcost *c, const char *path, enum chart_format fmt, double *width,
			  double *height)
{
	struct data d;
	struct drawing dr;
	int ret;

	if (data_init(&d, c))
		return error_prefix("cannot write chart '%s'", path ? path : "");
	dr = (struct drawing){ d.title, cost_size, cost_draw, &d };
	ret = drawing_write(&dr, path, fmt, width, height);
	data_release(&d);
	return ret;
}

int chart_buildcost_svg(const struct chart_buildcost *c, char **svg, size_t *len)
{
	struct data d;
	struct drawing dr;
	int ret;

	if (data_init(&d, c))
		return -1;
	dr = (struct drawing){ d.title, cost_size, cost_draw, &d };
	ret = drawing_svg(&dr, svg, len);
	data_release(&d);
	return ret;
}
