/* portal/help.h: the help center's portal pages (portal/help.c) */
#ifndef CXMS_PORTAL_HELP_H
#define CXMS_PORTAL_HELP_H
#include "../core/http.h"

int help_home(req *r);
int help_category_page(req *r);
int help_article_page(req *r);
int help_search_page(req *r);
int help_vote_submit(req *r);
/* The keyed hash of the anonymous visitor cookie (set when absent): what votes and help
 * events store. The live chat passes the same value to help_event(..., "chat_opened", ...). */
const char *help_visitor(req *r);

#endif
