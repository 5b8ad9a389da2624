#!/usr/bin/python3
# tests/http/run.py — runs the black-box HTTP tests (tests/http/test_*.py) against a fresh stack.
#
#   /usr/bin/python3 tests/http/run.py [BIN | --bin BIN] [--counts FILE] [-k SUBSTRING] [--keep] [--timeout SECONDS]
#
# BIN defaults to build/asan/cxms. Starts an SMTP sink (aiosmtpd, Maildir), then scripts/stack.sh in a
# temp dir on free ports (--fast, high rate limits), runs every `test_*(h)` function of every test file
# in file order, stops the stack, and checks serve.log / worker.log for sanitizer reports (one extra
# failure named `sanitizers`) and nginx's error.log for crashed workers (failure `nginx`).
# Prints `ok - file::name` / `FAIL - file::name`, then `http: N passed, M failed`; exit 1 on any failure.
# The temp dir is removed unless something failed (or --keep). DATABASE_URL from the environment is
# ignored: the tests always get their own PostgreSQL.
import argparse
import importlib.util
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, HERE)

from harness import Harness  # noqa: E402

SANITIZER_PATTERNS = ("ERROR: AddressSanitizer", "runtime error:", "LeakSanitizer")


class TestTimeout(Exception):
    pass


class StackFailed(Exception):
    pass


def free_port(pair=False):
    """A free TCP port on 127.0.0.1 (with pair=True, one whose successor is free too)."""
    for _ in range(200):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        if not pair:
            s.close()
            return port
        t = socket.socket()
        try:
            t.bind(("127.0.0.1", port + 1))
        except OSError:
            continue
        finally:
            t.close()
            s.close()
        return port
    raise RuntimeError("no free port")


def wait_port(port, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


def stack_env(var):
    """The environment the stack's processes run with: os.environ + VAR/stack.env (sourced by bash)."""
    out = subprocess.run(["bash", "-c", 'set -a; . "$1"; env -0', "bash", os.path.join(var, "stack.env")],
                         capture_output=True, check=True)
    env = {}
    for item in out.stdout.split(b"\0"):
        if b"=" in item:
            k, _, v = item.partition(b"=")
            env[k.decode()] = v.decode()
    return env


def discover(pattern):
    tests = []
    for path in sorted(os.listdir(HERE)):
        if not (path.startswith("test_") and path.endswith(".py")):
            continue
        full = os.path.join(HERE, path)
        name = "cxms_http_" + path[:-3]
        spec = importlib.util.spec_from_file_location(name, full)
        mod = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(mod)
        except Exception:
            tests.append((path, "<import>", None, traceback.format_exc()))
            continue
        for fname, fn in list(vars(mod).items()):
            if fname.startswith("test_") and callable(fn) and getattr(fn, "__module__", None) == name:
                label = "%s::%s" % (path, fname)
                if pattern and not any(p in label for p in pattern):
                    continue
                tests.append((path, fname, fn, None))
    return tests


def log_excerpt(path, patterns, context=40):
    """First sanitizer report in a log, or None."""
    try:
        with open(path, errors="replace") as f:
            lines = f.readlines()
    except FileNotFoundError:
        return None
    for i, line in enumerate(lines):
        if any(p in line for p in patterns):
            start = max(0, i - 3)
            return "".join(lines[start:i + context])
    return None


def main():
    ap = argparse.ArgumentParser(description="CXMS HTTP tests")
    ap.add_argument("bin", nargs="?", default=None, help="the cxms binary (default build/asan/cxms)")
    ap.add_argument("--bin", dest="bin_opt", help="same as the positional BIN")
    ap.add_argument("--counts", help="write 'passed failed' to this file")
    ap.add_argument("-k", action="append", dest="pattern", help="only tests whose file::name contains this")
    ap.add_argument("--keep", action="store_true", help="keep the temp dir even when everything passed")
    ap.add_argument("--timeout", type=int, default=int(os.environ.get("CXMS_TEST_TIMEOUT", "120")),
                    help="seconds per test (default 120)")
    args = ap.parse_args()

    bin_path = os.path.abspath(args.bin_opt or args.bin or os.path.join(ROOT, "build/asan/cxms"))
    if not os.access(bin_path, os.X_OK):
        print("http: no executable %s (build it first)" % bin_path, file=sys.stderr)
        write_counts(args.counts, 0, 1)
        return 1

    tmp = tempfile.mkdtemp(prefix="cxms-http-")
    maildir = os.path.join(tmp, "mail")
    port = free_port(pair=True)
    smtp_port = free_port()
    passed = failed = 0
    smtp = None
    started = False

    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env["SMTP_URL"] = "smtp://127.0.0.1:%d" % smtp_port
    env["ASAN_OPTIONS"] = "detect_leaks=1:abort_on_error=0"
    env["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
    env.pop("CXMS_DEV", None)
    env["CXMS_STATEMENT_TIMEOUT"] = "5"  # test_server.py waits for it; the suite's statements take milliseconds
    stack = os.path.join(ROOT, "scripts", "stack.sh")

    def on_term(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)

    try:
        smtp_log = open(os.path.join(tmp, "smtp.log"), "w")
        smtp = subprocess.Popen(["/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:%d" % smtp_port,
                                 "-c", "aiosmtpd.handlers.Mailbox", maildir],
                                stdin=subprocess.DEVNULL, stdout=smtp_log, stderr=subprocess.STDOUT)
        if not wait_port(smtp_port):
            raise RuntimeError("SMTP sink did not start (see %s/smtp.log)" % tmp)

        t0 = time.time()
        cmd = [stack, "start", tmp, str(port), "--seed", "--bin", bin_path, "--fast",
               "--auth-rate", "6000r/m", "--api-rate", "60000r/m", "--chat-rate", "6000r/m"]
        with open(os.path.join(tmp, "stack-start.log"), "w") as sl:
            r = subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL, stdout=sl, stderr=subprocess.STDOUT,
                               cwd=ROOT)
        started = True
        if r.returncode != 0:
            with open(os.path.join(tmp, "stack-start.log")) as sl:
                sys.stdout.write(sl.read())
            raise StackFailed()
        print("# stack up in %.1fs at http://127.0.0.1:%d (state in %s)" % (time.time() - t0, port, tmp))
        sys.stdout.flush()

        h = Harness("http://127.0.0.1:%d" % port, stack_env(tmp), tmp, bin_path, maildir, ROOT)

        def on_alarm(signum, frame):
            raise TestTimeout("test took longer than %ds" % args.timeout)

        signal.signal(signal.SIGALRM, on_alarm)
        for path, fname, fn, import_error in discover(args.pattern):
            label = "%s::%s" % (path, fname)
            if import_error:
                failed += 1
                print("FAIL - %s\n%s" % (label, indent(import_error)))
                continue
            t = time.time()
            signal.alarm(args.timeout)
            try:
                fn(h)
                signal.alarm(0)
                passed += 1
                print("ok - %s" % label)
            except KeyboardInterrupt:
                raise
            except BaseException:
                signal.alarm(0)
                failed += 1
                print("FAIL - %s (%.1fs)\n%s" % (label, time.time() - t, indent(traceback.format_exc())))
            sys.stdout.flush()
    except StackFailed:
        failed += 1
        print("FAIL - stack start (logs in %s)" % tmp)
    except KeyboardInterrupt:
        print("# interrupted")
        failed += 1
    except Exception:
        failed += 1
        print("FAIL - harness\n%s" % indent(traceback.format_exc()))
    finally:
        signal.alarm(0)
        if started:
            subprocess.run([stack, "stop", tmp], env=env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        if smtp is not None:
            smtp.terminate()
            try:
                smtp.wait(5)
            except subprocess.TimeoutExpired:
                smtp.kill()

    # Sanitizer reports are complete only once the processes have exited (LeakSanitizer runs at exit).
    reports = []
    for log in ("serve.log", "worker.log"):
        ex = log_excerpt(os.path.join(tmp, log), SANITIZER_PATTERNS)
        if ex:
            reports.append("---- %s\n%s" % (log, ex))
    if reports:
        failed += 1
        print("FAIL - sanitizers\n%s" % indent("".join(reports)))
    ex = log_excerpt(os.path.join(tmp, "nginx", "error.log"), ("exited on signal",), context=5)
    if ex:
        failed += 1
        print("FAIL - nginx (a worker process crashed)\n%s" % indent(ex))

    print("http: %d passed, %d failed" % (passed, failed))
    write_counts(args.counts, passed, failed)
    if failed or args.keep:
        print("# kept %s" % tmp)
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


def indent(text):
    return re.sub(r"(?m)^", "    ", text.rstrip("\n"))


def write_counts(path, passed, failed):
    if path:
        with open(path, "w") as f:
            f.write("%d %d\n" % (passed, failed))


if __name__ == "__main__":
    sys.exit(main())
