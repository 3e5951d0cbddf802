/* The workload manifest loader. */
#include "error.h"
#include "workload.h"
#include "test.h"

#include <stdlib.h>

static void expect_error(const char *file, const char *fragment)
{
	struct workload_set set;
	char *path = xasprintf("fixtures/workloads/%s", file);

	CHECK(workload_set_load(path, &set) < 0);
	if (!strstr(error_message(), fragment)) {
		test_failures++;
		fprintf(stderr, "%s: error '%s' lacks '%s'\n", file, error_message(), fragment);
	}
	test_checks++;
	free(path);
}

int main(void)
{
	struct workload_set set;
	const struct workload *w;
	char digest[SHA256_HEX_SIZE];

	CHECK(workload_set_load("fixtures/workloads/manifest.ini", &set) == 0);
	CHECK(set.n == 3);
	w = workload_set_find(&set, "hello");
	CHECK(w != NULL);
	if (w) {
		CHECK(strstr(w->script, "fixtures/workloads/hello.py") != NULL);
		CHECK(sha256_file("fixtures/workloads/hello.py", digest) == 0);
		CHECK_STR(w->digest, digest);
		CHECK(w->tags.n == 1);
	}
	CHECK(workload_set_find(&set, "nope") == NULL);
	CHECK(strstr(error_message(), "unknown workload 'nope'") != NULL);
	CHECK(strstr(error_message(), "hello, wrong, crash") != NULL);
	workload_set_release(&set);

	expect_error("bad-missing-script.ini", "bad-missing-script.ini:2: [hello]: script");
	expect_error("bad-checksum.ini", "bad-checksum.ini:3: [hello]: checksum must be 64");
	expect_error("bad-duplicate.ini", "bad-duplicate.ini:10: duplicate workload [hello]");
	expect_error("bad-no-checksum.ini", "[hello] has no 'checksum'");
	expect_error("absent.ini", "cannot read workload manifest");

	/* The shipped manifest must load, with every script present. */
	CHECK(workload_set_load("../workloads/manifest.ini", &set) == 0);
	CHECK(set.n >= 3);
	workload_set_release(&set);
	return test_done();
}
