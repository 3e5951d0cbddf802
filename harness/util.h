#ifndef VARBENCH_UTIL_H
#define VARBENCH_UTIL_H

/*
 * Small helpers shared by every module: allocation that never returns
 * NULL, growable string vectors (argv and environment arrays), paths and
 * files, monotonic time.  Running out of memory is not a user error, so the
 * x* allocators print one line and exit instead of returning NULL.
 */

#include <stddef.h>
#include <stdint.h>
#include <time.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A NULL-terminated vector of owned strings, as execve() wants them. */
struct strv {
	char **v;	/* v[n] is always NULL once anything was pushed */
	size_t n, alloc;
};
#define STRV_INIT { NULL, 0, 0 }
void strv_push(struct strv *sv, const char *s);
void strv_pushf(struct strv *sv, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strv_push_all(struct strv *sv, char *const *v, size_t n);
/* Set NAME=VALUE, replacing an existing NAME= entry. */
void strv_setenv(struct strv *sv, const char *name, const char *value);
const char *strv_getenv(const struct strv *sv, const char *name);
char *strv_join(const struct strv *sv, const char *sep);
void strv_release(struct strv *sv);

/*
 * Split a command-line fragment into words the way a POSIX shell would for
 * plain words, 'single' and "double" quotes and backslash escapes (no
 * expansion).  Returns 0, or -1 with a message for an unterminated quote.
 */
int split_words(const char *s, struct strv *out);

/* Quote a word for display so that split_words() gives it back. */
char *quote_word(const char *s);

char *path_join(const char *a, const char *b);
int path_exists(const char *path);
int is_dir(const char *path);
int is_executable(const char *path);
/* Create a directory and its parents (mode 0755); 0 if it already exists. */
int mkdir_p(const char *path);
/* Remove a file or a whole tree; 0 if it did not exist. */
int remove_tree(const char *path);
/* Absolute path of an existing file (realpath); NULL + error if missing. */
char *absolute_path(const char *path);
/* Total size in bytes of regular files under path (or of path itself). */
uint64_t tree_size(const char *path);

int read_file(const char *path, char **data, size_t *len);
/* Write via a temporary file and rename, so readers never see half a file. */
int write_file_atomic(const char *path, const char *data, size_t len);

/* $XDG_CACHE_HOME/varbench, or ~/.cache/varbench. */
char *default_cache_dir(void);

/* Monotonic nanoseconds (CLOCK_MONOTONIC). */
int64_t now_ns(void);
/* "12.3 s", "4 min 05 s": elapsed time for progress lines. */
void format_duration(char *buf, size_t size, double seconds);
/* Current UTC time as ISO 8601 "2026-11-21T11:22:33Z"; format_utc for a given time. */
void format_utc_now(char *buf, size_t size);
void format_utc(time_t t, char *buf, size_t size);

#endif
