#!/usr/bin/env python3
"""bench/gen-history.py — a records directory's git history as a desk makes it.

    bench/gen-history.py DIR N COMMITS [--seed S] [--build build] [--merges PCT]
                         [--gen-args "..."]

Makes DIR a clone whose history is N tickets entered over COMMITS commits:
`svc-gen DIR N` writes the final store (svc's own bytes: see bench/README.md),
then every record's history is cut into the slices of time in which its
events were entered, and `git fast-import` commits, slice after slice, what
the store held at the slice's end:

- the events are ordered by their entry time (the later of `at` and
  `recorded`, svc::EnteredSecs) and cut into COMMITS slices of as many events
  each; commit k holds every event entered up to its slice's end: a ticket's
  file appears with its `open` event and grows by the events entered since
  the previous commit (each file is the final file with the events not yet
  entered left out — the header is filed once and never changes); an
  outbound registry entry appears with the `dispatch` event that filed it;
- author and committer date: the entry time of the slice's last event plus
  1–10 minutes (a desk syncs soon after it enters), never before the
  previous commit's (the slice's first commit `svc init`s store: svc.toml,
  .gitattributes of `svc git-setup`, parts.toml);
- three clones commit (王芳 and 张敏 at the desk, 李工 an engineer);
- PCT % of the commits (default 10) are merges: two clones each committed
  part of the slice from the same parent (the files split between them, so
  the changes are disjoint: no file changed on both sides) and the first
  merged the second's with `--no-ff` (parents: its own, then the other's).

At the end the work tree is the store svc-gen wrote and HEAD's tree is exactly
it (`git status` is clean, checked). The repository is packed (`git gc`), as
a clone would be. Generated stores are never committed to svc's repository:
DIR belongs under bench/out/ (git-ignored) or /tmp.

A ticket's events are not always in the file in the order they were
entered: svc-gen's notes fall at any time of the ticket's life and an
amendment (`--amend --reason`) is entered hours or days after later steps.
Such an event enters the history when it was entered, in its place in the
file (a commit then inserts it before events already committed), so no
event is committed before it was entered; a ticket's events are never
committed before its `open` event (the file's first).
"""

import argparse
import hashlib
import os
import random
import re
import shutil
import subprocess
import sys
import time
from datetime import datetime

SEP = b"\n[[event]]\n"
CLONES = [
    ("王芳", "wangfang@hq.example.com"),
    ("张敏", "zhangmin@hq.example.com"),
    ("李工", "ligong@field.example.com"),
]
TIME_RE = re.compile(rb"^(at|recorded) = (\S+)$", re.M)
RECORD_RE = re.compile(rb'^record = "([^"]+)"$', re.M)


def secs(text):
    return int(datetime.fromisoformat(text.decode()).timestamp())


MAX_SLICE = 12 * 3600  # a desk syncs at least twice a working day


def cut(items, n, span):
    """Cuts the events (by entry time) into n slices: a slice ends after as
    many events as the average (found by bisection) or when `span` seconds
    have passed since its first event, whichever comes first."""

    def slicing(count):
        out, start = [], 0
        for i, it in enumerate(items):
            if i > start and (i - start >= count or it[0] - items[start][0] > span):
                out.append(items[start:i])
                start = i
        out.append(items[start:])
        return out

    lo, hi = 1, len(items)
    while lo < hi:  # the smallest count that gives at most n slices
        mid = (lo + hi) // 2
        if len(slicing(mid)) > n:
            lo = mid + 1
        else:
            hi = mid
    return slicing(lo)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("dir")
    p.add_argument("n", type=int)
    p.add_argument("commits", type=int)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--build", default="build")
    p.add_argument("--merges", type=float, default=10.0)
    p.add_argument("--gen-args", default="")
    a = p.parse_args()

    gen = os.path.realpath(os.path.join(a.build, "svc-gen"))
    svc = os.path.realpath(os.path.join(a.build, "svc"))
    out = os.path.realpath(a.dir)
    t0 = time.time()
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    subprocess.run([gen, out, str(a.n), "--seed", str(a.seed)] + a.gen_args.split(), check=True,
                   stdout=subprocess.DEVNULL)
    now = subprocess.run([gen, out, str(a.n), "--seed", str(a.seed), "--print-now"] +
                         a.gen_args.split(), check=True, capture_output=True, text=True).stdout.strip()
    git = ["git", "-C", out]
    subprocess.run(git + ["init", "-q", "-b", "main"], check=True)
    subprocess.run(git + ["config", "gc.auto", "0"], check=True)
    subprocess.run([svc, "-R", out, "git-setup"], check=True, stdout=subprocess.DEVNULL)
    t_gen = time.time()

    # ---- the final store: every record file and what it holds ----
    setup_files = []  # svc init's and git-setup's files: the first commit
    tickets = {}  # path -> (header, [(entry, body)])
    registry = []  # (path, record)
    for root, dirs, files in os.walk(out):
        dirs[:] = [d for d in dirs if d not in (".git", ".svc")]
        for f in files:
            path = os.path.relpath(os.path.join(root, f), out)
            with open(os.path.join(root, f), "rb") as fh:
                data = fh.read()
            if path.startswith("tickets/") and path.endswith(".toml"):
                parts = data.split(SEP)
                events = []
                for body in parts[1:]:
                    times = dict((k, secs(v)) for k, v in TIME_RE.findall(body))
                    events.append((max(times.get(b"at", 0), times.get(b"recorded", 0)), body))
                tickets[path] = (parts[0], events)
            elif path.startswith("outbound/") and path.endswith(".toml"):
                registry.append((path, RECORD_RE.search(data).group(1)))
            else:
                setup_files.append((path, data))
    setup_files.sort()

    # Each event's entry; none before its ticket's open event (the first).
    items = []  # (entry, kind, key): kind 0 ticket event (path, i), 1 registry entry (path)
    filed = {}  # outbound record -> entry of the event that filed it
    for path, (header, events) in tickets.items():
        first = events[0][0]
        for i, (entry, body) in enumerate(events):
            entry = max(entry, first)
            events[i] = (entry, body)
            items.append((entry, 0, path, i))
            if b'action = "dispatch"' in body:
                m = RECORD_RE.search(body)
                if m and m.group(1) not in filed:
                    filed[m.group(1)] = entry
    for path, record in registry:
        if record not in filed:
            sys.exit(f"gen-history: no dispatch event files {record} ({path})")
        items.append((filed[record], 1, path, -1))
    items.sort()
    out_of_order = sum(
        1 for _, (h, ev) in tickets.items() for i in range(1, len(ev)) if ev[i][0] < ev[i - 1][0])

    # ---- the commits ----
    rng = random.Random(a.seed)
    n_merges = round(a.commits * a.merges / 100)
    n_slices = a.commits - 1 - 2 * n_merges  # svc init's commit; a merge is three
    slices = cut(items, n_slices, MAX_SLICE)
    merge_at = set(rng.sample(range(len(slices)), min(n_merges, len(slices))))

    # glibc would give memory back after every blob (fast-import allocates a
    # delta index for each): most of the import went in brk and page faults.
    env = dict(os.environ, MALLOC_TRIM_THRESHOLD_="1073741824", MALLOC_TOP_PAD_="268435456")
    fi = subprocess.Popen(git + ["fast-import", "--quiet", "--done"], stdin=subprocess.PIPE, env=env)
    w = fi.stdin
    last_date = [items[0][0] - 86400]
    tz = b" +0800"

    marks = [0]

    def commit(ref, who, date, message, changes, parents=()):
        """Writes a commit with parents (marks); returns its mark."""
        date = max(date, last_date[0])
        last_date[0] = date
        name, email = who
        ident = f"{name} <{email}> {date}".encode() + tz
        msg = message.encode()
        marks[0] += 1
        w.write(b"commit " + ref + b"\nmark :%d\nauthor " % marks[0] + ident + b"\ncommitter " +
                ident + b"\ndata %d\n" % len(msg) + msg + b"\n")
        for i, par in enumerate(parents):
            w.write((b"from :%d\n" if i == 0 else b"merge :%d\n") % par)
        for path, data in changes:
            w.write(b"M 100644 inline " + path.encode() + b"\ndata %d\n" % len(data) + data + b"\n")
        w.write(b"\n")
        return marks[0]

    def content(path, upto):
        header, events = tickets[path]
        return header + b"".join(SEP + body for entry, body in events if entry <= upto)

    def changes_of(group, upto):
        paths = sorted(set(path for _, _, path, _ in group))
        out_changes = []
        for path in paths:
            if path.startswith("outbound/"):
                with open(os.path.join(out, path), "rb") as fh:
                    out_changes.append((path, fh.read()))
            else:
                out_changes.append((path, content(path, upto)))
        return out_changes

    head = commit(b"refs/heads/main", CLONES[0], last_date[0], "svc init; svc git-setup",
                  [(p, d) for p, d in setup_files])
    merges = 0
    for k, sl in enumerate(slices):
        if not sl:
            continue
        end = sl[-1][0]
        files = sorted(set(path for _, _, path, _ in sl))
        if k in merge_at and len(files) >= 2:
            # Two clones from the same parent, files split between them.
            side = {f: rng.random() < 0.5 for f in files}
            if all(side.values()) or not any(side.values()):
                side[files[0]] = not side[files[0]]
            ga = [it for it in sl if side[it[2]]]
            gb = [it for it in sl if not side[it[2]]]
            who_a, who_b = rng.sample(CLONES, 2)
            base = last_date[0]
            da = ga[-1][0] + rng.randint(60, 600)
            db = gb[-1][0] + rng.randint(60, 600)
            # Both sides from the same parent; each keeps its own date.
            last_date[0] = base
            a_mark = commit(b"refs/heads/main", who_a, da, f"svc sync ({who_a[0]})",
                            changes_of(ga, end), parents=(head,))
            last_date[0] = base
            b_mark = commit(b"refs/heads/other", who_b, db, f"svc sync ({who_b[0]})",
                            changes_of(gb, end), parents=(head,))
            head = commit(b"refs/heads/main", who_a, max(da, db) + rng.randint(60, 300),
                          f"Merge {who_b[0]}'s records (svc sync --merge)", changes_of(gb, end),
                          parents=(a_mark, b_mark))
            merges += 1
        else:
            who = rng.choice(CLONES)
            head = commit(b"refs/heads/main", who, end + rng.randint(60, 600),
                          f"svc sync ({who[0]})", changes_of(sl, end), parents=(head,))
    w.write(b"done\n")
    w.close()
    if fi.wait() != 0:
        sys.exit("gen-history: git fast-import failed")
    subprocess.run(git + ["update-ref", "-d", "refs/heads/other"], check=True)
    t_import = time.time()
    subprocess.run(git + ["reset", "-q"], check=True)
    status = subprocess.run(git + ["status", "--porcelain"], check=True, capture_output=True,
                            text=True).stdout
    if status.strip():
        sys.exit("gen-history: the last commit is not the store svc-gen wrote:\n" + status[:2000])
    t_check = time.time()
    subprocess.run(git + ["gc", "-q"], check=True)
    t_gc = time.time()
    count = subprocess.run(git + ["rev-list", "--count", "HEAD"], check=True, capture_output=True,
                           text=True).stdout.strip()
    print(f"gen-history: {out}: {len(tickets)} tickets, {len(registry)} registry entries, "
          f"{len(items)} events entered in {count} commits ({merges} merges); now {now}; "
          f"{out_of_order} events entered before one above them in their file; "
          f"svc-gen {t_gen - t0:.1f} s, fast-import {t_import - t_gen:.1f} s, "
          f"reset+status {t_check - t_import:.1f} s, gc {t_gc - t_check:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
