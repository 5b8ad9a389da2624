/* admin/compliance.c: compliance officers: ledger check, consent and access exports, erasure
 * requests and receipts, the access log, records of processing */
#include "../handlers.h"
#include "compliance.h"
#include "../core/page.h"
#include "../data/consent.h"
#include <string.h>

static const struct {
	const char *name, *msgid;
} column_docs[] = {
	{ "event_id", N_("Ledger row number; rows are chained in this order.") },
	{ "at_utc", N_("When the choice was made, UTC, to the microsecond.") },
	{ "customer_id", N_("The customer's number; empty once the customer has been erased.") },
	{ "subject_ref", N_("The customer's pseudonym in the ledger; it stays after erasure.") },
	{ "purpose", N_("Purpose code.") },
	{ "purpose_version", N_("Version of the purpose text the customer saw.") },
	{ "state", N_("granted or withdrawn.") },
	{ "channel", N_("portal, chat, email_link, staff_phone or api.") },
	{ "staff_id", N_("Staff member who recorded it, if any.") },
	{ "staff_reason", N_("The staff member's stated reason.") },
	{ "request_id", N_("Request that recorded it (matches the server log).") },
	{ "ip_hash", N_("Keyed hash of the IP address.") },
	{ "user_agent", N_("Browser user agent, shortened.") },
	{ "prev_hash", N_("Hash of the previous row.") },
	{ "hash", N_("BLAKE2b-256 of this row's canonical form and prev_hash.") },
	{ NULL, NULL },
};

static void purpose_choices(tdict *d, consent_purpose *ps, int n, const char *selected)
{
	for (int i = 0; i < n; i++) {
		tdict *o = tmpl_section(d, "PURPOSE_OPT");
		tmpl_set(o, "CODE", ps[i].code);
		tmpl_set(o, "TITLE", ps[i].title);
		if (selected && strcmp(selected, ps[i].code) == 0)
			tmpl_show(o, "SELECTED");
	}
}

static int home_render(req *r, int status, const char *error)
{
	consent_purpose *ps;
	int n = purposes_list(r->db, r->a, r->lang, &ps);
	erasure_entry *er;
	int m = erasure_list(r->db, r->a, r->tz, 100, &er);
	if (n < 0 || m < 0)
		return 500;
	tdict *d = page_new(r, "admin/compliance");
	if (error)
		page_error(d, r, error);
	purpose_choices(d, ps, n, req_form(r, "purpose"));
	for (int i = 0; column_docs[i].name; i++) {
		tdict *c = tmpl_section(d, "COLUMN");
		tmpl_set(c, "NAME", column_docs[i].name);
		tmpl_set(c, "DOC", tr(r, column_docs[i].msgid));
	}
	for (int i = 0; i < n; i++) {
		tdict *p = tmpl_section(d, "RECORD");
		tmpl_set(p, "CODE", ps[i].code);
		tmpl_set(p, "TITLE", ps[i].title);
		tmpl_set_int(p, "VERSION", ps[i].version);
		tmpl_set(p, "BASIS", ps[i].legal_basis);
		tmpl_set(p, "CATEGORIES", ps[i].data_categories);
		tmpl_set(p, "RETENTION", ps[i].retention);
		tmpl_set(p, "EDIT", arena_printf(r->a, "/admin/compliance/purposes/%s", ps[i].code));
	}
	for (int i = 0; i < m; i++) {
		tdict *e = tmpl_section(d, "ERASURE");
		tmpl_set(e, "RECEIPT", er[i].receipt);
		tmpl_set(e, "BY", er[i].requested_by);
		tmpl_set(e, "REQUESTED", er[i].requested_at);
		tmpl_set(e, "COMPLETED", er[i].completed_at ? er[i].completed_at : tr(r, N_("pending")));
		tmpl_set(e, "REPORT", er[i].report);
	}
	if (m == 0)
		tmpl_show(d, "NO_ERASURES");
	retention_rule *rr;
	retention_run_entry *runs;
	int nr = retention_rules_list(r->db, r->a, &rr);
	int nruns = retention_runs_list(r->db, r->a, r->tz, 10, &runs);
	if (nr < 0 || nruns < 0)
		return 500;
	for (int i = 0; i < nr; i++) {
		tdict *x = tmpl_section(d, "RULE");
		tmpl_set(x, "KIND", rr[i].kind);
		tmpl_set_int(x, "DAYS", rr[i].days);
		tmpl_set(x, "ACTION", rr[i].action);
	}
	for (int i = 0; i < nruns; i++) {
		tdict *x = tmpl_section(d, "RUN");
		tmpl_set(x, "AT", runs[i].at);
		tmpl_set(x, "REPORT", runs[i].report);
	}
	if (nruns == 0)
		tmpl_show(d, "NO_RUNS");
	tmpl_set(d, "EMAIL", req_form(r, "email"));
	tmpl_set(d, "FROM", req_form(r, "from"));
	tmpl_set(d, "TO", req_form(r, "to"));
	return page_render(r, status, N_("Compliance"));
}

/* GET /admin/compliance — compliance. */
int compliance_home(req *r)
{
	return home_render(r, 200, NULL);
}

/* GET /admin/compliance/ledger — compliance. Checks the whole chain (reads only). */
int compliance_ledger(req *r)
{
	ledger_check c;
	if (!ledger_verify(r->db, r->a, &c))
		return 500;
	tdict *d = page_new(r, "admin/compliance_ledger");
	tmpl_set_int(d, "ROWS", c.rows);
	if (c.ok) {
		tdict *ok = tmpl_section(d, "WHOLE");
		tmpl_set(ok, "LAST_HASH", c.last_hash);
	} else {
		tdict *bad = tmpl_section(d, "BROKEN");
		tmpl_set_int(bad, "BAD_ID", c.bad_id);
		tmpl_set(bad, "PROBLEM", tr(r, c.problem));
	}
	return page_render(r, 200, N_("Consent ledger"));
}

static const char *reason_problem(const char *reason)
{
	if (!*reason || utf8_length(reason) > 500)
		return N_("Please give the reason for this export (at most 500 characters).");
	return NULL;
}

/* POST /admin/compliance/export — compliance. Fields: format (csv|jsonl), purpose, state
 * (granted|withdrawn), channel, from, to (YYYY-MM-DD, UTC, inclusive), reason. Streamed. */
int compliance_export(req *r)
{
	export_filter f = { req_form(r, "purpose"), req_form(r, "state"), req_form(r, "channel"),
			    req_form(r, "from"), req_form(r, "to") };
	const char *format = req_form(r, "format");
	const char *reason = str_trim(r->a, req_form(r, "reason"));
	if (strcmp(format, "csv") != 0 && strcmp(format, "jsonl") != 0)
		return home_render(r, 400, N_("Please choose CSV or JSON Lines."));
	if (*f.purpose && !purpose_code_valid(f.purpose) && strcmp(f.purpose, "service") != 0)
		return home_render(r, 400, N_("Please choose a purpose from the list."));
	if (*f.state && strcmp(f.state, "granted") != 0 && strcmp(f.state, "withdrawn") != 0)
		return home_render(r, 400, N_("Please choose a state from the list."));
	if (*f.channel && !consent_channel_valid(f.channel))
		return home_render(r, 400, N_("Please choose a channel from the list."));
	if ((*f.from && !iso_date_valid(f.from)) || (*f.to && !iso_date_valid(f.to)))
		return home_render(r, 400, N_("Please enter dates as YYYY-MM-DD."));
	const char *problem = reason_problem(reason);
	if (problem)
		return home_render(r, 400, problem);
	const char *details = arena_printf(r->a, "format=%s purpose=%s state=%s channel=%s from=%s to=%s",
					   format, f.purpose, f.state, f.channel, f.from, f.to);
	/* logged and committed before the first byte: an export is never unrecorded */
	if (!access_log_add(r->db, r->who.id, 0, "consent_export", reason, details, r->id) ||
	    !db_commit_and_continue(r->db))
		return 500;
	return consent_export_stream(r, &f, format) < 0 ? 500 : 200;
}

/* POST /admin/compliance/access-export — compliance. Fields: email, reason. Everything stored
 * about one customer, as JSON, streamed. */
int compliance_access_export(req *r)
{
	const char *email = str_trim(r->a, req_form(r, "email"));
	const char *reason = str_trim(r->a, req_form(r, "reason"));
	const char *problem = reason_problem(reason);
	if (problem)
		return home_render(r, 400, problem);
	int64_t id = strlen(email) <= 254 ? customer_id_by_email(r->db, email) : 0;
	if (id < 0)
		return 500;
	if (id == 0)
		return home_render(r, 404, N_("No customer has that email address."));
	if (!access_log_add(r->db, r->who.id, id, "access_export", reason, "", r->id) ||
	    !db_commit_and_continue(r->db))
		return 500;
	return customer_export_stream(r, id) ? 200 : 500;
}

/* POST /admin/compliance/erasure — compliance. Fields: email, reason. Erasure on request
 * received elsewhere (letter, phone); the receipt appears in the list. */
int compliance_erasure(req *r)
{
	const char *email = str_trim(r->a, req_form(r, "email"));
	const char *reason = str_trim(r->a, req_form(r, "reason"));
	if (!*reason || utf8_length(reason) > 500)
		return home_render(r, 400, N_("Please give the reason for this erasure (at most 500 characters)."));
	int64_t id = strlen(email) <= 254 ? customer_id_by_email(r->db, email) : 0;
	if (id < 0)
		return 500;
	if (id == 0)
		return home_render(r, 404, N_("No customer has that email address."));
	const char *receipt = erasure_request(r->db, r->a, id, r->who.id);
	if (!receipt || !sessions_end_for_account(r->db, r->a, ACCOUNT_CUSTOMER, id, NULL) ||
	    !access_log_add(r->db, r->who.id, id, "erasure", reason, receipt, r->id))
		return 500;
	return redirect_flash(r, "/admin/compliance", "erasure_requested");
}

/* GET /admin/compliance/access-log — compliance. Query: staff, customer (email, name or number),
 * date (YYYY-MM-DD in the viewer's zone). */
int compliance_access_log(req *r)
{
	const char *staff = req_query(r, "staff");
	const char *customer = req_query(r, "customer");
	const char *date = req_query(r, "date");
	tdict *d = page_new(r, "admin/compliance_log");
	tmpl_set(d, "STAFF", staff);
	tmpl_set(d, "CUSTOMER", customer);
	tmpl_set(d, "DATE", date);
	if ((*date && !iso_date_valid(date)) || strlen(staff) > 200 || strlen(customer) > 254) {
		page_error(d, r, N_("Please enter dates as YYYY-MM-DD."));
		return page_render(r, 400, N_("Access log"));
	}
	access_entry *e;
	int n = access_log_search(r->db, r->a, staff, customer, date, r->tz, 500, &e);
	if (n < 0)
		return 500;
	for (int i = 0; i < n; i++) {
		tdict *row = tmpl_section(d, "ROW");
		tmpl_set(row, "AT", e[i].at);
		tmpl_set(row, "STAFF_NAME", e[i].staff_name ? e[i].staff_name : tr(r, N_("the customer or the system")));
		tmpl_set(row, "ACTION", e[i].action);
		if (e[i].customer_id)
			tmpl_set(row, "CUSTOMER", e[i].customer_email
				 ? arena_printf(r->a, "#%lld %s", (long long)e[i].customer_id, e[i].customer_email)
				 : arena_printf(r->a, "#%lld (%s)", (long long)e[i].customer_id, tr(r, N_("erased"))));
		tmpl_set(row, "REASON", e[i].reason);
		tmpl_set(row, "DETAILS", e[i].details);
	}
	if (n == 0)
		tmpl_show(d, "EMPTY");
	return page_render(r, 200, N_("Access log"));
}

/* ---- staff recording a consent given by phone ---- */

static int phone_render(req *r, int status, const char *error)
{
	consent_purpose *ps;
	int n = purposes_list(r->db, r->a, r->lang, &ps);
	if (n < 0)
		return 500;
	tdict *d = page_new(r, "admin/compliance_phone");
	if (error)
		page_error(d, r, error);
	for (int i = 0; i < n; i++)
		if (ps[i].optional) {
			tdict *o = tmpl_section(d, "PURPOSE_OPT");
			tmpl_set(o, "CODE", ps[i].code);
			tmpl_set(o, "TITLE", ps[i].title);
			if (strcmp(req_form(r, "purpose"), ps[i].code) == 0)
				tmpl_show(o, "SELECTED");
		}
	tmpl_set(d, "EMAIL", req_form(r, "email"));
	tmpl_set(d, "REASON", req_form(r, "reason"));
	return page_render(r, status, N_("Record a consent given by phone"));
}

/* GET /admin/consent — any staff. */
int staff_consent_form(req *r)
{
	return phone_render(r, 200, NULL);
}

/* POST /admin/consent — any staff. Fields: email, purpose, state (granted|withdrawn), reason.
 * Written to the ledger with channel staff_phone, the staff member and the reason. */
int staff_consent_submit(req *r)
{
	const char *email = str_trim(r->a, req_form(r, "email"));
	const char *purpose = req_form(r, "purpose");
	const char *state = req_form(r, "state");
	const char *reason = str_trim(r->a, req_form(r, "reason"));
	if (!purpose_code_valid(purpose))
		return phone_render(r, 400, N_("Please choose a purpose from the list."));
	if (strcmp(state, "granted") != 0 && strcmp(state, "withdrawn") != 0)
		return phone_render(r, 400, N_("Please choose a state from the list."));
	if (!*reason || utf8_length(reason) > 500)
		return phone_render(r, 400, N_("Please say how the customer told you (at most 500 characters)."));
	int64_t id = strlen(email) <= 254 ? customer_id_by_email(r->db, email) : 0;
	if (id < 0)
		return 500;
	if (id == 0)
		return phone_render(r, 404, N_("No customer has that email address."));
	consent_ctx ctx = consent_ctx_from_req(r, CH_STAFF_PHONE);
	ctx.staff_reason = reason;
	if (!consent_record(r->db, r->a, id, purpose, strcmp(state, "granted") == 0, &ctx) ||
	    !access_log_add(r->db, r->who.id, id, "consent_record", reason,
			    arena_printf(r->a, "%s %s", purpose, state), r->id))
		return 500;
	return redirect_flash(r, "/admin/consent", "consent_recorded");
}

/* ---- purpose texts: a change is a new version ---- */

static int purpose_render(req *r, int status, const char *error, const char *code,
			  const purpose_texts_t *t)
{
	tdict *d = page_new(r, "admin/compliance_purpose");
	if (error)
		page_error(d, r, error);
	tmpl_set(d, "CODE", code);
	tmpl_set_int(d, "VERSION", t->version);
	tmpl_set(d, "TITLE_EN", t->title_en);
	tmpl_set(d, "TITLE_BN", t->title_bn);
	tmpl_set(d, "TEXT_EN", t->text_en);
	tmpl_set(d, "TEXT_BN", t->text_bn);
	return page_render(r, status, N_("Purpose text"));
}

/* GET /admin/compliance/purposes/{code} — compliance. The current text, to publish a new version. */
int compliance_purpose_form(req *r)
{
	const char *code = req_param(r, "code");
	purpose_texts_t t;
	if (strlen(code) > 40 || !purpose_texts_get(r->db, r->a, code, &t))
		return 404;
	return purpose_render(r, 200, NULL, code, &t);
}

/* POST /admin/compliance/purposes/{code} — compliance. Fields: title_en, title_bn, text_en, text_bn.
 * Publishes them as the next version. */
int compliance_purpose_submit(req *r)
{
	const char *code = req_param(r, "code");
	purpose_texts_t cur;
	if (strlen(code) > 40 || !purpose_texts_get(r->db, r->a, code, &cur))
		return 404;
	purpose_texts_t t = { cur.version, str_trim(r->a, req_form(r, "title_en")),
			      str_trim(r->a, req_form(r, "title_bn")), str_trim(r->a, req_form(r, "text_en")),
			      str_trim(r->a, req_form(r, "text_bn")) };
	if (!*t.title_en || !*t.title_bn || utf8_length(t.title_en) > 200 || utf8_length(t.title_bn) > 200 ||
	    !*t.text_en || !*t.text_bn || utf8_length(t.text_en) > 4000 || utf8_length(t.text_bn) > 4000)
		return purpose_render(r, 400, N_("Please fill in both titles (at most 200 characters) and both texts (at most 4000)."), code, &t);
	if (strcmp(t.title_en, cur.title_en) == 0 && strcmp(t.title_bn, cur.title_bn) == 0 &&
	    strcmp(t.text_en, cur.text_en) == 0 && strcmp(t.text_bn, cur.text_bn) == 0)
		return purpose_render(r, 400, N_("Nothing has changed: no new version was made."), code, &t);
	if (purpose_new_version(r->db, &t, code) <= 0)
		return 500;
	return redirect_flash(r, "/admin/compliance", "purpose_versioned");
}
