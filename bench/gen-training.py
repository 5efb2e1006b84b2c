#!/usr/bin/env python3
"""bench/gen-training.py — add training records to a store.

    bench/gen-training.py STORE SESSIONS [--until 2026-04] [--years 5]

Writes SESSIONS training records (training/YYYY/MM/PX-yy-mm-NN.toml) spread
evenly over the months of the --years years before --until, in svc's
canonical form (`svc check` passes on them), deterministically: each with a
topic, a trainer, two to six trainees, materials, hours, and every other one
with its trainees' assessment results. For timing `svc training list --year`
(bench/README.md, "Training records"); refuses a store that already has
training/.
"""

import os
import sys

TRAINERS = ["张伟", "李强", "郑红", "黄丽"]
STAFF = ["王芳", "刘洋", "陈静", "赵磊", "孙丽", "周杰", "吴敏", "郑军", "冯涛", "蒋华"]
TOPICS = ["开关柜保护装置调试", "直流屏维护", "变频器故障诊断", "数据采集终端配置", "安全规程"]


def main():
    args = sys.argv[1:]
    until, years = "2026-04", 5
    for flag in ("--until", "--years"):
        if flag in args:
            i = args.index(flag)
            if flag == "--until":
                until = args[i + 1]
            else:
                years = int(args[i + 1])
            del args[i:i + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    store, sessions = args[0], int(args[1])
    root = os.path.join(store, "training")
    if os.path.exists(root):
        sys.exit("gen-training: {} already has training/".format(store))
    uy, um = map(int, until.split("-"))
    months = []
    y, m = uy, um
    for _ in range(12 * years):
        m -= 1
        if m == 0:
            y, m = y - 1, 12
        months.append((y, m))
    months.reverse()
    per_month = -(-sessions // len(months))
    made = 0
    for y, m in months:
        folder = os.path.join(root, "{:04}".format(y), "{:02}".format(m))
        os.makedirs(folder)
        for n in range(1, per_month + 1):
            if made == sessions:
                break
            made += 1
            tid = "PX-{:02}-{:02}-{:02}".format(y % 100, m, n)
            day = 1 + (n * 3) % 27
            date = "{:04}-{:02}-{:02}".format(y, m, day)
            at = "{}T17:00:00+08:00".format(date)
            trainees = [STAFF[(made + k) % len(STAFF)] for k in range(2 + made % 5)]
            text = ('# 培训记录 Training Record (R-3.1, R-4.3.1)\nid = "{}"\ndate = {}\n'
                    'topic = "{}"\ntrainer = "{}"\ntrainees = [{}]\nhours = "{}"\n'
                    'assessment = "笔试+实操"\nmaterials = ["培训手册 第{}版"]\nat = {}\n'
                    'by = "陈静"\n\n[[event]]\nat = {}\nactor = "陈静"\naction = "record"\n'
                    .format(tid, date, TOPICS[made % len(TOPICS)], TRAINERS[made % 4],
                            ", ".join('"{}"'.format(t) for t in trainees), 1 + made % 4,
                            1 + made % 3, at, at))
            if made % 2:
                for t in trainees:
                    text += ('\n[[event]]\nat = {}T18:00:00+08:00\nactor = "{}"\n'
                             'action = "assess"\ntrainee = "{}"\nresult = "合格"\n'
                             .format(date, TRAINERS[made % 4], t))
            with open(os.path.join(folder, tid + ".toml"), "w", encoding="utf-8") as f:
                f.write(text)
    print("gen-training: {} sessions over {} months".format(made, len(months)))


if __name__ == "__main__":
    main()
