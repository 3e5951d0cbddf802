/*
 * reports/compare.c end to end on a database written through the real
 * store API: verdicts on data whose truth is known, Holm, the A/A check,
 * tags, sorting, counters without a PMU, derived IPC, large cells, the
 * cross-campaign warnings and the four output formats.
 */

#include "compare.h"
#include "error.h"
#include "store.h"
#include "test.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Workloads: name, tags, spread (log-scale sd) of wall time. */
static const struct { const char *name, *tags; double spread; } workloads[] = {
	{ "nbody", "float", 0.005 },
	{ "spectral", "float", 0.005 },
	{ "scheduler", "calls objects", 0.005 },
	{ "jittery", "calls", 0.20 },
};
#define NW (sizeof(workloads) / sizeof(*workloads))

/* Variants: name and true wall-time factor against the base. */
static const struct { const char *name; double factor; } variants[] = {
	{ "release", 1.00 },
	{ "pgo", 0.95 },
	{ "copy", 1.00 },
};
#define NV (sizeof(variants) / sizeof(*variants))

static struct counters events(int pmu)
{
	static const char *const names[] = { "task-clock", "context-switches", "instructions", "cycles" };
	struct counters c;

	memset(&c, 0, sizeof(c));
	for (size_t i = 0; i < 4; i++) {
		c.events[i].name = (char *)names[i];
		c.events[i].supported = i < 2 || pmu;
		c.events[i].reason = c.events[i].supported ? NULL : "no hardware PMU (a VM)";
	}
	c.n = 4;
	return c;
}

/*
 * One campaign of `rounds` interleaved rounds on machine m; with a PMU,
 * instructions and cycles are counted and pgo's IPC is 10% higher.
 * Returns the campaign id.
 */
static int64_t campaign(struct store *s, gsl_rng *rng, const char *host, int pmu, int rounds)
{
	struct machine m = { "", "cpu", "Linux 6", 2, pmu };
	struct source src = { "/src", "/src", "3.13.15", "" };
	struct build_result b = { 0 };
	struct counters ctr = events(pmu);
	struct campaign_info info = { .seed = 1, .samples = rounds, .warmups = 0, .cpu = 1,
				      .command = "test_compare" };
	int64_t mid, sid, bid, vid[NV], wid[NW], camp;
	int seq = 0;

	snprintf(m.hostname, sizeof(m.hostname), "%s", host);
	memset(src.digest, 'd', 64);
	memset(b.key, 'k', 64);
	b.compiler = "gcc 12";
	b.prefix = "/p";
	b.log_path = "/l";
	info.planned = (long)rounds * NV * NW;
	CHECK(store_begin(s) == 0);
	CHECK(store_put_machine(s, &m, &mid) == 0);
	CHECK(store_put_source(s, &src, &sid) == 0);
	for (size_t v = 0; v < NV; v++) {
		struct variant var = { 0 };

		var.name = (char *)variants[v].name;
		var.description = "";
		CHECK(store_put_build(s, sid, &var, &b, &bid) == 0);
		CHECK(store_put_variant(s, &var, bid, &vid[v]) == 0);
	}
	for (size_t w = 0; w < NW; w++) {
		struct workload wl = { 0 };

		wl.name = (char *)workloads[w].name;
		wl.description = "";
		memset(wl.digest, '1', 64);
		memset(wl.checksum, '2', 64);
		CHECK(split_words(workloads[w].tags, &wl.tags) == 0);
		CHECK(store_put_workload(s, &wl, &wid[w]) == 0);
		strv_release(&wl.tags);
	}
	info.machine_id = mid;
	CHECK(store_campaign_begin(s, &info, &camp) == 0);
	for (size_t v = 0; v < NV; v++)
		CHECK(store_campaign_add_variant(s, camp, vid[v], (int)v) == 0);
	for (size_t w = 0; w < NW; w++)
		CHECK(store_campaign_add_workload(s, camp, wid[w], (int)w) == 0);
	for (size_t i = 0; i < ctr.n; i++)
		CHECK(store_campaign_event(s, camp, &ctr.events[i]) == 0);
	CHECK(store_commit(s) == 0);

	CHECK(store_begin(s) == 0);
	for (int round = 0; round < rounds; round++)
		for (size_t w = 0; w < NW; w++)
			for (size_t v = 0; v < NV; v++) {
				struct sample_key k = { camp, vid[v], wid[w], round, seq++, 0 };
				struct sample_result r;
				double wall = 0.25 * variants[v].factor * exp(gsl_ran_gaussian(rng, workloads[w].spread));
				double ipc = 2.0 * (v == 1 ? 1.1 : 1.0) * exp(gsl_ran_gaussian(rng, 0.005));

				memset(&r, 0, sizeof(r));
				/* One wrong output for pgo on nbody: counted, left out. */
				r.status = v == 1 && w == 0 && round == 3 ? SAMPLE_WRONG_OUTPUT : SAMPLE_OK;
				r.wall_ns = (int64_t)(wall * 1e9);
				r.user_ns = r.wall_ns;
				r.maxrss_kb = 10000;	/* identical everywhere: zero variance */
				memset(r.stdout_digest, 'a', 64);
				r.counters[0] = (struct counter_reading){ 1, (uint64_t)r.wall_ns, (double)r.wall_ns, 1, 1 };
				/* No context switches at all: ratios of zeros are undefined. */
				r.counters[1] = (struct counter_reading){ 1, 0, 0.0, 1, 1 };
				if (pmu) {
					double cycles = wall * 3e9;

					r.counters[2] = (struct counter_reading){ 1, 0, cycles * ipc, 1, 1 };
					r.counters[3] = (struct counter_reading){ 1, 0, cycles, 1, 1 };
				}
				CHECK(store_put_sample(s, &k, &r, &ctr) == 0);
			}
	CHECK(store_commit(s) == 0);
	CHECK(store_campaign_finish(s, camp, "complete") == 0);
	return camp;
}

static const struct compare_row *row_of(const struct compare_result *r, const char *variant,
					const char *workload)
{
	for (size_t i = 0; i < r->nrows; i++)
		if (!strcmp(r->rows[i].variant, variant) && !strcmp(r->rows[i].workload, workload))
			return &r->rows[i];
	fprintf(stderr, "no row %s/%s\n", variant, workload);
	return NULL;
}

static const char *verdict_of(const struct compare_result *r, const char *variant, const char *workload)
{
	const struct compare_row *row = row_of(r, variant, workload);

	return row ? row->verdict : "(none)";
}

/* The printed result in a malloc'ed string. */
static char *printed(const struct compare_result *r, enum compare_format fmt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	compare_print(r, fmt, 1, f);
	fclose(f);
	return buf;
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;

	for (; (s = strstr(s, what)); s += strlen(what))
		n++;
	return n;
}

static void test_verdicts(struct store *s, int64_t camp)
{
	struct compare_opts o = { .campaign = camp, .metric = "wall", .threshold = 0.01, .seed = 1 };
	struct compare_result r;
	const struct compare_row *row;

	CHECK(compare_campaign(s, &o, &r) == 0);
	CHECK(r.ngeomeans == 2 && r.nrows == 2 * NW);
	/* 5% faster with a 0.5% spread: faster everywhere but in the noise. */
	CHECK_STR(verdict_of(&r, "pgo", "nbody"), "faster");
	CHECK_STR(verdict_of(&r, "pgo", "spectral"), "faster");
	CHECK_STR(verdict_of(&r, "pgo", "scheduler"), "faster");
	/* 20% spread, 60 samples: a 5% change cannot be told from noise after Holm... */
	row = row_of(&r, "pgo", "jittery");
	CHECK(row && row->verdict_code == COMPARE_NOISY && row->need > 60);
	/* ...and the identical build is the same within 1%, noise or not. */
	CHECK_STR(verdict_of(&r, "copy", "nbody"), "same");
	CHECK_STR(verdict_of(&r, "copy", "scheduler"), "same");
	CHECK(strcmp(verdict_of(&r, "copy", "jittery"), "faster") && strcmp(verdict_of(&r, "copy", "jittery"), "slower"));
	row = row_of(&r, "pgo", "nbody");
	if (row) {
		CHECK(row->n_base == 60 && row->n_variant == 59 && row->bad == 1);
		CHECK(fabs(row->ratio.estimate - 0.95) < 0.01);
		CHECK(row->ratio.lo < row->ratio.estimate && row->ratio.estimate < row->ratio.hi);
		CHECK(row->ci == COMPARE_CI_BOOTSTRAP);
		/* Holm never lowers a p-value, and the HL shift is about -5% of 250 ms. */
		CHECK(row->p_adj >= row->p && row->p_adj <= 1);
		CHECK(fabs(row->hl_shift + 0.0125) < 0.002);
		CHECK(row->welch.p < 1e-6 && row->welch.t > 0);
		CHECK(row->cb->s.n == 60 && row->cv->s.outliers <= 3);
	}
	CHECK(r.geomeans[0].valid && r.geomeans[0].workloads == NW);
	CHECK(r.geomeans[0].ratio.lo < 0.96 && r.geomeans[0].ratio.hi < 1.0);
	/* Tags shared by two workloads get a geometric mean each. */
	CHECK(r.ntag_geomeans == 2 * 3);
	CHECK(r.warnings.n == 0 && r.with_data == 2 * NW && r.bootstrap_rows == 2 * NW);
	compare_result_release(&r);

	/* The same seed gives the same intervals; another seed other ones. */
	{
		struct compare_result a, b;

		CHECK(compare_campaign(s, &o, &a) == 0);
		o.seed = 2;
		CHECK(compare_campaign(s, &o, &b) == 0);
		o.seed = 1;
		CHECK(compare_campaign(s, &o, &r) == 0);
		CHECK(a.rows[0].ratio.lo == r.rows[0].ratio.lo && a.rows[0].ratio.hi == r.rows[0].ratio.hi);
		CHECK(a.rows[0].ratio.lo != b.rows[0].ratio.lo || a.rows[0].ratio.hi != b.rows[0].ratio.hi);
		compare_result_release(&a);
		compare_result_release(&b);
		compare_result_release(&r);
	}

	/* A threshold above the change: significant but "same". */
	o.threshold = 0.10;
	CHECK(compare_campaign(s, &o, &r) == 0);
	CHECK_STR(verdict_of(&r, "pgo", "nbody"), "same");
	CHECK(row_of(&r, "pgo", "nbody") && row_of(&r, "pgo", "nbody")->p_adj < 0.05);
	compare_result_release(&r);
}

static void test_options(struct store *s, int64_t camp)
{
	struct compare_opts o = { .campaign = camp, .metric = "wall", .threshold = 0.01, .seed = 1 };
	struct compare_result r;

	/* A/A: halves of one variant; nothing may be called faster or slower. */
	o.aa = 1;
	CHECK(compare_campaign(s, &o, &r) == 0);
	CHECK(r.ngeomeans == NV && r.nrows == NV * NW);
	for (size_t i = 0; i < r.nrows; i++) {
		CHECK(r.rows[i].verdict_code != COMPARE_LOWER && r.rows[i].verdict_code != COMPARE_HIGHER);
		CHECK(r.rows[i].n_base + r.rows[i].n_variant == r.rows[i].cb->n + r.rows[i].cv->n);
	}
	CHECK_STR(verdict_of(&r, "release/B", "nbody"), "same");
	CHECK_STR(r.rows[0].base, "release/A");
	CHECK(r.rows[0].n_base == 30 && r.rows[0].n_variant == 30);
	{
		char *text = printed(&r, COMPARE_TEXT);

		CHECK(strstr(text, "A/A: ") && strstr(text, "false-positive rate 0%"));
		free(text);
	}
	compare_result_release(&r);
	o.base = "pgo";
	CHECK(compare_campaign(s, &o, &r) == 0);
	CHECK(r.ngeomeans == 1 && !strcmp(r.rows[0].variant, "pgo/B"));
	compare_result_release(&r);
	o.aa = 0;
	o.base = NULL;

	/* Tags: only those workloads, and Holm over them alone. */
	o.tag = "float";
	CHECK(compare_campaign(s, &o, &r) == 0);
	CHECK(r.nrows == 2 * 2 && r.geomeans[0].workloads == 2);
	compare_result_release(&r);
	o.tag = "nosuchtag";
	error_clear();
	CHECK(compare_campaign(s, &o, &r) < 0);
	CHECK(strstr(error_message(), "no workload of campaign") && strstr(error_message(), "float"));
	o.tag = NULL;

	/* Sorted by ratio within each comparison. */
	o.sort = COMPARE_SORT_RATIO;
	CHECK(compare_campaign(s, &o, &r) == 0);
	for (size_t i = 1; i < NW; i++)
		CHECK(!r.rows[i].valid || !r.rows[i - 1].valid ||
		      r.rows[i - 1].ratio.estimate <= r.rows[i].ratio.estimate);
	compare_result_release(&r);
	o.sort = COMPARE_SORT_CAMPAIGN;

	/* Every cell above the limit: order-statistic intervals, and the output says so. */
	o.resample_limit = 50;
	CHECK(compare_campaign(s, &o, &r) == 0);
	CHECK(r.order_rows == 2 * NW && r.bootstrap_rows == 0 && r.geomeans[0].order);
	CHECK_STR(verdict_of(&r, "pgo", "nbody"), "faster");
	{
		char *text = printed(&r, COMPARE_TEXT);

		CHECK(strstr(text, "order statistics") != NULL);
		free(text);
	}
	compare_result_release(&r);
	o.resample_limit = 0;

	/* Unknown base. */
	o.base = "nosuch";
	error_clear();
	CHECK(compare_campaign(s, &o, &r) < 0);
	CHECK(strstr(error_message(), "'nosuch' is not in campaign") != NULL);
	o.base = NULL;
}

static void test_counters(struct store *s, int64_t nopmu, int64_t pmu)
{
	struct compare_opts o = { .campaign = nopmu, .metric = "instructions", .threshold = 0.01, .seed = 1 };
	struct compare_result r;
	char *text;

	/* Asked for but not counted: rows without data, and a plain reason. */
	CHECK(compare_campaign(s, &o, &r) == 0);
	CHECK(r.with_data == 0 && strstr(r.no_data, "no hardware PMU") != NULL);
	CHECK_STR(r.rows[0].verdict, "no data");
	text = printed(&r, COMPARE_TEXT);
	CHECK(strstr(text, "no data: instructions: no hardware PMU") != NULL);
	free(text);
	compare_result_release(&r);

	/* Never asked for: an error naming what there is. */
	o.metric = "instrs";
	error_clear();
	CHECK(compare_campaign(s, &o, &r) < 0);
	CHECK(strstr(error_message(), "no metric 'instrs'") && strstr(error_message(), "task-clock"));
	/* What it has is what it counted: not the events this machine could not count. */
	CHECK(!strstr(error_message(), "instructions") && !strstr(error_message(), "ipc"));
	o.metric = "ipc";
	CHECK(compare_campaign(s, &o, &r) == 0);
	CHECK(r.with_data == 0 && strstr(r.no_data, "instructions: no hardware PMU") &&
	      strstr(r.no_data, "cycles: no hardware PMU"));
	compare_result_release(&r);

	/* Software counters: task-clock is a time, zeros give no ratio but say why. */
	o.metric = "task-clock";
	CHECK(compare_campaign(s, &o, &r) == 0);
	CHECK_STR(verdict_of(&r, "pgo", "nbody"), "faster");
	compare_result_release(&r);
	o.metric = "context-switches";
	CHECK(compare_campaign(s, &o, &r) == 0);
	CHECK(!r.rows[0].valid && strstr(r.rows[0].note, "not positive"));
	CHECK_STR(r.rows[0].verdict, "no data");
	compare_result_release(&r);
	/* Identical values everywhere: ratio exactly 1, "same". */
	o.metric = "maxrss";
	CHECK(compare_campaign(s, &o, &r) == 0);
	CHECK(r.rows[0].ratio.estimate == 1.0 && r.rows[0].ratio.lo == 1.0 && r.rows[0].p == 1.0);
	CHECK_STR(r.rows[0].verdict, "same");
	compare_result_release(&r);

	/* With a PMU: derived IPC per sample, 10% higher for pgo. */
	o.campaign = pmu;
	o.metric = "ipc";
	CHECK(compare_campaign(s, &o, &r) == 0);
	CHECK_STR(verdict_of(&r, "pgo", "nbody"), "higher");
	CHECK(fabs(row_of(&r, "pgo", "nbody")->ratio.estimate - 1.1) < 0.01);
	CHECK(fabs(row_of(&r, "pgo", "nbody")->base_median - 2.0) < 0.02);
	compare_result_release(&r);
	o.metric = "instructions";
	CHECK(compare_campaign(s, &o, &r) == 0);
	CHECK(r.with_data == r.nrows && !r.no_data[0]);
	compare_result_release(&r);
}

static void test_cross_campaign(struct store *s, const char *db, int64_t a, int64_t b)
{
	struct compare_opts o = { .campaign = a, .metric = "wall", .threshold = 0.01, .seed = 1,
				  .base_campaign = b };
	struct compare_result r;
	sqlite3 *h;
	char *sql = xasprintf("UPDATE sample SET taken_at = '2020-01-01T00:00:00Z' WHERE campaign_id = %lld",
			      (long long)b);

	/* The other campaign ran on another machine, years earlier. */
	CHECK(sqlite3_open(db, &h) == SQLITE_OK);
	CHECK(sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(h);
	free(sql);
	CHECK(compare_campaign(s, &o, &r) == 0);
	CHECK(r.ngeomeans == NV);	/* release@b against every variant of a, release too */
	CHECK_STR(r.base, "release@2");
	CHECK(r.warnings.n == 2);
	CHECK(r.warnings.n && strstr(r.warnings.v[0], "days apart"));
	CHECK(r.warnings.n && strstr(r.warnings.v[r.warnings.n - 1], "different machines"));
	compare_result_release(&r);
	o.aa = 1;
	error_clear();
	CHECK(compare_campaign(s, &o, &r) < 0);
}

static void test_formats(struct store *s, int64_t camp)
{
	struct compare_opts o = { .campaign = camp, .metric = "wall", .threshold = 0.01, .seed = 1 };
	struct compare_result r;
	enum compare_format fmt;
	char *text;

	CHECK(compare_format_parse("md", &fmt) == 0 && fmt == COMPARE_MARKDOWN);
	CHECK(compare_format_parse("xml", &fmt) < 0);
	CHECK(compare_sort_parse("p", &o.sort) == 0 && o.sort == COMPARE_SORT_P);
	o.sort = COMPARE_SORT_CAMPAIGN;
	CHECK(compare_campaign(s, &o, &r) == 0);

	text = printed(&r, COMPARE_TEXT);
	CHECK(strstr(text, "\nnbody ") && strstr(text, "\ngeometric mean ") && strstr(text, "  tag float"));
	CHECK(strstr(text, "p (Holm)") && strstr(text, " faster\n") && strstr(text, "noisy (need ~"));
	CHECK(strstr(text, "250 ms") && strstr(text, "faster/slower: p < 0.05"));
	CHECK(strstr(text, "1 bad sample of pgo left out (wrong-output)") != NULL);
	free(text);

	text = printed(&r, COMPARE_MARKDOWN);
	CHECK(count(text, "| workload | release | pgo | ratio | 95% CI | p (Holm) | verdict |") == 1);
	CHECK(count(text, "|---|---:|---:|---:|---|---:|---|") == 2);
	CHECK(strstr(text, "| **geometric mean** |") != NULL);
	free(text);

	text = printed(&r, COMPARE_CSV);
	CHECK(!strncmp(text, "kind,campaign,metric,unit,base,variant,workload,", 48));
	/* header + 2 comparisons x (4 rows + geometric mean + 3 tags) */
	CHECK(count(text, "\n") == 1 + 2 * (NW + 1 + 3));
	CHECK(count(text, "\nworkload,") == 2 * NW && count(text, "\ngeomean,") == 2 * 4);
	CHECK(strstr(text, ",\"calls objects\",") == NULL && strstr(text, ",calls objects,") != NULL);
	free(text);

	text = printed(&r, COMPARE_JSON);
	CHECK(text[0] == '{' && count(text, "{") == count(text, "}") && count(text, "[") == count(text, "]"));
	CHECK(!strstr(text, "nan") && !strstr(text, "inf"));
	CHECK(strstr(text, "\"verdict\": \"faster\"") && strstr(text, "\"median_ci95\": [") &&
	      strstr(text, "\"welch_p\": ") && strstr(text, "\"hl_shift\": "));
	CHECK(count(text, "\"side\": ") == NV * NW);
	free(text);
	compare_result_release(&r);
}

int main(void)
{
	char dir[] = "/tmp/varbench-test-compare-XXXXXX";
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	struct store *s;
	int64_t nopmu, pmu;
	char *db;

	gsl_rng_set(rng, 42);
	CHECK(mkdtemp(dir) != NULL);
	db = xasprintf("%s/results.db", dir);
	CHECK(store_open(db, &s) == 0);
	nopmu = campaign(s, rng, "vm", 0, 60);
	pmu = campaign(s, rng, "metal", 1, 20);
	CHECK(nopmu == 1 && pmu == 2);

	test_verdicts(s, nopmu);
	test_options(s, nopmu);
	test_counters(s, nopmu, pmu);
	test_formats(s, nopmu);
	test_cross_campaign(s, db, nopmu, pmu);

	store_close(s);
	gsl_rng_free(rng);
	{
		char *wal = xasprintf("%s-wal", db), *shm = xasprintf("%s-shm", db);

		unlink(db), unlink(wal), unlink(shm);
		free(wal), free(shm);
	}
	rmdir(dir);
	free(db);
	return test_done();
}
