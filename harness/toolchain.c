#include "toolchain.h"
#include "error.h"
#include "proc.h"

#include <stdlib.h>
#include <string.h>

extern char **environ;

static char *first_line(char *text)
{
	char *nl = strchr(text, '\n');

	if (nl)
		*nl = '\0';
	return text;
}

static const char *env_lookup(char *const *env, const char *name)
{
	size_t len = strlen(name);

	for (; env && *env; env++)
		if (!strncmp(*env, name, len) && (*env)[len] == '=')
			return *env + len + 1;
	return NULL;
}

static char *which(char *const *env, const char *cmd)
{
	const char *path = env_lookup(env, "PATH");
	char *copy, *dir, *save = NULL, *found = NULL;

	if (strchr(cmd, '/'))
		return xstrdup(cmd);
	copy = xstrdup(path ? path : "/usr/bin:/bin");
	for (dir = strtok_r(copy, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
		char *candidate = path_join(dir, cmd);

		if (is_executable(candidate))
			found = candidate;
		else
			free(candidate);
	}
	free(copy);
	return found;
}

int toolchain_detect(char *const *env, struct toolchain *tc)
{
	const char *cc = env_lookup(env ? env : environ, "CC");
	struct strv cc_words = STRV_INIT;
	char *out = NULL;

	memset(tc, 0, sizeof(*tc));
	if (!env)
		env = environ;
	/* CC may carry flags ("gcc -m64"); the first word is the program. */
	if (split_words(cc && *cc ? cc : "gcc", &cc_words) < 0 || !cc_words.n) {
		strv_release(&cc_words);
		return error_set("CC='%s' is not a usable compiler command", cc ? cc : "");
	}
	tc->cc = xstrdup(cc && *cc ? cc : "gcc");
	tc->cc_path = which(env, cc_words.v[0]);
	if (!tc->cc_path) {
		error_set("compiler '%s' not found in PATH (install gcc, or set CC in the variant's [build-env])",
			  cc_words.v[0]);
		goto fail;
	}
	{
		char *argv[] = { tc->cc_path, "--version", NULL };

		if (proc_capture(argv, env, &out) < 0) {
			error_prefix("cannot ask the compiler for its version");
			goto fail;
		}
		tc->cc_version = xstrdup(first_line(out));
		free(out);
	}
	{
		char *argv[] = { "make", "--version", NULL };

		if (proc_capture(argv, env, &out) < 0) {
			error_set("make not found (install it: apt-get install make)");
			goto fail;
		}
		tc->make_version = xstrdup(first_line(out));
		free(out);
	}
	strv_release(&cc_words);
	return 0;
fail:
	strv_release(&cc_words);
	toolchain_release(tc);
	return -1;
}

void toolchain_release(struct toolchain *tc)
{
	free(tc->cc);
	free(tc->cc_path);
	free(tc->cc_version);
	free(tc->make_version);
	memset(tc, 0, sizeof(*tc));
}
