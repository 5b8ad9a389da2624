/* admin/inbox.h: the agent inbox, the conversation view and canned answers */
#ifndef CXMS_ADMIN_INBOX_H
#define CXMS_ADMIN_INBOX_H
#include "../core/http.h"

int inbox_index(req *r);            /* GET  /admin/inbox */
int inbox_presence_submit(req *r);  /* POST /admin/inbox/presence */
int inbox_show(req *r);             /* GET  /admin/inbox/{id} */
int inbox_messages_json(req *r);    /* GET  /admin/inbox/{id}/messages */
int inbox_reply_submit(req *r);     /* POST /admin/inbox/{id}/messages */
int inbox_typing_submit(req *r);    /* POST /admin/inbox/{id}/typing */
int inbox_assign_submit(req *r);    /* POST /admin/inbox/{id}/assign */
int inbox_status_submit(req *r);    /* POST /admin/inbox/{id}/status */
int inbox_tags_submit(req *r);      /* POST /admin/inbox/{id}/tags */
int canned_index(req *r);           /* GET  /admin/canned */
int canned_create_submit(req *r);   /* POST /admin/canned */
int canned_delete_submit(req *r);   /* POST /admin/canned/{id}/delete */
int chat_settings_page(req *r);         /* GET  /admin/chat-settings */
int chat_settings_agent_submit(req *r); /* POST /admin/chat-settings/agents/{id} */
int chat_settings_team_submit(req *r);  /* POST /admin/chat-settings/teams/{id} */

#endif
