/* admin/channels.c: channel accounts, the configured ways in (admins). Secrets are write-only: the page
 * says whether each is set and shows its last four characters, never the value. */
#include "admin_pages.h"
#include "../channels/kinds.h"
#include "../core/page.h"
#include "../data/channel_accounts.h"
#include "../data/routing.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SECRET 4096

static const char *reply_text(req *r, const channel_kind *k)
{
	switch (k->reply) {
	case REPLY_LIVE: return tr(r, "in the chat, at once");
	case REPLY_MAIL: return tr(r, "by email, from the outbox");
	case REPLY_NOTES_ONLY: return tr(r, "not in writing (calls are logged with notes)");
	default: return tr(r, "not yet: CXMS has no connector for it");
	}
}

static const char *secret_label(req *r, const char *field)
{
	static const struct { const char *field, *msgid; } labels[] = {
		{ "imap_password", N_("IMAP password") }, { "smtp_password", N_("SMTP password") },
		{ "auth_token", N_("Auth token") }, { "app_secret", N_("App secret") },
		{ "access_token", N_("Access token") }, { "verify_token", N_("Webhook verify token") },
		{ "bot_token", N_("Bot token") }, { "secret_token", N_("Webhook secret token") },
		{ "cti_token", N_("CTI token") }, { NULL, NULL },
	};
	for (int i = 0; labels[i].field; i++)
		if (strcmp(labels[i].field, field) == 0)
			return tr(r, labels[i].msgid);
	return field;
}

/* GET /admin/channels — admins. */
int channels_index(req *r)
{
	channel_account *acc;
	int n = channel_accounts_list(r->db, r->a, r->tz, &acc);
	if (n < 0)
		return 500;
	tdict *d = page_new(r, "admin/channels");
	for (int i = 0; i < n; i++) {
		const channel_kind *k = channel_kind_get(acc[i].kind);
		tdict *row = tmpl_section(d, "ROW");
		tmpl_set_int(row, "ID", acc[i].id);
		tmpl_set(row, "NAME", acc[i].name);
		tmpl_set(row, "KIND", acc[i].kind);
		tmpl_set(row, "KIND_LABEL", k ? tr(r, k->label) : acc[i].kind);
		tmpl_set(row, "ADDRESS", acc[i].address);
		tmpl_set(row, "TEAM", acc[i].team ? acc[i].team : "—");
		tmpl_set_int(row, "OPEN", acc[i].open_conversations);
		tmpl_set(row, "REPLIES", k ? reply_text(r, k) : "");
		if (!acc[i].active)
			tmpl_show(row, "INACTIVE");
	}
	for (int i = 0; channel_kinds[i].code; i++) {
		if (strcmp(channel_kinds[i].code, "web") == 0)
			continue; /* the portal has its one web chat */
		tdict *o = tmpl_section(d, "KIND_OPT");
		tmpl_set(o, "CODE", channel_kinds[i].code);
		tmpl_set(o, "LABEL", tr(r, channel_kinds[i].label));
	}
	return page_render(r, 200, N_("Channels"));
}

static bool fill_refs(req *r, tdict *d, int64_t team_id, const char *skill_code)
{
	team *tm;
	skill *sk;
	int nt = teams_list(r->db, r->a, &tm), ns = skills_list(r->db, r->a, &sk);
	if (nt < 0 || ns < 0)
		return false;
	for (int i = 0; i < nt; i++) {
		tdict *o = tmpl_section(d, "TEAM_OPT");
		tmpl_set_int(o, "TEAM_ID", tm[i].id);
		tmpl_set(o, "TEAM_NAME", tm[i].name);
		if (tm[i].id == team_id)
			tmpl_show(o, "SELECTED");
	}
	for (int i = 0; i < ns; i++) {
		tdict *o = tmpl_section(d, "SKILL_OPT");
		tmpl_set(o, "CODE", sk[i].code);
		tmpl_set(o, "LABEL", tr(r, sk[i].title));
		if (skill_code && strcmp(sk[i].code, skill_code) == 0)
			tmpl_show(o, "SELECTED");
	}
	return true;
}

/* The account form: new (acc NULL, kind k) or an existing account. Shown again with the input kept. */
static int form_page(req *r, int status, const char *error, const channel_account *acc, const channel_kind *k)
{
	tdict *d = page_new(r, "admin/channel_form");
	if (error)
		page_error_text(d, error);
	bool again = r->is_post;
	tmpl_set(d, "KIND", k->code);
	tmpl_set(d, "KIND_LABEL", tr(r, k->label));
	tmpl_set(d, "REPLIES", reply_text(r, k));
	tmpl_set(d, "NAME", again ? req_form(r, "name") : acc ? acc->name : "");
	tmpl_set(d, "ADDRESS", again ? req_form(r, "address") : acc ? acc->address : "");
	bool active = again ? strcmp(req_form(r, "active"), "1") == 0 : acc ? acc->active : true;
	if (active)
		tmpl_show(d, "ACTIVE");
	int64_t team_id = again ? strtoll(req_form(r, "team"), NULL, 10) : acc ? acc->team_id : 0;
	if (!fill_refs(r, d, team_id, again ? req_form(r, "skill") : acc ? acc->skill : ""))
		return 500;
	if (acc) {
		tmpl_set(d, "ACTION", arena_printf(r->a, "/admin/channels/%lld", (long long)acc->id));
		tmpl_show(d, "EDIT");
		json_t *secrets = NULL;
		const char *json = channel_secrets_open(r->a, acc->id, acc->secrets_sealed);
		if (json)
			secrets = json_loads(json, 0, NULL);
		else if (acc->secrets_sealed)
			tmpl_show(d, "SECRETS_UNREADABLE");
		for (int i = 0; k->secret_fields[i]; i++) {
			tdict *o = tmpl_section(d, "SECRET");
			tmpl_set(o, "FIELD", k->secret_fields[i]);
			tmpl_set(o, "LABEL", secret_label(r, k->secret_fields[i]));
			const char *v = json_string_value(json_object_get(secrets, k->secret_fields[i]));
			if (v && strlen(v) >= 8)
				tmpl_set(tmpl_section(o, "IS_SET"), "ENDS", v + strlen(v) - 4);
			else if (v)
				tmpl_set(tmpl_section(o, "IS_SET"), "ENDS", "…");
			else
				tmpl_show(o, "NOT_SET");
		}
		json_decref(secrets);
	} else {
		tmpl_set(d, "ACTION", "/admin/channels");
		for (int i = 0; k->secret_fields[i]; i++) {
			tdict *o = tmpl_section(d, "SECRET");
			tmpl_set(o, "FIELD", k->secret_fields[i]);
			tmpl_set(o, "LABEL", secret_label(r, k->secret_fields[i]));
			tmpl_show(o, "NOT_SET");
		}
	}
	return page_render(r, status, acc ? N_("Channel") : N_("New channel"));
}

/* GET /admin/channels/new — admins. Query: kind. */
int channel_new_form(req *r)
{
	const channel_kind *k = channel_kind_get(req_query(r, "kind"));
	if (!k || strcmp(k->code, "web") == 0)
		return error_page_msg(r, 400, N_("Please choose a kind of channel from the list."));
	return form_page(r, 200, NULL, NULL, k);
}

/* the form's fields; NULL when they are fine, else the problem (translated) */
static const char *read_input(req *r, channel_account_input *in)
{
	in->name = str_trim(r->a, req_form(r, "name"));
	in->address = str_trim(r->a, req_form(r, "address"));
	in->skill = req_form(r, "skill");
	const char *team_id = req_form(r, "team");
	in->team_id = str_is_digits(team_id) && strlen(team_id) < 18 ? strtoll(team_id, NULL, 10) : 0;
	in->active = strcmp(req_form(r, "active"), "1") == 0;
	if (!*in->name || utf8_length(in->name) > 100 || !utf8_valid(in->name, strlen(in->name)))
		return tr(r, "Please give the channel a name (at most 100 characters).");
	if (utf8_length(in->address) > 254 || !utf8_valid(in->address, strlen(in->address)))
		return tr(r, "The address can be at most 254 characters long.");
	return NULL;
}

/* The secrets after this form: new values replace, "clear_<field>" removes, empty keeps. NULL: none
 * left. *problem on a bad value. */
static const char *merged_secrets(req *r, const channel_account *acc, const channel_kind *k, const char **problem)
{
	json_t *o = NULL;
	const char *json = acc ? channel_secrets_open(r->a, acc->id, acc->secrets_sealed) : NULL;
	if (json)
		o = json_loads(json, 0, NULL);
	if (!json_is_object(o)) {
		json_decref(o);
		o = json_object();
	}
	*problem = NULL;
	for (int i = 0; k->secret_fields[i]; i++) {
		const char *f = k->secret_fields[i];
		const char *v = req_form(r, f);
		if (strcmp(req_form(r, arena_printf(r->a, "clear_%s", f)), "1") == 0)
			json_object_del(o, f);
		else if (*v) {
			if (strlen(v) > MAX_SECRET || !utf8_valid(v, strlen(v)))
				*problem = tr(r, "A secret can be at most 4096 characters of text.");
			else
				json_object_set_new(o, f, json_string(v));
		}
	}
	const char *out = NULL;
	if (json_object_size(o) > 0) {
		char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
		out = s ? arena_strdup(r->a, s) : NULL;
		free(s);
	}
	json_decref(o);
	return out;
}

/* POST /admin/channels — admins. Fields: kind, name, address, team, skill, active, and the kind's
 * secrets. */
int channel_create_submit(req *r)
{
	const channel_kind *k = channel_kind_get(req_form(r, "kind"));
	if (!k || strcmp(k->code, "web") == 0)
		return error_page_msg(r, 400, N_("Please choose a kind of channel from the list."));
	channel_account_input in = { .kind = k->code };
	const char *problem = read_input(r, &in);
	const char *secrets = NULL;
	if (!problem)
		secrets = merged_secrets(r, NULL, k, &problem);
	if (problem)
		return form_page(r, 400, problem, NULL, k);
	int64_t id = channel_account_create(r->db, r->a, &in);
	if (id < 0)
		return 500;
	if (id == 0)
		return form_page(r, 400, tr(r, "That name is taken, or the team or skill is not known."), NULL, k);
	if (secrets && !channel_secrets_save(r->db, r->a, id, secrets))
		return 500;
	return redirect_flash(r, "/admin/channels", "channel_saved");
}

static int load(req *r, channel_account *acc, const channel_kind **k)
{
	int64_t id = req_param_id(r, "id");
	int found = id ? channel_account_get(r->db, r->a, id, r->tz, acc) : 0;
	if (found < 0)
		return 500;
	if (!found || !(*k = channel_kind_get(acc->kind)))
		return 404;
	return 0;
}

/* GET /admin/channels/{id} — admins. */
int channel_edit_form(req *r)
{
	channel_account acc;
	const channel_kind *k;
	int st = load(r, &acc, &k);
	return st ? st : form_page(r, 200, NULL, &acc, k);
}

/* POST /admin/channels/{id} — admins. Fields: name, address, team, skill, active, the kind's secrets
 * (empty keeps the stored one) and clear_<secret>=1. */
int channel_update_submit(req *r)
{
	channel_account acc;
	const channel_kind *k;
	int st = load(r, &acc, &k);
	if (st)
		return st;
	channel_account_input in = { .kind = acc.kind };
	const char *problem = read_input(r, &in);
	const char *secrets = NULL;
	if (!problem)
		secrets = merged_secrets(r, &acc, k, &problem);
	if (!problem && !strcmp(acc.kind, "web") && !in.active)
		problem = tr(r, "The web chat is the portal's own: it cannot be switched off here.");
	if (problem)
		return form_page(r, 400, problem, &acc, k);
	int saved = channel_account_update(r->db, r->a, acc.id, &in);
	if (saved < 0)
		return 500;
	if (!saved)
		return form_page(r, 400, tr(r, "That name is taken, or the team or skill is not known."), &acc, k);
	if (!channel_secrets_save(r->db, r->a, acc.id, secrets))
		return 500;
	return redirect_flash(r, "/admin/channels", "channel_saved");
}
