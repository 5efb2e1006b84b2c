#!/usr/bin/env bash
# records/make-examples.sh — the bundled example tickets, made with the real svc.
#
#   records/make-examples.sh            # refuses if records/tickets holds tickets
#   records/make-examples.sh --force    # deletes records/tickets first
#   SVC=build-bench/svc records/make-examples.sh --force
#
# A dozen requests of October and November 2026 as the service desk would
# file them: several receiving departments (YX, SH, SJ, SC, XT), every fault
# level and some not yet judged, and between them every field of the info
# form (R-4.2.1, R-6/R-7). Every time is given (--received-at, and --at,
# which is also --now: each form is filled as the call comes in), so the
# output is the same on every run. Each command states the number it must
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
  rm -rf "$R/tickets"
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

# ---- October 2026 ----

# A substation's transformer differential protection tripped (level 1).
expect YX-26-10-01 王芳 2026-10-08T09:25 --via YX \
  --customer 国网浙江省电力有限公司湖州供电公司 --contact 沈建国 --title 继电保护专责 \
  --phone 0572-2051234 --address "浙江省湖州市吴兴区青山路18号 220kV青山变电站" \
  --product 继电保护装置 --model PCS-978GE --size "4U 19英寸" --serial JB2021004417 \
  --quantity 1 --project-no AB2021-118 --equipment-no "1#主变保护A屏" \
  --commissioned 2021-06-30 --purchased 2021-03-15 --invoice-no 33012104 \
  --level 1 --received-at 2026-10-08T09:12 \
  --description "10月8日 08:47 1#主变差动保护动作，三侧开关跳闸，1#主变失电。
现场检查主变本体无异常，瓦斯保护未动作；录波显示 A 相差流 0.62Ie，持续约 40 ms。
负荷已转由 2#主变供带。客户要求今天查明原因，确认后恢复送电。"

# A solar plant's inverter reports an insulation fault code (level 3).
expect SH-26-10-01 王芳 2026-10-12T14:40 --via SH \
  --customer 华能如东光伏电站 --contact 陆海燕 --title 运维班长 --phone 13862781145 \
  --address "江苏省南通市如东县洋口镇光伏产业园1号" \
  --product 光伏逆变器 --model SG110CX --size 110kW --serial NB2022318806 --quantity 3 \
  --equipment-no "3#方阵 12、13、14#逆变器" --commissioned 2022-09-20 \
  --level 3 --received-at 2026-10-12T14:05 \
  --description "3 台逆变器早上并网时报故障码 F021（绝缘阻抗低），中午后自行恢复。
连续阴雨一周，怀疑直流侧组串受潮。请电话指导排查，必要时派人。"

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

# A ceramics factory's inverter drive trips on overcurrent (level 3).
expect SH-26-10-02 张敏 2026-10-19T09:10 --via SH \
  --customer 佛山市南海金丰陶瓷有限公司 --contact 梁志强 --title 设备科科长 \
  --phone 0757-86781122 --address "广东省佛山市南海区狮山镇工业大道东38号" \
  --product 变频器 --model ACS880-01 --size 132kW/380V --serial VF2020551203 \
  --purchased 2020-04-02 --invoice-no 44190876 \
  --level 3 --received-at 2026-10-19T08:50 \
  --description "球磨机变频器运行中报 OC2 过流故障停机，复位后可以启动，一天跳 3-4 次。
电机绝缘已测，正常。"

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

# Not a fault: a duty operator switched off the chargers' AC supply (level 4).
expect SH-26-10-03 张敏 2026-10-30T11:20 --via SH \
  --customer 合肥市第一污水处理厂 --contact 钱丽 --title 值长 --phone 0551-63457788 \
  --product 直流屏 --model GZDW-100Ah/110V \
  --level 4 --received-at 2026-10-30T11:15 \
  --description "直流屏报“交流失电”和蓄电池放电告警。经电话询问，值班员检修时误将充电模块交流输入开关断开。
已指导合上开关，告警消失，请客户观察蓄电池充电电流。"

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

# A breaker refuses to open on remote command (level 2).
expect YX-26-11-01 李娜 2026-11-06T15:50 --via YX \
  --customer 国网四川省电力公司成都供电公司 --contact 杨勇 --title 变电运维班长 \
  --phone 028-85012345 --address "四川省成都市高新区天府大道北段966号 110kV双河变电站" \
  --product 真空断路器 --model VS1-12/1250-31.5 --size 1250A --serial DL2017330457 \
  --equipment-no "10kV 913开关" --commissioned 2017-08-15 --purchased 2017-05-20 \
  --level 2 --received-at 2026-11-06T15:20 \
  --description "遥控分闸不成功，就地分闸也不动作，分闸线圈有焦糊味，疑似线圈烧毁。
已将该线路负荷转出，913 开关改检修。"

# An integration project's energy platform lost its BA interface (level 3).
expect XT-26-11-01 王芳 2026-11-10T10:45 --via XT \
  --customer 苏州工业园区智慧产业园管理有限公司 --contact 徐静 --title 信息中心主任 \
  --phone 0512-62881020 --address "江苏省苏州市工业园区星湖街328号" \
  --product 能耗管理平台 --model iES-600 --project-no AB2024-031 \
  --commissioned 2024-09-01 \
  --level 3 --received-at 2026-11-10T10:00 \
  --description "能耗管理平台与楼宇自控（BA）系统的 BACnet 接口中断，冷站数据不再更新。
客户 11 月 9 日升级了 BA 服务器操作系统。"

# A box substation's transformer over-temperature, received by production; not judged yet.
expect SC-26-11-01 李娜 2026-11-16T14:20 --via SC \
  --customer 郑州宇达汽车零部件有限公司 --contact 马建国 --title 动力车间主任 \
  --phone 13703716620 --address "河南省郑州市经济技术开发区第九大街88号" \
  --product 箱式变电站 --model YB-12/0.4-630 --size 630kVA --serial XB2022117340 \
  --quantity 1 --invoice-no 41002273 --purchased 2022-03-10 \
  --received-at 2026-11-16T13:30 \
  --description "变压器温控器报超温（115℃），冷却风机没有启动，已手动启动风机降温。"

# A wind farm's SVG drops out with a power-unit overvoltage (level 2).
expect SH-26-11-02 张敏 2026-11-20T08:55 --via SH \
  --customer 大唐张北风电场 --contact 高磊 --title 值长 --phone 0313-5218866 \
  --address "河北省张家口市张北县油篓沟乡 大唐张北风电场升压站" \
  --product 静止无功发生器 --model TBB-SVG-35 --size 10Mvar --serial SV2021090312 \
  --project-no AB2021-156 --equipment-no "35kV 1#SVG" --commissioned 2021-10-28 \
  --level 2 --received-at 2026-11-20T08:35 \
  --description "1#SVG 报 B 相 7 号功率单元过压，装置退出运行，场站功率因数考核不合格。
大风天气，全场满发。客户要求 48 小时内恢复。"

# An operator set the wrong CT ratio: figures ten times too small (level 4).
expect SH-26-11-03 王芳 2026-11-25T14:15 --via SH \
  --customer 厦门翔安国际机场建设有限公司 --contact 林芳 --title 电气工程师 \
  --phone 0592-5709900 --product 电能质量监测装置 --model PQM-300 --size 导轨式 \
  --level 4 --received-at 2026-11-25T14:10 \
  --description "监测装置显示电流只有实际值的十分之一。核对发现客户更换 CT 后把变比设成 100/5，实际为 1000/5。
已电话指导改正定值，数据恢复正常。"

# A low-voltage area's meter reading rate fell; just received, level not judged yet.
expect YX-26-11-02 李娜 2026-11-27T17:05 --via YX \
  --customer 国网江西省电力有限公司南昌供电公司 --contact 罗伟 --phone 13907912288 \
  --address "江西省南昌市东湖区叠山路 青山湖供电所" \
  --product 智能电表集抄终端 --model TTU-810 --quantity 4 \
  --received-at 2026-11-27T16:40 \
  --description "青山湖供电所 4 个台区抄表成功率从 99% 降到 82%，集中在载波通信的老旧小区。"

"$SVC" -R "$R" check
