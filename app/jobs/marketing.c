/* marketing.c: a marketing mailing: one mail per customer whose marketing_email consent is granted
 * when the job runs (consent_recipients is the only way to that list), each with an unsubscribe link */
#include "jobs.h"
#include "../core/config.h"
#include "../data/consent.h"
#include "../portal/privacy.h"
#include <jansson.h>
#include <stdio.h>

bool job_marketing_mailing(db *d, arena *a, const job *j, char *err, size_t errlen)
{
	json_error_t jerr;
	json_t *p = json_loads(j->payload, 0, &jerr);
	const char *s = p ? json_string_value(json_object_get(p, "subject")) : NULL;
	const char *b = p ? json_string_value(json_object_get(p, "body")) : NULL;
	const char *subject = s ? arena_strdup(a, s) : NULL, *body = b ? arena_strdup(a, b) : NULL;
	json_decref(p);
	if (!subject || !body) {
		snprintf(err, errlen, "bad payload");
		return false;
	}
	recipient *rc;
	int n = consent_recipients(d, a, "marketing_email", &rc);
	if (n < 0) {
		snprintf(err, errlen, "cannot list recipients");
		return false;
	}
	for (int i = 0; i < n; i++) {
		const char *link = arena_printf(a, "%s/unsubscribe?token=%s", cfg.base_url,
						unsubscribe_token(a, rc[i].id, "marketing_email"));
		const char *text = arena_printf(a, "%s\n\n--\nUnsubscribe: %s\n", body, link);
		/* the same address serves a person (GET: a confirm page) and a mail client (RFC 8058 POST) */
		if (mail_queue_unsubscribable(d, a, rc[i].email, subject, text, link) < 0) {
			snprintf(err, errlen, "cannot queue mail");
			return false;
		}
	}
	return true;
}
