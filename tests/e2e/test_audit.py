"""svc audit and svc log against real git (issue 15: audit through git).

Each test builds the world of test_git.py (a bare origin, the desk's clone and
an engineer's laptop, isolated from the machine's git configuration) and
works in it as people do: svc commands, commits, `git pull` merges, `svc sync`
rebases. Then somebody changes the records other than by appending — in a
plain commit, or inside a merge commit resolved by hand — and the audit must
name that commit (not its ancestors), the file and the rule, and nothing else.

Covered: a clean history (every kind of honest change, merges and rebases,
two surveys, one number given by two clones and renumbered) exits 0; every
tampering kind in a plain commit and inside a merge; --since; the failures
(bad --since, outside git, no commit yet); svc log ID's commits and findings;
records in a folder of a larger repository.
"""

import json
import os
import re
import shutil
import unittest

from svctest import read_text, run, snapshot, ticket_rel_path, write_text
from test_git import GitCase, T, World

# `<commit12> <time> <author>: <file>: <rule>: <message>`
LINE = re.compile(r"^(?P<commit>[0-9a-f]{12}) (?P<time>\d{4}-\d\d-\d\d \d\d:\d\d) "
                  r"(?P<author>[^<>]+ <[^<>]*>): (?P<file>[^:]+): (?P<rule>[a-z-]+): "
                  r"(?P<message>.+)$")
SUMMARY = re.compile(r"^svc: audited (\d+) commits?( after \S+)?: (no findings|\d+ findings?)\n$")

TID = "YX-26-11-01"
REL = ticket_rel_path(TID)
REC = "SC-26-11-01"
REG = "outbound/2026/11/{}.toml".format(REC)


def edit(path, old, new):
    """Replaces one exact fragment of a file (which must hold it once)."""
    text = read_text(path)
    assert text.count(old) == 1, (old, text)
    write_text(path, text.replace(old, new))


def drop_last_event(path, action):
    """Removes the last [[event]] table whose action is `action`."""
    text = read_text(path)
    blocks = text.split("\n[[event]]\n")
    for i in range(len(blocks) - 1, 0, -1):
        if 'action = "{}"'.format(action) in blocks[i]:
            del blocks[i]
            write_text(path, "\n[[event]]\n".join(blocks))
            return
    raise AssertionError("no {} event in {}".format(action, path))


class AuditCase(GitCase):

    def audit(self, clone, *args, records=True):
        """svc audit ARGS in clone: (rc, stdout, stderr); the records are
        never touched."""
        before = snapshot(clone)
        rc, out, err = self.w.svc(clone, "audit", *args, records=records)
        self.assertEqual(snapshot(clone), before, "svc audit changed the clone")
        return rc, out, err

    def findings(self, clone, *args):
        """The findings of `svc audit` as (commit, file, rule) rows; checks the
        exit status, the line format and the summary on stderr."""
        rc, out, err = self.audit(clone, *args)
        self.last_out = out
        lines = out.splitlines()
        self.assertEqual(rc, 1 if lines else 0, out + err)
        self.assertRegex(err, SUMMARY)
        rows = []
        for line in lines:
            m = LINE.match(line)
            self.assertTrue(m, "not a finding line: " + line)
            rows.append((m["commit"], m["file"], m["rule"]))
        want = "no findings" if not rows else "{} finding{}".format(
            len(rows), "" if len(rows) == 1 else "s")
        self.assertTrue(err.endswith(": " + want + "\n"), err)
        return rows

    def assertClean(self, clone, *args):
        rc, out, err = self.audit(clone, *args)
        self.assertEqual((rc, out), (0, ""), out + err)
        self.assertRegex(err, SUMMARY)
        self.assertTrue(err.endswith(": no findings\n"), err)

    def assertFound(self, clone, expected, *args):
        """Exactly these findings: [(commit hash, file, rule)]."""
        got = self.findings(clone, *args)
        self.assertEqual(sorted(got), sorted((c[:12], f, r) for c, f, r in expected))

    # --- the world ------------------------------------------------------------

    def start(self, name="w", diverged=False):
        """A world whose ticket YX-26-11-01 was opened, classified and
        dispatched at the desk (with its outbound record SC-26-11-01) and
        pulled by the engineer; with `diverged`, then diverge(), whose
        commits are in self.diverged.

        The first world of a test is built as a template that later ones
        copy (the clones' only absolute path, origin's, set again): a test
        that tries ten kinds of tampering runs a fraction of the processes."""
        template = os.path.join(self.tmp, "template-diverged" if diverged else "template")
        if not os.path.exists(template):
            self.w = World(self, template)
            self.d, self.e = self.w.start()
            self.assertEqual(self.w.ticket(), TID)
            self.templates = getattr(self, "templates", {})
            self.templates[template] = self.diverge() if diverged else None
        base = os.path.join(self.tmp, name)
        shutil.copytree(template, base, symlinks=True)
        self.w = w = World(self, base)
        self.d, self.e = w.desk, w.eng = os.path.join(base, "desk"), os.path.join(base, "eng")
        w.users = {w.desk: "王芳", w.eng: "张伟"}
        for clone in (w.desk, w.eng):
            w.git(clone, "remote", "set-url", "origin", w.origin)
        self.diverged = self.templates[template]
        return w, self.d, self.e

    def diverge(self):
        """The engineer's arrival (pushed) and the desk's note (committed):
        the desk's next pull merges. Returns (engineer commit, desk commit)."""
        w, d, e = self.w, self.d, self.e
        w.ok(e, "dispatch", TID, "--arrive", "--at", T("11:00"), now=T("11:00"))
        ce = w.commit(e, "arrive", date=T("11:01"))
        w.push(e)
        w.ok(d, "note", TID, "客户来电催促", "--at", T("11:30"), now=T("11:30"))
        cd = w.commit(d, "note", date=T("11:31"))
        return ce, cd

    def merge_by_hand(self, tamper, date=T("12:00")):
        """The desk pulls without committing (the merge driver merges), then
        `tamper()` changes the work tree, then the desk commits the merge.
        Returns the merge commit."""
        w, d = self.w, self.d
        w.git(d, "pull", "-q", "--no-rebase", "--no-commit", "origin", "main", date=date)
        tamper()
        w.git(d, "add", "-A")
        w.git(d, "commit", "-q", "--no-edit", date=date)
        merge = w.head(d)
        _, parents, _ = w.git(d, "log", "-1", "--format=%P")
        self.assertEqual(len(parents.split()), 2, "not a merge commit")
        return merge


# --- honest histories ---------------------------------------------------------


class CleanHistoryTest(AuditCase):

    def test_every_honest_change_through_merges_and_rebases(self):
        w, d, e = self.start()
        # The engineer's visit and the desk's calls, offline on both sides,
        # merged with `git pull --no-rebase`.
        w.ok(e, "dispatch", TID, "--arrive", "--at", T("11:00"), now=T("11:00"))
        w.ok(e, "note", TID, "现场已断电", "--at", T("12:00"), now=T("12:00"))
        w.ok(e, "dispatch", TID, "--finish", "--work", "更换继电器", "--hours", "3",
             "--part", "继电器:2:35.00:warranty", "--signed-by", "李工", "--at", T("14:00"),
             now=T("14:00"))
        w.commit(e, "visit", date=T("14:01"))
        w.ok(d, "note", TID, "客户来电催促", "--at", T("11:30"), now=T("11:30"))
        w.ok(d, "correct", TID, "--field", "customer", "--value", "华东电网有限公司",
             "--reason", "客户名称登记有误", "--at", T("11:40"), now=T("11:40"))
        w.commit(d, "note, correct", date=T("11:41"))
        w.push(e)
        rc, out = w.pull(d, "merge")
        self.assertEqual(rc, 0, out)
        w.push(d)
        # Both append again; the engineer syncs (a rebase).
        w.ok(d, "close", TID, "--result", "completed", "--resolution", "已修复",
             "--at", T("15:00"), now=T("15:00"))
        w.commit(d, "close", date=T("15:01"))
        w.push(d)
        w.pull(e, "merge", check=True)
        w.ok(d, "survey", TID, "--satisfaction", "satisfied", "--attitude", "5",
             "--at", T("16:00"), now=T("16:00"))
        w.commit(d, "survey", date=T("16:01"))
        w.push(d)
        w.ok(e, "--commit", "note", TID, "备件已退回仓库", "--at", T("16:30"), now=T("16:30"))
        rc, out, err = w.svc(e, "sync", records=False)
        self.assertEqual(rc, 0, out + err)
        _, parents, _ = w.git(e, "log", "-1", "--format=%P")
        self.assertEqual(len(parents.split()), 1, "svc sync rebases")
        # The customer calls back: reopen, close again, amend that close.
        w.pull(d, "merge", check=True)
        w.ok(d, "reopen", TID, "--reason", "同一故障复发", "--at", T("09:00", day=30),
             now=T("09:00", day=30))
        w.ok(d, "close", TID, "--result", "completed", "--remote", "--at", T("10:00", day=30),
             now=T("10:00", day=30))
        w.ok(d, "close", TID, "--amend", "--resolution", "远程指导重启", "--reason", "补记处理方法",
             now=T("10:30", day=30))
        w.commit(d, "reopen, close, amend", date=T("10:31", day=30))
        w.push(d)
        w.pull(e, "merge", check=True)
        self.assertCheckClean(w, d)
        for clone in (d, e):
            self.assertClean(clone)
        # --json: the same, as data.
        rc, out, err = self.audit(d, "--json")
        self.assertEqual(rc, 0, err)
        doc = json.loads(out)
        self.assertEqual(sorted(doc), ["commits", "findings", "findings_count", "head", "since"])
        self.assertEqual(doc["head"], w.head(d))
        self.assertIsNone(doc["since"])
        self.assertEqual((doc["findings"], doc["findings_count"]), ([], 0))
        _, count, _ = w.git(d, "rev-list", "--count", "HEAD")
        self.assertEqual(doc["commits"], int(count))

    def test_two_surveys_by_merge_and_by_rebase(self):
        for mode in ("merge", "rebase"):
            with self.subTest(mode=mode):
                w, d, e = self.start(mode)
                w.ok(d, "close", TID, "--result", "completed", "--resolution", "已修复",
                     "--at", T("12:00"), now=T("12:00"))
                w.commit(d, "close", date=T("12:01"))
                w.push(d)
                w.pull(e, "merge", check=True)
                w.ok(d, "survey", TID, "--satisfaction", "satisfied", "--at", T("13:00"),
                     now=T("13:00"))
                w.commit(d, "desk survey", date=T("13:01"))
                w.ok(e, "survey", TID, "--satisfaction", "unsatisfied", "--at", T("14:00"),
                     now=T("14:00"))
                w.commit(e, "engineer survey", date=T("14:01"))
                w.push(d)
                rc, out = w.pull(e, mode)
                self.assertEqual(rc, 0, out)
                self.assertIn("amend = true", w.text(e, TID))
                self.assertCheckClean(w, e)
                self.assertClean(e)
                w.push(e)
                w.pull(d, "merge", check=True)
                self.assertClean(d)

    def test_one_number_from_two_clones_until_renumbered(self):
        for puller in ("desk", "eng"):
            with self.subTest(puller=puller):
                self.w = w = self.world(puller)
                d, e = w.start()
                w.ok(d, "open", "--via", "YX", "--customer", "甲公司", "--received-at", T("09:00"),
                     "--at", T("09:10"), now=T("09:10"))
                w.commit(d, "desk opens", date=T("09:11"))
                w.ok(e, "open", "--via", "YX", "--customer", "乙公司", "--received-at", T("10:00"),
                     "--at", T("10:10"), now=T("10:10"))
                # With an outbound record, whose registry entry renumber moves along.
                w.ok(e, "classify", TID, "--kind", "support", "--category", "hardware",
                     "--level", "2", "--service", "onsite-repair", "--at", T("10:15"),
                     now=T("10:15"))
                self.assertEqual(w.ok(e, "dispatch", TID, "--tech", "张伟", "--at", T("10:20"),
                                      now=T("10:20")), REC)
                w.commit(e, "engineer opens", date=T("10:21"))
                pc, other = (d, e) if puller == "desk" else (e, d)
                w.push(other)
                # Each clone's own history is clean: two numbers given offline.
                self.assertClean(pc)
                rc, out = w.pull(pc, "merge")
                self.assertNotEqual(rc, 0, out)
                dup = "tickets/2026/11/YX-26-11-01.dup.toml"
                self.assertTrue(os.path.exists(os.path.join(pc, dup)))
                merge = w.commit(pc, "merge, duplicate set aside", date=T("10:30"))
                self.d = pc
                self.assertFound(pc, [(merge, dup, "number-duplicated")])
                out = self.last_out
                self.assertIn("(乙公司, received 2026-11-29 10:00) was set aside", out)
                self.assertIn("'svc renumber YX-26-11-01'", out)
                rc, out, err = w.svc(pc, "--commit", "renumber", TID, now=T("20:00"))
                self.assertEqual(rc, 0, err)
                self.assertIn('ticket = "YX-26-11-02"', read_text(os.path.join(pc, REG)))
                self.assertClean(pc)
                w.push(pc)
                w.pull(other, "merge", check=True)
                self.assertClean(other)

    def test_an_amendment_days_later_is_not_late(self):
        # the survey corrected a week later keeps the survey's time as
        # its `at`; it was written (`recorded`) and committed at once.
        w, d, e = self.start()
        w.ok(d, "close", TID, "--result", "completed", "--remote", "--at", T("12:00"),
             now=T("12:00"))
        w.ok(d, "survey", TID, "--satisfaction", "satisfied", "--at", T("13:00"), now=T("13:00"))
        w.commit(d, "close, survey", date=T("13:01"))
        w.ok(d, "survey", TID, "--amend", "--satisfaction", "unsatisfied", "--reason", "客户来电更正",
             now=T("10:00", day=5, month=12))
        w.commit(d, "amend", date=T("10:01", day=5, month=12))
        self.assertClean(d)
        # The same correction committed four days after it was written is late.
        w.ok(d, "close", TID, "--amend", "--resolution", "远程指导", "--reason", "补记",
             now=T("11:00", day=5, month=12))
        late = w.commit(d, "amend", date=T("11:01", day=9, month=12))
        self.assertFound(d, [(late, REL, "late-commit")])
        out = self.last_out
        self.assertIn("the 'close' event of 2026-12-05 11:00 by 王芳 was committed 96h1m after", out)

    def test_renumbered_during_the_merge(self):
        self.w = w = self.world()
        d, e = w.start()
        w.ok(d, "open", "--via", "YX", "--customer", "甲公司", "--received-at", T("09:00"),
             "--at", T("09:10"), now=T("09:10"))
        w.commit(d, "desk opens", date=T("09:11"))
        w.ok(e, "open", "--via", "YX", "--customer", "乙公司", "--received-at", T("10:00"),
             "--at", T("10:10"), now=T("10:10"))
        w.commit(e, "engineer opens", date=T("10:11"))
        w.push(e)
        rc, out = w.pull(d, "merge")
        self.assertNotEqual(rc, 0, out)
        rc, out, err = w.svc(d, "--commit", "renumber", TID, now=T("20:00"))
        self.assertEqual(rc, 0, err)
        w.commit(d, "merge; renumbered", date=T("20:01"))
        self.assertClean(d)


# --- tampering ------------------------------------------------------------------


class TamperingTest(AuditCase):
    """Each kind of tampering, in a plain commit and inside a merge."""

    # The date of the tampering commit: a late event is committed four days
    # after its `at` (the note of 11:50 on the 29th, committed on 3 December).
    LATE = T("12:00", day=3, month=12)

    def kinds(self):
        """[(name, tamper, [(file, rule)])]: each tamper() changes the desk's
        work tree after diverge() (the desk's note at 11:30, the engineer's
        arrival at 11:00 waiting in origin)."""
        path = lambda *p: os.path.join(self.d, *p)

        def removed():
            drop_last_event(path(REL), "dispatch")

        def changed():
            edit(path(REL), 'text = "客户来电催促"', 'text = "客户表示满意"')

        def form():
            edit(path(REL), 'name = "华东电网"', 'name = "华北电网"')

        def deleted():
            self.w.git(self.d, "rm", "-q", "-f", REL)

        def renamed():
            self.w.git(self.d, "mv", REL, "tickets/2026/11/YX-26-11-07.toml")

        def copied():
            shutil.copy(path(REL), path("tickets/2026/11/YX-26-11-02.toml"))

        def reused():
            # A new request filed by hand under the number another holds.
            text = read_text(path(REL))
            head = text[:text.index("[[event]]")].replace('name = "华东电网"', 'name = "冒名公司"')
            event = '[[event]]\nat = {}\nactor = "王芳"\naction = "open"\n'.format(T("11:45"))
            write_text(path("tickets/2026/11/YX-26-11-03.toml"), head + event)

        def late():
            self.w.ok(self.d, "note", TID, "补记：已寄出备件", "--at", T("11:50"), now=self.LATE)

        def registry_edited():
            edit(path(REG), 'ticket = "{}"'.format(TID), 'ticket = "YX-26-11-09"')

        def registry_deleted():
            self.w.git(self.d, "rm", "-q", "-f", REG)

        return [
            ("event-removed", removed, [(REL, "event-removed")]),
            ("event-changed", changed, [(REL, "event-changed")]),
            ("form-changed", form, [(REL, "form-changed")]),
            ("file-deleted", deleted, [(REL, "file-deleted")]),
            ("file-renamed", renamed, [(REL, "file-renamed")]),
            ("copied", copied, [("tickets/2026/11/YX-26-11-02.toml", "number-duplicated")]),
            ("reused", reused, [("tickets/2026/11/YX-26-11-03.toml", "number-duplicated")]),
            ("late-commit", late, [(REL, "late-commit")]),
            ("registry-edited", registry_edited, [(REG, "form-changed")]),
            ("registry-deleted", registry_deleted, [(REG, "file-deleted")]),
        ]

    def check_found(self, bad, expected, registry=False):
        """Exactly `expected` [(file, rule)], all in commit `bad` by the
        desk, as text lines and as --json."""
        self.assertFound(self.d, [(bad, f, r) for f, r in expected])
        for line in self.last_out.splitlines():
            m = LINE.match(line)
            self.assertEqual(m["author"], "王芳 <desk@example.com>", line)
            self.assertIn(REC if registry else TID, m["message"], line)
        rc, out, err = self.audit(self.d, "--json")
        self.assertEqual(rc, 1, err)
        doc = json.loads(out)
        self.assertEqual(sorted(doc), ["commits", "findings", "findings_count", "head", "since"])
        self.assertEqual(doc["findings_count"], len(expected))
        self.assertEqual(doc["head"], self.w.head(self.d))
        for f in doc["findings"]:
            self.assertEqual(sorted(f), ["author", "commit", "committed", "file", "message",
                                         "parent", "record", "rule"])
            self.assertEqual((f["commit"], f["author"]), (bad, "王芳 <desk@example.com>"))
        self.assertEqual(sorted((f["file"], f["rule"]) for f in doc["findings"]), sorted(expected))

    def test_in_a_plain_commit(self):
        for i, (name, _, expected) in enumerate(self.kinds()):
            with self.subTest(kind=name):
                w, d, e = self.start(str(i), diverged=True)
                self.assertClean(d)
                self.kinds()[i][1]()
                bad = w.commit(d, "tidy", date=self.LATE if name == "late-commit" else T("12:00"))
                # The honest commits after it are not reported either.
                if name not in ("file-deleted", "file-renamed"):
                    w.ok(d, "note", TID, "之后的记录", now=T("12:30", day=3, month=12))
                    w.commit(d, "after", date=T("12:31", day=3, month=12))
                self.check_found(bad, expected, registry=name.startswith("registry"))

    def test_inside_a_merge(self):
        for i, (name, _, expected) in enumerate(self.kinds()):
            with self.subTest(kind=name):
                w, d, e = self.start("m" + str(i), diverged=True)
                merge = self.merge_by_hand(
                    self.kinds()[i][1], date=self.LATE if name == "late-commit" else T("12:00"))
                self.check_found(merge, expected, registry=name.startswith("registry"))

    def test_merge_with_strategy_ours_drops_the_other_side(self):
        w, d, e = self.start()
        ce, cd = self.diverge()
        w.git(d, "fetch", "-q", "origin")
        w.git(d, "merge", "-q", "-s", "ours", "--no-edit", "origin/main", date=T("12:00"))
        merge = w.head(d)
        self.check_found(merge, [(REL, "event-removed")])
        out = self.last_out
        self.assertIn("'arrive' event", out)
        self.assertIn("张伟", out)

    def test_merge_taking_the_other_side_drops_the_desks_close(self):
        # The desk's close removed while resolving a merge by hand.
        w, d, e = self.start()
        w.ok(e, "note", TID, "工程师出发", "--at", T("10:00"), now=T("10:00"))
        w.commit(e, "note", date=T("10:01"))
        w.push(e)
        w.ok(d, "close", TID, "--result", "completed", "--remote", "--at", T("11:00"),
             now=T("11:00"))
        w.commit(d, "close", date=T("11:01"))
        merge = self.merge_by_hand(
            lambda: w.git(d, "checkout", "origin/main", "--", REL))
        self.check_found(merge, [(REL, "event-removed")])
        out = self.last_out
        self.assertIn("'close' event", out)


# --- --since and the failures ---------------------------------------------------


class SinceTest(AuditCase):

    def test_since_judges_only_the_commits_after_it(self):
        w, d, e = self.start()
        self.diverge()
        edit(os.path.join(d, REL), 'name = "华东电网"', 'name = "华北电网"')
        first = w.commit(d, "tidy", date=T("12:00"))
        w.ok(d, "note", TID, "客户来电", "--at", T("13:00"), now=T("13:00"))
        mid = w.commit(d, "note", date=T("13:01"))
        drop_last_event(os.path.join(d, REL), "note")
        second = w.commit(d, "tidy again", date=T("14:00"))
        self.assertFound(d, [(first, REL, "form-changed"), (second, REL, "event-removed")])
        self.assertFound(d, [(second, REL, "event-removed")], "--since", mid)
        self.assertFound(d, [(second, REL, "event-removed")], "--since", first[:10])
        self.assertFound(d, [(first, REL, "form-changed"), (second, REL, "event-removed")],
                         "--since", first + "^")
        rc, out, err = self.audit(d, "--since", "HEAD")
        self.assertEqual((rc, out), (0, ""), err)
        self.assertEqual(err, "svc: audited 0 commits after HEAD: no findings\n")
        rc, out, err = self.audit(d, "--since", mid, "--json")
        self.assertEqual(json.loads(out)["since"], mid)
        self.assertEqual(json.loads(out)["commits"], 1)

    def test_bad_since(self):
        w, d, e = self.start()
        for rev in ("nosuch", "HEAD~99", ""):
            with self.subTest(rev=rev):
                rc, out, err = self.audit(d, "--since", rev)
                self.assertEqual((rc, out), (2, ""), err)
                self.assertEqual(err.count("\n"), 1, err)
                # An empty REV is refused by the command line's parser.
                self.assertRegex(err, r"^svc: --since: " if rev else r"^svc audit: --since: ")

    def test_outside_git(self):
        self.w = w = self.world()
        plain = os.path.join(w.base, "plain")
        rc, out, err = run("init", plain, env=w.env)
        self.assertEqual(rc, 0, err)
        rc, out, err = self.audit(plain)
        self.assertEqual((rc, out), (1, ""), err)
        self.assertEqual(err.count("\n"), 1, err)
        self.assertTrue(err.startswith("svc: "), err)
        self.assertIn("not in a git repository", err)

    def test_repository_without_commits(self):
        self.w = w = self.world()
        repo = os.path.join(w.base, "repo")
        w.git(w.base, "-c", "init.defaultBranch=main", "init", "-q", repo)
        rc, out, err = run("init", repo, env=w.env)
        self.assertEqual(rc, 0, err)
        rc, out, err = self.audit(repo)
        self.assertEqual((rc, out), (1, ""), err)
        self.assertEqual(err, "svc: the records' repository has no commit yet: nothing to audit\n")


# --- svc log ------------------------------------------------------------------


class LogTest(AuditCase):

    def log(self, *args):
        before = snapshot(self.d)
        rc, out, err = self.w.svc(self.d, "log", *args)
        self.assertEqual(snapshot(self.d), before)
        self.assertEqual(err, "")
        return rc, out

    def rows(self, out):
        """The table's rows: [(action, actor, commit8)]; and the finding lines."""
        rows, findings = [], []
        for line in out.splitlines()[1:]:
            if line.startswith("finding: "):
                findings.append(line[len("finding: "):])
            elif line.strip():
                f = line.split()
                rows.append((f[3], f[2], f[4]))
        return rows, findings

    def test_log_names_the_commit_of_each_event_through_merges(self):
        w, d, e = self.start()
        _, out, _ = w.git(d, "log", "--format=%H", "-1")
        opened = out.strip()
        ce, cd = self.diverge()
        merge = self.merge_by_hand(
            lambda: w.ok(d, "note", TID, "合并时补记", "--at", T("11:50"), now=T("11:50")))
        rc, out = self.log(TID)
        self.assertEqual(rc, 0, out)
        rows, findings = self.rows(out)
        self.assertEqual(findings, [])
        # In the order the commits were walked (parents before children; the
        # two sides of a merge in git's topological order).
        self.assertEqual(rows[:3], [("open", "王芳", opened[:8]), ("classify", "王芳", opened[:8]),
                                    ("dispatch", "王芳", opened[:8])])
        self.assertEqual(rows[-1], ("note", "王芳", merge[:8]))
        self.assertEqual(sorted(rows), sorted([
            ("open", "王芳", opened[:8]),
            ("classify", "王芳", opened[:8]),
            ("dispatch", "王芳", opened[:8]),
            ("arrive", "张伟", ce[:8]),
            ("note", "王芳", cd[:8]),
            ("note", "王芳", merge[:8]),
        ]))
        rc, out = self.log_json(TID)
        self.assertEqual(rc, 0)
        doc = json.loads(out)
        self.assertEqual(sorted(doc), ["events", "findings", "id"])
        self.assertEqual(doc["id"], TID)
        self.assertEqual(doc["findings"], [])
        self.assertEqual([(x["action"], x["commit"][:8]) for x in doc["events"]],
                         [(r[0], r[2]) for r in rows])
        for x in doc["events"]:
            self.assertEqual(sorted(x), ["action", "actor", "at", "author", "commit", "committed"])
        arrive = [x for x in doc["events"] if x["action"] == "arrive"][0]
        self.assertEqual(arrive, {"at": T("11:00"), "actor": "张伟", "action": "arrive",
                                  "commit": ce, "committed": T("11:01"),
                                  "author": "张伟 <eng@example.com>"})

    def log_json(self, tid):
        before = snapshot(self.d)
        rc, out, err = self.w.svc(self.d, "--json", "log", tid)
        self.assertEqual(snapshot(self.d), before)
        self.assertEqual(err, "")
        return rc, out

    def test_log_reports_a_close_dropped_inside_a_merge(self):
        w, d, e = self.start()
        w.ok(e, "note", TID, "工程师出发", "--at", T("10:00"), now=T("10:00"))
        w.commit(e, "note", date=T("10:01"))
        w.push(e)
        w.ok(d, "close", TID, "--result", "completed", "--remote", "--at", T("11:00"),
             now=T("11:00"))
        w.commit(d, "close", date=T("11:01"))
        merge = self.merge_by_hand(
            lambda: w.git(d, "checkout", "origin/main", "--", REL))
        rc, out = self.log(TID)
        self.assertEqual(rc, 1, out)
        rows, findings = self.rows(out)
        self.assertEqual(len(findings), 1, out)
        m = LINE.match(findings[0])
        self.assertTrue(m, findings[0])
        self.assertEqual((m["commit"], m["file"], m["rule"]), (merge[:12], REL, "event-removed"))
        self.assertIn("'close'", m["message"])
        rc, out = self.log_json(TID)
        self.assertEqual(rc, 1)
        doc = json.loads(out)
        self.assertEqual([(f["commit"], f["rule"]) for f in doc["findings"]],
                         [(merge, "event-removed")])

    def test_log_reports_a_hand_edit_of_the_info_form(self):
        w, d, e = self.start()
        edit(os.path.join(d, REL), 'name = "华东电网"', 'name = "华北电网"')
        bad = w.commit(d, "tidy", date=T("12:00"))
        rc, out = self.log(TID)
        self.assertEqual(rc, 1, out)
        rows, findings = self.rows(out)
        self.assertEqual(len(findings), 1, out)
        m = LINE.match(findings[0])
        self.assertEqual((m["commit"], m["file"], m["rule"]), (bad[:12], REL, "form-changed"))
        self.assertIn("华北电网", m["message"])


# --- records in a folder of a larger repository ------------------------------------


class SubfolderTest(AuditCase):

    def test_records_in_a_subfolder(self):
        self.w = w = self.world()
        repo = os.path.join(w.base, "repo")
        w.git(w.base, "-c", "init.defaultBranch=main", "init", "-q", repo)
        w.git(repo, "config", "user.name", "王芳")
        w.git(repo, "config", "user.email", "desk@example.com")
        records = os.path.join(repo, "records")
        rc, out, err = run("init", records, env=w.env)
        self.assertEqual(rc, 0, err)
        write_text(os.path.join(repo, "README.txt"), "other work\n")
        w.commit(repo, "start")
        tid = w.ok(records, "open", "--via", "YX", "--customer", "华东电网", "--at", T("09:00"),
                   "--received-at", T("09:00"), actor="王芳", now=T("09:00"))
        w.ok(records, "note", tid, "客户来电", "--at", T("10:00"), actor="王芳", now=T("10:00"))
        w.commit(repo, "open", date=T("10:01"))
        # Changes outside the records are not the audit's business.
        write_text(os.path.join(repo, "README.txt"), "rewritten\n")
        w.commit(repo, "readme", date=T("10:30"))
        self.d = records
        self.assertClean(records)
        drop_last_event(os.path.join(records, REL), "note")
        bad = w.commit(repo, "tidy", date=T("11:00"))
        self.assertFound(records, [(bad, REL, "event-removed")])
        rc, out, err = w.svc(records, "log", tid, actor="王芳")
        self.assertEqual(rc, 1, out + err)
        self.assertIn("finding: {} ".format(bad[:12]), out)
        self.assertIn(": {}: event-removed: ".format(REL), out)


if __name__ == "__main__":
    unittest.main()
