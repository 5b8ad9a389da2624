# tests/http/harness.py — black-box HTTP test helpers for CXMS (Python 3 standard library only).
#
# A test is a plain function `test_something(h)` in tests/http/test_*.py; `h` is a Harness bound to a
# running stack (nginx + cxms serve + worker + PostgreSQL + an SMTP sink), started by tests/http/run.py.
#
#   c = h.client()                      # fresh cookie jar, redirects are NOT followed
#   r = c.get("/")                      # r.status, r.headers["content-type"], r.text, r.cookies
#   r = h.form_post(c, "/signin", "/signin", {"email": ..., "password": ...})
#   assert r.status == 303; r = c.follow(r)
#   h.sql("SELECT id FROM customers WHERE email = $1", "customer@example.com")  -> [["1"]]
#   before = h.db_snapshot(); ...; assert h.db_snapshot() == before
#   m = h.wait_for_mail(lambda m: "reset" in m["Subject"].lower()); h.mail_text(m)
#   h.raw(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").status
import email
import email.policy
import email.utils
import html
import http.client
import json
import mailbox
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.parse

__all__ = ["Harness", "Client", "Response"]


class Headers:
    """Case-insensitive response headers. Repeated fields are joined with ", " (RFC 9110), except
    Set-Cookie, whose values are kept apart in .get_all("set-cookie")."""

    def __init__(self, pairs):
        self._pairs = list(pairs)

    def get_all(self, name):
        n = name.lower()
        return [v for k, v in self._pairs if k.lower() == n]

    def get(self, name, default=None):
        vals = self.get_all(name)
        if not vals:
            return default
        return ", ".join(vals)

    def __getitem__(self, name):
        v = self.get(name)
        if v is None:
            raise KeyError(name)
        return v

    def __contains__(self, name):
        return bool(self.get_all(name))

    def items(self):
        return list(self._pairs)

    def __repr__(self):
        return "Headers(%r)" % (self._pairs,)


class Response:
    """status (int), reason, headers (Headers), body (bytes), text (str), cookies (dict of the cookies
    this response set; a deleted cookie maps to None), location, method and path of the request."""

    def __init__(self, method, path, status, reason, header_pairs, body):
        self.method = method
        self.path = path
        self.status = status
        self.reason = reason
        self.headers = Headers(header_pairs)
        self.body = body
        self.cookies = {}
        for sc in self.headers.get_all("set-cookie"):
            name, value, attrs = parse_set_cookie(sc)
            if name is not None:
                self.cookies[name] = None if cookie_deleted(value, attrs) else value

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    @property
    def location(self):
        return self.headers.get("location")

    def json(self):
        return json.loads(self.body)

    def __repr__(self):
        return "<Response %s %s -> %s>" % (self.method, self.path, self.status)


def parse_set_cookie(value):
    parts = value.split(";")
    if "=" not in parts[0]:
        return None, None, {}
    name, _, val = parts[0].partition("=")
    attrs = {}
    for p in parts[1:]:
        k, _, v = p.strip().partition("=")
        attrs[k.strip().lower()] = v.strip()
    return name.strip(), val.strip(), attrs


def cookie_deleted(value, attrs):
    if "max-age" in attrs:
        try:
            if int(attrs["max-age"]) <= 0:
                return True
        except ValueError:
            pass
    if "expires" in attrs:
        try:
            exp = email.utils.parsedate_to_datetime(attrs["expires"])
            if exp.timestamp() < time.time():
                return True
        except (TypeError, ValueError):
            pass
    return False


class Client:
    """One browser-like user: its own cookie jar, no automatic redirects, a new connection per request.
    POSTs carry `Origin: <base>` like a browser's (pass headers={"Origin": None} to leave it out)."""

    def __init__(self, base, timeout=30):
        u = urllib.parse.urlsplit(base)
        self.base = base.rstrip("/")
        self.host = u.hostname
        self.port = u.port or 80
        self.timeout = timeout
        self.jar = {}  # name -> value (single host, paths ignored)

    # --- cookies ---
    def cookie(self, name):
        return self.jar.get(name)

    def set_cookie(self, name, value):
        if value is None:
            self.jar.pop(name, None)
        else:
            self.jar[name] = value

    def _store_cookies(self, resp):
        for sc in resp.headers.get_all("set-cookie"):
            name, value, attrs = parse_set_cookie(sc)
            if name is None:
                continue
            # Like a browser on plain http: Secure cookies are not stored.
            if "secure" in attrs and not self.base.startswith("https:"):
                continue
            if cookie_deleted(value, attrs):
                self.jar.pop(name, None)
            else:
                self.jar[name] = value

    # --- requests ---
    def request(self, method, path, body=None, headers=None):
        hdrs = {}
        if self.jar:
            hdrs["Cookie"] = "; ".join("%s=%s" % kv for kv in self.jar.items())
        if method == "POST":
            hdrs["Origin"] = self.base
        for k, v in (headers or {}).items():
            # header names are case-insensitive: replace ours
            for existing in [e for e in hdrs if e.lower() == k.lower()]:
                del hdrs[existing]
            if v is not None:
                hdrs[k] = v
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            conn.request(method, path, body=body, headers=hdrs)
            r = conn.getresponse()
            data = r.read()
            resp = Response(method, path, r.status, r.reason, r.getheaders(), data)
        finally:
            conn.close()
        self._store_cookies(resp)
        return resp

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def head(self, path, headers=None):
        return self.request("HEAD", path, headers=headers)

    def post(self, path, data=None, headers=None, content_type=None):
        """data: dict (values may be lists for repeated fields) -> form-urlencoded; str/bytes -> as is."""
        if data is None:
            data = b""
        if isinstance(data, dict):
            body = urllib.parse.urlencode(data, doseq=True).encode()
            content_type = content_type or "application/x-www-form-urlencoded"
        elif isinstance(data, str):
            body = data.encode()
        else:
            body = bytes(data)
        hdrs = {"Content-Type": content_type or "application/x-www-form-urlencoded"}
        hdrs.update(headers or {})
        return self.request("POST", path, body=body, headers=hdrs)

    def post_json(self, path, obj, headers=None):
        return self.post(path, json.dumps(obj).encode(), headers=headers, content_type="application/json")

    def follow(self, resp, max_hops=10):
        """GET the Location of a redirect, and of any further redirects; returns the final response."""
        hops = 0
        while resp.status in (301, 302, 303, 307, 308):
            loc = resp.location
            assert loc, "redirect %s without Location" % resp.status
            u = urllib.parse.urlsplit(urllib.parse.urljoin(self.base + resp.path, loc))
            assert u.netloc in ("", urllib.parse.urlsplit(self.base).netloc), "redirect off-site: %s" % loc
            target = urllib.parse.urlunsplit(("", "", u.path or "/", u.query, ""))
            resp = self.get(target)
            hops += 1
            assert hops <= max_hops, "too many redirects"
        return resp


class RawResponse:
    def __init__(self, status, reason, header_pairs, body, closed):
        self.status = status  # None when the server closed without a response
        self.reason = reason
        self.headers = Headers(header_pairs)
        self.body = body
        self.closed = closed

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def __repr__(self):
        return "<RawResponse %s>" % self.status


class Harness:
    def __init__(self, base, env, var_dir, bin_path, maildir, root):
        self.base = base.rstrip("/")
        self.env = dict(env)  # the full environment of the stack's processes
        self.var = var_dir
        self.bin = bin_path
        self.maildir = maildir
        self.root = root
        u = urllib.parse.urlsplit(self.base)
        self.host, self.port = u.hostname, u.port
        self.psql = shutil.which("psql", path=env.get("PATH")) or "psql"

    # --- HTTP ---
    def client(self):
        return Client(self.base)

    @staticmethod
    def csrf(page):
        """The value of the hidden `csrf` field of a page (text or Response)."""
        text = page.text if hasattr(page, "text") else page
        for tag in re.findall(r"<input\b[^>]*>", text, flags=re.I):
            if re.search(r"""\bname\s*=\s*["']?csrf["'\s/>]""", tag, flags=re.I):
                m = re.search(r"""\bvalue\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", tag, flags=re.I)
                if m:
                    return html.unescape(next(g for g in m.groups() if g is not None))
        raise AssertionError("no csrf field in page:\n" + text[:2000])

    def form_post(self, client, page_path, action_path, fields, headers=None):
        """GET page_path, take its csrf token, POST fields + csrf to action_path; returns the response."""
        page = client.get(page_path)
        assert page.status == 200, "GET %s -> %s" % (page_path, page.status)
        data = dict(fields)
        data["csrf"] = self.csrf(page)
        return client.post(action_path, data, headers=headers)

    def raw(self, data, timeout=10):
        """Send raw bytes on a new connection; parse one response (status None if none came)."""
        s = socket.create_connection((self.host, self.port), timeout=timeout)
        buf = b""
        closed = False
        try:
            s.sendall(data)

            def more():
                nonlocal buf, closed
                try:
                    chunk = s.recv(65536)
                except socket.timeout:
                    chunk = b""
                if not chunk:
                    closed = True
                    return False
                buf += chunk
                return True

            while b"\r\n\r\n" not in buf:
                if not more():
                    return RawResponse(None, None, [], buf, True)
            head, _, rest = buf.partition(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            parts = lines[0].split(" ", 2)
            status = int(parts[1])
            reason = parts[2] if len(parts) > 2 else ""
            pairs = []
            for line in lines[1:]:
                k, _, v = line.partition(":")
                pairs.append((k.strip(), v.strip()))
            hdrs = Headers(pairs)
            buf = rest
            if status in (204, 304) or 100 <= status < 200 or data.split(b" ", 1)[0] == b"HEAD":
                return RawResponse(status, reason, pairs, b"", closed)
            if "content-length" in hdrs:
                n = int(hdrs["content-length"])
                while len(buf) < n and more():
                    pass
                return RawResponse(status, reason, pairs, buf[:n], closed)
            if "chunked" in (hdrs.get("transfer-encoding") or "").lower():
                body = b""
                while True:
                    while b"\r\n" not in buf:
                        if not more():
                            return RawResponse(status, reason, pairs, body, True)
                    size_line, _, buf = buf.partition(b"\r\n")
                    size = int(size_line.split(b";")[0].strip() or b"0", 16)
                    while len(buf) < size + 2:
                        if not more():
                            return RawResponse(status, reason, pairs, body + buf, True)
                    body += buf[:size]
                    buf = buf[size + 2:]
                    if size == 0:
                        return RawResponse(status, reason, pairs, body, closed)
            while more():
                pass
            return RawResponse(status, reason, pairs, buf, True)
        finally:
            s.close()

    # --- database ---
    NULL = "\x1d"

    def sql(self, query, *params):
        """Run SQL through psql; params are $1..$n in the query, sent as properly quoted literals
        (psql :'var' interpolation; None -> NULL). Cast as needed: $1::int. Returns the rows of the
        output as lists of strings (NULL -> None)."""
        args = [self.psql, "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1",
                "-F", "\x1f", "-R", "\x1e", "-P", "null=" + self.NULL, "-d", self.env["DATABASE_URL"]]

        def repl(m):
            i = int(m.group(1))
            if i < 1 or i > len(params):
                raise ValueError("no parameter $%d" % i)
            return "NULL" if params[i - 1] is None else ":'p%d'" % i

        q = re.sub(r"\$(\d+)", repl, query)
        for i, p in enumerate(params, 1):
            if p is not None:
                if isinstance(p, bool):
                    p = "true" if p else "false"
                args += ["-v", "p%d=%s" % (i, p)]
        r = subprocess.run(args, input=q + "\n", capture_output=True, text=True, env=self.env)
        if r.returncode != 0:
            raise AssertionError("psql failed (%d): %s\nquery: %s" % (r.returncode, r.stderr.strip(), query))
        out = r.stdout
        if out.endswith("\n"):
            out = out[:-1]
        rows = []
        for rec in out.split("\x1e"):
            rec = rec.strip("\n")
            if rec == "":
                continue
            rows.append([None if f == self.NULL else f for f in rec.split("\x1f")])
        return rows

    def sql_value(self, query, *params):
        """The single value of a one-row, one-column query (None if no row)."""
        rows = self.sql(query, *params)
        return rows[0][0] if rows else None

    def settle(self, timeout=15):
        """Waits until the worker has no due job left, so its writes (a mail marked sent) do not
        land between two snapshots."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.sql_value("SELECT count(*) FROM jobs WHERE status = 'queued' AND run_at <= now()") == "0":
                time.sleep(0.1)  # the last job's transaction has committed when it left the queue
                return
            time.sleep(0.1)
        raise AssertionError("jobs still queued after %ss" % timeout)

    def jobs_due_now(self, kind):
        """Moves the waiting jobs of a kind to now and wakes the worker: a test does not sit out a delay
        (a web chat reply's mail waits minutes for the customer to see it on the page)."""
        self.sql("WITH j AS (UPDATE jobs SET run_at = now() WHERE kind = $1 AND status = 'queued'"
                 " AND run_at > now() RETURNING 1) SELECT pg_notify('cxms_jobs', '') FROM (SELECT count(*) FROM j) n",
                 kind)

    def db_snapshot(self, exclude=("sessions", "jobs", "request_log")):
        """{table: (row count, md5 of all rows in order)} for every user table but `exclude`,
        taken once the worker has settled."""
        self.settle()
        tables = self.sql(
            "SELECT n.nspname, c.relname, quote_ident(n.nspname) || '.' || quote_ident(c.relname) "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
            "AND n.nspname NOT LIKE 'pg_toast%' ORDER BY 1, 2")
        parts = []
        names = []
        for schema, name, quoted in tables:
            if name in exclude:
                continue
            key = name if schema == "public" else schema + "." + name
            names.append(key)
            # `quoted` comes from quote_ident on the server, so it is safe to splice.
            parts.append("SELECT count(*)::text, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) "
                         "FROM %s t" % quoted)
        if not parts:
            return {}
        rows = self.sql(" UNION ALL ".join("(%s)" % p for p in parts))
        return {n: (int(r[0]), r[1]) for n, r in zip(names, rows)}

    # --- mail ---
    def mails(self):
        """Every message the SMTP sink received, oldest first, as email.message.EmailMessage."""
        if not os.path.isdir(os.path.join(self.maildir, "new")):
            return []
        md = mailbox.Maildir(self.maildir, factory=None, create=False)
        items = []
        for key in md.keys():
            try:
                when = md.get_message(key).get_date()
                data = md.get_bytes(key)
            except (KeyError, FileNotFoundError):
                continue
            items.append((when, key, email.message_from_bytes(data, policy=email.policy.default)))
        items.sort(key=lambda t: (t[0], t[1]))
        return [m for _, _, m in items]

    def wait_for_mail(self, predicate, timeout=15):
        deadline = time.time() + timeout
        while True:
            for m in self.mails():
                if predicate(m):
                    return m
            if time.time() > deadline:
                subjects = [(m["To"], m["Subject"]) for m in self.mails()]
                raise AssertionError("no matching mail within %ss; have: %r" % (timeout, subjects))
            time.sleep(0.2)

    @staticmethod
    def mail_text(msg):
        """The text/plain body of a message (or its HTML body if it has no plain part)."""
        part = msg.get_body(preferencelist=("plain", "html"))
        return part.get_content() if part is not None else ""

    # --- the binary ---
    def run_cxms(self, *args, input=None, timeout=120, env=None):
        """Run `cxms ARGS...` with the stack's environment; returns subprocess.CompletedProcess (text)."""
        e = dict(self.env)
        e.update(env or {})
        return subprocess.run([self.bin] + [str(a) for a in args], input=input, capture_output=True,
                              text=True, env=e, timeout=timeout, cwd=self.root)
