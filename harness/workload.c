#include "workload.h"
#include "error.h"

#include <ctype.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct parse_state {
	struct workload_set *set;
	char *dir;
	char message[512];
	char current[128];
};

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

static int valid_checksum(const char *s)
{
	if (strlen(s) != 64)
		return 0;
	for (; *s; s++)
		if (!isxdigit((unsigned char)*s) || isupper((unsigned char)*s))
			return 0;
	return 1;
}

static struct workload *start_section(struct parse_state *st, const char *section)
{
	struct workload_set *set = st->set;
	struct workload *w;

	for (size_t i = 0; i < set->n; i++)
		if (!strcmp(set->items[i].name, section)) {
			fail(st, "duplicate workload [%s]", section);
			return NULL;
		}
	set->items = xrealloc(set->items, (set->n + 1) * sizeof(*set->items));
	w = &set->items[set->n++];
	memset(w, 0, sizeof(*w));
	w->name = xstrdup(section);
	snprintf(st->current, sizeof(st->current), "%s", section);
	return w;
}

static int handle(void *user, const char *section, const char *name, const char *value)
{
	struct parse_state *st = user;
	struct workload *w;

	if (strcmp(st->current, section)) {
		if (!(w = start_section(st, section)))
			return 0;
	} else {
		w = &st->set->items[st->set->n - 1];
	}
	if (!strcmp(name, "script")) {
		if (w->script)
			return fail(st, "duplicate key 'script' in [%s]", section);
		w->script = value[0] == '/' ? xstrdup(value) : path_join(st->dir, value);
		if (!path_exists(w->script))
			return fail(st, "[%s]: script '%s' does not exist", section, w->script);
		if (sha256_file(w->script, w->digest) < 0)
			return fail(st, "%s", error_message());
		return 1;
	}
	if (!strcmp(name, "args")) {
		if (split_words(value, &w->args) < 0)
			return fail(st, "%s", error_message());
		return 1;
	}
	if (!strcmp(name, "tags"))
		return split_words(value, &w->tags) < 0 ? fail(st, "%s", error_message()) : 1;
	if (!strcmp(name, "description")) {
		free(w->description);
		w->description = xstrdup(value);
		return 1;
	}
	if (!strcmp(name, "checksum")) {
		if (!valid_checksum(value))
			return fail(st, "[%s]: checksum must be 64 lowercase hex digits (sha256 of the output)", section);
		memcpy(w->checksum, value, SHA256_HEX_SIZE);
		return 1;
	}
	return fail(st, "unknown key '%s' in [%s] (known: script, args, tags, description, checksum)", name, section);
}

int workload_set_load(const char *manifest, struct workload_set *set)
{
	struct parse_state st = { .set = set };
	const char *slash = strrchr(manifest, '/');
	int line;

	memset(set, 0, sizeof(*set));
	set->manifest = xstrdup(manifest);
	st.dir = slash ? xasprintf("%.*s", (int)(slash - manifest), manifest) : xstrdup(".");
	line = ini_parse(manifest, handle, &st);
	if (line == -1) {
		error_set("cannot read workload manifest '%s'", manifest);
		goto fail;
	}
	if (line > 0 || line < -1) {
		error_set("%s:%d: %s", manifest, line,
			  st.message[0] ? st.message : "expected '[workload]' or 'key = value'");
		goto fail;
	}
	for (size_t i = 0; i < set->n; i++) {
		struct workload *w = &set->items[i];

		if (!w->script) {
			error_set("%s: [%s] has no 'script'", manifest, w->name);
			goto fail;
		}
		if (!w->checksum[0]) {
			error_set("%s: [%s] has no 'checksum' (run the script once and put the sha256 of its output there)",
				  manifest, w->name);
			goto fail;
		}
		if (!w->description)
			w->description = xstrdup("");
	}
	if (!set->n) {
		error_set("%s: no workloads defined", manifest);
		goto fail;
	}
	free(st.dir);
	return 0;
fail:
	free(st.dir);
	workload_set_release(set);
	return -1;
}

const struct workload *workload_set_find(const struct workload_set *set, const char *name)
{
	struct strv names = STRV_INIT;
	char *list;

	for (size_t i = 0; i < set->n; i++)
		if (!strcmp(set->items[i].name, name))
			return &set->items[i];
	for (size_t i = 0; i < set->n; i++)
		strv_push(&names, set->items[i].name);
	list = strv_join(&names, ", ");
	error_set("unknown workload '%s' (in %s: %s)", name, set->manifest, list);
	free(list);
	strv_release(&names);
	return NULL;
}

void workload_set_release(struct workload_set *set)
{
	for (size_t i = 0; i < set->n; i++) {
		struct workload *w = &set->items[i];

		free(w->name);
		free(w->description);
		free(w->script);
		strv_release(&w->args);
		strv_release(&w->tags);
	}
	free(set->items);
	free(set->manifest);
	memset(set, 0, sizeof(*set));
}
