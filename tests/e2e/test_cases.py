"""svc cases: the case library (案例库, R-3.1; issue 19 item 4).

On a copy of the bundled records/ (which hold two closed quality tickets,
YX-26-10-01 and YX-26-11-01, with their analyses): each case shows its
ticket, customer, unit, fault, cause, measures and corrective action, grouped
by product; support tickets and open ones stay out; --product filters
case-insensitively on the product or model; md is a document with headings,
html a print-ready page with every value escaped; --json has the documented
keys. Each refusal exits with its exact status, one line on stderr, and
leaves the records byte for byte unchanged.
"""

import json
import os
import shutil
import unittest

from svctest import SOURCE_DIR, SvcTestCase, read_text, write_text

NOW = "2026-12-05T12:00:00+08:00"
QUALITY = ("YX-26-10-01", "YX-26-11-01")


class CasesCase(SvcTestCase):

    INIT = False

    def setUp(self):
        super().setUp()
        shutil.copytree(os.path.join(SOURCE_DIR, "records"), self.records,
                        ignore=shutil.ignore_patterns(".svc", "*.sh"))

    def svc(self, *args, now=NOW, **kwargs):
        return super().svc(*args, now=now, **kwargs)

    def library(self, *args):
        return json.loads(self.ok("cases", "--json", *args))

    def numbers(self, *args):
        return [c["number"] for p in self.library(*args) for g in p["groups"]
                for c in g["cases"]]


class LibraryTest(CasesCase):

    def test_the_closed_quality_tickets_and_nothing_else(self):
        self.assertEqual(sorted(self.numbers()), list(QUALITY))
        lib = self.library()
        self.assertEqual([p["product"] for p in lib], sorted(["继电保护装置", "真空断路器"]))
        case = next(c for p in lib for g in p["groups"] for c in g["cases"]
                    if c["number"] == "YX-26-10-01")
        self.assertEqual(set(case), {"number", "customer", "product", "model", "category",
                                     "fault", "cause", "cause_category", "measures",
                                     "responsibility",
                                     "corrective", "plan", "resolution", "nc_actions", "closed"})
        self.assertEqual(case["customer"], "国网浙江省电力有限公司湖州供电公司")
        self.assertEqual(case["model"], "PCS-978GE")
        self.assertIn("CT 二次回路端子接触不良", case["cause"])
        self.assertIn("暂退差动保护", case["measures"])
        self.assertIn("弹簧端子", case["corrective"])
        self.assertEqual(case["responsibility"], "ours")
        self.assertTrue(case["closed"].startswith("2026-"))

    def test_text_shows_each_case(self):
        out = self.ok("cases")
        self.assertTrue(out.startswith("案例库 Case Library (R-3.1)\n"), out[:200])
        for tid in QUALITY:
            self.assertIn(tid, out)
        for words in ("== 继电保护装置 ==", "== 真空断路器 ==", "国网四川省电力公司成都供电公司",
                      "VS1-12/1250-31.5", "分闸线圈长时间带电烧毁", "原因 cause:",
                      "措施 measures:", "纠正措施 corrective action:", "弹簧端子"):
            self.assertIn(words, out)
        for tid in ("YX-26-10-02", "SH-26-10-01", "SC-26-11-01"):
            self.assertNotIn(tid, out)  # support tickets are no cases

    def test_an_open_quality_ticket_is_no_case_until_closed(self):
        tid = self.ok("open", "--via", "YX", "--customer", "测试客户", "--product", "真空断路器",
                      "--description", "拒分", "--at", "2026-12-01 09:00").strip()
        rc, _, err = self.svc("classify", tid, "--kind", "quality", "--category", "hardware",
                              "--level", "3", "--at", "2026-12-01 09:30")
        self.assertEqual(rc, 0, err)
        self.assertEqual(sorted(self.numbers()), list(QUALITY))

    def test_product_filters_case_insensitively_on_product_or_model(self):
        self.assertEqual(self.numbers("--product", "真空"), ["YX-26-11-01"])
        self.assertEqual(self.numbers("--product", "pcs-978"), ["YX-26-10-01"])
        self.assertEqual(self.numbers("--product", "变压器"), [])
        out = self.ok("cases", "--product", "变压器")
        self.assertIn("没有已关闭的质量问题工单", out)
        self.assertIn("产品 Product: 变压器", out)

    def test_md_is_a_document_with_headings(self):
        out = self.ok("cases", "--format", "md")
        lines = out.splitlines()
        self.assertEqual(lines[0], "# 案例库 Case Library")
        self.assertIn("## 继电保护装置", lines)
        self.assertIn("#### YX-26-10-01", lines)
        self.assertIn("#### YX-26-11-01", lines)
        self.assertTrue(any(l.startswith("- 原因 Cause: ") for l in lines))
        self.assertLess(lines.index("## 真空断路器"), lines.index("#### YX-26-11-01"))

    def test_html_is_a_printable_page_with_every_value_escaped(self):
        path = os.path.join(self.records, "tickets", "2026", "11", "YX-26-11-01.toml")
        text = read_text(path)
        self.assertIn("客户调取的直流系统记录", text)
        write_text(path, text.replace("客户调取的直流系统记录", "<b>&客户调取的直流系统记录", 1))
        out = self.ok("cases", "--format", "html")
        self.assertTrue(out.startswith("<!DOCTYPE html>"))
        self.assertIn("<title>案例库 Case Library</title>", out)
        self.assertIn("@page", out)
        self.assertIn("&lt;b&gt;&amp;客户调取的直流系统记录", out)
        self.assertNotIn("<b>&客户", out)
        self.assertNotIn("<script", out)
        self.assertIn("YX-26-10-01", out)
        self.assertTrue(out.rstrip().endswith("</html>"))


class RefusalTest(CasesCase):

    def refused(self, rc_expected, args, *phrases):
        before = self.snapshot()
        err = self.assertFails(rc_expected, self.svc(*args), *phrases)
        self.assertEqual(self.snapshot(), before)
        return err

    def test_unknown_format(self):
        self.refused(2, ["cases", "--format", "pdf"], "--format")

    def test_control_characters_in_the_filter(self):
        self.refused(2, ["cases", "--product", "开关\x1b[31m"], "--product")


if __name__ == "__main__":
    unittest.main()
