/* data/mail_inbound.c: received mail, its threading lookups and email contacts (see mail_inbound.h) */
#include "mail_inbound.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define ID(x) db_id(a, (x))

static void mailbox_row(arena *a, PGresult *res, int i, void *item)
{
	channel_account *c = item;
	c->id = db_i64(res, i, 0);
	c->name = db_str(a, res, i, 1);
	c->address = db_str(a, res, i, 2);
	c->kind = "email";
	c->active = true;
}

static const stmt mailbox_q = {
	"SELECT id, name, coalesce(address, '') FROM channel_accounts WHERE kind = 'email' AND active"
	" AND ($1 = '' OR name = $1 OR lower(address) = lower($1)) ORDER BY name <> $1, id LIMIT 1"
};

int mailbox_find(db *d, arena *a, const char *name, channel_account *out)
{
	int n;
	channel_account *rows = db_rows(d, a, &mailbox_q, 1, (const char *[]){ name ? name : "" }, sizeof *rows,
					mailbox_row, &n);
	if (n == 1)
		*out = rows[0];
	return n < 0 ? -1 : n == 1;
}

/* any unique index (the same bytes, the same Message-ID) makes a second delivery store nothing */
static const stmt store_q = {
	"WITH m AS (INSERT INTO inbound_mails (channel_account_id, sha256, rfc_message_id, from_address, raw, size)"
	"   VALUES ($1::bigint, $2, nullif($3, ''), nullif($4, ''), $5::bytea, $6::integer)"
	"   ON CONFLICT DO NOTHING RETURNING id)"
	" , j AS (INSERT INTO jobs (kind, payload) SELECT 'mail_inbound', json_build_object('inbound_mail', id) FROM m)"
	" SELECT id FROM m"
};

int64_t inbound_mail_store(db *d, arena *a, int64_t account, const char *sha256_hex, const char *rfc_id,
			   const char *from, const unsigned char *raw, size_t len)
{
	const char *p[] = { ID(account), sha256_hex, rfc_id ? rfc_id : "", from ? from : "", (const char *)raw,
			    arena_printf(a, "%zu", len) };
	const int lengths[] = { -1, -1, -1, -1, (int)len, -1 }; /* the mail as bytes, not as hex text */
	PGresult *res = db_run_bytes(d, &store_q, 6, p, lengths);
	if (!res)
		return -1;
	int64_t id = PQntuples(res) ? db_i64(res, 0, 0) : 0;
	PQclear(res);
	return id;
}

static const stmt get_q = {
	"SELECT i.id, i.channel_account_id, coalesce(i.conversation_id, 0), i.status, coalesce(ca.address, '')"
	" FROM inbound_mails i JOIN channel_accounts ca ON ca.id = i.channel_account_id"
	" WHERE i.id = $1::bigint FOR UPDATE OF i"
};
/* the raw bytes alone, as bytes (a binary result: hex text would double them, twice decoded) */
static const stmt raw_bytes_q = {
	"SELECT raw FROM inbound_mails WHERE id = $1::bigint AND ($2::bigint = 0 OR conversation_id = $2::bigint)"
};

static int raw_of(db *d, arena *a, int64_t id, int64_t conv, const unsigned char **raw, size_t *len)
{
	PGresult *res = db_run_binary_result(d, &raw_bytes_q, 2, (const char *[]){ ID(id), ID(conv) });
	if (!res)
		return -1;
	int n = PQntuples(res);
	if (n == 1) {
		*len = (size_t)PQgetlength(res, 0, 0);
		unsigned char *out = arena_alloc(a, *len + 1);
		memcpy(out, PQgetvalue(res, 0, 0), *len);
		out[*len] = '\0';
		*raw = out;
	}
	PQclear(res);
	return n;
}

int inbound_mail_get(db *d, arena *a, int64_t id, inbound_mail *out)
{
	PGresult *res = db_run(d, &get_q, 1, (const char *[]){ ID(id) });
	if (!res)
		return -1;
	int n = PQntuples(res);
	if (n == 1) {
		out->id = db_i64(res, 0, 0);
		out->account_id = db_i64(res, 0, 1);
		out->conversation_id = db_i64(res, 0, 2);
		out->status = db_str(a, res, 0, 3);
		out->mailbox = db_str(a, res, 0, 4);
	}
	PQclear(res);
	if (n == 1) {
		const unsigned char *raw;
		if (raw_of(d, a, id, 0, &raw, &out->len) != 1)
			return -1;
		out->raw = (unsigned char *)raw;
	}
	return n;
}

int inbound_mail_raw(db *d, arena *a, int64_t conv, int64_t id, const unsigned char **raw, size_t *len)
{
	return conv > 0 ? raw_of(d, a, id, conv, raw, len) : 0;
}

/* Threading writes nothing that cannot be done again: the mail and its job were committed durably by
 * the mailgate, so a crash that loses this commit leaves the job queued and the mail 'stored', and the
 * worker threads it once more (the message's external id keeps that to one message). Not waiting for
 * the WAL flush is what lets one worker keep up with many mailgates. */
static const stmt async_q = { "SELECT set_config('synchronous_commit', 'off', true)" };

bool inbound_mail_commit_async(db *d)
{
	return db_do(d, &async_q, 0, NULL);
}

static const stmt threaded_q = {
	"UPDATE inbound_mails SET status = 'threaded', error = NULL, conversation_id = $2::bigint,"
	" message_id = nullif($3::bigint, 0), automatic = nullif($4, '') WHERE id = $1::bigint"
};

bool inbound_mail_threaded(db *d, arena *a, int64_t id, int64_t conv, int64_t msg, const char *automatic)
{
	const char *p[] = { ID(id), ID(conv), ID(msg), automatic ? automatic : "" };
	return db_do(d, &threaded_q, 4, p);
}

static const stmt failed_q = { "UPDATE inbound_mails SET status = 'failed', error = left($2, 500) WHERE id = $1::bigint" };

bool inbound_mail_failed(db *d, arena *a, int64_t id, const char *error)
{
	return db_do(d, &failed_q, 2, (const char *[]){ ID(id), error });
}

static const stmt from_q = {
	"SELECT count(*) FROM inbound_mails WHERE lower(from_address) = lower($2)"
	" AND received_at > now() - $3::integer * interval '1 minute' AND channel_account_id = $1::bigint"
};

int inbound_mails_from(db *d, arena *a, int64_t account, const char *from, int minutes)
{
	return (int)db_id_of(d, &from_q, 3, (const char *[]){ ID(account), from, arena_printf(a, "%d", minutes) });
}

static const stmt by_ids_q = {
	"SELECT m.conversation_id FROM messages m WHERE m.channel_account_id = $1::bigint"
	" AND m.external_id IN (SELECT jsonb_array_elements_text($2::jsonb)) ORDER BY m.id DESC LIMIT 1"
};

int64_t mail_thread_by_ids(db *d, arena *a, int64_t account, const char *const *ids, int n)
{
	if (n <= 0)
		return 0;
	json_t *arr = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(arr, json_string(ids[i]));
	char *j = json_dumps(arr, JSON_COMPACT);
	json_decref(arr);
	const char *text = arena_strdup(a, j ? j : "[]");
	free(j);
	return db_id_of(d, &by_ids_q, 2, (const char *[]){ ID(account), text });
}

static const stmt latest_from_q = {
	"SELECT conversation_id FROM inbound_mails WHERE channel_account_id = $1::bigint"
	" AND lower(from_address) = lower($2) AND conversation_id IS NOT NULL ORDER BY received_at DESC LIMIT 1"
};

int64_t mail_thread_latest_from(db *d, arena *a, int64_t account, const char *address)
{
	return db_id_of(d, &latest_from_q, 2, (const char *[]){ ID(account), address });
}

static const stmt by_message_q = {
	"SELECT conversation_id FROM messages WHERE id = $1::bigint AND channel_account_id = $2::bigint"
};

int64_t mail_thread_by_message(db *d, arena *a, int64_t account_id, int64_t message)
{
	return db_id_of(d, &by_message_q, 2, (const char *[]){ ID(message), ID(account_id) });
}

static const stmt check_q = {
	"SELECT id FROM conversations WHERE id = $1::bigint AND channel_account_id = $2::bigint"
};

int64_t mail_thread_check(db *d, arena *a, int64_t account, int64_t conv)
{
	return db_id_of(d, &check_q, 2, (const char *[]){ ID(conv), ID(account) });
}

static const stmt participant_q = {
	"SELECT EXISTS (SELECT 1 FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id"
	"   LEFT JOIN email_contacts e ON e.conversation_id = c.id"
	"   LEFT JOIN chat_conversations w ON w.conversation_id = c.id"
	"   WHERE c.id = $1::bigint AND lower($2) IN (lower(cu.email), lower(e.address), lower(w.visitor_email)))"
};

int mail_thread_participant(db *d, arena *a, int64_t conv, const char *address)
{
	PGresult *res = db_run(d, &participant_q, 2, (const char *[]){ ID(conv), address });
	if (!res)
		return -1;
	int yes = db_bool(res, 0, 0);
	PQclear(res);
	return yes;
}

/* Message-IDs as stored (no brackets, no spaces); the ids of mail that had none are ours, not theirs */
#define THEIR_IDS(m) \
	" " m ".conversation_id = $1::bigint AND " m ".direction = 'in' AND " m ".external_id IS NOT NULL" \
	" AND " m ".external_id NOT LIKE 'inbound-mail-%' AND " m ".external_id NOT LIKE 'mid-sha256:%'" \
	" AND " m ".external_id !~ '[[:space:]<>]'"
static const stmt refs_q = {
	"SELECT (SELECT m.external_id FROM messages m WHERE" THEIR_IDS("m") " ORDER BY m.id DESC LIMIT 1),"
	" (SELECT string_agg(rid, ' ' ORDER BY id) FROM (SELECT id, rid FROM ("
	"   SELECT m.id, m.external_id AS rid FROM messages m WHERE" THEIR_IDS("m")
	"   UNION ALL SELECT o.message_id, o.rfc_message_id FROM mails o JOIN messages om ON om.id = o.message_id"
	"   WHERE om.conversation_id = $1::bigint AND o.rfc_message_id IS NOT NULL) x ORDER BY id DESC LIMIT 20) y),"
	" EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = $1::bigint AND m.author = 'customer')"
};

bool mail_thread_refs(db *d, arena *a, int64_t conv, const char **in_reply_to, const char **refs, bool *answers)
{
	PGresult *res = db_run(d, &refs_q, 1, (const char *[]){ ID(conv) });
	if (!res)
		return false;
	*in_reply_to = db_str(a, res, 0, 0);
	*refs = db_str(a, res, 0, 1);
	*answers = db_bool(res, 0, 2);
	PQclear(res);
	return true;
}

static const stmt bounced_q = {
	"UPDATE messages SET delivery = 'failed', delivery_at = now(), delivery_error = left($2, 1000)"
	" WHERE id = $1::bigint AND direction = 'out'"
};

int msg_mark_bounced(db *d, arena *a, int64_t msg, const char *reason)
{
	PGresult *res = db_run(d, &bounced_q, 2, (const char *[]){ ID(msg), reason });
	if (!res)
		return -1;
	int n = atoi(PQcmdTuples(res));
	PQclear(res);
	return n > 0;
}

static const stmt customer_q = {
	"SELECT id FROM customers WHERE lower(email) = lower($1) AND email_verified_at IS NOT NULL"
};

int64_t customer_by_verified_email(db *d, arena *a, const char *address)
{
	(void)a;
	return db_id_of(d, &customer_q, 1, (const char *[]){ address });
}

static const stmt contact_q = {
	"INSERT INTO email_contacts (conversation_id, address, name) VALUES ($1::bigint, $2, left($3, 200))"
	" ON CONFLICT (conversation_id) DO UPDATE SET address = $2, name = left($3, 200)"
};

bool email_contact_set(db *d, arena *a, int64_t conv, const char *address, const char *name)
{
	return db_do(d, &contact_q, 3, (const char *[]){ ID(conv), address, name ? name : "" });
}

static const stmt follows_q = { "UPDATE conversations SET follows_id = $2::bigint WHERE id = $1::bigint" };

bool conv_set_follows(db *d, arena *a, int64_t conv, int64_t follows)
{
	return db_do(d, &follows_q, 2, (const char *[]){ ID(conv), ID(follows) });
}
