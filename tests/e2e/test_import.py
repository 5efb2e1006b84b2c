"""svc import customers|equipment FILE.csv (issue 17 item 6; R-4.6 b).

UTF-8 with or without BOM, GB18030 with --encoding gb18030, headings in
English or Chinese; every bad row reported as FILE:LINE: message on stderr,
exit 1, and nothing imported from a file with any bad row; --dry-run writes
nothing; a thousand rows import in one command.
"""

import json
import os
import time
import unittest

from svctest import SvcTestCase

CUSTOMERS_ZH = (
    "名称,别名,联系人,电话,地址,重点客户\n"
    "国网杭州供电公司,杭州供电,王工,0571-8888-0101、0571-8888-0102,杭州市上城区解放路 59 号,是\n"
    "华东电网检修公司,,李工,021-5555-0101,,否\n"
)

EQUIPMENT_EN = (
    "customer,serial,product,model,commissioned,warranty_until,project_no,location\n"
    "K0001,KYN-2024-0315,开关柜,KYN28A-12,2024/5/1,2026-04-30,AB-2024-031,1号变电站\n"
    "杭州供电,KYN-2024-0316,开关柜,KYN28A-12,2024-05-01,2027-04-30,,\n"
    "华东电网检修公司,GIS-2021-0007,GIS,ZF12-126,,,,\n"
)


class ImportTest(SvcTestCase):

    def write(self, name, text, encoding="utf-8", bom=False):
        path = os.path.join(self.tmp, name)
        data = text.encode(encoding)
        if bom:
            data = b"\xef\xbb\xbf" + data
        with open(path, "wb") as f:
            f.write(data)
        return path

    def act(self, *args, **kwargs):
        rc, out, err = self.svc(*args, **kwargs)
        self.assertEqual(rc, 0, err)
        return out

    def test_customers_then_equipment(self):
        path = self.write("客户.csv", CUSTOMERS_ZH, bom=True)
        rc, out, err = self.svc("import", "customers", path)
        self.assertEqual((rc, out, err), (0, "imported 2 customers: K0001 … K0002\n", ""))
        k1 = json.loads(self.act("customer", "show", "K0001", "--json"))
        self.assertEqual((k1["name"], k1["aliases"], k1["phones"], k1["key"]),
                         ("国网杭州供电公司", ["杭州供电"], ["0571-8888-0101", "0571-8888-0102"],
                          True))
        self.assertEqual(k1["history"][0]["action"], "create")
        path = self.write("equipment.csv", EQUIPMENT_EN)
        self.assertEqual(self.act("import", "equipment", path),
                         "imported 3 units of 2 customers\n")
        units = json.loads(self.act("equipment", "list", "--json"))
        self.assertEqual(sorted(u["serial"] for u in units),
                         ["GIS-2021-0007", "KYN-2024-0315", "KYN-2024-0316"])
        one = json.loads(self.act("equipment", "show", "KYN-2024-0315", "--json"))
        self.assertEqual((one["commissioned"], one["warranty_until"], one["location"]),
                         ("2024-05-01", "2026-04-30", "1号变电站"))
        self.assertEqual(self.act("check"), "")
        # The units went into each customer's file in one write each: one event a unit.
        k1 = json.loads(self.act("customer", "show", "K0001", "--json"))
        self.assertEqual([h["action"] for h in k1["history"]],
                         ["create", "equipment", "equipment"])

    def test_gb18030(self):
        path = self.write("gbk.csv", CUSTOMERS_ZH, encoding="gb18030")
        self.assertEqual(self.act("import", "customers", path, "--encoding", "gb18030"),
                         "imported 2 customers: K0001 … K0002\n")
        self.assertEqual(json.loads(self.act("customer", "show", "K0002", "--json"))["name"],
                         "华东电网检修公司")

    def test_dry_run_writes_nothing(self):
        path = self.write("c.csv", CUSTOMERS_ZH)
        before = self.snapshot()
        self.assertEqual(self.act("import", "customers", path, "--dry-run"),
                         "would import 2 customers\n")
        self.assertEqual(self.snapshot(), before)

    def test_json(self):
        path = self.write("c.csv", CUSTOMERS_ZH)
        out = json.loads(self.act("import", "customers", path, "--json"))
        self.assertEqual(out, {"kind": "customers", "rows": 2, "dry_run": False,
                               "codes": ["K0001", "K0002"]})

    # Refusals: every bad row as FILE:LINE: message, exit 1, nothing imported.

    def refused(self, rc_expected, args):
        before = self.snapshot()
        rc, out, err = self.svc(*args)
        self.assertEqual(rc, rc_expected, err)
        self.assertEqual(out, "")
        self.assertEqual(self.snapshot(), before)
        return err

    def test_bad_rows_each_with_its_line_and_nothing_imported(self):
        path = self.write("bad.csv",
                          "名称,电话,重点客户\n"
                          "好客户,0571-1,是\n"
                          ",0571-2,否\n"              # line 3: no name
                          "坏客户,1.38E+10,也许\n"    # line 4: shortened phone, bad yes/no
                          "好客户,0571-3,\n")         # line 5: name on line 2 too
        err = self.refused(1, ["import", "customers", path])
        lines = err.splitlines()
        self.assertEqual(len(lines), 4, err)
        self.assertTrue(lines[0].startswith(path + ":3: "), lines[0])
        self.assertTrue(lines[1].startswith(path + ":4: "), lines[1])
        self.assertIn("电话", lines[1])
        self.assertTrue(lines[2].startswith(path + ":5: "), lines[2])
        self.assertEqual(lines[3], "svc: {}: 3 bad rows; nothing imported".format(path))
        self.assertFalse(os.path.exists(self.path("customers")))

    def test_rows_against_the_records(self):
        self.act("import", "customers", self.write("c.csv", CUSTOMERS_ZH))
        self.act("import", "equipment", self.write("e.csv", EQUIPMENT_EN))
        # A customer on file already; a unit of an unknown customer; a serial registered.
        err = self.refused(1, ["import", "customers", self.write("c2.csv", CUSTOMERS_ZH)])
        self.assertIn(":2: ", err)
        self.assertIn(":3: ", err)
        path = self.write("e2.csv", "customer,serial,product\n"
                                    "K0009,NEW-1,开关柜\n"
                                    "K0001,KYN-2024-0315,开关柜\n")
        err = self.refused(1, ["import", "equipment", path])
        lines = err.splitlines()
        self.assertTrue(lines[0].startswith(path + ":2: ") and "K0009" in lines[0], err)
        self.assertTrue(lines[1].startswith(path + ":3: ") and "KYN-2024-0315" in lines[1], err)
        self.assertEqual(lines[-1], "svc: {}: 2 bad rows; nothing imported".format(path))

    def test_refuses_the_wrong_kind_and_bad_options(self):
        path = self.write("e.csv", EQUIPMENT_EN)
        err = self.refused(1, ["import", "customers", path])  # no name column: not a customer sheet
        self.assertEqual(len(err.splitlines()), 1, err)
        err = self.refused(2, ["import", "parts", path])
        self.assertEqual(len(err.splitlines()), 1, err)
        err = self.refused(2, ["import", "customers", path, "--encoding", "latin1"])
        self.assertIn("--encoding", err)
        self.assertEqual(len(err.splitlines()), 1, err)

    def test_refuses_a_missing_file(self):
        err = self.refused(2, ["import", "customers", os.path.join(self.tmp, "none.csv")])
        self.assertEqual(len(err.splitlines()), 1, err)

    def test_refuses_gb18030_read_as_utf8(self):
        path = self.write("gbk.csv", CUSTOMERS_ZH, encoding="gb18030")
        err = self.refused(2, ["import", "customers", path])
        self.assertIn("--encoding gb18030", err)

    def test_a_thousand_rows(self):
        rows = ["name,phone,address"]
        for i in range(1000):
            rows.append("客户{:04d},0571-{:08d},杭州市某路 {} 号".format(i, i, i))
        path = self.write("k.csv", "\n".join(rows) + "\n")
        start = time.monotonic()
        out = self.act("import", "customers", path)
        took = time.monotonic() - start
        self.assertEqual(out, "imported 1000 customers: K0001 … K1000\n")
        self.assertEqual(len(os.listdir(self.path("customers"))), 1000)
        print("\n1,000-row import: {:.2f} s".format(took))  # measured, not asserted


if __name__ == "__main__":
    unittest.main()
