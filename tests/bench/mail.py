#!/usr/bin/env python3
"""tests/bench/mail.py — mail through `cxms mailgate` as an MTA hands it over: N mails of about 100 KB
(4 KB of text, the same as HTML, a 160 KB file on every other one; distinct senders and Message-IDs),
piped by P concurrent mailgates (an MTA delivers in parallel), on a stack with PostgreSQL's production
durability (fsync and synchronous_commit on). Two figures: stored per second (the mailgate's exit 0:
what the MTA waits for) and threaded per second (stored, parsed, threaded and routed by the worker).
Target (issue 10): 300 mails a second.

Environment: BIN (build/release/cxms), BENCH_MAIL_N (2000), BENCH_MAIL_PARALLEL (4), BENCH_MAIL_KB (100).
Usage: tests/bench/mail.py                 (own stack in a temp dir)
       tests/bench/mail.py VAR_DIR BIN     (a running seeded stack)
"""
import concurrent.futures
import os
import random
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
N = int(os.environ.get("BENCH_MAIL_N", "2000"))
PARALLEL = int(os.environ.get("BENCH_MAIL_PARALLEL", "4"))
KB = int(os.environ.get("BENCH_MAIL_KB", "100"))
WORDS = open(os.path.join(ROOT, "tests/bench/desk_words.txt"), encoding="utf-8").read().split()


def stack_env(var):
    out = subprocess.run(["bash", "-c", 'eval "$(scripts/stack.sh env %s)" && env -0' % shlex.quote(var)],
                         cwd=ROOT, capture_output=True, check=True).stdout
    return dict(x.split("=", 1) for x in out.decode().split("\0") if "=" in x)


def make_mail(i, rnd):
    """About KB kilobytes shaped as mail from a person is: a few KB of text, the same words as HTML with
    a client's markup around them, and on every other mail a file (most of a large mail's bytes)."""
    text = []
    size = 0
    while size < KB * 1024 * 0.04:
        line = " ".join(rnd.choice(WORDS) for _ in range(12))
        text.append(line)
        size += len(line) + 1
    body = "\n".join(text)
    html = ("<html><head><style>p.MsoNormal{margin:0cm;font-family:Calibri,sans-serif}</style></head><body>"
            + "".join('<p class="MsoNormal" style="margin:0;font-size:11pt;color:#1f1f1f">%s</p>' % l for l in text)
            + "</body></html>")
    parts = ["--b\nContent-Type: multipart/alternative; boundary=a\n\n"
             "--a\nContent-Type: text/plain; charset=utf-8\n\n%s\n"
             "--a\nContent-Type: text/html; charset=utf-8\n\n%s\n--a--\n" % (body, html)]
    if i % 2 == 0:
        blob = "".join(rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
                       for _ in range(int(KB * 1024 * 1.6)))
        lines = "\n".join(blob[k:k + 76] for k in range(0, len(blob), 76))
        parts.append("--b\nContent-Type: application/pdf; name=\"order-%d.pdf\"\nContent-Disposition: attachment;"
                     " filename=\"order-%d.pdf\"\nContent-Transfer-Encoding: base64\n\n%s\n" % (i, i, lines))
    head = ("Received: from mx.client.example by mx.nodi.example; Tue, 1 Dec 2026 10:00:00 +0000\n"
            "From: Bench Sender %d <bench-%d@client.example>\nTo: support@nodi.example\n"
            "Subject: Order %d question\nDate: Tue, 01 Dec 2026 10:00:00 +0000\n"
            "Message-ID: <bench-%d-%d@client.example>\nMIME-Version: 1.0\n"
            "Content-Type: multipart/mixed; boundary=b\n\n" % (i, i, i, i, rnd.randrange(1 << 30)))
    return (head + "".join(parts) + "--b--\n").encode()


def main():
    bin_path = os.environ.get("BIN", "build/release/cxms")
    own = len(sys.argv) < 2
    var = tempfile.mkdtemp(prefix="cxms-bench-mail.") if own else sys.argv[1]
    if len(sys.argv) > 2:
        bin_path = sys.argv[2]
    bin_path = os.path.join(ROOT, bin_path)
    started = False
    try:
        if own:
            port = subprocess.run([sys.executable, "tests/bench/free-ports.py"], cwd=ROOT, capture_output=True,
                                  text=True, check=True).stdout.strip()
            env = dict(os.environ)
            env.pop("DATABASE_URL", None)
            with open(os.path.join(var, "stack-start.log"), "w") as log:
                # no --fast: every mailgate commit waits for its WAL flush, as in production
                subprocess.run(["scripts/stack.sh", "start", var, port, "--seed", "--bin", bin_path], cwd=ROOT,
                               env=env, stdout=log, stderr=subprocess.STDOUT, check=True)
            started = True
        env = stack_env(var)
        psql = shutil.which("psql", path=env.get("PATH"))

        def sql(q):
            return subprocess.run([psql, "-X", "-A", "-t", "-d", env["DATABASE_URL"], "-c", q], capture_output=True,
                                  text=True, check=True).stdout.strip()

        settings = sql("SELECT string_agg(name || '=' || setting, ' ' ORDER BY name) FROM pg_settings"
                       " WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers')")
        rnd = random.Random(1)
        mails = [make_mail(i, rnd) for i in range(N)]
        mb = sum(len(m) for m in mails) / 1e6
        base = int(sql("SELECT coalesce(max(id), 0) FROM inbound_mails"))
        print("bench mail: %d mails, %.0f KB each on average (%.0f MB), %d mailgates at a time; PostgreSQL %s"
              % (N, mb * 1000 / N, mb, PARALLEL, settings))

        def gate(raw):
            r = subprocess.run([bin_path, "mailgate"], input=raw, capture_output=True, env=env)
            return r.returncode, r.stderr

        t0 = time.time()
        with concurrent.futures.ThreadPoolExecutor(PARALLEL) as ex:
            results = list(ex.map(gate, mails))
        stored_s = time.time() - t0
        bad = [r for r in results if r[0] != 0]
        if bad:
            print("bench mail: %d mailgates failed, e.g. %r" % (len(bad), bad[0]))
            return 1
        deadline = time.time() + 600
        while True:
            left = int(sql("SELECT count(*) FROM inbound_mails WHERE id > %d AND status = 'stored'" % base))
            if left == 0 or time.time() > deadline:
                break
            time.sleep(0.2)
        threaded_s = time.time() - t0
        threaded = int(sql("SELECT count(*) FROM inbound_mails WHERE id > %d AND status = 'threaded'" % base))
        print("  stored by the mailgate   %7.1f mails/s  (%d in %.1f s)  target 300/s: %s"
              % (N / stored_s, N, stored_s, "met" if N / stored_s >= 300 else "MISSED"))
        print("  threaded by the worker   %7.1f mails/s  (%d of %d in %.1f s from the first)"
              % (threaded / threaded_s, threaded, N, threaded_s))
        return 0 if threaded == N else 1
    finally:
        if started:
            subprocess.run(["scripts/stack.sh", "stop", var], cwd=ROOT, stdout=subprocess.DEVNULL)
        if own:
            shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
