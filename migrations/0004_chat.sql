-- 0004_chat.sql: live chat and the agent inbox: teams, skills, agent presence and limits, conversations,
-- messages, tags, canned answers

-- A team answers one or more skills, within its business hours, in its own time zone.
CREATE TABLE chat_teams (
	id bigserial PRIMARY KEY,
	name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
	tz text NOT NULL DEFAULT 'UTC'
);
-- dow: 0 = Sunday .. 6 = Saturday, as extract(dow ...); closes > opens, local time of the team
CREATE TABLE chat_team_hours (
	team_id bigint NOT NULL REFERENCES chat_teams (id) ON DELETE CASCADE,
	dow integer NOT NULL CHECK (dow BETWEEN 0 AND 6),
	opens time NOT NULL,
	closes time NOT NULL CHECK (closes > opens),
	PRIMARY KEY (team_id, dow, opens)
);

CREATE TABLE chat_skills (
	code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{0,30}$'),
	title text NOT NULL,
	team_id bigint REFERENCES chat_teams (id) ON DELETE SET NULL
);
-- What the customer picks in the pre-chat form; each topic maps to a skill.
CREATE TABLE chat_topics (
	code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{0,30}$'),
	title text NOT NULL,   -- msgid, translated when shown
	skill text NOT NULL REFERENCES chat_skills (code),
	position integer NOT NULL DEFAULT 0
);

-- Per agent: presence and the limit of concurrent chats; skills and languages below.
CREATE TABLE chat_agents (
	staff_id bigint PRIMARY KEY REFERENCES staff (id) ON DELETE CASCADE,
	presence text NOT NULL DEFAULT 'offline' CHECK (presence IN ('online', 'away', 'offline')),
	presence_at timestamptz NOT NULL DEFAULT now(),
	max_chats integer NOT NULL DEFAULT 3 CHECK (max_chats BETWEEN 0 AND 50)
);
CREATE TABLE chat_agent_skills (
	staff_id bigint NOT NULL REFERENCES chat_agents (staff_id) ON DELETE CASCADE,
	skill text NOT NULL REFERENCES chat_skills (code) ON DELETE CASCADE,
	PRIMARY KEY (staff_id, skill)
);
CREATE TABLE chat_agent_langs (
	staff_id bigint NOT NULL REFERENCES chat_agents (staff_id) ON DELETE CASCADE,
	lang text NOT NULL CHECK (lang IN ('en', 'bn')),
	PRIMARY KEY (staff_id, lang)
);

CREATE TABLE conversations (
	id bigserial PRIMARY KEY,
	channel text NOT NULL DEFAULT 'web' CHECK (channel IN ('web', 'email', 'sms', 'phone', 'social')),
	customer_id bigint REFERENCES customers (id) ON DELETE SET NULL,
	-- a visitor is known only by the hash of the random token in their cookie, bound to this conversation
	visitor_token_hash text UNIQUE,
	visitor_name text CHECK (length(visitor_name) <= 200),
	visitor_email text CHECK (length(visitor_email) <= 254),
	topic text REFERENCES chat_topics (code),
	skill text REFERENCES chat_skills (code),
	lang text NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'bn')),
	status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'resolved')),
	assigned_to bigint REFERENCES staff (id) ON DELETE SET NULL,
	-- outside business hours or with nobody online: the customer left a message, it goes on by email
	offline boolean NOT NULL DEFAULT false,
	-- the unguessable Nchan channel of the conversation; rotated on transfer and sign-out
	live_channel text NOT NULL UNIQUE CHECK (live_channel ~ '^[0-9a-f]{32}$'),
	-- which version of the pre-chat data notice the customer saw
	notice_version text,
	created_at timestamptz NOT NULL DEFAULT now(),
	queued_at timestamptz NOT NULL DEFAULT now(),
	assigned_at timestamptz,
	first_agent_reply_at timestamptz,
	resolved_at timestamptz,
	transfers integer NOT NULL DEFAULT 0,
	last_message_at timestamptz NOT NULL DEFAULT now(),
	CHECK (customer_id IS NOT NULL OR visitor_token_hash IS NOT NULL OR channel <> 'web'
	       OR visitor_name IS NOT NULL)
);
CREATE INDEX conversations_queue ON conversations (skill, lang, queued_at)
	WHERE assigned_to IS NULL AND status = 'open';
CREATE INDEX conversations_assigned ON conversations (assigned_to, status);
CREATE INDEX conversations_customer ON conversations (customer_id, created_at DESC);
CREATE INDEX conversations_recent ON conversations (last_message_at DESC);

-- kind: customer (signed in or visitor), agent, note (internal: never shown to the customer), system
-- (body is the display name the event names; code says which event)
CREATE TABLE chat_messages (
	id bigserial PRIMARY KEY,
	conversation_id bigint NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
	kind text NOT NULL CHECK (kind IN ('customer', 'agent', 'note', 'system')),
	staff_id bigint REFERENCES staff (id) ON DELETE SET NULL,
	code text CHECK (code IN ('joined', 'transferred', 'resolved', 'reopened', 'queued', 'offline')),
	body text NOT NULL CHECK (length(body) <= 4000),
	ip_hash text,
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chat_messages_conv ON chat_messages (conversation_id, id);
CREATE INDEX chat_messages_ip ON chat_messages (ip_hash, created_at) WHERE ip_hash IS NOT NULL;

CREATE TABLE conversation_tags (
	conversation_id bigint NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
	tag text NOT NULL CHECK (tag ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
	PRIMARY KEY (conversation_id, tag)
);
CREATE INDEX conversation_tags_tag ON conversation_tags (tag);

-- Canned answers: placeholders {name} (customer) and {agent} are filled when inserted.
CREATE TABLE canned_answers (
	id bigserial PRIMARY KEY,
	title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
	body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
	created_by bigint REFERENCES staff (id) ON DELETE SET NULL,
	updated_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO chat_teams (name, tz) VALUES ('Support', 'Asia/Dhaka');
-- open every day around the clock until a supervisor sets real hours
INSERT INTO chat_team_hours (team_id, dow, opens, closes)
	SELECT t.id, d, '00:00', '23:59:59.999999' FROM chat_teams t, generate_series(0, 6) d;
INSERT INTO chat_skills (code, title, team_id)
	SELECT s.code, s.title, t.id FROM chat_teams t,
	(VALUES ('orders', 'Orders'), ('delivery', 'Delivery'), ('billing', 'Billing'), ('general', 'General'))
		AS s (code, title);
INSERT INTO chat_topics (code, title, skill, position) VALUES
	('order', 'An order', 'orders', 1),
	('delivery', 'A delivery', 'delivery', 2),
	('billing', 'Billing and payment', 'billing', 3),
	('other', 'Something else', 'general', 4);
