#!/usr/bin/env python3
"""bench/merge-gen.py DIR CASE N — the three versions of one ticket file that
git hands the merge driver (%O %A %B), for bench/merge.sh (issue 16).

Writes DIR/base.toml, DIR/ours.toml, DIR/theirs.toml for the ticket
SC-26-11-01 (opened, classified), where each side added:

  notes      N notes, all within one second (10:00:00), by one actor: the
             de-duplication and the tie-break at one second
  notes-apart N notes, each at its own second (ours at even, theirs at odd)
  arrivals   the base holds N outbound records (dispatched); each side marks
             every one of them arrived, ours a second before theirs, so every
             arrival is a step both sides recorded: N amendments

The files are in svc's canonical format (svc check reads them clean).
"""
import os
import sys
from datetime import datetime, timedelta, timezone

CST = timezone(timedelta(hours=8))
START = datetime(2026, 11, 2, 8, 0, 0, tzinfo=CST)

HEAD = """# 售后信息处理单 After-sales Information Processing Form (R-4.2.1)
id = "SC-26-11-01"
via = "SC"
received = 2026-11-02T08:00:00+08:00

[customer]
name = "芜湖海螺水泥有限公司"
phone = "0553-8391234"

[fault]
description = "3#窑高温风机软启动器启动时报 C 相晶闸管故障。"
"""


def at(t):
    return t.isoformat()


def event(t, actor, action, fields=()):
    lines = ["", "[[event]]", f"at = {at(t)}", f'actor = "{actor}"', f'action = "{action}"']
    lines += [f"{k} = {v}" for k, v in fields]
    return "\n".join(lines) + "\n"


def opened():
    return [
        event(START, "何志刚", "open", [("level", 2)]),
        event(START + timedelta(minutes=10), "张敏", "classify",
              [("kind", '"support"'), ("category", '"hardware"'), ("level", 2),
               ("service", '"onsite-repair"'), ("route", '"SC"')]),
    ]


def record(i):
    return f"SC-26-11-{i:02d}"


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    out, case, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    os.makedirs(out, exist_ok=True)
    base = opened()
    ours, theirs = [], []
    if case == "notes":
        t = START + timedelta(hours=2)
        ours = [event(t, "王芳", "note", [("text", f'"甲方 {i}"')]) for i in range(n)]
        theirs = [event(t, "王芳", "note", [("text", f'"乙方 {i}"')]) for i in range(n)]
    elif case == "notes-apart":
        t = START + timedelta(hours=2)
        ours = [event(t + timedelta(seconds=2 * i), "王芳", "note", [("text", f'"甲方 {i}"')])
                for i in range(n)]
        theirs = [event(t + timedelta(seconds=2 * i + 1), "张伟", "note",
                        [("text", f'"乙方 {i}"')]) for i in range(n)]
    elif case == "arrivals":
        t = START + timedelta(hours=1)
        base += [event(t + timedelta(seconds=i), "何志刚", "dispatch",
                       [("record", f'"{record(i + 1)}"'), ("dept", '"SC"'),
                        ("techs", '["陈刚"]'), ("complexity", '"simple"')]) for i in range(n)]
        t = START + timedelta(days=1)
        ours = [event(t + timedelta(seconds=2 * i), "陈刚", "arrive",
                      [("record", f'"{record(i + 1)}"')]) for i in range(n)]
        theirs = [event(t + timedelta(seconds=2 * i + 1), "李强", "arrive",
                        [("record", f'"{record(i + 1)}"')]) for i in range(n)]
    else:
        sys.exit(f"unknown case {case!r}: notes, notes-apart or arrivals")
    for name, side in (("base", []), ("ours", ours), ("theirs", theirs)):
        with open(os.path.join(out, name + ".toml"), "w", encoding="utf-8") as f:
            f.write(HEAD + "".join(base + side))


if __name__ == "__main__":
    main()
