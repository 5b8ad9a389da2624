/* mail.c: the mail outbox; every mail is a row first, then a job sends it */
#include "data.h"
#include <stdlib.h>
#include <string.h>

static const stmt insert = {
	"INSERT INTO mails (to_address, subject, body_text, sensitive, list_unsubscribe, message_id, from_address,"
	" reply_to, rfc_message_id, in_reply_to, references_ids, auto_submitted)"
	" VALUES ($1, $2, $3, $4::boolean, $5, nullif($6::bigint, 0), nullif($7, ''), nullif($8, ''), nullif($9, ''),"
	" nullif($10, ''), nullif($11, ''), $12::boolean) RETURNING id"
};

/* h: NULL for the defaults */
static int64_t queue(db *d, arena *a, const char *to, const char *subject, const char *body, bool sensitive,
		     const char *list_unsubscribe, int64_t message_id, int delay_seconds, const mail_headers *h)
{
	static const mail_headers none = { 0 };
	if (!h)
		h = &none;
	const char *p[] = { to, subject, body, sensitive ? "true" : "false", list_unsubscribe,
			    db_id(a, message_id), h->from ? h->from : "", h->reply_to ? h->reply_to : "",
			    h->message_id ? h->message_id : "", h->in_reply_to ? h->in_reply_to : "",
			    h->references ? h->references : "", h->auto_submitted ? "true" : "false" };
	PGresult *res = db_run(d, &insert, 12, p);
	int64_t id = res && PQntuples(res) == 1 ? db_i64(res, 0, 0) : -1;
	PQclear(res);
	if (id > 0 && !job_enqueue_in(d, a, "send_mail", arena_printf(a, "{\"mail_id\": %lld}", (long long)id),
				      delay_seconds))
		return -1;
	return id;
}

int64_t mail_queue_threaded(db *d, arena *a, const char *to, const char *subject, const char *body,
			    int64_t message_id, const mail_headers *h)
{
	return queue(d, a, to, subject, body, false, NULL, message_id, 0, h);
}

int64_t mail_queue(db *d, arena *a, const char *to, const char *subject, const char *body,
		   bool sensitive)
{
	return queue(d, a, to, subject, body, sensitive, NULL, 0, 0, NULL);
}

int64_t mail_queue_for_message(db *d, arena *a, const char *to, const char *subject, const char *body,
			       int64_t message_id, int delay_seconds)
{
	return queue(d, a, to, subject, body, false, NULL, message_id, delay_seconds, NULL);
}

static const stmt drop_if_seen = {
	"UPDATE mails SET status = 'seen_in_chat' WHERE id = $1::bigint AND status = 'queued'"
	" AND EXISTS (SELECT 1 FROM messages m WHERE m.id = mails.message_id AND m.delivery IN ('delivered', 'read'))"
};

int mail_drop_if_seen(db *d, arena *a, int64_t id)
{
	const char *p[] = { db_id(a, id) };
	PGresult *res = db_run(d, &drop_if_seen, 1, p);
	if (!res)
		return -1;
	int n = atoi(PQcmdTuples(res));
	PQclear(res);
	return n > 0;
}

int64_t mail_queue_unsubscribable(db *d, arena *a, const char *to, const char *subject,
				  const char *body, const char *list_unsubscribe)
{
	return queue(d, a, to, subject, body, false, list_unsubscribe, 0, 0, NULL);
}

static const stmt get = {
	"SELECT id, to_address, subject, body_text, status, created_at::text, sent_at::text,"
	" last_error, sensitive, list_unsubscribe, from_address, reply_to, rfc_message_id, in_reply_to,"
	" references_ids, auto_submitted FROM mails WHERE id = $1"
};

static void fill(arena *a, PGresult *res, int i, void *item)
{
	mail *m = item;
	m->id = db_i64(res, i, 0);
	m->to = db_str(a, res, i, 1);
	m->subject = db_str(a, res, i, 2);
	m->body = db_str(a, res, i, 3);
	m->status = db_str(a, res, i, 4);
	m->created_at = db_str(a, res, i, 5);
	m->sent_at = db_str(a, res, i, 6);
	m->last_error = db_str(a, res, i, 7);
	m->sensitive = db_bool(res, i, 8);
	m->list_unsubscribe = db_str(a, res, i, 9);
	m->headers.from = db_str(a, res, i, 10);
	m->headers.reply_to = db_str(a, res, i, 11);
	m->headers.message_id = db_str(a, res, i, 12);
	m->headers.in_reply_to = db_str(a, res, i, 13);
	m->headers.references = db_str(a, res, i, 14);
	m->headers.auto_submitted = db_bool(res, i, 15);
}

bool mail_get(db *d, arena *a, int64_t id, mail *out)
{
	const char *p[] = { db_id(a, id) };
	PGresult *res = db_run(d, &get, 1, p);
	bool found = res && PQntuples(res) == 1;
	if (found)
		fill(a, res, 0, out);
	PQclear(res);
	return found;
}

/* A sensitive mail's body (it holds a single-use link) is dropped once it left by SMTP. The message a
 * mail carries (a reply in a conversation) shows the same state: sent, failed with the reason, or still
 * queued while the mail only waits in the outbox. */
static const stmt mark = {
	"WITH m AS (UPDATE mails SET status = $2, last_error = $3,"
	"   sent_at = CASE WHEN $2 IN ('sent', 'stored') THEN now() END,"
	"   body_text = CASE WHEN $2 = 'sent' AND sensitive"
	"     THEN '[removed after delivery: it held a single-use link]' ELSE body_text END"
	"   WHERE id = $1::bigint RETURNING message_id)"
	" UPDATE messages SET delivery_at = now(),"
	"   delivery = CASE $2 WHEN 'sent' THEN 'sent' WHEN 'failed' THEN 'failed' ELSE 'queued' END,"
	"   delivery_error = CASE $2 WHEN 'stored' THEN 'kept in the outbox: no SMTP server is set up'"
	"     WHEN 'sent' THEN NULL ELSE left($3, 1000) END"
	/* seen in the chat page already: that stays what the agent sees */
	" WHERE id = (SELECT message_id FROM m) AND delivery NOT IN ('delivered', 'read')"
};

bool mail_mark(db *d, arena *a, int64_t id, const char *status, const char *error)
{
	const char *p[] = { db_id(a, id), status, error };
	return db_do(d, &mark, 3, p);
}

static const stmt list = {
	"SELECT id, to_address, subject, body_text, status,"
	" to_char(created_at AT TIME ZONE $1, 'YYYY-MM-DD HH24:MI:SS'),"
	" to_char(sent_at AT TIME ZONE $1, 'YYYY-MM-DD HH24:MI:SS'), last_error, sensitive,"
	" list_unsubscribe FROM mails ORDER BY created_at DESC, id DESC LIMIT $2"
};

int mails_list(db *d, arena *a, const char *tz, int limit, mail **out)
{
	const char *p[] = { tz, arena_printf(a, "%d", limit) };
	int n;
	*out = db_rows(d, a, &list, 2, p, sizeof **out, fill, &n);
	return n;
}
