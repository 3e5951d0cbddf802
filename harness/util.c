#include "util.h"
#include "error.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void out_of_memory(void)
{
	fputs("varbench: out of memory\n", stderr);
	exit(1);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

char *xstrdup(const char *s)
{
	char *p = strdup(s);

	if (!p)
		out_of_memory();
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		out_of_memory();
	va_end(ap);
	return s;
}

void strv_push(struct strv *sv, const char *s)
{
	if (sv->n + 2 > sv->alloc) {
		sv->alloc = sv->alloc ? 2 * sv->alloc : 8;
		sv->v = xrealloc(sv->v, sv->alloc * sizeof(*sv->v));
	}
	sv->v[sv->n++] = xstrdup(s);
	sv->v[sv->n] = NULL;
}

void strv_pushf(struct strv *sv, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		out_of_memory();
	va_end(ap);
	strv_push(sv, s);
	free(s);
}

void strv_push_all(struct strv *sv, char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		strv_push(sv, v[i]);
}

static ssize_t strv_find_env(const struct strv *sv, const char *name)
{
	size_t len = strlen(name);

	for (size_t i = 0; i < sv->n; i++)
		if (!strncmp(sv->v[i], name, len) && sv->v[i][len] == '=')
			return (ssize_t)i;
	return -1;
}

void strv_setenv(struct strv *sv, const char *name, const char *value)
{
	ssize_t i = strv_find_env(sv, name);

	if (i < 0) {
		strv_pushf(sv, "%s=%s", name, value);
		return;
	}
	free(sv->v[i]);
	sv->v[i] = xasprintf("%s=%s", name, value);
}

const char *strv_getenv(const struct strv *sv, const char *name)
{
	ssize_t i = strv_find_env(sv, name);

	return i < 0 ? NULL : sv->v[i] + strlen(name) + 1;
}

char *strv_join(const struct strv *sv, const char *sep)
{
	size_t len = 1, seplen = strlen(sep);
	char *s, *p;

	for (size_t i = 0; i < sv->n; i++)
		len += strlen(sv->v[i]) + seplen;
	p = s = xmalloc(len);
	*p = '\0';
	for (size_t i = 0; i < sv->n; i++) {
		if (i)
			p = stpcpy(p, sep);
		p = stpcpy(p, sv->v[i]);
	}
	return s;
}

void strv_release(struct strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->alloc = 0;
}

int split_words(const char *s, struct strv *out)
{
	size_t cap = strlen(s) + 1, len = 0;
	char *word = xmalloc(cap);
	int in_word = 0;

	for (const char *p = s;; p++) {
		char c = *p;

		if (c == '\0' || c == ' ' || c == '\t' || c == '\n') {
			if (in_word) {
				word[len] = '\0';
				strv_push(out, word);
				len = 0;
				in_word = 0;
			}
			if (c == '\0')
				break;
			continue;
		}
		in_word = 1;
		if (c == '\'') {
			const char *end = strchr(p + 1, '\'');

			if (!end) {
				free(word);
				return error_set("unterminated ' quote in: %s", s);
			}
			memcpy(word + len, p + 1, end - p - 1);
			len += end - p - 1;
			p = end;
		} else if (c == '"') {
			for (p++; *p && *p != '"'; p++) {
				if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
					p++;
				word[len++] = *p;
			}
			if (!*p) {
				free(word);
				return error_set("unterminated \" quote in: %s", s);
			}
		} else if (c == '\\' && p[1]) {
			word[len++] = *++p;
		} else {
			word[len++] = c;
		}
	}
	free(word);
	return 0;
}

char *quote_word(const char *s)
{
	size_t n = 3;
	char *q, *p;

	if (*s && !strpbrk(s, " \t\n'\"\\$`*?[]{}()<>|&;#~"))
		return xstrdup(s);
	for (const char *c = s; *c; c++)
		n += *c == '\'' ? 4 : 1;
	p = q = xmalloc(n);
	*p++ = '\'';
	for (const char *c = s; *c; c++) {
		if (*c == '\'') {
			p = stpcpy(p, "'\\''");
			continue;
		}
		*p++ = *c;
	}
	*p++ = '\'';
	*p = '\0';
	return q;
}

char *path_join(const char *a, const char *b)
{
	size_t la = strlen(a);

	if (la && a[la - 1] == '/')
		return xasprintf("%s%s", a, b);
	return xasprintf("%s/%s", a, b);
}

int path_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int is_executable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

int mkdir_p(const char *path)
{
	char *p = xstrdup(path);
	int ret = 0;

	for (char *s = p + 1;; s++) {
		char c = *s;

		if (c != '/' && c != '\0')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) < 0 && errno != EEXIST) {
			ret = error_set("cannot create directory '%s': %s", p, strerror(errno));
			break;
		}
		*s = c;
		if (!c)
			break;
	}
	if (!ret && !is_dir(path))
		ret = error_set("'%s' exists and is not a directory", path);
	free(p);
	return ret;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		return rmdir(path);
	return unlink(path);
}

int remove_tree(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : error_set("cannot remove '%s': %s", path, strerror(errno));
	if (!S_ISDIR(st.st_mode)) {
		if (unlink(path) < 0)
			return error_set("cannot remove '%s': %s", path, strerror(errno));
		return 0;
	}
	if (nftw(path, remove_one, 32, FTW_DEPTH | FTW_PHYS) < 0)
		return error_set("cannot remove '%s': %s", path, strerror(errno));
	return 0;
}

char *absolute_path(const char *path)
{
	char *p = realpath(path, NULL);

	if (!p) {
		error_set("%s: %s", path, strerror(errno));
		return NULL;
	}
	return p;
}

static uint64_t size_total;

static int add_size(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)path;
	(void)ftw;
	if (flag == FTW_F && S_ISREG(st->st_mode))
		size_total += (uint64_t)st->st_size;
	return 0;
}

uint64_t tree_size(const char *path)
{
	size_total = 0;
	nftw(path, add_size, 32, FTW_PHYS);
	return size_total;
}

int read_file(const char *path, char **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 4096, n = 0;
	char *buf;

	if (!f)
		return error_set("cannot read '%s': %s", path, strerror(errno));
	buf = xmalloc(cap);
	for (;;) {
		size_t got;

		if (n + 1 >= cap)
			buf = xrealloc(buf, cap *= 2);
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		fclose(f);
		free(buf);
		return error_set("cannot read '%s': %s", path, strerror(errno));
	}
	fclose(f);
	buf[n] = '\0';
	*data = buf;
	if (len)
		*len = n;
	return 0;
}

int write_file_atomic(const char *path, const char *data, size_t len)
{
	char *tmp = xasprintf("%s.tmp.%d", path, (int)getpid());
	int fd, ret = 0;

	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		ret = error_set("cannot write '%s': %s", path, strerror(errno));
		goto out;
	}
	while (len) {
		ssize_t w = write(fd, data, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			ret = error_set("cannot write '%s': %s", path, strerror(errno));
			close(fd);
			unlink(tmp);
			goto out;
		}
		data += w;
		len -= (size_t)w;
	}
	if (fsync(fd) < 0 || close(fd) < 0 || rename(tmp, path) < 0) {
		ret = error_set("cannot write '%s': %s", path, strerror(errno));
		unlink(tmp);
	}
out:
	free(tmp);
	return ret;
}

char *default_cache_dir(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");

	if (xdg && *xdg == '/')
		return path_join(xdg, "varbench");
	if (!home || !*home)
		home = "/tmp";
	return xasprintf("%s/.cache/varbench", home);
}

int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void format_duration(char *buf, size_t size, double seconds)
{
	if (seconds < 60)
		snprintf(buf, size, "%.1f s", seconds);
	else if (seconds < 3600)
		snprintf(buf, size, "%d min %02d s", (int)seconds / 60, (int)seconds % 60);
	else
		snprintf(buf, size, "%d h %02d min", (int)seconds / 3600, (int)seconds / 60 % 60);
}

void format_utc_now(char *buf, size_t size)
{
	format_utc(time(NULL), buf, size);
}

void format_utc(time_t t, char *buf, size_t size)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
