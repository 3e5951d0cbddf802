#ifndef VARBENCH_REPORT_H
#define VARBENCH_REPORT_H

/*
 * The report of a campaign, as people publish it: the five charts (each
 * in the chosen chart formats), compare.txt, a self-contained index.html
 * (charts inlined as SVG, no network, no script), and on request
 * report.md (for pull requests and release notes, charts referenced by
 * file name), samples.csv (one row per sample, tidy) and report.json
 * (everything; the schema is documented in reports/README.md).
 *
 * Everything is computed from the database, never from the clock: the
 * same data gives the same bytes (index.html carries the generation time
 * only with report_opts.timestamp).
 */

#include <stdio.h>

#include "chart.h"
#include "compare.h"
#include "store.h"

enum report_doc { REPORT_MARKDOWN = 1, REPORT_CSV = 2, REPORT_JSON = 4 };

struct report_opts {
	struct compare_opts compare;	/* campaign, base, metric, threshold, seed */
	unsigned charts;		/* bits 1 << CHART_PNG/SVG/PDF; 0 means PNG */
	unsigned docs;			/* REPORT_* bits, beside index.html and compare.txt */
	const char *trend_variants;	/* comma-separated names; NULL: the campaign's variants */
	int trend_by_label;		/* campaigns evenly spaced and named, not on a time axis */
	int timestamp;			/* put the generation time into index.html */
};

/*
 * "png,svg,markdown": chart formats and documents, comma-separated, in any
 * order; "all" is every one.  -1 with a message naming the choices.
 */
int report_format_parse(const char *list, unsigned *charts, unsigned *docs);

/*
 * Write the report into dir (created if needed); one line per file on
 * out: "wrote PATH" ("wrote PATH (WxH)" for charts).  Returns 0 or -1
 * after error_set().
 */
int report_generate(struct store *s, const struct report_opts *o, const char *dir, FILE *out);

/* ---- shared by the report_*.c writers ---- */

enum report_chart_kind { RC_SPEEDUP, RC_DISTRIBUTION, RC_COUNTERS, RC_TREND, RC_BUILDCOST, RC_COUNT };

struct report_chart {
	const char *name;	/* file stem: "speedup" */
	const char *heading;	/* "Speedup" */
	char *what;		/* one or two sentences: what the chart shows */
	char *svg;		/* the SVG document, for index.html */
	size_t svg_len;
	char *file;		/* the first format's file name, relative: "speedup.png" */
	double width, height;
	int drawn;
};

struct report {
	const struct report_opts *opts;
	struct store *store;
	struct compare_result cmp;
	struct campaign_record rec;
	struct store_fact_row *facts;
	size_t nfacts;
	struct store_event_row *events;
	size_t nevents;
	struct store_variant_row *variants;
	size_t nvariants;
	struct store_workload_row *workloads;
	size_t nworkloads;
	char *title;		/* "pgo vs release" */
	char *caption;		/* machine · source · date · sample counts */
	char *samples_text;	/* "10 samples per variant and workload" */
	struct strv summary;	/* one sentence per comparison */
	struct strv warnings;	/* what makes the numbers doubtful, one sentence each */
	struct report_chart charts[RC_COUNT];
	unsigned files_docs;	/* the documents written (REPORT_* bits) */
};

/* The chart files and SVGs (report_charts.c). */
int report_draw_charts(struct report *r, const char *dir, FILE *out);

/* The documents (report_html.c, report_markdown.c, report_csv.c, report_json.c). */
int report_write_html(const struct report *r, FILE *f);
int report_write_markdown(const struct report *r, FILE *f);
int report_write_csv(const struct report *r, FILE *f);
int report_write_json(const struct report *r, FILE *f);

/* Formatting helpers (report.c). */
void report_json_string(FILE *f, const char *s);
void report_json_number(FILE *f, double v);
void report_html_text(FILE *f, const char *s);
/* A value of the metric with its unit: "232 ms", "1.52 k", "45.1 MiB"; "-" for NAN. */
void report_format_value(char *buf, size_t len, const char *metric, double v);
/* "383 MiB", "4.2 min" */
void report_format_bytes(char *buf, size_t len, double bytes);
void report_format_seconds(char *buf, size_t len, double seconds);
/* The index of a variant among the campaign's (its colour and shape in every chart), or -1. */
int report_variant_index(const struct report *r, const char *name);

#endif
