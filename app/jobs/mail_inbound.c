/* jobs/mail_inbound.c: a mail `cxms mailgate` stored becomes a message: parsed (GMime), threaded into
 * its conversation or a new one, routed like any other. Runs in the job's transaction: a crash before
 * commit leaves the mail stored and the job queued, so it is threaded on the next try, once. */
#include "jobs.h"
#include "../channels/email_parse.h"
#include "../channels/email_thread.h"
#include "../channels/kinds.h"
#include "../conv/attach.h"
#include "../conv/notify.h"
#include "../core/log.h"
#include "../core/text.h"
#include "../data/conversations.h"
#include "../data/mail_inbound.h"
#include "../data/routing.h"
#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* Odoo's default: past 20 mails from one sender in 2 hours, a sender opens no new conversation (an
 * auto-responder answering our answers, a script) and what comes is added to their newest one */
#define FLOOD_MAILS 20
#define FLOOD_MINUTES 120

/* the first max characters of valid UTF-8 s */
static const char *cut_chars(arena *a, const char *s, size_t max)
{
	size_t n = utf8_chars_len(s, max);
	return s[n] ? arena_strndup(a, s, n) : s;
}

/* Mail that shows it came back from us: our own Message-ID, or an X-Loop naming our mailbox. */
static const char *our_own(arena *a, const mail_in *m, const char *mailbox)
{
	if (m->message_id && mail_message_id_message(a, m->message_id))
		return "our own Message-ID";
	if (m->x_loop && *mailbox && strstr(m->x_loop, mailbox))
		return "X-Loop: our mailbox";
	return NULL;
}

/* The conversation the mail answers, by the strongest mark first. 0 none, -1 error. */
static int64_t thread_of(db *d, arena *a, int64_t mailbox, const mail_in *m)
{
	for (int i = 0; i < m->nrecipients; i++) {
		int64_t c = mail_reply_address_conv(a, m->recipients[i]);
		if (c && (c = mail_thread_check(d, a, mailbox, c)) != 0)
			return c;
	}
	for (int i = 0; i < m->nrefs; i++) {
		int64_t msg = mail_message_id_message(a, m->refs[i]);
		int64_t c = msg ? mail_thread_by_message(d, a, mailbox, msg) : 0;
		if (c)
			return c;
	}
	const char **ids = arena_alloc(a, sizeof *ids * (size_t)(m->nrefs + 1));
	for (int i = 0; i < m->nrefs; i++)
		ids[i] = mail_external_id(a, m->refs[i]);
	int64_t c = mail_thread_by_ids(d, a, mailbox, ids, m->nrefs);
	if (c)
		return c;
	int64_t tagged = mail_subject_tag(m->subject);
	return tagged ? mail_thread_check(d, a, mailbox, tagged) : 0;
}

/* The conversation the mail belongs to: where its Message-ID was stored before (a copy by another path,
 * after retention removed the first one's raw mail), else the one its marks name if the sender is in it
 * (else *follows names it, and a new one is to be opened), else, for a sender past the flood threshold,
 * their newest. 0: a new one; -1 error. */
static int64_t conversation_for(db *d, arena *a, const inbound_mail *im, const mail_in *m, const char *external_id,
				int64_t *follows)
{
	*follows = 0;
	int64_t conv = m->message_id ? mail_thread_by_ids(d, a, im->account_id, &external_id, 1) : 0;
	if (conv)
		return conv;
	conv = thread_of(d, a, im->account_id, m);
	if (conv > 0) { /* a mark names it, but only someone in it may add to it */
		int in = mail_thread_participant(d, a, conv, m->from_addr);
		if (in < 0)
			return -1;
		if (!in) {
			*follows = conv;
			conv = 0;
		}
	}
	if (conv == 0) {
		int recent = inbound_mails_from(d, a, im->account_id, m->from_addr, FLOOD_MINUTES);
		if (recent < 0)
			return -1;
		if (recent > FLOOD_MAILS)
			conv = mail_thread_latest_from(d, a, im->account_id, m->from_addr);
	}
	return conv;
}

/* A bounce of one of our mails: that message's delivery is failed, with the reason, and the bounce is
 * kept with its conversation (not as a message: nobody wrote it, and it must not reopen anything).
 * 1 done, 0 not a bounce of ours (threaded like any mail), -1 error. */
static int bounce_of_ours(db *d, arena *a, const inbound_mail *im, const mail_in *m, int64_t *conv)
{
	int64_t msg = m->bounce && m->bounced_id ? mail_message_id_message(a, m->bounced_id) : 0;
	int64_t c = msg ? mail_thread_by_message(d, a, im->account_id, msg) : 0;
	if (c <= 0)
		return c < 0 ? -1 : 0;
	const char *reason = arena_printf(a, "bounced: %s", m->bounce_reason ? m->bounce_reason : "no reason given");
	int marked = msg_mark_bounced(d, a, msg, reason);
	if (marked < 0 || !inbound_mail_threaded(d, a, im->id, c, 0, m->automatic))
		return -1;
	*conv = c;
	return 1;
}

/* what the desktops hear after commit: the conversation changed, and who got which by routing */
typedef struct routed {
	arena *a;
	int64_t conv;
	int64_t *assigned, *assignees;
	int nassigned;
} routed;

static void tell(void *arg)
{
	routed *r = arg;
	conv_changed_now(r->a, r->conv, NULL);
	for (int i = 0; i < r->nassigned; i++) {
		if (r->assigned[i] != r->conv)
			conv_changed_now(r->a, r->assigned[i], NULL);
		if (r->assignees[i])
			staff_notify_now(r->a, r->assignees[i], "assigned", r->assigned[i]);
	}
}

/* mail_inbound {"inbound_mail": N} */
bool job_mail_inbound(db *d, arena *a, const job *j, char *err, size_t errlen)
{
	json_t *p = json_loads(j->payload, 0, NULL);
	json_int_t id = p ? json_integer_value(json_object_get(p, "inbound_mail")) : 0;
	json_decref(p);
	if (id <= 0) {
		snprintf(err, errlen, "bad payload");
		return false;
	}
	inbound_mail im;
	int found = inbound_mail_get(d, a, id, &im);
	if (found < 0) {
		snprintf(err, errlen, "database error");
		return false;
	}
	if (!found || strcmp(im.status, "stored") != 0) /* erased since, or threaded by an earlier try */
		return true;
	if (!inbound_mail_commit_async(d)) {
		snprintf(err, errlen, "database error");
		return false;
	}

	mail_in m;
	const char *why;
	if (!mail_parse(a, (const char *)im.raw, im.len, &m, &why)) {
		log_info("inbound mail %lld not threaded: %s", (long long)id, why);
		return inbound_mail_failed(d, a, id, why) || (snprintf(err, errlen, "database error"), false);
	}
	const char *automatic = m.automatic ? m.automatic : our_own(a, &m, im.mailbox);

	int64_t conv = 0, follows = 0;
	int bounced = bounce_of_ours(d, a, &im, &m, &conv);
	if (bounced) {
		if (bounced < 0) {
			snprintf(err, errlen, "database error");
			return false;
		}
		routed *r = arena_calloc(a, sizeof *r);
		*r = (routed){ .a = a, .conv = conv };
		job_after_commit(tell, r);
		log_info("inbound mail %lld: a bounce of conversation %lld's mail", (long long)id, (long long)conv);
		return true;
	}
	const char *external_id = m.message_id ? mail_external_id(a, m.message_id)
					       : arena_printf(a, "inbound-mail-%lld", (long long)id);
	conv = conversation_for(d, a, &im, &m, external_id, &follows);
	if (conv < 0) {
		snprintf(err, errlen, "database error");
		return false;
	}
	const char *subject = cut_chars(a, m.subject, 998);
	if (!conv) {
		int64_t customer = customer_by_verified_email(d, a, m.from_addr);
		conv_new cn = { .channel_account_id = im.account_id, .customer_id = customer > 0 ? customer : 0,
				.subject = subject, .lang = "en", .by = ACTOR_OF_CUSTOMER };
		conv = customer >= 0 ? conv_create(d, a, &cn) : -1;
		if (conv <= 0 || (customer <= 0 && !email_contact_set(d, a, conv, m.from_addr, m.from_name)) ||
		    (follows && !conv_set_follows(d, a, conv, follows))) {
			snprintf(err, errlen, conv == 0 ? "the mailbox is inactive" : "database error");
			return false;
		}
	}
	bool dup;
	msg_new msg = { .conversation_id = conv, .kind = MSG_CUSTOMER, .subject = subject,
			.body = cut_chars(a, m.text, MESSAGE_MAX_CHARS),
			.external_id = external_id,
			.automatic = automatic != NULL };
	int64_t msg_id = msg_add(d, a, &msg, &dup);
	if (msg_id <= 0 || !inbound_mail_threaded(d, a, id, conv, msg_id, automatic)) {
		snprintf(err, errlen, "database error");
		return false;
	}
	/* its files, as the agents' uploads are kept (programs stay in the raw mail only) */
	for (int i = 0; !dup && i < m.nfiles; i++)
		if (attach_received(d, a, conv, msg_id, m.files[i].filename, m.files[i].declared, m.files[i].data,
				    m.files[i].len) < 0) {
			snprintf(err, errlen, "a file of the mail could not be stored");
			return false;
		}
	routed *r = arena_calloc(a, sizeof *r);
	r->a = a;
	r->conv = conv;
	r->nassigned = route_waiting(d, a, &r->assigned);
	if (r->nassigned < 0) {
		snprintf(err, errlen, "database error");
		return false;
	}
	r->assignees = arena_calloc(a, sizeof *r->assignees * (size_t)(r->nassigned + 1));
	for (int i = 0; i < r->nassigned; i++) {
		conversation c;
		if (conv_get(d, a, r->assigned[i], "UTC", 0, &c) == 1)
			r->assignees[i] = c.assigned_to;
	}
	job_after_commit(tell, r);
	log_info("inbound mail %lld: message %lld of conversation %lld%s%s", (long long)id, (long long)msg_id,
		 (long long)conv, automatic ? "; automatic: " : "", automatic ? automatic : "");
	return true;
}
