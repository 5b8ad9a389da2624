/* data/chat.c: conversations, chat messages, routing, presence, tags and canned answers */
#include "chat.h"
#include <stdio.h>
#include <string.h>

#define ID(x) db_id(a, (x))

static const stmt conv_insert = {
	"INSERT INTO conversations (customer_id, visitor_token_hash, visitor_name, visitor_email, topic, skill,"
	" lang, live_channel, notice_version, offline)"
	" SELECT NULLIF($1::bigint, 0), $2, $3, $4, t.code, t.skill, $5, $6, $7, $8::boolean"
	" FROM chat_topics t WHERE t.code = $9 RETURNING id"
};

int64_t chat_conv_create(db *d, arena *a, const chat_new *n)
{
	const char *p[] = { ID(n->customer_id), n->visitor_hash, n->visitor_name, n->visitor_email,
			    n->lang, n->live_channel, n->notice_version, n->offline ? "t" : "f", n->topic };
	PGresult *res = db_run(d, &conv_insert, 9, p);
	if (!res)
		return -1;
	int64_t id = PQntuples(res) ? db_i64(res, 0, 0) : 0;
	PQclear(res);
	return id;
}

#define CONV_COLS \
	"c.id, coalesce(c.customer_id, 0), coalesce(c.assigned_to, 0), c.channel, c.status," \
	" coalesce(c.topic, ''), coalesce(c.skill, ''), c.lang, c.live_channel," \
	" coalesce(cu.name, c.visitor_name, ''), coalesce(cu.email, c.visitor_email, ''), s.name," \
	" to_char(c.created_at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI')," \
	" to_char(c.last_message_at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI'), c.offline," \
	" c.customer_id IS NULL, c.transfers," \
	" coalesce((SELECT max(m.id) FROM chat_messages m WHERE m.conversation_id = c.id), 0)," \
	" (SELECT left(m.body, 80) FROM chat_messages m WHERE m.conversation_id = c.id" \
	"   AND m.kind IN ('customer', 'agent') ORDER BY m.id DESC LIMIT 1)," \
	" (SELECT string_agg(t.tag, ' ' ORDER BY t.tag) FROM conversation_tags t WHERE t.conversation_id = c.id)," \
	" c.visitor_token_hash"
#define CONV_FROM \
	" FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id" \
	" LEFT JOIN staff s ON s.id = c.assigned_to"

static void conv_row(arena *a, PGresult *res, int i, void *item)
{
	chat_conv *c = item;
	memset(c, 0, sizeof *c);
	c->id = db_i64(res, i, 0);
	c->customer_id = db_i64(res, i, 1);
	c->assigned_to = db_i64(res, i, 2);
	c->channel = db_str(a, res, i, 3);
	c->status = db_str(a, res, i, 4);
	c->topic = db_str(a, res, i, 5);
	c->skill = db_str(a, res, i, 6);
	c->lang = db_str(a, res, i, 7);
	c->live_channel = db_str(a, res, i, 8);
	c->name = db_str(a, res, i, 9);
	c->email = db_str(a, res, i, 10);
	c->assignee = db_str(a, res, i, 11);
	c->created_at = db_str(a, res, i, 12);
	c->last_message_at = db_str(a, res, i, 13);
	c->offline = db_bool(res, i, 14);
	c->visitor = db_bool(res, i, 15);
	c->transfers = (int)db_i64(res, i, 16);
	c->last_id = db_i64(res, i, 17);
	c->preview = db_str(a, res, i, 18);
	c->tags = db_str(a, res, i, 19);
	c->visitor_hash = db_str(a, res, i, 20);
}

static const stmt conv_get = { "SELECT " CONV_COLS CONV_FROM " WHERE c.id = $1" };

bool chat_conv_get(db *d, arena *a, int64_t id, const char *tz, chat_conv *out)
{
	const char *p[] = { ID(id), tz };
	PGresult *res = db_run(d, &conv_get, 2, p);
	if (!res)
		return false;
	bool found = PQntuples(res) == 1;
	if (found)
		conv_row(a, res, 0, out);
	PQclear(res);
	return found;
}

static const stmt by_live = {
	"SELECT id, coalesce(customer_id, 0), visitor_token_hash FROM conversations WHERE live_channel = $1"
};

bool chat_conv_by_live(db *d, arena *a, const char *live, int64_t *id, int64_t *customer_id,
		       const char **visitor_hash)
{
	const char *p[] = { live };
	PGresult *res = db_run(d, &by_live, 1, p);
	if (!res)
		return false;
	bool found = PQntuples(res) == 1;
	if (found) {
		*id = db_i64(res, 0, 0);
		*customer_id = db_i64(res, 0, 1);
		*visitor_hash = db_str(a, res, 0, 2);
	}
	PQclear(res);
	return found;
}

static const stmt current = {
	"SELECT id FROM conversations WHERE channel = 'web' AND status <> 'resolved'"
	" AND ((customer_id = $1 AND $1 > 0) OR (visitor_token_hash = $2 AND customer_id IS NULL))"
	" ORDER BY id DESC LIMIT 1"
};

int64_t chat_conv_current(db *d, int64_t customer_id, const char *visitor_hash)
{
	char cid[24];
	snprintf(cid, sizeof cid, "%lld", (long long)customer_id);
	const char *p[] = { cid, visitor_hash };
	PGresult *res = db_run(d, &current, 2, p);
	if (!res)
		return 0;
	int64_t id = PQntuples(res) ? db_i64(res, 0, 0) : 0;
	PQclear(res);
	return id;
}

/* the visitor's token stops working once the conversation belongs to an account */
static const stmt claim = {
	"UPDATE conversations SET customer_id = $2, visitor_token_hash = NULL"
	" WHERE id = $1 AND customer_id IS NULL"
};

bool chat_conv_claim(db *d, arena *a, int64_t id, int64_t customer_id)
{
	const char *p[] = { ID(id), ID(customer_id) };
	return db_do(d, &claim, 2, p);
}

static const stmt set_live = { "UPDATE conversations SET live_channel = $2 WHERE id = $1" };

bool chat_set_live(db *d, arena *a, int64_t id, const char *live)
{
	const char *p[] = { ID(id), live };
	return db_do(d, &set_live, 2, p);
}

static const stmt customer_lives = {
	"SELECT id FROM conversations WHERE customer_id = $1 AND status <> 'resolved'"
};

int chat_customer_lives(db *d, arena *a, int64_t customer_id, int64_t **ids)
{
	const char *p[] = { ID(customer_id) };
	PGresult *res = db_run(d, &customer_lives, 1, p);
	if (!res)
		return -1;
	int n = PQntuples(res);
	*ids = arena_alloc(a, sizeof **ids * (size_t)(n + 1));
	for (int i = 0; i < n; i++)
		(*ids)[i] = db_i64(res, i, 0);
	PQclear(res);
	return n;
}

/* first_agent_reply_at is kept for reporting (time to first reply) */
static const stmt msg_insert = {
	"WITH c AS (UPDATE conversations SET last_message_at = now(),"
	"   first_agent_reply_at = CASE WHEN $2 = 'agent' THEN coalesce(first_agent_reply_at, now())"
	"                          ELSE first_agent_reply_at END"
	"   WHERE id = $1 RETURNING id)"
	" INSERT INTO chat_messages (conversation_id, kind, staff_id, code, body, ip_hash)"
	" SELECT c.id, $2, NULLIF($3::bigint, 0), $4, $5, $6 FROM c RETURNING id"
};

int64_t chat_msg_add(db *d, arena *a, int64_t conv, const char *kind, int64_t staff_id,
		     const char *code, const char *body, const char *ip_hash)
{
	const char *p[] = { ID(conv), kind, ID(staff_id), code, body, ip_hash };
	PGresult *res = db_run(d, &msg_insert, 6, p);
	if (!res)
		return -1;
	int64_t id = PQntuples(res) ? db_i64(res, 0, 0) : 0;
	PQclear(res);
	return id;
}

static const stmt msgs_after = {
	"SELECT m.id, m.kind, m.code, m.body, s.name,"
	" to_char(m.created_at AT TIME ZONE $4, 'YYYY-MM-DD HH24:MI')"
	" FROM chat_messages m LEFT JOIN staff s ON s.id = m.staff_id"
	" WHERE m.conversation_id = $1 AND m.id > $2 AND ($3::boolean OR m.kind <> 'note')"
	" ORDER BY m.id LIMIT 500"
};

static void chat_msgs_after_row(arena *a, PGresult *res, int i, void *item)
{
	chat_msg *m = item;
	m->id = db_i64(res, i, 0);
	m->kind = db_str(a, res, i, 1);
	m->code = db_str(a, res, i, 2);
	m->body = db_str(a, res, i, 3);
	m->author = db_str(a, res, i, 4);
	m->created_at = db_str(a, res, i, 5);
}

int chat_msgs_after(db *d, arena *a, int64_t conv, int64_t after, bool notes, const char *tz,
		    chat_msg **out)
{
	const char *p[] = { ID(conv), ID(after), notes ? "t" : "f", tz };
	int n;
	*out = db_rows(d, a, &msgs_after, 4, p, sizeof **out, chat_msgs_after_row, &n);
	return n;
}

static const stmt rate = {
	"SELECT (SELECT count(*) FROM chat_messages WHERE conversation_id = $1 AND kind = 'customer'"
	"          AND created_at > now() - interval '10 seconds'),"
	"       (SELECT count(*) FROM chat_messages WHERE ip_hash = $2"
	"          AND created_at > now() - interval '1 minute')"
};

bool chat_rate(db *d, arena *a, int64_t conv, const char *ip_hash, int *conv_n, int *ip_n)
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

static const stmt transcripts_recent = {
	"SELECT count(*) FROM mails WHERE lower(to_address) = lower($1) AND subject IN ($2, $3)"
	" AND created_at > now() - interval '1 hour'"
};

int chat_transcripts_recent(db *d, const char *email, const char *subject_en, const char *subject_bn)
{
	const char *p[] = { email, subject_en, subject_bn };
	PGresult *res = db_run(d, &transcripts_recent, 3, p);
	if (!res)
		return -1;
	int n = (int)db_i64(res, 0, 0);
	PQclear(res);
	return n;
}

/* Routing runs under one advisory lock so two requests never fill the same agent past the limit. */
static const stmt route_lock = { "SELECT pg_advisory_xact_lock(40040004)" };
static const stmt route_one = {
	"SELECT c.id, a.staff_id FROM conversations c"
	" CROSS JOIN LATERAL ("
	"   SELECT g.staff_id, (SELECT count(*) FROM conversations o WHERE o.assigned_to = g.staff_id"
	"                       AND o.channel = 'web' AND o.status <> 'resolved') AS busy, g.max_chats"
	"   FROM chat_agents g JOIN staff s ON s.id = g.staff_id AND s.active"
	"   WHERE g.presence = 'online'"
	"     AND EXISTS (SELECT 1 FROM chat_agent_skills k WHERE k.staff_id = g.staff_id AND k.skill = c.skill)"
	"     AND EXISTS (SELECT 1 FROM chat_agent_langs l WHERE l.staff_id = g.staff_id AND l.lang = c.lang)"
	"   ) a"
	" WHERE c.assigned_to IS NULL AND c.status = 'open' AND c.channel = 'web' AND NOT c.offline"
	"   AND a.busy < a.max_chats"
	" ORDER BY c.queued_at, c.id, a.busy, a.staff_id LIMIT 1"
};
static const stmt route_assign = {
	"UPDATE conversations SET assigned_to = $2, assigned_at = now() WHERE id = $1"
};

int chat_route(db *d, arena *a, int64_t **convs)
{
	enum { MAX_ROUTE = 50 };
	*convs = arena_calloc(a, sizeof **convs * MAX_ROUTE);
	PGresult *lk = db_run(d, &route_lock, 0, NULL);
	if (!lk)
		return -1;
	PQclear(lk);
	int n = 0;
	while (n < MAX_ROUTE) {
		PGresult *res = db_run(d, &route_one, 0, NULL);
		if (!res)
			return -1;
		if (PQntuples(res) == 0) {
			PQclear(res);
			break;
		}
		int64_t conv = db_i64(res, 0, 0), staff = db_i64(res, 0, 1);
		PQclear(res);
		const char *p[] = { ID(conv), ID(staff) };
		if (!db_do(d, &route_assign, 2, p))
			return -1;
		if (chat_msg_add(d, a, conv, "system", staff, "joined", "", NULL) < 0)
			return -1;
		(*convs)[n++] = conv;
	}
	return n;
}

static const stmt queue_pos = {
	"SELECT count(*) FROM conversations q, conversations c"
	" WHERE c.id = $1 AND c.assigned_to IS NULL AND c.status = 'open' AND NOT c.offline"
	"   AND q.assigned_to IS NULL AND q.status = 'open' AND NOT q.offline AND q.channel = 'web'"
	"   AND q.skill = c.skill AND q.lang = c.lang"
	"   AND (q.queued_at, q.id) <= (c.queued_at, c.id)"
};

int chat_queue_position(db *d, int64_t conv)
{
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)conv);
	const char *p[] = { id };
	PGresult *res = db_run(d, &queue_pos, 1, p);
	if (!res)
		return 0;
	int n = (int)db_i64(res, 0, 0);
	PQclear(res);
	return n;
}

static const stmt open_now = {
	"SELECT EXISTS (SELECT 1 FROM chat_topics tp JOIN chat_skills sk ON sk.code = tp.skill"
	"   JOIN chat_teams t ON t.id = sk.team_id JOIN chat_team_hours h ON h.team_id = t.id"
	"   WHERE tp.code = $1 AND h.dow = extract(dow FROM now() AT TIME ZONE t.tz)"
	"     AND (now() AT TIME ZONE t.tz)::time >= h.opens AND (now() AT TIME ZONE t.tz)::time < h.closes)"
	" AND EXISTS (SELECT 1 FROM chat_topics tp JOIN chat_agent_skills k ON k.skill = tp.skill"
	"   JOIN chat_agents g ON g.staff_id = k.staff_id JOIN staff s ON s.id = g.staff_id AND s.active"
	"   WHERE tp.code = $1 AND g.presence = 'online')"
};

bool chat_open_now(db *d, const char *topic, bool *open)
{
	const char *p[] = { topic };
	PGresult *res = db_run(d, &open_now, 1, p);
	if (!res)
		return false;
	*open = db_bool(res, 0, 0);
	PQclear(res);
	return true;
}

/* a transfer is an assignment away from someone else (counted for first-contact resolution) */
static const stmt assign = {
	"UPDATE conversations SET"
	" transfers = transfers + CASE WHEN assigned_to IS NOT NULL AND assigned_to <> $2 THEN 1 ELSE 0 END,"
	" assigned_to = $2, assigned_at = now()"
	" WHERE id = $1 RETURNING transfers,"
	" (SELECT assigned_to FROM conversations o WHERE o.id = $1) IS DISTINCT FROM NULL"
	"   AND (SELECT assigned_to FROM conversations o WHERE o.id = $1) <> $2"
};

bool chat_assign(db *d, int64_t conv, int64_t staff_id, bool *transferred)
{
	char c[24], s[24];
	snprintf(c, sizeof c, "%lld", (long long)conv);
	snprintf(s, sizeof s, "%lld", (long long)staff_id);
	const char *p[] = { c, s };
	PGresult *res = db_run(d, &assign, 2, p);
	if (!res)
		return false;
	bool ok = PQntuples(res) == 1;
	*transferred = ok && db_bool(res, 0, 1);
	PQclear(res);
	return ok;
}

static const stmt requeue = {
	"UPDATE conversations SET"
	" transfers = transfers + CASE WHEN assigned_to IS NOT NULL THEN 1 ELSE 0 END,"
	" assigned_to = NULL, assigned_at = NULL, skill = $2, queued_at = now(), status = 'open'"
	" WHERE id = $1 AND EXISTS (SELECT 1 FROM chat_skills WHERE code = $2)"
};

bool chat_requeue(db *d, int64_t conv, const char *skill)
{
	char c[24];
	snprintf(c, sizeof c, "%lld", (long long)conv);
	const char *p[] = { c, skill };
	return db_do(d, &requeue, 2, p);
}

static const stmt set_status = {
	"UPDATE conversations SET status = $2,"
	" resolved_at = CASE WHEN $2 = 'resolved' THEN now() ELSE NULL END WHERE id = $1"
};

bool chat_set_status(db *d, int64_t conv, const char *status)
{
	char c[24];
	snprintf(c, sizeof c, "%lld", (long long)conv);
	const char *p[] = { c, status };
	return db_do(d, &set_status, 2, p);
}

static const stmt inbox = {
	"SELECT " CONV_COLS CONV_FROM
	" WHERE ($1 = 'all' OR ($1 = 'mine' AND c.assigned_to = $3) OR ($1 = 'unassigned' AND c.assigned_to IS NULL))"
	"   AND ($4 = '' OR c.status = $4) AND ($5 = '' OR c.channel = $5)"
	"   AND ($6 = '' OR EXISTS (SELECT 1 FROM conversation_tags t WHERE t.conversation_id = c.id AND t.tag = $6))"
	" ORDER BY c.last_message_at DESC, c.id DESC LIMIT 200"
};

static int conv_list(db *d, arena *a, const stmt *s, int np, const char *const *p, chat_conv **out)
{
	int n;
	*out = db_rows(d, a, s, np, p, sizeof **out, conv_row, &n);
	return n;
}

int chat_inbox(db *d, arena *a, const chat_filter *f, const char *tz, chat_conv **out)
{
	const char *p[] = { f->view, tz, ID(f->me), f->status, f->channel, f->tag };
	return conv_list(d, a, &inbox, 6, p, out);
}

static const stmt history = {
	"SELECT " CONV_COLS CONV_FROM " WHERE c.customer_id = $1 AND c.id <> $3"
	" ORDER BY c.created_at DESC LIMIT 20"
};

int chat_history(db *d, arena *a, int64_t customer_id, int64_t except, const char *tz, chat_conv **out)
{
	const char *p[] = { ID(customer_id), tz, ID(except) };
	return conv_list(d, a, &history, 3, p, out);
}

static void options_row(arena *a, PGresult *res, int i, void *item)
{
	chat_option *o = item;
	o->code = db_str(a, res, i, 0);
	o->title = db_str(a, res, i, 1);
	o->id = db_i64(res, i, 2);
	o->n = (int)db_i64(res, i, 3);
	o->extra = db_str(a, res, i, 4);
}

static int options(db *d, arena *a, const stmt *s, int np, const char *const *p, chat_option **out)
{
	int n;
	*out = db_rows(d, a, s, np, p, sizeof **out, options_row, &n);
	return n;
}

static const stmt topics = { "SELECT code, title, 0, 0, skill FROM chat_topics ORDER BY position, code" };
int chat_topics(db *d, arena *a, chat_option **out) { return options(d, a, &topics, 0, NULL, out); }

static const stmt skills = { "SELECT code, title, 0, 0, NULL FROM chat_skills ORDER BY title" };
int chat_skills(db *d, arena *a, chat_option **out) { return options(d, a, &skills, 0, NULL, out); }

static const stmt agents = {
	"SELECT coalesce(g.presence, 'offline'), s.name, s.id,"
	" (SELECT count(*) FROM conversations o WHERE o.assigned_to = s.id AND o.status <> 'resolved'"
	"    AND o.channel = 'web'),"
	" coalesce(g.max_chats, 0)::text"
	" FROM staff s LEFT JOIN chat_agents g ON g.staff_id = s.id"
	" WHERE s.active AND s.roles && ARRAY['agent', 'supervisor', 'admin'] ORDER BY s.name"
};
int chat_agents(db *d, arena *a, chat_option **out) { return options(d, a, &agents, 0, NULL, out); }

static const stmt queues = {
	"SELECT skill, lang, 0, count(*), min(queued_at)::text FROM conversations"
	" WHERE assigned_to IS NULL AND status = 'open' AND channel = 'web' AND NOT offline"
	" GROUP BY skill, lang ORDER BY min(queued_at)"
};
int chat_queues(db *d, arena *a, chat_option **out) { return options(d, a, &queues, 0, NULL, out); }

static const stmt presence_get = { "SELECT presence FROM chat_agents WHERE staff_id = $1" };

const char *chat_presence(db *d, arena *a, int64_t staff_id)
{
	const char *p[] = { ID(staff_id) };
	PGresult *res = db_run(d, &presence_get, 1, p);
	if (!res)
		return "offline";
	const char *v = PQntuples(res) ? db_str(a, res, 0, 0) : "offline";
	PQclear(res);
	return v;
}

static const stmt presence_set = {
	"INSERT INTO chat_agents (staff_id, presence) VALUES ($1, $2)"
	" ON CONFLICT (staff_id) DO UPDATE SET presence = $2, presence_at = now()"
};

bool chat_presence_set(db *d, int64_t staff_id, const char *presence)
{
	char s[24];
	snprintf(s, sizeof s, "%lld", (long long)staff_id);
	const char *p[] = { s, presence };
	return db_do(d, &presence_set, 2, p);
}

static const stmt tags = { "SELECT tag FROM conversation_tags WHERE conversation_id = $1 ORDER BY tag" };

static void chat_tags_row(arena *a, PGresult *res, int i, void *item)
{
	const char **row = item;
	*row = db_str(a, res, i, 0);
}

int chat_tags(db *d, arena *a, int64_t conv, const char ***out)
{
	const char *p[] = { ID(conv) };
	int n;
	*out = db_rows(d, a, &tags, 1, p, sizeof **out, chat_tags_row, &n);
	return n;
}

static const stmt tag_add = {
	"INSERT INTO conversation_tags (conversation_id, tag) VALUES ($1, $2) ON CONFLICT DO NOTHING"
};
static const stmt tag_remove = { "DELETE FROM conversation_tags WHERE conversation_id = $1 AND tag = $2" };

bool chat_tag_add(db *d, int64_t conv, const char *tag)
{
	char c[24];
	snprintf(c, sizeof c, "%lld", (long long)conv);
	const char *p[] = { c, tag };
	return db_do(d, &tag_add, 2, p);
}

bool chat_tag_remove(db *d, int64_t conv, const char *tag)
{
	char c[24];
	snprintf(c, sizeof c, "%lld", (long long)conv);
	const char *p[] = { c, tag };
	return db_do(d, &tag_remove, 2, p);
}

static const stmt canned_all = { "SELECT '', title, id, 0, body FROM canned_answers ORDER BY title, id" };
int canned_list(db *d, arena *a, chat_option **out) { return options(d, a, &canned_all, 0, NULL, out); }

static const stmt canned_one = { "SELECT '', title, id, 0, body FROM canned_answers WHERE id = $1" };

bool canned_get(db *d, arena *a, int64_t id, chat_option *out)
{
	chat_option *list;
	const char *p[] = { ID(id) };
	int n = options(d, a, &canned_one, 1, p, &list);
	if (n != 1)
		return false;
	*out = list[0];
	return true;
}

static const stmt canned_insert = {
	"INSERT INTO canned_answers (title, body, created_by) VALUES ($1, $2, $3) RETURNING id"
};

int64_t canned_create(db *d, arena *a, const char *title, const char *body, int64_t by)
{
	const char *p[] = { title, body, ID(by) };
	PGresult *res = db_run(d, &canned_insert, 3, p);
	if (!res)
		return -1;
	int64_t id = db_i64(res, 0, 0);
	PQclear(res);
	return id;
}

static const stmt canned_del = { "DELETE FROM canned_answers WHERE id = $1" };

bool canned_delete(db *d, int64_t id)
{
	char s[24];
	snprintf(s, sizeof s, "%lld", (long long)id);
	const char *p[] = { s };
	return db_do(d, &canned_del, 1, p);
}

static const stmt notice = { "UPDATE conversations SET notice_version = $2 WHERE id = $1" };

bool chat_record_consent(db *d, int64_t conv, const char *notice_version)
{
	char s[24];
	snprintf(s, sizeof s, "%lld", (long long)conv);
	const char *p[] = { s, notice_version };
	return db_do(d, &notice, 2, p);
}

/* ---- settings: agents' limits, skills, languages; teams' hours ---- */

static const stmt agent_settings = {
	"SELECT s.id, s.name, coalesce(g.max_chats, 0),"
	" coalesce((SELECT string_agg(skill, ' ' ORDER BY skill) FROM chat_agent_skills k WHERE k.staff_id = s.id), ''),"
	" coalesce((SELECT string_agg(lang, ' ' ORDER BY lang) FROM chat_agent_langs l WHERE l.staff_id = s.id), '')"
	" FROM staff s LEFT JOIN chat_agents g ON g.staff_id = s.id"
	" WHERE s.active AND s.roles && ARRAY['agent', 'supervisor', 'admin'] ORDER BY s.name"
};

static void chat_agent_settings_row(arena *a, PGresult *res, int i, void *item)
{
	chat_agent_row *row = item;
	row->staff_id = db_i64(res, i, 0);
	row->name = db_str(a, res, i, 1);
	row->max_chats = (int)db_i64(res, i, 2);
	row->skills = db_str(a, res, i, 3);
	row->langs = db_str(a, res, i, 4);
}

int chat_agent_settings(db *d, arena *a, chat_agent_row **out)
{
	int n;
	*out = db_rows(d, a, &agent_settings, 0, NULL, sizeof **out, chat_agent_settings_row, &n);
	return n;
}

static const stmt agent_upsert = {
	"INSERT INTO chat_agents (staff_id, max_chats) SELECT id, $2::integer FROM staff"
	" WHERE id = $1::bigint AND active AND roles && ARRAY['agent', 'supervisor', 'admin']"
	" ON CONFLICT (staff_id) DO UPDATE SET max_chats = $2::integer RETURNING staff_id"
};
static const stmt agent_skills_del = { "DELETE FROM chat_agent_skills WHERE staff_id = $1::bigint" };
static const stmt agent_langs_del = { "DELETE FROM chat_agent_langs WHERE staff_id = $1::bigint" };
static const stmt team_hours_del = { "DELETE FROM chat_team_hours WHERE team_id = $1::bigint" };
static const stmt agent_skills_set = {
	"INSERT INTO chat_agent_skills (staff_id, skill)"
	" SELECT $1::bigint, code FROM chat_skills WHERE code = ANY ($2::text[])"
};
static const stmt agent_langs_set = {
	"INSERT INTO chat_agent_langs (staff_id, lang)"
	" SELECT $1::bigint, l FROM unnest($2::text[]) l WHERE l IN ('en', 'bn')"
};

int chat_agent_save(db *d, arena *a, int64_t staff_id, int max_chats, const char *skills_array,
		    const char *langs_array)
{
	const char *p[] = { ID(staff_id), arena_printf(a, "%d", max_chats) };
	PGresult *res = db_run(d, &agent_upsert, 2, p);
	if (!res)
		return -1;
	int found = PQntuples(res);
	PQclear(res);
	if (!found)
		return 0;
	const char *ps[] = { ID(staff_id), skills_array };
	const char *pl[] = { ID(staff_id), langs_array };
	if (!db_do(d, &agent_skills_del, 1, ps) || !db_do(d, &agent_skills_set, 2, ps) ||
	    !db_do(d, &agent_langs_del, 1, pl) || !db_do(d, &agent_langs_set, 2, pl))
		return -1;
	return 1;
}

static const stmt teams_list = {
	"SELECT t.id, t.name, t.tz,"
	" coalesce(to_char(min(h.opens), 'HH24:MI'), '09:00'), coalesce(to_char(max(h.closes), 'HH24:MI'), '17:00'),"
	" coalesce(string_agg(h.dow::text, ' ' ORDER BY h.dow), '')"
	" FROM chat_teams t LEFT JOIN chat_team_hours h ON h.team_id = t.id GROUP BY t.id ORDER BY t.name"
};

static void chat_teams_row(arena *a, PGresult *res, int i, void *item)
{
	chat_team_row *row = item;
	row->id = db_i64(res, i, 0);
	row->name = db_str(a, res, i, 1);
	row->tz = db_str(a, res, i, 2);
	row->opens = db_str(a, res, i, 3);
	row->closes = db_str(a, res, i, 4);
	row->days = db_str(a, res, i, 5);
}

int chat_teams(db *d, arena *a, chat_team_row **out)
{
	int n;
	*out = db_rows(d, a, &teams_list, 0, NULL, sizeof **out, chat_teams_row, &n);
	return n;
}

static const stmt team_tz = { "UPDATE chat_teams SET tz = $2 WHERE id = $1::bigint RETURNING id" };
static const stmt team_hours_set = {
	"INSERT INTO chat_team_hours (team_id, dow, opens, closes)"
	" SELECT $1::bigint, d, $2::time, $3::time FROM unnest($4::integer[]) d"
};

int chat_team_save(db *d, arena *a, int64_t id, const char *tz, const char *opens, const char *closes,
		   const char *days_array)
{
	const char *p[] = { ID(id), tz };
	PGresult *res = db_run(d, &team_tz, 2, p);
	if (!res)
		return -1;
	int found = PQntuples(res);
	PQclear(res);
	if (!found)
		return 0;
	const char *ph[] = { ID(id), opens, closes, days_array };
	return db_do(d, &team_hours_del, 1, ph) && db_do(d, &team_hours_set, 4, ph) ? 1 : -1;
}
