/* sessions.c: sign-in sessions, stored by the hash of their token */
#include "data.h"
#include <string.h>

static const stmt insert = {
	"INSERT INTO sessions (token_hash, kind, customer_id, staff_id, user_agent)"
	" VALUES ($1, $2, CASE WHEN $2 = 'customer' THEN $3::bigint END,"
	" CASE WHEN $2 = 'staff' THEN $3::bigint END, left($4, 300))"
};

bool session_create(db *d, arena *a, account_kind kind, int64_t id, const char *token_hash,
		    const char *ua)
{
	const char *p[] = { token_hash, account_kind_name(kind), db_id(a, id), ua ? ua : "" };
	return db_do(d, &insert, 4, p);
}

/* Idle and absolute expiry are checked here, so an expired row is simply never found. */
static const stmt lookup[2] = {
	{ "SELECT c.id, c.name, c.email, c.lang, c.tz, '{}',"
	  " s.last_seen_at < now() - interval '1 minute'"
	  " FROM sessions s JOIN customers c ON c.id = s.customer_id"
	  " WHERE s.token_hash = $1 AND s.kind = 'customer'"
	  " AND s.last_seen_at > now() - interval '" SESSION_IDLE_CUSTOMER "'"
	  " AND s.created_at > now() - interval '" SESSION_ABSOLUTE "'" },
	{ "SELECT t.id, t.name, t.email, t.lang, t.tz, t.roles::text,"
	  " s.last_seen_at < now() - interval '1 minute'"
	  " FROM sessions s JOIN staff t ON t.id = s.staff_id"
	  " WHERE s.token_hash = $1 AND s.kind = 'staff' AND t.active"
	  " AND s.last_seen_at > now() - interval '" SESSION_IDLE_STAFF "'"
	  " AND s.created_at > now() - interval '" SESSION_ABSOLUTE "'" },
};

/* Touching last_seen_at at most once a minute keeps reads cheap. */
static const stmt touch = {
	"UPDATE sessions SET last_seen_at = now() WHERE token_hash = $1"
};

bool session_lookup(db *d, arena *a, account_kind kind, const char *token_hash, viewer *who)
{
	const char *p[] = { token_hash };
	PGresult *res = db_run(d, &lookup[kind == ACCOUNT_STAFF ? 1 : 0], 1, p);
	bool found = res && PQntuples(res) == 1;
	bool stale = false;
	if (found) {
		who->kind = kind;
		who->id = db_i64(res, 0, 0);
		who->name = db_str(a, res, 0, 1);
		who->email = db_str(a, res, 0, 2);
		who->lang = db_str(a, res, 0, 3);
		who->tz = db_str(a, res, 0, 4);
		who->roles = kind == ACCOUNT_STAFF ? roles_from_text(PQgetvalue(res, 0, 5)) : 0;
		stale = db_bool(res, 0, 6);
	}
	PQclear(res);
	if (stale)
		db_do(d, &touch, 1, p);
	return found;
}

static const stmt delete_one = { "DELETE FROM sessions WHERE token_hash = $1" };

bool session_delete(db *d, const char *token_hash)
{
	const char *p[] = { token_hash };
	return db_do(d, &delete_one, 1, p);
}

static const stmt delete_for[2] = {
	{ "DELETE FROM sessions WHERE customer_id = $1 AND token_hash <> coalesce($2, '')" },
	{ "DELETE FROM sessions WHERE staff_id = $1 AND token_hash <> coalesce($2, '')" },
};

bool sessions_end_for_account(db *d, arena *a, account_kind kind, int64_t id,
			      const char *keep_hash)
{
	const char *p[] = { db_id(a, id), keep_hash };
	return db_do(d, &delete_for[kind == ACCOUNT_STAFF ? 1 : 0], 2, p);
}
