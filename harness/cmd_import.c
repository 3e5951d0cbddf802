#include "cli.h"
#include "error.h"
#include "pyperf.h"
#include "store.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: varbench import --pyperf FILE [--pyperf FILE...] [options]\n"
	"\n"
	"Load pyperf JSON results (format 1.0, as `python3 -m pyperf` and pyperformance\n"
	"write them) as one new campaign, one variant per file, so they can be\n"
	"compared, charted and reported like varbench's own:\n"
	"  varbench import --pyperf base.json --pyperf changed.json\n"
	"  varbench compare   (or: varbench report -o report/)\n"
	"\n"
	"The first file is the base.  A variant is named by the file's varbench_variant\n"
	"metadata (files varbench exported) or by the file name, unless --name says\n"
	"otherwise.  Each pyperf value becomes one sample (wall time = the value, time\n"
	"per loop), stored exactly as the event pyperf:value too; warmups are stored as\n"
	"warm-up samples.  There is no build behind imported results: the build rows\n"
	"have keys derived from each file's sha256 and an empty prefix.  Every file is\n"
	"checked against pyperf's format before anything is stored.\n"
	"\n"
	"  --pyperf FILE     a pyperf JSON file (repeat for more; FILEs may also follow\n"
	"                    the options)\n"
	"  --name NAME       the variant name of the next file (repeat in file order)\n"
	"  --db FILE         results database (default: varbench.db; created if needed)\n"
	"  -h, --help        this text\n";

enum { OPT_PYPERF = 256, OPT_NAME };

int cmd_import(int argc, char **argv)
{
	static const struct option options[] = {
		{ "pyperf", required_argument, NULL, OPT_PYPERF },
		{ "name", required_argument, NULL, OPT_NAME },
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct strv files = STRV_INIT, names = STRV_INIT;
	const char *db = "varbench.db";
	struct store *s = NULL;
	int64_t campaign;
	int opt, ret = 1;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case 'h':
			fputs(usage, stdout);
			return 0;
		case OPT_PYPERF:
			strv_push(&files, optarg);
			break;
		case OPT_NAME:
			strv_push(&names, optarg);
			break;
		case 'd':
			db = optarg;
			break;
		default:
			strv_release(&files);
			strv_release(&names);
			return cli_usage_error("import", opt, argv[optind - 1]);
		}
	}
	for (int i = optind; i < argc; i++)
		strv_push(&files, argv[i]);
	if (!files.n) {
		error_set("import: --pyperf FILE is required (the only import format so far)");
		goto fail;
	}
	if (names.n > files.n) {
		error_set("import: %zu --name for %zu files", names.n, files.n);
		goto fail;
	}
	/* Check the files first, so a bad one leaves no new database behind. */
	if (pyperf_validate(&files, &names) < 0 || store_open(db, &s) < 0 ||
	    pyperf_import(s, &files, &names, &campaign, stdout) < 0)
		goto fail;
	printf("campaign %lld stored in %s; see `varbench compare --db %s --campaign %lld`\n", (long long)campaign, db,
	       db, (long long)campaign);
	ret = 0;
	goto out;
fail:
	ret = error_report();
out:
	strv_release(&files);
	strv_release(&names);
	store_close(s);
	return ret;
}
