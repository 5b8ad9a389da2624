/* conv/display.c: messages as pages and live updates show them */
#include "display.h"
#include "../core/config.h"
#include "../core/page.h"
#include "../data/attachments.h"
#include "../data/routing.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

const char *msg_class(const message *m)
{
	return m->internal ? "note" : m->author;
}

static const char *fill_name(req *r, const char *msgid, const char *name)
{
	const char *t = tr(r, msgid);
	const char *at = strstr(t, "{name}");
	if (!at)
		return t;
	return arena_printf(r->a, "%.*s%s%s", (int)(at - t), t, name ? name : tr(r, "An agent"), at + 6);
}

const char *msg_text(req *r, const message *m)
{
	if (strcmp(m->author, "system") != 0)
		return m->body;
	const char *code = m->code ? m->code : "";
	if (strcmp(code, "joined") == 0)
		return fill_name(r, N_("{name} joined the conversation."), m->by_name);
	if (strcmp(code, "transferred") == 0)
		return fill_name(r, N_("You were transferred to {name}."), m->by_name);
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

const char *msg_who(req *r, const message *m, bool staff)
{
	if (strcmp(m->author, "customer") == 0)
		return staff ? tr(r, "Customer") : tr(r, "You");
	if (strcmp(m->author, "agent") == 0)
		return m->by_name ? m->by_name : tr(r, "Agent");
	if (strcmp(m->author, "bot") == 0)
		return tr(r, "Assistant");
	return "";
}

/* An agent's message that carries this site's survey link (the CSAT after a resolved chat) gets
 * a real link to it: the local path "/s/<token>", or NULL. Only that exact shape is linked, so
 * no text a person typed ever becomes a link. */
static const char *survey_link(req *r, const message *m)
{
	if (strcmp(m->author, "agent") != 0 || m->internal || !m->body || !cfg.base_url)
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

static const char *delivery_label(req *r, const message *m)
{
	if (!m->delivery)
		return NULL;
	if (strcmp(m->delivery, "queued") == 0)
		return tr(r, "queued");
	if (strcmp(m->delivery, "sent") == 0)
		return tr(r, "sent");
	if (strcmp(m->delivery, "delivered") == 0)
		return tr(r, "delivered");
	if (strcmp(m->delivery, "read") == 0)
		return tr(r, "read");
	return tr(r, "not delivered");
}

tdict **msgs_fill(req *r, tdict *d, const message *m, int n, bool staff)
{
	tdict **rows = arena_calloc(r->a, sizeof *rows * (size_t)(n + 1));
	for (int i = 0; i < n; i++) {
		tdict *row = rows[i] = tmpl_section(d, "MSG");
		tmpl_set_int(row, "MSG_ID", m[i].id);
		tmpl_set(row, "KIND", msg_class(&m[i]));
		tmpl_set(row, "TEXT", msg_text(r, &m[i]));
		tmpl_set(row, "AT", m[i].created_at);
		tmpl_set(row, "WHO", msg_who(r, &m[i], staff));
		if (m[i].subject)
			tmpl_set(tmpl_section(row, "SUBJECT"), "MSG_SUBJECT", m[i].subject);
		if (m[i].internal)
			tmpl_show(row, "NOTE");
		const char *link = staff ? NULL : survey_link(r, &m[i]);
		if (link)
			tmpl_set(tmpl_section(row, "SURVEY_LINK"), "HREF", link);
		if (staff && m[i].inbound_mail)
			tmpl_set_int(tmpl_section(row, "RAW_MAIL"), "MAIL_ID", m[i].inbound_mail);
		const char *delivery = staff ? delivery_label(r, &m[i]) : NULL;
		if (delivery) {
			tdict *dl = tmpl_section(row, "DELIVERY");
			tmpl_set(dl, "STATE", delivery);
			if (strcmp(m[i].delivery, "failed") == 0) {
				tmpl_show(dl, "FAILED");
				tmpl_set(dl, "REASON", m[i].delivery_error ? m[i].delivery_error : "");
			}
		}
	}
	return rows;
}

static void json_text(req *r, json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	resp_text(r, 200, "application/json; charset=utf-8", s ? arena_strdup(r->a, s) : "{}");
	free(s);
}

int msgs_json(req *r, const conversation *c, int64_t after, bool staff)
{
	message *m;
	int n = msgs_after(r->db, r->a, c->id, after, staff, r->tz, 500, &m);
	if (n < 0)
		return 500;
	int queue = queue_position(r->db, c->id);
	if (queue < 0)
		return 500;
	json_t *o = json_object();
	json_object_set_new(o, "live", c->live_channel ? json_string(c->live_channel) : json_null());
	json_object_set_new(o, "status", json_string(c->status));
	json_object_set_new(o, "agent", c->assignee ? json_string(c->assignee) : json_null());
	json_object_set_new(o, "queue", json_integer(queue));
	json_t *arr = json_array();
	for (int i = 0; i < n; i++) {
		json_t *x = json_object();
		json_object_set_new(x, "id", json_integer(m[i].id));
		json_object_set_new(x, "kind", json_string(msg_class(&m[i])));
		json_object_set_new(x, "text", json_string(msg_text(r, &m[i])));
		const char *link = staff ? NULL : survey_link(r, &m[i]);
		if (link)
			json_object_set_new(x, "link", json_string(link));
		json_object_set_new(x, "who", json_string(msg_who(r, &m[i], staff)));
		json_object_set_new(x, "at", json_string(m[i].created_at ? m[i].created_at : ""));
		if (staff && m[i].delivery)
			json_object_set_new(x, "delivery", json_string(delivery_label(r, &m[i])));
		if (staff && m[i].inbound_mail)
			json_object_set_new(x, "mail", json_integer(m[i].inbound_mail));
		if (m[i].attachments > 0) {
			attachment *att;
			int na = attachments_of_message(r->db, r->a, m[i].id, &att);
			if (na < 0) {
				json_decref(o);
				json_decref(arr);
				json_decref(x);
				return 500;
			}
			json_t *files = json_array();
			for (int k = 0; k < na; k++)
				json_array_append_new(files, json_pack("{s:I,s:s,s:I,s:b}", "id", (json_int_t)att[k].id,
								       "name", att[k].filename, "size",
								       (json_int_t)att[k].size, "image",
								       att[k].inline_image));
			json_object_set_new(x, "files", files);
		}
		json_array_append_new(arr, x);
	}
	json_object_set_new(o, "messages", arr);
	json_text(r, o);
	return 200;
}
