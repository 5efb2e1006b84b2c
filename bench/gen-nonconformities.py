#!/usr/bin/env python3
"""bench/gen-nonconformities.py — add nonconformity reports to a generated store.

    bench/gen-nonconformities.py STORE REPORTS [--until 2026-04]

Writes REPORTS nonconformity reports (nonconformities/YYYY/MM/NC-yy-mm-NN.toml)
spread evenly over the months before --until, in svc's canonical form (`svc
check` passes on them), deterministically. Each is filed on a ticket of the
store received in the same month or before (the store's tickets are listed,
not read); four in five have a corrective action and are closed with one of
the four dispositions a week later, the rest stay open. For timing `svc
nonconformity list --open` and `svc report --year` with and without them
(bench/README.md, "Nonconformity reports"); refuses a store that already has
nonconformities/.
"""

import os
import sys

DISPOSITIONS = ["return", "repair", "scrap", "concession"]


def main():
    args = sys.argv[1:]
    until = "2026-04"
    if "--until" in args:
        i = args.index("--until")
        until = args[i + 1]
        del args[i:i + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    store, reports = args[0], int(args[1])
    root = os.path.join(store, "nonconformities")
    if os.path.exists(root):
        sys.exit("gen-nonconformities: {} already has nonconformities/".format(store))
    # The store's tickets by month (their numbers only: the files are not read).
    tickets = {}
    tdir = os.path.join(store, "tickets")
    for y in sorted(os.listdir(tdir)):
        for m in sorted(os.listdir(os.path.join(tdir, y))):
            names = sorted(n[:-5] for n in os.listdir(os.path.join(tdir, y, m))
                           if n.endswith(".toml") and ".dup" not in n)
            if names:
                tickets[(int(y), int(m))] = names
    uy, um = map(int, until.split("-"))
    months = [k for k in sorted(tickets) if k < (uy, um)]
    if not months:
        sys.exit("gen-nonconformities: no tickets before " + until)
    per_month = -(-reports // len(months))
    made = 0
    for y, m in months:
        folder = os.path.join(root, "{:04}".format(y), "{:02}".format(m))
        os.makedirs(folder)
        for n in range(1, per_month + 1):
            if made == reports:
                break
            made += 1
            day = 1 + (n * 7) % 20
            nid = "NC-{:02}-{:02}-{:02}".format(y % 100, m, n)
            at = "{:04}-{:02}-{:02}T23:00:00+08:00".format(y, m, 28)
            names = tickets[(y, m)]
            ticket = names[(made * 37) % len(names)]
            text = ('# 不合格品报告处理单 Nonconformity Report (R-4.5.3.1)\nid = "{}"\nat = {}\n'
                    'by = "黄丽"\nticket = "{}"\nparts = [\n  {{ name = "继电器", qty = {} }},\n]\n'
                    'description = "触点烧蚀"\n\n[customer]\n\n[[event]]\nat = {}\n'
                    'actor = "黄丽"\naction = "file"\n'.format(nid, at, ticket, 1 + n % 3, at))
            if made % 5:
                later = "{:04}-{:02}-{:02}T10:00:00+08:00".format(
                    y + (m == 12), m % 12 + 1, day)
                text += ('\n[[event]]\nat = {}\nactor = "郑红"\naction = "action"\n'
                         'text = "加严来料检验"\n\n[[event]]\nat = {}\nactor = "郑红"\n'
                         'action = "dispose"\ndisposition = "{}"\n'
                         .format(later, later, DISPOSITIONS[made % 4]))
            with open(os.path.join(folder, nid + ".toml"), "w", encoding="utf-8") as f:
                f.write(text)
    print("gen-nonconformities: {} reports over {} months".format(made, len(months)))


if __name__ == "__main__":
    main()
