# tests/http/test_accounts.py — customer sign-up, sign-in/out, sessions, password change and reset.
import re

from common import DEMO, link_in_mail, sign_in, sign_up, unique_email


def test_signup_confirm_and_profile(h):
    c, email = sign_up(h, name="Rahim Uddin", tz="Asia/Dhaka")
    page = c.get("/account")
    assert page.status == 200
    assert "Rahim Uddin" in page.text
    assert "Asia/Dhaka" in page.text
    row = h.sql("SELECT name, lang, tz, email_verified_at IS NOT NULL, password_hash FROM customers "
                "WHERE email = $1", email)[0]
    assert row[:4] == ["Rahim Uddin", "en", "Asia/Dhaka", "t"], row
    assert row[4].startswith("$argon2id$"), "password not hashed with Argon2id"
    # the session cookie is HttpOnly and SameSite=Lax, and only a hash of it is stored
    token = c.cookie("cxms_session")
    assert token and len(token) == 43
    assert h.sql_value("SELECT count(*) FROM sessions WHERE token_hash = $1", token) == "0"


def test_session_cookie_flags(h):
    c = h.client()
    page = c.get("/signin")
    email, password = DEMO["customer"]
    r = c.post("/signin", {"csrf": h.csrf(page), "email": email, "password": password})
    assert r.status == 303
    sc = [v for v in r.headers.get_all("set-cookie") if v.startswith("cxms_session=")][0]
    assert "HttpOnly" in sc and "SameSite=Lax" in sc and "Path=/" in sc, sc


def test_signup_with_taken_email_reveals_nothing(h):
    email, _ = DEMO["customer"]
    c = h.client()
    before = h.sql_value("SELECT count(*) FROM customers")
    r = h.form_post(c, "/signup", "/signup", {"name": "Impostor", "email": email.upper(),
                                              "password": "another long passphrase", "lang": "en", "tz": "UTC"})
    # the very same answer as for a new address
    assert r.status == 303 and r.location == "/signin", (r.status, r.location)
    assert h.sql_value("SELECT count(*) FROM customers") == before
    msg = h.wait_for_mail(lambda m: m["To"].lower() == email.lower() and "already has one" in h.mail_text(m))
    assert "/account/forgot" in h.mail_text(msg)


def test_unconfirmed_account_cannot_sign_in(h):
    email = unique_email()
    c = h.client()
    r = h.form_post(c, "/signup", "/signup", {"name": "Later", "email": email,
                                              "password": "a long enough passphrase", "lang": "en", "tz": "UTC"})
    assert r.status == 303
    first = h.sql_value("SELECT count(*) FROM password_resets WHERE purpose = 'verify' "
                        "AND customer_id = (SELECT id FROM customers WHERE email = $1)", email)
    r = h.form_post(c, "/signin", "/signin", {"email": email, "password": "a long enough passphrase"})
    assert r.status == 403 and "confirm your email" in r.text, r.status
    assert c.cookie("cxms_session") is None
    # a fresh link was sent (kept although the request was refused)
    assert h.sql_value("SELECT count(*) FROM password_resets WHERE purpose = 'verify' "
                       "AND customer_id = (SELECT id FROM customers WHERE email = $1)", email) == str(int(first) + 1)


def test_signup_validation_keeps_input_and_writes_nothing(h):
    c = h.client()
    before = h.db_snapshot()
    cases = [
        ({"name": "", "email": unique_email(), "password": "long enough pass", "lang": "en", "tz": "UTC"}, "name"),
        ({"name": "X", "email": "not-an-email", "password": "long enough pass", "lang": "en", "tz": "UTC"}, "valid email"),
        ({"name": "X", "email": unique_email(), "password": "short", "lang": "en", "tz": "UTC"}, "at least 8"),
        ({"name": "X", "email": unique_email(), "password": "password1", "lang": "en", "tz": "UTC"}, "too common"),
        ({"name": "X", "email": unique_email(), "password": "long enough pass", "lang": "xx", "tz": "UTC"}, "language"),
        ({"name": "X", "email": unique_email(), "password": "long enough pass", "lang": "en", "tz": "Mars/Base"}, "time zone"),
        ({"name": "X", "email": unique_email(), "password": "x" * 200, "lang": "en", "tz": "UTC"}, "at most 128"),
    ]
    for fields, message in cases:
        r = h.form_post(c, "/signup", "/signup", fields)
        assert r.status == 400, (fields, r.status)
        assert message in r.text, (message, r.text[:3000])
        if fields["name"]:
            assert 'value="%s"' % fields["name"] in r.text, "input not kept"
    assert h.db_snapshot() == before


def test_signin_failure_is_generic_and_slows_down(h):
    c = h.client()
    unknown = h.form_post(c, "/signin", "/signin", {"email": unique_email(), "password": "whatever at all"})
    c2, email = sign_up(h)
    c2.post("/signout", {"csrf": h.csrf(c2.get("/account"))})
    wrong = h.form_post(c, "/signin", "/signin", {"email": email, "password": "not the password"})
    assert unknown.status == wrong.status == 400
    strip = lambda t: re.sub(r'value="[^"]*"', "", t)
    assert strip(unknown.text) == strip(wrong.text), "responses differ between unknown and known email"
    for _ in range(5):
        h.form_post(c, "/signin", "/signin", {"email": email, "password": "still wrong"})
    # now paused: even the right password is refused for a while, with the same message
    r = h.form_post(c, "/signin", "/signin", {"email": email, "password": "a long enough passphrase"})
    assert r.status == 429, r.status
    assert "do not match" in r.text
    assert h.sql_value("SELECT locked_until > now() FROM customers WHERE email = $1", email) == "t"


def test_signin_rotates_session_and_signout_deletes_it(h):
    c = h.client()
    c.set_cookie("cxms_session", "A" * 43)  # a planted (fixated) token is never adopted
    sign_in(h, "customer", c)
    token = c.cookie("cxms_session")
    assert token != "A" * 43
    assert c.get("/account").status == 200
    r = c.post("/signout", {"csrf": h.csrf(c.get("/account"))})
    assert r.status == 303
    assert c.cookie("cxms_session") is None
    # the old token no longer works even if replayed
    c2 = h.client()
    c2.set_cookie("cxms_session", token)
    r = c2.get("/account")
    assert r.status == 303 and r.location.startswith("/signin"), r.status


def test_account_pages_need_sign_in(h):
    c = h.client()
    for path in ("/account", "/account/password"):
        r = c.get(path)
        assert r.status == 303 and r.location.startswith("/signin?next="), (path, r.status, r.location)


def test_next_parameter_is_local_only(h):
    email, password = DEMO["customer"]
    for bad in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        r = h.form_post(h.client(), "/signin", "/signin", {"email": email, "password": password, "next": bad})
        assert r.status == 303 and r.location == "/account", (bad, r.location)
    r = h.form_post(h.client(), "/signin", "/signin", {"email": email, "password": password, "next": "/account/password"})
    assert r.location == "/account/password"


def test_profile_update(h):
    c, email = sign_up(h)
    page = c.get("/account")
    r = c.post("/account", {"csrf": h.csrf(page), "name": "New Name", "lang": "bn", "tz": "Europe/London"})
    assert r.status == 303
    assert h.sql("SELECT name, lang, tz FROM customers WHERE email = $1", email)[0] == ["New Name", "bn", "Europe/London"]
    assert 'lang="bn"' in c.get("/account").text


def test_password_change_ends_other_sessions(h):
    password = "first long passphrase"
    c1, email = sign_up(h, password=password)
    c2 = h.client()
    r = h.form_post(c2, "/signin", "/signin", {"email": email, "password": password})
    assert r.status == 303 and c2.get("/account").status == 200
    page = c1.get("/account/password")
    r = c1.post("/account/password", {"csrf": h.csrf(page), "current": "wrong one!", "password": "second long passphrase"})
    assert r.status == 400 and "not correct" in r.text
    r = c1.post("/account/password", {"csrf": h.csrf(page), "current": password, "password": "second long passphrase"})
    assert r.status == 303
    assert c1.get("/account").status == 200, "the session that changed the password stays"
    assert c2.get("/account").status == 303, "other sessions end"
    r = h.form_post(h.client(), "/signin", "/signin", {"email": email, "password": "second long passphrase"})
    assert r.status == 303


def test_password_reset_by_single_use_link(h):
    c1, email = sign_up(h, password="old long passphrase")
    c = h.client()
    r = h.form_post(c, "/account/forgot", "/account/forgot", {"email": email})
    assert r.status == 303 and r.location == "/signin"
    # an unknown address gets the very same answer
    r2 = h.form_post(c, "/account/forgot", "/account/forgot", {"email": unique_email()})
    assert (r2.status, r2.location) == (r.status, r.location)
    link = link_in_mail(h, email, "/account/reset")
    token = link.split("token=")[1]
    page = c.get(link)
    assert page.status == 200 and 'name="token"' in page.text
    # the token is stored hashed only
    assert h.sql_value("SELECT count(*) FROM password_resets WHERE token_hash = $1", token) == "0"
    r = c.post("/account/reset", {"csrf": h.csrf(page), "token": token, "password": "new long passphrase"})
    assert r.status == 303 and r.location == "/signin"
    assert c1.get("/account").status == 303, "a reset ends every session"
    # replaying the link fails and changes nothing
    before = h.db_snapshot()
    r = c.post("/account/reset", {"csrf": h.csrf(page), "token": token, "password": "third long passphrase"})
    assert r.status == 400 and "expired or was already used" in r.text
    assert h.db_snapshot() == before
    assert c.get(link).status == 410
    r = h.form_post(h.client(), "/signin", "/signin", {"email": email, "password": "new long passphrase"})
    assert r.status == 303


def test_expired_reset_link(h):
    c, email = sign_up(h)
    h.form_post(h.client(), "/account/forgot", "/account/forgot", {"email": email})
    link = link_in_mail(h, email, "/account/reset")
    h.sql("UPDATE password_resets SET expires_at = now() - interval '1 minute' "
          "WHERE customer_id = (SELECT id FROM customers WHERE email = $1) AND purpose = 'reset'", email)
    page = h.client().get(link)
    assert page.status == 410 and "expired" in page.text
