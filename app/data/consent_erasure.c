/* consent_erasure.c: what erasing a customer does, table by table, and the nightly retention run.
 *
 * Each step is one statement taking ($1 customer id) or, for tables that hold addresses,
 * ($1 email address), and returning how many rows it removed or anonymised. The steps run in one
 * transaction, in order (rows referring to the customer before the customer row itself).
 * Features that add tables holding personal data add their step here (one line each).
 *
 * The consent ledger is not touched: its rows name a random pseudonym (consent_subjects), and
 * deleting the pseudonym's row is what unlinks them from the person. customer_keys holds the
 * per-customer data key: deleting it makes the sealed fields unreadable in old backups too. */
#include "consent.h"
#include <stdio.h>

#define COUNTED(sql) "WITH x AS (" sql " RETURNING 1) SELECT count(*) FROM x"

static const stmt e_tracking = { COUNTED("DELETE FROM tracking_events WHERE customer_id = $1::bigint") };
static const stmt e_scores = { COUNTED("DELETE FROM profile_scores WHERE customer_id = $1::bigint") };
static const stmt e_private = { COUNTED("DELETE FROM customer_private WHERE customer_id = $1::bigint") };
static const stmt e_keys = { COUNTED("DELETE FROM customer_keys WHERE customer_id = $1::bigint") };
static const stmt e_sessions = { COUNTED("DELETE FROM sessions WHERE customer_id = $1::bigint") };
static const stmt e_resets = { COUNTED("DELETE FROM password_resets WHERE customer_id = $1::bigint") };
/* the delivery jobs of those mails (their errors may quote the address; queued ones must not send) */
static const stmt e_mail_jobs = {
	COUNTED("DELETE FROM jobs WHERE kind = 'send_mail' AND (payload->>'mail_id')::bigint IN"
		" (SELECT id FROM mails WHERE lower(to_address) = lower($1))")
};
static const stmt e_mails = { COUNTED("DELETE FROM mails WHERE lower(to_address) = lower($1)") };
/* every channel's conversations: their messages, attachments (files queued for removal), events, web
 * chat rows (visitor name and address), tags, read state and mentions go with them */
static const stmt e_conversations = { COUNTED("DELETE FROM conversations WHERE customer_id = $1::bigint") };
/* mail received from the address (raw bytes; those in the customer's conversations go with them too),
 * and the email conversations of that address no account held (email_contacts): the same person -- when
 * the address is verified as the account's (else someone who signed up with another's address could
 * erase that person's mail) */
#define VERIFIED " AND EXISTS (SELECT 1 FROM customers vc WHERE lower(vc.email) = lower($1)" \
	" AND vc.email_verified_at IS NOT NULL)"
static const stmt e_inbound_mails = {
	COUNTED("DELETE FROM inbound_mails WHERE lower(from_address) = lower($1)" VERIFIED)
};
static const stmt e_email_contacts = {
	COUNTED("DELETE FROM conversations WHERE id IN"
		" (SELECT conversation_id FROM email_contacts WHERE lower(address) = lower($1))" VERIFIED)
};
/* survey answers keep their scores for the figures, but lose their words and their link to the person */
static const stmt e_survey_texts = {
	COUNTED("UPDATE survey_answers SET value_text = NULL WHERE value_text IS NOT NULL AND response_id IN"
		" (SELECT id FROM survey_responses WHERE customer_id = $1::bigint)")
};
static const stmt e_survey_responses = {
	COUNTED("UPDATE survey_responses SET comment = NULL, customer_id = NULL WHERE customer_id = $1::bigint")
};
/* survey_invitations.customer_id cascades on delete, and a response cascades with its invitation:
 * unlink the invitations first, or deleting the customer would delete the scores too */
static const stmt e_survey_invitations = {
	COUNTED("UPDATE survey_invitations SET customer_id = NULL WHERE customer_id = $1::bigint")
};
static const stmt e_subject = { COUNTED("DELETE FROM consent_subjects WHERE customer_id = $1::bigint") };
static const stmt e_customer = { COUNTED("DELETE FROM customers WHERE id = $1::bigint") };

static const struct {
	const char *table;
	const stmt *s;
	bool by_email;
} steps[] = {
	{ "tracking_events", &e_tracking, false },
	{ "profile_scores", &e_scores, false },
	{ "customer_private", &e_private, false },
	{ "customer_keys", &e_keys, false },
	{ "sessions", &e_sessions, false },
	{ "password_resets", &e_resets, false },
	{ "jobs (mail delivery)", &e_mail_jobs, true },
	{ "mails", &e_mails, true },
	{ "inbound_mails", &e_inbound_mails, true },
	{ "conversations (messages, attachments, chat_conversations, conversation_events)", &e_conversations, false },
	{ "email conversations by address (email_contacts)", &e_email_contacts, true },
	{ "survey_answers (free text)", &e_survey_texts, false },
	{ "survey_responses", &e_survey_responses, false },
	{ "survey_invitations", &e_survey_invitations, false },
	/* other features: add your tables' steps above this line */
	{ "consent_subjects", &e_subject, false },
	{ "customers", &e_customer, false },
};

static const stmt email_of = { "SELECT email FROM customers WHERE id = $1::bigint FOR UPDATE" };

bool erasure_run(db *d, arena *a, int64_t customer_id, const char **report)
{
	const char *id = db_id(a, customer_id);
	PGresult *res = db_run(d, &email_of, 1, (const char *[]){ id });
	if (!res)
		return false;
	const char *email = PQntuples(res) == 1 ? db_str(a, res, 0, 0) : NULL;
	PQclear(res);
	if (!email) { /* already erased: a retried job */
		*report = "already erased";
		return true;
	}
	buf b = { 0 };
	bool ok = true;
	for (size_t i = 0; ok && i < sizeof steps / sizeof steps[0]; i++) {
		res = db_run(d, steps[i].s, 1, (const char *[]){ steps[i].by_email ? email : id });
		if (!res) {
			ok = false;
			break;
		}
		buf_printf(&b, "%s%s: %s", i ? "; " : "", steps[i].table, PQgetvalue(res, 0, 0));
		PQclear(res);
	}
	*report = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return ok;
}

/* ---- retention ---- */
static const stmt r_tracking = {
	COUNTED("DELETE FROM tracking_events WHERE at < now() - (SELECT days FROM retention_rules"
		" WHERE kind = 'tracking_events') * interval '1 day'")
};
/* Chat transcripts of conversations resolved longer ago than the rule's days: the rule's action
 * either deletes the conversation or keeps it (figures, routing history) without any words or names. */
#define OLD_RESOLVED(action) \
	" status = 'resolved' AND resolved_at < now() - (SELECT days FROM retention_rules" \
	" WHERE kind = 'chat_transcripts' AND action = '" action "') * interval '1 day'"
static const stmt r_chat_delete = {
	COUNTED("DELETE FROM conversations WHERE" OLD_RESOLVED("delete"))
};
static const stmt r_chat_words = {
	COUNTED("UPDATE messages SET body = '', html = NULL, subject = NULL, ip_hash = NULL"
		" WHERE (body <> '' OR html IS NOT NULL OR subject IS NOT NULL) AND conversation_id IN"
		" (SELECT id FROM conversations WHERE" OLD_RESOLVED("anonymise") ")")
};
/* files hold words too: they go (their bytes once nothing else refers to them) */
static const stmt r_chat_files = {
	"DELETE FROM attachments WHERE conversation_id IN (SELECT id FROM conversations WHERE" OLD_RESOLVED("anonymise") ")"
};
/* the raw mails of those conversations hold every word, and who wrote them; a mail that never became
 * a message (it failed, or is stuck) is kept 30 days for a person to look at */
static const stmt r_chat_mails = {
	"WITH m AS (DELETE FROM inbound_mails WHERE conversation_id IN"
	"   (SELECT id FROM conversations WHERE" OLD_RESOLVED("anonymise") ")),"
	" f AS (DELETE FROM inbound_mails WHERE conversation_id IS NULL AND received_at < now() - interval '30 days')"
	" DELETE FROM email_contacts WHERE conversation_id IN (SELECT id FROM conversations WHERE" OLD_RESOLVED("anonymise") ")"
};
static const stmt r_chat_names = {
	"WITH v AS (UPDATE chat_conversations SET visitor_name = CASE WHEN visitor_name IS NULL THEN NULL ELSE '' END,"
	"   visitor_email = NULL WHERE (visitor_email IS NOT NULL OR visitor_name <> '') AND conversation_id IN"
	"   (SELECT id FROM conversations WHERE" OLD_RESOLVED("anonymise") "))"
	" UPDATE conversations SET subject = NULL, preview = NULL"
	" WHERE (subject IS NOT NULL OR preview IS NOT NULL) AND" OLD_RESOLVED("anonymise")
};
static const stmt r_erasures = {
	/* finished erasure receipts stay; requests whose job died are reported */
	"SELECT count(*) FROM erasure_requests WHERE completed_at IS NULL"
	" AND requested_at < now() - interval '1 day'"
};
static const stmt r_record = { "INSERT INTO retention_runs (report) VALUES ($1)" };
/* nightly: the run schedules the next one (03:00 UTC tomorrow) unless one is queued already */
static const stmt r_next = {
	"INSERT INTO jobs (kind, run_at) SELECT 'retention', date_trunc('day', now()) + interval '1 day 3 hours'"
	" WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE kind = 'retention' AND status = 'queued'"
	" AND run_at > now())"
};

bool retention_run(db *d, arena *a, const char **report)
{
	PGresult *res = db_run(d, &r_tracking, 0, NULL);
	if (!res)
		return false;
	const char *tracked = db_str(a, res, 0, 0);
	PQclear(res);
	res = db_run(d, &r_chat_delete, 0, NULL);
	if (!res)
		return false;
	const char *chats_deleted = db_str(a, res, 0, 0);
	PQclear(res);
	res = db_run(d, &r_chat_words, 0, NULL);
	if (!res || !db_do(d, &r_chat_files, 0, NULL) || !db_do(d, &r_chat_mails, 0, NULL) ||
	    !db_do(d, &r_chat_names, 0, NULL)) {
		PQclear(res);
		return false;
	}
	const char *chat_words = db_str(a, res, 0, 0);
	PQclear(res);
	res = db_run(d, &r_erasures, 0, NULL);
	if (!res)
		return false;
	const char *stuck = db_str(a, res, 0, 0);
	PQclear(res);
	*report = arena_printf(a, "tracking_events deleted: %s; chat conversations deleted: %s;"
			       " chat messages emptied: %s; erasure requests pending over a day: %s",
			       tracked, chats_deleted, chat_words, stuck);
	return db_do(d, &r_record, 1, (const char *[]){ *report }) && db_do(d, &r_next, 0, NULL);
}

static const stmt rules = { "SELECT kind, days, action FROM retention_rules ORDER BY kind" };
static const stmt runs = {
	"SELECT to_char(at AT TIME ZONE $1, 'YYYY-MM-DD HH24:MI'), report FROM retention_runs"
	" ORDER BY id DESC LIMIT $2"
};

static void retention_rules_list_row(arena *a, PGresult *res, int i, void *item)
{
	retention_rule *rr = item;
	rr->kind = db_str(a, res, i, 0);
	rr->days = (int)db_i64(res, i, 1);
	rr->action = db_str(a, res, i, 2);
}

int retention_rules_list(db *d, arena *a, retention_rule **out)
{
	int n;
	*out = db_rows(d, a, &rules, 0, NULL, sizeof **out, retention_rules_list_row, &n);
	return n;
}

static void retention_runs_list_row(arena *a, PGresult *res, int i, void *item)
{
	retention_run_entry *e = item;
	e->at = db_str(a, res, i, 0);
	e->report = db_str(a, res, i, 1);
}

int retention_runs_list(db *d, arena *a, const char *tz, int limit, retention_run_entry **out)
{
	const char *p[] = { tz, arena_printf(a, "%d", limit) };
	int n;
	*out = db_rows(d, a, &runs, 2, p, sizeof **out, retention_runs_list_row, &n);
	return n;
}
