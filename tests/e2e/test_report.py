"""svc report: the statistics of R-4.6 and finance's cost figure (R-4.5.4).

One hand-built set of tickets, every event placed exactly with --at, and every
figure of the report checked one by one against what the events imply. The
periods are half-open in the company's time zone (+08:00).
"""

import csv
import io
import json
import os
import re
import shutil
import tempfile
import unicodedata
import unittest

from svctest import SvcTestCase, run

# Reports are made long after every event; a period is judged as it stood at
# its end, so this moment must not change any figure.
LATE = "2026-12-31T12:00:00+08:00"
ACTOR = "王芳"
COMMA_QUOTE = 'ACME, "Power" Ltd'

# Each ticket: the open arguments, then its actions (command, args...).
# T1 hardware, on-site repair, level 2: every clock met; a free quote.
# T2 software, paid service, level 1: form, response and arrival breached; a paid quote.
# T3 voided: counted as opened and voided, no clocks.
# T4 received 2026-11-30 20:00, level 3, classified only in December: its
#    response clock is overdue at November's end; closed in December.
# T5 quality, major, responsibility ours: analysis met, plan breached, a
#    nonconformity report, a free quote with materials.
# T6 received 2026-11-30T23:59+08:00: November's.
# T7 received 2026-11-30T16:00:00Z = 2026-12-01T00:00+08:00: December's.
# T8 data, level 4, closed remotely and verified, never surveyed: its survey
#    clock is overdue at November's end.
TICKETS = [
    ("T1", ["--via", "YX", "--customer", "华东电网", "--product", "配电柜",
            "--received-at", "2026-11-02 09:00", "--at", "2026-11-02 09:30", "--level", "2"], [
        ("classify", "--kind", "support", "--category", "hardware", "--level", "2",
         "--service", "onsite-repair", "--at", "2026-11-02 09:40"),
        ("dispatch", "--tech", "张伟", "--at", "2026-11-02 10:00"),
        ("dispatch", "--arrive", "--at", "2026-11-03 09:00"),
        ("dispatch", "--finish", "--at", "2026-11-03 12:00"),
        ("quote", "--people", "1", "--days", "1", "--at", "2026-11-03 12:30"),
        ("close", "--result", "completed", "--at", "2026-11-03 14:00"),
        ("survey", "--satisfaction", "满意", "--attitude", "5", "--at", "2026-11-03 20:00"),
    ]),
    ("T2", ["--via", "YX", "--customer", COMMA_QUOTE, "--product", "开关柜",
            "--received-at", "2026-11-10 06:00", "--at", "2026-11-10 08:30"], [
        ("classify", "--kind", "support", "--category", "software", "--level", "1",
         "--service", "paid", "--at", "2026-11-10 08:40"),
        ("quote", "--people", "2", "--days", "1", "--transport", "100",
         "--at", "2026-11-10 08:50"),
        ("quote", "--accept", "--at", "2026-11-10 08:55"),
        ("dispatch", "--tech", "李强", "--at", "2026-11-10 09:00"),
        ("dispatch", "--arrive", "--at", "2026-11-10 12:00"),
        ("dispatch", "--finish", "--at", "2026-11-10 13:00"),
        ("close", "--result", "completed", "--at", "2026-11-10 15:00"),
        ("survey", "--satisfaction", "unsatisfied", "--attitude", "2",
         "--at", "2026-11-10 20:00"),
    ]),
    ("T3", ["--via", "YX", "--customer", "作废客户",
            "--received-at", "2026-11-15 09:00", "--at", "2026-11-15 09:05"], [
        ("void", "--reason", "重复登记", "--at", "2026-11-15 10:00"),
    ]),
    ("T4", ["--via", "YX", "--customer", "夜间客户",
            "--received-at", "2026-11-30 20:00", "--at", "2026-11-30 20:30", "--level", "3"], [
        ("classify", "--kind", "support", "--category", "integration", "--level", "3",
         "--at", "2026-12-01 09:00"),
        ("close", "--result", "completed", "--remote", "--at", "2026-12-01 10:00"),
    ]),
    ("T5", ["--via", "YX", "--customer", "华东电网", "--product", "配电柜",
            "--received-at", "2026-11-20 09:00", "--at", "2026-11-20 09:30"], [
        ("classify", "--kind", "quality", "--category", "hardware", "--level", "3", "--major",
         "--at", "2026-11-20 10:00"),
        ("analyze", "--cause", "批次缺陷", "--responsibility", "ours", "--at", "2026-11-20 11:00"),
        ("plan", "--text", "更换同批次继电器", "--at", "2026-11-20 16:00"),
        ("approve", "--as", "gm", "--at", "2026-11-20 16:30"),
        ("approve", "--as", "customer", "--by", "王工", "--at", "2026-11-20 16:40"),
        ("dispatch", "--tech", "王五", "--at", "2026-11-20 17:00"),
        ("dispatch", "--arrive", "--at", "2026-11-21 09:00"),
        ("dispatch", "--finish", "--part", "继电器:2:35", "--at", "2026-11-21 10:00"),
        ("quote", "--people", "1", "--days", "2", "--no-lodging", "--no-meals",
         "--part", "继电器:2:35", "--at", "2026-11-21 11:00"),
        ("dispatch", "--back", "--part", "继电器:2:returned", "--at", "2026-11-21 18:00"),
        ("warehouse", "--nonconformity", "触点烧蚀", "--at", "2026-11-22 08:00"),
        ("close", "--result", "completed", "--at", "2026-11-22 09:00"),
        ("survey", "--satisfaction", "very-unsatisfied", "--attitude", "1", "--damage", "some",
         "--cleanliness", "poor", "--at", "2026-11-22 10:00"),
    ]),
    ("T6", ["--via", "YX", "--customer", "末日客户",
            "--received-at", "2026-11-30T23:59:00+08:00", "--at", "2026-11-30T23:59:00+08:00"], [
        ("classify", "--kind", "support", "--category", "unknown", "--level", "4",
         "--at", "2026-11-30T23:59:30+08:00"),
    ]),
    ("T7", ["--via", "YX", "--customer", "新月客户",
            "--received-at", "2026-11-30T16:00:00Z", "--at", "2026-11-30T16:00:00Z"], []),
    ("T8", ["--via", "SH", "--customer", "数据客户",
            "--received-at", "2026-11-25 09:00", "--at", "2026-11-25 09:00"], [
        ("classify", "--kind", "support", "--category", "data", "--level", "4",
         "--service", "info", "--at", "2026-11-25 10:30"),
        ("close", "--result", "completed", "--remote", "--at", "2026-11-25 11:00"),
        ("verify", "--at", "2026-11-26 09:00"),
    ]),
]

NUMBERS = {"T1": "YX-26-11-01", "T2": "YX-26-11-02", "T3": "YX-26-11-03", "T4": "YX-26-11-04",
           "T5": "YX-26-11-05", "T6": "YX-26-11-06", "T7": "YX-26-12-01", "T8": "SH-26-11-01"}


def width(text):
    """Display columns in a terminal: East Asian wide and fullwidth count 2."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def text_tables(out):
    """{title: [lines]} of the text report: a title line, then indented rows."""
    tables, title = {}, None
    for line in out.split("\n"):
        if not line:
            title = None
        elif not line.startswith("  "):
            title = line
            tables[title] = []
        elif title is not None:
            tables[title].append(line)
    return tables


def cell_columns(line):
    """Display columns where each cell of a text-table row starts (cells are
    separated by at least two spaces)."""
    cols = []
    for m in re.finditer(r"(?:^|(?<=  ))(?! )", line):
        if m.start() < len(line):
            cols.append(width(line[:m.start()]))
    return cols


class ReportTest(SvcTestCase):
    """The tickets are built once; every test reads the same records."""

    INIT = False
    shared = None

    @classmethod
    def setUpClass(cls):
        cls.shared_tmp = tempfile.mkdtemp(prefix="svc-e2e-report-")
        cls.shared = os.path.join(cls.shared_tmp, "records")
        rc, _, err = run("init", cls.shared)
        assert rc == 0, err
        for name, open_args, actions in TICKETS:
            rc, out, err = run("-R", cls.shared, "--now", LATE, "--actor", ACTOR, "open",
                               *open_args)
            assert rc == 0, err
            assert out.strip() == NUMBERS[name], (name, out)
            for action in actions:
                rc, _, err = run("-R", cls.shared, "--now", LATE, "--actor", ACTOR,
                                 action[0], NUMBERS[name], *action[1:])
                assert rc == 0, "{} {}: {}".format(name, action, err)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.shared_tmp, ignore_errors=True)

    def setUp(self):
        super().setUp()
        self.records = self.shared

    def svc(self, *args, now=LATE, **kwargs):
        return super().svc(*args, now=now, **kwargs)

    def report(self, *args, now=LATE):
        return self.ok("report", *args, now=now)

    def json_report(self, *args, now=LATE):
        return json.loads(self.report(*args, "--format", "json", now=now))


class FiguresTest(ReportTest):
    """November 2026, figure by figure."""

    def setUp(self):
        super().setUp()
        self.r = self.json_report("--month", "2026-11")

    def test_period_is_the_month_in_the_company_time_zone(self):
        self.assertEqual(self.r["period"]["start"], "2026-11-01T00:00:00+08:00")
        self.assertEqual(self.r["period"]["end"], "2026-12-01T00:00:00+08:00")

    def test_counts(self):
        # T1 T2 T3 T4 T5 T6 T8 received in November (T3 voided, still opened; T6 at
        # 23:59+08:00); T7 is December's.
        self.assertEqual(self.r["opened"], 7)
        # T1 T2 T5 T8; T4 closes in December.
        self.assertEqual(self.r["closed"], 4)
        self.assertEqual(self.r["voided"], 1)
        # Open at the end: T4 (closed only in December) and T6.
        self.assertEqual(self.r["backlog"], 2)

    def test_by_route_level_category_kind(self):
        # T4 is judged as it stood at November's end: not yet classified.
        self.assertEqual(self.r["by_route"], {"unclassified": 2, "SC": 1, "YF": 1, "SJ": 1, "ZL": 2})
        self.assertEqual(self.r["by_level"], {"1": 1, "2": 1, "3": 2, "4": 2, "unjudged": 1})
        self.assertEqual(self.r["by_category"], {"hardware": 2, "software": 1, "data": 1,
                                                 "unknown": 1, "unclassified": 2})
        self.assertEqual(self.r["by_kind"], {"support": 4, "quality": 1, "unclassified": 2})
        self.assertEqual(self.r["by_via"], {"YX": 6, "SH": 1})
        self.assertEqual(self.r["by_customer"]["华东电网"], 2)
        self.assertEqual(self.r["by_customer"][COMMA_QUOTE], 1)
        self.assertEqual(self.r["by_product"]["配电柜"], 2)

    def test_form_clock(self):
        # T2's form was filled 2.5 h after the call; the voided T3 counts nowhere.
        f = self.r["sla"]["form"]
        self.assertEqual((f["met"], f["breached"]), (5, 1))
        self.assertAlmostEqual(f["rate"], 5 / 6, places=3)

    def test_response_clock_counts_the_overdue_as_breached(self):
        # Met: T1 40 min (level 2, 1 h), T5 1 h (level 3, 2 h), T8 1.5 h (level 4,
        # 2 h), T6 30 s. Breached: T2 2 h 40 min (level 1, 10 min). Overdue at the
        # period's end: T4 (received 20:00, level 3, not classified by 24:00).
        f = self.r["sla"]["response"]
        self.assertEqual(f["met"], 4)
        self.assertEqual(f["breached"], 2)
        self.assertEqual(f["overdue_at_end"], 1)
        self.assertAlmostEqual(f["rate"], 4 / 6, places=3)
        # Times of those stopped in the period: 30 s, 40 min, 1 h, 1.5 h, 2 h 40 min.
        # Nearest rank (lib/report.h): the median is the 3rd, the 90th percentile the 5th.
        self.assertEqual(f["median_seconds"], 3600)
        self.assertEqual(f["p90_seconds"], 9600)

    def test_arrival_and_repair_clocks(self):
        # Arrival from the call: T1 24 h (level 2, 48 h), T5 24 h (level 3, 72 h) met;
        # T2 6 h (level 1, 2 h) breached.
        a = self.r["sla"]["arrival"]
        self.assertEqual((a["met"], a["breached"], a["overdue_at_end"]), (2, 1, 0))
        self.assertAlmostEqual(a["rate"], 2 / 3, places=3)
        self.assertEqual((a["median_seconds"], a["p90_seconds"]), (86400, 86400))
        # Repair on site: T1 3 h, T2 1 h, T5 1 h, all simple (24 h).
        r = self.r["sla"]["repair"]
        self.assertEqual((r["met"], r["breached"]), (3, 0))
        self.assertEqual(r["rate"], 1)
        self.assertEqual((r["median_seconds"], r["p90_seconds"]), (3600, 10800))

    def test_other_clocks(self):
        sla = self.r["sla"]
        # Every outbound record has its application clock: three, each in time.
        self.assertEqual((sla["application"]["met"], sla["application"]["breached"]), (3, 0))
        # T5's major problem reached the general manager with his approval, 6 h 30 min on.
        self.assertEqual((sla["notify"]["met"], sla["notify"]["breached"]), (0, 1))
        # T2 unsatisfied and T5 very unsatisfied: neither followed up by the end.
        self.assertEqual(self.r["follow_ups"],
                         {"started": 2, "in_time": 0, "late": 0, "pending": 2})
        self.assertEqual(sla["follow-up"]["overdue_at_end"], 2)
        self.assertEqual((sla["analysis"]["met"], sla["analysis"]["breached"]), (1, 0))
        # T5's plan came 5 h after the analysis (target 4 h).
        self.assertEqual((sla["plan"]["met"], sla["plan"]["breached"]), (0, 1))
        self.assertEqual(sla["plan"]["rate"], 0)
        self.assertEqual((sla["verify"]["met"], sla["verify"]["breached"]), (1, 0))
        self.assertEqual((sla["warehousing"]["met"], sla["warehousing"]["breached"]), (1, 0))
        # T1 T2 T5 surveyed within 16 h; T8 never: overdue at the end.
        s = sla["survey"]
        self.assertEqual((s["met"], s["breached"], s["overdue_at_end"]), (3, 1, 1))
        self.assertEqual(s["rate"], 0.75)

    def test_satisfaction(self):
        s = self.r["satisfaction"]
        self.assertEqual((s["responses"], s["satisfied"]), (3, 1))
        self.assertAlmostEqual(s["rate"], 1 / 3, places=3)
        self.assertEqual(s["answers"], {"satisfied": 1, "unsatisfied": 1, "very-unsatisfied": 1})
        self.assertEqual(s["damage"], {"some": 1})
        self.assertEqual(s["cleanliness"], {"poor": 1})
        # (5 + 2 + 1) / 3
        self.assertEqual(s["attitude_average"], 2.67)

    def test_fees_per_route_of_the_tickets_closed(self):
        f = self.r["fees"]
        # T1 free (SC): 200 + 150 + 50 = 400, tax 60 -> cost 460, +40 % -> 644.
        self.assertEqual(f["by_route"]["SC"],
                         {"quotes": 1, "cost": "460.00", "total": "644.00", "charged": "0.00"})
        # T2 paid (YF): 2 x (200 + 150 + 50) + 100 = 900, tax 135 -> 1035, +40 % -> 1449.
        self.assertEqual(f["by_route"]["YF"],
                         {"quotes": 1, "cost": "1035.00", "total": "1449.00",
                          "charged": "1449.00"})
        # T5 free, our responsibility (ZL): 2 x 200 + 70 = 470, tax 70.50 -> 540.50,
        # +40 % (216.20) -> 756.70.
        self.assertEqual(f["by_route"]["ZL"],
                         {"quotes": 1, "cost": "540.50", "total": "756.70", "charged": "0.00"})
        self.assertEqual(set(f["by_route"]), {"SC", "YF", "ZL"})
        self.assertEqual((f["quotes"], f["cost"], f["total"], f["charged"]),
                         (3, "2035.50", "2849.70", "1449.00"))

    def test_quality(self):
        q = self.r["quality"]
        self.assertEqual((q["count"], q["major"], q["nonconformities"]), (1, 1, 1))
        self.assertEqual(q["responsibility"], {"ours": 1})

    def test_json_has_the_product_keys_and_types(self):
        for key in ("period", "opened", "closed", "by_route", "by_level", "by_category", "sla",
                    "satisfaction", "fees"):
            self.assertIn(key, self.r)
        for clock, f in self.r["sla"].items():
            for key in ("met", "breached", "rate"):
                self.assertIn(key, f, clock)
        for key in ("responses", "satisfied", "rate"):
            self.assertIn(key, self.r["satisfaction"])
        for key in ("cost", "charged"):
            self.assertRegex(self.r["fees"][key], r"^\d+\.\d\d$")
        rates = []

        def walk(v):
            if isinstance(v, dict):
                for k, x in v.items():
                    if k == "rate":
                        rates.append(x)
                    walk(x)
            elif isinstance(v, list):
                for x in v:
                    walk(x)

        walk(self.r)
        self.assertGreater(len(rates), 10)
        for rate in rates:
            self.assertTrue(rate is None or (isinstance(rate, (int, float))
                                             and not isinstance(rate, bool)
                                             and 0 <= rate <= 1), rate)

    def test_reproducible_whatever_the_clock(self):
        out = self.report("--month", "2026-11", "--format", "json")
        self.assertEqual(self.report("--month", "2026-11", "--format", "json",
                                     now="2027-06-30T08:00:00+08:00"), out)

    def test_empty_rates_are_null(self):
        r = self.json_report("--month", "2026-10")
        self.assertEqual((r["opened"], r["closed"]), (0, 0))
        self.assertIsNone(r["satisfaction"]["rate"])
        self.assertEqual((r["fees"]["cost"], r["fees"]["charged"]), ("0.00", "0.00"))
        for f in r["sla"].values():
            if f["met"] + f["breached"] == 0:
                self.assertIsNone(f["rate"])


class NextMonthTest(ReportTest):

    def test_december_has_t4_closed_and_t7_opened(self):
        r = self.json_report("--month", "2026-12")
        self.assertEqual(r["period"]["start"], "2026-12-01T00:00:00+08:00")
        self.assertEqual(r["period"]["end"], "2027-01-01T00:00:00+08:00")
        self.assertEqual((r["opened"], r["closed"], r["voided"]), (1, 1, 0))
        self.assertEqual(r["by_route"], {"unclassified": 1})
        # T4's response stopped on 1 December after 13 h: breached there; T7 never
        # classified: overdue at December's end.
        resp = r["sla"]["response"]
        self.assertEqual((resp["met"], resp["breached"], resp["overdue_at_end"]), (0, 2, 1))
        self.assertEqual(resp["rate"], 0)
        self.assertEqual(resp["median_seconds"], 13 * 3600)
        # T4 had no quote; no survey was made in December.
        self.assertEqual(r["fees"]["quotes"], 0)
        self.assertEqual(r["satisfaction"]["responses"], 0)
        self.assertIsNone(r["satisfaction"]["rate"])


class PeriodTest(ReportTest):

    def period(self, *args):
        r = self.json_report(*args)
        return r["period"]["start"], r["period"]["end"], r["opened"], r["closed"]

    def test_quarter_half_year(self):
        self.assertEqual(self.period("--quarter", "2026-Q4"),
                         ("2026-10-01T00:00:00+08:00", "2027-01-01T00:00:00+08:00", 8, 5))
        self.assertEqual(self.period("--quarter", "2026-Q3")[2:], (0, 0))
        self.assertEqual(self.period("--quarter", "2026-Q1")[:2],
                         ("2026-01-01T00:00:00+08:00", "2026-04-01T00:00:00+08:00"))
        self.assertEqual(self.period("--half", "2026-H2"),
                         ("2026-07-01T00:00:00+08:00", "2027-01-01T00:00:00+08:00", 8, 5))
        self.assertEqual(self.period("--half", "2026-H1")[:4],
                         ("2026-01-01T00:00:00+08:00", "2026-07-01T00:00:00+08:00", 0, 0))
        self.assertEqual(self.period("--year", "2026"),
                         ("2026-01-01T00:00:00+08:00", "2027-01-01T00:00:00+08:00", 8, 5))
        self.assertEqual(self.period("--year", "2027")[2:], (0, 0))

    def test_from_to_days_inclusive_in_the_company_time_zone(self):
        # 2026-11-30: T4 at 20:00 and T6 at 23:59 +08:00, not T7 (16:00Z = 1 Dec 00:00).
        self.assertEqual(self.period("--from", "2026-11-30", "--to", "2026-11-30"),
                         ("2026-11-30T00:00:00+08:00", "2026-12-01T00:00:00+08:00", 2, 0))
        self.assertEqual(self.period("--from", "2026-12-01", "--to", "2026-12-01"),
                         ("2026-12-01T00:00:00+08:00", "2026-12-02T00:00:00+08:00", 1, 1))
        self.assertEqual(self.period("--from", "2026-11-02", "--to", "2026-11-10")[2:], (2, 2))

    def test_boundary_event_belongs_to_its_local_month(self):
        nov = self.json_report("--month", "2026-11")
        dec = self.json_report("--month", "2026-12")
        self.assertIn("末日客户", nov["by_customer"])  # 2026-11-30T23:59+08:00
        self.assertNotIn("末日客户", dec["by_customer"])
        self.assertIn("新月客户", dec["by_customer"])  # 2026-11-30T16:00:00Z
        self.assertNotIn("新月客户", nov["by_customer"])

    def test_bad_period_values_are_a_bad_command_line(self):
        for args in (["--month", "2026-13"], ["--month", "2026-1"], ["--month", "2026/11"],
                     ["--month", "11-2026"], ["--quarter", "2026-Q5"], ["--quarter", "2026-Q0"],
                     ["--quarter", "2026Q4"], ["--half", "2026-H3"], ["--half", "2026-h2"],
                     ["--year", "26"], ["--year", "20x6"], ["--from", "2026-11-31", "--to",
                                                            "2026-12-01"],
                     ["--from", "2026-12-02", "--to", "2026-12-01"], ["--from", "2026-11-01"],
                     ["--to", "2026-11-30"]):
            with self.subTest(args=args):
                self.assertFails(2, self.svc("report", *args))

    def test_exactly_one_period(self):
        self.assertFails(2, self.svc("report"), "exactly one period")
        self.assertFails(2, self.svc("report", "--month", "2026-11", "--year", "2026"),
                         "exactly one period")
        self.assertFails(2, self.svc("report", "--quarter", "2026-Q4", "--from", "2026-11-01",
                                     "--to", "2026-11-30"), "exactly one period")


class RouteTest(ReportTest):

    def test_route_filter(self):
        # --route selects by the department that did the work: T5,
        # a quality ticket routed to ZL, was fixed by SC's engineers (the
        # dispatch's department defaults to the category's routing).
        sc = self.json_report("--month", "2026-11", "--route", "SC")
        self.assertEqual(sc["route"], "SC")
        self.assertEqual((sc["opened"], sc["closed"], sc["backlog"]), (2, 2, 0))
        self.assertEqual(sc["by_route"], {"SC": 1, "ZL": 1})
        self.assertEqual(sc["by_worked"], {"SC": 2})
        self.assertEqual(sc["by_customer"], {"华东电网": 2})
        self.assertEqual(set(sc["fees"]["by_route"]), {"SC", "ZL"})
        self.assertEqual((sc["fees"]["cost"], sc["fees"]["charged"]), ("1000.50", "0.00"))
        self.assertEqual(sc["quality"]["count"], 1)
        self.assertEqual((sc["sla"]["plan"]["met"], sc["sla"]["plan"]["breached"]), (0, 1))
        # ZL sent nobody: only T6 (unknown, routed to ZL, worked on there) is its.
        zl = self.json_report("--month", "2026-11", "--route", "ZL")
        self.assertEqual((zl["opened"], zl["closed"], zl["backlog"]), (1, 0, 1))
        self.assertEqual(zl["by_customer"], {"末日客户": 1})
        self.assertEqual(zl["quality"]["count"], 0)
        self.assertNotIn("plan", zl["sla"])
        # T4 is routed to XT only in December.
        xt = self.json_report("--month", "2026-12", "--route", "XT")
        self.assertEqual((xt["opened"], xt["closed"]), (0, 1))
        self.assertEqual(self.json_report("--month", "2026-11", "--route", "XT")["closed"], 0)

    def test_unknown_route_is_a_bad_command_line(self):
        self.assertFails(2, self.svc("report", "--month", "2026-11", "--route", "QQ"), "QQ")


class FormatTest(ReportTest):

    def test_text_has_every_section_with_the_figures(self):
        out = self.report("--month", "2026-11")
        self.assertEqual(out, self.report("--month", "2026-11", "--format", "text"))
        tables = text_tables(out)
        for title in ("summary", "opened by route", "most frequent customers", "time limits",
                      "satisfaction (R-4.5.1)", "fees of tickets closed (R-4.5.4)",
                      "quality problems (R-4.2.2, R-4.5.3)"):
            self.assertIn(title, tables)
        self.assertRegex(out, r"\n  opened +7\n")
        self.assertRegex(out, r"\n  closed +4\n")
        self.assertRegex(out, r"\n  response +4 +2 +1 +66\.7% +1h +2h40m\n")
        self.assertRegex(out, r"\n  YF +1 +1035\.00 +1449\.00 +1449\.00\n")
        self.assertRegex(out, r"\n  satisfaction rate +33\.3%\n")
        self.assertRegex(out, r"\n  attitude average \(1-5\) +2\.67\n")

    def test_text_columns_stay_aligned_with_chinese_text(self):
        tables = text_tables(self.report("--month", "2026-11"))
        checked = 0
        for title, lines in tables.items():
            header = cell_columns(lines[0])
            for line in lines[1:]:
                cols = cell_columns(line)
                # Every cell starts where a header column starts (an empty cell,
                # such as a department without a name, is simply skipped).
                self.assertTrue(set(cols) <= set(header), "{}: {!r} vs header {!r}".format(
                    title, line, lines[0]))
                if any(width(c) != len(c) for c in line):
                    checked += 1
        self.assertGreaterEqual(checked, 8)  # rows holding Chinese were checked
        customers = tables["most frequent customers"]
        counts = {width(l[:l.rstrip().rindex(" ") + 1]) for l in customers}
        self.assertEqual(len(counts), 1, customers)

    def test_md(self):
        out = self.report("--month", "2026-11", "--format", "md")
        self.assertTrue(out.startswith("# After-sales service report 2026-11\n"))
        self.assertIn("## time limits", out)
        self.assertIn("| opened | 7 |", out)
        self.assertIn('| {} | 1 |'.format(COMMA_QUOTE), out)
        self.assertIn("| ZL | 质量部 | 2 |", out)
        self.assertIn("| all | 3 | 2035.50 | 2849.70 | 1449.00 |", out)
        for block in out.split("\n\n"):
            lines = block.split("\n")
            if lines[0].startswith("|"):
                self.assertRegex(lines[1], r"^\|(---:?\|)+$")
                n = lines[0].count(" |")
                for line in lines[2:]:
                    self.assertEqual(line.count(" |"), n, line)

    def test_csv_parses_back(self):
        raw = self.svc("report", "--month", "2026-11", "--format", "csv")[1]
        self.assertFalse(raw.startswith("\ufeff"))
        self.assertTrue(raw.endswith("\r\n"))
        self.assertNotIn("\n", raw.replace("\r\n", ""))
        # RFC 4180: a field with a comma or a quote is quoted, quotes doubled.
        self.assertIn('"ACME, ""Power"" Ltd"', raw)
        rows = list(csv.reader(io.StringIO(raw, newline="")))
        self.assertEqual(rows[0][:4], ["section", "row", "column1", "column2"])
        by, headers = {}, {}
        for r in rows[1:]:
            if r[1] == "header":
                headers[r[0]] = r[2:]
            else:
                self.assertEqual(r[1], "data", r)
                by.setdefault(r[0], []).append(r[2:])
        self.assertEqual(headers["time limits"][:7],
                         ["clock", "met", "breached", "of which overdue at end", "success",
                          "median", "90th pct"])
        self.assertIn([COMMA_QUOTE, "1"], [r[:2] for r in by["most frequent customers"]])
        self.assertIn(["opened", "7"], [r[:2] for r in by["summary"]])
        self.assertIn(["closed", "4"], [r[:2] for r in by["summary"]])
        self.assertIn(["ZL", "质量部", "2"], [r[:3] for r in by["opened by route"]])
        self.assertIn(["response", "4", "2", "1", "66.7%", "1h", "2h40m"],
                      [r[:7] for r in by["time limits"]])
        self.assertIn(["all", "3", "2035.50", "2849.70", "1449.00"],
                      [r[:5] for r in by["fees of tickets closed (R-4.5.4)"]])

    # RFC 4180: the same number of fields on every line.
    def test_csv_every_row_has_the_header_width(self):
        raw = self.svc("report", "--month", "2026-11", "--format", "csv")[1]
        rows = list(csv.reader(io.StringIO(raw, newline="")))
        for r in rows:
            self.assertEqual(len(r), len(rows[0]), r)

    def test_csv_bom(self):
        rc, out, err = self.svc("report", "--month", "2026-11", "--format", "csv", "--bom")
        self.assertEqual(rc, 0, err)
        self.assertTrue(out.encode("utf-8").startswith(b"\xef\xbb\xbfsection,"))
        plain = self.svc("report", "--month", "2026-11", "--format", "csv")[1]
        self.assertEqual(out, "\ufeff" + plain)
        self.assertFails(2, self.svc("report", "--month", "2026-11", "--bom"), "--bom")

    def test_json_flag_is_the_json_format(self):
        out = self.ok("--json", "report", "--month", "2026-11", now=LATE)
        self.assertEqual(json.loads(out), self.json_report("--month", "2026-11"))

    def test_unknown_format_is_a_bad_command_line(self):
        self.assertFails(2, self.svc("report", "--month", "2026-11", "--format", "xlsx"),
                         "--format")


if __name__ == "__main__":
    unittest.main()
