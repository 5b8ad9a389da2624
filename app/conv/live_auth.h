/* conv/live_auth.h: who may listen to which live stream (asked by nginx's Nchan for every subscriber) */
#ifndef CXMS_CONV_LIVE_AUTH_H
#define CXMS_CONV_LIVE_AUTH_H
#include "../core/http.h"

#define VISITOR_COOKIE "cxms_visitor"
/* the hash of this browser's web chat visitor token, or NULL */
const char *visitor_token_hash(req *r);

int live_auth_conversation(req *r); /* GET /live-auth/{channel} */
int live_auth_staff(req *r);        /* GET /live-auth/staff/{mine}/{inbox} */

#endif
