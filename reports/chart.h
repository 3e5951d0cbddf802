#ifndef VARBENCH_CHART_H
#define VARBENCH_CHART_H

#include <stddef.h>

#include <cairo.h>

/*
 * The speedup chart: a forest plot of time ratios variant/base, one row
 * per workload, meant to go into release notes and papers unedited.
 *
 * Rows are sorted by the first series' ratio (most improved first, rows
 * whose first-series ratio is unusable last), followed by the geometric
 * mean in its own separated row.  The x axis is logarithmic, so a 2x
 * speedup and a 2x slowdown are equally far from the 1.0 reference line.
 * Each series has its own Okabe-Ito colour and marker shape; the marker
 * fill tells the verdict without relying on colour: filled when the 95%
 * CI lies entirely below 1 (faster), hollow when entirely above 1
 * (slower), half-filled when it includes 1 (no clear difference).
 *
 * The chart only reads the structures below; nothing is retained after a
 * call returns, and the caller keeps ownership of every string and array.
 * Strings are UTF-8 (invalid bytes are replaced, never trusted) and are
 * drawn as plain text, never as markup.
 *
 * Output is deterministic: the same data gives the same bytes for PNG and
 * PDF (no timestamps), and SVG differs at most in cairo's internal ids
 * when several charts are drawn by one process.  Numbers are formatted in
 * the C locale whatever the process locale is.
 */

enum chart_format { CHART_PNG, CHART_SVG, CHART_PDF };

/*
 * One workload's (or the geometric mean's) time ratio variant/base with
 * its 95% CI.  ratio < 1 means the variant is faster.
 *
 * A point whose ratio is not finite and positive is not plotted; its row
 * shows "n/a" instead.  If only lo or hi is unusable (or lo > ratio or
 * hi < ratio), the marker is drawn without whiskers and counts as
 * inconclusive.
 */
struct chart_point {
	const char *label;
	double ratio, lo, hi;
};

struct chart_series {
	const char *variant;               /* e.g. "pgo" */
	const struct chart_point *points;  /* one per workload, any order */
	size_t npoints;
	struct chart_point geomean;        /* label "geometric mean" */
};

/*
 * Series are matched by point label: a workload missing from one series
 * shows "n/a" for that series.  Within one series the first point with a
 * given label wins.  Any string may be NULL (title and caption are then
 * left out).
 */
struct chart_speedup {
	const char *title;    /* "pgo vs release — wall time" */
	const char *base;     /* base variant name, shown on the 1.0 line */
	const char *metric;   /* "wall time" */
	const char *caption;  /* one line: machine, source version + digest prefix, date, sample counts */
	const struct chart_series *series;
	size_t nseries;
	/*
	 * Series s gets palette colour and marker shape first_colour + s, so
	 * a report can give each variant the same colour in every chart (the
	 * base, which has no series here, keeps colour 0).
	 */
	size_t first_colour;
};

/*
 * Draw into any cairo context of width x height user units (one routine
 * for every format).  The chart paints its own white background over the
 * whole area.  A larger area widens the plot and spreads the rows; an area
 * smaller than chart_speedup_size() reports scales the whole chart down
 * uniformly, so text is never cut.  The context's state is restored on
 * return.
 */
void chart_speedup_draw(cairo_t *cr, double width, double height,
			const struct chart_speedup *c);

/*
 * Natural size of the chart in user units (pixels for PNG, points for PDF
 * and SVG): the width fits the longest workload label next to a plot of
 * fixed width, the height grows with workloads x series.  Both values are
 * whole numbers, so chart_speedup_write() uses them unchanged.
 */
void chart_speedup_size(const struct chart_speedup *c,
			double *width, double *height);

/*
 * Write the chart at its natural size to path in the given format,
 * replacing any existing file.  Returns 0, or -1 after
 * error_set("cannot write chart 'path': ...") on failure, in which case
 * no partial file is left behind.
 */
int chart_speedup_write(const struct chart_speedup *c, const char *path,
			enum chart_format fmt);

/* The chart as an SVG document in memory (malloc'ed), for pages that inline it. */
int chart_speedup_svg(const struct chart_speedup *c, char **svg, size_t *len);

/* "png", "svg" or "pdf"; -1 with a message naming the choices otherwise. */
int chart_format_parse(const char *name, enum chart_format *fmt);
/* The file extension of a format: "png", "svg", "pdf". */
const char *chart_format_ext(enum chart_format fmt);

/*
 * The other charts follow the same rules as the speedup chart: one
 * drawing routine for every format, text through Pango, the same
 * Okabe-Ito colours and marker shapes per variant (variant i of the
 * campaign gets colour and shape i in every chart), a caption line, and
 * deterministic bytes.  Each has a _size, a _write (natural size, to a
 * file; *width and *height get the size when not NULL) and an _svg (in
 * memory) function; the caller keeps ownership of everything passed in.
 */

/* How values of a distribution are measured; the chart picks a readable scale (ms, MiB, M). */
enum chart_unit { CHART_UNIT_SECONDS, CHART_UNIT_KIB, CHART_UNIT_COUNT, CHART_UNIT_NONE };

/* ---- distribution chart ---- */

/* One variant's samples on one workload (values in any order; non-finite ones are skipped). */
struct chart_samples {
	size_t series;		/* index into chart_distribution.variants: colour and shape */
	const double *values;
	size_t n;
};

struct chart_dist_group {
	const char *label;	/* the workload */
	const struct chart_samples *sets;
	size_t nsets;
};

/*
 * Per workload, one panel with its own linear scale; in it, per variant,
 * a violin (Gaussian kernel density, Silverman's bandwidth, trimmed to the
 * range of the samples, when there are at least 4) with a box (quartiles, median, whiskers to the
 * furthest sample within 1.5 IQR) and every sample as a point, jittered
 * deterministically; samples the MAD rule flags (modified z > 3.5) are
 * crosses.  Many workloads flow into two or three columns.
 */
struct chart_distribution {
	const char *title, *caption;
	const char *quantity;	/* "wall time" */
	enum chart_unit unit;
	const char *const *variants;
	size_t nvariants;
	const struct chart_dist_group *groups;
	size_t ngroups;
};

void chart_distribution_size(const struct chart_distribution *c, double *width, double *height);
int chart_distribution_write(const struct chart_distribution *c, const char *path, enum chart_format fmt,
			     double *width, double *height);
int chart_distribution_svg(const struct chart_distribution *c, char **svg, size_t *len);

/* ---- counters chart ---- */

/*
 * One counter-based metric, per variant relative to the base: point i is
 * variant i + 1 of chart_counters.variants (variants[0] is the base), its
 * label ignored.  A metric with note set (and no usable points) shows the
 * note instead ("not counted: no PMU").
 */
struct chart_counter_metric {
	const char *name;	/* "instructions", "IPC", "branch misses / 1k instructions" */
	const char *better;	/* "lower is better", or NULL */
	const char *base_value;	/* the base's level, "2.41 G", or NULL */
	const struct chart_point *points;
	size_t npoints;
	const char *note;
};

/*
 * Rows are metrics in the order given, sub-rows variants; the x axis is
 * logarithmic around 1.0 (the base).  Markers are filled when the 95% CI
 * excludes 1, half-filled when it includes it.  no_pmu, when set, is shown
 * as a boxed note under the title (the machine had no hardware PMU, and
 * why), so a chart of software counters only cannot be mistaken for one
 * of hardware counters.
 */
struct chart_counters {
	const char *title, *caption;
	const char *const *variants;	/* [0] is the base */
	size_t nvariants;
	const struct chart_counter_metric *metrics;
	size_t nmetrics;
	const char *no_pmu;
};

void chart_counters_size(const struct chart_counters *c, double *width, double *height);
int chart_counters_write(const struct chart_counters *c, const char *path, enum chart_format fmt,
			 double *width, double *height);
int chart_counters_svg(const struct chart_counters *c, char **svg, size_t *len);

/* ---- trend chart ---- */

/* One campaign's value of one variant: x is the column (by label) or Unix seconds (by date). */
struct chart_trend_point {
	double x, value, lo, hi;	/* lo/hi NAN: no band at this point */
};

struct chart_trend_series {
	size_t series;		/* colour and shape index */
	const char *variant;
	const struct chart_trend_point *points;	/* in x order */
	size_t npoints;
};

/*
 * One metric across campaigns: per variant a line through its values with
 * the 95% CI as a translucent band, markers at the campaigns.  By date,
 * the x axis is time (ticks at round days or hours, UTC); by label, the
 * campaigns are evenly spaced and labelled with xlabels (turned when they
 * would overlap).  The y axis is logarithmic when log_y (ratios), with a
 * reference line at `reference` (NAN for none).  note, when set, is shown
 * in a box (for example "one campaign so far").
 */
struct chart_trend {
	const char *title, *caption, *y_title, *note;
	int by_date, log_y;
	double reference;
	const char *const *xlabels;	/* by label: one per column */
	size_t nx;
	const struct chart_trend_series *series;
	size_t nseries;
};

void chart_trend_size(const struct chart_trend *c, double *width, double *height);
int chart_trend_write(const struct chart_trend *c, const char *path, enum chart_format fmt,
		      double *width, double *height);
int chart_trend_svg(const struct chart_trend *c, char **svg, size_t *len);

/* ---- build cost chart ---- */

/* One variant: its build's cost and its geometric-mean time ratio to the base. */
struct chart_build_row {
	size_t series;		/* colour and shape index */
	const char *variant;
	double build_seconds;	/* NAN or <= 0: unknown (imported results) */
	double installed_bytes, binary_bytes;
	struct chart_point speedup;	/* ratio NAN for the base itself */
	int base;
};

/*
 * Three aligned panels, one row per variant: build time (minutes, bars),
 * installed size (MiB, bars, with the interpreter binary's share darker)
 * and the geometric-mean time ratio to the base with its 95% CI (log
 * scale, line at 1.0), so the price of an optimization sits beside what
 * it buys.
 */
struct chart_buildcost {
	const char *title, *caption, *base;
	const struct chart_build_row *rows;
	size_t nrows;
};

void chart_buildcost_size(const struct chart_buildcost *c, double *width, double *height);
int chart_buildcost_write(const struct chart_buildcost *c, const char *path, enum chart_format fmt,
			  double *width, double *height);
int chart_buildcost_svg(const struct chart_buildcost *c, char **svg, size_t *len);

#endif
