# tests/http/test_server.py — the FastCGI server: shutdown, reconnecting to the database, request ids.
import os
import socket
import subprocess
import tempfile
import time


def test_request_id_and_log_line_without_secrets(h):
    c = h.client()
    r = c.get("/signin?next=/account&token=SECRET-IN-QUERY")
    rid = r.headers["x-request-id"]
    assert rid and len(rid) == 16
    from common import DEMO
    h.form_post(c, "/signin", "/signin", {"email": DEMO["customer"][0], "password": DEMO["customer"][1]})
    time.sleep(0.3)
    log = open(os.path.join(h.var, "serve.log"), encoding="utf-8", errors="replace").read()
    line = [l for l in log.splitlines() if "req=" + rid in l]
    assert line and " 200 " in line[0] and "ms" in line[0], line
    assert "SECRET-IN-QUERY" not in log
    assert DEMO["customer"][1] not in log


def test_reconnects_after_losing_the_database(h):
    c = h.client()
    assert c.get("/healthz").status == 200
    h.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
          "WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'")
    time.sleep(0.3)
    statuses = [c.get("/healthz").status for _ in range(20)]
    assert statuses[-1] == 200 and statuses.count(200) >= 18, statuses
    assert c.get("/signin").status == 200


def test_first_post_after_losing_the_database_succeeds(h):
    """A connection the server closed looks fine until used: the first POST on each app thread used to
    fail its BEGIN with a 500. Now BEGIN gets one new connection, and every POST works at once."""
    pages = [h.client() for _ in range(16)]
    forms = [(c, h.csrf(c.get("/signin"))) for c in pages]
    h.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
          "WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'")
    time.sleep(0.3)
    statuses = [c.post("/lang", {"lang": "en", "next": "/signin", "csrf": token}).status for c, token in forms]
    assert statuses == [303] * 16, statuses


def test_worker_listens_again_after_losing_the_database(h):
    """The worker waits for NOTIFY on its connection; after a new connection it LISTENs again, so a new
    job is taken at once, not when the next poll comes (up to a minute)."""
    h.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
          " AND pid <> pg_backend_pid() AND backend_type = 'client backend'")
    time.sleep(2.5)  # the worker notices, waits its second, and connects again
    subject = "after-reconnect-%d" % int(time.time() * 1000)
    h.sql("INSERT INTO mails (to_address, subject, body_text) VALUES ('listen@example.test', $1, 'x')", subject)
    mid = h.sql_value("SELECT id FROM mails WHERE subject = $1", subject)
    t0 = time.time()
    h.sql("INSERT INTO jobs (kind, payload) VALUES ('send_mail', json_build_object('mail_id', $1::bigint))", mid)
    while h.sql_value("SELECT status FROM mails WHERE id = $1::bigint", mid) == "queued":
        assert time.time() - t0 < 10, "the worker did not take the new job (not listening any more?)"
        time.sleep(0.05)
    assert time.time() - t0 < 5


def test_a_statement_blocked_past_the_limit_is_cancelled(h):
    """nginx gives up on a request after 60 s; the app's statement used to run on after it, holding its
    connection (and locks) for nobody. Statements are cancelled after CXMS_STATEMENT_TIMEOUT (5 s in the
    suite): the request fails on its own, and the next one works once the table is free."""
    c = h.client()
    assert c.get("/help").status == 200
    holder = subprocess.Popen([h.psql, "-X", "-q", "-d", h.env["DATABASE_URL"], "-c",
                               "BEGIN; LOCK TABLE help_categories IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(9); COMMIT;"],
                              env=h.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(50):  # the lock is held
            if h.sql_value("SELECT count(*) FROM pg_locks l JOIN pg_class r ON r.oid = l.relation"
                           " WHERE r.relname = 'help_categories' AND l.mode = 'AccessExclusiveLock' AND l.granted") == "1":
                break
            time.sleep(0.1)
        else:
            raise AssertionError("the lock was not taken")
        t0 = time.time()
        r = c.get("/help")
        waited = time.time() - t0
        assert r.status >= 500, r.status
        assert 4 < waited < 8, waited
        waiting = h.sql_value("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                              " AND datname = current_database()")
        assert waiting == "0", "a cancelled statement still waits"
    finally:
        holder.wait(timeout=15)
    assert c.get("/help").status == 200


def test_sigterm_finishes_and_exits(h):
    d = tempfile.mkdtemp()
    sock = os.path.join(d, "t.sock")
    env = dict(h.env, CXMS_SOCKET=sock, CXMS_THREADS="4")
    p = subprocess.Popen([h.bin, "serve"], env=env, cwd=h.root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(100):
        if os.path.exists(sock):
            break
        time.sleep(0.1)
    assert os.path.exists(sock), "serve did not start"
    # a client that connects and goes away must not kill it (SIGPIPE)
    s = socket.socket(socket.AF_UNIX)
    s.connect(sock)
    s.close()
    time.sleep(0.2)
    assert p.poll() is None, "serve died"
    start = time.time()
    p.send_signal(15)
    try:
        p.wait(timeout=10)
    except subprocess.TimeoutExpired:
        p.kill()
        raise AssertionError("serve did not exit within 10 s of SIGTERM")
    err = p.stderr.read().decode(errors="replace")
    assert p.returncode == 0, err[-3000:]
    assert time.time() - start < 5
    assert not os.path.exists(sock)
    assert "AddressSanitizer" not in err and "runtime error" not in err, err[-3000:]


def test_head_and_error_pages(h):
    c = h.client()
    r = c.head("/signin")
    assert r.status == 200 and r.body == b""
    for path, status in (("/nope", 404),):
        r = c.get(path)
        assert r.status == status
        assert "<html" in r.text and "Reference" in r.text
    assert c.get("/healthz").headers.get("cache-control") is not None


def test_survey_link_tokens_are_not_logged(h):
    token = "SurveyTokenThatMustNotBeLogged0123456789ab"
    r = h.client().get("/s/" + token)
    assert r.status in (404, 410)
    time.sleep(0.3)
    log = open(os.path.join(h.var, "serve.log"), encoding="utf-8", errors="replace").read()
    assert token not in log
    assert "/s/{token}" in log


def test_failed_commit_sets_no_success_flash(h):
    """A POST whose handler succeeded but whose COMMIT fails answers 500, and must not leave a
    "saved" flash message behind for the next page."""
    import uuid
    from common import sign_up
    c, email = sign_up(h)
    u = uuid.uuid4().hex[:10]
    name = "Commit Fails " + u
    # a deferred constraint trigger: the UPDATE succeeds, the COMMIT is refused
    h.sql("CREATE FUNCTION test_commitfail_%s() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN"
          " IF NEW.name = '%s' THEN RAISE EXCEPTION 'test: commit refused'; END IF;"
          " RETURN NEW; END $f$" % (u, name))
    h.sql("CREATE CONSTRAINT TRIGGER test_commitfail_%s AFTER UPDATE ON customers"
          " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_commitfail_%s()" % (u, u))
    try:
        page = c.get("/account")
        r = c.post("/account", {"csrf": h.csrf(page), "name": name, "lang": "en", "tz": "UTC"})
        assert r.status == 500, r.status
        flashes = [v for v in r.headers.get_all("set-cookie") if "cxms_flash=profile_saved" in v]
        assert not flashes, r.headers.get_all("set-cookie")
        assert h.sql_value("SELECT name FROM customers WHERE email = $1", email) != name
    finally:
        h.sql("DROP TRIGGER IF EXISTS test_commitfail_%s ON customers" % u)
        h.sql("DROP FUNCTION IF EXISTS test_commitfail_%s()" % u)
