/* admin/desk_customer.c: the customer pane beside a conversation: who they are, what they agreed to,
 * their other conversations on every channel and what they said in surveys */
#include "desk.h"
#include "desk_conv.h"
#include "../core/crypto.h"
#include "../core/page.h"
#include "../data/consent.h"
#include "../data/data.h"
#include "../data/surveys.h"
#include <string.h>

const char *canned_fill(req *r, const char *text, const conversation *c)
{
	buf b = { 0 };
	for (const char *p = text; *p;) {
		if (strncmp(p, "{name}", 6) == 0) {
			buf_puts(&b, *c->name ? c->name : tr(r, "there"));
			p += 6;
		} else if (strncmp(p, "{agent}", 7) == 0) {
			buf_puts(&b, r->who.name);
			p += 7;
		} else {
			buf_append(&b, p++, 1);
		}
	}
	const char *out = arena_strdup(r->a, buf_cstr(&b));
	buf_free(&b);
	return out;
}

const char *client_id_new(req *r)
{
	return token_new(r->a);
}

int desk_load(req *r, conversation *c)
{
	int64_t id = req_param_id(r, "id");
	if (!id)
		return 404;
	int found = conv_get(r->db, r->a, id, r->tz, r->who.id, c);
	return found < 0 ? 500 : found ? 0 : 404;
}

bool desk_fill_customer(req *r, tdict *d, const conversation *c)
{
	if (!c->customer_id) { /* a web visitor, or a mail's sender no account has (a contact) */
		bool contact = strcmp(c->kind, "web") != 0;
		tdict *v = tmpl_section(d, "IS_VISITOR");
		tmpl_set(v, "V_LABEL", contact ? tr(r, "Contact, no account") : tr(r, "Visitor"));
		tmpl_set(v, "V_NAME", *c->name ? c->name : contact ? c->email : tr(r, "Visitor"));
		tmpl_set(v, "V_EMAIL", c->email);
		return true;
	}
	account acc;
	if (!account_get(r->db, r->a, ACCOUNT_CUSTOMER, c->customer_id, r->tz, &acc))
		return false;
	/* reading a customer's record is logged for compliance (bookkeeping on a GET, like sessions) */
	if (!access_log_add(r->db, r->who.id, c->customer_id, "view", "inbox conversation",
			    arena_printf(r->a, "conversation %lld", (long long)c->id), r->id))
		return false;
	tdict *p = tmpl_section(d, "PROFILE");
	tmpl_set(p, "P_NAME", acc.name);
	tmpl_set(p, "P_EMAIL", acc.email);
	tmpl_set(p, "P_LANG", acc.lang);
	tmpl_set(p, "P_TZ", acc.tz);
	tmpl_set(p, "P_SINCE", acc.created_at);
	if (acc.verified)
		tmpl_show(p, "P_VERIFIED");
	consent_purpose *cp;
	int ncp = consent_state_for(r->db, r->a, c->customer_id, r->lang, r->tz, &cp);
	conversation *h;
	int nh = conv_history(r->db, r->a, c->customer_id, c->id, r->tz, &h);
	survey_answer_summary *sv;
	int nsv = surveys_of_customer(r->db, r->a, c->customer_id, r->tz, 5, &sv);
	if (ncp < 0 || nh < 0 || nsv < 0)
		return false;
	for (int i = 0; i < ncp; i++) {
		tdict *o = tmpl_section(p, "CONSENT");
		tmpl_set(o, "PURPOSE", cp[i].title);
		tmpl_show(o, cp[i].granted ? "GRANTED" : "NOT_GRANTED");
	}
	for (int i = 0; i < nh; i++) {
		tdict *o = tmpl_section(p, "EARLIER");
		tmpl_set_int(o, "E_ID", h[i].id);
		tmpl_set(o, "E_KIND", h[i].kind);
		tmpl_set(o, "E_CHANNEL", desk_label(r, h[i].kind));
		tmpl_set(o, "E_STATUS", desk_label(r, h[i].status));
		tmpl_set(o, "E_WHEN", h[i].created_at);
		tmpl_set(o, "E_PREVIEW", h[i].subject && *h[i].subject ? h[i].subject : h[i].preview ? h[i].preview : "");
	}
	if (nh == 0)
		tmpl_show(p, "NO_EARLIER");
	for (int i = 0; i < nsv; i++) {
		tdict *o = tmpl_section(p, "SURVEY");
		tmpl_set(o, "S_KIND", sv[i].kind_label);
		tmpl_set(o, "S_SCORE", sv[i].score >= 0 ? arena_printf(r->a, "%d", sv[i].score) : "—");
		tmpl_set(o, "S_WHEN", sv[i].answered_at);
		if (sv[i].comment)
			tmpl_set(tmpl_section(o, "S_COMMENT"), "COMMENT", sv[i].comment);
	}
	if (nsv == 0)
		tmpl_show(p, "NO_SURVEYS");
	return true;
}
