"""Recovery of interrupted commands: the journal, check and check --repair.

A command killed at any point leaves at most an intent journal
(.svc/journal), a registry entry its ticket did not file, temporary files and
empty month folders; the next command that writes puts them right and says
so on stderr ("svc: recovered: ..."), `svc check` reports them, and
`svc check --repair` removes them from a whole records directory.
"""

import os
import subprocess
import unittest

from svctest import SvcTestCase, read_text, write_text

T = "2026-11-29T{}:00+08:00".format


class RecoveryTest(SvcTestCase):

    def classified(self):
        tid = self.open()
        rc, _, err = self.svc("classify", tid, "--kind", "support", "--category", "hardware",
                              "--level", "2")
        self.assertEqual(rc, 0, err)
        return tid

    def kill_dispatch(self, tid):
        """What a dispatch killed between its registry entry and its ticket leaves."""
        write_text(self.path(".svc", "journal"),
                   "# svc's intent journal\n"
                   "write outbound/2026/11/SC-26-11-01.toml\n"
                   "write tickets/2026/11/{}.toml\n".format(tid))
        os.makedirs(self.path("outbound", "2026", "11"), exist_ok=True)
        write_text(self.path("outbound", "2026", "11", "SC-26-11-01.toml"),
                   '# 外出服务记录表 Outbound Service Record (R-4.4.3), filed under the '
                   'ticket below\nrecord = "SC-26-11-01"\nticket = "{}"\n'.format(tid))
        write_text(self.path("tickets", "2026", "11", ".{}.toml.tmp9999".format(tid)), "id = ")

    def test_the_next_command_recovers_an_interrupted_dispatch(self):
        tid = self.classified()
        self.kill_dispatch(tid)
        rc, out, err = self.svc("dispatch", tid, "--tech", "张伟")
        self.assertEqual(rc, 0, err)
        self.assertEqual(out, "SC-26-11-02\n")  # the abandoned number is never reused
        rel = os.path.join(self.records, "tickets", "2026", "11")
        self.assertEqual(err.splitlines(), [
            "svc: recovered: outbound record SC-26-11-01 was taken by an interrupted dispatch of "
            "{}, which did not file it: kept as abandoned in {}/outbound/2026/11/SC-26-11-01.toml "
            "(numbers are never reused)".format(tid, self.records),
            "svc: recovered: removed the temporary file {}/.{}.toml.tmp9999 of an interrupted "
            "write".format(rel, tid),
        ])
        self.assertFalse(os.path.exists(self.path(".svc", "journal")))
        self.assertTrue(read_text(self.path("outbound", "2026", "11", "SC-26-11-01.toml"))
                        .endswith("abandoned = true\n"))
        rc, out, err = self.svc("check")
        self.assertEqual((rc, out), (0, ""), out + err)
        # Nothing more to recover.
        rc, out, err = self.svc("note", tid, "客户来电")
        self.assertEqual((rc, err), (0, "svc: {}: note added\n".format(tid)))

    def back_with_parts(self):
        tid = self.classified()
        for args in (["--tech", "张伟", "--at", T("11:00")], ["--arrive", "--at", T("12:00")],
                     ["--finish", "--at", T("13:00")],
                     ["--back", "--part", "继电器:1:returned", "--at", T("14:00")]):
            rc, _, err = self.svc("dispatch", tid, *args, now=T("18:00"))
            self.assertEqual(rc, 0, err)
        return tid

    def test_the_next_command_recovers_an_interrupted_booking(self):
        # `svc warehouse` killed between its receipt's registry entry and
        # its ticket: the receipt's number is kept as abandoned, the booking
        # done again gets the next one.
        tid = self.back_with_parts()
        write_text(self.path(".svc", "journal"),
                   "# svc's intent journal\n"
                   "write outbound/2026/11/RK-26-11-01.toml\n"
                   "write tickets/2026/11/{}.toml\n".format(tid))
        write_text(self.path("outbound", "2026", "11", "RK-26-11-01.toml"),
                   "# 入库单 Warehousing receipt (R-4.5.3.1), booked under the ticket below\n"
                   'record = "RK-26-11-01"\nticket = "{}"\n'.format(tid))
        rc, out, err = self.svc("check")
        self.assertEqual(rc, 1, out + err)
        self.assertIn("journal", out)
        rc, out, err = self.svc("warehouse", tid, "--at", T("15:00"), now=T("18:00"))
        self.assertEqual((rc, out), (0, "RK-26-11-02\n"), err)
        self.assertEqual(err.splitlines()[0],
                         "svc: recovered: warehousing receipt RK-26-11-01 was taken by an "
                         "interrupted booking into store of {}, which did not file it: kept as "
                         "abandoned in {}/outbound/2026/11/RK-26-11-01.toml (numbers are never "
                         "reused)".format(tid, self.records))
        self.assertTrue(read_text(self.path("outbound", "2026", "11", "RK-26-11-01.toml"))
                        .endswith("abandoned = true\n"))
        rc, out, err = self.svc("check")
        self.assertEqual((rc, out), (0, ""), out + err)

    def test_check_reports_leftovers_and_repair_removes_them(self):
        tid = self.classified()
        self.kill_dispatch(tid)
        os.makedirs(self.path("tickets", "2026", "12"))
        rc, out, err = self.svc("check")
        self.assertEqual(rc, 1)
        self.assertEqual(out.splitlines(), [
            "{}/outbound/2026/11/SC-26-11-01.toml:3: outbound record SC-26-11-01 is registered "
            "to {}, but that ticket did not file it".format(self.records, tid),
            "{}/.svc/journal: the intent journal of an interrupted command (the next svc command "
            "that writes, or 'svc check --repair', completes or rolls back what it names)"
            .format(self.records),
            "{}/tickets/2026/11/.{}.toml.tmp9999: a temporary file left by an interrupted write "
            "('svc check --repair' removes it)".format(self.records, tid),
        ])  # an empty folder is no problem (invisible to git), but --repair removes it
        rc, out, err = self.svc("check", "--repair")
        self.assertEqual((rc, out), (0, ""), out + err)
        recovered = err.splitlines()[:-1]
        self.assertEqual(len(recovered), 3, err)
        self.assertTrue(all(l.startswith("svc: recovered: ") for l in recovered), err)
        self.assertIn("removed the empty folder {}/tickets/2026/12".format(self.records), err)
        self.assertTrue(err.endswith("svc: checked 1 record file: no problems\n"), err)
        rc, out, err = self.svc("check", "--repair")
        self.assertEqual((rc, out, err), (0, "", "svc: checked 1 record file: no problems\n"))

    def test_a_refused_command_recovers_too(self):
        # Any command that takes the lock recovers, even one then refused.
        tid = self.open()
        write_text(self.path(".svc", "journal"), "write tickets/2026/11/{}.toml\n".format(tid))
        write_text(self.path("tickets", "2026", "11", ".{}.toml.tmp1".format(tid)), "")
        rc, out, err = self.svc("dispatch", tid, "--tech", "张伟")
        self.assertEqual(rc, 1)
        lines = err.splitlines()
        self.assertEqual(len(lines), 2, err)
        self.assertTrue(lines[0].startswith("svc: recovered: removed the temporary file "), err)
        self.assertFalse(os.path.exists(self.path(".svc", "journal")))

    def test_an_index_rewrite_of_a_killed_reader_is_recovered(self):
        # A reader rewrites .svc/index through .svc/.index.tmp<PID> without
        # the lock: kill -9 leaves it. Once no process <PID> runs it is a
        # leftover; a running reader's is its own and stays.
        tid = self.open()
        ended = subprocess.Popen(["true"])
        ended.wait()
        dead = self.path(".svc", ".index.tmp{}".format(ended.pid))
        live = self.path(".svc", ".index.tmp{}".format(os.getpid()))  # this test runs
        write_text(dead, "SVCIDX")
        write_text(live, "SVCIDX")
        rc, out, err = self.svc("list")
        self.assertEqual(rc, 0, err)
        self.assertTrue(os.path.exists(dead))  # a reader takes no lock: it leaves them be
        rc, out, err = self.svc("check")
        self.assertEqual(rc, 1, err)
        self.assertEqual(out.splitlines(), [
            "{}: a temporary file left by an interrupted write ('svc check --repair' removes "
            "it)".format(dead)])
        rc, out, err = self.svc("note", tid, "客户来电")
        self.assertEqual((rc, err.splitlines()), (0, [
            "svc: recovered: removed the temporary file {} of an interrupted write".format(dead),
            "svc: {}: note added".format(tid)]))
        self.assertFalse(os.path.exists(dead))
        self.assertTrue(os.path.exists(live))
        write_text(dead + ".2", "SVCIDX")
        rc, out, err = self.svc("check", "--repair")
        self.assertEqual((rc, out), (0, ""), out + err)
        self.assertIn("svc: recovered: removed the temporary file {}.2 of an interrupted "
                      "write\n".format(dead), err)
        self.assertFalse(os.path.exists(dead + ".2"))
        self.assertTrue(os.path.exists(live))
        rc, out, err = self.svc("check")
        self.assertEqual((rc, out), (0, ""), out + err)


if __name__ == "__main__":
    unittest.main()
