# tests/http/test_desk.py — the agent desktop over the conversation model: panes, search, filters, bulk
# changes, snooze, priority, mentions, replies on every channel (or why not), delivery status, starting a
# conversation, read state, the desktop's stream, and every change written to conversation_events.
import re
import time
import urllib.parse

from common import channel_account, make_conversation, sign_in
from test_chat import Stream, agent_online, desk_stream, post_msg, visitor


def events(h, conv):
    return h.sql("SELECT kind, actor, coalesce(from_value, ''), coalesce(to_value, '') FROM conversation_events"
                 " WHERE conversation_id = $1::bigint ORDER BY id", str(conv))


def staff_id(h, email):
    return h.sql_value("SELECT id FROM staff WHERE email = $1", email)


def add_message(h, conv, body, author="customer", minutes_ago=0):
    """A message straight into the database (as a connector stores one), with its conversation's bookkeeping."""
    h.sql("WITH c AS (SELECT channel_account_id FROM conversations WHERE id = $1::bigint)"
          " INSERT INTO messages (conversation_id, channel_account_id, author, direction, body, created_at)"
          " SELECT $1::bigint, c.channel_account_id, $2, CASE $2 WHEN 'customer' THEN 'in' ELSE 'out' END, $3,"
          " now() - $4::integer * interval '1 minute' FROM c", str(conv), author, body, str(minutes_ago))
    h.sql("UPDATE conversations SET last_message_at = now() - $2::integer * interval '1 minute', preview = left($3, 200),"
          " last_customer_message_at = CASE WHEN $4 = 'customer' THEN now() - $2::integer * interval '1 minute'"
          " ELSE last_customer_message_at END,"
          " waiting_since = CASE WHEN $4 = 'customer' THEN coalesce(waiting_since, now() - $2::integer * interval '1 minute')"
          " ELSE NULL END WHERE id = $1::bigint", str(conv), str(minutes_ago), body, author)


def test_desk_panes_list_and_conversation(h):
    agent = sign_in(h, "agent")
    c, conv = visitor(h, message="Line one\nLine two\n\n- a list item")
    r = agent.get("/admin/inbox/%d" % conv)
    assert r.status == 200
    # three panes: the list (this conversation marked), the conversation, the customer
    for part in ('class="desk-list"', 'class="desk-conv"', 'class="desk-customer"', 'id="desk-list-body"'):
        assert part in r.text, part
    assert re.search(r'<li class="conv-row[^"]*\bcurrent\b[^"]*" data-conv="%d"' % conv, r.text), "not marked current"
    # the newest message is the page's anchor; line breaks survive (no JavaScript needed)
    assert 'id="latest"' in r.text
    assert "Line one\nLine two\n\n- a list item" in r.text
    # a reply and a note cannot be confused: two forms, the note one says who sees it
    assert 'id="reply-form"' in r.text and 'id="note-form"' in r.text
    assert "only staff see this" in r.text
    # the list alone, for the page's script
    frag = agent.get("/admin/inbox/list?current=%d" % conv)
    assert frag.status == 200 and "<html" not in frag.text and 'id="desk-list-body"' in frag.text
    assert agent.get("/admin/inbox/list?current=x").status == 400


def test_desk_search_by_words_names_addresses_phone_and_number(h):
    agent = sign_in(h, "agent")
    word = "zebrafinch%d" % int(time.time())
    c, conv = visitor(h, name="Quentin Searchable", email="quentin.search@example.test",
                      message="My %s arrived broken" % word)
    h.sql("UPDATE conversations SET status = 'pending' WHERE id = $1::bigint", str(conv))

    def found(q, extra="&status=any"):
        r = agent.get("/admin/inbox?q=%s%s" % (q, extra))
        assert r.status == 200, (q, r.status)
        return 'data-conv="%d"' % conv in r.text

    assert found(word)
    assert found(word[:6])                  # a word's beginning
    assert found("arrived%20" + word[:6])   # the last word may be half typed, the others are whole
    assert not found("arriv%20" + word)
    assert found("Quentin")
    assert found("entin%20Searcha")         # a part of the name
    assert found("quentin.search%40example")
    assert found("%23" + str(conv))          # #number
    assert not found("nothingmatches%d" % conv)
    assert not found(word, extra="&status=open")  # search and filters together
    # Bengali words are found as written
    bn = "ডেলিভারি%d" % (conv % 1000)
    c2, conv2 = visitor(h, name="Bengali Writer", message="আমার %s দেরি" % bn)
    r = agent.get("/admin/inbox?q=%s" % urllib.parse.quote(bn))
    assert 'data-conv="%d"' % conv2 in r.text
    # by the words of the subject
    subj = make_conversation(h, "email", customer="customer@example.com", subject="Invoice %s missing" % word)
    r = agent.get("/admin/inbox?q=%s%%20missing&status=any" % word)
    assert 'data-conv="%s"' % subj in r.text and 'data-conv="%d"' % conv not in r.text
    # by phone number: the customer's own sealed number, in another notation
    cust = sign_in(h, "customer")
    r = h.form_post(cust, "/account/details", "/account/details",
                    {"phone": "+880 1711-424242", "birthday": "", "address": "", "notes": ""})
    assert r.status == 303, r.status
    mine = make_conversation(h, "whatsapp", customer="customer@example.com")
    r = agent.get("/admin/inbox?q=01711424242&status=any")
    assert 'data-conv="%s"' % mine in r.text
    # hostile search text is words, never SQL or tsquery syntax
    for q in ("%27%3B%20DROP%20TABLE%20conversations%3B--", "a%20%26%20%21b%20%7C%20%28c", "%25%25%25", "%5C", "%3A%2A"):
        assert agent.get("/admin/inbox?q=" + q).status == 200, q
    assert agent.get("/admin/inbox?q=" + "x" * 300).status == 200


def test_desk_filters_sort_and_pages(h):
    agent = sign_in(h, "agent")
    urgent = make_conversation(h, "sms", customer="lucas@example.com", subject="Sort me first")
    h.sql("UPDATE conversations SET priority = 'urgent' WHERE id = $1::bigint", urgent)
    h.sql("UPDATE conversations SET priority = 'low' WHERE id IN (SELECT c.id FROM conversations c"
          " JOIN channel_accounts ca ON ca.id = c.channel_account_id WHERE ca.kind = 'sms' AND c.id <> $1::bigint)", urgent)
    make_conversation(h, "sms", customer="karim@example.com", subject="Normal one")
    r = agent.get("/admin/inbox?sort=priority&channel=sms")
    rows = re.findall(r'data-conv="(\d+)"', r.text)
    assert len(rows) >= 2 and rows[0] == urgent, rows[:5]
    r = agent.get("/admin/inbox?priority=urgent&channel=sms")
    assert 'data-conv="%s"' % urgent in r.text
    assert 'data-conv="%s"' % urgent not in agent.get("/admin/inbox?priority=low").text
    team = h.sql_value("SELECT id FROM teams WHERE name = 'Support'")
    h.sql("UPDATE conversations SET team_id = $2::bigint WHERE id = $1::bigint", urgent, team)
    assert 'data-conv="%s"' % urgent in agent.get("/admin/inbox?team=%s" % team).text
    # longest waiting first
    waiting = make_conversation(h, "email", customer="emma@example.com", subject="Waiting long")
    add_message(h, waiting, "Still no answer?", minutes_ago=60 * 24 * 30)
    rows = re.findall(r'data-conv="(\d+)"', agent.get("/admin/inbox?sort=waiting").text)
    assert rows and rows[0] == waiting, rows[:5]
    assert "waiting" in agent.get("/admin/inbox?sort=waiting").text
    # pages: 50 a page
    for i in range(51):
        make_conversation(h, "email", customer="emma@example.com", subject="Bulk %d" % i)
    r = agent.get("/admin/inbox?channel=email&status=any")
    assert len(re.findall(r'<li class="conv-row', r.text)) == 50 and "Next page" in r.text
    r2 = agent.get("/admin/inbox?channel=email&status=any&page=2")
    assert r2.status == 200 and "Previous page" in r2.text
    assert set(re.findall(r'data-conv="(\d+)"', r.text)).isdisjoint(re.findall(r'data-conv="(\d+)"', r2.text))
    h.sql("UPDATE conversations SET status = 'resolved' WHERE subject LIKE 'Bulk %' OR id IN ($1::bigint, $2::bigint)",
          urgent, waiting)


def test_desk_bulk_assign_tag_and_resolve(h):
    agent = sign_in(h, "agent")
    convs = [make_conversation(h, "email", customer="emma@example.com", subject="Bulk job %d" % i) for i in range(3)]
    page = agent.get("/admin/inbox?channel=email")
    csrf = h.csrf(page)
    me = staff_id(h, "agent@example.com")
    r = agent.post("/admin/inbox/bulk", {"id": convs, "action": "assign_me", "csrf": csrf, "list": "channel=email"})
    assert r.status == 303 and r.location == "/admin/inbox?channel=email", (r.status, r.location)
    assert [x[0] for x in h.sql("SELECT assigned_to FROM conversations WHERE id = ANY($1::bigint[]) ORDER BY id",
                                "{%s}" % ",".join(convs))] == [me] * 3
    assert events(h, convs[0])[-1][:2] == ["assigned", "staff"]
    assert agent.post("/admin/inbox/bulk", {"id": convs, "action": "tag", "tag": "batch", "csrf": csrf}).status == 303
    assert h.sql_value("SELECT count(*) FROM conversation_tags WHERE tag = 'batch' AND conversation_id = ANY($1::bigint[])",
                       "{%s}" % ",".join(convs)) == "3"
    before = h.db_snapshot()
    # bad input: nothing changes (one transaction)
    for fields in ({"id": convs, "action": "explode"}, {"id": [], "action": "resolve"},
                   {"id": convs, "action": "tag", "tag": "Bad Tag"}, {"id": convs, "action": "assign", "to": "999999"},
                   {"id": ["x"], "action": "resolve"}, {"id": [str(i) for i in range(101)], "action": "resolve"}):
        r = agent.post("/admin/inbox/bulk", dict(fields, csrf=csrf))
        assert r.status == 400, (fields.get("action"), r.status)
    r = agent.post("/admin/inbox/bulk", {"id": [convs[0], "999999999"], "action": "resolve", "csrf": csrf})
    assert r.status == 404
    assert h.db_snapshot() == before
    assert agent.post("/admin/inbox/bulk", {"id": convs, "action": "resolve", "csrf": csrf}).status == 303
    assert h.sql_value("SELECT count(*) FROM conversations WHERE status = 'resolved' AND id = ANY($1::bigint[])",
                       "{%s}" % ",".join(convs)) == "3"
    assert ["status_changed", "staff", "open", "resolved"] in events(h, convs[2])


def test_desk_snooze_comes_back_by_itself_or_when_the_customer_writes(h):
    agent = sign_in(h, "agent")
    agent_online(h, agent)
    c, conv = visitor(h, topic="order", message="please snooze me")
    page = agent.get("/admin/inbox/%d" % conv)
    csrf = h.csrf(page)
    before = h.db_snapshot()
    for bad in ({"until": "2000-01-01T10:00"}, {"until": "2026-02-30T10:00"}, {"until": "soon"}, {"preset": "never"}, {}):
        r = agent.post("/admin/inbox/%d/snooze" % conv, dict(bad, csrf=csrf))
        assert r.status == 400, (bad, r.status)
    assert h.db_snapshot() == before
    assert agent.post("/admin/inbox/%d/snooze" % conv, {"preset": "hour", "csrf": csrf}).status == 303
    assert events(h, conv)[-1][0] == "snoozed"
    assert h.sql_value("SELECT count(*) FROM jobs WHERE kind = 'wake_snoozed' AND status = 'queued'"
                       " AND (payload->>'conversation')::bigint = $1::bigint", str(conv)) == "1"
    # hidden from the list until then; shown with snoozed=only
    assert 'data-conv="%d"' % conv not in agent.get("/admin/inbox").text
    assert 'data-conv="%d"' % conv in agent.get("/admin/inbox?snoozed=only").text
    # the customer writes: it is back at once
    assert post_msg(h, c, conv, "are you there?").status == 303
    assert h.sql_value("SELECT snoozed_until FROM conversations WHERE id = $1::bigint", str(conv)) is None
    assert ["unsnoozed", "customer", "", ""] in events(h, conv)
    # snoozed again, and the time comes: the worker wakes it and tells the assignee on their stream. The
    # agent takes it first: routing may have left it waiting (the agent full with earlier tests' chats),
    # and an unassigned conversation has nobody to tell
    assert agent.post("/admin/inbox/%d/assign" % conv, {"to": "me", "csrf": csrf}).status == 303
    assert h.sql_value("SELECT assigned_to FROM conversations WHERE id = $1::bigint", str(conv)) == \
        h.sql_value("SELECT id FROM staff WHERE email = 'agent@example.com'")
    assert agent.post("/admin/inbox/%d/snooze" % conv, {"until": "2999-01-01T09:00", "csrf": csrf}).status == 303
    stream = Stream(h, agent, desk_stream(h, agent))
    assert stream.status == 200
    h.sql("UPDATE jobs SET run_at = now() WHERE kind = 'wake_snoozed' AND status = 'queued'"
          " AND (payload->>'conversation')::bigint = $1::bigint", str(conv))
    h.sql("NOTIFY cxms_jobs")  # the worker waits for the next job it knew of; wake it as an insert would
    deadline = time.time() + 15
    while h.sql_value("SELECT snoozed_until IS NULL FROM conversations WHERE id = $1::bigint", str(conv)) == "f":
        assert time.time() < deadline, "the snooze did not end"
        time.sleep(0.2)
    # both jobs ran (the first one first): the first snooze's job found a later snooze and changed nothing
    assert h.sql_value("SELECT count(*) FROM jobs WHERE kind = 'wake_snoozed' AND status = 'done'"
                       " AND (payload->>'conversation')::bigint = $1::bigint", str(conv)) == "2"
    assert [e[0] for e in events(h, conv)].count("unsnoozed") == 2
    assert events(h, conv)[-1][:2] == ["unsnoozed", "system"]
    got = stream.events(4, timeout=5)
    stream.close()
    assert {"t": "woke", "conv": conv} in got, got
    h.sql("UPDATE conversations SET status = 'resolved' WHERE id = $1::bigint", str(conv))


def test_desk_priority_status_and_their_events(h):
    agent = sign_in(h, "agent")
    conv = make_conversation(h, "email", customer="emma@example.com", subject="Events please")
    page = agent.get("/admin/inbox/%s" % conv)
    csrf = h.csrf(page)
    assert agent.post("/admin/inbox/%s/priority" % conv, {"priority": "high", "csrf": csrf}).status == 303
    assert agent.post("/admin/inbox/%s/priority" % conv, {"priority": "high", "csrf": csrf}).status == 303  # no change
    assert agent.post("/admin/inbox/%s/priority" % conv, {"priority": "asap", "csrf": csrf}).status == 400
    assert agent.post("/admin/inbox/%s/status" % conv, {"status": "pending", "csrf": csrf}).status == 303
    assert agent.post("/admin/inbox/%s/status" % conv, {"status": "resolved", "csrf": csrf}).status == 303
    assert agent.post("/admin/inbox/%s/status" % conv, {"status": "open", "csrf": csrf}).status == 303
    ev = [e for e in events(h, conv) if e[0] != "created"]
    assert ev == [["priority_changed", "staff", "normal", "high"], ["status_changed", "staff", "open", "pending"],
                  ["status_changed", "staff", "pending", "resolved"], ["reopened", "staff", "resolved", "open"]], ev
    # the history is on the page, and cannot be rewritten
    assert "changed the priority" in agent.get("/admin/inbox/%s" % conv).text
    try:
        h.sql("UPDATE conversation_events SET kind = 'created' WHERE conversation_id = $1::bigint", conv)
        raised = False
    except Exception:
        raised = True
    assert raised, "conversation_events accepted an UPDATE"


def test_desk_note_mentions_a_colleague_and_never_reaches_the_customer(h):
    agent = sign_in(h, "agent")
    sup = sign_in(h, "supervisor")
    sup_id = staff_id(h, "supervisor@example.com")
    c, conv = visitor(h, message="I need help")
    s_sup = Stream(h, sup, desk_stream(h, sup))
    s_customer = Stream(h, c, h.sql_value("SELECT live_channel FROM chat_conversations WHERE conversation_id = $1::bigint",
                                          str(conv)))
    page = agent.get("/admin/inbox/%d" % conv)
    r = agent.post("/admin/inbox/%d/messages" % conv, {"kind": "note", "body": "@Sam Supervisor can you look?",
                                                       "csrf": h.csrf(page)})
    assert r.status == 303
    got = s_sup.events(2, timeout=5)
    assert {"t": "mention", "conv": conv} in got, got
    assert s_customer.events(1, timeout=1) == [], "the customer's stream heard of a note"
    s_sup.close()
    s_customer.close()
    assert h.sql_value("SELECT count(*) FROM staff_notifications WHERE staff_id = $1::bigint AND kind = 'mention'"
                       " AND conversation_id = $2::bigint AND seen_at IS NULL", sup_id, str(conv)) == "1"
    # the supervisor's Mentions view lists it, marked; opening it marks it seen
    r = sup.get("/admin/inbox?view=mentions")
    assert 'data-conv="%d"' % conv in r.text and 'class="badge mention"' in r.text
    sup.get("/admin/inbox/%d" % conv)
    assert h.sql_value("SELECT count(*) FROM staff_notifications WHERE staff_id = $1::bigint AND seen_at IS NULL"
                       " AND conversation_id = $2::bigint", sup_id, str(conv)) == "0"
    assert 'data-conv="%d"' % conv not in sup.get("/admin/inbox?view=mentions").text
    # mentioned from the form's list, without typing a name
    page = agent.get("/admin/inbox/%d" % conv)
    assert agent.post("/admin/inbox/%d/messages" % conv, {"kind": "note", "body": "see above", "mention": "Sam Supervisor",
                                                          "csrf": h.csrf(page)}).status == 303
    assert h.sql_value("SELECT count(*) FROM staff_notifications WHERE staff_id = $1::bigint AND kind = 'mention'"
                       " AND conversation_id = $2::bigint", sup_id, str(conv)) == "2"
    # never shown to the customer, not in the page nor in the JSON
    assert "can you look" not in c.get("/chat/%d" % conv).text
    assert all("can you look" not in m["text"] for m in c.get("/chat/%d/messages?after=0" % conv).json()["messages"])
    assert ["note_added", "staff", "", ""] in events(h, conv)
    h.sql("UPDATE conversations SET status = 'resolved' WHERE id = $1::bigint", str(conv))


def test_desk_replies_go_out_on_the_channel_or_say_why_not(h):
    agent = sign_in(h, "agent")
    sms = make_conversation(h, "sms", customer="lucas@example.com")
    page = agent.get("/admin/inbox/%s" % sms)
    assert "no connector" in page.text and 'id="reply-form" class="composer reply"' not in page.text
    before = h.db_snapshot()
    r = agent.post("/admin/inbox/%s/messages" % sms, {"kind": "reply", "body": "hello", "csrf": h.csrf(page)})
    assert r.status == 409 and "no connector" in r.text
    assert h.db_snapshot() == before
    assert agent.post("/admin/inbox/%s/messages" % sms, {"kind": "note", "body": "called him instead",
                                                        "csrf": h.csrf(page)}).status == 303
    phone = make_conversation(h, "phone", customer="lucas@example.com")
    assert "notes only" in agent.get("/admin/inbox/%s" % phone).text
    # email: the reply is mailed, and the message shows whether it left
    email = make_conversation(h, "email", customer="emma@example.com", subject="Where is my refund")
    page = agent.get("/admin/inbox/%s" % email)
    assert "by email" in page.text
    r = agent.post("/admin/inbox/%s/messages" % email, {"kind": "reply", "body": "Refunded today.\nSorry!",
                                                       "csrf": h.csrf(page)})
    assert r.status == 303
    m = h.wait_for_mail(lambda m: m["To"] == "emma@example.com" and "Where is my refund" in m["Subject"])
    # no "Re:": the customer has not written in it (it was put straight into the database)
    assert m["Subject"] == "Where is my refund [#CX-%s]" % email and "Refunded today.\nSorry!" in h.mail_text(m)
    deadline = time.time() + 10
    while h.sql_value("SELECT delivery FROM messages WHERE conversation_id = $1::bigint AND author = 'agent'",
                      email) != "sent":
        assert time.time() < deadline, "the message's delivery never became sent"
        time.sleep(0.1)
    assert h.sql_value("SELECT assigned_to FROM conversations WHERE id = $1::bigint", email) == \
        staff_id(h, "agent@example.com"), "a reply to an unassigned conversation takes it"
    assert "sent" in agent.get("/admin/inbox/%s" % email).text
    # the limit follows the channel: an SMS note is a note (long is fine), a web chat reply 10,000 at most
    c, conv = visitor(h)
    page = agent.get("/admin/inbox/%d" % conv)
    before = h.db_snapshot()
    r = agent.post("/admin/inbox/%d/messages" % conv, {"kind": "reply", "body": "x" * 10001, "csrf": h.csrf(page)})
    assert r.status == 413 and "10000" in r.text
    assert h.db_snapshot() == before
    for cv in (sms, phone, email):
        h.sql("UPDATE conversations SET status = 'resolved' WHERE id = $1::bigint", cv)


def test_desk_start_a_conversation_by_email(h):
    agent = sign_in(h, "agent")
    page = agent.get("/admin/inbox/new")
    assert page.status == 200
    mailbox = h.sql_value("SELECT id FROM channel_accounts WHERE name = 'Support mailbox'")
    sms = channel_account(h, "sms")
    assert 'value="%s"' % mailbox in page.text and 'value="%s"' % sms not in page.text
    before = h.db_snapshot()
    for bad in ({"account": sms}, {"account": "x"}, {"email": "nobody-%d@example.test" % time.time()},
                {"subject": ""}, {"body": ""}, {"subject": "s" * 201}):
        fields = {"account": mailbox, "email": "karim@example.com", "subject": "Your order", "body": "Hello!"}
        fields.update(bad)
        r = agent.post("/admin/inbox/new", dict(fields, csrf=h.csrf(page)))
        assert r.status == 400, (bad, r.status)
    assert h.db_snapshot() == before
    r = agent.post("/admin/inbox/new", {"account": mailbox, "email": "karim@example.com", "subject": "Your order 77",
                                         "body": "It is ready for pick-up.", "csrf": h.csrf(page)})
    assert r.status == 303
    conv = re.match(r"^/admin/inbox/(\d+)#latest$", r.location).group(1)
    row = h.sql("SELECT ca.kind, c.subject, c.assigned_to, cu.email FROM conversations c"
                " JOIN channel_accounts ca ON ca.id = c.channel_account_id JOIN customers cu ON cu.id = c.customer_id"
                " WHERE c.id = $1::bigint", conv)[0]
    assert row == ["email", "Your order 77", staff_id(h, "agent@example.com"), "karim@example.com"], row
    m = h.wait_for_mail(lambda m: m["To"] == "karim@example.com" and "Your order 77" in m["Subject"])
    assert "It is ready for pick-up." in h.mail_text(m)
    assert [e[0] for e in events(h, conv)][:3] == ["created", "assigned", "agent_replied"]


def test_desk_unread_marker_and_title_count(h):
    agent = sign_in(h, "agent")
    conv = make_conversation(h, "whatsapp", customer="karim@example.com", agent="agent@example.com")
    add_message(h, conv, "A new question")
    r = agent.get("/admin/inbox?view=mine")
    assert re.search(r'<li class="conv-row unread[^"]*" data-conv="%s"' % conv, r.text), "no unread marker"
    assert re.search(r"<title>\(\d+\) Inbox", r.text), "no unread count in the title"
    agent.get("/admin/inbox/%s" % conv)  # seen
    r = agent.get("/admin/inbox?view=mine")
    assert not re.search(r'<li class="conv-row unread[^"]*" data-conv="%s"' % conv, r.text)
    # another agent has not seen it
    assert h.sql_value("SELECT count(*) FROM conversation_reads WHERE conversation_id = $1::bigint", conv) == "1"
    h.sql("UPDATE conversations SET status = 'resolved' WHERE id = $1::bigint", conv)


def test_desk_a_repeated_post_stores_one_message(h):
    """The composer's form id with the text is the message's external id: a retry (lost answer, double
    click, a replay) stores it once, on every channel account; another text from the same form is new."""
    agent = sign_in(h, "agent")
    c, conv = visitor(h)
    page = agent.get("/admin/inbox/%d" % conv)
    client_id = re.search(r'name="client_id" value="([^"]+)"', page.text).group(1)
    fields = {"kind": "reply", "body": "only once please", "client_id": client_id, "csrf": h.csrf(page)}
    for _ in range(3):
        assert agent.post("/admin/inbox/%d/messages" % conv, fields).status == 303
    assert h.sql_value("SELECT count(*) FROM messages WHERE conversation_id = $1::bigint AND body = 'only once please'",
                       str(conv)) == "1"
    assert agent.post("/admin/inbox/%d/messages" % conv, dict(fields, body="another text")).status == 303
    assert h.sql_value("SELECT count(*) FROM messages WHERE conversation_id = $1::bigint AND author = 'agent'"
                       " AND internal = false", str(conv)) == "2"
    # the customer's page does the same
    cpage = c.get("/chat/%d" % conv)
    cid = re.search(r'name="client_id" value="([^"]+)"', cpage.text).group(1)
    for _ in range(2):
        assert c.post("/chat/%d/messages" % conv, {"body": "customer once", "client_id": cid,
                                                   "csrf": h.csrf(cpage)}).status == 303
    assert h.sql_value("SELECT count(*) FROM messages WHERE conversation_id = $1::bigint AND body = 'customer once'",
                       str(conv)) == "1"
    assert c.post("/chat/%d/messages" % conv, {"body": "x", "client_id": "bad id!", "csrf": h.csrf(cpage)}).status == 400
    # the database's own guard: one external id per channel account
    acc = h.sql_value("SELECT channel_account_id FROM conversations WHERE id = $1::bigint", str(conv))
    ext = h.sql_value("SELECT external_id FROM messages WHERE conversation_id = $1::bigint AND body = 'customer once'",
                      str(conv))
    try:
        h.sql("INSERT INTO messages (conversation_id, channel_account_id, author, direction, body, external_id)"
              " VALUES ($1::bigint, $2::bigint, 'customer', 'in', 'again', $3)", str(conv), acc, ext)
        raised = False
    except Exception:
        raised = True
    assert raised


def test_routing_counts_email_against_its_own_limit(h):
    agent = sign_in(h, "agent")
    agent_online(h, agent, limit=50)
    me = staff_id(h, "agent@example.com")
    # no live room, but room for email: an email waiting for the agent's skill goes to them
    h.sql("UPDATE agents SET max_live = 0, max_email = 50 WHERE staff_id = $1::bigint", me)
    email = make_conversation(h, "email", customer="emma@example.com", skill="orders", subject="Route me")
    page = agent.get("/admin/inbox")
    assert agent.post("/admin/inbox/presence", {"presence": "online", "csrf": h.csrf(page)}).status == 303
    assert h.sql_value("SELECT assigned_to FROM conversations WHERE id = $1::bigint", email) == me
    assert ["assigned", "system", "", me] in events(h, email)
    # and a live one waits
    c, conv = visitor(h, topic="order", message="waiting for live room")
    assert h.sql_value("SELECT assigned_to FROM conversations WHERE id = $1::bigint", str(conv)) is None
    h.sql("UPDATE agents SET max_live = 50 WHERE staff_id = $1::bigint", me)
    for cv in (email, str(conv)):
        h.sql("UPDATE conversations SET status = 'resolved' WHERE id = $1::bigint", cv)


def test_a_deactivated_member_hears_nothing_more(h):
    """Their open desktop's stream ends with the deactivation (their own channel closes, which ends the
    multiplexed stream), and reconnecting is refused."""
    email = "temp-agent-%d@example.test" % int(time.time() * 1000)
    sid = h.sql_value("INSERT INTO staff (email, name, roles, password_hash) SELECT $1, 'Temp Agent', '{agent}',"
                      " password_hash FROM staff WHERE email = 'agent@example.com' RETURNING id", email)
    temp = h.client()
    r = h.form_post(temp, "/admin/signin", "/admin/signin", {"email": email, "password": "demo-agent-pass"})
    assert r.status == 303, r.status
    path = desk_stream(h, temp)
    stream = Stream(h, temp, path)
    assert stream.status == 200
    admin = sign_in(h, "admin")
    r = h.form_post(admin, "/admin/staff/%s" % sid, "/admin/staff/%s/deactivate" % sid, {})
    assert r.status == 303, r.status
    assert stream.wait_closed(5), "the deactivated member's stream stayed open"
    stream.close()
    again = Stream(h, temp, path)
    assert again.status == 403, again.status
    again.close()
