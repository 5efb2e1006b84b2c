"""svc and real git (issue 7: offline and git-native).

Every test builds its own little world in a temporary folder: a bare
`origin.git` and clones of it (the desk at the office, an engineer's laptop),
each with its own user.name / user.email in the clone's config. The machine's
git configuration never leaks in: HOME and XDG_CONFIG_HOME point into the
temporary folder, GIT_CONFIG_NOSYSTEM=1, every inherited GIT_* variable is
dropped, GIT_CEILING_DIRECTORIES stops the search for a repository at the
temporary folder, and init.defaultBranch is given with -c. Commit dates are
fixed (GIT_AUTHOR_DATE / GIT_COMMITTER_DATE) because `svc log` compares them
with the events' times.

Covered: the merge driver through `git pull` in both orders and through
`git pull --rebase` (clean, identical results, every event kept), a genuine
conflict (both clones closed), a history that cannot replay, a number given
by two clones and repaired by `svc renumber`, `svc log` on a history edited
by hand, `--commit` and `commit = true`, `svc sync`, `svc init` /
`svc git-setup`, and the merge driver called directly.
"""

import json
import os
import re
import shutil
import subprocess
import tempfile
import tomllib
import unittest

from svctest import SVC, clean_env, read_text, run, snapshot, ticket_rel_path, write_text

# A fixed date for commits that `svc log` does not judge.
GIT_DATE = "2026-11-29T20:00:00+08:00"


def T(hhmm, day=29, month=11):
    """2026-MM-DDTHH:MM:00+08:00."""
    return "2026-{:02}-{:02}T{}:00+08:00".format(month, day, hhmm)


def events_of(text):
    """The [[event]] tables of a ticket file, as parsed dicts."""
    return tomllib.loads(text).get("event", [])


def key(event, drop_amend=True):
    """A comparable, hashable form of one event (without `amend`)."""
    e = {k: v for k, v in event.items() if not (drop_amend and k == "amend")}
    return json.dumps(e, sort_keys=True, default=str, ensure_ascii=False)


class World:
    """A bare origin and clones of it under `base`, isolated from the machine."""

    def __init__(self, test, base):
        self.t = test
        self.base = base
        self.home = os.path.join(base, "home")
        os.makedirs(self.home, exist_ok=True)
        env = {k: None for k in os.environ if k.startswith("GIT_")}
        env.update({
            "HOME": self.home,
            "XDG_CONFIG_HOME": os.path.join(self.home, ".config"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CEILING_DIRECTORIES": os.path.dirname(os.path.abspath(base)),
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_AUTHOR_DATE": GIT_DATE,
            "GIT_COMMITTER_DATE": GIT_DATE,
            "LC_ALL": "C.UTF-8",
            "LANGUAGE": None,
            "EMAIL": None,
        })
        self.env = env
        self.origin = os.path.join(base, "origin.git")
        self.users = {}

    # --- running git and svc ---------------------------------------------

    def git(self, cwd, *args, check=True, date=None):
        """git ARGS in cwd; returns (rc, stdout, stderr). With check, asserts rc 0."""
        env = dict(self.env)
        if date:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
        p = subprocess.run(["git", *args], cwd=cwd, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=clean_env(env), timeout=120)
        out, err = p.stdout.decode("utf-8"), p.stderr.decode("utf-8")
        if check:
            self.t.assertEqual(p.returncode, 0, "git {} in {} failed:\n{}{}".format(
                " ".join(args), cwd, out, err))
        return p.returncode, out, err

    def svc(self, where, *args, now=T("18:00"), actor=None, env=None, records=True):
        """svc -R where --now NOW --actor ACTOR ARGS, run in `where`."""
        pre = []
        if records:
            pre += ["-R", where]
        if now:
            pre += ["--now", now]
        actor = actor or self.users.get(where)
        if actor:
            pre += ["--actor", actor]
        e = dict(self.env)
        e.update(env or {})
        return run(*pre, *args, env=e, cwd=where)

    def ok(self, where, *args, **kwargs):
        """svc …, asserting exit 0; returns stdout stripped."""
        rc, out, err = self.svc(where, *args, **kwargs)
        self.t.assertEqual(rc, 0, "svc {} failed in {}:\n{}".format(" ".join(args), where, err))
        return out.strip()

    # --- the world ---------------------------------------------------------

    def clone(self, name, user):
        path = os.path.join(self.base, name)
        self.git(self.base, "-c", "init.defaultBranch=main", "clone", "-q", self.origin, path)
        self.git(path, "config", "user.name", user)
        self.git(path, "config", "user.email", "{}@example.com".format(name))
        self.users[path] = user
        return path

    def start(self):
        """origin, the desk's clone holding `svc init .` (pushed), and the
        engineer's fresh clone after `svc git-setup`. Returns (desk, eng)."""
        self.git(self.base, "-c", "init.defaultBranch=main", "init", "-q", "--bare", self.origin)
        self.desk = self.clone("desk", "王芳")
        rc, out, err = run("init", ".", env=self.env, cwd=self.desk)
        self.t.assertEqual(rc, 0, err)
        self.commit(self.desk, "records directory")
        self.git(self.desk, "push", "-q", "-u", "origin", "main")
        self.eng = self.clone("eng", "张伟")
        self.ok(self.eng, "git-setup")
        return self.desk, self.eng

    def commit(self, clone, message, date=None):
        self.git(clone, "add", "-A")
        self.git(clone, "commit", "-q", "-m", message, date=date)
        return self.head(clone)

    def head(self, clone, ref="HEAD"):
        return self.git(clone, "rev-parse", ref)[1].strip()

    def push(self, clone):
        self.git(clone, "push", "-q", "origin", "HEAD:main")

    def pull(self, clone, mode="merge", check=False):
        """git pull --no-rebase / --rebase; (rc, stdout + stderr)."""
        rc, out, err = self.git(clone, "pull", "--no-rebase" if mode == "merge" else "--rebase",
                                "origin", "main", check=check)
        return rc, out + err

    def ticket(self, now=T("09:30")):
        """A ticket opened, classified for an on-site repair and dispatched at
        the desk, committed, pushed and pulled by the engineer (all events at
        distinct seconds). Returns its number."""
        d = self.desk
        tid = self.ok(d, "open", "--via", "YX", "--customer", "华东电网", "--received-at", T("09:00"),
                      "--at", T("09:05"), now=now)
        self.ok(d, "classify", tid, "--kind", "support", "--category", "hardware", "--level", "3",
                "--service", "onsite-repair", "--at", T("09:10"), now=now)
        self.ok(d, "dispatch", tid, "--tech", "张伟", "--at", T("09:20"), now=now)
        self.commit(d, "{}: open, classify, dispatch".format(tid))
        self.push(d)
        self.git(self.eng, "pull", "-q", "--ff-only", "origin", "main")
        return tid

    def text(self, clone, tid):
        return read_text(os.path.join(clone, ticket_rel_path(tid)))

    def check(self, clone):
        return self.svc(clone, "check", records=False)


class GitCase(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="svc-git-")
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)

    def world(self, name="w"):
        base = os.path.join(self.tmp, name)
        os.makedirs(base)
        return World(self, base)

    def assertCheckClean(self, w, clone):
        rc, out, err = w.check(clone)
        self.assertEqual(rc, 0, "svc check in {}:\n{}{}".format(clone, out, err))

    def assertKeepsAll(self, merged_text, *sides):
        """Every event of every side is in the merged file, and nothing else."""
        merged = sorted(key(e) for e in events_of(merged_text))
        union = sorted({key(e) for side in sides for e in events_of(side)})
        self.assertEqual(merged, union)


# --- merges through git ---------------------------------------------------


class MergeThroughGitTest(GitCase):

    def offline(self, w, tid):
        """The desk and the engineer record on the same ticket offline, each
        committing in their own clone. Returns (desk text, engineer text)."""
        d, e = w.desk, w.eng
        w.ok(d, "note", tid, "客户来电催促", "--at", T("11:00"), now=T("11:00"))
        w.ok(d, "note", tid, "已通知客户工程师下午到", "--at", T("14:00"), now=T("14:00"))
        w.ok(d, "close", tid, "--result", "completed", "--resolution", "客户电话确认已修复",
             "--at", T("17:00"), now=T("17:00"))
        w.ok(d, "survey", tid, "--satisfaction", "satisfied", "--attitude", "5",
             "--at", T("17:30"), now=T("17:30"))
        w.commit(d, "desk offline")
        # The engineer types it all in on the evening train.
        w.ok(e, "dispatch", tid, "--arrive", "--at", T("13:00"), now=T("19:00"))
        w.ok(e, "note", tid, "现场已断电", "--at", T("14:00"), now=T("19:00"))  # same second as the desk's
        w.ok(e, "dispatch", tid, "--finish", "--work", "更换继电器", "--hours", "3",
             "--part", "继电器:2:35.00:warranty", "--signed-by", "李工", "--at", T("16:00"),
             now=T("19:00"))
        w.commit(e, "engineer offline")
        return w.text(d, tid), w.text(e, tid)

    def test_clean_merge_in_every_order_keeps_every_event(self):
        merged = {}
        for mode in ("merge", "rebase"):
            for puller in ("desk", "eng"):
                with self.subTest(mode=mode, puller=puller):
                    w = self.world("{}-{}".format(mode, puller))
                    w.start()
                    tid = w.ticket()
                    desk_text, eng_text = self.offline(w, tid)
                    puller_clone = w.desk if puller == "desk" else w.eng
                    other = w.eng if puller == "desk" else w.desk
                    w.push(other)
                    rc, out = w.pull(puller_clone, mode)
                    self.assertEqual(rc, 0, out)
                    self.assertNotIn("CONFLICT", out)
                    text = w.text(puller_clone, tid)
                    self.assertNotIn("<<<<<<<", text)
                    self.assertKeepsAll(text, desk_text, eng_text)
                    self.assertNotIn("amend", text)
                    ats = [e["at"] for e in events_of(text)]
                    self.assertEqual(ats, sorted(ats), "events in time order")
                    self.assertCheckClean(w, puller_clone)
                    rc, out, err = w.git(puller_clone, "status", "--porcelain")
                    self.assertEqual(out, "")
                    # The other clone gets the same file by a fast-forward.
                    w.push(puller_clone)
                    rc, out = w.pull(other, "merge")
                    self.assertEqual(rc, 0, out)
                    self.assertEqual(w.text(other, tid), text)
                    self.assertCheckClean(w, other)
                    # The merged ticket reads as one whole: on site 13:00-16:00, closed, surveyed.
                    show = json.loads(w.ok(puller_clone, "--json", "show", tid))
                    self.assertEqual(show["status"], "closed")
                    merged[(mode, puller)] = text
        self.assertEqual(len(set(merged.values())), 1,
                         "the merged file differs between merge orders")

    def test_events_at_the_same_second_survive_a_merge(self):
        # The desk opens and classifies at once (no --at: every event at --now),
        # which is what a quick phone call gives.
        w = self.world()
        w.start()
        d, e = w.desk, w.eng
        tid = w.ok(d, "open", "--via", "YX", "--customer", "华东电网", now=T("09:00"))
        w.ok(d, "classify", tid, "--kind", "support", "--category", "hardware", "--level", "3",
             "--service", "onsite-repair", now=T("09:00"))
        w.ok(d, "dispatch", tid, "--tech", "张伟", now=T("09:00"))
        w.commit(d, "open")
        w.push(d)
        w.pull(e, "merge", check=True)
        w.ok(d, "note", tid, "客户来电", now=T("11:00"))
        w.commit(d, "desk")
        w.ok(e, "dispatch", tid, "--arrive", now=T("12:00"))
        w.commit(e, "eng")
        before_d, before_e = w.text(d, tid), w.text(e, tid)
        w.push(e)
        rc, out = w.pull(d, "merge")
        self.assertEqual(rc, 0, out)
        text = w.text(d, tid)
        self.assertKeepsAll(text, before_d, before_e)
        self.assertEqual([x["action"] for x in events_of(text)],
                         ["open", "classify", "dispatch", "note", "arrive"])
        self.assertCheckClean(w, d)

    def test_both_close_differently_the_later_stands_as_amendment(self):
        texts = {}
        for puller in ("desk", "eng"):
            with self.subTest(puller=puller):
                w = self.world(puller)
                w.start()
                tid = w.ticket()
                d, e = w.desk, w.eng
                w.ok(e, "dispatch", tid, "--arrive", "--at", T("11:00"), now=T("11:00"))
                w.ok(e, "dispatch", tid, "--finish", "--work", "检查", "--hours", "1",
                     "--at", T("12:00"), now=T("12:00"))
                w.commit(e, "visit")
                w.push(e)
                w.pull(d, "merge", check=True)
                # Both close offline, with different results.
                w.ok(d, "close", tid, "--result", "completed", "--resolution", "已修复",
                     "--at", T("15:00"), now=T("15:00"))
                w.commit(d, "desk closes")
                w.ok(e, "close", tid, "--result", "incomplete", "--resolution", "需返厂",
                     "--at", T("16:00"), now=T("16:00"))
                w.commit(e, "engineer closes")
                desk_text, eng_text = w.text(d, tid), w.text(e, tid)
                pc, other = (d, e) if puller == "desk" else (e, d)
                w.push(other)
                rc, out, err = w.git(pc, "pull", "--no-rebase", "origin", "main", check=False)
                self.assertEqual(rc, 0, out + err)
                # The driver's report reaches the user on stderr.
                reports = [l for l in err.splitlines() if l.startswith("svc merge-driver:")]
                self.assertEqual(len(reports), 1, err)
                self.assertIn("both sides recorded 'close'", reports[0])
                self.assertIn(tid, reports[0])
                self.assertIn(T("16:00"), reports[0])
                text = w.text(pc, tid)
                self.assertKeepsAll(text, desk_text, eng_text)
                closes = [x for x in events_of(text) if x["action"] == "close"]
                self.assertEqual([(c["result"], c.get("amend", False)) for c in closes],
                                 [("completed", False), ("incomplete", True)])
                self.assertCheckClean(w, pc)
                texts[puller] = text
        self.assertEqual(texts["desk"], texts["eng"])

    def test_both_close_then_rebase(self):
        w = self.world()
        w.start()
        tid = w.ticket()
        d, e = w.desk, w.eng
        w.ok(d, "close", tid, "--result", "incomplete", "--resolution", "客户取消",
             "--at", T("12:00"), now=T("12:00"))
        w.commit(d, "desk closes")
        w.ok(e, "close", tid, "--result", "completed", "--remote", "--at", T("13:00"), now=T("13:00"))
        w.commit(e, "engineer closes")
        desk_text, eng_text = w.text(d, tid), w.text(e, tid)
        w.push(d)
        rc, out = w.pull(e, "rebase")
        self.assertEqual(rc, 0, out)
        text = w.text(e, tid)
        self.assertKeepsAll(text, desk_text, eng_text)
        closes = [x for x in events_of(text) if x["action"] == "close"]
        self.assertEqual([c.get("amend", False) for c in closes], [False, True])
        self.assertCheckClean(w, e)

    def test_history_that_cannot_replay_is_a_conflict_keeping_every_event(self):
        # Clone A closes at 12:00, clone B arrives on site at 13:00: only one
        # side arrived, so this is no step recorded twice but a history that
        # does not replay.
        w = self.world()
        w.start()
        tid = w.ticket()
        d, e = w.desk, w.eng
        w.ok(d, "close", tid, "--result", "completed", "--remote", "--at", T("12:00"), now=T("12:00"))
        w.commit(d, "desk closes")
        w.ok(e, "dispatch", tid, "--arrive", "--at", T("13:00"), now=T("13:00"))
        w.commit(e, "engineer arrives")
        desk_text, eng_text = w.text(d, tid), w.text(e, tid)
        w.push(e)
        rc, out = w.pull(d, "merge")
        self.assertNotEqual(rc, 0, out)
        self.assertIn("CONFLICT", out)
        self.assertIn("does not replay", out)
        self.assertNotIn("both sides recorded", out)
        text = w.text(d, tid)
        self.assertKeepsAll(text, desk_text, eng_text)
        self.assertNotIn("amend", text)
        rc, out, err = w.git(d, "status", "--porcelain")
        self.assertIn("UU " + ticket_rel_path(tid), out)
        rc, out, err = w.check(d)
        self.assertEqual(rc, 1, out + err)

    def test_history_that_cannot_replay_finish_after_completed_close(self):
        # The desk closes 'completed' at 12:00 while (unknown to it) the
        # engineer was on site from 11:00 to 13:00: the close is refused by
        # the replay. git shows the conflict and the file holds everything.
        w = self.world()
        w.start()
        tid = w.ticket()
        d, e = w.desk, w.eng
        w.ok(d, "close", tid, "--result", "completed", "--at", T("12:00"), now=T("12:00"))
        w.commit(d, "desk closes")
        w.ok(e, "dispatch", tid, "--arrive", "--at", T("11:00"), now=T("14:00"))
        w.ok(e, "dispatch", tid, "--finish", "--at", T("13:00"), now=T("14:00"))
        w.commit(e, "engineer")
        desk_text, eng_text = w.text(d, tid), w.text(e, tid)
        w.push(e)
        rc, out = w.pull(d, "merge")
        self.assertNotEqual(rc, 0, out)
        self.assertIn("CONFLICT", out)
        self.assertIn("does not replay", out)
        text = w.text(d, tid)
        self.assertNotIn("<<<<<<<", text)
        self.assertKeepsAll(text, desk_text, eng_text)
        rc, out, err = w.check(d)
        self.assertEqual(rc, 1, out + err)
        self.assertIn(ticket_rel_path(tid), out)


# --- numbers from two clones ------------------------------------------------


class DuplicateNumberTest(GitCase):

    def test_duplicate_number_set_aside_and_renumbered(self):
        results = {}
        for puller in ("desk", "eng"):
            with self.subTest(puller=puller):
                w = self.world(puller)
                d, e = w.start()
                w.pull(e, "merge", check=True)
                # The desk numbers a call received at 09:00 (older) ...
                a = w.ok(d, "open", "--via", "YX", "--customer", "甲公司", "--received-at", T("09:00"),
                         "--at", T("09:10"), now=T("09:10"))
                w.commit(d, "desk opens")
                # ... the engineer's laptop, offline, one received at 10:00,
                # and files an outbound record for it.
                b = w.ok(e, "open", "--via", "YX", "--customer", "乙公司", "--received-at", T("10:00"),
                         "--at", T("10:05"), now=T("10:05"))
                w.ok(e, "classify", b, "--kind", "support", "--category", "hardware", "--level", "2",
                     "--service", "onsite-repair", "--at", T("10:10"), now=T("10:10"))
                rec = w.ok(e, "dispatch", b, "--tech", "张伟", "--at", T("10:20"), now=T("10:20"))
                w.commit(e, "engineer opens")
                self.assertEqual((a, b, rec), ("YX-26-11-01", "YX-26-11-01", "SC-26-11-01"))
                older, newer = w.text(d, a), w.text(e, b)
                pc, other = (d, e) if puller == "desk" else (e, d)
                w.push(other)
                rc, out = w.pull(pc, "merge")
                self.assertNotEqual(rc, 0, out)
                self.assertIn("CONFLICT", out)
                rel = ticket_rel_path(a)
                dup = "tickets/2026/11/YX-26-11-01.dup.toml"
                self.assertEqual(read_text(os.path.join(pc, rel)), older)
                self.assertEqual(read_text(os.path.join(pc, dup)), newer)
                self.assertIn("svc renumber YX-26-11-01", out)
                # svc check names both files.
                rc, cout, cerr = w.check(pc)
                self.assertEqual(rc, 1, cout + cerr)
                dup_lines = [l for l in cout.splitlines() if "duplicate" in l]
                self.assertTrue(any(rel in l and dup in l for l in dup_lines), cout)
                # renumber: the newer receipt gets the next free number.
                rc, rout, rerr = w.svc(pc, "renumber", a, now=T("20:00"))
                self.assertEqual(rc, 0, rerr)
                self.assertEqual(rout, "YX-26-11-02\n")
                self.assertFalse(os.path.exists(os.path.join(pc, dup)))
                self.assertEqual(read_text(os.path.join(pc, rel)), older)
                moved = tomllib.loads(w.text(pc, "YX-26-11-02"))
                self.assertEqual(moved["id"], "YX-26-11-02")
                self.assertEqual(moved["customer"]["name"], "乙公司")
                last = moved["event"][-1]
                self.assertEqual((last["action"], last["from"]), ("renumber", "YX-26-11-01"))
                # Every earlier event of the newer receipt is kept.
                self.assertEqual([key(x) for x in moved["event"][:-1]],
                                 [key(x) for x in events_of(newer)])
                # Its outbound record's registry entry follows it.
                reg = tomllib.loads(read_text(os.path.join(pc, "outbound/2026/11/SC-26-11-01.toml")))
                self.assertEqual(reg, {"record": "SC-26-11-01", "ticket": "YX-26-11-02"})
                self.assertIn("SC-26-11-01", rerr)
                self.assertCheckClean(w, pc)
                # Conclude the merge; the other clone gets the same records.
                w.commit(pc, "merge; renumbered")
                w.push(pc)
                w.pull(other, "merge", check=True)
                self.assertCheckClean(w, other)
                results[puller] = (w.text(pc, "YX-26-11-01"), w.text(pc, "YX-26-11-02"))
        self.assertEqual(results["desk"][0], results["eng"][0])

    def diverge_on_one_number(self, w):
        d, e = w.start()
        w.ok(d, "open", "--via", "YX", "--customer", "甲公司", "--received-at", T("09:00"),
             "--at", T("09:10"), now=T("09:10"))
        w.commit(d, "desk opens")
        w.ok(e, "open", "--via", "YX", "--customer", "乙公司", "--received-at", T("10:00"),
             "--at", T("10:10"), now=T("10:10"))
        w.commit(e, "engineer opens")
        w.push(e)
        rc, out = w.pull(d, "merge")
        self.assertNotEqual(rc, 0, out)
        return d, e

    def test_renumber_commit_after_the_merge_was_committed(self):
        # Somebody concluded the merge with the set-aside file in it; then
        # `svc renumber --commit` commits the new file and the removal.
        w = self.world()
        d, _ = self.diverge_on_one_number(w)
        w.commit(d, "merge, duplicate set aside")
        rc, out, err = w.svc(d, "--commit", "renumber", "YX-26-11-01", now=T("20:00"))
        self.assertEqual((rc, out), (0, "YX-26-11-02\n"), err)
        _, log, _ = w.git(d, "log", "-1", "--format=%an%n%s")
        self.assertEqual(log.splitlines(), ["王芳", "YX-26-11-02: renumbered from YX-26-11-01"])
        _, files, _ = w.git(d, "show", "--name-status", "--no-renames", "--format=", "HEAD")
        self.assertEqual(sorted(files.splitlines()),
                         ["A\ttickets/2026/11/YX-26-11-02.toml",
                          "D\ttickets/2026/11/YX-26-11-01.dup.toml"])
        _, status, _ = w.git(d, "status", "--porcelain")
        self.assertEqual(status, "")
        self.assertCheckClean(w, d)

    # Right after the conflicting pull, `svc --commit renumber` stages its
    # files for the merge commit (git allows no partial commit during a merge).
    def test_renumber_commit_during_the_merge(self):
        w = self.world()
        d, _ = self.diverge_on_one_number(w)
        rc, out, err = w.svc(d, "--commit", "renumber", "YX-26-11-01", now=T("20:00"))
        self.assertEqual((rc, out), (0, "YX-26-11-02\n"), err)
        _, tracked, _ = w.git(d, "ls-files", "--", "tickets/2026/11/YX-26-11-02.toml")
        self.assertEqual(tracked.strip(), "tickets/2026/11/YX-26-11-02.toml")

    def two_tickets_pulled(self, w, back=False):
        """Two tickets classified (and, with back, dispatched, done and back at
        HQ with a returned part) at the desk, pushed and pulled by the
        engineer. Returns (desk, eng, a, b)."""
        d, e = w.start()
        a = w.ok(d, "open", "--via", "YX", "--customer", "甲", "--received-at", T("09:00"),
                 "--at", T("09:05"), now=T("09:05"))
        b = w.ok(d, "open", "--via", "YX", "--customer", "乙", "--received-at", T("09:10"),
                 "--at", T("09:15"), now=T("09:15"))
        for tid in (a, b):
            w.ok(d, "classify", tid, "--kind", "support", "--category", "hardware", "--level", "3",
                 "--at", T("09:20"), now=T("09:20"))
            if back:
                w.ok(d, "dispatch", tid, "--tech", "张伟", "--at", T("09:30"), now=T("09:30"))
                w.ok(d, "dispatch", tid, "--arrive", "--at", T("10:00"), now=T("10:00"))
                w.ok(d, "dispatch", tid, "--finish", "--at", T("10:30"), now=T("10:30"))
                w.ok(d, "dispatch", tid, "--back", "--part", "继电器:1:returned", "--at", T("11:00"),
                     now=T("11:00"))
        w.commit(d, "two tickets")
        w.push(d)
        w.pull(e, "merge", check=True)
        return d, e, a, b

    def registry(self, clone, number):
        return tomllib.loads(read_text(os.path.join(clone, "outbound/2026/11/{}.toml".format(number))))

    def test_outbound_numbers_from_two_clones_set_aside_and_renumbered(self):
        # Both clones file an outbound record offline for different tickets:
        # both get SC-26-11-01. The merge keeps one registry entry and sets
        # the other aside; svc renumber gives the record filed later the next
        # free number, whichever clone pulled.
        results = {}
        for puller in ("desk", "eng"):
            with self.subTest(puller=puller):
                w = self.world(puller)
                d, e, a, b = self.two_tickets_pulled(w)
                self.assertEqual(w.ok(d, "dispatch", a, "--tech", "甲", "--at", T("10:00"),
                                      now=T("10:00")), "SC-26-11-01")
                w.commit(d, "desk dispatch")
                self.assertEqual(w.ok(e, "dispatch", b, "--tech", "乙", "--at", T("10:30"),
                                      now=T("10:30")), "SC-26-11-01")
                w.commit(e, "engineer dispatch")
                pc, other = (d, e) if puller == "desk" else (e, d)
                w.push(other)
                rc, out = w.pull(pc, "merge")
                self.assertNotEqual(rc, 0, out)
                self.assertIn("SC-26-11-01 was taken in two clones for two tickets", out)
                self.assertIn("svc renumber SC-26-11-01", out)
                self.assertNotIn("<<<<<<<", read_text(
                    os.path.join(pc, "outbound/2026/11/SC-26-11-01.toml")))
                self.assertTrue(os.path.exists(
                    os.path.join(pc, "outbound/2026/11/SC-26-11-01.dup.toml")))
                rc, cout, cerr = w.check(pc)
                self.assertEqual(rc, 1, cout + cerr)
                self.assertIn("outbound/2026/11/SC-26-11-01.dup.toml", cout)
                self.assertIn("'svc renumber SC-26-11-01' gives the ticket that took it later the "
                              "next free number", cout)
                rc, rout, rerr = w.svc(pc, "renumber", "SC-26-11-01", now=T("17:00"))
                self.assertEqual((rc, rout), (0, "SC-26-11-02\n"), rerr)
                self.assertIn("outbound record SC-26-11-01 stays with {}, which took it first; {} "
                              "now files it as SC-26-11-02".format(a, b), rerr)
                self.assertEqual(sorted(os.listdir(os.path.join(pc, "outbound/2026/11"))),
                                 ["SC-26-11-01.toml", "SC-26-11-02.toml"])
                self.assertEqual(self.registry(pc, "SC-26-11-01"),
                                 {"record": "SC-26-11-01", "ticket": a})
                self.assertEqual(self.registry(pc, "SC-26-11-02"),
                                 {"record": "SC-26-11-02", "ticket": b})
                last = events_of(w.text(pc, b))[-1]
                self.assertEqual((last["action"], last["from"], last["record"]),
                                 ("renumber", "SC-26-11-01", "SC-26-11-02"))
                shown = json.loads(w.ok(pc, "show", b, "--json"))
                self.assertEqual([x["number"] for x in shown["dispatches"]], ["SC-26-11-02"])
                # Its later steps name the new number.
                w.ok(pc, "dispatch", b, "--arrive", "--at", T("17:10"), now=T("17:10"))
                self.assertEqual(events_of(w.text(pc, b))[-1]["record"], "SC-26-11-02")
                self.assertCheckClean(w, pc)
                w.commit(pc, "merge; renumbered")
                rc, aout, aerr = w.svc(pc, "audit")
                self.assertEqual(rc, 0, aout + aerr)
                w.push(pc)
                w.pull(other, "merge", check=True)
                self.assertCheckClean(w, other)
                results[puller] = (w.text(pc, a), self.registry(pc, "SC-26-11-01"))
        self.assertEqual(results["desk"], results["eng"])

    def test_receipts_from_two_clones_set_aside_and_renumbered(self):
        # Two clones book different tickets into store offline: both receipts
        # are RK-26-11-01. The booking made later gets RK-26-11-02.
        w = self.world()
        d, e, a, b = self.two_tickets_pulled(w, back=True)
        self.assertEqual(w.ok(e, "warehouse", a, "--at", T("13:00"), now=T("13:00")), "RK-26-11-01")
        w.commit(e, "engineer books a")
        w.push(e)
        self.assertEqual(w.ok(d, "warehouse", b, "--at", T("14:00"), now=T("14:00")), "RK-26-11-01")
        w.commit(d, "desk books b")
        rc, out = w.pull(d, "merge")
        self.assertNotEqual(rc, 0, out)
        self.assertIn("RK-26-11-01 was taken in two clones for two tickets", out)
        rc, rout, rerr = w.svc(d, "renumber", "RK-26-11-01", now=T("17:00"))
        self.assertEqual((rc, rout), (0, "RK-26-11-02\n"), rerr)
        self.assertIn("warehousing receipt RK-26-11-01 stays with {}, which took it first; {} now "
                      "files it as RK-26-11-02".format(a, b), rerr)
        self.assertEqual(self.registry(d, "RK-26-11-01"), {"record": "RK-26-11-01", "ticket": a})
        self.assertEqual(self.registry(d, "RK-26-11-02"), {"record": "RK-26-11-02", "ticket": b})
        shown = json.loads(w.ok(d, "show", b, "--json"))
        self.assertEqual([x["receipt"] for x in shown["dispatches"]], ["RK-26-11-02"])
        self.assertIn("RK-26-11-02", w.ok(d, "print", b, "--form", "warehouse"))
        self.assertCheckClean(w, d)
        w.commit(d, "merge; renumbered")
        rc, aout, aerr = w.svc(d, "audit")
        self.assertEqual(rc, 0, aout + aerr)
        # Nothing left to renumber: exit 1, one line, nothing written.
        before = snapshot(d)
        rc, rout, rerr = w.svc(d, "renumber", "RK-26-11-01")
        self.assertEqual((rc, rout), (1, ""))
        self.assertEqual(rerr, "svc: RK-26-11-01 is held by one registry entry: nothing to "
                               "renumber ('svc check' lists duplicate numbers)\n")
        self.assertEqual(snapshot(d), before)

    def test_one_record_booked_in_two_clones_keeps_both_receipts(self):
        # The engineer books ticket b (RK-26-11-01) then a (RK-26-11-02)
        # offline; the desk books a too (RK-26-11-01). The merge marks the
        # engineer's later booking of a amended: the first booking's receipt
        # stands, the other's number stays taken by a (no entry orphaned);
        # RK-26-11-01, taken for two tickets, is renumbered as above.
        w = self.world()
        d, e, a, b = self.two_tickets_pulled(w, back=True)
        self.assertEqual(w.ok(e, "warehouse", b, "--at", T("12:00"), now=T("12:00")), "RK-26-11-01")
        self.assertEqual(w.ok(e, "warehouse", a, "--at", T("15:00"), now=T("15:00")), "RK-26-11-02")
        w.commit(e, "engineer books b and a")
        w.push(e)
        self.assertEqual(w.ok(d, "warehouse", a, "--at", T("14:00"), now=T("14:00")), "RK-26-11-01")
        w.commit(d, "desk books a")
        rc, out = w.pull(d, "merge")
        self.assertNotEqual(rc, 0, out)
        self.assertIn("both sides recorded 'warehouse' of SC-26-11-01", out)
        rc, rout, rerr = w.svc(d, "renumber", "RK-26-11-01", now=T("17:00"))
        self.assertEqual((rc, rout), (0, "RK-26-11-03\n"), rerr)
        self.assertEqual(self.registry(d, "RK-26-11-01"), {"record": "RK-26-11-01", "ticket": b})
        self.assertEqual(self.registry(d, "RK-26-11-02"), {"record": "RK-26-11-02", "ticket": a})
        self.assertEqual(self.registry(d, "RK-26-11-03"), {"record": "RK-26-11-03", "ticket": a})
        shown = json.loads(w.ok(d, "show", a, "--json"))
        self.assertEqual([x["receipt"] for x in shown["dispatches"]], ["RK-26-11-03"])
        self.assertCheckClean(w, d)
        w.commit(d, "merge; renumbered")
        rc, aout, aerr = w.svc(d, "audit")
        self.assertEqual(rc, 0, aout + aerr)

    def test_renumber_of_a_registry_number_nobody_took(self):
        # A number no ticket filed: nothing to renumber, nothing written.
        w = self.world()
        d, _ = w.start()
        before = snapshot(d)
        for number in ("SC-26-11-09", "RK-26-11-01"):
            with self.subTest(number=number):
                rc, out, err = w.svc(d, "renumber", number)
                self.assertEqual((rc, out), (1, ""), err)
                self.assertEqual(err.count("\n"), 1, err)
                self.assertIn(number, err)
                self.assertEqual(snapshot(d), before)

    def test_a_registry_entry_changed_on_both_sides(self):
        # Both clones rewrite one entry differently (by hand, to tickets that
        # do not exist): the driver keeps ours and sets theirs aside as for two
        # tickets; svc check names all three problems; svc renumber refuses
        # (one line, nothing written) since neither ticket filed it.
        w = self.world()
        d, e, a, b = self.two_tickets_pulled(w)
        w.ok(d, "dispatch", a, "--tech", "甲", "--at", T("10:00"), now=T("10:00"))
        w.commit(d, "dispatch a")
        w.push(d)
        w.pull(e, "merge", check=True)
        rel = "outbound/2026/11/SC-26-11-01.toml"
        for clone, ticket in ((d, "YX-26-11-98"), (e, "YX-26-11-99")):
            text = read_text(os.path.join(clone, rel))
            write_text(os.path.join(clone, rel), text.replace(a, ticket))
            w.commit(clone, "hand edit")
        w.push(d)
        rc, out = w.pull(e, "merge")
        self.assertNotEqual(rc, 0, out)
        self.assertIn("SC-26-11-01 was taken in two clones for two tickets, YX-26-11-99 and "
                      "YX-26-11-98", out)
        self.assertNotIn("<<<<<<<", read_text(os.path.join(e, rel)))
        self.assertEqual(sorted(os.listdir(os.path.join(e, "outbound/2026/11"))),
                         ["SC-26-11-01.dup.toml", "SC-26-11-01.toml"])
        rc, cout, cerr = w.check(e)
        self.assertEqual(rc, 1, cout + cerr)
        self.assertIn("SC-26-11-01 is registered to YX-26-11-99, but that ticket did not file it",
                      cout)
        self.assertIn("a merge set this entry (YX-26-11-98) aside", cout)
        self.assertIn("outbound record SC-26-11-01 has no registry entry", cout)
        before = snapshot(e)
        rc, rout, rerr = w.svc(e, "renumber", "SC-26-11-01")
        self.assertEqual((rc, rout), (1, ""))
        self.assertEqual(rerr.count("\n"), 1, rerr)
        self.assertIn("names ticket YX-26-11-98: no ticket YX-26-11-98", rerr)
        self.assertEqual(snapshot(e), before)

    def test_two_writeoffs_of_one_month_in_two_clones(self):
        # Finance writes November off in two clones: the second push's merge
        # stops on the write-off (one a month, no sequence to move it to);
        # svc check names it until one is kept.
        w = self.world()
        d, e, a, b = self.two_tickets_pulled(w, back=True)
        dec = "2026-12-01T09:00:00+08:00"
        rc, out, err = w.svc(d, "writeoff", "--month", "2026-11", now=dec)
        self.assertEqual(rc, 0, err)
        w.commit(d, "desk writes November off")
        w.push(d)
        rc, out, err = w.svc(e, "writeoff", "--month", "2026-11",
                             now="2026-12-01T10:00:00+08:00")
        self.assertEqual(rc, 0, err)
        w.commit(e, "engineer's clone writes November off")
        rc, out = w.pull(e, "merge")
        self.assertNotEqual(rc, 0, out)
        self.assertIn("writeoffs/2026/11/HX-26-11-01.toml", out)
        rc, cout, cerr = w.check(e)
        self.assertNotEqual(rc, 0, cout + cerr)
        self.assertIn("HX-26-11-01", cout + cerr)
        # Keeping the first write-off settles it.
        w.git(e, "checkout", "--theirs", "writeoffs/2026/11/HX-26-11-01.toml")
        self.assertCheckClean(w, e)

    def test_renumber_without_a_duplicate_fails(self):
        w = self.world()
        d, _ = w.start()
        tid = w.ok(d, "open", "--via", "YX", "--customer", "甲公司", now=T("09:00"))
        before = snapshot(d)
        rc, out, err = w.svc(d, "renumber", tid)
        self.assertEqual(rc, 1)
        self.assertEqual(out, "")
        self.assertIn(tid, err)
        self.assertEqual(snapshot(d), before)


# --- svc log ------------------------------------------------------------------


class LogTest(GitCase):

    def setUp(self):
        super().setUp()
        self.w = self.world()
        self.d, _ = self.w.start()

    # svc log exits 1 when the audit's rules find anything in the ticket's history.
    def log(self, tid):
        rc, out, err = self.w.svc(self.d, "log", tid)
        self.assertEqual(rc, 1 if self.warnings(out) else 0, err)
        self.assertEqual(err, "")
        return out

    def warnings(self, out):
        return [l for l in out.splitlines() if l.startswith("finding:")]

    def test_history_edited_by_hand_is_warned_naming_the_commit(self):
        for how in ("removed", "time changed"):
            with self.subTest(how=how):
                w, d = self.w, self.d
                tid = w.ok(d, "open", "--via", "YX", "--customer", how, "--at", T("09:00"),
                           "--received-at", T("09:00"), now=T("09:00"))
                c1 = w.commit(d, "open", date=T("09:01"))
                w.ok(d, "note", tid, "答应客户明天上门", "--at", T("10:00"), now=T("10:00"))
                c2 = w.commit(d, "note", date=T("10:01"))
                out = self.log(tid)
                self.assertEqual(self.warnings(out), [], out)
                self.assertIn(c1[:8], out)
                self.assertIn(c2[:8], out)
                # Somebody edits the history by hand and commits it.
                path = os.path.join(d, ticket_rel_path(tid))
                text = read_text(path)
                if how == "removed":
                    edited = text[:text.rindex("\n[[event]]")] + "\n"
                else:
                    edited = text.replace("at = " + T("10:00"), "at = " + T("09:30"))
                self.assertNotEqual(edited, text)
                write_text(path, edited)
                c3 = w.commit(d, "tidy", date=T("11:00"))
                out = self.log(tid)
                warns = self.warnings(out)
                self.assertTrue(warns, out)
                self.assertTrue(any(c3[:8] in l and "note" in l for l in warns), out)
                self.assertFalse(any(c1[:8] in l or c2[:8] in l for l in warns), out)

    def test_event_committed_long_after_it_happened_is_warned(self):
        w, d = self.w, self.d
        tid = w.ok(d, "open", "--via", "YX", "--customer", "甲", "--received-at", T("08:00", day=20),
                   "--at", T("08:30", day=20), now=T("08:30", day=20))
        w.commit(d, "open", date=T("08:31", day=20))
        # Within 72 h of its time: fine.
        w.ok(d, "note", tid, "电话回访", "--at", T("09:00", day=22), now=T("09:00", day=23))
        w.commit(d, "note", date=T("09:00", day=23))
        # Four days later: warned, naming the commit.
        w.ok(d, "note", tid, "补记：上周已寄出备件", "--at", T("10:00", day=21), now=T("10:00", day=25))
        late = w.commit(d, "late note", date=T("10:00", day=25))
        out = self.log(tid)
        warns = self.warnings(out)
        self.assertEqual(len(warns), 1, out)
        self.assertIn(late[:8], warns[0])
        self.assertIn("note", warns[0])
        self.assertIn("2026-11-21", warns[0])

    def test_log_lists_who_committed_each_event(self):
        w, d = self.w, self.d
        tid = w.ok(d, "open", "--via", "YX", "--customer", "甲", "--at", T("09:00"),
                   "--received-at", T("09:00"), now=T("09:00"))
        c1 = w.commit(d, "open", date=T("09:01"))
        w.ok(d, "note", tid, "未提交", "--at", T("10:00"), now=T("10:00"))
        out = self.log(tid)
        lines = out.splitlines()
        self.assertTrue(any(c1[:8] in l and "王芳" in l for l in lines), out)
        self.assertTrue(any("not committed" in l and "note" in l for l in lines), out)

    # After an ordinary merge, each commit is compared with its own parents:
    # nothing was removed, and every event is listed once.
    def test_log_after_a_clean_merge_warns_nothing(self):
        w, d = self.w, self.d
        e = w.eng
        tid = w.ok(d, "open", "--via", "YX", "--customer", "甲", "--at", T("09:00"),
                   "--received-at", T("09:00"), now=T("09:00"))
        w.commit(d, "open", date=T("09:01"))
        w.push(d)
        w.pull(e, "merge", check=True)
        w.ok(d, "note", tid, "客户来电", "--at", T("11:00"), now=T("11:00"))
        w.commit(d, "desk note", date=T("11:01"))
        w.ok(e, "note", tid, "已出发", "--at", T("12:00"), now=T("12:00"))
        w.commit(e, "engineer note", date=T("12:01"))
        w.push(e)
        w.git(d, "pull", "--no-rebase", "origin", "main", date=T("13:00"))
        out = self.log(tid)
        self.assertEqual(self.warnings(out), [], out)
        rows = [l for l in out.splitlines()[1:] if l and not l.startswith("finding:")]
        self.assertEqual(len(rows), 3, out)

    def test_log_outside_git_fails(self):
        plain = os.path.join(self.tmp, "plain")
        rc, out, err = run("init", plain, env=self.w.env)
        self.assertEqual(rc, 0, err)
        tid = self.w.ok(plain, "open", "--via", "YX", "--customer", "甲", actor="王芳")
        rc, out, err = self.w.svc(plain, "log", tid, actor="王芳")
        self.assertEqual(rc, 1, out + err)
        self.assertTrue(err.startswith("svc"), err)


# --- --commit and commit = true --------------------------------------------


class CommitTest(GitCase):

    def setUp(self):
        super().setUp()
        self.w = self.world()
        self.d, _ = self.w.start()

    def last(self):
        _, out, _ = self.w.git(self.d, "log", "-1", "--format=%an%n%s")
        return out.splitlines()

    def files(self, ref="HEAD"):
        _, out, _ = self.w.git(self.d, "show", "--name-only", "--format=", ref)
        return sorted(l for l in out.splitlines() if l)

    def test_commit_commits_exactly_what_the_command_wrote(self):
        w, d = self.w, self.d
        # Unrelated work in progress: one file staged, one untracked.
        write_text(os.path.join(d, "staged.txt"), "draft\n")
        w.git(d, "add", "staged.txt")
        write_text(os.path.join(d, "scratch.txt"), "scratch\n")
        tid = w.ok(d, "--commit", "open", "--via", "YX", "--customer", "华东电网", actor="李娜",
                   now=T("09:00"))
        self.assertEqual(tid, "YX-26-11-01")
        self.assertEqual(self.last(), ["李娜", "YX-26-11-01: open (华东电网)"])
        self.assertEqual(self.files(), [ticket_rel_path(tid)])
        _, stat, _ = w.git(d, "show", "--stat", "HEAD")
        self.assertIn(ticket_rel_path(tid), stat)
        w.ok(d, "classify", tid, "--kind", "support", "--category", "hardware", "--level", "3",
             "--commit", now=T("09:10"))
        self.assertEqual(self.last()[0], "王芳")
        self.assertTrue(self.last()[1].startswith("YX-26-11-01: "), self.last())
        rec = w.ok(d, "dispatch", tid, "--tech", "张伟", "--commit", actor="张伟", now=T("09:20"))
        self.assertEqual(self.last()[0], "张伟")
        self.assertRegex(self.last()[1], r"^YX-26-11-01: .*" + rec)
        self.assertEqual(self.files(), sorted([ticket_rel_path(tid),
                                               "outbound/2026/11/{}.toml".format(rec)]))
        w.ok(d, "--commit", "close", tid, "--result", "completed", now=T("09:30"))
        self.assertEqual(self.last(), ["王芳", "YX-26-11-01: closed (completed)"])
        self.assertEqual(self.files(), [ticket_rel_path(tid)])
        # The work in progress is untouched.
        _, status, _ = w.git(d, "status", "--porcelain")
        self.assertEqual(sorted(status.splitlines()), ["?? scratch.txt", "A  staged.txt"])

    def test_commit_true_in_svc_toml(self):
        w, d = self.w, self.d
        tid = w.ok(d, "open", "--via", "YX", "--customer", "甲", now=T("09:00"))
        path = os.path.join(d, "svc.toml")
        text = read_text(path)
        self.assertIn("commit = false", text)
        write_text(path, text.replace("commit = false", "commit = true", 1))
        w.commit(d, "commit every change")
        base = w.head(d)
        w.ok(d, "note", tid, "客户来电", actor="李娜", now=T("09:30"))
        self.assertNotEqual(w.head(d), base)
        self.assertEqual(self.last(), ["李娜", "YX-26-11-01: note added"])
        self.assertEqual(self.files(), [ticket_rel_path(tid)])
        _, status, _ = w.git(d, "status", "--porcelain")
        self.assertEqual(status, "")
        # A failed command commits nothing.
        head = w.head(d)
        rc, out, err = w.svc(d, "survey", tid, "--satisfaction", "satisfied", now=T("09:40"))
        self.assertEqual(rc, 1)
        self.assertEqual(w.head(d), head)

    def test_commit_outside_git_fails_after_writing(self):
        plain = os.path.join(self.tmp, "plain")
        rc, out, err = run("init", plain, env=self.w.env)
        self.assertEqual(rc, 0, err)
        rc, out, err = self.w.svc(plain, "--commit", "open", "--via", "YX", "--customer", "甲",
                                  actor="王芳", now=T("09:00"))
        self.assertEqual(rc, 1, err)
        self.assertIn("not committed", err)
        self.assertIn("not in a git repository", err)
        self.assertTrue(os.path.exists(os.path.join(plain, ticket_rel_path("YX-26-11-01"))))


# --- svc sync ---------------------------------------------------------------


class SyncTest(GitCase):

    def setUp(self):
        super().setUp()
        self.w = self.world()
        self.d, self.e = self.w.start()
        self.tid = self.w.ticket()

    def origin_head(self):
        return self.w.head(self.w.origin, "main")

    def test_sync_pulls_checks_and_pushes(self):
        w, d, e, tid = self.w, self.d, self.e, self.tid
        w.ok(d, "--commit", "note", tid, "客户来电", "--at", T("11:00"), now=T("11:00"))
        w.push(d)
        w.ok(e, "--commit", "dispatch", tid, "--arrive", "--at", T("12:00"), now=T("12:00"))
        rc, out, err = w.svc(e, "sync", records=False)
        self.assertEqual(rc, 0, out + err)
        self.assertEqual(self.origin_head(), w.head(e))
        _, text, _ = w.git(w.origin, "show", "main:" + ticket_rel_path(tid))
        self.assertEqual([x["action"] for x in events_of(text)][-2:], ["note", "arrive"])
        # Linear history: sync rebases.
        _, parents, _ = w.git(e, "log", "-1", "--format=%P")
        self.assertEqual(len(parents.split()), 1)
        w.pull(d, "merge", check=True)
        self.assertEqual(w.text(d, tid), text)

    def test_sync_refuses_uncommitted_changes(self):
        w, e, tid = self.w, self.e, self.tid
        w.ok(e, "--commit", "note", tid, "已提交", now=T("11:00"))
        w.ok(e, "note", tid, "未提交", now=T("11:30"))
        head = self.origin_head()
        rc, out, err = w.svc(e, "sync", records=False)
        self.assertEqual(rc, 1, out + err)
        self.assertIn("uncommitted", err)
        self.assertEqual(self.origin_head(), head)

    def test_sync_stops_when_the_pull_conflicts(self):
        w, d, e = self.w, self.d, self.e
        w.ok(d, "--commit", "open", "--via", "YX", "--customer", "甲", "--received-at", T("09:00"),
             "--at", T("09:05"), now=T("09:40"))
        w.push(d)
        pushed = self.origin_head()
        w.ok(e, "--commit", "open", "--via", "YX", "--customer", "乙", "--received-at", T("09:10"),
             "--at", T("09:15"), now=T("09:40"))
        rc, out, err = w.svc(e, "sync", records=False)
        self.assertEqual(rc, 1, out + err)
        self.assertIn("svc check", err)
        self.assertIn("svc sync", err)
        self.assertEqual(self.origin_head(), pushed)

    def test_sync_pushes_nothing_when_the_check_fails(self):
        w, d, e, tid = self.w, self.d, self.e, self.tid
        # Somebody pushed a stray file into tickets/ with plain git.
        write_text(os.path.join(d, "tickets/2026/11/notes.txt"), "todo\n")
        w.commit(d, "stray")
        w.push(d)
        pushed = self.origin_head()
        w.ok(e, "--commit", "dispatch", tid, "--arrive", "--at", T("12:00"), now=T("12:00"))
        mine = w.head(e)
        rc, out, err = w.svc(e, "sync", records=False)
        self.assertEqual(rc, 1, out + err)
        self.assertIn("nothing was pushed", err)
        self.assertIn("notes.txt", out + err)
        self.assertEqual(self.origin_head(), pushed)
        rc, _, _ = w.git(w.origin, "merge-base", "--is-ancestor", mine, "main", check=False)
        self.assertNotEqual(rc, 0, "the engineer's commit reached origin")


# --- registering the driver ---------------------------------------------------


class SetupTest(GitCase):

    DRIVER = re.compile(r"^(\S+) merge-driver %O %A %B %P$")

    def driver(self, w, repo):
        rc, out, _ = w.git(repo, "config", "--local", "--get", "merge.svc.driver", check=False)
        return out.strip() if rc == 0 else None

    def assertRegistered(self, w, repo, records_rel=""):
        drv = self.driver(w, repo)
        self.assertIsNotNone(drv, "merge.svc.driver not set in " + repo)
        m = self.DRIVER.match(drv)
        self.assertTrue(m, drv)
        self.assertTrue(os.path.samefile(m.group(1), SVC), drv)
        path = os.path.join(records_rel, "tickets/2026/11/YX-26-11-01.toml")
        _, out, _ = w.git(repo, "check-attr", "merge", "--", path)
        self.assertEqual(out.strip(), "{}: merge: svc".format(path))

    def test_init_in_a_work_tree_registers_the_driver(self):
        w = self.world()
        repo = os.path.join(w.base, "repo")
        w.git(w.base, "-c", "init.defaultBranch=main", "init", "-q", repo)
        rc, out, err = run("init", repo, env=w.env)
        self.assertEqual(rc, 0, err)
        self.assertRegistered(w, repo)
        # Records in a folder of a larger repository.
        repo2 = os.path.join(w.base, "repo2")
        w.git(w.base, "-c", "init.defaultBranch=main", "init", "-q", repo2)
        rc, out, err = run("init", os.path.join(repo2, "records"), env=w.env)
        self.assertEqual(rc, 0, err)
        self.assertRegistered(w, repo2, "records")

    def test_init_outside_git_registers_nothing(self):
        w = self.world()
        plain = os.path.join(w.base, "plain")
        rc, out, err = run("init", plain, env=w.env)
        self.assertEqual(rc, 0, err)
        self.assertIn("git init", err)
        self.assertFalse(os.path.exists(os.path.join(plain, ".git")))

    def test_git_setup_in_a_fresh_clone(self):
        w = self.world()
        w.git(w.base, "-c", "init.defaultBranch=main", "init", "-q", "--bare", w.origin)
        desk = w.clone("desk", "王芳")
        rc, out, err = run("init", ".", env=w.env, cwd=desk)
        self.assertEqual(rc, 0, err)
        w.commit(desk, "init")
        w.push(desk)
        eng = w.clone("eng", "张伟")
        self.assertIsNone(self.driver(w, eng), "git config is per clone")
        rc, out, err = w.svc(eng, "git-setup")
        self.assertEqual((rc, out), (0, ""), err)
        self.assertRegistered(w, eng)
        # Idempotent, and changes nothing tracked.
        rc, out, err = w.svc(eng, "git-setup")
        self.assertEqual(rc, 0, err)
        _, status, _ = w.git(eng, "status", "--porcelain")
        self.assertEqual(status, "")

    def test_git_setup_outside_a_repository(self):
        w = self.world()
        plain = os.path.join(w.base, "plain")
        rc, out, err = run("init", plain, env=w.env)
        self.assertEqual(rc, 0, err)
        before = snapshot(plain)
        rc, out, err = w.svc(plain, "git-setup", actor="王芳")
        self.assertEqual(rc, 1, err)
        self.assertEqual(out, "")
        self.assertEqual(err.count("\n"), 1, err)
        self.assertTrue(err.startswith("svc"), err)
        self.assertIn("not in a git repository", err)
        self.assertEqual(snapshot(plain), before)


# --- the merge driver called directly -----------------------------------------


class MergeDriverDirectTest(GitCase):

    def setUp(self):
        super().setUp()
        self.w = self.world()
        self.records = os.path.join(self.w.base, "records")
        rc, out, err = run("init", self.records, env=self.w.env)
        self.assertEqual(rc, 0, err)
        self.tid = self.w.ok(self.records, "open", "--via", "YX", "--customer", "甲",
                             "--at", T("09:00"), "--received-at", T("09:00"), actor="王芳",
                             now=T("09:00"))
        self.rel = ticket_rel_path(self.tid)
        self.base_text = read_text(os.path.join(self.records, self.rel))

    def versions(self, base, ours, theirs):
        paths = []
        for name, text in (("O", base), ("A", ours), ("B", theirs)):
            p = os.path.join(self.w.base, name)
            write_text(p, text)
            paths.append(p)
        return paths

    def with_note(self, text, at, actor):
        return self.base_text + '\n[[event]]\nat = {}\nactor = "{}"\naction = "note"\ntext = "{}"\n'.format(
            at, actor, text)

    def test_clean_merge(self):
        ours, theirs = self.with_note("甲方", T("10:00"), "王芳"), self.with_note("乙方", T("11:00"), "张伟")
        o, a, b = self.versions(self.base_text, ours, theirs)
        rc, out, err = self.w.svc(self.records, "merge-driver", o, a, b, self.rel, records=False)
        self.assertEqual(rc, 0, err)
        merged = read_text(a)
        self.assertKeepsAll(merged, ours, theirs)
        self.assertEqual([x["text"] for x in events_of(merged) if x["action"] == "note"],
                         ["甲方", "乙方"])

    def test_unparseable_input_falls_back_to_conflict_markers(self):
        theirs = self.with_note("乙方", T("11:00"), "张伟")
        broken = self.base_text + "\n[[event]\nat = garbage\n"
        for side in ("ours", "theirs", "base"):
            with self.subTest(side=side):
                texts = {"base": self.base_text, "ours": self.with_note("甲方", T("10:00"), "王芳"),
                         "theirs": theirs}
                texts[side] = broken
                o, a, b = self.versions(texts["base"], texts["ours"], texts["theirs"])
                rc, out, err = self.w.svc(self.records, "merge-driver", o, a, b, self.rel,
                                          records=False)
                self.assertEqual(rc, 1, err)
                self.assertIn(self.rel, err)
                self.assertIn("conflict markers", err)
                result = read_text(a)
                self.assertIn("<<<<<<<", result)
                self.assertIn(">>>>>>>", result)
                if side != "ours":
                    self.assertIn("甲方", result)
                if side != "theirs":
                    self.assertIn("乙方", result)


if __name__ == "__main__":
    unittest.main()
