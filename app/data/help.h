/* help.h: the help center's data layer: categories, articles and translations, revisions,
 * search (full text + trigrams), votes, anonymous events, and the staff figures */
#ifndef CXMS_HELP_H
#define CXMS_HELP_H
#include <stdbool.h>
#include <stdint.h>
#include "data.h"

#define HELP_MD_MAX 100000    /* bytes of Markdown per translation */
#define HELP_QUERY_MAX 200    /* characters of a search query that are used */

typedef struct help_category {
	int64_t id;
	const char *slug, *title, *description;
	const char *title_en, *title_bn; /* admin */
	int position;
	int articles;  /* published articles */
} help_category;

typedef struct help_article {
	int64_t id, category_id;
	const char *slug, *status;
	const char *category_slug, *category_title;
	const char *lang;            /* language of title/body (may differ from the one asked) */
	const char *title, *body_md, *body_html;
	const char *updated_at;      /* viewer's zone */
	bool has_en, has_bn;
	long long views;
	int helpful, not_helpful, comments;
} help_article;

/* A search result. snippet carries highlighted words between HELP_HL_ON and HELP_HL_OFF
 * (private-use code points, stripped from the query first); help_snippet_split cuts it. */
#define HELP_HL_ON "\xee\x80\x80"  /* U+E000 */
#define HELP_HL_OFF "\xee\x80\x81" /* U+E001 */
typedef struct help_hit {
	int64_t id;
	const char *slug, *title, *snippet, *lang;
} help_hit;

/* For the live chat: what to suggest before a conversation starts. */
typedef struct help_suggestion {
	const char *title, *slug, *url, *snippet; /* snippet: plain text, no markers */
} help_suggestion;

typedef struct help_revision {
	int64_t id, article_id;
	const char *lang, *title, *body_md, *status, *author, *created_at;
} help_revision;

typedef struct help_comment {
	bool helpful;
	const char *comment, *created_at;
} help_comment;

typedef struct help_gap {
	const char *query;
	int searches, no_results, no_click;
} help_gap;

typedef struct help_week {
	const char *week;  /* YYYY-MM-DD, the Monday */
	int visits, chats;
	double deflection; /* 0..1 */
} help_week;

/* ---- rendering (help_render.c, no SQL) ---- */
/* Markdown to HTML with cmark's safe defaults (no raw HTML, no javascript:/data: links);
 * *text gets the plain text of the document (for search and snippets). NULL on failure. */
char *help_render_markdown(arena *a, const char *md, char **text);
/* true for a slug: lowercase ASCII letters and digits in words joined by single '-' */
bool help_slug_valid(const char *slug, size_t max);
/* Removes the highlight markers and control characters from a query, trims it to
 * HELP_QUERY_MAX code points; NULL for invalid UTF-8. */
char *help_query_clean(arena *a, const char *q);
/* Splits a snippet at the markers: calls fn(ctx, text, highlighted) for each piece. */
void help_snippet_split(arena *a, const char *snippet,
			void (*fn)(void *ctx, const char *text, bool highlighted), void *ctx);

/* ---- portal (help.c) ---- */
/* Categories in order with their titles in lang (falling back to the other language) and
 * counts of published articles. -1 on error. */
int help_categories_list(db *d, arena *a, const char *lang, help_category **out);
bool help_category_by_slug(db *d, arena *a, const char *slug, const char *lang,
			   help_category *out);
/* Published articles of a category, titles in lang with fallback. */
int help_category_articles(db *d, arena *a, int64_t category_id, const char *lang,
			   help_article **out);
/* Most-read published articles. */
int help_popular(db *d, arena *a, const char *lang, int limit, help_article **out);
/* A published article (any status when staff_preview) in lang, else the other language. */
bool help_article_by_slug(db *d, arena *a, const char *slug, const char *lang, const char *tz,
			  help_article *out);
/* Other published articles of the same category, most read first. */
int help_related(db *d, arena *a, const help_article *art, const char *lang, int limit,
		 help_article **out);
/* Full-text search over published articles (both languages, lang first), ranked, with
 * snippets; when nothing matches, misspelt words are corrected to the nearest words of the
 * articles and the search runs again: *corrected is then the query used (else NULL). */
int help_search(db *d, arena *a, const char *q, const char *lang, int limit, help_hit **out,
		const char **corrected);
/* For the live chat: articles that answer text, in lang first. Returns the count, -1 on error. */
int help_suggest(db *d, arena *a, const char *text, const char *lang, int limit,
		 help_suggestion **out);

/* ---- votes and anonymous events (help.c) ---- */
/* One vote per visitor per article: a new vote replaces the earlier one. */
bool help_vote(db *d, int64_t article_id, const char *visitor_hash, bool helpful,
	       const char *comment);
/* -1: no vote yet, 0: not helpful, 1: helpful */
int help_vote_of(db *d, int64_t article_id, const char *visitor_hash);
/* kind: "page", "view", "search", "chat_opened"; article_id/ref 0 and query NULL when unused.
 * Returns the event id, 0 on error. */
int64_t help_event(db *d, arena *a, const char *kind, const char *visitor_hash,
		   int64_t article_id, const char *query, int results);
/* An article read: the counter and a 'view' event; from_search (0: none) records a 'click'
 * when that search was made by the same visitor. */
bool help_article_viewed(db *d, arena *a, int64_t article_id, const char *visitor_hash,
			 int64_t from_search);

/* ---- staff (help_admin.c) ---- */
/* Every article with its figures, newest change first; status NULL = all. */
int help_admin_list(db *d, arena *a, const char *lang, const char *tz, help_article **out);
/* The article and its translation in lang (title/body NULL when missing). */
bool help_admin_get(db *d, arena *a, int64_t id, const char *lang, const char *tz,
		    help_article *out);
/* 0 when the slug is taken, -1 on error */
int64_t help_article_create(db *d, arena *a, int64_t category_id, const char *slug);
/* false with *taken set when the slug belongs to another article */
bool help_article_set_meta(db *d, arena *a, int64_t id, int64_t category_id, const char *slug,
			   bool *taken);
bool help_article_set_status(db *d, arena *a, int64_t id, const char *status);
/* Renders and saves one language of an article, and keeps a revision. */
bool help_translation_save(db *d, arena *a, int64_t id, const char *lang, const char *title,
			   const char *md, int64_t staff_id);
int help_revisions(db *d, arena *a, int64_t article_id, const char *tz, help_revision **out);
bool help_revision_get(db *d, arena *a, int64_t article_id, int64_t rev_id, const char *tz,
		       help_revision *out);
int help_comments(db *d, arena *a, int64_t article_id, const char *tz, help_comment **out);
/* all categories with both titles (admin) */
int help_categories_admin(db *d, arena *a, help_category **out);
bool help_category_exists(db *d, arena *a, int64_t id);
/* 0 when the slug is taken, -1 on error */
int64_t help_category_create(db *d, arena *a, const char *slug, int position,
			     const char *title_en, const char *title_bn);
bool help_category_update(db *d, arena *a, int64_t id, int position, const char *title_en,
			  const char *title_bn);
/* The most frequent searches of the last `days` days that found nothing or led to no click. */
int help_gaps(db *d, arena *a, int days, int limit, help_gap **out);
/* Per week (newest first, `weeks` weeks): help-center visits (a visitor's pages with gaps
 * under 30 minutes) and how many were followed by a chat opening within 30 minutes. */
int help_deflection(db *d, arena *a, int weeks, help_week **out);

/* ---- demo data (seed_help.c) ---- */
bool seed_help(db *d, arena *a);

#endif
