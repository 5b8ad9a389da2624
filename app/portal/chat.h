/* portal/chat.h: the customer's live chat (signed in or as a visitor) */
#ifndef CXMS_PORTAL_CHAT_H
#define CXMS_PORTAL_CHAT_H
#include "../core/http.h"

int chat_page(req *r);              /* GET  /chat */
int chat_start_submit(req *r);      /* POST /chat */
int chat_show(req *r);              /* GET  /chat/{id} */
int chat_post_submit(req *r);       /* POST /chat/{id}/messages */
int chat_messages_json(req *r);     /* GET  /chat/{id}/messages?after=N */
int chat_typing_submit(req *r);     /* POST /chat/{id}/typing */
int chat_transcript_submit(req *r); /* POST /chat/{id}/transcript */
int chat_attachment(req *r);        /* GET  /chat/{id}/attachments/{aid} */

#endif
