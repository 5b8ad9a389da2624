/* admin/auth.c: staff sign-in, sign-out, forgotten passwords and invitations */
#include "../conv/notify.h"
#include "../core/live.h"
#include "../handlers.h"
#include "../portal/mail_links.h"
#include "../core/auth.h"
#include "../core/page.h"

/* GET /admin/signin — anyone. */
int admin_signin_form(req *r)
{
	if (r->who.kind == ACCOUNT_STAFF)
		return redirect(r, "/admin");
	tdict *d = page_new(r, "portal/signin");
	tmpl_set(d, "HEADING", tr(r, "Staff sign-in"));
	tmpl_set(d, "ACTION", "/admin/signin");
	tmpl_set(d, "FORGOT", "/admin/forgot");
	return page_render(r, 200, N_("Staff sign-in"));
}

/* POST /admin/signin — anyone. Fields: email, password, next. */
int admin_signin_submit(req *r) { return sign_in_with_password(r, ACCOUNT_STAFF); }

/* POST /admin/signout — staff. */
int admin_signout_submit(req *r)
{
	/* the streams this browser opened end (the member's others reconnect with their own sessions) */
	live_close_after_commit(r, staff_live_channel(r->a, r->who.id));
	auth_sign_out(r);
	return redirect_flash(r, "/admin/signin", "signed_out");
}

/* GET /admin/forgot — anyone. */
int admin_forgot_form(req *r) { return forgot_page(r, ACCOUNT_STAFF); }
/* POST /admin/forgot — anyone. Fields: email. */
int admin_forgot_submit(req *r) { return forgot_post(r, ACCOUNT_STAFF); }
/* GET /admin/reset — anyone. Query: token (a reset or an invitation). */
int admin_reset_form(req *r) { return reset_page(r, ACCOUNT_STAFF); }
/* POST /admin/reset — anyone. Fields: token, password. */
int admin_reset_submit(req *r) { return reset_post(r, ACCOUNT_STAFF); }
