#!/usr/bin/env bash
# tests/fuzz/run.sh: runs the libFuzzer targets built by make into build/fuzz/ (tests/fuzz/README.md).
# Usage: tests/fuzz/run.sh smoke [--counts FILE] [TARGET...]
#            each target replays its committed corpus (tests/fuzz/corpus/<target>/), then fuzzes for a
#            fixed number of runs with a fixed seed (FUZZ_SMOKE_RUNS overrides them all); two checks per
#            target, summed as "fuzz: N passed, N failed" (and "N N" into FILE, for test-all.sh)
#        tests/fuzz/run.sh fuzz [TARGET...]
#            each target for FUZZ_SECONDS (300) on build/fuzz/corpus/<target>/ (the committed corpus and
#            what earlier runs found), minimized with -merge=1 afterwards; FUZZ_ARGS adds libFuzzer flags
# Crashing inputs go to tests/fuzz/crashes/<target>-crash-<sha1> (git-ignored), logs to build/fuzz/logs/.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1

mode=${1:-}
shift || true
counts=""
if [ "${1:-}" = "--counts" ]; then
	counts=$2
	shift 2
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
	for f in tests/fuzz/fuzz_*.c tests/fuzz/fuzz_*.cc; do
		[ -e "$f" ] || continue
		t=${f##*/fuzz_}
		targets+=("${t%%.*}")
	done
fi

# Longest input per target, and the runs of a smoke run (about a second or two each on a shared core).
max_len() {
	case $1 in
	multipart | mail) echo 65536 ;;
	tmpl) echo 16384 ;;
	*) echo 4096 ;;
	esac
}
smoke_runs() {
	case $1 in
	multipart | mail) echo 10000 ;;
	tmpl) echo 3000 ;;
	*) echo 20000 ;;
	esac
}

# multipart's uploads: in memory when it can be (creating files on a disk is its slowest part), in a
# folder removed at the end (a crashed run cannot clean up after itself)
FUZZ_TMPDIR=$(mktemp -d /dev/shm/cxms-fuzz.XXXXXX 2>/dev/null || mktemp -d)
export FUZZ_TMPDIR
trap 'rm -rf "$FUZZ_TMPDIR"' EXIT

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
mkdir -p build/fuzz/logs tests/fuzz/crashes

now() { date +%s.%N; }
took() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }

# the sanitizer report or failed check of a log, for the terminal
show_failure() {
	local log=$1
	echo "---- $log (end)"
	grep -av '^INFO: \|^#[0-9]*\s*\(NEW\|REDUCE\|pulse\|INITED\)' "$log" | tail -n 40 | cut -c1-400
	echo "----"
}

# seeds beyond the committed corpus: the real templates for tmpl, the mails of real clients' shapes
# (tests/mail/, which the unit tests read too) for mail
extra_seeds() {
	case $1 in
	tmpl) echo templates ;;
	mail) echo tests/mail ;;
	esac
}

dict_args() {
	[ -f "tests/fuzz/$1.dict" ] && echo "-dict=tests/fuzz/$1.dict"
}

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); }

smoke() {
	local t=$1 bin=build/fuzz/fuzz_$1 corpus=tests/fuzz/corpus/$1
	if [ ! -x "$bin" ]; then
		echo "fuzz $t: $bin is missing (make fuzz-smoke builds it)"
		fail
		fail
		return
	fi
	local files=()
	local extra
	extra=$(extra_seeds "$t")
	# shellcheck disable=SC2086  # extra is one folder or none
	while IFS= read -r f; do files+=("$f"); done < <(find "$corpus" $extra -type f 2>/dev/null | sort)
	local log=build/fuzz/logs/$t-replay.log start
	start=$(now)
	if [ ${#files[@]} -eq 0 ]; then
		echo "fuzz $t: no corpus in $corpus"
		fail
	elif "$bin" -timeout=10 "${files[@]}" >"$log" 2>&1; then
		echo "fuzz $t: corpus of ${#files[@]} inputs replayed ($(took "$start"))"
		pass
	else
		echo "fuzz $t: FAILED replaying its corpus (log: $log)"
		show_failure "$log"
		fail
	fi
	# a scratch folder first: libFuzzer writes what it finds into the first one, never the corpus
	local scratch=build/fuzz/smoke/$t runs=${FUZZ_SMOKE_RUNS:-$(smoke_runs "$t")}
	rm -rf "$scratch"
	mkdir -p "$scratch"
	log=build/fuzz/logs/$t-smoke.log
	start=$(now)
	# shellcheck disable=SC2046,SC2086  # dict_args and extra are one word or none
	if "$bin" -seed=1 -runs="$runs" -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=2048 $(dict_args "$t") \
		-artifact_prefix="tests/fuzz/crashes/$t-" "$scratch" "$corpus" $extra >"$log" 2>&1; then
		echo "fuzz $t: $runs runs, no crash ($(took "$start"))"
		pass
	else
		echo "fuzz $t: FAILED in a short run (log: $log; input in tests/fuzz/crashes/$t-*)"
		show_failure "$log"
		fail
	fi
}

long_run() {
	local t=$1 bin=build/fuzz/fuzz_$1 seeds=tests/fuzz/corpus/$1 work=build/fuzz/corpus/$1
	local log=build/fuzz/logs/$t-fuzz.log secs=${FUZZ_SECONDS:-300}
	if [ ! -x "$bin" ]; then
		echo "fuzz $t: $bin is missing (make fuzz builds it)"
		fail
		return
	fi
	mkdir -p "$work"
	echo "fuzz $t: ${secs} s (log: $log)"
	local rc
	# shellcheck disable=SC2046,SC2086  # dict_args is one word or none; FUZZ_ARGS are libFuzzer flags
	"$bin" -max_total_time="$secs" -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=2048 $(dict_args "$t") \
		-print_final_stats=1 -artifact_prefix="tests/fuzz/crashes/$t-" ${FUZZ_ARGS:-} "$work" "$seeds" $(extra_seeds "$t") >"$log" 2>&1
	rc=$?
	grep -aE '^#[0-9]+\s+(DONE|pulse|NEW|REDUCE)' "$log" | tail -n 1 | sed 's/^/    /'
	grep -aE '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$log" | sed 's/^/    /'
	# the working corpus, minimized: what covers the same code as the seeds and everything found
	local merged=$work.merge
	rm -rf "$merged"
	mkdir -p "$merged"
	# shellcheck disable=SC2046  # extra_seeds is one folder or none
	if "$bin" -merge=1 -max_len="$(max_len "$t")" -timeout=10 "$merged" "$work" "$seeds" $(extra_seeds "$t") >"$log.merge" 2>&1; then
		rm -rf "$work"
		mv "$merged" "$work"
		echo "    corpus: $(find "$work" -type f | wc -l) inputs in $work"
	else
		rm -rf "$merged"
		echo "    merge failed (log: $log.merge); $work kept as it was"
	fi
	if [ $rc -eq 0 ]; then
		pass
	else
		echo "fuzz $t: FAILED (exit $rc)"
		show_failure "$log"
		fail
	fi
}

case $mode in
smoke)
	for t in "${targets[@]}"; do smoke "$t"; done
	;;
fuzz)
	for t in "${targets[@]}"; do long_run "$t"; done
	;;
*)
	echo "usage: $0 smoke [--counts FILE] [TARGET...] | fuzz [TARGET...]" >&2
	exit 2
	;;
esac

echo "fuzz: $passed passed, $failed failed"
[ -n "$counts" ] && echo "$passed $failed" >"$counts"
[ "$failed" -eq 0 ]
