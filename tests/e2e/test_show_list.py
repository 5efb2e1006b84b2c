"""svc show and svc list: reading tickets back, as text and as JSON."""

import json
import os
import re
import unittest

from svctest import SvcTestCase, read_bytes, snapshot, write_text

FULL = [
    "--contact", "李工", "--title", "运维主管", "--phone", "021-5555-0101",
    "--address", "上海市浦东新区张江路 88 号", "--product", "配电柜", "--model", "KYN28A-12",
    "--size", "800×1500×2300", "--serial", "KY2023-0456", "--quantity", "2",
    "--project-no", "AB-2023-118", "--equipment-no", "PD-07", "--commissioned", "2023-06-18",
    "--purchased", "2023-03-02", "--invoice-no", "31002345",
    "--description", "10kV 进线柜主开关频繁跳闸\n上次跳闸 09:02，保护装置显示过流",
    "--received-at", "2026-11-29 09:05", "--at", "2026-11-29T09:20", "--level", "2",
]

CORRUPT = 'id = "YX-26-11-02"\nvia = = "YX"\n'


class ShowTest(SvcTestCase):

    def setUp(self):
        super().setUp()
        self.ticket = self.open("YX", "华东电网检修公司", *FULL)

    def test_text_shows_the_form_and_the_history(self):
        rc, out, err = self.svc("show", self.ticket)
        self.assertEqual((rc, err), (0, ""))
        lines = out.split("\n")
        self.assertEqual(lines[0], "YX-26-11-01  new  华东电网检修公司")
        self.assertRegex(out, r"\n  received +2026-11-29[ T]09:05(:00\+08:00)? via YX 营销中心\n")
        self.assertRegex(out, r"\n  form filled +2026-11-29[ T]09:20")
        self.assertRegex(out, r"\n  fault level +2 — 主要设备或功能失效")
        for label, value in [
                ("name", "华东电网检修公司"), ("contact", "李工"), ("title", "运维主管"),
                ("phone", "021-5555-0101"), ("address", "上海市浦东新区张江路 88 号"),
                ("product", "配电柜"), ("model", "KYN28A-12"), ("size", "800×1500×2300"),
                ("serial", "KY2023-0456"), ("quantity", "2"), ("project no.", "AB-2023-118"),
                ("equipment no.", "PD-07"), ("commissioned", "2023-06-18"),
                ("purchased", "2023-03-02"), ("invoice no.", "31002345")]:
            self.assertRegex(out, r"\n  {} +{}\n".format(re.escape(label), re.escape(value)))
        self.assertIn("fault\n  10kV 进线柜主开关频繁跳闸\n  上次跳闸 09:02，保护装置显示过流\n", out)
        history = out[out.index("\nhistory\n") + len("\nhistory\n"):].strip("\n").split("\n")
        self.assertEqual(len(history), 1, out)
        self.assertEqual(history[0].split(), ["2026-11-29", "09:20", "(recorded", "2026-11-29", "10:00)", "王芳", "open", "level:", "2"])

    def test_an_action_with_json_prints_the_ticket_as_it_now_stands(self):
        rc, out, err = self.svc("classify", self.ticket, "--kind", "support", "--category",
                                "hardware", "--level", "2", "--json")
        self.assertEqual((rc, err), (0, "svc: {}: classified; routed to SC\n".format(self.ticket)))
        after = json.loads(out)
        self.assertEqual((after["id"], after["route"], after["kind"]), (self.ticket, "SC", "support"))
        self.assertEqual(after, json.loads(self.ok("show", self.ticket, "--json")))
        # A refusal prints no JSON: one line on stderr, as without --json.
        before = self.snapshot()
        self.assertFails(2, self.svc("classify", self.ticket, "--kind", "nonsense", "--json"))
        self.assertEqual(self.snapshot(), before)

    def test_the_history_shows_every_value_whole(self):
        # show is the whole ticket: a long note is never cut, its lines joined by spaces.
        long = "现场检查记录：" + "".join(
            "第{}项：开关柜母线连接螺栓复紧，力矩合格。".format(i) for i in range(1, 21))
        rc, _, err = self.svc("note", self.ticket, long + "\n" + "结论：可以送电。")
        self.assertEqual(rc, 0, err)
        out = self.ok("show", self.ticket)
        self.assertNotIn("…", out)
        self.assertIn("text: " + long + " 结论：可以送电。", out)

    def test_json(self):
        rc, out, err = self.svc("--json", "show", self.ticket)
        self.assertEqual((rc, err), (0, ""))
        self.assertNotIn("\\u", out)  # Chinese stays readable in JSON too
        t = json.loads(out)
        for key in ("id", "status", "kind", "category", "level", "route", "dispatches", "quote",
                    "clocks", "customer"):
            self.assertIn(key, t)
        self.assertEqual(t["id"], "YX-26-11-01")
        self.assertEqual(t["status"], "new")
        self.assertEqual(t["level"], 2)
        self.assertIsNone(t["kind"])
        self.assertIsNone(t["category"])
        self.assertIsNone(t["quote"])
        self.assertEqual(t["dispatches"], [])
        self.assertIsInstance(t["clocks"], list)
        for clock in t["clocks"]:
            for key in ("name", "state", "start", "deadline", "stop"):
                self.assertIn(key, clock)
        self.assertEqual(t["customer"], {
            "name": "华东电网检修公司", "contact": "李工", "title": "运维主管",
            "phone": "021-5555-0101", "address": "上海市浦东新区张江路 88 号"})
        self.assertEqual(t["received"], "2026-11-29T09:05:00+08:00")
        self.assertEqual(t["equipment"]["quantity"], 2)
        self.assertEqual(t["equipment"]["commissioned"], "2023-06-18")
        self.assertEqual(t["description"], "10kV 进线柜主开关频繁跳闸\n上次跳闸 09:02，保护装置显示过流")

    def test_json_after_the_command_word(self):
        rc, out, err = self.svc("show", self.ticket, "--json")
        self.assertEqual((rc, err), (0, ""))
        self.assertEqual(json.loads(out)["id"], self.ticket)

    def test_unknown_ticket(self):
        before = self.snapshot()
        err = self.assertFails(1, self.svc("show", "YX-26-11-09"))
        self.assertEqual(err, "svc: no ticket YX-26-11-09 (no file tickets/2026/11/YX-26-11-09.toml)\n")
        self.assertEqual(self.snapshot(), before)
        self.assertFails(1, self.svc("show", "SH-26-11-01"), "no ticket SH-26-11-01")
        self.assertFails(1, self.svc("--json", "show", "YX-25-01-01"), "no ticket YX-25-01-01")

    def test_malformed_ids_are_refused_before_touching_anything(self):
        # A file that a path-traversing id could reach, outside the records.
        write_text(os.path.join(self.tmp, "etc", "passwd.toml"), 'id = "x"\n')
        before = snapshot(self.tmp)
        for bad in ["../../etc/passwd", "../../etc/passwd.toml", "YX-26-11-01.toml", "",
                    "YX-26-11-01/../../x", "YX/26-11-01", "..", ".",
                    "YX-26-13-01", "YX-26-11-00", "YX-26-11-1",
                    "YX-26-11-0a", "YX_26_11_01", "tickets/2026/11/YX-26-11-01.toml"]:
            with self.subTest(id=bad):
                err = self.assertFails(2, self.svc("show", bad))
                self.assertEqual(
                    err, "svc: '{}' is not a document number; numbers look like YX-26-11-01\n"
                    .format(bad))
        self.assertEqual(snapshot(self.tmp), before)
        # Typed in lower case or with spaces around it, a number is still the number.
        for typed in ["yx-26-11-01", " YX-26-11-01", "YX-26-11-01 "]:
            with self.subTest(id=typed):
                self.assertTrue(self.ok("show", typed).startswith("YX-26-11-01  new"))

    def test_a_corrupt_ticket_is_reported_and_left_alone(self):
        path = self.ticket_path("YX-26-11-01")
        write_text(path, CORRUPT)
        before = self.snapshot()
        for args in (["show", self.ticket], ["--json", "show", self.ticket]):
            with self.subTest(args=args):
                err = self.assertFails(1, self.svc(*args))
                self.assertIn("tickets/2026/11/YX-26-11-01.toml:2:7:", err)
        # Opening the next ticket does not rewrite it either.
        self.assertEqual(self.open("YX"), "YX-26-11-02")
        self.assertEqual(read_bytes(path), CORRUPT.encode("utf-8"))
        after = self.snapshot()
        for key in ("tickets/2026/11/YX-26-11-02.toml", ".svc/", ".svc/lock"):
            after.pop(key, None)
            before.pop(key, None)
        self.assertEqual(after, before)

    def test_a_hand_edited_but_readable_ticket_still_shows(self):
        path = self.ticket_path(self.ticket)
        write_text(path, read_bytes(path).decode("utf-8").replace('name = "华东电网检修公司"',
                                                                  'name   =   "华东电网检修公司"'))
        rc, out, err = self.svc("show", self.ticket)
        self.assertEqual((rc, err), (0, ""))
        self.assertIn("华东电网检修公司", out)

    def test_help(self):
        rc, out, err = self.svc("show", "--help")
        self.assertEqual((rc, err), (0, ""))
        self.assertIn("YX-26-11-01", out)


class ListTest(SvcTestCase):
    NOW = "2026-12-01T12:00:00+08:00"

    def add(self, via, customer, received, *extra):
        return self.open(via, customer, "--received-at", received, *extra, now=self.NOW)

    def setUp(self):
        super().setUp()
        self.add("YX", "华东电网检修公司", "2026-11-28 23:59", "--product", "配电柜")  # YX-…-01
        self.add("YX", "ABB 中国", "2026-11-29 00:00")                              # YX-…-02
        self.add("SH", "国网江苏", "2026-11-29 23:59:59")                            # SH-…-01
        self.add("YX", "南方电网", "2026-11-30 00:00")                               # YX-…-03
        self.add("YX", "Schneider Electric", "2026-12-01 08:00")                    # YX-26-12-01

    def ids(self, *args):
        rc, out, err = self.svc("list", "--no-header", *args, now=self.NOW)
        self.assertEqual((rc, err), (0, ""))
        return [line.split()[0] for line in out.split("\n") if line]

    def test_one_line_per_ticket(self):
        rc, out, err = self.svc("list", now=self.NOW)
        self.assertEqual((rc, err), (0, ""))
        lines = out.split("\n")
        self.assertEqual(lines[-1], "")
        self.assertEqual(lines[0].split(), ["NUMBER", "STATUS", "RECEIVED", "LEVEL", "ROUTE",
                                            "CUSTOMER", "HEADLINE"])
        lines = lines[1:]
        self.assertEqual([l.split()[0] for l in lines[:-1]],
                         ["SH-26-11-01", "YX-26-11-01", "YX-26-11-02", "YX-26-11-03",
                          "YX-26-12-01"])
        first = lines[1].split()
        self.assertEqual(first[:4], ["YX-26-11-01", "new", "2026-11-28", "23:59"])
        self.assertIn("华东电网检修公司", lines[1])
        self.assertIn("配电柜", lines[1])

    def test_number_order_not_text_order(self):
        for _ in range(9):
            self.add("YX", "客户", "2026-11-30 09:00")
        ids = [i for i in self.ids() if i.startswith("YX-26-11-")]
        self.assertEqual(ids, ["YX-26-11-{:02}".format(n) for n in range(1, 13)])
        self.assertLess(ids.index("YX-26-11-02"), ids.index("YX-26-11-10"))

    def test_filter_status(self):
        self.assertEqual(len(self.ids("--status", "new")), 5)
        self.assertEqual(self.ids("--status", "closed"), [])
        self.assertEqual(self.ids("--status", "void"), [])
        rc, out, err = self.svc("list", "--status", "bogus", now=self.NOW)
        self.assertEqual((rc, out), (2, ""))
        self.assertIn("--status", err)

    def test_filter_via(self):
        self.assertEqual(self.ids("--via", "SH"), ["SH-26-11-01"])
        self.assertEqual(len(self.ids("--via", "YX")), 4)
        self.assertEqual(self.ids("--via", "ZL"), [])

    def test_filter_dates_are_whole_days(self):
        self.assertEqual(self.ids("--since", "2026-11-29", "--until", "2026-11-29"),
                         ["SH-26-11-01", "YX-26-11-02"])
        self.assertEqual(self.ids("--since", "2026-11-30"), ["YX-26-11-03", "YX-26-12-01"])
        self.assertEqual(self.ids("--until", "2026-11-28"), ["YX-26-11-01"])

    def test_filter_times(self):
        self.assertEqual(self.ids("--since", "2026-11-29T00:00", "--until", "2026-11-30T00:00"),
                         ["SH-26-11-01", "YX-26-11-02", "YX-26-11-03"])
        self.assertEqual(self.ids("--since", "2026-11-29T23:59:59+08:00"),
                         ["SH-26-11-01", "YX-26-11-03", "YX-26-12-01"])

    def test_filter_bad_date(self):
        rc, out, err = self.svc("list", "--since", "last week", now=self.NOW)
        self.assertEqual((rc, out), (2, ""))
        self.assertIn("--since", err)

    def test_filter_customer_substring(self):
        self.assertEqual(self.ids("--customer", "电网"), ["YX-26-11-01", "YX-26-11-03"])
        self.assertEqual(self.ids("--customer", "abb"), ["YX-26-11-02"])
        self.assertEqual(self.ids("--customer", "SCHNEIDER"), ["YX-26-12-01"])
        self.assertEqual(self.ids("--customer", "nobody"), [])

    def test_filters_combine(self):
        self.assertEqual(self.ids("--via", "YX", "--customer", "电网", "--since", "2026-11-29"),
                         ["YX-26-11-03"])

    def test_json(self):
        rc, out, err = self.svc("--json", "list", now=self.NOW)
        self.assertEqual((rc, err), (0, ""))
        rows = json.loads(out)
        self.assertIsInstance(rows, list)
        self.assertEqual([r["id"] for r in rows], ["SH-26-11-01", "YX-26-11-01", "YX-26-11-02",
                                                   "YX-26-11-03", "YX-26-12-01"])
        self.assertEqual(rows[1]["customer"], "华东电网检修公司")
        self.assertEqual(rows[1]["status"], "new")
        self.assertEqual(rows[1]["via"], "YX")
        self.assertEqual(rows[1]["received"], "2026-11-28T23:59:00+08:00")
        rc, out, err = self.svc("list", "--json", "--via", "ZL", now=self.NOW)
        self.assertEqual((rc, json.loads(out)), (0, []))

    def test_a_corrupt_file_is_reported_and_the_rest_listed(self):
        path = self.ticket_path("YX-26-11-02")
        write_text(path, CORRUPT)
        rc, out, err = self.svc("list", "--no-header", now=self.NOW)
        self.assertEqual(rc, 1)
        self.assertEqual([l.split()[0] for l in out.split("\n") if l],
                         ["SH-26-11-01", "YX-26-11-01", "YX-26-11-03", "YX-26-12-01"])
        self.assertIn("tickets/2026/11/YX-26-11-02.toml:2:7:", err)
        self.assertIn("1 ticket file could not be read", err)
        self.assertEqual(read_bytes(path), CORRUPT.encode("utf-8"))
        rc, out, err = self.svc("--json", "list", now=self.NOW)
        self.assertEqual(rc, 1)
        self.assertEqual(len(json.loads(out)), 4)
        self.assertIn("YX-26-11-02.toml:2:7:", err)

    def test_help(self):
        rc, out, err = self.svc("list", "--help")
        self.assertEqual((rc, err), (0, ""))
        for option in ("--status", "--via", "--since", "--until", "--customer"):
            self.assertIn(option, out)


if __name__ == "__main__":
    unittest.main()
