"""svc report --format html: the management review's page (issue 19 item 3, R-4.6 c).

The tickets of test_report.py (November and December 2026) and one with a
hostile customer name, reported for 2026-Q4 (October empty, November,
December). Checked as text — the title, the period, every table the CSV
report has, the charts as inline SVG, nothing that runs or fetches, every
text escaped, tags balanced — and the way a person would see it: rendered
by headless Chromium (Debian's `chromium`) at A4 width, screenshot to PNG
and printed to PDF (`pdfinfo`, `pdftotext` from poppler-utils).
"""

import base64
import csv
import html
import html.parser
import io
import json
import os
import re
import struct
import subprocess
import unittest
import zlib

from svctest import run, write_text
from test_report import ACTOR, LATE, NUMBERS, TICKETS, ReportTest

try:
    from test_form_pages import HAVE_TOOLS, SKIP_REASON, Chromium
except ImportError:  # pragma: no cover
    HAVE_TOOLS, SKIP_REASON, Chromium = False, "test_form_pages not importable", object

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=1>'
TITLE_ZH = "售后服务管理评审报告"
TITLE_EN = "After-sales service management review"
COMPANY = "Xxxxx电气自动化有限公司"
NO_DATA = "无数据 no data"
# A4 at 96 dpi, as Chromium lays out a page for print.
A4_WIDTH_PX = 794
VOID = {"meta", "br", "img", "hr", "input", "link", "col", "wbr", "source", "area", "base"}
# SVG's own empty elements are written closed (<line .../>, <rect .../>).


class TagBalance(html.parser.HTMLParser):
    """Fails on a closing tag that closes nothing open, or tags left open."""

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.tags = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("</{}> closes {}".format(tag, self.stack[-1:] or "nothing"))
        else:
            self.stack.pop()


def parse(page):
    p = TagBalance()
    p.feed(page)
    p.close()
    return p


def csv_titles(text):
    """The tables' titles, in order, from `--format csv`."""
    titles = []
    for row in list(csv.reader(io.StringIO(text)))[1:]:
        if row[0] not in titles:
            titles.append(row[0])
    return titles


def png_pixels(path):
    """(width, height, rows of RGB(A) bytes) of an 8-bit RGB/RGBA PNG."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and color in (2, 6), (depth, color)
            bpp = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, rows, bpp


class ReportHtmlTest(ReportTest):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        rc, out, err = run("-R", cls.shared, "--now", LATE, "--actor", ACTOR, "open", "--via",
                           "YX", "--customer", HOSTILE, "--received-at", "2026-12-05 09:00",
                           "--at", "2026-12-05 09:10")
        assert rc == 0, err
        cls.hostile = out.strip()

    def page(self, *args):
        out = self.report(*args, "--format", "html")
        p = parse(out)
        self.assertEqual(p.errors, [], args)
        self.assertEqual(p.stack, [], args)
        return out, p

    def assertSelfContained(self, page, p):
        """Nothing that runs, nothing fetched: no script, link, URL or event
        attribute (escaped text from the records may read like one)."""
        self.assertTrue(page.startswith("<!DOCTYPE html>\n"))
        lower = page.lower()
        for banned in ("<script", "http:", "https:", "url(", "@import", "<link", "<iframe",
                       "<object", "<embed", "<img"):
            self.assertNotIn(banned, lower)
        attrs = [a for _, attrs in p.tags for a in attrs
                 if a in ("src", "href", "xlink:href") or a.startswith("on")]
        self.assertEqual(attrs, [])

    def test_title_period_and_every_table(self):
        page, p = self.page("--quarter", "2026-Q4")
        self.assertSelfContained(page, p)
        r = self.json_report("--quarter", "2026-Q4")
        for text in (TITLE_ZH, TITLE_EN, COMPANY, "2026-Q4", r["period"]["start"],
                     r["period"]["end"], r["as_of"]):
            self.assertIn(html.escape(text, quote=False), page)
        titles = csv_titles(self.report("--quarter", "2026-Q4", "--format", "csv"))
        self.assertGreater(len(titles), 10)
        shown = [t for t in titles if "<h3>{}</h3>".format(html.escape(t)) in page]
        self.assertEqual(shown, titles)
        # The charts: a success rate by month for each clock with a figure in
        # the quarter, fault levels and categories, answers and the rate by month.
        clocks = [name for name, f in r["sla"].items() if f["rate"] is not None]
        self.assertGreater(len(clocks), 3)
        svgs = [attrs for tag, attrs in p.tags if tag == "svg"]
        self.assertEqual(len(svgs), len(clocks) + 4)
        for name in clocks:
            self.assertIn(" {}</title>".format(name), page)
        # Every month of the quarter, October's a gap ("–"), not 0%.
        for month in ("10月", "11月", "12月"):
            self.assertIn(">{}<".format(month), page)
        self.assertIn(">–<", page)
        for label in ("按故障等级", "按类别", "硬件 hardware", "满意 satisfied", "满意率"):
            self.assertIn(label, page)

    def test_success_rate_month_by_month(self):
        """response: November 4 of 5 (T2 breached); December T4 breached and
        T7 overdue at the end, 0 of 2; October nothing, a gap."""
        page, _ = self.page("--quarter", "2026-Q4")
        chart = self.chart(page, "响应 response")
        self.assertEqual(self.bar_labels(chart), ["80%", "0%"])
        self.assertEqual(chart.count(">–<"), 1)
        self.assertEqual(chart.count("<rect"), 2)
        # Satisfaction: November 1 of 3 surveys satisfied, no survey in October or December.
        rate = self.chart(page, "满意率（按月）")
        self.assertEqual(self.bar_labels(rate), ["33.3%"])
        self.assertEqual(rate.count(">–<"), 2)

    def test_overdue_before_the_period_counts_in_its_first_month(self):
        """2027-Q1 as of 2026-12-31: T7's response is overdue (JSON says so)
        and charted in January, as 0 % met."""
        r = self.json_report("--quarter", "2027-Q1")
        self.assertGreater(r["sla"]["response"]["overdue_at_end"], 0)
        page, _ = self.page("--quarter", "2027-Q1")
        chart = self.chart(page, "响应 response")
        self.assertEqual(self.bar_labels(chart), ["0%"])
        self.assertEqual(chart.count(">–<"), 2)
        self.assertLess(chart.index(">0%</text><text"), chart.index(">2月<"))

    @staticmethod
    def chart(page, title):
        start = page.index("<title>{}".format(title))
        return page[start:page.index("</svg>", start)]

    @staticmethod
    def bar_labels(chart):
        return re.findall(r'font-size="9">([^<]*)</text>', chart)

    def test_hostile_customer_name_is_escaped(self):
        page, p = self.page("--quarter", "2026-Q4")
        self.assertSelfContained(page, p)
        self.assertIn(html.escape(HOSTILE), page)
        self.assertNotIn(HOSTILE, page)
        self.assertEqual([t for t, _ in p.tags if t in ("script", "img")], [])

    def test_empty_period_says_no_data(self):
        page, p = self.page("--month", "2026-01")
        self.assertSelfContained(page, p)
        self.assertIn("2026-01", page)
        svgs = [t for t, _ in p.tags if t == "svg"]
        self.assertEqual(len(svgs), 5)  # one for the time limits, levels, categories, answers, rate
        self.assertGreaterEqual(page.count(NO_DATA), 4)
        self.assertNotIn("<rect", page)
        titles = csv_titles(self.report("--month", "2026-01", "--format", "csv"))
        for t in titles:
            self.assertIn("<h3>{}</h3>".format(html.escape(t)), page)

    def test_one_month_charts_its_month(self):
        page, _ = self.page("--month", "2026-11")
        self.assertIn(">11月<", page)
        self.assertNotIn(">12月<", page)
        self.assertIn(">100%<", page)  # T1's response met: a bar labelled 100%

    def test_route(self):
        page, p = self.page("--quarter", "2026-Q4", "--route", "YX")
        self.assertSelfContained(page, p)
        self.assertIn("route: <b>YX</b>", page)
        self.assertNotIn("customer visits", page)  # no route on visits: not in the route's report
        full, _ = self.page("--quarter", "2026-Q4")
        self.assertIn("customer visits", full)
        titles = csv_titles(self.report("--quarter", "2026-Q4", "--route", "YX", "--format", "csv"))
        for t in titles:
            self.assertIn("<h3>{}</h3>".format(html.escape(t)), page)

    def test_bad_format_is_refused(self):
        rc, out, err = self.svc("report", "--month", "2026-11", "--format", "htm")
        self.assertEqual((rc, out), (2, ""))
        self.assertIn("htm", err)


class CdpChromium(Chromium):
    """test_form_pages's Chromium, also laying a page out on screen."""

    def load(self, html_path, width):
        self.call("Emulation.setDeviceMetricsOverride", session=self.session, width=width,
                  height=1123, deviceScaleFactor=1, mobile=False)
        self.call("Page.navigate", session=self.session, url="file://" + html_path)
        while True:
            m = self._message()
            if m.get("method") == "Page.loadEventFired" and m.get("sessionId") == self.session:
                break

    def evaluate(self, expression):
        return self.call("Runtime.evaluate", session=self.session, expression=expression,
                         returnByValue=True)["result"]["value"]

    def screenshot(self, png_path):
        """The whole page, as long as it is, at the emulated width."""
        size = self.call("Page.getLayoutMetrics", session=self.session)["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
        data = self.call("Page.captureScreenshot", session=self.session, format="png",
                         captureBeyondViewport=True, clip=clip)["data"]
        with open(png_path, "wb") as f:
            f.write(base64.b64decode(data))


@unittest.skipUnless(HAVE_TOOLS, SKIP_REASON)
class RenderedTest(ReportTest):
    """The page in headless Chromium at A4 width: laid out, not blank, printed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.browser = CdpChromium()
        cls.addClassCleanup(cls.browser.close)

    def render(self, name, *args):
        page = self.report(*args, "--format", "html")
        html_path = os.path.join(self.tmp, name + ".html")
        write_text(html_path, page)
        b = self.browser
        b.load(html_path, A4_WIDTH_PX)
        layout = b.evaluate(
            "JSON.stringify({scroll: document.documentElement.scrollWidth,"
            " client: document.documentElement.clientWidth,"
            " svgs: Array.from(document.querySelectorAll('svg')).map(s => {"
            "   const r = s.getBoundingClientRect(); return [r.left, r.right, r.width]; }),"
            " texts: Array.from(document.querySelectorAll('svg text')).filter(t => {"
            "   const s = t.ownerSVGElement.getBoundingClientRect(), r = t.getBoundingClientRect();"
            "   return r.left < s.left - 1 || r.right > s.right + 1; }).map(t => t.textContent)})")
        layout = json.loads(layout)
        png = os.path.join(self.tmp, name + ".png")
        b.screenshot(png)
        pdf = os.path.join(self.tmp, name + ".pdf")
        b.print_pdf(html_path, pdf)
        if os.environ.get("REPORT_HTML_KEEP"):
            keep = os.environ["REPORT_HTML_KEEP"]
            os.makedirs(keep, exist_ok=True)
            for path in (html_path, png, pdf):
                subprocess.run(["cp", path, keep], check=True)
        return layout, png, pdf

    def pdf_pages(self, pdf):
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
        size = [line for line in info.splitlines() if line.startswith("Page size:")][0]
        self.assertIn("(A4)", size)
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True,
                              check=True).stdout
        return int([line.split()[-1] for line in info.splitlines()
                    if line.startswith("Pages:")][0]), text

    def assertLaidOut(self, layout):
        self.assertLessEqual(layout["scroll"], A4_WIDTH_PX, "wider than an A4 page")
        self.assertLessEqual(layout["scroll"], layout["client"], "horizontal overflow")
        self.assertGreater(layout["client"], A4_WIDTH_PX - 20)  # laid out at A4 width
        self.assertTrue(layout["svgs"])
        for left, right, width in layout["svgs"]:
            self.assertGreaterEqual(left, 0)
            self.assertLessEqual(right, layout["client"])
            self.assertGreater(width, 150)
        self.assertEqual(layout["texts"], [], "chart labels outside their chart")

    def assertNotBlank(self, png, layout):
        width, height, rows, bpp = png_pixels(png)
        self.assertEqual(width, layout["client"])  # the page's width, not wider
        self.assertGreater(height, 1123)  # the whole page, longer than one screen
        dark = sum(1 for row in rows[::4] for i in range(0, len(row), bpp * 4)
                   if sum(row[i:i + 3]) < 300)
        self.assertGreater(dark, 500, "the screenshot is (nearly) blank")

    def rendered(self, name, pages, *args):
        """The report laid out, not blank, printed on `pages` (a range) of
        A4; the PDF's text."""
        layout, png, pdf = self.render(name, *args)
        self.assertLaidOut(layout)
        self.assertNotBlank(png, layout)
        count, text = self.pdf_pages(pdf)
        self.assertIn(count, pages)
        return text

    def test_quarter(self):
        text = self.rendered("quarter", range(3, 9), "--quarter", "2026-Q4")
        for label in (TITLE_ZH, "time limits", "按故障等级", "满意率"):
            self.assertIn(label, text)

    def test_empty_month(self):
        text = self.rendered("empty", range(2, 7), "--month", "2026-01")
        self.assertIn(NO_DATA, text)


if __name__ == "__main__":
    unittest.main()
