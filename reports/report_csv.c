/*
 * samples.csv: one row per stored sample (warm-ups and failures included,
 * flagged), one column per variable, for pandas and R.  Counter columns
 * hold the scaled values of the events the campaign asked for; a cell is
 * empty when the sample has no value.  Columns are documented in
 * reports/README.md.
 */
#include "report.h"
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

struct csv_ctx {
	FILE *f;
	int64_t campaign;
	struct strv events;	/* the counter columns, in order */
};

static void csv_field(FILE *f, const char *s)
{
	if (s && strpbrk(s, ",\"\n\r")) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else if (s) {
		fputs(s, f);
	}
}

static int csv_sample(void *vctx, const struct store_sample_row *row)
{
	struct csv_ctx *c = vctx;
	FILE *f = c->f;

	fprintf(f, "%lld,", (long long)c->campaign);
	csv_field(f, row->variant);
	fputc(',', f);
	csv_field(f, row->workload);
	fprintf(f, ",%d,%d,%d,", row->round, row->seq, row->warmup);
	csv_field(f, row->status);
	fputc(',', f);
	if (row->exit_code >= 0)
		fprintf(f, "%d", row->exit_code);
	fputc(',', f);
	if (row->signal >= 0)
		fprintf(f, "%d", row->signal);
	fprintf(f, ",%.9f,%.9f,%.9f,%lld,", (double)row->wall_ns / 1e9, (double)row->user_ns / 1e9,
		(double)row->sys_ns / 1e9, (long long)row->maxrss_kb);
	csv_field(f, row->taken_at);
	fputc(',', f);
	csv_field(f, row->stdout_digest);
	for (size_t e = 0; e < c->events.n; e++) {
		fputc(',', f);
		for (size_t i = 0; i < row->ncounters; i++)
			if (!strcmp(row->events[i], c->events.v[e]) && isfinite(row->scaled[i])) {
				fprintf(f, "%.17g", row->scaled[i]);
				break;
			}
	}
	fputc('\n', f);
	return ferror(f) ? -1 : 0;
}

int report_write_csv(const struct report *r, FILE *f)
{
	struct csv_ctx c = { f, r->cmp.summary.id, STRV_INIT };
	int ret;

	for (size_t i = 0; i < r->nevents; i++)
		strv_push(&c.events, r->events[i].name);
	if (!strcmp(r->rec.meter, "valgrind")) {
		size_t i;

		for (i = 0; i < c.events.n && strcmp(c.events.v[i], RUNNER_VALGRIND_EVENT); i++)
			;
		if (i == c.events.n)
			strv_push(&c.events, RUNNER_VALGRIND_EVENT);
	}
	fputs("campaign,variant,workload,round,seq,warmup,status,exit_code,signal,wall_s,user_s,sys_s,maxrss_kib,"
	      "taken_at,stdout_sha256", f);
	for (size_t i = 0; i < c.events.n; i++) {
		fputc(',', f);
		csv_field(f, c.events.v[i]);
	}
	fputc('\n', f);
	ret = store_campaign_sample_rows(r->store, r->cmp.summary.id, csv_sample, &c);
	strv_release(&c.events);
	return ret < 0 ? -1 : 0;
}
