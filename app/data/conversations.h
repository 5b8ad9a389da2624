/* data/conversations.h: conversations of every channel, their messages and history (conversation
 * events), tags, read state and mentions. Every change of a conversation writes its event in the same
 * statement, so the history (what service levels and reports read) cannot miss one. */
#ifndef CXMS_DATA_CONVERSATIONS_H
#define CXMS_DATA_CONVERSATIONS_H
#include <stdbool.h>
#include <stdint.h>
#include "../core/arena.h"
#include "../core/db.h"

/* Who made a change, for the event it writes. */
typedef struct actor {
	enum { ACTOR_SYSTEM = 0, ACTOR_CUSTOMER, ACTOR_STAFF } kind;
	int64_t staff_id; /* ACTOR_STAFF */
} actor;
#define ACTOR_OF_STAFF(id) ((actor){ ACTOR_STAFF, (id) })
#define ACTOR_OF_CUSTOMER ((actor){ ACTOR_CUSTOMER, 0 })
#define ACTOR_OF_SYSTEM ((actor){ ACTOR_SYSTEM, 0 })

typedef struct conversation {
	int64_t id, customer_id, assigned_to, channel_account_id, team_id, last_id;
	const char *kind;          /* the channel account's kind: web, email, sms, ... */
	const char *account;       /* the channel account's name */
	const char *subject, *status, *priority, *skill, *topic, *lang;
	const char *name, *email;  /* the customer's, else the web visitor's (may be "") */
	const char *assignee;      /* NULL when unassigned */
	const char *team;          /* NULL when none */
	const char *created_at, *last_message_at; /* in the viewer's zone */
	const char *list_when;     /* last activity, short: the time today, else the date */
	const char *snoozed_until; /* viewer's zone; NULL when not snoozed now */
	long long waiting_seconds; /* since the customer's oldest unanswered message; -1 none */
	long long waiting_since;   /* the same instant as a Unix time (0 none), for the page's clock */
	const char *preview, *tags;
	int transfers;
	bool unread;               /* the viewer has not seen the newest customer message */
	bool mentioned;            /* the viewer was mentioned and has not looked since */
	/* web chat (chat_conversations); NULL / false on other channels */
	const char *live_channel, *visitor_hash;
	bool visitor;              /* not (yet) an account's */
	bool offline;              /* left while nobody was available: goes on by email */
	int64_t follows_id;        /* opened by an answer to that one from someone not in it; 0 none */
} conversation;

/* The conversation, as the viewer (staff id or 0) sees it. 1 found, 0 no such id, -1 error. */
int conv_get(db *d, arena *a, int64_t id, const char *tz, int64_t viewer, conversation *out);

typedef struct conv_new {
	int64_t channel_account_id; /* 0: the web chat account */
	int64_t customer_id;        /* 0: none (a web visitor) */
	const char *subject, *skill, *topic, *lang;
	actor by;
} conv_new;
/* A new open conversation waiting in its skill's queue; its 'created' event. id, 0 when the account,
 * skill or topic is unknown or the account is inactive, -1 error. */
int64_t conv_create(db *d, arena *a, const conv_new *n);

/* ---- messages ---- */
typedef enum { MSG_CUSTOMER, MSG_AGENT, MSG_NOTE, MSG_SYSTEM, MSG_BOT } msg_kind;
typedef struct message {
	int64_t id, staff_id;
	const char *author;   /* customer, agent, system, bot */
	bool internal;        /* a note: staff only */
	const char *direction;/* in, out, NULL */
	const char *code;     /* system lines: joined, transferred, resolved, reopened, queued, offline */
	const char *body, *subject, *by_name, *created_at;
	const char *delivery, *delivery_error;
	int attachments;
	int64_t inbound_mail; /* the mail it came in as (its raw bytes: staff only), 0 none */
} message;

typedef struct msg_new {
	int64_t conversation_id;
	msg_kind kind;
	int64_t staff_id;          /* agent, note, system lines that name someone */
	const char *code;          /* system */
	const char *body;
	const char *subject, *html;
	const char *external_id;   /* the channel's id of the message: stored once per channel account */
	const char *ip_hash;
	const char *delivery;      /* outbound: queued, sent, ... */
	bool automatic;            /* a customer's, but no person wrote it: it reopens, wakes and waits nothing */
} msg_new;
/* Adds the message, updates the conversation (last activity, preview, who waits since when; a customer
 * message wakes a snoozed conversation and reopens a resolved one) and writes the event, in one
 * statement. Returns the id; when external_id was stored before, the earlier message's id and
 * *duplicate = true, changing nothing. 0: no such conversation. -1: error. */
int64_t msg_add(db *d, arena *a, const msg_new *m, bool *duplicate);

/* The message stored with that external id on the conversation's channel account: id, 0 none, -1 error. */
int64_t msg_external_find(db *d, arena *a, int64_t conv, const char *external_id);
/* Messages with id > after, oldest first, at most limit; notes only when staff. -1 error. */
int msgs_after(db *d, arena *a, int64_t conv, int64_t after, bool staff, const char *tz, int limit,
	       message **out);
/* The newest limit messages, oldest first; *more when older ones exist. -1 error. */
int msgs_latest(db *d, arena *a, int64_t conv, bool staff, const char *tz, int limit, bool *more,
		message **out);
/* The customer's page is about to show every message after `after`: the agents' replies among them are
 * delivered (their waiting mails are then not sent). Before the messages are read, so that all it marks
 * are shown. */
bool msgs_mark_delivered(db *d, arena *a, int64_t conv, int64_t after);
/* the conversation's text messages of the customer in the last 10 s, and of ip_hash in the last minute */
bool msgs_rate(db *d, arena *a, int64_t conv, const char *ip_hash, int *conv_n, int *ip_n);

/* ---- changes; each writes its event. 1 changed, 0 nothing to change / no such id, -1 error ---- */
/* status: open, pending, resolved (resolving clears the snooze and who waits) */
int conv_set_status(db *d, arena *a, int64_t conv, const char *status, actor by);
int conv_set_priority(db *d, arena *a, int64_t conv, const char *priority, actor by);
/* until: "YYYY-MM-DDTHH:MM" in zone tz, or preset "hour" (an hour from now), "tomorrow" (9:00 tomorrow)
 * or "week" (9:00 next Monday), in zone tz; it must lie in the future (0 otherwise) */
int conv_snooze(db *d, arena *a, int64_t conv, const char *until, const char *preset, const char *tz, actor by);
int conv_unsnooze(db *d, arena *a, int64_t conv, actor by);
/* The wake_snoozed job: ends the snooze that was set to end at until (ISO 8601), if it still is. */
int conv_wake_snoozed(db *d, arena *a, int64_t conv, const char *until);
/* Assigns to staff_id (0: unassigns); *transferred when it moves away from another agent. */
int conv_assign(db *d, arena *a, int64_t conv, int64_t staff_id, actor by, bool *transferred);
/* Back to the queue of skill (a transfer to that skill's team). 0: unknown skill or conversation. */
int conv_requeue(db *d, arena *a, int64_t conv, const char *skill, actor by);
int conv_tag_add(db *d, arena *a, int64_t conv, const char *tag, actor by);
int conv_tag_remove(db *d, arena *a, int64_t conv, const char *tag, actor by);
int conv_tags(db *d, arena *a, int64_t conv, const char ***out);

/* ---- history ---- */
typedef struct conv_event {
	const char *kind, *actor, *by_name, *from_value, *to_value, *at;
} conv_event;
int conv_events(db *d, arena *a, int64_t conv, const char *tz, int limit, conv_event **out);
/* The customer's other conversations, every channel, newest first. */
int conv_history(db *d, arena *a, int64_t customer_id, int64_t except, const char *tz, conversation **out);

/* ---- the agent desktop's list ---- */
typedef struct inbox_query {
	const char *view;      /* mine, unassigned, mentions, all */
	const char *status;    /* "" any, open, pending, resolved */
	const char *kind;      /* "" any, or a channel kind */
	int64_t team_id;       /* 0 any */
	const char *priority;  /* "" any */
	const char *tag;       /* "" any */
	const char *snoozed;   /* "hide" (default), "only", "any" */
	const char *q;         /* "" or the search words */
	const char *sort;      /* recent (last activity first), waiting (longest first), priority */
	int64_t me;
	int offset, limit;     /* a page of the list */
} inbox_query;
/* One page of the list (limit + 1 rows are read: *more when there is another page). -1 error. */
int inbox_list(db *d, arena *a, const inbox_query *q, const char *tz, bool *more, conversation **out);
typedef struct inbox_counts {
	long long mine, unassigned, mentions;  /* open, not snoozed; mentions unseen */
	long long unread;                      /* of mine, not seen since the customer's last message */
} inbox_counts;
bool inbox_counts_get(db *d, int64_t me, inbox_counts *out);
/* The staff member saw the conversation (its unread marker and mentions go). */
bool conv_mark_read(db *d, arena *a, int64_t staff_id, int64_t conv);

/* ---- mentions ---- */
/* Notifies each of staff_ids (n of them) that they were mentioned in message. */
bool mentions_add(db *d, arena *a, int64_t conv, int64_t message_id, int64_t by, const int64_t *staff_ids,
		  int n);

/* demo data (seed_chat.c) */
bool seed_chat(db *d, arena *a);

#endif
