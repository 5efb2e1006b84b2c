"""svc-gen, the bench's generator (bench/README.md): a store svc accepts,
the same bytes for the same seed, and the same tickets as Taskwarrior tasks
(with their histories as annotations, or bare) giving the same overdue
count as svc overdue.
"""

import datetime
import json
import os
import re
import shutil
import subprocess
import tempfile
import tomllib
import unittest

from svctest import SOURCE_DIR, clean_env, run, snapshot

GEN = os.path.abspath(os.environ.get("SVC_GEN") or os.path.join(SOURCE_DIR, "build", "svc-gen"))


def gen(*args):
    p = subprocess.run([GEN, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=clean_env(), timeout=120)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def task_time(text):
    """Taskwarrior's 20260501T010000Z as an aware datetime."""
    return datetime.datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)


class GeneratorTest(unittest.TestCase):
    ARGS = ["--seed", "3", "--start", "2025-01", "--per-month", "1-2"]

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="svc-gen-")
        cls.store = os.path.join(cls.tmp, "store")
        rc, out, err = gen(cls.store, "200", *cls.ARGS)
        if rc != 0:
            raise AssertionError("svc-gen failed: " + err)
        rc, cls.now, err = gen(cls.store + "-x", "200", *cls.ARGS, "--print-now")
        cls.now = cls.now.strip()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def tickets(self):
        """{id: number of events} of every ticket file."""
        out = {}
        for dirpath, _, names in os.walk(os.path.join(self.store, "tickets")):
            for name in names:
                with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                    out[name[:-len(".toml")]] = f.read().count("\n[[event]]\n")
        return out

    def export(self, *extra):
        rc, out, err = gen("--taskwarrior", self.store, "--now", self.now, *extra)
        self.assertEqual(rc, 0, err)
        return json.loads(out)

    def test_a_store_svc_accepts(self):
        self.assertEqual(len(self.tickets()), 200)
        self.assertRegex(self.now, r"^\d{4}-\d\d-01T09:00:00\+08:00$")
        self.assertFalse(os.path.exists(self.store + "-x"), "--print-now wrote a store")
        rc, out, err = run("-R", self.store, "check")
        self.assertEqual(rc, 0, out)
        self.assertIn("checked 200 record files: no problems", err)

    def test_the_same_seed_gives_the_same_bytes(self):
        other = os.path.join(self.tmp, "again")
        rc, _, err = gen(other, "200", *self.ARGS)
        self.assertEqual(rc, 0, err)
        self.assertEqual(snapshot(other), snapshot(self.store))

    def test_tasks_carry_the_fault_and_every_event(self):
        events = self.tickets()
        tasks = self.export()
        self.assertEqual(len(tasks), len(events))  # every ticket was received before now
        for task in tasks:
            tid = task["description"].split(" ")[0]
            self.assertIn(tid, events)
            self.assertRegex(task["description"], r"^\S+ .+: .+")
            self.assertEqual(len(task.get("annotations", [])), events[tid], tid)
            for a in task["annotations"]:
                task_time(a["entry"])
                self.assertRegex(a["description"], r"^\S+ [a-z]+( |$)")
        self.assertEqual(len({t["uuid"] for t in tasks}), len(tasks))

    def test_bare_tasks_are_the_same_tasks_without_history(self):
        full = self.export()
        bare = self.export("--bare")
        self.assertEqual(len(bare), len(full))
        for f, b in zip(full, bare):
            self.assertNotIn("annotations", b)
            self.assertTrue(f["description"].startswith(b["description"] + ": "))
            for key in ("uuid", "status", "project", "entry", "due", "end"):
                self.assertEqual(f.get(key), b.get(key), key)

    def test_the_same_overdue_count_as_svc(self):
        rc, out, err = run("-R", self.store, "--now", self.now, "overdue", "--json")
        self.assertIn(rc, (0, 2), err)
        overdue = {c["id"] for c in json.loads(out)}
        now = datetime.datetime.fromisoformat(self.now)
        tasks = self.export()
        late = {t["description"].split(" ")[0] for t in tasks
                if t["status"] == "pending" and "due" in t and task_time(t["due"]) < now}
        self.assertTrue(overdue, "the generated store has nothing overdue: the test proves nothing")
        self.assertEqual(late, overdue)

    def test_shift_moves_every_date(self):
        day = 86400
        plain, moved = self.export(), self.export("--shift", str(day))
        for p, m in zip(plain, moved):
            for key in ("entry", "due", "end"):
                if key in p and task_time(p[key]).year > 2000:
                    self.assertEqual(task_time(m[key]) - task_time(p[key]), datetime.timedelta(days=1))

    def test_through_the_index_as_from_a_full_read(self):
        # Files older than the index's two seconds of doubt, then an index.
        old = os.path.getmtime(self.store) - 3600
        for dirpath, _, names in os.walk(os.path.join(self.store, "tickets")):
            for name in names:
                os.utime(os.path.join(dirpath, name), (old, old))
        store = ["-R", self.store]
        run(*store, "--now", self.now, "list")
        index = os.path.join(self.store, ".svc", "index")
        self.assertTrue(os.path.exists(index))
        year = int(self.now[:4])
        asked = [["report", "--year", str(year - 1)], ["report", "--month", self.now[:7]],
                 ["report", "--quarter", "{}-Q2".format(year - 1), "--format", "json"],
                 ["report", "--year", str(year - 1), "--route", "SC"],
                 ["report", "--from", "{}-03-05".format(year - 1), "--to", self.now[:10]],
                 ["overdue", "--json"], ["overdue", "--warn", "2d"], ["list"]]
        moments = [self.now, "{}-06-15T10:00:00+08:00".format(year - 1),
                   "{}-02-01T09:00:00+08:00".format(year - 2)]
        for now in moments:
            for args in asked:
                with self.subTest(now=now, args=args):
                    warm = run(*store, "--now", now, *args)
                    full = run(*store, "--now", now, "--no-index", *args)
                    self.assertEqual(warm, full)
        with open(index, "rb") as f:
            self.assertTrue(f.read().startswith(b"svc-index "))

    def test_no_step_is_entered_before_the_steps_it_follows(self):
        # Each step's entered time (the later of at and recorded) is at least
        # that of the steps before it; notes and amendments hold nothing back.
        late = 0
        for dirpath, _, names in os.walk(os.path.join(self.store, "tickets")):
            for name in names:
                with open(os.path.join(dirpath, name), "rb") as f:
                    events = tomllib.load(f)["event"]
                entered = None
                for e in events:
                    if e["action"] == "note":
                        continue
                    at = max(e["at"], e.get("recorded", e["at"]))
                    late += "recorded" in e
                    if entered is not None:
                        self.assertGreaterEqual(at, entered, (name, e))
                    if not e.get("amend"):
                        entered = at if entered is None else max(entered, at)
        self.assertGreater(late, 20, "nothing entered late: the test proves nothing")

    def test_the_records_replay_as_of_every_moment(self):
        # Steps entered late (recorded) never come in before the steps they
        # follow: svc check as of moments all through the store finds nothing.
        start = datetime.date(2025, 1, 1)
        end = datetime.date.fromisoformat(self.now[:10])
        day = start
        while day < end:
            for moment in ("{}T10:40:00+08:00".format(day), "{}T19:00:00+08:00".format(day)):
                with self.subTest(now=moment):
                    rc, out, err = run("-R", self.store, "--now", moment, "check")
                    self.assertEqual(rc, 0, out + err)
                    self.assertIn("no problems", err)
            day += datetime.timedelta(days=23)

    def test_reopened_corrected_and_amended_now_and_then(self):
        # on a store of its own: a few tickets reopened (a later close
        # and survey), a form field corrected, a close or survey amended.
        store = os.path.join(self.tmp, "second-wave")
        rc, out, err = gen(store, "2000", "--seed", "5")
        self.assertEqual(rc, 0, err)
        rc, out, err2 = run("-R", store, "check")
        self.assertEqual(rc, 0, out + err2)
        counts = {k: int(v) for v, k in re.findall(
            r"(\d+) (reopened|with a corrected form|with an amended close or survey)", err)}
        self.assertTrue(10 <= counts["reopened"] <= 60, err)
        self.assertTrue(20 <= counts["with a corrected form"] <= 80, err)
        self.assertTrue(8 <= counts["with an amended close or survey"] <= 40, err)

    def test_bad_command_lines(self):
        rc, out, err = gen("--taskwarrior", self.store)
        self.assertEqual(rc, 2)
        self.assertEqual(out, "")
        self.assertIn("usage: svc-gen", err)
        rc, out, err = gen("--taskwarrior", self.store, "--now", "yesterday")
        self.assertEqual(rc, 2)
        self.assertIn("--now", err)
        rc, out, err = gen(os.path.join(self.tmp, "bad"), "10", "--codes", "NOPE")
        self.assertEqual(rc, 2)
        self.assertIn("'NOPE' is no department", err)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "bad")))


if __name__ == "__main__":
    unittest.main()
