/* admin/desk_actions.c: what agents do from the desktop: reply, note (with @mentions), assign and
 * transfer, status, priority, snooze, tags, bulk changes, presence, and starting a conversation */
#include "desk.h"
#include "desk_conv.h"
#include "../channels/kinds.h"
#include "../conv/attach.h"
#include "../conv/compose.h"
#include "../conv/notify.h"
#include "../conv/outbound.h"
#include "../core/auth.h"
#include "../core/live.h"
#include "../core/page.h"
#include "../data/channel_accounts.h"
#include "../data/data.h"
#include "../data/routing.h"
#include "../data/surveys.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ME ACTOR_OF_STAFF(r->who.id)
#define BULK_MAX 100

/* the list the form came from (its "list" field), as a query string of known filters ("" for the default) */
static const char *list_of_form(req *r)
{
	inbox_query q;
	int page;
	desk_filters_of_form(r, &q, &page);
	const char *canon = desk_filters_qs(r, &q, page);
	return *canon ? arena_printf(r->a, "?%s", canon) : "";
}

/* back to the conversation, with the list beside it that the form came from */
static int back(req *r, int64_t id)
{
	return redirect(r, arena_printf(r->a, "/admin/inbox/%lld%s#latest", (long long)id, list_of_form(r)));
}

/* After a change only staff see (a note, the priority, a snooze, a tag): the desktops hear of it, and
 * the agent goes back to the conversation. changed: as the data layer's change functions answer. */
static int staff_change_done(req *r, int64_t id, int changed)
{
	if (changed < 0)
		return 500;
	if (changed)
		conv_changed_staff(r, id);
	return back(r, id);
}

/* A posted staff id that names someone who answers conversations; 0 otherwise. */
static int64_t agent_id(const char *v, agent_status *ag, int na)
{
	if (!str_is_digits(v) || strlen(v) > 18)
		return 0;
	int64_t id = strtoll(v, NULL, 10);
	for (int i = 0; i < na; i++)
		if (ag[i].staff_id == id)
			return id;
	return 0;
}

/* Colleagues a note names: "@Their Name" in the text (whole name, any case), or ticked in the form's
 * "mention" list (no script needed). */
static int mentioned(req *r, const char *body, agent_status *ag, int na, int64_t **out)
{
	*out = arena_calloc(r->a, sizeof **out * (size_t)(na + 1));
	int n = 0;
	for (int i = 0; i < na; i++) {
		if (ag[i].staff_id == r->who.id)
			continue;
		bool named = false;
		size_t len = strlen(ag[i].name);
		for (const char *p = strchr(body, '@'); p && !named; p = strchr(p + 1, '@')) {
			const char *after = p + 1 + len;
			named = strncasecmp(p + 1, ag[i].name, len) == 0 &&
				(*after == '\0' || !((*after >= 'a' && *after <= 'z') || (*after >= 'A' && *after <= 'Z') ||
						     (*after >= '0' && *after <= '9') || (unsigned char)*after >= 0x80));
		}
		for (size_t k = 0; k < r->form.n && !named; k++)
			named = strcmp(r->form.items[k].key, "mention") == 0 &&
				strcmp(r->form.items[k].val, ag[i].name) == 0;
		if (named)
			(*out)[n++] = ag[i].staff_id;
	}
	return n;
}

/* POST /admin/inbox/{id}/messages — staff. Fields: kind (reply|note), body, client_id (the form's id:
 * posted twice, stored once), mention (names to notify, repeated), file (attachments, multipart), list.
 * A reply goes out on the conversation's channel (and makes it the replier's if nobody had it); a note
 * only staff see. ?js=1 answers JSON. */
int desk_reply_submit(req *r)
{
	conversation c;
	int st = desk_load(r, &c);
	if (st)
		return st;
	const char *kind = req_form(r, "kind");
	bool note = strcmp(kind, "note") == 0, js = strcmp(req_query(r, "js"), "1") == 0;
	if (!note && strcmp(kind, "reply") != 0)
		return 400;
	const char *body = str_trim(r->a, req_form(r, "body"));
	reply_way w = conv_reply_way(&c);
	int status = 400;
	const char *problem = NULL;
	if (!note && w.blocked) {
		status = 409;
		problem = tr(r, w.blocked);
	}
	if (!problem && (*body || !uploads_present(r)))
		problem = body_problem(r, body, note ? MESSAGE_MAX_CHARS : w.max_text, &status);
	if (!problem)
		problem = uploads_problem(r, note ? channel_kind_get("web")->max_upload : w.max_upload, &status);
	const char *client_id = req_form(r, "client_id");
	if (!problem && *client_id && !client_id_valid(client_id))
		problem = tr(r, "The request could not be understood. Please check what you entered and try again.");
	if (problem)
		return js ? error_page_text(r, status, problem) : desk_conv_page(r, &c, status, problem, note);
	const char *external = *client_id ? message_key(r, "desk", client_id, body) : NULL;
	bool dup = false;
	int64_t mid;
	if (note) {
		msg_new m = { .conversation_id = c.id, .kind = MSG_NOTE, .staff_id = r->who.id, .body = body,
			      .external_id = external };
		mid = msg_add(r->db, r->a, &m, &dup);
		if (mid < 0 || (mid == 0 && !dup))
			return 500;
		if (!dup) {
			agent_status *ag;
			int na = agents_list_names(r->db, r->a, &ag);
			int64_t *ids;
			int nm = na < 0 ? -1 : mentioned(r, body, ag, na, &ids);
			if (nm < 0 || !mentions_add(r->db, r->a, c.id, mid, r->who.id, ids, nm))
				return 500;
			for (int i = 0; i < nm; i++)
				staff_notify(r, ids[i], "mention", c.id);
			conv_changed_staff(r, c.id);
		}
	} else {
		const char *blocked;
		mid = conv_reply(r, &c, body, external, &dup, &blocked);
		if (mid < 0)
			return 500;
		if (mid == 0)
			return js ? error_page_text(r, 409, tr(r, blocked)) : desk_conv_page(r, &c, 409, tr(r, blocked), false);
	}
	if (!dup && !attach_uploads(r, c.id, mid))
		return 500;
	if (js)
		return resp_text(r, 200, "application/json; charset=utf-8",
				 arena_printf(r->a, "{\"id\":%lld}", (long long)mid));
	return back(r, c.id);
}

/* POST /admin/inbox/{id}/typing — staff. Tells a web chat's customer; nothing is stored. */
int desk_typing_submit(req *r)
{
	conversation c;
	int st = desk_load(r, &c);
	if (st)
		return st;
	if (c.live_channel)
		live_publish_after_commit(r, c.live_channel, "{\"t\":\"typing\",\"who\":\"agent\"}");
	return resp_text(r, 200, "application/json; charset=utf-8", "{}");
}

static bool system_line(req *r, int64_t conv, const char *code, int64_t staff)
{
	bool dup;
	msg_new m = { .conversation_id = conv, .kind = MSG_SYSTEM, .code = code, .staff_id = staff };
	return msg_add(r->db, r->a, &m, &dup) > 0;
}

/* Assigns conversation c to staff (already checked), as the viewer; tells the new assignee. */
static int assign_to(req *r, const conversation *c, int64_t staff)
{
	bool moved = false;
	int changed = conv_assign(r->db, r->a, c->id, staff, ME, &moved);
	if (changed < 0)
		return 500;
	if (!changed)
		return 0;
	if (!system_line(r, c->id, moved ? "transferred" : "joined", staff))
		return 500;
	if (staff != r->who.id)
		staff_notify(r, staff, "assigned", c->id);
	conv_changed(r, c->id);
	return 0;
}

/* POST /admin/inbox/{id}/assign — staff. Fields: to = "me", a staff id, "nobody" (back to the queue) or
 * "skill:<code>" (transfer to that skill's team queue), list. */
int desk_assign_submit(req *r)
{
	conversation c;
	int st = desk_load(r, &c);
	if (st)
		return st;
	const char *to = req_form(r, "to");
	if (strncmp(to, "skill:", 6) == 0 || strcmp(to, "nobody") == 0) {
		bool nobody = to[0] == 'n';
		int changed = nobody ? conv_assign(r->db, r->a, c.id, 0, ME, &(bool){ false })
				     : conv_requeue(r->db, r->a, c.id, to + 6, ME);
		if (changed < 0)
			return 500;
		if (!changed && !nobody)
			return 400; /* no such skill */
		if (changed && !system_line(r, c.id, "queued", 0))
			return 500;
		if (!conv_route_and_notify(r))
			return 500;
		conv_changed(r, c.id);
		return back(r, c.id);
	}
	agent_status *ag;
	int na = agents_list_names(r->db, r->a, &ag);
	if (na < 0)
		return 500;
	int64_t staff = strcmp(to, "me") == 0 ? agent_id(db_id(r->a, r->who.id), ag, na) : agent_id(to, ag, na);
	if (!staff)
		return 400;
	st = assign_to(r, &c, staff);
	return st ? st : back(r, c.id);
}

/* Resolves, reopens or parks c, with the line the customer sees and what resolving sets off. */
static int set_status(req *r, const conversation *c, const char *s)
{
	int changed = conv_set_status(r->db, r->a, c->id, s, ME);
	if (changed < 0)
		return 500;
	if (!changed)
		return 0;
	bool resolved = strcmp(s, "resolved") == 0;
	const char *code = resolved ? "resolved" : strcmp(c->status, "resolved") == 0 ? "reopened" : NULL;
	if (code && !system_line(r, c->id, code, r->who.id))
		return 500;
	/* the customer is asked how it went (in the chat, or by mail), and a place in the queue frees */
	if (resolved && (!surveys_on_conversation_resolved(r->db, r->a, c->id) || !conv_route_and_notify(r)))
		return 500;
	conv_changed(r, c->id);
	return 0;
}

/* POST /admin/inbox/{id}/status — staff. Fields: status (open|pending|resolved), list. */
int desk_status_submit(req *r)
{
	conversation c;
	int st = desk_load(r, &c);
	if (st)
		return st;
	const char *s = req_form(r, "status");
	if (!one_of(s, DESK_STATUSES))
		return 400;
	st = set_status(r, &c, s);
	return st ? st : back(r, c.id);
}

/* POST /admin/inbox/{id}/priority — staff. Fields: priority (urgent|high|normal|low), list. */
int desk_priority_submit(req *r)
{
	conversation c;
	int st = desk_load(r, &c);
	if (st)
		return st;
	const char *p = req_form(r, "priority");
	if (!one_of(p, DESK_PRIORITIES))
		return 400;
	return staff_change_done(r, c.id, conv_set_priority(r->db, r->a, c.id, p, ME));
}

/* POST /admin/inbox/{id}/snooze — staff. Fields: preset (hour|tomorrow|week) or until
 * (YYYY-MM-DDTHH:MM in the viewer's time zone, in the future), or wake=1 to end the snooze; list.
 * It comes back by itself at that time, or when the customer writes. */
int desk_snooze_submit(req *r)
{
	conversation c;
	int st = desk_load(r, &c);
	if (st)
		return st;
	int changed;
	if (strcmp(req_form(r, "wake"), "1") == 0) {
		changed = conv_unsnooze(r->db, r->a, c.id, ME);
	} else {
		static const char *const presets[] = { "hour", "tomorrow", "week", NULL };
		const char *preset = req_form(r, "preset"), *until = req_form(r, "until");
		if (*preset ? !one_of(preset, presets) : !datetime_local_valid(until))
			return desk_conv_page(r, &c, 400, tr(r, "Please choose when the conversation should come back."), false);
		changed = conv_snooze(r->db, r->a, c.id, *preset ? "" : until, preset, r->tz, ME);
		if (changed == 0)
			return desk_conv_page(r, &c, 400, tr(r, "A snooze ends in the future, and a resolved conversation cannot be snoozed."), false);
	}
	return staff_change_done(r, c.id, changed);
}

/* POST /admin/inbox/{id}/tags — staff. Fields: add (a tag: a-z 0-9 - _) or remove, list. */
int desk_tags_submit(req *r)
{
	conversation c;
	int st = desk_load(r, &c);
	if (st)
		return st;
	const char *add = str_trim(r->a, req_form(r, "add"));
	const char *rm = req_form(r, "remove");
	int changed;
	if (*add) {
		if (!tag_valid(add))
			return desk_conv_page(r, &c, 400, tr(r, "A tag is 1 to 40 lowercase letters, digits, - or _."), false);
		changed = conv_tag_add(r->db, r->a, c.id, add, ME);
	} else if (*rm) {
		changed = conv_tag_remove(r->db, r->a, c.id, rm, ME);
	} else {
		return 400;
	}
	return staff_change_done(r, c.id, changed);
}

/* POST /admin/inbox/bulk — staff. Fields: id (repeated, at most 100), action (assign_me | assign |
 * resolve | tag), to (a staff id, for assign), tag (for tag), list (the list's query, to go back to). */
int desk_bulk_submit(req *r)
{
	const char *action = req_form(r, "action");
	static const char *const actions[] = { "assign_me", "assign", "resolve", "tag", NULL };
	if (!one_of(action, actions))
		return error_page_msg(r, 400, N_("Please choose what to do with the conversations."));
	agent_status *ag;
	int na = agents_list_names(r->db, r->a, &ag);
	if (na < 0)
		return 500;
	int64_t staff = strcmp(action, "assign_me") == 0 ? agent_id(db_id(r->a, r->who.id), ag, na)
			: strcmp(action, "assign") == 0	    ? agent_id(req_form(r, "to"), ag, na)
							    : 0;
	const char *tag = str_trim(r->a, req_form(r, "tag"));
	if ((strncmp(action, "assign", 6) == 0 && !staff) || (strcmp(action, "tag") == 0 && !tag_valid(tag)))
		return error_page_msg(r, 400, N_("Please choose an agent, or a tag of 1 to 40 lowercase letters, digits, - or _."));
	int chosen = 0;
	for (size_t i = 0; i < r->form.n; i++) {
		const char *v = r->form.items[i].val;
		if (strcmp(r->form.items[i].key, "id") == 0 && (!str_is_digits(v) || strlen(v) > 18 || ++chosen > BULK_MAX))
			return error_page_msg(r, 400, N_("Please choose at most 100 conversations from the list."));
	}
	int done = 0;
	for (size_t i = 0; i < r->form.n; i++) {
		if (strcmp(r->form.items[i].key, "id") != 0)
			continue;
		const char *v = r->form.items[i].val;
		conversation c;
		int found = conv_get(r->db, r->a, strtoll(v, NULL, 10), r->tz, r->who.id, &c);
		if (found < 0)
			return 500;
		if (!found)
			return 404;
		int st = staff ? assign_to(r, &c, staff) : strcmp(action, "resolve") == 0 ? set_status(r, &c, "resolved")
			: conv_tag_add(r->db, r->a, c.id, tag, ME) < 0 ? 500 : 0;
		if (st)
			return st;
		if (strcmp(action, "tag") == 0)
			conv_changed_staff(r, c.id);
		done++;
	}
	if (!done)
		return error_page_msg(r, 400, N_("Please choose at least one conversation from the list."));
	return redirect_flash(r, arena_printf(r->a, "/admin/inbox%s", list_of_form(r)), "bulk_done");
}

/* POST /admin/inbox/presence — staff. Fields: presence (online|away|offline). Going online takes
 * waiting conversations. */
int desk_presence_submit(req *r)
{
	const char *p = req_form(r, "presence");
	if (!one_of(p, DESK_PRESENCES))
		return 400;
	if (!presence_set(r->db, r->a, r->who.id, p))
		return 500;
	if (strcmp(p, "online") == 0 && !conv_route_and_notify(r))
		return 500;
	live_publish_after_commit(r, inbox_live_channel(r->a), "{\"t\":\"presence\"}");
	const char *next = req_form(r, "next");
	return redirect(r, strncmp(next, "/admin/inbox", 12) == 0 && local_path_ok(next) ? next : "/admin/inbox");
}

/* ---- starting a conversation ---- */

static int new_page(req *r, int status, const char *error)
{
	channel_account *acc;
	int n = channel_accounts_list(r->db, r->a, r->tz, &acc);
	if (n < 0)
		return 500;
	tdict *d = page_new(r, "admin/desk_new");
	if (error)
		page_error_text(d, error);
	const char *chosen = req_form(r, "account");
	int usable = 0;
	for (int i = 0; i < n; i++) {
		const channel_kind *k = channel_kind_get(acc[i].kind);
		if (!acc[i].active || !k || k->reply != REPLY_MAIL)
			continue; /* a conversation can be started where a message can be sent first */
		tdict *o = tmpl_section(d, "ACCOUNT_OPT");
		tmpl_set_int(o, "ACCOUNT_ID", acc[i].id);
		tmpl_set(o, "ACCOUNT_NAME", acc[i].name);
		tmpl_set(o, "ACCOUNT_KIND", tr(r, k->label));
		if (strcmp(chosen, db_id(r->a, acc[i].id)) == 0)
			tmpl_show(o, "SELECTED");
		usable++;
	}
	if (!usable)
		tmpl_show(d, "NO_ACCOUNT");
	tmpl_set(d, "EMAIL", req_form(r, "email"));
	tmpl_set(d, "SUBJECT", req_form(r, "subject"));
	tmpl_set(d, "BODY", req_form(r, "body"));
	return page_render(r, status, N_("New conversation"));
}

/* GET /admin/inbox/new — staff. */
int desk_new_form(req *r)
{
	return new_page(r, 200, NULL);
}

/* POST /admin/inbox/new — staff. Fields: account (a channel account that sends by email), email (a
 * customer's address), subject, body. Starts a conversation that is the sender's, with the first
 * message sent. */
int desk_new_submit(req *r)
{
	const char *email = str_trim(r->a, req_form(r, "email"));
	const char *subject = str_trim(r->a, req_form(r, "subject"));
	const char *body = str_trim(r->a, req_form(r, "body"));
	const char *acc_id = req_form(r, "account");
	channel_account acc;
	int found = str_is_digits(acc_id) && strlen(acc_id) < 18
		? channel_account_get(r->db, r->a, strtoll(acc_id, NULL, 10), r->tz, &acc) : 0;
	if (found < 0)
		return 500;
	const channel_kind *k = found ? channel_kind_get(acc.kind) : NULL;
	if (!found || !acc.active || !k || k->reply != REPLY_MAIL)
		return new_page(r, 400, tr(r, "Please choose a channel from the list."));
	account cust;
	if (!email_plausible(email) || !account_by_email(r->db, r->a, ACCOUNT_CUSTOMER, email, &cust))
		return new_page(r, 400, tr(r, "Please give the email address of one of your customers."));
	if (!*subject || utf8_length(subject) > 200 || !utf8_valid(subject, strlen(subject)))
		return new_page(r, 400, tr(r, "Please give a subject (at most 200 characters)."));
	int status;
	const char *problem = body_problem(r, body, k->max_text, &status);
	if (problem)
		return new_page(r, status, problem);
	conv_new n = { .channel_account_id = acc.id, .customer_id = cust.id, .subject = subject,
		       .lang = cust.lang ? cust.lang : "en", .by = ME };
	int64_t id = conv_create(r->db, r->a, &n);
	if (id < 0)
		return 500;
	if (id == 0)
		return new_page(r, 400, tr(r, "Please choose a channel from the list."));
	conversation c;
	if (conv_get(r->db, r->a, id, r->tz, r->who.id, &c) != 1)
		return 500;
	bool dup;
	const char *blocked;
	int64_t mid = conv_reply(r, &c, body, NULL, &dup, &blocked);
	if (mid < 0)
		return 500;
	if (mid == 0)
		return new_page(r, 409, tr(r, blocked));
	return redirect(r, arena_printf(r->a, "/admin/inbox/%lld#latest", (long long)id));
}
