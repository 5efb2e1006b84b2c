"""svc overdue (and the clocks of svc show): the monitoring-plugins exit status
and summary line, sorting, filters, JSON, and judging the records as they
stood at a past --now.

Default targets (records/svc.toml): form 2 h; response by level 10m/1h/2h/2h;
arrival by level 2h/48h/72h/24h; application 2 h; repair simple 24 h.
"""

import json
import os
import pty
import re
import subprocess
import unittest

from svctest import SVC, SvcTestCase, clean_env, write_text

NOW = "2026-11-29T10:00:00+08:00"

CORRUPT = 'id = "YX-26-11-09"\nvia = = "YX"\n'


def summary(status, overdue, due, unreadable, tickets, warn=None):
    """The plugins' first line, as svc overdue prints it."""
    text = "{} overdue".format(overdue)
    if warn:
        text += ", {} due within {}".format(due, warn)
    if unreadable:
        text += ", {} unreadable".format(unreadable)
    return "SVC {} - {} | overdue={} due={} unreadable={} tickets={}".format(
        status, text, overdue, due, unreadable, tickets)


class OverdueBase(SvcTestCase):

    def act(self, *args, **kwargs):
        rc, out, err = self.svc(*args, **kwargs)
        self.assertEqual(rc, 0, "svc {} failed:\n{}".format(" ".join(args), err))
        return out

    def ticket(self, received, filled=None, level=None, via="YX", customer="华东电网检修公司"):
        """Opens a ticket, entered when the form was filled (so that it is in
        the records as of any moment from then on)."""
        args = ["--received-at", received]
        if level:
            args += ["--level", str(level)]
        return self.open(via, customer, *args, now=filled or received)

    def classify(self, tid, at, level, category="hardware", service=None, kind="support"):
        args = ["classify", tid, "--kind", kind, "--category", category, "--level", str(level),
                "--at", at]
        if service:
            args += ["--service", service]
        self.act(*args)

    def overdue(self, *args, now=NOW):
        """(rc, first line, the other lines, stderr) of svc overdue ARGS."""
        rc, out, err = self.svc("overdue", *args, now=now)
        lines = out.rstrip("\n").split("\n")
        return rc, lines[0], [l for l in lines[1:] if l.strip()], err

    def overdue_json(self, *args, now=NOW):
        rc, out, err = self.svc("--json", "overdue", *args, now=now)
        return rc, json.loads(out), err

    def corrupt(self, tid="YX-26-11-09"):
        write_text(self.path("tickets/2026/11/{}.toml".format(tid)), CORRUPT)


class ExitStatus(OverdueBase):

    def test_0_nothing_due(self):
        rc, first, rows, err = self.overdue()
        self.assertEqual((rc, first, rows, err), (0, summary("OK", 0, 0, 0, 0), [], ""))
        rc, first, rows, err = self.overdue("--warn", "2h")
        self.assertEqual((rc, first, rows), (0, summary("OK", 0, 0, 0, 0, "2h"), []))
        # A ticket whose clocks are all met or far from their deadlines.
        tid = self.ticket("2026-11-29T09:00", "2026-11-29T09:05")
        self.classify(tid, "2026-11-29T09:10", 3)
        rc, first, rows, err = self.overdue("--warn", "2h")
        self.assertEqual((rc, first, rows), (0, summary("OK", 0, 0, 0, 1, "2h"), []))

    def test_1_due_within_warn(self):
        # Level 3 received 09:30: response due 11:30, 1h30 after now (10:00).
        tid = self.ticket("2026-11-29T09:30", "2026-11-29T09:31", level=3)
        rc, first, rows, err = self.overdue("--warn", "2h")
        self.assertEqual((rc, first), (1, summary("WARNING", 0, 1, 0, 1, "2h")))
        self.assertEqual(len(rows), 1, rows)
        self.assertIn(tid, rows[0])
        self.assertIn("response", rows[0])
        self.assertIn("2026-11-29 11:30", rows[0])
        # Without --warn, or with a shorter one: nothing due.
        self.assertEqual(self.overdue()[:2], (0, summary("OK", 0, 0, 0, 1)))
        self.assertEqual(self.overdue("--warn", "1h")[:2], (0, summary("OK", 0, 0, 0, 1, "1h")))
        # Exactly at the edge of the window: due within 1h30m.
        self.assertEqual(self.overdue("--warn", "1h30m")[:2],
                         (1, summary("WARNING", 0, 1, 0, 1, "1h30m")))

    def test_2_overdue(self):
        # Level 1 received 09:00: response due 09:10, overdue at 10:00.
        tid = self.ticket("2026-11-29T09:00", "2026-11-29T09:01", level=1)
        rc, first, rows, err = self.overdue("--warn", "2h")
        self.assertEqual(first, "SVC CRITICAL - 1 overdue, 0 due within 2h | overdue=1 due=0 "
                                "unreadable=0 tickets=1")
        self.assertEqual(rc, 2)
        self.assertEqual(len(rows), 1, rows)
        self.assertIn(tid, rows[0])
        self.assertIn("response", rows[0])
        self.assertIn("overdue", rows[0])
        self.assertEqual(self.overdue()[:2], (2, summary("CRITICAL", 1, 0, 0, 1)))

    def test_exact_deadline(self):
        # Response due 09:10: at 09:10:00 still running (due), at 09:10:01 overdue.
        self.ticket("2026-11-29T09:00", "2026-11-29T09:01", level=1)
        self.assertEqual(self.overdue("--warn", "1m", now="2026-11-29T09:10:00+08:00")[:2],
                         (1, summary("WARNING", 0, 1, 0, 1, "1m")))
        self.assertEqual(self.overdue("--warn", "1m", now="2026-11-29T09:10:01+08:00")[:2],
                         (2, summary("CRITICAL", 1, 0, 0, 1, "1m")))

    def test_3_bad_warn(self):
        for warn in ("bad", "-1h", "2", "2x", "1h1h", "1.5h"):
            with self.subTest(warn=warn):
                rc, out, err = self.svc("overdue", "--warn", warn)
                self.assertEqual(rc, 3, out + err)
                self.assertTrue(out.startswith("SVC UNKNOWN - "), out)
                self.assertIn("--warn", out.split("\n")[0])
                self.assertIn("--warn", err)

    # An empty --warn (as `--warn $ARG2$` gives when the argument is left
    # out) is a bad command line (exit 3), not silently no warning window.
    def test_3_empty_warn(self):
        rc, out, err = self.svc("overdue", "--warn", "")
        self.assertEqual(rc, 3, out + err)

    def test_3_bad_command_line(self):
        for args in (["--bogus"], ["--level", "5"], ["--clock", "lunch"], ["extra"],
                     ["--warn"]):
            with self.subTest(args=args):
                rc, out, err = self.svc("overdue", *args)
                self.assertEqual(rc, 3, out + err)
                self.assertTrue(err.startswith("svc"), err)

    # An unknown option (or --level 5, --clock lunch) exits 3 with
    # "SVC UNKNOWN - ..." as the plugins' first line on stdout, as a bad
    # --warn value or a missing records directory do, so Nagios/Icinga show
    # the reason rather than "(No output ...)".
    def test_3_bad_command_line_has_the_summary_line(self):
        for args in (["--bogus"], ["--level", "5"], ["--clock", "lunch"]):
            with self.subTest(args=args):
                rc, out, err = self.svc("overdue", *args)
                self.assertEqual(rc, 3)
                self.assertTrue(out.startswith("SVC UNKNOWN - "), repr(out))

    def test_3_bad_now(self):
        rc, out, err = self.svc("overdue", now="yesterday")
        self.assertEqual(rc, 3, out + err)
        self.assertTrue(out.startswith("SVC UNKNOWN - "), out)
        self.assertIn("--now", out)

    def test_3_no_records_directory(self):
        missing = self.path("nowhere")
        rc, out, err = self.svc("-R", missing, "overdue", records=False)
        self.assertEqual(rc, 3, out + err)
        self.assertTrue(out.startswith("SVC UNKNOWN - "), out)
        self.assertIn(missing, out)
        self.assertOneLine(err)
        # Nor found from the working directory.
        rc, out, err = self.svc("overdue", records=False, cwd=self.tmp)
        self.assertEqual(rc, 3, out + err)
        self.assertTrue(out.startswith("SVC UNKNOWN - "), out)

    def test_3_unreadable_ticket_and_nothing_overdue(self):
        tid = self.ticket("2026-11-29T09:00", "2026-11-29T09:05")
        self.classify(tid, "2026-11-29T09:10", 3)
        self.corrupt()
        rc, first, rows, err = self.overdue("--warn", "2h")
        self.assertEqual((rc, first), (3, summary("UNKNOWN", 0, 0, 1, 1, "2h")))
        self.assertEqual(rows, [])
        self.assertIn("YX-26-11-09", err)
        # 3 wins over 1: something due and an unreadable file.
        self.ticket("2026-11-29T09:30", "2026-11-29T09:31", level=3)
        rc, first, rows, err = self.overdue("--warn", "2h")
        self.assertEqual((rc, first), (3, summary("UNKNOWN", 0, 1, 1, 2, "2h")))
        self.assertEqual(len(rows), 1)

    def test_2_wins_over_3(self):
        tid = self.ticket("2026-11-29T09:00", "2026-11-29T09:01", level=1)
        self.corrupt()
        rc, first, rows, err = self.overdue("--warn", "2h")
        self.assertEqual((rc, first), (2, summary("CRITICAL", 1, 0, 1, 1, "2h")))
        self.assertEqual(len(rows), 1)
        self.assertIn(tid, rows[0])
        self.assertIn("YX-26-11-09", err)

    def test_voided_tickets_are_not_counted(self):
        tid = self.ticket("2026-11-29T09:00", "2026-11-29T09:01", level=1)
        self.act("void", tid, "--reason", "重复登记", "--at", "2026-11-29T09:05")
        self.assertEqual(self.overdue()[:2], (0, summary("OK", 0, 0, 0, 0)))


class Listing(OverdueBase):

    def setUp(self):
        super().setUp()
        # Opened in an order different from their deadlines; at 10:00:
        # a: level 2 received 08:30 -> response due 09:30 (overdue)
        # b: level 1 received 09:00 -> response due 09:10 (overdue)
        # c: level 3 received 07:00, classified 07:30 as hardware on-site repair ->
        #    application due 09:30, arrival due 11-02 07:00 (running)
        # d: via SH, level 2 received 09:20 -> response due 10:20 (due within 2h)
        # e: level 4 received 06:00, classified 06:30 software -> response met
        self.a = self.ticket("2026-11-29T08:30", "2026-11-29T08:31", level=2,
                             customer="国网杭州供电公司")
        self.b = self.ticket("2026-11-29T09:00", "2026-11-29T09:01", level=1)
        self.c = self.ticket("2026-11-29T07:00", "2026-11-29T07:01")
        self.classify(self.c, "2026-11-29T07:30", 3, service="onsite-repair")
        self.d = self.ticket("2026-11-29T09:20", "2026-11-29T09:21", level=2, via="SH")
        self.e = self.ticket("2026-11-29T06:00", "2026-11-29T06:01")
        self.classify(self.e, "2026-11-29T06:30", 4, category="software")

    def test_sorted_by_deadline(self):
        rc, first, rows, err = self.overdue("--warn", "2h")
        self.assertEqual((rc, first), (2, summary("CRITICAL", 3, 1, 0, 5, "2h")))
        got = [(r.split()[2], r.split()[3]) for r in rows]
        # b 09:10, a 09:30 (response), c 09:30 (application), d 10:20
        self.assertEqual([g[0] for g in got], [self.b, self.a, self.c, self.d], rows)
        self.assertEqual([r.split()[1] for r in rows], ["09:10", "09:30", "09:30", "10:20"])
        self.assertTrue(all("overdue" in r for r in rows[:3]), rows)
        self.assertIn(" due ", rows[3])

    def test_json(self):
        rc, items, err = self.overdue_json("--warn", "2h")
        self.assertEqual(rc, 2)
        self.assertIsInstance(items, list)
        self.assertEqual([(i["id"], i["clock"], i["state"], i["deadline"]) for i in items], [
            (self.b, "response", "overdue", "2026-11-29T09:10:00+08:00"),
            (self.a, "response", "overdue", "2026-11-29T09:30:00+08:00"),
            (self.c, "application", "overdue", "2026-11-29T09:30:00+08:00"),
            (self.d, "response", "due", "2026-11-29T10:20:00+08:00"),
        ])
        # Without --warn: only the overdue ones.
        rc, items, err = self.overdue_json()
        self.assertEqual(rc, 2)
        self.assertEqual([i["id"] for i in items], [self.b, self.a, self.c])
        self.assertTrue(all(i["state"] == "overdue" for i in items))

    def test_filters(self):
        cases = [
            (["--route", "SC"], [self.c]),
            (["--route", "YF"], []),
            (["--via", "SH"], [self.d]),
            (["--via", "YX"], [self.b, self.a, self.c]),
            (["--level", "1"], [self.b]),
            (["--level", "2"], [self.a, self.d]),
            (["--level", "3"], [self.c]),
            (["--clock", "response"], [self.b, self.a, self.d]),
            (["--clock", "application"], [self.c]),
            (["--clock", "arrival"], []),
            (["--via", "YX", "--level", "2"], [self.a]),
        ]
        for args, ids in cases:
            with self.subTest(args=args):
                rc, items, err = self.overdue_json("--warn", "2h", *args)
                self.assertEqual([i["id"] for i in items], ids)
                overdue = sum(1 for i in items if i["state"] == "overdue")
                self.assertEqual(rc, 2 if overdue else 1 if items else 0)
                rc2, first, rows, err = self.overdue("--warn", "2h", *args)
                self.assertEqual(rc2, rc)
                self.assertEqual([r.split()[2] for r in rows], ids)
                self.assertIn("| overdue={} due={} ".format(overdue, len(items) - overdue), first)

    def test_arrival_appears_as_its_deadline_nears(self):
        # c's arrival (level 3, 72 h from 07:00) is due 12-02 07:00.
        rc, items, err = self.overdue_json("--clock", "arrival", "--warn", "1h",
                                           now="2026-12-02T06:00:00+08:00")
        self.assertEqual([(i["id"], i["state"]) for i in items], [(self.c, "due")])
        rc, items, err = self.overdue_json("--clock", "arrival",
                                           now="2026-12-02T07:00:01+08:00")
        self.assertEqual([(i["id"], i["state"]) for i in items], [(self.c, "overdue")])
        self.assertEqual(rc, 2)


class Colour(OverdueBase):
    """Overdue red, due yellow — on a terminal only, never under NO_COLOR,
    TERM=dumb or in a pipe; the summary line stays plain."""

    def setUp(self):
        super().setUp()
        self.late = self.ticket("2026-11-29T08:30", "2026-11-29T08:31", level=2)  # overdue at 10:00
        self.soon = self.ticket("2026-11-29T09:20", "2026-11-29T09:21", level=2)  # due at 10:20

    def on_a_terminal(self, **env):
        """svc overdue --warn 2h with stdout a pseudo-terminal; its output."""
        master, slave = pty.openpty()
        try:
            p = subprocess.run([SVC, "-R", self.records, "--now", NOW, "overdue", "--warn", "2h"],
                               stdout=slave, stderr=subprocess.PIPE,
                               env=clean_env(dict({"NO_COLOR": None, "TERM": "xterm"}, **env)),
                               timeout=60)
        finally:
            os.close(slave)
        out = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the other end is closed
                break
            if not chunk:
                break
            out += chunk
        os.close(master)
        self.assertEqual(p.returncode, 2, p.stderr)
        return out.decode("utf-8").replace("\r\n", "\n")

    def test_overdue_red_and_due_yellow_on_a_terminal(self):
        lines = self.on_a_terminal().rstrip("\n").split("\n")
        self.assertTrue(lines[0].startswith("SVC CRITICAL - 1 overdue, 1 due within 2h"), lines[0])
        self.assertNotIn("\x1b", lines[0])
        late = next(l for l in lines if self.late in l)
        soon = next(l for l in lines if self.soon in l)
        self.assertTrue(late.startswith("\x1b[31m") and late.endswith("\x1b[0m"), repr(late))
        self.assertTrue(soon.startswith("\x1b[33m") and soon.endswith("\x1b[0m"), repr(soon))

    def test_never_under_no_color_dumb_terminal_or_in_a_pipe(self):
        for env in ({"NO_COLOR": "1"}, {"TERM": "dumb"}):
            with self.subTest(env=env):
                self.assertNotIn("\x1b", self.on_a_terminal(**env))
        rc, out, _ = self.svc("overdue", "--warn", "2h", env={"NO_COLOR": None,
                                                               "TERM": "xterm"})
        self.assertEqual(rc, 2)
        self.assertIn(self.late, out)
        self.assertNotIn("\x1b", out)


class AsOf(OverdueBase):

    def setUp(self):
        super().setUp()
        # Level 1, on-site repair: arrival due 2 h after receipt (11-02 11:00).
        self.tid = self.ticket("2026-11-02T09:00", "2026-11-02T09:02", level=1)
        now = "2026-11-02T09:20:00+08:00"
        self.act("classify", self.tid, "--kind", "support", "--category", "hardware", "--level",
                 "1", "--service", "onsite-repair", "--at", "2026-11-02T09:05", now=now)
        self.act("dispatch", self.tid, "--tech", "张伟", "--at", "2026-11-02T09:15", now=now)
        # The engineer records the arrival the next day, with --at 11:30 (late).
        self.act("dispatch", self.tid, "--arrive", "--at", "2026-11-02T11:30",
                 now="2026-11-03T08:00:00+08:00")

    def test_the_later_arrival_is_ignored_until_entered(self):
        self.assertIn("recorded = 2026-11-03T08:00:00+08:00", self.ticket_text(self.tid))
        # At 11:15 the arrival (at 11:30) had not happened: arrival overdue.
        answer = self.overdue_json(now="2026-11-02T11:15:00+08:00")
        rc, items, err = answer
        self.assertEqual(rc, 2)
        self.assertEqual([(i["id"], i["clock"], i["deadline"]) for i in items],
                         [(self.tid, "arrival", "2026-11-02T11:00:00+08:00")])
        # At 10:00 it was running, due within 2h.
        rc, first, rows, err = self.overdue("--warn", "2h", now="2026-11-02T10:00:00+08:00")
        self.assertEqual((rc, first), (1, summary("WARNING", 0, 1, 0, 1, "2h")))
        # The arrival at 11:30 was entered only the next day at 08:00: until then
        # the records showed the arrival overdue (issue 14: as they stood).
        for now in ("2026-11-02T11:30:00+08:00", "2026-11-03T07:59:59+08:00"):
            with self.subTest(now=now):
                rc, first, rows, err = self.overdue(now=now)
                self.assertEqual((rc, first), (2, summary("CRITICAL", 1, 0, 0, 1)))
        # From then on it is breached (stopped late at 11:30), no longer overdue;
        # the repair (simple, 24 h from 11:30) runs.
        for now in ("2026-11-03T08:00:00+08:00", "2026-11-03T09:00:00+08:00"):
            with self.subTest(now=now):
                rc, first, rows, err = self.overdue(now=now)
                self.assertEqual((rc, first), (0, summary("OK", 0, 0, 0, 1)))
        # The same question asked again gives the same answer.
        self.assertEqual(self.overdue_json(now="2026-11-02T11:15:00+08:00"), answer)

    def test_show_as_of(self):
        def clocks(now):
            t = json.loads(self.act("--json", "show", self.tid, now=now))
            return {c["name"]: c for c in t["clocks"]}
        before = clocks("2026-11-02T11:15:00+08:00")
        self.assertEqual(before["arrival"]["state"], "overdue")
        self.assertIsNone(before["arrival"]["stop"])
        self.assertNotIn("repair", before)
        after = clocks("2026-11-03T09:00:00+08:00")
        self.assertEqual(after["arrival"]["state"], "breached")
        self.assertEqual(after["arrival"]["stop"], "2026-11-02T11:30:00+08:00")
        self.assertEqual(after["repair"]["state"], "running")

    def test_before_the_ticket_existed(self):
        rc, first, rows, err = self.overdue(now="2026-11-01T12:00:00+08:00")
        self.assertEqual((rc, first), (0, summary("OK", 0, 0, 0, 0)))


class ShowClocks(OverdueBase):

    def test_show_json_clocks(self):
        tid = self.ticket("2026-11-29T09:00", "2026-11-29T09:05")
        self.classify(tid, "2026-11-29T09:20", 2, service="onsite-repair")
        t = json.loads(self.act("--json", "show", tid))
        clocks = t["clocks"]
        self.assertEqual([c["name"] for c in clocks],
                         ["form", "response", "application", "arrival"])
        for c in clocks:
            for key in ("name", "state", "start", "deadline", "stop"):
                self.assertIn(key, c)
            self.assertIn(c["state"], ("met", "breached", "running", "overdue"))
        by = {c["name"]: c for c in clocks}
        # form: 2 h from 09:00, filled 09:05: met.
        self.assertEqual((by["form"]["state"], by["form"]["start"], by["form"]["deadline"],
                          by["form"]["stop"]),
                         ("met", "2026-11-29T09:00:00+08:00", "2026-11-29T11:00:00+08:00",
                          "2026-11-29T09:05:00+08:00"))
        # response: level 2, 1 h from 09:00, classified 09:20: met.
        self.assertEqual((by["response"]["state"], by["response"]["deadline"],
                          by["response"]["stop"]),
                         ("met", "2026-11-29T10:00:00+08:00", "2026-11-29T09:20:00+08:00"))
        # application: 2 h from 09:20, not yet filed: running, stop null.
        self.assertEqual((by["application"]["state"], by["application"]["start"],
                          by["application"]["deadline"], by["application"]["stop"]),
                         ("running", "2026-11-29T09:20:00+08:00", "2026-11-29T11:20:00+08:00",
                          None))
        # arrival: level 2, 48 h from 09:00.
        self.assertEqual((by["arrival"]["state"], by["arrival"]["deadline"],
                          by["arrival"]["stop"]),
                         ("running", "2026-12-01T09:00:00+08:00", None))
        # Two days later the application is overdue, the arrival too.
        t = json.loads(self.act("--json", "show", tid, now="2026-12-01T09:00:01+08:00"))
        by = {c["name"]: c for c in t["clocks"]}
        self.assertEqual((by["application"]["state"], by["arrival"]["state"]),
                         ("overdue", "overdue"))
        self.assertIsNone(by["arrival"]["stop"])

    def test_show_text_lists_every_clock(self):
        tid = self.ticket("2026-11-29T09:00", "2026-11-29T09:05", level=1)
        out = self.act("show", tid)
        self.assertRegex(out, r"\n  form +met")
        self.assertRegex(out, r"\n  response +overdue")

    def test_offsets_in_at_give_the_same_deadlines(self):
        # The same ticket twice: times given in +08:00, and in UTC.
        a = self.ticket("2026-11-29T09:00:00+08:00", "2026-11-29T09:05:00+08:00")
        self.classify(a, "2026-11-29T09:20:00+08:00", 2, service="onsite-repair")
        b = self.ticket("2026-11-29T01:00:00Z", "2026-11-29T01:05:00Z")
        self.classify(b, "2026-11-29T01:20:00Z", 2, service="onsite-repair")

        def instants(tid):
            t = json.loads(self.act("--json", "show", tid, now="2026-12-01T10:00:00+08:00"))
            return [(c["name"], c["state"], _epoch(c["deadline"])) for c in t["clocks"]]
        self.assertEqual(instants(a), instants(b))
        rc, items, err = self.overdue_json(now="2026-12-01T10:00:00+08:00")
        self.assertEqual(sorted((i["id"], i["clock"], _epoch(i["deadline"])) for i in items),
                         sorted([(a, "application", _epoch("2026-11-29T11:20:00+08:00")),
                                 (b, "application", _epoch("2026-11-29T11:20:00+08:00")),
                                 (a, "arrival", _epoch("2026-12-01T09:00:00+08:00")),
                                 (b, "arrival", _epoch("2026-12-01T09:00:00+08:00"))]))


def _epoch(text):
    import datetime
    return datetime.datetime.fromisoformat(text).timestamp()


if __name__ == "__main__":
    unittest.main()
