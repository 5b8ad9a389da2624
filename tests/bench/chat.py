#!/usr/bin/python3
# tests/bench/chat.py — the live chat figure of `make bench`, against a running seeded stack:
#   1. with SUBS (500) EventSource subscribers connected (one per conversation, through nginx/Nchan, each
#      authorised by the app), the time from an agent's POST of a reply to that conversation's stream
#      receiving the event: p50, p99 over POSTS (300) replies;
#   2. nginx's memory (PSS of master + workers) with IDLE (5000) idle streams connected, against none.
#
#   /usr/bin/python3 tests/bench/chat.py --var STACK_VAR_DIR --base http://127.0.0.1:PORT [--subs 500]
#                                        [--posts 300] [--idle 5000]
import argparse
import asyncio
import os
import re
import resource
import secrets
import subprocess
import sys
import time
import urllib.parse

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "http"))
from harness import Client  # noqa: E402


def stack_env(var):
    out = subprocess.run(["bash", "-c", 'set -a; . "$1"; env -0', "bash", os.path.join(var, "stack.env")],
                         capture_output=True, check=True)
    env = {}
    for item in out.stdout.split(b"\0"):
        if b"=" in item:
            k, _, v = item.partition(b"=")
            env[k.decode()] = v.decode()
    return env


def psql(env, sql):
    r = subprocess.run(["psql", "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-d", env["DATABASE_URL"]],
                       input=sql, capture_output=True, text=True, env=env, check=True)
    return [line for line in r.stdout.splitlines() if line]


def nginx_pss_kib(var):
    """PSS of the nginx master and its workers (KiB)."""
    with open(os.path.join(var, "nginx", "nginx.pid")) as f:
        master = int(f.read().strip())
    pids = [master]
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open("/proc/%s/stat" % d) as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == master:
                        pids.append(int(d))
            except (OSError, ValueError, IndexError):
                pass
    total = 0
    for p in pids:
        try:
            with open("/proc/%d/smaps_rollup" % p) as f:
                m = re.search(r"^Pss:\s+(\d+) kB", f.read(), re.M)
                total += int(m.group(1)) if m else 0
        except OSError:
            pass
    return total


async def subscribe(host, port, channel, cookie):
    r, w = await asyncio.open_connection(host, port)
    w.write(("GET /live/%s HTTP/1.1\r\nHost: %s:%d\r\nAccept: text/event-stream\r\nCookie: %s\r\n\r\n"
             % (channel, host, port, cookie)).encode())
    await w.drain()
    head = await r.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    if status != 200:
        w.close()
        raise RuntimeError("subscribe %s: HTTP %d" % (channel, status))
    return r, w


async def wait_event(reader):
    while True:
        line = await reader.readline()
        if not line:
            raise RuntimeError("stream closed")
        if line.startswith(b"data:"):
            return line


async def post(host, port, path, body, cookie):
    r, w = await asyncio.open_connection(host, port)
    w.write(("POST %s HTTP/1.1\r\nHost: %s:%d\r\nOrigin: http://%s:%d\r\nCookie: %s\r\n"
             "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
             % (path, host, port, host, port, cookie, len(body))).encode() + body)
    await w.drain()
    head = await r.readuntil(b"\r\n\r\n")
    await r.read()
    w.close()
    return int(head.split(b" ", 2)[1])


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--var", required=True)
    ap.add_argument("--base", required=True)
    ap.add_argument("--subs", type=int, default=500)
    ap.add_argument("--posts", type=int, default=300)
    ap.add_argument("--idle", type=int, default=5000)
    a = ap.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    env = stack_env(a.var)
    u = urllib.parse.urlsplit(a.base)
    host, port = u.hostname, u.port

    # the agent signs in; its session may subscribe to any conversation's stream
    agent = Client(a.base)
    page = agent.get("/admin/signin")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    r = agent.post("/admin/signin", {"email": "agent@example.com", "password": "demo-agent-pass", "csrf": csrf})
    assert r.status == 303, r.status
    cookie = "; ".join("%s=%s" % kv for kv in agent.jar.items())

    n = max(a.subs, 1)
    rows = psql(env, "INSERT INTO conversations (channel, visitor_name, topic, skill, live_channel, status) "
                     "SELECT 'web', 'Bench ' || g, 'order', 'orders', md5(random()::text || g), 'resolved' "
                     "FROM generate_series(1, %d) g RETURNING id || ' ' || live_channel;" % n)
    convs = [tuple(x.split()) for x in rows]
    page = agent.get("/admin/inbox/%s" % convs[0][0])
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)

    t0 = time.time()
    # in batches: the app's FastCGI listen backlog (256) is smaller than 500 simultaneous handshakes, and
    # a handshake the app cannot take is refused (403), never queued (see /_live_auth in nginx.conf.in)
    subs = []
    for i in range(0, len(convs), 100):
        subs += await asyncio.gather(*(subscribe(host, port, ch, cookie) for _, ch in convs[i:i + 100]))
    connect_s = time.time() - t0
    lat, posted = [], []
    for i in range(a.posts):
        k = secrets.randbelow(len(convs))
        conv, _ = convs[k]
        reader = subs[k][0]
        body = urllib.parse.urlencode({"body": "bench %d" % i, "kind": "reply",
                                       "csrf": csrf}).encode()
        start = time.perf_counter()
        waiter = asyncio.ensure_future(wait_event(reader))
        st = await post(host, port, "/admin/inbox/%s/messages?js=1" % conv, body, cookie)
        assert st == 200, st
        posted.append((time.perf_counter() - start) * 1000)
        await asyncio.wait_for(waiter, 5)
        lat.append((time.perf_counter() - start) * 1000)
    for _, w in subs:
        w.close()
    print("chat: %d subscribers (connected in %.1f s); agent post -> customer stream over %d posts: "
          "p50 %.1f ms, p99 %.1f ms, max %.1f ms" % (len(subs), connect_s, len(lat), pct(lat, 50), pct(lat, 99),
                                                   max(lat)))
    print("chat: the POST itself (app: insert, commit, publish to Nchan) p50 %.1f ms, p99 %.1f ms"
          % (pct(posted, 50), pct(posted, 99)))

    await asyncio.sleep(1)
    before = nginx_pss_kib(a.var)
    idle = []
    t0 = time.time()
    batch = 100
    for i in range(0, a.idle, batch):
        idle += await asyncio.gather(*(subscribe(host, port, convs[(i + j) % len(convs)][1], cookie)
                                       for j in range(min(batch, a.idle - i))))
    await asyncio.sleep(1)
    after = nginx_pss_kib(a.var)
    print("chat: nginx memory (PSS, master + workers): %.1f MiB with no streams, %.1f MiB with %d idle streams "
          "(%.1f KiB per stream; connected in %.1f s)" % (before / 1024, after / 1024, len(idle),
                                                          (after - before) / max(len(idle), 1), time.time() - t0))
    for _, w in idle:
        w.close()
    psql(env, "DELETE FROM conversations WHERE visitor_name LIKE 'Bench %';")


if __name__ == "__main__":
    asyncio.run(main())
