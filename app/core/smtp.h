/* smtp.h: sending one mail over SMTP with libcurl */
#ifndef CXMS_SMTP_H
#define CXMS_SMTP_H
#include <stdbool.h>
#include <stddef.h>

typedef struct smtp_mail {
	const char *from, *to, *subject, *body; /* body: UTF-8 text */
	const char *list_unsubscribe; /* NULL, or an https/http address for RFC 2369/8058 one-click unsubscribe */
	const char *reply_to;         /* NULL or an address */
	const char *message_id;       /* without <>; NULL: a random one */
	const char *in_reply_to;      /* without <>; NULL */
	const char *references;       /* ids without <> separated by spaces; NULL */
	bool auto_submitted;          /* RFC 3834: Auto-Submitted: auto-replied (and Exchange's equivalent) */
} smtp_mail;

/* Sends it. On failure returns false and writes a reason into err. */
bool smtp_send(const char *url, const smtp_mail *m, char *err, size_t errlen);

#endif
