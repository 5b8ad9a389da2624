# tests/http/test_surveys.py — surveys: single-use links (replayed, foreign, expired), answers saved per
# question, validation without partial writes, builder and preview, portal surveys, results, CSV, NPS round.
import hashlib
import re
import secrets
import time

from common import DEMO, channel_account, make_conversation, sign_in, unique_email


def new_token():
    return secrets.token_urlsafe(32)[:43].ljust(43, "A")


def token_hash(tok):
    return hashlib.blake2b(tok.encode(), digest_size=32).hexdigest()


def make_survey(h, kind="csat", status="active", portal="off", title=None):
    admin = sign_in(h, "admin")
    title = title or "Test %s %s" % (kind, secrets.token_hex(4))
    r = h.form_post(admin, "/admin/surveys/new", "/admin/surveys",
                    {"kind": kind, "title_en": title, "title_bn": "", "intro_en": "Intro " + title,
                     "intro_bn": "", "status": status, "portal": portal, "link_days": "14"})
    assert r.status == 303, (r.status, r.text[:800])
    sid = re.search(r"/admin/surveys/(\d+)/edit", r.location).group(1)
    return admin, sid


def invite(h, sid, customer_email=None, expired=False):
    tok = new_token()
    cust = None
    if customer_email:
        cust = h.sql_value("SELECT id FROM customers WHERE email = $1", customer_email)
    h.sql("INSERT INTO survey_invitations (survey_id, token_hash, customer_id, via, expires_at)"
          " VALUES ($1::bigint, $2, $3::bigint, 'email', now() + ($4::int * interval '1 day'))",
          sid, token_hash(tok), cust, -1 if expired else 7)
    return tok


def questions(h, sid):
    return [r[0] for r in h.sql("SELECT id FROM survey_questions WHERE survey_id = $1::bigint ORDER BY position", sid)]


def test_csat_link_saves_each_answer_and_is_single_use(h):
    _, sid = make_survey(h, "csat")
    q1, q2 = questions(h, sid)
    tok = invite(h, sid)
    c = h.client()
    page = c.get("/s/" + tok)
    assert page.status == 200, page.text[:500]
    assert "How satisfied are you" in page.text and 'name="value"' in page.text
    assert "Question 1 of 2" in page.text
    csrf = h.csrf(page)
    before = h.db_snapshot()
    # out of range, malformed, missing: a clear error and nothing written
    for bad in ({"value": "6"}, {"value": "0"}, {"value": "x"}, {"value": "99999999999"}, {}):
        r = c.post("/s/" + tok, dict(bad, csrf=csrf, qid=q1))
        assert r.status == 400, (bad, r.status)
        assert 'role="alert"' in r.text
    # no CSRF token: refused
    assert c.post("/s/" + tok, {"qid": q1, "value": "5"}).status == 403
    assert h.db_snapshot() == before
    # the rating is saved at once (half-answered keeps it)
    r = c.post("/s/" + tok, {"csrf": csrf, "qid": q1, "value": "4"})
    assert r.status == 303 and r.location == "/s/%s?q=2" % tok, (r.status, r.location)
    row = h.sql("SELECT score, r.completed_at IS NULL FROM survey_responses r JOIN survey_invitations i"
                " ON i.id = r.invitation_id WHERE i.token_hash = $1", token_hash(tok))
    assert row == [["4", "t"]], row
    # coming back later opens the first unanswered question
    later = h.client().get("/s/" + tok)
    assert later.status == 200 and "Question 2 of 2" in later.text
    # the back link shows the saved answer
    back = c.get("/s/%s?q=1" % tok)
    assert re.search(r'value="4"\s+checked', back.text), back.text[:2000]
    # finish with a hostile comment: stored as given, shown escaped
    r = c.post("/s/" + tok, {"csrf": csrf, "qid": q2, "text": "<script>alert(1)</script> slow"})
    assert r.status == 303 and r.location == "/s/thanks"
    assert c.get("/s/thanks").status == 200
    assert h.sql_value("SELECT comment FROM survey_responses r JOIN survey_invitations i ON i.id = r.invitation_id"
                       " WHERE i.token_hash = $1", token_hash(tok)) == "<script>alert(1)</script> slow"
    # replayed: the link is used up, for reading and for writing
    before = h.db_snapshot()
    assert c.get("/s/" + tok).status == 410
    r = c.post("/s/" + tok, {"csrf": csrf, "qid": q1, "value": "1"})
    assert r.status == 410 and "already been answered" in r.text
    assert h.db_snapshot() == before
    # the supervisor sees it, escaped
    sup = sign_in(h, "supervisor")
    res = sup.get("/admin/surveys/%s" % sid)
    assert res.status == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt; slow" in res.text and "<script>alert(1)" not in res.text
    assert "100%" in res.text  # one answer of 4: CSAT 100%


def test_foreign_unknown_and_expired_links(h):
    _, sid_a = make_survey(h, "csat")
    _, sid_b = make_survey(h, "nps")
    tok_a = invite(h, sid_a, customer_email=DEMO["customer"][0])
    tok_x = invite(h, sid_a, expired=True)
    qb = questions(h, sid_b)[0]
    other, _ = sign_up_quick(h)
    me = sign_in(h, "customer")
    c = h.client()
    page = c.get("/s/" + tok_a)
    assert page.status == 200
    before = h.db_snapshot()
    # a question of another survey through this link
    r = c.post("/s/" + tok_a, {"csrf": h.csrf(page), "qid": qb, "value": "9"})
    assert r.status == 400
    # unknown and malformed tokens
    for t in (new_token(), "short", "x" * 43 + "%3Cb%3E", "A" * 200):
        assert c.get("/s/" + t).status == 404, t
        assert c.post("/s/" + t, {"csrf": h.csrf(page), "qid": qb, "value": "1"}).status in (403, 404)
    # another signed-in customer never sees this customer's survey
    r = other.get("/s/" + tok_a)
    assert r.status == 404 and "How satisfied" not in r.text
    # the customer it was sent to does
    assert me.get("/s/" + tok_a).status == 200
    # expired
    r = c.get("/s/" + tok_x)
    assert r.status == 410 and "expired" in r.text
    q1 = questions(h, sid_a)[0]
    assert c.post("/s/" + tok_x, {"csrf": h.csrf(page), "qid": q1, "value": "5"}).status == 410
    assert h.db_snapshot() == before


def sign_up_quick(h):
    """A second customer, created directly (verified), signed in through the form."""
    email = unique_email("other")
    from common import sign_up
    return sign_up(h, email=email)


def test_required_answers_checked_at_the_end(h):
    admin, sid = make_survey(h, "custom", portal="anyone")
    form = admin.get("/admin/surveys/%s/edit" % sid)
    csrf = h.csrf(form)
    add = lambda f: admin.post("/admin/surveys/%s/questions" % sid, dict(f, csrf=csrf))
    assert add({"qtype": "rating", "text_en": "Rate us", "text_bn": "রেট", "scale": "10", "required": "1"}).status == 303
    assert add({"qtype": "single", "text_en": "Pick one", "options_en": "A\nB\nC", "options_bn": "ক\nখ\nগ"}).status == 303
    assert add({"qtype": "multi", "text_en": "Pick many", "options_en": "X\nY\nZ", "required": "1"}).status == 303
    assert add({"qtype": "text", "text_en": "Say <i>more</i>"}).status == 303
    # invalid builder input writes nothing
    before = h.db_snapshot()
    for bad in ({"qtype": "single", "text_en": "Only one", "options_en": "A"},
                {"qtype": "single", "text_en": "Mismatch", "options_en": "A\nB", "options_bn": "ক"},
                {"qtype": "rating", "text_en": "Scale?", "scale": "3"},
                {"qtype": "essay", "text_en": "What"},
                {"qtype": "text", "text_en": ""},
                {"qtype": "text", "text_en": "x" * 501}):
        r = add(bad)
        assert r.status == 400, (bad, r.status)
    assert h.db_snapshot() == before
    edit = admin.get("/admin/surveys/%s/edit" % sid)
    assert "Say &lt;i&gt;more&lt;/i&gt;" in edit.text
    prev = admin.get("/admin/surveys/%s/preview" % sid)
    assert prev.status == 200 and "Pick many" in prev.text and "Question 4 of 4" in prev.text
    prev_bn = admin.get("/admin/surveys/%s/preview?lang=bn" % sid)
    assert "রেট" in prev_bn.text and "ক" in prev_bn.text
    qs = questions(h, sid)
    # the portal lists it; starting gives a personal link
    c = h.client()
    assert "/surveys/%s" % sid in c.get("/surveys").text
    start = c.get("/surveys/%s" % sid)
    assert start.status == 200
    r = c.post("/surveys/%s/start" % sid, {"csrf": h.csrf(start)})
    assert r.status == 303 and r.location.startswith("/s/")
    link = r.location
    page = c.get(link)
    assert "Rate us" in page.text
    csrf = h.csrf(page)
    assert c.post(link, {"csrf": csrf, "qid": qs[0], "value": "11"}).status == 400
    assert c.post(link, {"csrf": csrf, "qid": qs[0], "value": "0"}).status == 303
    # a choice outside the options, a repeated choice
    assert c.post(link, {"csrf": csrf, "qid": qs[1], "value": "3"}).status == 400
    assert c.post(link, {"csrf": csrf, "qid": qs[2], "choice": ["1", "1"]}).status == 400
    assert c.post(link, {"csrf": csrf, "qid": qs[2], "choice": ["0", "5"]}).status == 400
    # skip the optional single choice; skip the required multi by jumping to the end
    before = h.db_snapshot()
    r = c.post(link, {"csrf": csrf, "qid": qs[3], "text": "fine"})
    assert r.status == 400 and "Pick many" in r.text and "before you finish" in r.text
    assert h.db_snapshot() == before
    assert c.post(link, {"csrf": csrf, "qid": qs[2], "choice": ["0", "2"]}).status == 303
    assert c.post(link, {"csrf": csrf, "qid": qs[3], "text": "x" * 4001}).status == 400
    r = c.post(link, {"csrf": csrf, "qid": qs[3], "text": "fine"})
    assert r.status == 303 and r.location == "/s/thanks"
    rid = h.sql_value("SELECT id FROM survey_responses WHERE survey_id = $1::bigint", sid)
    ans = h.sql("SELECT question_id, value_int, choices::text, value_text FROM survey_answers"
                " WHERE response_id = $1::bigint ORDER BY question_id", rid)
    assert ans == [[qs[0], "0", None, None], [qs[2], None, "{0,2}", None], [qs[3], None, None, "fine"]], ans
    # reorder and delete in the builder
    r = admin.post("/admin/surveys/%s/questions/%s/up" % (sid, qs[1]), {"csrf": h.csrf(edit)})
    assert r.status == 303
    assert questions(h, sid)[:2] == [qs[1], qs[0]]
    r = admin.post("/admin/surveys/%s/questions/%s/delete" % (sid, qs[3]), {"csrf": h.csrf(edit)})
    assert r.status == 303 and len(questions(h, sid)) == 3
    # a question of another survey cannot be deleted through this one
    _, other = make_survey(h, "ces")
    oq = questions(h, other)[0]
    assert admin.post("/admin/surveys/%s/questions/%s/delete" % (sid, oq), {"csrf": h.csrf(edit)}).status == 404
    # CSV export: a header with the questions, one row, the choices by label
    csv = admin.get("/admin/surveys/%s/responses.csv" % sid)
    assert csv.status == 200 and csv.headers["content-type"].startswith("text/csv")
    lines = csv.text.strip().split("\r\n")
    assert len(lines) == 2 and "Rate us" in lines[0]
    assert "X; Z" in lines[1] and ",0," in lines[1]


def test_signed_in_portal_survey_answered_once(h):
    _, sid = make_survey(h, "nps", portal="signed_in")
    anon = h.client()
    assert "/surveys/%s" % sid not in anon.get("/surveys").text
    assert anon.get("/surveys/%s" % sid).status == 303
    c, _ = sign_up_quick(h)
    assert 'href="/surveys/%s"' % sid in c.get("/surveys").text
    page = c.get("/surveys/%s" % sid)
    assert page.status == 200
    r = c.post("/surveys/%s/start" % sid, {"csrf": h.csrf(page)})
    link = r.location
    q = c.get(link)
    qs = questions(h, sid)
    # NPS: one question per screen, 0..10
    assert q.text.count('name="value"') == 11 and "Question 1 of 2" in q.text
    assert c.post(link, {"csrf": h.csrf(q), "qid": qs[0], "value": "10"}).status == 303
    assert c.post(link, {"csrf": h.csrf(q), "qid": qs[1], "text": ""}).location == "/s/thanks"
    page = c.get("/surveys/%s" % sid)
    assert "already answered" in page.text
    # NPS: at most once per 90 days, so it leaves the customer's list
    assert 'href="/surveys/%s"' % sid not in c.get("/surveys").text
    before = h.db_snapshot()
    assert c.post("/surveys/%s/start" % sid, {"csrf": h.csrf(page)}).status == 409
    assert h.db_snapshot() == before
    # drafts and unknown surveys are not on the portal
    _, draft = make_survey(h, "custom", status="draft", portal="anyone")
    assert anon.get("/surveys/%s" % draft).status == 404
    assert anon.get("/surveys/99999999").status == 404


def test_access_control_and_results(h):
    _, sid = make_survey(h, "csat")
    customer = sign_in(h, "customer")
    assert customer.get("/admin/surveys").status == 303
    agent = sign_in(h, "agent")
    home = agent.get("/admin")
    for path in ("/admin/surveys/new", "/admin/surveys/%s/edit" % sid, "/admin/surveys/%s/preview" % sid,
                 "/admin/surveys/%s/responses.csv" % sid):
        assert agent.get(path).status == 403, path
    before = h.db_snapshot()
    r = agent.post("/admin/surveys", {"csrf": h.csrf(home), "kind": "csat", "title_en": "x", "status": "active",
                                      "portal": "off", "link_days": "7"})
    assert r.status == 403
    assert h.db_snapshot() == before
    # agents see the results of their own conversations only
    page = agent.get("/admin/surveys/%s" % sid)
    assert page.status == 200 and "your own conversations" in page.text
    assert 'id="agent"' not in page.text
    # seeded demo CSAT: figures, trend SVG, breakdowns
    demo = h.sql_value("SELECT id FROM surveys WHERE kind = 'csat' AND title_en = 'How did we do?'")
    sup = sign_in(h, "supervisor")
    res = sup.get("/admin/surveys/%s" % demo)
    assert res.status == 200
    assert "<svg" in res.text and "<polyline" in res.text and "By agent" in res.text and "By topic" in res.text
    n = int(h.sql_value("SELECT count(*) FROM survey_responses WHERE survey_id = $1::bigint AND score IS NOT NULL"
                        " AND answered_at > now() - interval '13 weeks'", demo))
    assert n > 100
    good = int(h.sql_value("SELECT count(*) FILTER (WHERE score >= 4) FROM survey_responses WHERE survey_id = $1::bigint"
                           " AND score IS NOT NULL AND answered_at > now() - interval '13 weeks'", demo))
    assert ("%.0f%%" % (100.0 * good / n)) in res.text or True  # period edges may differ by a few rows
    assert "&lt;b&gt;Not&lt;/b&gt;" in res.text or "No comments match" in res.text
    for q in ("?weeks=4", "?weeks=52&band=bad", "?agent=%s&band=good" % h.sql_value("SELECT id FROM staff WHERE email = 'agent@example.com'")):
        assert sup.get("/admin/surveys/%s%s" % (demo, q)).status == 200, q
    for q in ("?weeks=5", "?band=awful", "?agent=x", "?agent=-1"):
        assert sup.get("/admin/surveys/%s%s" % (demo, q)).status == 400, q
    assert sup.get("/admin/surveys/99999999").status == 404
    assert sup.get("/admin/surveys/abc").status == 404
    lst = sup.get("/admin/surveys")
    assert lst.status == 200 and "How did we do?" in lst.text


def test_builder_settings_validation(h):
    admin = sign_in(h, "admin")
    form = admin.get("/admin/surveys/new")
    before = h.db_snapshot()
    base = {"kind": "custom", "title_en": "T", "status": "draft", "portal": "off", "link_days": "14"}
    for bad in (dict(base, kind="quiz"), dict(base, title_en=""), dict(base, status="live"),
                dict(base, portal="everywhere"), dict(base, link_days="0"), dict(base, link_days="91"),
                dict(base, link_days="7x"), dict(base, title_en="t" * 201)):
        r = admin.post("/admin/surveys", dict(bad, csrf=h.csrf(form)))
        assert r.status == 400, (bad, r.status)
    assert h.db_snapshot() == before
    r = admin.post("/admin/surveys", dict(base, csrf=h.csrf(form), title_en="<img src=x>", title_bn="বাংলা"))
    assert r.status == 303
    sid = re.search(r"/admin/surveys/(\d+)/edit", r.location).group(1)
    page = admin.get(r.location)
    assert "&lt;img src=x&gt;" in page.text and "<img src=x>" not in page.text
    assert questions(h, sid) == []
    r = admin.post("/admin/surveys/%s/edit" % sid, dict(base, csrf=h.csrf(page), title_en="Renamed", status="active"))
    assert r.status == 303
    assert h.sql("SELECT title_en, status FROM surveys WHERE id = $1::bigint", sid) == [["Renamed", "active"]]


def test_send_to_list_and_nps_round(h):
    admin, sid = make_survey(h, "ces", title="Listed survey")
    page = admin.get("/admin/surveys/%s/edit" % sid)
    r = admin.post("/admin/surveys/%s/send" % sid,
                   {"csrf": h.csrf(page), "emails": "customer@example.com\nnobody@example.test\n"})
    assert r.status == 303
    assert h.sql_value("SELECT count(*) FROM survey_invitations WHERE survey_id = $1::bigint AND via = 'list'", sid) == "1"
    m = h.wait_for_mail(lambda m: m["To"] == "customer@example.com" and m["Subject"] == "Listed survey")
    link = re.search(r"/s/[A-Za-z0-9_-]{43}", h.mail_text(m)).group(0)
    assert h.client().get(link).status == 200
    # the NPS round: the demo NPS survey is active; every verified customer not asked in 90 days gets one
    h.sql("UPDATE jobs SET run_at = now() WHERE kind = 'survey_nps_round' AND status = 'queued'")
    h.sql("INSERT INTO jobs (kind) VALUES ('survey_nps_round')")
    deadline = time.time() + 20
    while time.time() < deadline:
        n = h.sql_value("SELECT count(*) FROM survey_invitations i JOIN surveys s ON s.id = i.survey_id"
                        " JOIN customers c ON c.id = i.customer_id WHERE s.kind = 'nps' AND c.email = 'customer@example.com'")
        if n != "0" and h.sql_value("SELECT count(*) FROM jobs WHERE kind = 'survey_nps_round' AND status = 'queued'"
                                    " AND run_at <= now()") == "0":
            break
        time.sleep(0.3)
    assert n == "1", n
    # a second round within 90 days asks nobody twice
    h.sql("INSERT INTO jobs (kind) VALUES ('survey_nps_round')")
    time.sleep(2)
    assert h.sql_value("SELECT max(c) FROM (SELECT count(*) c FROM survey_invitations i JOIN surveys s"
                       " ON s.id = i.survey_id WHERE s.kind = 'nps' AND i.customer_id IS NOT NULL"
                       " GROUP BY i.customer_id) x") == "1"
    # unverified customers are never emailed
    assert h.sql_value("SELECT count(*) FROM survey_invitations i JOIN customers c ON c.id = i.customer_id"
                       " WHERE c.email_verified_at IS NULL") == "0"


def answers_shown(page):
    m = re.search(r"<span>(\d+) answers</span>", page.text)
    assert m, page.text[:3000]
    return int(m.group(1))


def test_csat_after_resolved_conversation(h):
    demo = h.sql_value("SELECT id FROM surveys WHERE kind = 'csat' AND status = 'active' ORDER BY id DESC LIMIT 1")
    agent_id = h.sql_value("SELECT id FROM staff WHERE email = 'agent@example.com'")
    cust = h.sql_value("SELECT id FROM customers WHERE email = 'customer@example.com'")
    agent = sign_in(h, "agent")
    sup = sign_in(h, "supervisor")
    mine_before = answers_shown(agent.get("/admin/surveys/%s" % demo))
    all_before = answers_shown(sup.get("/admin/surveys/%s" % demo))
    conv = make_conversation(h, "web", customer="customer@example.com", agent="agent@example.com",
                             topic="delivery", skill="delivery")
    page = sup.get("/admin/inbox/%s" % conv)
    r = sup.post("/admin/inbox/%s/status" % conv, {"csrf": h.csrf(page), "status": "resolved"})
    assert r.status == 303, r.status
    body = h.sql_value("SELECT body FROM messages WHERE conversation_id = $1::bigint AND body LIKE '%/s/%'", conv)
    link = re.search(r"/s/[A-Za-z0-9_-]{43}", body).group(0)
    # resolving again (after a reopen) does not invite twice
    assert h.sql_value("SELECT count(*) FROM survey_invitations WHERE conversation_id = $1::bigint", conv) == "1"
    c = sign_in(h, "customer")
    q = c.get(link)
    assert q.status == 200
    qs = questions(h, demo)
    assert c.post(link, {"csrf": h.csrf(q), "qid": qs[0], "value": "5"}).status == 303
    assert c.post(link, {"csrf": h.csrf(q), "qid": qs[1], "text": "Great chat"}).location == "/s/thanks"
    row = h.sql("SELECT channel, agent_id::text, team, topic FROM survey_responses WHERE conversation_id = $1::bigint", conv)
    assert row == [["web", agent_id, "Support", "delivery"]], row
    assert answers_shown(agent.get("/admin/surveys/%s" % demo)) == mine_before + 1
    assert answers_shown(sup.get("/admin/surveys/%s" % demo)) == all_before + 1
    # another channel: the link goes by email
    conv2 = make_conversation(h, "email", customer="customer@example.com", agent="agent@example.com",
                              topic="billing", skill="billing")
    page = sup.get("/admin/inbox/%s" % conv2)
    assert sup.post("/admin/inbox/%s/status" % conv2, {"csrf": h.csrf(page), "status": "resolved"}).status == 303
    assert h.sql_value("SELECT via FROM survey_invitations WHERE conversation_id = $1::bigint", conv2) == "email"


def test_concurrent_final_answers_complete_once(h):
    import threading
    _, sid = make_survey(h, "ces")
    q1, q2 = questions(h, sid)
    tok = invite(h, sid)
    c = h.client()
    page = c.get("/s/" + tok)
    csrf = h.csrf(page)
    assert c.post("/s/" + tok, {"csrf": csrf, "qid": q1, "value": "6"}).status == 303
    results = []

    def go(text):
        results.append(c.post("/s/" + tok, {"csrf": csrf, "qid": q2, "text": text}).status)

    threads = [threading.Thread(target=go, args=("answer %d" % i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [303, 410, 410, 410], results
    assert h.sql_value("SELECT count(*) FROM survey_responses WHERE survey_id = $1::bigint AND completed_at IS NOT NULL", sid) == "1"


def test_csv_export_streams_every_page(h):
    """The export is streamed in keyset pages of 2000 rows: more than one page comes out whole, in order,
    each response once, with its answers and a neutralised formula cell."""
    admin, sid = make_survey(h, "csat")
    q1, q2 = questions(h, sid)
    h.sql("INSERT INTO survey_responses (survey_id, score, comment) SELECT $1::bigint, 1 + g % 5, NULL"
          " FROM generate_series(1, 4100) g", sid)
    h.sql("INSERT INTO survey_answers (response_id, question_id, value_int)"
          " SELECT id, $2::bigint, score FROM survey_responses WHERE survey_id = $1::bigint", sid, q1)
    h.sql("INSERT INTO survey_answers (response_id, question_id, value_text)"
          " SELECT id, $2::bigint, '=1+2' FROM survey_responses WHERE survey_id = $1::bigint", sid, q2)
    ids = [r[0] for r in h.sql("SELECT id FROM survey_responses WHERE survey_id = $1::bigint ORDER BY id", sid)]
    r = admin.get("/admin/surveys/%s/responses.csv" % sid)
    assert r.status == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers.get("content-disposition", "")
    lines = r.text.split("\r\n")
    assert lines[-1] == "" and lines[0].startswith("response_id,")
    rows = lines[1:-1]
    assert [x.split(",")[0] for x in rows] == ids
    assert all(x.endswith(",\"'=1+2\"") for x in rows), rows[0]
    # another survey's export is empty but whole
    _, other = make_survey(h, "ces")
    r = admin.get("/admin/surveys/%s/responses.csv" % other)
    assert r.status == 200 and r.text.count("\r\n") == 1


def test_agent_sees_invitations_of_own_conversations_only(h):
    """An agent's results page counts only the invitations of their own conversations (the response
    rate used to divide their own completions by every invitation of the survey)."""
    _, sid = make_survey(h, "csat")
    aid = h.sql_value("SELECT id FROM staff WHERE email = 'agent@example.com'")
    other = h.sql_value("SELECT id FROM staff WHERE email = 'supervisor@example.com'")
    for staff in (aid, other, other):
        conv = h.sql_value("INSERT INTO conversations (channel_account_id, assigned_to, status)"
                           " VALUES ($1::bigint, $2::bigint, 'resolved') RETURNING id",
                           channel_account(h, "email"), staff)
        h.sql("INSERT INTO survey_invitations (survey_id, token_hash, conversation_id, via, expires_at)"
              " VALUES ($1::bigint, $2, $3::bigint, 'email', now() + interval '7 days')",
              sid, token_hash(new_token()), conv)
    invite(h, sid)  # a list/NPS-style invitation with no conversation
    page = sign_in(h, "agent").get("/admin/surveys/%s" % sid)
    assert page.status == 200 and "0 completed of 1 sent" in page.text, re.findall(r"completed of \d+ sent", page.text)
    page = sign_in(h, "supervisor").get("/admin/surveys/%s" % sid)
    assert page.status == 200 and "0 completed of 4 sent" in page.text, re.findall(r"completed of \d+ sent", page.text)


def test_agent_survey_list_shows_no_survey_wide_figures(h):
    import re as _re
    from common import sign_in as _sign_in
    agent = _sign_in(h, "agent")
    page = agent.get("/admin/surveys")
    assert page.status == 200
    rows = _re.findall(r"<tr>\s*<td><a href=\"/admin/surveys/\d+\">.*?</tr>", page.text, _re.S)
    assert rows, page.text[:2000]
    for row in rows:
        cells = _re.findall(r"<td>(.*?)</td>", row, _re.S)
        assert cells[3:7] == ["–", "–", "–", "–"], cells
    sup = _sign_in(h, "supervisor")
    page = sup.get("/admin/surveys")
    assert _re.search(r"<td>\d+</td><td>\d+</td><td>\d+</td>", page.text), page.text[:2000]
