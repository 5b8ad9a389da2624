/* help.c: the help center's reading side: categories, articles, search, suggestions, votes,
 * and anonymous events (views, searches, clicks) */
#include "help.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The text search configuration of a translation: Bengali has no stemmer in PostgreSQL. */
#define CFG(lang) "(CASE WHEN " lang " = 'bn' THEN 'simple'::regconfig ELSE 'english'::regconfig END)"

/* ---- categories ---- */

#define CATEGORY_COLS \
	"c.id, c.slug, ct.title, ct.description, c.position," \
	" (SELECT count(*) FROM help_articles a WHERE a.category_id = c.id AND a.status = 'published')"
#define CATEGORY_TEXT \
	" LEFT JOIN LATERAL (SELECT title, description FROM help_category_texts t" \
	"  WHERE t.category_id = c.id ORDER BY (t.lang = $1) DESC LIMIT 1) ct ON true"

static void category_row(arena *a, PGresult *res, int i, void *item)
{
	help_category *c = item;
	memset(c, 0, sizeof *c);
	c->id = db_i64(res, i, 0);
	c->slug = db_str(a, res, i, 1);
	c->title = db_str(a, res, i, 2);
	c->description = db_str(a, res, i, 3);
	if (!c->title)
		c->title = c->slug;
	if (!c->description)
		c->description = "";
	c->position = (int)db_i64(res, i, 4);
	c->articles = (int)db_i64(res, i, 5);
}

static const stmt categories_list = {
	"SELECT " CATEGORY_COLS " FROM help_categories c" CATEGORY_TEXT " ORDER BY c.position, c.id"
};

int help_categories_list(db *d, arena *a, const char *lang, help_category **out)
{
	const char *p[] = { lang };
	int n;
	*out = db_rows(d, a, &categories_list, 1, p, sizeof **out, category_row, &n);
	return n;
}

static const stmt category_by_slug = {
	"SELECT " CATEGORY_COLS " FROM help_categories c" CATEGORY_TEXT " WHERE c.slug = $2"
};

bool help_category_by_slug(db *d, arena *a, const char *slug, const char *lang, help_category *out)
{
	const char *p[] = { lang, slug };
	PGresult *res = db_run(d, &category_by_slug, 2, p);
	if (!res)
		return false;
	bool found = PQntuples(res) == 1;
	if (found)
		category_row(a, res, 0, out);
	PQclear(res);
	return found;
}

/* ---- article lists: id, slug, title and its language (the viewer's, else the other) ---- */

#define LIST_COLS "a.id, a.slug, t.title, t.lang, a.views, a.category_id"
#define LIST_TEXT \
	" CROSS JOIN LATERAL (SELECT title, lang FROM help_translations t WHERE t.article_id = a.id" \
	"  ORDER BY (t.lang = $1) DESC LIMIT 1) t"

static void article_row(arena *a, PGresult *res, int i, void *item)
{
	help_article *x = item;
	x->id = db_i64(res, i, 0);
	x->slug = db_str(a, res, i, 1);
	x->title = db_str(a, res, i, 2);
	x->lang = db_str(a, res, i, 3);
	x->views = db_i64(res, i, 4);
	x->category_id = db_i64(res, i, 5);
}

static int article_list(arena *a, PGresult *res, help_article **out)
{
	int n;
	*out = db_rows_of(a, res, sizeof **out, article_row, &n);
	return n;
}

static const stmt category_articles = {
	"SELECT " LIST_COLS " FROM help_articles a" LIST_TEXT
	" WHERE a.category_id = $2 AND a.status = 'published' ORDER BY a.views DESC, t.title"
};

int help_category_articles(db *d, arena *a, int64_t category_id, const char *lang,
			   help_article **out)
{
	const char *p[] = { lang, db_id(a, category_id) };
	return article_list(a, db_run(d, &category_articles, 2, p), out);
}

static const stmt popular = {
	"SELECT " LIST_COLS " FROM help_articles a" LIST_TEXT
	" WHERE a.status = 'published' ORDER BY a.views DESC, a.id LIMIT $2"
};

int help_popular(db *d, arena *a, const char *lang, int limit, help_article **out)
{
	const char *p[] = { lang, db_id(a, limit) };
	return article_list(a, db_run(d, &popular, 2, p), out);
}

static const stmt related = {
	"SELECT " LIST_COLS " FROM help_articles a" LIST_TEXT
	" WHERE a.status = 'published' AND a.category_id = $2 AND a.id <> $3"
	" ORDER BY a.views DESC, a.id LIMIT $4"
};

int help_related(db *d, arena *a, const help_article *art, const char *lang, int limit,
		 help_article **out)
{
	const char *p[] = { lang, db_id(a, art->category_id), db_id(a, art->id), db_id(a, limit) };
	return article_list(a, db_run(d, &related, 4, p), out);
}

/* ---- one article ---- */

static const stmt article_by_slug = {
	"SELECT a.id, a.category_id, a.slug, a.status, c.slug, ct.title, t.lang, t.title, t.body_html,"
	" to_char(t.updated_at AT TIME ZONE $3, 'YYYY-MM-DD HH24:MI'),"
	" EXISTS (SELECT 1 FROM help_translations x WHERE x.article_id = a.id AND x.lang = 'en'),"
	" EXISTS (SELECT 1 FROM help_translations x WHERE x.article_id = a.id AND x.lang = 'bn'),"
	" a.views"
	" FROM help_articles a JOIN help_categories c ON c.id = a.category_id"
	" CROSS JOIN LATERAL (SELECT lang, title, body_html, updated_at FROM help_translations t"
	"  WHERE t.article_id = a.id ORDER BY (t.lang = $2) DESC LIMIT 1) t"
	" LEFT JOIN LATERAL (SELECT title FROM help_category_texts x WHERE x.category_id = c.id"
	"  ORDER BY (x.lang = $2) DESC LIMIT 1) ct ON true"
	" WHERE a.slug = $1 AND a.status = 'published'"
};

bool help_article_by_slug(db *d, arena *a, const char *slug, const char *lang, const char *tz,
			  help_article *out)
{
	const char *p[] = { slug, lang, tz };
	PGresult *res = db_run(d, &article_by_slug, 3, p);
	if (!res)
		return false;
	bool found = PQntuples(res) == 1;
	if (found) {
		memset(out, 0, sizeof *out);
		out->id = db_i64(res, 0, 0);
		out->category_id = db_i64(res, 0, 1);
		out->slug = db_str(a, res, 0, 2);
		out->status = db_str(a, res, 0, 3);
		out->category_slug = db_str(a, res, 0, 4);
		out->category_title = db_str(a, res, 0, 5);
		if (!out->category_title)
			out->category_title = out->category_slug;
		out->lang = db_str(a, res, 0, 6);
		out->title = db_str(a, res, 0, 7);
		out->body_html = db_str(a, res, 0, 8);
		out->updated_at = db_str(a, res, 0, 9);
		out->has_en = db_bool(res, 0, 10);
		out->has_bn = db_bool(res, 0, 11);
		out->views = db_i64(res, 0, 12);
	}
	PQclear(res);
	return found;
}

/* ---- search ----
 * Candidates: translations whose tsvector matches the query (English stemmed, Bengali as
 * written), or whose title is similar by trigrams to the query (typos). One translation per
 * article, the viewer's language first; ranked by cover density plus title similarity. */
static const stmt search = {
	"WITH q AS (SELECT websearch_to_tsquery('english', $1) AS e, websearch_to_tsquery('simple', $1) AS s),"
	" m AS (SELECT DISTINCT ON (t.article_id) t.article_id, t.lang, t.title, t.body_text,"
	"   CASE WHEN t.lang = 'bn' THEN q.s ELSE q.e END AS tq,"
	"   ts_rank_cd(t.tsv, CASE WHEN t.lang = 'bn' THEN q.s ELSE q.e END) + word_similarity($1, t.title) AS rank"
	"  FROM q, help_translations t JOIN help_articles a ON a.id = t.article_id AND a.status = 'published'"
	"  WHERE (t.lang = 'en' AND t.tsv @@ q.e) OR (t.lang = 'bn' AND t.tsv @@ q.s) OR $1 <% t.title"
	"  ORDER BY t.article_id, (t.lang = $2) DESC, rank DESC)"
	" SELECT m.article_id, a.slug, m.title, m.lang,"
	"  ts_headline(" CFG("m.lang") ", m.body_text, m.tq,"
	"   'MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \","
	"    StartSel=\"" HELP_HL_ON "\", StopSel=\"" HELP_HL_OFF "\"')"
	" FROM (SELECT * FROM m ORDER BY rank DESC, article_id LIMIT $3) m"
	" JOIN help_articles a ON a.id = m.article_id ORDER BY m.rank DESC, m.article_id"
};

/* The words of the query, misspelt ones (unknown, three letters or more) replaced by the
 * nearest word of the articles: ($1) the words joined by spaces, ($2) joined by " or ". */
#define WORD_SPLIT "'[[:space:]!-/:-@[-`{-~।॥]+'"
static const stmt correct = {
	"WITH w AS (SELECT w, n FROM regexp_split_to_table(lower($1), " WORD_SPLIT ") WITH ORDINALITY AS x(w, n)"
	"  WHERE w <> '' AND n <= 12),"
	" c AS (SELECT n, CASE WHEN char_length(w) < 3 OR EXISTS (SELECT 1 FROM help_words h WHERE h.word = w.w)"
	"   THEN w ELSE coalesce((SELECT h.word FROM help_words h WHERE h.word % w.w"
	"    ORDER BY h.word <-> w.w LIMIT 1), w) END AS w FROM w)"
	" SELECT string_agg(w, ' ' ORDER BY n), string_agg(w, ' or ' ORDER BY n) FROM c"
};

static const stmt query_words = {
	"SELECT string_agg(w, ' ' ORDER BY n) FROM regexp_split_to_table(lower($1), " WORD_SPLIT ")"
	" WITH ORDINALITY AS x(w, n) WHERE w <> '' AND n <= 12"
};

static void run_search_row(arena *a, PGresult *res, int i, void *item)
{
	help_hit *h = item;
	h->id = db_i64(res, i, 0);
	h->slug = db_str(a, res, i, 1);
	h->title = db_str(a, res, i, 2);
	h->lang = db_str(a, res, i, 3);
	h->snippet = db_str(a, res, i, 4);
}

static int run_search(db *d, arena *a, const char *q, const char *lang, int limit, help_hit **out)
{
	const char *p[] = { q, lang, db_id(a, limit) };
	int n;
	*out = db_rows(d, a, &search, 3, p, sizeof **out, run_search_row, &n);
	return n;
}

static int search_uncached(db *d, arena *a, const char *q, const char *lang, int limit,
			   help_hit **out, const char **corrected)
{
	*corrected = NULL;
	*out = NULL;
	if (!*q)
		return 0;
	int n = run_search(d, a, q, lang, limit, out);
	if (n != 0)
		return n;
	/* Nothing: correct misspelt words, and accept articles with any of the words. */
	const char *p[] = { q };
	PGresult *res = db_run(d, &correct, 1, p);
	if (!res)
		return -1;
	char *words = db_str(a, res, 0, 0), *any = db_str(a, res, 0, 1);
	PQclear(res);
	if (!words || !any)
		return 0;
	n = run_search(d, a, any, lang, limit, out);
	if (n > 0) {
		/* say "results for ..." only when a word was changed */
		PGresult *r2 = db_run(d, &query_words, 1, p);
		char *lower_words = NULL;
		if (r2) {
			lower_words = db_str(a, r2, 0, 0);
			PQclear(r2);
		}
		if (!lower_words || strcmp(lower_words, words) != 0)
			*corrected = words;
	}
	return n;
}

/* ---- a per-thread cache of search results ----
 * The same few queries are asked again and again, and each costs a millisecond of database
 * time. Every thread keeps its own small cache (no shared mutable state, no locks), valid as long
 * as no article changed: the newest help_articles.updated_at (bumped by every save and status
 * change) is read at most once a second per thread, so an edit shows in search within a second
 * on every host. */
#define CACHE_SLOTS 64

typedef struct cached_search {
	char *key;          /* lang, limit and query */
	char *corrected;
	help_hit *hits;
	int n;
	unsigned long long used;
} cached_search;

typedef struct search_cache {
	char *generation;
	struct timespec checked;
	unsigned long long clock;
	cached_search slot[CACHE_SLOTS];
} search_cache;

static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;

static void slot_clear(cached_search *c)
{
	for (int i = 0; i < c->n; i++) {
		free((char *)c->hits[i].slug);
		free((char *)c->hits[i].title);
		free((char *)c->hits[i].snippet);
		free((char *)c->hits[i].lang);
	}
	free(c->hits);
	free(c->key);
	free(c->corrected);
	memset(c, 0, sizeof *c);
}

static void cache_free(void *p)
{
	search_cache *c = p;
	for (int i = 0; i < CACHE_SLOTS; i++)
		slot_clear(&c->slot[i]);
	free(c->generation);
	free(c);
}

static void cache_key_create(void)
{
	pthread_key_create(&cache_key, cache_free);
}

static char *xstrdup(const char *s)
{
	char *d = strdup(s ? s : "");
	if (!d)
		abort();
	return d;
}

static const stmt generation = {
	"SELECT coalesce(max(updated_at)::text, '') || '/' || count(*) FROM help_articles"
};

/* The thread's cache, emptied when an article changed; NULL when it cannot be checked. */
static search_cache *cache_get(db *d, arena *a)
{
	pthread_once(&cache_once, cache_key_create);
	search_cache *c = pthread_getspecific(cache_key);
	if (!c) {
		c = calloc(1, sizeof *c);
		if (!c)
			abort();
		pthread_setspecific(cache_key, c);
	}
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (c->generation && now.tv_sec == c->checked.tv_sec)
		return c;
	PGresult *res = db_run(d, &generation, 0, NULL);
	if (!res)
		return NULL;
	char *gen = db_str(a, res, 0, 0);
	PQclear(res);
	if (!gen)
		return NULL;
	if (!c->generation || strcmp(c->generation, gen) != 0) {
		for (int i = 0; i < CACHE_SLOTS; i++)
			slot_clear(&c->slot[i]);
		free(c->generation);
		c->generation = xstrdup(gen);
	}
	c->checked = now;
	return c;
}

int help_search(db *d, arena *a, const char *q, const char *lang, int limit, help_hit **out,
		const char **corrected)
{
	*corrected = NULL;
	*out = NULL;
	if (!*q)
		return 0;
	search_cache *c = cache_get(d, a);
	if (!c)
		return search_uncached(d, a, q, lang, limit, out, corrected);
	const char *key = arena_printf(a, "%s %d %s", lang, limit, q);
	c->clock++;
	for (int i = 0; i < CACHE_SLOTS; i++) {
		cached_search *e = &c->slot[i];
		if (!e->key || strcmp(e->key, key) != 0)
			continue;
		e->used = c->clock;
		*out = arena_calloc(a, sizeof **out * (size_t)(e->n + 1));
		for (int k = 0; k < e->n; k++) {
			help_hit *h = &(*out)[k];
			h->id = e->hits[k].id;
			h->slug = arena_strdup(a, e->hits[k].slug);
			h->title = arena_strdup(a, e->hits[k].title);
			h->snippet = arena_strdup(a, e->hits[k].snippet);
			h->lang = arena_strdup(a, e->hits[k].lang);
		}
		*corrected = e->corrected ? arena_strdup(a, e->corrected) : NULL;
		return e->n;
	}
	int n = search_uncached(d, a, q, lang, limit, out, corrected);
	if (n < 0)
		return n;
	cached_search *victim = &c->slot[0];
	for (int i = 1; i < CACHE_SLOTS; i++)
		if (c->slot[i].used < victim->used)
			victim = &c->slot[i];
	slot_clear(victim);
	victim->key = xstrdup(key);
	victim->corrected = *corrected ? xstrdup(*corrected) : NULL;
	victim->n = n;
	victim->used = c->clock;
	victim->hits = calloc((size_t)n + 1, sizeof *victim->hits);
	if (!victim->hits)
		abort();
	for (int i = 0; i < n; i++) {
		victim->hits[i] = (*out)[i];
		victim->hits[i].slug = xstrdup((*out)[i].slug);
		victim->hits[i].title = xstrdup((*out)[i].title);
		victim->hits[i].snippet = xstrdup((*out)[i].snippet);
		victim->hits[i].lang = xstrdup((*out)[i].lang);
	}
	return n;
}

int help_suggest(db *d, arena *a, const char *text, const char *lang, int limit,
		 help_suggestion **out)
{
	*out = NULL;
	const char *q = help_query_clean(a, text ? text : "");
	if (!q)
		return 0;
	if (limit < 1 || limit > 20)
		limit = 5;
	help_hit *hits;
	const char *corrected;
	int n = help_search(d, a, q, lang, limit, &hits, &corrected);
	if (n <= 0)
		return n;
	*out = arena_calloc(a, sizeof **out * (size_t)n);
	for (int i = 0; i < n; i++) {
		help_suggestion *s = &(*out)[i];
		s->title = hits[i].title;
		s->slug = hits[i].slug;
		s->url = arena_printf(a, "/help/articles/%s", hits[i].slug);
		/* plain text: the markers removed */
		buf b = { 0 };
		const char *sn = hits[i].snippet ? hits[i].snippet : "";
		for (const char *c = sn; *c;) {
			if (strncmp(c, HELP_HL_ON, 3) == 0 || strncmp(c, HELP_HL_OFF, 3) == 0) {
				c += 3;
				continue;
			}
			buf_append(&b, c, 1);
			c++;
		}
		s->snippet = arena_strdup(a, b.len ? buf_cstr(&b) : "");
		buf_free(&b);
	}
	return n;
}

/* ---- votes and events ---- */

static const stmt vote = {
	"INSERT INTO help_votes (article_id, visitor_hash, helpful, comment) VALUES ($1, $2, $3, $4)"
	" ON CONFLICT (article_id, visitor_hash) DO UPDATE SET helpful = EXCLUDED.helpful,"
	"  comment = EXCLUDED.comment, created_at = now()"
};

bool help_vote(db *d, int64_t article_id, const char *visitor_hash, bool helpful,
	       const char *comment)
{
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)article_id);
	const char *p[] = { id, visitor_hash, helpful ? "true" : "false", comment ? comment : "" };
	return db_do(d, &vote, 4, p);
}

static const stmt vote_of = {
	"SELECT helpful FROM help_votes WHERE article_id = $1 AND visitor_hash = $2"
};

int help_vote_of(db *d, int64_t article_id, const char *visitor_hash)
{
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)article_id);
	const char *p[] = { id, visitor_hash };
	PGresult *res = db_run(d, &vote_of, 2, p);
	if (!res)
		return -1;
	int v = PQntuples(res) == 1 ? (db_bool(res, 0, 0) ? 1 : 0) : -1;
	PQclear(res);
	return v;
}

static const stmt event = {
	"INSERT INTO help_events (kind, visitor_hash, article_id, query, results)"
	" VALUES ($1, $2, $3, lower($4), $5) RETURNING id"
};

int64_t help_event(db *d, arena *a, const char *kind, const char *visitor_hash,
		   int64_t article_id, const char *query, int results)
{
	const char *p[] = { kind, visitor_hash, article_id ? db_id(a, article_id) : NULL, query,
			    query ? db_id(a, results) : NULL };
	PGresult *res = db_run(d, &event, 5, p);
	if (!res)
		return 0;
	int64_t id = PQntuples(res) == 1 ? db_i64(res, 0, 0) : 0;
	PQclear(res);
	return id;
}

static const stmt viewed = {
	"WITH c AS (UPDATE help_articles SET views = views + 1 WHERE id = $1 RETURNING id),"
	" v AS (INSERT INTO help_events (kind, visitor_hash, article_id) SELECT 'view', $2, id FROM c)"
	" INSERT INTO help_events (kind, visitor_hash, article_id, ref)"
	" SELECT 'click', $2, $1, s.id FROM help_events s"
	" WHERE s.id = $3 AND s.kind = 'search' AND s.visitor_hash = $2"
	"  AND NOT EXISTS (SELECT 1 FROM help_events x WHERE x.ref = s.id AND x.article_id = $1)"
};

bool help_article_viewed(db *d, arena *a, int64_t article_id, const char *visitor_hash,
			 int64_t from_search)
{
	const char *p[] = { db_id(a, article_id), visitor_hash, db_id(a, from_search) };
	return db_do(d, &viewed, 3, p);
}
