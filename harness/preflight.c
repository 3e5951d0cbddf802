#include "preflight.h"
#include "error.h"
#include "proc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int preflight_init(struct preflight *p, const struct source *src)
{
	char *configure = path_join(src->dir, "configure"), *jit = path_join(src->dir, "Tools/jit/_llvm.py");
	char *argv[] = { "sh", configure, "--help", NULL }, *text;
	int ret = -1;

	memset(p, 0, sizeof(*p));
	p->source = src;
	if (sscanf(src->version, "%d.%d", &p->py_major, &p->py_minor) != 2) {
		error_set("cannot read the CPython version '%s' of %s", src->version, src->dir);
		goto out;
	}
	if (proc_capture(argv, NULL, &p->configure_help) < 0) {
		error_prefix("cannot run %s --help", configure);
		goto out;
	}
	/* The JIT pins one LLVM version in its build script: that is the truth. */
	if (read_file(jit, &text, NULL) == 0) {
		char *at = strstr(text, "_LLVM_VERSION = ");

		if (at)
			p->jit_llvm = atoi(at + strlen("_LLVM_VERSION = "));
		free(text);
	}
	error_clear();
	p->nllvm = compiler_llvm_versions(p->llvm, 16);
	ret = 0;
out:
	free(configure);
	free(jit);
	return ret;
}

/* Does configure --help list this option (the part before any '=')? */
static int knows_option(const struct preflight *p, const char *option)
{
	size_t len = strcspn(option, "=[");
	const char *at = p->configure_help;

	while ((at = strstr(at, "--")) != NULL) {
		if (!strncmp(at, option, len) && !(at[len] >= 'a' && at[len] <= 'z') && at[len] != '-')
			return 1;
		at += 2;
	}
	return 0;
}

static int version_below(int major, int minor, const char *want)
{
	int wmajor = 0, wminor = 0;

	sscanf(want, "%d.%d", &wmajor, &wminor);
	return major < wmajor || (major == wmajor && minor < wminor);
}

static int tool_found(const char *tool, const struct compiler *cc, const struct preflight *p)
{
	char *path;
	int found = 0;

	if (cc && cc->llvm_bindir) {
		path = path_join(cc->llvm_bindir, tool);
		found = is_executable(path);
		free(path);
		return found;
	}
	for (int i = 0; i < p->nllvm && !found; i++) {
		path = xasprintf("/usr/lib/llvm-%d/bin/%s", p->llvm[i], tool);
		found = is_executable(path);
		free(path);
	}
	return found;
}

int preflight_check(const struct preflight *p, const struct variant *v, const char *name,
		    const struct compiler *cc, char *reason, size_t size)
{
	const struct variant_requires *r = &v->requires;
	int python_bad = r->python && version_below(p->py_major, p->py_minor, r->python);
	int family_bad = r->compiler && strcmp(r->compiler, cc->family);
	int version_bad = r->compiler_version && cc->major < r->compiler_version;
	char found[160] = "";

	if (python_bad || family_bad || version_bad) {
		char needs[160] = "";

		if (r->python)
			snprintf(needs, sizeof(needs), "CPython >= %s", r->python);
		if (r->compiler) {
			size_t len = strlen(needs);

			snprintf(needs + len, sizeof(needs) - len, "%s%s", len ? " with " : "", r->compiler);
			if (r->compiler_version) {
				len = strlen(needs);
				snprintf(needs + len, sizeof(needs) - len, " >= %d", r->compiler_version);
			}
		}
		snprintf(reason, size, "%s: needs %s; source is %s, compiler %s %s%s", name, needs, p->source->version,
			 cc->family, cc->version, family_bad && !strcmp(r->compiler, "clang") ? " (try --cc clang-19)" : "");
		return -1;
	}
	for (size_t i = 0; i < r->options.n; i++)
		if (!knows_option(p, r->options.v[i])) {
			snprintf(reason, size, "%s: the configure of CPython %s has no %s option", name,
				 p->source->version, r->options.v[i]);
			return -1;
		}
	if (r->jit_llvm) {
		int have = 0;

		for (int i = 0; i < p->nllvm; i++) {
			size_t len = strlen(found);

			have |= p->llvm[i] == p->jit_llvm;
			snprintf(found + len, sizeof(found) - len, "%sclang-%d", len ? ", " : "", p->llvm[i]);
		}
		if (!p->jit_llvm) {
			snprintf(reason, size, "%s: CPython %s has no Tools/jit/_llvm.py naming the LLVM its JIT needs",
				 name, p->source->version);
			return -1;
		}
		if (!have) {
			snprintf(reason, size, "%s: CPython %d.%d needs LLVM %d (clang-%d); found %s", name, p->py_major,
				 p->py_minor, p->jit_llvm, p->jit_llvm, p->nllvm ? found : "no LLVM");
			return -1;
		}
	}
	for (size_t i = 0; i < r->tools.n; i++)
		if (!tool_found(r->tools.v[i], cc, p)) {
			snprintf(reason, size, "%s: needs %s from LLVM's own prefix; not found in %s (apt-get install bolt-19)",
				 name, r->tools.v[i], cc->llvm_bindir ? cc->llvm_bindir : "/usr/lib/llvm-*/bin");
			return -1;
		}
	if (strv_getenv(&v->build_env, "CC") && strcmp(cc->spec, "gcc")) {
		snprintf(reason, size, "%s: the variant sets CC=%s in [build-env] and --cc says %s; drop one", name,
			 strv_getenv(&v->build_env, "CC"), cc->spec);
		return -1;
	}
	return 0;
}

void preflight_release(struct preflight *p)
{
	free(p->configure_help);
	memset(p, 0, sizeof(*p));
}
