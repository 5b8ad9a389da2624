/* data/conversations.c: conversations of every channel, their changes and events, tags, history */
#include "conversations_sql.h"
#include <string.h>

#define ID(x) db_id(a, (x))

static const char *actor_name(actor by)
{
	return by.kind == ACTOR_STAFF ? "staff" : by.kind == ACTOR_CUSTOMER ? "customer" : "system";
}

void conv_row(arena *a, PGresult *res, int i, void *item)
{
	conversation *c = item;
	int k = 0;
	c->id = db_i64(res, i, k++);
	c->customer_id = db_i64(res, i, k++);
	c->assigned_to = db_i64(res, i, k++);
	c->channel_account_id = db_i64(res, i, k++);
	c->team_id = db_i64(res, i, k++);
	c->kind = db_str(a, res, i, k++);
	c->account = db_str(a, res, i, k++);
	c->subject = db_str(a, res, i, k++);
	c->status = db_str(a, res, i, k++);
	c->priority = db_str(a, res, i, k++);
	c->skill = db_str(a, res, i, k++);
	c->topic = db_str(a, res, i, k++);
	c->lang = db_str(a, res, i, k++);
	c->name = db_str(a, res, i, k++);
	c->email = db_str(a, res, i, k++);
	c->assignee = db_str(a, res, i, k++);
	c->team = db_str(a, res, i, k++);
	c->created_at = db_str(a, res, i, k++);
	c->last_message_at = db_str(a, res, i, k++);
	c->list_when = db_str(a, res, i, k++);
	c->snoozed_until = db_str(a, res, i, k++);
	c->waiting_seconds = db_i64(res, i, k++);
	c->waiting_since = db_i64(res, i, k++);
	c->preview = db_str(a, res, i, k++);
	c->tags = db_str(a, res, i, k++);
	c->transfers = (int)db_i64(res, i, k++);
	c->unread = db_bool(res, i, k++);
	c->mentioned = db_bool(res, i, k++);
	c->live_channel = db_str(a, res, i, k++);
	c->visitor_hash = db_str(a, res, i, k++);
	c->visitor = db_bool(res, i, k++);
	c->offline = db_bool(res, i, k++);
	c->follows_id = db_i64(res, i, k++);
}

static const stmt conv_one = { "SELECT " CONV_COLS CONV_FROM " WHERE c.id = $1::bigint" };

int conv_get(db *d, arena *a, int64_t id, const char *tz, int64_t viewer, conversation *out)
{
	const char *p[] = { ID(id), tz, ID(viewer) };
	int n;
	conversation *rows = db_rows(d, a, &conv_one, 3, p, sizeof *rows, conv_row, &n);
	if (n < 0)
		return -1;
	if (n == 1)
		*out = rows[0];
	return n == 1;
}

/* The skill decides the team; a conversation without one takes the channel account's. */
static const stmt conv_insert = {
	"WITH acc AS (SELECT id, team_id, skill FROM channel_accounts"
	"   WHERE active AND id = CASE WHEN $1::bigint = 0"
	"     THEN (SELECT id FROM channel_accounts WHERE kind = 'web') ELSE $1::bigint END),"
	" sk AS (SELECT code, team_id FROM skills WHERE code = coalesce(nullif($4, ''), (SELECT skill FROM acc))),"
	" c AS (INSERT INTO conversations (channel_account_id, customer_id, subject, skill, team_id, topic, lang)"
	"   SELECT acc.id, nullif($2::bigint, 0), nullif($3, ''), (SELECT code FROM sk),"
	"     coalesce((SELECT team_id FROM sk), acc.team_id), nullif($5, ''), $6 FROM acc"
	"   WHERE (nullif($4, '') IS NULL OR EXISTS (SELECT 1 FROM sk))"
	"     AND (nullif($5, '') IS NULL OR EXISTS (SELECT 1 FROM chat_topics WHERE code = $5))"
	"   RETURNING id, created_at),"
	" e AS (INSERT INTO conversation_events (conversation_id, at, kind, actor, staff_id)"
	"   SELECT id, created_at, 'created', $7, nullif($8::bigint, 0) FROM c)"
	" SELECT id FROM c"
};

int64_t conv_create(db *d, arena *a, const conv_new *n)
{
	const char *p[] = { ID(n->channel_account_id), ID(n->customer_id), n->subject ? n->subject : "",
			    n->skill ? n->skill : "", n->topic ? n->topic : "", n->lang ? n->lang : "en",
			    actor_name(n->by), ID(n->by.staff_id) };
	return db_id_of(d, &conv_insert, 8, p);
}

/* ---- messages ---- */

/* One statement: the message (once per external id), the conversation's bookkeeping and the event.
 * $2 author, $3 internal, $4 direction; a customer's message wakes a snoozed conversation and reopens
 * a resolved one (queued again if nobody has it) and the customer waits from then on -- unless no
 * person wrote it ($13: an out-of-office, a list's mail), which changes nothing but the history. */
#define PERSON "($2 = 'customer' AND NOT $13::boolean)"
static const stmt msg_insert = {
	"WITH c AS (SELECT id, channel_account_id, status, snoozed_until > now() AS snoozed FROM conversations"
	"   WHERE id = $1::bigint FOR UPDATE),"
	" ins AS (INSERT INTO messages (conversation_id, channel_account_id, author, internal, direction, staff_id,"
	"     code, body, subject, html, external_id, ip_hash, delivery, delivery_at)"
	"   SELECT c.id, c.channel_account_id, $2, $3::boolean, nullif($4, ''), nullif($5::bigint, 0), nullif($6, ''),"
	"     $7, nullif($8, ''), nullif($9, ''), nullif($10, ''), nullif($11, ''), nullif($12, ''),"
	"     CASE WHEN $12 <> '' THEN now() END FROM c"
	"   ON CONFLICT (channel_account_id, external_id) WHERE external_id IS NOT NULL DO NOTHING"
	"   RETURNING id, conversation_id, created_at),"
	" upd AS (UPDATE conversations v SET last_message_at = ins.created_at, updated_at = now(),"
	"     preview = CASE WHEN $2 <> 'system' AND NOT $3::boolean THEN left($7, 200) ELSE v.preview END,"
	"     last_customer_message_at = CASE WHEN " PERSON " THEN ins.created_at"
	"       ELSE v.last_customer_message_at END,"
	"     waiting_since = CASE WHEN " PERSON " THEN coalesce(v.waiting_since, ins.created_at)"
	"       WHEN $4 = 'out' THEN NULL ELSE v.waiting_since END,"
	"     first_agent_reply_at = CASE WHEN $2 = 'agent' AND $4 = 'out'"
	"       THEN coalesce(v.first_agent_reply_at, ins.created_at) ELSE v.first_agent_reply_at END,"
	"     snoozed_until = CASE WHEN " PERSON " THEN NULL ELSE v.snoozed_until END,"
	"     status = CASE WHEN " PERSON " AND v.status = 'resolved' THEN 'open' ELSE v.status END,"
	"     resolved_at = CASE WHEN " PERSON " AND v.status = 'resolved' THEN NULL ELSE v.resolved_at END,"
	"     queued_at = CASE WHEN " PERSON " AND v.status = 'resolved' AND v.assigned_to IS NULL"
	"       THEN now() ELSE v.queued_at END"
	"   FROM ins WHERE v.id = ins.conversation_id RETURNING v.id),"
	" ev AS (INSERT INTO conversation_events (conversation_id, at, kind, actor, staff_id, from_value, to_value,"
	"     message_id)"
	"   SELECT ins.conversation_id, ins.created_at, x.kind, x.actor, nullif($5::bigint, 0), x.f, x.t, ins.id"
	"   FROM ins, c, upd, LATERAL (VALUES"
	"     (CASE WHEN " PERSON " AND c.status = 'resolved' THEN 'reopened' END, 'customer', 'resolved', 'open'),"
	"     (CASE WHEN " PERSON " AND c.snoozed THEN 'unsnoozed' END, 'customer', NULL, NULL),"
	"     (CASE WHEN $3::boolean THEN 'note_added' WHEN $2 = 'customer' THEN 'customer_replied'"
	"       WHEN $4 = 'out' THEN 'agent_replied' END,"
	"      CASE $2 WHEN 'customer' THEN 'customer' WHEN 'agent' THEN 'staff' ELSE 'system' END, NULL, NULL)"
	"   ) AS x (kind, actor, f, t) WHERE x.kind IS NOT NULL)"
	" SELECT (SELECT id FROM ins),"
	"   (SELECT m.id FROM messages m, c WHERE $10 <> '' AND m.channel_account_id = c.channel_account_id"
	"    AND m.external_id = $10),"
	"   EXISTS (SELECT 1 FROM c)"
};
#undef PERSON

int64_t msg_add(db *d, arena *a, const msg_new *m, bool *duplicate)
{
	static const char *const authors[] = { "customer", "agent", "agent", "system", "bot" };
	bool internal = m->kind == MSG_NOTE;
	const char *direction = m->kind == MSG_CUSTOMER			  ? "in"
				: m->kind == MSG_AGENT || m->kind == MSG_BOT ? "out"
									  : "";
	const char *p[] = { ID(m->conversation_id), authors[m->kind], internal ? "t" : "f", direction,
			    ID(m->staff_id), m->code ? m->code : "", m->body ? m->body : "",
			    m->subject ? m->subject : "", m->html ? m->html : "",
			    m->external_id ? m->external_id : "", m->ip_hash ? m->ip_hash : "",
			    m->delivery && *direction == 'o' ? m->delivery : "", m->automatic ? "t" : "f" };
	*duplicate = false;
	PGresult *res = db_run(d, &msg_insert, 13, p);
	if (!res)
		return -1;
	int64_t id = 0;
	if (!PQgetisnull(res, 0, 0)) {
		id = db_i64(res, 0, 0);
	} else if (db_bool(res, 0, 2)) {
		/* stored before: the first delivery's id (0 if it is not visible yet to this statement) */
		*duplicate = true;
		id = db_i64(res, 0, 1);
	}
	PQclear(res);
	return id;
}

static const stmt external_find = {
	"SELECT m.id FROM messages m JOIN conversations c ON c.channel_account_id = m.channel_account_id"
	" WHERE c.id = $1::bigint AND m.external_id = $2"
};

int64_t msg_external_find(db *d, arena *a, int64_t conv, const char *external_id)
{
	const char *p[] = { ID(conv), external_id };
	return db_id_of(d, &external_find, 2, p);
}

#define MSG_COLS \
	"m.id, coalesce(m.staff_id, 0), m.author, m.internal, m.direction, m.code, m.body, m.subject, s.name," \
	" to_char(m.created_at AT TIME ZONE $4, 'YYYY-MM-DD HH24:MI'), m.delivery, m.delivery_error," \
	" coalesce(f.n, 0), coalesce(im.id, 0)"
/* the conversation's files counted once, not looked up for each of its 500 messages; the same for the
 * mails messages came in */
#define MSG_FROM \
	" FROM messages m LEFT JOIN staff s ON s.id = m.staff_id" \
	" LEFT JOIN (SELECT message_id, count(*) AS n FROM attachments WHERE conversation_id = $1::bigint" \
	"   GROUP BY message_id) f ON f.message_id = m.id" \
	" LEFT JOIN (SELECT message_id, min(id) AS id FROM inbound_mails WHERE conversation_id = $1::bigint" \
	"   AND message_id IS NOT NULL GROUP BY message_id) im ON im.message_id = m.id"

static void msg_row(arena *a, PGresult *res, int i, void *item)
{
	message *m = item;
	m->id = db_i64(res, i, 0);
	m->staff_id = db_i64(res, i, 1);
	m->author = db_str(a, res, i, 2);
	m->internal = db_bool(res, i, 3);
	m->direction = db_str(a, res, i, 4);
	m->code = db_str(a, res, i, 5);
	m->body = db_str(a, res, i, 6);
	m->subject = db_str(a, res, i, 7);
	m->by_name = db_str(a, res, i, 8);
	m->created_at = db_str(a, res, i, 9);
	m->delivery = db_str(a, res, i, 10);
	m->delivery_error = db_str(a, res, i, 11);
	m->attachments = (int)db_i64(res, i, 12);
	m->inbound_mail = db_i64(res, i, 13);
}

static const stmt msgs_after_q = {
	"SELECT " MSG_COLS MSG_FROM
	" WHERE m.conversation_id = $1::bigint AND m.id > $2::bigint AND ($3::boolean OR NOT m.internal)"
	" ORDER BY m.id LIMIT $5::integer"
};

int msgs_after(db *d, arena *a, int64_t conv, int64_t after, bool staff, const char *tz, int limit,
	       message **out)
{
	const char *p[] = { ID(conv), ID(after), staff ? "t" : "f", tz, arena_printf(a, "%d", limit) };
	int n;
	*out = db_rows(d, a, &msgs_after_q, 5, p, sizeof **out, msg_row, &n);
	return n;
}

/* the newest $5 (one more read to know whether older ones exist), returned oldest first */
static const stmt msgs_latest_q = {
	"SELECT * FROM (SELECT " MSG_COLS MSG_FROM
	"   WHERE m.conversation_id = $1::bigint AND ($2::bigint = 0 OR m.id < $2::bigint)"
	"     AND ($3::boolean OR NOT m.internal)"
	"   ORDER BY m.id DESC LIMIT $5::integer + 1) x ORDER BY 1"
};

int msgs_latest(db *d, arena *a, int64_t conv, bool staff, const char *tz, int limit, bool *more,
		message **out)
{
	const char *p[] = { ID(conv), "0", staff ? "t" : "f", tz, arena_printf(a, "%d", limit) };
	int n;
	message *rows = db_rows(d, a, &msgs_latest_q, 5, p, sizeof *rows, msg_row, &n);
	*more = n > limit;
	if (*more) { /* the extra (oldest) row only said that there is more */
		rows++;
		n--;
	}
	*out = rows;
	return n;
}

static const stmt rate = {
	"SELECT (SELECT count(*) FROM messages WHERE conversation_id = $1::bigint AND author = 'customer'"
	"          AND created_at > now() - interval '10 seconds'),"
	"       (SELECT count(*) FROM messages WHERE ip_hash = $2"
	"          AND created_at > now() - interval '1 minute')"
};

bool msgs_rate(db *d, arena *a, int64_t conv, const char *ip_hash, int *conv_n, int *ip_n)
{
	const char *p[] = { ID(conv), ip_hash ? ip_hash : "" };
	PGresult *res = db_run(d, &rate, 2, p);
	if (!res)
		return false;
	*conv_n = (int)db_i64(res, 0, 0);
	*ip_n = (int)db_i64(res, 0, 1);
	PQclear(res);
	return true;
}

static const stmt mark_delivered = {
	"UPDATE messages SET delivery = 'delivered', delivery_at = now()"
	" WHERE conversation_id = $1::bigint AND id > $2::bigint AND NOT internal AND delivery IN ('queued', 'sent')"
};

bool msgs_mark_delivered(db *d, arena *a, int64_t conv, int64_t after)
{
	const char *p[] = { ID(conv), ID(after) };
	return db_do(d, &mark_delivered, 2, p);
}

/* ---- changes ---- */

/* Runs a change statement whose last column counts the rows it changed. */
static int change(db *d, const stmt *s, int n, const char *const *p)
{
	PGresult *res = db_run(d, s, n, p);
	if (!res)
		return -1;
	int changed = PQntuples(res) == 1 && db_i64(res, 0, 0) > 0;
	PQclear(res);
	return changed;
}

/* $1 conversation, $2 new status, $3 actor, $4 staff */
static const stmt set_status = {
	"WITH old AS (SELECT id, status FROM conversations WHERE id = $1::bigint FOR UPDATE),"
	" upd AS (UPDATE conversations c SET status = $2, updated_at = now(),"
	"     resolved_at = CASE WHEN $2 = 'resolved' THEN now() END,"
	"     snoozed_until = CASE WHEN $2 = 'resolved' THEN NULL ELSE c.snoozed_until END,"
	"     waiting_since = CASE WHEN $2 = 'resolved' THEN NULL ELSE c.waiting_since END,"
	"     queued_at = CASE WHEN old.status = 'resolved' THEN now() ELSE c.queued_at END"
	"   FROM old WHERE c.id = old.id AND old.status <> $2 RETURNING c.id),"
	" ev AS (INSERT INTO conversation_events (conversation_id, kind, actor, staff_id, from_value, to_value)"
	"   SELECT old.id, CASE WHEN old.status = 'resolved' THEN 'reopened' ELSE 'status_changed' END,"
	"     $3, nullif($4::bigint, 0), old.status, $2 FROM old, upd)"
	" SELECT count(*) FROM upd"
};

int conv_set_status(db *d, arena *a, int64_t conv, const char *status, actor by)
{
	const char *p[] = { ID(conv), status, actor_name(by), ID(by.staff_id) };
	return change(d, &set_status, 4, p);
}

static const stmt set_priority = {
	"WITH old AS (SELECT id, priority FROM conversations WHERE id = $1::bigint FOR UPDATE),"
	" upd AS (UPDATE conversations c SET priority = $2, updated_at = now()"
	"   FROM old WHERE c.id = old.id AND old.priority <> $2 RETURNING c.id),"
	" ev AS (INSERT INTO conversation_events (conversation_id, kind, actor, staff_id, from_value, to_value)"
	"   SELECT old.id, 'priority_changed', $3, nullif($4::bigint, 0), old.priority, $2 FROM old, upd)"
	" SELECT count(*) FROM upd"
};

int conv_set_priority(db *d, arena *a, int64_t conv, const char *priority, actor by)
{
	const char *p[] = { ID(conv), priority, actor_name(by), ID(by.staff_id) };
	return change(d, &set_priority, 4, p);
}

/* A snooze ends by itself at its time (the wake_snoozed job records it and tells the assignee), or
 * when the customer writes. $2 local time in zone $5. */
static const stmt snooze = {
	"WITH t AS (SELECT CASE $6"
	"   WHEN 'hour' THEN now() + interval '1 hour'"
	"   WHEN 'tomorrow' THEN (date_trunc('day', now() AT TIME ZONE $5) + interval '1 day 9 hours') AT TIME ZONE $5"
	"   WHEN 'week' THEN (date_trunc('week', now() AT TIME ZONE $5) + interval '7 days 9 hours') AT TIME ZONE $5"
	"   ELSE nullif($2, '')::timestamp AT TIME ZONE $5 END AS until),"
	" old AS (SELECT id FROM conversations WHERE id = $1::bigint AND status <> 'resolved' FOR UPDATE),"
	" upd AS (UPDATE conversations c SET snoozed_until = t.until, updated_at = now()"
	"   FROM t, old WHERE c.id = old.id AND t.until > now() RETURNING c.id, t.until),"
	" ev AS (INSERT INTO conversation_events (conversation_id, kind, actor, staff_id, to_value)"
	"   SELECT id, 'snoozed', $3, nullif($4::bigint, 0),"
	"     to_char(until AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM upd),"
	" job AS (INSERT INTO jobs (kind, payload, run_at)"
	"   SELECT 'wake_snoozed', jsonb_build_object('conversation', id, 'until', until), until FROM upd)"
	" SELECT count(*) FROM upd"
};

int conv_snooze(db *d, arena *a, int64_t conv, const char *until, const char *preset, const char *tz, actor by)
{
	const char *p[] = { ID(conv), until ? until : "", actor_name(by), ID(by.staff_id), tz, preset ? preset : "" };
	return change(d, &snooze, 6, p);
}

/* $4: only the snooze that ends at that instant (the job of an earlier snooze changes nothing) */
static const stmt unsnooze = {
	"WITH old AS (SELECT id FROM conversations WHERE id = $1::bigint AND snoozed_until IS NOT NULL"
	"   AND ($4 = '' OR snoozed_until = nullif($4, '')::timestamptz) FOR UPDATE),"
	" upd AS (UPDATE conversations c SET snoozed_until = NULL, updated_at = now(),"
	"     queued_at = CASE WHEN c.assigned_to IS NULL THEN now() ELSE c.queued_at END"
	"   FROM old WHERE c.id = old.id RETURNING c.id),"
	" ev AS (INSERT INTO conversation_events (conversation_id, kind, actor, staff_id)"
	"   SELECT id, 'unsnoozed', $2, nullif($3::bigint, 0) FROM upd)"
	" SELECT count(*) FROM upd"
};

int conv_unsnooze(db *d, arena *a, int64_t conv, actor by)
{
	const char *p[] = { ID(conv), actor_name(by), ID(by.staff_id), "" };
	return change(d, &unsnooze, 4, p);
}

int conv_wake_snoozed(db *d, arena *a, int64_t conv, const char *until)
{
	const char *p[] = { ID(conv), "system", "0", until };
	return change(d, &unsnooze, 4, p);
}

/* $2 the new assignee (0: nobody). Someone given a conversation by a colleague is notified. */
static const stmt assign = {
	"WITH old AS (SELECT id, assigned_to FROM conversations WHERE id = $1::bigint FOR UPDATE),"
	" upd AS (UPDATE conversations c SET assigned_to = nullif($2::bigint, 0), updated_at = now(),"
	"     assigned_at = CASE WHEN $2::bigint = 0 THEN NULL ELSE now() END,"
	"     transfers = c.transfers + CASE WHEN old.assigned_to IS NOT NULL AND $2::bigint <> 0 THEN 1 ELSE 0 END,"
	"     queued_at = CASE WHEN $2::bigint = 0 THEN now() ELSE c.queued_at END"
	"   FROM old WHERE c.id = old.id AND old.assigned_to IS DISTINCT FROM nullif($2::bigint, 0)"
	"   RETURNING c.id),"
	" ev AS (INSERT INTO conversation_events (conversation_id, kind, actor, staff_id, from_value, to_value)"
	"   SELECT old.id, CASE WHEN $2::bigint = 0 THEN 'unassigned' WHEN old.assigned_to IS NULL THEN 'assigned'"
	"     ELSE 'transferred' END, $3, nullif($4::bigint, 0), old.assigned_to::text, nullif($2::bigint, 0)::text"
	"   FROM old, upd),"
	" note AS (INSERT INTO staff_notifications (staff_id, conversation_id, kind, by_staff_id)"
	"   SELECT $2::bigint, old.id, 'assigned', nullif($4::bigint, 0) FROM old, upd"
	"   WHERE $2::bigint <> 0 AND $4::bigint <> 0 AND $4::bigint <> $2::bigint)"
	" SELECT (SELECT count(*) FROM upd), (SELECT assigned_to IS NOT NULL AND $2::bigint <> 0 FROM old, upd)"
};

int conv_assign(db *d, arena *a, int64_t conv, int64_t staff_id, actor by, bool *transferred)
{
	const char *p[] = { ID(conv), ID(staff_id), actor_name(by), ID(by.staff_id) };
	PGresult *res = db_run(d, &assign, 4, p);
	if (!res)
		return -1;
	int changed = db_i64(res, 0, 0) > 0;
	*transferred = db_bool(res, 0, 1);
	PQclear(res);
	return changed;
}

static const stmt requeue = {
	"WITH old AS (SELECT id, assigned_to FROM conversations WHERE id = $1::bigint FOR UPDATE),"
	" sk AS (SELECT code, team_id FROM skills WHERE code = $2),"
	" upd AS (UPDATE conversations c SET assigned_to = NULL, assigned_at = NULL, skill = sk.code,"
	"     team_id = coalesce(sk.team_id, c.team_id), queued_at = now(), status = 'open', updated_at = now(),"
	"     transfers = c.transfers + CASE WHEN old.assigned_to IS NOT NULL THEN 1 ELSE 0 END"
	"   FROM old, sk WHERE c.id = old.id RETURNING c.id),"
	" ev AS (INSERT INTO conversation_events (conversation_id, kind, actor, staff_id, from_value, to_value)"
	"   SELECT old.id, 'transferred', $3, nullif($4::bigint, 0), old.assigned_to::text, 'skill:' || $2"
	"   FROM old, upd)"
	" SELECT count(*) FROM upd"
};

int conv_requeue(db *d, arena *a, int64_t conv, const char *skill, actor by)
{
	const char *p[] = { ID(conv), skill, actor_name(by), ID(by.staff_id) };
	return change(d, &requeue, 4, p);
}

static const stmt tag_add = {
	"WITH ins AS (INSERT INTO conversation_tags (conversation_id, tag)"
	"   SELECT id, $2 FROM conversations WHERE id = $1::bigint ON CONFLICT DO NOTHING RETURNING conversation_id),"
	" ev AS (INSERT INTO conversation_events (conversation_id, kind, actor, staff_id, to_value)"
	"   SELECT conversation_id, 'tagged', $3, nullif($4::bigint, 0), $2 FROM ins)"
	" SELECT count(*) FROM ins"
};
static const stmt tag_remove = {
	"WITH del AS (DELETE FROM conversation_tags WHERE conversation_id = $1::bigint AND tag = $2"
	"   RETURNING conversation_id),"
	" ev AS (INSERT INTO conversation_events (conversation_id, kind, actor, staff_id, from_value)"
	"   SELECT conversation_id, 'untagged', $3, nullif($4::bigint, 0), $2 FROM del)"
	" SELECT count(*) FROM del"
};

int conv_tag_add(db *d, arena *a, int64_t conv, const char *tag, actor by)
{
	const char *p[] = { ID(conv), tag, actor_name(by), ID(by.staff_id) };
	return change(d, &tag_add, 4, p);
}

int conv_tag_remove(db *d, arena *a, int64_t conv, const char *tag, actor by)
{
	const char *p[] = { ID(conv), tag, actor_name(by), ID(by.staff_id) };
	return change(d, &tag_remove, 4, p);
}

static const stmt tags = { "SELECT tag FROM conversation_tags WHERE conversation_id = $1::bigint ORDER BY tag" };

static void tag_row(arena *a, PGresult *res, int i, void *item)
{
	*(const char **)item = db_str(a, res, i, 0);
}

int conv_tags(db *d, arena *a, int64_t conv, const char ***out)
{
	const char *p[] = { ID(conv) };
	int n;
	*out = db_rows(d, a, &tags, 1, p, sizeof **out, tag_row, &n);
	return n;
}

/* ---- history ---- */

static const stmt events = {
	"SELECT * FROM (SELECT e.id, e.kind, e.actor, s.name, e.from_value, e.to_value,"
	"   to_char(e.at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI')"
	"   FROM conversation_events e LEFT JOIN staff s ON s.id = e.staff_id"
	"   WHERE e.conversation_id = $1::bigint ORDER BY e.id DESC LIMIT $3::integer) x ORDER BY id"
};

static void event_row(arena *a, PGresult *res, int i, void *item)
{
	conv_event *e = item;
	e->kind = db_str(a, res, i, 1);
	e->actor = db_str(a, res, i, 2);
	e->by_name = db_str(a, res, i, 3);
	e->from_value = db_str(a, res, i, 4);
	e->to_value = db_str(a, res, i, 5);
	e->at = db_str(a, res, i, 6);
}

int conv_events(db *d, arena *a, int64_t conv, const char *tz, int limit, conv_event **out)
{
	const char *p[] = { ID(conv), tz, arena_printf(a, "%d", limit) };
	int n;
	*out = db_rows(d, a, &events, 3, p, sizeof **out, event_row, &n);
	return n;
}

static const stmt history = {
	"SELECT " CONV_COLS CONV_FROM " WHERE c.customer_id = $1::bigint AND c.id <> $4::bigint"
	" ORDER BY c.created_at DESC LIMIT 20"
};

int conv_history(db *d, arena *a, int64_t customer_id, int64_t except, const char *tz, conversation **out)
{
	const char *p[] = { ID(customer_id), tz, "0", ID(except) };
	int n;
	*out = db_rows(d, a, &history, 4, p, sizeof **out, conv_row, &n);
	return n;
}
