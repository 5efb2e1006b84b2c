"""Times shown in the company's time zone (issue 14, item 7): whatever offset
an event was typed in (Z, +09:00), every time svc shows — `show` and its
--json, `list` and its --json, `print`, `overdue`, `report`, refusals — is the
same instant in svc.toml's offset (+08:00 by default), so a history reads in
order; the ticket file keeps what was typed.
"""

import json
import re
import unittest

from svctest import SvcTestCase

NOW = "2026-12-06T10:00:00+08:00"


class TimeZoneTest(SvcTestCase):

    def setUp(self):
        super().setUp()
        # Received 14:30Z = 22:30+08:00; the form filled 23:40+09:00 = 22:40+08:00;
        # classified 15:00Z = 23:00+08:00; planned 2026-12-06T01:00+09:00 = 00:00+08:00.
        self.tid = self.open("YX", "华东电网", "--received-at", "2026-12-05T14:30Z",
                             "--at", "2026-12-05T23:40+09:00", now=NOW)
        for args in (["classify", self.tid, "--kind", "support", "--category", "hardware",
                      "--level", "3", "--service", "onsite-repair", "--at",
                      "2026-12-05T15:00:00Z"],
                     ["dispatch", self.tid, "--tech", "张伟", "--planned",
                      "2026-12-06T01:00+09:00", "--at", "2026-12-05T23:50+08:00"]):
            rc, _, err = self.svc(*args, now=NOW)
            self.assertEqual(rc, 0, err)

    def test_the_file_keeps_what_was_typed(self):
        text = self.ticket_text(self.tid)
        self.assertIn("received = 2026-12-05T14:30:00+00:00\n", text)
        self.assertIn("at = 2026-12-05T23:40:00+09:00\n", text)
        self.assertIn("at = 2026-12-05T15:00:00+00:00\n", text)
        self.assertIn("planned = 2026-12-06T01:00:00+09:00\n", text)

    def test_show_text(self):
        out = self.ok("show", self.tid, now=NOW)
        self.assertIn("received     2026-12-05 22:30 via YX", out)
        self.assertIn("form filled  2026-12-05 22:40 by 王芳", out)
        self.assertRegex(out, r"\nclassified +2026-12-05 23:00 by 王芳\n")
        self.assertRegex(out, r"\n  filed +2026-12-05 23:50 by 王芳\n")
        self.assertRegex(out, r"\n  planned +2026-12-06 00:00\n")
        self.assertRegex(out, r"\n  arrival +running +2026-12-05 22:30 → 2026-12-08 22:30 ")
        self.assertIn("planned: 2026-12-06T00:00:00+08:00", out)
        history = out.split("history\n", 1)[1].split("\n")
        whens = [line.split("  ")[1] for line in history if line.strip()]
        self.assertEqual([w[:16] for w in whens],
                         ["2026-12-05 22:40", "2026-12-05 23:00", "2026-12-05 23:50"])
        self.assertNotIn("14:30", out)
        self.assertNotIn("15:00", out)

    def test_show_json(self):
        v = json.loads(self.ok("--json", "show", self.tid, now=NOW))
        self.assertEqual(v["received"], "2026-12-05T22:30:00+08:00")
        self.assertEqual(v["opened"]["at"], "2026-12-05T22:40:00+08:00")
        self.assertEqual(v["classified"]["at"], "2026-12-05T23:00:00+08:00")
        self.assertEqual(v["dispatches"][0]["planned"], "2026-12-06T00:00:00+08:00")
        self.assertEqual([e["at"] for e in v["events"]],
                         ["2026-12-05T22:40:00+08:00", "2026-12-05T23:00:00+08:00",
                          "2026-12-05T23:50:00+08:00"])
        self.assertEqual(v["events"][2]["details"]["planned"], "2026-12-06T00:00:00+08:00")
        for c in v["clocks"]:
            self.assertTrue(c["start"].endswith("+08:00"), c)
            self.assertTrue(c["deadline"].endswith("+08:00"), c)
        # Every time of the whole view, recorded ones included, in +08:00.
        times = re.findall(r'"(\d{4}-\d\d-\d\dT[^"]*)"', json.dumps(v))
        self.assertTrue(times)
        self.assertTrue(all(t.endswith("+08:00") for t in times), times)

    def test_list(self):
        self.assertEqual(self.ok("list", "--no-header", now=NOW).split()[2:4], ["2026-12-05", "22:30"])
        rows = json.loads(self.ok("--json", "list", now=NOW))
        self.assertEqual(rows[0]["received"], "2026-12-05T22:30:00+08:00")

    def test_print(self):
        out = self.ok("print", self.tid, "--form", "info", now=NOW)
        self.assertIn("2026-12-05 22:30", out)
        self.assertIn("2026-12-05 22:40", out)
        self.assertNotIn("14:30", out)

    def test_overdue_and_report(self):
        late = "2026-12-09T10:00:00Z"  # the arrival clock is overdue
        rc, out, err = self.svc("--json", "overdue", now=late)
        self.assertEqual(rc, 2, err)
        for d in json.loads(out):
            self.assertTrue(d["start"].endswith("+08:00"), d)
            self.assertTrue(d["deadline"].endswith("+08:00"), d)
        rc, out, err = self.svc("--json", "report", "--month", "2026-12", now=late)
        self.assertEqual(rc, 0, err)
        self.assertEqual(json.loads(out)["as_of"], "2026-12-09T18:00:00+08:00")
        rc, out, err = self.svc("report", "--month", "2026-12", now=late)
        self.assertIn("2026-12-09T18:00:00+08:00", out)

    def test_a_refusal_names_times_in_the_company_offset(self):
        before = self.snapshot()
        rc, out, err = self.svc("open", "--via", "YX", "--customer", "乙",
                                "--received-at", "2026-12-06T03:00Z",
                                "--at", "2026-12-06T01:00Z", now=NOW)
        self.assertEqual((rc, out), (2, ""))
        self.assertEqual(err, "svc: --received-at 2026-12-06T11:00:00+08:00 is later than the "
                              "form was filled (2026-12-06T09:00:00+08:00)\n")
        self.assertEqual(self.snapshot(), before)

    def test_another_company_offset(self):
        self.set_config('timezone = "+08:00"', 'timezone = "+09:00"')
        v = json.loads(self.ok("--json", "show", self.tid, now=NOW))
        self.assertEqual(v["received"], "2026-12-05T23:30:00+09:00")
        self.assertEqual(v["events"][0]["at"], "2026-12-05T23:40:00+09:00")


if __name__ == "__main__":
    unittest.main()
