#include "cli.h"
#include "error.h"
#include "store.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: varbench builds [--db FILE] [--evidence]\n"
	"\n"
	"List the builds the database knows, newest first: status (ok, or missing\n"
	"when its cache directory is gone), key, variant, compiler, build time,\n"
	"installed interpreter size, the campaigns that used it, and a summary of\n"
	"its evidence (what the built interpreter says it is).\n"
	"\n"
	"  --evidence   print every build's full evidence below it\n"
	"  --db FILE    results database (default: varbench.db)\n";

static const char *evidence_value(const char *evidence, const char *key, char *buf, size_t size)
{
	size_t len = strlen(key);

	buf[0] = '\0';
	for (const char *p = evidence; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (!strncmp(p, key, len) && p[len] == '=')
			snprintf(buf, size, "%.*s", (int)strcspn(p + len + 1, "\n"), p + len + 1);
	return buf;
}

/* The few facts that tell builds apart, from the evidence. */
static void summarize(const char *evidence, char *out, size_t size)
{
	/* One buffer per fact: the arguments below are all evaluated before printing. */
	char flags[4096], bolt[8], gil[8], debug[8], mimalloc[8], tail[8], compiler[160];

	if (!evidence) {
		snprintf(out, size, "(no evidence recorded)");
		return;
	}
	evidence_value(evidence, "cflags_nodist", flags, sizeof(flags));
	snprintf(out, size, "%s%s%s%s%s%s%s%s%s",
		 strstr(flags, "-fprofile-use") || strstr(flags, "-fprofile-instr-use") ? "PGO " : "",
		 strstr(flags, "-flto=thin") ? "ThinLTO " : strstr(flags, "-flto") ? "LTO " : "",
		 !strcmp(evidence_value(evidence, "bolt", bolt, sizeof(bolt)), "1") ? "BOLT " : "",
		 strstr(flags, "-D_Py_JIT") ? "JIT " : strstr(flags, "-D_Py_TIER2=4") ? "tier2 " : "",
		 !strcmp(evidence_value(evidence, "tail_call", tail, sizeof(tail)), "1") ? "tail-call " : "",
		 !strcmp(evidence_value(evidence, "gil_disabled", gil, sizeof(gil)), "1") ? "no-GIL " : "",
		 !strcmp(evidence_value(evidence, "debug", debug, sizeof(debug)), "1") ? "debug " : "",
		 !strcmp(evidence_value(evidence, "mimalloc", mimalloc, sizeof(mimalloc)), "0") ? "no-mimalloc " : "",
		 evidence_value(evidence, "compiler", compiler, sizeof(compiler)));
}

int cmd_builds(int argc, char **argv)
{
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "evidence", no_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = "varbench.db";
	struct build_row *rows = NULL;
	struct store *s = NULL;
	size_t n = 0;
	int opt, full = 0;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case 'h': fputs(usage, stdout); return 0;
		case 'd': db = optarg; break;
		case 'e': full = 1; break;
		default: return cli_usage_error("builds", opt, argv[optind - 1]);
		}
	}
	if (store_open_existing(db, &s) < 0 || store_builds(s, &rows, &n) < 0) {
		store_close(s);
		return error_report();
	}
	printf("%-7s %-12s %-22s %-10s %9s %9s %4s  %s\n", "status", "key", "variant", "compiler", "built in",
	       "python", "runs", "evidence");
	for (size_t i = 0; i < n; i++) {
		const struct build_row *r = &rows[i];
		char *complete = xasprintf("%s/../complete", r->prefix), dur[32], summary[512];

		format_duration(dur, sizeof(dur), r->seconds);
		summarize(r->evidence, summary, sizeof(summary));
		printf("%-7s %.12s %-22s %-10s %9s %7.1f MB %4lld  %s\n", path_exists(complete) ? "ok" : "missing",
		       r->key, r->variant, r->compiler_spec[0] ? r->compiler_spec : "-", dur, r->binary_bytes / 1e6,
		       (long long)r->campaigns, summary);
		if (full && r->evidence)
			printf("        %s\n", r->evidence);
		free(complete);
	}
	if (!n)
		printf("(no builds recorded in %s)\n", db);
	store_builds_free(rows, n);
	store_close(s);
	return 0;
}
