#!/usr/bin/env bash
# tests/bench/run.sh — throughput benchmark: a seeded stack (release build) in a temp dir, wrk against each
# path in BENCH_PATHS, then a table of req/s, p99 latency and the ratio to nginx's static 8 KiB page.
# Environment: BIN (default build/release/cxms), BENCH_PATHS (space-separated, the first one is the
# baseline), BENCH_DURATION (default 10s), BENCH_THREADS (2), BENCH_CONNECTIONS (32), CXMS_THREADS.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
BIN=${BIN:-build/release/cxms}
# Add new pages here as features land (e.g. /help, /help/search?q=refund).
BENCH_PATHS=${BENCH_PATHS:-"/bench-static.html /healthz / /help /help/search?q=delivery"}
DURATION=${BENCH_DURATION:-10s}
THREADS=${BENCH_THREADS:-2}
CONNS=${BENCH_CONNECTIONS:-32}

command -v wrk >/dev/null 2>&1 || {
	echo "bench: wrk not found (scripts/deps.sh)" >&2
	exit 1
}

tmp=$(mktemp -d /tmp/cxms-bench.XXXXXX)
port=$(/usr/bin/python3 tests/bench/free-ports.py)
started=0
cleanup() {
	if [ "$started" = 1 ]; then
		scripts/stack.sh stop "$tmp" >/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

env -u DATABASE_URL scripts/stack.sh start "$tmp" "$port" --seed --bin "$BIN" --fast \
	--auth-rate 600000r/m --api-rate 600000r/m --chat-rate 600000r/m >"$tmp/stack-start.log" 2>&1 || {
	cat "$tmp/stack-start.log" >&2
	exit 1
}
started=1
base=http://127.0.0.1:$port

echo "bench: $BIN, wrk -t$THREADS -c$CONNS -d$DURATION --latency, $base"
# Warm-up: every path must answer 200 (a benchmark of an error page means nothing), then a short run.
for path in $BENCH_PATHS; do
	code=$(curl -s -o /dev/null -w '%{http_code}' "$base$path")
	if [ "$code" != 200 ]; then
		echo "bench: $path answers $code, not 200" >&2
		exit 1
	fi
	wrk -t"$THREADS" -c"$CONNS" -d2s "$base$path" >/dev/null
done

printf '%-32s %12s %10s %8s  %s\n' path req/s p99 ratio notes
baseline=""
for path in $BENCH_PATHS; do
	out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "$base$path")
	rps=$(echo "$out" | awk '/^Requests\/sec:/ { print $2 }')
	p99=$(echo "$out" | awk '$1 == "99%" { print $2 }')
	errs=$(echo "$out" | awk '/Non-2xx or 3xx responses:/ { print $NF } /Socket errors:/ { print "socket errors:" $0 }' | tr '\n' ' ')
	if [ -z "$baseline" ]; then
		baseline=$rps
	fi
	ratio=$(awk -v a="$rps" -v b="$baseline" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "-" }')
	notes=""
	if [ -n "$errs" ]; then
		notes="non-2xx/errors: $errs"
	fi
	printf '%-32s %12s %10s %8s  %s\n' "$path" "$rps" "$p99" "$ratio" "$notes"
done

# consent ledger: a million chained rows, verify-ledger, and the streamed CSV export (peak memory)
tests/bench/consent.sh "$tmp" "$base" "$BIN" || echo "bench: the consent figure failed" >&2

# Live chat (tests/bench/chat.py): agent post -> customer stream latency with 500 subscribers connected,
# and nginx's memory with 5,000 idle streams.
/usr/bin/python3 tests/bench/chat.py --var "$tmp" --base "$base" || echo "bench: the chat figure failed" >&2

# Surveys (tests/bench/surveys.sh): the results page with 100,000 responses; target under 200 ms median.
tests/bench/surveys.sh "$tmp" "$base" "$BIN" || echo "bench: the surveys figure failed" >&2

# Agent desktop at 1M conversations / 10M messages (tests/bench/desk.sh): its own stack, fsync on (not --fast).
tests/bench/desk.sh || echo "bench: the desk figure failed" >&2

# Mail through the mailgate (tests/bench/mail.py): 2,000 mails of ~100 KB, its own stack, fsync on.
/usr/bin/python3 tests/bench/mail.py || echo "bench: the mail figure failed" >&2
