/* page.c: rendering pages in the layout, translations, flash messages, error pages */
#include "page.h"
#include "crypto.h"
#include "i18n.h"
#include "log.h"
#include <string.h>

const char *tr(req *r, const char *msgid)
{
	return i18n_lookup(r->lang ? r->lang : I18N_DEFAULT_LANG, msgid);
}

const char *viewer_tz(req *r)
{
	return r->tz ? r->tz : "UTC";
}

static const struct {
	const char *code, *msgid;
} flashes[] = {
	{ "signed_in", N_("You are signed in.") },
	{ "signed_out", N_("You are signed out.") },
	{ "signed_up", N_("Welcome! Your account is ready.") },
	{ "signup_check_mail", N_("Thanks! We have sent you an email: follow its link to finish.") },
	{ "password_changed", N_("Your password has been changed. Your other sessions were signed out.") },
	{ "reset_sent", N_("If an account exists for that address, we have sent it a link to reset the password.") },
	{ "password_reset", N_("Your password has been set. Please sign in.") },
	{ "profile_saved", N_("Your profile has been saved.") },
	{ "staff_created", N_("The staff account has been created and an invitation sent.") },
	{ "staff_updated", N_("The staff account has been updated.") },
	{ "staff_deactivated", N_("The staff account has been deactivated and signed out.") },
	{ "staff_reactivated", N_("The staff account has been reactivated.") },
	{ "session_expired", N_("Your session has expired. Please sign in again.") },
	{ "consent_saved", N_("Your privacy choices have been saved.") },
	{ "purpose_versioned", N_("The new version of the purpose text is published.") },
	{ "consent_recorded", N_("The customer's choice has been recorded in the consent ledger.") },
	{ "details_saved", N_("Your private details have been saved, encrypted.") },
	{ "unsubscribed", N_("You are unsubscribed: we will send you no more of these mails.") },
	{ "erasure_requested", N_("The erasure has been requested; its receipt is in the list.") },
	{ "help_voted", N_("Thank you for your feedback.") },
	{ "help_saved", N_("The article has been saved.") },
	{ "help_status", N_("The article's status has been changed.") },
	{ "help_restored", N_("The revision has been restored as the current text.") },
	{ "help_category_saved", N_("The category has been saved.") },
	{ "chat_transcript_sent", N_("We have emailed you the transcript.") },
	{ "canned_saved", N_("The canned answer has been saved.") },
	{ "canned_deleted", N_("The canned answer has been deleted.") },
	{ "routing_saved", N_("The routing settings have been saved.") },
	{ "channel_saved", N_("The channel has been saved.") },
	{ "bulk_done", N_("The conversations you chose have been updated.") },
	{ "survey_created", N_("The survey has been created. Add or check its questions below.") },
	{ "survey_saved", N_("The survey has been saved.") },
	{ "survey_question_added", N_("The question has been added.") },
	{ "survey_sent", N_("The survey has been sent to the customers who may receive it.") },
	{ NULL, NULL },
};

const char *flash_msgid(const char *code)
{
	if (!code)
		return NULL;
	for (int i = 0; flashes[i].code; i++)
		if (strcmp(flashes[i].code, code) == 0)
			return flashes[i].msgid;
	return NULL;
}

const char *csrf_token(req *r)
{
	if (r->csrf)
		return r->csrf;
	const char *basis = r->who.session_token;
	if (!basis)
		basis = req_cookie(r, "cxms_csrf");
	if (!basis || strlen(basis) < 32) {
		basis = token_new(r->a);
		resp_cookie(r, "cxms_csrf", basis, -1, true);
	}
	r->csrf_basis = basis;
	r->csrf = keyed_hash(r->a, "csrf", basis);
	return r->csrf;
}

bool csrf_valid(req *r)
{
	const char *basis = r->who.session_token;
	if (!basis)
		basis = req_cookie(r, "cxms_csrf");
	const char *sent = kv_get(&r->form, "csrf");
	if (!basis || !sent)
		return false;
	return secure_streq(keyed_hash(r->a, "csrf", basis), sent);
}

static void free_dict(void *d)
{
	tmpl_dict_free(d);
}

tdict *page_new(req *r, const char *tpl)
{
	if (!r->layout) {
		r->layout = tmpl_dict_new();
		req_defer(r, free_dict, r->layout);
	}
	r->page = tmpl_include(r->layout, "BODY", arena_printf(r->a, "%s/%s", r->lang, tpl));
	return r->page;
}

tdict *fragment_new(req *r, const char *tpl)
{
	r->layout = tmpl_dict_new();
	req_defer(r, free_dict, r->layout);
	r->page = r->layout;
	r->fragment = arena_printf(r->a, "%s/%s", r->lang, tpl);
	return r->page;
}

void page_error(tdict *d, req *r, const char *msgid)
{
	page_error_text(d, tr(r, msgid));
}

void page_error_text(tdict *d, const char *text)
{
	tmpl_set(tmpl_section(d, "ERROR"), "ERROR_TEXT", text);
}

static void fill_layout(req *r, const char *title)
{
	tdict *l = r->layout;
	tmpl_set_global(l, "LANG", r->lang);
	tmpl_set_global(l, "TITLE", title);
	tmpl_set_global(l, "CSRF", csrf_token(r));
	tmpl_set_global(l, "REQUEST_ID", r->id);
	tmpl_set_global(l, "CURRENT_PATH", r->path);
	for (int i = 0; i18n_langs[i]; i++) {
		tdict *o = tmpl_section(l, "LANG_OPTION");
		tmpl_set(o, "CODE", i18n_langs[i]);
		tmpl_set(o, "LABEL", strcmp(i18n_langs[i], "bn") == 0 ? "বাংলা" : "English");
		if (strcmp(i18n_langs[i], r->lang) == 0)
			tmpl_show(o, "SELECTED");
	}
	if (r->who.kind != ACCOUNT_NONE) {
		tdict *s = tmpl_section(l, "SIGNED_IN");
		tmpl_set(s, "USER_NAME", r->who.name);
		if (r->who.kind == ACCOUNT_STAFF) {
			int roles = r->who.roles;
			if (roles & (ROLE_AGENT | ROLE_SUPERVISOR | ROLE_ADMIN))
				tmpl_show(l, "NAV_AGENT");
			if (roles & (ROLE_SUPERVISOR | ROLE_ADMIN))
				tmpl_show(l, "NAV_SUPERVISOR");
			if (roles & ROLE_ADMIN)
				tmpl_show(l, "NAV_ADMIN");
			if (roles & ROLE_COMPLIANCE)
				tmpl_show(l, "NAV_COMPLIANCE");
		}
	} else {
		tmpl_show(l, "SIGNED_OUT");
	}
	const char *flash = flash_msgid(req_cookie(r, "cxms_flash"));
	if (flash) {
		tmpl_set(tmpl_section(l, "FLASH"), "FLASH_TEXT", tr(r, flash));
		resp_cookie(r, "cxms_flash", "", 0, true);
	}
}

int page_render_title(req *r, int status, const char *title)
{
	if (!r->page)
		die("page_render without page_new");
	fill_layout(r, title);
	const char *layout = r->is_admin_area ? "layout/admin" : "layout/portal";
	buf_clear(r->out);
	const char *key = r->fragment ? r->fragment : arena_printf(r->a, "%s/%s", r->lang, layout);
	if (!tmpl_expand(key, r->layout, r->out)) {
		log_error("req=%s template expansion failed", r->id);
		return resp_text(r, 500, "text/plain; charset=utf-8", N_("Internal error\n"));
	}
	r->status = status;
	r->content_type_out = "text/html; charset=utf-8";
	return status;
}

int page_render(req *r, int status, const char *title_msgid)
{
	return page_render_title(r, status, tr(r, title_msgid));
}

static const char *status_title(int status)
{
	switch (status) {
	case 400: return N_("Bad request");
	case 403: return N_("Forbidden");
	case 404: return N_("Page not found");
	case 405: return N_("Method not allowed");
	case 413: return N_("Request too large");
	case 429: return N_("Too many requests");
	default: return N_("Something went wrong");
	}
}

static const char *status_text(int status)
{
	switch (status) {
	case 400: return N_("The request could not be understood. Please check what you entered and try again.");
	case 403: return N_("You are not allowed to do that. If you were filling in a form, reload the page and try again.");
	case 404: return N_("We could not find that page.");
	case 405: return N_("That action is not available here.");
	case 413: return N_("What you sent is too large.");
	case 429: return N_("Too many attempts. Please wait a moment and try again.");
	default: return N_("An unexpected error happened on our side. It has been logged.");
	}
}

int error_page_text(req *r, int status, const char *text)
{
	/* start again: whatever the handler began is discarded */
	r->layout = NULL;
	r->page = NULL;
	r->fragment = NULL;
	tdict *d = page_new(r, "errors/error");
	tmpl_set_int(d, "STATUS", status);
	tmpl_set(d, "MESSAGE", text);
	return page_render(r, status, status_title(status));
}

int error_page_msg(req *r, int status, const char *msgid)
{
	return error_page_text(r, status, tr(r, msgid ? msgid : status_text(status)));
}

int error_page(req *r, int status)
{
	return error_page_msg(r, status, NULL);
}
