-- tests/bench/desk_data_chunk.sql — the agent desktop's data, step 2 of 3 (see desk_data.sql): the
-- conversations of one chunk of the plan (psql -v chunk=N), their messages and their events, in one
-- statement. Message ids are given here, in time order within the chunk (each chunk has its own range),
-- so chunks can be loaded side by side and a conversation's messages are spread among the others of
-- its time, as they are in a real inbox. Event ids are 5 * message id + a slot (0 created, 1 the
-- message's, 2 assigned, 3 status, 4 snoozed): unique, and in time order within each conversation.
--
-- Who writes: web chat: the customer, a system line when the agent joins, then agent and customer in
-- turn; other channels: customer and agent in turn. One agent turn in 25 is an internal note. An
-- unassigned conversation has only the customer's messages. Bodies: two fragments of the language's
-- pool; 8% of customer messages name an order ("order 10428"); about 25 in 10 million say "quadcopter".
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET work_mem = '512MB';
SELECT (SELECT msg_offset FROM desk_bench.params)
	+ coalesce((SELECT sum(n) FROM desk_bench.plan WHERE chunk < :chunk), 0) AS base,
	(SELECT event_offset FROM desk_bench.params) AS ebase \gset

WITH p AS (
	SELECT p.*, s.name AS agent_name FROM desk_bench.plan p LEFT JOIN staff s ON s.id = p.assignee
	WHERE p.chunk = :chunk),
raw AS (
	SELECT p.id AS conv, p.kind, p.account_id, p.assignee, p.agent_name, p.lang, p.conv_subject, p.customer_id,
	       k.k, p.id * 1024 + k.k AS key,
	       p.created_at + make_interval(secs => p.gap * (k.k + 0.6 * desk_bench.u(p.id * 1024 + k.k, 11))) AS at,
	       CASE WHEN p.assignee IS NULL OR k.k = 0 THEN 'customer'
		    WHEN p.kind = 'web' AND k.k = 1 THEN 'system'
		    WHEN (k.k % 2 = 0) = (p.kind <> 'web') THEN 'customer'
		    ELSE 'agent' END AS author
	FROM p, generate_series(0, p.n - 1) k (k)),
pick AS (
	SELECT r.*, r.author = 'agent' AND desk_bench.u(r.key, 13) < 0.04 AS internal,
	       CASE WHEN r.lang = 'bn' THEN 'bn' ELSE 'en' END AS pool_a,
	       CASE WHEN r.lang = 'bn' AND desk_bench.u(r.key, 23) >= 0.3 THEN 'bn' ELSE 'en' END AS pool_b,
	       desk_bench.u(r.key, 21) AS u_a, desk_bench.u(r.key, 22) AS u_b
	FROM raw r),
src AS MATERIALIZED (
	SELECT x.*, :base + row_number() OVER (ORDER BY x.at, x.conv, x.k) AS mid,
	       CASE WHEN x.author = 'system' THEN x.agent_name
		    ELSE upper(left(fa.body, 1)) || substr(fa.body, 2) || ' ' || fb.body
			 || CASE WHEN x.author = 'customer' AND desk_bench.u(x.key, 24) < 0.08
				 THEN ' order ' || (10000 + floor(desk_bench.u(x.key, 25) * 90000))::integer ELSE '' END
			 || CASE WHEN desk_bench.u(x.key, 26) < 2.5e-6 THEN ' quadcopter' ELSE '' END END AS body
	FROM pick x
	JOIN desk_bench.frag fa ON fa.pool = x.pool_a
		AND fa.id = 1 + floor(x.u_a * CASE x.pool_a WHEN 'en' THEN 20000 ELSE 5000 END)::integer
	JOIN desk_bench.frag fb ON fb.pool = x.pool_b
		AND fb.id = CASE x.pool_b WHEN 'en' THEN 20001 ELSE 5001 END
			    + floor(x.u_b * CASE x.pool_b WHEN 'en' THEN 20000 ELSE 5000 END)::integer),
ins_m AS (
	INSERT INTO messages (id, conversation_id, channel_account_id, author, internal, direction, staff_id, code, body,
			      subject, external_id, ip_hash, delivery, delivery_at, created_at)
	SELECT s.mid, s.conv, s.account_id, s.author, s.internal,
	       CASE WHEN s.internal OR s.author = 'system' THEN NULL WHEN s.author = 'customer' THEN 'in' ELSE 'out' END,
	       CASE WHEN s.author <> 'customer' THEN s.assignee END,
	       CASE WHEN s.author = 'system' THEN 'joined' END,
	       s.body,
	       CASE WHEN s.kind = 'email' AND s.author <> 'system' AND NOT s.internal
		    THEN CASE WHEN s.k = 0 THEN s.conv_subject ELSE 'Re: ' || s.conv_subject END END,
	       CASE WHEN s.author = 'customer' THEN CASE s.kind
		    WHEN 'email' THEN '<m' || s.conv || '.' || s.k || '@mail.example>'
		    WHEN 'whatsapp' THEN 'wamid.' || s.conv || '.' || s.k
		    WHEN 'sms' THEN 'SM' || s.conv || 'x' || s.k END END,
	       CASE WHEN s.kind = 'web' AND s.author = 'customer'
		    THEN md5('ip' || coalesce(s.customer_id, s.conv) % 50000) END,
	       CASE WHEN s.author = 'agent' AND NOT s.internal THEN CASE s.kind
		    WHEN 'whatsapp' THEN CASE WHEN desk_bench.u(s.key, 27) < 0.7 THEN 'read' ELSE 'delivered' END
		    WHEN 'sms' THEN 'delivered' ELSE 'sent' END END,
	       CASE WHEN s.author = 'agent' AND NOT s.internal THEN s.at + interval '2 seconds' END,
	       s.at
	FROM src s ORDER BY s.mid
	RETURNING 1),
agg AS (
	SELECT s.conv, min(s.mid) AS m0, max(s.mid) AS mlast, min(s.at) AS first_at, max(s.at) AS last_at,
	       max(s.at) FILTER (WHERE s.author = 'customer') AS lcm,
	       min(s.at) FILTER (WHERE s.author = 'agent' AND NOT s.internal) AS far,
	       max(s.at) FILTER (WHERE s.author = 'agent' AND NOT s.internal) AS lao,
	       min(s.at) FILTER (WHERE s.author = 'system') AS joined_at,
	       (array_agg(s.body ORDER BY s.k DESC) FILTER (WHERE s.author <> 'system' AND NOT s.internal))[1] AS last_body
	FROM src s GROUP BY s.conv),
-- waiting since the customer's first message after the last agent reply
w AS (
	SELECT s.conv, min(s.at) AS waiting FROM src s JOIN agg a ON a.conv = s.conv
	WHERE s.author = 'customer' AND s.at > coalesce(a.lao, '-infinity'::timestamptz) GROUP BY s.conv),
c AS (
	SELECT p.*, a.*, w.waiting,
	       CASE WHEN p.assignee IS NOT NULL THEN coalesce(a.joined_at, a.first_at + interval '30 seconds') END AS assigned_at,
	       CASE WHEN p.status = 'resolved' THEN least(a.last_at + make_interval(secs => p.resolve_delay), now()) END AS resolved_at
	FROM p JOIN agg a ON a.conv = p.id LEFT JOIN w ON w.conv = p.id),
ins_c AS (
	INSERT INTO conversations (id, channel_account_id, customer_id, subject, status, priority, assigned_to, team_id,
				   skill, topic, lang, snoozed_until, waiting_since, last_customer_message_at, preview,
				   created_at, queued_at, assigned_at, first_agent_reply_at, resolved_at, transfers,
				   last_message_at, updated_at)
	SELECT c.id, c.account_id, c.customer_id, c.conv_subject, c.status, c.priority, c.assignee,
	       (SELECT team_id FROM skills WHERE code = c.skill), c.skill, c.topic, c.lang, c.snoozed_until,
	       CASE WHEN c.status <> 'resolved' THEN c.waiting END, c.lcm, left(c.last_body, 200),
	       c.created_at, c.created_at, c.assigned_at, c.far, c.resolved_at, 0, c.last_at,
	       coalesce(c.resolved_at, c.last_at)
	FROM c ORDER BY c.id
	RETURNING 1),
ins_e AS (
	INSERT INTO conversation_events (id, conversation_id, at, kind, actor, staff_id, from_value, to_value, message_id)
	SELECT * FROM (
		SELECT :ebase + 5 * s.mid + 1, s.conv, s.at,
		       CASE WHEN s.internal THEN 'note_added' WHEN s.author = 'customer' THEN 'customer_replied'
			    ELSE 'agent_replied' END,
		       CASE WHEN s.author = 'customer' THEN 'customer' ELSE 'staff' END,
		       CASE WHEN s.author <> 'customer' THEN s.assignee END, NULL, NULL, s.mid
		FROM src s WHERE s.author <> 'system'
		UNION ALL
		SELECT :ebase + 5 * c.m0, c.id, c.created_at, 'created',
		       CASE WHEN c.customer_id IS NULL THEN 'system' ELSE 'customer' END, NULL, NULL, NULL, NULL
		FROM c
		UNION ALL
		SELECT :ebase + 5 * c.m0 + 2, c.id, c.assigned_at, 'assigned', 'system', NULL, NULL, c.assignee::text, NULL
		FROM c WHERE c.assignee IS NOT NULL
		UNION ALL
		SELECT :ebase + 5 * c.mlast + 3, c.id, coalesce(c.resolved_at, least(c.last_at + interval '1 minute', now())),
		       'status_changed', CASE WHEN c.assignee IS NULL THEN 'system' ELSE 'staff' END, c.assignee, 'open', c.status,
		       NULL
		FROM c WHERE c.status <> 'open'
		UNION ALL
		SELECT :ebase + 5 * c.mlast + 4, c.id, least(c.last_at + interval '2 minutes', now()), 'snoozed', 'staff',
		       c.assignee, NULL, to_char(c.snoozed_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), NULL
		FROM c WHERE c.snoozed_until IS NOT NULL) e
	ORDER BY 1
	RETURNING 1)
SELECT :chunk AS chunk, (SELECT count(*) FROM ins_c) AS conversations, (SELECT count(*) FROM ins_m) AS messages,
       (SELECT count(*) FROM ins_e) AS events;
