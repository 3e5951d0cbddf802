/*
 * The toolkit every chart draws with: text, palette, markers, axes,
 * legends and the writer behind PNG, SVG and PDF output.
 *
 * Text goes through Pango with hinting switched off, so a label measures
 * the same on every surface and the PNG matches the vector outputs.
 */
#if !defined(_GNU_SOURCE) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L	/* newlocale(), uselocale(), open_memstream() */
#endif

#include "chart_common.h"
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

#define TARGET_TICKS	6

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
	[F_NOTE]	= { 12.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
};

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

void ink(cairo_t *cr, unsigned hex)
{
	cairo_set_source_rgb(cr, (hex >> 16 & 0xff) / 255.0,
			     (hex >> 8 & 0xff) / 255.0, (hex & 0xff) / 255.0);
}

void ink_alpha(cairo_t *cr, unsigned hex, double alpha)
{
	cairo_set_source_rgba(cr, (hex >> 16 & 0xff) / 255.0,
			      (hex >> 8 & 0xff) / 255.0, (hex & 0xff) / 255.0, alpha);
}

double snap(double v)
{
	return floor(v) + 0.5;
}

void format_sig3(char *buf, size_t len, double v)
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

char *text_dup(const char *s, const char *fallback)
{
	return g_utf8_make_valid(s ? s : fallback, -1);
}

/* ---- text ---- */

int painter_init(struct painter *p, cairo_t *cr)
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

void painter_release(struct painter *p)
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

void text_set(struct painter *p, enum font f, const char *s, double wrap)
{
	pango_layout_set_font_description(p->layout, p->font[f]);
	pango_layout_set_alignment(p->layout, PANGO_ALIGN_LEFT);
	pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_width(p->layout, wrap > 0 ? (int)(wrap * PANGO_SCALE) : -1);
	pango_layout_set_text(p->layout, s, -1);
}

void text_extent(struct painter *p, double *w, double *h)
{
	PangoRectangle r;

	pango_layout_get_extents(p->layout, NULL, &r);
	if (w)
		*w = (double)(r.x + r.width) / PANGO_SCALE;
	if (h)
		*h = (double)r.height / PANGO_SCALE;
}

double text_width(struct painter *p, enum font f, const char *s)
{
	double w;

	text_set(p, f, s, 0);
	text_extent(p, &w, NULL);
	return w;
}

double text_height(struct painter *p, enum font f, const char *s, double wrap)
{
	double h;

	text_set(p, f, s, wrap);
	text_extent(p, NULL, &h);
	return h;
}

double text_at(struct painter *p, enum font f, const char *s, double x, double y, double ax, double ay)
{
	double w, h;

	text_set(p, f, s, 0);
	text_extent(p, &w, &h);
	cairo_move_to(p->cr, x - ax * w, y - ay * h);
	pango_cairo_show_layout(p->cr, p->layout);
	return w;
}

double text_block(struct painter *p, enum font f, const char *s, double x, double y, double wrap)
{
	double h;

	text_set(p, f, s, wrap);
	text_extent(p, NULL, &h);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, p->layout);
	return h;
}

void text_halo(struct painter *p, enum font f, const char *s, double x, double y, double ax, unsigned bg,
	       unsigned fg)
{
	double w, h;

	static const double off[8][2] = {
		{ 1.5, 0 }, { -1.5, 0 }, { 0, 1.5 }, { 0, -1.5 },
		{ 1.06, 1.06 }, { -1.06, 1.06 }, { 1.06, -1.06 }, { -1.06, -1.06 },
	};

	text_set(p, f, s, 0);
	text_extent(p, &w, &h);
	x -= ax * w;
	y -= h / 2;
	/*
	 * The outline is the text itself drawn around its place in the
	 * background colour: in SVG and PDF eight references to glyphs already
	 * defined, where stroking the outline would add a path per label.
	 */
	ink(p->cr, bg);
	for (int i = 0; i < 8; i++) {
		cairo_move_to(p->cr, x + off[i][0], y + off[i][1]);
		pango_cairo_show_layout(p->cr, p->layout);
	}
	ink(p->cr, fg);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, p->layout);
}

void text_vertical(struct painter *p, enum font f, const char *s, double x, double y)
{
	double w, h;

	text_set(p, f, s, 0);
	text_extent(p, &w, &h);
	cairo_save(p->cr);
	cairo_translate(p->cr, x, y);
	cairo_rotate(p->cr, -G_PI / 2);
	pango_cairo_update_layout(p->cr, p->layout);
	cairo_move_to(p->cr, -w / 2, -h / 2);
	pango_cairo_show_layout(p->cr, p->layout);
	cairo_restore(p->cr);
	pango_cairo_update_layout(p->cr, p->layout);
}

/* ---- markers ---- */

unsigned series_colour(size_t s)
{
	return palette[s % NPALETTE];
}

enum shape series_shape(size_t s)
{
	return (enum shape)(s % NSHAPES);
}

void marker_path(cairo_t *cr, enum shape shape, double x, double y, double r)
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
void marker_draw(cairo_t *cr, enum shape shape, double x, double y, double r, unsigned colour, enum verdict v)
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

void whisker_draw(cairo_t *cr, double x0, double x1, double y, double cap, unsigned colour)
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

static void cross_draw(cairo_t *cr, double x, double y, double r, unsigned colour)
{
	ink(cr, colour);
	cairo_set_line_width(cr, 1.4);
	cairo_move_to(cr, x - r, y - r);
	cairo_line_to(cr, x + r, y + r);
	cairo_move_to(cr, x - r, y + r);
	cairo_line_to(cr, x + r, y - r);
	cairo_stroke(cr);
}

/* ---- axes ---- */

double axis_pos(const struct axis *a, double v)
{
	double t;

	if (a->log)
		t = (log(v) - log(a->lo)) / (log(a->hi) - log(a->lo));
	else
		t = (v - a->lo) / (a->hi - a->lo);
	return a->p0 + t * (a->p1 - a->p0);
}

void axis_pad(struct axis *a, double fraction)
{
	if (a->log) {
		double lo = log(a->lo), hi = log(a->hi), span = hi - lo, mid;

		if (span < log(1.04)) {
			mid = (hi + lo) / 2;
			lo = mid - log(1.04) / 2;
			hi = mid + log(1.04) / 2;
			span = hi - lo;
		}
		a->lo = exp(lo - fraction * span);
		a->hi = exp(hi + fraction * span);
	} else {
		double span = a->hi - a->lo;

		if (span <= 0) {
			double m = fabs(a->lo) > 0 ? fabs(a->lo) * 0.02 : 1;

			a->lo -= m;
			a->hi += m;
			span = a->hi - a->lo;
		}
		a->lo -= fraction * span;
		a->hi += fraction * span;
	}
}

static int ticks_add(struct ticks *t, double v, int dec)
{
	if (t->n == CHART_MAX_TICKS)
		return -1;
	t->v[t->n] = v;
	if (dec > 6 || fabs(v) >= 1e6)
		snprintf(t->s[t->n], sizeof(t->s[0]), "%g", v);
	else
		snprintf(t->s[t->n], sizeof(t->s[0]), "%.*f", dec, v);
	if (!strcmp(t->s[t->n], "-0") || !strncmp(t->s[t->n], "-0.0", 4)) {
		/* -0.00 is zero */
		int zero = 1;

		for (const char *c = t->s[t->n] + 1; *c; c++)
			zero &= *c == '0' || *c == '.';
		if (zero)
			memmove(t->s[t->n], t->s[t->n] + 1, strlen(t->s[t->n]));
	}
	t->n++;
	return 0;
}

/* Multiples of step within [lo, hi]; on a log axis only positive ones, and always through 1.0. */
static int ticks_linear(struct ticks *t, const struct axis *a, double step, int dec)
{
	double k0 = ceil(a->lo / step - 1e-9), k1 = floor(a->hi / step + 1e-9), k;
	int one = 0;

	t->n = 0;
	if (k1 - k0 + 1 > CHART_MAX_TICKS)
		return -1;
	for (k = k0; k <= k1; k++) {
		double v = k * step;

		if (a->log && v <= 0)
			continue;
		if (fabs(v) < 1e-9 * step)
			v = 0;
		if (fabs(v - 1) < 1e-9) {
			v = 1;
			one = 1;
		}
		if (ticks_add(t, v, dec))
			return -1;
	}
	/* On a ratio axis 1.0 is the reference: only sets through it qualify. */
	return !a->log || one || !(a->lo <= 1 && 1 <= a->hi) ? 0 : -1;
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

static double label_extent(struct painter *p, enum font f, const char *s, int vertical)
{
	return vertical ? text_height(p, f, s, 0) : text_width(p, f, s);
}

/* Whether the tick labels of t stand clear of each other on this axis. */
static int ticks_fit(struct painter *p, const struct axis *a, enum font f, int vertical, const struct ticks *t)
{
	double prev_x = 0, prev_w = 0;
	size_t i;

	for (i = 0; i < t->n; i++) {
		double x = axis_pos(a, t->v[i]), w = label_extent(p, f, t->s[i], vertical);

		if (i && fabs(x - prev_x) < (w + prev_w) / 2 + (vertical ? 6 : 12))
			return 0;
		prev_x = x;
		prev_w = w;
	}
	return 1;
}

/*
 * Largest stretch of the axis without a tick, as a fraction of it: linear
 * steps on a wide log axis bunch up on one side and leave the other bare.
 */
static double ticks_gap(const struct axis *a, const struct ticks *t)
{
	double lo = a->log ? log(a->lo) : a->lo, hi = a->log ? log(a->hi) : a->hi;
	double prev = lo, gap = 0;
	size_t i;

	for (i = 0; i < t->n; i++) {
		double v = a->log ? log(t->v[i]) : t->v[i];

		gap = fmax(gap, v - prev);
		prev = v;
	}
	gap = fmax(gap, hi - prev);
	return gap / (hi - lo);
}

static double ticks_score(const struct axis *a, const struct ticks *t, double target)
{
	return fabs((double)t->n - target) + (t->n < 3 ? 3 : 0) + fmax(0, ticks_gap(a, t) - 0.3) * 20;
}

void axis_ticks(struct painter *p, struct axis *a, enum font f, int vertical, const char *unit)
{
	static const double m_lin[] = { 1, 2, 2.5, 5 };
	static const double log1[] = { 1 }, log125[] = { 1, 2, 5 },
		log1235[] = { 1, 2, 3, 5 }, logfine[] = { 1, 1.5, 2, 3, 5, 7 };
	static const struct { const double *m; size_t n; } logs[] = {
		{ logfine, 6 }, { log1235, 4 }, { log125, 3 }, { log1, 1 },
	};
	double best = INFINITY, target = vertical ? 5 : TARGET_TICKS;
	struct ticks t, fallback = { 0 };
	int e, e0;
	size_t i;

	a->ticks.n = 0;
	if (!(a->hi > a->lo) || !isfinite(a->lo) || !isfinite(a->hi) || (a->log && a->lo <= 0))
		return;
	e0 = (int)floor(log10(a->hi - a->lo)) - 2;
	for (e = e0; e <= e0 + 4; e++) {
		for (i = 0; i < sizeof(m_lin) / sizeof(m_lin[0]); i++) {
			double step = m_lin[i] * pow(10, e), score;
			int dec = (e < 0 ? -e : 0) + (m_lin[i] == 2.5 && e <= 0);

			if (ticks_linear(&t, a, step, dec) || t.n < 2)
				continue;
			if (!fallback.n || t.n < fallback.n)
				fallback = t;
			if (!ticks_fit(p, a, f, vertical, &t))
				continue;
			/* Steps of 2.5 give labels like "0.975": they win only when nothing else is close. */
			score = ticks_score(a, &t, target) + (m_lin[i] == 2.5 ? 1.5 : 0);
			if (score < best) {
				best = score;
				a->ticks = t;
			}
		}
	}
	for (i = 0; a->log && i < sizeof(logs) / sizeof(logs[0]); i++) {
		double score;

		if (ticks_log(&t, logs[i].m, logs[i].n, a->lo, a->hi) || t.n < 2)
			continue;
		if (!fallback.n || t.n < fallback.n)
			fallback = t;
		if (!ticks_fit(p, a, f, vertical, &t))
			continue;
		score = ticks_score(a, &t, target);
		if (score < best) {
			best = score;
			a->ticks = t;
		}
	}
	/* Nothing fits (absurd ranges): the caller skips colliding labels. */
	if (!a->ticks.n)
		a->ticks = fallback;
	if (!a->ticks.n && a->log && a->lo <= 1 && 1 <= a->hi)
		ticks_add(&a->ticks, 1.0, 1);
	if (unit && *unit && a->ticks.n) {
		char *last = a->ticks.s[a->ticks.n - 1];
		size_t len = strlen(last);

		snprintf(last + len, sizeof(a->ticks.s[0]) - len, " %s", unit);
	}
}

/* ---- legend and notes ---- */

#define SYM_W 22.0
#define LEGEND_LINE 18.0

double legend_flow(struct painter *p, const struct legend_item *items, size_t n, double x0, double y0, double maxw,
		   int draw)
{
	double x = x0, y = y0, lh = LEGEND_LINE;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct legend_item *it = &items[i];
		enum font f = it->bold ? F_LEGEND : F_SMALL;
		double w = SYM_W + 5 + text_width(p, f, it->text), cy;

		if (x > x0 && (it->new_line || x + w > x0 + maxw)) {
			x = x0;
			y += lh + 4;
		}
		if (draw) {
			cy = y + lh / 2;
			switch (it->kind) {
			case L_SERIES:
				whisker_draw(p->cr, x + 1, x + SYM_W - 1, cy, CHART_CAP_H - 1, it->colour);
				marker_draw(p->cr, it->shape, x + SYM_W / 2, cy, CHART_MARKER_R, it->colour, it->verdict);
				break;
			case L_MARKER:
				marker_draw(p->cr, it->shape, x + SYM_W / 2, cy, CHART_MARKER_R, it->colour, it->verdict);
				break;
			case L_CI:
				whisker_draw(p->cr, x + 2, x + SYM_W - 2, cy, CHART_CAP_H, it->colour);
				break;
			case L_SWATCH:
				ink_alpha(p->cr, it->colour, 0.35);
				cairo_rectangle(p->cr, x + 2, cy - 6, SYM_W - 4, 12);
				cairo_fill_preserve(p->cr);
				ink(p->cr, it->colour);
				cairo_set_line_width(p->cr, 1);
				cairo_stroke(p->cr);
				break;
			case L_LINE:
				ink(p->cr, it->colour);
				cairo_set_line_width(p->cr, 2);
				cairo_move_to(p->cr, x, cy);
				cairo_line_to(p->cr, x + SYM_W, cy);
				cairo_stroke(p->cr);
				marker_draw(p->cr, it->shape, x + SYM_W / 2, cy, CHART_MARKER_R, it->colour, it->verdict);
				break;
			case L_CROSS:
				cross_draw(p->cr, x + SYM_W / 2, cy, 3.5, it->colour);
				break;
			}
			ink(p->cr, it->bold ? C_INK : C_TEXT);
			text_at(p, f, it->text, x + SYM_W + 5, cy, 0, 0.5);
		}
		x += w + 20;
	}
	return y + lh - y0;
}

double note_box(struct painter *p, const char *s, double x, double y, double w, int draw)
{
	double pad = 8, h = text_height(p, F_NOTE, s, w - 2 * pad - 4) + 2 * pad;

	if (draw) {
		ink(p->cr, C_NOTE_BG);
		cairo_rectangle(p->cr, x, y, w, h);
		cairo_fill(p->cr);
		ink(p->cr, C_NOTE_EDGE);
		cairo_rectangle(p->cr, x, y, 4, h);
		cairo_fill(p->cr);
		ink(p->cr, C_INK);
		text_block(p, F_NOTE, s, x + pad + 4, y + pad, w - 2 * pad - 4);
	}
	return h;
}

/* ---- writing ---- */

struct c_locale {
	locale_t loc, old;
};

/* Tick and value labels must say "0.95" even under a German locale. */
static void c_locale_enter(struct c_locale *c)
{
	c->old = (locale_t)0;
	c->loc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (c->loc)
		c->old = uselocale(c->loc);
}

static void c_locale_leave(struct c_locale *c)
{
	if (c->loc) {
		uselocale(c->old);
		freelocale(c->loc);
	}
}

void drawing_size(const struct drawing *d, double *w, double *h)
{
	cairo_surface_t *surface;
	struct c_locale loc;
	struct painter p;
	cairo_t *cr;

	*w = 640;
	*h = 400;
	c_locale_enter(&loc);
	/* A scratch context: unhinted metrics don't depend on the target. */
	surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1);
	cr = cairo_create(surface);
	if (!painter_init(&p, cr)) {
		d->size(d->ctx, &p, w, h);
		*w = ceil(*w);
		*h = ceil(*h);
	}
	painter_release(&p);
	cairo_destroy(cr);
	cairo_surface_destroy(surface);
	c_locale_leave(&loc);
}

int drawing_draw(const struct drawing *d, cairo_t *cr, double width, double height)
{
	struct c_locale loc;
	struct painter p;
	double w0, h0, scale;
	int ret = -1;

	if (!(width > 0 && height > 0) || !isfinite(width) || !isfinite(height))
		return error_set("chart size %gx%g is not positive", width, height);
	cairo_save(cr);
	ink(cr, C_BG);
	cairo_rectangle(cr, 0, 0, width, height);
	cairo_fill(cr);
	drawing_size(d, &w0, &h0);
	c_locale_enter(&loc);
	if (painter_init(&p, cr))
		goto out;
	scale = fmin(1.0, fmin(width / w0, height / h0));
	cairo_scale(cr, scale, scale);
	pango_cairo_update_context(cr, p.pc);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
	if (d->draw(d->ctx, &p, width / scale, height / scale) < 0)
		goto out;
	if (cairo_status(cr)) {
		error_set("cairo: %s", cairo_status_to_string(cairo_status(cr)));
		goto out;
	}
	ret = 0;
out:
	painter_release(&p);
	c_locale_leave(&loc);
	cairo_restore(cr);
	return ret;
}

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

/* Render into sink; what names the target in messages. */
static int render(const struct drawing *d, struct sink *sink, enum chart_format fmt, double w, double h,
		  const char *what)
{
	cairo_surface_t *surface = NULL;
	cairo_status_t st;
	cairo_t *cr;
	int ret = -1;

	switch (fmt) {
	case CHART_PNG:
		surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)w, (int)h);
		break;
	case CHART_SVG:
		surface = cairo_svg_surface_create_for_stream(sink_write, sink, w, h);
		cairo_svg_surface_restrict_to_version(surface, CAIRO_SVG_VERSION_1_1);
		/* Unitless sizes are pixels in browsers; say so explicitly. */
		cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PX);
		break;
	case CHART_PDF:
		surface = cairo_pdf_surface_create_for_stream(sink_write, sink, w, h);
		/* No creation date, so the same data gives the same bytes. */
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "");
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "varbench");
		if (d->title) {
			char *title = text_dup(d->title, "");

			cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title);
			g_free(title);
		}
		break;
	}
	st = cairo_surface_status(surface);
	if (st) {
		error_set("cannot write chart '%s': %s", what, cairo_status_to_string(st));
		goto out;
	}
	cr = cairo_create(surface);
	if (drawing_draw(d, cr, w, h)) {
		cairo_destroy(cr);
		error_prefix("cannot write chart '%s'", what);
		goto out;
	}
	cairo_destroy(cr);
	if (fmt == CHART_PNG)
		st = cairo_surface_write_to_png_stream(surface, sink_write, sink);
	cairo_surface_finish(surface);
	if (!st)
		st = cairo_surface_status(surface);
	if (st) {
		error_set("cannot write chart '%s': %s", what,
			  sink->err ? strerror(sink->err) : cairo_status_to_string(st));
		goto out;
	}
	ret = 0;
out:
	if (surface)
		cairo_surface_destroy(surface);
	return ret;
}

int drawing_write(const struct drawing *d, const char *path, enum chart_format fmt, double *width, double *height)
{
	struct sink sink = { NULL, 0 };
	double w, h;
	int ret;

	if (!path)
		return error_set("cannot write chart: no path");
	if (fmt != CHART_PNG && fmt != CHART_SVG && fmt != CHART_PDF)
		return error_set("cannot write chart '%s': unknown format %d", path, (int)fmt);
	drawing_size(d, &w, &h);
	if (width)
		*width = w;
	if (height)
		*height = h;
	if (fmt == CHART_PNG && (w > 32767 || h > 32767))
		return error_set("cannot write chart '%s': %.0fx%.0f is too large for PNG; "
				 "use SVG or PDF", path, w, h);
	sink.f = fopen(path, "wb");
	if (!sink.f)
		return error_set("cannot write chart '%s': %s", path, strerror(errno));
	ret = render(d, &sink, fmt, w, h, path);
	if (fclose(sink.f) && !ret)
		ret = error_set("cannot write chart '%s': %s", path, strerror(errno));
	if (ret)
		unlink(path);
	return ret;
}

int drawing_svg(const struct drawing *d, char **svg, size_t *len)
{
	struct sink sink = { NULL, 0 };
	double w, h;
	int ret;

	*svg = NULL;
	*len = 0;
	drawing_size(d, &w, &h);
	sink.f = open_memstream(svg, len);
	if (!sink.f)
		return error_set("cannot draw chart: %s", strerror(errno));
	ret = render(d, &sink, CHART_SVG, w, h, d->title ? d->title : "svg");
	if (fclose(sink.f) && !ret)
		ret = error_set("cannot draw chart: %s", strerror(errno));
	if (ret) {
		free(*svg);
		*svg = NULL;
		*len = 0;
	}
	return ret;
}
