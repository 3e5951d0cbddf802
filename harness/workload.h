#ifndef VARBENCH_WORKLOAD_H
#define VARBENCH_WORKLOAD_H

/*
 * Workloads: pinned Python programs listed in a manifest (INI, one section
 * per workload; format in workloads/README.md).  Each has an expected
 * output checksum, so a variant that computes something else is caught as
 * a correctness failure instead of being timed.
 */

#include "sha256.h"
#include "util.h"

struct workload {
	char *name;
	char *description;
	char *script;		/* absolute path of the program */
	struct strv args;	/* arguments after the script */
	struct strv tags;
	char checksum[SHA256_HEX_SIZE];	/* expected sha256 of stdout */
	char digest[SHA256_HEX_SIZE];	/* sha256 of the script's bytes */
};

struct workload_set {
	struct workload *items;
	size_t n;
	char *manifest;		/* path it was read from */
};

/* Load and check a manifest: every script must exist; errors name file:line. */
int workload_set_load(const char *manifest, struct workload_set *set);

/* NULL + error listing the known names when name is not in the set. */
const struct workload *workload_set_find(const struct workload_set *set, const char *name);

void workload_set_release(struct workload_set *set);

#endif
