#!/usr/bin/env bash
# scripts/stack.sh — the local CXMS stack (PostgreSQL + cxms serve + cxms worker + nginx) in one state dir.
# Used by `make run` and by the tests.
#
#   scripts/stack.sh start VAR_DIR PORT [--seed] [--bin PATH] [--fast] [--pubport N]
#                          [--auth-rate R] [--api-rate R] [--chat-rate R]
#   scripts/stack.sh stop VAR_DIR
#   scripts/stack.sh env VAR_DIR      # prints `export ...` lines: eval "$(scripts/stack.sh env var)"
#
# If DATABASE_URL is set, that database is used and no PostgreSQL is started. Otherwise a cluster is
# created once in VAR_DIR/pgdata (as the `postgres` user when run as root) listening only on the unix
# socket dir VAR_DIR/pgsock. --fast turns fsync off (tests only). Rates are nginx limit_req rates (10r/m).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PROG=$(basename "$0")

die() {
	echo "$PROG: $*" >&2
	exit 1
}

usage() {
	awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2
	exit 2
}

# --- PostgreSQL helpers -------------------------------------------------------------------------

find_pgbin() {
	if [ -n "${PGBIN:-}" ]; then
		echo "$PGBIN"
		return 0
	fi
	if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
		dirname "$(readlink -f "$(command -v pg_ctl)")"
		return 0
	fi
	local d
	d=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
	if [ -z "$d" ] || [ ! -x "$d/pg_ctl" ]; then
		die "PostgreSQL server binaries not found (install postgresql, or set PGBIN)"
	fi
	echo "$d"
}

# Run a PostgreSQL server command as the user that owns the cluster (postgres refuses to run as root).
as_pg() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

pg_running() {
	[ -f "$VAR/pgdata/PG_VERSION" ] && as_pg "$PGBIN/pg_ctl" -D "$VAR/pgdata" status >/dev/null 2>&1
}

start_postgres() {
	local pgdata=$VAR/pgdata sock=$VAR/pgsock opts
	PGBIN=$(find_pgbin)
	mkdir -p "$sock"
	if [ "$(id -u)" -eq 0 ]; then
		id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' system user (apt-get install postgresql)"
		runuser -u postgres -- test -x "$VAR" ||
			die "user postgres cannot enter $VAR (a parent directory is not world-executable)"
		chown postgres: "$sock"
		if [ -d "$pgdata" ]; then
			chown -R postgres: "$pgdata"
		fi
	fi
	if [ ! -f "$pgdata/PG_VERSION" ]; then
		mkdir -p "$pgdata"
		chmod 700 "$pgdata"
		if [ "$(id -u)" -eq 0 ]; then
			chown postgres: "$pgdata"
		fi
		echo "$PROG: initdb $pgdata"
		as_pg "$PGBIN/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
			>"$VAR/initdb.log" 2>&1 || {
			cat "$VAR/initdb.log" >&2
			die "initdb failed"
		}
	fi
	if pg_running; then
		echo "$PROG: PostgreSQL already running in $pgdata"
	else
		opts="-k $sock -c listen_addresses='' -c max_connections=200"
		if [ "$FAST" = 1 ]; then
			opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
		fi
		if [ "$(id -u)" -eq 0 ]; then
			touch "$VAR/postgres.log"
			chown postgres: "$VAR/postgres.log"
		fi
		as_pg "$PGBIN/pg_ctl" -D "$pgdata" -l "$VAR/postgres.log" -w -t 60 -o "$opts" start >/dev/null || {
			tail -n 30 "$VAR/postgres.log" >&2
			die "PostgreSQL did not start"
		}
	fi
	DATABASE_URL="host=$sock dbname=cxms user=postgres"
	if [ "$("$PGBIN/psql" -X -A -t -h "$sock" -U postgres -d postgres \
		-c "SELECT 1 FROM pg_database WHERE datname = 'cxms'")" != 1 ]; then
		"$PGBIN/createdb" -h "$sock" -U postgres cxms
	fi
}

stop_postgres() {
	[ -d "$VAR/pgdata" ] || return 0
	PGBIN=$(find_pgbin)
	if pg_running; then
		as_pg "$PGBIN/pg_ctl" -D "$VAR/pgdata" -m fast -w -t 60 stop >/dev/null || echo "$PROG: pg_ctl stop failed" >&2
	fi
}

# --- processes ----------------------------------------------------------------------------------

# pid recorded in VAR/NAME.pid if that process is still alive and still ours (pid files may be stale).
live_pid() {
	local f=$VAR/$1.pid pid
	[ -f "$f" ] || return 1
	pid=$(cat "$f")
	case "$pid" in '' | *[!0-9]*) return 1 ;; esac
	kill -0 "$pid" 2>/dev/null || return 1
	tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$2" || return 1
	echo "$pid"
}

stop_procs() {
	local name pid pids="" i
	for name in nginx serve worker; do
		if pid=$(live_pid "$name" "$name"); then
			kill -TERM "$pid" 2>/dev/null || true
			pids="$pids $pid"
		fi
	done
	for i in $(seq 1 100); do
		local alive=""
		for pid in $pids; do
			kill -0 "$pid" 2>/dev/null && alive="$alive $pid"
		done
		pids=$alive
		[ -z "$pids" ] && break
		[ "$i" -eq 100 ] || sleep 0.1
	done
	for pid in $pids; do
		echo "$PROG: pid $pid did not stop in 10 s; killing it" >&2
		kill -KILL "$pid" 2>/dev/null || true
	done
	rm -f "$VAR/nginx.pid" "$VAR/serve.pid" "$VAR/worker.pid"
}

show_logs() {
	local f n
	for f in "$VAR/serve.log" "$VAR/worker.log" "$VAR/nginx/error.log" "$VAR/postgres.log"; do
		[ -s "$f" ] || continue
		n=25
		case $f in */postgres.log) n=8 ;; esac
		echo "---- tail of $f" >&2
		tail -n "$n" "$f" >&2
	done
}

sed_escape() {
	printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'
}

write_nginx_conf() {
	local user_directive
	user_directive="# not started as root: workers run as $(id -un)"
	mkdir -p "$VAR/nginx/tmp"
	if [ "$(id -u)" -eq 0 ]; then
		# Workers run as nobody: they write request bodies to the temp dirs and read static/ in the repo.
		chown nobody "$VAR/nginx/tmp"
		user_directive="user nobody nogroup;"
		if ! runuser -u nobody -- test -r "$ROOT/static/errors/413.html" ||
			! runuser -u nobody -- test -r "$ROOT/tests/bench/static-8k.html"; then
			echo "$PROG: warning: user nobody cannot read $ROOT (a parent directory is not world-readable);" \
				"nginx workers will run as root" >&2
			user_directive="user root root;"
		fi
	fi
	sed -e "s|@VAR@|$(sed_escape "$VAR")|g" \
		-e "s|@ROOT@|$(sed_escape "$ROOT")|g" \
		-e "s|@SOCKET@|$(sed_escape "$CXMS_SOCKET")|g" \
		-e "s|@PORT@|$PORT|g" \
		-e "s|@PUBPORT@|$PUBPORT|g" \
		-e "s|@FILES@|$(sed_escape "$CXMS_FILES_DIR")|g" \
		-e "s|@AUTH_RATE@|$AUTH_RATE|g" \
		-e "s|@API_RATE@|$API_RATE|g" \
		-e "s|@CHAT_RATE@|$CHAT_RATE|g" \
		-e "s|@USER_DIRECTIVE@|$(sed_escape "$user_directive")|g" \
		"$ROOT/nginx/nginx.conf.in" >"$VAR/nginx/nginx.conf"
	if grep -n '^[^#]*@[A-Z_]*@' "$VAR/nginx/nginx.conf" >&2; then
		die "unsubstituted placeholder in $VAR/nginx/nginx.conf"
	fi
}

check_rate() {
	case "$1" in
	[0-9]*r/s | [0-9]*r/m) ;;
	*) die "bad rate '$1' (want e.g. 10r/m or 5r/s)" ;;
	esac
}

# Something already accepts connections on 127.0.0.1:PORT?
port_busy() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

check_port() {
	case "$1" in '' | *[!0-9]*) die "bad port '$1'" ;; esac
	if [ "$1" -lt 1 ] || [ "$1" -gt 65535 ]; then
		die "bad port '$1'"
	fi
}

# --- commands -----------------------------------------------------------------------------------

write_env() {
	local f=$VAR/stack.env
	{
		echo "# CXMS stack in $VAR — eval \"\$(scripts/stack.sh env $VAR)\""
		printf 'export DATABASE_URL=%q\n' "$DATABASE_URL"
		if [ -d "$VAR/pgsock" ] && [ "$EXTERNAL_DB" = 0 ]; then
			printf 'export PGHOST=%q PGDATABASE=cxms PGUSER=postgres\n' "$VAR/pgsock"
		fi
		printf 'export CXMS_ROOT=%q\n' "$ROOT"
		printf 'export CXMS_SOCKET=%q\n' "$CXMS_SOCKET"
		printf 'export CXMS_SECRET_FILE=%q\n' "$CXMS_SECRET_FILE"
		printf 'export CXMS_MASTER_KEY_FILE=%q\n' "$CXMS_MASTER_KEY_FILE"
		printf 'export CXMS_BASE_URL=%q\n' "$CXMS_BASE_URL"
		printf 'export CXMS_NCHAN_PUB=%q\n' "$CXMS_NCHAN_PUB"
		printf 'export CXMS_FILES_DIR=%q\n' "$CXMS_FILES_DIR"
		printf 'export CXMS_BIN=%q\n' "$BIN"
		if [ -n "${SMTP_URL:-}" ]; then
			printf 'export SMTP_URL=%q\n' "$SMTP_URL"
		fi
	} >"$f"
}

cmd_start() {
	[ $# -ge 2 ] || usage
	VAR=$1 PORT=$2
	shift 2
	local seed=0
	BIN=$ROOT/build/release/cxms FAST=0 PUBPORT="" AUTH_RATE=10r/m API_RATE=600r/m CHAT_RATE=60r/m
	while [ $# -gt 0 ]; do
		case "$1" in
		--seed) seed=1 ;;
		--fast) FAST=1 ;;
		--bin) BIN=${2:?--bin needs a path}; shift ;;
		--pubport) PUBPORT=${2:?--pubport needs a port}; shift ;;
		--auth-rate) AUTH_RATE=${2:?--auth-rate needs a rate}; shift ;;
		--api-rate) API_RATE=${2:?--api-rate needs a rate}; shift ;;
		--chat-rate) CHAT_RATE=${2:?--chat-rate needs a rate}; shift ;;
		*) die "unknown option $1" ;;
		esac
		shift
	done
	check_port "$PORT"
	PUBPORT=${PUBPORT:-$((PORT + 1))}
	check_port "$PUBPORT"
	check_rate "$AUTH_RATE"
	check_rate "$API_RATE"
	check_rate "$CHAT_RATE"
	case "$BIN" in /*) ;; *) BIN=$PWD/$BIN ;; esac
	[ -x "$BIN" ] || die "no executable $BIN (build it first: make)"
	command -v nginx >/dev/null 2>&1 || die "nginx not found (scripts/deps.sh)"

	mkdir -p "$VAR"
	VAR=$(cd "$VAR" && pwd)
	# postgres and nginx's unprivileged workers must be able to enter VAR_DIR (mkdtemp dirs are 0700).
	chmod o+x "$VAR"
	if live_pid serve serve >/dev/null || live_pid nginx nginx >/dev/null; then
		die "a stack is already running in $VAR (scripts/stack.sh stop $VAR)"
	fi

	for p in "$PORT" "$PUBPORT"; do
		if port_busy "$p"; then
			die "port $p is already in use on 127.0.0.1"
		fi
	done

	# Fresh logs for this run (PostgreSQL's own log is kept).
	mkdir -p "$VAR/nginx"
	: >"$VAR/serve.log"
	: >"$VAR/worker.log"
	: >"$VAR/nginx/error.log"

	CXMS_SECRET_FILE=$VAR/secret
	if [ ! -s "$CXMS_SECRET_FILE" ]; then
		(umask 077 && od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$CXMS_SECRET_FILE")
	fi
	# wraps the per-customer data keys (consent_crypto.c); losing it loses the sealed fields
	CXMS_MASTER_KEY_FILE=$VAR/master.key
	if [ ! -s "$CXMS_MASTER_KEY_FILE" ]; then
		(umask 077 && od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$CXMS_MASTER_KEY_FILE")
	fi

	EXTERNAL_DB=0
	if [ -n "${DATABASE_URL:-}" ]; then
		EXTERNAL_DB=1
		echo "$PROG: using DATABASE_URL from the environment; not starting PostgreSQL"
	else
		start_postgres
	fi

	CXMS_SOCKET=$VAR/cxms.sock
	CXMS_BASE_URL=http://127.0.0.1:$PORT
	CXMS_NCHAN_PUB=http://127.0.0.1:$PUBPORT/_pub/
	# attachments, once per content; nginx (its workers may run as nobody) reads them from here
	CXMS_FILES_DIR=$VAR/files
	mkdir -p "$CXMS_FILES_DIR"
	chmod 755 "$CXMS_FILES_DIR"
	export DATABASE_URL CXMS_ROOT=$ROOT CXMS_SOCKET CXMS_SECRET_FILE CXMS_MASTER_KEY_FILE CXMS_BASE_URL CXMS_NCHAN_PUB \
		CXMS_FILES_DIR
	if [ -n "${SMTP_URL:-}" ]; then
		export SMTP_URL
	fi
	write_env

	# From here on, any failure (set -e or die) shows the logs and stops what was started.
	STARTED=0
	trap on_start_exit EXIT

	"$BIN" migrate
	if [ "$seed" = 1 ]; then
		"$BIN" seed-demo
	fi

	rm -f "$CXMS_SOCKET"
	"$BIN" serve </dev/null >>"$VAR/serve.log" 2>&1 &
	echo $! >"$VAR/serve.pid"
	"$BIN" worker </dev/null >>"$VAR/worker.log" 2>&1 &
	echo $! >"$VAR/worker.pid"

	write_nginx_conf
	nginx -q -t -p "$VAR/nginx" -e "$VAR/nginx/error.log" -c "$VAR/nginx/nginx.conf"
	nginx -p "$VAR/nginx" -e "$VAR/nginx/error.log" -c "$VAR/nginx/nginx.conf" </dev/null >>"$VAR/nginx/stderr.log" 2>&1 &
	echo $! >"$VAR/nginx.pid"

	local i name
	for i in $(seq 1 300); do
		if [ -S "$CXMS_SOCKET" ] && curl -fsS -o /dev/null --max-time 2 "$CXMS_BASE_URL/healthz" 2>/dev/null; then
			STARTED=1
			echo "$PROG: stack up at $CXMS_BASE_URL (state in $VAR)"
			return 0
		fi
		for name in serve worker nginx; do
			if ! live_pid "$name" "$name" >/dev/null; then
				die "$name exited during start-up"
			fi
		done
		sleep 0.1
	done
	die "$CXMS_BASE_URL/healthz did not answer within 30 s"
}

on_start_exit() {
	if [ "$STARTED" = 1 ]; then
		return 0
	fi
	show_logs
	stop_procs
	if [ "$EXTERNAL_DB" = 0 ]; then
		stop_postgres
	fi
	echo "$PROG: start failed; stack stopped (logs in $VAR)" >&2
}

cmd_stop() {
	[ $# -eq 1 ] || usage
	[ -d "$1" ] || die "no state dir $1"
	VAR=$(cd "$1" && pwd)
	stop_procs
	stop_postgres
	rm -f "$VAR/cxms.sock"
	echo "$PROG: stopped stack in $VAR"
}

cmd_env() {
	[ $# -eq 1 ] || usage
	[ -f "$1/stack.env" ] || die "no stack in $1 (start it first)"
	cat "$1/stack.env"
}

[ $# -ge 1 ] || usage
cmd=$1
shift
case "$cmd" in
start) cmd_start "$@" ;;
stop) cmd_stop "$@" ;;
env) cmd_env "$@" ;;
*) usage ;;
esac
