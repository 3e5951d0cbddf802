/* The variant INI loader: a good file, and one file per kind of mistake. */
#include "error.h"
#include "variant.h"
#include "test.h"

#include <stdlib.h>

static void expect_error(const char *file, const char *fragment)
{
	struct variant v;
	char *path = xasprintf("fixtures/bad-variants/%s", file);

	CHECK(variant_load(path, &v) < 0);
	if (!strstr(error_message(), fragment)) {
		test_failures++;
		fprintf(stderr, "%s: error '%s' lacks '%s'\n", file, error_message(), fragment);
	}
	test_checks++;
	CHECK(v.name == NULL);
	free(path);
}

int main(void)
{
	struct variant v, w;
	struct strv names = STRV_INIT;
	char *a, *b;

	CHECK(variant_load("fixtures/variants/plain.ini", &v) == 0);
	CHECK_STR(v.name, "plain");
	CHECK_STR(v.description, "a test variant");
	CHECK(v.base == NULL);
	CHECK(v.configure.n == 4);
	CHECK_STR(v.configure.v[1], "two words");
	CHECK_STR(v.configure.v[2], "x\"y");
	CHECK_STR(v.configure.v[3], "--second-line");
	CHECK(v.python_args.n == 2);
	CHECK_STR(strv_getenv(&v.build_env, "CFLAGS"), "-O1 -g");
	CHECK_STR(strv_getenv(&v.runtime_env, "PYTHONMALLOC"), "malloc");

	/* Runtime-only differences must not change what gets built. */
	CHECK(variant_load("fixtures/variants/plain-runtime.ini", &w) == 0);
	CHECK_STR(w.name, "plain-runtime");
	CHECK_STR(w.base, "plain");
	a = variant_build_definition(&v);
	b = variant_build_definition(&w);
	CHECK_STR(a, b);
	free(a);
	free(b);
	variant_release(&w);

	/* ...but a configure difference must. */
	strv_push(&v.configure, "--with-lto");
	a = variant_build_definition(&v);
	CHECK(variant_load("fixtures/variants/plain.ini", &w) == 0);
	b = variant_build_definition(&w);
	CHECK(strcmp(a, b) != 0);
	free(a);
	free(b);
	variant_release(&w);
	variant_release(&v);

	expect_error("unknown-key.ini", "unknown-key.ini:3: unknown key 'configur'");
	expect_error("unknown-section.ini", "unknown-section.ini:5: unknown section [build-environment]");
	expect_error("bad-env.ini", "bad-env.ini:5: 'PYTHON-MALLOC' in [runtime-env] is not a valid");
	expect_error("duplicate.ini", "duplicate.ini:3: duplicate key 'description'");
	expect_error("syntax.ini", "syntax.ini:3: expected '[section]' or 'key = value'");
	expect_error("wrong-name.ini", "name 'something-else' differs from the file name");
	expect_error("quote.ini", "quote.ini:2: unterminated ' quote");
	expect_error("self-base.ini", "cannot use itself as its base");
	expect_error("missing.ini", "cannot read variant file");

	CHECK(variant_find("fixtures/variants", "plain", &v) == 0);
	variant_release(&v);
	CHECK(variant_find("fixtures/variants", "nope", &v) < 0);
	CHECK(strstr(error_message(), "unknown variant 'nope'") != NULL);
	CHECK(strstr(error_message(), "plain, plain-runtime, release-malloc") != NULL);

	/* The shipped variants must load too. */
	CHECK(variant_list("../variants", &names) == 0);
	CHECK(names.n >= 3);
	for (size_t i = 0; i < names.n; i++) {
		CHECK(variant_find("../variants", names.v[i], &v) == 0);
		variant_release(&v);
	}
	strv_release(&names);
	return test_done();
}
