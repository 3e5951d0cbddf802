#ifndef VARBENCH_STORE_H
#define VARBENCH_STORE_H

/*
 * The results store: one SQLite file holds machines, sources, builds,
 * variants, workloads, campaigns and every sample with its counter values.
 *
 * The schema is versioned with PRAGMA user_version and migrated forward
 * in a transaction when a file is opened.  WAL journal, foreign keys on,
 * prepared statements only.  Samples are written one transaction per
 * batch (a round), so an interrupted campaign keeps every finished round
 * and its row says how many samples were planned.
 */

#include <stdint.h>

#include "builder.h"
#include "counters.h"
#include "machine.h"
#include "runner.h"
#include "source.h"
#include "util.h"
#include "variant.h"
#include "workload.h"

#define STORE_SCHEMA_VERSION 4

struct store;

/* Open or create; -1 with a message naming the file when it cannot be used. */
int store_open(const char *path, struct store **out);
/* Migrate only up to version (tests of migrations start from old schemas). */
int store_open_version(const char *path, int version, struct store **out);
/* For readers: a missing file is an error instead of a new empty database. */
int store_open_existing(const char *path, struct store **out);
void store_close(struct store *s);
int store_schema_version(struct store *s);

int store_begin(struct store *s);
int store_commit(struct store *s);
void store_rollback(struct store *s);

/* Each put returns the row id of the existing or newly inserted row. */
int store_put_machine(struct store *s, const struct machine *m, int64_t *id);
int store_put_source(struct store *s, const struct source *src, int64_t *id);
int store_put_build(struct store *s, int64_t source_id, const struct variant *v,
		    const struct build_result *b, int64_t *id);
int store_put_variant(struct store *s, const struct variant *v, int64_t build_id, int64_t *id);
int store_put_workload(struct store *s, const struct workload *w, int64_t *id);

struct campaign_info {
	int64_t machine_id;
	uint64_t seed;
	int samples, warmups, cpu;
	long planned;		/* samples the campaign means to take */
	const char *command;	/* the command line, for the record */
	const char *meter;	/* "perf" or "valgrind" */
	int no_aslr;		/* samples ran with ADDR_NO_RANDOMIZE */
	double target_ci;	/* adaptive sampling target (fraction), 0 if fixed */
};

int store_campaign_begin(struct store *s, const struct campaign_info *c, int64_t *id);
/* position orders variants and workloads as the user gave them; position 0 is the base. */
int store_campaign_add_variant(struct store *s, int64_t campaign, int64_t variant, int position);
int store_campaign_add_workload(struct store *s, int64_t campaign, int64_t workload, int position);
int store_campaign_event(struct store *s, int64_t campaign, const struct counter_event *e);
/* One fact of the machine's state (see machine_collect); verdict as fact_verdict_name(). */
int store_campaign_fact(struct store *s, int64_t campaign, const char *name, const char *value,
			const char *verdict);
/* Adaptive campaigns stop early: the samples planned become those taken. */
int store_campaign_replan(struct store *s, int64_t campaign, long planned);
/* status: "complete", "interrupted" or "failed". */
int store_campaign_finish(struct store *s, int64_t campaign, const char *status);

struct sample_key {
	int64_t campaign, variant, workload;
	int round, seq, warmup;
};
int store_put_sample(struct store *s, const struct sample_key *k, const struct sample_result *r,
		     const struct counters *c);

/* Queries used by compare and report. */

/* The newest campaign that has samples; -1 with a message if none. */
int store_latest_campaign(struct store *s, int64_t *campaign);

struct campaign_summary {
	int64_t id;
	char started[32], finished[32], status[16];
	char machine[512];	/* "hostname: cpu model, N CPUs, kernel" */
	char source[160];	/* "3.13.15 (1e66a7945a48)" */
	long planned, taken;	/* samples planned and stored */
	long bad;		/* samples that failed or gave the wrong output */
	uint64_t seed;
	int samples, warmups;
	struct strv variants;	/* by position; variants.v[0] is the base */
	struct strv workloads;	/* by position */
	struct strv unsupported;	/* "event: reason" for events the machine lacked */
};
int store_campaign_summary(struct store *s, int64_t campaign, struct campaign_summary *out);
void campaign_summary_release(struct campaign_summary *cs);

/*
 * Values of one metric for the measured (non-warm-up) samples with status
 * ok of a variant on a workload in a campaign.  metric: "wall", "user",
 * "sys" (seconds), "maxrss" (KiB) or a counter event name (scaled value).
 * *values is malloc'ed (NULL when n is 0).
 */
int store_values(struct store *s, int64_t campaign, const char *variant, const char *workload,
		 const char *metric, double **values, size_t *n);

/* Count of samples of a variant/workload by status other than ok (correctness, crashes). */
int store_bad_samples(struct store *s, int64_t campaign, const char *variant, const char *workload,
		      long *count, char *what, size_t what_size);

/* Builds, for `varbench builds` and `varbench gc`. */
struct build_row {
	int64_t id;
	char key[SHA256_HEX_SIZE];
	char variant[128], compiler[160], compiler_spec[64], source[64], recorded[32];
	char prefix[1024], profile_task[256];
	double seconds;
	int64_t binary_bytes, installed_bytes, campaigns;
	char *evidence;		/* malloc'ed; may be NULL */
};
/* All builds the database knows, newest first; *rows malloc'ed. */
int store_builds(struct store *s, struct build_row **rows, size_t *n);
void store_builds_free(struct build_row *rows, size_t n);

/* Read-side queries for compare (statistics). */

/*
 * Called for every sample of a campaign, warm-ups and failures included,
 * in seq order.  value is the sample's metric, NAN when the sample did not
 * count it; taken_at is the stored UTC time ("2026-11-21T11:22:33Z").
 * Strings are valid during the call only.  A non-zero return stops the
 * walk and is returned by store_campaign_samples().
 */
typedef int (*store_sample_fn)(void *ctx, const char *variant, const char *workload, int warmup,
			       const char *status, double value, const char *taken_at);

/*
 * Walk a campaign's samples once, for one metric: "wall", "user", "sys"
 * (seconds), "maxrss" (KiB), "ipc" (instructions / cycles of the sample,
 * when it counted both and cycles > 0) or an event name (scaled value).
 * One sequential pass, so reading a million samples costs one scan
 * instead of one index search per variant and workload.  Returns 0, -1
 * after a database error, or what fn returned.
 */
int store_campaign_samples(struct store *s, int64_t campaign, const char *metric, store_sample_fn fn,
			   void *ctx);

/* The tags of the campaign's workloads by position: one space-separated list each ("" for none). */
int store_campaign_workload_tags(struct store *s, int64_t campaign, struct strv *tags);

/* Names of the events the campaign asked for (counted_only: those it could count), sorted. */
int store_campaign_events(struct store *s, int64_t campaign, int counted_only, struct strv *events);

/* Read-side queries for reports (charts, HTML, export). */

/* Everything the campaign row and its machine say. */
struct campaign_record {
	int64_t id;
	char started[32], finished[32], status[16], meter[32], hashseed[32];
	uint64_t seed;
	int samples, warmups, cpu, aslr;
	long planned;
	double target_ci;	/* adaptive target (fraction); 0 for fixed sampling */
	char *command;		/* malloc'ed */
	struct machine machine;
};
int store_campaign_record(struct store *s, int64_t campaign, struct campaign_record *out);
void campaign_record_release(struct campaign_record *r);

/* The machine facts recorded with a campaign (see machine_collect), by name. */
struct store_fact_row {
	char name[64], verdict[16];
	char *value;		/* malloc'ed */
};
int store_campaign_fact_rows(struct store *s, int64_t campaign, struct store_fact_row **rows, size_t *n);
void store_fact_rows_free(struct store_fact_row *rows, size_t n);

/* The events a campaign asked for, whether they could be counted, and why not. */
struct store_event_row {
	char name[128];
	int supported;
	char *reason;		/* malloc'ed; "" when supported */
};
int store_campaign_event_rows(struct store *s, int64_t campaign, struct store_event_row **rows, size_t *n);
void store_event_rows_free(struct store_event_row *rows, size_t n);

/* A campaign's variants by position (0 is the base) with their build and source. */
struct store_variant_row {
	int position;
	char name[128], base[128];
	char *description, *runtime_env, *python_args;
	char key[SHA256_HEX_SIZE], compiler_spec[64], recorded[32];
	char *definition, *compiler, *profile_task, *prefix, *evidence;	/* evidence may be NULL */
	double build_seconds;
	int64_t binary_bytes, installed_bytes;
	char source_version[64], source_digest[SHA256_HEX_SIZE];
	char *source_origin;
};
int store_campaign_variant_rows(struct store *s, int64_t campaign, struct store_variant_row **rows, size_t *n);
void store_variant_rows_free(struct store_variant_row *rows, size_t n);

/* A campaign's workloads by position. */
struct store_workload_row {
	int position;
	char name[128], digest[SHA256_HEX_SIZE], checksum[SHA256_HEX_SIZE];
	char *args, *tags;
};
int store_campaign_workload_rows(struct store *s, int64_t campaign, struct store_workload_row **rows, size_t *n);
void store_workload_rows_free(struct store_workload_row *rows, size_t n);

/*
 * One stored sample with every counter value it has (sorted by event).
 * Pointers are valid during the callback only; exit_code and signal are
 * -1 when the sample has none.
 */
struct store_sample_row {
	int64_t id;
	const char *variant, *workload, *status, *stdout_digest, *taken_at;
	int round, seq, warmup, exit_code, signal;
	int64_t wall_ns, user_ns, sys_ns, maxrss_kb;
	size_t ncounters;
	const char *const *events;
	const double *scaled;
	const int64_t *raw, *enabled, *running;
};
typedef int (*store_sample_row_fn)(void *ctx, const struct store_sample_row *row);
/*
 * Walk every sample of a campaign (warm-ups and failures included) in seq
 * order.  A non-zero return from fn stops the walk and is returned.
 */
int store_campaign_sample_rows(struct store *s, int64_t campaign, store_sample_row_fn fn, void *ctx);

/* Campaigns that have samples, oldest first (by start, then id). */
struct store_campaign_row {
	int64_t id;
	char started[32], status[16];
	char source[160];	/* "3.13.15 (71e10f309b39)", as campaign_summary */
	struct strv variants;	/* by position */
};
int store_campaign_rows(struct store *s, struct store_campaign_row **rows, size_t *n);
void store_campaign_rows_free(struct store_campaign_row *rows, size_t n);

#endif
