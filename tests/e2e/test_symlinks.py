"""Nothing outside the records (issue 16, item 1): svc follows no symbolic
link below the records directory.

A link is planted where a writer would go — at the temporary file's name,
at a ticket file, at a month folder, at tickets/, at outbound/, at
.svc/lock and .svc/index — pointing at a file or folder outside the
records. Each writer (`svc note`, `svc open`, `svc dispatch`) refuses with
exit 1 and one line naming the link and "symbolic link", or writes only
inside; the records and the outside are byte for byte unchanged; and
`svc check` reports every link (file: message) without following it. A
link can also arrive by git: one clone commits a symbolic-link ticket,
another pulls it, and check there reports it.
"""

import os
import shutil
import subprocess
import tempfile
import unittest

from svctest import (ACTOR, NOW, SVC, SvcTestCase, clean_env, read_bytes, snapshot,
                     ticket_rel_path)

LINK_MESSAGE = "svc follows no links in the records directory"
CHECK_MESSAGE = ("a symbolic link: svc follows no links in the records directory, and writes "
                 "nothing through one (replace it with the file or folder itself)")


def tree(root):
    """{relative path: bytes or None for a folder or "-> target" for a link}
    of everything under root, links not followed."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            if os.path.islink(path):
                out[rel] = "-> " + os.readlink(path)
            elif os.path.isdir(path):
                out[rel] = None
            else:
                out[rel] = read_bytes(path)
    return out


class SymlinkTest(SvcTestCase):

    def setUp(self):
        super().setUp()
        self.outside = os.path.join(self.tmp, "outside")
        os.makedirs(os.path.join(self.outside, "folder"))
        self.secret = os.path.join(self.outside, "secret")
        with open(self.secret, "wb") as f:
            f.write(b"not a record: must stay as it is\n")
        self.outside_before = tree(self.outside)

    def link(self, rel, target):
        path = self.path(rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        os.symlink(target, path)
        return path

    def assertOutsideUnchanged(self):
        self.assertEqual(tree(self.outside), self.outside_before)

    def assertRefused(self, args, link, it=False):
        """svc ARGS exits 1 with one line naming `link` as a symbolic link;
        the records (links included) and the outside are unchanged."""
        def records():
            # .svc's own lock and cache are local state, not records (links there are kept).
            return {k: v for k, v in tree(self.records).items()
                    if not (k.split("/")[0] == ".svc" and not isinstance(v, str))}
        before = records()
        err = self.assertFails(1, self.svc(*args), "symbolic link", LINK_MESSAGE)
        if it:
            self.assertIn(link + ": it is a symbolic link", err)
        else:
            self.assertIn(link + " is a symbolic link", err)
        self.assertEqual(records(), before)
        self.assertOutsideUnchanged()
        return err

    def assertCheckReports(self, *links):
        rc, out, err = self.svc("check")
        self.assertEqual(rc, 1, out + err)
        for link in links:
            self.assertIn("{}: {}\n".format(link, CHECK_MESSAGE), out)
        self.assertEqual(out.count(CHECK_MESSAGE), len(links), out)
        self.assertOutsideUnchanged()

    def done(self, *args):
        """svc ARGS succeeds (its confirmation on stderr)."""
        rc, out, err = self.svc(*args)
        self.assertEqual(rc, 0, err)
        return out

    def dispatchable(self):
        tid = self.open()
        self.done("classify", tid, "--kind", "support", "--category", "hardware", "--level", "3",
                "--service", "onsite-repair")
        return tid

    # --- each place a link can be planted ---------------------------------

    def test_link_at_the_temporary_files_name(self):
        tid = self.open()
        ticket = self.ticket_path(tid)
        folder = os.path.dirname(ticket)
        # The temporary file is .<name>.tmp<PID>: the link is planted at svc's
        # own PID, in the child between fork and exec (exec keeps the PID).
        def plant():
            name = ".{}.toml.tmp{}".format(tid, os.getpid())
            os.symlink(self.secret, os.path.join(folder, name))

        text = read_bytes(ticket)
        p = subprocess.Popen([SVC, "-R", self.records, "--now", NOW, "--actor", ACTOR,
                              "note", tid, "现场已断电"], stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=clean_env(),
                             preexec_fn=plant)
        out, err = (b.decode() for b in p.communicate(timeout=60))
        rc = p.returncode
        planted = [n for n in os.listdir(folder) if os.path.islink(os.path.join(folder, n))]
        self.assertEqual(planted, [".{}.toml.tmp{}".format(tid, p.pid)])
        self.assertEqual((rc, out), (1, ""), err)
        self.assertOneLine(err)
        self.assertRegex(err, r"^svc: cannot create .*/\.{}\.toml\.tmp{}: it is a symbolic link "
                         .format(tid, p.pid))
        self.assertEqual(read_bytes(ticket), text)
        self.assertFalse(os.path.islink(ticket))
        self.assertOutsideUnchanged()
        rc, out, _ = self.svc("check")
        self.assertEqual(rc, 1)
        self.assertEqual(out.count(CHECK_MESSAGE), 1)

    def test_link_at_a_ticket_file(self):
        tid = self.open()
        ticket = self.ticket_path(tid)
        os.remove(ticket)
        os.symlink(self.secret, ticket)
        self.assertRefused(("note", tid, "现场已断电"), ticket, it=True)
        self.assertRefused(("classify", tid, "--kind", "support", "--category", "hardware",
                            "--level", "3"), ticket, it=True)
        self.assertCheckReports(ticket)

    def test_link_at_the_next_tickets_name(self):
        # svc open would take the number a link sits on: it refuses to write there.
        self.open()
        link = self.link(ticket_rel_path("YX-26-11-02"), self.secret)
        self.assertRefused(("open", "--via", "YX", "--customer", "甲"), link, it=True)
        self.assertCheckReports(link)

    def test_link_at_a_month_folder(self):
        link = self.link("tickets/2026/11", os.path.join(self.outside, "folder"))
        self.assertRefused(("open", "--via", "YX", "--customer", "甲"), link, it=True)
        self.assertCheckReports(link)

    def test_link_at_a_year_folder(self):
        tid = self.open()
        shutil.rmtree(self.path("tickets/2026"))
        link = self.link("tickets/2026", os.path.join(self.outside, "folder"))
        self.assertRefused(("open", "--via", "YX", "--customer", "甲"),
                           self.path("tickets/2026"), it=False)
        self.assertRefused(("note", tid, "x"), link)
        self.assertCheckReports(link)

    def test_link_at_tickets(self):
        shutil.rmtree(self.path("tickets"))
        link = self.link("tickets", os.path.join(self.outside, "folder"))
        self.assertRefused(("open", "--via", "YX", "--customer", "甲"), link)
        self.assertCheckReports(link)

    def test_link_at_outbound_and_its_month(self):
        tid = self.dispatchable()
        for rel in ("outbound", "outbound/2026/11"):
            with self.subTest(rel=rel):
                if os.path.islink(self.path("outbound")):
                    os.remove(self.path("outbound"))
                shutil.rmtree(self.path("outbound"), ignore_errors=True)
                link = self.link(rel, os.path.join(self.outside, "folder"))
                # Met on the way to the registry entry the dispatch reads first.
                self.assertRefused(("dispatch", tid, "--tech", "张伟"), link)
                self.assertCheckReports(link)

    def test_link_at_an_outbound_record(self):
        tid = self.dispatchable()
        link = self.link("outbound/2026/11/SC-26-11-01.toml", self.secret)
        self.assertRefused(("dispatch", tid, "--tech", "张伟"), link, it=True)
        self.assertCheckReports(link)

    def test_link_at_the_lock(self):
        tid = self.dispatchable()
        lock = self.path(".svc/lock")
        if os.path.lexists(lock):
            os.remove(lock)
        self.link(".svc/lock", self.secret)
        for args in (("note", tid, "x"), ("open", "--via", "YX", "--customer", "甲"),
                     ("dispatch", tid, "--tech", "张伟")):
            with self.subTest(args=args):
                self.assertRefused(args, lock, it=True)
        self.assertCheckReports(lock)

    def test_link_at_the_index(self):
        tid = self.open()
        index = self.path(".svc/index")
        if os.path.lexists(index):
            os.remove(index)
        self.link(".svc/index", self.secret)
        # Readers answer from the files; the cache is neither read nor written.
        self.assertIn(tid, self.done("list"))
        self.done("note", tid, "现场已断电")
        self.assertTrue(os.path.islink(index))
        self.assertOutsideUnchanged()
        self.assertCheckReports(index)

    def test_link_at_svc_folder(self):
        tid = self.open()
        shutil.rmtree(self.path(".svc"))
        link = self.link(".svc", os.path.join(self.outside, "folder"))
        self.assertRefused(("note", tid, "x"), link, it=True)
        self.assertCheckReports(link)

    def test_the_records_reached_through_a_link_of_the_users_own(self):
        # The records directory itself may be a link: only what lies below it is refused.
        via = os.path.join(self.tmp, "via")
        os.symlink(self.records, via)
        rc, out, err = self.svc("-R", via, "open", "--via", "YX", "--customer", "甲", records=False)
        self.assertEqual(rc, 0, err)
        self.assertEqual(self.svc("-R", via, "check", records=False)[0], 0)


class CopiedIndexTest(SvcTestCase):
    """.svc/index names the records directory and .svc it was made in: an
    index copied in from elsewhere is rebuilt, not believed (issue 16, item 7)."""

    NOTE = ("svc: note: rebuilding the index .svc/index "
            "(it was not made in this records directory)\n")

    def listing(self, records):
        rc, out, err = self.svc("-R", records, "list", records=False)
        self.assertEqual(rc, 0, err)
        return out, err

    def test_an_index_copied_in_is_rebuilt(self):
        self.open()
        self.open(customer="甲")
        here, err = self.listing(self.records)
        self.assertEqual(err, "")
        index = self.path(".svc", "index")
        self.assertTrue(os.path.isfile(index))
        self.assertEqual(self.listing(self.records), (here, ""))  # its own index: believed
        # A copy of the whole records directory: another place.
        other = os.path.join(self.tmp, "other")
        shutil.copytree(self.records, other)
        self.assertEqual(self.listing(other), (here, self.NOTE))
        self.assertEqual(self.listing(other), (here, ""))
        # The index file alone, copied into the other's own .svc.
        shutil.copy(index, os.path.join(other, ".svc", "index"))
        self.assertEqual(self.listing(other), (here, self.NOTE))
        self.assertEqual(self.listing(other), (here, ""))
        # And back: the original's index replaced by the copy's.
        shutil.copy(os.path.join(other, ".svc", "index"), index)
        self.assertEqual(self.listing(self.records), (here, self.NOTE))


class GitCarriedLinkTest(unittest.TestCase):
    """A symbolic-link ticket committed in one clone and pulled in another."""

    def test_pulled_link_is_reported_and_refused(self):
        from test_git import T, World
        tmp = tempfile.mkdtemp(prefix="svc-link-")
        self.addCleanup(shutil.rmtree, tmp, ignore_errors=True)
        os.makedirs(os.path.join(tmp, "w"))
        w = World(self, os.path.join(tmp, "w"))
        d, e = w.start()
        secret = os.path.join(tmp, "secret")
        with open(secret, "wb") as f:
            f.write(b"the engineer's own file\n")
        tid = w.ok(d, "open", "--via", "YX", "--customer", "甲", now=T("09:00"))
        rel = ticket_rel_path(tid)
        os.remove(os.path.join(d, rel))
        os.symlink(secret, os.path.join(d, rel))
        w.commit(d, "a ticket that is a link")
        w.push(d)
        w.git(e, "pull", "-q", "--ff-only", "origin", "main")
        self.assertTrue(os.path.islink(os.path.join(e, rel)))
        rc, out, err = w.check(e)
        self.assertEqual(rc, 1, out + err)
        self.assertIn("{}: {}\n".format(rel, CHECK_MESSAGE), out)
        rc, out, err = w.svc(e, "note", tid, "x", records=False)
        self.assertEqual((rc, out), (1, ""), err)
        self.assertIn("{}: it is a symbolic link".format(rel), err)
        with open(secret, "rb") as f:
            self.assertEqual(f.read(), b"the engineer's own file\n")


if __name__ == "__main__":
    unittest.main()
