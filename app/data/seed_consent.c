/* seed_consent.c: demo consents (a few grants and a withdrawal) so the privacy center, the ledger
 * and the compliance exports have something to show */
#include "consent.h"

static const stmt customer_ids = {
	"SELECT id FROM customers WHERE lower(email) = ANY ('{customer@example.com,karim@example.com,"
	"emma@example.com,lucas@example.com}'::text[]) ORDER BY id"
};

bool seed_consent(db *d, arena *a)
{
	PGresult *res = db_run(d, &customer_ids, 0, NULL);
	if (!res)
		return false;
	int n = PQntuples(res);
	consent_ctx ctx = { .channel = CH_PORTAL, .request_id = "seed", .user_agent = "demo data" };
	bool ok = true;
	for (int i = 0; ok && i < n; i++) {
		int64_t id = db_i64(res, i, 0);
		ok = consent_record(d, a, id, "marketing_email", true, &ctx) &&
		     consent_record(d, a, id, "surveys", i % 2 == 0, &ctx) &&
		     (i != 1 || consent_record(d, a, id, "analytics", true, &ctx));
		if (ok && i == 2) /* changed their mind */
			ok = consent_record(d, a, id, "marketing_email", false, &ctx);
	}
	PQclear(res);
	return ok;
}
