/* admin/surveys.c: surveys for supervisors and admins: list, builder with preview, sending to a list,
 * results (CSAT %, NPS, CES, trends as server-drawn SVG, breakdowns, comments) and the CSV export.
 * Agents see the results of their own conversations only. */
#include "surveys.h"
#include "../core/crypto.h"
#include "../core/metrics.h"
#include "../core/page.h"
#include "../core/svgchart.h"
#include "../data/data.h"
#include "../data/surveys.h"
#include <stdlib.h>
#include <string.h>

#define MANAGERS (ROLE_SUPERVISOR | ROLE_ADMIN)

static bool is_manager(req *r)
{
	return (r->who.roles & MANAGERS) != 0;
}

typedef struct pair { const char *code, *label; } pair;

static const pair kinds[] = {
	{ "csat", N_("CSAT: satisfaction, 1 to 5, with a comment") },
	{ "nps", N_("NPS: likelihood to recommend, 0 to 10, and why") },
	{ "ces", N_("CES: effort, 1 to 7") },
	{ "custom", N_("Custom: your own questions") },
	{ NULL, NULL },
};
static const pair statuses[] = {
	{ "draft", N_("Draft") }, { "active", N_("Active") }, { "closed", N_("Closed") }, { NULL, NULL },
};
static const pair portals[] = {
	{ "off", N_("Not on the portal") },
	{ "signed_in", N_("On the portal, for signed-in customers") },
	{ "anyone", N_("On the portal, for anyone") },
	{ NULL, NULL },
};
static const pair qtypes[] = {
	{ "rating", N_("Rating scale") }, { "single", N_("Single choice") },
	{ "multi", N_("Multiple choice") }, { "text", N_("Free text") }, { NULL, NULL },
};
static const pair channels[] = {
	{ "web", N_("Chat") }, { "chat", N_("Chat") }, { "email", N_("Email") }, { "sms", N_("SMS") },
	{ "phone", N_("Phone") }, { "social", N_("Social media") }, { "portal", N_("Portal") },
	{ "list", N_("Email to a list") }, { NULL, NULL },
};

static const char *LABEL_OF(const pair *table, const char *code, const char *fallback)
{
	for (int i = 0; code && table[i].code; i++)
		if (strcmp(table[i].code, code) == 0)
			return table[i].label;
	return fallback;
}
#define VALID_IN(table, code) (LABEL_OF(table, code, NULL) != NULL)

static const char *kind_label(req *r, const char *k) { return tr(r, LABEL_OF(kinds, k, "")); }

/* ---- list ---- */

/* GET /admin/surveys — agents, supervisors, admins. */
int surveys_index(req *r)
{
	survey *list;
	int n = survey_list(r->db, r->a, r->tz, &list);
	if (n < 0)
		return 500;
	tdict *d = page_new(r, "admin/surveys");
	if (is_manager(r))
		tmpl_show(d, "CAN_EDIT");
	for (int i = 0; i < n; i++) {
		tdict *row = tmpl_section(d, "ROW");
		tmpl_set_int(row, "ID", list[i].id);
		tmpl_set(row, "TITLE", list[i].title_en);
		/* CSAT, NPS and CES are names everyone uses as they are */
		bool custom = strcmp(list[i].kind, "custom") == 0;
		tmpl_set(row, "KIND", custom ? tr(r, "Custom") :
			 strcmp(list[i].kind, "csat") == 0 ? "CSAT" : strcmp(list[i].kind, "nps") == 0 ? "NPS" : "CES");
		tmpl_set(row, "STATUS", tr(r, LABEL_OF(statuses, list[i].status, "")));
		if (!is_manager(r)) {
			/* agents see figures of their own conversations only, on each survey's page */
			tmpl_set(row, "INVITED", "–");
			tmpl_set(row, "RESPONSES", "–");
			tmpl_set(row, "COMPLETED", "–");
			tmpl_set(row, "RATE", "–");
			continue;
		}
		tmpl_set_int(row, "INVITED", list[i].invited);
		tmpl_set_int(row, "RESPONSES", list[i].responses);
		tmpl_set_int(row, "COMPLETED", list[i].completed);
		if (list[i].invited > 0)
			tmpl_setf(row, "RATE", "%.0f%%", 100.0 * (double)list[i].completed / (double)list[i].invited);
		else
			tmpl_set(row, "RATE", "–");
		if (is_manager(r))
			tmpl_show(row, "CAN_EDIT");
	}
	return page_render(r, 200, N_("Surveys"));
}

/* ---- builder ---- */

static void OPTIONS(req *r, tdict *d, const char *section, const pair *table, const char *selected)
{
	for (int i = 0; table[i].code; i++) {
		tdict *o = tmpl_section(d, section);
		tmpl_set(o, "CODE", table[i].code);
		tmpl_set(o, "LABEL", tr(r, table[i].label));
		if (selected && strcmp(selected, table[i].code) == 0)
			tmpl_show(o, "SELECTED");
	}
}

static int load_survey(req *r, survey *s)
{
	int64_t id = req_param_id(r, "id");
	return id && survey_get(r->db, r->a, id, r->tz, s) ? 0 : 404;
}

/* The settings form; s NULL: a new survey. Form values are kept after an error. */
static int survey_form(req *r, int status, const survey *s, const char *error)
{
	tdict *d = page_new(r, s ? "admin/survey_edit" : "admin/survey_new");
	if (error)
		page_error(d, r, error);
	bool keep = error != NULL;
#define V(field, name) (keep ? req_form(r, name) : (s ? s->field : ""))
	tmpl_set(d, "TITLE_EN", V(title_en, "title_en"));
	tmpl_set(d, "TITLE_BN", V(title_bn, "title_bn"));
	tmpl_set(d, "INTRO_EN", V(intro_en, "intro_en"));
	tmpl_set(d, "INTRO_BN", V(intro_bn, "intro_bn"));
	tmpl_set(d, "LINK_DAYS", keep ? req_form(r, "link_days") :
		 arena_printf(r->a, "%d", s ? s->link_days : 14));
	OPTIONS(r, d, "STATUS_OPT", statuses, keep ? req_form(r, "status") : (s ? s->status : "draft"));
	OPTIONS(r, d, "PORTAL_OPT", portals, keep ? req_form(r, "portal") : (s ? s->portal : "off"));
#undef V
	if (!s) {
		OPTIONS(r, d, "KIND_OPT", kinds, keep ? req_form(r, "kind") : "csat");
		return page_render(r, status, N_("New survey"));
	}
	tmpl_set_int(d, "ID", s->id);
	tmpl_set(d, "HEADING", s->title_en);
	tmpl_set(d, "KIND_LABEL", kind_label(r, s->kind));
	survey_question *qs;
	int nq = survey_questions(r->db, r->a, s->id, &qs);
	if (nq < 0)
		return 500;
	for (int i = 0; i < nq; i++) {
		tdict *q = tmpl_section(d, "QUESTION");
		tmpl_set_int(q, "QID", qs[i].id);
		tmpl_set_int(q, "POS", qs[i].position);
		tmpl_set(q, "TEXT_EN", qs[i].text_en);
		tmpl_set(q, "TEXT_BN", qs[i].text_bn);
		tmpl_set(q, "QTYPE", tr(r, LABEL_OF(qtypes, qs[i].qtype, "")));
		if (strcmp(qs[i].qtype, "rating") == 0)
			tmpl_setf(q, "SCALE", "%d–%d", qs[i].scale_min, qs[i].scale_max);
		for (int k = 0; k < qs[i].n_options; k++)
			tmpl_set(tmpl_section(q, "OPT"), "OPT_TEXT",
				 arena_printf(r->a, "%s / %s", qs[i].options_en[k], qs[i].options_bn[k]));
		if (qs[i].required)
			tmpl_show(q, "REQUIRED");
		if (qs[i].is_score)
			tmpl_show(q, "SCORE");
		if (i > 0)
			tmpl_show(q, "CAN_UP");
		if (i + 1 < nq)
			tmpl_show(q, "CAN_DOWN");
	}
	if (nq == 0)
		tmpl_show(d, "NO_QUESTIONS");
	OPTIONS(r, d, "QTYPE_OPT", qtypes, "rating");
	return page_render_title(r, status, s->title_en);
}

/* GET /admin/surveys/new — supervisors, admins. */
int survey_new_form(req *r)
{
	return survey_form(r, 200, NULL, NULL);
}

/* Reads and checks the settings fields; returns a msgid on error. */
static const char *read_settings(req *r, survey *s)
{
	s->title_en = str_trim(r->a, req_form(r, "title_en"));
	s->title_bn = str_trim(r->a, req_form(r, "title_bn"));
	s->intro_en = str_trim(r->a, req_form(r, "intro_en"));
	s->intro_bn = str_trim(r->a, req_form(r, "intro_bn"));
	s->status = req_form(r, "status");
	s->portal = req_form(r, "portal");
	char *end;
	long days = strtol(req_form(r, "link_days"), &end, 10);
	if (!*s->title_en || utf8_length(s->title_en) > 200 || utf8_length(s->title_bn) > 200)
		return N_("Please enter a title in English (at most 200 characters; Bengali too).");
	if (utf8_length(s->intro_en) > 2000 || utf8_length(s->intro_bn) > 2000)
		return N_("The introduction may have at most 2000 characters.");
	if (!VALID_IN(statuses, s->status) || !VALID_IN(portals, s->portal))
		return N_("Please choose a status and where the survey is published.");
	if (*end || end == req_form(r, "link_days") || days < 1 || days > 90)
		return N_("Links must stay valid between 1 and 90 days.");
	s->link_days = (int)days;
	return NULL;
}

/* POST /admin/surveys — supervisors, admins. Fields: kind, title_en, title_bn, intro_en, intro_bn,
 * status, portal, link_days. Built-in kinds get their standard questions. */
int survey_create_submit(req *r)
{
	survey s = { 0 };
	s.kind = req_form(r, "kind");
	const char *err = read_settings(r, &s);
	if (!err && !VALID_IN(kinds, s.kind))
		err = N_("Please choose a kind of survey.");
	if (err)
		return survey_form(r, 400, NULL, err);
	int64_t id = survey_create(r->db, r->a, &s, r->who.id);
	if (!id)
		return 500;
	return redirect_flash(r, arena_printf(r->a, "/admin/surveys/%lld/edit", (long long)id),
			      "survey_created");
}

/* GET /admin/surveys/{id}/edit — supervisors, admins. */
int survey_edit_form(req *r)
{
	survey s;
	if (load_survey(r, &s))
		return 404;
	return survey_form(r, 200, &s, NULL);
}

/* POST /admin/surveys/{id}/edit — supervisors, admins. Fields as for creating, without kind. */
int survey_update_submit(req *r)
{
	survey s, in = { 0 };
	if (load_survey(r, &s))
		return 404;
	const char *err = read_settings(r, &in);
	if (err)
		return survey_form(r, 400, &s, err);
	in.id = s.id;
	if (!survey_update(r->db, r->a, &in))
		return 500;
	return redirect_flash(r, arena_printf(r->a, "/admin/surveys/%lld/edit", (long long)s.id),
			      "survey_saved");
}

/* Splits a textarea into trimmed non-empty lines. */
static int lines(req *r, const char *text, const char **out, int max)
{
	int n = 0;
	const char *p = text;
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		const char *line = str_trim(r->a, arena_strndup(r->a, p, len));
		if (*line) {
			if (n == max)
				return -1;
			out[n++] = line;
		}
		p += len + (e ? 1 : 0);
	}
	return n;
}

/* POST /admin/surveys/{id}/questions — supervisors, admins. Fields: qtype, text_en, text_bn, required,
 * scale (rating: 5, 7, 10 = 1-5, 1-7, 0-10), options_en, options_bn (one choice per line). */
int survey_question_add_submit(req *r)
{
	survey s;
	if (load_survey(r, &s))
		return 404;
	survey_question q = { 0 };
	q.qtype = req_form(r, "qtype");
	q.text_en = str_trim(r->a, req_form(r, "text_en"));
	q.text_bn = str_trim(r->a, req_form(r, "text_bn"));
	q.required = strcmp(req_form(r, "required"), "1") == 0;
	q.scale_min = 1;
	q.scale_max = 5;
	if (!VALID_IN(qtypes, q.qtype))
		return survey_form(r, 400, &s, N_("Please choose a kind of question."));
	if (!*q.text_en || utf8_length(q.text_en) > 500 || utf8_length(q.text_bn) > 500)
		return survey_form(r, 400, &s, N_("Please enter the question in English (at most 500 characters; Bengali too)."));
	if (strcmp(q.qtype, "rating") == 0) {
		const char *sc = req_form(r, "scale");
		if (strcmp(sc, "10") == 0)
			q.scale_min = 0, q.scale_max = 10;
		else if (strcmp(sc, "7") == 0)
			q.scale_max = 7;
		else if (strcmp(sc, "5") != 0)
			return survey_form(r, 400, &s, N_("Please choose a scale."));
		/* the first rating of a custom survey gives its figure (average score) */
		survey_question *qs;
		int nq = survey_questions(r->db, r->a, s.id, &qs);
		if (nq < 0)
			return 500;
		q.is_score = strcmp(s.kind, "custom") == 0;
		for (int i = 0; i < nq; i++)
			if (qs[i].is_score)
				q.is_score = false;
	}
	if (strcmp(q.qtype, "single") == 0 || strcmp(q.qtype, "multi") == 0) {
		const char **en = arena_calloc(r->a, sizeof(char *) * SURVEY_MAX_OPTIONS);
		const char **bn = arena_calloc(r->a, sizeof(char *) * SURVEY_MAX_OPTIONS);
		int ne = lines(r, req_form(r, "options_en"), en, SURVEY_MAX_OPTIONS);
		int nb = lines(r, req_form(r, "options_bn"), bn, SURVEY_MAX_OPTIONS);
		if (ne < 2 || nb < 0)
			return survey_form(r, 400, &s, N_("Please give 2 to 20 choices, one per line."));
		if (nb != 0 && nb != ne)
			return survey_form(r, 400, &s, N_("Give as many Bengali choices as English ones, or none."));
		for (int i = 0; i < ne; i++) {
			if (utf8_length(en[i]) > 200 || (nb && utf8_length(bn[i]) > 200))
				return survey_form(r, 400, &s, N_("Each choice may have at most 200 characters."));
			if (!nb)
				bn[i] = "";
		}
		q.options_en = en;
		q.options_bn = bn;
		q.n_options = ne;
	}
	int64_t id = survey_question_add(r->db, r->a, s.id, &q);
	if (id < 0)
		return 500;
	if (id == 0)
		return survey_form(r, 400, &s, N_("A survey may have at most 50 questions."));
	return redirect_flash(r, arena_printf(r->a, "/admin/surveys/%lld/edit", (long long)s.id),
			      "survey_question_added");
}

static int question_action(req *r, int dir)
{
	survey s;
	if (load_survey(r, &s))
		return 404;
	int64_t qid = req_param_id(r, "qid");
	if (!qid)
		return 404;
	bool ok = dir == 0 ? survey_question_delete(r->db, r->a, s.id, qid)
			   : survey_question_move(r->db, r->a, s.id, qid, dir);
	if (!ok)
		return dir == 0 ? 404 : 500;
	return redirect(r, arena_printf(r->a, "/admin/surveys/%lld/edit", (long long)s.id));
}

/* POST /admin/surveys/{id}/questions/{qid}/delete — supervisors, admins. */
int survey_question_delete_submit(req *r) { return question_action(r, 0); }
/* POST /admin/surveys/{id}/questions/{qid}/up and /down — supervisors, admins. */
int survey_question_up_submit(req *r) { return question_action(r, -1); }
int survey_question_down_submit(req *r) { return question_action(r, 1); }

/* POST /admin/surveys/{id}/send — supervisors, admins. Field: emails (one customer address per line,
 * at most 200). Each customer gets a single-use link by mail, if survey_may_email allows it. */
int survey_send_submit(req *r)
{
	survey s;
	if (load_survey(r, &s))
		return 404;
	if (strcmp(s.status, "active") != 0)
		return survey_form(r, 400, &s, N_("Only an active survey can be sent."));
	const char *emails[200];
	int n = lines(r, req_form(r, "emails"), emails, 200);
	if (n <= 0)
		return survey_form(r, 400, &s, N_("Please give 1 to 200 customer email addresses, one per line."));
	int sent = survey_send_list(r->db, r->a, s.id, emails, n);
	if (sent < 0)
		return 500;
	return redirect_flash(r, arena_printf(r->a, "/admin/surveys/%lld/edit?sent=%d", (long long)s.id, sent),
			      "survey_sent");
}

/* GET /admin/surveys/{id}/preview — supervisors, admins. Every question as the customer sees it. */
int survey_preview(req *r)
{
	survey s;
	if (load_survey(r, &s))
		return 404;
	survey_question *qs;
	int nq = survey_questions(r->db, r->a, s.id, &qs);
	if (nq < 0)
		return 500;
	tdict *d = page_new(r, "admin/survey_preview");
	tmpl_set_int(d, "ID", s.id);
	bool bn = strcmp(req_query(r, "lang"), "bn") == 0;
	tmpl_set(d, "TITLE_TEXT", bn && *s.title_bn ? s.title_bn : s.title_en);
	tmpl_set(d, "INTRO", bn && *s.intro_bn ? s.intro_bn : s.intro_en);
	for (int i = 0; i < nq; i++) {
		tdict *q = tmpl_section(d, "QUESTION");
		tmpl_set_int(q, "NUM", i + 1);
		tmpl_set_int(q, "TOTAL", nq);
		tmpl_set(q, "TEXT", bn && *qs[i].text_bn ? qs[i].text_bn : qs[i].text_en);
		if (qs[i].required)
			tmpl_show(q, "REQUIRED");
		if (strcmp(qs[i].qtype, "rating") == 0) {
			tdict *rt = tmpl_section(q, "RATING");
			if (qs[i].scale_max - qs[i].scale_min >= 7)
				tmpl_show(rt, "WIDE");
			for (int v = qs[i].scale_min; v <= qs[i].scale_max; v++)
				tmpl_set_int(tmpl_section(rt, "POINT"), "VALUE", v);
		} else if (strcmp(qs[i].qtype, "text") == 0) {
			tmpl_show(q, "TEXT_Q");
		} else {
			tdict *ch = tmpl_section(q, "CHOICES");
			for (int k = 0; k < qs[i].n_options; k++) {
				tdict *o = tmpl_section(ch, "OPTION");
				tmpl_set(o, "TYPE", qs[i].qtype[0] == 'm' ? "checkbox" : "radio");
				tmpl_set(o, "LABEL", bn && *qs[i].options_bn[k] ? qs[i].options_bn[k] : qs[i].options_en[k]);
			}
		}
	}
	return page_render(r, 200, N_("Survey preview"));
}

/* ---- results ---- */

typedef struct group {
	const char *key, *label;
	long long counts[METRIC_SCORES];
} group;

/* Collects the rows of one dimension into groups (rows come sorted by dim, key). */
static int groups_of(req *r, const survey_group_row *rows, int n, const char *dim, group **out)
{
	group *g = arena_calloc(r->a, sizeof(group) * (size_t)(n + 1));
	int k = 0;
	for (int i = 0; i < n; i++) {
		if (strcmp(rows[i].dim, dim) != 0 || rows[i].score < 0 || rows[i].score >= METRIC_SCORES)
			continue;
		if (k == 0 || strcmp(g[k - 1].key, rows[i].key) != 0) {
			g[k].key = rows[i].key;
			g[k].label = rows[i].label;
			k++;
		}
		g[k - 1].counts[rows[i].score] += rows[i].n;
	}
	*out = g;
	return k;
}

static const char *fmt_value(req *r, metric_kind k, const metric *m)
{
	if (m->n == 0)
		return "–";
	switch (k) {
	case METRIC_CSAT: return arena_printf(r->a, "%.0f%%", m->value);
	case METRIC_NPS: return arena_printf(r->a, "%+.0f", m->value);
	default: return arena_printf(r->a, "%.2f", m->value);
	}
}

static const char *fmt_margin(req *r, metric_kind k, const metric *m)
{
	if (m->n == 0)
		return "";
	return arena_printf(r->a, k == METRIC_CSAT || k == METRIC_NPS ? "± %.0f" : "± %.2f", m->margin);
}

static const char *group_label(req *r, const char *dim, const group *g)
{
	if (!*g->key)
		return tr(r, N_("(none)"));
	if (strcmp(dim, "channel") == 0)
		return tr(r, LABEL_OF(channels, g->key, g->key));
	if (strcmp(dim, "topic") == 0 && *g->label)
		return tr(r, g->label);
	if (strcmp(dim, "agent") == 0)
		return *g->label ? g->label : tr(r, N_("(former staff)"));
	return g->key;
}

static void breakdown(req *r, tdict *d, const char *section, const char *title, metric_kind k,
		      const survey_group_row *rows, int n, const char *dim)
{
	group *g;
	int ng = groups_of(r, rows, n, dim, &g);
	tdict *b = tmpl_section(d, section);
	tmpl_set(b, "BTITLE", tr(r, title));
	if (ng == 0)
		tmpl_show(b, "BEMPTY");
	double lo, hi;
	metric_axis(k, &lo, &hi);
	for (int i = 0; i < ng; i++) {
		metric m = metric_compute(k, g[i].counts);
		tdict *row = tmpl_section(b, "BROW");
		tmpl_set(row, "LABEL", group_label(r, dim, &g[i]));
		tmpl_set_int(row, "N", m.n);
		tmpl_set(row, "VALUE", fmt_value(r, k, &m));
		tmpl_set(row, "MARGIN", fmt_margin(r, k, &m));
		tmpl_setf(row, "BAR_W", "%.1f", chart_hbar(m.value, lo, hi, 100));
		if (m.low_sample)
			tmpl_show(row, "LOW");
	}
}

static const char *metric_name(metric_kind k)
{
	switch (k) {
	case METRIC_CSAT: return N_("CSAT (share of 4 and 5)");
	case METRIC_NPS: return N_("NPS (promoters minus detractors)");
	case METRIC_CES: return N_("CES (average effort, 7 = very easy)");
	default: return N_("Average score");
	}
}

static void band_labels(metric_kind k, const char **good, const char **neutral, const char **bad)
{
	if (k == METRIC_NPS) {
		*good = N_("Promoters (9–10)");
		*neutral = N_("Passives (7–8)");
		*bad = N_("Detractors (0–6)");
	} else if (k == METRIC_CES) {
		*good = N_("Easy (5–7)");
		*neutral = N_("Neutral (4)");
		*bad = N_("Difficult (1–3)");
	} else {
		*good = N_("Satisfied (4–5)");
		*neutral = N_("Neutral (3)");
		*bad = N_("Dissatisfied (1–2)");
	}
}

/* The weekly trend: one slot per week, a line of the figure and bars of the answer counts. */
static void trend_chart(req *r, tdict *d, metric_kind k, const survey_group_row *rows, int n,
			const char **weeks, int nw)
{
	group *g;
	int ng = groups_of(r, rows, n, "week", &g);
	double lo, hi;
	metric_axis(k, &lo, &hi);
	chart_layout c = chart_layout_new(lo, hi);
	double *vals = arena_calloc(r->a, sizeof(double) * (size_t)(nw + 1));
	bool *present = arena_calloc(r->a, sizeof(bool) * (size_t)(nw + 1));
	long long *counts = arena_calloc(r->a, sizeof(long long) * (size_t)(nw + 1));
	long long nmax = 0;
	tdict *t = tmpl_include(d, "TREND", arena_printf(r->a, "%s/admin/survey_chart", r->lang));
	for (int w = 0; w < nw; w++) {
		const char *key = arena_printf(r->a, "%d", w);
		for (int i = 0; i < ng; i++) {
			if (strcmp(g[i].key, key) != 0)
				continue;
			metric m = metric_compute(k, g[i].counts);
			counts[w] = m.n;
			present[w] = m.n > 0;
			vals[w] = m.value;
		}
		if (counts[w] > nmax)
			nmax = counts[w];
	}
	tmpl_setf(t, "W", "%.0f", c.w);
	tmpl_setf(t, "H", "%.0f", c.h);
	tmpl_set(t, "CHART_TITLE", tr(r, N_("Weekly trend")));
	tmpl_set(t, "CHART_DESC", tr(r, metric_name(k)));
	double ticks[12];
	int nt = chart_ticks(lo, hi, 4, ticks, 12);
	for (int i = 0; i < nt; i++) {
		tdict *gl = tmpl_section(t, "GRID");
		tmpl_setf(gl, "X1", "%.1f", c.left);
		tmpl_setf(gl, "X2", "%.1f", c.right);
		tmpl_setf(gl, "Y", "%.1f", chart_y(&c, ticks[i]));
		tmpl_setf(gl, "TY", "%.1f", chart_y(&c, ticks[i]) + 3);
		tmpl_setf(gl, "TX", "%.1f", c.left - 4);
		tmpl_setf(gl, "LABEL", k == METRIC_CES || k == METRIC_MEAN ? "%.0f" : "%+.0f", ticks[i]);
		if (k == METRIC_CSAT)
			tmpl_setf(gl, "LABEL", "%.0f%%", ticks[i]);
	}
	double slot = chart_slot_w(&c, nw);
	int step = chart_label_step(&c, nw, 34);
	for (int w = 0; w < nw; w++) {
		const char *label = weeks[w] + 5; /* MM-DD */
		double h = chart_bar_h(&c, counts[w], nmax);
		tdict *b = tmpl_section(t, "BAR");
		tmpl_setf(b, "X", "%.1f", chart_x(&c, w, nw) - slot * 0.3);
		tmpl_setf(b, "Y", "%.1f", c.bottom - h);
		tmpl_setf(b, "BW", "%.1f", slot * 0.6);
		tmpl_setf(b, "BH", "%.1f", h);
		tmpl_set(b, "LABEL", weeks[w]);
		tmpl_set_int(b, "N", counts[w]);
		if ((nw - 1 - w) % step == 0) {
			tdict *xl = tmpl_section(t, "XLABEL");
			tmpl_setf(xl, "X", "%.1f", chart_x(&c, w, nw));
			tmpl_setf(xl, "Y", "%.1f", c.bottom + 14);
			tmpl_set(xl, "LABEL", label);
		}
		if (present[w]) {
			metric m = { .n = counts[w], .value = vals[w] };
			tdict *dot = tmpl_section(t, "DOT");
			tmpl_setf(dot, "CX", "%.1f", chart_x(&c, w, nw));
			tmpl_setf(dot, "CY", "%.1f", chart_y(&c, vals[w]));
			tmpl_set(dot, "LABEL", weeks[w]);
			tmpl_set(dot, "VALUE", fmt_value(r, k, &m));
			tmpl_set_int(dot, "N", counts[w]);
		}
		/* the same figures as a table, for screen readers and for copying */
		tdict *tr_ = tmpl_section(d, "WEEK_ROW");
		tmpl_set(tr_, "WEEK", weeks[w]);
		tmpl_set_int(tr_, "N", counts[w]);
		metric m = { .n = counts[w], .value = vals[w] };
		tmpl_set(tr_, "VALUE", fmt_value(r, k, &m));
	}
	tmpl_set(t, "POINTS", chart_points(r->a, &c, vals, present, nw));
}

/* GET /admin/surveys/{id} — agents (their own conversations only), supervisors, admins.
 * Query: weeks (4, 12, 26, 52), agent (id; managers only), band (good, neutral, bad: comments). */
int survey_results_page(req *r)
{
	survey s;
	if (load_survey(r, &s))
		return 404;
	survey_filter f = { .weeks = 12, .tz = r->tz, .band_lo = -1, .band_hi = -1 };
	const char *w = req_query(r, "weeks");
	if (*w) {
		f.weeks = atoi(w);
		if (f.weeks != 4 && f.weeks != 12 && f.weeks != 26 && f.weeks != 52)
			return 400;
	}
	if (is_manager(r)) {
		const char *ag = req_query(r, "agent");
		if (*ag) {
			char *end;
			f.agent_id = strtoll(ag, &end, 10);
			if (*end || f.agent_id < 0)
				return 400;
		}
	} else
		f.agent_id = r->who.id;
	metric_kind k = metric_kind_of(s.kind);
	const char *band = req_query(r, "band");
	if (*band) {
		int lo, hi;
		metric_range(k, &lo, &hi);
		int want = strcmp(band, "good") == 0 ? 1 : strcmp(band, "neutral") == 0 ? 0
			 : strcmp(band, "bad") == 0 ? -1 : 2;
		if (want == 2)
			return 400;
		for (int v = lo; v <= hi; v++)
			if (metric_band(k, v) == want) {
				if (f.band_lo < 0)
					f.band_lo = v;
				f.band_hi = v;
			}
	}

	survey_group_row *rows;
	int n = survey_results(r->db, r->a, s.id, &f, &rows);
	const char **weeks;
	int nw = survey_weeks(r->db, r->a, &f, &weeks);
	long long invited = survey_invited(r->db, s.id, &f), responded = 0, completed = 0;
	survey_comment *cm;
	int nc = survey_comments(r->db, r->a, s.id, &f, 100, &cm);
	if (n < 0 || nw < 0 || nc < 0 || invited < 0)
		return 500;
	for (int i = 0; i < n; i++)
		if (strcmp(rows[i].dim, "all") == 0) {
			responded += rows[i].n;
			completed += rows[i].completed;
		}

	tdict *d = page_new(r, "admin/survey_results");
	tmpl_set_int(d, "ID", s.id);
	tmpl_set(d, "HEADING", s.title_en);
	tmpl_set(d, "KIND_LABEL", kind_label(r, s.kind));
	if (is_manager(r))
		tmpl_show(d, "MANAGER");
	else
		tmpl_show(d, "OWN_ONLY");
	static const int periods[] = { 4, 12, 26, 52 };
	for (int i = 0; i < 4; i++) {
		tdict *o = tmpl_section(d, "PERIOD_OPT");
		tmpl_set_int(o, "CODE", periods[i]);
		if (periods[i] == f.weeks)
			tmpl_show(o, "SELECTED");
	}
	if (is_manager(r)) {
		survey_staff *ag;
		int na = survey_agents(r->db, r->a, &ag);
		for (int i = 0; i < na; i++) {
			tdict *o = tmpl_section(d, "AGENT_OPT");
			tmpl_set_int(o, "CODE", ag[i].id);
			tmpl_set(o, "LABEL", ag[i].name);
			if (ag[i].id == f.agent_id)
				tmpl_show(o, "SELECTED");
		}
	}
	const char *good, *neutral, *bad;
	band_labels(k, &good, &neutral, &bad);
	static const char *bands[] = { "good", "neutral", "bad" };
	const char *band_names[] = { good, neutral, bad };
	for (int i = 0; i < 3; i++) {
		tdict *o = tmpl_section(d, "BAND_OPT");
		tmpl_set(o, "CODE", bands[i]);
		tmpl_set(o, "LABEL", tr(r, band_names[i]));
		if (strcmp(band, bands[i]) == 0)
			tmpl_show(o, "SELECTED");
	}

	group *all;
	int nall = groups_of(r, rows, n, "all", &all);
	long long zero[METRIC_SCORES] = { 0 };
	metric m = metric_compute(k, nall ? all[0].counts : zero);
	tmpl_set(d, "METRIC_NAME", tr(r, metric_name(k)));
	tmpl_set(d, "VALUE", fmt_value(r, k, &m));
	tmpl_set(d, "MARGIN", fmt_margin(r, k, &m));
	tmpl_set_int(d, "N", m.n);
	if (m.low_sample)
		tmpl_show(d, "LOW_SAMPLE");
	tmpl_set(d, "GOOD_LABEL", tr(r, good));
	tmpl_set(d, "NEUTRAL_LABEL", tr(r, neutral));
	tmpl_set(d, "BAD_LABEL", tr(r, bad));
	tmpl_set_int(d, "GOOD", m.good);
	tmpl_set_int(d, "NEUTRAL", m.neutral);
	tmpl_set_int(d, "BAD", m.bad);
	tmpl_set_int(d, "INVITED", invited);
	tmpl_set_int(d, "RESPONDED", responded);
	tmpl_set_int(d, "COMPLETED", completed);
	if (invited > 0)
		tmpl_setf(d, "RATE", "%.0f%%", 100.0 * (double)completed / (double)invited);
	else
		tmpl_set(d, "RATE", "–");

	trend_chart(r, d, k, rows, n, weeks, nw);
	breakdown(r, d, "BREAKDOWN", N_("By channel"), k, rows, n, "channel");
	if (is_manager(r))
		breakdown(r, d, "BREAKDOWN", N_("By agent"), k, rows, n, "agent");
	breakdown(r, d, "BREAKDOWN", N_("By team"), k, rows, n, "team");
	breakdown(r, d, "BREAKDOWN", N_("By topic"), k, rows, n, "topic");

	for (int i = 0; i < nc; i++) {
		tdict *c = tmpl_section(d, "COMMENT");
		tmpl_set(c, "AT", cm[i].at);
		tmpl_set(c, "TEXT", cm[i].comment);
		tmpl_set(c, "AGENT", cm[i].agent ? cm[i].agent : "");
		tmpl_set(c, "CHANNEL", cm[i].channel ? tr(r, LABEL_OF(channels, cm[i].channel, cm[i].channel)) : "");
		tmpl_set(c, "TOPIC", cm[i].topic ? tr(r, cm[i].topic) : "");
		if (cm[i].score >= 0)
			tmpl_set_int(tmpl_section(c, "SCORE"), "SCORE", cm[i].score);
	}
	if (nc == 0)
		tmpl_show(d, "NO_COMMENTS");
	return page_render_title(r, 200, s.title_en);
}

/* GET /admin/surveys/{id}/responses.csv — supervisors, admins. Every response, one column per question.
 * Streamed. */
int survey_export(req *r)
{
	survey s;
	if (load_survey(r, &s))
		return 404;
	if (!survey_export_csv(r, s.id, arena_printf(r->a, "survey-%lld-responses.csv", (long long)s.id)))
		return r->streamed ? 200 : 500;
	return 200;
}
