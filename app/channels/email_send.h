/* channels/email_send.h: a reply on an email conversation, as mail from its mailbox that the
 * customer's client threads, and whose answer finds the conversation again */
#ifndef CXMS_CHANNELS_EMAIL_SEND_H
#define CXMS_CHANNELS_EMAIL_SEND_H
#include <stdint.h>
#include "../core/arena.h"
#include "../core/db.h"
#include "../data/conversations.h"

/* Queues text (with the agent's name under it) to the conversation's address, as message message_id
 * of c: From the mailbox, Reply-To its reply address, our Message-ID, In-Reply-To and References, the
 * subject with its tag. fallback_subject: when the conversation has none. Returns the mail's id, -1. */
int64_t email_reply_queue(db *d, arena *a, const conversation *c, const char *text, const char *agent,
			  const char *fallback_subject, int64_t message_id);

#endif
