"""As of a moment, exactly (issue 14, item 1): with --now T every command reads
the records as they stood at T. An event counts only when its `at` and its
`recorded` time are both at or before T, so steps entered at 21:00 with
--at 15:00-15:40 are not there yet at 16:00 - through the index as with
--no-index, in show, list, overdue, report, print and check."""

import json
import os
import time
import unittest

from svctest import SvcTestCase

DAY = "2026-12-07"


def T(hhmm):
    return "{}T{}:00+08:00".format(DAY, hhmm)


BEFORE_AT = T("14:50")  # before the back-dated steps happened
BETWEEN = T("16:00")  # after they happened, before they were entered (21:00)
AFTER = T("21:30")  # after they were entered
MOMENTS = (BEFORE_AT, BETWEEN, AFTER)


class AsOfCase(SvcTestCase):
    """A ticket whose arrival, finish and close (15:00, 15:20, 15:40) were
    entered at 21:00."""

    def setUp(self):
        super().setUp()
        self.id = self.open(now=T("14:00"))
        for args, now in [
            (("classify", self.id, "--kind", "support", "--category", "hardware", "--level", "2",
              "--service", "onsite-repair"), T("14:10")),
            (("dispatch", self.id, "--tech", "张伟"), T("14:20")),
            (("dispatch", self.id, "--arrive", "--at", T("15:00")), T("21:00")),
            (("dispatch", self.id, "--finish", "--work", "更换跳闸线圈", "--at", T("15:20")),
             T("21:00")),
            (("close", self.id, "--result", "completed", "--at", T("15:40")), T("21:00")),
        ]:
            rc, out, err = self.svc(*args, now=now)
            self.assertEqual(rc, 0, err)

    def age(self):
        """Gives every records file a modification time an hour ago, so the
        index keeps (and later trusts) their summaries."""
        t = time.time_ns() - 3600 * 10**9
        for dirpath, dirnames, filenames in os.walk(self.records):
            if ".svc" in dirnames:
                dirnames.remove(".svc")
            for name in filenames:
                os.utime(os.path.join(dirpath, name), ns=(t, t))

    def both(self, *args, now, rc=0):
        """stdout of `svc ARGS` through a warm index and with --no-index;
        asserts they agree (exit status and output), the exit status is `rc`,
        and returns it."""
        self.age()
        self.svc("list", now=AFTER, env={"SVC_NO_INDEX": None})  # the index, as of all events
        self.assertTrue(os.path.exists(self.path(".svc", "index")))
        through = self.svc(*args, now=now, env={"SVC_NO_INDEX": None})
        full = self.svc("--no-index", *args, now=now, env={"SVC_NO_INDEX": None})
        self.assertEqual(through, full, "svc {} --now {}".format(" ".join(args), now))
        self.assertEqual(through[0], rc, through[2])
        return through[1]


class ShowTest(AsOfCase):

    def test_show_between_at_and_recorded_is_not_closed(self):
        for now in (BEFORE_AT, BETWEEN):
            with self.subTest(now=now):
                out = self.ok("show", self.id, now=now)
                self.assertTrue(out.startswith(self.id + "  open  "), out)
                self.assertNotIn("closed", out)
                self.assertNotIn("arrived", out)
                self.assertNotIn("recorded", out)  # no history line entered later
                d = json.loads(self.ok("--json", "show", self.id, now=now))
                self.assertEqual(d["status"], "open")
                self.assertIsNone(d["close"])
                self.assertEqual([e["action"] for e in d["events"]],
                                 ["open", "classify", "dispatch"])
                self.assertIsNone(d["dispatches"][0]["arrived"])
                self.assertEqual([c["name"] for c in d["clocks"]],
                                 ["form", "response", "application", "arrival"])

    def test_show_after_recorded_is_closed(self):
        out = self.ok("show", self.id, now=AFTER)
        self.assertTrue(out.startswith(self.id + "  closed  "), out)
        self.assertIn("2026-12-07 15:40 (recorded 2026-12-07 21:00)", out)
        d = json.loads(self.ok("--json", "show", self.id, now=AFTER))
        self.assertEqual(d["status"], "closed")
        self.assertEqual(d["close"]["at"], T("15:40"))
        self.assertEqual([(e["action"], e["recorded"]) for e in d["events"][3:]],
                         [("arrive", T("21:00")), ("finish", T("21:00")), ("close", T("21:00"))])

    def test_at_the_moment_of_entry_it_counts(self):
        d = json.loads(self.ok("--json", "show", self.id, now=T("21:00")))
        self.assertEqual(d["status"], "closed")
        d = json.loads(self.ok("--json", "show", self.id, now="2026-12-07T20:59:59+08:00"))
        self.assertEqual(d["status"], "open")

    def test_print_leaves_the_visit_blank_until_entered(self):
        form = self.ok("print", self.id, "--form", "outbound", now=BETWEEN)
        self.assertNotIn("更换跳闸线圈", form)
        form = self.ok("print", self.id, "--form", "outbound", now=AFTER)
        self.assertIn("更换跳闸线圈", form)


class ScanTest(AsOfCase):

    def test_list(self):
        for now, status in ((BEFORE_AT, "open"), (BETWEEN, "open"), (AFTER, "closed")):
            with self.subTest(now=now):
                rows = json.loads(self.both("--json", "list", now=now))
                self.assertEqual([(r["id"], r["status"]) for r in rows], [(self.id, status)])
                out = self.both("list", "--no-header", "--status", "closed", now=now)
                self.assertEqual(out.startswith(self.id), status == "closed", out)

    def test_overdue(self):
        # Until the arrival was entered, its clock runs; afterwards the survey's does.
        for now, clock in ((BEFORE_AT, "arrival"), (BETWEEN, "arrival"), (AFTER, "survey")):
            with self.subTest(now=now):
                out = self.both("overdue", "--warn", "48h", now=now, rc=1)
                lines = out.splitlines()
                self.assertTrue(lines[0].startswith("SVC WARNING - 0 overdue, 1 due"), out)
                self.assertEqual(lines[1].split()[3], clock, out)

    def test_report(self):
        for now, closed in ((BEFORE_AT, 0), (BETWEEN, 0), (AFTER, 1)):
            with self.subTest(now=now):
                r = json.loads(self.both("--json", "report", "--month", "2026-12", now=now))
                self.assertEqual((r["opened"], r["closed"], r["backlog"]),
                                 (1, closed, 1 - closed))

    def test_a_past_period_counts_steps_entered_after_it(self):
        # Filled in from paper the next morning: received and closed on the 7th.
        late = self.ok("open", "--via", "YX", "--customer", "国网江苏", "--at", T("17:00"),
                       now="2026-12-08T09:00:00+08:00").strip()
        for args in (("classify", late, "--kind", "support", "--category", "software",
                      "--level", "4", "--at", T("17:10")),
                     ("close", late, "--result", "completed", "--remote", "--at", T("17:30"))):
            rc, out, err = self.svc(*args, now="2026-12-08T09:00:00+08:00")
            self.assertEqual(rc, 0, err)
        day = ("--json", "report", "--from", DAY, "--to", DAY)
        # As the records stood on the evening of the 7th: only the first ticket, closed
        # once its steps were entered at 21:00.
        r = json.loads(self.both(*day, now=T("23:00")))
        self.assertEqual((r["as_of"], r["opened"], r["closed"]), (T("23:00"), 1, 1))
        # As they stand later, the 7th (judged at its end) holds both.
        for now in ("2026-12-08T09:00:00+08:00", "2026-12-31T12:00:00+08:00"):
            with self.subTest(now=now):
                r = json.loads(self.both(*day, now=now))
                self.assertEqual((r["as_of"], r["opened"], r["closed"], r["backlog"]),
                                 ("2026-12-07T23:59:59+08:00", 2, 2, 0))
        # Before they were entered, the morning of the 8th knew nothing of it.
        r = json.loads(self.both("--json", "report", "--from", DAY, "--to", "2026-12-08",
                                 now="2026-12-08T08:59:59+08:00"))
        self.assertEqual((r["opened"], r["closed"]), (1, 1))

    def test_an_open_entered_later_is_not_received_yet(self):
        late = self.ok("open", "--via", "YX", "--customer", "国网江苏", "--at", T("15:10"),
                       now=T("21:00")).strip()
        for now, ids in ((BETWEEN, [self.id]), (AFTER, [self.id, late])):
            with self.subTest(now=now):
                rows = json.loads(self.both("--json", "list", now=now))
                self.assertEqual([r["id"] for r in rows], ids)


class CheckTest(AsOfCase):

    def test_check_as_of_any_moment_is_clean(self):
        for now in MOMENTS:
            with self.subTest(now=now):
                rc, out, err = self.svc("check", now=now)
                self.assertEqual((rc, out), (0, ""), err)
                self.assertEqual(err, "svc: checked 1 record file: no problems\n")

    def test_check_judges_the_history_as_it_stood(self):
        # A step entered (by hand) at 22:00 that the history does not allow:
        # a second close. As of 21:30 the records were sound; from 22:00 not.
        path = self.ticket_path(self.id)
        with open(path, "a", encoding="utf-8") as f:
            f.write('\n[[event]]\nat = {}\nrecorded = {}\nactor = "王芳"\naction = "close"\n'
                    'result = "completed"\n'.format(T("15:50"), T("22:00")))
        rc, out, err = self.svc("check", now=AFTER)
        self.assertEqual((rc, out), (0, ""), err)
        rc, out, err = self.svc("check", now=T("22:00"))
        self.assertEqual(rc, 1)
        self.assertIn("'close' at 2026-12-07T15:50:00+08:00 is not allowed: the ticket was "
                      "closed at 2026-12-07T15:40:00+08:00", out)


if __name__ == "__main__":
    unittest.main()
