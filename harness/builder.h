#ifndef VARBENCH_BUILDER_H
#define VARBENCH_BUILDER_H

/*
 * Builds one variant of one source into the build cache:
 *
 *   CACHE/builds/<key prefix>/build/     out-of-tree build directory
 *   CACHE/builds/<key prefix>/prefix/    make install goes here
 *   CACHE/builds/<key prefix>/build.log  everything configure/make printed
 *   CACHE/builds/<key prefix>/record     key=value facts (time, sizes, ...)
 *   CACHE/builds/<key prefix>/evidence   what the interpreter says it is
 *   CACHE/builds/<key prefix>/complete   written last; no file, no build
 *
 * A build is reused only when `complete` exists, so a build that was
 * interrupted or failed is redone from scratch next time.
 */

#include <stdint.h>

#include "compiler.h"
#include "sha256.h"
#include "source.h"
#include "toolchain.h"
#include "variant.h"


struct build_request {
	const struct source *source;
	const struct variant *variant;
	const struct compiler *cc;	/* the compiler axis; its CC/PATH go under the variant's build-env */
	const char *cache_dir;
	/* NULL: CPython's default training; else PROFILE_TASK for PGO builds. */
	const char *profile_task;
	int jobs;		/* make -jN */
	int rebuild;		/* ignore a cached build */
	int lookup_only;	/* fail instead of building when not cached */
	const char *label;	/* progress prefix, e.g. "[1/2]" */
};

struct build_result {
	char key[SHA256_HEX_SIZE];
	char *dir, *prefix, *python, *log_path;
	char *compiler;		/* compiler identity line */
	char *profile_task;	/* what the PGO training ran; NULL if no PGO */
	double seconds;		/* wall time of the build (of the original, if reused) */
	uint64_t binary_bytes;	/* the installed python executable */
	uint64_t installed_bytes;	/* everything under prefix */
	int reused;
	char *evidence;		/* what the built interpreter says it is (verify.h) */
	const char *compiler_spec;	/* the --cc entry it was built with (points into the request) */
};

/* Does this variant train a profile (so the profile task is part of its key)? */
int builder_uses_pgo(const struct variant *v);

/* Compute the key without building. */
int builder_key(const struct build_request *req, const struct toolchain *tc,
		char key[SHA256_HEX_SIZE]);

/* The key a request would build under, and whether the cache already has it. */
int builder_lookup(const struct build_request *req, char key[SHA256_HEX_SIZE], int *cached);

/*
 * Build (or reuse) and fill *res.  On failure the last lines of the log
 * are printed to stderr and the message names the log's path.
 */
int builder_build(const struct build_request *req, struct build_result *res);

void build_result_release(struct build_result *res);

#endif
