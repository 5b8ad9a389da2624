-- 0009: the agent desktop at a million conversations and ten million messages (tests/bench/desk.sh).
--
-- Search words are a stored column: the planner keeps real word statistics for a column (it has none
-- for the expression of a partial index, so every word looked common: a rare one walked all ten million
-- messages backwards, a minute), and a common word, found by walking the newest messages, is a look at
-- a stored value (0.3 µs) instead of parsing the text again (10 µs). Positions are stripped: search
-- matches words, not phrases. System messages have none.
ALTER TABLE messages ADD COLUMN search_words tsvector
	GENERATED ALWAYS AS (CASE WHEN author <> 'system' THEN strip(to_tsvector('simple', body)) END) STORED;
DROP INDEX messages_search;
CREATE INDEX messages_search ON messages USING gin (search_words);

-- Subjects are searched by word the same way (their substrings by trigram made the planner walk the
-- conversations newest first for a common word: a quarter of a second).
ALTER TABLE conversations ADD COLUMN subject_words tsvector
	GENERATED ALWAYS AS (strip(to_tsvector('simple', coalesce(subject, '')))) STORED;
DROP INDEX conversations_subject;
CREATE INDEX conversations_subject_words ON conversations USING gin (subject_words);

-- Each agent's open load (routing, the supervisors' overview): a few hundred index entries per agent,
-- not every conversation they ever had.
CREATE INDEX conversations_open_assigned ON conversations (assigned_to, channel_account_id)
	INCLUDE (snoozed_until) WHERE status = 'open';
-- The unread count of the desktop's title and tab: unresolved conversations of an agent.
CREATE INDEX conversations_unresolved_assigned ON conversations (assigned_to)
	INCLUDE (last_customer_message_at) WHERE status <> 'resolved';
-- Offline web chats count as async work; few of all chats.
CREATE INDEX chat_conversations_offline ON chat_conversations (conversation_id) WHERE offline;
