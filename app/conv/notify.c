/* conv/notify.c: live notifications of conversation changes (see notify.h) */
#include "notify.h"
#include "../core/live.h"
#include "../data/conversations.h"
#include "../data/routing.h"
#include <stdio.h>

const char *inbox_live_channel(arena *a)
{
	return live_keyed_channel(a, "live-inbox", "inbox");
}

const char *staff_live_channel(arena *a, int64_t staff_id)
{
	return live_keyed_channel(a, "live-staff", arena_printf(a, "%lld", (long long)staff_id));
}

static const char *live_event(arena *a, const char *t, int64_t conv)
{
	return arena_printf(a, "{\"t\":\"%s\",\"conv\":%lld}", t, (long long)conv);
}

void conv_changed(req *r, int64_t conv)
{
	conversation c;
	if (conv_get(r->db, r->a, conv, "UTC", 0, &c) == 1 && c.live_channel)
		live_publish_after_commit(r, c.live_channel, live_event(r->a, "msg", conv));
	live_publish_after_commit(r, inbox_live_channel(r->a), live_event(r->a, "conv", conv));
}

void conv_changed_staff(req *r, int64_t conv)
{
	live_publish_after_commit(r, inbox_live_channel(r->a), live_event(r->a, "conv", conv));
}

void staff_notify(req *r, int64_t staff_id, const char *event, int64_t conv)
{
	live_publish_after_commit(r, staff_live_channel(r->a, staff_id), live_event(r->a, event, conv));
}

void conv_changed_now(arena *a, int64_t conv, const char *live_channel)
{
	if (live_channel)
		live_publish(live_channel, live_event(a, "msg", conv));
	live_publish(inbox_live_channel(a), live_event(a, "conv", conv));
}

void staff_notify_now(arena *a, int64_t staff_id, const char *event, int64_t conv)
{
	live_publish(staff_live_channel(a, staff_id), live_event(a, event, conv));
}

bool conv_route_and_notify(req *r)
{
	int64_t *convs;
	int n = route_waiting(r->db, r->a, &convs);
	if (n < 0)
		return false;
	for (int i = 0; i < n; i++) {
		conversation c;
		if (conv_get(r->db, r->a, convs[i], "UTC", 0, &c) == 1 && c.assigned_to)
			staff_notify(r, c.assigned_to, "assigned", c.id);
		conv_changed(r, convs[i]);
	}
	return true;
}
