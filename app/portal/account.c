/* portal/account.c: customer sign-up, sign-in, sign-out, profile and password change */
#include "../handlers.h"
#include "mail_links.h"
#include "privacy.h"
#include "../channels/webchat.h"
#include "../core/auth.h"
#include "../core/config.h"
#include "../core/choices.h"
#include "../core/crypto.h"
#include "../core/i18n.h"
#include "../core/page.h"
#include "../data/data.h"
#include "../data/consent.h"
#include <string.h>

static const char *SIGNIN_FAILED = N_("That email and password do not match an account, or sign-in is paused after too many attempts. Please try again.");

static int signup_page(req *r, int status, const char *error)
{
	tdict *d = page_new(r, "portal/signup");
	if (error)
		page_error(d, r, error);
	tmpl_set(d, "NAME", req_form(r, "name"));
	tmpl_set(d, "EMAIL", req_form(r, "email"));
	const char *lang = req_form(r, "lang");
	choices_lang(d, *lang ? lang : r->lang);
	const char *tz = req_form(r, "tz");
	choices_tz(d, *tz ? tz : "UTC");
	/* one unticked box per optional purpose; a re-shown form keeps the visitor's choices */
	if (!consent_boxes(r, d, r->is_post))
		return 500;
	return page_render(r, status, N_("Create account"));
}

/* GET /signup — anyone. */
int signup_form(req *r)
{
	if (r->who.kind == ACCOUNT_CUSTOMER)
		return redirect(r, "/account");
	return signup_page(r, 200, NULL);
}

/* POST /signup — anyone. Fields: name, email, password, lang, tz, consent (repeated purpose codes).
 * The answer for a taken email is the same as for a new one would be on the next step:
 * we do not reveal accounts; the owner of that address gets a mail instead. */
int signup_submit(req *r)
{
	const char *name = str_trim(r->a, req_form(r, "name"));
	const char *email = str_trim(r->a, req_form(r, "email"));
	const char *password = req_form(r, "password");
	const char *lang = req_form(r, "lang");
	const char *tz = req_form(r, "tz");
	if (!*name || utf8_length(name) > 200)
		return signup_page(r, 400, N_("Please enter your name (at most 200 characters)."));
	if (!email_plausible(email))
		return signup_page(r, 400, N_("Please enter a valid email address."));
	const char *problem = password_problem(password);
	if (problem)
		return signup_page(r, 400, problem);
	if (!i18n_supported(lang))
		return signup_page(r, 400, N_("Please choose a language from the list."));
	if (!timezone_valid(tz))
		return signup_page(r, 400, N_("Please choose a time zone from the list."));
	const char **consents;
	if (!consent_codes_from_form(r, &consents))
		return signup_page(r, 400, N_("Please choose from the purposes listed."));
	char *hash = password_hash(r->a, password);
	if (!hash)
		return 500;
	int64_t id = customer_create(r->db, r->a, email, hash, name, lang, tz);
	if (id < 0)
		return 500;
	if (id > 0) {
		consent_ctx ctx = consent_ctx_from_req(r, CH_PORTAL);
		if (consent_set_all(r->db, r->a, id, consents, &ctx) < 0 ||
		    !mail_link(r, ACCOUNT_CUSTOMER, "verify", id, email, lang))
			return 500;
	} else {
		/* Taken: tell the owner by mail; the visitor sees the same answer as for a new address. */
		const char *body = arena_printf(r->a,
			"%s\n\n%s\n%s/signin\n\n%s\n%s/account/forgot\n",
			i18n_lookup(lang, "Someone tried to create an account with this email address, which already has one."),
			i18n_lookup(lang, "If it was you, sign in here:"), cfg.base_url,
			i18n_lookup(lang, "Forgot your password? Reset it here:"), cfg.base_url);
		if (mail_queue(r->db, r->a, email, i18n_lookup(lang, "Your CXMS account"), body, false) < 0)
			return 500;
	}
	return redirect_flash(r, "/signin", "signup_check_mail");
}

static int signin_page(req *r, account_kind kind, int status, const char *error)
{
	tdict *d = page_new(r, "portal/signin");
	if (error)
		page_error(d, r, error);
	bool staff = kind == ACCOUNT_STAFF;
	tmpl_set(d, "HEADING", tr(r, staff ? N_("Staff sign-in") : N_("Sign in")));
	tmpl_set(d, "ACTION", staff ? "/admin/signin" : "/signin");
	tmpl_set(d, "FORGOT", staff ? "/admin/forgot" : "/account/forgot");
	tmpl_set(d, "EMAIL", req_form(r, "email"));
	const char *next = *req_form(r, "next") ? req_form(r, "next") : req_query(r, "next");
	tmpl_set(d, "NEXT", local_path_ok(next) ? next : "");
	if (!staff)
		tmpl_show(d, "SIGNUP_LINK");
	return page_render(r, status, staff ? N_("Staff sign-in") : N_("Sign in"));
}

/* Shared by customers and staff: same message and same work whether the email
 * exists or not, and repeated failures pause the account. */
int sign_in_with_password(req *r, account_kind kind)
{
	const char *email = str_trim(r->a, req_form(r, "email"));
	const char *password = req_form(r, "password");
	if (!*email || !*password || strlen(password) > 512)
		return signin_page(r, kind, 400, SIGNIN_FAILED);
	account acc;
	if (!account_by_email(r->db, r->a, kind, email, &acc) || !acc.password_hash ||
	    (kind == ACCOUNT_STAFF && !acc.active)) {
		password_verify_dummy(password);
		return signin_page(r, kind, 400, SIGNIN_FAILED);
	}
	if (acc.locked) {
		password_verify_dummy(password);
		return signin_page(r, kind, 429, SIGNIN_FAILED);
	}
	if (!password_verify(acc.password_hash, password)) {
		/* the failure count must survive the rollback of this request */
		if (!account_login_failed(r->db, kind, acc.id) || !db_commit_and_continue(r->db))
			return 500;
		return signin_page(r, kind, 400, SIGNIN_FAILED);
	}
	if (!acc.verified) {
		/* only someone who knows the password learns the account exists */
		/* the new link must survive the rollback of this refused request */
		if (!mail_link(r, kind, "verify", acc.id, acc.email, acc.lang) ||
		    !db_commit_and_continue(r->db))
			return 500;
		return signin_page(r, kind, 403, N_("Please confirm your email address first: we have sent you a new link."));
	}
	if (!account_login_ok(r->db, kind, acc.id) || !auth_sign_in(r, kind, acc.id))
		return 500;
	const char *next = req_form(r, "next");
	const char *home = kind == ACCOUNT_STAFF ? "/admin" : "/account";
	if (!local_path_ok(next))
		next = home;
	/* staff never land on portal pages and customers never on /admin */
	bool admin_path = strncmp(next, "/admin", 6) == 0;
	if (admin_path != (kind == ACCOUNT_STAFF))
		next = home;
	return redirect_flash(r, next, "signed_in");
}

/* GET /signin — anyone. Query: next (local path to return to). */
int signin_form(req *r)
{
	if (r->who.kind == ACCOUNT_CUSTOMER)
		return redirect(r, "/account");
	return signin_page(r, ACCOUNT_CUSTOMER, 200, NULL);
}

/* POST /signin — anyone. Fields: email, password, next. */
int signin_submit(req *r)
{
	return sign_in_with_password(r, ACCOUNT_CUSTOMER);
}

/* POST /signout — customer. */
int signout_submit(req *r)
{
	/* open chat streams of this customer must not outlive the session */
	webchat_signed_out(r, r->who.id);
	auth_sign_out(r);
	return redirect_flash(r, "/", "signed_out");
}

static int profile_page(req *r, int status, const char *error)
{
	account acc;
	if (!account_get(r->db, r->a, ACCOUNT_CUSTOMER, r->who.id, r->tz, &acc))
		return 500;
	tdict *d = page_new(r, "portal/account");
	if (error)
		page_error(d, r, error);
	tmpl_set(d, "NAME", error ? req_form(r, "name") : acc.name);
	tmpl_set(d, "EMAIL", acc.email);
	tmpl_set(d, "SINCE", acc.created_at);
	choices_lang(d, acc.lang);
	choices_tz(d, acc.tz);
	return page_render(r, status, N_("My account"));
}

/* GET /account — customer. */
int profile_form(req *r)
{
	return profile_page(r, 200, NULL);
}

/* POST /account — customer. Fields: name, lang, tz. */
int profile_submit(req *r)
{
	const char *name = str_trim(r->a, req_form(r, "name"));
	const char *lang = req_form(r, "lang");
	const char *tz = req_form(r, "tz");
	if (!*name || utf8_length(name) > 200)
		return profile_page(r, 400, N_("Please enter your name (at most 200 characters)."));
	if (!i18n_supported(lang))
		return profile_page(r, 400, N_("Please choose a language from the list."));
	if (!timezone_valid(tz))
		return profile_page(r, 400, N_("Please choose a time zone from the list."));
	if (!account_update_profile(r->db, ACCOUNT_CUSTOMER, r->who.id, name, lang, tz))
		return 500;
	return redirect_flash(r, "/account", "profile_saved");
}

static int password_page(req *r, int status, const char *error)
{
	tdict *d = page_new(r, "portal/password");
	if (error)
		page_error(d, r, error);
	return page_render(r, status, N_("Change password"));
}

/* GET /account/password — customer. */
int password_form(req *r)
{
	return password_page(r, 200, NULL);
}

/* POST /account/password — customer. Fields: current, password.
 * Ends every other session of the account. */
int password_submit(req *r)
{
	account acc;
	if (!account_get(r->db, r->a, ACCOUNT_CUSTOMER, r->who.id, r->tz, &acc))
		return 500;
	if (!password_verify(acc.password_hash, req_form(r, "current")))
		return password_page(r, 400, N_("Your current password is not correct."));
	const char *password = req_form(r, "password");
	const char *problem = password_problem(password);
	if (problem)
		return password_page(r, 400, problem);
	char *hash = password_hash(r->a, password);
	if (!hash || !account_set_password(r->db, r->a, ACCOUNT_CUSTOMER, r->who.id, hash) ||
	    !sessions_end_for_account(r->db, r->a, ACCOUNT_CUSTOMER, r->who.id, auth_session_hash(r)))
		return 500;
	return redirect_flash(r, "/account", "password_changed");
}
