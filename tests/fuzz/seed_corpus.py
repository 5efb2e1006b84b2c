#!/usr/bin/env python3
"""Writes the seed corpus of the fuzz targets (tests/fuzz/corpus/<target>/)
and the TOML targets' dictionaries (tests/fuzz/<target>.dict):

    tests/fuzz/seed_corpus.py GEN_DIR
    SVC_FUZZ_INDEX_SEEDS=tests/fuzz/corpus/index build-fuzz/fuzz_index tests/fuzz/corpus/index/*

GEN_DIR is a records directory svc-gen made (the checked-in corpus came from
`build/svc-gen GEN_DIR 300 --seed 16 --start 2026-01`). The corpus holds the
bundled records (records/), the generated tickets whose histories hold the
most kinds of steps, svc.toml and parts.toml with variations, sample times,
money and parts as the command line takes them, and merge triples cut from
the histories, and the bundled tickets for the index target, whose encoded
summaries the second line adds (the even selector). Each file is named by
its content's hash, as libFuzzer does (the encoded summaries by ticket)."""
import hashlib, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(HERE, "corpus")


def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def files(top):
    for dirpath, _, names in sorted(os.walk(top)):
        for n in sorted(names):
            if n.endswith(".toml"):
                yield os.path.join(dirpath, n)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def split_events(text):
    """The form (before the first [[event]]) and each [[event]] block."""
    parts = re.split(r"(?m)^(?=\[\[event\]\]\n)", text)
    return parts[0], parts[1:]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    gen = sys.argv[1]
    bundled = [read(p) for p in files(os.path.join(ROOT, "records", "tickets"))]
    entries = [read(p) for p in files(os.path.join(ROOT, "records", "outbound"))]
    generated = [read(p) for p in files(os.path.join(gen, "tickets"))]

    # Generated tickets: greedily those adding the most (action, key) pairs not seen yet.
    def features(text):
        return set(re.findall(r'(?m)^action = "(\w+)"', text)) | set(
            re.findall(r"(?m)^(\w+) = ", text))
    seen, chosen = set(), []
    pool = list(generated)
    while pool and len(chosen) < 30:
        best = max(pool, key=lambda t: (len(features(t) - seen), -len(t)))
        chosen.append(best)
        seen |= features(best)
        pool.remove(best)

    tickets = bundled + chosen
    for t in tickets + entries[:4]:
        put("ticket", t)
    for t in bundled:
        put("index", b"\x01" + t.encode())  # a ticket file (the odd selector)
    # Shapes toml++ reads and the fast reader declines.
    t = bundled[0]
    put("ticket", t.replace("\n", "\r\n"))
    put("ticket", t.replace('via = "', "via = '", 1).replace('"\nreceived', "'\nreceived", 1))
    put("ticket", t + "\n# a comment at the end\n")
    put("ticket", t.replace("[customer]\n", "[customer] # comment\n", 1))

    config = read(os.path.join(ROOT, "records", "svc.toml"))
    put("config", config)
    # The commented-out example [calendar] at the end of svc.toml, switched on.
    lines = config.splitlines()
    start = lines.index("# [calendar]")
    calendar = "\n".join(l[2:] for l in lines[start:] if l.startswith("# "))
    put("config", config + "\n" + calendar + "\n")
    put("config", config + '\n[[staff]]\nname = "张建国"\ndept = ""\nrole = "gm"\n'
        '\n[[fees]]\neffective = 2026-01-01\nlodging_per_day = "180.00"\nmeals_per_day = '
        '"60.00"\nlabor_per_day = "240.00"\ntax = "15.5%"\nmanagement = "40 %"\n')
    parts = read(os.path.join(ROOT, "records", "parts.toml"))
    put("parts", parts)

    for s in ["2026-11-29T09:30:00+08:00", "2026-11-29T09:30:00Z", "2026-11-29T09:30",
              "2026-11-29 09:30", "2026-11-29t09:30:05-05:30", "1999-12-31T23:59",
              "2100-01-01T00:00+14:00", "2000-01-01T00:00-14:59", "2026-02-29T10:00",
              "2024-02-29", "2026-11-29", "0001-01-01", "9999-12-31", "+08:00", "-05:30",
              "Z", "10m", "2h", "1h30m", "2d", "90s", "4d", "72h", "1d2h3m4s",
              "999999999d", "0m"]:
        put("times", s)
    for s in ["860", "345.5", "4912.11", "0", "0.01", "999999999999.99", "1000000000000",
              "15%", "15.5%", "40 %", "0.5%", "100%", "-1", "1e3", "01.10"]:
        put("money", s)
    for s in ["继电器 JZC-32F:2:12.50:warranty", "保险丝 5A:1", "P-1001:2", "线圈:3:三包",
              "套管:1:自购:95", "断路器:4:returned", "旧线圈:1:报废", "x:999999:999999999999.99",
              "a:1\nb:2:3.5\nc:3:customer"]:
        put("parts", s)

    # Merge triples (a selector byte, then base, ours, theirs split by NUL):
    # a common history and two sides that each added steps of their own.
    def triple(sel, base, ours, theirs):
        put("merge", bytes([sel]) + b"\0".join(x.encode() for x in (base, ours, theirs)))
    for n, t in enumerate(chosen[:12] + bundled[:6]):
        form, events = split_events(t)
        if len(events) < 3:
            continue
        k = max(1, len(events) // 3)
        base = form + "".join(events[:k])
        ours = base + "".join(events[k::2])
        theirs = base + "".join(events[k + 1::2])
        triple(n % 2, base, form + "".join(events[:k] + events[k::2]),
               form + "".join(events[:k] + events[k + 1::2]))
        if n < 4:
            triple(0, "", ours, theirs)          # both sides added the file
            triple(0, base, ours, ours)          # the same change on both sides
    # Two requests given one number in two clones.
    a, b = bundled[0], bundled[1]
    id_a = re.search(r'(?m)^id = "([^"]+)"', a).group(1)
    b_same = re.sub(r'(?m)^id = "[^"]+"', f'id = "{id_a}"', b, count=1)
    triple(0, "", a, b_same)

    # Dictionaries: the keys, tables and words of the files.
    words = set()
    for t in tickets + entries:
        words |= set(re.findall(r"(?m)^(\w+) = ", t))
        words |= set(re.findall(r'(?m)^\w+ = "([a-z][a-z0-9_-]*)"$', t))
        words |= set(re.findall(r"(?m)^(\[+[\w.]+\]+)$", t))
        words |= set(re.findall(r"\{ (\w+) = ", t)) | set(re.findall(r", (\w+) = ", t))
    toks = ['"""', "\\u001b", "\\n", '\\"', "true", "false", "+08:00", "Z", " = ", "[]",
            "2026-11-29T09:30:00+08:00", "2026-11-29", '"4912.11"', "{ ", " }", ", "]
    def write_dict(name, ws):
        with open(os.path.join(HERE, name + ".dict"), "w", encoding="utf-8") as f:
            for w in sorted(ws) + toks:
                f.write('"' + w.replace("\\", "\\\\").replace('"', '\\"') + '"\n')
    write_dict("ticket", words)
    cwords = set(re.findall(r"(?m)^#? ?(\w+) = ", config))
    cwords |= set(re.findall(r"(?m)^#? ?(\[+\w+\]+)$", config))
    cwords |= set(re.findall(r"(?m)^(\w+) = ", parts)) | {"[[part]]"}
    write_dict("config", cwords)


if __name__ == "__main__":
    main()
