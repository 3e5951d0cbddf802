#include "verify.h"
#include "error.h"
#include "proc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char probe[] =
	"import sys, sysconfig, platform\n"
	"v = sysconfig.get_config_var\n"
	"print('version=' + platform.python_version())\n"
	"print('compiler=' + platform.python_compiler())\n"
	"print('config_args=' + (v('CONFIG_ARGS') or ''))\n"
	"print('cflags_nodist=' + (v('PY_CFLAGS_NODIST') or ''))\n"
	"print('ldflags_nodist=' + (v('PY_LDFLAGS_NODIST') or ''))\n"
	"print('gil_disabled=%d' % (v('Py_GIL_DISABLED') or 0))\n"
	"print('debug=%d' % (v('Py_DEBUG') or 0))\n"
	"print('mimalloc=%d' % (v('WITH_MIMALLOC') or 0))\n"
	"print('tail_call=%d' % (v('Py_TAIL_CALL_INTERP') or 0))\n"
	"print('executable=' + sys.executable)\n";

static const char *value_of(const char *evidence, const char *key, char *buf, size_t size)
{
	size_t len = strlen(key);

	for (const char *p = evidence; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (!strncmp(p, key, len) && p[len] == '=') {
			snprintf(buf, size, "%.*s", (int)strcspn(p + len + 1, "\n"), p + len + 1);
			return buf;
		}
	snprintf(buf, size, "%s", "");
	return buf;
}

static int has_word(const struct variant *v, const char *prefix)
{
	for (size_t i = 0; i < v->configure.n; i++)
		if (!strncmp(v->configure.v[i], prefix, strlen(prefix)))
			return 1;
	return 0;
}

static const char *word_value(const struct variant *v, const char *prefix)
{
	for (size_t i = 0; i < v->configure.n; i++)
		if (!strncmp(v->configure.v[i], prefix, strlen(prefix)))
			return v->configure.v[i] + strlen(prefix);
	return NULL;
}

/* BOLT leaves a note section in the binary it rewrote. */
static int has_bolt_note(const char *executable)
{
	char *argv[] = { "readelf", "-S", "-W", (char *)executable, NULL }, *out;
	int found;

	if (proc_capture(argv, NULL, &out) < 0)
		return -1;
	found = strstr(out, ".note.bolt_info") != NULL;
	free(out);
	return found;
}

int verify_build(const char *python, const struct variant *v, char **evidence)
{
	char *argv[] = { (char *)python, "-S", "-c", (char *)probe, NULL };
	char flags[4096], buf[1024], *text;
	const char *jit;
	int bolt = -1;

	*evidence = NULL;
	if (proc_capture(argv, NULL, &text) < 0)
		return error_prefix("the built interpreter did not answer");
	value_of(text, "cflags_nodist", flags, sizeof(flags));
	if (has_word(v, "--enable-bolt")) {
		char exe[1024];

		value_of(text, "executable", exe, sizeof(exe));
		bolt = has_bolt_note(exe);
	}
	*evidence = bolt < 0 ? text : xasprintf("%sbolt=%d\n", text, bolt);
	if (bolt >= 0)
		free(text);

	if (has_word(v, "--enable-optimizations") && !strstr(flags, "-fprofile-use") &&
	    !strstr(flags, "-fprofile-instr-use"))
		return error_set("PGO requested but the compiler flags have no -fprofile-use: %s", flags);
	if (word_value(v, "--with-lto") && strcmp(word_value(v, "--with-lto"), "=no")) {
		if (!strstr(flags, "-flto"))
			return error_set("LTO requested but the compiler flags have no -flto: %s", flags);
		if (!strcmp(word_value(v, "--with-lto"), "=thin") && !strstr(flags, "-flto=thin"))
			return error_set("ThinLTO requested but the flags have no -flto=thin: %s", flags);
	}
	if (has_word(v, "--disable-gil") && strcmp(value_of(*evidence, "gil_disabled", buf, sizeof(buf)), "1"))
		return error_set("--disable-gil requested but Py_GIL_DISABLED is not 1");
	if (!has_word(v, "--disable-gil") && !strcmp(value_of(*evidence, "gil_disabled", buf, sizeof(buf)), "1"))
		return error_set("the build is free-threaded (Py_GIL_DISABLED=1) but the variant did not ask for it");
	if (has_word(v, "--with-pydebug") && strcmp(value_of(*evidence, "debug", buf, sizeof(buf)), "1"))
		return error_set("--with-pydebug requested but Py_DEBUG is not 1");
	if (has_word(v, "--without-mimalloc") && !strcmp(value_of(*evidence, "mimalloc", buf, sizeof(buf)), "1"))
		return error_set("--without-mimalloc requested but WITH_MIMALLOC is 1");
	if ((jit = word_value(v, "--enable-experimental-jit=")) != NULL) {
		if ((!strcmp(jit, "yes") || !strcmp(jit, "yes-off")) && !strstr(flags, "-D_Py_JIT"))
			return error_set("the JIT was requested but -D_Py_JIT is not in the flags: %s", flags);
		if (!strcmp(jit, "interpreter") && !strstr(flags, "-D_Py_TIER2=4"))
			return error_set("the tier-2 interpreter was requested but -D_Py_TIER2=4 is not in the flags: %s",
					 flags);
	}
	if (has_word(v, "--with-tail-call-interp") && strcmp(value_of(*evidence, "tail_call", buf, sizeof(buf)), "1"))
		return error_set("the tail-call interpreter was requested but Py_TAIL_CALL_INTERP is not 1");
	if (bolt == 0)
		return error_set("--enable-bolt requested but the interpreter has no .note.bolt_info section");
	if (bolt < 0 && has_word(v, "--enable-bolt"))
		return error_set("cannot read the interpreter's ELF sections to check BOLT (is readelf installed?)");
	return 0;
}
