"""Exports for monitoring and calendars (issue 20 item 6).

svc overdue --format openmetrics: read back by a strict reader (Python's
prometheus_client OpenMetrics parser, Debian's python3-prometheus-client)
with exact values on a hand-built records directory; --output written
atomically (nothing else left in its folder) and refused, with exit 3 and
nothing written, where it cannot be written.

svc agenda --format ics: read back by python3-icalendar — the events, their
UIDs, start times, Chinese summaries with TEXT escapes, --tech and the day
filters; an empty agenda still a valid VCALENDAR; every line CRLF-terminated
and at most 75 octets, never split inside a UTF-8 character.

Each half is skipped (not failed) only when its Python module is missing;
`make deps` installs both.
"""

import datetime
import os
import sys
import unittest

from svctest import SvcTestCase

# Debian's python3-prometheus-client and python3-icalendar (make deps) are
# pure Python: found also by a Python that is not Debian's (pyenv, a venv).
DEBIAN_MODULES = "/usr/lib/python3/dist-packages"
if os.path.isdir(DEBIAN_MODULES) and DEBIAN_MODULES not in sys.path:
    sys.path.append(DEBIAN_MODULES)

try:
    from prometheus_client.openmetrics.parser import text_string_to_metric_families
except ImportError:  # pragma: no cover
    text_string_to_metric_families = None
try:
    import icalendar
except ImportError:  # pragma: no cover
    icalendar = None

NOW = "2026-11-29T10:00:00+08:00"
NOW_EPOCH = 1795917600  # 2026-11-29T02:00:00Z
CUSTOMER = "华东电网,检修;公司"
ADDRESS = "杭州市西湖区文三路1号\\2楼"
FAULT = "柜内放电,有异响;\n已停运"
DESCRIPTION = "Ticket {}\nTechs: 张伟, 李强\nContact: 李工 13800000000\nFault: " + FAULT
UTC = datetime.timezone.utc


class ExportsCase(SvcTestCase):

    def act(self, *args, now=NOW, **kwargs):
        rc, out, err = self.svc(*args, now=now, **kwargs)
        self.assertEqual(rc, 0, "svc {} failed:\n{}".format(" ".join(args), err))
        return out

    def build(self):
        """Two tickets and a visit and a plan item:

        YX-26-11-01  received 08:00, classified level 2 hardware (routed SC)
                     at 08:10, dispatched (SC-26-11-01, 张伟 and 李强) at
                     08:20, planned on site 2026-11-30 09:00 (+08:00).
        YX-26-11-02  received 06:00, filled 06:30, never classified.
        BF-26-11-01  a visit of K0001 by 张伟 on 11-20 10:00.
        plan 2026:1  K0001, December, technical.
        """
        self.t1 = self.open("YX", CUSTOMER, "--address", ADDRESS, "--product", "开关柜",
                            "--contact", "李工", "--phone", "13800000000", "--description", FAULT,
                            "--received-at", "2026-11-29 08:00", "--at", "2026-11-29 08:05")
        self.act("classify", self.t1, "--kind", "support", "--category", "hardware", "--level",
                 "2", "--service", "onsite-repair", "--at", "2026-11-29 08:10")
        self.act("dispatch", self.t1, "--tech", "张伟", "--tech", "李强", "--planned",
                 "2026-11-30 09:00", "--at", "2026-11-29 08:20")
        self.t2 = self.open("YX", "国网湖州供电公司", "--received-at", "2026-11-29 06:00",
                            "--at", "2026-11-29 06:30")
        self.act("customer", "add", "国网杭州供电公司", "--key", now="2026-01-05T09:00:00+08:00")
        self.act("visit", "record", "--customer", "K0001", "--at", "2026-11-20T10:00:00+08:00",
                 "--by", "张伟", "--findings", "运行正常", now="2026-11-20T12:00:00+08:00")
        self.act("annual-plan", "add", "2026", "--customer", "K0001", "--month", "12", "--work",
                 "technical", now="2026-01-06T09:00:00+08:00")


@unittest.skipIf(text_string_to_metric_families is None, "python3-prometheus-client missing")
class OpenMetricsTest(ExportsCase):

    def setUp(self):
        super().setUp()
        self.build()

    def metrics(self, *args):
        """(rc, {(name, labels as sorted tuple): value}, the raw text)."""
        rc, out, err = self.svc("overdue", "--format", "openmetrics", *args, now=NOW)
        self.assertEqual(err, "")
        samples = {}
        for family in text_string_to_metric_families(out):
            for s in family.samples:
                samples[(s.name, tuple(sorted(s.labels.items())))] = s.value
        return rc, samples, out

    def clock(self, samples, clock, state, route):
        return samples[("svc_clocks",
                        (("clock", clock), ("route", route), ("state", state)))]

    def test_exact_values_and_the_plugins_exit_status(self):
        plain_rc, plain, _ = self.svc("overdue", "--warn", "2h", now=NOW)
        rc, samples, out = self.metrics("--warn", "2h")
        self.assertEqual(rc, plain_rc)
        self.assertEqual(rc, 2)  # YX-26-11-02's response is overdue
        self.assertTrue(out.endswith("# EOF\n"))
        self.assertNotIn("SVC ", out)  # the exposition only, no summary line
        self.assertEqual(samples[("svc_overdue_generated_seconds", ())], NOW_EPOCH)
        self.assertEqual(samples[("svc_tickets_unreadable", ())], 0)
        self.assertEqual(samples[("svc_tickets_open", (("route", "SC"),))], 1)
        self.assertEqual(samples[("svc_tickets_open", (("route", ""),))], 1)
        self.assertEqual(samples[("svc_tickets_open", (("route", "ZL"),))], 0)
        # Every clock overdue or due in the JSON list is counted, no more.
        import json
        listed = json.loads(self.svc("--json", "overdue", "--warn", "2h", now=NOW)[1])
        counted = {}
        for d in listed:
            key = (d["clock"], d["state"], d["route"] or "")
            counted[key] = counted.get(key, 0) + 1
        for (name, labels), value in samples.items():
            if name != "svc_clocks":
                continue
            lab = dict(labels)
            if lab["state"] == "running":
                continue
            self.assertEqual(value, counted.get((lab["clock"], lab["state"], lab["route"]), 0),
                             labels)
        self.assertEqual(sum(counted.values()), sum(
            v for (n, l), v in samples.items() if n == "svc_clocks" and dict(l)["state"] != "running"))
        self.assertEqual(self.clock(samples, "response", "overdue", ""), 1)
        # The dispatched ticket's arrival (level 2: 48 h) runs, not yet due.
        self.assertEqual(self.clock(samples, "arrival", "running", "SC"), 1)
        # Zeros for known clocks on every route, so no series vanishes.
        self.assertEqual(self.clock(samples, "arrival", "overdue", "SC"), 0)
        self.assertEqual(self.clock(samples, "response", "running", "ZL"), 0)

    def test_nothing_overdue_exit_0_and_all_zeros(self):
        rc, samples, _ = self.metrics("--route", "ZL")
        self.assertEqual(rc, 0)
        clocks = {k: v for k, v in samples.items() if k[0] == "svc_clocks"}
        self.assertTrue(clocks)
        self.assertEqual(set(clocks.values()), {0})
        self.assertEqual({dict(l)["route"] for _, l in clocks}, {"ZL"})

    def test_route_filter(self):
        rc, samples, _ = self.metrics("--route", "SC", "--clock", "arrival")
        self.assertEqual(rc, 0)
        self.assertEqual({(dict(l)["clock"], dict(l)["route"])
                          for n, l in samples if n == "svc_clocks"}, {("arrival", "SC")})
        self.assertEqual(self.clock(samples, "arrival", "running", "SC"), 1)

    def test_output_written_atomically(self):
        out_dir = os.path.join(self.tmp, "textfile")
        os.mkdir(out_dir)
        target = os.path.join(out_dir, "svc.prom")
        with open(target, "w") as f:
            f.write("old\n")
        rc, out, err = self.svc("overdue", "--format", "openmetrics", "--output", target, now=NOW)
        self.assertEqual((rc, out, err), (2, "", ""))
        _, _, expected = self.metrics()
        with open(target, encoding="utf-8") as f:
            self.assertEqual(f.read(), expected)
        self.assertEqual(os.listdir(out_dir), ["svc.prom"])

    def test_unwritable_output_is_unknown_and_writes_nothing(self):
        missing = os.path.join(self.tmp, "no-such-folder", "svc.prom")
        rc, out, err = self.svc("overdue", "--format", "openmetrics", "--output", missing, now=NOW)
        self.assertEqual((rc, out), (3, ""))
        self.assertOneLine(err)
        self.assertTrue(err.startswith("svc: "), err)
        self.assertFalse(os.path.exists(os.path.dirname(missing)))
        # A folder where the file should be.
        folder = os.path.join(self.tmp, "is-a-folder")
        os.mkdir(folder)
        rc, out, err = self.svc("overdue", "--format", "openmetrics", "--output", folder, now=NOW)
        self.assertEqual((rc, out), (3, ""))
        self.assertOneLine(err)
        self.assertEqual(os.listdir(folder), [])
        self.assertEqual(sorted(os.listdir(self.tmp)), ["is-a-folder", "records"])

    def test_output_needs_openmetrics(self):
        rc, out, err = self.svc("overdue", "--output", os.path.join(self.tmp, "x.prom"), now=NOW)
        self.assertEqual(rc, 3)
        self.assertEqual(out, "SVC UNKNOWN - bad command line: --output needs --format openmetrics\n")
        self.assertEqual(err, "svc: --output needs --format openmetrics\n")
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "x.prom")))

    def test_label_values_escaped(self):
        # A department code cannot hold a quote; the escaping itself is unit-tested
        # (tests/unit/openmetrics_test.cc). Here: the parser accepts every line.
        _, samples, out = self.metrics("--warn", "2h")
        self.assertGreater(len(samples), 10)
        self.assertEqual(out.count("# EOF"), 1)


@unittest.skipIf(icalendar is None, "python3-icalendar missing")
class AgendaTest(ExportsCase):

    def setUp(self):
        super().setUp()
        self.build()

    def ics(self, *args):
        rc, out, err = self.svc("agenda", "--format", "ics", *args, now=NOW)
        self.assertEqual((rc, err), (0, ""))
        raw = out.encode("utf-8")
        return raw, icalendar.Calendar.from_ical(raw)

    def events(self, cal):
        return {str(e["UID"]): e for e in cal.walk("VEVENT")}

    def assertWellFormed(self, raw):
        self.assertTrue(raw.endswith(b"\r\n"))
        lines = raw.split(b"\r\n")[:-1]
        for line in lines:
            self.assertNotIn(b"\n", line)
            self.assertLessEqual(len(line), 75, line)
            line.decode("utf-8")  # never split inside a character
        self.assertEqual(lines[0], b"BEGIN:VCALENDAR")
        self.assertEqual(lines[-1], b"END:VCALENDAR")

    def test_every_kind_of_event(self):
        raw, cal = self.ics()
        self.assertWellFormed(raw)
        self.assertEqual(str(cal["VERSION"]), "2.0")
        events = self.events(cal)
        self.assertEqual(set(events), {"SC-26-11-01@svc", "BF-26-11-01@svc", "plan-2026-1@svc"})
        d = events["SC-26-11-01@svc"]
        self.assertEqual(d.decoded("DTSTART"), datetime.datetime(2026, 11, 30, 1, 0, tzinfo=UTC))
        self.assertEqual(d.decoded("DTEND"), datetime.datetime(2026, 11, 30, 2, 0, tzinfo=UTC))
        self.assertEqual(d.decoded("DTSTAMP"), datetime.datetime(2026, 11, 29, 2, 0, tzinfo=UTC))
        self.assertEqual(str(d["SUMMARY"]), "SC-26-11-01 {}: 开关柜".format(CUSTOMER))
        self.assertEqual(str(d["LOCATION"]), ADDRESS)
        self.assertEqual(str(d["DESCRIPTION"]), DESCRIPTION.format(self.t1))
        self.assertIn("Fault: 柜内放电\\,有异响\\;\\n已停运".encode("utf-8"), raw.replace(b"\r\n ", b""))
        self.assertIn(b"SUMMARY:SC-26-11-01 \xe5", raw)
        self.assertIn("华东电网\\,检修\\;公司".encode("utf-8"), raw)
        v = events["BF-26-11-01@svc"]
        self.assertEqual(v.decoded("DTSTART"), datetime.datetime(2026, 11, 20, 2, 0, tzinfo=UTC))
        self.assertEqual(str(v["SUMMARY"]), "BF-26-11-01 visit: 国网杭州供电公司")
        p = events["plan-2026-1@svc"]
        self.assertEqual(p.decoded("DTSTART"), datetime.date(2026, 12, 1))
        self.assertEqual(p.decoded("DTEND"), datetime.date(2026, 12, 2))
        self.assertEqual(str(p["SUMMARY"]), "Plan 2026:1 国网杭州供电公司: 技术服务")

    def test_long_description_is_folded_at_75_octets(self):
        tid = self.open("YX", "国网宁波供电公司", "--description", "开关柜局部放电" * 20,
                        "--received-at", "2026-11-29 09:00", "--at", "2026-11-29 09:01")
        self.act("classify", tid, "--kind", "support", "--category", "hardware", "--level", "3",
                 "--service", "onsite-repair", "--at", "2026-11-29 09:10")
        self.act("dispatch", tid, "--tech", "王五", "--planned", "2026-12-02 09:00", "--at",
                 "2026-11-29 09:20")
        raw, cal = self.ics("--tech", "王五")
        self.assertWellFormed(raw)
        self.assertIn(b"\r\n ", raw)  # folded
        (event,) = cal.walk("VEVENT")
        self.assertIn("开关柜局部放电" * 20, str(event["DESCRIPTION"]))

    def test_tech_filter(self):
        raw, cal = self.ics("--tech", "李强")
        self.assertEqual(set(self.events(cal)), {"SC-26-11-01@svc"})
        raw, cal = self.ics("--tech", "张伟")
        self.assertEqual(set(self.events(cal)), {"SC-26-11-01@svc", "BF-26-11-01@svc"})

    def test_empty_agenda_is_a_valid_calendar(self):
        raw, cal = self.ics("--tech", "nobody")
        self.assertWellFormed(raw)
        self.assertEqual(cal.walk("VEVENT"), [])
        self.assertEqual(str(cal["PRODID"]), "-//svc//agenda//EN")

    def test_day_filters(self):
        raw, cal = self.ics("--from", "2026-12-01")
        self.assertEqual(set(self.events(cal)), {"plan-2026-1@svc"})
        raw, cal = self.ics("--from", "2026-11-21", "--to", "2026-11-30")
        self.assertEqual(set(self.events(cal)), {"SC-26-11-01@svc"})
        raw, cal = self.ics("--to", "2026-11-20")
        self.assertEqual(set(self.events(cal)), {"BF-26-11-01@svc"})

    def test_text_default(self):
        rc, out, err = self.svc("agenda", now=NOW)
        self.assertEqual((rc, err), (0, ""))
        self.assertEqual(out.splitlines(), [
            "2026-11-20 10:00  visit     BF-26-11-01 visit: 国网杭州供电公司  (张伟)",
            "2026-11-30 09:00  dispatch  SC-26-11-01 {}: 开关柜  (张伟, 李强)".format(CUSTOMER),
            "2026-12-01 (month)  plan      Plan 2026:1 国网杭州供电公司: 技术服务",
        ])
        rc, out, err = self.svc("agenda", "--tech", "nobody", now=NOW)
        self.assertEqual((rc, out, err), (0, "", "svc: nothing planned\n"))

    def test_json(self):
        import json
        rc, out, err = self.svc("--json", "agenda", "--tech", "李强", now=NOW)
        self.assertEqual((rc, err), (0, ""))
        self.assertEqual(json.loads(out), [{
            "uid": "SC-26-11-01@svc", "kind": "dispatch", "start": "2026-11-30T09:00:00+08:00",
            "all_day": False, "summary": "SC-26-11-01 {}: 开关柜".format(CUSTOMER),
            "location": ADDRESS,
            "description": DESCRIPTION.format(self.t1),
            "techs": ["张伟", "李强"]}])

    def test_bad_day_refused(self):
        self.assertFails(2, self.svc("agenda", "--from", "2026-13-01", now=NOW), "--from")
        self.assertFails(2, self.svc("agenda", "--format", "pdf", now=NOW), "--format")


if __name__ == "__main__":
    unittest.main()
