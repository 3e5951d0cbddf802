/*
 * Speedup chart: a log-scale forest plot, laid out here and drawn with the
 * shared toolkit (chart_common.c) for every output format.
 */
#include "chart.h"
#include "chart_common.h"
#include "error.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MARGIN		CHART_MARGIN
#define PLOT_W		520.0	/* natural width of the plot area */
#define MIN_WIDTH	640.0
#define LABEL_GAP	18.0	/* between the label column and the plot */
#define SUB_H		19.0	/* one series inside a workload row */
#define ROW_PAD		5.0
#define GEO_GAP		12.0	/* room for the separator above the mean */
#define MARKER_R	CHART_MARKER_R
#define CAP_H		CHART_CAP_H
#define TICK_LEN	CHART_TICK_LEN

/* One row of the chart; pts[s] is series s's point or NULL if missing. */
struct row {
	char *label;
	const struct chart_point **pts;
	double key;
	int has_key;
};

struct data {
	char *title, *base, *axis_title, *caption;
	/* What a ratio below / above 1 means: faster / slower for times. */
	const char *below, *above;
	char key_below[64], key_above[64], dir_below[32], dir_above[32];
	char **variant;
	size_t nseries, first;	/* first: colour and shape index of series 0 */
	struct row *rows;	/* workloads sorted, then the geometric mean */
	size_t nwork;		/* rows before the geometric mean */
	size_t nrows;
	const struct chart_point **pts;
	double lnlo, lnhi;	/* x range, natural log of the ratio */
};

struct layout {
	double w, h;
	double label_w, px0, px1;
	double title_y, title_h;
	double legend_y, legend_h;
	double ref_y;
	double py0, py1;
	double row_h, sub_h, pad;
	double tick_y;
	double dir_y, axis_y;
	int dir_inline, axis_wrap;
	double caption_y, caption_h;
	struct axis x;		/* log ratio axis over px0..px1 */
};

static int usable(double v)
{
	return isfinite(v) && v > 0;
}

static int has_ci(const struct chart_point *p)
{
	return usable(p->lo) && usable(p->hi) && p->lo <= p->ratio && p->ratio <= p->hi;
}

static enum verdict verdict_of(const struct chart_point *p)
{
	if (!p || !usable(p->ratio))
		return V_NA;
	if (!has_ci(p))
		return V_UNCLEAR;
	if (p->hi < 1.0)
		return V_FASTER;
	if (p->lo > 1.0)
		return V_SLOWER;
	return V_UNCLEAR;
}

/* ---- data ---- */

static int row_cmp(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->has_key != y->has_key)
		return x->has_key ? -1 : 1;
	if (x->has_key && x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return strcmp(x->label, y->label);
}

static void range_add(double *lo, double *hi, double v)
{
	double l = log(v);

	if (l < *lo)
		*lo = l;
	if (l > *hi)
		*hi = l;
}

static void data_range(struct data *d)
{
	double lo = 0, hi = 0, span, pad, mid;	/* always include 1.0 */
	size_t r, s;

	for (r = 0; r < d->nrows; r++) {
		for (s = 0; s < d->nseries; s++) {
			const struct chart_point *pt = d->rows[r].pts[s];

			if (!pt || !usable(pt->ratio))
				continue;
			range_add(&lo, &hi, pt->ratio);
			if (has_ci(pt)) {
				range_add(&lo, &hi, pt->lo);
				range_add(&lo, &hi, pt->hi);
			}
		}
	}
	/* A few percent at least, so that identical timings still get an axis. */
	span = hi - lo;
	if (span < log(1.04)) {
		mid = (hi + lo) / 2;
		lo = mid - log(1.04) / 2;
		hi = mid + log(1.04) / 2;
		span = hi - lo;
	}
	pad = 0.06 * span;
	d->lnlo = lo - pad;
	d->lnhi = hi + pad;
}

static void data_release(struct data *d)
{
	size_t i;

	g_free(d->title);
	g_free(d->base);
	g_free(d->axis_title);
	g_free(d->caption);
	if (d->variant)
		for (i = 0; i < d->nseries; i++)
			g_free(d->variant[i]);
	free(d->variant);
	if (d->rows)
		for (i = 0; i < d->nrows; i++)
			g_free(d->rows[i].label);
	free(d->rows);
	free(d->pts);
	memset(d, 0, sizeof(*d));
}

static int data_init(struct data *d, const struct chart_speedup *c)
{
	static const struct chart_speedup empty;
	GHashTable *index = NULL;
	size_t cap = 0, s, i, n = 0;
	char *metric;

	memset(d, 0, sizeof(*d));
	if (!c)
		c = &empty;
	d->nseries = c->series ? c->nseries : 0;
	d->first = c->first_colour;
	for (s = 0; s < d->nseries; s++) {
		if (c->series[s].npoints > SIZE_MAX / 2 - cap)
			return error_set("chart has too many points");
		cap += c->series[s].points ? c->series[s].npoints : 0;
	}
	if (d->nseries && cap + 1 > SIZE_MAX / sizeof(*d->pts) / d->nseries)
		return error_set("chart has too many points");

	d->title = c->title ? text_dup(c->title, "") : NULL;
	d->caption = c->caption ? text_dup(c->caption, "") : NULL;
	d->base = text_dup(c->base, "base");
	metric = text_dup(c->metric, "time");
	/* Not every metric is a time: max RSS is smaller, IPC is better higher. */
	d->below = strstr(metric, "time") ? "faster" : "lower";
	d->above = strstr(metric, "time") ? "slower" : "higher";
	snprintf(d->key_below, sizeof(d->key_below), "%s (CI below 1)", d->below);
	snprintf(d->key_above, sizeof(d->key_above), "%s (CI above 1)", d->above);
	snprintf(d->dir_below, sizeof(d->dir_below), "\u2190 %s", d->below);
	snprintf(d->dir_above, sizeof(d->dir_above), "%s \u2192", d->above);
	if (strstr(metric, "time"))
		d->axis_title = g_strdup_printf("%s relative to %s (lower is faster)", metric, d->base);
	else if (!strcmp(metric, "IPC"))
		d->axis_title = g_strdup_printf("%s relative to %s (higher is better)", metric, d->base);
	else
		d->axis_title = g_strdup_printf("%s relative to %s (below 1: less than %s)", metric, d->base, d->base);
	g_free(metric);

	if (!d->nseries)
		return 0;
	d->variant = calloc(d->nseries, sizeof(*d->variant));
	d->rows = calloc(cap + 1, sizeof(*d->rows));
	d->pts = calloc((cap + 1) * d->nseries, sizeof(*d->pts));
	if (!d->variant || !d->rows || !d->pts)
		goto oom;
	for (s = 0; s < d->nseries; s++)
		d->variant[s] = text_dup(c->series[s].variant, "?");

	/* Series are matched by label; rows are the union of all labels. */
	index = g_hash_table_new(g_str_hash, g_str_equal);
	for (s = 0; s < d->nseries; s++) {
		const struct chart_series *se = &c->series[s];

		for (i = 0; se->points && i < se->npoints; i++) {
			const struct chart_point *pt = &se->points[i];
			const char *key = pt->label ? pt->label : "";
			gpointer found;
			struct row *r;

			if (g_hash_table_lookup_extended(index, key, NULL, &found)) {
				r = &d->rows[GPOINTER_TO_SIZE(found)];
			} else {
				r = &d->rows[n];
				r->label = text_dup(*key ? key : "(unnamed)", "");
				r->pts = &d->pts[n * d->nseries];
				g_hash_table_insert(index, (gpointer)key, GSIZE_TO_POINTER(n));
				n++;
			}
			if (!r->pts[s])
				r->pts[s] = pt;
		}
	}
	g_hash_table_destroy(index);

	for (i = 0; i < n; i++) {
		const struct chart_point *pt = d->rows[i].pts[0];

		d->rows[i].has_key = pt && usable(pt->ratio);
		d->rows[i].key = d->rows[i].has_key ? pt->ratio : 0;
	}
	qsort(d->rows, n, sizeof(*d->rows), row_cmp);
	d->nwork = n;

	d->rows[n].label = text_dup(c->series[0].geomean.label &&
				    *c->series[0].geomean.label ?
				    c->series[0].geomean.label : NULL,
				    "geometric mean");
	d->rows[n].pts = &d->pts[n * d->nseries];
	for (s = 0; s < d->nseries; s++)
		d->rows[n].pts[s] = &c->series[s].geomean;
	d->nrows = n + 1;
	data_range(d);
	return 0;
oom:
	data_release(d);
	return error_set("out of memory");
}

/* ---- x axis and legend ---- */

static double xpos(const struct layout *L, const struct data *d, double v)
{
	(void)d;
	return axis_pos(&L->x, v);
}

/* Nice ticks through 1.0 (the reference) whose labels don't collide. */
static void axis_choose(struct painter *p, struct layout *L, const struct data *d)
{
	L->x.log = 1;
	L->x.lo = exp(d->lnlo);
	L->x.hi = exp(d->lnhi);
	L->x.p0 = L->px0;
	L->x.p1 = L->px1;
	axis_ticks(p, &L->x, F_SMALL, 0, NULL);
}

/* Line one says what is drawn, line two what the marker fill means. */
static double legend(struct painter *p, const struct data *d, double x0, double y0, double maxw, int draw)
{
	const struct legend_item key[] = {
		{ L_CI, C_KEY, S_CIRCLE, V_NA, "95% confidence interval (CI)", 0, 0 },
		{ L_MARKER, C_KEY, S_CIRCLE, V_FASTER, d->key_below, 1, 0 },
		{ L_MARKER, C_KEY, S_CIRCLE, V_UNCLEAR, "no clear difference (CI includes 1)", 0, 0 },
		{ L_MARKER, C_KEY, S_CIRCLE, V_SLOWER, d->key_above, 0, 0 },
	};
	size_t nkey = sizeof(key) / sizeof(key[0]), n = d->nseries + nkey, i;
	struct legend_item *items = calloc(n, sizeof(*items));
	double h;

	if (!items)
		return 0;
	for (i = 0; i < d->nseries; i++)
		items[i] = (struct legend_item){ L_SERIES, series_colour(d->first + i), series_shape(d->first + i),
						 V_FASTER, d->variant[i], 0, 1 };
	memcpy(items + d->nseries, key, sizeof(key));
	h = legend_flow(p, items, n, x0, y0, maxw, draw);
	free(items);
	return h;
}

/* ---- layout ---- */

static void layout_compute(struct painter *p, const struct data *d, double W, double H,
			   struct layout *L)
{
	double inner = W - 2 * MARGIN, lh, th, dir_w, axis_w, rows_nat, rows_h, stretch = 1;
	double y;
	size_t r;
	int pass;

	memset(L, 0, sizeof(*L));
	L->w = W;
	for (r = 0; r < d->nrows; r++) {
		enum font f = r == d->nwork ? F_LABEL_BOLD : F_LABEL;
		double w = text_width(p, f, d->rows[r].label);

		if (w > L->label_w)
			L->label_w = w;
	}
	L->px0 = MARGIN + L->label_w + LABEL_GAP;
	L->px1 = W - MARGIN;
	if (d->nseries)
		axis_choose(p, L, d);

	L->title_h = d->title ? text_height(p, F_TITLE, d->title, inner) : 0;
	L->legend_h = d->nseries ? legend(p, d, MARGIN, 0, inner, 0) : 0;
	L->caption_h = d->caption ? text_height(p, F_CAPTION, d->caption, inner) : 0;
	lh = text_height(p, F_SMALL, "0.9", 0);
	th = text_height(p, F_AXIS, d->axis_title, 0);
	axis_w = text_width(p, F_AXIS, d->axis_title);
	dir_w = fmax(text_width(p, F_SMALL, d->dir_below), text_width(p, F_SMALL, d->dir_above));
	L->dir_inline = axis_w + 2 * dir_w + 2 * 16 <= L->px1 - L->px0;
	L->axis_wrap = axis_w > L->px1 - L->px0;
	if (L->axis_wrap)
		th = text_height(p, F_AXIS, d->axis_title, inner);

	L->sub_h = SUB_H;
	L->pad = ROW_PAD;
	L->row_h = d->nseries ? d->nseries * SUB_H + 2 * ROW_PAD : 3 * SUB_H;
	/* Workload rows, the separator gap, and the geometric mean. */
	rows_nat = d->nwork * L->row_h + (d->nwork ? GEO_GAP : 0) + L->row_h;

	/* The second pass spreads any extra height over the rows. */
	for (pass = 0; pass < 2; pass++) {
		rows_h = rows_nat * stretch;
		y = MARGIN;
		L->title_y = y;
		if (d->title)
			y += L->title_h + 10;
		L->legend_y = y;
		if (d->nseries)
			y += L->legend_h + 18;
		L->ref_y = y;
		y += lh + 4;
		L->py0 = y;
		y += rows_h;
		L->py1 = y;
		L->tick_y = y + TICK_LEN + 3;
		y = L->tick_y + lh + 8;
		L->dir_y = y;
		if (!L->dir_inline)
			y += lh + 3;
		L->axis_y = y;
		y += L->dir_inline ? fmax(th, lh) : th;
		L->caption_y = y + 16;
		if (d->caption)
			y = L->caption_y + L->caption_h;
		L->h = y + MARGIN - 4;
		if (pass || H <= L->h)
			break;
		stretch = (H - (L->h - rows_nat)) / rows_nat;
	}
	L->row_h *= stretch;
	L->sub_h *= stretch;
	L->pad *= stretch;
}

static double row_top(const struct layout *L, const struct data *d, size_t r)
{
	return L->py0 + r * L->row_h + (r == d->nwork && d->nwork ? GEO_GAP : 0);
}

static void natural_size(struct painter *p, const struct data *d, double *w, double *h)
{
	struct layout L;
	double width;

	/* Measure the labels once to know the width, then lay out at it. */
	layout_compute(p, d, MIN_WIDTH, 0, &L);
	width = ceil(fmax(MIN_WIDTH, MARGIN + L.label_w + LABEL_GAP + PLOT_W + MARGIN));
	layout_compute(p, d, width, 0, &L);
	*w = width;
	*h = ceil(L.h);
}

/* ---- drawing ---- */

/* The ratio goes right of the whisker, or left of it near the axis end. */
static void draw_value(struct painter *p, const struct layout *L, const struct data *d,
		       const struct chart_point *pt, double y, double r, unsigned bg)
{
	double xr = xpos(L, d, pt->ratio), xl = xr, xh = xr, tw, right, left;
	char buf[32];

	if (has_ci(pt)) {
		xl = xpos(L, d, pt->lo);
		xh = xpos(L, d, pt->hi);
	}
	format_sig3(buf, sizeof(buf), pt->ratio);
	tw = text_width(p, F_VALUE, buf);
	right = fmax(xh, xr + r) + 5;
	left = fmin(xl, xr - r) - 5;
	if (right + tw <= L->px1 + 8)
		text_halo(p, F_VALUE, buf, right, y, 0, bg, C_TEXT);
	else if (left - tw >= L->px0)
		text_halo(p, F_VALUE, buf, left, y, 1, bg, C_TEXT);
	else	/* the CI spans the whole axis: sit on the whisker */
		text_halo(p, F_VALUE, buf, xr + r + 3, y, 0, bg, C_TEXT);
}

static void draw_point(struct painter *p, const struct layout *L, const struct data *d,
		       const struct chart_point *pt, size_t s, double y, double r, unsigned bg)
{
	enum verdict v = verdict_of(pt);

	if (v == V_NA) {
		double x = xpos(L, d, 1.0) + 8, w = text_width(p, F_NA, "n/a");

		if (x + w > L->px1)
			x = xpos(L, d, 1.0) - 8 - w;
		text_halo(p, F_NA, "n/a", x, y, 0, bg, C_MUTED);
		return;
	}
	if (has_ci(pt))
		whisker_draw(p->cr, xpos(L, d, pt->lo), xpos(L, d, pt->hi), y, CAP_H,
			     series_colour(d->first + s));
	marker_draw(p->cr, series_shape(d->first + s), xpos(L, d, pt->ratio), y, r,
		    series_colour(d->first + s), v);
	draw_value(p, L, d, pt, y, r, bg);
}

static void draw_axis(struct painter *p, const struct layout *L, const struct data *d)
{
	cairo_t *cr = p->cr;
	double last_right = -INFINITY, x, w, ax;
	size_t i;

	/* Grid first so that everything else sits on top of it. */
	cairo_set_line_width(cr, 1);
	ink(cr, C_GRID);
	for (i = 0; i < L->x.ticks.n; i++) {
		if (L->x.ticks.v[i] == 1.0)
			continue;
		x = snap(xpos(L, d, L->x.ticks.v[i]));
		cairo_move_to(cr, x, L->py0);
		cairo_line_to(cr, x, L->py1);
	}
	cairo_stroke(cr);

	ink(cr, C_AXIS);
	cairo_move_to(cr, L->px0, snap(L->py1));
	cairo_line_to(cr, L->px1, snap(L->py1));
	for (i = 0; i < L->x.ticks.n; i++) {
		x = snap(xpos(L, d, L->x.ticks.v[i]));
		cairo_move_to(cr, x, L->py1);
		cairo_line_to(cr, x, L->py1 + TICK_LEN);
	}
	cairo_stroke(cr);

	ink(cr, C_TEXT);
	for (i = 0; i < L->x.ticks.n; i++) {
		x = xpos(L, d, L->x.ticks.v[i]);
		w = text_width(p, F_SMALL, L->x.ticks.s[i]);
		if (x - w / 2 < last_right + 6)
			continue;
		text_at(p, L->x.ticks.v[i] == 1.0 ? F_SMALL_BOLD : F_SMALL, L->x.ticks.s[i],
			x, L->tick_y, 0.5, 0);
		last_right = x + w / 2;
	}

	ink(cr, C_MUTED);
	text_at(p, F_SMALL, d->dir_below, L->px0, L->dir_y, 0, 0);
	text_at(p, F_SMALL, d->dir_above, L->px1, L->dir_y, 1, 0);

	ink(cr, C_INK);
	if (L->axis_wrap) {
		text_set(p, F_AXIS, d->axis_title, L->w - 2 * MARGIN);
		cairo_move_to(cr, MARGIN, L->axis_y);
		pango_cairo_show_layout(cr, p->layout);
	} else {
		w = text_width(p, F_AXIS, d->axis_title);
		ax = (L->px0 + L->px1) / 2 - w / 2;
		text_at(p, F_AXIS, d->axis_title, ax, L->axis_y, 0, 0);
	}
}

static void draw_reference(struct painter *p, const struct layout *L, const struct data *d)
{
	double x = xpos(L, d, 1.0), w = text_width(p, F_SMALL_BOLD, d->base), lx;

	ink(p->cr, C_REF);
	cairo_set_line_width(p->cr, 1.2);
	cairo_move_to(p->cr, x, L->py0 - 2);
	cairo_line_to(p->cr, x, L->py1);
	cairo_stroke(p->cr);

	/* Keep the base name over the line but inside the chart. */
	lx = fmin(fmax(x - w / 2, MARGIN), L->w - MARGIN - w);
	text_at(p, F_SMALL_BOLD, d->base, lx, L->ref_y, 0, 0);
}

static void draw_chart(struct painter *p, const struct layout *L, const struct data *d)
{
	cairo_t *cr = p->cr;
	size_t r, s;

	if (d->title) {
		ink(cr, C_TITLE);
		text_set(p, F_TITLE, d->title, L->w - 2 * MARGIN);
		cairo_move_to(cr, MARGIN, L->title_y);
		pango_cairo_show_layout(cr, p->layout);
	}
	if (d->caption) {
		ink(cr, C_CAPTION);
		text_set(p, F_CAPTION, d->caption, L->w - 2 * MARGIN);
		cairo_move_to(cr, MARGIN, L->caption_y);
		pango_cairo_show_layout(cr, p->layout);
	}
	if (!d->nseries) {
		ink(cr, C_MUTED);
		text_at(p, F_LABEL, "no data", (L->px0 + L->px1) / 2,
			(L->py0 + L->py1) / 2, 0.5, 0.5);
		return;
	}
	legend(p, d, MARGIN, L->legend_y, L->w - 2 * MARGIN, 1);

	/* Zebra stripes guide the eye from a label to its markers. */
	ink(cr, C_STRIPE);
	for (r = 1; r < d->nwork; r += 2)
		cairo_rectangle(cr, MARGIN - 8, row_top(L, d, r), L->w - 2 * MARGIN + 16, L->row_h);
	cairo_fill(cr);

	draw_axis(p, L, d);
	if (d->nwork) {
		double y = snap(row_top(L, d, d->nwork) - GEO_GAP / 2);

		ink(cr, C_SEP);
		cairo_set_line_width(cr, 1);
		cairo_move_to(cr, MARGIN - 8, y);
		cairo_line_to(cr, L->w - MARGIN + 8, y);
		cairo_stroke(cr);
	}
	draw_reference(p, L, d);

	for (r = 0; r < d->nrows; r++) {
		double top = row_top(L, d, r);
		int mean = r == d->nwork;

		ink(cr, C_INK);
		text_at(p, mean ? F_LABEL_BOLD : F_LABEL, d->rows[r].label, MARGIN,
			top + L->row_h / 2, 0, 0.5);
		for (s = 0; s < d->nseries; s++)
			draw_point(p, L, d, d->rows[r].pts[s], s,
				   top + L->pad + L->sub_h * (s + 0.5),
				   mean ? MARKER_R * 1.25 : MARKER_R,
				   !mean && r % 2 ? C_STRIPE : C_BG);
	}
}

/* ---- the drawing ---- */

static void speedup_size(const void *ctx, struct painter *p, double *w, double *h)
{
	natural_size(p, ctx, w, h);
}

static int speedup_draw(const void *ctx, struct painter *p, double w, double h)
{
	struct layout L;

	layout_compute(p, ctx, w, h, &L);
	draw_chart(p, &L, ctx);
	return 0;
}

static struct drawing speedup_drawing(const struct data *d)
{
	return (struct drawing){ d->title, speedup_size, speedup_draw, d };
}

void chart_speedup_draw(cairo_t *cr, double width, double height, const struct chart_speedup *c)
{
	struct data d;
	struct drawing dr;

	if (data_init(&d, c))
		return;
	dr = speedup_drawing(&d);
	drawing_draw(&dr, cr, width, height);
	data_release(&d);
}

void chart_speedup_size(const struct chart_speedup *c, double *width, double *height)
{
	struct data d;
	struct drawing dr;

	*width = MIN_WIDTH;
	*height = 400;
	if (data_init(&d, c))
		return;
	dr = speedup_drawing(&d);
	drawing_size(&dr, width, height);
	data_release(&d);
}

int chart_speedup_write(const struct chart_speedup *c, const char *path, enum chart_format fmt)
{
	struct data d;
	struct drawing dr;
	int ret;

	if (!path)
		return error_set("cannot write chart: no path");
	if (data_init(&d, c))
		return error_prefix("cannot write chart '%s'", path);
	dr = speedup_drawing(&d);
	ret = drawing_write(&dr, path, fmt, NULL, NULL);
	data_release(&d);
	return ret;
}

int chart_speedup_svg(const struct chart_speedup *c, char **svg, size_t *len)
{
	struct data d;
	struct drawing dr;
	int ret;

	if (data_init(&d, c))
		return -1;
	dr = speedup_drawing(&d);
	ret = drawing_svg(&dr, svg, len);
	data_release(&d);
	return ret;
}

int chart_format_parse(const char *name, enum chart_format *fmt)
{
	if (!strcmp(name, "png"))
		*fmt = CHART_PNG;
	else if (!strcmp(name, "svg"))
		*fmt = CHART_SVG;
	else if (!strcmp(name, "pdf"))
		*fmt = CHART_PDF;
	else
		return error_set("unknown chart format '%s' (use png, svg or pdf)", name);
	return 0;
}

const char *chart_format_ext(enum chart_format fmt)
{
	return fmt == CHART_SVG ? "svg" : fmt == CHART_PDF ? "pdf" : "png";
}
