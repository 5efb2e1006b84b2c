"""The README runs as written (issue 20 item 9), and so does every example of
`svc COMMAND --help`.

README.md: every ```sh or ```console block is pasted, in the README's order,
into one shell session that starts in an empty folder (the first block makes
the records directory and enters it), as a newcomer would. `svc` is the built
binary (SVC_BIN), git knows who commits (a HOME of the test's own), and svc's
variables (SVC_NOW, SVC_RECORDS, SVC_ACTOR) start unset: the blocks pin the
clock themselves. Each command must exit 0, or the status its comment names
("# … exit 1"), and a comment "# → TEXT" must match what it printed: TEXT
(up to two spaces or " (") is in its standard output or, for a command that
prints only a message, its standard error.

A block preceded by an HTML comment "<!-- not run: REASON -->" is an
illustration (make targets, files of the reader's own, a second machine): it
is skipped, and the reason must be given. In a ```console block only the lines
after "$ " are commands.

--help: every example line of every command runs in a copy of the bundled
records (records/, as they stand on 2026-11-30) and must be a valid command
line: no exit 2, no "unknown option", no "not expected". Most also succeed
there; which do is not the point of the examples.
"""

import os
import re
import shutil
import subprocess
import tempfile
import unittest

from svctest import SOURCE_DIR, SVC, clean_env, run
from test_completion import help_commands

README = os.path.join(SOURCE_DIR, "README.md")
_FENCE = re.compile(r"^```(\w*)\s*$")
_NOT_RUN = re.compile(r"^<!--\s*not run:\s*(\S.*?)\s*-->\s*$")
_EXIT = re.compile(r"\bexit (\d+)\b")
_EXPECT = re.compile(r"→\s*(.*?)(?:\s{2,}|\s\(|$)")


def readme_blocks(text):
    """[(line number, info string, [lines], skip reason or None)] of README's fences."""
    blocks, lines = [], text.split("\n")
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m or not m.group(1):
            i += 1
            continue
        info, start = m.group(1), i + 1
        reason = None
        j = i - 1
        while j >= 0 and not lines[j].strip():
            j -= 1
        if j >= 0:
            n = _NOT_RUN.match(lines[j])
            reason = n.group(1) if n else None
        i += 1
        body = []
        while i < len(lines) and not lines[i].startswith("```"):
            body.append(lines[i])
            i += 1
        blocks.append((start, info, body, reason))
        i += 1
    return blocks


def split_comment(line):
    """(command, comment): the comment is what follows a '#' that starts a word
    outside quotes."""
    quote = None
    for k, c in enumerate(line):
        if quote:
            if c == quote:
                quote = None
        elif c in "'\"":
            quote = c
        elif c == "#" and (k == 0 or line[k - 1] in " \t"):
            return line[:k].rstrip(), line[k + 1:].strip()
    return line.rstrip(), ""


def commands(info, body):
    """[(command, comment)] of a block: continuation lines joined, comment-only
    lines and blank lines left out."""
    out, pending = [], ""
    for raw in body:
        line = raw
        if info == "console":
            if not pending:
                if not line.startswith("$ "):
                    continue
                line = line[2:]
        if pending:
            line = pending + " " + line.strip()
            pending = ""
        cmd, comment = split_comment(line)
        if cmd.endswith("\\"):
            pending = cmd[:-1].rstrip()
            continue
        if cmd.strip():
            out.append((cmd.strip(), comment))
        elif comment.startswith("→") and out:  # "# → X" on a line of its own: the command above
            out[-1] = (out[-1][0], (out[-1][1] + " " + comment).strip())
    return out


def expectation(comment):
    """(exit status, expected text or None) that a command's comment states."""
    status = 0
    m = _EXIT.search(comment)
    if m:
        status = int(m.group(1))
    m = _EXPECT.search(comment)
    text = m.group(1).strip() if m else None
    if text and text.startswith("exit "):
        text = None
    return status, text or None


def session(cwd, cmds, env, isolated=False):
    """Runs `cmds` in order in one bash session in `cwd` (cd and export carry
    over, unless `isolated`: then each runs in a subshell of its own):
    [(exit status, stdout, stderr)] per command."""
    out_dir = tempfile.mkdtemp(prefix="svc-readme-out-")
    try:
        script = ["set +e"]
        for n, cmd in enumerate(cmds):
            script.append("{}{}\n{} >'{d}/{n}.out' 2>'{d}/{n}.err' </dev/null; "
                          "echo $? >'{d}/{n}.rc'".format("(" if isolated else "{ ", cmd,
                                                         ")" if isolated else "}",
                                                         d=out_dir, n=n))
        subprocess.run(["bash", "-c", "\n".join(script)], cwd=cwd, env=env,
                       stdin=subprocess.DEVNULL, timeout=600, check=False)
        results = []
        for n in range(len(cmds)):
            def read(ext):
                path = os.path.join(out_dir, "{}.{}".format(n, ext))
                if not os.path.exists(path):
                    return None
                with open(path, "rb") as f:
                    return f.read().decode("utf-8", "replace")
            rc = read("rc")
            results.append((int(rc) if rc else None, read("out") or "", read("err") or ""))
        return results
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)


class Shell:
    """A temporary HOME and PATH where `svc` is the built binary."""

    def __init__(self, tmp):
        self.home = os.path.join(tmp, "home")
        bin_dir = os.path.join(tmp, "bin")
        os.makedirs(self.home)
        os.makedirs(bin_dir)
        os.symlink(SVC, os.path.join(bin_dir, "svc"))
        with open(os.path.join(self.home, ".gitconfig"), "w", encoding="utf-8") as f:
            f.write("[user]\n\tname = 王芳\n\temail = wangfang@example.com\n"
                    "[init]\n\tdefaultBranch = main\n")
        self.env = clean_env({"HOME": self.home,
                              "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
                              "GIT_CONFIG_NOSYSTEM": "1"})


class ReadmeTest(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="svc-readme-")
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        self.shell = Shell(self.tmp)
        with open(README, encoding="utf-8") as f:
            self.blocks = readme_blocks(f.read())

    def test_marks_are_sparing_and_give_a_reason(self):
        runnable = [b for b in self.blocks if b[1] in ("sh", "console")]
        skipped = [b for b in runnable if b[3] is not None]
        self.assertGreater(len(runnable), 10)
        # Illustrations are the exception, not the rule.
        self.assertLess(len(skipped), len(runnable) // 3, [b[0] for b in skipped])
        for start, _, _, reason in skipped:
            self.assertGreater(len(reason), 10, "line {}: say why it is not run".format(start))

    def test_parsing_of_blocks(self):
        # The extraction itself: a test that cannot fail is a defect.
        text = ("<!-- not run: needs a server of its own -->\n```sh\nsvc sync\n```\n"
                "```sh\nsvc open --via YX \\\n   --description 'a # b'   # → YX-26-11-01\n"
                "# → YX-26-11-01\n# a comment line\nsvc check   # exit 1 when problems are found\n```\n"
                "```console\n$ svc list\nYX-26-11-01  new\n```\n")
        blocks = readme_blocks(text)
        self.assertEqual([b[3] for b in blocks], ["needs a server of its own", None, None])
        self.assertEqual(commands("sh", blocks[1][2]),
                         [("svc open --via YX --description 'a # b'",
                           "→ YX-26-11-01 → YX-26-11-01"),
                          ("svc check", "exit 1 when problems are found")])
        self.assertEqual(commands("console", blocks[2][2]), [("svc list", "")])
        self.assertEqual(expectation("→ YX-26-11-01"), (0, "YX-26-11-01"))
        self.assertEqual(expectation("→ 1 (the item's number N)"), (0, "1"))
        self.assertEqual(expectation("→ JZ-26-11-01"), (0, "JZ-26-11-01"))
        self.assertEqual(expectation("exit 1 when problems are found"), (1, None))

    def test_readme_blocks_run_as_written(self):
        cmds, where = [], []
        for start, info, body, reason in self.blocks:
            if info not in ("sh", "console") or reason is not None:
                continue
            for cmd, comment in commands(info, body):
                cmds.append(cmd)
                where.append((start, comment))
        results = session(self.tmp, cmds, self.shell.env)
        failures = []
        for cmd, (start, comment), (rc, out, err) in zip(cmds, where, results):
            status, text = expectation(comment)
            label = "README.md block at line {}: {}".format(start, cmd)
            if rc != status:
                failures.append("{}\n  exit {} (expected {}): {}".format(
                    label, rc, status, err.strip()[:300]))
            elif text is not None and text not in out and (out.strip() or text not in err):
                failures.append("{}\n  printed {!r}, the comment says {!r}".format(
                    label, (out or err).strip()[:200], text))
        self.assertEqual(failures, [], "\n" + "\n".join(failures))


def help_examples(name):
    """The example command lines of `svc NAME --help` (continuations joined,
    a trailing "   (…)" explanation dropped)."""
    rc, out, err = run(name, "--help")
    assert rc == 0, err
    lines, inside = [], False
    for line in out.splitlines():
        if re.match(r"^Examples?:\s*$", line):
            inside = True
            continue
        if inside:
            if not line.startswith("  "):
                inside = False
                continue
            lines.append(line.strip())
    cmds = commands("sh", lines)
    return [re.sub(r"\s{3,}\(.*\)$", "", cmd) for cmd, _ in cmds]


class HelpExamplesTest(unittest.TestCase):

    def test_every_example_is_a_valid_command_line(self):
        tmp = tempfile.mkdtemp(prefix="svc-examples-")
        self.addCleanup(shutil.rmtree, tmp, ignore_errors=True)
        shell = Shell(tmp)
        os.makedirs(os.path.join(shell.home, ".config", "fish", "completions"))
        records = os.path.join(tmp, "records")
        shutil.copytree(os.path.join(SOURCE_DIR, "records"), records)
        # Two commits (svc audit --since HEAD~1), and the spreadsheet svc import reads.
        subprocess.run("git init -q . && git add customers && git commit -qm customers && "
                       "git add -A && git commit -qm records", shell=True,
                       cwd=records, env=shell.env, check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(records, "客户清单.csv"), "wb") as f:
            f.write("名称,电话\n宁波港务公司,0574-2222-0101\n".encode("gb18030"))
        env = dict(shell.env, SVC_NOW="2026-11-30T18:00:00+08:00", SVC_ACTOR="王芳")
        names = help_commands()
        self.assertGreater(len(names), 40)
        cmds, owners = [], []
        for name in names:
            examples = help_examples(name)
            self.assertTrue(examples, "svc {} --help has no example".format(name))
            for cmd in examples:
                self.assertIn("svc " + name, cmd, "an example of svc {} runs it".format(name))
                cmds.append(cmd)
                owners.append(name)
        results = session(records, cmds, env, isolated=True)
        failures, succeeded = [], 0
        for cmd, owner, (rc, _, err) in zip(cmds, owners, results):
            # svc overdue's 2 is CRITICAL (overdue clocks: the bundled records have
            # some), its bad command line 3; every other command's 2 is a bad one.
            bad = 3 if owner == "overdue" else 2
            if rc in (bad, None) or "unknown option" in err or "not expected" in err:
                failures.append("{}\n  exit {}: {}".format(cmd, rc, err.strip()[:300]))
            succeeded += rc == 0
        self.assertEqual(failures, [], "\n" + "\n".join(failures))
        # Most run as shown in the bundled records, not only parse.
        self.assertGreater(succeeded, len(cmds) * 2 // 3)


if __name__ == "__main__":
    unittest.main()
