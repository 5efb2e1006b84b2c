#!/usr/bin/env python3
"""bench/gen-visits.py — add customer files and visits to a generated store.

    bench/gen-visits.py STORE CUSTOMERS VISITS [--until 2026-04]

Writes CUSTOMERS customer files (customers/K0001.toml …, every fourth a key
customer) and VISITS visits (visits/YYYY/MM/BF-yy-mm-NN.toml) spread evenly
over the months before --until, in svc's canonical form (`svc check`
passes on them), deterministically. Nine visits in ten are reported, most
within the 10 days. For timing `svc overdue` with and without visits
(bench/README.md, "Visits"); it refuses a store that already has either.
"""

import os
import sys


def main():
    args = sys.argv[1:]
    until = "2026-04"
    if "--until" in args:
        i = args.index("--until")
        until = args[i + 1]
        del args[i:i + 2]
    if len(args) != 3:
        sys.exit(__doc__)
    store, customers, visits = args[0], int(args[1]), int(args[2])
    for folder in ("customers", "visits"):
        if os.path.exists(os.path.join(store, folder)):
            sys.exit("gen-visits: {} already has {}/".format(store, folder))
    os.makedirs(os.path.join(store, "customers"))
    for k in range(1, customers + 1):
        text = ('# 顾客档案 Customer File (R-4.6 b, R-3.2)\nid = "K{:04}"\nname = "客户{:04}"\n'
                .format(k, k))
        if k % 4 == 1:
            text += "key = true\n"
        text += ('\n[[event]]\nat = 2017-01-02T09:00:00+08:00\nactor = "王芳"\n'
                 'action = "create"\n')
        with open(os.path.join(store, "customers", "K{:04}.toml".format(k)), "w",
                  encoding="utf-8") as f:
            f.write(text)
    uy, um = map(int, until.split("-"))
    months = [(y, m) for y in range(2017, uy + 1) for m in range(1, 13) if (y, m) < (uy, um)]
    per_month = -(-visits // len(months))
    made = 0
    for y, m in months:
        folder = os.path.join(store, "visits", "{:04}".format(y), "{:02}".format(m))
        for n in range(1, per_month + 1):
            if made == visits:
                break
            made += 1
            day = 1 + (n * 7) % 27
            vid = "BF-{:02}-{:02}-{:02}".format(y % 100, m, n)
            at = "{:04}-{:02}-{:02}T10:00:00+08:00".format(y, m, day)
            code = "K{:04}".format(1 + (made * 37) % customers)
            text = ('# 顾客走访记录 Customer Visit Record (R-4.6 a)\nid = "{}"\nat = {}\n'
                    'by = ["张伟"]\nfindings = "设备运行正常"\n\n[customer]\ncode = "{}"\n'
                    'name = "客户{}"\n\n[[event]]\nat = {}\nactor = "王芳"\naction = "record"\n'
                    .format(vid, at, code, code[1:], at))
            if made % 10:
                late = made % 7 == 0
                rday = day + (12 if late else 5)
                ry, rm = (y, m)
                if rday > 28:
                    rday -= 28
                    ry, rm = (y + 1, 1) if m == 12 else (y, m + 1)
                if (ry, rm) < (uy, um):
                    rat = "{:04}-{:02}-{:02}T16:00:00+08:00".format(ry, rm, rday)
                    text += ('\n[[event]]\nat = {}\nactor = "张伟"\naction = "report"\n'
                             'text = "走访报告"\n'.format(rat))
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, vid + ".toml"), "w", encoding="utf-8") as f:
                f.write(text)
    print("gen-visits: {} customers, {} visits in {}".format(customers, made, store))


if __name__ == "__main__":
    main()
