# tests/http/test_consent.py — consent capture, the hash-chained ledger, purpose-gated uses,
# the privacy center, compliance exports and the access log, erasure.
import csv
import glob
import io
import json
import os
import re
import shutil
import subprocess
import time
import urllib.parse
import uuid

from common import sign_in, sign_up, unique_email

OPTIONAL = ["marketing_email", "marketing_sms", "analytics", "profiling", "personalisation",
            "surveys", "partners"]


def form(pairs):
    """Form body with repeated fields, in order."""
    return urllib.parse.urlencode(pairs)


def cxms(h, *args):
    return subprocess.run([h.bin] + list(args), capture_output=True, text=True, env=h.env, timeout=120)


def customer_id(h, email):
    return h.sql_value("SELECT id FROM customers WHERE lower(email) = lower($1)", email)


def events(h, email):
    """(purpose, granted, channel) of the customer's ledger rows, oldest first."""
    return [tuple(r) for r in h.sql(
        "SELECT e.purpose, e.granted::text, e.channel FROM consent_events e "
        "JOIN consent_subjects s ON s.subject_ref = e.subject_ref "
        "JOIN customers c ON c.id = s.customer_id WHERE lower(c.email) = lower($1) ORDER BY e.id", email)]


def set_privacy(h, c, codes):
    page = c.get("/account/privacy")
    assert page.status == 200
    body = [("csrf", h.csrf(page))] + [("consent", x) for x in codes]
    r = c.post("/account/privacy", form(body))
    assert r.status == 303 and r.location == "/account/privacy", (r.status, r.text[:300])


def signup_with(h, codes, name="Consent Person", headers=None):
    """Signs up with the given boxes ticked (without confirming); returns the email."""
    email = unique_email("consent")
    c = h.client()
    page = c.get("/signup")
    body = [("csrf", h.csrf(page)), ("name", name), ("email", email),
            ("password", "a long enough passphrase"), ("lang", "en"), ("tz", "UTC")]
    body += [("consent", x) for x in codes]
    r = c.post("/signup", form(body), headers=headers)
    assert r.status == 303, (r.status, r.text[:300])
    return email


def test_signup_boxes_are_unticked_and_optional_only(h):
    page = h.client().get("/signup")
    assert page.status == 200
    boxes = re.findall(r'<input type="checkbox" name="consent" value="([a-z_]+)"([^>]*)>', page.text)
    assert [b[0] for b in boxes] == OPTIONAL, boxes
    assert all("checked" not in b[1] for b in boxes), "a consent box is pre-ticked"
    assert 'value="service"' not in page.text


def test_signup_records_only_ticked_purposes(h):
    email = signup_with(h, ["marketing_email", "surveys"])
    assert events(h, email) == [("marketing_email", "true", "portal"), ("surveys", "true", "portal")]
    # nothing ticked: no rows at all (not consenting is the default, not an event)
    email2 = signup_with(h, [])
    assert events(h, email2) == []


def test_signup_with_unknown_purpose_changes_nothing(h):
    before = h.db_snapshot()
    for bad in ["service", "bogus", "analytics'--", "x" * 5000]:
        c = h.client()
        page = c.get("/signup")
        r = c.post("/signup", form([("csrf", h.csrf(page)), ("name", "X"), ("email", unique_email()),
                                    ("password", "a long enough passphrase"), ("lang", "en"), ("tz", "UTC"),
                                    ("consent", bad)]))
        assert r.status == 400, (bad, r.status)
    assert h.db_snapshot() == before


def test_privacy_center_changes_and_history(h):
    c, email = sign_up(h, name="Privacy Person")
    page = c.get("/account/privacy")
    assert page.status == 200
    assert "Marketing emails" in page.text and "Answering your requests" in page.text
    assert "No changes recorded yet." in page.text
    set_privacy(h, c, ["analytics", "marketing_email"])
    set_privacy(h, c, ["marketing_email"])
    set_privacy(h, c, ["marketing_email"])  # no change: no row
    assert events(h, email) == [("marketing_email", "true", "portal"), ("analytics", "true", "portal"),
                                ("analytics", "false", "portal")]
    page = c.get("/account/privacy")
    assert page.text.count("withdrawn") >= 1 and page.text.count("<tr><td>") == 3
    # the ledger row carries evidence: request id, keyed hash of the IP, user agent
    row = h.sql("SELECT request_id, ip_hash, user_agent, staff_id FROM consent_events ORDER BY id DESC LIMIT 1")[0]
    assert re.fullmatch(r"[0-9a-f]{16}", row[0]) and row[1] and "127.0.0.1" not in row[1]
    assert row[3] is None


def test_privacy_bad_input_and_csrf(h):
    c, email = sign_up(h)
    before = h.db_snapshot()
    page = c.get("/account/privacy")
    r = c.post("/account/privacy", form([("csrf", h.csrf(page)), ("consent", "service")]))
    assert r.status == 400
    r = c.post("/account/privacy", form([("csrf", h.csrf(page)), ("consent", "<script>alert(1)</script>")]))
    assert r.status == 400 and "<script>alert(1)" not in r.text
    r = c.post("/account/privacy", form([("consent", "analytics")]))  # no token
    assert r.status == 403
    r = h.client().post("/account/privacy", form([("consent", "analytics")]))  # not signed in
    assert r.status == 403
    assert h.db_snapshot() == before
    r = h.client().get("/account/privacy")
    assert r.status == 303 and r.location.startswith("/signin")


def test_ledger_is_append_only(h):
    signup_with(h, ["analytics"])
    for q in ["UPDATE consent_events SET granted = NOT granted WHERE id = (SELECT max(id) FROM consent_events)",
              "DELETE FROM consent_events WHERE id = (SELECT max(id) FROM consent_events)",
              "TRUNCATE consent_events CASCADE"]:
        try:
            h.sql(q)
        except AssertionError as e:
            assert "append-only" in str(e), e
        else:
            raise AssertionError("allowed: " + q)


def tamper(h, sql):
    h.sql("BEGIN; ALTER TABLE consent_events DISABLE TRIGGER consent_events_no_change; %s; "
          "ALTER TABLE consent_events ENABLE TRIGGER consent_events_no_change; COMMIT" % sql)


def test_verify_ledger_finds_changed_and_removed_rows(h):
    for _ in range(3):
        signup_with(h, ["marketing_sms", "profiling"])
    r = cxms(h, "verify-ledger")
    assert r.returncode == 0 and "ledger whole" in r.stdout, (r.stdout, r.stderr)
    staff = sign_in(h, "compliance")
    page = staff.get("/admin/compliance/ledger")
    assert page.status == 200 and 'id="ledger-whole"' in page.text

    ids = [int(x[0]) for x in h.sql("SELECT id FROM consent_events ORDER BY id DESC LIMIT 3")]
    mid = ids[1]
    # a changed row
    tamper(h, "UPDATE consent_events SET granted = NOT granted WHERE id = %d" % mid)
    try:
        r = cxms(h, "verify-ledger")
        assert r.returncode == 1 and ("row %d:" % mid) in r.stdout, r.stdout
        page = staff.get("/admin/compliance/ledger")
        assert 'id="ledger-broken"' in page.text and ("row %d " % mid) in page.text, page.text[-2000:]
    finally:
        tamper(h, "UPDATE consent_events SET granted = NOT granted WHERE id = %d" % mid)
    assert cxms(h, "verify-ledger").returncode == 0
    # a removed row: the next one no longer links
    h.sql("CREATE TEMP TABLE IF NOT EXISTS x (LIKE consent_events)")
    saved = h.sql("SELECT row_to_json(e)::text FROM consent_events e WHERE id = $1::bigint", str(mid))[0][0]
    tamper(h, "DELETE FROM consent_events WHERE id = %d" % mid)
    try:
        r = cxms(h, "verify-ledger")
        assert r.returncode == 1 and ("row %d:" % ids[0]) in r.stdout and "does not link" in r.stdout, r.stdout
    finally:
        h.sql("ALTER TABLE consent_events DISABLE TRIGGER consent_events_no_change; "
              "INSERT INTO consent_events SELECT * FROM json_populate_record(NULL::consent_events, $1::json); "
              "ALTER TABLE consent_events ENABLE TRIGGER consent_events_no_change", saved)
    assert cxms(h, "verify-ledger").returncode == 0


def test_concurrent_grants_keep_one_chain(h):
    import threading
    clients = []
    for _ in range(4):
        c, _email = sign_up(h)
        page = c.get("/account/privacy")
        clients.append((c, h.csrf(page)))
    errors = []

    def go(c, token):
        for codes in (OPTIONAL, [], OPTIONAL):
            r = c.post("/account/privacy", form([("csrf", token)] + [("consent", x) for x in codes]))
            if r.status != 303:
                errors.append(r.status)

    ts = [threading.Thread(target=go, args=ct) for ct in clients]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert not errors, errors
    assert h.sql_value("SELECT count(*) FROM (SELECT prev_hash FROM consent_events GROUP BY prev_hash "
                       "HAVING count(*) > 1) x") == "0"
    assert cxms(h, "verify-ledger").returncode == 0


def run_mailing(h, subject):
    h.sql("INSERT INTO jobs (kind, payload) VALUES ('marketing_mailing', "
          "json_build_object('subject', $1::text, 'body', 'Offers inside')::jsonb)", subject)
    deadline = time.time() + 20
    while time.time() < deadline:
        st = h.sql_value("SELECT status FROM jobs WHERE kind = 'marketing_mailing' AND payload->>'subject' = $1", subject)
        if st == "done":
            return [r[0] for r in h.sql("SELECT lower(to_address) FROM mails WHERE subject = $1", subject)]
        time.sleep(0.2)
    raise AssertionError("mailing job did not finish")


def test_withdrawn_marketing_consent_is_not_mailed(h):
    stays, stays_email = sign_up(h)
    leaves, leaves_email = sign_up(h)
    set_privacy(h, stays, ["marketing_email"])
    set_privacy(h, leaves, ["marketing_email"])
    set_privacy(h, leaves, [])  # withdraws
    to = run_mailing(h, "Offers " + uuid.uuid4().hex)
    assert stays_email.lower() in to
    assert leaves_email.lower() not in to
    # the mail's unsubscribe link withdraws in one click
    msg = h.wait_for_mail(lambda m: m["To"] == stays_email and "Offers inside" in h.mail_text(m))
    m = re.search(r"/unsubscribe\?token=([0-9A-Za-z._-]+)", h.mail_text(msg))
    assert m, h.mail_text(msg)
    c = h.client()
    page = c.get("/unsubscribe?token=" + m.group(1))
    assert page.status == 200
    r = c.post("/unsubscribe", {"csrf": h.csrf(page), "token": m.group(1)})
    assert r.status == 303
    assert events(h, stays_email)[-1] == ("marketing_email", "false", "email_link")
    to = run_mailing(h, "Offers " + uuid.uuid4().hex)
    assert stays_email.lower() not in to
    # RFC 8058: the mail names its one-click address, and a mail client's POST (no cookie, no CSRF
    # token, only the signed link) withdraws
    set_privacy(h, stays, ["marketing_email"])
    subject = "Offers " + uuid.uuid4().hex
    run_mailing(h, subject)
    msg = h.wait_for_mail(lambda m: m["To"] == stays_email and m["Subject"] == subject)
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click", msg.items()
    link = re.match(r"^<(http[^>]+)>$", msg["List-Unsubscribe"]).group(1)
    path = link[link.index("/unsubscribe"):]
    r = h.client().post(path, "List-Unsubscribe=One-Click", headers={"Origin": "null"})
    assert r.status == 200, (r.status, r.text[:300])
    assert events(h, stays_email)[-1] == ("marketing_email", "false", "email_link")
    assert h.client().post("/unsubscribe?token=1.marketing_email.AAAA", "List-Unsubscribe=One-Click").status == 404
    # a forged token is refused
    forged = m.group(1).replace("marketing_email", "analytics")
    assert c.get("/unsubscribe?token=" + forged).status == 404
    assert c.get("/unsubscribe?token=1.marketing_email.AAAA").status == 404


def test_no_tracking_without_analytics_consent(h):
    c, email = sign_up(h)
    cid = customer_id(h, email)
    for path in ["/", "/account", "/account/privacy", "/account/password", "/account", "/signup"]:
        c.get(path)
    assert h.sql_value("SELECT count(*) FROM tracking_events WHERE customer_id = $1::bigint", cid) == "0"
    set_privacy(h, c, ["analytics"])
    c.get("/account")
    c.get("/account/privacy")
    assert int(h.sql_value("SELECT count(*) FROM tracking_events WHERE customer_id = $1::bigint", cid)) == 2
    # withdrawal takes effect at once and deletes what was tracked
    set_privacy(h, c, [])
    assert h.sql_value("SELECT count(*) FROM tracking_events WHERE customer_id = $1::bigint", cid) == "0"
    c.get("/account")
    assert h.sql_value("SELECT count(*) FROM tracking_events WHERE customer_id = $1::bigint", cid) == "0"


def test_compliance_access_control(h):
    assert h.client().get("/admin/compliance").status == 303
    for who in ["agent", "supervisor", "admin"]:
        s = sign_in(h, who)
        assert s.get("/admin/compliance").status == 403, who
        assert s.get("/admin/compliance/access-log").status == 403, who
        page = s.get("/admin")
        r = s.post("/admin/compliance/export", {"csrf": h.csrf(page), "format": "csv", "reason": "x"})
        assert r.status == 403, who
    cust = sign_in(h, "customer")
    assert cust.get("/admin/compliance").status in (303, 403)
    comp = sign_in(h, "compliance")
    page = comp.get("/admin/compliance")
    assert page.status == 200
    assert "event_id" in page.text and "Records of processing" in page.text and "contract" in page.text
    r = comp.post("/admin/compliance/export", {"format": "csv", "reason": "x"})  # no CSRF token
    assert r.status == 403


def export(h, comp, **fields):
    page = comp.get("/admin/compliance")
    data = {"format": "csv", "purpose": "", "state": "", "channel": "", "from": "", "to": "", "reason": "audit"}
    data.update(fields)
    data["csrf"] = h.csrf(page)
    return comp.post("/admin/compliance/export", data)


def test_consent_export_csv_jsonl_and_access_log(h):
    ua = "=HYPERLINK(\"http://evil\") , \"quoted\"\r\nnext"
    email = signup_with(h, ["partners"], headers={"User-Agent": "=cmd|' /C calc'!A0"})
    cid = customer_id(h, email)
    comp = sign_in(h, "compliance")
    r = export(h, comp, purpose="partners", state="granted", reason="Audit <b>Q4</b> " + ua[:10])
    assert r.status == 200, r.status
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers.get("content-disposition", "")
    rows = list(csv.reader(io.StringIO(r.body.decode("utf-8"), newline="")))
    assert rows[0][:4] == ["event_id", "at_utc", "customer_id", "subject_ref"] and len(rows[0]) == 15
    assert all(len(x) == 15 for x in rows), "ragged CSV"
    mine = [x for x in rows[1:] if x[2] == cid]
    assert len(mine) == 1 and mine[0][4] == "partners" and mine[0][6] == "granted"
    assert mine[0][12] == "'=cmd|' /C calc'!A0", mine[0][12]  # neutralised formula
    assert all(x[4] == "partners" and x[6] == "granted" for x in rows[1:])
    assert r.body.endswith(b"\r\n")

    r = export(h, comp, format="jsonl", channel="portal", **{"from": "2000-01-01", "to": "2999-12-31"})
    assert r.status == 200 and "ndjson" in r.headers["content-type"]
    lines = [json.loads(x) for x in r.body.decode().splitlines()]
    assert lines and all(x["channel"] == "portal" for x in lines)
    assert any(x["customer_id"] == int(cid) for x in lines)
    assert set(lines[0]) == {"event_id", "at_utc", "customer_id", "subject_ref", "purpose", "purpose_version",
                             "state", "channel", "staff_id", "staff_reason", "request_id", "ip_hash",
                             "user_agent", "prev_hash", "hash"}
    # a period with no events: only the header
    r = export(h, comp, **{"from": "2001-01-01", "to": "2001-01-02"})
    assert r.status == 200 and r.body.count(b"\r\n") == 1

    # every export is in the access log, with who and why; the text is escaped
    page = comp.get("/admin/compliance/access-log?staff=compliance")
    assert page.status == 200
    assert "consent_export" in page.text and "Audit &lt;b&gt;Q4&lt;/b&gt;" in page.text
    assert "<b>Q4</b>" not in page.text
    page = comp.get("/admin/compliance/access-log?staff=nobody-like-this")
    assert "consent_export" not in page.text


def test_consent_export_bad_input_changes_nothing(h):
    comp = sign_in(h, "compliance")
    before = h.db_snapshot()
    for bad in [{"format": "xlsx"}, {"purpose": "nope"}, {"state": "maybe"}, {"channel": "fax"},
                {"from": "2026-02-30"}, {"to": "yesterday"}, {"reason": ""}, {"reason": "x" * 501},
                {"from": "2026-01-01'; DROP TABLE customers; --"}]:
        r = export(h, comp, **bad)
        assert r.status == 400, (bad, r.status)
        assert "<form" in r.text  # the page again, with the message
    assert h.db_snapshot() == before
    assert comp.get("/admin/compliance/access-log?date=notadate").status == 400


def test_download_my_data(h):
    c, email = sign_up(h, name="Download Person")
    set_privacy(h, c, ["analytics"])
    c.get("/account")
    page = c.get("/account/privacy")
    r = c.post("/account/privacy/export", {"csrf": h.csrf(page)})
    assert r.status == 200 and r.headers["content-type"].startswith("application/json")
    data = json.loads(r.body)
    assert data["customer"][0]["email"] == email and "password_hash" not in data["customer"][0]
    assert data["customer"][0]["name"] == "Download Person"
    assert [e["purpose"] for e in data["consent_events"]] == ["analytics"]
    assert len(data["tracking_events"]) >= 1
    assert any(m["to"] == email for m in data["mails"])
    assert h.sql_value("SELECT count(*) FROM access_log WHERE action = 'self_export' AND customer_id = $1::bigint",
                       customer_id(h, email)) == "1"
    assert c.post("/account/privacy/export", {}).status == 403


def test_compliance_access_export(h):
    c, email = sign_up(h, name="Subject Person")
    comp = sign_in(h, "compliance")
    page = comp.get("/admin/compliance")
    r = comp.post("/admin/compliance/access-export", {"csrf": h.csrf(page), "email": email, "reason": "Art. 15 request"})
    assert r.status == 200
    assert json.loads(r.body)["customer"][0]["email"] == email
    r = comp.post("/admin/compliance/access-export", {"csrf": h.csrf(page), "email": "nobody@example.test",
                                                       "reason": "x"})
    assert r.status == 404
    log = comp.get("/admin/compliance/access-log?customer=" + email)
    assert "access_export" in log.text and "Art. 15 request" in log.text


def wait_erased(h, receipt):
    deadline = time.time() + 20
    while time.time() < deadline:
        if h.sql_value("SELECT completed_at IS NOT NULL FROM erasure_requests WHERE receipt = $1", receipt) == "t":
            return
        time.sleep(0.2)
    raise AssertionError("erasure did not complete")


def test_delete_account_erases_everything(h):
    name = "Erasable Zoltan " + uuid.uuid4().hex[:8]
    c, email = sign_up(h, name=name)
    set_privacy(h, c, ["analytics", "profiling", "marketing_email"])
    c.get("/account")
    phone = "+880 1711-%06d" % (uuid.uuid4().int % 1000000)
    r = h.form_post(c, "/account/details", "/account/details",
                    {"phone": phone, "birthday": "1990-04-01", "address": "House 12, Road Zoltanpur"})
    assert r.status == 303
    cid = customer_id(h, email)
    # sealed at rest: not even the running database holds it in clear
    assert h.sql_value("SELECT count(*) FROM customer_keys WHERE customer_id = $1::bigint", cid) == "1"
    assert phone not in h.sql_value("SELECT phone_enc FROM customer_private WHERE customer_id = $1::bigint", cid)
    h.sql("INSERT INTO profile_scores (customer_id, kind, score) VALUES ($1::bigint, 'churn', 0.5)", cid)
    # a reset mail carries the address
    r = h.form_post(h.client(), "/account/forgot", "/account/forgot", {"email": email})
    assert r.status == 303
    h.wait_for_mail(lambda m: m["To"] == email and "/account/reset" in h.mail_text(m))
    # a chat message and a survey comment in their own words
    from test_chat import start_chat
    chat_words = "Zoltanpur parcel never arrived " + uuid.uuid4().hex[:6]
    conv = start_chat(h, c, message=chat_words)
    survey_words = "Zoltanpur survey comment " + uuid.uuid4().hex[:6]
    h.sql("INSERT INTO survey_responses (survey_id, customer_id, conversation_id, score, comment) "
          "SELECT id, $1::bigint, $2::bigint, 4, $3 FROM surveys ORDER BY id LIMIT 1", cid, str(conv), survey_words)
    subject_ref = h.sql_value("SELECT subject_ref FROM consent_subjects WHERE customer_id = $1::bigint", cid)
    ledger_rows = h.sql_value("SELECT count(*) FROM consent_events WHERE subject_ref = $1", subject_ref)

    page = c.get("/account/privacy")
    before = h.db_snapshot()
    r = c.post("/account/privacy/delete", {"csrf": h.csrf(page), "password": "wrong password", "confirm": "yes"})
    assert r.status == 400
    r = c.post("/account/privacy/delete", {"csrf": h.csrf(page), "password": "a long enough passphrase"})
    assert r.status == 400  # not confirmed
    assert h.db_snapshot() == before
    r = c.post("/account/privacy/delete", {"csrf": h.csrf(page), "password": "a long enough passphrase",
                                           "confirm": "yes"})
    assert r.status == 303 and r.location.startswith("/account/deleted?receipt=ER-"), (r.status, r.location)
    receipt = r.location.split("receipt=")[1]
    assert c.get("/account").status == 303  # signed out
    wait_erased(h, receipt)
    page = h.client().get(r.location)
    assert page.status == 200 and receipt in page.text and 'id="erased"' in page.text

    assert h.sql_value("SELECT count(*) FROM customers WHERE id = $1::bigint", cid) == "0"
    # the ledger rows stay, unchanged, and still verify, but nothing links them to the person
    assert h.sql_value("SELECT count(*) FROM consent_events WHERE subject_ref = $1", subject_ref) == ledger_rows
    assert h.sql_value("SELECT count(*) FROM consent_subjects WHERE subject_ref = $1", subject_ref) == "0"
    assert cxms(h, "verify-ledger").returncode == 0
    report = h.sql_value("SELECT report FROM erasure_requests WHERE receipt = $1", receipt)
    assert "customers: 1" in report and "mails: " in report, report

    # a full dump of the database holds none of it
    pg_dump = shutil.which("pg_dump", path=h.env.get("PATH")) or sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"))[-1]
    dump = subprocess.run([pg_dump, "-d", h.env["DATABASE_URL"]], capture_output=True, text=True, env=h.env)
    assert dump.returncode == 0, dump.stderr
    assert h.sql_value("SELECT count(*) FROM customer_keys WHERE customer_id = $1::bigint", cid) == "0"
    for secret in [email, email.split("@")[0], name, "Erasable Zoltan", phone, "Zoltanpur", chat_words, survey_words]:
        assert secret not in dump.stdout, "found %r in pg_dump" % secret
    assert "Erasable" not in dump.stdout


def test_compliance_erasure_and_receipts(h):
    c, email = sign_up(h, name="Staff Erased")
    comp = sign_in(h, "compliance")
    page = comp.get("/admin/compliance")
    before = h.db_snapshot()
    r = comp.post("/admin/compliance/erasure", {"csrf": h.csrf(page), "email": email, "reason": ""})
    assert r.status == 400
    r = comp.post("/admin/compliance/erasure", {"csrf": h.csrf(page), "email": "nobody@example.test", "reason": "x"})
    assert r.status == 404
    assert h.db_snapshot() == before
    r = comp.post("/admin/compliance/erasure", {"csrf": h.csrf(page), "email": email, "reason": "Letter of 1 May"})
    assert r.status == 303
    receipt = h.sql_value("SELECT receipt FROM erasure_requests ORDER BY id DESC LIMIT 1")
    wait_erased(h, receipt)
    page = comp.get("/admin/compliance")
    assert receipt in page.text
    assert c.get("/account").status == 303
    assert h.client().get("/account/deleted?receipt=ER-unknown").status == 404
    assert h.client().get("/account/deleted?receipt=" + "x" * 100).status == 404


def test_private_details_sealed_and_exported(h):
    c, email = sign_up(h)
    before = h.db_snapshot()
    for bad in [{"phone": "call me <maybe>"}, {"birthday": "1990-02-30"}, {"address": "x" * 501},
                {"phone": "1" * 41}]:
        data = {"phone": "", "birthday": "", "address": ""}
        data.update(bad)
        r = h.form_post(c, "/account/details", "/account/details", data)
        assert r.status == 400, bad
        assert "<maybe>" not in r.text
    assert h.db_snapshot() == before
    r = h.form_post(c, "/account/details", "/account/details",
                    {"phone": "+44 20 7946 0000", "birthday": "", "address": "1 <b>Bold</b> St\nলন্ডন"})
    assert r.status == 303
    page = c.get("/account/details")
    assert "+44 20 7946 0000" in page.text and "1 &lt;b&gt;Bold&lt;/b&gt; St" in page.text
    row = h.sql("SELECT phone_enc, birthday_enc, address_enc FROM customer_private p JOIN customers c "
                "ON c.id = p.customer_id WHERE c.email = $1", email)[0]
    assert row[0] and "7946" not in row[0] and row[1] is None and "Bold" not in row[2]
    page = c.get("/account/privacy")
    data = json.loads(c.post("/account/privacy/export", {"csrf": h.csrf(page)}).body)
    assert data["private"]["phone"] == "+44 20 7946 0000" and data["private"]["complete"] is True
    assert data["private"]["address"] == "1 <b>Bold</b> St\nলন্ডন"


def test_staff_records_phone_consent_with_reason(h):
    c, email = sign_up(h)
    agent = sign_in(h, "agent")
    before = h.db_snapshot()
    for bad in [{"purpose": "service"}, {"state": "perhaps"}, {"reason": ""}, {"reason": "r" * 501}]:
        data = {"email": email, "purpose": "marketing_sms", "state": "granted", "reason": "Call #1"}
        data.update(bad)
        r = h.form_post(agent, "/admin/consent", "/admin/consent", data)
        assert r.status == 400, bad
    r = h.form_post(agent, "/admin/consent", "/admin/consent",
                    {"email": "nobody@example.test", "purpose": "marketing_sms", "state": "granted", "reason": "x"})
    assert r.status == 404
    assert h.db_snapshot() == before
    r = h.form_post(agent, "/admin/consent", "/admin/consent",
                    {"email": email, "purpose": "marketing_sms", "state": "granted",
                     "reason": "Phone call <ticket 42>"})
    assert r.status == 303
    assert events(h, email) == [("marketing_sms", "true", "staff_phone")]
    row = h.sql("SELECT e.staff_reason, s.email FROM consent_events e JOIN staff s ON s.id = e.staff_id "
                "ORDER BY e.id DESC LIMIT 1")[0]
    assert row == ["Phone call <ticket 42>", "agent@example.com"]
    page = c.get("/account/privacy")
    assert "by phone, with our staff" in page.text
    assert cxms(h, "verify-ledger").returncode == 0
    # customers cannot use it
    cust = sign_in(h, "customer")
    page = cust.get("/account")
    r = cust.post("/admin/consent", {"csrf": h.csrf(page), "email": email, "purpose": "analytics",
                                     "state": "granted", "reason": "x"})
    assert r.status == 403


def test_retention_job_deletes_old_tracking_and_reports(h):
    c, email = sign_up(h)
    set_privacy(h, c, ["analytics"])
    c.get("/account")
    c.get("/account/privacy")
    cid = customer_id(h, email)
    h.sql("UPDATE tracking_events SET at = now() - interval '91 days' WHERE id = "
          "(SELECT min(id) FROM tracking_events WHERE customer_id = $1::bigint)", cid)
    h.sql("INSERT INTO jobs (kind) VALUES ('retention')")
    deadline = time.time() + 20
    while h.sql_value("SELECT count(*) FROM jobs WHERE kind = 'retention' AND status = 'queued' "
                      "AND run_at <= now()") != "0":
        assert time.time() < deadline, "retention job did not run"
        time.sleep(0.2)
    assert h.sql_value("SELECT count(*) FROM tracking_events WHERE customer_id = $1::bigint", cid) == "1"
    assert h.sql_value("SELECT count(*) FROM tracking_events WHERE at < now() - interval '90 days'") == "0"
    # the next nightly run is queued, and the report is on the compliance page
    assert h.sql_value("SELECT count(*) FROM jobs WHERE kind = 'retention' AND status = 'queued' "
                       "AND run_at > now()") == "1"
    page = sign_in(h, "compliance").get("/admin/compliance")
    assert "tracking_events deleted: " in page.text


def test_retention_empties_old_chat_transcripts(h):
    from test_chat import start_chat
    words = "Retention words " + uuid.uuid4().hex[:8]
    c = h.client()
    conv = start_chat(h, c, message=words, name="Old Visitor", email="old-visitor@example.test")
    recent = start_chat(h, h.client(), message=words + " recent", name="New Visitor")
    h.sql("UPDATE conversations SET status = 'resolved', resolved_at = now() - interval '800 days' "
          "WHERE id = $1::bigint", str(conv))
    h.sql("UPDATE conversations SET status = 'resolved', resolved_at = now() - interval '10 days' "
          "WHERE id = $1::bigint", str(recent))
    h.sql("INSERT INTO jobs (kind) VALUES ('retention')")
    deadline = time.time() + 20
    while h.sql_value("SELECT count(*) FROM jobs WHERE kind = 'retention' AND status = 'queued' "
                      "AND run_at <= now()") != "0":
        assert time.time() < deadline, "retention job did not run"
        time.sleep(0.2)
    # 730 days, anonymise: the conversation stays for the figures, without words, names or address
    assert h.sql_value("SELECT count(*) FROM messages WHERE conversation_id = $1::bigint AND body LIKE $2",
                       str(conv), "Retention words%") == "0"
    assert h.sql("SELECT coalesce(visitor_name, 'NULL'), coalesce(visitor_email, 'NULL') FROM chat_conversations "
                 "WHERE conversation_id = $1::bigint", str(conv))[0] == ["", "NULL"]
    assert h.sql_value("SELECT preview FROM conversations WHERE id = $1::bigint", str(conv)) is None
    assert h.sql_value("SELECT count(*) FROM messages WHERE conversation_id = $1::bigint AND body LIKE $2",
                       str(recent), "Retention words%") == "1"
    report = h.sql_value("SELECT report FROM retention_runs ORDER BY id DESC LIMIT 1")
    assert "chat messages emptied: " in report and "chat messages emptied: 0" not in report, report


def test_changing_a_purpose_text_makes_a_new_version(h):
    comp = sign_in(h, "compliance")
    page = comp.get("/admin/compliance/purposes/personalisation")
    assert page.status == 200
    assert comp.get("/admin/compliance/purposes/nope").status == 404
    assert sign_in(h, "agent").get("/admin/compliance/purposes/personalisation").status == 403
    c, email = sign_up(h)
    set_privacy(h, c, ["personalisation"])
    v1 = int(h.sql_value("SELECT max(version) FROM consent_purposes WHERE code = 'personalisation'"))
    fields = {"title_en": "Personalisation", "title_bn": "ব্যক্তিগতকরণ",
              "text_en": "We suggest <articles> based on what you viewed. v" + uuid.uuid4().hex[:6],
              "text_bn": "আপনি যা দেখেছেন তার ভিত্তিতে আমরা নিবন্ধ প্রস্তাব করি।"}
    before = h.db_snapshot()
    for bad in [{"title_en": ""}, {"text_bn": "x" * 4001}]:
        data = dict(fields)
        data.update(bad)
        r = comp.post("/admin/compliance/purposes/personalisation", dict(data, csrf=h.csrf(page)))
        assert r.status == 400, bad
    assert h.db_snapshot() == before
    r = comp.post("/admin/compliance/purposes/personalisation", dict(fields, csrf=h.csrf(page)))
    assert r.status == 303
    assert int(h.sql_value("SELECT max(version) FROM consent_purposes WHERE code = 'personalisation'")) == v1 + 1
    # the same text again is not a new version
    r = comp.post("/admin/compliance/purposes/personalisation", dict(fields, csrf=h.csrf(page)))
    assert r.status == 400
    # customers see the new text (escaped); their grant stays recorded against the version they saw
    page = c.get("/account/privacy")
    assert "We suggest &lt;articles&gt;" in page.text and ("text version %d" % (v1 + 1)) in page.text
    set_privacy(h, c, [])
    assert h.sql("SELECT purpose_version, granted::text FROM consent_events e JOIN consent_subjects s "
                 "ON s.subject_ref = e.subject_ref JOIN customers c ON c.id = s.customer_id "
                 "WHERE c.email = $1 ORDER BY e.id", email) == [[str(v1), "true"], [str(v1 + 1), "false"]]


def test_erasure_keeps_survey_scores_of_invited_responses(h):
    """An erased customer's survey answers keep their score (for the figures) but lose the words and the
    link to the person -- also when the response came through an invitation naming the customer
    (survey_invitations.customer_id cascades on delete, and the response cascades with its invitation)."""
    c, email = sign_up(h, name="Survey Erased")
    cid = customer_id(h, email)
    sid = h.sql_value("INSERT INTO surveys (kind, title_en, status) VALUES ('csat', 'Erasure survey', 'active')"
                      " RETURNING id")
    inv = h.sql_value("INSERT INTO survey_invitations (survey_id, token_hash, customer_id, via, expires_at)"
                      " VALUES ($1::bigint, $2, $3::bigint, 'email', now() + interval '7 days') RETURNING id",
                      sid, "erasure-test-" + uuid.uuid4().hex, cid)
    words = "Quxbridge survey words " + uuid.uuid4().hex[:6]
    rid = h.sql_value("INSERT INTO survey_responses (survey_id, invitation_id, customer_id, score, comment,"
                      " completed_at) VALUES ($1::bigint, $2::bigint, $3::bigint, 5, $4, now()) RETURNING id",
                      sid, inv, cid, words)
    comp = sign_in(h, "compliance")
    page = comp.get("/admin/compliance")
    r = comp.post("/admin/compliance/erasure", {"csrf": h.csrf(page), "email": email, "reason": "Letter"})
    assert r.status == 303
    receipt = h.sql_value("SELECT receipt FROM erasure_requests ORDER BY id DESC LIMIT 1")
    wait_erased(h, receipt)
    assert h.sql_value("SELECT count(*) FROM customers WHERE id = $1::bigint", cid) == "0"
    row = h.sql("SELECT score, comment IS NULL, customer_id IS NULL FROM survey_responses WHERE id = $1::bigint", rid)
    assert row == [["5", "t", "t"]], row
    assert h.sql_value("SELECT count(*) FROM survey_invitations WHERE customer_id = $1::bigint", cid) == "0"
