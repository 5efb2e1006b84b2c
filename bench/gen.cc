// svc-gen: a records directory of N generated, realistic tickets with their
// whole histories, for the benchmarks in bench/ (bench/README.md) and for
// tests that need a big store.
//
//   svc-gen DIR N [--seed S] [--start 2017-01] [--codes SH,YX,...] [--per-month 80-99]
//                 [--print-now]
//   svc-gen --taskwarrior DIR --now TIME [--shift SECONDS] [--bare]
//
// DIR is created with svc::Store::Init (the default svc.toml). Tickets are
// built as svc::Ticket: svc::NewTicket for the form and its `open` event,
// then the procedure's steps made by the library's builders
// (MakeClassifyEvent, MakeAnalyzeEvent, MakeApproveEvent, MakeQuote and
// QuoteToEvent, MakeMarkEvent, MakeCloseEvent, MakeSurveyEvent, MakeReopenEvent,
// MakeCorrectEvent, ParsePart, ParseHours; dispatch, plan, accept, verify,
// void and note events as the commands build them), each history checked by
// svc::Fold, and written by
// svc::Store::Create, which formats them with svc::WriteTicket; outbound
// records are numbered per department and month of filing, in order of
// filing, and registered with svc::WriteOutboundEntry. So a generated store
// is always in svc's current canonical format and passes `svc check`.
//
// Months run from --start; in each month every receiving code gets a
// random number of tickets in --per-month (capped at the sequence width),
// numbered 01.. in order of receipt, until N tickets are written. The store
// is generated as of `now`, 09:00 on the first day after the last month:
// most tickets went the whole way (classified, on site for about a quarter,
// closed, surveyed); in the most recent fifth of the time span more and more
// of them are still under way, stopped after one of their steps (about 10 %
// of all), and nothing happens after `now`. A few are reopened, have a form
// field corrected or a close or survey amended. Steps entered late
// (`recorded`) are never entered before the steps they follow, so the
// records replay as of every moment (`svc --now`).
//
// --taskwarrior writes the tickets of a store as JSON for `task import`, for
// the comparison with Taskwarrior in bench/run.sh: each ticket as the task a
// Taskwarrior user would keep for it — the fault in the description, the
// history as annotations — or, with --bare, only its number, customer and
// dates.
//
// The output depends only on the arguments: the same seed gives the same
// bytes. A generated store is disposable, so its files are written without
// fsync (see BulkDisk); everything else goes through the library.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "base/json.h"
#include "base/text.h"
#include "base/timepoint.h"
#include "format/config_toml.h"
#include "format/ticket_toml.h"
#include "model/config.h"
#include "model/form.h"
#include "model/number.h"
#include "model/ticket.h"
#include "ops/intake.h"
#include "ops/workflow.h"
#include "rules/clocks.h"
#include "rules/fees.h"
#include "rules/state.h"
#include "storage/store.h"

namespace {

using svc::Date;
using svc::Status;
using svc::Time;

template <typename T, size_t N>
using Pool = std::array<T, N>;

// ---- deterministic randomness (splitmix64: the same on every platform) ----

class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [lo, hi].
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Next() % static_cast<uint64_t>(hi - lo + 1));
  }
  bool Chance(int percent) { return Between(1, 100) <= percent; }
  template <typename C>
  const auto& Pick(const C& items) {
    return items[static_cast<size_t>(Between(0, static_cast<int64_t>(std::size(items)) - 1))];
  }
  std::string Digits(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += static_cast<char>('0' + Between(0, 9));
    return s;
  }

 private:
  uint64_t state_;
};

// ---- the world the tickets come from ----

struct City {
  std::string_view province;  // empty for the municipalities
  std::string_view name;      // without 市
  std::string_view area_code;
};

constexpr Pool<City, 30> kCities = {{
    {"浙江省", "杭州", "0571"}, {"浙江省", "宁波", "0574"},   {"江苏省", "南京", "025"},
    {"江苏省", "苏州", "0512"}, {"江苏省", "无锡", "0510"},   {"山东省", "济南", "0531"},
    {"山东省", "青岛", "0532"}, {"广东省", "广州", "020"},    {"广东省", "深圳", "0755"},
    {"广东省", "佛山", "0757"}, {"湖北省", "武汉", "027"},    {"湖南省", "长沙", "0731"},
    {"河南省", "郑州", "0371"}, {"河北省", "石家庄", "0311"}, {"四川省", "成都", "028"},
    {"陕西省", "西安", "029"},  {"安徽省", "合肥", "0551"},   {"福建省", "福州", "0591"},
    {"福建省", "厦门", "0592"}, {"江西省", "南昌", "0791"},   {"山西省", "太原", "0351"},
    {"辽宁省", "沈阳", "024"},  {"吉林省", "长春", "0431"},   {"云南省", "昆明", "0871"},
    {"贵州省", "贵阳", "0851"}, {"甘肃省", "兰州", "0931"},   {"北京市", "北京", "010"},
    {"上海市", "上海", "021"},  {"天津市", "天津", "022"},    {"重庆市", "重庆", "023"},
}};

constexpr Pool<std::string_view, 12> kDistricts = {
    "高新区",   "经济技术开发区", "城东区",   "江北区", "滨江区", "新城区",
    "工业园区", "城南区",         "临港新区", "西湖区", "开发区", "北辰区"};
constexpr Pool<std::string_view, 14> kStreets = {
    "建设路", "人民路",   "解放大道", "科技园路", "工业大道", "长江路", "黄河路",
    "中山路", "环城北路", "创业大道", "电力路",   "迎宾大道", "纬二路", "滨河东路"};
constexpr Pool<std::string_view, 16> kPlaces = {"城北", "东郊", "滨江", "青山", "望江", "桃园",
                                                "金桥", "新港", "双河", "龙泉", "白沙", "西湖",
                                                "石门", "高桥", "永安", "凤凰"};
constexpr Pool<std::string_view, 14> kIndustries = {
    "钢铁集团有限公司", "水务集团有限公司",     "热电有限公司",     "化工有限公司",
    "水泥有限公司",     "轨道交通集团有限公司", "污水处理厂",       "港务集团有限公司",
    "国际机场有限公司", "石化有限公司",         "纺织印染有限公司", "医药股份有限公司",
    "数据中心",         "汽车零部件有限公司"};
constexpr Pool<std::string_view, 10> kBrands = {"华能", "大唐",   "国家电投", "华电", "三峡",
                                                "协鑫", "中广核", "京能",     "粤电", "浙能"};
constexpr Pool<std::string_view, 20> kSurnames = {"王", "李", "张", "刘", "陈", "杨", "赵",
                                                  "黄", "周", "吴", "徐", "孙", "胡", "朱",
                                                  "高", "林", "何", "郭", "马", "罗"};
constexpr Pool<std::string_view, 24> kGivenNames = {
    "伟", "芳", "娜", "敏", "静", "丽",   "强",   "磊",   "军",   "洋",   "勇",   "艳",
    "杰", "娟", "涛", "明", "超", "秀英", "建国", "志强", "海燕", "晓东", "立新", "国华"};
constexpr Pool<std::string_view, 12> kTitles = {
    "运维班长",   "变电站站长", "设备科科长", "电气工程师", "自动化专责",   "继电保护专责",
    "生产部经理", "机电主管",   "值长",       "技术员",     "动力车间主任", "信息中心主任"};
// The service desk and the engineers who write the history.
constexpr Pool<std::string_view, 6> kDesk = {"王芳", "李娜", "张敏", "刘洋", "陈静", "赵丽"};
constexpr Pool<std::string_view, 8> kEngineers = {"孙伟", "周强", "吴磊",   "郑军",
                                                  "钱涛", "冯超", "褚建国", "卫志强"};

struct Product {
  std::string_view name;
  std::string_view models[3];
  std::string_view sizes[3];
  std::string_view serial_prefix;
  std::string_view faults[5];
  std::string_view parts[3];  // spare parts an engineer replaces
};

constexpr Pool<Product, 14> kProducts = {{
    {"配电柜",
     {"GGD2-38", "MNS-0.4", "GCS-08"},
     {"800×600×2200", "1000×800×2200", "600×600×2200"},
     "PD",
     {"柜内温度过高，顶部散热风扇不转", "母排连接处发热，红外测温 86℃",
      "电容补偿回路接触器频繁投切", "多功能电表显示电流为零，实际有负荷",
      "柜门电磁锁失灵，无法正常开门"},
     {"散热风扇", "交流接触器", "多功能电表"}},
    {"高压开关柜",
     {"KYN28A-12", "XGN15-12", "KYN61-40.5"},
     {"800×1500×2300", "1000×1660×2300", "1400×2800×2600"},
     "KG",
     {"暂态地电压局放检测超标（32 dB），柜内有异响", "断路器手车无法摇进工作位置",
      "带电显示器三相指示不一致", "柜内加热器不工作，凝露严重", "五防闭锁失效，接地刀闸可误操作"},
     {"带电显示器", "柜内加热器", "五防闭锁装置"}},
    {"变频器",
     {"HV-VFD-630", "ACS880-01", "VFD-A75"},
     {"75kW/380V", "132kW/380V", "630kW/10kV"},
     "VF",
     {"运行中报 OC2 过流故障停机", "报 E.OH 散热器过热，环境温度 35℃",
      "直流母线欠压报警 Uu，重启后 10 分钟再次出现", "输出缺相，电机抖动",
      "面板黑屏，控制电源正常"},
     {"IGBT模块", "散热风扇", "控制板"}},
    {"真空断路器",
     {"VS1-12/1250-31.5", "ZN63A-12", "VD4-12"},
     {"1250A", "630A", "2000A"},
     "DL",
     {"分闸线圈烧毁，遥控拒分", "储能电机不储能，储能指示灯不亮",
      "合闸后辅助触点不切换，后台显示位置不对", "机械特性试验分闸时间超标", "真空泡耐压试验不合格"},
     {"分闸线圈", "储能电机", "辅助开关"}},
    {"继电保护装置",
     {"PCS-931", "RCS-978", "CSC-103"},
     {"4U 19英寸", "6U 19英寸", "4U 半层机箱"},
     "JB",
     {"差动保护无故障跳闸，录波显示差流突变", "装置告警“TV断线”，二次回路检查正常",
      "GOOSE 断链告警，与智能终端通信中断", "开入量抖动，频繁上送变位", "装置液晶花屏，按键无反应"},
     {"CPU插件", "电源插件", "开入插件"}},
    {"数据采集终端",
     {"DTU-3000", "FTU-200", "RTU-560"},
     {"8 遥测/16 遥信", "16 遥测/32 遥信", "壁挂式"},
     "DT",
     {"数据上传中断，主站显示终端离线", "遥测数据跳变，电流值偶发为零",
      "4G 模块无信号，SIM 卡已更换", "对时异常，时间偏差 15 分钟",
      "蓄电池欠压告警，停电后无法上送"},
     {"4G通信模块", "后备电池", "主控板"}},
    {"调度监控系统",
     {"SCADA-5000", "EMS-3.0", "iES-600"},
     {"双机热备", "单机", "四节点集群"},
     "JK",
     {"历史数据缺失，凌晨 02:00-06:00 无记录", "画面刷新停滞，实时数据不变化",
      "报警窗口频繁弹出误报", "前置机与 104 规约通信中断", "报表模块导出失败，提示数据库连接超时"},
     {"服务器硬盘", "前置通信板", "交换机"}},
    {"光伏逆变器",
     {"SG110CX", "SUN2000-100KTL", "GSI-60K"},
     {"110kW", "100kW", "60kW"},
     "NB",
     {"报故障码 F021 绝缘阻抗低，无法并网", "报 PV 反接告警，现场接线核对无误",
      "发电量较同组逆变器低 30%", "通信中断，监控平台无数据", "风扇故障告警，机内温度 78℃"},
     {"风扇组件", "通信板", "直流开关"}},
    {"直流屏",
     {"GZDW-200Ah/220V", "GZDW-100Ah/110V", "GZDW-65Ah/220V"},
     {"800×600×2260", "2 面", "3 面"},
     "ZL",
     {"充电模块故障灯亮，输出电压为零", "母线绝缘监测报正极接地", "蓄电池巡检仪显示单体电压异常",
      "交流输入切换失败", "监控单元与后台通信中断"},
     {"充电模块", "绝缘监测仪", "监控单元"}},
    {"环网柜",
     {"XGN15-12", "SRM16-12", "HXGN-12"},
     {"二进四出", "一进二出", "二进二出"},
     "HW",
     {"负荷开关操作卡涩，分合不到位", "SF6 气压表指示偏低，低气压告警", "电缆头放电，有明显焦糊味",
      "故障指示器误动作", "DTU 电源模块损坏"},
     {"负荷开关操动机构", "SF6气压表", "电缆终端头"}},
    {"箱式变电站",
     {"YB-12/0.4-630", "ZGS11-800", "YB6-12/0.4-1250"},
     {"630kVA", "800kVA", "1250kVA"},
     "XB",
     {"变压器温控器报超温，风机未启动", "低压侧总开关频繁跳闸", "箱体进水，电缆沟积水",
      "高压侧熔断器熔断一相", "门禁报警误动作"},
     {"温控器", "低压断路器", "高压熔断器"}},
    {"静止无功发生器",
     {"SVG-10/5", "TBB-SVG-35", "SVG-0.4-300"},
     {"5Mvar", "10Mvar", "300kvar"},
     "SV",
     {"功率单元过压故障，装置退出运行", "水冷系统流量低报警", "补偿后功率因数仍低于 0.9",
      "启动时预充电失败", "控制柜与功率柜光纤通信故障"},
     {"功率单元", "水冷泵", "光纤通信板"}},
    {"电能质量监测装置",
     {"PQM-300", "APView500", "PQ-Box 200"},
     {"导轨式", "柜装式", "便携式"},
     "DN",
     {"谐波数据与现场测试仪偏差超过 10%", "暂降事件未记录", "装置频繁重启",
      "数据无法上传至电能质量主站", "CT 变比设置后丢失"},
     {"采集板", "电源模块", "主板"}},
    {"智能电表集抄终端",
     {"DJGZ23-FKGA43", "TTU-810", "JZQ-II"},
     {"三相四线", "单相", "III 型"},
     "JC",
     {"台区抄表成功率降至 82%", "载波模块通信失败", "终端时钟电池失效", "停电事件上报缺失",
      "升级固件后无法登录主站"},
     {"载波模块", "时钟电池", "主控板"}},
}};

constexpr Pool<std::string_view, 8> kContext = {
    "现场已重启装置，故障依旧。",
    "故障出现前一天有雷雨天气。",
    "同型号另一台设备运行正常。",
    "客户已按说明书检查接线，未发现异常。",
    "此故障本月第二次出现。",
    "客户反映近期做过检修，改动过定值。",
    "现场照片和报警截图已通过微信发来。",
    "设备仍在质保期内，客户要求免费处理。",
};
constexpr Pool<std::string_view, 6> kRequests = {
    "请尽快派人到现场处理。", "请先电话指导排查。",     "需要寄送备件。",
    "要求提供故障分析报告。", "影响生产，客户很着急。", "请安排工程师明天到场。",
};
constexpr Pool<std::string_view, 10> kNotes = {
    "已电话联系客户，约定明日上午到场。",   "客户来电催促处理进度，已答复今天内回复。",
    "已远程查看装置日志，怀疑通信板故障。", "备件已寄出，顺丰单号 SF{}。",
    "客户补充：故障发生时正在倒闸操作。",   "已将故障录波文件转研发部分析。",
    "客户要求出具书面处理意见。",           "联系人变更，新联系人电话见客户信息。",
    "已指导客户恢复运行，待观察 24 小时。", "厂家技术支持已确认为已知问题，等待补丁。",
};

// ---- one customer: the same organisation calls again over the years ----

struct Site {
  svc::Customer customer;
  const City* city;
};

std::string Person(Random& r) {
  return std::string(r.Pick(kSurnames)) + std::string(r.Pick(kGivenNames));
}

std::string Organisation(Random& r, const City& c) {
  std::string province(c.province);
  switch (r.Between(0, 5)) {
    case 0:
      return fmt::format("国网{}电力有限公司{}供电公司", province, c.name);
    case 1:
      return fmt::format("{}供电局", c.name);
    case 2:
      return fmt::format("{}供电公司{}kV{}变电站", c.name, r.Pick(std::array{110, 220, 35, 500}),
                         r.Pick(kPlaces));
    case 3:
      return fmt::format("{}{}", c.name, r.Pick(kIndustries));
    case 4:
      return fmt::format("{}{}{}", r.Pick(kBrands), c.name,
                         r.Pick(std::array{"光伏电站", "风电场"}));
    default:
      return fmt::format("{}{}{}工厂", c.name, r.Pick(kPlaces),
                         r.Pick(std::array{"电子", "机械", "食品"}));
  }
}

std::string Phone(Random& r, const City& c) {
  if (r.Chance(60))
    return fmt::format("1{}{}", r.Pick(std::array{"39", "38", "58", "86", "89", "77"}),
                       r.Digits(8));
  return fmt::format("{}-{}{}", c.area_code, r.Between(5, 8), r.Digits(7));
}

std::vector<Site> MakeSites(Random& r, int n) {
  std::vector<Site> sites;
  for (int i = 0; i < n; ++i) {
    const City& c = r.Pick(kCities);
    Site s{{}, &c};
    s.customer.name = Organisation(r, c);
    s.customer.contact = Person(r);
    if (r.Chance(70)) s.customer.title = r.Pick(kTitles);
    s.customer.phone = Phone(r, c);
    std::string city = c.province.ends_with("市") ? std::string(c.province)
                                                  : fmt::format("{}{}市", c.province, c.name);
    s.customer.address =
        fmt::format("{}{}{}{}号", city, r.Pick(kDistricts), r.Pick(kStreets), r.Between(1, 999));
    sites.push_back(std::move(s));
  }
  return sites;
}

// ---- one ticket ----

svc::Equipment MakeEquipment(Random& r, const Product& p, const Date& received) {
  svc::Equipment q;
  q.product = p.name;
  q.model = r.Pick(p.models);
  if (r.Chance(70)) q.size = r.Pick(p.sizes);
  int64_t today = svc::DaysFromDate(received);
  int64_t commissioned = today - r.Between(20, 2500);
  Date made = svc::DateFromDays(commissioned - r.Between(10, 200));
  if (r.Chance(80)) q.serial = fmt::format("{}{:04}{}", p.serial_prefix, made.year, r.Digits(6));
  if (r.Chance(50)) q.quantity = r.Chance(70) ? 1 : r.Between(2, 24);
  if (r.Chance(55)) q.project_no = fmt::format("AB{:04}-{:03}", made.year, r.Between(1, 480));
  if (r.Chance(45)) {
    q.equipment_no =
        fmt::format("{}#{}", r.Between(1, 12),
                    r.Pick(std::array{"主变", "进线柜", "出线柜", "机组", "逆变器", "屏"}));
  }
  if (r.Chance(65)) q.commissioned = svc::DateFromDays(commissioned);
  if (r.Chance(40)) q.purchased = svc::DateFromDays(commissioned - r.Between(10, 180));
  if (r.Chance(35)) q.invoice_no = r.Digits(8);
  return q;
}

std::string Description(Random& r, const Product& p) {
  std::string d(r.Pick(p.faults));
  if (r.Chance(60)) d += fmt::format("\n{}", r.Pick(kContext));
  if (r.Chance(50)) d += fmt::format("\n{}", r.Pick(kRequests));
  return d;
}

// ---- what follows the form: the procedure's path (R-4.2 to) ----

constexpr Pool<std::string_view, 4> kQualityStaff = {"何静", "罗立新", "郭海燕", "林志强"};
constexpr std::string_view kGeneralManager = "张建国";
constexpr Pool<std::string_view, 2> kStorekeepers = {"周丽", "韩梅"};

constexpr Pool<std::string_view, 5> kWorkWithPart = {
    "检查发现{}损坏，已更换并做功能试验，正常。", "更换{}，送电试运行 2 小时正常。",
    "排查二次回路无异常，判断为{}故障，更换后故障消除。", "{}老化，已更换；紧固全部接线端子。",
    "更换{}，恢复出厂参数后按现场定值重新整定。"};
constexpr Pool<std::string_view, 5> kWorkPlain = {
    "现场检查接线及定值，重新配置参数后恢复正常。", "清理积尘，紧固端子，带负荷试运行 2 小时正常。",
    "升级固件至最新版本，观察运行正常。", "检查通信链路，重新配置 IP 与规约参数，主站数据恢复。",
    "对运维人员进行操作培训，现场演示正确操作流程。"};
constexpr std::string_view kWorkUnfinished =
    "初步判断为{}故障，现场无备件，已申请备件，到货后再次上门更换。";
constexpr Pool<std::string_view, 3> kOnsiteResolutions = {
    "已更换故障部件，设备恢复运行。", "现场处理完毕，设备恢复运行。",
    "现场处理完毕，已向客户说明日常维护要点。"};
constexpr Pool<std::string_view, 3> kRemoteResolutions = {"远程指导客户处理，故障已排除。",
                                                          "客户操作不当，已说明正确的操作方法。",
                                                          "电话指导客户复位后恢复正常。"};
constexpr Pool<std::string_view, 3> kIncomplete = {"设备已停运待改造，客户暂不处理。",
                                                   "需返厂维修，转生产部另行跟踪。",
                                                   "客户联系不上，按规定关闭。"};
constexpr std::string_view kDeclined = "客户未接受报价，不再处理。";
constexpr Pool<std::string_view, 3> kVoidReasons = {"重复报修，已并入同一客户的前一张单处理。",
                                                    "客户来电撤销：设备已自行恢复。",
                                                    "误报：非本公司产品，已告知客户联系原厂。"};
struct Cause {
  std::string_view cause, measures, responsibility, corrective;
  std::string_view category;  // svc.toml [causes]; "" for none yet
};
constexpr Pool<Cause, 5> kCauses = {{
    {"来料元器件批次质量问题", "更换同批次全部模块", "supplier", "加严来料检验，通知供应商整改",
     "component"},
    {"装配工艺缺陷：端子压接不良", "重新压接并全数复查", "ours",
     "修订装配作业指导书，增加压接拉力抽检", "manufacturing"},
    {"设计裕量不足，高温环境下过热", "加装散热风扇", "ours", "设计变更：提高散热裕量", "design"},
    {"现场安装不规范，接地不良", "按规范重新接地", "customer", "", "installation"},
    {"原因尚待返厂检测确认", "临时更换整机保证运行", "undetermined", "", ""},
}};
constexpr Pool<std::string_view, 3> kPlans = {
    "1. 更换故障部件；2. 排查同批次设备；3. 出具质量分析报告。",
    "1. 现场整改；2. 全数复查同类接线；3. 一周后回访。",
    "1. 返厂检测；2. 临时替换整机；3. 根据检测结果确定责任。"};
constexpr Pool<std::string_view, 6> kSurveyComments = {
    "工程师响应及时，处理专业。", "希望备件能更快到货。", "服务态度很好。",
    "处理时间偏长，影响生产。",   "电话指导很耐心。",     "希望提供操作培训。"};
constexpr Pool<std::string_view, 3> kVerifyComments = {"客户确认运行正常。", "回访：故障未再出现。",
                                                       "客户称已恢复，仍在观察。"};
// a customer calling back about the same fault, a record put right.
constexpr Pool<std::string_view, 4> kReopenReasons = {
    "客户来电：同一故障再次出现。", "客户反映设备运行一周后再次报警，需重新处理。",
    "回访发现问题未彻底解决，重新处理。", "客户来电：更换部件后仍间歇性故障。"};
constexpr Pool<std::string_view, 3> kSurveyAmendReasons = {"录入时误选，按调查表原件更正。",
                                                           "客户回访时更正评价：问题已彻底解决。",
                                                           "补录客户在调查表上的意见。"};
constexpr Pool<std::string_view, 2> kCloseAmendReasons = {
    "处理结果描述不完整，按外出服务记录补充。", "处理结果填写有误，经部门负责人核实后更正。"};
constexpr Pool<std::string_view, 3> kAmendedResolutions = {
    "现场处理完毕，设备恢复运行；已向客户说明日常维护要点并留存记录。",
    "远程指导客户复位并检查接线后恢复正常，客户确认运行稳定。",
    "已更换故障部件并试运行 2 小时正常，旧件按规定返厂。"};

constexpr Pool<std::string_view, 3> kReopenedResolutions = {
    "远程排查后重新整定参数，故障已排除，客户确认运行正常。",
    "电话指导客户更换熔断器并复位，恢复正常。", "升级固件修复间歇性故障，观察三天未再出现。"};

// Where engineers go when the route's department has filed its 99 records of a month.
constexpr Pool<std::string_view, 4> kSpareDepartments = {"SH", "HY", "ZC1", "ZC2"};

using MonthKey = std::tuple<std::string, int, int>;  // code, year, month

// What every ticket's path shares.
struct World {
  const svc::Config& config;
  Time now;    // the moment the store is generated for: nothing happens after it
  Time first;  // the earliest receipt
  int limit;   // the highest sequence number (99 with two digits)
  std::map<MonthKey, int> planned;  // outbound records per department and month of filing
  uint64_t placeholders = 0;
};

MonthKey MonthOf(const std::string& code, const Time& t, int offset) {
  Date d = svc::LocalDate(svc::InOffset(t, offset));
  return {code, d.year, d.month};
}

// The steps after the form, built with the library's Make*Event functions and
// appended in time order; every step is one the state allows (svc::Fold).
// Outbound records carry a placeholder number ("#17") until the Writer below
// numbers them in order of filing.
class Path {
 public:
  Path(World& w, Random& r, const Product& p, svc::Ticket* t)
      : w_(w), c_(w.config), r_(r), p_(p), t_(t), off_(w.config.offset_minutes) {}
  Status Build(bool voided);
  // a field of the form corrected soon after intake (not when voided by then).
  Status Correct(const Site& site);

 private:
  Time Later(const Time& t, int64_t lo_min, int64_t hi_min) {
    return Time{t.secs / 60 * 60 + r_.Between(lo_min, hi_min) * 60, off_};
  }
  // A minute in [lo, hi] (lo when the range is empty).
  Time Within(int64_t lo, int64_t hi) {
    int64_t a = (lo + 59) / 60, b = hi / 60;
    return Time{(b > a ? r_.Between(a, b) : a) * 60, off_};
  }
  // The moment, or the next when someone at `from`-`to` o'clock works (Monday
  // to Saturday): the desk calls back, the engineers set out.
  Time Working(const Time& t, int from_min, int to_min) {
    int64_t local = t.secs + off_ * 60;
    int64_t day = local / 86400, minute = local % 86400 / 60;
    auto sunday = [](int64_t d) { return (d + 4) % 7 == 0; };
    if (!sunday(day) && minute >= from_min && minute < to_min) return t;
    if (minute >= from_min || sunday(day)) ++day;
    while (sunday(day)) ++day;
    return Time{day * 86400 - off_ * 60 + (from_min + r_.Between(0, 90)) * 60, off_};
  }
  Time Desk(const Time& t) { return Working(t, 8 * 60 + 30, 18 * 60); }

  // Appends `e` done at `at` by `actor`; `late` percent of the time it was
  // entered hours afterwards (recorded). `advance`: the desk waits for it.
  void Add(svc::Event e, const Time& at, std::string_view actor, int late = 0,
           bool advance = true) {
    e.at = at;
    e.actor = std::string(actor);
    if (late && r_.Chance(late)) e.recorded = Later(at, 20, 20 * 60);
    t_->Append(std::move(e));
    if (advance && at.secs > last_.secs) last_ = at;
  }
  Status StateAt(const Time& at, svc::TicketState* st) { return svc::FoldUntil(*t_, c_, at, st); }
  Status Quote(const Time& at, bool revised);
  Status Survey(const Time& closed);
  Status Reopen(const std::string& route, const Time& closed);
  Status Amend(const Time& closed, const Time& surveyed);
  Status Visit(int n, int visits, bool application_clock, const std::string& route);
  Status Mark(svc::MarkRequest m, const Time& at, std::string_view actor, int late, bool advance);
  // The department's own, or a spare one, with room for one more record filed at `at`.
  std::string Room(const std::string& dept, const Time& at);

  World& w_;
  const svc::Config& c_;
  Random& r_;
  const Product& p_;
  svc::Ticket* t_;
  int off_;
  Time last_;
  int level_ = 0;
  std::string category_;
  Time last_finish_;
  bool dispatched_ = false;
  int visits_ = 0;  // outbound records filed
};

std::string Path::Room(const std::string& dept, const Time& at) {
  auto room = [&](const std::string& code) {
    int& n = w_.planned[MonthOf(code, at, off_)];
    if (n >= w_.limit) return false;
    ++n;
    return true;
  };
  if (room(dept)) return dept;
  for (std::string_view spare : kSpareDepartments) {
    if (spare != dept && c_.FindDepartment(spare) && room(std::string(spare))) {
      return std::string(spare);
    }
  }
  return "";
}

svc::MarkRequest MarkOf(std::string_view action, const std::string& record) {
  svc::MarkRequest m;
  m.action = action;
  m.record = record;
  return m;
}

Status Path::Mark(svc::MarkRequest m, const Time& at, std::string_view actor, int late,
                  bool advance) {
  svc::TicketState then;
  SVC_RETURN_IF_ERROR(StateAt(at, &then));
  svc::Event e;
  e.at = at;
  SVC_RETURN_IF_ERROR(svc::MakeMarkEvent(m, *t_, then, &e));
  Add(std::move(e), at, actor, late, advance);
  return Status::OK();
}

// Table 1: people, days, travel and the parts, at the schedule in force.
Status Path::Quote(const Time& at, bool revised) {
  svc::QuoteArgs a;
  a.people = r_.Between(1, 3);
  a.days = revised ? 1 : r_.Between(1, 3);
  if (r_.Chance(80)) a.transport = svc::Money{r_.Between(12, 250) * 1000};  // 120-2500 yuan
  a.no_lodging = r_.Chance(20);
  a.no_meals = r_.Chance(15);
  for (int64_t i = 0, n = r_.Between(0, 2); i < n; ++i) {
    a.parts.push_back(
        fmt::format("{}:{}:{}", r_.Pick(p_.parts), r_.Chance(80) ? 1 : 2, r_.Between(8, 480) * 10));
  }
  if (revised && r_.Chance(50)) {
    a.labor_rate = svc::Money{15000};
    a.reason = "长期合作客户，人工费按 150 元/人·天";
  }
  svc::TicketState st;
  SVC_RETURN_IF_ERROR(StateAt(at, &st));
  svc::Quote q;
  SVC_RETURN_IF_ERROR(svc::MakeQuote(a, c_, svc::PriceList{}, st, at, &q));
  svc::Event e;
  svc::QuoteToEvent(q, &e);
  Add(std::move(e), at, r_.Pick(kDesk));
  return Status::OK();
}

// One outbound record: filed, arrival, work on site with parts, back
// at HQ with the old parts and those booked into store (R-4.5.3.1).
Status Path::Visit(int n, int visits, bool application_clock, const std::string& route) {
  const Time received = t_->received;
  Time filed;
  if (n > 1) {
    filed = Later(last_finish_, 24 * 60, 7 * 24 * 60);  // the spare part has come
  } else if (application_clock) {  // within 2 h of an on-site classification
    filed = r_.Chance(88) ? Later(last_, 10, 110) : Later(last_, 125, 600);
  } else {
    filed = Later(last_, 20, 24 * 60);
  }
  std::string dept = Room(route, filed);
  if (dept.empty()) return Status::OK();  // no department with room: handled remotely

  std::vector<std::string> techs = {std::string(r_.Pick(kEngineers))};
  if (r_.Chance(40)) {
    std::string second(r_.Pick(kEngineers));
    if (second != techs[0]) techs.push_back(second);
  }
  bool complex = r_.Chance(30);
  // Table 2: arrival on site from receipt, by fault level; a second visit when the part is there.
  const svc::FaultLevel* level = c_.FindLevel(level_);
  int64_t due = received.secs + (level ? level->arrival.secs : c_.clocks.arrival.secs);
  Time arrived;
  if (n == 1 && level_ == 1) {
    arrived = Later(filed, 30, r_.Chance(85) ? 100 : 300);
  } else if (n == 1 && r_.Chance(88) && due > filed.secs + 3 * 3600) {
    arrived = Working(Within(filed.secs + 1800, due - 3 * 3600), 8 * 60, 20 * 60);
  } else {
    arrived = Working(Later(filed, 60, 72 * 60), 8 * 60, 20 * 60);
  }
  svc::Event d;
  d.action = "dispatch";  // as svc::Dispatch writes it, with a number given later
  std::string record = fmt::format("#{}", ++w_.placeholders);
  d.Set("record", record);
  d.Set("dept", dept);
  d.Set("techs", techs);
  d.Set("complexity", std::string(complex ? "complex" : "simple"));
  if (r_.Chance(30)) d.Set("planned", Time{std::max(filed.secs, arrived.secs / 3600 * 3600), off_});
  Add(std::move(d), filed, r_.Pick(kDesk));
  dispatched_ = true;
  ++visits_;

  SVC_RETURN_IF_ERROR(Mark(MarkOf("arrive", record), arrived, techs[0], 25, true));

  // the repair within 24 h (simple) or 48 h (complex) of arrival.
  svc::Duration repair = complex ? c_.clocks.repair_complex : c_.clocks.repair_simple;
  Time finished = r_.Chance(93)
                      ? Within(arrived.secs + 40 * 60, arrived.secs + (complex ? 40 : 10) * 3600)
                      : Later(Time{arrived.secs + repair.secs, off_}, 30, 24 * 60);
  svc::MarkRequest f = MarkOf("finish", record);
  std::vector<std::string_view> replaced;
  if (n < visits) {
    f.work = fmt::format(fmt::runtime(kWorkUnfinished), r_.Pick(p_.parts));
  } else if (r_.Chance(55)) {
    replaced.push_back(r_.Pick(p_.parts));
    std::string_view second = r_.Pick(p_.parts);
    if (r_.Chance(25) && second != replaced[0]) replaced.push_back(second);
    for (std::string_view name : replaced) {
      svc::Part part;
      SVC_RETURN_IF_ERROR(svc::ParsePart(
          fmt::format("{}:{}{}", name, r_.Chance(85) ? 1 : 2, r_.Chance(20) ? ":customer" : ""),
          {"warranty", "customer"}, "warranty", &part));
      f.parts.push_back(std::move(part));
    }
    f.work = fmt::format(fmt::runtime(r_.Pick(kWorkWithPart)), replaced[0]);
  } else {
    f.work = r_.Pick(kWorkPlain);
  }
  int64_t half_hours = std::clamp<int64_t>((finished.secs - arrived.secs + 900) / 1800, 1, 40);
  SVC_RETURN_IF_ERROR(
      svc::ParseHours(fmt::format("{}{}", half_hours / 2, half_hours % 2 ? ".5" : ""), &f.hours));
  if (r_.Chance(80) && !t_->customer.contact.empty()) f.signed_by = t_->customer.contact;
  SVC_RETURN_IF_ERROR(Mark(f, finished, techs[0], 30, true));
  last_finish_ = finished;

  // Back at HQ, with the replaced parts when they go back to the factory or scrap.
  if (r_.Chance(60)) {
    Time back = Later(finished, 120, 48 * 60);
    svc::MarkRequest b = MarkOf("back", record);
    if (!replaced.empty() && r_.Chance(60)) {
      for (std::string_view name : replaced) {
        svc::Part part;
        SVC_RETURN_IF_ERROR(svc::ParsePart(
            fmt::format("{}（旧件）:1:{}", name, r_.Chance(50) ? "returned" : "scrapped"),
            {"returned", "scrapped"}, "returned", &part));
        b.parts.push_back(std::move(part));
      }
    }
    SVC_RETURN_IF_ERROR(Mark(b, back, techs[0], 10, false));
    // the trip's actual costs, entered back at HQ (svc expense).
    struct Cost {
      std::string_view item;
      int percent;
      int64_t lo, hi;  // fen
    };
    static constexpr Cost kCosts[] = {
        {"transport", 90, 3000, 60000}, {"meals", 60, 2000, 12000}, {"lodging", 35, 15000, 48000}};
    Time entered = Later(back, 30, 24 * 60);
    for (const Cost& c : kCosts) {
      if (!r_.Chance(c.percent)) continue;
      svc::Event x;
      x.action = "expense";
      x.Set("record", record);
      x.Set("item", std::string(c.item));
      x.Set("amount", svc::Money{r_.Between(c.lo / 100, c.hi / 100) * 100});
      x.Set("engineer", techs[0]);
      Add(std::move(x), entered, techs[0], 0, false);
    }
    if (!b.parts.empty()) {  // R-4.5.3.1: booked into store within 16 h
      Time stored = r_.Chance(90) ? Later(back, 20, 900) : Later(back, 980, 72 * 60);
      svc::MarkRequest s = MarkOf("warehouse", record);
      if (r_.Chance(10)) s.nonconformity = "返回件外壳破损，已拍照记录";
      SVC_RETURN_IF_ERROR(Mark(s, stored, r_.Pick(kStorekeepers), 0, false));
    }
  }
  return Status::OK();
}

Status Path::Build(bool voided) {
  const Time received = t_->received;
  const svc::Event& open = t_->events.front();
  last_ = open.at;
  int open_level = static_cast<int>(open.Int("level"));
  if (voided && r_.Chance(50)) {  // voided before anyone judged it
    svc::Event e;
    e.action = "void";
    e.Set("reason", std::string(r_.Pick(kVoidReasons)));
    Add(std::move(e), Later(last_, 5, 600), r_.Pick(kDesk));
    return Status::OK();
  }

  // The response (Table 2): kind, category, level and service, mostly in time.
  level_ = open_level && r_.Chance(90)
               ? open_level
               : static_cast<int>(r_.Pick(std::array{1, 2, 2, 3, 3, 3, 3, 4, 4, 4}));
  int64_t respond_by = received.secs + c_.FindLevel(level_)->response.secs;
  Time classified = r_.Chance(90) && respond_by > last_.secs + 60
                        ? Within(last_.secs + 60, respond_by)
                        : Later(Time{std::max(last_.secs, respond_by), off_}, 1, 240);
  bool quality = r_.Chance(5);
  category_ =
      r_.Pick(std::array{"hardware",    "hardware",    "hardware", "hardware",    "hardware",
                         "hardware",    "software",    "software", "software",    "software",
                         "data",        "data",        "data",     "integration", "integration",
                         "integration", "integration", "unknown",  "unknown",     "unknown"});
  if (quality && category_ == "unknown") category_ = "hardware";
  std::string service =
      quality ? r_.Pick(std::array{"onsite-repair", "onsite-repair", "info", "mail-parts"})
              : r_.Pick(std::array{"onsite-repair",
                                   "onsite-repair",
                                   "onsite-repair",
                                   "onsite-support",
                                   "info",
                                   "info",
                                   "info",
                                   "info",
                                   "info",
                                   "info",
                                   "info",
                                   "info",
                                   "mail-parts",
                                   "mail-parts",
                                   "training",
                                   "paid",
                                   "",
                                   "",
                                   "",
                                   ""});
  svc::ClassifyRequest cr;
  cr.kind = quality ? "quality" : "support";
  cr.category = category_;
  cr.service = service;
  cr.level = level_;
  cr.major = quality && r_.Chance(25);
  svc::Event e;
  SVC_RETURN_IF_ERROR(svc::MakeClassifyEvent(cr, c_, &e));
  std::string route = quality ? c_.routing.at(category_) : e.Str("route");
  Add(std::move(e), classified, r_.Pick(kDesk));
  if (voided) {
    svc::Event v;
    v.action = "void";
    v.Set("reason", std::string(r_.Pick(kVoidReasons)));
    Add(std::move(v), Later(last_, 10, 48 * 60), r_.Pick(kDesk));
    return Status::OK();
  }

  // the Quality dept's cause analysis within 2 h, the plan within 4 h
  // of it, the general manager's approval of a major problem before the work.
  if (quality) {
    std::string analyst(r_.Pick(kQualityStaff));
    const Cause& cause = r_.Pick(kCauses);
    svc::Event a;
    SVC_RETURN_IF_ERROR(svc::MakeAnalyzeEvent(
        {std::string(cause.cause), std::string(cause.measures), std::string(cause.responsibility),
         std::string(cause.corrective), std::string(cause.category)},
        c_, &a));
    Add(std::move(a), r_.Chance(88) ? Later(last_, 20, 115) : Later(last_, 125, 600), analyst);
    svc::Event p;
    p.action = "plan";
    p.Set("text", std::string(r_.Pick(kPlans)));
    Add(std::move(p), r_.Chance(90) ? Later(last_, 30, 235) : Later(last_, 245, 900), analyst);
    if (cr.major || r_.Chance(50)) {
      svc::Event ap;
      std::string who =
          cr.major ? std::string(kGeneralManager) : std::string(r_.Pick(kQualityStaff));
      SVC_RETURN_IF_ERROR(svc::MakeApproveEvent(
          {cr.major ? "gm" : "quality", cr.major ? "同意按方案执行" : "", ""}, c_, who, &ap));
      Add(std::move(ap), Later(last_, 20, cr.major ? 24 * 60 : 600), who);
    }
  }

  // Paid service (R-4.3.6, R-4.5.3.1): a quote, perhaps revised, that the
  // customer accepts before anyone is sent.
  svc::TicketState st;
  SVC_RETURN_IF_ERROR(StateAt(last_, &st));
  bool paid = st.Paid();
  bool accepted = false;
  if (paid && c_.FeesOn(svc::LocalDate(svc::InOffset(last_, off_)))) {
    SVC_RETURN_IF_ERROR(Quote(Desk(Later(last_, 30, 24 * 60)), false));
    if (r_.Chance(12)) SVC_RETURN_IF_ERROR(Quote(Desk(Later(last_, 600, 72 * 60)), true));
    if ((accepted = r_.Chance(82))) {
      SVC_RETURN_IF_ERROR(StateAt(last_, &st));
      svc::Event ac;
      ac.action = "accept";  // as `svc quote --accept` writes it
      ac.Set("total", st.quote->total);
      Add(std::move(ac), Desk(Later(last_, 60, 48 * 60)), r_.Pick(kDesk));
    }
  }

  // On site (R-4.4.2-R-4.4.4): one visit, now and then a second one.
  bool onsite = service == "onsite-repair" || service == "onsite-support";
  if ((onsite && (!paid || accepted)) || (paid && accepted && r_.Chance(75))) {
    int visits = r_.Chance(6) ? 2 : 1;
    for (int n = 1; n <= visits && (n == 1 || dispatched_); ++n) {
      SVC_RETURN_IF_ERROR(Visit(n, visits, onsite && !quality && !paid, route));
    }
  }

  // Closing: after the work, or by phone (--remote, verified within 48 h).
  svc::CloseRequest close;
  close.result = "completed";
  Time closed;
  if (paid && !accepted) {
    closed = Desk(Later(last_, 24 * 60, 7 * 24 * 60));
    close.result = "incomplete";
    close.resolution = kDeclined;
  } else if (dispatched_) {
    closed = Desk(Later(last_, 30, 30 * 60));
    if (r_.Chance(3)) close.result = "incomplete";
  } else {
    closed = Desk(service == "mail-parts" ? Later(last_, 2 * 24 * 60, 6 * 24 * 60)
                  : service == "training" ? Later(last_, 24 * 60, 10 * 24 * 60)
                  : paid                  ? Later(last_, 600, 72 * 60)
                                          : Later(last_, 10, 24 * 60));
    close.remote = r_.Chance(85);
    if (r_.Chance(6)) close.result = "incomplete";
  }
  if (close.resolution.empty()) {
    close.resolution = close.result != "completed" ? r_.Pick(kIncomplete)
                       : dispatched_               ? r_.Pick(kOnsiteResolutions)
                       : service == "mail-parts" ? "已寄送备件，客户自行更换后正常。"
                       : service == "training"   ? "已完成操作培训。"
                       : category_ == "software" ? "软件补丁已安装，观察一周无复发。"
                                                 : r_.Pick(kRemoteResolutions);
  }
  svc::Event k;
  SVC_RETURN_IF_ERROR(svc::MakeCloseEvent(close, svc::Ticket{}, svc::TicketState{}, &k));
  Add(std::move(k), closed, r_.Pick(kDesk));
  if (close.remote && r_.Chance(75)) {
    svc::Event v;
    v.action = "verify";  // as `svc verify` writes it
    v.Set("result", std::string(r_.Chance(95) ? "resolved" : "unresolved"));
    if (r_.Chance(30)) v.Set("comment", std::string(r_.Pick(kVerifyComments)));
    Add(std::move(v),
        Desk(r_.Chance(88) ? Later(closed, 60, 45 * 60) : Later(closed, 49 * 60, 96 * 60)),
        r_.Pick(kDesk), 0, false);
  }

  // the survey, within 16 h of closing.
  SVC_RETURN_IF_ERROR(Survey(closed));
  // now and then the customer calls back about the same fault (the
  // ticket reopened, closed again, surveyed again), or a record is put right
  // with --amend --reason.
  int64_t after = r_.Between(1, 1000);
  if (after <= 15 && close.result == "completed") return Reopen(route, closed);
  if (after >= 990) return Amend(closed, last_);
  return Status::OK();
}

// The survey of the close at `closed`: mostly within 16 h.
Status Path::Survey(const Time& closed) {
  svc::SurveyRequest s;
  int mood = static_cast<int>(r_.Between(1, 100));
  s.satisfaction = mood <= 90 ? "satisfied" : mood <= 98 ? "unsatisfied" : "very-unsatisfied";
  if (r_.Chance(80)) s.attitude = std::to_string(mood <= 90 ? r_.Between(3, 5) : r_.Between(1, 3));
  if (dispatched_) {
    s.damage = r_.Chance(97) ? "none" : "some";
    s.cleanliness = r_.Chance(95) ? "good" : "poor";
  }
  if (r_.Chance(mood <= 90 ? 15 : 70)) s.comment = r_.Pick(kSurveyComments);
  svc::Event sv;
  SVC_RETURN_IF_ERROR(svc::MakeSurveyEvent(s, svc::Ticket{}, svc::TicketState{}, &sv));
  Add(std::move(sv), Desk(r_.Chance(85) ? Later(closed, 20, 240) : Later(closed, 600, 72 * 60)),
      r_.Pick(kDesk));
  return Status::OK();
}

// `svc reopen` days after the close (after its verification, too): a second
// visit now and then, else help by phone; then the second close and its survey.
Status Path::Reopen(const std::string& route, const Time& closed) {
  svc::Event e;
  SVC_RETURN_IF_ERROR(svc::MakeReopenEvent(std::string(r_.Pick(kReopenReasons)), &e));
  // After every step so far, the verification too (entered without moving
  // last_: a late one can fall after a reopen days after the close).
  int64_t latest = std::max(last_.secs, closed.secs + 4 * 86400);
  for (const svc::Event& done : t_->events) latest = std::max(latest, done.at.secs);
  Time base{latest, off_};
  Add(std::move(e), Desk(Later(base, 60, 16 * 24 * 60)), r_.Pick(kDesk));
  svc::TicketState st;
  SVC_RETURN_IF_ERROR(StateAt(last_, &st));
  int visits = visits_;
  if (dispatched_ && !st.Paid() && r_.Chance(50)) {
    SVC_RETURN_IF_ERROR(Visit(1, 1, false, route));
  }
  svc::CloseRequest close;
  close.result = "completed";
  Time again;
  if (visits_ > visits) {
    again = Desk(Later(last_, 30, 30 * 60));
    close.resolution = r_.Pick(kOnsiteResolutions);
  } else {
    again = Desk(Later(last_, 30, 48 * 60));
    close.remote = true;
    close.resolution = r_.Pick(kReopenedResolutions);
  }
  svc::Event k;
  SVC_RETURN_IF_ERROR(svc::MakeCloseEvent(close, svc::Ticket{}, svc::TicketState{}, &k));
  Add(std::move(k), again, r_.Pick(kDesk));
  return Survey(again);
}

// `--amend --reason` on the survey or the close, entered hours or days later:
// the step keeps its time, the amendment is recorded when it was written.
Status Path::Amend(const Time& closed, const Time& surveyed) {
  svc::TicketState st;
  SVC_RETURN_IF_ERROR(svc::Fold(*t_, c_, std::nullopt, &st));
  svc::Amendment amend{true, "", false};
  svc::Event e;
  Time entered;
  if (r_.Chance(60)) {
    svc::SurveyRequest s;
    int64_t why = r_.Between(0, std::ssize(kSurveyAmendReasons) - 1);
    amend.reason = kSurveyAmendReasons[static_cast<size_t>(why)];
    if (why == 0) {  // the attitude mistyped
      int was = st.survey ? st.survey->attitude : 0;
      s.attitude = std::to_string(was >= 4 ? was - 1 : was + 1 + (was == 0 ? 3 : 0));
    } else if (why == 1) {
      s.satisfaction = "satisfied";
      s.comment = "问题已彻底解决，感谢。";
    } else {
      s.comment = r_.Pick(kSurveyComments);
    }
    s.amendment = amend;
    SVC_RETURN_IF_ERROR(svc::MakeSurveyEvent(s, *t_, st, &e));
    entered = Desk(Later(surveyed, 60, 5 * 24 * 60));
  } else {
    svc::CloseRequest k;
    amend.reason = r_.Pick(kCloseAmendReasons);
    k.resolution = r_.Pick(kAmendedResolutions);
    k.amendment = amend;
    SVC_RETURN_IF_ERROR(svc::MakeCloseEvent(k, *t_, st, &e));
    entered = Desk(Later(closed, 60, 3 * 24 * 60));
  }
  e.actor = std::string(r_.Pick(kDesk));
  e.recorded = entered;  // e.at: the step's own time (Amend keeps it)
  t_->Append(std::move(e));
  return Status::OK();
}

// Notes between `from` and `to`: calls, promises, parcels.
void AddNotes(Random& r, const Time& from, const Time& to, svc::Ticket* t) {
  for (int64_t i = 0, n = r.Pick(std::array{0, 0, 1, 1, 1, 2, 2, 3}); i < n; ++i) {
    svc::Event e;
    e.at = Time{r.Between(from.secs / 60, std::max(from.secs, to.secs) / 60) * 60,
                from.offset_minutes};
    e.actor = r.Chance(60) ? r.Pick(kDesk) : r.Pick(kEngineers);
    e.action = "note";
    e.Set("text", fmt::format(fmt::runtime(r.Pick(kNotes)), r.Digits(12)));
    t->Append(std::move(e));
  }
}

// a field of the info form put right with `svc correct`, soon after
// intake: the customer calls with the right phone, the engineer reads the
// serial off the plate. Nothing if the ticket was voided by then.
Status Path::Correct(const Site& site) {
  Time at = Desk(Later(t_->events.front().at, 20, 48 * 60));
  svc::TicketState st;
  SVC_RETURN_IF_ERROR(StateAt(at, &st));
  if (st.voided) return Status::OK();
  svc::CorrectRequest c;
  svc::Ticket form = svc::CorrectedForm(*t_, st);
  auto differs = [&](std::string_view field, auto make) {
    std::string was = svc::FormFieldText(*svc::FindFormField(field), form), value;
    do value = make();
    while (value == was);
    return value;
  };
  switch (r_.Between(0, 5)) {
    case 0:
      c = {"phone", differs("phone", [&] { return Phone(r_, *site.city); }),
           "客户来电更正联系电话。"};
      break;
    case 1:
      c = {"contact", differs("contact", [&] { return Person(r_); }),
           "现场联系人变更，客户来电告知。"};
      break;
    case 2:
      c = {"customer", differs("customer", [&] { return Organisation(r_, *site.city); }),
           "客户名称登记错误，按合同更正。"};
      break;
    case 3:
      c = {"serial",
           differs("serial",
                   [&] {
                     return fmt::format("{}{:04}{}", p_.serial_prefix,
                                        svc::LocalDate(t_->received).year - 1, r_.Digits(6));
                   }),
           "设备编号抄录错误，按铭牌更正。"};
      break;
    case 4:
      c = {"model", differs("model", [&] { return std::string(r_.Pick(p_.models)); }),
           "型号登记错误，按铭牌更正。"};
      break;
    default:
      c = {"title", differs("title", [&] { return std::string(r_.Pick(kTitles)); }),
           "联系人职务登记错误，客户来电更正。"};
      break;
  }
  svc::Event e;
  SVC_RETURN_IF_ERROR(svc::MakeCorrectEvent(c, *t_, st, c_, &e));
  e.at = at;
  e.actor = std::string(r_.Pick(kDesk));
  t_->Append(std::move(e));
  return Status::OK();
}

// No step is entered before the steps it follows, as svc sees to when each
// is written: every event's entered time (svc::EnteredSecs, the later of
// `at` and `recorded`) is at least that of the events before it in the
// history, so the records replay as of every moment (--now). Notes depend on
// nothing; an amendment comes after what it amends but is no step of the
// path: neither holds back what follows.
void EnterInOrder(svc::Ticket* t) {
  int64_t entered = 0;
  for (svc::Event& e : t->events) {
    if (e.action == "note") continue;
    if (svc::EnteredSecs(e) < entered) e.recorded = Time{entered, e.at.offset_minutes};
    if (!e.Flag("amend")) entered = std::max(entered, svc::EnteredSecs(e));
  }
}

svc::Ticket MakeTicket(World& w, Random& r, const std::vector<Site>& sites, const std::string& code,
                       const svc::DocNumber& id, const Time& received, Status* status) {
  const Site& site =
      sites[static_cast<size_t>(r.Between(0, static_cast<int64_t>(sites.size()) - 1))];
  const Product& product = r.Pick(kProducts);
  svc::IntakeForm form;
  form.via = code;
  form.customer = site.customer;
  form.equipment = MakeEquipment(r, product, svc::LocalDate(received));
  form.description = Description(r, product);
  form.received = received;
  if (r.Chance(65)) form.level = static_cast<int>(r.Pick(std::array{1, 2, 2, 3, 3, 3, 3, 4, 4, 4}));
  // the form within 2 h (a level-1 call at once); now and then late.
  int64_t minutes = form.level == 1 ? r.Between(2, 8)
                    : r.Chance(97)  ? r.Between(5, 90)
                                    : r.Between(125, 300);
  Time filled{received.secs + minutes * 60, received.offset_minutes};
  svc::Ticket t = svc::NewTicket(form, id, filled, std::string(r.Pick(kDesk)));

  Path path(w, r, product, &t);
  *status = path.Build(r.Between(1, 1000) <= 6);
  if (!status->ok()) return t;
  // The most recent ~20 % of the time span: more and more tickets are still
  // under way (about 10 % of all), stuck after one of their steps. Those of
  // the last week are where they would be by now (cut below), some clocks
  // still running.
  double age = static_cast<double>(received.secs - w.first.secs) /
               static_cast<double>(std::max<int64_t>(1, w.now.secs - w.first.secs));
  bool voided = t.events.back().action == "void";
  bool last_week = received.secs > w.now.secs - 7 * 86400;
  if (!voided && !last_week && t.events.size() > 1 &&
      r.Between(0, 999) < static_cast<int>((age - 0.8) * 6000)) {
    t.events.resize(static_cast<size_t>(r.Between(1, static_cast<int64_t>(t.events.size()) - 1)));
  }
  if (r.Between(1, 1000) <= 20) {
    *status = path.Correct(site);
    if (!status->ok()) return t;
  }
  // Notes while it is under way: until the close, or a day and a half after the last step.
  auto close = std::find_if(t.events.begin(), t.events.end(),
                            [](const svc::Event& e) { return e.action == "close"; });
  int64_t until = close != t.events.end() ? close->at.secs : t.events.back().at.secs + 36 * 3600;
  AddNotes(r, filled, Time{until, filled.offset_minutes}, &t);
  // Nothing has happened after now; nothing was entered after it either.
  auto later = std::find_if(t.events.begin(), t.events.end(),
                            [&](const svc::Event& e) { return e.at.secs > w.now.secs; });
  t.events.erase(later, t.events.end());
  EnterInOrder(&t);
  std::erase_if(t.events, [&](const svc::Event& e) { return svc::EnteredSecs(e) > w.now.secs; });
  svc::TicketState st;
  *status = svc::Fold(t, w.config, std::nullopt, &st);
  if (!status->ok())
    *status =
        Status::Corruption(fmt::format("svc-gen made an invalid history: {}", status->message()));
  return t;
}

// ---- months ----

int DaysIn(int year, int month) {
  Date first{year, month, 1};
  Date next = month == 12 ? Date{year + 1, 1, 1} : Date{year, month + 1, 1};
  return static_cast<int>(svc::DaysFromDate(next) - svc::DaysFromDate(first));
}

// A moment in working hours of year/month in `offset`: weekdays 08:30-17:30,
// now and then a Saturday.
Time WorkingMoment(Random& r, int year, int month, int offset) {
  for (;;) {
    Date d{year, month, static_cast<int>(r.Between(1, DaysIn(year, month)))};
    int64_t days = svc::DaysFromDate(d);
    int weekday = static_cast<int>((days + 4) % 7);  // 1970-01-01 was a Thursday; 0 = Sunday
    if (weekday == 0 || (weekday == 6 && !r.Chance(15))) continue;
    int64_t secs = r.Between(8 * 60 + 30, 17 * 60 + 30) * 60;  // to the minute
    return Time{svc::StartOfDay(d, offset).secs + secs, offset};
  }
}

// A store's tickets only need to exist: the real disk without fsync.
class BulkDisk : public svc::Disk {
 public:
  Status ReadFile(const std::string& path, std::string* out) override {
    return real_->ReadFile(path, out);
  }
  Status OpenFile(const std::string& path, std::unique_ptr<svc::ReadableFile>* out) override {
    return real_->OpenFile(path, out);
  }
  std::unique_ptr<svc::DiskFolder> OpenFolder(const std::string& path) override {
    return real_->OpenFolder(path);
  }
  Status ListDir(const std::string& path, std::vector<std::string>* names, bool* exists) override {
    return real_->ListDir(path, names, exists);
  }
  bool Exists(const std::string& path) override { return real_->Exists(path); }
  bool IsDir(const std::string& path) override { return real_->IsDir(path); }
  Status NewFile(const std::string& path, std::unique_ptr<svc::WritableFile>* out) override {
    std::unique_ptr<svc::WritableFile> file;
    SVC_RETURN_IF_ERROR(real_->NewFile(path, &file));
    *out = std::make_unique<UnsyncedFile>(std::move(file));
    return Status::OK();
  }
  Status Rename(const std::string& from, const std::string& to) override {
    return real_->Rename(from, to);
  }
  Status SyncFolder(const std::string&) override { return Status::OK(); }
  Status RemoveFile(const std::string& path) override { return real_->RemoveFile(path); }
  Status RemoveDir(const std::string& path) override { return real_->RemoveDir(path); }
  Status MakeDirs(const std::string& path) override { return real_->MakeDirs(path); }
  Status Lock(const std::string& path, int timeout_ms,
              std::unique_ptr<svc::FileLock>* out) override {
    return real_->Lock(path, timeout_ms, out);
  }

 private:
  class UnsyncedFile : public svc::WritableFile {
   public:
    explicit UnsyncedFile(std::unique_ptr<svc::WritableFile> file) : file_(std::move(file)) {}
    Status Append(std::string_view data) override { return file_->Append(data); }
    Status Sync() override { return Status::OK(); }
    Status Close() override { return file_->Close(); }

   private:
    std::unique_ptr<svc::WritableFile> file_;
  };
  svc::Disk* real_ = svc::RealDisk();
};

// What a generated store holds, for the summary line.
struct Counts {
  long long tickets = 0, fresh = 0, open = 0, unsurveyed = 0, surveyed = 0, voided = 0, records = 0;
  long long reopened = 0, corrected = 0, amended = 0;
};

// Writes tickets, numbering their outbound records per department and month
// of filing in order of filing and registering each one
// (outbound/YYYY/MM/<record>.toml, as svc dispatch does). A record filed in a
// month can only come from a ticket received in that month or before, so
// once a month's tickets are made its records can be numbered; the tickets
// that wait meanwhile (filed next month) stay in memory.
class Writer {
 public:
  Writer(const svc::Store& store, svc::Disk* disk, Counts* counts)
      : store_(store), disk_(disk), counts_(counts) {}

  Status Add(svc::Ticket t) {
    waiting_.push_back(Waiting{std::move(t), 0});
    Waiting& w = waiting_.back();
    for (const svc::Event& e : w.t.events) {
      if (e.action != "dispatch") continue;
      Date d = svc::LocalDate(svc::InOffset(e.at, store_.config().offset_minutes));
      slots_.push_back(
          Slot{e.at.secs, serial_++, e.Str("dept"), d.year, d.month, &w, e.Str("record")});
      ++w.slots;
    }
    if (w.slots) return Status::OK();
    Status s = Write(w.t);
    waiting_.pop_back();
    return s;
  }

  // Numbers the records filed up to year/month and writes the tickets complete.
  Status Flush(int year, int month) {
    auto due = std::stable_partition(slots_.begin(), slots_.end(), [&](const Slot& s) {
      return std::pair(s.year, s.month) <= std::pair(year, month);
    });
    std::sort(slots_.begin(), due, [](const Slot& a, const Slot& b) {
      return std::tie(a.dept, a.year, a.month, a.filed, a.serial) <
             std::tie(b.dept, b.year, b.month, b.filed, b.serial);
    });
    const svc::Config& config = store_.config();
    for (auto it = slots_.begin(); it != due; ++it) {
      int& seq = numbers_[{it->dept, it->year, it->month}];
      svc::DocNumber n{it->dept, it->year, it->month, ++seq, config.sequence_width};
      int limit = 1;
      for (int i = 0; i < config.sequence_width; ++i) limit *= 10;
      if (seq >= limit) {
        return Status::Corruption(fmt::format("too many outbound records for {}", n.str()));
      }
      for (svc::Event& e : it->owner->t.events) {
        if (e.Str("record") == it->placeholder) e.Set("record", n.str());
      }
      std::string folder = store_.Abs(svc::MonthFolder(svc::kOutboundFolder, n.year, n.month));
      if (folder != folder_) {
        SVC_RETURN_IF_ERROR(disk_->MakeDirs(folder));
        folder_ = folder;
      }
      SVC_RETURN_IF_ERROR(disk_->WriteFileAtomic(
          store_.Abs(svc::OutboundPath(n)), svc::WriteOutboundEntry({n.str(), it->owner->t.id})));
      --it->owner->slots;
      ++counts_->records;
    }
    slots_.erase(slots_.begin(), due);
    for (auto it = waiting_.begin(); it != waiting_.end();) {
      if (it->slots) {
        ++it;
        continue;
      }
      SVC_RETURN_IF_ERROR(Write(it->t));
      it = waiting_.erase(it);
    }
    return Status::OK();
  }

 private:
  struct Waiting {
    svc::Ticket t;
    int slots = 0;  // records not numbered yet
  };
  struct Slot {
    int64_t filed;
    uint64_t serial;
    std::string dept;
    int year, month;
    Waiting* owner;
    std::string placeholder;
  };

  Status Write(const svc::Ticket& t) {
    svc::TicketState st;
    SVC_RETURN_IF_ERROR(svc::Fold(t, store_.config(), std::nullopt, &st));
    ++counts_->tickets;
    if (st.voided) {
      ++counts_->voided;
    } else if (st.survey) {
      ++counts_->surveyed;
    } else if (st.closing) {
      ++counts_->unsurveyed;
    } else if (st.classification) {
      ++counts_->open;
    } else {
      ++counts_->fresh;
    }
    if (st.reopened()) ++counts_->reopened;
    if (!st.corrections.empty()) ++counts_->corrected;
    if (std::any_of(t.events.begin(), t.events.end(),
                    [](const svc::Event& e) { return e.Flag("amend"); })) {
      ++counts_->amended;
    }
    return store_.Create(t);
  }

  const svc::Store& store_;
  svc::Disk* disk_;
  Counts* counts_;
  std::list<Waiting> waiting_;  // stable addresses for the slots
  std::vector<Slot> slots_;
  std::map<MonthKey, int> numbers_;
  uint64_t serial_ = 0;
  std::string folder_;
};

struct Options {
  std::string dir;
  long long count = 0;
  uint64_t seed = 1;
  int start_year = 2017, start_month = 1;
  std::vector<std::string> codes = {"SH", "YX", "SC", "SJ", "XT", "YF", "HY", "ZL", "ZC1", "ZC2"};
  int per_month_min = 80, per_month_max = 99;
  bool print_now = false;
  // --taskwarrior DIR --now TIME [--shift SECONDS]
  std::string taskwarrior, now;
  long long shift = 0;
  bool bare = false;  // --bare: no fault description, no annotations
};

// The options against the default configuration, before anything is written.
Status Validate(const Options& o, svc::Config* config) {
  SVC_RETURN_IF_ERROR(svc::ParseConfig(svc::DefaultConfigText(), "svc.toml", config));
  for (const std::string& code : o.codes) {
    if (!config->FindDepartment(code)) {
      return Status::InvalidArgument(
          fmt::format("--codes: '{}' is no department in svc.toml", code));
    }
  }
  return Status::OK();
}

// How many tickets each code receives in each month, until N.
struct MonthPlan {
  int year, month;
  std::vector<std::pair<std::string, int>> counts;
};

Status PlanMonths(const Options& o, int limit, std::vector<MonthPlan>* out) {
  Random r(o.seed * 0x2545F4914F6CDD1Dull + 7);  // its own stream: the plan alone decides `now`
  long long left = o.count;
  for (int year = o.start_year, month = o.start_month; left > 0;) {
    if (year > 2099) {  // numbers carry a two-digit year
      return Status::InvalidArgument(
          fmt::format("{} tickets do not fit before 2100 with {} codes: give more --codes, a "
                      "higher --per-month or an earlier --start",
                      o.count, o.codes.size()));
    }
    MonthPlan m{year, month, {}};
    for (const std::string& code : o.codes) {
      long long n = std::min<long long>(
          left, std::min(limit, static_cast<int>(r.Between(o.per_month_min, o.per_month_max))));
      if (n > 0) m.counts.emplace_back(code, static_cast<int>(n));
      left -= n;
    }
    out->push_back(std::move(m));
    if (++month == 13) month = 1, ++year;
  }
  return Status::OK();
}

// The store's `now`: 09:00 on the first day after its last month, when the
// last requests are hours or days old and the first ones years.
Time NowAfter(const MonthPlan& last, int offset) {
  Date next = last.month == 12 ? Date{last.year + 1, 1, 1} : Date{last.year, last.month + 1, 1};
  return Time{svc::StartOfDay(next, offset).secs + 9 * 3600, offset};
}

Status Generate(const Options& o) {
  svc::Config defaults;
  SVC_RETURN_IF_ERROR(Validate(o, &defaults));
  int limit = 1;
  for (int i = 0; i < defaults.sequence_width; ++i) limit *= 10;
  --limit;
  std::vector<MonthPlan> months;
  SVC_RETURN_IF_ERROR(PlanMonths(o, limit, &months));
  Time now = NowAfter(months.back(), defaults.offset_minutes);
  if (o.print_now) {
    fmt::print("{}\n", svc::FormatTime(now));
    return Status::OK();
  }
  SVC_RETURN_IF_ERROR(svc::Store::Init(o.dir, svc::RealDisk()));
  BulkDisk disk;
  std::unique_ptr<svc::Store> store;
  SVC_RETURN_IF_ERROR(svc::Store::Open(o.dir, &disk, &store));
  const svc::Config& config = store->config();
  World world{config, now, svc::StartOfDay({o.start_year, o.start_month, 1}, config.offset_minutes),
              limit,  {},  0};
  Counts counts;
  Writer writer(*store, &disk, &counts);
  Random r(o.seed);
  std::vector<Site> sites = MakeSites(r, 2000);
  for (const MonthPlan& m : months) {
    for (const auto& [code, n] : m.counts) {
      // Tickets 01..n of `code`, numbered in order of receipt.
      std::vector<Time> received;
      for (int i = 0; i < n; ++i) {
        received.push_back(WorkingMoment(r, m.year, m.month, config.offset_minutes));
      }
      std::sort(received.begin(), received.end(),
                [](const Time& a, const Time& b) { return a.secs < b.secs; });
      for (int seq = 1; seq <= n; ++seq) {
        svc::DocNumber id{code, m.year, m.month, seq, config.sequence_width};
        Status s;
        svc::Ticket t = MakeTicket(world, r, sites, code, id, received[seq - 1], &s);
        SVC_RETURN_IF_ERROR(s.Prefixed(id.str()));
        SVC_RETURN_IF_ERROR(writer.Add(std::move(t)));
      }
    }
    SVC_RETURN_IF_ERROR(writer.Flush(m.year, m.month));
  }
  SVC_RETURN_IF_ERROR(writer.Flush(9999, 12));
  std::fprintf(stderr,
               "svc-gen: %lld tickets to %04d-%02d: %lld closed and surveyed, %lld closed awaiting "
               "the survey, %lld under way, %lld not classified, %lld voided; %lld outbound "
               "records; %lld reopened, %lld with a corrected form, %lld with an amended close "
               "or survey; now = %s\n",
               counts.tickets, months.back().year, months.back().month, counts.surveyed,
               counts.unsurveyed, counts.open, counts.fresh, counts.voided, counts.records,
               counts.reopened, counts.corrected, counts.amended, svc::FormatTime(now).c_str());
  return Status::OK();
}

// ---- --taskwarrior: the same tickets as Taskwarrior tasks ----

// 20261129T020000Z: Taskwarrior's own date form, in UTC. Times before 2000
// are written as 2000-01-01: `task import` (2.6) refuses dates of the 1970s
// ("missing ']' at position 1"), and a million-ticket store moved to the
// system clock reaches back that far. Only `entry` and `end` of long-closed
// tickets are that old, never a `due` date, so the count is the same.
std::string TaskDate(int64_t secs) {
  secs = std::max<int64_t>(secs, 946684800);  // 2000-01-01T00:00:00Z
  int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400, sod = secs - days * 86400;
  Date d = svc::DateFromDays(days);
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", d.year, d.month, d.day, sod / 3600,
                     sod / 60 % 60, sod % 60);
}

// A UUID that depends only on the ticket number.
std::string TaskUuid(std::string_view id) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (char c : id) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  Random r(h);
  uint64_t a = r.Next(), b = r.Next();
  a = (a & ~0xF000ull) | 0x4000ull;        // version 4
  b = (b & ~(3ull << 62)) | (2ull << 62);  // variant 1
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xFFFF, a & 0xFFFF,
                     b >> 48, b & 0xFFFFFFFFFFFFull);
}

// A multi-line text on one line.
std::string OneLine(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  return s;
}

// Every ticket as a Taskwarrior task (JSON for `task import`), judged as of
// `now`: pending with `due` at the earliest deadline of its running clocks
// (so `task +OVERDUE` counts the tickets `svc overdue` lists), pending
// without `due` when under way with no clock running, completed when closed
// (at the survey), deleted when voided; unless --bare, the fault
// description follows the customer in the description and every event is an
// annotation at its time ("actor action key=value; ..."). Every time is
// moved by `shift` seconds: Taskwarrior has no --now and compares with the
// system clock.
Status ExportTaskwarrior(const Options& o) {
  std::unique_ptr<svc::Store> store;
  SVC_RETURN_IF_ERROR(svc::Store::Open(o.taskwarrior, svc::RealDisk(), &store));
  const svc::Config& config = store->config();
  Time now;
  SVC_RETURN_IF_ERROR(svc::ParseTime(o.now, config.offset_minutes, &now).Prefixed("--now"));
  std::string out = "[\n";
  long long n = 0, due = 0;
  Status scan = store->ForEachFile([&](const svc::Store::Entry& e) -> Status {
    if (!e.numbered) return Status::OK();
    svc::Ticket t;
    svc::TicketState st;
    SVC_RETURN_IF_ERROR(store->LoadFile(e, &t));
    SVC_RETURN_IF_ERROR(svc::Fold(t, config, now, &st));
    if (!st.opened) return Status::OK();  // received after now
    std::optional<int64_t> deadline;
    if (!st.voided) {
      for (const svc::Clock& c : svc::ComputeClocks(t, config, now)) {
        if (!c.stop && (!deadline || c.deadline.secs < *deadline)) deadline = c.deadline.secs;
      }
    }
    std::string status = deadline     ? "pending"
                         : st.voided  ? "deleted"
                         : st.closing ? "completed"
                                      : "pending";
    out += fmt::format(
        "{}{{\"uuid\":\"{}\",\"status\":\"{}\",\"description\":{},\"project\":\"{}\","
        "\"entry\":\"{}\"",
        n++ ? ",\n" : "", TaskUuid(t.id), status,
        svc::JsonQuote(
            o.bare ? fmt::format("{} {}", t.id, t.customer.name)
                   : fmt::format("{} {}: {}", t.id, t.customer.name, OneLine(t.description))),
        st.route().empty() ? t.via : st.route(), TaskDate(t.received.secs + o.shift));
    if (deadline) {
      out += fmt::format(",\"due\":\"{}\"", TaskDate(*deadline + o.shift));
      ++due;
    }
    if (status == "completed") {
      const svc::Step& end = st.survey ? static_cast<const svc::Step&>(*st.survey) : *st.closing;
      out += fmt::format(",\"end\":\"{}\"", TaskDate(end.at.secs + o.shift));
    } else if (status == "deleted") {
      out += fmt::format(",\"end\":\"{}\"", TaskDate(st.voided->at.secs + o.shift));
    }
    if (!o.bare && !t.events.empty()) {
      out += ",\"annotations\":[";
      for (size_t i = 0; i < t.events.size(); ++i) {
        const svc::Event& ev = t.events[i];
        std::string text = fmt::format("{} {}", ev.actor, ev.action);
        for (size_t f = 0; f < ev.fields.size(); ++f) {
          text += fmt::format("{}{}={}", f ? "; " : " ", ev.fields[f].first,
                              svc::ValueText(ev.fields[f].second));
        }
        out += fmt::format("{}{{\"entry\":\"{}\",\"description\":{}}}", i ? "," : "",
                           TaskDate(ev.at.secs + o.shift), svc::JsonQuote(text));
      }
      out += "]";
    }
    out += "}";
    return Status::OK();
  });
  SVC_RETURN_IF_ERROR(scan);
  out += "\n]\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fprintf(stderr, "svc-gen: %lld tasks, %lld with a due date\n", n, due);
  return Status::OK();
}

constexpr std::string_view kUsage =
    "usage: svc-gen DIR N [--seed S] [--start YYYY-MM] [--codes SH,YX,...] [--per-month MIN-MAX]\n"
    "               [--print-now]\n"
    "       svc-gen --taskwarrior DIR --now TIME [--shift SECONDS] [--bare]\n"
    "  Creates the records directory DIR with N generated tickets and their histories\n"
    "  (deterministic for a seed), as of a `now` after the last month (--print-now: print\n"
    "  it and write nothing). Defaults: --seed 1 --start 2017-01\n"
    "  --codes SH,YX,SC,SJ,XT,YF,HY,ZL,ZC1,ZC2 --per-month 80-99.\n"
    "  --taskwarrior: the tickets of DIR as JSON for `task import`, due at the earliest\n"
    "  running clock's deadline as of TIME, every time moved by SECONDS; the fault in the\n"
    "  description and every event as an annotation (--bare: neither).\n";

bool ParseInt(std::string_view s, long long* out) {
  if (s.empty() || s.size() > 18) return false;
  long long v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

bool ParsePair(std::string_view s, char sep, long long* a, long long* b) {
  size_t p = s.find(sep);
  return p != std::string_view::npos && ParseInt(s.substr(0, p), a) && ParseInt(s.substr(p + 1), b);
}

// Returns false (after a message) on a bad command line.
bool ParseArgs(int argc, char** argv, Options* o) {
  std::vector<std::string_view> positional;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "-h" || a == "--help") {
      std::fputs(kUsage.data(), stdout);
      std::exit(0);
    }
    if (a == "--print-now") {
      o->print_now = true;
      continue;
    }
    if (a == "--bare") {
      o->bare = true;
      continue;
    }
    if (!a.starts_with("--")) {
      positional.push_back(a);
      continue;
    }
    if (i + 1 >= argc) return std::fprintf(stderr, "svc-gen: %s needs a value\n", argv[i]), false;
    std::string_view v = argv[++i];
    long long x = 0, y = 0;
    if (a == "--seed" && ParseInt(v, &x)) {
      o->seed = static_cast<uint64_t>(x);
    } else if (a == "--start" && ParsePair(v, '-', &x, &y) && x >= 2000 && x <= 2099 && y >= 1 &&
               y <= 12) {
      o->start_year = static_cast<int>(x), o->start_month = static_cast<int>(y);
    } else if (a == "--per-month" && ParsePair(v, '-', &x, &y) && x >= 1 && x <= y && y < 1000000) {
      o->per_month_min = static_cast<int>(x), o->per_month_max = static_cast<int>(y);
    } else if (a == "--codes" && !v.empty()) {
      o->codes.clear();
      for (std::string_view c : svc::Split(v, ',')) o->codes.emplace_back(c);
    } else if (a == "--taskwarrior" && !v.empty()) {
      o->taskwarrior = v;
    } else if (a == "--now" && !v.empty()) {
      o->now = v;
    } else if (a == "--shift" &&
               (ParseInt(v, &x) ||
                (v.starts_with('-') && ParseInt(v.substr(1), &x) && (x = -x, true)))) {
      o->shift = x;
    } else {
      return std::fprintf(stderr, "svc-gen: bad option %s %s\n", argv[i - 1], argv[i]), false;
    }
  }
  if (!o->taskwarrior.empty()) {
    if (!positional.empty() || o->now.empty()) {
      std::fputs(kUsage.data(), stderr);
      return false;
    }
    return true;
  }
  if (positional.size() != 2 || !ParseInt(positional[1], &o->count) || o->count < 1) {
    std::fputs(kUsage.data(), stderr);
    return false;
  }
  o->dir = positional[0];
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!ParseArgs(argc, argv, &o)) return 2;
  Status s = o.taskwarrior.empty() ? Generate(o) : ExportTaskwarrior(o);
  if (!s.ok()) {
    std::fprintf(stderr, "svc-gen: %s\n", s.message().c_str());
    return s.code() == Status::Code::kInvalidArgument ? 2 : 1;
  }
  return 0;
}
