#!/usr/bin/env bash
# check-sql.sh: fails the build when SQL appears outside app/data/ or is assembled with printf.
set -euo pipefail
cd "$(dirname "$0")/.."
fail=0
# SQL keywords at the start of a string literal, outside the data layer (and the connection's own
# session settings in app/core/db.c, which the data layer's statements run on)
if grep -rnE '"(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|ALTER|DROP) ' app --include='*.c' --include='*.cc' |
	grep -v '^app/data/' | grep -v "^app/core/db.c:[0-9]*:.*set_config('statement_timeout'"; then
	echo "check-sql: SQL outside app/data/ (above)" >&2
	fail=1
fi
# queries are prepared or parameterised, never formatted
if grep -rnE 'PQexec\(|PQsendQuery\(' app --include='*.c' | grep -v '^app/core/db.c'; then
	echo "check-sql: PQexec outside app/core/db.c (above)" >&2
	fail=1
fi
if grep -rnE '(printf|strcat|strcpy)\([^;]*"(SELECT|INSERT|UPDATE|DELETE) ' app --include='*.c'; then
	echo "check-sql: SQL built with printf (above)" >&2
	fail=1
fi
exit $fail
