"""svc nonconformity: nonconformity reports (不合格品报告处理单, R-4.5.3.1; issue 18 item 2).

Every command and refusal on a fresh records directory; a refusal exits with
its exact status, says one line on stderr and leaves the records unchanged.
Numbers run by the month of filing in the company's zone, continuous, with a
configurable code; concurrent filings get different numbers; two clones
numbering offline and merging through real git; the printed form in text,
md and html (escaped); `svc report` counts; `svc check` finds damaged files,
gaps and reports naming a ticket or record not on file.
"""

import concurrent.futures
import json
import os
import subprocess
import tomllib
import unittest

from svctest import SvcTestCase, read_text, snapshot, write_text
from test_git import GitCase, T, events_of

NOW = "2026-11-30T12:00:00+08:00"
FILED = "2026-11-25T09:00:00+08:00"


class NcCase(SvcTestCase):

    def svc(self, *args, now=NOW, **kwargs):
        return super().svc(*args, now=now, **kwargs)

    def act(self, *args, **kwargs):
        rc, out, err = self.svc(*args, **kwargs)
        self.assertEqual(rc, 0, err)
        return out

    def ticket(self, back=False, received="2026-11-20 09:00"):
        """A ticket for 国网杭州供电公司's switchgear; with `back`, taken on
        site and its relay brought back. Returns (ticket, outbound record)."""
        tid = self.act("open", "--via", "YX", "--customer", "国网杭州供电公司",
                       "--product", "开关柜", "--model", "KYN28", "--serial", "KYN-0315",
                       "--description", "开关柜无法合闸", "--at", received).strip()
        if not back:
            return tid, None
        for step in [
            ("classify", tid, "--kind", "support", "--category", "hardware", "--level", "2",
             "--service", "onsite-repair", "--at", "2026-11-20 09:30"),
            ("dispatch", tid, "--tech", "张伟", "--at", "2026-11-20 10:00"),
            ("dispatch", tid, "--arrive", "--at", "2026-11-20 14:00"),
            ("dispatch", tid, "--finish", "--work", "更换继电器", "--part",
             "过流继电器:2:35.00:warranty", "--at", "2026-11-20 16:00"),
            ("dispatch", tid, "--back", "--part", "过流继电器:2:returned",
             "--at", "2026-11-21 18:00"),
        ]:
            self.act(*step)
        records = json.loads(self.act("show", tid, "--json"))["dispatches"]
        return tid, records[-1]["number"]

    def file(self, tid, *extra, at=FILED, part="过流继电器:2", **kwargs):
        rc, out, err = self.svc("nonconformity", tid, "--part", part,
                                "--description", "触点烧蚀", "--at", at, *extra, **kwargs)
        self.assertEqual((rc, err), (0, ""), err)
        return out.strip()

    def nc_path(self, nid):
        yy, mm = nid.split("-")[1:3]
        return self.path("nonconformities", "20" + yy, mm, nid + ".toml")

    def nc_text(self, nid):
        return read_text(self.nc_path(nid))

    def shown(self, nid):
        return json.loads(self.act("nonconformity", "show", nid, "--json"))


class FileTest(NcCase):

    def test_file_prints_only_the_number_and_writes_the_file(self):
        tid, record = self.ticket(back=True)
        rc, out, err = self.svc("nonconformity", tid, "--part", "过流继电器:2",
                                "--part", "指示灯:1", "--description", "触点烧蚀\n线圈正常",
                                "--at", FILED)
        self.assertEqual((rc, out, err), (0, "NC-26-11-01\n", ""))
        self.assertEqual(
            self.nc_text("NC-26-11-01"),
            '# 不合格品报告处理单 Nonconformity Report (R-4.5.3.1)\n'
            'id = "NC-26-11-01"\nat = 2026-11-25T09:00:00+08:00\nby = "王芳"\n'
            'ticket = "{}"\nrecord = "{}"\n'
            'parts = [\n  {{ name = "过流继电器", qty = 2 }},\n  {{ name = "指示灯", qty = 1 }},\n]\n'
            'description = """\n触点烧蚀\n线圈正常"""\n\n'
            '[customer]\nname = "国网杭州供电公司"\n\n'
            '[equipment]\nproduct = "开关柜"\nmodel = "KYN28"\nserial = "KYN-0315"\n\n'
            '[[event]]\nat = 2026-11-25T09:00:00+08:00\n'
            'recorded = 2026-11-30T12:00:00+08:00\nactor = "王芳"\n'
            'action = "file"\n'.format(tid, record))
        self.assertEqual(self.act("check"), "")

    def test_numbers_run_by_the_month_of_filing_in_the_company_zone(self):
        tid, _ = self.ticket(received="2026-10-20 09:00")
        self.assertEqual(self.file(tid), "NC-26-11-01")
        self.assertEqual(self.file(tid), "NC-26-11-02")
        self.assertEqual(self.file(tid, at="2026-10-31T17:00:00Z"), "NC-26-11-03")
        self.assertEqual(self.file(tid, at="2026-10-31T15:00:00Z"), "NC-26-10-01")
        self.assertEqual(self.file(tid, at="2026-10-31T15:30:00Z"), "NC-26-10-02")
        self.assertEqual(self.act("check"), "")

    def test_the_code_comes_from_svc_toml(self):
        tid, _ = self.ticket()
        self.set_config('nonconformity = "NC"', 'nonconformity = "BHG"')
        self.assertEqual(self.file(tid), "BHG-26-11-01")
        self.assertTrue(os.path.exists(self.nc_path("BHG-26-11-01")))
        self.assertEqual(self.act("check"), "")

    def test_an_svc_toml_without_the_key_keeps_working(self):
        tid, _ = self.ticket()
        path = self.path("svc.toml")
        write_text(path, "\n".join(l for l in read_text(path).split("\n")
                                   if not l.startswith("nonconformity")))
        self.assertEqual(self.file(tid), "NC-26-11-01")

    def test_a_bad_code_in_svc_toml_is_refused(self):
        self.set_config('nonconformity = "NC"', 'nonconformity = "nc"')
        rc, out, err = self.svc("nonconformity", "list")
        self.assertEqual(rc, 1, err)
        self.assertOneLine(err)
        self.assertIn("'nonconformity' must be a code", err)

    def test_the_record_defaults_to_the_latest_with_parts_brought_back(self):
        tid, record = self.ticket(back=True)
        self.assertEqual(self.shown(self.file(tid))["record"], record)
        self.assertEqual(self.shown(self.file(tid, "--record", record))["record"], record)
        # Filed before the parts came back: no record.
        self.assertIsNone(self.shown(self.file(tid, at="2026-11-21T09:00"))["record"])
        other, _ = self.ticket()
        self.assertIsNone(self.shown(self.file(other))["record"])

    def test_action_close_note_show_and_list(self):
        tid, record = self.ticket(back=True)
        first = self.file(tid)
        second = self.file(tid, at="2026-11-26T09:00", part="指示灯:1")
        rc, out, err = self.svc("nonconformity", "action", first, "--text", "加严来料检验",
                                "--at", "2026-11-27T09:00", actor="赵质检")
        self.assertEqual((rc, out, err), (0, "", "svc: NC-26-11-01: corrective action filed\n"))
        rc, out, err = self.svc("nonconformity", "action", first, "--text", "加严来料检验，更换批次",
                                "--amend", "--reason", "补充", "--at", "2026-11-27T10:00",
                                actor="赵质检")
        self.assertEqual((rc, out, err),
                         (0, "", "svc: NC-26-11-01: corrective action amended\n"))
        rc, out, err = self.svc("nonconformity", "close", first, "--disposition", "退货",
                                "--comment", "退供应商", "--at", "2026-11-28T09:00",
                                actor="赵质检")
        self.assertEqual((rc, out, err), (0, "", "svc: NC-26-11-01: closed (return)\n"))
        rc, out, err = self.svc("nonconformity", "note", first, "供应商已确认")
        self.assertEqual((rc, out, err), (0, "", "svc: NC-26-11-01: note added\n"))
        self.assertEqual([e["action"] for e in events_of(self.nc_text(first))],
                         ["file", "action", "action", "dispose", "note"])
        shown = self.shown(first)
        self.assertEqual(
            (shown["number"], shown["ticket"], shown["record"], shown["filed"], shown["status"],
             shown["disposition"], shown["closed"], shown["comment"], shown["action"],
             shown["amendments"], shown["customer"], shown["serial"], shown["description"]),
            (first, tid, record, FILED, "closed", "return", "2026-11-28T09:00:00+08:00",
             "退供应商", "加严来料检验，更换批次", 1, "国网杭州供电公司", "KYN-0315", "触点烧蚀"))
        self.assertEqual(shown["parts"], [{"name": "过流继电器", "qty": 2}])
        self.assertEqual([n["text"] for n in shown["notes"]], ["供应商已确认"])
        self.assertEqual([h["action"] for h in shown["history"]],
                         ["file", "action", "action", "dispose", "note"])
        text = self.act("nonconformity", "show", first)
        self.assertTrue(text.startswith("NC-26-11-01  closed 2026-11-28 09:00 return (退货)\n"),
                        text)
        for phrase in ("加严来料检验，更换批次", "过流继电器×2", "KYN-0315", "history"):
            self.assertIn(phrase, text)
        # Open ones first, then newest first.
        third = self.file(tid, at="2026-11-24T09:00")
        listed = json.loads(self.act("nonconformity", "list", "--json"))
        self.assertEqual([(n["number"], n["status"]) for n in listed],
                         [(second, "open"), (third, "open"), (first, "closed")])
        for n in listed:
            for k in ("number", "ticket", "record", "filed", "status", "disposition", "parts",
                      "description"):
                self.assertIn(k, n)
            self.assertNotIn("history", n)
        self.assertEqual([n["number"] for n in json.loads(
            self.act("nonconformity", "list", "--open", "--json"))], [second, third])
        other, _ = self.ticket()
        fourth = self.file(other)
        self.assertEqual([n["number"] for n in json.loads(
            self.act("nonconformity", "list", "--ticket", other, "--json"))], [fourth])
        lines = self.act("nonconformity", "list").splitlines()
        self.assertEqual(len(lines), 4)
        self.assertTrue(lines[0].startswith(second + "  2026-11-26 09:00  " + tid), lines[0])
        self.assertTrue(lines[-1].endswith("closed 2026-11-28 09:00 return (退货)"), lines[-1])
        self.assertEqual(self.act("check"), "")

    def test_every_disposition_in_english_and_chinese(self):
        tid, _ = self.ticket()
        for typed, stored in (("return", "return"), ("退回", "return"), ("repair", "repair"),
                              ("返修", "repair"), ("scrap", "scrap"), ("报废", "scrap"),
                              ("concession", "concession"), ("让步接收", "concession")):
            nid = self.file(tid)
            self.act("nonconformity", "close", nid, "--disposition", typed)
            self.assertEqual(self.shown(nid)["disposition"], stored)

    def test_show_and_list_as_of_a_moment(self):
        tid, _ = self.ticket()
        nid = self.file(tid, now="2026-11-25T09:00:00+08:00")
        self.act("nonconformity", "close", nid, "--disposition", "scrap",
                 now="2026-11-28T09:00:00+08:00")
        self.assertEqual(self.act("nonconformity", "show", nid, "--json",
                                  now="2026-11-27T09:00:00+08:00").count('"open"'), 1)
        self.assertEqual(json.loads(self.act("nonconformity", "list", "--json",
                                             now="2026-11-24T09:00:00+08:00")), [])
        self.assertFails(1, self.svc("nonconformity", "show", nid,
                                     now="2026-11-24T09:00:00+08:00"),
                         "no nonconformity report")

    def test_concurrent_filings_get_different_numbers(self):
        tid, _ = self.ticket()
        n = 12
        with concurrent.futures.ThreadPoolExecutor(max_workers=n) as pool:
            results = list(pool.map(
                lambda i: self.svc("nonconformity", tid, "--part", "继电器:{}".format(i + 1),
                                   "--description", "触点烧蚀", "--at", FILED), range(n)))
        for rc, out, err in results:
            self.assertEqual((rc, err), (0, ""), err)
        numbers = sorted(out.strip() for _, out, _ in results)
        self.assertEqual(numbers, ["NC-26-11-{:02}".format(i + 1) for i in range(n)])
        self.assertEqual(self.act("check"), "")


class RefusalTest(NcCase):

    def setUp(self):
        super().setUp()
        self.tid, self.record = self.ticket(back=True)
        self.nid = self.file(self.tid)

    def refused(self, rc_expected, args, *phrases, setup=None):
        if setup:
            setup()
        before = self.snapshot()
        err = self.assertFails(rc_expected, self.svc(*args), *phrases)
        self.assertEqual(self.snapshot(), before)
        return err

    def filing(self, *extra, ticket=None):
        return ["nonconformity", ticket or self.tid, "--part", "继电器:1", "--description",
                "触点烧蚀", *extra]

    def test_unknown_ticket(self):
        err = self.refused(1, self.filing(ticket="YX-26-11-09"))
        self.assertEqual(err, "svc: no ticket YX-26-11-09 (no file "
                              "tickets/2026/11/YX-26-11-09.toml)\n")
        self.refused(2, self.filing(ticket="nonsense"), "nonsense")

    def test_void_ticket(self):
        other, _ = self.ticket()
        self.act("void", other, "--reason", "重复登记")
        err = self.refused(1, self.filing(ticket=other))
        self.assertEqual(err, "svc: {} is void: a void ticket takes no nonconformity "
                              "report\n".format(other))

    def test_a_record_not_of_the_ticket(self):
        err = self.refused(1, self.filing("--record", "SC-26-11-07"))
        self.assertEqual(err, "svc: {} has no outbound record SC-26-11-07 (its records: "
                              "{})\n".format(self.tid, self.record))
        other, _ = self.ticket()
        self.refused(1, self.filing("--record", self.record, ticket=other),
                     "has no outbound record", "it has none")

    def test_filed_before_the_ticket_was_opened(self):
        self.refused(1, self.filing("--at", "2026-11-19T09:00"), "was not yet opened")

    def test_missing_or_bad_parts_and_description(self):
        self.refused(2, ["nonconformity", self.tid, "--description", "x"], "--part is required")
        self.refused(2, ["nonconformity", self.tid, "--part", "继电器:1"],
                     "--description is required")
        self.refused(2, ["nonconformity", self.tid, "--part", "继电器:1", "--description", " "],
                     "the description is empty")
        self.refused(2, ["nonconformity", self.tid, "--part", "继电器", "--description", "x"],
                     "--part '继电器': write NAME:QTY")
        self.refused(2, ["nonconformity", self.tid, "--part", "继电器:0", "--description", "x"],
                     "the quantity must be a whole number from 1 (write NAME:QTY)")
        self.refused(2, ["nonconformity", self.tid, "--part", "继电器:2:35", "--description",
                         "x"], "write NAME:QTY")
        self.refused(2, ["nonconformity"], "give the ticket")

    def test_filing_options_on_a_verb(self):
        self.refused(2, ["nonconformity", "show", self.nid, "--part", "x:1"],
                     "takes no ticket, --part")

    def test_in_the_future_and_bad_times(self):
        self.refused(2, self.filing("--at", "2026-12-01T10:00"), "later than now")
        self.refused(2, self.filing("--at", "yesterday"), "--at")
        self.refused(2, ["nonconformity", "close", self.nid, "--disposition", "scrap", "--at",
                         "2026-12-01T10:00"], "later than now")

    def test_control_characters(self):
        self.refused(2, self.filing("--record", "SC\x1b[31m"), "U+001B")
        self.refused(2, ["nonconformity", self.tid, "--part", "继\x07电器:1", "--description",
                         "x"], "U+0007")
        self.refused(2, ["nonconformity", "action", self.nid, "--text", "a\x07b"], "U+0007")
        self.refused(2, ["nonconformity", "close", self.nid, "--disposition", "scrap",
                         "--comment", "a\x1bb"], "U+001B")
        self.refused(2, ["nonconformity", "note", self.nid, "a\x1bb"], "U+001B")

    def test_unknown_report(self):
        msg = "svc: no nonconformity report 'NC-26-11-09' (see 'svc nonconformity list')\n"
        self.assertEqual(self.refused(1, ["nonconformity", "action", "NC-26-11-09",
                                          "--text", "x"]), msg)
        self.assertEqual(self.refused(1, ["nonconformity", "close", "NC-26-11-09",
                                          "--disposition", "scrap"]), msg)
        self.assertEqual(self.refused(1, ["nonconformity", "note", "NC-26-11-09", "x"]), msg)
        self.assertEqual(self.refused(1, ["nonconformity", "show", "NC-26-11-09"]), msg)
        self.refused(1, ["nonconformity", "show", "nonsense"], "no nonconformity report 'nonsense'")
        self.refused(1, ["print", "NC-26-11-09", "--form", "nonconformity"],
                     "no nonconformity report 'NC-26-11-09'")

    def test_a_second_action_and_amendments(self):
        def action():
            self.act("nonconformity", "action", self.nid, "--text", "措施",
                     "--at", "2026-11-26T09:00")
        err = self.refused(1, ["nonconformity", "action", self.nid, "--text", "again"],
                           setup=action)
        self.assertEqual(err, "svc: NC-26-11-01: 'action' at 2026-11-30T12:00:00+08:00 is not "
                              "allowed: the corrective action was already filed at "
                              "2026-11-26T09:00:00+08:00; correct it with --amend\n")
        self.refused(2, ["nonconformity", "action", self.nid, "--text", "x", "--amend"],
                     "reason is required")
        self.refused(2, ["nonconformity", "action", self.nid, "--text", "x", "--reason", "r"],
                     "--reason goes with --amend")
        self.refused(2, ["nonconformity", "action", self.nid, "--text", "  "],
                     "the corrective action is empty")
        self.refused(2, ["nonconformity", "action", self.nid], "--text")

    def test_an_amendment_without_an_action(self):
        self.refused(1, ["nonconformity", "action", self.nid, "--text", "x", "--amend",
                         "--reason", "r"], "there is no corrective action to amend")

    def test_an_action_before_the_filing(self):
        self.refused(1, ["nonconformity", "action", self.nid, "--text", "x", "--at",
                         "2026-11-24T09:00"], "before the report was filed")

    def test_bad_disposition(self):
        err = self.refused(2, ["nonconformity", "close", self.nid, "--disposition", "burn"])
        self.assertEqual(err, "svc: --disposition 'burn' is no disposition (one of return, "
                              "repair, scrap, concession, 退货, 返修, 报废, 让步接收)\n")
        self.refused(2, ["nonconformity", "close", self.nid], "--disposition")

    def test_a_closed_report_takes_only_notes(self):
        def close():
            self.act("nonconformity", "close", self.nid, "--disposition", "scrap",
                     "--at", "2026-11-28T09:00")
        err = self.refused(1, ["nonconformity", "close", self.nid, "--disposition", "repair"],
                           setup=close)
        self.assertEqual(err, "svc: NC-26-11-01: 'dispose' at 2026-11-30T12:00:00+08:00 is not "
                              "allowed: the report was closed at 2026-11-28T09:00:00+08:00 "
                              "(scrap); only notes follow\n")
        self.refused(1, ["nonconformity", "action", self.nid, "--text", "x"], "only notes follow")
        self.act("nonconformity", "note", self.nid, "供应商回复")

    def test_list_with_a_bad_ticket(self):
        self.refused(2, ["nonconformity", "list", "--ticket", "nonsense"], "--ticket")

    def test_print_a_ticket_as_a_report(self):
        # As --form visit: the number is looked up as a report's.
        self.refused(1, ["print", self.tid, "--form", "nonconformity"],
                     "no nonconformity report '{}'".format(self.tid))


class RecordsTest(NcCase):

    def test_print_the_form_in_every_format(self):
        tid, record = self.ticket(back=True)
        rc, out, err = self.svc("nonconformity", tid, "--part", "继电器<b>:2",
                                "--description", "触点烧蚀 <script>&", "--at", FILED)
        nid = out.strip()
        for fmt in ("text", "md", "html"):
            out = self.act("print", nid, "--form", "nonconformity", "--format", fmt)
            for label in ("不合格品报告处理单", "Nonconformity Report", nid, tid, record,
                          "国网杭州供电公司", "开关柜", "KYN-0315", "纠正措施", "处置",
                          "□退货", "□返修", "□报废", "□让步接收", "2026-11-25 09:00"):
                self.assertIn(label, out, fmt)
            self.assertNotIn("{{", out)
            if fmt == "html":
                self.assertTrue(out.startswith("<!DOCTYPE html>"))
                self.assertIn("触点烧蚀 &lt;script&gt;&amp;", out)
                self.assertIn("继电器&lt;b&gt;", out)
                self.assertNotIn("<script>", out)
            if fmt == "md":
                self.assertNotIn("继电器<b>", out)
        self.act("nonconformity", "action", nid, "--text", "更换供应商", "--at", "2026-11-26 09:00")
        self.act("nonconformity", "close", nid, "--disposition", "让步接收", "--comment", "可用",
                 "--at", "2026-11-27 09:00")
        for fmt in ("text", "md", "html"):
            out = self.act("print", nid, "--form", "nonconformity", "--format", fmt)
            for label in ("更换供应商", "■让步接收", "□退货", "可用", "2026-11-27 09:00"):
                self.assertIn(label, out, fmt)

    def test_report_counts_filed_closed_and_open(self):
        tid, _ = self.ticket(received="2026-10-20 09:00")
        old = self.file(tid, at="2026-10-25T09:00")         # open at October's end
        closed_later = self.file(tid, at="2026-10-26T09:00")
        self.act("nonconformity", "close", closed_later, "--disposition", "scrap",
                 "--at", "2026-11-03T09:00")
        self.file(tid, at="2026-11-05T09:00")
        done = self.file(tid, at="2026-11-06T09:00")
        self.act("nonconformity", "close", done, "--disposition", "repair",
                 "--at", "2026-11-07T09:00")
        self.file(tid, at="2026-11-28T09:00")
        oct_ = json.loads(self.act("report", "--month", "2026-10", "--json"))
        self.assertEqual(oct_["nonconformities"], {"filed": 2, "closed": 0, "open": 2})
        nov = json.loads(self.act("report", "--month", "2026-11", "--json"))
        self.assertEqual(nov["nonconformities"], {"filed": 3, "closed": 2, "open": 3})
        text = self.act("report", "--month", "2026-11")
        self.assertIn("nonconformity reports (R-4.5.3.1)", text)
        self.assertIn("open at the period's end", text)
        self.assertTrue(old)

    def test_check_finds_a_damaged_file_a_gap_and_unknown_ticket_or_record(self):
        tid, record = self.ticket(back=True)
        a, b, c = self.file(tid), self.file(tid), self.file(tid)
        write_text(self.nc_path(b), self.nc_text(b).replace('ticket = "', 'ticket = "X', 1))
        write_text(self.nc_path(c), self.nc_text(c).replace(
            'record = "{}"'.format(record), 'record = "SC-26-11-42"', 1))
        os.remove(self.nc_path(a))
        rc, out, err = self.svc("check")
        self.assertEqual(rc, 1, out + err)
        self.assertIn("gap in the nonconformity numbers for 2026-11: NC-26-11-01 is missing "
                      "before NC-26-11-02", out)
        self.assertIn("nonconformities/2026/11/NC-26-11-02.toml:5: the report comes from ticket "
                      "'X{}', which is not on file".format(tid), out)
        self.assertIn("nonconformities/2026/11/NC-26-11-03.toml:6: the report names outbound "
                      "record 'SC-26-11-42', which is none of {}'s".format(tid), out)
        # A history that does not replay; a damaged file.
        text = self.nc_text(c)
        write_text(self.nc_path(c), text + text[text.rindex("[[event]]") - 1:])
        rc, out, err = self.svc("check")
        self.assertIn("the report was already filed", out)
        write_text(self.nc_path(c), text.replace("at = 2026", 'at = "2026', 1))
        rc, out, err = self.svc("check")
        self.assertEqual(rc, 1, out + err)
        self.assertIn("nonconformities/2026/11/NC-26-11-03.toml:3", out)
        self.assertFails(1, self.svc("nonconformity", "list"), "NC-26-11-03.toml")

    def test_gitattributes_name_the_merge_driver(self):
        self.assertIn("nonconformities/**/*.toml merge=svc",
                      read_text(self.path(".gitattributes")))

    def test_audit_covers_nonconformity_files(self):
        env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@x",
                   GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@x")

        def git(*args):
            subprocess.run(["git", *args], cwd=self.records, check=True, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        git("init", "-q")
        tid, _ = self.ticket()
        nid = self.file(tid)
        self.act("nonconformity", "action", nid, "--text", "加严来料检验")
        git("add", "-A")
        git("commit", "-q", "-m", "nc")
        write_text(self.nc_path(nid), self.nc_text(nid).replace("加严来料检验", "无需措施"))
        git("commit", "-q", "-am", "rewrite")
        rc, out, err = self.svc("audit")
        self.assertEqual(rc, 1, out + err)
        changed = [l for l in out.splitlines() if "event-changed" in l]
        self.assertEqual(len(changed), 1, out)
        self.assertIn("nonconformities/2026/11/" + nid + ".toml", changed[0])


class NcMergeTest(GitCase):

    def open_ticket(self, w, clone):
        return w.ok(clone, "open", "--via", "YX", "--customer", "国网杭州供电公司",
                    "--at", T("08:00"), now=T("08:00"))

    def test_an_action_and_a_note_in_two_clones_merge_keeping_both(self):
        w = self.world()
        d, e = w.start()
        tid = self.open_ticket(w, d)
        nid = w.ok(d, "nonconformity", tid, "--part", "继电器:1", "--description", "烧蚀",
                   "--at", T("09:00"), now=T("09:05"))
        self.assertEqual(nid, "NC-26-11-01")
        w.commit(d, "nc")
        w.push(d)
        w.git(e, "pull", "-q", "--ff-only", "origin", "main")
        w.ok(e, "nonconformity", "action", nid, "--text", "措施", now=T("11:00"))
        w.commit(e, "action")
        w.ok(d, "nonconformity", "note", nid, "供应商已通知", now=T("10:00"))
        second = w.ok(d, "nonconformity", tid, "--part", "指示灯:1", "--description", "不亮",
                      "--at", T("10:30"), now=T("10:35"))
        self.assertEqual(second, "NC-26-11-02")
        w.commit(d, "note and a second report")
        w.push(d)
        rc, out = w.pull(e)
        self.assertEqual(rc, 0, out)
        self.assertCheckClean(w, e)
        shown = json.loads(w.ok(e, "nonconformity", "show", nid, "--json"))
        self.assertEqual((shown["action"], [n["text"] for n in shown["notes"]]),
                         ("措施", ["供应商已通知"]))
        listed = json.loads(w.ok(e, "nonconformity", "list", "--json"))
        self.assertEqual([n["number"] for n in listed], ["NC-26-11-02", "NC-26-11-01"])

    def two_reports_under_one_number(self, w):
        """Both clones file NC-26-11-01 offline (the desk at 09:00, the laptop
        at 09:30); the laptop pulls. Returns (desk, laptop, ticket, pull output)."""
        d, e = w.start()
        tid = self.open_ticket(w, d)
        w.commit(d, "ticket")
        w.push(d)
        w.git(e, "pull", "-q", "--ff-only", "origin", "main")
        self.assertEqual(w.ok(d, "nonconformity", tid, "--part", "继电器:1", "--description",
                              "烧蚀", "--at", T("09:00"), now=T("09:05")), "NC-26-11-01")
        w.commit(d, "desk")
        w.push(d)
        self.assertEqual(w.ok(e, "nonconformity", tid, "--part", "指示灯:1", "--description",
                              "不亮", "--at", T("09:30"), now=T("09:35")), "NC-26-11-01")
        w.commit(e, "laptop")
        rc, out = w.pull(e)
        self.assertNotEqual(rc, 0, out)
        return d, e, tid, out

    def test_two_clones_filing_one_number_offline_set_aside_and_renumbered(self):
        # The same treatment tickets get: the older report keeps the number,
        # the newer is set aside in a .dup file; svc check names it; svc
        # renumber gives it the next free number; the audit accepts it.
        w = self.world()
        d, e, tid, out = self.two_reports_under_one_number(w)
        folder = os.path.join(e, "nonconformities", "2026", "11")
        self.assertIn("nonconformity NC-26-11-01 was given to two different records in two "
                      "clones; the older (2026-11-29 09:00) keeps it, the other (2026-11-29 "
                      "09:30) is set aside", out)
        self.assertIn("svc renumber NC-26-11-01", out)
        self.assertIn("继电器", read_text(os.path.join(folder, "NC-26-11-01.toml")))
        self.assertIn("指示灯", read_text(os.path.join(folder, "NC-26-11-01.dup.toml")))
        rc, cout, cerr = w.check(e)
        self.assertEqual(rc, 1, cout + cerr)
        self.assertIn("NC-26-11-01.dup.toml", cout)
        self.assertIn("duplicate number NC-26-11-01: a merge set this nonconformity aside; "
                      "'svc renumber NC-26-11-01'", cout)
        rc, rout, rerr = w.svc(e, "renumber", "NC-26-11-01", now=T("12:00"))
        self.assertEqual((rc, rout), (0, "NC-26-11-02\n"), rerr)
        self.assertIn("nonconformity NC-26-11-01 stays with the older record; the newer is now "
                      "NC-26-11-02", rerr)
        self.assertEqual(sorted(os.listdir(folder)), ["NC-26-11-01.toml", "NC-26-11-02.toml"])
        moved = tomllib.loads(read_text(os.path.join(folder, "NC-26-11-02.toml")))
        self.assertEqual(moved["id"], "NC-26-11-02")
        self.assertEqual(moved["parts"][0]["name"], "指示灯")
        self.assertEqual((moved["event"][-1]["action"], moved["event"][-1]["from"]),
                         ("renumber", "NC-26-11-01"))
        self.assertCheckClean(w, e)
        w.commit(e, "merge; renumbered")
        rc, aout, aerr = w.svc(e, "audit", records=True)
        self.assertEqual(rc, 0, aout + aerr)
        w.push(e)
        w.pull(d, "merge", check=True)
        self.assertCheckClean(w, d)
        listed = json.loads(w.ok(d, "nonconformity", "list", "--json"))
        self.assertEqual([n["number"] for n in listed], ["NC-26-11-02", "NC-26-11-01"])
        # Nothing left to renumber: exit 1, one line, nothing written.
        before = snapshot(d)
        rc, rout, rerr = w.svc(d, "renumber", "NC-26-11-01")
        self.assertEqual((rc, rout), (1, ""))
        self.assertEqual(rerr.count("\n"), 1, rerr)
        self.assertIn("NC-26-11-01 is held by 1 file: nothing to renumber", rerr)
        self.assertEqual(snapshot(d), before)

    def test_actions_and_closes_in_two_clones_merge_as_amendments(self):
        # Both clones file the corrective action and both close the report
        # offline: the later of each stands (amend = true), both are kept.
        w = self.world()
        d, e = w.start()
        tid = self.open_ticket(w, d)
        nid = w.ok(d, "nonconformity", tid, "--part", "继电器:1", "--description", "烧蚀",
                   "--at", T("09:00"), now=T("09:05"))
        w.commit(d, "nc")
        w.push(d)
        w.git(e, "pull", "-q", "--ff-only", "origin", "main")
        w.ok(d, "nonconformity", "action", nid, "--text", "加严来料检验", now=T("10:00"))
        w.ok(d, "nonconformity", "close", nid, "--disposition", "return", now=T("10:30"))
        w.commit(d, "desk: action, close")
        w.push(d)
        w.ok(e, "nonconformity", "action", nid, "--text", "更换供应商", now=T("11:00"))
        w.ok(e, "nonconformity", "close", nid, "--disposition", "scrap", now=T("11:30"))
        w.commit(e, "laptop: action, close")
        rc, out = w.pull(e)
        self.assertEqual(rc, 0, out)
        self.assertIn("NC-26-11-01: both sides recorded 'action'; the later one", out)
        self.assertIn("NC-26-11-01: both sides recorded 'dispose'; the later one", out)
        self.assertCheckClean(w, e)
        shown = json.loads(w.ok(e, "nonconformity", "show", nid, "--json"))
        self.assertEqual((shown["action"], shown["disposition"], shown["status"]),
                         ("更换供应商", "scrap", "closed"))
        events = tomllib.loads(read_text(os.path.join(
            e, "nonconformities", "2026", "11", nid + ".toml")))["event"]
        self.assertEqual([(x["action"], x.get("amend", False)) for x in events],
                         [("file", False), ("action", False), ("dispose", False),
                          ("action", True), ("dispose", True)])
        rc, aout, aerr = w.svc(e, "audit")
        self.assertEqual(rc, 0, aout + aerr)
        # The other way round gives the same bytes.
        w.push(e)
        w.pull(d, "merge", check=True)
        self.assertEqual(read_text(os.path.join(d, "nonconformities", "2026", "11", nid + ".toml")),
                         read_text(os.path.join(e, "nonconformities", "2026", "11", nid + ".toml")))


if __name__ == "__main__":
    unittest.main()
