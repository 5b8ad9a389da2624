/* portal/home.c: the portal home page, the health check and the language switcher */
#include "../handlers.h"
#include "../core/auth.h"
#include "../core/i18n.h"
#include "../core/page.h"
#include "../data/data.h"
#include <string.h>

/* GET / — anyone. */
int portal_home(req *r)
{
	tdict *d = page_new(r, "portal/home");
	if (r->who.kind == ACCOUNT_CUSTOMER)
		tmpl_set(tmpl_section(d, "SIGNED_IN_HOME"), "NAME", r->who.name);
	else
		tmpl_show(d, "SIGNED_OUT_HOME");
	return page_render(r, 200, N_("Home"));
}

/* GET /healthz — anyone; 200 when the database answers. */
int health(req *r)
{
	if (!db_healthy(r->db))
		return resp_text(r, 503, "text/plain; charset=utf-8", "database unavailable\n");
	return resp_text(r, 200, "text/plain; charset=utf-8", "ok\n");
}

/* POST /lang and /admin/lang — anyone. Fields: lang, next (a local path).
 * Remembers the choice in a cookie, and on the account when signed in. */
int set_language(req *r)
{
	const char *lang = req_form(r, "lang");
	if (!i18n_supported(lang))
		return 400;
	resp_cookie(r, "cxms_lang", lang, 365 * 24 * 3600, true);
	if (r->who.kind != ACCOUNT_NONE && !account_set_lang(r->db, r->who.kind, r->who.id, lang))
		return 500;
	const char *next = req_form(r, "next");
	return redirect(r, local_path_ok(next) ? next : (r->is_admin_area ? "/admin" : "/"));
}
