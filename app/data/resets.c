/* resets.c: single-use links for password resets and staff invitations */
#include "data.h"

static const stmt insert = {
	"INSERT INTO password_resets (token_hash, kind, purpose, customer_id, staff_id, expires_at)"
	" VALUES ($1, $2, $5, CASE WHEN $2 = 'customer' THEN $3::bigint END,"
	" CASE WHEN $2 = 'staff' THEN $3::bigint END, now() + $4::integer * interval '1 minute')"
};

bool reset_create(db *d, arena *a, account_kind kind, const char *purpose, int64_t id,
		  const char *token_hash, int minutes)
{
	const char *p[] = { token_hash, account_kind_name(kind), db_id(a, id),
			    arena_printf(a, "%d", minutes), purpose };
	return db_do(d, &insert, 5, p);
}

static const stmt usable = {
	"SELECT 1 FROM password_resets WHERE token_hash = $1 AND kind = $2"
	" AND (purpose = $3 OR ($3 IS NULL AND purpose IN ('reset', 'invite')))"
	" AND used_at IS NULL AND expires_at > now()"
};

bool reset_usable(db *d, account_kind kind, const char *purpose, const char *token_hash)
{
	const char *p[] = { token_hash, account_kind_name(kind), purpose };
	PGresult *res = db_run(d, &usable, 3, p);
	bool ok = res && PQntuples(res) == 1;
	PQclear(res);
	return ok;
}

/* One UPDATE both checks and spends the token, so two concurrent uses cannot both win. */
static const stmt consume = {
	"UPDATE password_resets SET used_at = now() WHERE token_hash = $1 AND kind = $2"
	" AND (purpose = $3 OR ($3 IS NULL AND purpose IN ('reset', 'invite')))"
	" AND used_at IS NULL AND expires_at > now()"
	" RETURNING coalesce(customer_id, staff_id)"
};

int64_t reset_consume(db *d, arena *a, account_kind kind, const char *purpose,
		      const char *token_hash)
{
	(void)a;
	const char *p[] = { token_hash, account_kind_name(kind), purpose };
	PGresult *res = db_run(d, &consume, 3, p);
	int64_t id = res && PQntuples(res) == 1 ? db_i64(res, 0, 0) : 0;
	PQclear(res);
	return id;
}

static const stmt verify = {
	"UPDATE customers SET email_verified_at = coalesce(email_verified_at, now()) WHERE id = $1"
};

bool customer_mark_verified(db *d, arena *a, int64_t id)
{
	const char *p[] = { db_id(a, id) };
	return db_do(d, &verify, 1, p);
}
