/* admin/canned.c: canned answers, kept by supervisors and admins, inserted by agents in the composer */
#include "admin_pages.h"
#include "../core/page.h"
#include "../data/canned.h"
#include <string.h>

/* GET /admin/canned — supervisors, admins. */
int canned_index(req *r)
{
	canned *list;
	int n = canned_list(r->db, r->a, &list);
	if (n < 0)
		return 500;
	tdict *d = page_new(r, "admin/canned");
	for (int i = 0; i < n; i++) {
		tdict *row = tmpl_section(d, "ROW");
		tmpl_set_int(row, "ID", list[i].id);
		tmpl_set(row, "TITLE", list[i].title);
		tmpl_set(row, "TEXT", list[i].body);
	}
	tmpl_set(d, "NEW_TITLE", req_form(r, "title"));
	tmpl_set(d, "NEW_BODY", req_form(r, "body"));
	return page_render(r, 200, N_("Canned answers"));
}

/* POST /admin/canned — supervisors, admins. Fields: title, body ({name} and {agent} are placeholders). */
int canned_create_submit(req *r)
{
	const char *title = str_trim(r->a, req_form(r, "title"));
	const char *body = str_trim(r->a, req_form(r, "body"));
	if (!*title || !*body || !utf8_valid(title, strlen(title)) || !utf8_valid(body, strlen(body)) ||
	    utf8_length(title) > CANNED_MAX_TITLE || utf8_length(body) > CANNED_MAX_BODY)
		return error_page_msg(r, 400, N_("A canned answer needs a title (at most 100 characters) and a text (at most 10,000)."));
	if (canned_create(r->db, r->a, title, body, r->who.id) < 0)
		return 500;
	return redirect_flash(r, "/admin/canned", "canned_saved");
}

/* POST /admin/canned/{id}/delete — supervisors, admins. */
int canned_delete_submit(req *r)
{
	int64_t id = req_param_id(r, "id");
	canned c;
	int found = id ? canned_get(r->db, r->a, id, &c) : 0;
	if (found < 0)
		return 500;
	if (!found)
		return 404;
	if (!canned_delete(r->db, r->a, id))
		return 500;
	return redirect_flash(r, "/admin/canned", "canned_deleted");
}
