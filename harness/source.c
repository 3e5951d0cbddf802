#include "source.h"
#include "error.h"
#include "proc.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int hash_tree(struct sha256 *h, const char *root, const char *rel)
{
	char *dir = rel[0] ? path_join(root, rel) : xstrdup(root);
	struct dirent **entries;
	int n = scandir(dir, &entries, NULL, alphasort), ret = 0;

	if (n < 0) {
		ret = error_set("cannot read directory '%s': %s", dir, strerror(errno));
		free(dir);
		return ret;
	}
	for (int i = 0; i < n; i++) {
		const char *name = entries[i]->d_name;
		char *relpath, *path;
		struct stat st;

		if (ret || !strcmp(name, ".") || !strcmp(name, "..") || !strcmp(name, ".git") ||
		    !strcmp(name, "__pycache__"))
			continue;
		relpath = rel[0] ? xasprintf("%s/%s", rel, name) : xstrdup(name);
		path = path_join(root, relpath);
		if (lstat(path, &st) < 0) {
			ret = error_set("cannot stat '%s': %s", path, strerror(errno));
		} else if (S_ISDIR(st.st_mode)) {
			sha256_update_str(h, "d");
			sha256_update_str(h, relpath);
			ret = hash_tree(h, root, relpath);
		} else if (S_ISLNK(st.st_mode)) {
			char target[4096];
			ssize_t len = readlink(path, target, sizeof(target) - 1);

			target[len < 0 ? 0 : len] = '\0';
			sha256_update_str(h, "l");
			sha256_update_str(h, relpath);
			sha256_update_str(h, target);
		} else if (S_ISREG(st.st_mode)) {
			char digest[SHA256_HEX_SIZE];

			ret = sha256_file(path, digest);
			sha256_update_str(h, st.st_mode & 0111 ? "x" : "f");
			sha256_update_str(h, relpath);
			sha256_update_str(h, digest);
		}
		free(relpath);
		free(path);
	}
	for (int i = 0; i < n; i++)
		free(entries[i]);
	free(entries);
	free(dir);
	return ret;
}

int source_tree_digest(const char *dir, char out[SHA256_HEX_SIZE])
{
	struct sha256 h;

	sha256_init(&h);
	sha256_update_str(&h, "varbench-tree-1");
	if (hash_tree(&h, dir, "") < 0)
		return -1;
	sha256_final_hex(&h, out);
	return 0;
}

int source_read_version(const char *dir, char **version)
{
	char *path = path_join(dir, "Include/patchlevel.h"), *text, *p, *end;
	char *configure = path_join(dir, "configure");
	int ret = 0;

	if (!path_exists(configure) || read_file(path, &text, NULL) < 0) {
		ret = error_set("'%s' is not a CPython source tree (no configure or Include/patchlevel.h); "
				"use a git checkout of CPython or a release tarball from python.org", dir);
		goto out;
	}
	p = strstr(text, "#define PY_VERSION");
	if (!p || !(p = strchr(p, '"')) || !(end = strchr(p + 1, '"'))) {
		ret = error_set("%s: no PY_VERSION found", path);
		free(text);
		goto out;
	}
	*version = xasprintf("%.*s", (int)(end - p - 1), p + 1);
	free(text);
out:
	free(path);
	free(configure);
	return ret;
}

static int is_tarball(const char *path)
{
	static const char *const suffixes[] = { ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tar" };
	size_t len = strlen(path);

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(*suffixes); i++) {
		size_t sl = strlen(suffixes[i]);

		if (len > sl && !strcmp(path + len - sl, suffixes[i]))
			return 1;
	}
	return 0;
}

/* The single top-level directory a release tarball unpacks to. */
static char *only_subdir(const char *dir)
{
	struct dirent **entries;
	char *found = NULL;
	int n = scandir(dir, &entries, NULL, alphasort), count = 0;

	for (int i = 0; i < n; i++) {
		if (strcmp(entries[i]->d_name, ".") && strcmp(entries[i]->d_name, "..")) {
			count++;
			free(found);
			found = path_join(dir, entries[i]->d_name);
		}
		free(entries[i]);
	}
	if (n >= 0)
		free(entries);
	if (count != 1 || !is_dir(found)) {
		free(found);
		return NULL;
	}
	return found;
}

static int unpack_tarball(const char *tarball, const char *cache_dir, struct source *src)
{
	char tar_digest[SHA256_HEX_SIZE], *base, *tree, *stamp, *tmp, *text = NULL;
	int ret = -1;

	if (sha256_file(tarball, tar_digest) < 0)
		return -1;
	base = xasprintf("%s/sources/%.16s", cache_dir, tar_digest);
	tree = path_join(base, "tree");
	stamp = path_join(base, "digest");
	tmp = path_join(base, "unpack.tmp");

	/* The digest file is written last: without it the unpack is incomplete. */
	if (read_file(stamp, &text, NULL) == 0 && strlen(text) >= 64 && is_dir(tree)) {
		memcpy(src->digest, text, 64);
		src->digest[64] = '\0';
		src->dir = only_subdir(tree);
		if (src->dir) {
			ret = 0;
			goto out;
		}
	}
	error_clear();
	fprintf(stderr, "varbench: unpacking %s into %s (once)\n", tarball, base);
	if (remove_tree(base) < 0 || mkdir_p(tmp) < 0)
		goto out;
	{
		char *argv[] = { "tar", "-xf", (char *)tarball, "-C", tmp, NULL };
		struct proc_opts opts = { .timeout = 600 };

		if (proc_run(argv, &opts) < 0) {
			error_prefix("cannot unpack '%s'", tarball);
			goto out;
		}
	}
	if (rename(tmp, tree) < 0) {
		error_set("cannot rename '%s': %s", tmp, strerror(errno));
		goto out;
	}
	src->dir = only_subdir(tree);
	if (!src->dir) {
		error_set("'%s' does not unpack to a single directory; is it a CPython release tarball?", tarball);
		goto out;
	}
	if (source_tree_digest(src->dir, src->digest) < 0)
		goto out;
	if (write_file_atomic(stamp, src->digest, 64) < 0)
		goto out;
	ret = 0;
out:
	free(text);
	free(base);
	free(tree);
	free(stamp);
	free(tmp);
	return ret;
}

int source_resolve(const char *arg, const char *cache_dir, struct source *src)
{
	memset(src, 0, sizeof(*src));
	if (!path_exists(arg))
		return error_set("source '%s' does not exist (give a CPython git checkout or a release tarball "
				 "such as Python-3.13.9.tar.xz from python.org)", arg);
	src->origin = absolute_path(arg);
	if (!src->origin)
		return -1;
	if (is_dir(src->origin)) {
		src->dir = xstrdup(src->origin);
		if (source_read_version(src->dir, &src->version) < 0 ||
		    source_tree_digest(src->dir, src->digest) < 0)
			goto fail;
		return 0;
	}
	if (!is_tarball(src->origin)) {
		error_set("source '%s' is neither a directory nor a .tar.gz/.tar.xz/.tar.bz2 tarball", arg);
		goto fail;
	}
	if (unpack_tarball(src->origin, cache_dir, src) < 0 ||
	    source_read_version(src->dir, &src->version) < 0)
		goto fail;
	return 0;
fail:
	source_release(src);
	return -1;
}

void source_release(struct source *src)
{
	free(src->origin);
	free(src->dir);
	free(src->version);
	memset(src, 0, sizeof(*src));
}
