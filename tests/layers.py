#!/usr/bin/env python3
"""The layers of lib/ (docs/ARCHITECTURE.md), kept: each folder includes
only its own folder and the folders below it, in this order:

    base < model < format < rules < storage < ops

base knows nothing of the procedure; model holds the vocabulary, record
schemas and configuration; format the files' bytes; rules the pure
functions of records, configuration and now; storage the disk, paths, store
and index; ops one entry point per command. cli/ may include any of them,
lib/ never includes cli/. Also: toml++ is included only by format/, and
CLI11 only by cli/parse.cc; only storage/disk.cc and storage/git.cc
include the operating system's file and process headers. Prints each violation as FILE:LINE: message."""
import os, re, sys

ORDER = ["base", "model", "format", "rules", "storage", "ops"]
# The operating system's file and process calls: only the real Disk and the
# git runner use them; everything else in lib/ goes through storage/disk.h
# (cli/ may ask the terminal and the login at the edge).
POSIX_IO = {"fcntl.h", "unistd.h", "dirent.h", "sys/stat.h", "sys/file.h", "sys/types.h", "spawn.h", "sys/wait.h", "sys/mman.h"}
POSIX_IO_FILES = ("lib/storage/disk.cc", "lib/storage/git.cc")
root = os.environ.get("SVC_SOURCE_DIR") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
include = re.compile(r'^\s*#\s*include\s*[<"]([^">]+)[">]')
problems, files = [], 0


def check(path, rel, layer):
    global files
    files += 1
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            m = include.match(line)
            if not m:
                continue
            target = m.group(1)
            quoted = '"' in line.split("include", 1)[1][:3]
            top = target.split("/")[0]
            if layer is not None:
                if top in ORDER and ORDER.index(top) > ORDER.index(layer):
                    problems.append(f"{rel}:{n}: {layer}/ may not include {target} (a higher layer)")
                if top in ("cli",) or target in ("options.h", "context.h", "commands.h", "render.h"):
                    problems.append(f"{rel}:{n}: lib/ may not include the front end's {target}")
                if quoted and "/" not in target:
                    problems.append(f"{rel}:{n}: include {target} by its folder (e.g. base/{target})")
                if target.startswith("toml++") and layer != "format":
                    problems.append(f"{rel}:{n}: only format/ sees toml++")
            if layer is not None and target in POSIX_IO and rel not in POSIX_IO_FILES:
                problems.append(f"{rel}:{n}: only {' and '.join(POSIX_IO_FILES)} talk to the operating system ({target}): go through Disk")
            if target.startswith("CLI/") and not rel.endswith("cli/parse.cc"):
                problems.append(f"{rel}:{n}: only cli/parse.cc sees CLI11")


for layer in ORDER:
    folder = os.path.join(root, "lib", layer)
    for name in sorted(os.listdir(folder)):
        if name.endswith((".h", ".cc", ".cc.in")):
            check(os.path.join(folder, name), f"lib/{layer}/{name}", layer)
stray = [n for n in os.listdir(os.path.join(root, "lib")) if os.path.isfile(os.path.join(root, "lib", n))]
for n in stray:
    problems.append(f"lib/{n}:1: every file of lib/ lives in one of its layers ({', '.join(ORDER)})")
for name in sorted(os.listdir(os.path.join(root, "cli"))):
    if name.endswith((".h", ".cc")):
        check(os.path.join(root, "cli", name), f"cli/{name}", None)

for p in problems:
    print(p)
bad = len({p.split(":")[0] for p in problems})
print(f"layers: {files - bad} passed, {bad} failed")
sys.exit(1 if problems else 0)
