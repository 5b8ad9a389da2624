#!/usr/bin/env bash
# tests/bench/consent.sh — consent ledger figures on a running stack: appends N chained ledger rows
# (`cxms bench-ledger`), times `cxms verify-ledger` over the whole ledger, then streams the consent
# export as CSV through nginx as a compliance officer and reports throughput and the app's peak
# memory (VmHWM of `cxms serve`, which is the peak over the whole life of the process).
#   tests/bench/consent.sh VAR_DIR BASE_URL BIN [N]      (called by tests/bench/run.sh; N default 1000000)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
VAR=$1 BASE=$2 BIN=$3 N=${4:-${BENCH_LEDGER_ROWS:-1000000}}
eval "$(scripts/stack.sh env "$VAR")"
pid=$(cat "$VAR/serve.pid")
hwm() { awk '/^VmHWM/ { print $2 " " $3 }' "/proc/$pid/status"; }
rss() { awk '/^VmRSS/ { print $2 " " $3 }' "/proc/$pid/status"; }

secs() { # runs "$@", prints the elapsed seconds
	local t0 t1
	t0=$(date +%s.%N)
	"$@" >/dev/null
	t1=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }'
}

echo
echo "consent ledger: appending $N rows"
t=$(secs "$BIN" bench-ledger "$N")
rows=$(psql -X -A -t -d "$DATABASE_URL" -c "SELECT count(*) FROM consent_events")
echo "  bench-ledger $N: ${t}s ($rows rows in the ledger)"
t=$(secs "$BIN" verify-ledger)
echo "  verify-ledger: ${t}s ($(awk -v n="$rows" -v t="$t" 'BEGIN { printf "%.0f", n / t }') rows/s)"
if [ -x /usr/bin/time ]; then
	# (includes the 64 MiB Argon2id dummy hash every cxms command computes at start, crypto.c)
	echo "  verify-ledger peak memory: $(/usr/bin/time -f '%M' "$BIN" verify-ledger 2>&1 >/dev/null | tail -n 1) kB"
fi

jar=$(mktemp "$VAR/jar.XXXXXX")
csrf() { sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1; }
tok=$(curl -s -c "$jar" -b "$jar" "$BASE/admin/signin" | csrf)
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf=$tok" \
	--data-urlencode "email=compliance@example.com" --data-urlencode "password=demo-compliance-pass" \
	"$BASE/admin/signin"
tok=$(curl -s -c "$jar" -b "$jar" "$BASE/admin/compliance" | csrf)
[ -n "$tok" ] || { echo "bench: cannot sign in as the compliance officer" >&2; exit 1; }
echo "  app before export: VmRSS $(rss), VmHWM $(hwm) (Argon2id sign-ins alone take 64 MiB)"
# VmHWM is the peak of the whole process life: sample VmRSS during the export instead
touch "$VAR/export.sampling"
(
	peak=0
	while [ -e "$VAR/export.sampling" ]; do
		kb=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status")
		[ "$kb" -gt "$peak" ] && peak=$kb
		sleep 0.02
	done
	echo "$peak" >"$VAR/export.peak"
) &
sampler=$!
out=$(curl -s -o "$VAR/export.csv" -w '%{http_code} %{size_download} %{time_total}' -b "$jar" \
	--data-urlencode "csrf=$tok" --data-urlencode "format=csv" --data-urlencode "reason=benchmark" \
	"$BASE/admin/compliance/export")
rm -f "$VAR/export.sampling"
wait "$sampler"
read -r code size total <<<"$out"
lines=$(wc -l <"$VAR/export.csv")
rm -f "$VAR/export.csv" "$jar"
[ "$code" = 200 ] || { echo "bench: export answered $code" >&2; exit 1; }
echo "  CSV export: $((lines - 1)) rows, $((size / 1048576)) MiB in ${total}s" \
	"($(awk -v n="$lines" -v t="$total" 'BEGIN { printf "%.0f", n / t }') rows/s," \
	"$(awk -v s="$size" -v t="$total" 'BEGIN { printf "%.1f", s / 1048576 / t }') MiB/s)"
echo "  app during export: peak VmRSS $(cat "$VAR/export.peak") kB (target: constant, < 64 MiB); after: VmRSS $(rss)"
rm -f "$VAR/export.peak"
