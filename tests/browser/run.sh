#!/usr/bin/env bash
# tests/browser/run.sh — the browser tests against a stack of their own.
#
#   tests/browser/run.sh [BIN [COUNTS_FILE]]      (BIN defaults to build/asan/cxms)
#
# Starts scripts/stack.sh (PostgreSQL + cxms serve/worker + nginx, demo data, --fast, high auth rate,
# no SMTP: the worker stores mails in the `mails` table) in a temp dir on a free port pair, runs
# tests/browser/run.mjs (headless /usr/bin/chromium via playwright-core), always stops the stack, then
# checks serve.log / worker.log for sanitizer reports (one extra failure). Writes "passed failed" to
# COUNTS_FILE; the last line printed is "browser: N passed, M failed"; exits 1 on any failure, and then
# keeps the temp dir (logs, failure screenshots are in tests/browser/out/) and shows the serve.log tail.
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT" || exit 1
BIN=${1:-build/asan/cxms}
COUNTS=${2:-}
case "$BIN" in /*) ;; *) BIN=$ROOT/$BIN ;; esac
case "$COUNTS" in '' | /*) ;; *) COUNTS=$PWD/$COUNTS ;; esac

finish() { # passed failed — prints the closing line, writes the counts, exits
	echo "browser: $1 passed, $2 failed"
	if [ -n "$COUNTS" ]; then
		echo "$1 $2" >"$COUNTS"
	fi
	[ "$2" -eq 0 ] && exit 0
	exit 1
}

if [ -n "$COUNTS" ]; then
	rm -f "$COUNTS"
fi
if [ ! -x "$BIN" ]; then
	echo "browser: no executable $BIN (build it first: make asan)" >&2
	finish 0 1
fi
for tool in node psql /usr/bin/chromium; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "browser: $tool not found (scripts/deps.sh)" >&2
		finish 0 1
	fi
done
if [ ! -f "$HERE/node_modules/playwright-core/package.json" ]; then
	echo "# installing playwright-core (no browser download)"
	(cd "$HERE" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) || {
		echo "browser: npm ci failed in $HERE" >&2
		finish 0 1
	}
fi

# A free port on 127.0.0.1 whose successor is free too (nginx also listens on PORT+1 for nchan publishing).
free_port_pair() {
	node -e '
		const net = require("node:net");
		const tryBind = (port) => new Promise((res) => {
			const s = net.createServer().once("error", () => res(null)).listen(port, "127.0.0.1", () => res(s));
		});
		(async () => {
			for (let i = 0; i < 200; i++) {
				const a = await tryBind(0);
				if (!a) continue;
				const port = a.address().port;
				const b = port < 65535 ? await tryBind(port + 1) : null;
				a.close();
				if (b) { b.close(); console.log(port); return; }
			}
			process.exit(1);
		})();'
}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/cxms-browser-XXXXXX")
PORT=$(free_port_pair) || {
	echo "browser: no free port" >&2
	finish 0 1
}
BASE=http://127.0.0.1:$PORT
STARTED=0

# The stack's own PostgreSQL and no SMTP, whatever the caller's environment says.
unset DATABASE_URL SMTP_URL CXMS_DEV
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

stop_stack() {
	if [ "$STARTED" = 1 ]; then
		STARTED=0
		scripts/stack.sh stop "$TMP" >/dev/null 2>&1 || echo "browser: stopping the stack in $TMP failed" >&2
	fi
}
trap stop_stack EXIT
trap 'stop_stack; trap - EXIT; echo "browser: interrupted"; finish 0 1' INT TERM

# The server reads the catalogs once at start-up, while translators may be editing them: the Bengali
# test compares against the copy taken now.
# Catalogs are locale/LANG/*.po (formerly locale/LANG.po).
mkdir -p "$TMP/po-bn"
if [ -d locale/bn ]; then
	cp locale/bn/*.po "$TMP/po-bn/" 2>/dev/null || true
elif [ -f locale/bn.po ]; then
	cp locale/bn.po "$TMP/po-bn/"
fi
STARTED=1
t0=$(date +%s)
if ! scripts/stack.sh start "$TMP" "$PORT" --seed --fast --bin "$BIN" --auth-rate 6000r/m \
	</dev/null >"$TMP/stack-start.log" 2>&1; then
	cat "$TMP/stack-start.log"
	stop_stack
	echo "FAIL  stack start (state in $TMP)"
	finish 0 1
fi
echo "# stack up in $(($(date +%s) - t0))s at $BASE (state in $TMP)"
# shellcheck source=/dev/null
DBURL=$(. "$TMP/stack.env" && printf '%s' "$DATABASE_URL")

NODE_COUNTS=$TMP/node-counts
timeout -k 10 600 node "$HERE/run.mjs" --base "$BASE" --dburl "$DBURL" --counts "$NODE_COUNTS" --po "$TMP/po-bn" |
	grep -v '^browser: [0-9]* passed, [0-9]* failed$'
passed=0 failed=1
if [ -s "$NODE_COUNTS" ]; then
	read -r passed failed <"$NODE_COUNTS"
else
	echo "FAIL  run.mjs did not report its results (counted as one failure)"
fi

stop_stack
# Sanitizer reports are complete only once the processes have exited (LeakSanitizer runs at exit).
for log in serve.log worker.log; do
	if grep -q -E 'ERROR: AddressSanitizer|runtime error:|LeakSanitizer' "$TMP/$log" 2>/dev/null; then
		echo "FAIL  sanitizer report in $log:"
		grep -n -m 1 -A 30 -E 'ERROR: AddressSanitizer|runtime error:|LeakSanitizer' "$TMP/$log" | sed 's/^/    /'
		failed=$((failed + 1))
	fi
done

if [ "$failed" -ne 0 ]; then
	echo "---- tail of $TMP/serve.log"
	tail -n 40 "$TMP/serve.log"
	echo "# kept $TMP"
else
	rm -rf "$TMP"
fi
finish "$passed" "$failed"
