"""The command table (cli/commands.cc, ninja's kTools): `svc --help` lists
every row of it with its summary, in the table's order, and every command of
the table answers `svc NAME --help`. The rows are read from the source, so a
row added there is checked here without a change to this file."""

import os
import re
import unittest

from svctest import SOURCE_DIR, SvcTestCase, read_text, run

_STRING = r'((?:"(?:[^"\\]|\\.)*"\s*)+)'  # adjacent literals, one C++ string
_ROW = re.compile(r'\{"([a-z][a-z-]*)",\s*' + _STRING + r',\s*' + _STRING + r',\s*Bind(\w+),')
_LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _text(literals):
    return "".join(s.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
                   for s in _LITERAL.findall(literals))


def table(examples=False):
    """[(name, summary, bind function)] of cli/commands.cc, in order; with
    `examples`, [(name, example)]."""
    text = read_text(os.path.join(SOURCE_DIR, "cli", "commands.cc"))
    rows = []
    for m in _ROW.finditer(text):
        if examples:
            rows.append((m.group(1), _text(m.group(3))))
        else:
            rows.append((m.group(1), _text(m.group(2)), m.group(4)))
    return rows


class CommandTableTest(SvcTestCase):

    def setUp(self):
        super().setUp()
        self.rows = table()

    def test_the_table_is_read(self):
        names = [name for name, _, _ in self.rows]
        self.assertGreaterEqual(len(names), 25, names)
        self.assertEqual(len(names), len(set(names)), names)
        for name in ("init", "open", "show", "print", "sync"):
            self.assertIn(name, names)

    def test_help_lists_every_command_of_the_table_in_order(self):
        rc, out, err = run("--help", cwd=self.tmp)
        self.assertEqual((rc, err), (0, ""))
        section = out.split("\nSubcommands:\n", 1)[1].split("\n\n", 1)[0]
        listed = []
        for line in section.split("\n"):
            name, summary = line.split(None, 1)
            listed.append((name, summary.strip()))
        self.assertEqual(listed, [(name, summary) for name, summary, _ in self.rows])

    def test_every_command_has_its_help(self):
        for name, summary, _ in self.rows:
            with self.subTest(command=name):
                rc, out, err = run(name, "--help", cwd=self.tmp)
                self.assertEqual((rc, err), (0, ""))
                lines = out.split("\n")
                self.assertEqual(lines[0], summary)
                self.assertTrue(lines[1].startswith("Usage: svc " + name + " [OPTIONS]"),
                                lines[1])
                self.assertIn("  -h,--help ", out)

    def test_each_row_has_examples_that_help_shows(self):
        for name, example in table(examples=True):
            with self.subTest(command=name):
                self.assertIn("svc " + name, example)
                rc, out, err = run(name, "--help", cwd=self.tmp)
                for line in example.split("\n"):
                    self.assertIn("\n  " + line + "\n", out)

    def test_each_row_binds_its_own_options(self):
        # BindFooBar for foo-bar: the row names the parser's function for it.
        for name, _, bind in self.rows:
            with self.subTest(command=name):
                self.assertEqual(bind, "".join(p.capitalize() for p in name.split("-")))

    def test_a_word_not_in_the_table_is_no_command(self):
        rc, out, err = run("frobnicate", cwd=self.tmp)
        self.assertEqual((rc, out), (2, ""))
        self.assertIn("frobnicate", err)


if __name__ == "__main__":
    unittest.main()
