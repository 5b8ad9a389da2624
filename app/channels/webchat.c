/* channels/webchat.c: live channels of web chats (see webchat.h) */
#include "webchat.h"
#include "../core/live.h"
#include "../data/chat.h"
#include "../data/conversations.h"

bool webchat_rotate(req *r, int64_t conv, const char *old_live)
{
	if (!chat_set_live(r->db, r->a, conv, live_channel_new(r->a)))
		return false;
	/* the last word on the old channel makes clients fetch the new one; then it closes */
	live_publish_after_commit(r, old_live, "{\"t\":\"rotate\"}");
	live_close_after_commit(r, old_live);
	return true;
}

bool webchat_signed_out(req *r, int64_t customer_id)
{
	int64_t *ids;
	int n = chat_customer_open(r->db, r->a, customer_id, &ids);
	for (int i = 0; i < n; i++) {
		conversation c;
		if (conv_get(r->db, r->a, ids[i], "UTC", 0, &c) == 1 && c.live_channel &&
		    !webchat_rotate(r, c.id, c.live_channel))
			return false;
	}
	return n >= 0;
}
