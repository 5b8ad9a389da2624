/* live.h: live streams through nginx's Nchan: channel ids, publishing after commit, closing channels */
#ifndef CXMS_LIVE_H
#define CXMS_LIVE_H
#include <stdbool.h>
#include "http.h"

#define LIVE_CHANNEL_LEN 32   /* hex characters: 128 random bits, matches \w+ in nginx */

/* A new unguessable channel id (32 hex characters). */
char *live_channel_new(arena *a);
/* The staff-wide inbox channel: a keyed hash of the deployment secret, so it cannot be guessed. */
const char *live_inbox_channel(arena *a);
bool live_channel_valid(const char *s);

/* Publishes data (a short JSON text) to channel once the request's transaction has committed. */
void live_publish_after_commit(req *r, const char *channel, const char *data);
/* Deletes channel after commit: Nchan closes every subscriber of it. */
void live_close_after_commit(req *r, const char *channel);

/* Immediate forms (no transaction involved); false when the publisher could not be reached.
 * Without CXMS_NCHAN_PUB they do nothing and return true. */
bool live_publish(const char *channel, const char *data);
bool live_close(const char *channel);

#endif
