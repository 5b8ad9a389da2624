/* send_mail.c: the job that delivers one queued mail (or stores it without SMTP) */
#include "jobs.h"
#include "../core/config.h"
#include "../core/smtp.h"
#include <jansson.h>
#include <stdio.h>

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
	if (m.status[0] == 's') /* sent or stored already: a retried job must not send twice */
		return true;
	if (!cfg.smtp_url)
		return mail_mark(d, a, m.id, "stored", NULL);
	if (!smtp_send(cfg.smtp_url, cfg.mail_from, m.to, m.subject, m.body, m.list_unsubscribe, err,
		       errlen)) {
		/* the outbox shows a mail whose last attempt failed as failed, not as still waiting */
		mail_mark(d, a, m.id, j->attempts + 1 >= j->max_attempts ? "failed" : "queued", err);
		return false;
	}
	return mail_mark(d, a, m.id, "sent", NULL);
}
