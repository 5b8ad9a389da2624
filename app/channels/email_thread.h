/* channels/email_thread.h: the marks CXMS puts on the mail it sends, so that an answer finds its
 * conversation again: a reply address and Message-IDs carrying a keyed MAC (nobody can forge one to
 * join a conversation that is not theirs), and a subject tag for clients that keep neither */
#ifndef CXMS_CHANNELS_EMAIL_THREAD_H
#define CXMS_CHANNELS_EMAIL_THREAD_H
#include <stdbool.h>
#include <stdint.h>
#include "../core/arena.h"

/* "support+<conv>.<mac>@example.com" for the mailbox "support@example.com": plus addressing brings it
 * back to the same mailbox (Postfix's recipient_delimiter, Gmail, Microsoft 365). NULL when the
 * mailbox address has no '@'. */
const char *mail_reply_address(arena *a, int64_t conv, const char *mailbox);
/* The conversation a reply address names (its MAC checked), else 0. */
int64_t mail_reply_address_conv(arena *a, const char *address);

/* "cx.<message>.<mac>@<domain>" (without <>): the Message-ID of an outgoing message, the same on every
 * retry of it. domain: of the mailbox address (after '@'), or "cxms.invalid". */
const char *mail_message_id(arena *a, int64_t message, const char *mailbox);
/* The message one of our Message-IDs names (MAC checked), else 0. */
int64_t mail_message_id_message(arena *a, const char *id);

/* A Message-ID as a message's external id: itself, or past 255 bytes (what messages.external_id holds)
 * "mid-sha256:" and its SHA-256 in hex, so that a long one still stores once and still threads. */
const char *mail_external_id(arena *a, const char *message_id);

/* The conversation a subject tag "[#CX-123]" names, else 0 (not a proof: the sender is checked). */
int64_t mail_subject_tag(const char *subject);
/* The subject with the tag of conv at its end (kept when it is there already), "Re: " when asked. */
const char *mail_subject_tagged(arena *a, const char *subject, int64_t conv, bool reply);

#endif
