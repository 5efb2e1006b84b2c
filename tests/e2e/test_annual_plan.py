"""svc annual-plan and svc open --annual-plan: the annual service plan
(年度服务计划, R-4.5.5; issue 17 item 5).

Every command and refusal on a fresh records directory; a refusal exits with
its exact status, says one line on stderr and leaves the records unchanged.
The clock annual-plan at moments before and after the end of an item's
month; svc check on a damaged plan file and on a ticket and plan that
disagree; a real-git merge of two clones planning offline keeps every item.
"""

import json
import os
import unittest

from svctest import SvcTestCase, read_text, write_text
from test_authority import STAFF
from test_git import GitCase, events_of


def D(text):
    """A moment of 2026 in the company's time zone: "01-05 09:00"."""
    day, hhmm = text.split(" ")
    if hhmm.count(":") == 1:
        hhmm += ":00"
    return "2026-{}T{}+08:00".format(day, hhmm)


class PlanCase(SvcTestCase):

    def act(self, *args, now=D("01-05 09:00"), **kwargs):
        rc, out, err = self.svc(*args, now=now, **kwargs)
        self.assertEqual(rc, 0, err)
        return out

    def add(self, *args, now=D("01-05 09:00")):
        rc, out, err = self.svc("annual-plan", "add", "2026", *args, now=now)
        self.assertEqual((rc, err), (0, ""), err)
        return out

    def plan_text(self):
        return read_text(self.path("plans", "2026.toml"))

    def setup_plan(self, approve=True):
        """Two customers, a unit; items 1 (K0001 S-1, March) and 2 (K0002, May);
        approved by the general manager at 01-06 09:00."""
        self.act("customer", "add", "国网杭州供电公司", now=D("01-02 09:00"))
        self.act("customer", "add", "华东电网检修公司", now=D("01-02 09:00"))
        self.act("equipment", "add", "--customer", "K0001", "--serial", "S-1", "--product",
                 "开关柜", now=D("01-02 09:00"))
        self.assertEqual(self.add("--customer", "K0001", "--month", "3", "--work", "technical",
                                  "--serial", "S-1", "--note", "年度巡检"), "1\n")
        self.assertEqual(self.add("--customer", "K0002", "--month", "5", "--work", "升级"), "2\n")
        if approve:
            rc, out, err = self.svc("annual-plan", "approve", "2026", "--as", "gm",
                                    now=D("01-06 09:00"), actor="张伟")
            self.assertEqual((rc, out, err), (0, "", "svc: annual plan 2026: 2 items approved\n"))

    def refused(self, rc_expected, args, *phrases, now=D("01-07 09:00"), actor="王芳"):
        before = self.snapshot()
        err = self.assertFails(rc_expected, self.svc(*args, now=now, actor=actor), *phrases)
        self.assertEqual(self.snapshot(), before)
        return err


class AnnualPlanTest(PlanCase):

    def test_add_prints_only_n_and_writes_the_file(self):
        self.setup_plan(approve=False)
        self.assertEqual(self.plan_text(),
                         '# 年度服务计划 Annual Service Plan (R-4.5.5)\nid = "2026"\n\n'
                         '[[event]]\nat = 2026-01-05T09:00:00+08:00\nactor = "王芳"\n'
                         'action = "item"\nn = 1\ncustomer = "K0001"\nserial = "S-1"\n'
                         'month = 3\nwork = "technical"\nnote = "年度巡检"\n\n'
                         '[[event]]\nat = 2026-01-05T09:00:00+08:00\nactor = "王芳"\n'
                         'action = "item"\nn = 2\ncustomer = "K0002"\nmonth = 5\n'
                         'work = "upgrade"\n')
        self.assertEqual(self.act("check"), "")
        with open(self.path(".gitattributes"), encoding="utf-8") as f:
            self.assertIn("plans/*.toml merge=svc\n", f.read())

    def test_show_items_and_their_state(self):
        self.setup_plan()
        tid = self.open("YX", "国网杭州供电公司", "--annual-plan", "2026:1", now=D("03-10 09:00"))
        shown = json.loads(self.act("annual-plan", "show", "2026", "--json",
                                    now=D("06-01 00:00:01")))
        items = shown["items"]
        self.assertEqual([(i["n"], i["customer"], i["serial"], i["month"], i["work"], i["state"])
                          for i in items],
                         [(1, "K0001", "S-1", 3, "technical", "served"),
                          (2, "K0002", None, 5, "upgrade", "approved")])
        self.assertEqual(items[0]["ticket"], tid)
        self.assertEqual([i["overdue"] for i in items], [False, True])
        self.assertEqual(items[1]["deadline"], "2026-06-01T00:00:00+08:00")
        text = self.act("annual-plan", "show", "2026", now=D("06-01 00:00:01"))
        self.assertIn("  1  03月  K0001  S-1  技术服务  served by {}  年度巡检\n".format(tid), text)
        self.assertIn("  2  05月  K0002  -  升级  approved, OVERDUE\n", text)

    def test_items_added_after_the_approval_wait_for_the_next(self):
        self.setup_plan()
        self.assertEqual(self.add("--customer", "K0001", "--month", "9", "--work", "repair",
                                  now=D("02-01 09:00")), "3\n")
        shown = json.loads(self.act("annual-plan", "show", "2026", "--json", now=D("02-01 10:00")))
        self.assertEqual([i["state"] for i in shown["items"]], ["approved", "approved", "planned"])
        self.refused(1, ["open", "--via", "YX", "--customer", "x", "--annual-plan", "2026:3"],
                     "item 2026:3 is not approved", now=D("02-02 09:00"))
        rc, out, err = self.svc("annual-plan", "approve", "2026", now=D("02-03 09:00"),
                                actor="张伟")
        self.assertEqual((rc, err), (0, "svc: annual plan 2026: 1 item approved\n"))

    def test_open_ties_the_ticket_and_the_plan_in_one_command(self):
        self.setup_plan()
        tid = self.open("YX", "国网杭州供电公司", "--annual-plan", "2026:1", now=D("03-10 09:00"))
        self.assertIn('annual_plan = "2026:1"\n', self.ticket_text(tid))
        shown = json.loads(self.act("show", tid, "--json", now=D("03-10 09:30")))
        self.assertEqual(shown["annual_plan"], "2026:1")
        self.assertIn("annual plan", self.act("show", tid, now=D("03-10 09:30")))
        served = events_of(self.plan_text())[-1]
        self.assertEqual(served["action"], "served")
        self.assertEqual(served["item"], 1)
        self.assertEqual(served["ticket"], tid)
        self.assertEqual(self.act("check", now=D("03-10 10:00")), "")

    def test_cancel(self):
        self.setup_plan()
        rc, out, err = self.svc("annual-plan", "cancel", "2026", "--item", "2", "--reason",
                                "客户停产", now=D("02-01 09:00"))
        self.assertEqual((rc, err), (0, "svc: annual plan 2026: item 2 cancelled\n"))
        shown = json.loads(self.act("annual-plan", "show", "2026", "--json", now=D("07-01 09:00")))
        self.assertEqual(shown["items"][1]["state"], "cancelled")
        self.assertFalse(shown["items"][1]["overdue"])
        self.refused(1, ["open", "--via", "YX", "--customer", "x", "--annual-plan", "2026:2"],
                     "item 2026:2 was cancelled", now=D("02-02 09:00"))

    # --- refusals ---------------------------------------------------------

    def test_refuses_unknown_customer(self):
        self.setup_plan()
        err = self.refused(1, ["annual-plan", "add", "2026", "--customer", "K0009", "--month", "4",
                               "--work", "repair"])
        self.assertEqual(err, "svc: no customer 'K0009' (see 'svc customer list')\n")

    def test_refuses_a_unit_of_another_customer(self):
        self.setup_plan()
        err = self.refused(1, ["annual-plan", "add", "2026", "--customer", "K0002", "--month", "4",
                               "--work", "repair", "--serial", "S-1"])
        self.assertEqual(err, "svc: the unit S-1 is K0001's (国网杭州供电公司), not K0002's\n")

    def test_refuses_an_unknown_unit(self):
        self.setup_plan()
        self.refused(1, ["annual-plan", "add", "2026", "--customer", "K0001", "--month", "4",
                         "--work", "repair", "--serial", "NONE"],
                     "no unit with the serial number 'NONE' is registered to K0001")

    def test_refuses_bad_month_work_and_year(self):
        self.setup_plan()
        base = ["annual-plan", "add", "2026", "--customer", "K0001"]
        self.refused(2, base + ["--month", "13", "--work", "repair"], "--month")
        self.refused(2, base + ["--month", "0", "--work", "repair"], "--month")
        self.refused(2, base + ["--month", "4", "--work", "paint"], "paint", "技术服务")
        self.refused(2, ["annual-plan", "add", "26", "--customer", "K0001", "--month", "4",
                         "--work", "repair"], "'26' is not a year")
        self.refused(2, base + ["--month", "4", "--work", "repair", "--note", "a\x1bb"], "U+001B")

    def test_refuses_approval_by_a_non_gm(self):
        self.setup_plan(approve=False)
        with open(self.path("svc.toml"), "a", encoding="utf-8") as f:
            f.write(STAFF)
        err = self.refused(1, ["annual-plan", "approve", "2026"], actor="王芳")
        self.assertEqual(err, "svc: 王芳 may not approve as gm: [[staff]] lists 王芳 as desk of "
                              "YX; the general manager is 张伟\n")
        self.refused(2, ["annual-plan", "approve", "2026", "--as", "head"], actor="刘强")
        rc, out, err = self.svc("annual-plan", "approve", "2026", "--as", "gm", actor="张伟",
                                now=D("01-07 09:00"))
        self.assertEqual(rc, 0, err)

    def test_refuses_approval_with_nothing_to_approve_and_of_no_plan(self):
        self.setup_plan()
        self.refused(1, ["annual-plan", "approve", "2026"],
                     "the annual plan for 2026 has no item awaiting approval", actor="张伟")
        err = self.refused(1, ["annual-plan", "approve", "2027"], actor="张伟")
        self.assertEqual(err, "svc: no annual plan for 2027 (see 'svc annual-plan add 2027')\n")
        self.refused(1, ["annual-plan", "show", "2027"], "no annual plan for 2027")

    def test_open_refuses_unknown_year_item_unapproved_and_served(self):
        self.setup_plan(approve=False)
        args = ["open", "--via", "YX", "--customer", "国网杭州供电公司", "--annual-plan"]
        self.refused(1, args + ["2026:1"], "item 2026:1 is not approved")
        self.svc("annual-plan", "approve", "2026", now=D("01-06 09:00"), actor="张伟")
        self.refused(1, args + ["2027:1"], "no annual plan for 2027")
        self.refused(1, args + ["2026:9"], "the annual plan for 2026 has no item 9")
        self.refused(2, args + ["2026-1"], "not a plan item")
        self.refused(2, args + ["2026:0"], "not a plan item")
        tid = self.open("YX", "国网杭州供电公司", "--annual-plan", "2026:1", now=D("03-10 09:00"))
        self.refused(1, args + ["2026:1"], "item 2026:1 was already served by " + tid,
                     now=D("03-11 09:00"))

    # --- the clock --------------------------------------------------------

    def overdue(self, now, *args):
        return self.svc("overdue", "--json", "--clock", "annual-plan", *args, now=now)

    def test_clock_before_and_after_the_end_of_the_month(self):
        self.setup_plan()
        rc, out, err = self.overdue(D("03-31 23:59:59"))
        self.assertEqual((rc, json.loads(out)), (0, []), err)
        # Within a warning window: due.
        rc, out, err = self.overdue(D("03-31 23:00"), "--warn", "2h")
        self.assertEqual((rc, [d["state"] for d in json.loads(out)]), (1, ["due"]), err)
        rc, out, err = self.overdue(D("04-01 00:00:01"))
        self.assertEqual(rc, 2, err)
        due = json.loads(out)
        self.assertEqual([(d["id"], d["clock"], d["state"], d["start"], d["deadline"],
                           d["customer"]) for d in due],
                         [("2026:1", "annual-plan", "overdue", "2026-01-06T09:00:00+08:00",
                           "2026-04-01T00:00:00+08:00", "K0001")])
        rc, out, err = self.svc("overdue", now=D("04-01 00:00:01"))
        self.assertEqual(rc, 2)
        lines = out.splitlines()
        self.assertTrue(lines[0].startswith("SVC CRITICAL"), lines[0])
        self.assertIn("1 overdue", lines[0])
        self.assertIn("2026:1", lines[1])
        self.assertIn("annual-plan", lines[1])
        # A ticket opened for it stops the clock.
        self.open("YX", "国网杭州供电公司", "--annual-plan", "2026:1", now=D("04-02 09:00"))
        rc, out, err = self.overdue(D("04-03 09:00"))
        self.assertEqual((rc, json.loads(out)), (0, []), err)
        # Item 2 (May) in its turn.
        rc, out, err = self.overdue(D("06-01 00:00:01"))
        self.assertEqual((rc, [d["id"] for d in json.loads(out)]), (2, ["2026:2"]), err)

    def test_no_clock_before_the_approval(self):
        self.setup_plan(approve=False)
        rc, out, err = self.overdue(D("12-31 09:00"))
        self.assertEqual((rc, json.loads(out)), (0, []), err)

    # --- check ------------------------------------------------------------

    def test_audit_covers_plan_files(self):
        import subprocess
        env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@x",
                   GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@x")

        def git(*args):
            subprocess.run(["git", *args], cwd=self.records, check=True, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        git("init", "-q")
        self.setup_plan()
        git("add", "-A")
        git("commit", "-q", "-m", "plan")
        path = self.path("plans", "2026.toml")
        write_text(path, read_text(path).replace("month = 5", "month = 4"))
        git("commit", "-q", "-am", "rewrite")
        rc, out, err = self.svc("audit")
        self.assertEqual(rc, 1, out + err)
        changed = [l for l in out.splitlines() if "event-changed" in l]
        self.assertEqual(len(changed), 1, out)
        self.assertIn("plans/2026.toml", changed[0])

    def test_a_crash_between_the_ticket_and_the_plan_is_completed(self):
        # What `svc open --annual-plan` leaves when killed after the ticket's
        # write: the ticket naming the item, the plan without `served`, the journal.
        self.setup_plan()
        plan_before = self.plan_text()
        tid = self.open("YX", "国网杭州供电公司", "--annual-plan", "2026:1", now=D("03-10 09:00"))
        plan_after = self.plan_text()
        write_text(self.path("plans", "2026.toml"), plan_before)
        os.makedirs(self.path(".svc"), exist_ok=True)
        write_text(self.path(".svc", "journal"),
                   "# svc's intent journal: the files a command holding .svc/lock is writing "
                   "(docs/FORMAT.md)\n"
                   "annual-plan {} 2026:1\nwrite tickets/2026/03/{}.toml\n".format(tid, tid))
        rc, out, err = self.svc("check", now=D("03-10 10:00"))
        self.assertEqual(rc, 1)  # the journal, and the disagreement
        self.assertIn("does not show it served by the ticket", out)
        rc, out, err = self.svc("annual-plan", "add", "2026", "--customer", "K0002", "--month",
                                "9", "--work", "repair", now=D("03-10 10:00"))
        self.assertEqual(rc, 0, err)
        self.assertIn("svc: recovered: annual plan 2026: item 1 served by " + tid, err)
        self.assertTrue(self.plan_text().startswith(plan_after), self.plan_text())
        self.assertEqual(self.act("check", now=D("03-10 11:00")), "")

    def test_check_finds_a_damaged_plan_file(self):
        self.setup_plan()
        path = self.path("plans", "2026.toml")
        write_text(path, read_text(path).replace("month = 5", "month = 15"))
        rc, out, err = self.svc("check", now=D("02-01 09:00"))
        self.assertEqual(rc, 1, out + err)
        self.assertIn("plans/2026.toml", out)
        self.assertIn("the month 15 is not 1 to 12", out)

    def test_check_finds_a_gap_and_an_unreadable_plan(self):
        self.setup_plan()
        path = self.path("plans", "2026.toml")
        write_text(path, read_text(path).replace("n = 2", "n = 3"))
        rc, out, err = self.svc("check", now=D("02-01 09:00"))
        self.assertEqual(rc, 1, out + err)
        self.assertIn("item 3 leaves a gap", out)
        write_text(path, "id = \n")
        rc, out, err = self.svc("check", now=D("02-01 09:00"))
        self.assertEqual(rc, 1, out + err)
        self.assertIn("plans/2026.toml:1", out)

    def test_check_finds_a_ticket_and_plan_that_disagree(self):
        self.setup_plan()
        tid = self.open("YX", "国网杭州供电公司", "--annual-plan", "2026:1", now=D("03-10 09:00"))
        other = self.open("YX", "华东电网检修公司", now=D("03-10 09:30"))
        # The ticket names item 2, which the plan does not show served by it.
        path = self.ticket_path(other)
        text = read_text(path)
        write_text(path, text.replace('received = ', 'annual_plan = "2026:2"\nreceived = ', 1)
                   if False else text.replace('\n\n[customer]', '\nannual_plan = "2026:2"\n\n'
                                              '[customer]', 1))
        rc, out, err = self.svc("check", now=D("03-11 09:00"))
        self.assertEqual(rc, 1, out + err)
        self.assertIn("names item 2026:2 of the annual plan, which does not show it served by "
                      "the ticket", out)
        # The plan says item 1 was served by a ticket that does not name it.
        write_text(path, text)
        tpath = self.ticket_path(tid)
        write_text(tpath, read_text(tpath).replace('annual_plan = "2026:1"\n', ''))
        rc, out, err = self.svc("check", now=D("03-11 09:00"))
        self.assertEqual(rc, 1, out + err)
        self.assertIn("item 2026:1 is served by {}, which does not name it".format(tid), out)


class AnnualPlanPrintTest(PlanCase):

    def print_form(self, fmt, now=D("06-01 09:00")):
        rc, out, err = self.svc("print", "--form", "annual-plan", "--year", "2026", "--format",
                                fmt, now=now)
        self.assertEqual((rc, err), (0, ""), err)
        return out

    def setUp(self):
        super().setUp()
        self.setup_plan()
        self.tid = self.open("YX", "国网杭州供电公司", "--annual-plan", "2026:1",
                             now=D("03-10 09:00"))

    def test_text(self):
        out = self.print_form("text")
        self.assertIn("2026 年度服务计划  Annual Service Plan  (R-4.5.5)\n", out)
        self.assertIn("1. 3月  技术服务  K0001 国网杭州供电公司\n", out)
        self.assertIn("设备 Unit: S-1 开关柜\n", out)
        self.assertIn("状态 State: 已完成 served " + self.tid, out)
        self.assertIn("2. 5月  升级  K0002 华东电网检修公司\n", out)
        self.assertIn("状态 State: 已批准 approved 逾期 OVERDUE\n", out)
        self.assertIn("批准 Approved: 总经理 张伟  2026-01-06 09:00", out)
        for line in out.split("\n"):
            self.assertLessEqual(len(line.encode("gbk")), 80, line)

    def test_md_and_html(self):
        md = self.print_form("md")
        self.assertTrue(md.startswith("# 2026 年度服务计划 Annual Service Plan\n"), md[:60])
        self.assertIn("| 1 | 3 | K0001 国网杭州供电公司 | S-1 开关柜 | 技术服务 | 年度巡检 |", md)
        html = self.print_form("html")
        self.assertTrue(html.startswith("<!DOCTYPE html>"))
        self.assertRegex(html, r"@page \{ size: A4; margin: [0-9]+mm [0-9]+mm \}")
        self.assertIn("<td>K0001 国网杭州供电公司</td>", html)
        self.assertTrue(html.rstrip().endswith("</html>"))

    def test_html_escapes_values(self):
        self.add("--customer", "K0001", "--month", "9", "--work", "repair", "--note",
                 "<b>x</b> & y", now=D("02-01 09:00"))
        html = self.print_form("html")
        self.assertIn("&lt;b&gt;x&lt;/b&gt; &amp; y", html)
        self.assertNotIn("<b>x</b>", html)

    def test_refusals(self):
        self.refused(2, ["print", "--form", "annual-plan"], "takes --year YYYY")
        self.refused(2, ["print", self.tid, "--form", "annual-plan", "--year", "2026"],
                     "takes --year YYYY and no ticket number")
        self.refused(2, ["print", self.tid, "--form", "info", "--year", "2026"],
                     "--year is for --form annual-plan")
        self.refused(1, ["print", "--form", "annual-plan", "--year", "2030"],
                     "no annual plan for 2030")

    @unittest.skipUnless(os.path.exists("/usr/bin/chromium"), "no /usr/bin/chromium")
    def test_html_renders_to_png(self):
        import subprocess
        html = os.path.join(self.tmp, "plan.html")
        png = os.path.join(self.tmp, "plan.png")
        write_text(html, self.print_form("html"))
        subprocess.run(["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                        "--screenshot=" + png, "--window-size=794,1123", "file://" + html],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
        with open(png, "rb") as f:
            self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")


class AnnualPlanMergeTest(GitCase):

    def test_two_clones_adding_items_offline_merge_keeping_every_item(self):
        w = self.world()
        d, e = w.start()
        w.ok(d, "customer", "add", "甲公司", now=D("01-02 09:00"))
        w.ok(d, "customer", "add", "乙公司", now=D("01-02 09:00"))
        self.assertEqual(w.ok(d, "annual-plan", "add", "2026", "--customer", "K0001", "--month",
                              "3", "--work", "technical", now=D("01-05 09:00")), "1")
        w.commit(d, "plan")
        w.push(d)
        w.git(e, "pull", "-q", "--ff-only", "origin", "main")
        # Offline, both give the next item the number 2.
        self.assertEqual(w.ok(d, "annual-plan", "add", "2026", "--customer", "K0001", "--month",
                              "6", "--work", "repair", now=D("01-06 10:00")), "2")
        w.commit(d, "desk")
        w.push(d)
        self.assertEqual(w.ok(e, "annual-plan", "add", "2026", "--customer", "K0002", "--month",
                              "7", "--work", "upgrade", now=D("01-06 09:00")), "2")
        self.assertEqual(w.ok(e, "annual-plan", "add", "2026", "--customer", "K0002", "--month",
                              "8", "--work", "technical", now=D("01-06 11:00")), "3")
        w.commit(e, "engineer")
        rc, out = w.pull(e)
        self.assertEqual(rc, 0, out)
        self.assertCheckClean(w, e)
        merged = read_text(os.path.join(e, "plans", "2026.toml"))
        self.assertEqual([ev.get("n") for ev in events_of(merged)], [1, 2, 2, 3])
        shown = json.loads(w.ok(e, "annual-plan", "show", "2026", "--json",
                                now=D("01-07 09:00")))
        self.assertEqual([(i["n"], i["customer"], i["month"]) for i in shown["items"]],
                         [(1, "K0001", 3), (2, "K0002", 7), (3, "K0001", 6), (4, "K0002", 8)])
        self.assertEqual(shown["items"][2]["given"], 2)
        # The next item is 5, the approval covers all four.
        self.assertEqual(w.ok(e, "annual-plan", "add", "2026", "--customer", "K0001", "--month",
                              "9", "--work", "repair", now=D("01-07 09:00")), "5")
        w.ok(e, "annual-plan", "approve", "2026", now=D("01-08 09:00"))
        shown = json.loads(w.ok(e, "annual-plan", "show", "2026", "--json",
                                now=D("01-08 10:00")))
        self.assertEqual({i["state"] for i in shown["items"]}, {"approved"})


if __name__ == "__main__":
    unittest.main()
