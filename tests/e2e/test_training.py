"""svc training: training records (培训记录, R-3.1, R-4.3.1; issue 19 item 4).

Every command and refusal on a fresh records directory; a refusal exits with
its exact status, says one line on stderr and leaves the records unchanged.
Numbers run by the month of the training's date, continuous, with a
configurable code; names are checked against [[staff]] when it lists staff;
`svc check` finds a damaged file and a gap; `list --year` and `--trainee`
filter; JSON has the documented keys.
"""

import json
import os
import subprocess
import unittest

from svctest import SvcTestCase, read_text, write_text
from test_git import GitCase, T

NOW = "2026-11-30T12:00:00+08:00"


class TrainingCase(SvcTestCase):

    def svc(self, *args, now=NOW, **kwargs):
        return super().svc(*args, now=now, **kwargs)

    def add(self, *extra, date="2026-11-20", topic="开关柜保护装置调试",
            trainees=("李强", "王芳")):
        args = ["training", "add", "--date", date, "--topic", topic, "--trainer", "张伟",
                "--at", date + " 17:00"]
        for t in trainees:
            args += ["--trainee", t]
        return self.ok(*args, *extra).strip()

    def tr_path(self, tid):
        yy, mm = tid.split("-")[1:3]
        return self.path("training", "20" + yy, mm, tid + ".toml")

    def shown(self, tid):
        return json.loads(self.ok("training", "show", tid, "--json"))

    def refused(self, rc_expected, args, *phrases):
        before = self.snapshot()
        err = self.assertFails(rc_expected, self.svc(*args), *phrases)
        self.assertEqual(self.snapshot(), before)
        return err


class AddTest(TrainingCase):

    def test_add_prints_only_the_number_and_writes_the_file(self):
        tid = self.add("--assessment", "笔试+实操", "--material", "KYN28 调试手册",
                       "--material", "保护定值单", "--hours", "3")
        self.assertEqual(tid, "PX-26-11-01")
        text = read_text(self.tr_path(tid))
        self.assertTrue(text.startswith("# 培训记录 Training Record (R-3.1, R-4.3.1)\n"
                                        'id = "PX-26-11-01"\ndate = 2026-11-20\n'), text)
        self.assertIn('trainees = ["李强", "王芳"]', text)
        self.assertIn('action = "record"', text)
        t = self.shown(tid)
        self.assertEqual(
            {k: t[k] for k in ("number", "date", "topic", "trainer", "trainees", "assessment",
                               "materials", "hours", "by")},
            {"number": tid, "date": "2026-11-20", "topic": "开关柜保护装置调试",
             "trainer": "张伟", "trainees": ["李强", "王芳"], "assessment": "笔试+实操",
             "materials": ["KYN28 调试手册", "保护定值单"], "hours": "3", "by": "王芳"})
        self.assertEqual(t["results"], [])
        # Numbers run on in the month of the date, and restart in another month.
        self.assertEqual(self.add(), "PX-26-11-02")
        self.assertEqual(self.add(date="2026-10-05"), "PX-26-10-01")
        self.assertTrue(os.path.exists(self.path("training", "2026", "10", "PX-26-10-01.toml")))
        # The merge driver covers the folder.
        self.assertIn("training/**/*.toml merge=svc", read_text(self.path(".gitattributes")))

    def test_the_code_is_configurable(self):
        self.set_config('training = "PX"', 'training = "TR"')
        self.assertEqual(self.add(), "TR-26-11-01")
        self.set_config('training = "TR"', 'training = "NC"')
        self.refused(1, ["training", "list"], "[numbers]")

    def test_check_passes_then_finds_a_gap_and_a_damaged_file(self):
        self.add()
        second = self.add()
        self.assertEqual(self.svc("check")[0], 0)
        os.remove(self.tr_path("PX-26-11-01"))
        rc, out, err = self.svc("check")
        self.assertEqual(rc, 1, out + err)
        self.assertIn("gap in the training numbers for 2026-11: PX-26-11-01 is missing before "
                      "PX-26-11-02", out + err)
        write_text(self.tr_path(second), read_text(self.tr_path(second)).replace(
            'topic = "', 'topic = 1\nx = "', 1))
        rc, out, err = self.svc("check")
        self.assertEqual(rc, 1)
        self.assertIn("PX-26-11-02.toml", out + err)


class AssessListTest(TrainingCase):

    def test_assess_note_show_and_list(self):
        first = self.add("--assessment", "笔试")
        second = self.add(date="2025-06-01", topic="直流屏维护", trainees=("赵六",))
        rc, out, err = self.svc("training", "assess", first, "--trainee", "李强",
                                "--result", "合格 92分", "--at", "2026-11-21 10:00")
        self.assertEqual((rc, out, err), (0, "", "svc: PX-26-11-01: 李强 assessed\n"))
        rc, out, err = self.svc("training", "note", first, "王芳补考安排在12月")
        self.assertEqual((rc, out, err), (0, "", "svc: PX-26-11-01: note added\n"))
        t = self.shown(first)
        self.assertEqual([(r["trainee"], r["result"]) for r in t["results"]],
                         [("李强", "合格 92分")])
        self.assertEqual([n["text"] for n in t["notes"]], ["王芳补考安排在12月"])
        self.assertEqual([e["action"] for e in t["history"]], ["record", "assess", "note"])
        text = self.ok("training", "show", first)
        self.assertIn("李强  合格 92分", text)
        self.assertIn("王芳  not assessed yet", text)
        listed = json.loads(self.ok("training", "list", "--json"))
        self.assertEqual([t["number"] for t in listed], [first, second])  # newest first
        self.assertEqual(set(listed[0]), {"number", "date", "topic", "trainer", "trainees",
                                          "hours", "assessment", "materials", "recorded", "by",
                                          "results", "notes"})
        self.assertEqual([t["number"] for t in json.loads(
            self.ok("training", "list", "--year", "2025", "--json"))], [second])
        self.assertEqual(json.loads(self.ok("training", "list", "--year", "2024", "--json")), [])
        self.assertEqual([t["number"] for t in json.loads(
            self.ok("training", "list", "--trainee", "赵六", "--json"))], [second])
        lines = self.ok("training", "list").splitlines()
        self.assertEqual(len(lines), 2)
        self.assertTrue(lines[0].startswith("PX-26-11-01  2026-11-20  开关柜保护装置调试  张伟"))
        self.assertIn("李强 合格 92分", lines[0])
        # As the records stood before the second was recorded (--now).
        self.assertEqual(json.loads(self.svc("training", "list", "--json",
                                             now="2026-11-01T00:00:00+08:00")[1]), [])

    def test_audit_covers_training_files(self):
        env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@x",
                   GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@x")

        def git(*args):
            subprocess.run(["git", *args], cwd=self.records, check=True, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        git("init", "-q")
        tid = self.add()
        self.assertEqual(self.svc("training", "assess", tid, "--trainee", "李强", "--result",
                                  "不合格 55分")[0], 0)
        git("add", "-A")
        git("commit", "-q", "-m", "training")
        path = self.tr_path(tid)
        write_text(path, read_text(path).replace("不合格 55分", "合格 95分"))
        git("commit", "-q", "-am", "rewrite")
        rc, out, err = self.svc("audit")
        self.assertEqual(rc, 1, out + err)
        changed = [l for l in out.splitlines() if "event-changed" in l]
        self.assertEqual(len(changed), 1, out)
        self.assertIn("training/2026/11/" + tid + ".toml", changed[0])


class RefusalTest(TrainingCase):

    def setUp(self):
        super().setUp()
        self.tid = self.add()

    def adding(self, *extra, date="2026-11-20", topic="调试"):
        return ["training", "add", "--date", date, "--topic", topic, "--trainer", "张伟", *extra]

    def test_bad_date(self):
        self.refused(2, self.adding("--trainee", "李强", date="2026-13-01"), "--date")
        self.refused(2, self.adding("--trainee", "李强", date="tomorrow"), "--date")

    def test_empty_topic(self):
        self.refused(2, self.adding("--trainee", "李强", topic="  "), "--topic", "empty")

    def test_no_trainee(self):
        self.refused(2, self.adding(), "--trainee")

    def test_a_trainee_twice_and_an_empty_one(self):
        self.refused(2, self.adding("--trainee", "李强", "--trainee", "李强"), "named twice")
        self.refused(2, self.adding("--trainee", " "), "--trainee", "empty")

    def test_bad_hours(self):
        self.refused(2, self.adding("--trainee", "李强", "--hours", "three"), "--hours")

    def test_control_characters(self):
        self.refused(2, self.adding("--trainee", "李强\x1b[31m"), "--trainee")
        self.refused(2, self.adding("--trainee", "李强", "--material", "a\nb"), "--material")

    def test_unknown_verb_and_record(self):
        self.refused(2, ["training", "frobnicate"])
        self.refused(1, ["training", "show", "PX-26-11-09"], "no training record 'PX-26-11-09'")
        self.refused(1, ["training", "assess", "PX-26-11-09", "--trainee", "李强",
                         "--result", "合格"], "no training record")

    def test_assessment_refusals(self):
        self.refused(1, ["training", "assess", self.tid, "--trainee", "赵六", "--result", "合格"],
                     "'赵六' is not among the trainees")
        self.refused(2, ["training", "assess", self.tid, "--trainee", "李强", "--result", " "],
                     "--result")
        self.refused(1, ["training", "assess", self.tid, "--trainee", "李强", "--result", "合格",
                         "--at", "2026-11-19 10:00"], "before the training")
        self.assertEqual(self.svc("training", "assess", self.tid, "--trainee", "李强",
                                  "--result", "合格")[0], 0)
        self.refused(1, ["training", "assess", self.tid, "--trainee", "李强", "--result", "优秀"],
                     "already assessed")

    def test_bad_year(self):
        self.refused(2, ["training", "list", "--year", "26"], "--year")
        self.refused(2, ["training", "list", "--year", "1999"], "--year")

    def test_names_not_on_the_staff_list(self):
        config = read_text(self.path("svc.toml"))
        write_text(self.path("svc.toml"), config + '\n[[staff]]\nname = "张伟"\nrole = "engineer"'
                   '\n\n[[staff]]\nname = "李强"\nrole = "engineer"\n')
        self.ok("training", "add", "--date", "2026-11-21", "--topic", "调试", "--trainer",
                "张伟", "--trainee", "李强")
        self.refused(1, self.adding("--trainee", "外人"),
                     "trainee '外人' is not listed in svc.toml's [[staff]]")
        self.refused(1, ["training", "add", "--date", "2026-11-21", "--topic", "调试",
                         "--trainer", "外人", "--trainee", "李强"], "trainer '外人'")


class TrainingMergeTest(GitCase):

    def test_assessments_in_two_clones_merge_keeping_both(self):
        w = self.world()
        d, e = w.start()
        tid = w.ok(d, "training", "add", "--date", "2026-11-29", "--topic", "调试", "--trainer",
                   "张伟", "--trainee", "李强", "--trainee", "王芳", "--at", T("09:00"),
                   now=T("09:05"))
        self.assertEqual(tid, "PX-26-11-01")
        w.commit(d, "training")
        w.push(d)
        w.git(e, "pull", "-q", "--ff-only", "origin", "main")
        w.ok(e, "training", "assess", tid, "--trainee", "王芳", "--result", "优秀",
             now=T("11:00"))
        w.commit(e, "assess 王芳")
        w.ok(d, "training", "assess", tid, "--trainee", "李强", "--result", "合格",
             now=T("10:00"))
        w.commit(d, "assess 李强")
        w.push(d)
        rc, out = w.pull(e)
        self.assertEqual(rc, 0, out)
        self.assertCheckClean(w, e)
        shown = json.loads(w.ok(e, "training", "show", tid, "--json"))
        self.assertEqual([(r["trainee"], r["result"]) for r in shown["results"]],
                         [("李强", "合格"), ("王芳", "优秀")])

    def test_two_clones_recording_one_number_offline_set_aside_and_renumbered(self):
        # The same treatment tickets get: the older session keeps the number,
        # the newer is set aside and svc renumber moves it on.
        w = self.world()
        d, e = w.start()
        self.assertEqual(w.ok(d, "training", "add", "--date", "2026-11-29", "--topic", "调试",
                              "--trainer", "张伟", "--trainee", "李强", "--at", T("09:00"),
                              now=T("09:05")), "PX-26-11-01")
        w.commit(d, "desk")
        w.push(d)
        self.assertEqual(w.ok(e, "training", "add", "--date", "2026-11-29", "--topic", "安全规程",
                              "--trainer", "王芳", "--trainee", "赵六", "--at", T("09:30"),
                              now=T("09:35")), "PX-26-11-01")
        w.commit(e, "laptop")
        rc, out = w.pull(e)
        self.assertNotEqual(rc, 0, out)
        self.assertIn("svc renumber PX-26-11-01", out)
        rc, rout, rerr = w.svc(e, "renumber", "PX-26-11-01", now=T("12:00"))
        self.assertEqual((rc, rout), (0, "PX-26-11-02\n"), rerr)
        folder = os.path.join(e, "training", "2026", "11")
        self.assertEqual(sorted(os.listdir(folder)), ["PX-26-11-01.toml", "PX-26-11-02.toml"])
        self.assertIn("安全规程", read_text(os.path.join(folder, "PX-26-11-02.toml")))
        self.assertCheckClean(w, e)
        w.commit(e, "merge; renumbered")
        rc, aout, aerr = w.svc(e, "audit")
        self.assertEqual(rc, 0, aout + aerr)


if __name__ == "__main__":
    unittest.main()
