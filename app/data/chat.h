/* data/chat.h: conversations, chat messages, routing, presence, tags and canned answers */
#ifndef CXMS_DATA_CHAT_H
#define CXMS_DATA_CHAT_H
#include <stdbool.h>
#include <stdint.h>
#include "../core/arena.h"
#include "../core/db.h"

#define CHAT_MAX_MESSAGE 2000   /* characters of one message */
#define CHAT_NOTICE_VERSION "chat-notice-1"

typedef struct chat_conv {
	int64_t id, customer_id, assigned_to, last_id;
	const char *channel, *status, *topic, *skill, *lang, *live_channel;
	const char *name, *email;   /* customer's or visitor's */
	const char *visitor_hash;   /* NULL once it belongs to an account */
	const char *assignee;       /* display name, NULL when unassigned */
	const char *created_at, *last_message_at, *preview, *tags;
	bool offline, visitor;
	int transfers;
} chat_conv;

typedef struct chat_msg {
	int64_t id;
	const char *kind;    /* customer, agent, note, system */
	const char *code;    /* system: joined, transferred, resolved, reopened, offline */
	const char *body, *author, *created_at;
} chat_msg;

typedef struct chat_new {
	int64_t customer_id;         /* 0 for a visitor */
	const char *visitor_hash;    /* visitor token hash, or NULL */
	const char *visitor_name, *visitor_email;
	const char *topic, *lang, *live_channel, *notice_version;
	bool offline;
} chat_new;

typedef struct chat_option { const char *code, *title; int64_t id; int n; const char *extra; } chat_option;

/* conversations */
int64_t chat_conv_create(db *d, arena *a, const chat_new *n); /* id, 0 unknown topic, -1 error */
bool chat_conv_get(db *d, arena *a, int64_t id, const char *tz, chat_conv *out);
/* customer_id and visitor hash of the conversation on a live channel; false when none */
bool chat_conv_by_live(db *d, arena *a, const char *live, int64_t *id, int64_t *customer_id,
		       const char **visitor_hash);
/* the newest conversation that is not resolved, of a customer or of a visitor token hash; 0 none */
int64_t chat_conv_current(db *d, int64_t customer_id, const char *visitor_hash);
bool chat_conv_claim(db *d, arena *a, int64_t id, int64_t customer_id);
bool chat_set_live(db *d, arena *a, int64_t id, const char *live);
/* every live channel of a customer's open conversations (to rotate at sign-out) */
int chat_customer_lives(db *d, arena *a, int64_t customer_id, int64_t **ids);

/* messages: returns the new id (0 unknown conversation, -1 error) */
int64_t chat_msg_add(db *d, arena *a, int64_t conv, const char *kind, int64_t staff_id,
		     const char *code, const char *body, const char *ip_hash);
/* messages with id > after, oldest first; notes only for staff */
int chat_msgs_after(db *d, arena *a, int64_t conv, int64_t after, bool notes, const char *tz,
		    chat_msg **out);
/* customer-side messages of the conversation in the last 10 s, and of ip_hash in the last minute */
bool chat_rate(db *d, arena *a, int64_t conv, const char *ip_hash, int *conv_n, int *ip_n);
/* Transcript mails (subject in English or Bengali) queued to this address in the last hour; -1 on error. */
int chat_transcripts_recent(db *d, const char *email, const char *subject_en, const char *subject_bn);

/* routing: assigns queued chats to online agents (skill, language, fewest open below limit).
 * Fills assigned conversation ids; returns the count, -1 on error. */
int chat_route(db *d, arena *a, int64_t **convs);
int chat_queue_position(db *d, int64_t conv);  /* 1-based; 0 when not waiting */
/* business hours of the skill's team now, and an online agent with the skill */
bool chat_open_now(db *d, const char *topic, bool *open);
bool chat_assign(db *d, int64_t conv, int64_t staff_id, bool *transferred);
bool chat_requeue(db *d, int64_t conv, const char *skill); /* transfer to a team (skill queue) */
bool chat_set_status(db *d, int64_t conv, const char *status);

/* lists */
typedef struct chat_filter { const char *view, *status, *channel, *tag; int64_t me; } chat_filter;
int chat_inbox(db *d, arena *a, const chat_filter *f, const char *tz, chat_conv **out);
int chat_history(db *d, arena *a, int64_t customer_id, int64_t except, const char *tz, chat_conv **out);
int chat_topics(db *d, arena *a, chat_option **out);
int chat_skills(db *d, arena *a, chat_option **out);
/* staff who answer chats: id, name (title), presence (code), open chats (n), limit in extra */
int chat_agents(db *d, arena *a, chat_option **out);
int chat_queues(db *d, arena *a, chat_option **out); /* code skill, title lang, n waiting, extra oldest */
const char *chat_presence(db *d, arena *a, int64_t staff_id);
bool chat_presence_set(db *d, int64_t staff_id, const char *presence);

/* tags */
int chat_tags(db *d, arena *a, int64_t conv, const char ***out);
bool chat_tag_add(db *d, int64_t conv, const char *tag);
bool chat_tag_remove(db *d, int64_t conv, const char *tag);

/* canned answers (title in title, body in extra) */
int canned_list(db *d, arena *a, chat_option **out);
bool canned_get(db *d, arena *a, int64_t id, chat_option *out);
int64_t canned_create(db *d, arena *a, const char *title, const char *body, int64_t by);
bool canned_delete(db *d, int64_t id);

/* "record chat consent": stores which version of the pre-chat notice the customer saw. The consent
 * ledger (consent_events) is built separately; this is where the chat will record into it. */
bool chat_record_consent(db *d, int64_t conv, const char *notice_version);

/* settings (supervisors): agents' limits, skills and languages; teams' time zone and hours */
typedef struct chat_agent_row {
	int64_t staff_id;
	const char *name, *skills, *langs; /* space-separated */
	int max_chats;
} chat_agent_row;
int chat_agent_settings(db *d, arena *a, chat_agent_row **out);
/* arrays as PostgreSQL literals ("{a,b}"); unknown skills/languages are ignored.
 * 1 saved, 0 not an inbox staff member, -1 error */
int chat_agent_save(db *d, arena *a, int64_t staff_id, int max_chats, const char *skills_array,
		    const char *langs_array);
typedef struct chat_team_row {
	int64_t id;
	const char *name, *tz, *opens, *closes, *days; /* days: "0 1 2" (0 = Sunday) */
} chat_team_row;
int chat_teams(db *d, arena *a, chat_team_row **out);
/* same hours on the given days (closes > opens, "HH:MM"); 1 saved, 0 unknown team, -1 error */
int chat_team_save(db *d, arena *a, int64_t id, const char *tz, const char *opens, const char *closes,
		   const char *days_array);

/* demo data (seed_chat.c) */
bool seed_chat(db *d, arena *a);

#endif
