/*
 * Trend chart: one metric across campaigns, a line per variant with its
 * 95% CI as a band, by date (a time axis in UTC) or by label (evenly
 * spaced campaigns named by source revision or label).
 */
#if !defined(_GNU_SOURCE) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L	/* gmtime_r() */
#endif

#include "chart.h"
#include "chart_common.h"
#include "error.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MARGIN		CHART_MARGIN
#define PLOT_H		300.0
#define MIN_PLOT_W	520.0
#define LABEL_ANGLE	(35.0 * G_PI / 180.0)

struct series {
	size_t series;
	char *variant;
	const struct chart_trend_point *pts;	/* borrowed */
	size_t n;
};

struct data {
	char *title, *caption, *y_title, *note;
	int by_date, log_y;
	double reference;
	char **xlabels;
	size_t nx;
	struct series *series;
	size_t nseries;
	double xlo, xhi, ylo, yhi;
	int empty;
};

struct xtick {
	double x;
	char s[40];
};

struct layout {
	double w, h, inner;
	double title_h, note_y, note_h, legend_y, legend_h;
	double px0, px1, py0, py1;
	double ytick_w, ytitle_w, right_w;
	double xlab_y, xlab_h;
	int rotate;
	double axis_y, axis_h, caption_y, caption_h;
	struct axis x, y;
	struct xtick *xt;
	size_t nxt;
};

static int finite_pos(double v, int log_y)
{
	return isfinite(v) && (!log_y || v > 0);
}

static void data_release(struct data *d)
{
	size_t i;

	g_free(d->title);
	g_free(d->caption);
	g_free(d->y_title);
	g_free(d->note);
	for (i = 0; i < d->nx; i++)
		g_free(d->xlabels[i]);
	free(d->xlabels);
	for (i = 0; i < d->nseries; i++)
		g_free(d->series[i].variant);
	free(d->series);
	memset(d, 0, sizeof(*d));
}

static int data_init(struct data *d, const struct chart_trend *c)
{
	size_t i, k;

	memset(d, 0, sizeof(*d));
	d->title = c->title ? text_dup(c->title, "") : NULL;
	d->caption = c->caption ? text_dup(c->caption, "") : NULL;
	d->y_title = text_dup(c->y_title, "value");
	d->note = c->note ? text_dup(c->note, "") : NULL;
	d->by_date = c->by_date;
	d->log_y = c->log_y;
	d->reference = c->reference;
	d->nx = c->by_date || !c->xlabels ? 0 : c->nx;
	d->xlabels = calloc(d->nx ? d->nx : 1, sizeof(*d->xlabels));
	d->nseries = c->series ? c->nseries : 0;
	d->series = calloc(d->nseries ? d->nseries : 1, sizeof(*d->series));
	if (!d->xlabels || !d->series) {
		data_release(d);
		return error_set("out of memory");
	}
	for (i = 0; i < d->nx; i++)
		d->xlabels[i] = text_dup(c->xlabels[i], "");
	d->xlo = d->ylo = INFINITY;
	d->xhi = d->yhi = -INFINITY;
	for (i = 0; i < d->nseries; i++) {
		const struct chart_trend_series *cs = &c->series[i];
		struct series *s = &d->series[i];

		s->series = cs->series;
		s->variant = text_dup(cs->variant, "?");
		s->pts = cs->points;
		s->n = cs->points ? cs->npoints : 0;
		for (k = 0; k < s->n; k++) {
			const struct chart_trend_point *pt = &s->pts[k];

			if (!isfinite(pt->x) || !finite_pos(pt->value, d->log_y))
				continue;
			d->xlo = fmin(d->xlo, pt->x);
			d->xhi = fmax(d->xhi, pt->x);
			d->ylo = fmin(d->ylo, pt->value);
			d->yhi = fmax(d->yhi, pt->value);
			if (finite_pos(pt->lo, d->log_y) && finite_pos(pt->hi, d->log_y)) {
				d->ylo = fmin(d->ylo, pt->lo);
				d->yhi = fmax(d->yhi, pt->hi);
			}
		}
	}
	if (!d->by_date && d->nx) {
		d->xlo = fmin(d->xlo, 0);
		d->xhi = fmax(d->xhi, (double)d->nx - 1);
	}
	d->empty = d->xlo > d->xhi;
	if (d->empty) {
		d->xlo = 0, d->xhi = 1;
		d->ylo = d->log_y ? 0.9 : 0, d->yhi = d->log_y ? 1.1 : 1;
	}
	if (finite_pos(d->reference, d->log_y)) {
		d->ylo = fmin(d->ylo, d->reference);
		d->yhi = fmax(d->yhi, d->reference);
	}
	return 0;
}

/* ---- x axis ---- */

static void format_date(char *buf, size_t len, double t, double step)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm)) {
		snprintf(buf, len, "?");
		return;
	}
	if (step >= 86400)
		strftime(buf, len, "%Y-%m-%d", &tm);
	else
		strftime(buf, len, "%m-%d %H:%M", &tm);
}

/* Round-time ticks (minutes to years) as many as fit; labels in UTC. */
static void date_ticks(struct painter *p, struct layout *L)
{
	static const double steps[] = {
		60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 2 * 86400, 7 * 86400, 14 * 86400,
		30 * 86400, 91 * 86400, 182 * 86400, 365 * 86400, 730 * 86400, 1826 * 86400,
	};
	double span = L->x.hi - L->x.lo, width = L->px1 - L->px0;
	size_t i;

	L->nxt = 0;
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		double step = steps[i], t, lw;
		char probe[40];

		if (span / step > 40)
			continue;
		format_date(probe, sizeof(probe), L->x.lo, step);
		lw = text_width(p, F_SMALL, probe) + 16;
		if (span / step * lw > width && i + 1 < sizeof(steps) / sizeof(steps[0]))
			continue;
		for (t = ceil(L->x.lo / step) * step; t <= L->x.hi && L->nxt < 40; t += step) {
			L->xt[L->nxt].x = t;
			format_date(L->xt[L->nxt].s, sizeof(L->xt[0].s), t, step);
			L->nxt++;
		}
		break;
	}
}

/* Whether the category labels, centred on their columns, stand clear of each other. */
static int labels_fit(struct painter *p, const struct data *d, const struct layout *L)
{
	double col = d->nx > 1 ? (L->px1 - L->px0) / (L->x.hi - L->x.lo) : L->px1 - L->px0;
	size_t i;

	for (i = 0; i < d->nx; i++)
		if (text_width(p, F_SMALL, d->xlabels[i]) + 10 > col)
			return 0;
	return 1;
}

static double legend(struct painter *p, const struct data *d, double x, double y, double w, int draw)
{
	struct legend_item *items = calloc(d->nseries + 1, sizeof(*items));
	double h;
	size_t i;

	if (!items)
		return 0;
	for (i = 0; i < d->nseries; i++)
		items[i] = (struct legend_item){ L_LINE, series_colour(d->series[i].series),
						 series_shape(d->series[i].series), V_FASTER, d->series[i].variant, 0, 1 };
	items[d->nseries] = (struct legend_item){ L_SWATCH, C_KEY, S_CIRCLE, V_NA, "95% confidence interval", 0, 0 };
	h = legend_flow(p, items, d->nseries + 1, x, y, w, draw);
	free(items);
	return h;
}

static void layout_compute(struct painter *p, const struct data *d, double W, double H, struct layout *L,
			   int measure)
{
	double y, lh = text_height(p, F_SMALL, "0.9", 0), maxlab = 0, rows;
	size_t i;

	/* y axis first: its labels set the left margin. */
	memset(&L->y, 0, sizeof(L->y));
	L->y.log = d->log_y;
	L->y.lo = d->ylo;
	L->y.hi = d->yhi;
	axis_pad(&L->y, 0.08);
	L->y.p0 = PLOT_H;
	L->y.p1 = 0;
	axis_ticks(p, &L->y, F_SMALL, 1, NULL);
	L->ytick_w = 0;
	for (i = 0; i < L->y.ticks.n; i++)
		L->ytick_w = fmax(L->ytick_w, text_width(p, F_SMALL, L->y.ticks.s[i]));
	L->ytitle_w = text_height(p, F_AXIS, "Ag", 0);
	L->right_w = text_width(p, F_VALUE, "0.000") + 12;
	for (i = 0; i < d->nx; i++)
		maxlab = fmax(maxlab, text_width(p, F_SMALL, d->xlabels[i]));
	if (measure) {
		double plot = MIN_PLOT_W;

		if (!d->by_date && d->nx > 1)
			plot = fmax(plot, fmin((double)d->nx * (maxlab + 12), (double)d->nx * 90));
		W = 2 * MARGIN + L->ytitle_w + 8 + L->ytick_w + 8 + plot + L->right_w;
	}
	L->w = W;
	L->inner = W - 2 * MARGIN;
	L->px0 = MARGIN + L->ytitle_w + 8 + L->ytick_w + 8;
	L->px1 = W - MARGIN - L->right_w;

	y = MARGIN;
	L->title_h = d->title ? text_height(p, F_TITLE, d->title, L->inner) : 0;
	if (d->title)
		y += L->title_h + 10;
	L->note_y = y;
	L->note_h = d->note ? note_box(p, d->note, MARGIN, y, L->inner, 0) : 0;
	if (d->note)
		y += L->note_h + 12;
	L->legend_y = y;
	L->legend_h = legend(p, d, MARGIN, y, L->inner, 0);
	y += L->legend_h + 18;
	L->py0 = y;

	/* x axis: columns or time, padded so end points are not on the frame. */
	memset(&L->x, 0, sizeof(L->x));
	L->x.lo = d->xlo;
	L->x.hi = d->xhi;
	if (d->by_date) {
		double span = d->xhi - d->xlo, pad = span > 0 ? span * 0.06 : 43200;

		L->x.lo -= pad;
		L->x.hi += pad;
	} else {
		L->x.lo -= 0.5;
		L->x.hi += 0.5;
	}
	L->x.p0 = L->px0;
	L->x.p1 = L->px1;
	if (d->by_date) {
		date_ticks(p, L);
		L->rotate = 0;
		L->xlab_h = lh;
	} else {
		L->rotate = !labels_fit(p, d, L);
		L->xlab_h = L->rotate ? maxlab * sin(LABEL_ANGLE) + lh * cos(LABEL_ANGLE) : lh;
		/* Turned labels reach left of their column: the first must not leave the chart. */
		for (i = 0; L->rotate && i < d->nx; i++) {
			double reach = axis_pos(&L->x, (double)i) - text_width(p, F_SMALL, d->xlabels[i]) *
				       cos(LABEL_ANGLE) - MARGIN;

			if (reach < 0) {
				L->px0 -= reach;
				if (measure) {
					L->px1 -= reach;
					L->w -= reach;
					W = L->w;
					L->inner = W - 2 * MARGIN;
				}
				L->x.p0 = L->px0;
				L->x.p1 = L->px1;
			}
		}
	}

	rows = PLOT_H;
	if (!measure && H > 0) {
		/* Extra height goes to the plot. */
		double fixed = 0;

		fixed = (L->py0) + CHART_TICK_LEN + 4 + L->xlab_h + 10 + text_height(p, F_AXIS, "Ag", 0) +
			(d->caption ? 14 + text_height(p, F_CAPTION, d->caption, L->inner) : 0) + MARGIN - 4;
		if (H - fixed > rows)
			rows = H - fixed;
	}
	L->py1 = L->py0 + rows;
	L->y.p0 = L->py1;
	L->y.p1 = L->py0;
	y = L->py1 + CHART_TICK_LEN + 4;
	L->xlab_y = y;
	y += L->xlab_h + 10;
	L->axis_y = y;
	L->axis_h = text_height(p, F_AXIS, "Ag", 0);
	y += L->axis_h;
	L->caption_y = y + 14;
	L->caption_h = d->caption ? text_height(p, F_CAPTION, d->caption, L->inner) : 0;
	if (d->caption)
		y = L->caption_y + L->caption_h;
	L->h = y + MARGIN - 4;
}

/* ---- drawing ---- */

static void draw_frame(struct painter *p, const struct layout *L, const struct data *d)
{
	cairo_t *cr = p->cr;
	double last = INFINITY;
	size_t i;

	/* Horizontal grid at the y ticks, labels right-aligned left of the plot. */
	cairo_set_line_width(cr, 1);
	ink(cr, C_GRID);
	for (i = 0; i < L->y.ticks.n; i++) {
		double y = snap(axis_pos(&L->y, L->y.ticks.v[i]));

		cairo_move_to(cr, L->px0, y);
		cairo_line_to(cr, L->px1, y);
	}
	cairo_stroke(cr);
	ink(cr, C_TEXT);
	for (i = 0; i < L->y.ticks.n; i++) {
		double y = axis_pos(&L->y, L->y.ticks.v[i]), h = text_height(p, F_SMALL, L->y.ticks.s[i], 0);

		if (y + h / 2 > last - 2)
			continue;
		text_at(p, F_SMALL, L->y.ticks.s[i], L->px0 - 8, y, 1, 0.5);
		last = y - h / 2;
	}
	ink(cr, C_INK);
	text_vertical(p, F_AXIS, d->y_title, MARGIN + L->ytitle_w / 2, (L->py0 + L->py1) / 2);

	/* The axis line and x labels. */
	ink(cr, C_AXIS);
	cairo_move_to(cr, L->px0, snap(L->py1));
	cairo_line_to(cr, L->px1, snap(L->py1));
	cairo_move_to(cr, snap(L->px0), L->py0);
	cairo_line_to(cr, snap(L->px0), L->py1);
	cairo_stroke(cr);
	ink(cr, C_TEXT);
	if (d->by_date) {
		double right = -INFINITY;

		for (i = 0; i < L->nxt; i++) {
			double x = axis_pos(&L->x, L->xt[i].x), w = text_width(p, F_SMALL, L->xt[i].s);

			ink(cr, C_AXIS);
			cairo_move_to(cr, snap(x), L->py1);
			cairo_line_to(cr, snap(x), L->py1 + CHART_TICK_LEN);
			cairo_stroke(cr);
			if (x - w / 2 < right + 8 || x - w / 2 < MARGIN || x + w / 2 > L->w - MARGIN)
				continue;
			ink(cr, C_TEXT);
			text_at(p, F_SMALL, L->xt[i].s, x, L->xlab_y, 0.5, 0);
			right = x + w / 2;
		}
	} else {
		for (i = 0; i < d->nx; i++) {
			double x = axis_pos(&L->x, (double)i);

			ink(cr, C_AXIS);
			cairo_move_to(cr, snap(x), L->py1);
			cairo_line_to(cr, snap(x), L->py1 + CHART_TICK_LEN);
			cairo_stroke(cr);
			ink(cr, C_TEXT);
			if (!L->rotate) {
				text_at(p, F_SMALL, d->xlabels[i], x, L->xlab_y, 0.5, 0);
				continue;
			}
			/* Turned labels end at their tick. */
			{
				double w, h;

				text_set(p, F_SMALL, d->xlabels[i], 0);
				text_extent(p, &w, &h);
				cairo_save(cr);
				cairo_translate(cr, x, L->xlab_y);
				cairo_rotate(cr, -LABEL_ANGLE);
				pango_cairo_update_layout(cr, p->layout);
				cairo_move_to(cr, -w, -h / 2);
				pango_cairo_show_layout(cr, p->layout);
				cairo_restore(cr);
				pango_cairo_update_layout(cr, p->layout);
			}
		}
	}
	ink(cr, C_INK);
	text_at(p, F_AXIS, d->by_date ? "campaign start (UTC)" : "campaign", (L->px0 + L->px1) / 2, L->axis_y, 0.5, 0);

	if (finite_pos(d->reference, d->log_y)) {
		double y = snap(axis_pos(&L->y, d->reference));
		static const double dash[] = { 5, 3 };

		ink(cr, C_REF);
		cairo_set_line_width(cr, 1.2);
		cairo_set_dash(cr, dash, 2, 0);
		cairo_move_to(cr, L->px0, y);
		cairo_line_to(cr, L->px1, y);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	}
}

static int point_ok(const struct data *d, const struct chart_trend_point *pt)
{
	return isfinite(pt->x) && finite_pos(pt->value, d->log_y);
}

static int band_ok(const struct data *d, const struct chart_trend_point *pt)
{
	return point_ok(d, pt) && finite_pos(pt->lo, d->log_y) && finite_pos(pt->hi, d->log_y);
}

/* The last value of a series, placed after every series is drawn so labels can make room for each other. */
struct end_label {
	double x, y;
	char text[32];
	unsigned colour;
};

static int end_label_cmp(const void *a, const void *b)
{
	const struct end_label *x = a, *y = b;

	return x->y < y->y ? -1 : x->y > y->y;
}

static double xat(const struct layout *L, const struct chart_trend_point *pt, double dodge)
{
	return axis_pos(&L->x, pt->x) + dodge;
}

/* dodge shifts a series sideways so series with equal values at a campaign stay visible. */
static void draw_series(struct painter *p, const struct layout *L, const struct data *d, const struct series *s,
			double dodge, struct end_label *label)
{
	cairo_t *cr = p->cr;
	unsigned colour = series_colour(s->series);
	size_t k, j, last = s->n;

	cairo_save(cr);
	cairo_rectangle(cr, L->px0, L->py0, L->px1 - L->px0, L->py1 - L->py0);
	cairo_clip(cr);
	/* Bands over each run of points that have intervals; a lone point gets a bar. */
	for (k = 0; k < s->n; k = j) {
		for (; k < s->n && !band_ok(d, &s->pts[k]); k++)
			;
		for (j = k; j < s->n && band_ok(d, &s->pts[j]); j++)
			;
		if (j == k)
			break;
		ink_alpha(cr, colour, 0.18);
		if (j - k == 1) {
			double x = xat(L, &s->pts[k], dodge);

			cairo_rectangle(cr, x - 5, axis_pos(&L->y, s->pts[k].hi), 10,
					axis_pos(&L->y, s->pts[k].lo) - axis_pos(&L->y, s->pts[k].hi));
			cairo_fill(cr);
			continue;
		}
		cairo_new_path(cr);
		for (size_t i = k; i < j; i++)
			cairo_line_to(cr, xat(L, &s->pts[i], dodge), axis_pos(&L->y, s->pts[i].hi));
		for (size_t i = j; i-- > k;)
			cairo_line_to(cr, xat(L, &s->pts[i], dodge), axis_pos(&L->y, s->pts[i].lo));
		cairo_close_path(cr);
		cairo_fill(cr);
	}
	ink(cr, colour);
	cairo_set_line_width(cr, 2);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_new_path(cr);
	for (k = 0; k < s->n; k++)
		if (point_ok(d, &s->pts[k]))
			cairo_line_to(cr, xat(L, &s->pts[k], dodge), axis_pos(&L->y, s->pts[k].value));
	cairo_stroke(cr);
	cairo_restore(cr);
	for (k = 0; k < s->n; k++) {
		if (!point_ok(d, &s->pts[k]))
			continue;
		marker_draw(cr, series_shape(s->series), xat(L, &s->pts[k], dodge),
			    axis_pos(&L->y, s->pts[k].value), CHART_MARKER_R, colour, V_FASTER);
		last = k;
	}
	label->text[0] = '\0';
	if (last < s->n) {
		if (d->log_y)
			format_sig3(label->text, sizeof(label->text), s->pts[last].value);
		else
			snprintf(label->text, sizeof(label->text), "%.4g", s->pts[last].value);
		label->x = xat(L, &s->pts[last], dodge) + CHART_MARKER_R + 5;
		label->y = axis_pos(&L->y, s->pts[last].value);
		label->colour = colour == 0xf0e442 ? C_TEXT : colour;
	}
}

/* Labels sorted by height and pushed apart until none overlaps the next. */
static void draw_end_labels(struct painter *p, struct end_label *labels, size_t n)
{
	double h = text_height(p, F_VALUE, "0.9", 0) + 1;
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (labels[i].text[0])
			labels[k++] = labels[i];
	qsort(labels, k, sizeof(*labels), end_label_cmp);
	for (i = 1; i < k; i++)
		if (labels[i].y - labels[i - 1].y < h)
			labels[i].y = labels[i - 1].y + h;
	for (i = 0; i < k; i++)
		text_halo(p, F_VALUE, labels[i].text, labels[i].x, labels[i].y, 0, C_BG, labels[i].colour);
}

static int alloc_layout(struct layout *L)
{
	memset(L, 0, sizeof(*L));
	L->xt = calloc(40, sizeof(*L->xt));
	return L->xt ? 0 : -1;
}

static void trend_size(const void *ctx, struct painter *p, double *w, double *h)
{
	struct layout L;

	if (!alloc_layout(&L)) {
		layout_compute(p, ctx, 0, 0, &L, 1);
		*w = L.w;
		*h = L.h;
	}
	free(L.xt);
}

static int trend_draw(const void *ctx, struct painter *p, double w, double h)
{
	const struct data *d = ctx;
	struct layout L;
	size_t i;

	if (alloc_layout(&L))
		return error_set("out of memory");
	layout_compute(p, d, w, h, &L, 0);
	if (d->title) {
		ink(p->cr, C_TITLE);
		text_block(p, F_TITLE, d->title, MARGIN, MARGIN, L.inner);
	}
	if (d->note)
		note_box(p, d->note, MARGIN, L.note_y, L.inner, 1);
	legend(p, d, MARGIN, L.legend_y, L.inner, 1);
	draw_frame(p, &L, d);
	{
		struct end_label *labels = calloc(d->nseries ? d->nseries : 1, sizeof(*labels));
		double step = d->nseries > 1 ? 7 : 0;

		if (!labels) {
			free(L.xt);
			return error_set("out of memory");
		}
		for (i = 0; i < d->nseries; i++)
			draw_series(p, &L, d, &d->series[i], step * ((double)i - (double)(d->nseries - 1) / 2),
				    &labels[i]);
		draw_end_labels(p, labels, d->nseries);
		free(labels);
	}
	if (d->empty) {
		ink(p->cr, C_MUTED);
		text_at(p, F_LABEL, "no data", (L.px0 + L.px1) / 2, (L.py0 + L.py1) / 2, 0.5, 0.5);
	}
	if (d->caption) {
		ink(p->cr, C_CAPTION);
		text_block(p, F_CAPTION, d->caption, MARGIN, L.caption_y, L.inner);
	}
	free(L.xt);
	return 0;
}

void chart_trend_size(const struct chart_trend *c, double *width, double *height)
{
	struct data d;
	struct drawing dr;

	*width = 640;
	*height = 400;
	if (data_init(&d, c))
		return;
	dr = (struct drawing){ d.title, trend_size, trend_draw, &d };
	drawing_size(&dr, width, height);
	data_release(&d);
}

int chart_trend_write(const struct chart_trend *c, const char *path, enum chart_format fmt, double *width,
		      double *height)
{
	struct data d;
	struct drawing dr;
	int ret;

	if (data_init(&d, c))
		return error_prefix("cannot write chart '%s'", path ? path : "");
	dr = (struct drawing){ d.title, trend_size, trend_draw, &d };
	ret = drawing_write(&dr, path, fmt, width, height);
	data_release(&d);
	return ret;
}

int chart_trend_svg(const struct chart_trend *c, char **svg, size_t *len)
{
	struct data d;
	struct drawing dr;
	int ret;

	if (data_init(&d, c))
		return -1;
	dr = (struct drawing){ d.title, trend_size, trend_draw, &d };
	ret = drawing_svg(&dr, svg, len);
	data_release(&d);
	return ret;
}
