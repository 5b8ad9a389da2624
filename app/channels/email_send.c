/* email_send.c: replies on email conversations (see email_send.h) */
#include "email_send.h"
#include "email_thread.h"
#include "../core/config.h"
#include "../data/channel_accounts.h"
#include "../data/data.h"
#include "../data/mail_inbound.h"
#include <string.h>

int64_t email_reply_queue(db *d, arena *a, const conversation *c, const char *text, const char *agent,
			  const char *fallback_subject, int64_t message_id)
{
	channel_account box;
	int found = channel_account_get(d, a, c->channel_account_id, "UTC", &box);
	if (found < 0)
		return -1;
	const char *address = found && box.address && strchr(box.address, '@') ? box.address : NULL;
	mail_headers h = { 0 };
	if (address) { /* the mailbox's display name is staff-set: quoted, its own quotes dropped */
		char *name = arena_strdup(a, box.name);
		for (char *p = name; *p; p++)
			if (*p == '"' || *p == '\\' || (unsigned char)*p < 0x20)
				*p = ' ';
		h.from = arena_printf(a, "\"%s\" <%s>", name, address);
		h.reply_to = mail_reply_address(a, c->id, address);
	}
	h.message_id = mail_message_id(a, message_id, address);
	bool answers;
	if (!mail_thread_refs(d, a, c->id, &h.in_reply_to, &h.references, &answers))
		return -1;
	/* "Re:" only when it answers them (not on the first mail of a conversation staff began) */
	const char *subject = mail_subject_tagged(a, c->subject && *c->subject ? c->subject : fallback_subject,
						  c->id, answers);
	const char *body = arena_printf(a, "%s\n\n-- \n%s\n", text, agent);
	return mail_queue_threaded(d, a, c->email, subject, body, message_id, &h);
}
