"""The Chinese interface (issue 20 item 1, PRODUCT.md "Everyday use"):
messages, help, text output and report labels in Chinese when LC_ALL /
LC_MESSAGES / LANG names a zh locale or svc.toml says `[company] language
= "zh"`; English otherwise; JSON, CSV and the records' files the same in
both; the monitoring line of `svc overdue` unchanged.

The machine needs no zh_CN locale generated: svc finds its catalog
whatever locales are installed (cli/i18n.cc)."""

import json
import os
import re
import unittest

from svctest import SvcTestCase, run

ZH = {"LANG": "zh_CN.UTF-8"}
EN = {"LANG": "C.UTF-8"}
CJK = re.compile(r"[\u4e00-\u9fff]")
# An English sentence: three words of lower-case letters in a row.
ENGLISH = re.compile(r"\b[a-z]{2,}\s[a-z]{2,}\s[a-z]{2,}\b")


def words_outside_quotes(line):
    """`line` without what it quotes of the user's input ('…', "…") or names
    (options, numbers, paths): what svc itself says."""
    line = re.sub(r"'[^']*'|\"[^\"]*\"|‘[^’]*’|“[^”]*”|「[^」]*」", "", line)
    return re.sub(r"--?[a-z][a-z-]*|svc [a-z-]+|[A-Za-z0-9_./-]+\.(toml|md|csv)", "", line)


class ChineseTest(SvcTestCase):

    def setUp(self):
        super().setUp()
        self.id = self.open("YX", "华东电网", "--at", "2026-11-29 09:00")

    def zh(self, *args, **kwargs):
        return self.svc(*args, env=ZH, **kwargs)

    def assertChinese(self, text, what):
        self.assertTrue(CJK.search(text), f"{what}: no Chinese in {text!r}")
        left = ENGLISH.search(words_outside_quotes(text))
        self.assertIsNone(left, f"{what}: English left in {text!r}")

    # --- choosing the language ------------------------------------------

    def test_help_follows_lang(self):
        rc, out, err = run("--help", env=ZH)
        self.assertEqual((rc, err), (0, ""))
        self.assertIn("用法", out)
        self.assertNotIn("Usage:", out)
        rc, out, _ = run("--help", env=EN)
        self.assertIn("Usage:", out)
        self.assertNotIn("用法", out)

    def test_command_help_is_chinese(self):
        for command in ("open", "close", "list", "report", "overdue"):
            rc, out, err = run(command, "--help", env=ZH)
            self.assertEqual((rc, err), (0, ""), command)
            self.assertIn("用法", out, command)
            self.assertIn("选项", out, command)

    def test_lc_all_then_lc_messages_then_lang(self):
        def lang_of(env):
            rc, out, err = self.svc("show", "YX-26-11-99", env=env)
            self.assertEqual(rc, 1, err)
            return "zh" if CJK.search(err) else "en"
        self.assertEqual(lang_of({"LANG": "zh_CN.UTF-8"}), "zh")
        self.assertEqual(lang_of({"LC_MESSAGES": "zh_CN.UTF-8"}), "zh")
        self.assertEqual(lang_of({"LC_ALL": "zh_TW.UTF-8", "LANG": "C.UTF-8"}), "zh")
        self.assertEqual(lang_of({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}), "en")
        self.assertEqual(lang_of({"LC_MESSAGES": "C", "LANG": "zh_CN.UTF-8"}), "en")
        self.assertEqual(lang_of({"LANG": "C.UTF-8"}), "en")

    def test_svc_toml_language(self):
        self.set_config('name = ', 'language = "zh"\nname = ')
        rc, _, err = self.svc("show", "YX-26-11-99", env=EN)
        self.assertEqual(rc, 1)
        self.assertTrue(CJK.search(err), err)
        # The user's own locale stands over the company's default.
        rc, _, err = self.svc("show", "YX-26-11-99", env={"LANG": "en_GB.UTF-8"})
        self.assertFalse(CJK.search(err), err)
        # And help, from the records directory the command line names.
        rc, out, _ = run("-R", self.records, "close", "--help", env=EN)
        self.assertIn("用法", out)

    def test_svc_toml_language_refused(self):
        self.set_config('name = ', 'language = "fr"\nname = ')
        line = self.config_line('language = "fr"')
        before = self.snapshot()
        rc, out, err = self.svc("list", env=EN)
        self.assertEqual(rc, 1, err)  # as any svc.toml svc cannot validate
        self.assertOneLine(err)
        self.assertIn(f"svc.toml:{line}", err)
        self.assertIn('"zh" or "en"', err)
        self.assertEqual(self.snapshot(), before)

    def test_no_catalog_falls_back_to_english(self):
        rc, out, err = self.svc("show", "YX-26-11-99",
                                env={"LANG": "zh_CN.UTF-8", "SVC_LOCALEDIR": os.path.join(self.tmp, "none")})
        self.assertEqual(rc, 1)
        self.assertOneLine(err)
        self.assertFalse(CJK.search(err), err)

    # --- messages ---------------------------------------------------------

    def test_refusals_are_chinese(self):
        cases = [
            ("show", "YX-26-11-99"),
            ("close", self.id),
            ("classify", self.id, "--level", "9"),
            ("note", "YX-26-11-99", "电话"),
            ("dispatch", self.id, "--dept", "SC", "--tech", "张伟", "--at", "2026-11-29 08:00"),
            ("open", "--via", "YX"),
            ("lsit",),
            ("list", "--levl", "2"),
            ("classify", self.id, "--kind", "qualty"),
            ("note", self.id, "x", "--at", "yesterday 25:00"),
            ("report", "--month", "2026-13"),
        ]
        for args in cases:
            before = self.snapshot()
            rc_en, out_en, err_en = self.svc(*args, env=EN)
            rc, out, err = self.zh(*args)
            self.assertEqual(rc, rc_en, args)
            self.assertNotEqual(rc, 0, args)
            self.assertEqual(err.count("\n"), err_en.count("\n"), (args, err))
            self.assertTrue(err.startswith("svc"), (args, err))
            self.assertChinese(err, " ".join(args))
            self.assertEqual(self.snapshot(), before, args)

    def test_confirmation_is_chinese(self):
        rc, out, err = self.zh("note", self.id, "电话已联系")
        self.assertEqual(rc, 0, err)
        self.assertChinese(err, "note")
        self.assertIn(self.id, err)

    def test_records_are_the_same(self):
        other = self.open("YX", "华东电网", "--at", "2026-11-29 09:00")
        rc, _, err = self.svc("note", self.id, "电话已联系", "--at", "2026-11-29 09:30", env=EN)
        self.assertEqual((rc, err), (0, f"svc: {self.id}: note added\n"))
        rc, _, err = self.zh("note", other, "电话已联系", "--at", "2026-11-29 09:30")
        self.assertEqual((rc, err), (0, f"svc: {other}: 已添加备注\n"))
        a = self.ticket_text(self.id).replace(self.id, "ID")
        b = self.ticket_text(other).replace(other, "ID")
        self.assertEqual(a, b)

    # --- output -----------------------------------------------------------

    def test_json_and_csv_keys_never_change(self):
        for args in (("show", self.id, "--json"), ("list", "--json"), ("overdue", "--json"),
                     ("report", "--month", "2026-11", "--json"),
                     ("report", "--month", "2026-11", "--format", "csv")):
            rc_en, out_en, _ = self.svc(*args, env=EN)
            rc, out, err = self.zh(*args)
            self.assertEqual((rc, out), (rc_en, out_en), args)
            if "--json" in args:
                json.loads(out)

    def test_overdue_summary_line_unchanged(self):
        rc_en, out_en, _ = self.svc("overdue", env=EN)
        rc, out, _ = self.zh("overdue")
        self.assertEqual(rc, rc_en)
        self.assertTrue(out.startswith("SVC "), out)
        self.assertEqual(out.split("\n", 1)[0], out_en.split("\n", 1)[0])

    def test_show_and_report_text(self):
        rc, out, err = self.zh("show", self.id)
        self.assertEqual((rc, err), (0, ""))
        self.assertTrue(CJK.search(out))
        rc, out, err = self.zh("report", "--month", "2026-11")
        self.assertEqual((rc, err), (0, ""))
        for line in out.splitlines():
            if line.strip():
                self.assertIsNone(ENGLISH.search(words_outside_quotes(line)), line)

    def test_list_search_status_text(self):
        rc, out, err = self.zh("list")
        self.assertEqual((rc, err), (0, ""))
        header, row = out.splitlines()[:2]
        self.assertIn("编号", header)
        self.assertIn("新建", row)  # the stored word "new", as people read it
        rc, out_en, _ = self.svc("list", "--format", "csv", env=EN)
        rc, out, _ = self.zh("list", "--format", "csv")
        self.assertEqual(out, out_en)  # CSV: the same in every language
        self.assertIn("new", out)
        rc, out, err = self.zh("search", "华东")
        self.assertEqual((rc, err), (0, ""))
        self.assertIn("新建", out)
        rc, out, err = self.zh("status")
        self.assertEqual((rc, err), (0, ""))
        for line in out.splitlines():
            self.assertChinese(line, "status")


if __name__ == "__main__":
    unittest.main()
