/* data/attachments.c: attachment rows and the queue of files to remove */
#include "attachments.h"
#include <string.h>
#include <strings.h>

#define ID(x) db_id(a, (x))

bool attachment_type_inline(const char *t)
{
	static const char *const types[] = { "image/png", "image/jpeg", "image/gif", "image/webp", NULL };
	for (int i = 0; t && types[i]; i++)
		if (strcasecmp(t, types[i]) == 0)
			return true;
	return false;
}

#define ATT_COLS \
	"id, message_id, conversation_id, sha256, content_type, filename," \
	" to_char(created_at, 'YYYY-MM-DD HH24:MI'), size FROM attachments"

static void att_row(arena *a, PGresult *res, int i, void *item)
{
	attachment *t = item;
	t->id = db_i64(res, i, 0);
	t->message_id = db_i64(res, i, 1);
	t->conversation_id = db_i64(res, i, 2);
	t->sha256 = db_str(a, res, i, 3);
	t->content_type = db_str(a, res, i, 4);
	t->filename = db_str(a, res, i, 5);
	t->created_at = db_str(a, res, i, 6);
	t->size = db_i64(res, i, 7);
	t->inline_image = attachment_type_inline(t->content_type);
}

static const stmt of_message = { "SELECT " ATT_COLS " WHERE message_id = $1::bigint ORDER BY id" };
static const stmt of_conversation = { "SELECT " ATT_COLS " WHERE conversation_id = $1::bigint ORDER BY message_id, id" };
/* a note's files are staff's: $3 false leaves them out */
static const stmt one = {
	"SELECT " ATT_COLS " WHERE id = $2::bigint AND conversation_id = $1::bigint"
	" AND ($3::boolean OR NOT (SELECT internal FROM messages m WHERE m.id = message_id))"
};

int attachments_of_message(db *d, arena *a, int64_t message_id, attachment **out)
{
	const char *p[] = { ID(message_id) };
	int n;
	*out = db_rows(d, a, &of_message, 1, p, sizeof **out, att_row, &n);
	return n;
}

int attachments_of_conversation(db *d, arena *a, int64_t conv, attachment **out)
{
	const char *p[] = { ID(conv) };
	int n;
	*out = db_rows(d, a, &of_conversation, 1, p, sizeof **out, att_row, &n);
	return n;
}

int attachment_get(db *d, arena *a, int64_t conv, int64_t id, bool staff, attachment *out)
{
	const char *p[] = { ID(conv), ID(id), staff ? "t" : "f" };
	int n;
	attachment *rows = db_rows(d, a, &one, 3, p, sizeof *rows, att_row, &n);
	if (n == 1)
		*out = rows[0];
	return n < 0 ? -1 : n == 1;
}

/* the lock key: the first 63 bits of the content hash */
static const stmt lock_content = {
	"SELECT pg_advisory_xact_lock(('x' || left($1, 15))::bit(60)::bigint)"
};

bool attachment_lock_content(db *d, arena *a, const char *sha256)
{
	(void)a;
	return db_do(d, &lock_content, 1, (const char *[]){ sha256 });
}

static const stmt insert = {
	"INSERT INTO attachments (message_id, conversation_id, sha256, size, content_type, filename)"
	" VALUES ($1::bigint, $2::bigint, $3, $4::bigint, $5, $6) RETURNING id"
};

int64_t attachment_add(db *d, arena *a, int64_t message_id, int64_t conv, const char *sha256, long long size,
		       const char *content_type, const char *filename)
{
	const char *p[] = { ID(message_id), ID(conv), sha256, arena_printf(a, "%lld", size), content_type, filename };
	PGresult *res = db_run(d, &insert, 6, p);
	if (!res)
		return -1;
	int64_t id = db_i64(res, 0, 0);
	PQclear(res);
	return id;
}

static const stmt gc_queued = { "SELECT sha256 FROM file_gc ORDER BY queued_at LIMIT $1::integer" };

static void hash_row(arena *a, PGresult *res, int i, void *item)
{
	*(const char **)item = db_str(a, res, i, 0);
}

int file_gc_queued(db *d, arena *a, int limit, const char ***out)
{
	const char *p[] = { arena_printf(a, "%d", limit) };
	int n;
	*out = db_rows(d, a, &gc_queued, 1, p, sizeof **out, hash_row, &n);
	return n;
}

static const stmt gc_take = {
	"WITH del AS (DELETE FROM file_gc WHERE sha256 = $1)"
	" SELECT EXISTS (SELECT 1 FROM attachments WHERE sha256 = $1)"
};

bool file_gc_take(db *d, arena *a, const char *sha256, bool *still_used)
{
	if (!attachment_lock_content(d, a, sha256))
		return false;
	PGresult *res = db_run(d, &gc_take, 1, (const char *[]){ sha256 });
	if (!res)
		return false;
	*still_used = db_bool(res, 0, 0);
	PQclear(res);
	return true;
}
