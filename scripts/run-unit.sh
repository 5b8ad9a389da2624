#!/usr/bin/env bash
# run-unit.sh: runs the cmocka unit test binaries and sums their results.
# Usage: scripts/run-unit.sh [--counts FILE] BIN...
set -uo pipefail
counts=""
if [ "${1:-}" = "--counts" ]; then
	counts=$2
	shift 2
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
passed=0
failed=0
for t in "$@"; do
	out=$("$t" 2>&1)
	rc=$?
	echo "$out"
	p=$(echo "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	f=$(echo "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	p=${p:-0}
	f=${f:-0}
	# a crash or a sanitizer report fails the binary even if cmocka counted passes
	if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
done
echo "unit: $passed passed, $failed failed"
[ -n "$counts" ] && echo "$passed $failed" >"$counts"
[ "$failed" -eq 0 ]
