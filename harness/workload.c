#include "workload.h"
#include "error.h"

#include <ctype.h>
#include <dirent.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const size_names[WORKLOAD_NSIZES] = { "default", "tiny", "long" };

const char *workload_size_name(enum workload_size size)
{
	return (unsigned)size < WORKLOAD_NSIZES ? size_names[size] : "?";
}

int workload_size_parse(const char *name, enum workload_size *size)
{
	for (int i = 0; i < WORKLOAD_NSIZES; i++)
		if (!strcmp(name, size_names[i])) {
			*size = (enum workload_size)i;
			return 0;
		}
	return error_set("unknown size '%s' (sizes: tiny, default, long)", name);
}

enum entry_kind { KIND_NONE, KIND_SCRIPT, KIND_COMMAND, KIND_DIRECTORY };

/* A checksum key as written; what its suffix means depends on the entry's kind. */
struct sum_key {
	char *suffix;		/* NULL for plain "checksum" */
	char hex[SHA256_HEX_SIZE];
	int line;
};

/* One words-per-size key: args[.SIZE] or command[.SIZE]. */
struct sized_key {
	int given, line, is_command;
	struct strv words;
};

/*
 * The section being read.  A section's keys may come in any order, so what
 * depends on its kind (script, command or directory) is checked when the
 * section ends; every key keeps its line for those messages.
 */
struct section {
	char *name;
	int line;		/* of the [header] */
	enum entry_kind kind;
	int kind_line;
	char *path;		/* script or directory, absolute */
	char *description;
	struct strv tags;
	struct sized_key sized[WORKLOAD_NSIZES];
	struct sum_key *sums;
	size_t nsums;
	struct strv keys;	/* seen so far: a repeated key is an error */
	char *last_key;		/* what an indented line continues */
};

struct parse_state {
	struct workload_set *set;
	unsigned flags;
	FILE *file;
	char *dir;		/* the manifest's directory, absolute */
	const char *file_name;	/* for messages */
	int line;		/* of the line inih is handling */
	int header_line;	/* of the last [section] header read */
	int indented;		/* that line starts with blanks: inih continues a value */
	int header_pending;	/* a [header] read, no key yet (inih says nothing of empty sections) */
	char pending_name[128];
	struct section sec;
	int in_section;
	struct strv sections;	/* names already read, for duplicates */
	char message[1024];
	int error_line;
};

static int finish_section(struct parse_state *st);

/* The first failure wins; inih goes on calling the handler, which then does nothing. */
__attribute__((format(printf, 3, 4)))
static int fail(struct parse_state *st, int line, const char *fmt, ...)
{
	va_list ap;

	if (!st->message[0]) {
		va_start(ap, fmt);
		vsnprintf(st->message, sizeof(st->message), fmt, ap);
		va_end(ap);
		st->error_line = line;
	}
	return -1;
}

/*
 * inih's reader: counts lines (the handler is told none) and notices the
 * [header] and indented lines.  A line longer than inih's fixed buffer
 * would be split silently into two, so it is an error instead.
 */
static char *read_line(char *buf, int size, void *stream)
{
	struct parse_state *st = stream;
	size_t len;
	const char *p;

	if (st->message[0] || !fgets(buf, size, st->file))
		return NULL;
	st->line++;
	len = strlen(buf);
	if (len && buf[len - 1] != '\n') {
		int c = getc(st->file);

		if (c != EOF) {
			ungetc(c, st->file);
			fail(st, st->line, "line longer than %d characters (the limit of the INI reader)", size - 2);
			return NULL;
		}
	}
	st->indented = buf[0] == ' ' || buf[0] == '\t';
	for (p = buf; *p == ' ' || *p == '\t'; p++)
		;
	/* inih reads an indented "[x]" after a key as more of that key's value, not as a header. */
	if (*p == '[' && (!st->indented || st->header_pending || !st->in_section)) {
		const char *end = strchr(p, ']');

		if (st->header_pending)
			fail(st, st->header_line, "[%s]: empty section: say what to run with 'script', 'command' or "
			     "'directory'", st->pending_name);
		st->header_line = st->line;
		st->header_pending = 1;
		snprintf(st->pending_name, sizeof(st->pending_name), "%.*s", end ? (int)(end - p - 1) : 0, p + 1);
	}
	return buf;
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

/* Where the program of a command lives: a path, or a name looked up on $PATH. */
char *workload_find_program(const char *name)
{
	const char *path = getenv("PATH");
	char *dirs, *save = NULL;

	if (strchr(name, '/')) {
		if (!is_executable(name)) {
			error_set("'%s' is not an executable file", name);
			return NULL;
		}
		return xstrdup(name);
	}
	dirs = xstrdup(path && *path ? path : "/usr/local/bin:/usr/bin:/bin");
	for (char *d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
		char *candidate = path_join(*d ? d : ".", name);

		if (is_executable(candidate)) {
			free(dirs);
			return candidate;
		}
		free(candidate);
	}
	free(dirs);
	error_set("'%s' not found on PATH", name);
	return NULL;
}

/*
 * Check the placeholders of one command word: {python} is the interpreter,
 * {{ and }} are literal braces, anything else in braces is a mistake that
 * would otherwise reach the program verbatim.  Sets *python when {python}
 * occurs.
 */
static int check_placeholders(const char *word, int *python)
{
	for (const char *p = word; *p; p++) {
		if (*p == '{') {
			const char *end;

			if (p[1] == '{') {
				p++;
				continue;
			}
			end = strchr(p, '}');
			if (!end)
				return error_set("unclosed '{' in '%s' (write '{{' for a literal brace)", word);
			if (end - p - 1 != 6 || strncmp(p + 1, "python", 6))
				return error_set("unknown placeholder '%.*s' in '%s' (the only one is {python}, the "
						 "variant's interpreter; write '{{' and '}}' for literal braces)",
						 (int)(end - p + 1), p, word);
			*python = 1;
			p = end;
		} else if (*p == '}') {
			if (p[1] != '}')
				return error_set("single '}' in '%s' (write '}}' for a literal brace)", word);
			p++;
		}
	}
	return 0;
}

/* Check a command's words (more may follow on indented lines) and find its program. */
static int check_command(struct parse_state *st, struct sized_key *k, const char *key, size_t first)
{
	int python = 0;

	for (size_t i = first; i < k->words.n; i++)
		if (check_placeholders(k->words.v[i], &python) < 0)
			return fail(st, st->line, "[%s]: %s: %s", st->sec.name, key, error_message());
	if (first == 0 && k->words.n && !strstr(k->words.v[0], "{python}")) {
		/* The runner execs without a PATH search, so the program is found now. */
		char *program = workload_find_program(k->words.v[0]);

		if (!program)
			return fail(st, st->line, "[%s]: %s: %s", st->sec.name, key, error_message());
		free(k->words.v[0]);
		k->words.v[0] = program;
	}
	return 0;
}

static void section_release(struct section *s)
{
	free(s->name);
	free(s->path);
	free(s->description);
	strv_release(&s->tags);
	for (int i = 0; i < WORKLOAD_NSIZES; i++)
		strv_release(&s->sized[i].words);
	for (size_t i = 0; i < s->nsums; i++)
		free(s->sums[i].suffix);
	free(s->sums);
	strv_release(&s->keys);
	free(s->last_key);
	memset(s, 0, sizeof(*s));
}

static int start_section(struct parse_state *st, const char *name)
{
	struct section *s = &st->sec;

	if (!*name)
		return fail(st, st->line, "key before the first [workload] section");
	for (size_t i = 0; i < st->sections.n; i++)
		if (!strcmp(st->sections.v[i], name))
			return fail(st, st->header_line, "duplicate workload [%s]", name);
	strv_push(&st->sections, name);
	s->name = xstrdup(name);
	s->line = st->header_line;
	st->in_section = 1;
	return 0;
}

static int set_kind(struct parse_state *st, enum entry_kind kind, const char *key, const char *value)
{
	static const char *const keys[] = { "", "script", "command", "directory" };
	struct section *s = &st->sec;

	if (s->kind != KIND_NONE)
		return fail(st, st->line, "[%s]: both '%s' and '%s' given (an entry is one script, one command "
			    "or one directory)", s->name, keys[s->kind], key);
	s->kind = kind;
	s->kind_line = st->line;
	if (kind == KIND_COMMAND)
		return 0;
	if (!*value)
		return fail(st, st->line, "[%s]: '%s' is empty", s->name, key);
	s->path = value[0] == '/' ? xstrdup(value) : path_join(st->dir, value);
	if (kind == KIND_SCRIPT && !path_exists(s->path))
		return fail(st, st->line, "[%s]: script '%s' does not exist", s->name, s->path);
	if (kind == KIND_SCRIPT && is_dir(s->path))
		return fail(st, st->line, "[%s]: script '%s' is a directory (use 'directory =' for a directory "
			    "of scripts)", s->name, s->path);
	if (kind == KIND_DIRECTORY && !is_dir(s->path))
		return fail(st, st->line, "[%s]: directory '%s' does not exist", s->name, s->path);
	return 0;
}

/* args[.SIZE] and command[.SIZE]: which size the key is for. */
static int key_size(struct parse_state *st, const char *base, const char *suffix, enum workload_size *size)
{
	if (!suffix) {
		*size = WORKLOAD_DEFAULT;
		return 0;
	}
	if (!strcmp(suffix, "tiny") || !strcmp(suffix, "long"))
		return workload_size_parse(suffix, size);
	return fail(st, st->line, "[%s]: unknown size '%s' in '%s.%s' (sizes: tiny, long; plain '%s' is the "
		    "default size)", st->sec.name, suffix, base, suffix, base);
}

/* An indented line: inih hands it over as more of the previous key's value. */
static int continue_value(struct parse_state *st, const char *name, const char *value)
{
	struct section *s = &st->sec;
	size_t i = 0;
	char word[32];

	/* "  checksum = ..." under another key is an indented key, not more of its value. */
	while (i < sizeof(word) - 1 && (isalnum((unsigned char)value[i]) || value[i] == '.' || value[i] == '_')) {
		word[i] = value[i];
		i++;
	}
	word[i] = '\0';
	while (value[i] == ' ' || value[i] == '\t')
		i++;
	if (i && (value[i] == '=' || value[i] == ':')) {
		static const char *const keys[] = { "script", "command", "directory", "args", "checksum", "tags",
						    "description" };
		size_t base = strcspn(word, ".");

		for (size_t k = 0; k < sizeof(keys) / sizeof(*keys); k++)
			if (strlen(keys[k]) == base && !strncmp(word, keys[k], base))
				return fail(st, st->line, "[%s]: indented key '%s': keys start at the beginning of "
					    "the line (an indented line continues the previous value)", s->name, word);
	}
	if (!strcmp(name, "description")) {
		char *joined = xasprintf("%s %s", s->description, value);

		free(s->description);
		s->description = joined;
		return 0;
	}
	if (!strcmp(name, "tags"))
		return split_words(value, &s->tags) < 0 ? fail(st, st->line, "[%s]: %s", s->name, error_message()) : 0;
	if (!strncmp(name, "args", 4) || !strncmp(name, "command", 7)) {
		int is_command = name[0] == 'c';
		const char *dot = strchr(name, '.');
		enum workload_size size;
		size_t first;

		if (key_size(st, is_command ? "command" : "args", dot ? dot + 1 : NULL, &size) < 0)
			return -1;
		first = s->sized[size].words.n;
		if (split_words(value, &s->sized[size].words) < 0)
			return fail(st, st->line, "[%s]: %s", s->name, error_message());
		return is_command ? check_command(st, &s->sized[size], name, first) : 0;
	}
	return fail(st, st->line, "[%s]: '%s' does not continue on an indented line", s->name, name);
}

static int handle_key(struct parse_state *st, const char *name, const char *value)
{
	struct section *s = &st->sec;
	const char *dot = strchr(name, '.');
	size_t base_len = dot ? (size_t)(dot - name) : strlen(name);
	const char *suffix = dot ? dot + 1 : NULL;

	for (size_t i = 0; i < s->keys.n; i++)
		if (!strcmp(s->keys.v[i], name)) {
			if (st->indented && s->last_key && !strcmp(s->last_key, name))
				return continue_value(st, name, value);
			return fail(st, st->line, "[%s]: duplicate key '%s'", s->name, name);
		}
	strv_push(&s->keys, name);
	free(s->last_key);
	s->last_key = xstrdup(name);

	if (!strcmp(name, "script"))
		return set_kind(st, KIND_SCRIPT, name, value);
	if (!strcmp(name, "directory"))
		return set_kind(st, KIND_DIRECTORY, name, value);
	if (!strcmp(name, "description")) {
		s->description = xstrdup(value);
		return 0;
	}
	if (!strcmp(name, "tags"))
		return split_words(value, &s->tags) < 0 ? fail(st, st->line, "[%s]: %s", s->name, error_message()) : 0;
	if ((base_len == 4 && !strncmp(name, "args", 4)) || (base_len == 7 && !strncmp(name, "command", 7))) {
		int is_command = base_len == 7;
		enum workload_size size;
		struct sized_key *k;

		if (is_command && !suffix && set_kind(st, KIND_COMMAND, name, value) < 0)
			return -1;
		if (key_size(st, is_command ? "command" : "args", suffix, &size) < 0)
			return -1;
		k = &s->sized[size];
		if (k->given)
			return fail(st, st->line, "[%s]: both '%s' and '%s%s%s' given", s->name, name,
				    k->is_command ? "command" : "args", suffix ? "." : "", suffix ? suffix : "");
		k->given = 1;
		k->line = st->line;
		k->is_command = is_command;
		if (split_words(value, &k->words) < 0)
			return fail(st, st->line, "[%s]: %s", s->name, error_message());
		if (is_command && !k->words.n)
			return fail(st, st->line, "[%s]: '%s' is empty", s->name, name);
		return is_command ? check_command(st, k, name, 0) : 0;
	}
	if (base_len == 8 && !strncmp(name, "checksum", 8)) {
		struct sum_key *sum;

		if (!valid_checksum(value))
			return fail(st, st->line, "[%s]: %s must be 64 lowercase hex digits (sha256 of the output)",
				    s->name, name);
		s->sums = xrealloc(s->sums, (s->nsums + 1) * sizeof(*s->sums));
		sum = &s->sums[s->nsums++];
		sum->suffix = suffix ? xstrdup(suffix) : NULL;
		memcpy(sum->hex, value, SHA256_HEX_SIZE);
		sum->line = st->line;
		return 0;
	}
	return fail(st, st->line, "[%s]: unknown key '%s' (known: script, command, directory, args, args.SIZE, "
		    "checksum, checksum.SIZE, tags, description)", s->name, name);
}

static int handle(void *user, const char *section, const char *name, const char *value)
{
	struct parse_state *st = user;

	if (st->message[0])
		return 0;
	st->header_pending = 0;
	/* A new header, even with the same name as the last: [a] twice in a row is a duplicate too. */
	if (!st->in_section || strcmp(st->sec.name, section) || st->header_line != st->sec.line) {
		if (st->in_section && finish_section(st) < 0)
			return 0;
		if (start_section(st, section) < 0)
			return 0;
	}
	return handle_key(st, name, value) < 0 ? 0 : 1;
}

static int name_taken(const struct workload_set *set, const char *name)
{
	for (size_t i = 0; i < set->n; i++)
		if (!strcmp(set->items[i].name, name))
			return 1;
	return 0;
}

/* A new workload from the section, sizes still without checksums. */
static struct workload *add_workload(struct parse_state *st, const char *name, const char *script)
{
	struct section *s = &st->sec;
	struct workload_set *set = st->set;
	struct workload *w;

	if (name_taken(set, name)) {
		fail(st, s->line, "duplicate workload [%s]", name);
		return NULL;
	}
	set->items = xrealloc(set->items, (set->n + 1) * sizeof(*set->items));
	w = &set->items[set->n++];
	memset(w, 0, sizeof(*w));
	w->name = xstrdup(name);
	w->description = xstrdup(s->description ? s->description : "");
	w->origin = xasprintf("%s:%d", st->file_name, s->line);
	strv_push_all(&w->tags, s->tags.v, s->tags.n);
	if (script) {
		w->script = xstrdup(script);
		if (sha256_file(script, w->digest) < 0) {
			fail(st, s->line, "[%s]: %s", s->name, error_message());
			return NULL;
		}
	}
	/* A script without 'args' runs with none; every entry has the default size. */
	for (int i = 0; i < WORKLOAD_NSIZES; i++) {
		if (!s->sized[i].given && i != WORKLOAD_DEFAULT)
			continue;
		w->sizes[i].defined = 1;
		strv_push_all(&w->sizes[i].args, s->sized[i].words.v, s->sized[i].words.n);
	}
	return w;
}

static int missing_checksum(struct parse_state *st, const char *key, const char *script)
{
	if (st->flags & WORKLOAD_LOAD_UNCHECKED)
		return 0;
	if (!strcmp(key, "checksum") && !script)
		return fail(st, st->sec.line, "[%s] has no 'checksum' (the sha256 of its output; "
			    "`varbench workloads --check PYTHON` prints it)", st->sec.name);
	return fail(st, st->sec.line, "[%s] has no '%s'%s%s (the sha256 of its output; "
		    "`varbench workloads --check PYTHON` prints it)", st->sec.name, key,
		    script ? " for " : "", script ? script : "");
}

static int finish_single(struct parse_state *st)
{
	struct section *s = &st->sec;
	struct workload *w;

	for (size_t i = 0; i < s->nsums; i++) {
		enum workload_size size = WORKLOAD_DEFAULT;

		if (s->sums[i].suffix && (!strcmp(s->sums[i].suffix, "default") ||
					  workload_size_parse(s->sums[i].suffix, &size) < 0))
			return fail(st, s->sums[i].line, "[%s]: 'checksum.%s': write checksum, checksum.tiny or "
				    "checksum.long (one checksum per script is for directory entries)", s->name,
				    s->sums[i].suffix);
		if (size != WORKLOAD_DEFAULT && !s->sized[size].given)
			return fail(st, s->sums[i].line, "[%s]: checksum.%s but no %s.%s: give the %s size's "
				    "arguments (may be empty)", s->name, s->sums[i].suffix,
				    s->kind == KIND_COMMAND ? "command" : "args", s->sums[i].suffix, s->sums[i].suffix);
	}
	for (int i = 0; i < WORKLOAD_NSIZES; i++)
		if (s->sized[i].given && s->sized[i].is_command != (s->kind == KIND_COMMAND))
			return fail(st, s->sized[i].line, s->kind == KIND_COMMAND ?
				    "[%s]: a command entry has no 'args': its arguments are part of 'command'" :
				    "[%s]: 'command.SIZE' belongs to a command entry; a script takes 'args.SIZE'",
				    s->name);
	for (int i = 0; i < WORKLOAD_NSIZES && s->kind == KIND_COMMAND; i++) {
		int python = 0;

		/* Checked when read; run again only to see a real {python}, not an escaped {{python}}. */
		for (size_t j = 0; j < s->sized[i].words.n; j++)
			check_placeholders(s->sized[i].words.v[j], &python);
		if (s->sized[i].given && !python)
			return fail(st, s->sized[i].line, "[%s]: command%s%s never runs {python}, the variant's "
				    "interpreter, so it would measure nothing of the variant", s->name,
				    i == WORKLOAD_DEFAULT ? "" : ".", i == WORKLOAD_DEFAULT ? "" : size_names[i]);
	}
	if (!(w = add_workload(st, s->name, s->kind == KIND_SCRIPT ? s->path : NULL)))
		return -1;
	for (size_t i = 0; i < s->nsums; i++) {
		enum workload_size size = WORKLOAD_DEFAULT;

		if (s->sums[i].suffix)
			workload_size_parse(s->sums[i].suffix, &size);
		memcpy(w->sizes[size].checksum, s->sums[i].hex, SHA256_HEX_SIZE);
	}
	for (int i = 0; i < WORKLOAD_NSIZES; i++) {
		char key[32];

		if (!w->sizes[i].defined || w->sizes[i].checksum[0])
			continue;
		snprintf(key, sizeof(key), i == WORKLOAD_DEFAULT ? "checksum" : "checksum.%s", size_names[i]);
		if (missing_checksum(st, key, NULL) < 0)
			return -1;
	}
	return workload_use_size(w, WORKLOAD_DEFAULT) < 0 ? fail(st, s->line, "%s", error_message()) : 0;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The scripts of a directory entry: *.py, sorted, without _private and .hidden ones. */
static int list_scripts(const char *dir, struct strv *stems)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return error_set("cannot read directory '%s'", dir);
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		char *path;

		if (len <= 3 || strcmp(e->d_name + len - 3, ".py") || e->d_name[0] == '_' || e->d_name[0] == '.')
			continue;
		path = path_join(dir, e->d_name);
		if (!is_dir(path))
			strv_pushf(stems, "%.*s", (int)(len - 3), e->d_name);
		free(path);
	}
	closedir(d);
	if (stems->n)
		qsort(stems->v, stems->n, sizeof(*stems->v), compare_names);
	return 0;
}

/* checksum.STEM or checksum.STEM.SIZE: which script and size a directory checksum is for. */
static int directory_sum(const char *suffix, const struct strv *stems, size_t *stem, enum workload_size *size)
{
	size_t len = strlen(suffix);

	*size = WORKLOAD_DEFAULT;
	for (int pass = 0; pass < 2; pass++) {
		size_t n = len;

		if (pass) {
			const char *dot = strrchr(suffix, '.');

			if (!dot || workload_size_parse(dot + 1, size) < 0)
				break;
			n = (size_t)(dot - suffix);
		}
		for (size_t i = 0; i < stems->n; i++)
			if (strlen(stems->v[i]) == n && !strncmp(stems->v[i], suffix, n)) {
				*stem = i;
				return 0;
			}
	}
	return -1;
}

static int finish_directory(struct parse_state *st)
{
	struct section *s = &st->sec;
	struct strv stems = STRV_INIT;
	size_t first = st->set->n;
	int ret = -1;

	for (int i = 0; i < WORKLOAD_NSIZES; i++)
		if (s->sized[i].given && s->sized[i].is_command) {
			fail(st, s->sized[i].line, "[%s]: 'command.SIZE' belongs to a command entry; a directory "
			     "takes 'args.SIZE'", s->name);
			goto out;
		}
	if (list_scripts(s->path, &stems) < 0) {
		fail(st, s->kind_line, "[%s]: %s", s->name, error_message());
		goto out;
	}
	if (!stems.n) {
		fail(st, s->kind_line, "[%s]: no *.py scripts in '%s'", s->name, s->path);
		goto out;
	}
	for (size_t i = 0; i < stems.n; i++) {
		char *name = xasprintf("%s.%s", s->name, stems.v[i]);
		char *file = xasprintf("%s.py", stems.v[i]);
		char *script = path_join(s->path, file);
		struct workload *w = add_workload(st, name, script);

		if (w)
			w->stem = xstrdup(stems.v[i]);
		free(name);
		free(file);
		free(script);
		if (!w)
			goto out;
	}
	for (size_t i = 0; i < s->nsums; i++) {
		const struct sum_key *k = &s->sums[i];
		enum workload_size size;
		size_t stem;

		if (!k->suffix) {
			fail(st, k->line, "[%s]: a directory entry takes one checksum per script: checksum.NAME "
			     "for NAME.py (checksum.NAME.tiny for its tiny size)", s->name);
			goto out;
		}
		if (directory_sum(k->suffix, &stems, &stem, &size) < 0) {
			fail(st, k->line, "[%s]: checksum.%s: no such script in '%s'", s->name, k->suffix, s->path);
			goto out;
		}
		if (!st->set->items[first + stem].sizes[size].defined) {
			fail(st, k->line, "[%s]: checksum.%s but no args.%s: give the %s size's arguments (may be "
			     "empty)", s->name, k->suffix, size_names[size], size_names[size]);
			goto out;
		}
		memcpy(st->set->items[first + stem].sizes[size].checksum, k->hex, SHA256_HEX_SIZE);
	}
	for (size_t i = 0; i < stems.n; i++) {
		struct workload *w = &st->set->items[first + i];

		for (int z = 0; z < WORKLOAD_NSIZES; z++) {
			char *key, *file;
			int bad;

			if (!w->sizes[z].defined || w->sizes[z].checksum[0])
				continue;
			key = z == WORKLOAD_DEFAULT ? xasprintf("checksum.%s", stems.v[i])
						    : xasprintf("checksum.%s.%s", stems.v[i], size_names[z]);
			file = xasprintf("%s.py", stems.v[i]);
			bad = missing_checksum(st, key, file) < 0;
			free(key);
			free(file);
			if (bad)
				goto out;
		}
		workload_use_size(w, WORKLOAD_DEFAULT);
	}
	ret = 0;
out:
	strv_release(&stems);
	return ret;
}

static int finish_section(struct parse_state *st)
{
	struct section *s = &st->sec;
	int ret;

	if (s->kind == KIND_NONE)
		ret = fail(st, s->line, "[%s]: no 'script', 'command' or 'directory': say what to run", s->name);
	else if (s->kind == KIND_DIRECTORY)
		ret = finish_directory(st);
	else
		ret = finish_single(st);
	section_release(s);
	st->in_section = 0;
	return ret;
}

int workload_set_load(const char *manifest, struct workload_set *set)
{
	return workload_set_load_flags(manifest, 0, set);
}

int workload_set_load_flags(const char *manifest, unsigned flags, struct workload_set *set)
{
	struct parse_state st = { .set = set, .flags = flags, .file_name = manifest };
	const char *slash = strrchr(manifest, '/');
	char *dir;
	int line;

	memset(set, 0, sizeof(*set));
	set->manifest = xstrdup(manifest);
	/* Scripts are given relative to the manifest; the runner needs paths that work from anywhere. */
	dir = slash ? xasprintf("%.*s", (int)(slash - manifest), manifest) : xstrdup(".");
	st.dir = absolute_path(*dir ? dir : "/");
	free(dir);
	st.file = st.dir ? fopen(manifest, "r") : NULL;
	if (!st.file) {
		error_set("cannot read workload manifest '%s'", manifest);
		goto fail;
	}
	line = ini_parse_stream(read_line, &st, handle, &st);
	if (!st.message[0] && st.header_pending)
		fail(&st, st.header_line, "[%s]: empty section: say what to run with 'script', 'command' or "
		     "'directory'", st.pending_name);
	if (!st.message[0] && st.in_section)
		finish_section(&st);
	/* inih goes on after a syntax error; report whichever error comes first in the file. */
	if (st.message[0] && !(line > 0 && line < st.error_line)) {
		error_set("%s:%d: %s", manifest, st.error_line, st.message);
		goto fail;
	}
	if (line) {
		error_set("%s:%d: expected '[workload]' or 'key = value'", manifest, line);
		goto fail;
	}
	if (!set->n) {
		error_set("%s: no workloads defined", manifest);
		goto fail;
	}
	fclose(st.file);
	free(st.dir);
	strv_release(&st.sections);
	return 0;
fail:
	if (st.file)
		fclose(st.file);
	free(st.dir);
	section_release(&st.sec);
	strv_release(&st.sections);
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

static int has_tag(const struct workload *w, const char *tag)
{
	for (size_t i = 0; i < w->tags.n; i++)
		if (!strcmp(w->tags.v[i], tag))
			return 1;
	return 0;
}

static int unknown_tag(const struct workload_set *set, const char *tag)
{
	struct strv known = STRV_INIT;
	char *list;

	for (size_t i = 0; i < set->n; i++)
		for (size_t j = 0; j < set->items[i].tags.n; j++) {
			size_t k = 0;

			while (k < known.n && strcmp(known.v[k], set->items[i].tags.v[j]))
				k++;
			if (k == known.n)
				strv_push(&known, set->items[i].tags.v[j]);
		}
	if (known.n)
		qsort(known.v, known.n, sizeof(*known.v), compare_names);
	list = known.n ? strv_join(&known, ", ") : xstrdup("none");
	error_set("unknown tag '%s' (tags in %s: %s)", tag, set->manifest, list);
	free(list);
	strv_release(&known);
	return -1;
}

static char *size_list(const struct workload *w)
{
	struct strv names = STRV_INIT;
	char *list;
	static const enum workload_size order[] = { WORKLOAD_TINY, WORKLOAD_DEFAULT, WORKLOAD_LONG };

	for (size_t i = 0; i < 3; i++)
		if (w->sizes[order[i]].defined)
			strv_push(&names, size_names[order[i]]);
	list = strv_join(&names, ", ");
	strv_release(&names);
	return list;
}

int workload_use_size(struct workload *w, enum workload_size size)
{
	const struct workload_sizing *z;

	if ((unsigned)size >= WORKLOAD_NSIZES || !w->sizes[size].defined) {
		char *list = size_list(w);

		error_set("workload '%s' has no size '%s' (its sizes: %s)", w->name, workload_size_name(size), list);
		free(list);
		return -1;
	}
	z = &w->sizes[size];
	w->size = size;
	strv_release(&w->args);
	strv_push_all(&w->args, z->args.v, z->args.n);
	memcpy(w->checksum, z->checksum, SHA256_HEX_SIZE);
	if (!w->script) {
		/* A command is pinned by its text: change a word and it is another workload. */
		struct sha256 h;

		sha256_init(&h);
		for (size_t i = 0; i < w->args.n; i++)
			sha256_update_str(&h, w->args.v[i]);
		sha256_final_hex(&h, w->digest);
	}
	return 0;
}

int workload_set_select(struct workload_set *set, const struct strv *names, const char *const *tags,
			size_t ntags, enum workload_size size, const struct workload ***out, size_t *n,
			struct strv *skipped)
{
	unsigned char *how = xcalloc(set->n ? set->n : 1, 1);	/* 1: named, 2: by tag or by default */
	size_t *order = xcalloc(set->n ? set->n : 1, sizeof(*order)), count = 0, kept = 0;
	const struct workload **chosen = NULL;
	int ret = -1;

	*out = NULL;
	*n = 0;
	for (size_t t = 0; t < ntags; t++) {
		size_t i = 0;

		while (i < set->n && !has_tag(&set->items[i], tags[t]))
			i++;
		if (i == set->n) {
			unknown_tag(set, tags[t]);
			goto out;
		}
	}
	for (size_t k = 0; names && k < names->n; k++) {
		const struct workload *w = workload_set_find(set, names->v[k]);
		size_t i;

		if (!w)
			goto out;
		i = (size_t)(w - set->items);
		if (how[i]) {
			error_set("workload '%s' is given twice", w->name);
			goto out;
		}
		how[i] = 1;
		order[count++] = i;
	}
	for (size_t i = 0; i < set->n; i++) {
		int pick = !ntags && !(names && names->n);

		for (size_t t = 0; t < ntags && !pick; t++)
			pick = has_tag(&set->items[i], tags[t]);
		if (pick && !how[i]) {
			how[i] = 2;
			order[count++] = i;
		}
	}
	chosen = xcalloc(count ? count : 1, sizeof(*chosen));
	for (size_t k = 0; k < count; k++) {
		struct workload *w = &set->items[order[k]];

		if (!w->sizes[size].defined && how[order[k]] == 2) {
			/* Users' collections need not define every size; say what was left out. */
			if (skipped)
				strv_push(skipped, w->name);
			continue;
		}
		if (workload_use_size(w, size) < 0)
			goto out;
		chosen[kept++] = w;
	}
	if (!kept) {
		error_set(count ? "no selected workload has the size '%s'" : "no workloads selected",
			  workload_size_name(size));
		goto out;
	}
	*out = chosen;
	*n = kept;
	chosen = NULL;
	ret = 0;
out:
	free(chosen);
	free(how);
	free(order);
	return ret;
}

/* One command word with {python} replaced and {{ }} unescaped (checked at load). */
static char *expand_word(const char *word, const char *python)
{
	size_t cap = strlen(word) + 1, len = 0;
	char *out;

	for (const char *p = strstr(word, "{python}"); p; p = strstr(p + 8, "{python}"))
		cap += strlen(python);
	out = xmalloc(cap);
	for (const char *p = word; *p; p++) {
		if (!strncmp(p, "{python}", 8)) {
			memcpy(out + len, python, strlen(python));
			len += strlen(python);
			p += 7;
		} else {
			out[len++] = *p;
			if ((*p == '{' || *p == '}') && p[1] == *p)
				p++;
		}
	}
	out[len] = '\0';
	return out;
}

void workload_argv(const struct workload *w, const char *python, char *const *pyargs, size_t npyargs,
		   struct strv *argv)
{
	if (w->script) {
		strv_push(argv, python);
		strv_push_all(argv, pyargs, npyargs);
		strv_push(argv, w->script);
		strv_push_all(argv, w->args.v, w->args.n);
		return;
	}
	for (size_t i = 0; i < w->args.n; i++) {
		char *word;

		if (!strcmp(w->args.v[i], "{python}")) {
			strv_push(argv, python);
			strv_push_all(argv, pyargs, npyargs);
			continue;
		}
		word = expand_word(w->args.v[i], python);
		strv_push(argv, word);
		free(word);
	}
}

int workload_takes_python_args(const struct workload *w)
{
	if (w->script)
		return 1;
	for (size_t i = 0; i < w->args.n; i++)
		if (!strcmp(w->args.v[i], "{python}"))
			return 1;
	return 0;
}

void workload_set_release(struct workload_set *set)
{
	for (size_t i = 0; i < set->n; i++) {
		struct workload *w = &set->items[i];

		free(w->name);
		free(w->description);
		free(w->script);
		free(w->origin);
		free(w->stem);
		strv_release(&w->args);
		strv_release(&w->tags);
		for (int z = 0; z < WORKLOAD_NSIZES; z++)
			strv_release(&w->sizes[z].args);
	}
	free(set->items);
	free(set->manifest);
	memset(set, 0, sizeof(*set));
}
