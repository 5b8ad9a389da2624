/* conv/notify.h: telling live pages that a conversation changed. The database is the truth: a stream
 * event only says "look again", and the page fetches what is new, so nothing is lost or doubled.
 *   - every staff desktop listens to the shared inbox channel ({"t":"conv","conv":N}) multiplexed with
 *     the member's own channel (mentions, assignments, snoozes ending);
 *   - a web chat's customer page listens to the conversation's own live channel. */
#ifndef CXMS_CONV_NOTIFY_H
#define CXMS_CONV_NOTIFY_H
#include <stdbool.h>
#include <stdint.h>
#include "../core/http.h"

/* the channel every staff desktop listens to */
const char *inbox_live_channel(arena *a);
/* the channel only this staff member's desktop listens to */
const char *staff_live_channel(arena *a, int64_t staff_id);

/* After commit: the conversation changed (desktops refresh it; a web chat's page catches up). */
void conv_changed(req *r, int64_t conv);
/* After commit: something only staff see changed (a note, a tag, the priority, a snooze): desktops
 * refresh; the customer's page hears nothing. */
void conv_changed_staff(req *r, int64_t conv);
/* After commit: tell one staff member (event "mention", "assigned" or "woke"). */
void staff_notify(req *r, int64_t staff_id, const char *event, int64_t conv);
/* Immediately (the worker, outside a request): the same two. */
void conv_changed_now(arena *a, int64_t conv, const char *live_channel);
void staff_notify_now(arena *a, int64_t staff_id, const char *event, int64_t conv);

/* Routes waiting conversations to agents and tells those who got one. */
bool conv_route_and_notify(req *r);

#endif
