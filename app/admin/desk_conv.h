/* admin/desk_conv.h: the conversation pane, shared by the desktop's pages and its forms */
#ifndef CXMS_ADMIN_DESK_CONV_H
#define CXMS_ADMIN_DESK_CONV_H
#include "../core/http.h"
#include "../data/conversations.h"

/* The conversation of the route's {id} as the viewer sees it: 0, or 404 / 500. */
int desk_load(req *r, conversation *c);
/* The desktop with c open; error (already translated) above the reply or the note composer, whose
 * text is kept. */
int desk_conv_page(req *r, const conversation *c, int status, const char *error, bool note_error);
/* a canned answer with {name} (the customer) and {agent} (the viewer) filled in */
const char *canned_fill(req *r, const char *text, const conversation *c);
/* a fresh id for a composer form: the same form posted twice stores one message */
const char *client_id_new(req *r);

#endif
