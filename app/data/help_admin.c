/* help_admin.c: the help center's staff side: editing, revisions, categories, figures,
 * content gaps and deflection */
#include "help.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const stmt admin_list = {
	"SELECT a.id, a.slug, a.status, coalesce(t.title, a.slug),"
	" to_char(a.updated_at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI'), a.views,"
	" (SELECT count(*) FILTER (WHERE helpful) FROM help_votes v WHERE v.article_id = a.id),"
	" (SELECT count(*) FILTER (WHERE NOT helpful) FROM help_votes v WHERE v.article_id = a.id),"
	" (SELECT count(*) FILTER (WHERE comment <> '') FROM help_votes v WHERE v.article_id = a.id),"
	" EXISTS (SELECT 1 FROM help_translations x WHERE x.article_id = a.id AND x.lang = 'en'),"
	" EXISTS (SELECT 1 FROM help_translations x WHERE x.article_id = a.id AND x.lang = 'bn'),"
	" coalesce(ct.title, c.slug)"
	" FROM help_articles a JOIN help_categories c ON c.id = a.category_id"
	" LEFT JOIN LATERAL (SELECT title FROM help_translations t WHERE t.article_id = a.id"
	"  ORDER BY (t.lang = $1) DESC LIMIT 1) t ON true"
	" LEFT JOIN LATERAL (SELECT title FROM help_category_texts x WHERE x.category_id = c.id"
	"  ORDER BY (x.lang = $1) DESC LIMIT 1) ct ON true"
	" ORDER BY c.position, c.id, a.status, t.title"
};

static void help_admin_list_row(arena *a, PGresult *res, int i, void *item)
{
	help_article *x = item;
	x->id = db_i64(res, i, 0);
	x->slug = db_str(a, res, i, 1);
	x->status = db_str(a, res, i, 2);
	x->title = db_str(a, res, i, 3);
	x->updated_at = db_str(a, res, i, 4);
	x->views = db_i64(res, i, 5);
	x->helpful = (int)db_i64(res, i, 6);
	x->not_helpful = (int)db_i64(res, i, 7);
	x->comments = (int)db_i64(res, i, 8);
	x->has_en = db_bool(res, i, 9);
	x->has_bn = db_bool(res, i, 10);
	x->category_title = db_str(a, res, i, 11);
}

int help_admin_list(db *d, arena *a, const char *lang, const char *tz, help_article **out)
{
	const char *p[] = { lang, tz };
	int n;
	*out = db_rows(d, a, &admin_list, 2, p, sizeof **out, help_admin_list_row, &n);
	return n;
}

static const stmt admin_get = {
	"SELECT a.id, a.category_id, a.slug, a.status, t.title, t.body_md, t.body_html,"
	" to_char(a.updated_at AT TIME ZONE $3, 'YYYY-MM-DD HH24:MI'), a.views,"
	" (SELECT count(*) FILTER (WHERE helpful) FROM help_votes v WHERE v.article_id = a.id),"
	" (SELECT count(*) FILTER (WHERE NOT helpful) FROM help_votes v WHERE v.article_id = a.id),"
	" (SELECT count(*) FILTER (WHERE comment <> '') FROM help_votes v WHERE v.article_id = a.id),"
	" EXISTS (SELECT 1 FROM help_translations x WHERE x.article_id = a.id AND x.lang = 'en'),"
	" EXISTS (SELECT 1 FROM help_translations x WHERE x.article_id = a.id AND x.lang = 'bn')"
	" FROM help_articles a LEFT JOIN help_translations t ON t.article_id = a.id AND t.lang = $2"
	" WHERE a.id = $1"
};

bool help_admin_get(db *d, arena *a, int64_t id, const char *lang, const char *tz,
		    help_article *out)
{
	const char *p[] = { db_id(a, id), lang, tz };
	PGresult *res = db_run(d, &admin_get, 3, p);
	if (!res)
		return false;
	bool found = PQntuples(res) == 1;
	if (found) {
		memset(out, 0, sizeof *out);
		out->id = db_i64(res, 0, 0);
		out->category_id = db_i64(res, 0, 1);
		out->slug = db_str(a, res, 0, 2);
		out->status = db_str(a, res, 0, 3);
		out->lang = lang;
		out->title = db_str(a, res, 0, 4);
		out->body_md = db_str(a, res, 0, 5);
		out->body_html = db_str(a, res, 0, 6);
		out->updated_at = db_str(a, res, 0, 7);
		out->views = db_i64(res, 0, 8);
		out->helpful = (int)db_i64(res, 0, 9);
		out->not_helpful = (int)db_i64(res, 0, 10);
		out->comments = (int)db_i64(res, 0, 11);
		out->has_en = db_bool(res, 0, 12);
		out->has_bn = db_bool(res, 0, 13);
	}
	PQclear(res);
	return found;
}

static const stmt article_create = {
	"INSERT INTO help_articles (category_id, slug) VALUES ($1, $2)"
	" ON CONFLICT (slug) DO NOTHING RETURNING id"
};

int64_t help_article_create(db *d, arena *a, int64_t category_id, const char *slug)
{
	const char *p[] = { db_id(a, category_id), slug };
	PGresult *res = db_run(d, &article_create, 2, p);
	if (!res)
		return -1;
	int64_t id = PQntuples(res) == 1 ? db_i64(res, 0, 0) : 0;
	PQclear(res);
	return id;
}

static const stmt slug_taken = {
	"SELECT 1 FROM help_articles WHERE slug = $2 AND id <> $1"
};
static const stmt set_meta = {
	"UPDATE help_articles SET category_id = $2, slug = $3, updated_at = now() WHERE id = $1"
};

bool help_article_set_meta(db *d, arena *a, int64_t id, int64_t category_id, const char *slug,
			   bool *taken)
{
	const char *p[] = { db_id(a, id), slug };
	PGresult *res = db_run(d, &slug_taken, 2, p);
	if (!res)
		return false;
	*taken = PQntuples(res) > 0;
	PQclear(res);
	if (*taken)
		return false;
	const char *p2[] = { db_id(a, id), db_id(a, category_id), slug };
	return db_do(d, &set_meta, 3, p2);
}

static const stmt set_status = {
	"UPDATE help_articles SET status = $2, updated_at = now() WHERE id = $1"
};

bool help_article_set_status(db *d, arena *a, int64_t id, const char *status)
{
	const char *p[] = { db_id(a, id), status };
	return db_do(d, &set_status, 2, p);
}

static const stmt save_translation = {
	"INSERT INTO help_translations (article_id, lang, title, body_md, body_html, body_text, updated_by)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7)"
	" ON CONFLICT (article_id, lang) DO UPDATE SET title = EXCLUDED.title, body_md = EXCLUDED.body_md,"
	"  body_html = EXCLUDED.body_html, body_text = EXCLUDED.body_text,"
	"  updated_by = EXCLUDED.updated_by, updated_at = now()"
};
static const stmt save_revision = {
	"WITH u AS (UPDATE help_articles SET updated_at = now() WHERE id = $1 RETURNING status)"
	" INSERT INTO help_revisions (article_id, lang, title, body_md, status, created_by)"
	" SELECT $1, $2, $3, $4, u.status, $5 FROM u"
};
/* the vocabulary that misspelt query words are corrected to (help.c) */
static const stmt save_words = {
	"INSERT INTO help_words (word) SELECT DISTINCT w"
	" FROM regexp_split_to_table(lower($1), '[[:space:]!-/:-@[-`{-~।॥]+') w"
	" WHERE char_length(w) BETWEEN 3 AND 100 ON CONFLICT DO NOTHING"
};

bool help_translation_save(db *d, arena *a, int64_t id, const char *lang, const char *title,
			   const char *md, int64_t staff_id)
{
	char *text = NULL;
	char *html = help_render_markdown(a, md, &text);
	if (!html)
		return false;
	const char *sid = staff_id ? db_id(a, staff_id) : NULL;
	const char *p[] = { db_id(a, id), lang, title, md, html, text, sid };
	if (!db_do(d, &save_translation, 7, p))
		return false;
	const char *p2[] = { p[0], lang, title, md, sid };
	if (!db_do(d, &save_revision, 5, p2))
		return false;
	const char *p3[] = { arena_printf(a, "%s\n%s", title, text) };
	return db_do(d, &save_words, 1, p3);
}

static const stmt revisions = {
	"SELECT r.id, r.article_id, r.lang, r.title, NULL, r.status, coalesce(s.name, ''),"
	" to_char(r.created_at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI:SS')"
	" FROM help_revisions r LEFT JOIN staff s ON s.id = r.created_by"
	" WHERE r.article_id = $1 ORDER BY r.id DESC LIMIT 200"
};
static const stmt revision_get = {
	"SELECT r.id, r.article_id, r.lang, r.title, r.body_md, r.status, coalesce(s.name, ''),"
	" to_char(r.created_at AT TIME ZONE $3, 'YYYY-MM-DD HH24:MI:SS')"
	" FROM help_revisions r LEFT JOIN staff s ON s.id = r.created_by"
	" WHERE r.article_id = $1 AND r.id = $2"
};

static void revision_row(arena *a, PGresult *res, int i, void *item)
{
	help_revision *v = item;
	v->id = db_i64(res, i, 0);
	v->article_id = db_i64(res, i, 1);
	v->lang = db_str(a, res, i, 2);
	v->title = db_str(a, res, i, 3);
	v->body_md = db_str(a, res, i, 4);
	v->status = db_str(a, res, i, 5);
	v->author = db_str(a, res, i, 6);
	v->created_at = db_str(a, res, i, 7);
}

static int revision_rows(arena *a, PGresult *res, help_revision **out)
{
	int n;
	*out = db_rows_of(a, res, sizeof **out, revision_row, &n);
	return n;
}

int help_revisions(db *d, arena *a, int64_t article_id, const char *tz, help_revision **out)
{
	const char *p[] = { db_id(a, article_id), tz };
	return revision_rows(a, db_run(d, &revisions, 2, p), out);
}

bool help_revision_get(db *d, arena *a, int64_t article_id, int64_t rev_id, const char *tz,
		       help_revision *out)
{
	const char *p[] = { db_id(a, article_id), db_id(a, rev_id), tz };
	help_revision *v;
	int n = revision_rows(a, db_run(d, &revision_get, 3, p), &v);
	if (n != 1)
		return false;
	*out = v[0];
	return true;
}

static const stmt comments = {
	"SELECT helpful, comment, to_char(created_at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI')"
	" FROM help_votes WHERE article_id = $1 AND comment <> '' ORDER BY created_at DESC LIMIT 100"
};

static void help_comments_row(arena *a, PGresult *res, int i, void *item)
{
	help_comment *row = item;
	row->helpful = db_bool(res, i, 0);
	row->comment = db_str(a, res, i, 1);
	row->created_at = db_str(a, res, i, 2);
}

int help_comments(db *d, arena *a, int64_t article_id, const char *tz, help_comment **out)
{
	const char *p[] = { db_id(a, article_id), tz };
	int n;
	*out = db_rows(d, a, &comments, 2, p, sizeof **out, help_comments_row, &n);
	return n;
}

/* ---- categories ---- */

static const stmt categories_admin = {
	"SELECT c.id, c.slug, c.position, en.title, bn.title,"
	" (SELECT count(*) FROM help_articles a WHERE a.category_id = c.id AND a.status = 'published')"
	" FROM help_categories c"
	" LEFT JOIN help_category_texts en ON en.category_id = c.id AND en.lang = 'en'"
	" LEFT JOIN help_category_texts bn ON bn.category_id = c.id AND bn.lang = 'bn'"
	" ORDER BY c.position, c.id"
};

static void help_categories_admin_row(arena *a, PGresult *res, int i, void *item)
{
	help_category *c = item;
	c->id = db_i64(res, i, 0);
	c->slug = db_str(a, res, i, 1);
	c->position = (int)db_i64(res, i, 2);
	c->title_en = db_str(a, res, i, 3);
	c->title_bn = db_str(a, res, i, 4);
	c->title = c->title_en ? c->title_en : c->slug;
	c->articles = (int)db_i64(res, i, 5);
}

int help_categories_admin(db *d, arena *a, help_category **out)
{
	int n;
	*out = db_rows(d, a, &categories_admin, 0, NULL, sizeof **out, help_categories_admin_row, &n);
	return n;
}

static const stmt category_exists = { "SELECT 1 FROM help_categories WHERE id = $1" };

bool help_category_exists(db *d, arena *a, int64_t id)
{
	const char *p[] = { db_id(a, id) };
	PGresult *res = db_run(d, &category_exists, 1, p);
	if (!res)
		return false;
	bool found = PQntuples(res) == 1;
	PQclear(res);
	return found;
}

static const stmt category_create = {
	"INSERT INTO help_categories (slug, position) VALUES ($1, $2)"
	" ON CONFLICT (slug) DO NOTHING RETURNING id"
};
static const stmt category_text = {
	"INSERT INTO help_category_texts (category_id, lang, title) VALUES ($1, $2, $3)"
	" ON CONFLICT (category_id, lang) DO UPDATE SET title = EXCLUDED.title"
};
static const stmt category_text_delete = {
	"DELETE FROM help_category_texts WHERE category_id = $1 AND lang = $2"
};
static const stmt category_position = {
	"UPDATE help_categories SET position = $2 WHERE id = $1"
};

static bool category_texts(db *d, arena *a, int64_t id, const char *en, const char *bn)
{
	const char *langs[] = { "en", "bn" }, *titles[] = { en, bn };
	for (int i = 0; i < 2; i++) {
		const char *p[] = { db_id(a, id), langs[i], titles[i] };
		if (!db_do(d, titles[i] && *titles[i] ? &category_text : &category_text_delete,
			   titles[i] && *titles[i] ? 3 : 2, p))
			return false;
	}
	return true;
}

int64_t help_category_create(db *d, arena *a, const char *slug, int position,
			     const char *title_en, const char *title_bn)
{
	const char *p[] = { slug, db_id(a, position) };
	PGresult *res = db_run(d, &category_create, 2, p);
	if (!res)
		return -1;
	int64_t id = PQntuples(res) == 1 ? db_i64(res, 0, 0) : 0;
	PQclear(res);
	if (id > 0 && !category_texts(d, a, id, title_en, title_bn))
		return -1;
	return id;
}

bool help_category_update(db *d, arena *a, int64_t id, int position, const char *title_en,
			  const char *title_bn)
{
	const char *p[] = { db_id(a, id), db_id(a, position) };
	return db_do(d, &category_position, 2, p) && category_texts(d, a, id, title_en, title_bn);
}

/* ---- content gaps and deflection ---- */

/* A search "led to no article" when no click event refers to it. */
static const stmt gaps = {
	"SELECT s.query, count(*), count(*) FILTER (WHERE s.results = 0),"
	" count(*) FILTER (WHERE s.results > 0 AND NOT EXISTS"
	"  (SELECT 1 FROM help_events c WHERE c.ref = s.id AND c.kind = 'click'))"
	" FROM help_events s"
	" WHERE s.kind = 'search' AND s.created_at > now() - $1::integer * interval '1 day'"
	"  AND (s.results = 0 OR NOT EXISTS (SELECT 1 FROM help_events c WHERE c.ref = s.id AND c.kind = 'click'))"
	" GROUP BY s.query ORDER BY count(*) DESC, s.query LIMIT $2"
};

static void help_gaps_row(arena *a, PGresult *res, int i, void *item)
{
	help_gap *row = item;
	row->query = db_str(a, res, i, 0);
	row->searches = (int)db_i64(res, i, 1);
	row->no_results = (int)db_i64(res, i, 2);
	row->no_click = (int)db_i64(res, i, 3);
}

int help_gaps(db *d, arena *a, int days, int limit, help_gap **out)
{
	const char *p[] = { db_id(a, days), db_id(a, limit) };
	int n;
	*out = db_rows(d, a, &gaps, 2, p, sizeof **out, help_gaps_row, &n);
	return n;
}

/* Help pages are 'page' events, and searches and article views (recorded instead of a 'page').
 * A visit starts with a visitor's help page that follows no other page of theirs within the
 * previous 30 minutes. It is deflected when the same visitor opened no chat in the 30 minutes
 * after its start. Chat openings are 'chat_opened' help events recorded by the live chat with
 * the same visitor hash (help_event). */
static const stmt deflection = {
	"WITH p AS (SELECT visitor_hash, created_at,"
	"  lag(created_at) OVER (PARTITION BY visitor_hash ORDER BY created_at) AS prev"
	"  FROM help_events WHERE kind IN ('page', 'search', 'view')"
	"   AND created_at > date_trunc('week', now()) - ($1::integer - 1) * interval '1 week' - interval '30 minutes'),"
	" v AS (SELECT visitor_hash, created_at FROM p"
	"  WHERE (prev IS NULL OR created_at - prev > interval '30 minutes')"
	"   AND created_at >= date_trunc('week', now()) - ($1::integer - 1) * interval '1 week')"
	" SELECT to_char(date_trunc('week', v.created_at), 'YYYY-MM-DD'), count(*),"
	"  count(*) FILTER (WHERE EXISTS (SELECT 1 FROM help_events c WHERE c.kind = 'chat_opened'"
	"   AND c.visitor_hash = v.visitor_hash AND c.created_at >= v.created_at"
	"   AND c.created_at < v.created_at + interval '30 minutes'))"
	" FROM v GROUP BY 1 ORDER BY 1 DESC"
};

static void help_deflection_row(arena *a, PGresult *res, int i, void *item)
{
	help_week *w = item;
	w->week = db_str(a, res, i, 0);
	w->visits = (int)db_i64(res, i, 1);
	w->chats = (int)db_i64(res, i, 2);
	w->deflection = w->visits ? (double)(w->visits - w->chats) / w->visits : 0;
}

int help_deflection(db *d, arena *a, int weeks, help_week **out)
{
	const char *p[] = { db_id(a, weeks) };
	int n;
	*out = db_rows(d, a, &deflection, 1, p, sizeof **out, help_deflection_row, &n);
	return n;
}
