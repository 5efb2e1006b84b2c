#!/usr/bin/env bash
# bench/merge.sh — the merge driver against git's textual merge (issue 16):
# `svc merge-driver %O %A %B %P` and `git merge-file %A %O %B` on the same
# three versions of one ticket file (bench/merge-gen.py), each run on a fresh
# copy of %A. Target: svc within 2x of git merge-file at 10,000 events a side
# and at 3,000 arrivals a side.
#
#   bench/merge.sh                      # the default cases
#   CASES="notes:20000 arrivals:750" bench/merge.sh
#   BUILD=build-old RUNS=1 bench/merge.sh
#
# Environment: BUILD (default build), RUNS (runs of each, the best is
# shown; default 5), CASES (CASE:N ..., see merge-gen.py), OUT (bench/out).
# Prints one table row per case: events per side, svc's time and git's
# (wall clock, then CPU: user + system, which other work on the machine
# disturbs less), the ratios, and the merged file's events and the
# amendments svc made.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
RUNS=${RUNS:-5}
OUT=${OUT:-bench/out}
CASES=${CASES:-"notes:5000 notes:10000 notes:20000 notes-apart:20000 arrivals:750 arrivals:1500 arrivals:3000"}
SVC=$(realpath "$BUILD/svc")
work=$(realpath -m "$OUT/merge")
rm -rf "$work" && mkdir -p "$work"

# best CMD...: "WALL CPU", the shortest wall-clock time and the least CPU
# time (user + system) of $RUNS runs, in milliseconds, each on a fresh %A.
best() {
  local w=0 c=0 r t
  for ((r = 0; r < RUNS; r++)); do
    cp "$work/ours.toml" "$work/A"
    t=$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>"$work/err"; } 2>&1 ) || true
    t=$(awk '{ printf "%d %d", $1 * 1000, ($2 + $3) * 1000 }' <<<"$t")
    if ((r == 0 || ${t% *} < w)); then w=${t% *}; fi
    if ((r == 0 || ${t#* } < c)); then c=${t#* }; fi
  done
  echo "$w $c"
}

s() { awk -v m="$1" 'BEGIN { printf "%.2f", m / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else printf "–" }'; }

"$SVC" init "$work/records" >/dev/null
rel=tickets/2026/11/SC-26-11-01.toml
mkdir -p "$work/records/tickets/2026/11"

echo "| case | events a side | svc merge-driver | git merge-file | ratio | CPU: svc | CPU: git | ratio | merged events | amendments |"
echo "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
for c in $CASES; do
  name=${c%%:*} n=${c##*:}
  python3 bench/merge-gen.py "$work" "$name" "$n"
  cp "$work/base.toml" "$work/records/$rel"
  read -r svc_w svc_c < <(cd "$work/records" && best "$SVC" merge-driver "$work/base.toml" "$work/A" "$work/theirs.toml" "$rel")
  # The merged file, for the last two columns, and a check that it replays
  # (the outbound registry entries the generated records would have aside).
  cp "$work/A" "$work/records/$rel"
  events=$(grep -c '^\[\[event\]\]' "$work/A")
  amends=$(grep -c '^amend = true' "$work/A" || true)
  "$SVC" -R "$work/records" check >"$work/check.out" 2>/dev/null || true
  if grep -v "has no registry entry" "$work/check.out" | grep -q .; then
    echo "svc check finds problems in the merged $c:" >&2
    grep -v 'has no registry entry' "$work/check.out" | head -3 >&2
  fi
  read -r git_w git_c < <(best git merge-file -q "$work/A" "$work/base.toml" "$work/theirs.toml")
  echo "| $name | $n | $(s "$svc_w") s | $(s "$git_w") s | $(ratio "$svc_w" "$git_w") |" \
    "$(s "$svc_c") s | $(s "$git_c") s | $(ratio "$svc_c" "$git_c") | $events | $amends |"
done
