#include "cli.h"
#include "error.h"
#include "variant.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static const char usage[] =
	"usage: varbench variants [--variants DIR]\n"
	"\n"
	"List the variant definitions: name, base, configure arguments and runtime\n"
	"environment, and description.  Every file is checked, so a malformed one is\n"
	"reported as FILE:LINE: what is wrong.  The format is in variants/README.md.\n";

int cmd_variants(int argc, char **argv)
{
	static const struct option options[] = {
		{ "variants", required_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char *dir = cli_default_variants_dir();
	const char *use = dir;
	struct strv names = STRV_INIT;
	int opt, ret = 0;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		if (opt == 'h') {
			fputs(usage, stdout);
			goto out;
		}
		if (opt != 'V') {
			ret = cli_usage_error("variants", opt, argv[optind - 1]);
			goto out;
		}
		use = optarg;
	}
	if (variant_list(use, &names) < 0) {
		ret = error_report();
		goto out;
	}
	for (size_t i = 0; i < names.n; i++) {
		struct variant v;
		char *configure, *env;

		if (variant_find(use, names.v[i], &v) < 0) {
			ret = error_report();
			continue;
		}
		configure = strv_join(&v.configure, " ");
		env = strv_join(&v.runtime_env, " ");
		printf("%-14s base %-10s configure: %s%s%s\n%-14s %s\n", v.name, v.base ? v.base : "-",
		       *configure ? configure : "(none)", *env ? "  runtime: " : "", env, "", v.description);
		free(configure);
		free(env);
		variant_release(&v);
	}
out:
	strv_release(&names);
	free(dir);
	return ret;
}
