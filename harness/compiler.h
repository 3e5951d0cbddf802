#ifndef VARBENCH_COMPILER_H
#define VARBENCH_COMPILER_H

/*
 * The compiler axis: `--cc gcc,clang-19` builds every variant once per
 * compiler.  A clang-N build puts LLVM N's own bin directory first on PATH
 * and uses CC=clang, so configure finds the matching llvm-ar,
 * llvm-profdata and ld.lld by itself; llvm-bolt and merge-fdata are named
 * explicitly (Debian's /usr/bin/llvm-bolt-N cannot find its runtime).
 */

#include "util.h"

struct compiler {
	char *spec;		/* as given: "gcc", "gcc-12", "clang", "clang-19" */
	char *family;		/* "gcc" or "clang" */
	char *command;		/* what CC becomes */
	char *llvm_bindir;	/* clang-N: LLVM N's bin directory; else NULL */
	int major;		/* from `CC -dumpversion` */
	char version[32];	/* full dotted version */
};

/* Resolve a spec; -1 with "compiler 'clang-18' is not installed (...)" if missing. */
int compiler_resolve(const char *spec, struct compiler *c);

/*
 * Environment entries the compiler adds to a build (CC, PATH, and for
 * BOLT builds LLVM_BOLT and MERGE_FDATA from the same LLVM, or for gcc
 * from the newest LLVM installed).  path is the PATH to extend.
 */
void compiler_build_env(const struct compiler *c, int bolt, const char *path, struct strv *env);

/* Installed LLVM majors (those with /usr/lib/llvm-N/bin/clang), ascending; returns how many. */
int compiler_llvm_versions(int *out, int max);

void compiler_release(struct compiler *c);

#endif
