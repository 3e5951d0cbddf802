#ifndef VARBENCH_CHART_COMMON_H
#define VARBENCH_CHART_COMMON_H

/*
 * What every chart shares, so each chart file holds only its own layout:
 * Pango text measured without hinting (the same size on PNG, SVG and PDF),
 * the colour-blind-safe palette and marker shapes, nice ticks on linear
 * and log axes, titles, legends, captions, and one writer that turns a
 * drawing routine into PNG, SVG or PDF bytes (files or memory).
 *
 * Internal to reports/: the public chart API is chart.h.  Units are
 * "chart units" (pixels for PNG, points for PDF and SVG).  Nothing here
 * keeps state between calls; strings are borrowed.
 */

#include <stddef.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "chart.h"

#define CHART_MARGIN	24.0
#define CHART_MARKER_R	4.6
#define CHART_CAP_H	4.0
#define CHART_TICK_LEN	4.0
#define CHART_MAX_TICKS	32

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
#define C_NOTE_BG	0xfff4e0
#define C_NOTE_EDGE	0xe69f00

enum font {
	F_TITLE, F_LABEL, F_LABEL_BOLD, F_LEGEND, F_SMALL, F_SMALL_BOLD,
	F_VALUE, F_NA, F_AXIS, F_CAPTION, F_NOTE, NFONTS
};

/* Shapes are the second, colour-independent channel telling series apart. */
enum shape { S_CIRCLE, S_SQUARE, S_DIAMOND, S_TRIANGLE_UP, S_TRIANGLE_DOWN, S_HEXAGON, NSHAPES };

/* How a marker is filled: the verdict channel, readable without colour. */
enum verdict { V_NA, V_FASTER, V_SLOWER, V_UNCLEAR };

struct painter {
	cairo_t *cr;
	PangoContext *pc;
	PangoLayout *layout;
	PangoFontDescription *font[NFONTS];
};

int painter_init(struct painter *p, cairo_t *cr);
void painter_release(struct painter *p);

void ink(cairo_t *cr, unsigned hex);
void ink_alpha(cairo_t *cr, unsigned hex, double alpha);
/* Centre 1-unit lines on pixel centres so PNG rules come out crisp. */
double snap(double v);

/* Prepare the shared layout; wrap > 0 wraps at that width. */
void text_set(struct painter *p, enum font f, const char *s, double wrap);
void text_extent(struct painter *p, double *w, double *h);
double text_width(struct painter *p, enum font f, const char *s);
double text_height(struct painter *p, enum font f, const char *s, double wrap);
/*
 * Draw s with its logical box anchored at (x, y): ax/ay are 0 for the
 * left/top edge, 0.5 for the centre, 1 for the right/bottom edge.
 * Returns the width drawn.
 */
double text_at(struct painter *p, enum font f, const char *s, double x, double y, double ax, double ay);
/* Wrapped text at (x, y) top-left, width wrap; returns its height. */
double text_block(struct painter *p, enum font f, const char *s, double x, double y, double wrap);
/* Text centred vertically on y with an outline of colour bg, legible over lines. */
void text_halo(struct painter *p, enum font f, const char *s, double x, double y, double ax, unsigned bg,
	       unsigned fg);
/* Text turned 90 degrees counter-clockwise, centred on (x, y) (vertical axis titles). */
void text_vertical(struct painter *p, enum font f, const char *s, double x, double y);

/* UTF-8 copy (invalid bytes replaced), g_free()'d; NULL gives fallback's copy. */
char *text_dup(const char *s, const char *fallback);

/* Three significant digits, keeping trailing zeros ("1.00", "0.950"). */
void format_sig3(char *buf, size_t len, double v);

unsigned series_colour(size_t s);
enum shape series_shape(size_t s);
void marker_path(cairo_t *cr, enum shape shape, double x, double y, double r);
void marker_draw(cairo_t *cr, enum shape shape, double x, double y, double r, unsigned colour, enum verdict v);
void whisker_draw(cairo_t *cr, double x0, double x1, double y, double cap, unsigned colour);

/* ---- axes ---- */

struct ticks {
	size_t n;
	double v[CHART_MAX_TICKS];
	char s[CHART_MAX_TICKS][32];
};

/*
 * A value axis from data value lo to hi (lo > 0 on a log axis) drawn from
 * device coordinate p0 to p1 (p1 < p0 for a y axis growing upwards).
 */
struct axis {
	int log;
	double lo, hi;
	double p0, p1;
	struct ticks ticks;
};

double axis_pos(const struct axis *a, double v);
/*
 * Choose nice ticks for a: steps of 1, 2, 2.5 and 5 times a power of ten
 * (and 1-2-5 decades on log axes), the set nearest six ticks whose labels,
 * in font f, stand clear of each other along the axis (vertical: by their
 * height).  unit, if not NULL, is appended to the last label ("250 ms").
 */
void axis_ticks(struct painter *p, struct axis *a, enum font f, int vertical, const char *unit);
/* Add a little room around [lo, hi] (log-aware) and never a zero-width range. */
void axis_pad(struct axis *a, double fraction);

/* ---- legend ---- */

enum legend_kind {
	L_SERIES,	/* series marker over its whisker */
	L_MARKER,	/* a marker of colour and shape, filled as verdict */
	L_CI,		/* a grey whisker */
	L_SWATCH,	/* a filled box of colour (bars, bands) */
	L_LINE,		/* a line with a marker (trend series) */
	L_CROSS,	/* an outlier cross */
};

struct legend_item {
	enum legend_kind kind;
	unsigned colour;
	enum shape shape;
	enum verdict verdict;
	const char *text;
	int new_line;	/* start a new line before this item */
	int bold;	/* series names */
};

/* Flow items into lines of width maxw at (x0, y0); draws when draw is set; returns the height. */
double legend_flow(struct painter *p, const struct legend_item *items, size_t n, double x0, double y0, double maxw,
		   int draw);

/* A boxed note (no PMU, one campaign, ...) of width w at (x, y); returns its height. */
double note_box(struct painter *p, const char *s, double x, double y, double w, int draw);

/* ---- writing ---- */

/*
 * One chart: its natural size and its drawing routine, both given a
 * painter in the C numeric locale.  draw gets at least the natural size
 * (a smaller target is scaled down uniformly before it is called) and
 * returns 0 or -1 after error_set().
 */
struct drawing {
	const char *title;	/* PDF metadata; may be NULL */
	void (*size)(const void *ctx, struct painter *p, double *w, double *h);
	int (*draw)(const void *ctx, struct painter *p, double w, double h);
	const void *ctx;
};

/* Natural size, whole units. */
void drawing_size(const struct drawing *d, double *w, double *h);
/* Paint the background and the chart into cr over w x h; the context's state is restored. */
int drawing_draw(const struct drawing *d, cairo_t *cr, double w, double h);
/*
 * Write at natural size to path, replacing it; no partial file on failure.
 * *w and *h (if not NULL) get the size.  Errors read "cannot write chart
 * 'path': ...".
 */
int drawing_write(const struct drawing *d, const char *path, enum chart_format fmt, double *w, double *h);
/* The SVG document in memory (malloc'ed, NUL-terminated), for pages that inline it. */
int drawing_svg(const struct drawing *d, char **svg, size_t *len);

#endif
