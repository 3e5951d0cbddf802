#include "variant.h"
#include "error.h"

#include <ctype.h>
#include <dirent.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct parse_state {
	struct variant *v;
	char message[512];
	int have_name;
};

static int valid_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && !strchr("._-", *s))
			return 0;
	return 1;
}

static int valid_env_name(const char *s)
{
	if (!isalpha((unsigned char)*s) && *s != '_')
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return 0;
	return 1;
}

/* inih reports the line of the first handler failure; we keep its words. */
__attribute__((format(printf, 2, 3)))
static int fail(struct parse_state *st, const char *fmt, ...)
{
	va_list ap;

	if (!st->message[0]) {
		va_start(ap, fmt);
		vsnprintf(st->message, sizeof(st->message), fmt, ap);
		va_end(ap);
	}
	return 0;
}

static int set_once(struct parse_state *st, char **field, const char *key, const char *value)
{
	if (*field)
		return fail(st, "duplicate key '%s'", key);
	*field = xstrdup(value);
	return 1;
}

static int add_env(struct parse_state *st, struct strv *env, const char *section,
		   const char *name, const char *value)
{
	if (!valid_env_name(name))
		return fail(st, "'%s' in [%s] is not a valid environment variable name", name, section);
	if (strv_getenv(env, name))
		return fail(st, "duplicate key '%s' in [%s]", name, section);
	strv_setenv(env, name, value);
	return 1;
}

static int handle_requires(struct parse_state *st, const char *name, const char *value)
{
	struct variant_requires *r = &st->v->requires;

	if (!strcmp(name, "python")) {
		int major, minor;

		if (sscanf(value, "%d.%d", &major, &minor) != 2)
			return fail(st, "python = '%s' in [requires]: give a version like 3.14", value);
		return set_once(st, &r->python, name, value);
	}
	if (!strcmp(name, "compiler")) {
		if (strcmp(value, "gcc") && strcmp(value, "clang"))
			return fail(st, "compiler = '%s' in [requires]: use gcc or clang", value);
		return set_once(st, &r->compiler, name, value);
	}
	if (!strcmp(name, "compiler-version")) {
		char *end;
		long v = strtol(value, &end, 10);

		if (*end || v <= 0)
			return fail(st, "compiler-version = '%s' in [requires]: give a major version like 19", value);
		r->compiler_version = (int)v;
		return 1;
	}
	if (!strcmp(name, "configure-option"))
		return split_words(value, &r->options) < 0 ? fail(st, "%s", error_message()) : 1;
	if (!strcmp(name, "tools"))
		return split_words(value, &r->tools) < 0 ? fail(st, "%s", error_message()) : 1;
	if (!strcmp(name, "jit-llvm")) {
		if (strcmp(value, "yes") && strcmp(value, "no"))
			return fail(st, "jit-llvm = '%s' in [requires]: use yes or no", value);
		r->jit_llvm = !strcmp(value, "yes");
		return 1;
	}
	return fail(st, "unknown key '%s' in [requires] (known: python, compiler, compiler-version, "
		    "configure-option, jit-llvm, tools)", name);
}

static int handle(void *user, const char *section, const char *name, const char *value)
{
	struct parse_state *st = user;
	struct variant *v = st->v;

	if (!strcmp(section, "variant")) {
		if (!strcmp(name, "name")) {
			if (!valid_name(value))
				return fail(st, "name '%s' must use only a-z, 0-9, '.', '_' and '-'", value);
			st->have_name = 1;
			return set_once(st, &v->name, name, value);
		}
		if (!strcmp(name, "description"))
			return set_once(st, &v->description, name, value);
		if (!strcmp(name, "base"))
			return set_once(st, &v->base, name, value);
		if (!strcmp(name, "build-of"))
			return set_once(st, &v->build_of, name, value);
		/* Word lists may be repeated or continued on indented lines. */
		if (!strcmp(name, "configure") || !strcmp(name, "python-args")) {
			struct strv *words = name[0] == 'c' ? &v->configure : &v->python_args;

			if (split_words(value, words) < 0)
				return fail(st, "%s", error_message());
			return 1;
		}
		return fail(st, "unknown key '%s' in [variant] (known: name, description, base, build-of, configure, python-args)",
			    name);
	}
	if (!strcmp(section, "build-env"))
		return add_env(st, &v->build_env, section, name, value);
	if (!strcmp(section, "requires"))
		return handle_requires(st, name, value);
	if (!strcmp(section, "runtime-env"))
		return add_env(st, &v->runtime_env, section, name, value);
	return fail(st, "unknown section [%s] (known: [variant], [build-env], [runtime-env], [requires])", section);
}

static char *file_stem(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *stem = xstrdup(slash ? slash + 1 : path);
	char *dot = strrchr(stem, '.');

	if (dot && !strcmp(dot, ".ini"))
		*dot = '\0';
	return stem;
}

int variant_load(const char *path, struct variant *v)
{
	struct parse_state st = { .v = v };
	char *stem = NULL;
	int line;

	memset(v, 0, sizeof(*v));
	v->path = xstrdup(path);
	line = ini_parse(path, handle, &st);
	if (line == -1) {
		error_set("cannot read variant file '%s'", path);
		goto fail;
	}
	if (line < 0) {
		error_set("%s: out of memory while parsing", path);
		goto fail;
	}
	if (line > 0) {
		error_set("%s:%d: %s", path, line,
			  st.message[0] ? st.message : "expected '[section]' or 'key = value'");
		goto fail;
	}
	stem = file_stem(path);
	if (!st.have_name) {
		if (!valid_name(stem)) {
			error_set("%s: no 'name' in [variant] and the file name is not a valid name", path);
			goto fail;
		}
		v->name = xstrdup(stem);
	} else if (strcmp(v->name, stem)) {
		error_set("%s: name '%s' differs from the file name; rename the file to %s.ini",
			  path, v->name, v->name);
		goto fail;
	}
	if (v->base && !strcmp(v->base, v->name)) {
		error_set("%s: variant '%s' cannot use itself as its base", path, v->name);
		goto fail;
	}
	if (!v->description)
		v->description = xstrdup("");
	free(stem);
	return 0;
fail:
	free(stem);
	variant_release(v);
	return -1;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int variant_list(const char *dir, struct strv *names)
{
	struct dirent **entries;
	int n = scandir(dir, &entries, NULL, alphasort);

	if (n < 0)
		return error_set("cannot list variants in '%s'", dir);
	for (int i = 0; i < n; i++) {
		size_t len = strlen(entries[i]->d_name);

		if (len > 4 && !strcmp(entries[i]->d_name + len - 4, ".ini")) {
			entries[i]->d_name[len - 4] = '\0';
			strv_push(names, entries[i]->d_name);
		}
		free(entries[i]);
	}
	free(entries);
	/* Sorted by name: "pgo-lto.ini" sorts before "pgo.ini" but "pgo" comes first. */
	if (names->n)
		qsort(names->v, names->n, sizeof(*names->v), compare_strings);
	return 0;
}

/*
 * A runtime-only variant names the variant whose build it uses; it takes
 * that build's configure words, build environment and requirements, so
 * the two can never drift apart and always share one build.
 */
static int inherit_build(const char *dir, struct variant *v)
{
	struct variant parent;

	if (v->configure.n || v->build_env.n)
		return error_set("%s: build-of = %s and configure/[build-env] cannot both be given", v->path,
				 v->build_of);
	if (!strcmp(v->build_of, v->name))
		return error_set("%s: variant '%s' cannot be a build of itself", v->path, v->name);
	static int depth;
	int ret;

	if (depth > 8)
		return error_set("%s: build-of chain longer than 8 (a loop?)", v->path);
	depth++;
	ret = variant_find(dir, v->build_of, &parent);
	depth--;
	if (ret < 0)
		return error_prefix("%s: build-of", v->path);
	strv_push_all(&v->configure, parent.configure.v, parent.configure.n);
	strv_push_all(&v->build_env, parent.build_env.v, parent.build_env.n);
	/* The variant's own requirements stand; the build's fill the gaps. */
	if (!v->requires.python && parent.requires.python)
		v->requires.python = xstrdup(parent.requires.python);
	if (!v->requires.compiler && parent.requires.compiler)
		v->requires.compiler = xstrdup(parent.requires.compiler);
	if (!v->requires.compiler_version)
		v->requires.compiler_version = parent.requires.compiler_version;
	v->requires.jit_llvm |= parent.requires.jit_llvm;
	strv_push_all(&v->requires.options, parent.requires.options.v, parent.requires.options.n);
	strv_push_all(&v->requires.tools, parent.requires.tools.v, parent.requires.tools.n);
	variant_release(&parent);
	return 0;
}

int variant_find(const char *dir, const char *name, struct variant *v)
{
	struct strv known = STRV_INIT;
	char *path, *file, *list;
	int ret;

	if (strchr(name, '/') || (strlen(name) > 4 && !strcmp(name + strlen(name) - 4, ".ini"))) {
		const char *slash = strrchr(name, '/');
		char *own = slash ? xasprintf("%.*s", (int)(slash - name), name) : xstrdup(".");

		ret = variant_load(name, v);
		if (ret == 0 && v->build_of && inherit_build(own, v) < 0) {
			variant_release(v);
			ret = -1;
		}
		free(own);
		return ret;
	}
	file = xasprintf("%s.ini", name);
	path = path_join(dir, file);
	free(file);
	if (path_exists(path)) {
		ret = variant_load(path, v);
		free(path);
		if (ret == 0 && v->build_of && inherit_build(dir, v) < 0) {
			variant_release(v);
			return -1;
		}
		return ret;
	}
	free(path);
	variant_list(dir, &known);
	list = strv_join(&known, ", ");
	ret = error_set("unknown variant '%s' (variants in %s: %s)", name, dir, known.n ? list : "none");
	free(list);
	strv_release(&known);
	return ret;
}

char *variant_build_definition(const struct variant *v)
{
	struct strv env = STRV_INIT;
	char *configure, *envs, *def;

	strv_push_all(&env, v->build_env.v, v->build_env.n);
	if (env.n)
		qsort(env.v, env.n, sizeof(*env.v), compare_strings);
	configure = strv_join(&v->configure, "\x1f");
	envs = strv_join(&env, "\x1f");
	def = xasprintf("configure=%s\nenv=%s\n", configure, envs);
	free(configure);
	free(envs);
	strv_release(&env);
	return def;
}

void variant_release(struct variant *v)
{
	free(v->name);
	free(v->description);
	free(v->path);
	free(v->base);
	free(v->build_of);
	free(v->requires.python);
	free(v->requires.compiler);
	strv_release(&v->requires.options);
	strv_release(&v->requires.tools);
	strv_release(&v->configure);
	strv_release(&v->build_env);
	strv_release(&v->runtime_env);
	strv_release(&v->python_args);
	memset(v, 0, sizeof(*v));
}
