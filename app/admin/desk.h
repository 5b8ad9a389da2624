/* admin/desk.h: the agent desktop (/admin/inbox): one list of every channel's conversations, the
 * conversation, and the customer's record beside it */
#ifndef CXMS_ADMIN_DESK_H
#define CXMS_ADMIN_DESK_H
#include "../core/http.h"
#include "../core/tmpl.h"
#include "../data/conversations.h"
#include "../data/routing.h"

/* pages (desk.c) */
int desk_index(req *r);              /* GET  /admin/inbox */
int desk_list_fragment(req *r);      /* GET  /admin/inbox/list */
int desk_show(req *r);               /* GET  /admin/inbox/{id} */
int desk_messages_json(req *r);      /* GET  /admin/inbox/{id}/messages */
int desk_attachment(req *r);         /* GET  /admin/inbox/{id}/attachments/{aid} */
int desk_raw_mail(req *r);           /* GET  /admin/inbox/{id}/mails/{mid} */
int desk_new_form(req *r);           /* GET  /admin/inbox/new */
/* changes (desk_actions.c) */
int desk_new_submit(req *r);         /* POST /admin/inbox/new */
int desk_presence_submit(req *r);    /* POST /admin/inbox/presence */
int desk_bulk_submit(req *r);        /* POST /admin/inbox/bulk */
int desk_reply_submit(req *r);       /* POST /admin/inbox/{id}/messages */
int desk_typing_submit(req *r);      /* POST /admin/inbox/{id}/typing */
int desk_assign_submit(req *r);      /* POST /admin/inbox/{id}/assign */
int desk_status_submit(req *r);      /* POST /admin/inbox/{id}/status */
int desk_priority_submit(req *r);    /* POST /admin/inbox/{id}/priority */
int desk_snooze_submit(req *r);      /* POST /admin/inbox/{id}/snooze */
int desk_tags_submit(req *r);        /* POST /admin/inbox/{id}/tags */

/* ---- shared by the desk's files (desk_filters.c) ---- */
extern const char *const DESK_VIEWS[], *const DESK_STATUSES[], *const DESK_PRIORITIES[],
	*const DESK_SORTS[], *const DESK_SNOOZED[], *const DESK_PRESENCES[];
bool one_of(const char *v, const char *const *list);
/* the viewer's words for a code (views, statuses, priorities, channel kinds, presences, ...) */
const char *desk_label(req *r, const char *code);
/* {{#section}} CODE LABEL {{#SELECTED}} for each of list */
void desk_choices(req *r, tdict *d, const char *section, const char *const *list, const char *selected);
bool tag_valid(const char *t);
/* The list's filters from a query string's (or a form's "list" field's) fields; unknown values fall
 * back to the defaults (all open conversations, snoozed ones hidden, newest activity first). */
void desk_filters(req *r, const kvlist *from, inbox_query *q, int *page);
/* the filters of the list a form came from (its "list" field, a query string) */
void desk_filters_of_form(req *r, inbox_query *q, int *page);
/* the same filters as a query string ("" for the defaults) */
const char *desk_filters_qs(req *r, const inbox_query *q, int page);
/* "3 min", "2 h", "4 d" */
const char *desk_duration(req *r, long long seconds);

/* What a desktop page reads once and several panes show: the staff who answer (assign menus, the
 * supervisors' overview) and the viewer's counts (tabs, title). */
typedef struct desk_ctx {
	agent_status *agents;
	int nagents;
	inbox_counts counts;
} desk_ctx;
bool desk_ctx_load(req *r, desk_ctx *x);
/* the list pane (desk.c), current: the conversation open beside it (0 none) */
bool desk_fill_list(req *r, tdict *d, const desk_ctx *x, const inbox_query *q, int page, int64_t current);
/* the customer pane (desk_customer.c) */
bool desk_fill_customer(req *r, tdict *d, const conversation *c);

#endif
