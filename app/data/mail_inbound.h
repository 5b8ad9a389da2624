/* data/mail_inbound.h: mail received on a mailbox: the raw bytes stored first (once, however often the
 * MTA hands it over), then threaded into a conversation by the worker; who an email conversation is
 * with when no account has their address */
#ifndef CXMS_DATA_MAIL_INBOUND_H
#define CXMS_DATA_MAIL_INBOUND_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../core/arena.h"
#include "../core/db.h"
#include "channel_accounts.h"

/* The active mailbox (an email channel account) of that name or address; NULL or "": the first one
 * made. 1 found, 0 none, -1 error. */
int mailbox_find(db *d, arena *a, const char *name, channel_account *out);

/* Stores the raw mail and queues its threading (mail_inbound job), in the caller's transaction.
 * rfc_id, from: NULL when unknown. Returns the id; 0 when these bytes or this Message-ID were stored on
 * the mailbox before (nothing changes); -1 error. */
int64_t inbound_mail_store(db *d, arena *a, int64_t account_id, const char *sha256_hex, const char *rfc_id,
			   const char *from, const unsigned char *raw, size_t len);

typedef struct inbound_mail {
	int64_t id, account_id, conversation_id;
	const char *status, *mailbox; /* the mailbox's address ("" none) */
	unsigned char *raw;
	size_t len;
} inbound_mail;
/* 1 found (raw in the arena), 0 no such id, -1 error */
int inbound_mail_get(db *d, arena *a, int64_t id, inbound_mail *out);
/* The raw bytes of mail id when it belongs to conversation conv: 1 (raw, len set), 0 not so, -1 error. */
int inbound_mail_raw(db *d, arena *a, int64_t conv, int64_t id, const unsigned char **raw, size_t *len);
/* The job's transaction commits without waiting for its WAL flush (see mail_inbound.c for why that is safe). */
bool inbound_mail_commit_async(db *d);
/* threaded as message msg of conv; automatic: why no person wrote it (NULL) */
bool inbound_mail_threaded(db *d, arena *a, int64_t id, int64_t conv, int64_t msg, const char *automatic);
bool inbound_mail_failed(db *d, arena *a, int64_t id, const char *error);
/* mails from that address on the mailbox in the last minutes (the flood threshold) */
int inbound_mails_from(db *d, arena *a, int64_t account_id, const char *from, int minutes);

/* The conversation holding the newest message (on that account) whose external id is one of ids. */
int64_t mail_thread_by_ids(db *d, arena *a, int64_t account_id, const char *const *ids, int n);
/* The newest conversation on the account with that sender (the flood threshold appends to it), 0 none. */
int64_t mail_thread_latest_from(db *d, arena *a, int64_t account_id, const char *address);
/* The conversation of message id when it is on that account (0 none). */
int64_t mail_thread_by_message(db *d, arena *a, int64_t account_id, int64_t message);
/* The conversation when it is on that account (0 none). */
int64_t mail_thread_check(db *d, arena *a, int64_t account_id, int64_t conv);
/* Whether address is the conversation's customer's or contact's (case-insensitive). -1 error. */
int mail_thread_participant(db *d, arena *a, int64_t conv, const char *address);

/* What a reply on conv names: *in_reply_to the Message-ID of the customer's newest mail (NULL when
 * none), *refs every Message-ID of the conversation, theirs and ours, oldest first, at most 20,
 * separated by spaces (NULL when none); *answers when the customer has written in it. */
bool mail_thread_refs(db *d, arena *a, int64_t conv, const char **in_reply_to, const char **refs, bool *answers);

/* A bounce came back for our message msg: its delivery is failed, with the reason. 1 marked, 0 no such
 * outgoing message, -1 error. */
int msg_mark_bounced(db *d, arena *a, int64_t msg, const char *reason);

/* The customer account with that verified address (0 none, -1 error). */
int64_t customer_by_verified_email(db *d, arena *a, const char *address);
/* The address (and name) an email conversation without a customer account answers. */
bool email_contact_set(db *d, arena *a, int64_t conv, const char *address, const char *name);
/* The new conversation follows another (a reply by someone who was not in it). */
bool conv_set_follows(db *d, arena *a, int64_t conv, int64_t follows);

#endif
