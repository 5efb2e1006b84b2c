"""What the stress tests share: finding svc, a fresh records directory,
running a command, reading a ticket's file, looking for leftovers, and
the closing lines (tries, failures, lost).

Not a test itself: `make stress` runs every tests/stress/*.py but this one.
"""

import os
import re
import shutil
import subprocess
import tempfile

try:
    import tomllib  # Python 3.11
except ImportError:  # pragma: no cover
    tomllib = None

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.abspath(os.path.join(HERE, "..", ".."))
NOW = "2026-11-29T18:00:00+08:00"
ACTOR = "王芳"
ID_RE = re.compile(r"^([A-Z][A-Z0-9]*)-(\d\d)-(\d\d)-(\d+)$")


def add_common_args(ap, seed=True):
    """--svc (default $SVC_BIN, else build/svc of this tree) and --seed."""
    ap.add_argument("--svc", default=os.environ.get("SVC_BIN")
                    or os.path.join(SOURCE, "build", "svc"))
    if seed:
        ap.add_argument("--seed", type=int, default=None,
                        help="random seed (default: the clock); printed for a rerun")


def clean_env():
    """The environment without svc's own variables, colour off."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("SVC_RECORDS", "SVC_NOW", "SVC_ACTOR")}
    env["NO_COLOR"] = "1"
    return env


class Records:
    """A records directory made by `svc init` and the commands run on it."""

    def __init__(self, svc_bin, records, now=NOW, width=None):
        self.svc_bin = os.path.abspath(svc_bin)
        self.records = records
        self.now = now
        self.env = clean_env()
        subprocess.run([self.svc_bin, "init", records], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, env=self.env)
        if width is not None:
            path = os.path.join(records, "svc.toml")
            with open(path, encoding="utf-8") as f:
                text = f.read()
            text = re.sub(r"(?m)^sequence_width = \d+", "sequence_width = {}".format(width), text)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)

    def argv(self, *a, now=None):
        return [self.svc_bin, "-R", self.records, "--now", now or self.now, "--actor", ACTOR, *a]

    def run(self, *a, now=None):
        """(exit status, stdout, stderr) of one svc command."""
        p = subprocess.run(self.argv(*a, now=now), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=self.env)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")

    def popen(self, *a, now=None):
        return subprocess.Popen(self.argv(*a, now=now), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=self.env)

    def path_of(self, number, kind="tickets"):
        """The file of a ticket (or with kind="outbound", a registry entry)."""
        m = ID_RE.match(number)
        return os.path.join(self.records, kind, "20" + m.group(2), m.group(3), number + ".toml")

    def text_of(self, number, kind="tickets"):
        try:
            with open(self.path_of(number, kind), encoding="utf-8") as f:
                return f.read()
        except (OSError, UnicodeDecodeError):
            return None

    def parse(self, number):
        """The ticket's file as TOML (None if missing or torn). Without tomllib
        (Python before 3.11), only that the file ends with a newline."""
        text = self.text_of(number)
        if text is None:
            return None
        if tomllib is None:
            return {} if text.endswith("\n") else None
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            return None

    def check(self):
        """`svc check`'s problems (empty when clean)."""
        rc, out, err = self.run("check")
        if rc == 0:
            return []
        return out.splitlines() or [err.strip() or "svc check exited {}".format(rc)]

    def leftovers(self):
        """svc's temporary files (`.<name>.tmp…`) but the scan cache's, which
        readers write without the lock (local, ignored by git)."""
        return [os.path.relpath(os.path.join(d, f), self.records)
                for d, _, fs in os.walk(self.records) for f in fs
                if re.match(r"^\..+\.tmp", f) and not f.startswith(".index.tmp")]

    def empty_folders(self):
        """Empty folders below tickets/ and outbound/."""
        found = []
        for top in ("tickets", "outbound"):
            for d, sub, fs in os.walk(os.path.join(self.records, top)):
                if not sub and not fs and d != os.path.join(self.records, top):
                    found.append(os.path.relpath(d, self.records))
        return found


def notes_in(ticket):
    """The texts of a parsed ticket's note events."""
    return [e.get("text") for e in (ticket or {}).get("event", []) if e.get("action") == "note"]


def one_line_error(err):
    """True when stderr is one `svc: …` line (after any `svc: recovered:`
    lines of a recovery the command did first)."""
    lines = [line for line in err.splitlines() if not line.startswith("svc: recovered:")]
    return len(lines) == 1 and lines[0].startswith("svc: ")


def temp_dir(prefix):
    return tempfile.mkdtemp(prefix=prefix)


def finish(title, summary, failures, bad, keep=None):
    """Prints the closing lines and returns the exit status: 1 if `bad`."""
    print(title)
    for line in summary:
        print("  " + line)
    for f in failures[:20]:
        print("  ! " + f)
    if len(failures) > 20:
        print("  ! ... and {} more".format(len(failures) - 20))
    if keep:
        if bad:
            print("  records kept in " + keep)
        else:
            shutil.rmtree(keep, ignore_errors=True)
    return 1 if bad else 0
