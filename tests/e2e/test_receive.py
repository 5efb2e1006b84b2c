"""The shared repository's guard (issue 15 item 2): `svc git-setup --server`
in the bare origin installs a pre-receive hook (`svc pre-receive`) that
judges each push by svc audit's rules and svc check, with real git.

Honest pushes (appended events, svc correct, a merge of two clones' appends,
two clones' numbers repaired by svc renumber) go through; each tampering
kind, in a plain commit and inside a merge commit, is refused naming the ref,
the commit, the file and the rule, and the server's refs stay as they were.
"""

import os
import shutil
import unittest

from svctest import read_text, run, ticket_rel_path, write_text
from test_git import T, GitCase

LATE_DATE = "2026-12-03T20:00:00+08:00"  # four days after the events of T()


class ReceiveCase(GitCase):

    def setUp(self):
        super().setUp()
        if not shutil.which("git"):
            self.skipTest("no git")
        self.w = self.world()
        self.d, self.e = self.w.start()
        rc, out, err = run("git-setup", "--server", env=self.w.env, cwd=self.w.origin)
        self.assertEqual((rc, out), (0, ""), err)
        self.assertIn("pre-receive", err)

    def server_head(self):
        return self.w.head(self.w.origin, "refs/heads/main")

    def accepted(self, clone):
        rc, out, err = self.w.git(clone, "push", "origin", "HEAD:main", check=False)
        self.assertEqual(rc, 0, err)
        self.assertNotIn("refused", err)
        self.assertEqual(self.server_head(), self.w.head(clone))

    def refused(self, clone, rule, commit, file=None, force=False):
        """The push is refused naming `commit`, `file` and `rule`; the server's
        main is unchanged. Returns git's standard error."""
        before = self.server_head()
        args = ["push", "origin", "HEAD:main"] + (["--force"] if force else [])
        rc, out, err = self.w.git(clone, *args, check=False)
        self.assertNotEqual(rc, 0, err)
        want = "remote: svc: refused: refs/heads/main: {}: {}{}:".format(
            commit[:12], file + ": " if file else "", rule)
        self.assertIn(want, err)
        self.assertIn("pre-receive hook declined", err)
        self.assertEqual(self.server_head(), before)
        return err

    def open(self, clone, customer="华东电网", at="09:00"):
        tid = self.w.ok(clone, "open", "--via", "YX", "--customer", customer, "--received-at",
                        T(at), "--at", T(at))
        self.w.ok(clone, "note", tid, "电话已联系", "--at", T("10:00"))
        self.w.commit(clone, "{}: opened".format(tid))
        return tid


class HonestPushTest(ReceiveCase):

    def test_appends_corrections_and_merges_go_through(self):
        w, d, e = self.w, self.d, self.e
        tid = self.open(d)
        self.accepted(d)
        w.ok(d, "correct", tid, "--field", "phone", "--value", "021-5555",
             "--reason", "客户来电更正", "--at", T("11:00"))
        w.commit(d, "correct")
        self.accepted(d)
        # Both clones append; the engineer pushes first, the desk merges.
        w.git(e, "pull", "-q", "--ff-only", "origin", "main")
        w.ok(e, "note", tid, "已出发", "--at", T("12:00"))
        w.commit(e, "engineer note")
        self.accepted(e)
        w.ok(d, "note", tid, "客户催促", "--at", T("12:30"))
        w.commit(d, "desk note")
        w.git(d, "pull", "-q", "--no-rebase", "origin", "main")
        self.accepted(d)

    def test_two_clones_one_number_repaired_by_renumber(self):
        w, d, e = self.w, self.d, self.e
        a = self.open(d, "甲公司", "09:00")
        b = self.open(e, "乙公司", "09:30")
        self.assertEqual(a, b)
        self.accepted(d)
        rc, out = w.pull(e, "merge")
        self.assertNotEqual(rc, 0, out)  # the merge sets the newer aside
        w.git(e, "add", "-A")
        w.git(e, "commit", "-q", "--no-edit")
        # Pushed as it stands, the duplicate is refused...
        merge = w.head(e)
        self.refused(e, "number-duplicated", merge, ticket_rel_path(a).replace(".toml", ".dup.toml"))
        # ...and goes through once renumbered.
        w.ok(e, "renumber", a)
        w.commit(e, "renumber")
        self.accepted(e)


class TamperingRefusedTest(ReceiveCase):

    def setUp(self):
        super().setUp()
        self.tid = self.open(self.d)
        self.accepted(self.d)
        self.rel = ticket_rel_path(self.tid)
        self.path = os.path.join(self.d, self.rel)

    def edit(self, old, new):
        text = read_text(self.path)
        self.assertIn(old, text)
        write_text(self.path, text.replace(old, new, 1))

    def test_event_removed(self):
        text = read_text(self.path)
        write_text(self.path, text[:text.rindex("\n[[event]]")] + "\n")
        c = self.w.commit(self.d, "tidy")
        self.refused(self.d, "event-removed", c, self.rel)

    def test_event_changed(self):
        self.edit("电话已联系", "电话未联系")
        c = self.w.commit(self.d, "tidy")
        self.refused(self.d, "event-changed", c, self.rel)

    def test_form_field_edited(self):
        self.edit("华东电网", "华北电网")
        c = self.w.commit(self.d, "tidy")
        self.refused(self.d, "form-changed", c, self.rel)

    def test_file_deleted(self):
        self.w.git(self.d, "rm", "-q", self.rel)
        c = self.w.commit(self.d, "tidy")
        self.refused(self.d, "file-deleted", c, self.rel)

    def test_file_renamed(self):
        other = self.rel.replace("-01.toml", "-07.toml")
        self.w.git(self.d, "mv", self.rel, other)
        c = self.w.commit(self.d, "tidy")
        self.refused(self.d, "file-renamed", c, self.rel)

    def test_number_duplicated(self):
        other = self.rel.replace("-01.toml", "-02.toml")
        shutil.copy(self.path, os.path.join(self.d, other))
        c = self.w.commit(self.d, "copy")
        self.refused(self.d, "number-duplicated", c, other)

    def test_late_commit(self):
        self.w.ok(self.d, "note", self.tid, "补记", "--at", T("11:00"), now=LATE_DATE)
        c = self.w.commit(self.d, "late", date=LATE_DATE)
        self.refused(self.d, "late-commit", c, self.rel)

    def test_history_rewritten(self):
        self.w.git(self.d, "commit", "-q", "--amend", "-m", "rewritten")
        c = self.w.head(self.d)
        self.refused(self.d, "history-rewritten", c, force=True)

    def test_records_that_fail_svc_check(self):
        self.edit("[[event]]", "# tidied by hand\n[[event]]")
        c = self.w.commit(self.d, "comment")
        err = self.refused(self.d, "check", c, self.rel)
        self.assertIn("canonical", err)

    def test_an_event_dated_ahead_of_the_push_is_refused(self):
        text = read_text(self.path)
        write_text(self.path, text + '\n[[event]]\nat = 2099-06-01T10:00:00+08:00\n'
                   'actor = "王芳"\naction = "note"\ntext = "未来"\n')
        c = self.w.commit(self.d, "ahead")
        err = self.refused(self.d, "check", c, self.rel)
        self.assertIn("more than a day after", err)

    def test_a_symbolic_link_is_refused(self):
        link = self.rel.replace("-01.toml", "-02.toml")
        os.symlink("/etc/passwd", os.path.join(self.d, link))
        c = self.w.commit(self.d, "link")
        err = self.refused(self.d, "check", c, link)
        self.assertIn("symbolic link", err)

    def test_event_removed_inside_a_merge_commit(self):
        w, d, e = self.w, self.d, self.e
        w.git(e, "pull", "-q", "--ff-only", "origin", "main")
        w.ok(e, "note", self.tid, "已出发", "--at", T("12:00"))
        w.commit(e, "engineer note")
        self.accepted(e)
        w.ok(d, "note", self.tid, "客户催促", "--at", T("12:30"))
        w.commit(d, "desk note")
        # The desk resolves the merge by hand and drops the engineer's note.
        rc, out, err = w.git(d, "pull", "--no-rebase", "--no-commit", "origin", "main",
                             check=False)
        text = read_text(self.path)
        start = text.index("已出发")
        block = text.rindex("\n[[event]]", 0, start)
        end = text.find("\n[[event]]", start)
        write_text(self.path, text[:block] + (text[end:] if end >= 0 else "\n"))
        w.git(d, "add", "-A")
        w.git(d, "commit", "-q", "--no-edit")
        merge = w.head(d)
        self.assertEqual(len(w.git(d, "rev-parse", "HEAD^@")[1].split()), 2)
        self.refused(d, "event-removed", merge, self.rel)


class ServerSetupTest(GitCase):

    def setUp(self):
        super().setUp()
        if not shutil.which("git"):
            self.skipTest("no git")
        self.w = self.world()

    def test_refused_outside_a_bare_repository(self):
        d, _ = self.w.start()
        rc, out, err = run("git-setup", "--server", env=self.w.env, cwd=d)
        self.assertEqual((rc, out), (1, ""))
        self.assertEqual(len(err.splitlines()), 1, err)
        self.assertIn("not a bare repository", err)
        self.assertFalse(os.path.exists(os.path.join(d, ".git", "hooks", "pre-receive")))

    def test_a_hook_of_its_own_is_not_replaced_and_its_own_is(self):
        w = self.w
        w.git(w.base, "-c", "init.defaultBranch=main", "init", "-q", "--bare", w.origin)
        hook = os.path.join(w.origin, "hooks", "pre-receive")
        write_text(hook, "#!/bin/sh\nexit 0\n")
        rc, out, err = run("git-setup", "--server", env=w.env, cwd=w.origin)
        self.assertEqual(rc, 1, err)
        self.assertIn("svc does not replace it", err)
        self.assertEqual(read_text(hook), "#!/bin/sh\nexit 0\n")
        os.remove(hook)
        for _ in range(2):  # again: its own hook is rewritten
            rc, out, err = run("git-setup", "--server", env=w.env, cwd=w.origin)
            self.assertEqual(rc, 0, err)
        self.assertIn("pre-receive --prefix ''", read_text(hook))
        self.assertTrue(os.access(hook, os.X_OK))

    def test_bad_hook_input_is_a_bad_command_line(self):
        rc, out, err = run("pre-receive", input="not a line\n", env=self.w.env, cwd=self.w.base)
        self.assertEqual((rc, out), (2, ""))
        self.assertEqual(len(err.splitlines()), 1, err)

    def test_records_in_a_folder_of_the_repository(self):
        w = self.w
        w.git(w.base, "-c", "init.defaultBranch=main", "init", "-q", "--bare", w.origin)
        rc, out, err = run("git-setup", "--server", "--prefix", "records", env=w.env,
                           cwd=w.origin)
        self.assertEqual(rc, 0, err)
        d = w.clone("desk", "王芳")
        rc, out, err = run("init", "records", env=w.env, cwd=d)
        self.assertEqual(rc, 0, err)
        write_text(os.path.join(d, "README"), "the company's records\n")
        w.commit(d, "records")
        r = os.path.join(d, "records")
        tid = w.ok(r, "open", "--via", "YX", "--customer", "甲", "--received-at", T("09:00"),
                   "--at", T("09:00"))
        w.commit(d, "open")
        w.git(d, "push", "-q", "origin", "HEAD:main")
        path = os.path.join(r, ticket_rel_path(tid))
        write_text(path, read_text(path).replace("甲", "乙"))
        c = w.commit(d, "tidy")
        rc, out, err = w.git(d, "push", "origin", "HEAD:main", check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("{}: {}: form-changed:".format(c[:12], ticket_rel_path(tid)), err)


if __name__ == "__main__":
    unittest.main()
