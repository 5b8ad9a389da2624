/* accounts.c: customers and staff accounts (sign-in data, profile, staff administration) */
#include "data.h"
#include <stdio.h>
#include <string.h>

const struct role_name role_names[] = {
	{ ROLE_AGENT, "agent", N_("Agent") },
	{ ROLE_SUPERVISOR, "supervisor", N_("Supervisor") },
	{ ROLE_ADMIN, "admin", N_("Admin") },
	{ ROLE_COMPLIANCE, "compliance", N_("Compliance officer") },
	{ 0, NULL, NULL },
};

int roles_from_text(const char *s)
{
	int roles = 0;
	for (int i = 0; role_names[i].name; i++) {
		const char *p = s;
		size_t n = strlen(role_names[i].name);
		while (p && (p = strstr(p, role_names[i].name))) {
			if (p > s && (p[-1] == '{' || p[-1] == ',') && (p[n] == ',' || p[n] == '}')) {
				roles |= role_names[i].bit;
				break;
			}
			p += n;
		}
	}
	return roles;
}

const char *roles_to_text(arena *a, int roles)
{
	const char *out = "";
	for (int i = 0; role_names[i].name; i++)
		if (roles & role_names[i].bit)
			out = arena_printf(a, "%s%s%s", out, *out ? "," : "", role_names[i].name);
	return arena_printf(a, "{%s}", out);
}

/* Runs s with $1 = id and $2... = more (up to 7). */
static bool do_with_id(db *d, const stmt *s, int64_t id, int n, const char *const *more)
{
	char idbuf[24];
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)id);
	const char *p[8] = { idbuf };
	for (int i = 0; i < n && i < 7; i++)
		p[i + 1] = more[i];
	return db_do(d, s, n + 1, p);
}

/* Each statement exists for both tables; index 0 is customers, 1 is staff. */
#define K(kind) ((kind) == ACCOUNT_STAFF ? 1 : 0)
static const char *kind_name(account_kind kind)
{
	return kind == ACCOUNT_STAFF ? "staff" : "customer";
}

static const stmt insert_customer = {
	"INSERT INTO customers (email, password_hash, name, lang, tz) VALUES ($1, $2, $3, $4, $5)"
	" ON CONFLICT ((lower(email))) DO NOTHING RETURNING id"
};

int64_t customer_create(db *d, arena *a, const char *email, const char *password_hash,
			const char *name, const char *lang, const char *tz)
{
	(void)a;
	const char *p[] = { email, password_hash, name, lang, tz };
	PGresult *res = db_run(d, &insert_customer, 5, p);
	if (!res)
		return -1;
	int64_t id = PQntuples(res) == 1 ? db_i64(res, 0, 0) : 0;
	PQclear(res);
	return id;
}

static const stmt by_email[2] = {
	{ "SELECT id, email, name, lang, tz, password_hash, coalesce(locked_until > now(), false),"
	  " '{}'::text, true, '', '', email_verified_at IS NOT NULL"
	  " FROM customers WHERE lower(email) = lower($1)" },
	{ "SELECT id, email, name, lang, tz, password_hash, coalesce(locked_until > now(), false),"
	  " roles::text, active, '', '', true"
	  " FROM staff WHERE lower(email) = lower($1)" },
};

static const stmt by_id[2] = {
	{ "SELECT id, email, name, lang, tz, password_hash, coalesce(locked_until > now(), false),"
	  " '{}'::text, true, to_char(created_at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI'), '',"
	  " email_verified_at IS NOT NULL"
	  " FROM customers WHERE id = $1" },
	{ "SELECT id, email, name, lang, tz, password_hash, coalesce(locked_until > now(), false),"
	  " roles::text, active, to_char(created_at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI'),"
	  " coalesce(to_char(last_seen_at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI'), ''), true"
	  " FROM staff WHERE id = $1" },
};

static void fill(arena *a, PGresult *res, int row, void *item)
{
	account *out = item;
	out->id = db_i64(res, row, 0);
	out->email = db_str(a, res, row, 1);
	out->name = db_str(a, res, row, 2);
	out->lang = db_str(a, res, row, 3);
	out->tz = db_str(a, res, row, 4);
	out->password_hash = db_str(a, res, row, 5);
	out->locked = db_bool(res, row, 6);
	out->roles = roles_from_text(PQgetvalue(res, row, 7));
	out->active = db_bool(res, row, 8);
	out->created_at = db_str(a, res, row, 9);
	out->last_seen_at = db_str(a, res, row, 10);
	out->verified = db_bool(res, row, 11);
}

bool account_by_email(db *d, arena *a, account_kind kind, const char *email, account *out)
{
	const char *p[] = { email };
	PGresult *res = db_run(d, &by_email[K(kind)], 1, p);
	bool found = res && PQntuples(res) == 1;
	if (found)
		fill(a, res, 0, out);
	PQclear(res);
	return found;
}

bool account_get(db *d, arena *a, account_kind kind, int64_t id, const char *tz, account *out)
{
	const char *p[] = { db_id(a, id), tz };
	PGresult *res = db_run(d, &by_id[K(kind)], 2, p);
	bool found = res && PQntuples(res) == 1;
	if (found)
		fill(a, res, 0, out);
	PQclear(res);
	return found;
}

/* After 5 failures in a row, each further failure locks the account for longer
 * (30 s doubling, at most 15 minutes): guessing becomes slow, the owner is not locked out for long. */
static const stmt failed[2] = {
	{ "UPDATE customers SET failed_logins = failed_logins + 1,"
	  " locked_until = CASE WHEN failed_logins + 1 >= 5 THEN now() + least(interval '15 minutes',"
	  " interval '30 seconds' * power(2, failed_logins + 1 - 5)) ELSE locked_until END WHERE id = $1" },
	{ "UPDATE staff SET failed_logins = failed_logins + 1,"
	  " locked_until = CASE WHEN failed_logins + 1 >= 5 THEN now() + least(interval '15 minutes',"
	  " interval '30 seconds' * power(2, failed_logins + 1 - 5)) ELSE locked_until END WHERE id = $1" },
};
static const stmt succeeded[2] = {
	{ "UPDATE customers SET failed_logins = 0, locked_until = NULL WHERE id = $1" },
	{ "UPDATE staff SET failed_logins = 0, locked_until = NULL, last_seen_at = now() WHERE id = $1" },
};

bool account_login_failed(db *d, account_kind kind, int64_t id)
{
	return do_with_id(d, &failed[K(kind)], id, 0, NULL);
}

bool account_login_ok(db *d, account_kind kind, int64_t id)
{
	return do_with_id(d, &succeeded[K(kind)], id, 0, NULL);
}

static const stmt set_password[2] = {
	{ "UPDATE customers SET password_hash = $2, password_changed_at = now(),"
	  " failed_logins = 0, locked_until = NULL WHERE id = $1" },
	{ "UPDATE staff SET password_hash = $2, failed_logins = 0, locked_until = NULL WHERE id = $1" },
};

bool account_set_password(db *d, arena *a, account_kind kind, int64_t id, const char *hash)
{
	const char *p[] = { db_id(a, id), hash };
	return db_do(d, &set_password[K(kind)], 2, p);
}

static const stmt update_profile[2] = {
	{ "UPDATE customers SET name = $2, lang = $3, tz = $4 WHERE id = $1" },
	{ "UPDATE staff SET name = $2, lang = $3, tz = $4 WHERE id = $1" },
};

bool account_update_profile(db *d, account_kind kind, int64_t id, const char *name,
			    const char *lang, const char *tz)
{
	const char *more[] = { name, lang, tz };
	return do_with_id(d, &update_profile[K(kind)], id, 3, more);
}

static const stmt set_lang[2] = {
	{ "UPDATE customers SET lang = $2 WHERE id = $1" },
	{ "UPDATE staff SET lang = $2 WHERE id = $1" },
};

bool account_set_lang(db *d, account_kind kind, int64_t id, const char *lang)
{
	const char *more[] = { lang };
	return do_with_id(d, &set_lang[K(kind)], id, 1, more);
}

static const stmt insert_staff = {
	"INSERT INTO staff (email, name, roles, lang, tz, created_by)"
	" VALUES ($1, $2, $3::text[], $4, $5, nullif($6, '0')::bigint)"
	" ON CONFLICT ((lower(email))) DO NOTHING RETURNING id"
};

int64_t staff_create(db *d, arena *a, const char *email, const char *name, int roles,
		     const char *lang, const char *tz, int64_t created_by)
{
	const char *p[] = { email, name, roles_to_text(a, roles), lang, tz, db_id(a, created_by) };
	PGresult *res = db_run(d, &insert_staff, 6, p);
	if (!res)
		return -1;
	int64_t id = PQntuples(res) == 1 ? db_i64(res, 0, 0) : 0;
	PQclear(res);
	return id;
}

static const stmt list_staff = {
	"SELECT id, email, name, lang, tz, password_hash, coalesce(locked_until > now(), false),"
	" roles::text, active, to_char(created_at AT TIME ZONE $1, 'YYYY-MM-DD HH24:MI'),"
	" coalesce(to_char(last_seen_at AT TIME ZONE $1, 'YYYY-MM-DD HH24:MI'), ''), true"
	" FROM staff ORDER BY active DESC, name, id"
};

int staff_list(db *d, arena *a, const char *tz, account **out)
{
	const char *p[] = { tz };
	int n;
	*out = db_rows(d, a, &list_staff, 1, p, sizeof **out, fill, &n);
	return n;
}

static const stmt update_staff = {
	"UPDATE staff SET name = $2, roles = $3::text[] WHERE id = $1"
};

bool staff_update(db *d, arena *a, int64_t id, const char *name, int roles)
{
	const char *p[] = { db_id(a, id), name, roles_to_text(a, roles) };
	PGresult *res = db_run(d, &update_staff, 3, p);
	bool ok = res && strcmp(PQcmdTuples(res), "1") == 0;
	PQclear(res);
	return ok;
}

static const stmt set_active = {
	"UPDATE staff SET active = $2::boolean,"
	" deactivated_at = CASE WHEN $2::boolean THEN NULL ELSE now() END WHERE id = $1"
};

bool staff_set_active(db *d, int64_t id, bool active)
{
	char idbuf[24];
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)id);
	const char *p[] = { idbuf, active ? "true" : "false" };
	PGresult *res = db_run(d, &set_active, 2, p);
	bool ok = res && strcmp(PQcmdTuples(res), "1") == 0;
	PQclear(res);
	return ok;
}

/* FOR UPDATE: two admins demoting each other at once cannot both see the other still an admin
 * (one waits for the other's row, or is stopped as a deadlock and rolled back) */
static const stmt count_admins = {
	"SELECT count(*) FROM (SELECT 1 FROM staff WHERE active AND 'admin' = ANY (roles) FOR UPDATE) x"
};

int staff_count_active_admins(db *d)
{
	PGresult *res = db_run(d, &count_admins, 0, NULL);
	int n = res ? (int)db_i64(res, 0, 0) : -1;
	PQclear(res);
	return n;
}

const char *account_kind_name(account_kind kind)
{
	return kind_name(kind);
}
