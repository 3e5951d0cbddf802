/*
 * index.html: one self-contained page.  The charts are inlined as SVG
 * (their ids prefixed so several can share the page), the style sheet is
 * inline, there is no script, and nothing refers to the network: the page
 * renders the same from a mail attachment, an artifact store or a laptop
 * on a plane.
 */
#include "report.h"
#include "util.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char style[] =
	":root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--blue:#0072b2;--verm:#b34700;"
	"--amber:#8a5a00;--warnbg:#fff4e0;--warnedge:#e69f00}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;color:var(--ink);background:#fff;font:15px/1.5 \"DejaVu Sans\",\"Helvetica Neue\",Arial,"
	"sans-serif}\n"
	"main{max-width:1060px;margin:0 auto;padding:28px 24px 48px}\n"
	"h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:34px 0 10px;padding-bottom:4px;"
	"border-bottom:1px solid var(--line)}h3{font-size:15px;margin:18px 0 6px}\n"
	".lede{color:var(--muted);margin:0 0 18px}\n"
	".summary li{margin:4px 0}\n"
	".warnings{background:var(--warnbg);border-left:5px solid var(--warnedge);padding:10px 18px 12px;"
	"margin:18px 0;border-radius:3px}.warnings h2{border:0;margin:4px 0 6px;font-size:17px}"
	".warnings li{margin:3px 0}\n"
	".ok{background:#eef6ee;border-left:5px solid #009e73;padding:8px 16px;margin:18px 0;border-radius:3px}\n"
	"nav{font-size:14px;color:var(--muted)}nav a{color:var(--blue);margin-right:12px}\n"
	"figure{margin:10px 0 26px}.chart{overflow-x:auto;border:1px solid var(--line);border-radius:4px;"
	"padding:6px;background:#fff}\n"
	".chart svg{display:block;max-width:100%;height:auto;margin:0 auto}\n"
	"figcaption{color:var(--muted);font-size:14px;margin-top:6px}\n"
	"table{border-collapse:collapse;font-size:13.5px;margin:8px 0 4px;width:100%}\n"
	"th,td{padding:5px 9px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}\n"
	"th{background:var(--soft);font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;"
	"white-space:nowrap}\n"
	"tr.mean td{font-weight:600;border-top:2px solid var(--line)}\n"
	".v-faster{color:var(--blue);font-weight:600}.v-slower{color:var(--verm);font-weight:600}"
	".v-noisy{color:var(--amber)}.v-same{color:var(--muted)}\n"
	".v-faster::before{content:\"\u25bc \"}.v-slower::before{content:\"\u25b2 \"}"
	".v-noisy::before{content:\"~ \"}.v-same::before{content:\"= \"}\n"
	"code,.mono{font-family:\"DejaVu Sans Mono\",monospace;font-size:12.5px;word-break:break-all}\n"
	".nowrap{white-space:nowrap;word-break:normal}summary{cursor:pointer;color:var(--muted)}\n"
	"dl{display:grid;grid-template-columns:max-content 1fr;gap:3px 16px;margin:8px 0}dt{color:var(--muted)}"
	"dd{margin:0}\n"
	".fact-warning{color:var(--amber);font-weight:600}.fact-problem{color:var(--verm);font-weight:600}\n"
	"footer{color:var(--muted);font-size:13px;margin-top:40px;border-top:1px solid var(--line);"
	"padding-top:10px}\n"
	"@media print{main{max-width:none}.chart{border:0}}\n";

#define T(s) report_html_text(f, s)

/*
 * The SVG without its XML prolog and namespace declarations (HTML knows
 * them), every id and reference prefixed with the chart's name so that
 * glyph and clip ids of different charts cannot collide on one page.
 */
static void inline_svg(FILE *f, const char *svg, const char *prefix)
{
	const char *p = strstr(svg, "<svg"), *tag_end;

	if (!p || !(tag_end = strchr(p, '>')))
		return;
	/* The root tag, without xmlns and xmlns:xlink. */
	while (p < tag_end) {
		if (!strncmp(p, " xmlns=\"", 8) || !strncmp(p, " xmlns:xlink=\"", 14)) {
			const char *open = strchr(p, '"'), *close = strchr(open + 1, '"');

			if (close && close < tag_end) {
				p = close + 1;
				continue;
			}
		}
		fputc(*p++, f);
	}
	while (*p) {
		/*
		 * Cairo writes coordinates with six decimals; a hundredth of a
		 * pixel is plenty on a page and halves the size.  Percentages
		 * (colours) are left exact.
		 */
		if ((isdigit((unsigned char)*p) || (*p == '-' && isdigit((unsigned char)p[1]))) &&
		    !isalnum((unsigned char)p[-1]) && p[-1] != '_' && p[-1] != '-' && p[-1] != '.') {
			const char *dot = p + (*p == '-'), *end;

			while (isdigit((unsigned char)*dot))
				dot++;
			end = dot;
			if (*dot == '.')
				for (end = dot + 1; isdigit((unsigned char)*end); end++)
					;
			if (*dot == '.' && end - dot > 3 && *end != '%' && end - p < 40) {
				char num[48], out[48];
				size_t n;

				memcpy(num, p, (size_t)(end - p));
				num[end - p] = '\0';
				snprintf(out, sizeof(out), "%.2f", strtod(num, NULL));
				n = strlen(out);
				while (n && out[n - 1] == '0')
					out[--n] = '\0';
				if (n && out[n - 1] == '.')
					out[--n] = '\0';
				fputs(!strcmp(out, "-0") ? "0" : out, f);
				p = end;
				continue;
			}
			fwrite(p, 1, (size_t)(end - p), f);
			p = end;
			continue;
		}
		if (!strncmp(p, " id=\"", 5)) {
			fprintf(f, " id=\"%s-", prefix);
			p += 5;
		} else if (!strncmp(p, "href=\"#", 7)) {
			fprintf(f, "href=\"#%s-", prefix);
			p += 7;
		} else if (!strncmp(p, "url(#", 5)) {
			fprintf(f, "url(#%s-", prefix);
			p += 5;
		} else {
			fputc(*p++, f);
		}
	}
}

static const char *verdict_class(enum compare_verdict v)
{
	switch (v) {
	case COMPARE_LOWER: return "v-faster";
	case COMPARE_HIGHER: return "v-slower";
	case COMPARE_SAME: return "v-same";
	case COMPARE_NOISY: return "v-noisy";
	case COMPARE_NO_DATA: break;
	}
	return "";
}

static void td_num(FILE *f, const char *s)
{
	fputs("<td class=\"n\">", f);
	T(s);
	fputs("</td>", f);
}

static void ratio_text(char *buf, size_t len, double v)
{
	if (isfinite(v))
		snprintf(buf, len, "%.3f", v);
	else
		snprintf(buf, len, "-");
}

static void comparison_table(FILE *f, const struct report *r)
{
	const struct compare_result *c = &r->cmp;
	size_t per = c->ngeomeans ? c->nrows / c->ngeomeans : 0;

	for (size_t g = 0; g < c->ngeomeans; g++) {
		const struct compare_geomean *gm = &c->geomeans[g];
		char ratio[32], lo[32], hi[32];

		if (c->ngeomeans > 1) {
			fputs("<h3>", f);
			T(gm->variant);
			fputs(" vs ", f);
			T(gm->base);
			fputs("</h3>\n", f);
		}
		fputs("<table><thead><tr><th>workload</th><th class=\"n\">", f);
		T(gm->base);
		fputs("</th><th class=\"n\">", f);
		T(gm->variant);
		fputs("</th><th class=\"n\">ratio</th><th class=\"n\">95% CI</th><th class=\"n\">p (Holm)</th>"
		      "<th class=\"n\">n</th><th>verdict</th></tr></thead><tbody>\n", f);
		for (size_t i = 0; i < per; i++) {
			const struct compare_row *row = &c->rows[g * per + i];
			char b[48], v[48], p[32], n[48], ci[80];

			report_format_value(b, sizeof(b), c->metric, row->n_base ? row->base_median : NAN);
			report_format_value(v, sizeof(v), c->metric, row->n_variant ? row->variant_median : NAN);
			ratio_text(ratio, sizeof(ratio), row->valid ? row->ratio.estimate : NAN);
			ratio_text(lo, sizeof(lo), row->valid ? row->ratio.lo : NAN);
			ratio_text(hi, sizeof(hi), row->valid ? row->ratio.hi : NAN);
			snprintf(ci, sizeof(ci), row->valid ? "%s \u2013 %s" : "-", lo, hi);
			if (isnan(row->p_adj))
				snprintf(p, sizeof(p), "-");
			else if (row->p_adj < 0.001)
				snprintf(p, sizeof(p), "%.1e", row->p_adj);
			else
				snprintf(p, sizeof(p), "%.2g", row->p_adj);
			snprintf(n, sizeof(n), "%zu / %zu", row->n_base, row->n_variant);
			fputs("<tr><td>", f);
			T(row->workload);
			fputs("</td>", f);
			td_num(f, b), td_num(f, v), td_num(f, ratio), td_num(f, ci), td_num(f, p), td_num(f, n);
			fprintf(f, "<td class=\"%s\">", verdict_class(row->verdict_code));
			T(row->verdict);
			if (row->verdict_code == COMPARE_NOISY)
				fprintf(f, " (need ~%lu per side)", row->need);
			fputs("</td></tr>\n", f);
		}
		ratio_text(ratio, sizeof(ratio), gm->valid ? gm->ratio.estimate : NAN);
		ratio_text(lo, sizeof(lo), gm->valid ? gm->ratio.lo : NAN);
		ratio_text(hi, sizeof(hi), gm->valid ? gm->ratio.hi : NAN);
		fputs("<tr class=\"mean\"><td>geometric mean</td><td></td><td></td>", f);
		td_num(f, ratio);
		{
			char ci[80];

			snprintf(ci, sizeof(ci), gm->valid ? "%s \u2013 %s" : "-", lo, hi);
			td_num(f, ci);
		}
		fprintf(f, "<td></td><td class=\"n\">%zu workload%s</td><td></td></tr>\n", gm->workloads,
			gm->workloads == 1 ? "" : "s");
		fputs("</tbody></table>\n", f);
	}
	fprintf(f, "<p class=\"lede\">ratio = median %s of the variant / of %s (below 1: %s); 95%% CI: bootstrap of "
		"medians (seed %llu, %u resamples; order statistics for cells over %d samples); p: Mann-Whitney U, "
		"Holm-adjusted over the workloads; %s/%s needs p &lt; %.2g, a CI that excludes 1 and a change beyond "
		"%.3g%%; same: within %.3g%%; noisy: cannot tell yet.</p>\n", c->metric, c->base,
		compare_verdict_name(COMPARE_LOWER, c->metric), (unsigned long long)c->seed, c->resamples,
		COMPARE_RESAMPLE_LIMIT, compare_verdict_name(COMPARE_LOWER, c->metric),
		compare_verdict_name(COMPARE_HIGHER, c->metric), c->alpha, 100 * c->threshold, 100 * c->threshold);
}

static void cells_table(FILE *f, const struct report *r)
{
	const struct compare_result *c = &r->cmp;

	fputs("<table><thead><tr><th>variant</th><th>workload</th><th class=\"n\">n</th><th class=\"n\">median</th>"
	      "<th class=\"n\">mean</th><th class=\"n\">stdev</th><th class=\"n\">CV</th><th class=\"n\">min</th>"
	      "<th class=\"n\">max</th><th class=\"n\">outliers</th><th class=\"n\">95% CI of the median</th>"
	      "<th class=\"n\">bad</th></tr></thead><tbody>\n", f);
	for (size_t i = 0; i < c->ncells; i++) {
		const struct compare_cell *cell = &c->cells[i];
		const struct stats_summary *s = &cell->s;
		char n[24], med[48], mean[48], sd[48], cv[24], mn[48], mx[48], out[24], lo[48], hi[48], ci[100], bad[24];

		snprintf(n, sizeof(n), "%zu", cell->n);
		report_format_value(med, sizeof(med), c->metric, s->n ? s->median : NAN);
		report_format_value(mean, sizeof(mean), c->metric, s->n ? s->mean : NAN);
		report_format_value(sd, sizeof(sd), c->metric, s->n ? s->stdev : NAN);
		snprintf(cv, sizeof(cv), s->n ? "%.2f%%" : "-", 100 * fabs(s->cv));
		report_format_value(mn, sizeof(mn), c->metric, s->n ? s->min : NAN);
		report_format_value(mx, sizeof(mx), c->metric, s->n ? s->max : NAN);
		snprintf(out, sizeof(out), "%zu", s->outliers);
		report_format_value(lo, sizeof(lo), c->metric, s->n ? s->median_ci.lo : NAN);
		report_format_value(hi, sizeof(hi), c->metric, s->n ? s->median_ci.hi : NAN);
		snprintf(ci, sizeof(ci), s->n && isfinite(s->median_ci.lo) ? "%s \u2013 %s" : "-", lo, hi);
		snprintf(bad, sizeof(bad), "%ld", cell->bad);
		fputs("<tr><td>", f);
		T(cell->side);
		fputs("</td><td>", f);
		T(cell->workload);
		fputs("</td>", f);
		td_num(f, n), td_num(f, med), td_num(f, mean), td_num(f, sd), td_num(f, cv), td_num(f, mn);
		td_num(f, mx), td_num(f, out), td_num(f, ci), td_num(f, bad);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
}

static void dl_item(FILE *f, const char *term, const char *value)
{
	fputs("<dt>", f);
	T(term);
	fputs("</dt><dd>", f);
	T(value);
	fputs("</dd>\n", f);
}

static void machine_section(FILE *f, const struct report *r)
{
	const struct machine *m = &r->rec.machine;
	char cpus[32];

	snprintf(cpus, sizeof(cpus), "%d", m->cpus);
	fputs("<dl>\n", f);
	dl_item(f, "hostname", m->hostname);
	dl_item(f, "CPU", m->cpu_model);
	dl_item(f, "CPUs", cpus);
	dl_item(f, "kernel", m->kernel);
	dl_item(f, "hardware PMU", m->pmu ? "yes" : "no (hardware counters cannot be counted)");
	fputs("</dl>\n", f);
	if (r->nfacts) {
		fputs("<table><thead><tr><th>fact</th><th>value</th><th>verdict</th></tr></thead><tbody>\n", f);
		for (size_t i = 0; i < r->nfacts; i++) {
			fputs("<tr><td>", f);
			T(r->facts[i].name);
			fputs("</td><td>", f);
			T(r->facts[i].value);
			fprintf(f, "</td><td class=\"fact-%s\">", r->facts[i].verdict);
			T(r->facts[i].verdict);
			fputs("</td></tr>\n", f);
		}
		fputs("</tbody></table>\n", f);
	} else {
		fputs("<p class=\"lede\">This campaign recorded no machine facts (it predates them, or was "
		      "imported).</p>\n", f);
	}
	if (r->nevents) {
		fputs("<table><thead><tr><th>event</th><th>counted</th><th>why not</th></tr></thead><tbody>\n", f);
		for (size_t i = 0; i < r->nevents; i++) {
			fputs("<tr><td>", f);
			T(r->events[i].name);
			fprintf(f, "</td><td>%s</td><td>", r->events[i].supported ? "yes" : "no");
			T(r->events[i].reason);
			fputs("</td></tr>\n", f);
		}
		fputs("</tbody></table>\n", f);
	}
}

static void builds_section(FILE *f, const struct report *r)
{
	fputs("<table><thead><tr><th>variant</th><th>build</th><th class=\"n\">build time</th>"
	      "<th class=\"n\">installed</th><th class=\"n\">python binary</th><th>compiler and configuration</th>"
	      "</tr></thead><tbody>\n", f);
	for (size_t i = 0; i < r->nvariants; i++) {
		const struct store_variant_row *v = &r->variants[i];
		char t[48], inst[48], bin[48], key[24];

		report_format_seconds(t, sizeof(t), v->build_seconds > 0 ? v->build_seconds : NAN);
		report_format_bytes(inst, sizeof(inst), v->installed_bytes > 0 ? (double)v->installed_bytes : NAN);
		report_format_bytes(bin, sizeof(bin), v->binary_bytes > 0 ? (double)v->binary_bytes : NAN);
		snprintf(key, sizeof(key), "%.16s", v->key);
		fputs("<tr><td><strong>", f);
		T(v->name);
		fputs("</strong><br>", f);
		T(v->description);
		fputs("</td><td class=\"mono nowrap\">", f);
		T(key);
		fputs("<br>", f);
		T(v->source_version);
		fputs(" ", f);
		{
			char d[16];

			snprintf(d, sizeof(d), "%.12s", v->source_digest);
			T(d);
		}
		fputs("</td>", f);
		td_num(f, t), td_num(f, inst), td_num(f, bin);
		fputs("<td>", f);
		T(v->compiler);
		{
			/* The definition is "configure=a\x1fb\nenv=...\n": shown as words. */
			char *def = xstrdup(v->definition);

			for (char *p = def; *p; p++)
				if (*p == '\x1f')
					*p = ' ';
			fputs("<br><span class=\"mono\">", f);
			T(def);
			fputs("</span>", f);
			free(def);
		}
		if (v->profile_task[0]) {
			fputs("<br>PGO training: <span class=\"mono\">", f);
			T(v->profile_task);
			fputs("</span>", f);
		}
		if (v->runtime_env[0] || v->python_args[0]) {
			fputs("<br>at run time: <span class=\"mono\">", f);
			T(v->runtime_env);
			fputs(" ", f);
			T(v->python_args);
			fputs("</span>", f);
		}
		if (v->evidence && v->evidence[0]) {
			fputs("<details><summary>what the built interpreter says it is</summary><span class=\"mono\">", f);
			T(v->evidence);
			fputs("</span></details>", f);
		}
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
}

static void workloads_section(FILE *f, const struct report *r)
{
	fputs("<table><thead><tr><th>workload</th><th>arguments</th><th>tags</th><th>script digest</th>"
	      "<th>expected output</th></tr></thead><tbody>\n", f);
	for (size_t i = 0; i < r->nworkloads; i++) {
		const struct store_workload_row *w = &r->workloads[i];
		char d[20], c[20];

		snprintf(d, sizeof(d), "%.12s", w->digest);
		snprintf(c, sizeof(c), "%.12s", w->checksum);
		fputs("<tr><td>", f);
		T(w->name);
		fputs("</td><td class=\"mono\">", f);
		T(w->args);
		fputs("</td><td>", f);
		T(w->tags);
		fputs("</td><td class=\"mono\">", f);
		T(d);
		fputs("</td><td class=\"mono\">", f);
		T(c);
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
}

static void method_section(FILE *f, const struct report *r)
{
	const struct campaign_record *c = &r->rec;
	char buf[256];

	fputs("<dl>\n", f);
	dl_item(f, "command", c->command);
	dl_item(f, "started", c->started);
	dl_item(f, "finished", c->finished[0] ? c->finished : "-");
	dl_item(f, "status", c->status);
	snprintf(buf, sizeof(buf), "%d per variant and workload, after %d warm-up run%s (kept, flagged, never in "
		 "statistics)", c->samples, c->warmups, c->warmups == 1 ? "" : "s");
	dl_item(f, "samples", buf);
	snprintf(buf, sizeof(buf), "%ld planned, %ld stored, %ld failed or wrong output", c->planned,
		 r->cmp.summary.taken, r->cmp.summary.bad);
	dl_item(f, "samples stored", buf);
	if (c->target_ci > 0) {
		snprintf(buf, sizeof(buf), "adaptive: until every 95%% CI is within \u00b1%.3g%%", 100 * c->target_ci);
		dl_item(f, "sampling", buf);
	}
	snprintf(buf, sizeof(buf), "%llu (variants interleaved in a random order each round)",
		 (unsigned long long)c->seed);
	dl_item(f, "schedule seed", buf);
	snprintf(buf, sizeof(buf), "%d", c->cpu);
	dl_item(f, "measured CPU", c->cpu >= 0 ? buf : "not pinned");
	dl_item(f, "meter", c->meter);
	dl_item(f, "ASLR", c->aslr ? "on" : "off");
	dl_item(f, "PYTHONHASHSEED", c->hashseed);
	fputs("</dl>\n", f);
}

int report_write_html(const struct report *r, FILE *f)
{
	const struct campaign_summary *cs = &r->cmp.summary;
	char date[16];

	snprintf(date, sizeof(date), "%.10s", cs->started);
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<meta name=\"generator\" content=\"varbench\">\n<title>", f);
	T(r->title);
	fprintf(f, " \u2014 varbench campaign %lld</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n",
		(long long)cs->id, style);

	fputs("<header>\n<h1>", f);
	T(r->title);
	fputs("</h1>\n<p class=\"lede\">", f);
	fprintf(f, "%s%s \u00b7 campaign %lld \u00b7 %s \u00b7 ", r->cmp.metric,
		!strcmp(r->cmp.metric, "wall") || !strcmp(r->cmp.metric, "user") || !strcmp(r->cmp.metric, "sys")
		? " time" : "", (long long)cs->id, date);
	T(cs->machine);
	fputs(" \u00b7 CPython ", f);
	T(cs->source);
	fputs(" \u00b7 ", f);
	T(r->samples_text);
	fputs("</p>\n</header>\n", f);

	fputs("<section id=\"summary\" class=\"summary\">\n<h2>Summary</h2>\n<ul>\n", f);
	for (size_t i = 0; i < r->summary.n; i++) {
		fputs("<li>", f);
		T(r->summary.v[i]);
		fputs("</li>\n", f);
	}
	fputs("</ul>\n</section>\n", f);

	if (r->warnings.n) {
		fputs("<section id=\"warnings\" class=\"warnings\">\n<h2>Before you quote these numbers</h2>\n<ul>\n", f);
		for (size_t i = 0; i < r->warnings.n; i++) {
			fputs("<li>", f);
			T(r->warnings.v[i]);
			fputs("</li>\n", f);
		}
		fputs("</ul>\n</section>\n", f);
	} else {
		fputs("<section id=\"warnings\" class=\"ok\">Nothing found that makes these numbers doubtful: a PMU, "
		      "every sample correct, no noisy or unconverged workload, no machine warning.</section>\n", f);
	}

	fputs("<nav>", f);
	for (int i = 0; i < RC_COUNT; i++)
		if (r->charts[i].drawn)
			fprintf(f, "<a href=\"#%s\">%s</a>", r->charts[i].name, r->charts[i].heading);
	fputs("<a href=\"#comparison\">Comparison</a><a href=\"#cells\">Per variant and workload</a>"
	      "<a href=\"#machine\">Machine</a><a href=\"#builds\">Builds</a><a href=\"#workloads\">Workloads</a>"
	      "<a href=\"#method\">Method</a></nav>\n", f);

	for (int i = 0; i < RC_COUNT; i++) {
		const struct report_chart *c = &r->charts[i];

		if (!c->drawn)
			continue;
		fprintf(f, "<section id=\"%s\">\n<h2>%s</h2>\n<figure>\n<div class=\"chart\">\n", c->name, c->heading);
		inline_svg(f, c->svg, c->name);
		fputs("\n</div>\n<figcaption>", f);
		T(c->what);
		if (c->file) {
			fprintf(f, " File: <a href=\"%s\">", c->file);
			T(c->file);
			fputs("</a>.", f);
		}
		fputs("</figcaption>\n</figure>\n</section>\n", f);
	}

	fputs("<section id=\"comparison\">\n<h2>Comparison</h2>\n", f);
	comparison_table(f, r);
	fputs("</section>\n<section id=\"cells\">\n<h2>Per variant and workload</h2>\n", f);
	cells_table(f, r);
	fputs("</section>\n<section id=\"machine\">\n<h2>Machine</h2>\n", f);
	machine_section(f, r);
	fputs("</section>\n<section id=\"builds\">\n<h2>Builds</h2>\n", f);
	builds_section(f, r);
	fputs("</section>\n<section id=\"workloads\">\n<h2>Workloads</h2>\n", f);
	workloads_section(f, r);
	fputs("</section>\n<section id=\"method\">\n<h2>Method</h2>\n", f);
	method_section(f, r);
	fputs("</section>\n<footer>Written by varbench from the samples of campaign ", f);
	fprintf(f, "%lld", (long long)cs->id);
	if (r->files_docs & (REPORT_CSV | REPORT_JSON))
		fprintf(f, " (every sample is in %s%s%s)", r->files_docs & REPORT_CSV ? "<a href=\"samples.csv\">"
			"samples.csv</a>" : "", (r->files_docs & REPORT_CSV) && (r->files_docs & REPORT_JSON) ? " and "
			: "", r->files_docs & REPORT_JSON ? "<a href=\"report.json\">report.json</a>" : "");
	fputs(".", f);
	if (r->opts->timestamp) {
		char now[32];

		format_utc_now(now, sizeof(now));
		fprintf(f, " Generated %s.", now);
	}
	fputs("</footer>\n</main>\n</body>\n</html>\n", f);
	return 0;
}
