"""svc expense, svc advance, svc writeoff, svc print --form writeoff (issue 19
item 1; R-3.1 借支与核销, R-4.5.4 monthly write-off).

Every command and refusal on a fresh records directory; a refusal exits with
its exact status, says one line on stderr and leaves the records byte for
byte unchanged. The write-off's figures are checked by hand on a small
month of three tickets; its CSV is read with Python's csv module.
"""

import csv
import io
import json
import os
import subprocess
import unittest

from svctest import SvcTestCase, read_text, write_text

NOW = "2026-12-05T12:00:00+08:00"
QUOTE = ["--people", "2", "--days", "3", "--transport", "860", "--part", "过流继电器:2:35"]
QUOTE_TOTAL = "5361.30"  # tests/e2e/test_quote.py's example


class FinanceCase(SvcTestCase):

    def svc(self, *args, now=NOW, **kwargs):
        return super().svc(*args, now=now, **kwargs)

    def act(self, *args, **kwargs):
        rc, out, err = self.svc(*args, **kwargs)
        self.assertEqual(rc, 0, err)
        return out

    def ticket(self, received, dispatched, *techs, quote=False):
        """A ticket received and dispatched at the times given; returns
        (ticket, outbound record)."""
        tid = self.act("open", "--via", "YX", "--customer", "国网杭州供电公司",
                       "--description", "开关柜无法合闸", "--at", received).strip()
        self.act("classify", tid, "--kind", "support", "--category", "hardware", "--level", "2",
                 "--service", "onsite-repair", "--at", received)
        if quote:
            self.act("quote", tid, *QUOTE, "--at", received)
            self.act("quote", tid, "--accept", "--at", received)
        args = []
        for t in techs:
            args += ["--tech", t]
        record = self.act("dispatch", tid, *args, "--at", dispatched).strip()
        return tid, record

    def expense(self, tid, record, item, amount, at, *extra):
        rc, out, err = self.svc("expense", tid, "--record", record, "--item", item,
                                "--amount", amount, "--at", at, *extra)
        self.assertEqual((rc, out), (0, ""), err)
        words = {"交通": "transport", "住宿": "lodging"}
        self.assertEqual(err, "svc: {}: expense on {} recorded ({} {:.2f})\n".format(
            tid, record, words.get(item, item), float(amount)))

    def refused(self, rc, args, *phrases, now=NOW):
        before = self.snapshot()
        err = self.assertFails(rc, self.svc(*args, now=now), *phrases)
        self.assertEqual(self.snapshot(), before, "the records changed on a refusal")
        return err

    def month(self):
        """November 2026: three tickets, advances, expenses in and out of the month."""
        t1, r1 = self.ticket("2026-11-02 09:00", "2026-11-05 08:00", "张伟", quote=True)
        self.expense(t1, r1, "transport", "320", "2026-11-05 09:00")
        self.expense(t1, r1, "住宿", "260.50", "2026-11-06 21:00")
        self.expense(t1, r1, "meals", "80", "2026-11-07 12:00")
        t2, r2 = self.ticket("2026-11-09 10:00", "2026-11-10 08:00", "李强", "王芳")
        self.expense(t2, r2, "transport", "150", "2026-11-10 09:00", "--engineer", "李强")
        self.expense(t2, r2, "material", "45.25", "2026-11-11 15:00", "--engineer", "王芳",
                     "--note", "熔断器")
        self.expense(t2, r2, "other", "99", "2026-12-02 10:00", "--engineer", "李强")
        t3, r3 = self.ticket("2026-10-27 09:00", "2026-10-28 08:00", "张伟")
        self.expense(t3, r3, "transport", "50", "2026-10-28 09:00")
        # A ticket's expense dated in November, for a record filed in October.
        self.expense(t3, r3, "lodging", "100", "2026-11-03 20:00")
        for name, amount, at in [("张伟", "2000", "2026-11-01 09:00"),
                                 ("李强", "500", "2026-11-15 09:00"),
                                 ("张伟", "300", "2026-12-01 09:00")]:
            self.act("advance", name, "--amount", amount, "--at", at)
        return (t1, r1), (t2, r2), (t3, r3)


class ExpenseTest(FinanceCase):

    def test_an_expense_is_an_event_of_the_ticket_and_show_json_lists_it(self):
        tid, record = self.ticket("2026-11-02 09:00", "2026-11-05 08:00", "张伟")
        self.expense(tid, record, "交通", "320.5", "2026-11-05 09:00", "--note", "高铁往返")
        text = self.ticket_text(tid)
        self.assertIn('action = "expense"\nrecord = "{}"\nitem = "transport"\n'
                      'amount = "320.50"\nengineer = "张伟"\nnote = "高铁往返"'.format(record), text)
        d = json.loads(self.act("show", tid, "--json"))["dispatches"][0]
        self.assertEqual(d["expenses_total"], "320.50")
        self.assertEqual(d["expenses"][0]["item"], "transport")
        self.assertEqual(d["expenses"][0]["amount"], "320.50")
        self.assertEqual(d["expenses"][0]["engineer"], "张伟")
        self.assertEqual(self.svc("check")[0], 0)

    def test_show_lists_each_expense_under_its_record_with_the_total(self):
        tid, record = self.ticket("2026-11-02 09:00", "2026-11-05 08:00", "张伟", "李强")
        self.expense(tid, record, "交通", "320.5", "2026-11-05 09:00", "--engineer", "张伟",
                     "--note", "高铁往返")
        out = self.act("show", tid)
        lines = [l.split(None, 1) for l in out.splitlines()]
        self.assertIn(["expense", "320.50 transport · 张伟 · 2026-11-05 09:00 · 高铁往返"], lines)
        self.assertNotIn("expenses", [l[0] for l in lines if l])  # one expense: no total line
        self.expense(tid, record, "meals", "40", "2026-11-05 12:00", "--engineer", "李强")
        out = self.act("show", tid)
        lines = [l.split(None, 1) for l in out.splitlines()]
        self.assertIn(["expense", "40.00 meals · 李强 · 2026-11-05 12:00"], lines)
        self.assertIn(["expenses", "360.50"], lines)

    def test_an_expense_after_the_close_is_accepted(self):
        tid, record = self.ticket("2026-11-02 09:00", "2026-11-05 08:00", "张伟")
        self.act("close", tid, "--result", "completed", "--at", "2026-11-05 18:00")
        self.expense(tid, record, "meals", "40", "2026-11-05 19:00")

    def test_refusals(self):
        tid, record = self.ticket("2026-11-02 09:00", "2026-11-05 08:00", "张伟", "李强")
        base = ["expense", tid, "--item", "transport", "--at", "2026-11-06 09:00"]
        self.refused(1, base + ["--record", "SC-26-11-09", "--amount", "10", "--engineer", "张伟"],
                     "SC-26-11-09 is none of its outbound records", record)
        self.refused(2, base + ["--record", record, "--amount=-5", "--engineer", "张伟"],
                     "--amount", "'-5'", "more than 0")
        self.refused(2, base + ["--record", record, "--amount", "0", "--engineer", "张伟"],
                     "--amount", "more than 0")
        self.refused(2, base + ["--record", record, "--amount", "1.234", "--engineer", "张伟"],
                     "--amount", "two decimals")
        self.refused(2, ["expense", tid, "--record", record, "--item", "taxi", "--amount", "5",
                         "--engineer", "张伟"], "--item", "'taxi'")
        self.refused(2, base + ["--record", record, "--amount", "5"],
                     "--engineer", "张伟, 李强")
        self.refused(2, base + ["--record", record, "--amount", "5", "--note", "a\x07b",
                                "--engineer", "张伟"], "--note")
        # Before the record was filed.
        self.refused(1, ["expense", tid, "--record", record, "--item", "meals", "--amount", "5",
                         "--engineer", "张伟", "--at", "2026-11-04 09:00"], record)
        self.act("void", tid, "--reason", "重复登记", "--at", "2026-11-07 09:00")
        self.refused(1, base[:4] + ["--record", record, "--amount", "5", "--engineer", "张伟",
                                    "--at", "2026-11-08 09:00"], "voided")


class AdvanceTest(FinanceCase):

    def test_an_advance_is_numbered_by_month_and_filed(self):
        out = self.act("advance", "张伟", "--amount", "2000", "--note", "出差借支",
                       "--at", "2026-11-01 09:00")
        self.assertEqual(out, "JZ-26-11-01\n")
        self.assertEqual(self.act("advance", "李强", "--amount", "500.5",
                                  "--at", "2026-11-15 09:00"), "JZ-26-11-02\n")
        self.assertEqual(self.act("advance", "李强", "--amount", "1",
                                  "--at", "2026-12-01 09:00"), "JZ-26-12-01\n")
        text = read_text(self.path("advances", "2026", "11", "JZ-26-11-01.toml"))
        self.assertIn('engineer = "张伟"\namount = "2000.00"\nnote = "出差借支"', text)
        self.assertIn("advances/**/*.toml merge=svc", read_text(self.path(".gitattributes")))
        self.assertEqual(self.svc("check")[0], 0)

    def test_refusals(self):
        self.refused(2, ["advance", "张伟", "--amount=-1"], "--amount")
        self.refused(2, ["advance", "张伟", "--amount", "0.001"], "--amount")
        self.refused(2, ["advance", "张伟", "--amount", "10", "--at", "2026-12-06 09:00"], "--at")
        text = read_text(self.path("svc.toml"))
        write_text(self.path("svc.toml"), text + '\n[[staff]]\nname = "张伟"\nrole = "engineer"\n')
        self.refused(1, ["advance", "赵六", "--amount", "10"], "'赵六'", "[[staff]]")
        self.assertEqual(self.act("advance", "张伟", "--amount", "10"), "JZ-26-12-01\n")

    def test_audit_finds_an_advance_changed_by_hand(self):
        self.act("advance", "张伟", "--amount", "2000", "--at", "2026-12-05 09:00")
        git = ["git", "-C", self.records, "-c", "user.name=t", "-c", "user.email=t@example.com"]
        subprocess.run(git + ["init", "-q"], check=True)
        subprocess.run(git + ["add", "-A"], check=True)
        subprocess.run(git + ["commit", "-qm", "records"], check=True)
        path = self.path("advances", "2026", "12", "JZ-26-12-01.toml")
        write_text(path, read_text(path).replace('"2000.00"', '"200.00"'))
        subprocess.run(git + ["commit", "-qam", "edit"], check=True)
        rc, out, err = self.svc("audit")
        self.assertEqual(rc, 1, err)
        self.assertIn("advances/2026/12/JZ-26-12-01.toml: form-changed", out)

    def test_an_svc_toml_without_the_new_keys_keeps_working(self):
        text = read_text(self.path("svc.toml"))
        write_text(self.path("svc.toml"), "\n".join(
            l for l in text.split("\n") if not l.startswith(("advance =", "writeoff ="))))
        self.assertEqual(self.act("advance", "张伟", "--amount", "10"), "JZ-26-12-01\n")
        w = json.loads(self.act("writeoff", "--month", "2026-11", "--json"))
        self.assertEqual(w["number"], "HX-26-11-01")

    def test_the_code_is_configurable(self):
        self.set_config('advance = "JZ"', 'advance = "JK"')
        self.assertEqual(self.act("advance", "张伟", "--amount", "10"), "JK-26-12-01\n")


class ReportTest(FinanceCase):

    def test_report_json_and_text_have_the_actual_expenses_of_the_period(self):
        self.month()
        r = json.loads(self.act("report", "--month", "2026-11", "--json"))
        self.assertEqual(r["expenses"], {
            "count": 6, "total": "955.75",
            "by_item": {"transport": "470.00", "lodging": "360.50", "meals": "80.00",
                        "material": "45.25"}})
        d = json.loads(self.act("report", "--month", "2026-12", "--json"))
        self.assertEqual(d["expenses"], {"count": 1, "total": "99.00",
                                         "by_item": {"other": "99.00"}})
        # The index (a second run reads the summaries it kept) gives the same.
        self.assertEqual(json.loads(self.act("report", "--month", "2026-11", "--json"))["expenses"],
                         r["expenses"])
        text = self.act("report", "--month", "2026-11")
        self.assertIn("actual expenses (R-3.1, R-4.5.4)", text)
        self.assertIn("955.75", text)


class WriteoffTest(FinanceCase):

    def test_the_figures_of_a_small_month_checked_by_hand(self):
        (t1, r1), (t2, r2), (t3, r3) = self.month()
        rc, out, err = self.svc("writeoff", "--month", "2026-11", "--json", actor="财务王")
        self.assertEqual(rc, 0, err)
        self.assertEqual(err, "svc: HX-26-11-01: 2026-11 written off\n")
        w = json.loads(out)
        self.assertEqual((w["month"], w["number"], w["by"]), ("2026-11", "HX-26-11-01", "财务王"))
        lines = {l["record"]: l for l in w["records"]}
        self.assertEqual([l["record"] for l in w["records"]], sorted([r3, r1, r2],
                         key=lambda r: (r.split("-")[1:3], r)))
        self.assertEqual((lines[r1]["ticket"], lines[r1]["quoted"], lines[r1]["actual"],
                          lines[r1]["difference"]), (t1, QUOTE_TOTAL, "660.50", "-4700.80"))
        self.assertEqual(lines[r1]["items"],
                         {"transport": "320.00", "lodging": "260.50", "meals": "80.00"})
        self.assertEqual((lines[r2]["engineers"], lines[r2]["quoted"], lines[r2]["actual"]),
                         (["李强", "王芳"], "0.00", "195.25"))
        self.assertEqual((lines[r3]["ticket"], lines[r3]["actual"]), (t3, "100.00"))
        eng = {e["name"]: e for e in w["engineers"]}
        self.assertEqual(sorted(eng), sorted(["张伟", "李强", "王芳"]))
        self.assertEqual((eng["张伟"]["advances"], eng["张伟"]["expenses"],
                          eng["张伟"]["balance"], eng["张伟"]["advance_numbers"]),
                         ("2000.00", "760.50", "1239.50", ["JZ-26-11-01"]))
        self.assertEqual((eng["李强"]["advances"], eng["李强"]["expenses"],
                          eng["李强"]["balance"]), ("500.00", "150.00", "350.00"))
        self.assertEqual((eng["王芳"]["advances"], eng["王芳"]["expenses"],
                          eng["王芳"]["balance"]), ("0.00", "45.25", "-45.25"))
        self.assertEqual(w["totals"], {"quoted": QUOTE_TOTAL, "actual": "955.75",
                                       "difference": "-4405.55", "advances": "2500.00",
                                       "expenses": "955.75", "balance": "1544.25"})
        self.assertEqual(w["items"], {"transport": "470.00", "lodging": "360.50",
                                      "meals": "80.00", "material": "45.25"})
        # The record: totals, the records and engineers covered.
        text = read_text(self.path("writeoffs", "2026", "11", "HX-26-11-01.toml"))
        self.assertIn('month = "2026-11"', text)
        self.assertIn('[totals]\nquoted = "5361.30"\nactual = "955.75"\nadvances = "2500.00"\n'
                      'expenses = "955.75"\n', text)
        self.assertEqual(self.svc("check")[0], 0)

        # Text: two decimals; CSV: RFC 4180 rows finance's spreadsheet reads.
        rc, text_out, err = self.svc("writeoff", "--month", "2026-11")
        self.assertEqual(rc, 0, err)
        self.assertIn("955.75", text_out)
        self.assertIn("1239.50", text_out)
        rc, csv_out, err = self.svc("writeoff", "--month", "2026-11", "--format", "csv")
        self.assertEqual(rc, 0, err)
        self.assertIn("\r\n", csv_out)
        rows = list(csv.DictReader(io.StringIO(csv_out, newline="")))
        by = {(r["section"], r["record"] or r["engineer"]): r for r in rows}
        self.assertEqual(by[("record", r1)]["actual"], "660.50")
        self.assertEqual(by[("record", r2)]["engineer"], "李强;王芳")
        self.assertEqual(by[("engineer", "王芳")]["balance"], "-45.25")
        total = [r for r in rows if r["section"] == "total"][0]
        self.assertEqual((total["quoted"], total["actual"], total["advances"], total["balance"]),
                         (QUOTE_TOTAL, "955.75", "2500.00", "1544.25"))
        rc, bom_out, err = self.svc("writeoff", "--month", "2026-11", "--format", "csv", "--bom")
        self.assertTrue(bom_out.startswith("\ufeff"))

    def test_a_written_off_month_refuses_expenses_and_advances(self):
        (t1, r1), _, _ = self.month()
        self.act("writeoff", "--month", "2026-11", actor="财务王")
        self.refused(1, ["expense", t1, "--record", r1, "--item", "meals", "--amount", "5",
                         "--at", "2026-11-30 20:00"],
                     "2026-11 was written off at 2026-12-05T12:00:00+08:00 by 财务王",
                     "HX-26-11-01")
        self.refused(1, ["advance", "张伟", "--amount", "5", "--at", "2026-11-20 09:00"],
                     "2026-11 was written off")
        # December is open.
        self.expense(t1, r1, "meals", "5", "2026-12-01 00:00")

    def test_writing_off_again_prints_the_recorded_one_and_writes_nothing(self):
        self.month()
        first = self.act("writeoff", "--month", "2026-11", "--json", actor="财务王")
        before = self.snapshot()
        rc, out, err = self.svc("writeoff", "--month", "2026-11", "--json",
                                now="2026-12-20T09:00:00+08:00")
        self.assertEqual(rc, 0, err)
        self.assertEqual(out, first)
        self.assertEqual(err, "svc: 2026-11 was written off at 2026-12-05T12:00:00+08:00 by "
                              "财务王 (HX-26-11-01); nothing written\n")
        self.assertEqual(self.snapshot(), before)

    def test_check_finds_an_expense_entered_after_its_month_was_written_off(self):
        (t1, r1), _, _ = self.month()
        self.act("writeoff", "--month", "2026-11")
        # Another clone's expense, dated in November, merged in afterwards.
        text = self.ticket_text(t1)
        text += ('\n[[event]]\nat = 2026-11-30T20:00:00+08:00\nrecorded = 2026-12-06T09:00:00+08:00'
                 '\nactor = "张伟"\naction = "expense"\nrecord = "{}"\nitem = "meals"\n'
                 'amount = "5.00"\nengineer = "张伟"\n'.format(r1))
        write_text(self.ticket_path(t1), text)
        rc, out, err = self.svc("check", now="2026-12-07T09:00:00+08:00")
        self.assertEqual(rc, 1, out + err)
        self.assertIn("was entered after 2026-11 was written off (HX-26-11-01", out + err)

    def test_check_finds_a_write_off_of_another_month_than_its_number(self):
        self.act("writeoff", "--month", "2026-11")
        path = self.path("writeoffs", "2026", "11", "HX-26-11-01.toml")
        write_text(path, read_text(path).replace('month = "2026-11"', 'month = "2026-10"'))
        rc, out, err = self.svc("check")
        self.assertEqual(rc, 1, out + err)
        self.assertIn("HX-26-11-01.toml:3: write-off HX-26-11-01 is for month '2026-10'", out + err)

    def test_refusals(self):
        self.refused(1, ["writeoff", "--month", "2026-12"], "2026-12 is not over yet")
        self.refused(2, ["writeoff", "--month", "2026-13"], "--month", "'2026-13'")
        self.refused(2, ["writeoff", "--month", "11/2026"], "--month")
        self.refused(2, ["writeoff", "--month", "2026-11", "--format", "xml"], "--format")
        self.refused(2, ["writeoff", "--month", "2026-11", "--bom"], "--bom")

    def test_an_empty_month_is_written_off_with_zero_totals(self):
        w = json.loads(self.act("writeoff", "--month", "2026-10", "--json"))
        self.assertEqual((w["records"], w["engineers"]), ([], []))
        self.assertEqual(w["totals"]["actual"], "0.00")

    def test_the_printed_form_in_text_md_and_html(self):
        (t1, r1), _, _ = self.month()
        self.refused(1, ["print", "--form", "writeoff", "2026-11"], "2026-11 is not written off")
        self.act("writeoff", "--month", "2026-11", actor="财务<王>")
        text = self.act("print", "--form", "writeoff", "2026-11")
        self.assertIn("费用核销单", text)
        self.assertIn(r1, text)
        self.assertIn("955.75", text)
        md = self.act("print", "--form", "writeoff", "2026-11", "--format", "md")
        self.assertIn("| 1 | ", md)
        html = self.act("print", "--form", "writeoff", "2026-11", "--format", "html")
        self.assertIn("财务&lt;王&gt;", html)
        self.assertNotIn("财务<王>", html)
        self.assertIn("@page { size: A4", html)
        self.refused(2, ["print", "--form", "writeoff", "11-2026"], "writeoff")


try:
    from test_form_pages import HAVE_TOOLS, SKIP_REASON, Chromium
except ImportError:  # pragma: no cover
    HAVE_TOOLS, SKIP_REASON, Chromium = False, "test_form_pages not importable", None


@unittest.skipUnless(HAVE_TOOLS, SKIP_REASON)
class WriteoffPaperTest(FinanceCase):
    """The printed write-off on A4 in headless Chromium: one page, whole."""

    def test_the_html_form_fits_one_a4_page(self):
        self.month()
        self.act("writeoff", "--month", "2026-11")
        html = self.act("print", "--form", "writeoff", "2026-11", "--format", "html")
        html_path = os.path.join(self.tmp, "writeoff.html")
        pdf_path = os.path.join(self.tmp, "writeoff.pdf")
        write_text(html_path, html)
        browser = Chromium()
        try:
            browser.print_pdf(html_path, pdf_path)
        finally:
            browser.close()
        info = subprocess.run(["pdfinfo", pdf_path], capture_output=True, text=True, check=True)
        self.assertIn("Pages:           1", info.stdout)
        self.assertIn("(A4)", info.stdout)
        text = subprocess.run(["pdftotext", "-layout", pdf_path, "-"], capture_output=True,
                              text=True, check=True).stdout
        for label in ("费用核销单", "955.75", "1544.25", "总经理"):
            self.assertIn(label, text)


if __name__ == "__main__":
    unittest.main()
