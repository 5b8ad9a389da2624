/* data/surveys.h: surveys, questions, single-use invitations, responses saved question by question,
 * and the aggregates of the results page */
#ifndef CXMS_DATA_SURVEYS_H
#define CXMS_DATA_SURVEYS_H
#include <stdbool.h>
#include <stdint.h>
#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/db.h"

#define SURVEY_MAX_QUESTIONS 50
#define SURVEY_MAX_OPTIONS 20
#define SURVEY_MAX_TEXT 4000
#define SURVEY_NPS_DAYS 90

typedef struct survey {
	int64_t id;
	const char *kind;     /* csat, nps, ces, custom */
	const char *title_en, *title_bn, *intro_en, *intro_bn;
	const char *status;   /* draft, active, closed */
	const char *portal;   /* off, signed_in, anyone */
	int link_days;
	const char *created_at;
	long long invited, responses, completed;  /* survey_list only */
} survey;

typedef struct survey_question {
	int64_t id;
	int position;
	const char *qtype;    /* rating, single, multi, text */
	const char *text_en, *text_bn;
	bool required, is_score;
	int scale_min, scale_max;
	int n_options;
	const char **options_en, **options_bn;
} survey_question;

/* Creates a survey; csat/nps/ces get their standard questions (texts in en and bn). 0 on error. */
int64_t survey_create(db *d, arena *a, const survey *s, int64_t staff_id);
bool survey_update(db *d, arena *a, const survey *s);
bool survey_get(db *d, arena *a, int64_t id, const char *tz, survey *out);
int survey_list(db *d, arena *a, const char *tz, survey **out);
/* Active surveys published on the portal; signed_in: include those for signed-in customers. */
int survey_portal_list(db *d, arena *a, bool signed_in, survey **out);

int survey_questions(db *d, arena *a, int64_t survey_id, survey_question **out);
/* Appends a question; 0 when the survey has SURVEY_MAX_QUESTIONS, -1 on error. */
int64_t survey_question_add(db *d, arena *a, int64_t survey_id, const survey_question *q);
/* false when the question is not the survey's */
bool survey_question_delete(db *d, arena *a, int64_t survey_id, int64_t question_id);
/* Swaps the question with its neighbour (dir -1 up, +1 down). */
bool survey_question_move(db *d, arena *a, int64_t survey_id, int64_t question_id, int dir);

/* ---- invitations and answers ---- */
typedef struct survey_invitation {
	int64_t id, survey_id, customer_id, response_id;
	bool expired, completed;
} survey_invitation;

/* Creates an invitation whose link is valid for the survey's link_days; customer and conversation may
 * be 0. Returns the invitation id, -1 on error. */
int64_t survey_invite(db *d, arena *a, int64_t survey_id, int64_t customer_id,
		      int64_t conversation_id, const char *via, const char *token_hash);
/* lock: FOR UPDATE (answering, inside the POST's transaction) */
bool survey_invitation_find(db *d, arena *a, const char *token_hash, bool lock,
			    survey_invitation *out);

/* One answer. value: rating (or the chosen index for single); choices: multi; text: free text. */
typedef struct survey_answer {
	int64_t question_id;
	bool present;
	int value;
	int n_choices;
	int choices[SURVEY_MAX_OPTIONS];
	const char *text;
} survey_answer;
/* Saves (replaces) one answer, creating the response on the first one. Returns the response id. */
int64_t survey_answer_save(db *d, arena *a, const survey_invitation *inv, const survey_question *q,
			   const survey_answer *ans, bool is_comment);
/* Removes an optional question's answer that was cleared. */
bool survey_answer_clear(db *d, arena *a, int64_t response_id, const survey_question *q,
			 bool is_comment);
/* The answers of a response, in the order of qs (present=false when unanswered). */
bool survey_answers_get(db *d, arena *a, int64_t response_id, const survey_question *qs, int n,
			survey_answer *out);
/* Marks invitation and response completed; false when it already was (a replay). */
bool survey_complete(db *d, arena *a, const survey_invitation *inv);
/* A signed-in customer already completed this survey */
bool survey_customer_done(db *d, arena *a, int64_t survey_id, int64_t customer_id);

/* The customer was asked for NPS (any channel) in the last SURVEY_NPS_DAYS days. */
bool survey_nps_recent(db *d, arena *a, int64_t customer_id);

/* ---- results ---- */
typedef struct survey_filter {
	int weeks;          /* period: the last N weeks */
	int64_t agent_id;   /* 0: everyone */
	const char *tz;
	int band_lo, band_hi;  /* comments: score range; band_lo < 0: any */
} survey_filter;

typedef struct survey_group_row {
	const char *dim;    /* all, week, channel, agent, team, topic */
	const char *key;    /* week: 0-based index from the period's first week; agent: id; others: code
			       ("" when none) */
	const char *label;  /* agent name, topic title (msgid) */
	int score;          /* -1: responses without a score */
	long long n, completed;
} survey_group_row;
int survey_results(db *d, arena *a, int64_t survey_id, const survey_filter *f,
		   survey_group_row **out);
/* The start dates (YYYY-MM-DD) of the last f->weeks weeks, oldest first. */
int survey_weeks(db *d, arena *a, const survey_filter *f, const char ***out);
/* Invitations sent (not portal visits) in the period; -1 on error. Responses and completions come
 * with survey_results (dim "all"). */
long long survey_invited(db *d, int64_t survey_id, const survey_filter *f);

typedef struct survey_comment {
	int64_t id;
	const char *at, *comment, *agent, *channel, *topic;
	int score;   /* -1: none */
} survey_comment;
int survey_comments(db *d, arena *a, int64_t survey_id, const survey_filter *f, int limit,
		    survey_comment **out);

/* A customer's latest completed answers, for the agent's view of their record. */
typedef struct survey_answer_summary {
	const char *kind_label; /* CSAT, NPS, CES or the survey's title */
	const char *answered_at, *comment;
	int score;              /* -1: none */
} survey_answer_summary;
int surveys_of_customer(db *d, arena *a, int64_t customer_id, const char *tz, int limit,
			survey_answer_summary **out);

typedef struct survey_staff { int64_t id; const char *name; } survey_staff;
int survey_agents(db *d, arena *a, survey_staff **out);

/* CSV of every response with one column per question (labels in English), streamed to the client in
 * keyset pages (constant memory whatever the number of responses). false before anything was sent:
 * the caller answers 500; false after: the client has gone or a later page failed. */
struct req;
bool survey_export_csv(struct req *r, int64_t survey_id, const char *filename);

/* ---- sending ---- */
/* THE place that decides whether a survey may be emailed to a customer. Today: only customers with a
 * verified email address. The consent layer will gate it on the 'surveys contact' purpose here, and only
 * here (survey_dispatch.c and surveys_on_conversation_resolved call nothing else). */
bool survey_may_email(db *d, int64_t customer_id);

/* Called by the chat's resolve handler, in its transaction, once a conversation becomes resolved.
 * Invites the customer to the newest active CSAT survey (once per conversation): web chats get the
 * link as a message in the conversation at once (the caller's chat_notify then shows it); other
 * channels get it by email when survey_may_email allows. Returns the link path ("/s/<token>") for a
 * web chat, "" when it was emailed or nothing is to be sent, NULL on a database error. */
const char *surveys_on_conversation_resolved(db *d, arena *a, int64_t conversation_id);

/* Sends the survey to the customers with these addresses (unknown ones, and those survey_may_email
 * refuses, are skipped). Returns how many were sent, -1 on error. */
int survey_send_list(db *d, arena *a, int64_t survey_id, const char *const *emails, int n);

/* The NPS round (job survey_nps_round): invites up to limit customers not asked for NPS in the last
 * SURVEY_NPS_DAYS days; returns how many were sent, -1 on error. */
int survey_nps_round(db *d, arena *a, int limit);
bool survey_nps_reschedule(db *d);

/* Demo data (seed_surveys.c) */
bool seed_surveys(db *d, arena *a);

#endif
