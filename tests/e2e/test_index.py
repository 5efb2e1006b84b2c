"""The index (.svc/index) through the real binary: `svc list`, `svc overdue`
and `svc report` print exactly the same with the index as without it
(--no-index) after edits through svc, a hand edit svc must read through
toml++, deleted tickets and month folders, `git checkout` of other states of
the records, a truncated index, and runs of svc overdue alongside a process
recording events.

A file changed within 2 s of a run is never cached, so tests "age" changed
files (an old modification time, as if written long before) to exercise the
cached path as well as the fresh one.
"""

import os
import shutil
import subprocess
import threading
import time
import unittest

from svctest import ACTOR, SOURCE_DIR, SVC, SvcTestCase, clean_env, read_bytes, write_text

NOW = "2026-11-29T10:00:00+08:00"
EARLIER = "2026-11-17T12:00:00+08:00"  # before the last events of several tickets
LONG_AGO = "2026-10-20T09:00:00+08:00"  # before every event of most tickets

# Every question asked of the index: (arguments, --now).
QUESTIONS = [
    (["list"], NOW),
    (["--json", "list"], EARLIER),
    (["overdue", "--warn", "2h"], NOW),
    (["--json", "overdue", "--warn", "2h"], EARLIER),
    (["report", "--month", "2026-11"], NOW),
    (["--json", "report", "--month", "2026-11"], NOW),
    (["--json", "report", "--year", "2026"], EARLIER),
    (["--json", "list"], LONG_AGO),
    (["--json", "overdue"], LONG_AGO),
    (["--json", "report", "--month", "2026-10"], LONG_AGO),
]
# A few of them, for the tests that ask many times.
SOME = [QUESTIONS[0], QUESTIONS[3], QUESTIONS[5]]

# The index is used unless $SVC_NO_INDEX is set: never inherit it.
NO_ENV_INDEX = {"SVC_NO_INDEX": None}


def have_git():
    return shutil.which("git") is not None


class IndexCase(SvcTestCase):
    """A records directory holding the bundled tickets (records/)."""

    def setUp(self):
        super().setUp()
        src = os.path.join(SOURCE_DIR, "records")
        for name in ("tickets", "outbound"):
            if os.path.isdir(os.path.join(src, name)):
                shutil.copytree(os.path.join(src, name), self.path(name), dirs_exist_ok=True)
        if os.path.exists(os.path.join(src, "parts.toml")):
            shutil.copy(os.path.join(src, "parts.toml"), self.path("parts.toml"))
        self._aged = 0

    def index_path(self):
        return self.path(".svc", "index")

    def act(self, *args, **kwargs):
        """Runs a command that changes the records; asserts it succeeded."""
        rc, out, err = self.svc(*args, **kwargs)
        self.assertEqual(rc, 0, "svc {} failed:\n{}".format(" ".join(args), err))
        return out

    def age(self):
        """Gives every records file changed in the last minute its own
        modification time an hour ago."""
        now = time.time_ns()
        for dirpath, dirnames, filenames in os.walk(self.records):
            for skip in (".svc", ".git"):
                if skip in dirnames:
                    dirnames.remove(skip)
            for name in filenames:
                p = os.path.join(dirpath, name)
                if os.stat(p).st_mtime_ns > now - 60 * 10**9:
                    self._aged += 1
                    t = now - 3600 * 10**9 + self._aged * 1000003
                    os.utime(p, ns=(t, t))

    def prime(self):
        """Ages the files and builds the index from them (one run)."""
        self.age()
        rc, out, err = self.ask(["list"], NOW)
        self.assertEqual((rc, err), (0, ""))

    def command(self, args, now, index=True):
        pre = ["-R", self.records, "--now", now, "--actor", ACTOR]
        return [SVC, *pre, *([] if index else ["--no-index"]), *args]

    def ask(self, args, now, index=True):
        return self.svc(*([] if index else ["--no-index"]), *args, now=now, env=NO_ENV_INDEX)

    def ask_both(self, args, now):
        """(rc, stdout, stderr) with the index and without, run side by side."""
        procs = [subprocess.Popen(self.command(args, now, index), stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  env=clean_env(NO_ENV_INDEX))
                 for index in (True, False)]
        out = []
        for p in procs:
            o, e = p.communicate(timeout=120)
            out.append((p.returncode, o.decode("utf-8"), e.decode("utf-8")))
        return out

    @staticmethod
    def note_lines(err):
        return "".join(l for l in err.splitlines(True) if l.startswith("svc: note: "))

    def assertSameAnswers(self, questions=QUESTIONS, quiet=False):
        """Every question gives the same exit status and stdout with and
        without the index; returns [(rc, stdout, stderr)] of the runs through
        the index. quiet: no notes either."""
        got = []
        for args, now in questions:
            with self.subTest(args=args, now=now):
                (rc_i, out_i, err_i), (rc_f, out_f, err_f) = self.ask_both(args, now)
                self.assertEqual((rc_i, out_i), (rc_f, out_f),
                                 "svc {} --now {} differs with the index".format(" ".join(args), now))
                self.assertEqual(err_i.replace(self.note_lines(err_i), ""), err_f)
                self.assertNotEqual(out_i, "")
                if quiet:
                    self.assertEqual(self.note_lines(err_i), "")
                got.append((rc_i, out_i, err_i))
        return got

    def assertSameFreshAndAged(self, questions=QUESTIONS):
        """With the changed files too recent to cache (every question), then
        once they look old (a few)."""
        self.assertSameAnswers(questions)
        self.age()
        self.assertSameAnswers(SOME if questions is QUESTIONS else questions, quiet=True)


class Basics(IndexCase):

    def test_cold_and_warm(self):
        self.age()
        self.assertFalse(os.path.exists(self.index_path()))
        cold = self.assertSameAnswers(quiet=True)  # built without a word
        self.assertTrue(os.path.exists(self.index_path()))
        built = read_bytes(self.index_path())
        stamp = os.stat(self.index_path())
        warm = self.assertSameAnswers(quiet=True)
        self.assertEqual(warm, cold)
        # Warm: nothing changed, so the index is not rewritten.
        self.assertEqual(read_bytes(self.index_path()), built)
        self.assertEqual(os.stat(self.index_path()).st_mtime_ns, stamp.st_mtime_ns)
        self.assertEqual(os.stat(self.index_path()).st_ino, stamp.st_ino)

    def test_no_index_writes_no_index(self):
        for args, now in SOME:
            self.ask(args, now, index=False)
            self.svc(*args, now=now, env={"SVC_NO_INDEX": "1"})
        self.assertFalse(os.path.exists(self.index_path()))
        # SVC_NO_INDEX=1 answers as --no-index does.
        for args, now in SOME:
            self.assertEqual(self.svc(*args, now=now, env={"SVC_NO_INDEX": "1"}),
                             self.ask(args, now, index=False))

    def test_deleted_index_is_rebuilt_silently(self):
        self.prime()
        built = read_bytes(self.index_path())
        os.remove(self.index_path())
        self.assertSameAnswers(SOME, quiet=True)
        self.assertEqual(read_bytes(self.index_path()), built)


class Edits(IndexCase):

    def test_edits_through_svc(self):
        self.prime()
        self.act("note", "SH-26-11-01", "客户来电询问进度", "--at", "2026-11-29T09:00")
        self.act("note", "SC-26-11-02", "备件已发出")
        new = self.open("YX", "苏州新客户", "--received-at", "2026-11-29T08:00",
                        "--at", "2026-11-29T08:30", "--level", "1")
        self.act("classify", new, "--kind", "support", "--category", "software", "--level", "2",
                 "--at", "2026-11-29T09:00")
        self.assertSameFreshAndAged()
        self.act("close", new, "--result", "completed", "--remote", "--at", "2026-11-29T09:30")
        self.act("void", "YX-26-11-02", "--reason", "重复登记")
        self.assertSameAnswers(SOME)

    def test_hand_edit_in_another_layout(self):
        """A hand edit svc does not write that way: the fast reader declines
        it, toml++ reads it, and the index must not keep the old summary."""
        self.prime()
        tid = "SC-26-11-01"
        text = self.ticket_text(tid)
        self.assertIn('name = "郑州宇达汽车零部件有限公司"', text)
        edited = text.replace('name = "郑州宇达汽车零部件有限公司"',
                              "# 客户改名\nname   =   '郑州宇达新能源有限公司'   # 手改", 1)
        edited = edited.replace('id = "SC-26-11-01"\nvia = "SC"\n',
                                'via = "SC"\nid = "SC-26-11-01"\n', 1)
        self.assertNotEqual(edited, text)
        write_text(self.ticket_path(tid), edited)
        self.assertSameFreshAndAged()
        out = self.ask(["list"], NOW)[1]
        self.assertIn("郑州宇达新能源有限公司", out)
        self.assertNotIn("郑州宇达汽车零部件", out)
        # svc reads it, and writes it canonically on the next change.
        self.act("note", tid, "已核对客户名称")
        self.assertSameAnswers(SOME)

    def test_same_size_edit_in_place(self):
        self.prime()
        path = self.ticket_path("SH-26-11-02")
        before = os.stat(path)
        data = bytearray(read_bytes(path))
        old = "大唐张北风电场".encode("utf-8")
        new = "大唐张南风电场".encode("utf-8")
        at = data.index(old)
        data[at:at + len(new)] = new
        with open(path, "r+b") as f:
            f.write(bytes(data))
        # Same inode, same size, an older (but different) modification time.
        t = before.st_mtime_ns - 5 * 10**9
        os.utime(path, ns=(t, t))
        self.assertEqual((os.stat(path).st_ino, os.stat(path).st_size),
                         (before.st_ino, before.st_size))
        self.assertSameAnswers(SOME)
        self.assertIn("大唐张南风电场", self.ask(["list"], NOW)[1])

    def test_deletions(self):
        self.prime()
        os.remove(self.ticket_path("SH-26-11-03"))
        os.remove(self.ticket_path("YX-26-10-01"))
        self.assertSameFreshAndAged(SOME)
        shutil.rmtree(self.path("tickets", "2026", "10"))
        self.assertSameAnswers(SOME)
        # Months added before and after the others, then the last removed.
        self.copy_ticket("SH-26-11-01", "SH-26-09-01")
        self.copy_ticket("SH-26-11-01", "SH-26-12-01")
        self.assertSameFreshAndAged(SOME)
        shutil.rmtree(self.path("tickets", "2026", "12"))
        self.assertSameAnswers(SOME)

    def test_unreadable_ticket(self):
        self.prime()
        path = self.ticket_path("SH-26-11-04")
        good = read_bytes(path)
        write_text(path, 'id = "SH-26-11-04"\nvia = = "SH"\n')
        for aged in (False, True):
            if aged:
                self.age()
            for args, now in SOME:
                with self.subTest(args=args, aged=aged):
                    with_index, without = self.ask_both(args, now)
                    self.assertEqual(with_index, without)
                    self.assertIn("SH-26-11-04", with_index[2])
        with open(path, "wb") as f:
            f.write(good)
        self.assertSameFreshAndAged(SOME)

    def test_a_folder_where_a_ticket_file_should_be(self):
        # A folder named like a ticket: every scan names it and goes on.
        self.prime()
        folder = os.path.join(os.path.dirname(self.ticket_path("SH-26-11-04")), "SH-26-11-99.toml")
        os.mkdir(folder)
        for index in (True, False):
            with self.subTest(index=index):
                rc, out, err = self.ask(["list"], NOW, index=index)
                self.assertEqual(rc, 1, err)
                self.assertIn("cannot read {}: it is a folder".format(folder), err)
                self.assertIn("SH-26-11-04", out)  # the others are listed
        rc, out, err = self.svc("check", now=NOW)
        self.assertEqual(rc, 1)
        self.assertIn("it is a folder", out + err)
        os.rmdir(folder)
        self.assertSameFreshAndAged(SOME)


@unittest.skipUnless(have_git(), "git is not installed")
class GitCheckout(IndexCase):

    def git(self, *args):
        p = subprocess.run(["git", "-c", "user.name=svc-test", "-c", "user.email=t@example.com",
                            "-c", "commit.gpgsign=false", *args],
                           cwd=self.records, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        return p.stdout.decode().strip()

    def commit(self, message):
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)
        return self.git("rev-parse", "HEAD")

    def answers(self):
        return [self.ask(q, n)[:2] for q, n in QUESTIONS]

    def test_checkout_back_and_forth(self):
        self.git("init", "-q")
        a = self.commit("bundled records")
        self.prime()
        answers = {a: self.answers()}
        # State b: work done through svc.
        self.act("note", "SH-26-11-01", "客户来电")
        self.act("close", "SC-26-11-02", "--result", "completed", "--at", "2026-11-29T09:40")
        self.open("SH", "新客户", "--received-at", "2026-11-29T07:00", "--at", "2026-11-29T07:10",
                  "--level", "1")
        b = self.commit("work through svc")
        answers[b] = self.answers()
        self.assertNotEqual(answers[a], answers[b])
        # State c: a hand edit and a deleted ticket.
        text = self.ticket_text("YX-26-11-01")
        write_text(self.ticket_path("YX-26-11-01"),
                   text.replace('via = "YX"', "via   =   'YX'", 1).replace("苏", "浙"))
        os.remove(self.ticket_path("SH-26-10-02"))
        c = self.commit("hand edit, deletion")
        answers[c] = self.answers()
        self.assertNotEqual(answers[b], answers[c])
        self.age()
        self.ask(["list"], NOW)  # the index now holds state c

        for rev in [a, c, b, a]:
            with self.subTest(rev=rev):
                self.git("checkout", "-q", rev)
                # Straight after the checkout (files too recent to cache) ...
                got = self.assertSameAnswers()
                self.assertEqual([g[:2] for g in got], answers[rev])
                # ... and once they look old.
                self.age()
                self.assertSameAnswers(SOME, quiet=True)

    def test_checkout_with_aged_files(self):
        """States switched with file times set back each time, so that only
        the size, the inode and the time itself tell the files apart."""
        self.git("init", "-q")
        a = self.commit("bundled records")
        self.act("note", "SH-26-11-01", "x")
        b = self.commit("one note")
        for rev in [a, b, a, b]:
            with self.subTest(rev=rev):
                self.git("checkout", "-q", rev)
                self.age()
                self.assertSameAnswers(SOME, quiet=True)


def varint(data, pos):
    """(value, next position) of the LEB128 varint at pos."""
    value, shift = 0, 0
    while pos < len(data):
        b = data[pos]
        pos += 1
        value |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            break
    return value, pos


def entry_offsets(index):
    """Where each entry of the index starts, and where its end marker is: the
    layout lib/index.cc writes (a magic line, the varint-prefixed
    fingerprint and place, varint-prefixed entries each followed by an 8-byte
    checksum, a zero length)."""
    pos = index.index(b"\n") + 1
    for _ in ("fingerprint", "place"):
        n, pos = varint(index, pos)
        pos += n
    out = []
    while pos < len(index):
        out.append(pos)
        n, pos = varint(index, pos)
        if n == 0:
            break
        pos += n + 8
    return out


class TruncatedIndex(IndexCase):

    def build(self):
        self.prime()
        full = read_bytes(self.index_path())
        self.assertGreater(len(full), 1000)
        return full

    def test_truncated_index(self):
        full = self.build()
        entries = entry_offsets(full)
        self.assertGreater(len(entries), 10)
        # Cut inside the magic line, inside the fingerprint, and inside entries
        # (past their length prefix): each a damaged index.
        lengths = [0, 5, 20, entries[0] + 5, entries[len(entries) // 2] + 5, entries[-2] + 5]
        self.assertTrue(all(l < len(full) - 1 for l in lengths))
        for length in lengths:
            for args, now in SOME:
                with self.subTest(length=length, args=args):
                    with open(self.index_path(), "wb") as f:
                        f.write(full[:length])
                    (rc_i, out_i, err_i), (rc_f, out_f, err_f) = self.ask_both(args, now)
                    self.assertEqual((rc_i, out_i), (rc_f, out_f))
                    self.assertIn("svc: note: rebuilding the index", err_i)
                    self.assertEqual(self.note_lines(err_i).count("\n"), 1, err_i)
                    self.assertEqual(err_i.replace(self.note_lines(err_i), ""), err_f)
                    # Rebuilt: the next run reads it silently.
                    rc, out, err = self.ask(args, now, index=True)
                    self.assertEqual((rc, out), (rc_f, out_f))
                    self.assertEqual(self.note_lines(err), "")
                    self.assertEqual(read_bytes(self.index_path()), full)

    # An index an earlier svc wrote (its summaries in another layout, the
    # magic line saying so) is rebuilt with one note, never read.
    def test_index_of_an_earlier_format(self):
        full = self.build()
        self.assertTrue(full.startswith(b"svc-index "))
        magic_end = full.index(b"\n") + 1
        for older in (b"svc-index 4\n", b"svc-index 5\n", b"svc-index 6\n"):
            for args, now in SOME:
                with self.subTest(older=older, args=args):
                    with open(self.index_path(), "wb") as f:
                        f.write(older + full[magic_end:])
                    (rc_i, out_i, err_i), (rc_f, out_f, err_f) = self.ask_both(args, now)
                    self.assertEqual((rc_i, out_i), (rc_f, out_f))
                    self.assertEqual(self.note_lines(err_i),
                                     "svc: note: rebuilding the index .svc/index "
                                     "(it is not an index of this svc)\n")
                    self.assertEqual(read_bytes(self.index_path()), full)

    def test_truncated_between_entries_same_answers(self):
        full = self.build()
        entries = entry_offsets(full)
        for length in [entries[0], entries[3], entries[-1], len(full) - 1]:
            for args, now in SOME[:2]:
                with self.subTest(length=length, args=args):
                    with open(self.index_path(), "wb") as f:
                        f.write(full[:length])
                    with_index, without = self.ask_both(args, now)
                    self.assertEqual(with_index[:2], without[:2])

    def test_garbage_index(self):
        full = self.build()
        with open(self.index_path(), "wb") as f:
            f.write(bytes(range(256)) * 20)
        got = self.assertSameAnswers(SOME)
        self.assertIn("svc: note: rebuilding the index", got[0][2])
        self.assertEqual(read_bytes(self.index_path()), full)

    # An index missing only its last byte (the end marker) gives the same
    # answers, a note on stderr, and is rewritten whole, so later runs do not
    # read the truncated file again. By hand:
    #   svc -R R list; (age the files or wait 2 s) svc -R R list;
    #   truncate -s -1 R/.svc/index; svc -R R list    # "svc: note: rebuilding the index"
    #   svc -R R list; ls -l R/.svc/index             # its full length again
    def test_index_missing_its_last_byte_is_noted_and_rebuilt(self):
        full = self.build()
        with open(self.index_path(), "wb") as f:
            f.write(full[:-1])
        rc, out, err = self.ask(["list"], NOW)
        self.assertEqual((rc, out), self.ask(["list"], NOW, index=False)[:2])
        self.assertIn("rebuilding the index", err)
        self.ask(["list"], NOW)
        self.assertEqual(read_bytes(self.index_path()), full)

    # A byte changed inside a stored summary is caught (the index is
    # checksummed), not decoded as another valid summary and printed as the
    # ticket's: the answers stay those of the ticket files. By hand (after two
    # runs more than 2 s after copying records/tickets in):
    #   flip the low bit of the 3rd byte of "华能如东光伏电站" in R/.svc/index;
    #   svc -R R list   # SH-26-10-01's customer still reads 华能如东光伏电站
    def test_changed_byte_in_index(self):
        self.prime()
        data = bytearray(read_bytes(self.index_path()))
        at = data.index("华能如东光伏电站".encode("utf-8"))
        data[at + 2] ^= 1
        with open(self.index_path(), "wb") as f:
            f.write(bytes(data))
        self.assertSameAnswers(SOME[:1])

    # The same, cut exactly at an entry boundary: right answers and a note.
    def test_index_cut_between_entries_is_noted(self):
        full = self.build()
        entries = entry_offsets(full)
        with open(self.index_path(), "wb") as f:
            f.write(full[:entries[len(entries) // 2]])
        rc, out, err = self.ask(["list"], NOW)
        self.assertEqual((rc, out), self.ask(["list"], NOW, index=False)[:2])
        self.assertIn("rebuilding the index", err)


class Concurrent(IndexCase):

    def test_overdue_runs_while_events_are_recorded(self):
        self.prime()
        stop = threading.Event()
        recorded = []
        failures = []

        def recorder():
            ids = ["SH-26-11-01", "SC-26-11-02", "SH-26-11-02", "YX-26-11-01"]
            i = 0
            while not stop.is_set() and i < 30:
                rc, out, err = self.svc("note", ids[i % len(ids)], "并发记录 {}".format(i))
                if rc != 0:
                    failures.append(err)
                recorded.append(i)
                i += 1

        t = threading.Thread(target=recorder)
        t.start()
        try:
            results = []
            for _ in range(2):
                procs = [subprocess.Popen(
                    self.command(["overdue", "--warn", "2h"], NOW), stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=clean_env(NO_ENV_INDEX))
                    for _ in range(8)]
                for p in procs:
                    out, err = p.communicate(timeout=120)
                    results.append((p.returncode, out.decode(), err.decode()))
        finally:
            stop.set()
            t.join()
        self.assertEqual(failures, [])
        self.assertGreater(len(recorded), 0)
        for rc, out, err in results:
            self.assertIn(rc, (0, 1, 2), err)
            self.assertTrue(out.startswith("SVC "), out)
            self.assertIn("unreadable=0", out)
            # No run saw a damaged index (each writes its own temporary file
            # and renames it into place).
            self.assertEqual(err, "")
        # Afterwards: the same answers, and the index is readable.
        self.assertSameAnswers(quiet=True)
        self.age()
        self.assertSameAnswers(quiet=True)


if __name__ == "__main__":
    unittest.main()
