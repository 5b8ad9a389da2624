# tests/http/test_bad_input.py — hostile and malformed input gets a clear 4xx and changes nothing.
from urllib.parse import quote

from common import sign_in, unique_email

FORMS = ["/signup", "/signin", "/account/forgot", "/account/reset", "/account/verify", "/lang",
         "/admin/signin", "/admin/forgot", "/admin/reset"]


def unchanged(h, before):
    after = h.db_snapshot()
    assert after == before, {k: (before.get(k), after.get(k)) for k in after if before.get(k) != after.get(k)}


def test_malformed_percent_encoding_and_utf8(h):
    c = h.client()
    page = c.get("/signup")
    token = h.csrf(page)
    before = h.db_snapshot()
    bodies = [
        "csrf=%s&name=%%zz&email=a%%40b.co" % token,
        "csrf=%s&name=%%&email=x" % token,
        "csrf=%s&name=%%C0%%AF&email=x" % token,          # overlong UTF-8
        "csrf=%s&name=%%ED%%A0%%80&email=x" % token,       # UTF-16 surrogate
        "csrf=%s&name=a%%00b&email=x" % token,             # NUL
        b"csrf=" + token.encode() + b"&name=\xff\xfe&email=x",  # raw invalid bytes
    ]
    for body in bodies:
        r = c.post("/signup", body)
        assert r.status == 400, (body, r.status)
        assert "could not be understood" in r.text, r.text[:500]
    for q in ("/signin?next=%zz", "/signin?next=%ff", "/%ff", "/signin?a=%"):
        r = c.get(q)
        assert r.status == 400, (q, r.status)
    unchanged(h, before)


def test_oversized_bodies_and_fields(h):
    c = h.client()
    token = h.csrf(c.get("/signup"))
    before = h.db_snapshot()
    r = c.post("/signup", "csrf=%s&name=%s" % (token, "x" * (600 * 1024)))  # a field over 512 KiB
    assert r.status == 413, r.status
    assert "too large" in r.text
    many = "&".join("f%d=1" % i for i in range(500))
    r = c.post("/signup", "csrf=%s&%s" % (token, many))
    assert r.status == 413, r.status
    r = c.get("/signin?next=" + "a" * 5000)
    assert r.status in (414, 400), r.status
    unchanged(h, before)


def test_csrf_required_on_every_post(h):
    c = h.client()
    c.get("/signup")  # has an anonymous CSRF cookie now
    s = sign_in(h, "customer")
    admin = sign_in(h, "admin")
    before = h.db_snapshot()
    fields = {"name": "X", "email": unique_email(), "password": "long enough pass", "lang": "en", "tz": "UTC"}
    for path in FORMS:
        assert c.post(path, fields).status == 403, path                          # missing
        assert c.post(path, dict(fields, csrf="forged")).status == 403, path     # wrong
    # a token from another browser does not work either
    other = h.csrf(h.client().get("/signup"))
    assert c.post("/signup", dict(fields, csrf=other)).status == 403
    # signed-in pages too, and a cross-origin post with a valid token is refused
    tok = h.csrf(s.get("/account"))
    assert s.post("/account", {"name": "Hacked", "lang": "en", "tz": "UTC"}).status == 403
    assert s.post("/signout", {}).status == 403
    r = s.post("/account", {"csrf": tok, "name": "Hacked", "lang": "en", "tz": "UTC"},
               headers={"Origin": "https://evil.example"})
    assert r.status == 403
    assert admin.post("/admin/staff", {"name": "X", "email": unique_email(), "role": "admin"}).status == 403
    assert "Hacked" not in s.get("/account").text
    unchanged(h, before)


def test_wrong_methods(h):
    c = h.client()
    for method, path in (("POST", "/"), ("PUT", "/signin"), ("DELETE", "/account"), ("GET", "/signout"),
                         ("PATCH", "/admin/staff"), ("GET", "/lang")):
        r = c.request(method, path, body=b"" if method != "GET" else None,
                      headers={"Content-Type": "application/x-www-form-urlencoded"} if method != "GET" else None)
        assert r.status == 405, (method, path, r.status)
        assert "not available" in r.text
    assert c.get("/no-such-page").status == 404


def test_sql_and_script_fragments_are_inert(h):
    hostile = ["' OR '1'='1", "'; DROP TABLE customers; --", "<script>alert(1)</script>",
               "\"><img src=x onerror=alert(1)>", "{{TITLE}}", "[[Sign in]]", "${7*7}", "%s%n", "\u202e\u0000"[:1]]
    c = h.client()
    for value in hostile:
        r = h.form_post(c, "/signin", "/signin", {"email": value, "password": value, "next": value})
        assert r.status == 400, (value, r.status)
        assert "<script>alert(1)" not in r.text and "<img src=x" not in r.text
        r = h.form_post(c, "/signup", "/signup", {"name": value, "email": value, "password": value,
                                                  "lang": value, "tz": value})
        assert r.status == 400, (value, r.status)
        assert "<script>alert(1)" not in r.text and "<img src=x" not in r.text
    assert h.sql_value("SELECT count(*) FROM customers") not in (None, "0")
    # a hostile name is stored as text and always rendered escaped
    from common import sign_up
    s, email = sign_up(h, name="<script>alert(1)</script>")
    page = s.get("/account")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    admin = sign_in(h, "admin")
    admin_page = admin.get("/admin")
    assert admin_page.status == 200


def test_unknown_and_foreign_ids(h):
    admin = sign_in(h, "admin")
    for path in ("/admin/outbox/0", "/admin/outbox/99999999", "/admin/outbox/x", "/admin/staff/1e3"):
        assert admin.get(path).status == 404, path
    # a customer cannot reach staff objects at all
    cust = sign_in(h, "customer")
    staff_id = h.sql_value("SELECT id FROM staff LIMIT 1")
    r = cust.get("/admin/staff/%s" % staff_id)
    assert r.status == 303 and r.location == "/admin/signin"


def test_replayed_and_forged_tokens(h):
    c = h.client()
    for path in ("/account/reset", "/account/verify", "/admin/reset"):
        for token in ("", "x", "A" * 43, "' OR 1=1 --", "%zz"):
            r = c.get("%s?token=%s" % (path, quote(token, safe="%")))
            assert r.status in (400, 410), (path, token, r.status)
    page = c.get("/signup")
    before = h.db_snapshot()
    for path in ("/account/reset", "/admin/reset"):
        r = c.post(path, {"csrf": h.csrf(page), "token": "A" * 43, "password": "a long new passphrase"})
        assert r.status == 400, (path, r.status)
    r = c.post("/account/verify", {"csrf": h.csrf(page), "token": "A" * 43})
    assert r.status == 400
    unchanged(h, before)


def test_language_switch_rejects_unknown_language(h):
    c = h.client()
    page = c.get("/")
    r = c.post("/lang", {"csrf": h.csrf(page), "lang": "xx", "next": "/"})
    assert r.status == 400
    r = c.post("/lang", {"csrf": h.csrf(page), "lang": "bn", "next": "https://evil.example/"})
    assert r.status == 303 and r.location == "/", r.location
