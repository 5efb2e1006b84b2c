"""Ticket numbers (R-4.5.2): CODE-yy-mm-NN per code and month of receipt in
the company's time zone, continuous, never reused, never wrapping."""

import concurrent.futures
import os
import tomllib
import unittest

from svctest import SvcTestCase


class NumberingTest(SvcTestCase):

    def test_each_code_counts_on_its_own(self):
        got = [self.open("YX"), self.open("YX"), self.open("SH"), self.open("YX"),
               self.open("SH"), self.open("ZC1")]
        self.assertEqual(got, ["YX-26-11-01", "YX-26-11-02", "SH-26-11-01", "YX-26-11-03",
                               "SH-26-11-02", "ZC1-26-11-01"])
        self.assertEqual(self.ticket_files(), [
            "tickets/2026/11/SH-26-11-01.toml", "tickets/2026/11/SH-26-11-02.toml",
            "tickets/2026/11/YX-26-11-01.toml", "tickets/2026/11/YX-26-11-02.toml",
            "tickets/2026/11/YX-26-11-03.toml", "tickets/2026/11/ZC1-26-11-01.toml"])

    def test_a_new_month_restarts_at_01(self):
        self.assertEqual(self.open("YX"), "YX-26-11-01")
        self.assertEqual(self.open("YX"), "YX-26-11-02")
        dec = "2026-12-02T09:00:00+08:00"
        self.assertEqual(self.open("YX", now=dec), "YX-26-12-01")
        self.assertEqual(self.open("YX", now=dec), "YX-26-12-02")
        # A November request typed in during December still takes November's next.
        self.assertEqual(self.open("YX", "甲", "--received-at", "2026-11-30 17:00", now=dec),
                         "YX-26-11-03")
        self.assertEqual(self.open("YX", now="2027-01-01T00:00:00+08:00"), "YX-27-01-01")
        self.assertEqual(self.ticket_files(), [
            "tickets/2026/11/YX-26-11-01.toml", "tickets/2026/11/YX-26-11-02.toml",
            "tickets/2026/11/YX-26-11-03.toml", "tickets/2026/12/YX-26-12-01.toml",
            "tickets/2026/12/YX-26-12-02.toml", "tickets/2027/01/YX-27-01-01.toml"])

    def test_the_month_is_the_company_time_zones(self):
        now = "2026-12-01T09:00:00+08:00"
        # 20:00 UTC on 30 November is 04:00 on 1 December in +08:00.
        ticket = self.open("YX", "甲", "--received-at", "2026-11-30T20:00:00Z", now=now)
        self.assertEqual(ticket, "YX-26-12-01")
        self.assertEqual(self.ticket_files(), ["tickets/2026/12/YX-26-12-01.toml"])
        t = tomllib.loads(self.ticket_text(ticket))
        self.assertEqual(t["received"].timestamp(),
                         tomllib.loads("x = 2026-12-01T04:00:00+08:00")["x"].timestamp())
        # 15:59:59 UTC is still 30 November, 23:59:59 in +08:00.
        self.assertEqual(self.open("YX", "乙", "--received-at", "2026-11-30T15:59:59Z", now=now),
                         "YX-26-11-01")
        self.assertEqual(self.open("YX", "丙", "--received-at", "2026-11-30T16:00:00Z", now=now),
                         "YX-26-12-02")

    def test_the_month_is_that_of_receipt_not_of_filling(self):
        ticket = self.open("YX", "甲", "--received-at", "2026-11-30T23:50", "--at",
                           "2026-12-01T00:10", now="2026-12-01T08:00:00+08:00")
        self.assertEqual(ticket, "YX-26-11-01")

    def test_numbers_are_not_reused_after_a_hole(self):
        for _ in range(3):
            self.open("YX")
        os.remove(self.ticket_path("YX-26-11-02"))
        self.assertEqual(self.open("YX"), "YX-26-11-04")

    def test_forty_concurrent_opens_get_forty_continuous_numbers(self):
        def one(i):
            return self.svc("open", "--via", "YX", "--customer", "并发客户{:02}".format(i))

        with concurrent.futures.ThreadPoolExecutor(max_workers=40) as pool:
            results = list(pool.map(one, range(40)))
        for rc, out, err in results:
            self.assertEqual((rc, err), (0, ""))
        numbers = sorted(out.strip() for _, out, _ in results)
        expected = ["YX-26-11-{:02}".format(n) for n in range(1, 41)]
        self.assertEqual(numbers, expected)
        self.assertEqual(self.ticket_files(),
                         ["tickets/2026/11/{}.toml".format(n) for n in expected])
        # Every customer got exactly one file, each file whole and canonical.
        customers = sorted(tomllib.loads(self.ticket_text(n))["customer"]["name"]
                           for n in expected)
        self.assertEqual(customers, ["并发客户{:02}".format(i) for i in range(40)])
        rc, out, err = self.svc("check")
        self.assertEqual((rc, out), (0, ""), err)
        # No temporary file was left behind.
        self.assertEqual(sorted(os.listdir(self.path("tickets", "2026", "11"))),
                         ["{}.toml".format(n) for n in expected])


class OverflowTest(SvcTestCase):

    def fill_month(self):
        for n in range(1, 100):
            self.assertEqual(self.open("YX", "客户{}".format(n)), "YX-26-11-{:02}".format(n))

    def test_the_hundredth_ticket_of_a_month_is_refused(self):
        self.fill_month()
        rc, out, err = self.svc("check")
        self.assertEqual((rc, out), (0, ""), err)
        before = self.snapshot()
        result = self.svc("open", "--via", "YX", "--customer", "第一百个")
        err = self.assertFails(1, result)
        self.assertEqual(err, "svc: no YX number left for 2026-11: YX-26-11-99 was the last of "
                              "2 digits (raise sequence_width in svc.toml's [company] to go on)\n")
        self.assertEqual(self.snapshot(), before)
        self.assertNotIn("tickets/2026/11/YX-26-11-100.toml", self.ticket_files())
        self.assertFalse(os.path.exists(self.ticket_path("YX-26-11-00")))
        # Other codes and the next month are not affected.
        self.assertEqual(self.open("SH"), "SH-26-11-01")
        self.assertEqual(self.open("YX", now="2026-12-01T08:00:00+08:00"), "YX-26-12-01")

    def test_a_hand_made_99_also_fills_the_month(self):
        self.open("YX")
        self.copy_ticket("YX-26-11-01", "YX-26-11-99")
        rc, _, err = self.svc("open", "--via", "YX", "--customer", "甲")
        self.assertEqual(rc, 1)
        self.assertIn("no YX number left for 2026-11", err)

    def test_sequence_width_3(self):
        self.set_config("sequence_width = 2", "sequence_width = 3")
        self.assertEqual(self.open("YX"), "YX-26-11-001")
        self.assertEqual(self.open("YX"), "YX-26-11-002")
        self.assertEqual(self.ticket_files(), ["tickets/2026/11/YX-26-11-001.toml",
                                               "tickets/2026/11/YX-26-11-002.toml"])
        self.assertIn('id = "YX-26-11-002"\n', self.ticket_text("YX-26-11-002"))
        rc, out, err = self.svc("show", "YX-26-11-002")
        self.assertEqual(rc, 0, err)
        self.assertTrue(out.startswith("YX-26-11-002 "), out)
        rc, out, err = self.svc("check")
        self.assertEqual((rc, out), (0, ""), err)

    def test_sequence_width_3_goes_past_99(self):
        self.open("YX")
        self.copy_ticket("YX-26-11-01", "YX-26-11-99")
        # Fill 02..98 so the store has no gap.
        for n in range(2, 99):
            self.copy_ticket("YX-26-11-01", "YX-26-11-{:02}".format(n))
        self.set_config("sequence_width = 2", "sequence_width = 3")
        self.assertEqual(self.open("YX"), "YX-26-11-100")
        self.assertTrue(os.path.isfile(self.ticket_path("YX-26-11-100")))


if __name__ == "__main__":
    unittest.main()
