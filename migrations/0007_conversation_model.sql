-- 0007_conversation_model.sql: one conversation model for every channel. Channel accounts (every
-- configured way in), channel-neutral conversations and messages, web-chat data in its own side
-- table, the append-only conversation history, attachments, per-staff read state and mentions.
-- Upgrades a database holding 0004's web-chat data: every row keeps what it had.

-- Routing belongs to every channel: the chat_ prefix stays only on what is web-chat-specific
-- (chat_topics, the pre-chat form's choices, and chat_conversations below).
ALTER TABLE chat_teams RENAME TO teams;
ALTER INDEX chat_teams_pkey RENAME TO teams_pkey;
ALTER INDEX chat_teams_name_key RENAME TO teams_name_key;
ALTER TABLE chat_team_hours RENAME TO team_hours;
ALTER INDEX chat_team_hours_pkey RENAME TO team_hours_pkey;
ALTER TABLE chat_skills RENAME TO skills;
ALTER INDEX chat_skills_pkey RENAME TO skills_pkey;
ALTER TABLE chat_agents RENAME TO agents;
ALTER INDEX chat_agents_pkey RENAME TO agents_pkey;
ALTER TABLE chat_agent_skills RENAME TO agent_skills;
ALTER INDEX chat_agent_skills_pkey RENAME TO agent_skills_pkey;
ALTER TABLE chat_agent_langs RENAME TO agent_langs;
ALTER INDEX chat_agent_langs_pkey RENAME TO agent_langs_pkey;
-- live channels (web chat, messaging, phone) count against max_live; email against max_email
ALTER TABLE agents RENAME COLUMN max_chats TO max_live;
ALTER TABLE agents RENAME CONSTRAINT chat_agents_max_chats_check TO agents_max_live_check;
ALTER TABLE agents ADD COLUMN max_email integer NOT NULL DEFAULT 10 CHECK (max_email BETWEEN 0 AND 200);

-- One row per configured way in. Secrets (passwords, tokens, app secrets) are a JSON object sealed
-- with the master key (associated data "channel-secrets:<id>"); the admin never sees them back whole.
CREATE TABLE channel_accounts (
	id bigserial PRIMARY KEY,
	kind text NOT NULL
		CHECK (kind IN ('web', 'email', 'sms', 'whatsapp', 'messenger', 'instagram', 'telegram', 'phone')),
	name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
	team_id bigint REFERENCES teams (id) ON DELETE SET NULL,
	skill text REFERENCES skills (code) ON DELETE SET NULL,  -- of conversations arriving here
	active boolean NOT NULL DEFAULT true,
	address text CHECK (length(address) <= 254),   -- public: mailbox, phone number, page or bot name
	secrets text,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now()
);
-- the portal's chat is the one web chat account
CREATE UNIQUE INDEX channel_accounts_one_web ON channel_accounts (kind) WHERE kind = 'web';
INSERT INTO channel_accounts (kind, name, team_id) VALUES ('web', 'Web chat', (SELECT min(id) FROM teams));
-- conversations of 0004's other channel codes get an account of their kind ('social' was Messenger-like)
INSERT INTO channel_accounts (kind, name)
	SELECT DISTINCT CASE channel WHEN 'social' THEN 'messenger' ELSE channel END,
	       CASE channel WHEN 'email' THEN 'Email' WHEN 'sms' THEN 'SMS' WHEN 'phone' THEN 'Phone' ELSE 'Social' END
	FROM conversations WHERE channel <> 'web';

-- What only web chat needs: the visitor (token hash, name, address), the pre-chat notice seen, whether
-- it was left while nobody was available, and the conversation's Nchan channel.
CREATE TABLE chat_conversations (
	conversation_id bigint PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
	visitor_token_hash text UNIQUE,
	visitor_name text CHECK (length(visitor_name) <= 200),
	visitor_email text CHECK (length(visitor_email) <= 254),
	offline boolean NOT NULL DEFAULT false,
	live_channel text NOT NULL UNIQUE CHECK (live_channel ~ '^[0-9a-f]{32}$'),
	notice_version text
);
-- every web chat, and any other conversation that carried visitor data, keeps it
INSERT INTO chat_conversations (conversation_id, visitor_token_hash, visitor_name, visitor_email, offline,
                                live_channel, notice_version)
	SELECT id, visitor_token_hash, visitor_name, visitor_email, offline, live_channel, notice_version
	FROM conversations
	WHERE channel = 'web' OR visitor_token_hash IS NOT NULL OR visitor_name IS NOT NULL
	   OR visitor_email IS NOT NULL OR offline;
CREATE INDEX chat_conversations_visitor_name ON chat_conversations USING gin (visitor_name gin_trgm_ops)
	WHERE visitor_name IS NOT NULL;
CREATE INDEX chat_conversations_visitor_email ON chat_conversations USING gin (visitor_email gin_trgm_ops)
	WHERE visitor_email IS NOT NULL;

ALTER TABLE conversations
	ADD COLUMN channel_account_id bigint REFERENCES channel_accounts (id),
	ADD COLUMN subject text CHECK (length(subject) <= 998),
	ADD COLUMN priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
	ADD COLUMN team_id bigint REFERENCES teams (id) ON DELETE SET NULL,
	ADD COLUMN snoozed_until timestamptz,
	-- the customer's oldest message an agent has not answered yet; NULL when nobody waits
	ADD COLUMN waiting_since timestamptz,
	ADD COLUMN last_customer_message_at timestamptz,
	-- the newest customer or agent message, shortened, for the list
	ADD COLUMN preview text CHECK (length(preview) <= 200),
	ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

UPDATE conversations c SET channel_account_id = ca.id
	FROM channel_accounts ca WHERE ca.kind = CASE c.channel WHEN 'social' THEN 'messenger' ELSE c.channel END;
UPDATE conversations c SET team_id = s.team_id FROM skills s WHERE s.code = c.skill;
UPDATE conversations c SET
	preview = (SELECT left(m.body, 200) FROM chat_messages m WHERE m.conversation_id = c.id
	           AND m.kind IN ('customer', 'agent') ORDER BY m.id DESC LIMIT 1),
	last_customer_message_at = (SELECT max(m.created_at) FROM chat_messages m
	                            WHERE m.conversation_id = c.id AND m.kind = 'customer'),
	waiting_since = CASE WHEN c.status = 'resolved' THEN NULL ELSE
		(SELECT min(m.created_at) FROM chat_messages m WHERE m.conversation_id = c.id AND m.kind = 'customer'
		   AND NOT EXISTS (SELECT 1 FROM chat_messages a WHERE a.conversation_id = c.id
		                   AND a.kind = 'agent' AND a.id > m.id)) END,
	updated_at = c.last_message_at;
ALTER TABLE conversations ALTER COLUMN channel_account_id SET NOT NULL;
-- moved to chat_conversations (the old CHECK on the visitor columns goes with them); the channel's kind
-- is the account's
ALTER TABLE conversations
	DROP COLUMN channel, DROP COLUMN visitor_token_hash, DROP COLUMN visitor_name,
	DROP COLUMN visitor_email, DROP COLUMN offline, DROP COLUMN live_channel, DROP COLUMN notice_version;

DROP INDEX conversations_assigned;
CREATE INDEX conversations_assigned ON conversations (assigned_to, last_message_at DESC);
CREATE INDEX conversations_status ON conversations (status, last_message_at DESC);
CREATE INDEX conversations_account ON conversations (channel_account_id, last_message_at DESC);
CREATE INDEX conversations_team ON conversations (team_id, last_message_at DESC);
CREATE INDEX conversations_snoozed ON conversations (snoozed_until) WHERE snoozed_until IS NOT NULL;
CREATE INDEX conversations_subject ON conversations USING gin (subject gin_trgm_ops) WHERE subject IS NOT NULL;
DROP INDEX conversations_queue;
CREATE INDEX conversations_queue ON conversations (queued_at, id) WHERE assigned_to IS NULL AND status = 'open';
-- search by the customer's name or address (the inbox's ?q=)
CREATE INDEX customers_name_trgm ON customers USING gin (name gin_trgm_ops);
CREATE INDEX customers_email_trgm ON customers USING gin (email gin_trgm_ops);

-- Messages of every channel. author: who wrote it; internal: a note only staff see; direction: in
-- (from the customer) or out (to the customer), none for notes and system lines. external_id is the
-- channel's own id of the message (unique per channel account: a redelivery is stored once).
ALTER TABLE chat_messages RENAME TO messages;
ALTER INDEX chat_messages_pkey RENAME TO messages_pkey;
ALTER INDEX chat_messages_conv RENAME TO messages_conversation;
ALTER INDEX chat_messages_ip RENAME TO messages_ip;
ALTER SEQUENCE chat_messages_id_seq RENAME TO messages_id_seq;
ALTER TABLE messages DROP CONSTRAINT chat_messages_kind_check, DROP CONSTRAINT chat_messages_body_check,
	DROP CONSTRAINT chat_messages_code_check;
ALTER TABLE messages RENAME CONSTRAINT chat_messages_conversation_id_fkey TO messages_conversation_id_fkey;
ALTER TABLE messages RENAME CONSTRAINT chat_messages_staff_id_fkey TO messages_staff_id_fkey;
ALTER TABLE messages RENAME COLUMN kind TO author;
ALTER TABLE messages
	ADD COLUMN channel_account_id bigint REFERENCES channel_accounts (id),
	ADD COLUMN internal boolean NOT NULL DEFAULT false,
	ADD COLUMN direction text,
	ADD COLUMN subject text CHECK (length(subject) <= 998),
	ADD COLUMN html text CHECK (length(html) <= 2000000),   -- sanitised, for email
	ADD COLUMN external_id text CHECK (length(external_id) BETWEEN 1 AND 255),
	ADD COLUMN delivery text CHECK (delivery IN ('queued', 'sent', 'delivered', 'read', 'failed')),
	ADD COLUMN delivery_error text CHECK (length(delivery_error) <= 1000),
	ADD COLUMN delivery_at timestamptz;
UPDATE messages m SET
	channel_account_id = c.channel_account_id,
	internal = m.author = 'note',
	direction = CASE m.author WHEN 'customer' THEN 'in' WHEN 'agent' THEN 'out' END,
	delivery = CASE m.author WHEN 'agent' THEN 'sent' END,
	author = CASE m.author WHEN 'note' THEN 'agent' ELSE m.author END
	FROM conversations c WHERE c.id = m.conversation_id;
ALTER TABLE messages ALTER COLUMN channel_account_id SET NOT NULL;
ALTER TABLE messages
	ADD CONSTRAINT messages_author_check CHECK (author IN ('customer', 'agent', 'system', 'bot')),
	ADD CONSTRAINT messages_body_check CHECK (length(body) <= 100000),
	ADD CONSTRAINT messages_code_check
		CHECK (code IN ('joined', 'transferred', 'resolved', 'reopened', 'queued', 'offline')),
	-- the shape of each kind of line: a note is staff's and goes nowhere; a system line has no direction
	ADD CONSTRAINT messages_shape_check CHECK (
		(internal AND author IN ('agent', 'bot') AND direction IS NULL AND delivery IS NULL)
		OR (NOT internal AND author = 'system' AND direction IS NULL)
		OR (NOT internal AND author = 'customer' AND direction = 'in')
		OR (NOT internal AND author IN ('agent', 'bot') AND direction = 'out'));
CREATE UNIQUE INDEX messages_external ON messages (channel_account_id, external_id) WHERE external_id IS NOT NULL;
-- the inbox search: words of every message, in any language ('simple': no stemming, so Bengali words
-- are found as written; the query matches word prefixes)
CREATE INDEX messages_search ON messages USING gin (to_tsvector('simple', body)) WHERE author <> 'system';

-- Everything that happened to a conversation, in order; written in the same transaction as the change.
-- Service levels and reports read it. Rows are never changed (a trigger refuses UPDATE); they go only
-- with their conversation (erasure, retention).
CREATE TABLE conversation_events (
	id bigserial PRIMARY KEY,
	conversation_id bigint NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
	at timestamptz NOT NULL DEFAULT now(),
	kind text NOT NULL CHECK (kind IN ('created', 'assigned', 'transferred', 'unassigned', 'agent_replied',
		'customer_replied', 'note_added', 'status_changed', 'reopened', 'priority_changed', 'snoozed',
		'unsnoozed', 'tagged', 'untagged')),
	actor text NOT NULL CHECK (actor IN ('customer', 'staff', 'system')),
	staff_id bigint REFERENCES staff (id) ON DELETE SET NULL,
	from_value text CHECK (length(from_value) <= 200),
	to_value text CHECK (length(to_value) <= 200),
	message_id bigint REFERENCES messages (id) ON DELETE SET NULL
);
CREATE INDEX conversation_events_conversation ON conversation_events (conversation_id, id);
CREATE INDEX conversation_events_at ON conversation_events (at, kind);

CREATE FUNCTION conversation_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'conversation_events is append-only';
END $$;
CREATE TRIGGER conversation_events_append_only BEFORE UPDATE ON conversation_events
	FOR EACH ROW EXECUTE FUNCTION conversation_events_append_only();

-- the history of today's conversations, from what 0004 recorded
INSERT INTO conversation_events (conversation_id, at, kind, actor)
	SELECT id, created_at, 'created', CASE WHEN customer_id IS NULL THEN 'system' ELSE 'customer' END
	FROM conversations ORDER BY created_at, id;
INSERT INTO conversation_events (conversation_id, at, kind, actor, staff_id, from_value, to_value, message_id)
	SELECT m.conversation_id, m.created_at,
	       CASE WHEN m.internal THEN 'note_added'
	            WHEN m.author = 'customer' THEN 'customer_replied'
	            WHEN m.author = 'agent' THEN 'agent_replied'
	            WHEN m.code = 'joined' THEN 'assigned'
	            WHEN m.code IN ('transferred', 'queued') THEN 'transferred'
	            WHEN m.code = 'resolved' THEN 'status_changed'
	            ELSE 'reopened' END,
	       CASE WHEN m.author = 'customer' THEN 'customer' WHEN m.staff_id IS NOT NULL THEN 'staff' ELSE 'system' END,
	       m.staff_id,
	       CASE m.code WHEN 'reopened' THEN 'resolved' END,
	       CASE WHEN m.code IN ('joined', 'transferred') THEN m.staff_id::text
	            WHEN m.code = 'resolved' THEN 'resolved' WHEN m.code = 'reopened' THEN 'open' END,
	       CASE WHEN m.author <> 'system' THEN m.id END
	FROM messages m
	WHERE m.author <> 'system' OR m.code IN ('joined', 'transferred', 'queued', 'resolved', 'reopened')
	ORDER BY m.id;

-- Files attached to messages. The bytes are stored once per content (files/<aa>/<bb>/<sha256>, see
-- app/data/attachments.c); these rows name them for one message. Deleting a row queues its file for
-- removal once nothing else refers to it.
CREATE TABLE attachments (
	id bigserial PRIMARY KEY,
	message_id bigint NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
	conversation_id bigint NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
	sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
	size bigint NOT NULL CHECK (size >= 0),
	content_type text NOT NULL CHECK (length(content_type) BETWEEN 3 AND 127),
	filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_message ON attachments (message_id);
CREATE INDEX attachments_conversation ON attachments (conversation_id);
CREATE INDEX attachments_sha256 ON attachments (sha256);

CREATE TABLE file_gc (
	sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
	queued_at timestamptz NOT NULL DEFAULT now()
);
CREATE FUNCTION attachments_gc() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO file_gc (sha256) VALUES (OLD.sha256) ON CONFLICT DO NOTHING;
	INSERT INTO jobs (kind, run_at)
		SELECT 'files_gc', now() + interval '10 seconds'
		WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE kind = 'files_gc' AND status = 'queued');
	RETURN NULL;
END $$;
CREATE TRIGGER attachments_gc AFTER DELETE ON attachments FOR EACH ROW EXECUTE FUNCTION attachments_gc();

-- What each staff member has seen of a conversation (the list's unread marker).
CREATE TABLE conversation_reads (
	staff_id bigint NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
	conversation_id bigint NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
	read_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (staff_id, conversation_id)
);
CREATE INDEX conversation_reads_conversation ON conversation_reads (conversation_id);

-- A colleague @mentioned in a note, or given a conversation: shown in their list until they open it.
CREATE TABLE staff_notifications (
	id bigserial PRIMARY KEY,
	staff_id bigint NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
	conversation_id bigint NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
	message_id bigint REFERENCES messages (id) ON DELETE CASCADE,
	kind text NOT NULL CHECK (kind IN ('mention', 'assigned')),
	by_staff_id bigint REFERENCES staff (id) ON DELETE SET NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	seen_at timestamptz
);
CREATE INDEX staff_notifications_unseen ON staff_notifications (staff_id, created_at DESC) WHERE seen_at IS NULL;
CREATE INDEX staff_notifications_conversation ON staff_notifications (conversation_id);

-- Phone numbers are sealed; the inbox finds a customer by number through a keyed hash of its digits.
ALTER TABLE customer_private ADD COLUMN phone_index text;
CREATE INDEX customer_private_phone_index ON customer_private (phone_index) WHERE phone_index IS NOT NULL;

ALTER TABLE canned_answers DROP CONSTRAINT canned_answers_body_check;
ALTER TABLE canned_answers ADD CONSTRAINT canned_answers_body_check CHECK (length(body) BETWEEN 1 AND 10000);

-- A reply that goes out by mail knows its message, so the message shows whether the mail left.
ALTER TABLE mails ADD COLUMN message_id bigint REFERENCES messages (id) ON DELETE SET NULL;
CREATE INDEX mails_message ON mails (message_id) WHERE message_id IS NOT NULL;
