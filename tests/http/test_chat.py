# tests/http/test_chat.py — live chat and the agent inbox: ownership of conversations and streams,
# visitors, CSRF, limits, escaping, routing, notes, transfer (stream rotation), reconnect catch-up.
import json
import re
import socket
import time

from common import make_conversation, sign_in, sign_up

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


# --- helpers ------------------------------------------------------------------------------------

def start_chat(h, c, message="Where is my order?", topic="order", lang="en", **visitor):
    """Starts a chat from the /chat form (visitor fields: name, email); returns the conversation id."""
    page = c.get("/chat")
    assert page.status == 200, (page.status, page.location)
    fields = {"topic": topic, "lang": lang, "message": message, "go_on": "1", "csrf": h.csrf(page)}
    fields.update(visitor)
    r = c.post("/chat", fields)
    assert r.status == 303, (r.status, r.text[:800])
    m = re.match(r"^/chat/(\d+)$", r.location or "")
    assert m, r.location
    return int(m.group(1))


def live_of(h, conv):
    return h.sql_value("SELECT live_channel FROM chat_conversations WHERE conversation_id = $1::bigint", str(conv))


def desk_stream(h, staff):
    """The path of a staff member's desktop stream (their own channel and the inbox channel)."""
    m = re.search(r'data-stream="/live/(staff/[0-9a-f]{32}/[0-9a-f]{32})"', staff.get("/admin/inbox").text)
    assert m, "no desktop stream on /admin/inbox"
    return m.group(1)


def post_msg(h, c, conv, body, page_path=None):
    page = c.get(page_path or "/chat/%d" % conv)
    return c.post("/chat/%d/messages" % conv, {"body": body, "csrf": h.csrf(page)})


def agent_reply(h, agent, conv, body, kind="reply"):
    page = agent.get("/admin/inbox/%d" % conv)
    assert page.status == 200, page.status
    return agent.post("/admin/inbox/%d/messages" % conv, {"body": body, "kind": kind, "csrf": h.csrf(page)})


def agent_online(h, agent, limit=50):
    """The demo agent online with room for many chats (tests share one stack)."""
    page = agent.get("/admin/inbox")
    r = agent.post("/admin/inbox/presence", {"presence": "online", "csrf": h.csrf(page)})
    assert r.status == 303, r.status
    h.sql("UPDATE agents SET max_live = $1::integer, max_email = $1::integer WHERE staff_id = "
          "(SELECT id FROM staff WHERE email = 'agent@example.com')", str(limit))


class Stream:
    """An EventSource-like subscriber of /live/<channel> over a raw socket."""

    def __init__(self, h, client, channel, timeout=5):
        self.sock = socket.create_connection((h.host, h.port), timeout=timeout)
        cookie = "; ".join("%s=%s" % kv for kv in client.jar.items()) if client else ""
        req = ("GET /live/%s HTTP/1.1\r\nHost: %s:%d\r\nAccept: text/event-stream\r\n"
               "Cache-Control: no-cache\r\n%s\r\n") % (
            channel, h.host, h.port, ("Cookie: %s\r\n" % cookie) if cookie else "")
        self.sock.sendall(req.encode())
        self.buf = b""
        while b"\r\n\r\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                break
            self.buf += chunk
        head, _, self.buf = self.buf.partition(b"\r\n\r\n")
        line = head.split(b"\r\n")[0].decode()
        self.status = int(line.split()[1]) if line else None
        self.closed = False

    def events(self, want=1, timeout=5):
        """Data of the next `want` events (parsed JSON); fewer if the stream ends or times out."""
        out = []
        deadline = time.time() + timeout
        while len(out) < want and time.time() < deadline:
            for data in re.findall(rb"(?m)^data: ?(.*)$", self.buf):
                try:
                    out.append(json.loads(data))
                except ValueError:
                    pass
            self.buf = b"" if re.search(rb"(?m)^data:", self.buf) else self.buf
            if len(out) >= want:
                break
            self.sock.settimeout(max(0.05, deadline - time.time()))
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                break
            if not chunk:
                self.closed = True
                break
            self.buf += chunk
        return out

    def wait_closed(self, timeout=5):
        deadline = time.time() + timeout
        while time.time() < deadline:
            self.sock.settimeout(max(0.05, deadline - time.time()))
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                return False
            if not chunk:
                return True
            # an event-stream that ends with Nchan's closing chunk counts as closed too
            self.buf += chunk
            if self.buf.endswith(b"0\r\n\r\n"):
                return True
        return False

    def close(self):
        self.sock.close()


def visitor(h, name="Vera Visitor", **kw):
    c = h.client()
    conv = start_chat(h, c, name=name, **kw)
    return c, conv


# --- tests --------------------------------------------------------------------------------------

def test_chat_link_on_portal_pages(h):
    for path in ("/", "/signin", "/chat"):
        r = h.client().get(path)
        assert r.status == 200, (path, r.status)
        assert 'href="/chat"' in r.text, path


def test_chat_visitor_prechat_form_says_what_data_is_for(h):
    r = h.client().get("/chat")
    assert r.status == 200
    assert 'name="name"' in r.text and 'name="email"' in r.text and 'name="topic"' in r.text
    assert "only to answer you in this conversation" in r.text
    # a signed-in customer is not asked for name and email
    c = sign_in(h, "customer")
    r = c.get("/chat")
    assert r.status in (200, 303)
    if r.status == 200:
        assert 'name="name"' not in r.text


def test_chat_visitor_starts_and_survives_reload(h):
    c, conv = visitor(h, message="Hello, is anyone there?", email="vera@example.test")
    assert c.cookie("cxms_visitor"), "no visitor cookie"
    row = h.sql("SELECT w.visitor_name, w.visitor_email, w.notice_version, c.customer_id, w.visitor_token_hash "
                "FROM conversations c JOIN chat_conversations w ON w.conversation_id = c.id WHERE c.id = $1::bigint",
                str(conv))[0]
    assert row[0] == "Vera Visitor" and row[1] == "vera@example.test"
    assert row[2], "the notice version the visitor saw is not stored"
    assert row[3] is None
    # only a hash of the token is stored
    assert row[4] and c.cookie("cxms_visitor") not in row[4]
    # reload: /chat goes back to the same conversation
    r = c.get("/chat")
    assert r.status == 303 and r.location == "/chat/%d" % conv, (r.status, r.location)
    page = c.get("/chat/%d" % conv)
    assert page.status == 200 and "Hello, is anyone there?" in page.text
    assert 'data-live="%s"' % live_of(h, conv) in page.text


def test_chat_visitor_isolation(h):
    a, conv = visitor(h, name="Alice Visitor", message="secret of alice")
    b, conv_b = visitor(h, name="Bob Visitor", message="secret of bob")
    assert conv != conv_b
    before = h.db_snapshot()
    for path in ("/chat/%d" % conv, "/chat/%d/messages" % conv, "/chat/%d/messages?after=0" % conv):
        r = b.get(path)
        assert r.status == 404, (path, r.status)
        assert "secret of alice" not in r.text
    page = b.get("/chat/%d" % conv_b)
    csrf = h.csrf(page)
    for path in ("/chat/%d/messages" % conv, "/chat/%d/typing" % conv, "/chat/%d/transcript" % conv):
        r = b.post(path, {"body": "intrusion", "csrf": csrf})
        assert r.status == 404, (path, r.status)
    assert h.db_snapshot() == before
    # a stolen conversation id with no cookie at all
    anon = h.client()
    assert anon.get("/chat/%d" % conv).status == 404
    # streams: only the owner may subscribe
    s = Stream(h, b, live_of(h, conv))
    assert s.status == 403, s.status
    s.close()
    s = Stream(h, anon, live_of(h, conv))
    assert s.status == 403, s.status
    s.close()
    s = Stream(h, a, live_of(h, conv))
    assert s.status == 200, s.status
    s.close()
    # a forged visitor cookie does not help
    forged = h.client()
    forged.set_cookie("cxms_visitor", "A" * 43)
    assert forged.get("/chat/%d" % conv).status == 404


def test_chat_customer_isolation(h):
    a = sign_in(h, "customer")
    r = a.get("/chat")
    if r.status == 303:  # an earlier test left a chat open: resolve it
        old = int(r.location.rsplit("/", 1)[1])
        h.sql("UPDATE conversations SET status = 'resolved' WHERE id = $1::bigint", str(old))
    conv = start_chat(h, a, message="customer A private text")
    assert h.sql_value("SELECT customer_id FROM conversations WHERE id = $1::bigint", str(conv)) == \
        h.sql_value("SELECT id::text FROM customers WHERE email = 'customer@example.com'")
    b, _ = sign_up(h)
    before = h.db_snapshot()
    assert b.get("/chat/%d" % conv).status == 404
    assert b.get("/chat/%d/messages?after=0" % conv).status == 404
    page = b.get("/chat")
    r = b.post("/chat/%d/messages" % conv, {"body": "B writes into A's chat", "csrf": h.csrf(page)})
    assert r.status == 404
    assert h.db_snapshot() == before
    s = Stream(h, b, live_of(h, conv))
    assert s.status == 403, s.status
    s.close()
    s = Stream(h, a, live_of(h, conv))
    assert s.status == 200, s.status
    s.close()
    # a chat's own channel is its customer's: staff follow every conversation on their desktop stream,
    # which is theirs alone (a customer, another agent, the compliance officer are refused)
    agent = sign_in(h, "agent")
    s = Stream(h, agent, live_of(h, conv))
    assert s.status == 403, s.status
    s.close()
    mine = desk_stream(h, agent)
    s = Stream(h, agent, mine)
    assert s.status == 200, s.status
    s.close()
    for other in (a, sign_in(h, "supervisor"), h.client()):
        s = Stream(h, other, mine)
        assert s.status == 403, s.status
        s.close()
    personal, inbox = mine.split("/")[1:]
    s = Stream(h, agent, "staff/%s/%s" % (inbox, personal))  # the two swapped
    assert s.status == 403, s.status
    s.close()
    s = Stream(h, a, inbox)
    assert s.status in (403, 404), s.status
    s.close()
    # the compliance officer is staff but not in the inbox
    comp = sign_in(h, "compliance")
    assert comp.get("/admin/inbox").status == 403
    s = Stream(h, comp, live_of(h, conv))
    assert s.status == 403, s.status
    s.close()
    s = Stream(h, comp, mine)
    assert s.status == 403, s.status
    s.close()


def test_chat_live_auth_not_public_and_bad_channels(h):
    assert h.client().get("/live-auth/" + "a" * 32).status == 404
    for ch in ("nothex", "A" * 32, "0" * 32):
        s = Stream(h, h.client(), ch)
        assert s.status in (403, 404), (ch, s.status)
        s.close()


def test_chat_csrf_and_origin(h):
    c, conv = visitor(h)
    before = h.db_snapshot()
    r = c.post("/chat/%d/messages" % conv, {"body": "no token"})
    assert r.status == 403
    page = c.get("/chat/%d" % conv)
    r = c.post("/chat/%d/messages" % conv, {"body": "cross site", "csrf": h.csrf(page)},
               headers={"Origin": "http://evil.example"})
    assert r.status == 403
    r = c.post("/chat", {"name": "x", "topic": "order", "lang": "en", "message": "hi", "go_on": "1"})
    assert r.status == 403
    assert h.db_snapshot() == before


def test_chat_length_limits_and_bad_input(h):
    c, conv = visitor(h)
    before = h.db_snapshot()
    assert post_msg(h, c, conv, "x" * 10001).status == 413
    assert post_msg(h, c, conv, "   ").status == 400
    assert c.get("/chat/%d/messages?after=abc" % conv).status == 400
    assert c.get("/chat/abc").status == 404
    assert c.get("/chat/99999999").status == 404
    fresh = h.client()
    page = fresh.get("/chat")
    base = {"name": "N", "topic": "order", "lang": "en", "message": "hi", "go_on": "1", "csrf": h.csrf(page)}
    for bad in ({"topic": "nope"}, {"lang": "xx"}, {"name": ""}, {"name": "n" * 201},
                {"message": "m" * 10001}, {"email": "not-an-email"}):
        f = dict(base)
        f.update(bad)
        r = fresh.post("/chat", f)
        assert r.status == 400, (bad, r.status)
    assert h.db_snapshot() == before
    # 10,000 characters (multi-byte) are fine: a web chat takes that much
    assert post_msg(h, c, conv, "ক" * 10000).status == 303


def test_chat_hostile_text_rendered_escaped(h):
    c, conv = visitor(h, name=HOSTILE, message=HOSTILE)
    page = c.get("/chat/%d" % conv)
    assert HOSTILE not in page.text and "&lt;script&gt;" in page.text
    agent = sign_in(h, "agent")
    for path in ("/admin/inbox", "/admin/inbox/%d" % conv):
        r = agent.get(path)
        assert r.status == 200
        assert "<script>alert" not in r.text and "<img src=x" not in r.text, path
    # the JSON catch-up carries text (the page's script sets textContent)
    data = c.get("/chat/%d/messages?after=0" % conv).json()
    assert data["messages"][0]["text"] == HOSTILE


def test_chat_routing_skill_language_capacity(h):
    agent = sign_in(h, "agent")
    agent_online(h, agent, limit=50)
    # order (skill orders) in Bengali: the agent has both
    c, conv = visitor(h, topic="order", lang="bn", message="অর্ডার কোথায়?")
    who = h.sql_value("SELECT s.email FROM conversations c JOIN staff s ON s.id = c.assigned_to "
                      "WHERE c.id = $1::bigint", str(conv))
    assert who == "agent@example.com", who
    page = c.get("/chat/%d" % conv)
    assert "Nadia Agent" in page.text
    # billing: the agent lacks the skill and the supervisor (all skills) is away: it waits in the queue
    h.sql("UPDATE agents SET presence = 'away' WHERE staff_id <> "
          "(SELECT id FROM staff WHERE email = 'agent@example.com')")
    c2, conv2 = visitor(h, topic="billing", message="invoice question", email="q@example.test")
    assert h.sql_value("SELECT assigned_to FROM conversations WHERE id = $1::bigint", str(conv2)) is None
    data = c2.get("/chat/%d/messages" % conv2).json()
    # offline (nobody online with the skill): goes on by email, not queued for chat
    assert h.sql_value("SELECT offline FROM chat_conversations WHERE conversation_id = $1::bigint", str(conv2)) == "t"
    assert data["queue"] == 0
    # capacity: at the limit, new chats wait, oldest first, with a queue position
    h.sql("UPDATE conversations SET status = 'resolved' WHERE assigned_to IS NULL AND status = 'open'")
    h.sql("UPDATE agents SET max_live = 0 WHERE staff_id = "
          "(SELECT id FROM staff WHERE email = 'agent@example.com')")
    c3, conv3 = visitor(h, topic="order", message="first waiting")
    c4, conv4 = visitor(h, topic="order", message="second waiting")
    assert c3.get("/chat/%d/messages" % conv3).json()["queue"] == 1
    assert c4.get("/chat/%d/messages" % conv4).json()["queue"] == 2
    assert "number 2 in the queue" in c4.get("/chat/%d" % conv4).text
    # room again, and the agent goes online: the oldest gets the agent first
    h.sql("UPDATE agents SET max_live = 50 WHERE staff_id = "
          "(SELECT id FROM staff WHERE email = 'agent@example.com')")
    agent_online(h, agent)
    got = h.sql("SELECT id, assigned_at FROM conversations WHERE id IN ($1::bigint, $2::bigint) ORDER BY assigned_at, id",
                str(conv3), str(conv4))
    assert [int(g[0]) for g in got] == [conv3, conv4], got
    # supervisors see the queues and the agents
    sup = sign_in(h, "supervisor")
    r = sup.get("/admin/inbox")
    assert "Queues" in r.text and "Nadia Agent" in r.text
    for cv in (conv, conv2, conv3, conv4):
        h.sql("UPDATE conversations SET status = 'resolved' WHERE id = $1::bigint", str(cv))


def test_chat_agent_reply_note_live_and_catch_up(h):
    agent = sign_in(h, "agent")
    agent_online(h, agent)
    c, conv = visitor(h, topic="delivery", message="Where is my parcel?")
    stream = Stream(h, c, live_of(h, conv))
    assert stream.status == 200
    t0 = time.time()
    assert agent_reply(h, agent, conv, "It is on its way!").status == 303
    ev = stream.events(1, timeout=5)
    assert ev and ev[0]["t"] == "msg", ev
    assert time.time() - t0 < 5
    # an internal note is never sent to the customer's stream nor shown to them
    assert agent_reply(h, agent, conv, "NOTE: customer seems upset", kind="note").status == 303
    assert stream.events(1, timeout=1) == []
    page = c.get("/chat/%d" % conv)
    assert "It is on its way!" in page.text and "customer seems upset" not in page.text
    data = c.get("/chat/%d/messages?after=0" % conv).json()
    assert all("upset" not in m["text"] for m in data["messages"])
    assert "customer seems upset" in agent.get("/admin/inbox/%d" % conv).text
    last = data["messages"][-1]["id"]
    # the stream drops; meanwhile the agent writes twice; the reconnecting page asks for what it missed
    stream.close()
    agent_reply(h, agent, conv, "first while you were away")
    agent_reply(h, agent, conv, "second while you were away")
    data = c.get("/chat/%d/messages?after=%d" % (conv, last)).json()
    texts = [m["text"] for m in data["messages"]]
    assert texts == ["first while you were away", "second while you were away"], texts
    ids = [m["id"] for m in data["messages"]]
    assert ids == sorted(ids) and ids[0] > last
    assert c.get("/chat/%d/messages?after=%d" % (conv, ids[-1])).json()["messages"] == []
    # the customer answers; the agent's JSON has it; reporting fields are set
    assert post_msg(h, c, conv, "Thanks!").status == 303
    jd = agent.get("/admin/inbox/%d/messages?after=%d" % (conv, ids[-1])).json()
    assert [m["text"] for m in jd["messages"]] == ["Thanks!"]
    assert h.sql_value("SELECT first_agent_reply_at IS NOT NULL FROM conversations WHERE id = $1::bigint",
                       str(conv)) == "t"


def test_chat_transfer_tells_everyone_and_resolve(h):
    """A transfer keeps the customer's stream (staff follow conversations on their own desktop streams,
    so nobody's view needs cutting off), says so in the chat, and tells the new agent."""
    agent = sign_in(h, "agent")
    agent_online(h, agent)
    sup = sign_in(h, "supervisor")
    c, conv = visitor(h, topic="order", message="transfer me")
    live = live_of(h, conv)
    s_customer = Stream(h, c, live)
    s_agent = Stream(h, agent, desk_stream(h, agent))
    s_sup = Stream(h, sup, desk_stream(h, sup))
    assert s_customer.status == 200 and s_agent.status == 200 and s_sup.status == 200
    sup_id = h.sql_value("SELECT id FROM staff WHERE email = 'supervisor@example.com'")
    page = agent.get("/admin/inbox/%d" % conv)
    r = agent.post("/admin/inbox/%d/assign" % conv, {"to": sup_id, "csrf": h.csrf(page)})
    assert r.status == 303, r.status
    assert live_of(h, conv) == live
    assert h.sql_value("SELECT transfers FROM conversations WHERE id = $1::bigint", str(conv)) == "1"
    ev = s_customer.events(1, timeout=5)
    assert ev and ev[0]["t"] == "msg", ev
    got = s_sup.events(3, timeout=5)
    assert {"t": "assigned", "conv": conv} in got, got
    assert any(e.get("t") == "conv" and e.get("conv") == conv for e in s_agent.events(1, timeout=5))
    for s in (s_agent, s_sup):
        s.close()
    assert h.sql_value("SELECT count(*) FROM staff_notifications WHERE staff_id = $1::bigint AND kind = 'assigned'"
                       " AND conversation_id = $2::bigint", sup_id, str(conv)) == "1"
    assert h.sql("SELECT kind, from_value, to_value FROM conversation_events WHERE conversation_id = $1::bigint"
                 " AND kind IN ('assigned', 'transferred') ORDER BY id", str(conv))[-1] == \
        ["transferred", h.sql_value("SELECT id FROM staff WHERE email = 'agent@example.com'"), sup_id]
    data = c.get("/chat/%d/messages?after=0" % conv).json()
    assert data["live"] == live
    assert any("transferred to Sam Supervisor" in m["text"] for m in data["messages"]), data
    s = s_customer
    # resolve
    page = sup.get("/admin/inbox/%d" % conv)
    r = sup.post("/admin/inbox/%d/status" % conv, {"status": "resolved", "csrf": h.csrf(page)})
    assert r.status == 303
    ev = s.events(1, timeout=5)
    assert ev and ev[0]["t"] == "msg"
    s.close()
    assert h.sql_value("SELECT resolved_at IS NOT NULL FROM conversations WHERE id = $1::bigint", str(conv)) == "t"
    assert "resolved" in c.get("/chat/%d" % conv).text
    # a new visit to /chat starts over
    assert c.get("/chat").status == 200
    # bad assignment targets
    before = h.db_snapshot()
    for to in ("0", "999999", "skill:nope", "", "me'"):
        r = sup.post("/admin/inbox/%d/assign" % conv, {"to": to, "csrf": h.csrf(page)})
        assert r.status == 400, (to, r.status)
    r = sup.post("/admin/inbox/%d/status" % conv, {"status": "closed", "csrf": h.csrf(page)})
    assert r.status == 400
    assert h.db_snapshot() == before


def test_chat_visitor_joins_account_on_sign_in(h):
    c, conv = visitor(h, message="before signing in")
    b, email = sign_up(h)
    # the visitor signs in in the same browser (cookie jar) and keeps their conversation
    c.jar.update({k: v for k, v in b.jar.items() if k.startswith("cxms_session")})
    r = c.get("/chat")
    assert r.status == 303 and r.location == "/chat/%d" % conv, (r.status, r.location)
    assert post_msg(h, c, conv, "now signed in").status == 303
    cust = h.sql_value("SELECT id FROM customers WHERE email = $1", email)
    assert h.sql_value("SELECT customer_id FROM conversations WHERE id = $1::bigint", str(conv)) == cust
    assert h.sql_value("SELECT visitor_token_hash FROM chat_conversations WHERE conversation_id = $1::bigint",
                       str(conv)) is None
    assert b.get("/chat/%d" % conv).status == 200


def test_chat_rate_limit_per_visitor(h):
    c, conv = visitor(h)
    page = c.get("/chat/%d" % conv)
    csrf = h.csrf(page)
    codes = [c.post("/chat/%d/messages" % conv, {"body": "spam %d" % i, "csrf": csrf}).status for i in range(12)]
    assert 429 in codes, codes
    assert codes[0] == 303
    # the app's own limit answered (not only nginx's): its page is the site's error page
    assert h.sql_value("SELECT count(*) FROM messages WHERE conversation_id = $1::bigint "
                       "AND body LIKE 'spam %'", str(conv)) == str(codes.count(303))
    assert codes.count(303) <= 7  # 8 customer messages per 10 s, the first one included
    time.sleep(1)  # let nginx's per-address bucket drain for the next tests


def test_chat_transcript_by_email(h):
    c, conv = visitor(h, email="transcript-reader@example.test", message="please send me this")
    page = c.get("/chat/%d" % conv)
    r = c.post("/chat/%d/transcript" % conv, {"csrf": h.csrf(page)})
    assert r.status == 303
    m = h.wait_for_mail(lambda m: m["To"] == "transcript-reader@example.test")
    assert "please send me this" in h.mail_text(m)


def test_chat_transcript_mails_are_limited_per_address(h):
    """A visitor types any address: the transcript button must not mail it without end."""
    victim = "transcript-victim-%d@example.test" % int(time.time() * 1000)
    c, conv = visitor(h, email=victim, message="buy cheap watches")
    page = c.get("/chat/%d" % conv)
    for _ in range(3):
        assert c.post("/chat/%d/transcript" % conv, {"csrf": h.csrf(page)}).status == 303
    count = "SELECT count(*) FROM mails WHERE to_address = $1"
    assert h.sql_value(count, victim) == "3"
    r = c.post("/chat/%d/transcript" % conv, {"csrf": h.csrf(page)})
    assert r.status == 429, r.status
    # a second conversation to the same address does not reset the limit
    c2, conv2 = visitor(h, email=victim, message="buy cheap watches again")
    page2 = c2.get("/chat/%d" % conv2)
    assert c2.post("/chat/%d/transcript" % conv2, {"csrf": h.csrf(page2)}).status == 429
    assert h.sql_value(count, victim) == "3"


def test_inbox_filters_tags_and_roles(h):
    agent = sign_in(h, "agent")
    r = agent.get("/admin/inbox?status=any")
    assert r.status == 200
    # demo data: several channels, each with its icon and name
    for ch in ("Email", "SMS", "Phone", "WhatsApp", "Web chat"):
        assert '<span class="sr-only">%s</span>' % ch in r.text, ch
    r = agent.get("/admin/inbox?channel=email&status=any")
    assert "Emma Clarke" in r.text and "Lucas Silva" not in r.text
    # the default list: open conversations; Emma's is pending
    assert "Emma Clarke" not in agent.get("/admin/inbox").text
    r = agent.get("/admin/inbox?view=unassigned&status=pending")
    assert "Emma Clarke" in r.text
    r = agent.get("/admin/inbox?tag=vip&status=any")
    assert "Ayesha Rahman" in r.text and "Emma Clarke" not in r.text
    # junk filters are ignored, not errors
    assert agent.get("/admin/inbox?view=x&status=y&channel=z&tag=%3Cb%3E&team=x&priority=%27&sort=;&page=-1"
                     "&snoozed=0").status == 200
    c, conv = visitor(h)
    page = agent.get("/admin/inbox/%d" % conv)
    assert agent.post("/admin/inbox/%d/tags" % conv, {"add": "urgent", "csrf": h.csrf(page)}).status == 303
    assert "Vera Visitor" in agent.get("/admin/inbox?tag=urgent").text
    before = h.db_snapshot()
    assert agent.post("/admin/inbox/%d/tags" % conv, {"add": "Bad Tag!", "csrf": h.csrf(page)}).status == 400
    assert h.db_snapshot() == before
    assert agent.post("/admin/inbox/%d/tags" % conv, {"remove": "urgent", "csrf": h.csrf(page)}).status == 303
    assert h.sql("SELECT kind, coalesce(from_value, to_value) FROM conversation_events WHERE conversation_id = $1::bigint"
                 " AND kind IN ('tagged', 'untagged') ORDER BY id", str(conv)) == [["tagged", "urgent"], ["untagged", "urgent"]]
    assert agent.get("/admin/inbox/999999").status == 404
    # customers and visitors never reach the inbox
    cust = sign_in(h, "customer")
    r = cust.get("/admin/inbox")
    assert r.status == 303 and r.location.startswith("/admin/signin")
    assert h.client().get("/admin/inbox/%d" % conv).status == 303


def test_canned_answers_supervisor_only_with_placeholders(h):
    agent = sign_in(h, "agent")
    assert agent.get("/admin/canned").status == 403
    sup = sign_in(h, "supervisor")
    r = h.form_post(sup, "/admin/canned", "/admin/canned",
                    {"title": "Thanks", "body": "Thank you {name}, regards {agent}."})
    assert r.status == 303
    cid = h.sql_value("SELECT id FROM canned_answers WHERE title = 'Thanks' ORDER BY id DESC LIMIT 1")
    c, conv = visitor(h, name="Pia Placeholder")
    r = agent.get("/admin/inbox/%d?canned=%s" % (conv, cid))
    assert "Thank you Pia Placeholder, regards Nadia Agent." in r.text
    before = h.db_snapshot()
    page = agent.get("/admin/inbox")
    assert agent.post("/admin/canned", {"title": "x", "body": "y", "csrf": h.csrf(page)}).status == 403
    r = h.form_post(sup, "/admin/canned", "/admin/canned", {"title": "", "body": "y"})
    assert r.status == 400
    assert h.db_snapshot() == before
    r = h.form_post(sup, "/admin/canned", "/admin/canned/%s/delete" % cid, {})
    assert r.status == 303


def test_chat_suggests_articles_before_starting(h):
    c = h.client()
    page = c.get("/chat")
    fields = {"name": "Sue Suggest", "topic": "delivery", "lang": "en", "csrf": h.csrf(page),
              "message": "How do I track my delivery and when will my parcel arrive?"}
    before = h.db_snapshot(exclude=("sessions", "jobs", "request_log", "help_events"))
    r = c.post("/chat", fields)
    if r.status == 200:  # the help center found articles: nothing is stored yet, the customer may go on
        assert 'href="/help' in r.text, r.text[:2000]
        assert 'name="go_on" value="1"' in r.text
        assert 'value="Sue Suggest"' in r.text
        assert h.db_snapshot(exclude=("sessions", "jobs", "request_log", "help_events")) == before
        fields["go_on"] = "1"
        fields["csrf"] = h.csrf(r)
        r = c.post("/chat", fields)
    assert r.status == 303 and r.location.startswith("/chat/"), (r.status, r.location)


def test_chat_settings_agents_and_business_hours(h):
    agent = sign_in(h, "agent")
    assert agent.get("/admin/routing").status == 403
    sup = sign_in(h, "supervisor")
    page = sup.get("/admin/routing")
    assert page.status == 200 and "Nadia Agent" in page.text and "Support" in page.text
    aid = h.sql_value("SELECT id FROM staff WHERE email = 'agent@example.com'")
    team = h.sql_value("SELECT id FROM teams WHERE name = 'Support'")
    csrf = h.csrf(page)
    before = h.db_snapshot()
    for bad in ({"max_live": "51", "max_email": "10"}, {"max_live": "x", "max_email": "10"},
                {"max_live": "3", "max_email": "201"}, {"max_live": "3"},
                {"max_live": "3", "max_email": "10", "skill": "Orders'"},
                {"max_live": "3", "max_email": "10", "lang": "e n"}):
        r = sup.post("/admin/routing/agents/%s" % aid, dict(bad, csrf=csrf))
        assert r.status == 400, (bad, r.status)
    assert sup.post("/admin/routing/agents/999999", {"max_live": "3", "max_email": "3", "csrf": csrf}).status == 404
    for bad in ({"tz": "Mars/Base", "opens": "09:00", "closes": "17:00", "day": "1"},
                {"tz": "UTC", "opens": "17:00", "closes": "09:00", "day": "1"},
                {"tz": "UTC", "opens": "9", "closes": "17:00", "day": "1"},
                {"tz": "UTC", "opens": "09:00", "closes": "17:00", "day": "7"},
                {"tz": "UTC", "opens": "09:00", "closes": "25:00", "day": "1"}):
        r = sup.post("/admin/routing/teams/%s" % team, dict(bad, csrf=csrf))
        assert r.status == 400, (bad, r.status)
    assert h.db_snapshot() == before
    try:
        # the agent: Bengali only, billing only, limit 4
        r = sup.post("/admin/routing/agents/%s" % aid,
                     {"max_live": "4", "max_email": "7", "skill": ["billing", "nope"], "lang": ["bn"], "csrf": csrf})
        assert r.status == 303
        assert h.sql("SELECT skill FROM agent_skills WHERE staff_id = $1::bigint", aid) == [["billing"]]
        assert h.sql("SELECT max_live, max_email FROM agents WHERE staff_id = $1::bigint", aid) == [["4", "7"]]
        assert h.sql("SELECT lang FROM agent_langs WHERE staff_id = $1::bigint", aid) == [["bn"]]
        # closed all week: a visitor must leave an email address and the chat goes on by email
        r = sup.post("/admin/routing/teams/%s" % team, {"tz": "Asia/Dhaka", "opens": "09:00", "closes": "09:01",
                                                              "day": [], "csrf": csrf})
        assert r.status == 303
        c = h.client()
        page = c.get("/chat")
        assert "Nobody is available" in page.text
        r = c.post("/chat", {"name": "Late Visitor", "topic": "order", "lang": "en", "message": "hello?",
                             "go_on": "1", "csrf": h.csrf(page)})
        assert r.status == 400 and "leave your email address" in r.text
        conv = start_chat(h, c, name="Late Visitor", email="late@example.test", message="hello?")
        assert h.sql_value("SELECT offline FROM chat_conversations WHERE conversation_id = $1::bigint", str(conv)) == "t"
        # an agent's reply goes out by mail
        agent_reply(h, agent, conv, "We are back: here is your answer.")
        h.jobs_due_now("send_mail")  # it waited for the customer to see it on the page first
        m = h.wait_for_mail(lambda m: m["To"] == "late@example.test")
        assert "here is your answer" in h.mail_text(m)
    finally:  # back to the demo settings for the other tests
        sup.post("/admin/routing/teams/%s" % team, {"tz": "Asia/Dhaka", "opens": "00:00", "closes": "24:00",
                                                          "day": [str(d) for d in range(7)], "csrf": csrf})
        sup.post("/admin/routing/agents/%s" % aid, {"max_live": "50", "max_email": "50", "skill": ["orders", "delivery"],
                                                          "lang": ["en", "bn"], "csrf": csrf})
    assert h.sql_value("SELECT count(*) FROM team_hours WHERE team_id = $1::bigint", team) == "7"


def test_offline_chat_reply_seen_on_the_page_is_not_mailed_again(h):
    """"We will answer by email" and the way the answer goes must agree without saying it twice: the reply
    to a chat left while nobody was there is on the customer's page at once and waits before it is
    mailed; a customer whose page showed it (still there, or back) gets no mail, one who left gets it."""
    agent = sign_in(h, "agent")
    sup = sign_in(h, "supervisor")
    page = sup.get("/admin/routing")
    team = h.sql_value("SELECT id FROM teams WHERE name = 'Support'")
    csrf = h.csrf(page)
    try:
        assert sup.post("/admin/routing/teams/%s" % team, {"tz": "Asia/Dhaka", "opens": "09:00", "closes": "09:01",
                                                           "day": [], "csrf": csrf}).status == 303
        here = "still-here-%d@example.test" % int(time.time() * 1000)
        gone = "gone-%d@example.test" % int(time.time() * 1000)
        c1 = h.client()
        conv1 = start_chat(h, c1, name="Still Here", email=here, message="anyone?")
        c2 = h.client()
        conv2 = start_chat(h, c2, name="Gone Away", email=gone, message="anyone at all?")
        for conv in (conv1, conv2):
            assert h.sql_value("SELECT offline FROM chat_conversations WHERE conversation_id = $1::bigint",
                               str(conv)) == "t"
        last = int(h.sql_value("SELECT max(id) FROM messages WHERE conversation_id = $1::bigint", str(conv1)))
        stream = Stream(h, c1, live_of(h, conv1))
        assert stream.status == 200
        assert agent_reply(h, agent, conv1, "I am here after all").status == 303
        assert agent_reply(h, agent, conv2, "Here is your answer by mail").status == 303
        # the page hears of the reply and fetches it, as chat.js does
        ev = stream.events(1, timeout=5)
        stream.close()
        assert ev and ev[0]["t"] == "msg"
        r = c1.get("/chat/%d/messages?after=%d" % (conv1, last), headers={"Accept": "application/json"})
        assert r.status == 200 and "I am here after all" in [m["text"] for m in r.json()["messages"]]
        # both mails wait; neither has left yet
        for to in (here, gone):
            assert h.sql_value("SELECT status FROM mails WHERE to_address = $1", to) == "queued"
        # the agent sees the first reply delivered to the page, the second still waiting for its mail
        def delivery(conv, text):
            page = agent.get("/admin/inbox/%d" % conv).text
            m = re.search(re.escape(text) + r'</span>.*?<span class="delivery">([^<]*)</span>', page)
            return m and m.group(1)
        assert delivery(conv1, "I am here after all") == "delivered"
        assert delivery(conv2, "Here is your answer by mail") == "queued"
        h.jobs_due_now("send_mail")
        m = h.wait_for_mail(lambda m: m["To"] == gone)
        assert "Here is your answer by mail" in h.mail_text(m)
        h.settle()
        assert h.sql_value("SELECT status FROM mails WHERE to_address = $1", here) == "seen_in_chat"
        assert not [m for m in h.mails() if m["To"] == here]
        assert h.sql_value("SELECT delivery FROM messages WHERE conversation_id = $1::bigint AND author = 'agent'",
                           str(conv1)) == "delivered"
        assert h.sql_value("SELECT delivery FROM messages WHERE conversation_id = $1::bigint AND author = 'agent'",
                           str(conv2)) in ("sent", "queued")  # sent by SMTP, or stored in the outbox
        # a customer who comes back later sees the reply on the page; their next answer needs no mail either
        assert agent_reply(h, agent, conv2, "And one more thing").status == 303
        assert "And one more thing" in c2.get("/chat/%d" % conv2).text
        h.jobs_due_now("send_mail")
        h.settle()
        assert h.sql_value("SELECT count(*) FROM mails WHERE to_address = $1 AND status = 'seen_in_chat'", gone) == "1"
        state = re.search(r'<p class="chat-state".*?</p>', c1.get("/chat/%d" % conv1).text, re.S).group(0)
        assert "Nobody is available" not in state and "You are talking with Nadia Agent" in state, state
    finally:
        sup.post("/admin/routing/teams/%s" % team, {"tz": "Asia/Dhaka", "opens": "00:00", "closes": "24:00",
                                                    "day": [str(d) for d in range(7)], "csrf": csrf})


def test_chat_settings_bad_days_are_400_not_500(h):
    """A day is one digit 0-6, each once: "10", "01" or a repeated day used to reach the database and
    fail its constraints (500) instead of re-showing a clear error."""
    sup = sign_in(h, "supervisor")
    page = sup.get("/admin/routing")
    team = h.sql_value("SELECT id FROM teams WHERE name = 'Support'")
    csrf = h.csrf(page)
    before = h.db_snapshot()
    for days in (["10"], ["1", "1"], ["01"], ["-1"], [""], ["1", "66"]):
        r = sup.post("/admin/routing/teams/%s" % team,
                     {"tz": "UTC", "opens": "09:00", "closes": "17:00", "day": days, "csrf": csrf})
        assert r.status == 400, (days, r.status)
    assert h.db_snapshot() == before
