"""svc init: a new records directory, and never over an old one."""

import os
import unittest

from svctest import SOURCE_DIR, SvcTestCase, read_bytes, read_text, run, snapshot, write_text


class InitTest(SvcTestCase):
    INIT = False

    def test_creates_the_records_directory(self):
        rc, out, err = run("init", self.records)
        self.assertEqual(rc, 0, err)
        self.assertEqual(out, "")
        self.assertIn("created records directory " + self.records, err)
        # svc.toml: the procedure's defaults, byte for byte the bundled one.
        self.assertEqual(read_bytes(self.path("svc.toml")),
                         read_bytes(os.path.join(SOURCE_DIR, "records", "svc.toml")))
        self.assertTrue(os.path.isdir(self.path("tickets")))
        self.assertEqual(os.listdir(self.path("tickets")), [])
        # The git settings svc needs: local state ignored, the merge driver.
        self.assertIn(".svc/", read_text(self.path(".gitignore")).split("\n"))
        attributes = read_text(self.path(".gitattributes"))
        self.assertIn("tickets/**/*.toml merge=svc", attributes)
        self.assertTrue(attributes.endswith("\n"))
        names = sorted(os.listdir(self.records))
        self.assertEqual([n for n in names if n != ".svc"],
                         [".gitattributes", ".gitignore", "svc.toml", "tickets"])

    def test_new_store_is_clean_and_empty(self):
        self.assertEqual(run("init", self.records)[0], 0)
        rc, out, err = self.svc("check")
        self.assertEqual((rc, out), (0, ""), err)
        rc, out, err = self.svc("list")
        self.assertEqual((rc, out, err), (0, "", ""))
        rc, out, err = self.svc("--json", "list")
        self.assertEqual(rc, 0, err)
        self.assertEqual(out.strip(), "[]")

    def test_refuses_a_second_time_and_changes_nothing(self):
        self.assertEqual(run("init", self.records)[0], 0)
        # A company's own settings and a ticket must survive a stray init.
        path = self.path("svc.toml")
        write_text(path, read_text(path) + "# our own comment\n")
        self.assertEqual(self.svc("open", "--via", "YX", "--customer", "甲")[0], 0)
        before = snapshot(self.records)
        result = run("init", self.records)
        self.assertFails(1, result, self.records + " is already a records directory",
                         "nothing was changed")
        self.assertEqual(snapshot(self.records), before)

    def test_refuses_in_the_current_folder_too(self):
        os.makedirs(self.records)
        rc, out, err = run("init", cwd=self.records)
        self.assertEqual(rc, 0, err)
        self.assertTrue(os.path.isfile(self.path("svc.toml")))
        before = snapshot(self.records)
        self.assertFails(1, run("init", cwd=self.records), "already a records directory")
        self.assertEqual(snapshot(self.records), before)

    # A records directory is never made inside another (issue 14): a nested
    # one would quietly hide the tickets from `svc list` run in a subfolder.
    def test_refuses_inside_a_records_directory(self):
        self.assertEqual(run("init", self.records)[0], 0)
        self.assertEqual(self.svc("open", "--via", "YX", "--customer", "甲")[0], 0)
        os.makedirs(self.path("docs", "old"))
        before = snapshot(self.records)
        message = ("svc: {} is inside the records directory " + self.records +
                   " (it has svc.toml), and records directories do not nest; "
                   "nothing was changed\n")
        cases = [
            # (folder run from, the folder named)
            (self.records, "tickets"),        # an existing folder of the records
            (self.records, "sub/dir"),        # new folders, not even the first made
            (self.path("docs", "old"), "."),  # where one stands
            (self.path("docs", "old"), "x/y"),
            (self.tmp, self.path("tickets", "2026")),  # named from outside
            (self.tmp, "records/new"),
            (self.path("tickets"), "../other"),
        ]
        for cwd, target in cases:
            with self.subTest(cwd=cwd, target=target):
                result = run("init", target, cwd=cwd)
                self.assertEqual(result, (1, "", message.format(target)))
                self.assertEqual(snapshot(self.records), before)

    def test_a_folder_beside_a_records_directory_is_fine(self):
        self.assertEqual(run("init", self.records)[0], 0)
        # ".." steps are followed as written: records/../other is beside it.
        rc, _, err = run("init", "../other", cwd=self.records)
        self.assertEqual(rc, 0, err)
        self.assertTrue(os.path.isfile(os.path.join(self.tmp, "other", "svc.toml")))

    def test_creates_missing_parent_folders(self):
        deep = os.path.join(self.tmp, "a", "b", "records")
        rc, _, err = run("init", deep)
        self.assertEqual(rc, 0, err)
        self.assertTrue(os.path.isfile(os.path.join(deep, "svc.toml")))

    def test_fills_an_existing_folder_without_touching_its_files(self):
        os.makedirs(self.records)
        write_text(self.path("README"), "keep me\n")
        rc, _, err = run("init", self.records)
        self.assertEqual(rc, 0, err)
        self.assertEqual(read_text(self.path("README")), "keep me\n")
        self.assertTrue(os.path.isfile(self.path("svc.toml")))

    def test_help(self):
        rc, out, err = run("init", "--help")
        self.assertEqual((rc, err), (0, ""))
        self.assertIn("init", out)
        self.assertFalse(os.path.exists(self.records))


if __name__ == "__main__":
    unittest.main()
