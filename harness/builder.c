#include "builder.h"
#include "error.h"
#include "proc.h"
#include "verify.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;

int builder_uses_pgo(const struct variant *v)
{
	for (size_t i = 0; i < v->configure.n; i++)
		if (!strcmp(v->configure.v[i], "--enable-optimizations"))
			return 1;
	return 0;
}

static int has_bolt(const struct variant *v)
{
	for (size_t i = 0; i < v->configure.n; i++)
		if (!strcmp(v->configure.v[i], "--enable-bolt"))
			return 1;
	return 0;
}

/* environ, then the compiler's CC and PATH, then the variant's own settings. */
static void build_environment(const struct variant *v, const struct compiler *cc, struct strv *env)
{
	for (char **e = environ; *e; e++)
		strv_push(env, *e);
	if (cc)
		compiler_build_env(cc, has_bolt(v), getenv("PATH"), env);
	for (size_t i = 0; i < v->build_env.n; i++) {
		char *name = xstrdup(v->build_env.v[i]);
		char *eq = strchr(name, '=');

		*eq = '\0';
		strv_setenv(env, name, eq + 1);
		free(name);
	}
}

int builder_key(const struct build_request *req, const struct toolchain *tc,
		char key[SHA256_HEX_SIZE])
{
	char *def = variant_build_definition(req->variant);
	struct sha256 h;

	sha256_init(&h);
	sha256_update_str(&h, "varbench-build-1");
	sha256_update_str(&h, req->source->digest);
	sha256_update_str(&h, def);
	sha256_update_str(&h, tc->cc);
	sha256_update_str(&h, tc->cc_version);
	sha256_update_str(&h, tc->make_version);
	/* Only PGO builds run the training task, so only they depend on it. */
	if (builder_uses_pgo(req->variant)) {
		struct strv words = STRV_INIT;

		/*
		 * A task that is a script (the quick task is workloads/pgo_task.py)
		 * is keyed by what it runs, the files beside it, and not by where
		 * varbench happens to be checked out.
		 */
		if (req->profile_task && split_words(req->profile_task, &words) == 0 && words.n &&
		    words.v[0][0] == '/' && path_exists(words.v[0]) && !is_dir(words.v[0])) {
			char *dir = xstrdup(words.v[0]), digest[SHA256_HEX_SIZE];
			const char *name = strrchr(words.v[0], '/') + 1;

			*strrchr(dir, '/') = '\0';
			sha256_update_str(&h, "(script task)");
			sha256_update_str(&h, name);
			if (source_tree_digest(dir, digest) == 0)
				sha256_update_str(&h, digest);
			for (size_t i = 1; i < words.n; i++)
				sha256_update_str(&h, words.v[i]);
			free(dir);
		} else {
			sha256_update_str(&h, req->profile_task ? req->profile_task : "(cpython default)");
		}
		error_clear();
		strv_release(&words);
	}
	sha256_final_hex(&h, key);
	free(def);
	return 0;
}

/* Progress: one line rewritten in place on a terminal, a line a minute otherwise. */
struct progress {
	const struct build_request *req;
	const char *stage;
	const char *log_path;
	long log_seen;
	double last_plain;
	int tty;
};

static void detect_make_stage(struct progress *p)
{
	static const struct { const char *marker, *stage; } markers[] = {
		{ "Building with support for profile generation", "make: instrumented build" },
		{ "# Next, run the profile task", "make: profile training" },
		{ "Rebuilding with profile guided optimizations", "make: optimized rebuild" },
		{ " -o python ", "make: link" },
		{ "llvm-bolt", "make: bolt" },
	};
	FILE *f = fopen(p->log_path, "r");
	char line[4096];

	if (!f)
		return;
	fseek(f, p->log_seen, SEEK_SET);
	while (fgets(line, sizeof(line), f))
		for (size_t i = 0; i < sizeof(markers) / sizeof(*markers); i++)
			if (strstr(line, markers[i].marker))
				p->stage = markers[i].stage;
	p->log_seen = ftell(f);
	fclose(f);
}

static void progress_tick(void *arg, double elapsed)
{
	struct progress *p = arg;
	char dur[32];

	if (!strncmp(p->stage, "make", 4))
		detect_make_stage(p);
	format_duration(dur, sizeof(dur), elapsed);
	if (p->tty) {
		fprintf(stderr, "\r\033[K%s %s: %s (%s)", p->req->label ? p->req->label : "",
			p->req->variant->name, p->stage, dur);
	} else if (elapsed - p->last_plain >= 60) {
		fprintf(stderr, "%s %s: %s (%s)\n", p->req->label ? p->req->label : "",
			p->req->variant->name, p->stage, dur);
		p->last_plain = elapsed;
	}
}

static int run_step(struct progress *p, const char *stage, char *const argv[], const char *cwd,
		    char *const *env, double timeout)
{
	struct proc_opts opts = {
		.cwd = cwd, .env = env, .log_path = p->log_path, .timeout = timeout,
		.tick = progress_tick, .tick_arg = p,
	};
	FILE *log = fopen(p->log_path, "a");
	char *cmd;
	int ret;

	if (log) {
		struct strv words = STRV_INIT;

		for (size_t i = 0; argv[i]; i++) {
			char *q = quote_word(argv[i]);

			strv_push(&words, q);
			free(q);
		}
		cmd = strv_join(&words, " ");
		fprintf(log, "\n### varbench: %s: (cd %s && %s)\n", stage, cwd, cmd);
		free(cmd);
		strv_release(&words);
		fclose(log);
	}
	p->stage = stage;
	p->last_plain = 0;
	fprintf(stderr, "%s %s: %s\n", p->req->label ? p->req->label : "", p->req->variant->name, stage);
	ret = proc_run(argv, &opts);
	if (p->tty)
		fputs("\r\033[K", stderr);
	return ret;
}

static void print_log_tail(const char *path, int lines)
{
	char *text;
	size_t len;
	const char *start;
	int seen = 0;

	if (read_file(path, &text, &len) < 0)
		return;
	start = text + len;
	while (start > text && seen <= lines)
		if (*--start == '\n')
			seen++;
	if (*start == '\n')
		start++;
	fprintf(stderr, "--- last lines of %s ---\n%s", path, start);
	if (len && text[len - 1] != '\n')
		fputc('\n', stderr);
	fputs("---\n", stderr);
	free(text);
}

static int write_record(const char *path, const struct build_request *req, const struct build_result *res)
{
	char when[32];
	char *text;
	int ret;

	format_utc_now(when, sizeof(when));
	text = xasprintf("key=%s\nvariant=%s\nsource=%s\ncompiler=%s\nprofile_task=%s\n"
			 "seconds=%.3f\nbinary_bytes=%llu\ninstalled_bytes=%llu\nfinished=%s\n",
			 res->key, req->variant->name, req->source->digest, res->compiler,
			 res->profile_task ? res->profile_task : "", res->seconds,
			 (unsigned long long)res->binary_bytes, (unsigned long long)res->installed_bytes, when);
	ret = write_file_atomic(path, text, strlen(text));
	free(text);
	return ret;
}

static const char *record_value(const char *text, const char *name)
{
	static char value[4096];
	size_t len = strlen(name);

	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		if (!strncmp(p, name, len) && p[len] == '=') {
			const char *end = strchrnul(p + len + 1, '\n');

			snprintf(value, sizeof(value), "%.*s", (int)(end - p - len - 1), p + len + 1);
			return value;
		}
	}
	return NULL;
}

static int read_record(const char *path, struct build_result *res)
{
	char *text;
	const char *v;

	if (read_file(path, &text, NULL) < 0)
		return -1;
	res->seconds = (v = record_value(text, "seconds")) ? atof(v) : 0;
	res->binary_bytes = (v = record_value(text, "binary_bytes")) ? strtoull(v, NULL, 10) : 0;
	res->installed_bytes = (v = record_value(text, "installed_bytes")) ? strtoull(v, NULL, 10) : 0;
	free(text);
	return 0;
}

/* python3 is a symlink to python3.X; the size that matters is the real file. */
static uint64_t file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
}

int builder_lookup(const struct build_request *req, char key[SHA256_HEX_SIZE], int *cached)
{
	struct strv env = STRV_INIT;
	struct toolchain tc;
	char *complete;
	int ret = -1;

	build_environment(req->variant, req->cc, &env);
	if (toolchain_detect(env.v, &tc) == 0) {
		builder_key(req, &tc, key);
		complete = xasprintf("%s/builds/%.16s/complete", req->cache_dir, key);
		*cached = path_exists(complete);
		free(complete);
		toolchain_release(&tc);
		ret = 0;
	}
	strv_release(&env);
	return ret;
}

int builder_build(const struct build_request *req, struct build_result *res)
{
	struct strv env = STRV_INIT, configure = STRV_INIT;
	struct toolchain tc = { 0 };
	struct progress progress = { .req = req, .tty = isatty(2) };
	char *builddir = NULL, *complete = NULL, *record = NULL, *jobs = NULL, *lock = NULL;
	char *builds = NULL;
	int64_t start;
	int ret = -1, lock_fd = -1;

	memset(res, 0, sizeof(*res));
	build_environment(req->variant, req->cc, &env);
	if (toolchain_detect(env.v, &tc) < 0) {
		error_prefix("variant '%s'", req->variant->name);
		goto out;
	}
	builder_key(req, &tc, res->key);
	res->compiler = xstrdup(tc.cc_version);
	res->compiler_spec = req->cc ? req->cc->spec : NULL;
	if (builder_uses_pgo(req->variant))
		res->profile_task = xstrdup(req->profile_task ? req->profile_task : "(cpython default)");
	/* Absolute: configure's --prefix and the stored python path must not depend on the cwd. */
	if (req->cache_dir[0] == '/') {
		res->dir = xasprintf("%s/builds/%.16s", req->cache_dir, res->key);
	} else {
		char cwd[4096];

		if (!getcwd(cwd, sizeof(cwd))) {
			error_set("cannot find the current directory for the cache '%s': %s", req->cache_dir,
				  strerror(errno));
			goto out;
		}
		res->dir = xasprintf("%s/%s/builds/%.16s", cwd, req->cache_dir, res->key);
	}
	res->prefix = path_join(res->dir, "prefix");
	res->python = path_join(res->prefix, "bin/python3");
	res->log_path = path_join(res->dir, "build.log");
	builddir = path_join(res->dir, "build");
	complete = path_join(res->dir, "complete");
	record = path_join(res->dir, "record");
	lock = xasprintf("%s.lock", res->dir);

	/* Two varbench processes asking for one key: the second waits, then reuses. */
	builds = path_join(req->cache_dir, "builds");
	if (mkdir_p(builds) < 0)
		goto out;
	lock_fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (lock_fd < 0) {
		error_set("cannot create lock '%s': %s", lock, strerror(errno));
		goto out;
	}
	if (flock(lock_fd, LOCK_EX | LOCK_NB) < 0) {
		fprintf(stderr, "%s %s: waiting for another varbench building the same key\n",
			req->label ? req->label : "", req->variant->name);
		if (flock(lock_fd, LOCK_EX) < 0) {
			error_set("cannot lock '%s': %s", lock, strerror(errno));
			goto out;
		}
	}

	if (!req->rebuild && path_exists(complete) && is_executable(res->python) &&
	    read_record(record, res) == 0) {
		char *evidence_path = path_join(res->dir, "evidence");

		if (read_file(evidence_path, &res->evidence, NULL) < 0) {
			/* Cached before builds were verified: verify now, it takes a moment. */
			res->evidence = NULL;
			if (verify_build(res->python, req->variant, &res->evidence) < 0) {
				error_prefix("cached build of '%s' is not what it claims (rebuild it with --rebuild)",
					     req->variant->name);
				free(evidence_path);
				goto out;
			}
			write_file_atomic(evidence_path, res->evidence, strlen(res->evidence));
		}
		error_clear();
		free(evidence_path);
		res->reused = 1;
		ret = 0;
		goto out;
	}

	if (req->lookup_only) {
		error_set("no finished build of variant '%s' for this source and compiler (key %.12s); "
			  "build it first with `varbench build --source %s %s`", req->variant->name, res->key,
			  req->source->origin, req->variant->name);
		goto out;
	}
	if (remove_tree(res->dir) < 0 || mkdir_p(builddir) < 0)
		goto out;
	progress.log_path = res->log_path;
	start = now_ns();

	strv_pushf(&configure, "%s/configure", req->source->dir);
	strv_pushf(&configure, "--prefix=%s", res->prefix);
	strv_push_all(&configure, req->variant->configure.v, req->variant->configure.n);
	if (builder_uses_pgo(req->variant) && req->profile_task)
		strv_pushf(&configure, "PROFILE_TASK=%s", req->profile_task);
	jobs = xasprintf("-j%d", req->jobs > 0 ? req->jobs : 1);
	{
		char *make[] = { "make", jobs, NULL };
		char *install[] = { "make", "install", NULL };

		if (run_step(&progress, "configure", configure.v, builddir, env.v, 1800) < 0 ||
		    run_step(&progress, "make", make, builddir, env.v, 4 * 3600) < 0 ||
		    run_step(&progress, "install", install, builddir, env.v, 1800) < 0)
			goto failed;
	}
	if (!is_executable(res->python)) {
		error_set("make install did not produce %s", res->python);
		goto failed;
	}
	progress.stage = "verify";
	fprintf(stderr, "%s %s: verify\n", req->label ? req->label : "", req->variant->name);
	{
		char *evidence_path = path_join(res->dir, "evidence");
		int ok = verify_build(res->python, req->variant, &res->evidence);

		if (res->evidence)
			write_file_atomic(evidence_path, res->evidence, strlen(res->evidence));
		if (ok < 0) {
			error_prefix("build of '%s' is not what it claims (evidence: %s)", req->variant->name,
				     evidence_path);
			free(evidence_path);
			goto out;
		}
		free(evidence_path);
	}
	res->seconds = (now_ns() - start) / 1e9;
	res->binary_bytes = file_size(res->python);
	res->installed_bytes = tree_size(res->prefix);
	if (write_record(record, req, res) < 0 || write_file_atomic(complete, "", 0) < 0)
		goto out;
	ret = 0;
	goto out;
failed:
	if (proc_interrupted) {
		error_set("build of '%s' interrupted; it will be redone from scratch next time (log: %s)",
			  req->variant->name, res->log_path);
		goto out;
	}
	print_log_tail(res->log_path, 20);
	error_prefix("build of '%s' failed (full log: %s)", req->variant->name, res->log_path);
out:
	if (lock_fd >= 0)
		close(lock_fd);
	free(lock);
	free(builds);
	free(builddir);
	free(complete);
	free(record);
	free(jobs);
	strv_release(&env);
	strv_release(&configure);
	toolchain_release(&tc);
	return ret;
}

void build_result_release(struct build_result *res)
{
	free(res->dir);
	free(res->prefix);
	free(res->python);
	free(res->log_path);
	free(res->compiler);
	free(res->profile_task);
	free(res->evidence);
	memset(res, 0, sizeof(*res));
}
