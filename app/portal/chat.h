/* portal/chat.h: the customer's live chat, the live-stream authorisation, and helpers the inbox shares */
#ifndef CXMS_PORTAL_CHAT_H
#define CXMS_PORTAL_CHAT_H
#include "../core/http.h"
#include "../core/tmpl.h"
#include "../data/chat.h"

int chat_page(req *r);            /* GET  /chat */
int chat_start_submit(req *r);    /* POST /chat */
int chat_show(req *r);            /* GET  /chat/{id} */
int chat_post_submit(req *r);     /* POST /chat/{id}/messages */
int chat_messages_json(req *r);   /* GET  /chat/{id}/messages?after=N */
int chat_typing_submit(req *r);   /* POST /chat/{id}/typing */
int chat_transcript_submit(req *r); /* POST /chat/{id}/transcript */
int live_auth(req *r);            /* GET  /live-auth/{channel} (nginx subrequest only) */

/* Shared with admin/inbox.c */
#define CHAT_STAFF_ROLES (ROLE_AGENT | ROLE_SUPERVISOR | ROLE_ADMIN)
/* Tells the conversation's stream and the inbox stream, after commit, that something is new. */
void chat_notify(req *r, int64_t conv);
/* Gives the conversation a new live channel and closes the old one's streams after commit. */
bool chat_rotate(req *r, int64_t conv, const char *old_live);
/* Routes waiting chats and notifies the ones assigned. */
bool chat_route_and_notify(req *r);
/* Text of a message for display (system events are built from their code). */
const char *chat_msg_text(req *r, const chat_msg *m);
/* Messages as JSON: {"live":..,"status":..,"messages":[...]} */
int chat_json(req *r, const chat_conv *c, int64_t after, bool staff);
void chat_fill_messages(req *r, tdict *d, const chat_msg *m, int n, bool staff);
/* Length and content checks of a message body; NULL when fine, else the msgid of the problem. */
const char *chat_body_problem(const char *body);
/* Call at customer sign-out (before the session ends): rotates the live channels of the customer's
 * open conversations so streams opened under that session close. */
bool chat_signed_out(req *r, int64_t customer_id);

#endif
