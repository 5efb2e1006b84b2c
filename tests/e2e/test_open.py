"""svc open: the info form (R-4.2.1) as the service desk fills it."""

import json
import os
import tomllib
import unittest

from svctest import NOW, SvcTestCase, read_bytes, write_text

FULL_TICKET = '''\
# 售后信息处理单 After-sales Information Processing Form (R-4.2.1)
id = "YX-26-11-01"
via = "YX"
received = 2026-11-29T09:05:00+08:00

[customer]
name = "华东电网检修公司"
contact = "李工"
title = "运维主管"
phone = "021-5555-0101"
address = "上海市浦东新区张江路 88 号"

[equipment]
product = "配电柜"
model = "KYN28A-12"
size = "800×1500×2300"
serial = "KY2023-0456"
quantity = 2
project_no = "AB-2023-118"
equipment_no = "PD-07"
commissioned = 2023-06-18
purchased = 2023-03-02
invoice_no = "31002345"

[fault]
description = """
10kV 进线柜主开关频繁跳闸
上次跳闸 09:02，保护装置显示过流"""

[[event]]
at = 2026-11-29T09:20:00+08:00
recorded = 2026-11-29T10:00:00+08:00
actor = "王芳"
action = "open"
level = 2
'''

FULL_OPTIONS = [
    "--via", "YX", "--customer", "华东电网检修公司", "--contact", "李工", "--title", "运维主管",
    "--phone", "021-5555-0101", "--address", "上海市浦东新区张江路 88 号",
    "--product", "配电柜", "--model", "KYN28A-12", "--size", "800×1500×2300",
    "--serial", "KY2023-0456", "--quantity", "2", "--project-no", "AB-2023-118",
    "--equipment-no", "PD-07", "--commissioned", "2023-06-18", "--purchased", "2023-03-02",
    "--invoice-no", "31002345",
    "--received-at", "2026-11-29 09:05", "--at", "2026-11-29T09:20", "--level", "2",
]

DESCRIPTION = "10kV 进线柜主开关频繁跳闸\n上次跳闸 09:02，保护装置显示过流"


class OpenTest(SvcTestCase):

    def test_prints_only_the_number(self):
        rc, out, err = self.svc("open", "--via", "YX", "--customer", "华东电网")
        self.assertEqual((rc, out, err), (0, "YX-26-11-01\n", ""))
        self.assertEqual(self.ticket_files(), ["tickets/2026/11/YX-26-11-01.toml"])

    def test_every_option_lands_in_the_ticket_file(self):
        rc, out, err = self.svc("open", *FULL_OPTIONS, "--description", DESCRIPTION)
        self.assertEqual((rc, out, err), (0, "YX-26-11-01\n", ""))
        raw = read_bytes(self.ticket_path("YX-26-11-01"))
        # Readable UTF-8 (never \\u escapes), LF line endings, offsets kept.
        self.assertEqual(raw.decode("utf-8"), FULL_TICKET)
        self.assertNotIn(b"\\u", raw)
        self.assertNotIn(b"\r", raw)
        self.assertIn("华东电网检修公司".encode("utf-8"), raw)
        # It is TOML that any reader understands the same way.
        t = tomllib.loads(raw.decode("utf-8"))
        self.assertEqual(t["customer"]["address"], "上海市浦东新区张江路 88 号")
        self.assertEqual(t["equipment"]["quantity"], 2)
        self.assertEqual(t["fault"]["description"], DESCRIPTION)
        self.assertEqual(t["received"].isoformat(), "2026-11-29T09:05:00+08:00")
        self.assertEqual(t["event"][0]["at"].isoformat(), "2026-11-29T09:20:00+08:00")
        # And svc itself finds it canonical.
        rc, out, err = self.svc("check")
        self.assertEqual((rc, out), (0, ""), err)

    def test_defaults_received_and_at_to_now(self):
        ticket = self.open("SH", "国网江苏")
        t = tomllib.loads(self.ticket_text(ticket))
        self.assertEqual(t["received"].isoformat(), NOW)
        self.assertEqual(t["event"][0]["at"].isoformat(), NOW)
        self.assertEqual(t["event"][0]["actor"], "王芳")
        self.assertEqual(t["event"][0]["action"], "open")
        self.assertNotIn("equipment", t)
        self.assertNotIn("fault", t)

    def test_times_without_offset_are_read_in_company_time(self):
        for text in ("2026-11-29 08:00", "2026-11-29T08:00", "2026-11-29T08:00:00",
                     "2026-11-29T00:00:00Z", "2026-11-29T08:00:00+08:00"):
            with self.subTest(received_at=text):
                ticket = self.open("YX", "甲", "--received-at", text)
                t = tomllib.loads(self.ticket_text(ticket))
                self.assertEqual(t["received"].timestamp(),
                                 tomllib.loads("x = 2026-11-29T08:00:00+08:00")["x"].timestamp())
                if "Z" not in text:
                    self.assertIn("received = 2026-11-29T08:00:00+08:00\n",
                                  self.ticket_text(ticket))

    def test_description_from_a_file(self):
        desc = os.path.join(self.tmp, "故障.txt")
        write_text(desc, "变频器报警 E07\n风机不启动\n\n")
        ticket = self.open("YX", "甲", "--description-file", desc)
        t = tomllib.loads(self.ticket_text(ticket))
        self.assertEqual(t["fault"]["description"], "变频器报警 E07\n风机不启动")

    def test_description_from_standard_input(self):
        for option in ("--description", "--description-file"):
            with self.subTest(option=option):
                rc, out, err = self.svc("open", "--via", "YX", "--customer", "甲", option, "-",
                                        input="母线温度过高\n第二行\n")
                self.assertEqual((rc, err), (0, ""))
                t = tomllib.loads(self.ticket_text(out.strip()))
                self.assertEqual(t["fault"]["description"], "母线温度过高\n第二行")

    def test_awkward_text_round_trips(self):
        texts = ['a """ b\nc', 'ends with a quote"\nx"', "tab\there\nback\\slash\\",
                 'x\n"""', "\n\nleading newlines", "单行 'single' \"double\"", "# not a comment"]
        for text in texts:
            with self.subTest(text=text):
                ticket = self.open("YX", 'Name "quoted" \\ 客户', "--description", text)
                t = tomllib.loads(self.ticket_text(ticket))
                self.assertEqual(t["fault"]["description"], text)
                self.assertEqual(t["customer"]["name"], 'Name "quoted" \\ 客户')
                rc, out, err = self.svc("--json", "show", ticket)
                self.assertEqual(rc, 0, err)
                self.assertEqual(json.loads(out)["description"], text)
        rc, out, err = self.svc("check")
        self.assertEqual((rc, out), (0, ""), err)

    def test_the_actor_is_recorded(self):
        ticket = self.open("YX", "甲", actor="赵工程师")
        self.assertIn('actor = "赵工程师"\n', self.ticket_text(ticket))

    def test_actor_from_environment(self):
        rc, out, err = self.svc("open", "--via", "YX", "--customer", "甲", actor=None,
                                env={"SVC_ACTOR": "钱经理"})
        self.assertEqual(rc, 0, err)
        self.assertIn('actor = "钱经理"\n', self.ticket_text(out.strip()))

    def test_backdated_open_records_when_it_was_written(self):
        # docs/FORMAT.md: an event's `recorded` key (when svc wrote it) is
        # present whenever it differs from `at`; `svc open --at` earlier than
        # now writes it too, so an auditor can tell a form filled at 09:20
        # from one typed in at 10:00 with --at 09:20.
        ticket = self.open("YX", "甲", "--at", "2026-11-29T09:20")
        self.assertIn("recorded = 2026-11-29T10:00:00+08:00\n", self.ticket_text(ticket))


class OpenRefusedTest(SvcTestCase):
    """Every refusal: exit 2 for a bad command line, one line, nothing written."""

    def refused(self, rc, args, *phrases, **kwargs):
        before = self.snapshot()
        result = self.svc("open", *args, **kwargs)
        err = self.assertFails(rc, result, *phrases)
        self.assertEqual(self.ticket_files(), [])
        after = self.snapshot()
        after.pop(".svc/lock", None)
        after.pop(".svc/", None)
        self.assertEqual(after, before)
        return err

    def test_at_later_than_now(self):
        err = self.refused(2, ["--via", "YX", "--customer", "甲", "--at", "2026-11-29T11:00"])
        self.assertEqual(err, "svc: --at 2026-11-29T11:00:00+08:00 is later than now "
                              "(2026-11-29T10:00:00+08:00)\n")

    def test_received_at_later_than_at(self):
        err = self.refused(2, ["--via", "YX", "--customer", "甲", "--at", "2026-11-29T09:00",
                               "--received-at", "2026-11-29T09:30"])
        self.assertEqual(err, "svc: --received-at 2026-11-29T09:30:00+08:00 is later than the "
                              "form was filled (2026-11-29T09:00:00+08:00)\n")

    def test_received_at_later_than_now(self):
        self.refused(2, ["--via", "YX", "--customer", "甲", "--received-at", "2026-11-29T12:00"],
                     "--received-at")

    def test_unknown_via_lists_the_codes(self):
        err = self.refused(2, ["--via", "QQ", "--customer", "甲"])
        self.assertEqual(err, "svc: --via: 'QQ' is no department code in svc.toml (codes: SH, "
                              "YX, SC, SJ, ZL, XT, YF, HY, ZC1, ZC2, CW)\n")

    def test_lower_case_via_is_not_a_code(self):
        self.refused(2, ["--via", "yx", "--customer", "甲"], "'yx'", "codes: SH")

    def test_missing_customer(self):
        self.refused(2, ["--via", "YX"], "--customer is required")

    def test_missing_via(self):
        self.refused(2, ["--customer", "甲"], "--via is required")

    def test_blank_customer(self):
        self.refused(2, ["--via", "YX", "--customer", "   "], "--customer",
                     "must not be empty")

    def test_customer_with_a_newline(self):
        self.refused(2, ["--via", "YX", "--customer", "甲\n乙"], "--customer",
                     "a newline (U+000A)")

    def test_level_out_of_range(self):
        for level in ("7", "0", "-1", "two"):
            with self.subTest(level=level):
                self.refused(2, ["--via", "YX", "--customer", "甲", "--level", level], "--level")

    def test_bad_at_text_names_the_option(self):
        err = self.refused(2, ["--via", "YX", "--customer", "甲", "--at", "yesterday"])
        self.assertEqual(err, "svc: --at: 'yesterday' is not a date-time; write it as "
                              "2026-11-29T09:30:00+08:00 or 2026-11-29T09:30\n")

    def test_bad_received_at_names_the_option(self):
        for text in ("2026-13-01T09:00", "2026-11-31T09:00", "29.11.2026", "2026-11-29T25:00"):
            with self.subTest(text=text):
                self.refused(2, ["--via", "YX", "--customer", "甲", "--received-at", text],
                             "--received-at: '{}' is not a date-time".format(text))

    def test_bad_dates(self):
        self.refused(2, ["--via", "YX", "--customer", "甲", "--commissioned", "2024-13-01"],
                     "--commissioned: '2024-13-01' is not a date")
        self.refused(2, ["--via", "YX", "--customer", "甲", "--purchased", "soon"],
                     "--purchased")

    def test_bad_quantity(self):
        self.refused(2, ["--via", "YX", "--customer", "甲", "--quantity", "0"], "--quantity")

    def test_description_twice(self):
        desc = os.path.join(self.tmp, "d.txt")
        write_text(desc, "x\n")
        self.refused(2, ["--via", "YX", "--customer", "甲", "--description", "a",
                         "--description-file", desc], "--description")

    def test_missing_description_file(self):
        missing = os.path.join(self.tmp, "nope.txt")
        self.refused(2, ["--via", "YX", "--customer", "甲", "--description-file", missing],
                     "--description-file", missing, "does not exist")

    def test_unknown_option(self):
        self.refused(2, ["--via", "YX", "--customer", "甲", "--colour", "red"],
                     "--colour")

    def test_failures_do_not_use_up_numbers(self):
        self.refused(2, ["--via", "YX", "--customer", "甲", "--level", "9"], "--level")
        self.assertEqual(self.open("YX", "甲"), "YX-26-11-01")


if __name__ == "__main__":
    unittest.main()
