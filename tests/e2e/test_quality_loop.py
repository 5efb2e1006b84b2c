"""The quality loop (issue 18, PRODUCT.md "Quality loop"): the plan reviewed
before dispatch, a major problem reported to the general manager and
endorsed by the customer, follow-ups of unsatisfied answers, complaints,
the application clock of every outbound record, warehousing receipts and
data projects' re-delivery."""

import json
import os
import subprocess
import unittest

from svctest import SVC, SvcTestCase, clean_env, read_text


class QualityLoopTest(SvcTestCase):

    def ok(self, *args, **kwargs):
        """Runs svc, asserts exit 0 and no failure on stderr; returns stdout.
        (An action confirms itself with one "svc: ID: …" line on stderr.)"""
        rc, out, err = self.svc(*args, **kwargs)
        self.assertEqual(rc, 0, "svc {} failed:\n{}".format(" ".join(args), err))
        self.assertNotIn("not allowed", err)
        return out

    def quality(self, *extra, at="2026-11-29 08:10"):
        t = self.open("YX", "华东电网", "--received-at", "2026-11-29 08:00", "--at", "2026-11-29 08:05")
        self.ok("classify", t, "--kind", "quality", "--category", "hardware", "--level", "2",
                "--at", at, *extra)
        return t

    def show(self, t, now=None):
        kw = {"now": now} if now else {}
        return json.loads(self.ok("show", t, "--json", **kw))

    def clock(self, t, name, now=None, record=None):
        found = [c for c in self.show(t, now)["clocks"] if c["name"] == name and
                 (record is None or c.get("record") == record)]
        self.assertEqual(len(found), 1, found)
        return found[0]

    # --- [rules] plan_before_dispatch --------------------------------------

    def test_quality_ticket_needs_an_approved_plan(self):
        t = self.quality()
        before = self.snapshot()
        err = self.assertFails(1, self.svc("dispatch", t, "--tech", "张伟"),
                               t + ": 'dispatch'", "it is a quality problem",
                               'plan_before_dispatch = "quality"', "no service plan yet",
                               "svc plan " + t)
        self.assertEqual(self.snapshot(), before)
        self.ok("plan", t, "--text", "更换主板", "--at", "2026-11-29 08:30")
        self.assertFails(1, self.svc("dispatch", t, "--tech", "张伟"),
                         "the plan recorded at 2026-11-29T08:30:00+08:00 by 王芳", "has not been approved",
                         "svc approve " + t)
        self.assertEqual(read_text(self.ticket_path(t)).count("action = \"dispatch\""), 0)
        self.ok("approve", t, "--as", "quality", "--at", "2026-11-29 08:40")
        self.assertEqual(self.ok("dispatch", t, "--tech", "张伟").strip(), "SC-26-11-01")
        del err

    def test_a_plan_after_the_approval_needs_approving_again(self):
        t = self.quality()
        self.ok("plan", t, "--text", "方案一", "--at", "2026-11-29 08:30")
        self.ok("approve", t, "--at", "2026-11-29 08:40")
        self.ok("plan", t, "--text", "方案二", "--at", "2026-11-29 08:50")
        self.assertFails(1, self.svc("dispatch", t, "--tech", "张伟"),
                         "the plan recorded at 2026-11-29T08:50:00+08:00", "has not been approved")

    def test_onsite_rule_and_major_rule(self):
        t = self.open()
        self.ok("classify", t, "--kind", "support", "--category", "hardware", "--level", "2",
                "--service", "onsite-repair")
        # "quality" (the default) lets a support ticket go without a plan ...
        self.set_config('plan_before_dispatch = "quality"', 'plan_before_dispatch = "onsite"')
        before = self.snapshot()
        self.assertFails(1, self.svc("dispatch", t, "--tech", "张伟"),
                         "it is an on-site service", 'plan_before_dispatch = "onsite"')
        self.assertEqual(self.snapshot(), before)
        self.set_config('plan_before_dispatch = "onsite"', 'plan_before_dispatch = "quality"')
        self.assertTrue(self.ok("dispatch", t, "--tech", "张伟").startswith("SC-"))
        # ... and "major" lets a quality ticket go without one.
        self.set_config('plan_before_dispatch = "quality"', 'plan_before_dispatch = "major"')
        q = self.quality()
        self.assertTrue(self.ok("dispatch", q, "--tech", "张伟").startswith("SC-"))

    def test_bad_rule_is_refused_with_the_line(self):
        self.set_config('plan_before_dispatch = "quality"', 'plan_before_dispatch = "always"')
        rc, out, err = self.svc("list")
        self.assertEqual(rc, 1)
        self.assertIn("svc.toml", err)
        self.assertIn('"quality", "onsite" or "major"', err)

    # --- major problems: the general manager told, the customer's endorsement --

    def test_major_problem_is_reported_to_the_general_manager(self):
        t = self.quality("--major", at="2026-11-29 09:50")
        # Due at once: svc overdue shows it without --warn (exit 1: due).
        rc, out, err = self.svc("overdue", "--json")
        self.assertEqual(rc, 1, err)
        rows = json.loads(out)
        self.assertEqual([(r["id"], r["clock"], r["state"]) for r in rows],
                         [(t, "notify", "due")])
        # Past 30 minutes it is overdue (exit 2).
        rc, out, err = self.svc("overdue", now="2026-11-29T10:21:00+08:00")
        self.assertEqual(rc, 2, out + err)
        self.assertIn("notify", out)
        self.ok("notify", t, "--to", "gm", "--comment", "电话报告", "--at", "2026-11-29 10:00")
        c = self.clock(t, "notify")
        self.assertEqual((c["state"], c["stop"]), ("met", "2026-11-29T10:00:00+08:00"))
        rc, out, err = self.svc("overdue")
        self.assertEqual(rc, 0, out + err)

    def test_general_managers_approval_also_tells_him(self):
        t = self.quality("--major", at="2026-11-29 09:00")
        self.ok("plan", t, "--text", "更换", "--at", "2026-11-29 09:10")
        self.ok("approve", t, "--as", "gm", "--at", "2026-11-29 09:20")
        c = self.clock(t, "notify")
        self.assertEqual(c["state"], "met")

    def test_major_dispatch_needs_gm_and_customer(self):
        t = self.quality("--major", at="2026-11-29 08:10")
        self.ok("plan", t, "--text", "更换整机", "--at", "2026-11-29 08:30")
        self.assertFails(1, self.svc("dispatch", t, "--tech", "张伟"),
                         "it is a major quality problem",
                         "neither the general manager's approval nor the customer's endorsement")
        self.ok("approve", t, "--as", "gm", "--at", "2026-11-29 08:40")
        before = self.snapshot()
        self.assertFails(1, self.svc("dispatch", t, "--tech", "张伟"),
                         "the customer has not endorsed the corrective action",
                         "--as customer --by NAME")
        self.assertEqual(self.snapshot(), before)
        # --by is required with --as customer, and only with it.
        self.assertFails(2, self.svc("approve", t, "--as", "customer"), "--by NAME")
        self.assertFails(2, self.svc("approve", t, "--as", "gm", "--by", "王工"), "--by")
        self.assertEqual(self.snapshot(), before)
        self.ok("approve", t, "--as", "customer", "--by", "王工", "--at", "2026-11-29 08:50")
        v = self.show(t)
        self.assertEqual(v["approvals"][-1]["role"], "customer")
        self.assertEqual(v["approvals"][-1]["by"], "王工")
        self.assertTrue(v["plan"]["customer_endorsed"])
        # The customer's endorsement is no review: a plan with only that is not approved.
        self.assertTrue(self.ok("dispatch", t, "--tech", "张伟").startswith("SC-"))
        text = self.ok("show", t)
        self.assertIn("endorsed", text)
        self.assertIn("customer: 王工", text)

    def test_customer_endorsement_is_not_a_review(self):
        t = self.quality()
        self.ok("plan", t, "--text", "更换", "--at", "2026-11-29 08:30")
        self.ok("approve", t, "--as", "customer", "--by", "王工", "--at", "2026-11-29 08:40")
        self.assertFalse(self.show(t)["plan"]["approved"])
        self.assertFails(1, self.svc("dispatch", t, "--tech", "张伟"), "has not been approved")

    def test_notify_refuses_bad_values(self):
        t = self.quality()
        before = self.snapshot()
        self.assertFails(2, self.svc("notify", t, "--to", "boss"), "--to")
        self.assertFails(2, self.svc("notify", t, "--to", "customer"), "customer")
        self.assertFails(1, self.svc("notify", "YX-26-11-09", "--to", "gm"), "YX-26-11-09")
        self.assertEqual(self.snapshot(), before)

    # --- follow-ups and complaints ------------------------------------------

    def closed(self, remote=False):
        t = self.open("YX", "华东电网", "--received-at", "2026-11-28 08:00", "--at", "2026-11-28 08:05")
        self.ok("classify", t, "--kind", "support", "--category", "software", "--level", "3",
                "--at", "2026-11-28 08:20")
        args = ["close", t, "--result", "completed", "--at", "2026-11-28 12:00"]
        if remote:
            args.append("--remote")
        self.ok(*args)
        return t

    def test_unsatisfied_survey_starts_follow_up(self):
        t = self.closed()
        before = self.snapshot()
        self.assertFails(1, self.svc("follow-up", t, "--action", "回访"),
                         "nothing to follow up")
        self.assertEqual(self.snapshot(), before)
        self.ok("survey", t, "--satisfaction", "unsatisfied", "--at", "2026-11-28 15:00")
        c = self.clock(t, "follow-up")
        self.assertEqual((c["state"], c["start"], c["deadline"]),
                         ("running", "2026-11-28T15:00:00+08:00", "2026-11-29T15:00:00+08:00"))
        rc, out, err = self.svc("overdue", "--json", now="2026-11-29T16:00:00+08:00")
        self.assertEqual(rc, 2)
        self.assertIn(("follow-up", t), [(r["clock"], r["id"]) for r in json.loads(out)])
        self.assertFails(2, self.svc("follow-up", t), "--action")
        self.assertFails(2, self.svc("follow-up", t, "--action", " "), "--action")
        self.ok("follow-up", t, "--action", "质量部回访，约定更换", "--at", "2026-11-29 09:00")
        c = self.clock(t, "follow-up")
        self.assertEqual((c["state"], c["stop"]), ("met", "2026-11-29T09:00:00+08:00"))
        v = self.show(t)
        self.assertEqual(v["follow_ups"][0]["action"], "质量部回访，约定更换")
        self.assertIn("followed up", self.ok("show", t))

    def test_unresolved_verification_starts_follow_up_and_reopen_stops_it(self):
        t = self.closed(remote=True)
        self.ok("verify", t, "--result", "unresolved", "--at", "2026-11-28 14:00")
        self.assertEqual(self.clock(t, "follow-up")["state"], "running")
        self.ok("reopen", t, "--reason", "故障仍在", "--at", "2026-11-28 16:00")
        c = self.clock(t, "follow-up")
        self.assertEqual((c["state"], c["stop"]), ("met", "2026-11-28T16:00:00+08:00"))

    def test_late_follow_up_is_breached_and_counted(self):
        t = self.closed()
        self.ok("survey", t, "--satisfaction", "very-unsatisfied", "--at", "2026-11-28 13:00")
        self.ok("follow-up", t, "--action", "回访", "--at", "2026-11-29 14:00",
                now="2026-11-30T10:00:00+08:00")
        self.assertEqual(self.clock(t, "follow-up", now="2026-11-30T10:00:00+08:00")["state"],
                         "breached")
        r = json.loads(self.ok("report", "--month", "2026-11", "--json",
                               now="2026-11-30T10:00:00+08:00"))
        self.assertEqual(r["follow_ups"], {"started": 1, "in_time": 0, "late": 1, "pending": 0})
        self.assertEqual(r["sla"]["follow-up"]["breached"], 1)

    def test_satisfied_survey_starts_nothing(self):
        t = self.closed()
        self.ok("survey", t, "--satisfaction", "satisfied", "--at", "2026-11-28 13:00")
        self.assertNotIn("follow-up", [c["name"] for c in self.show(t)["clocks"]])

    def test_complaint(self):
        t = self.open("YX", "华东电网", "--complaint")
        u = self.open()
        self.assertTrue(self.show(t)["complaint"])
        self.assertFalse(self.show(u)["complaint"])
        self.assertIn("complaint = true", self.ticket_text(t))
        self.assertIn("complaint", self.ok("show", t))
        r = json.loads(self.ok("report", "--month", "2026-11", "--json"))
        self.assertEqual(r["complaints"], 1)
        text = self.ok("report", "--month", "2026-11")
        self.assertIn("complaints received", text)

    # --- the application clock of every outbound record --------------------

    def test_paid_dispatch_has_its_application_clock(self):
        t = self.open("YX", "华东电网", "--received-at", "2026-11-28 08:00", "--at", "2026-11-28 08:05")
        self.ok("classify", t, "--kind", "support", "--category", "hardware", "--level", "3",
                "--service", "paid", "--at", "2026-11-28 08:10")
        self.ok("quote", t, "--people", "1", "--days", "1", "--at", "2026-11-28 08:30")
        self.ok("quote", t, "--accept", "--at", "2026-11-28 09:00")
        # A paid visit, once accepted, waits for its application.
        c = self.clock(t, "application")
        self.assertEqual((c["state"], c["start"], c["record"]),
                         ("overdue", "2026-11-28T09:00:00+08:00", None))
        n = self.ok("dispatch", t, "--tech", "张伟", "--at", "2026-11-28 12:00").strip()
        c = self.clock(t, "application")
        self.assertEqual((c["state"], c["record"], c["start"], c["stop"]),
                         ("breached", n, "2026-11-28T09:00:00+08:00",
                          "2026-11-28T12:00:00+08:00"))

    def test_each_record_has_its_application_clock(self):
        t = self.open("YX", "华东电网", "--received-at", "2026-11-28 08:00", "--at", "2026-11-28 08:05")
        self.ok("classify", t, "--kind", "support", "--category", "hardware", "--level", "3",
                "--at", "2026-11-28 08:10")
        a = self.ok("dispatch", t, "--tech", "张伟", "--at", "2026-11-28 09:00").strip()
        self.ok("dispatch", t, "--arrive", "--at", "2026-11-28 11:00")
        self.ok("dispatch", t, "--finish", "--at", "2026-11-28 12:00")
        self.ok("dispatch", t, "--back", "--at", "2026-11-28 15:00")
        b = self.ok("dispatch", t, "--tech", "李强", "--at", "2026-11-28 18:00").strip()
        clocks = [c for c in self.show(t)["clocks"] if c["name"] == "application"]
        self.assertEqual([(c["record"], c["start"], c["state"]) for c in clocks],
                         [(a, "2026-11-28T08:10:00+08:00", "met"),
                          (b, "2026-11-28T15:00:00+08:00", "breached")])

    # --- warehousing receipts and data projects -------------------------------

    def back_with(self, category="hardware", parts=("继电器:1:returned",), day="28"):
        t = self.open("YX", "华东电网", "--received-at", "2026-11-%s 08:00" % day, "--at", "2026-11-%s 08:05" % day)
        self.ok("classify", t, "--kind", "support", "--category", category, "--level", "3",
                "--at", "2026-11-%s 08:10" % day)
        self.ok("dispatch", t, "--tech", "张伟", "--at", "2026-11-%s 08:20" % day)
        self.ok("dispatch", t, "--arrive", "--at", "2026-11-%s 09:00" % day)
        self.ok("dispatch", t, "--finish", "--at", "2026-11-%s 10:00" % day)
        args = ["dispatch", t, "--back", "--at", "2026-11-%s 12:00" % day]
        for p in parts:
            args += ["--part", p]
        self.ok(*args)
        return t

    def test_warehouse_prints_continuous_receipt_numbers(self):
        a = self.back_with()
        b = self.back_with()
        rc, out, err = self.svc("warehouse", a, "--at", "2026-11-28 13:00")
        self.assertEqual((rc, out), (0, "RK-26-11-01\n"), err)
        self.assertIn("under RK-26-11-01", err)
        rc, out, err = self.svc("warehouse", b, "--at", "2026-11-28 13:30")
        self.assertEqual((rc, out), (0, "RK-26-11-02\n"), err)
        entry = read_text(self.path("outbound", "2026", "11", "RK-26-11-01.toml"))
        self.assertTrue(entry.startswith("# 入库单"), entry)
        self.assertIn('ticket = "%s"' % a, entry)
        self.assertIn('receipt = "RK-26-11-01"', self.ticket_text(a))
        d = self.show(a)["dispatches"][0]
        self.assertEqual(d["receipt"], "RK-26-11-01")
        self.assertIn("receipt RK-26-11-01", self.ok("show", a))
        self.ok("check")
        # A second booking of the same record is refused; nothing is taken.
        before = self.snapshot()
        self.assertFails(1, self.svc("warehouse", a), "SC-26-11-01 was already marked booked into store")
        self.assertEqual(self.snapshot(), before)

    def test_receipts_restart_each_month(self):
        a = self.back_with()
        rc, out, err = self.svc("warehouse", a, "--at", "2026-11-28 13:00")
        self.assertEqual(out, "RK-26-11-01\n", err)
        b = self.back_with(day="27")
        rc, out, err = self.svc("warehouse", b, "--at", "2026-12-01 09:00",
                                now="2026-12-01T10:00:00+08:00")
        self.assertEqual(out, "RK-26-12-01\n", err)
        self.ok("check", now="2026-12-01T10:00:00+08:00")

    def test_concurrent_bookings_get_different_receipts(self):
        tickets = [self.back_with() for _ in range(4)]
        procs = [subprocess.Popen([SVC, "-R", self.records, "--now", "2026-11-29T10:00:00+08:00",
                                   "--actor", "王芳", "warehouse", t],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=clean_env())
                 for t in tickets]
        outs = []
        for p in procs:
            out, err = p.communicate(timeout=60)
            self.assertEqual(p.returncode, 0, err)
            outs.append(out.decode().strip())
        self.assertEqual(sorted(outs), ["RK-26-11-0%d" % i for i in range(1, 5)])
        self.ok("check")

    def test_check_finds_a_missing_receipt_entry(self):
        a = self.back_with()
        self.ok("warehouse", a)
        os.remove(self.path("outbound", "2026", "11", "RK-26-11-01.toml"))
        rc, out, err = self.svc("check")
        self.assertEqual(rc, 1)
        self.assertIn("warehousing receipt RK-26-11-01 has no registry entry", out)

    def test_data_project_books_data_and_redelivers(self):
        t = self.back_with(category="data", parts=())
        c = self.clock(t, "warehousing")
        self.assertEqual((c["state"], c["deadline"]), ("overdue", "2026-11-29T04:00:00+08:00"))
        before = self.snapshot()
        self.assertFails(1, self.svc("warehouse", t), "brought back no parts", "--data TEXT")
        self.assertFails(1, self.svc("redeliver", t), "no data booked in to re-deliver")
        self.assertEqual(self.snapshot(), before)
        rc, out, err = self.svc("warehouse", t, "--data", "重新采集的测点数据 120 组",
                                "--at", "2026-11-28 20:00")
        self.assertEqual((rc, out), (0, "RK-26-11-01\n"), err)
        c = self.clock(t, "warehousing")
        self.assertEqual(c["state"], "met")
        self.ok("redeliver", t, "--text", "复核后发送客户", "--at", "2026-11-29 09:00")
        d = self.show(t)["dispatches"][0]
        self.assertEqual(d["data"], "重新采集的测点数据 120 组")
        self.assertEqual(d["redelivered"]["at"], "2026-11-29T09:00:00+08:00")
        self.assertEqual(d["redelivery"], "复核后发送客户")
        before = self.snapshot()
        self.assertFails(1, self.svc("redeliver", t), "already re-delivered")
        self.assertEqual(self.snapshot(), before)
        self.ok("check")

    def test_hardware_record_without_parts_has_no_warehousing_clock(self):
        t = self.back_with(parts=())
        self.assertNotIn("warehousing", [c["name"] for c in self.show(t)["clocks"]])


if __name__ == "__main__":
    unittest.main()
