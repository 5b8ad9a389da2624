/* admin/admin_pages.h: the staff pages around the desktop: canned answers (canned.c), routing settings
 * (routing_settings.c) and channel accounts (channels.c) */
#ifndef CXMS_ADMIN_PAGES_H
#define CXMS_ADMIN_PAGES_H
#include "../core/http.h"

int canned_index(req *r);               /* GET  /admin/canned */
int canned_create_submit(req *r);       /* POST /admin/canned */
int canned_delete_submit(req *r);       /* POST /admin/canned/{id}/delete */
int routing_page(req *r);               /* GET  /admin/routing */
int routing_agent_submit(req *r);       /* POST /admin/routing/agents/{id} */
int routing_team_submit(req *r);        /* POST /admin/routing/teams/{id} */
int channels_index(req *r);             /* GET  /admin/channels */
int channel_new_form(req *r);           /* GET  /admin/channels/new */
int channel_create_submit(req *r);      /* POST /admin/channels */
int channel_edit_form(req *r);          /* GET  /admin/channels/{id} */
int channel_update_submit(req *r);      /* POST /admin/channels/{id} */

#endif
