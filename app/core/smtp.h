/* smtp.h: sending one mail over SMTP with libcurl */
#ifndef CXMS_SMTP_H
#define CXMS_SMTP_H
#include <stdbool.h>
#include <stddef.h>

/* Sends a UTF-8 text mail. On failure returns false and writes a reason into err. */
/* list_unsubscribe (may be NULL): an https/http address for RFC 2369/8058 one-click unsubscribe. */
bool smtp_send(const char *url, const char *from, const char *to, const char *subject,
	       const char *body, const char *list_unsubscribe, char *err, size_t errlen);

#endif
