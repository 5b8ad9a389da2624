# tests/http/test_email.py — email as a channel: `cxms mailgate` as an MTA's pipe runs it, the worker
# threading what it stored, replies leaving with the headers that bring the answer back, loops.
import base64
import json
import hashlib
import re
import subprocess
import time
import uuid

from common import sign_in, sign_up
from test_desk import staff_id

MAILBOX = "support@nodi.example"


def mail(sender, subject, body="Hello.", message_id=None, headers=(), to=MAILBOX, name="Ana Silva"):
    """A plain mail as bytes (LF line ends, as a pipe hands it over)."""
    mid = message_id or "%s@client.example" % uuid.uuid4().hex
    lines = ["From: %s <%s>" % (name, sender), "To: %s" % to, "Subject: %s" % subject,
             "Date: Tue, 01 Dec 2026 10:00:00 +0000", "Message-ID: <%s>" % mid, "MIME-Version: 1.0"]
    lines += list(headers)
    if not any(x.lower().startswith("content-type:") for x in headers):
        lines.append("Content-Type: text/plain; charset=utf-8")
    return ("\n".join(lines) + "\n\n" + body + "\n").encode()


def mailgate(h, raw, *args, env=None):
    """`cxms mailgate ARGS` with raw (bytes, as they are) on its standard input; stderr as text."""
    e = dict(h.env)
    e.update(env or {})
    r = subprocess.run([h.bin, "mailgate"] + list(args), input=raw, capture_output=True, env=e, timeout=60,
                       cwd=h.root)
    r.stderr = r.stderr.decode(errors="replace")
    return r


def pipe(h, raw, *args):
    """Hands raw to the mailgate, waits for the worker; the inbound_mails row (id, status, conversation, automatic)."""
    stored = raw.split(b"\n", 1)[1] if raw.startswith(b"From ") else raw  # the envelope line is not kept
    sha = hashlib.sha256(stored).hexdigest()
    r = mailgate(h, raw, *args)
    assert r.returncode == 0, (r.returncode, r.stderr)
    h.settle()
    row = h.sql("SELECT id, status, coalesce(conversation_id, 0), coalesce(automatic, ''), coalesce(error, '')"
                " FROM inbound_mails WHERE sha256 = $1", sha)
    assert row, "not stored"
    return row[0]


def customer_messages(h, conv):
    return [r[0] for r in h.sql("SELECT body FROM messages WHERE conversation_id = $1::bigint AND author = 'customer'"
                                " ORDER BY id", conv)]


def sender():
    return "ana-%s@client.example" % uuid.uuid4().hex[:8]


def test_a_mail_becomes_a_conversation_and_the_reply_threads_back(h):
    who = sender()
    tok = uuid.uuid4().hex
    subject = "Café order %s" % tok[:6]
    raw = ("From: =?UTF-8?Q?Ana_Silva_M=C3=BCller?= <%s>\nTo: Support <%s>\n"
           "Subject: =?UTF-8?Q?%s?=\nMessage-ID: <first-%s@client.example>\nMIME-Version: 1.0\n"
           "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n"
           "Hello, my caf=E9 order is late.\nCan you check?\n" % (
               who, MAILBOX, subject.replace(" ", "_").replace("é", "=C3=A9"), tok)).encode()
    mid, status, conv, automatic, _ = pipe(h, raw)
    assert status == "threaded" and conv != "0" and automatic == ""
    row = h.sql("SELECT ca.name, c.subject, c.customer_id IS NULL, e.address, e.name, c.status"
                " FROM conversations c JOIN channel_accounts ca ON ca.id = c.channel_account_id"
                " JOIN email_contacts e ON e.conversation_id = c.id WHERE c.id = $1::bigint", conv)[0]
    assert row == ["Support mailbox", subject, "t", who, "Ana Silva Müller", "open"], row
    assert customer_messages(h, conv) == ["Hello, my café order is late.\nCan you check?"]
    agent = sign_in(h, "agent")
    page = agent.get("/admin/inbox/%s" % conv)
    assert page.status == 200 and "my café order is late" in page.text and "Ana Silva Müller" in page.text
    assert "Contact, no account: Ana Silva Müller" in page.text
    # the mail as it came, for staff: a download, never shown or run by the browser
    href = re.search(r'href="(/admin/inbox/%s/mails/(\d+))"' % conv, page.text)
    assert href, "no link to the original mail"
    got = agent.get(href.group(1))
    assert got.status == 200 and got.body == raw
    assert got.headers["content-type"] == "message/rfc822" and got.headers["content-disposition"].startswith("attachment")
    assert "sandbox" in got.headers["content-security-policy"]
    other = h.sql_value("SELECT id FROM conversations WHERE id <> $1::bigint ORDER BY id LIMIT 1", conv)
    assert agent.get("/admin/inbox/%s/mails/%s" % (other, href.group(2))).status == 404
    assert agent.get("/admin/inbox/%s/mails/999999999" % conv).status == 404
    assert sign_in(h, "customer").get(href.group(1)).status in (302, 303, 403, 404)
    # the live pane's JSON names it too (staff only: the customer's page never gets it)
    msgs = json.loads(agent.get("/admin/inbox/%s/messages?after=0" % conv).body)["messages"]
    assert [m.get("mail") for m in msgs if m["kind"] == "customer"] == [int(href.group(2))]

    # the agent's reply: from the mailbox, with the marks that bring the answer back
    r = agent.post("/admin/inbox/%s/messages" % conv, {"kind": "reply", "body": "It left today.", "csrf": h.csrf(page)})
    assert r.status == 303
    out = h.wait_for_mail(lambda m: m["To"] == who)
    assert MAILBOX in out["From"] and "It left today." in h.mail_text(out)
    assert out["Subject"] == "Re: %s [#CX-%s]" % (subject, conv), out["Subject"]
    assert re.fullmatch(r"support\+%s\.[0-9a-f]{20}@nodi\.example" % conv, out["Reply-To"]), out["Reply-To"]
    msg = h.sql_value("SELECT id FROM messages WHERE conversation_id = $1::bigint AND author = 'agent'", conv)
    assert re.fullmatch(r"<cx\.%s\.[0-9a-f]{20}@nodi\.example>" % msg, out["Message-ID"]), out["Message-ID"]
    assert out["In-Reply-To"] == "<first-%s@client.example>" % tok
    assert "<first-%s@client.example>" % tok in out["References"]
    # admins see the headers in the outbox
    admin = sign_in(h, "admin")
    box = h.sql_value("SELECT id FROM mails WHERE to_address = $1", who)
    shown = admin.get("/admin/outbox/%s" % box)
    assert shown.status == 200 and out["Reply-To"] in shown.text and "first-%s@client.example" % tok in shown.text

    # their answer: to the reply address, In-Reply-To our Message-ID: the same conversation
    answer = mail(who, "Re: " + subject, "Thanks!\n\nOn Tuesday you wrote:\n> It left today.",
                  headers=["In-Reply-To: %s" % out["Message-ID"], "References: %s" % out["Message-ID"]],
                  to=out["Reply-To"])
    assert pipe(h, answer)[2] == conv
    # a client that kept only the subject tag: still the same conversation
    assert pipe(h, mail(who, "About [#CX-%s]" % conv, "One more thing"))[2] == conv
    # only Message-IDs, no tag and no reply address: the References find it
    assert pipe(h, mail(who, "no marks", "And another", headers=["References: <first-%s@client.example>" % tok]))[2] == conv
    assert len(customer_messages(h, conv)) == 4
    h.sql("UPDATE conversations SET status = 'resolved' WHERE id = $1::bigint", conv)


def test_an_answer_from_someone_else_opens_a_conversation_of_its_own(h):
    """Newsletter replies from many people must not land in one conversation (Chatwoot #13502): a mark
    that names a conversation joins it only when the sender is in it."""
    who = sender()
    first_id = "parcel-%s@client.example" % uuid.uuid4().hex
    conv = pipe(h, mail(who, "Where is my parcel", message_id=first_id))[2]
    # the sender itself, by References alone: joins (the marks work)
    assert pipe(h, mail(who, "Re: it", "and?", headers=["References: <%s>" % first_id]))[2] == conv
    other = sender()
    for m in (mail(other, "Re: Where is my parcel [#CX-%s]" % conv, "me too"),
              mail(other, "Re: it", "me too", headers=["In-Reply-To: <nothing-%s@x>" % other,
                                                          "References: <%s>" % first_id])):
        got = pipe(h, m)[2]
        assert got != conv
        assert h.sql_value("SELECT follows_id FROM conversations WHERE id = $1::bigint", got) == conv
    # the desk says which one it answers, with a link
    page = sign_in(h, "supervisor").get("/admin/inbox/%s" % got)
    assert 'href="/admin/inbox/%s#latest">Answers conversation #%s</a>' % (conv, conv) in page.text
    # a forged reply address (a MAC that is not ours) is no mark at all
    forged = mail(other, "hi", "hi", to="support+%s.%s@nodi.example" % (conv, "0" * 20))
    got = pipe(h, forged)[2]
    assert got != conv and h.sql_value("SELECT follows_id FROM conversations WHERE id = $1::bigint", got) is None
    h.sql("UPDATE conversations SET status = 'resolved' WHERE channel_account_id ="
          " (SELECT id FROM channel_accounts WHERE name = 'Support mailbox') AND status <> 'resolved'"
          " AND id >= $1::bigint", conv)


def test_a_mail_handed_over_twice_is_stored_once(h):
    who = sender()
    raw = mail(who, "Twice")
    first = pipe(h, raw)
    r = mailgate(h, raw)  # the same bytes
    assert r.returncode == 0, r.stderr
    h.settle()
    assert h.sql_value("SELECT count(*) FROM inbound_mails WHERE from_address = $1", who) == "1"
    relayed = b"Received: from relay2.example by mx.example; Tue, 1 Dec 2026 10:00:05 +0000\n" + raw
    r = mailgate(h, relayed)  # the same Message-ID by another path
    assert r.returncode == 0, r.stderr
    h.settle()
    assert h.sql_value("SELECT count(*) FROM inbound_mails WHERE from_address = $1", who) == "1"
    assert len(customer_messages(h, first[2])) == 1
    # Postfix's F flag puts the envelope line first: not part of the mail
    who2 = sender()
    row = pipe(h, b"From " + who2.encode() + b"  Tue Dec  1 10:00:00 2026\n" + mail(who2, "Enveloped"))
    assert row[1] == "threaded"
    assert h.sql_value("SELECT convert_from(substring(raw from 1 for 5), 'UTF8') FROM inbound_mails WHERE id = $1::bigint",
                       row[0]) == "From:"


def test_mailgate_answers_as_an_mta_expects(h):
    before = h.db_snapshot()
    for raw, why in ((b"", "no header block"), (b"\x00\x01\x02 not a mail at all", "no header block"),
                     (b"Subject: no sender\nTo: support@nodi.example\n\nbody\n", "no sender address"),
                     (b"From: ab\nSubject: not an address\n\nbody\n", "no sender address")):
        r = mailgate(h, raw)
        assert r.returncode == 65 and why in r.stderr, (raw, r.returncode, r.stderr)
    r = mailgate(h, mail(sender(), "x"), "--channel", "No such mailbox")
    assert r.returncode == 75 and "No such mailbox" in r.stderr
    assert mailgate(h, mail(sender(), "x"), "--bogus").returncode == 64
    assert h.db_snapshot() == before
    # the database down: 75, and the MTA's next try stores it once
    who = sender()
    raw = mail(who, "While the database was down")
    r = mailgate(h, raw, env={"DATABASE_URL": "host=/nonexistent dbname=cxms connect_timeout=2"})
    assert r.returncode == 75 and "stays with the MTA" in r.stderr, (r.returncode, r.stderr)
    assert h.db_snapshot() == before
    assert pipe(h, raw)[1] == "threaded"
    assert pipe(h, raw)[1] == "threaded"
    assert h.sql_value("SELECT count(*) FROM inbound_mails WHERE from_address = $1", who) == "1"
    # --channel by name or address
    assert mailgate(h, mail(sender(), "by name"), "--channel", "Support mailbox").returncode == 0
    assert mailgate(h, mail(sender(), "by address"), "--channel", MAILBOX).returncode == 0
    h.settle()


def test_mail_no_person_wrote_is_marked_automatic(h):
    cases = [(["Auto-Submitted: auto-replied"], "Auto-Submitted: auto-replied"),
             (["Precedence: bulk"], "Precedence: bulk"),
             (["X-Autoreply: yes"], "X-Autoreply"),
             (["X-Auto-Response-Suppress: All"], "X-Auto-Response-Suppress"),
             (["Return-Path: <>"], "Return-Path: <>"),
             (["Auto-Submitted: no"], "")]
    for headers, expected in cases:
        row = pipe(h, mail(sender(), "Out of office", "I am away.", headers=headers))
        assert row[1] == "threaded" and row[3] == expected, (headers, row)
    assert pipe(h, mail("MAILER-DAEMON@mx.example", "Undelivered"))[3] == "From: mailer-daemon"
    dsn = ("From: Mail Delivery System <MAILER-DAEMON@mx.example>\nTo: %s\nSubject: Undelivered Mail\n"
           "Message-ID: <dsn-%s@mx.example>\nMIME-Version: 1.0\n"
           "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\n\n"
           "--b1\nContent-Type: text/plain\n\nThe mail could not be delivered.\n"
           "--b1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example\n\n"
           "Final-Recipient: rfc822; gone@client.example\nAction: failed\nStatus: 5.1.1\n\n--b1--\n" % (
               MAILBOX, uuid.uuid4().hex)).encode()
    assert pipe(h, dsn)[3] == "delivery status notification"
    # our own mail coming back (a misconfigured forward): its Message-ID is ours
    conv = pipe(h, mail(sender(), "loop test"))[2]
    agent = sign_in(h, "agent")
    page = agent.get("/admin/inbox/%s" % conv)
    agent.post("/admin/inbox/%s/messages" % conv, {"kind": "reply", "body": "answer", "csrf": h.csrf(page)})
    h.settle()
    ours = h.sql_value("SELECT rfc_message_id FROM mails m JOIN messages g ON g.id = m.message_id"
                       " WHERE g.conversation_id = $1::bigint", conv)
    assert ours
    assert pipe(h, mail(sender(), "echo", message_id=ours))[3] == "our own Message-ID"
    assert pipe(h, mail(sender(), "looped", headers=["X-Loop: %s" % MAILBOX]))[3] == "X-Loop: our mailbox"
    # an out-of-office answering a resolved conversation is kept in it, and reopens nothing
    who = h.sql_value("SELECT address FROM email_contacts WHERE conversation_id = $1::bigint", conv)
    h.sql("UPDATE conversations SET status = 'resolved', resolved_at = now() WHERE id = $1::bigint", conv)
    row = pipe(h, mail(who, "Out of office", "I am away.", headers=["Auto-Submitted: auto-replied",
                                                                     "In-Reply-To: <%s>" % ours]))
    assert row[2] == conv and row[3] == "Auto-Submitted: auto-replied"
    assert h.sql("SELECT status, waiting_since IS NULL FROM conversations WHERE id = $1::bigint", conv)[0] == ["resolved", "t"]
    # a person's answer does reopen it
    assert pipe(h, mail(who, "Re: loop test", "Still broken", headers=["In-Reply-To: <%s>" % ours]))[2] == conv
    assert h.sql_value("SELECT status FROM conversations WHERE id = $1::bigint", conv) == "open"
    h.sql("UPDATE conversations SET status = 'resolved' WHERE channel_account_id ="
          " (SELECT id FROM channel_accounts WHERE name = 'Support mailbox') AND status <> 'resolved'")


def test_html_only_mail_shows_its_words_and_runs_nothing(h):
    who = sender()
    html = ("<html><head><title>T</title><style>body{background:url(https://tracker.example/s.gif)}</style>"
            "<script>alert('xss')</script></head><body><p>Hello <b>team</b>,</p>"
            "<p>my order&nbsp;is <a href=\"javascript:alert(1)\">late</a>.</p>"
            "<img src=\"https://tracker.example/pixel.gif\" onerror=\"alert(2)\">"
            "<div>Line one<br>Line two</div></body></html>")
    raw = mail(who, "HTML only", html, headers=["Content-Type: text/html; charset=utf-8"])
    conv = pipe(h, raw)[2]
    body = customer_messages(h, conv)[0]
    assert body == "Hello team,\n\nmy order\u00a0is late.\n\nLine one\nLine two", repr(body)
    assert h.sql_value("SELECT html FROM messages WHERE conversation_id = $1::bigint AND author = 'customer'", conv) is None
    page = sign_in(h, "agent").get("/admin/inbox/%s" % conv)
    assert page.status == 200
    shown = " ".join(re.findall(r'<li class="msg msg-[^"]*" data-id="\d+"[^>]*>(.*?)</li>', page.text, re.S))
    assert "Line two" in shown and "alert(" not in shown and "tracker.example" not in shown, shown
    assert "<script" not in page.text.split("<body", 1)[1].replace('<script src="/static/', "")
    # a multipart/alternative mail: its text part, whatever the HTML says
    alt = ("From: %s\nTo: %s\nSubject: alt\nMessage-ID: <alt-%s@x>\nMIME-Version: 1.0\n"
           "Content-Type: multipart/alternative; boundary=\"zz\"\n\n--zz\nContent-Type: text/html\n\n<p>html words</p>\n"
           "--zz\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n%s\n--zz--\n" % (
               who, MAILBOX, uuid.uuid4().hex, base64.b64encode("plain wörds".encode()).decode())).encode()
    conv2 = pipe(h, alt)[2]
    assert customer_messages(h, conv2)[-1] == "plain wörds"
    h.sql("UPDATE conversations SET status = 'resolved' WHERE id IN ($1::bigint, $2::bigint)", conv, conv2)


def test_a_customers_mail_is_in_their_record_export_and_erasure(h):
    email = "writer-%s@example.test" % uuid.uuid4().hex[:8]
    before_account = mail(email, "Before I had an account", "Words of a contact")
    contact_conv = pipe(h, before_account)[2]
    assert h.sql_value("SELECT customer_id FROM conversations WHERE id = $1::bigint", contact_conv) is None
    c, _ = sign_up(h, email=email, name="Mail Writer")
    raw = mail(email, "From my account's address", "My words in a mail")
    conv = pipe(h, raw)[2]
    cust = h.sql_value("SELECT id FROM customers WHERE email = $1", email)
    assert h.sql_value("SELECT customer_id FROM conversations WHERE id = $1::bigint", conv) == cust
    page = c.get("/account/privacy")
    data = json.loads(c.post("/account/privacy/export", {"csrf": h.csrf(page)}).body)
    assert any(m["text"] == "My words in a mail" for m in data["messages"])
    assert [e["id"] for e in data["email_conversations"]] == [int(contact_conv)]
    assert [m["text"] for m in data["email_messages"] if m["from"] == "customer"] == ["Words of a contact"]
    assert [base64.b64decode(m["raw_base64"]) for m in data["inbound_mails"]] == [before_account, raw]
    # an address the account has not proven is not theirs to read: no one else's mail in the export
    h.sql("UPDATE customers SET email_verified_at = NULL WHERE id = $1::bigint", cust)
    unproven = json.loads(c.post("/account/privacy/export", {"csrf": h.csrf(c.get("/account/privacy"))}).body)
    assert unproven["email_conversations"] == [] and unproven["inbound_mails"] == [] and unproven["email_messages"] == []
    h.sql("UPDATE customers SET email_verified_at = now() WHERE id = $1::bigint", cust)
    comp = sign_in(h, "compliance")
    page = comp.get("/admin/compliance")
    assert comp.post("/admin/compliance/erasure", {"csrf": h.csrf(page), "email": email, "reason": "Letter"}).status == 303
    deadline = time.time() + 20
    while h.sql_value("SELECT count(*) FROM customers WHERE email = $1", email) != "0":
        assert time.time() < deadline, "the erasure did not run"
        time.sleep(0.2)
    assert h.sql_value("SELECT count(*) FROM inbound_mails WHERE lower(from_address) = lower($1)", email) == "0"
    assert h.sql_value("SELECT count(*) FROM conversations WHERE id IN ($1::bigint, $2::bigint)", conv, contact_conv) == "0"
    assert h.sql_value("SELECT count(*) FROM email_contacts WHERE lower(address) = lower($1)", email) == "0"


def test_retention_anonymises_old_mail_conversations(h):
    who = sender()
    row = pipe(h, mail(who, "Old mail", "Old words"))
    conv = row[2]
    assert customer_messages(h, conv) == ["Old words"], row
    h.sql("UPDATE conversations SET status = 'resolved', resolved_at = now() - interval '800 days'"
          " WHERE id = $1::bigint", conv)
    h.sql("INSERT INTO jobs (kind) VALUES ('retention')")
    deadline = time.time() + 20
    while h.sql_value("SELECT count(*) FROM jobs WHERE kind = 'retention' AND status = 'queued' AND run_at <= now()") != "0":
        assert time.time() < deadline, "retention job did not run"
        time.sleep(0.2)
    # 730 days, anonymise: no words, no raw mail, no address left
    assert h.sql_value("SELECT count(*) FROM inbound_mails WHERE conversation_id = $1::bigint", conv) == "0"
    assert h.sql_value("SELECT count(*) FROM email_contacts WHERE conversation_id = $1::bigint", conv) == "0"
    assert h.sql_value("SELECT string_agg(length(body)::text, ',') FROM messages WHERE conversation_id = $1::bigint"
                       " AND author = 'customer'", conv) == "0"


def test_mailgate_bounces_a_mail_over_its_limit(h):
    before = h.db_snapshot()
    big = b"From: big@client.example\nSubject: big\n\n" + b"x" * (50 * 1024 * 1024)
    r = mailgate(h, big)
    assert r.returncode == 65 and "larger than 50 MB" in r.stderr, (r.returncode, r.stderr)
    assert h.db_snapshot() == before


def test_a_bounce_marks_our_reply_not_delivered(h):
    who = sender()
    conv = pipe(h, mail(who, "Bounce me"))[2]
    agent = sign_in(h, "agent")
    page = agent.get("/admin/inbox/%s" % conv)
    assert agent.post("/admin/inbox/%s/messages" % conv, {"kind": "reply", "body": "An answer that bounces",
                                                         "csrf": h.csrf(page)}).status == 303
    h.settle()
    ours = h.sql_value("SELECT m.rfc_message_id FROM mails m JOIN messages g ON g.id = m.message_id"
                       " WHERE g.conversation_id = $1::bigint", conv)
    convs_before = h.sql_value("SELECT count(*) FROM conversations")
    dsn = ("Return-Path: <>\nFrom: Mail Delivery System <MAILER-DAEMON@mx.nodi.example>\nTo: %s\n"
           "Subject: Undelivered Mail Returned to Sender\nMessage-ID: <dsn-%s@mx.nodi.example>\nMIME-Version: 1.0\n"
           "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\n\n"
           "--r\nContent-Type: text/plain\n\nYour message could not be delivered.\n"
           "--r\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.nodi.example\n\n"
           "Final-Recipient: rfc822; %s\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\n\n"
           "--r\nContent-Type: text/rfc822-headers\n\nFrom: support@nodi.example\nTo: %s\nMessage-ID: <%s>\n\n"
           "--r--\n" % (MAILBOX, uuid.uuid4().hex, who, who, ours)).encode()
    row = pipe(h, dsn)
    assert row[1] == "threaded" and row[2] == conv and row[3] == "delivery status notification", row
    assert h.sql("SELECT delivery, delivery_error FROM messages WHERE conversation_id = $1::bigint AND author = 'agent'",
                 conv)[0] == ["failed", "bounced: 5.1.1: smtp; 550 5.1.1 User unknown"]
    assert h.sql_value("SELECT count(*) FROM conversations") == convs_before, "a bounce opened a conversation"
    assert len(customer_messages(h, conv)) == 1, "a bounce is no message of the customer's"
    assert "550 5.1.1 User unknown" in agent.get("/admin/inbox/%s" % conv).text
    # a bounce naming a Message-ID that is not ours (a forged MAC) is only a mail
    forged = dsn.replace(ours.encode(), ours.split(".")[0].encode() + b"." + ours.split(".")[1].encode() + b".00000000000000000000@nodi.example")
    forged = forged.replace(b"<dsn-", b"<dsn-forged-")
    row = pipe(h, forged)
    assert row[2] != conv
    h.sql("UPDATE conversations SET status = 'resolved' WHERE id IN ($1::bigint, $2::bigint)", conv, row[2])


def test_odd_mail_is_threaded_not_stuck(h):
    """Mail the mailgate took must become a message: a Message-ID past 255 bytes (stored hashed, still
    threads and stores once), an Auto-Submitted value in another script (cut between characters)."""
    who = sender()
    long_id = "x" * 600 + "@client.example"
    row = pipe(h, mail(who, "Long id", "first", message_id=long_id))
    assert row[1] == "threaded", row
    conv = row[2]
    assert pipe(h, mail(who, "Re: long", "second", headers=["In-Reply-To: <%s>" % long_id]))[2] == conv
    row = pipe(h, mail(sender(), "Away", "away", headers=["Auto-Submitted: auto-replied " + "р" * 80]))
    assert row[1] == "threaded" and row[3].startswith("Auto-Submitted: auto-replied р"), row


def test_a_mails_files_are_attachments_programs_are_not(h):
    who = sender()
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4//8/AAX+Av6n1qTWAAAAAElFTkSuQmCC")
    raw = ("From: %s\nTo: %s\nSubject: With files\nMessage-ID: <files-%s@client.example>\nMIME-Version: 1.0\n"
           "Content-Type: multipart/mixed; boundary=\"m\"\n\n"
           "--m\nContent-Type: text/plain; charset=utf-8\n\nThe invoice and a photo.\n"
           "--m\nContent-Type: application/pdf\nContent-Disposition: attachment; filename*=utf-8''facture%%20n%%C2%%B0%%202.pdf\n"
           "Content-Transfer-Encoding: base64\n\n%s\n"
           "--m\nContent-Type: image/png; name=\"photo.png\"\nContent-Disposition: inline; filename=\"photo.png\"\n"
           "Content-Transfer-Encoding: base64\n\n%s\n"
           "--m\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"setup.exe\"\n"
           "Content-Transfer-Encoding: base64\n\n%s\n--m--\n" % (
               who, MAILBOX, uuid.uuid4().hex, base64.b64encode(pdf).decode(), base64.b64encode(png).decode(),
               base64.b64encode(b"MZ\x90\x00 a program").decode())).encode()
    conv = pipe(h, raw)[2]
    rows = h.sql("SELECT filename, content_type, size::text FROM attachments WHERE conversation_id = $1::bigint"
                 " ORDER BY id", conv)
    assert rows == [["facture n° 2.pdf", "application/pdf", str(len(pdf))], ["photo.png", "image/png", str(len(png))]], rows
    agent = sign_in(h, "agent")
    page = agent.get("/admin/inbox/%s" % conv)
    links = re.findall(r'<a class="file" href="(/admin/inbox/%s/attachments/\d+)"' % conv, page.text)
    assert len(links) == 2 and "setup.exe" not in page.text
    got = agent.get(links[0])
    assert got.status == 200 and got.headers.get("x-accel-redirect") is None  # nginx served the bytes
    assert got.body == pdf and got.headers["content-type"] == "application/octet-stream"
    assert agent.get(links[1]).body == png
    # a second copy of the mail adds no files
    relayed = b"Received: from relay2.example by mx.example; Tue, 1 Dec 2026 10:00:05 +0000\n" + raw
    assert mailgate(h, relayed).returncode == 0
    h.settle()
    assert h.sql_value("SELECT count(*) FROM attachments WHERE conversation_id = $1::bigint", conv) == "2"
    h.sql("UPDATE conversations SET status = 'resolved' WHERE id = $1::bigint", conv)
