#!/usr/bin/env python3
"""kill -9 loop: svc killed at random moments of open/note/dispatch/quote/close.

Each try starts one writing svc command on a shared records directory and
sends it SIGKILL after a random delay (up to about the command's own run
time, so that kills land in every step: the journal, the registry entry, the
temporary file, the rename). A command that finishes first is acknowledged:
what it printed or said is remembered. The next command recovers what a
killed one left (it prints "svc: recovered: ..."). Every so often, and at
the end, `svc check` must be clean and every acknowledged write must be in
the records: every ticket opened, every note's text, every outbound record
dispatched (in its ticket and its registry entry), every quote and close.

Prints tries, kills, acknowledged commands, refusals (exit 1: a step the
ticket's state did not allow, as when a killed close had in fact finished),
failures (anything else), recoveries reported, check problems and anything
lost; exits 1 if anything was lost, a check was not clean or a command failed.

  python3 tests/stress/kill_loop.py [--tries 300] [--seed N] [--svc build/svc]

Not part of ctest's default run: `make stress` runs it with the other stress tests.
"""

import argparse
import os
import random
import shutil
import signal
import sys
import time

import stress_util as su


def main():  # noqa: C901 (one loop, read top to bottom)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tries", type=int, default=300)
    su.add_common_args(ap)
    ap.add_argument("--check-every", type=int, default=50)
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else int(time.time())
    rng = random.Random(seed)
    tmp = su.temp_dir("svc-kill-")
    rec = su.Records(args.svc, os.path.join(tmp, "records"))
    records = rec.records
    run = rec.run

    tickets = []  # acknowledged ticket ids
    state = {}  # id -> set of acknowledged steps: classify, dispatch, quote, close
    notes = []  # (id, text) acknowledged
    dispatched = []  # (id, record) acknowledged
    counts = dict(tries=0, killed=0, acknowledged=0, refused=0, failed=0, recovered=0,
                  problems=0, lost=0)
    repairs = dict(abandoned=0, temporary=0, folder=0)

    def recovered(err):
        for line in err.splitlines():
            if not line.startswith("svc: recovered:"):
                continue
            counts["recovered"] += 1
            repairs["abandoned"] += "kept as abandoned" in line
            repairs["temporary"] += "temporary file" in line
            repairs["folder"] += "empty folder" in line
    failures = []
    durations = {}  # op -> last run time, for the kill delay

    def command():
        """The next command to try: (op, argv, ticket)."""
        if not tickets or rng.random() < 0.2:
            return "open", ("open", "--via", "YX", "--customer", "华东电网检修公司",
                            "--description", "开关柜无法合闸"), None
        t = rng.choice(tickets)
        done = state[t]
        ops = ["note"]
        if "classify" not in done:
            ops.append("classify")
        else:
            ops += ["dispatch", "quote"]
            if "dispatch" in done:
                ops.append("close")
        op = rng.choice(ops)
        if op == "note":
            text = "note-{}".format(counts["tries"])
            return op, ("note", t, text), t
        if op == "classify":
            return op, ("classify", t, "--kind", "support", "--category", "hardware",
                        "--level", "2"), t
        if op == "dispatch":
            return op, ("dispatch", t, "--tech", "张伟"), t
        if op == "quote":
            return op, ("quote", t, "--people", "1", "--days", "1"), t
        return op, ("close", t, "--result", "completed", "--remote",
                    "--resolution", "远程指导"), t

    def acknowledge(op, argv, t, out):
        counts["acknowledged"] += 1
        if op == "open":
            tid = out.strip()
            tickets.append(tid)
            state[tid] = set()
        elif op == "note":
            notes.append((t, argv[2]))
        elif op == "dispatch":
            dispatched.append((t, out.strip()))
            state[t].add("dispatch")
        else:
            state[t].add(op)

    ticket_text = rec.text_of

    def verify():
        rc, out, err = run("check")
        problems = out.splitlines() if rc != 0 else []
        if rc != 0 and not problems:
            problems = [err.strip()]
        counts["problems"] = len(problems)  # as of the latest check
        for p in problems:
            if p not in failures:
                failures.append(p)
        for tid in tickets:
            if ticket_text(tid) is None:
                counts["lost"] += 1
                failures.append("lost ticket " + tid)
        for tid, text in notes:
            body = ticket_text(tid) or ""
            if text not in body:
                counts["lost"] += 1
                failures.append("lost note {} on {}".format(text, tid))
        for tid, record in dispatched:
            body = ticket_text(tid) or ""
            entry = rec.path_of(record, "outbound")
            if 'record = "{}"'.format(record) not in body or not os.path.exists(entry):
                counts["lost"] += 1
                failures.append("lost dispatch {} of {}".format(record, tid))
            elif "abandoned" in open(entry, encoding="utf-8").read():
                counts["lost"] += 1
                failures.append("acknowledged {} marked abandoned".format(record))
        for tid in tickets:
            body = ticket_text(tid) or ""
            for step in state[tid] - {"dispatch"}:
                if 'action = "{}"'.format(step) not in body:
                    counts["lost"] += 1
                    failures.append("lost {} of {}".format(step, tid))

    start = time.time()
    for i in range(args.tries):
        counts["tries"] += 1
        op, argv, t = command()
        # Up to about 1.2 times the command's own time: most kills land inside it.
        delay = rng.uniform(0, durations.get(op, 0.02) * 1.2)
        began = time.time()
        p = rec.popen(*argv)
        time.sleep(delay)
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
        out, err = p.communicate()
        out, err = out.decode(), err.decode()
        recovered(err)
        if p.returncode == -signal.SIGKILL:
            counts["killed"] += 1
            durations[op] = durations.get(op, 0.02) * 1.1  # until one finishes: its own time
        elif p.returncode == 0:
            durations[op] = time.time() - began
            acknowledge(op, argv, t, out)
        elif p.returncode == 1 and "cannot" not in err:
            counts["refused"] += 1  # the state did not allow it (e.g. a killed close had finished)
        else:
            counts["failed"] += 1
            failures.append("{} exited {}: {}".format(" ".join(argv), p.returncode, err.strip()))
        if (i + 1) % args.check_every == 0:
            # One successful command first: it recovers what the last kill left.
            rc, _, err = run("note", tickets[0] if tickets else "YX-26-11-01", "after-kill")
            recovered(err)
            if rc == 0 and tickets:
                notes.append((tickets[0], "after-kill"))
            verify()
    rc, _, err = run("check", "--repair")
    recovered(err)
    verify()
    # Every temporary file of svc's naming but the scan cache's (written by
    # readers without the lock; local, ignored by git).
    leftovers = rec.leftovers()
    elapsed = time.time() - start
    print("kill -9 loop (seed {}): {} tries in {:.0f} s: {} killed, {} acknowledged, {} refused, "
          "{} failed; {} repairs reported; check problems: {}; temporary files left: {}; "
          "lost: {}".format(seed, counts["tries"], elapsed, counts["killed"],
                            counts["acknowledged"], counts["refused"], counts["failed"],
                            counts["recovered"], counts["problems"], len(leftovers),
                            counts["lost"]))
    print("  repairs: {} numbers kept as abandoned, {} temporary files, {} empty folders".format(
        repairs["abandoned"], repairs["temporary"], repairs["folder"]))
    print("  acknowledged and kept: {} tickets, {} notes, {} outbound records".format(
        len(tickets), len(notes), len(dispatched)))
    for f in failures[:20]:
        print("  " + f)
    if len(failures) > 20:
        print("  ... and {} more".format(len(failures) - 20))
    bad = counts["lost"] or counts["problems"] or counts["failed"] or leftovers
    if not bad:
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        print("  records kept in " + records)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
