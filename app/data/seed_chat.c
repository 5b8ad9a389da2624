/* data/seed_chat.c: demo data of the live chat: agent skills, languages and limits, canned answers,
 * and a few conversations on different channels */
#include "chat.h"
#include "../core/live.h"

static const stmt agent = {
	"INSERT INTO chat_agents (staff_id, presence, max_chats)"
	" SELECT id, $2, $3::integer FROM staff WHERE lower(email) = $1"
	" ON CONFLICT (staff_id) DO NOTHING"
};
static const stmt skill = {
	"INSERT INTO chat_agent_skills (staff_id, skill)"
	" SELECT s.id, k.code FROM staff s, chat_skills k WHERE lower(s.email) = $1"
	"  AND (k.code = ANY ($2::text[]) OR $2 = '{*}') ON CONFLICT DO NOTHING"
};
static const stmt lang = {
	"INSERT INTO chat_agent_langs (staff_id, lang)"
	" SELECT s.id, l FROM staff s, unnest($2::text[]) l WHERE lower(s.email) = $1 ON CONFLICT DO NOTHING"
};
static const stmt canned = {
	"INSERT INTO canned_answers (title, body) VALUES ($1, $2)"
};
static const stmt conv = {
	"INSERT INTO conversations (channel, customer_id, topic, skill, lang, status, assigned_to, live_channel,"
	" created_at, queued_at, last_message_at, resolved_at, first_agent_reply_at)"
	" SELECT $1, c.id, t.code, t.skill, c.lang, $4,"
	"  (SELECT id FROM staff WHERE lower(email) = $5), $6,"
	"  now() - $7::integer * interval '1 minute', now() - $7::integer * interval '1 minute',"
	"  now() - $7::integer * interval '1 minute' + interval '3 minutes',"
	"  CASE WHEN $4 = 'resolved' THEN now() - $7::integer * interval '1 minute' + interval '9 minutes' END,"
	"  CASE WHEN $5 <> '' THEN now() - $7::integer * interval '1 minute' + interval '2 minutes' END"
	" FROM customers c, chat_topics t WHERE lower(c.email) = $2 AND t.code = $3 RETURNING id"
};
static const stmt msg = {
	"INSERT INTO chat_messages (conversation_id, kind, staff_id, body, created_at)"
	" SELECT $1::bigint, $2, (SELECT id FROM staff WHERE lower(email) = $3), $4,"
	"  (SELECT created_at FROM conversations WHERE id = $1::bigint) + $5::integer * interval '1 minute'"
};
static const stmt tag = { "INSERT INTO conversation_tags (conversation_id, tag) VALUES ($1, $2)" };

static const struct { const char *email, *presence, *limit, *skills, *langs; } agents[] = {
	{ "agent@example.com", "online", "3", "{orders,delivery}", "{en,bn}" },
	{ "supervisor@example.com", "away", "5", "{*}", "{en,bn}" },
	{ "admin@example.com", "offline", "2", "{general}", "{en}" },
};

static const struct {
	const char *channel, *customer, *topic, *status, *agent, *minutes, *tag;
	const char *first, *reply;
} convs[] = {
	{ "web", "karim@example.com", "delivery", "open", "agent@example.com", "25", "delivery",
	  "My parcel has not arrived yet.", "Sorry about that, Karim! Let me check the tracking for you." },
	{ "email", "emma@example.com", "billing", "pending", "", "180", "refund",
	  "I was charged twice for order 1042.", NULL },
	{ "sms", "lucas@example.com", "order", "resolved", "agent@example.com", "2000", "",
	  "Can I change the size of my order?", "Done: it is now size M." },
	{ "phone", "customer@example.com", "other", "resolved", "supervisor@example.com", "5000", "vip",
	  "Called about opening hours.", "Told her we are open 9-17 on weekdays." },
};

bool seed_chat(db *d, arena *a)
{
	for (size_t i = 0; i < sizeof agents / sizeof agents[0]; i++) {
		const char *p[] = { agents[i].email, agents[i].presence, agents[i].limit };
		const char *ps[] = { agents[i].email, agents[i].skills };
		const char *pl[] = { agents[i].email, agents[i].langs };
		if (!db_do(d, &agent, 3, p) || !db_do(d, &skill, 2, ps) || !db_do(d, &lang, 2, pl))
			return false;
	}
	const char *c1[] = { "Greeting", "Hello {name}, this is {agent}. How can I help you today?" };
	const char *c2[] = { "Tracking", "You can follow your parcel with the tracking link in your confirmation email, {name}." };
	if (!db_do(d, &canned, 2, c1) || !db_do(d, &canned, 2, c2))
		return false;
	for (size_t i = 0; i < sizeof convs / sizeof convs[0]; i++) {
		const char *p[] = { convs[i].channel, convs[i].customer, convs[i].topic, convs[i].status,
				    convs[i].agent, live_channel_new(a), convs[i].minutes };
		PGresult *res = db_run(d, &conv, 7, p);
		if (!res || PQntuples(res) != 1) {
			if (res)
				PQclear(res);
			return false;
		}
		const char *id = db_str(a, res, 0, 0);
		PQclear(res);
		const char *m1[] = { id, "customer", "", convs[i].first, "0" };
		if (!db_do(d, &msg, 5, m1))
			return false;
		if (convs[i].reply) {
			const char *m2[] = { id, "agent", convs[i].agent, convs[i].reply, "2" };
			if (!db_do(d, &msg, 5, m2))
				return false;
		}
		if (*convs[i].tag) {
			const char *t[] = { id, convs[i].tag };
			if (!db_do(d, &tag, 2, t))
				return false;
		}
	}
	return true;
}
