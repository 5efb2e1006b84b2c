"""svc.toml errors: every command stops with `svc.toml:LINE: message` (exit 1),
svc check reports it like any other problem, and nothing is written."""

import os
import unittest

from svctest import SvcTestCase, read_bytes

# (the line as svc init writes it, the broken line, what the message says)
BROKEN = [
    ("desk = \"SH\"", "desk = \"SH\"\nbogus = 1", "unknown key 'bogus' in [company]"),
    ('form = "2h"', 'form = "2x"', "'form': '2x' is not a duration"),
    ('response = "10m"', 'response = "-5m"', "'response': '-5m' is not a duration"),
    ('code = "YX"', 'code = "SH"', "duplicate department code 'SH'"),
    ('tax = "15%"', 'tax = "15"', "'tax': '15' is not a percentage"),
    ('labor_per_day = "200.00"', 'labor_per_day = "2x"', "'labor_per_day': '2x' is not an amount"),
    ('timezone = "+08:00"', 'timezone = "Asia/Shanghai"', "'timezone': 'Asia/Shanghai'"),
    ("sequence_width = 2", "sequence_width = 0", "'sequence_width'"),
    ('hardware = "SC"', 'hardware = "QQ"', "'QQ'"),
]


class ConfigErrorTest(SvcTestCase):

    def setUp(self):
        super().setUp()
        self.ticket = self.open("YX", "华东电网")

    def break_config(self, old, new):
        """Replaces old by new in svc.toml; returns the line of new's last line."""
        line = self.config_line(old) + new.count("\n")
        self.set_config(old, new)
        return line

    def test_every_command_stops_with_the_line(self):
        original = read_bytes(self.path("svc.toml"))
        for old, new, phrase in BROKEN:
            with self.subTest(broken=new):
                try:
                    self.one_broken_config(old, new, phrase)
                finally:
                    with open(self.path("svc.toml"), "wb") as f:
                        f.write(original)

    def one_broken_config(self, old, new, phrase):
        line = self.break_config(old, new)
        before = self.snapshot()
        where = "svc.toml:{}: ".format(line)
        for args in (["open", "--via", "YX", "--customer", "甲"], ["show", self.ticket],
                     ["list"], ["--json", "list"]):
            err = self.assertFails(1, self.svc(*args))
            self.assertIn(where, err)
            self.assertIn(phrase, err)
        # check prints it as a problem on stdout.
        rc, out, err = self.svc("check", records=False, cwd=self.records)
        self.assertEqual(rc, 1)
        self.assertRegex(out, r"^(\./)?svc\.toml:{}: ".format(line))
        self.assertIn(phrase, out)
        self.assertEqual(out.count("\n"), 1, out)
        self.assertEqual(self.snapshot(), before)

    def test_unknown_key_exact_message(self):
        line = self.break_config('desk = "SH"', 'desk = "SH"\nbogus = 1')
        err = self.assertFails(1, self.svc("list", records=False, cwd=self.records))
        self.assertEqual(err.replace("svc: ./", "svc: "),
                         "svc: svc.toml:{}: unknown key 'bogus' in [company]\n".format(line))

    def test_bad_duration_exact_message(self):
        line = self.break_config('form = "2h"', 'form = "2x"')
        err = self.assertFails(1, self.svc("show", self.ticket, records=False, cwd=self.records))
        self.assertEqual(err.replace("svc: ./", "svc: "),
                         "svc: svc.toml:{}: 'form': '2x' is not a duration; write it as "
                         "10m, 2h, 1h30m or 2d in [clocks]\n".format(line))

    def test_toml_syntax_error_has_line_and_column(self):
        line = self.break_config("[routing]", "[routing")
        rc, out, err = self.svc("check", records=False, cwd=self.records)
        self.assertEqual(rc, 1)
        self.assertRegex(out, r"^(\./)?svc\.toml:{}:\d+: ".format(line))
        err = self.assertFails(1, self.svc("list"))
        self.assertRegex(err, r"svc\.toml:{}:\d+: ".format(line))

    def test_company_time_zone_decides_the_month(self):
        self.set_config('timezone = "+08:00"', 'timezone = "+00:00"')
        # 20:00 UTC on 30 November is still November in +00:00.
        rc, out, err = self.svc("open", "--via", "YX", "--customer", "甲", "--received-at",
                                "2026-11-30T20:00:00Z", now="2026-12-01T09:00:00+08:00")
        self.assertEqual((rc, out, err), (0, "YX-26-11-02\n", ""))
        # And a time without offset is read in it.
        rc, out, err = self.svc("open", "--via", "YX", "--customer", "乙", "--received-at",
                                "2026-11-30 23:30", now="2026-12-01T09:00:00+08:00")
        self.assertEqual((rc, out, err), (0, "YX-26-11-03\n", ""))
        self.assertIn("received = 2026-11-30T23:30:00+00:00\n", self.ticket_text("YX-26-11-03"))

    def test_a_missing_svc_toml_is_no_records_directory(self):
        os.remove(self.path("svc.toml"))
        self.assertFails(1, self.svc("list"), "is not a records directory")


if __name__ == "__main__":
    unittest.main()
