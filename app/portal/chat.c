/* portal/chat.c: the customer's live chat (signed in or as a visitor) */
#include "chat.h"
#include "../channels/kinds.h"
#include "../channels/webchat.h"
#include "../conv/attach.h"
#include "../conv/compose.h"
#include "../conv/display.h"
#include "../conv/live_auth.h"
#include "../conv/notify.h"
#include "../core/auth.h"
#include "../core/config.h"
#include "../core/crypto.h"
#include "../core/i18n.h"
#include "../core/live.h"
#include "../core/page.h"
#include "../data/chat.h"
#include "../data/conversations.h"
#include "../data/data.h"
#include "../data/help.h"
#include "../data/routing.h"
#include <string.h>

#define VISITOR_DAYS 30
/* customer-side posts: per conversation in 10 s, per address in a minute */
#define RATE_CONV 8
#define RATE_IP 300
/* transcripts mailed to one address per hour */
#define RATE_TRANSCRIPTS 3
/* messages on the page; the newest ones, the page opens scrolled to them */
#define PAGE_MESSAGES 500

static const char *NOTICE = N_("We use your name, email address and what you write only to answer you in this conversation and to keep its transcript. We keep chats for two years. You can ask us to delete them at any time.");

static size_t web_max_text(void)
{
	return channel_kind_get("web")->max_text;
}

/* The web chat of the route's {id} when this customer or visitor owns it; 404 otherwise. */
static int load_own(req *r, conversation *c)
{
	int64_t id = req_param_id(r, "id");
	if (!id)
		return 404;
	int found = conv_get(r->db, r->a, id, r->tz, 0, c);
	if (found < 0)
		return 500;
	if (!found || strcmp(c->kind, "web") != 0)
		return 404;
	if (r->who.kind == ACCOUNT_CUSTOMER && c->customer_id == r->who.id)
		return 0;
	const char *vh = visitor_token_hash(r);
	if (c->customer_id == 0 && vh && c->visitor_hash && secure_streq(vh, c->visitor_hash))
		return 0;
	return 404;
}

/* ---- the start page ---- */

static int start_page(req *r, int status, const char *error)
{
	tdict *d = page_new(r, "portal/chat_start");
	if (error)
		page_error_text(d, error);
	topic *t;
	int n = chat_topics(r->db, r->a, &t);
	if (n < 0)
		return 500;
	const char *chosen = req_form(r, "topic");
	bool any_open = false;
	for (int i = 0; i < n; i++) {
		tdict *o = tmpl_section(d, "TOPIC");
		tmpl_set(o, "CODE", t[i].code);
		tmpl_set(o, "LABEL", tr(r, t[i].title));
		if (strcmp(chosen, t[i].code) == 0)
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
	tmpl_set_int(d, "MAX_TEXT", (long long)web_max_text());
	return page_render(r, status, N_("Chat with us"));
}

/* GET /chat — anyone. Goes to the open conversation of this customer or visitor, else the start form. */
int chat_page(req *r)
{
	int64_t cust = r->who.kind == ACCOUNT_CUSTOMER ? r->who.id : 0;
	int64_t id = 0;
	int found = chat_current(r->db, r->a, cust, visitor_token_hash(r), &id);
	if (found < 0)
		return 500;
	if (found)
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
	const char *topic_code = req_form(r, "topic");
	const char *lang = req_form(r, "lang");
	const char *text = str_trim(r->a, req_form(r, "message"));
	if (visitor && (!*name || utf8_length(name) > 200 || !utf8_valid(name, strlen(name))))
		return start_page(r, 400, tr(r, "Please enter your name (at most 200 characters)."));
	if (visitor && *email && !email_plausible(email))
		return start_page(r, 400, tr(r, "Please enter a valid email address."));
	if (!i18n_supported(lang))
		return start_page(r, 400, tr(r, "Please choose a language from the list."));
	int status;
	const char *problem = body_problem(r, text, web_max_text(), &status);
	if (problem)
		return start_page(r, 400, problem);
	bool open = false;
	if (!chat_open_now(r->db, topic_code, &open))
		return 500;
	if (!open && visitor && !*email)
		return start_page(r, 400, tr(r, "Nobody is available right now: please leave your email address and we will answer by email."));

	if (strcmp(req_form(r, "go_on"), "1") != 0) {
		help_suggestion *s = NULL;
		int n = help_suggest(r->db, r->a, text, lang, 3, &s);
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
	cn.topic = topic_code;
	cn.lang = lang;
	cn.live_channel = live_channel_new(r->a);
	cn.notice_version = CHAT_NOTICE_VERSION; /* which pre-chat data notice the customer saw */
	cn.offline = !open;
	int64_t id = chat_create(r->db, r->a, &cn);
	if (id < 0)
		return 500;
	if (id == 0)
		return start_page(r, 400, tr(r, "Please choose a topic from the list."));
	bool dup;
	msg_new first = { .conversation_id = id, .kind = MSG_CUSTOMER, .body = text,
			  .ip_hash = keyed_hash(r->a, "ip", r->remote_addr ? r->remote_addr : "") };
	if (msg_add(r->db, r->a, &first, &dup) <= 0)
		return 500;
	msg_new away = { .conversation_id = id, .kind = MSG_SYSTEM, .code = "offline" };
	if (!open && msg_add(r->db, r->a, &away, &dup) <= 0)
		return 500;
	if (!conv_route_and_notify(r))
		return 500;
	/* for the help center's deflection figure: this browser's help visits led to a chat
	 * (keyed like help_visitor(), from the cookie it had before this chat replaced it) */
	const char *seen = req_cookie(r, VISITOR_COOKIE);
	if (seen && strlen(seen) == 43 &&
	    !help_event(r->db, r->a, "chat_opened", keyed_hash(r->a, "visitor", seen), 0, NULL, 0))
		return 500;
	conv_changed(r, id);
	if (token)
		resp_cookie(r, VISITOR_COOKIE, token, VISITOR_DAYS * 24 * 3600, true);
	return redirect(r, arena_printf(r->a, "/chat/%lld", (long long)id));
}

static int show_page(req *r, conversation *c, int status, const char *error)
{
	message *m;
	bool more;
	if (!msgs_mark_delivered(r->db, r->a, c->id, 0))
		return 500;
	int n = msgs_latest(r->db, r->a, c->id, false, r->tz, PAGE_MESSAGES, &more, &m);
	if (n < 0)
		return 500;
	int pos = queue_position(r->db, c->id);
	if (pos < 0)
		return 500;
	tdict *d = page_new(r, "portal/chat");
	if (error)
		page_error_text(d, error);
	tmpl_set_int(d, "ID", c->id);
	tmpl_set(d, "LIVE", c->live_channel);
	tmpl_set_int(d, "LAST", n ? m[n - 1].id : 0);
	tmpl_set(d, "STATUS", c->status);
	tmpl_set_int(d, "MAX_TEXT", (long long)web_max_text());
	tmpl_set_int(d, "MAX_UPLOAD_MB", channel_kind_get("web")->max_upload / (1024 * 1024));
	if (more)
		tmpl_show(d, "EARLIER");
	tdict **rows = msgs_fill(r, d, m, n, false);
	if (!attachments_fill(r, rows, c->id, m, n, arena_printf(r->a, "/chat/%lld", (long long)c->id)))
		return 500;
	bool resolved = strcmp(c->status, "resolved") == 0;
	/* one line says where the chat stands: resolved, waiting in the queue, with an agent, or offline */
	if (resolved)
		tmpl_show(d, "RESOLVED");
	else if (pos > 0)
		tmpl_set_int(tmpl_section(d, "QUEUE"), "POSITION", pos);
	else if (c->assignee)
		tmpl_set(tmpl_section(d, "AGENT"), "AGENT_NAME", c->assignee);
	else if (c->offline)
		tmpl_show(d, "OFFLINE");
	if (*c->email)
		tmpl_show(d, "CAN_TRANSCRIPT");
	if (r->who.kind == ACCOUNT_CUSTOMER && c->customer_id == 0)
		tmpl_show(d, "WILL_JOIN");
	tmpl_set(d, "BODY", req_form(r, "body"));
	tmpl_set(d, "CLIENT_ID", token_new(r->a));
	return page_render(r, status, N_("Chat with us"));
}

/* GET /chat/{id} — the customer or visitor who owns it. */
int chat_show(req *r)
{
	conversation c;
	int st = load_own(r, &c);
	if (st)
		return st;
	return show_page(r, &c, 200, NULL);
}

/* POST /chat/{id}/messages — owner. Fields: body, client_id (the page's id of this message: the same
 * text posted again with it is stored once), file (attachments, multipart). ?js=1 answers JSON instead
 * of redirecting. */
int chat_post_submit(req *r)
{
	conversation c;
	int st = load_own(r, &c);
	if (st)
		return st;
	bool js = strcmp(req_query(r, "js"), "1") == 0;
	const char *body = str_trim(r->a, req_form(r, "body"));
	int status = 400;
	const char *problem = NULL;
	if (*body || !uploads_present(r))
		problem = body_problem(r, body, web_max_text(), &status);
	if (!problem)
		problem = uploads_problem(r, channel_kind_get("web")->max_upload, &status);
	const char *client_id = req_form(r, "client_id");
	if (!problem && *client_id && !client_id_valid(client_id))
		problem = tr(r, "The request could not be understood. Please check what you entered and try again.");
	if (problem)
		return js ? error_page_text(r, status, problem) : show_page(r, &c, status, problem);
	const char *ip = keyed_hash(r->a, "ip", r->remote_addr ? r->remote_addr : "");
	int cn = 0, in = 0;
	if (!msgs_rate(r->db, r->a, c.id, ip, &cn, &in))
		return 500;
	if (cn >= RATE_CONV || in >= RATE_IP)
		return error_page_msg(r, 429, N_("You are sending messages too fast. Please wait a moment."));
	/* a visitor who has signed in since: the conversation joins their account */
	if (r->who.kind == ACCOUNT_CUSTOMER && c.customer_id == 0 && !chat_claim(r->db, r->a, c.id, r->who.id))
		return 500;
	msg_new m = { .conversation_id = c.id, .kind = MSG_CUSTOMER, .body = body, .ip_hash = ip,
		      .external_id = *client_id ? message_key(r, "web", client_id, body) : NULL };
	bool dup;
	int64_t mid = msg_add(r->db, r->a, &m, &dup);
	if (mid < 0 || (mid == 0 && !dup))
		return 500;
	/* dup: the page sent it again (a retry after a lost answer), and it is stored already */
	if (!dup) {
		msg_new reopened = { .conversation_id = c.id, .kind = MSG_SYSTEM, .code = "reopened" };
		if (strcmp(c.status, "resolved") == 0 && msg_add(r->db, r->a, &reopened, &dup) <= 0)
			return 500;
		if (!attach_uploads(r, c.id, mid))
			return 500;
		conv_changed(r, c.id);
	}
	if (js)
		return resp_text(r, 200, "application/json; charset=utf-8",
				 arena_printf(r->a, "{\"id\":%lld}", (long long)mid));
	return redirect(r, arena_printf(r->a, "/chat/%lld#composer", (long long)c.id));
}

/* GET /chat/{id}/messages — owner. Query: after (last message id the client has). */
int chat_messages_json(req *r)
{
	conversation c;
	int st = load_own(r, &c);
	if (st)
		return st;
	int64_t after = 0;
	if (!req_query_id(r, "after", &after))
		return 400;
	/* the page fetches every message it shows here (a live event only says "something new") */
	if (!msgs_mark_delivered(r->db, r->a, c.id, after))
		return 500;
	return msgs_json(r, &c, after, false);
}

/* POST /chat/{id}/typing — owner. Tells the agents' desktops; nothing is stored. */
int chat_typing_submit(req *r)
{
	conversation c;
	int st = load_own(r, &c);
	if (st)
		return st;
	live_publish_after_commit(r, inbox_live_channel(r->a),
				  arena_printf(r->a, "{\"t\":\"typing\",\"conv\":%lld,\"who\":\"customer\"}",
					       (long long)c.id));
	return resp_text(r, 200, "application/json; charset=utf-8", "{}");
}

/* GET /chat/{id}/attachments/{aid} — owner. The file, through nginx (X-Accel-Redirect). */
int chat_attachment(req *r)
{
	conversation c;
	int st = load_own(r, &c);
	if (st)
		return st;
	return attachment_send(r, c.id, req_param_id(r, "aid"), false);
}

/* POST /chat/{id}/transcript — owner. Mails the conversation to the customer's address. */
int chat_transcript_submit(req *r)
{
	conversation c;
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
	message *m;
	int n = msgs_after(r->db, r->a, c.id, 0, false, r->tz, 100000, &m);
	if (n < 0)
		return 500;
	buf b = { 0 };
	buf_printf(&b, "%s\n\n", tr(r, "The transcript of your conversation with us:"));
	for (int i = 0; i < n; i++) {
		const char *who = strcmp(m[i].author, "system") == 0 ? "*" : msg_who(r, &m[i], false);
		buf_printf(&b, "[%s] %s: %s\n", m[i].created_at, who, msg_text(r, &m[i]));
	}
	const char *body = arena_strdup(r->a, buf_cstr(&b));
	buf_free(&b);
	if (mail_queue(r->db, r->a, c.email, tr(r, "Your chat transcript"), body, false) < 0)
		return 500;
	return redirect_flash(r, arena_printf(r->a, "/chat/%lld", (long long)c.id), "chat_transcript_sent");
}
