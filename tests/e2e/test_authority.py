"""Authority from [[staff]] (issue 14, item 4; R-4.2.2): once svc.toml lists
staff, `svc approve --as gm|head|quality|desk` needs an actor holding that
role - the head of the ticket's route department, a member of the Quality
dept - or it is refused (exit 1, one line naming who may, nothing written);
`svc check` reports each recorded approval whose actor did not hold the role.
With no staff listed, approvals are accepted as before and `svc check` notes
once that they are not verified."""

import unittest

from svctest import SvcTestCase, write_text, read_text

STAFF = """
[[staff]]
name = "张伟"
role = "gm"

[[staff]]
name = "刘强"
dept = "SC"
role = "head"

[[staff]]
name = "陈静"
dept = "YF"
role = "head"

[[staff]]
name = "赵敏"
dept = "ZL"
role = "engineer"

[[staff]]
name = "王芳"
dept = "YX"
role = "desk"
"""


def T(hhmm, day=29):
    return "2026-11-{:02}T{}:00+08:00".format(day, hhmm)


class AuthorityCase(SvcTestCase):

    def list_staff(self):
        with open(self.path("svc.toml"), "a", encoding="utf-8") as f:
            f.write(STAFF)

    def ticket(self, kind="quality", category="hardware", *extra):
        """A ticket classified at 09:10 with a plan at 09:20; returns its number."""
        t = self.open("YX", "华东电网检修公司", now=T("09:05"))
        self.act("classify", t, "--kind", kind, "--category", category, "--level", "2", *extra,
                 now=T("09:10"))
        self.act("plan", t, "--text", "更换继电器", now=T("09:20"))
        return t

    def act(self, *args, **kwargs):
        rc, out, err = self.svc(*args, **kwargs)
        self.assertEqual(rc, 0, err)

    def approve(self, t, role, actor, now=T("09:30")):
        return self.svc("approve", t, "--as", role, now=now, actor=actor)

    def refused(self, t, role, actor, message):
        before = self.snapshot()
        rc, out, err = self.approve(t, role, actor)
        self.assertEqual((rc, out, err), (1, "", "svc: {}: {}\n".format(t, message)))
        self.assertEqual(self.snapshot(), before)

    def check(self):
        return self.svc("check", now=T("23:00"))


class ApproveTest(AuthorityCase):

    def setUp(self):
        super().setUp()
        self.list_staff()

    def test_allowed(self):
        q = self.ticket("quality", "hardware", "--major")  # routed to ZL
        for role, actor in (("gm", "张伟"), ("quality", "赵敏")):
            with self.subTest(role=role):
                rc, out, err = self.approve(q, role, actor)
                self.assertEqual((rc, out, err), (0, "", "svc: {}: plan approved\n".format(q)))
        s = self.ticket("support", "hardware")  # routed to SC
        rc, out, err = self.approve(s, "head", "刘强")
        self.assertEqual((rc, err), (0, "svc: {}: plan approved\n".format(s)))
        # Without --as, the role [[staff]] gives.
        rc, out, err = self.svc("approve", s, now=T("09:40"), actor="王芳")
        self.assertEqual((rc, err), (0, "svc: {}: plan approved\n".format(s)))
        self.assertIn('actor = "王芳"\naction = "approve"\nrole = "desk"\n', self.ticket_text(s))
        # The approved major problem, endorsed by the customer, may
        # now be dispatched; the endorsement needs no role of [[staff]].
        rc, out, err = self.svc("approve", q, "--as", "customer", "--by", "王工", now=T("09:45"),
                                actor="王芳")
        self.assertEqual(rc, 0, err)
        rc, out, err = self.svc("dispatch", q, "--tech", "李工", now=T("09:50"))
        self.assertEqual(rc, 0, err)
        rc, out, err = self.check()
        self.assertEqual((rc, out, err), (0, "", "svc: checked 2 record files: no problems\n"))

    def test_refused_as_gm(self):
        t = self.ticket("quality", "hardware", "--major")
        self.refused(t, "gm", "王芳",
                     "王芳 may not approve as gm: [[staff]] lists 王芳 as desk of YX; the general "
                     "manager is 张伟")
        self.refused(t, "gm", "路人",
                     "路人 may not approve as gm: [[staff]] does not list 路人; the general "
                     "manager is 张伟")
        # The major problem is still waiting for the general manager.
        rc, out, err = self.svc("dispatch", t, "--tech", "李工", now=T("09:50"))
        self.assertEqual(rc, 1)
        self.assertIn("neither the general manager's approval nor the customer's endorsement", err)

    def test_head_of_another_department_refused(self):
        t = self.ticket("support", "hardware")  # routed to SC
        self.refused(t, "head", "陈静",
                     "陈静 may not approve as head: [[staff]] lists 陈静 as head of YF; the head of "
                     "SC is 刘强")
        self.refused(t, "quality", "刘强",
                     "刘强 may not approve as quality: [[staff]] lists 刘强 as head of SC; the "
                     "Quality dept (ZL) has 赵敏")

    def test_unlisted_without_a_role_refused(self):
        t = self.ticket("support", "software")
        before = self.snapshot()
        rc, out, err = self.svc("approve", t, now=T("09:30"), actor="路人")
        self.assertEqual((rc, out, err),
                         (1, "", "svc: {}: 路人 may not approve: [[staff]] does not list 路人\n"
                          .format(t)))
        self.assertEqual(self.snapshot(), before)

    def test_check_reports_an_unauthorised_approval(self):
        t = self.ticket("quality", "hardware", "--major")
        path = self.ticket_path(t)
        text = read_text(path)
        write_text(path, text + '\n[[event]]\nat = {}\nactor = "王芳"\naction = "approve"\n'
                   'role = "gm"\n'.format(T("09:30")))
        line = text.count("\n") + 5  # the line of action = "approve"
        rc, out, err = self.check()
        self.assertEqual(rc, 1, err)
        self.assertEqual(out, "{}:{}: {}: 'approve' at {} is not allowed: 王芳 may not approve as "
                         "gm: [[staff]] lists 王芳 as desk of YX; the general manager is 张伟\n"
                         .format(path, line, t, T("09:30")))
        self.assertEqual(err, "svc: checked 1 record file: 1 problem\n")


class NoStaffTest(AuthorityCase):

    def test_anyone_approves_and_check_notes_it_once(self):
        a = self.ticket("quality", "hardware", "--major")
        b = self.ticket("support", "hardware")
        for t, role in ((a, "gm"), (a, "quality"), (b, "head")):
            rc, out, err = self.approve(t, role, "路人")
            self.assertEqual((rc, err), (0, "svc: {}: plan approved\n".format(t)))
        # The customer's endorsement has no staff role to verify: not counted.
        rc, out, err = self.svc("approve", a, "--as", "customer", "--by", "沈工", now=T("09:35"))
        self.assertEqual(rc, 0, err)
        rc, out, err = self.check()
        self.assertEqual((rc, out), (0, ""), err)
        self.assertEqual(err, "svc: note: 3 approvals are not verified: svc.toml lists no "
                         "[[staff]] to say who may approve (R-4.2.2)\n"
                         "svc: checked 2 record files: no problems\n")

    def test_no_approvals_no_note(self):
        self.ticket("support", "hardware")
        rc, out, err = self.check()
        self.assertEqual((rc, out, err), (0, "", "svc: checked 1 record file: no problems\n"))


if __name__ == "__main__":
    unittest.main()
