#include "cli.h"
#include "error.h"
#include "runner.h"
#include "workload.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: varbench workloads [options]\n"
	"\n"
	"List the workloads of the manifest (default: workloads/manifest.ini) with\n"
	"their tags, sizes and description, or run them once on an interpreter and\n"
	"compare their output with the manifest's checksums.  The manifest format\n"
	"is in workloads/README.md.\n"
	"\n"
	"  -w, --workload NAME  only this workload (repeatable)\n"
	"  --tag TAG            only workloads tagged TAG (repeatable; a union with -w)\n"
	"  --size SIZE          tiny, default or long (default: default)\n"
	"  -v, --verbose        also each size's arguments and checksum, and the file\n"
	"  --check PYTHON       run each workload once on PYTHON (a path, or a name on\n"
	"                       PATH) in varbench's normalized environment and say\n"
	"                       whether its output matches; for an entry with no\n"
	"                       checksum yet, print the one to put in the manifest\n"
	"  -n, --repeat N       with --check: run each N times and show the median time\n"
	"  --timeout DURATION   with --check: kill a run after this long (default: 10m)\n"
	"  --manifest FILE      workload manifest (default: workloads/manifest.ini)\n"
	"  -h, --help           this text\n";

/* Words as a shell would need them, so what is shown can be pasted back. */
static char *quoted(const struct strv *words)
{
	struct strv q = STRV_INIT;
	char *line;

	for (size_t i = 0; i < words->n; i++) {
		/* {python} needs no quotes: it is no shell's syntax, and users write it bare. */
		char *word = strcmp(words->v[i], "{python}") ? quote_word(words->v[i]) : xstrdup("{python}");

		strv_push(&q, word);
		free(word);
	}
	line = q.n ? strv_join(&q, " ") : xstrdup("");
	strv_release(&q);
	return line;
}

static void list_sizes(const struct workload *w, char *buf, size_t size)
{
	static const enum workload_size order[] = { WORKLOAD_TINY, WORKLOAD_DEFAULT, WORKLOAD_LONG };
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < 3 && len < size; i++)
		if (w->sizes[order[i]].defined)
			len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? "," : "",
						workload_size_name(order[i]));
}

static void list(const struct workload *const *ws, size_t n, int verbose)
{
	printf("%-20s %-28s %-18s %s\n", "WORKLOAD", "TAGS", "SIZES", "DESCRIPTION");
	for (size_t i = 0; i < n; i++) {
		const struct workload *w = ws[i];
		char *tags = strv_join(&w->tags, " ");
		char sizes[64];
		int unchecked = 0;

		list_sizes(w, sizes, sizeof(sizes));
		for (int z = 0; z < WORKLOAD_NSIZES; z++)
			unchecked |= w->sizes[z].defined && !w->sizes[z].checksum[0];
		printf("%-20s %-28s %-18s %s%s\n", w->name, tags, sizes, w->description,
		       unchecked ? " [no checksum yet]" : "");
		free(tags);
		if (!verbose)
			continue;
		printf("    %s %s (%s, sha256 %.16s)\n", w->script ? "script" : "command",
		       w->script ? w->script : "line", w->origin, w->digest);
		for (int z = 0; z < WORKLOAD_NSIZES; z++) {
			static const enum workload_size order[] = { WORKLOAD_TINY, WORKLOAD_DEFAULT, WORKLOAD_LONG };
			const struct workload_sizing *s = &w->sizes[order[z]];
			char *args;

			if (!s->defined)
				continue;
			args = quoted(&s->args);
			printf("    %-8s %s\n             checksum %s\n", workload_size_name(order[z]),
			       *args ? args : "(no arguments)", s->checksum[0] ? s->checksum : "(none)");
			free(args);
		}
	}
}

/* The last line of a failed run's stderr: usually the exception. */
static const char *last_line(char *text)
{
	char *end = text + strlen(text);

	while (end > text && (end[-1] == '\n' || end[-1] == ' '))
		*--end = '\0';
	while (end > text && end[-1] != '\n')
		end--;
	return end;
}

static int compare_ns(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/*
 * Run each workload `repeat` times on python, as a sample would run (same
 * environment, fresh process, stdout hashed), and report its median time
 * and whether every run printed what the manifest expects.
 */
static int check(const struct workload *const *ws, size_t n, const char *python, double timeout, int repeat)
{
	struct strv env = STRV_INIT;
	struct counters none = { 0 };
	struct runner_opts ro = { .cpu = -1, .timeout = timeout, .counters = &none };
	int64_t *walls = xcalloc((size_t)repeat, sizeof(*walls));
	int ok = 0, wrong = 0, failed = 0, fresh = 0;

	runner_environment(NULL, &env);
	for (size_t i = 0; i < n; i++) {
		const struct workload *w = ws[i];
		struct sample_result r, bad = { .status = SAMPLE_OK };
		int have_bad = 0;

		for (int k = 0; k < repeat; k++) {
			struct strv argv = STRV_INIT;
			int rc;

			workload_argv(w, python, NULL, 0, &argv);
			rc = runner_sample(argv.v, env.v, &ro, &r);
			strv_release(&argv);
			if (rc < 0) {
				strv_release(&env);
				free(walls);
				return error_prefix("%s", w->name);
			}
			walls[k] = r.wall_ns;
			/* Keep the first run that went wrong: that is the one to explain. */
			if (!have_bad && (r.status != SAMPLE_OK || (w->checksum[0] && strcmp(r.stdout_digest, w->checksum)))) {
				bad = r;
				have_bad = 1;
			}
		}
		if (have_bad)
			r = bad;
		qsort(walls, (size_t)repeat, sizeof(*walls), compare_ns);
		if (r.status == SAMPLE_OK && !w->checksum[0])
			fresh++;
		else if (r.status == SAMPLE_OK && strcmp(r.stdout_digest, w->checksum))
			wrong++;
		else if (r.status == SAMPLE_OK)
			ok++;
		else
			failed++;
		printf("%-7s %-20s %-8s %7.3f s", r.status != SAMPLE_OK ? "FAILED" : !w->checksum[0] ? "NEW" :
		       strcmp(r.stdout_digest, w->checksum) ? "WRONG" : "ok", w->name, workload_size_name(w->size),
		       (repeat % 2 ? walls[repeat / 2] : (walls[repeat / 2 - 1] + walls[repeat / 2]) / 2) / 1e9);
		if (repeat > 1)
			printf("  (median of %d, %.3f to %.3f s)", repeat, walls[0] / 1e9, walls[repeat - 1] / 1e9);
		putchar('\n');
		if (r.status == SAMPLE_OK && !w->checksum[0])
			/* The manifest line to paste: checksum[.STEM][.SIZE] = ... */
			printf("        checksum%s%s%s%s = %s\n", w->stem ? "." : "", w->stem ? w->stem : "",
			       w->size == WORKLOAD_DEFAULT ? "" : ".",
			       w->size == WORKLOAD_DEFAULT ? "" : workload_size_name(w->size), r.stdout_digest);
		else if (r.status == SAMPLE_OK && strcmp(r.stdout_digest, w->checksum))
			printf("        output sha256 %s\n        manifest says %s\n", r.stdout_digest, w->checksum);
		else if (r.status == SAMPLE_FAILED)
			printf("        exit status %d: %s\n", r.exit_code, last_line(r.stderr_tail));
		else if (r.status == SAMPLE_CRASHED)
			printf("        killed by signal %d (%s)\n", r.signal, strsignal(r.signal));
		else if (r.status != SAMPLE_OK)
			printf("        %s\n", sample_status_name(r.status));
		fflush(stdout);
	}
	strv_release(&env);
	free(walls);
	printf("%s: %d ok, %d wrong output, %d failed, %d without checksum\n", python, ok, wrong, failed, fresh);
	return wrong || failed ? 1 : 0;
}

int cmd_workloads(int argc, char **argv)
{
	static const struct option options[] = {
		{ "manifest", required_argument, NULL, 'M' },
		{ "workload", required_argument, NULL, 'w' },
		{ "tag", required_argument, NULL, 'g' },
		{ "size", required_argument, NULL, 'z' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "check", required_argument, NULL, 'k' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "repeat", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char *manifest = cli_default_manifest(), *python = NULL;
	const char *use = manifest, *check_with = NULL, *tags[64];
	struct strv names = STRV_INIT, skipped = STRV_INIT;
	struct workload_set set = { 0 };
	const struct workload **chosen = NULL;
	enum workload_size size = WORKLOAD_DEFAULT;
	size_t ntags = 0, n = 0;
	double timeout = 600;
	int opt, verbose = 0, repeat = 1, ret = 0;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":w:n:vh", options, NULL)) != -1) {
		switch (opt) {
		case 'h': fputs(usage, stdout); goto out;
		case 'M': use = optarg; continue;
		case 'w': strv_push(&names, optarg); continue;
		case 'v': verbose = 1; continue;
		case 'k': check_with = optarg; continue;
		case 'g':
			if (ntags == sizeof(tags) / sizeof(*tags)) {
				error_set("--tag: at most %zu tags", ntags);
				goto fail;
			}
			tags[ntags++] = optarg;
			continue;
		case 'z':
			if (workload_size_parse(optarg, &size) < 0) {
				error_prefix("--size");
				goto fail;
			}
			continue;
		case 'T':
			if (cli_duration("--timeout", optarg, &timeout) < 0)
				goto fail;
			continue;
		case 'n':
			if (cli_int("--repeat", optarg, 1, 1000, &repeat) < 0)
				goto fail;
			continue;
		}
		ret = cli_usage_error("workloads", opt, argv[optind - 1]);
		goto out;
	}
	if (optind < argc) {
		error_set("workloads: unexpected argument '%s' (select workloads with -w NAME)", argv[optind]);
		goto fail;
	}
	/* Entries still waiting for their checksum can be listed and checked, never measured. */
	if (workload_set_load_flags(use, WORKLOAD_LOAD_UNCHECKED, &set) < 0 ||
	    workload_set_select(&set, &names, tags, ntags, size, &chosen, &n, &skipped) < 0)
		goto fail;
	if (skipped.n) {
		char *left = strv_join(&skipped, ", ");

		fprintf(stderr, "varbench: left out, no '%s' size: %s\n", workload_size_name(size), left);
		free(left);
	}
	if (!check_with) {
		list(chosen, n, verbose);
		goto out;
	}
	if (!(python = workload_find_program(check_with))) {
		error_prefix("--check");
		goto fail;
	}
	ret = check(chosen, n, python, timeout, repeat);
	if (ret < 0)
		goto fail;
	goto out;
fail:
	ret = error_report();
out:
	free(chosen);
	free(python);
	workload_set_release(&set);
	strv_release(&names);
	strv_release(&skipped);
	free(manifest);
	return ret;
}
