"""The service workflow end to end (issue 3, R-4.2 to R-4.5): every path of
the procedure through the real binary - remote fix, on-site repair with
returned parts, a major quality problem waiting for the general manager, a
second visit, a voided ticket - checking stdout, the one stderr line, exit
statuses, the ticket file (actions only add lines), the outbound registry,
`svc show --json` and a clean `svc check` after every flow."""

import concurrent.futures
import json
import os
import tomllib
import unittest

from svctest import ACTOR, SvcTestCase, read_text, run


def T(hhmm, day=29, month=11):
    """2026-MM-DDTHH:MM:00+08:00."""
    return "2026-{:02}-{:02}T{}:00+08:00".format(month, day, hhmm)


# After every action the tests record.
LATER = "2026-12-31T00:00:00+08:00"


def is_subsequence(old_lines, new_lines):
    it = iter(new_lines)
    return all(any(line == n for n in it) for line in old_lines)


class WorkflowCase(SvcTestCase):
    """Helpers for actions, which say what they did in one line on stderr."""

    def act(self, *args, said=None, prints="", **kwargs):
        """Runs an action; asserts exit 0, `prints` on stdout (nothing, but a
        booking into store prints its receipt's number), one stderr line
        (equal to 'svc: SAID' when said is given), and that the ticket named
        by the first argument after the command only gained lines."""
        ticket = args[1] if len(args) > 1 and not args[1].startswith("-") else None
        before = self.ticket_text(ticket) if ticket else None
        rc, out, err = self.svc(*args, **kwargs)
        self.assertEqual(rc, 0, "svc {} failed:\n{}".format(" ".join(args), err))
        self.assertEqual(out, prints)
        self.assertOneLine(err)
        if said is not None:
            self.assertEqual(err, "svc: {}\n".format(said))
        if ticket:
            self.assertOnlyAdded(before, self.ticket_text(ticket))
        return err

    def dispatch(self, ticket, *args, **kwargs):
        """Files an outbound record; asserts it prints only its number."""
        before = self.ticket_text(ticket)
        rc, out, err = self.svc("dispatch", ticket, *args, **kwargs)
        self.assertEqual((rc, err), (0, ""), err)
        self.assertRegex(out, r"^[A-Z][A-Z0-9]*-\d\d-\d\d-\d\d\n$")
        number = out.strip()
        self.assertOnlyAdded(before, self.ticket_text(ticket))
        self.assertEqual(self.registry(number),
                         '# 外出服务记录表 Outbound Service Record (R-4.4.3), filed under the '
                         'ticket below\nrecord = "{}"\nticket = "{}"\n'.format(number, ticket))
        return number

    def refused(self, rc_expected, *args, message=None, phrases=(), **kwargs):
        """Runs a command that must fail: the exit status, nothing on stdout,
        one stderr line ('svc: MESSAGE' when given), and no file changed,
        created or removed anywhere in the records directory."""
        before = self.snapshot()
        err = self.assertFails(rc_expected, self.svc(*args, **kwargs), *phrases)
        if message is not None:
            self.assertEqual(err, "svc: {}\n".format(message))
        self.assertEqual(self.snapshot(), before, "svc {} changed files".format(" ".join(args)))
        return err

    def assertOnlyAdded(self, old, new):
        """Every line of the old file is still there, in order; lines were added."""
        old_lines, new_lines = old.split("\n"), new.split("\n")
        self.assertGreater(len(new_lines), len(old_lines))
        self.assertTrue(is_subsequence(old_lines, new_lines),
                        "lines were changed or removed:\n--- before\n{}\n--- after\n{}".format(old, new))

    def registry(self, number):
        code, yy, mm, _ = number.split("-")
        return read_text(self.path("outbound", "20" + yy, mm, number + ".toml"))

    def registry_files(self):
        base = self.path("outbound")
        out = []
        for dirpath, _, names in os.walk(base):
            out += [os.path.relpath(os.path.join(dirpath, n), self.records) for n in names]
        return sorted(out)

    def show(self, ticket, now=LATER):
        """`svc show --json`, judged after every step of the tests (show folds as of --now)."""
        rc, out, err = self.svc("show", ticket, "--json", now=now)
        self.assertEqual(rc, 0, err)
        return json.loads(out)

    def events(self, ticket):
        return tomllib.loads(self.ticket_text(ticket))["event"]

    def assertCheckClean(self):
        # As of LATER: every step the test recorded (check judges as of --now).
        rc, out, err = self.svc("check", now=LATER)
        self.assertEqual(rc, 0, out + err)
        self.assertEqual(out, "")

    def open_ticket(self, received="09:00", at="09:05", **kwargs):
        return self.open("YX", "华东电网检修公司", "--received-at", T(received), now=T(at), **kwargs)


class RemoteFixTest(WorkflowCase):
    """R-4.4.1: no site visit - handled by phone, closed --remote, verified."""

    def test_remote_fix(self):
        t = self.open_ticket()
        self.assertEqual(t, "YX-26-11-01")
        self.act("classify", t, "--kind", "support", "--category", "software", "--level", "4",
                 "--service", "info", now=T("09:10"), said=t + ": classified; routed to YF")
        self.act("close", t, "--result", "completed", "--remote", "--resolution", "电话指导重启服务",
                 now=T("09:30"), said=t + ": closed (completed)")
        self.act("verify", t, "--comment", "客户确认已恢复", now=T("11:00"),
                 said=t + ": remote result verified with the customer")
        self.refused(1, "verify", t, now=T("11:05"),
                     message=t + ": 'verify' at 2026-11-29T11:05:00+08:00 is not allowed: it was "
                     "already verified at 2026-11-29T11:00:00+08:00")
        self.act("survey", t, "--satisfaction", "satisfied", "--attitude", "5", now=T("12:00"),
                 said=t + ": survey recorded")

        d = self.show(t)
        self.assertEqual((d["id"], d["status"], d["kind"], d["category"], d["level"], d["route"]),
                         (t, "closed", "support", "software", 4, "YF"))
        self.assertEqual(d["dispatches"], [])
        self.assertEqual(d["close"]["result"], "completed")
        self.assertIs(d["close"]["remote"], True)
        self.assertEqual(d["close"]["resolution"], "电话指导重启服务")
        self.assertEqual(d["close"]["at"], T("09:30"))
        self.assertEqual(d["verification"]["result"], "resolved")
        self.assertEqual(d["verification"]["comment"], "客户确认已恢复")
        self.assertEqual(d["survey"]["satisfaction"], "satisfied")
        self.assertEqual(d["survey"]["attitude"], 5)
        self.assertEqual([e["action"] for e in self.events(t)],
                         ["open", "classify", "close", "verify", "survey"])
        self.assertTrue(self.ticket_text(t).endswith(
            '\n[[event]]\nat = 2026-11-29T12:00:00+08:00\nactor = "王芳"\naction = "survey"\n'
            'satisfaction = "satisfied"\nattitude = 5\n'))
        self.assertFalse(os.path.exists(self.path("outbound")))
        self.assertCheckClean()

    def test_verify_needs_a_remote_close(self):
        t = self.open_ticket()
        self.act("classify", t, "--kind", "support", "--category", "software", "--level", "3",
                 now=T("09:10"))
        self.refused(1, "verify", t, now=T("09:20"),
                     message=t + ": 'verify' at 2026-11-29T09:20:00+08:00 is not allowed: "
                     "the ticket is not closed; there is no result to verify")
        why = "the ticket was not closed --remote; there is no remote result to verify"
        self.act("close", t, "--result", "completed", now=T("09:30"))
        self.refused(1, "verify", t, now=T("09:40"),
                     message=t + ": 'verify' at 2026-11-29T09:40:00+08:00 is not allowed: " + why)
        self.refused(2, "verify", t, "--result", "maybe", now=T("09:40"))
        self.assertCheckClean()


class OnSiteRepairTest(WorkflowCase):
    """R-4.4.2 - R-4.5.3.1: a visit, parts used and brought back, the store, the survey."""

    def test_onsite_repair(self):
        t = self.open_ticket()
        self.act("classify", t, "--kind", "support", "--category", "hardware", "--level", "2",
                 "--service", "onsite-repair", now=T("09:10"), said=t + ": classified; routed to SC")
        n = self.dispatch(t, "--tech", "张伟", "--tech", "李强", "--complexity", "complex",
                          "--planned", "2026-11-29 14:00", now=T("09:30"))
        self.assertEqual(n, "SC-26-11-01")
        self.assertEqual(self.registry_files(), ["outbound/2026/11/SC-26-11-01.toml"])
        self.refused(1, "dispatch", t, "--finish", now=T("10:00"),
                     message=t + ": 'finish' at 2026-11-29T10:00:00+08:00 is not allowed: "
                     "SC-26-11-01 has not arrived on site yet")
        self.act("dispatch", t, "--arrive", now=T("13:50"), said=t + ": SC-26-11-01 arrived on site")
        self.refused(1, "dispatch", t, "--arrive", now=T("13:55"),
                     message=t + ": 'arrive' at 2026-11-29T13:55:00+08:00 is not allowed: "
                     "SC-26-11-01 was already marked arrived at 2026-11-29T13:50:00+08:00")
        self.refused(1, "close", t, "--result", "completed", now=T("14:00"),
                     message=t + ": 'close' at 2026-11-29T14:00:00+08:00 is not allowed: "
                     "SC-26-11-01 is still on site (arrived 2026-11-29T13:50:00+08:00, not "
                     "finished); finish it or close as incomplete")
        self.refused(1, "dispatch", t, "--back", now=T("14:00"),
                     message=t + ": 'back' at 2026-11-29T14:00:00+08:00 is not allowed: "
                     "SC-26-11-01 has not finished on site yet")
        self.act("dispatch", t, "--finish", "--work", "更换跳闸线圈", "--hours", "3.50",
                 "--part", "跳闸线圈:1:120:三包", "--part", "螺丝:4",
                 "--part", "继电器:2:35.5:customer", "--signed-by", "李工",
                 now=T("17:20"), said=t + ": SC-26-11-01 finished on site")
        self.refused(1, "survey", t, "--satisfaction", "满意", now=T("17:25"),
                     message=t + ": 'survey' at 2026-11-29T17:25:00+08:00 is not allowed: the "
                     "ticket is not closed yet; the survey follows closing (R-4.5.1)")
        self.act("close", t, "--result", "completed", "--resolution", "线圈更换后试运行正常",
                 now=T("17:30"), said=t + ": closed (completed)")
        self.refused(1, "warehouse", t, now=T("08:00", day=30),
                     message=t + ": 'warehouse' at 2026-11-30T08:00:00+08:00 is not allowed: "
                     "SC-26-11-01 is not back at HQ yet")
        self.act("dispatch", t, "--back", "--part", "跳闸线圈:1", "--part", "旧继电器:2:报废",
                 now=T("09:00", day=30), said=t + ": SC-26-11-01 back at HQ")
        self.act("warehouse", t, "--nonconformity", "线圈烧毁，开具不合格品报告处理单",
                 now=T("10:00", day=30), prints="RK-26-11-01\n",
                 said=t + ": SC-26-11-01 booked into store under RK-26-11-01")
        self.refused(1, "warehouse", t, now=T("10:05", day=30),
                     message=t + ": 'warehouse' at 2026-11-30T10:05:00+08:00 is not allowed: "
                     "SC-26-11-01 was already marked booked into store at 2026-11-30T10:00:00+08:00")
        self.act("survey", t, "--satisfaction", "满意", "--attitude", "很好", "--damage", "无",
                 "--cleanliness", "好", "--comment", "响应及时", now=T("10:30", day=30),
                 said=t + ": survey recorded")
        self.refused(1, "survey", t, "--satisfaction", "不满意", now=T("10:40", day=30),
                     message=t + ": 'survey' at 2026-11-30T10:40:00+08:00 is not allowed: the "
                     "survey was already recorded at 2026-11-30T10:30:00+08:00; correct it with "
                     "--amend")
        self.act("survey", t, "--satisfaction", "满意", "--attitude", "好", "--damage", "无",
                 "--cleanliness", "好", "--comment", "响应及时（更正态度评分）", "--amend",
                 "--reason", "客户回电更正态度评分",
                 now=T("10:45", day=30), said=t + ": survey amended")

        text = self.ticket_text(t)
        self.assertIn(
            '\naction = "dispatch"\nrecord = "SC-26-11-01"\ndept = "SC"\n'
            'techs = ["张伟", "李强"]\ncomplexity = "complex"\n'
            'planned = 2026-11-29T14:00:00+08:00\n', text)
        self.assertIn(
            '\naction = "finish"\nrecord = "SC-26-11-01"\nwork = "更换跳闸线圈"\nhours = "3.5"\n'
            'parts = [\n'
            '  { name = "跳闸线圈", qty = 1, unit = "120.00", supply = "warranty" },\n'
            '  { name = "螺丝", qty = 4, supply = "warranty" },\n'
            '  { name = "继电器", qty = 2, unit = "35.50", supply = "customer" },\n'
            ']\nsigned_by = "李工"\n', text)
        self.assertIn(
            '\naction = "back"\nrecord = "SC-26-11-01"\nparts = [\n'
            '  { name = "跳闸线圈", qty = 1, supply = "returned" },\n'
            '  { name = "旧继电器", qty = 2, supply = "scrapped" },\n]\n', text)
        self.assertIn('\naction = "survey"\nsatisfaction = "satisfied"\nattitude = 5\n'
                      'damage = "none"\ncleanliness = "good"\ncomment = "响应及时"\n', text)
        self.assertIn('comment = "响应及时（更正态度评分）"\namend = true\n'
                      'reason = "客户回电更正态度评分"\n', text)

        d = self.show(t)
        self.assertEqual((d["status"], d["route"], d["level"]), ("closed", "SC", 2))
        self.assertEqual(len(d["dispatches"]), 1)
        r = d["dispatches"][0]
        self.assertEqual((r["number"], r["dept"], r["techs"], r["complexity"], r["planned"]),
                         (n, "SC", ["张伟", "李强"], "complex", T("14:00")))
        self.assertEqual(r["filed"]["at"], T("09:30"))
        self.assertEqual(r["arrived"]["at"], T("13:50"))
        self.assertEqual(r["finished"]["at"], T("17:20"))
        self.assertEqual(r["back"]["at"], T("09:00", day=30))
        self.assertEqual(r["warehoused"]["at"], T("10:00", day=30))
        self.assertEqual((r["work"], r["hours"], r["signed_by"]), ("更换跳闸线圈", "3.5", "李工"))
        self.assertEqual([(p["name"], p["qty"], p["unit"], p["supply"]) for p in r["parts"]],
                         [("跳闸线圈", 1, "120.00", "warranty"), ("螺丝", 4, None, "warranty"),
                          ("继电器", 2, "35.50", "customer")])
        self.assertEqual([(p["name"], p["qty"], p["supply"]) for p in r["returned"]],
                         [("跳闸线圈", 1, "returned"), ("旧继电器", 2, "scrapped")])
        self.assertEqual(r["nonconformity"], "线圈烧毁，开具不合格品报告处理单")
        self.assertEqual(d["close"]["result"], "completed")
        self.assertIs(d["close"]["remote"], False)
        self.assertIsNone(d["verification"])
        s = d["survey"]
        self.assertEqual((s["satisfaction"], s["attitude"], s["damage"], s["cleanliness"]),
                         ("satisfied", 4, "none", "good"))
        self.assertEqual(s["amendments"], 1)
        self.assertCheckClean()

    def test_warehouse_needs_returned_parts(self):
        t = self.open_ticket()
        self.act("classify", t, "--kind", "support", "--category", "hardware", "--level", "3",
                 "--service", "onsite-repair", now=T("09:10"))
        self.dispatch(t, "--tech", "张伟", now=T("09:20"))
        self.act("dispatch", t, "--arrive", now=T("10:00"))
        self.act("dispatch", t, "--finish", "--hours", "1", now=T("11:00"))
        self.act("dispatch", t, "--back", now=T("13:00"))
        self.refused(1, "warehouse", t, now=T("14:00"),
                     message=t + ": 'warehouse' at 2026-11-29T14:00:00+08:00 is not allowed: "
                     "SC-26-11-01 brought back no parts to book into store (a data project books "
                     "its data: --data TEXT, R-4.5.3.2)")
        self.act("close", t, "--result", "completed", now=T("15:00"))
        self.assertCheckClean()

    def test_close_incomplete_while_on_site(self):
        t = self.open_ticket()
        self.act("classify", t, "--kind", "support", "--category", "data", "--level", "2",
                 "--service", "onsite-support", now=T("09:10"), said=t + ": classified; routed to SJ")
        self.assertEqual(self.dispatch(t, "--tech", "周敏", now=T("09:20")), "SJ-26-11-01")
        self.act("dispatch", t, "--arrive", now=T("12:00"))
        self.act("close", t, "--result", "incomplete", "--resolution", "客户现场停电，无法继续",
                 now=T("13:00"), said=t + ": closed (incomplete)")
        closed = ("ticket was closed at 2026-11-29T13:00:00+08:00; reopen it first "
                  "(svc reopen {} --reason TEXT)".format(t))
        self.refused(1, "dispatch", t, "--tech", "周敏", now=T("13:30"),
                     message=t + ": 'dispatch' at 2026-11-29T13:30:00+08:00 is not allowed: the "
                     + closed)
        self.refused(1, "close", t, "--result", "completed", now=T("13:40"),
                     message=t + ": 'close' at 2026-11-29T13:40:00+08:00 is not allowed: the "
                     + closed)
        self.refused(1, "classify", t, "--kind", "support", "--category", "data", "--level", "2",
                     now=T("13:50"),
                     message=t + ": 'classify' at 2026-11-29T13:50:00+08:00 is not allowed: the "
                     + closed)
        # The engineers still on site cannot finish on a closed ticket: the
        # desk reopens it, they finish, come back, and it is closed again.
        self.refused(1, "dispatch", t, "--finish", now=T("14:00"),
                     message=t + ": 'finish' at 2026-11-29T14:00:00+08:00 is not allowed: the "
                     + closed)
        self.act("reopen", t, "--reason", "现场恢复供电，继续处理", now=T("14:05"),
                 said=t + ": reopened")
        self.act("dispatch", t, "--finish", now=T("14:30"))
        self.act("close", t, "--result", "completed", now=T("15:00"))
        self.act("dispatch", t, "--back", "--part", "采集卡:1", now=T("18:00"))
        self.act("warehouse", t, now=T("19:00"), prints="RK-26-11-01\n")
        d = self.show(t)
        self.assertEqual((d["status"], d["reopened"], d["close"]["result"]),
                         ("closed", 1, "completed"))
        self.assertEqual(d["reopens"][0]["close"]["result"], "incomplete")
        self.assertCheckClean()


class QualityProblemTest(WorkflowCase):
    """R-4.2.2: the Quality dept's analysis, the plan, the general manager's approval."""

    PLAN = "1. 隔离故障批次继电器\n2. 现场更换并做耐压试验\n3. 48 小时跟踪运行\n"

    def test_major_quality_problem(self):
        t = self.open_ticket()
        self.act("classify", t, "--kind", "quality", "--category", "hardware", "--level", "1",
                 "--major", now=T("09:10"), said=t + ": classified; routed to ZL")
        self.act("analyze", t, "--cause", "继电器批次缺陷", "--measures", "临时隔离",
                 "--responsibility", "supplier", "--corrective", "加严来料检验", now=T("10:30"),
                 said=t + ": cause analysis recorded")
        self.act("plan", t, "--file", "-", input=self.PLAN, now=T("12:00"),
                 said=t + ": plan recorded")
        self.assertIn('action = "plan"\ntext = """\n1. 隔离故障批次继电器\n2. 现场更换并做耐压试验\n'
                      '3. 48 小时跟踪运行"""\n', self.ticket_text(t))

        def need_gm(plan):
            return ("is not allowed: it is a major quality problem and [rules] "
                    "plan_before_dispatch = \"quality\": the plan recorded at {} by {} has "
                    "neither the general manager's approval nor the customer's endorsement "
                    "(R-4.2.2, R-4.3.3; svc approve {} --as gm, and svc approve {} --as customer "
                    "--by NAME)".format(T(plan), ACTOR, t, t))
        self.refused(1, "dispatch", t, "--tech", "张伟", now=T("12:10"),
                     message="{}: 'dispatch' at {} {}".format(t, T("12:10"), need_gm("12:00")))
        self.assertFalse(os.path.exists(self.path("outbound")))
        self.act("approve", t, "--as", "head", "--comment", "方案可行", now=T("12:20"),
                 said=t + ": plan approved")
        self.refused(1, "dispatch", t, "--tech", "张伟", now=T("12:30"),
                     message="{}: 'dispatch' at {} {}".format(t, T("12:30"), need_gm("12:00")))
        self.assertFalse(os.path.exists(self.path("outbound")))
        self.act("approve", t, "--as", "gm", "--comment", "同意", now=T("13:00"), actor="张建国",
                 said=t + ": plan approved")
        # the customer endorses the corrective action too.
        self.refused(1, "dispatch", t, "--tech", "张伟", now=T("13:02"),
                     message="{}: 'dispatch' at {} is not allowed: it is a major quality problem "
                     "and [rules] plan_before_dispatch = \"quality\": the customer has not "
                     "endorsed the corrective action of the plan recorded at {} by {} (R-4.3.3; "
                     "svc approve {} --as customer --by NAME)".format(t, T("13:02"), T("12:00"),
                                                                      ACTOR, t))
        self.act("approve", t, "--as", "customer", "--by", "王工", now=T("13:05"),
                 said=t + ": corrective action endorsed by the customer (王工)")
        # The engineers who go are the category's (hardware: SC), not the Quality dept's.
        self.assertEqual(self.dispatch(t, "--tech", "张伟", now=T("13:10")), "SC-26-11-01")

        # A new plan needs a new approval before the next visit.
        self.act("plan", t, "--text", "补充：更换全部同批次继电器", now=T("15:00"))
        self.refused(1, "dispatch", t, "--tech", "李强", now=T("15:10"),
                     message="{}: 'dispatch' at {} {}".format(t, T("15:10"), need_gm("15:00")))
        self.assertEqual(self.registry_files(), ["outbound/2026/11/SC-26-11-01.toml"])
        self.act("approve", t, "--as", "gm", now=T("15:20"), actor="张建国")
        self.act("approve", t, "--as", "customer", "--by", "王工", now=T("15:25"))
        self.assertEqual(self.dispatch(t, "--tech", "李强", now=T("15:30")), "SC-26-11-02")

        d = self.show(t)
        self.assertEqual((d["kind"], d["category"], d["level"], d["route"], d["major"]),
                         ("quality", "hardware", 1, "ZL", True))
        a = d["analysis"]
        self.assertEqual((a["cause"], a["measures"], a["responsibility"], a["corrective"]),
                         ("继电器批次缺陷", "临时隔离", "supplier", "加严来料检验"))
        self.assertEqual(d["plan"]["text"], "补充：更换全部同批次继电器")
        self.assertEqual([(x["role"], x["actor"]) for x in d["approvals"]],
                         [("head", ACTOR), ("gm", "张建国"), ("customer", ACTOR), ("gm", "张建国"),
                          ("customer", ACTOR)])
        self.assertEqual([(r["number"], r["dept"]) for r in d["dispatches"]],
                         [("SC-26-11-01", "SC"), ("SC-26-11-02", "SC")])
        self.assertCheckClean()

    def test_the_general_manager_from_the_staff_list(self):
        with open(self.path("svc.toml"), "a", encoding="utf-8") as f:
            f.write('\n[[staff]]\nname = "张建国"\nrole = "gm"\n')
        t = self.open_ticket()
        self.act("classify", t, "--kind", "quality", "--category", "software", "--level", "2",
                 "--major", now=T("09:10"))
        self.act("plan", t, "--text", "-", input="远程升级固件\n", now=T("09:20"))
        self.act("approve", t, now=T("09:30"), actor="张建国")
        self.act("approve", t, "--as", "customer", "--by", "王工", now=T("09:35"))
        self.assertEqual(self.dispatch(t, "--tech", "赵六", now=T("09:40")), "YF-26-11-01")
        self.assertIn('action = "approve"\nrole = "gm"\n', self.ticket_text(t))
        self.assertCheckClean()

    def test_the_order_of_the_quality_path(self):
        t = self.open_ticket()
        not_classified = "the ticket has not been classified yet (svc classify {})".format(t)
        self.refused(1, "analyze", t, "--cause", "x", now=T("09:06"),
                     message="{}: 'analyze' at {} is not allowed: {}".format(t, T("09:06"), not_classified))
        self.refused(1, "plan", t, "--text", "x", now=T("09:06"),
                     message="{}: 'plan' at {} is not allowed: {}".format(t, T("09:06"), not_classified))
        self.act("classify", t, "--kind", "quality", "--category", "unknown", "--level", "3",
                 now=T("09:10"), said=t + ": classified; routed to ZL")
        self.refused(1, "approve", t, "--as", "gm", now=T("09:20"),
                     message="{}: 'approve' at {} is not allowed: there is no plan to approve "
                     "(svc plan {})".format(t, T("09:20"), t))
        self.refused(2, "plan", t, "--text", "", now=T("09:20"),
                     message="the plan is empty: give --text or --file")
        self.refused(2, "analyze", t, "--cause", "x", "--responsibility", "nobody", now=T("09:20"))
        self.refused(2, "approve", t, "--as", "boss", now=T("09:20"))
        # Not major: [rules] plan_before_dispatch = "quality" asks for a plan
        # approved by anyone who reviews; unknown routes the visit to ZL itself.
        self.refused(1, "dispatch", t, "--tech", "张伟", now=T("09:25"),
                     message="{}: 'dispatch' at {} is not allowed: it is a quality problem and "
                     "[rules] plan_before_dispatch = \"quality\": it has no service plan yet; "
                     "the plan is recorded and approved before dispatch (R-4.2.2, R-4.4.1; svc "
                     "plan {} --text TEXT, then svc approve {})".format(t, T("09:25"), t, t))
        self.act("plan", t, "--text", "现场排查", now=T("09:26"))
        self.act("approve", t, "--as", "quality", now=T("09:27"))
        self.assertEqual(self.dispatch(t, "--tech", "张伟", now=T("09:30")), "ZL-26-11-01")
        self.assertCheckClean()


class SecondVisitTest(WorkflowCase):
    """A ticket may have several outbound records; --record picks one."""

    def test_second_visit(self):
        a = self.open_ticket()
        b = self.open_ticket(received="09:01", at="09:06")
        self.act("classify", a, "--kind", "support", "--category", "hardware", "--level", "2",
                 "--service", "onsite-repair", now=T("09:10"))
        self.act("classify", b, "--kind", "support", "--category", "hardware", "--level", "3",
                 now=T("09:11"))
        self.assertEqual(self.dispatch(a, "--tech", "张伟", now=T("09:20")), "SC-26-11-01")
        self.assertEqual(self.dispatch(b, "--tech", "李强", now=T("09:25")), "SC-26-11-02")
        self.act("dispatch", a, "--arrive", now=T("11:00"), said=a + ": SC-26-11-01 arrived on site")
        self.act("dispatch", a, "--finish", "--work", "临时处理", now=T("12:00"))
        self.assertEqual(self.dispatch(a, "--tech", "张伟", "--tech", "王工", now=T("13:00")),
                         "SC-26-11-03")
        # The latest record by default, an earlier one with --record.
        self.act("dispatch", a, "--arrive", now=T("15:00"), said=a + ": SC-26-11-03 arrived on site")
        self.act("dispatch", a, "--back", "--record", "SC-26-11-01", "--part", "旧继电器:1",
                 now=T("15:30"), said=a + ": SC-26-11-01 back at HQ")
        self.refused(1, "dispatch", a, "--finish", "--record", "SC-26-11-02", now=T("15:40"),
                     message=a + ": 'finish' at 2026-11-29T15:40:00+08:00 is not allowed: the "
                     "ticket has no outbound record SC-26-11-02")
        self.refused(1, "dispatch", a, "--arrive", "--record", "SC-26-11-09", now=T("15:40"),
                     message=a + ": 'arrive' at 2026-11-29T15:40:00+08:00 is not allowed: the "
                     "ticket has no outbound record SC-26-11-09")
        self.refused(1, "close", a, "--result", "completed", now=T("16:00"),
                     message=a + ": 'close' at 2026-11-29T16:00:00+08:00 is not allowed: "
                     "SC-26-11-03 is still on site (arrived 2026-11-29T15:00:00+08:00, not "
                     "finished); finish it or close as incomplete")
        self.act("dispatch", a, "--finish", "--record", "SC-26-11-03", "--work", "彻底修复",
                 now=T("17:00"), said=a + ": SC-26-11-03 finished on site")
        self.act("warehouse", a, "--record", "SC-26-11-01", now=T("17:10"), prints="RK-26-11-01\n")
        self.act("close", a, "--result", "completed", now=T("17:30"))

        d = self.show(a)
        self.assertEqual([r["number"] for r in d["dispatches"]], ["SC-26-11-01", "SC-26-11-03"])
        first, second = d["dispatches"]
        self.assertEqual(first["work"], "临时处理")
        self.assertEqual(first["back"]["at"], T("15:30"))
        self.assertEqual(first["warehoused"]["at"], T("17:10"))
        self.assertEqual(second["techs"], ["张伟", "王工"])
        self.assertEqual(second["work"], "彻底修复")
        self.assertIsNone(second["back"])
        self.assertEqual([r["number"] for r in self.show(b)["dispatches"]], ["SC-26-11-02"])
        # The warehousing receipt (入库单) takes its number from the same registry.
        self.assertEqual(self.registry_files(), [
            "outbound/2026/11/RK-26-11-01.toml", "outbound/2026/11/SC-26-11-01.toml",
            "outbound/2026/11/SC-26-11-02.toml", "outbound/2026/11/SC-26-11-03.toml"])
        self.assertIn('ticket = "{}"'.format(b), self.registry("SC-26-11-02"))
        self.assertCheckClean()

    def test_outbound_numbers_by_department_and_month_of_filing(self):
        a = self.open_ticket()
        self.act("classify", a, "--kind", "support", "--category", "integration", "--level", "2",
                 now=T("09:10"), said=a + ": classified; routed to XT")
        self.assertEqual(self.dispatch(a, "--tech", "甲", now=T("09:20")), "XT-26-11-01")
        self.assertEqual(self.dispatch(a, "--tech", "乙", "--dept", "HY", now=T("09:30")),
                         "HY-26-11-01")
        self.assertEqual(self.dispatch(a, "--tech", "丙", now=T("09:00", day=1, month=12)),
                         "XT-26-12-01")
        # Filed on 2 December for the evening of 30 November: November's next.
        self.assertEqual(self.dispatch(a, "--tech", "丁", "--at", "2026-11-30 22:00",
                                       now=T("09:00", day=2, month=12)), "XT-26-11-02")
        self.refused(2, "dispatch", a, "--tech", "戊", "--dept", "QQ", now=T("10:00", day=2, month=12),
                     message="--dept: 'QQ' is no department code in svc.toml")
        self.assertEqual(self.registry_files(), [
            "outbound/2026/11/HY-26-11-01.toml", "outbound/2026/11/XT-26-11-01.toml",
            "outbound/2026/11/XT-26-11-02.toml", "outbound/2026/12/XT-26-12-01.toml"])
        self.assertCheckClean()


class VoidTest(WorkflowCase):
    """R-4.5.2: a voided ticket keeps its number; only notes follow."""

    def test_void(self):
        a = self.open_ticket()
        self.act("classify", a, "--kind", "support", "--category", "hardware", "--level", "2",
                 now=T("09:10"))
        self.assertEqual(self.dispatch(a, "--tech", "张伟", now=T("09:20")), "SC-26-11-01")
        self.act("void", a, "--reason", "客户重复报修，合并到下一单", now=T("09:30"),
                 said=a + ": voided (its number stays taken)")
        # The number stays taken: the next form gets the next one.
        self.assertEqual(self.open_ticket(received="09:40", at="09:40"), "YX-26-11-02")
        voided = "the ticket was voided at 2026-11-29T09:30:00+08:00"
        refusals = [
            ("classify", a, "--kind", "support", "--category", "hardware", "--level", "2"),
            ("analyze", a, "--cause", "x"),
            ("plan", a, "--text", "x"),
            ("dispatch", a, "--tech", "李强"),
            ("dispatch", a, "--arrive"),
            ("close", a, "--result", "incomplete"),
            ("close", a, "--result", "completed", "--remote"),
            ("survey", a, "--satisfaction", "满意"),
            ("void", a, "--reason", "再次作废"),
        ]
        for args in refusals:
            with self.subTest(args=args):
                self.refused(1, *args, now=T("10:00"),
                             message="{}: '{}' at {} is not allowed: {}".format(
                                 a, args[0] if "--arrive" not in args else "arrive", T("10:00"), voided))
        self.act("note", a, "客户来电确认作废", now=T("10:10"), said=a + ": note added")

        d = self.show(a)
        self.assertEqual(d["status"], "void")
        self.assertEqual(d["voided"]["at"], T("09:30"))
        self.assertEqual(d["void_reason"], "客户重复报修，合并到下一单")
        self.assertEqual([r["number"] for r in d["dispatches"]], ["SC-26-11-01"])
        self.assertEqual(self.events(a)[-1]["action"], "note")
        # The voided ticket's record keeps its number too.
        b = "YX-26-11-02"
        self.act("classify", b, "--kind", "support", "--category", "hardware", "--level", "2",
                 now=T("10:20"))
        self.assertEqual(self.dispatch(b, "--tech", "张伟", now=T("10:30")), "SC-26-11-02")
        self.assertCheckClean()
        rc, out, err = self.svc("list", "--status", "void")
        self.assertEqual(rc, 0, err)
        self.assertIn(a, out)
        self.assertNotIn(b, out)

    # On a voided ticket every refusal names the void (not "not classified" or
    # "no outbound record", advice that would itself be refused).
    def test_every_refusal_of_a_voided_ticket_names_the_void(self):
        a = self.open_ticket()
        self.act("void", a, "--reason", "误开", now=T("09:30"))
        for args in [("dispatch", a, "--tech", "李强"), ("dispatch", a, "--arrive"),
                     ("warehouse", a)]:
            with self.subTest(args=args):
                self.refused(1, *args, now=T("10:00"),
                             phrases=("the ticket was voided at 2026-11-29T09:30:00+08:00",))


class BadValuesTest(WorkflowCase):
    """Bad values on the command line: exit 2, one line, nothing written."""

    def test_bad_values_exit_2(self):
        t = self.open_ticket()
        self.act("classify", t, "--kind", "support", "--category", "hardware", "--level", "2",
                 "--service", "onsite-repair", now=T("09:10"))
        self.dispatch(t, "--tech", "张伟", now=T("09:20"))
        self.act("dispatch", t, "--arrive", now=T("10:00"))
        cases = [
            (("classify", t, "--kind", "support", "--category", "hardware", "--level", "5"), "--level"),
            (("classify", t, "--kind", "support", "--category", "hardware", "--level", "x"), "--level"),
            (("classify", t, "--kind", "complaint", "--category", "hardware", "--level", "2"), "--kind"),
            (("classify", t, "--kind", "support", "--category", "mechanics", "--level", "2"), "--category"),
            (("classify", t, "--kind", "support", "--category", "hardware", "--level", "2",
              "--service", "repair"), "--service"),
            (("classify", t, "--kind", "support", "--category", "hardware", "--level", "2", "--major"),
             "--major applies to quality problems (--kind quality)"),
            (("classify", t, "--kind", "support", "--category", "hardware", "--level", "2", "--to", "QQ"),
             "--to: 'QQ' is no department code in svc.toml"),
            (("dispatch", t, "--tech", "李强", "--complexity", "x"), "--complexity"),
            (("dispatch", t), "--tech"),
            (("dispatch", t, "--finish", "--part", "bad"),
             "--part 'bad': expected NAME:QTY (write NAME:QTY[:UNIT_YUAN][:warranty|customer])"),
            (("dispatch", t, "--finish", "--part", "继电器:0"), "the quantity must be a whole number from 1"),
            (("dispatch", t, "--finish", "--part", "继电器:1:1.234"),
             "'1.234' is neither a price in yuan nor one of warranty, customer"),
            (("dispatch", t, "--finish", "--hours", "x"),
             "--hours: 'x' is not a number of hours like 3 or 2.5 (at most 1000)"),
            (("dispatch", t, "--arrive", "--finish"), "--finish"),
            (("dispatch", t, "--arrive", "--tech", "李强"),
             "--tech, --complexity, --dept and --planned belong to filing a new record"),
            (("dispatch", t, "--tech", "李强", "--record", "SC-26-11-01"), "--record"),
            (("close", t, "--result", "done"), "--result"),
            (("close", t), "--result"),
            (("survey", t, "--satisfaction", "maybe"),
             "--satisfaction: 'maybe' is not one of satisfied, unsatisfied, very-unsatisfied, "
             "满意, 不满意, 非常不满意"),
            (("survey", t, "--satisfaction", "满意", "--attitude", "6"), "--attitude: '6'"),
            (("survey", t, "--satisfaction", "满意", "--damage", "many"), "--damage: 'many'"),
            (("survey", t, "--satisfaction", "满意", "--cleanliness", "clean"), "--cleanliness: 'clean'"),
            (("note", t, "--at", "2026-11-29T10:00:01+08:00", "x"),
             "--at 2026-11-29T10:00:01+08:00 is later than now (2026-11-29T10:00:00+08:00)"),
            (("dispatch", t, "--tech", "李强", "--at", "2026-11-29T10:30"), "is later than now"),
            (("note", t, "--at", "yesterday", "x"), "--at"),
            (("note", t, " "), "the note is empty"),
            (("void", t, "--reason", ""), "--reason is empty"),
            (("note", "YX-26-11", "x"), "is not a document number"),
        ]
        for args, phrase in cases:
            with self.subTest(args=args):
                self.refused(2, *args, now=T("10:00"), phrases=(phrase,))
        self.refused(1, "note", "YX-26-11-09", "x", now=T("10:00"),
                     message="no ticket YX-26-11-09 (no file tickets/2026/11/YX-26-11-09.toml)")
        self.assertCheckClean()


class HistoryTest(WorkflowCase):
    """The history: nothing lost under concurrency, always in time order."""

    def test_concurrent_notes_lose_nothing(self):
        t = self.open_ticket()
        texts = ["第{}次来电".format(i) for i in range(20)]

        def note(text):
            return run("-R", self.records, "--now", T("10:00"), "--actor", ACTOR, "note", t, text)

        with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
            results = list(pool.map(note, texts))
        for rc, out, err in results:
            self.assertEqual((rc, out), (0, ""), err)
            self.assertEqual(err, "svc: {}: note added\n".format(t))
        notes = [e["text"] for e in self.events(t) if e["action"] == "note"]
        self.assertEqual(sorted(notes), sorted(texts))
        self.assertCheckClean()

    def test_concurrent_dispatches_take_distinct_numbers(self):
        tickets = [self.open_ticket() for _ in range(3)]
        for t in tickets:
            self.act("classify", t, "--kind", "support", "--category", "hardware", "--level", "2",
                     now=T("09:10"))

        def dispatch(t):
            return run("-R", self.records, "--now", T("10:00"), "--actor", ACTOR, "dispatch", t,
                       "--tech", "张伟")

        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(dispatch, tickets * 3))
        numbers = []
        for rc, out, err in results:
            self.assertEqual((rc, err), (0, ""), err)
            numbers.append(out.strip())
        self.assertEqual(sorted(numbers), ["SC-26-11-{:02}".format(i) for i in range(1, 10)])
        filed = []
        for t in tickets:
            rs = self.show(t)["dispatches"]
            self.assertEqual(len(rs), 3)
            for r in rs:
                self.assertIn('ticket = "{}"'.format(t), self.registry(r["number"]))
                filed.append(r["number"])
        self.assertEqual(sorted(filed), sorted(numbers))
        self.assertCheckClean()

    def test_an_earlier_at_is_accepted_and_kept_in_time_order(self):
        t = self.open_ticket(received="08:50", at="09:00")
        self.act("classify", t, "--kind", "support", "--category", "hardware", "--level", "2",
                 "--service", "onsite-repair", now=T("09:10"))
        self.dispatch(t, "--tech", "张伟", now=T("09:20"))
        self.act("note", t, "已通知客户", now=T("16:00"))
        # The engineer records the visit in the evening, as it happened.
        self.act("dispatch", t, "--arrive", "--at", "2026-11-29 11:00", now=T("18:00"))
        self.act("dispatch", t, "--finish", "--at", "2026-11-29T15:30", "--hours", "4",
                 now=T("18:05"))
        self.act("note", t, "补记：客户要求下周回访", "--at", T("09:15"), now=T("18:10"))
        events = self.events(t)
        self.assertEqual([e["action"] for e in events],
                         ["open", "classify", "note", "dispatch", "arrive", "finish", "note"])
        ats = [e["at"] for e in events]
        self.assertEqual(ats, sorted(ats))
        late = {e["action"]: e for e in events if "recorded" in e}
        self.assertEqual(set(late), {"arrive", "finish", "note"})
        self.assertEqual(late["arrive"]["recorded"].isoformat(), "2026-11-29T18:00:00+08:00")
        self.assertEqual([e.get("recorded") is None for e in events],
                         [True, True, False, True, False, False, True])
        self.assertIn("at = 2026-11-29T11:00:00+08:00\nrecorded = 2026-11-29T18:00:00+08:00\n"
                      'actor = "王芳"\naction = "arrive"\n', self.ticket_text(t))
        d = self.show(t)
        self.assertEqual(d["dispatches"][0]["arrived"]["at"], T("11:00"))
        # Judged as of 12:00 (--now), the arrival at 11:00 was not in the records yet
        # (entered at 18:00); as of 18:00 it was, at its own time, and the finish
        # (entered 18:05) was not (issue 14: as the records stood).
        d = self.show(t, now=T("12:00"))
        self.assertIsNone(d["dispatches"][0]["arrived"])
        d = self.show(t, now=T("18:00"))
        self.assertEqual(d["dispatches"][0]["arrived"]["at"], T("11:00"))
        self.assertIsNone(d["dispatches"][0]["finished"])
        d = self.show(t, now=T("18:05"))
        self.assertEqual(d["dispatches"][0]["finished"]["at"], T("15:30"))
        # An --at that would break what is already recorded is refused.
        # (A second finish is refused as the second, whatever its --at.)
        self.refused(1, "dispatch", t, "--finish", "--at", "2026-11-29 10:00", now=T("18:20"),
                     message=t + ": 'finish' at 2026-11-29T10:00:00+08:00 is not allowed: "
                     "SC-26-11-01 was already marked finished at 2026-11-29T15:30:00+08:00")
        self.refused(1, "note", t, "x", "--at", "2026-11-29 08:55", now=T("18:20"),
                     message=t + ": 'note' at 2026-11-29T08:55:00+08:00 is not allowed: it comes "
                     "before the ticket was opened")
        self.assertCheckClean()


if __name__ == "__main__":
    unittest.main()
