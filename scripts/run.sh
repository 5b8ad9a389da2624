#!/usr/bin/env bash
# scripts/run.sh — `make run`: the local CXMS stack with demo data in ./var, until Ctrl-C (then stopped cleanly).
# Environment: PORT (default 8080), BIN (default build/release/cxms), DATABASE_URL (optional external DB).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PORT=${PORT:-8080}
BIN=${BIN:-build/release/cxms}
VAR=$ROOT/var

scripts/deps.sh

export CXMS_DEV=1

stopping=0
sleeper=""
stop() {
	if [ "$stopping" = 1 ]; then
		return 0
	fi
	stopping=1
	if [ -n "$sleeper" ]; then
		kill "$sleeper" 2>/dev/null || true
	fi
	echo
	scripts/stack.sh stop "$VAR" || true
	exit 0
}
trap stop INT TERM

scripts/stack.sh start "$VAR" "$PORT" --seed --bin "$BIN"

cat <<MSG

  CXMS is running at http://127.0.0.1:$PORT/
  Staff sign in at   http://127.0.0.1:$PORT/admin

  Demo sign-ins:
    customer     customer@example.com     demo-customer-pass
    agent        agent@example.com        demo-agent-pass      (staff: /admin)
    supervisor   supervisor@example.com   demo-supervisor-pass (staff: /admin)
    admin        admin@example.com        demo-admin-pass      (staff: /admin)
    compliance   compliance@example.com   demo-compliance-pass (staff: /admin)

  Logs: var/serve.log var/worker.log var/nginx/ var/postgres.log
  Shell with the stack's environment (psql, cxms subcommands):  eval "\$(scripts/stack.sh env var)"
  Mail: $(if [ -n "${SMTP_URL:-}" ]; then echo "sent to $SMTP_URL"; else echo "not sent (SMTP_URL unset); see /admin/outbox"; fi)

  Ctrl-C stops everything.
MSG

# Wait until interrupted (`wait` on a background sleep lets the trap run at once); if a process of the
# stack dies, say so and stop the rest.
while :; do
	sleep 2 &
	sleeper=$!
	wait "$sleeper" || true
	for name in serve worker nginx; do
		pid=$(cat "$VAR/$name.pid" 2>/dev/null || true)
		if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
			echo "run: $name is no longer running; last lines of its log:" >&2
			case $name in
			nginx) tail -n 20 "$VAR/nginx/error.log" >&2 || true ;;
			*) tail -n 20 "$VAR/$name.log" >&2 || true ;;
			esac
			stop
		fi
	done
done
