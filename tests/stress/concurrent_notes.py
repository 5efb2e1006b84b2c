#!/usr/bin/env python3
"""Concurrent notes: 100 `svc note` on one ticket started at once, in rounds.

One ticket is opened; each round starts --count `svc note` processes on it
together, each with a text of its own. Every acknowledged note's text must
be in the ticket exactly once (and no note that was not acknowledged), the
ticket must read whole (TOML), `svc show --json` must list every note, and
`svc check` must be clean. A note that fails (it should not: the lock waits
up to a minute) must exit 1 with one `svc: …` line.

Prints tries, failures and anything lost; exits 1 if anything was lost or
wrong.

  python3 tests/stress/concurrent_notes.py [--count 100] [--rounds 3] [--seed N]
"""

import argparse
import collections
import json
import os
import random
import sys
import time

import stress_util as su


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=100, help="notes started at once")
    ap.add_argument("--rounds", type=int, default=3)
    su.add_common_args(ap)
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else int(time.time())
    rng = random.Random(seed)
    tmp = su.temp_dir("svc-notes-")
    rec = su.Records(args.svc, os.path.join(tmp, "records"))
    rc, out, err = rec.run("open", "--via", "YX", "--customer", "华东电网检修公司",
                           "--description", "开关柜无法合闸")
    if rc != 0:
        print("concurrent notes: svc open failed: " + err.strip())
        return 1
    ticket = out.strip()

    counts = dict(tries=0, acknowledged=0, failed=0, wrong=0, lost=0)
    failures = []
    acked = []
    times = []
    start = time.time()
    for r in range(args.rounds):
        # Texts of their own, some long, some with a newline (a multi-line note).
        texts = []
        for i in range(args.count):
            t = "第{}轮备注{:03d}-{}".format(r + 1, i, rng.randrange(10**9))
            if rng.random() < 0.2:
                t += "\n第二行" + "长" * rng.randrange(1, 400)
            texts.append(t)
        began = time.time()
        procs = [rec.popen("note", ticket, t) for t in texts]
        for t, p in zip(texts, procs):
            _, err = p.communicate()
            err = err.decode()
            counts["tries"] += 1
            if p.returncode == 0:
                counts["acknowledged"] += 1
                acked.append(t)
            else:
                counts["failed"] += 1
                if p.returncode != 1 or not su.one_line_error(err):
                    counts["wrong"] += 1
                failures.append("note exited {}: {}".format(p.returncode, err.strip()))
        times.append(time.time() - began)

    parsed = rec.parse(ticket)
    if parsed is None:
        counts["wrong"] += 1
        failures.append("{} does not read as TOML".format(ticket))
    stored = collections.Counter(su.notes_in(parsed)) if su.tomllib else None
    rc, out, err = rec.run("show", ticket, "--json")
    shown = collections.Counter()
    try:
        shown = collections.Counter(e["details"]["text"] for e in json.loads(out)["events"]
                                    if e["action"] == "note")
    except (ValueError, KeyError) as e:
        counts["wrong"] += 1
        failures.append("svc show --json exited {}: {} {}".format(rc, e, err.strip()))
    for t in acked:
        if stored is not None and stored[t] != 1:
            if stored[t] == 0:
                counts["lost"] += 1
                failures.append("lost note {!r}".format(t[:40]))
            else:
                counts["wrong"] += 1
                failures.append("note {!r} stored {} times".format(t[:40], stored[t]))
        if shown[t] != 1:
            counts["wrong"] += 1
            failures.append("svc show lists note {!r} {} times".format(t[:40], shown[t]))
    extra = (sum(stored.values()) if stored is not None else len(acked)) - len(acked)
    if extra:
        counts["wrong"] += 1
        failures.append("{} notes stored that were not acknowledged".format(extra))
    problems = rec.check()
    failures += problems
    leftovers = rec.leftovers()
    failures += ["temporary file left: " + f for f in leftovers]
    elapsed = time.time() - start
    bad = counts["lost"] or counts["wrong"] or counts["failed"] or problems or leftovers
    return su.finish(
        "concurrent notes (seed {}): {} rounds of {} on {} in {:.0f} s".format(
            seed, args.rounds, args.count, ticket, elapsed),
        ["tries: {}, acknowledged: {}, failures: {}, lost: {}".format(
            counts["tries"], counts["acknowledged"], counts["failed"], counts["lost"]),
         "notes in the ticket: {}; wrong answers: {}; check problems: {}; temporary files left: {}"
         .format(sum(stored.values()) if stored is not None else sum(shown.values()),
                 counts["wrong"], len(problems), len(leftovers)),
         "seconds per round: " + ", ".join("{:.1f}".format(t) for t in times)],
        failures, bad, keep=tmp)


if __name__ == "__main__":
    sys.exit(main())
