/* consent.h: the consent-aware data layer: purposes, the hash-chained ledger, purpose-gated
 * calls (the only path to personal data for anything but service), exports, access log, erasure */
#ifndef CXMS_CONSENT_H
#define CXMS_CONSENT_H
#include <stdbool.h>
#include <stdint.h>
#include "data.h"
#include "../core/csv.h"
#include "../core/buf.h"

/* ---- purposes (consent.c) ---- */
typedef struct consent_purpose {
	const char *code, *title, *text, *legal_basis, *data_categories, *retention;
	int version;
	bool optional;
	/* per customer (consent_state_for): */
	bool granted;
	const char *changed_at; /* viewer's zone; NULL: never recorded */
} consent_purpose;

/* Current version of every purpose, in display order, texts in lang. -1 on error. */
int purposes_list(db *d, arena *a, const char *lang, consent_purpose **out);
/* Same, with the customer's current state filled in. */
int consent_state_for(db *d, arena *a, int64_t customer_id, const char *lang, const char *tz,
		      consent_purpose **out);
/* A known optional purpose code (what a form may change). */
bool purpose_code_valid(const char *code);
extern const char *const purpose_codes[]; /* optional purposes, NULL-terminated */

/* A purpose's texts; a change is published as a new version (earlier versions stay: the ledger
 * names the version each customer saw). */
typedef struct purpose_texts_t {
	int version;
	const char *title_en, *title_bn, *text_en, *text_bn;
} purpose_texts_t;
bool purpose_texts_get(db *d, arena *a, const char *code, purpose_texts_t *out);
/* returns the new version, 0 for an unknown code, -1 on error */
int purpose_new_version(db *d, const purpose_texts_t *t, const char *code);

/* ---- the ledger (consent_ledger.c) ---- */
typedef enum { CH_PORTAL, CH_CHAT, CH_EMAIL_LINK, CH_STAFF_PHONE, CH_API } consent_channel;
const char *consent_channel_name(consent_channel ch);
bool consent_channel_valid(const char *name);

/* One ledger row's content, as hashed. NULL strings are hashed as absent. */
typedef struct ledger_row {
	int64_t id;
	const char *at;         /* UTC, "YYYY-MM-DDTHH:MM:SS.ffffffZ" */
	const char *subject_ref, *purpose;
	int purpose_version;
	bool granted;
	const char *channel;
	int64_t staff_id;       /* 0: none */
	const char *staff_reason, *request_id, *ip_hash, *user_agent;
	const char *prev_hash;  /* hex; 64 zeros for the first row */
} ledger_row;
#define LEDGER_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"
/* The canonical form of a row (documented in consent_ledger.c), for tests. */
void ledger_canonical(buf *out, const ledger_row *row);
/* hex BLAKE2b-256 of the canonical form; out has 65 bytes */
void ledger_hash(char out[65], const ledger_row *row);

/* The customer's pseudonym in the ledger, created on first use. NULL on error. */
const char *consent_subject(db *d, arena *a, int64_t customer_id);

/* Evidence and actor of a change. */
typedef struct consent_ctx {
	consent_channel channel;
	int64_t staff_id;           /* 0: the customer themself */
	const char *staff_reason;   /* required with staff_id */
	const char *request_id, *remote_addr, *user_agent;
} consent_ctx;
consent_ctx consent_ctx_from_req(req *r, consent_channel ch);

/* Appends one grant/withdrawal to the ledger (must run inside a transaction). On withdrawal the
 * data derived for that purpose is deleted in the same transaction. false on error. */
bool consent_record(db *d, arena *a, int64_t customer_id, const char *purpose, bool granted,
		    const consent_ctx *ctx);
/* Records only the purposes whose state changes. granted_codes: NULL-terminated list of codes that
 * should be granted; every other optional purpose is withdrawn (if it was granted). Returns the
 * number of events written, -1 on error. */
int consent_set_all(db *d, arena *a, int64_t customer_id, const char *const *granted_codes,
		    const consent_ctx *ctx);

typedef struct consent_event {
	int64_t id;
	const char *at, *purpose, *purpose_title, *channel, *staff_reason;
	int purpose_version;
	bool granted, by_staff;
} consent_event;
/* The customer's own events, newest first. */
int consent_history(db *d, arena *a, int64_t customer_id, const char *lang, const char *tz,
		    int limit, consent_event **out);

/* Walks the whole chain in id order in constant memory. Returns true when whole; otherwise
 * *bad_id is the first row that does not match (its hash, or its link to the row before) and
 * problem says which. rows: rows checked. On a database error returns false with bad_id 0. */
typedef struct ledger_check {
	bool ok;
	long long rows;
	int64_t bad_id;
	const char *problem;
	const char *last_hash;
} ledger_check;
bool ledger_verify(db *d, arena *a, ledger_check *out);

/* Appends n synthetic rows (benchmarks): returns false on error. */
bool ledger_bench_fill(db *d, arena *a, long long n);

/* ---- purpose-gated uses (consent_gate.c): there is no other path to these ---- */
bool consent_granted(db *d, int64_t customer_id, const char *purpose);
typedef struct recipient {
	int64_t id;
	const char *email, *name, *lang;
} recipient;
/* Customers whose current consent for purpose is granted (marketing mailings and the like). */
int consent_recipients(db *d, arena *a, const char *purpose, recipient **out);
/* Writes a page view only when analytics consent is granted at this moment. */
bool consent_track_page_view(db *d, int64_t customer_id, const char *path);
/* Stores a profile score only when profiling consent is granted. */
bool consent_store_score(db *d, arena *a, int64_t customer_id, const char *kind, double score);
/* The dispatcher's hook: a customer's portal page view, written only with analytics consent. */
void consent_track_request(req *r, int status);

/* ---- exports (consent_export.c) ---- */
/* YYYY-MM-DD naming a real day (years 1900-9999) */
bool iso_date_valid(const char *s);
typedef struct export_filter {
	const char *purpose, *state, *channel, *from, *to; /* "" = any; dates YYYY-MM-DD (UTC) */
} export_filter;
/* Streams the consent events matching f as "csv" or "jsonl" to the request in constant memory.
 * Returns rows written, -1 on error (after streaming began the response is cut short). */
long long consent_export_stream(req *r, const export_filter *f, const char *format);
extern const char *const consent_export_columns[];
/* Streams everything stored about one customer as one JSON document. false on error. */
bool customer_export_stream(req *r, int64_t customer_id);

/* ---- access log (consent.c) ---- */
bool access_log_add(db *d, int64_t staff_id, int64_t customer_id, const char *action,
		    const char *reason, const char *details, const char *request_id);
typedef struct access_entry {
	const char *at, *staff_name, *action, *reason, *details;
	int64_t customer_id;
	const char *customer_email; /* NULL once erased */
} access_entry;
/* filters: "" = any; staff and customer match email or name (substring), date is YYYY-MM-DD */
int access_log_search(db *d, arena *a, const char *staff, const char *customer, const char *date,
		      const char *tz, int limit, access_entry **out);

/* ---- erasure (consent.c; the job's steps are in app/jobs/erasure.c) ---- */
/* Records the request and queues the job; returns the receipt code or NULL. */
const char *erasure_request(db *d, arena *a, int64_t customer_id, int64_t staff_id);
typedef struct erasure_entry {
	const char *receipt, *requested_by, *requested_at, *completed_at, *report;
	int64_t customer_id;
} erasure_entry;
int erasure_list(db *d, arena *a, const char *tz, int limit, erasure_entry **out);
bool erasure_by_receipt(db *d, arena *a, const char *receipt, const char *tz, erasure_entry *out);
bool erasure_complete(db *d, int64_t customer_id, const char *receipt, const char *report);
int64_t customer_id_by_email(db *d, const char *email);
/* Erases the customer in every table, step by step (consent_erasure.c); report lists the counts. */
bool erasure_run(db *d, arena *a, int64_t customer_id, const char **report);
/* Applies retention_rules; records and returns a report. */
bool retention_run(db *d, arena *a, const char **report);
typedef struct retention_rule {
	const char *kind, *action;
	int days;
} retention_rule;
int retention_rules_list(db *d, arena *a, retention_rule **out);
typedef struct retention_run_entry {
	const char *at, *report;
} retention_run_entry;
int retention_runs_list(db *d, arena *a, const char *tz, int limit, retention_run_entry **out);

/* ---- sensitive fields, sealed with the customer's own key (consent_crypto.c) ---- */
typedef struct private_fields {
	const char *phone, *birthday, *address, *notes; /* NULL or "" = none */
} private_fields;
bool private_save(db *d, arena *a, int64_t customer_id, const private_fields *f);
/* false when a field cannot be opened (no master key, or the key was destroyed) */
bool private_load(db *d, arena *a, int64_t customer_id, private_fields *out);
/* XChaCha20-Poly1305 of a text under key with associated data ad: base64(nonce || ciphertext) */
char *seal_text(arena *a, const unsigned char key[32], const char *plain, const char *ad);
char *open_text(arena *a, const unsigned char key[32], const char *sealed, const char *ad);
void master_key_set_for_tests(const unsigned char key[32]);
/* The keyed hash a sealed phone number is found by: of its last 10 digits (so "+880 1711-000000" and
 * "01711000000" meet); NULL when the text holds fewer than 7 digits. */
const char *phone_index_of(arena *a, const char *phone);
/* Seals / opens a text with the master key itself (channel secrets); NULL without a master key or when
 * the text does not open. */
char *master_seal(arena *a, const char *plain, const char *ad);
char *master_open(arena *a, const char *sealed, const char *ad);

/* demo data (seed_consent.c), inside seed_demo's transaction */
bool seed_consent(db *d, arena *a);

#endif
