/* conv/outbound.h: replies go out on the conversation's own channel, or the composer says why not */
#ifndef CXMS_CONV_OUTBOUND_H
#define CXMS_CONV_OUTBOUND_H
#include <stdbool.h>
#include <stdint.h>
#include "../channels/kinds.h"
#include "../core/http.h"
#include "../data/conversations.h"

typedef struct reply_way {
	reply_route route;
	const char *blocked;   /* msgid: why a reply cannot go out (NULL when it can) */
	size_t max_text;       /* characters of one message on this channel */
	long long max_upload;  /* bytes of one attachment (0: none) */
} reply_way;
reply_way conv_reply_way(const conversation *c);

/* Stores the agent's reply (the conversation is theirs if nobody had it; a resolved one opens again)
 * and sends it: a web chat's page shows it at once, mail is queued for the customer's address.
 * external_id (may be NULL): the composer's id of it; *dup when that was stored before (nothing else
 * happens then). Returns the message id; 0 with *blocked set when it cannot go out; -1 on error. */
int64_t conv_reply(req *r, const conversation *c, const char *body, const char *external_id, bool *dup,
		   const char **blocked);

#endif
