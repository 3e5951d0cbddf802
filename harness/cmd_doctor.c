#include "cli.h"
#include "error.h"
#include "machine.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
	"usage: varbench doctor [--cpu N]\n"
	"\n"
	"Check this machine before trusting its numbers: CPU and cores, frequency\n"
	"governor, turbo/boost, isolated CPUs and nohz_full, ASLR, perf_event_paranoid,\n"
	"hardware counters (PMU), load, memory and tool versions.  Each line has a\n"
	"verdict (ok, info, warning, problem), and every warning says what to do.\n"
	"The same facts are stored with every campaign.\n"
	"\n"
	"Exit status: 0 when nothing is a problem (warnings included), 1 otherwise.\n"
	"\n"
	"  --cpu N     the CPU samples would run on (default: an isolated one, else the last)\n"
	"  -h, --help  this text\n";

int cmd_doctor(int argc, char **argv)
{
	static const struct option options[] = {
		{ "cpu", required_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct machine_facts f;
	int opt, cpu = -1, problems = 0, warnings = 0;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		if (opt == 'h') {
			fputs(usage, stdout);
			return 0;
		}
		if (opt != 'C')
			return cli_usage_error("doctor", opt, argv[optind - 1]);
		if (cli_int("--cpu", optarg, 0, 4095, &cpu) < 0)
			return error_report();
	}
	machine_collect(&f, cpu);
	for (size_t i = 0; i < f.n; i++) {
		const struct machine_fact *x = &f.items[i];

		printf("%-8s %-22s %s\n", fact_verdict_name(x->verdict), x->name, x->value);
		if (x->advice[0])
			printf("%-8s %-22s -> %s\n", "", "", x->advice);
		warnings += x->verdict == FACT_WARNING;
		problems += x->verdict == FACT_PROBLEM;
	}
	printf("\n%d problem%s, %d warning%s\n", problems, problems == 1 ? "" : "s", warnings,
	       warnings == 1 ? "" : "s");
	return problems ? 1 : 0;
}
