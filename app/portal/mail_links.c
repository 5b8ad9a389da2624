/* mail_links.c: mails that carry a single-use link (verify, reset, invite) and the reset pages */
#include "mail_links.h"
#include "../handlers.h"
#include "../core/auth.h"
#include "../core/config.h"
#include "../core/crypto.h"
#include "../core/i18n.h"
#include "../core/page.h"
#include "../data/data.h"
#include <string.h>

static const struct link_kind {
	const char *purpose;
	int minutes;
	const char *subject, *intro, *path_customer, *path_staff;
} links[] = {
	{ "verify", 24 * 60, N_("Confirm your email address"),
	  N_("Welcome to CXMS! Please confirm your email address to finish creating your account:"),
	  "/account/verify", NULL },
	{ "reset", 60, N_("Reset your password"),
	  N_("Someone asked to reset the password of your account. If it was you, choose a new password here (the link works once, for one hour):"),
	  "/account/reset", "/admin/reset" },
	{ "invite", 7 * 24 * 60, N_("You have been invited to CXMS"),
	  N_("An administrator created a staff account for you. Choose your password here (the link works once, for seven days):"),
	  NULL, "/admin/reset" },
};

bool mail_link(req *r, account_kind kind, const char *purpose, int64_t id, const char *email,
	       const char *lang)
{
	const struct link_kind *k = NULL;
	for (size_t i = 0; i < sizeof links / sizeof links[0]; i++)
		if (strcmp(links[i].purpose, purpose) == 0)
			k = &links[i];
	const char *path = k ? (kind == ACCOUNT_STAFF ? k->path_staff : k->path_customer) : NULL;
	if (!path)
		return false;
	char *token = token_new(r->a);
	if (!reset_create(r->db, r->a, kind, purpose, id, token_hash(r->a, token), k->minutes))
		return false;
	const char *body = arena_printf(r->a, "%s\n\n%s%s?token=%s\n\n%s\n",
					i18n_lookup(lang, k->intro), cfg.base_url, path, token,
					i18n_lookup(lang, "If you did not ask for this, you can ignore this mail."));
	return mail_queue(r->db, r->a, email, i18n_lookup(lang, k->subject), body, true) > 0;
}

static const char *area(account_kind kind, const char *customer, const char *staff)
{
	return kind == ACCOUNT_STAFF ? staff : customer;
}

int forgot_page(req *r, account_kind kind)
{
	tdict *d = page_new(r, "portal/forgot");
	tmpl_set(d, "ACTION", area(kind, "/account/forgot", "/admin/forgot"));
	return page_render(r, 200, N_("Reset your password"));
}

/* The same answer whether or not the address has an account. */
int forgot_post(req *r, account_kind kind)
{
	const char *email = str_trim(r->a, req_form(r, "email"));
	account acc;
	if (email_plausible(email) && account_by_email(r->db, r->a, kind, email, &acc) &&
	    (kind != ACCOUNT_STAFF || acc.active)) {
		if (!mail_link(r, kind, "reset", acc.id, acc.email, acc.lang))
			return 500;
	}
	return redirect_flash(r, area(kind, "/signin", "/admin/signin"), "reset_sent");
}

static int reset_view(req *r, account_kind kind, int status, const char *token, const char *error)
{
	tdict *d = page_new(r, "portal/reset");
	if (error)
		page_error(d, r, error);
	tmpl_set(d, "ACTION", area(kind, "/account/reset", "/admin/reset"));
	tmpl_set(d, "FORGOT", area(kind, "/account/forgot", "/admin/forgot"));
	if (reset_usable(r->db, kind, NULL, token_hash(r->a, token))) {
		tmpl_set(tmpl_section(d, "USABLE"), "TOKEN", token);
	} else {
		tmpl_show(d, "EXPIRED");
		if (status == 200)
			status = 410;
	}
	return page_render(r, status, N_("Choose a new password"));
}

int reset_page(req *r, account_kind kind)
{
	return reset_view(r, kind, 200, req_query(r, "token"), NULL);
}

/* Spends the token, sets the password, ends every session of the account. */
int reset_post(req *r, account_kind kind)
{
	const char *token = req_form(r, "token");
	const char *password = req_form(r, "password");
	const char *problem = password_problem(password);
	if (problem)
		return reset_view(r, kind, 400, token, problem);
	int64_t id = reset_consume(r->db, r->a, kind, NULL, token_hash(r->a, token));
	if (id == 0)
		return reset_view(r, kind, 400, token, N_("This link has expired or was already used."));
	char *hash = password_hash(r->a, password);
	if (!hash || !account_set_password(r->db, r->a, kind, id, hash) ||
	    !sessions_end_for_account(r->db, r->a, kind, id, NULL))
		return 500;
	/* a reset link proves the mailbox, as the verification link would */
	if (kind == ACCOUNT_CUSTOMER && !customer_mark_verified(r->db, r->a, id))
		return 500;
	return redirect_flash(r, area(kind, "/signin", "/admin/signin"), "password_reset");
}

/* GET /account/forgot — anyone. */
int forgot_form(req *r) { return forgot_page(r, ACCOUNT_CUSTOMER); }
/* POST /account/forgot — anyone. Fields: email. */
int forgot_submit(req *r) { return forgot_post(r, ACCOUNT_CUSTOMER); }
/* GET /account/reset — anyone. Query: token. */
int reset_form(req *r) { return reset_page(r, ACCOUNT_CUSTOMER); }
/* POST /account/reset — anyone. Fields: token, password. */
int reset_submit(req *r) { return reset_post(r, ACCOUNT_CUSTOMER); }

/* GET /account/verify — anyone. Query: token. Shows a button: GET changes nothing. */
int verify_form(req *r)
{
	tdict *d = page_new(r, "portal/verify");
	const char *token = req_query(r, "token");
	if (reset_usable(r->db, ACCOUNT_CUSTOMER, "verify", token_hash(r->a, token))) {
		tmpl_set(tmpl_section(d, "USABLE"), "TOKEN", token);
		return page_render(r, 200, N_("Confirm your email address"));
	}
	tmpl_show(d, "EXPIRED");
	return page_render(r, 410, N_("Confirm your email address"));
}

/* POST /account/verify — anyone. Fields: token. Confirms the address and signs in. */
int verify_submit(req *r)
{
	int64_t id = reset_consume(r->db, r->a, ACCOUNT_CUSTOMER, "verify",
				   token_hash(r->a, req_form(r, "token")));
	if (id == 0) {
		tdict *d = page_new(r, "portal/verify");
		tmpl_show(d, "EXPIRED");
		return page_render(r, 400, N_("Confirm your email address"));
	}
	if (!customer_mark_verified(r->db, r->a, id) || !auth_sign_in(r, ACCOUNT_CUSTOMER, id))
		return 500;
	return redirect_flash(r, "/account", "signed_up");
}
