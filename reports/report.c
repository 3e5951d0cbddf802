/*
 * The report of a campaign: gather everything the database knows about it,
 * say what makes the numbers doubtful, then hand the same model to the
 * chart builder and to each document writer.
 */
#include "report.h"
#include "error.h"
#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- formatting helpers ---- */

void report_json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

void report_json_number(FILE *f, double v)
{
	if (isfinite(v))
		fprintf(f, "%.17g", v);
	else
		fputs("null", f);
}

void report_html_text(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default: fputc(*s, f);
		}
	}
}

static void sig3(char *buf, size_t len, double v, const char *unit)
{
	double a = fabs(v);

	if (a >= 100 || a == 0)
		snprintf(buf, len, "%.0f%s%s", v, *unit ? " " : "", unit);
	else if (a >= 10)
		snprintf(buf, len, "%.1f%s%s", v, *unit ? " " : "", unit);
	else
		snprintf(buf, len, "%.3g%s%s", v, *unit ? " " : "", unit);
}

void report_format_seconds(char *buf, size_t len, double s)
{
	if (!isfinite(s))
		snprintf(buf, len, "-");
	else if (s >= 120)
		sig3(buf, len, s / 60, "min");
	else if (s >= 0.9995)
		sig3(buf, len, s, "s");
	else if (s >= 0.9995e-3)
		sig3(buf, len, s * 1e3, "ms");
	else if (s >= 0.9995e-6)
		sig3(buf, len, s * 1e6, "\u00b5s");
	else
		sig3(buf, len, s * 1e9, "ns");
}

void report_format_bytes(char *buf, size_t len, double b)
{
	if (!isfinite(b) || b < 0)
		snprintf(buf, len, "-");
	else if (b >= 1024.0 * 1024 * 1024)
		sig3(buf, len, b / 1024 / 1024 / 1024, "GiB");
	else if (b >= 1024.0 * 1024)
		sig3(buf, len, b / 1024 / 1024, "MiB");
	else if (b >= 1024)
		sig3(buf, len, b / 1024, "KiB");
	else
		sig3(buf, len, b, "B");
}

static void format_count(char *buf, size_t len, double v)
{
	static const struct { double scale; const char *unit; } units[] = {
		{ 1e12, "T" }, { 1e9, "G" }, { 1e6, "M" }, { 1e3, "k" },
	};

	for (size_t i = 0; i < sizeof(units) / sizeof(*units); i++)
		if (fabs(v) >= 0.9995 * units[i].scale) {
			sig3(buf, len, v / units[i].scale, units[i].unit);
			return;
		}
	sig3(buf, len, v, "");
}

void report_format_value(char *buf, size_t len, const char *metric, double v)
{
	if (!isfinite(v))
		snprintf(buf, len, "-");
	else if (!strcmp(metric, "wall") || !strcmp(metric, "user") || !strcmp(metric, "sys"))
		report_format_seconds(buf, len, v);
	else if (!strcmp(metric, "task-clock") || !strcmp(metric, "cpu-clock"))
		report_format_seconds(buf, len, v / 1e9);
	else if (!strcmp(metric, "maxrss"))
		report_format_bytes(buf, len, v * 1024);
	else if (!strcmp(metric, "ipc"))
		snprintf(buf, len, "%.3g", v);
	else
		format_count(buf, len, v);
}

int report_variant_index(const struct report *r, const char *name)
{
	for (size_t i = 0; i < r->cmp.summary.variants.n; i++)
		if (!strcmp(r->cmp.summary.variants.v[i], name))
			return (int)i;
	return -1;
}

int report_format_parse(const char *list, unsigned *charts, unsigned *docs)
{
	static const struct { const char *name; unsigned chart, doc; } names[] = {
		{ "png", 1u << CHART_PNG, 0 }, { "svg", 1u << CHART_SVG, 0 }, { "pdf", 1u << CHART_PDF, 0 },
		{ "markdown", 0, REPORT_MARKDOWN }, { "md", 0, REPORT_MARKDOWN }, { "csv", 0, REPORT_CSV },
		{ "json", 0, REPORT_JSON },
		{ "all", 1u << CHART_PNG | 1u << CHART_SVG | 1u << CHART_PDF,
		  REPORT_MARKDOWN | REPORT_CSV | REPORT_JSON },
	};
	const char *p = list, *end;

	*charts = 0;
	*docs = 0;
	for (; *p; p = *end ? end + 1 : end) {
		size_t len, i;

		end = strchr(p, ',');
		if (!end)
			end = p + strlen(p);
		len = (size_t)(end - p);
		for (i = 0; i < sizeof(names) / sizeof(*names); i++)
			if (strlen(names[i].name) == len && !strncmp(p, names[i].name, len))
				break;
		if (i == sizeof(names) / sizeof(*names))
			return error_set("--format: unknown chart format '%.*s' (charts: png, svg, pdf; documents: "
					 "markdown, csv, json; or all)", (int)len, p);
		*charts |= names[i].chart;
		*docs |= names[i].doc;
	}
	if (!*charts && !*docs)
		return error_set("--format: '%s' names no format", list);
	return 0;
}

/* ---- the model ---- */

static void report_release(struct report *r)
{
	compare_result_release(&r->cmp);
	campaign_record_release(&r->rec);
	store_fact_rows_free(r->facts, r->nfacts);
	store_event_rows_free(r->events, r->nevents);
	store_variant_rows_free(r->variants, r->nvariants);
	store_workload_rows_free(r->workloads, r->nworkloads);
	free(r->title);
	free(r->caption);
	free(r->samples_text);
	strv_release(&r->summary);
	strv_release(&r->warnings);
	for (int i = 0; i < RC_COUNT; i++) {
		free(r->charts[i].what);
		free(r->charts[i].svg);
		free(r->charts[i].file);
	}
	memset(r, 0, sizeof(*r));
}

static int metric_is_time(const char *metric)
{
	return !strcmp(metric, "wall") || !strcmp(metric, "user") || !strcmp(metric, "sys") ||
	       !strcmp(metric, "task-clock") || !strcmp(metric, "cpu-clock");
}

/* "10 samples per variant and workload" or "8 to 30 samples per ..." */
static char *samples_text(const struct compare_result *c)
{
	size_t lo = (size_t)-1, hi = 0;

	for (size_t i = 0; i < c->ncells; i++) {
		if (c->cells[i].n < lo)
			lo = c->cells[i].n;
		if (c->cells[i].n > hi)
			hi = c->cells[i].n;
	}
	if (!c->ncells)
		return xstrdup("no samples");
	if (lo == hi)
		return xasprintf("%zu sample%s per variant and workload", lo, lo == 1 ? "" : "s");
	return xasprintf("%zu to %zu samples per variant and workload", lo, hi);
}

/* One sentence per comparison, the headline of the report. */
static void summarize(struct report *r)
{
	const struct compare_result *c = &r->cmp;
	size_t per = c->ngeomeans ? c->nrows / c->ngeomeans : 0;
	int time = metric_is_time(c->metric);

	for (size_t g = 0; g < c->ngeomeans; g++) {
		const struct compare_geomean *gm = &c->geomeans[g];
		size_t counts[5] = { 0, 0, 0, 0, 0 };
		char tally[256] = "", lo[16], hi[16], est[16];
		const char *word;
		size_t len = 0;

		for (size_t i = 0; i < per; i++)
			counts[c->rows[g * per + i].verdict_code]++;
		for (int v = COMPARE_LOWER; v <= COMPARE_NOISY; v++)
			if (counts[v])
				len += (size_t)snprintf(tally + len, sizeof(tally) - len, "%s%zu %s", len ? ", " : "",
							counts[v], compare_verdict_name((enum compare_verdict)v,
											c->metric));
		if (counts[COMPARE_NO_DATA])
			snprintf(tally + len, sizeof(tally) - len, "%s%zu without data", len ? ", " : "",
				 counts[COMPARE_NO_DATA]);
		if (!gm->valid) {
			strv_pushf(&r->summary, "%s vs %s: no workload has usable samples on both sides.", gm->variant,
				   gm->base);
			continue;
		}
		snprintf(est, sizeof(est), "%.3f", gm->ratio.estimate);
		snprintf(lo, sizeof(lo), "%.3f", gm->ratio.lo);
		snprintf(hi, sizeof(hi), "%.3f", gm->ratio.hi);
		if (gm->ratio.hi < 1 || gm->ratio.lo > 1) {
			double pct = fabs(1 - gm->ratio.estimate) * 100;

			word = gm->ratio.hi < 1 ? compare_verdict_name(COMPARE_LOWER, c->metric)
						: compare_verdict_name(COMPARE_HIGHER, c->metric);
			strv_pushf(&r->summary, "%s is %.1f%% %s than %s on %s%s: geometric mean of the ratios %s "
				   "(95%% CI %s to %s) over %zu workload%s; per workload: %s.", gm->variant, pct, word,
				   gm->base, c->metric, time ? " time" : "", est, lo, hi, gm->workloads,
				   gm->workloads == 1 ? "" : "s", tally[0] ? tally : "none");
		} else {
			strv_pushf(&r->summary, "%s vs %s on %s%s: no clear difference, geometric mean of the ratios %s "
				   "(95%% CI %s to %s, which includes 1) over %zu workload%s; per workload: %s.",
				   gm->variant, gm->base, c->metric, time ? " time" : "", est, lo, hi, gm->workloads,
				   gm->workloads == 1 ? "" : "s", tally[0] ? tally : "none");
		}
	}
}

/* Everything that makes the numbers doubtful, worst first. */
static void find_warnings(struct report *r)
{
	const struct compare_result *c = &r->cmp;
	const struct campaign_summary *cs = &c->summary;

	if (strcmp(cs->status, "complete"))
		strv_pushf(&r->warnings, "The campaign is %s: %ld of %ld planned samples were stored.", cs->status,
			   cs->taken, cs->planned);
	if (!strcmp(r->rec.meter, "pyperf"))
		strv_pushf(&r->warnings, "These results were imported from pyperf files: there is no varbench build "
			   "behind them (no build time or size), user and sys times and max RSS were not measured, "
			   "and the samples are pyperf's values (seconds per loop).");
	if (c->no_data[0])
		strv_pushf(&r->warnings, "No data: %s.", c->no_data);
	if (c->base_bad)
		strv_pushf(&r->warnings, "Correctness: the base %s has %ld failed or wrong-output sample%s, left out "
			   "of every statistic.", c->base, c->base_bad, c->base_bad == 1 ? "" : "s");
	for (size_t i = 0; i < c->nrows; i++) {
		const struct compare_row *row = &c->rows[i];

		if (row->bad)
			strv_pushf(&r->warnings, "Correctness: %ld sample%s of %s on %s failed or printed the wrong "
				   "output (%s); left out of every statistic.", row->bad, row->bad == 1 ? "" : "s",
				   row->variant, row->workload, row->bad_what);
	}
	if (!r->rec.machine.pmu && strcmp(r->rec.meter, "pyperf")) {
		struct strv hw = STRV_INIT;
		char *list;

		for (size_t i = 0; i < r->nevents; i++)
			if (!r->events[i].supported)
				strv_pushf(&hw, "%s (%s)", r->events[i].name,
					   r->events[i].reason[0] ? r->events[i].reason : "not supported");
		list = strv_join(&hw, "; ");
		strv_pushf(&r->warnings, "No hardware PMU on %s (%s): instructions, cycles, IPC, branch and cache "
			   "misses cannot be counted on this machine, so the counters chart shows software counters "
			   "only; times are unaffected.%s%s", r->rec.machine.hostname, r->rec.machine.cpu_model,
			   hw.n ? " Not counted: " : "", hw.n ? list : "");
		free(list);
		strv_release(&hw);
	} else {
		for (size_t i = 0; i < r->nevents; i++)
			if (!r->events[i].supported)
				strv_pushf(&r->warnings, "Event %s was not counted: %s.", r->events[i].name,
					   r->events[i].reason[0] ? r->events[i].reason : "not supported");
	}
	for (size_t i = 0; i < c->nrows; i++) {
		const struct compare_row *row = &c->rows[i];

		if (row->verdict_code != COMPARE_NOISY)
			continue;
		strv_pushf(&r->warnings, "Noisy: %s vs %s on %s cannot be told yet (ratio %.3f, 95%% CI %.3f to %.3f); "
			   "about %lu samples per side would tell.", row->variant, row->base, row->workload,
			   row->ratio.estimate, row->ratio.lo, row->ratio.hi, row->need);
	}
	{
		char line[2048] = "";
		size_t len = 0, n = 0;

		for (size_t i = 0; i < c->ncells; i++) {
			const struct compare_cell *cell = &c->cells[i];

			if (cell->s.n < 3 || fabs(cell->s.cv) <= 0.05 || len >= sizeof(line))
				continue;
			len += (size_t)snprintf(line + len, sizeof(line) - len, "%s%s on %s %.1f%%", n++ ? ", " : "",
						cell->side, cell->workload, 100 * fabs(cell->s.cv));
		}
		if (n)
			strv_pushf(&r->warnings, "Spread: %s sample%s vary by more than 5%% (coefficient of variation): "
				   "%s. The distribution chart shows whether it is noise, modes or outliers.",
				   n == 1 ? "one cell's" : "these cells'", n == 1 ? "" : "s", line);
	}
	if (r->rec.target_ci > 0) {
		for (size_t i = 0; i < c->nrows; i++) {
			const struct compare_row *row = &c->rows[i];
			double half;

			if (!row->valid)
				continue;
			half = fmax(row->ratio.hi - row->ratio.estimate, row->ratio.estimate - row->ratio.lo) /
			       row->ratio.estimate;
			if (half > r->rec.target_ci)
				strv_pushf(&r->warnings, "Not converged: %s vs %s on %s reached a 95%% CI of \u00b1%.1f%% "
					   "(target \u00b1%.1f%%) after %zu and %zu samples.", row->variant, row->base,
					   row->workload, 100 * half, 100 * r->rec.target_ci, row->n_base,
					   row->n_variant);
		}
	}
	for (size_t i = 0; i < r->nfacts; i++) {
		const struct store_fact_row *fact = &r->facts[i];
		size_t len = strlen(fact->value);

		if (strcmp(fact->verdict, "warning") && strcmp(fact->verdict, "problem"))
			continue;
		/* The PMU has its own warning above. */
		if (!r->rec.machine.pmu && !strcmp(fact->name, "PMU"))
			continue;
		strv_pushf(&r->warnings, "Machine %s: %s: %s%s", fact->verdict, fact->name, fact->value,
			   len && strchr(".?!", fact->value[len - 1]) ? "" : ".");
	}
	for (size_t i = 0; i < c->warnings.n; i++)
		strv_pushf(&r->warnings, "%c%s.", c->warnings.v[i][0] >= 'a' && c->warnings.v[i][0] <= 'z'
			   ? c->warnings.v[i][0] - 'a' + 'A' : c->warnings.v[i][0], c->warnings.v[i] + 1);
}

static int report_load(struct report *r, struct store *s, const struct report_opts *o)
{
	const struct campaign_summary *cs;
	char date[16];

	memset(r, 0, sizeof(*r));
	r->opts = o;
	r->store = s;
	if (compare_campaign(s, &o->compare, &r->cmp) < 0)
		return -1;
	cs = &r->cmp.summary;
	if (store_campaign_record(s, cs->id, &r->rec) < 0 ||
	    store_campaign_fact_rows(s, cs->id, &r->facts, &r->nfacts) < 0 ||
	    store_campaign_event_rows(s, cs->id, &r->events, &r->nevents) < 0 ||
	    store_campaign_variant_rows(s, cs->id, &r->variants, &r->nvariants) < 0 ||
	    store_campaign_workload_rows(s, cs->id, &r->workloads, &r->nworkloads) < 0)
		return -1;
	{
		struct strv names = STRV_INIT;
		char *list;

		for (size_t g = 0; g < r->cmp.ngeomeans; g++)
			strv_push(&names, r->cmp.geomeans[g].variant);
		list = strv_join(&names, ", ");
		if (strlen(list) <= 48)
			r->title = xasprintf("%s vs %s", list, r->cmp.base);
		else
			r->title = xasprintf("%zu variants vs %s", r->cmp.ngeomeans, r->cmp.base);
		free(list);
		strv_release(&names);
	}
	r->samples_text = samples_text(&r->cmp);
	snprintf(date, sizeof(date), "%.10s", cs->started);
	r->caption = xasprintf("%s \u00b7 CPython %s \u00b7 campaign %lld, %s \u00b7 %s", cs->machine,
			       cs->source[0] ? cs->source : "(unknown source)", (long long)cs->id, date,
			       r->samples_text);
	summarize(r);
	find_warnings(r);
	return 0;
}

/* ---- writing ---- */

static int write_doc(const struct report *r, const char *dir, const char *name,
		     int (*writer)(const struct report *, FILE *), FILE *out)
{
	char *path = path_join(dir, name), *tmp = xasprintf("%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	int ret = -1;

	if (!f) {
		error_set("cannot write '%s': %s", path, strerror(errno));
		goto out;
	}
	if (writer(r, f) < 0) {
		fclose(f);
		unlink(tmp);
		error_prefix("cannot write '%s'", path);
		goto out;
	}
	if (ferror(f) | fclose(f)) {
		error_set("cannot write '%s': %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	if (rename(tmp, path) < 0) {
		error_set("cannot write '%s': %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	fprintf(out, "wrote %s\n", path);
	ret = 0;
out:
	free(path);
	free(tmp);
	return ret;
}

static int write_compare_text(const struct report *r, FILE *f)
{
	compare_print_text(&r->cmp, f);
	return 0;
}

int report_generate(struct store *s, const struct report_opts *o, const char *dir, FILE *out)
{
	struct report r;
	int ret = -1;

	if (report_load(&r, s, o) < 0)
		goto out;
	if (mkdir_p(dir) < 0)
		goto out;
	if (report_draw_charts(&r, dir, out) < 0)
		goto out;
	r.files_docs = o->docs;
	if (write_doc(&r, dir, "compare.txt", write_compare_text, out) < 0)
		goto out;
	if ((o->docs & REPORT_MARKDOWN) && write_doc(&r, dir, "report.md", report_write_markdown, out) < 0)
		goto out;
	if ((o->docs & REPORT_CSV) && write_doc(&r, dir, "samples.csv", report_write_csv, out) < 0)
		goto out;
	if ((o->docs & REPORT_JSON) && write_doc(&r, dir, "report.json", report_write_json, out) < 0)
		goto out;
	if (write_doc(&r, dir, "index.html", report_write_html, out) < 0)
		goto out;
	ret = 0;
out:
	report_release(&r);
	return ret;
}
