#ifndef VARBENCH_VARIANT_H
#define VARBENCH_VARIANT_H

/*
 * A variant: what to build (configure words, build environment) plus how
 * to run it (runtime environment, interpreter arguments).  Loaded from one
 * small INI file in variants/; the schema is documented in
 * variants/README.md.  Two variants whose build parts are equal share one
 * build: only variant_build_definition() feeds the build key.
 */

#include "util.h"

struct variant {
	char *name;		/* [a-z0-9._-]+, equal to the file's stem */
	char *description;
	char *path;		/* the INI file it came from */
	char *base;		/* variant it is compared against; NULL for a base */
	struct strv configure;	/* words passed to ./configure */
	struct strv build_env;	/* NAME=VALUE for configure and make */
	struct strv runtime_env;	/* NAME=VALUE applied last to every sample */
	struct strv python_args;	/* inserted before the workload's script */
	/*
	 * What the variant needs, checked before anything is built
	 * ([requires] in the file; see variants/README.md).
	 */
	struct variant_requires {
		char *python;		/* minimum CPython version, "3.14" */
		char *compiler;		/* "clang" or "gcc" */
		int compiler_version;	/* minimum major version; 0: any */
		struct strv options;	/* configure options `configure --help` must list */
		int jit_llvm;		/* needs the exact LLVM the source's JIT names */
		struct strv tools;	/* programs that must be on the build's PATH */
	} requires;
	/* Runtime-only variant: the build of this variant, named here, is used. */
	char *build_of;
};

/*
 * Load and validate one file.  Errors read "FILE:LINE: what is wrong"
 * (or "FILE: ..." when no line applies).  On failure *v is released.
 */
int variant_load(const char *path, struct variant *v);

/*
 * Resolve a name ("pgo") in dir, or a path to an .ini file.  An unknown
 * name lists the variants that do exist.
 */
int variant_find(const char *dir, const char *name_or_path, struct variant *v);

/* Names of the variants in dir (sorted), for listings and error hints. */
int variant_list(const char *dir, struct strv *names);

/*
 * Canonical text of everything that decides what gets built: configure
 * words in order and the build environment sorted by name.  Runtime
 * settings are deliberately absent so runtime-only variants share a build.
 */
char *variant_build_definition(const struct variant *v);

void variant_release(struct variant *v);

#endif
