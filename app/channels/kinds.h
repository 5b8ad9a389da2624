/* channels/kinds.h: what CXMS knows of each kind of channel: its name, whether it is live, how long a
 * message may be, how large an attachment, and whether replies can go out on it today */
#ifndef CXMS_CHANNELS_KINDS_H
#define CXMS_CHANNELS_KINDS_H
#include <stdbool.h>
#include <stddef.h>

typedef enum {
	REPLY_NONE = 0,   /* no connector yet: replies cannot go out (the composer says so) */
	REPLY_LIVE,       /* web chat: the customer's page shows the reply at once */
	REPLY_MAIL,       /* mailed to the customer's address from the outbox */
	REPLY_NOTES_ONLY, /* nothing to reply to (a phone call is logged, not answered in writing) */
} reply_route;

typedef struct channel_kind {
	const char *code;          /* as stored in channel_accounts.kind */
	const char *label;         /* msgid */
	bool live;                 /* counts against an agent's live limit (else the email limit) */
	size_t max_text;           /* characters of one message */
	long long max_upload;      /* bytes of one attachment; 0: none can be sent */
	reply_route reply;
	const char *const *secret_fields; /* names of the secrets its connector needs, NULL-terminated */
} channel_kind;

/* Every kind, NULL code last. */
extern const channel_kind channel_kinds[];
/* The kind of that code; NULL when unknown. */
const channel_kind *channel_kind_get(const char *code);

/* the longest message any channel takes (the database's limit) */
#define MESSAGE_MAX_CHARS 100000

#endif
