"""svc open against the customer file (issue 17 item 2; R-4.6 b, R-4.3.6 a).

`--customer` matches codes, names and aliases, `--phone` phones, a registered
`--serial` fills customer, product, model and warranty; a near miss is
pointed out (exit 1, one line, nothing written), not opened as a customer not
on file; `show --json` has `customer_code` and `warranty`; out of warranty is
paid service unless decided otherwise; the info form prints both.
"""

import json
import tomllib
import unittest

from svctest import SvcTestCase, read_text


class OpenWithCustomerFileTest(SvcTestCase):

    def act(self, *args, **kwargs):
        rc, out, err = self.svc(*args, **kwargs)
        self.assertEqual(rc, 0, err)
        return out

    def setUp(self):
        super().setUp()
        self.act("customer", "add", "国网杭州供电公司", "--alias", "杭州供电", "--contact", "王工",
                 "--phone", "0571-8888-0101", "--address", "杭州市上城区解放路 59 号", "--key")
        self.act("customer", "add", "华东电网检修公司", "--phone", "021-5555-0101")
        # In warranty until 2026-12-31; another unit out of it since 2026-04-30.
        self.act("equipment", "add", "--customer", "K0001", "--serial", "KYN-2024-0315",
                 "--product", "开关柜", "--model", "KYN28A-12", "--project-no", "AB-2024-031",
                 "--commissioned", "2024-05-01", "--warranty-until", "2026-12-31")
        self.act("equipment", "add", "--customer", "K0002", "--serial", "GIS-2021-0007",
                 "--product", "GIS", "--model", "ZF12-126", "--warranty-until", "2026-04-30")

    def open(self, *args, ok=True):
        rc, out, err = self.svc("open", "--via", "YX", "--description", "柜内放电声",
                                "--received-at", "2026-11-29T09:40:00+08:00", *args)
        if ok:
            self.assertEqual(rc, 0, err)
            return out.strip(), err
        return rc, out, err

    def ticket(self, tid):
        return json.loads(self.act("show", tid, "--json"))

    def filed(self, tid):
        with open(self.path("tickets", "2026", "11", tid + ".toml"), "rb") as f:
            return tomllib.load(f)

    def test_code_fills_the_particulars_from_the_file(self):
        tid, err = self.open("--customer", "K0001")
        self.assertEqual((tid, err), ("YX-26-11-01", ""))
        t = self.ticket(tid)
        self.assertEqual(t["customer_code"], "K0001")
        self.assertEqual(t["customer"]["name"], "国网杭州供电公司")
        self.assertEqual(t["customer"]["contact"], "王工")
        self.assertEqual(t["customer"]["phone"], "0571-8888-0101")
        self.assertEqual(t["customer"]["address"], "杭州市上城区解放路 59 号")
        self.assertIsNone(t["warranty"])  # no unit named: not known
        self.assertEqual(self.filed(tid)["customer"]["code"], "K0001")

    def test_alias_and_name_match_case_and_spaces_ignored(self):
        tid, _ = self.open("--customer", " 杭州供电 ")
        self.assertEqual(self.ticket(tid)["customer_code"], "K0001")
        self.assertEqual(self.ticket(tid)["customer"]["name"], "国网杭州供电公司")
        tid, _ = self.open("--customer", "华东电网检修公司", "--contact", "李工")
        t = self.ticket(tid)
        self.assertEqual((t["customer_code"], t["customer"]["contact"]), ("K0002", "李工"))

    def test_phone_alone_finds_the_customer(self):
        tid, _ = self.open("--phone", "021 5555 0101")
        t = self.ticket(tid)
        self.assertEqual((t["customer_code"], t["customer"]["name"]), ("K0002", "华东电网检修公司"))
        self.assertEqual(t["customer"]["phone"], "021 5555 0101")  # as the caller gave it

    def test_serial_fills_customer_product_model_and_warranty(self):
        tid, _ = self.open("--serial", "KYN-2024-0315")
        t = self.ticket(tid)
        self.assertEqual(t["customer_code"], "K0001")
        self.assertEqual(t["customer"]["name"], "国网杭州供电公司")
        q = t["equipment"]
        self.assertEqual((q["product"], q["model"], q["project_no"], q["commissioned"],
                          q["warranty_until"]),
                         ("开关柜", "KYN28A-12", "AB-2024-031", "2024-05-01", "2026-12-31"))
        self.assertEqual((t["warranty"], t["paid"]), ("in", False))
        filed = self.filed(tid)
        self.assertEqual(filed["equipment"]["warranty_until"].isoformat(), "2026-12-31")
        self.assertIn("warranty until  2026-12-31 (in warranty when received)",
                      self.act("show", tid))

    def test_out_of_warranty_is_paid_service(self):
        tid, _ = self.open("--customer", "K0002", "--serial", "GIS-2021-0007")
        t = self.ticket(tid)
        self.assertEqual((t["warranty"], t["paid"]), ("out", True))
        self.act("classify", tid, "--kind", "support", "--level", "3", "--category", "hardware",
                 "--service", "onsite-repair")
        # Paid: the customer accepts a quote before anyone goes.
        rc, out, err = self.svc("dispatch", tid, "--tech", "张工")
        self.assertFails(1, (rc, out, err), "it is paid service")
        # Decided otherwise: a free quote with its reason.
        self.act("quote", tid, "--people", "1", "--days", "1", "--free", "--reason",
                 "延保协议 2026-05")
        self.act("dispatch", tid, "--tech", "张工")

    def test_warranty_is_judged_on_the_day_received(self):
        # Received on the warranty's last day: in; the day after: out.
        tid, _ = self.open("--serial", "KYN-2024-0315", "--warranty-until", "2026-11-29")
        self.assertEqual(self.ticket(tid)["warranty"], "in")
        tid, _ = self.open("--serial", "KYN-2024-0315", "--warranty-until", "2026-11-28")
        self.assertEqual(self.ticket(tid)["warranty"], "out")
        # A correction of the date changes it.
        self.act("correct", tid, "--field", "warranty_until", "--value", "2027-06-30",
                 "--reason", "合同延保")
        self.assertEqual((self.ticket(tid)["warranty"], self.ticket(tid)["paid"]), ("in", False))

    def test_unregistered_serial_and_customer_not_on_file(self):
        tid, err = self.open("--customer", "宁波港务局", "--serial", "NEW-1")
        self.assertEqual(err, "svc: note: serial NEW-1 is not in the customer file\n")
        t = self.ticket(tid)
        self.assertEqual((t["customer_code"], t["warranty"]), (None, None))
        self.assertNotIn("code", self.filed(tid)["customer"])

    def test_info_form_prints_code_and_warranty(self):
        tid, _ = self.open("--customer", "K0002", "--serial", "GIS-2021-0007")
        text = self.act("print", tid, "--form", "info", "--format", "text")
        self.assertIn("客户编号 Customer code      : K0002", text)
        self.assertIn("保修期至 Warranty until     : 2026-04-30", text)
        self.assertIn("过保 out of warranty", text)
        html = self.act("print", tid, "--form", "info", "--format", "html")
        self.assertIn("<td>K0002</td>", html)

    # Refusals: exit status, one line, nothing written.

    def refused(self, rc_expected, args, *phrases):
        before = self.snapshot()
        err = self.assertFails(rc_expected, self.open(*args, ok=False), *phrases)
        self.assertEqual(self.snapshot(), before)
        return err

    def test_refuses_unknown_customer_code(self):
        err = self.refused(1, ["--customer", "K0009"])
        self.assertEqual(err, "svc: --customer: no customer K0009 in the customer file "
                              "(see 'svc customer list')\n")

    def test_near_miss_name_is_pointed_out(self):
        err = self.refused(1, ["--customer", "国网杭州供电公"])  # one character left out
        self.assertEqual(err, "svc: --customer '国网杭州供电公' is not in the customer file, but "
                              "K0001 (国网杭州供电公司) is one character off: give --customer "
                              "K0001, or --new-customer to open for a customer not on file\n")
        self.refused(1, ["--customer", "国网杭州供电分司"], "K0001")  # one changed
        self.refused(1, ["--customer", "杭州供电局"], "K0001")  # one added to an alias
        # Told it is new, svc opens it as typed.
        tid, _ = self.open("--customer", "国网杭州供电公", "--new-customer")
        self.assertIsNone(self.ticket(tid)["customer_code"])

    def test_phone_on_file_under_another_name_is_pointed_out(self):
        err = self.refused(1, ["--customer", "宁波港务局", "--phone", "0571 8888 0101"])
        self.assertIn("--phone 0571 8888 0101 is on file under K0001 (国网杭州供电公司), not "
                      "'宁波港务局'", err)
        tid, _ = self.open("--customer", "宁波港务局", "--phone", "0571 8888 0101",
                           "--new-customer")
        self.assertIsNone(self.ticket(tid)["customer_code"])

    def test_phone_of_another_customer_on_file_is_a_note(self):
        tid, err = self.open("--customer", "K0001", "--phone", "021-5555-0101")
        self.assertEqual(err, "svc: note: phone 021-5555-0101 is on file under K0002 "
                              "(华东电网检修公司) too\n")
        self.assertEqual(self.ticket(tid)["customer_code"], "K0001")

    def test_refuses_serial_of_another_customer(self):
        err = self.refused(1, ["--customer", "K0001", "--serial", "GIS-2021-0007"])
        self.assertEqual(err, "svc: --serial GIS-2021-0007 is registered to K0002 (华东电网检修公司), "
                              "not to 'K0001': leave --customer out or give K0002\n")

    def test_refuses_new_customer_for_a_name_on_file(self):
        self.refused(1, ["--customer", "杭州供电", "--new-customer"],
                     "--new-customer: '杭州供电' is K0001 (国网杭州供电公司) in the customer file")

    def test_refuses_a_name_of_two_customers(self):
        self.act("customer", "edit", "K0002", "--alias", "杭州供电")
        self.refused(1, ["--customer", "杭州供电"], "names 2 customers", "K0001", "K0002",
                     "give the code")

    def test_refuses_no_customer_at_all(self):
        self.refused(2, ["--phone", "0000"], "--customer is required")

    def test_refuses_bad_warranty_date(self):
        self.refused(2, ["--customer", "K0001", "--warranty-until", "2026-02-30"],
                     "--warranty-until")


class OpenWithoutCustomerFileTest(SvcTestCase):
    """No customers/ at all: svc open works as it always did."""

    def test_names_are_free_text(self):
        rc, out, err = self.svc("open", "--via", "YX", "--customer", "K0009",
                                "--description", "x")
        self.assertEqual((rc, out, err), (0, "YX-26-11-01\n", ""))
        t = json.loads(self.svc("show", "YX-26-11-01", "--json")[1])
        self.assertEqual((t["customer_code"], t["warranty"], t["paid"]), (None, None, False))


if __name__ == "__main__":
    unittest.main()
