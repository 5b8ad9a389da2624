/* portal/privacy.c: the customer's privacy center: consents and their history, download my data,
 * delete my account */
#include "../handlers.h"
#include "privacy.h"
#include "../channels/webchat.h"
#include "../core/auth.h"
#include "../core/crypto.h"
#include "../core/page.h"
#include "../data/consent.h"
#include <stdlib.h>
#include <string.h>

#define MAX_CONSENT_CODES 16

bool consent_codes_from_form(req *r, const char ***out)
{
	const char **codes = arena_calloc(r->a, sizeof *codes * (MAX_CONSENT_CODES + 1));
	int n = 0;
	for (size_t i = 0; i < r->form.n; i++) {
		if (strcmp(r->form.items[i].key, "consent") != 0)
			continue;
		const char *c = r->form.items[i].val;
		if (!purpose_code_valid(c) || n >= MAX_CONSENT_CODES)
			return false;
		codes[n++] = c;
	}
	*out = codes;
	return true;
}

static bool ticked(req *r, const char *code)
{
	for (size_t i = 0; i < r->form.n; i++)
		if (strcmp(r->form.items[i].key, "consent") == 0 && strcmp(r->form.items[i].val, code) == 0)
			return true;
	return false;
}

bool consent_boxes(req *r, tdict *d, bool checked_from_form)
{
	consent_purpose *ps;
	int n = purposes_list(r->db, r->a, r->lang, &ps);
	if (n < 0)
		return false;
	for (int i = 0; i < n; i++) {
		if (!ps[i].optional)
			continue;
		tdict *b = tmpl_section(d, "CONSENT");
		tmpl_set(b, "CODE", ps[i].code);
		tmpl_set(b, "TITLE", ps[i].title);
		tmpl_set(b, "TEXT", ps[i].text);
		if (checked_from_form && ticked(r, ps[i].code))
			tmpl_show(b, "CHECKED");
	}
	return true;
}

static const char *channel_label(const char *ch)
{
	if (strcmp(ch, "portal") == 0) return N_("this site");
	if (strcmp(ch, "chat") == 0) return N_("chat");
	if (strcmp(ch, "email_link") == 0) return N_("email link");
	if (strcmp(ch, "staff_phone") == 0) return N_("by phone, with our staff");
	return N_("another application (API)");
}

static int privacy_render(req *r, int status, const char *error)
{
	consent_purpose *ps;
	int n = consent_state_for(r->db, r->a, r->who.id, r->lang, r->tz, &ps);
	consent_event *ev;
	int m = consent_history(r->db, r->a, r->who.id, r->lang, r->tz, 200, &ev);
	if (n < 0 || m < 0)
		return 500;
	tdict *d = page_new(r, "portal/privacy");
	if (error)
		page_error(d, r, error);
	for (int i = 0; i < n; i++) {
		tdict *p = tmpl_section(d, ps[i].optional ? "PURPOSE" : "SERVICE");
		tmpl_set(p, "CODE", ps[i].code);
		tmpl_set(p, "TITLE", ps[i].title);
		tmpl_set(p, "TEXT", ps[i].text);
		tmpl_set_int(p, "VERSION", ps[i].version);
		if (ps[i].granted)
			tmpl_show(p, "CHECKED");
		tmpl_set(p, "STATE", tr(r, ps[i].granted ? N_("Allowed") : N_("Not allowed")));
	}
	for (int i = 0; i < m; i++) {
		tdict *h = tmpl_section(d, "EVENT");
		tmpl_set(h, "AT", ev[i].at);
		tmpl_set(h, "TITLE", ev[i].purpose_title);
		tmpl_set_int(h, "VERSION", ev[i].purpose_version);
		tmpl_set(h, "CHANGE", tr(r, ev[i].granted ? N_("allowed") : N_("withdrawn")));
		tmpl_set(h, "CHANNEL", tr(r, channel_label(ev[i].channel)));
	}
	if (m == 0)
		tmpl_show(d, "NO_EVENTS");
	return page_render(r, status, N_("Privacy"));
}

/* GET /account/privacy — customer. Current consent per purpose, history, download, delete. */
int privacy_page(req *r)
{
	return privacy_render(r, 200, NULL);
}

/* POST /account/privacy — customer. Fields: consent (repeated purpose codes to allow; every
 * other optional purpose is withdrawn). Only changes are written to the ledger. */
int privacy_submit(req *r)
{
	const char **codes;
	if (!consent_codes_from_form(r, &codes))
		return privacy_render(r, 400, N_("Please choose from the purposes listed."));
	consent_ctx ctx = consent_ctx_from_req(r, CH_PORTAL);
	if (consent_set_all(r->db, r->a, r->who.id, codes, &ctx) < 0)
		return 500;
	return redirect_flash(r, "/account/privacy", "consent_saved");
}

/* POST /account/privacy/export — customer. Everything stored about them, as JSON, streamed.
 * A POST because it is logged. */
int privacy_export(req *r)
{
	/* the log entry is committed before streaming starts: an export is never unrecorded */
	if (!access_log_add(r->db, 0, r->who.id, "self_export", "", "", r->id) ||
	    !db_commit_and_continue(r->db))
		return 500;
	return customer_export_stream(r, r->who.id) ? 200 : 500;
}

/* POST /account/privacy/delete — customer. Fields: password, confirm=yes.
 * Records an erasure request, ends every session, shows the receipt. */
int privacy_delete(req *r)
{
	account acc;
	if (!account_get(r->db, r->a, ACCOUNT_CUSTOMER, r->who.id, r->tz, &acc))
		return 500;
	if (strcmp(req_form(r, "confirm"), "yes") != 0)
		return privacy_render(r, 400, N_("Please tick the box to confirm that you want your account deleted."));
	const char *password = req_form(r, "password");
	if (strlen(password) > 512 || !password_verify(acc.password_hash, password))
		return privacy_render(r, 400, N_("Your password is not correct."));
	const char *receipt = erasure_request(r->db, r->a, r->who.id, 0);
	if (!receipt || !sessions_end_for_account(r->db, r->a, ACCOUNT_CUSTOMER, r->who.id, NULL))
		return 500;
	/* the customer's open chat streams close with the account */
	if (!webchat_signed_out(r, r->who.id))
		return 500;
	auth_sign_out(r);
	return redirect(r, arena_printf(r->a, "/account/deleted?receipt=%s", url_encode(r->a, receipt)));
}

/* GET /account/deleted — anyone. Query: receipt. The erasure receipt and its state. */
int privacy_deleted(req *r)
{
	const char *receipt = req_query(r, "receipt");
	erasure_entry e;
	if (strlen(receipt) > 40 || !erasure_by_receipt(r->db, r->a, receipt, r->tz, &e))
		return 404;
	tdict *d = page_new(r, "portal/privacy_deleted");
	tmpl_set(d, "RECEIPT", e.receipt);
	tmpl_set(d, "REQUESTED", e.requested_at);
	if (e.completed_at)
		tmpl_set(tmpl_section(d, "DONE"), "COMPLETED", e.completed_at);
	else
		tmpl_show(d, "PENDING");
	return page_render(r, 200, N_("Account deleted"));
}

/* ---- one-click unsubscribe from marketing mails ---- */

const char *unsubscribe_token(arena *a, int64_t customer_id, const char *purpose)
{
	const char *msg = arena_printf(a, "%lld.%s", (long long)customer_id, purpose);
	return arena_printf(a, "%s.%s", msg, keyed_hash(a, "unsubscribe", msg));
}

/* Checks the token; fills the customer and purpose when it is ours. */
static bool unsubscribe_parse(req *r, const char *token, int64_t *customer_id, const char **purpose)
{
	const char *dot1 = strchr(token, '.');
	const char *dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
	if (!dot2 || strlen(token) > 200)
		return false;
	const char *id = arena_strndup(r->a, token, (size_t)(dot1 - token));
	const char *p = arena_strndup(r->a, dot1 + 1, (size_t)(dot2 - dot1 - 1));
	if (!str_is_digits(id) || strlen(id) > 18 || !purpose_code_valid(p))
		return false;
	const char *msg = arena_printf(r->a, "%s.%s", id, p);
	if (!secure_streq(keyed_hash(r->a, "unsubscribe", msg), dot2 + 1))
		return false;
	*customer_id = strtoll(id, NULL, 10);
	*purpose = p;
	return *customer_id > 0;
}

/* GET /unsubscribe — anyone with a signed link. Query: token. Confirms in one click. */
int unsubscribe_form(req *r)
{
	int64_t id;
	const char *purpose;
	if (!unsubscribe_parse(r, req_query(r, "token"), &id, &purpose))
		return 404;
	tdict *d = page_new(r, "portal/privacy_unsubscribe");
	tmpl_set(d, "TOKEN", req_query(r, "token"));
	return page_render(r, 200, N_("Unsubscribe"));
}

/* POST /unsubscribe — anyone with a signed link. Fields: token (the confirm page), or the query's
 * token with the body List-Unsubscribe=One-Click (RFC 8058: a mail client, no cookies).
 * Withdraws the consent. */
int unsubscribe_submit(req *r)
{
	int64_t id;
	const char *purpose;
	bool one_click = strcmp(req_form(r, "List-Unsubscribe"), "One-Click") == 0;
	const char *token = *req_form(r, "token") ? req_form(r, "token") : req_query(r, "token");
	if (!unsubscribe_parse(r, token, &id, &purpose))
		return 404;
	consent_ctx ctx = consent_ctx_from_req(r, CH_EMAIL_LINK);
	ctx.staff_id = 0;
	if (consent_granted(r->db, id, purpose) && !consent_record(r->db, r->a, id, purpose, false, &ctx))
		return 500;
	if (one_click)
		return resp_text(r, 200, "text/plain; charset=utf-8", "unsubscribed\n");
	return redirect_flash(r, "/", "unsubscribed");
}

/* ---- sensitive details, sealed with the customer's own key ---- */

static int details_render(req *r, int status, const char *error, const private_fields *f)
{
	tdict *d = page_new(r, "portal/privacy_details");
	if (error)
		page_error(d, r, error);
	tmpl_set(d, "PHONE", f->phone ? f->phone : "");
	tmpl_set(d, "BIRTHDAY", f->birthday ? f->birthday : "");
	tmpl_set(d, "ADDRESS", f->address ? f->address : "");
	return page_render(r, status, N_("Private details"));
}

/* GET /account/details — customer. Phone, birthday, address (stored encrypted). */
int details_form(req *r)
{
	private_fields f;
	if (!private_load(r->db, r->a, r->who.id, &f))
		return 500;
	return details_render(r, 200, NULL, &f);
}

static bool phone_ok(const char *s)
{
	if (strlen(s) > 40)
		return false;
	for (; *s; s++)
		if (!strchr("0123456789 +-().", *s))
			return false;
	return true;
}

/* POST /account/details — customer. Fields: phone, birthday (YYYY-MM-DD), address. */
int details_submit(req *r)
{
	private_fields f = { str_trim(r->a, req_form(r, "phone")), str_trim(r->a, req_form(r, "birthday")),
			     str_trim(r->a, req_form(r, "address")), NULL };
	if (!phone_ok(f.phone))
		return details_render(r, 400, N_("Please enter a phone number with digits, spaces and + - ( ) only."), &f);
	if (*f.birthday && !iso_date_valid(f.birthday))
		return details_render(r, 400, N_("Please enter your birthday as YYYY-MM-DD."), &f);
	if (utf8_length(f.address) > 500)
		return details_render(r, 400, N_("Please keep the address under 500 characters."), &f);
	private_fields old;
	if (!private_load(r->db, r->a, r->who.id, &old))
		return 500;
	f.notes = old.notes; /* staff notes are not the customer's to change */
	if (!private_save(r->db, r->a, r->who.id, &f))
		return 500;
	return redirect_flash(r, "/account/details", "details_saved");
}
