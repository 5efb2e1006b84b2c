"""svc check: the auditor's validation of a whole records directory.

Exit 0 when clean, 1 when problems are found, each printed on stdout as
`file:line: message` (`file:line:col: message` for a TOML syntax error).
"""

import json
import os
import shutil
import unittest

from svctest import SOURCE_DIR, SvcTestCase, read_bytes, run, snapshot, write_text


class CheckTest(SvcTestCase):

    def setUp(self):
        super().setUp()
        for n in range(1, 6):
            self.open("YX", "客户{}".format(n))
        self.open("SH", "国网江苏")

    def check(self, *args):
        """Runs svc check from the records directory, as an auditor does (so
        files are named relative to it); asserts it changed nothing."""
        before = self.snapshot()
        rc, out, err = self.svc("check", *args, records=False, cwd=self.records)
        self.assertEqual(self.snapshot(), before, "svc check changed the records")
        return rc, out, err

    def problems(self):
        rc, out, err = self.check()
        self.assertEqual(rc, 1, "expected problems; stdout:\n" + out)
        self.assertTrue(out.endswith("\n"))
        lines = out[:-1].split("\n")
        n = len(lines)
        self.assertRegex(err, r"svc: checked \d+ record files: {} problem{}\n".format(
            n, "" if n == 1 else "s"))
        return lines

    def edit(self, ticket_id, old, new):
        path = self.ticket_path(ticket_id)
        text = read_bytes(path).decode("utf-8")
        self.assertIn(old, text)
        write_text(path, text.replace(old, new, 1))

    def test_clean(self):
        rc, out, err = self.check()
        self.assertEqual((rc, out), (0, ""))
        self.assertEqual(err, "svc: checked 6 record files: no problems\n")

    def test_clean_json(self):
        rc, out, err = self.check("--json")
        self.assertEqual(rc, 0, err)
        result = json.loads(out)
        self.assertEqual(result["problems"], [])
        self.assertEqual(result["files"], 6)
        self.assertIs(result["clean"], True)

    def test_syntax_error_with_line_and_column(self):
        self.edit("YX-26-11-05", 'via = "YX"', 'via = = "YX"')
        self.assertEqual(self.problems(), [
            "tickets/2026/11/YX-26-11-05.toml:3:7: Error while parsing value: could not "
            "determine value type"])

    def test_every_corrupt_file_is_reported(self):
        self.edit("YX-26-11-01", 'via = "YX"', 'via = = "YX"')
        self.edit("YX-26-11-03", "[customer]", "[customer")
        write_text(self.ticket_path("SH-26-11-01"), 'id = "SH-26-11-01"\nvia = "SH\n')
        # (Only the syntax errors: see test_a_corrupt_file_is_no_gap.)
        lines = [l for l in self.problems() if "gap in" not in l]
        self.assertEqual([l.split(":")[0] for l in lines], [
            "tickets/2026/11/SH-26-11-01.toml", "tickets/2026/11/YX-26-11-01.toml",
            "tickets/2026/11/YX-26-11-03.toml"])
        for line in lines:
            self.assertRegex(line, r"^tickets/2026/11/[A-Z]+-26-11-0\d\.toml:\d+:\d+: \S")
        self.assertTrue(lines[1].startswith("tickets/2026/11/YX-26-11-01.toml:3:7: "))

    def test_a_corrupt_file_is_no_gap(self):
        # A ticket file that exists but does not parse is one problem, not
        # also a missing number ("gap in YX's numbers for 2026-11: YX-26-11-02
        # is missing before YX-26-11-03"): the file is there and `svc open`
        # counts its number as taken.
        self.edit("YX-26-11-02", 'via = "YX"', 'via = = "YX"')
        lines = self.problems()
        self.assertEqual(len(lines), 1, lines)

    def test_file_named_differently_from_its_id(self):
        # A plain copy keeps the old id inside: wrong name AND a duplicate.
        shutil.copy(self.ticket_path("YX-26-11-02"), self.ticket_path("YX-26-11-06"))
        self.assertEqual(self.problems(), [
            "tickets/2026/11/YX-26-11-06.toml:2: the file holds ticket YX-26-11-02, which belongs "
            "in tickets/2026/11/YX-26-11-02.toml",
            "tickets/2026/11/YX-26-11-06.toml:1: duplicate number YX-26-11-02: also held by "
            "tickets/2026/11/YX-26-11-02.toml ('svc renumber YX-26-11-02' gives the newer "
            "receipt the next free number)"])

    def test_a_copy_with_its_id_edited_is_clean(self):
        self.copy_ticket("YX-26-11-05", "YX-26-11-06")
        rc, out, err = self.check()
        self.assertEqual((rc, out), (0, ""), err)
        self.assertIn("checked 7 record files: no problems", err)

    def test_ticket_in_the_wrong_month_folder(self):
        os.makedirs(self.path("tickets", "2026", "10"))
        os.rename(self.ticket_path("YX-26-11-05"),
                  self.path("tickets", "2026", "10", "YX-26-11-05.toml"))
        lines = self.problems()
        self.assertIn("tickets/2026/10/YX-26-11-05.toml:2: the file holds ticket YX-26-11-05, "
                      "which belongs in tickets/2026/11/YX-26-11-05.toml", lines)

    def test_unknown_via_code(self):
        self.edit("YX-26-11-03", 'via = "YX"', 'via = "QQ"')
        lines = self.problems()
        self.assertIn("tickets/2026/11/YX-26-11-03.toml:3: 'QQ' is no department code in svc.toml",
                      lines)

    def test_received_in_another_month_than_the_number(self):
        self.edit("YX-26-11-02", "received = 2026-11-29T10:00:00+08:00",
                  "received = 2026-10-29T09:00:00+08:00")
        self.assertEqual(self.problems(), [
            "tickets/2026/11/YX-26-11-02.toml:4: received 2026-10-29T09:00:00+08:00 is in 2026-10, "
            "but the number YX-26-11-02 is of 2026-11"])

    def test_a_gap_in_the_numbers(self):
        os.remove(self.ticket_path("YX-26-11-03"))
        self.assertEqual(self.problems(), [
            "tickets/2026/11/YX-26-11-04.toml:1: gap in YX's numbers for 2026-11: YX-26-11-03 is "
            "missing before YX-26-11-04"])

    def test_a_gap_at_the_start(self):
        os.remove(self.ticket_path("SH-26-11-01"))
        self.open("SH", "国网江苏")  # SH-26-11-01 again: nothing marks it taken
        os.remove(self.ticket_path("YX-26-11-01"))
        lines = self.problems()
        self.assertEqual(len(lines), 1, lines)
        self.assertIn("YX-26-11-01 is missing", lines[0])

    def test_a_duplicate_number(self):
        os.makedirs(self.path("tickets", "2026", "10"))
        shutil.copy(self.ticket_path("YX-26-11-04"),
                    self.path("tickets", "2026", "10", "YX-26-11-04.toml"))
        lines = self.problems()
        self.assertTrue(any("duplicate number YX-26-11-04" in l for l in lines), lines)
        self.assertTrue(all(l.startswith("tickets/2026/") for l in lines), lines)

    def test_a_hand_edited_file(self):
        self.edit("YX-26-11-02", 'name = "客户2"', 'name   =   "客户2"')
        self.assertEqual(self.problems(), [
            "tickets/2026/11/YX-26-11-02.toml:7: not in svc's canonical form (edited by hand?): "
            "svc would write this line differently"])

    def test_escaped_chinese_is_not_canonical(self):
        self.edit("YX-26-11-02", 'name = "客户2"', 'name = "\\u5ba2\\u62372"')
        lines = self.problems()
        self.assertEqual(len(lines), 1, lines)
        self.assertTrue(lines[0].startswith("tickets/2026/11/YX-26-11-02.toml:7: "), lines)

    def test_crlf_line_endings_are_not_canonical(self):
        path = self.ticket_path("YX-26-11-02")
        write_text(path, read_bytes(path).decode("utf-8").replace("\n", "\r\n"))
        lines = self.problems()
        self.assertTrue(any(l.startswith("tickets/2026/11/YX-26-11-02.toml:") for l in lines))

    def test_unknown_key(self):
        self.edit("YX-26-11-02", 'name = "客户2"', 'name = "客户2"\ncolour = "red"')
        lines = self.problems()
        self.assertIn("tickets/2026/11/YX-26-11-02.toml:8: unknown key 'colour' in [customer]",
                      lines)

    def test_a_date_time_without_offset(self):
        self.edit("YX-26-11-02", "received = 2026-11-29T10:00:00+08:00",
                  "received = 2026-11-29T10:00:00")
        lines = self.problems()
        self.assertTrue(lines[0].startswith("tickets/2026/11/YX-26-11-02.toml:4: "), lines)
        self.assertIn("offset", lines[0])

    def test_several_kinds_at_once(self):
        self.edit("YX-26-11-01", 'via = "YX"', 'via = = "YX"')
        self.edit("YX-26-11-02", 'name = "客户2"', 'name   =   "客户2"')
        self.edit("SH-26-11-01", 'via = "SH"', 'via = "QQ"')
        os.remove(self.ticket_path("YX-26-11-04"))
        lines = self.problems()
        files = {l.split(":")[0] for l in lines}
        self.assertEqual(files, {"tickets/2026/11/YX-26-11-01.toml",
                                 "tickets/2026/11/YX-26-11-02.toml",
                                 "tickets/2026/11/SH-26-11-01.toml",
                                 "tickets/2026/11/YX-26-11-05.toml"})
        for line in lines:
            self.assertRegex(line, r"^tickets/\d{4}/\d\d/[^:]+\.toml:\d+:( |\d+: )\S")

    def test_json_problems(self):
        self.edit("YX-26-11-01", 'via = "YX"', 'via = = "YX"')
        os.remove(self.ticket_path("YX-26-11-03"))
        rc, out, err = self.check("--json")
        self.assertEqual(rc, 1, err)
        result = json.loads(out)
        self.assertIs(result["clean"], False)
        self.assertEqual(result["files"], 5)
        problems = result["problems"]
        self.assertGreaterEqual(len(problems), 2)
        syntax = [p for p in problems if p["file"] == "tickets/2026/11/YX-26-11-01.toml"][0]
        self.assertEqual((syntax["line"], syntax["column"]), (3, 7))
        gap = [p for p in problems if "YX-26-11-03 is missing" in p["message"]][0]
        self.assertEqual(gap["file"], "tickets/2026/11/YX-26-11-04.toml")
        self.assertIsNone(gap["column"])

    def test_stray_files_in_tickets_are_reported(self):
        # docs/FORMAT.md: "Files svc does not know in tickets/ are reported
        # by svc check": a stray file (not *.toml, outside a YYYY/MM folder,
        # or in a folder that is no month) is one problem each.
        write_text(self.path("tickets", "2026", "11", "notes.txt"), "todo\n")
        write_text(self.path("tickets", "YX-26-11-09.toml"), 'id = "YX-26-11-09"\n')
        write_text(self.path("tickets", "2026", "13", "YX-26-13-01.toml"), "\n")
        lines = self.problems()
        self.assertEqual(len(lines), 3, lines)


class MisplacedTicketTest(SvcTestCase):

    def test_list_shows_a_misplaced_ticket_and_check_names_it(self):
        # A November ticket in October's folder is still readable: list shows
        # it (from the file it found), check names the file and where it belongs.
        self.open("YX", "甲")
        os.makedirs(self.path("tickets", "2026", "10"))
        os.rename(self.ticket_path("YX-26-11-01"),
                  self.path("tickets", "2026", "10", "YX-26-11-01.toml"))
        rc, out, err = self.svc("list")
        self.assertEqual(rc, 0, err)
        self.assertIn("YX-26-11-01", out)
        rc, out, err = self.svc("check")
        self.assertEqual(rc, 1)
        self.assertIn("tickets/2026/10/YX-26-11-01.toml:2: the file holds ticket YX-26-11-01, "
                      "which belongs in ", out)
        self.assertTrue(out.rstrip().endswith("tickets/2026/11/YX-26-11-01.toml"), out)


class BundledRecordsTest(SvcTestCase):
    INIT = False

    def test_the_bundled_records_are_clean(self):
        # A copy without the developer's own .svc/ (an index from another svc
        # build would be rebuilt with a note on stderr).
        records = os.path.join(self.tmp, "bundled")
        shutil.copytree(os.path.join(SOURCE_DIR, "records"), records,
                        ignore=shutil.ignore_patterns(".svc"))
        before = snapshot(records)
        rc, out, err = run("-R", records, "--now", "2026-12-31T00:00:00+08:00", "check")
        self.assertEqual((rc, out), (0, ""), err)
        self.assertIn("no problems", err)
        rc, out, err = run("-R", records, "--now", "2026-12-31T00:00:00+08:00", "list")
        self.assertEqual((rc, err), (0, ""))
        self.assertEqual(snapshot(records), before)


if __name__ == "__main__":
    unittest.main()
