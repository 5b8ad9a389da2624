# tests/http/common.py — helpers shared by the HTTP test files: accounts, sign-in, mail links.
import re
import uuid

DEMO = {
    "customer": ("customer@example.com", "demo-customer-pass"),
    "agent": ("agent@example.com", "demo-agent-pass"),
    "supervisor": ("supervisor@example.com", "demo-supervisor-pass"),
    "admin": ("admin@example.com", "demo-admin-pass"),
    "compliance": ("compliance@example.com", "demo-compliance-pass"),
}


def unique_email(prefix="user"):
    return "%s-%s@example.test" % (prefix, uuid.uuid4().hex[:10])


def sign_in(h, who, client=None):
    """A client signed in as a demo account (customer on the portal, staff in /admin)."""
    c = client or h.client()
    email, password = DEMO[who]
    if who == "customer":
        r = h.form_post(c, "/signin", "/signin", {"email": email, "password": password})
    else:
        r = h.form_post(c, "/admin/signin", "/admin/signin", {"email": email, "password": password})
    assert r.status == 303, (r.status, r.text[:500])
    return c


def link_in_mail(h, to, path):
    """The single-use link to `path` in the newest mail to `to` (via the SMTP sink)."""
    msg = h.wait_for_mail(lambda m: m["To"] == to and path in h.mail_text(m))
    m = re.search(re.escape(path) + r"\?token=([A-Za-z0-9_-]+)", h.mail_text(msg))
    assert m, h.mail_text(msg)
    return "%s?token=%s" % (path, m.group(1))


def sign_up(h, email=None, password="a long enough passphrase", name="Test Person", lang="en", tz="Asia/Dhaka"):
    """Signs up through the form and confirms by the mailed link; returns (client, email)."""
    email = email or unique_email()
    c = h.client()
    r = h.form_post(c, "/signup", "/signup",
                    {"name": name, "email": email, "password": password, "lang": lang, "tz": tz})
    assert r.status == 303 and r.location == "/signin", (r.status, r.location, r.text[:500])
    link = link_in_mail(h, email, "/account/verify")
    page = c.get(link)
    assert page.status == 200, page.status
    r = c.post("/account/verify", {"csrf": h.csrf(page), "token": link.split("token=")[1]})
    assert r.status == 303 and r.location == "/account", (r.status, r.location)
    return c, email


def channel_account(h, kind, name=None):
    """The id of a channel account of that kind (made when there is none)."""
    got = h.sql_value("SELECT id FROM channel_accounts WHERE kind = $1 AND ($2 = '' OR name = $2) "
                      "ORDER BY id LIMIT 1", kind, name or "")
    if got:
        return got
    return h.sql_value("INSERT INTO channel_accounts (kind, name) VALUES ($1, $2) RETURNING id",
                       kind, name or "Test %s" % kind)


def make_conversation(h, kind="web", customer=None, agent=None, status="open", topic=None, skill=None,
                      subject=None, visitor_name=None):
    """A conversation put straight into the database (as a connector would store one), with a chat row
    for a web chat; customer and agent are email addresses. Returns its id as text."""
    acc = channel_account(h, kind)
    conv = h.sql_value(
        "INSERT INTO conversations (channel_account_id, customer_id, assigned_to, status, topic, skill, team_id,"
        " subject) VALUES ($1::bigint, (SELECT id FROM customers WHERE email = $2),"
        " (SELECT id FROM staff WHERE email = $3), $4, nullif($5, ''), nullif($6, ''),"
        " (SELECT team_id FROM skills WHERE code = $6), nullif($7, '')) RETURNING id",
        acc, customer or "", agent or "", status, topic or "", skill or "", subject or "")
    if kind == "web":
        h.sql("INSERT INTO chat_conversations (conversation_id, live_channel, visitor_name)"
              " VALUES ($1::bigint, md5(random()::text), nullif($2, ''))", conv, visitor_name or "")
    return conv
