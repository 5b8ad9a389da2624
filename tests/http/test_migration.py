# tests/http/test_migration.py — migration 0007 (the conversation model) upgrades a database that holds
# web-chat data of the 0004 schema, and everything in it is kept: conversations of every old channel code,
# visitors, live channels, notes, system lines, tags, limits, survey links — with their history written.
import os
import shutil
import subprocess
import tempfile
import uuid

OLD_DATA = r"""
INSERT INTO staff (email, name, roles) VALUES ('old-agent@example.test', 'Olga Agent', '{agent}'),
    ('old-sup@example.test', 'Sven Sup', '{agent,supervisor}');
INSERT INTO customers (email, password_hash, name) VALUES ('old-cust@example.test', 'x', 'Olaf Customer');
INSERT INTO chat_agents (staff_id, presence, max_chats) SELECT id, 'online', 7 FROM staff WHERE email = 'old-agent@example.test';
INSERT INTO chat_agent_skills (staff_id, skill) SELECT id, 'orders' FROM staff WHERE email = 'old-agent@example.test';
INSERT INTO chat_agent_langs (staff_id, lang) SELECT id, 'bn' FROM staff WHERE email = 'old-agent@example.test';
-- 1: a visitor's web chat, left offline, with an address; 2: a customer's web chat, transferred and resolved;
-- 3..6: the other old channel codes
INSERT INTO conversations (id, channel, visitor_token_hash, visitor_name, visitor_email, topic, skill, lang, status,
        offline, live_channel, notice_version, created_at, last_message_at)
    VALUES (1, 'web', 'vhash1', 'Vera Old', 'vera@example.test', 'order', 'orders', 'bn', 'open', true,
        '11111111111111111111111111111111', 'chat-notice-1', now() - interval '3 hours', now() - interval '2 hours');
INSERT INTO conversations (id, channel, customer_id, topic, skill, status, assigned_to, live_channel, notice_version,
        created_at, assigned_at, first_agent_reply_at, resolved_at, transfers, last_message_at)
    SELECT 2, 'web', c.id, 'billing', 'billing', 'resolved', s.id, '22222222222222222222222222222222', 'chat-notice-1',
        now() - interval '2 days', now() - interval '2 days', now() - interval '2 days', now() - interval '1 day', 1,
        now() - interval '1 day'
    FROM customers c, staff s WHERE c.email = 'old-cust@example.test' AND s.email = 'old-sup@example.test';
INSERT INTO conversations (id, channel, customer_id, topic, skill, status, live_channel)
    SELECT v.id, v.ch, c.id, 'other', 'general', 'pending', md5(v.ch)
    FROM customers c, (VALUES (3, 'email'), (4, 'sms'), (5, 'social'), (6, 'phone')) v (id, ch)
    WHERE c.email = 'old-cust@example.test';
SELECT setval('conversations_id_seq', 6);
INSERT INTO chat_messages (conversation_id, kind, staff_id, code, body, ip_hash, created_at) VALUES
    (1, 'customer', NULL, NULL, E'Is anyone there?\nHello?', 'iphash', now() - interval '3 hours'),
    (1, 'system', NULL, 'offline', '', NULL, now() - interval '3 hours'),
    (2, 'customer', NULL, NULL, 'My invoice is wrong', NULL, now() - interval '2 days'),
    (2, 'system', (SELECT id FROM staff WHERE email = 'old-agent@example.test'), 'joined', '', NULL, now() - interval '47 hours'),
    (2, 'agent', (SELECT id FROM staff WHERE email = 'old-agent@example.test'), NULL, 'Let me check', NULL, now() - interval '47 hours'),
    (2, 'note', (SELECT id FROM staff WHERE email = 'old-agent@example.test'), NULL, 'needs billing', NULL, now() - interval '46 hours'),
    (2, 'system', (SELECT id FROM staff WHERE email = 'old-sup@example.test'), 'transferred', '', NULL, now() - interval '46 hours'),
    (2, 'agent', (SELECT id FROM staff WHERE email = 'old-sup@example.test'), NULL, 'Fixed it', NULL, now() - interval '45 hours'),
    (2, 'system', (SELECT id FROM staff WHERE email = 'old-sup@example.test'), 'resolved', '', NULL, now() - interval '1 day'),
    (3, 'customer', NULL, NULL, 'email question', NULL, now() - interval '5 hours'),
    (4, 'customer', NULL, NULL, 'sms question', NULL, now() - interval '5 hours'),
    (4, 'agent', (SELECT id FROM staff WHERE email = 'old-agent@example.test'), NULL, 'sms answer', NULL, now() - interval '4 hours'),
    (5, 'customer', NULL, NULL, 'social question', NULL, now() - interval '5 hours'),
    (6, 'customer', NULL, NULL, 'called about hours', NULL, now() - interval '5 hours');
INSERT INTO conversation_tags (conversation_id, tag) VALUES (2, 'refund'), (2, 'vip'), (5, 'social');
INSERT INTO canned_answers (title, body) VALUES ('Old canned', 'Hello {name}');
INSERT INTO surveys (kind, title_en, status) VALUES ('csat', 'Old CSAT', 'active');
INSERT INTO survey_invitations (survey_id, token_hash, conversation_id, via, expires_at)
    SELECT id, 'old-token-hash', 2, 'chat', now() + interval '1 day' FROM surveys WHERE title_en = 'Old CSAT';
"""


def psql(h, dburl, sql, *vals):
    r = subprocess.run([h.psql, "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-F", "|", "-d", dburl],
                       input=sql, capture_output=True, text=True, env=h.env)
    assert r.returncode == 0, r.stderr
    return [line.split("|") for line in r.stdout.strip().split("\n") if line]


def test_migration_0007_keeps_todays_chat_data(h):
    name = "cxms_migrate_" + uuid.uuid4().hex[:8]
    base = h.env["DATABASE_URL"]
    admin = base.replace("dbname=cxms", "dbname=postgres")
    dburl = base.replace("dbname=cxms", "dbname=" + name)
    assert dburl != base
    psql(h, admin, "CREATE DATABASE %s;" % name)
    root = tempfile.mkdtemp(prefix="cxms-migr-")
    try:
        os.mkdir(os.path.join(root, "migrations"))
        every = sorted(f for f in os.listdir(os.path.join(h.root, "migrations")) if f.endswith(".sql"))
        old = [f for f in every if f < "0007"]
        for f in old:
            shutil.copy(os.path.join(h.root, "migrations", f), os.path.join(root, "migrations", f))
        env = dict(h.env, DATABASE_URL=dburl, CXMS_ROOT=root)
        r = subprocess.run([h.bin, "migrate"], env=env, capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        psql(h, dburl, OLD_DATA)
        counts = psql(h, dburl, "SELECT (SELECT count(*) FROM conversations), (SELECT count(*) FROM chat_messages);")[0]
        # now the new migrations
        for f in every:
            if f not in old:
                shutil.copy(os.path.join(h.root, "migrations", f), os.path.join(root, "migrations", f))
        r = subprocess.run([h.bin, "migrate"], env=env, capture_output=True, text=True)
        assert r.returncode == 0, r.stderr

        q = lambda sql: psql(h, dburl, sql)  # noqa: E731
        assert q("SELECT (SELECT count(*) FROM conversations), (SELECT count(*) FROM messages);")[0] == counts
        # every old channel code has an account of its kind; each conversation is on the right one
        kinds = q("SELECT c.id, ca.kind, ca.name FROM conversations c JOIN channel_accounts ca"
                  " ON ca.id = c.channel_account_id ORDER BY c.id;")
        assert [k[1] for k in kinds] == ["web", "web", "email", "sms", "messenger", "phone"], kinds
        assert kinds[0][2] == "Web chat" and kinds[4][2] == "Social"
        # what only web chat has moved beside it, all of it
        assert q("SELECT conversation_id, visitor_token_hash, visitor_name, visitor_email, offline, live_channel,"
                 " notice_version FROM chat_conversations ORDER BY 1;") == [
            ["1", "vhash1", "Vera Old", "vera@example.test", "t", "1" * 32, "chat-notice-1"],
            ["2", "", "", "", "f", "2" * 32, "chat-notice-1"]]
        # the rest of each conversation stays, with the team of its skill
        assert q("SELECT c.id, topic, skill, lang, status, transfers, resolved_at IS NOT NULL, t.name FROM conversations c"
                 " LEFT JOIN teams t ON t.id = c.team_id WHERE c.id IN (1, 2) ORDER BY c.id;") == [
            ["1", "order", "orders", "bn", "open", "0", "f", "Support"],
            ["2", "billing", "billing", "en", "resolved", "1", "t", "Support"]]
        # messages: the same words, notes internal, directions set, system lines with their code
        assert q("SELECT author, internal, coalesce(direction, '-'), coalesce(code, '-'), body FROM messages"
                 " WHERE conversation_id = 2 ORDER BY id;") == [
            ["customer", "f", "in", "-", "My invoice is wrong"], ["system", "f", "-", "joined", ""],
            ["agent", "f", "out", "-", "Let me check"], ["agent", "t", "-", "-", "needs billing"],
            ["system", "f", "-", "transferred", ""], ["agent", "f", "out", "-", "Fixed it"],
            ["system", "f", "-", "resolved", ""]]
        assert q("SELECT count(*) FROM messages WHERE conversation_id = 1 AND author = 'customer'"
                 " AND body = E'Is anyone there?\\nHello?' AND ip_hash = 'iphash';") == [["1"]]
        assert q("SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id"
                 " WHERE m.channel_account_id <> c.channel_account_id;") == [["0"]]
        # the list's columns: the newest text, who waits since when
        rows = q("SELECT id, waiting_since IS NOT NULL, left(preview, 12) FROM conversations ORDER BY id;")
        assert [r[1] for r in rows] == ["t", "f", "t", "f", "t", "t"], rows  # 2 resolved; 4 answered
        assert rows[3][2] == "sms answer" and rows[1][2] == "Fixed it", rows
        # the history, from what was recorded
        assert q("SELECT kind, actor, coalesce(from_value, '-'), coalesce(to_value, '-') FROM conversation_events"
                 " WHERE conversation_id = 2 ORDER BY id;") == [
            ["created", "customer", "-", "-"], ["customer_replied", "customer", "-", "-"],
            ["assigned", "staff", "-", q("SELECT id FROM staff WHERE email = 'old-agent@example.test';")[0][0]],
            ["agent_replied", "staff", "-", "-"], ["note_added", "staff", "-", "-"],
            ["transferred", "staff", "-", q("SELECT id FROM staff WHERE email = 'old-sup@example.test';")[0][0]],
            ["agent_replied", "staff", "-", "-"], ["status_changed", "staff", "-", "resolved"]]
        assert q("SELECT count(*) FROM conversation_events WHERE kind = 'created';") == [["6"]]
        # tags, limits, skills, languages, canned answers and survey links are where they were
        assert q("SELECT conversation_id, tag FROM conversation_tags ORDER BY 1, 2;") == [
            ["2", "refund"], ["2", "vip"], ["5", "social"]]
        assert q("SELECT max_live, max_email, presence FROM agents a JOIN staff s ON s.id = a.staff_id"
                 " WHERE s.email = 'old-agent@example.test';") == [["7", "10", "online"]]
        assert q("SELECT skill FROM agent_skills;") == [["orders"]] and q("SELECT lang FROM agent_langs;") == [["bn"]]
        assert q("SELECT body FROM canned_answers;") == [["Hello {name}"]]
        assert q("SELECT conversation_id FROM survey_invitations;") == [["2"]]
        # and the model's rules hold on the upgraded data: the history is append-only
        r = subprocess.run([h.psql, "-X", "-q", "-d", dburl, "-c", "UPDATE conversation_events SET kind = 'created'"],
                           capture_output=True, text=True, env=h.env)
        assert r.returncode != 0 and "append-only" in r.stderr
    finally:
        shutil.rmtree(root, ignore_errors=True)
        psql(h, admin, "DROP DATABASE IF EXISTS %s;" % name)
