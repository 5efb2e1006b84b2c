"""A consistent command line (issue 20 item 4): every command's --help shows
the global options in a section of their own and an example (from the command
table, cli/commands.cc), never svc's own "Start: svc init records" footer; every
reading command honours --json; the commands whose output has a format of its
own refuse --json (exit 2, one line) instead of ignoring it."""

import json
import os
import shutil
import subprocess
import unittest

from svctest import SOURCE_DIR, SvcTestCase, clean_env, run
from test_completion import help_commands

GLOBALS = ("-R,--records", "--now", "--actor", "--json", "--no-index", "--commit")

# The reading commands, run in the bundled records: each prints JSON with --json.
READING = [
    ["show", "YX-26-11-01"],
    ["list"],
    ["list", "--status", "open"],
    ["check"],
    ["overdue"],
    ["agenda", "--from", "2026-11-01", "--to", "2026-11-30"],
    ["report", "--month", "2026-11"],
    ["log", "YX-26-11-01"],
    ["audit"],
    ["history", "--customer", "K0001"],
    ["cases"],
    ["customer", "show", "K0001"],
    ["customer", "list"],
    ["equipment", "list"],
    ["visit", "list"],
    ["visit", "show", "BF-26-11-01"],
    ["nonconformity", "list"],
    ["nonconformity", "show", "NC-26-11-01"],
    ["training", "list"],
    ["training", "show", "PX-26-11-01"],
    ["annual-plan", "show", "2027"],
    ["writeoff", "--month", "2026-10"],
]

# Commands whose output has a format of its own: --json is refused.
NO_JSON = [
    ["print", "YX-26-11-01", "--form", "info"],
    ["man", "close"],
    ["completion", "bash"],
]


class HelpTest(unittest.TestCase):

    def help(self, *words):
        rc, out, err = run(*words, "--help")
        self.assertEqual((rc, err), (0, ""), words)
        return out

    def test_every_command_shows_the_global_options_and_an_example(self):
        names = help_commands()
        self.assertGreater(len(names), 40)
        for name in names:
            out = self.help(name)
            self.assertIn("\nGlobal options:\n", out, name)
            section = out.split("\nGlobal options:\n", 1)[1]
            for option in GLOBALS:
                self.assertIn(option, section, "svc {} --help: {}".format(name, option))
            self.assertNotIn("--version", section, name)
            self.assertRegex(out, r"\nExamples?:\n  (source <\()?svc {}\b".format(name), name)
            self.assertNotIn("Start:", out, name)
            self.assertNotIn("svc init records", out, name)

    def test_the_footer_that_was_inherited_is_gone(self):
        for name in ("list", "show", "survey", "verify"):
            out = self.help(name)
            self.assertNotIn("svc init records", out, name)
            self.assertNotIn("Help on one command", out, name)
        # It stays where it belongs: svc --help.
        rc, out, _ = run("--help")
        self.assertIn("Start:  svc init records", out)
        self.assertNotIn("Global options:", out)

    def test_verbs_show_the_global_options_too(self):
        for words in (["customer", "add"], ["customer", "list"], ["visit", "record"],
                      ["training", "list"]):
            out = self.help(*words)
            self.assertIn("\nGlobal options:\n", out, words)
            self.assertNotIn("Start:", out, words)

    def test_the_table_example_opens_the_command(self):
        out = self.help("close")
        self.assertIn("Examples:\n  svc close HY-26-11-01 --result completed", out)
        # The notes a command had stay, before the examples.
        out = self.help("report")
        self.assertLess(out.index("Periods are half-open"), out.index("Examples:"))

    def test_man_pages_show_the_examples(self):
        rc, out, err = run("man", "close")
        self.assertEqual(rc, 0, err)
        self.assertIn(".SH EXAMPLES", out)
        self.assertIn("svc close HY\\-26\\-11\\-01", out)
        self.assertNotIn("Start:", out)
        rc, out, err = run("man", "report")
        self.assertIn(".SH NOTES", out)
        self.assertLess(out.index(".SH NOTES"), out.index(".SH EXAMPLES"))


class JsonTest(SvcTestCase):
    INIT = False

    def setUp(self):
        super().setUp()
        shutil.copytree(os.path.join(SOURCE_DIR, "records"), self.records)
        env = clean_env({"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                         "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"})
        subprocess.run("git init -q . && git add -A && git commit -qm records", shell=True,
                       cwd=self.records, env=env, check=True)

    def test_every_reading_command_prints_json(self):
        for words in READING:
            for where in ("before", "after"):  # a global option goes either side
                args = ["--json", *words] if where == "before" else [*words, "--json"]
                rc, out, err = self.svc(*args, now="2026-11-30T18:00:00+08:00")
                self.assertIn(rc, (0, 1, 2) if words[0] == "overdue" else (0, 1), (words, err))
                try:
                    json.loads(out)
                except ValueError as e:
                    self.fail("svc {} --json: {}: {!r}".format(" ".join(words), e, out[:200]))

    def test_formats_of_their_own_refuse_json(self):
        for words in NO_JSON:
            rc, out, err = self.svc("--json", *words)
            self.assertEqual(rc, 2, words)
            self.assertEqual(out, "", words)
            self.assertOneLine(err)
            self.assertIn("takes no --json", err)
            # Without --json they print.
            rc, out, err = self.svc(*words)
            self.assertEqual(rc, 0, (words, err))
            self.assertNotEqual(out, "")

    def test_json_with_another_format_is_refused(self):
        # Neither silently wins: one line, exit 2 (svc overdue: 3, UNKNOWN).
        for words, status in ((["agenda", "--format", "ics"], 2),
                              (["report", "--month", "2026-11", "--format", "csv"], 2),
                              (["cases", "--format", "html"], 2),
                              (["writeoff", "--month", "2026-10", "--format", "csv"], 2),
                              (["overdue", "--format", "openmetrics"], 3)):
            rc, out, err = self.svc("--json", *words)
            self.assertEqual(rc, status, (words, err))
            self.assertEqual(out, "", words)
            self.assertOneLine(err)
            self.assertIn("--json and --format {} do not go together".format(words[-1]), err)
        # --format text (the default) and json go with --json.
        for fmt in ("text", "json"):
            rc, out, err = self.svc("--json", "report", "--month", "2026-11", "--format", fmt)
            self.assertEqual(rc, 0, err)
            json.loads(out)


if __name__ == "__main__":
    unittest.main()
