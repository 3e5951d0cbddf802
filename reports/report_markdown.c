/*
 * report.md: the report for pull requests and release notes.  The charts
 * are referenced by file name (they sit beside it), the tables are
 * GitHub-flavoured Markdown, the warnings a quoted block.
 */
#include "report.h"
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Table cells: pipes escaped, newlines flattened. */
static void md_cell(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|')
			fputs("\\|", f);
		else if (*s == '\n' || *s == '\x1f')
			fputc(' ', f);
		else
			fputc(*s, f);
	}
}

/* The chart a Markdown renderer can show: PNG, else SVG; a PDF only as a link. */
static char *image_file(const struct report *r, const struct report_chart *c)
{
	unsigned formats = r->opts->charts ? r->opts->charts : 1u << CHART_PNG;

	if (formats & (1u << CHART_PNG))
		return xasprintf("%s.png", c->name);
	if (formats & (1u << CHART_SVG))
		return xasprintf("%s.svg", c->name);
	return NULL;
}

int report_write_markdown(const struct report *r, FILE *f)
{
	const struct campaign_summary *cs = &r->cmp.summary;
	char date[16];

	snprintf(date, sizeof(date), "%.10s", cs->started);
	fprintf(f, "# %s \u2014 %s\n\n", r->title, r->cmp.metric);
	fprintf(f, "Campaign %lld, %s \u00b7 %s \u00b7 CPython %s \u00b7 %s\n\n", (long long)cs->id, date, cs->machine,
		cs->source, r->samples_text);
	for (size_t i = 0; i < r->summary.n; i++)
		fprintf(f, "- %s\n", r->summary.v[i]);
	fputc('\n', f);
	if (r->warnings.n) {
		fputs("> **Before you quote these numbers**\n>\n", f);
		for (size_t i = 0; i < r->warnings.n; i++)
			fprintf(f, "> - %s\n", r->warnings.v[i]);
		fputc('\n', f);
	}
	for (int i = 0; i < RC_COUNT; i++) {
		const struct report_chart *c = &r->charts[i];
		char *img;

		if (!c->drawn)
			continue;
		fprintf(f, "## %s\n\n", c->heading);
		img = image_file(r, c);
		if (img)
			fprintf(f, "![%s](%s)\n\n", c->heading, img);
		else
			fprintf(f, "[%s (%s)](%s)\n\n", c->heading, c->file, c->file);
		fprintf(f, "%s\n\n", c->what);
		free(img);
	}
	fputs("## Comparison\n\n", f);
	compare_print(&r->cmp, COMPARE_MARKDOWN, 1, f);
	fputs("\n## Builds\n\n| variant | build time | installed | python binary | compiler | configuration |\n"
	      "|---|---:|---:|---:|---|---|\n", f);
	for (size_t i = 0; i < r->nvariants; i++) {
		const struct store_variant_row *v = &r->variants[i];
		char t[48], inst[48], bin[48];

		report_format_seconds(t, sizeof(t), v->build_seconds > 0 ? v->build_seconds : NAN);
		report_format_bytes(inst, sizeof(inst), v->installed_bytes > 0 ? (double)v->installed_bytes : NAN);
		report_format_bytes(bin, sizeof(bin), v->binary_bytes > 0 ? (double)v->binary_bytes : NAN);
		fputs("| ", f);
		md_cell(f, v->name);
		fprintf(f, " | %s | %s | %s | ", t, inst, bin);
		md_cell(f, v->compiler);
		fputs(" | `", f);
		md_cell(f, v->definition);
		fputs("` |\n", f);
	}
	fprintf(f, "\n## Machine\n\n%s (hardware PMU: %s)", cs->machine, r->rec.machine.pmu ? "yes" : "no");
	if (r->nfacts) {
		fputs("\n\n| fact | value | verdict |\n|---|---|---|\n", f);
		for (size_t i = 0; i < r->nfacts; i++) {
			fputs("| ", f);
			md_cell(f, r->facts[i].name);
			fputs(" | ", f);
			md_cell(f, r->facts[i].value);
			fprintf(f, " | %s |\n", r->facts[i].verdict);
		}
	} else {
		fputs("\n", f);
	}
	fputs("\n---\nMeasured with `", f);
	for (const char *p = r->rec.command; p && *p; p++)
		fputc(*p == '`' || *p == '\n' ? ' ' : *p, f);
	fprintf(f, "` (seed %llu). Written by varbench.\n", (unsigned long long)r->rec.seed);
	return 0;
}
