"""`svc sync` that tells the truth (issue 15, item 4), with real git.

Each failure mode prints its cause (the merge driver's explanation, git's own
error lines) and the exact commands that finish the job for the mode in use;
nothing is pushed. A clone where the merge driver is not registered is
refused before anything is pulled. What the merge decided (a step recorded
twice became an amendment) is reported on success. The world (bare origin,
the desk's clone and the engineer's) is test_git.World.
"""

import os
import unittest

from svctest import read_text, snapshot, ticket_rel_path, write_text
from test_git import GitCase, T, events_of


class SyncTruthTest(GitCase):

    def setUp(self):
        super().setUp()
        self.w = self.world()
        self.d, self.e = self.w.start()
        self.tid = self.w.ticket()
        self.path = ticket_rel_path(self.tid)

    def origin_head(self):
        return self.w.head(self.w.origin, "main")

    def sync(self, clone, *args):
        return self.w.svc(clone, "sync", *args, records=False)

    def lines(self, err):
        return err.rstrip("\n").split("\n")

    def close_vs_arrive(self):
        """The desk closes at 12:00 and pushes; the engineer, offline, records
        an arrival at 13:00: a history that does not replay once merged."""
        w, d, e, tid = self.w, self.d, self.e, self.tid
        w.ok(d, "--commit", "close", tid, "--result", "completed", "--remote", "--at", T("12:00"),
             now=T("12:00"))
        w.push(d)
        w.ok(e, "--commit", "dispatch", tid, "--arrive", "--at", T("13:00"), now=T("13:00"))
        return self.origin_head(), w.head(e)

    def assertConflictReported(self, err):
        """The driver's explanation and git's CONFLICT line, one line each;
        no 'From …' and no advice to commit conflict markers."""
        lines = self.lines(err)
        why = [l for l in lines if "'arrive'" in l]
        self.assertEqual(len(why), 1, err)
        self.assertTrue(why[0].startswith("svc: {}: ".format(self.path)), err)
        self.assertIn("does not replay", why[0])
        self.assertIn("every event of both sides is in the file", why[0])
        self.assertIn("svc: git: CONFLICT (content): Merge conflict in {}".format(self.path), lines)
        self.assertNotIn("From ", err)
        self.assertNotIn("svc merge-driver:", err)
        self.assertNotIn("commit them", err)
        return lines

    def resolve_by_hand(self, clone, upstream):
        """A person keeps the desk's close and records why the arrival goes."""
        w = self.w
        _, text, _ = w.git(clone, "show", "{}:{}".format(upstream, self.path))
        write_text(os.path.join(clone, self.path), text)
        w.ok(clone, "note", self.tid, "工程师13:00到达记录作废：工单12:00已远程关闭",
             "--at", T("13:30"), now=T("13:30"))
        rc, out, err = w.check(clone)
        self.assertEqual(rc, 0, out + err)

    # --- a clone without the merge driver --------------------------------

    def test_refused_without_the_merge_driver(self):
        w, d, tid = self.w, self.d, self.tid
        w.ok(d, "--commit", "note", tid, "客户来电", "--at", T("11:00"), now=T("11:00"))
        w.push(d)
        lap = w.clone("laptop", "李强")  # never ran svc git-setup
        w.ok(lap, "--commit", "note", tid, "笔记本记录", "--at", T("11:30"), now=T("11:30"))
        pushed, mine = self.origin_head(), w.head(lap)
        before = snapshot(lap)
        rc, out, err = self.sync(lap)
        self.assertEqual((rc, out), (1, ""), err)
        self.assertEqual(
            err,
            "svc: git would merge ticket files line by line in this clone: the merge driver is "
            "not registered (git config merge.svc.driver); run 'svc git-setup' here first; "
            "nothing was pulled\n")
        self.assertEqual(self.origin_head(), pushed)
        self.assertEqual(w.head(lap), mine)
        self.assertEqual(snapshot(lap), before)
        # After git-setup the same sync goes through.
        w.ok(lap, "git-setup")
        rc, out, err = self.sync(lap)
        self.assertEqual(rc, 0, out + err)
        self.assertEqual(self.origin_head(), w.head(lap))

    # --- rebase (the default) --------------------------------------------

    def test_rebase_conflict_relays_the_driver_and_says_how_to_finish(self):
        w, e = self.w, self.e
        pushed, mine = self.close_vs_arrive()
        rc, out, err = self.sync(e)
        self.assertEqual(rc, 1, out + err)
        lines = self.assertConflictReported(err)
        self.assertEqual(
            lines[-1],
            "svc: nothing was pushed: a rebase is in progress with conflicts: to finish it, "
            "correct {p} (every conflict marker gone, 'svc check' clean), 'git add {p}', "
            "'git rebase --continue', then 'svc sync' again; or 'git rebase --abort' to go back "
            "to before the pull".format(p=self.path))
        self.assertEqual(self.origin_head(), pushed)

        # svc sync again before finishing: refused, the same commands, nothing touched.
        before = snapshot(e)
        rc, out, err = self.sync(e)
        self.assertEqual((rc, out), (1, ""), err)
        self.assertEqual(err, lines[-1] + "\n")
        self.assertEqual(snapshot(e), before)

        # Following the advice finishes the job.
        self.resolve_by_hand(e, "origin/main")
        w.git(e, "add", self.path)
        rc, _, _ = self.sync(e)
        self.assertEqual(rc, 1)  # added but not continued: still mid-rebase
        w.git(e, "-c", "core.editor=true", "rebase", "--continue")
        rc, out, err = self.sync(e)
        self.assertEqual(rc, 0, out + err)
        self.assertEqual(self.origin_head(), w.head(e))
        self.assertNotEqual(w.head(e), mine)

    def test_rebase_abort_goes_back(self):
        w, e = self.w, self.e
        pushed, mine = self.close_vs_arrive()
        rc, out, err = self.sync(e)
        self.assertEqual(rc, 1, out + err)
        self.assertIn("'git rebase --abort'", err)
        w.git(e, "rebase", "--abort")
        self.assertEqual(w.head(e), mine)
        self.assertEqual(self.origin_head(), pushed)

    # --- --merge ---------------------------------------------------------

    def test_merge_conflict_says_commit_then_sync_merge(self):
        w, e = self.w, self.e
        pushed, mine = self.close_vs_arrive()
        rc, out, err = self.sync(e, "--merge")
        self.assertEqual(rc, 1, out + err)
        lines = self.assertConflictReported(err)
        advice = (
            "svc: nothing was pushed: a merge is in progress with conflicts: to finish it, "
            "correct {p} (every conflict marker gone, 'svc check' clean), 'git add {p}', "
            "'git commit', then 'svc sync --merge' (a rebasing 'svc sync' would replay the same "
            "conflict); or 'git merge --abort' to go back to before the pull".format(p=self.path))
        self.assertEqual(lines[-1], advice)
        self.assertEqual(self.origin_head(), pushed)
        # A plain svc sync mid-merge gives the merge's commands too.
        before = snapshot(e)
        rc, out, err = self.sync(e)
        self.assertEqual((rc, err), (1, advice + "\n"))
        self.assertEqual(snapshot(e), before)
        # Following the advice.
        self.resolve_by_hand(e, "MERGE_HEAD")
        w.git(e, "add", self.path)
        w.git(e, "commit", "-q", "--no-edit")
        rc, out, err = self.sync(e, "--merge")
        self.assertEqual(rc, 0, out + err)
        self.assertEqual(self.origin_head(), w.head(e))
        _, parents, _ = w.git(e, "log", "-1", "--format=%P")
        self.assertEqual(len(parents.split()), 2)

    # --- git's own errors ------------------------------------------------

    def test_unreachable_origin_relays_git_not_from(self):
        w, e, tid = self.w, self.e, self.tid
        w.ok(e, "--commit", "note", tid, "离线记录", "--at", T("11:00"), now=T("11:00"))
        missing = os.path.join(w.base, "gone.git")
        w.git(e, "remote", "set-url", "origin", missing)
        mine = w.head(e)
        rc, out, err = self.sync(e)
        self.assertEqual((rc, out), (1, ""), err)
        lines = self.lines(err)
        self.assertTrue(lines[0].startswith("svc: git: fatal: '{}' does not appear to be a git "
                                            "repository".format(missing)), err)
        self.assertEqual(
            lines[-1],
            "svc: nothing was pushed: the pull failed (above); once git's cause is fixed, run "
            "'svc sync' again")
        self.assertEqual(w.head(e), mine)

    def test_push_refused_by_the_server_relays_its_reason(self):
        w, e, tid = self.w, self.e, self.tid
        hook = os.path.join(w.origin, "hooks", "pre-receive")
        write_text(hook, "#!/bin/sh\necho 'refused: this server is read-only today' >&2\nexit 1\n")
        os.chmod(hook, 0o755)
        pushed = self.origin_head()
        w.ok(e, "--commit", "note", tid, "离线记录", "--at", T("11:00"), now=T("11:00"))
        rc, out, err = self.sync(e)
        self.assertEqual(rc, 1, out + err)
        lines = self.lines(err)
        self.assertIn("svc: git: remote: refused: this server is read-only today", lines)
        self.assertIn("pre-receive hook declined", err)
        self.assertEqual(
            lines[-1],
            "svc: nothing was pushed: the push failed (above); once git's cause is fixed, run "
            "'svc sync' again")
        self.assertEqual(self.origin_head(), pushed)

    # --- what the merge decided --------------------------------------------

    def test_two_surveys_reports_the_decision(self):
        w, d, e, tid = self.w, self.d, self.e, self.tid
        w.ok(e, "--commit", "close", tid, "--result", "completed", "--remote", "--at", T("12:00"),
             now=T("12:00"))
        rc, out, err = self.sync(e)
        self.assertEqual(rc, 0, out + err)
        w.git(d, "pull", "-q", "--ff-only", "origin", "main")
        # Both clones call the customer back, offline.
        w.ok(d, "--commit", "survey", tid, "--satisfaction", "satisfied", "--at", T("15:00"),
             now=T("15:00"))
        w.ok(e, "--commit", "survey", tid, "--satisfaction", "unsatisfied", "--at",
             T("16:00"), now=T("16:00"))
        rc, out, err = self.sync(d)
        self.assertEqual(rc, 0, out + err)
        rc, out, err = self.sync(e)
        self.assertEqual((rc, out), (0, ""), err)
        self.assertEqual(
            self.lines(err),
            ["svc: {}: both sides recorded 'survey'; the later one ({} by 张伟) stands, both are "
             "kept".format(tid, T("16:00")),
             "svc: pulled (the merge decided as above), checked 1 record files, pushed"])
        surveys = [x for x in events_of(w.text(e, tid)) if x["action"] == "survey"]
        self.assertEqual([x.get("amend", False) for x in surveys], [False, True])
        self.assertEqual(self.origin_head(), w.head(e))


if __name__ == "__main__":
    unittest.main()
