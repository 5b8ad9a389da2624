/* admin/inbox.c: the agent inbox, the conversation view (reply, notes, assign, transfer, status, tags)
 * and canned answers */
#include "inbox.h"
#include "../portal/chat.h"
#include "../core/choices.h"
#include "../core/config.h"
#include "../core/i18n.h"
#include "../core/live.h"
#include "../core/page.h"
#include "../data/chat.h"
#include "../data/consent.h"
#include "../data/data.h"
#include "../data/surveys.h"
#include <stdlib.h>
#include <string.h>

static const char *const VIEWS[] = { "mine", "unassigned", "all", NULL };
static const char *const STATUSES[] = { "open", "pending", "resolved", NULL };
static const char *const CHANNELS[] = { "web", "email", "sms", "phone", "social", NULL };
static const char *const PRESENCES[] = { "online", "away", "offline", NULL };

static bool one_of(const char *v, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (strcmp(v, list[i]) == 0)
			return true;
	return false;
}

static const char *label(req *r, const char *code)
{
	static const struct { const char *code, *msgid; } labels[] = {
		{ "mine", N_("Mine") }, { "unassigned", N_("Unassigned") }, { "all", N_("All") },
		{ "open", N_("Open") }, { "pending", N_("Pending") }, { "resolved", N_("Resolved") },
		{ "web", N_("Web chat") }, { "email", N_("Email") }, { "sms", N_("SMS") },
		{ "phone", N_("Phone") }, { "social", N_("Social") },
		{ "online", N_("Online") }, { "away", N_("Away") }, { "offline", N_("Offline") },
		{ NULL, NULL },
	};
	for (int i = 0; labels[i].code; i++)
		if (strcmp(labels[i].code, code) == 0)
			return tr(r, labels[i].msgid);
	return code;
}

static void choices(req *r, tdict *d, const char *section, const char *const *list, const char *sel)
{
	for (int i = 0; list[i]; i++) {
		tdict *o = tmpl_section(d, section);
		tmpl_set(o, "CODE", list[i]);
		tmpl_set(o, "LABEL", label(r, list[i]));
		if (sel && strcmp(sel, list[i]) == 0)
			tmpl_show(o, "SELECTED");
	}
}

static bool tag_ok(const char *t)
{
	size_t n = strlen(t);
	if (n < 1 || n > 40)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = t[i];
		bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
		if (!alnum && (i == 0 || (c != '-' && c != '_')))
			return false;
	}
	return true;
}

/* GET /admin/inbox — agents, supervisors, admins. Query: view (mine|unassigned|all), status, channel, tag. */
int inbox_index(req *r)
{
	chat_filter f = { 0 };
	f.view = req_query(r, "view");
	if (!one_of(f.view, VIEWS))
		f.view = "all";
	f.status = req_query(r, "status");
	if (!one_of(f.status, STATUSES))
		f.status = "";
	f.channel = req_query(r, "channel");
	if (!one_of(f.channel, CHANNELS))
		f.channel = "";
	f.tag = req_query(r, "tag");
	if (!tag_ok(f.tag))
		f.tag = "";
	f.me = r->who.id;
	chat_conv *list;
	int n = chat_inbox(r->db, r->a, &f, r->tz, &list);
	if (n < 0)
		return 500;
	tdict *d = page_new(r, "admin/inbox");
	tmpl_set(d, "INBOX_LIVE", live_inbox_channel(r->a));
	choices(r, d, "VIEW", VIEWS, f.view);
	choices(r, d, "STATUS_OPT", STATUSES, f.status);
	choices(r, d, "CHANNEL_OPT", CHANNELS, f.channel);
	tmpl_set(d, "TAG", f.tag);
	choices(r, d, "PRESENCE_OPT", PRESENCES, chat_presence(r->db, r->a, r->who.id));
	for (int i = 0; i < n; i++) {
		tdict *row = tmpl_section(d, "ROW");
		tmpl_set_int(row, "ID", list[i].id);
		tmpl_set(row, "NAME", *list[i].name ? list[i].name : tr(r, "Visitor"));
		tmpl_set(row, "CHANNEL", label(r, list[i].channel));
		tmpl_set(row, "STATUS", label(r, list[i].status));
		tmpl_set(row, "ASSIGNEE", list[i].assignee ? list[i].assignee : tr(r, "Unassigned"));
		tmpl_set(row, "PREVIEW", list[i].preview ? list[i].preview : "");
		tmpl_set(row, "WHEN", list[i].last_message_at);
		tmpl_set(row, "TAGS", list[i].tags ? list[i].tags : "");
	}
	if (n == 0)
		tmpl_show(d, "EMPTY");
	if (r->who.roles & (ROLE_SUPERVISOR | ROLE_ADMIN)) {
		tdict *s = tmpl_section(d, "SUPERVISOR");
		chat_option *q, *ag;
		int nq = chat_queues(r->db, r->a, &q);
		for (int i = 0; i < nq; i++) {
			tdict *row = tmpl_section(s, "QUEUE");
			tmpl_set(row, "SKILL", q[i].code ? q[i].code : "");
			tmpl_set(row, "QLANG", q[i].title);
			tmpl_set_int(row, "WAITING", q[i].n);
		}
		if (nq <= 0)
			tmpl_show(s, "NO_QUEUE");
		int na = chat_agents(r->db, r->a, &ag);
		for (int i = 0; i < na; i++) {
			tdict *row = tmpl_section(s, "AGENT");
			tmpl_set(row, "AGENT_NAME", ag[i].title);
			tmpl_set(row, "PRESENCE", label(r, ag[i].code));
			tmpl_set_int(row, "OPEN", ag[i].n);
			tmpl_set(row, "LIMIT", ag[i].extra);
		}
	}
	return page_render(r, 200, N_("Inbox"));
}

/* POST /admin/inbox/presence — staff. Fields: presence (online|away|offline). Going online takes
 * waiting chats. */
int inbox_presence_submit(req *r)
{
	const char *p = req_form(r, "presence");
	if (!one_of(p, PRESENCES))
		return 400;
	if (!chat_presence_set(r->db, r->who.id, p))
		return 500;
	if (strcmp(p, "online") == 0 && !chat_route_and_notify(r))
		return 500;
	live_publish_after_commit(r, live_inbox_channel(r->a), "{\"t\":\"presence\"}");
	return redirect(r, "/admin/inbox");
}

static int load(req *r, chat_conv *c)
{
	int64_t id = req_param_id(r, "id");
	if (!id || !chat_conv_get(r->db, r->a, id, r->tz, c))
		return 404;
	return 0;
}

/* placeholders of canned answers: {name} the customer, {agent} the agent */
static const char *fill_canned(req *r, const char *text, const chat_conv *c)
{
	buf b = { 0 };
	for (const char *p = text; *p;) {
		if (strncmp(p, "{name}", 6) == 0) {
			buf_puts(&b, *c->name ? c->name : tr(r, "there"));
			p += 6;
		} else if (strncmp(p, "{agent}", 7) == 0) {
			buf_puts(&b, r->who.name);
			p += 7;
		} else {
			buf_append(&b, p++, 1);
		}
	}
	const char *out = arena_strdup(r->a, buf_cstr(&b));
	buf_free(&b);
	return out;
}

static int conv_page(req *r, chat_conv *c, int status, const char *error)
{
	chat_msg *m;
	int n = chat_msgs_after(r->db, r->a, c->id, 0, true, r->tz, &m);
	if (n < 0)
		return 500;
	tdict *d = page_new(r, "admin/inbox_conv");
	if (error)
		page_error(d, r, error);
	tmpl_set_int(d, "ID", c->id);
	tmpl_set(d, "LIVE", c->live_channel);
	tmpl_set(d, "INBOX_LIVE", live_inbox_channel(r->a));
	tmpl_set_int(d, "LAST", n ? m[n - 1].id : 0);
	tmpl_set(d, "NAME", *c->name ? c->name : tr(r, "Visitor"));
	tmpl_set(d, "EMAIL", c->email);
	tmpl_set(d, "CHANNEL", label(r, c->channel));
	tmpl_set(d, "STATUS", label(r, c->status));
	tmpl_set(d, "TOPIC", c->topic);
	tmpl_set(d, "CLANG", c->lang);
	tmpl_set(d, "ASSIGNEE", c->assignee ? c->assignee : tr(r, "Unassigned"));
	tmpl_set(d, "SINCE", c->created_at);
	tmpl_set_int(d, "TRANSFERS", c->transfers);
	if (c->offline)
		tmpl_show(d, "OFFLINE");
	if (c->visitor)
		tmpl_show(d, "IS_VISITOR");
	chat_fill_messages(r, d, m, n, true);

	/* composer: a canned answer picked without JavaScript comes back as ?canned=ID */
	const char *body = req_form(r, "body");
	const char *cid = req_query(r, "canned");
	if (!*body && str_is_digits(cid) && strlen(cid) < 18) {
		chat_option ca;
		if (canned_get(r->db, r->a, strtoll(cid, NULL, 10), &ca))
			body = fill_canned(r, ca.extra, c);
	}
	tmpl_set(d, "BODY", body);
	chat_option *canned;
	int nc = canned_list(r->db, r->a, &canned);
	for (int i = 0; i < nc; i++) {
		tdict *o = tmpl_section(d, "CANNED");
		tmpl_set_int(o, "CANNED_ID", canned[i].id);
		tmpl_set(o, "TITLE", canned[i].title);
		tmpl_set(o, "TEXT", fill_canned(r, canned[i].extra, c));
	}
	chat_option *ag;
	int na = chat_agents(r->db, r->a, &ag);
	for (int i = 0; i < na; i++) {
		tdict *o = tmpl_section(d, "AGENT_OPT");
		tmpl_set_int(o, "STAFF_ID", ag[i].id);
		tmpl_set(o, "AGENT_NAME", ag[i].title);
		tmpl_set(o, "PRESENCE", label(r, ag[i].code));
		if (ag[i].id == c->assigned_to)
			tmpl_show(o, "SELECTED");
	}
	chat_option *sk;
	int ns = chat_skills(r->db, r->a, &sk);
	for (int i = 0; i < ns; i++) {
		tdict *o = tmpl_section(d, "SKILL_OPT");
		tmpl_set(o, "CODE", sk[i].code);
		tmpl_set(o, "LABEL", tr(r, sk[i].title));
	}
	choices(r, d, "STATUS_OPT", STATUSES, c->status);
	if (c->assigned_to != r->who.id)
		tmpl_show(d, "CAN_TAKE");
	const char **tags;
	int nt = chat_tags(r->db, r->a, c->id, &tags);
	for (int i = 0; i < nt; i++)
		tmpl_set(tmpl_section(d, "TAG_ROW"), "TAG", tags[i]);

	/* customer panel: profile and earlier conversations */
	if (c->customer_id) {
		account acc;
		if (account_get(r->db, r->a, ACCOUNT_CUSTOMER, c->customer_id, r->tz, &acc)) {
			tdict *p = tmpl_section(d, "PROFILE");
			tmpl_set(p, "P_NAME", acc.name);
			tmpl_set(p, "P_EMAIL", acc.email);
			tmpl_set(p, "P_LANG", acc.lang);
			tmpl_set(p, "P_TZ", acc.tz);
			tmpl_set(p, "P_SINCE", acc.created_at);
		}
		/* reading a customer's record is logged for compliance (bookkeeping on a GET, like sessions) */
		if (!access_log_add(r->db, r->who.id, c->customer_id, "view", "inbox conversation",
				    arena_printf(r->a, "conversation %lld", (long long)c->id), r->id))
			return 500;
		tdict *known = tmpl_section(d, "KNOWN");
		consent_purpose *cp;
		int ncp = consent_state_for(r->db, r->a, c->customer_id, r->lang, r->tz, &cp);
		for (int i = 0; i < ncp; i++) {
			tdict *o = tmpl_section(known, "CONSENT");
			tmpl_set(o, "PURPOSE", cp[i].title);
			if (cp[i].granted)
				tmpl_show(o, "GRANTED");
			else
				tmpl_show(o, "NOT_GRANTED");
		}
		chat_conv *h;
		int nh = chat_history(r->db, r->a, c->customer_id, c->id, r->tz, &h);
		for (int i = 0; i < nh; i++) {
			tdict *o = tmpl_section(known, "EARLIER");
			tmpl_set_int(o, "E_ID", h[i].id);
			tmpl_set(o, "E_CHANNEL", label(r, h[i].channel));
			tmpl_set(o, "E_STATUS", label(r, h[i].status));
			tmpl_set(o, "E_WHEN", h[i].created_at);
			tmpl_set(o, "E_PREVIEW", h[i].preview ? h[i].preview : "");
		}
		if (nh <= 0)
			tmpl_show(known, "NO_EARLIER");
	}
	return page_render(r, status, N_("Conversation"));
}

/* GET /admin/inbox/{id} — staff. Query: canned (id of a canned answer to put in the composer). */
int inbox_show(req *r)
{
	chat_conv c;
	int st = load(r, &c);
	if (st)
		return st;
	return conv_page(r, &c, 200, NULL);
}

/* GET /admin/inbox/{id}/messages — staff. Query: after. Notes included. */
int inbox_messages_json(req *r)
{
	chat_conv c;
	int st = load(r, &c);
	if (st)
		return st;
	const char *after = req_query(r, "after");
	if (*after && (!str_is_digits(after) || strlen(after) > 18))
		return 400;
	return chat_json(r, &c, *after ? strtoll(after, NULL, 10) : 0, true);
}

static int back(req *r, int64_t id)
{
	return redirect(r, arena_printf(r->a, "/admin/inbox/%lld#composer", (long long)id));
}

/* POST /admin/inbox/{id}/messages — staff. Fields: body, kind (reply|note). A reply to an unassigned
 * chat takes it. A reply to a conversation that goes on by email is mailed to the customer. */
int inbox_reply_submit(req *r)
{
	chat_conv c;
	int st = load(r, &c);
	if (st)
		return st;
	const char *kind = req_form(r, "kind");
	bool note = strcmp(kind, "note") == 0;
	if (!note && strcmp(kind, "reply") != 0)
		return 400;
	const char *body = str_trim(r->a, req_form(r, "body"));
	const char *problem = chat_body_problem(body);
	if (problem)
		return conv_page(r, &c, strlen(body) ? 413 : 400, problem);
	if (!note && !c.assigned_to) {
		bool moved;
		if (!chat_assign(r->db, c.id, r->who.id, &moved) ||
		    chat_msg_add(r->db, r->a, c.id, "system", r->who.id, "joined", "", NULL) <= 0)
			return 500;
	}
	int64_t mid = chat_msg_add(r->db, r->a, c.id, note ? "note" : "agent", r->who.id, NULL, body, NULL);
	if (mid <= 0)
		return 500;
	if (!note && strcmp(c.status, "resolved") == 0 && !chat_set_status(r->db, c.id, "open"))
		return 500;
	if (!note && (c.offline || strcmp(c.channel, "web") != 0) && *c.email) {
		const char *text = arena_printf(r->a, "%s\n\n-- \n%s\n%s/chat/%lld\n", body, r->who.name,
						cfg.base_url ? cfg.base_url : "", (long long)c.id);
		if (mail_queue(r->db, r->a, c.email, tr(r, "Reply to your message"), text, false) < 0)
			return 500;
	}
	if (note)
		live_publish_after_commit(r, live_inbox_channel(r->a),
					  arena_printf(r->a, "{\"t\":\"conv\",\"conv\":%lld}", (long long)c.id));
	else
		chat_notify(r, c.id);
	if (strcmp(req_query(r, "js"), "1") == 0)
		return resp_text(r, 200, "application/json; charset=utf-8",
				 arena_printf(r->a, "{\"id\":%lld}", (long long)mid));
	return back(r, c.id);
}

/* POST /admin/inbox/{id}/typing — staff. Nothing stored. */
int inbox_typing_submit(req *r)
{
	chat_conv c;
	int st = load(r, &c);
	if (st)
		return st;
	live_publish_after_commit(r, c.live_channel, "{\"t\":\"typing\",\"who\":\"agent\"}");
	return resp_text(r, 200, "application/json; charset=utf-8", "{}");
}

/* POST /admin/inbox/{id}/assign — staff. Fields: to = "me", a staff id, or "skill:<code>" (transfer
 * to that team's queue). A transfer away from an agent rotates the stream so their view closes. */
int inbox_assign_submit(req *r)
{
	chat_conv c;
	int st = load(r, &c);
	if (st)
		return st;
	const char *to = req_form(r, "to");
	if (strncmp(to, "skill:", 6) == 0) {
		if (!chat_requeue(r->db, c.id, to + 6))
			return 500;
		chat_conv after;
		if (!chat_conv_get(r->db, r->a, c.id, r->tz, &after) || strcmp(after.skill, to + 6) != 0)
			return 400;
		if (chat_msg_add(r->db, r->a, c.id, "system", 0, "queued", "", NULL) <= 0)
			return 500;
		if (c.assigned_to && !chat_rotate(r, c.id, c.live_channel))
			return 500;
		if (!chat_route_and_notify(r))
			return 500;
		chat_notify(r, c.id);
		return back(r, c.id);
	}
	int64_t staff = 0;
	if (strcmp(to, "me") == 0)
		staff = r->who.id;
	else if (str_is_digits(to) && strlen(to) < 18)
		staff = strtoll(to, NULL, 10);
	chat_option *ag;
	int na = chat_agents(r->db, r->a, &ag);
	bool known = false;
	for (int i = 0; i < na; i++)
		if (ag[i].id == staff)
			known = true;
	if (!known)
		return 400;
	if (staff == c.assigned_to)
		return back(r, c.id);
	bool moved = false;
	if (!chat_assign(r->db, c.id, staff, &moved))
		return 500;
	if (chat_msg_add(r->db, r->a, c.id, "system", staff, moved ? "transferred" : "joined", "", NULL) <= 0)
		return 500;
	if (moved && !chat_rotate(r, c.id, c.live_channel))
		return 500;
	chat_notify(r, c.id);
	return back(r, c.id);
}

/* POST /admin/inbox/{id}/status — staff. Fields: status (open|pending|resolved). */
int inbox_status_submit(req *r)
{
	chat_conv c;
	int st = load(r, &c);
	if (st)
		return st;
	const char *s = req_form(r, "status");
	if (!one_of(s, STATUSES))
		return 400;
	if (strcmp(s, c.status) == 0)
		return back(r, c.id);
	if (!chat_set_status(r->db, c.id, s))
		return 500;
	const char *code = strcmp(s, "resolved") == 0 ? "resolved"
			   : strcmp(c.status, "resolved") == 0 ? "reopened" : NULL;
	if (code && chat_msg_add(r->db, r->a, c.id, "system", r->who.id, code, "", NULL) <= 0)
		return 500;
	/* the customer is asked how it went: in the chat, or by mail for other channels */
	if (strcmp(s, "resolved") == 0 && !surveys_on_conversation_resolved(r->db, r->a, c.id))
		return 500;
	/* a resolved chat frees a place: someone waiting may get it */
	if (strcmp(s, "resolved") == 0 && !chat_route_and_notify(r))
		return 500;
	chat_notify(r, c.id);
	return back(r, c.id);
}

/* POST /admin/inbox/{id}/tags — staff. Fields: add (a tag: a-z 0-9 - _) or remove. */
int inbox_tags_submit(req *r)
{
	chat_conv c;
	int st = load(r, &c);
	if (st)
		return st;
	const char *add = str_trim(r->a, req_form(r, "add"));
	const char *rm = req_form(r, "remove");
	if (*add) {
		if (!tag_ok(add))
			return conv_page(r, &c, 400, N_("A tag is 1 to 40 lowercase letters, digits, - or _."));
		if (!chat_tag_add(r->db, c.id, add))
			return 500;
	} else if (*rm) {
		if (!chat_tag_remove(r->db, c.id, rm))
			return 500;
	} else {
		return 400;
	}
	return back(r, c.id);
}

/* GET /admin/canned — supervisors, admins. */
int canned_index(req *r)
{
	chat_option *list;
	int n = canned_list(r->db, r->a, &list);
	if (n < 0)
		return 500;
	tdict *d = page_new(r, "admin/inbox_canned");
	for (int i = 0; i < n; i++) {
		tdict *row = tmpl_section(d, "ROW");
		tmpl_set_int(row, "ID", list[i].id);
		tmpl_set(row, "TITLE", list[i].title);
		tmpl_set(row, "TEXT", list[i].extra);
	}
	tmpl_set(d, "NEW_TITLE", req_form(r, "title"));
	tmpl_set(d, "NEW_BODY", req_form(r, "body"));
	return page_render(r, 200, N_("Canned answers"));
}

/* POST /admin/canned — supervisors, admins. Fields: title, body ({name} and {agent} are placeholders). */
int canned_create_submit(req *r)
{
	const char *title = str_trim(r->a, req_form(r, "title"));
	const char *body = str_trim(r->a, req_form(r, "body"));
	if (!*title || utf8_length(title) > 100 || !*body || utf8_length(body) > 2000 ||
	    !utf8_valid(title, strlen(title)) || !utf8_valid(body, strlen(body)))
		return error_page_msg(r, 400, N_("A canned answer needs a title (at most 100 characters) and a text (at most 2000)."));
	if (canned_create(r->db, r->a, title, body, r->who.id) < 0)
		return 500;
	return redirect_flash(r, "/admin/canned", "canned_saved");
}

/* POST /admin/canned/{id}/delete — supervisors, admins. */
int canned_delete_submit(req *r)
{
	int64_t id = req_param_id(r, "id");
	chat_option o;
	if (!id || !canned_get(r->db, r->a, id, &o))
		return 404;
	if (!canned_delete(r->db, id))
		return 500;
	return redirect_flash(r, "/admin/canned", "canned_deleted");
}

/* GET /admin/chat-settings — supervisors, admins. Agents' limits, skills and languages; teams' hours. */
int chat_settings_page(req *r)
{
	chat_agent_row *ag;
	chat_team_row *tm;
	chat_option *sk;
	int na = chat_agent_settings(r->db, r->a, &ag);
	int nt = chat_teams(r->db, r->a, &tm);
	int ns = chat_skills(r->db, r->a, &sk);
	if (na < 0 || nt < 0 || ns < 0)
		return 500;
	tdict *d = page_new(r, "admin/inbox_settings");
	for (int i = 0; i < na; i++) {
		tdict *row = tmpl_section(d, "AGENT");
		tmpl_set_int(row, "STAFF_ID", ag[i].staff_id);
		tmpl_set(row, "AGENT_NAME", ag[i].name);
		tmpl_set_int(row, "MAX", ag[i].max_chats);
		const char *have = arena_printf(r->a, " %s ", ag[i].skills);
		for (int k = 0; k < ns; k++) {
			tdict *o = tmpl_section(row, "SKILL");
			tmpl_set(o, "CODE", sk[k].code);
			tmpl_set(o, "LABEL", tr(r, sk[k].title));
			if (strstr(have, arena_printf(r->a, " %s ", sk[k].code)))
				tmpl_show(o, "CHECKED");
		}
		const char *langs = arena_printf(r->a, " %s ", ag[i].langs);
		for (int k = 0; i18n_langs[k]; k++) {
			tdict *o = tmpl_section(row, "LANG");
			tmpl_set(o, "CODE", i18n_langs[k]);
			tmpl_set(o, "LABEL", strcmp(i18n_langs[k], "bn") == 0 ? "বাংলা" : "English");
			if (strstr(langs, arena_printf(r->a, " %s ", i18n_langs[k])))
				tmpl_show(o, "CHECKED");
		}
	}
	static const char *const DAYS[] = { N_("Sun"), N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat") };
	for (int i = 0; i < nt; i++) {
		tdict *row = tmpl_section(d, "TEAM");
		tmpl_set_int(row, "TEAM_ID", tm[i].id);
		tmpl_set(row, "TEAM_NAME", tm[i].name);
		choices_tz(row, tm[i].tz);
		tmpl_set(row, "OPENS", tm[i].opens);
		tmpl_set(row, "CLOSES", strcmp(tm[i].closes, "23:59") == 0 ? "24:00" : tm[i].closes);
		const char *days = arena_printf(r->a, " %s ", tm[i].days);
		for (int k = 0; k < 7; k++) {
			tdict *o = tmpl_section(row, "DAY");
			tmpl_set_int(o, "DOW", k);
			tmpl_set(o, "LABEL", tr(r, DAYS[k]));
			if (strstr(days, arena_printf(r->a, " %d ", k)))
				tmpl_show(o, "CHECKED");
		}
	}
	return page_render(r, 200, N_("Chat settings"));
}

/* the repeated checkbox field as a PostgreSQL array literal of safe codes; NULL when one is not */
static const char *form_array(req *r, const char *field, bool digits)
{
	const char *out = "{";
	bool first = true;
	for (size_t i = 0; i < r->form.n; i++) {
		if (strcmp(r->form.items[i].key, field) != 0)
			continue;
		const char *v = r->form.items[i].val;
		if (!*v || strlen(v) > 31)
			return NULL;
		for (const char *p = v; *p; p++)
			if (!(digits ? (*p >= '0' && *p <= '9') : ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')))
				return NULL;
		out = arena_printf(r->a, "%s%s%s", out, first ? "" : ",", v);
		first = false;
	}
	return arena_printf(r->a, "%s}", out);
}

/* POST /admin/chat-settings/agents/{id} — supervisors, admins. Fields: max_chats (0-50), skill, lang
 * (repeated). Unknown skills and languages are ignored. */
int chat_settings_agent_submit(req *r)
{
	int64_t id = req_param_id(r, "id");
	const char *max = req_form(r, "max_chats");
	const char *skills = form_array(r, "skill", false), *langs = form_array(r, "lang", false);
	if (!id)
		return 404;
	if (!str_is_digits(max) || strlen(max) > 2 || atoi(max) > 50 || !skills || !langs)
		return error_page_msg(r, 400, N_("A limit is a number from 0 to 50; skills and languages come from the lists."));
	int rc = chat_agent_save(r->db, r->a, id, atoi(max), skills, langs);
	if (rc < 0)
		return 500;
	if (rc == 0)
		return 404;
	if (!chat_route_and_notify(r))
		return 500;
	return redirect_flash(r, "/admin/chat-settings", "chat_settings_saved");
}

static bool hhmm(const char *s)
{
	return strlen(s) == 5 && s[2] == ':' && s[0] >= '0' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9' &&
	       s[3] >= '0' && s[3] <= '5' && s[4] >= '0' && s[4] <= '9' && (s[0] < '2' || s[1] <= '4') &&
	       (strcmp(s, "24:00") <= 0);
}

/* POST /admin/chat-settings/teams/{id} — supervisors, admins. Fields: tz, opens, closes (HH:MM, 24:00 for
 * the end of the day), day (repeated, 0 = Sunday). */
int chat_settings_team_submit(req *r)
{
	int64_t id = req_param_id(r, "id");
	const char *tz = req_form(r, "tz");
	const char *opens = req_form(r, "opens"), *closes = req_form(r, "closes");
	const char *days = form_array(r, "day", true);
	if (!id)
		return 404;
	if (!timezone_valid(tz) || !hhmm(opens) || !hhmm(closes) || strcmp(closes, opens) <= 0 || !days ||
	    strcmp(opens, "24:00") == 0)
		return error_page_msg(r, 400, N_("Please give a time zone from the list, opening and closing times (HH:MM, closing after opening) and days."));
	/* each day once, one digit 0-6 ("10" or a repeated day would fail the table's constraints) */
	unsigned seen = 0;
	for (size_t i = 0; i < r->form.n; i++) {
		if (strcmp(r->form.items[i].key, "day") != 0)
			continue;
		const char *v = r->form.items[i].val;
		if (strlen(v) != 1 || v[0] < '0' || v[0] > '6' || (seen & (1u << (v[0] - '0'))))
			return error_page_msg(r, 400, N_("Please give a time zone from the list, opening and closing times (HH:MM, closing after opening) and days."));
		seen |= 1u << (v[0] - '0');
	}
	/* 24:00 is stored as the last instant of the day (closes is exclusive) */
	int rc = chat_team_save(r->db, r->a, id, tz, opens,
				strcmp(closes, "24:00") == 0 ? "23:59:59.999999" : closes, days);
	if (rc < 0)
		return 500;
	if (rc == 0)
		return 404;
	return redirect_flash(r, "/admin/chat-settings", "chat_settings_saved");
}
