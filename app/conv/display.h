/* conv/display.h: how messages read on a page or in the JSON the live pages fetch, for customers and
 * for staff alike */
#ifndef CXMS_CONV_DISPLAY_H
#define CXMS_CONV_DISPLAY_H
#include <stdbool.h>
#include "../core/http.h"
#include "../core/tmpl.h"
#include "../data/conversations.h"

/* the line's kind for the page: customer, agent, bot, note, system */
const char *msg_class(const message *m);
/* the text to show (system lines are built from their code, in the viewer's language) */
const char *msg_text(req *r, const message *m);
/* who wrote it, as the viewer sees it ("You" for the customer themself) */
const char *msg_who(req *r, const message *m, bool staff);
/* One {{#MSG}} section per message: MSG_ID KIND WHO TEXT AT, {{#SUBJECT}}, {{#NOTE}}, {{#SURVEY_LINK}} HREF
 * (customers), {{#DELIVERY}} STATE (staff, outbound). Returns the sections (for attachments_fill). */
tdict **msgs_fill(req *r, tdict *d, const message *m, int n, bool staff);
/* {"live":..,"status":..,"agent":..,"queue":..,"messages":[...]} of the messages after `after`. */
int msgs_json(req *r, const conversation *c, int64_t after, bool staff);

#endif
