-- tests/bench/desk_data_finish.sql — the agent desktop's data, step 3 of 3 (see desk_data.sql): what
-- hangs off the loaded conversations (web chat rows, tags, the agents' read state, a few mentions for the
-- demo agent) and the sequences past the given ids. desk.sh then runs VACUUM, re-creates the saved
-- indexes and constraints (desk_bench.saved) and runs ANALYZE.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET work_mem = '256MB';

-- web chats: the Nchan channel; a visitor (no account) by the hash of their token, with the name and
-- address some of them gave
INSERT INTO chat_conversations (conversation_id, visitor_token_hash, visitor_name, visitor_email, offline,
				live_channel, notice_version)
SELECT p.id, CASE WHEN p.customer_id IS NULL THEN md5('visitor' || p.id) END,
       CASE WHEN p.customer_id IS NULL AND desk_bench.u(p.i, 60) < 0.7 THEN
	    n.first[1 + floor(desk_bench.u(p.i, 61) * cardinality(n.first))::integer] END,
       CASE WHEN p.customer_id IS NULL AND desk_bench.u(p.i, 60) < 0.4 THEN
	    'visitor' || p.i || '@' || n.domains[1 + p.i % cardinality(n.domains)] END,
       desk_bench.u(p.i, 62) < 0.03, md5('live' || p.id), 'chat-notice-1'
FROM desk_bench.plan p, desk_bench.names n WHERE p.kind = 'web';

-- a quarter of the conversations tagged, some twice
INSERT INTO conversation_tags (conversation_id, tag)
SELECT DISTINCT p.id, t.tags[1 + floor(desk_bench.u(p.i * 2 + x, 63) * cardinality(t.tags))::integer]
FROM desk_bench.plan p,
     (SELECT ARRAY['delivery', 'refund', 'exchange', 'damaged', 'late', 'billing', 'complaint', 'vip',
		   'follow-up', 'spam', 'warranty', 'cod'] AS tags) t,
     generate_series(0, 1) x
WHERE desk_bench.u(p.i, 64) < 0.25 AND (x = 0 OR desk_bench.u(p.i, 65) < 0.2);

-- each assignee has opened their conversations; three in ten of the open ones have news since
INSERT INTO conversation_reads (staff_id, conversation_id, read_at)
SELECT c.assigned_to, c.id,
       CASE WHEN c.status <> 'resolved' AND c.last_customer_message_at IS NOT NULL AND desk_bench.u(c.id, 66) < 0.3
	    THEN c.last_customer_message_at - interval '1 minute' ELSE c.last_message_at END
FROM conversations c WHERE c.id > (SELECT conv_offset FROM desk_bench.params) AND c.assigned_to IS NOT NULL;

-- a few unseen mentions of the demo agent in colleagues' notes
INSERT INTO staff_notifications (staff_id, conversation_id, kind, by_staff_id, created_at)
SELECT (SELECT id FROM staff WHERE lower(email) = 'agent@example.com'), c.id, 'mention', c.assigned_to,
       c.last_message_at
FROM conversations c
WHERE c.id > (SELECT conv_offset FROM desk_bench.params) AND c.status = 'open' AND c.assigned_to IS NOT NULL
  AND c.assigned_to <> (SELECT id FROM staff WHERE lower(email) = 'agent@example.com')
ORDER BY desk_bench.u(c.id, 67) LIMIT 15;

SELECT setval('conversations_id_seq', (SELECT max(id) FROM conversations)),
       setval('messages_id_seq', (SELECT max(id) FROM messages)),
       setval('conversation_events_id_seq', (SELECT max(id) FROM conversation_events));
