/* mail_links.h: mails that carry a single-use link (verify, reset, invite) and the reset pages */
#ifndef CXMS_MAIL_LINKS_H
#define CXMS_MAIL_LINKS_H
#include "../core/http.h"

/* Creates a single-use token for purpose and queues the mail that carries its link. */
bool mail_link(req *r, account_kind kind, const char *purpose, int64_t account_id,
	       const char *email, const char *lang);
/* The reset pages, shared by customers (/account/...) and staff (/admin/...). */
int forgot_page(req *r, account_kind kind);
int forgot_post(req *r, account_kind kind);
int reset_page(req *r, account_kind kind);
int reset_post(req *r, account_kind kind);
int sign_in_with_password(req *r, account_kind kind);

#endif
