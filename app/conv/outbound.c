/* conv/outbound.c: sending replies on the conversation's channel */
#include "outbound.h"
#include "notify.h"
#include "../channels/email_send.h"
#include "../core/config.h"
#include "../core/page.h"
#include "../data/data.h"
#include <string.h>

reply_way conv_reply_way(const conversation *c)
{
	const channel_kind *k = channel_kind_get(c->kind);
	reply_way w = { REPLY_NONE, N_("Replies cannot be sent on this channel yet: CXMS has no connector for it. You can add a note."), 0, 0 };
	if (!k)
		return w;
	w.route = k->reply;
	w.max_text = k->max_text;
	w.max_upload = k->max_upload;
	w.blocked = NULL;
	/* a web chat left while nobody was there goes on by email */
	if (w.route == REPLY_LIVE && c->offline)
		w.route = REPLY_MAIL;
	if (w.route == REPLY_NONE)
		w.blocked = N_("Replies cannot be sent on this channel yet: CXMS has no connector for it. You can add a note.");
	else if (w.route == REPLY_NOTES_ONLY)
		w.blocked = N_("Phone conversations take notes only: call the customer back to answer.");
	else if (w.route == REPLY_MAIL && (!c->email || !*c->email))
		w.blocked = N_("We have no email address for this customer, so a reply cannot be sent.");
	if (w.route == REPLY_MAIL) /* the outbox sends plain-text mail: a file would not reach the customer */
		w.max_upload = 0;
	return w;
}

/* The mail of a reply: the text, the agent's name, and the way back to the conversation. A web chat's
 * reply is on the customer's chat page at once too (it is published like any other), so its mail waits
 * a little and is dropped if that page showed the message meanwhile: a customer still there, or back,
 * reads the answer once. Asking Nchan whether the page is open was tried first: its subscriber count is
 * kept by the worker that owns the channel and read 0 for a subscriber held by another nginx worker. */
static int64_t mail_reply(req *r, const conversation *c, const char *body, int64_t message_id)
{
	if (strcmp(c->kind, "email") == 0)
		return email_reply_queue(r->db, r->a, c, body, r->who.name, tr(r, "Reply to your message"), message_id);
	bool web = strcmp(c->kind, "web") == 0;
	const char *link = web
		? arena_printf(r->a, "%s/chat/%lld\n", cfg.base_url ? cfg.base_url : "", (long long)c->id) : "";
	const char *text = arena_printf(r->a, "%s\n\n-- \n%s\n%s", body, r->who.name, link);
	const char *subject = c->subject && *c->subject
		? (strncmp(c->subject, "Re: ", 4) == 0 ? c->subject : arena_printf(r->a, "Re: %s", c->subject))
		: tr(r, "Reply to your message");
	return mail_queue_for_message(r->db, r->a, c->email, subject, text, message_id, web ? cfg.chat_mail_delay : 0);
}

int64_t conv_reply(req *r, const conversation *c, const char *body, const char *external_id, bool *dup,
		   const char **blocked)
{
	reply_way w = conv_reply_way(c);
	*dup = false;
	*blocked = w.blocked;
	if (w.blocked)
		return 0;
	if (external_id) { /* sent before: nothing more to do (not even assign or reopen again) */
		int64_t seen = msg_external_find(r->db, r->a, c->id, external_id);
		if (seen != 0) {
			*dup = seen > 0;
			return seen;
		}
	}
	actor me = ACTOR_OF_STAFF(r->who.id);
	if (!c->assigned_to) {
		bool moved, again;
		msg_new joined = { .conversation_id = c->id, .kind = MSG_SYSTEM, .staff_id = r->who.id, .code = "joined" };
		if (conv_assign(r->db, r->a, c->id, r->who.id, me, &moved) < 0 || msg_add(r->db, r->a, &joined, &again) <= 0)
			return -1;
	}
	if (strcmp(c->status, "resolved") == 0 && conv_set_status(r->db, r->a, c->id, "open", me) < 0)
		return -1;
	msg_new m = { .conversation_id = c->id, .kind = MSG_AGENT, .staff_id = r->who.id, .body = body,
		      .external_id = external_id, .delivery = w.route == REPLY_MAIL ? "queued" : "sent" };
	int64_t id = msg_add(r->db, r->a, &m, dup);
	if (id < 0 || (id == 0 && !*dup))
		return -1;
	if (*dup)
		return id;
	if (w.route == REPLY_MAIL && mail_reply(r, c, body, id) < 0)
		return -1;
	conv_changed(r, c->id);
	return id;
}
