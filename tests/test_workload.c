/* The workload manifest: sizes, commands, directories, selection and every error with file:line. */
#include "error.h"
#include "workload.h"
#include "test.h"

#include <stdlib.h>
#include <unistd.h>

#define H "1d3076df926ecac353408babc76b07d115f40afdf236334f82cd12a6559ab6db"

static char tmp[] = "/tmp/varbench-test-workload-XXXXXX";

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

/* Write text as tmp/m.ini (next to hello.py, d/x.py and empty/) and expect an error containing fragment. */
static void expect_text_error(const char *text, const char *fragment)
{
	struct workload_set set;
	char *path = xasprintf("%s/m.ini", tmp);

	CHECK(write_file_atomic(path, text, strlen(text)) == 0);
	if (workload_set_load(path, &set) == 0) {
		test_failures++;
		fprintf(stderr, "loaded, expected an error with '%s':\n%s\n", fragment, text);
		workload_set_release(&set);
	} else if (!strstr(error_message(), fragment)) {
		test_failures++;
		fprintf(stderr, "error '%s' lacks '%s' for:\n%s\n", error_message(), fragment, text);
	}
	test_checks++;
	free(path);
}

static struct workload *find(struct workload_set *set, const char *name)
{
	return (struct workload *)workload_set_find(set, name);
}

static char *joined(const struct strv *sv)
{
	return strv_join(sv, "|");
}

static void check_argv(const struct workload *w, const char *want)
{
	static char *const pyargs[] = { "-X", "dev" };
	struct strv argv = STRV_INIT;
	char *got;

	workload_argv(w, "/py", pyargs, 2, &argv);
	got = joined(&argv);
	CHECK_STR(got, want);
	free(got);
	strv_release(&argv);
}

static void sizes_commands_directories(void)
{
	struct workload_set set;
	struct workload *w;
	char digest[SHA256_HEX_SIZE], *s;

	CHECK(workload_set_load("fixtures/workloads/sizes.ini", &set) == 0);
	CHECK(set.n == 6);
	if (set.n != 6)
		return;
	CHECK_STR(set.items[4].name, "coll.alpha");
	CHECK_STR(set.items[5].name, "coll.beta");

	/* A script with three sizes: loaded at the default size, switched at will. */
	w = find(&set, "hello");
	CHECK(w && w->script && w->size == WORKLOAD_DEFAULT);
	if (w) {
		CHECK(w->sizes[WORKLOAD_TINY].defined && w->sizes[WORKLOAD_LONG].defined);
		s = joined(&w->args);
		CHECK_STR(s, "one|two words");
		free(s);
		CHECK(sha256_file("fixtures/workloads/hello.py", digest) == 0);
		CHECK_STR(w->digest, digest);
		CHECK(w->script[0] == '/');
		s = xasprintf("/py|-X|dev|%s|one|two words", w->script);
		check_argv(w, s);
		free(s);
		CHECK(workload_use_size(w, WORKLOAD_TINY) == 0);
		s = joined(&w->args);
		CHECK_STR(s, "--tiny");
		free(s);
		CHECK_STR(w->checksum, H);
		CHECK_STR(w->digest, digest);	/* a script's digest is its bytes, whatever the size */
		CHECK(strstr(w->origin, "sizes.ini:5") != NULL);
	}

	/* A command: {python} becomes the interpreter, followed by the variant's arguments. */
	w = find(&set, "pass");
	CHECK(w && !w->script);
	if (w) {
		char before[SHA256_HEX_SIZE];

		check_argv(w, "/py|-X|dev|-c|d = {}");
		CHECK(workload_takes_python_args(w));
		memcpy(before, w->digest, SHA256_HEX_SIZE);
		CHECK(workload_use_size(w, WORKLOAD_TINY) == 0);
		check_argv(w, "/py|-X|dev|-c|pass");
		CHECK(strcmp(before, w->digest) != 0);	/* a command is pinned by its text */
		CHECK(workload_use_size(w, WORKLOAD_LONG) < 0);
		CHECK(strstr(error_message(), "workload 'pass' has no size 'long' (its sizes: tiny, default)") != NULL);
		CHECK(w->size == WORKLOAD_TINY);
	}
	w = find(&set, "env");
	if (w) {
		CHECK(w->args.n && w->args.v[0][0] == '/');	/* found on PATH when loaded */
		CHECK(strstr(w->args.v[0], "/env") != NULL);
		CHECK_STR(w->args.v[w->args.n - 1], "print('{{x}}')");
	}
	w = find(&set, "shell");
	if (w) {
		CHECK(!workload_takes_python_args(w));
		CHECK_STR(w->args.v[2], "exec {python} -c 'print(2)'");
	}

	/* A directory: one workload per script, helpers (_*.py) left out. */
	w = find(&set, "coll.alpha");
	CHECK(w != NULL);
	if (w) {
		CHECK(strstr(w->script, "collection/alpha.py") != NULL);
		CHECK_STR(w->stem, "alpha");
		CHECK(w->tags.n == 1 && !strcmp(w->tags.v[0], "user"));
		CHECK_STR(w->checksum, "4a8f30a13ede1d1011abb1e21c224b8d2a9f3663d52708e093538fb9f9c22144");
		CHECK(workload_use_size(w, WORKLOAD_TINY) == 0);
		CHECK_STR(w->checksum, "30cc851fb20f70bf8c31d93302af3317d729ce8c1e114cbd00059e423c2d5b00");
		CHECK(!w->sizes[WORKLOAD_LONG].defined);
	}
	CHECK(workload_set_find(&set, "coll._helper") == NULL);
	workload_set_release(&set);
}

static void selection(void)
{
	struct workload_set set;
	struct strv names = STRV_INIT, skipped = STRV_INIT;
	const struct workload **ws = NULL;
	const char *user[] = { "user" }, *nope[] = { "nope" }, *startup[] = { "startup" };
	size_t n = 0;
	char *s;

	CHECK(workload_set_load("fixtures/workloads/sizes.ini", &set) == 0);
	if (!set.n)
		return;
	/* Everything by default. */
	CHECK(workload_set_select(&set, &names, NULL, 0, WORKLOAD_DEFAULT, &ws, &n, &skipped) == 0);
	CHECK(n == 6 && skipped.n == 0);
	free(ws);

	/* By tag, at a size: switched to it. */
	CHECK(workload_set_select(&set, &names, user, 1, WORKLOAD_TINY, &ws, &n, &skipped) == 0);
	CHECK(n == 2 && ws[0]->size == WORKLOAD_TINY && !strcmp(ws[0]->name, "coll.alpha"));
	free(ws);

	/* Names first in the order given, then tags in manifest order, each once. */
	strv_push(&names, "coll.beta");
	strv_push(&names, "pass");
	CHECK(workload_set_select(&set, &names, user, 1, WORKLOAD_DEFAULT, &ws, &n, &skipped) == 0);
	CHECK(n == 3);
	if (n == 3) {
		CHECK_STR(ws[0]->name, "coll.beta");
		CHECK_STR(ws[1]->name, "pass");
		CHECK_STR(ws[2]->name, "coll.alpha");
	}
	free(ws);

	/* A size that some lack: left out when chosen by default or tag, an error when named. */
	CHECK(workload_set_select(&set, NULL, NULL, 0, WORKLOAD_LONG, &ws, &n, &skipped) == 0);
	CHECK(n == 1 && !strcmp(ws[0]->name, "hello"));
	s = joined(&skipped);
	CHECK_STR(s, "pass|env|shell|coll.alpha|coll.beta");
	free(s);
	free(ws);
	CHECK(workload_set_select(&set, &names, NULL, 0, WORKLOAD_LONG, &ws, &n, NULL) < 0);
	CHECK(strstr(error_message(), "workload 'coll.beta' has no size 'long' (its sizes: tiny, default)") != NULL);
	CHECK(workload_set_select(&set, NULL, startup, 1, WORKLOAD_LONG, &ws, &n, NULL) < 0);
	CHECK(strstr(error_message(), "no selected workload has the size 'long'") != NULL);

	CHECK(workload_set_select(&set, NULL, nope, 1, WORKLOAD_DEFAULT, &ws, &n, NULL) < 0);
	CHECK(strstr(error_message(), "unknown tag 'nope' (tags in fixtures/workloads/sizes.ini: greeting, "
			"startup, test, user)") != NULL);
	strv_release(&names);
	strv_push(&names, "hello");
	strv_push(&names, "hello");
	CHECK(workload_set_select(&set, &names, NULL, 0, WORKLOAD_DEFAULT, &ws, &n, NULL) < 0);
	CHECK(strstr(error_message(), "workload 'hello' is given twice") != NULL);
	strv_release(&names);
	strv_push(&names, "nosuch");
	CHECK(workload_set_select(&set, &names, NULL, 0, WORKLOAD_DEFAULT, &ws, &n, NULL) < 0);
	CHECK(strstr(error_message(), "unknown workload 'nosuch'") != NULL);
	strv_release(&names);
	strv_release(&skipped);
	workload_set_release(&set);

	{
		enum workload_size z;

		CHECK(workload_size_parse("tiny", &z) == 0 && z == WORKLOAD_TINY);
		CHECK(workload_size_parse("huge", &z) < 0);
		CHECK(strstr(error_message(), "unknown size 'huge' (sizes: tiny, default, long)") != NULL);
		CHECK_STR(workload_size_name(WORKLOAD_LONG), "long");
	}
}

static void errors_with_lines(void)
{
	char *p, *longline, long_text[600];
	struct workload_set set;

	CHECK(mkdtemp(tmp) != NULL);
	p = xasprintf("%s/hello.py", tmp);
	CHECK(write_file_atomic(p, "print(1)\n", 9) == 0);
	free(p);
	p = xasprintf("%s/d", tmp);
	CHECK(mkdir_p(p) == 0);
	free(p);
	p = xasprintf("%s/d/x.py", tmp);
	CHECK(write_file_atomic(p, "print(2)\n", 9) == 0);
	free(p);
	p = xasprintf("%s/empty", tmp);
	CHECK(mkdir_p(p) == 0);
	free(p);

	/* Sizes. */
	expect_text_error("[a]\nscript = hello.py\nargs.huge = 1\nchecksum = " H "\n",
			  "m.ini:3: [a]: unknown size 'huge' in 'args.huge' (sizes: tiny, long; plain 'args' is the default size)");
	expect_text_error("[a]\nscript = hello.py\nchecksum.tiny = " H "\nchecksum = " H "\n",
			  "m.ini:3: [a]: checksum.tiny but no args.tiny");
	expect_text_error("; comment\n[a]\nscript = hello.py\nargs.tiny = 1\nchecksum = " H "\n",
			  "m.ini:2: [a] has no 'checksum.tiny'");
	expect_text_error("[a]\nscript = hello.py\nchecksum.default = " H "\n",
			  "m.ini:3: [a]: 'checksum.default': write checksum, checksum.tiny or checksum.long");
	expect_text_error("[a]\nscript = hello.py\nchecksum = abc\n", "m.ini:3: [a]: checksum must be 64 lowercase hex");

	/* What to run. */
	expect_text_error("[a]\nscript = hello.py\ncommand = {python} -c pass\nchecksum = " H "\n",
			  "m.ini:3: [a]: both 'script' and 'command' given");
	expect_text_error("[a]\nargs = 1\nchecksum = " H "\n", "m.ini:1: [a]: no 'script', 'command' or 'directory'");
	expect_text_error("[a]\nscript = d\nchecksum = " H "\n", "m.ini:2: [a]: script '");
	expect_text_error("[a]\nscript = nope.py\nchecksum = " H "\n", "does not exist");
	expect_text_error("[a]\nscript = hello.py\nargs = \"open\nchecksum = " H "\n", "m.ini:3: [a]: unterminated \" quote");

	/* Commands and placeholders. */
	expect_text_error("[a]\ncommand = {pyhton} x.py\nchecksum = " H "\n",
			  "m.ini:2: [a]: command: unknown placeholder '{pyhton}' in '{pyhton}'");
	expect_text_error("[a]\nchecksum = " H "\ncommand.tiny = {python}\ncommand = {python} -c \"{\"\n",
			  "m.ini:4: [a]: command: unclosed '{'");
	expect_text_error("[a]\ncommand = {python} -c }\nchecksum = " H "\n", "m.ini:2: [a]: command: single '}'");
	expect_text_error("[a]\ncommand = varbench-no-such-program {python}\nchecksum = " H "\n",
			  "m.ini:2: [a]: command: 'varbench-no-such-program' not found on PATH");
	expect_text_error("[a]\ncommand = /bin/true\nchecksum = " H "\n",
			  "m.ini:2: [a]: command never runs {python}");
	expect_text_error("[a]\ncommand = {python} -c pass\ncommand.tiny = /bin/echo {{python}}\nchecksum = " H
			  "\nchecksum.tiny = " H "\n", "m.ini:3: [a]: command.tiny never runs {python}");
	expect_text_error("[a]\ncommand = {python} -c pass\nargs = 1\nchecksum = " H "\n",
			  "m.ini:3: [a]: both 'args' and 'command' given");
	expect_text_error("[a]\ncommand = {python} -c pass\nargs.tiny = 1\nchecksum = " H "\n",
			  "m.ini:3: [a]: a command entry has no 'args'");
	expect_text_error("[a]\nscript = hello.py\ncommand.tiny = {python}\nchecksum = " H "\n",
			  "m.ini:3: [a]: 'command.SIZE' belongs to a command entry");
	expect_text_error("[a]\ncommand =\nchecksum = " H "\n", "m.ini:2: [a]: 'command' is empty");

	/* Directories. */
	expect_text_error("[c]\ndirectory = nope\n", "m.ini:2: [c]: directory '");
	expect_text_error("[c]\ndirectory = empty\n", "m.ini:2: [c]: no *.py scripts in '");
	expect_text_error("[c]\ndirectory = d\nchecksum = " H "\n",
			  "m.ini:3: [c]: a directory entry takes one checksum per script: checksum.NAME");
	expect_text_error("[c]\ndirectory = d\nchecksum.x = " H "\nchecksum.y = " H "\n",
			  "m.ini:4: [c]: checksum.y: no such script in '");
	expect_text_error("[c]\ndirectory = d\nchecksum.x.tiny = " H "\nchecksum.x = " H "\n",
			  "m.ini:3: [c]: checksum.x.tiny but no args.tiny");
	expect_text_error("[c]\ndirectory = d\nargs.tiny = 1\nchecksum.x = " H "\n",
			  "m.ini:1: [c] has no 'checksum.x.tiny' for x.py");
	expect_text_error("[a]\nscript = hello.py\nchecksum = " H "\n[a]\nargs = 1\n", "m.ini:4: duplicate workload [a]");
	expect_text_error("[c.x]\nscript = hello.py\nchecksum = " H "\n\n[c]\ndirectory = d\nchecksum.x = " H "\n",
			  "m.ini:5: duplicate workload [c.x]");

	/* The file's shape. */
	expect_text_error("[a]\nscript = hello.py\n  checksum = " H "\n",
			  "m.ini:3: [a]: indented key 'checksum': keys start at the beginning of the line");
	expect_text_error("[a]\nscript = hello.py\n  more.py\nchecksum = " H "\n",
			  "m.ini:3: [a]: 'script' does not continue on an indented line");
	expect_text_error("[a]\nscript = hello.py\nscript = hello.py\nchecksum = " H "\n",
			  "m.ini:3: [a]: duplicate key 'script'");
	expect_text_error("[a]\nscript = hello.py\nchecksum = " H "\nargz = 1\n", "m.ini:4: [a]: unknown key 'argz'");
	expect_text_error("[a]\n\n[b]\nscript = hello.py\nchecksum = " H "\n", "m.ini:1: [a]: empty section");
	expect_text_error("[b]\nscript = hello.py\nchecksum = " H "\n[a]\n", "m.ini:4: [a]: empty section");
	expect_text_error("script = hello.py\n[a]\n", "m.ini:1: key before the first [workload] section");
	expect_text_error("[a]\nscript = hello.py\nnot a key\nchecksum = " H "\n", "m.ini:3: expected '[workload]'");
	expect_text_error("; nothing\n", "no workloads defined");
	longline = xasprintf("[a]\nscript = hello.py\nchecksum = " H "\nargs = %0300d\n", 7);
	expect_text_error(longline, "m.ini:4: line longer than");
	free(longline);

	/* Continuation lines extend args; the limit of one line is no limit on a command. */
	snprintf(long_text, sizeof(long_text), "[a]\nscript = hello.py\nargs = 1 2\n  3 \"4 5\"\n  [6] X=7\n"
		 "description = one\n  two\nchecksum = %s\n", H);
	p = xasprintf("%s/m.ini", tmp);
	CHECK(write_file_atomic(p, long_text, strlen(long_text)) == 0);
	CHECK(workload_set_load(p, &set) == 0);
	if (set.n == 1) {
		char *s = joined(&set.items[0].args);

		CHECK_STR(s, "1|2|3|4 5|[6]|X=7");
		CHECK_STR(set.items[0].description, "one two");
		free(s);
		workload_set_release(&set);
	}

	/* Entries still waiting for a checksum load only when asked (listing, --check). */
	CHECK(write_file_atomic(p, "[a]\nscript = hello.py\nargs.tiny = 1\n", 35) == 0);
	CHECK(workload_set_load(p, &set) < 0);
	CHECK(workload_set_load_flags(p, WORKLOAD_LOAD_UNCHECKED, &set) == 0);
	if (set.n == 1) {
		CHECK(set.items[0].checksum[0] == '\0');
		CHECK(set.items[0].sizes[WORKLOAD_TINY].defined);
		workload_set_release(&set);
	}
	free(p);
	CHECK(remove_tree(tmp) == 0);
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
	expect_error("bad-duplicate.ini", "bad-duplicate.ini:9: duplicate workload [hello]");
	expect_error("bad-no-checksum.ini", "bad-no-checksum.ini:1: [hello] has no 'checksum'");
	expect_error("absent.ini", "cannot read workload manifest");

	sizes_commands_directories();
	selection();
	errors_with_lines();

	/* The shipped suite: every workload has all three sizes, a tag and a description. */
	CHECK(workload_set_load("../workloads/manifest.ini", &set) == 0);
	CHECK(set.n >= 20);
	for (size_t i = 0; i < set.n; i++) {
		const struct workload *s = &set.items[i];

		if (!s->sizes[WORKLOAD_TINY].defined || !s->tags.n || !*s->description) {
			test_failures++;
			fprintf(stderr, "shipped workload '%s' lacks a tiny size, tags or a description\n", s->name);
		}
		if (s->script && !s->sizes[WORKLOAD_LONG].defined) {
			test_failures++;
			fprintf(stderr, "shipped workload '%s' lacks a long size\n", s->name);
		}
		test_checks++;
	}
	workload_set_release(&set);
	return test_done();
}
