"""svc visit: customer visits and their reports (顾客走访, R-4.6 a; issue 17 item 4).

Every command and refusal on a fresh records directory; a refusal exits with
its exact status, says one line on stderr and leaves the records unchanged.
Clocks visit-report (10 days) and visit (a key customer, 12 months) at
moments before and after their deadlines, in `svc overdue` text and JSON and
its exit status. svc check finds a damaged visit file and a gap; a real-git
merge of two clones recording and reporting visits keeps everything.
"""

import json
import os
import tomllib
import unittest

from svctest import SvcTestCase, read_text, write_text
from test_git import GitCase, T, events_of


VISIT_AT = "2026-11-20T10:00:00+08:00"


class VisitCase(SvcTestCase):

    def act(self, *args, **kwargs):
        rc, out, err = self.svc(*args, **kwargs)
        self.assertEqual(rc, 0, err)
        return out

    def setup_customers(self):
        # K0001, a key customer opened 2026-01-05 with one unit; K0002 not key.
        self.act("customer", "add", "国网杭州供电公司", "--key", "--at", "2026-01-05T09:00")
        self.act("customer", "add", "华东电网检修公司")
        self.act("equipment", "add", "--customer", "K0001", "--serial", "KYN-0315",
                 "--product", "开关柜")

    def record(self, *extra, at=VISIT_AT, customer="K0001", **kwargs):
        rc, out, err = self.svc("visit", "record", "--customer", customer, "--at", at,
                                "--by", "张伟", *extra, **kwargs)
        self.assertEqual((rc, err), (0, ""), err)
        return out.strip()

    def visit_text(self, vid):
        yy, mm = vid.split("-")[1:3]
        return read_text(self.path("visits", "20" + yy, mm, vid + ".toml"))



class VisitTest(VisitCase):

    def test_record_prints_only_the_number_and_writes_the_file(self):
        self.setup_customers()
        rc, out, err = self.svc("visit", "record", "--customer", "K0001", "--at", VISIT_AT,
                                "--by", "张伟", "--by", "李强", "--findings", "开关柜运行正常",
                                "--requests", "明年安排预防性试验", "--serial", "KYN-0315")
        self.assertEqual((rc, out, err), (0, "BF-26-11-01\n", ""))
        self.assertEqual(self.visit_text("BF-26-11-01"),
                         '# 顾客走访记录 Customer Visit Record (R-4.6 a)\n'
                         'id = "BF-26-11-01"\nat = 2026-11-20T10:00:00+08:00\n'
                         'by = ["张伟", "李强"]\nfindings = "开关柜运行正常"\n'
                         'requests = "明年安排预防性试验"\nserials = ["KYN-0315"]\n\n'
                         '[customer]\ncode = "K0001"\nname = "国网杭州供电公司"\n\n'
                         '[[event]]\nat = 2026-11-20T10:00:00+08:00\n'
                         'recorded = 2026-11-29T10:00:00+08:00\nactor = "王芳"\n'
                         'action = "record"\n')
        # Numbers run by the month of the visit, in the company's zone.
        self.assertEqual(self.record(), "BF-26-11-02")
        self.assertEqual(self.record(at="2026-10-31T17:00:00Z"), "BF-26-11-03")
        self.assertEqual(self.record(at="2026-10-31T15:00:00Z"), "BF-26-10-01")
        self.assertEqual(self.act("check"), "")

    def test_the_code_comes_from_svc_toml(self):
        self.setup_customers()
        self.set_config('visit = "BF"', 'visit = "ZF"')
        self.assertEqual(self.record(), "ZF-26-11-01")
        self.assertTrue(os.path.exists(self.path("visits", "2026", "11", "ZF-26-11-01.toml")))

    def test_an_svc_toml_without_the_new_keys_keeps_working(self):
        self.setup_customers()
        path = self.path("svc.toml")
        text = read_text(path)
        text = "\n".join(l for l in text.split("\n")
                         if not l.startswith(("visit", "[numbers]", "receipt", "nonconformity",
                                              "advance", "writeoff", "training",
                                              "follow_up", "notify", "[rules]",
                                              "plan_before_dispatch")))
        write_text(path, text)
        self.assertEqual(self.record(), "BF-26-11-01")
        self.act("overdue")

    def test_customer_name_as_at_the_visit(self):
        self.setup_customers()
        self.act("customer", "edit", "K0001", "--name", "国网杭州供电分公司",
                 "--at", "2026-11-25T09:00")
        vid = self.record()
        self.assertEqual(tomllib.loads(self.visit_text(vid))["customer"]["name"],
                         "国网杭州供电公司")

    def test_report_show_and_list(self):
        self.setup_customers()
        first = self.record("--findings", "柜门锁损坏")
        second = self.record(at="2026-11-25T10:00:00+08:00", customer="K0002")
        rc, out, err = self.svc("visit", "report", first, "--text", "已更换柜门锁",
                                "--at", "2026-11-28T09:00")
        self.assertEqual((rc, out, err), (0, "", "svc: BF-26-11-01: visit report filed\n"))
        event = events_of(self.visit_text(first))[-1]
        self.assertEqual((event["action"], event["text"], event["actor"]),
                         ("report", "已更换柜门锁", "王芳"))
        shown = json.loads(self.act("visit", "show", first, "--json"))
        self.assertEqual((shown["id"], shown["customer_code"], shown["customer"], shown["at"],
                          shown["by"], shown["findings"], shown["reported"], shown["status"],
                          shown["report"]),
                         (first, "K0001", "国网杭州供电公司", VISIT_AT, ["张伟"], "柜门锁损坏",
                          "2026-11-28T09:00:00+08:00", "reported", "已更换柜门锁"))
        self.assertEqual([h["action"] for h in shown["history"]], ["record", "report"])
        text = self.act("visit", "show", first)
        self.assertTrue(text.startswith("BF-26-11-01  K0001  国网杭州供电公司\n"), text)
        self.assertIn("已更换柜门锁", text)
        listed = json.loads(self.act("visit", "list", "--json"))
        self.assertEqual([(v["id"], v["status"], v["reported"]) for v in listed],
                         [(second, "unreported", None),
                          (first, "reported", "2026-11-28T09:00:00+08:00")])
        for v in listed:
            for k in ("id", "customer_code", "customer", "at", "by", "reported", "status"):
                self.assertIn(k, v)
            self.assertNotIn("history", v)
        only = json.loads(self.act("visit", "list", "--customer", "K0002", "--json"))
        self.assertEqual([v["id"] for v in only], [second])
        lines = self.act("visit", "list").splitlines()
        self.assertEqual(len(lines), 2)
        self.assertTrue(lines[0].startswith(second + "  2026-11-25 10:00  K0002"), lines[0])
        self.assertIn("unreported (due 2026-12-05 10:00)", lines[0])
        # A report from a file; an amendment with its reason.
        report = os.path.join(self.tmp, "report.txt")
        write_text(report, "第一行\r\n第二行\r\n")
        self.act("visit", "report", second, "--file", report)
        self.assertEqual(json.loads(self.act("visit", "show", second, "--json"))["report"],
                         "第一行\n第二行")
        rc, out, err = self.svc("visit", "report", first, "--text", "更正", "--amend",
                                "--reason", "漏写")
        self.assertEqual((rc, out, err), (0, "", "svc: BF-26-11-01: visit report amended\n"))
        shown = json.loads(self.act("visit", "show", first, "--json"))
        self.assertEqual((shown["report"], shown["reported"], shown["amendments"]),
                         ("更正", "2026-11-28T09:00:00+08:00", 1))
        self.assertEqual(self.act("check"), "")

    def test_show_and_list_as_of_a_moment(self):
        self.setup_customers()
        vid = self.record(now="2026-11-20T12:00:00+08:00")
        self.act("visit", "report", vid, "--text", "报告", now="2026-11-28T09:00:00+08:00")
        shown = json.loads(self.act("visit", "show", vid, "--json",
                                    now="2026-11-27T09:00:00+08:00"))
        self.assertEqual((shown["status"], shown["reported"]), ("unreported", None))
        self.assertEqual(json.loads(self.act("visit", "list", "--json",
                                             now="2026-11-20T11:00:00+08:00")), [])
        self.assertFails(1, self.svc("visit", "show", vid, now="2026-11-20T11:00:00+08:00"),
                         "no visit")

    # --- refusals ---------------------------------------------------------

    def refused(self, rc_expected, args, *phrases, setup=None):
        if not os.path.exists(self.path("customers")):
            self.setup_customers()
            self.record()
        if setup:
            setup()
        before = self.snapshot()
        err = self.assertFails(rc_expected, self.svc(*args), *phrases)
        self.assertEqual(self.snapshot(), before)
        return err

    def test_refuses_unknown_customer_code(self):
        err = self.refused(1, ["visit", "record", "--customer", "K0009", "--at", VISIT_AT,
                               "--by", "张伟"])
        self.assertEqual(err, "svc: no customer 'K0009' (see 'svc customer list')\n")

    def test_refuses_a_name_instead_of_a_code(self):
        self.refused(1, ["visit", "record", "--customer", "国网", "--at", VISIT_AT,
                         "--by", "张伟"], "no customer '国网'")

    def test_refuses_a_serial_not_of_the_customer(self):
        err = self.refused(1, ["visit", "record", "--customer", "K0002", "--at", VISIT_AT,
                               "--by", "张伟", "--serial", "KYN-0315"])
        self.assertEqual(err, "svc: no unit with the serial number 'KYN-0315' is registered to "
                              "K0002 (see 'svc equipment list --customer K0002')\n")

    def test_refuses_missing_options(self):
        self.refused(2, ["visit", "record", "--customer", "K0001", "--by", "张伟"], "--at")
        self.refused(2, ["visit", "record", "--customer", "K0001", "--at", VISIT_AT], "--by")
        self.refused(2, ["visit", "record", "--at", VISIT_AT, "--by", "x"], "--customer")

    def test_refuses_a_visit_in_the_future(self):
        self.refused(2, ["visit", "record", "--customer", "K0001", "--at", "2026-12-01T10:00",
                         "--by", "张伟"], "later than now")

    def test_refuses_a_bad_time(self):
        self.refused(2, ["visit", "record", "--customer", "K0001", "--at", "yesterday",
                         "--by", "张伟"], "--at")

    def test_refuses_empty_by(self):
        self.refused(2, ["visit", "record", "--customer", "K0001", "--at", VISIT_AT,
                         "--by", " "], "by is empty")

    def test_refuses_control_characters(self):
        self.refused(2, ["visit", "record", "--customer", "K0001", "--at", VISIT_AT,
                         "--by", "张\x1b[31m伟"], "U+001B")
        self.refused(2, ["visit", "report", "BF-26-11-01", "--text", "a\x07b"], "U+0007")

    def test_refuses_report_of_unknown_visit(self):
        err = self.refused(1, ["visit", "report", "BF-26-11-09", "--text", "x"])
        self.assertEqual(err, "svc: no visit 'BF-26-11-09' (see 'svc visit list')\n")
        self.refused(1, ["visit", "report", "nonsense", "--text", "x"], "no visit 'nonsense'")
        self.refused(1, ["visit", "show", "BF-26-11-09"], "no visit 'BF-26-11-09'")

    def test_refuses_a_second_report(self):
        def report():
            self.act("visit", "report", "BF-26-11-01", "--text", "报告",
                     "--at", "2026-11-25T09:00")
        err = self.refused(1, ["visit", "report", "BF-26-11-01", "--text", "again"],
                           setup=report)
        self.assertEqual(err, "svc: BF-26-11-01: 'report' at 2026-11-29T10:00:00+08:00 is not "
                              "allowed: the report was already filed at "
                              "2026-11-25T09:00:00+08:00; correct it with --amend\n")

    def test_refuses_an_amendment_without_a_report_or_reason(self):
        self.refused(1, ["visit", "report", "BF-26-11-01", "--text", "x", "--amend",
                         "--reason", "r"], "there is no report to amend")
        self.refused(2, ["visit", "report", "BF-26-11-01", "--text", "x", "--amend"],
                     "reason is required")
        self.refused(2, ["visit", "report", "BF-26-11-01", "--text", "x", "--reason", "r"],
                     "--reason goes with --amend")

    def test_refuses_an_empty_report_and_a_report_before_the_visit(self):
        self.refused(2, ["visit", "report", "BF-26-11-01", "--text", "  "], "the report is empty")
        self.refused(2, ["visit", "report", "BF-26-11-01"], "the report is empty")
        self.refused(1, ["visit", "report", "BF-26-11-01", "--text", "x", "--at",
                         "2026-11-19T10:00"], "it comes before the visit")

    def test_refuses_list_of_unknown_customer(self):
        self.refused(1, ["visit", "list", "--customer", "K0042"], "no customer 'K0042'")

    # --- clocks -------------------------------------------------------------

    def overdue(self, now, *args):
        rc, out, err = self.svc("overdue", *args, now=now)
        return rc, out

    def test_visit_report_clock_before_and_after_10_days(self):
        self.setup_customers()
        vid = self.record()
        # Due 2026-11-30T10:00; K0001's visit clock runs to 2027-11-20.
        rc, out = self.overdue("2026-11-30T10:00:00+08:00")
        self.assertEqual(rc, 0, out)
        self.assertTrue(out.startswith("SVC OK - 0 overdue"), out)
        rc, out = self.overdue("2026-11-30T10:00:01+08:00")
        self.assertEqual(rc, 2, out)
        self.assertTrue(out.startswith("SVC CRITICAL - 1 overdue"), out)
        self.assertIn(vid, out)
        self.assertIn("visit-report", out)
        rc, out = self.overdue("2026-12-01T10:00:00+08:00", "--json")
        self.assertEqual(rc, 2)
        [due] = json.loads(out)
        self.assertEqual((due["id"], due["clock"], due["state"], due["deadline"], due["target"],
                          due["customer"]),
                         (vid, "visit-report", "overdue", "2026-11-30T10:00:00+08:00", "10d",
                          "国网杭州供电公司"))
        self.assertIsNone(due["route"])
        # Due within --warn: WARNING.
        rc, out = self.overdue("2026-11-29T10:00:00+08:00", "--warn", "2d")
        self.assertEqual(rc, 1, out)
        # Filed late: no longer overdue.
        self.act("visit", "report", vid, "--text", "报告", now="2026-12-02T09:00:00+08:00")
        rc, out = self.overdue("2026-12-02T10:00:00+08:00")
        self.assertEqual(rc, 0, out)
        # Another clock, a route or a level asked for: the visits have none.
        rc, out = self.overdue("2026-12-01T10:00:00+08:00", "--clock", "survey")
        self.assertEqual(rc, 0, out)

    def test_key_customer_visit_clock_before_and_after_12_months(self):
        self.setup_customers()
        # No visit: 12 months from the file's creation (2026-01-05T09:00).
        rc, out = self.overdue("2027-01-05T09:00:00+08:00", "--clock", "visit")
        self.assertEqual(rc, 0, out)
        rc, out = self.overdue("2027-01-05T09:01:00+08:00", "--clock", "visit", "--json")
        self.assertEqual(rc, 2, out)
        [due] = json.loads(out)
        self.assertEqual((due["id"], due["clock"], due["customer"], due["deadline"]),
                         ("K0001", "visit", "国网杭州供电公司", "2027-01-05T09:00:00+08:00"))
        # A visit restarts it: 12 months from the latest visit.
        self.record(at="2026-06-10T10:00:00+08:00")
        self.record(at="2026-03-10T10:00:00+08:00")
        rc, out = self.overdue("2027-06-10T10:00:00+08:00", "--clock", "visit")
        self.assertEqual(rc, 0, out)
        rc, out = self.overdue("2027-06-10T10:00:01+08:00", "--clock", "visit")
        self.assertEqual(rc, 2, out)
        self.assertIn("K0001", out)
        self.assertNotIn("K0002", out)  # not a key customer
        self.assertIn("| overdue=1 ", out)

    # --- check, audit, print ------------------------------------------------

    def test_check_finds_a_damaged_visit_file_and_a_gap(self):
        self.setup_customers()
        self.record()
        self.record()
        self.record()
        path = self.path("visits", "2026", "11", "BF-26-11-02.toml")
        write_text(path, read_text(path).replace('at = 2026', 'at = "2026', 1))
        os.remove(self.path("visits", "2026", "11", "BF-26-11-01.toml"))
        rc, out, err = self.svc("check")
        self.assertEqual(rc, 1, out + err)
        self.assertIn("visits/2026/11/BF-26-11-02.toml:3", out)
        self.assertIn("gap in the visit numbers for 2026-11: BF-26-11-01 is missing before", out)

    def test_check_finds_a_visit_to_a_customer_not_on_file(self):
        self.setup_customers()
        vid = self.record(customer="K0002")
        path = self.path("visits", "2026", "11", vid + ".toml")
        write_text(path, read_text(path).replace('code = "K0002"', 'code = "K0042"'))
        rc, out, err = self.svc("check")
        self.assertEqual(rc, 1, out + err)
        self.assertIn("visits/2026/11/{}.toml:7: the visit is to customer 'K0042', who has no "
                      "customer file".format(vid), out)

    def test_check_finds_a_report_that_does_not_replay(self):
        self.setup_customers()
        vid = self.record()
        self.act("visit", "report", vid, "--text", "报告")
        path = self.path("visits", "2026", "11", vid + ".toml")
        text = read_text(path)
        write_text(path, text + text[text.rindex("[[event]]") - 1:])
        rc, out, err = self.svc("check")
        self.assertEqual(rc, 1, out + err)
        self.assertIn("the report was already filed", out)
        # overdue names it and says UNKNOWN unless something is overdue.
        rc, out, err = self.svc("overdue")
        self.assertEqual(rc, 3, out + err)
        self.assertIn(vid, err)

    def test_print_the_visit_form_in_every_format(self):
        self.setup_customers()
        vid = self.record("--findings", "柜门锁损坏 <b>", "--requests", "预防性试验",
                          "--serial", "KYN-0315")
        for fmt in ("text", "md", "html"):
            out = self.act("print", vid, "--form", "visit", "--format", fmt)
            for label in ("顾客走访记录", "Customer Visit Record", "客户名称", "走访时间",
                          "走访人员", "走访发现", "顾客需求", "走访报告", vid,
                          "国网杭州供电公司", "K0001", "张伟", "KYN-0315", "预防性试验",
                          "2026-11-30 10:00"):
                self.assertIn(label, out, fmt)
            self.assertNotIn("{{", out)
            if fmt == "html":
                self.assertIn("柜门锁损坏 &lt;b&gt;", out)
                self.assertTrue(out.startswith("<!DOCTYPE html>"))
            if fmt == "text":
                self.assertIn("尚未报告", out)
        self.act("visit", "report", vid, "--text", "已处理", "--at", "2026-11-28T09:00")
        out = self.act("print", vid, "--form", "visit")
        self.assertIn("已处理", out)
        self.assertIn("2026-11-28 09:00 (按时 in time)", out)
        self.assertFails(1, self.svc("print", "BF-26-11-09", "--form", "visit"),
                         "no visit 'BF-26-11-09'")

    def test_audit_covers_visit_files(self):
        # svc audit judges every record folder: a hand-rewritten report is found.
        import subprocess
        env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@x",
                   GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@x")

        def git(*args):
            subprocess.run(["git", *args], cwd=self.records, check=True, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        git("init", "-q")
        self.setup_customers()
        vid = self.record()
        self.act("visit", "report", vid, "--text", "柜门锁已更换")
        git("add", "-A")
        git("commit", "-q", "-m", "visit")
        path = self.path("visits", "2026", "11", vid + ".toml")
        write_text(path, read_text(path).replace("柜门锁已更换", "柜门锁正常"))
        git("commit", "-q", "-am", "rewrite")
        rc, out, err = self.svc("audit")
        self.assertEqual(rc, 1, out + err)
        changed = [l for l in out.splitlines() if "event-changed" in l]
        self.assertEqual(len(changed), 1, out)
        self.assertIn("visits/2026/11/" + vid + ".toml", changed[0])

    def test_gitattributes_name_the_merge_driver_for_visits(self):
        self.assertIn("visits/**/*.toml merge=svc", read_text(self.path(".gitattributes")))


@unittest.skipUnless(os.path.exists("/usr/bin/chromium"), "no /usr/bin/chromium")
class VisitChromiumTest(VisitCase):

    def test_html_renders_to_png(self):
        import subprocess
        self.setup_customers()
        vid = self.record("--findings", "开关柜运行正常")
        html = os.path.join(self.tmp, "visit.html")
        png = os.path.join(self.tmp, "visit.png")
        write_text(html, self.act("print", vid, "--form", "visit", "--format", "html"))
        subprocess.run(["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                        "--screenshot=" + png, "--window-size=794,1123", "file://" + html],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
        with open(png, "rb") as f:
            self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")


class VisitMergeTest(GitCase):

    def test_two_clones_reporting_and_noting_one_visit_merge_keeping_both(self):
        w = self.world()
        d, e = w.start()
        w.ok(d, "customer", "add", "国网杭州供电公司", "--key", now=T("08:00"))
        vid = w.ok(d, "visit", "record", "--customer", "K0001", "--at", T("09:00"),
                   "--by", "张伟", now=T("09:05"))
        self.assertEqual(vid, "BF-26-11-01")
        w.commit(d, "visit")
        w.push(d)
        w.git(e, "pull", "-q", "--ff-only", "origin", "main")
        # The engineer reports the first visit while the desk records a second.
        w.ok(e, "visit", "report", vid, "--text", "报告", now=T("11:00"))
        w.commit(e, "report")
        w.ok(d, "visit", "record", "--customer", "K0001", "--at", T("10:00"), "--by", "李强",
             now=T("10:05"))
        w.commit(d, "second visit")
        w.push(d)
        rc, out = w.pull(e)
        self.assertEqual(rc, 0, out)
        self.assertCheckClean(w, e)
        shown = json.loads(w.ok(e, "visit", "list", "--json"))
        self.assertEqual([(v["id"], v["status"]) for v in shown],
                         [("BF-26-11-02", "unreported"), ("BF-26-11-01", "reported")])

    def test_two_clones_recording_one_number_offline_set_aside_and_renumbered(self):
        w = self.world()
        d, e = w.start()
        w.ok(d, "customer", "add", "国网杭州供电公司", now=T("08:00"))
        w.commit(d, "customer")
        w.push(d)
        w.git(e, "pull", "-q", "--ff-only", "origin", "main")
        self.assertEqual(w.ok(d, "visit", "record", "--customer", "K0001", "--at", T("09:00"),
                              "--by", "张伟", now=T("09:05")), "BF-26-11-01")
        w.commit(d, "desk")
        w.push(d)
        self.assertEqual(w.ok(e, "visit", "record", "--customer", "K0001", "--at", T("09:30"),
                              "--by", "李强", now=T("09:35")), "BF-26-11-01")
        w.commit(e, "laptop")
        rc, out = w.pull(e)
        self.assertNotEqual(rc, 0, out)
        self.assertIn("visit BF-26-11-01 was given to two different records in two clones; the "
                      "older", out)
        folder = os.path.join(e, "visits", "2026", "11")
        self.assertIn("张伟", read_text(os.path.join(folder, "BF-26-11-01.toml")))
        self.assertIn("李强", read_text(os.path.join(folder, "BF-26-11-01.dup.toml")))
        rc, rout, rerr = w.svc(e, "renumber", "BF-26-11-01", now=T("12:00"))
        self.assertEqual((rc, rout), (0, "BF-26-11-02\n"), rerr)
        self.assertEqual(sorted(os.listdir(folder)), ["BF-26-11-01.toml", "BF-26-11-02.toml"])
        self.assertIn("李强", read_text(os.path.join(folder, "BF-26-11-02.toml")))
        self.assertCheckClean(w, e)
        w.commit(e, "merge; renumbered")
        rc, aout, aerr = w.svc(e, "audit")
        self.assertEqual(rc, 0, aout + aerr)


if __name__ == "__main__":
    unittest.main()
