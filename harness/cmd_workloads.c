#include "cli.h"
#include "error.h"
#include "workload.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static const char usage[] =
	"usage: varbench workloads [--manifest FILE]\n"
	"\n"
	"List the workloads of the manifest (default: workloads/manifest.ini) with\n"
	"their tags, arguments and description.  The format is in workloads/README.md.\n";

int cmd_workloads(int argc, char **argv)
{
	static const struct option options[] = {
		{ "manifest", required_argument, NULL, 'M' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char *manifest = cli_default_manifest();
	const char *use = manifest;
	struct workload_set set;
	int opt, ret = 0;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		if (opt == 'h') {
			fputs(usage, stdout);
			goto out;
		}
		if (opt != 'M') {
			ret = cli_usage_error("workloads", opt, argv[optind - 1]);
			goto out;
		}
		use = optarg;
	}
	if (workload_set_load(use, &set) < 0) {
		ret = error_report();
		goto out;
	}
	for (size_t i = 0; i < set.n; i++) {
		char *tags = strv_join(&set.items[i].tags, ",");
		char *args = strv_join(&set.items[i].args, " ");

		printf("%-14s %-22s args: %-10s %s\n", set.items[i].name, tags, args, set.items[i].description);
		free(tags);
		free(args);
	}
	workload_set_release(&set);
out:
	free(manifest);
	return ret;
}
