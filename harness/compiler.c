#include "compiler.h"
#include "error.h"
#include "proc.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* LLVM's own prefix on Debian; llvm-config-N --bindir says the same. */
static char *llvm_bindir(int major)
{
	return xasprintf("/usr/lib/llvm-%d/bin", major);
}

static int detect_version(struct compiler *c, char *const *env)
{
	/* gcc -dumpversion says only "12"; -dumpfullversion has the whole version. */
	char *argv[] = { c->command, strcmp(c->family, "gcc") ? "-dumpversion" : "-dumpfullversion", NULL };
	char *out;

	if (proc_capture(argv, env, &out) < 0)
		return -1;
	out[strcspn(out, "\n")] = '\0';
	snprintf(c->version, sizeof(c->version), "%s", out);
	c->major = atoi(out);
	free(out);
	return 0;
}

int compiler_resolve(const char *spec, struct compiler *c)
{
	struct strv env = STRV_INIT;
	int ret = -1;

	memset(c, 0, sizeof(*c));
	c->spec = xstrdup(spec);
	if (!strncmp(spec, "clang", 5) && (spec[5] == '\0' || spec[5] == '-')) {
		c->family = xstrdup("clang");
		c->command = xstrdup("clang");
		if (spec[5] == '-') {
			int major = atoi(spec + 6);
			char *clang;

			c->llvm_bindir = llvm_bindir(major);
			clang = path_join(c->llvm_bindir, "clang");
			if (major <= 0 || !is_executable(clang)) {
				error_set("compiler '%s' is not installed (no %s; apt-get install clang-%d lld-%d llvm-%d)",
					  spec, clang, major, major, major);
				free(clang);
				goto out;
			}
			free(clang);
			free(c->command);
			c->command = path_join(c->llvm_bindir, "clang");
		}
	} else if (!strncmp(spec, "gcc", 3) && (spec[3] == '\0' || spec[3] == '-')) {
		c->family = xstrdup("gcc");
		c->command = xstrdup(spec);
	} else {
		error_set("--cc: '%s' is not a compiler varbench knows (use gcc, gcc-N, clang or clang-N)", spec);
		goto out;
	}
	if (detect_version(c, NULL) < 0) {
		error_set("compiler '%s' is not installed or does not run (%s)", spec, error_message());
		goto out;
	}
	ret = 0;
out:
	strv_release(&env);
	if (ret < 0)
		compiler_release(c);
	return ret;
}

int compiler_llvm_versions(int *out, int max)
{
	struct dirent **entries;
	int n = scandir("/usr/lib", &entries, NULL, alphasort), found = 0;

	for (int i = 0; i < n; i++) {
		int major;

		if (sscanf(entries[i]->d_name, "llvm-%d", &major) == 1 && found < max) {
			char *clang = xasprintf("/usr/lib/llvm-%d/bin/clang", major);

			if (is_executable(clang))
				out[found++] = major;
			free(clang);
		}
		free(entries[i]);
	}
	if (n >= 0)
		free(entries);
	/* alphasort puts llvm-9 after llvm-19: sort numerically. */
	for (int i = 1; i < found; i++)
		for (int j = i; j > 0 && out[j - 1] > out[j]; j--) {
			int t = out[j];

			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return found;
}

void compiler_build_env(const struct compiler *c, int bolt, const char *path, struct strv *env)
{
	char *bindir = c->llvm_bindir ? xstrdup(c->llvm_bindir) : NULL;

	strv_setenv(env, "CC", c->llvm_bindir ? "clang" : c->command);
	if (c->llvm_bindir) {
		char *p = xasprintf("%s:%s", c->llvm_bindir, path ? path : "/usr/bin:/bin");

		strv_setenv(env, "PATH", p);
		free(p);
	}
	if (bolt && !bindir) {
		/* gcc builds borrow BOLT from the newest LLVM that has it. */
		int versions[32], n = compiler_llvm_versions(versions, 32);

		for (int i = n - 1; i >= 0 && !bindir; i--) {
			char *dir = llvm_bindir(versions[i]), *tool = path_join(dir, "llvm-bolt");

			if (is_executable(tool))
				bindir = xstrdup(dir);
			free(dir);
			free(tool);
		}
	}
	if (bolt && bindir) {
		char *tool = path_join(bindir, "llvm-bolt"), *merge = path_join(bindir, "merge-fdata");

		strv_setenv(env, "LLVM_BOLT", tool);
		strv_setenv(env, "MERGE_FDATA", merge);
		free(tool);
		free(merge);
	}
	free(bindir);
}

void compiler_release(struct compiler *c)
{
	free(c->spec);
	free(c->family);
	free(c->command);
	free(c->llvm_bindir);
	memset(c, 0, sizeof(*c));
}
