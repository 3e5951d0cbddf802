#include "cli.h"
#include "counters.h"
#include "error.h"

#include <errno.h>
#include <getopt.h>
#include <perfmon/pfmlib_perf_event.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
	"usage: varbench events [--all] [--pmu NAME]\n"
	"\n"
	"List the perf events libpfm4 knows on this machine, by PMU, with whether\n"
	"they can be opened here and a description.  Any listed name works with\n"
	"`varbench run --events`, also as PMU::NAME and with modifiers (:u, :k).\n"
	"\n"
	"  --all        also list events that cannot be opened here (default: only\n"
	"               the ones that can, plus a count of the others)\n"
	"  --pmu NAME   only this PMU (e.g. perf, amd64_fam19h_zen3, skl)\n"
	"  -h, --help   this text\n";

/* Can the event be opened on this process?  0, or the errno that says why not. */
static int try_open(const char *name)
{
	struct counters c;
	int err = 0;

	if (counters_init(&c, name) < 0)
		return EINVAL;
	if (counters_probe(&c))
		err = strstr(c.events[0].reason, "permission") ? EACCES : ENOENT;
	counters_release(&c);
	error_clear();
	return err;
}

static void one_line(const char *text, char *out, size_t size)
{
	snprintf(out, size, "%s", text ? text : "");
	for (char *p = out; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
}

int cmd_events(int argc, char **argv)
{
	static const struct option options[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "pmu", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *only = NULL;
	int opt, all = 0, pmu, shown_pmus = 0, total_ok = 0, total_no = 0;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case 'h': fputs(usage, stdout); return 0;
		case 'a': all = 1; break;
		case 'p': only = optarg; break;
		default: return cli_usage_error("events", opt, argv[optind - 1]);
		}
	}
	if (pfm_initialize() != PFM_SUCCESS) {
		error_set("cannot initialize libpfm4");
		return error_report();
	}
	pfm_for_all_pmus(pmu) {
		pfm_pmu_info_t pinfo;
		int ok = 0, no = 0;

		memset(&pinfo, 0, sizeof(pinfo));
		pinfo.size = sizeof(pinfo);
		if (pfm_get_pmu_info(pmu, &pinfo) != PFM_SUCCESS || !pinfo.is_present)
			continue;
		if (only && strcmp(only, pinfo.name))
			continue;
		shown_pmus++;
		printf("PMU %s: %s\n", pinfo.name, pinfo.desc ? pinfo.desc : "");
		for (int e = pinfo.first_event; e != -1; e = pfm_get_event_next(e)) {
			pfm_event_info_t info;
			char full[512], desc[400];
			int err;

			memset(&info, 0, sizeof(info));
			info.size = sizeof(info);
			if (pfm_get_event_info(e, PFM_OS_PERF_EVENT_EXT, &info) != PFM_SUCCESS)
				continue;
			snprintf(full, sizeof(full), "%s::%s", pinfo.name, info.name);
			err = try_open(full);
			if (err) {
				no++;
				if (!all)
					continue;
			} else {
				ok++;
			}
			one_line(info.desc, desc, sizeof(desc));
			printf("  %-11s %-36s %s\n", err ? (err == EACCES ? "no-access" : "unsupported") : "ok",
			       info.name, desc);
		}
		printf("  (%d can be counted here, %d cannot%s)\n\n", ok, no, no && !all ? "; --all lists them" : "");
		total_ok += ok;
		total_no += no;
	}
	if (!shown_pmus) {
		error_set(only ? "no PMU named '%s' is present (see `varbench events`)" : "libpfm4 found no PMU%s",
			  only ? only : "");
		return error_report();
	}
	printf("%d events can be counted here, %d cannot\n", total_ok, total_no);
	return 0;
}
