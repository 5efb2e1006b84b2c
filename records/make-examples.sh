#!/usr/bin/env bash
# records/make-examples.sh — the bundled example tickets, made with the real svc.
#
#   records/make-examples.sh            # refuses if records/tickets holds tickets
#   records/make-examples.sh --force    # deletes records/tickets, outbound, customers, visits, plans,
#                                       # nonconformities and training first
#   SVC=build-bench/svc records/make-examples.sh --force
#
# October and November 2026 of an after-sales service desk, as the desk, the
# engineers, the Quality dept, the store and the general manager would record
# them: nineteen calls received by several departments (YX, SH, SJ, SC, XT,
# HY), every fault level, and between them every field of the info form
# (R-4.2.1, R-6/R-7) and every path of the procedure:
#
#   remote fix ............ SH-26-10-01, SJ-26-10-01, SH-26-10-03, SH-26-11-03
#                           (classify --service info, close --remote, verify, survey)
#   parts mailed .......... SH-26-11-01 (mail-parts, then as a remote fix)
#   on-site repair ........ SC-26-11-01 (三包 part back at HQ, booked into store with a
#                           nonconformity report), SH-26-11-02 (two engineers, complex)
#   second visit .......... YX-26-10-02 (locate, then replace in an outage; 三包
#                           and customer-bought parts; nonconformity report)
#   paid service .......... SH-26-10-02 (quote from parts.toml, accepted, dispatched)
#   major quality problem . YX-26-10-01 (reported to the GM at once; analysis: ours;
#                           plan, GM approval, the customer's endorsement; the
#                           engineers arrive late: arrival breached)
#   customer's fault ...... YX-26-11-01 (analysis: customer responsible, so paid;
#                           the survey is 不满意: the Quality dept follows up)
#   data project .......... SJ-26-11-01 (data re-collected on site, booked in under a
#                           warehousing receipt, re-delivered; R-4.5.3.2)
#   complaint ............. SH-26-10-03 (opened --complaint, R-4.7 d)
#   on-site support ....... XT-26-11-01; training: SH-26-11-04
#   voided ................ YX-26-10-03 (the same fault reported twice)
#   reopened .............. SH-26-10-03 (the customer called back: closed, surveyed twice)
#   corrected form ........ SJ-26-10-01 (a mistyped phone number, svc correct)
#   free quotes ........... kept for finance's write-off (R-4.5.4) on most site visits,
#                           recorded before the close (a closed ticket takes no quote)
#   actual costs .......... expenses on SC-26-10-01, SC-26-11-01, SC-26-11-03; advances
#                           JZ-26-10-01, JZ-26-11-01; October written off (HX-26-10-01)
#   cause categories ...... YX-26-10-01 manufacturing, YX-26-11-01 operation (R-3.1)
#   still open on 2026-11-29/30, so `svc overdue` has something to say:
#     SH-26-11-05  level 1, not yet classified (response overdue)
#     SC-26-11-02  engineer not yet on site (arrival overdue; application breached)
#     SH-26-11-04  closed on Friday, not yet surveyed (survey overdue)
#     SH-26-11-02  returned power unit not booked into store (warehousing overdue)
#     HY-26-11-01  engineers on site, repair running
#     YX-26-11-02  classified, remote diagnosis going on
#
# Every action gives its time (--received-at, --at) and svc's clock (--now,
# the same as --at: it is recorded as it happens, except where an engineer
# records hours later from his laptop) and who acts (--actor), so the output
# is the same on every run. Each open and dispatch states the number it must
# print; the script stops if svc gives another. The result is committed, and
# `svc -R records check` must pass.
set -euo pipefail

cd "$(dirname "$0")/.."
SVC=${SVC:-build/svc}
R=records

case "${1:-}" in
  --force) force=1 ;;
  "") force=0 ;;
  *) echo "usage: $0 [--force]" >&2; exit 2 ;;
esac
[[ -x $SVC ]] || { echo "make-examples: no $SVC; build it first (make) or set SVC" >&2; exit 1; }
if [[ -d $R/tickets && -n $(find "$R/tickets" -name '*.toml' -print -quit) ]]; then
  if (( !force )); then
    echo "make-examples: $R/tickets already holds tickets; use --force to delete and remake them" >&2
    exit 1
  fi
  rm -rf "$R/tickets" "$R/outbound" "$R/customers" "$R/visits" "$R/plans" "$R/nonconformities" \
    "$R/training"
fi
mkdir -p "$R/tickets"

# expect NUMBER ACTOR AT open-options...: ACTOR fills the form at AT (which is
# also svc's clock, as at the desk) and svc must give it NUMBER.
expect() {
  local want=$1 actor=$2 at=$3 got
  shift 3
  got=$("$SVC" -R "$R" --now "$at" --actor "$actor" open --at "$at" "$@")
  if [[ $got != "$want" ]]; then
    echo "make-examples: svc open gave '$got', expected $want" >&2
    exit 1
  fi
  echo "$got"
}

# quietly svc-arguments...: run svc, showing nothing unless it fails; then
# show what it said and stop.
quietly() {
  local said
  if ! said=$("$SVC" "$@" 2>&1 >/dev/null); then
    echo "$said" >&2
    echo "make-examples: svc $* failed" >&2
    exit 1
  fi
}

# act ACTOR AT command ID options...: ACTOR records the action at AT, which
# is also svc's clock.
act() {
  local actor=$1 at=$2
  shift 2
  quietly -R "$R" --now "$at" --actor "$actor" "$@" --at "$at"
}

# later ACTOR AT NOW command ID options...: as act, but recorded at NOW, some
# hours after it happened (an engineer's laptop was offline on site).
later() {
  local actor=$1 at=$2 now=$3
  shift 3
  quietly -R "$R" --now "$now" --actor "$actor" "$@" --at "$at"
}

# outbound NUMBER ACTOR AT ID dispatch-options...: ACTOR files an outbound service
# record at AT and svc must give it NUMBER.
outbound() {
  local want=$1 actor=$2 at=$3 id=$4 got
  shift 4
  got=$("$SVC" -R "$R" --now "$at" --actor "$actor" dispatch "$id" --at "$at" "$@")
  if [[ $got != "$want" ]]; then
    echo "make-examples: svc dispatch $id gave '$got', expected $want" >&2
    exit 1
  fi
  echo "  $id → $got"
}

# People. The desk (售后服务部): 王芳, 李娜, 张敏. Production dept (生产部) head
# 何志刚 files its engineers' outbound records; engineers 张伟, 刘洋, 陈刚,
# 赵磊, 孙浩, 周杰. Data engineering (数据工程部): 吴斌. System integration
# (系统集成部): 邓立 (head), 马超. R&D (研发部): 蒋文 (head), 许晨. Industry
# applications (行业应用部): 韩冬. Quality dept (质量部): 郑红, 钱卫东 (head).
# Store keeper: 黄丽. General manager: 张建国.

# ---- October 2026 ----

# A substation's transformer differential protection tripped (level 1).
expect YX-26-10-01 王芳 2026-10-08T09:16 --via YX \
  --customer 国网浙江省电力有限公司湖州供电公司 --contact 沈建国 --title 继电保护专责 \
  --phone 0572-2051234 --address "浙江省湖州市吴兴区青山路18号 220kV青山变电站" \
  --product 继电保护装置 --model PCS-978GE --size "4U 19英寸" --serial JB2021004417 \
  --quantity 1 --project-no AB2021-118 --equipment-no "1#主变保护A屏" \
  --commissioned 2021-06-30 --purchased 2021-03-15 --invoice-no 33012104 \
  --level 1 --received-at 2026-10-08T09:12 \
  --description "10月8日 08:47 1#主变差动保护动作，三侧开关跳闸，1#主变失电。
现场检查主变本体无异常，瓦斯保护未动作；录波显示 A 相差流 0.62Ie，持续约 40 ms。
负荷已转由 2#主变供带。客户要求今天查明原因，确认后恢复送电。"
# Quality kind, major (a protection mis-operation blacked out a main transformer):
# analysis (ours), plan, the general manager's approval, then dispatch. Two
# engineers arrive 1h43m after the 2-hour limit of level 1 (arrival breached);
# they record arrival from the substation hours later. The removed terminal
# block comes back with a nonconformity report; a free quote for finance.
act 王芳 2026-10-08T09:20 classify YX-26-10-01 --kind quality --category hardware --level 1 \
  --service onsite-repair --major
act 王芳 2026-10-08T09:35 note YX-26-10-01 "已电话通知质量部郑红、生产部何志刚。客户要求两小时内到场。"
act 王芳 2026-10-08T09:40 notify YX-26-10-01 --to gm --comment "电话报告张总：220kV 青山变 1#主变差动保护误动停运。"
act 郑红 2026-10-08T10:05 analyze YX-26-10-01 \
  --cause "录波显示差流只出现在 A 相，持续约 40 ms，B、C 相正常；主变本体及瓦斯保护无异常。
同批次 PCS-978GE（2021 年 3 月出厂）CT 二次端子排 X3 用旧式压接端子，已有两起松动报告。
判断为高压侧 A 相 CT 二次回路端子接触不良，属我方装配质量问题。" \
  --measures "请客户暂退差动保护，由后备保护运行；1#主变保持停运，等待现场检查。" \
  --responsibility ours --cause-category manufacturing \
  --corrective "同批次 12 面保护屏的 X3 端子排逐一更换为弹簧端子；压接工序增加拉力抽检，质量部跟踪。"
act 郑红 2026-10-08T10:25 plan YX-26-10-01 --text "1. 生产部派 2 人，带弹簧端子排、继电保护测试仪，立即赴 220kV 青山变。
2. 主变停运状态下检查高压侧 A 相 CT 二次回路，更换 X3 端子排，复紧全部二次端子。
3. 二次通流试验；送电后带负荷测六角图，差流小于 0.05Ie 后投入差动保护。
4. 客户确认后在外出服务记录上签字。"
act 张建国 2026-10-08T10:40 approve YX-26-10-01 --as gm \
  --comment "同意。重大质量问题，生产部立即派人，质量部全程跟踪，同批次排查方案 10 月 20 日前报我。"
act 王芳 2026-10-08T10:45 approve YX-26-10-01 --as customer --by 沈建国 \
  --comment "客户同意先退差动保护、更换 X3 端子排的纠正措施。"
outbound SC-26-10-01 何志刚 2026-10-08T10:50 YX-26-10-01 --tech 张伟 --tech 刘洋 \
  --planned 2026-10-08T12:30
act 王芳 2026-10-08T13:10 note YX-26-10-01 "张伟来电：12:55 到站，正在检查二次回路。"
later 张伟 2026-10-08T12:55 2026-10-08T17:40 dispatch YX-26-10-01 --arrive
later 张伟 2026-10-08T17:30 2026-10-08T17:45 dispatch YX-26-10-01 --finish --hours 4.5 \
  --work "高压侧 A 相 CT 二次回路 X3:5 端子压接松动。更换 X3 端子排为弹簧端子，复紧全部二次端子，二次通流试验正确。
17:05 主变恢复送电，带负荷六角图正确，差流 0.02Ie，差动保护投入。" \
  --part "弹簧端子排 UK5N:10:6.80:warranty" --signed-by 沈建国
act 张敏 2026-10-08T18:10 quote YX-26-10-01 --people 2 --days 1 --transport 380 --no-lodging \
  --part P-3002:10
act 王芳 2026-10-08T18:20 close YX-26-10-01 --result completed \
  --resolution "A 相 CT 二次端子压接不良；更换端子排后差动保护投入，1#主变恢复送电。"
act 王芳 2026-10-09T09:30 survey YX-26-10-01 --satisfaction 满意 --attitude 很好 --damage 无 \
  --cleanliness 好 --comment "响应快，当天恢复送电。希望同批次保护屏尽快排查。"
act 张伟 2026-10-09T10:15 dispatch YX-26-10-01 --back --part "X3 端子排（拆下）:1:returned"
# The trip's actual costs (R-3.1, R-4.5.4), against the advance the engineers drew.
act 张伟 2026-10-09T11:00 expense YX-26-10-01 --record SC-26-10-01 --item transport \
  --amount 386.50 --note "湖州往返高速及燃油"
act 张伟 2026-10-09T11:05 expense YX-26-10-01 --record SC-26-10-01 --item meals --amount 120 \
  --engineer 刘洋
act 黄丽 2026-10-09T14:30 warehouse YX-26-10-01 --nonconformity "拆回 X3 端子排 1 条：5# 端子压接拉力 32 N，低于工艺要求 60 N。
开不合格品报告 NC-2026-015，转质量部。"
act 郑红 2026-10-20T16:00 note YX-26-10-01 "同批次 12 面保护屏 X3 端子排已全部更换（整改报告 ZL-2026-031），已报总经理。"

# A solar plant's inverter reports an insulation fault code (level 3).
expect SH-26-10-01 王芳 2026-10-12T14:40 --via SH \
  --customer 华能如东光伏电站 --contact 陆海燕 --title 运维班长 --phone 13862781145 \
  --address "江苏省南通市如东县洋口镇光伏产业园1号" \
  --product 光伏逆变器 --model SG110CX --size 110kW --serial NB2022318806 --quantity 3 \
  --equipment-no "3#方阵 12、13、14#逆变器" --commissioned 2022-09-20 \
  --level 3 --received-at 2026-10-12T14:05 \
  --description "3 台逆变器早上并网时报故障码 F021（绝缘阻抗低），中午后自行恢复。
连续阴雨一周，怀疑直流侧组串受潮。请电话指导排查，必要时派人。"
# Remote fix: the desk classifies it as information service, an engineer guides
# the customer by phone, the desk closes it --remote, verifies and surveys.
act 王芳 2026-10-12T14:50 classify SH-26-10-01 --kind support --category hardware --level 3 \
  --service info
act 陈刚 2026-10-12T16:10 note SH-26-10-01 "电话指导客户断开直流侧开关逐串测对地绝缘：12#逆变器 PV7 组串 1.2 MΩ，其余均大于 10 MΩ。请客户检查该组串的 MC4 接头。"
act 王芳 2026-10-13T11:30 close SH-26-10-01 --result completed --remote \
  --resolution "PV7 组串一处 MC4 接头进水。客户更换接头并做防水处理后绝缘大于 10 MΩ，3 台逆变器正常并网。"
act 王芳 2026-10-13T16:20 verify SH-26-10-01 --result resolved \
  --comment "客户下午复测，3 台逆变器运行正常，绝缘阻抗无告警。"
act 王芳 2026-10-13T16:25 survey SH-26-10-01 --satisfaction 满意 --attitude 好 \
  --comment "电话指导清楚，省了一次出差。"

# SCADA history has gaps every night (level 2), received by data engineering.
expect SJ-26-10-01 李娜 2026-10-15T10:35 --via SJ \
  --customer 国网山东省电力有限公司济南供电公司 --contact 孔立新 --title 自动化专责 \
  --phone 0531-67981234 --address "山东省济南市历下区解放路150号 调度控制中心" \
  --product 调度监控系统 --model SCADA-5000 --size 双机热备 \
  --project-no AB2019-045 --commissioned 2019-12-18 \
  --level 2 --received-at 2026-10-15T10:20 \
  --description "自 10 月 11 日起，历史库每天凌晨 02:00-04:30 没有遥测记录，实时画面正常。
月度负荷报表因此缺数，需要补采这几天的数据。
10 月 10 日晚上做过一次数据库备份策略调整。"
# Remote fix by data engineering; the survey comes first and, on Monday, the
# desk's verification.
act 李娜 2026-10-15T10:50 classify SJ-26-10-01 --kind support --category data --level 2 --service info
act 李娜 2026-10-15T11:05 correct SJ-26-10-01 --field phone --value 0531-67981243 \
  --reason "回电核对：电话号码登记时末两位颠倒"
act 吴斌 2026-10-15T15:00 note SJ-26-10-01 "远程登录历史服务器：10 月 10 日调整后的备份作业 02:00 起全表加锁，历史库写入超时，采集进程丢弃数据。"
act 李娜 2026-10-16T11:30 close SJ-26-10-01 --result completed --remote \
  --resolution "备份改在 04:30 后做增量热备，开启采集缓存重传；从前置机缓存补采 10 月 11-15 日历史数据，月报已可重新生成。"
act 李娜 2026-10-16T16:00 survey SJ-26-10-01 --satisfaction satisfied --attitude 4 \
  --comment "补采及时。请把备份策略的注意事项写进运维手册。"
act 李娜 2026-10-19T09:40 verify SJ-26-10-01 --result resolved --comment "客户确认周末两晚历史数据完整。"

# A ceramics factory's inverter drive trips on overcurrent (level 3).
expect SH-26-10-02 张敏 2026-10-19T09:10 --via SH \
  --customer 佛山市南海金丰陶瓷有限公司 --contact 梁志强 --title 设备科科长 \
  --phone 0757-86781122 --address "广东省佛山市南海区狮山镇工业大道东38号" \
  --product 变频器 --model ACS880-01 --size 132kW/380V --serial VF2020551203 \
  --purchased 2020-04-02 --invoice-no 44190876 \
  --level 3 --received-at 2026-10-19T08:50 \
  --description "球磨机变频器运行中报 OC2 过流故障停机，复位后可以启动，一天跳 3-4 次。
电机绝缘已测，正常。"
# Paid service: out of warranty, quoted from the price list (CODE:QTY) and one
# part priced by hand, accepted by the customer, then dispatched; the parts
# used are customer-bought (自购).
act 张敏 2026-10-19T09:25 classify SH-26-10-02 --kind support --category hardware --level 3 \
  --service paid
act 张敏 2026-10-19T09:40 note SH-26-10-02 "变频器 2020 年 4 月购入，已过两年质保期。已告知客户按有偿服务报价（表 1）。"
act 张敏 2026-10-19T10:30 quote SH-26-10-02 --people 1 --days 2 --transport 1260 \
  --part P-2001:1 --part P-2002:1 --part 散热风扇:1:420
act 张敏 2026-10-20T09:10 quote SH-26-10-02 --accept
outbound SC-26-10-02 何志刚 2026-10-20T10:00 SH-26-10-02 --tech 陈刚 --planned 2026-10-21T10:00
act 陈刚 2026-10-21T10:20 dispatch SH-26-10-02 --arrive
act 陈刚 2026-10-21T17:20 dispatch SH-26-10-02 --finish --hours 7 \
  --work "U 相电流传感器零漂 0.8 A，驱动板 U 相上桥臂驱动波形畸变。更换 U 相电流传感器和 IGBT 驱动板；
清理散热器积尘，更换散热风扇。带球磨机负载试运行 4 小时无跳闸。" \
  --part "IGBT驱动板 ACS880:1:2850:customer" --part "电流传感器 LF 505-S:1:386:customer" \
  --part 散热风扇:1:420:customer --signed-by 梁志强
act 张敏 2026-10-22T09:00 close SH-26-10-02 --result completed \
  --resolution "电流传感器零漂、驱动板故障；更换后连续运行无过流跳闸。"
act 张敏 2026-10-22T15:30 survey SH-26-10-02 --satisfaction satisfied --attitude 4 --damage none \
  --cleanliness good --comment "价格偏高，但问题解决得彻底。"
act 陈刚 2026-10-22T19:30 dispatch SH-26-10-02 --back

# Partial discharge in a port's 10 kV switchgear (level 2).
expect YX-26-10-02 王芳 2026-10-22T16:45 --via YX \
  --customer 宁波舟山港股份有限公司北仑第二集装箱码头分公司 --contact 周晓东 \
  --title 机电主管 --phone 13905748820 --address "浙江省宁波市北仑区新碶街道港城路1号" \
  --product 高压开关柜 --model KYN28A-12 --size "800×1500×2300" --serial KG2018020931 \
  --quantity 12 --project-no AB2018-077 --equipment-no "10kV II段 205柜" \
  --commissioned 2018-11-05 \
  --level 2 --received-at 2026-10-22T16:30 \
  --description "带电检测发现 205 出线柜暂态地电压 32 dB（背景 8 dB），超声波可听到放电声。
柜内有轻微臭氧味。客户担心扩大为短路事故，要求尽快到场并准备停电处理方案。"
# On-site repair in two visits (two outbound records): the first locates the
# discharge, the second replaces the bushing in an agreed outage. 三包 and
# customer-bought parts; the failed bushing comes back and the store raises a
# nonconformity report; the survey in the paper form's words.
act 王芳 2026-10-22T16:55 classify YX-26-10-02 --kind support --category hardware --level 2 \
  --service onsite-repair
act 何志刚 2026-10-22T17:25 plan YX-26-10-02 --text "第一次：带电检测（TEV、超声、特高频）定位放电部位，评估能否继续带电运行。
第二次：与客户约定停电窗口，更换放电部件，耐压及局放复测合格后送电。"
outbound SC-26-10-03 何志刚 2026-10-22T17:40 YX-26-10-02 --tech 赵磊 --tech 孙浩 \
  --planned 2026-10-23T09:00
act 赵磊 2026-10-23T09:10 dispatch YX-26-10-02 --arrive
act 赵磊 2026-10-23T16:00 dispatch YX-26-10-02 --finish --hours 6 \
  --work "TEV、超声波、特高频联合检测：放电位于 205 柜电缆室 B 相穿墙套管，TEV 32 dB。
需停电更换，已与客户约定 10 月 27 日停电。临时措施：每日带电检测一次。" --signed-by 周晓东
act 赵磊 2026-10-23T19:30 dispatch YX-26-10-02 --back
act 王芳 2026-10-26T10:00 note YX-26-10-02 "客户确认 10 月 27 日 08:00-18:00 停电；24-26 日带电检测 TEV 30-33 dB，无发展。"
outbound SC-26-10-04 何志刚 2026-10-26T16:00 YX-26-10-02 --tech 赵磊 --tech 孙浩 \
  --complexity complex --planned 2026-10-27T08:00
act 赵磊 2026-10-27T07:50 dispatch YX-26-10-02 --arrive
act 赵磊 2026-10-27T17:30 dispatch YX-26-10-02 --finish --hours 16 \
  --work "停电后更换 205 柜 B 相穿墙套管（三包）；A、C 相套管清扫并涂 RTV 涂料；更换客户自购的柜内加热器 2 只、温湿度控制器 1 只。
交流耐压 42 kV/1 min 通过；送电后 TEV 9 dB，超声无放电信号。" \
  --part "穿墙套管 CWC-10/1250:1:680:warranty" --part "柜内加热器 JRD-100W:2:85:customer" \
  --part "温湿度控制器 WSK-Z:1:260:customer" --signed-by 周晓东
act 王芳 2026-10-28T09:20 quote YX-26-10-02 --people 2 --days 2 --lodging-days 1 --transport 560 \
  --part P-1003:1
act 王芳 2026-10-28T09:30 close YX-26-10-02 --result completed \
  --resolution "B 相穿墙套管内部气隙放电；停电更换后局放检测正常。"
act 赵磊 2026-10-28T11:00 dispatch YX-26-10-02 --back --part "穿墙套管 CWC-10/1250:1:returned" \
  --part "柜内加热器 JRD-100W:2:scrapped"
act 王芳 2026-10-28T15:00 survey YX-26-10-02 --satisfaction 满意 --attitude 很好 --damage 无 \
  --cleanliness 好 --comment "两位工程师工作细致，在停电窗口内完成。"
act 黄丽 2026-10-28T16:30 warehouse YX-26-10-02 --nonconformity "拆回穿墙套管 1 只：环氧浇注内部有气隙，局放起始电压 6.8 kV（要求不低于 12 kV）。
开不合格品报告 NC-2026-018，退供应商。"

# The same fault reported again by the port's duty electrician: voided, the
# number stays taken.
expect YX-26-10-03 李娜 2026-10-22T17:15 --via YX \
  --customer 宁波舟山港股份有限公司北仑第二集装箱码头分公司 --contact 郑伟 --title 设备部值班电工 \
  --phone 0574-86871234 --product 高压开关柜 --model KYN28A-12 --equipment-no "10kV II段 205柜" \
  --level 2 --received-at 2026-10-22T17:05 \
  --description "205 柜有放电声和异味，请派人检查。"
act 李娜 2026-10-22T17:25 note YX-26-10-03 "回电核实：与 YX-26-10-02 为同一台 205 柜，值班电工不知道机电主管已报修。"
act 王芳 2026-10-22T17:30 void YX-26-10-03 --reason "重复登记：与 YX-26-10-02 为同一故障，按 YX-26-10-02 处理。"

# Not a fault: a duty operator switched off the chargers' AC supply (level 4).
expect SH-26-10-03 张敏 2026-10-30T11:20 --via SH --complaint \
  --customer 合肥市第一污水处理厂 --contact 钱丽 --title 值长 --phone 0551-63457788 \
  --product 直流屏 --model GZDW-100Ah/110V \
  --level 4 --received-at 2026-10-30T11:15 \
  --description "直流屏报“交流失电”和蓄电池放电告警。经电话询问，值班员检修时误将充电模块交流输入开关断开。
已指导合上开关，告警消失，请客户观察蓄电池充电电流。"
# Remote fix of an operator's error, closed within minutes.
act 张敏 2026-10-30T11:25 classify SH-26-10-03 --kind support --category hardware --level 4 \
  --service info
act 张敏 2026-10-30T11:30 close SH-26-10-03 --result completed --remote \
  --resolution "值班员检修时误断充电模块交流输入开关；电话指导合闸后告警消失。"
act 张敏 2026-10-30T15:30 verify SH-26-10-03 --result resolved \
  --comment "蓄电池充电电流由 9.6 A 降到 2.1 A，已转浮充。"
act 张敏 2026-10-30T15:35 survey SH-26-10-03 --satisfaction 满意 --attitude 5 \
  --comment "建议在充电模块交流开关处加警示标识。"
# The customer calls back about the same alarm: the ticket is reopened (R-4.8),
# fixed by phone again, closed, verified and surveyed a second time.
act 张敏 2026-11-02T08:40 reopen SH-26-10-03 \
  --reason "客户来电：直流屏再次报“交流失电”，同一台充电模块。"
act 吴斌 2026-11-02T09:30 note SH-26-10-03 "电话排查：2# 充电模块交流输入开关容量偏小，启动冲击电流下跳闸。指导客户临时改接备用开关。"
act 张敏 2026-11-02T10:15 close SH-26-10-03 --result completed --remote \
  --resolution "2# 充电模块改接 16 A 备用开关，告警消失；原开关由客户下次检修更换。"
act 张敏 2026-11-03T09:00 verify SH-26-10-03 --result resolved --comment "一天内未再跳闸，浮充正常。"
act 张敏 2026-11-03T09:05 survey SH-26-10-03 --satisfaction 满意 --attitude 好

# ---- November 2026 ----

# Metro feeder terminals offline (level 2): description from standard input.
expect SH-26-11-01 王芳 2026-11-03T10:05 --via SH \
  --customer 武汉地铁运营有限公司 --contact 胡娟 --title 供电车间技术员 --phone 13871260931 \
  --address "湖北省武汉市江岸区金桥大道28号" \
  --product 数据采集终端 --model DTU-3000 --size "16 遥测/32 遥信" --quantity 6 \
  --project-no AB2023-202 --commissioned 2023-12-26 \
  --level 2 --received-at 2026-11-03T09:40 --description - <<'EOF'
2 号线 6 台环网柜 DTU 从 11 月 2 日 22:00 起主站显示离线，现场设备指示灯正常。
同一时间运营商做过 APN 割接。
需要远程核对通信参数；如不能恢复，请安排工程师到车辆段。
EOF
# Parts by mail (R-4.1 d): four terminals fixed remotely, two need new modules,
# mailed; closed --remote, verified, surveyed; a free quote for finance.
act 王芳 2026-11-03T10:20 classify SH-26-11-01 --kind support --category data --level 2 \
  --service mail-parts
act 吴斌 2026-11-03T14:30 note SH-26-11-01 "远程核对：运营商割接后专网 APN 改为 WHMETRO.HB。已远程给 4 台 DTU 下发新 APN，恢复在线；另 2 台通信模块固件过旧，不支持远程配置。"
act 王芳 2026-11-03T16:00 note SH-26-11-01 "寄出 4G 通信模块 DTU-4GM 2 块（顺丰 SF1403 2287 6651，三包），附更换说明。"
act 张敏 2026-11-05T17:20 quote SH-26-11-01 --people 1 --days 1 --no-lodging --no-meals \
  --transport 23 --part P-5001:2
act 王芳 2026-11-05T17:30 close SH-26-11-01 --result completed --remote \
  --resolution "4 台远程修改 APN 恢复；2 台由客户换上寄去的通信模块后上线，6 台全部在线。"
act 王芳 2026-11-06T09:10 verify SH-26-11-01 --comment "客户确认 6 台 DTU 连续 24 小时在线。"
act 王芳 2026-11-06T09:15 survey SH-26-11-01 --satisfaction 满意 --attitude 好 \
  --comment "寄件及时，更换说明清楚。"

# A breaker refuses to open on remote command (level 2).
expect YX-26-11-01 李娜 2026-11-06T15:50 --via YX \
  --customer 国网四川省电力公司成都供电公司 --contact 杨勇 --title 变电运维班长 \
  --phone 028-85012345 --address "四川省成都市高新区天府大道北段966号 110kV双河变电站" \
  --product 真空断路器 --model VS1-12/1250-31.5 --size 1250A --serial DL2017330457 \
  --equipment-no "10kV 913开关" --commissioned 2017-08-15 --purchased 2017-05-20 \
  --level 2 --received-at 2026-11-06T15:20 \
  --description "遥控分闸不成功，就地分闸也不动作，分闸线圈有焦糊味，疑似线圈烧毁。
已将该线路负荷转出，913 开关改检修。"
# Quality kind: the Quality dept finds the customer responsible, so the service
# is paid (the desk re-classifies it as such): quote, acceptance, dispatch. The customer is unsatisfied
# with the charge; the Quality dept calls back.
act 李娜 2026-11-06T16:05 classify YX-26-11-01 --kind quality --category hardware --level 2
act 郑红 2026-11-06T17:40 analyze YX-26-11-01 \
  --cause "客户调取的直流系统记录显示直流母线电压长期 248 V（线圈额定 DC 220 V，超过 +10%）；
SOE 记录 11 月 6 日遥控分闸失败后运维人员 2 分钟内连续发令 6 次，分闸线圈长时间带电烧毁。
开关 2017 年投运，已超出质保期。" \
  --measures "请客户将直流母线电压调到 230 V 以内；分闸失败后不得重复发令，应就地检查机构。" \
  --responsibility customer --cause-category operation \
  --corrective "向客户书面说明分析结论；研发部在操作说明书中补充分闸失败的处置要求。"
act 李娜 2026-11-06T17:50 classify YX-26-11-01 --kind quality --category hardware --level 2 \
  --service paid
act 郑红 2026-11-06T19:30 plan YX-26-11-01 --text "1 人赴现场更换分闸线圈及辅助开关，检查分闸回路和操动机构，做机械特性试验，遥控分合 5 次验证。
费用按表 1 由客户承担，报价经客户确认后派人。"
act 钱卫东 2026-11-07T08:45 approve YX-26-11-01 --as head --comment "同意分析结论，按有偿服务报价。"
act 李娜 2026-11-07T09:30 quote YX-26-11-01 --people 1 --days 2 --transport 1860 \
  --part P-1001:1 --part P-1002:1
act 李娜 2026-11-07T10:40 quote YX-26-11-01 --accept
outbound SC-26-11-01 何志刚 2026-11-07T11:00 YX-26-11-01 --tech 周杰 --planned 2026-11-08T09:00
act 周杰 2026-11-08T09:40 dispatch YX-26-11-01 --arrive
act 周杰 2026-11-08T14:30 dispatch YX-26-11-01 --finish --hours 5 \
  --work "更换分闸线圈、辅助开关；检查分闸回路，调整分闸半轴扣接量；机械特性试验合格；遥控分合 5 次正常。" \
  --part "分闸线圈 DC220V:1:168:customer" --part "辅助开关 F10-16:1:95:customer" --signed-by 杨勇
act 李娜 2026-11-09T09:20 close YX-26-11-01 --result completed \
  --resolution "直流电压偏高且重复发令致分闸线圈烧毁；更换线圈及辅助开关后分合正常。"
act 李娜 2026-11-09T10:30 survey YX-26-11-01 --satisfaction 不满意 --attitude 满意 --damage 无 \
  --cleanliness 好 --comment "认为线圈烧毁应按质量问题免费处理，对收费有意见。"
act 郑红 2026-11-09T15:00 follow-up YX-26-11-01 --action "质量部回访：向客户说明直流母线电压超标和重复发令的记录，客户认可分析结论，同意付款。"
act 周杰 2026-11-09T18:00 dispatch YX-26-11-01 --back
act 周杰 2026-11-09T18:30 expense YX-26-11-01 --record SC-26-11-01 --item transport --amount 240

# An integration project's energy platform lost its BA interface (level 3).
expect XT-26-11-01 王芳 2026-11-10T10:45 --via XT \
  --customer 苏州工业园区智慧产业园管理有限公司 --contact 徐静 --title 信息中心主任 \
  --phone 0512-62881020 --address "江苏省苏州市工业园区星湖街328号" \
  --product 能耗管理平台 --model iES-600 --project-no AB2024-031 \
  --commissioned 2024-09-01 \
  --level 3 --received-at 2026-11-10T10:00 \
  --description "能耗管理平台与楼宇自控（BA）系统的 BACnet 接口中断，冷站数据不再更新。
客户 11 月 9 日升级了 BA 服务器操作系统。"
# On-site support by system integration, with a service plan.
act 王芳 2026-11-10T10:55 classify XT-26-11-01 --kind support --category integration --level 3 \
  --service onsite-support
act 马超 2026-11-10T11:40 plan XT-26-11-01 --text "远程确认 BA 服务器升级后的 BACnet 设备实例号和端口；11 月 11 日到现场与客户 IT 联调，补采中断期间的冷站数据。"
outbound XT-26-11-01 邓立 2026-11-10T12:00 XT-26-11-01 --tech 马超 --planned 2026-11-11T09:00
act 马超 2026-11-11T09:05 dispatch XT-26-11-01 --arrive
act 马超 2026-11-11T15:30 dispatch XT-26-11-01 --finish --hours 6 \
  --work "BA 服务器升级到 Windows Server 2022 后防火墙默认阻断 UDP 47808。与客户 IT 开放端口，重新绑定 BACnet/IP 网卡；补采 11 月 9-11 日冷站数据。" \
  --signed-by 徐静
act 王芳 2026-11-11T17:00 close XT-26-11-01 --result completed \
  --resolution "BA 服务器防火墙阻断 BACnet 端口；开放端口后接口恢复，数据已补采。"
act 马超 2026-11-11T18:40 dispatch XT-26-11-01 --back
act 王芳 2026-11-12T09:00 survey XT-26-11-01 --satisfaction satisfied --attitude 5 --damage none \
  --cleanliness good

# A box substation's transformer over-temperature, received by production.
expect SC-26-11-01 李娜 2026-11-16T14:20 --via SC \
  --customer 郑州宇达汽车零部件有限公司 --contact 马建国 --title 动力车间主任 \
  --phone 13703716620 --address "河南省郑州市经济技术开发区第九大街88号" \
  --product 箱式变电站 --model YB-12/0.4-630 --size 630kVA --serial XB2022117340 \
  --quantity 1 --invoice-no 41002273 --purchased 2022-03-10 \
  --received-at 2026-11-16T13:30 \
  --description "变压器温控器报超温（115℃），冷却风机没有启动，已手动启动风机降温。"
# On-site repair with a 三包 part, returned and booked into store with a
# nonconformity report (a supplier's part); a free quote for finance.
act 李娜 2026-11-16T14:30 classify SC-26-11-01 --kind support --category hardware --level 3 \
  --service onsite-repair
outbound SC-26-11-02 何志刚 2026-11-16T15:30 SC-26-11-01 --tech 刘洋 --planned 2026-11-17T09:00
act 刘洋 2026-11-17T09:20 dispatch SC-26-11-01 --arrive
act 刘洋 2026-11-17T13:10 dispatch SC-26-11-01 --finish --hours 3.5 \
  --work "温控器 BWDK-3207 风机输出继电器触点烧死，风机不能自启。更换温控器（三包）；校验 Pt100 测温，风机 100℃ 启动、80℃ 停止正常。" \
  --part "温控器 BWDK-3207:1:480:warranty" --signed-by 马建国
act 李娜 2026-11-17T15:50 quote SC-26-11-01 --people 1 --days 2 --transport 720 --part P-3001:1
act 李娜 2026-11-17T16:00 close SC-26-11-01 --result completed \
  --resolution "温控器继电器故障；更换后风机自动启停正常。"
act 李娜 2026-11-17T17:30 survey SC-26-11-01 --satisfaction 满意 --attitude 好 --damage 无 --cleanliness 好
act 刘洋 2026-11-18T10:00 dispatch SC-26-11-01 --back --part "温控器 BWDK-3207:1:returned"
act 黄丽 2026-11-18T15:00 warehouse SC-26-11-01 \
  --nonconformity "拆回温控器 1 台：风机输出继电器触点粘连。开不合格品报告 NC-2026-021，向供应商索赔。"

# A water utility's SCADA lost three days of flow data (level 3): a data
# project (R-4.5.3.2). The data engineer re-collects it on site, books the
# data in under a warehousing receipt and re-delivers it after inspection.
expect SJ-26-11-01 吴斌 2026-11-19T09:30 --via SJ \
  --customer 嘉兴市水务集团 --contact 褚明 --title 调度中心主任 --phone 0573-82081234 \
  --product 数据采集系统 --model DAS-3000 --received-at 2026-11-19T09:10 \
  --description "11 月 15 日至 17 日 32 个泵站的流量数据缺失，调度报表无法出具。请派人补采。"
act 吴斌 2026-11-19T09:40 classify SJ-26-11-01 --kind support --category data --level 3 \
  --service onsite-support
outbound SJ-26-11-01 吴斌 2026-11-19T10:30 SJ-26-11-01 --tech 吴斌 --planned 2026-11-19T14:00
act 吴斌 2026-11-19T14:00 dispatch SJ-26-11-01 --arrive
act 吴斌 2026-11-19T18:00 dispatch SJ-26-11-01 --finish --hours 4 \
  --work "从 32 个泵站 RTU 本地存储补采 11 月 15—17 日流量数据；修复采集服务断线重连。" --signed-by 褚明
act 吴斌 2026-11-20T09:00 dispatch SJ-26-11-01 --back
act 吴斌 2026-11-20T15:00 warehouse SJ-26-11-01 --data "补采流量数据 32 站 × 3 天（4608 条），入数据工程部资料库。"
act 吴斌 2026-11-21T10:00 redeliver SJ-26-11-01 --text "数据校核无误后导入客户调度系统，报表已重新生成。"
act 吴斌 2026-11-21T10:30 close SJ-26-11-01 --result completed \
  --resolution "补采缺失数据并修复采集服务断线重连。"
act 李娜 2026-11-21T15:00 survey SJ-26-11-01 --satisfaction 满意 --attitude 好

# A wind farm's SVG drops out with a power-unit overvoltage (level 2).
expect SH-26-11-02 张敏 2026-11-20T08:55 --via SH \
  --customer 大唐张北风电场 --contact 高磊 --title 值长 --phone 0313-5218866 \
  --address "河北省张家口市张北县油篓沟乡 大唐张北风电场升压站" \
  --product 静止无功发生器 --model TBB-SVG-35 --size 10Mvar --serial SV2021090312 \
  --project-no AB2021-156 --equipment-no "35kV 1#SVG" --commissioned 2021-10-28 \
  --level 2 --received-at 2026-11-20T08:35 \
  --description "1#SVG 报 B 相 7 号功率单元过压，装置退出运行，场站功率因数考核不合格。
大风天气，全场满发。客户要求 48 小时内恢复。"
# Complex on-site repair by two engineers, a 三包 power unit; closed and
# surveyed, but the engineers go on to another site and bring the failed unit
# back on Saturday evening: not booked into store yet (warehousing overdue).
act 张敏 2026-11-20T09:05 classify SH-26-11-02 --kind support --category hardware --level 2 \
  --service onsite-repair
outbound SC-26-11-03 何志刚 2026-11-20T10:00 SH-26-11-02 --tech 赵磊 --tech 孙浩 \
  --complexity complex --planned 2026-11-21T14:00
act 赵磊 2026-11-21T13:50 dispatch SH-26-11-02 --arrive
act 赵磊 2026-11-22T18:10 dispatch SH-26-11-02 --finish --hours 18 \
  --work "B 相 7 号功率单元直流电容鼓包、IGBT 击穿，更换整个功率单元（三包）；检查其余 35 个单元电容容量正常。
SVG 投运，场站功率因数 0.99。" \
  --part "SVG功率单元 PU-1140:1:12800:warranty" --signed-by 高磊
act 张敏 2026-11-23T09:20 quote SH-26-11-02 --people 2 --days 3 --transport 2140 --part P-4001:1
act 张敏 2026-11-23T09:30 close SH-26-11-02 --result completed \
  --resolution "功率单元电容鼓包、IGBT 击穿；更换功率单元后 SVG 恢复运行。"
act 张敏 2026-11-23T10:30 survey SH-26-11-02 --satisfaction 满意 --attitude 很好 --damage 无 \
  --cleanliness 好 --comment "大风天连夜抢修，感谢两位工程师。"
act 何志刚 2026-11-23T11:00 note SH-26-11-02 "赵磊、孙浩从张北直接转往大唐张北二期做年度巡检，换下的功率单元随车带回，预计 11 月 28 日返回。"
act 赵磊 2026-11-28T17:30 dispatch SH-26-11-02 --back --part "SVG功率单元 PU-1140:1:returned"
act 赵磊 2026-11-28T18:00 expense SH-26-11-02 --record SC-26-11-03 --item transport --amount 1980 \
  --note "张北往返，两人"
act 赵磊 2026-11-28T18:05 expense SH-26-11-02 --record SC-26-11-03 --item lodging --amount 1260 \
  --note "张北 3 晚，两间"
act 孙浩 2026-11-28T18:10 expense SH-26-11-02 --record SC-26-11-03 --item meals --amount 360

# An operator set the wrong CT ratio: figures ten times too small (level 4).
expect SH-26-11-03 王芳 2026-11-25T14:15 --via SH \
  --customer 厦门翔安国际机场建设有限公司 --contact 林芳 --title 电气工程师 \
  --phone 0592-5709900 --product 电能质量监测装置 --model PQM-300 --size 导轨式 \
  --level 4 --received-at 2026-11-25T14:10 \
  --description "监测装置显示电流只有实际值的十分之一。核对发现客户更换 CT 后把变比设成 100/5，实际为 1000/5。
已电话指导改正定值，数据恢复正常。"
# Remote fix: the setting is corrected on the phone, closed --remote at once.
act 王芳 2026-11-25T14:20 classify SH-26-11-03 --kind support --category software --level 4 \
  --service info
act 王芳 2026-11-25T14:25 close SH-26-11-03 --result completed --remote \
  --resolution "客户更换 CT 后变比误设为 100/5（实为 1000/5）；电话指导改正定值，数据恢复正常。"
act 王芳 2026-11-25T16:00 survey SH-26-11-03 --satisfaction 满意 --attitude 很好
act 王芳 2026-11-26T09:30 verify SH-26-11-03 --comment "客户核对电能质量日报，电流、功率与关口计量表一致。"

# Training (R-4.1 a) by R&D: two days on site, closed on Friday evening; the
# customer cannot be reached over the weekend (survey overdue).
expect SH-26-11-04 张敏 2026-11-25T16:40 --via SH \
  --customer 南京江北新区水务集团有限公司 --contact 汪洋 --title 调度中心副主任 --phone 025-58461200 \
  --address "江苏省南京市江北新区浦滨路150号 调度中心" \
  --product 供水调度监控系统 --model SCADA-5000W --project-no AB2025-067 --commissioned 2025-12-20 \
  --level 4 --received-at 2026-11-25T16:30 \
  --description "调度中心新进 8 名值班员，要求厂家到现场培训监控系统操作、报警处理和报表导出，最好本周内安排。"
act 张敏 2026-11-25T16:50 classify SH-26-11-04 --kind support --category software --level 4 \
  --service training
act 许晨 2026-11-25T17:30 plan SH-26-11-04 --text "两天现场培训。第一天：画面操作、报警确认与处理。第二天：遥控操作与防误闭锁、报表导出，下午上机考核。"
outbound YF-26-11-01 蒋文 2026-11-26T09:00 SH-26-11-04 --tech 许晨 --complexity complex \
  --planned 2026-11-26T13:30
act 许晨 2026-11-26T13:20 dispatch SH-26-11-04 --arrive
act 许晨 2026-11-27T17:00 dispatch SH-26-11-04 --finish --hours 12 \
  --work "对 8 名新值班员培训两天：画面操作、报警处理、遥控操作及防误闭锁、报表导出；上机考核 8 人合格，培训签到表客户留存。" \
  --signed-by 汪洋
act 张敏 2026-11-27T17:30 close SH-26-11-04 --result completed --resolution "8 名值班员完成培训，考核合格。"
act 许晨 2026-11-27T21:10 dispatch SH-26-11-04 --back
act 张敏 2026-11-28T10:00 note SH-26-11-04 "回访电话无人接听，客户周末不上班；周一再回访做满意度调查。"

# A low-voltage area's meter reading rate fell; Friday evening, level not given.
expect YX-26-11-02 李娜 2026-11-27T17:05 --via YX \
  --customer 国网江西省电力有限公司南昌供电公司 --contact 罗伟 --phone 13907912288 \
  --address "江西省南昌市东湖区叠山路 青山湖供电所" \
  --product 智能电表集抄终端 --model TTU-810 --quantity 4 \
  --received-at 2026-11-27T16:40 \
  --description "青山湖供电所 4 个台区抄表成功率从 99% 降到 82%，集中在载波通信的老旧小区。"
# Classified the same evening; data engineering is diagnosing it remotely.
act 李娜 2026-11-27T17:20 classify YX-26-11-02 --kind support --category data --level 3 --service info
act 吴斌 2026-11-27T18:10 note YX-26-11-02 "远程调取集中器日志：载波路由频繁重组，疑为小区新装光伏逆变器的谐波干扰。周一请供电所配合现场测试。"

# Production receives a call from a cement plant; the customer wants the
# repair during Monday's kiln outage, so the engineer is not on site within
# the 48 hours of level 2 (arrival overdue).
expect SC-26-11-02 何志刚 2026-11-27T10:25 --via SC \
  --customer 芜湖海螺水泥有限公司 --contact 汤国华 --title 电气主管 --phone 0553-8391234 \
  --address "安徽省芜湖市繁昌区荻港镇 3#窑" \
  --product 高压固态软启动器 --model HRVS-10-800 --size 10kV/800kW --serial RQ2024051125 \
  --purchased 2024-05-18 --commissioned 2024-08-10 \
  --level 2 --received-at 2026-11-27T10:10 \
  --description "3#窑高温风机软启动器启动时报 C 相晶闸管故障，只能旁路直接启动，启动电流大。要求派人处理。"
act 张敏 2026-11-27T10:50 classify SC-26-11-02 --kind support --category hardware --level 2 \
  --service onsite-repair
outbound SC-26-11-04 何志刚 2026-11-27T14:00 SC-26-11-02 --tech 陈刚 --planned 2026-11-30T08:30
act 张敏 2026-11-27T14:10 note SC-26-11-02 "客户要求 11 月 30 日（周一）窑检修停机时处理；陈刚 29 日晚出发。超出 48 小时到场时限，已向客户说明。"

# Industry applications receives a steel mill's call; two engineers on site
# on Sunday, the complex repair still running.
expect HY-26-11-01 韩冬 2026-11-28T08:30 --via HY \
  --customer 上海梅山钢铁股份有限公司 --contact 钱勇 --title 能源中心电气工程师 --phone 025-86361234 \
  --address "江苏省南京市雨花台区梅山街道 热轧厂" \
  --product 高压变频器 --model HVF-10/2500 --size 10kV/2500kW --serial GB2023081407 \
  --project-no AB2023-118 --equipment-no "热轧除鳞泵 2#变频器" --commissioned 2023-10-15 \
  --level 2 --received-at 2026-11-28T08:20 \
  --description "2#除鳞泵高压变频器报 A3 功率单元光纤通讯故障后停机，已切工频运行。工频启动冲击大，请尽快派人。"
act 张敏 2026-11-28T08:40 classify HY-26-11-01 --kind support --category hardware --level 2 \
  --service onsite-repair
outbound SC-26-11-05 何志刚 2026-11-28T09:30 HY-26-11-01 --tech 张伟 --tech 周杰 \
  --complexity complex --planned 2026-11-29T09:00
act 张伟 2026-11-29T08:50 dispatch HY-26-11-01 --arrive
act 张伟 2026-11-29T17:00 note HY-26-11-01 "更换 A3 功率单元光纤及接收板后空载试验正常；明天随轧线检修窗口带负载试车。"

# A data centre's UPS on bypass on Sunday evening (level 1): the form is
# filled, nobody has classified it yet (response overdue).
expect SH-26-11-05 李娜 2026-11-29T19:42 --via SH \
  --customer 杭州云栖数据科技有限公司 --contact 方磊 --title 机房值班主管 --phone 13858012345 \
  --address "浙江省杭州市西湖区云栖小镇 B3 数据中心" \
  --product 不间断电源 --model UPS-HT33-400 --size 400kVA --serial UP2024030518 \
  --equipment-no "B3 机房 2#UPS" --commissioned 2024-06-01 \
  --level 1 --received-at 2026-11-29T19:35 \
  --description "2#UPS 19:20 报整流器故障，转旁路运行，电池不再备电；市电一旦波动，B3 机房 40 个机柜会掉电。要求立即处理。"

# The customer file (顾客档案, R-4.6 b): two key customers with their equipment,
# as the desk keeps them, and a third on file without equipment yet. Edits and
# units registered later are events of each file's history.
customer() {
  local want=$1 actor=$2 at=$3 got
  shift 3
  got=$("$SVC" -R "$R" --now "$at" --actor "$actor" customer add --at "$at" "$@")
  if [[ $got != "$want" ]]; then
    echo "make-examples: svc customer add gave '$got', expected $want" >&2
    exit 1
  fi
  echo "$got"
}
customer K0001 王芳 2026-10-08T10:30 国网浙江省电力有限公司湖州供电公司 --alias 湖州供电 \
  --alias 湖州供电公司 --contact "沈建国 继电保护专责" --phone 0572-2051234 \
  --address "浙江省湖州市吴兴区青山路18号 220kV青山变电站" --key
act 王芳 2026-10-08T10:35 equipment add --customer K0001 --serial JB2021004417 \
  --product 继电保护装置 --model PCS-978GE --project-no AB2021-118 --commissioned 2021-06-30 \
  --warranty-until 2024-06-29 --location "220kV青山变电站 1#主变保护A屏"
act 王芳 2026-10-08T10:36 equipment add --customer K0001 --serial JB2021004418 \
  --product 继电保护装置 --model PCS-978GE --project-no AB2021-118 --commissioned 2021-06-30 \
  --warranty-until 2024-06-29 --location "220kV青山变电站 1#主变保护B屏"
customer K0002 张敏 2026-11-20T10:00 大唐张北风电场 --alias 张北风电场 --contact "高磊 值长" \
  --phone 0313-5218866 --address "河北省张家口市张北县油篓沟乡 大唐张北风电场升压站" --key
act 张敏 2026-11-20T10:05 equipment add --customer K0002 --serial SV2021090312 \
  --product 静止无功发生器 --model TBB-SVG-35 --project-no AB2021-156 --commissioned 2021-10-28 \
  --warranty-until 2026-10-27 --location "35kV 1#SVG"
act 张敏 2026-11-27T16:00 customer edit K0002 --contact "赵刚 场长" --phone 0313-5218800 \
  --reason 场长直线电话
customer K0003 李娜 2026-11-29T20:10 杭州云栖数据科技有限公司 --alias 云栖数据 \
  --contact "方磊 机房值班主管" --phone 13858012345 \
  --address "浙江省杭州市西湖区云栖小镇 B3 数据中心"
act 李娜 2026-11-29T20:15 equipment add --customer K0003 --serial UP2024030518 \
  --product 不间断电源 --model UPS-HT33-400 --commissioned 2024-06-01 \
  --warranty-until 2027-05-31 --location "B3 机房 2#UPS"

# Customer visits (顾客走访, R-4.6 a): the key customers are visited once a
# year and each visit is reported within 10 days. BF-26-10-01 was reported in
# time; BF-26-11-01 is not reported yet (due 2026-12-05, so `svc overdue`
# lists it once that has passed).
visit() {
  local want=$1 actor=$2 at=$3 now=$4 got
  shift 4
  got=$("$SVC" -R "$R" --now "$now" --actor "$actor" visit record --at "$at" "$@")
  if [[ $got != "$want" ]]; then
    echo "make-examples: svc visit record gave '$got', expected $want" >&2
    exit 1
  fi
  echo "$got"
}
visit BF-26-10-01 王芳 2026-10-15T09:30 2026-10-15T17:20 --customer K0001 --by 张伟 --by 刘洋 \
  --serial JB2021004417 --serial JB2021004418 \
  --findings "1#主变保护A/B屏运行正常；A屏打印机卡纸；保护定值与调度定值单一致。" \
  --requests "希望明年3月春检前安排一次保护装置定检，并提供PCS-978GE操作培训。"
act 张伟 2026-10-20T16:00 visit report BF-26-10-01 \
  --text "走访报告：湖州供电公司青山变 1#主变保护运行正常。打印机已现场处理。客户要求的春检前定检与操作培训已转售后服务部列入明年年度服务计划。"
visit BF-26-11-01 张敏 2026-11-25T10:00 2026-11-25T18:00 --customer K0002 --by 张敏 \
  --serial SV2021090312 \
  --findings "SVG 运行正常；1#功率柜风机噪声偏大，已超出质保期。" \
  --requests "询问风机更换报价及延保方案。"

# The annual service plan for 2027 (年度服务计划, R-4.5.5): drafted by the desk,
# approved by the general manager; an item added after the approval waits for
# the next one.
plan_item() {
  local want=$1 actor=$2 at=$3 got
  shift 3
  got=$("$SVC" -R "$R" --now "$at" --actor "$actor" annual-plan add 2027 --at "$at" "$@")
  if [[ $got != "$want" ]]; then
    echo "make-examples: svc annual-plan add gave '$got', expected $want" >&2
    exit 1
  fi
  echo "2027:$got"
}
plan_item 1 王芳 2026-11-28T09:00 --customer K0001 --serial JB2021004417 --month 4 \
  --work technical --note "春检: 1#主变保护A屏定检"
plan_item 2 王芳 2026-11-28T09:05 --customer K0001 --serial JB2021004418 --month 4 \
  --work technical --note "春检: 1#主变保护B屏定检"
plan_item 3 张敏 2026-11-28T09:10 --customer K0002 --serial SV2021090312 --month 6 \
  --work upgrade --note "SVG 控制软件升级 (迎峰度夏前)"
act 张建国 2026-11-28T15:00 annual-plan approve 2027 --as gm --comment 同意
plan_item 4 李娜 2026-11-29T20:20 --customer K0003 --serial UP2024030518 --month 9 \
  --work repair --note "2#UPS 整流器返修后复检"

# Nonconformity reports (不合格品报告处理单, R-4.5.3.1): the store files the
# parts that failed the warehousing inspection, the Quality dept (郑红) adds
# the corrective action and closes with the disposition. NC-26-10-01 is
# closed (returned to the supplier); NC-26-11-01 still open.
nc() {
  local want=$1 actor=$2 at=$3 got
  shift 3
  got=$("$SVC" -R "$R" --now "$at" --actor "$actor" nonconformity "$@" --at "$at")
  if [[ $got != "$want" ]]; then
    echo "make-examples: svc nonconformity gave '$got', expected $want" >&2
    exit 1
  fi
  echo "$got"
}
nc NC-26-10-01 黄丽 2026-10-28T16:40 YX-26-10-02 --part "穿墙套管 CWC-10/1250:1" \
  --description "环氧浇注内部有气隙，局放起始电压 6.8 kV（要求不低于 12 kV）。"
act 郑红 2026-10-29T10:00 nonconformity action NC-26-10-01 \
  --text "同批次库存 6 只穿墙套管逐只做局放试验；要求供应商提供浇注工艺整改报告，整改前暂停采购。"
act 郑红 2026-11-05T14:00 nonconformity close NC-26-10-01 --disposition return \
  --comment "退供应商，索赔已确认。"
nc NC-26-11-01 黄丽 2026-11-18T15:10 SC-26-11-01 --part "温控器 BWDK-3207:1" \
  --description "风机输出继电器触点粘连，风机不能自启。"
act 郑红 2026-11-19T09:30 nonconformity note NC-26-11-01 "已联系供应商，等待失效分析报告。"

# Advances to the engineers (借支, R-3.1) and October's write-off (核销, R-4.5.4):
# finance writes the month off once it is over, each record's quote against its
# actual costs and each engineer's advances against his expenses.
act 孙丽 2026-10-08T10:40 advance 张伟 --amount 1000 --note "青山变抢修差旅"
act 孙丽 2026-11-21T09:30 advance 赵磊 --amount 3000 --note "张北抢修差旅"
quietly -R "$R" --now 2026-11-03T10:00 --actor 孙丽 writeoff --month 2026-10

# Training records (培训记录, R-3.1, R-4.3.1): the lesson of YX-26-10-01 (the
# X3 terminal blocks) taught to the engineers by the Quality dept, with its
# materials and a written test; the results recorded the next day. A second
# session on the new 2027 plan's SVG software is recorded, not yet assessed.
training() {
  local want=$1 actor=$2 at=$3 got
  shift 3
  got=$("$SVC" -R "$R" --now "$at" --actor "$actor" training add "$@" --at "$at")
  if [[ $got != "$want" ]]; then
    echo "make-examples: svc training add gave '$got', expected $want" >&2
    exit 1
  fi
  echo "$got"
}
training PX-26-11-01 王芳 2026-11-13T17:30 --date 2026-11-13 \
  --topic "保护屏端子排压接工艺与 CT 二次回路检查（YX-26-10-01 案例）" --trainer 郑红 \
  --trainee 张伟 --trainee 赵磊 --trainee 孙浩 --trainee 陈刚 \
  --assessment "笔试（60 分合格）+ 现场实操" --material "YX-26-10-01 分析报告" \
  --material "端子压接作业指导书 ZY-07" --hours 3
act 郑红 2026-11-14T10:00 training assess PX-26-11-01 --trainee 张伟 --result "合格 88分"
act 郑红 2026-11-14T10:05 training assess PX-26-11-01 --trainee 赵磊 --result "合格 92分"
act 郑红 2026-11-14T10:10 training assess PX-26-11-01 --trainee 孙浩 --result "不合格 55分" \
  --comment "拉力测试步骤不熟，12 月补考。"
act 郑红 2026-11-14T10:15 training assess PX-26-11-01 --trainee 陈刚 --result "合格 76分"
training PX-26-11-02 王芳 2026-11-27T16:00 --date 2026-11-27 --topic "SVG 控制软件 V3 升级操作" \
  --trainer 吴斌 --trainee 周杰 --trainee 刘洋 --assessment "现场实操" \
  --material "SVG V3 升级说明书" --hours 2.5

"$SVC" -R "$R" check
