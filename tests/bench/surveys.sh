#!/usr/bin/env bash
# tests/bench/surveys.sh — the survey results page with 100,000 responses: a seeded stack (release build)
# in a temp dir, 100,000 responses added with generate_series (spread over 52 weeks, 6 agents, 5 channels,
# 4 topics, a comment on every 7th), then the page timed with curl (median of BENCH_SURVEY_RUNS) and wrk.
# Target: under 200 ms median per page. Environment: BIN (default build/release/cxms), BENCH_SURVEY_N
# (100000), BENCH_SURVEY_RUNS (21), BENCH_DURATION (10s), BENCH_CONNECTIONS (1: one page at a time, as a person waits for it).
# Usage: tests/bench/surveys.sh                      (own stack in a temp dir)
#        tests/bench/surveys.sh VAR_DIR BASE_URL BIN  (a seeded stack already running, from run.sh)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
BIN=${BIN:-build/release/cxms}
N=${BENCH_SURVEY_N:-100000}
RUNS=${BENCH_SURVEY_RUNS:-21}
DURATION=${BENCH_DURATION:-10s}
CONNS=${BENCH_CONNECTIONS:-1}

started=0
own=0
jar=
cleanup() {
	if [ "$started" = 1 ]; then
		scripts/stack.sh stop "$tmp" >/dev/null || true
	fi
	if [ "$own" = 1 ]; then
		rm -rf "$tmp"
	fi
	rm -f "${jar:-}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
if [ $# -ge 2 ]; then
	tmp=$1
	base=$2
	BIN=${3:-$BIN}
	own=0
else
	own=1
	tmp=$(mktemp -d /tmp/cxms-bench-surveys.XXXXXX)
fi
if [ "$own" = 1 ]; then
port=$(/usr/bin/python3 tests/bench/free-ports.py)

env -u DATABASE_URL scripts/stack.sh start "$tmp" "$port" --seed --bin "$BIN" --fast \
	--auth-rate 600000r/m --api-rate 600000r/m --chat-rate 600000r/m >"$tmp/stack-start.log" 2>&1 || {
	cat "$tmp/stack-start.log" >&2
	exit 1
}
started=1
base=http://127.0.0.1:$port
fi
eval "$(scripts/stack.sh env "$tmp")"
jar=$(mktemp /tmp/cxms-bench-surveys-jar.XXXXXX)

# A CSAT survey with N responses: ids, agents, channels and topics spread deterministically.
sid=$(psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$DATABASE_URL" -v n="$N" <<'SQL'
INSERT INTO staff (email, name, roles)
	SELECT 'bench-agent-' || g || '@example.com', 'Bench Agent ' || g, '{agent}' FROM generate_series(1, 5) g;
WITH s AS (INSERT INTO surveys (kind, title_en, status) VALUES ('csat', 'Bench CSAT', 'active') RETURNING id),
q AS (INSERT INTO survey_questions (survey_id, position, qtype, text_en, required, scale_min, scale_max, is_score)
	SELECT id, 1, 'rating', 'How satisfied are you?', true, 1, 5, true FROM s
	UNION ALL SELECT id, 2, 'text', 'Anything else?', false, 1, 5, false FROM s RETURNING survey_id),
agents AS (SELECT ARRAY(SELECT id FROM staff WHERE 'agent' = ANY (roles) ORDER BY id) AS a),
r AS (INSERT INTO survey_responses (survey_id, channel, agent_id, team, topic, score, comment, started_at,
		answered_at, completed_at)
	SELECT s.id, (ARRAY['web', 'web', 'email', 'phone', 'social'])[1 + g % 5],
		(SELECT a[1 + g % cardinality(a)] FROM agents), 'Support',
		(ARRAY['order', 'delivery', 'billing', 'other'])[1 + g % 4],
		1 + (g * 7919) % 5, CASE WHEN g % 7 = 0 THEN 'Bench comment ' || g END,
		now() - (g % 364) * interval '1 day', now() - (g % 364) * interval '1 day',
		now() - (g % 364) * interval '1 day'
	FROM s, generate_series(1, :n) g RETURNING survey_id)
SELECT DISTINCT survey_id FROM r;
ANALYZE survey_responses;
SQL
)
echo "bench: survey $sid with $(psql -X -A -t -d "$DATABASE_URL" -c "SELECT count(*) FROM survey_responses WHERE survey_id = $sid") responses"

# Sign in as the demo supervisor (CSRF token from the sign-in form).
form=$(curl -s -c "$jar" -b "$jar" "$base/admin/signin")
csrf=$(printf '%s' "$form" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
code=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" -H "Origin: $base" \
	--data-urlencode "csrf=$csrf" --data-urlencode "email=supervisor@example.com" \
	--data-urlencode "password=demo-supervisor-pass" "$base/admin/signin")
[ "$code" = 303 ] || { echo "bench: sign-in failed ($code)" >&2; exit 1; }
cookie=$(awk '(/^#HttpOnly_/ || !/^#/) && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$jar")

printf '%-44s %10s %10s %10s\n' page median_ms min_ms max_ms
for path in "/admin/surveys/$sid" "/admin/surveys/$sid?weeks=52" "/admin/surveys/$sid?weeks=52&band=bad"; do
	code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base$path")
	[ "$code" = 200 ] || { echo "bench: $path answers $code" >&2; exit 1; }
	times=$(for _ in $(seq "$RUNS"); do
		curl -s -o /dev/null -w '%{time_total}\n' -H "Cookie: $cookie" "$base$path"
	done | sort -n)
	median=$(echo "$times" | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] * 1000 }')
	min=$(echo "$times" | head -1 | awk '{ printf "%.1f", $1 * 1000 }')
	max=$(echo "$times" | tail -1 | awk '{ printf "%.1f", $1 * 1000 }')
	printf '%-44s %10s %10s %10s\n' "$path" "$median" "$min" "$max"
done
if command -v wrk >/dev/null 2>&1; then
	echo "wrk -t1 -c$CONNS -d$DURATION --latency /admin/surveys/$sid?weeks=52"
	wrk -t1 -c"$CONNS" -d"$DURATION" --latency -H "Cookie: $cookie" "$base/admin/surveys/$sid?weeks=52" |
		awk '/Requests\/sec|50%|90%|99%|Non-2xx/'
fi
