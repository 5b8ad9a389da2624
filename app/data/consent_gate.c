/* consent_gate.c: the purpose-gated calls; every use of personal data for a purpose other than
 * service goes through one of these, and each checks the current consent in the same statement */
#include "consent.h"
#include <stdio.h>
#include <string.h>

/* The customer's latest ledger event for the purpose says "granted". Used inside every gated
 * statement, so the check and the use see the same snapshot. */
#define GRANTED(cust, purpose) \
	" EXISTS (SELECT 1 FROM consent_subjects s WHERE s.customer_id = " cust \
	" AND (SELECT e.granted FROM consent_events e WHERE e.subject_ref = s.subject_ref" \
	" AND e.purpose = " purpose " ORDER BY e.id DESC LIMIT 1))"

static const stmt granted = { "SELECT" GRANTED("$1::bigint", "$2") };

bool consent_granted(db *d, int64_t customer_id, const char *purpose)
{
	char c[24];
	snprintf(c, sizeof c, "%lld", (long long)customer_id);
	const char *p[] = { c, purpose };
	PGresult *res = db_run(d, &granted, 2, p);
	if (!res)
		return false;
	bool ok = PQntuples(res) == 1 && db_bool(res, 0, 0);
	PQclear(res);
	return ok;
}

static const stmt recipients = {
	"SELECT c.id, c.email, c.name, c.lang FROM customers c"
	" WHERE c.email_verified_at IS NOT NULL AND" GRANTED("c.id", "$1") " ORDER BY c.id"
};

static void consent_recipients_row(arena *a, PGresult *res, int i, void *item)
{
	recipient *rc = item;
	rc->id = db_i64(res, i, 0);
	rc->email = db_str(a, res, i, 1);
	rc->name = db_str(a, res, i, 2);
	rc->lang = db_str(a, res, i, 3);
}

int consent_recipients(db *d, arena *a, const char *purpose, recipient **out)
{
	const char *p[] = { purpose };
	int n;
	*out = db_rows(d, a, &recipients, 1, p, sizeof **out, consent_recipients_row, &n);
	return n;
}

static const stmt track = {
	"INSERT INTO tracking_events (customer_id, path) SELECT $1::bigint, $2"
	" WHERE" GRANTED("$1::bigint", "'analytics'")
};

bool consent_track_page_view(db *d, int64_t customer_id, const char *path)
{
	char c[24];
	snprintf(c, sizeof c, "%lld", (long long)customer_id);
	const char *p[] = { c, path };
	return db_do(d, &track, 2, p);
}

static const stmt score = {
	"INSERT INTO profile_scores (customer_id, kind, score) SELECT $1::bigint, $2, $3::float8"
	" WHERE" GRANTED("$1::bigint", "'profiling'")
	" ON CONFLICT (customer_id, kind) DO UPDATE SET score = excluded.score, computed_at = now()"
};

bool consent_store_score(db *d, arena *a, int64_t customer_id, const char *kind, double v)
{
	const char *p[] = { db_id(a, customer_id), kind, arena_printf(a, "%.6f", v) };
	return db_do(d, &score, 3, p);
}

void consent_track_request(req *r, int status)
{
	/* portal pages only, successful GETs, signed-in customers; a path is at most 300 bytes */
	if (status != 200 || r->is_post || r->is_admin_area || r->who.kind != ACCOUNT_CUSTOMER ||
	    strlen(r->path) > 300 || db_in_tx(r->db))
		return;
	consent_track_page_view(r->db, r->who.id, r->path);
}
