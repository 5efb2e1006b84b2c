"""svc history (issue 17 item 3; R-4.6 b): every ticket of a customer or a
unit, newest first, with status and latest step; through the index as with
--no-index; refusals with their exit status and one line."""

import json
import unittest

from svctest import SvcTestCase


def T(hhmm, day=29):
    return "2026-11-{:02d}T{}:00+08:00".format(day, hhmm)


class HistoryTest(SvcTestCase):

    def act(self, *args, **kwargs):
        rc, out, err = self.svc(*args, **kwargs)
        self.assertEqual(rc, 0, err)
        return out

    def setUp(self):
        super().setUp()
        self.act("customer", "add", "国网杭州供电公司", "--alias", "杭州供电",
                 "--phone", "0571-8888-0101", "--key", now=T("08:00", 20))
        self.act("customer", "add", "华东电网检修公司", now=T("08:00", 20))
        self.act("equipment", "add", "--customer", "K0001", "--serial", "KYN-1",
                 "--product", "开关柜", now=T("08:10", 20))
        self.act("equipment", "add", "--customer", "K0001", "--serial", "KYN-2",
                 "--product", "环网柜", now=T("08:10", 20))
        self.t1 = self.open("--serial", "KYN-1", day=21)
        self.t2 = self.open("--customer", "杭州供电", "--serial", "KYN-2", day=25)
        self.t3 = self.open("--phone", "0571 8888 0101", day=27)
        self.other = self.open("--customer", "K0002", day=28)
        self.act("classify", self.t1, "--kind", "support", "--category", "hardware",
                 "--level", "3", now=T("10:00", 21))
        self.act("note", self.t1, "已电话回访", now=T("11:00", 22))

    def open(self, *args, day):
        return self.act("open", "--via", "YX", "--description", "故障", *args,
                        now=T("09:00", day)).strip()

    def history(self, *args, **kwargs):
        return json.loads(self.act("history", *args, "--json", **kwargs))

    def test_customer_newest_first_with_status_and_latest_step(self):
        h = self.history("--customer", "K0001")
        self.assertEqual([e["id"] for e in h], [self.t3, self.t2, self.t1])
        first = h[-1]
        self.assertEqual((first["kind"], first["received"], first["status"]),
                         ("ticket", T("09:00", 21), "open"))
        self.assertEqual(first["latest"], {"action": "note", "at": T("11:00", 22)})
        self.assertEqual(first["customer_code"], "K0001")
        # By name, alias and phone: the same.
        for args in (("--customer", "国网杭州供电公司"), ("--customer", "杭州供电"),
                     ("--phone", "057188880101")):
            self.assertEqual([e["id"] for e in self.history(*args)],
                             [self.t3, self.t2, self.t1], args)

    def test_serial_is_the_units_tickets_only(self):
        self.assertEqual([e["id"] for e in self.history("--serial", "KYN-2")], [self.t2])
        text = self.act("history", "--serial", "KYN-1")
        self.assertTrue(text.startswith("K0001  国网杭州供电公司  (key customer)\nunit KYN-1\n"),
                        text)
        self.assertIn(self.t1, text)
        self.assertIn("note 2026-11-22 11:00", text)

    def test_index_and_no_index_agree_and_as_of(self):
        warm = self.act("history", "--customer", "K0001", "--json")
        self.assertEqual(self.act("history", "--customer", "K0001", "--json"), warm)
        self.assertEqual(self.act("--no-index", "history", "--customer", "K0001", "--json"), warm)
        # As the records stood on the 26th: two tickets, t1's latest step the classification.
        h = self.history("--customer", "K0001", now=T("12:00", 21))
        self.assertEqual([e["id"] for e in h], [self.t1])
        self.assertEqual(h[0]["latest"]["action"], "classify")

    def test_visits_too(self):
        bf = self.act("visit", "record", "--customer", "K0001", "--at", T("14:00", 26),
                      "--by", "张伟", "--serial", "KYN-2", "--findings", "运行正常",
                      now=T("18:00", 26)).strip()
        self.act("visit", "report", bf, "--text", "已走访", now=T("09:00", 28))
        h = self.history("--customer", "K0001")
        self.assertEqual([(e["id"], e["kind"]) for e in h],
                         [(self.t3, "ticket"), (bf, "visit"), (self.t2, "ticket"),
                          (self.t1, "ticket")])
        v = h[1]
        self.assertEqual((v["at"], v["what"], v["latest"]["action"]),
                         (T("14:00", 26), "运行正常", "report"))
        self.assertNotIn("received", v)
        # A unit's: the visits that saw it.
        self.assertEqual([e["id"] for e in self.history("--serial", "KYN-2")], [bf, self.t2])
        self.assertEqual([e["id"] for e in self.history("--serial", "KYN-1")], [self.t1])

    def test_a_name_not_on_file(self):
        t = self.open("--customer", "宁波港务局", day=28)
        self.assertEqual([e["id"] for e in self.history("--customer", "宁波港务局")], [t])
        self.assertEqual(self.act("history", "--customer", "无此客户"), "nothing on record\n")

    def refused(self, rc, args, *phrases):
        before = self.snapshot()
        self.assertFails(rc, self.svc("history", *args), *phrases)
        self.assertEqual(self.snapshot(), before)

    def test_refusals(self):
        self.refused(2, [], "give one of --customer, --serial or --phone")
        self.refused(2, ["--customer", "K0001", "--serial", "KYN-1"], "excludes")
        self.refused(2, ["--phone", "无"], "--phone", "holds no digit")
        self.act("customer", "edit", "K0002", "--alias", "杭州供电")
        self.refused(1, ["--customer", "杭州供电"], "names 2 customers", "give the code")


if __name__ == "__main__":
    unittest.main()
