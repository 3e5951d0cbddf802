/*
 * report.json: everything the report knows, in one object whose schema
 * ("varbench-report/1") is documented in reports/README.md: the campaign
 * record, machine and its facts, events, variants with their builds,
 * workloads, the summary and warnings, the charts, the comparison (the
 * object `varbench compare --format json` prints) and every sample with
 * every counter value.
 */
#include "report.h"
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define S(x) report_json_string(f, x)
#define N(x) report_json_number(f, x)

static void key(FILE *f, const char *k, int *first)
{
	fputs(*first ? "" : ", ", f);
	*first = 0;
	S(k);
	fputs(": ", f);
}

/* A key of the top-level object: one a line. */
static void top(FILE *f, const char *k, int *first)
{
	fputs(*first ? "" : ",\n  ", f);
	*first = 0;
	S(k);
	fputs(": ", f);
}

static void strings(FILE *f, const struct strv *v)
{
	fputc('[', f);
	for (size_t i = 0; i < v->n; i++) {
		fputs(i ? ",\n    " : "\n    ", f);
		S(v->v[i]);
	}
	fputs(v->n ? "\n  ]" : "]", f);
}

static int json_sample(void *ctx, const struct store_sample_row *row)
{
	FILE *f = ctx;
	int first = 1;

	fputs("{", f);
	key(f, "seq", &first), fprintf(f, "%d", row->seq);
	key(f, "round", &first), fprintf(f, "%d", row->round);
	key(f, "variant", &first), S(row->variant);
	key(f, "workload", &first), S(row->workload);
	key(f, "warmup", &first), fputs(row->warmup ? "true" : "false", f);
	key(f, "status", &first), S(row->status);
	key(f, "exit_code", &first);
	if (row->exit_code >= 0)
		fprintf(f, "%d", row->exit_code);
	else
		fputs("null", f);
	key(f, "signal", &first);
	if (row->signal >= 0)
		fprintf(f, "%d", row->signal);
	else
		fputs("null", f);
	key(f, "wall_ns", &first), fprintf(f, "%lld", (long long)row->wall_ns);
	key(f, "user_ns", &first), fprintf(f, "%lld", (long long)row->user_ns);
	key(f, "sys_ns", &first), fprintf(f, "%lld", (long long)row->sys_ns);
	key(f, "maxrss_kib", &first), fprintf(f, "%lld", (long long)row->maxrss_kb);
	key(f, "taken_at", &first), S(row->taken_at);
	key(f, "stdout_sha256", &first), S(row->stdout_digest);
	key(f, "counters", &first), fputc('{', f);
	for (size_t i = 0; i < row->ncounters; i++) {
		int cf = 1;

		fputs(i ? ", " : "", f);
		S(row->events[i]);
		fputs(": {", f);
		key(f, "raw", &cf), fprintf(f, "%lld", (long long)row->raw[i]);
		key(f, "scaled", &cf), N(row->scaled[i]);
		key(f, "time_enabled_ns", &cf), fprintf(f, "%lld", (long long)row->enabled[i]);
		key(f, "time_running_ns", &cf), fprintf(f, "%lld", (long long)row->running[i]);
		fputc('}', f);
	}
	fputs("}}", f);
	return ferror(f) ? -1 : 0;
}

/* Samples are written as an array: the separator goes before every one but the first. */
struct sample_list {
	FILE *f;
	size_t n;
};

static int json_sample_item(void *ctx, const struct store_sample_row *row)
{
	struct sample_list *l = ctx;

	fputs(l->n++ ? ",\n    " : "\n    ", l->f);
	return json_sample(l->f, row);
}

int report_write_json(const struct report *r, FILE *f)
{
	const struct campaign_record *c = &r->rec;
	const struct campaign_summary *cs = &r->cmp.summary;
	struct sample_list list = { f, 0 };
	int first = 1, k;

	fputs("{", f);
	top(f, "schema", &first), S("varbench-report/1");
	top(f, "campaign", &first);
	{
		int cf = 1;

		fputc('{', f);
		key(f, "id", &cf), fprintf(f, "%lld", (long long)c->id);
		key(f, "started", &cf), S(c->started);
		key(f, "finished", &cf);
		if (c->finished[0])
			S(c->finished);
		else
			fputs("null", f);
		key(f, "status", &cf), S(c->status);
		key(f, "command", &cf), S(c->command);
		key(f, "seed", &cf), fprintf(f, "%llu", (unsigned long long)c->seed);
		key(f, "samples", &cf), fprintf(f, "%d", c->samples);
		key(f, "warmups", &cf), fprintf(f, "%d", c->warmups);
		key(f, "cpu", &cf), fprintf(f, "%d", c->cpu);
		key(f, "aslr", &cf), fputs(c->aslr ? "true" : "false", f);
		key(f, "hashseed", &cf), S(c->hashseed);
		key(f, "meter", &cf), S(c->meter);
		key(f, "target_ci", &cf), N(c->target_ci > 0 ? c->target_ci : NAN);
		key(f, "planned", &cf), fprintf(f, "%ld", c->planned);
		key(f, "taken", &cf), fprintf(f, "%ld", cs->taken);
		key(f, "bad", &cf), fprintf(f, "%ld", cs->bad);
		key(f, "source", &cf), S(cs->source);
		fputc('}', f);
	}
	top(f, "machine", &first);
	{
		int mf = 1;

		fputc('{', f);
		key(f, "hostname", &mf), S(c->machine.hostname);
		key(f, "cpu_model", &mf), S(c->machine.cpu_model);
		key(f, "cpus", &mf), fprintf(f, "%d", c->machine.cpus);
		key(f, "kernel", &mf), S(c->machine.kernel);
		key(f, "pmu", &mf), fputs(c->machine.pmu ? "true" : "false", f);
		key(f, "facts", &mf), fputc('[', f);
		for (size_t i = 0; i < r->nfacts; i++) {
			int ff = 1;

			fputs(i ? ", {" : "{", f);
			key(f, "name", &ff), S(r->facts[i].name);
			key(f, "value", &ff), S(r->facts[i].value);
			key(f, "verdict", &ff), S(r->facts[i].verdict);
			fputc('}', f);
		}
		fputs("]}", f);
	}
	top(f, "events", &first), fputc('[', f);
	for (size_t i = 0; i < r->nevents; i++) {
		int ef = 1;

		fputs(i ? ", {" : "{", f);
		key(f, "name", &ef), S(r->events[i].name);
		key(f, "supported", &ef), fputs(r->events[i].supported ? "true" : "false", f);
		key(f, "reason", &ef);
		if (r->events[i].reason[0])
			S(r->events[i].reason);
		else
			fputs("null", f);
		fputc('}', f);
	}
	fputs("]", f);
	top(f, "variants", &first), fputc('[', f);
	for (size_t i = 0; i < r->nvariants; i++) {
		const struct store_variant_row *v = &r->variants[i];
		int vf = 1, bf = 1, sf = 1;

		fputs(i ? ",\n    {" : "\n    {", f);
		key(f, "position", &vf), fprintf(f, "%d", v->position);
		key(f, "name", &vf), S(v->name);
		key(f, "base", &vf);
		if (v->base[0])
			S(v->base);
		else
			fputs("null", f);
		key(f, "description", &vf), S(v->description);
		key(f, "runtime_env", &vf), S(v->runtime_env);
		key(f, "python_args", &vf), S(v->python_args);
		key(f, "build", &vf), fputc('{', f);
		key(f, "key", &bf), S(v->key);
		key(f, "definition", &bf), S(v->definition);
		key(f, "compiler", &bf), S(v->compiler);
		key(f, "compiler_spec", &bf), S(v->compiler_spec);
		key(f, "profile_task", &bf), S(v->profile_task);
		key(f, "prefix", &bf), S(v->prefix);
		key(f, "recorded", &bf), S(v->recorded);
		key(f, "build_seconds", &bf), N(v->build_seconds);
		key(f, "binary_bytes", &bf), fprintf(f, "%lld", (long long)v->binary_bytes);
		key(f, "installed_bytes", &bf), fprintf(f, "%lld", (long long)v->installed_bytes);
		key(f, "evidence", &bf);
		if (v->evidence)
			S(v->evidence);
		else
			fputs("null", f);
		key(f, "source", &bf), fputc('{', f);
		key(f, "version", &sf), S(v->source_version);
		key(f, "digest", &sf), S(v->source_digest);
		key(f, "origin", &sf), S(v->source_origin);
		fputs("}}}", f);
	}
	fputs(r->nvariants ? "\n  ]" : "]", f);
	top(f, "workloads", &first), fputc('[', f);
	for (size_t i = 0; i < r->nworkloads; i++) {
		const struct store_workload_row *w = &r->workloads[i];
		int wf = 1;

		fputs(i ? ",\n    {" : "\n    {", f);
		key(f, "position", &wf), fprintf(f, "%d", w->position);
		key(f, "name", &wf), S(w->name);
		key(f, "args", &wf), S(w->args);
		key(f, "tags", &wf), S(w->tags);
		key(f, "digest", &wf), S(w->digest);
		key(f, "checksum", &wf), S(w->checksum);
		fputc('}', f);
	}
	fputs(r->nworkloads ? "\n  ]" : "]", f);
	top(f, "summary", &first), strings(f, &r->summary);
	top(f, "warnings", &first), strings(f, &r->warnings);
	top(f, "charts", &first), fputc('[', f);
	for (k = 0; k < RC_COUNT; k++) {
		const struct report_chart *ch = &r->charts[k];
		int hf = 1;

		fputs(k ? ",\n    {" : "\n    {", f);
		key(f, "name", &hf), S(ch->name);
		key(f, "file", &hf);
		if (ch->file)
			S(ch->file);
		else
			fputs("null", f);
		key(f, "width", &hf), N(ch->width);
		key(f, "height", &hf), N(ch->height);
		key(f, "what", &hf), S(ch->what);
		fputc('}', f);
	}
	fputs("\n  ]", f);
	top(f, "comparison", &first);
	compare_print(&r->cmp, COMPARE_JSON, 1, f);
	top(f, "samples", &first), fputc('[', f);
	if (store_campaign_sample_rows(r->store, cs->id, json_sample_item, &list) < 0)
		return -1;
	fputs(list.n ? "\n  ]" : "]", f);
	fputs("\n}\n", f);
	return ferror(f) ? -1 : 0;
}
