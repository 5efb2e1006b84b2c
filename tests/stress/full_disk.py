#!/usr/bin/env python3
"""Full and read-only disks: the records directory on a small tmpfs.

Needs root (it mounts a tmpfs); says so and exits 0 without one.

Each cycle fills the tmpfs (a filler file beside the records directory)
to within a few pages of full, a random number of them, and runs writers
— open (in a month of its own each cycle, so that it creates a month
folder), note (some long), classify, dispatch, quote, close — until one
fails. A failing command must exit 1 with one `svc: …` line on stderr and
write nothing: no torn ticket (every ticket reads as TOML), a failed note
or open not in the records. Readers (list, show) must still answer on the
full disk. Then the filler goes, one more command runs and must succeed,
and after it no temporary file, no empty month folder and no journal may
be left, every acknowledged write must be there and `svc check` clean.
At the end the tmpfs is remounted read-only: every writer must exit 1
with one line and readers still answer; back to read-write, svc works
and `svc check` is clean.

Prints tries, failures (the disk's, expected) and anything lost or wrong;
exits 1 if anything was lost or wrong.

  python3 tests/stress/full_disk.py [--cycles 40] [--size 4m] [--seed N]
"""

import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time

import stress_util as su


def mount(args, mnt):
    p = subprocess.run(["mount", *args, mnt], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode == 0, p.stderr.decode().strip()


def main():  # noqa: C901 (one loop, read top to bottom)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cycles", type=int, default=40, help="fill, write until it fails, free")
    ap.add_argument("--size", default="4m", help="the tmpfs's size")
    ap.add_argument("--inodes", type=int, default=4000, help="the tmpfs's number of inodes")
    su.add_common_args(ap)
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else int(time.time())
    rng = random.Random(seed)
    if os.geteuid() != 0:
        print("full disk: skipped (needs root to mount a tmpfs)")
        return 0
    tmp = su.temp_dir("svc-full-")
    mnt = os.path.join(tmp, "mnt")
    os.mkdir(mnt)
    ok, why = mount(["-t", "tmpfs", "-o", "size={},nr_inodes={}".format(args.size, args.inodes), "tmpfs"], mnt)
    if not ok:
        print("full disk: skipped (cannot mount a tmpfs: {})".format(why))
        os.rmdir(mnt)
        os.rmdir(tmp)
        return 0
    # Stopped (SIGTERM, Ctrl-C): unmount all the same.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        status = run(args, seed, rng, tmp, mnt)
    finally:
        subprocess.run(["umount", mnt])
    if status == 0:
        shutil.rmtree(tmp, ignore_errors=True)
    return status


def run(args, seed, rng, tmp, mnt):  # noqa: C901
    rec = su.Records(args.svc, os.path.join(mnt, "records"))
    counts = dict(tries=0, acknowledged=0, failures=0, wrong=0, lost=0, reads=0, left=0)
    messages = {}  # failure message shape -> count
    failures = []
    tickets = {}  # id -> dict(customer, steps, notes, records, month)
    page = os.sysconf("SC_PAGE_SIZE")

    def wrong(what):
        counts["wrong"] += 1
        failures.append(what)

    def free_bytes():
        st = os.statvfs(mnt)
        return st.f_bavail * st.f_frsize

    def fill(margin, n):
        """Fills the tmpfs but `margin` bytes (a filler file outside the records)."""
        want = free_bytes() - margin
        path = os.path.join(mnt, "filler{}".format(n))
        try:
            with open(path, "wb") as f:
                while want > 0:
                    chunk = min(want, 1 << 20)
                    f.write(b"\0" * chunk)
                    want -= chunk
        except OSError:
            pass
        return path

    def fill_inodes(spare, n):
        """Takes every free inode but `spare` (empty files outside the records)."""
        folder = os.path.join(mnt, "inodes{}".format(n))
        os.mkdir(folder)
        have = os.statvfs(mnt).f_favail - spare
        for i in range(max(have, 0)):
            try:
                open(os.path.join(folder, str(i)), "wb").close()
            except OSError:
                break
        return folder

    def command(first):
        """The next writer: (op, argv, ticket); a cycle's first is most often
        an open, which makes the month's folder."""
        if not tickets or rng.random() < (0.6 if first else 0.25):
            customer = "客户{}".format(rng.randrange(10**9))
            return "open", ("open", "--via", "YX", "--customer", customer,
                            "--description", "满盘" * rng.randrange(1, 2000)), None
        t = rng.choice(sorted(tickets))
        v = tickets[t]
        ops = ["note", "note"]
        if "classify" not in v["steps"]:
            ops.append("classify")
        elif "close" not in v["steps"]:
            ops += ["dispatch", "quote"] if "quote" not in v["steps"] else ["dispatch"]
            if v["records"]:
                ops.append("close")
        op = rng.choice(ops)
        argv = {
            "note": ("note", t, "备注{}-".format(rng.randrange(10**9)) + "长" * rng.randrange(0, 3000)),
            "classify": ("classify", t, "--kind", "support", "--category", "hardware", "--level", "2"),
            "dispatch": ("dispatch", t, "--tech", "张伟"),
            "quote": ("quote", t, "--people", "1", "--days", "1"),
            "close": ("close", t, "--result", "completed", "--remote", "--resolution", "远程指导"),
        }[op]
        return op, argv, t

    def torn():
        """Tickets that do not read whole."""
        found = []
        for d, _, fs in os.walk(os.path.join(rec.records, "tickets")):
            for f in fs:
                if f.endswith(".toml") and not f.startswith(".") and rec.parse(f[:-5]) is None:
                    found.append(f)
        return found

    def verify(when):
        for t, v in tickets.items():
            parsed = rec.parse(t)
            if parsed is None:
                counts["lost"] += 1
                failures.append("{}: lost or torn ticket {}".format(when, t))
                continue
            notes = su.notes_in(parsed) if su.tomllib else None
            actions = [e.get("action") for e in parsed.get("event", [])] if su.tomllib else None
            for n in v["notes"]:
                if notes is not None and n not in notes:
                    counts["lost"] += 1
                    failures.append("{}: lost note on {}".format(when, t))
            for s in v["steps"]:
                if actions is not None and s not in actions:
                    counts["lost"] += 1
                    failures.append("{}: lost {} of {}".format(when, s, t))
            for r in v["records"]:
                if rec.text_of(r, "outbound") is None or r not in (rec.text_of(t) or ""):
                    counts["lost"] += 1
                    failures.append("{}: lost dispatch {} of {}".format(when, r, t))

    def acknowledge(op, argv, t, out):
        counts["acknowledged"] += 1
        if op == "open":
            tickets[out.strip()] = dict(customer=argv[4], steps=set(), notes=[], records=[])
        elif op == "note":
            tickets[t]["notes"].append(argv[2])
        elif op == "dispatch":
            tickets[t]["records"].append(out.strip())
        else:
            tickets[t]["steps"].add(op)

    def ticket_files():
        return {f[:-5] for d, _, fs in os.walk(os.path.join(rec.records, "tickets"))
                for f in fs if f.endswith(".toml") and not f.startswith(".")}

    def refusal(op, argv, t, rc, err, when):
        """A command that failed: exit 1, one line, nothing written."""
        counts["failures"] += 1
        if rc != 1 or not su.one_line_error(err):
            wrong("{}: {} exited {} with {!r}".format(when, op, rc, err.strip()[:300]))
        shape = (err.strip().splitlines() or [""])[-1].replace(rec.records + "/", "")
        shape = re.sub(r"[A-Z]+-\d\d-\d\d-\d+", "ID", shape)
        shape = re.sub(r"\d+", "N", shape)
        messages[shape] = messages.get(shape, 0) + 1
        if op == "note" and argv[2] in (rec.text_of(t) or ""):
            wrong("{}: a failed note is in {}".format(when, t))
        if op == "open":
            extra = ticket_files() - set(tickets)
            if extra:
                wrong("{}: a failed open left {}".format(when, ", ".join(sorted(extra))))

    start = time.time()
    cycles_failed = 0
    inodes = 0
    reported = set()
    for cycle in range(args.cycles):
        # A month of its own (2027-01 onwards): the cycle's first open makes its folder.
        y, m = divmod(12 + cycle, 12)
        now = "{}-{:02d}-10T10:00:00+08:00".format(2026 + y, m + 1)
        rec.now = now
        # Out of space (a few pages spare), or every third cycle out of inodes
        # (a few spare: the month folder, the journal, a temporary file).
        if cycle % 3 == 2:
            inodes += 1
            filler = fill_inodes(rng.randrange(0, 4), cycle)
        else:
            filler = fill(rng.randrange(0, 16) * page + rng.randrange(page), cycle)
        failed = False
        for i in range(60):
            counts["tries"] += 1
            op, argv, t = command(i == 0)
            rc, out, err = rec.run(*argv)
            if rc == 0:
                acknowledge(op, argv, t, out)
                continue
            failed = True
            refusal(op, argv, t, rc, err, "cycle {}".format(cycle + 1))
            counts["left"] += len(rec.leftovers())  # the next command's to remove
            bad = torn()
            if bad:
                wrong("cycle {}: torn after a failed {}: {}".format(cycle + 1, op, bad))
            # Readers still answer on the full disk.
            for argv in (("list",), ("show", rng.choice(sorted(tickets)))) if tickets else (("list",),):
                counts["reads"] += 1
                rc, out, err = rec.run(*argv)
                if rc != 0:
                    wrong("cycle {}: {} on the full disk exited {}: {}".format(
                        cycle + 1, " ".join(argv), rc, err.strip()))
            break
        cycles_failed += failed
        # Space again: one command must succeed and put everything right.
        shutil.rmtree(filler) if os.path.isdir(filler) else os.remove(filler)
        counts["tries"] += 1
        t = sorted(tickets)[0] if tickets else None
        argv = ("note", t, "空间已释放{}".format(cycle)) if t else ("open", "--via", "YX", "--customer", "释放")
        rc, out, err = rec.run(*argv)
        if rc != 0:
            wrong("cycle {}: after freeing space, {} exited {}: {}".format(cycle + 1, argv[0], rc, err.strip()))
        else:
            acknowledge(argv[0], argv, t, out)
        when = "cycle {} after freeing".format(cycle + 1)
        for f in rec.leftovers() + rec.empty_folders():
            if f not in reported:  # once, at the cycle that left it
                reported.add(f)
                wrong("{}: {} left: {}".format(
                    when, "empty folder" if os.path.isdir(os.path.join(rec.records, f))
                    else "temporary file", f))
        if os.path.exists(os.path.join(rec.records, ".svc", "journal")):
            wrong("{}: .svc/journal left".format(when))
        verify(when)
        for p in rec.check():
            wrong("{}: check: {}".format(when, p))

    # Read-only.
    ro = dict(tries=0, failures=0)
    ok, why = mount(["-o", "remount,ro"], mnt)
    if not ok:
        wrong("cannot remount read-only: " + why)
    else:
        t = sorted(tickets)[0]
        for argv in (("open", "--via", "YX", "--customer", "只读"), ("note", t, "只读"),
                     ("classify", t, "--kind", "support", "--category", "hardware", "--level", "2"),
                     ("dispatch", t, "--tech", "张伟"), ("quote", t, "--people", "1", "--days", "1"),
                     ("close", t, "--result", "completed", "--remote", "--resolution", "只读")):
            ro["tries"] += 1
            counts["tries"] += 1
            rc, out, err = rec.run(*argv)
            if rc == 0:
                wrong("read-only: {} succeeded".format(argv[0]))
                continue
            ro["failures"] += 1
            refusal(argv[0], argv, t, rc, err, "read-only")
        for argv in (("list",), ("show", t), ("overdue",), ("check",)):
            counts["reads"] += 1
            rc, out, err = rec.run(*argv)
            if rc not in ((0, 1, 2) if argv[0] == "overdue" else (0,)):
                wrong("read-only: {} exited {}: {}".format(" ".join(argv), rc, err.strip()))
        mount(["-o", "remount,rw"], mnt)
        rc, out, err = rec.run("note", t, "可写了")
        counts["tries"] += 1
        if rc != 0:
            wrong("read-write again: note exited {}: {}".format(rc, err.strip()))
        else:
            acknowledge("note", ("note", t, "可写了"), t, out)

    verify("at the end")
    problems = rec.check()
    failures += problems
    leftovers = rec.leftovers()
    failures += ["temporary file left: " + f for f in leftovers]
    elapsed = time.time() - start
    bad = counts["lost"] or counts["wrong"] or problems or leftovers
    summary = [
        "tries: {}, acknowledged: {}, failures: {} (expected: {} on the full disk, {} read-only), "
        "lost: {}".format(counts["tries"], counts["acknowledged"], counts["failures"],
                          counts["failures"] - ro["failures"], ro["failures"], counts["lost"]),
        "cycles that ran out (of space, or of inodes in {}): {} of {}; reads on the full or read-only disk: {}; "
        "read-only: {} writers, {} refused".format(inodes, cycles_failed, args.cycles, counts["reads"],
                                                   ro["tries"], ro["failures"]),
        "wrong: {} (exit status, more than one line, half-written, torn, leftovers, reader failing); "
        "check problems: {}".format(counts["wrong"], len(problems)),
        "temporary files a failing command left behind (the next one removed them): {}".format(
            counts["left"]),
        "acknowledged and kept: {} tickets, {} notes, {} outbound records".format(
            len(tickets), sum(len(v["notes"]) for v in tickets.values()),
            sum(len(v["records"]) for v in tickets.values())),
    ]
    summary += ["{:4} × {}".format(n, s) for s, n in sorted(messages.items(), key=lambda x: -x[1])]
    if bad:
        # The records as the last cycle left them, out of the tmpfs before it goes.
        subprocess.run(["cp", "-a", rec.records, os.path.join(tmp, "records")])
    return su.finish("full disk (seed {}): {} cycles on a {} tmpfs in {:.0f} s".format(
        seed, args.cycles, args.size, elapsed), summary, failures, bad,
        keep=os.path.join(tmp, "records") if bad else None)


if __name__ == "__main__":
    sys.exit(main())
