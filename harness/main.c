/*
 * varbench: build matched variants of one CPython source, measure them,
 * keep every sample, and say what the differences mean.
 *
 * Subcommands live in cmd_<name>.c and are dispatched from the table below,
 * the way git dispatches its builtins.
 */

#include "cli.h"
#include "proc.h"

#include <stdio.h>
#include <string.h>

static const struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{ "campaign", cmd_campaign, "build, run, compare and report in one go (start here)" },
	{ "build", cmd_build, "build variants of a CPython source into the build cache" },
	{ "run", cmd_run, "measure built variants on workloads and store every sample" },
	{ "compare", cmd_compare, "compare a campaign's variants against the base, with statistics" },
	{ "report", cmd_report, "write the charts of a campaign into a directory" },
	{ "export", cmd_export, "write a campaign's samples as pyperf JSON, one file per variant" },
	{ "import", cmd_import, "load pyperf JSON results as a campaign" },
	{ "builds", cmd_builds, "list the builds with status, key, time, size and evidence" },
	{ "gc", cmd_gc, "remove cached builds the database no longer uses" },
	{ "events", cmd_events, "list the perf events this machine can count" },
	{ "doctor", cmd_doctor, "check this machine before trusting its numbers" },
	{ "variants", cmd_variants, "list the variant definitions" },
	{ "workloads", cmd_workloads, "list the workloads of the manifest" },
};

#define NCOMMANDS (sizeof(commands) / sizeof(*commands))

static void usage(FILE *out)
{
	fputs("usage: varbench <command> [options]\n\ncommands:\n", out);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\n`varbench <command> --help` describes each command.\n"
	      "Quick start: varbench campaign --source Python-3.13.9.tar.xz\n", out);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	for (size_t i = 0; i < NCOMMANDS; i++) {
		if (strcmp(argv[1], commands[i].name))
			continue;
		proc_install_signal_handlers();
		return commands[i].fn(argc - 1, argv + 1);
	}
	fprintf(stderr, "varbench: unknown command '%s' (see `varbench --help`)\n", argv[1]);
	return 2;
}
