"""Forms that fit their paper (issue 18 item 6; R-6, R-7).

Checked the way a desk prints them: each form's HTML printed to PDF by
headless Chromium (Debian's `chromium`), its pages counted by `pdfinfo` and
read back by `pdftotext -layout` (Debian's `poppler-utils`):

- the repair record (售后服务维修记录单): three copies, each on a sheet of
  its own, its signature block (售后服务人员 … 维修人员) on the same page as
  its heading: 3 pages on A4 and on A5 (svc.toml [forms] paper = "A5");
- the info form (售后信息处理单): 1 page on A4;
- the service plan, the outbound application and the warehousing receipt:
  1 page on A4;
- for a ticket filled with texts longer than any box of a form (and more
  parts than a form's table holds): every form keeps its pages as above,
  no section of the info form split across a page break, and what does
  not fit its box is printed whole on a continuation sheet (附页) that
  follows the form (each copy of the repair record has its own).

svc takes texts up to 1 MiB (model/limits.h kMaxInputBytes): no paper form
holds that, so a form cuts a text where its box ends and continues it on
the 附页. The pages of the form itself depend only on whether a text
overflows its box, so the long ticket's texts are some thousands of
characters, far beyond any box (a 1 MiB text would only lengthen the 附页
and the test's runtime).

Chromium starts once for the whole file and prints every page through its
DevTools protocol over a pipe (--remote-debugging-pipe): some 2 s a form.
The bundled records' forms are printed for the tickets whose form is
longest (FORM_PAGES_ALL=1 prints every ticket × every applicable form).
"""

import base64
import json
import os
import shutil
import subprocess
import unittest

from svctest import SOURCE_DIR, SvcTestCase, write_text

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HAVE_TOOLS = all(os.path.exists(p) for p in [CHROMIUM]) and all(
    shutil.which(t) for t in ("pdfinfo", "pdftotext"))
SKIP_REASON = "needs /usr/bin/chromium and pdfinfo/pdftotext (apt-get install chromium poppler-utils)"

NOW = "2026-12-01T10:00:00+08:00"
COPIES = ("第一联", "第二联", "第三联")
# The repair record's signature block, first and last row.
SIGN_FIRST, SIGN_LAST = "售后服务人员", "维修人员"
# How many bundled tickets per form are printed (those whose form is longest).
LONGEST_BUNDLED = 3
# The heading of a continuation sheet (附页).
SHEET = "Continuation sheet"


class Chromium:
    """One headless Chromium, driven over --remote-debugging-pipe: it reads
    NUL-terminated JSON commands on its fd 3 and answers on its fd 4."""

    def __init__(self):
        to_child_r, self_w = os.pipe()
        self_r, from_child_w = os.pipe()

        def child_fds():
            a, b = os.dup(to_child_r), os.dup(from_child_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--no-default-browser-check", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(3, 4), preexec_fn=child_fds)
        os.close(to_child_r)
        os.close(from_child_w)
        self.w = os.fdopen(self_w, "wb", buffering=0)
        self.r = os.fdopen(self_r, "rb", buffering=0)
        self.buf = b""
        self.last_id = 0
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target,
                                 flatten=True)["sessionId"]
        self.call("Page.enable", session=self.session)

    def _message(self):
        while b"\0" not in self.buf:
            chunk = self.r.read(1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed its pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, session=None, **params):
        self.last_id += 1
        msg = {"id": self.last_id, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        self.w.write(json.dumps(msg).encode() + b"\0")
        while True:
            m = self._message()
            if m.get("id") == self.last_id:
                if "error" in m:
                    raise RuntimeError("{}: {}".format(method, m["error"]))
                return m["result"]

    def print_pdf(self, html_path, pdf_path):
        """Prints the page at html_path as `chromium --print-to-pdf` does, the
        page's own @page size taken."""
        self.call("Page.navigate", session=self.session, url="file://" + html_path)
        while True:
            m = self._message()
            if m.get("method") == "Page.loadEventFired" and m.get("sessionId") == self.session:
                break
        pdf = self.call("Page.printToPDF", session=self.session, preferCSSPageSize=True,
                        printBackground=True, displayHeaderFooter=False)["data"]
        with open(pdf_path, "wb") as f:
            f.write(base64.b64decode(pdf))

    def close(self):
        try:
            self.call("Browser.close")
        except (RuntimeError, OSError):
            pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@unittest.skipUnless(HAVE_TOOLS, SKIP_REASON)
class FormPagesCase(SvcTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.browser = Chromium()
        cls.addClassCleanup(cls.browser.close)

    def svc(self, *args, now=NOW, **kwargs):
        return super().svc(*args, now=now, **kwargs)

    def pages(self, tid, form, *extra):
        """The form printed to PDF: the text of each page (pdftotext -layout)."""
        html = self.ok("print", tid, "--form", form, "--format", "html", *extra)
        name = "{}-{}{}".format(tid, form, "".join(extra))
        html_path = os.path.join(self.tmp, name + ".html")
        pdf_path = os.path.join(self.tmp, name + ".pdf")
        write_text(html_path, html)
        self.browser.print_pdf(html_path, pdf_path)
        info = subprocess.run(["pdfinfo", pdf_path], capture_output=True, text=True, check=True)
        count = int([line.split()[-1] for line in info.stdout.splitlines()
                     if line.startswith("Pages:")][0])
        text = subprocess.run(["pdftotext", "-layout", pdf_path, "-"], capture_output=True,
                              text=True, check=True).stdout
        pages = text.split("\f")
        if pages and not pages[-1].strip():
            pages.pop()
        self.assertEqual(len(pages), count, name)
        return pages

    def set_paper(self, paper):
        self.set_config('paper = "A4"', 'paper = "{}"'.format(paper))

    # --- what each form must look like on paper -----------------------------

    def assertRepairCopies(self, pages, what, sheets_per_copy=None):
        """Three copies, each starting a page with its heading and its whole
        signature block on that page; any further page of a copy is its
        continuation sheet (附页)."""
        starts = [i for i, p in enumerate(pages) if "Repair Record" in p]
        self.assertEqual(len(starts), 3, "{}: copies start on pages {}".format(what, starts))
        self.assertEqual(starts[0], 0, what)
        if sheets_per_copy is not None:
            self.assertEqual(len(pages), 3 * sheets_per_copy, what)
            self.assertEqual(starts, [0, sheets_per_copy, 2 * sheets_per_copy], what)
        for copy, start, end in zip(COPIES, starts, starts[1:] + [len(pages)]):
            first = pages[start]
            for label in (copy, "售后服务维修记录单", SIGN_FIRST, "用户意见", "部门领导", "仓库人员",
                          SIGN_LAST):
                self.assertIn(label, first, "{}: copy {} page lacks {}".format(what, copy, label))
            if end > start + 1:
                self.assertIn(SHEET, pages[start + 1],
                              "{}: copy {} runs over its sheet".format(what, copy))

    def assertOnePageForm(self, pages, what, last_label):
        """The form on its first page (from its heading to `last_label`, its
        last signature line); any further page is its continuation sheet."""
        self.assertIn(last_label, pages[0], "{}: the form runs over its page".format(what))
        if len(pages) > 1:
            self.assertIn(SHEET, pages[1], "{}: a second page that is no 附页".format(what))

    # The info form's sections: heading, and a label of its table's last row.
    INFO_SECTIONS = [("一、接收", "填单人"), ("二、顾客信息", "联系电话"), ("三、设备信息", "保修期至"),
                     ("四、售后需求及故障描述", "五、类型判断与转交"), ("五、类型判断与转交", "转交部门"),
                     ("六、质量部原因分析", "责任方"), ("七、售后技术方案", "总经理批准"),
                     ("八、外出服务", "九、处理结果"), ("九、处理结果", "顾客满意")]

    @staticmethod
    def form_pages(pages):
        """The pages before the continuation sheet."""
        at = [i for i, p in enumerate(pages) if SHEET in p]
        return pages[:at[0]] if at else pages

    def assertInfoSectionsWhole(self, pages, what):
        form = self.form_pages(pages)
        for heading, last in self.INFO_SECTIONS:
            at = [i for i, p in enumerate(form) if heading in p]
            self.assertEqual(len(at), 1, "{}: {} on pages {}".format(what, heading, at))
            page = form[at[0]]
            rest = page[page.index(heading):]
            if "、" in last:
                # A box: the next section follows on the same page, or starts
                # the next page (the box is not split).
                self.assertTrue(last in rest or (at[0] + 1 < len(form) and form[
                    at[0] + 1].lstrip().startswith(last)),
                                "{}: {} split across a page break".format(what, heading))
            else:
                self.assertIn(last, rest, "{}: {} split across a page break".format(what, heading))


class BundledFormsTest(FormPagesCase):
    """The bundled records (records/): every ticket × every applicable form."""

    INIT = False

    def setUp(self):
        super().setUp()
        shutil.copytree(os.path.join(SOURCE_DIR, "records"), self.records,
                        ignore=shutil.ignore_patterns(".svc", "*.sh"))

    def tickets(self):
        """Each bundled ticket's view (show --json)."""
        rc, out, err = self.svc("--json", "list")
        self.assertEqual(rc, 0, err)
        ids = [t["id"] for t in json.loads(out)]
        views = []
        for tid in ids:
            views.append(json.loads(self.ok("--json", "show", tid)))
        return views

    def chosen(self, form, views):
        """The tickets `form` applies to, the longest forms first; all of them
        with FORM_PAGES_ALL=1, else LONGEST_BUNDLED."""
        fit = {
            "info": lambda v: True,
            "repair": lambda v: bool(v["dispatches"]),
            "plan": lambda v: v.get("plan") is not None or v.get("analysis") is not None,
            "application": lambda v: bool(v["dispatches"]),
            "warehouse": lambda v: bool(v["dispatches"]) and (
                v["dispatches"][-1].get("warehoused") is not None
                or v["dispatches"][-1].get("receipt") is not None),
        }[form]
        ids = [v["id"] for v in views if fit(v)]
        self.assertTrue(ids, form)
        if os.environ.get("FORM_PAGES_ALL") == "1":
            return ids
        size = {tid: len(self.ok("print", tid, "--form", form, "--format", "html")) for tid in ids}
        return sorted(ids, key=lambda t: -size[t])[:LONGEST_BUNDLED]

    def test_every_form_fits_its_page_on_a4(self):
        views = self.tickets()
        for tid in self.chosen("info", views):
            with self.subTest(form="info", ticket=tid):
                pages = self.pages(tid, "info")
                self.assertEqual(len(pages), 1, "info {}".format(tid))
                self.assertInfoSectionsWhole(pages, "info " + tid)
        for tid in self.chosen("repair", views):
            with self.subTest(form="repair", ticket=tid):
                self.assertRepairCopies(self.pages(tid, "repair"), "repair " + tid, 1)
        for form, last in (("plan", "五、方案评审"), ("application", "客服人员"),
                           ("warehouse", "质量部检查")):
            for tid in self.chosen(form, views):
                with self.subTest(form=form, ticket=tid):
                    pages = self.pages(tid, form)
                    self.assertEqual(len(pages), 1, "{} {}".format(form, tid))
                    self.assertOnePageForm(pages, "{} {}".format(form, tid), last)

    def test_nonconformity_reports_fit_one_page(self):
        for number in ("NC-26-10-01", "NC-26-11-01"):
            with self.subTest(number=number):
                pages = self.pages(number, "nonconformity")
                self.assertEqual(len(pages), 1, number)
                self.assertIn("不合格品报告处理单", pages[0])

    def test_repair_record_on_a5_one_sheet_a_copy(self):
        # A5 is half of A4: each copy still on a sheet of its own, signature
        # block included; a text longer than an A5 box (the bundled tickets'
        # longest) goes on the copy's continuation sheet, as on A4.
        self.set_paper("A5")
        views = self.tickets()
        for tid in self.chosen("repair", views):
            with self.subTest(ticket=tid):
                pages = self.pages(tid, "repair")
                self.assertIn(len(pages), (3, 6), tid)
                self.assertRepairCopies(pages, "repair A5 " + tid, len(pages) // 3)
        # A ticket whose texts fit the A5 boxes: exactly three sheets.
        self.assertRepairCopies(self.pages("SC-26-11-01", "repair"), "repair A5 SC-26-11-01", 1)


# Far longer than any box of a form (a box holds at most four lines, some
# 170 characters), with the characters that need escaping.
def long_text(word, n):
    return "\n".join("{}{} <第{}行> & “{}”".format(word, "测试文字" * 20, i, i) for i in range(n))


PARTS = 20  # more than a form's table holds (8 rows)


class LongestTextsTest(FormPagesCase):
    """A ticket with texts beyond every box and more parts than any table holds."""

    def setUp(self):
        super().setUp()
        line = "长" * 150
        rc, out, err = self.svc(
            "open", "--via", "YX", "--customer", "客户" + line, "--contact", "联系人" + line,
            "--title", "职务" + line, "--phone", "021-" + "5" * 200, "--address", "地址" + line,
            "--product", "产品" + line, "--model", "型号" + line, "--size", "8" * 200,
            "--serial", "S" * 200, "--quantity", "1000000", "--project-no", "AB" + "1" * 200,
            "--equipment-no", "E" * 200, "--invoice-no", "9" * 200,
            "--description", long_text("故障", 60),
            "--received-at", "2026-11-29 09:05", "--at", "2026-11-29 09:30", "--level", "1")
        self.assertEqual(rc, 0, err)
        self.tid = out.strip()
        steps = [
            ("classify", self.tid, "--kind", "quality", "--category", "hardware", "--level", "1",
             "--service", "onsite-repair", "--major", "--at", "2026-11-29 09:40"),
            ("analyze", self.tid, "--cause", long_text("原因", 40), "--measures",
             long_text("措施", 40), "--responsibility", "supplier", "--corrective",
             long_text("纠正", 40), "--at", "2026-11-29 10:00"),
            ("plan", self.tid, "--text", long_text("方案", 60), "--at", "2026-11-29 10:30"),
        ]
        for i in range(12):
            steps.append(("approve", self.tid, "--as", "head", "--comment", long_text("意见", 5),
                          "--at", "2026-11-29 10:{:02d}".format(31 + i)))
        steps += [
            ("approve", self.tid, "--as", "gm", "--comment", long_text("同意", 10),
             "--at", "2026-11-29 10:50"),
            ("approve", self.tid, "--as", "customer", "--by", "客户代表", "--at", "2026-11-29 10:52"),
            ("dispatch", self.tid, "--tech", "张" + line, "--tech", "李强", "--complexity",
             "complex", "--planned", "2026-11-29 11:00", "--at", "2026-11-29 10:55"),
            ("dispatch", self.tid, "--arrive", "--at", "2026-11-29 11:30"),
            ("dispatch", self.tid, "--finish", "--work", long_text("工作", 60), "--hours", "1000",
             "--signed-by", "签" + line, "--at", "2026-11-29 15:00",
             *[a for i in range(PARTS) for a in
               ("--part", "零件{}{}:999999:99999.99:{}".format(i, "件" * 60,
                                                           "warranty" if i % 2 else "customer"))]),
            ("close", self.tid, "--result", "completed", "--resolution", long_text("处理", 60),
             "--at", "2026-11-29 16:00"),
            ("dispatch", self.tid, "--back", "--at", "2026-11-29 18:00",
             *[a for i in range(PARTS) for a in
               ("--part", "拆回{}{}:999999:{}".format(i, "件" * 60,
                                                     "returned" if i % 2 else "scrapped"))]),
            ("warehouse", self.tid, "--nonconformity", long_text("不合格", 60),
             "--at", "2026-11-29 20:00"),
            ("survey", self.tid, "--satisfaction", "不满意", "--attitude", "差", "--damage", "严重",
             "--cleanliness", "不好", "--comment", long_text("建议", 60),
             "--at", "2026-11-30 08:00"),
        ]
        for step in steps:
            rc, out, err = self.svc(*step)
            self.assertEqual(rc, 0, "{}: {}".format(step[:2], err))

    def test_cut_texts_continue_whole_and_escaped_on_the_sheet(self):
        html = self.ok("print", self.tid, "--form", "repair", "--format", "html")
        self.assertNotIn("<第", html)
        self.assertIn("续见附页 1）", html)
        self.assertEqual(html.count(SHEET), 3)  # one per copy
        # description, work, resolution and the survey comment, on each copy's sheet
        self.assertEqual(html.count("&lt;第59行&gt; &amp; “59”"), 4 * 3)
        self.assertNotIn("\ue000", html)  # every mark numbered
        for fmt in ("text", "md"):
            out = self.ok("print", self.tid, "--form", "info", "--format", fmt)
            self.assertNotIn("续见附页", out)
            self.assertIn("第59行", out)

    def test_repair_record_a_sheet_a_copy_on_a4_and_a5(self):
        pages = self.pages(self.tid, "repair")
        self.assertRepairCopies(pages, "repair A4")
        self.assertGreater(len(pages), 3)  # each copy with its 附页
        self.set_paper("A5")
        self.assertRepairCopies(self.pages(self.tid, "repair"), "repair A5")

    def test_info_form_keeps_its_sections_whole(self):
        pages = self.pages(self.tid, "info")
        self.assertLessEqual(len(self.form_pages(pages)), 2, "the info form itself")
        self.assertInfoSectionsWhole(pages, "info")
        self.assertIn(SHEET, "".join(pages))

    def test_plan_application_and_warehouse_each_on_one_page(self):
        for form, last in (("plan", "五、方案评审"), ("application", "客服人员"),
                           ("warehouse", "质量部检查")):
            with self.subTest(form=form):
                pages = self.pages(self.tid, form)
                self.assertOnePageForm(pages, form, last)
                self.assertGreater(len(pages), 1, form)  # with its 附页


if __name__ == "__main__":
    unittest.main()
