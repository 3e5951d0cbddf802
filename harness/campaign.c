#include "campaign.h"
#include "counters.h"
#include "error.h"
#include "machine.h"
#include "preflight.h"
#include "proc.h"
#include "runner.h"
#include "schedule.h"
#include "stats.h"

#include <gsl/gsl_rng.h>
#include <math.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * Matched variants differ only in what they name.  The compiler is allowed
 * to differ when it is the axis (--cc with several compilers); differences
 * in the build environment are always flagged.
 */
static void warn_unmatched(const struct campaign *c)
{
	char *base_env = strv_join(&c->variants[0].build_env, " ");

	if (c->ncompilers > 1)
		fprintf(stderr, "varbench: note: the compiler is an axis of this campaign (%zu compilers)\n",
			c->ncompilers);
	for (size_t i = 1; i < c->nvariants; i++) {
		char *env = strv_join(&c->variants[i].build_env, " ");

		if (c->ncompilers < 2 && strcmp(c->builds[i].compiler, c->builds[0].compiler))
			fprintf(stderr, "varbench: warning: '%s' is built with '%s' but the base '%s' with '%s'; "
				"the comparison mixes the compiler with the variant\n", c->variants[i].name,
				c->builds[i].compiler, c->variants[0].name, c->builds[0].compiler);
		if (strcmp(env, base_env))
			fprintf(stderr, "varbench: warning: '%s' is built with [build-env] '%s' but the base '%s' with '%s'; "
				"the comparison mixes that in\n", c->variants[i].name, env, c->variants[0].name, base_env);
		free(env);
	}
	free(base_env);
}

/* Each build is recorded as soon as it exists, so a later failure loses nothing. */
static int record_build(struct campaign *c, int64_t source_id, size_t i)
{
	int64_t build_id;

	if (store_begin(c->store) < 0)
		return -1;
	if (store_put_build(c->store, source_id, &c->variants[i], &c->builds[i], &build_id) < 0 ||
	    store_put_variant(c->store, &c->variants[i], build_id, &c->variant_ids[i]) < 0) {
		store_rollback(c->store);
		return -1;
	}
	return store_commit(c->store);
}

static int select_workloads(const struct campaign_opts *o, struct campaign *c)
{
	struct strv skipped = STRV_INIT;

	if (workload_set_load(o->manifest, &c->manifest) < 0)
		return -1;
	if (workload_set_select(&c->manifest, &o->workloads, o->tags, o->ntags, o->size, &c->workloads,
				&c->nworkloads, &skipped) < 0) {
		strv_release(&skipped);
		return -1;
	}
	if (skipped.n) {
		char *list = strv_join(&skipped, ", ");

		fprintf(stderr, "varbench: left out, no '%s' size: %s\n", workload_size_name(o->size), list);
		free(list);
	}
	strv_release(&skipped);
	/* A variant's interpreter arguments must reach every run, or the comparison is not matched. */
	for (size_t i = 0; i < c->nworkloads; i++)
		for (size_t v = 0; v < c->nvariants; v++)
			if (c->variants[v].python_args.n && !workload_takes_python_args(c->workloads[i]))
				return error_set("workload '%s' (%s): variant '%s' has interpreter arguments but the "
						 "command has no word that is exactly {python} to put them after",
						 c->workloads[i]->name, c->workloads[i]->origin, c->variants[v].name);
	return 0;
}

/* Variants x compilers, loaded and named ("pgo@clang-19" when --cc was given). */
static int load_variants(const struct campaign_opts *o, struct campaign *c)
{
	size_t ncc = o->compilers.n ? o->compilers.n : 1, total = o->variants.n * ncc;

	c->compilers = xcalloc(ncc, sizeof(*c->compilers));
	for (size_t k = 0; k < ncc; k++) {
		if (compiler_resolve(o->compilers.n ? o->compilers.v[k] : "gcc", &c->compilers[k]) < 0)
			return -1;
		c->ncompilers++;
		for (size_t j = 0; j < k; j++)
			if (!strcmp(c->compilers[j].spec, c->compilers[k].spec))
				return error_set("--cc: compiler '%s' is given twice", c->compilers[k].spec);
	}
	c->variants = xcalloc(total, sizeof(*c->variants));
	c->builds = xcalloc(total, sizeof(*c->builds));
	c->variant_ids = xcalloc(total, sizeof(*c->variant_ids));
	c->variant_cc = xcalloc(total, sizeof(*c->variant_cc));
	for (size_t k = 0; k < ncc; k++) {
		for (size_t i = 0; i < o->variants.n; i++) {
			struct variant *v = &c->variants[c->nvariants];

			if (variant_find(o->variants_dir, o->variants.v[i], v) < 0)
				return -1;
			c->variant_cc[c->nvariants++] = k;
			if (o->compilers.n) {
				char *named = xasprintf("%s@%s", v->name, c->compilers[k].spec);

				free(v->name);
				v->name = named;
			}
			for (size_t j = 0; j + 1 < c->nvariants; j++)
				if (!strcmp(c->variants[j].name, v->name))
					return error_set("variant '%s' is given twice", v->name);
		}
	}
	return 0;
}

/* The refusal line of every variant that cannot be built here; how many. */
static int preflight_all(struct campaign *c, const struct preflight *pf, int print)
{
	int refused = 0;

	for (size_t i = 0; i < c->nvariants; i++) {
		char reason[512];

		if (preflight_check(pf, &c->variants[i], c->variants[i].name, &c->compilers[c->variant_cc[i]],
				    reason, sizeof(reason)) < 0) {
			refused++;
			if (print)
				fprintf(stderr, "varbench: cannot build %s\n", reason);
		}
	}
	return refused;
}

int campaign_prepare(const struct campaign_opts *o, struct campaign *c)
{
	struct preflight pf = { 0 };
	int64_t source_id;
	int refused, ret = -1;

	memset(c, 0, sizeof(*c));
	if (!o->variants.n)
		return error_set("no variants given (see `varbench variants` for the list)");
	/* Everything that can be wrong with the input is checked before any build starts. */
	if (load_variants(o, c) < 0)
		return -1;
	if (o->manifest && select_workloads(o, c) < 0)
		return -1;
	if (o->events) {
		struct counters check;

		if (counters_init(&check, o->events) < 0)
			return -1;
		counters_release(&check);
	}
	if (store_open(o->db_path, &c->store) < 0)
		return -1;
	if (source_resolve(o->source, o->cache_dir, &c->source) < 0)
		return -1;
	fprintf(stderr, "varbench: source %s: CPython %s (digest %.12s)\n", c->source.origin, c->source.version,
		c->source.digest);
	if (preflight_init(&pf, &c->source) < 0)
		return -1;
	refused = preflight_all(c, &pf, 1);
	preflight_release(&pf);
	if (refused)
		return error_set("%d of %zu variants cannot be built here (see above); nothing was built", refused,
				 c->nvariants);
	if (store_put_source(c->store, &c->source, &source_id) < 0)
		return -1;
	for (size_t i = 0; i < c->nvariants; i++) {
		char label[48];
		struct build_request req = {
			.source = &c->source, .variant = &c->variants[i], .cc = &c->compilers[c->variant_cc[i]],
			.cache_dir = o->cache_dir, .profile_task = o->profile_task, .jobs = o->jobs,
			.rebuild = o->rebuild, .lookup_only = !o->build_missing, .label = label,
		};
		char dur[32];

		snprintf(label, sizeof(label), "[%zu/%zu]", i + 1, c->nvariants);
		if (builder_build(&req, &c->builds[i]) < 0)
			goto out;
		format_duration(dur, sizeof(dur), c->builds[i].seconds);
		if (c->builds[i].reused)
			fprintf(stderr, "%s %s: reusing cached build %.12s (built in %s, python %.1f MB)\n", label,
				c->variants[i].name, c->builds[i].key, dur, c->builds[i].binary_bytes / 1e6);
		else
			fprintf(stderr, "%s %s: built in %s (key %.12s, python %.1f MB, install %.0f MB)\n", label,
				c->variants[i].name, dur, c->builds[i].key, c->builds[i].binary_bytes / 1e6,
				c->builds[i].installed_bytes / 1e6);
		if (record_build(c, source_id, i) < 0)
			goto out;
	}
	warn_unmatched(c);
	ret = 0;
out:
	return ret;
}

int campaign_dry_run(const struct campaign_opts *o)
{
	struct campaign c;
	struct preflight pf = { 0 };
	int ret = -1;

	memset(&c, 0, sizeof(c));
	if (load_variants(o, &c) < 0)
		goto out;
	if (source_resolve(o->source, o->cache_dir, &c.source) < 0 || preflight_init(&pf, &c.source) < 0)
		goto out;
	printf("source %s: CPython %s (digest %.12s)\n\n", c.source.origin, c.source.version, c.source.digest);
	printf("%-24s %-8s %-26s %s\n", "variant", "verdict", "build", "why");
	for (size_t i = 0; i < c.nvariants; i++) {
		const struct compiler *cc = &c.compilers[c.variant_cc[i]];
		char reason[512], key[SHA256_HEX_SIZE], build[64];
		struct build_request req = {
			.source = &c.source, .variant = &c.variants[i], .cc = cc, .cache_dir = o->cache_dir,
			.profile_task = o->profile_task,
		};
		int cached = 0;

		if (preflight_check(&pf, &c.variants[i], c.variants[i].name, cc, reason, sizeof(reason)) < 0) {
			printf("%-24s %-8s %-26s %s\n", c.variants[i].name, "refused", "-", reason);
			continue;
		}
		if (builder_lookup(&req, key, &cached) < 0)
			snprintf(build, sizeof(build), "? (%s)", error_message());
		else
			snprintf(build, sizeof(build), "%s %.12s", cached ? "cached" : "to build", key);
		printf("%-24s %-8s %-26s %s %s\n", c.variants[i].name, "ok", build, cc->family, cc->version);
	}
	ret = 0;
out:
	preflight_release(&pf);
	campaign_release(&c);
	return ret;
}

static void report_counters(const struct counters *ctr)
{
	for (size_t i = 0; i < ctr->n; i++)
		if (!ctr->events[i].supported)
			fprintf(stderr, "varbench: event %s not counted: %s\n", ctr->events[i].name,
				ctr->events[i].reason);
}

/* One line per cell that misbehaves, the first time it does. */
static void report_bad_sample(const struct variant *v, const struct workload *w, const struct sample_result *r,
			      unsigned char *reported)
{
	if (*reported)
		return;
	*reported = 1;
	switch (r->status) {
	case SAMPLE_WRONG_OUTPUT:
		fprintf(stderr, "varbench: %s on %s: output differs from the expected checksum "
			"(correctness failure; not timed)\n", v->name, w->name);
		break;
	case SAMPLE_FAILED:
		fprintf(stderr, "varbench: %s on %s: exited with status %d (not timed); stderr ends with:\n%s\n",
			v->name, w->name, r->exit_code, r->stderr_tail);
		break;
	case SAMPLE_CRASHED:
		fprintf(stderr, "varbench: %s on %s: killed by signal %s (not timed)\n", v->name, w->name,
			strsignal(r->signal));
		break;
	case SAMPLE_TIMEOUT:
		fprintf(stderr, "varbench: %s on %s: timed out (not timed)\n", v->name, w->name);
		break;
	case SAMPLE_OK:
		break;
	}
}

static void build_argv(const struct campaign *c, size_t v, const struct workload *w, struct strv *argv)
{
	/* python [variant args] script args, or a command line with {python} filled in. */
	workload_argv(w, c->builds[v].python, c->variants[v].python_args.v, c->variants[v].python_args.n, argv);
}

/* Valid measured values of one variant on one workload, kept for adaptive sampling. */
struct cell {
	double *v;
	size_t n, cap;
};

static void cell_add(struct cell *cell, double x)
{
	if (cell->n == cell->cap)
		cell->v = xrealloc(cell->v, (cell->cap = cell->cap ? 2 * cell->cap : 32) * sizeof(*cell->v));
	cell->v[cell->n++] = x;
}

/*
 * Widest relative half-width of the 95% CI of variant/base over the
 * variants of one workload; +inf while any side lacks samples.
 */
static double workload_half_width(const struct campaign *c, const struct cell *cells, size_t w, gsl_rng *rng)
{
	double widest = 0;

	for (size_t v = 1; v < c->nvariants; v++) {
		const struct cell *b = &cells[w], *x = &cells[v * c->nworkloads + w];
		struct stats_interval ci;

		if (b->n < 3 || x->n < 3 || stats_ratio_ci(b->v, b->n, x->v, x->n, rng, 500, 0.95, &ci) < 0)
			return INFINITY;
		if ((ci.hi - ci.lo) / 2 / ci.estimate > widest)
			widest = (ci.hi - ci.lo) / 2 / ci.estimate;
	}
	return widest;
}

static void store_facts(struct store *s, int64_t campaign, const struct machine_facts *f)
{
	for (size_t i = 0; i < f->n; i++)
		store_campaign_fact(s, campaign, f->items[i].name, f->items[i].value,
				    fact_verdict_name(f->items[i].verdict));
}

static void warn_short_workloads(const struct campaign *c, const struct cell *cells, int valgrind)
{
	for (size_t w = 0; w < c->nworkloads && !valgrind; w++) {
		const struct cell *b = &cells[w];
		double median;

		if (!b->n)
			continue;
		median = stats_median(b->v, b->n);
		if (median < 0.010)
			fprintf(stderr, "varbench: warning: %s takes %.1f ms per run on %s; whole-process timing of "
				"so short a run is dominated by start-up and noise: raise its size\n",
				c->workloads[w]->name, median * 1e3, c->variants[0].name);
	}
}

/*
 * Finished samples waiting to be stored, written together in one
 * transaction between two samples.  One insert right after each run cost
 * 45 µs on the development VM (the run had just evicted SQLite from the
 * caches), more than everything else varbench does per sample; in a batch
 * it costs about 19 µs, counter rows included.  Nothing is stored while a sample runs: a busy
 * harness would see the exit late and add that to the wall time.  A crash
 * loses at most one batch, as it did with a transaction open per batch.
 */
struct sample_batch {
	struct store *store;
	const struct counters *ctr;
	struct sample_key *keys;
	struct sample_result *results;
	size_t n, cap;
};

/* Bounds the memory a batch holds (a result is about 2 KiB). */
#define BATCH_MAX 4096

static void batch_add(struct sample_batch *b, const struct sample_key *k, const struct sample_result *r)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 64;
		b->keys = xrealloc(b->keys, b->cap * sizeof(*b->keys));
		b->results = xrealloc(b->results, b->cap * sizeof(*b->results));
	}
	b->keys[b->n] = *k;
	b->results[b->n] = *r;
	b->n++;
}

static int batch_flush(struct sample_batch *b)
{
	if (!b->n)
		return 0;
	if (store_begin(b->store) < 0)
		return -1;
	for (size_t i = 0; i < b->n; i++)
		if (store_put_sample(b->store, &b->keys[i], &b->results[i], b->ctr) < 0) {
			store_rollback(b->store);
			return error_prefix("%zu samples not stored", b->n);
		}
	if (store_commit(b->store) < 0) {
		store_rollback(b->store);
		return error_prefix("%zu samples not stored", b->n);
	}
	b->n = 0;
	return 0;
}

static void batch_release(struct sample_batch *b)
{
	free(b->keys);
	free(b->results);
}

int campaign_measure(const struct campaign_opts *o, struct campaign *c)
{
	struct counters ctr;
	struct machine machine;
	struct machine_facts facts;
	struct schedule_item *items = NULL;
	struct strv *envs = NULL;
	struct cell *cells = NULL;
	unsigned char *reported = NULL, *converged = NULL;
	int64_t *workload_ids = NULL;
	size_t nitems = 0, done = 0, nconverged = 0;
	int adaptive = o->target_ci > 0, rounds = adaptive ? o->max_samples : o->samples;
	int cpu = o->cpu, in_tx = 0, tty = isatty(2), ret = -1, out_of_time = 0;
	char *valgrind = NULL;
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	int64_t started = now_ns(), loop_start = 0, last_commit = 0, last_progress = 0;
	struct sample_batch batch = { .store = c->store, .ctr = &ctr };

	gsl_rng_set(rng, (unsigned long)o->seed);
	if (!c->nworkloads) {
		gsl_rng_free(rng);
		return error_set("no workloads selected");
	}
	if (counters_init(&ctr, o->events ? o->events : COUNTERS_DEFAULT) < 0) {
		gsl_rng_free(rng);
		return -1;
	}
	counters_probe(&ctr);
	report_counters(&ctr);
	if (ctr.hardware_groups > 1)
		fprintf(stderr, "varbench: the hardware events need %d groups: the kernel multiplexes them, "
			"values are scaled by enabled/running time and their coverage is stored\n", ctr.hardware_groups);
	if (o->meter && !strcmp(o->meter, "valgrind")) {
		char *argv[] = { "sh", "-c", "command -v valgrind", NULL };

		if (proc_capture(argv, NULL, &valgrind) < 0 || !*valgrind) {
			error_set("--meter valgrind needs valgrind (apt-get install valgrind)");
			goto out;
		}
		valgrind[strcspn(valgrind, "\n")] = '\0';
		fprintf(stderr, "varbench: meter valgrind: counting instructions with cachegrind; each run is tens of "
			"times slower and the count is a proxy for time, not a time\n");
	}
	machine_detect(&machine);
	for (size_t i = 0; i < ctr.n; i++)
		if (ctr.events[i].attr.type != PERF_TYPE_SOFTWARE && ctr.events[i].supported)
			machine.pmu = 1;
	if (cpu < 0)
		cpu = machine_first_isolated_cpu() >= 0 ? machine_first_isolated_cpu() : runner_default_cpu();
	if (cpu >= machine.cpus) {
		error_set("--cpu %d: this machine has CPUs 0 to %d", cpu, machine.cpus - 1);
		goto out;
	}
	if (o->harness_cpu >= machine.cpus) {
		error_set("--harness-cpu %d: this machine has CPUs 0 to %d", o->harness_cpu, machine.cpus - 1);
		goto out;
	}
	machine_collect(&facts, cpu);
	if (o->harness_cpu >= 0)
		runner_pin_self(o->harness_cpu);
	else
		runner_pin_self_away(cpu);

	nitems = schedule_make(c->nvariants, c->nworkloads, o->warmups, rounds, o->seed, &items);
	workload_ids = xcalloc(c->nworkloads, sizeof(*workload_ids));
	reported = xcalloc(c->nvariants * c->nworkloads, 1);
	converged = xcalloc(c->nworkloads, 1);
	cells = xcalloc(c->nvariants * c->nworkloads, sizeof(*cells));
	envs = xcalloc(c->nvariants, sizeof(*envs));
	for (size_t v = 0; v < c->nvariants; v++)
		runner_environment(&c->variants[v], &envs[v]);

	if (store_begin(c->store) < 0)
		goto out;
	in_tx = 1;
	{
		struct campaign_info info = {
			.seed = o->seed, .samples = o->samples, .warmups = o->warmups,
			.cpu = cpu, .planned = (long)nitems, .command = o->command_line,
			.meter = valgrind ? "valgrind" : "perf", .no_aslr = o->no_aslr,
			.target_ci = adaptive ? o->target_ci : 0,
		};

		if (store_put_machine(c->store, &machine, &info.machine_id) < 0 ||
		    store_campaign_begin(c->store, &info, &c->id) < 0)
			goto out;
	}
	for (size_t v = 0; v < c->nvariants; v++)
		if (store_campaign_add_variant(c->store, c->id, c->variant_ids[v], (int)v) < 0)
			goto out;
	for (size_t w = 0; w < c->nworkloads; w++)
		if (store_put_workload(c->store, c->workloads[w], &workload_ids[w]) < 0 ||
		    store_campaign_add_workload(c->store, c->id, workload_ids[w], (int)w) < 0)
			goto out;
	for (size_t i = 0; i < ctr.n; i++)
		if (store_campaign_event(c->store, c->id, &ctr.events[i]) < 0)
			goto out;
	store_facts(c->store, c->id, &facts);
	{
		char value[64];

		if (o->harness_cpu >= 0)
			snprintf(value, sizeof(value), "%d%s", o->harness_cpu,
				 o->harness_cpu == cpu ? " (the measured CPU)" : "");
		else
			snprintf(value, sizeof(value), "all but %d", cpu);
		store_campaign_fact(c->store, c->id, "harness CPUs", value, "info");
	}
	if (store_commit(c->store) < 0)
		goto out;
	in_tx = 0;

	if (adaptive)
		fprintf(stderr, "varbench: campaign %lld: %zu variants x %zu workloads, %d warm-up + %d to %d samples "
			"until every 95%% CI of the ratio is within ±%.3g%% (at most %s), CPU %d, seed %llu\n",
			(long long)c->id, c->nvariants, c->nworkloads, o->warmups, o->samples, o->max_samples,
			o->target_ci * 100, o->max_time_text ? o->max_time_text : "no time limit", cpu,
			(unsigned long long)o->seed);
	else
		fprintf(stderr, "varbench: campaign %lld: %zu variant%s x %zu workload%s x (%d warm-up + %d samples) "
			"= %zu runs on CPU %d, seed %llu\n", (long long)c->id, c->nvariants,
			c->nvariants == 1 ? "" : "s", c->nworkloads, c->nworkloads == 1 ? "" : "s", o->warmups,
			o->samples, nitems, cpu, (unsigned long long)o->seed);

	if (counters_attach(&ctr) < 0)
		goto out;
	loop_start = now_ns();
	for (size_t i = 0; i < nitems && !proc_interrupted; i++) {
		const struct schedule_item *it = &items[i];
		const struct workload *w = c->workloads[it->workload];
		struct runner_opts ropts = {
			.cpu = cpu, .timeout = o->timeout, .counters = &ctr, .no_aslr = o->no_aslr,
			.valgrind = valgrind,
		};
		struct sample_key key = {
			.campaign = c->id, .variant = c->variant_ids[it->variant], .workload = workload_ids[it->workload],
			.round = it->round, .seq = (int)i, .warmup = it->warmup,
		};
		struct strv argv = STRV_INIT;
		struct sample_result r;
		int rc, round_end = i + 1 == nitems || items[i + 1].round != it->round;

		/* Converged workloads stop taking machine time. */
		if (converged[it->workload] && !it->warmup)
			goto next;
		build_argv(c, it->variant, w, &argv);
		rc = runner_sample(argv.v, envs[it->variant].v, &ropts, &r);
		strv_release(&argv);
		if (rc < 0) {
			if (proc_interrupted)
				break;
			error_prefix("%s on %s", c->variants[it->variant].name, w->name);
			goto out;
		}
		if (r.status == SAMPLE_OK && strcmp(r.stdout_digest, w->checksum))
			r.status = SAMPLE_WRONG_OUTPUT;
		if (r.status != SAMPLE_OK)
			report_bad_sample(&c->variants[it->variant], w, &r,
					  &reported[it->variant * c->nworkloads + it->workload]);
		else if (!it->warmup)
			cell_add(&cells[it->variant * c->nworkloads + it->workload],
				 valgrind ? (double)r.valgrind_ir : r.wall_ns / 1e9);
		batch_add(&batch, &key, &r);
		done++;
		if (tty)
			fprintf(stderr, "\r\033[K[%zu/%zu] round %d%s  %s  %s  %.3f s", done, nitems, it->round + 1,
				it->warmup ? " (warm-up)" : "", c->variants[it->variant].name, w->name, r.wall_ns / 1e9);
next:
		/*
		 * One batch: a round, but at least a quarter second of them, so
		 * very short runs do not pay a commit each; never more than
		 * BATCH_MAX samples, even within a round.
		 */
		if (batch.n >= BATCH_MAX || (round_end && (i + 1 == nitems || adaptive ||
							   now_ns() - last_commit >= 250000000))) {
			last_commit = now_ns();
			if (batch_flush(&batch) < 0)
				goto out;
		}
		if (!round_end)
			continue;
		/* Logs get a line per round, but not more than one every two seconds. */
		if (!tty && (i + 1 == nitems || now_ns() - last_progress >= 2000000000)) {
			char dur[32];

			last_progress = now_ns();
			format_duration(dur, sizeof(dur), (now_ns() - started) / 1e9);
			fprintf(stderr, "varbench: round %d of %d done (%zu runs, %s)\n", it->round + 1,
				o->warmups + rounds, done, dur);
		}
		if (adaptive && !it->warmup && it->round + 1 - o->warmups >= o->samples) {
			for (size_t wl = 0; wl < c->nworkloads; wl++)
				if (!converged[wl] && workload_half_width(c, cells, wl, rng) <= o->target_ci) {
					converged[wl] = 1;
					nconverged++;
				}
			if (nconverged == c->nworkloads)
				break;
			if (o->max_time > 0 && (now_ns() - started) / 1e9 >= o->max_time) {
				out_of_time = 1;
				break;
			}
		}
	}
	if (tty)
		fputs("\r\033[K", stderr);
	if (done)
		fprintf(stderr, "varbench: %zu runs in %.2f s (%.3f ms per run, counting and storage included)\n", done,
			(now_ns() - loop_start) / 1e9, (now_ns() - loop_start) / 1e6 / (double)done);
	warn_short_workloads(c, cells, valgrind != NULL);
	if (adaptive) {
		for (size_t wl = 0; wl < c->nworkloads; wl++) {
			double hw = workload_half_width(c, cells, wl, rng);

			if (converged[wl])
				fprintf(stderr, "varbench: %s converged: 95%% CI within ±%.2f%% after %zu samples\n",
					c->workloads[wl]->name, hw * 100, cells[wl].n);
			else
				fprintf(stderr, "varbench: %s did not converge: 95%% CI ±%.2f%% after %zu samples "
					"(target ±%.3g%%; stopped by %s)\n", c->workloads[wl]->name, hw * 100, cells[wl].n,
					o->target_ci * 100, out_of_time ? "--max-time" : proc_interrupted ? "Ctrl-C" : "--max-samples");
		}
		store_campaign_replan(c->store, c->id, (long)done);
	}
	ret = 0;
out:
	if (in_tx && store_commit(c->store) < 0)
		store_rollback(c->store);
	/* Keep the samples already taken, whatever stopped the campaign: they are valid on their own. */
	if (ret == 0) {
		if (batch_flush(&batch) < 0)
			ret = -1;
	} else if (batch.n) {
		char *why = xstrdup(error_message());

		if (batch_flush(&batch) < 0)
			fprintf(stderr, "varbench: %s\n", error_message());
		error_set("%s", why);
		free(why);
	}
	batch_release(&batch);
	if (c->id) {
		const char *status = ret < 0 ? "failed" : proc_interrupted ? "interrupted" : "complete";
		double load[3];

		if (getloadavg(load, 3) == 3) {
			char value[64];

			snprintf(value, sizeof(value), "%.2f %.2f %.2f", load[0], load[1], load[2]);
			store_campaign_fact(c->store, c->id, "load average at end", value, "info");
		}
		if (store_campaign_finish(c->store, c->id, status) == 0 && strcmp(status, "complete"))
			fprintf(stderr, "varbench: campaign %lld %s after %zu of %zu runs; the stored samples are kept\n",
				(long long)c->id, status, done, nitems);
	}
	if (proc_interrupted && ret == 0)
		ret = error_set("interrupted (%s)", strsignal(proc_interrupted));
	counters_detach(&ctr);
	for (size_t v = 0; envs && v < c->nvariants; v++)
		strv_release(&envs[v]);
	for (size_t i = 0; cells && i < c->nvariants * c->nworkloads; i++)
		free(cells[i].v);
	free(cells);
	free(envs);
	free(items);
	free(workload_ids);
	free(reported);
	free(converged);
	free(valgrind);
	gsl_rng_free(rng);
	counters_release(&ctr);
	return ret;
}

void campaign_release(struct campaign *c)
{
	for (size_t i = 0; i < c->nvariants; i++) {
		variant_release(&c->variants[i]);
		build_result_release(&c->builds[i]);
	}
	free(c->variants);
	free(c->builds);
	free(c->variant_ids);
	free(c->variant_cc);
	for (size_t k = 0; k < c->ncompilers; k++)
		compiler_release(&c->compilers[k]);
	free(c->compilers);
	free(c->workloads);
	workload_set_release(&c->manifest);
	source_release(&c->source);
	store_close(c->store);
	memset(c, 0, sizeof(*c));
}
