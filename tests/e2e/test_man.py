"""Manual pages (`svc man`, issue 20 item 5): svc(1) and one svc-COMMAND(1) per
command, made from the same CLI11 definitions as --help. Every page renders
without a warning (groff -k -ww: UTF-8 through preconv, as man-db reads it;
and man --warnings where man-db is installed),
and each command's page lists exactly the options its --help lists (each
verb's too: svc customer add …)."""

import gzip
import os
import re
import shutil
import subprocess
import unittest

from svctest import SvcTestCase, clean_env, read_text, run
from test_completion import help_commands

_HELP_OPTION = re.compile(r"^  ((?:-[^\s,]+)(?:,\s*-[^\s,]+)*)")
_ROFF_NAME = re.compile(r"\\fB(\\-[^\\]*(?:\\-[^\\]*)*)\\fR")


def help_options(*words):
    """The option names `svc WORDS --help` lists in its options section."""
    rc, out, err = run(*words, "--help")
    assert rc == 0, err
    names, section = set(), None
    for line in out.splitlines():
        if re.match(r"^[A-Z][A-Za-z ]*:\s*$", line):
            section = line.strip().upper()
            continue
        m = _HELP_OPTION.match(line)
        if m and section == "OPTIONS:":
            names.update(n.strip() for n in m.group(1).split(","))
    return names


def roff_options(lines):
    """The option names of the .TP heads in `lines` (roff)."""
    names = set()
    for i, line in enumerate(lines):
        if line == ".TP" and i + 1 < len(lines):
            for m in _ROFF_NAME.finditer(lines[i + 1]):
                names.add(m.group(1).replace("\\-", "-"))
    return names


def section(text, title, sub=None):
    """The lines of `.SH title` (or of its `.SS "sub"`) in roff `text`."""
    lines, out, on, in_sh = text.splitlines(), [], False, False
    for line in lines:
        if line.startswith(".SH "):
            on = line == ".SH " + title and sub is None
            in_sh = line == ".SH " + title
            continue
        if sub is not None and line.startswith(".SS "):
            on = in_sh and line == '.SS "{}"'.format(sub.replace("-", "\\-"))
            continue
        if on:
            out.append(line)
    return out


class ManTest(SvcTestCase):
    INIT = False

    def pages(self):
        out_dir = os.path.join(self.tmp, "man")
        rc, out, err = run("man", "--output", out_dir)
        self.assertEqual((rc, out), (0, ""), err)
        return out_dir

    def test_one_page_per_command_and_svc_1(self):
        out_dir = self.pages()
        commands = help_commands()
        self.assertIn("open", commands)
        expected = {"svc.1"} | {"svc-{}.1".format(c) for c in commands}
        self.assertEqual(set(os.listdir(out_dir)), expected)
        main = read_text(os.path.join(out_dir, "svc.1"))
        self.assertEqual(run("man")[1], main)
        self.assertTrue(main.startswith(".TH SVC 1 "))
        for title in ("NAME", "SYNOPSIS", "GLOBAL OPTIONS", "COMMANDS", "EXIT STATUS",
                      "ENVIRONMENT", "FILES", "SEE ALSO"):
            self.assertIn(".SH " + title + "\n", main)
        for c in commands:
            self.assertIn("\\fBsvc {}\\fR".format(c.replace("-", "\\-")), main)
            self.assertIn("\\fBsvc\\-{}\\fR(1)".format(c.replace("-", "\\-")), main)
        for var in ("SVC_RECORDS", "SVC_NOW", "SVC_ACTOR"):
            self.assertIn(".B " + var, main)
        self.assertEqual(roff_options(section(main, "GLOBAL OPTIONS")), help_options())
        page = read_text(os.path.join(out_dir, "svc-report.1"))
        self.assertEqual(run("man", "report")[1], page)
        self.assertTrue(page.startswith(".TH SVC\\-REPORT 1 "))
        self.assertIn("svc\\-report \\- statistics for a period", page)

    def test_each_page_lists_the_options_of_its_help(self):
        out_dir = self.pages()
        checked = 0
        for c in help_commands():
            text = read_text(os.path.join(out_dir, "svc-{}.1".format(c)))
            self.assertEqual(roff_options(section(text, "OPTIONS")), help_options(c), c)
            for verb in re.findall(r'^\.SS "svc \S+ (\S+)"$', text, re.M):
                verb = verb.replace("\\-", "-")
                self.assertEqual(
                    roff_options(section(text, "COMMANDS", "svc {} {}".format(c, verb))),
                    help_options(c, verb), (c, verb))
                checked += 1
        self.assertGreaterEqual(checked, 20)  # customer add|show|list|edit, visit …
        report = read_text(os.path.join(out_dir, "svc-report.1"))
        self.assertIn("\\fB\\-\\-format\\fR \\fITEXT\\fR", report)
        self.assertIn(".SH EXAMPLES", report)

    def test_every_page_renders_without_warnings(self):
        if not shutil.which("groff"):
            self.skipTest("groff is not installed")
        out_dir = self.pages()
        for name in sorted(os.listdir(out_dir)):
            path = os.path.join(out_dir, name)
            p = subprocess.run(["groff", "-k", "-man", "-Tutf8", "-ww", "-z", path],
                               capture_output=True, text=True)
            self.assertEqual((p.returncode, p.stderr), (0, ""), name)
            if shutil.which("man"):
                # As man-db renders it, gzipped as installed.
                gz = path + ".gz"
                with open(path, "rb") as f, gzip.open(gz, "wb") as g:
                    g.write(f.read())
                p = subprocess.run(["man", "--warnings", "-l", gz], capture_output=True,
                                   text=True, env=clean_env({"MANWIDTH": "80", "MANPAGER": "cat",
                                                             "PAGER": "cat"}))
                self.assertEqual((p.returncode, p.stderr), (0, ""), name)
                self.assertIn("svc", p.stdout)
                os.remove(gz)

    def test_rendered_page_reads_as_help(self):
        if not shutil.which("man"):
            self.skipTest("man-db is not installed")
        out_dir = self.pages()
        p = subprocess.run(["man", "-l", os.path.join(out_dir, "svc-open.1")],
                           capture_output=True, text=True,
                           env=clean_env({"MANWIDTH": "80", "MANPAGER": "cat", "PAGER": "cat"}))
        self.assertEqual(p.returncode, 0, p.stderr)
        text = " ".join(re.sub(r".\x08", "", p.stdout).split())
        self.assertIn("--via", text)
        self.assertIn("code of the department that received the request", text)
        self.assertIn("svc open --via YX --customer", text)
        self.assertIn("GLOBAL OPTIONS", text)
        self.assertIn("-R, --records TEXT", text)

    def test_refusals(self):
        rc, out, err = run("man", "frob")
        self.assertEqual((rc, out), (2, ""))
        self.assertEqual(len(err.strip().splitlines()), 1, err)
        self.assertIn("frob", err)
        out_dir = os.path.join(self.tmp, "m")
        rc, out, err = run("man", "open", "--output", out_dir)
        self.assertEqual((rc, out), (2, ""))
        self.assertFalse(os.path.exists(out_dir))
        # A folder that cannot be made: exit 1, one line.
        blocker = os.path.join(self.tmp, "file")
        with open(blocker, "w") as f:
            f.write("x")
        rc, out, err = run("man", "--output", os.path.join(blocker, "man"))
        self.assertEqual((rc, out), (1, ""))
        self.assertEqual(len(err.strip().splitlines()), 1, err)


if __name__ == "__main__":
    unittest.main()
