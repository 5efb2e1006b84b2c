"""svc report's fault analysis (R-3.1) and the desk's summaries (R-3.2):
issue 19 item 2.

`by_worked` counts each ticket for the departments whose engineers did the
work (its outbound records' departments; a ticket worked on remotely, its
route), so a quality ticket routed to the Quality dept and fixed by R&D's
engineers counts for YF; `--route CODE` selects by the same; `by_cause`
counts by the analysis's cause category (`analyze --cause-category`, a code
or name of svc.toml [causes]); `comments` lists the survey comments of the
period. Every figure is checked against tickets built here by hand.
"""

import json
import unittest

from svctest import SvcTestCase

LATE = "2026-12-31T12:00:00+08:00"

# name: (open args, actions)
# Q  quality/software, routed ZL, R&D's engineers sent; cause software; a comment.
# S  support/hardware, routed SC, SC's engineer sent; not analysed; surveyed, no comment.
# R  support/integration, routed XT, fixed remotely; a two-line comment.
# D  quality/hardware, routed ZL, sent to SC and then to YF; analysed, no category.
# U  never classified.
# L  support/hardware (SC), surveyed with a comment only in December.
TICKETS = {
    "Q": (["--received-at", "2026-11-02 09:00", "--at", "2026-11-02 09:00"], [
        ("classify", "--kind", "quality", "--category", "software", "--level", "3",
         "--at", "2026-11-02 09:30"),
        ("analyze", "--cause", "固件升级后通信中断", "--cause-category", "软件缺陷",
         "--responsibility", "ours", "--at", "2026-11-02 10:00"),
        ("plan", "--text", "升级补丁", "--at", "2026-11-02 10:30"),
        ("approve", "--as", "head", "--at", "2026-11-02 11:00"),
        ("dispatch", "--tech", "赵六", "--dept", "YF", "--at", "2026-11-02 12:00"),
        ("close", "--result", "completed", "--at", "2026-11-03 12:00"),
        ("survey", "--satisfaction", "satisfied", "--comment", "希望升级前电话通知",
         "--at", "2026-11-04 09:00"),
    ]),
    "S": (["--received-at", "2026-11-05 09:00", "--at", "2026-11-05 09:00"], [
        ("classify", "--kind", "support", "--category", "hardware", "--level", "3",
         "--service", "onsite-repair", "--at", "2026-11-05 09:30"),
        ("dispatch", "--tech", "张伟", "--at", "2026-11-05 10:00"),
        ("close", "--result", "completed", "--at", "2026-11-06 10:00"),
        ("survey", "--satisfaction", "satisfied", "--at", "2026-11-06 12:00"),
    ]),
    "R": (["--received-at", "2026-11-07 09:00", "--at", "2026-11-07 09:00"], [
        ("classify", "--kind", "support", "--category", "integration", "--level", "4",
         "--service", "info", "--at", "2026-11-07 09:30"),
        ("close", "--result", "completed", "--remote", "--at", "2026-11-07 11:00"),
        ("survey", "--satisfaction", "unsatisfied", "--comment", "响应太慢\n电话总占线",
         "--at", "2026-11-08 09:00"),
    ]),
    "D": (["--received-at", "2026-11-09 09:00", "--at", "2026-11-09 09:00"], [
        ("classify", "--kind", "quality", "--category", "hardware", "--level", "3",
         "--at", "2026-11-09 09:30"),
        ("analyze", "--cause", "待查", "--at", "2026-11-09 10:00"),
        ("plan", "--text", "现场检查", "--at", "2026-11-09 10:30"),
        ("approve", "--as", "head", "--at", "2026-11-09 11:00"),
        ("dispatch", "--tech", "张伟", "--dept", "SC", "--at", "2026-11-09 12:00"),
        ("dispatch", "--tech", "赵六", "--dept", "YF", "--at", "2026-11-10 12:00"),
    ]),
    "U": (["--received-at", "2026-11-11 09:00", "--at", "2026-11-11 09:00"], []),
    "L": (["--received-at", "2026-11-12 09:00", "--at", "2026-11-12 09:00"], [
        ("classify", "--kind", "support", "--category", "hardware", "--level", "4",
         "--service", "info", "--at", "2026-11-12 09:30"),
        ("close", "--result", "completed", "--remote", "--at", "2026-11-12 11:00"),
        ("survey", "--satisfaction", "satisfied", "--comment", "十二月的意见",
         "--at", "2026-12-02 09:00"),
    ]),
}


def table(out, title):
    """The lines of the text report's table `title` (up to the blank line)."""
    lines = out.splitlines()
    start = lines.index(title) + 1
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return lines[start:end]


class AnalysisCase(SvcTestCase):

    def setUp(self):
        super().setUp()
        self.ids = {}
        for name, (open_args, actions) in TICKETS.items():
            self.ids[name] = self.open("YX", "客户" + name, *open_args, now=LATE)
            for action in actions:
                rc, _, err = self.svc(action[0], self.ids[name], *action[1:], now=LATE)
                self.assertEqual(rc, 0, "{} {}: {}".format(name, action, err))

    def set_causes(self, block):
        """Replaces svc.toml's [causes] table (svc init writes the defaults)."""
        path = self.path("svc.toml")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        start = text.index("[causes]\n")
        end = text.index("\n\n", start)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text[:start] + block.rstrip("\n") + text[end:])

    def report(self, *args):
        return json.loads(self.ok("report", "--month", "2026-11", "--format", "json", *args,
                                  now=LATE))


class WorkedTest(AnalysisCase):

    def test_by_worked_counts_the_departments_whose_engineers_went(self):
        r = self.report()
        # Q: YF (not ZL, where it was routed); S: SC; R: XT (remote, its route);
        # D: SC and YF; U: unclassified; L: SC (remote, its route).
        self.assertEqual(r["by_worked"], {"YF": 2, "SC": 3, "XT": 1, "unclassified": 1})
        self.assertEqual(r["by_route"], {"ZL": 2, "SC": 2, "XT": 1, "unclassified": 1})
        self.assertEqual(r["opened"], 6)

    def test_route_selects_by_the_department_that_did_the_work(self):
        yf = self.report("--route", "YF")
        self.assertEqual(yf["route"], "YF")
        self.assertEqual(yf["opened"], 2)  # Q and D, both routed to ZL
        self.assertEqual(yf["by_route"], {"ZL": 2})
        self.assertEqual(yf["quality"]["count"], 2)
        self.assertEqual([c["ticket"] for c in yf["comments"]], [self.ids["Q"]])
        self.assertEqual(self.report("--route", "ZL")["opened"], 0)  # ZL sent nobody
        self.assertEqual(self.report("--route", "SC")["opened"], 3)  # S, D, L

    def test_text_report_names_the_departments(self):
        out = self.ok("report", "--month", "2026-11", now=LATE)
        rows = [l.split() for l in table(out, "opened by department that did the work (R-3.1)")]
        self.assertEqual(rows, [["department", "name", "tickets"], ["SC", "生产部", "3"],
                                ["XT", "系统集成部", "1"], ["YF", "研发部", "2"],
                                ["unclassified", "1"]])


class CauseTest(AnalysisCase):

    def test_by_cause(self):
        r = self.report()
        self.assertEqual(r["by_cause"], {"software": 1, "uncategorised": 1, "unanalysed": 4})
        out = self.ok("report", "--month", "2026-11", now=LATE)
        rows = [l.split() for l in table(out, "opened by cause category (R-3.1)")]
        self.assertEqual(rows, [["cause", "name", "tickets"], ["software", "软件缺陷", "1"],
                                ["unanalysed", "4"], ["uncategorised", "1"]])

    def test_analyze_stores_the_code_and_show_names_it(self):
        t = self.ticket_text(self.ids["Q"])
        self.assertIn('cause_category = "software"', t)
        self.assertNotIn("软件缺陷", t)
        shown = json.loads(self.ok("show", self.ids["Q"], "--json", now=LATE))
        self.assertEqual(shown["analysis"]["cause_category"], "software")
        shown = json.loads(self.ok("show", self.ids["D"], "--json", now=LATE))
        self.assertIsNone(shown["analysis"]["cause_category"])
        out = self.ok("show", self.ids["Q"], now=LATE)
        self.assertIn("software 软件缺陷", out)

    def test_an_unknown_category_is_refused_with_the_known_ones(self):
        before = self.snapshot()
        err = self.assertFails(2, self.svc("analyze", self.ids["D"], "--cause", "x",
                                           "--cause-category", "lightning", now=LATE),
                               "--cause-category: 'lightning' is no cause category of "
                               "svc.toml [causes]:", "component (元器件失效)", "wear (老化磨损)")
        self.assertNotIn("\n", err[:-1])
        self.assertEqual(self.snapshot(), before)

    def test_the_company_lists_its_own_causes(self):
        self.set_causes('[causes]\nlightning = "雷击"\nsoftware = "软件缺陷"\n')
        rc, _, err = self.svc("analyze", self.ids["D"], "--cause", "雷击损坏",
                              "--cause-category", "雷击", "--at", "2026-11-10 13:00", now=LATE)
        self.assertEqual(rc, 0, err)
        r = self.report()
        self.assertEqual(r["by_cause"], {"software": 1, "lightning": 1, "unanalysed": 4})
        self.assertFails(2, self.svc("analyze", self.ids["D"], "--cause", "x",
                                     "--cause-category", "design", now=LATE),
                         "lightning (雷击), software (软件缺陷)")

    def test_a_bad_causes_table_names_its_line(self):
        for block, message in (
                ('[causes]\nLightning = "雷击"', "[causes] code 'Lightning' must be lower-case "
                                                "letters, digits and '-'"),
                ('[causes]\nlightning = ""', "[causes] 'lightning' has an empty name"),
                ('[causes]\nlightning = 3', "[causes] 'lightning' must be the category's name "
                                           "in quotes"),
                ('[causes]\na = "雷击"\nb = "雷击"', "[causes] 'a' and 'b' have the same name '雷击'"),
                ("[causes]", "[causes] lists no cause category")):
            with self.subTest(block=block):
                self.set_causes(block)
                before = self.snapshot()
                err = self.assertFails(1, self.svc("report", "--month", "2026-11", now=LATE),
                                       message)
                self.assertRegex(err, r"svc\.toml:\d+: ")
                self.assertEqual(self.snapshot(), before)

    def test_cases_are_grouped_by_cause_category(self):
        lib = json.loads(self.ok("cases", "--json", now=LATE))
        groups = [(g["cause"], g["cause_name"], [c["number"] for c in g["cases"]])
                  for p in lib for g in p["groups"]]
        self.assertEqual(groups, [("software", "软件缺陷", [self.ids["Q"]])])  # D is open


class MinutesTest(AnalysisCase):

    def test_medians_are_shown_to_the_minute(self):
        tid = self.open("YX", "客户M", "--received-at", "2026-12-03 09:00", "--at",
                        "2026-12-03 09:00", now=LATE)
        rc, _, err = self.svc("classify", tid, "--kind", "support", "--category", "hardware",
                              "--level", "3", "--at", "2026-12-03T09:04:31+08:00", now=LATE)
        self.assertEqual(rc, 0, err)
        r = json.loads(self.ok("report", "--month", "2026-12", "--format", "json", now=LATE))
        self.assertEqual(r["sla"]["response"]["median_seconds"], 271)  # JSON keeps the seconds
        out = self.ok("report", "--month", "2026-12", now=LATE)
        row = next(l.split() for l in table(out, "time limits") if l.split()[0] == "response")
        self.assertEqual(row[-2:], ["5m", "5m"])  # 4m31s, half-up to the minute


class CommentsTest(AnalysisCase):

    def test_comments_of_the_period(self):
        r = self.report()
        self.assertEqual(r["comments"], [
            {"ticket": self.ids["Q"], "customer": "客户Q", "at": "2026-11-04T09:00:00+08:00",
             "satisfaction": "satisfied", "comment": "希望升级前电话通知"},
            {"ticket": self.ids["R"], "customer": "客户R", "at": "2026-11-08T09:00:00+08:00",
             "satisfaction": "unsatisfied", "comment": "响应太慢\n电话总占线"},
        ])
        dec = json.loads(self.ok("report", "--month", "2026-12", "--format", "json", now=LATE))
        self.assertEqual([c["ticket"] for c in dec["comments"]], [self.ids["L"]])

    def test_text_keeps_each_comment_on_one_line(self):
        out = self.ok("report", "--month", "2026-11", now=LATE)
        self.assertIn("survey comments (R-3.2)", out)
        row = next(l for l in out.splitlines() if self.ids["R"] in l and "响应太慢" in l)
        self.assertIn("响应太慢 电话总占线", row)
        self.assertIn("2026-11-08 09:00", row)

    def test_csv_has_the_comment_rows(self):
        out = self.ok("report", "--month", "2026-11", "--format", "csv", now=LATE)
        self.assertIn("survey comments (R-3.2),data,{},客户Q".format(self.ids["Q"]), out)


if __name__ == "__main__":
    unittest.main()
