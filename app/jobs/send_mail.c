/* send_mail.c: the job that delivers one queued mail (or stores it without SMTP) */
#include "jobs.h"
#include "../core/config.h"
#include "../core/smtp.h"
#include <jansson.h>
#include <stdio.h>
#include <string.h>

bool job_send_mail(db *d, arena *a, const job *j, char *err, size_t errlen)
{
	json_error_t jerr;
	json_t *p = json_loads(j->payload, 0, &jerr);
	json_int_t id = p ? json_integer_value(json_object_get(p, "mail_id")) : 0;
	json_decref(p);
	mail m;
	if (id <= 0 || !mail_get(d, a, id, &m)) {
		snprintf(err, errlen, "no such mail");
		return false;
	}
	/* sent, stored or seen in the chat already: a retried job must not send twice */
	if (strcmp(m.status, "queued") != 0 && strcmp(m.status, "failed") != 0)
		return true;
	/* a web chat reply waited for the customer to see it on the page: seen, it needs no mail */
	int seen = mail_drop_if_seen(d, a, m.id);
	if (seen != 0)
		return seen > 0;
	if (!cfg.smtp_url)
		return mail_mark(d, a, m.id, "stored", NULL);
	smtp_mail sm = { .from = m.headers.from ? m.headers.from : cfg.mail_from, .to = m.to, .subject = m.subject,
			 .body = m.body, .list_unsubscribe = m.list_unsubscribe, .reply_to = m.headers.reply_to,
			 .message_id = m.headers.message_id, .in_reply_to = m.headers.in_reply_to,
			 .references = m.headers.references, .auto_submitted = m.headers.auto_submitted };
	if (!smtp_send(cfg.smtp_url, &sm, err, errlen)) {
		/* the outbox shows a mail whose last attempt failed as failed, not as still waiting */
		mail_mark(d, a, m.id, j->attempts + 1 >= j->max_attempts ? "failed" : "queued", err);
		return false;
	}
	return mail_mark(d, a, m.id, "sent", NULL);
}
