"""Safe output (issue 14, item 6): text from the records is shown, never obeyed.

CSV cells that a spreadsheet would run as a formula get a leading "'"
(OWASP); Markdown escapes '|' and HTML and keeps a line break in its cell;
HTML escapes every value, and a template may not print one raw; terminal
text never carries a control character from the records, however it got
there — here, as an attacker would, by editing a ticket file by hand.
"""

import csv
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from svctest import SvcTestCase, read_text, write_text  # noqa: E402

FORMULAS = ['=HYPERLINK("http://x","y")', "+cmd|calc", "@SUM(A1)", "-2+3"]
PIPE_SCRIPT = "A|B <script>alert(1)</script>"
LATER = "2026-11-30T10:00:00+08:00"

# What a terminal would act on, as a TOML basic string writes it, and what
# svc shows instead.
HOSTILE_TOML = r"\u001b[31mRED\u001b[0m\u0007\u009b2J\u202eevil\u007f\r"
HOSTILE_SHOWN = r"\x1b[31mRED\x1b[0m\x07\u009b2J\u202eevil\x7f\x0d"
HOSTILE_DESC_TOML = r"line one\u001b[2J\nline two\u2066"
HOSTILE_DESC_SHOWN = "line one\\x1b[2J\nline two\\u2066"
HOSTILE_ACTOR_TOML = r"王\u001b]0;pwned\u0007芳"
HOSTILE_ACTOR_SHOWN = r"王\x1b]0;pwned\x07芳"

# C0 controls but newline, DEL, C1 controls, bidi controls.
FORBIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def table_lines(md):
    """The lines of the Markdown tables in `md`, block by block."""
    blocks, block = [], []
    for line in md.split("\n"):
        if line.startswith("|"):
            block.append(line)
        elif block:
            blocks.append(block)
            block = []
    if block:
        blocks.append(block)
    return blocks


def cells(line):
    """The cell borders of a Markdown table line: '|' not behind a backslash."""
    return len(re.findall(r"(?<!\\)(?:\\\\)*\|", line))


class SafeOutputTestCase(SvcTestCase):

    def act(self, *args, **kwargs):
        """A step that changes a ticket: exit 0 (it reports on stderr)."""
        rc, out, err = self.svc(*args, **kwargs)
        self.assertEqual(rc, 0, err)


class CsvTest(SafeOutputTestCase):

    def test_formula_customers_are_text_and_numbers_stay_numbers(self):
        for name in FORMULAS:
            self.open("YX", name)
        raw = self.ok("report", "--month", "2026-11", "--format", "csv")
        lines = raw.split("\r\n")
        customers = [l for l in lines if l.startswith("most frequent customers,data,")]
        pad = "," * (raw.split("\r\n")[0].count(",") - 3)
        self.assertEqual(sorted(customers), sorted([
            "most frequent customers,data,'+cmd|calc,1" + pad,
            "most frequent customers,data,'-2+3,1" + pad,
            "most frequent customers,data,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",1" + pad,
            "most frequent customers,data,'@SUM(A1),1" + pad,
        ]))
        rows = list(csv.reader(io.StringIO(raw, newline="")))
        for r in rows:
            self.assertEqual(len(r), len(rows[0]), r)
            for cell in r:
                if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                    # Only svc's own figures: a plain number, or '-' for none.
                    self.assertRegex(cell, r"^(-|-?[0-9]+(\.[0-9]+)?%?)$", r)
        self.assertIn(["opened", "4"], [r[2:4] for r in rows])
        sla = [r for r in rows if r[0] == "time limits" and r[1] == "data"]
        self.assertTrue(any(c == "-" for r in sla for c in r), sla)  # '-' stays '-'

    def test_csv_escapes_controls_a_hand_edit_put_in(self):
        tid = self.open("YX", "placeholder")
        self.hand_edit(tid, 'name = "placeholder"', 'name = "=1+1\\u001b[2J"')
        raw = self.ok("report", "--month", "2026-11", "--format", "csv")
        self.assertIn("\r\nmost frequent customers,data,'=1+1\\x1b[2J,1,", raw)
        self.assertIsNone(FORBIDDEN.search(raw.replace("\r\n", "")))

    def hand_edit(self, tid, old, new):
        text = self.ticket_text(tid)
        self.assertIn(old, text)
        write_text(self.ticket_path(tid), text.replace(old, new, 1))


class MarkdownTest(SafeOutputTestCase):

    def setUp(self):
        super().setUp()
        self.tid = self.open("YX", PIPE_SCRIPT, "--contact", "[x](javascript:alert(1))",
                             "--description", "first | line\n<b>second</b> & more")

    def assertTablesIntact(self, md):
        for block in table_lines(md):
            self.assertRegex(block[0 if block[0].startswith("|--") else 1], r"^\|(---:?\|)+$")
            n = cells(block[0])
            for line in block:
                self.assertEqual(cells(line), n, line)

    def test_info_form_keeps_its_columns_and_no_live_tag(self):
        md = self.ok("print", self.tid, "--form", "info", "--format", "md")
        self.assertIn("| 客户名称 Customer | A\\|B &lt;script&gt;alert(1)&lt;/script&gt; |\n", md)
        self.assertIn("| 联系人 Contact | \\[x\\](javascript:alert(1)) |\n", md)
        self.assertIn("| 需求及故障描述 Request and fault description |\n|---|\n"
                      "| first \\| line<br>&lt;b&gt;second&lt;/b&gt; &amp; more |\n", md)
        self.assertNotIn("<script", md)
        self.assertNotIn("<b>", md)
        self.assertTablesIntact(md)

    def test_every_md_form_keeps_its_tables(self):
        self.act("classify", self.tid, "--kind", "support", "--category", "hardware",
                "--level", "3", "--service", "onsite-repair")
        self.act("dispatch", self.tid, "--tech", "<i>a|b</i>")
        for form in ("info", "outbound", "repair", "survey", "collection"):
            with self.subTest(form=form):
                md = self.ok("print", self.tid, "--form", form, "--format", "md")
                self.assertNotIn("<script", md)
                self.assertNotIn("<i>", md)
                self.assertTablesIntact(md)

    def test_report_md_escapes_the_customer(self):
        md = self.ok("report", "--month", "2026-11", "--format", "md")
        self.assertIn("\n| A\\|B &lt;script&gt;alert(1)&lt;/script&gt; | 1 |\n", md)
        self.assertNotIn("<script", md)
        self.assertTablesIntact(md)


class HtmlTest(SafeOutputTestCase):

    def setUp(self):
        super().setUp()
        self.tid = self.open("YX", PIPE_SCRIPT, "--description", "<img src=x onerror=alert(1)>")

    def test_info_form_escapes(self):
        html = self.ok("print", self.tid, "--form", "info", "--format", "html")
        self.assertIn("A|B &lt;script&gt;alert(1)&lt;/script&gt;", html)
        self.assertIn("&lt;img src=x onerror=alert(1)&gt;", html)
        self.assertNotIn("<script", html)
        self.assertNotIn("<img", html)

    def test_a_template_printing_raw_is_refused(self):
        for tag in ("{{{customer.name}}}", "{{&customer.name}}", "{{ & customer.name }}",
                    "{{=<% %>=}}<%&customer.name%>"):
            for fmt in ("html", "md", "text"):
                with self.subTest(tag=tag, format=fmt):
                    name = "info.{}.mustache".format(fmt)
                    write_text(self.path("templates", name), "{{id}}\n" + tag + "\n")
                    before = self.snapshot()
                    err = self.assertFails(
                        1, self.svc("print", self.tid, "--form", "info", "--format", fmt))
                    self.assertEqual(
                        err, "svc: {}:2: '{}' would print a value unescaped or change the "
                        "delimiters; forms print values only through {{{{name}}}}\n".format(
                            self.path("templates", name), tag[:3]))
                    self.assertEqual(self.snapshot(), before)
                    os.remove(self.path("templates", name))

    @unittest.skipUnless(shutil.which("chromium") or shutil.which("chromium-browser"),
                         "no chromium")
    def test_chromium_runs_no_script(self):
        # A script that ran would change the title; the DOM is dumped as it stands.
        tid = self.open("YX", "<script>document.title='PWNED'</script>x")
        html = self.ok("print", tid, "--form", "info", "--format", "html")
        page = os.path.join(self.tmp, "info.html")
        write_text(page, html)
        browser = shutil.which("chromium") or shutil.which("chromium-browser")
        p = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                            "--dump-dom", "file://" + page],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=120)
        dom = p.stdout.decode("utf-8")
        self.assertIn("&lt;script&gt;document.title='PWNED'&lt;/script&gt;x", dom)
        self.assertNotIn("PWNED</title>", dom)


class TerminalTextTest(SafeOutputTestCase):
    """A ticket file edited by hand, as an attacker would, still parseable."""

    def setUp(self):
        super().setUp()
        self.tid = self.open("YX", "placeholder", "--description", "desc")
        self.act("note", self.tid, "a note")
        text = self.ticket_text(self.tid)
        for old, new in (('name = "placeholder"', 'name = "{}"'.format(HOSTILE_TOML)),
                         ('description = "desc"',
                          'description = "{}"'.format(HOSTILE_DESC_TOML)),
                         ('actor = "王芳"\naction = "note"',
                          'actor = "{}"\naction = "note"'.format(HOSTILE_ACTOR_TOML))):
            self.assertIn(old, text)
            text = text.replace(old, new, 1)
        write_text(self.ticket_path(self.tid), text)

    def outputs(self):
        """(name, stdout, stderr) of every text output that shows the ticket."""
        out = []
        for args in (("show", self.tid), ("list",), ("list", "--no-index"),
                     ("overdue",), ("report", "--month", "2026-11"),
                     ("print", self.tid, "--form", "info"),
                     ("print", self.tid, "--form", "collection"), ("check",)):
            rc, o, e = self.svc(*args, now=LATER)
            self.assertIn(rc, (0, 1, 2), (args, e))
            out.append((" ".join(args), o, e))
        return out

    def test_no_output_carries_a_control_character(self):
        for name, out, err in self.outputs():
            with self.subTest(command=name):
                self.assertIsNone(FORBIDDEN.search(out), repr(out))
                self.assertIsNone(FORBIDDEN.search(err), repr(err))

    def test_show_writes_each_as_its_escape(self):
        out = self.ok("show", self.tid, now=LATER)
        lines = out.split("\n")
        self.assertEqual(lines[0], "{}  new  {}".format(self.tid, HOSTILE_SHOWN))
        self.assertIn("\ncustomer\n  name         " + HOSTILE_SHOWN + "\n", out)
        self.assertIn("fault\n  line one\\x1b[2J\n  line two\\u2066\n", out)
        self.assertRegex(out, r"\n  \S+ \S+ +{} +note +text: a note\n".format(
            re.escape(HOSTILE_ACTOR_SHOWN)))

    def test_list_and_overdue_write_each_as_its_escape(self):
        for args in (("list",), ("list", "--no-index")):
            out = self.ok(*args, now=LATER)
            self.assertIn(" " + HOSTILE_SHOWN[:23] + "…", out)
        rc, out, err = self.svc("overdue", now=LATER)
        self.assertIn(HOSTILE_SHOWN[:23] + "…", out)

    def test_report_and_print_text_write_each_as_its_escape(self):
        out = self.ok("report", "--month", "2026-11", now=LATER)
        self.assertIn("  " + HOSTILE_SHOWN + "  ", out)
        out = self.ok("print", self.tid, "--form", "info", now=LATER)
        self.assertIn(": " + HOSTILE_SHOWN + "\n", out)
        self.assertIn("\n" + HOSTILE_DESC_SHOWN + "\n", out)

    def test_json_escapes_every_control(self):
        out = self.ok("show", self.tid, "--json", now=LATER)
        self.assertIn('"name": "\\u001b[31mRED\\u001b[0m\\u0007\u009b2J\u202eevil\\u007f\\r"', out)

    def test_log_writes_each_as_its_escape(self):
        if not shutil.which("git"):
            self.skipTest("no git")
        env = {"GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@x", "GIT_COMMITTER_NAME": "a",
               "GIT_COMMITTER_EMAIL": "a@x"}
        genv = dict(os.environ, **env)
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "records"]):
            subprocess.run(["git", *args], cwd=self.records, env=genv, check=True,
                           stdout=subprocess.DEVNULL)
        # The events were committed long after they happened: findings, exit 1.
        rc, out, err = self.svc("log", self.tid, now=LATER)
        self.assertEqual((rc, err), (1, ""))
        self.assertIn("late-commit", out)
        self.assertIn(HOSTILE_ACTOR_SHOWN, out)
        self.assertIsNone(FORBIDDEN.search(out), repr(out))


if __name__ == "__main__":
    unittest.main()
