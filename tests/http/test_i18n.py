# tests/http/test_i18n.py — language from account, cookie or Accept-Language; times in the viewer's zone.
import os
import re

from common import sign_in, sign_up


def bn(h, msgid):
    """The Bengali msgstr of msgid from the shipped catalog."""
    import glob
    text = "\n".join(open(p, encoding="utf-8").read() for p in glob.glob(os.path.join(h.root, "locale", "bn", "*.po")))
    m = re.search(r'^msgid "%s"\nmsgstr "(.*)"$' % re.escape(msgid), text, re.M)
    assert m, "no translation for %r" % msgid
    return m.group(1)


def test_accept_language(h):
    c = h.client()
    r = c.get("/", headers={"Accept-Language": "bn-BD,bn;q=0.9,en;q=0.5"})
    assert 'lang="bn"' in r.text and bn(h, "How can we help?") in r.text
    r = c.get("/", headers={"Accept-Language": "fr-FR, en;q=0.3"})
    assert 'lang="en"' in r.text and "How can we help?" in r.text


def test_switcher_cookie_beats_accept_language(h):
    c = h.client()
    page = c.get("/signin", headers={"Accept-Language": "en"})
    r = c.post("/lang", {"csrf": h.csrf(page), "lang": "bn", "next": "/signin"})
    assert r.status == 303 and r.location == "/signin"
    page = c.get("/signin", headers={"Accept-Language": "en"})
    assert 'lang="bn"' in page.text
    assert bn(h, "Forgot your password?") in page.text


def test_account_language_wins_and_switcher_saves_it(h):
    c, email = sign_up(h, lang="bn")
    assert 'lang="bn"' in c.get("/account", headers={"Accept-Language": "en"}).text
    page = c.get("/account")
    c.post("/lang", {"csrf": h.csrf(page), "lang": "en", "next": "/account"})
    assert h.sql_value("SELECT lang FROM customers WHERE email = $1", email) == "en"
    assert 'lang="en"' in c.get("/account", headers={"Accept-Language": "bn"}).text


def test_admin_in_bengali(h):
    admin = sign_in(h, "admin")
    page = admin.get("/admin")
    admin.post("/admin/lang", {"csrf": h.csrf(page), "lang": "bn", "next": "/admin/staff"})
    staff = admin.get("/admin/staff")
    assert 'lang="bn"' in staff.text and bn(h, "Add a staff member") in staff.text
    admin.post("/admin/lang", {"csrf": h.csrf(staff), "lang": "en", "next": "/admin"})


def test_error_pages_are_translated(h):
    r = h.client().get("/nope", headers={"Accept-Language": "bn"})
    assert r.status == 404 and bn(h, "We could not find that page.") in r.text


def test_times_in_viewer_time_zone(h):
    c, email = sign_up(h, tz="Asia/Dhaka")
    h.sql("UPDATE customers SET created_at = '2026-01-15 20:30:00+00' WHERE email = $1", email)
    assert "2026-01-16 02:30" in c.get("/account").text  # Dhaka is UTC+6
    page = c.get("/account")
    c.post("/account", {"csrf": h.csrf(page), "name": "Tz", "lang": "en", "tz": "America/New_York"})
    assert "2026-01-15 15:30" in c.get("/account").text  # New York is UTC-5 in January
