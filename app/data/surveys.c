/* surveys.c: surveys and their questions, invitations, answers, results aggregates, CSV export */
#include "surveys.h"
#include "../core/csv.h"
#include "data.h"
#include "../core/i18n.h"
#include "../core/http.h"
#include "../core/stream.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- surveys ---- */

static const stmt insert_survey = {
	"INSERT INTO surveys (kind, title_en, title_bn, intro_en, intro_bn, status, portal, link_days, created_by)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8::integer, nullif($9::bigint, 0)) RETURNING id"
};

static const stmt insert_question = {
	"INSERT INTO survey_questions (survey_id, position, qtype, text_en, text_bn, required, scale_min,"
	" scale_max, options_en, options_bn, is_score)"
	" SELECT $1, coalesce(max(position), 0) + 1, $2, $3, $4, $5::boolean, $6::integer, $7::integer,"
	"   ARRAY(SELECT json_array_elements_text($8::json)), ARRAY(SELECT json_array_elements_text($9::json)),"
	"   $10::boolean"
	" FROM survey_questions WHERE survey_id = $1"
	" HAVING count(*) < " "50"  /* SURVEY_MAX_QUESTIONS */
	" RETURNING id"
};

static const char *json_list(arena *a, const char **items, int n)
{
	json_t *arr = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(arr, json_string(items[i] ? items[i] : ""));
	char *s = json_dumps(arr, JSON_COMPACT);
	json_decref(arr);
	const char *out = arena_strdup(a, s ? s : "[]");
	free(s);
	return out;
}

int64_t survey_question_add(db *d, arena *a, int64_t survey_id, const survey_question *q)
{
	const char *p[] = { db_id(a, survey_id), q->qtype, q->text_en, q->text_bn ? q->text_bn : "",
			    q->required ? "true" : "false", db_id(a, q->scale_min),
			    db_id(a, q->scale_max), json_list(a, q->options_en, q->n_options),
			    json_list(a, q->options_bn, q->n_options), q->is_score ? "true" : "false" };
	PGresult *res = db_run(d, &insert_question, 10, p);
	if (!res)
		return -1;
	int64_t id = PQntuples(res) == 1 ? db_i64(res, 0, 0) : 0;
	PQclear(res);
	return id;
}

/* The standard questions of the built-in kinds; texts are msgids, stored in both languages. */
static const struct std_q {
	const char *kind, *qtype, *text;
	bool required, is_score;
	int lo, hi;
} std_questions[] = {
	{ "csat", "rating", N_("How satisfied are you with the help you received?"), true, true, 1, 5 },
	{ "csat", "text", N_("Anything you would like to tell us?"), false, false, 1, 5 },
	{ "nps", "rating", N_("How likely are you to recommend us to a friend or colleague?"), true, true, 0, 10 },
	{ "nps", "text", N_("Why did you give this score?"), false, false, 1, 5 },
	{ "ces", "rating", N_("How easy was it to get your issue resolved?"), true, true, 1, 7 },
	{ "ces", "text", N_("What could have made it easier?"), false, false, 1, 5 },
};

int64_t survey_create(db *d, arena *a, const survey *s, int64_t staff_id)
{
	const char *p[] = { s->kind, s->title_en, s->title_bn ? s->title_bn : "",
			    s->intro_en ? s->intro_en : "", s->intro_bn ? s->intro_bn : "",
			    s->status ? s->status : "draft", s->portal ? s->portal : "off",
			    db_id(a, s->link_days > 0 ? s->link_days : 14), db_id(a, staff_id) };
	PGresult *res = db_run(d, &insert_survey, 9, p);
	int64_t id = res && PQntuples(res) == 1 ? db_i64(res, 0, 0) : 0;
	PQclear(res);
	if (!id)
		return 0;
	for (size_t i = 0; i < sizeof std_questions / sizeof std_questions[0]; i++) {
		const struct std_q *sq = &std_questions[i];
		if (strcmp(sq->kind, s->kind) != 0)
			continue;
		survey_question q = { .qtype = sq->qtype, .text_en = sq->text,
				      .text_bn = i18n_lookup("bn", sq->text), .required = sq->required,
				      .is_score = sq->is_score, .scale_min = sq->lo, .scale_max = sq->hi };
		if (survey_question_add(d, a, id, &q) <= 0)
			return 0;
	}
	return id;
}

static const stmt update_survey = {
	"UPDATE surveys SET title_en = $2, title_bn = $3, intro_en = $4, intro_bn = $5, status = $6,"
	" portal = $7, link_days = $8::integer WHERE id = $1"
};

bool survey_update(db *d, arena *a, const survey *s)
{
	const char *p[] = { db_id(a, s->id), s->title_en, s->title_bn, s->intro_en, s->intro_bn,
			    s->status, s->portal, db_id(a, s->link_days) };
	return db_do(d, &update_survey, 8, p);
}

#define SURVEY_COLS \
	"s.id, s.kind, s.title_en, s.title_bn, s.intro_en, s.intro_bn, s.status, s.portal, s.link_days," \
	" to_char(s.created_at AT TIME ZONE $2, 'YYYY-MM-DD')"

static void fill_survey(arena *a, PGresult *res, int i, void *item)
{
	survey *s = item;
	memset(s, 0, sizeof *s);
	s->id = db_i64(res, i, 0);
	s->kind = db_str(a, res, i, 1);
	s->title_en = db_str(a, res, i, 2);
	s->title_bn = db_str(a, res, i, 3);
	s->intro_en = db_str(a, res, i, 4);
	s->intro_bn = db_str(a, res, i, 5);
	s->status = db_str(a, res, i, 6);
	s->portal = db_str(a, res, i, 7);
	s->link_days = (int)db_i64(res, i, 8);
	s->created_at = db_str(a, res, i, 9);
}

static const stmt get_survey = { "SELECT " SURVEY_COLS " FROM surveys s WHERE s.id = $1" };

bool survey_get(db *d, arena *a, int64_t id, const char *tz, survey *out)
{
	const char *p[] = { db_id(a, id), tz ? tz : "UTC" };
	PGresult *res = db_run(d, &get_survey, 2, p);
	bool found = res && PQntuples(res) == 1;
	if (found)
		fill_survey(a, res, 0, out);
	PQclear(res);
	return found;
}

static const stmt list_surveys = {
	"SELECT " SURVEY_COLS ","
	" (SELECT count(*) FROM survey_invitations i WHERE i.survey_id = s.id),"
	" (SELECT count(*) FROM survey_responses r WHERE r.survey_id = s.id),"
	" (SELECT count(*) FROM survey_responses r WHERE r.survey_id = s.id AND r.completed_at IS NOT NULL)"
	/* $1 is unused but typed: SURVEY_COLS takes the zone as $2 */
	" FROM surveys s WHERE $1::text IS NOT NULL ORDER BY s.status = 'closed', s.id DESC LIMIT 500"
};

static void survey_list_row(arena *a, PGresult *res, int i, void *item)
{
	survey *row = item;
	fill_survey(a, res, i, row);
	row->invited = db_i64(res, i, 10);
	row->responses = db_i64(res, i, 11);
	row->completed = db_i64(res, i, 12);
}

int survey_list(db *d, arena *a, const char *tz, survey **out)
{
	const char *p[] = { "x", tz ? tz : "UTC" };
	int n;
	*out = db_rows(d, a, &list_surveys, 2, p, sizeof **out, survey_list_row, &n);
	return n;
}

static const stmt portal_surveys = {
	"SELECT " SURVEY_COLS " FROM surveys s WHERE s.status = 'active'"
	" AND (s.portal = 'anyone' OR (s.portal = 'signed_in' AND $1::boolean)) ORDER BY s.id DESC LIMIT 50"
};

int survey_portal_list(db *d, arena *a, bool signed_in, survey **out)
{
	const char *p[] = { signed_in ? "true" : "false", "UTC" };
	int n;
	*out = db_rows(d, a, &portal_surveys, 2, p, sizeof **out, fill_survey, &n);
	return n;
}

/* ---- questions ---- */

static const stmt list_questions = {
	"SELECT id, position, qtype, text_en, text_bn, required, is_score, scale_min, scale_max,"
	" array_to_json(options_en)::text, array_to_json(options_bn)::text"
	" FROM survey_questions WHERE survey_id = $1 ORDER BY position"
};

static int parse_options(arena *a, const char *json, const char ***out)
{
	json_error_t err;
	json_t *arr = json ? json_loads(json, 0, &err) : NULL;
	int n = json_is_array(arr) ? (int)json_array_size(arr) : 0;
	if (n > SURVEY_MAX_OPTIONS)
		n = SURVEY_MAX_OPTIONS;
	*out = arena_calloc(a, sizeof(char *) * (size_t)(n + 1));
	for (int i = 0; i < n; i++) {
		const char *s = json_string_value(json_array_get(arr, (size_t)i));
		(*out)[i] = arena_strdup(a, s ? s : "");
	}
	json_decref(arr);
	return n;
}

static void survey_questions_row(arena *a, PGresult *res, int i, void *item)
{
	survey_question *q = item;
	q->id = db_i64(res, i, 0);
	q->position = (int)db_i64(res, i, 1);
	q->qtype = db_str(a, res, i, 2);
	q->text_en = db_str(a, res, i, 3);
	q->text_bn = db_str(a, res, i, 4);
	q->required = db_bool(res, i, 5);
	q->is_score = db_bool(res, i, 6);
	q->scale_min = (int)db_i64(res, i, 7);
	q->scale_max = (int)db_i64(res, i, 8);
	q->n_options = parse_options(a, PQgetvalue(res, i, 9), &q->options_en);
	int nb = parse_options(a, PQgetvalue(res, i, 10), &q->options_bn);
	if (nb < q->n_options)
		q->n_options = nb;
}

int survey_questions(db *d, arena *a, int64_t survey_id, survey_question **out)
{
	const char *p[] = { db_id(a, survey_id) };
	int n;
	*out = db_rows(d, a, &list_questions, 1, p, sizeof **out, survey_questions_row, &n);
	return n;
}

static const stmt delete_question = {
	"DELETE FROM survey_questions WHERE survey_id = $1 AND id = $2 RETURNING id"
};

bool survey_question_delete(db *d, arena *a, int64_t survey_id, int64_t question_id)
{
	const char *p[] = { db_id(a, survey_id), db_id(a, question_id) };
	PGresult *res = db_run(d, &delete_question, 2, p);
	bool ok = res && PQntuples(res) == 1;
	PQclear(res);
	return ok;
}

/* Swaps two positions in one statement: (survey_id, position) is unique DEFERRABLE, so it is checked
 * at the end of the statement, not row by row. */
static const stmt move_question = {
	"WITH me AS (SELECT id, position FROM survey_questions WHERE survey_id = $1 AND id = $2),"
	" other AS (SELECT q.id, q.position FROM survey_questions q, me WHERE q.survey_id = $1"
	"   AND q.position = (SELECT CASE WHEN $3::integer < 0 THEN max(position) ELSE min(position) END"
	"     FROM survey_questions x WHERE x.survey_id = $1 AND CASE WHEN $3::integer < 0"
	"       THEN x.position < me.position ELSE x.position > me.position END))"
	" UPDATE survey_questions q SET position = CASE WHEN q.id = me.id THEN other.position ELSE me.position END"
	" FROM me, other WHERE q.id IN (me.id, other.id) RETURNING q.id"
};

bool survey_question_move(db *d, arena *a, int64_t survey_id, int64_t question_id, int dir)
{
	const char *p[] = { db_id(a, survey_id), db_id(a, question_id), dir < 0 ? "-1" : "1" };
	PGresult *res = db_run(d, &move_question, 3, p);
	bool ok = res != NULL;
	PQclear(res);
	return ok;
}

/* ---- invitations and answers ---- */

static const stmt insert_invitation = {
	"INSERT INTO survey_invitations (survey_id, token_hash, customer_id, conversation_id, via, expires_at)"
	" SELECT s.id, $2, nullif($3::bigint, 0), nullif($4::bigint, 0), $5, now() + s.link_days * interval '1 day'"
	" FROM surveys s WHERE s.id = $1 RETURNING id"
};

int64_t survey_invite(db *d, arena *a, int64_t survey_id, int64_t customer_id,
		      int64_t conversation_id, const char *via, const char *token_hash)
{
	const char *p[] = { db_id(a, survey_id), token_hash, db_id(a, customer_id),
			    db_id(a, conversation_id), via };
	PGresult *res = db_run(d, &insert_invitation, 5, p);
	int64_t id = res && PQntuples(res) == 1 ? db_i64(res, 0, 0) : -1;
	PQclear(res);
	return id;
}

#define FIND_INVITATION \
	"SELECT i.id, i.survey_id, coalesce(i.customer_id, 0), coalesce(r.id, 0), i.expires_at <= now()," \
	" i.completed_at IS NOT NULL" \
	" FROM survey_invitations i LEFT JOIN survey_responses r ON r.invitation_id = i.id" \
	" WHERE i.token_hash = $1"
static const stmt find_invitation = { FIND_INVITATION };
/* Answering locks the invitation: concurrent answers to one link are serialised, so a replay sees
 * completed_at once the first one commits. */
static const stmt find_invitation_locked = { FIND_INVITATION " FOR UPDATE OF i" };

bool survey_invitation_find(db *d, arena *a, const char *token_hash, bool lock,
			    survey_invitation *out)
{
	(void)a;
	const char *p[] = { token_hash };
	PGresult *res = db_run(d, lock ? &find_invitation_locked : &find_invitation, 1, p);
	bool found = res && PQntuples(res) == 1;
	if (found) {
		out->id = db_i64(res, 0, 0);
		out->survey_id = db_i64(res, 0, 1);
		out->customer_id = db_i64(res, 0, 2);
		out->response_id = db_i64(res, 0, 3);
		out->expired = db_bool(res, 0, 4);
		out->completed = db_bool(res, 0, 5);
	}
	PQclear(res);
	return found;
}

/* The response takes the conversation's channel, agent, team and topic once, for the results page. */
static const stmt ensure_response = {
	"INSERT INTO survey_responses (survey_id, invitation_id, customer_id, conversation_id, channel,"
	" agent_id, team, topic)"
	" SELECT i.survey_id, i.id, i.customer_id, i.conversation_id, coalesce(ca.kind, i.via),"
	"   c.assigned_to, t.name, c.topic"
	" FROM survey_invitations i LEFT JOIN conversations c ON c.id = i.conversation_id"
	" LEFT JOIN channel_accounts ca ON ca.id = c.channel_account_id LEFT JOIN teams t ON t.id = c.team_id"
	" WHERE i.id = $1"
	" ON CONFLICT (invitation_id) DO UPDATE SET answered_at = now() RETURNING id"
};

static int64_t response_for(db *d, arena *a, const survey_invitation *inv)
{
	if (inv->response_id)
		return inv->response_id;
	const char *p[] = { db_id(a, inv->id) };
	PGresult *res = db_run(d, &ensure_response, 1, p);
	int64_t id = res && PQntuples(res) == 1 ? db_i64(res, 0, 0) : 0;
	PQclear(res);
	return id;
}

static const stmt upsert_answer = {
	"INSERT INTO survey_answers (response_id, question_id, value_int, choices, value_text)"
	" VALUES ($1, $2, $3::integer,"
	"   CASE WHEN $4::json IS NULL THEN NULL ELSE ARRAY(SELECT json_array_elements_text($4::json)::integer) END,"
	"   $5)"
	" ON CONFLICT (response_id, question_id) DO UPDATE SET value_int = excluded.value_int,"
	" choices = excluded.choices, value_text = excluded.value_text, answered_at = now()"
};
static const stmt set_score = {
	"UPDATE survey_responses SET score = $2::integer, answered_at = now() WHERE id = $1"
};
static const stmt set_comment = {
	"UPDATE survey_responses SET comment = nullif($2, ''), answered_at = now() WHERE id = $1"
};
static const stmt touch_response = {
	"UPDATE survey_responses SET answered_at = now() WHERE id = $1"
};

int64_t survey_answer_save(db *d, arena *a, const survey_invitation *inv, const survey_question *q,
			   const survey_answer *ans, bool is_comment)
{
	int64_t rid = response_for(d, a, inv);
	if (!rid)
		return 0;
	const char *value = NULL, *choices = NULL, *text = NULL;
	if (strcmp(q->qtype, "rating") == 0 || strcmp(q->qtype, "single") == 0)
		value = db_id(a, ans->value);
	else if (strcmp(q->qtype, "multi") == 0) {
		buf b = { 0 };
		buf_puts(&b, "[");
		for (int i = 0; i < ans->n_choices; i++)
			buf_printf(&b, "%s%d", i ? "," : "", ans->choices[i]);
		buf_puts(&b, "]");
		choices = arena_strdup(a, buf_cstr(&b));
		buf_free(&b);
	} else
		text = ans->text ? ans->text : "";
	const char *p[] = { db_id(a, rid), db_id(a, q->id), value, choices, text };
	if (!db_do(d, &upsert_answer, 5, p))
		return 0;
	const char *p2[] = { p[0], q->is_score ? value : text };
	if (q->is_score && strcmp(q->qtype, "rating") == 0) {
		if (!db_do(d, &set_score, 2, p2))
			return 0;
	} else if (is_comment) {
		if (!db_do(d, &set_comment, 2, p2))
			return 0;
	} else if (!db_do(d, &touch_response, 1, p))
		return 0;
	return rid;
}

static const stmt delete_answer = {
	"DELETE FROM survey_answers WHERE response_id = $1 AND question_id = $2"
};

bool survey_answer_clear(db *d, arena *a, int64_t response_id, const survey_question *q,
			 bool is_comment)
{
	if (!response_id)
		return true;
	const char *p[] = { db_id(a, response_id), db_id(a, q->id) };
	if (!db_do(d, &delete_answer, 2, p))
		return false;
	const char *p2[] = { p[0], "" };
	return !is_comment || db_do(d, &set_comment, 2, p2);
}

static const stmt get_answers = {
	"SELECT question_id, value_int, array_to_json(choices)::text, value_text FROM survey_answers"
	" WHERE response_id = $1"
};

bool survey_answers_get(db *d, arena *a, int64_t response_id, const survey_question *qs, int n,
			survey_answer *out)
{
	memset(out, 0, sizeof *out * (size_t)n);
	for (int i = 0; i < n; i++)
		out[i].question_id = qs[i].id;
	if (!response_id)
		return true;
	const char *p[] = { db_id(a, response_id) };
	PGresult *res = db_run(d, &get_answers, 1, p);
	if (!res)
		return false;
	for (int r = 0; r < PQntuples(res); r++) {
		int64_t qid = db_i64(res, r, 0);
		for (int i = 0; i < n; i++) {
			if (qs[i].id != qid)
				continue;
			survey_answer *ans = &out[i];
			ans->present = true;
			if (!PQgetisnull(res, r, 1))
				ans->value = (int)db_i64(res, r, 1);
			ans->text = db_str(a, res, r, 3);
			if (!PQgetisnull(res, r, 2)) {
				json_error_t err;
				json_t *arr = json_loads(PQgetvalue(res, r, 2), 0, &err);
				for (size_t j = 0; json_is_array(arr) && j < json_array_size(arr) &&
						   ans->n_choices < SURVEY_MAX_OPTIONS; j++)
					ans->choices[ans->n_choices++] =
						(int)json_integer_value(json_array_get(arr, j));
				json_decref(arr);
			}
		}
	}
	PQclear(res);
	return true;
}

static const stmt complete_invitation = {
	"UPDATE survey_invitations SET completed_at = now() WHERE id = $1 AND completed_at IS NULL"
	" AND expires_at > now() RETURNING id"
};
static const stmt complete_response = {
	"UPDATE survey_responses SET completed_at = now(), answered_at = now() WHERE invitation_id = $1"
};

bool survey_complete(db *d, arena *a, const survey_invitation *inv)
{
	if (!response_for(d, a, inv))
		return false;
	const char *p[] = { db_id(a, inv->id) };
	PGresult *res = db_run(d, &complete_invitation, 1, p);
	bool ok = res && PQntuples(res) == 1;
	PQclear(res);
	return ok && db_do(d, &complete_response, 1, p);
}

static const stmt customer_done = {
	"SELECT 1 FROM survey_invitations WHERE survey_id = $1 AND customer_id = $2"
	" AND completed_at IS NOT NULL LIMIT 1"
};

bool survey_customer_done(db *d, arena *a, int64_t survey_id, int64_t customer_id)
{
	const char *p[] = { db_id(a, survey_id), db_id(a, customer_id) };
	PGresult *res = db_run(d, &customer_done, 2, p);
	bool done = res && PQntuples(res) > 0;
	PQclear(res);
	return done;
}

static const stmt nps_recent = {
	"SELECT 1 FROM survey_invitations i JOIN surveys s ON s.id = i.survey_id WHERE s.kind = 'nps'"
	" AND i.customer_id = $1 AND i.created_at > now() - " "90" /* SURVEY_NPS_DAYS */ " * interval '1 day' LIMIT 1"
};

bool survey_nps_recent(db *d, arena *a, int64_t customer_id)
{
	const char *p[] = { db_id(a, customer_id) };
	PGresult *res = db_run(d, &nps_recent, 1, p);
	bool recent = !res || PQntuples(res) > 0; /* on error: do not ask */
	PQclear(res);
	return recent;
}

/* ---- results ---- */

/* One pass over the period's responses, grouped six ways at once (GROUPING SETS). Weeks are numbered
 * from the period's first Monday in the viewer's zone, by elapsed seconds: cheaper per row than a
 * zone conversion (across a DST change a response within an hour of midnight may count a week off).
 * Rows without a score (only later questions answered) come as score NULL: they count as responses. */
static const stmt results = {
	"WITH p AS (SELECT date_trunc('week', now() AT TIME ZONE $4) AT TIME ZONE $4"
	"   - ($2::integer - 1) * interval '1 week' AS t0)"
	" SELECT g.dim, coalesce(g.key, ''), coalesce(st.name, tp.title, ''), coalesce(g.score, -1), g.n, g.done"
	" FROM ("
	" SELECT CASE WHEN GROUPING(w) = 0 THEN 'week' WHEN GROUPING(channel) = 0 THEN 'channel'"
	"   WHEN GROUPING(agent_id) = 0 THEN 'agent' WHEN GROUPING(team) = 0 THEN 'team'"
	"   WHEN GROUPING(topic) = 0 THEN 'topic' ELSE 'all' END AS dim,"
	"  CASE WHEN GROUPING(w) = 0 THEN w::text WHEN GROUPING(channel) = 0 THEN channel"
	"   WHEN GROUPING(agent_id) = 0 THEN agent_id::text WHEN GROUPING(team) = 0 THEN team"
	"   WHEN GROUPING(topic) = 0 THEN topic END AS key,"
	"  score, count(*) AS n, count(completed_at) AS done"
	" FROM (SELECT floor(extract(epoch FROM r.answered_at - p.t0) / 604800)::integer AS w, r.channel,"
	"   r.agent_id, r.team, r.topic, r.score, r.completed_at"
	"   FROM survey_responses r, p WHERE r.survey_id = $1 AND r.answered_at >= p.t0"
	"   AND ($3::bigint = 0 OR r.agent_id = $3::bigint)) r"
	" GROUP BY GROUPING SETS ((score), (w, score), (channel, score), (agent_id, score), (team, score),"
	"   (topic, score))) g"
	" LEFT JOIN staff st ON g.dim = 'agent' AND st.id::text = g.key"
	" LEFT JOIN chat_topics tp ON g.dim = 'topic' AND tp.code = g.key"
	" ORDER BY g.dim, g.key, g.score"
};

static void survey_results_row(arena *a, PGresult *res, int i, void *item)
{
	survey_group_row *g = item;
	g->dim = db_str(a, res, i, 0);
	g->key = db_str(a, res, i, 1);
	g->label = db_str(a, res, i, 2);
	g->score = (int)db_i64(res, i, 3);
	g->n = db_i64(res, i, 4);
	g->completed = db_i64(res, i, 5);
}

int survey_results(db *d, arena *a, int64_t survey_id, const survey_filter *f,
		   survey_group_row **out)
{
	const char *p[] = { db_id(a, survey_id), db_id(a, f->weeks), db_id(a, f->agent_id),
			    f->tz ? f->tz : "UTC" };
	int n;
	*out = db_rows(d, a, &results, 4, p, sizeof **out, survey_results_row, &n);
	return n;
}

static const stmt weeks = {
	"SELECT to_char(w, 'YYYY-MM-DD') FROM generate_series("
	" date_trunc('week', now() AT TIME ZONE $2) - ($1::integer - 1) * interval '1 week',"
	" date_trunc('week', now() AT TIME ZONE $2), interval '1 week') w ORDER BY w"
};

static void survey_weeks_row(arena *a, PGresult *res, int i, void *item)
{
	const char **row = item;
	*row = db_str(a, res, i, 0);
}

int survey_weeks(db *d, arena *a, const survey_filter *f, const char ***out)
{
	const char *p[] = { db_id(a, f->weeks), f->tz ? f->tz : "UTC" };
	int n;
	*out = db_rows(d, a, &weeks, 2, p, sizeof **out, survey_weeks_row, &n);
	return n;
}

static const stmt invited = {
	"SELECT count(*) FROM survey_invitations WHERE survey_id = $1 AND via <> 'portal'"
	" AND created_at >= date_trunc('week', now() AT TIME ZONE $3) AT TIME ZONE $3 - ($2::integer - 1) * interval '1 week'"
	/* an agent's view counts the invitations of their own conversations only */
	" AND ($4::bigint = 0 OR conversation_id IN (SELECT id FROM conversations WHERE assigned_to = $4::bigint))"
};

long long survey_invited(db *d, int64_t survey_id, const survey_filter *f)
{
	char sid[24], w[16], ag[24];
	snprintf(sid, sizeof sid, "%lld", (long long)survey_id);
	snprintf(w, sizeof w, "%d", f->weeks);
	snprintf(ag, sizeof ag, "%lld", (long long)f->agent_id);
	const char *p[] = { sid, w, f->tz ? f->tz : "UTC", ag };
	PGresult *res = db_run(d, &invited, 4, p);
	long long n = res && PQntuples(res) == 1 ? db_i64(res, 0, 0) : -1;
	PQclear(res);
	return n;
}

static const stmt comments = {
	"SELECT r.id, to_char(r.answered_at AT TIME ZONE $4, 'YYYY-MM-DD HH24:MI'), r.comment, st.name,"
	" r.channel, coalesce(tp.title, r.topic), coalesce(r.score, -1)"
	" FROM survey_responses r LEFT JOIN staff st ON st.id = r.agent_id"
	" LEFT JOIN chat_topics tp ON tp.code = r.topic"
	" WHERE r.survey_id = $1 AND r.comment IS NOT NULL"
	" AND r.answered_at >= date_trunc('week', now() AT TIME ZONE $4) AT TIME ZONE $4 - ($2::integer - 1) * interval '1 week'"
	" AND ($3::bigint = 0 OR r.agent_id = $3::bigint)"
	" AND ($5::integer < 0 OR r.score BETWEEN $5::integer AND $6::integer)"
	" ORDER BY r.answered_at DESC LIMIT $7::integer"
};

static void survey_comments_row(arena *a, PGresult *res, int i, void *item)
{
	survey_comment *c = item;
	c->id = db_i64(res, i, 0);
	c->at = db_str(a, res, i, 1);
	c->comment = db_str(a, res, i, 2);
	c->agent = db_str(a, res, i, 3);
	c->channel = db_str(a, res, i, 4);
	c->topic = db_str(a, res, i, 5);
	c->score = (int)db_i64(res, i, 6);
}

int survey_comments(db *d, arena *a, int64_t survey_id, const survey_filter *f, int limit,
		    survey_comment **out)
{
	const char *p[] = { db_id(a, survey_id), db_id(a, f->weeks), db_id(a, f->agent_id),
			    f->tz ? f->tz : "UTC", db_id(a, f->band_lo), db_id(a, f->band_hi),
			    db_id(a, limit) };
	int n;
	*out = db_rows(d, a, &comments, 7, p, sizeof **out, survey_comments_row, &n);
	return n;
}

static const stmt agents = {
	"SELECT id, name FROM staff WHERE 'agent' = ANY (roles) ORDER BY name, id LIMIT 1000"
};

static void survey_agents_row(arena *a, PGresult *res, int i, void *item)
{
	survey_staff *row = item;
	row->id = db_i64(res, i, 0);
	row->name = db_str(a, res, i, 1);
}

int survey_agents(db *d, arena *a, survey_staff **out)
{
	int n;
	*out = db_rows(d, a, &agents, 0, NULL, sizeof **out, survey_agents_row, &n);
	return n;
}

/* ---- CSV export ---- */


#define EXPORT_PAGE "2000"
#define EXPORT_FLUSH_AT (64 * 1024)

static const stmt export_rows = {
	"SELECT r.id, to_char(r.answered_at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI'), r.completed_at IS NOT NULL,"
	" r.customer_id, r.conversation_id, r.channel, st.name, r.team, r.topic, r.score,"
	" (SELECT json_object_agg(a.question_id, json_build_array(a.value_int, a.choices, a.value_text))"
	"   FROM survey_answers a WHERE a.response_id = r.id)::text"
	" FROM survey_responses r LEFT JOIN staff st ON st.id = r.agent_id"
	" WHERE r.survey_id = $1 AND r.id > $3::bigint ORDER BY r.id LIMIT " EXPORT_PAGE
};

/* One response as a CSV line; allocates nothing in the request arena (cell is a scratch buffer). */
static void export_row(buf *out, buf *cell, PGresult *res, int r, const survey_question *qs, int nq)
{
	for (int c = 0; c < 10; c++) {
		if (c)
			buf_puts(out, ",");
		const char *v = PQgetisnull(res, r, c) ? "" : PQgetvalue(res, r, c);
		if (c == 2)
			v = db_bool(res, r, c) ? "yes" : "no";
		csv_cell(out, v);
	}
	json_error_t err;
	json_t *ans = PQgetisnull(res, r, 10) ? NULL : json_loads(PQgetvalue(res, r, 10), 0, &err);
	for (int i = 0; i < nq; i++) {
		buf_puts(out, ",");
		char key[24];
		snprintf(key, sizeof key, "%lld", (long long)qs[i].id);
		json_t *one = ans ? json_object_get(ans, key) : NULL;
		if (!json_is_array(one))
			continue;
		json_t *vi = json_array_get(one, 0), *ch = json_array_get(one, 1), *tx = json_array_get(one, 2);
		buf_clear(cell);
		if (strcmp(qs[i].qtype, "single") == 0 && json_is_integer(vi)) {
			long long k = json_integer_value(vi);
			if (k >= 0 && k < qs[i].n_options)
				buf_puts(cell, qs[i].options_en[k]);
		} else if (json_is_integer(vi))
			buf_printf(cell, "%lld", (long long)json_integer_value(vi));
		else if (json_is_array(ch)) {
			for (size_t j = 0; j < json_array_size(ch); j++) {
				long long k = json_integer_value(json_array_get(ch, j));
				if (k >= 0 && k < qs[i].n_options) {
					buf_puts(cell, cell->len ? "; " : "");
					buf_puts(cell, qs[i].options_en[k]);
				}
			}
		} else if (json_is_string(tx))
			buf_puts(cell, json_string_value(tx));
		csv_cell(out, buf_cstr(cell));
	}
	json_decref(ans);
	buf_puts(out, "\r\n");
}

bool survey_export_csv(req *r, int64_t survey_id, const char *filename)
{
	survey_question *qs;
	int nq = survey_questions(r->db, r->a, survey_id, &qs);
	if (nq < 0)
		return false;
	char last[24] = "0";
	const char *p[] = { db_id(r->a, survey_id), r->tz ? r->tz : "UTC", last };
	/* the first page is read before anything is sent, so a failure is still a clean error page */
	PGresult *res = db_run(r->db, &export_rows, 3, p);
	if (!res)
		return false;
	if (!stream_begin(r, 200, "text/csv; charset=utf-8", filename)) {
		PQclear(res);
		return false;
	}
	buf out = { 0 }, cell = { 0 };
	buf_puts(&out, "response_id,answered_at,completed,customer_id,conversation_id,channel,agent,team,topic,score");
	for (int i = 0; i < nq; i++) {
		buf_puts(&out, ",");
		csv_cell(&out, arena_printf(r->a, "Q%d %s", qs[i].position, qs[i].text_en));
	}
	buf_puts(&out, "\r\n");
	bool ok = true;
	while (res && ok) {
		int n = PQntuples(res);
		for (int i = 0; i < n && ok; i++) {
			export_row(&out, &cell, res, i, qs, nq);
			ok = stream_flush(r, &out, EXPORT_FLUSH_AT);
		}
		if (n > 0)
			snprintf(last, sizeof last, "%s", PQgetvalue(res, n - 1, 0));
		PQclear(res);
		res = NULL;
		if (n == 0 || !ok)
			break;
		res = db_run(r->db, &export_rows, 3, p);
		if (!res)
			ok = false;
	}
	if (ok)
		ok = stream_flush(r, &out, 0);
	buf_free(&out);
	buf_free(&cell);
	return ok;
}

static const stmt of_customer = {
	"SELECT CASE s.kind WHEN 'custom' THEN s.title_en ELSE upper(s.kind) END,"
	" to_char(r.completed_at AT TIME ZONE $2, 'YYYY-MM-DD'), r.comment, coalesce(r.score, -1)"
	" FROM survey_responses r JOIN surveys s ON s.id = r.survey_id"
	" WHERE r.customer_id = $1::bigint AND r.completed_at IS NOT NULL"
	" ORDER BY r.completed_at DESC LIMIT $3::integer"
};

static void summary_row(arena *a, PGresult *res, int i, void *item)
{
	survey_answer_summary *s = item;
	s->kind_label = db_str(a, res, i, 0);
	s->answered_at = db_str(a, res, i, 1);
	s->comment = db_str(a, res, i, 2);
	s->score = (int)db_i64(res, i, 3);
}

int surveys_of_customer(db *d, arena *a, int64_t customer_id, const char *tz, int limit,
			survey_answer_summary **out)
{
	const char *p[] = { db_id(a, customer_id), tz, arena_printf(a, "%d", limit) };
	int n;
	*out = db_rows(d, a, &of_customer, 3, p, sizeof **out, summary_row, &n);
	return n;
}
