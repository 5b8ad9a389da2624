/* data/channel_accounts.c: channel accounts and their sealed secrets */
#include "channel_accounts.h"
#include "consent.h"

#define ID(x) db_id(a, (x))

#define ACCOUNT_COLS \
	"ca.id, coalesce(ca.team_id, 0), ca.kind, ca.name, coalesce(ca.skill, ''), coalesce(ca.address, ''), t.name," \
	" to_char(ca.updated_at AT TIME ZONE $1, 'YYYY-MM-DD HH24:MI'), ca.active, ca.secrets," \
	" (SELECT count(*) FROM conversations c WHERE c.channel_account_id = ca.id AND c.status <> 'resolved')" \
	" FROM channel_accounts ca LEFT JOIN teams t ON t.id = ca.team_id"

static void account_row(arena *a, PGresult *res, int i, void *item)
{
	channel_account *c = item;
	c->id = db_i64(res, i, 0);
	c->team_id = db_i64(res, i, 1);
	c->kind = db_str(a, res, i, 2);
	c->name = db_str(a, res, i, 3);
	c->skill = db_str(a, res, i, 4);
	c->address = db_str(a, res, i, 5);
	c->team = db_str(a, res, i, 6);
	c->updated_at = db_str(a, res, i, 7);
	c->active = db_bool(res, i, 8);
	c->secrets_sealed = db_str(a, res, i, 9);
	c->open_conversations = db_i64(res, i, 10);
}

static const stmt all = { "SELECT " ACCOUNT_COLS " ORDER BY ca.kind = 'web' DESC, ca.name" };

int channel_accounts_list(db *d, arena *a, const char *tz, channel_account **out)
{
	const char *p[] = { tz };
	int n;
	*out = db_rows(d, a, &all, 1, p, sizeof **out, account_row, &n);
	return n;
}

static const stmt one = { "SELECT " ACCOUNT_COLS " WHERE ca.id = $2::bigint" };

int channel_account_get(db *d, arena *a, int64_t id, const char *tz, channel_account *out)
{
	const char *p[] = { tz, ID(id) };
	int n;
	channel_account *rows = db_rows(d, a, &one, 2, p, sizeof *rows, account_row, &n);
	if (n == 1)
		*out = rows[0];
	return n < 0 ? -1 : n == 1;
}

/* a team or skill that does not exist makes the row fail its foreign key: checked first instead */
#define REFS_OK \
	" ($4::bigint = 0 OR EXISTS (SELECT 1 FROM teams WHERE id = $4::bigint))" \
	" AND ($5 = '' OR EXISTS (SELECT 1 FROM skills WHERE code = $5))"

static const stmt insert = {
	"INSERT INTO channel_accounts (kind, name, team_id, skill, address, active)"
	" SELECT $1, $2, nullif($4::bigint, 0), nullif($5, ''), nullif($6, ''), $3::boolean WHERE" REFS_OK
	" ON CONFLICT DO NOTHING RETURNING id"
};

int64_t channel_account_create(db *d, arena *a, const channel_account_input *in)
{
	const char *p[] = { in->kind, in->name, in->active ? "t" : "f", ID(in->team_id), in->skill, in->address };
	return db_id_of(d, &insert, 6, p);
}

static const stmt update = {
	"UPDATE channel_accounts SET name = $2, team_id = nullif($4::bigint, 0), skill = nullif($5, ''),"
	" address = nullif($6, ''), active = $3::boolean, updated_at = now()"
	" WHERE id = $1::bigint AND" REFS_OK
	" AND NOT EXISTS (SELECT 1 FROM channel_accounts o WHERE o.name = $2 AND o.id <> $1::bigint)"
	" RETURNING id"
};

int channel_account_update(db *d, arena *a, int64_t id, const channel_account_input *in)
{
	const char *p[] = { ID(id), in->name, in->active ? "t" : "f", ID(in->team_id), in->skill, in->address };
	PGresult *res = db_run(d, &update, 6, p);
	if (!res)
		return -1;
	int n = PQntuples(res);
	PQclear(res);
	return n == 1;
}

static const char *secrets_ad(arena *a, int64_t id)
{
	return arena_printf(a, "channel-secrets:%lld", (long long)id);
}

const char *channel_secrets_open(arena *a, int64_t id, const char *sealed)
{
	return sealed ? master_open(a, sealed, secrets_ad(a, id)) : NULL;
}

static const stmt secrets_put = {
	"UPDATE channel_accounts SET secrets = $2, updated_at = now() WHERE id = $1::bigint"
};

bool channel_secrets_save(db *d, arena *a, int64_t id, const char *json)
{
	const char *sealed = NULL;
	if (json && !(sealed = master_seal(a, json, secrets_ad(a, id))))
		return false;
	const char *p[] = { ID(id), sealed };
	return db_do(d, &secrets_put, 2, p);
}
