/*
 * Every chart type (speedup, distribution, counters, trend, build cost)
 * rendered from a fixed dataset to PNG, SVG and PDF:
 *  - the PNG decodes at the size the chart reports, the same data gives
 *    the same bytes, the plot area has drawn pixels in the series'
 *    Okabe-Ito colours and the frame stays white;
 *  - the SVG parses with xmllint (skipped, said so, when it is missing);
 *  - the PDF opens with pdfinfo as one page of the right size, and the
 *    same data gives the same bytes;
 *  - degenerate inputs (no data, NaN, one point) draw without crashing.
 *
 * Set VARBENCH_TEST_KEEP=1 to keep the renders (their directory is
 * printed) for a visual review.
 */
#if !defined(_GNU_SOURCE) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L	/* mkdtemp(), popen() */
#endif

#include "chart.h"
#include "error.h"
#include "test.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>

static char dir[64];
static int keep;

/* ---- fixed datasets ---- */

static const char *const variants[] = { "release", "pgo", "pgo-lto" };
static const char caption[] = "bench-01: AMD EPYC 7763, 16 CPUs, Linux 6.1 \u00b7 CPython 3.13.1 (4f2a9c1e77d0) "
			      "\u00b7 2025-01-15 \u00b7 20 samples per variant and workload";

/* Deterministic normal deviates: a small LCG and Box-Muller. */
static uint64_t lcg = 42;

static double uniform(void)
{
	lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
	return ((double)(lcg >> 11) + 0.5) / 9007199254740992.0;
}

static double normal(double mean, double sd)
{
	return mean + sd * sqrt(-2 * log(uniform())) * cos(2 * M_PI * uniform());
}

static double dist_values[3][3][40];

static struct chart_samples dist_sets[3][3];
static struct chart_dist_group dist_groups[3];
static struct chart_distribution dist = {
	"Wall time per sample \u2014 release, pgo, pgo-lto", caption, "wall time", CHART_UNIT_SECONDS,
	variants, 3, dist_groups, 3,
};

static void dist_setup(void)
{
	static const char *const names[] = { "nbody", "scheduler (bimodal)", "startup (3 samples)" };
	static const size_t counts[] = { 40, 30, 3 };
	size_t g, v, i;

	for (g = 0; g < 3; g++) {
		for (v = 0; v < 3; v++) {
			double base = g == 0 ? 0.232 : g == 1 ? 0.319 : 0.0185, factor = 1 - 0.05 * (double)v;

			for (i = 0; i < counts[g]; i++) {
				double x = normal(base * factor, base * 0.012);

				if (g == 1 && i % 3 == 0)
					x += base * 0.06;	/* a second mode */
				if (g == 0 && i == 7 && v == 1)
					x = base * factor * 1.12;	/* an outlier */
				dist_values[g][v][i] = x;
			}
			dist_sets[g][v] = (struct chart_samples){ v, dist_values[g][v], counts[g] };
		}
		dist_groups[g] = (struct chart_dist_group){ names[g], dist_sets[g], 3 };
	}
}

static const struct chart_point pts_instr[] = { { "", 0.912, 0.905, 0.919 }, { "", 0.884, 0.879, 0.890 } };
static const struct chart_point pts_cycles[] = { { "", 0.931, 0.90, 0.96 }, { "", 0.902, 0.88, 0.93 } };
static const struct chart_point pts_ipc[] = { { "", 0.979, 0.95, 1.01 }, { "", 0.980, 0.96, 1.002 } };
static const struct chart_point pts_br[] = { { "", 0.71, 0.66, 0.77 }, { "", 0.69, 0.63, 0.74 } };
static const struct chart_point pts_clock[] = { { "", 0.934, 0.90, 0.97 }, { "", 0.915, 0.89, 0.95 } };
static const struct chart_point pts_pf[] = { { "", 1.002, 0.998, 1.006 }, { "", 0.97, 0.965, 0.975 } };

static const struct chart_counter_metric metrics[] = {
	{ "instructions", "lower is better", "release: 2.41 G", pts_instr, 2, NULL },
	{ "cycles", "lower is better", "release: 1.10 G", pts_cycles, 2, NULL },
	{ "IPC", "higher is better", "release: 2.19", pts_ipc, 2, NULL },
	{ "branch misses / 1k instructions", "lower is better", "release: 3.12", pts_br, 2, NULL },
	{ "cache misses / 1k instructions", "lower is better", NULL, NULL, 0,
	  "not counted: cache-misses is not supported by this PMU" },
	{ "task-clock", "lower is better", "release: 231 ms", pts_clock, 2, NULL },
	{ "page-faults", "lower is better", "release: 1.52 k", pts_pf, 2, NULL },
};

static const struct chart_counters counters = {
	"Counters relative to release", caption, variants, 3, metrics, 7, NULL,
};

static const struct chart_counter_metric sw_metrics[] = {
	{ "instructions", "lower is better", NULL, NULL, 0, "not counted: no hardware PMU" },
	{ "IPC", "higher is better", NULL, NULL, 0, "not counted: no hardware PMU" },
	{ "task-clock", "lower is better", "release: 231 ms", pts_clock, 2, NULL },
};

static const struct chart_counters counters_nopmu = {
	"Counters relative to release", caption, variants, 3, sw_metrics, 3,
	"No hardware PMU on bench-01 (a VM): instructions, cycles, IPC, branch and cache misses could not be "
	"counted (perf: \u201cnot supported\u201d). Only software counters are shown.",
};

#define DAY 86400.0
static const struct chart_trend_point trend_pgo[] = {
	{ 1736899200, 1.000, 0.985, 1.015 }, { 1736899200 + 2 * DAY, 0.992, 0.978, 1.006 },
	{ 1736899200 + 3 * DAY, 0.961, 0.948, 0.975 }, { 1736899200 + 7 * DAY, 0.958, 0.944, 0.970 },
	{ 1736899200 + 9 * DAY, 0.934, 0.921, 0.948 },
};
static const struct chart_trend_point trend_lto[] = {
	{ 1736899200, 1.000, 0.982, 1.018 }, { 1736899200 + 2 * DAY, 0.985, 0.97, 1.0 },
	{ 1736899200 + 3 * DAY, 0.95, 0.935, 0.966 }, { 1736899200 + 7 * DAY, 0.94, 0.925, 0.955 },
	{ 1736899200 + 9 * DAY, 0.921, 0.905, 0.937 },
};
static const struct chart_trend_series trend_series[] = {
	{ 1, "pgo", trend_pgo, 5 }, { 2, "pgo-lto", trend_lto, 5 },
};
static const struct chart_trend trend_date = {
	"pgo and pgo-lto over time \u2014 wall time", caption,
	"wall time relative to the first campaign", NULL, 1, 1, 1.0, NULL, 0, trend_series, 2,
};

static const struct chart_trend_point trend_pgo_cols[] = {
	{ 0, 1.000, 0.985, 1.015 }, { 1, 0.992, 0.978, 1.006 }, { 2, 0.961, 0.948, 0.975 },
	{ 3, 0.958, 0.944, 0.970 }, { 4, 0.934, 0.921, 0.948 },
};
static const struct chart_trend_series trend_series_cols[] = { { 1, "pgo", trend_pgo_cols, 5 } };
static const char *const trend_labels[] = {
	"3.13.0 (a1b2c3d4)", "3.13.1 (4f2a9c1e)", "3.13.2 (77aa0011)", "3.13.3 (0badcafe)", "main (deadbeef)",
};
static const struct chart_trend trend_label = {
	"pgo across releases \u2014 wall time", caption, "wall time relative to 3.13.0", NULL, 0, 1, 1.0,
	trend_labels, 5, trend_series_cols, 1,
};

static const struct chart_build_row build_rows[] = {
	{ 0, "release", 145, 401937510, 32643176, { "", NAN, NAN, NAN }, 1 },
	{ 1, "pgo", 250, 390862803, 29490944, { "", 0.934, 0.883, 0.975 }, 0 },
	{ 2, "pgo-lto", 1175, 517618129, 29891832, { "", 0.921, 0.90, 1.01 }, 0 },
};
static const struct chart_buildcost buildcost = {
	"What each build costs and buys", caption, "release", build_rows, 3,
};

static const struct chart_point sp_pgo[] = {
	{ "nbody", 0.927, 0.870, 1.01 }, { "scheduler", 0.911, 0.824, 0.982 }, { "strdict", 0.966, 0.848, 1.04 },
};
static const struct chart_series sp_series[] = { { "pgo", sp_pgo, 3, { "geometric mean", 0.934, 0.883, 0.975 } } };
static const struct chart_speedup speedup = {
	"pgo vs release \u2014 wall time", "release", "wall time", caption, sp_series, 1, 1,
};

/* ---- one interface over the five charts ---- */

struct kind {
	const char *name;
	const void *chart;
	void (*size)(const void *c, double *w, double *h);
	int (*write)(const void *c, const char *path, enum chart_format fmt);
	unsigned colour;	/* a palette colour that must appear in the plot */
};

#define ADAPT(name, type)                                                                       \
	static void name##_size_(const void *c, double *w, double *h)                         \
	{                                                                                       \
		chart_##name##_size((const type *)c, w, h);                                     \
	}                                                                                       \
	static int name##_write_(const void *c, const char *path, enum chart_format fmt)      \
	{                                                                                       \
		return chart_##name##_write((const type *)c, path, fmt, NULL, NULL);            \
	}
ADAPT(distribution, struct chart_distribution)
ADAPT(counters, struct chart_counters)
ADAPT(trend, struct chart_trend)
ADAPT(buildcost, struct chart_buildcost)

static void speedup_size_(const void *c, double *w, double *h)
{
	chart_speedup_size(c, w, h);
}

static int speedup_write_(const void *c, const char *path, enum chart_format fmt)
{
	return chart_speedup_write(c, path, fmt);
}

static const struct kind kinds[] = {
	{ "speedup", &speedup, speedup_size_, speedup_write_, 0xd55e00 },
	{ "distribution", &dist, distribution_size_, distribution_write_, 0xd55e00 },
	{ "counters", &counters, counters_size_, counters_write_, 0xd55e00 },
	{ "counters-nopmu", &counters_nopmu, counters_size_, counters_write_, 0x009e73 },
	{ "trend-date", &trend_date, trend_size_, trend_write_, 0x009e73 },
	{ "trend-label", &trend_label, trend_size_, trend_write_, 0xd55e00 },
	{ "buildcost", &buildcost, buildcost_size_, buildcost_write_, 0x009e73 },
};

/* ---- checks ---- */

static void path_of(char *buf, size_t len, const char *name, const char *ext)
{
	snprintf(buf, len, "%s/%s.%s", dir, name, ext);
}

static int have_program(const char *name)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", name);
	return system(cmd) == 0;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	*len = 0;
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) == (size_t)n) {
			buf[n] = '\0';
			*len = (size_t)n;
		} else {
			free(buf);
			buf = NULL;
		}
	}
	fclose(f);
	return buf;
}

static int same_bytes(const char *a, const char *b)
{
	size_t la, lb;
	char *x = slurp(a, &la), *y = slurp(b, &lb);
	int same = x && y && la == lb && la > 0 && memcmp(x, y, la) == 0;

	free(x);
	free(y);
	return same;
}

static void check_png(const struct kind *k)
{
	char p1[160], p2[160];
	cairo_surface_t *img;
	double w, h;
	int iw, ih, stride, x, y, drawn = 0, colour = 0;
	unsigned char *data;

	k->size(k->chart, &w, &h);
	CHECK(w >= 600 && h >= 200 && w == ceil(w) && h == ceil(h));
	path_of(p1, sizeof(p1), k->name, "png");
	path_of(p2, sizeof(p2), k->name, "again.png");
	CHECK(k->write(k->chart, p1, CHART_PNG) == 0);
	CHECK(k->write(k->chart, p2, CHART_PNG) == 0);
	CHECK(same_bytes(p1, p2));
	unlink(p2);

	img = cairo_image_surface_create_from_png(p1);
	CHECK(cairo_surface_status(img) == CAIRO_STATUS_SUCCESS);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(img);
		return;
	}
	iw = cairo_image_surface_get_width(img);
	ih = cairo_image_surface_get_height(img);
	CHECK(iw == (int)w && ih == (int)h);
	cairo_surface_flush(img);
	data = cairo_image_surface_get_data(img);
	stride = cairo_image_surface_get_stride(img);
	/* The plot area: right of the label column, between legend and axis. */
	for (y = ih / 4; y < ih * 3 / 4; y++)
		for (x = iw / 4; x < iw - 24; x++) {
			uint32_t px = *(uint32_t *)(data + (size_t)y * stride + (size_t)x * 4) & 0xffffff;

			drawn += px != 0xffffff;
			colour += px == k->colour;
		}
	if (drawn <= 500 || !colour)
		fprintf(stderr, "%s.png: %d drawn pixels, %d in #%06x\n", k->name, drawn, colour, k->colour);
	CHECK(drawn > 500);
	CHECK(colour > 0);
	/* Nothing is drawn to the edge. */
	CHECK((*(uint32_t *)data & 0xffffff) == 0xffffff);
	CHECK((*(uint32_t *)(data + (size_t)(ih - 1) * stride + (size_t)(iw - 1) * 4) & 0xffffff) == 0xffffff);
	cairo_surface_destroy(img);
}

static void check_svg(const struct kind *k)
{
	char p[160], cmd[256];
	size_t len;
	char *text;

	path_of(p, sizeof(p), k->name, "svg");
	CHECK(k->write(k->chart, p, CHART_SVG) == 0);
	text = slurp(p, &len);
	CHECK(text && strstr(text, "<svg") && strstr(text, "</svg>"));
	free(text);
	if (!have_program("xmllint")) {
		printf("skip: xmllint not found (apt-get install libxml2-utils), %s.svg not validated\n", k->name);
		return;
	}
	snprintf(cmd, sizeof(cmd), "xmllint --noout '%s'", p);
	CHECK(system(cmd) == 0);
}

static void check_pdf(const struct kind *k)
{
	char p[160], p2[160], cmd[256], line[256];
	double w, h, pw = 0, ph = 0;
	int pages = -1;
	FILE *f;

	path_of(p, sizeof(p), k->name, "pdf");
	path_of(p2, sizeof(p2), k->name, "again.pdf");
	CHECK(k->write(k->chart, p, CHART_PDF) == 0);
	CHECK(k->write(k->chart, p2, CHART_PDF) == 0);
	CHECK(same_bytes(p, p2));
	unlink(p2);
	if (!have_program("pdfinfo")) {
		printf("skip: pdfinfo not found (apt-get install poppler-utils), %s.pdf not validated\n", k->name);
		return;
	}
	snprintf(cmd, sizeof(cmd), "pdfinfo '%s' 2>&1", p);
	f = popen(cmd, "r");
	CHECK(f != NULL);
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "Pages:", 6))
			pages = atoi(line + 6);
		if (!strncmp(line, "Page size:", 10))
			sscanf(line + 10, "%lf x %lf", &pw, &ph);
	}
	CHECK(pclose(f) == 0);
	CHECK(pages == 1);
	k->size(k->chart, &w, &h);
	CHECK(fabs(pw - w) < 1 && fabs(ph - h) < 1);
}

static void check_svg_memory(void)
{
	char *svg = NULL;
	size_t len = 0;

	CHECK(chart_trend_svg(&trend_date, &svg, &len) == 0);
	CHECK(svg && len > 1000 && strstr(svg, "<svg") && strlen(svg) == len);
	free(svg);
	CHECK(chart_distribution_svg(&dist, &svg, &len) == 0 && len > 1000);
	free(svg);
	CHECK(chart_counters_svg(&counters, &svg, &len) == 0 && len > 1000);
	free(svg);
	CHECK(chart_buildcost_svg(&buildcost, &svg, &len) == 0 && len > 1000);
	free(svg);
	CHECK(chart_speedup_svg(&speedup, &svg, &len) == 0 && len > 1000);
	free(svg);
}

/* No data, NaN and single points draw something sensible, never crash. */
static void check_degenerate(void)
{
	static const double nan_values[] = { NAN, INFINITY, 1.0 };
	static const struct chart_samples odd_sets[] = { { 0, nan_values, 3 }, { 7, NULL, 0 } };
	static const struct chart_dist_group odd_groups[] = { { NULL, odd_sets, 2 }, { "empty", NULL, 0 } };
	static const struct chart_distribution odd_dist = { NULL, NULL, NULL, CHART_UNIT_NONE, NULL, 0, odd_groups, 2 };
	static const struct chart_distribution no_dist = { "nothing", NULL, "x", CHART_UNIT_KIB, NULL, 0, NULL, 0 };
	static const struct chart_point bad[] = { { "", NAN, NAN, NAN }, { "", -1, -2, 0 } };
	static const struct chart_counter_metric odd_metrics[] = { { NULL, NULL, NULL, bad, 5, NULL } };
	static const struct chart_counters odd_counters = { NULL, NULL, variants, 2, odd_metrics, 1, "x" };
	static const struct chart_counters no_counters = { NULL, NULL, NULL, 0, NULL, 0, NULL };
	static const struct chart_trend_point one[] = { { 1736899200, 0.97, NAN, NAN } };
	static const struct chart_trend_series one_series[] = { { 9, NULL, one, 1 } };
	static const struct chart_trend one_trend = { "one", NULL, NULL, "only one campaign so far", 1, 1, 1.0,
						       NULL, 0, one_series, 1 };
	static const struct chart_trend no_trend = { NULL, NULL, NULL, NULL, 0, 0, NAN, NULL, 3, NULL, 0 };
	static const struct chart_build_row odd_rows[] = { { 0, NULL, NAN, 0, -1, { NULL, NAN, NAN, NAN }, 0 } };
	static const struct chart_buildcost odd_cost = { NULL, NULL, NULL, odd_rows, 1 };
	static const struct chart_buildcost no_cost = { NULL, NULL, NULL, NULL, 0 };
	char p[160];

	path_of(p, sizeof(p), "odd", "png");
	CHECK(chart_distribution_write(&odd_dist, p, CHART_PNG, NULL, NULL) == 0);
	CHECK(chart_distribution_write(&no_dist, p, CHART_SVG, NULL, NULL) == 0);
	CHECK(chart_counters_write(&odd_counters, p, CHART_PNG, NULL, NULL) == 0);
	CHECK(chart_counters_write(&no_counters, p, CHART_PDF, NULL, NULL) == 0);
	CHECK(chart_trend_write(&one_trend, p, CHART_PNG, NULL, NULL) == 0);
	CHECK(chart_trend_write(&no_trend, p, CHART_PNG, NULL, NULL) == 0);
	CHECK(chart_buildcost_write(&odd_cost, p, CHART_PNG, NULL, NULL) == 0);
	CHECK(chart_buildcost_write(&no_cost, p, CHART_SVG, NULL, NULL) == 0);
	unlink(p);
	error_clear();
	CHECK(chart_trend_write(&one_trend, "/nonexistent/dir/t.png", CHART_PNG, NULL, NULL) == -1);
	CHECK(strstr(error_message(), "cannot write chart '/nonexistent/dir/t.png'") != NULL);
	CHECK(chart_buildcost_write(&buildcost, p, (enum chart_format)42, NULL, NULL) == -1);
}

int main(void)
{
	static const char *const exts[] = { "png", "svg", "pdf" };
	size_t i, e;

	keep = getenv("VARBENCH_TEST_KEEP") != NULL;
	snprintf(dir, sizeof(dir), "/tmp/varbench-charts-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	dist_setup();
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		check_png(&kinds[i]);
		check_svg(&kinds[i]);
		check_pdf(&kinds[i]);
	}
	check_svg_memory();
	check_degenerate();

	if (keep) {
		printf("kept renders in %s\n", dir);
	} else {
		char p[160];

		for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
			for (e = 0; e < 3; e++) {
				path_of(p, sizeof(p), kinds[i].name, exts[e]);
				unlink(p);
			}
		rmdir(dir);
	}
	return test_done();
}
