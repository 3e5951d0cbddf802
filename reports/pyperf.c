/*
 * pyperf JSON export and import (see pyperf.h for the mapping).
 *
 * The reader is a small strict JSON parser (RFC 8259, nesting limited to
 * 64 levels) followed by the checks pyperf itself applies when it loads a
 * file: format version "1.0", a non-empty list of benchmarks each with a
 * name and a non-empty list of runs, values that are numbers > 0, warmups
 * that are [loops >= 1, value >= 0] pairs, a run with at least one of
 * them, metadata values that are non-empty one-line strings or numbers,
 * and the typed keys (loops, inner_loops >= 1; unit second, byte or
 * integer; duration, uptime >= 0; mem_max_rss >= 0).
 */
#include "pyperf.h"
#include "error.h"
#include "sha256.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- a small JSON reader ---- */

enum jtype { J_NULL, J_FALSE, J_TRUE, J_NUM, J_STR, J_ARR, J_OBJ };

struct jval {
	enum jtype t;
	double num;
	int integer;		/* the number was written without fraction or exponent */
	char *str;
	struct jval *items;	/* array elements or object values */
	char **keys;		/* object keys */
	size_t n;
};

struct jparser {
	const char *s, *p, *end;
	const char *path;
	int depth;
};

static int jerror(struct jparser *j, const char *what)
{
	size_t line = 1;

	for (const char *q = j->s; q < j->p && q < j->end; q++)
		line += *q == '\n';
	return error_set("'%s' line %zu: not valid JSON: %s", j->path, line, what);
}

static void jskip(struct jparser *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static void jfree(struct jval *v)
{
	for (size_t i = 0; i < v->n; i++) {
		jfree(&v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->str);
	memset(v, 0, sizeof(*v));
}

static void utf8_put(char **out, unsigned cp)
{
	char *o = *out;

	if (cp < 0x80) {
		*o++ = (char)cp;
	} else if (cp < 0x800) {
		*o++ = (char)(0xc0 | cp >> 6);
		*o++ = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		*o++ = (char)(0xe0 | cp >> 12);
		*o++ = (char)(0x80 | (cp >> 6 & 0x3f));
		*o++ = (char)(0x80 | (cp & 0x3f));
	} else {
		*o++ = (char)(0xf0 | cp >> 18);
		*o++ = (char)(0x80 | (cp >> 12 & 0x3f));
		*o++ = (char)(0x80 | (cp >> 6 & 0x3f));
		*o++ = (char)(0x80 | (cp & 0x3f));
	}
	*out = o;
}

static int hex4(const char *p, unsigned *out)
{
	*out = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];

		*out <<= 4;
		if (c >= '0' && c <= '9')
			*out |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*out |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*out |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	return 0;
}

static int jstring(struct jparser *j, char **out)
{
	const char *p = ++j->p;
	char *buf, *o;

	/* The decoded text is never longer than the escaped one. */
	while (p < j->end && *p != '"')
		p += *p == '\\' ? 2 : 1;
	if (p >= j->end)
		return jerror(j, "unterminated string");
	buf = o = xmalloc((size_t)(p - j->p) + 1);
	while (*j->p != '"') {
		unsigned char c = (unsigned char)*j->p++;

		if (c < 0x20) {
			free(buf);
			return jerror(j, "control character in a string");
		}
		if (c != '\\') {
			*o++ = (char)c;
			continue;
		}
		switch (*j->p++) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '/': *o++ = '/'; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u': {
			unsigned cp, lo;

			if (j->end - j->p < 4 || hex4(j->p, &cp) < 0) {
				free(buf);
				return jerror(j, "bad \\u escape");
			}
			j->p += 4;
			if (cp >= 0xd800 && cp < 0xdc00 && j->end - j->p >= 6 && j->p[0] == '\\' && j->p[1] == 'u' &&
			    hex4(j->p + 2, &lo) == 0 && lo >= 0xdc00 && lo < 0xe000) {
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				j->p += 6;
			} else if (cp >= 0xd800 && cp < 0xe000) {
				cp = 0xfffd;	/* a lone surrogate */
			}
			utf8_put(&o, cp);
			break;
		}
		default:
			free(buf);
			return jerror(j, "bad escape");
		}
	}
	j->p++;
	*o = '\0';
	*out = buf;
	return 0;
}

static int jvalue(struct jparser *j, struct jval *v);

static int jcontainer(struct jparser *j, struct jval *v, int object)
{
	size_t cap = 0;
	char close = object ? '}' : ']';

	v->t = object ? J_OBJ : J_ARR;
	j->p++;
	if (++j->depth > 64)
		return jerror(j, "nested too deeply");
	jskip(j);
	if (j->p < j->end && *j->p == close) {
		j->p++;
		j->depth--;
		return 0;
	}
	for (;;) {
		char *key = NULL;

		jskip(j);
		if (object) {
			if (j->p >= j->end || *j->p != '"')
				return jerror(j, "expected a key");
			if (jstring(j, &key) < 0)
				return -1;
			jskip(j);
			if (j->p >= j->end || *j->p != ':') {
				free(key);
				return jerror(j, "expected ':'");
			}
			j->p++;
		}
		if (v->n == cap) {
			cap = cap ? 2 * cap : 8;
			v->items = xrealloc(v->items, cap * sizeof(*v->items));
			if (object)
				v->keys = xrealloc(v->keys, cap * sizeof(*v->keys));
		}
		memset(&v->items[v->n], 0, sizeof(v->items[0]));
		if (object)
			v->keys[v->n] = key;
		v->n++;
		if (jvalue(j, &v->items[v->n - 1]) < 0)
			return -1;
		jskip(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == close) {
			j->p++;
			j->depth--;
			return 0;
		}
		return jerror(j, object ? "expected ',' or '}'" : "expected ',' or ']'");
	}
}

static int jvalue(struct jparser *j, struct jval *v)
{
	jskip(j);
	if (j->p >= j->end)
		return jerror(j, "unexpected end");
	switch (*j->p) {
	case '{':
		return jcontainer(j, v, 1);
	case '[':
		return jcontainer(j, v, 0);
	case '"':
		v->t = J_STR;
		return jstring(j, &v->str);
	case 't':
		if (j->end - j->p >= 4 && !strncmp(j->p, "true", 4)) {
			v->t = J_TRUE;
			j->p += 4;
			return 0;
		}
		break;
	case 'f':
		if (j->end - j->p >= 5 && !strncmp(j->p, "false", 5)) {
			v->t = J_FALSE;
			j->p += 5;
			return 0;
		}
		break;
	case 'n':
		if (j->end - j->p >= 4 && !strncmp(j->p, "null", 4)) {
			v->t = J_NULL;
			j->p += 4;
			return 0;
		}
		break;
	default: {
		const char *q = j->p;
		char *endp;

		if (*q == '-')
			q++;
		if (q >= j->end || *q < '0' || *q > '9')
			break;
		v->t = J_NUM;
		errno = 0;
		v->num = strtod(j->p, &endp);
		if (endp == j->p || endp > j->end || !isfinite(v->num))
			return jerror(j, "bad number");
		v->integer = !memchr(j->p, '.', (size_t)(endp - j->p)) && !memchr(j->p, 'e', (size_t)(endp - j->p)) &&
			     !memchr(j->p, 'E', (size_t)(endp - j->p));
		j->p = endp;
		return 0;
	}
	}
	return jerror(j, "unexpected character");
}

static int json_parse(const char *path, const char *text, size_t len, struct jval *out)
{
	struct jparser j = { text, text, text + len, path, 0 };

	memset(out, 0, sizeof(*out));
	if (jvalue(&j, out) < 0) {
		jfree(out);
		return -1;
	}
	jskip(&j);
	if (j.p != j.end) {
		jfree(out);
		return jerror(&j, "text after the value");
	}
	return 0;
}

static const struct jval *jget(const struct jval *obj, const char *key)
{
	if (!obj || obj->t != J_OBJ)
		return NULL;
	for (size_t i = 0; i < obj->n; i++)
		if (!strcmp(obj->keys[i], key))
			return &obj->items[i];
	return NULL;
}

/* ---- pyperf's format checks ---- */

/*
 * A metadata object: values are non-empty one-line strings or numbers (or
 * a list of tags), and the keys pyperf types are of their type.  where
 * names the object in messages.
 */
static int check_metadata(const char *path, const struct jval *md, const char *where)
{
	if (!md)
		return 0;
	if (md->t != J_OBJ)
		return error_set("'%s': %s metadata is not an object", path, where);
	for (size_t i = 0; i < md->n; i++) {
		const char *k = md->keys[i];
		const struct jval *v = &md->items[i];

		if (!strcmp(k, "tags")) {
			if (v->t != J_ARR)
				return error_set("'%s': %s metadata 'tags' is not a list", path, where);
			for (size_t t = 0; t < v->n; t++)
				if (v->items[t].t != J_STR || !v->items[t].str[0] || !strcmp(v->items[t].str, "all"))
					return error_set("'%s': %s metadata 'tags' has a bad tag", path, where);
			continue;
		}
		if (v->t == J_STR) {
			if (!v->str[0] || strpbrk(v->str, "\r\n"))
				return error_set("'%s': %s metadata '%s' is empty or has a newline", path, where, k);
		} else if (v->t != J_NUM) {
			return error_set("'%s': %s metadata '%s' is neither a string nor a number", path, where, k);
		}
		if ((!strcmp(k, "loops") || !strcmp(k, "inner_loops") || !strcmp(k, "calibrate_loops") ||
		     !strcmp(k, "recalibrate_loops")) && (v->t != J_NUM || !v->integer || v->num < 1))
			return error_set("'%s': %s metadata '%s' must be an integer >= 1", path, where, k);
		if ((!strcmp(k, "duration") || !strcmp(k, "uptime")) && (v->t != J_NUM || v->num < 0))
			return error_set("'%s': %s metadata '%s' must be a number >= 0", path, where, k);
		if ((!strcmp(k, "mem_max_rss") || !strcmp(k, "command_max_rss")) &&
		    (v->t != J_NUM || !v->integer || v->num < 0))
			return error_set("'%s': %s metadata '%s' must be an integer >= 0", path, where, k);
		if (!strcmp(k, "unit") && (v->t != J_STR || (strcmp(v->str, "second") && strcmp(v->str, "byte") &&
							      strcmp(v->str, "integer"))))
			return error_set("'%s': %s metadata 'unit' must be second, byte or integer", path, where);
		if ((!strcmp(k, "date") || !strcmp(k, "boot_time")) && v->t != J_STR)
			return error_set("'%s': %s metadata '%s' must be a string", path, where, k);
	}
	return 0;
}

/* Metadata as pyperf merges it: the run's over the benchmark's over the suite's. */
static const struct jval *md_lookup(const struct jval *run_md, const struct jval *bench_md, const struct jval *suite_md,
				    const char *key)
{
	const struct jval *v = jget(run_md, key);

	if (!v)
		v = jget(bench_md, key);
	if (!v)
		v = jget(suite_md, key);
	return v;
}

static const char *md_str(const struct jval *r, const struct jval *b, const struct jval *s, const char *key)
{
	const struct jval *v = md_lookup(r, b, s, key);

	return v && v->t == J_STR ? v->str : NULL;
}

/* ---- import ---- */

static void sha256_hex(const char *data, size_t len, char out[SHA256_HEX_SIZE])
{
	struct sha256 h;

	sha256_init(&h);
	sha256_update(&h, data, len);
	sha256_final_hex(&h, out);
}

/* The first word: "3.13.1 (main, ...)" is version 3.13.1. */
static char *first_word(const char *s)
{
	size_t n = strcspn(s, " \t");
	char *w = xmalloc(n + 1);

	memcpy(w, s, n);
	w[n] = '\0';
	return w;
}

struct pf_sample {
	int warmup, round;
	long seq;		/* varbench_seq, or -1 */
	double value;		/* seconds per loop */
	long maxrss_kb;
};

struct pf_bench {
	char *name;
	char digest[SHA256_HEX_SIZE], checksum[SHA256_HEX_SIZE];
	char *args;
	struct strv tags;
	struct pf_sample *samples;
	size_t n;
};

struct pf_file {
	char *path, *variant, *python_version, *compiler;
	char digest[SHA256_HEX_SIZE];
	struct machine machine;
	struct pf_bench *benches;
	size_t nbenches;
	long values, warmups;
	int max_values;		/* measured samples of the busiest benchmark */
};

static void pf_file_release(struct pf_file *f)
{
	for (size_t i = 0; i < f->nbenches; i++) {
		free(f->benches[i].name);
		free(f->benches[i].args);
		strv_release(&f->benches[i].tags);
		free(f->benches[i].samples);
	}
	free(f->benches);
	free(f->path);
	free(f->variant);
	free(f->python_version);
	free(f->compiler);
	memset(f, 0, sizeof(*f));
}

static void pf_push(struct pf_bench *b, struct pf_sample s)
{
	b->samples = xrealloc(b->samples, (b->n + 1) * sizeof(*b->samples));
	b->samples[b->n++] = s;
}

/* A variant name from a file name: its stem, lowercased, other characters as '-'. */
static char *name_from_path(const char *path)
{
	const char *base = strrchr(path, '/');
	char *name = xstrdup(base ? base + 1 : path), *dot = strstr(name, ".json");

	if (dot)
		*dot = '\0';
	for (char *p = name; *p; p++) {
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
		else if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-'))
			*p = '-';
	}
	if (!name[0]) {
		free(name);
		name = xstrdup("pyperf");
	}
	return name;
}

static void copy_hex(char *dst, const char *src)
{
	size_t n = src ? strspn(src, "0123456789abcdef") : 0;

	if (src && n == SHA256_HEX_SIZE - 1 && !src[n])
		memcpy(dst, src, SHA256_HEX_SIZE);
	else
		dst[0] = '\0';
}

static int load_file(const char *path, const char *name, struct pf_file *f)
{
	const struct jval *version, *suite_md, *benches;
	struct jval root;
	char *text = NULL;
	size_t len = 0;
	int ret = -1;

	memset(f, 0, sizeof(*f));
	f->path = xstrdup(path);
	if (read_file(path, &text, &len) < 0)
		return -1;
	if (len >= 2 && (unsigned char)text[0] == 0x1f && (unsigned char)text[1] == 0x8b) {
		free(text);
		return error_set("'%s' is gzip-compressed; uncompress it first (gunzip -k)", path);
	}
	sha256_hex(text, len, f->digest);
	if (json_parse(path, text, len, &root) < 0) {
		free(text);
		return -1;
	}
	free(text);
	if (root.t != J_OBJ) {
		error_set("'%s' is not a pyperf file: the top level is not an object", path);
		goto out;
	}
	version = jget(&root, "version");
	if (!version || version->t != J_STR || strcmp(version->str, "1.0")) {
		error_set("'%s': pyperf format version %s%s%s is not supported (only \"1.0\", pyperf 1.0 and later)",
			  path, version && version->t == J_STR ? "\"" : "",
			  version && version->t == J_STR ? version->str : "(missing)",
			  version && version->t == J_STR ? "\"" : "");
		goto out;
	}
	suite_md = jget(&root, "metadata");
	if (check_metadata(path, suite_md, "the file's") < 0)
		goto out;
	benches = jget(&root, "benchmarks");
	if (!benches || benches->t != J_ARR || !benches->n) {
		error_set("'%s': 'benchmarks' must be a non-empty list", path);
		goto out;
	}
	f->benches = xcalloc(benches->n, sizeof(*f->benches));
	for (size_t b = 0; b < benches->n; b++) {
		const struct jval *bench = &benches->items[b], *bench_md = jget(bench, "metadata"), *runs;
		struct pf_bench *pb = &f->benches[f->nbenches];
		const char *bname, *unit, *s;
		char where[64];
		long values = 0;

		snprintf(where, sizeof(where), "benchmark %zu", b + 1);
		if (bench->t != J_OBJ) {
			error_set("'%s': %s is not an object", path, where);
			goto out;
		}
		if (check_metadata(path, bench_md, where) < 0)
			goto out;
		runs = jget(bench, "runs");
		if (!runs || runs->t != J_ARR || !runs->n) {
			error_set("'%s': %s: 'runs' must be a non-empty list", path, where);
			goto out;
		}
		bname = md_str(jget(&runs->items[0], "metadata"), bench_md, suite_md, "name");
		if (!bname) {
			error_set("'%s': %s has no name (metadata 'name')", path, where);
			goto out;
		}
		for (size_t k = 0; k < f->nbenches; k++)
			if (!strcmp(f->benches[k].name, bname)) {
				error_set("'%s': two benchmarks are called '%s'", path, bname);
				goto out;
			}
		unit = md_str(NULL, bench_md, suite_md, "unit");
		if (unit && strcmp(unit, "second")) {
			error_set("'%s': benchmark '%s' measures %ss; varbench imports times (unit second)", path, bname,
				  unit);
			goto out;
		}
		pb->name = xstrdup(bname);
		f->nbenches++;
		copy_hex(pb->digest, md_str(NULL, bench_md, suite_md, "varbench_workload_digest"));
		copy_hex(pb->checksum, md_str(NULL, bench_md, suite_md, "varbench_checksum"));
		s = md_str(NULL, bench_md, suite_md, "varbench_args");
		pb->args = xstrdup(s ? s : "");
		{
			const struct jval *tags = md_lookup(NULL, bench_md, suite_md, "tags");

			for (size_t t = 0; tags && tags->t == J_ARR && t < tags->n; t++)
				strv_push(&pb->tags, tags->items[t].str);
		}
		for (size_t r = 0; r < runs->n; r++) {
			const struct jval *run = &runs->items[r], *run_md = jget(run, "metadata"), *vals, *warm, *x;
			struct pf_sample smp = { 0, (int)r, -1, 0, 0 };

			snprintf(where, sizeof(where), "benchmark '%.20s' run %zu", bname, r + 1);
			if (run->t != J_OBJ) {
				error_set("'%s': %s is not an object", path, where);
				goto out;
			}
			if (check_metadata(path, run_md, where) < 0)
				goto out;
			/* Metadata pyperf checks for equality across the runs of a benchmark. */
			{
				const char *n = md_str(run_md, bench_md, suite_md, "name");

				if (!n || strcmp(n, bname)) {
					error_set("'%s': %s has another name", path, where);
					goto out;
				}
			}
			/* Values and warmups are per loop already (format 1.0): loops need no undoing. */
			if ((x = jget(run_md, "varbench_seq")) && x->t == J_NUM && x->integer && x->num >= 0)
				smp.seq = (long)x->num;
			if ((x = jget(run_md, "varbench_round")) && x->t == J_NUM && x->integer && x->num >= 0)
				smp.round = (int)x->num;
			if ((x = md_lookup(run_md, bench_md, suite_md, "mem_max_rss")))
				smp.maxrss_kb = (long)(x->num / 1024);
			vals = jget(run, "values");
			warm = jget(run, "warmups");
			if ((vals && vals->t != J_ARR) || (warm && warm->t != J_ARR)) {
				error_set("'%s': %s: 'values' and 'warmups' must be lists", path, where);
				goto out;
			}
			if ((!vals || !vals->n) && (!warm || !warm->n)) {
				error_set("'%s': %s has neither values nor warmups", path, where);
				goto out;
			}
			for (size_t i = 0; warm && i < warm->n; i++) {
				const struct jval *w = &warm->items[i];

				if (w->t != J_ARR || w->n != 2 || w->items[0].t != J_NUM || !w->items[0].integer ||
				    w->items[0].num < 1 || w->items[1].t != J_NUM || w->items[1].num < 0) {
					error_set("'%s': %s: a warmup must be [loops >= 1, value >= 0]", path, where);
					goto out;
				}
				smp.warmup = 1;
				smp.value = w->items[1].num;
				pf_push(pb, smp);
				f->warmups++;
			}
			for (size_t i = 0; vals && i < vals->n; i++) {
				if (vals->items[i].t != J_NUM || !(vals->items[i].num > 0)) {
					error_set("'%s': %s: values must be numbers > 0", path, where);
					goto out;
				}
				smp.warmup = 0;
				smp.value = vals->items[i].num;
				pf_push(pb, smp);
				f->values++;
				values++;
			}
		}
		if (values > f->max_values)
			f->max_values = (int)values;
	}
	{
		const char *v = name ? name : md_str(NULL, NULL, suite_md, "varbench_variant");
		const char *host = md_str(NULL, NULL, suite_md, "hostname"), *cpu = md_str(NULL, NULL, suite_md,
											   "cpu_model_name");
		const char *platform = md_str(NULL, NULL, suite_md, "platform"), *pv, *cc;
		const struct jval *ncpu = jget(suite_md, "cpu_count");

		f->variant = v ? xstrdup(v) : name_from_path(path);
		snprintf(f->machine.hostname, sizeof(f->machine.hostname), "%s", host ? host : "unknown (pyperf)");
		snprintf(f->machine.cpu_model, sizeof(f->machine.cpu_model), "%s", cpu ? cpu : "unknown");
		snprintf(f->machine.kernel, sizeof(f->machine.kernel), "%s", platform ? platform : "unknown");
		f->machine.cpus = ncpu && ncpu->t == J_NUM ? (int)ncpu->num : 0;
		pv = md_str(NULL, NULL, suite_md, "python_version");
		f->python_version = first_word(pv ? pv : "unknown");
		cc = md_str(NULL, NULL, suite_md, "varbench_compiler");
		if (!cc)
			cc = md_str(NULL, NULL, suite_md, "python_compiler");
		f->compiler = xstrdup(cc ? cc : "unknown");
	}
	ret = 0;
out:
	jfree(&root);
	return ret;
}

/* Where a sample goes: its file, benchmark and position, ordered for storing. */
struct pf_ref {
	size_t file, bench, sample;
	long seq;
};

static int pf_ref_cmp(const void *a, const void *b)
{
	const struct pf_ref *x = a, *y = b;

	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Store one file's build, variant and (shared by name) workloads; ids by benchmark. */
static int store_file(struct store *s, struct pf_file *f, int64_t *variant_id, struct strv *wnames,
		      int64_t **wids, size_t *nw, int64_t **bench_wid)
{
	struct source src = { 0 };
	struct variant v = { 0 };
	struct build_result b = { 0 };
	char key_text[256], key[SHA256_HEX_SIZE], *desc, *evidence;
	int64_t source_id, build_id;
	int ret = -1;

	src.origin = f->path;
	src.dir = f->path;
	src.version = f->python_version;
	memcpy(src.digest, f->digest, sizeof(src.digest));
	if (store_put_source(s, &src, &source_id) < 0)
		return -1;
	snprintf(key_text, sizeof(key_text), "pyperf import\n%s\n%s\n", f->digest, f->variant);
	sha256_hex(key_text, strlen(key_text), key);
	desc = xasprintf("imported from pyperf file %s", f->path);
	evidence = xasprintf("no varbench build: results imported from pyperf file %s (sha256 %.12s)", f->path,
			     f->digest);
	v.name = f->variant;
	v.description = desc;
	memcpy(b.key, key, sizeof(b.key));
	b.prefix = "";
	b.dir = "";
	b.log_path = "";
	b.compiler = f->compiler;
	b.evidence = evidence;
	if (store_put_build(s, source_id, &v, &b, &build_id) < 0 || store_put_variant(s, &v, build_id, variant_id) < 0)
		goto out;
	*bench_wid = xcalloc(f->nbenches ? f->nbenches : 1, sizeof(**bench_wid));
	for (size_t i = 0; i < f->nbenches; i++) {
		struct pf_bench *pb = &f->benches[i];
		struct workload w;
		char digest_text[512];
		size_t k;

		memset(&w, 0, sizeof(w));
		w.name = pb->name;
		if (pb->digest[0]) {
			memcpy(w.digest, pb->digest, sizeof(w.digest));
		} else {
			snprintf(digest_text, sizeof(digest_text), "pyperf benchmark\n%s\n", pb->name);
			sha256_hex(digest_text, strlen(digest_text), w.digest);
		}
		memcpy(w.checksum, pb->checksum, sizeof(w.checksum));
		if (pb->args[0])
			strv_push(&w.args, pb->args);
		strv_push_all(&w.tags, pb->tags.v, pb->tags.n);
		if (store_put_workload(s, &w, &(*bench_wid)[i]) < 0) {
			strv_release(&w.args);
			strv_release(&w.tags);
			goto out;
		}
		strv_release(&w.args);
		strv_release(&w.tags);
		for (k = 0; k < wnames->n && strcmp(wnames->v[k], pb->name); k++)
			;
		if (k == wnames->n) {
			strv_push(wnames, pb->name);
			*wids = xrealloc(*wids, wnames->n * sizeof(**wids));
			(*wids)[k] = (*bench_wid)[i];
			(*nw)++;
		}
	}
	ret = 0;
out:
	free(desc);
	free(evidence);
	return ret;
}

static int store_import(struct store *s, struct pf_file *files, size_t nfiles, const char *command,
			int64_t *campaign)
{
	struct campaign_info ci = { 0 };
	struct counters ctr;
	int64_t machine_id, *variant_ids = xcalloc(nfiles, sizeof(*variant_ids)), *wids = NULL;
	int64_t **bench_wid = xcalloc(nfiles, sizeof(*bench_wid));
	struct strv wnames = STRV_INIT;
	struct pf_ref *refs = NULL;
	size_t nw = 0, nrefs = 0, i, b, k;
	long samples = 0, warmups = 0;
	int with_seq = 1, max_values = 0, ret = -1;

	memset(&ctr, 0, sizeof(ctr));
	ctr.n = 1;
	ctr.events[0].name = (char *)PYPERF_VALUE_EVENT;
	ctr.events[0].supported = 1;
	ctr.events[0].group = -1;
	if (store_begin(s) < 0)
		goto done;
	if (store_put_machine(s, &files[0].machine, &machine_id) < 0)
		goto fail;
	for (i = 0; i < nfiles; i++) {
		if (store_file(s, &files[i], &variant_ids[i], &wnames, &wids, &nw, &bench_wid[i]) < 0)
			goto fail;
		samples += files[i].values;
		warmups += files[i].warmups;
		if (files[i].max_values > max_values)
			max_values = files[i].max_values;
	}
	ci.machine_id = machine_id;
	ci.samples = max_values;
	ci.warmups = 0;
	ci.cpu = -1;
	ci.planned = samples + warmups;
	ci.command = command;
	ci.meter = "pyperf";
	if (store_campaign_begin(s, &ci, campaign) < 0)
		goto fail;
	for (i = 0; i < nfiles; i++)
		if (store_campaign_add_variant(s, *campaign, variant_ids[i], (int)i) < 0)
			goto fail;
	for (k = 0; k < nw; k++)
		if (store_campaign_add_workload(s, *campaign, wids[k], (int)k) < 0)
			goto fail;
	if (store_campaign_event(s, *campaign, &ctr.events[0]) < 0)
		goto fail;
	for (i = 0; i < nfiles; i++) {
		char name[64], value[1024];

		snprintf(name, sizeof(name), "pyperf file %zu", i + 1);
		snprintf(value, sizeof(value), "%s (sha256 %.12s) as variant %s: %zu benchmarks, %ld values, "
			 "%ld warmups; python %s on %s (%s, %d CPUs, %s)", files[i].path, files[i].digest,
			 files[i].variant, files[i].nbenches, files[i].values, files[i].warmups,
			 files[i].python_version, files[i].machine.hostname, files[i].machine.cpu_model,
			 files[i].machine.cpus, files[i].machine.kernel);
		if (store_campaign_fact(s, *campaign, name, value,
					memcmp(&files[i].machine, &files[0].machine, sizeof(files[0].machine))
					? "warning" : "info") < 0)
			goto fail;
	}

	/* Samples in varbench's original order when every run says it, else file by file. */
	for (i = 0; i < nfiles; i++)
		for (b = 0; b < files[i].nbenches; b++)
			for (k = 0; k < files[i].benches[b].n; k++) {
				refs = xrealloc(refs, (nrefs + 1) * sizeof(*refs));
				refs[nrefs] = (struct pf_ref){ i, b, k, files[i].benches[b].samples[k].seq };
				with_seq &= refs[nrefs].seq >= 0;
				nrefs++;
			}
	if (with_seq) {
		qsort(refs, nrefs, sizeof(*refs), pf_ref_cmp);
		for (i = 1; i < nrefs && with_seq; i++)
			with_seq = refs[i].seq != refs[i - 1].seq;
	}
	if (!with_seq) {
		/* Stable order: file, benchmark, run. */
		size_t n = 0;

		for (i = 0; i < nfiles; i++)
			for (b = 0; b < files[i].nbenches; b++)
				for (k = 0; k < files[i].benches[b].n; k++)
					refs[n++] = (struct pf_ref){ i, b, k, (long)n };
	}
	for (i = 0; i < nrefs; i++) {
		const struct pf_sample *smp = &files[refs[i].file].benches[refs[i].bench].samples[refs[i].sample];
		struct sample_key key = { *campaign, variant_ids[refs[i].file], bench_wid[refs[i].file][refs[i].bench],
					  smp->round, (int)refs[i].seq, smp->warmup };
		struct sample_result r;
		double ns = smp->value * 1e9;

		memset(&r, 0, sizeof(r));
		r.status = SAMPLE_OK;
		r.wall_ns = ns < 1 ? 1 : ns > 9e18 ? (int64_t)9e18 : llround(ns);
		r.maxrss_kb = smp->maxrss_kb;
		r.counters[0].valid = 1;
		r.counters[0].raw = (uint64_t)r.wall_ns;
		r.counters[0].scaled = smp->value;
		r.counters[0].enabled = r.counters[0].running = (uint64_t)r.wall_ns;
		if (store_put_sample(s, &key, &r, &ctr) < 0)
			goto fail;
	}
	if (store_campaign_finish(s, *campaign, "complete") < 0 || store_commit(s) < 0)
		goto fail;
	ret = 0;
	goto done;
fail:
	store_rollback(s);
done:
	for (i = 0; i < nfiles; i++)
		free(bench_wid[i]);
	free(bench_wid);
	free(variant_ids);
	free(wids);
	free(refs);
	strv_release(&wnames);
	return ret;
}

/* Load and check every file; on failure the ones loaded are released. */
static int load_all(const struct strv *files, const struct strv *names, struct pf_file *pf)
{
	size_t i, j;

	if (!files->n)
		return error_set("no pyperf file to import");
	for (i = 0; i < files->n; i++) {
		if (load_file(files->v[i], names && i < names->n ? names->v[i] : NULL, &pf[i]) < 0)
			goto fail;
		for (j = 0; j < i; j++)
			if (!strcmp(pf[j].variant, pf[i].variant)) {
				error_set("'%s' and '%s' are both variant '%s'; name them with --name", pf[j].path,
					  pf[i].path, pf[i].variant);
				i++;
				goto fail;
			}
	}
	return 0;
fail:
	for (j = 0; j <= i && j < files->n; j++)
		pf_file_release(&pf[j]);
	return -1;
}

int pyperf_validate(const struct strv *files, const struct strv *names)
{
	struct pf_file *pf = xcalloc(files->n ? files->n : 1, sizeof(*pf));
	int ret = load_all(files, names, pf);

	for (size_t i = 0; ret == 0 && i < files->n; i++)
		pf_file_release(&pf[i]);
	free(pf);
	return ret;
}

int pyperf_import(struct store *s, const struct strv *files, const struct strv *names, int64_t *campaign,
		  FILE *out)
{
	struct pf_file *pf = xcalloc(files->n ? files->n : 1, sizeof(*pf));
	char *list, *command;
	size_t i;
	int ret = -1;

	if (load_all(files, names, pf) < 0) {
		free(pf);
		return -1;
	}
	list = strv_join(files, " ");
	command = xasprintf("varbench import --pyperf %s: pyperf results, not measured by varbench; no varbench "
			    "build behind them (build keys from each file's sha256, empty prefix)", list);
	free(list);
	ret = store_import(s, pf, files->n, command, campaign);
	free(command);
	if (ret == 0)
		for (i = 0; i < files->n; i++)
			fprintf(out, "imported %s as variant %s: %zu benchmark%s, %ld value%s, %ld warmup%s\n",
				pf[i].path, pf[i].variant, pf[i].nbenches, pf[i].nbenches == 1 ? "" : "s",
				pf[i].values, pf[i].values == 1 ? "" : "s", pf[i].warmups,
				pf[i].warmups == 1 ? "" : "s");
	for (i = 0; i < files->n; i++)
		pf_file_release(&pf[i]);
	free(pf);
	return ret;
}

/* ---- export ---- */

struct pf_out_run {
	int seq, round, warmup;
	double value, wall_s;
	long long maxrss_bytes;
	char date[32];
};

struct pf_out_bench {
	const struct store_workload_row *w;
	struct pf_out_run *runs;
	size_t n;
};

struct export_ctx {
	const char *variant, *metric;
	struct pf_out_bench *benches;
	size_t nbenches;
	size_t skipped;
};

static double metric_value(const char *metric, const struct store_sample_row *row)
{
	if (!strcmp(metric, "wall"))
		return (double)row->wall_ns / 1e9;
	if (!strcmp(metric, "user"))
		return (double)row->user_ns / 1e9;
	if (!strcmp(metric, "sys"))
		return (double)row->sys_ns / 1e9;
	if (!strcmp(metric, "maxrss"))
		return (double)row->maxrss_kb * 1024;
	for (size_t i = 0; i < row->ncounters; i++)
		if (!strcmp(row->events[i], metric))
			return !strcmp(metric, "task-clock") || !strcmp(metric, "cpu-clock") ? row->scaled[i] / 1e9
											  : row->scaled[i];
	return NAN;
}

static int export_sample(void *vctx, const struct store_sample_row *row)
{
	struct export_ctx *c = vctx;
	struct pf_out_bench *b = NULL;
	struct pf_out_run *run;
	double v;

	if (strcmp(row->variant, c->variant))
		return 0;
	for (size_t i = 0; i < c->nbenches; i++)
		if (!strcmp(c->benches[i].w->name, row->workload))
			b = &c->benches[i];
	if (!b)
		return 0;
	v = metric_value(c->metric, row);
	/* pyperf has no place for failed runs, and its values must be > 0. */
	if (strcmp(row->status, "ok") || !isfinite(v) || v <= 0) {
		c->skipped++;
		return 0;
	}
	b->runs = xrealloc(b->runs, (b->n + 1) * sizeof(*b->runs));
	run = &b->runs[b->n++];
	run->seq = row->seq;
	run->round = row->round;
	run->warmup = row->warmup;
	run->value = v;
	run->wall_s = (double)row->wall_ns / 1e9;
	run->maxrss_bytes = (long long)row->maxrss_kb * 1024;
	/* pyperf writes dates with a space: "2026-11-21 11:47:30". */
	snprintf(run->date, sizeof(run->date), "%.10s %.8s", row->taken_at, row->taken_at[0] ? row->taken_at + 11
											 : "");
	return 0;
}

static void jstr(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* A metadata string entry, left out when empty (pyperf rejects empty values). */
static void md_str_out(FILE *f, const char *key, const char *value, int *first)
{
	char *flat, *p;

	if (!value || !value[strspn(value, " \t\r\n")])
		return;
	flat = xstrdup(value);
	for (p = flat; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	fputs(*first ? "" : ", ", f);
	*first = 0;
	jstr(f, key);
	fputs(": ", f);
	jstr(f, flat);
	free(flat);
}

static const char *metric_unit(const char *metric)
{
	if (!strcmp(metric, "wall") || !strcmp(metric, "user") || !strcmp(metric, "sys") ||
	    !strcmp(metric, "task-clock") || !strcmp(metric, "cpu-clock"))
		return "second";
	if (!strcmp(metric, "maxrss"))
		return "byte";
	return "integer";
}

int pyperf_export(struct store *s, int64_t campaign, const char *variant, const char *metric, const char *path,
		  size_t *nruns)
{
	struct campaign_record rec;
	struct store_variant_row *vars = NULL;
	struct store_workload_row *wls = NULL;
	struct store_event_row *events = NULL;
	size_t nvars = 0, nwls = 0, nevents = 0, i, written = 0;
	struct export_ctx ctx = { variant, metric, NULL, 0, 0 };
	const struct store_variant_row *v = NULL;
	char *text = NULL, *names;
	size_t len = 0;
	FILE *f;
	int ret = -1, first;

	*nruns = 0;
	if (!strcmp(metric, "ipc"))
		return error_set("--metric ipc is a ratio, not a pyperf unit (second, byte or integer)");
	if (store_campaign_record(s, campaign, &rec) < 0)
		return -1;
	if (store_campaign_variant_rows(s, campaign, &vars, &nvars) < 0 ||
	    store_campaign_workload_rows(s, campaign, &wls, &nwls) < 0 ||
	    store_campaign_event_rows(s, campaign, &events, &nevents) < 0)
		goto out;
	for (i = 0; i < nvars; i++)
		if (!strcmp(vars[i].name, variant))
			v = &vars[i];
	if (!v) {
		struct strv all = STRV_INIT;

		for (i = 0; i < nvars; i++)
			strv_push(&all, vars[i].name);
		names = strv_join(&all, ", ");
		error_set("variant '%s' is not in campaign %lld (it has: %s)", variant, (long long)campaign, names);
		free(names);
		strv_release(&all);
		goto out;
	}
	if (strcmp(metric, "wall") && strcmp(metric, "user") && strcmp(metric, "sys") && strcmp(metric, "maxrss")) {
		for (i = 0; i < nevents && strcmp(events[i].name, metric); i++)
			;
		if (i == nevents) {
			error_set("campaign %lld has no metric '%s' (it has wall, user, sys, maxrss%s)", (long long)campaign,
				  metric, nevents ? " and its events" : "");
			goto out;
		}
	}
	ctx.benches = xcalloc(nwls ? nwls : 1, sizeof(*ctx.benches));
	for (i = 0; i < nwls; i++)
		ctx.benches[i].w = &wls[i];
	ctx.nbenches = nwls;
	if (store_campaign_sample_rows(s, campaign, export_sample, &ctx) < 0)
		goto out;

	f = open_memstream(&text, &len);
	if (!f) {
		error_set("cannot write '%s': %s", path, strerror(errno));
		goto out;
	}
	fputs("{\"version\": \"1.0\",\n \"metadata\": {", f);
	first = 1;
	md_str_out(f, "hostname", rec.machine.hostname, &first);
	md_str_out(f, "cpu_model_name", rec.machine.cpu_model, &first);
	if (rec.machine.cpus > 0)
		fprintf(f, "%s\"cpu_count\": %d", first ? "" : ", ", rec.machine.cpus), first = 0;
	md_str_out(f, "platform", rec.machine.kernel, &first);
	md_str_out(f, "python_implementation", "cpython", &first);
	md_str_out(f, "python_version", v->source_version, &first);
	md_str_out(f, "unit", metric_unit(metric), &first);
	fprintf(f, "%s\"loops\": 1", first ? "" : ", "), first = 0;
	md_str_out(f, "varbench_variant", v->name, &first);
	fprintf(f, "%s\"varbench_campaign\": %lld", first ? "" : ", ", (long long)campaign), first = 0;
	md_str_out(f, "varbench_metric", metric, &first);
	md_str_out(f, "varbench_source_digest", v->source_digest, &first);
	md_str_out(f, "varbench_build_key", v->key, &first);
	md_str_out(f, "varbench_compiler", v->compiler, &first);
	md_str_out(f, "varbench_meter", rec.meter, &first);
	fputs("},\n \"benchmarks\": [", f);
	for (i = 0, first = 1; i < ctx.nbenches; i++) {
		const struct pf_out_bench *b = &ctx.benches[i];
		int mf = 1;

		if (!b->n)
			continue;
		fputs(first ? "\n  {\"metadata\": {" : ",\n  {\"metadata\": {", f);
		first = 0;
		md_str_out(f, "name", b->w->name, &mf);
		md_str_out(f, "varbench_workload_digest", b->w->digest, &mf);
		md_str_out(f, "varbench_args", b->w->args, &mf);
		md_str_out(f, "varbench_checksum", b->w->checksum, &mf);
		{
			struct strv tags = STRV_INIT;

			if (split_words(b->w->tags, &tags) == 0 && tags.n) {
				size_t t, ok = 0;

				for (t = 0; t < tags.n; t++)
					ok += tags.v[t][0] && strcmp(tags.v[t], "all");
				if (ok) {
					fputs(", \"tags\": [", f);
					for (t = 0, ok = 0; t < tags.n; t++)
						if (tags.v[t][0] && strcmp(tags.v[t], "all")) {
							fputs(ok++ ? ", " : "", f);
							jstr(f, tags.v[t]);
						}
					fputc(']', f);
				}
			}
			error_clear();
			strv_release(&tags);
		}
		fputs("},\n   \"runs\": [", f);
		for (size_t r = 0; r < b->n; r++) {
			const struct pf_out_run *run = &b->runs[r];

			fprintf(f, "%s{\"metadata\": {\"date\": ", r ? ",\n    " : "\n    ");
			jstr(f, run->date);
			fprintf(f, ", \"duration\": %.9f, \"mem_max_rss\": %lld, \"varbench_seq\": %d, "
				"\"varbench_round\": %d}, ", run->wall_s, run->maxrss_bytes, run->seq, run->round);
			if (run->warmup)
				fprintf(f, "\"warmups\": [[1, %.17g]]}", run->value);
			else
				fprintf(f, "\"values\": [%.17g]}", run->value);
			written++;
		}
		fputs("]}", f);
	}
	fputs("\n ]\n}\n", f);
	if (fclose(f)) {
		error_set("cannot write '%s': %s", path, strerror(errno));
		goto out;
	}
	if (!written) {
		error_set("variant '%s' has no sample of %s in campaign %lld to export", variant, metric,
			  (long long)campaign);
		goto out;
	}
	if (write_file_atomic(path, text, len) < 0)
		goto out;
	*nruns = written;
	ret = 0;
out:
	for (i = 0; i < ctx.nbenches; i++)
		free(ctx.benches[i].runs);
	free(ctx.benches);
	free(text);
	store_variant_rows_free(vars, nvars);
	store_workload_rows_free(wls, nwls);
	store_event_rows_free(events, nevents);
	campaign_record_release(&rec);
	return ret;
}
