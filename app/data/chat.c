/* data/chat.c: the web chat's own data: topics, visitors, live channels (chat_conversations) */
#include "chat.h"
#include "conversations.h"
#include <string.h>

#define ID(x) db_id(a, (x))

static const stmt topics = { "SELECT code, title, skill FROM chat_topics ORDER BY position, code" };

static void topic_row(arena *a, PGresult *res, int i, void *item)
{
	topic *t = item;
	t->code = db_str(a, res, i, 0);
	t->title = db_str(a, res, i, 1);
	t->skill = db_str(a, res, i, 2);
}

int chat_topics(db *d, arena *a, topic **out)
{
	int n;
	*out = db_rows(d, a, &topics, 0, NULL, sizeof **out, topic_row, &n);
	return n;
}

static const stmt open_now = {
	"SELECT EXISTS (SELECT 1 FROM chat_topics tp JOIN skills sk ON sk.code = tp.skill"
	"   JOIN teams t ON t.id = sk.team_id JOIN team_hours h ON h.team_id = t.id"
	"   WHERE tp.code = $1 AND h.dow = extract(dow FROM now() AT TIME ZONE t.tz)"
	"     AND (now() AT TIME ZONE t.tz)::time >= h.opens AND (now() AT TIME ZONE t.tz)::time < h.closes)"
	" AND EXISTS (SELECT 1 FROM chat_topics tp JOIN agent_skills k ON k.skill = tp.skill"
	"   JOIN agents g ON g.staff_id = k.staff_id JOIN staff s ON s.id = g.staff_id AND s.active"
	"   WHERE tp.code = $1 AND g.presence = 'online')"
};

bool chat_open_now(db *d, const char *topic_code, bool *open)
{
	const char *p[] = { topic_code };
	PGresult *res = db_run(d, &open_now, 1, p);
	if (!res)
		return false;
	*open = db_bool(res, 0, 0);
	PQclear(res);
	return true;
}

static const stmt topic_skill = { "SELECT skill FROM chat_topics WHERE code = $1" };
static const stmt chat_insert = {
	"INSERT INTO chat_conversations (conversation_id, visitor_token_hash, visitor_name, visitor_email,"
	" offline, live_channel, notice_version)"
	" VALUES ($1::bigint, $2, $3, $4, $5::boolean, $6, $7)"
};

int64_t chat_create(db *d, arena *a, const chat_new *n)
{
	PGresult *res = db_run(d, &topic_skill, 1, (const char *[]){ n->topic });
	if (!res)
		return -1;
	const char *skill = PQntuples(res) ? db_str(a, res, 0, 0) : NULL;
	PQclear(res);
	if (!skill)
		return 0;
	conv_new cn = { .customer_id = n->customer_id, .skill = skill, .topic = n->topic, .lang = n->lang,
			.by = n->customer_id ? ACTOR_OF_CUSTOMER : ACTOR_OF_SYSTEM };
	int64_t id = conv_create(d, a, &cn);
	if (id <= 0)
		return id;
	const char *p[] = { ID(id), n->visitor_hash, n->visitor_name, n->visitor_email, n->offline ? "t" : "f",
			    n->live_channel, n->notice_version };
	return db_do(d, &chat_insert, 7, p) ? id : -1;
}

static const stmt by_live = {
	"SELECT w.conversation_id, coalesce(c.customer_id, 0), w.visitor_token_hash FROM chat_conversations w"
	" JOIN conversations c ON c.id = w.conversation_id WHERE w.live_channel = $1"
};

int chat_by_live(db *d, arena *a, const char *live, int64_t *id, int64_t *customer_id,
		 const char **visitor_hash)
{
	PGresult *res = db_run(d, &by_live, 1, (const char *[]){ live });
	if (!res)
		return -1;
	int found = PQntuples(res) == 1;
	if (found) {
		*id = db_i64(res, 0, 0);
		*customer_id = db_i64(res, 0, 1);
		*visitor_hash = db_str(a, res, 0, 2);
	}
	PQclear(res);
	return found;
}

static const stmt current = {
	"SELECT c.id FROM conversations c JOIN chat_conversations w ON w.conversation_id = c.id"
	" WHERE c.status <> 'resolved'"
	"   AND ((c.customer_id = $1::bigint AND $1::bigint > 0)"
	"     OR (w.visitor_token_hash = $2 AND c.customer_id IS NULL))"
	" ORDER BY c.id DESC LIMIT 1"
};

int chat_current(db *d, arena *a, int64_t customer_id, const char *visitor_hash, int64_t *id)
{
	const char *p[] = { ID(customer_id), visitor_hash };
	PGresult *res = db_run(d, &current, 2, p);
	if (!res)
		return -1;
	int found = PQntuples(res) == 1;
	if (found)
		*id = db_i64(res, 0, 0);
	PQclear(res);
	return found;
}

static const stmt claim = {
	"WITH c AS (UPDATE conversations SET customer_id = $2::bigint, updated_at = now()"
	"   WHERE id = $1::bigint AND customer_id IS NULL RETURNING id)"
	" UPDATE chat_conversations SET visitor_token_hash = NULL WHERE conversation_id IN (SELECT id FROM c)"
};

bool chat_claim(db *d, arena *a, int64_t id, int64_t customer_id)
{
	const char *p[] = { ID(id), ID(customer_id) };
	return db_do(d, &claim, 2, p);
}

static const stmt set_live = { "UPDATE chat_conversations SET live_channel = $2 WHERE conversation_id = $1::bigint" };

bool chat_set_live(db *d, arena *a, int64_t id, const char *live)
{
	const char *p[] = { ID(id), live };
	return db_do(d, &set_live, 2, p);
}

static const stmt customer_open = {
	"SELECT c.id FROM conversations c JOIN chat_conversations w ON w.conversation_id = c.id"
	" WHERE c.customer_id = $1::bigint AND c.status <> 'resolved'"
};

static void id_row(arena *a, PGresult *res, int i, void *item)
{
	(void)a;
	*(int64_t *)item = db_i64(res, i, 0);
}

int chat_customer_open(db *d, arena *a, int64_t customer_id, int64_t **ids)
{
	const char *p[] = { ID(customer_id) };
	int n;
	*ids = db_rows(d, a, &customer_open, 1, p, sizeof **ids, id_row, &n);
	return n;
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
