"""svc report counts the visits and the annual plan's items (issue 17 item 7;
R-4.6 a, R-4.5.5): visits made and reported in the period, in time or late
or not yet; the plan's items due in the period served in their month, late
or not at all, as of the period's end."""

import json
import unittest

from svctest import SvcTestCase


def D(text):
    day, hhmm = text.split(" ")
    return "2026-{}T{}:00+08:00".format(day, hhmm)


class ReportVisitsPlanTest(SvcTestCase):

    def act(self, *args, now=D("01-05 09:00"), **kwargs):
        rc, out, err = self.svc(*args, now=now, **kwargs)
        self.assertEqual(rc, 0, err)
        return out

    def setUp(self):
        super().setUp()
        self.act("customer", "add", "国网杭州供电公司", "--key", now=D("01-02 09:00"))
        self.act("customer", "add", "华东电网检修公司", now=D("01-02 09:00"))
        for customer, month in (("K0001", "3"), ("K0002", "3"), ("K0001", "5")):
            self.act("annual-plan", "add", "2026", "--customer", customer, "--month", month,
                     "--work", "technical")
        self.act("annual-plan", "approve", "2026", "--as", "gm", now=D("01-06 09:00"),
                 actor="张伟")
        # Item 1 served in March; item 2 only in April (late); item 3 (May) never.
        self.act("open", "--via", "YX", "--customer", "K0001", "--description", "春检",
                 "--annual-plan", "2026:1", now=D("03-10 09:00"))
        self.act("open", "--via", "YX", "--customer", "K0002", "--description", "春检",
                 "--annual-plan", "2026:2", now=D("04-02 09:00"))
        # Visits: one in March reported in 3 days; one in March reported in April (late).
        v1 = self.act("visit", "record", "--customer", "K0001", "--at", D("03-02 10:00"),
                      "--by", "张伟", now=D("03-02 18:00")).strip()
        self.act("visit", "report", v1, "--text", "正常", now=D("03-05 09:00"))
        v2 = self.act("visit", "record", "--customer", "K0002", "--at", D("03-20 10:00"),
                      "--by", "张伟", now=D("03-20 18:00")).strip()
        self.act("visit", "report", v2, "--text", "正常", now=D("04-15 09:00"))

    def report(self, *args):
        return json.loads(self.act("report", *args, "--json", now=D("06-01 09:00")))

    def test_march(self):
        r = self.report("--month", "2026-03")
        self.assertEqual(r["visits"], {"made": 2, "reports": 1, "in_time": 1, "late": 0,
                                       "unreported": 1})  # the late report came in April
        self.assertEqual(r["annual_plan"], {"due": 2, "served": 1, "late": 0, "unserved": 1})

    def test_april_and_the_half_year(self):
        r = self.report("--month", "2026-04")
        self.assertEqual(r["visits"], {"made": 0, "reports": 1, "in_time": 0, "late": 0,
                                       "unreported": 0})
        self.assertEqual(r["annual_plan"], {"due": 0, "served": 0, "late": 0, "unserved": 0})
        r = self.report("--half", "2026-H1")
        self.assertEqual(r["visits"], {"made": 2, "reports": 2, "in_time": 1, "late": 1,
                                       "unreported": 0})
        self.assertEqual(r["annual_plan"], {"due": 3, "served": 1, "late": 1, "unserved": 1})

    def test_text_tables(self):
        out = self.act("report", "--half", "2026-H1", now=D("06-01 09:00"))
        self.assertIn("customer visits (R-4.6 a)", out)
        self.assertIn("annual service plan (R-4.5.5)", out)
        # With a route: tickets only (visits and plan items have no route).
        out = self.act("report", "--half", "2026-H1", "--route", "SC", now=D("06-01 09:00"))
        self.assertNotIn("customer visits", out)


if __name__ == "__main__":
    unittest.main()
