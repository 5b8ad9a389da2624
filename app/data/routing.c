/* data/routing.c: routing of waiting conversations, queues, presence, agents' settings, teams' hours */
#include "routing.h"
#include "conversations.h"
#include <stdio.h>
#include <string.h>

#define ID(x) db_id(a, (x))

/* Email, and web chats left while nobody was there (they go on by email), are async work: they count
 * against an agent's email limit; everything else is live. $1 is the conversation alias's id. */
#define ASYNC(c, acc) "(" acc ".kind = 'email' OR EXISTS (SELECT 1 FROM chat_conversations ow" \
	" WHERE ow.conversation_id = " c ".id AND ow.offline))"

static const stmt route_lock = { "SELECT pg_advisory_xact_lock(40040004)" };
static const stmt route_one = {
	"SELECT c.id, g.staff_id FROM conversations c JOIN channel_accounts ca ON ca.id = c.channel_account_id"
	" CROSS JOIN LATERAL (SELECT " ASYNC("c", "ca") " AS async) k"
	" CROSS JOIN LATERAL ("
	"   SELECT g.staff_id FROM agents g JOIN staff s ON s.id = g.staff_id AND s.active"
	"   CROSS JOIN LATERAL (SELECT count(*) AS n FROM conversations o"
	"     JOIN channel_accounts oa ON oa.id = o.channel_account_id"
	"     WHERE o.assigned_to = g.staff_id AND o.status = 'open' AND " ASYNC("o", "oa") " = k.async) busy"
	"   WHERE g.presence = 'online'"
	"     AND busy.n < CASE WHEN k.async THEN g.max_email ELSE g.max_live END"
	"     AND (c.skill IS NULL OR EXISTS (SELECT 1 FROM agent_skills ak WHERE ak.staff_id = g.staff_id"
	"       AND ak.skill = c.skill))"
	"     AND EXISTS (SELECT 1 FROM agent_langs al WHERE al.staff_id = g.staff_id AND al.lang = c.lang)"
	"   ORDER BY busy.n, g.staff_id LIMIT 1) g"
	" WHERE c.assigned_to IS NULL AND c.status = 'open' AND (c.snoozed_until IS NULL OR c.snoozed_until <= now())"
	" ORDER BY c.queued_at, c.id LIMIT 1"
};

int route_waiting(db *d, arena *a, int64_t **convs)
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
		bool moved;
		bool dup;
		msg_new joined = { .conversation_id = conv, .kind = MSG_SYSTEM, .staff_id = staff, .code = "joined" };
		if (conv_assign(d, a, conv, staff, ACTOR_OF_SYSTEM, &moved) < 0 || msg_add(d, a, &joined, &dup) <= 0)
			return -1;
		(*convs)[n++] = conv;
	}
	return n;
}

static const stmt queue_pos = {
	"SELECT count(*) FROM conversations q, conversations c"
	" WHERE c.id = $1::bigint AND c.assigned_to IS NULL AND c.status = 'open'"
	"   AND q.assigned_to IS NULL AND q.status = 'open'"
	"   AND q.skill IS NOT DISTINCT FROM c.skill AND q.lang = c.lang"
	"   AND (q.snoozed_until IS NULL OR q.snoozed_until <= now())"
	"   AND (q.queued_at, q.id) <= (c.queued_at, c.id)"
	"   AND NOT EXISTS (SELECT 1 FROM chat_conversations w WHERE w.conversation_id = c.id AND w.offline)"
};

int queue_position(db *d, int64_t conv)
{
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)conv);
	const char *p[] = { id };
	PGresult *res = db_run(d, &queue_pos, 1, p);
	if (!res)
		return -1;
	int n = (int)db_i64(res, 0, 0);
	PQclear(res);
	return n;
}

static const stmt skills_all = { "SELECT code, title, coalesce(team_id, 0) FROM skills ORDER BY title" };

static void skill_row(arena *a, PGresult *res, int i, void *item)
{
	skill *s = item;
	s->code = db_str(a, res, i, 0);
	s->title = db_str(a, res, i, 1);
	s->team_id = db_i64(res, i, 2);
}

int skills_list(db *d, arena *a, skill **out)
{
	int n;
	*out = db_rows(d, a, &skills_all, 0, NULL, sizeof **out, skill_row, &n);
	return n;
}

static const stmt agents_all = {
	"SELECT s.id, s.name, coalesce(g.presence, 'offline'),"
	" count(o.id) FILTER (WHERE NOT o.async), count(o.id) FILTER (WHERE o.async),"
	" coalesce(g.max_live, 0), coalesce(g.max_email, 0)"
	" FROM staff s LEFT JOIN agents g ON g.staff_id = s.id"
	" LEFT JOIN LATERAL (SELECT oc.id, " ASYNC("oc", "oa") " AS async FROM conversations oc"
	"   JOIN channel_accounts oa ON oa.id = oc.channel_account_id"
	"   WHERE oc.assigned_to = s.id AND oc.status = 'open') o ON true"
	" WHERE s.active AND s.roles && ARRAY['agent', 'supervisor', 'admin']"
	" GROUP BY s.id, g.staff_id ORDER BY s.name"
};

static void agent_row(arena *a, PGresult *res, int i, void *item)
{
	agent_status *g = item;
	g->staff_id = db_i64(res, i, 0);
	g->name = db_str(a, res, i, 1);
	g->presence = db_str(a, res, i, 2);
	g->open_live = (int)db_i64(res, i, 3);
	g->open_email = (int)db_i64(res, i, 4);
	g->max_live = (int)db_i64(res, i, 5);
	g->max_email = (int)db_i64(res, i, 6);
}

int agents_list(db *d, arena *a, agent_status **out)
{
	int n;
	*out = db_rows(d, a, &agents_all, 0, NULL, sizeof **out, agent_row, &n);
	return n;
}

/* the same rows with the loads left 0 */
static const stmt agents_names = {
	"SELECT s.id, s.name, coalesce(g.presence, 'offline'), 0, 0, coalesce(g.max_live, 0), coalesce(g.max_email, 0)"
	" FROM staff s LEFT JOIN agents g ON g.staff_id = s.id"
	" WHERE s.active AND s.roles && ARRAY['agent', 'supervisor', 'admin'] ORDER BY s.name"
};

int agents_list_names(db *d, arena *a, agent_status **out)
{
	int n;
	*out = db_rows(d, a, &agents_names, 0, NULL, sizeof **out, agent_row, &n);
	return n;
}

static const stmt presence_one = { "SELECT presence FROM agents WHERE staff_id = $1::bigint" };

const char *presence_get(db *d, arena *a, int64_t staff_id)
{
	const char *p[] = { ID(staff_id) };
	PGresult *res = db_run(d, &presence_one, 1, p);
	if (!res)
		return NULL;
	const char *v = PQntuples(res) ? db_str(a, res, 0, 0) : "offline";
	PQclear(res);
	return v;
}

static const stmt presence_put = {
	"INSERT INTO agents (staff_id, presence) VALUES ($1::bigint, $2)"
	" ON CONFLICT (staff_id) DO UPDATE SET presence = $2, presence_at = now()"
};

bool presence_set(db *d, arena *a, int64_t staff_id, const char *presence)
{
	const char *p[] = { ID(staff_id), presence };
	return db_do(d, &presence_put, 2, p);
}

static const stmt queues_all = {
	"SELECT coalesce(c.skill, ''), c.lang, count(*),"
	" to_char(min(c.queued_at) AT TIME ZONE $1, 'YYYY-MM-DD HH24:MI') FROM conversations c"
	" WHERE c.assigned_to IS NULL AND c.status = 'open' AND (c.snoozed_until IS NULL OR c.snoozed_until <= now())"
	" GROUP BY c.skill, c.lang ORDER BY min(c.queued_at)"
};

static void queue_row_fill(arena *a, PGresult *res, int i, void *item)
{
	queue_row *q = item;
	q->skill = db_str(a, res, i, 0);
	q->lang = db_str(a, res, i, 1);
	q->waiting = (int)db_i64(res, i, 2);
	q->oldest = db_str(a, res, i, 3);
}

int queues_list(db *d, arena *a, const char *tz, queue_row **out)
{
	const char *p[] = { tz };
	int n;
	*out = db_rows(d, a, &queues_all, 1, p, sizeof **out, queue_row_fill, &n);
	return n;
}

/* ---- settings ---- */

static const stmt settings_all = {
	"SELECT s.id, s.name, coalesce(g.max_live, 0), coalesce(g.max_email, 0),"
	" coalesce((SELECT string_agg(skill, ' ' ORDER BY skill) FROM agent_skills k WHERE k.staff_id = s.id), ''),"
	" coalesce((SELECT string_agg(lang, ' ' ORDER BY lang) FROM agent_langs l WHERE l.staff_id = s.id), '')"
	" FROM staff s LEFT JOIN agents g ON g.staff_id = s.id"
	" WHERE s.active AND s.roles && ARRAY['agent', 'supervisor', 'admin'] ORDER BY s.name"
};

static void settings_row(arena *a, PGresult *res, int i, void *item)
{
	agent_settings *row = item;
	row->staff_id = db_i64(res, i, 0);
	row->name = db_str(a, res, i, 1);
	row->max_live = (int)db_i64(res, i, 2);
	row->max_email = (int)db_i64(res, i, 3);
	row->skills = db_str(a, res, i, 4);
	row->langs = db_str(a, res, i, 5);
}

int agent_settings_list(db *d, arena *a, agent_settings **out)
{
	int n;
	*out = db_rows(d, a, &settings_all, 0, NULL, sizeof **out, settings_row, &n);
	return n;
}

static const stmt agent_upsert = {
	"INSERT INTO agents (staff_id, max_live, max_email) SELECT id, $2::integer, $3::integer FROM staff"
	" WHERE id = $1::bigint AND active AND roles && ARRAY['agent', 'supervisor', 'admin']"
	" ON CONFLICT (staff_id) DO UPDATE SET max_live = $2::integer, max_email = $3::integer RETURNING staff_id"
};
static const stmt agent_skills_del = { "DELETE FROM agent_skills WHERE staff_id = $1::bigint" };
static const stmt agent_langs_del = { "DELETE FROM agent_langs WHERE staff_id = $1::bigint" };
static const stmt agent_skills_set = {
	"INSERT INTO agent_skills (staff_id, skill)"
	" SELECT $1::bigint, code FROM skills WHERE code = ANY ($2::text[])"
};
static const stmt agent_langs_set = {
	"INSERT INTO agent_langs (staff_id, lang)"
	" SELECT $1::bigint, l FROM unnest($2::text[]) l WHERE l IN ('en', 'bn')"
};

int agent_settings_save(db *d, arena *a, int64_t staff_id, int max_live, int max_email,
			const char *skills_array, const char *langs_array)
{
	const char *p[] = { ID(staff_id), arena_printf(a, "%d", max_live), arena_printf(a, "%d", max_email) };
	PGresult *res = db_run(d, &agent_upsert, 3, p);
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

static const stmt teams_all = {
	"SELECT t.id, t.name, t.tz,"
	" coalesce(to_char(min(h.opens), 'HH24:MI'), '09:00'), coalesce(to_char(max(h.closes), 'HH24:MI'), '17:00'),"
	" coalesce(string_agg(h.dow::text, ' ' ORDER BY h.dow), '')"
	" FROM teams t LEFT JOIN team_hours h ON h.team_id = t.id GROUP BY t.id ORDER BY t.name"
};

static void team_row(arena *a, PGresult *res, int i, void *item)
{
	team *row = item;
	row->id = db_i64(res, i, 0);
	row->name = db_str(a, res, i, 1);
	row->tz = db_str(a, res, i, 2);
	row->opens = db_str(a, res, i, 3);
	row->closes = db_str(a, res, i, 4);
	row->days = db_str(a, res, i, 5);
}

int teams_list(db *d, arena *a, team **out)
{
	int n;
	*out = db_rows(d, a, &teams_all, 0, NULL, sizeof **out, team_row, &n);
	return n;
}

static const stmt team_tz = { "UPDATE teams SET tz = $2 WHERE id = $1::bigint RETURNING id" };
static const stmt team_hours_del = { "DELETE FROM team_hours WHERE team_id = $1::bigint" };
static const stmt team_hours_set = {
	"INSERT INTO team_hours (team_id, dow, opens, closes)"
	" SELECT $1::bigint, d, $2::time, $3::time FROM unnest($4::integer[]) d"
};

int team_hours_save(db *d, arena *a, int64_t id, const char *tz, const char *opens, const char *closes,
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
