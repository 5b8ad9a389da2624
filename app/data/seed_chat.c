/* data/seed_chat.c: demo data of the desktop: channel accounts, agents' skills, languages and limits,
 * canned answers, and conversations on several channels */
#include "canned.h"
#include "channel_accounts.h"
#include "chat.h"
#include "conversations.h"
#include "../core/live.h"
#include <string.h>

static const stmt agent = {
	"INSERT INTO agents (staff_id, presence, max_live, max_email)"
	" SELECT id, $2, $3::integer, 10 FROM staff WHERE lower(email) = $1"
	" ON CONFLICT (staff_id) DO NOTHING"
};
static const stmt skill = {
	"INSERT INTO agent_skills (staff_id, skill)"
	" SELECT s.id, k.code FROM staff s, skills k WHERE lower(s.email) = $1"
	"  AND (k.code = ANY ($2::text[]) OR $2 = '{*}') ON CONFLICT DO NOTHING"
};
static const stmt lang = {
	"INSERT INTO agent_langs (staff_id, lang)"
	" SELECT s.id, l FROM staff s, unnest($2::text[]) l WHERE lower(s.email) = $1 ON CONFLICT DO NOTHING"
};
static const stmt ids = {
	"SELECT (SELECT id FROM customers WHERE lower(email) = $1), coalesce((SELECT id FROM staff WHERE lower(email) = $2), 0)"
};
/* the demo's history happened over the last days: every time of the conversation moves back */
static const stmt backdate = {
	"WITH c AS (UPDATE conversations SET created_at = created_at - $2::interval, queued_at = queued_at - $2::interval,"
	"   last_message_at = last_message_at - $2::interval, updated_at = updated_at - $2::interval,"
	"   assigned_at = assigned_at - $2::interval, first_agent_reply_at = first_agent_reply_at - $2::interval,"
	"   resolved_at = resolved_at - $2::interval, waiting_since = waiting_since - $2::interval,"
	"   last_customer_message_at = last_customer_message_at - $2::interval WHERE id = $1::bigint),"
	" m AS (UPDATE messages SET created_at = created_at - $2::interval WHERE conversation_id = $1::bigint)"
	" UPDATE conversation_events SET at = at - $2::interval WHERE conversation_id = $1::bigint"
};
/* the events table refuses UPDATE: the demo's backdating is the one exception, in its own transaction */
static const stmt events_unlock = { "ALTER TABLE conversation_events DISABLE TRIGGER conversation_events_append_only" };
static const stmt events_lock = { "ALTER TABLE conversation_events ENABLE TRIGGER conversation_events_append_only" };

static const struct { const char *email, *presence, *limit, *skills, *langs; } agents[] = {
	{ "agent@example.com", "online", "3", "{orders,delivery}", "{en,bn}" },
	{ "supervisor@example.com", "away", "5", "{*}", "{en,bn}" },
	{ "admin@example.com", "offline", "2", "{general}", "{en}" },
};

static const struct { const char *kind, *name, *address; } accounts[] = {
	{ "email", "Support mailbox", "support@nodi.example" },
	{ "sms", "SMS +880 1700-000000", "+8801700000000" },
	{ "whatsapp", "WhatsApp", "+8801700000001" },
	{ "phone", "Phone line", "+8809600000000" },
};

static const struct {
	const char *account, *customer, *subject, *skill, *status, *priority, *agent, *minutes, *tag;
	const char *first, *reply;
} convs[] = {
	{ NULL, "karim@example.com", NULL, "delivery", "open", "normal", "agent@example.com", "25", "delivery",
	  "My parcel has not arrived yet.", "Sorry about that, Karim! Let me check the tracking for you." },
	{ "Support mailbox", "emma@example.com", "Charged twice for order 1042", "billing", "pending", "high", "", "180",
	  "refund", "I was charged twice for order 1042.\nCould you refund one of the payments?\n\nThanks,\nEmma", NULL },
	{ "SMS +880 1700-000000", "lucas@example.com", NULL, "orders", "resolved", "normal", "agent@example.com", "2000",
	  "", "Can I change the size of my order?", "Done: it is now size M." },
	{ "Phone line", "customer@example.com", "Opening hours", "general", "resolved", "low", "supervisor@example.com",
	  "5000", "vip", "Called about opening hours.", "Told her we are open 9-17 on weekdays." },
	{ "WhatsApp", "customer@example.com", NULL, "orders", "open", "urgent", "", "12", "",
	  "Hi! The blender I got yesterday does not switch on. Can I exchange it?", NULL },
};

static bool seed_conversation(db *d, arena *a, int i)
{
	PGresult *res = db_run(d, &ids, 2, (const char *[]){ convs[i].customer, convs[i].agent });
	if (!res)
		return false;
	int64_t customer = db_i64(res, 0, 0), staff = db_i64(res, 0, 1);
	PQclear(res);
	int64_t account_id = 0;
	if (convs[i].account) {
		channel_account *acc;
		int n = channel_accounts_list(d, a, "UTC", &acc);
		for (int k = 0; k < n; k++)
			if (strcmp(acc[k].name, convs[i].account) == 0)
				account_id = acc[k].id;
		if (!account_id)
			return false;
	}
	int64_t id;
	if (!account_id) { /* the web chat */
		chat_new cn = { .customer_id = customer, .topic = "delivery", .lang = "bn",
				.live_channel = live_channel_new(a), .notice_version = CHAT_NOTICE_VERSION };
		id = chat_create(d, a, &cn);
	} else {
		conv_new cn = { .channel_account_id = account_id, .customer_id = customer, .subject = convs[i].subject,
				.skill = convs[i].skill, .lang = "en", .by = ACTOR_OF_CUSTOMER };
		id = conv_create(d, a, &cn);
	}
	bool dup, moved;
	actor by = ACTOR_OF_STAFF(staff);
	msg_new first = { .conversation_id = id, .kind = MSG_CUSTOMER, .body = convs[i].first };
	if (id <= 0 || msg_add(d, a, &first, &dup) <= 0)
		return false;
	if (staff && conv_assign(d, a, id, staff, ACTOR_OF_SYSTEM, &moved) < 0)
		return false;
	if (convs[i].reply) {
		msg_new reply = { .conversation_id = id, .kind = MSG_AGENT, .staff_id = staff, .body = convs[i].reply,
				  .delivery = "sent" };
		if (msg_add(d, a, &reply, &dup) <= 0)
			return false;
	}
	if (strcmp(convs[i].status, "open") != 0 && conv_set_status(d, a, id, convs[i].status, by) < 0)
		return false;
	if (strcmp(convs[i].priority, "normal") != 0 && conv_set_priority(d, a, id, convs[i].priority, by) < 0)
		return false;
	if (*convs[i].tag && conv_tag_add(d, a, id, convs[i].tag, by) < 0)
		return false;
	const char *p[] = { db_id(a, id), arena_printf(a, "%s minutes", convs[i].minutes) };
	return db_do(d, &backdate, 2, p);
}

bool seed_chat(db *d, arena *a)
{
	for (size_t i = 0; i < sizeof agents / sizeof agents[0]; i++) {
		const char *p[] = { agents[i].email, agents[i].presence, agents[i].limit };
		const char *ps[] = { agents[i].email, agents[i].skills };
		const char *pl[] = { agents[i].email, agents[i].langs };
		if (!db_do(d, &agent, 3, p) || !db_do(d, &skill, 2, ps) || !db_do(d, &lang, 2, pl))
			return false;
	}
	if (canned_create(d, a, "Greeting", "Hello {name}, this is {agent}. How can I help you today?", 0) < 0 ||
	    canned_create(d, a, "Tracking", "You can follow your parcel with the tracking link in your confirmation email, {name}.", 0) < 0)
		return false;
	for (size_t i = 0; i < sizeof accounts / sizeof accounts[0]; i++) {
		channel_account_input in = { .kind = accounts[i].kind, .name = accounts[i].name,
					     .address = accounts[i].address, .skill = "", .active = true };
		if (channel_account_create(d, a, &in) <= 0)
			return false;
	}
	if (!db_do(d, &events_unlock, 0, NULL))
		return false;
	for (size_t i = 0; i < sizeof convs / sizeof convs[0]; i++)
		if (!seed_conversation(d, a, (int)i))
			return false;
	return db_do(d, &events_lock, 0, NULL);
}
