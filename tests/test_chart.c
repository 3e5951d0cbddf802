/*
 * Renders a fixed speedup chart to PNG, SVG and PDF and checks what can be
 * checked without looking at it: sizes, colours, determinism, and that
 * external validators accept the vector files.
 *
 * Set VARBENCH_TEST_KEEP=1 to keep the rendered files (their directory is
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

/* 5 workloads, 2 series: faster, slower and straddling CIs all present. */
static const struct chart_point pgo_points[] = {
	{ "richards", 0.912, 0.897, 0.928 },	/* entirely faster */
	{ "nbody", 1.043, 1.021, 1.066 },	/* entirely slower */
	{ "json_dumps", 0.991, 0.962, 1.018 },	/* crosses 1 */
	{ "regex_compile", 0.874, 0.861, 0.889 },
	{ "deltablue", 0.957, 0.931, 0.984 },
};

/* Different order on purpose: series are matched by label. */
static const struct chart_point lto_points[] = {
	{ "deltablue", 0.938, 0.915, 0.961 },
	{ "nbody", 0.998, 0.975, 1.021 },
	{ "regex_compile", 0.851, 0.838, 0.866 },
	{ "richards", 0.889, 0.872, 0.905 },
	{ "json_dumps", 1.027, 1.009, 1.046 },
};

static const struct chart_series series[] = {
	{ "pgo", pgo_points, 5, { "geometric mean", 0.953, 0.941, 0.966 } },
	{ "pgo+lto", lto_points, 5, { "geometric mean", 0.939, 0.925, 0.952 } },
};

static const struct chart_speedup chart = {
	.title = "pgo, pgo+lto vs release \u2014 wall time",
	.base = "release",
	.metric = "wall time",
	.caption = "bench-01 (x86_64, 8 cores) \u00b7 CPython 3.13.1 src 4f2a9c1e \u00b7 "
		   "2025-01-15 \u00b7 n = 20 samples per variant and workload",
	.series = series,
	.nseries = 2,
};

static char dir[64];

static const char *path_in_dir(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "%s/%s", dir, name);
	return buf;
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

static int pixel_is(uint32_t px, unsigned rgb)
{
	return (px & 0xffffff) == rgb;
}

static void test_png(void)
{
	char p1[128], p2[128];
	cairo_surface_t *img;
	double w, h;
	int iw, ih, stride, x, y, nonwhite = 0, ndistinct = 0, blue = 0, vermillion = 0;
	uint32_t distinct[16];
	unsigned char *data;

	chart_speedup_size(&chart, &w, &h);
	CHECK(w >= 640 && h >= 200);
	CHECK(w == ceil(w) && h == ceil(h));

	CHECK(chart_speedup_write(&chart, path_in_dir(p1, sizeof(p1), "chart.png"), CHART_PNG) == 0);
	CHECK(chart_speedup_write(&chart, path_in_dir(p2, sizeof(p2), "again.png"), CHART_PNG) == 0);
	CHECK(same_bytes(p1, p2));

	img = cairo_image_surface_create_from_png(p1);
	CHECK(cairo_surface_status(img) == CAIRO_STATUS_SUCCESS);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(img);
		return;
	}
	iw = cairo_image_surface_get_width(img);
	ih = cairo_image_surface_get_height(img);
	CHECK(iw == (int)ceil(w));
	CHECK(ih == (int)ceil(h));

	/* The plot sits right of the labels and between legend and axis. */
	cairo_surface_flush(img);
	data = cairo_image_surface_get_data(img);
	stride = cairo_image_surface_get_stride(img);
	for (y = ih / 4; y < ih * 3 / 4; y++) {
		for (x = iw / 3; x < iw - 20; x++) {
			uint32_t px = *(uint32_t *)(data + (size_t)y * stride + (size_t)x * 4);
			int i;

			if (pixel_is(px, 0xffffff))
				continue;
			nonwhite++;
			blue += pixel_is(px, 0x0072b2);
			vermillion += pixel_is(px, 0xd55e00);
			for (i = 0; i < ndistinct; i++)
				if (distinct[i] == (px & 0xffffff))
					break;
			if (i == ndistinct && ndistinct < 16)
				distinct[ndistinct++] = px & 0xffffff;
		}
	}
	CHECK(nonwhite > 500);
	CHECK(ndistinct > 1);
	/* Both series' Okabe-Ito colours appear, solid inside filled markers. */
	CHECK(blue > 0);
	CHECK(vermillion > 0);
	/* The frame around the chart stays white: nothing drawn to the edge. */
	CHECK(pixel_is(*(uint32_t *)data, 0xffffff));
	CHECK(pixel_is(*(uint32_t *)(data + (size_t)(ih - 1) * stride + (size_t)(iw - 1) * 4),
		       0xffffff));
	cairo_surface_destroy(img);
	unlink(p2);
}

static void test_svg(void)
{
	char p[128], cmd[256];
	size_t len;
	char *text;

	CHECK(chart_speedup_write(&chart, path_in_dir(p, sizeof(p), "chart.svg"), CHART_SVG) == 0);
	text = slurp(p, &len);
	CHECK(text && strstr(text, "<svg"));
	free(text);
	if (!have_program("xmllint")) {
		printf("skip: xmllint not found, SVG not validated\n");
		return;
	}
	snprintf(cmd, sizeof(cmd), "xmllint --noout '%s'", p);
	CHECK(system(cmd) == 0);
}

static void test_pdf(void)
{
	char p[128], p2[128], cmd[256], line[256];
	int pages = -1;
	FILE *f;

	CHECK(chart_speedup_write(&chart, path_in_dir(p, sizeof(p), "chart.pdf"), CHART_PDF) == 0);
	CHECK(chart_speedup_write(&chart, path_in_dir(p2, sizeof(p2), "again.pdf"), CHART_PDF) == 0);
	CHECK(same_bytes(p, p2));
	unlink(p2);
	if (!have_program("pdfinfo")) {
		printf("skip: pdfinfo not found, PDF not validated\n");
		return;
	}
	snprintf(cmd, sizeof(cmd), "pdfinfo '%s' 2>&1", p);
	f = popen(cmd, "r");
	CHECK(f != NULL);
	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "Pages:", 6))
			pages = atoi(line + 6);
	CHECK(pclose(f) == 0);
	CHECK(pages == 1);
}

static void test_unwritable(void)
{
	error_clear();
	CHECK(chart_speedup_write(&chart, "/nonexistent/dir/x.png", CHART_PNG) == -1);
	CHECK(strstr(error_message(), "/nonexistent/dir/x.png") != NULL);
	CHECK(strstr(error_message(), "cannot write chart") != NULL);
	CHECK(access("/nonexistent/dir/x.png", F_OK) != 0);
}

/* Bad numbers and odd inputs draw "n/a" or nothing, never crash. */
static void test_degenerate(void)
{
	static const struct chart_point bad[] = {
		{ "nan", NAN, NAN, NAN },
		{ "zero", 0, 0, 0 },
		{ "negative", -1.2, -1.5, -1.0 },
		{ "infinite", INFINITY, 1, INFINITY },
		{ "no ci", 1.05, NAN, 1.1 },
		{ NULL, 0.9, 0.8, 1.0 },
		{ "bad utf-8 \xff\xfe", 0.97, 0.95, 0.99 },
	};
	static const struct chart_series s[] = {
		{ "odd", bad, 7, { NULL, NAN, NAN, NAN } },
	};
	struct chart_speedup c = { NULL, NULL, NULL, NULL, s, 1, 0 };
	struct chart_speedup none = { "nothing", "base", "wall time", "no data", NULL, 0, 0 };
	char p[128];
	cairo_surface_t *img;
	cairo_t *cr;
	double w, h;

	CHECK(chart_speedup_write(&c, path_in_dir(p, sizeof(p), "odd.png"), CHART_PNG) == 0);
	unlink(p);
	CHECK(chart_speedup_write(&none, path_in_dir(p, sizeof(p), "none.svg"), CHART_SVG) == 0);
	unlink(p);
	CHECK(chart_speedup_write(&chart, path_in_dir(p, sizeof(p), "bad.fmt"), (enum chart_format)42) == -1);

	/* Drawing into a smaller area than asked for scales down, no cut. */
	chart_speedup_size(&chart, &w, &h);
	img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 300, 200);
	cr = cairo_create(img);
	chart_speedup_draw(cr, 300, 200, &chart);
	chart_speedup_draw(cr, 0, 0, &chart);
	CHECK(cairo_status(cr) == CAIRO_STATUS_SUCCESS);
	cairo_destroy(cr);
	cairo_surface_destroy(img);
}

int main(void)
{
	char p[128];

	snprintf(dir, sizeof(dir), "/tmp/varbench-chart-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	test_png();
	test_svg();
	test_pdf();
	test_unwritable();
	test_degenerate();

	if (getenv("VARBENCH_TEST_KEEP")) {
		printf("kept renders in %s\n", dir);
	} else {
		unlink(path_in_dir(p, sizeof(p), "chart.png"));
		unlink(path_in_dir(p, sizeof(p), "chart.svg"));
		unlink(path_in_dir(p, sizeof(p), "chart.pdf"));
		rmdir(dir);
	}
	return test_done();
}
