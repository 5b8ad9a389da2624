/* admin/help.c: help-center editing for supervisors and admins: articles in both languages with
 * a Markdown preview, revisions, statuses, categories, figures, content gaps and deflection */
#include "help.h"
#include "../core/i18n.h"
#include "../core/page.h"
#include "../data/help.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const statuses[] = { "draft", "published", "archived", NULL };
static const char *const status_labels[] = { N_("Draft"), N_("Published"), N_("Archived") };

static const char *status_label(req *r, const char *s)
{
	for (int i = 0; statuses[i]; i++)
		if (strcmp(statuses[i], s) == 0)
			return tr(r, status_labels[i]);
	return s;
}

/* the language of the translation being edited: ?lang= or the form's lang, English by default */
static const char *edit_lang(req *r)
{
	const char *l = r->is_post ? req_form(r, "lang") : req_query(r, "lang");
	return i18n_supported(l) ? l : "en";
}

static bool category_options(req *r, tdict *d, int64_t selected)
{
	help_category *cats;
	int n = help_categories_admin(r->db, r->a, &cats);
	if (n < 0)
		return false;
	for (int i = 0; i < n; i++) {
		tdict *o = tmpl_section(d, "CATEGORY");
		tmpl_set_int(o, "ID", cats[i].id);
		tmpl_set(o, "TITLE", strcmp(r->lang, "bn") == 0 && cats[i].title_bn ? cats[i].title_bn
											: cats[i].title);
		if (cats[i].id == selected)
			tmpl_show(o, "SELECTED");
	}
	return true;
}

/* GET /admin/help — supervisors, admins. Every article with its figures. */
int help_admin_index(req *r)
{
	help_article *list;
	int n = help_admin_list(r->db, r->a, r->lang, viewer_tz(r), &list);
	if (n < 0)
		return 500;
	tdict *d = page_new(r, "admin/help_list");
	for (int i = 0; i < n; i++) {
		tdict *row = tmpl_section(d, "ROW");
		tmpl_set_int(row, "ID", list[i].id);
		tmpl_set(row, "TITLE", list[i].title);
		tmpl_set(row, "SLUG", list[i].slug);
		tmpl_set(row, "CATEGORY", list[i].category_title);
		tmpl_set(row, "STATUS", status_label(r, list[i].status));
		tmpl_set(row, "STATUS_CODE", list[i].status);
		tmpl_set(row, "UPDATED", list[i].updated_at);
		tmpl_set_int(row, "VIEWS", list[i].views);
		tmpl_set_int(row, "HELPFUL", list[i].helpful);
		tmpl_set_int(row, "NOT_HELPFUL", list[i].not_helpful);
		tmpl_set_int(row, "COMMENTS", list[i].comments);
		tmpl_set(row, "LANGS", list[i].has_en && list[i].has_bn ? "EN · BN" : list[i].has_en ? "EN" : "BN");
	}
	return page_render(r, 200, N_("Help center"));
}

/* The article form, for a new article (art NULL) or one language of an existing one.
 * With error, or preview, the submitted fields are shown again. */
static int article_form(req *r, int status, const help_article *art, const char *error,
			const char *preview_html)
{
	const char *lang = edit_lang(r);
	tdict *d = page_new(r, "admin/help_form");
	if (error)
		page_error(d, r, error);
	bool from_form = r->is_post;
	int64_t cat = from_form ? strtoll(req_form(r, "category"), NULL, 10) : (art ? art->category_id : 0);
	if (!category_options(r, d, cat))
		return 500;
	tmpl_set(d, "LANG_EDIT", lang);
	tmpl_set(d, "SLUG", from_form ? req_form(r, "slug") : (art ? art->slug : ""));
	tmpl_set(d, "TITLE", from_form ? req_form(r, "title") : (art && art->title ? art->title : ""));
	tmpl_set(d, "BODY", from_form ? req_form(r, "body") : (art && art->body_md ? art->body_md : ""));
	for (int i = 0; i18n_langs[i]; i++) {
		tdict *o = tmpl_section(d, "LANG_OPT");
		tmpl_set(o, "CODE", i18n_langs[i]);
		tmpl_set(o, "LABEL", strcmp(i18n_langs[i], "bn") == 0 ? "বাংলা" : "English");
		if (strcmp(i18n_langs[i], lang) == 0)
			tmpl_show(o, "SELECTED");
	}
	if (preview_html) {
		/* rendered by cmark without CMARK_OPT_UNSAFE (help_render.c), like the article page */
		tmpl_set(tmpl_section(d, "PREVIEW"), "PREVIEW_HTML", preview_html);
	}
	if (!art) {
		tmpl_show(d, "NEW");
		tmpl_set(d, "ACTION", "/admin/help");
		return page_render(r, status, N_("New article"));
	}
	tdict *e = tmpl_section(d, "EXISTING");
	tmpl_set_int(e, "ID", art->id);
	tmpl_set(e, "STATUS", status_label(r, art->status));
	tmpl_set(e, "PUBLIC_SLUG", art->slug);
	tmpl_set_int(e, "VIEWS", art->views);
	tmpl_set_int(e, "HELPFUL", art->helpful);
	tmpl_set_int(e, "NOT_HELPFUL", art->not_helpful);
	tmpl_set_int(e, "COMMENTS", art->comments);
	tmpl_set(d, "ACTION", arena_printf(r->a, "/admin/help/%lld", (long long)art->id));
	if (!art->title)
		tmpl_show(e, "MISSING_TRANSLATION");
	for (int i = 0; statuses[i]; i++) {
		tdict *o = tmpl_section(e, "STATUS_OPT");
		tmpl_set(o, "VALUE", statuses[i]);
		tmpl_set(o, "LABEL", tr(r, status_labels[i]));
		if (strcmp(statuses[i], art->status) == 0)
			tmpl_show(o, "SELECTED");
	}
	for (int i = 0; i18n_langs[i]; i++) {
		tdict *o = tmpl_section(e, "EDIT_LANG");
		tmpl_set(o, "CODE", i18n_langs[i]);
		tmpl_set(o, "LABEL", strcmp(i18n_langs[i], "bn") == 0 ? "বাংলা" : "English");
		tmpl_set_int(o, "ID", art->id);
	}
	help_revision *revs;
	int nv = help_revisions(r->db, r->a, art->id, viewer_tz(r), &revs);
	help_comment *cm;
	int nc = help_comments(r->db, r->a, art->id, viewer_tz(r), &cm);
	if (nv < 0 || nc < 0)
		return 500;
	for (int i = 0; i < nv; i++) {
		tdict *row = tmpl_section(e, "REVISION");
		tmpl_set_int(row, "ID", art->id);
		tmpl_set_int(row, "REV", revs[i].id);
		tmpl_set(row, "REV_LANG", revs[i].lang);
		tmpl_set(row, "REV_TITLE", revs[i].title);
		tmpl_set(row, "AUTHOR", revs[i].author);
		tmpl_set(row, "WHEN", revs[i].created_at);
	}
	for (int i = 0; i < nc; i++) {
		tdict *row = tmpl_section(e, "COMMENT");
		tmpl_set(row, "TEXT", cm[i].comment);
		tmpl_set(row, "WHEN", cm[i].created_at);
		tmpl_show(row, cm[i].helpful ? "YES" : "NO");
	}
	return page_render(r, status, N_("Edit article"));
}

/* GET /admin/help/new — supervisors, admins. Query: lang. */
int help_admin_new(req *r)
{
	return article_form(r, 200, NULL, NULL, NULL);
}

/* The submitted article fields, checked; NULL when fine, else the message. */
static const char *check_fields(req *r, int64_t *category)
{
	const char *slug = req_form(r, "slug");
	const char *title = str_trim(r->a, req_form(r, "title"));
	const char *body = req_form(r, "body");
	const char *c = req_form(r, "category");
	*category = str_is_digits(c) && strlen(c) <= 18 ? strtoll(c, NULL, 10) : 0;
	if (!*category || !help_category_exists(r->db, r->a, *category))
		return N_("Please choose a category.");
	if (!help_slug_valid(slug, 120))
		return N_("The address must be lowercase letters and digits joined by hyphens (at most 120).");
	if (!*title || utf8_length(title) > 200)
		return N_("Please enter a title (at most 200 characters).");
	if (!*str_trim(r->a, body) || strlen(body) > HELP_MD_MAX)
		return N_("Please write the article (at most 100000 characters).");
	return NULL;
}

static bool wants_preview(req *r)
{
	return strcmp(req_form(r, "action"), "preview") == 0;
}

static char *preview(req *r)
{
	char *html = help_render_markdown(r->a, req_form(r, "body"), NULL);
	return html ? html : "";
}

/* POST /admin/help — supervisors, admins. Fields: category, slug, lang, title, body,
 * action (preview|save). Creates a draft with its first translation. */
int help_admin_create(req *r)
{
	int64_t cat;
	const char *err = check_fields(r, &cat);
	if (err)
		return article_form(r, 400, NULL, err, NULL);
	if (wants_preview(r))
		return article_form(r, 200, NULL, NULL, preview(r));
	int64_t id = help_article_create(r->db, r->a, cat, req_form(r, "slug"));
	if (id < 0)
		return 500;
	if (id == 0)
		return article_form(r, 400, NULL, N_("Another article already has that address."), NULL);
	if (!help_translation_save(r->db, r->a, id, edit_lang(r), str_trim(r->a, req_form(r, "title")),
				   req_form(r, "body"), r->who.id))
		return 500;
	return redirect_flash(r, arena_printf(r->a, "/admin/help/%lld?lang=%s", (long long)id,
					      edit_lang(r)), "help_saved");
}

static bool load(req *r, help_article *art)
{
	int64_t id = req_param_id(r, "id");
	return id && help_admin_get(r->db, r->a, id, edit_lang(r), viewer_tz(r), art);
}

/* GET /admin/help/{id} — supervisors, admins. Query: lang (the translation to edit). */
int help_admin_edit(req *r)
{
	help_article art;
	if (!load(r, &art))
		return 404;
	return article_form(r, 200, &art, NULL, NULL);
}

/* POST /admin/help/{id} — supervisors, admins. Fields as for creation. Saves the category,
 * address and one translation, keeping a revision. */
int help_admin_save(req *r)
{
	help_article art;
	if (!load(r, &art))
		return 404;
	int64_t cat;
	const char *err = check_fields(r, &cat);
	if (err)
		return article_form(r, 400, &art, err, NULL);
	if (wants_preview(r))
		return article_form(r, 200, &art, NULL, preview(r));
	bool taken = false;
	if (!help_article_set_meta(r->db, r->a, art.id, cat, req_form(r, "slug"), &taken))
		return taken ? article_form(r, 400, &art, N_("Another article already has that address."), NULL)
			     : 500;
	if (!help_translation_save(r->db, r->a, art.id, edit_lang(r), str_trim(r->a, req_form(r, "title")),
				   req_form(r, "body"), r->who.id))
		return 500;
	return redirect_flash(r, arena_printf(r->a, "/admin/help/%lld?lang=%s", (long long)art.id,
					      edit_lang(r)), "help_saved");
}

/* POST /admin/help/{id}/status — supervisors, admins. Fields: status (draft|published|archived). */
int help_admin_status(req *r)
{
	help_article art;
	if (!load(r, &art))
		return 404;
	const char *s = req_form(r, "status");
	bool ok = false;
	for (int i = 0; statuses[i]; i++)
		ok = ok || strcmp(statuses[i], s) == 0;
	if (!ok)
		return 400;
	if (strcmp(s, "published") == 0 && !art.has_en && !art.has_bn)
		return 400;
	if (!help_article_set_status(r->db, r->a, art.id, s))
		return 500;
	return redirect_flash(r, arena_printf(r->a, "/admin/help/%lld", (long long)art.id), "help_status");
}

static bool load_revision(req *r, help_revision *rev)
{
	int64_t id = req_param_id(r, "id"), rid = req_param_id(r, "rev");
	return id && rid && help_revision_get(r->db, r->a, id, rid, viewer_tz(r), rev);
}

/* GET /admin/help/{id}/revisions/{rev} — supervisors, admins. */
int help_admin_revision(req *r)
{
	help_revision rev;
	if (!load_revision(r, &rev))
		return 404;
	char *html = help_render_markdown(r->a, rev.body_md, NULL);
	tdict *d = page_new(r, "admin/help_revision");
	tmpl_set_int(d, "ID", rev.article_id);
	tmpl_set_int(d, "REV", rev.id);
	tmpl_set(d, "REV_LANG", rev.lang);
	tmpl_set(d, "TITLE", rev.title);
	tmpl_set(d, "BODY", rev.body_md);
	tmpl_set(d, "AUTHOR", rev.author);
	tmpl_set(d, "WHEN", rev.created_at);
	tmpl_set(d, "STATUS", status_label(r, rev.status));
	/* rendered by cmark without CMARK_OPT_UNSAFE (help_render.c) */
	tmpl_set(d, "PREVIEW_HTML", html ? html : "");
	return page_render(r, 200, N_("Revision"));
}

/* POST /admin/help/{id}/revisions/{rev}/restore — supervisors, admins. The revision's title and
 * text become the current ones of its language (saved as a new revision). */
int help_admin_restore(req *r)
{
	help_revision rev;
	if (!load_revision(r, &rev))
		return 404;
	if (!help_translation_save(r->db, r->a, rev.article_id, rev.lang, rev.title, rev.body_md,
				   r->who.id))
		return 500;
	return redirect_flash(r, arena_printf(r->a, "/admin/help/%lld?lang=%s", (long long)rev.article_id,
					      rev.lang), "help_restored");
}

/* ---- categories ---- */

static int categories_page(req *r, int status, const char *error)
{
	help_category *cats;
	int n = help_categories_admin(r->db, r->a, &cats);
	if (n < 0)
		return 500;
	tdict *d = page_new(r, "admin/help_categories");
	if (error)
		page_error(d, r, error);
	for (int i = 0; i < n; i++) {
		tdict *row = tmpl_section(d, "ROW");
		tmpl_set_int(row, "ID", cats[i].id);
		tmpl_set(row, "SLUG", cats[i].slug);
		tmpl_set_int(row, "POSITION", cats[i].position);
		tmpl_set(row, "TITLE_EN", cats[i].title_en ? cats[i].title_en : "");
		tmpl_set(row, "TITLE_BN", cats[i].title_bn ? cats[i].title_bn : "");
		tmpl_set_int(row, "COUNT", cats[i].articles);
	}
	bool keep = error && r->is_post && !req_param_id(r, "id");
	tmpl_set(d, "NEW_SLUG", keep ? req_form(r, "slug") : "");
	tmpl_set(d, "NEW_POSITION", keep ? req_form(r, "position") : arena_printf(r->a, "%d", (n + 1) * 10));
	tmpl_set(d, "NEW_TITLE_EN", keep ? req_form(r, "title_en") : "");
	tmpl_set(d, "NEW_TITLE_BN", keep ? req_form(r, "title_bn") : "");
	return page_render(r, status, N_("Help center categories"));
}

/* GET /admin/help/categories — supervisors, admins. */
int help_admin_categories(req *r)
{
	return categories_page(r, 200, NULL);
}

static const char *check_category(req *r, int *position, const char **en, const char **bn)
{
	const char *p = req_form(r, "position");
	*en = str_trim(r->a, req_form(r, "title_en"));
	*bn = str_trim(r->a, req_form(r, "title_bn"));
	if (!str_is_digits(p) || !*p || strlen(p) > 6)
		return N_("The position must be a whole number.");
	*position = atoi(p);
	if (!**en || utf8_length(*en) > 200 || utf8_length(*bn) > 200)
		return N_("Please enter an English title (titles at most 200 characters).");
	return NULL;
}

/* POST /admin/help/categories — supervisors, admins. Fields: slug, position, title_en, title_bn. */
int help_admin_category_create(req *r)
{
	int position;
	const char *en, *bn;
	const char *err = check_category(r, &position, &en, &bn);
	const char *slug = req_form(r, "slug");
	if (!err && !help_slug_valid(slug, 80))
		err = N_("The address must be lowercase letters and digits joined by hyphens (at most 80).");
	if (err)
		return categories_page(r, 400, err);
	int64_t id = help_category_create(r->db, r->a, slug, position, en, bn);
	if (id < 0)
		return 500;
	if (id == 0)
		return categories_page(r, 400, N_("Another category already has that address."));
	return redirect_flash(r, "/admin/help/categories", "help_category_saved");
}

/* POST /admin/help/categories/{id} — supervisors, admins. Fields: position, title_en, title_bn. */
int help_admin_category_update(req *r)
{
	int64_t id = req_param_id(r, "id");
	if (!id || !help_category_exists(r->db, r->a, id))
		return 404;
	int position;
	const char *en, *bn;
	const char *err = check_category(r, &position, &en, &bn);
	if (err)
		return categories_page(r, 400, err);
	if (!help_category_update(r->db, r->a, id, position, en, bn))
		return 500;
	return redirect_flash(r, "/admin/help/categories", "help_category_saved");
}

/* ---- figures ---- */

/* GET /admin/help/gaps — supervisors, admins. Query: days (1..365, default 30). */
int help_admin_gaps(req *r)
{
	const char *p = req_query(r, "days");
	int days = str_is_digits(p) && *p && strlen(p) <= 3 ? atoi(p) : 30;
	if (days < 1 || days > 365)
		days = 30;
	help_gap *gaps;
	int n = help_gaps(r->db, r->a, days, 100, &gaps);
	if (n < 0)
		return 500;
	tdict *d = page_new(r, "admin/help_gaps");
	tmpl_set_int(d, "DAYS", days);
	static const int choices[] = { 7, 30, 90, 365 };
	for (size_t i = 0; i < sizeof choices / sizeof choices[0]; i++) {
		tdict *o = tmpl_section(d, "DAYS_OPT");
		tmpl_set_int(o, "VALUE", choices[i]);
		if (choices[i] == days)
			tmpl_show(o, "SELECTED");
	}
	for (int i = 0; i < n; i++) {
		tdict *row = tmpl_section(d, "ROW");
		tmpl_set(row, "QUERY", gaps[i].query);
		tmpl_set_int(row, "SEARCHES", gaps[i].searches);
		tmpl_set_int(row, "NO_RESULTS", gaps[i].no_results);
		tmpl_set_int(row, "NO_CLICK", gaps[i].no_click);
	}
	if (n == 0)
		tmpl_show(d, "EMPTY");
	return page_render(r, 200, N_("Content gaps"));
}

/* GET /admin/help/deflection — supervisors, admins. The last 12 weeks. */
int help_admin_deflection(req *r)
{
	help_week *weeks;
	int n = help_deflection(r->db, r->a, 12, &weeks);
	if (n < 0)
		return 500;
	tdict *d = page_new(r, "admin/help_deflection");
	for (int i = 0; i < n; i++) {
		tdict *row = tmpl_section(d, "ROW");
		tmpl_set(row, "WEEK", weeks[i].week);
		tmpl_set_int(row, "VISITS", weeks[i].visits);
		tmpl_set_int(row, "CHATS", weeks[i].chats);
		tmpl_setf(row, "RATE", "%.1f%%", weeks[i].deflection * 100.0);
	}
	if (n == 0)
		tmpl_show(d, "EMPTY");
	return page_render(r, 200, N_("Deflection"));
}
