/* The results store: schema, inserts, queries, reopening and bad files. */
#include "error.h"
#include "store.h"
#include "test.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static int64_t count_rows(const char *db, const char *table)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	char *sql = xasprintf("SELECT COUNT(*) FROM %s", table);
	int64_t n = -1;

	sqlite3_open(db, &h);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	free(sql);
	return n;
}

static void fill_sample(struct sample_result *r, enum sample_status status, double wall)
{
	memset(r, 0, sizeof(*r));
	r->status = status;
	r->wall_ns = (int64_t)(wall * 1e9);
	r->user_ns = r->wall_ns / 2;
	r->maxrss_kb = 10000;
	memset(r->stdout_digest, 'a', 64);
	r->counters[0].valid = 1;
	r->counters[0].raw = 100;
	r->counters[0].scaled = 200;
	r->counters[0].enabled = 2;
	r->counters[0].running = 1;
}

int main(void)
{
	char dir[] = "/tmp/varbench-test-store-XXXXXX";
	struct store *s;
	struct machine m = { "host", "cpu", "Linux 6", 2, 0 };
	struct source src = { "/src", "/src", "3.13.15", "" };
	struct variant base = { 0 }, opt = { 0 };
	struct build_result b = { 0 };
	struct workload w = { 0 };
	struct counters ctr = { 0 };
	struct campaign_info info = { .seed = 42, .samples = 3, .warmups = 1, .cpu = 1, .planned = 8,
				      .command = "varbench test" };
	struct campaign_summary cs;
	int64_t machine_id, machine_again, source_id, build_id, base_id, opt_id, opt_again, wl_id, camp;
	double *values;
	size_t n;
	long bad;
	char what[64], *db, *path;

	CHECK(mkdtemp(dir) != NULL);
	db = xasprintf("%s/results.db", dir);

	/* Migration from an empty (absent) file. */
	CHECK(store_open(db, &s) == 0);
	CHECK(store_schema_version(s) == STORE_SCHEMA_VERSION);

	memset(src.digest, 'd', 64);
	base.name = "release";
	base.description = "";
	opt.name = "pgo";
	opt.description = "";
	opt.base = "release";
	strv_push(&opt.runtime_env, "PYTHONMALLOC=malloc");
	memset(b.key, 'k', 64);
	b.compiler = "gcc 12";
	b.prefix = "/p";
	b.log_path = "/l";
	b.seconds = 180.5;
	b.binary_bytes = 25000000;
	w.name = "nbody";
	w.description = "";
	memset(w.digest, '1', 64);
	memset(w.checksum, '2', 64);
	strv_push(&w.args, "1000");
	ctr.n = 1;
	ctr.events[0].name = "task-clock";
	ctr.events[0].supported = 1;

	CHECK(store_begin(s) == 0);
	CHECK(store_put_machine(s, &m, &machine_id) == 0);
	CHECK(store_put_machine(s, &m, &machine_again) == 0);
	CHECK(machine_id == machine_again);
	CHECK(store_put_source(s, &src, &source_id) == 0);
	CHECK(store_put_build(s, source_id, &base, &b, &build_id) == 0);
	/* Two variants sharing one build: two variant rows, one build row. */
	CHECK(store_put_variant(s, &base, build_id, &base_id) == 0);
	CHECK(store_put_variant(s, &opt, build_id, &opt_id) == 0);
	CHECK(store_put_variant(s, &opt, build_id, &opt_again) == 0);
	CHECK(base_id != opt_id && opt_id == opt_again);
	CHECK(store_put_workload(s, &w, &wl_id) == 0);
	info.machine_id = machine_id;
	CHECK(store_campaign_begin(s, &info, &camp) == 0);
	CHECK(store_campaign_add_variant(s, camp, base_id, 0) == 0);
	CHECK(store_campaign_add_variant(s, camp, opt_id, 1) == 0);
	CHECK(store_campaign_add_workload(s, camp, wl_id, 0) == 0);
	CHECK(store_commit(s) == 0);

	/* One batch: a warm-up and three samples per variant, one of them wrong. */
	CHECK(store_begin(s) == 0);
	for (int round = 0, seq = 0; round < 4; round++) {
		for (int v = 0; v < 2; v++) {
			struct sample_key k = { camp, v ? opt_id : base_id, wl_id, round, seq++, round == 0 };
			struct sample_result r;

			fill_sample(&r, v && round == 3 ? SAMPLE_WRONG_OUTPUT : SAMPLE_OK,
				    (v ? 0.9 : 1.0) + round * 0.01);
			/* Stored later than taken (campaigns write in batches): the sample's own time counts. */
			if (round == 2)
				r.taken_at = 1780272000;
			CHECK(store_put_sample(s, &k, &r, &ctr) == 0);
		}
	}
	CHECK(store_commit(s) == 0);
	CHECK(store_campaign_finish(s, camp, "complete") == 0);
	CHECK(count_rows(db, "sample WHERE taken_at = '2026-06-01T00:00:00Z'") == 2);
	CHECK(count_rows(db, "sample WHERE taken_at LIKE '20__-__-__T__:__:__Z'") == 8);

	CHECK(store_values(s, camp, "release", "nbody", "wall", &values, &n) == 0);
	CHECK(n == 3);
	if (n == 3) {
		CHECK_NEAR(values[0], 1.01, 1e-12);
		CHECK_NEAR(values[2], 1.03, 1e-12);
	}
	free(values);
	CHECK(store_values(s, camp, "pgo", "nbody", "wall", &values, &n) == 0);
	CHECK(n == 2);	/* the warm-up and the wrong-output sample are left out */
	free(values);
	CHECK(store_values(s, camp, "pgo", "nbody", "task-clock", &values, &n) == 0);
	CHECK(n == 2 && values[0] == 200);
	free(values);
	CHECK(store_bad_samples(s, camp, "pgo", "nbody", &bad, what, sizeof(what)) == 0);
	CHECK(bad == 1);
	CHECK_STR(what, "wrong-output");

	CHECK(store_campaign_summary(s, camp, &cs) == 0);
	CHECK_STR(cs.status, "complete");
	CHECK(cs.taken == 8 && cs.planned == 8 && cs.bad == 1);
	CHECK(cs.variants.n == 2 && !strcmp(cs.variants.v[0], "release"));
	CHECK(cs.workloads.n == 1);
	CHECK(strstr(cs.source, "3.13.15 (dddddddddddd)") != NULL);
	campaign_summary_release(&cs);
	CHECK(store_campaign_summary(s, 999, &cs) < 0);
	store_close(s);

	CHECK(count_rows(db, "sample") == 8);
	CHECK(count_rows(db, "counter_value") == 8);
	CHECK(count_rows(db, "build") == 1);
	CHECK(count_rows(db, "variant") == 2);

	/* Reopening keeps everything and does not migrate again. */
	CHECK(store_open(db, &s) == 0);
	CHECK(store_schema_version(s) == STORE_SCHEMA_VERSION);
	{
		int64_t latest;

		CHECK(store_latest_campaign(s, &latest) == 0 && latest == camp);
	}
	store_close(s);

	/* A file from a newer varbench is refused, not damaged. */
	{
		sqlite3 *h;

		sqlite3_open(db, &h);
		sqlite3_exec(h, "PRAGMA user_version = 99", NULL, NULL, NULL);
		sqlite3_close(h);
	}
	CHECK(store_open(db, &s) < 0);
	CHECK(strstr(error_message(), "schema version 99") != NULL);

	/* Not a database at all. */
	path = xasprintf("%s/text.db", dir);
	CHECK(write_file_atomic(path, "hello, this is text and not sqlite, padded to be long enough\n", 62) == 0);
	CHECK(store_open(path, &s) < 0);
	CHECK(strstr(error_message(), path) != NULL);
	free(path);

	/* Unwritable location. */
	CHECK(store_open("/nonexistent-dir/results.db", &s) < 0);
	CHECK(strstr(error_message(), "/nonexistent-dir/results.db") != NULL);
	CHECK(store_open_existing("/tmp/definitely-not-here.db", &s) < 0);

	/* Migration from schema 1 with data in it: rows kept, new columns get their defaults. */
	{
		char *old = xasprintf("%s/v1.db", dir);
		sqlite3 *h;
		sqlite3_stmt *st;

		CHECK(store_open_version(old, 1, &s) == 0);
		CHECK(store_schema_version(s) == 1);
		store_close(s);
		sqlite3_open(old, &h);
		CHECK(sqlite3_exec(h, "INSERT INTO machine VALUES (1, 'h', 'c', 2, 'k', 0);"
				      "INSERT INTO campaign (id, machine_id, started, status, seed, samples, warmups, "
				      "cpu, hashseed, planned, command) VALUES (1, 1, 'then', 'complete', 1, 1, 0, 0, "
				      "'0', 0, 'old')", NULL, NULL, NULL) == SQLITE_OK);
		sqlite3_close(h);
		CHECK(store_open(old, &s) == 0);
		CHECK(store_schema_version(s) == STORE_SCHEMA_VERSION);
		CHECK(store_campaign_fact(s, 1, "governor", "performance", "ok") == 0);
		store_close(s);
		sqlite3_open(old, &h);
		CHECK(sqlite3_prepare_v2(h, "SELECT meter, aslr, command FROM campaign WHERE id = 1", -1, &st, NULL) == SQLITE_OK);
		CHECK(sqlite3_step(st) == SQLITE_ROW);
		CHECK_STR((const char *)sqlite3_column_text(st, 0), "perf");
		CHECK(sqlite3_column_int(st, 1) == 1);
		CHECK_STR((const char *)sqlite3_column_text(st, 2), "old");
		sqlite3_finalize(st);
		sqlite3_close(h);
		CHECK(count_rows(old, "campaign_fact") == 1);
		free(old);
	}

	strv_release(&opt.runtime_env);
	strv_release(&w.args);
	remove_tree(dir);
	free(db);
	return test_done();
}
