/* portal/surveys.c: answering a survey by its single-use link, one question per screen, each answer
 * saved as it is given; and the custom surveys published on the portal */
#include "surveys.h"
#include "../core/crypto.h"
#include "../core/page.h"
#include "../data/surveys.h"
#include <stdlib.h>
#include <string.h>

/* text in the viewer's language, English when the Bengali text is empty */
static const char *pick(req *r, const char *en, const char *bn)
{
	return strcmp(r->lang, "bn") == 0 && bn && *bn ? bn : en;
}

/* Ends of the rating scale, by kind of survey. */
static void scale_ends(const char *kind, const char **lo, const char **hi)
{
	if (strcmp(kind, "nps") == 0) {
		*lo = N_("Not at all likely");
		*hi = N_("Extremely likely");
	} else if (strcmp(kind, "ces") == 0) {
		*lo = N_("Very difficult");
		*hi = N_("Very easy");
	} else if (strcmp(kind, "csat") == 0) {
		*lo = N_("Very dissatisfied");
		*hi = N_("Very satisfied");
	} else {
		*lo = N_("Lowest");
		*hi = N_("Highest");
	}
}

/* A message page (expired, answered, closed) with the given status. */
static int message(req *r, int status, const char *msgid)
{
	r->layout = NULL;
	r->page = NULL;
	tdict *d = page_new(r, "portal/survey_done");
	tmpl_set(d, "MESSAGE", tr(r, msgid));
	return page_render(r, status, N_("Survey"));
}

/* GET /s/thanks — anyone. */
int survey_thanks(req *r)
{
	return message(r, 200, N_("Thank you! Your answers have been saved."));
}

static bool token_plausible(const char *t)
{
	size_t n = strlen(t);
	if (n != 43)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z') ||
		      (t[i] >= '0' && t[i] <= '9') || t[i] == '-' || t[i] == '_'))
			return false;
	return true;
}

typedef struct ctx {
	const char *token;
	survey_invitation inv;
	survey s;
	survey_question *qs;
	int nq;
	survey_answer *ans;
	int comment_q;   /* index of the first free-text question (the "comment"), -1 none */
} ctx;

/* Loads the link's survey; returns 0, or the status of the page already rendered. */
static int load(req *r, ctx *c)
{
	c->token = req_param(r, "token");
	if (!token_plausible(c->token))
		return message(r, 404, N_("This survey link is not valid."));
	if (!survey_invitation_find(r->db, r->a, token_hash(r->a, c->token), r->is_post, &c->inv))
		return message(r, 404, N_("This survey link is not valid."));
	/* a link names its person: another signed-in customer never sees it */
	if (r->who.kind == ACCOUNT_CUSTOMER && c->inv.customer_id && c->inv.customer_id != r->who.id)
		return message(r, 404, N_("This survey link is not valid."));
	if (c->inv.completed)
		return message(r, 410, N_("This survey has already been answered. Thank you!"));
	if (c->inv.expired)
		return message(r, 410, N_("This survey link has expired."));
	if (!survey_get(r->db, r->a, c->inv.survey_id, r->tz, &c->s))
		return 500;
	c->nq = survey_questions(r->db, r->a, c->s.id, &c->qs);
	if (c->nq < 0)
		return 500;
	if (strcmp(c->s.status, "active") != 0 || c->nq == 0)
		return message(r, 410, N_("This survey is closed."));
	c->ans = arena_calloc(r->a, sizeof(survey_answer) * (size_t)c->nq);
	if (!survey_answers_get(r->db, r->a, c->inv.response_id, c->qs, c->nq, c->ans))
		return 500;
	c->comment_q = -1;
	for (int i = 0; i < c->nq && c->comment_q < 0; i++)
		if (strcmp(c->qs[i].qtype, "text") == 0)
			c->comment_q = i;
	return 0;
}

static bool chosen(const survey_answer *a, int k)
{
	for (int i = 0; i < a->n_choices; i++)
		if (a->choices[i] == k)
			return true;
	return false;
}

/* Renders question i; kept: the answer to show (the saved one, or what was just sent). */
static int question_page(req *r, ctx *c, int i, int status, const char *error,
			 const survey_answer *kept)
{
	const survey_question *q = &c->qs[i];
	tdict *d = page_new(r, "portal/survey_question");
	if (error)
		page_error(d, r, error);
	tmpl_set(d, "SURVEY_TITLE", pick(r, c->s.title_en, c->s.title_bn));
	if (i == 0) {
		const char *intro = pick(r, c->s.intro_en, c->s.intro_bn);
		if (intro && *intro)
			tmpl_set(tmpl_section(d, "INTRO"), "INTRO_TEXT", intro);
	}
	tmpl_set(d, "ACTION", arena_printf(r->a, "/s/%s", c->token));
	tmpl_set_int(d, "QID", q->id);
	tmpl_set_int(d, "NUM", i + 1);
	tmpl_set_int(d, "TOTAL", c->nq);
	tmpl_set(d, "QUESTION", pick(r, q->text_en, q->text_bn));
	if (q->required)
		tmpl_show(d, "REQUIRED");
	if (i > 0)
		tmpl_set(tmpl_section(d, "BACK"), "BACK_HREF",
			 arena_printf(r->a, "/s/%s?q=%d", c->token, i));
	tmpl_show(d, i + 1 == c->nq ? "LAST" : "NOT_LAST");
	if (strcmp(q->qtype, "rating") == 0) {
		tdict *rt = tmpl_section(d, "RATING");
		const char *lo, *hi;
		scale_ends(c->s.kind, &lo, &hi);
		tmpl_set(rt, "LOW_LABEL", tr(r, lo));
		tmpl_set(rt, "HIGH_LABEL", tr(r, hi));
		if (q->scale_max - q->scale_min >= 7)
			tmpl_show(rt, "WIDE");
		for (int v = q->scale_min; v <= q->scale_max; v++) {
			tdict *o = tmpl_section(rt, "POINT");
			tmpl_set_int(o, "VALUE", v);
			if (kept && kept->present && kept->value == v)
				tmpl_show(o, "CHECKED");
			if (q->required)
				tmpl_show(o, "REQ");
		}
	} else if (strcmp(q->qtype, "single") == 0 || strcmp(q->qtype, "multi") == 0) {
		bool multi = q->qtype[0] == 'm';
		tdict *ch = tmpl_section(d, "CHOICES");
		for (int k = 0; k < q->n_options; k++) {
			tdict *o = tmpl_section(ch, "OPTION");
			tmpl_set(o, "TYPE", multi ? "checkbox" : "radio");
			tmpl_set(o, "NAME", multi ? "choice" : "value");
			tmpl_set_int(o, "VALUE", k);
			tmpl_set(o, "LABEL", pick(r, q->options_en[k], q->options_bn[k]));
			if (kept && kept->present &&
			    (multi ? chosen(kept, k) : kept->value == k))
				tmpl_show(o, "CHECKED");
		}
	} else {
		tmpl_set(tmpl_section(d, "TEXT"), "TEXT_VALUE", kept && kept->text ? kept->text : "");
	}
	return page_render_title(r, status, pick(r, c->s.title_en, c->s.title_bn));
}

/* GET /s/{token}?q=N — anyone holding the link. Shows question N (default: the first unanswered). */
int survey_answer_form(req *r)
{
	ctx c;
	int st = load(r, &c);
	if (st)
		return st;
	int i = -1;
	const char *q = req_query(r, "q");
	if (*q) {
		char *end;
		long v = strtol(q, &end, 10);
		if (*end || v < 1 || v > c.nq)
			return 404;
		i = (int)v - 1;
	} else {
		for (int k = 0; k < c.nq && i < 0; k++)
			if (!c.ans[k].present)
				i = k;
		if (i < 0)
			i = c.nq - 1;
	}
	return question_page(r, &c, i, 200, NULL, &c.ans[i]);
}

static bool parse_int(const char *s, int lo, int hi, int *out)
{
	if (!*s || strlen(s) > 3)
		return false;
	char *end;
	long v = strtol(s, &end, 10);
	if (*end || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

/* Reads the answer to q from the form: 1 answered, 0 left empty, -1 invalid. */
static int read_answer(req *r, const survey_question *q, survey_answer *a)
{
	memset(a, 0, sizeof *a);
	a->question_id = q->id;
	if (strcmp(q->qtype, "rating") == 0 || strcmp(q->qtype, "single") == 0) {
		const char *v = req_form(r, "value");
		if (!*v)
			return 0;
		bool rating = q->qtype[0] == 'r';
		if (!parse_int(v, rating ? q->scale_min : 0, rating ? q->scale_max : q->n_options - 1,
			       &a->value))
			return -1;
	} else if (strcmp(q->qtype, "multi") == 0) {
		for (size_t i = 0; i < r->form.n; i++) {
			if (strcmp(r->form.items[i].key, "choice") != 0)
				continue;
			int k;
			if (!parse_int(r->form.items[i].val, 0, q->n_options - 1, &k) || chosen(a, k) ||
			    a->n_choices >= SURVEY_MAX_OPTIONS)
				return -1;
			a->choices[a->n_choices++] = k;
		}
		if (a->n_choices == 0)
			return 0;
	} else {
		const char *t = str_trim(r->a, req_form(r, "text"));
		if (utf8_length(t) > SURVEY_MAX_TEXT)
			return -1;
		if (!*t)
			return 0;
		a->text = t;
	}
	a->present = true;
	return 1;
}

/* POST /s/{token} — anyone holding the link. Fields: qid, value | choice (repeated) | text.
 * Saves this answer (so a half-answered survey keeps it), then shows the next question; after the
 * last one, checks every required question is answered and completes the response. */
int survey_answer_submit(req *r)
{
	ctx c;
	int st = load(r, &c);
	if (st)
		return st;
	int64_t qid = 0;
	const char *qs = req_form(r, "qid");
	if (*qs)
		qid = strtoll(qs, NULL, 10);
	int i = -1;
	for (int k = 0; k < c.nq; k++)
		if (c.qs[k].id == qid)
			i = k;
	if (i < 0) /* a question of another survey, or none */
		return message(r, 400, N_("This answer does not belong to this survey."));
	const survey_question *q = &c.qs[i];
	survey_answer a;
	int got = read_answer(r, q, &a);
	if (got < 0)
		return question_page(r, &c, i, 400, N_("Please choose one of the given answers (free text: at most 4000 characters)."), NULL);
	if (got == 0 && q->required)
		return question_page(r, &c, i, 400, N_("Please answer this question."), NULL);
	if (got > 0) {
		int64_t rid = survey_answer_save(r->db, r->a, &c.inv, q, &a, i == c.comment_q);
		if (!rid)
			return 500;
		c.inv.response_id = rid;
		c.ans[i] = a;
	} else {
		if (!survey_answer_clear(r->db, r->a, c.inv.response_id, q, i == c.comment_q))
			return 500;
		c.ans[i].present = false;
	}
	if (i + 1 < c.nq)
		return redirect(r, arena_printf(r->a, "/s/%s?q=%d", c.token, i + 2));
	for (int k = 0; k < c.nq; k++)
		if (c.qs[k].required && !c.ans[k].present)
			return question_page(r, &c, k, 400,
					     N_("Please answer this question before you finish."), NULL);
	if (!survey_complete(r->db, r->a, &c.inv))
		return message(r, 410, N_("This survey has already been answered. Thank you!"));
	return redirect(r, "/s/thanks");
}

/* GET /surveys — anyone. The surveys published on the portal (some for signed-in customers only). */
int portal_surveys_index(req *r)
{
	survey *list;
	int n = survey_portal_list(r->db, r->a, r->who.kind == ACCOUNT_CUSTOMER, &list);
	if (n < 0)
		return 500;
	tdict *d = page_new(r, "portal/surveys");
	int shown = 0;
	for (int i = 0; i < n; i++) {
		/* NPS: each customer at most once per 90 days, whichever way it reached them */
		if (strcmp(list[i].kind, "nps") == 0 &&
		    (r->who.kind != ACCOUNT_CUSTOMER || survey_nps_recent(r->db, r->a, r->who.id)))
			continue;
		shown++;
		tdict *row = tmpl_section(d, "ROW");
		tmpl_set_int(row, "ID", list[i].id);
		tmpl_set(row, "TITLE", pick(r, list[i].title_en, list[i].title_bn));
		tmpl_set(row, "INTRO", pick(r, list[i].intro_en, list[i].intro_bn));
	}
	if (shown == 0)
		tmpl_show(d, "NONE");
	return page_render(r, 200, N_("Surveys"));
}

/* Loads a published survey: 0, or the status to return (404 for anything not published). */
static int load_published(req *r, survey *s)
{
	int64_t id = req_param_id(r, "id");
	if (!id || !survey_get(r->db, r->a, id, r->tz, s))
		return 404;
	if (strcmp(s->status, "active") != 0 || strcmp(s->portal, "off") == 0)
		return 404;
	/* NPS needs a known customer, to keep to once per 90 days */
	if ((strcmp(s->portal, "signed_in") == 0 || strcmp(s->kind, "nps") == 0) &&
	    r->who.kind != ACCOUNT_CUSTOMER)
		return redirect(r, "/signin");
	return 0;
}

/* A signed-in customer who may not answer (again): answered already, or asked for NPS lately. */
static bool already(req *r, const survey *s)
{
	if (r->who.kind != ACCOUNT_CUSTOMER)
		return false;
	if (strcmp(s->kind, "nps") == 0)
		return survey_nps_recent(r->db, r->a, r->who.id);
	return survey_customer_done(r->db, r->a, s->id, r->who.id);
}

/* GET /surveys/{id} — anyone (signed-in customers for 'signed_in' surveys). */
int portal_survey_show(req *r)
{
	survey s;
	int st = load_published(r, &s);
	if (st)
		return st;
	tdict *d = page_new(r, "portal/survey_start");
	tmpl_set(d, "TITLE_TEXT", pick(r, s.title_en, s.title_bn));
	tmpl_set(d, "INTRO", pick(r, s.intro_en, s.intro_bn));
	tmpl_set_int(d, "ID", s.id);
	if (already(r, &s))
		tmpl_show(d, "DONE");
	else
		tmpl_show(d, "CAN_START");
	return page_render_title(r, 200, pick(r, s.title_en, s.title_bn));
}

/* POST /surveys/{id}/start — anyone (signed-in customers for 'signed_in' surveys).
 * Opens a personal single-use link for this visit and goes to its first question. */
int portal_survey_start(req *r)
{
	survey s;
	int st = load_published(r, &s);
	if (st)
		return st;
	int64_t customer = r->who.kind == ACCOUNT_CUSTOMER ? r->who.id : 0;
	if (already(r, &s))
		return message(r, 409, N_("You have already answered this survey. Thank you!"));
	const char *token = token_new(r->a);
	if (survey_invite(r->db, r->a, s.id, customer, 0, "portal", token_hash(r->a, token)) <= 0)
		return 500;
	return redirect(r, arena_printf(r->a, "/s/%s", token));
}
