/* data/chat.h: what only the web chat has: the pre-chat topics, the visitor, the conversation's live
 * channel (chat_conversations), and the limits on what a visitor may trigger */
#ifndef CXMS_DATA_CHAT_H
#define CXMS_DATA_CHAT_H
#include <stdbool.h>
#include <stdint.h>
#include "../core/arena.h"
#include "../core/db.h"

#define CHAT_NOTICE_VERSION "chat-notice-1"

typedef struct topic {
	const char *code, *title, *skill; /* title is a msgid */
} topic;
int chat_topics(db *d, arena *a, topic **out);
/* business hours of the topic's team now, and an online agent with its skill */
bool chat_open_now(db *d, const char *topic, bool *open);

typedef struct chat_new {
	int64_t customer_id;         /* 0 for a visitor */
	const char *visitor_hash;    /* visitor token hash, or NULL */
	const char *visitor_name, *visitor_email;
	const char *topic, *lang, *live_channel;
	const char *notice_version;  /* of the pre-chat data notice the customer saw */
	bool offline;                /* nobody available: it goes on by email */
} chat_new;
/* A web chat: the conversation, waiting in its topic's skill queue, and its chat row.
 * id, 0 when the topic is unknown, -1 on error. */
int64_t chat_create(db *d, arena *a, const chat_new *n);
/* The conversation on a live channel: 1 found, 0 none, -1 error. */
int chat_by_live(db *d, arena *a, const char *live, int64_t *id, int64_t *customer_id,
		 const char **visitor_hash);
/* The newest web chat not resolved of a customer (customer_id > 0) or of a visitor token hash:
 * 1 found (*id), 0 none, -1 error. */
int chat_current(db *d, arena *a, int64_t customer_id, const char *visitor_hash, int64_t *id);
/* A visitor's conversation joins the account; the visitor's token stops working for it. */
bool chat_claim(db *d, arena *a, int64_t id, int64_t customer_id);
bool chat_set_live(db *d, arena *a, int64_t id, const char *live);
/* the customer's web chats not resolved (their live channels rotate at sign-out); -1 error */
int chat_customer_open(db *d, arena *a, int64_t customer_id, int64_t **ids);
/* Transcript mails (subject in English or Bengali) queued to this address in the last hour; -1 error. */
int chat_transcripts_recent(db *d, const char *email, const char *subject_en, const char *subject_bn);

#endif
