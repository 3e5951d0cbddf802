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

/* "png", "svg" or "pdf"; -1 with a message naming the choices otherwise. */
int chart_format_parse(const char *name, enum chart_format *fmt);

#endif
