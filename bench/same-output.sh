#!/usr/bin/env bash
# bench/same-output.sh REF_SVC NEW_SVC [STORE] — a refactoring's proof of no
# behaviour change (issue 13): runs show, list, overdue, report, check and
# print with both binaries on the bundled records/ (and on STORE, e.g. a
# generated store of bench/run.sh) and compares their stdout, stderr and exit
# statuses byte for byte. Prints one line per difference; exits 1 if any.
#
#   bench/same-output.sh /tmp/svc-old build/svc bench/out/store-100000-s1
set -uo pipefail
cd "$(dirname "$0")/.."
REF=$(realpath "$1"); NEW=$(realpath "$2"); STORE=${3:-}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
diffs=0

# run NAME DIR ARGS...: both binaries on a private copy-free run (no index
# written into DIR: --no-index for scans, a fixed --now and actor).
run() {
  local name=$1 dir=$2; shift 2
  for which in ref new; do
    local bin=$REF; [[ $which == new ]] && bin=$NEW
    # Each binary builds its own index (none is shared), then answers warm.
    rm -rf "$dir/.svc"
    if [[ ${WARM:-} ]]; then (cd "$work" && SVC_ACTOR=bench "$bin" -R "$dir" "$@" >/dev/null 2>&1); fi
    (cd "$work" && SVC_ACTOR=bench "$bin" -R "$dir" "$@" >"$work/$which.out" 2>"$work/$which.err"; echo $? >"$work/$which.rc")
  done
  for part in out err rc; do
    if ! cmp -s "$work/ref.$part" "$work/new.$part"; then
      echo "DIFFERS ($part): $name: svc $*"
      diff <(head -c 4000 "$work/ref.$part") <(head -c 4000 "$work/new.$part") | head -8
      diffs=$((diffs + 1))
    fi
  done
}

scans() {
  local dir=$1 label=$2; shift 2
  for now in "$@"; do
    for idx in --no-index --index; do
      local warm=""; [[ $idx == --index ]] && warm=1
      local flag=$idx; [[ $idx == --index ]] && flag=""
      WARM=$warm run "$label list $now $idx" "$dir" --now "$now" $flag list
      WARM=$warm run "$label list json $now $idx" "$dir" --now "$now" $flag --json list
      WARM=$warm run "$label overdue $now $idx" "$dir" --now "$now" $flag overdue --warn 2h
      WARM=$warm run "$label overdue json $now $idx" "$dir" --now "$now" $flag --json overdue --warn 2h
      for p in "--month ${now:0:7}" "--year ${now:0:4}" "--quarter ${now:0:4}-Q4"; do
        for f in text csv json; do
          WARM=$warm run "$label report $p $f $idx" "$dir" --now "$now" $flag report $p --format "$f"
        done
      done
      WARM=$warm run "$label report md $idx" "$dir" --now "$now" $flag report --half "${now:0:4}-H2" --format md
    done
    run "$label check" "$dir" --now "$now" check
  done
}

# The bundled records, copied (the copy's .svc/ is removed before every run).
rec=$work/records
cp -r records "$rec"; rm -rf "$rec/.svc"
ids=$(find "$rec/tickets" -name '*.toml' | sed 's|.*/||; s|\.toml$||' | sort)
for now in 2026-11-15T12:00+08:00 2026-12-31T12:00+08:00; do
  for id in $ids; do
    run "show $id" "$rec" --now "$now" show "$id"
    run "show json $id" "$rec" --now "$now" --json show "$id"
    for form in info outbound repair survey quote; do
      for f in md html text; do run "print $id $form $f" "$rec" --now "$now" print "$id" --form $form --format $f; done
    done
  done
done
scans "$rec" bundled 2026-11-15T12:00+08:00 2026-12-31T12:00+08:00
rm -rf "$rec/.svc"

if [[ -n $STORE ]]; then
  STORE=$(realpath "$STORE")
  last=$(find "$STORE/tickets" -name '*.toml' | sort | tail -1)
  year=$(basename "$(dirname "$(dirname "$last")")")
  scans "$STORE" store "$year-06-15T12:00+08:00"
  for id in $(find "$STORE/tickets" -name '*.toml' | sort | awk 'NR % 997 == 1' | sed 's|.*/||; s|\.toml$||'); do
    run "store show $id" "$STORE" --json show "$id"
    run "store show $id" "$STORE" show "$id"
  done
fi
if ((diffs)); then echo "$diffs differences"; exit 1; fi
echo "same output"
