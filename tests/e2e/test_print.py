"""svc print: the procedure's paper forms (R-6, R-7) filled from a ticket.

Six forms (info 售后信息处理单, outbound 外出服务记录表, repair 售后服务维修记录单
in three copies, survey 售后满意度调查表, quote, collection 售后服务信息收集表),
each in md, html and text, from the built-in templates or from a records
directory's own templates/.
"""

import glob
import os
import subprocess
import unicodedata
import unittest
from html.parser import HTMLParser

from svctest import SOURCE_DIR, SvcTestCase, write_text

FORMS = ("info", "outbound", "repair", "survey", "quote", "collection")
FORMATS = ("md", "html", "text")

# What the whole-path ticket is opened with: every field of the info form.
CUSTOMER = "华东电网检修公司"
OPEN_ARGS = (
    "--via", "YX", "--customer", CUSTOMER,
    "--contact", "赵经理", "--title", "运维主管", "--phone", "021-5555-0101",
    "--address", "上海市浦东新区张江路88号",
    "--product", "配电柜", "--model", "KYN28A-12", "--size", "800x1500",
    "--serial", "KY2023-0456", "--quantity", "2", "--project-no", "AB-2023-118",
    "--equipment-no", "PD-07", "--commissioned", "2023-06-18", "--purchased", "2023-03-02",
    "--invoice-no", "31002345",
    "--description", "10kV 进线柜主开关频繁跳闸\n保护装置显示过流",
    "--received-at", "2026-11-29 09:05", "--at", "2026-11-29 09:30", "--level", "2",
)

# The procedure's own labels each form must carry (R-6, R-7 and the forms'
# layouts in the procedure), with the English glosses svc adds.
LABELS = {
    "info": ["售后信息处理单", "接收部门", "接收时间", "填单时间", "填单人", "客户名称", "联系人",
             "职务", "联系电话", "地址", "产品类型", "型号", "机号", "数量", "项目编号(AB号)",
             "设备编号", "投运时间", "购机日期", "发票号", "故障描述", "售后类型", "故障等级",
             "转交部门", "原因分析", "售后技术方案", "总经理批准", "外出服务", "处理结果",
             "收费情况", "顾客满意", "客服人员", "After-sales Information Processing Form"],
    "outbound": ["外出服务记录表", "外出安装/售后/维修服务记录表", "客户资料", "客户名称", "电话",
                 "客户地址", "产品类型", "安装人员", "安装/维修记录", "服务内容描述", "送货",
                 "完成日期", "安装/维修类型", "工作态度", "产品损坏", "卫生状况", "顾客满意",
                 "处理结果", "收费情况", "客户建议", "公司承诺", "客户签字", "日期",
                 "Outbound Service Record"],
    "repair": ["售后服务维修记录单", "存根", "售后服务", "客户", "维修单位", "用户姓名",
               "(单位、人)", "用户地址", "联系人", "联系电话", "要求服务时间", "型号", "机号",
               "数量", "发票号", "购机日期", "报修日期", "报修内容", "记录人", "维修结果",
               "修理时间", "至", "“三包”件", "客户购买件", "务必写明名称和数量", "名称", "单价",
               "合计", "售后服务人员", "用户意见", "签名", "部门领导", "仓库人员", "维修人员",
               "Repair Record"],
    "survey": ["售后满意度调查表", "客户名称", "联系电话", "工作态度", "产品损坏", "卫生状况",
               "顾客满意", "客户意见", "调查人", "调查时间", "处理结果",
               "After-sales Satisfaction Survey"],
    "quote": ["报价", "人工费", "住宿费", "餐费", "交通费", "材料费", "差旅费", "小计", "税费",
              "成本", "管理费", "报价合计", "应收", "客户签字", "Service Quote"],
    "collection": ["售后服务信息收集表", "客户名称", "设备种类", "联系人", "职务", "联系电话",
                   "地址", "设备信息", "项目编号(AB号)", "设备编号", "设备类型及尺寸",
                   "设备投运时间", "设备故障描述", "设备维修情况", "设备零部件更换情况",
                   "After-sales Information Collection Form"],
}

# Values of the whole-path ticket each form must show.
VALUES = {
    "info": ["YX-26-11-01", "YX", "营销中心", "2026-11-29 09:05", "2026-11-29 09:30", "王芳",
             CUSTOMER, "赵经理", "运维主管", "021-5555-0101", "上海市浦东新区张江路88号",
             "配电柜", "KYN28A-12", "800x1500", "KY2023-0456", "AB-2023-118", "PD-07",
             "2023-06-18", "2023-03-02", "31002345", "10kV 进线柜主开关频繁跳闸",
             "保护装置显示过流", "技术支持", "硬件", "现场维修", "SC", "生产部", "SC-26-11-01",
             "张伟、李强", "■完成 □未完成", "更换继电器后试运行正常", "5361.30",
             "■满意 □不满意 □非常不满意"],
    "outbound": ["SC-26-11-01", "YX-26-11-01", CUSTOMER, "021-5555-0101",
                 "上海市浦东新区张江路88号", "配电柜", "张伟、李强", "2026-11-29 11:30",
                 "2026-11-29 15:00", "现场维修", "更换过流继电器", "过流继电器", "指示灯",
                 "10kV 进线柜主开关频繁跳闸", "李工", "服务及时，态度很好", "0.00"],
    "repair": ["SC-26-11-01", "生产部", CUSTOMER, "上海市浦东新区张江路88号", "赵经理",
               "021-5555-0101", "2026-11-29 11:00", "KYN28A-12", "KY2023-0456", "31002345",
               "2023-03-02", "2026-11-29 09:05", "10kV 进线柜主开关频繁跳闸", "王芳",
               "■完成 □未完成", "2026-11-29 11:30", "2026-11-29 15:00", "过流继电器", "指示灯",
               "12.50", "25.00", "张伟、李强"],
    "survey": ["YX-26-11-01", CUSTOMER, "021-5555-0101", "2026-11-30 08:00",
               "服务及时，态度很好", "王芳", "2026-11-29 16:00"],
    "quote": ["YX-26-11-01", CUSTOMER, "2017-01-01", "1200.00", "900.00", "300.00", "860.00",
              "70.00", "2060.00", "3330.00", "15%", "499.50", "3829.50", "40%", "1531.80",
              "5361.30", "0.00", "过流继电器"],
    "collection": ["YX-26-11-01", CUSTOMER, "配电柜", "赵经理", "运维主管", "021-5555-0101",
                   "上海市浦东新区张江路88号", "AB-2023-118", "PD-07", "KYN28A-12", "800x1500",
                   "2023-06-18", "10kV 进线柜主开关频繁跳闸", "更换过流继电器",
                   "更换继电器后试运行正常", "过流继电器", "指示灯"],
}

# The outbound form's survey boxes: the surveyed answers filled.
BOXES = ["□差 □一般 □满意 □好 ■很好", "□有 ■无 □严重", "■好 □不好",
         "■满意 □不满意 □非常不满意", "■完成 □未完成"]

HOSTILE_NAME = '<script>alert("x")</script>'
HOSTILE_DESC = 'He said "stop" & \'left\'\n<b>second line</b>'


def width(line):
    """Display columns of a line in a terminal (CJK wide characters count 2)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


class TagBalance(HTMLParser):
    """Collects tags left open or closed out of order."""
    VOID = {"meta", "br", "hr", "img", "link", "input", "col"}

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.tags = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("</{}> with {} open".format(tag, self.stack[-1:]))
        else:
            self.stack.pop()


# Every command runs at this moment, after the whole path's last step.
LATER = "2026-11-30T10:00:00+08:00"


class PrintTestCase(SvcTestCase):

    def svc(self, *args, now=LATER, **kwargs):
        return super().svc(*args, now=now, **kwargs)

    def whole_path(self):
        """A ticket taken through every step; returns its number."""
        tid = self._open_full()
        steps = [
            ("classify", tid, "--kind", "support", "--category", "hardware", "--level", "2",
             "--service", "onsite-repair", "--at", "2026-11-29 09:40"),
            ("dispatch", tid, "--tech", "张伟", "--tech", "李强", "--complexity", "complex",
             "--planned", "2026-11-29 11:00", "--at", "2026-11-29 10:00"),
            ("dispatch", tid, "--arrive", "--at", "2026-11-29 11:30"),
            ("dispatch", tid, "--finish", "--work", "更换过流继电器", "--hours", "3",
             "--part", "过流继电器:2:35.00:warranty", "--part", "指示灯:2:12.50:customer",
             "--signed-by", "李工", "--at", "2026-11-29 15:00"),
            ("quote", tid, "--people", "2", "--days", "3", "--transport", "860",
             "--part", "过流继电器:2:35", "--at", "2026-11-29 15:10"),
            ("close", tid, "--result", "completed", "--resolution", "更换继电器后试运行正常",
             "--at", "2026-11-29 16:00"),
            ("dispatch", tid, "--back", "--part", "过流继电器:2:returned",
             "--at", "2026-11-29 18:00"),
            ("warehouse", tid, "--nonconformity", "触点烧蚀，退供应商",
             "--at", "2026-11-29 20:00"),
            ("survey", tid, "--satisfaction", "满意", "--attitude", "很好", "--damage", "无",
             "--cleanliness", "好", "--comment", "服务及时，态度很好",
             "--at", "2026-11-30 08:00"),
        ]
        for step in steps:
            rc, out, err = self.svc(*step)
            self.assertEqual(rc, 0, "{}: {}".format(step, err))
        return tid

    def act(self, *args, **kwargs):
        """Runs an action (which reports on stderr); asserts exit 0; returns stdout."""
        rc, out, err = self.svc(*args, **kwargs)
        self.assertEqual(rc, 0, "svc {} failed:\n{}".format(" ".join(args), err))
        return out

    def _open_full(self):
        rc, out, err = self.svc("open", *OPEN_ARGS)
        self.assertEqual(rc, 0, err)
        return out.strip()

    def print_form(self, tid, form, fmt, *extra):
        return self.ok("print", tid, "--form", form, "--format", fmt, *extra)


class EveryFormTest(PrintTestCase):

    def setUp(self):
        super().setUp()
        self.tid = self.whole_path()
        self.assertEqual(self.tid, "YX-26-11-01")

    def test_every_form_in_every_format_prints_labels_and_values(self):
        for form in FORMS:
            for fmt in FORMATS:
                with self.subTest(form=form, format=fmt):
                    out = self.print_form(self.tid, form, fmt)
                    for label in LABELS[form]:
                        self.assertIn(label, out)
                    for value in VALUES[form]:
                        if fmt == "html":
                            value = value.replace("&", "&amp;")
                        self.assertIn(value, out)
                    self.assertNotIn("{{", out)

    def test_default_format_is_text(self):
        self.assertEqual(self.ok("print", self.tid, "--form", "info"),
                         self.print_form(self.tid, "info", "text"))

    def test_outbound_form_has_the_survey_boxes_charges_advice_promise_and_date(self):
        for fmt in FORMATS:
            with self.subTest(format=fmt):
                out = self.print_form(self.tid, "outbound", fmt)
                if fmt == "html":
                    # Boxes are printed one option at a time in HTML.
                    for box in BOXES:
                        for option in box.split(" "):
                            self.assertIn(option, out)
                else:
                    for box in BOXES:
                        self.assertIn(box, out)
                for label in ("工作态度", "产品损坏", "卫生状况", "顾客满意", "处理结果",
                              "收费情况", "客户建议", "公司承诺", "年", "月", "日"):
                    self.assertIn(label, out)
                self.assertIn("________" if fmt != "html" else "class=\"tall\"", out)

    def test_repair_form_prints_its_three_copies_in_order(self):
        for fmt in FORMATS:
            with self.subTest(format=fmt):
                out = self.print_form(self.tid, "repair", fmt)
                self.assertEqual(out.count("售后服务维修记录单"), 3 + (fmt == "html"))
                stub, service, customer = (out.index(c) for c in ("第一联：存根", "第二联：售后服务",
                                                                  "第三联：客户"))
                self.assertLess(stub, service)
                self.assertLess(service, customer)
                # Every copy carries the whole record.
                for value in ("SC-26-11-01", CUSTOMER, "KY2023-0456", "指示灯"):
                    self.assertGreaterEqual(out.count(value), 3, value)
                for signer in ("售后服务人员", "用户意见", "部门领导", "仓库人员", "维修人员"):
                    self.assertEqual(out.count(signer), 3, signer)
        html = self.print_form(self.tid, "repair", "html")
        self.assertEqual(html.count('<section class="copy">'), 3)
        self.assertRegex(html, r"\.copy \+ \.copy \{[^}]*break-before: page")

    def test_parts_split_into_warranty_and_customer_bought(self):
        out = self.print_form(self.tid, "repair", "md")
        first = out.split("第二联")[0]
        warranty = first[first.index("“三包”件"):first.index("客户购买件")]
        bought = first[first.index("客户购买件"):]
        self.assertIn("| 过流继电器 | 2 |", warranty)
        self.assertNotIn("指示灯", warranty)
        self.assertIn("| 指示灯 | 2 | 12.50 | 25.00 |", bought)
        self.assertIn("| 合计 Total | | | 25.00 |", bought)
        self.assertNotIn("过流继电器", bought)

    def test_times_print_in_the_company_time_zone(self):
        # Recorded in UTC, printed in +08:00 like every other time on the forms.
        # (The ticket is closed: reopened first, as a desk would to record it.)
        self.act("reopen", self.tid, "--reason", "补录客户确认", "--at", "2026-11-30T01:10:00Z")
        self.act("quote", self.tid, "--accept", "--at", "2026-11-30T01:15:00Z")
        out = self.print_form(self.tid, "quote", "text")
        self.assertRegex(out, r"客户确认 Accepted +: 2026-11-30 09:15")

    def test_collection_form_lists_the_numbered_equipment_items(self):
        out = self.print_form(self.tid, "collection", "text")
        for n, item in enumerate(("项目编号(AB号)", "设备编号", "设备类型及尺寸", "设备投运时间",
                                  "设备故障描述", "设备维修情况", "设备零部件更换情况"), 1):
            self.assertIn("{}、{}".format(n, item), out)

    def test_quote_form_itemises_table_1(self):
        out = self.print_form(self.tid, "quote", "text")
        self.assertRegex(out, r"人工费 Labour +: 1200\.00 +\(2 人 × 3 天 × 200\.00\)")
        self.assertRegex(out, r"报价合计 Quote total +: 5361\.30")
        self.assertRegex(out, r"应收 Charged +: 0\.00 .*免费")

    def test_html_is_a_complete_print_ready_a4_page(self):
        for form in FORMS:
            with self.subTest(form=form):
                out = self.print_form(self.tid, form, "html")
                self.assertTrue(out.startswith("<!DOCTYPE html>"), out[:40])
                self.assertIn('<meta charset="utf-8">', out)
                self.assertRegex(out, r"@page \{ size: A4; margin: [0-9]+mm [0-9]+mm \}")
                self.assertIn("border-collapse: collapse", out)
                self.assertIn("border: 1px solid #000", out)
                self.assertIn("white-space: pre-wrap", out)
                self.assertIn('"Noto Sans CJK SC"', out)
                self.assertTrue(out.rstrip().endswith("</html>"))
                p = TagBalance()
                p.feed(out)
                p.close()
                self.assertEqual(p.errors, [])
                self.assertEqual(p.stack, [])
                self.assertIn("table", p.tags)

    def test_text_forms_fit_an_80_column_terminal(self):
        for form in FORMS:
            with self.subTest(form=form):
                out = self.print_form(self.tid, form, "text")
                for line in out.split("\n"):
                    self.assertLessEqual(width(line), 80, line)

    def test_md_forms_are_markdown_with_tables(self):
        for form in FORMS:
            with self.subTest(form=form):
                out = self.print_form(self.tid, form, "md")
                self.assertTrue(out.startswith("# "), out[:40])
                self.assertRegex(out, r"\n\|---")
                # A table never follows a paragraph line directly (it would not render).
                lines = out.split("\n")
                for i, line in enumerate(lines[1:], 1):
                    if line.startswith("|") and not lines[i - 1].startswith("|"):
                        self.assertEqual(lines[i - 1], "", "table after {!r}".format(lines[i - 1]))

    def test_record_selects_an_outbound_record(self):
        # A second ticket with two outbound records.
        tid = self.open("YX", "第二客户", "--received-at", "2026-11-29 12:00",
                        "--at", "2026-11-29 12:05")
        self.act("classify", tid, "--kind", "support", "--category", "software", "--level", "3",
                "--service", "onsite-support", "--at", "2026-11-29 12:10")
        first = self.act("dispatch", tid, "--tech", "甲", "--at", "2026-11-29 12:20").strip()
        second = self.act("dispatch", tid, "--tech", "乙", "--at", "2026-11-29 12:30").strip()
        self.assertEqual((first, second), ("YF-26-11-01", "YF-26-11-02"))
        latest = self.print_form(tid, "outbound", "text")
        self.assertIn("编号 No. YF-26-11-02", latest)
        self.assertIn("乙", latest)
        chosen = self.print_form(tid, "outbound", "text", "--record", first)
        self.assertIn("编号 No. YF-26-11-01", chosen)
        self.assertIn("甲", chosen)
        self.assertNotIn("乙", chosen)
        repair = self.print_form(tid, "repair", "md", "--record", first)
        self.assertEqual(repair.count("YF-26-11-01"), 3)
        self.assertNotIn("YF-26-11-02", repair)
        self.assertFails(1, self.svc("print", tid, "--form", "outbound", "--record", "YF-26-11-09"),
                         "YF-26-11-09")
        self.assertFails(1, self.svc("print", tid, "--form", "repair", "--record", "SC-26-11-01"),
                         "SC-26-11-01")


class HostileTextTest(PrintTestCase):

    def setUp(self):
        super().setUp()
        self.tid = self.open("SH", HOSTILE_NAME, "--contact", "O'Brien & \"Sons\"",
                             "--description", HOSTILE_DESC)
        self.act("classify", self.tid, "--kind", "support", "--category", "hardware",
                "--level", "3", "--service", "onsite-repair")
        self.act("dispatch", self.tid, "--tech", "<i>tech</i>")
        self.act("quote", self.tid, "--people", "1", "--days", "1",
                "--part", "<img src=x onerror=alert(1)>:1:10")

    def test_html_escapes_every_customer_value(self):
        for form in FORMS:
            with self.subTest(form=form):
                out = self.print_form(self.tid, form, "html")
                self.assertNotIn("<script>", out)
                self.assertNotIn("<i>", out)
                self.assertNotIn("<img", out)
                self.assertNotIn("<b>second", out)
                self.assertIn("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;", out)
                if form in ("info", "outbound", "repair", "collection"):
                    self.assertIn("He said &quot;stop&quot; &amp; &apos;left&apos;\n"
                                  "&lt;b&gt;second line&lt;/b&gt;", out)
                if form == "info":
                    self.assertIn("O&apos;Brien &amp; &quot;Sons&quot;", out)

    def test_text_keeps_customer_values_verbatim(self):
        for form in FORMS:
            with self.subTest(form=form):
                out = self.print_form(self.tid, form, "text")
                self.assertIn(HOSTILE_NAME, out)
                self.assertNotIn("&lt;", out)
                self.assertNotIn("&quot;", out)
                if form in ("info", "outbound", "repair", "collection"):
                    self.assertIn(HOSTILE_DESC, out)

    # Issue 14: Markdown escapes HTML and '|', and keeps a line break in its cell.
    def test_md_escapes_customer_values(self):
        for form in FORMS:
            with self.subTest(form=form):
                out = self.print_form(self.tid, form, "md")
                self.assertNotIn("<script>", out)
                self.assertNotIn("<i>", out)
                self.assertIn('&lt;script&gt;alert("x")&lt;/script&gt;', out)
                if form in ("info", "outbound", "repair", "collection"):
                    self.assertIn("| He said \"stop\" &amp; 'left'<br>"
                                  "&lt;b&gt;second line&lt;/b&gt; |", out)

    def test_builtin_html_templates_never_print_unescaped(self):
        files = glob.glob(os.path.join(SOURCE_DIR, "templates", "*.html.mustache"))
        # The ticket's forms, and the forms of other records (visit …).
        self.assertLessEqual(set(FORMS), {os.path.basename(p).split(".")[0] for p in files})
        for path in files:
            with open(path, encoding="utf-8") as f:
                text = f.read()
            self.assertNotIn("{{{", text, path)
            self.assertNotIn("{{&", text, path)


class TemplateTest(PrintTestCase):

    def setUp(self):
        super().setUp()
        self.tid = self.open("YX", "华东电网", "--phone", "021-1")

    def test_every_builtin_template_exists(self):
        for form in FORMS:
            for fmt in FORMATS:
                path = os.path.join(SOURCE_DIR, "templates", "{}.{}.mustache".format(form, fmt))
                self.assertTrue(os.path.isfile(path), path)

    def test_records_directory_template_overrides_the_builtin_one(self):
        builtin = self.print_form(self.tid, "info", "text")
        self.assertIn("售后信息处理单", builtin)
        write_text(self.path("templates", "info.text.mustache"),
                   "本公司表格 {{id}} {{customer.name}} {{customer.phone}}\n")
        self.assertEqual(self.print_form(self.tid, "info", "text"),
                         "本公司表格 {} 华东电网 021-1\n".format(self.tid))
        # Only that one: the other formats and forms stay built in.
        self.assertIn("售后信息处理单", self.print_form(self.tid, "info", "md"))
        self.assertIn("外出服务记录表", self.print_form(self.tid, "outbound", "text"))

    def test_an_invalid_template_fails_with_a_clear_message(self):
        path = self.path("templates", "info.text.mustache")
        write_text(path, "{{id}}\n{{#records}}\n{{number}}\n")
        err = self.assertFails(1, self.svc("print", self.tid, "--form", "info"),
                               "info.text.mustache", "records")
        self.assertIn("nclosed", err)

    def test_form_without_its_data_still_prints_with_blanks(self):
        for form in ("info", "outbound", "repair", "survey", "collection"):
            for fmt in FORMATS:
                with self.subTest(form=form, format=fmt):
                    out = self.print_form(self.tid, form, fmt)
                    self.assertIn("华东电网", out)
                    if fmt != "html":
                        self.assertIn("________", out)
        out = self.print_form(self.tid, "survey", "text")
        self.assertIn("尚未调查", out)
        self.assertIn("□满意 □不满意 □非常不满意", out)

    def test_quote_form_without_a_quote_fails(self):
        self.assertFails(1, self.svc("print", self.tid, "--form", "quote"), self.tid, "quote")

    def test_unknown_form_or_format_is_a_bad_command_line(self):
        self.assertFails(2, self.svc("print", self.tid, "--form", "invoice"), "--form")
        self.assertFails(2, self.svc("print", self.tid, "--form", "info", "--format", "pdf"),
                         "--format")
        self.assertFails(2, self.svc("print", self.tid))

    def test_unknown_ticket_fails(self):
        self.assertEqual(self.svc("print", "YX-26-11-09", "--form", "info")[0], 1)


# Issue 18: the service plan (售后服务方案, R-6.2), the outbound application
# (外出服务申请单, R-4.4.2) and the warehousing receipt (入库单, R-4.5.3.1).
NEW_FORMS = ("plan", "application", "warehouse")
NEW_LABELS = {
    "plan": ["售后服务方案", "客户名称", "故障描述", "售后类型", "重大质量问题", "原因分析",
             "初步处理措施", "责任方", "纠正预防措施", "售后技术方案", "拟定人", "方案评审",
             "After-sales Service Plan"],
    "application": ["外出服务申请单", "客户名称", "联系人", "联系电话", "地址", "产品类型", "机号",
                    "故障描述", "实施部门", "外派人员", "计划到达", "复杂程度", "服务方式",
                    "服务目的及内容", "申请人", "实施部门负责人", "客服人员", "日期",
                    "Outbound Service Application"],
    "warehouse": ["入库单", "入库日期", "外出服务记录", "客户名称", "入库物品", "名称", "数量",
                  "处理", "不合格情况", "仓库保管员", "售后人员", "质量部检查",
                  "Warehousing Receipt"],
}
NEW_VALUES = {
    "plan": ["YX-26-11-01", CUSTOMER, "质量信息", "硬件", "是 yes", "继电器批次缺陷 <A>",
             "临时隔离", "供应商", "加严来料检验", "1. 隔离故障批次继电器", "部门负责人", "方案可行",
             "总经理", "同意", "张建国"],
    "application": ["SC-26-11-02", "YX-26-11-01", CUSTOMER, "赵经理", "021-5555-0101",
                    "上海市浦东新区张江路88号", "配电柜 KYN28A-12", "KY2023-0456",
                    "10kV 进线柜主开关频繁跳闸", "SC 生产部", "李强", "复杂", "2026-11-29 14:00",
                    "2026-11-29 13:10", "现场维修", "1. 隔离故障批次继电器", "王芳"],
    "warehouse": ["SC-26-11-02", "YX-26-11-01", CUSTOMER, "2026-11-29 20:00", "继电器 <X>", "报废",
                  "触点烧蚀 & 退供应商", "黄丽"],
}


class NewFormsTest(PrintTestCase):
    """plan, application and warehouse: a major quality problem through two visits."""

    def setUp(self):
        super().setUp()
        self.tid = self._open_full()
        steps = [
            ("classify", self.tid, "--kind", "quality", "--category", "hardware", "--level", "2",
             "--service", "onsite-repair", "--major", "--at", "2026-11-29 09:40"),
            ("analyze", self.tid, "--cause", "继电器批次缺陷 <A>", "--measures", "临时隔离",
             "--responsibility", "supplier", "--corrective", "加严来料检验",
             "--at", "2026-11-29 10:00"),
            ("plan", self.tid, "--text", "1. 隔离故障批次继电器\n2. 现场更换", "--at",
             "2026-11-29 10:30"),
            ("approve", self.tid, "--as", "head", "--comment", "方案可行", "--at", "2026-11-29 11:00"),
            ("approve", self.tid, "--as", "gm", "--comment", "同意", "--at", "2026-11-29 11:30"),
            ("approve", self.tid, "--as", "customer", "--by", "赵经理", "--at", "2026-11-29 11:40"),
            ("dispatch", self.tid, "--tech", "张伟", "--at", "2026-11-29 12:00"),
            ("dispatch", self.tid, "--tech", "李强", "--complexity", "complex",
             "--planned", "2026-11-29 14:00", "--at", "2026-11-29 13:10"),
            ("dispatch", self.tid, "--arrive", "--at", "2026-11-29 14:30"),
            ("dispatch", self.tid, "--finish", "--work", "更换", "--at", "2026-11-29 16:00"),
            ("dispatch", self.tid, "--back", "--part", "继电器 <X>:2:scrapped",
             "--at", "2026-11-29 18:00"),
        ]
        for step in steps:
            actor = "张建国" if "gm" in step else "王芳"
            rc, out, err = self.svc(*step, actor=actor)
            self.assertEqual(rc, 0, "{}: {}".format(step, err))
        self.records_before_warehouse = self.snapshot()
        rc, out, err = self.svc("warehouse", self.tid, "--nonconformity", "触点烧蚀 & 退供应商",
                                "--at", "2026-11-29 20:00", actor="黄丽")
        self.assertEqual(rc, 0, err)

    def test_every_new_form_in_every_format(self):
        for form in NEW_FORMS:
            for fmt in FORMATS:
                with self.subTest(form=form, format=fmt):
                    out = self.print_form(self.tid, form, fmt)
                    for label in NEW_LABELS[form]:
                        self.assertIn(label, out)
                    for value in NEW_VALUES[form]:
                        if fmt != "text":
                            value = value.replace("&", "&amp;").replace("<", "&lt;").replace(
                                ">", "&gt;")
                        self.assertIn(value, out)
                    self.assertNotIn("{{", out)
                    if fmt == "html":
                        self.assertNotIn("<A>", out)
                        self.assertNotIn("<X>", out)
                        self.assertIn('<body class="paper-A4">', out)
                        self.assertIn("@page { size: A4;", out)

    def test_a5_keeps_every_time_and_number(self):
        self.set_config('paper = "A4"', 'paper = "A5"')
        out = self.print_form(self.tid, "application", "html")
        for value in ("@page { size: A5;", "SC-26-11-02", "2026-11-29 14:00", "2026-11-29 13:10",
                      "YX-26-11-01", "上海市浦东新区张江路88号"):
            self.assertIn(value, out)
        self.assertNotIn("续见附页", out)
        out = self.print_form(self.tid, "warehouse", "html")
        for value in ("2026-11-29 20:00", "2026-11-29 18:00", "继电器 &lt;X&gt;", "报废"):
            self.assertIn(value, out)

    def test_plan_form_approved_has_no_blank_signature_lines(self):
        out = self.print_form(self.tid, "plan", "text")
        self.assertNotIn("部门负责人 Dept head: ____", out)
        self.assertNotIn("总经理批准 GM (major problem): ____", out)

    def test_application_and_warehouse_take_the_record(self):
        first = self.print_form(self.tid, "application", "text", "--record", "SC-26-11-01")
        self.assertIn("编号 No. SC-26-11-01", first)
        self.assertIn("张伟", first)
        self.assertNotIn("李强", first)
        self.assertIn("编号 No. SC-26-11-02", self.print_form(self.tid, "application", "text"))
        before = self.snapshot()
        # The first record brought nothing back and was never booked into store.
        self.assertFails(1, self.svc("print", self.tid, "--form", "warehouse", "--record",
                                     "SC-26-11-01"),
                         "SC-26-11-01", "not booked into store yet")
        self.assertFails(1, self.svc("print", self.tid, "--form", "application", "--record",
                                     "SC-26-11-09"), "SC-26-11-09")
        self.assertEqual(self.snapshot(), before)

    def test_warehouse_form_refused_before_warehousing_or_without_a_record(self):
        tid = self.open("YX", "第二客户", "--received-at", "2026-11-29 12:00",
                        "--at", "2026-11-29 12:05")
        before = self.snapshot()
        err = self.assertFails(1, self.svc("print", tid, "--form", "warehouse"), tid,
                               "no outbound record")
        self.assertTrue(err.startswith("svc: "), err)
        self.assertEqual(self.snapshot(), before)
        self.act("classify", tid, "--kind", "support", "--category", "software", "--level", "3",
                 "--service", "onsite-support", "--at", "2026-11-29 12:10")
        number = self.act("dispatch", tid, "--tech", "甲", "--at", "2026-11-29 12:20").strip()
        before = self.snapshot()
        for fmt in FORMATS:
            self.assertFails(1, self.svc("print", tid, "--form", "warehouse", "--format", fmt),
                             number, tid, "not booked into store yet")
        self.assertEqual(self.snapshot(), before)

    def test_warehouse_form_has_the_receipt_number(self):
        for fmt in FORMATS:
            self.assertIn("RK-26-11-01", self.print_form(self.tid, "warehouse", fmt))

    def test_warehouse_form_of_a_data_project(self):
        tid = self.open("SJ", "数据客户", "--received-at", "2026-11-29 12:00",
                        "--at", "2026-11-29 12:05")
        for step in (("classify", tid, "--kind", "support", "--category", "data", "--level", "3",
                      "--service", "onsite-support", "--at", "2026-11-29 12:10"),
                     ("dispatch", tid, "--tech", "甲", "--at", "2026-11-29 12:20"),
                     ("dispatch", tid, "--arrive", "--at", "2026-11-29 13:00"),
                     ("dispatch", tid, "--finish", "--work", "补采", "--at", "2026-11-29 15:00"),
                     ("dispatch", tid, "--back", "--at", "2026-11-29 18:00")):
            self.act(*step)
        self.assertFails(1, self.svc("print", tid, "--form", "warehouse"), "not booked into store")
        self.act("warehouse", tid, "--data", "重新采集的测点数据 <120> 组", "--at", "2026-11-29 20:00")
        self.act("redeliver", tid, "--text", "复核后发送客户", "--at", "2026-11-30 09:00")
        for fmt in FORMATS:
            out = self.print_form(tid, "warehouse", fmt)
            self.assertIn("RK-26-11-02", out)
            self.assertIn("重新采集的测点数据 <120> 组" if fmt == "text"
                          else "重新采集的测点数据 &lt;120&gt; 组", out)
            self.assertIn("2026-11-30 09:00", out)
            self.assertIn("复核后发送客户", out)

    def test_new_forms_of_a_bare_ticket_print_blank_lines(self):
        tid = self.open("YX", "华东电网", "--phone", "021-1")
        for form in ("plan", "application"):
            for fmt in FORMATS:
                with self.subTest(form=form, format=fmt):
                    out = self.print_form(tid, form, fmt)
                    self.assertIn("华东电网", out)
                    if fmt != "html":
                        self.assertIn("________", out)
        plan = self.print_form(tid, "plan", "text")
        for line in ("部门负责人 Dept head: ____", "质量部 Quality dept: ____",
                     "总经理批准 GM (major problem): ____"):
            self.assertIn(line, plan)


class PaperTest(PrintTestCase):
    """svc.toml [forms] paper: the html forms' @page size."""

    def setUp(self):
        super().setUp()
        self.tid = self.open("YX", "华东电网", "--phone", "021-1")

    def test_a4_by_default_and_a5_when_set(self):
        self.assertIn("@page { size: A4;", self.print_form(self.tid, "repair", "html"))
        self.set_config('paper = "A4"', 'paper = "A5"')
        for form in ("info", "repair", "plan", "application"):
            out = self.print_form(self.tid, form, "html")
            self.assertIn("@page { size: A5;", out)
            self.assertIn('<body class="paper-A5">', out)

    def test_absent_forms_table_is_a4(self):
        self.set_config('[forms]\npaper = "A4"\n', "")
        self.assertIn("@page { size: A4;", self.print_form(self.tid, "info", "html"))

    def test_other_paper_is_refused(self):
        self.set_config('paper = "A4"', 'paper = "Letter"')
        before = self.snapshot()
        self.assertFails(1, self.svc("print", self.tid, "--form", "info"), "paper", "Letter")
        self.assertEqual(self.snapshot(), before)


@unittest.skipUnless(os.path.exists("/usr/bin/chromium"), "no /usr/bin/chromium")
class ChromiumTest(PrintTestCase):

    def test_html_renders_to_png(self):
        tid = self.whole_path()
        html = os.path.join(self.tmp, "repair.html")
        png = os.path.join(self.tmp, "repair.png")
        write_text(html, self.print_form(tid, "repair", "html"))
        subprocess.run(["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                        "--screenshot=" + png, "--window-size=794,1123", "file://" + html],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
        with open(png, "rb") as f:
            self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")


if __name__ == "__main__":
    unittest.main()
