"""Shell completions (`svc completion bash|zsh|fish`, issue 20 item 5): made
from svc's own command line, so every command of `svc --help`, each one's
options and the values the parser knows complete. bash is driven through
COMP_WORDS as readline would; zsh and fish, where installed, load the script
(zsh through compinit, fish's `complete -C`)."""

import os
import re
import shlex
import shutil
import subprocess
import unittest

from svctest import NOW, SVC, SvcTestCase, clean_env, run, write_text


def help_commands():
    """The command words `svc --help` lists, in order."""
    rc, out, _ = run("--help")
    assert rc == 0
    words, on = [], False
    for line in out.splitlines():
        if line.strip().upper().startswith("SUBCOMMANDS"):
            on = True
        elif on and re.match(r"^  [a-z]", line):
            words.append(line.split()[0])
    return words


class CompletionTest(SvcTestCase):
    INIT = False

    def script(self, shell):
        rc, out, err = run("completion", shell)
        self.assertEqual((rc, err), (0, ""))
        path = os.path.join(self.tmp, {"bash": "svc", "zsh": "_svc", "fish": "svc.fish"}[shell])
        write_text(path, out)
        return path

    # --- bash ----------------------------------------------------------------

    def bash(self, script, *words, env=None):
        """The candidates _svc offers for the command line `words` (the last is the word
        being completed), as bash sets COMP_WORDS and COMP_CWORD."""
        line = " ".join(words)
        code = ("source {}\nCOMP_WORDS=({})\nCOMP_CWORD={}\nCOMP_LINE={}\nCOMP_POINT={}\n_svc\n"
                "printf '%s\\n' \"${{COMPREPLY[@]}}\"\n").format(
                    shlex.quote(script), " ".join(shlex.quote(w) for w in words), len(words) - 1,
                    shlex.quote(line), len(line))
        p = subprocess.run(["bash", "-c", code], capture_output=True, text=True,
                           env=clean_env(env))
        self.assertEqual((p.returncode, p.stderr), (0, ""), code)
        return [w for w in p.stdout.split("\n") if w]

    def test_bash_loads_it(self):
        script = self.script("bash")
        p = subprocess.run(["bash", "-c", "source {}; complete -p svc".format(shlex.quote(script))],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("-F _svc svc", p.stdout)

    def test_bash_commands_are_the_help_commands(self):
        script = self.script("bash")
        commands = help_commands()
        self.assertIn("report", commands)
        self.assertIn("completion", commands)
        self.assertEqual(self.bash(script, "svc", ""), commands)
        self.assertEqual(self.bash(script, "svc", "rep"), ["report"])
        self.assertEqual(sorted(self.bash(script, "svc", "c")),
                         sorted(c for c in commands if c.startswith("c")))
        # After a global option and its value.
        self.assertEqual(self.bash(script, "svc", "-R", "records", "--now", "x", "rep"),
                         ["report"])
        self.assertEqual(self.bash(script, "svc", "--js"), ["--json"])

    def test_bash_options_and_values(self):
        script = self.script("bash")
        self.assertEqual(self.bash(script, "svc", "report", "--fo"), ["--format"])
        self.assertEqual(self.bash(script, "svc", "report", "--format", ""),
                         ["text", "md", "csv", "json", "html"])
        self.assertEqual(self.bash(script, "svc", "report", "--format", "c"), ["csv"])
        # A global option after the command word, as the parser takes it.
        self.assertEqual(self.bash(script, "svc", "report", "--month", "2026-11", "--js"),
                         ["--json"])
        self.assertEqual(self.bash(script, "svc", "classify", "YX-26-11-01", "--kind", ""),
                         ["support", "quality"])
        self.assertEqual(self.bash(script, "svc", "classify", "YX-26-11-01", "--level", ""),
                         ["1", "2", "3", "4"])
        statuses = self.bash(script, "svc", "list", "--status", "")
        self.assertIn("new", statuses)
        self.assertIn("closed", statuses)
        self.assertIn("follow-up", self.bash(script, "svc", "overdue", "--clock", "f"))
        self.assertEqual(self.bash(script, "svc", "completion", ""), ["bash", "zsh", "fish"])
        self.assertIn("open", self.bash(script, "svc", "man", "o"))
        self.assertEqual(self.bash(script, "svc", "dispatch", "X", "--ar"), ["--arrive"])
        # A value with no known choices: nothing from svc (bash falls back to file names).
        self.assertEqual(self.bash(script, "svc", "open", "--customer", ""), [])

    def test_bash_verbs(self):
        script = self.script("bash")
        self.assertEqual(self.bash(script, "svc", "customer", ""), ["add", "show", "list", "edit"])
        self.assertEqual(self.bash(script, "svc", "customer", "add", "--al"), ["--alias"])
        self.assertEqual(self.bash(script, "svc", "customer", "edit", "K0001", "--drop-p"),
                         ["--drop-phone"])
        # --alias belongs to add and edit, not to show.
        self.assertEqual(self.bash(script, "svc", "customer", "show", "--al"), [])
        self.assertIn("action", self.bash(script, "svc", "nonconformity", ""))

    def test_bash_ticket_numbers_from_the_records(self):
        script = self.script("bash")
        rc, _, err = run("init", self.records)
        self.assertEqual(rc, 0, err)
        first = self.open()
        second = self.open(via="SH")
        svc_dir = os.path.dirname(SVC)
        env = {"PATH": svc_dir + os.pathsep + os.environ.get("PATH", ""), "SVC_NOW": NOW}
        self.assertEqual(self.bash(script, "svc", "-R", self.records, "show", "", env=env),
                         [second, first] if second < first else [first, second])
        self.assertEqual(self.bash(script, "svc", "-R", self.records, "classify", "Y", env=env),
                         [first])
        self.assertEqual(
            self.bash(script, "svc", "note", "S", env=dict(env, SVC_RECORDS=self.records)),
            [second])
        # Not where the argument is no ticket, nor outside a records directory.
        self.assertEqual(self.bash(script, "svc", "-R", self.records, "renumber", "", env=env),
                         [])
        self.assertEqual(self.bash(script, "svc", "-R", self.tmp, "show", "", env=env), [])

    # --- zsh and fish, where installed ---------------------------------------

    @unittest.skipUnless(shutil.which("zsh"), "zsh is not installed")
    def test_zsh_loads_it(self):
        script = self.script("zsh")
        p = subprocess.run(["zsh", "-n", script], capture_output=True, text=True)
        self.assertEqual((p.returncode, p.stderr), (0, ""))
        code = ("fpath=({} $fpath); autoload -U compinit; compinit -u -d {}; "
                "print -r -- $_comps[svc]").format(shlex.quote(self.tmp),
                                                   shlex.quote(os.path.join(self.tmp, "zcd")))
        p = subprocess.run(["zsh", "-f", "-c", code], capture_output=True, text=True,
                           env=clean_env({"HOME": self.tmp}))
        self.assertEqual(p.stdout.strip(), "_svc", p.stderr)

    def fish(self, script, line):
        p = subprocess.run(["fish", "--no-config", "-c",
                            "source {}; complete -C {}".format(shlex.quote(script),
                                                               shlex.quote(line))],
                           capture_output=True, text=True, env=clean_env({"HOME": self.tmp}))
        self.assertEqual((p.returncode, p.stderr), (0, ""), line)
        return [w.split("\t")[0] for w in p.stdout.split("\n") if w]

    @unittest.skipUnless(shutil.which("fish"), "fish is not installed")
    def test_fish(self):
        script = self.script("fish")
        p = subprocess.run(["fish", "--no-execute", script], capture_output=True, text=True)
        self.assertEqual((p.returncode, p.stderr), (0, ""))
        self.assertEqual(self.fish(script, "svc rep"), ["report"])
        self.assertEqual(self.fish(script, "svc report --fo"), ["--format"])
        self.assertEqual(sorted(self.fish(script, "svc report --format ")),
                         ["csv", "html", "json", "md", "text"])
        self.assertEqual(sorted(self.fish(script, "svc customer ")),
                         ["add", "edit", "list", "show"])
        self.assertIn("--alias", self.fish(script, "svc customer add --al"))
        self.assertEqual(self.fish(script, "svc -R records rep"), ["report"])

    # --- refusals --------------------------------------------------------------

    def test_unknown_shell_is_a_bad_command_line(self):
        rc, out, err = run("completion", "tcsh")
        self.assertEqual(rc, 2)
        self.assertEqual(out, "")
        self.assertEqual(len(err.strip().splitlines()), 1, err)
        self.assertIn("tcsh", err)
        rc, out, err = run("completion")
        self.assertEqual(rc, 2)
        self.assertIn("shell", err)


if __name__ == "__main__":
    unittest.main()
