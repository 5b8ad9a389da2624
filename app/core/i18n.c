/* i18n.c: gettext .po catalogs, loaded once at start, read-only afterwards */
#include "i18n.h"
#include "log.h"
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const i18n_langs[] = { "en", "bn", NULL };

typedef struct entry {
	char *msgid, *msgstr;
	struct entry *next;
} entry;

#define BUCKETS 2048

typedef struct catalog {
	const char *lang;
	entry *table[BUCKETS];
} catalog;

static catalog catalogs[4];
static int ncatalogs;

static unsigned long hash(const char *s)
{
	unsigned long h = 5381;
	for (; *s; s++)
		h = h * 33 + (unsigned char)*s;
	return h;
}

/* Appends the C-escaped contents of a quoted .po string to out. */
static bool append_quoted(const char *line, char **out, size_t *len)
{
	const char *p = strchr(line, '"');
	if (!p)
		return false;
	p++;
	size_t cap = *len + strlen(p) + 1;
	char *s = realloc(*out, cap);
	if (!s)
		die("out of memory");
	*out = s;
	while (*p && *p != '"') {
		char c = *p++;
		if (c == '\\') {
			char e = *p++;
			switch (e) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case '"': c = '"'; break;
			case '\\': c = '\\'; break;
			default: return false;
			}
		}
		s[(*len)++] = c;
	}
	s[*len] = '\0';
	return *p == '"';
}

bool po_parse(const char *path,
	      void (*cb)(void *ctx, const char *msgid, const char *msgstr, bool fuzzy), void *ctx)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	char line[8192];
	char *msgid = NULL, *msgstr = NULL;
	size_t idlen = 0, strlen_ = 0;
	enum { NONE, ID, STR } state = NONE;
	bool fuzzy = false, next_fuzzy = false, ok = true;
	int lineno = 0;
#define FLUSH() do { \
		if (msgid && msgstr) cb(ctx, msgid, msgstr, fuzzy); \
		free(msgid); free(msgstr); msgid = msgstr = NULL; idlen = strlen_ = 0; \
	} while (0)
	while (fgets(line, sizeof line, f)) {
		lineno++;
		char *l = line;
		while (isspace((unsigned char)*l))
			l++;
		if (*l == '#') {
			if (l[1] == ',' && strstr(l, "fuzzy"))
				next_fuzzy = true;
			continue;
		}
		if (*l == '\0')
			continue;
		if (strncmp(l, "msgid ", 6) == 0) {
			FLUSH();
			fuzzy = next_fuzzy;
			next_fuzzy = false;
			msgid = calloc(1, 1);
			state = ID;
			if (!append_quoted(l + 6, &msgid, &idlen))
				ok = false;
		} else if (strncmp(l, "msgstr ", 7) == 0) {
			msgstr = calloc(1, 1);
			state = STR;
			if (!append_quoted(l + 7, &msgstr, &strlen_))
				ok = false;
		} else if (*l == '"') {
			if (state == ID)
				ok = ok && append_quoted(l, &msgid, &idlen);
			else if (state == STR)
				ok = ok && append_quoted(l, &msgstr, &strlen_);
			else
				ok = false;
		} else if (strncmp(l, "msgctxt", 7) == 0 || strncmp(l, "msgid_plural", 12) == 0) {
			ok = false; /* not used by this project: refuse rather than misread */
		} else {
			ok = false;
		}
		if (!ok) {
			log_error("%s:%d: cannot parse .po line", path, lineno);
			break;
		}
	}
	FLUSH();
#undef FLUSH
	fclose(f);
	return ok;
}

static void add_entry(void *ctx, const char *msgid, const char *msgstr, bool fuzzy)
{
	catalog *c = ctx;
	if (fuzzy || !*msgid || !*msgstr)
		return; /* the header, untranslated and fuzzy entries fall back to English */
	entry *e = malloc(sizeof *e);
	if (!e)
		die("out of memory");
	e->msgid = strdup(msgid);
	e->msgstr = strdup(msgstr);
	unsigned long h = hash(msgid) % BUCKETS;
	e->next = c->table[h];
	c->table[h] = e;
}

/* Each language is a folder of .po files (one per feature: core.po, help.po, ...),
 * so features keep their messages apart and translators' tools still work per file. */
bool i18n_init(const char *locale_dir)
{
	for (int i = 1; i18n_langs[i]; i++) {
		char dir[4096];
		snprintf(dir, sizeof dir, "%s/%s", locale_dir, i18n_langs[i]);
		catalog *c = &catalogs[ncatalogs++];
		c->lang = i18n_langs[i];
		DIR *d = opendir(dir);
		if (!d) {
			log_error("cannot open message catalog folder %s", dir);
			return false;
		}
		struct dirent *e;
		bool ok = true;
		while (ok && (e = readdir(d))) {
			size_t n = strlen(e->d_name);
			if (n < 4 || strcmp(e->d_name + n - 3, ".po") != 0)
				continue;
			char path[8192];
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			if (!po_parse(path, add_entry, c)) {
				log_error("cannot load message catalog %s", path);
				ok = false;
			}
		}
		closedir(d);
		if (!ok)
			return false;
	}
	return true;
}

void i18n_free(void)
{
	for (int i = 0; i < ncatalogs; i++) {
		for (int b = 0; b < BUCKETS; b++) {
			entry *e = catalogs[i].table[b];
			while (e) {
				entry *n = e->next;
				free(e->msgid);
				free(e->msgstr);
				free(e);
				e = n;
			}
			catalogs[i].table[b] = NULL;
		}
	}
	ncatalogs = 0;
}

const char *i18n_lookup(const char *lang, const char *msgid)
{
	for (int i = 0; i < ncatalogs; i++) {
		if (strcmp(catalogs[i].lang, lang) != 0)
			continue;
		for (entry *e = catalogs[i].table[hash(msgid) % BUCKETS]; e; e = e->next)
			if (strcmp(e->msgid, msgid) == 0)
				return e->msgstr;
	}
	return msgid;
}

bool i18n_supported(const char *lang)
{
	if (!lang)
		return false;
	for (int i = 0; i18n_langs[i]; i++)
		if (strcmp(i18n_langs[i], lang) == 0)
			return true;
	return false;
}

/* Picks the supported language with the highest q in an Accept-Language header. */
static const char *from_accept_language(const char *h)
{
	const char *best = NULL;
	double best_q = 0;
	while (h && *h) {
		while (*h == ' ' || *h == ',')
			h++;
		const char *tag = h;
		while (*h && *h != ',' && *h != ';' && *h != ' ')
			h++;
		size_t taglen = (size_t)(h - tag);
		double q = 1.0;
		while (*h && *h != ',') {
			if (*h == 'q' && h[1] == '=')
				q = strtod(h + 2, NULL);
			h++;
		}
		for (int i = 0; i18n_langs[i]; i++) {
			size_t n = strlen(i18n_langs[i]);
			if (taglen >= n && strncasecmp(tag, i18n_langs[i], n) == 0 &&
			    (taglen == n || tag[n] == '-') && q > best_q) {
				best = i18n_langs[i];
				best_q = q;
			}
		}
	}
	return best;
}

const char *i18n_negotiate(const char *account_lang, const char *cookie_lang,
			   const char *accept_language)
{
	for (int i = 0; i18n_langs[i]; i++) {
		if (account_lang && strcmp(account_lang, i18n_langs[i]) == 0)
			return i18n_langs[i];
	}
	for (int i = 0; i18n_langs[i]; i++) {
		if (cookie_lang && strcmp(cookie_lang, i18n_langs[i]) == 0)
			return i18n_langs[i];
	}
	const char *l = from_accept_language(accept_language);
	return l ? l : I18N_DEFAULT_LANG;
}
