#!/usr/bin/env bash
# Runs each fuzz target (tests/fuzz/README.md) for a bounded time, one after
# the other, over its seed corpus, and prints one line of figures per target:
#
#   tests/fuzz/run.sh BUILD_DIR SECONDS [TARGET...]
#
# New inputs go to BUILD_DIR/fuzz-corpus/<target> (the checked-in seeds in
# tests/fuzz/corpus/<target> are only read); a crash leaves its input in
# BUILD_DIR/fuzz-artifacts/ and fails the run, after the other targets ran.
set -uo pipefail
cd "$(dirname "$0")/../.."
build=${1:?usage: tests/fuzz/run.sh BUILD_DIR SECONDS [TARGET...]}
seconds=${2:?usage: tests/fuzz/run.sh BUILD_DIR SECONDS [TARGET...]}
shift 2
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(ticket config times money parts merge index)

mkdir -p "$build/fuzz-artifacts" "$build/fuzz-logs"
rc=0
printf '%-8s %12s %8s %10s %8s %8s %s\n' target execs seconds exec/s corpus rss_mb result
for t in "${targets[@]}"; do
  work="$build/fuzz-corpus/$t"
  log="$build/fuzz-logs/$t.log"
  mkdir -p "$work"
  dict=()
  [ -f "tests/fuzz/$t.dict" ] && dict=(-dict="tests/fuzz/$t.dict")
  start=$(date +%s)
  "$build/fuzz_$t" "$work" "tests/fuzz/corpus/$t" "${dict[@]}" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$t-" >"$log" 2>&1
  status=$?
  took=$(( $(date +%s) - start ))
  stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -1; }
  execs=$(stat number_of_executed_units)
  corpus=$(ls "$work" "tests/fuzz/corpus/$t" | grep -cv -e '^$' -e ':$')
  result=ok
  if [ $status -ne 0 ]; then
    result="FAILED (exit $status): see $log"
    rc=1
  fi
  printf '%-8s %12s %8s %10s %8s %8s %s\n' "$t" "${execs:-?}" "$took" "$(stat average_exec_per_sec)" \
    "$corpus" "$(stat peak_rss_mb)" "$result"
  [ $status -eq 0 ] || grep -m3 -E 'ERROR|invariant broken|Test unit written' "$log" | sed 's/^/    /'
done
exit $rc
