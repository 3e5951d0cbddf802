#ifndef VARBENCH_PREFLIGHT_H
#define VARBENCH_PREFLIGHT_H

/*
 * Refuse before building: compare what a variant needs ([requires]) with
 * what is there (the source's version and `configure --help`, the
 * compiler, the installed LLVMs and tools) and say in one line what is
 * missing, before minutes are spent on a build that cannot work.
 */

#include "compiler.h"
#include "source.h"
#include "variant.h"

struct preflight {
	const struct source *source;
	int py_major, py_minor;
	char *configure_help;	/* what `configure --help` prints */
	int jit_llvm;		/* LLVM major the source's JIT needs (Tools/jit/_llvm.py); 0 if none */
	int llvm[16];		/* installed LLVM majors */
	int nllvm;
};

/* Read the source's facts once; -1 with a message if configure cannot run. */
int preflight_init(struct preflight *p, const struct source *src);

/*
 * 0 if variant can be built with compiler here; otherwise -1 and one line
 * in reason, e.g. "tailcall: needs CPython >= 3.14 with clang >= 19;
 * source is 3.13.15, compiler gcc 12.2".  name is how to call the variant
 * in the line ("pgo-lto@clang-19").
 */
int preflight_check(const struct preflight *p, const struct variant *v, const char *name,
		    const struct compiler *cc, char *reason, size_t size);

void preflight_release(struct preflight *p);

#endif
