"""Hostile bytes refused at every door, strict values (issue 16, items 3-5).

Every value of the command line (and $SVC_ACTOR) passes one door: readable
text, newlines only where the stored field may span lines; an input file is
a regular file of at most 1 MiB (a named pipe is refused, never waited on);
times and dates a user gives are in 2000-2099 (a number holds the year in two
digits); whole numbers are decimal; an empty time is a mistake, not "now".
Each refusal: its exit status, one line on stderr, the records unchanged.

`svc check` holds files to the same rules, one problem per field.
"""

import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from svctest import NOW, SvcTestCase, read_text, write_text  # noqa: E402

ESC = "\x1b"
# What a terminal would act on: C0 controls but newline, DEL, C1 controls.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


class HostileCase(SvcTestCase):

    def setUp(self):
        super().setUp()
        self.id = self.open()

    def refused(self, rc, *args, stdout="", **kwargs):
        """Runs svc ARGS: exit `rc`, `stdout` on stdout, one line on stderr
        (returned), and the records byte for byte as they were."""
        before = self.snapshot()
        got_rc, out, err = self.svc(*args, **kwargs)
        self.assertEqual(got_rc, rc, "stdout: {!r}\nstderr: {!r}".format(out, err))
        self.assertEqual(out, stdout)
        self.assertOneLine(err)
        self.assertIsNone(RAW_CONTROL.search(err), repr(err))
        self.assertEqual(self.snapshot(), before, "a refused command changed the records")
        return err


class ControlCharactersTest(HostileCase):

    def test_actor_with_escape_or_newline(self):
        self.assertEqual(
            self.refused(2, "note", self.id, "x", actor="王\x1b[31m芳"),
            "svc: --actor holds the control character U+001B\n")
        self.assertEqual(
            self.refused(2, "note", self.id, "x", actor="王\n芳"),
            "svc: --actor holds a newline (U+000A): it takes one line\n")

    def test_svc_actor_from_the_environment(self):
        self.assertEqual(
            self.refused(2, "note", self.id, "x", actor=None, env={"SVC_ACTOR": "王\x07芳"}),
            "svc: SVC_ACTOR holds the control character U+0007\n")
        self.assertEqual(
            self.refused(2, "open", "--via", "YX", "--customer", "甲", actor=None,
                         env={"SVC_ACTOR": "a\nb"}),
            "svc: SVC_ACTOR holds a newline (U+000A): it takes one line\n")

    def test_every_text_option(self):
        cases = [
            (("open", "--via", "YX", "--customer", "华东" + ESC + "[2J"), "--customer", "U+001B"),
            (("open", "--via", "YX", "--customer", "甲", "--phone", "021\n5555"), "--phone",
             None),
            (("open", "--via", "YX", "--customer", "甲", "--description", "跳闸\x1b]0;x\x07"),
             "--description", "U+001B"),
            (("note", self.id, "提醒\u009b2J"), "the text argument", "U+009B"),
            (("note", self.id + ESC, "x"), "the id argument", "U+001B"),
            (("analyze", self.id, "--cause", "受潮\x7f"), "--cause", "U+007F"),
            (("dispatch", self.id, "--tech", "张\n伟"), "--tech", None),
            (("list", "--customer", "华" + ESC), "--customer", "U+001B"),
            (("report", "--month", "2026-11", "--route", "S\x01C"), "--route", "U+0001"),
            (("-R", self.records + ESC, "check"), "--records", "U+001B"),
        ]
        for args, option, char in cases:
            with self.subTest(args=args):
                err = self.refused(2, *args, records=args[0] != "-R")
                if char:
                    self.assertEqual(err, "svc: {} holds the control character {}\n".format(
                        option, char))
                else:
                    self.assertEqual(
                        err, "svc: {} holds a newline (U+000A): it takes one line\n".format(option))

    def test_newlines_where_a_field_spans_lines(self):
        self.assertEqual(self.svc("classify", self.id, "--kind", "support", "--category",
                                  "hardware", "--level", "2")[0], 0)
        rc, out, err = self.svc("analyze", self.id, "--cause", "受潮\n接头锈蚀")
        self.assertEqual(rc, 0, err)
        rc, out, err = self.svc("note", self.id, "第一行\n\t第二行")
        self.assertEqual(rc, 0, err)
        self.assertIn('text = """\n第一行\n\\t第二行"""', self.ticket_text(self.id))

    def test_overdue_says_unknown(self):
        err = self.refused(3, "overdue", "--via", "Y\x1bX",
                           stdout="SVC UNKNOWN - bad command line: --via holds the control "
                                  "character U+001B\n")
        self.assertEqual(err, "svc: --via holds the control character U+001B\n")

    def test_a_parse_error_quoting_the_value_is_escaped(self):
        err = self.refused(2, "classify", self.id, "--kind", "x\x1b[2J", "--category", "hardware",
                           "--level", "2")
        self.assertIn("x\\x1b[2J", err)


class InputFilesTest(HostileCase):

    def open_with_file(self, path, **kwargs):
        return self.refused(2, "open", "--via", "YX", "--customer", "甲", "--description-file",
                            path, **kwargs)

    def test_a_device_is_refused(self):
        self.assertEqual(
            self.open_with_file("/dev/zero"),
            "svc: --description-file: /dev/zero is a character device: give a regular file, or "
            "'-' for standard input\n")
        self.assertEqual(
            self.refused(2, "plan", self.id, "--file", "/dev/zero"),
            "svc: --file: /dev/zero is a character device: give a regular file, or '-' for "
            "standard input\n")

    def test_a_named_pipe_with_no_writer_is_refused_at_once(self):
        fifo = os.path.join(self.tmp, "fifo")
        os.mkfifo(fifo)
        self.assertEqual(
            self.open_with_file(fifo, timeout=10),
            "svc: --description-file: {} is a named pipe: give a regular file, or '-' for "
            "standard input\n".format(fifo))

    def test_a_folder_is_refused(self):
        self.assertEqual(
            self.open_with_file(self.tmp),
            "svc: --description-file: {} is a folder: give a regular file, or '-' for "
            "standard input\n".format(self.tmp))

    def test_more_than_one_mib(self):
        big = os.path.join(self.tmp, "big.txt")
        with open(big, "wb") as f:
            f.write(b"a" * (1024 * 1024 + 1))
        self.assertEqual(
            self.open_with_file(big),
            "svc: --description-file: {} is larger than 1 MiB (1048576 bytes): svc reads at most "
            "that\n".format(big))
        self.assertEqual(
            self.refused(2, "plan", self.id, "--file", "-", input=b"a" * (1024 * 1024 + 1)),
            "svc: --file: standard input is larger than 1 MiB (1048576 bytes): svc reads at most "
            "that\n")

    def test_a_file_with_an_escape(self):
        path = os.path.join(self.tmp, "desc.txt")
        write_text(path, "跳闸\n\x1b[2J")
        self.assertEqual(self.open_with_file(path),
                         "svc: the description holds the control character U+001B\n")

    def test_a_regular_file_and_standard_input_are_read(self):
        path = os.path.join(self.tmp, "desc.txt")
        write_text(path, "主开关跳闸\r\n复位后再跳\n")
        id2 = self.open("YX", "乙", "--description-file", path)
        self.assertIn('description = """\n主开关跳闸\n复位后再跳"""', self.ticket_text(id2))
        self.assertEqual(self.svc("classify", self.id, "--kind", "support", "--category",
                                  "hardware", "--level", "2")[0], 0)
        rc, out, err = self.svc("plan", self.id, "--file", "-", input="更换继电器\n")
        self.assertEqual(rc, 0, err)


class StrictValuesTest(HostileCase):

    YEARS = "a ticket number holds the year in two digits"

    def test_received_before_2000(self):
        self.assertEqual(
            self.refused(2, "open", "--via", "YX", "--customer", "甲", "--received-at",
                         "1999-12-31T23:59"),
            "svc: --received-at: '1999-12-31T23:59': the year 1999 is not from 2000 to 2099: "
            "{}\n".format(self.YEARS))
        err = self.refused(2, "open", "--via", "YX", "--customer", "甲", "--received-at",
                           "1926-05-01T09:00")
        self.assertIn("the year 1926 is not from 2000 to 2099", err)
        self.assertNotIn("exists", err)
        self.assertFalse(os.path.exists(self.path("tickets", "2099")))

    def test_every_time_and_date(self):
        cases = [
            ("note", self.id, "x", "--at", "1999-12-31T23:00"),
            ("overdue",),  # with --now below
            ("list", "--since", "1999-01-01"),
            ("list", "--until", "2100-01-01T00:00"),
            ("report", "--year", "1999"),
            ("report", "--month", "2100-01"),
            ("report", "--quarter", "1999-Q4"),
            ("report", "--from", "1999-01-01", "--to", "2026-01-01"),
            ("dispatch", self.id, "--tech", "张伟", "--planned", "2100-01-01T08:00"),
            ("correct", self.id, "--field", "received", "--value", "1999-12-31T08:00", "--reason",
             "x"),
        ]
        for args in cases:
            with self.subTest(args=args):
                if args == ("overdue",):
                    err = self.refused(3, "overdue", now="1999-12-31T23:00", stdout=None)
                else:
                    err = self.refused(2, *args)
                self.assertRegex(err, r"the year (1999|2100) is not from 2000 to 2099: " +
                                 self.YEARS)

    def refused(self, rc, *args, stdout="", **kwargs):
        if stdout is not None:
            return super().refused(rc, *args, stdout=stdout, **kwargs)
        before = self.snapshot()
        got_rc, out, err = self.svc(*args, **kwargs)
        self.assertEqual(got_rc, rc, err)
        self.assertTrue(out.startswith("SVC UNKNOWN - "), out)
        self.assertOneLine(err)
        self.assertEqual(self.snapshot(), before)
        return err

    def test_equipment_dates_may_be_older(self):
        id2 = self.open("YX", "乙", "--commissioned", "1998-06-01")
        self.assertIn("commissioned = 1998-06-01", self.ticket_text(id2))
        err = self.refused(2, "open", "--via", "YX", "--customer", "甲", "--purchased",
                           "1899-12-31")
        self.assertEqual(err, "svc: --purchased: '1899-12-31': the year 1899 is not from 1900 to "
                              "2099\n")

    def test_whole_numbers_in_decimal_only(self):
        for value in ["0x10", "010x", " 5", "+5", "1e3", "-1", "5 ", "", "٣"]:
            with self.subTest(value=value):
                err = self.refused(2, "quote", self.id, "--people", value, "--days", "1")
                self.assertIn("--people", err)
        err = self.refused(2, "quote", self.id, "--people", "0x10", "--days", "1")
        self.assertEqual(
            err, "svc quote: --people: '0x10' is not a whole number from 1 to 1000 (decimal "
                 "digits only) (see 'svc quote --help')\n")
        self.refused(2, "quote", self.id, "--people", "1", "--days", "1e3")
        self.refused(2, "classify", self.id, "--kind", "support", "--category", "hardware",
                     "--level", "0x2")
        self.refused(2, "open", "--via", "YX", "--customer", "甲", "--quantity", "0x10")

    def test_leading_zeros_are_decimal_not_octal(self):
        id2 = self.open("YX", "乙", "--quantity", "010")
        self.assertIn("quantity = 10", self.ticket_text(id2))

    def test_an_empty_time_is_not_now(self):
        cases = [
            (("note", self.id, "x", "--at", ""), "--at"),
            (("open", "--via", "YX", "--customer", "甲", "--received-at", ""), "--received-at"),
            (("open", "--via", "YX", "--customer", "甲", "--at", ""), "--at"),
            (("--now", "", "note", self.id, "x"), "--now"),
            (("list", "--since", ""), "--since"),
        ]
        for args, option in cases:
            with self.subTest(args=args):
                err = self.refused(2, *args, now=None if args[0] == "--now" else NOW)
                self.assertIn("{}: must not be empty".format(option), err)


class CheckFilesTest(SvcTestCase):
    """svc check on hand-made bad tickets: one problem per field, at its line."""

    def setUp(self):
        super().setUp()
        self.id = self.open("YX", "华东电网", "--phone", "021-5555", "--contact", "陆海燕")
        rc, out, err = self.svc("note", self.id, "已电话联系")
        self.assertEqual(rc, 0, err)
        self.file = self.ticket_path(self.id)
        self.rel = os.path.relpath(self.file, self.records)

    def edit(self, old, new):
        text = read_text(self.file)
        self.assertIn(old, text)
        write_text(self.file, text.replace(old, new, 1))

    def line_of(self, fragment):
        for n, line in enumerate(read_text(self.file).split("\n"), 1):
            if fragment in line:
                return n
        self.fail(fragment)

    def check(self, now=NOW):
        before = self.snapshot()
        rc, out, err = self.svc("check", now=now, records=False, cwd=self.records)
        self.assertEqual(self.snapshot(), before)
        self.assertIsNone(RAW_CONTROL.search(out + err), repr(out + err))
        return rc, out, err

    def test_clean_to_begin_with(self):
        rc, out, err = self.check()
        self.assertEqual((rc, out), (0, ""), err)

    def test_control_characters_and_newlines_one_problem_per_field(self):
        self.edit('phone = "021-5555"', 'phone = "021\\u001b[2J"')
        self.edit('contact = "陆海燕"', 'contact = "陆\\n海燕"')
        self.edit('actor = "王芳"\naction = "note"', 'actor = "王\\u009b芳"\naction = "note"')
        self.edit('text = "已电话联系"', 'text = "已电话\\u0007联系"')
        rc, out, err = self.check()
        self.assertEqual(rc, 1, out)
        # svc would write the contact's newline as a multi-line string: a hand edit.
        lines = [l for l in out.splitlines() if "canonical form" not in l]
        self.assertIn("{}:{}: phone holds the control character U+001B".format(
            self.rel, self.line_of("phone =")), lines)
        self.assertIn("{}:{}: contact holds a newline (U+000A): it takes one line".format(
            self.rel, self.line_of("contact =")), lines)
        self.assertIn("{}:{}: actor holds the control character U+009B".format(
            self.rel, self.line_of("王\\u009b芳")), lines)
        self.assertIn("{}:{}: text holds the control character U+0007".format(
            self.rel, self.line_of("text =")), lines)
        self.assertEqual(len(lines), 4, out)

    def test_no_customer_name(self):
        self.edit('name = "华东电网"\n', '')
        rc, out, err = self.check()
        self.assertEqual(rc, 1, out)
        self.assertEqual(out, "{}:{}: customer: the customer's name must not be empty\n".format(
            self.rel, self.line_of('[customer]')))

    def test_an_event_in_the_far_future(self):
        text = read_text(self.file)
        last = text.rindex("at = 2026-11-29T10:00:00+08:00")
        write_text(self.file, text[:last] + "at = 3026-11-29T10:00:00+08:00" +
                   text[last + len("at = 2026-11-29T10:00:00+08:00"):])
        rc, out, err = self.check()
        self.assertEqual(rc, 1, out)
        last_event = read_text(self.file)[:last].count("\n")  # the [[event]] line above
        self.assertIn("{}:{}: the 'note' event is dated 3026-11-29T10:00:00+08:00, more than a day "
                      "after the check's moment".format(self.rel, last_event), out)

    def test_a_day_after_the_moment_given_with_now(self):
        text = read_text(self.file)
        last = text.rindex("at = 2026-11-29T10:00:00+08:00")
        for when, flagged in (("2098-12-31T20:00:00+08:00", False),
                              ("2099-01-02T00:00:01+08:00", True)):
            with self.subTest(when=when):
                write_text(self.file, text[:last] + "at = " + when +
                           text[last + len("at = 2026-11-29T10:00:00+08:00"):])
                rc, out, err = self.check(now="2098-12-31T00:00:00+08:00")
                self.assertEqual("more than a day after the check's moment "
                                 "2098-12-31T00:00:00+08:00" in out, flagged, out)


if __name__ == "__main__":
    unittest.main()
