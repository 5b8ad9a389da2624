/* portal/chat.c: the customer's live chat (signed in or visitor), and the live-stream authorisation */
#include "chat.h"
#include "../core/auth.h"
#include "../core/config.h"
#include "../core/crypto.h"
#include "../core/i18n.h"
#include "../core/live.h"
#include "../core/page.h"
#include "../data/data.h"
#include "../data/help.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define VISITOR_COOKIE "cxms_visitor"
#define VISITOR_DAYS 30
/* customer-side posts: per conversation in 10 s, per address in a minute */
#define RATE_CONV 8
#define RATE_IP 300
/* transcripts mailed to one address per hour */
#define RATE_TRANSCRIPTS 3

static const char *NOTICE = N_("We use your name, email address and what you write only to answer you in this conversation and to keep its transcript. We keep chats for two years. You can ask us to delete them at any time.");

/* ---- shared helpers ---- */

const char *chat_body_problem(const char *body)
{
	if (!*body)
		return N_("Please write a message.");
	if (!utf8_valid(body, strlen(body)) || utf8_length(body) > CHAT_MAX_MESSAGE)
		return N_("A message can be at most 2000 characters long.");
	return NULL;
}

static const char *fill_name(req *r, const char *msgid, const char *name)
{
	const char *t = tr(r, msgid);
	const char *at = strstr(t, "{name}");
	if (!at)
		return t;
	return arena_printf(r->a, "%.*s%s%s", (int)(at - t), t, name ? name : tr(r, "An agent"), at + 6);
}

const char *chat_msg_text(req *r, const chat_msg *m)
{
	if (strcmp(m->kind, "system") != 0)
		return m->body;
	const char *code = m->code ? m->code : "";
	if (strcmp(code, "joined") == 0)
		return fill_name(r, N_("{name} joined the conversation."), m->author);
	if (strcmp(code, "transferred") == 0)
		return fill_name(r, N_("You were transferred to {name}."), m->author);
	if (strcmp(code, "resolved") == 0)
		return tr(r, "The conversation was marked as resolved.");
	if (strcmp(code, "reopened") == 0)
		return tr(r, "The conversation was reopened.");
	if (strcmp(code, "queued") == 0)
		return tr(r, "You were transferred to another team. Please wait a moment.");
	if (strcmp(code, "offline") == 0)
		return tr(r, "Nobody is available right now. We will answer by email.");
	return "";
}

/* An agent's message that carries this site's survey link (the CSAT after a resolved chat) gets
 * a real link to it: the local path "/s/<token>", or NULL. Only that exact shape is linked, so
 * no text a person typed ever becomes a link. */
static const char *survey_link(req *r, const chat_msg *m)
{
	if (strcmp(m->kind, "agent") != 0 || !m->body || !cfg.base_url)
		return NULL;
	const char *prefix = arena_printf(r->a, "%s/s/", cfg.base_url);
	const char *at = strstr(m->body, prefix);
	if (!at)
		return NULL;
	const char *tok = at + strlen(prefix);
	size_t n = strspn(tok, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
	if (n != 43 || tok[n] != '\0')
		return NULL;
	return arena_printf(r->a, "/s/%s", tok);
}

void chat_fill_messages(req *r, tdict *d, const chat_msg *m, int n, bool staff)
{
	for (int i = 0; i < n; i++) {
		tdict *row = tmpl_section(d, "MSG");
		tmpl_set_int(row, "MSG_ID", m[i].id);
		tmpl_set(row, "KIND", m[i].kind);
		tmpl_set(row, "TEXT", chat_msg_text(r, &m[i]));
		tmpl_set(row, "AT", m[i].created_at);
		const char *link = staff ? NULL : survey_link(r, &m[i]);
		if (link)
			tmpl_set(tmpl_section(row, "SURVEY_LINK"), "HREF", link);
		const char *who = "";
		if (strcmp(m[i].kind, "customer") == 0)
			who = staff ? tr(r, "Customer") : tr(r, "You");
		else if (strcmp(m[i].kind, "agent") == 0 || strcmp(m[i].kind, "note") == 0)
			who = m[i].author ? m[i].author : tr(r, "Agent");
		tmpl_set(row, "WHO", who);
		if (strcmp(m[i].kind, "note") == 0)
			tmpl_show(row, "NOTE");
	}
}

static void json_text(req *r, json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	resp_text(r, 200, "application/json; charset=utf-8", s ? arena_strdup(r->a, s) : "{}");
	free(s);
}

int chat_json(req *r, const chat_conv *c, int64_t after, bool staff)
{
	chat_msg *m;
	int n = chat_msgs_after(r->db, r->a, c->id, after, staff, r->tz, &m);
	if (n < 0)
		return 500;
	json_t *o = json_object();
	json_object_set_new(o, "live", json_string(c->live_channel));
	json_object_set_new(o, "status", json_string(c->status));
	json_object_set_new(o, "agent", c->assignee ? json_string(c->assignee) : json_null());
	json_object_set_new(o, "queue", json_integer(chat_queue_position(r->db, c->id)));
	json_t *arr = json_array();
	for (int i = 0; i < n; i++) {
		json_t *x = json_object();
		json_object_set_new(x, "id", json_integer(m[i].id));
		json_object_set_new(x, "kind", json_string(m[i].kind));
		json_object_set_new(x, "text", json_string(chat_msg_text(r, &m[i])));
		const char *link = staff ? NULL : survey_link(r, &m[i]);
		if (link)
			json_object_set_new(x, "link", json_string(link));
		const char *who = "";
		if (strcmp(m[i].kind, "customer") == 0)
			who = staff ? tr(r, "Customer") : tr(r, "You");
		else if (m[i].author && strcmp(m[i].kind, "system") != 0)
			who = m[i].author;
		json_object_set_new(x, "who", json_string(who));
		json_object_set_new(x, "at", json_string(m[i].created_at ? m[i].created_at : ""));
		json_array_append_new(arr, x);
	}
	json_object_set_new(o, "messages", arr);
	json_text(r, o);
	return 200;
}

void chat_notify(req *r, int64_t conv)
{
	chat_conv c;
	if (chat_conv_get(r->db, r->a, conv, "UTC", &c))
		live_publish_after_commit(r, c.live_channel,
					  arena_printf(r->a, "{\"t\":\"msg\",\"conv\":%lld}", (long long)conv));
	live_publish_after_commit(r, live_inbox_channel(r->a),
				  arena_printf(r->a, "{\"t\":\"conv\",\"conv\":%lld}", (long long)conv));
}

bool chat_rotate(req *r, int64_t conv, const char *old_live)
{
	if (!chat_set_live(r->db, r->a, conv, live_channel_new(r->a)))
		return false;
	/* the last word on the old channel makes clients fetch the new one; then it closes */
	live_publish_after_commit(r, old_live, "{\"t\":\"rotate\"}");
	live_close_after_commit(r, old_live);
	return true;
}

bool chat_route_and_notify(req *r)
{
	int64_t *convs;
	int n = chat_route(r->db, r->a, &convs);
	if (n < 0)
		return false;
	for (int i = 0; i < n; i++)
		chat_notify(r, convs[i]);
	return true;
}

bool chat_signed_out(req *r, int64_t customer_id)
{
	int64_t *ids;
	int n = chat_customer_lives(r->db, r->a, customer_id, &ids);
	for (int i = 0; i < n; i++) {
		chat_conv c;
		if (chat_conv_get(r->db, r->a, ids[i], "UTC", &c) && !chat_rotate(r, c.id, c.live_channel))
			return false;
	}
	return n >= 0;
}

static const char *visitor_hash(req *r)
{
	const char *t = req_cookie(r, VISITOR_COOKIE);
	if (!t || strlen(t) != 43)
		return NULL;
	return token_hash(r->a, t);
}

/* The conversation of the route's {id} when this customer or visitor owns it; 404 otherwise. */
static int load_own(req *r, chat_conv *c)
{
	int64_t id = req_param_id(r, "id");
	if (!id || !chat_conv_get(r->db, r->a, id, r->tz, c) || strcmp(c->channel, "web") != 0)
		return 404;
	if (r->who.kind == ACCOUNT_CUSTOMER && c->customer_id == r->who.id)
		return 0;
	const char *vh = visitor_hash(r);
	if (c->customer_id == 0 && vh && c->visitor_hash && secure_streq(vh, c->visitor_hash))
		return 0;
	return 404;
}

/* ---- the start page ---- */

static int start_page(req *r, int status, const char *error)
{
	tdict *d = page_new(r, "portal/chat_start");
	if (error)
		page_error(d, r, error);
	chat_option *t;
	int n = chat_topics(r->db, r->a, &t);
	if (n < 0)
		return 500;
	const char *topic = req_form(r, "topic");
	bool any_open = false;
	for (int i = 0; i < n; i++) {
		tdict *o = tmpl_section(d, "TOPIC");
		tmpl_set(o, "CODE", t[i].code);
		tmpl_set(o, "LABEL", tr(r, t[i].title));
		if (strcmp(topic, t[i].code) == 0)
			tmpl_show(o, "SELECTED");
		bool open = false;
		if (chat_open_now(r->db, t[i].code, &open) && open)
			any_open = true;
	}
	if (!any_open)
		tmpl_show(d, "OFFLINE");
	const char *lang = req_form(r, "lang");
	if (!i18n_supported(lang))
		lang = r->lang;
	for (int i = 0; i18n_langs[i]; i++) {
		tdict *o = tmpl_section(d, "LANG_CHOICE");
		tmpl_set(o, "CODE", i18n_langs[i]);
		tmpl_set(o, "LABEL", strcmp(i18n_langs[i], "bn") == 0 ? "বাংলা" : "English");
		if (strcmp(lang, i18n_langs[i]) == 0)
			tmpl_show(o, "SELECTED");
	}
	if (r->who.kind != ACCOUNT_CUSTOMER) {
		tdict *v = tmpl_section(d, "VISITOR");
		tmpl_set(v, "NAME", req_form(r, "name"));
		tmpl_set(v, "EMAIL", req_form(r, "email"));
		tmpl_set(v, "NOTICE", tr(r, NOTICE));
	} else {
		tmpl_set(tmpl_section(d, "CUSTOMER"), "NAME", r->who.name);
	}
	tmpl_set(d, "MESSAGE", req_form(r, "message"));
	return page_render(r, status, N_("Chat with us"));
}

/* GET /chat — anyone. Goes to the open conversation of this customer or visitor, else the start form. */
int chat_page(req *r)
{
	int64_t cust = r->who.kind == ACCOUNT_CUSTOMER ? r->who.id : 0;
	int64_t id = chat_conv_current(r->db, cust, visitor_hash(r));
	if (id)
		return redirect(r, arena_printf(r->a, "/chat/%lld", (long long)id));
	return start_page(r, 200, NULL);
}

static int suggest_page(req *r, help_suggestion *s, int n)
{
	tdict *d = page_new(r, "portal/chat_suggest");
	for (int i = 0; i < n; i++) {
		tdict *o = tmpl_section(d, "ARTICLE");
		tmpl_set(o, "TITLE", s[i].title);
		tmpl_set(o, "URL", s[i].url ? s[i].url : arena_printf(r->a, "/help/%s", s[i].slug));
		tmpl_set(o, "SNIPPET", s[i].snippet ? s[i].snippet : "");
	}
	static const char *const keep[] = { "name", "email", "topic", "lang", "message", NULL };
	for (int i = 0; keep[i]; i++) {
		tdict *h = tmpl_section(d, "KEEP");
		tmpl_set(h, "FIELD", keep[i]);
		tmpl_set(h, "VALUE", req_form(r, keep[i]));
	}
	return page_render(r, 200, N_("Chat with us"));
}

/* POST /chat — anyone. Fields: topic, lang, message; visitors also name, email (optional unless nobody
 * is available). go_on=1 skips the article suggestions. Starts the conversation and routes it. */
int chat_start_submit(req *r)
{
	bool visitor = r->who.kind != ACCOUNT_CUSTOMER;
	const char *name = str_trim(r->a, req_form(r, "name"));
	const char *email = str_trim(r->a, req_form(r, "email"));
	const char *topic = req_form(r, "topic");
	const char *lang = req_form(r, "lang");
	const char *message = str_trim(r->a, req_form(r, "message"));
	if (visitor && (!*name || utf8_length(name) > 200 || !utf8_valid(name, strlen(name))))
		return start_page(r, 400, N_("Please enter your name (at most 200 characters)."));
	if (visitor && *email && !email_plausible(email))
		return start_page(r, 400, N_("Please enter a valid email address."));
	if (!i18n_supported(lang))
		return start_page(r, 400, N_("Please choose a language from the list."));
	const char *problem = chat_body_problem(message);
	if (problem)
		return start_page(r, 400, problem);
	bool open = false;
	if (!chat_open_now(r->db, topic, &open))
		return 500;
	if (!open && visitor && !*email)
		return start_page(r, 400, N_("Nobody is available right now: please leave your email address and we will answer by email."));

	if (strcmp(req_form(r, "go_on"), "1") != 0) {
		help_suggestion *s = NULL;
		int n = help_suggest(r->db, r->a, message, lang, 3, &s);
		if (n > 0)
			return suggest_page(r, s, n);
	}

	const char *token = NULL;
	chat_new cn = { 0 };
	cn.customer_id = visitor ? 0 : r->who.id;
	if (visitor) {
		token = token_new(r->a);
		cn.visitor_hash = token_hash(r->a, token);
		cn.visitor_name = name;
		cn.visitor_email = *email ? email : NULL;
	}
	cn.topic = topic;
	cn.lang = lang;
	cn.live_channel = live_channel_new(r->a);
	cn.offline = !open;
	int64_t id = chat_conv_create(r->db, r->a, &cn);
	if (id < 0)
		return 500;
	if (id == 0)
		return start_page(r, 400, N_("Please choose a topic from the list."));
	/* record chat consent: the notice version the customer saw (see chat_record_consent) */
	if (!chat_record_consent(r->db, id, CHAT_NOTICE_VERSION))
		return 500;
	if (chat_msg_add(r->db, r->a, id, "customer", 0, NULL, message,
			 keyed_hash(r->a, "ip", r->remote_addr ? r->remote_addr : "")) <= 0)
		return 500;
	if (!open && chat_msg_add(r->db, r->a, id, "system", 0, "offline", "", NULL) <= 0)
		return 500;
	if (!chat_route_and_notify(r))
		return 500;
	/* for the help center's deflection figure: this browser's help visits led to a chat
	 * (keyed like help_visitor(), from the cookie it had before this chat replaced it) */
	const char *seen = req_cookie(r, VISITOR_COOKIE);
	if (seen && strlen(seen) == 43 &&
	    !help_event(r->db, r->a, "chat_opened", keyed_hash(r->a, "visitor", seen), 0, NULL, 0))
		return 500;
	chat_notify(r, id);
	if (token)
		resp_cookie(r, VISITOR_COOKIE, token, VISITOR_DAYS * 24 * 3600, true);
	return redirect(r, arena_printf(r->a, "/chat/%lld", (long long)id));
}

/* GET /chat/{id} — the customer or visitor who owns it. */
int chat_show(req *r)
{
	chat_conv c;
	int st = load_own(r, &c);
	if (st)
		return st;
	chat_msg *m;
	int n = chat_msgs_after(r->db, r->a, c.id, 0, false, r->tz, &m);
	if (n < 0)
		return 500;
	tdict *d = page_new(r, "portal/chat");
	tmpl_set_int(d, "ID", c.id);
	tmpl_set(d, "LIVE", c.live_channel);
	tmpl_set_int(d, "LAST", n ? m[n - 1].id : 0);
	tmpl_set(d, "STATUS", c.status);
	chat_fill_messages(r, d, m, n, false);
	if (c.assignee)
		tmpl_set(tmpl_section(d, "AGENT"), "AGENT_NAME", c.assignee);
	int pos = chat_queue_position(r->db, c.id);
	if (pos > 0)
		tmpl_set_int(tmpl_section(d, "QUEUE"), "POSITION", pos);
	if (c.offline && !c.assignee)
		tmpl_show(d, "OFFLINE");
	if (strcmp(c.status, "resolved") == 0)
		tmpl_show(d, "RESOLVED");
	if (*c.email)
		tmpl_show(d, "CAN_TRANSCRIPT");
	if (r->who.kind == ACCOUNT_CUSTOMER && c.customer_id == 0)
		tmpl_show(d, "WILL_JOIN");
	return page_render(r, 200, N_("Chat with us"));
}

/* POST /chat/{id}/messages — owner. Fields: body. ?js=1 answers JSON instead of redirecting. */
int chat_post_submit(req *r)
{
	chat_conv c;
	int st = load_own(r, &c);
	if (st)
		return st;
	const char *body = str_trim(r->a, req_form(r, "body"));
	const char *problem = chat_body_problem(body);
	if (problem)
		return error_page_msg(r, strlen(body) ? 413 : 400, problem);
	const char *ip = keyed_hash(r->a, "ip", r->remote_addr ? r->remote_addr : "");
	int cn = 0, in = 0;
	if (!chat_rate(r->db, r->a, c.id, ip, &cn, &in))
		return 500;
	if (cn >= RATE_CONV || in >= RATE_IP)
		return error_page_msg(r, 429, N_("You are sending messages too fast. Please wait a moment."));
	/* a visitor who has signed in since: the conversation joins their account */
	if (r->who.kind == ACCOUNT_CUSTOMER && c.customer_id == 0 &&
	    !chat_conv_claim(r->db, r->a, c.id, r->who.id))
		return 500;
	if (strcmp(c.status, "resolved") == 0) {
		if (!chat_set_status(r->db, c.id, "open") ||
		    chat_msg_add(r->db, r->a, c.id, "system", 0, "reopened", "", NULL) <= 0)
			return 500;
	}
	int64_t mid = chat_msg_add(r->db, r->a, c.id, "customer", 0, NULL, body, ip);
	if (mid <= 0)
		return 500;
	chat_notify(r, c.id);
	if (strcmp(req_query(r, "js"), "1") == 0)
		return resp_text(r, 200, "application/json; charset=utf-8",
				 arena_printf(r->a, "{\"id\":%lld}", (long long)mid));
	return redirect(r, arena_printf(r->a, "/chat/%lld#composer", (long long)c.id));
}

/* GET /chat/{id}/messages — owner. Query: after (last message id the client has). */
int chat_messages_json(req *r)
{
	chat_conv c;
	int st = load_own(r, &c);
	if (st)
		return st;
	const char *after = req_query(r, "after");
	if (*after && (!str_is_digits(after) || strlen(after) > 18))
		return 400;
	return chat_json(r, &c, *after ? strtoll(after, NULL, 10) : 0, false);
}

/* POST /chat/{id}/typing — owner. Tells the agent's view; nothing is stored. */
int chat_typing_submit(req *r)
{
	chat_conv c;
	int st = load_own(r, &c);
	if (st)
		return st;
	live_publish_after_commit(r, c.live_channel, "{\"t\":\"typing\",\"who\":\"customer\"}");
	return resp_text(r, 200, "application/json; charset=utf-8", "{}");
}

/* POST /chat/{id}/transcript — owner. Mails the conversation to the customer's address. */
int chat_transcript_submit(req *r)
{
	chat_conv c;
	int st = load_own(r, &c);
	if (st)
		return st;
	if (!*c.email)
		return 400;
	/* the address may be anyone's (a visitor types it): a few transcripts an hour, not a mail cannon */
	int recent = chat_transcripts_recent(r->db, c.email, i18n_lookup("en", "Your chat transcript"),
					     i18n_lookup("bn", "Your chat transcript"));
	if (recent < 0)
		return 500;
	if (recent >= RATE_TRANSCRIPTS)
		return error_page_msg(r, 429, N_("You are sending messages too fast. Please wait a moment."));
	chat_msg *m;
	int n = chat_msgs_after(r->db, r->a, c.id, 0, false, r->tz, &m);
	if (n < 0)
		return 500;
	buf b = { 0 };
	buf_printf(&b, "%s\n\n", tr(r, "The transcript of your conversation with us:"));
	for (int i = 0; i < n; i++) {
		const char *who = strcmp(m[i].kind, "customer") == 0 ? tr(r, "You")
				  : strcmp(m[i].kind, "agent") == 0 ? (m[i].author ? m[i].author : tr(r, "Agent"))
				  : "*";
		buf_printf(&b, "[%s] %s: %s\n", m[i].created_at, who, chat_msg_text(r, &m[i]));
	}
	const char *body = arena_strdup(r->a, buf_cstr(&b));
	buf_free(&b);
	if (mail_queue(r->db, r->a, c.email, tr(r, "Your chat transcript"), body, false) < 0)
		return 500;
	return redirect_flash(r, arena_printf(r->a, "/chat/%lld", (long long)c.id), "chat_transcript_sent");
}

/* GET /live-auth/{channel} — reached only as nginx's nchan_authorize_request subrequest (the public
 * /live-auth/ location answers 404). 200 when the subscriber may listen: staff for every chat channel
 * and the inbox; the customer or visitor who owns the conversation. Answers fast, with a tiny body. */
int live_auth(req *r)
{
	const char *ch = req_param(r, "channel");
	if (!live_channel_valid(ch))
		return resp_text(r, 403, "text/plain", "no\n");
	const char *st = req_cookie(r, COOKIE_STAFF);
	if (st && strlen(st) == 43) {
		viewer w = { 0 };
		if (session_lookup(r->db, r->a, ACCOUNT_STAFF, token_hash(r->a, st), &w) &&
		    (w.roles & CHAT_STAFF_ROLES))
			return resp_text(r, 200, "text/plain", "ok\n");
	}
	int64_t id = 0, cust = 0;
	const char *vh = NULL;
	if (!chat_conv_by_live(r->db, r->a, ch, &id, &cust, &vh))
		return resp_text(r, 403, "text/plain", "no\n");
	if (cust && r->who.kind == ACCOUNT_CUSTOMER && r->who.id == cust)
		return resp_text(r, 200, "text/plain", "ok\n");
	const char *mine = visitor_hash(r);
	if (!cust && vh && mine && secure_streq(vh, mine))
		return resp_text(r, 200, "text/plain", "ok\n");
	return resp_text(r, 403, "text/plain", "no\n");
}
