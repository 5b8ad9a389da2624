/* admin/outbox.c: the mails the system sent or stored (admins only) */
#include "../handlers.h"
#include "../core/config.h"
#include "../core/page.h"
#include "../data/data.h"

/* GET /admin/outbox — admin. The newest 200 mails. */
int outbox_index(req *r)
{
	mail *m;
	int n = mails_list(r->db, r->a, r->tz, 200, &m);
	if (n < 0)
		return 500;
	tdict *d = page_new(r, "admin/outbox");
	tmpl_show(d, cfg.smtp_url ? "SMTP" : "STORED_ONLY");
	for (int i = 0; i < n; i++) {
		tdict *row = tmpl_section(d, "ROW");
		tmpl_set_int(row, "ID", m[i].id);
		tmpl_set(row, "CREATED", m[i].created_at);
		tmpl_set(row, "TO", m[i].to);
		tmpl_set(row, "SUBJECT", m[i].subject);
		tmpl_set(row, "STATUS", m[i].status);
	}
	if (n == 0)
		tmpl_show(d, "EMPTY");
	return page_render(r, 200, N_("Outbox"));
}

/* GET /admin/outbox/{id} — admin. */
int outbox_show(req *r)
{
	mail m;
	int64_t id = req_param_id(r, "id");
	if (!id || !mail_get(r->db, r->a, id, &m))
		return 404;
	tdict *d = page_new(r, "admin/outbox_mail");
	tmpl_set(d, "SUBJECT", m.subject);
	tmpl_set(d, "TO", m.to);
	tmpl_set(d, "CREATED", m.created_at);
	tmpl_set(d, "STATUS", m.status);
	tmpl_set(d, "BODY", m.body);
	if (m.last_error)
		tmpl_set(tmpl_section(d, "ERROR"), "LAST_ERROR", m.last_error);
	/* a reply on an email conversation: the headers that thread it, as sent */
	const struct { const char *section, *value; } headers[] = {
		{ "FROM", m.headers.from }, { "REPLY_TO", m.headers.reply_to }, { "MESSAGE_ID", m.headers.message_id },
		{ "IN_REPLY_TO", m.headers.in_reply_to }, { "REFERENCES", m.headers.references },
	};
	for (size_t i = 0; i < sizeof headers / sizeof headers[0]; i++)
		if (headers[i].value)
			tmpl_set(tmpl_section(d, headers[i].section), "VALUE", headers[i].value);
	if (m.headers.auto_submitted)
		tmpl_section(d, "AUTO_SUBMITTED");
	return page_render_title(r, 200, m.subject);
}
