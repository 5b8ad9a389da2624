/* admin/desk.c: the agent desktop's pages: the list, a conversation beside it, the customer's record */
#include "desk.h"
#include "desk_conv.h"
#include "../channels/kinds.h"
#include "../conv/attach.h"
#include "../conv/display.h"
#include "../conv/notify.h"
#include "../conv/outbound.h"
#include "../core/page.h"
#include "../data/canned.h"
#include "../data/consent.h"
#include "../data/mail_inbound.h"
#include "../data/routing.h"
#include <stdlib.h>
#include <string.h>

/* messages on the page: the newest ones, and the page opens on the last of them */
#define PAGE_MESSAGES 500

static void fill_row(req *r, tdict *row, const conversation *c, const char *qs, int64_t current)
{
	tmpl_set_int(row, "ID", c->id);
	tmpl_set(row, "HREF", arena_printf(r->a, "/admin/inbox/%lld%s%s#latest", (long long)c->id, *qs ? "?" : "", qs));
	tmpl_set(row, "NAME", *c->name ? c->name : tr(r, "Visitor"));
	tmpl_set(row, "KIND", c->kind);
	tmpl_set(row, "CHANNEL", desk_label(r, c->kind));
	tmpl_set(row, "SUMMARY", c->subject && *c->subject ? c->subject : c->preview ? c->preview : "");
	if (c->subject && *c->subject && c->preview)
		tmpl_set(tmpl_section(row, "PREVIEW_LINE"), "PREVIEW", c->preview);
	tmpl_set(row, "STATUS", desk_label(r, c->status));
	tmpl_set(row, "STATUS_CODE", c->status);
	tmpl_set(row, "ASSIGNEE", c->assignee ? c->assignee : tr(r, "Unassigned"));
	tmpl_set(row, "WHEN", c->list_when);
	if (c->tags)
		tmpl_set(tmpl_section(row, "TAGS"), "TAG_LIST", c->tags);
	if (strcmp(c->priority, "normal") != 0) {
		tdict *p = tmpl_section(row, "PRIORITY");
		tmpl_set(p, "PRIORITY_CODE", c->priority);
		tmpl_set(p, "PRIORITY_LABEL", desk_label(r, c->priority));
	}
	if (c->waiting_seconds >= 0 && strcmp(c->status, "resolved") != 0) {
		tdict *w = tmpl_section(row, "WAITING");
		tmpl_set(w, "WAITING_FOR", desk_duration(r, c->waiting_seconds));
		tmpl_set_int(w, "WAITING_SINCE", c->waiting_since);
	}
	if (c->snoozed_until)
		tmpl_set(tmpl_section(row, "SNOOZED"), "UNTIL", c->snoozed_until);
	if (c->unread)
		tmpl_show(row, "UNREAD");
	if (c->mentioned)
		tmpl_show(row, "MENTIONED");
	if (c->id == current)
		tmpl_show(row, "CURRENT");
}

bool desk_ctx_load(req *r, desk_ctx *x)
{
	/* only the supervisors' overview shows each agent's load; the rest only picks names */
	x->nagents = r->who.roles & (ROLE_SUPERVISOR | ROLE_ADMIN) ? agents_list(r->db, r->a, &x->agents)
								    : agents_list_names(r->db, r->a, &x->agents);
	return x->nagents >= 0 && inbox_counts_get(r->db, r->who.id, &x->counts);
}

bool desk_fill_list(req *r, tdict *d, const desk_ctx *x, const inbox_query *q, int page, int64_t current)
{
	bool more;
	conversation *list;
	int n = inbox_list(r->db, r->a, q, r->tz, &more, &list);
	const inbox_counts counts = x->counts;
	const agent_status *ag = x->agents;
	int na = x->nagents;
	if (n < 0)
		return false;
	const char *qs = desk_filters_qs(r, q, page);
	tmpl_set(d, "LIST_QS", qs);
	tmpl_set_int(d, "UNREAD_COUNT", counts.unread);
	/* the tabs keep the other filters */
	for (int i = 0; DESK_VIEWS[i]; i++) {
		inbox_query t = *q;
		t.view = DESK_VIEWS[i];
		const char *tqs = desk_filters_qs(r, &t, 1);
		tdict *o = tmpl_section(d, "TAB");
		tmpl_set(o, "LABEL", desk_label(r, DESK_VIEWS[i]));
		tmpl_set(o, "HREF", arena_printf(r->a, "/admin/inbox%s%s", *tqs ? "?" : "", tqs));
		long long count = i == 0 ? counts.mine : i == 1 ? counts.unassigned : i == 2 ? counts.mentions : -1;
		if (count >= 0)
			tmpl_set_int(tmpl_section(o, "COUNT"), "N", count);
		if (strcmp(q->view, DESK_VIEWS[i]) == 0)
			tmpl_show(o, "SELECTED");
	}
	tmpl_set(d, "VIEW", q->view);
	tmpl_set(d, "Q", q->q);
	tmpl_set(d, "TAG", q->tag);
	desk_choices(r, d, "STATUS_OPT", DESK_STATUSES, q->status);
	if (!*q->status)
		tmpl_show(d, "ANY_STATUS");
	desk_choices(r, d, "PRIORITY_OPT", DESK_PRIORITIES, q->priority);
	desk_choices(r, d, "SNOOZED_OPT", DESK_SNOOZED, q->snoozed);
	desk_choices(r, d, "SORT_OPT", DESK_SORTS, q->sort);
	for (int i = 0; channel_kinds[i].code; i++) {
		tdict *o = tmpl_section(d, "CHANNEL_OPT");
		tmpl_set(o, "CODE", channel_kinds[i].code);
		tmpl_set(o, "LABEL", tr(r, channel_kinds[i].label));
		if (strcmp(q->kind, channel_kinds[i].code) == 0)
			tmpl_show(o, "SELECTED");
	}
	team *teams;
	int nt = teams_list(r->db, r->a, &teams);
	for (int i = 0; i < nt; i++) {
		tdict *o = tmpl_section(d, "TEAM_OPT");
		tmpl_set_int(o, "TEAM_ID", teams[i].id);
		tmpl_set(o, "TEAM_NAME", teams[i].name);
		if (teams[i].id == q->team_id)
			tmpl_show(o, "SELECTED");
	}
	for (int i = 0; i < n; i++)
		fill_row(r, tmpl_section(d, "ROW"), &list[i], qs, current);
	if (n == 0)
		tmpl_show(d, "EMPTY");
	for (int i = 0; i < na; i++) {
		tdict *o = tmpl_section(d, "BULK_AGENT");
		tmpl_set_int(o, "STAFF_ID", ag[i].staff_id);
		tmpl_set(o, "AGENT_NAME", ag[i].name);
	}
	if (more || page > 1) {
		tdict *pg = tmpl_section(d, "PAGES");
		inbox_query t = *q;
		if (page > 1) {
			const char *pqs = desk_filters_qs(r, &t, page - 1);
			tmpl_set(tmpl_section(pg, "PREV"), "HREF", arena_printf(r->a, "/admin/inbox%s%s", *pqs ? "?" : "", pqs));
		}
		if (more)
			tmpl_set(tmpl_section(pg, "NEXT"), "HREF",
				 arena_printf(r->a, "/admin/inbox?%s", desk_filters_qs(r, &t, page + 1)));
		tmpl_set_int(pg, "PAGE", page);
	}
	return true;
}

/* what every desktop page has: the live stream, the viewer's presence, the supervisors' overview */
static bool fill_desk(req *r, tdict *d, const desk_ctx *x)
{
	tmpl_set(d, "STAFF_LIVE", staff_live_channel(r->a, r->who.id));
	tmpl_set(d, "INBOX_LIVE", inbox_live_channel(r->a));
	const char *presence = presence_get(r->db, r->a, r->who.id);
	if (!presence)
		return false;
	desk_choices(r, d, "PRESENCE_OPT", DESK_PRESENCES, presence);
	tmpl_set(d, "PRESENCE", presence);
	if (!(r->who.roles & (ROLE_SUPERVISOR | ROLE_ADMIN)))
		return true;
	tdict *s = tmpl_section(d, "SUPERVISOR");
	queue_row *qr;
	const agent_status *ag = x->agents;
	int nq = queues_list(r->db, r->a, r->tz, &qr), na = x->nagents;
	if (nq < 0)
		return false;
	for (int i = 0; i < nq; i++) {
		tdict *row = tmpl_section(s, "QUEUE");
		tmpl_set(row, "SKILL", *qr[i].skill ? qr[i].skill : tr(r, "any"));
		tmpl_set(row, "QLANG", qr[i].lang);
		tmpl_set_int(row, "WAITING", qr[i].waiting);
		tmpl_set(row, "OLDEST", qr[i].oldest);
	}
	if (nq == 0)
		tmpl_show(s, "NO_QUEUE");
	for (int i = 0; i < na; i++) {
		tdict *row = tmpl_section(s, "AGENT");
		tmpl_set(row, "AGENT_NAME", ag[i].name);
		tmpl_set(row, "AGENT_PRESENCE", desk_label(r, ag[i].presence));
		tmpl_set_int(row, "OPEN_LIVE", ag[i].open_live);
		tmpl_set_int(row, "MAX_LIVE", ag[i].max_live);
		tmpl_set_int(row, "OPEN_EMAIL", ag[i].open_email);
		tmpl_set_int(row, "MAX_EMAIL", ag[i].max_email);
	}
	return true;
}

static const char *title_with_count(req *r, long long unread)
{
	return unread > 0 ? arena_printf(r->a, "(%lld) %s", unread, tr(r, "Inbox")) : tr(r, "Inbox");
}

/* GET /admin/inbox — agents, supervisors, admins. Query: view (mine|unassigned|mentions|all), status
 * (open|pending|resolved|any), channel, team, priority, tag, snoozed (hide|only|any), q (search), sort
 * (recent|waiting|priority), page. */
int desk_index(req *r)
{
	inbox_query q;
	int page;
	desk_filters(r, &r->query, &q, &page);
	tdict *d = page_new(r, "admin/desk");
	tmpl_show(r->layout, "WIDE");
	tdict *list = tmpl_include(d, "LIST", arena_printf(r->a, "%s/admin/desk_list", r->lang));
	desk_ctx x;
	if (!desk_ctx_load(r, &x) || !fill_desk(r, d, &x) || !desk_fill_list(r, list, &x, &q, page, 0))
		return 500;
	tmpl_show(d, "NO_CONV");
	return page_render_title(r, 200, title_with_count(r, x.counts.unread));
}

/* GET /admin/inbox/list — staff. The list pane alone (same query as /admin/inbox, and current: the
 * conversation open beside it), for the page's script to swap in when the stream says something changed. */
int desk_list_fragment(req *r)
{
	inbox_query q;
	int page;
	int64_t current = 0;
	desk_filters(r, &r->query, &q, &page);
	if (!req_query_id(r, "current", &current))
		return 400;
	tdict *d = fragment_new(r, "admin/desk_list");
	desk_ctx x;
	if (!desk_ctx_load(r, &x) || !desk_fill_list(r, d, &x, &q, page, current))
		return 500;
	return page_render(r, 200, N_("Inbox"));
}

/* The canned answers; without a script one is picked with ?canned=ID and comes back in the composer. */
static bool fill_canned(req *r, tdict *d, const conversation *c, const char *kept, const char *qs)
{
	canned *list;
	int n = canned_list(r->db, r->a, &list);
	if (n < 0)
		return false;
	int64_t pick = 0;
	if (!req_query_id(r, "canned", &pick))
		pick = 0;
	for (int i = 0; i < n; i++) {
		tdict *o = tmpl_section(d, "CANNED");
		const char *text = canned_fill(r, list[i].body, c);
		tmpl_set_int(o, "CANNED_ID", list[i].id);
		tmpl_set(o, "TITLE", list[i].title);
		tmpl_set(o, "TEXT", text);
		if (list[i].id == pick && !*kept)
			kept = text;
	}
	tmpl_set(d, "BODY", kept);
	/* the list beside the conversation stays what it was */
	kvlist fields = { 0 };
	if (parse_urlencoded(r->a, qs, strlen(qs), &fields, 20, 400) == PARSE_OK)
		for (size_t i = 0; i < fields.n; i++) {
			tdict *f = tmpl_section(d, "LIST_FIELD");
			tmpl_set(f, "FIELD", fields.items[i].key);
			tmpl_set(f, "VALUE", fields.items[i].val);
		}
	return true;
}

static const char *event_text(req *r, const conv_event *e)
{
	static const struct { const char *kind, *msgid; } kinds[] = {
		{ "created", N_("started the conversation") }, { "assigned", N_("assigned it") },
		{ "transferred", N_("transferred it") }, { "unassigned", N_("put it back in the queue") },
		{ "agent_replied", N_("replied") }, { "customer_replied", N_("wrote") },
		{ "note_added", N_("added a note") }, { "status_changed", N_("changed the status") },
		{ "reopened", N_("reopened it") }, { "priority_changed", N_("changed the priority") },
		{ "snoozed", N_("snoozed it") }, { "unsnoozed", N_("woke it up") }, { "tagged", N_("added a tag") },
		{ "untagged", N_("removed a tag") }, { NULL, NULL },
	};
	for (int i = 0; kinds[i].kind; i++)
		if (strcmp(kinds[i].kind, e->kind) == 0)
			return tr(r, kinds[i].msgid);
	return e->kind;
}

static const char *event_value(req *r, const char *v, const agent_status *ag, int na)
{
	if (!v)
		return NULL;
	if (strncmp(v, "skill:", 6) == 0)
		return arena_printf(r->a, "%s: %s", tr(r, "team queue"), v + 6);
	if (str_is_digits(v)) /* a staff id */
		for (int i = 0; i < na; i++)
			if (ag[i].staff_id == strtoll(v, NULL, 10))
				return ag[i].name;
	if (one_of(v, DESK_STATUSES) || one_of(v, DESK_PRIORITIES))
		return desk_label(r, v);
	return v;
}

int desk_conv_page(req *r, const conversation *c, int status, const char *error, bool note_error)
{
	inbox_query q;
	int page;
	if (r->is_post) /* the list beside it is the one the form came from */
		desk_filters_of_form(r, &q, &page);
	else
		desk_filters(r, &r->query, &q, &page);
	message *m;
	bool more;
	int n = msgs_latest(r->db, r->a, c->id, true, r->tz, PAGE_MESSAGES, &more, &m);
	desk_ctx x;
	conv_event *ev;
	int ne = conv_events(r->db, r->a, c->id, r->tz, 100, &ev);
	if (n < 0 || ne < 0 || !desk_ctx_load(r, &x))
		return 500;
	const agent_status *ag = x.agents;
	int na = x.nagents;
	tdict *d = page_new(r, "admin/desk");
	tmpl_show(r->layout, "WIDE");
	tdict *list = tmpl_include(d, "LIST", arena_printf(r->a, "%s/admin/desk_list", r->lang));
	if (!fill_desk(r, d, &x) || !desk_fill_list(r, list, &x, &q, page, c->id))
		return 500;
	tdict *v = tmpl_section(d, "CONV");
	tmpl_show(d, "HAS_CONV");
	tmpl_set_int(d, "CONV_ID", c->id);
	const char *qs = desk_filters_qs(r, &q, page);
	tmpl_set(v, "LIST_QS", qs);
	tmpl_set(v, "BACK", arena_printf(r->a, "/admin/inbox%s%s", *qs ? "?" : "", qs));
	tmpl_set_int(v, "ID", c->id);
	tmpl_set_int(v, "LAST", n ? m[n - 1].id : 0);
	tmpl_set(v, "NAME", *c->name ? c->name : tr(r, "Visitor"));
	tmpl_set(v, "KIND", c->kind);
	tmpl_set(v, "CHANNEL", desk_label(r, c->kind));
	tmpl_set(v, "ACCOUNT", c->account);
	if (c->subject && *c->subject)
		tmpl_set(tmpl_section(v, "HAS_SUBJECT"), "SUBJECT", c->subject);
	tmpl_set(v, "STATUS", desk_label(r, c->status));
	tmpl_set(v, "STATUS_CODE", c->status);
	tmpl_set(v, "PRIORITY", desk_label(r, c->priority));
	tmpl_set(v, "PRIORITY_CODE", c->priority);
	tmpl_set(v, "ASSIGNEE", c->assignee ? arena_printf(r->a, "%s %s", tr(r, "Assigned to"), c->assignee)
					    : tr(r, "Unassigned"));
	tmpl_set(v, "TEAM", c->team ? c->team : "—");
	tmpl_set(v, "TOPIC", *c->topic ? c->topic : "—");
	tmpl_set(v, "CLANG", c->lang);
	tmpl_set(v, "SINCE", c->created_at);
	tmpl_set_int(v, "TRANSFERS", c->transfers);
	tmpl_show(v, strcmp(c->status, "resolved") == 0 ? "CAN_REOPEN" : "CAN_RESOLVE");
	if (c->snoozed_until)
		tmpl_set(tmpl_section(v, "IS_SNOOZED"), "SNOOZED_UNTIL", c->snoozed_until);
	else if (strcmp(c->status, "resolved") != 0)
		tmpl_show(v, "CAN_SNOOZE");
	if (c->offline)
		tmpl_show(v, "OFFLINE");
	if (c->follows_id)
		tmpl_set_int(tmpl_section(v, "FOLLOWS"), "FOLLOWS_ID", c->follows_id);
	if (more)
		tmpl_show(v, "EARLIER");
	tdict **rows = msgs_fill(r, v, m, n, true);
	if (!attachments_fill(r, rows, c->id, m, n, arena_printf(r->a, "/admin/inbox/%lld", (long long)c->id)))
		return 500;
	if (n)
		tmpl_show(rows[n - 1], "LATEST");

	/* the composer: a reply on the conversation's own channel, or a note only staff see */
	reply_way w = conv_reply_way(c);
	if (error)
		page_error_text(tmpl_section(v, note_error ? "NOTE_ERROR" : "REPLY_ERROR"), error);
	if (w.blocked) {
		tmpl_set(tmpl_section(v, "REPLY_BLOCKED"), "BLOCKED_TEXT", tr(r, w.blocked));
	} else {
		tdict *rp = tmpl_section(v, "REPLY_OK");
		tmpl_set_int(rp, "MAX_TEXT", (long long)w.max_text);
		tmpl_set(rp, "VIA", w.route == REPLY_MAIL ? tr(r, "by email") : desk_label(r, c->kind));
		if (w.max_upload > 0)
			tmpl_set_int(tmpl_section(rp, "CAN_ATTACH"), "MAX_UPLOAD_MB", w.max_upload / (1024 * 1024));
		if (!fill_canned(r, rp, c, note_error ? "" : req_form(r, "body"), qs))
			return 500;
		tmpl_set(rp, "CLIENT_ID", client_id_new(r));
	}
	tmpl_set(v, "NOTE_BODY", note_error ? req_form(r, "body") : "");
	tmpl_set(v, "NOTE_CLIENT_ID", client_id_new(r));
	for (int i = 0; i < na; i++) {
		tdict *o = tmpl_section(v, "AGENT_OPT");
		tmpl_set_int(o, "STAFF_ID", ag[i].staff_id);
		tmpl_set(o, "AGENT_NAME", ag[i].name);
		tmpl_set(o, "AGENT_PRESENCE", desk_label(r, ag[i].presence));
		if (ag[i].staff_id == c->assigned_to)
			tmpl_show(o, "SELECTED");
		if (ag[i].staff_id != r->who.id)
			tmpl_set(tmpl_section(v, "MENTION_OPT"), "MENTION_NAME", ag[i].name);
	}
	skill *sk;
	int ns = skills_list(r->db, r->a, &sk);
	for (int i = 0; i < ns; i++) {
		tdict *o = tmpl_section(v, "SKILL_OPT");
		tmpl_set(o, "CODE", sk[i].code);
		tmpl_set(o, "LABEL", tr(r, sk[i].title));
	}
	desk_choices(r, v, "STATUS_OPT", DESK_STATUSES, c->status);
	desk_choices(r, v, "PRIORITY_OPT", DESK_PRIORITIES, c->priority);
	if (c->assigned_to != r->who.id)
		tmpl_show(v, "CAN_TAKE");
	const char **tags;
	int nt = conv_tags(r->db, r->a, c->id, &tags);
	for (int i = 0; i < nt; i++)
		tmpl_set(tmpl_section(v, "TAG_ROW"), "TAG", tags[i]);
	for (int i = ne - 1; i >= 0; i--) { /* newest first */
		tdict *o = tmpl_section(v, "EVENT");
		tmpl_set(o, "EV_AT", ev[i].at);
		tmpl_set(o, "EV_WHO", ev[i].by_name ? ev[i].by_name
				      : strcmp(ev[i].actor, "customer") == 0 ? tr(r, "Customer") : tr(r, "CXMS"));
		tmpl_set(o, "EV_WHAT", event_text(r, &ev[i]));
		const char *from = event_value(r, ev[i].from_value, ag, na), *to = event_value(r, ev[i].to_value, ag, na);
		if (from || to)
			tmpl_set(tmpl_section(o, "EV_CHANGE"), "EV_VALUES",
				 arena_printf(r->a, "%s → %s", from ? from : "—", to ? to : "—"));
	}
	if (!desk_fill_customer(r, tmpl_section(d, "CUSTOMER"), c))
		return 500;
	return page_render_title(r, status, title_with_count(r, x.counts.unread));
}

/* GET /admin/inbox/{id} — staff. The desktop with this conversation open (same query as /admin/inbox
 * for the list beside it; canned: a canned answer to put in the composer). Opening it marks it read for
 * the viewer; reading the customer's record is logged. */
int desk_show(req *r)
{
	conversation c;
	int st = desk_load(r, &c);
	if (st)
		return st;
	/* bookkeeping on a GET, like sessions and the access log: only when there is something new */
	if ((c.unread || c.mentioned) && !conv_mark_read(r->db, r->a, r->who.id, c.id))
		return 500;
	return desk_conv_page(r, &c, 200, NULL, false);
}

/* GET /admin/inbox/{id}/messages — staff. Query: after. Notes included. Marks it read, as opening does. */
int desk_messages_json(req *r)
{
	conversation c;
	int st = desk_load(r, &c);
	if (st)
		return st;
	int64_t after;
	if (!req_query_id(r, "after", &after))
		return 400;
	/* the page fetches what is new while the agent has it open: it is read (as on opening it) */
	if ((c.unread || c.mentioned) && !conv_mark_read(r->db, r->a, r->who.id, c.id))
		return 500;
	return msgs_json(r, &c, after, true);
}

/* GET /admin/inbox/{id}/mails/{mid} — staff: a received mail as it came (message/rfc822), a download
 * that the browser neither shows nor runs. */
int desk_raw_mail(req *r)
{
	conversation c;
	int st = desk_load(r, &c);
	if (st)
		return st;
	const unsigned char *raw;
	size_t len;
	int64_t mid = req_param_id(r, "mid");
	int found = mid ? inbound_mail_raw(r->db, r->a, c.id, mid, &raw, &len) : 0;
	if (found <= 0)
		return found < 0 ? 500 : 404;
	r->status = 200;
	r->content_type_out = "message/rfc822";
	resp_header(r, "Content-Disposition", arena_printf(r->a, "attachment; filename=\"mail-%lld.eml\"", (long long)mid));
	resp_header(r, "Content-Security-Policy", "sandbox; default-src 'none'");
	buf_clear(r->out);
	buf_append(r->out, raw, len);
	return 200;
}

/* GET /admin/inbox/{id}/attachments/{aid} — staff. */
int desk_attachment(req *r)
{
	conversation c;
	int st = desk_load(r, &c);
	if (st)
		return st;
	return attachment_send(r, c.id, req_param_id(r, "aid"), true);
}
