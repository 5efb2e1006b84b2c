"""svc quote: Table 1 fees, itemised and exact to the fen; acceptance before
paid dispatch; strict money on the command line; the spare-parts price list;
svc check on a quote whose schedule was edited afterwards.

Every expected amount is computed by hand in a comment (REQUIREMENTS.md,
Decision (fee formula)); the default schedule is labour 200, lodging 150,
meals 50 yuan per person per day, tax 15 %, management 40 %.
"""

import json
import os
import re
import unittest

from svctest import SvcTestCase, read_text, write_text

MONEY = re.compile(r"^\d+\.\d\d$")

# README's example: 2 people, 3 days, transport 860, two relays at 35.00.
# labour 2*3*200 = 1200.00; lodging 2*3*150 = 900.00; meals 2*3*50 = 300.00;
# materials 70.00; travel 860 + 900 + 300 = 2060.00; subtotal 3330.00;
# tax 15 % = 499.50; cost 3829.50; management 40 % = 1531.80; total 5361.30.
EXAMPLE = ["--people", "2", "--days", "3", "--transport", "860", "--part", "过流继电器:2:35"]
EXAMPLE_LINES = [
    ("labour", "1200.00"), ("lodging", "900.00"), ("meals", "300.00"),
    ("transport", "860.00"), ("materials", "70.00"), ("travel", "2060.00"),
    ("subtotal", "3330.00"), ("tax", "499.50"), ("cost", "3829.50"),
    ("management fee", "1531.80"), ("total", "5361.30"), ("charged", "5361.30"),
]

PARTS_TOML = """# 备品备件库定价
[[part]]
code = "P-1001"
name = "过流继电器"
unit = "只"
price = "35.00"

[[part]]
code = "P-2002"
name = "熔断器"
unit = "只"
price = "2.35"
"""


class QuoteBase(SvcTestCase):

    def act(self, *args, **kwargs):
        """Runs svc and asserts exit 0; returns stdout (a note on stderr is fine)."""
        rc, out, err = self.svc(*args, **kwargs)
        self.assertEqual(rc, 0, "svc {} failed:\n{}".format(" ".join(args), err))
        return out

    def ticket(self, service="paid", level="2"):
        """A ticket received 09:00, filled 09:05, classified 09:10 with `service`."""
        tid = self.open("YX", "华东电网检修公司", "--received-at", "2026-11-29T09:00",
                        "--at", "2026-11-29T09:05")
        args = ["classify", tid, "--kind", "support", "--category", "hardware",
                "--level", level, "--at", "2026-11-29T09:10"]
        if service:
            args += ["--service", service]
        self.act(*args)
        return tid

    def show(self, tid):
        return json.loads(self.act("--json", "show", tid))

    def events(self, tid, action):
        """The [[event]] blocks of the ticket file with `action`, as text."""
        text = self.ticket_text(tid)
        blocks = text.split("[[event]]\n")[1:]
        return [b for b in blocks if 'action = "{}"\n'.format(action) in b]

    def assertRefused(self, rc, args, *phrases):
        """svc ARGS fails with `rc`, one line naming every phrase, and writes nothing."""
        before = self.records_snapshot()
        self.assertFails(rc, self.svc(*args), *phrases)
        self.assertEqual(self.records_snapshot(), before,
                         "svc {} wrote something".format(" ".join(args)))

    def records_snapshot(self):
        """Every file of the records directory but svc's lock (.svc/)."""
        return {k: v for k, v in self.snapshot().items() if not k.startswith(".svc/")}


class QuoteTextAndJson(QuoteBase):

    def test_itemised_text(self):
        tid = self.ticket()
        out = self.act("quote", tid, *EXAMPLE, "--at", "2026-11-29T09:20")
        lines = out.rstrip("\n").split("\n")
        self.assertEqual(lines[0], "quote for {} (fee schedule of 2017-01-01, yuan)".format(tid))
        for label, amount in EXAMPLE_LINES:
            self.assertRegex(out, r"\n  {} .* {}\n".format(re.escape(label), re.escape(amount)))
        self.assertRegex(out, r"\n  material +过流继电器 × 2 × 35\.00 +70\.00\n")
        self.assertRegex(out, r"\n  labour +2 × 3 d × 200\.00 +1200\.00\n")
        self.assertRegex(out, r"\n  tax +15% of subtotal +499\.50\n")
        self.assertRegex(out, r"\n  management fee +40% of cost +1531\.80\n")
        self.assertTrue(lines[-1].startswith("  charged"), out)

    def test_json_every_amount_a_string_with_two_decimals(self):
        tid = self.ticket()
        rc, out, err = self.svc("--json", "quote", tid, *EXAMPLE, "--at", "2026-11-29T09:20")
        self.assertEqual(rc, 0, err)
        q = json.loads(out)
        want = dict(EXAMPLE_LINES)
        for key, label in [("labor", "labour"), ("lodging", "lodging"), ("meals", "meals"),
                           ("transport", "transport"), ("materials", "materials"),
                           ("travel", "travel"), ("subtotal", "subtotal"), ("tax", "tax"),
                           ("cost", "cost"), ("management", "management fee"),
                           ("total", "total"), ("charged", "charged")]:
            self.assertEqual(q[key], want[label], key)
        self.assertEqual(q["labor_rate"], "200.00")
        self.assertEqual(q["lodging_rate"], "150.00")
        self.assertEqual(q["meal_rate"], "50.00")
        self.assertEqual(q["schedule"], "2017-01-01")

        # Every amount anywhere in the object: a string with exactly two decimals.
        amounts = []

        def walk(v, key=""):
            if isinstance(v, dict):
                for k, x in v.items():
                    walk(x, k)
            elif isinstance(v, list):
                for x in v:
                    walk(x, key)
            elif key in ("amount", "unit", "price", "total", "charged") or key.endswith("_rate") \
                    and key not in ("tax_rate", "management_rate") \
                    or key in ("labor", "lodging", "meals", "transport", "materials", "travel",
                               "subtotal", "tax", "cost", "management"):
                amounts.append((key, v))

        walk(q)
        self.assertGreaterEqual(len(amounts), 20, amounts)
        for key, v in amounts:
            self.assertIsInstance(v, str, key)
            self.assertRegex(v, MONEY, key)
        self.assertEqual([(l["item"], l["amount"]) for l in q["lines"]][:4],
                         [("labour", "1200.00"), ("lodging", "900.00"), ("meals", "300.00"),
                          ("transport", "860.00")])

        # svc show --json: the current quote with total and charged as strings.
        t = self.show(tid)
        self.assertEqual(t["quote"]["total"], "5361.30")
        self.assertEqual(t["quote"]["charged"], "5361.30")
        self.assertIsNone(t["quote"]["accepted"])

    def test_show_json_quote_is_null_before_quoting(self):
        tid = self.ticket()
        self.assertIsNone(self.show(tid)["quote"])

    def test_half_a_fen_rounds_up(self):
        # Relays at 35.15: materials 70.30; subtotal 3330.30 (333030 fen);
        # tax 49954.5 fen -> 49955 (499.55, half-up; half-even would give 499.54);
        # cost 3829.85; management 40 % = 1531.94; total 5361.79.
        tid = self.ticket()
        q = json.loads(self.act("--json", "quote", tid, "--people", "2", "--days", "3",
                                "--transport", "860", "--part", "过流继电器:2:35.15"))
        self.assertEqual((q["subtotal"], q["tax"], q["cost"], q["management"], q["total"]),
                         ("3330.30", "499.55", "3829.85", "1531.94", "5361.79"))
        # Labour waived, transport 0.10, nothing else: tax 1.5 fen -> 0.02;
        # cost 0.12; management 4.8 fen -> 0.05; total 0.17.
        q = json.loads(self.act("--json", "quote", tid, "--people", "1", "--days", "1",
                                "--no-lodging", "--no-meals", "--transport", "0.10",
                                "--labor-rate", "0", "--reason", "免收人工"))
        self.assertEqual((q["subtotal"], q["tax"], q["cost"], q["management"], q["total"]),
                         ("0.10", "0.02", "0.12", "0.05", "0.17"))

    def test_customer_provides_lodging_and_meals(self):
        # 2 people, 2 days, transport 300, --no-lodging --no-meals:
        # labour 800; travel 300; subtotal 1100; tax 165; cost 1265; mgmt 506; total 1771.
        tid = self.ticket()
        q = json.loads(self.act("--json", "quote", tid, "--people", "2", "--days", "2",
                                "--transport", "300", "--no-lodging", "--no-meals"))
        self.assertEqual((q["lodging"], q["meals"], q["subtotal"], q["total"]),
                         ("0.00", "0.00", "1100.00", "1771.00"))
        self.assertEqual((q["lodging_days"], q["meal_days"]), (0, 0))
        # 3 people, 5 days, 4 nights: labour 3000; lodging 3*4*150 = 1800; meals 750;
        # transport 1234.56; subtotal 6784.56; tax 1017.684 -> 1017.68; cost 7802.24;
        # mgmt 3120.896 -> 3120.90; total 10923.14.
        q = json.loads(self.act("--json", "quote", tid, "--people", "3", "--days", "5",
                                "--lodging-days", "4", "--transport", "1234.56"))
        self.assertEqual((q["labor"], q["lodging"], q["meals"], q["tax"], q["management"],
                          q["total"]),
                         ("3000.00", "1800.00", "750.00", "1017.68", "3120.90", "10923.14"))


class QuoteHistory(QuoteBase):

    def test_the_stored_event(self):
        tid = self.ticket()
        self.act("quote", tid, *EXAMPLE, "--at", "2026-11-29T09:20")
        [event] = self.events(tid, "quote")
        for line in ["at = 2026-11-29T09:20:00+08:00", 'actor = "王芳"', "schedule = 2017-01-01",
                     "people = 2", "days = 3", "lodging_days = 3", "meal_days = 3",
                     'transport = "860.00"', 'parts = [\n  { name = "过流继电器", qty = 2, unit = "35.00" },\n]',
                     'total = "5361.30"', 'charged = "5361.30"']:
            self.assertIn(line + "\n", event)
        self.assertNotIn("free", event)

    def test_a_new_quote_replaces_the_current_one_and_the_old_stays(self):
        tid = self.ticket()
        self.act("quote", tid, *EXAMPLE, "--at", "2026-11-29T09:20")
        # 1 person 1 day: labour 200, lodging 150, meals 50; subtotal 400; tax 60;
        # cost 460; management 184; total 644.00.
        self.act("quote", tid, "--people", "1", "--days", "1", "--at", "2026-11-29T09:30")
        quotes = self.events(tid, "quote")
        self.assertEqual(len(quotes), 2)
        self.assertIn('total = "5361.30"\n', quotes[0])
        self.assertIn('total = "644.00"\n', quotes[1])
        t = self.show(tid)
        self.assertEqual((t["quote"]["total"], t["quote"]["charged"]), ("644.00", "644.00"))
        self.assertEqual(t["quote"]["people"], 1)

    def test_accept(self):
        tid = self.ticket()
        self.assertRefused(1, ["quote", tid, "--accept"], tid, "no quote")
        self.act("quote", tid, "--people", "1", "--days", "1", "--at", "2026-11-29T09:20")
        self.act("quote", tid, "--accept", "--at", "2026-11-29T09:25")
        [event] = self.events(tid, "accept")
        self.assertIn("at = 2026-11-29T09:25:00+08:00\n", event)
        self.assertIn('total = "644.00"\n', event)
        accepted = self.show(tid)["quote"]["accepted"]
        self.assertIsNotNone(accepted)
        self.assertEqual(accepted["at"], "2026-11-29T09:25:00+08:00")
        # Accepting twice: refused, nothing written.
        self.assertRefused(1, ["quote", tid, "--accept", "--at", "2026-11-29T09:26"], "accepted")
        # --accept takes no other quote options.
        self.assertRefused(2, ["quote", tid, "--accept", "--people", "2"], "--accept")


class PaidDispatch(QuoteBase):

    def outbound(self):
        return sorted(os.path.relpath(os.path.join(d, f), self.records)
                      for d, _, fs in os.walk(self.path("outbound")) for f in fs)

    def test_paid_service_needs_an_accepted_quote_before_dispatch(self):
        tid = self.ticket("paid")
        # No quote at all.
        self.assertRefused(1, ["dispatch", tid, "--tech", "张伟", "--at", "2026-11-29T09:15"],
                           tid, "accept the quote")
        self.act("quote", tid, "--people", "1", "--days", "1", "--at", "2026-11-29T09:20")
        # Quoted, not accepted.
        self.assertRefused(1, ["dispatch", tid, "--tech", "张伟", "--at", "2026-11-29T09:21"],
                           tid, "accept the quote")
        self.assertEqual(self.outbound(), [])
        self.act("quote", tid, "--accept", "--at", "2026-11-29T09:25")
        out = self.act("dispatch", tid, "--tech", "张伟", "--at", "2026-11-29T09:30")
        self.assertEqual(out, "SC-26-11-01\n")
        self.assertEqual(self.outbound(), ["outbound/2026/11/SC-26-11-01.toml"])

    def test_a_new_quote_needs_a_new_acceptance(self):
        tid = self.ticket("paid")
        self.act("quote", tid, "--people", "1", "--days", "1", "--at", "2026-11-29T09:20")
        self.act("quote", tid, "--accept", "--at", "2026-11-29T09:25")
        self.act("quote", tid, "--people", "2", "--days", "1", "--at", "2026-11-29T09:26")
        self.assertRefused(1, ["dispatch", tid, "--tech", "张伟", "--at", "2026-11-29T09:30"],
                           "accept the quote")
        self.assertEqual(self.outbound(), [])

    def test_free_service_dispatches_without_a_quote(self):
        tid = self.ticket("onsite-repair")
        self.assertEqual(self.act("dispatch", tid, "--tech", "张伟", "--at", "2026-11-29T09:30"),
                         "SC-26-11-01\n")


class MoneyOnTheCommandLine(QuoteBase):

    def setUp(self):
        super().setUp()
        self.tid = self.ticket()

    def test_good_amounts(self):
        for text, shown in [("860", "860.00"), ("860.5", "860.50"), ("860.50", "860.50"),
                            ("0", "0.00"), ("0.01", "0.01"), ("100000000", "100000000.00")]:
            with self.subTest(text=text):
                q = json.loads(self.act("--json", "quote", self.tid, "--people", "1", "--days",
                                        "1", "--transport", text))
                self.assertEqual(q["transport"], shown)
        q = json.loads(self.act("--json", "quote", self.tid, "--people", "1", "--days", "1",
                                "--labor-rate", "150.5", "--reason", "老客户"))
        self.assertEqual((q["labor_rate"], q["labor"]), ("150.50", "150.50"))
        self.assertEqual(q["reason"], "老客户")

    # The largest amount svc reads (999,999,999,999.99 yuan) is accepted
    # as --transport, but the quote's total is above that limit (1 person,
    # 1 day: subtotal 999999999999.99 + 200 + 150 + 50 = 1000000000399.99; tax
    # 150000000059.9985 -> 150000000060.00; cost 1150000000459.99; mgmt
    # 460000000183.996 -> 460000000184.00; total 1610000000643.99). A quote
    # whose amounts svc cannot store is refused (exit 2) with nothing written,
    # so the ticket still reads back (once it was written, and every later
    # command failed: "'total': '1610000000643.99' is not an amount of yuan").
    def test_a_quote_too_large_to_store_is_refused_not_written(self):
        rc, out, err = self.svc("quote", self.tid, "--people", "1", "--days", "1",
                                "--transport", "999999999999.99")
        rc2, out2, err2 = self.svc("show", self.tid)
        self.assertEqual(rc2, 0, "the ticket is unreadable after the quote:\n" + err2)
        self.assertEqual(rc, 2, out + err)

    BAD = ["-1", "1.234", "1e3", "NaN", "nan", "inf", "1,000", "99999999999999999",
           "1000000000000.00", " 860", "860 ", "860.", ".5", "+5", "0x10", "８６０", "1 000",
           "¥860", "860元", "1.2.3"]

    def test_bad_amounts_are_exit_2_naming_the_option(self):
        for option in ("--transport", "--labor-rate"):
            for text in self.BAD:
                with self.subTest(option=option, text=text):
                    extra = ["--reason", "x"] if option == "--labor-rate" else []
                    self.assertRefused(2, ["quote", self.tid, "--people", "1", "--days", "1",
                                           option, text, *extra], option)

    # An empty amount is a bad command line (exit 2 naming the option, issue 4),
    # not "not given": `--transport ""` does not store transport 0.00, and
    # `--labor-rate ""` does not silently charge the schedule's rate.
    def test_empty_amount_is_exit_2(self):
        for option in ("--transport", "--labor-rate"):
            with self.subTest(option=option):
                self.assertRefused(2, ["quote", self.tid, "--people", "1", "--days", "1",
                                       option, ""], option)

    def test_labour_rate_lowered_only_with_a_reason(self):
        self.assertRefused(2, ["quote", self.tid, "--people", "1", "--days", "1",
                               "--labor-rate", "150"], "--reason")
        for extra in ([], ["--reason", "加急"]):
            self.assertRefused(2, ["quote", self.tid, "--people", "1", "--days", "1",
                                   "--labor-rate", "200.01", *extra], "--labor-rate", "200.00")
        self.assertRefused(2, ["quote", self.tid, "--people", "1", "--days", "1",
                               "--reason", "x"], "--reason")

    def test_people_and_days(self):
        for args in (["--people", "0", "--days", "1"], ["--people", "1", "--days", "0"],
                     ["--people", "-1", "--days", "1"], ["--people", "x", "--days", "1"],
                     ["--people", "1.5", "--days", "1"], ["--days", "1"], ["--people", "1"]):
            with self.subTest(args=args):
                self.assertRefused(2, ["quote", self.tid, *args])
        err = self.assertFails(2, self.svc("quote", self.tid, "--people", "0", "--days", "1"))
        self.assertIn("--people", err)


class FreeAndPaid(QuoteBase):

    def test_free_service_is_computed_and_charged_nothing(self):
        tid = self.ticket("onsite-repair")
        out = self.act("quote", tid, "--people", "1", "--days", "1")
        self.assertRegex(out, r"\n  total .* 644\.00\n")
        self.assertRegex(out, r"\n  charged .* 0\.00\n")
        [event] = self.events(tid, "quote")
        self.assertIn("free = true\n", event)
        self.assertIn('total = "644.00"\n', event)
        self.assertIn('charged = "0.00"\n', event)
        t = self.show(tid)
        self.assertEqual((t["quote"]["total"], t["quote"]["charged"]), ("644.00", "0.00"))

    def test_paid_and_free_against_the_service_need_a_reason(self):
        free = self.ticket("onsite-repair")
        self.assertRefused(2, ["quote", free, "--people", "1", "--days", "1", "--paid"],
                           "--paid", "--reason")
        q = json.loads(self.act("--json", "quote", free, "--people", "1", "--days", "1",
                                "--paid", "--reason", "客户自行损坏"))
        self.assertEqual((q["total"], q["charged"]), ("644.00", "644.00"))
        paid = self.ticket("paid")
        self.assertRefused(2, ["quote", paid, "--people", "1", "--days", "1", "--free"],
                           "--free", "--reason")
        q = json.loads(self.act("--json", "quote", paid, "--people", "1", "--days", "1",
                                "--free", "--reason", "三包期内"))
        self.assertEqual((q["total"], q["charged"]), ("644.00", "0.00"))
        self.assertEqual(q["reason"], "三包期内")
        self.assertRefused(2, ["quote", paid, "--people", "1", "--days", "1", "--free", "--paid",
                               "--reason", "x"])

    def test_refused_on_unknown_and_unclassified_tickets(self):
        self.assertRefused(1, ["quote", "YX-26-11-09", "--people", "1", "--days", "1"],
                           "YX-26-11-09")
        tid = self.open("YX", "华东电网检修公司")
        self.assertRefused(1, ["quote", tid, "--people", "1", "--days", "1"], "classif")


class PriceList(QuoteBase):

    def setUp(self):
        super().setUp()
        write_text(self.path("parts.toml"), PARTS_TOML)
        self.tid = self.ticket()

    def test_code_and_quantity_priced_from_parts_toml(self):
        # 1 person 1 day; 3 relays at 35.00 = 105.00 and 10 fuses at 2.35 = 23.50: 128.50.
        # subtotal 528.50; tax 79.275 -> 79.28; cost 607.78; mgmt 243.112 -> 243.11; total 850.89.
        rc, out, err = self.svc("--json", "quote", self.tid, "--people", "1", "--days", "1",
                                "--part", "P-1001:3", "--part", "P-2002:10")
        self.assertEqual(rc, 0, err)
        q = json.loads(out)
        self.assertEqual((q["materials"], q["subtotal"], q["tax"], q["cost"], q["management"],
                          q["total"]),
                         ("128.50", "528.50", "79.28", "607.78", "243.11", "850.89"))
        text = json.dumps(q["parts"], ensure_ascii=False)
        self.assertIn("过流继电器", text)
        self.assertIn("P-1001", text)
        [event] = self.events(self.tid, "quote")
        self.assertIn('code = "P-1001"', event)
        self.assertIn('name = "过流继电器"', event)
        self.assertIn('unit = "35.00"', event)

    def test_text_lists_the_priced_part(self):
        out = self.act("quote", self.tid, "--people", "1", "--days", "1", "--part", "P-1001:2")
        self.assertRegex(out, r"\n  material +.*过流继电器.* × 2 × 35\.00 +70\.00\n")

    def test_unknown_code(self):
        self.assertRefused(2, ["quote", self.tid, "--people", "1", "--days", "1",
                               "--part", "P-9999:1"], "--part", "P-9999", "parts.toml")

    def test_bad_part_quantities(self):
        for part in ("P-1001:0", "P-1001:-1", "P-1001:x", "P-1001:", "继电器:1:1.234",
                     "继电器:1:-1", "继电器", "继电器:1:1e3"):
            with self.subTest(part=part):
                self.assertRefused(2, ["quote", self.tid, "--people", "1", "--days", "1",
                                       "--part", part], "--part")

    def test_a_broken_price_list_is_reported_and_nothing_written(self):
        write_text(self.path("parts.toml"), PARTS_TOML + "\n[[part]]\ncode = \"P-1001\"\n"
                   "name = \"重复\"\nprice = \"1.00\"\n")
        before = self.snapshot()
        rc, out, err = self.svc("quote", self.tid, "--people", "1", "--days", "1",
                                "--part", "P-1001:1")
        self.assertNotEqual(rc, 0)
        self.assertEqual(out, "")
        self.assertOneLine(err)
        self.assertIn("parts.toml", err)
        self.assertIn("P-1001", err)
        self.assertEqual(self.snapshot(), before)


class Schedules(QuoteBase):

    SCHEDULE_2027 = ('\n[[fees]]\neffective = 2027-01-01\nlodging_per_day = "180.00"\n'
                     'meals_per_day = "60.00"\nlabor_per_day = "240.00"\ntax = "13%"\n'
                     'management = "35%"\n')

    def test_the_schedule_in_force_on_the_quote_day(self):
        tid = self.ticket()
        with open(self.path("svc.toml"), "a", encoding="utf-8") as f:
            f.write(self.SCHEDULE_2027)
        now = "2027-01-02T12:00:00+08:00"
        # 1 person 1 day. 2017: total 644.00. 2027: labour 240, lodging 180, meals 60;
        # subtotal 480; tax 13 % = 62.40; cost 542.40; mgmt 35 % = 189.84; total 732.24.
        for at, schedule, total in [
                ("2026-12-31T23:59:00+08:00", "2017-01-01", "644.00"),
                ("2026-12-31T15:59:59Z", "2017-01-01", "644.00"),
                ("2027-01-01T00:00:00+08:00", "2027-01-01", "732.24"),
                ("2026-12-31T16:00:00Z", "2027-01-01", "732.24")]:
            with self.subTest(at=at):
                q = json.loads(self.act("--json", "quote", tid, "--people", "1", "--days", "1",
                                        "--at", at, now=now))
                self.assertEqual((q["schedule"], q["total"]), (schedule, total))
        # Every stored quote still recomputes: svc check is clean.
        rc, out, err = self.svc("check", now=now)
        self.assertEqual(rc, 0, out + err)


class CheckEditedSchedule(QuoteBase):

    def test_check_reports_a_quote_whose_schedule_was_edited(self):
        tid = self.ticket()
        self.act("quote", tid, "--people", "1", "--days", "1", "--at", "2026-11-29T09:20")
        rc, out, err = self.svc("check")
        self.assertEqual(rc, 0, out + err)
        self.set_config('labor_per_day = "200.00"', 'labor_per_day = "220.00"')
        rc, out, err = self.svc("check")
        self.assertEqual(rc, 1, out + err)
        # labour 220: subtotal 420; tax 63; cost 483; mgmt 193.20; total 676.20.
        problems = [l for l in out.split("\n") if "644.00" in l]
        self.assertEqual(len(problems), 1, out)
        self.assertIn("676.20", problems[0])
        self.assertIn("2017-01-01", problems[0])
        m = re.match(r"^(.*\.toml):(\d+): ", problems[0])
        self.assertTrue(m, problems[0])
        self.assertTrue(m.group(1).endswith(tid + ".toml"), problems[0])
        line = read_text(self.ticket_path(tid)).split("\n")[int(m.group(2)) - 1]
        self.assertEqual(line, 'total = "644.00"')

    # With two quotes in the history, svc check points at the current
    # quote's `total =` line (the one that no longer recomputes), not at the
    # first `total =` of the file (the replaced quote's).
    def test_check_points_at_the_current_quote(self):
        tid = self.ticket()
        self.act("quote", tid, "--people", "2", "--days", "1", "--at", "2026-11-29T09:20")
        self.act("quote", tid, "--people", "1", "--days", "1", "--at", "2026-11-29T09:30")
        self.set_config('labor_per_day = "200.00"', 'labor_per_day = "220.00"')
        rc, out, err = self.svc("check")
        self.assertEqual(rc, 1, out + err)
        m = re.search(r"\.toml:(\d+): the quote no longer recomputes", out)
        self.assertTrue(m, out)
        line = read_text(self.ticket_path(tid)).split("\n")[int(m.group(1)) - 1]
        self.assertEqual(line, 'total = "644.00"')

    def test_check_reports_a_quote_whose_schedule_is_gone(self):
        tid = self.ticket()
        self.act("quote", tid, "--people", "1", "--days", "1", "--at", "2026-11-29T09:20")
        self.set_config("effective = 2017-01-01", "effective = 2016-01-01")
        rc, out, err = self.svc("check")
        self.assertEqual(rc, 1, out + err)
        self.assertIn("2017-01-01", out)
        self.assertIn(tid, out)


if __name__ == "__main__":
    unittest.main()
