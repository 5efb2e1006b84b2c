"""Shared helpers for svc's end-to-end tests.

Every test runs the real `svc` binary ($SVC_BIN) on a fresh temporary records
directory, as a user would, and checks what it prints, its exit status and the
files it leaves behind. Standard library only.

Environment (set by ctest, see CMakeLists.txt):
  SVC_BIN         the svc binary (default: <repo>/build/svc)
  SVC_SOURCE_DIR  the repository root (default: two folders above this file)
  SVC_GEN         the bench generator (test_bench_gen.py)

The clock and the actor are always fixed (--now / --actor), and SVC_RECORDS,
SVC_NOW and SVC_ACTOR are removed from the inherited environment, so results
do not depend on the machine or the person running them.
"""

import os
import shutil
import subprocess
import tempfile
import unittest

SOURCE_DIR = os.path.abspath(
    os.environ.get("SVC_SOURCE_DIR")
    or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SVC = os.path.abspath(os.environ.get("SVC_BIN") or os.path.join(SOURCE_DIR, "build", "svc"))

# The moment every test is judged against, unless it says otherwise.
NOW = "2026-11-29T10:00:00+08:00"
ACTOR = "王芳"

# svc's own variables, and the locale's: the tests read English unless one
# asks for another language (LANG=zh_CN.UTF-8 in `extra`).
_CLEARED = ("SVC_RECORDS", "SVC_NOW", "SVC_ACTOR", "LC_ALL", "LC_MESSAGES", "LANGUAGE",
            "SVC_LOCALEDIR")


def clean_env(extra=None):
    """The inherited environment without svc's variables, plus `extra`.

    A value of None in `extra` removes that variable.
    """
    env = {k: v for k, v in os.environ.items() if k not in _CLEARED}
    env["NO_COLOR"] = "1"
    env["LANG"] = "C.UTF-8"
    for k, v in (extra or {}).items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    return env


def run(*args, env=None, input=None, cwd=None, timeout=60):
    """Runs svc with `args`; returns (exit status, stdout, stderr) as text.

    `env` adds to (or, with None values, removes from) the clean environment;
    `input` (str or bytes) is fed to standard input, which is otherwise empty.
    """
    if isinstance(input, str):
        input = input.encode("utf-8")
    p = subprocess.run([SVC, *args], input=input if input is not None else b"",
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=clean_env(env), cwd=cwd, timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def read_text(path):
    return read_bytes(path).decode("utf-8")


def write_text(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(text.encode("utf-8"))


def snapshot(root):
    """{relative path: bytes} of every file under root, and every folder as None.

    .svc/ (the lock and the index, a cache ignored by git) is not part of the
    records: reading the store may refresh the cache."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        if dirpath == root and ".svc" in dirnames:
            dirnames.remove(".svc")
        rel_dir = os.path.relpath(dirpath, root)
        if rel_dir != ".":
            out[rel_dir + "/"] = None
        for name in filenames:
            path = os.path.join(dirpath, name)
            out[os.path.relpath(path, root)] = read_bytes(path)
    return out


def ticket_files(records):
    """Relative paths of every file under records/tickets, sorted."""
    out = []
    base = os.path.join(records, "tickets")
    for dirpath, _, filenames in os.walk(base):
        for name in filenames:
            out.append(os.path.relpath(os.path.join(dirpath, name), records))
    return sorted(out)


def ticket_rel_path(ticket_id):
    """tickets/YYYY/MM/ID.toml for a number such as YX-26-11-01."""
    parts = ticket_id.split("-")
    yy, mm = parts[-3], parts[-2]
    return "tickets/20{}/{}/{}.toml".format(yy, mm, ticket_id)


class SvcTestCase(unittest.TestCase):
    """A fresh records directory per test, removed afterwards.

    self.tmp      a temporary folder
    self.records  <tmp>/records, created with `svc init` unless INIT is False
    """

    INIT = True
    maxDiff = None

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="svc-e2e-")
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        self.records = os.path.join(self.tmp, "records")
        if self.INIT:
            rc, out, err = run("init", self.records)
            self.assertEqual(rc, 0, err)

    # --- running svc ------------------------------------------------------

    def svc(self, *args, now=NOW, actor=ACTOR, records=True, **kwargs):
        """svc -R <records> --now NOW --actor ACTOR ARGS…; (rc, stdout, stderr)."""
        pre = []
        if records:
            pre += ["-R", self.records]
        if now is not None:
            pre += ["--now", now]
        if actor is not None:
            pre += ["--actor", actor]
        return run(*pre, *args, **kwargs)

    def ok(self, *args, **kwargs):
        """Runs svc and asserts exit 0 and nothing on stderr; returns stdout."""
        rc, out, err = self.svc(*args, **kwargs)
        self.assertEqual((rc, err), (0, ""), "svc {} failed:\n{}".format(" ".join(args), err))
        return out

    def open(self, via="YX", customer="华东电网", *args, **kwargs):
        """Opens a ticket and returns its number."""
        rc, out, err = self.svc("open", "--via", via, "--customer", customer, *args, **kwargs)
        self.assertEqual(rc, 0, err)
        self.assertEqual(err, "")
        return out.strip()

    # --- the records directory -------------------------------------------

    def path(self, *parts):
        return os.path.join(self.records, *parts)

    def ticket_path(self, ticket_id):
        return self.path(ticket_rel_path(ticket_id))

    def ticket_text(self, ticket_id):
        return read_text(self.ticket_path(ticket_id))

    def ticket_files(self):
        return ticket_files(self.records)

    def snapshot(self):
        return snapshot(self.records)

    def copy_ticket(self, src_id, dst_id):
        """Copies a ticket file to dst_id's place, with its id rewritten."""
        text = self.ticket_text(src_id).replace(
            'id = "{}"'.format(src_id), 'id = "{}"'.format(dst_id), 1)
        write_text(self.ticket_path(dst_id), text)

    def set_config(self, old, new):
        """Replaces one exact line fragment in svc.toml (must be present)."""
        path = self.path("svc.toml")
        text = read_text(path)
        self.assertIn(old, text)
        write_text(path, text.replace(old, new, 1))

    def config_line(self, fragment):
        """1-based number of the first line of svc.toml holding fragment."""
        for n, line in enumerate(read_text(self.path("svc.toml")).split("\n"), 1):
            if fragment in line:
                return n
        self.fail("no line with {!r} in svc.toml".format(fragment))

    # --- assertions -------------------------------------------------------

    def assertOneLine(self, err):
        """A failure message: exactly one line on stderr, starting 'svc'."""
        self.assertTrue(err.endswith("\n"), repr(err))
        self.assertEqual(err.count("\n"), 1, "expected one line on stderr, got:\n" + err)
        self.assertTrue(err.startswith("svc"), err)

    def assertFails(self, rc_expected, result, *phrases):
        """Asserts (rc, out, err) is a failure: the exit status, nothing on
        stdout, one line on stderr holding every phrase."""
        rc, out, err = result
        self.assertEqual(rc, rc_expected, "stdout: {!r}\nstderr: {!r}".format(out, err))
        self.assertEqual(out, "")
        self.assertOneLine(err)
        for p in phrases:
            self.assertIn(p, err)
        return err
