/* channels/webchat.h: the web chat's connector: each conversation has its own unguessable Nchan
 * channel, which its customer's page listens to; rotating it closes the streams opened before */
#ifndef CXMS_CHANNELS_WEBCHAT_H
#define CXMS_CHANNELS_WEBCHAT_H
#include <stdbool.h>
#include <stdint.h>
#include "../core/http.h"

/* Gives the conversation a new live channel; after commit the old one says "rotate" and closes. */
bool webchat_rotate(req *r, int64_t conv, const char *old_live);
/* Call at a customer's sign-out (before the session ends): the live channels of their open web chats
 * rotate, so streams opened under that session close. */
bool webchat_signed_out(req *r, int64_t customer_id);

#endif
