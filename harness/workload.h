#ifndef VARBENCH_WORKLOAD_H
#define VARBENCH_WORKLOAD_H

/*
 * Workloads: pinned programs listed in a manifest (INI, one section per
 * entry; format in workloads/README.md).  Each has an expected output
 * checksum per size, so a variant that computes something else is caught
 * as a correctness failure instead of being timed.
 *
 * An entry is one of:
 *   script = FILE      a Python program run as  python [variant args] FILE ARGS
 *   command = WORDS    any command line; {python} becomes the interpreter
 *   directory = DIR    one script workload per .py file in DIR: SECTION.STEM
 * and has up to three sizes: tiny (tests, valgrind), default, long.
 */

#include <stddef.h>

#include "sha256.h"
#include "util.h"

/* default is 0 so that zeroed options mean the default size. */
enum workload_size { WORKLOAD_DEFAULT, WORKLOAD_TINY, WORKLOAD_LONG, WORKLOAD_NSIZES };

/* "default", "tiny", "long". */
const char *workload_size_name(enum workload_size size);
/* -1 + "unknown size 'x' (sizes: tiny, default, long)". */
int workload_size_parse(const char *name, enum workload_size *size);

/* What one size of a workload runs and must print. */
struct workload_sizing {
	int defined;
	struct strv args;	/* after the script, or the whole command line */
	char checksum[SHA256_HEX_SIZE];	/* "" only when loaded with WORKLOAD_LOAD_UNCHECKED */
};

struct workload {
	char *name;
	char *description;
	char *script;		/* absolute path of the program; NULL for a command */
	char *origin;		/* "manifest.ini:12": where it is defined, for messages */
	char *stem;		/* from a directory entry: the script's stem, which its checksum keys name */
	struct strv tags;
	struct workload_sizing sizes[WORKLOAD_NSIZES];

	/*
	 * The selected size (WORKLOAD_DEFAULT after loading; see
	 * workload_use_size()).  These are what gets run and stored: args
	 * (for a command, every word, "{python}" unexpanded), the expected
	 * checksum, and the digest that pins the program: sha256 of the
	 * script's bytes, or of a command's text.
	 */
	enum workload_size size;
	struct strv args;
	char checksum[SHA256_HEX_SIZE];
	char digest[SHA256_HEX_SIZE];
};

struct workload_set {
	struct workload *items;
	size_t n;
	char *manifest;		/* path it was read from */
};

/* Accept entries without checksums (listing and `workloads --check` only). */
#define WORKLOAD_LOAD_UNCHECKED 1u

/*
 * Load and check a manifest: every script and directory must exist, every
 * placeholder must be known, every size must have a checksum.  Errors read
 * "FILE:LINE: [section]: what is wrong".  On failure *set is released.
 */
int workload_set_load(const char *manifest, struct workload_set *set);
int workload_set_load_flags(const char *manifest, unsigned flags, struct workload_set *set);

/* NULL + error listing the known names when name is not in the set. */
const struct workload *workload_set_find(const struct workload_set *set, const char *name);

/*
 * Choose what to run: the workloads named (in the order given) plus every
 * workload carrying one of the tags (in manifest order), each once; all of
 * them when neither is given.  Each chosen one is switched to size.  A
 * workload named explicitly that lacks the size is an error; one chosen by
 * tag or by default is left out and its name pushed to *skipped (may be
 * NULL).  Errors: unknown name or tag (with the known ones), a name given
 * twice, nothing left to run.  *out is allocated (free() it); it points
 * into set.
 */
int workload_set_select(struct workload_set *set, const struct strv *names, const char *const *tags,
			size_t ntags, enum workload_size size, const struct workload ***out, size_t *n,
			struct strv *skipped);

/* Switch w to one of its sizes; -1 + error naming the sizes it has. */
int workload_use_size(struct workload *w, enum workload_size size);

/*
 * The argv of one run of w's selected size with the interpreter python and
 * its extra arguments: python PYARGS SCRIPT ARGS, or for a command its
 * words with {python} replaced and PYARGS after each word that is exactly
 * {python}.
 */
void workload_argv(const struct workload *w, const char *python, char *const *pyargs, size_t npyargs,
		   struct strv *argv);

/*
 * 0 for a command (at its selected size) with no word that is exactly
 * {python}: a variant's interpreter arguments would have nowhere to go.
 */
int workload_takes_python_args(const struct workload *w);

/* Path of a program: name itself if it has a '/', else looked up on $PATH; NULL + error. */
char *workload_find_program(const char *name);

void workload_set_release(struct workload_set *set);

#endif
