#!/usr/bin/env bash
# tests/bench/desk.sh — the agent desktop at realistic size: 1,000,000 conversations and 10,000,000
# messages (tests/bench/desk_data*.sql), then the list, a conversation of 500 messages and searches,
# signed in as the demo agent, measured against nginx's static page in the same run.
#   per path a sequential curl loop (a person waits for one page at a time: p50/p99 of single requests),
#   then wrk -t2 -c32 -d10s --latency (throughput under load); BENCH_DESK_ROUNDS times.
# Targets (from the issue): the list >= 0.05 of the static page's req/s; the 500-message conversation
# p99 < 20 ms; search p99 < 50 ms (p99 of the sequential loop). Every answer must be 200.
# The stack runs with PostgreSQL's defaults (fsync on, synchronous_commit on: what production uses),
# not --fast; the settings in force are printed first.
# Environment: BIN (build/release/cxms), BENCH_DESK_CONVERSATIONS (1000000), BENCH_DESK_MESSAGES
# (10000000), BENCH_DESK_CUSTOMERS (200000), BENCH_DESK_AGENTS (40), BENCH_DESK_CHUNKS (24),
# BENCH_DURATION (10s), BENCH_THREADS (2), BENCH_CONNECTIONS (32), BENCH_DESK_RUNS (200 sequential
# requests per path, at most BENCH_DESK_RUN_SECONDS (20) s), BENCH_DESK_ROUNDS (2; 0: only load the
# data), BENCH_DESK_KEEP (1: leave the stack running, for another run with its VAR_DIR BASE_URL BIN),
# BENCH_DESK_SLOW_MS (1000: a path slower than this gets no wrk and BENCH_DESK_SLOW_RUNS (3) requests),
# BENCH_DESK_TIMEOUT (50 s: a request given up, its statement cancelled; nginx's own limit is 60 s),
# BENCH_DESK_EXPLAIN (1: after the rounds, log the plans of the app's statements slower than 5 ms with
# auto_explain and print them for the paths that missed a target).
# Usage: tests/bench/desk.sh                      (own stack in a temp dir)
#        tests/bench/desk.sh VAR_DIR BASE_URL BIN  (a running seeded stack; the data is loaded into it
#                                                   unless it already has BENCH_DESK_CONVERSATIONS)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
BIN=${BIN:-build/release/cxms}
CONVS=${BENCH_DESK_CONVERSATIONS:-1000000}
MSGS=${BENCH_DESK_MESSAGES:-10000000}
CUSTS=${BENCH_DESK_CUSTOMERS:-200000}
AGENTS=${BENCH_DESK_AGENTS:-40}
CHUNKS=${BENCH_DESK_CHUNKS:-24}
DURATION=${BENCH_DURATION:-10s}
THREADS=${BENCH_THREADS:-2}
CONNS=${BENCH_CONNECTIONS:-32}
RUNS=${BENCH_DESK_RUNS:-200}
RUN_SECONDS=${BENCH_DESK_RUN_SECONDS:-20}
ROUNDS=${BENCH_DESK_ROUNDS:-2}
KEEP=${BENCH_DESK_KEEP:-0}
SLOW_MS=${BENCH_DESK_SLOW_MS:-1000}
SLOW_RUNS=${BENCH_DESK_SLOW_RUNS:-3}
TIMEOUT=${BENCH_DESK_TIMEOUT:-50}
EXPLAIN=${BENCH_DESK_EXPLAIN:-1}

command -v wrk >/dev/null 2>&1 || {
	echo "bench: wrk not found (scripts/deps.sh)" >&2
	exit 1
}

started=0
own=0
jar=
explaining=
cleanup() {
	if [ -n "$explaining" ]; then # the diagnosis's settings never outlive it
		psql -X -q -d "$DATABASE_URL" -c "ALTER DATABASE $explaining RESET ALL" \
			-c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database()
				AND pid <> pg_backend_pid() AND backend_type = 'client backend'" >/dev/null 2>&1 || true
	fi
	if [ "$started" = 1 ] && [ "$KEEP" != 1 ]; then
		scripts/stack.sh stop "$tmp" >/dev/null || true
	fi
	if [ "$own" = 1 ] && [ "$KEEP" != 1 ]; then
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
else
	own=1
	tmp=$(mktemp -d /tmp/cxms-bench-desk.XXXXXX)
	port=$(/usr/bin/python3 tests/bench/free-ports.py)
	# no --fast: PostgreSQL's defaults, fsync and synchronous_commit on
	env -u DATABASE_URL scripts/stack.sh start "$tmp" "$port" --seed --bin "$BIN" \
		--auth-rate 600000r/m --api-rate 600000r/m --chat-rate 600000r/m >"$tmp/stack-start.log" 2>&1 || {
		cat "$tmp/stack-start.log" >&2
		exit 1
	}
	started=1
	base=http://127.0.0.1:$port
fi
eval "$(scripts/stack.sh env "$tmp")"
q() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$DATABASE_URL" "$@"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", b - a }'; }

serve_exe=/proc/$(cat "$tmp/serve.pid")/exe
echo "bench desk: $BIN (running: $(sha256sum "$serve_exe" | cut -c1-12); on disk now: $(sha256sum "$BIN" | cut -c1-12), built $(date -u -r "$BIN" '+%Y-%m-%d %H:%M UTC')), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- app 2>/dev/null || echo ' + uncommitted changes in app/')"
echo "bench desk: $base, state in $tmp; $(nproc) cores, CXMS_THREADS=${CXMS_THREADS:-8 (default)}"
q -F ' ' -c "SELECT 'bench desk: ' || split_part(version(), ' ', 1) || ' ' || split_part(version(), ' ', 2)
	|| ': fsync=' || current_setting('fsync') || ' synchronous_commit=' || current_setting('synchronous_commit')
	|| ' full_page_writes=' || current_setting('full_page_writes') || ' shared_buffers=' || current_setting('shared_buffers')
	|| ' work_mem=' || current_setting('work_mem') || ' jit=' || current_setting('jit')
	|| ' random_page_cost=' || current_setting('random_page_cost')"
if [ "$(q -c 'SHOW fsync')" != on ] || [ "$(q -c 'SHOW synchronous_commit')" != on ]; then
	echo "bench desk: warning: this stack does not use production durability (started with --fast?)" >&2
fi

# ---- data ----
have=$(q -c "SELECT count(*) FROM conversations")
if [ "$have" -ge "$CONVS" ]; then
	echo "bench desk: the stack already has $have conversations; not generating"
else
	echo "bench desk: generating $CONVS conversations, $MSGS messages, $CUSTS customers, $AGENTS agents ($CHUNKS chunks, 2 at a time)"
	t0=$(now)
	grep -v '^#' tests/bench/desk_words.txt | q -v conversations="$CONVS" -v messages="$MSGS" -v customers="$CUSTS" \
		-v agents="$AGENTS" -v chunks="$CHUNKS" -f tests/bench/desk_data.sql >"$tmp/desk-plan.txt"
	t1=$(now)
	seq 0 $((CHUNKS - 1)) | xargs -P 2 -I '{}' psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$DATABASE_URL" -v chunk='{}' \
		-f tests/bench/desk_data_chunk.sql >"$tmp/desk-chunks.txt"
	q -f tests/bench/desk_data_finish.sql >/dev/null
	t2=$(now)
	# VACUUM first (hint bits and the visibility map: what a table that has lived looks like), then the
	# indexes and constraints exactly as saved, two sessions at a time: the GIN index of the search is the
	# longest, so it has one to itself; foreign keys come back NOT VALID, then VALIDATE (which lets the
	# index builds go on beside it).
	sess() { psql -X -q -v ON_ERROR_STOP=1 -d "$DATABASE_URL" "$@"; }
	{ echo "SET maintenance_work_mem = '1GB';"; echo "VACUUM messages;"; } | sess &
	a=$!
	{ echo "SET maintenance_work_mem = '1GB';"
	  echo "VACUUM conversation_events, conversations, customers, chat_conversations, conversation_tags, conversation_reads;"; } | sess &
	b=$!
	wait "$a"
	wait "$b"
	t3=$(now)
	q -c "SELECT def || ' NOT VALID;' FROM desk_bench.saved WHERE what = 'fkey' ORDER BY ord" >"$tmp/desk-fk.sql"
	sess -f "$tmp/desk-fk.sql"
	{ echo "SET maintenance_work_mem = '2GB'; SET max_parallel_maintenance_workers = 0;"
	  q -c "SELECT def || ';' FROM desk_bench.saved WHERE what = 'index' AND name = 'messages_search'"
	  q -c "SELECT format('ALTER TABLE %s VALIDATE CONSTRAINT %I;', tbl, name) FROM desk_bench.saved
		WHERE what = 'fkey' AND tbl = 'messages' ORDER BY ord"; } >"$tmp/desk-restore-a.sql"
	{ echo "SET maintenance_work_mem = '1GB'; SET max_parallel_maintenance_workers = 0; SET work_mem = '1GB';"
	  q -c "SELECT def || ';' FROM desk_bench.saved WHERE what IN ('index', 'unique') AND name <> 'messages_search'
		ORDER BY tbl <> 'messages', ord"
	  q -c "SELECT format('ALTER TABLE %s VALIDATE CONSTRAINT %I;', tbl, name) FROM desk_bench.saved
		WHERE what = 'fkey' AND tbl <> 'messages' ORDER BY ord"; } >"$tmp/desk-restore-b.sql"
	sess -f "$tmp/desk-restore-a.sql" &
	a=$!
	sess -f "$tmp/desk-restore-b.sql" &
	b=$!
	wait "$a"
	wait "$b"
	t4=$(now)
	{ echo "SET client_min_messages = warning;"
	  echo "ANALYZE;"
	  q -c "SELECT DISTINCT format('ALTER TABLE %s RESET (autovacuum_enabled);', tbl) FROM desk_bench.saved"
	  echo "DROP SCHEMA desk_bench CASCADE;"
	  echo "CHECKPOINT;"; } | sess
	t5=$(now)
	echo "bench desk: generated in $(secs "$t0" "$t5") s: plan and customers $(secs "$t0" "$t1") s, conversations/messages/events $(secs "$t1" "$t2") s, vacuum $(secs "$t2" "$t3") s, indexes and constraints $(secs "$t3" "$t4") s, analyze and checkpoint $(secs "$t4" "$t5") s"
fi
q -F ' ' -c "SELECT 'bench desk: ' || (SELECT count(*) FROM conversations) || ' conversations ('
	|| (SELECT count(*) FROM conversations WHERE status = 'open') || ' open, '
	|| (SELECT count(*) FROM conversations WHERE status = 'pending') || ' pending, '
	|| (SELECT count(*) FROM conversations WHERE status = 'open' AND assigned_to IS NULL) || ' open unassigned, '
	|| (SELECT count(*) FROM conversations c JOIN staff s ON s.id = c.assigned_to WHERE lower(s.email) = 'agent@example.com')
	|| ' the demo agent''s), ' || (SELECT count(*) FROM messages) || ' messages, '
	|| (SELECT count(*) FROM conversation_events) || ' events, ' || (SELECT count(*) FROM customers) || ' customers; database '
	|| pg_size_pretty(pg_database_size(current_database()))"

if [ "$ROUNDS" = 0 ]; then # data only (with BENCH_DESK_KEEP=1: measure later with VAR_DIR BASE_URL BIN)
	if [ "$KEEP" = 1 ]; then
		echo "bench desk: stack left running: tests/bench/desk.sh $tmp $base $BIN; stop it with scripts/stack.sh stop $tmp"
	fi
	exit 0
fi

# ---- signed in as the demo agent ----
jar=$(mktemp /tmp/cxms-bench-desk-jar.XXXXXX)
for _ in $(seq 12); do # (each app thread whose connection PostgreSQL closed fails its next BEGIN once)
	: >"$jar"
	form=$(curl -s -c "$jar" -b "$jar" "$base/admin/signin")
	csrf=$(printf '%s' "$form" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
	code=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" -H "Origin: $base" \
		--data-urlencode "csrf=$csrf" --data-urlencode "email=agent@example.com" \
		--data-urlencode "password=demo-agent-pass" "$base/admin/signin")
	[ "$code" != 303 ] || break
done
[ "$code" = 303 ] || { echo "bench desk: sign-in failed ($code)" >&2; exit 1; }
cookie=$(awk '(/^#HttpOnly_/ || !/^#/) && NF >= 7 && $6 == "cxms_staff" { printf "%s=%s", $6, $7 }' "$jar")
[ -n "$cookie" ] || { echo "bench desk: no cxms_staff cookie after sign-in" >&2; exit 1; }

# ---- what is measured ----
big=$(q -c "SELECT c.id FROM conversations c JOIN customers cu ON cu.id = c.customer_id
	WHERE cu.name = 'Tahsin Quayyum' ORDER BY c.id LIMIT 1")
[ -n "$big" ] || { echo "bench desk: no conversation of Tahsin Quayyum (the 500-message one)" >&2; exit 1; }
# a word of the vocabulary's tail (rank 2500 of 3000: about 1 message in 1,000)
tail_word=$(awk -F '\t' '$1 == "en" && ++n == 2500 { print $2 }' tests/bench/desk_words.txt)
enc() { /usr/bin/python3 -c 'import sys, urllib.parse; print(urllib.parse.quote_plus(sys.argv[1]))' "$1"; }
# name|path|kind (static, list, conv, search); searches use the list's default filters (open, not snoozed)
paths="static|/bench-static.html|static
inbox|/admin/inbox|list
inbox mine|/admin/inbox?view=mine|list
inbox any status|/admin/inbox?status=any|list
conversation (500 msgs)|/admin/inbox/$big|conv
search frequent word|/admin/inbox?q=delivery|search
search tail word|/admin/inbox?q=$(enc "$tail_word")|search
search rare word|/admin/inbox?q=quadcopter|search
search name (rare)|/admin/inbox?q=Quayyum|search
search name (common)|/admin/inbox?q=Hossain|search
search order number|/admin/inbox?q=$(enc 'order 10428')|search
search order, any status|/admin/inbox?q=$(enc 'order 10428')&status=any|search
search Bengali word|/admin/inbox?q=$(enc 'ডেলিভারি')|search"
echo "bench desk: the 500-message conversation is #$big ($(q -c "SELECT count(*) FROM messages WHERE conversation_id = $big") messages)"
echo "bench desk: messages matching each search word (all statuses):"
for w in delivery "$tail_word" quadcopter Quayyum Hossain 'order 10428' 'ডেলিভারি'; do
	# the app's tsquery: whole words, the last also a prefix (app/data/inbox.c search_tsquery)
	tsq=$(printf '%s' "$w" | awk '{ for (i = 1; i <= NF; i++) printf "%s%s%s", (i > 1 ? " & " : ""), tolower($i), (i == NF ? ":*" : "") }')
	printf '  %-12s %s\n' "$w" "$(q -v tsq="$tsq" <<<"SELECT count(*) FROM messages
		WHERE search_words @@ to_tsquery('simple', :'tsq');")"
done

# The app's statements still running (a request given up by its client goes on on the server): wait
# until there are none before the next measurement, and cancel any that runs longer than
# BENCH_DESK_TIMEOUT, so that one path's work never lands in another's figures.
drain() {
	local cancel=${1:-1}
	for _ in $(seq 3000); do
		if [ "$cancel" = 1 ]; then
			q -c "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = current_database()
				AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND state = 'active'
				AND now() - query_start > interval '$TIMEOUT seconds'" >/dev/null
		fi
		[ "$(q -c "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
			AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND state = 'active'")" = 0 ] && return 0
		sleep 0.1
	done
}
# one request: "<http code> <seconds>" (code 000: no answer within BENCH_DESK_TIMEOUT s; nginx's 504 is
# the same: the app did not answer in time)
one() {
	curl -s -o /dev/null --max-time "$TIMEOUT" -w '%{http_code} %{time_total}\n' -H "Cookie: $cookie" "$base$1" |
		sed 's/^504 /000 /' || true
}

# Every path must answer 200 with a real page (a list, or the conversation's 500 messages). A path
# whose single request takes over BENCH_DESK_SLOW_MS is "slow": no wrk (32 of them at once would
# keep the server busy for minutes), and only BENCH_DESK_SLOW_RUNS sequential requests.
echo "bench desk: warm-up (the time of the first request)"
declare -A slow=()
while IFS='|' read -r name path kind; do
	out=$(curl -s --max-time "$TIMEOUT" -w '\n%{http_code} %{time_total}' -H "Cookie: $cookie" "$base$path" || true)
	read -r code t <<<"${out##*$'\n'}"
	if [ "$code" = 000 ] || [ "$code" = 504 ]; then
		drain
		printf '  %-26s no answer within %s s  %s\n' "$name" "$TIMEOUT" "$path"
		slow[$path]=1
		continue
	fi
	if [ "$code" != 200 ]; then
		echo "bench desk: $path answers $code, not 200" >&2
		tail -n 5 "$tmp/serve.log" >&2
		exit 1
	fi
	rows=$(printf '%s' "$out" | { grep -o 'class="conv-row' || true; } | wc -l)
	msgs=$(printf '%s' "$out" | { grep -o 'class="msg msg-' || true; } | wc -l)
	case $kind in
	list) [ "$rows" -gt 0 ] || { echo "bench desk: $path lists no conversation" >&2; exit 1; } ;;
	conv) [ "$msgs" -ge 500 ] || { echo "bench desk: $path shows $msgs messages, not 500" >&2; exit 1; } ;;
	esac
	ms=$(awk -v t="$t" 'BEGIN { printf "%.1f", t * 1000 }')
	what=""
	if [ "$kind" = search ] || [ "$kind" = list ]; then
		what="$rows rows"
	elif [ "$kind" = conv ]; then
		what="$msgs messages, $((${#out} / 1024)) KiB"
	fi
	printf '  %-26s %9s ms  %-26s %s\n' "$name" "$ms" "$what" "$path"
	if awk -v x="$ms" -v l="$SLOW_MS" 'BEGIN { exit !(x > l) }'; then
		slow[$path]=1
		drain
		continue
	fi
	wrk -t"$THREADS" -c"$CONNS" -d2s --timeout 10s -H "Cookie: $cookie" "$base$path" >/dev/null
	drain
done <<<"$paths"

# wrk's latency ("812.00us", "3.20ms", "1.02s") in ms
to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0;
	else if (v ~ /s$/) printf "%.1f", v * 1000; else print "-" }'; }
# p-th percentile (0-1) of the numbers on stdin (seconds), in ms
pct() { sort -n | awk -v p="$1" '{ a[NR] = $1 } END { i = int(NR * p + 0.999); if (NR) printf "%.2f", a[i < 1 ? 1 : i] * 1000; else print "-" }'; }
static_rps() {
	wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "$base/bench-static.html" | awk '/^Requests\/sec:/ { print $2 }'
}
failed=0
declare -A missed=()
round() {
	local r=$1 name path kind out rps p50 p99 errs times n s50 s99 base_rps ratio verdict t_end code t runs
	local -a rows=()
	local static1 static2
	echo
	echo "bench desk: round $r of $ROUNDS — up to $RUNS sequential requests ($RUN_SECONDS s at most), then wrk -t$THREADS -c$CONNS -d$DURATION --latency"
	# the static page first and last: the baseline is their mean
	static1=$(static_rps)
	while IFS='|' read -r name path kind; do
		errs=""
		times=""
		runs=$RUNS
		if [ -n "${slow[$path]:-}" ]; then
			runs=$SLOW_RUNS
		fi
		t_end=$(($(date +%s) + RUN_SECONDS))
		for _ in $(seq "$runs"); do
			read -r code t <<<"$(one "$path")"
			if [ "$code" = 000 ]; then
				errs="$errs no answer within $TIMEOUT s;"
				drain
				break
			elif [ "$code" != 200 ]; then
				errs="$errs sequential: $code;"
				failed=1
				break
			fi
			times="$times$t"$'\n'
			[ "$(date +%s)" -lt "$t_end" ] || break
		done
		n=$(printf '%s' "$times" | grep -c . || true)
		s50=$(printf '%s' "$times" | pct 0.50)
		s99=$(printf '%s' "$times" | pct 0.99)
		if [ -n "${slow[$path]:-}" ]; then
			rps=- p50=- p99=-
			errs="$errs slow: no wrk;"
		else
			out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --timeout 10s --latency -H "Cookie: $cookie" "$base$path")
			rps=$(echo "$out" | awk '/^Requests\/sec:/ { print $2 }')
			p50=$(to_ms "$(echo "$out" | awk '$1 == "50%" { print $2 }')")
			p99=$(to_ms "$(echo "$out" | awk '$1 == "99%" { print $2 }')")
			local werr
			werr=$(echo "$out" | awk '/Non-2xx or 3xx responses:/ { printf "non-2xx: %s; ", $NF } /Socket errors:/ { sub(/^ *Socket errors: */, ""); printf "socket errors: %s; ", $0 }')
			if [ -n "$werr" ]; then
				errs="$errs $werr"
				case $werr in *non-2xx*) failed=1 ;; esac
			fi
			drain
		fi
		rows+=("$name|$path|$kind|$rps|$p50|$p99|$s50|$s99|$n|$errs")
	done <<<"$paths"
	static2=$(static_rps)
	base_rps=$(awk -v a="$static1" -v b="$static2" 'BEGIN { printf "%.2f", (a + b) / 2 }')
	echo "static page (the baseline): $static1 req/s before the round, $static2 after; mean $base_rps"
	printf '%-26s %10s %9s %9s %9s %9s %4s %8s  %s\n' path req/s p50_ms p99_ms seq_p50 seq_p99 n ratio "target / notes"
	local row
	for row in "${rows[@]}"; do
		IFS='|' read -r name path kind rps p50 p99 s50 s99 n errs <<<"$row"
		ratio=$(awk -v a="$rps" -v b="$base_rps" 'BEGIN { if (b > 0 && a != "-") printf "%.4f", a / b; else print "-" }')
		verdict=""
		case $kind in
		list)
			if [ "$name" = inbox ]; then
				if awk -v x="$ratio" 'BEGIN { exit !(x != "-" && x >= 0.05) }'; then verdict="ratio >= 0.05: met"
				else verdict="ratio >= 0.05: MISSED"; missed[$path]=1; fi
			fi ;;
		conv)
			if awk -v x="$s99" -v n="$n" 'BEGIN { exit !(n > 0 && x + 0 < 20) }'; then verdict="seq p99 < 20 ms: met"
			else verdict="seq p99 < 20 ms: MISSED"; missed[$path]=1; fi ;;
		search)
			if awk -v x="$s99" -v n="$n" 'BEGIN { exit !(n > 0 && x + 0 < 50) }'; then verdict="seq p99 < 50 ms: met"
			else verdict="seq p99 < 50 ms: MISSED"; missed[$path]=1; fi ;;
		esac
		printf '%-26s %10s %9s %9s %9s %9s %4s %8s  %s\n' "$name" "$rps" "$p50" "$p99" "$s50" "$s99" "$n" "$ratio" "$verdict${errs:+  ($errs)}"
	done
}
for r in $(seq "$ROUNDS"); do
	round "$r"
done

# ---- why: the plans of the slow statements, with their parameters, as the app runs them ----
if [ "$EXPLAIN" = 1 ] && [ "${#missed[@]}" -gt 0 ]; then
	echo
	echo "bench desk: plans of the app's statements slower than 5 ms (auto_explain, ANALYZE, BUFFERS) on the paths that missed a target"
	dbname=$(q -c "SELECT quote_ident(current_database())")
	explaining=$dbname
	q -c "ALTER DATABASE $dbname SET session_preload_libraries = 'auto_explain'" \
		-c "ALTER DATABASE $dbname SET auto_explain.log_min_duration = '5ms'" \
		-c "ALTER DATABASE $dbname SET auto_explain.log_analyze = on" \
		-c "ALTER DATABASE $dbname SET auto_explain.log_buffers = on" \
		-c "ALTER DATABASE $dbname SET auto_explain.log_timing = on"
	# the app reconnects (once, outside a transaction) when its connection is gone: new sessions load it
	q -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database()
		AND pid <> pg_backend_pid() AND backend_type = 'client backend'" >/dev/null
	log=$tmp/postgres.log
	while IFS='|' read -r name path kind; do
		[ -n "${missed[$path]:-}" ] || continue
		n=3
		if [ -n "${slow[$path]:-}" ]; then
			n=1 # and its statement is left to finish (up to 5 minutes): auto_explain logs it then
		else
			one "$path" >/dev/null # a first one on the new connections
		fi
		from=$(wc -c <"$log")
		for _ in $(seq "$n"); do
			one "$path" >/dev/null
		done
		drain 0
		echo "---- $name: $path — every statement over 5 ms, then the plan of the slowest"
		tail -c +$((from + 1)) "$log" | awk '
			/LOG:  duration: [0-9.]+ ms  plan:/ { n++; d[n] = $0; sub(/.*duration: /, "", d[n]); sub(/ ms.*/, "", d[n]); on = 1; next }
			/^[0-9-]+ [0-9:.]+ [A-Z]+ \[[0-9]+\] / { on = 0 }
			on { body[n] = body[n] $0 "\n"; if ($0 ~ /Query Text:/ && !(n in q)) { q[n] = $0; sub(/.*Query Text: /, "", q[n]) } }
			END {
				if (!n) { print "  (none logged)"; exit }
				for (i = 1; i <= n; i++) { printf "  %10.1f ms  %s\n", d[i], substr(q[i], 1, 110); if (d[i] + 0 > d[m] + 0 || !m) m = i }
				split(body[m], l, "\n")
				for (i = 1; i in l && i <= 160; i++) if (l[i] !~ /Query Text:/ && l[i] != "") print l[i]
			}'
	done <<<"$paths"
	q -c "ALTER DATABASE $dbname RESET ALL" \
		-c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database()
			AND pid <> pg_backend_pid() AND backend_type = 'client backend'" >/dev/null
	explaining=
fi

if [ "$KEEP" = 1 ]; then
	echo "bench desk: stack left running: tests/bench/desk.sh $tmp $base $BIN; stop it with scripts/stack.sh stop $tmp"
fi
if [ "$failed" = 1 ]; then
	echo "bench desk: some answers were not 200 (see ERRORS above): these figures mean nothing" >&2
	exit 1
fi
