#!/usr/bin/env bash
# test-all.sh: every suite (unit, fuzz smoke, catalog, HTTP, browser) in turn, then one closing line
# "N passed, N failed" summing them all. Called by `make test` after the builds.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
BIN=${BIN:-build/asan/cxms}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
total_passed=0
total_failed=0

add_counts() { # name file
	local p=0 f=1
	if [ -s "$2" ]; then
		read -r p f <"$2"
	else
		echo "$1: suite did not report its results (counted as one failure)"
	fi
	total_passed=$((total_passed + p))
	total_failed=$((total_failed + f))
}

echo "== unit tests"
scripts/run-unit.sh --counts "$work/unit" build/asan/tests/test_*
add_counts unit "$work/unit"

echo "== fuzz targets (each corpus replayed, then a short seeded run)"
tests/fuzz/run.sh smoke --counts "$work/fuzz"
add_counts fuzz "$work/fuzz"

echo "== message catalog"
if /usr/bin/python3 scripts/i18n-extract.py --check; then echo "1 0" >"$work/i18n"; else echo "0 1" >"$work/i18n"; fi
add_counts catalog "$work/i18n"

echo "== HTTP tests (nginx + cxms under ASan/UBSan + PostgreSQL)"
/usr/bin/python3 tests/http/run.py --bin "$BIN" --counts "$work/http"
add_counts http "$work/http"

echo "== browser tests (headless Chromium)"
tests/browser/run.sh "$BIN" "$work/browser"
add_counts browser "$work/browser"

echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
