/* live.h: live streams through nginx's Nchan: channel ids, publishing after commit, closing channels */
#ifndef CXMS_LIVE_H
#define CXMS_LIVE_H
#include <stdbool.h>
#include "http.h"

#define LIVE_CHANNEL_LEN 32   /* hex characters: 128 random bits, matches \w+ in nginx */

/* A new unguessable channel id (32 hex characters). */
char *live_channel_new(arena *a);
/* A fixed channel id derived from the deployment secret, purpose and name (a keyed hash, so it
 * cannot be guessed): for channels that belong to someone rather than to a conversation. */
const char *live_keyed_channel(arena *a, const char *purpose, const char *name);
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
