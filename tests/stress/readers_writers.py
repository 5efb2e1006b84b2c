#!/usr/bin/env python3
"""Readers racing writers on one records directory for a bounded time.

Writer threads run open, note, classify, dispatch, quote and close (never
two on one ticket at once, so the ticket's state allows every step: a
refusal is a failure); reader threads run show, show --json, list,
list --json, overdue and report at the same time. A reader's answer is
wrong when the command fails (overdue: exit 3), its output does not parse,
a ticket is torn or holds another customer, or it misses a write that was
acknowledged before the reader started: a ticket, a note's text, an event
(the history only grows), a close. The counts one reader thread sees must
not go backwards either. At the end, every acknowledged write must be in
the files and `svc check` must be clean.

Prints writes acknowledged, reads, wrong answers, failures and anything
lost; exits 1 if anything was lost or wrong.

  python3 tests/stress/readers_writers.py [--seconds 60] [--writers 2] [--readers 3] [--seed N]
"""

import argparse
import json
import os
import random
import re
import sys
import threading
import time

import stress_util as su


class Desk:
    """What the writers had acknowledged, under one lock."""

    def __init__(self):
        self.mu = threading.Lock()
        self.tickets = {}  # id -> dict(customer, events, steps, notes, dispatches)
        self.busy = set()

    def snapshot(self):
        with self.mu:
            return {t: dict(customer=v["customer"], events=v["events"], notes=list(v["notes"]),
                            steps=set(v["steps"]))
                    for t, v in self.tickets.items()}


def main():  # noqa: C901 (threads read top to bottom)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--writers", type=int, default=2)
    ap.add_argument("--readers", type=int, default=3)
    su.add_common_args(ap)
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else int(time.time())
    tmp = su.temp_dir("svc-rw-")
    rec = su.Records(args.svc, os.path.join(tmp, "records"), width=4)
    desk = Desk()
    stats_mu = threading.Lock()
    counts = dict(writes=0, acknowledged=0, refused=0, failed=0, reads=0, wrong=0, lost=0,
                  stderr=0)
    by_read = {}
    failures = []

    def bump(key, failure=None):
        with stats_mu:
            counts[key] += 1
            if failure and len(failures) < 200:
                failures.append(failure)

    deadline = time.time() + args.seconds

    def writer(k):
        rng = random.Random(seed * 100 + k)
        n = 0
        while time.time() < deadline:
            n += 1
            with desk.mu:
                free = [t for t in desk.tickets if t not in desk.busy]
                t = None
                if free and rng.random() > 0.2:
                    t = rng.choice(free)
                    desk.busy.add(t)
                    steps = set(desk.tickets[t]["steps"])
                    dispatches = desk.tickets[t]["dispatches"]
            if t is None:
                customer = "客户{}-{}-{}".format(k, n, rng.randrange(10**6))
                op, argv = "open", ("open", "--via", "YX", "--customer", customer,
                                    "--description", "读写并发")
            else:
                ops = ["note"]
                if "classify" not in steps:
                    ops.append("classify")
                elif "close" not in steps:
                    if dispatches < 2:
                        ops.append("dispatch")
                    if "quote" not in steps:
                        ops.append("quote")
                    if dispatches:
                        ops.append("close")
                op = rng.choice(ops)
                argv = {
                    "note": ("note", t, "w{}-{}-{}".format(k, n, rng.randrange(10**6))),
                    "classify": ("classify", t, "--kind", "support", "--category", "hardware",
                                 "--level", "2"),
                    "dispatch": ("dispatch", t, "--tech", "张伟"),
                    "quote": ("quote", t, "--people", "1", "--days", "1"),
                    "close": ("close", t, "--result", "completed", "--remote",
                              "--resolution", "远程指导"),
                }[op]
            rc, out, err = rec.run(*argv)
            bump("writes")
            with desk.mu:
                if t is not None:
                    desk.busy.discard(t)
                if rc == 0:
                    counts["acknowledged"] += 1  # under desk.mu: readers' snapshots see both
                    if op == "open":
                        desk.tickets[out.strip()] = dict(customer=customer, events=1, steps=set(),
                                                         notes=[], dispatches=0, records=[])
                        continue
                    v = desk.tickets[t]
                    v["events"] += 1
                    if op == "note":
                        v["notes"].append(argv[2])
                    elif op == "dispatch":
                        v["dispatches"] += 1
                        v["records"].append(out.strip())
                    else:
                        v["steps"].add(op)
                    continue
            bump("refused" if rc == 1 else "failed",
                 "{} exited {}: {}".format(" ".join(argv[:2]), rc, err.strip()))

    def reader(k):
        rng = random.Random(seed * 100 + 50 + k)
        seen_events = {}  # this thread's last answer per ticket
        seen_list = 0
        while time.time() < deadline:
            known = desk.snapshot()  # acknowledged before this read starts
            ops = ["list", "list --json", "overdue", "report"]
            if known:
                ops += ["show", "show --json", "show --json"]
            op = rng.choice(ops)
            t = rng.choice(sorted(known)) if op.startswith("show") else None
            argv = {"show": ("show", t), "show --json": ("show", t, "--json"),
                    "list": ("list",), "list --json": ("list", "--json"),
                    "overdue": ("overdue",),
                    "report": ("report", "--month", "2026-11", "--format", "json")}[op]
            rc, out, err = rec.run(*argv)
            with stats_mu:
                counts["reads"] += 1
                by_read[op] = by_read.get(op, 0) + 1
                if err.strip() and rc in (0, 1, 2):
                    counts["stderr"] += 1
            wrong = None
            try:
                if op == "overdue":
                    m = re.search(r"tickets=(\d+)", out)
                    if rc not in (0, 1, 2) or not out.startswith("SVC ") or not m:
                        wrong = "exited {}: {}".format(rc, (err or out).strip()[:200])
                    elif int(m.group(1)) < len(known):
                        wrong = "counted {} tickets, {} acknowledged".format(m.group(1), len(known))
                elif rc != 0:
                    wrong = "exited {}: {}".format(rc, err.strip()[:200])
                elif op == "show":
                    first = out.splitlines()[0] if out else ""
                    if not first.startswith(t) or known[t]["customer"] not in first:
                        wrong = "first line {!r}".format(first[:100])
                elif op == "show --json":
                    d = json.loads(out)
                    events = d["events"]
                    notes = {e["details"].get("text") for e in events if e["action"] == "note"}
                    if d["id"] != t or d["customer"]["name"] != known[t]["customer"]:
                        wrong = "another ticket or customer: {} {}".format(d["id"], d["customer"])
                    elif len(events) < known[t]["events"]:
                        wrong = "{} events, {} acknowledged".format(len(events), known[t]["events"])
                    elif len(events) < seen_events.get(t, 0):
                        wrong = "{} events after {}".format(len(events), seen_events[t])
                    elif any(n not in notes for n in known[t]["notes"]):
                        wrong = "an acknowledged note missing"
                    elif "close" in known[t]["steps"] and d["status"] != "closed":
                        wrong = "status {} after an acknowledged close".format(d["status"])
                    seen_events[t] = max(seen_events.get(t, 0), len(events))
                elif op == "list --json":
                    listed = json.loads(out)
                    ids = [e["id"] for e in listed]
                    stale = [e["id"] for e in listed if e["id"] in known and (
                        e["customer"] != known[e["id"]]["customer"]
                        or "close" in known[e["id"]]["steps"] and e["status"] != "closed")]
                    if len(ids) != len(set(ids)):
                        wrong = "an id listed twice"
                    elif not set(known) <= set(ids):
                        wrong = "{} acknowledged tickets missing".format(len(set(known) - set(ids)))
                    elif stale:
                        wrong = "another customer, or not closed after an acknowledged close: " + stale[0]
                    elif len(ids) < seen_list:
                        wrong = "{} tickets after {}".format(len(ids), seen_list)
                    seen_list = max(seen_list, len(ids))
                elif op == "list":
                    lines = out.splitlines()
                    if len(lines) < len(known) or not all(su.ID_RE.match(x.split(" ")[0]) for x in lines):
                        wrong = "{} lines, {} tickets acknowledged".format(len(lines), len(known))
                elif op == "report":
                    d = json.loads(out)
                    closes = sum("close" in v["steps"] for v in known.values())
                    if d["opened"] < len(known):
                        wrong = "opened {}, {} acknowledged".format(d["opened"], len(known))
                    elif d["closed"] < closes:
                        wrong = "closed {}, {} acknowledged".format(d["closed"], closes)
            except (ValueError, KeyError, TypeError, IndexError) as e:
                wrong = "unreadable output ({}): {!r}".format(e, out[:100])
            if wrong:
                bump("wrong", "{}: {}".format(" ".join(argv), wrong))

    start = time.time()
    threads = [threading.Thread(target=writer, args=(k,)) for k in range(args.writers)]
    threads += [threading.Thread(target=reader, args=(k,)) for k in range(args.readers)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.time() - start

    # Every acknowledged write in the files.
    kept = dict(tickets=0, notes=0, records=0)
    for t, v in desk.tickets.items():
        parsed = rec.parse(t)
        if parsed is None:
            bump("lost", "lost (or torn) ticket " + t)
            continue
        kept["tickets"] += 1
        actions = [e.get("action") for e in parsed.get("event", [])] if su.tomllib else None
        if actions is not None and len(actions) < v["events"]:
            bump("lost", "{}: {} events, {} acknowledged".format(t, len(actions), v["events"]))
        notes = su.notes_in(parsed) if su.tomllib else None
        for n in v["notes"]:
            if notes is not None and n not in notes:
                bump("lost", "lost note {} on {}".format(n, t))
            else:
                kept["notes"] += 1
        for r in v["records"]:
            if rec.text_of(r, "outbound") is None or r not in (rec.text_of(t) or ""):
                bump("lost", "lost dispatch {} of {}".format(r, t))
            else:
                kept["records"] += 1
        for step in v["steps"]:
            if actions is not None and step not in actions:
                bump("lost", "lost {} of {}".format(step, t))
    problems = rec.check()
    failures += problems
    leftovers = rec.leftovers()
    failures += ["temporary file left: " + f for f in leftovers]
    bad = counts["lost"] or counts["wrong"] or counts["failed"] or counts["refused"] or problems or leftovers
    return su.finish(
        "readers and writers (seed {}): {:.0f} s, {} writers, {} readers".format(
            seed, elapsed, args.writers, args.readers),
        ["writes: {} tries, {} acknowledged, {} refused, {} failed".format(
            counts["writes"], counts["acknowledged"], counts["refused"], counts["failed"]),
         "reads: {} ({}), wrong answers: {}, with a line on stderr: {}".format(
             counts["reads"], ", ".join("{} {}".format(v, k) for k, v in sorted(by_read.items())),
             counts["wrong"], counts["stderr"]),
         "acknowledged and kept: {} tickets, {} notes, {} outbound records; lost: {}".format(
             kept["tickets"], kept["notes"], kept["records"], counts["lost"]),
         "check problems: {}; temporary files left: {}".format(len(problems), len(leftovers))],
        failures, bad, keep=tmp)


if __name__ == "__main__":
    sys.exit(main())
