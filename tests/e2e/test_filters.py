"""Checked filters (issue 14, item 5): an unknown department code, fault
level, clock or status given to a filter of `svc list`, `svc overdue` or `svc
report` is a bad command line naming the known values — exit 2 (`svc
overdue`: 3, UNKNOWN, with the plugins' summary line), one line on stderr,
nothing written — never an empty answer. Codes and words match exactly:
`--route sc` is refused, SC suggested.
"""

import json
import unittest

from svctest import SvcTestCase

NOW = "2026-11-29T10:00:00+08:00"
CODES = "SH, YX, SC, SJ, ZL, XT, YF, HY, ZC1, ZC2, CW"
CLOCKS = ("form, response, notify, analysis, plan, application, arrival, repair, verify, "
          "survey, follow-up, warehousing, visit-report, visit, annual-plan")
LEVELS = "1, 2, 3, 4"
STATUSES = "new, open, closed, void"


def department(typed, hint=None):
    return "'{}' is no department code in svc.toml{} (known: {})".format(
        typed, ": did you mean {}?".format(hint) if hint else "", CODES)


def level(typed, hint=None):
    return "'{}' is no fault level in svc.toml{} (known: {})".format(
        typed, ": did you mean {}?".format(hint) if hint else "", LEVELS)


def clock(typed, hint=None):
    return "'{}' is no clock{} (known: {})".format(
        typed, ": did you mean {}?".format(hint) if hint else "", CLOCKS)


def status(typed, hint=None):
    return "'{}' is no ticket status{} (known: {})".format(
        typed, ": did you mean {}?".format(hint) if hint else "", STATUSES)


class FiltersTest(SvcTestCase):

    def setUp(self):
        super().setUp()
        # One ticket routed to SC whose application clock is overdue at NOW
        # (due 09:30): a filter that silently matched nothing would hide it.
        self.tid = self.open("YX", "华东电网", "--received-at", "2026-11-29T07:00",
                             "--at", "2026-11-29T07:01", now=NOW)
        rc, _, err = self.svc("classify", self.tid, "--kind", "support", "--category",
                              "hardware", "--level", "3", "--service", "onsite-repair",
                              "--at", "2026-11-29T07:30", now=NOW)
        self.assertEqual(rc, 0, err)

    def refused(self, rc, args, message, stdout=""):
        """svc ARGS exits `rc` with stdout `stdout`, stderr exactly
        'svc: MESSAGE', and leaves the records byte for byte as they were."""
        before = self.snapshot()
        result = self.svc(*args, now=NOW)
        self.assertEqual(result, (rc, stdout, "svc: {}\n".format(message)))
        self.assertEqual(self.snapshot(), before)

    # --- svc list ---------------------------------------------------------

    def test_list_status(self):
        for typed, hint in (("bogus", None), ("opened", None), ("OPEN", "open"),
                            ("处理中", None)):
            with self.subTest(typed=typed):
                self.refused(2, ["list", "--status", typed],
                             "--status: " + status(typed, hint))

    def test_list_via(self):
        for typed, hint in (("QQ", None), ("yx", "YX"), ("Yx", "YX"), ("", None)):
            if not typed:
                continue
            with self.subTest(typed=typed):
                self.refused(2, ["list", "--via", typed], "--via: " + department(typed, hint))
                self.refused(2, ["--json", "list", "--via", typed],
                             "--via: " + department(typed, hint))

    def test_list_known_values_still_filter(self):
        self.assertEqual(self.ok("list", "--no-header", "--via", "YX", "--status", "open",
                                 now=NOW).split()[0],
                         self.tid)
        self.assertEqual(self.ok("list", "--via", "SC", now=NOW), "")
        self.assertEqual(self.ok("list", "--status", "closed", now=NOW), "")

    # --- svc overdue ------------------------------------------------------

    def overdue_refused(self, args, message):
        self.refused(3, ["overdue"] + args, message,
                     stdout="SVC UNKNOWN - bad command line: {}\n".format(message))

    def test_overdue_route(self):
        # The reproductions: each printed "SVC OK - 0 overdue", exit 0.
        self.overdue_refused(["--warn", "2h", "--route", "QQ"], "--route: " + department("QQ"))
        self.overdue_refused(["--route", "sc"], "--route: " + department("sc", "SC"))

    def test_overdue_via(self):
        self.overdue_refused(["--via", "xx"], "--via: " + department("xx"))
        self.overdue_refused(["--via", "yx"], "--via: " + department("yx", "YX"))

    def test_overdue_level(self):
        for typed, hint in (("5", None), ("0", None), ("x", None), ("L1", "1"), ("l1", "1")):
            with self.subTest(typed=typed):
                self.overdue_refused(["--level", typed], "--level: " + level(typed, hint))

    def test_overdue_clock(self):
        for typed, hint in (("lunch", None), ("Response", "response"), ("info", None)):
            with self.subTest(typed=typed):
                self.overdue_refused(["--clock", typed], "--clock: " + clock(typed, hint))

    def test_overdue_json_is_refused_the_same_way(self):
        message = "--route: " + department("QQ")
        self.refused(3, ["--json", "overdue", "--route", "QQ"], message,
                     stdout="SVC UNKNOWN - bad command line: {}\n".format(message))

    def test_overdue_first_unknown_filter_is_named(self):
        self.overdue_refused(["--route", "SC", "--via", "QQ", "--level", "9"],
                             "--via: " + department("QQ"))

    def test_overdue_known_values_still_filter(self):
        rc, out, err = self.svc("--json", "overdue", "--route", "SC", "--via", "YX",
                                "--level", "3", "--clock", "application", now=NOW)
        self.assertEqual((rc, err), (2, ""))
        self.assertEqual([(d["id"], d["clock"]) for d in json.loads(out)],
                         [(self.tid, "application")])
        rc, out, err = self.svc("overdue", "--route", "YF", now=NOW)
        self.assertEqual((rc, err), (0, ""))
        self.assertTrue(out.startswith("SVC OK - 0 overdue"), out)

    # --- svc report -------------------------------------------------------

    def test_report_route(self):
        for typed, hint in (("QQ", None), ("sc", "SC"), ("S C", None)):
            with self.subTest(typed=typed):
                self.refused(2, ["report", "--month", "2026-11", "--route", typed],
                             "--route: " + department(typed, hint))
                self.refused(2, ["report", "--month", "2026-11", "--format", "csv", "--route",
                                 typed], "--route: " + department(typed, hint))

    def test_report_known_route_still_filters(self):
        rc, out, err = self.svc("--json", "report", "--month", "2026-11", "--route", "SC",
                                now=NOW)
        self.assertEqual((rc, err), (0, ""))
        self.assertEqual(json.loads(out)["opened"], 1)

    # --- the known values follow svc.toml ---------------------------------

    def test_a_department_added_to_svc_toml_is_known(self):
        self.set_config('[[department]]\ncode = "CW"',
                        '[[department]]\ncode = "QQ"\nname = "质检"\n\n[[department]]\ncode = "CW"')
        rc, out, err = self.svc("overdue", "--route", "QQ", now=NOW)
        self.assertEqual((rc, err), (0, ""))
        self.assertTrue(out.startswith("SVC OK - 0 overdue"), out)
        self.refused(2, ["list", "--via", "XX"], "--via: '{}' is no department code in svc.toml "
                     "(known: {})".format("XX", CODES.replace("CW", "QQ, CW")))


if __name__ == "__main__":
    unittest.main()
