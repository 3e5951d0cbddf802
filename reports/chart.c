/*
 * Speedup chart: a log-scale forest plot drawn once through cairo for
 * every output format.
 *
 * Everything is laid out in "chart units" (pixels for PNG, points for PDF
 * and SVG).  Text goes through Pango with hinting switched off, so a label
 * measures the same on every surface and the PNG matches the vector
 * outputs.
 */
#if !defined(_GNU_SOURCE) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L	/* newlocale(), uselocale() */
#endif

#include "chart.h"
#include "error.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#define MARGIN		24.0
#define PLOT_W		520.0	/* natural width of the plot area */
#define MIN_WIDTH	640.0
#define LABEL_GAP	18.0	/* between the label column and the plot */
#define SUB_H		19.0	/* one series inside a workload row */
#define ROW_PAD		5.0
#define GEO_GAP		12.0	/* room for the separator above the mean */
#define MARKER_R	4.6
#define CAP_H		4.0
#define TICK_LEN	4.0
#define MAX_TICKS	32
#define TARGET_TICKS	6

/* Colours as 0xRRGGBB. */
#define C_BG		0xffffff
#define C_TITLE		0x111111
#define C_INK		0x222222
#define C_TEXT		0x444444
#define C_MUTED		0x6b6b6b
#define C_CAPTION	0x7a7a7a
#define C_GRID		0xe2e2e2
#define C_AXIS		0x8c8c8c
#define C_STRIPE	0xf3f4f6
#define C_REF		0x3a3a3a
#define C_SEP		0x9a9a9a
#define C_KEY		0x555555

/*
 * Okabe & Ito, "Color Universal Design" (2008), reordered so that the
 * first series get the colours with the most contrast on white; yellow is
 * last because thin yellow lines nearly vanish.
 */
static const unsigned palette[] = {
	0x0072b2, 0xd55e00, 0x009e73, 0xcc79a7,
	0xe69f00, 0x56b4e9, 0x000000, 0xf0e442,
};
#define NPALETTE (sizeof(palette) / sizeof(palette[0]))

/* Shapes are the second, colour-independent channel telling series apart. */
enum shape { S_CIRCLE, S_SQUARE, S_DIAMOND, S_TRIANGLE_UP, S_TRIANGLE_DOWN, S_HEXAGON, NSHAPES };

enum verdict { V_NA, V_FASTER, V_SLOWER, V_UNCLEAR };

enum font {
	F_TITLE, F_LABEL, F_LABEL_BOLD, F_LEGEND, F_SMALL, F_SMALL_BOLD,
	F_VALUE, F_NA, F_AXIS, F_CAPTION, NFONTS
};

static const struct {
	double size;
	PangoWeight weight;
	PangoStyle style;
} font_spec[NFONTS] = {
	[F_TITLE]	= { 17.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
	[F_LABEL]	= { 13.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
	[F_LABEL_BOLD]	= { 13.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
	[F_LEGEND]	= { 12.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
	[F_SMALL]	= { 11.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
	[F_SMALL_BOLD]	= { 11.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
	[F_VALUE]	= { 10.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
	[F_NA]		= { 10.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC },
	[F_AXIS]	= { 12.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
	[F_CAPTION]	= { 10.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
};

struct painter {
	cairo_t *cr;
	PangoContext *pc;
	PangoLayout *layout;
	PangoFontDescription *font[NFONTS];
};

/* One row of the chart; pts[s] is series s's point or NULL if missing. */
struct row {
	char *label;
	const struct chart_point **pts;
	double key;
	int has_key;
};

struct data {
	char *title, *base, *axis_title, *caption;
	char **variant;
	size_t nseries;
	struct row *rows;	/* workloads sorted, then the geometric mean */
	size_t nwork;		/* rows before the geometric mean */
	size_t nrows;
	const struct chart_point **pts;
	double lnlo, lnhi;	/* x range, natural log of the ratio */
};

struct ticks {
	size_t n;
	double v[MAX_TICKS];
	char s[MAX_TICKS][24];
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
	struct ticks ticks;
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

static void ink(cairo_t *cr, unsigned hex)
{
	cairo_set_source_rgb(cr, (hex >> 16 & 0xff) / 255.0,
			     (hex >> 8 & 0xff) / 255.0, (hex & 0xff) / 255.0);
}

/* Centre 1-unit lines on pixel centres so PNG rules come out crisp. */
static double snap(double v)
{
	return floor(v) + 0.5;
}

/*
 * Three significant digits, keeping trailing zeros ("1.00", "0.950") so a
 * column of values reads as equally precise.
 */
static void format_sig3(char *buf, size_t len, double v)
{
	int mag, dec;
	double p;

	if (v < 1e-3 || v >= 1e5) {
		snprintf(buf, len, "%.2e", v);
		return;
	}
	mag = (int)floor(log10(v));
	dec = 2 - mag;
	if (dec < 0)
		dec = 0;
	p = pow(10, dec);
	/* 0.9996 rounds to 1.000: one digit too many. */
	if (dec > 0 && round(v * p) / p >= pow(10, mag + 1))
		dec--;
	snprintf(buf, len, "%.*f", dec, v);
}

/* ---- text ---- */

static int painter_init(struct painter *p, cairo_t *cr)
{
	cairo_font_options_t *fo;
	int i;

	memset(p, 0, sizeof(*p));
	p->cr = cr;
	p->pc = pango_cairo_create_context(cr);
	if (!p->pc)
		return error_set("cannot create a Pango context");

	/*
	 * Unhinted metrics make text measure identically on raster and vector
	 * surfaces and whatever the desktop's fontconfig prefers; grey
	 * antialiasing keeps colour fringes out of the PNG.
	 */
	fo = cairo_font_options_create();
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(p->pc, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(p->pc, FALSE);
	/* Font fallback depends on the language; don't let $LANG pick it. */
	pango_context_set_language(p->pc, pango_language_from_string("en"));
	pango_context_set_base_dir(p->pc, PANGO_DIRECTION_LTR);

	p->layout = pango_layout_new(p->pc);
	for (i = 0; i < NFONTS; i++) {
		PangoFontDescription *fd = pango_font_description_from_string("DejaVu Sans,Sans");

		pango_font_description_set_absolute_size(fd, font_spec[i].size * PANGO_SCALE);
		pango_font_description_set_weight(fd, font_spec[i].weight);
		pango_font_description_set_style(fd, font_spec[i].style);
		p->font[i] = fd;
	}
	return 0;
}

static void painter_release(struct painter *p)
{
	int i;

	for (i = 0; i < NFONTS; i++)
		if (p->font[i])
			pango_font_description_free(p->font[i]);
	if (p->layout)
		g_object_unref(p->layout);
	if (p->pc)
		g_object_unref(p->pc);
	memset(p, 0, sizeof(*p));
}

/* Prepare the shared layout; wrap > 0 wraps at that width. */
static void text_set(struct painter *p, enum font f, const char *s, double wrap)
{
	pango_layout_set_font_description(p->layout, p->font[f]);
	pango_layout_set_alignment(p->layout, PANGO_ALIGN_LEFT);
	pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_width(p->layout, wrap > 0 ? (int)(wrap * PANGO_SCALE) : -1);
	pango_layout_set_text(p->layout, s, -1);
}

static void text_extent(struct painter *p, double *w, double *h)
{
	PangoRectangle r;

	pango_layout_get_extents(p->layout, NULL, &r);
	if (w)
		*w = (double)(r.x + r.width) / PANGO_SCALE;
	if (h)
		*h = (double)r.height / PANGO_SCALE;
}

static double text_width(struct painter *p, enum font f, const char *s)
{
	double w;

	text_set(p, f, s, 0);
	text_extent(p, &w, NULL);
	return w;
}

static double text_height(struct painter *p, enum font f, const char *s, double wrap)
{
	double h;

	text_set(p, f, s, wrap);
	text_extent(p, NULL, &h);
	return h;
}

/*
 * Draw s with its logical box anchored at (x, y): ax/ay are 0 for the
 * left/top edge, 0.5 for the centre, 1 for the right/bottom edge.
 * Returns the width drawn.
 */
static double text_at(struct painter *p, enum font f, const char *s,
		      double x, double y, double ax, double ay)
{
	double w, h;

	text_set(p, f, s, 0);
	text_extent(p, &w, &h);
	cairo_move_to(p->cr, x - ax * w, y - ay * h);
	pango_cairo_show_layout(p->cr, p->layout);
	return w;
}

/* ---- data ---- */

static char *text_dup(const char *s, const char *fallback)
{
	return g_utf8_make_valid(s ? s : fallback, -1);
}

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
	d->axis_title = g_strdup_printf("time relative to %s (%s; lower is faster)",
					d->base, metric);
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

/* ---- x axis ---- */

static double xpos(const struct layout *L, const struct data *d, double v)
{
	return L->px0 + (log(v) - d->lnlo) / (d->lnhi - d->lnlo) * (L->px1 - L->px0);
}

static int ticks_add(struct ticks *t, double v, int dec)
{
	if (t->n == MAX_TICKS)
		return -1;
	t->v[t->n] = v;
	if (dec > 6 || v >= 1e6)
		snprintf(t->s[t->n], sizeof(t->s[0]), "%g", v);
	else
		snprintf(t->s[t->n], sizeof(t->s[0]), "%.*f", dec, v);
	t->n++;
	return 0;
}

/* Multiples of step; only sets through 1.0 qualify, as 1.0 is the reference. */
static int ticks_linear(struct ticks *t, double step, int dec, double lo, double hi)
{
	double k0 = ceil(lo / step - 1e-9), k1 = floor(hi / step + 1e-9), k;
	int one = 0;

	t->n = 0;
	if (k1 - k0 + 1 > MAX_TICKS)
		return -1;
	for (k = k0; k <= k1; k++) {
		double v = k * step;

		if (v <= 0)
			continue;
		if (fabs(v - 1) < 1e-9) {
			v = 1;
			one = 1;
		}
		if (ticks_add(t, v, dec))
			return -1;
	}
	return one ? 0 : -1;
}

/* mult x 10^e for every decade: 0.5 1 2 5 10 ... for wide ranges. */
static int ticks_log(struct ticks *t, const double *mult, size_t nmult, double lo, double hi)
{
	int e, e0 = (int)floor(log10(lo)), e1 = (int)ceil(log10(hi));
	size_t m;

	t->n = 0;
	for (e = e0; e <= e1; e++) {
		double dec10 = e < 0 ? 1 / pow(10, -e) : pow(10, e);

		for (m = 0; m < nmult; m++) {
			double v = mult[m] * dec10;
			int dec = (e < 0 ? -e : 0) + (mult[m] != floor(mult[m]));

			if (v < lo * (1 - 1e-9) || v > hi * (1 + 1e-9))
				continue;
			if (ticks_add(t, v, dec))
				return -1;
		}
	}
	return 0;
}

/* Whether the tick labels of t stand clear of each other on this axis. */
static int ticks_fit(struct painter *p, const struct layout *L, const struct data *d,
		     const struct ticks *t)
{
	double prev_x = 0, prev_w = 0;
	size_t i;

	for (i = 0; i < t->n; i++) {
		double x = xpos(L, d, t->v[i]), w = text_width(p, F_SMALL, t->s[i]);

		if (i && x - prev_x < (w + prev_w) / 2 + 12)
			return 0;
		prev_x = x;
		prev_w = w;
	}
	return 1;
}

/*
 * Largest stretch of the axis without a tick, as a fraction of it: linear
 * steps on a wide log axis bunch up on the slower side and leave the
 * faster side bare.
 */
static double ticks_gap(const struct data *d, const struct ticks *t)
{
	double prev = d->lnlo, gap = 0;
	size_t i;

	for (i = 0; i < t->n; i++) {
		gap = fmax(gap, log(t->v[i]) - prev);
		prev = log(t->v[i]);
	}
	gap = fmax(gap, d->lnhi - prev);
	return gap / (d->lnhi - d->lnlo);
}

static double ticks_score(const struct data *d, const struct ticks *t)
{
	return fabs((double)t->n - TARGET_TICKS) + (t->n < 3 ? 3 : 0) +
	       fmax(0, ticks_gap(d, t) - 0.3) * 20;
}

/*
 * Try the usual nice steps and keep the set nearest to TARGET_TICKS whose
 * labels don't collide.  Steps of 2.5 give labels like "0.975", so they
 * only win when nothing else is close.
 */
static void ticks_choose(struct painter *p, struct layout *L, const struct data *d)
{
	static const double m_lin[] = { 1, 2, 2.5, 5 };
	static const double log1[] = { 1 }, log125[] = { 1, 2, 5 },
		log1235[] = { 1, 2, 3, 5 }, logfine[] = { 1, 1.5, 2, 3, 5, 7 };
	static const struct { const double *m; size_t n; } logs[] = {
		{ logfine, 6 }, { log1235, 4 }, { log125, 3 }, { log1, 1 },
	};
	double lo = exp(d->lnlo), hi = exp(d->lnhi), best = INFINITY;
	struct ticks t, fallback = { 0 };
	int e, e0 = (int)floor(log10(hi - lo)) - 2;
	size_t i;

	L->ticks.n = 0;
	for (e = e0; e <= e0 + 4; e++) {
		for (i = 0; i < sizeof(m_lin) / sizeof(m_lin[0]); i++) {
			double step = m_lin[i] * pow(10, e), score;
			int dec = (e < 0 ? -e : 0) + (m_lin[i] == 2.5);

			if (ticks_linear(&t, step, dec, lo, hi) || t.n < 2)
				continue;
			if (!fallback.n || t.n < fallback.n)
				fallback = t;
			if (!ticks_fit(p, L, d, &t))
				continue;
			score = ticks_score(d, &t) + (m_lin[i] == 2.5 ? 1.5 : 0);
			if (score < best) {
				best = score;
				L->ticks = t;
			}
		}
	}
	for (i = 0; i < sizeof(logs) / sizeof(logs[0]); i++) {
		double score;

		if (ticks_log(&t, logs[i].m, logs[i].n, lo, hi) || t.n < 2)
			continue;
		if (!fallback.n || t.n < fallback.n)
			fallback = t;
		if (!ticks_fit(p, L, d, &t))
			continue;
		score = ticks_score(d, &t);
		if (score < best) {
			best = score;
			L->ticks = t;
		}
	}
	/* Nothing fits (absurd ranges): draw_axis skips colliding labels. */
	if (!L->ticks.n)
		L->ticks = fallback;
	if (!L->ticks.n) {
		L->ticks.n = 0;
		ticks_add(&L->ticks, 1.0, 1);
	}
}

/* ---- markers ---- */

static void marker_path(cairo_t *cr, enum shape shape, double x, double y, double r)
{
	double a;
	int i;

	/* Sizes roughly equalise area so no series looks more important. */
	switch (shape) {
	case S_CIRCLE:
		cairo_new_sub_path(cr);
		cairo_arc(cr, x, y, r, 0, 2 * G_PI);
		break;
	case S_SQUARE:
		cairo_rectangle(cr, x - 0.89 * r, y - 0.89 * r, 1.78 * r, 1.78 * r);
		break;
	case S_DIAMOND:
		cairo_move_to(cr, x, y - 1.25 * r);
		cairo_line_to(cr, x + 1.25 * r, y);
		cairo_line_to(cr, x, y + 1.25 * r);
		cairo_line_to(cr, x - 1.25 * r, y);
		cairo_close_path(cr);
		break;
	case S_TRIANGLE_UP:
	case S_TRIANGLE_DOWN:
		a = shape == S_TRIANGLE_UP ? -1 : 1;
		cairo_move_to(cr, x, y + a * 1.45 * r);
		cairo_line_to(cr, x + 1.26 * r, y - a * 0.72 * r);
		cairo_line_to(cr, x - 1.26 * r, y - a * 0.72 * r);
		cairo_close_path(cr);
		break;
	default:
		for (i = 0; i < 6; i++) {
			a = G_PI / 6 + i * G_PI / 3;
			if (i)
				cairo_line_to(cr, x + 1.1 * r * cos(a), y + 1.1 * r * sin(a));
			else
				cairo_move_to(cr, x + 1.1 * r * cos(a), y + 1.1 * r * sin(a));
		}
		cairo_close_path(cr);
		break;
	}
}

/*
 * Fill encodes the verdict so it survives greyscale printing and colour
 * blindness: filled = faster, hollow = slower, left half = inconclusive.
 */
static void marker_draw(cairo_t *cr, enum shape shape, double x, double y, double r,
			unsigned colour, enum verdict v)
{
	cairo_save(cr);
	cairo_new_path(cr);
	marker_path(cr, shape, x, y, r);
	if (v == V_FASTER) {
		ink(cr, colour);
		cairo_fill_preserve(cr);
	} else {
		ink(cr, C_BG);
		cairo_fill_preserve(cr);
		if (v == V_UNCLEAR) {
			cairo_save(cr);
			cairo_clip_preserve(cr);
			cairo_new_path(cr);
			cairo_rectangle(cr, x - 2 * r, y - 2 * r, 2 * r, 4 * r);
			ink(cr, colour);
			cairo_fill(cr);
			cairo_restore(cr);
			/* The path is not part of the saved state. */
			marker_path(cr, shape, x, y, r);
		}
	}
	ink(cr, colour);
	cairo_set_line_width(cr, 1.4);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
	cairo_stroke(cr);
	cairo_restore(cr);
}

static void whisker_draw(cairo_t *cr, double x0, double x1, double y, double cap,
			 unsigned colour)
{
	ink(cr, colour);
	cairo_set_line_width(cr, 1.5);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	cairo_move_to(cr, x0, y);
	cairo_line_to(cr, x1, y);
	cairo_move_to(cr, x0, y - cap);
	cairo_line_to(cr, x0, y + cap);
	cairo_move_to(cr, x1, y - cap);
	cairo_line_to(cr, x1, y + cap);
	cairo_stroke(cr);
}

static unsigned series_colour(size_t s)
{
	return palette[s % NPALETTE];
}

static enum shape series_shape(size_t s)
{
	return (enum shape)(s % NSHAPES);
}

/* ---- legend ---- */

enum item_kind { I_SERIES, I_VERDICT, I_CI };

struct legend_item {
	enum item_kind kind;
	size_t series;
	enum verdict verdict;
	const char *text;
	int new_line;
};

#define SYM_W 22.0
#define LEGEND_LINE 18.0

/*
 * Flow the legend into lines of width maxw starting at (x0, y0); draws
 * when draw is set, and returns the height either way.
 */
static double legend_flow(struct painter *p, const struct data *d, double x0, double y0,
			  double maxw, int draw)
{
	/* Line one says what is drawn, line two what the marker fill means. */
	static const struct legend_item key[] = {
		{ I_CI, 0, V_NA, "95% confidence interval (CI)", 0 },
		{ I_VERDICT, 0, V_FASTER, "faster (CI below 1)", 1 },
		{ I_VERDICT, 0, V_UNCLEAR, "no clear difference (CI includes 1)", 0 },
		{ I_VERDICT, 0, V_SLOWER, "slower (CI above 1)", 0 },
	};
	size_t nitems = d->nseries + sizeof(key) / sizeof(key[0]), i;
	double x = x0, y = y0, lh = LEGEND_LINE;

	for (i = 0; i < nitems; i++) {
		struct legend_item it;
		enum font f;
		double w, cy;

		if (i < d->nseries) {
			it = (struct legend_item){ I_SERIES, i, V_FASTER, d->variant[i], 0 };
			f = F_LEGEND;
		} else {
			it = key[i - d->nseries];
			f = F_SMALL;
		}
		w = SYM_W + 5 + text_width(p, f, it.text);
		if (x > x0 && (it.new_line || x + w > x0 + maxw)) {
			x = x0;
			y += lh + 4;
		}
		if (draw) {
			cy = y + lh / 2;
			if (it.kind == I_SERIES) {
				whisker_draw(p->cr, x + 1, x + SYM_W - 1, cy, CAP_H - 1,
					     series_colour(it.series));
				marker_draw(p->cr, series_shape(it.series), x + SYM_W / 2, cy,
					    MARKER_R, series_colour(it.series), V_FASTER);
			} else if (it.kind == I_VERDICT) {
				marker_draw(p->cr, S_CIRCLE, x + SYM_W / 2, cy, MARKER_R,
					    C_KEY, it.verdict);
			} else {
				whisker_draw(p->cr, x + 2, x + SYM_W - 2, cy, CAP_H, C_KEY);
			}
			ink(p->cr, it.kind == I_SERIES ? C_INK : C_TEXT);
			text_at(p, f, it.text, x + SYM_W + 5, cy, 0, 0.5);
		}
		x += w + 20;
	}
	return y + lh - y0;
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
		ticks_choose(p, L, d);

	L->title_h = d->title ? text_height(p, F_TITLE, d->title, inner) : 0;
	L->legend_h = d->nseries ? legend_flow(p, d, MARGIN, 0, inner, 0) : 0;
	L->caption_h = d->caption ? text_height(p, F_CAPTION, d->caption, inner) : 0;
	lh = text_height(p, F_SMALL, "0.9", 0);
	th = text_height(p, F_AXIS, d->axis_title, 0);
	axis_w = text_width(p, F_AXIS, d->axis_title);
	dir_w = fmax(text_width(p, F_SMALL, "\u2190 faster"), text_width(p, F_SMALL, "slower \u2192"));
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

/*
 * Text over grid and reference lines stays legible with an outline in the
 * row's background colour around the glyphs.
 */
static void text_halo(struct painter *p, enum font f, const char *s, double x, double y,
		      double ax, unsigned bg, unsigned fg)
{
	double w, h;

	text_set(p, f, s, 0);
	text_extent(p, &w, &h);
	x -= ax * w;
	y -= h / 2;
	cairo_save(p->cr);
	cairo_move_to(p->cr, x, y);
	pango_cairo_layout_path(p->cr, p->layout);
	ink(p->cr, bg);
	cairo_set_line_width(p->cr, 3);
	cairo_set_line_join(p->cr, CAIRO_LINE_JOIN_ROUND);
	cairo_stroke(p->cr);
	cairo_restore(p->cr);
	ink(p->cr, fg);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, p->layout);
}

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
			     series_colour(s));
	marker_draw(p->cr, series_shape(s), xpos(L, d, pt->ratio), y, r, series_colour(s), v);
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
	for (i = 0; i < L->ticks.n; i++) {
		if (L->ticks.v[i] == 1.0)
			continue;
		x = snap(xpos(L, d, L->ticks.v[i]));
		cairo_move_to(cr, x, L->py0);
		cairo_line_to(cr, x, L->py1);
	}
	cairo_stroke(cr);

	ink(cr, C_AXIS);
	cairo_move_to(cr, L->px0, snap(L->py1));
	cairo_line_to(cr, L->px1, snap(L->py1));
	for (i = 0; i < L->ticks.n; i++) {
		x = snap(xpos(L, d, L->ticks.v[i]));
		cairo_move_to(cr, x, L->py1);
		cairo_line_to(cr, x, L->py1 + TICK_LEN);
	}
	cairo_stroke(cr);

	ink(cr, C_TEXT);
	for (i = 0; i < L->ticks.n; i++) {
		x = xpos(L, d, L->ticks.v[i]);
		w = text_width(p, F_SMALL, L->ticks.s[i]);
		if (x - w / 2 < last_right + 6)
			continue;
		text_at(p, L->ticks.v[i] == 1.0 ? F_SMALL_BOLD : F_SMALL, L->ticks.s[i],
			x, L->tick_y, 0.5, 0);
		last_right = x + w / 2;
	}

	ink(cr, C_MUTED);
	text_at(p, F_SMALL, "\u2190 faster", L->px0, L->dir_y, 0, 0);
	text_at(p, F_SMALL, "slower \u2192", L->px1, L->dir_y, 1, 0);

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
	legend_flow(p, d, MARGIN, L->legend_y, L->w - 2 * MARGIN, 1);

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

/*
 * The real drawing routine; chart_speedup_draw() drops the status because
 * a context can't report it anyway, chart_speedup_write() doesn't.
 */
static int draw(cairo_t *cr, double width, double height, const struct chart_speedup *c)
{
	struct painter p;
	struct data d;
	struct layout L;
	double w0, h0, scale;
	locale_t cloc, old = (locale_t)0;
	int ret = -1;

	if (!(width > 0 && height > 0) || !isfinite(width) || !isfinite(height))
		return error_set("chart size %gx%g is not positive", width, height);
	cairo_save(cr);
	ink(cr, C_BG);
	cairo_rectangle(cr, 0, 0, width, height);
	cairo_fill(cr);
	if (data_init(&d, c)) {
		cairo_restore(cr);
		return -1;
	}
	/* Tick and value labels must say "0.95" even under a German locale. */
	cloc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (cloc)
		old = uselocale(cloc);
	if (painter_init(&p, cr))
		goto out;

	natural_size(&p, &d, &w0, &h0);
	scale = fmin(1.0, fmin(width / w0, height / h0));
	cairo_scale(cr, scale, scale);
	pango_cairo_update_context(cr, p.pc);
	layout_compute(&p, &d, width / scale, height / scale, &L);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
	draw_chart(&p, &L, &d);
	if (cairo_status(cr)) {
		error_set("cairo: %s", cairo_status_to_string(cairo_status(cr)));
		goto out;
	}
	ret = 0;
out:
	painter_release(&p);
	if (cloc) {
		uselocale(old);
		freelocale(cloc);
	}
	data_release(&d);
	cairo_restore(cr);
	return ret;
}

void chart_speedup_draw(cairo_t *cr, double width, double height,
			const struct chart_speedup *c)
{
	draw(cr, width, height, c);
}

void chart_speedup_size(const struct chart_speedup *c, double *width, double *height)
{
	cairo_surface_t *surface;
	cairo_t *cr;
	struct painter p;
	struct data d;

	*width = MIN_WIDTH;
	*height = 400;
	if (data_init(&d, c))
		return;
	/* A scratch context: unhinted metrics don't depend on the target. */
	surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1);
	cr = cairo_create(surface);
	if (!painter_init(&p, cr))
		natural_size(&p, &d, width, height);
	painter_release(&p);
	cairo_destroy(cr);
	cairo_surface_destroy(surface);
	data_release(&d);
}

/* ---- writing ---- */

struct sink {
	FILE *f;
	int err;	/* errno of the first failed write */
};

static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct sink *s = closure;

	if (s->err)
		return CAIRO_STATUS_WRITE_ERROR;
	errno = 0;
	if (fwrite(data, 1, len, s->f) != len) {
		s->err = errno ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

int chart_speedup_write(const struct chart_speedup *c, const char *path, enum chart_format fmt)
{
	cairo_surface_t *surface = NULL;
	cairo_status_t st;
	struct sink sink = { NULL, 0 };
	cairo_t *cr;
	double w, h;
	int ret = -1;

	if (!path)
		return error_set("cannot write chart: no path");
	if (fmt != CHART_PNG && fmt != CHART_SVG && fmt != CHART_PDF)
		return error_set("cannot write chart '%s': unknown format %d", path, (int)fmt);
	chart_speedup_size(c, &w, &h);
	if (fmt == CHART_PNG && (w > 32767 || h > 32767))
		return error_set("cannot write chart '%s': %.0fx%.0f is too large for PNG; "
				 "use SVG or PDF", path, w, h);

	sink.f = fopen(path, "wb");
	if (!sink.f)
		return error_set("cannot write chart '%s': %s", path, strerror(errno));

	switch (fmt) {
	case CHART_PNG:
		surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)w, (int)h);
		break;
	case CHART_SVG:
		surface = cairo_svg_surface_create_for_stream(sink_write, &sink, w, h);
		cairo_svg_surface_restrict_to_version(surface, CAIRO_SVG_VERSION_1_1);
		/* Unitless sizes are pixels in browsers; say so explicitly. */
		cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PX);
		break;
	case CHART_PDF:
		surface = cairo_pdf_surface_create_for_stream(sink_write, &sink, w, h);
		/* No creation date, so the same data gives the same bytes. */
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "");
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "varbench");
		if (c->title) {
			char *title = text_dup(c->title, "");

			cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title);
			g_free(title);
		}
		break;
	}
	st = cairo_surface_status(surface);
	if (st) {
		error_set("cannot write chart '%s': %s", path, cairo_status_to_string(st));
		goto out;
	}

	cr = cairo_create(surface);
	if (draw(cr, w, h, c)) {
		cairo_destroy(cr);
		error_prefix("cannot write chart '%s'", path);
		goto out;
	}
	cairo_destroy(cr);

	if (fmt == CHART_PNG)
		st = cairo_surface_write_to_png_stream(surface, sink_write, &sink);
	cairo_surface_finish(surface);
	if (!st)
		st = cairo_surface_status(surface);
	if (st) {
		error_set("cannot write chart '%s': %s", path,
			  sink.err ? strerror(sink.err) : cairo_status_to_string(st));
		goto out;
	}
	ret = 0;
out:
	if (surface)
		cairo_surface_destroy(surface);
	if (fclose(sink.f) && !ret) {
		ret = error_set("cannot write chart '%s': %s", path, strerror(errno));
	}
	if (ret)
		unlink(path);
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
