#!/usr/bin/env bash
# bench/run.sh — svc against a store of N generated tickets (default 100,000),
# side by side in one run (bench/README.md):
#
#   svc open          vs  svc --version           target: at most 2x   (issue 2)
#   svc show, dispatch vs svc --version           target: at most 2x   (issue 8)
#   svc list, check   vs  cat of every ticket file                    (figures only)
#   svc overdue       vs  task +OVERDUE count     target: faster, in far less memory (issue 5)
#   svc overdue       vs  git status              target: at most 2x, warm (issue 8)
#   svc report --year vs  git status              target: at most 2x, warm (issue 8)
#   svc overdue, cold vs  task +OVERDUE count     target: at most 1x (issue 8)
#   svc audit         vs  git log -p              on a generated history (issue 15; PARTS=audit)
#   svc nonconformity list --open, svc report --year with NCS reports (issue 18; PARTS=nc)
#   svc training list --year, svc cases with TRS training records (issue 19; PARTS=training)
#   peak memory of every reading command, warm and cold   target: at most 64 MiB (issue 16; PARTS=memory)
#
# Taskwarrior counts two sets of the same tickets: with each ticket's fault
# and history (as annotations: the same records, the targets' yardstick) and
# bare (number, customer, dates).
#
# and the peak memory (max RSS) of each. Builds nothing: expects $BUILD/svc
# and $BUILD/svc-gen (`make bench` builds them first).
#
#   BUILD=build-bench bench/run.sh          # another build directory
#   N=10000 bench/run.sh                    # another store size
#   N=1000000 GEN_ARGS="--codes SH,YX,SC,SJ,XT,YF,HY,ZL,ZC1,ZC2,CW --per-month 97-99 --start 2000-01" \
#     RUNS_SLOW=3 bench/run.sh              # a million (more codes and months than the default)
#   PARTS=overdue bench/run.sh              # only some of the comparisons
#
# Environment: BUILD (default build), N (100000), SEED (1), OUT (bench/out),
# GEN_ARGS (more svc-gen options, e.g. --codes/--per-month/--start),
# RUNS_SLOW (runs of the whole-store commands, default 5), PARTS (any of
# open,scan,overdue,audit,memory,nc,training; default the first three: audit generates a
# history of N/10 commits first, COMMITS to change it), TASKS=bare (Taskwarrior's bare tasks
# only: a million tickets with their histories took 17 GiB to import),
# NO_INSTALL=1 (never apt-get install
# hyperfine/time/taskwarrior), TIMER=loop (the bash loop even when hyperfine
# is there).
#
# The store is generated once into $OUT/store-N-sSEED and reused while
# svc-gen makes the same bytes (checked on a store of 300 tickets); `git init` + `git add -A` + `git
# commit` of it (for `git status`) is done once and reused with it.
# Taskwarrior's data ($OUT/taskwarrior-N-sSEED) is imported afresh on every
# run (its due dates follow the system clock, see bench/README.md). Uses
# hyperfine when present (installs the Debian package when missing and
# running as root), else a bash loop timed with $EPOCHREALTIME (or `date
# +%s%N` in an old bash).
set -euo pipefail

cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
N=${N:-100000}
SEED=${SEED:-1}
GEN_ARGS=${GEN_ARGS:-}
read -r -a gen_args <<<"$GEN_ARGS"
OUT=${OUT:-bench/out}
RUNS_SLOW=${RUNS_SLOW:-5}
PARTS=${PARTS:-open,scan,overdue}
part() { [[ ,$PARTS, == *,$1,* ]]; }
SVC=$(realpath "$BUILD/svc")
GEN=$(realpath "$BUILD/svc-gen")
STORE=$(realpath -m "$OUT/store-$N-s$SEED")
RESULTS=$(realpath -m "$OUT/results.tsv")

die() { echo "bench: $*" >&2; exit 1; }
[[ -x $SVC && -x $GEN ]] || die "no $BUILD/svc or $BUILD/svc-gen: build them first (make bench, or BUILD=dir)"

install_if_missing() {  # install_if_missing COMMAND DEBIAN-PACKAGE
  command -v "$1" >/dev/null && return 0
  [[ ${NO_INSTALL:-} == 1 || $(id -u) != 0 ]] && return 1
  echo "bench: installing $2" >&2
  export DEBIAN_FRONTEND=noninteractive
  { apt-get install -y -q "$2" || { apt-get update -q && apt-get install -y -q "$2"; }; } >/dev/null 2>&1
  command -v "$1" >/dev/null
}
HAVE_HYPERFINE=0
[[ ${TIMER:-} != loop ]] && install_if_missing hyperfine hyperfine && HAVE_HYPERFINE=1
[[ -x /usr/bin/time ]] || install_if_missing /usr/bin/time time || true

# ---- the store ----

# What svc-gen makes now: the bytes of a small store made with the same
# options (a change to the generator or to svc's format changes them).
probe=$(mktemp -d)
"$GEN" "$probe/s" 300 --seed "$SEED" "${gen_args[@]}" >/dev/null 2>&1 || die "svc-gen fails: $GEN $probe/s 300 --seed $SEED $GEN_ARGS"
stamp="$(cd "$probe/s" && find . -type f -print0 | sort -z | xargs -0 md5sum | md5sum | cut -d' ' -f1)${GEN_ARGS:+ $GEN_ARGS}"
rm -rf "$probe"
if [[ ! -f $STORE/.bench-stamp || $(cat "$STORE/.bench-stamp") != "$stamp" ]]; then
  rm -rf "$STORE"
  mkdir -p "$(dirname "$STORE")"
  echo "bench: generating $N tickets into $STORE" >&2
  t0=$(date +%s%N)
  "$GEN" "$STORE" "$N" --seed "$SEED" "${gen_args[@]}"
  t1=$(date +%s%N)
  echo "bench: generated in $(( (t1 - t0) / 1000000 )) ms" >&2
  echo "$stamp" >"$STORE/.bench-stamp"
fi
# Written-back and cached: the timings below start from a quiet disk and a
# warm page cache (the cat and the warm-up runs read every file).
sync
files=$(find "$STORE/tickets" -name '*.toml' | wc -l)
bytes=$(find "$STORE/tickets" -name '*.toml' -printf '%s\n' | awk '{s += $1} END {print s}')
[[ $files -ge $N ]] || die "$STORE holds $files tickets, not $N: remove it and run again"

# ---- timings: name, command; results as name<TAB>mean_s<TAB>stddev_s<TAB>runs ----

: >"$RESULTS"

run_hyperfine() {  # run_hyperfine RUNS WARMUP PREPARE name cmd [name cmd ...]
  local runs=$1 warmup=$2 prepare=$3 json
  shift 3
  json=$(mktemp)
  local args=(-N --style basic --warmup "$warmup" --export-json "$json")
  [[ $runs != auto ]] && args+=(--runs "$runs")
  [[ -n $prepare ]] && args+=(--prepare "$prepare")
  [[ -n ${IGNORE_STATUS:-} ]] && args+=(--ignore-failure)  # svc overdue exits 2 when something is overdue
  while (( $# )); do args+=(-n "$1" "$2"); shift 2; done
  hyperfine "${args[@]}" >&2
  python3 -c '
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print("%s\t%.6f\t%.6f\t%.6f\t%.6f\t%d" % (r["command"], r["mean"], r["stddev"] or 0,
                                            r["median"], r["min"], len(r["times"])))
' "$json" >>"$RESULTS"
  rm -f "$json"
}

# Microseconds into REPLY, without a fork where bash has $EPOCHREALTIME.
now_us() {
  if [[ -n ${EPOCHREALTIME:-} ]]; then REPLY=${EPOCHREALTIME/[.,]/}; else REPLY=$(( $(date +%s%N) / 1000 )); fi
}

run_loop() {  # run_loop RUNS WARMUP PREPARE name cmd [name cmd ...]
  local runs=$1 warmup=$2 prepare=$3
  [[ $runs == auto ]] && runs=100
  shift 3
  while (( $# )); do
    local name=$1 cmd=$2 i t0 t1 times=()
    shift 2
    echo "bench: $name ($runs runs)" >&2
    for (( i = 0; i < warmup + runs; i++ )); do
      [[ -n $prepare ]] && eval "$prepare"
      now_us; t0=$REPLY
      eval "$cmd" >/dev/null || [[ -n ${IGNORE_STATUS:-} ]]
      now_us; t1=$REPLY
      (( i >= warmup )) && times+=($(( t1 - t0 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v name="$name" '
      {t[++n] = $1; s += $1; q += $1 * $1}
      END {m = s / n; v = q / n - m * m; if (v < 0) v = 0
           med = n % 2 ? t[(n + 1) / 2] : (t[n / 2] + t[n / 2 + 1]) / 2
           printf "%s\t%.6f\t%.6f\t%.6f\t%.6f\t%d\n", name, m / 1e6, sqrt(v) / 1e6, med / 1e6, t[1] / 1e6, n}' >>"$RESULTS"
  done
}

bench() { if (( HAVE_HYPERFINE )); then run_hyperfine "$@"; else run_loop "$@"; fi; }
quote() { local a s=""; for a; do s+="'$a' "; done; echo "${s% }"; }  # no arg holds a '

# ---- peak memory: max RSS in KiB, one run each, name<TAB>kib ----

PEAKS=$(realpath -m "$OUT/peaks.tsv")
: >"$PEAKS"
peak() {  # peak NAME CMD
  local kib=- f
  if [[ -x /usr/bin/time ]]; then
    f=$(mktemp)
    eval "/usr/bin/time -f %M -o '$f' $2" >/dev/null 2>&1 || true
    kib=$(tail -1 "$f")
    rm -f "$f"
  fi
  printf '%s\t%s\n' "$1" "$kib" >>"$PEAKS"
}
notes=()  # lines printed under the table

load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- svc open (issue 2) ----

if part open; then
  # ---- what `svc open` will create: the next number of a code with room in
  # the last full month (a folder of ~900 tickets), removed again before each
  # run so every run does the same work ----

  months=$(cd "$STORE/tickets" && ls -d */* | sort)
  month=$(echo "$months" | tail -2 | head -1)   # the last month may be partial
  year=${month%/*} mon=${month#*/}
  target=""
  for code in SH YX SC SJ XT YF HY ZL ZC1 ZC2; do
    n=$(find "$STORE/tickets/$month" -name "$code-*.toml" | wc -l)
    if (( n > 0 && n < 99 )); then
      target="$STORE/tickets/$month/$(printf '%s-%02d-%s-%02d.toml' "$code" $((10#$year % 100)) "$mon" $((n + 1)))"
      break
    fi
  done
  [[ -n $target ]] || die "no code with room in $month"
  open_args=(-R "$STORE" --now "$year-$mon-28T18:00" open --via "$code" --customer 国网杭州供电公司
             --phone 0571-85550000 --product 继电保护装置 --description 差动保护误动跳闸
             --received-at "$year-$mon-01T10:00" --at "$year-$mon-01T10:30")
  trap 'rm -f "$target" "${empty_target:-}"' EXIT
  rm -f "$target"
  got=$("$SVC" --actor 王芳 "${open_args[@]}")
  [[ $got == $(basename "$target" .toml) ]] || die "svc open gave $got, expected $(basename "$target" .toml)"
  rm -f "$target"
  # The same open into an empty store: what the 100,000 tickets add.
  EMPTY=$(realpath -m "$OUT/empty")
  [[ -f $EMPTY/svc.toml ]] || "$SVC" init "$EMPTY" >/dev/null 2>&1
  empty_target="$EMPTY/tickets/$month/$(printf '%s-%02d-%s-01.toml' "$code" $((10#$year % 100)) "$mon")"
  empty_args=("${open_args[@]}")
  empty_args[1]=$EMPTY


  open_cmd="$(quote "$SVC" --actor 王芳 "${open_args[@]}")"
  open_git_cmd="$(quote "$SVC" "${open_args[@]}")"
  open_empty_cmd="$(quote "$SVC" --actor 王芳 "${empty_args[@]}")"
  bench auto 20 "rm -f '$target' '$empty_target'" \
    "svc --version" "$(quote "$SVC" --version)" \
    "svc open" "$open_cmd" \
    "svc open (empty store)" "$open_empty_cmd" \
    "svc open (actor from git)" "$open_git_cmd"
  rm -f "$target" "$empty_target"
  peak "svc --version" "$(quote "$SVC" --version)"
  rm -f "$target"; peak "svc open" "$open_cmd"
  rm -f "$target"; peak "svc open (actor from git)" "$open_git_cmd"
  rm -f "$target" "$empty_target"; peak "svc open (empty store)" "$open_empty_cmd"
  rm -f "$target" "$empty_target"

  # svc show and svc dispatch (issue 8's other point operations) on a ticket
  # opened and classified for it (on-site repair, hardware: SC's engineers
  # go); before each dispatch the ticket is put back as it was and the
  # outbound record it filed is removed, so every run files the same number.
  id=$("$SVC" --actor 王芳 "${open_args[@]}")
  "$SVC" -R "$STORE" --now "$year-$mon-28T18:00" --actor 刘洋 classify "$id" --kind support --category hardware --level 2 \
    --service onsite-repair --at "$year-$mon-01T10:40" >/dev/null
  saved=$(mktemp)
  cp "$target" "$saved"
  trap 'rm -f "$target" "${empty_target:-}" "$saved" "$saved.sh" "${record_file:-}"' EXIT
  dispatch_cmd="$(quote "$SVC" -R "$STORE" --now "$year-$mon-28T18:00" --actor 王芳 dispatch "$id" --tech 李工 --tech 张工 --at "$year-$mon-01T11:00")"
  record=$(eval "$dispatch_cmd")
  record_file=$(find "$STORE/outbound" -name "$record.toml" | head -1)
  [[ -n $record_file ]] || die "svc dispatch filed $record, but no outbound/…/$record.toml"
  # (a script: hyperfine -N runs --prepare without a shell)
  printf 'cp %q %q && rm -f %q\n' "$saved" "$target" "$record_file" >"$saved.sh"
  restore="bash '$saved.sh'"
  eval "$restore"
  bench auto 20 "" "svc show ID" "$(quote "$SVC" -R "$STORE" show "$id")"
  bench auto 20 "$restore" "svc dispatch ID" "$dispatch_cmd"
  eval "$restore"
  peak "svc show ID" "$(quote "$SVC" -R "$STORE" show "$id")"
  peak "svc dispatch ID" "$dispatch_cmd"
  rm -f "$target" "$record_file" "$saved" "$saved.sh"
fi

# ---- svc list, svc check: every file read ----

if part scan; then
  cat_cmd="$(quote find "$STORE/tickets" -name '*.toml' -exec cat '{}' +)"
  list_cmd="$(quote "$SVC" -R "$STORE" list)"
  check_cmd="$(quote "$SVC" -R "$STORE" check)"
  bench "$RUNS_SLOW" 1 "" \
    "cat every file" "$cat_cmd" \
    "svc list" "$list_cmd" \
    "svc check" "$check_cmd"
  peak "cat every file" "$cat_cmd"
  peak "svc list" "$list_cmd"
  peak "svc check" "$check_cmd"
fi

# ---- svc overdue against Taskwarrior (issue 5) and git status (issue 8) ----

if part overdue; then
  # The moment the store was generated for (09:00 after its last month):
  # svc overdue is asked as of then, every run the same.
  NOW=$("$GEN" "$STORE" "$N" --seed "$SEED" "${gen_args[@]}" --print-now)

  # git status on the same tree: the store as a repository of its own,
  # committed once and reused with the store (regenerating it removes .git).
  if [[ ! -d $STORE/.git ]] || ! git --git-dir="$STORE/.git" rev-parse -q --verify HEAD >/dev/null; then
    echo "bench: git init, add and commit of $STORE (once per store)" >&2
    rm -rf "$STORE/.git"
    t0=$(date +%s%N)
    git -C "$STORE" init -q
    git --git-dir="$STORE/.git" config gc.auto 0
    echo /.bench-stamp >>"$STORE/.git/info/exclude"  # the bench's, not the store's
    git --git-dir="$STORE/.git" --work-tree="$STORE" add -A
    git --git-dir="$STORE/.git" --work-tree="$STORE" -c user.name=svc-bench \
      -c user.email=svc-bench@localhost commit -q -m "svc-gen $N --seed $SEED"
    t1=$(date +%s%N)
    git --git-dir="$STORE/.git" --work-tree="$STORE" gc -q  # packed, as in a clone
    t2=$(date +%s%N)
    echo "bench: committed in $(( (t1 - t0) / 1000000 )) ms, packed in $(( (t2 - t1) / 1000000 )) ms" >&2
  fi
  [[ $(git -C "$STORE" rev-parse --show-toplevel) == "$STORE" ]] || die "git in $STORE is not the store's own repository"
  [[ -z $(git -C "$STORE" status --porcelain) ]] ||
    die "$STORE differs from its commit (git status): remove $STORE/.git and run again"
  notes+=("git: the store's repository holds $(git -C "$STORE" count-objects -vH |
    awk -F': ' '$1 == "in-pack" {n = $2} $1 == "size-pack" {s = $2} END {printf "%s objects in %s packed", n, s}'); working tree $(du -sh --exclude=.git "$STORE" | cut -f1) on disk")

  # Taskwarrior: every ticket as a task, due at the earliest deadline of its
  # running clocks. Taskwarrior has no --now, it compares with the system
  # clock: every time is moved by the whole minutes from $NOW to the clock,
  # so that it judges the same deadlines against the same moment. Two sets
  # of tasks: the tickets as a Taskwarrior user keeps them (the fault in the
  # description, the history as annotations: the records the targets are
  # against) and bare ones (number, customer and dates only).
  task_cmd="" bare_cmd=""
  import_tasks() {  # import_tasks DIR [svc-gen option]: prints the command that counts
    local tw=$1 t0 t1 rss timer=()
    shift
    rm -rf "$tw"
    mkdir -p "$tw/data"
    printf '%s\n' "data.location=$tw/data" confirmation=off verbose=nothing gc=off hooks=off \
      recurrence=off >"$tw/taskrc"
    "$GEN" --taskwarrior "$STORE" --now "$NOW" --shift "$shift_s" "$@" >"$tw/tasks.json"
    echo "bench: task import of $tw/tasks.json" >&2
    [[ -x /usr/bin/time ]] && timer=(/usr/bin/time -f '%M' -o "$tw/import.rss")
    t0=$(date +%s%N)
    if ! TASKRC="$tw/taskrc" TZ=UTC "${timer[@]}" task import "$tw/tasks.json" >/dev/null; then
      notes+=("task import of $tw/tasks.json failed (out of memory?): no Taskwarrior row for it")
      rm -f "$tw/tasks.json"
      return 1
    fi
    t1=$(date +%s%N)
    rss=$( [[ -f $tw/import.rss ]] && echo "$(( $(tail -1 "$tw/import.rss") / 1024 )) MiB" || echo -)
    notes+=("task import of $(grep -c '"uuid"' "$tw/tasks.json") tasks${1:+ ($1)}, $(( $(stat -c %s "$tw/tasks.json") / 1000000 )) MB of JSON: $(( (t1 - t0) / 1000000 )) ms, peak RSS $rss; its files: $(du -sh "$tw/data" | cut -f1)")
    rm -f "$tw/tasks.json"
  }
  if install_if_missing task taskwarrior; then
    shift_s=$(( ($(date +%s) - $(date -d "$NOW" +%s)) / 60 * 60 ))
    notes+=("Taskwarrior: every run the due dates are moved by ${shift_s} s, from $NOW to the system clock")
    if [[ ${TASKS:-both} != bare ]]; then
      TW=$(realpath -m "$OUT/taskwarrior-$N-s$SEED")
      import_tasks "$TW" && task_cmd="$(quote env TASKRC="$TW/taskrc" TZ=UTC task +OVERDUE count)"
    fi
    TWB=$(realpath -m "$OUT/taskwarrior-bare-$N-s$SEED")
    import_tasks "$TWB" --bare && bare_cmd="$(quote env TASKRC="$TWB/taskrc" TZ=UTC task +OVERDUE count)"
  else
    notes+=("no Taskwarrior (apt-get install taskwarrior): the svc overdue row has nothing to compare with")
  fi

  overdue_cmd="$(quote "$SVC" -R "$STORE" --now "$NOW" overdue)"
  # The same answer: the tickets svc lists against the tasks Taskwarrior counts.
  rc=0
  svc_json=$("$SVC" -R "$STORE" --now "$NOW" overdue --json) || rc=$?
  (( rc <= 2 )) || die "svc overdue failed (exit status $rc)"
  svc_counts=$(python3 -c 'import json, sys; d = json.load(sys.stdin); print(len(d), len({x["id"] for x in d}))' <<<"$svc_json")
  unset svc_json
  line="svc overdue --now $NOW: ${svc_counts% *} clocks overdue on ${svc_counts#* } tickets"
  for which in "" " (bare)"; do
    cmd=$([[ -z $which ]] && echo "$task_cmd" || echo "$bare_cmd")
    [[ -n $cmd ]] || continue
    task_count=$(eval "$cmd")
    line+="; task +OVERDUE count$which: $task_count"
    [[ $task_count == "${svc_counts#* }" ]] && line+=" (the same)" ||
      line+=" (DIFFERENT: a deadline passed between the export and the count, or a bug)"
  done
  notes+=("$line")

  # svc overdue three ways: warm (.svc/index up to date: nothing changed since
  # the last run), cold (the index deleted before each run, so the run parses
  # every file and writes the index again) and --no-index (every file parsed,
  # no index read or written).
  cold_cmd="$(quote "$SVC" -R "$STORE" --now "$NOW" overdue)"
  noindex_cmd="$(quote "$SVC" -R "$STORE" --now "$NOW" --no-index overdue)"
  bench auto 3 "" "git status" "$(quote git -C "$STORE" status)" \
    ${task_cmd:+"task +OVERDUE count"} ${task_cmd:+"$task_cmd"} \
    ${bare_cmd:+"task +OVERDUE count (bare)"} ${bare_cmd:+"$bare_cmd"}
  IGNORE_STATUS=1 bench "$RUNS_SLOW" 1 "" "svc overdue" "$overdue_cmd"
  # The auditor's year report (issue 8, warm): the last whole year before NOW.
  report_cmd="$(quote "$SVC" -R "$STORE" --now "$NOW" report --year $(( ${NOW:0:4} - 1 )))"
  bench "$RUNS_SLOW" 1 "" "svc report --year" "$report_cmd"
  # A customer's history (issue 17, warm): the customer of the first ticket, by name.
  first_ticket=$(find "$STORE/tickets" -name '*.toml' -print -quit)
  hist_name=$(sed -n 's/^name = "\(.*\)"$/\1/p' "$first_ticket" | head -1)
  history_cmd="$(quote "$SVC" -R "$STORE" --now "$NOW" history --customer "$hist_name")"
  bench "$RUNS_SLOW" 1 "" "svc history --customer" "$history_cmd"
  # Search (issue 20 item 3, warm): the first ticket's customer's name, and a
  # word no ticket holds (every text looked through), and the morning view.
  search_cmd="$(quote "$SVC" -R "$STORE" --now "$NOW" search "$hist_name")"
  bench "$RUNS_SLOW" 1 "" "svc search (a customer)" "$search_cmd"
  nohit_cmd="$(quote "$SVC" -R "$STORE" --now "$NOW" search "没有这段文字")"
  IGNORE_STATUS=1 bench "$RUNS_SLOW" 1 "" "svc search (no hit)" "$nohit_cmd"
  status_cmd="$(quote "$SVC" -R "$STORE" --now "$NOW" status)"
  bench "$RUNS_SLOW" 1 "" "svc status" "$status_cmd"
  IGNORE_STATUS=1 bench "$RUNS_SLOW" 1 "rm -f '$STORE/.svc/index'" "svc overdue (cold)" "$cold_cmd"
  IGNORE_STATUS=1 bench "$RUNS_SLOW" 1 "" "svc overdue (no index)" "$noindex_cmd"
  peak "git status" "$(quote git -C "$STORE" status)"
  [[ -n $task_cmd ]] && peak "task +OVERDUE count" "$task_cmd"
  [[ -n $bare_cmd ]] && peak "task +OVERDUE count (bare)" "$bare_cmd"
  peak "svc overdue" "$overdue_cmd"
  peak "svc report --year" "$report_cmd"
  peak "svc history --customer" "$history_cmd"
  peak "svc search (no hit)" "$nohit_cmd"
  peak "svc status" "$status_cmd"
  rm -f "$STORE/.svc/index"
  peak "svc overdue (cold)" "$cold_cmd"
  peak "svc overdue (no index)" "$noindex_cmd"
fi

# ---- nonconformity reports (issue 18 item 2; PARTS=nc) ----
# The store with NCS (default 3,000) reports beside its tickets
# (bench/gen-nonconformities.py), in a copy of hard links made once per store
# and reused: `svc nonconformity list --open` and `svc report --year` against
# the same report on the store without them (warm).

if part nc; then
  NOW=${NOW:-$("$GEN" "$STORE" "$N" --seed "$SEED" "${gen_args[@]}" --print-now)}
  NCS=${NCS:-3000}
  NCSTORE=$(realpath -m "$OUT/store-$N-s$SEED-nc$NCS")
  if [[ ! -f $NCSTORE/.bench-stamp || $(cat "$NCSTORE/.bench-stamp") != "$(cat "$STORE/.bench-stamp" 2>/dev/null) $(md5sum <bench/gen-nonconformities.py)" ]]; then
    echo "bench: $NCS nonconformity reports beside $N tickets into $NCSTORE" >&2
    rm -rf "$NCSTORE"
    cp -al "$STORE" "$NCSTORE"
    rm -rf "$NCSTORE/.svc" "$NCSTORE/.git" "$NCSTORE/.bench-stamp"
    python3 bench/gen-nonconformities.py "$NCSTORE" "$NCS" --until "${NOW:0:7}" >&2
    "$SVC" -R "$NCSTORE" --now "$NOW" check >/dev/null || die "svc check fails on $NCSTORE"
    echo "$(cat "$STORE/.bench-stamp" 2>/dev/null) $(md5sum <bench/gen-nonconformities.py)" >"$NCSTORE/.bench-stamp"
  fi
  year=$(( ${NOW:0:4} - 1 ))
  nc_list_cmd="$(quote "$SVC" -R "$NCSTORE" --now "$NOW" nonconformity list --open)"
  nc_report_cmd="$(quote "$SVC" -R "$NCSTORE" --now "$NOW" report --year "$year")"
  base_report_cmd="$(quote "$SVC" -R "$STORE" --now "$NOW" report --year "$year")"
  bench "$RUNS_SLOW" 1 "" "svc report --year (no reports)" "$base_report_cmd" \
    "svc report --year (+$NCS NC reports)" "$nc_report_cmd" \
    "svc nonconformity list --open" "$nc_list_cmd"
  notes+=("nonconformity reports: $NCS over the months before $NOW beside $N tickets ($(find "$NCSTORE/nonconformities" -name '*.toml' | wc -l) files)")
  peak "svc nonconformity list --open" "$nc_list_cmd"
  peak "svc report --year (+$NCS NC reports)" "$nc_report_cmd"
fi

# ---- training records and the case library (issue 19 item 4; PARTS=training) ----
# The store with TRS (default 3,000) training records over the five years
# before it ends (bench/gen-training.py), in a copy of hard links made once per
# store and reused: `svc training list --year` (one year's files read) and
# `svc cases` (the closed quality tickets picked through the index, warm)
# against `svc report --year` on the same store.

if part training; then
  NOW=${NOW:-$("$GEN" "$STORE" "$N" --seed "$SEED" "${gen_args[@]}" --print-now)}
  TRS=${TRS:-3000}
  TRSTORE=$(realpath -m "$OUT/store-$N-s$SEED-tr$TRS")
  if [[ ! -f $TRSTORE/.bench-stamp || $(cat "$TRSTORE/.bench-stamp") != "$(cat "$STORE/.bench-stamp" 2>/dev/null) $(md5sum <bench/gen-training.py)" ]]; then
    echo "bench: $TRS training records beside $N tickets into $TRSTORE" >&2
    rm -rf "$TRSTORE"
    cp -al "$STORE" "$TRSTORE"
    rm -rf "$TRSTORE/.svc" "$TRSTORE/.git" "$TRSTORE/.bench-stamp"
    python3 bench/gen-training.py "$TRSTORE" "$TRS" --until "${NOW:0:7}" >&2
    "$SVC" -R "$TRSTORE" --now "$NOW" check >/dev/null || die "svc check fails on $TRSTORE"
    echo "$(cat "$STORE/.bench-stamp" 2>/dev/null) $(md5sum <bench/gen-training.py)" >"$TRSTORE/.bench-stamp"
  fi
  year=$(( ${NOW:0:4} - 1 ))
  tr_list_cmd="$(quote "$SVC" -R "$TRSTORE" --now "$NOW" training list --year "$year")"
  tr_all_cmd="$(quote "$SVC" -R "$TRSTORE" --now "$NOW" training list)"
  cases_cmd="$(quote "$SVC" -R "$TRSTORE" --now "$NOW" cases)"
  tr_report_cmd="$(quote "$SVC" -R "$TRSTORE" --now "$NOW" report --year "$year")"
  bench "$RUNS_SLOW" 1 "" "svc report --year (+training)" "$tr_report_cmd" \
    "svc training list --year" "$tr_list_cmd" \
    "svc training list" "$tr_all_cmd" \
    "svc cases" "$cases_cmd"
  notes+=("training records: $TRS over the five years before $NOW beside $N tickets ($(find "$TRSTORE/training" -name '*.toml' | wc -l) files)")
  peak "svc training list --year" "$tr_list_cmd"
  peak "svc cases" "$cases_cmd"
fi

# ---- svc audit against git log -p (issue 15), on a generated history ----

if part audit; then
  # The same tickets entered over N/10 commits (bench/gen-history.py): made
  # once into $OUT/history-N-sSEED and reused while svc-gen and the script
  # make the same (the store's stamp and the script's checksum).
  HIST=$(realpath -m "$OUT/history-$N-s$SEED")
  COMMITS=${COMMITS:-$(( N / 10 ))}
  hstamp="$stamp $(md5sum <bench/gen-history.py | cut -d' ' -f1) $COMMITS"
  if [[ ! -f $HIST/.git/bench-stamp || $(cat "$HIST/.git/bench-stamp") != "$hstamp" ]]; then
    echo "bench: generating a history of $N tickets in $COMMITS commits into $HIST" >&2
    python3 bench/gen-history.py "$HIST" "$N" "$COMMITS" --seed "$SEED" --build "$BUILD" \
      ${GEN_ARGS:+--gen-args "$GEN_ARGS"}
    echo "$hstamp" >"$HIST/.git/bench-stamp"
  fi
  # A daily audit: the commits of the history's last day, after the last
  # commit of the day before.
  last_day=$(git -C "$HIST" log -1 --format=%ad --date=format:%Y-%m-%d)
  since=$(git -C "$HIST" log -1 --format=%H --until="$last_day 00:00:00 +0800" HEAD)
  day_commits=$(git -C "$HIST" rev-list --count "$since..HEAD")
  notes+=("git log -p -m: git log -p --full-history -m --no-renames -- . (what svc audit walks); history: $(git -C "$HIST" rev-list --count HEAD) commits ($(git -C "$HIST" rev-list --count --merges HEAD) merges), $(git -C "$HIST" count-objects -vH |
    awk -F': ' '$1 == "in-pack" {n = $2} $1 == "size-pack" {s = $2} END {printf "%s objects in %s packed", n, s}'); the daily audit: $day_commits commits of $last_day after ${since:0:12}")
  audit_cmd="$(quote "$SVC" -R "$HIST" audit)"
  logp_cmd="$(quote git -C "$HIST" log -p --full-history -m --no-renames -- .)"
  plain_cmd="$(quote git -C "$HIST" log -p)"
  daily_cmd="$(quote "$SVC" -R "$HIST" audit --since "$since")"
  daily_logp_cmd="$(quote git -C "$HIST" log -p --full-history -m --no-renames "$since..HEAD" -- .)"
  rc=0
  "$SVC" -R "$HIST" audit >"$OUT/audit.out" 2>"$OUT/audit.err" || rc=$?
  notes+=("svc audit: exit status $rc; $(tail -1 "$OUT/audit.err")$( (( rc == 0 )) || echo " (findings in $OUT/audit.out)")")
  # (svc audit exits 1 on findings: accepted, the note above says how many)
  IGNORE_STATUS=1 bench "$RUNS_SLOW" 1 "" "git log -p" "$plain_cmd" \
    "git log -p -m" "$logp_cmd" "svc audit" "$audit_cmd"
  IGNORE_STATUS=1 bench auto 3 "" "git log -p -m (a day)" "$daily_logp_cmd" \
    "svc audit --since (a day)" "$daily_cmd"
  peak "git log -p" "$plain_cmd"
  peak "git log -p -m" "$logp_cmd"
  peak "svc audit" "$audit_cmd"
  peak "git log -p -m (a day)" "$daily_logp_cmd"
  peak "svc audit --since (a day)" "$daily_cmd"
fi

# ---- peak memory of every reading command (issue 16: at most 64 MiB at 1,000,000) ----

if part memory; then
  MEMNOW=$("$GEN" "$STORE" "$N" --seed "$SEED" "${gen_args[@]}" --print-now)
  first=$(find "$STORE/tickets" -name '*.toml' -print -quit)
  first=$(basename "$first" .toml)
  year=${MEMNOW:0:4}
  mem() {  # mem NAME ARGS...: peak RSS and wall time of one run (as of MEMAT, else MEMNOW), output discarded
    local f t0 t1 kib
    f=$(mktemp)
    t0=$(date +%s%N)
    /usr/bin/time -f %M -o "$f" "$SVC" -R "$STORE" --now "${MEMAT:-$MEMNOW}" "${@:2}" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    kib=$(tail -1 "$f")
    rm -f "$f"
    printf '%s\t%s\t%s\n' "$1" "$kib" "$(( (t1 - t0) / 1000000 ))" >>"$MEMORY"
  }
  [[ -x /usr/bin/time ]] || die "PARTS=memory needs /usr/bin/time (apt-get install -y time)"
  MEMORY=$(realpath -m "$OUT/memory.tsv")
  : >"$MEMORY"
  "$SVC" -R "$STORE" --now "$MEMNOW" overdue >/dev/null 2>&1 || true  # the index made once: warm
  mem "svc list" list
  mem "svc list --json" --json list
  mem "svc show ID" show "$first"
  mem "svc show --json ID" --json show "$first"
  mem "svc overdue" overdue --warn 2h
  mem "svc overdue --json" --json overdue --warn 2h
  mem "svc report --year" report --year "$year"
  mem "svc report --year --json" --json report --year "$year"
  mem "svc check" check
  mem "svc check --json" --json check
  MEMAT="$(( year - 1 ))-06-01T00:00+08:00" mem "svc check --now (a year before)" check
  rm -f "$STORE/.svc/index"
  mem "svc overdue (cold: no index)" overdue --warn 2h
  mem "svc overdue --no-index" --no-index overdue --warn 2h
  memory_table() {
    echo
    echo "peak memory (max RSS, one run each, target: at most 64 MiB):"
    awk -F'\t' '{ mib = $2 / 1024
                   printf "  %-34s %8.1f MiB %9.1f s  %s\n", $1, mib, $3 / 1000, mib <= 64 ? "met" : "NOT MET" }' "$MEMORY"
  }
fi

# ---- the table ----

echo
echo "svc $("$SVC" --version | awk '{print $NF}'): $files tickets, $(( bytes / files )) bytes each on" \
     "average; $(nproc) cores; timed by $( (( HAVE_HYPERFINE )) && echo hyperfine || echo 'a bash loop'); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "load average before and after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine disturbs the figures)"
echo
[[ -s $RESULTS ]] && awk -F'\t' '
  function ms(x) { return sprintf("%.1f ms", x * 1000) }
  function ratio(c, b, target) {
    r1 = sprintf("%.2fx", med[c] / med[b]); r2 = sprintf("%.2fx", mean[c] / mean[b])
    return sprintf("%-6s %-6s %s", r1, r2, target == "" ? "(vs " b ")" : target)
  }
  BEGIN {
    base["svc open"] = "svc --version"; target["svc open"] = "<= 2x svc --version"
    base["svc open (empty store)"] = base["svc open (actor from git)"] = "svc --version"
    base["svc show ID"] = base["svc dispatch ID"] = "svc --version"
    target["svc show ID"] = target["svc dispatch ID"] = "<= 2x svc --version (issue 8)"
    base["svc list"] = base["svc check"] = "cat every file"
    base["svc overdue"] = "task +OVERDUE count"; target["svc overdue"] = "< 1x task (issue 5)"
    also["svc overdue"] = "git status"; also_target["svc overdue"] = "<= 2x git status (issue 8, warm)"
    base["svc report --year"] = "git status"; target["svc report --year"] = "<= 2x git status (issue 8, warm)"
    base["svc history --customer"] = "git status"; target["svc history --customer"] = "<= 2x git status (issue 17, warm)"
    base["svc search (a customer)"] = base["svc search (no hit)"] = "git status"
    target["svc search (a customer)"] = target["svc search (no hit)"] = "<= 2x git status (issue 20, warm)"
    base["svc status"] = "git status"
    base["svc nonconformity list --open"] = "svc report --year (no reports)"
    base["svc training list --year"] = base["svc training list"] = "svc report --year (+training)"
    base["svc cases"] = "svc report --year (+training)"
    base["svc overdue (cold)"] = "task +OVERDUE count"; target["svc overdue (cold)"] = "<= 1x task (issue 8, cold)"
    also["svc overdue (cold)"] = "task +OVERDUE count (bare)"
    base["svc overdue (no index)"] = "task +OVERDUE count"
    also["svc overdue (no index)"] = "task +OVERDUE count (bare)"
    base["svc audit"] = "git log -p -m"; also["svc audit"] = "git log -p"
    base["svc audit --since (a day)"] = "git log -p -m (a day)"
  }
  FNR == NR { peak[$1] = $2; next }
  { c = $1; name[++n] = c; mean[c] = $2; sd[c] = $3; med[c] = $4; min[c] = $5; runs[c] = $6 }
  END {
    fmt = "%-26s %10s %8s %10s %10s %5s %9s  %s\n"
    printf fmt, "command", "mean", "sd", "median", "min", "runs", "peak RSS", "ratio  (mean) target"
    for (i = 1; i <= n; i++) {
      c = name[i]; b = base[c]
      r = b != "" && (b in med) ? ratio(c, b, target[c]) : "-"
      rss = peak[c] ~ /^[0-9]+$/ ? sprintf("%.1f MiB", peak[c] / 1024) : "-"
      printf fmt, c, ms(mean[c]), sprintf("%.1f", sd[c] * 1000), ms(med[c]), ms(min[c]), runs[c], rss, r
      if ((c in also) && (also[c] in med)) printf fmt, "", "", "", "", "", "", "", ratio(c, also[c], also_target[c])
    }
    if (("svc overdue" in peak) && peak["task +OVERDUE count"] ~ /^[0-9]+$/)
      printf "\npeak RSS: svc overdue / task +OVERDUE count = %.3fx (target: far less)\n",
             peak["svc overdue"] / peak["task +OVERDUE count"]
    print "\nratio: of the medians; (mean): of the means."
  }' "$PEAKS" "$RESULTS"
for line in "${notes[@]}"; do echo "$line"; done
if part memory; then memory_table; fi
