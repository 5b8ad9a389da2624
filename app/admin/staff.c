/* admin/staff.c: staff accounts: list, invite, roles, deactivation (admins only) */
#include "../conv/notify.h"
#include "../core/live.h"
#include "../handlers.h"
#include "../portal/mail_links.h"
#include "../core/auth.h"
#include "../core/page.h"
#include "../data/data.h"
#include <string.h>

static int roles_from_form(req *r)
{
	int roles = 0;
	for (size_t i = 0; i < r->form.n; i++) {
		if (strcmp(r->form.items[i].key, "role") != 0)
			continue;
		int found = 0;
		for (int k = 0; role_names[k].name; k++)
			if (strcmp(role_names[k].name, r->form.items[i].val) == 0)
				found = role_names[k].bit;
		if (!found)
			return -1;
		roles |= found;
	}
	return roles;
}

static const char *roles_label(req *r, int roles)
{
	const char *out = "";
	for (int i = 0; role_names[i].name; i++)
		if (roles & role_names[i].bit)
			out = arena_printf(r->a, "%s%s%s", out, *out ? ", " : "", tr(r, role_names[i].label));
	return out;
}

/* GET /admin/staff — admin. */
int staff_index(req *r)
{
	account *list;
	int n = staff_list(r->db, r->a, r->tz, &list);
	if (n < 0)
		return 500;
	tdict *d = page_new(r, "admin/staff_list");
	for (int i = 0; i < n; i++) {
		tdict *row = tmpl_section(d, "ROW");
		tmpl_set_int(row, "ID", list[i].id);
		tmpl_set(row, "NAME", list[i].name);
		tmpl_set(row, "EMAIL", list[i].email);
		tmpl_set(row, "ROLES", roles_label(r, list[i].roles));
		tmpl_set(row, "LAST_SEEN", list[i].last_seen_at);
		if (!list[i].active)
			tmpl_show(row, "INACTIVE");
		else
			tmpl_show(tmpl_section(row, "ACTIVE"), list[i].password_hash ? "JOINED" : "INVITED");
	}
	return page_render(r, 200, N_("Staff"));
}

static int staff_form(req *r, int status, const account *acc, const char *error)
{
	tdict *d = page_new(r, "admin/staff_form");
	if (error)
		page_error(d, r, error);
	int roles = error ? roles_from_form(r) : (acc ? acc->roles : ROLE_AGENT);
	tmpl_set(d, "NAME", error ? req_form(r, "name") : (acc ? acc->name : ""));
	if (acc) {
		tdict *e = tmpl_section(d, "EXISTING");
		tmpl_set_int(e, "ID", acc->id);
		tmpl_set(d, "EMAIL", acc->email);
		tmpl_set(d, "ACTION", arena_printf(r->a, "/admin/staff/%lld", (long long)acc->id));
		tmpl_set(d, "HEADING", acc->name);
		if (acc->active && acc->id != r->who.id)
			tmpl_show(e, "CAN_DEACTIVATE");
		if (!acc->active)
			tmpl_show(e, "CAN_REACTIVATE");
	} else {
		tmpl_show(d, "NEW");
		tmpl_set(d, "EMAIL", req_form(r, "email"));
		tmpl_set(d, "ACTION", "/admin/staff");
		tmpl_set(d, "HEADING", tr(r, "Add a staff member"));
	}
	for (int i = 0; role_names[i].name; i++) {
		tdict *o = tmpl_section(d, "ROLE");
		tmpl_set(o, "VALUE", role_names[i].name);
		tmpl_set(o, "LABEL", tr(r, role_names[i].label));
		if (roles > 0 && (roles & role_names[i].bit))
			tmpl_show(o, "CHECKED");
	}
	return page_render(r, status, acc ? N_("Staff member") : N_("Add a staff member"));
}

/* GET /admin/staff/new — admin. */
int staff_new_form(req *r)
{
	return staff_form(r, 200, NULL, NULL);
}

/* POST /admin/staff — admin. Fields: name, email, role (repeated).
 * Creates the account without a password and mails an invitation link. */
int staff_create_submit(req *r)
{
	const char *name = str_trim(r->a, req_form(r, "name"));
	const char *email = str_trim(r->a, req_form(r, "email"));
	int roles = roles_from_form(r);
	if (!*name || utf8_length(name) > 200)
		return staff_form(r, 400, NULL, N_("Please enter a name (at most 200 characters)."));
	if (!email_plausible(email))
		return staff_form(r, 400, NULL, N_("Please enter a valid email address."));
	if (roles <= 0)
		return staff_form(r, 400, NULL, N_("Please choose at least one role."));
	int64_t id = staff_create(r->db, r->a, email, name, roles, r->lang, r->tz, r->who.id);
	if (id < 0)
		return 500;
	if (id == 0)
		return staff_form(r, 400, NULL, N_("A staff account with that email already exists."));
	if (!mail_link(r, ACCOUNT_STAFF, "invite", id, email, r->lang))
		return 500;
	return redirect_flash(r, "/admin/staff", "staff_created");
}

static bool load(req *r, account *acc)
{
	int64_t id = req_param_id(r, "id");
	return id && account_get(r->db, r->a, ACCOUNT_STAFF, id, r->tz, acc);
}

/* GET /admin/staff/{id} — admin. */
int staff_edit_form(req *r)
{
	account acc;
	if (!load(r, &acc))
		return 404;
	return staff_form(r, 200, &acc, NULL);
}

/* POST /admin/staff/{id} — admin. Fields: name, role (repeated). */
int staff_update_submit(req *r)
{
	account acc;
	if (!load(r, &acc))
		return 404;
	const char *name = str_trim(r->a, req_form(r, "name"));
	int roles = roles_from_form(r);
	if (!*name || utf8_length(name) > 200)
		return staff_form(r, 400, &acc, N_("Please enter a name (at most 200 characters)."));
	if (roles <= 0)
		return staff_form(r, 400, &acc, N_("Please choose at least one role."));
	if (!staff_update(r->db, r->a, acc.id, name, roles))
		return 500;
	/* never leave the system without an active admin */
	if (staff_count_active_admins(r->db) < 1)
		return staff_form(r, 400, &acc, N_("At least one active admin must remain."));
	return redirect_flash(r, "/admin/staff", "staff_updated");
}

/* POST /admin/staff/{id}/deactivate — admin. Ends the person's sessions at once. */
int staff_deactivate_submit(req *r)
{
	account acc;
	if (!load(r, &acc))
		return 404;
	if (acc.id == r->who.id)
		return staff_form(r, 400, &acc, N_("You cannot deactivate your own account."));
	if (!staff_set_active(r->db, acc.id, false) ||
	    !sessions_end_for_account(r->db, r->a, ACCOUNT_STAFF, acc.id, NULL))
		return 500;
	/* their open desktops stop hearing anything: closing their own channel ends the multiplexed
	 * stream, and its reconnection is refused (no session) */
	live_close_after_commit(r, staff_live_channel(r->a, acc.id));
	return redirect_flash(r, "/admin/staff", "staff_deactivated");
}

/* POST /admin/staff/{id}/reactivate — admin. */
int staff_reactivate_submit(req *r)
{
	account acc;
	if (!load(r, &acc))
		return 404;
	if (!staff_set_active(r->db, acc.id, true))
		return 500;
	return redirect_flash(r, "/admin/staff", "staff_reactivated");
}
