"""Finding things (issue 20 item 3): svc list's filters, sorting, columns and
formats; svc search over forms, notes and history; svc status, the desk's
morning view. Default targets (records/svc.toml): form 2 h; arrival by level
2h/48h/72h/24h."""

import csv
import io
import json
import os
import unittest

from svctest import SvcTestCase, write_text

NOW = "2026-11-30T10:00:00+08:00"


class FindBase(SvcTestCase):

    def act(self, *args, now=NOW, **kwargs):
        rc, out, err = self.svc(*args, now=now, **kwargs)
        self.assertEqual(rc, 0, "svc {} failed:\n{}".format(" ".join(args), err))
        return out.strip()

    def ticket(self, received, customer, *extra, via="YX"):
        return self.open(via, customer, "--received-at", received, *extra, now=received)

    def setUp(self):
        super().setUp()
        # YX-26-11-01: level 1 on-site, routed to SC, 张伟 and 李娜 sent; overdue arrival.
        self.a = self.ticket("2026-11-28T09:00", "华东电网检修公司", "--product", "配电柜",
                             "--description", "电缆头放电，有焦味")
        self.act("classify", self.a, "--kind", "support", "--category", "hardware", "--level",
                 "1", "--service", "onsite-repair", "--to", "SC", "--at", "2026-11-28T09:05",
                 now="2026-11-28T09:06:00+08:00")
        self.act("dispatch", self.a, "--tech", "张伟", "--tech", "李娜", "--at",
                 "2026-11-28T09:10", now="2026-11-28T09:11:00+08:00")
        self.act("note", self.a, "客户来电催促 Cable head replaced?", "--at", "2026-11-28T10:00",
                 now="2026-11-28T10:01:00+08:00")
        # YX-26-11-02: level 3, a quality matter routed to ZL, received yesterday.
        self.b = self.ticket("2026-11-29T15:00", "ABB 中国", "--product", "断路器",
                             "--description", "Breaker trips at 80% load")
        self.act("classify", self.b, "--kind", "quality", "--category", "hardware", "--level",
                 "3", "--to", "ZL", "--at", "2026-11-29T15:10", now="2026-11-29T15:11:00+08:00")
        # SH-26-11-01: new, received today (its response due at 10:05, 10 min).
        self.c = self.ticket("2026-11-30T09:55", "Schneider Electric", "--product", "ＵＰＳ电源",
                             via="SH")

    def ids(self, *args, now=NOW):
        rc, out, err = self.svc("list", "--no-header", *args, now=now)
        self.assertEqual((rc, err), (0, ""), args)
        return [line.split()[0] for line in out.split("\n") if line]

    def assertRefused(self, args, *phrases, rc=2):
        before = self.snapshot()
        result = self.svc(*args, now=NOW)
        self.assertFails(rc, result)
        for p in phrases:
            self.assertIn(p, result[2])
        self.assertEqual(self.snapshot(), before)
        return result[2]


class List(FindBase):

    def test_the_ids(self):
        self.assertEqual((self.a, self.b, self.c), ("YX-26-11-01", "YX-26-11-02", "SH-26-11-01"))

    def test_each_filter(self):
        self.assertEqual(self.ids("--route", "SC"), [self.a])
        self.assertEqual(self.ids("--route", "ZL"), [self.b])
        self.assertEqual(self.ids("--tech", "李娜"), [self.a])
        self.assertEqual(self.ids("--tech", "李"), [])  # a name, not a part of one
        self.assertEqual(self.ids("--level", "3"), [self.b])
        self.assertEqual(self.ids("--level", "2"), [])
        self.assertEqual(self.ids("--kind", "quality"), [self.b])
        self.assertEqual(self.ids("--kind", "support"), [self.a])
        self.assertEqual(self.ids("--via", "SH"), [self.c])
        self.assertEqual(self.ids("--customer", "abb"), [self.b])
        self.assertEqual(self.ids("--since", "2026-11-29"), [self.c, self.b])
        self.assertEqual(self.ids("--route", "SC", "--level", "3"), [])

    def test_repeated_and_comma_status(self):
        self.assertEqual(self.ids("--status", "new"), [self.c])
        self.assertEqual(self.ids("--status", "open"), [self.a, self.b])
        self.assertEqual(self.ids("--status", "new", "--status", "open"),
                         [self.c, self.a, self.b])
        self.assertEqual(self.ids("--status", "new,closed"), [self.c])
        self.assertEqual(self.ids("--status", "closed"), [])

    def test_sorting(self):
        self.assertEqual(self.ids(), [self.c, self.a, self.b])  # number order
        self.assertEqual(self.ids("--sort", "received"), [self.a, self.b, self.c])
        self.assertEqual(self.ids("--sort", "received", "-r"), [self.c, self.b, self.a])
        self.assertEqual(self.ids("--sort", "level"), [self.c, self.a, self.b])  # none first
        self.assertEqual(self.ids("--sort", "customer"), [self.b, self.c, self.a])
        self.assertEqual(self.ids("--sort", "status"), [self.c, self.a, self.b])
        self.assertEqual(self.ids("--reverse"), [self.b, self.a, self.c])

    def test_text_has_a_header_and_the_columns_asked(self):
        out = self.act("list", "--columns", "number,techs,route")
        lines = out.split("\n")
        self.assertEqual(lines[0].split(), ["NUMBER", "TECHS", "ROUTE"])
        self.assertEqual(lines[2].split(), [self.a, "张伟", "李娜", "SC"])
        self.assertEqual(lines[1].split(), [self.c, "-", "-"])
        self.assertEqual(self.act("list", "--level", "2"), "")  # no row: no header either

    def test_csv(self):
        out = self.act("list", "--format", "csv", "--columns", "number,customer,level,techs")
        rows = list(csv.reader(io.StringIO(out, newline="")))
        self.assertEqual(rows[0], ["number", "customer", "level", "techs"])
        self.assertEqual(rows[1:], [[self.c, "Schneider Electric", "", ""],
                                    [self.a, "华东电网检修公司", "1", "张伟 李娜"],
                                    [self.b, "ABB 中国", "3", ""]])
        rc, raw, err = self.svc("list", "--format", "csv", now=NOW)
        self.assertIn("\r\n", raw)
        header = next(csv.reader(io.StringIO(raw, newline="")))
        self.assertEqual(header, ["number", "status", "received", "level", "route", "customer",
                                  "headline"])
        self.assertEqual(len(list(csv.reader(io.StringIO(
            self.act("list", "--format", "csv", "--no-header"), newline="")))), 3)

    def test_markdown(self):
        out = self.act("list", "--format", "md", "--columns", "number,customer")
        lines = out.split("\n")
        self.assertEqual(lines[0], "| NUMBER | CUSTOMER |")
        self.assertEqual(lines[1], "| --- | --- |")
        self.assertEqual(lines[2], "| {} | Schneider Electric |".format(self.c))
        self.assertEqual(len(lines), 5)

    def test_json(self):
        rows = json.loads(self.act("list", "--format", "json"))
        self.assertEqual([r["id"] for r in rows], [self.c, self.a, self.b])
        self.assertEqual(rows[1]["techs"], ["张伟", "李娜"])
        self.assertEqual(rows[1]["level"], 1)
        self.assertEqual(rows[0]["level"], None)
        self.assertEqual(rows[2]["kind"], "quality")
        self.assertEqual(json.loads(self.act("--json", "list")), rows)  # --json is --format json
        only = json.loads(self.act("list", "--format", "json", "--columns", "number,route"))
        self.assertEqual(only[1], {"id": self.a, "route": "SC"})

    def test_bad_values(self):
        cases = [(["--route", "QQ"], "--route", "known: SH, YX"),
                 (["--route", "sc"], "did you mean SC?"),
                 (["--level", "9"], "--level", "known: 1, 2, 3, 4"),
                 (["--kind", "qualty"], "--kind", "did you mean quality?"),
                 (["--status", "opne"], "--status", "known: new, open, closed, void"),
                 (["--status", "new,bogus"], "--status", "'bogus'"),
                 (["--sort", "recieved"], "--sort", "did you mean received?"),
                 (["--columns", "number,custmer"], "--columns", "did you mean customer?"),
                 (["--format", "xls"], "--format", "text, csv, md, json")]
        for args, *phrases in cases:
            with self.subTest(args=args):
                self.assertRefused(["list", *args], *phrases)

    def test_the_index_is_used_and_kept_right(self):
        self.assertEqual(self.ids("--tech", "王强"), [])
        self.assertTrue(os.path.exists(self.path(".svc", "index")))
        self.act("dispatch", self.a, "--tech", "王强", "--at", "2026-11-30T09:30")
        self.assertEqual(self.ids("--tech", "王强"), [self.a])
        self.assertEqual(self.ids("--tech", "李娜"), [self.a])


class Agenda(FindBase):

    def test_the_dispatches_through_the_index(self):
        self.svc("agenda", now=NOW)  # the index made
        self.act("dispatch", self.a, "--tech", "王强", "--planned", "2026-12-02T09:00", "--at",
                 "2026-11-30T09:30")
        out = self.act("agenda", "--tech", "王强")
        self.assertIn("2026-12-02 09:00", out)
        self.assertIn("dispatch", out)
        # 李娜 is on the ticket (the summary's engineers) but not on the planned record.
        rc, out, err = self.svc("agenda", "--tech", "李娜", now=NOW)
        self.assertEqual(rc, 0, err)
        self.assertNotIn("dispatch", out)


class Search(FindBase):

    def search(self, *args, now=NOW):
        return self.svc("search", *args, now=now)

    def hits(self, *args):
        rc, out, err = self.search(*args)
        self.assertEqual((rc, err), (0, ""), args)
        return [line.split()[0] for line in out.split("\n") if line]

    def test_the_form(self):
        self.assertEqual(self.hits("断路器"), [self.b])  # the product
        self.assertEqual(self.hits("BREAKER TRIPS"), [self.b])  # the description, any case
        self.assertEqual(self.hits("焦味"), [self.a])  # a CJK substring

    def test_notes_and_history(self):
        self.assertEqual(self.hits("催促"), [self.a])  # the note
        self.assertEqual(self.hits("李娜"), [self.a])  # the dispatch's engineers
        rc, out, err = self.search("cable head")
        self.assertEqual(rc, 0, err)
        self.assertIn("note.text", out)
        self.assertIn("Cable head replaced?", out)

    def test_full_width_query_and_text(self):
        self.assertEqual(self.hits("ｂｒｅａｋｅｒ"), [self.b])  # a full-width query
        self.assertEqual(self.hits("ups"), [self.c])  # full-width text ("ＵＰＳ电源")
        self.assertEqual(self.hits("８０%"), [self.b])

    def test_json(self):
        rc, out, err = self.svc("--json", "search", "电缆头", now=NOW)
        self.assertEqual((rc, err), (0, ""))
        rows = json.loads(out)
        self.assertEqual([r["id"] for r in rows], [self.a])
        self.assertEqual(rows[0]["status"], "open")
        self.assertEqual(rows[0]["customer"], "华东电网检修公司")
        self.assertIn({"field": "description", "text": "电缆头放电，有焦味"}, rows[0]["matches"])

    def test_nothing_found_is_1(self):
        rc, out, err = self.search("没有这个")
        self.assertEqual((rc, out), (1, ""))
        self.assertOneLine(err)
        rc, out, err = self.svc("--json", "search", "没有这个", now=NOW)
        self.assertEqual((rc, json.loads(out)), (1, []))

    def test_filters(self):
        self.assertEqual(self.hits("电", "--status", "new"), [self.c])
        self.assertEqual(self.hits("电", "--since", "2026-11-29"), [self.c])
        rc, out, err = self.search("电", "--until", "2026-11-27")
        self.assertEqual(rc, 1)

    def test_bad_values(self):
        self.assertRefused(["search", "电", "--status", "bogus"], "--status")
        self.assertRefused(["search", "  "], "text")

    def test_a_changed_file_is_seen(self):
        self.assertEqual(self.hits("焦味"), [self.a])  # the index is made
        path = self.ticket_path(self.b)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        write_text(path, text.replace("Breaker trips", "Breaker smells of 焦味"))
        os.utime(path, (1, 1))  # an old time: only the size and inode tell
        self.assertEqual(self.hits("焦味"), [self.a, self.b])


class Status(FindBase):

    def test_the_morning_view(self):
        out = self.act("status")
        lines = out.split("\n")
        self.assertEqual(lines[0], "Tickets: 1 new, 2 open, 0 closed, 0 void")
        self.assertEqual(lines[1], "Received: 1 today, 1 yesterday")
        self.assertTrue(lines[2].startswith("Overdue: "), out)
        self.assertIn(self.a, out)
        self.assertIn("Due today (before 2026-12-01 00:00)", out)

    def test_json(self):
        day = json.loads(self.act("--json", "status"))
        self.assertEqual(day["tickets"], {"new": 1, "open": 2, "closed": 0, "void": 0})
        self.assertEqual((day["received_today"], day["received_yesterday"]), (1, 1))
        self.assertEqual(day["end_of_today"], "2026-12-01T00:00:00+08:00")
        worst = day["worst_overdue"]
        self.assertEqual(day["overdue"], len(worst))
        self.assertEqual(worst[0]["id"], self.a)  # the arrival, due 11-28 11:00
        self.assertEqual(worst[0]["clock"], "arrival")
        self.assertLess(worst[0]["seconds_left"], 0)
        due = day["due_today_clocks"]
        self.assertEqual(day["due_today"], len(due))
        self.assertIn((self.c, "response"), [(d["id"], d["clock"]) for d in due])
        for d in due:
            self.assertLess(d["deadline"], "2026-12-01T00:00")
            self.assertGreater(d["seconds_left"], 0)

    def test_as_of_another_moment(self):
        day = json.loads(self.act("--json", "status", now="2026-11-28T09:30:00+08:00"))
        self.assertEqual(day["tickets"], {"new": 0, "open": 1, "closed": 0, "void": 0})
        self.assertEqual(day["received_today"], 1)
        self.assertEqual(day["overdue"], 0)
        self.assertIn((self.a, "arrival"), [(d["id"], d["clock"])
                                            for d in day["due_today_clocks"]])

    def test_worst(self):
        day = json.loads(self.act("--json", "status", "--worst", "0"))
        self.assertEqual((day["worst_overdue"], day["due_today_clocks"]), ([], []))
        self.assertGreater(day["overdue"], 0)


if __name__ == "__main__":
    unittest.main()
