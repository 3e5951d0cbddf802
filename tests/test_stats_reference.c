/*
 * reports/stats.c against SciPy, recomputed on every run.
 *
 * Runs tests/stats_reference.py (NumPy + SciPy) and checks each case it
 * prints: the datasets come from the script too, so there is one copy of
 * them.  The interpreter is $VARBENCH_TEST_PYTHON (meson points it at
 * /usr/bin/python3 when that exists), else /usr/bin/python3; the script
 * is $VARBENCH_STATS_REFERENCE, else stats_reference.py in the working
 * directory.  Without SciPy the script exits 77 and so does this test
 * (meson's "skipped"), after saying why.
 */

#include "error.h"
#include "stats.h"
#include "test.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_ITEMS 32

struct vec {
	char key[32];
	double *v;
	size_t n;
};

struct ref_case {
	char kind[32], name[64];
	struct vec arrays[MAX_ITEMS], wants[MAX_ITEMS];
	char pkey[MAX_ITEMS][32];
	double pval[MAX_ITEMS];
	size_t narrays, nwants, nparams;
	int *used;		/* wants[i] was checked */
};

/* Run the script; its stdout in *out.  Returns the exit status, or -1. */
static int run_reference(char **out)
{
	const char *python = getenv("VARBENCH_TEST_PYTHON");
	const char *script = getenv("VARBENCH_STATS_REFERENCE");
	size_t len = 0, cap = 0;
	int fds[2], status;
	pid_t pid;

	if (!python || !*python)
		python = "/usr/bin/python3";
	if (!script || !*script)
		script = "stats_reference.py";
	if (pipe(fds) < 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		char *argv[] = { (char *)python, (char *)script, NULL };

		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execv(python, argv);
		fprintf(stderr, "cannot run %s: %s\n", python, strerror(errno));
		_exit(77);
	}
	close(fds[1]);
	*out = NULL;
	for (;;) {
		ssize_t got;

		if (len + 4096 + 1 > cap)
			*out = xrealloc(*out, cap = 2 * cap + 8192);
		got = read(fds[0], *out + len, cap - len - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		len += (size_t)got;
	}
	(*out)[len] = '\0';
	close(fds[0]);
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void release_case(struct ref_case *c)
{
	for (size_t i = 0; i < c->narrays; i++)
		free(c->arrays[i].v);
	for (size_t i = 0; i < c->nwants; i++)
		free(c->wants[i].v);
	free(c->used);
	memset(c, 0, sizeof(*c));
}

/* "KEY COUNT V..." after the line's first word; 0 or -1 on a malformed line. */
static int parse_vec(char *rest, struct vec *out)
{
	char *save = NULL, *tok = strtok_r(rest, " \n", &save);
	char *end;
	size_t n;

	if (!tok || strlen(tok) >= sizeof(out->key))
		return -1;
	strcpy(out->key, tok);
	tok = strtok_r(NULL, " \n", &save);
	if (!tok)
		return -1;
	n = strtoul(tok, &end, 10);
	if (*end)
		return -1;
	out->v = xcalloc(n ? n : 1, sizeof(double));
	out->n = n;
	for (size_t i = 0; i < n; i++) {
		tok = strtok_r(NULL, " \n", &save);
		if (!tok)
			return -1;
		out->v[i] = strtod(tok, &end);
		if (*end)
			return -1;
	}
	return 0;
}

static const struct vec *array(const struct ref_case *c, const char *key)
{
	for (size_t i = 0; i < c->narrays; i++)
		if (!strcmp(c->arrays[i].key, key))
			return &c->arrays[i];
	return NULL;
}

static double param(const struct ref_case *c, const char *key)
{
	for (size_t i = 0; i < c->nparams; i++)
		if (!strcmp(c->pkey[i], key))
			return c->pval[i];
	fprintf(stderr, "case %s %s: no param %s\n", c->kind, c->name, key);
	test_failures++;
	return NAN;
}

static int has_want(const struct ref_case *c, const char *key)
{
	for (size_t i = 0; i < c->nwants; i++)
		if (!strcmp(c->wants[i].key, key))
			return 1;
	return 0;
}

/*
 * Compare got[0..n-1] with want KEY.  tol is relative to max(1, |want|),
 * or to |want| alone when `relative` (tiny p-values).  NaN matches NaN and
 * an infinity matches the same infinity.
 */
static void expect(struct ref_case *c, const char *key, const double *got, size_t n, double tol,
		   int relative)
{
	for (size_t i = 0; i < c->nwants; i++) {
		const struct vec *w = &c->wants[i];

		if (strcmp(w->key, key))
			continue;
		c->used[i] = 1;
		test_checks++;
		if (w->n != n) {
			test_failures++;
			fprintf(stderr, "case %s %s: %s has %zu values, want %zu\n", c->kind, c->name, key,
				n, w->n);
			return;
		}
		for (size_t j = 0; j < n; j++) {
			double g = got[j], x = w->v[j];
			int ok;

			if (isnan(x) || isinf(x))
				ok = isnan(x) ? isnan(g) : g == x;
			else
				ok = fabs(g - x) <= tol * (relative ? fabs(x) : fmax(1.0, fabs(x)));
			if (!ok) {
				test_failures++;
				fprintf(stderr, "case %s %s: %s[%zu] = %.17g, want %.17g (tol %g%s)\n",
					c->kind, c->name, key, j, g, x, tol, relative ? " relative" : "");
			}
		}
		return;
	}
	test_checks++;
	test_failures++;
	fprintf(stderr, "case %s %s: the reference has no %s\n", c->kind, c->name, key);
}

static void expect1(struct ref_case *c, const char *key, double got, double tol)
{
	expect(c, key, &got, 1, tol, 0);
}

/* "want error 1": the function must have failed with a message. */
static int expect_error(struct ref_case *c, int ret)
{
	if (!has_want(c, "error")) {
		if (ret < 0) {
			test_checks++;
			test_failures++;
			fprintf(stderr, "case %s %s: failed: %s\n", c->kind, c->name, error_message());
		}
		return ret < 0;
	}
	for (size_t i = 0; i < c->nwants; i++)
		if (!strcmp(c->wants[i].key, "error"))
			c->used[i] = 1;
	test_checks++;
	if (ret != -1 || !strcmp(error_message(), "unknown error")) {
		test_failures++;
		fprintf(stderr, "case %s %s: should have been refused with a message\n", c->kind, c->name);
	}
	return 1;
}

static void check_summary(struct ref_case *c, const struct vec *x)
{
	struct stats_summary s;

	if (expect_error(c, stats_summarize(x->v, x->n, &s)))
		return;
	expect1(c, "n", (double)s.n, 0);
	expect1(c, "mean", s.mean, 1e-13);
	expect1(c, "median", s.median, 1e-13);
	expect1(c, "stdev", s.stdev, 1e-12);
	expect1(c, "min", s.min, 0);
	expect1(c, "max", s.max, 0);
	expect1(c, "q1", s.q1, 1e-13);
	expect1(c, "q3", s.q3, 1e-13);
	expect1(c, "p05", s.p05, 1e-13);
	expect1(c, "p95", s.p95, 1e-13);
	expect1(c, "mad", s.mad, 1e-13);
	expect1(c, "cv", s.cv, 1e-12);
	expect1(c, "outliers", (double)s.outliers, 0);
	/*
	 * SciPy 1.10's t.ppf is off by about 2e-11 relative (t.cdf(t.ppf(0.975,
	 * 9), 9) = 0.97499999999766; for df = 1 it misses tan(0.475 pi) in the
	 * 11th digit), while the C side is refined to rounding error.
	 */
	expect1(c, "mean_lo", s.mean_ci.lo, 1e-9);
	expect1(c, "mean_hi", s.mean_ci.hi, 1e-9);
	expect1(c, "median_lo", s.median_ci.lo, 1e-12);
	expect1(c, "median_hi", s.median_ci.hi, 1e-12);
}

static void check_case(struct ref_case *c)
{
	const struct vec *x = array(c, "x"), *a = array(c, "a"), *b = array(c, "b");
	const char *k = c->kind;

	error_clear();
	if (!strcmp(k, "summary") && x) {
		check_summary(c, x);
	} else if (!strcmp(k, "median") && x) {
		expect1(c, "median", stats_median(x->v, x->n), 1e-15);
	} else if (!strcmp(k, "mwu") && a && b) {
		double u, p;

		if (!expect_error(c, stats_mann_whitney(a->v, a->n, b->v, b->n, &u, &p))) {
			expect1(c, "u", u, 0);
			expect(c, "p", &p, 1, 1e-12, 1);
		}
	} else if (!strcmp(k, "welch") && a && b) {
		struct stats_welch w;

		if (!expect_error(c, stats_welch(a->v, a->n, b->v, b->n, &w))) {
			expect(c, "t", &w.t, 1, 1e-12, 1);
			expect(c, "df", &w.df, 1, 1e-12, 1);
			/* GSL's and SciPy's t tails agree to about 1e-12 relative. */
			expect(c, "p", &w.p, 1, 1e-9, 1);
		}
	} else if (!strcmp(k, "hl") && a && b) {
		double shift;

		if (!expect_error(c, stats_hodges_lehmann(a->v, a->n, b->v, b->n, &shift)))
			expect1(c, "shift", shift, 1e-13);
	} else if (!strcmp(k, "holm") && x) {
		double *adj = xcalloc(x->n ? x->n : 1, sizeof(*adj));

		if (!expect_error(c, stats_holm(x->v, x->n, adj)))
			expect(c, "adjusted", adj, x->n, 1e-15, 0);
		free(adj);
	} else if (!strcmp(k, "median_ci") && x) {
		struct stats_interval iv;

		if (!expect_error(c, stats_median_ci(x->v, x->n, param(c, "level"), &iv))) {
			expect1(c, "estimate", iv.estimate, 1e-14);
			expect1(c, "lo", iv.lo, 1e-12);
			expect1(c, "hi", iv.hi, 1e-12);
		}
	} else if (!strcmp(k, "ratio_os") && a && b) {
		struct stats_interval iv;

		if (!expect_error(c, stats_ratio_ci_os(a->v, a->n, b->v, b->n, param(c, "level"), &iv))) {
			expect1(c, "estimate", iv.estimate, 1e-14);
			expect1(c, "lo", iv.lo, 1e-12);
			expect1(c, "hi", iv.hi, 1e-12);
		}
	} else if (!strcmp(k, "needed")) {
		unsigned long n;

		if (!expect_error(c, stats_samples_needed(param(c, "cv"), param(c, "change"),
							  param(c, "alpha"), param(c, "power"), &n)))
			expect1(c, "n", (double)n, 0);
	} else {
		test_checks++;
		test_failures++;
		fprintf(stderr, "case %s %s: unknown kind or missing samples\n", k, c->name);
		return;
	}
	/* Every value the reference gives must have been checked. */
	for (size_t i = 0; i < c->nwants; i++) {
		test_checks++;
		if (!c->used[i]) {
			test_failures++;
			fprintf(stderr, "case %s %s: reference value %s not checked\n", k, c->name,
				c->wants[i].key);
		}
	}
}

int main(void)
{
	struct ref_case c = { 0 };
	char *text = NULL, *line, *save = NULL;
	int status = run_reference(&text), in_case = 0, cases = 0, lineno = 0;

	if (status == 77 || status == -1) {
		printf("skipped: SciPy reference values unavailable (see the message above; "
		       "install python3-scipy for /usr/bin/python3 or set VARBENCH_TEST_PYTHON)\n");
		free(text);
		return 77;
	}
	if (status != 0) {
		fprintf(stderr, "stats_reference.py failed with status %d\n", status);
		free(text);
		return 1;
	}
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *rest;

		lineno++;
		if (line[0] == '#' || !line[0])
			continue;
		rest = strchr(line, ' ');
		if (rest)
			*rest++ = '\0';
		if (!strcmp(line, "case") && !in_case && rest) {
			if (sscanf(rest, "%31s %63s", c.kind, c.name) != 2)
				goto bad;
			in_case = 1;
		} else if (!strcmp(line, "end") && in_case) {
			c.used = xcalloc(c.nwants + 1, sizeof(*c.used));
			check_case(&c);
			release_case(&c);
			in_case = 0;
			cases++;
		} else if ((!strcmp(line, "x") || !strcmp(line, "a") || !strcmp(line, "b")) && in_case &&
			   rest && c.narrays < MAX_ITEMS) {
			/* The array's name is the line's first word. */
			char *spec = xasprintf("%s %s", line, rest);
			int bad = parse_vec(spec, &c.arrays[c.narrays++]);

			free(spec);
			if (bad)
				goto bad;
		} else if ((!strcmp(line, "want") || !strcmp(line, "wantv")) && in_case && rest &&
			   c.nwants < MAX_ITEMS) {
			char *spec = rest;

			if (!strcmp(line, "want")) {
				char key[32];
				double v;

				if (sscanf(rest, "%31s %lf", key, &v) != 2)
					goto bad;
				spec = xasprintf("%s 1 %s", key, strchr(rest, ' ') + 1);
			}
			if (parse_vec(spec, &c.wants[c.nwants++]) < 0) {
				if (spec != rest)
					free(spec);
				goto bad;
			}
			if (spec != rest)
				free(spec);
		} else if (!strcmp(line, "param") && in_case && rest && c.nparams < MAX_ITEMS) {
			if (sscanf(rest, "%31s %lf", c.pkey[c.nparams], &c.pval[c.nparams]) != 2)
				goto bad;
			c.nparams++;
		} else {
			goto bad;
		}
	}
	free(text);
	if (in_case) {
		fprintf(stderr, "stats_reference.py: output ends inside case %s %s\n", c.kind, c.name);
		release_case(&c);
		return 1;
	}
	printf("%d reference cases from SciPy\n", cases);
	CHECK(cases >= 50);
	return test_done();
bad:
	fprintf(stderr, "stats_reference.py output line %d not understood: %s\n", lineno, line);
	release_case(&c);
	free(text);
	return 1;
}
