/* conv/live_auth.c: authorisation of live streams. Reached only as nginx's nchan_authorize_request
 * subrequest (the public /live-auth/ location answers 404); answers fast, with a tiny body. */
#include "live_auth.h"
#include "notify.h"
#include "../core/auth.h"
#include "../core/crypto.h"
#include "../core/live.h"
#include "../data/chat.h"
#include "../data/data.h"
#include <string.h>

#define STREAM_ROLES (ROLE_AGENT | ROLE_SUPERVISOR | ROLE_ADMIN)

const char *visitor_token_hash(req *r)
{
	const char *t = req_cookie(r, VISITOR_COOKIE);
	if (!t || strlen(t) != 43)
		return NULL;
	return token_hash(r->a, t);
}

static int yes(req *r)
{
	return resp_text(r, 200, "text/plain", "ok\n");
}

static int no(req *r)
{
	return resp_text(r, 403, "text/plain", "no\n");
}

/* GET /live-auth/{channel} — a web chat's own channel: the customer or visitor who owns it. */
int live_auth_conversation(req *r)
{
	const char *ch = req_param(r, "channel");
	if (!live_channel_valid(ch))
		return no(r);
	int64_t id = 0, cust = 0;
	const char *vh = NULL;
	if (chat_by_live(r->db, r->a, ch, &id, &cust, &vh) != 1)
		return no(r);
	if (cust && r->who.kind == ACCOUNT_CUSTOMER && r->who.id == cust)
		return yes(r);
	const char *mine = visitor_token_hash(r);
	if (!cust && vh && mine && secure_streq(vh, mine))
		return yes(r);
	return no(r);
}

/* GET /live-auth/staff/{mine}/{inbox} — a staff desktop's stream: the member's own channel
 * multiplexed with the shared inbox channel, for active staff who answer conversations. */
int live_auth_staff(req *r)
{
	const char *st = req_cookie(r, COOKIE_STAFF);
	if (!st || strlen(st) != 43)
		return no(r);
	viewer w = { 0 };
	if (!session_lookup(r->db, r->a, ACCOUNT_STAFF, token_hash(r->a, st), &w) || !(w.roles & STREAM_ROLES))
		return no(r);
	if (!secure_streq(req_param(r, "mine"), staff_live_channel(r->a, w.id)) ||
	    !secure_streq(req_param(r, "inbox"), inbox_live_channel(r->a)))
		return no(r);
	return yes(r);
}
