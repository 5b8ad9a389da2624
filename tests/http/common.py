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
