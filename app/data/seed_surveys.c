/* seed_surveys.c: demo surveys (CSAT, NPS, CES, a custom one in English and Bengali) with a few hundred
 * responses over the last 12 weeks, so the charts have something to show */
#include "surveys.h"
#include "data.h"
#include <stdio.h>

/* n invitations over the last 84 days, about three in four answered; scores drift upwards over time.
 * Scores: $3 = the kind's lowest score, $4 = highest. Agents, teams, topics and channels are spread. */
static const stmt seed_rows = {
	"WITH agents AS (SELECT ARRAY(SELECT id FROM staff WHERE 'agent' = ANY (roles) ORDER BY id) AS a),"
	" inv AS (INSERT INTO survey_invitations (survey_id, token_hash, via, created_at, expires_at, completed_at)"
	"   SELECT $1::bigint, md5('seed-' || $1::bigint || '-' || g), CASE WHEN g % 3 = 0 THEN 'email' ELSE 'chat' END,"
	"     now() - (g * 84.0 / $2::integer) * interval '1 day',"
	"     now() - (g * 84.0 / $2::integer) * interval '1 day' + interval '14 days',"
	"     CASE WHEN g % 4 <> 0 THEN now() - (g * 84.0 / $2::integer) * interval '1 day' + interval '2 hours' END"
	"   FROM generate_series(1, $2::integer) g RETURNING id, created_at, completed_at),"
	" resp AS (INSERT INTO survey_responses (survey_id, invitation_id, channel, agent_id, team, topic, score,"
	"   comment, started_at, answered_at, completed_at)"
	"   SELECT $1::bigint, inv.id, (ARRAY['web', 'web', 'email', 'phone', 'social'])[1 + inv.id % 5],"
	"     (SELECT a[1 + inv.id % greatest(cardinality(a), 1)] FROM agents), 'Support',"
	"     (ARRAY['order', 'delivery', 'billing', 'other'])[1 + inv.id % 4],"
	"     least($4::integer, greatest($3::integer, round($3::integer + ($4::integer - $3::integer)"
	"       * (0.3 + 0.62 * random() + 0.12 * (1 - extract(epoch FROM now() - inv.created_at) / (84 * 86400))))::integer)),"
	"     CASE WHEN inv.id % 3 = 0 THEN (ARRAY[$5::text, $6::text, $7::text, $8::text, $9::text])[1 + inv.id % 5] END,"
	"     inv.created_at + interval '1 hour', inv.completed_at, inv.completed_at"
	"   FROM inv WHERE inv.completed_at IS NOT NULL RETURNING id, score, comment)"
	" INSERT INTO survey_answers (response_id, question_id, value_int, value_text)"
	" SELECT resp.id, q.id, CASE WHEN q.is_score THEN resp.score END, CASE WHEN NOT q.is_score THEN resp.comment END"
	" FROM resp JOIN survey_questions q ON q.survey_id = $1"
	"   AND (q.is_score OR (q.qtype = 'text' AND resp.comment IS NOT NULL"
	"     AND q.position = (SELECT min(position) FROM survey_questions x WHERE x.survey_id = $1::bigint AND x.qtype = 'text')))"
};

static bool seed_responses(db *d, arena *a, int64_t id, int n, int lo, int hi)
{
	const char *p[] = { db_id(a, id), arena_printf(a, "%d", n), arena_printf(a, "%d", lo),
			    arena_printf(a, "%d", hi),
			    "Quick and friendly, thank you!", "It took too long to get an answer.",
			    "খুব ভালো সেবা, ধন্যবাদ।", "The agent solved it at once.",
			    "<b>Not</b> happy with the delivery & the refund." };
	return db_do(d, &seed_rows, 9, p);
}

bool seed_surveys(db *d, arena *a)
{
	survey csat = { .kind = "csat", .title_en = "How did we do?", .title_bn = "আমরা কেমন করেছি?",
			.status = "active", .portal = "off", .link_days = 14 };
	survey nps = { .kind = "nps", .title_en = "Would you recommend us?",
		       .title_bn = "আপনি কি আমাদের সুপারিশ করবেন?", .status = "active", .portal = "off",
		       .link_days = 30 };
	survey ces = { .kind = "ces", .title_en = "Was it easy?", .title_bn = "এটা কি সহজ ছিল?",
		       .status = "draft", .portal = "off", .link_days = 14 };
	survey custom = { .kind = "custom", .title_en = "Delivery experience", .title_bn = "ডেলিভারির অভিজ্ঞতা",
			  .intro_en = "Three short questions about your last delivery.",
			  .intro_bn = "আপনার শেষ ডেলিভারি নিয়ে তিনটি ছোট প্রশ্ন।",
			  .status = "active", .portal = "anyone", .link_days = 14 };
	int64_t ids[4];
	survey *all[] = { &csat, &nps, &ces, &custom };
	for (int i = 0; i < 4; i++)
		if (!(ids[i] = survey_create(d, a, all[i], 0)))
			return false;
	static const char *chan_en[] = { "Email", "Social media", "A friend", "Other" };
	static const char *chan_bn[] = { "ইমেইল", "সামাজিক মাধ্যম", "একজন বন্ধু", "অন্যান্য" };
	static const char *svc_en[] = { "Home delivery", "Pick-up point", "Returns" };
	static const char *svc_bn[] = { "হোম ডেলিভারি", "পিক-আপ পয়েন্ট", "ফেরত" };
	survey_question qs[] = {
		{ .qtype = "rating", .text_en = "How would you rate the speed of the delivery?",
		  .text_bn = "ডেলিভারির গতিকে আপনি কীভাবে মূল্যায়ন করবেন?", .required = true, .is_score = true,
		  .scale_min = 1, .scale_max = 5 },
		{ .qtype = "single", .text_en = "How did you hear about us?", .text_bn = "আপনি আমাদের কথা কীভাবে জানলেন?",
		  .scale_min = 1, .scale_max = 5, .n_options = 4, .options_en = chan_en, .options_bn = chan_bn },
		{ .qtype = "multi", .text_en = "Which of our services have you used?",
		  .text_bn = "আমাদের কোন সেবাগুলো আপনি ব্যবহার করেছেন?", .scale_min = 1, .scale_max = 5, .n_options = 3,
		  .options_en = svc_en, .options_bn = svc_bn },
		{ .qtype = "text", .text_en = "Anything else we should know?", .text_bn = "আর কিছু কি আমাদের জানা উচিত?",
		  .scale_min = 1, .scale_max = 5 },
	};
	for (size_t i = 0; i < sizeof qs / sizeof qs[0]; i++)
		if (survey_question_add(d, a, ids[3], &qs[i]) <= 0)
			return false;
	return seed_responses(d, a, ids[0], 360, 1, 5) && seed_responses(d, a, ids[1], 240, 0, 10) &&
	       seed_responses(d, a, ids[3], 80, 1, 5);
}
