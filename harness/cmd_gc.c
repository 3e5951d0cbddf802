#include "cli.h"
#include "error.h"
#include "store.h"

#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static const char usage[] =
	"usage: varbench gc [--db FILE] [--cache DIR] [--older-than DAYS] [--dry-run]\n"
	"\n"
	"Free disk space in the build cache (a CPython build takes about 400 MB).\n"
	"Removes every cached build that the database does not reference, and with\n"
	"--older-than also referenced builds whose last use is older than DAYS days\n"
	"(their rows and samples stay in the database).  Unpacked sources are kept.\n"
	"Other databases may share the cache: name each with --db in turn, or use\n"
	"--dry-run first.\n"
	"\n"
	"  --older-than DAYS   also remove referenced builds not used for DAYS days\n"
	"  --dry-run           say what would be removed, remove nothing\n"
	"  --cache DIR         build cache (default: $XDG_CACHE_HOME/varbench)\n"
	"  --db FILE           results database (default: varbench.db)\n";

int cmd_gc(int argc, char **argv)
{
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "cache", required_argument, NULL, 'c' },
		{ "older-than", required_argument, NULL, 'o' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = "varbench.db", *cache_arg = NULL;
	char *cache = default_cache_dir(), *builds_dir = NULL;
	struct build_row *rows = NULL;
	struct store *s = NULL;
	struct dirent **entries = NULL;
	size_t n = 0;
	int opt, days = -1, dry = 0, count = 0, ret = 1, ndirs = 0;
	double freed = 0;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case 'h': fputs(usage, stdout); ret = 0; goto out;
		case 'd': db = optarg; break;
		case 'c': cache_arg = optarg; break;
		case 'n': dry = 1; break;
		case 'o':
			if (cli_int("--older-than", optarg, 0, 100000, &days) < 0) {
				ret = error_report();
				goto out;
			}
			break;
		default: ret = cli_usage_error("gc", opt, argv[optind - 1]); goto out;
		}
	}
	builds_dir = path_join(cache_arg ? cache_arg : cache, "builds");
	if (store_open_existing(db, &s) < 0 || store_builds(s, &rows, &n) < 0) {
		ret = error_report();
		goto out;
	}
	ndirs = scandir(builds_dir, &entries, NULL, alphasort);
	for (int i = 0; i < ndirs; i++) {
		const char *name = entries[i]->d_name;
		char *path = path_join(builds_dir, name);
		const struct build_row *used = NULL;
		struct stat st;
		const char *why = NULL;

		if (name[0] == '.' || strstr(name, ".lock") || !is_dir(path)) {
			free(path);
			continue;
		}
		for (size_t k = 0; k < n && !used; k++)
			if (!strncmp(rows[k].key, name, strlen(name)))
				used = &rows[k];
		if (!used)
			why = "not in the database";
		else if (days >= 0 && stat(path, &st) == 0 && difftime(time(NULL), st.st_mtime) > days * 86400.0)
			why = "older than --older-than";
		if (why) {
			double size = (double)tree_size(path);

			printf("%s %s (%s%s%s, %.0f MB): %s\n", dry ? "would remove" : "removing", path,
			       used ? used->variant : "unknown variant", used ? ", " : "", used ? used->recorded : "",
			       size / 1e6, why);
			if (!dry && remove_tree(path) < 0) {
				ret = error_report();
				free(path);
				goto out;
			}
			freed += size;
			count++;
		}
		free(path);
	}
	printf("%s %d build%s, %.0f MB\n", dry ? "would free" : "freed", count, count == 1 ? "" : "s", freed / 1e6);
	ret = 0;
out:
	for (int i = 0; i < ndirs; i++)
		free(entries[i]);
	free(entries);
	store_builds_free(rows, n);
	store_close(s);
	free(builds_dir);
	free(cache);
	return ret;
}
