/* consent.c: purposes, the customer's consent state and history, the access log, erasure requests */
#include "consent.h"
#include "../core/crypto.h"
#include <stdio.h>
#include <string.h>

const char *const purpose_codes[] = {
	"marketing_email", "marketing_sms", "analytics", "profiling", "personalisation", "surveys",
	"partners", NULL,
};

bool purpose_code_valid(const char *code)
{
	for (int i = 0; purpose_codes[i]; i++)
		if (strcmp(purpose_codes[i], code) == 0)
			return true;
	return false;
}

/* The current version of each purpose is its highest; the customer's state is their latest event
 * for the purpose, whatever version they saw. */
static const stmt purposes_state = {
	"SELECT p.code, p.version, p.optional, p.legal_basis,"
	" CASE WHEN $1 = 'bn' THEN p.title_bn ELSE p.title_en END,"
	" CASE WHEN $1 = 'bn' THEN p.text_bn ELSE p.text_en END,"
	" p.data_categories, p.retention, coalesce(e.granted, false),"
	" to_char(e.at AT TIME ZONE $3, 'YYYY-MM-DD HH24:MI')"
	" FROM consent_purposes p"
	" LEFT JOIN consent_subjects s ON s.customer_id = $2::bigint"
	" LEFT JOIN LATERAL (SELECT granted, at FROM consent_events c"
	"   WHERE c.subject_ref = s.subject_ref AND c.purpose = p.code ORDER BY c.id DESC LIMIT 1) e ON true"
	" WHERE p.version = (SELECT max(version) FROM consent_purposes q WHERE q.code = p.code)"
	" ORDER BY p.sort, p.code"
};

static void consent_state_for_row(arena *a, PGresult *res, int i, void *item)
{
	consent_purpose *ps = item;
	ps->code = db_str(a, res, i, 0);
	ps->version = (int)db_i64(res, i, 1);
	ps->optional = db_bool(res, i, 2);
	ps->legal_basis = db_str(a, res, i, 3);
	ps->title = db_str(a, res, i, 4);
	ps->text = db_str(a, res, i, 5);
	ps->data_categories = db_str(a, res, i, 6);
	ps->retention = db_str(a, res, i, 7);
	ps->granted = !ps->optional || db_bool(res, i, 8);
	ps->changed_at = db_str(a, res, i, 9);
}

int consent_state_for(db *d, arena *a, int64_t customer_id, const char *lang, const char *tz,
		      consent_purpose **out)
{
	const char *p[] = { lang, db_id(a, customer_id), tz };
	int n;
	*out = db_rows(d, a, &purposes_state, 3, p, sizeof **out, consent_state_for_row, &n);
	return n;
}

int purposes_list(db *d, arena *a, const char *lang, consent_purpose **out)
{
	return consent_state_for(d, a, 0, lang, "UTC", out);
}

static const stmt history = {
	"SELECT e.id, to_char(e.at AT TIME ZONE $3, 'YYYY-MM-DD HH24:MI'), e.purpose,"
	" CASE WHEN $2 = 'bn' THEN p.title_bn ELSE p.title_en END, e.channel, e.purpose_version,"
	" e.granted, e.staff_id IS NOT NULL, e.staff_reason"
	" FROM consent_subjects s JOIN consent_events e ON e.subject_ref = s.subject_ref"
	" JOIN consent_purposes p ON p.code = e.purpose AND p.version = e.purpose_version"
	" WHERE s.customer_id = $1 ORDER BY e.id DESC LIMIT $4"
};

static void consent_history_row(arena *a, PGresult *res, int i, void *item)
{
	consent_event *ev = item;
	ev->id = db_i64(res, i, 0);
	ev->at = db_str(a, res, i, 1);
	ev->purpose = db_str(a, res, i, 2);
	ev->purpose_title = db_str(a, res, i, 3);
	ev->channel = db_str(a, res, i, 4);
	ev->purpose_version = (int)db_i64(res, i, 5);
	ev->granted = db_bool(res, i, 6);
	ev->by_staff = db_bool(res, i, 7);
	ev->staff_reason = db_str(a, res, i, 8);
}

int consent_history(db *d, arena *a, int64_t customer_id, const char *lang, const char *tz,
		    int limit, consent_event **out)
{
	const char *p[] = { db_id(a, customer_id), lang, tz, arena_printf(a, "%d", limit) };
	int n;
	*out = db_rows(d, a, &history, 4, p, sizeof **out, consent_history_row, &n);
	return n;
}

/* ---- access log ---- */

static const stmt log_add = {
	"INSERT INTO access_log (staff_id, customer_id, action, reason, details, request_id)"
	" VALUES ($1, $2, $3, $4, $5, $6)"
};

bool access_log_add(db *d, int64_t staff_id, int64_t customer_id, const char *action,
		    const char *reason, const char *details, const char *request_id)
{
	char s[24], c[24];
	snprintf(s, sizeof s, "%lld", (long long)staff_id);
	snprintf(c, sizeof c, "%lld", (long long)customer_id);
	const char *p[] = { staff_id ? s : NULL, customer_id ? c : NULL, action,
			    reason ? reason : "", details ? details : "", request_id };
	return db_do(d, &log_add, 6, p);
}

static const stmt log_search = {
	"SELECT to_char(l.at AT TIME ZONE $4, 'YYYY-MM-DD HH24:MI:SS'), st.name, l.action, l.reason,"
	" l.details, l.customer_id, c.email"
	" FROM access_log l LEFT JOIN staff st ON st.id = l.staff_id"
	" LEFT JOIN customers c ON c.id = l.customer_id"
	" WHERE ($1 = '' OR st.email ILIKE '%' || $1 || '%' OR st.name ILIKE '%' || $1 || '%')"
	"   AND ($2 = '' OR c.email ILIKE '%' || $2 || '%' OR c.name ILIKE '%' || $2 || '%'"
	"        OR l.customer_id::text = $2)"
	"   AND ($3 = '' OR (l.at AT TIME ZONE $4)::date = $3::date)"
	" ORDER BY l.id DESC LIMIT $5"
};

static void access_log_search_row(arena *a, PGresult *res, int i, void *item)
{
	access_entry *e = item;
	e->at = db_str(a, res, i, 0);
	e->staff_name = db_str(a, res, i, 1);
	e->action = db_str(a, res, i, 2);
	e->reason = db_str(a, res, i, 3);
	e->details = db_str(a, res, i, 4);
	e->customer_id = PQgetisnull(res, i, 5) ? 0 : db_i64(res, i, 5);
	e->customer_email = db_str(a, res, i, 6);
}

int access_log_search(db *d, arena *a, const char *staff, const char *customer, const char *date,
		      const char *tz, int limit, access_entry **out)
{
	const char *p[] = { staff, customer, date, tz, arena_printf(a, "%d", limit) };
	int n;
	*out = db_rows(d, a, &log_search, 5, p, sizeof **out, access_log_search_row, &n);
	return n;
}

/* ---- erasure requests ---- */

static const stmt erasure_insert = {
	"INSERT INTO erasure_requests (receipt, customer_id, requested_by, staff_id)"
	" VALUES ($1, $2, $3, $4)"
};

const char *erasure_request(db *d, arena *a, int64_t customer_id, int64_t staff_id)
{
	const char *receipt = arena_printf(a, "ER-%s", token_new(a));
	receipt = arena_strndup(a, receipt, 19);
	const char *p[] = { receipt, db_id(a, customer_id), staff_id ? "staff" : "customer",
			    staff_id ? db_id(a, staff_id) : NULL };
	if (!db_do(d, &erasure_insert, 4, p))
		return NULL;
	const char *payload = arena_printf(a, "{\"customer_id\": %lld, \"receipt\": \"%s\"}",
					   (long long)customer_id, receipt);
	if (!job_enqueue(d, a, "erase_customer", payload))
		return NULL;
	return receipt;
}

static const stmt erasure_done = {
	"UPDATE erasure_requests SET completed_at = now(), report = $3"
	" WHERE customer_id = $1 AND receipt = $2 AND completed_at IS NULL"
};

bool erasure_complete(db *d, int64_t customer_id, const char *receipt, const char *report)
{
	char c[24];
	snprintf(c, sizeof c, "%lld", (long long)customer_id);
	const char *p[] = { c, receipt, report };
	return db_do(d, &erasure_done, 3, p);
}

#define ERASURE_COLS \
	"SELECT receipt, requested_by, to_char(requested_at AT TIME ZONE $1, 'YYYY-MM-DD HH24:MI')," \
	" to_char(completed_at AT TIME ZONE $1, 'YYYY-MM-DD HH24:MI'), report, customer_id" \
	" FROM erasure_requests"
static const stmt erasures = { ERASURE_COLS " ORDER BY id DESC LIMIT $2" };
static const stmt erasure_one = { ERASURE_COLS " WHERE receipt = $2" };

static void erasure_row(arena *a, PGresult *res, int i, void *item)
{
	erasure_entry *e = item;
	e->receipt = db_str(a, res, i, 0);
	e->requested_by = db_str(a, res, i, 1);
	e->requested_at = db_str(a, res, i, 2);
	e->completed_at = db_str(a, res, i, 3);
	e->report = db_str(a, res, i, 4);
	e->customer_id = PQgetisnull(res, i, 5) ? 0 : db_i64(res, i, 5);
}

int erasure_list(db *d, arena *a, const char *tz, int limit, erasure_entry **out)
{
	const char *p[] = { tz, arena_printf(a, "%d", limit) };
	int n;
	*out = db_rows(d, a, &erasures, 2, p, sizeof **out, erasure_row, &n);
	return n;
}

bool erasure_by_receipt(db *d, arena *a, const char *receipt, const char *tz, erasure_entry *out)
{
	const char *p[] = { tz, receipt };
	PGresult *res = db_run(d, &erasure_one, 2, p);
	if (!res)
		return false;
	bool found = PQntuples(res) == 1;
	if (found)
		erasure_row(a, res, 0, out);
	PQclear(res);
	return found;
}

static const stmt by_email = { "SELECT id FROM customers WHERE lower(email) = lower($1)" };

int64_t customer_id_by_email(db *d, const char *email)
{
	const char *p[] = { email };
	PGresult *res = db_run(d, &by_email, 1, p);
	if (!res)
		return -1;
	int64_t id = PQntuples(res) == 1 ? db_i64(res, 0, 0) : 0;
	PQclear(res);
	return id;
}

/* ---- new versions of a purpose's text ---- */

static const stmt purpose_texts = {
	"SELECT version, title_en, title_bn, text_en, text_bn FROM consent_purposes WHERE code = $1"
	" ORDER BY version DESC LIMIT 1"
};

bool purpose_texts_get(db *d, arena *a, const char *code, purpose_texts_t *out)
{
	PGresult *res = db_run(d, &purpose_texts, 1, (const char *[]){ code });
	if (!res)
		return false;
	bool found = PQntuples(res) == 1;
	if (found) {
		out->version = (int)db_i64(res, 0, 0);
		out->title_en = db_str(a, res, 0, 1);
		out->title_bn = db_str(a, res, 0, 2);
		out->text_en = db_str(a, res, 0, 3);
		out->text_bn = db_str(a, res, 0, 4);
	}
	PQclear(res);
	return found;
}

/* the other columns carry over from the current version */
static const stmt purpose_version_add = {
	"INSERT INTO consent_purposes (code, version, optional, legal_basis, title_en, title_bn, text_en,"
	" text_bn, data_categories, retention, sort)"
	" SELECT code, version + 1, optional, legal_basis, $2, $3, $4, $5, data_categories, retention, sort"
	" FROM consent_purposes WHERE code = $1 ORDER BY version DESC LIMIT 1 RETURNING version"
};

int purpose_new_version(db *d, const purpose_texts_t *t, const char *code)
{
	const char *p[] = { code, t->title_en, t->title_bn, t->text_en, t->text_bn };
	PGresult *res = db_run(d, &purpose_version_add, 5, p);
	if (!res)
		return -1;
	int v = PQntuples(res) == 1 ? (int)db_i64(res, 0, 0) : 0;
	PQclear(res);
	return v;
}
