#!/usr/bin/env python3
"""Every text svc shows people is in every catalog, translated (issue 20:
no untranslated string reaches a zh user).

Extracts the template afresh (po/extract.sh: the texts marked in lib/ and
cli/ and the command line's help texts from the svc given as argv[1]) and
checks each po/LANG.po against it: every text present, translated, not
fuzzy, its fmt placeholders ({} {0} {:>8}) and its leading and trailing
newlines the same as the English. Also that po/svc.pot is current (run
po/update.sh after changing texts)."""
import os, re, subprocess, sys, tempfile

DEBIAN_MODULES = "/usr/lib/python3/dist-packages"
if os.path.isdir(DEBIAN_MODULES) and DEBIAN_MODULES not in sys.path:
    sys.path.append(DEBIAN_MODULES)
import polib  # Debian's python3-polib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLACEHOLDER = re.compile(r"\{\{|\}\}|\{[^{}]*\}")


def placeholders(text):
    """The fields of an fmt format string, each as {index[:spec]}: "{} {:>8}"
    and a translation "{1:>8} {0}" that reorders them are the same fields."""
    out, auto = [], 0
    for p in PLACEHOLDER.findall(text):
        if p in ("{{", "}}"):
            continue
        body = p[1:-1]
        index, sep, spec = body.partition(":")
        if index == "":
            index, auto = str(auto), auto + 1
        out.append("{" + index + sep + spec + "}")
    return sorted(out)


def main():
    svc = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, "build", "svc")
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        pot_path = os.path.join(tmp, "svc.pot")
        subprocess.run([os.path.join(ROOT, "po", "extract.sh"), svc, pot_path], check=True)
        pot = polib.pofile(pot_path)
        wanted = {(e.msgctxt, e.msgid): e for e in pot if e.msgid}
        kept = polib.pofile(os.path.join(ROOT, "po", "svc.pot"))
        kept_ids = {(e.msgctxt, e.msgid) for e in kept if e.msgid}
        for key in sorted(set(wanted) - kept_ids, key=str)[:10]:
            problems.append(f"po/svc.pot: missing {key[1]!r} (run po/update.sh)")
        for key in sorted(kept_ids - set(wanted), key=str)[:10]:
            problems.append(f"po/svc.pot: no longer in the source {key[1]!r} (run po/update.sh)")
        langs = sorted(f for f in os.listdir(os.path.join(ROOT, "po")) if f.endswith(".po"))
        if not langs:
            problems.append("po/: no catalog")
        for name in langs:
            po = polib.pofile(os.path.join(ROOT, "po", name))
            have = {(e.msgctxt, e.msgid): e for e in po if e.msgid and not e.obsolete}
            for key, e in wanted.items():
                t = have.get(key)
                where = f"po/{name}: {e.msgid[:70]!r}"
                if t is None:
                    problems.append(f"{where}: missing (run po/update.sh, then translate)")
                elif not t.msgstr:
                    problems.append(f"{where}: not translated")
                elif "fuzzy" in t.flags:
                    problems.append(f"{where}: fuzzy (check and remove the flag)")
                elif placeholders(t.msgstr) != placeholders(e.msgid):
                    problems.append(f"{where}: placeholders {placeholders(t.msgstr)} "
                                    f"!= the English {placeholders(e.msgid)}")
                elif t.msgstr.startswith("\n") != e.msgid.startswith("\n") or \
                        t.msgstr.endswith("\n") != e.msgid.endswith("\n"):
                    problems.append(f"{where}: leading or trailing newline differs from the English")
            check = subprocess.run(["msgfmt", "--check", "-o", os.devnull, os.path.join(ROOT, "po", name)],
                                   capture_output=True, text=True)
            if check.returncode != 0:
                problems.append(f"po/{name}: msgfmt --check: {check.stderr.strip()}")
    for p in problems[:60]:
        print(p)
    if len(problems) > 60:
        print(f"... and {len(problems) - 60} more")
    print(f"{len(wanted)} texts, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
