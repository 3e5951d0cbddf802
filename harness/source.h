#ifndef VARBENCH_SOURCE_H
#define VARBENCH_SOURCE_H

/*
 * A CPython source tree, identified by the digest of its content rather
 * than its path: a release tarball and the same tree unpacked by hand get
 * the same digest, and so share builds.
 */

#include "sha256.h"

struct source {
	char *origin;		/* absolute path the user named */
	char *dir;		/* the tree configure runs from */
	char *version;		/* PY_VERSION from Include/patchlevel.h */
	char digest[SHA256_HEX_SIZE];
};

/*
 * Resolve a directory or a .tar.gz/.tgz/.tar.xz/.tar.bz2 tarball.  A
 * tarball is unpacked once under CACHE/sources/<sha256 of the tarball>; the
 * tree digest is kept beside it so later calls cost one tarball hash.
 */
int source_resolve(const char *arg, const char *cache_dir, struct source *src);

/*
 * Digest of a tree: sorted relative paths, file types, executable bits and
 * contents; .git and __pycache__ are skipped.
 */
int source_tree_digest(const char *dir, char out[SHA256_HEX_SIZE]);

/* Read PY_VERSION; -1 with a message if dir is not a CPython tree. */
int source_read_version(const char *dir, char **version);

void source_release(struct source *src);

#endif
