/* surveys_send.c: who may be sent a survey, the CSAT after a resolved conversation, the NPS round */
#include "surveys.h"
#include "data.h"
#include "conversations.h"
#include "consent.h"
#include "../core/config.h"
#include "../core/crypto.h"
#include "../core/i18n.h"
#include "../core/http.h"
#include "../core/log.h"
#include <stdio.h>
#include <string.h>

static const stmt verified = {
	"SELECT 1 FROM customers WHERE id = $1 AND email_verified_at IS NOT NULL"
};

/* THE one decision on emailing a survey to a customer.
 * The customer has a verified email address
 * and their current consent for the 'surveys' purpose is granted (consent_granted, app/data/consent.h).
 * Nothing else in the code base sends survey mail without calling this function. */
bool survey_may_email(db *d, int64_t customer_id)
{
	if (customer_id <= 0)
		return false;
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)customer_id);
	const char *p[] = { id };
	PGresult *res = db_run(d, &verified, 1, p);
	bool ok = res && PQntuples(res) == 1;
	PQclear(res);
	return ok && consent_granted(d, customer_id, "surveys"); /* the 'surveys' purpose (consent.h) */
}

static const stmt active_of_kind = {
	"SELECT id, title_en, title_bn, link_days FROM surveys WHERE kind = $1 AND status = 'active'"
	" ORDER BY id DESC LIMIT 1"
};

typedef struct active { int64_t id; const char *title_en, *title_bn; int days; } active;

static int active_survey(db *d, arena *a, const char *kind, active *out)
{
	const char *p[] = { kind };
	PGresult *res = db_run(d, &active_of_kind, 1, p);
	if (!res)
		return -1;
	int n = PQntuples(res);
	if (n == 1) {
		out->id = db_i64(res, 0, 0);
		out->title_en = db_str(a, res, 0, 1);
		out->title_bn = db_str(a, res, 0, 2);
		out->days = (int)db_i64(res, 0, 3);
	}
	PQclear(res);
	return n;
}

/* Queues the invitation mail with the link; the link is single-use, so the body is dropped once sent. */
static bool mail_invitation(db *d, arena *a, const active *s, const char *email, const char *lang,
			    const char *token)
{
	const char *title = strcmp(lang, "bn") == 0 && s->title_bn && *s->title_bn ? s->title_bn : s->title_en;
	const char *body = arena_printf(
		a, "%s\n\n%s\n\n%s/s/%s\n\n%s\n", title,
		i18n_lookup(lang, "We would like to hear how we did. It takes less than a minute:"),
		cfg.base_url ? cfg.base_url : "", token,
		i18n_lookup(lang, "The link works once and expires after some days."));
	return mail_queue(d, a, email, title, body, true) > 0;
}

static const stmt survey_by_id = {
	"SELECT id, title_en, title_bn, link_days FROM surveys WHERE id = $1 AND status = 'active'"
};

int survey_send_list(db *d, arena *a, int64_t survey_id, const char *const *emails, int n)
{
	const char *p[] = { db_id(a, survey_id) };
	PGresult *res = db_run(d, &survey_by_id, 1, p);
	if (!res)
		return -1;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return 0;
	}
	active s = { db_i64(res, 0, 0), db_str(a, res, 0, 1), db_str(a, res, 0, 2), (int)db_i64(res, 0, 3) };
	PQclear(res);
	int sent = 0;
	for (int i = 0; i < n; i++) {
		account acc;
		if (!account_by_email(d, a, ACCOUNT_CUSTOMER, emails[i], &acc) || !survey_may_email(d, acc.id))
			continue;
		const char *token = token_new(a);
		if (survey_invite(d, a, s.id, acc.id, 0, "list", token_hash(a, token)) <= 0 ||
		    !mail_invitation(d, a, &s, acc.email, acc.lang ? acc.lang : "en", token))
			return -1;
		sent++;
	}
	return sent;
}

static const stmt conv_info = {
	"SELECT ca.kind, coalesce(c.customer_id, 0), c.lang, coalesce(cu.email, ''), coalesce(c.assigned_to, 0),"
	" EXISTS (SELECT 1 FROM survey_invitations i WHERE i.conversation_id = c.id)"
	" FROM conversations c JOIN channel_accounts ca ON ca.id = c.channel_account_id"
	" LEFT JOIN customers cu ON cu.id = c.customer_id"
	" WHERE c.id = $1 AND c.status = 'resolved'"
};

const char *surveys_on_conversation_resolved(db *d, arena *a, int64_t conversation_id)
{
	const char *p[] = { db_id(a, conversation_id) };
	PGresult *res = db_run(d, &conv_info, 1, p);
	if (!res)
		return NULL;
	if (PQntuples(res) != 1 || db_bool(res, 0, 5)) {
		/* unknown, not resolved, or already invited (a conversation reopened and resolved again) */
		PQclear(res);
		return "";
	}
	const char *channel = db_str(a, res, 0, 0), *lang = db_str(a, res, 0, 2),
		   *email = db_str(a, res, 0, 3);
	int64_t customer = db_i64(res, 0, 1), agent = db_i64(res, 0, 4);
	PQclear(res);
	active s = { 0 };
	int n = active_survey(d, a, "csat", &s);
	if (n < 0)
		return NULL;
	if (n == 0)
		return "";
	bool in_chat = strcmp(channel, "web") == 0;
	if (!in_chat && !survey_may_email(d, customer))
		return "";
	const char *token = token_new(a);
	if (survey_invite(d, a, s.id, customer, conversation_id, in_chat ? "chat" : "email",
			  token_hash(a, token)) <= 0)
		return NULL;
	if (in_chat) {
		/* shown in the chat at once: the link, as a message of the agent, in the chat's language */
		const char *path = arena_printf(a, "/s/%s", token);
		const char *body = arena_printf(a, "%s %s%s", i18n_lookup(lang, "Please tell us how we did:"),
						cfg.base_url ? cfg.base_url : "", path);
		bool dup;
		msg_new m = { .conversation_id = conversation_id, .kind = MSG_AGENT, .staff_id = agent, .body = body,
			      .delivery = "sent" };
		if (msg_add(d, a, &m, &dup) <= 0)
			return NULL;
		return path;
	}
	return mail_invitation(d, a, &s, email, lang, token) ? "" : NULL;
}

/* Customers with no NPS invitation in the last 90 days, oldest accounts first. */
static const stmt nps_due = {
	"SELECT c.id, c.email, c.lang FROM customers c WHERE c.email_verified_at IS NOT NULL"
	" AND NOT EXISTS (SELECT 1 FROM survey_invitations i JOIN surveys s ON s.id = i.survey_id"
	"   WHERE s.kind = 'nps' AND i.customer_id = c.id"
	"   AND i.created_at > now() - " "90" /* SURVEY_NPS_DAYS */ " * interval '1 day')"
	" ORDER BY c.id LIMIT $1::integer"
};

int survey_nps_round(db *d, arena *a, int limit)
{
	active s = { 0 };
	int have = active_survey(d, a, "nps", &s);
	if (have <= 0)
		return have;
	const char *p[] = { arena_printf(a, "%d", limit) };
	PGresult *res = db_run(d, &nps_due, 1, p);
	if (!res)
		return -1;
	int sent = 0;
	for (int i = 0; i < PQntuples(res); i++) {
		int64_t id = db_i64(res, i, 0);
		if (!survey_may_email(d, id))
			continue;
		const char *token = token_new(a);
		if (survey_invite(d, a, s.id, id, 0, "email", token_hash(a, token)) <= 0 ||
		    !mail_invitation(d, a, &s, db_str(a, res, i, 1), db_str(a, res, i, 2), token)) {
			PQclear(res);
			return -1;
		}
		sent++;
	}
	PQclear(res);
	return sent;
}

static const stmt reschedule = {
	"INSERT INTO jobs (kind, run_at) SELECT 'survey_nps_round', now() + interval '1 day'"
	" WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE kind = 'survey_nps_round' AND status = 'queued'"
	"   AND run_at > now())"
};

bool survey_nps_reschedule(db *d)
{
	return db_do(d, &reschedule, 0, NULL);
}
