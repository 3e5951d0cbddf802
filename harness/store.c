#include "store.h"
#include "error.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct store {
	sqlite3 *db;
	char *path;
	/* Prepared once: a campaign inserts them thousands of times. */
	sqlite3_stmt *insert_sample, *insert_counter;
};

/*
 * Migrations, in order: migrations[i] takes user_version i to i + 1.
 * Never edit a released step; append a new one.
 */
static const char *const migrations[] = {
	"CREATE TABLE machine ("
	"  id INTEGER PRIMARY KEY,"
	"  hostname TEXT NOT NULL, cpu_model TEXT NOT NULL, cpus INTEGER NOT NULL,"
	"  kernel TEXT NOT NULL, pmu INTEGER NOT NULL,"
	"  UNIQUE (hostname, cpu_model, cpus, kernel, pmu));"
	"CREATE TABLE source ("
	"  id INTEGER PRIMARY KEY,"
	"  digest TEXT NOT NULL UNIQUE, version TEXT NOT NULL, origin TEXT NOT NULL);"
	"CREATE TABLE build ("
	"  id INTEGER PRIMARY KEY,"
	"  key TEXT NOT NULL UNIQUE,"
	"  source_id INTEGER NOT NULL REFERENCES source(id),"
	"  definition TEXT NOT NULL, compiler TEXT NOT NULL, profile_task TEXT,"
	"  prefix TEXT NOT NULL, log_path TEXT NOT NULL,"
	"  build_seconds REAL NOT NULL, binary_bytes INTEGER NOT NULL,"
	"  installed_bytes INTEGER NOT NULL, recorded TEXT NOT NULL);"
	"CREATE TABLE variant ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  build_id INTEGER NOT NULL REFERENCES build(id),"
	"  runtime_env TEXT NOT NULL, python_args TEXT NOT NULL,"
	"  description TEXT NOT NULL, base TEXT,"
	"  UNIQUE (name, build_id, runtime_env, python_args));"
	"CREATE TABLE workload ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL, digest TEXT NOT NULL, args TEXT NOT NULL,"
	"  checksum TEXT NOT NULL, tags TEXT NOT NULL,"
	"  UNIQUE (name, digest, args, checksum));"
	"CREATE TABLE campaign ("
	"  id INTEGER PRIMARY KEY,"
	"  machine_id INTEGER NOT NULL REFERENCES machine(id),"
	"  started TEXT NOT NULL, finished TEXT,"
	"  status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'interrupted', 'failed')),"
	"  seed INTEGER NOT NULL, samples INTEGER NOT NULL, warmups INTEGER NOT NULL,"
	"  cpu INTEGER NOT NULL, hashseed TEXT NOT NULL, planned INTEGER NOT NULL,"
	"  command TEXT NOT NULL);"
	"CREATE TABLE campaign_variant ("
	"  campaign_id INTEGER NOT NULL REFERENCES campaign(id),"
	"  variant_id INTEGER NOT NULL REFERENCES variant(id),"
	"  position INTEGER NOT NULL,"
	"  PRIMARY KEY (campaign_id, variant_id), UNIQUE (campaign_id, position));"
	"CREATE TABLE campaign_workload ("
	"  campaign_id INTEGER NOT NULL REFERENCES campaign(id),"
	"  workload_id INTEGER NOT NULL REFERENCES workload(id),"
	"  position INTEGER NOT NULL,"
	"  PRIMARY KEY (campaign_id, workload_id), UNIQUE (campaign_id, position));"
	"CREATE TABLE campaign_event ("
	"  campaign_id INTEGER NOT NULL REFERENCES campaign(id),"
	"  event TEXT NOT NULL, supported INTEGER NOT NULL, reason TEXT,"
	"  PRIMARY KEY (campaign_id, event));"
	"CREATE TABLE sample ("
	"  id INTEGER PRIMARY KEY,"
	"  campaign_id INTEGER NOT NULL REFERENCES campaign(id),"
	"  variant_id INTEGER NOT NULL REFERENCES variant(id),"
	"  workload_id INTEGER NOT NULL REFERENCES workload(id),"
	"  round INTEGER NOT NULL, seq INTEGER NOT NULL, warmup INTEGER NOT NULL,"
	"  status TEXT NOT NULL CHECK (status IN ('ok', 'wrong-output', 'failed', 'crashed', 'timeout')),"
	"  exit_code INTEGER, signal INTEGER,"
	"  wall_ns INTEGER NOT NULL, user_ns INTEGER NOT NULL, sys_ns INTEGER NOT NULL,"
	"  maxrss_kb INTEGER NOT NULL, stdout_digest TEXT NOT NULL, stderr_tail TEXT,"
	"  taken_at TEXT NOT NULL,"
	"  UNIQUE (campaign_id, seq));"
	"CREATE INDEX sample_by_cell ON sample (campaign_id, variant_id, workload_id);"
	"CREATE TABLE counter_value ("
	"  sample_id INTEGER NOT NULL REFERENCES sample(id) ON DELETE CASCADE,"
	"  event TEXT NOT NULL,"
	"  raw INTEGER NOT NULL, scaled REAL NOT NULL,"
	"  time_enabled INTEGER NOT NULL, time_running INTEGER NOT NULL,"
	"  PRIMARY KEY (sample_id, event)) WITHOUT ROWID;",

	/* 2: how samples were measured, and the machine's state with each campaign. */
	"ALTER TABLE campaign ADD COLUMN meter TEXT NOT NULL DEFAULT 'perf';"
	"ALTER TABLE campaign ADD COLUMN aslr INTEGER NOT NULL DEFAULT 1;"
	"ALTER TABLE campaign ADD COLUMN target_ci REAL;"
	"ALTER TABLE campaign_event ADD COLUMN group_no INTEGER;"
	"CREATE TABLE campaign_fact ("
	"  campaign_id INTEGER NOT NULL REFERENCES campaign(id),"
	"  name TEXT NOT NULL, value TEXT NOT NULL,"
	"  verdict TEXT NOT NULL CHECK (verdict IN ('info', 'ok', 'warning', 'problem')),"
	"  PRIMARY KEY (campaign_id, name));",

	/* 3: what each build really is, and with which compiler of the axis. */
	"ALTER TABLE build ADD COLUMN evidence TEXT;"
	"ALTER TABLE build ADD COLUMN compiler_spec TEXT;"
	"ALTER TABLE build ADD COLUMN variant TEXT;",

	/* 4: campaign headers count failed samples without reading every row. */
	"CREATE INDEX sample_by_status ON sample (campaign_id, status);",
};

#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(*migrations)))

static int db_error(struct store *s, const char *what)
{
	return error_set("database '%s': %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

static int exec(struct store *s, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		error_set("database '%s': %s", s->path, msg ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int prepare(struct store *s, const char *sql, sqlite3_stmt **st)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
		return db_error(s, "prepare");
	return 0;
}

/* Step a statement that returns nothing (or ignore rows); finalize it. */
static int run(struct store *s, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_error(s, what);
	return 0;
}

static int query_int(struct store *s, const char *sql, int64_t *out)
{
	sqlite3_stmt *st;
	int rc;

	if (prepare(s, sql, &st) < 0)
		return -1;
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_error(s, sql);
}

int store_schema_version(struct store *s)
{
	int64_t v = -1;

	query_int(s, "PRAGMA user_version", &v);
	return (int)v;
}

static int migrate(struct store *s, int target)
{
	int version = store_schema_version(s);

	if (version > NMIGRATIONS)
		return error_set("database '%s' has schema version %d, newer than this varbench knows (%d); "
				 "use a newer varbench or another --db", s->path, version, NMIGRATIONS);
	for (; version < target; version++) {
		char pragma[64];

		if (exec(s, "BEGIN IMMEDIATE") < 0)
			return -1;
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", version + 1);
		if (exec(s, migrations[version]) < 0 || exec(s, pragma) < 0) {
			exec(s, "ROLLBACK");
			return error_prefix("cannot migrate to schema version %d", version + 1);
		}
		if (exec(s, "COMMIT") < 0)
			return -1;
	}
	return 0;
}

int store_open(const char *path, struct store **out)
{
	return store_open_version(path, NMIGRATIONS, out);
}

int store_open_version(const char *path, int version, struct store **out)
{
	struct store *s = xcalloc(1, sizeof(*s));
	int rc;

	s->path = xstrdup(path);
	rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		error_set("cannot open database '%s': %s (choose another file with --db)", path,
			  s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
		goto fail;
	}
	sqlite3_busy_timeout(s->db, 10000);
	/* The first real read tells whether the file is a database at all. */
	/*
	 * WAL with synchronous=NORMAL: a crash of varbench or the machine never
	 * corrupts the file; a power cut may lose the last rounds, not more.
	 * FULL would fsync every round and cost more than a sample.
	 */
	if (exec(s, "PRAGMA journal_mode = WAL") < 0 || exec(s, "PRAGMA synchronous = NORMAL") < 0 ||
	    exec(s, "PRAGMA foreign_keys = ON") < 0 ||
	    migrate(s, version < NMIGRATIONS ? version : NMIGRATIONS) < 0) {
		error_prefix("cannot use database '%s'", path);
		goto fail;
	}
	*out = s;
	return 0;
fail:
	store_close(s);
	return -1;
}

int store_open_existing(const char *path, struct store **out)
{
	if (!path_exists(path))
		return error_set("no database '%s' (give --db FILE, or measure first with `varbench campaign`)", path);
	return store_open(path, out);
}

void store_close(struct store *s)
{
	if (!s)
		return;
	sqlite3_finalize(s->insert_sample);
	sqlite3_finalize(s->insert_counter);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

int store_begin(struct store *s)
{
	return exec(s, "BEGIN IMMEDIATE");
}

int store_commit(struct store *s)
{
	return exec(s, "COMMIT");
}

void store_rollback(struct store *s)
{
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

static void bind_text(sqlite3_stmt *st, int i, const char *text)
{
	if (text)
		sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

/*
 * Insert-or-find for rows identified by their UNIQUE columns: the insert
 * is ignored when the row exists, then the select (same bindings) finds it.
 */
static int upsert_id(struct store *s, sqlite3_stmt *insert, sqlite3_stmt *select, int64_t *id,
		     const char *what)
{
	int rc = sqlite3_step(insert);

	sqlite3_finalize(insert);
	if (rc != SQLITE_DONE) {
		sqlite3_finalize(select);
		return db_error(s, what);
	}
	rc = sqlite3_step(select);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(select);
		return db_error(s, what);
	}
	*id = sqlite3_column_int64(select, 0);
	sqlite3_finalize(select);
	return 0;
}

int store_put_machine(struct store *s, const struct machine *m, int64_t *id)
{
	sqlite3_stmt *ins, *sel;

	if (prepare(s, "INSERT OR IGNORE INTO machine (hostname, cpu_model, cpus, kernel, pmu) "
		       "VALUES (?1, ?2, ?3, ?4, ?5)", &ins) < 0)
		return -1;
	if (prepare(s, "SELECT id FROM machine WHERE hostname = ?1 AND cpu_model = ?2 AND cpus = ?3 "
		       "AND kernel = ?4 AND pmu = ?5", &sel) < 0) {
		sqlite3_finalize(ins);
		return -1;
	}
	for (int i = 0; i < 2; i++) {
		sqlite3_stmt *st = i ? sel : ins;

		bind_text(st, 1, m->hostname);
		bind_text(st, 2, m->cpu_model);
		sqlite3_bind_int(st, 3, m->cpus);
		bind_text(st, 4, m->kernel);
		sqlite3_bind_int(st, 5, m->pmu);
	}
	return upsert_id(s, ins, sel, id, "store machine");
}

int store_put_source(struct store *s, const struct source *src, int64_t *id)
{
	sqlite3_stmt *ins, *sel;

	if (prepare(s, "INSERT OR IGNORE INTO source (digest, version, origin) VALUES (?1, ?2, ?3)", &ins) < 0)
		return -1;
	if (prepare(s, "SELECT id FROM source WHERE digest = ?1", &sel) < 0) {
		sqlite3_finalize(ins);
		return -1;
	}
	bind_text(ins, 1, src->digest);
	bind_text(ins, 2, src->version);
	bind_text(ins, 3, src->origin);
	bind_text(sel, 1, src->digest);
	return upsert_id(s, ins, sel, id, "store source");
}

int store_put_build(struct store *s, int64_t source_id, const struct variant *v,
		    const struct build_result *b, int64_t *id)
{
	char *def = variant_build_definition(v);
	sqlite3_stmt *ins, *sel;
	char now[32];

	format_utc_now(now, sizeof(now));
	/* A rebuild under the same key refreshes the facts of the row. */
	if (prepare(s, "INSERT INTO build (key, source_id, definition, compiler, profile_task, prefix, "
		       "log_path, build_seconds, binary_bytes, installed_bytes, recorded, evidence, compiler_spec, "
		       "variant) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
		       "ON CONFLICT (key) DO UPDATE SET build_seconds = excluded.build_seconds, "
		       "binary_bytes = excluded.binary_bytes, installed_bytes = excluded.installed_bytes, "
		       "prefix = excluded.prefix, log_path = excluded.log_path, "
		       "evidence = COALESCE(excluded.evidence, build.evidence)", &ins) < 0) {
		free(def);
		return -1;
	}
	if (prepare(s, "SELECT id FROM build WHERE key = ?1", &sel) < 0) {
		sqlite3_finalize(ins);
		free(def);
		return -1;
	}
	bind_text(ins, 1, b->key);
	sqlite3_bind_int64(ins, 2, source_id);
	bind_text(ins, 3, def);
	bind_text(ins, 4, b->compiler);
	bind_text(ins, 5, b->profile_task);
	bind_text(ins, 6, b->prefix);
	bind_text(ins, 7, b->log_path);
	sqlite3_bind_double(ins, 8, b->seconds);
	sqlite3_bind_int64(ins, 9, (sqlite3_int64)b->binary_bytes);
	sqlite3_bind_int64(ins, 10, (sqlite3_int64)b->installed_bytes);
	bind_text(ins, 11, now);
	bind_text(ins, 12, b->evidence);
	bind_text(ins, 13, b->compiler_spec);
	bind_text(ins, 14, v->name);
	bind_text(sel, 1, b->key);
	free(def);
	return upsert_id(s, ins, sel, id, "store build");
}

int store_put_variant(struct store *s, const struct variant *v, int64_t build_id, int64_t *id)
{
	char *env = strv_join(&v->runtime_env, " ");
	char *args = strv_join(&v->python_args, " ");
	sqlite3_stmt *ins, *sel;
	int ret = -1;

	if (prepare(s, "INSERT OR IGNORE INTO variant (name, build_id, runtime_env, python_args, "
		       "description, base) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &ins) < 0)
		goto out;
	if (prepare(s, "SELECT id FROM variant WHERE name = ?1 AND build_id = ?2 AND runtime_env = ?3 "
		       "AND python_args = ?4", &sel) < 0) {
		sqlite3_finalize(ins);
		goto out;
	}
	for (int i = 0; i < 2; i++) {
		sqlite3_stmt *st = i ? sel : ins;

		bind_text(st, 1, v->name);
		sqlite3_bind_int64(st, 2, build_id);
		bind_text(st, 3, env);
		bind_text(st, 4, args);
	}
	bind_text(ins, 5, v->description);
	bind_text(ins, 6, v->base);
	ret = upsert_id(s, ins, sel, id, "store variant");
out:
	free(env);
	free(args);
	return ret;
}

int store_put_workload(struct store *s, const struct workload *w, int64_t *id)
{
	char *args = strv_join(&w->args, " ");
	char *tags = strv_join(&w->tags, " ");
	sqlite3_stmt *ins, *sel;
	int ret = -1;

	if (prepare(s, "INSERT OR IGNORE INTO workload (name, digest, args, checksum, tags) "
		       "VALUES (?1, ?2, ?3, ?4, ?5)", &ins) < 0)
		goto out;
	if (prepare(s, "SELECT id FROM workload WHERE name = ?1 AND digest = ?2 AND args = ?3 "
		       "AND checksum = ?4", &sel) < 0) {
		sqlite3_finalize(ins);
		goto out;
	}
	for (int i = 0; i < 2; i++) {
		sqlite3_stmt *st = i ? sel : ins;

		bind_text(st, 1, w->name);
		bind_text(st, 2, w->digest);
		bind_text(st, 3, args);
		bind_text(st, 4, w->checksum);
	}
	bind_text(ins, 5, tags);
	ret = upsert_id(s, ins, sel, id, "store workload");
out:
	free(args);
	free(tags);
	return ret;
}

int store_campaign_begin(struct store *s, const struct campaign_info *c, int64_t *id)
{
	sqlite3_stmt *st;
	char now[32];

	format_utc_now(now, sizeof(now));
	if (prepare(s, "INSERT INTO campaign (machine_id, started, status, seed, samples, warmups, cpu, "
		       "hashseed, planned, command, meter, aslr, target_ci) "
		       "VALUES (?1, ?2, 'running', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
		    &st) < 0)
		return -1;
	bind_text(st, 10, c->meter ? c->meter : "perf");
	sqlite3_bind_int(st, 11, !c->no_aslr);
	if (c->target_ci > 0)
		sqlite3_bind_double(st, 12, c->target_ci);
	sqlite3_bind_int64(st, 1, c->machine_id);
	bind_text(st, 2, now);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)c->seed);
	sqlite3_bind_int(st, 4, c->samples);
	sqlite3_bind_int(st, 5, c->warmups);
	sqlite3_bind_int(st, 6, c->cpu);
	bind_text(st, 7, RUNNER_HASHSEED);
	sqlite3_bind_int64(st, 8, c->planned);
	bind_text(st, 9, c->command);
	if (run(s, st, "start campaign") < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

static int link_row(struct store *s, const char *sql, int64_t campaign, int64_t other, int position)
{
	sqlite3_stmt *st;

	if (prepare(s, sql, &st) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, campaign);
	sqlite3_bind_int64(st, 2, other);
	sqlite3_bind_int(st, 3, position);
	return run(s, st, "record campaign members");
}

int store_campaign_add_variant(struct store *s, int64_t campaign, int64_t variant, int position)
{
	return link_row(s, "INSERT INTO campaign_variant (campaign_id, variant_id, position) VALUES (?1, ?2, ?3)",
			campaign, variant, position);
}

int store_campaign_add_workload(struct store *s, int64_t campaign, int64_t workload, int position)
{
	return link_row(s, "INSERT INTO campaign_workload (campaign_id, workload_id, position) VALUES (?1, ?2, ?3)",
			campaign, workload, position);
}

int store_campaign_event(struct store *s, int64_t campaign, const struct counter_event *e)
{
	sqlite3_stmt *st;

	if (prepare(s, "INSERT OR REPLACE INTO campaign_event (campaign_id, event, supported, reason, group_no) "
		       "VALUES (?1, ?2, ?3, ?4, ?5)", &st) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, campaign);
	bind_text(st, 2, e->name);
	sqlite3_bind_int(st, 3, e->supported);
	bind_text(st, 4, e->reason);
	if (e->group >= 0)
		sqlite3_bind_int(st, 5, e->group);
	return run(s, st, "record event");
}

int store_campaign_fact(struct store *s, int64_t campaign, const char *name, const char *value,
			const char *verdict)
{
	sqlite3_stmt *st;

	if (prepare(s, "INSERT OR REPLACE INTO campaign_fact (campaign_id, name, value, verdict) "
		       "VALUES (?1, ?2, ?3, ?4)", &st) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, campaign);
	bind_text(st, 2, name);
	bind_text(st, 3, value);
	bind_text(st, 4, verdict);
	return run(s, st, "record machine fact");
}

int store_campaign_replan(struct store *s, int64_t campaign, long planned)
{
	sqlite3_stmt *st;

	if (prepare(s, "UPDATE campaign SET planned = ?1 WHERE id = ?2", &st) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, planned);
	sqlite3_bind_int64(st, 2, campaign);
	return run(s, st, "update campaign");
}

int store_campaign_finish(struct store *s, int64_t campaign, const char *status)
{
	sqlite3_stmt *st;
	char now[32];

	format_utc_now(now, sizeof(now));
	if (prepare(s, "UPDATE campaign SET status = ?1, finished = ?2 WHERE id = ?3", &st) < 0)
		return -1;
	bind_text(st, 1, status);
	bind_text(st, 2, now);
	sqlite3_bind_int64(st, 3, campaign);
	return run(s, st, "finish campaign");
}

static int put_counter(struct store *s, int64_t sample_id, const char *event, uint64_t raw, double scaled,
		       uint64_t enabled, uint64_t running)
{
	sqlite3_stmt *st = s->insert_counter;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, sample_id);
	bind_text(st, 2, event);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)raw);
	sqlite3_bind_double(st, 4, scaled);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)enabled);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)running);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_error(s, "store counter value");
	return 0;
}

int store_put_sample(struct store *s, const struct sample_key *k, const struct sample_result *r,
		     const struct counters *c)
{
	sqlite3_stmt *st;
	int64_t sample_id;
	char now[32];

	if (!s->insert_sample &&
	    prepare(s, "INSERT INTO sample (campaign_id, variant_id, workload_id, round, seq, warmup, status, "
		       "exit_code, signal, wall_ns, user_ns, sys_ns, maxrss_kb, stdout_digest, stderr_tail, "
		       "taken_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
		       &s->insert_sample) < 0)
		return -1;
	if (!s->insert_counter &&
	    prepare(s, "INSERT INTO counter_value (sample_id, event, raw, scaled, time_enabled, time_running) "
		       "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &s->insert_counter) < 0)
		return -1;
	st = s->insert_sample;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	/* Samples are stored in batches: the time is the sample's own, when it has one. */
	if (r->taken_at)
		format_utc((time_t)r->taken_at, now, sizeof(now));
	else
		format_utc_now(now, sizeof(now));
	sqlite3_bind_int64(st, 1, k->campaign);
	sqlite3_bind_int64(st, 2, k->variant);
	sqlite3_bind_int64(st, 3, k->workload);
	sqlite3_bind_int(st, 4, k->round);
	sqlite3_bind_int(st, 5, k->seq);
	sqlite3_bind_int(st, 6, k->warmup);
	bind_text(st, 7, sample_status_name(r->status));
	if (r->status == SAMPLE_FAILED || r->status == SAMPLE_OK || r->status == SAMPLE_WRONG_OUTPUT)
		sqlite3_bind_int(st, 8, r->exit_code);
	if (r->status == SAMPLE_CRASHED)
		sqlite3_bind_int(st, 9, r->signal);
	sqlite3_bind_int64(st, 10, r->wall_ns);
	sqlite3_bind_int64(st, 11, r->user_ns);
	sqlite3_bind_int64(st, 12, r->sys_ns);
	sqlite3_bind_int64(st, 13, r->maxrss_kb);
	bind_text(st, 14, r->stdout_digest);
	bind_text(st, 15, r->status == SAMPLE_OK ? NULL : r->stderr_tail);
	bind_text(st, 16, now);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_error(s, "store sample");
	sample_id = sqlite3_last_insert_rowid(s->db);

	for (size_t i = 0; c && i < c->n; i++) {
		const struct counter_reading *cr = &r->counters[i];

		if (cr->valid && put_counter(s, sample_id, c->events[i].name, cr->raw, cr->scaled, cr->enabled,
					     cr->running) < 0)
			return -1;
	}
	if (r->valgrind_ir && put_counter(s, sample_id, RUNNER_VALGRIND_EVENT, r->valgrind_ir, (double)r->valgrind_ir,
					  (uint64_t)r->wall_ns, (uint64_t)r->wall_ns) < 0)
		return -1;
	return 0;
}

int store_latest_campaign(struct store *s, int64_t *campaign)
{
	if (query_int(s, "SELECT COALESCE(MAX(campaign_id), 0) FROM sample", campaign) < 0)
		return -1;
	if (!*campaign)
		return error_set("database '%s' has no samples yet; run `varbench run` or `varbench campaign` first",
				 s->path);
	return 0;
}

static void column_copy(sqlite3_stmt *st, int col, char *out, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	snprintf(out, size, "%s", t ? (const char *)t : "");
}

static int collect_names(struct store *s, const char *sql, int64_t campaign, struct strv *out)
{
	sqlite3_stmt *st;
	int rc;

	if (prepare(s, sql, &st) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, campaign);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		strv_push(out, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_error(s, "read campaign");
}

int store_campaign_summary(struct store *s, int64_t campaign, struct campaign_summary *cs)
{
	sqlite3_stmt *st;
	int rc;

	memset(cs, 0, sizeof(*cs));
	cs->id = campaign;
	if (prepare(s, "SELECT c.started, COALESCE(c.finished, ''), c.status, c.planned, c.seed, c.samples, "
		       "c.warmups, m.hostname || ': ' || m.cpu_model || ', ' || m.cpus || ' CPUs, ' || m.kernel, "
		       "(SELECT COUNT(*) FROM sample WHERE campaign_id = c.id), "
		       "(SELECT COUNT(*) FROM sample WHERE campaign_id = c.id AND status != 'ok') "
		       "FROM campaign c JOIN machine m ON m.id = c.machine_id WHERE c.id = ?1", &st) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, campaign);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return rc == SQLITE_DONE ? error_set("no campaign %lld in '%s'", (long long)campaign, s->path)
					 : db_error(s, "read campaign");
	}
	column_copy(st, 0, cs->started, sizeof(cs->started));
	column_copy(st, 1, cs->finished, sizeof(cs->finished));
	column_copy(st, 2, cs->status, sizeof(cs->status));
	cs->planned = sqlite3_column_int64(st, 3);
	cs->seed = (uint64_t)sqlite3_column_int64(st, 4);
	cs->samples = sqlite3_column_int(st, 5);
	cs->warmups = sqlite3_column_int(st, 6);
	column_copy(st, 7, cs->machine, sizeof(cs->machine));
	cs->taken = sqlite3_column_int64(st, 8);
	cs->bad = sqlite3_column_int64(st, 9);
	sqlite3_finalize(st);

	if (prepare(s, "SELECT DISTINCT so.version || ' (' || substr(so.digest, 1, 12) || ')' "
		       "FROM campaign_variant cv JOIN variant v ON v.id = cv.variant_id "
		       "JOIN build b ON b.id = v.build_id JOIN source so ON so.id = b.source_id "
		       "WHERE cv.campaign_id = ?1", &st) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, campaign);
	while (sqlite3_step(st) == SQLITE_ROW) {
		size_t len = strlen(cs->source);

		snprintf(cs->source + len, sizeof(cs->source) - len, "%s%s", len ? ", " : "",
			 (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);

	if (collect_names(s, "SELECT v.name FROM campaign_variant cv JOIN variant v ON v.id = cv.variant_id "
			     "WHERE cv.campaign_id = ?1 ORDER BY cv.position", campaign, &cs->variants) < 0 ||
	    collect_names(s, "SELECT w.name FROM campaign_workload cw JOIN workload w ON w.id = cw.workload_id "
			     "WHERE cw.campaign_id = ?1 ORDER BY cw.position", campaign, &cs->workloads) < 0 ||
	    collect_names(s, "SELECT event || ': ' || COALESCE(reason, 'unsupported') FROM campaign_event "
			     "WHERE campaign_id = ?1 AND supported = 0 ORDER BY event", campaign, &cs->unsupported) < 0) {
		campaign_summary_release(cs);
		return -1;
	}
	return 0;
}

void campaign_summary_release(struct campaign_summary *cs)
{
	strv_release(&cs->variants);
	strv_release(&cs->workloads);
	strv_release(&cs->unsupported);
}

int store_values(struct store *s, int64_t campaign, const char *variant, const char *workload,
		 const char *metric, double **values, size_t *n)
{
	static const struct { const char *name, *expr; } columns[] = {
		{ "wall", "s.wall_ns / 1e9" },
		{ "user", "s.user_ns / 1e9" },
		{ "sys", "s.sys_ns / 1e9" },
		{ "maxrss", "s.maxrss_kb * 1.0" },
	};
	const char *expr = NULL;
	sqlite3_stmt *st;
	size_t cap = 0;
	char *sql;
	int rc;

	for (size_t i = 0; i < sizeof(columns) / sizeof(*columns); i++)
		if (!strcmp(metric, columns[i].name))
			expr = columns[i].expr;
	/* Column expressions come from the table above, never from the user. */
	if (expr)
		sql = xasprintf("SELECT %s FROM sample s "
				"JOIN campaign_variant cv ON cv.campaign_id = s.campaign_id AND cv.variant_id = s.variant_id "
				"JOIN variant v ON v.id = s.variant_id "
				"JOIN campaign_workload cw ON cw.campaign_id = s.campaign_id AND cw.workload_id = s.workload_id "
				"JOIN workload w ON w.id = s.workload_id "
				"WHERE s.campaign_id = ?1 AND v.name = ?2 AND w.name = ?3 AND s.warmup = 0 "
				"AND s.status = 'ok' ORDER BY s.seq", expr);
	else
		sql = xstrdup("SELECT c.scaled FROM sample s "
			      "JOIN counter_value c ON c.sample_id = s.id AND c.event = ?4 "
			      "JOIN variant v ON v.id = s.variant_id "
			      "JOIN workload w ON w.id = s.workload_id "
			      "WHERE s.campaign_id = ?1 AND v.name = ?2 AND w.name = ?3 AND s.warmup = 0 "
			      "AND s.status = 'ok' ORDER BY s.seq");
	rc = prepare(s, sql, &st);
	free(sql);
	if (rc < 0)
		return -1;
	sqlite3_bind_int64(st, 1, campaign);
	bind_text(st, 2, variant);
	bind_text(st, 3, workload);
	if (!expr)
		bind_text(st, 4, metric);
	*values = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap)
			*values = xrealloc(*values, (cap = cap ? 2 * cap : 16) * sizeof(**values));
		(*values)[(*n)++] = sqlite3_column_double(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(*values);
		*values = NULL;
		return db_error(s, "read samples");
	}
	return 0;
}

int store_bad_samples(struct store *s, int64_t campaign, const char *variant, const char *workload,
		      long *count, char *what, size_t what_size)
{
	sqlite3_stmt *st;
	int rc;

	if (prepare(s, "SELECT COUNT(*), COALESCE(GROUP_CONCAT(DISTINCT s.status), '') FROM sample s "
		       "JOIN variant v ON v.id = s.variant_id JOIN workload w ON w.id = s.workload_id "
		       "WHERE s.campaign_id = ?1 AND v.name = ?2 AND w.name = ?3 AND s.status != 'ok'", &st) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, campaign);
	bind_text(st, 2, variant);
	bind_text(st, 3, workload);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return db_error(s, "read samples");
	}
	*count = sqlite3_column_int64(st, 0);
	column_copy(st, 1, what, what_size);
	sqlite3_finalize(st);
	return 0;
}

int store_builds(struct store *s, struct build_row **rows, size_t *n)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if (prepare(s, "SELECT b.id, b.key, COALESCE(b.variant, ''), b.compiler, COALESCE(b.compiler_spec, ''), "
		       "so.version || ' ' || substr(so.digest, 1, 12), b.recorded, b.prefix, "
		       "COALESCE(b.profile_task, ''), b.build_seconds, b.binary_bytes, b.installed_bytes, "
		       "(SELECT COUNT(DISTINCT cv.campaign_id) FROM variant v JOIN campaign_variant cv "
		       " ON cv.variant_id = v.id WHERE v.build_id = b.id), b.evidence "
		       "FROM build b JOIN source so ON so.id = b.source_id ORDER BY b.id DESC", &st) < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct build_row *r;

		if (*n == cap)
			*rows = xrealloc(*rows, (cap = cap ? 2 * cap : 16) * sizeof(**rows));
		r = &(*rows)[(*n)++];
		memset(r, 0, sizeof(*r));
		r->id = sqlite3_column_int64(st, 0);
		column_copy(st, 1, r->key, sizeof(r->key));
		column_copy(st, 2, r->variant, sizeof(r->variant));
		column_copy(st, 3, r->compiler, sizeof(r->compiler));
		column_copy(st, 4, r->compiler_spec, sizeof(r->compiler_spec));
		column_copy(st, 5, r->source, sizeof(r->source));
		column_copy(st, 6, r->recorded, sizeof(r->recorded));
		column_copy(st, 7, r->prefix, sizeof(r->prefix));
		column_copy(st, 8, r->profile_task, sizeof(r->profile_task));
		r->seconds = sqlite3_column_double(st, 9);
		r->binary_bytes = sqlite3_column_int64(st, 10);
		r->installed_bytes = sqlite3_column_int64(st, 11);
		r->campaigns = sqlite3_column_int64(st, 12);
		if (sqlite3_column_type(st, 13) != SQLITE_NULL)
			r->evidence = xstrdup((const char *)sqlite3_column_text(st, 13));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_builds_free(*rows, *n);
		return db_error(s, "read builds");
	}
	return 0;
}

void store_builds_free(struct build_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(rows[i].evidence);
	free(rows);
}

/* Read-side queries for compare (statistics). */

/* The common part of store_campaign_samples()'s statements (compile-time text). */
#define SAMPLES_FROM \
	" FROM sample s JOIN variant v ON v.id = s.variant_id JOIN workload w ON w.id = s.workload_id"
#define SAMPLES_WHERE " WHERE s.campaign_id = ?1 ORDER BY s.seq"

int store_campaign_samples(struct store *s, int64_t campaign, const char *metric, store_sample_fn fn,
			   void *ctx)
{
	/* Complete statements, chosen by name: nothing the user typed becomes SQL. */
	static const struct { const char *metric, *sql; } fixed[] = {
		{ "wall", "SELECT v.name, w.name, s.warmup, s.status, s.wall_ns / 1e9, s.taken_at"
			  SAMPLES_FROM SAMPLES_WHERE },
		{ "user", "SELECT v.name, w.name, s.warmup, s.status, s.user_ns / 1e9, s.taken_at"
			  SAMPLES_FROM SAMPLES_WHERE },
		{ "sys", "SELECT v.name, w.name, s.warmup, s.status, s.sys_ns / 1e9, s.taken_at"
			 SAMPLES_FROM SAMPLES_WHERE },
		{ "maxrss", "SELECT v.name, w.name, s.warmup, s.status, s.maxrss_kb * 1.0, s.taken_at"
			    SAMPLES_FROM SAMPLES_WHERE },
		{ "ipc", "SELECT v.name, w.name, s.warmup, s.status, ci.scaled / cc.scaled, s.taken_at"
			 SAMPLES_FROM
			 " LEFT JOIN counter_value ci ON ci.sample_id = s.id AND ci.event = 'instructions'"
			 " LEFT JOIN counter_value cc ON cc.sample_id = s.id AND cc.event = 'cycles' AND cc.scaled > 0"
			 SAMPLES_WHERE },
		{ "branch-mpki", "SELECT v.name, w.name, s.warmup, s.status, 1000.0 * cb.scaled / ci.scaled, s.taken_at"
			 SAMPLES_FROM
			 " LEFT JOIN counter_value cb ON cb.sample_id = s.id AND cb.event = 'branch-misses'"
			 " LEFT JOIN counter_value ci ON ci.sample_id = s.id AND ci.event = 'instructions' AND ci.scaled > 0"
			 SAMPLES_WHERE },
		{ "cache-mpki", "SELECT v.name, w.name, s.warmup, s.status, 1000.0 * cm.scaled / ci.scaled, s.taken_at"
			 SAMPLES_FROM
			 " LEFT JOIN counter_value cm ON cm.sample_id = s.id AND cm.event = 'cache-misses'"
			 " LEFT JOIN counter_value ci ON ci.sample_id = s.id AND ci.event = 'instructions' AND ci.scaled > 0"
			 SAMPLES_WHERE },
		/* CPU time the workload got per wall second: below 1 means it waited (I/O, preemption). */
		{ "cpu-util", "SELECT v.name, w.name, s.warmup, s.status, ct.scaled / NULLIF(s.wall_ns, 0), s.taken_at"
			 SAMPLES_FROM
			 " LEFT JOIN counter_value ct ON ct.sample_id = s.id AND ct.event = 'task-clock'"
			 SAMPLES_WHERE },
	};
	static const char event_sql[] = "SELECT v.name, w.name, s.warmup, s.status, c.scaled, s.taken_at"
		SAMPLES_FROM " LEFT JOIN counter_value c ON c.sample_id = s.id AND c.event = ?2" SAMPLES_WHERE;
	const char *sql = event_sql;
	sqlite3_stmt *st;
	int rc, stop = 0;

	for (size_t i = 0; i < sizeof(fixed) / sizeof(*fixed); i++)
		if (!strcmp(metric, fixed[i].metric))
			sql = fixed[i].sql;
	if (prepare(s, sql, &st) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, campaign);
	if (sql == event_sql)
		bind_text(st, 2, metric);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(ctx, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
			  sqlite3_column_int(st, 2), (const char *)sqlite3_column_text(st, 3),
			  sqlite3_column_type(st, 4) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 4),
			  (const char *)sqlite3_column_text(st, 5));
	sqlite3_finalize(st);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? 0 : db_error(s, "read samples");
}

int store_campaign_workload_tags(struct store *s, int64_t campaign, struct strv *tags)
{
	return collect_names(s, "SELECT w.tags FROM campaign_workload cw JOIN workload w ON w.id = cw.workload_id "
			     "WHERE cw.campaign_id = ?1 ORDER BY cw.position", campaign, tags);
}

int store_campaign_events(struct store *s, int64_t campaign, int counted_only, struct strv *events)
{
	if (counted_only)
		return collect_names(s, "SELECT event FROM campaign_event WHERE campaign_id = ?1 AND supported = 1 "
				     "ORDER BY event", campaign, events);
	return collect_names(s, "SELECT event FROM campaign_event WHERE campaign_id = ?1 ORDER BY event",
			     campaign, events);
}

/* Read-side queries for reports (charts, HTML, export). */

static char *column_dup(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	return xstrdup(t ? (const char *)t : "");
}

int store_campaign_record(struct store *s, int64_t campaign, struct campaign_record *r)
{
	sqlite3_stmt *st;
	int rc;

	memset(r, 0, sizeof(*r));
	if (prepare(s, "SELECT c.id, c.started, COALESCE(c.finished, ''), c.status, c.meter, c.hashseed, c.seed, "
		       "c.samples, c.warmups, c.cpu, c.aslr, c.planned, COALESCE(c.target_ci, 0), c.command, "
		       "m.hostname, m.cpu_model, m.kernel, m.cpus, m.pmu "
		       "FROM campaign c JOIN machine m ON m.id = c.machine_id WHERE c.id = ?1", &st) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, campaign);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return rc == SQLITE_DONE ? error_set("no campaign %lld in '%s'", (long long)campaign, s->path)
					 : db_error(s, "read campaign");
	}
	r->id = sqlite3_column_int64(st, 0);
	column_copy(st, 1, r->started, sizeof(r->started));
	column_copy(st, 2, r->finished, sizeof(r->finished));
	column_copy(st, 3, r->status, sizeof(r->status));
	column_copy(st, 4, r->meter, sizeof(r->meter));
	column_copy(st, 5, r->hashseed, sizeof(r->hashseed));
	r->seed = (uint64_t)sqlite3_column_int64(st, 6);
	r->samples = sqlite3_column_int(st, 7);
	r->warmups = sqlite3_column_int(st, 8);
	r->cpu = sqlite3_column_int(st, 9);
	r->aslr = sqlite3_column_int(st, 10);
	r->planned = sqlite3_column_int64(st, 11);
	r->target_ci = sqlite3_column_double(st, 12);
	r->command = column_dup(st, 13);
	column_copy(st, 14, r->machine.hostname, sizeof(r->machine.hostname));
	column_copy(st, 15, r->machine.cpu_model, sizeof(r->machine.cpu_model));
	column_copy(st, 16, r->machine.kernel, sizeof(r->machine.kernel));
	r->machine.cpus = sqlite3_column_int(st, 17);
	r->machine.pmu = sqlite3_column_int(st, 18);
	sqlite3_finalize(st);
	return 0;
}

void campaign_record_release(struct campaign_record *r)
{
	free(r->command);
	memset(r, 0, sizeof(*r));
}

int store_campaign_fact_rows(struct store *s, int64_t campaign, struct store_fact_row **rows, size_t *n)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if (prepare(s, "SELECT name, value, verdict FROM campaign_fact WHERE campaign_id = ?1 ORDER BY name", &st) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, campaign);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_fact_row *f;

		if (*n == cap)
			*rows = xrealloc(*rows, (cap = cap ? 2 * cap : 16) * sizeof(**rows));
		f = &(*rows)[(*n)++];
		column_copy(st, 0, f->name, sizeof(f->name));
		f->value = column_dup(st, 1);
		column_copy(st, 2, f->verdict, sizeof(f->verdict));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_fact_rows_free(*rows, *n);
		*rows = NULL;
		*n = 0;
		return db_error(s, "read machine facts");
	}
	return 0;
}

void store_fact_rows_free(struct store_fact_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(rows[i].value);
	free(rows);
}

int store_campaign_event_rows(struct store *s, int64_t campaign, struct store_event_row **rows, size_t *n)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if (prepare(s, "SELECT event, supported, COALESCE(reason, '') FROM campaign_event WHERE campaign_id = ?1 "
		       "ORDER BY event", &st) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, campaign);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_event_row *e;

		if (*n == cap)
			*rows = xrealloc(*rows, (cap = cap ? 2 * cap : 16) * sizeof(**rows));
		e = &(*rows)[(*n)++];
		column_copy(st, 0, e->name, sizeof(e->name));
		e->supported = sqlite3_column_int(st, 1);
		e->reason = column_dup(st, 2);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_event_rows_free(*rows, *n);
		*rows = NULL;
		*n = 0;
		return db_error(s, "read events");
	}
	return 0;
}

void store_event_rows_free(struct store_event_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(rows[i].reason);
	free(rows);
}

int store_campaign_variant_rows(struct store *s, int64_t campaign, struct store_variant_row **rows, size_t *n)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if (prepare(s, "SELECT cv.position, v.name, COALESCE(v.base, ''), v.description, v.runtime_env, v.python_args, "
		       "b.key, COALESCE(b.compiler_spec, ''), b.recorded, b.definition, b.compiler, "
		       "COALESCE(b.profile_task, ''), b.prefix, b.evidence, b.build_seconds, b.binary_bytes, "
		       "b.installed_bytes, so.version, so.digest, so.origin "
		       "FROM campaign_variant cv JOIN variant v ON v.id = cv.variant_id "
		       "JOIN build b ON b.id = v.build_id JOIN source so ON so.id = b.source_id "
		       "WHERE cv.campaign_id = ?1 ORDER BY cv.position", &st) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, campaign);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_variant_row *v;

		if (*n == cap)
			*rows = xrealloc(*rows, (cap = cap ? 2 * cap : 8) * sizeof(**rows));
		v = &(*rows)[(*n)++];
		memset(v, 0, sizeof(*v));
		v->position = sqlite3_column_int(st, 0);
		column_copy(st, 1, v->name, sizeof(v->name));
		column_copy(st, 2, v->base, sizeof(v->base));
		v->description = column_dup(st, 3);
		v->runtime_env = column_dup(st, 4);
		v->python_args = column_dup(st, 5);
		column_copy(st, 6, v->key, sizeof(v->key));
		column_copy(st, 7, v->compiler_spec, sizeof(v->compiler_spec));
		column_copy(st, 8, v->recorded, sizeof(v->recorded));
		v->definition = column_dup(st, 9);
		v->compiler = column_dup(st, 10);
		v->profile_task = column_dup(st, 11);
		v->prefix = column_dup(st, 12);
		if (sqlite3_column_type(st, 13) != SQLITE_NULL)
			v->evidence = column_dup(st, 13);
		v->build_seconds = sqlite3_column_double(st, 14);
		v->binary_bytes = sqlite3_column_int64(st, 15);
		v->installed_bytes = sqlite3_column_int64(st, 16);
		column_copy(st, 17, v->source_version, sizeof(v->source_version));
		column_copy(st, 18, v->source_digest, sizeof(v->source_digest));
		v->source_origin = column_dup(st, 19);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_variant_rows_free(*rows, *n);
		*rows = NULL;
		*n = 0;
		return db_error(s, "read variants");
	}
	return 0;
}

void store_variant_rows_free(struct store_variant_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].description);
		free(rows[i].runtime_env);
		free(rows[i].python_args);
		free(rows[i].definition);
		free(rows[i].compiler);
		free(rows[i].profile_task);
		free(rows[i].prefix);
		free(rows[i].evidence);
		free(rows[i].source_origin);
	}
	free(rows);
}

int store_campaign_workload_rows(struct store *s, int64_t campaign, struct store_workload_row **rows, size_t *n)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if (prepare(s, "SELECT cw.position, w.name, w.digest, w.checksum, w.args, w.tags FROM campaign_workload cw "
		       "JOIN workload w ON w.id = cw.workload_id WHERE cw.campaign_id = ?1 ORDER BY cw.position", &st) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, campaign);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_workload_row *w;

		if (*n == cap)
			*rows = xrealloc(*rows, (cap = cap ? 2 * cap : 16) * sizeof(**rows));
		w = &(*rows)[(*n)++];
		w->position = sqlite3_column_int(st, 0);
		column_copy(st, 1, w->name, sizeof(w->name));
		column_copy(st, 2, w->digest, sizeof(w->digest));
		column_copy(st, 3, w->checksum, sizeof(w->checksum));
		w->args = column_dup(st, 4);
		w->tags = column_dup(st, 5);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_workload_rows_free(*rows, *n);
		*rows = NULL;
		*n = 0;
		return db_error(s, "read workloads");
	}
	return 0;
}

void store_workload_rows_free(struct store_workload_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].args);
		free(rows[i].tags);
	}
	free(rows);
}

/* The sample being assembled from the rows of the join (one per counter value). */
struct sample_acc {
	struct store_sample_row row;
	char *variant, *workload, *status, *digest, *taken_at;
	struct strv events;
	double *scaled;
	int64_t *raw, *enabled, *running;
	size_t cap;
};

static void sample_acc_reset(struct sample_acc *a)
{
	free(a->variant), free(a->workload), free(a->status), free(a->digest), free(a->taken_at);
	a->variant = a->workload = a->status = a->digest = a->taken_at = NULL;
	strv_release(&a->events);
	a->row.ncounters = 0;
}

static int sample_acc_emit(struct sample_acc *a, store_sample_row_fn fn, void *ctx)
{
	a->row.variant = a->variant;
	a->row.workload = a->workload;
	a->row.status = a->status;
	a->row.stdout_digest = a->digest;
	a->row.taken_at = a->taken_at;
	a->row.events = (const char *const *)a->events.v;
	a->row.scaled = a->scaled;
	a->row.raw = a->raw;
	a->row.enabled = a->enabled;
	a->row.running = a->running;
	return fn(ctx, &a->row);
}

int store_campaign_sample_rows(struct store *s, int64_t campaign, store_sample_row_fn fn, void *ctx)
{
	struct sample_acc a;
	sqlite3_stmt *st;
	int rc, stop = 0, have = 0;

	memset(&a, 0, sizeof(a));
	if (prepare(s, "SELECT s.id, v.name, w.name, s.round, s.seq, s.warmup, s.status, COALESCE(s.exit_code, -1), "
		       "COALESCE(s.signal, -1), s.wall_ns, s.user_ns, s.sys_ns, s.maxrss_kb, s.stdout_digest, "
		       "s.taken_at, c.event, c.raw, c.scaled, c.time_enabled, c.time_running "
		       "FROM sample s JOIN variant v ON v.id = s.variant_id JOIN workload w ON w.id = s.workload_id "
		       "LEFT JOIN counter_value c ON c.sample_id = s.id "
		       "WHERE s.campaign_id = ?1 ORDER BY s.seq, s.id, c.event", &st) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, campaign);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);

		if (!have || id != a.row.id) {
			if (have)
				stop = sample_acc_emit(&a, fn, ctx);
			if (stop)
				break;
			sample_acc_reset(&a);
			have = 1;
			a.row.id = id;
			a.variant = column_dup(st, 1);
			a.workload = column_dup(st, 2);
			a.row.round = sqlite3_column_int(st, 3);
			a.row.seq = sqlite3_column_int(st, 4);
			a.row.warmup = sqlite3_column_int(st, 5);
			a.status = column_dup(st, 6);
			a.row.exit_code = sqlite3_column_int(st, 7);
			a.row.signal = sqlite3_column_int(st, 8);
			a.row.wall_ns = sqlite3_column_int64(st, 9);
			a.row.user_ns = sqlite3_column_int64(st, 10);
			a.row.sys_ns = sqlite3_column_int64(st, 11);
			a.row.maxrss_kb = sqlite3_column_int64(st, 12);
			a.digest = column_dup(st, 13);
			a.taken_at = column_dup(st, 14);
		}
		if (sqlite3_column_type(st, 15) == SQLITE_NULL)
			continue;
		if (a.row.ncounters == a.cap) {
			a.cap = a.cap ? 2 * a.cap : 8;
			a.scaled = xrealloc(a.scaled, a.cap * sizeof(*a.scaled));
			a.raw = xrealloc(a.raw, a.cap * sizeof(*a.raw));
			a.enabled = xrealloc(a.enabled, a.cap * sizeof(*a.enabled));
			a.running = xrealloc(a.running, a.cap * sizeof(*a.running));
		}
		strv_push(&a.events, (const char *)sqlite3_column_text(st, 15));
		a.raw[a.row.ncounters] = sqlite3_column_int64(st, 16);
		a.scaled[a.row.ncounters] = sqlite3_column_double(st, 17);
		a.enabled[a.row.ncounters] = sqlite3_column_int64(st, 18);
		a.running[a.row.ncounters] = sqlite3_column_int64(st, 19);
		a.row.ncounters++;
	}
	if (!stop && have && rc == SQLITE_DONE)
		stop = sample_acc_emit(&a, fn, ctx);
	sqlite3_finalize(st);
	sample_acc_reset(&a);
	free(a.scaled), free(a.raw), free(a.enabled), free(a.running);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? 0 : db_error(s, "read samples");
}

int store_campaign_rows(struct store *s, struct store_campaign_row **rows, size_t *n)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if (prepare(s, "SELECT c.id, c.started, c.status, "
		       "(SELECT GROUP_CONCAT(label, ', ') FROM (SELECT DISTINCT so.version || ' (' || "
		       "substr(so.digest, 1, 12) || ')' AS label FROM campaign_variant cv "
		       "JOIN variant v ON v.id = cv.variant_id JOIN build b ON b.id = v.build_id "
		       "JOIN source so ON so.id = b.source_id WHERE cv.campaign_id = c.id ORDER BY label)) "
		       "FROM campaign c WHERE EXISTS (SELECT 1 FROM sample WHERE campaign_id = c.id) "
		       "ORDER BY c.started, c.id", &st) < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_campaign_row *c;

		if (*n == cap)
			*rows = xrealloc(*rows, (cap = cap ? 2 * cap : 16) * sizeof(**rows));
		c = &(*rows)[(*n)++];
		memset(c, 0, sizeof(*c));
		c->id = sqlite3_column_int64(st, 0);
		column_copy(st, 1, c->started, sizeof(c->started));
		column_copy(st, 2, c->status, sizeof(c->status));
		column_copy(st, 3, c->source, sizeof(c->source));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_campaign_rows_free(*rows, *n);
		*rows = NULL;
		*n = 0;
		return db_error(s, "read campaigns");
	}
	for (size_t i = 0; i < *n; i++)
		if (collect_names(s, "SELECT v.name FROM campaign_variant cv JOIN variant v ON v.id = cv.variant_id "
				     "WHERE cv.campaign_id = ?1 ORDER BY cv.position", (*rows)[i].id,
				  &(*rows)[i].variants) < 0) {
			store_campaign_rows_free(*rows, *n);
			*rows = NULL;
			*n = 0;
			return -1;
		}
	return 0;
}

void store_campaign_rows_free(struct store_campaign_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		strv_release(&rows[i].variants);
	free(rows);
}
