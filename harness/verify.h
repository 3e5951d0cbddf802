#ifndef VARBENCH_VERIFY_H
#define VARBENCH_VERIFY_H

/*
 * What a build really is, read from the built interpreter (sysconfig:
 * CONFIG_ARGS, PY_CFLAGS_NODIST, Py_GIL_DISABLED, Py_DEBUG, WITH_MIMALLOC,
 * the compiler string) and from its ELF file (BOLT's .note.bolt_info), and
 * checked against what its configure words promise.  A PGO build without
 * -fprofile-use, or a "no-mimalloc" build with mimalloc, is a failed build.
 */

#include "variant.h"

/*
 * Collect the evidence of the interpreter at python into *evidence
 * ("key=value" lines, malloc'ed) and check it against v.  Returns 0 when it
 * matches; -1 with the contradiction in the message otherwise (evidence is
 * still filled when it could be read).
 */
int verify_build(const char *python, const struct variant *v, char **evidence);

#endif
