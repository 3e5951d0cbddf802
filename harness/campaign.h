#ifndef VARBENCH_CAMPAIGN_H
#define VARBENCH_CAMPAIGN_H

/*
 * A campaign: one invocation that builds (or finds) a set of variants of
 * one source and measures them on a set of workloads.  `varbench build`,
 * `run` and `campaign` are thin layers over these two steps.
 */

#include <stdint.h>

#include "builder.h"
#include "compiler.h"
#include "source.h"
#include "store.h"
#include "variant.h"
#include "workload.h"

struct campaign_opts {
	const char *db_path;
	const char *cache_dir;
	const char *source;
	const char *variants_dir;
	const char *manifest;	/* NULL: no workloads (build only) */
	struct strv variants;	/* names or paths; the first is the base */
	struct strv compilers;	/* --cc specs; empty: gcc */
	struct strv workloads;	/* names; empty means every workload */
	/* --tag values (borrowed from argv, nothing to free); with workloads, a union */
#define CAMPAIGN_MAX_TAGS 32
	const char *tags[CAMPAIGN_MAX_TAGS];
	size_t ntags;
	enum workload_size size;	/* which size of each workload runs (0: default) */
	const char *profile_task;	/* NULL: CPython's default training */
	int jobs;
	int rebuild;
	int build_missing;	/* 0: fail when a variant has no build yet */
	int samples, warmups, cpu;
	int harness_cpu;	/* where varbench itself runs; -1: every CPU but cpu */
	double timeout;
	uint64_t seed;
	const char *events;
	const char *command_line;
	int no_aslr;
	const char *meter;	/* "perf" (default) or "valgrind" */
	/* Adaptive sampling: with target_ci > 0, `samples` is the minimum. */
	double target_ci;	/* half-width of the ratio's 95% CI, fraction */
	int max_samples;
	double max_time;	/* seconds; 0: none */
	const char *max_time_text;
};

struct campaign {
	struct store *store;
	struct source source;
	struct variant *variants;
	struct build_result *builds;
	int64_t *variant_ids;
	size_t *variant_cc;	/* index into compilers */
	size_t nvariants;
	struct compiler *compilers;
	size_t ncompilers;
	struct workload_set manifest;
	const struct workload **workloads;
	size_t nworkloads;
	int64_t id;		/* campaign row, once measuring started */
};

/*
 * Load the variants and workloads, open the store, resolve the source,
 * then build or find the builds: every input error surfaces before the
 * first minute of compiling.
 */
int campaign_prepare(const struct campaign_opts *o, struct campaign *c);

/*
 * `build --dry-run`: for every variant x compiler, whether it can be built
 * here (the refusal line if not) and whether its build is cached.
 */
int campaign_dry_run(const struct campaign_opts *o);

/* Run the schedule and store every sample; c->id is the new campaign. */
int campaign_measure(const struct campaign_opts *o, struct campaign *c);

void campaign_release(struct campaign *c);

#endif
