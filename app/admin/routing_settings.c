/* admin/routing_settings.c: who answers what: agents' limits (live and email), skills and languages;
 * teams' time zones and business hours */
#include "admin_pages.h"
#include "../conv/notify.h"
#include "../core/choices.h"
#include "../core/i18n.h"
#include "../core/page.h"
#include "../data/data.h"
#include "../data/routing.h"
#include <stdlib.h>
#include <string.h>

/* GET /admin/routing — supervisors, admins. Agents' limits, skills and languages; teams' hours. */
int routing_page(req *r)
{
	agent_settings *ag;
	team *tm;
	skill *sk;
	int na = agent_settings_list(r->db, r->a, &ag);
	int nt = teams_list(r->db, r->a, &tm);
	int ns = skills_list(r->db, r->a, &sk);
	if (na < 0 || nt < 0 || ns < 0)
		return 500;
	tdict *d = page_new(r, "admin/routing");
	for (int i = 0; i < na; i++) {
		tdict *row = tmpl_section(d, "AGENT");
		tmpl_set_int(row, "STAFF_ID", ag[i].staff_id);
		tmpl_set(row, "AGENT_NAME", ag[i].name);
		tmpl_set_int(row, "MAX_LIVE", ag[i].max_live);
		tmpl_set_int(row, "MAX_EMAIL", ag[i].max_email);
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
	return page_render(r, 200, N_("Routing"));
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

/* a limit field: 0 to max */
static int limit_field(req *r, const char *name, int max)
{
	const char *v = req_form(r, name);
	if (!str_is_digits(v) || strlen(v) > 3 || atoi(v) > max)
		return -1;
	return atoi(v);
}

/* POST /admin/routing/agents/{id} — supervisors, admins. Fields: max_live (0-50: web chat, messaging
 * and phone at once), max_email (0-200: email, and web chats left while nobody was there), skill, lang
 * (repeated). Unknown skills and languages are ignored. */
int routing_agent_submit(req *r)
{
	int64_t id = req_param_id(r, "id");
	int live = limit_field(r, "max_live", 50), email = limit_field(r, "max_email", 200);
	const char *skills = form_array(r, "skill", false), *langs = form_array(r, "lang", false);
	if (!id)
		return 404;
	if (live < 0 || email < 0 || !skills || !langs)
		return error_page_msg(r, 400, N_("A live limit is a number from 0 to 50, an email limit from 0 to 200; skills and languages come from the lists."));
	int rc = agent_settings_save(r->db, r->a, id, live, email, skills, langs);
	if (rc < 0)
		return 500;
	if (rc == 0)
		return 404;
	if (!conv_route_and_notify(r))
		return 500;
	return redirect_flash(r, "/admin/routing", "routing_saved");
}

static bool hhmm(const char *s)
{
	return strlen(s) == 5 && s[2] == ':' && s[0] >= '0' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9' &&
	       s[3] >= '0' && s[3] <= '5' && s[4] >= '0' && s[4] <= '9' && (s[0] < '2' || s[1] <= '4') &&
	       (strcmp(s, "24:00") <= 0);
}

/* POST /admin/routing/teams/{id} — supervisors, admins. Fields: tz, opens, closes (HH:MM, 24:00 for
 * the end of the day), day (repeated, 0 = Sunday). */
int routing_team_submit(req *r)
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
	int rc = team_hours_save(r->db, r->a, id, tz, opens,
				strcmp(closes, "24:00") == 0 ? "23:59:59.999999" : closes, days);
	if (rc < 0)
		return 500;
	if (rc == 0)
		return 404;
	return redirect_flash(r, "/admin/routing", "routing_saved");
}
