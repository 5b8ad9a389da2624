-- tests/bench/desk_data.sql — the agent desktop's data at realistic size, step 1 of 3 (run by
-- tests/bench/desk.sh; psql -v conversations=N -v messages=N -v customers=N -v agents=N -v chunks=N,
-- with tests/bench/desk_words.txt on standard input, comment lines removed).
--
--   1. this file: the vocabulary, 50,000 text fragments drawn from it, the bench agents, the customers
--      and the plan (one row per conversation: channel, customer, status, assignee, number of messages,
--      their spacing); the non-primary-key indexes and the constraints of the loaded tables are saved
--      (desk_bench.saved) and dropped, autovacuum is paused on them.
--   2. tests/bench/desk_data_chunk.sql, once per chunk (two at a time): the conversations of the chunk,
--      their messages (ids in time order) and events.
--   3. tests/bench/desk_data_finish.sql: web chat rows, tags, read state, mentions, sequences; then
--      desk.sh runs VACUUM, re-creates what was dropped from the saved definitions (foreign keys NOT VALID,
--      then VALIDATE), runs ANALYZE and drops desk_bench.
--
-- Everything is drawn from hashes of the row's number (desk_bench.u), so every run makes the same data
-- (times are relative to now()). Totals include what the demo seed already has: exactly :conversations
-- conversations and :messages messages afterwards.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET work_mem = '256MB';

DROP SCHEMA IF EXISTS desk_bench CASCADE;
CREATE SCHEMA desk_bench;

-- a uniform number in [0, 1) from a key and a salt (inlined by the planner: plain arithmetic)
CREATE FUNCTION desk_bench.u(k bigint, salt bigint) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$ SELECT (hashint8extended(k, salt) & 4294967295)::float8 / 4294967296.0 $$;
-- rank r of a vocabulary of v words with probability about 1/r (Zipf, s = 1)
CREATE FUNCTION desk_bench.zipf(u float8, v integer) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$ SELECT least(v, floor(exp(u * ln(v + 1)))::integer) $$;

CREATE TABLE desk_bench.params AS SELECT
	(SELECT coalesce(max(id), 0) FROM conversations) AS conv_offset,
	(SELECT coalesce(max(id), 0) FROM messages) AS msg_offset,
	(SELECT coalesce(max(id), 0) FROM conversation_events) AS event_offset,
	(SELECT coalesce(max(id), 0) FROM customers) AS cust_offset,
	:conversations - (SELECT count(*) FROM conversations) AS n_conv,
	:messages - (SELECT count(*) FROM messages) AS n_msg,
	:customers::bigint AS n_cust,
	:chunks::integer AS chunks,
	500 AS big_n;

-- ---- vocabulary and fragments ----
CREATE TABLE desk_bench.words_raw (seq bigserial, lang text NOT NULL, word text NOT NULL);
\copy desk_bench.words_raw (lang, word) FROM pstdin
CREATE TABLE desk_bench.words AS
	SELECT lang, row_number() OVER (PARTITION BY lang ORDER BY seq)::integer AS rank, word FROM desk_bench.words_raw;
CREATE UNIQUE INDEX ON desk_bench.words (lang, rank);
CREATE TABLE desk_bench.vocab AS SELECT lang, count(*)::integer AS v FROM desk_bench.words GROUP BY lang;

-- A message body is two fragments: one of the first half of a pool (3-20 words) and one of the second
-- (2-20 words), so 5-40 words. Pool en: 40,000 English fragments; pool bn: 10,000 with four words in
-- five Bengali (the rest English, as people write).
CREATE TABLE desk_bench.frag (pool text, id integer, body text NOT NULL, PRIMARY KEY (pool, id));
INSERT INTO desk_bench.frag (pool, id, body)
SELECT w.pool, w.id, string_agg(x.word, ' ' ORDER BY w.pos)
FROM (SELECT s.pool, f.id, pos.pos,
	     CASE WHEN s.pool = 'bn' AND desk_bench.u(f.id * 64 + pos.pos, 3) < 0.8 THEN 'bn' ELSE 'en' END AS lang,
	     desk_bench.u(f.id * 64 + pos.pos, CASE s.pool WHEN 'en' THEN 1 ELSE 2 END) AS u
      FROM (VALUES ('en', 20000), ('bn', 5000)) s (pool, half),
	   generate_series(1, 2 * s.half) f (id),
	   generate_series(1, CASE WHEN f.id <= s.half THEN 3 ELSE 2 END
			      + floor(desk_bench.u(f.id, CASE s.pool WHEN 'en' THEN 4 ELSE 5 END)
				      * CASE WHEN f.id <= s.half THEN 18 ELSE 19 END)::integer) pos (pos)) w
JOIN desk_bench.vocab v ON v.lang = w.lang
JOIN desk_bench.words x ON x.lang = w.lang AND x.rank = desk_bench.zipf(w.u, v.v)
GROUP BY w.pool, w.id;

-- ---- names ----
CREATE TABLE desk_bench.names AS SELECT
	ARRAY['Ayesha', 'Karim', 'Rahim', 'Fatima', 'Nusrat', 'Tanvir', 'Sadia', 'Farhan', 'Mehedi', 'Nadia',
	      'Rafiq', 'Shirin', 'Imran', 'Sumaiya', 'Arif', 'Jannat', 'Sabbir', 'Tasnim', 'Rashed', 'Mahmuda',
	      'Sharmin', 'Habib', 'Rubina', 'Kamal', 'Jamal', 'Shakil', 'Farzana', 'Monir', 'Rina', 'Sohel',
	      'Lima', 'Polash', 'Mitu', 'Anik', 'Bithi', 'Raju', 'Munni', 'Shohag', 'Tania', 'Masud', 'Shapla',
	      'Rony', 'Priya', 'Shuvo', 'Keya', 'Nayeem', 'Riya', 'Sakib', 'Mim', 'Jubayer', 'Tamanna', 'Asif',
	      'Sanjida', 'Fahim', 'Ishrat', 'Zahid', 'Afsana', 'Mahbub', 'Nabila', 'Rakib', 'Salma', 'Shahin',
	      'Lipi', 'Biplob', 'Joya', 'Emon', 'Sonia', 'Hasan', 'Moushumi', 'Alamgir', 'Papia', 'Selim',
	      'Shathi', 'Badal', 'Dipa', 'Faisal', 'Hena', 'Jewel', 'Kakoli', 'Liton', 'Mousumi', 'Nasir', 'Oishi',
	      'Parvez', 'Rumana', 'Saiful', 'Tuli', 'Uzzal', 'Yasmin', 'Zakir', 'Emma', 'Lucas', 'Olivia', 'Noah',
	      'Sophia', 'Liam', 'Mia', 'Ethan', 'Amelia', 'James', 'Chloe', 'Daniel', 'Grace', 'Leo', 'Hannah',
	      'Omar', 'Sara', 'Adam', 'Layla', 'Yusuf', 'Maria', 'David', 'Anna', 'Ravi', 'Ananya', 'Arjun',
	      'Kavya', 'Wei', 'Mei', 'Kenji', 'Yuki'] AS first,
	-- most frequent first: drawn with probability about 1/rank
	ARRAY['Hossain', 'Rahman', 'Islam', 'Ahmed', 'Khan', 'Chowdhury', 'Uddin', 'Alam', 'Akter', 'Begum',
	      'Sarker', 'Das', 'Roy', 'Miah', 'Haque', 'Karim', 'Mahmud', 'Siddique', 'Talukder', 'Mondal', 'Paul',
	      'Saha', 'Biswas', 'Ghosh', 'Sultana', 'Bhuiyan', 'Mollah', 'Sheikh', 'Kabir', 'Jahan', 'Hasan',
	      'Nath', 'Dey', 'Barua', 'Chakma', 'Howlader', 'Majumder', 'Patwary', 'Sikder', 'Faruque', 'Parvin',
	      'Nahar', 'Ferdous', 'Rashid', 'Clarke', 'Silva', 'Smith', 'Jones', 'Brown', 'Taylor', 'Wilson',
	      'Muller', 'Garcia', 'Rossi', 'Kim', 'Tanaka', 'Wang', 'Singh', 'Sharma', 'Kapoor'] AS last,
	ARRAY['example.com', 'example.net', 'example.org', 'mail.example', 'inbox.example'] AS domains;

-- ---- staff: the bench agents beside the demo's ----
INSERT INTO staff (email, name, roles, created_at)
SELECT 'desk-agent-' || g || '@example.com',
       n.first[1 + (g * 7) % cardinality(n.first)] || ' ' || n.last[1 + (g * 11) % cardinality(n.last)] || ' (' || g || ')',
       '{agent}', now() - interval '800 days'
FROM desk_bench.names n, generate_series(1, :agents) g;
INSERT INTO agents (staff_id, presence, max_live, max_email)
SELECT id, (ARRAY['online', 'away', 'offline', 'offline'])[1 + id % 4], 3, 10 FROM staff
WHERE email LIKE 'desk-agent-%@example.com' ON CONFLICT (staff_id) DO NOTHING;
INSERT INTO agent_skills (staff_id, skill)
SELECT s.id, k.code FROM staff s, skills k WHERE s.email LIKE 'desk-agent-%@example.com' ON CONFLICT DO NOTHING;
INSERT INTO agent_langs (staff_id, lang)
SELECT s.id, l FROM staff s, unnest(ARRAY['en', 'bn']) l WHERE s.email LIKE 'desk-agent-%@example.com'
ON CONFLICT DO NOTHING;

-- ---- drop what slows a bulk load (saved to be re-created exactly) ----
CREATE TABLE desk_bench.saved (ord serial, tbl text, name text, what text, def text);
INSERT INTO desk_bench.saved (tbl, name, what, def)
SELECT c.conrelid::regclass::text, c.conname, CASE c.contype WHEN 'f' THEN 'fkey' ELSE 'unique' END,
       format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
FROM pg_constraint c
WHERE c.conrelid::regclass::text IN ('customers', 'conversations', 'chat_conversations', 'conversation_tags',
	'conversation_reads', 'messages', 'conversation_events')
  AND c.contype IN ('f', 'u')
ORDER BY c.contype, c.conname;
INSERT INTO desk_bench.saved (tbl, name, what, def)
SELECT i.tablename, i.indexname, 'index', i.indexdef
FROM pg_indexes i
WHERE i.schemaname = 'public' AND i.tablename IN ('customers', 'conversations', 'chat_conversations',
	'conversation_tags', 'conversation_reads', 'messages', 'conversation_events')
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.indexname))::regclass
		  AND c.contype IN ('p', 'u'))
ORDER BY i.tablename, i.indexname;
SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', tbl, name) FROM desk_bench.saved WHERE what <> 'index'
UNION ALL SELECT format('DROP INDEX %I', name) FROM desk_bench.saved WHERE what = 'index' \gexec
SELECT format('ALTER TABLE %I SET (autovacuum_enabled = false)', t)
FROM unnest(ARRAY['customers', 'conversations', 'chat_conversations', 'conversation_tags', 'conversation_reads',
	'messages', 'conversation_events']) t \gexec

-- ---- customers ----
-- The first is the one with the 500-message conversation (and nothing else): Tahsin Quayyum.
INSERT INTO customers (id, email, password_hash, name, lang, tz, created_at, password_changed_at, email_verified_at)
SELECT (SELECT cust_offset FROM desk_bench.params) + g, lower(c.fn || '.' || c.ln || '.' || g) || '@' || n.domains[1 + g % cardinality(n.domains)],
       '$bench$not-a-password-hash', c.fn || ' ' || c.ln, CASE WHEN desk_bench.u(g, 32) < 0.3 THEN 'bn' ELSE 'en' END,
       'Asia/Dhaka', c.at, c.at, CASE WHEN desk_bench.u(g, 33) < 0.8 THEN c.at + interval '10 minutes' END
FROM desk_bench.names n, generate_series(1, :customers) g,
LATERAL (SELECT CASE WHEN g = 1 THEN 'Tahsin' ELSE n.first[1 + floor(desk_bench.u(g, 30) * cardinality(n.first))::integer] END AS fn,
		CASE WHEN g = 1 THEN 'Quayyum' ELSE n.last[desk_bench.zipf(desk_bench.u(g, 31), cardinality(n.last))] END AS ln,
		now() - interval '1100 days' * (1 - desk_bench.u(g, 34) ^ 0.7) AS at) c;
SELECT setval('customers_id_seq', (SELECT max(id) FROM customers));

-- ---- the plan: one row per conversation, oldest first ----
-- 2 years, more each month (created at 1 - sqrt of the rank); the newest 60,000 are 45% open and 25%
-- pending, older ones 0.3% open (stuck) and 0.2% pending; 1% of the open and of the resolved are
-- unassigned (a few hundred waiting); the demo agent has 0.4% of the rest.
CREATE TABLE desk_bench.plan AS
WITH p AS (SELECT * FROM desk_bench.params),
ag AS (SELECT ARRAY(SELECT id FROM staff WHERE 'agent' = ANY (roles) AND lower(email) <> 'agent@example.com'
		    ORDER BY id) AS ids,
	      (SELECT id FROM staff WHERE lower(email) = 'agent@example.com') AS demo),
acc AS (SELECT kind, min(id) AS id FROM channel_accounts GROUP BY kind),
g AS (SELECT i, p.conv_offset + i AS id, p.n_conv - i AS r, p.n_conv, p.chunks, p.cust_offset, p.n_cust,
	     least(p.chunks - 1, ((i - 1) * p.chunks) / p.n_conv)::integer AS chunk,
	     now() - interval '10 minutes' - interval '730 days' * (1 - sqrt((i - 1)::float8 / p.n_conv)) AS created_at,
	     desk_bench.u(i, 40) AS u_kind, desk_bench.u(i, 41) AS u_status, desk_bench.u(i, 42) AS u_unassigned,
	     desk_bench.u(i, 43) AS u_demo, desk_bench.u(i, 44) AS u_agent, desk_bench.u(i, 45) AS u_n,
	     desk_bench.u(i, 46) AS u_gap, desk_bench.u(i, 47) AS u_lang, desk_bench.u(i, 48) AS u_skill,
	     desk_bench.u(i, 49) AS u_prio, desk_bench.u(i, 50) AS u_visitor, desk_bench.u(i, 51) AS u_cust,
	     desk_bench.u(i, 52) AS u_subject, desk_bench.u(i, 53) AS u_snooze, desk_bench.u(i, 54) AS u_resolve
      FROM p, generate_series(1, p.n_conv) i),
k AS (SELECT g.*, CASE WHEN u_kind < 0.40 THEN 'web' WHEN u_kind < 0.70 THEN 'email' WHEN u_kind < 0.85 THEN 'whatsapp'
		       WHEN u_kind < 0.92 THEN 'sms' ELSE 'phone' END AS kind,
	     CASE WHEN r < 60000 THEN CASE WHEN u_status < 0.45 THEN 'open' WHEN u_status < 0.70 THEN 'pending' ELSE 'resolved' END
		  ELSE CASE WHEN u_status < 0.003 THEN 'open' WHEN u_status < 0.005 THEN 'pending' ELSE 'resolved' END END AS status
      FROM g)
SELECT k.i, k.id, k.chunk, k.created_at, k.kind, acc.id AS account_id, k.status,
       CASE WHEN k.status <> 'pending' AND k.u_unassigned < 0.01 THEN NULL
	    WHEN k.u_demo < 0.004 THEN ag.demo
	    ELSE ag.ids[1 + floor(k.u_agent * cardinality(ag.ids))::integer] END AS assignee,
       -- messages: about 1 + an exponential of mean 9 (fewer on email and phone); scaled below to the total
       least(80, 1 + floor(-ln(1 - k.u_n) * CASE k.kind WHEN 'email' THEN 5 WHEN 'phone' THEN 4 ELSE 11 END))::integer AS n,
       -- seconds between messages: chat minutes, messaging tens of minutes, email hours
       CASE k.kind WHEN 'web' THEN 40 + k.u_gap * 200 WHEN 'phone' THEN 30 + k.u_gap * 150
		   WHEN 'whatsapp' THEN 120 + k.u_gap * 3500 WHEN 'sms' THEN 300 + k.u_gap * 7000
		   ELSE 3600 + k.u_gap * 82800 END AS gap,
       CASE WHEN k.u_lang < 0.25 THEN 'bn' ELSE 'en' END AS lang,
       (ARRAY['orders', 'delivery', 'billing', 'general'])[1 + floor(k.u_skill * 4)::integer] AS skill,
       CASE WHEN k.kind = 'web' THEN (ARRAY['order', 'delivery', 'billing', 'other'])[1 + floor(k.u_skill * 4)::integer] END AS topic,
       CASE WHEN k.u_prio < 0.02 THEN 'urgent' WHEN k.u_prio < 0.12 THEN 'high' WHEN k.u_prio < 0.90 THEN 'normal'
	    ELSE 'low' END AS priority,
       CASE WHEN k.kind = 'web' AND k.u_visitor < 0.25 THEN NULL
	    ELSE k.cust_offset + 2 + floor((k.n_cust - 1) * k.u_cust ^ 1.3)::bigint END AS customer_id,
       CASE WHEN k.kind = 'email' THEN
	    (SELECT upper(left(s, 1)) || substr(s, 2) FROM (SELECT array_to_string((string_to_array(f.body, ' '))[1:3 + floor(k.u_subject * 6)::integer], ' ')
		|| CASE WHEN desk_bench.u(k.i, 55) < 0.15 THEN ' order ' || (10000 + floor(desk_bench.u(k.i, 56) * 90000))::integer ELSE '' END AS s
	     FROM desk_bench.frag f WHERE f.pool = 'en' AND f.id = 1 + floor(k.u_subject * 20000)::integer) x) END AS conv_subject,
       CASE WHEN k.status = 'pending' AND k.u_snooze < 0.15 THEN now() + interval '1 hour' * (1 + desk_bench.u(k.i, 57) * 71) END AS snoozed_until,
       300 + k.u_resolve * 3600 AS resolve_delay,
       false AS big
FROM k JOIN acc ON acc.kind = k.kind, ag;
ALTER TABLE desk_bench.plan ADD PRIMARY KEY (i);
-- the unassigned have only the customer's few messages
UPDATE desk_bench.plan SET n = least(n, 3) WHERE assignee IS NULL;
-- the conversation of 500 messages: WhatsApp, Tahsin Quayyum's, the demo agent's, open, started at the
-- beginning of the last chunk (its messages are spread among that chunk's, as they would be)
UPDATE desk_bench.plan SET big = true, kind = 'whatsapp', account_id = (SELECT min(id) FROM channel_accounts WHERE kind = 'whatsapp'),
	status = 'open', assignee = (SELECT id FROM staff WHERE lower(email) = 'agent@example.com'),
	customer_id = (SELECT cust_offset + 1 FROM desk_bench.params), n = (SELECT big_n FROM desk_bench.params),
	lang = 'en', priority = 'high', topic = NULL, conv_subject = NULL, snoozed_until = NULL
WHERE i = (SELECT min(i) FROM desk_bench.plan WHERE chunk = (SELECT chunks - 1 FROM desk_bench.params));
-- exactly n_msg messages: scale, then add or take one here and there
DO $$
DECLARE
	want bigint := (SELECT n_msg FROM desk_bench.params);
	fixed bigint := (SELECT coalesce(sum(n), 0) FROM desk_bench.plan WHERE big OR assignee IS NULL);
	have bigint := (SELECT sum(n) FROM desk_bench.plan WHERE NOT big AND assignee IS NOT NULL);
	d bigint;
BEGIN
	UPDATE desk_bench.plan SET n = greatest(1, round(n * (want - fixed)::float8 / have))
	WHERE NOT big AND assignee IS NOT NULL;
	LOOP
		d := want - (SELECT sum(n) FROM desk_bench.plan);
		EXIT WHEN d = 0;
		UPDATE desk_bench.plan SET n = n + sign(d)::integer WHERE i IN (
			SELECT i FROM desk_bench.plan WHERE NOT big AND assignee IS NOT NULL AND (d > 0 OR n > 1)
			ORDER BY desk_bench.u(i, 58 + abs(d) % 7) LIMIT abs(d));
	END LOOP;
END $$;
-- nothing in the future: the last message at least a minute ago
UPDATE desk_bench.plan SET gap = greatest(1, least(gap, (extract(epoch FROM now() - created_at) - 60) / n))
WHERE created_at + make_interval(secs => gap * n) > now() - interval '1 minute';
UPDATE desk_bench.plan SET gap = (extract(epoch FROM now() - created_at) - 300) / n WHERE big;
CREATE INDEX ON desk_bench.plan (chunk);
ANALYZE desk_bench.plan;
SELECT count(*) AS conversations, sum(n) AS messages, count(*) FILTER (WHERE status = 'open') AS open,
       count(*) FILTER (WHERE status = 'pending') AS pending,
       count(*) FILTER (WHERE assignee = (SELECT id FROM staff WHERE lower(email) = 'agent@example.com')) AS demo_agent,
       count(*) FILTER (WHERE assignee IS NULL AND status = 'open') AS unassigned_open
FROM desk_bench.plan;
