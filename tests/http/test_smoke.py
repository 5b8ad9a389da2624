# tests/http/test_smoke.py — smoke tests that rely only on the shared contract (nginx + /healthz).

SECURITY_HEADERS = {
    "content-security-policy": "frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=()",
}


def assert_security_headers(r):
    for name, needle in SECURITY_HEADERS.items():
        value = r.headers.get(name)
        assert value is not None, "%s: no %s header (have %r)" % (r.path, name, r.headers)
        assert needle in value, "%s: %s is %r" % (r.path, name, value)
    csp = r.headers["content-security-policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, csp
    server = r.headers.get("server", "")
    assert "/" not in server, "server version leaked: %r" % server


def test_healthz(h):
    r = h.client().get("/healthz")
    assert r.status == 200, r.status
    assert r.text.strip() == "ok", r.text[:200]
    assert_security_headers(r)


def test_bench_static_page(h):
    r = h.client().get("/bench-static.html")
    assert r.status == 200, r.status
    assert len(r.body) == 8192, len(r.body)
    assert r.headers["content-type"].startswith("text/html"), r.headers["content-type"]
    assert_security_headers(r)


def test_unknown_path_is_404_with_headers(h):
    r = h.client().get("/no/such/page-%s" % "x1")
    assert r.status == 404, r.status
    assert_security_headers(r)


def test_missing_static_file_is_404(h):
    r = h.client().get("/static/no-such-file.css")
    assert r.status == 404, r.status
    assert_security_headers(r)
    assert "immutable" not in (r.headers.get("cache-control") or "")


def test_static_error_page_cached_long(h):
    r = h.client().get("/static/errors/413.html")
    assert r.status == 200, r.status
    assert_security_headers(r)


def test_body_over_1m_is_413(h):
    body = b"a=" + b"x" * (1024 * 1024 + 10)
    r = h.client().post("/signin", body)
    assert r.status == 413, r.status
    assert_security_headers(r)
    assert "too large" in r.text.lower(), r.text[:300]
    assert "no-store" in (r.headers.get("cache-control") or ""), r.headers.get("cache-control")


def test_publisher_not_reachable_on_public_port(h):
    # On the public port /_pub/ is just an app URL: never Nchan's publisher (which answers 201/202).
    r = h.client().post("/_pub/anything", b"hi", content_type="text/plain")
    assert r.status >= 400, r.status
    assert "queued messages" not in r.text, r.text[:200]


def test_live_auth_not_reachable_directly(h):
    r = h.client().get("/live-auth/anything")
    assert r.status == 404, r.status


def test_malformed_request_line_is_400(h):
    r = h.raw(b"GET /\x01bad HTTP/1.1\r\nHost: x\r\n\r\n")
    assert r.status == 400, r
    r = h.raw(b"BLAH\r\n\r\n")
    assert r.status == 400, r


def test_httpoxy_header_not_passed(h):
    # A `Proxy:` request header must never reach the app as HTTP_PROXY; the request still works.
    r = h.client().get("/healthz", headers={"Proxy": "http://evil.example:1"})
    assert r.status == 200, r.status


def test_database_reachable(h):
    assert h.sql_value("SELECT $1::int + 1", 41) == "42"
    assert h.sql("SELECT $1::text, $2::text", "it's; DROP TABLE x --", None) == [["it's; DROP TABLE x --", None]]
    snap = h.db_snapshot()
    assert isinstance(snap, dict)
    assert snap == h.db_snapshot()
