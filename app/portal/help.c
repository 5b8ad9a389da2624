/* portal/help.c: the help center: home, categories, articles, search, "was this helpful?" */
#include "help.h"
#include "../core/config.h"
#include "../core/crypto.h"
#include "../core/i18n.h"
#include "../core/page.h"
#include "../data/help.h"
#include <stdlib.h>
#include <string.h>

#define VISITOR_COOKIE "cxms_visitor"

const char *help_visitor(req *r)
{
	const char *v = req_cookie(r, VISITOR_COOKIE);
	if (!v || strlen(v) != 43) {
		v = token_new(r->a);
		resp_cookie(r, VISITOR_COOKIE, v, 365 * 24 * 3600, true);
	}
	/* only a keyed hash is stored: the cookie cannot be recovered from the database */
	return keyed_hash(r->a, "visitor", v);
}

/* ?lang=en|bn shows a help page in that language (the hreflang alternates link there). */
static void lang_from_query(req *r)
{
	const char *l = req_query(r, "lang");
	if (*l && i18n_supported(l))
		r->lang = l;
}

static void alternates(req *r, const char *path, bool en, bool bn)
{
	const char *langs[] = { "en", "bn" };
	bool has[] = { en, bn };
	for (int i = 0; i < 2; i++) {
		if (!has[i])
			continue;
		tdict *alt = tmpl_section(r->layout, "ALTERNATE");
		tmpl_set(alt, "HREFLANG", langs[i]);
		/* hreflang alternates must be absolute URLs */
		const char *base = cfg.base_url ? cfg.base_url : "";
		size_t bl = strlen(base);
		tmpl_set(alt, "HREF", arena_printf(r->a, "%.*s%s?lang=%s", (int)(bl && base[bl - 1] == '/' ? bl - 1 : bl),
						   base, path, langs[i]));
	}
}

/* Counting pages is anonymous bookkeeping (a keyed hash of a random cookie, no account):
 * a failure to count never fails the page. */
static void count_page(req *r, const char *visitor)
{
	help_event(r->db, r->a, "page", visitor, 0, NULL, 0);
}

static void article_links(tdict *d, const char *section, help_article *list, int n)
{
	for (int i = 0; i < n; i++) {
		tdict *row = tmpl_section(d, section);
		tmpl_set(row, "SLUG", list[i].slug);
		tmpl_set(row, "TITLE", list[i].title);
		tmpl_set(row, "ART_LANG", list[i].lang);
	}
}

/* GET /help — anyone. Query: lang. Search box, categories with counts, most-read articles. */
int help_home(req *r)
{
	lang_from_query(r);
	help_category *cats;
	help_article *top;
	int nc = help_categories_list(r->db, r->a, r->lang, &cats);
	int nt = help_popular(r->db, r->a, r->lang, 8, &top);
	if (nc < 0 || nt < 0)
		return 500;
	count_page(r, help_visitor(r));
	tdict *d = page_new(r, "portal/help_home");
	alternates(r, "/help", true, true);
	for (int i = 0; i < nc; i++) {
		if (cats[i].articles == 0)
			continue;
		tdict *row = tmpl_section(d, "CATEGORY");
		tmpl_set(row, "SLUG", cats[i].slug);
		tmpl_set(row, "TITLE", cats[i].title);
		if (*cats[i].description)
			tmpl_set(tmpl_section(row, "DESC"), "DESCRIPTION", cats[i].description);
		tmpl_set_int(row, "COUNT", cats[i].articles);
	}
	article_links(d, "POPULAR", top, nt);
	return page_render(r, 200, N_("Help center"));
}

/* GET /help/categories/{slug} — anyone. Query: lang. */
int help_category_page(req *r)
{
	lang_from_query(r);
	const char *slug = req_param(r, "slug");
	help_category cat;
	if (!help_slug_valid(slug, 80) || !help_category_by_slug(r->db, r->a, slug, r->lang, &cat))
		return 404;
	help_article *list;
	int n = help_category_articles(r->db, r->a, cat.id, r->lang, &list);
	if (n < 0)
		return 500;
	count_page(r, help_visitor(r));
	tdict *d = page_new(r, "portal/help_category");
	alternates(r, arena_printf(r->a, "/help/categories/%s", cat.slug), true, true);
	tmpl_set(d, "TITLE", cat.title);
	if (*cat.description)
		tmpl_set(tmpl_section(d, "DESC"), "DESCRIPTION", cat.description);
	article_links(d, "ARTICLE", list, n);
	if (n == 0)
		tmpl_show(d, "EMPTY");
	return page_render_title(r, 200, cat.title);
}

/* GET /help/articles/{slug} — anyone. Query: lang, s (the search the reader came from). */
int help_article_page(req *r)
{
	lang_from_query(r);
	const char *slug = req_param(r, "slug");
	help_article art;
	if (!help_slug_valid(slug, 120) ||
	    !help_article_by_slug(r->db, r->a, slug, r->lang, viewer_tz(r), &art))
		return 404;
	help_article *rel;
	int nr = help_related(r->db, r->a, &art, r->lang, 5, &rel);
	if (nr < 0)
		return 500;
	const char *visitor = help_visitor(r);
	const char *s = req_query(r, "s");
	int64_t from = (str_is_digits(s) && strlen(s) <= 18) ? strtoll(s, NULL, 10) : 0;
	/* the 'view' event also counts as a help page for deflection */
	help_article_viewed(r->db, r->a, art.id, visitor, from);
	int vote = help_vote_of(r->db, art.id, visitor);

	tdict *d = page_new(r, "portal/help_article");
	alternates(r, arena_printf(r->a, "/help/articles/%s", art.slug), art.has_en, art.has_bn);
	tmpl_set(d, "SLUG", art.slug);
	tmpl_set(d, "TITLE", art.title);
	tmpl_set(d, "ART_LANG", art.lang);
	tmpl_set(d, "CAT_SLUG", art.category_slug);
	tmpl_set(d, "CAT_TITLE", art.category_title);
	tmpl_set(d, "UPDATED", art.updated_at);
	tmpl_set(d, "TZ", viewer_tz(r));
	/* BODY_HTML is rendered by cmark without CMARK_OPT_UNSAFE when the article is saved
	 * (help_render.c): raw HTML is dropped and javascript:/data: links lose their href. */
	tmpl_set(d, "BODY_HTML", art.body_html);
	if (strcmp(art.lang, r->lang) != 0)
		tmpl_show(d, strcmp(art.lang, "bn") == 0 ? "FALLBACK_BN" : "FALLBACK_EN");
	article_links(d, "RELATED", rel, nr);
	if (nr > 0)
		tmpl_show(d, "HAS_RELATED");
	if (vote == 1)
		tmpl_show(d, "VOTED_YES");
	else if (vote == 0)
		tmpl_show(d, "VOTED_NO");
	return page_render_title(r, 200, art.title);
}

struct snippet_ctx {
	tdict *row;
};

static void snippet_piece(void *ctx, const char *text, bool hl)
{
	struct snippet_ctx *c = ctx;
	tdict *seg = tmpl_section(c->row, "SEG");
	tmpl_set(tmpl_section(seg, hl ? "HL" : "PLAIN"), "TEXT", text);
}

/* GET /help/search — anyone. Query: q (any text: websearch syntax, typos, Bengali), lang. */
int help_search_page(req *r)
{
	lang_from_query(r);
	const char *raw = req_query(r, "q");
	const char *q = help_query_clean(r->a, raw);
	/* the 'search' event (below) counts as a help page for deflection */
	const char *visitor = help_visitor(r);
	tdict *d = page_new(r, "portal/help_search");
	alternates(r, "/help/search", false, false);
	if (!q) {
		count_page(r, visitor);
		tmpl_set(d, "Q", "");
		page_error(d, r, N_("Please type your question in words."));
		return page_render(r, 200, N_("Search the help center"));
	}
	tmpl_set(d, "Q", q);
	if (!*q) {
		count_page(r, visitor);
		tmpl_show(d, "PROMPT");
		return page_render(r, 200, N_("Search the help center"));
	}
	help_hit *hits;
	const char *corrected;
	int n = help_search(r->db, r->a, q, r->lang, 20, &hits, &corrected);
	if (n < 0) {
		/* never an error page for a query: the statement failed (logged), say so plainly */
		n = 0;
		page_error(d, r, N_("The search could not be run. Please try other words."));
	}
	/* queries are stored lowercased and anonymous, for the content-gaps report */
	int64_t sid = help_event(r->db, r->a, "search", visitor, 0, q, n);
	tdict *res = tmpl_section(d, "RESULTS");
	tmpl_set_int(res, "COUNT", n);
	if (corrected)
		tmpl_set(tmpl_section(res, "CORRECTED"), "CORRECTED_Q", corrected);
	for (int i = 0; i < n; i++) {
		tdict *row = tmpl_section(res, "HIT");
		tmpl_set(row, "SLUG", hits[i].slug);
		tmpl_set(row, "TITLE", hits[i].title);
		tmpl_set(row, "ART_LANG", hits[i].lang);
		tmpl_set_int(row, "SID", sid);
		struct snippet_ctx c = { row };
		help_snippet_split(r->a, hits[i].snippet, snippet_piece, &c);
	}
	if (n == 0)
		tmpl_show(res, "NONE");
	return page_render(r, 200, N_("Search the help center"));
}

/* POST /help/articles/{slug}/vote — anyone. Fields: helpful (yes|no), comment (optional,
 * at most 2000 characters). One vote per visitor and article; a new one replaces it. */
int help_vote_submit(req *r)
{
	const char *slug = req_param(r, "slug");
	help_article art;
	if (!help_slug_valid(slug, 120) ||
	    !help_article_by_slug(r->db, r->a, slug, r->lang, viewer_tz(r), &art))
		return 404;
	const char *h = req_form(r, "helpful");
	bool yes = strcmp(h, "yes") == 0;
	if (!yes && strcmp(h, "no") != 0)
		return error_page_msg(r, 400, N_("Please answer yes or no."));
	const char *comment = str_trim(r->a, req_form(r, "comment"));
	if (utf8_length(comment) > 2000)
		return error_page_msg(r, 400, N_("Please keep your comment under 2000 characters."));
	if (!help_vote(r->db, art.id, help_visitor(r), yes, comment))
		return 500;
	return redirect_flash(r, arena_printf(r->a, "/help/articles/%s#vote", art.slug), "help_voted");
}
