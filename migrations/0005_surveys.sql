-- 0005_surveys.sql: surveys (CSAT, NPS, CES, custom), their questions, single-use invitations and responses

CREATE TABLE surveys (
	id bigserial PRIMARY KEY,
	kind text NOT NULL CHECK (kind IN ('csat', 'nps', 'ces', 'custom')),
	title_en text NOT NULL CHECK (length(title_en) BETWEEN 1 AND 200),
	title_bn text NOT NULL DEFAULT '' CHECK (length(title_bn) <= 200),
	intro_en text NOT NULL DEFAULT '' CHECK (length(intro_en) <= 2000),
	intro_bn text NOT NULL DEFAULT '' CHECK (length(intro_bn) <= 2000),
	status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'closed')),
	-- custom surveys may be answered on the portal: 'off', 'signed_in' customers only, or 'anyone'
	portal text NOT NULL DEFAULT 'off' CHECK (portal IN ('off', 'signed_in', 'anyone')),
	link_days integer NOT NULL DEFAULT 14 CHECK (link_days BETWEEN 1 AND 90),
	created_by bigint REFERENCES staff (id) ON DELETE SET NULL,
	created_at timestamptz NOT NULL DEFAULT now()
);
-- the automatic CSAT (after a resolved conversation) and NPS use the newest active survey of their kind
CREATE INDEX surveys_kind ON surveys (kind, status);

CREATE TABLE survey_questions (
	id bigserial PRIMARY KEY,
	survey_id bigint NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
	position integer NOT NULL CHECK (position BETWEEN 1 AND 100),
	qtype text NOT NULL CHECK (qtype IN ('rating', 'single', 'multi', 'text')),
	text_en text NOT NULL CHECK (length(text_en) BETWEEN 1 AND 500),
	text_bn text NOT NULL DEFAULT '' CHECK (length(text_bn) <= 500),
	required boolean NOT NULL DEFAULT false,
	scale_min integer NOT NULL DEFAULT 1 CHECK (scale_min BETWEEN 0 AND 1),
	scale_max integer NOT NULL DEFAULT 5 CHECK (scale_max BETWEEN 2 AND 10),
	-- choices of single/multi questions, one per element, same count in both languages
	options_en text[] NOT NULL DEFAULT '{}',
	options_bn text[] NOT NULL DEFAULT '{}',
	-- the rating that feeds the survey's figure (CSAT %, NPS, CES average); one per survey at most
	is_score boolean NOT NULL DEFAULT false,
	UNIQUE (survey_id, position) DEFERRABLE INITIALLY IMMEDIATE  -- moves swap two positions
);
CREATE UNIQUE INDEX survey_questions_score ON survey_questions (survey_id) WHERE is_score;

-- A link sent to (or opened by) one person. Only the hash of its token is stored.
CREATE TABLE survey_invitations (
	id bigserial PRIMARY KEY,
	survey_id bigint NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
	token_hash text NOT NULL UNIQUE,
	customer_id bigint REFERENCES customers (id) ON DELETE CASCADE,
	conversation_id bigint,  -- FK added below when conversations exist
	via text NOT NULL CHECK (via IN ('email', 'chat', 'portal', 'list')),
	created_at timestamptz NOT NULL DEFAULT now(),
	expires_at timestamptz NOT NULL,
	completed_at timestamptz
);
CREATE INDEX survey_invitations_customer ON survey_invitations (customer_id, survey_id);
CREATE INDEX survey_invitations_survey ON survey_invitations (survey_id);

-- One response per invitation; saved question by question, so a half-answered survey keeps its answers.
-- channel/agent/team/topic are copied from the conversation when the invitation is made, so the results
-- page groups 100,000 responses without joining the chat tables.
CREATE TABLE survey_responses (
	id bigserial PRIMARY KEY,
	survey_id bigint NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
	invitation_id bigint UNIQUE REFERENCES survey_invitations (id) ON DELETE CASCADE,
	customer_id bigint REFERENCES customers (id) ON DELETE SET NULL,
	conversation_id bigint,
	channel text,
	agent_id bigint REFERENCES staff (id) ON DELETE SET NULL,
	team text,
	topic text,
	score integer CHECK (score BETWEEN 0 AND 10),  -- the answer to the score question
	comment text CHECK (length(comment) <= 4000),  -- the first free-text answer, for the comments list
	started_at timestamptz NOT NULL DEFAULT now(),
	answered_at timestamptz NOT NULL DEFAULT now(),
	completed_at timestamptz
);
CREATE INDEX survey_responses_results ON survey_responses (survey_id, answered_at) INCLUDE (score, channel, agent_id, team, topic);
CREATE INDEX survey_responses_comments ON survey_responses (survey_id, answered_at DESC) WHERE comment IS NOT NULL;

CREATE TABLE survey_answers (
	response_id bigint NOT NULL REFERENCES survey_responses (id) ON DELETE CASCADE,
	question_id bigint NOT NULL REFERENCES survey_questions (id) ON DELETE CASCADE,
	value_int integer,      -- rating
	choices integer[],      -- single/multi: indexes into options (0-based)
	value_text text CHECK (length(value_text) <= 4000),
	answered_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (response_id, question_id)
);

-- Conversations are created by 0004_chat.sql; link to them when that table exists.
DO $$
BEGIN
	IF to_regclass('conversations') IS NOT NULL THEN
		ALTER TABLE survey_invitations ADD CONSTRAINT survey_invitations_conversation
			FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE SET NULL;
		ALTER TABLE survey_responses ADD CONSTRAINT survey_responses_conversation
			FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE SET NULL;
	END IF;
END $$;
CREATE INDEX survey_invitations_conversation ON survey_invitations (conversation_id);

-- The NPS round: a job that invites customers due for NPS, then schedules itself again.
INSERT INTO jobs (kind, run_at) VALUES ('survey_nps_round', now() + interval '1 day');
