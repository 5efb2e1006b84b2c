"""Forgiving input (issue 20 item 2): numbers and times as a Chinese input
method types them, times relative to today, and "did you mean …?" for a
mistyped command, option or word — each with the real svc, checking the exit
status, the one line on stderr and what the records hold (or that nothing
was written on a refusal)."""

import unittest

from svctest import SvcTestCase

NOW = "2026-11-29T15:00:00+08:00"


class ForgivingTest(SvcTestCase):

    def setUp(self):
        super().setUp()
        self.id = self.open("YX", "华东电网", "--at", "2026-11-29 09:00", now=NOW)
        self.assertEqual(self.id, "YX-26-11-01")

    def refused(self, rc, line, *args, now=NOW):
        """svc ARGS fails with exit `rc` and exactly `line` on stderr, writing nothing."""
        before = self.snapshot()
        rc_got, out, err = self.svc(*args, now=now)
        self.assertEqual((rc_got, out, err), (rc, "", line + "\n"))
        self.assertEqual(self.snapshot(), before)

    def note(self, typed_id, *args, now=NOW):
        rc, out, err = self.svc("note", typed_id, "电话已联系", *args, now=now)
        self.assertEqual((rc, out, err), (0, "", "svc: YX-26-11-01: note added\n"))
        return self.ticket_text(self.id)

    # --- numbers -----------------------------------------------------------

    def test_lower_case_number(self):
        text = self.note("yx-26-11-01", "--at", "2026-11-29 14:00")
        self.assertIn('at = 2026-11-29T14:00:00+08:00', text)

    def test_full_width_number_and_dashes(self):
        for typed in ("ＹＸ－２６－１１－０１", "ｙｘ‐26–11—01", "\u3000YX－26－11－01\u3000"):
            with self.subTest(typed=typed):
                out = self.ok("show", typed, now=NOW)
                self.assertIn("YX-26-11-01", out)

    def test_full_width_number_in_an_action(self):
        rc, out, err = self.svc("classify", "ＹＸ－２６－１１－０１", "--kind", "support",
                                "--category", "hardware", "--level", "2", now=NOW)
        self.assertEqual((rc, out, err), (0, "", "svc: YX-26-11-01: classified; routed to SC\n"))
        self.assertIn('kind = "support"', self.ticket_text(self.id))

    def test_what_is_no_number_is_quoted_as_typed(self):
        rc, out, err = self.svc("show", "ｙｘ－２６－１３－０１", now=NOW)
        self.assertEqual((rc, out), (2, ""))
        self.assertOneLine(err)
        self.assertIn("ｙｘ－２６－１３－０１", err)

    # --- times -------------------------------------------------------------

    def test_at_a_time_of_today(self):
        text = self.note(self.id, "--at", "14:30")
        self.assertIn('at = 2026-11-29T14:30:00+08:00', text)

    def test_at_full_width_time(self):
        text = self.note(self.id, "--at", "１４：３０")
        self.assertIn('at = 2026-11-29T14:30:00+08:00', text)

    def test_at_yesterday(self):
        rc, out, err = self.svc("open", "--via", "YX", "--customer", "华东电网", "--received-at",
                                "昨天 16:00", "--at", "yesterday 16:30", now=NOW)
        self.assertEqual((rc, err), (0, ""))
        text = self.ticket_text(out.strip())
        self.assertIn('received = 2026-11-28T16:00:00+08:00', text)
        self.assertIn('at = 2026-11-28T16:30:00+08:00', text)

    def test_today_is_the_company_day_of_a_now_given_in_utc(self):
        # 2026-11-29T17:00Z is 2026-11-30 01:00 in +08:00.
        text = self.note(self.id, "--at", "今天 00:30", now="2026-11-29T17:00:00Z")
        self.assertIn('at = 2026-11-30T00:30:00+08:00', text)

    def test_bad_time_is_quoted_as_typed(self):
        rc, out, err = self.svc("note", self.id, "x", "--at", "２５：００", now=NOW)
        self.assertEqual((rc, out), (2, ""))
        self.assertOneLine(err)
        self.assertIn("--at: '２５：００'", err)

    # --- suggestions -------------------------------------------------------

    def test_unknown_command(self):
        self.refused(2, "svc: unknown command 'lsit': did you mean 'list'? "
                     "(see 'svc --help' for the commands)", "lsit")

    def test_unknown_command_nothing_near(self):
        self.refused(2, "svc: unknown command 'frobnicate' (see 'svc --help' for the commands)",
                     "frobnicate")

    def test_unknown_option(self):
        self.refused(2, "svc classify: unknown option --levl: did you mean --level? "
                     "(see 'svc classify --help')",
                     "classify", self.id, "--kind", "support", "--category", "hardware",
                     "--levl", "2")

    def test_unknown_option_with_value(self):
        self.refused(2, "svc classify: unknown option --kidn: did you mean --kind? "
                     "(see 'svc classify --help')",
                     "classify", self.id, "--kidn=support")

    def test_unknown_option_nothing_near(self):
        self.refused(2, "svc show: unknown option --zzzzzzzz (see 'svc show --help')",
                     "show", self.id, "--zzzzzzzz")

    def test_bad_word_value(self):
        self.refused(2, "svc classify: --kind: 'qualty' is not a known kind: did you mean "
                     "quality? (known: support, quality) (see 'svc classify --help')",
                     "classify", self.id, "--kind", "qualty", "--category", "hardware",
                     "--level", "2")


if __name__ == "__main__":
    unittest.main()
