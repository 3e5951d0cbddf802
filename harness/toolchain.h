#ifndef VARBENCH_TOOLCHAIN_H
#define VARBENCH_TOOLCHAIN_H

/*
 * What compiles a build.  The identity strings go into the build key, so
 * upgrading the compiler or make gives new builds instead of silently
 * reusing binaries made by the old one.
 */

#include "util.h"

struct toolchain {
	char *cc;		/* command as configure will run it ("gcc", "clang") */
	char *cc_path;		/* resolved path, or the command if not found */
	char *cc_version;	/* first line of `cc --version` */
	char *make_version;	/* first line of `make --version` */
};

/* Detect the compiler named by CC in env (default gcc, as configure picks). */
int toolchain_detect(char *const *env, struct toolchain *tc);
void toolchain_release(struct toolchain *tc);

#endif
