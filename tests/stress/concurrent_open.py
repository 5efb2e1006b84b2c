#!/usr/bin/env python3
"""Concurrent opens: 200 `svc open` started at once, in several rounds.

Each round starts --count `svc open` processes together, each for its own
customer, in a month of its own (sequence_width = 3, so 001-200 fit in
one month). Every acknowledged open (exit 0) printed one number; the
numbers of a round must be 001, 002, … without a gap or a duplicate, every
acknowledged number's ticket must be on disk with its own customer, no
ticket may exist that no open acknowledged, and `svc check` must be clean.
An open that fails (it should not: the lock waits up to a minute) must
exit 1 with one `svc: …` line and leave no number taken.

Prints tries, failures and anything lost; exits 1 if anything was lost or
wrong.

  python3 tests/stress/concurrent_open.py [--count 200] [--rounds 3] [--seed N]
"""

import argparse
import os
import random
import sys
import time

import stress_util as su


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=200, help="opens started at once (at most 999)")
    ap.add_argument("--rounds", type=int, default=3)
    su.add_common_args(ap)
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else int(time.time())
    rng = random.Random(seed)
    tmp = su.temp_dir("svc-open-")
    rec = su.Records(args.svc, os.path.join(tmp, "records"), width=3)

    counts = dict(tries=0, acknowledged=0, failed=0, wrong=0, lost=0)
    failures = []
    continuous = 0
    times = []
    start = time.time()
    for r in range(args.rounds):
        month = 11 - (args.rounds - 1 - r) % 11  # one month per round, up to November
        now = "2026-{:02d}-15T10:00:00+08:00".format(month)
        customers = ["客户{}-{:03d}-{}".format(r, i, rng.randrange(10**6)) for i in range(args.count)]
        began = time.time()
        procs = [rec.popen("open", "--via", "YX", "--customer", c, "--description", "并发开单",
                           now=now) for c in customers]
        acked = {}  # number -> customer
        for c, p in zip(customers, procs):
            out, err = p.communicate()
            out, err = out.decode().strip(), err.decode()
            counts["tries"] += 1
            if p.returncode == 0 and su.ID_RE.match(out):
                counts["acknowledged"] += 1
                if out in acked:
                    counts["wrong"] += 1
                    failures.append("round {}: {} given twice".format(r + 1, out))
                acked[out] = c
            else:
                counts["failed"] += 1
                if p.returncode != 1 or not su.one_line_error(err):
                    counts["wrong"] += 1
                failures.append("round {}: open exited {}: {}".format(r + 1, p.returncode, err.strip()))
        times.append(time.time() - began)
        seqs = sorted(int(su.ID_RE.match(n).group(4)) for n in acked)
        if seqs == list(range(1, len(seqs) + 1)):
            continuous += 1
        else:
            counts["wrong"] += 1
            failures.append("round {}: numbers not continuous: {}".format(r + 1, seqs[:10]))
        for number, customer in acked.items():
            ticket = rec.parse(number)
            if ticket is None:
                counts["lost"] += 1
                failures.append("lost ticket {} ({})".format(number, customer))
            elif su.tomllib and ticket.get("customer", {}).get("name") != customer:
                counts["wrong"] += 1
                failures.append("{} holds customer {!r}, not {!r}".format(
                    number, ticket.get("customer", {}).get("name"), customer))
        folder = os.path.join(rec.records, "tickets", "2026", "{:02d}".format(month))
        on_disk = {f[:-5] for f in os.listdir(folder) if f.endswith(".toml")} if os.path.isdir(folder) else set()
        for extra in sorted(on_disk - set(acked)):
            counts["wrong"] += 1
            failures.append("round {}: {} on disk but no open acknowledged it".format(r + 1, extra))

    problems = rec.check()
    failures += problems
    leftovers = rec.leftovers()
    failures += ["temporary file left: " + f for f in leftovers]
    elapsed = time.time() - start
    bad = counts["lost"] or counts["wrong"] or counts["failed"] or problems or leftovers
    return su.finish(
        "concurrent open (seed {}): {} rounds of {} in {:.0f} s".format(seed, args.rounds, args.count, elapsed),
        ["tries: {}, acknowledged: {}, failures: {}, lost: {}".format(
            counts["tries"], counts["acknowledged"], counts["failed"], counts["lost"]),
         "numbers continuous from 001 in {} of {} rounds; wrong answers: {}; check problems: {}; "
         "temporary files left: {}".format(continuous, args.rounds, counts["wrong"], len(problems),
                                           len(leftovers)),
         "seconds per round: " + ", ".join("{:.1f}".format(t) for t in times)],
        failures, bad, keep=tmp)


if __name__ == "__main__":
    sys.exit(main())
