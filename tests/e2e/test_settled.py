"""Records an auditor can trust, items 2 and 3 of issue 14 (R-4.8): a closed
or voided ticket is settled; `svc reopen`; `svc correct` over the info form;
`--amend --reason` on close, dispatch --arrive/--finish/--back and survey.

Tried as the desk and an auditor would, from the command line: every refusal
checks the exit status, the one stderr line and that the records directory is
byte for byte unchanged (WorkflowCase.refused); every accepted step that the
ticket file only gained lines (WorkflowCase.act), and `svc check` stays clean.
"""

import json
import unittest

from svctest import ACTOR
from test_workflow import LATER, T, WorkflowCase

CLOSED_AT = T("16:00")


def not_allowed(t, action, at, why):
    return "{}: '{}' at {} is not allowed: {}".format(t, action, at, why)


def closed(t, action, at, closed_at=CLOSED_AT):
    """The refusal of a step that changes the work or the money on a closed ticket."""
    return not_allowed(t, action, at, "the ticket was closed at {}; reopen it first "
                       "(svc reopen {} --reason TEXT)".format(closed_at, t))


class SettledCase(WorkflowCase):

    def paid_job(self, close=True):
        """The issue's ticket: paid, quoted (2 people, 3 days: 3864.00), accepted,
        done on site by SC-26-11-01 and closed at 16:00."""
        t = self.open_ticket()
        self.act("classify", t, "--kind", "support", "--category", "hardware", "--level", "2",
                 "--service", "paid", now=T("09:10"))
        rc, out, err = self.svc("quote", t, "--people", "2", "--days", "3", now=T("09:20"))
        self.assertEqual(rc, 0, err)
        self.act("quote", t, "--accept", now=T("09:30"))
        self.assertEqual(self.dispatch(t, "--tech", "张伟", now=T("09:40")), "SC-26-11-01")
        self.act("dispatch", t, "--arrive", now=T("13:00"))
        self.act("dispatch", t, "--finish", "--work", "更换继电器", "--hours", "2",
                 "--part", "继电器:2:35:customer", "--signed-by", "李工", now=T("15:00"))
        if close:
            self.act("close", t, "--result", "completed", "--resolution", "更换后恢复",
                     now=CLOSED_AT, said=t + ": closed (completed)")
        return t

    def remote_job(self, received="09:00"):
        """A ticket handled by phone, closed --remote at 09:30."""
        t = self.open_ticket(received=received)
        self.act("classify", t, "--kind", "support", "--category", "software", "--level", "4",
                 "--service", "info", now=T("09:10"))
        self.act("close", t, "--result", "completed", "--remote", "--resolution", "电话指导重启",
                 now=T("09:30"))
        return t

    def bad_line(self, rc, *args, line, **kwargs):
        """A refusal whose whole stderr line is `line` (not 'svc: ' + message,
        e.g. the command line parser's 'svc reopen: …')."""
        err = self.refused(rc, *args, **kwargs)
        self.assertEqual(err, line + "\n")

    def report(self, month):
        rc, out, err = self.svc("report", "--month", month, "--format", "json", now=LATER)
        self.assertEqual(rc, 0, err)
        return json.loads(out)

    def form_head(self, t):
        """The ticket file up to its first event: the form as first filled."""
        return self.ticket_text(t).split("[[event]]")[0]

    def actions(self, t):
        return [e["action"] for e in self.events(t)]


# --- settled: a closed ticket refuses what changes the work or the money

class ClosedTicketTest(SettledCase):

    def test_the_issue_a_new_quote_after_the_close_is_refused(self):
        t = self.paid_job()
        self.refused(1, "quote", t, "--people", "1", "--days", "1", now=T("17:00"),
                     message=closed(t, "quote", T("17:00")))
        q = self.show(t)["quote"]
        self.assertEqual((q["people"], q["days"], q["total"], q["charged"]),
                         (2, 3, "3864.00", "3864.00"))
        self.assertEqual(q["accepted"], {"at": T("09:30"), "actor": ACTOR})
        fees = self.report("2026-11")["fees"]
        self.assertEqual((fees["quotes"], fees["total"], fees["charged"]),
                         (1, "3864.00", "3864.00"))
        self.assertCheckClean()

    STEPS = [
        ("classify", ["--kind", "support", "--category", "hardware", "--level", "3"]),
        ("analyze", ["--cause", "继电器老化"]),
        ("plan", ["--text", "再次更换"]),
        ("approve", ["--as", "gm"]),
        ("quote", ["--people", "1", "--days", "1"]),
        ("accept", ["--accept"]),
        ("dispatch", ["--tech", "李强"]),
        ("arrive", ["--arrive"]),
        ("finish", ["--finish", "--hours", "1"]),
        ("close", ["--result", "completed"]),
    ]

    def command(self, action, args, t):
        cmd = {"accept": "quote", "arrive": "dispatch", "finish": "dispatch"}.get(action, action)
        return [cmd, t, *args]

    def test_each_step_that_changes_the_work_names_svc_reopen(self):
        t = self.paid_job()
        for action, args in self.STEPS:
            with self.subTest(action):
                self.refused(1, *self.command(action, args, t), now=T("17:00"),
                             message=closed(t, action, T("17:00")))
        self.assertEqual(self.show(t)["status"], "closed")
        self.assertCheckClean()

    def test_a_back_dated_step_is_refused_too(self):
        # --at before the close: the close settled the ticket as the desk saw it.
        t = self.paid_job()
        for action, args in self.STEPS:
            with self.subTest(action):
                self.refused(1, *self.command(action, args, t), "--at", T("14:00"),
                             now=T("17:00"), message=closed(t, action, T("14:00")))
        self.assertCheckClean()

    def test_a_step_back_dated_before_the_classification_names_svc_reopen(self):
        t = self.paid_job()
        for action, args in self.STEPS:
            with self.subTest(action):
                self.refused(1, *self.command(action, args, t), "--at", T("09:06"),
                             now=T("17:00"), message=closed(t, action, T("09:06")))

    def test_what_follows_a_job_stays_open(self):
        t = self.paid_job()
        self.act("note", t, "客户来电确认运行正常", now=T("16:30"), said=t + ": note added")
        self.act("dispatch", t, "--back", "--part", "继电器:2", now=T("17:00"),
                 said=t + ": SC-26-11-01 back at HQ")
        self.act("warehouse", t, now=T("17:30"), prints="RK-26-11-01\n",
                 said=t + ": SC-26-11-01 booked into store under RK-26-11-01")
        self.act("survey", t, "--satisfaction", "满意", now=T("18:00"), said=t + ": survey recorded")
        self.act("correct", t, "--field", "phone", "--value", "0571-88880000", "--reason", "补录",
                 now=T("18:10"), said=t + ": phone corrected to '0571-88880000'")
        self.act("reopen", t, "--reason", "客户来电：同一故障复发", now=T("18:20"),
                 said=t + ": reopened")
        self.assertEqual(self.actions(t)[-6:],
                         ["note", "back", "warehouse", "survey", "correct", "reopen"])
        self.assertCheckClean()

    def test_verify_after_a_remote_close(self):
        t = self.remote_job()
        self.act("verify", t, "--comment", "客户确认", now=T("11:00"),
                 said=t + ": remote result verified with the customer")
        self.refused(1, "classify", t, "--kind", "support", "--category", "software",
                     "--level", "3", now=T("11:10"),
                     message=closed(t, "classify", T("11:10"), closed_at=T("09:30")))
        self.assertCheckClean()

    def test_a_voided_ticket_takes_only_note(self):
        t = self.open_ticket()
        self.act("void", t, "--reason", "重复登记", now=T("09:20"))
        voided = "the ticket was voided at " + T("09:20")
        for action, args in [
                ("classify", ["classify", t, "--kind", "support", "--category", "software",
                              "--level", "4"]),
                ("quote", ["quote", t, "--people", "1", "--days", "1"]),
                ("dispatch", ["dispatch", t, "--tech", "李强"]),
                ("close", ["close", t, "--result", "completed"]),
                ("survey", ["survey", t, "--satisfaction", "满意"]),
                ("reopen", ["reopen", t, "--reason", "误作废"]),
                ("correct", ["correct", t, "--field", "customer", "--value", "别人",
                             "--reason", "x"]),
                ("void", ["void", t, "--reason", "再次"])]:
            with self.subTest(action):
                self.refused(1, *args, now=T("10:00"),
                             message=not_allowed(t, action, T("10:00"), voided))
        self.act("note", t, "客户再次来电", now=T("10:10"), said=t + ": note added")
        self.assertCheckClean()

    def test_check_reports_a_step_hand_appended_after_the_close(self):
        # The auditor's view of the issue's bug: a quote or classification
        # written into a closed ticket by hand is a finding, not a silent change.
        t = self.paid_job()
        with open(self.ticket_path(t), "a", encoding="utf-8") as f:
            f.write('\n[[event]]\nat = 2026-11-29T17:00:00+08:00\nactor = "王芳"\n'
                    'action = "classify"\nkind = "support"\ncategory = "hardware"\nlevel = 3\n'
                    'service = "paid"\nroute = "SC"\n')
        rc, out, err = self.svc("check", now=LATER)
        self.assertEqual(rc, 1, out + err)
        self.assertIn(closed(t, "classify", T("17:00")), out + err)

    def test_check_names_the_line_of_the_refused_event(self):
        t = self.paid_job()
        line = self.ticket_text(t).count("\n") + 2  # after the blank line
        with open(self.ticket_path(t), "a", encoding="utf-8") as f:
            f.write('\n[[event]]\nat = 2026-11-29T17:00:00+08:00\nactor = "王芳"\n'
                    'action = "plan"\ntext = "再次更换"\n')
        rc, out, err = self.svc("check", now=LATER)
        self.assertEqual(rc, 1)
        self.assertIn("{}:{}: {}".format(self.ticket_path(t), line,
                                         closed(t, "plan", T("17:00"))), out + err)


# --- svc reopen: open again, the close stays, a new survey clock

class ReopenTest(SettledCase):

    def test_reopen_and_close_again(self):
        t = self.remote_job()
        self.act("verify", t, now=T("10:00"))
        self.act("reopen", t, "--reason", "客户来电：同一故障复发", now=T("11:00"),
                 said=t + ": reopened")
        d = self.show(t, now=T("11:30"))
        self.assertEqual((d["status"], d["reopened"], d["close"]), ("open", 1, None))
        self.assertEqual(d["reopens"], [{
            "at": T("11:00"), "actor": ACTOR,
            "close": {"at": T("09:30"), "actor": ACTOR, "result": "completed", "remote": True,
                      "resolution": "电话指导重启"}}])
        self.assertIn('action = "reopen"\nreason = "客户来电：同一故障复发"\n', self.ticket_text(t))
        # Open again: steps are taken, a survey waits for the next close.
        self.refused(1, "survey", t, "--satisfaction", "满意", now=T("11:40"),
                     message=not_allowed(t, "survey", T("11:40"), "the ticket is not closed yet; "
                                         "the survey follows closing (R-4.5.1)"))
        self.act("classify", t, "--kind", "support", "--category", "software", "--level", "3",
                 now=T("11:50"))
        self.act("close", t, "--result", "completed", "--resolution", "升级固件", now=T("13:00"))
        self.act("survey", t, "--satisfaction", "满意", now=T("14:00"))

        d = self.show(t)
        self.assertEqual((d["status"], d["reopened"], d["close"]["resolution"], d["level"]),
                         ("closed", 1, "升级固件", 3))
        self.assertEqual(d["survey"]["at"], T("14:00"))
        self.assertEqual(self.actions(t), ["open", "classify", "close", "verify", "reopen",
                                           "classify", "close", "survey"])
        # A survey clock per close: the first stopped by the reopen.
        surveys = [(c["start"], c["stop"]) for c in d["clocks"] if c["name"] == "survey"]
        self.assertEqual(surveys, [(T("09:30"), T("11:00")), (T("13:00"), T("14:00"))])
        self.assertCheckClean()

    def test_a_survey_per_close(self):
        t = self.remote_job()
        self.act("survey", t, "--satisfaction", "不满意", "--comment", "未解决", now=T("10:00"))
        self.act("reopen", t, "--reason", "客户不满意，继续处理", now=T("10:30"))
        self.act("close", t, "--result", "completed", now=T("12:00"))
        self.act("survey", t, "--satisfaction", "满意", now=T("12:30"), said=t + ": survey recorded")
        self.refused(1, "survey", t, "--satisfaction", "满意", now=T("12:40"),
                     message=not_allowed(t, "survey", T("12:40"),
                                         "the survey was already recorded at {}; correct it "
                                         "with --amend".format(T("12:30"))))
        d = self.show(t)
        self.assertEqual(d["survey"]["satisfaction"], "satisfied")
        surveys = [(c["start"], c["stop"]) for c in d["clocks"] if c["name"] == "survey"]
        self.assertEqual(surveys, [(T("09:30"), T("10:00")), (T("12:00"), T("12:30"))])
        self.assertEqual(d["reopens"][0]["close"]["at"], T("09:30"))
        self.assertCheckClean()

    def test_a_back_dated_second_survey_names_the_one_typed(self):
        t = self.remote_job()
        self.act("survey", t, "--satisfaction", "满意", now=T("10:00"))
        self.refused(1, "survey", t, "--satisfaction", "不满意", "--at", T("09:50"),
                     now=T("10:10"), message=not_allowed(
                         t, "survey", T("09:50"), "the survey was already recorded at {}; "
                         "correct it with --amend".format(T("10:00"))))

    def test_list_and_reports_follow_the_reopen(self):
        t = self.remote_job()
        self.act("reopen", t, "--reason", "复发", now=T("10:00", day=2, month=12))
        for index in ([], ["--no-index"]):
            with self.subTest(index=index):
                rc, out, err = self.svc(*index, "list", "--no-header", "--status", "open",
                                        now=T("11:00", day=2, month=12))
                self.assertEqual((rc, err), (0, ""))
                self.assertTrue(out.startswith(t + "  open "), out)
        # Tickets reopened in the period.
        self.assertEqual(self.report("2026-11")["reopened"], 0)
        self.assertEqual(self.report("2026-12")["reopened"], 1)
        rc, out, err = self.svc("report", "--month", "2026-12", now=LATER)
        self.assertIn("\n  reopened              1\n", out)

    def test_the_next_close_settles_it_again(self):
        t = self.remote_job()
        self.act("reopen", t, "--reason", "复发", now=T("10:00"))
        self.act("close", t, "--result", "completed", now=T("11:00"))
        self.refused(1, "plan", t, "--text", "x", now=T("11:10"),
                     message=closed(t, "plan", T("11:10"), closed_at=T("11:00")))
        show = self.ok("show", t, now=LATER)
        self.assertIn("\n  reopened     1 time, last 2026-11-29 10:00 by 王芳\n", show)
        self.assertIn("\nclosed        2026-11-29 09:30 by 王芳 — reopened 2026-11-29 10:00 by "
                      "王芳\n", show)

    def test_the_index_and_a_full_read_agree(self):
        t = self.paid_job()
        self.act("correct", t, "--field", "customer", "--value", "国网华东分部", "--reason", "全称",
                 now=T("16:10"))
        self.act("reopen", t, "--reason", "复发", now=T("16:20"))
        for args in (["list"], ["list", "--status", "open"], ["show", t, "--json"],
                     ["report", "--month", "2026-11", "--format", "json"]):
            with self.subTest(args[0]):
                self.assertEqual(self.ok(*args, now=LATER),
                                 self.ok("--no-index", *args, now=LATER))
        self.assertIn(" 国网华东分部 ", self.ok("list", "--status", "open", now=LATER))

    def test_reopen_refusals(self):
        t = self.open_ticket()
        self.refused(1, "reopen", t, "--reason", "x", now=T("10:00"),
                     message=not_allowed(t, "reopen", T("10:00"), "the ticket is not closed"))
        self.bad_line(2, "reopen", t, now=T("10:00"),
                      line="svc reopen: --reason is required (see 'svc reopen --help')")
        self.bad_line(2, "reopen", t, "--reason", "", now=T("10:00"),
                      line="svc reopen: --reason: must not be empty (see 'svc reopen --help')")
        self.act("void", t, "--reason", "重复", now=T("10:10"))
        self.refused(1, "reopen", t, "--reason", "x", now=T("10:20"),
                     message=not_allowed(t, "reopen", T("10:20"),
                                         "the ticket was voided at " + T("10:10")))

    def test_reopen_of_a_ticket_reopened_already(self):
        t = self.remote_job()
        self.act("reopen", t, "--reason", "复发", now=T("10:00"))
        self.refused(1, "reopen", t, "--reason", "复发", now=T("10:05"),
                     message=not_allowed(t, "reopen", T("10:05"), "the ticket is not closed"))


# --- svc correct: the info form corrected by events, never edited

FIELDS = [
    # field, value typed, value in the corrections, where show --json has it
    ("customer", "华东电网有限公司", "华东电网有限公司", ("customer", "name")),
    ("phone", "0571-88880000", "0571-88880000", ("customer", "phone")),
    ("product", "断路器", "断路器", ("equipment", "product")),
    ("serial", "SN-2026-7", "SN-2026-7", ("equipment", "serial")),
    ("quantity", "3", "3", ("equipment", "quantity")),
    ("commissioned", "2020-05-01", "2020-05-01", ("equipment", "commissioned")),
    ("description", "合闸后跳闸", "合闸后跳闸", ("description",)),
    ("received", "2026-11-29 08:30", T("08:30"), ("received",)),
]


class CorrectTest(SettledCase):

    def dig(self, d, where):
        for k in where:
            d = d[k]
        return d

    def test_each_field_corrected_everywhere(self):
        t = self.open_ticket()
        self.act("classify", t, "--kind", "support", "--category", "hardware", "--level", "3",
                 now=T("09:10"))
        head = self.form_head(t)
        for n, (field, typed, stored, _) in enumerate(FIELDS):
            self.act("correct", t, "--field", field, "--value", typed, "--reason", "登记有误",
                     now=T("10:{:02}".format(n)),
                     said="{}: {} corrected to '{}'".format(t, field, stored))
        # The form as first filled stays at the top; each correction is an event.
        self.assertEqual(self.form_head(t), head)
        corrects = [e for e in self.events(t) if e["action"] == "correct"]
        self.assertEqual([(e["field"], e["value"], e["reason"]) for e in corrects],
                         [(f, s, "登记有误") for f, _, s, _ in FIELDS])

        d = self.show(t)
        for field, typed, stored, where in FIELDS:
            with self.subTest(field):
                want = 3 if field == "quantity" else stored
                self.assertEqual(self.dig(d, where), want)
        self.assertEqual([(c["field"], c["value"], c["filed"]) for c in d["corrections"]], [
            ("customer", "华东电网有限公司", "华东电网检修公司"), ("phone", "0571-88880000", ""),
            ("product", "断路器", ""), ("serial", "SN-2026-7", ""), ("quantity", "3", ""),
            ("commissioned", "2020-05-01", ""), ("description", "合闸后跳闸", ""),
            ("received", T("08:30"), T("09:00"))])
        # The form clock runs from the corrected receipt.
        self.assertEqual(d["clocks"][0]["name"], "form")
        self.assertEqual(d["clocks"][0]["start"], T("08:30"))

        show = self.ok("show", t, now=LATER)
        self.assertTrue(show.startswith(t + "  open  华东电网有限公司\n"), show)
        self.assertRegex(show, r"\n  received +2026-11-29 08:30 via YX ")
        self.assertNotIn("华东电网检修公司", show.split("\nhistory")[0])
        listed = self.ok("list", now=LATER)
        self.assertIn(" 华东电网有限公司 ", listed)
        self.assertNotIn("检修公司", listed)
        info = self.ok("print", t, "--form", "info", now=LATER)
        for line in ["客户名称 Customer           : 华东电网有限公司",
                     "联系电话 Phone              : 0571-88880000",
                     "产品类型 Product            : 断路器",
                     "机号 Serial no.             : SN-2026-7",
                     "数量 Quantity               : 3",
                     "投运时间 Commissioned       : 2020-05-01",
                     "接收时间 Received at        : 2026-11-29 08:30", "\n合闸后跳闸\n"]:
            self.assertIn(line, info)
        md = self.ok("print", t, "--form", "info", "--format", "md", now=LATER)
        self.assertIn("| 客户名称 Customer | 华东电网有限公司 |", md)
        r = self.report("2026-11")
        self.assertEqual((r["by_customer"], r["by_product"]), ({"华东电网有限公司": 1}, {"断路器": 1}))
        self.assertCheckClean()

    def test_correcting_twice_keeps_the_latest(self):
        t = self.open_ticket()
        self.act("correct", t, "--field", "customer", "--value", "华东电网", "--reason", "简称",
                 now=T("10:00"))
        self.act("correct", t, "--field", "customer", "--value", "国网华东分部", "--reason", "全称",
                 now=T("10:10"))
        d = self.show(t)
        self.assertEqual(d["customer"]["name"], "国网华东分部")
        self.assertEqual(d["corrections"],
                         [{"field": "customer", "value": "国网华东分部", "filed": "华东电网检修公司"}])
        self.assertEqual([e.get("value") for e in self.events(t)], [None, "华东电网", "国网华东分部"])
        self.assertCheckClean()

    def test_a_closed_ticket_is_corrected_without_reopening(self):
        t = self.paid_job()
        self.act("correct", t, "--field", "serial", "--value", "SN-1", "--reason", "铭牌核对",
                 now=T("17:00"))
        d = self.show(t)
        self.assertEqual((d["status"], d["equipment"]["serial"], d["reopened"]),
                         ("closed", "SN-1", 0))
        self.assertCheckClean()

    def test_correct_refusals(self):
        t = self.open_ticket()
        self.act("correct", t, "--field", "quantity", "--value", "2", "--reason", "x",
                 now=T("09:30"))
        fields = ("customer, contact, title, phone, address, product, model, size, serial, "
                  "quantity, project_no, equipment_no, commissioned, purchased, invoice_no, "
                  "warranty_until, description, received")
        now = T("10:00")
        self.refused(2, "correct", t, "--field", "colour", "--value", "red", "--reason", "x",
                     now=now, message="--field: the info form has no field 'colour' (fields: {})"
                     .format(fields))
        self.refused(2, "correct", t, "--field", "quantity", "--value", "x", "--reason", "x",
                     now=now, message="--value for quantity: 'x' is not a quantity from 1 to "
                     "1000000")
        self.refused(2, "correct", t, "--field", "commissioned", "--value", "2026-13-01",
                     "--reason", "x", now=now,
                     message="--value for commissioned: '2026-13-01' is not a date; write it "
                     "as 2026-11-29")
        self.refused(2, "correct", t, "--field", "customer", "--value", "", "--reason", "x",
                     now=now, message="--value for customer: the customer's name must not be empty")
        self.refused(1, "correct", t, "--field", "customer", "--value", "华东电网检修公司",
                     "--reason", "x", now=now,
                     message=not_allowed(t, "correct", now,
                                         "the form's customer is already '华东电网检修公司'"))
        self.refused(1, "correct", t, "--field", "quantity", "--value", "2", "--reason", "x",
                     now=now, message=not_allowed(t, "correct", now,
                                                  "the form's quantity is already '2'"))
        self.bad_line(2, "correct", t, "--field", "phone", "--value", "1", now=now,
                      line="svc correct: --reason is required (see 'svc correct --help')")
        self.bad_line(2, "correct", t, "--field", "phone", "--value", "1", "--reason", "",
                      now=now,
                      line="svc correct: --reason: must not be empty (see 'svc correct --help')")
        # The number names the month of receipt, and the form follows the receipt.
        self.refused(2, "correct", t, "--field", "received", "--value", "2026-10-31 23:00",
                     "--reason", "x", now=now, message="--value 2026-10-31T23:00:00+08:00 is "
                     "outside YX-26-11-01's month of receipt")
        self.refused(2, "correct", t, "--field", "received", "--value", "2026-11-29 09:10",
                     "--reason", "x", now=now, message="--value 2026-11-29T09:10:00+08:00 is "
                     "later than the form was filled (2026-11-29T09:05:00+08:00)")
        self.assertCheckClean()

    def test_an_empty_value_clears_an_optional_field(self):
        t = self.open("YX", "华东电网", "--phone", "0571-1", "--received-at", T("09:00"),
                      now=T("09:05"))
        self.act("correct", t, "--field", "phone", "--value", "", "--reason", "号码作废",
                 now=T("10:00"))
        self.assertIsNone(self.show(t)["customer"]["phone"])
        self.assertCheckClean()


# --- R-4.8 --amend --reason: the latest step's values replaced, both in history

class AmendTest(SettledCase):

    def test_close_amend_keeps_result_remote_and_time(self):
        t = self.remote_job()
        self.act("close", t, "--amend", "--resolution", "远程升级固件后恢复",
                 "--reason", "处理描述不全", now=T("10:00"), said=t + ": close amended")
        closes = [e for e in self.events(t) if e["action"] == "close"]
        self.assertEqual(len(closes), 2)
        self.assertEqual(closes[0]["resolution"], "电话指导重启")
        a = closes[1]
        self.assertEqual((a["result"], a["remote"], a["resolution"], a["amend"], a["reason"]),
                         ("completed", True, "远程升级固件后恢复", True, "处理描述不全"))
        self.assertEqual(str(a["at"]), "2026-11-29 09:30:00+08:00")
        self.assertEqual(str(a["recorded"]), "2026-11-29 10:00:00+08:00")
        d = self.show(t)
        self.assertEqual((d["close"]["at"], d["close"]["result"], d["close"]["remote"],
                          d["close"]["resolution"]),
                         (T("09:30"), "completed", True, "远程升级固件后恢复"))
        self.assertIn("\n  resolution  远程升级固件后恢复\n", self.ok("show", t, now=LATER))
        # The verify clock still runs from the close, which did not move.
        verify = [c for c in d["clocks"] if c["name"] == "verify"]
        self.assertEqual(verify[0]["start"], T("09:30"))
        self.assertCheckClean()

    def test_arrive_amend_moves_the_arrival_and_the_repair_clock(self):
        t = self.paid_job()
        self.act("dispatch", t, "--arrive", "--amend", "--at", T("12:30"),
                 "--reason", "工程师补报到达时间", now=T("17:00"),
                 said=t + ": SC-26-11-01 arrived on site (amended)")
        d = self.show(t)
        self.assertEqual(d["dispatches"][0]["arrived"]["at"], T("12:30"))
        repair = [c for c in d["clocks"] if c["name"] == "repair"][0]
        self.assertEqual((repair["start"], repair["stop"]), (T("12:30"), T("15:00")))
        arrival = [c for c in d["clocks"] if c["name"] == "arrival"][0]
        self.assertEqual(arrival["stop"], T("12:30"))
        self.assertEqual([e["action"] for e in self.events(t)].count("arrive"), 2)
        self.refused(2, "dispatch", t, "--arrive", "--amend", "--reason", "x", now=T("17:10"),
                     message="--at is required with --amend --arrive: the corrected arrival time")
        self.assertCheckClean()

    def test_an_amended_arrival_stays_before_the_finish(self):
        t = self.paid_job()
        self.refused(1, "dispatch", t, "--arrive", "--amend", "--at", T("15:30"),
                     "--reason", "x", now=T("17:00"), message=not_allowed(
                         t, "arrive", T("15:30"), "SC-26-11-01 finished on site at {}, before "
                         "this arrival".format(T("15:00"))))

    def test_close_amend_at_moves_the_close_and_the_survey_clock(self):
        t = self.paid_job()
        self.act("close", t, "--amend", "--at", T("15:30"), "--reason", "关闭时间补录有误",
                 now=T("17:00"), said=t + ": close amended")
        d = self.show(t)
        self.assertEqual((d["close"]["at"], d["close"]["result"], d["close"]["resolution"]),
                         (T("15:30"), "completed", "更换后恢复"))
        survey = [c for c in d["clocks"] if c["name"] == "survey"]
        self.assertEqual([c["start"] for c in survey], [T("15:30")])
        self.assertCheckClean()

    def test_finish_amend_keeps_work_parts_and_signature(self):
        t = self.paid_job()
        self.act("dispatch", t, "--finish", "--amend", "--hours", "4", "--reason", "工时有误",
                 now=T("17:00"), said=t + ": SC-26-11-01 finished on site (amended)")
        r = self.show(t)["dispatches"][0]
        self.assertEqual((r["finished"]["at"], r["work"], r["hours"], r["signed_by"]),
                         (T("15:00"), "更换继电器", "4", "李工"))
        self.assertEqual([(p["name"], p["qty"], p["unit"], p["supply"]) for p in r["parts"]],
                         [("继电器", 2, "35.00", "customer")])
        self.assertCheckClean()

    def test_back_amend(self):
        t = self.paid_job()
        self.act("dispatch", t, "--back", "--part", "继电器:2", now=T("17:00"))
        self.act("dispatch", t, "--back", "--amend", "--reason", "补记", now=T("17:10"),
                 said=t + ": SC-26-11-01 back at HQ (amended)")
        r = self.show(t)["dispatches"][0]
        self.assertEqual([(p["name"], p["qty"], p["supply"]) for p in r["returned"]],
                         [("继电器", 2, "returned")])
        self.act("dispatch", t, "--back", "--amend", "--part", "继电器:2:scrapped",
                 "--reason", "旧件已报废", now=T("17:20"))
        r = self.show(t)["dispatches"][0]
        self.assertEqual((r["back"]["at"], [(p["name"], p["qty"], p["supply"])
                                            for p in r["returned"]]),
                         (T("17:00"), [("继电器", 2, "scrapped")]))
        self.assertCheckClean()

    def test_survey_amend_keeps_the_answers_not_given_again(self):
        # The issue: survey --amend blanked the answers not given again.
        t = self.paid_job()
        self.act("survey", t, "--satisfaction", "满意", "--attitude", "4", "--damage", "无",
                 "--cleanliness", "好", "--comment", "响应及时", now=T("18:00"))
        self.act("survey", t, "--amend", "--comment", "响应及时，希望提前通知",
                 "--reason", "客户补充意见", now=T("18:30"), said=t + ": survey amended")
        s = self.show(t)["survey"]
        self.assertEqual((s["at"], s["satisfaction"], s["attitude"], s["damage"],
                          s["cleanliness"], s["comment"], s["amendments"]),
                         (T("18:00"), "satisfied", 4, "none", "good", "响应及时，希望提前通知", 1))
        self.assertCheckClean()

    def test_amend_refusals(self):
        t = self.paid_job(close=False)
        self.refused(1, "close", t, "--amend", "--resolution", "x", "--reason", "y",
                     now=T("15:30"), message=not_allowed(
                         t, "close", T("15:30"), "there is no close (the ticket is not closed) "
                         "to amend"))
        self.act("close", t, "--result", "completed", now=CLOSED_AT)
        self.refused(1, "survey", t, "--amend", "--comment", "x", "--reason", "y",
                     now=T("16:30"), message=not_allowed(
                         t, "survey", T("16:30"), "there is no survey (of the latest close) "
                         "to amend"))
        self.refused(1, "dispatch", t, "--back", "--amend", "--reason", "y", now=T("16:30"),
                     message=not_allowed(t, "back", T("16:30"),
                                         "there is no return of SC-26-11-01 to amend"))
        with_amend = "--reason goes with --amend (the reason for a correction)"
        self.refused(2, "close", t, "--resolution", "x", "--reason", "y", now=T("16:40"),
                     message=with_amend)
        self.refused(2, "survey", t, "--satisfaction", "满意", "--reason", "y", now=T("16:40"),
                     message=with_amend)
        self.refused(2, "dispatch", t, "--finish", "--hours", "3", "--reason", "y",
                     now=T("16:40"), message=with_amend)
        why = "--reason is required: say why the record is corrected"
        self.refused(2, "close", t, "--amend", "--resolution", "x", now=T("16:40"), message=why)
        self.refused(2, "dispatch", t, "--finish", "--amend", "--hours", "3", now=T("16:40"),
                     message=why)
        self.refused(2, "dispatch", t, "--tech", "李强", "--amend", "--reason", "y",
                     now=T("16:40"), message="--record, --work, --hours, --part, --signed-by, "
                     "--amend and --reason go with --arrive, --finish or --back")
        self.assertCheckClean()

    def test_amend_before_the_step_is_refused(self):
        t = self.open_ticket()
        self.act("classify", t, "--kind", "support", "--category", "hardware", "--level", "2",
                 "--service", "onsite-repair", now=T("09:10"))
        self.dispatch(t, "--tech", "张伟", now=T("09:20"))
        self.refused(1, "dispatch", t, "--arrive", "--amend", "--at", T("10:00"),
                     "--reason", "x", now=T("10:30"), message=not_allowed(
                         t, "arrive", T("10:00"), "there is no arrival of SC-26-11-01 to amend"))
        self.act("dispatch", t, "--arrive", now=T("11:00"))
        self.refused(1, "dispatch", t, "--finish", "--amend", "--hours", "1", "--reason", "x",
                     now=T("11:30"), message=not_allowed(
                         t, "finish", T("11:30"), "there is no completion of SC-26-11-01 to "
                         "amend"))

    def amended_history(self):
        """Closed 16:00 with resolution 更换后恢复; at 18:00 the close amended and
        the arrival moved from 13:00 to 12:30, both recorded at 18:00."""
        t = self.paid_job()
        self.act("close", t, "--amend", "--resolution", "更换继电器两只", "--reason", "不全",
                 now=T("18:00"))
        self.act("dispatch", t, "--arrive", "--amend", "--at", T("12:30"), "--reason", "补报",
                 now=T("18:00"))
        self.assertCheckClean()
        return t

    def test_as_of_after_the_amendments(self):
        t = self.amended_history()
        for index in ([], ["--no-index"]):
            with self.subTest(index=index):
                rc, out, err = self.svc(*index, "show", t, "--json", now=T("18:30"))
                d = json.loads(out)
                self.assertEqual((d["close"]["resolution"], d["dispatches"][0]["arrived"]["at"]),
                                 ("更换继电器两只", T("12:30")))

    def test_as_of_before_the_amendments_were_recorded(self):
        t = self.amended_history()
        for index in ([], ["--no-index"]):
            with self.subTest(index=index):
                rc, out, err = self.svc(*index, "show", t, "--json", now=T("17:00"))
                self.assertEqual(rc, 0, err)
                d = json.loads(out)
                self.assertEqual((d["close"]["resolution"], d["dispatches"][0]["arrived"]["at"]),
                                 ("更换后恢复", T("13:00")))
                repair = [c for c in d["clocks"] if c["name"] == "repair"][0]
                self.assertEqual(repair["start"], T("13:00"))


if __name__ == "__main__":
    unittest.main()
