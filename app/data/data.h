/* data.h: the data layer's typed functions; all SQL of the application lives in app/data/ */
#ifndef CXMS_DATA_H
#define CXMS_DATA_H
#include <stdbool.h>
#include <stdint.h>
#include "../core/arena.h"
#include "../core/db.h"
#include "../core/http.h"

/* ---- migrations (migrate.c) ---- */
/* Applies <dir>/NNNN_*.sql in order, each in a transaction, recording a checksum.
 * Refuses (false) when an applied file has changed. */
bool migrate_run(db *d, const char *dir);

/* ---- accounts (accounts.c): customers and staff share the shapes below ---- */
typedef struct account {
	int64_t id;
	const char *email, *name, *lang, *tz;
	const char *password_hash; /* NULL: staff invited but no password chosen yet */
	int roles;                 /* staff */
	bool active;               /* staff */
	bool locked;               /* too many failed sign-ins just now */
	bool verified;             /* customer confirmed the email address */
	const char *created_at;    /* in the viewer's zone */
	const char *last_seen_at;  /* staff list */
} account;

const char *account_kind_name(account_kind kind); /* "customer" or "staff" */
int roles_from_text(const char *pg_array);          /* "{agent,admin}" -> bits */
const char *roles_to_text(arena *a, int roles);     /* bits -> "{agent,admin}" */
extern const struct role_name { int bit; const char *name; const char *label; } role_names[];

/* 0 when the email is taken, -1 on error */
int64_t customer_create(db *d, arena *a, const char *email, const char *password_hash,
			const char *name, const char *lang, const char *tz);
bool account_by_email(db *d, arena *a, account_kind kind, const char *email, account *out);
bool account_get(db *d, arena *a, account_kind kind, int64_t id, const char *viewer_tz,
		 account *out);
bool account_login_failed(db *d, account_kind kind, int64_t id);
bool account_login_ok(db *d, account_kind kind, int64_t id);
bool account_set_password(db *d, arena *a, account_kind kind, int64_t id, const char *hash);
bool account_update_profile(db *d, account_kind kind, int64_t id, const char *name,
			    const char *lang, const char *tz);
bool account_set_lang(db *d, account_kind kind, int64_t id, const char *lang);

/* staff administration: 0 when the email is taken, -1 on error */
int64_t staff_create(db *d, arena *a, const char *email, const char *name, int roles,
		     const char *lang, const char *tz, int64_t created_by);
/* all staff, newest first; returns the count, -1 on error */
int staff_list(db *d, arena *a, const char *viewer_tz, account **out);
bool staff_update(db *d, arena *a, int64_t id, const char *name, int roles);
bool staff_set_active(db *d, int64_t id, bool active);
int staff_count_active_admins(db *d);

/* ---- sessions (sessions.c) ---- */
#define SESSION_IDLE_CUSTOMER "12 hours"
#define SESSION_IDLE_STAFF "8 hours"
#define SESSION_ABSOLUTE "30 days"
bool session_create(db *d, arena *a, account_kind kind, int64_t account_id,
		    const char *token_hash, const char *user_agent);
/* Fills who when the session is valid (not idle or too old, staff still active). */
bool session_lookup(db *d, arena *a, account_kind kind, const char *token_hash, viewer *who);
bool session_delete(db *d, const char *token_hash);
/* Ends the account's sessions, except keep_hash (may be NULL). */
bool sessions_end_for_account(db *d, arena *a, account_kind kind, int64_t id,
			      const char *keep_hash);

/* ---- password resets and staff invitations (resets.c) ---- */
/* purpose: "reset", "verify" (customer sign-up) or "invite" (new staff) */
bool reset_create(db *d, arena *a, account_kind kind, const char *purpose, int64_t account_id,
		  const char *token_hash, int valid_minutes);
/* true when the token may still be used (shows the form); purpose NULL: reset or invite */
bool reset_usable(db *d, account_kind kind, const char *purpose, const char *token_hash);
/* Marks the token used and returns its account id; 0 when unknown, used or expired. */
int64_t reset_consume(db *d, arena *a, account_kind kind, const char *purpose,
		      const char *token_hash);
bool customer_mark_verified(db *d, arena *a, int64_t id);

/* ---- mail and jobs (mail.c, jobs.c) ---- */
/* The headers of a mail on an email conversation (NULL: the defaults: CXMS_MAIL_FROM, a random
 * Message-ID, no threading). */
typedef struct mail_headers {
	const char *from;        /* "Name <address>" of the mailbox */
	const char *reply_to;    /* the conversation's reply address */
	const char *message_id;  /* without <>: the same on every retry */
	const char *in_reply_to; /* without <> */
	const char *references;  /* ids without <>, separated by spaces, oldest first */
	bool auto_submitted;     /* sent by CXMS on its own: Auto-Submitted: auto-replied */
} mail_headers;

typedef struct mail {
	int64_t id;
	const char *to, *subject, *body, *status, *created_at, *sent_at, *last_error;
	const char *list_unsubscribe; /* NULL unless a marketing mail */
	bool sensitive;
	mail_headers headers;
} mail;
/* Queues a mail and the job that sends it, in the caller's transaction. */
int64_t mail_queue(db *d, arena *a, const char *to, const char *subject, const char *body,
		   bool sensitive);
/* A reply in a conversation: the message shows whether the mail left. delay_seconds > 0: the mail waits
 * that long and is not sent when the customer's chat page has shown the message meanwhile. */
int64_t mail_queue_for_message(db *d, arena *a, const char *to, const char *subject, const char *body,
			       int64_t message_id, int delay_seconds);
/* A reply on an email conversation, with its mailbox's headers; sent at once. */
int64_t mail_queue_threaded(db *d, arena *a, const char *to, const char *subject, const char *body,
			    int64_t message_id, const mail_headers *h);
/* A waiting reply mail whose message the customer has seen in the chat becomes "seen_in_chat" instead of
 * being sent: 1 it did, 0 it is to be sent, -1 error. */
int mail_drop_if_seen(db *d, arena *a, int64_t id);
/* The same for a marketing mail: list_unsubscribe is its RFC 8058 one-click address. */
int64_t mail_queue_unsubscribable(db *d, arena *a, const char *to, const char *subject,
				  const char *body, const char *list_unsubscribe);
bool mail_get(db *d, arena *a, int64_t id, mail *out);
bool mail_mark(db *d, arena *a, int64_t id, const char *status, const char *error);
int mails_list(db *d, arena *a, const char *viewer_tz, int limit, mail **out);

typedef struct job {
	int64_t id;
	const char *kind, *payload;
	int attempts, max_attempts;
} job;
bool job_enqueue(db *d, arena *a, const char *kind, const char *payload_json);
/* The same, due in seconds from now. */
bool job_enqueue_in(db *d, arena *a, const char *kind, const char *payload_json, int seconds);
/* Claims one due job (FOR UPDATE SKIP LOCKED) inside the caller's transaction. */
int job_claim(db *d, arena *a, job *out); /* 1 claimed, 0 none due, -1 error */
int job_relock(db *d, arena *a, int64_t id, job *out); /* that job again: 1, 0 gone or taken, -1 */
bool job_done(db *d, arena *a, int64_t id);
/* Schedules a retry with exponential backoff, or marks the job dead. */
bool job_failed(db *d, arena *a, const job *j, const char *error);
/* Seconds until the next queued job is due (capped), for the worker's wait. */
int job_seconds_until_next(db *d);

/* ---- reference data (timezones.c) ---- */
/* Loads the IANA zone names PostgreSQL knows; call before threads start. */
bool timezones_load(db *d);
bool timezone_valid(const char *tz);
int timezones_count(void);
const char *timezone_at(int i);

/* ---- demo data (seed.c) ---- */
bool seed_demo(db *d, arena *a);

/* ---- dashboard (stats.c) ---- */
typedef struct admin_counts {
	long long customers, active_staff, mails_week;
} admin_counts;
bool admin_counts_get(db *d, admin_counts *out);

/* ---- health ---- */
bool db_healthy(db *d);

#endif
